//! Optimism bias (HM Treasury Green Book, supplementary guidance, Mott MacDonald 2002):
//! appraisals are systematically too optimistic, so capital cost, duration and (for
//! outsourcing) operating cost are raised by an uplift. Start from the upper bound for the
//! project type and reduce it only as far as the valuer documents mitigation of each
//! contributory factor; never below the lower bound.

use rust_decimal::Decimal;

use crate::error::ValidationErrors;

/// Project types of the guidance, with their upper and lower uplift bounds in percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProjectType {
    /// No uplift at all (a worksheet that opts out must say why in its factors).
    None,
    /// "Equipment/development": IT development belongs here.
    EquipmentDevelopment,
    /// "Outsourcing": services bought in; the uplift falls on operating cost.
    Outsourcing,
    StandardBuildings,
    NonStandardBuildings,
}

/// Uplifts in percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Uplifts {
    pub capex: Decimal,
    pub duration: Decimal,
    pub opex: Decimal,
}

impl ProjectType {
    /// (upper, lower) bounds from the guidance's table, percent.
    pub fn bounds(self) -> (Uplifts, Uplifts) {
        let u = |capex: i64, duration: i64, opex: i64| Uplifts {
            capex: Decimal::from(capex),
            duration: Decimal::from(duration),
            opex: Decimal::from(opex),
        };
        match self {
            ProjectType::None => (u(0, 0, 0), u(0, 0, 0)),
            ProjectType::EquipmentDevelopment => (u(200, 54, 0), u(10, 10, 0)),
            ProjectType::Outsourcing => (u(0, 0, 41), u(0, 0, 0)),
            ProjectType::StandardBuildings => (u(24, 4, 0), u(2, 1, 0)),
            ProjectType::NonStandardBuildings => (u(51, 39, 0), u(4, 2, 0)),
        }
    }
}

/// One contributory factor (e.g. "inadequate business case", "complexity of contract
/// structure"): its share of the bias and how much of it the project has mitigated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BiasFactor {
    pub name: String,
    /// Percent of the total bias this factor accounts for.
    pub share_percent: Decimal,
    /// Percent of this factor that is mitigated (0–100), as documented by the valuer.
    pub mitigated_percent: Decimal,
    pub evidence: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptimismBias {
    pub project_type: ProjectType,
    pub factors: Vec<BiasFactor>,
}

impl OptimismBias {
    pub fn none() -> Self {
        Self { project_type: ProjectType::None, factors: Vec::new() }
    }

    /// The share of the bias removed by documented mitigation, 0–1.
    fn mitigation(&self) -> Decimal {
        let hundred = Decimal::ONE_HUNDRED;
        let total: Decimal = self.factors.iter().map(|f| f.share_percent * f.mitigated_percent / hundred).sum();
        (total / hundred).clamp(Decimal::ZERO, Decimal::ONE)
    }

    /// The uplifts to apply: upper bound reduced by mitigation, not below the lower bound.
    pub fn uplifts(&self) -> Uplifts {
        let (upper, lower) = self.project_type.bounds();
        let keep = Decimal::ONE - self.mitigation();
        let reduce = |up: Decimal, low: Decimal| (up * keep).max(low);
        Uplifts {
            capex: reduce(upper.capex, lower.capex),
            duration: reduce(upper.duration, lower.duration),
            opex: reduce(upper.opex, lower.opex),
        }
    }

    pub(super) fn check(&self, e: &mut ValidationErrors) {
        let in_range = |v: Decimal| v >= Decimal::ZERO && v <= Decimal::ONE_HUNDRED;
        if self.factors.iter().any(|f| !in_range(f.share_percent) || !in_range(f.mitigated_percent)) {
            e.push("optimism_bias", "Andel och minskning per faktor anges i procent, 0–100.");
        }
        let shares: Decimal = self.factors.iter().map(|f| f.share_percent).sum();
        if shares > Decimal::ONE_HUNDRED {
            e.push("optimism_bias", "Faktorernas andelar får tillsammans vara högst 100 %.");
        }
        if self.factors.iter().any(|f| f.mitigated_percent > Decimal::ZERO && f.evidence.trim().is_empty()) {
            e.push("optimism_bias", "Varje minskning av optimismjusteringen måste motiveras.");
        }
    }
}
