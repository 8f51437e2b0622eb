//! Follow-up (DOMAIN.md §9): the final report that closes a project, and the
//! effekthemtagning one year later that compares what each benefit line of the fastställd
//! valuation promised with what was realised. The 2010 evaluation found benefits expected
//! too early and rarely followed up; these rules make the follow-up due on a computed date
//! and make every deviation explained.

use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;

use crate::error::ValidationErrors;
use crate::money::{Sek, format_kronor_sv};
use crate::valuation::{BenefitClass, BenefitKind, Worksheet, benefit_in_year};

pub mod indicator;
pub mod programme_report;
pub mod status;

#[cfg(test)]
mod tests;

/// A realised amount this far (in percent) from the valued one needs an explanation.
pub const DEVIATION_THRESHOLD_PERCENT: Decimal = Decimal::TEN;

/// The slutrapport: what was delivered, what it cost, what was learnt, and the system
/// owner's acceptance of operations, without which a project is not closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinalReport {
    pub delivered: String,
    pub final_cost: Sek,
    /// Why the cost went above the granted amount; needed only then.
    pub cost_explanation: String,
    pub lessons: String,
    pub owner_accepted_on: Option<NaiveDate>,
    pub closed_on: NaiveDate,
}

impl FinalReport {
    /// Every rule, all reported at once in Swedish.
    pub fn check(&self, granted: Option<Sek>, today: NaiveDate) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        if self.delivered.trim().is_empty() {
            e.push("delivered", "Beskriv vad projektet levererade.");
        }
        if self.lessons.trim().is_empty() {
            e.push("lessons", "Skriv vilka lärdomar projektet lämnar till kommande projekt.");
        }
        if self.closed_on > today {
            e.push("closed_on", "Avslutsdatumet kan inte ligga i framtiden.");
        }
        match self.owner_accepted_on {
            None => e.push(
                "owner_accepted_on",
                "Systemägaren ska ha godkänt att ta över driften innan projektet avslutas. Ange datumet för godkännandet.",
            ),
            Some(day) if day > self.closed_on => {
                e.push("owner_accepted_on", "Systemägaren ska ha godkänt driften senast den dag projektet avslutas.");
            }
            Some(_) => {}
        }
        if let Some(granted) = granted
            && self.final_cost > granted
            && self.cost_explanation.trim().is_empty()
        {
            e.push(
                "cost_explanation",
                format!(
                    "Slutkostnaden är högre än beviljat belopp ({}). Förklara avvikelsen.",
                    format_kronor_sv(granted.as_decimal())
                ),
            );
        }
        e.into_result(|| ())
    }
}

/// The follow-up falls due one year after closing; a project closed on 29 February is
/// due on 28 February.
pub fn due_on(closed_on: NaiveDate) -> NaiveDate {
    closed_on.checked_add_months(Months::new(12)).unwrap_or(NaiveDate::MAX)
}

/// The valuation year the realised amounts are compared with: the year the follow-up
/// falls due, the first whole year of operation for most projects.
pub fn compared_year(closed_on: NaiveDate) -> i32 {
    due_on(closed_on).year()
}

/// One benefit line of the fastställd valuation, as the follow-up asks about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValuedLine {
    pub name: String,
    pub kind: BenefitKind,
    /// Money that was to leave a budget.
    pub budget_releasing: bool,
    /// Kronor valued for the compared year; `None` for a qualitative line.
    pub valued: Option<Decimal>,
}

/// The valuation's benefit lines as the follow-up of `year` asks about them.
pub fn valued_lines(ws: &Worksheet, year: i32) -> Vec<ValuedLine> {
    ws.benefits
        .iter()
        .map(|line| ValuedLine {
            name: line.name.clone(),
            kind: line.kind,
            budget_releasing: line.class == BenefitClass::BudgetReleasing,
            valued: benefit_in_year(ws, line, year),
        })
        .collect()
}

/// What was realised on one benefit line, by its place in the valuation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RealisedLine {
    pub line: usize,
    /// Kronor per year; `None` for a qualitative line.
    pub realised: Option<Sek>,
    pub evidence: String,
    /// The saving was actually taken out of a budget.
    pub budget_reduced: bool,
    pub deviation: String,
}

/// What a granted project has spent: its final cost once closed, else what its newest
/// status report says, else nothing yet.
pub fn spent(final_cost: Option<Sek>, latest_reported: Option<Sek>) -> Sek {
    final_cost.or(latest_reported).unwrap_or(Sek::ZERO)
}

/// Realised against valued, in percent; `None` when nothing (or less) was valued.
pub fn realisation_rate(valued: Decimal, realised: Decimal) -> Option<Decimal> {
    (valued > Decimal::ZERO).then(|| realised * Decimal::ONE_HUNDRED / valued)
}

