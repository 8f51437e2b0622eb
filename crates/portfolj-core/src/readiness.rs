//! Readiness: the named rules an application must pass before it can be submitted
//! (DOMAIN.md §4–5). One list, [`RULES`], used by the UI's checklist, the CLI's
//! `app check` and the submit use case alike. Each rule has a stable code, the field to
//! focus, what it requires, and a Swedish message telling the coach what to do.

use chrono::{Datelike, Months};
use rust_decimal::Decimal;

use crate::application::details::{ApplicationDetails, Contribution, PlatformUse};
use crate::application::{Application, ItCategory};
use crate::frame::Frame;
use crate::language::Named as _;
use crate::money::Sek;
use crate::programme::{Portfolio, Programme};

/// Everything the rules look at.
#[derive(Debug, Clone, Copy)]
pub struct ReadinessInput<'a> {
    pub application: &'a Application,
    pub details: &'a ApplicationDetails,
    pub frames: &'a [Frame],
    pub programme: &'a Programme,
}

/// One named rule.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Stable code, e.g. `owner.accepted_operations`; the UI and scripts key on it.
    pub code: &'static str,
    /// The form field to focus when the rule fails.
    pub field: &'static str,
    /// What the rule requires, shown when it holds.
    pub requirement: &'static str,
    check: fn(&ReadinessInput<'_>) -> Result<(), String>,
}

/// A rule's verdict on one application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleOutcome {
    pub code: &'static str,
    pub field: &'static str,
    pub ok: bool,
    /// The requirement when the rule holds; what to do when it fails.
    pub message: String,
}

/// Checks every rule, in the order of [`RULES`].
pub fn check(input: &ReadinessInput<'_>) -> Vec<RuleOutcome> {
    RULES
        .iter()
        .map(|rule| {
            let verdict = (rule.check)(input);
            RuleOutcome {
                code: rule.code,
                field: rule.field,
                ok: verdict.is_ok(),
                message: verdict.err().unwrap_or_else(|| rule.requirement.to_owned()),
            }
        })
        .collect()
}

/// The outcomes that fail.
pub fn failures(outcomes: &[RuleOutcome]) -> Vec<&RuleOutcome> {
    outcomes.iter().filter(|o| !o.ok).collect()
}

fn require(holds: bool, message: &str) -> Result<(), String> {
    if holds { Ok(()) } else { Err(message.to_owned()) }
}

fn filled(text: &str) -> bool {
    !text.trim().is_empty()
}

fn is(input: &ReadinessInput<'_>, category: ItCategory) -> bool {
    input.application.it_category == category
}

/// The fiscal years the application asks money for: its budget years, or its fiscal
/// year while there is no budget yet.
fn stage_years(input: &ReadinessInput<'_>) -> Vec<i32> {
    if input.details.budget.is_empty() {
        vec![input.application.fiscal_year]
    } else {
        input.details.budget.iter().map(|b| b.year).collect()
    }
}

fn requested_total(input: &ReadinessInput<'_>) -> Sek {
    if input.details.budget.is_empty() {
        input.application.requested_amount
    } else {
        input.details.budget_total().unwrap_or(Sek::ZERO)
    }
}

