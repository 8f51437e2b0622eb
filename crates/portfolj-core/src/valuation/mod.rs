//! Nyttovärdering: the benefit-valuation worksheet and its economics (DOMAIN.md §6).
//!
//! A [`Worksheet`] holds the round's [`Parameters`], benefit lines and cost lines;
//! [`evaluate`] turns it into [`Results`]: the yearly table, net present value,
//! benefit/cost ratio, payback year, certainty-weighted values, sensitivity (tornado
//! order) and switching values, before and after optimism bias. Everything is exact
//! `Decimal` arithmetic; nothing is rounded here (rounding is for display only).

mod flags;
mod model;
mod optimism;
mod results;

pub use flags::{
    ApplicationFacts, Flag, OtherWorksheet, authorize_valuer, default_plausible_ratio, flags, resolution_sv,
    target_years,
};
pub use model::{
    Amount, BenefitClass, BenefitKind, BenefitLine, CostKind, CostLine, CostSchedule, Parameters, Range, Worksheet,
    YearAmount, is_target_key,
};
pub use optimism::{BiasFactor, OptimismBias, ProjectType, Uplifts};
pub use results::{CannotCompute, Results, SensitivityRow, SwitchingValue, YearRow, benefit_in_year, evaluate};

#[cfg(test)]
mod tests;
