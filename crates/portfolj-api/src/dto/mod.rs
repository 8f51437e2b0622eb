//! Transport types: what crosses the API boundary as JSON. TypeScript declarations for
//! the UI are generated from these (`ui/src/generated/`, checked for staleness by
//! `tests/generated_types.rs`). Domain types stay free of serde; conversions are here.
//!
//! Money travels as a decimal string ("1234567.50"), never as a JSON number, so no
//! float touches it. Times are RFC 3339 UTC strings; ids are UUID strings.

use chrono::{DateTime, SecondsFormat, Utc};
use portfolj_core as core;
use portfolj_store::tables::application::{Listed, RecordedEvent};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub mod decision;
pub mod details;
pub mod export;
pub mod followup;
pub mod frame;
pub mod memo;
pub mod prioritise;
pub mod review;
pub mod scenario;
pub mod sync;
pub mod valuation;

pub use decision::*;
pub use details::*;
pub use export::*;
pub use followup::*;
pub use frame::*;
pub use memo::*;
pub use prioritise::*;
pub use review::*;
pub use scenario::*;
pub use sync::*;
pub use valuation::*;

/// Declares a transport enum mirroring a core enum variant for variant, with its
/// snake_case wire names and conversions both ways.
macro_rules! mirror_enum {
    ($(#[$doc:meta])* $dto:ident = $core:ident, ts $ts:literal { $($variant:ident),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
        #[serde(rename_all = "snake_case")]
        #[ts(rename = $ts)]
        pub enum $dto { $($variant),+ }

        impl From<core::$core> for $dto {
            fn from(v: core::$core) -> Self {
                match v { $(core::$core::$variant => $dto::$variant),+ }
            }
        }

        impl From<$dto> for core::$core {
            fn from(v: $dto) -> Self {
                match v { $($dto::$variant => core::$core::$variant),+ }
            }
        }
    };
}

mirror_enum!(RoleDto = Role, ts "Role" { Applicant, Coach, Valuer, Reviewer, Office, Council, Decider });
mirror_enum!(UnitKindDto = UnitKind, ts "UnitKind" { Department, District, Company });
mirror_enum!(ItCategoryDto = ItCategory, ts "ItCategory" { Innovative, Differentiating, Basic });
mirror_enum!(PortfolioPartDto = PortfolioPart, ts "PortfolioPart" { Innovation, Improvement, Management });
mirror_enum!(ApplicationStateDto = ApplicationState, ts "ApplicationState" {
    Idea, Draft, Submitted, SupplementRequested, Valued, InReview, Proposed, Granted, Rejected,
    ReferredBack, Running, Closed, FollowedUp, Withdrawn,
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UnitDto {
    pub id: String,
    pub name: String,
    pub kind: UnitKindDto,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PersonDto {
    pub id: String,
    pub name: String,
    pub email: String,
    pub unit_id: String,
    pub unit_name: String,
    pub roles: Vec<RoleDto>,
}

/// The desktop app's data directory: in use, from the next start, and the platform's default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DataDirDto {
    /// Where this running app keeps its database.
    pub current: String,
    /// Where the app will keep it from the next start.
    pub next: String,
    pub default: String,
    /// The database `PORTFOLJ_DB` names, when it is set: it wins over `next` while it is set.
    pub variable: Option<String>,
}

/// A person the projektkontor adds to the programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NewPersonDto {
    pub name: String,
    pub email: String,
    /// One of the programme's units, by name.
    pub unit_name: String,
    pub roles: Vec<RoleDto>,
}

/// Who is acting on this laptop, and whether it is a demo database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SessionDto {
    pub person: PersonDto,
    pub demo: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FocusAreaDto {
    pub portfolio: u8,
    pub name: String,
    pub short_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CouncilGoalDto {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProgrammeDto {
    pub name: String,
    pub first_year: i32,
    pub last_year: i32,
    pub focus_areas: Vec<FocusAreaDto>,
    pub council_goals: Vec<CouncilGoalDto>,
    pub units: Vec<UnitDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SubFrameDto {
    pub part: PortfolioPartDto,
    pub amount: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FrameDto {
    pub portfolio: u8,
    pub year: i32,
    pub amount: String,
    pub sub_frames: Vec<SubFrameDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StateCountDto {
    pub portfolio: u8,
    pub year: i32,
    pub state: ApplicationStateDto,
    pub count: u32,
}

/// The first page: frames and how many applications are in each state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OverviewDto {
    pub frames: Vec<FrameDto>,
    pub state_counts: Vec<StateCountDto>,
}

/// Which applications to list; every field may be left out or null for "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct ApplicationFilterDto {
    pub portfolio: Option<u8>,
    pub fiscal_year: Option<i32>,
    pub state: Option<ApplicationStateDto>,
    pub unit_id: Option<String>,
    pub text: Option<String>,
    pub it_category: Option<ItCategoryDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ApplicationSummaryDto {
    pub id: String,
    pub title: String,
    pub unit_id: String,
    pub unit_name: String,
    pub portfolio: u8,
    pub it_category: ItCategoryDto,
    pub fiscal_year: i32,
    pub requested_amount: String,
    pub state: ApplicationStateDto,
    pub updated_at: String,
}

/// The create form as sent. Text fields are taken as typed and checked by the core, so
/// every problem comes back as a Swedish message on its field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NewApplicationDto {
    pub title: String,
    pub unit_id: String,
    pub portfolio: i32,
    pub it_category: ItCategoryDto,
    pub fiscal_year: i32,
    pub requested_amount: String,
    pub purpose: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ApplicationEventDto {
    pub at: String,
    pub actor_name: String,
    pub from_state: Option<ApplicationStateDto>,
    pub to_state: ApplicationStateDto,
    pub reason: String,
}

/// One application in full: its list row, its texts, history and how it is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ApplicationDto {
    #[serde(flatten)]
    #[ts(flatten)]
    pub summary: ApplicationSummaryDto,
    pub purpose: String,
    pub created_at: String,
    pub events: Vec<ApplicationEventDto>,
    pub details: ApplicationDetailsDto,
    /// The frozen version shown, or null for the working copy (applicant side only).
    pub shown_version: Option<u32>,
    /// How many versions have been frozen by submitting.
    pub versions: u32,
    /// Whether the acting person may edit the working copy now.
    pub editable: bool,
    /// The earlier application this one re-applies for, if any.
    pub previous: Option<PreviousApplicationDto>,
    /// The attachments of the version shown (or of the working copy).
    pub attachments: Vec<AttachmentDto>,
}

pub(crate) fn time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

impl PersonDto {
    pub(crate) fn new(person: &core::Person, unit_name: &str) -> Self {
        Self {
            id: person.id.to_string(),
            name: person.name.clone(),
            email: person.email.clone(),
            unit_id: person.unit.to_string(),
            unit_name: unit_name.to_owned(),
            roles: person.roles.iter().map(|r| RoleDto::from(*r)).collect(),
        }
    }
}

impl From<&core::OrgUnit> for UnitDto {
    fn from(u: &core::OrgUnit) -> Self {
        Self { id: u.id.to_string(), name: u.name.clone(), kind: u.kind.into() }
    }
}

impl From<&core::Frame> for FrameDto {
    fn from(f: &core::Frame) -> Self {
        Self {
            portfolio: f.portfolio.number(),
            year: f.year,
            amount: f.amount.to_string(),
            sub_frames: f
                .sub_frames
                .iter()
                .map(|s| SubFrameDto { part: s.part.into(), amount: s.amount.to_string() })
                .collect(),
        }
    }
}

/// The basics of an application as the create form (and a frozen version) has them.
impl From<&core::Application> for NewApplicationDto {
    fn from(app: &core::Application) -> Self {
        Self {
            title: app.title.clone(),
            unit_id: app.unit.to_string(),
            portfolio: i32::from(app.portfolio.number()),
            it_category: app.it_category.into(),
            fiscal_year: app.fiscal_year,
            requested_amount: app.requested_amount.to_string(),
            purpose: app.purpose.clone(),
        }
    }
}

impl From<&Listed> for ApplicationSummaryDto {
    fn from(l: &Listed) -> Self {
        let a = &l.application;
        Self {
            id: a.id.to_string(),
            title: a.title.clone(),
            unit_id: a.unit.to_string(),
            unit_name: l.unit_name.clone(),
            portfolio: a.portfolio.number(),
            it_category: a.it_category.into(),
            fiscal_year: a.fiscal_year,
            requested_amount: a.requested_amount.to_string(),
            state: a.state.into(),
            updated_at: time(a.updated_at),
        }
    }
}

/// How an application is shown: which content, and what the reader may do with it.
#[derive(Debug)]
pub(crate) struct View {
    pub basics: Option<NewApplicationDto>,
    pub details: ApplicationDetailsDto,
    pub shown_version: Option<u32>,
    pub versions: u32,
    pub editable: bool,
    pub previous: Option<PreviousApplicationDto>,
    pub attachments: Vec<AttachmentDto>,
}

impl ApplicationDto {
    pub(crate) fn new(listed: &Listed, events: &[RecordedEvent], view: View) -> Self {
        let mut summary = ApplicationSummaryDto::from(listed);
        let mut purpose = listed.application.purpose.clone();
        if let Some(b) = view.basics {
            summary.title = b.title;
            summary.it_category = b.it_category;
            summary.fiscal_year = b.fiscal_year;
            summary.requested_amount = b.requested_amount;
            purpose = b.purpose;
        }
        Self {
            summary,
            purpose,
            created_at: time(listed.application.created_at),
            events: events
                .iter()
                .map(|e| ApplicationEventDto {
                    at: time(e.event.at),
                    actor_name: e.actor_name.clone(),
                    from_state: e.event.from_state.map(Into::into),
                    to_state: e.event.to_state.into(),
                    reason: e.event.reason.clone(),
                })
                .collect(),
            details: view.details,
            shown_version: view.shown_version,
            versions: view.versions,
            editable: view.editable,
            previous: view.previous,
            attachments: view.attachments,
        }
    }
}

/// The result of checking the audit log's hash chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditReportDto {
    pub ok: bool,
    /// Entries verified before the first break (all of them when `ok`).
    pub entries: u32,
    /// The last entry's hash when `ok`: it travels in bundles and is printed on memos.
    pub head: String,
    /// The first entry that is not as it was written.
    pub broken_at: Option<u32>,
    pub message: String,
}

/// Calls `$m!(Type)` for every transport type, so the list of generated TypeScript
/// files is written once.
#[macro_export]
macro_rules! for_each_dto {
    ($m:ident) => {
        $m!(
            RoleDto,
            UnitKindDto,
            ItCategoryDto,
            PortfolioPartDto,
            ApplicationStateDto,
            UnitDto,
            PersonDto,
            NewPersonDto,
            DataDirDto,
            SessionDto,
            FocusAreaDto,
            CouncilGoalDto,
            ProgrammeDto,
            SubFrameDto,
            FrameDto,
            StateCountDto,
            OverviewDto,
            ApplicationFilterDto,
            ApplicationSummaryDto,
            NewApplicationDto,
            ApplicationEventDto,
            ApplicationDto,
            FieldErrorDto,
            ApiErrorDto,
            ProjectKindDto,
            ContributionDto,
            PlatformDto,
            LevelDto,
            PlatformUseDto,
            GoalContributionDto,
            PlatformChoiceDto,
            OperationsShareDto,
            BenefitPlanItemDto,
            RiskDto,
            YearBudgetDto,
            ApplicationDetailsDto,
            VersionContentDto,
            VersionSummaryDto,
            PreviousApplicationDto,
            ApplicationVersionDto,
            FieldChangeDto,
            RuleResultDto,
            ReadinessDto,
            MessageDto,
            SearchArgsDto,
            UpdateApplicationDto,
            SupplementArgsDto,
            NoteArgsDto,
            DiffArgsDto,
            AttachmentDto,
            NewAttachmentDto,
            AttachmentRefDto,
            AttachmentContentDto,
            AuditReportDto,
            RangeDto,
            AmountDto,
            BenefitKindDto,
            BenefitClassDto,
            CostKindDto,
            ProjectTypeDto,
            BiasFactorDto,
            OptimismBiasDto,
            ParametersDto,
            BenefitLineDto,
            YearAmountDto,
            YearlyCostDto,
            CostLineDto,
            WorksheetDto,
            YearRowDto,
            SensitivityRowDto,
            SwitchingValueDto,
            FigureDto,
            QualitativeDto,
            ValuationResultsDto,
            FlagDto,
            ResolutionDto,
            ValuationDto,
            CreateValuationDto,
            SaveValuationDto,
            ResolveDoubleCountDto,
            ProgrammeFlagDto,
            BenefitTargetKindDto,
            BenefitTargetDto,
            NewBenefitTargetDto,
            CertificateDto,
            IdentityDto,
            PassphraseDto,
            InitIdentityDto,
            SetupProgrammeDto,
            InviteDto,
            RevokeDto,
            BundleFileDto,
            CountDto,
            BundlePreviewDto,
            ExportedBundleDto,
            BundleLogDto,
            BackupDto,
            FileNameDto,
            ExportDto,
            WrittenValueDto,
            ConflictDto,
            ResolveConflictDto,
            SendDto,
            RotateDto,
            CreateRoundDto,
            RubricLevelDto,
            CriterionDto,
            RubricDto,
            SetRubricDto,
            RoundMemberDto,
            RoundDto,
            AddMemberDto,
            AssignDto,
            DeclareJavDto,
            MarkAbsentDto,
            CriterionScoreDto,
            SaveScoreDto,
            SavedScoreDto,
            DraftCriterionDto,
            SaveDraftDto,
            JavDto,
            ValuationSummaryDto,
            MyItemDto,
            MyReviewDto,
            CellDto,
            AbsenceDto,
            RecommendationDto,
            RecommendDto,
            SummaryRowDto,
            CalibrationDto,
            RoundSummaryDto,
            ScoreHistoryArgsDto,
            ScoreVersionDto,
            RoundOverviewDto,
            ReviewerBundleDto,
            ScoresBundleDto,
            CloseRoundDto,
            PairDto,
            PrioritiseDto,
            PriorityRowDto,
            FrontierPointDto,
            PrioritisationDto,
            RecordDecisionDto,
            DecisionDto,
            SubFrameInputDto,
            SetFrameDto,
            FrameKeyDto,
            FrameChangeDto,
            MemoArgsDto,
            MemoPreviewDto,
            MemoFileDto,
            PdfFileDto,
            LanguageDto,
            DocumentArgsDto,
            SaveScenarioDto,
            ScenarioDto,
            CompareScenariosDto,
            ScenarioOutcomeDto,
            ComparisonRowDto,
            ScenarioComparisonDto,
            AdoptScenarioDto,
            ProposalItemDto,
            ProposalDto,
            ExportWhatDto,
            ExportFormatDto,
            ExportArgsDto,
            ExportFileDto,
            FinalReportInputDto,
            FinalReportDto,
            FollowUpLineDto,
            RealisationFiguresDto,
            FollowUpViewDto,
            RealisedLineInputDto,
            FollowUpInputDto,
            DueFollowUpDto,
            RealisationArgsDto,
            RealisationRowDto,
            RealisationDto,
            MilestoneDto,
            StatusReportInputDto,
            LightDto,
            StatusReportDto,
            ScheduleDto,
            OverdueReportDto,
            StatusBundleDto,
            IndicatorInputDto,
            MeasurementInputDto,
            MeasurementDto,
            IndicatorDto,
            PerspectiveDto,
            MoneyRowDto,
            ProgrammeReportArgsDto,
            ProgressDto
        )
    };
}
