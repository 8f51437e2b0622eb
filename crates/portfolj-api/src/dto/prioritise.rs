//! Prioritisation on the wire: what the office asks, and the selection with its reasons
//! and the efficient frontier.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{PortfolioPartDto, SubFrameDto};

/// (application, what it requires) or (application, what it excludes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PairDto {
    pub application_id: String,
    pub other_id: String,
}

/// `prioritise.run`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PrioritiseDto {
    pub portfolio: u8,
    pub year: i32,
    /// `score` (the group's mean), `npv`, or `combined`.
    #[serde(default = "score")]
    pub objective: String,
    /// With `combined`: the score's share of the value in percent (the rest is NPV).
    #[serde(default)]
    pub score_weight_percent: Option<u32>,
    /// Another frame than the recorded one, in kronor (for a scenario).
    #[serde(default)]
    pub frame: Option<String>,
    #[serde(default)]
    pub forced_in: Vec<String>,
    #[serde(default)]
    pub forced_out: Vec<String>,
    #[serde(default)]
    pub requires: Vec<PairDto>,
    #[serde(default)]
    pub excludes: Vec<PairDto>,
    /// The frontier's step in percent of the frame (0–150 %); left out for none.
    #[serde(default)]
    pub frontier_step: Option<u32>,
}

fn score() -> String {
    "score".to_owned()
}

/// One candidate: chosen, or why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PriorityRowDto {
    pub application_id: String,
    pub title: String,
    pub unit_name: String,
    /// Kronor, exact.
    pub amount: String,
    pub part: PortfolioPartDto,
    /// By the objective, exact.
    pub value: String,
    pub score_mean: Option<String>,
    pub npv: Option<String>,
    pub chosen: bool,
    /// `forced_out`, `requires`, `excluded_by`, `no_value`, `does_not_fit`,
    /// `lower_value_per_krona`; null when chosen.
    pub reason_code: Option<String>,
    /// Why not, in Swedish.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FrontierPointDto {
    pub percent: u32,
    pub budget: String,
    /// Null when the forced choices do not fit this budget.
    pub value: Option<String>,
    pub cost: String,
    /// Titles chosen here but not at the step before (the marginal applications).
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PrioritisationDto {
    pub portfolio: u8,
    pub year: i32,
    pub objective: String,
    pub frame: String,
    pub sub_frames: Vec<SubFrameDto>,
    pub value: String,
    pub cost: String,
    pub remaining: String,
    /// Chosen first (best value per krona first), then the rest in candidate order.
    pub rows: Vec<PriorityRowDto>,
    pub frontier: Vec<FrontierPointDto>,
}
