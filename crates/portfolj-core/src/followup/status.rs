//! Status reports from running projects (DOMAIN.md §9): time, cost and scope as traffic
//! lights, money spent and the forecast at completion, milestones and risks, on the
//! schedule the projektkontor sets — every month, quarter or half-year, due a number of
//! days after the period ends.

use chrono::{Datelike, Duration, Months, NaiveDate};

use crate::error::ValidationErrors;
use crate::language::Language;
use crate::money::{Sek, format_kronor_sv};
use crate::{Actor, Application, Role};

/// The applying unit's applicants report on their project; the projektkontor may enter a
/// report it received another way. Nobody else, on any laptop or in any bundle.
pub fn may_report(actor: &Actor, app: &Application) -> bool {
    actor.has(Role::Office) || (actor.has(Role::Applicant) && actor.unit == app.unit)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Light {
    Green,
    Yellow,
    Red,
}

impl Light {
    pub const ALL: [Light; 3] = [Light::Green, Light::Yellow, Light::Red];

    pub fn code(self) -> &'static str {
        match self {
            Light::Green => "green",
            Light::Yellow => "yellow",
            Light::Red => "red",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    /// Said in words too, so colour is never the only signal.
    pub fn name_sv(self) -> &'static str {
        match self {
            Light::Green => "grön: enligt plan",
            Light::Yellow => "gul: avvikelse som hanteras",
            Light::Red => "röd: kräver beslut",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Milestone {
    pub name: String,
    pub due_on: NaiveDate,
    pub done: bool,
}

/// One reporting period, first and last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusReport {
    pub period: Period,
    pub time: Light,
    pub cost: Light,
    pub scope: Light,
    pub spent_to_date: Sek,
    pub forecast: Sek,
    pub milestones: Vec<Milestone>,
    pub risks: String,
    pub comment: String,
    /// Why spent to date is lower than in the previous report; needed only then.
    pub correction_reason: String,
}

impl StatusReport {
    /// Every rule, all reported at once in Swedish. `previous_spent` is the latest earlier
    /// report's spent to date. (A forecast above the granted amount is not a rule here: a
    /// laptop writing offline does not hold the decision, and a report must be judged the
    /// same there and at the office.)
    pub fn check(&self, previous_spent: Option<Sek>) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        if let Some(previous) = previous_spent
            && self.spent_to_date < previous
            && self.correction_reason.trim().is_empty()
        {
            e.push(
                "correction_reason",
                format!(
                    "Upparbetat hittills är lägre än i förra rapporten ({}). Ange skälet till rättelsen.",
                    format_kronor_sv(previous.as_decimal())
                ),
            );
        }
        if self.forecast < self.spent_to_date {
            e.push("forecast", "Prognosen vid projektets slut kan inte vara lägre än det som redan är upparbetat.");
        }
        if self.comment.trim().is_empty() && [self.time, self.cost, self.scope].contains(&Light::Red) {
            e.push("comment", "En röd signal behöver en förklaring: vad har hänt och vad behöver beslutas?");
        }
        if self.milestones.iter().any(|m| m.name.trim().is_empty()) {
            e.push("milestones", "Varje milstolpe behöver ett namn.");
        }
        e.into_result(|| ())
    }
}

/// How often running projects report, and how long after a period's end a report is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    /// 1, 3 or 6.
    pub months: u32,
    pub grace_days: u32,
}

impl Default for Schedule {
    /// Quarterly, due 15 days after the quarter.
    fn default() -> Self {
        Schedule { months: 3, grace_days: 15 }
    }
}

impl Schedule {
    pub const MONTHS: [u32; 3] = [1, 3, 6];

    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        if !Self::MONTHS.contains(&self.months) {
            e.push("months", "Välj rapportering varje månad, kvartal eller halvår.");
        }
        if self.grace_days > 60 {
            e.push("grace_days", "En rapport ska lämnas inom 60 dagar efter periodens slut.");
        }
        e.into_result(|| ())
    }

    /// The period `day` falls in; periods start in January.
    pub fn period_of(&self, day: NaiveDate) -> Period {
        let months = self.months.clamp(1, 12);
        let first_month = (day.month0() / months) * months + 1;
        let start = NaiveDate::from_ymd_opt(day.year(), first_month, 1).unwrap_or(day);
        let end = start.checked_add_months(Months::new(months)).map_or(day, |next| next - Duration::days(1));
        Period { start, end }
    }

    pub fn due_on(&self, period: Period) -> NaiveDate {
        period.end + Duration::days(i64::from(self.grace_days))
    }

    /// Every period from the one the project started in whose report was due before
    /// `today`, oldest first.
    pub fn due_periods(&self, started_on: NaiveDate, today: NaiveDate) -> Vec<Period> {
        let mut periods = Vec::new();
        let mut period = self.period_of(started_on);
        while self.due_on(period) < today {
            periods.push(period);
            period = self.period_of(period.end + Duration::days(1));
        }
        periods
    }

    /// "2016 kvartal 2", "2016 mars", "2016 halvår 1" — or "Q2 2016", "March 2016",
    /// "H1 2016" in English.
    pub fn label(&self, period: Period, language: Language) -> String {
        const MONTHS: [(&str, &str); 12] = [
            ("januari", "January"),
            ("februari", "February"),
            ("mars", "March"),
            ("april", "April"),
            ("maj", "May"),
            ("juni", "June"),
            ("juli", "July"),
            ("augusti", "August"),
            ("september", "September"),
            ("oktober", "October"),
            ("november", "November"),
            ("december", "December"),
        ];
        let year = period.start.year();
        let index = period.start.month0() / self.months.max(1) + 1;
        match (self.months, language) {
            (1, Language::Sv) => format!("{year} {}", MONTHS[period.start.month0() as usize].0),
            (1, Language::En) => format!("{} {year}", MONTHS[period.start.month0() as usize].1),
            (6, Language::Sv) => format!("{year} halvår {index}"),
            (6, Language::En) => format!("H{index} {year}"),
            (3, Language::Sv) => format!("{year} kvartal {index}"),
            (3, Language::En) => format!("Q{index} {year}"),
            _ => format!("{} – {}", period.start, period.end),
        }
    }
}

/// Whether `period` is one a report can be for: it starts on the first of a month, ends
/// after it starts, and spans at most half a year (the longest schedule).
pub fn is_period(period: Period) -> bool {
    let longest = period.start.checked_add_months(Months::new(6)).map(|next| next - Duration::days(1));
    period.start.day() == 1 && period.end >= period.start && longest.is_some_and(|last| period.end <= last)
}

/// The periods due whose report is missing: not among `reported` (each report's period
/// start), oldest first.
pub fn missing(schedule: &Schedule, started_on: NaiveDate, reported: &[NaiveDate], today: NaiveDate) -> Vec<Period> {
    schedule.due_periods(started_on, today).into_iter().filter(|p| !reported.contains(&p.start)).collect()
}
