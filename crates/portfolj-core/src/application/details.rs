//! Everything an application says beyond its basics (DOMAIN.md §5): who runs it, what it
//! changes, who owns and pays for the result, how the benefit will be realised, the risks
//! and the yearly budget. A draft may be incomplete; the readiness rules
//! ([`crate::readiness`]) say what is still missing before it can be submitted.

use chrono::NaiveDate;

use crate::error::ValidationErrors;
use crate::ids::{ApplicationId, UnitId};
use crate::language::Language;
use crate::money::Sek;
use crate::programme::{CouncilGoal, Programme};

/// Longest free text in any field of the application.
pub const MAX_TEXT_CHARS: usize = 10_000;
/// Longest short text (names, references).
pub const MAX_SHORT_CHARS: usize = 200;
/// Most rows in any list of the application (risks, benefits, shares, budget years).
pub const MAX_ROWS: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProjectKind {
    /// Förstudie.
    PreStudy,
    Pilot,
    /// Genomförande.
    Implementation,
}

crate::language::named!(ProjectKind {
    ProjectKind::PreStudy => ("förstudie", "pre-study"),
    ProjectKind::Pilot => ("pilot", "pilot"),
    ProjectKind::Implementation => ("genomförande", "implementation"),
});

/// How much an application contributes to a council goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Contribution {
    None,
    Some,
    Strong,
}

crate::language::named!(Contribution {
    Contribution::None => ("inget", "none"),
    Contribution::Some => ("visst", "some"),
    Contribution::Strong => ("starkt", "strong"),
});

/// The city platforms a project is expected to reuse (001 §7.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Platform {
    /// E-tjänstplattformen.
    EServicePlatform,
    /// Id-portalen (authentication).
    IdPortal,
    /// LIS, the management information system.
    Lis,
}

impl Platform {
    pub const ALL: [Platform; 3] = [Platform::EServicePlatform, Platform::IdPortal, Platform::Lis];
}

crate::language::named!(Platform {
    Platform::EServicePlatform => ("e-tjänstplattformen", "the e-service platform"),
    Platform::IdPortal => ("id-portalen", "the ID portal"),
    Platform::Lis => ("LIS", "LIS"),
});

/// What the project does with one platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlatformUse {
    Reused,
    /// The platform has nothing to do with this project.
    NotApplicable,
    /// Not reused although relevant: allowed only under an approved exception.
    Exception {
        reference: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    Low,
    Medium,
    High,
}

crate::language::named!(Level {
    Level::Low => ("låg", "low"),
    Level::Medium => ("medel", "medium"),
    Level::High => ("hög", "high"),
});

