//! Follow-up on the wire: the final report, the effekthemtagning per benefit line, what is
//! due, and the realisation rate across the programme. Money as exact decimal strings.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::LanguageDto;

/// `followup.final_report`: the slutrapport that closes a running project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct FinalReportInputDto {
    pub application_id: String,
    pub delivered: String,
    /// As typed, e.g. "1 234 567,50".
    pub final_cost: String,
    /// Needed when the final cost is above the granted amount.
    #[serde(default)]
    pub cost_explanation: String,
    pub lessons: String,
    /// ISO date; the system owner's acceptance of operations.
    #[serde(default)]
    pub owner_accepted_on: Option<String>,
    /// ISO date.
    pub closed_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FinalReportDto {
    pub delivered: String,
    pub final_cost: String,
    /// The newest decision's granted amount, to compare with.
    pub granted_amount: Option<String>,
    pub cost_explanation: String,
    pub lessons: String,
    pub owner_accepted_on: String,
    pub closed_on: String,
    pub recorded_by_name: String,
    pub recorded_at: String,
}

/// One benefit line: what the valuation promised for the compared year and, once followed
/// up, what was realised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FollowUpLineDto {
    /// The line's place in the valuation, from 0.
    pub line: u32,
    pub name: String,
    /// `citizen` or `internal`.
    pub kind: String,
    pub budget_releasing: bool,
    /// Kronor for the compared year; `None` for a qualitative line.
    pub valued: Option<String>,
    pub realised: Option<String>,
    pub difference: Option<String>,
    pub rate_percent: Option<String>,
    pub evidence: String,
    pub budget_reduced: bool,
    pub deviation: String,
}

/// Valued and realised money over one or more followed-up projects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RealisationFiguresDto {
    pub projects: u32,
    pub valued: String,
    pub realised: String,
    /// Realised as a percentage of valued; `None` when nothing was valued.
    pub rate_percent: Option<String>,
}

/// `followup.get`: an application's final report and follow-up, or what its follow-up will
/// ask.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FollowUpViewDto {
    pub application_id: String,
    pub title: String,
    pub final_report: Option<FinalReportDto>,
    /// ISO dates, once the project is closed.
    pub closed_on: Option<String>,
    pub due_on: Option<String>,
    /// The valuation year the realised amounts are compared with.
    pub compared_year: Option<i32>,
    /// Whether the follow-up is recorded; if not, `lines` are the valuation's lines to fill.
    pub recorded: bool,
    pub lines: Vec<FollowUpLineDto>,
    pub summary: String,
    pub recorded_by_name: Option<String>,
    pub recorded_at: Option<String>,
    /// The monetary lines together, once recorded.
    pub total: Option<RealisationFiguresDto>,
}

/// One line of `followup.record`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RealisedLineInputDto {
    pub line: u32,
    /// Kronor per year as typed; left out for a qualitative line.
    #[serde(default)]
    pub realised: Option<String>,
    pub evidence: String,
    #[serde(default)]
    pub budget_reduced: bool,
    #[serde(default)]
    pub deviation: String,
}

/// `followup.record`: the effekthemtagning one year after closing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct FollowUpInputDto {
    pub application_id: String,
    pub lines: Vec<RealisedLineInputDto>,
    #[serde(default)]
    pub summary: String,
}

/// A closed project whose follow-up is not yet recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DueFollowUpDto {
    pub application_id: String,
    pub title: String,
    pub unit_name: String,
    pub portfolio: u8,
    pub fiscal_year: i32,
    pub closed_on: String,
    pub due_on: String,
    /// Past its due date.
    pub overdue: bool,
}

/// `followup.realisation`: which years and portfolios; all when left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RealisationArgsDto {
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub portfolio: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RealisationRowDto {
    pub portfolio: u8,
    /// The budget year the projects were granted for; `None` on a portfolio's total.
    pub year: Option<i32>,
    pub figures: RealisationFiguresDto,
}