pub const RULES: &[Rule] = &[
    Rule {
        code: "category.basic_not_eligible",
        field: "it_category",
        requirement: "It-kategorin kan finansieras ur portföljerna.",
        check: |i| {
            require(
                !is(i, ItCategory::Basic),
                "Grundläggande it-stöd betalas av förvaltningens egen budget och kan inte söka portföljmedel. Byt kategori om projektet är differentierande eller innovativt, annars återkalla ansökan.",
            )
        },
    },
    Rule {
        code: "category.portfolio_matches",
        field: "portfolio",
        requirement: "Portföljen passar it-kategorin (innovativt ur portfölj 5, differentierande ur 1–4).",
        check: |i| {
            let innovation = i.application.portfolio == Portfolio::Innovation;
            match i.application.it_category {
                ItCategory::Innovative => require(
                    innovation,
                    "Innovativt it-stöd finansieras bara ur portfölj 5, Innovativ verksamhetsutveckling. Byt portfölj.",
                ),
                ItCategory::Differentiating => require(
                    !innovation,
                    "Differentierande it-stöd finansieras ur portföljerna 1–4. Välj den portfölj vars fokusområde projektet stöder.",
                ),
                ItCategory::Basic => Ok(()),
            }
        },
    },
    Rule {
        code: "people.owner_and_leader",
        field: "project_owner",
        requirement: "Projektägare och projektledare är namngivna.",
        check: |i| {
            require(
                filled(&i.details.project_owner) && filled(&i.details.project_leader),
                "Ange projektägare och projektledare.",
            )
        },
    },
    Rule {
        code: "project.kind",
        field: "project_kind",
        requirement: "Projekttypen är angiven.",
        check: |i| {
            require(
                i.details.project_kind.is_some(),
                "Ange om projektet är en förstudie, en pilot eller ett genomförande.",
            )
        },
    },
    Rule {
        code: "text.problem_and_purpose",
        field: "problem",
        requirement: "Problem och syfte är beskrivna.",
        check: |i| {
            require(
                filled(&i.details.problem) && filled(&i.application.purpose),
                "Beskriv vilket problem projektet löser och vad syftet är.",
            )
        },
    },
    Rule {
        code: "text.process_change",
        field: "process_change",
        requirement: "Verksamhetsförändringen som it möjliggör är beskriven.",
        check: |i| {
            require(
                filled(&i.details.process_change),
                "Beskriv vilken förändring i verksamheten projektet möjliggör; it är ett medel, inte en nytta i sig.",
            )
        },
    },
    Rule {
        code: "goals.contribution_motivated",
        field: "goal_contributions",
        requirement: "Bidraget till kommunfullmäktiges mål är angivet och motiverat.",
        check: |i| {
            let contributing: Vec<_> =
                i.details.goal_contributions.iter().filter(|g| g.level != Contribution::None).collect();
            if contributing.is_empty() {
                return Err("Ange hur projektet bidrar till minst ett av KF-målen (viss eller stark).".to_owned());
            }
            match contributing.iter().find(|g| !filled(&g.motivation)) {
                Some(g) => Err(format!("Motivera bidraget till {}.", g.goal.code())),
                None => Ok(()),
            }
        },
    },
    Rule {
        code: "period.dates",
        field: "start_date",
        requirement: "Projektets start- och slutdatum är angivna.",
        check: |i| {
            require(
                i.details.start_date.is_some() && i.details.end_date.is_some(),
                "Ange projektets start- och slutdatum.",
            )
        },
    },
    Rule {
        code: "stages.cover_period",
        field: "budget",
        requirement: "Projektet är uppdelat i etapper per budgetår.",
        check: |i| {
            let (Some(start), Some(end)) = (i.details.start_date, i.details.end_date) else { return Ok(()) };
            let period: Vec<i32> = (start.year()..=end.year()).collect();
            let mut stages = stage_years(i);
            stages.sort_unstable();
            require(
                stages == period,
                &format!(
                    "Projektet pågår {}–{}: dela upp budgeten i en etapp per budgetår ({}), inga andra år.",
                    start.year(),
                    end.year(),
                    period.iter().map(i32::to_string).collect::<Vec<_>>().join(", ")
                ),
            )
        },
    },
    Rule {
        code: "amount.positive",
        field: "budget",
        requirement: "Det begärda beloppet är större än noll.",
        check: |i| {
            require(requested_total(i) > Sek::ZERO, "Fyll i budgeten: det begärda beloppet måste vara större än 0 kr.")
        },
    },
    Rule {
        code: "frame.exists",
        field: "fiscal_year",
        requirement: "Portföljen har en ram för varje år som ansökan gäller.",
        check: |i| {
            let missing: Vec<String> = stage_years(i)
                .into_iter()
                .filter(|y| !i.frames.iter().any(|f| f.portfolio == i.application.portfolio && f.year == *y))
                .map(|y| y.to_string())
                .collect();
            require(
                missing.is_empty(),
                &format!(
                    "Portföljen har ingen ram för {}. Välj ett budgetår som har en ram, eller kontakta projektkontoret.",
                    missing.join(", ")
                ),
            )
        },
    },
    Rule {
        code: "platform.reuse_or_exception",
        field: "platforms",
        requirement: "Återanvändningen av stadens plattformar är besvarad, med undantag där de inte används.",
        check: |i| {
            for platform in crate::application::details::Platform::ALL {
                match i.details.platforms.iter().find(|(p, _)| *p == platform).and_then(|(_, u)| u.as_ref()) {
                    None => return Err(format!("Ange om projektet återanvänder {}.", platform.name_sv())),
                    Some(PlatformUse::Exception { reference }) if !filled(reference) => {
                        return Err(format!(
                            "Ange diarienumret för det godkända undantaget från {}.",
                            platform.name_sv()
                        ));
                    }
                    Some(_) => {}
                }
            }
            Ok(())
        },
    },
    Rule {
        code: "owner.named",
        field: "system_owner",
        requirement: "Systemägare och systemägarrepresentant är namngivna.",
        check: |i| {
            require(
                !is(i, ItCategory::Differentiating)
                    || (filled(&i.details.system_owner) && filled(&i.details.owner_representative)),
                "Ange vilken nämnd eller bolagsstyrelse som blir systemägare, och vem som företräder den.",
            )
        },
    },
    Rule {
        code: "owner.accepted_operations",
        field: "owner_accepted_on",
        requirement: "Systemägaren har godkänt den framtida driftkostnaden.",
        check: |i| {
            require(
                !is(i, ItCategory::Differentiating) || i.details.owner_accepted_on.is_some(),
                "Systemägaren måste godkänna den framtida drift- och förvaltningskostnaden. Ange datum för godkännandet.",
            )
        },
    },
    Rule {
        code: "operations.shares_sum_100",
        field: "operations_split",
        requirement: "Driftkostnaden är fördelad mellan enheterna, totalt 100 %.",
        check: |i| {
            if is(i, ItCategory::Innovative) && i.details.operations_split.is_empty() {
                return Ok(());
            }
            let sum: Decimal = i.details.operations_split.iter().map(|s| s.percent).sum();
            require(
                sum == Decimal::ONE_HUNDRED,
                &format!("Andelarna av driftkostnaden ska bli exakt 100 %; nu blir de {} %.", sum.normalize()),
            )
        },
    },
    Rule {
        code: "benefit_plan.present",
        field: "benefit_plan",
        requirement: "Det finns en plan för nyttohemtagning.",
        check: |i| {
            require(
                !i.details.benefit_plan.is_empty(),
                "Lägg till minst en nytta i planen för nyttohemtagning: vilken nytta, vem, när och hur.",
            )
        },
    },
    Rule {
        code: "benefit_plan.responsible_unit",
        field: "benefit_plan",
        requirement: "Varje planerad nytta har en ansvarig enhet.",
        check: |i| match i.details.benefit_plan.iter().position(|b| b.responsible_unit.is_none()) {
            Some(row) => Err(format!("Ange ansvarig enhet för nytta {} i planen för nyttohemtagning.", row + 1)),
            None => Ok(()),
        },
    },
    Rule {
        code: "risks.assessed",
        field: "risks",
        requirement: "Riskerna är bedömda, med åtgärder.",
        check: |i| {
            if i.details.risks.is_empty() {
                return Err("Beskriv minst en risk med sannolikhet, konsekvens och åtgärd.".to_owned());
            }
            match i.details.risks.iter().position(|r| !filled(&r.description) || !filled(&r.mitigation)) {
                Some(row) => Err(format!("Risk {} saknar beskrivning eller åtgärd.", row + 1)),
                None => Ok(()),
            }
        },
    },
    Rule {
        code: "innovative.lifetime",
        field: "end_date",
        requirement: "Innovativa projekt pågår högst sex månader.",
        check: |i| {
            let (Some(start), Some(end)) = (i.details.start_date, i.details.end_date) else { return Ok(()) };
            let limit = start.checked_add_months(Months::new(6)).unwrap_or(start);
            require(
                !is(i, ItCategory::Innovative) || end <= limit,
                "Ett innovativt projekt får pågå högst sex månader. Korta perioden eller dela upp projektet.",
            )
        },
    },
    Rule {
        code: "innovative.exit_plan",
        field: "exit_plan",
        requirement: "Det finns en plan för avveckling eller integration när projektet slutar.",
        check: |i| {
            require(
                !is(i, ItCategory::Innovative) || filled(&i.details.exit_plan),
                "Beskriv hur lösningen avvecklas eller integreras när det innovativa projektet slutar.",
            )
        },
    },
    Rule {
        code: "innovative.lessons_plan",
        field: "lessons_plan",
        requirement: "Det finns en plan för hur lärdomarna tas tillvara.",
        check: |i| {
            require(
                !is(i, ItCategory::Innovative) || filled(&i.details.lessons_plan),
                "Beskriv hur lärdomarna från projektet tas tillvara.",
            )
        },
    },
];

#[cfg(test)]
mod tests;