impl PlatformUse {
    pub fn describe(&self, language: Language) -> String {
        match self {
            PlatformUse::Reused => language.pick("återanvänds", "reused").to_owned(),
            PlatformUse::NotApplicable => language.pick("ej aktuell", "not applicable").to_owned(),
            PlatformUse::Exception { reference } => match language {
                Language::Sv => format!("undantag enligt {reference}"),
                Language::En => format!("exception under {reference}"),
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalContribution {
    pub goal: CouncilGoal,
    pub level: Contribution,
    pub motivation: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationsShare {
    pub unit: UnitId,
    /// Percent, e.g. 62.5.
    pub percent: rust_decimal::Decimal,
}

/// One benefit the applicant promises, and who will realise it, when and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedBenefit {
    pub benefit: String,
    pub responsible_unit: Option<UnitId>,
    pub when: String,
    pub how: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Risk {
    pub description: String,
    pub likelihood: Level,
    pub consequence: Level,
    pub mitigation: String,
}

/// The money asked for in one fiscal year (one stage of a larger project).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearBudget {
    pub year: i32,
    pub internal_time: Sek,
    pub external_services: Sek,
    pub licences: Sek,
    pub equipment: Sek,
}

impl YearBudget {
    pub fn total(&self) -> Option<Sek> {
        [self.external_services, self.licences, self.equipment]
            .into_iter()
            .try_fold(self.internal_time, Sek::checked_add)
    }
}

/// The whole application beyond its basics. Every field may still be empty in a draft.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplicationDetails {
    pub project_owner: String,
    pub project_leader: String,
    pub project_kind: Option<ProjectKind>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub problem: String,
    pub capabilities: String,
    pub target_groups: String,
    pub process_change: String,
    pub goal_contributions: Vec<GoalContribution>,
    pub co_benefiting_units: Vec<UnitId>,
    pub platforms: Vec<(Platform, Option<PlatformUse>)>,
    pub system_owner: String,
    pub owner_representative: String,
    pub owner_accepted_on: Option<NaiveDate>,
    pub operations_split: Vec<OperationsShare>,
    pub benefit_plan: Vec<PlannedBenefit>,
    pub risks: Vec<Risk>,
    pub budget: Vec<YearBudget>,
    pub exit_plan: String,
    pub lessons_plan: String,
    pub previous_application: Option<ApplicationId>,
}

impl ApplicationDetails {
    /// The sum of every year's budget, or `None` when it overflows the amount limit.
    pub fn budget_total(&self) -> Option<Sek> {
        self.budget.iter().try_fold(Sek::ZERO, |sum, year| year.total().and_then(|t| sum.checked_add(t)))
    }

    /// Limits that hold even for a draft (so autosave never stores nonsense): text
    /// lengths, row counts, stage years inside the programme, each year once, dates in
    /// order. Completeness is the readiness rules' job, not this.
    pub fn check_limits(&self, programme: &Programme) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let short = [
            ("project_owner", &self.project_owner),
            ("project_leader", &self.project_leader),
            ("system_owner", &self.system_owner),
            ("owner_representative", &self.owner_representative),
        ];
        for (field, text) in short {
            if text.chars().count() > MAX_SHORT_CHARS {
                errors.push(field, format!("Högst {MAX_SHORT_CHARS} tecken."));
            }
        }
        let long = [
            ("problem", &self.problem),
            ("capabilities", &self.capabilities),
            ("target_groups", &self.target_groups),
            ("process_change", &self.process_change),
            ("exit_plan", &self.exit_plan),
            ("lessons_plan", &self.lessons_plan),
        ];
        for (field, text) in long {
            if text.chars().count() > MAX_TEXT_CHARS {
                errors.push(field, format!("Högst {MAX_TEXT_CHARS} tecken."));
            }
        }
        let rows = [
            ("goal_contributions", self.goal_contributions.len()),
            ("co_benefiting_unit_ids", self.co_benefiting_units.len()),
            ("operations_split", self.operations_split.len()),
            ("benefit_plan", self.benefit_plan.len()),
            ("risks", self.risks.len()),
            ("budget", self.budget.len()),
        ];
        for (field, count) in rows {
            if count > MAX_ROWS {
                errors.push(field, format!("Högst {MAX_ROWS} rader."));
            }
        }
        fn too_long<'a>(mut texts: impl Iterator<Item = &'a String>) -> bool {
            texts.any(|t| t.chars().count() > MAX_TEXT_CHARS)
        }
        let list_texts: [(&'static str, bool); 3] = [
            ("benefit_plan", too_long(self.benefit_plan.iter().flat_map(|b| [&b.benefit, &b.when, &b.how]))),
            ("risks", too_long(self.risks.iter().flat_map(|r| [&r.description, &r.mitigation]))),
            ("goal_contributions", too_long(self.goal_contributions.iter().map(|g| &g.motivation))),
        ];
        for (field, over) in list_texts {
            if over {
                errors.push(field, format!("En text i listan är längre än {MAX_TEXT_CHARS} tecken."));
            }
        }
        for year in &self.budget {
            programme.check_year(year.year, "budget", &mut errors);
        }
        let mut years: Vec<i32> = self.budget.iter().map(|b| b.year).collect();
        years.sort_unstable();
        years.dedup();
        if years.len() != self.budget.len() {
            errors.push("budget", "Varje budgetår får bara finnas en gång i budgeten.");
        }
        if self.budget_total().is_none() {
            errors.push("budget", "Budgeten är orimligt stor; högst 10 000 000 000 kr går att ange.");
        }
        if let (Some(start), Some(end)) = (self.start_date, self.end_date)
            && end < start
        {
            errors.push("end_date", "Slutdatum kan inte ligga före startdatum.");
        }
        let out_of_range = |p: &rust_decimal::Decimal| {
            (p.is_sign_negative() && !p.is_zero())
                || *p > rust_decimal::Decimal::ONE_HUNDRED
                || p.normalize().scale() > 2
        };
        if self.operations_split.iter().any(|s| out_of_range(&s.percent)) {
            errors.push("operations_split", "Andelar anges i procent, 0–100, med högst två decimaler.");
        }
        errors.into_result(|| ())
    }
}