fn deviates(valued: Decimal, realised: Decimal) -> bool {
    match realisation_rate(valued, realised) {
        Some(rate) => (rate - Decimal::ONE_HUNDRED).abs() >= DEVIATION_THRESHOLD_PERCENT,
        None => realised != valued,
    }
}

/// Every rule of a follow-up, all reported at once: one answer per benefit line and none
/// for a line the valuation does not have; an amount for every monetary line; evidence
/// for each; an explanation where the realised amount deviates, or where a budget-releasing
/// saving was not taken out of a budget.
pub fn check_follow_up(valued: &[ValuedLine], realised: &[RealisedLine]) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    for (k, r) in realised.iter().enumerate() {
        if r.line >= valued.len() {
            e.push(
                "lines",
                format!(
                    "Nyttorad {} finns inte i den fastställda nyttovärderingen, som har {} rader. Läs in uppföljningen på nytt och fyll i den igen.",
                    r.line + 1,
                    valued.len()
                ),
            );
        } else if realised[..k].iter().any(|earlier| earlier.line == r.line) {
            e.push("lines", format!("Nyttoraden {} är ifylld två gånger.", valued[r.line].name));
        }
    }
    for (i, line) in valued.iter().enumerate() {
        let Some(r) = realised.iter().find(|r| r.line == i) else {
            e.push("lines", format!("Följ upp varje nyttorad: {} saknas.", line.name));
            continue;
        };
        if r.evidence.trim().is_empty() {
            e.push(
                "lines",
                format!("{}: ange underlaget för utfallet (t.ex. budgetbeslut, mätning, enkät).", line.name),
            );
        }
        let explained = !r.deviation.trim().is_empty();
        match (line.valued, r.realised) {
            (Some(_), None) => e.push("lines", format!("{}: ange det realiserade beloppet per år.", line.name)),
            (None, Some(_)) => e.push(
                "lines",
                format!(
                    "{} är en kvalitativ nytta: beskriv utfallet i underlaget i stället för ett belopp.",
                    line.name
                ),
            ),
            (Some(valued), Some(realised)) if deviates(valued, realised.as_decimal()) && !explained => e.push(
                "lines",
                format!(
                    "{}: utfallet avviker med {} % eller mer från det värderade ({}). Förklara avvikelsen.",
                    line.name,
                    DEVIATION_THRESHOLD_PERCENT,
                    format_kronor_sv(valued)
                ),
            ),
            _ => {}
        }
        let saving = r.realised.is_some_and(|s| s.as_decimal() > Decimal::ZERO);
        if line.budget_releasing && saving && !r.budget_reduced && !explained {
            e.push("lines", format!("{}: besparingen har inte tagits ut ur någon budget. Förklara varför.", line.name));
        }
    }
    e.into_result(|| ())
}

/// One line's valued and realised amounts side by side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineComparison {
    pub name: String,
    pub valued: Option<Decimal>,
    pub realised: Option<Decimal>,
    /// Realised minus valued.
    pub difference: Option<Decimal>,
    pub rate_percent: Option<Decimal>,
}

pub fn compare(valued: &[ValuedLine], realised: &[RealisedLine]) -> Vec<LineComparison> {
    valued
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let done = realised.iter().find(|r| r.line == i).and_then(|r| r.realised).map(Sek::as_decimal);
            let both = line.valued.zip(done);
            LineComparison {
                name: line.name.clone(),
                valued: line.valued,
                realised: done,
                difference: both.map(|(v, r)| r - v),
                rate_percent: both.and_then(|(v, r)| realisation_rate(v, r)),
            }
        })
        .collect()
}

/// Valued and realised money summed over followed-up projects: per application, per
/// portfolio and year, or the whole programme.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Realisation {
    pub projects: u32,
    pub valued: Decimal,
    pub realised: Decimal,
}

impl Realisation {
    /// One project's monetary lines.
    pub fn of(lines: &[LineComparison]) -> Self {
        let money = lines.iter().filter_map(|l| l.valued.zip(l.realised));
        money.fold(Realisation { projects: 1, ..Realisation::default() }, |sum, (v, r)| Realisation {
            valued: sum.valued + v,
            realised: sum.realised + r,
            ..sum
        })
    }

    pub fn rate_percent(&self) -> Option<Decimal> {
        realisation_rate(self.valued, self.realised)
    }
}

impl std::ops::Add for Realisation {
    type Output = Realisation;

    fn add(self, other: Realisation) -> Realisation {
        Realisation {
            projects: self.projects + other.projects,
            valued: self.valued + other.valued,
            realised: self.realised + other.realised,
        }
    }
}

impl std::ops::AddAssign for Realisation {
    fn add_assign(&mut self, other: Realisation) {
        *self = *self + other;
    }
}
