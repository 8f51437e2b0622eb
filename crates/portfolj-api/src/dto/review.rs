//! Beredning on the wire: rounds, their rubric, members and assignments, jäv, absences,
//! scores and drafts, the round's summary and matrix, recommendations and the overview.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ApplicationStateDto, PersonDto};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CreateRoundDto {
    pub portfolio: u8,
    pub year: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RubricLevelDto {
    pub value: u8,
    /// What this level means.
    pub anchor: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CriterionDto {
    pub key: String,
    pub name: String,
    /// Relative weight; a rubric's weights add up to 100.
    pub weight: String,
    pub levels: Vec<RubricLevelDto>,
    pub comment_required: bool,
}

/// Weighted criteria on one fixed scale, each level anchored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RubricDto {
    pub scale_min: u8,
    pub scale_max: u8,
    pub criteria: Vec<CriterionDto>,
}

/// `review.rubric.set`: the office replaces the round's rubric until the first score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SetRubricDto {
    pub round_id: String,
    pub rubric: RubricDto,
}

/// A member of a round's group and their load.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RoundMemberDto {
    pub person: PersonDto,
    /// Reviews every application of the round (no subset assigned).
    pub assigns_all: bool,
    /// The most applications the office gives this member, if limited.
    pub cap: Option<u32>,
    /// Applications assigned to the member.
    pub load: u32,
    /// Of those, scored.
    pub scored: u32,
}

/// A review round: one portfolio, one year, its group and rubric.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RoundDto {
    pub id: String,
    pub portfolio: u8,
    pub year: i32,
    /// `open` or `closed`.
    pub state: String,
    pub members: Vec<RoundMemberDto>,
    /// Applications in the round (the portfolio's applications of the year from
    /// nyttovärderad on).
    pub applications: u32,
    pub rubric: RubricDto,
    /// A score has arrived: the rubric can no longer change.
    pub rubric_locked: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AddMemberDto {
    pub round_id: String,
    /// The person's id or e-mail address.
    pub person_id: String,
}

/// `review.assign`: what one member reviews.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AssignDto {
    pub round_id: String,
    pub person_id: String,
    /// The applications; left out for every application of the round.
    #[serde(default)]
    pub application_ids: Option<Vec<String>>,
    #[serde(default)]
    pub cap: Option<u32>,
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

/// `review.absent`: the office marks an assigned member absent for one application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MarkAbsentDto {
    pub round_id: String,
    pub application_id: String,
    pub person_id: String,
    pub reason: String,
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DraftCriterionDto {
    #[serde(default)]
    pub level: Option<u8>,
    #[serde(default)]
    pub comment: String,
}

/// `review.draft.save`: a member's unfinished score, kept on their laptop only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SaveDraftDto {
    pub round_id: String,
    pub application_id: String,
    pub criteria: BTreeMap<String, DraftCriterionDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct JavDto {
    pub person_id: String,
    pub person_name: String,
    /// `same_unit`, `co_benefiting_unit`, `personal_relation`, `economic_interest`, `other`.
    pub kind: String,
    /// In Swedish, for the minutes.
    pub kind_sv: String,
    /// Empty for the kinds found from the organisation.
    pub motivation: String,
}

/// The fastställd valuation's figures a reviewer scores benefit against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ValuationSummaryDto {
    pub valuer: String,
    pub approved_at: Option<String>,
    pub pv_benefits: String,
    pub pv_costs: String,
    pub npv: String,
    pub benefit_cost_ratio: Option<String>,
    pub payback_year: Option<i32>,
}

/// One application on a member's scoring screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MyItemDto {
    pub application_id: String,
    pub title: String,
    pub unit_name: String,
    pub requested_amount: String,
    pub purpose: String,
    pub valuation: Option<ValuationSummaryDto>,
    /// The member's jäv for this application: when any, it cannot be scored.
    pub jav: Vec<JavDto>,
    /// The member's newest submitted score.
    pub score: Option<BTreeMap<String, CriterionScoreDto>>,
    pub version: Option<u32>,
    pub total: Option<String>,
    /// An autosaved draft newer than the submitted score.
    pub draft: Option<BTreeMap<String, DraftCriterionDto>>,
}

