//! The full application as it crosses the API: the details form, versions, readiness,
//! the komplettering thread and coach notes. `ApplicationDetailsDto` is also the stored
//! document format of an application's details (and, inside `VersionContentDto`, of a
//! frozen version), so fields are only ever added, with serde defaults.

use chrono::NaiveDate;
use portfolj_core::application::details as core;
use portfolj_core::{CouncilGoal, Sek, ValidationErrors};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::NewApplicationDto;

macro_rules! wire_enum {
    ($(#[$doc:meta])* $dto:ident = $core:ident, ts $ts:literal { $($variant:ident),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
        #[serde(rename_all = "snake_case")]
        #[ts(rename = $ts)]
        pub enum $dto { $($variant),+ }

        impl From<$dto> for core::$core {
            fn from(v: $dto) -> Self {
                match v { $($dto::$variant => core::$core::$variant),+ }
            }
        }

        impl From<core::$core> for $dto {
            fn from(v: core::$core) -> Self {
                match v { $(core::$core::$variant => $dto::$variant),+ }
            }
        }
    };
}

wire_enum!(ProjectKindDto = ProjectKind, ts "ProjectKind" { PreStudy, Pilot, Implementation });
wire_enum!(ContributionDto = Contribution, ts "Contribution" { None, Some, Strong });
wire_enum!(PlatformDto = Platform, ts "Platform" { EServicePlatform, IdPortal, Lis });
wire_enum!(LevelDto = Level, ts "Level" { Low, Medium, High });

/// What the project does with a platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "PlatformUse")]
pub enum PlatformUseDto {
    Reused,
    NotApplicable,
    Exception,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct GoalContributionDto {
    /// "KF1", "KF2" or "KF3".
    pub goal: String,
    pub level: ContributionDto,
    #[serde(default)]
    pub motivation: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PlatformChoiceDto {
    pub platform: PlatformDto,
    pub usage: Option<PlatformUseDto>,
    /// The approved exception's case number, when `usage` is `exception`.
    #[serde(default)]
    pub exception_reference: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OperationsShareDto {
    pub unit_id: String,
    /// Percent as a decimal string, e.g. "62.5".
    pub share_percent: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BenefitPlanItemDto {
    pub benefit: String,
    pub responsible_unit_id: Option<String>,
    #[serde(default)]
    pub when: String,
    #[serde(default)]
    pub how: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RiskDto {
    pub description: String,
    pub likelihood: LevelDto,
    pub consequence: LevelDto,
    #[serde(default)]
    pub mitigation: String,
}

/// Requested money for one fiscal year (one stage), as decimal strings in kronor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct YearBudgetDto {
    pub year: i32,
    pub internal_time: String,
    pub external_services: String,
    pub licences: String,
    pub equipment: String,
}

impl YearBudgetDto {
    /// The year's requested total, exact; parts that cannot be read count as 0 (the
    /// details' own checks report them).
    pub fn total(&self) -> Decimal {
        [&self.internal_time, &self.external_services, &self.licences, &self.equipment]
            .iter()
            .filter_map(|part| Sek::parse(part).ok())
            .map(Sek::as_decimal)
            .sum()
    }
}

/// Everything beyond the basics. Dates are ISO `YYYY-MM-DD`; every field may be empty
/// in a draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct ApplicationDetailsDto {
    pub project_owner: String,
    pub project_leader: String,
    pub project_kind: Option<ProjectKindDto>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub problem: String,
    pub capabilities: String,
    pub target_groups: String,
    pub process_change: String,
    pub goal_contributions: Vec<GoalContributionDto>,
    pub co_benefiting_unit_ids: Vec<String>,
    pub platforms: Vec<PlatformChoiceDto>,
    pub system_owner: String,
    pub owner_representative: String,
    pub owner_accepted_on: Option<String>,
    pub operations_split: Vec<OperationsShareDto>,
    pub benefit_plan: Vec<BenefitPlanItemDto>,
    pub risks: Vec<RiskDto>,
    pub budget: Vec<YearBudgetDto>,
    pub exit_plan: String,
    pub lessons_plan: String,
    pub previous_application_id: Option<String>,
}

/// A frozen version: the basics, details and attachments exactly as submitted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VersionContentDto {
    pub basics: NewApplicationDto,
    pub details: ApplicationDetailsDto,
    #[serde(default)]
    pub attachments: Vec<AttachmentDto>,
}

/// An attached file, described (`application.attachments.get` fetches its content).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AttachmentDto {
    pub id: String,
    pub name: String,
    pub media_type: String,
    /// Bytes.
    pub size: u32,
    /// SHA-256 of the content, hex: the same file always has the same value.
    pub sha256: String,
    pub added_at: String,
    pub added_by: String,
}

/// `application.attachments.add`: a file as base64.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NewAttachmentDto {
    pub id: String,
    pub name: String,
    pub content_base64: String,
}

/// `application.attachments.remove`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AttachmentRefDto {
    pub id: String,
    pub attachment_id: String,
}

