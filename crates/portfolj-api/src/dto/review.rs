//! Beredning on the wire: rounds, members, jäv, scores and the round's summary.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::PersonDto;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CreateRoundDto {
    pub portfolio: u8,
    pub year: i32,
}

/// A review round: one portfolio, one year, its appointed members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RoundDto {
    pub id: String,
    pub portfolio: u8,
    pub year: i32,
    /// `open` or `closed`.
    pub state: String,
    pub members: Vec<PersonDto>,
    /// Applications in the round (the portfolio's nyttovärderade applications of the year).
    pub applications: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AddMemberDto {
    pub round_id: String,
    /// The person's id or e-mail address.
    pub person_id: String,
}

/// A declared jäv: by the member for themselves, or recorded by the office for a member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DeclareJavDto {
    pub round_id: String,
    pub application_id: String,
    /// Whose jäv; left out for one's own.
    #[serde(default)]
    pub person_id: Option<String>,
    /// `personal_relation`, `economic_interest` or `other`.
    pub kind: String,
    pub motivation: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CriterionScoreDto {
    pub level: u8,
    #[serde(default)]
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SaveScoreDto {
    pub round_id: String,
    pub application_id: String,
    /// Level and comment per criterion key of the round's rubric.
    pub criteria: BTreeMap<String, CriterionScoreDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SavedScoreDto {
    /// Versions count from 1; an earlier version is kept, never replaced.
    pub version: u32,
    /// The weighted total, exact.
    pub total: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct JavDto {
    pub person_name: String,
    /// `same_unit`, `co_benefiting_unit`, `personal_relation`, `economic_interest`, `other`.
    pub kind: String,
    /// In Swedish, for the minutes.
    pub kind_sv: String,
}

/// One application of a round, as the group and the projektkontor see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SummaryRowDto {
    pub application_id: String,
    pub title: String,
    /// The members' scores are hidden from you: you are jävig for this application.
    pub hidden: bool,
    pub scores: u32,
    pub mean: Option<String>,
    pub median: Option<String>,
    pub min: Option<String>,
    pub max: Option<String>,
    pub spread: Option<String>,
    pub std_dev: Option<String>,
    pub disagreement: bool,
    /// Every assigned, non-jävig member has scored (absence comes in a later slice).
    pub complete: bool,
    /// Names of the members still to score.
    pub missing: Vec<String>,
    pub jav: Vec<JavDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RoundSummaryDto {
    pub round: RoundDto,
    /// Spread (max − min, in scale steps) above which the members disagree.
    pub disagreement_threshold: String,
    pub rows: Vec<SummaryRowDto>,
}