/// `review.mine`: what the acting member has to score in a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MyReviewDto {
    pub round: RoundDto,
    pub items: Vec<MyItemDto>,
}

/// One cell of the matrix applications × members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CellDto {
    pub person_id: String,
    /// `scored`, `missing`, `jav`, `absent`, `not_assigned` or `hidden` (you are jävig).
    pub state: String,
    pub total: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AbsenceDto {
    pub person_id: String,
    pub person_name: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RecommendationDto {
    pub version: u32,
    /// `support`, `support_with_conditions`, `oppose` or `supplement`.
    pub kind: String,
    pub kind_sv: String,
    pub motivation: String,
    pub conditions: String,
    pub meeting_date: String,
    pub recorded_by: String,
    pub recorded_at: String,
}

/// `review.recommend`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RecommendDto {
    pub round_id: String,
    pub application_id: String,
    pub kind: String,
    pub motivation: String,
    #[serde(default)]
    pub conditions: String,
    /// ISO date of the group's meeting.
    pub meeting_date: String,
}

/// One application of a round, as the group and the projektkontor see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SummaryRowDto {
    pub application_id: String,
    pub title: String,
    pub state: ApplicationStateDto,
    /// The members' scores are hidden from you: you are jävig for this application and
    /// the group has not recommended yet.
    pub hidden: bool,
    pub scores: u32,
    pub mean: Option<String>,
    pub median: Option<String>,
    pub min: Option<String>,
    pub max: Option<String>,
    pub spread: Option<String>,
    pub std_dev: Option<String>,
    pub disagreement: bool,
    /// The mean after removing each member's leniency.
    pub normalised_mean: Option<String>,
    /// 1 is best; by raw and by normalised mean.
    pub raw_rank: Option<u32>,
    pub normalised_rank: Option<u32>,
    /// The most the raw rank moves when any one member is left out.
    pub rank_move: Option<u32>,
    /// Every assigned, non-jävig member has scored or is marked absent.
    pub complete: bool,
    /// Names of the members still to score.
    pub missing: Vec<String>,
    pub jav: Vec<JavDto>,
    pub absent: Vec<AbsenceDto>,
    /// One per member of the round, in the round's member order.
    pub cells: Vec<CellDto>,
    pub recommendation: Option<RecommendationDto>,
}

/// A member's leniency against the group on shared applications.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CalibrationDto {
    pub person_id: String,
    pub name: String,
    /// Positive is lenient, negative strict, in scale steps.
    pub leniency: String,
    pub scores: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RoundSummaryDto {
    pub round: RoundDto,
    /// Spread (max − min, in scale steps) above which the members disagree.
    pub disagreement_threshold: String,
    pub rows: Vec<SummaryRowDto>,
    pub calibration: Vec<CalibrationDto>,
}

/// `review.history`: the score versions of one application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ScoreHistoryArgsDto {
    pub round_id: String,
    pub application_id: String,
}

/// One version of one member's score: who changed which score when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ScoreVersionDto {
    pub person_id: String,
    pub person_name: String,
    pub version: u32,
    pub total: String,
    pub submitted_at: String,
    pub criteria: BTreeMap<String, CriterionScoreDto>,
}

/// Every round at a glance, from the maintained aggregates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RoundOverviewDto {
    pub round_id: String,
    pub portfolio: u8,
    pub year: i32,
    pub state: String,
    pub applications_scored: u32,
    pub scores: u32,
    /// Criterion levels behind the scores.
    pub criterion_levels: u32,
    pub disagreements: u32,
}

/// `review.bundle.export`: the office's reviewer bundle for one member of a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ReviewerBundleDto {
    pub round_id: String,
    pub person_id: String,
    #[serde(default)]
    pub passphrase: Option<String>,
}

/// `review.scores.export`: the member's signed scores (and declared jäv) of a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ScoresBundleDto {
    pub round_id: String,
    #[serde(default)]
    pub passphrase: Option<String>,
}

/// `review.round.close`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CloseRoundDto {
    pub round_id: String,
}
