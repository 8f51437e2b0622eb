//! Prioritisation scenarios and the adopted proposal on the wire.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{PrioritisationDto, PrioritiseDto};

/// `scenario.save`: a new scenario, or (with its id) a changed one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SaveScenarioDto {
    #[serde(default)]
    pub id: Option<String>,
    pub name: String,
    /// The portfolio, year, frame, objective and forced choices, as `prioritise.run` takes them.
    pub settings: PrioritiseDto,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ScenarioDto {
    pub id: String,
    pub name: String,
    pub portfolio: u8,
    pub year: i32,
    pub settings: PrioritiseDto,
    pub saved_by: String,
    pub saved_at: String,
}

/// `scenario.compare`: scenarios side by side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CompareScenariosDto {
    pub ids: Vec<String>,
}

/// One scenario's outcome: its selection, or why its choices cannot hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ScenarioOutcomeDto {
    pub scenario: ScenarioDto,
    pub result: Option<PrioritisationDto>,
    /// In Swedish, when the scenario cannot be solved (e.g. forced choices over the frame).
    pub refusal: Option<String>,
}

/// One application across the compared scenarios.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ComparisonRowDto {
    pub application_id: String,
    pub title: String,
    /// Kronor, exact.
    pub amount: String,
    /// Per scenario in the order asked for: chosen or not; null where it was refused.
    pub chosen: Vec<Option<bool>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ScenarioComparisonDto {
    pub scenarios: Vec<ScenarioOutcomeDto>,
    /// Chosen somewhere first, then the rest.
    pub rows: Vec<ComparisonRowDto>,
}

/// `proposal.adopt`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AdoptScenarioDto {
    pub scenario_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProposalItemDto {
    pub rank: u32,
    pub application_id: String,
    pub title: String,
    /// Kronor, exact.
    pub amount: String,
}

/// The proposal (förslag) the office adopted for a portfolio and year; the memo uses the
/// newest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProposalDto {
    pub portfolio: u8,
    pub year: i32,
    pub version: u32,
    pub scenario_id: Option<String>,
    pub scenario_name: String,
    pub items: Vec<ProposalItemDto>,
    /// Kronor, exact.
    pub total: String,
    pub adopted_by: String,
    pub adopted_at: String,
}
