//! The five perspectives the city follows IT from (DOMAIN.md §9, seed 001 §6): indicators
//! the projektkontor defines, measured objectively or by survey, and their trend.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::error::ValidationErrors;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Perspective {
    /// Citizens, businesses, visitors.
    ExternalBenefit,
    /// The city's own efficiency.
    InternalBenefit,
    /// Are investments used; can staff use them.
    ItMaturity,
    ItCost,
    /// Stability, availability.
    ItQuality,
}

impl Perspective {
    pub const ALL: [Perspective; 5] = [
        Perspective::ExternalBenefit,
        Perspective::InternalBenefit,
        Perspective::ItMaturity,
        Perspective::ItCost,
        Perspective::ItQuality,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Perspective::ExternalBenefit => "external_benefit",
            Perspective::InternalBenefit => "internal_benefit",
            Perspective::ItMaturity => "it_maturity",
            Perspective::ItCost => "it_cost",
            Perspective::ItQuality => "it_quality",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }
}

crate::language::named!(Perspective {
    Perspective::ExternalBenefit => ("Extern nytta", "External benefit"),
    Perspective::InternalBenefit => ("Intern nytta", "Internal benefit"),
    Perspective::ItMaturity => ("It-mognad", "IT maturity"),
    Perspective::ItCost => ("It-kostnad", "IT cost"),
    Perspective::ItQuality => ("It-kvalitet", "IT quality"),
});

/// Measured from systems (e.g. availability) or asked in a survey.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Objective,
    Survey,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicator {
    pub name: String,
    pub perspective: Perspective,
    /// "%", "kr per ärende", "skala 1–5".
    pub unit: String,
    pub method: Method,
    pub direction: Direction,
    pub target: Option<Decimal>,
}

impl Indicator {
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        if self.name.trim().is_empty() {
            e.push("name", "Ge mätetalet ett namn.");
        }
        if self.unit.trim().is_empty() {
            e.push("unit", "Ange enheten, till exempel %, kr per ärende eller skala 1–5.");
        }
        e.into_result(|| ())
    }

    /// Whether `value` reaches the target; `None` without a target.
    pub fn meets_target(&self, value: Decimal) -> Option<bool> {
        self.target.map(|target| match self.direction {
            Direction::HigherIsBetter => value >= target,
            Direction::LowerIsBetter => value <= target,
        })
    }

    /// How the latest measurement compares with the one before, in this indicator's direction.
    pub fn trend(&self, measurements: &[Measurement]) -> Trend {
        let mut sorted: Vec<&Measurement> = measurements.iter().collect();
        sorted.sort_by_key(|m| m.on);
        let [.., previous, latest] = sorted.as_slice() else { return Trend::TooFew };
        let better = match self.direction {
            Direction::HigherIsBetter => latest.value > previous.value,
            Direction::LowerIsBetter => latest.value < previous.value,
        };
        match (latest.value == previous.value, better) {
            (true, _) => Trend::Steady,
            (false, true) => Trend::Improving,
            (false, false) => Trend::Worsening,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measurement {
    pub on: NaiveDate,
    pub value: Decimal,
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    Improving,
    Steady,
    Worsening,
    /// Fewer than two measurements.
    TooFew,
}

impl Trend {
    pub const ALL: [Trend; 4] = [Trend::Improving, Trend::Steady, Trend::Worsening, Trend::TooFew];

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }

    pub fn code(self) -> &'static str {
        match self {
            Trend::Improving => "improving",
            Trend::Steady => "steady",
            Trend::Worsening => "worsening",
            Trend::TooFew => "too_few",
        }
    }
}

crate::language::named!(Trend {
    Trend::Improving => ("förbättras", "improving"),
    Trend::Steady => ("oförändrat", "steady"),
    Trend::Worsening => ("försämras", "worsening"),
    Trend::TooFew => ("för få mätningar", "too few measurements"),
});
