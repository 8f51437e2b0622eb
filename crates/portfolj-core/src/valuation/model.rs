//! The worksheet's inputs and their checks.

use rust_decimal::Decimal;

use super::optimism::OptimismBias;
use crate::application::details::Contribution;
use crate::error::ValidationErrors;
use crate::money::Sek;

/// Longest horizon a valuation may look ahead.
pub const MAX_HORIZON_YEARS: u32 = 30;

/// The round's parameters, the same for every application unless a deviation is recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameters {
    /// Years valued, from the worksheet's first year (default 5).
    pub horizon_years: u32,
    /// Real discount rate in percent (default 3.5).
    pub discount_rate_percent: Decimal,
    /// Monthly salary behind the hourly cost of time freed.
    pub monthly_salary: Sek,
    /// Salary on-costs (social fees, pension, overhead) as a factor, e.g. 1.45.
    pub on_cost_factor: Decimal,
    /// Working hours in a month, e.g. 165.
    pub hours_per_month: Decimal,
    /// Years before a benefit starts when its line does not say.
    pub default_delay_years: u32,
    pub optimism_bias: OptimismBias,
}

impl Parameters {
    /// The city's defaults: five years, 3.5 % real discount rate (as the Green Book),
    /// a 36 000 kr monthly salary with 1.45 on-costs over 165 hours.
    pub fn defaults() -> Self {
        Self {
            horizon_years: 5,
            discount_rate_percent: Decimal::new(35, 1),
            monthly_salary: Sek::kronor(36_000).unwrap_or(Sek::ZERO),
            on_cost_factor: Decimal::new(145, 2),
            hours_per_month: Decimal::from(165),
            default_delay_years: 1,
            optimism_bias: OptimismBias::none(),
        }
    }

    /// Kronor per hour of time freed: salary × on-cost factor ÷ hours per month.
    pub fn hourly_cost(&self) -> Decimal {
        if self.hours_per_month.is_zero() {
            return Decimal::ZERO;
        }
        self.monthly_salary.as_decimal() * self.on_cost_factor / self.hours_per_month
    }
}

/// Low, likely and high estimates of one figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub min: Decimal,
    pub likely: Decimal,
    pub max: Decimal,
}

impl Range {
    pub fn exact(value: Decimal) -> Self {
        Self { min: value, likely: value, max: value }
    }

    /// The PERT mean (min + 4 × likely + max) / 6: the certainty-weighted value.
    pub fn expected(&self) -> Decimal {
        (self.min + Decimal::from(4) * self.likely + self.max) / Decimal::from(6)
    }

    fn check(&self, field: &'static str, errors: &mut ValidationErrors) {
        if self.min.is_sign_negative() && !self.min.is_zero() {
            errors.push(field, "Värdena kan inte vara negativa.");
        }
        if self.min > self.likely || self.likely > self.max {
            errors.push(
                field,
                "Lägsta värdet får inte vara större än det troliga, och det troliga inte större än det högsta.",
            );
        }
    }
}

/// Who benefits (DOMAIN.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BenefitKind {
    /// Medborgarnytta: citizens, businesses, visitors.
    Citizen,
    /// Verksamhetsnytta: the city's own efficiency.
    Internal,
}

/// How a benefit's yearly amount is given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Amount {
    /// Kronor per year.
    Sek(Range),
    /// Hours per year, valued at the round's hourly cost.
    Hours(Range),
    /// A count per year times a value per unit (e.g. 12 000 ärenden × 85 kr).
    Volume { count: Range, unit_value: Sek },
}

