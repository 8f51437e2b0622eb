//! Beredning: the review groups' rubric, jäv, the rules a score must follow, and the
//! aggregation of scores into what the group and the projektkontor see (DOMAIN.md §7).
//! Pure: the callers supply the round, the members and the scores.

mod aggregate;
mod jav;
mod recommendation;
mod rubric;
mod score;

#[cfg(test)]
mod tests;

pub use aggregate::{
    ApplicationSummary, Calibration, MemberTotal, Stats, calibrate, completeness, rank_robustness, stats, summarise,
};
pub use jav::{Jav, JavKind, detect_unit_jav};
pub use recommendation::{RecommendationInput, RecommendationKind, check_assignment, check_recommendation};
pub use rubric::{Criterion, Level, Rubric};
pub use score::{CriterionScore, Score, ScoreContext, check_score};