/// `application.attachments.get`: the file itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AttachmentContentDto {
    pub name: String,
    pub media_type: String,
    pub content_base64: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VersionSummaryDto {
    pub number: u32,
    pub frozen_at: String,
    pub frozen_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ApplicationVersionDto {
    pub number: u32,
    pub frozen_at: String,
    pub frozen_by: String,
    pub content: VersionContentDto,
}

/// One field that differs between two versions. `field` is a path such as
/// `details.risks[0].mitigation`; a missing side is null.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldChangeDto {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RuleResultDto {
    pub code: String,
    pub field: String,
    pub ok: bool,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReadinessDto {
    pub ready: bool,
    pub rules: Vec<RuleResultDto>,
}

/// `question` / `answer` in the komplettering thread; `note` for coach notes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MessageDto {
    pub at: String,
    pub author_name: String,
    pub kind: String,
    pub body: String,
}

/// Reads the document as stored. A document that does not parse (written by hand, or
/// damaged) is an error, never silently an empty application.
pub(crate) fn parse_document<T: for<'de> Deserialize<'de>>(what: &str, json: &str) -> Result<T, crate::ApiError> {
    serde_json::from_str(json).map_err(|e| {
        crate::ApiError::new(
            crate::ErrorCode::Storage,
            format!("{what} i databasen kunde inte läsas ({e}). Återställ databasen från en säkerhetskopia."),
        )
    })
}

fn date(text: &Option<String>, field: &'static str, errors: &mut ValidationErrors) -> Option<NaiveDate> {
    let text = text.as_deref().map(str::trim).filter(|t| !t.is_empty())?;
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| errors.push(field, "Ange datum som ÅÅÅÅ-MM-DD, till exempel 2014-03-01."))
        .ok()
}

fn money(text: &str, field: &'static str, errors: &mut ValidationErrors) -> Sek {
    if text.trim().is_empty() {
        return Sek::ZERO;
    }
    Sek::parse(text).map_err(|e| errors.push(field, e.to_string())).unwrap_or(Sek::ZERO)
}

fn unit(text: &str, field: &'static str, errors: &mut ValidationErrors) -> Option<portfolj_core::UnitId> {
    text.parse().map_err(|_| errors.push(field, "Välj en enhet ur listan.")).ok()
}

impl ApplicationDetailsDto {
    /// The domain form, or a Swedish message for every field that cannot be read.
    pub fn to_core(&self) -> Result<core::ApplicationDetails, ValidationErrors> {
        let (details, errors) = self.read_leniently();
        errors.into_result(|| details)
    }