/// PENG-style classes: only money that leaves a budget is a direct saving; time freed
/// is real but needs a decision to be realised; qualitative benefits are scored, never summed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BenefitClass {
    BudgetReleasing,
    TimeFreed,
    /// Scored on the fixed scale (ingen / viss / stark) with a motivation.
    Qualitative {
        score: Contribution,
        motivation: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenefitLine {
    pub name: String,
    pub kind: BenefitKind,
    pub class: BenefitClass,
    /// Ignored for qualitative lines.
    pub amount: Amount,
    pub receiving_unit: String,
    /// The process or budget line the benefit changes (the shared register's key):
    /// two applications claiming the same target in overlapping years are dubbelräkning.
    pub target: String,
    /// First year with any effect; `None` uses the round's default delay.
    pub first_year: Option<i32>,
    /// Percent of full effect in the first, second, … year; later years are at 100 %.
    pub ramp_up_percent: Vec<Decimal>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CostKind {
    Development,
    Operations,
    Decommissioning,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearAmount {
    pub year: i32,
    pub amount: Sek,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CostSchedule {
    /// Given year by year.
    Years(Vec<YearAmount>),
    /// The same amount every year from `from_year` to the end of the horizon.
    Yearly { from_year: i32, amount: Sek },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostLine {
    pub name: String,
    pub kind: CostKind,
    /// Who bears it (operations).
    pub bearing_unit: String,
    pub schedule: CostSchedule,
}

/// A key of the benefit-target register: 2–80 lower-case letters, digits, `.`, `-` or `_`,
/// starting with a letter or digit, so every valuer writes the same saving the same way.
pub fn is_target_key(key: &str) -> bool {
    let len = key.chars().count();
    let allowed = |c: char| (c.is_alphabetic() && c.is_lowercase()) || c.is_ascii_digit() || ".-_".contains(c);
    (2..=80).contains(&len) && key.chars().all(allowed) && key.chars().next().is_some_and(|c| c.is_alphanumeric())
}

/// A whole worksheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Worksheet {
    /// The first year of the horizon (usually the application's first stage year).
    pub first_year: i32,
    pub parameters: Parameters,
    pub benefits: Vec<BenefitLine>,
    pub costs: Vec<CostLine>,
}

impl Worksheet {
    /// Every rule a worksheet's inputs must follow, all reported at once in Swedish.
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        let p = &self.parameters;
        if p.horizon_years == 0 || p.horizon_years > MAX_HORIZON_YEARS {
            e.push("horizon_years", format!("Horisonten ska vara 1–{MAX_HORIZON_YEARS} år."));
        }
        let rate_ok = |r: Decimal| (r >= Decimal::ZERO) && r <= Decimal::ONE_HUNDRED;
        if !rate_ok(p.discount_rate_percent) {
            e.push("discount_rate_percent", "Diskonteringsräntan anges i procent, 0–100.");
        }
        if p.on_cost_factor < Decimal::ONE || p.on_cost_factor > Decimal::from(5) {
            e.push("on_cost_factor", "Påläggsfaktorn ska vara mellan 1 och 5, till exempel 1,45.");
        }
        if p.hours_per_month <= Decimal::ZERO || p.hours_per_month > Decimal::from(744) {
            e.push("hours_per_month", "Arbetstimmar per månad ska vara fler än 0 och högst 744.");
        }
        p.optimism_bias.check(&mut e);
        for line in &self.benefits {
            match &line.amount {
                Amount::Sek(r) | Amount::Hours(r) => r.check("benefits", &mut e),
                Amount::Volume { count, .. } => count.check("benefits", &mut e),
            }
            if line.ramp_up_percent.iter().any(|r| !rate_ok(*r)) {
                e.push("benefits", format!("Upprampningen för \"{}\" anges i procent, 0–100.", line.name));
            }
            if line.name.trim().is_empty() {
                e.push("benefits", "Varje nyttorad behöver ett namn.");
            }
        }
        let last_year = self.first_year + i32::try_from(p.horizon_years).unwrap_or(0) - 1;
        for line in &self.costs {
            let years: Vec<i32> = match &line.schedule {
                CostSchedule::Years(ys) => ys.iter().map(|y| y.year).collect(),
                CostSchedule::Yearly { from_year, .. } => vec![*from_year],
            };
            if years.iter().any(|y| *y < self.first_year || *y > last_year) {
                e.push(
                    "costs",
                    format!(
                        "Kostnaden \"{}\" ligger utanför värderingens horisont {}–{last_year}.",
                        line.name, self.first_year
                    ),
                );
            }
        }
        e.into_result(|| ())
    }

    /// Every unit and register target the worksheet names must exist, so a saving is
    /// attributed to a real unit and dubbelräkning compares like with like.
    pub fn check_references(
        &self,
        is_unit: impl Fn(&str) -> bool,
        is_target: impl Fn(&str) -> bool,
    ) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        for line in &self.benefits {
            let unit = line.receiving_unit.trim();
            if !unit.is_empty() && !is_unit(unit) {
                e.push(
                    "benefits",
                    format!(
                        "Mottagande enhet \"{unit}\" på raden \"{}\" finns inte. Välj en enhet ur listan.",
                        line.name
                    ),
                );
            }
            let target = line.target.trim();
            if !target.is_empty() && !is_target(target) {
                e.push(
                    "benefits",
                    format!(
                        "Nyttomålet \"{target}\" på raden \"{}\" finns inte i nyttomålsregistret. Välj ett mål ur registret eller lägg till det där först.",
                        line.name
                    ),
                );
            }
        }
        for line in &self.costs {
            let unit = line.bearing_unit.trim();
            if !unit.is_empty() && !is_unit(unit) {
                e.push(
                    "costs",
                    format!("Bärande enhet \"{unit}\" på raden \"{}\" finns inte. Välj en enhet ur listan.", line.name),
                );
            }
        }
        e.into_result(|| ())
    }
}
