//! Prioritisation within a frame (DOMAIN.md §8): the selection of applications with the
//! greatest total value whose cost fits the frame and every sub-frame, honouring forced
//! choices, dependencies (A requires B) and mutual exclusions (A or B). Exact: a
//! branch-and-bound search whose bound is the fractional relaxation, so what it returns
//! is a true optimum. Money is whole öre; values are exact decimals.

mod problem;
mod search;
mod synthetic;
mod units;

#[cfg(test)]
mod tests;

pub use problem::{Candidate, Exclusion, FrontierPoint, Problem, Rules, Selection};
pub use search::{frontier, optimise};
pub use synthetic::synthetic;
