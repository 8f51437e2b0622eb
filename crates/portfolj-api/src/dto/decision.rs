//! Decisions on the wire.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// `decision.record`: the projektkontor records the stadsdirektör's decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RecordDecisionDto {
    pub application_id: String,
    /// `granted`, `rejected` or `referred_back`.
    pub kind: String,
    /// Kronor; only for `granted`.
    #[serde(default)]
    pub granted_amount: Option<String>,
    #[serde(default)]
    pub conditions: String,
    /// Diarienummer.
    pub case_number: String,
    /// YYYY-MM-DD.
    pub decided_on: String,
    /// The decider's id or e-mail address.
    pub decider_id: String,
    /// Why this replaces an earlier decision; needed only then.
    #[serde(default)]
    pub reason: String,
}

/// One version of an application's decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DecisionDto {
    pub version: u32,
    pub kind: String,
    pub kind_sv: String,
    pub granted_amount: Option<String>,
    pub conditions: String,
    pub case_number: String,
    pub decided_on: String,
    pub decider: String,
    pub reason: String,
    pub recorded_by: String,
    pub recorded_at: String,
}