    /// The domain form of everything readable, with a message for everything that is
    /// not (unreadable values are left empty), so a form hears of all its problems at once.
    pub fn read_leniently(&self) -> (core::ApplicationDetails, ValidationErrors) {
        let mut e = ValidationErrors::default();
        let goal_contributions = self
            .goal_contributions
            .iter()
            .filter_map(|g| {
                let goal = CouncilGoal::ALL.into_iter().find(|c| c.code() == g.goal);
                if goal.is_none() {
                    e.push("goal_contributions", format!("Okänt mål \"{}\"; välj KF1, KF2 eller KF3.", g.goal));
                }
                goal.map(|goal| core::GoalContribution {
                    goal,
                    level: g.level.into(),
                    motivation: g.motivation.trim().to_owned(),
                })
            })
            .collect();
        let platforms = self
            .platforms
            .iter()
            .map(|p| {
                let usage = p.usage.map(|u| match u {
                    PlatformUseDto::Reused => core::PlatformUse::Reused,
                    PlatformUseDto::NotApplicable => core::PlatformUse::NotApplicable,
                    PlatformUseDto::Exception => {
                        core::PlatformUse::Exception { reference: p.exception_reference.trim().to_owned() }
                    }
                });
                (p.platform.into(), usage)
            })
            .collect();
        let operations_split = self
            .operations_split
            .iter()
            .filter_map(|s| {
                let percent = s.share_percent.trim().replace(',', ".").parse::<Decimal>();
                if percent.is_err() {
                    e.push("operations_split", "Ange andelen i procent, till exempel 62,5.");
                }
                Some(core::OperationsShare {
                    unit: unit(&s.unit_id, "operations_split", &mut e)?,
                    percent: percent.ok()?,
                })
            })
            .collect();
        let benefit_plan = self
            .benefit_plan
            .iter()
            .map(|b| core::PlannedBenefit {
                benefit: b.benefit.trim().to_owned(),
                responsible_unit: b
                    .responsible_unit_id
                    .as_deref()
                    .filter(|u| !u.is_empty())
                    .and_then(|u| unit(u, "benefit_plan", &mut e)),
                when: b.when.trim().to_owned(),
                how: b.how.trim().to_owned(),
            })
            .collect();
        let budget = self
            .budget
            .iter()
            .map(|y| core::YearBudget {
                year: y.year,
                internal_time: money(&y.internal_time, "budget", &mut e),
                external_services: money(&y.external_services, "budget", &mut e),
                licences: money(&y.licences, "budget", &mut e),
                equipment: money(&y.equipment, "budget", &mut e),
            })
            .collect();
        let details = core::ApplicationDetails {
            project_owner: self.project_owner.trim().to_owned(),
            project_leader: self.project_leader.trim().to_owned(),
            project_kind: self.project_kind.map(Into::into),
            start_date: date(&self.start_date, "start_date", &mut e),
            end_date: date(&self.end_date, "end_date", &mut e),
            problem: self.problem.trim().to_owned(),
            capabilities: self.capabilities.trim().to_owned(),
            target_groups: self.target_groups.trim().to_owned(),
            process_change: self.process_change.trim().to_owned(),
            goal_contributions,
            co_benefiting_units: self
                .co_benefiting_unit_ids
                .iter()
                .filter_map(|u| unit(u, "co_benefiting_unit_ids", &mut e))
                .collect(),
            platforms,
            system_owner: self.system_owner.trim().to_owned(),
            owner_representative: self.owner_representative.trim().to_owned(),
            owner_accepted_on: date(&self.owner_accepted_on, "owner_accepted_on", &mut e),
            operations_split,
            benefit_plan,
            risks: self
                .risks
                .iter()
                .map(|r| core::Risk {
                    description: r.description.trim().to_owned(),
                    likelihood: r.likelihood.into(),
                    consequence: r.consequence.into(),
                    mitigation: r.mitigation.trim().to_owned(),
                })
                .collect(),
            budget,
            exit_plan: self.exit_plan.trim().to_owned(),
            lessons_plan: self.lessons_plan.trim().to_owned(),
            previous_application: self.previous_application_id.as_deref().filter(|u| !u.is_empty()).and_then(|id| {
                id.parse().map_err(|_| e.push("previous_application_id", "Den tidigare ansökan finns inte.")).ok()
            }),
        };
        (details, e)
    }

    /// The words of the document that full-text search should find.
    pub(crate) fn search_text(&self, purpose: &str) -> String {
        let mut parts = vec![purpose, &self.problem, &self.capabilities, &self.target_groups, &self.process_change];
        parts.extend(self.benefit_plan.iter().map(|b| b.benefit.as_str()));
        parts.extend(self.risks.iter().map(|r| r.description.as_str()));
        parts.join("\n")
    }
}

/// `application.update`: the whole working copy, saved as it stands (autosave).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct UpdateApplicationDto {
    pub id: String,
    pub basics: NewApplicationDto,
    pub details: ApplicationDetailsDto,
}

/// `application.search`: words plus the list's filters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct SearchArgsDto {
    pub query: String,
    pub portfolio: Option<u8>,
    pub fiscal_year: Option<i32>,
    pub state: Option<super::ApplicationStateDto>,
    pub unit_id: Option<String>,
    pub it_category: Option<super::ItCategoryDto>,
}

/// `application.supplement.request` (a question) and `application.supplement.answer`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SupplementArgsDto {
    pub id: String,
    pub text: String,
}

/// `application.notes.add`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NoteArgsDto {
    pub id: String,
    pub text: String,
}

/// `application.diff`: from one frozen version to another, or (`to` null) to the working copy.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DiffArgsDto {
    pub id: String,
    pub from: u32,
    #[serde(default)]
    pub to: Option<u32>,
}

/// The earlier application this one is a re-application of, with how it was decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PreviousApplicationDto {
    pub id: String,
    pub title: String,
    pub fiscal_year: i32,
    pub state: super::ApplicationStateDto,
    /// Why it was rejected or sent back, as recorded with the decision.
    pub decision_reason: Option<String>,
    pub decided_at: Option<String>,
}