/// Realised against valued: per portfolio and year, per portfolio, and for the programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RealisationDto {
    pub by_portfolio_and_year: Vec<RealisationRowDto>,
    pub by_portfolio: Vec<RealisationRowDto>,
    pub total: RealisationFiguresDto,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MilestoneDto {
    pub name: String,
    /// ISO date.
    pub due_on: String,
    pub done: bool,
}

/// `status.submit`: a status report on a running project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct StatusReportInputDto {
    pub application_id: String,
    /// Any ISO date in the period reported on; the schedule decides the period.
    pub period: String,
    /// `green`, `yellow` or `red`.
    pub time: String,
    pub cost: String,
    pub scope: String,
    /// Kronor as typed.
    pub spent_to_date: String,
    pub forecast: String,
    #[serde(default)]
    pub milestones: Vec<MilestoneDto>,
    #[serde(default)]
    pub risks: String,
    #[serde(default)]
    pub comment: String,
    /// Needed when spent to date is lower than in the previous report.
    #[serde(default)]
    pub correction_reason: String,
}

/// One traffic light, with its meaning in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LightDto {
    pub code: String,
    pub text_sv: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StatusReportDto {
    pub id: String,
    pub application_id: String,
    pub period_label: String,
    pub period_start: String,
    pub period_end: String,
    pub time: LightDto,
    pub cost: LightDto,
    pub scope: LightDto,
    pub spent_to_date: String,
    pub forecast: String,
    pub milestones: Vec<MilestoneDto>,
    pub risks: String,
    pub comment: String,
    pub correction_reason: String,
    pub author_name: String,
    pub written_at: String,
}

/// How often running projects report: every 1, 3 or 6 months, due `grace_days` after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ScheduleDto {
    pub months: u32,
    pub grace_days: u32,
}

/// A running project's status report that is past due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OverdueReportDto {
    pub application_id: String,
    pub title: String,
    pub unit_name: String,
    pub period_label: String,
    pub period_start: String,
    pub due_on: String,
}

/// `status.bundle.export`: the reports written on this laptop, signed for the office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct StatusBundleDto {
    #[serde(default)]
    pub passphrase: Option<String>,
    /// Only reports written from this ISO date on; all when left out.
    #[serde(default)]
    pub since: Option<String>,
}

/// `indicator.define`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct IndicatorInputDto {
    pub name: String,
    /// `external_benefit`, `internal_benefit`, `it_maturity`, `it_cost` or `it_quality`.
    pub perspective: String,
    pub unit: String,
    /// `objective` or `survey`.
    pub method: String,
    /// `higher` or `lower` is better.
    pub direction: String,
    /// As typed, e.g. "99,5"; left out for none.
    #[serde(default)]
    pub target: Option<String>,
}

/// `indicator.measure`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MeasurementInputDto {
    pub indicator_id: String,
    /// ISO date.
    pub measured_on: String,
    /// As typed, e.g. "99,5".
    pub value: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MeasurementDto {
    pub measured_on: String,
    pub value: String,
    pub note: String,
    pub meets_target: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct IndicatorDto {
    pub id: String,
    pub name: String,
    pub perspective: String,
    pub unit: String,
    pub method: String,
    pub direction: String,
    pub target: Option<String>,
    /// Oldest first.
    pub measurements: Vec<MeasurementDto>,
    /// `improving`, `steady`, `worsening` or `too_few`, and in words.
    pub trend: String,
    pub trend_sv: String,
}

/// One of the five perspectives with its indicators (perhaps none yet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PerspectiveDto {
    pub perspective: String,
    pub name_sv: String,
    pub indicators: Vec<IndicatorDto>,
}

/// `followup.money`: granted and spent per portfolio and budget year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MoneyRowDto {
    pub portfolio: u8,
    pub year: i32,
    pub granted: String,
    pub spent: String,
    /// Granted projects.
    pub projects: u32,
}

/// `report.programme`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeReportArgsDto {
    pub year: i32,
    #[serde(default)]
    pub language: LanguageDto,
}
