//! From a worksheet to its results. Every figure is exact `Decimal`; rounding belongs to
//! the display. Benefit lines are linear in their estimate, so each line's present value
//! is computed once per estimate and sensitivity is exact, not re-simulated.

use rust_decimal::Decimal;

use super::model::{Amount, BenefitClass, BenefitKind, BenefitLine, CostKind, CostSchedule, Range, Worksheet};
use super::optimism::Uplifts;
use crate::application::details::Contribution;
use crate::error::ValidationErrors;

/// One year of the table (after optimism bias).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearRow {
    pub year: i32,
    pub budget_releasing: Decimal,
    pub time_freed: Decimal,
    pub citizen: Decimal,
    pub internal: Decimal,
    pub benefits: Decimal,
    pub development: Decimal,
    pub operations: Decimal,
    pub decommissioning: Decimal,
    pub costs: Decimal,
    pub net: Decimal,
    pub discount_factor: Decimal,
    pub discounted_net: Decimal,
    pub cumulative_discounted_net: Decimal,
}

/// A figure that has no meaning for this worksheet, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CannotCompute {
    #[error("Kan inte beräknas: kostnaderna är 0 kr. Lägg in utvecklings- och driftkostnader.")]
    NoCosts,
}

/// How NPV moves when one benefit line goes from its lowest to its highest estimate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SensitivityRow {
    pub line: String,
    pub npv_at_min: Decimal,
    pub npv_at_max: Decimal,
    /// `npv_at_max − npv_at_min`; rows are in falling order of this (the tornado).
    pub swing: Decimal,
}

/// How far a benefit may fall before NPV turns negative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SwitchingValue {
    /// A line's name, or `None` for all monetary benefits together.
    pub line: Option<String>,
    pub present_value: Decimal,
    /// Percent the benefit may fall (0 when NPV is already negative; capped at 100).
    pub may_fall_percent: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Results {
    pub hourly_cost: Decimal,
    pub uplifts: Uplifts,
    pub years: Vec<YearRow>,
    pub pv_benefits: Decimal,
    pub pv_costs: Decimal,
    pub pv_costs_unadjusted: Decimal,
    pub npv: Decimal,
    pub npv_unadjusted: Decimal,
    pub benefit_cost_ratio: Result<Decimal, CannotCompute>,
    pub npv_per_krona: Result<Decimal, CannotCompute>,
    /// The first year whose cumulative discounted net is at or above zero.
    pub payback_year: Option<i32>,
    pub average_net_per_year: Decimal,
    /// NPV with every benefit at its certainty-weighted (PERT) value.
    pub npv_expected: Decimal,
    pub sensitivity: Vec<SensitivityRow>,
    pub switching_values: Vec<SwitchingValue>,
    /// Qualitative benefits: scored, never summed as money.
    pub qualitative: Vec<(String, Contribution)>,
}

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// Discount factors 1/(1+r)^t for t = 0..horizon.
fn discount_factors(rate_percent: Decimal, horizon: u32) -> Vec<Decimal> {
    let step = Decimal::ONE + rate_percent / HUNDRED;
    let mut factors = Vec::with_capacity(horizon as usize);
    let mut factor = Decimal::ONE;
    for _ in 0..horizon {
        factors.push(factor);
        factor /= step;
    }
    factors
}

/// A benefit line's share of full effect in each year of the horizon.
fn ramp(ws: &Worksheet, line: &BenefitLine, years: &[i32]) -> Vec<Decimal> {
    let delay = i32::try_from(ws.parameters.default_delay_years).unwrap_or(0);
    let start = line.first_year.unwrap_or(ws.first_year + delay);
    years
        .iter()
        .map(|y| match usize::try_from(y - start) {
            Err(_) => Decimal::ZERO,
            Ok(k) => line.ramp_up_percent.get(k).map_or(Decimal::ONE, |p| *p / HUNDRED),
        })
        .collect()
}

/// What one unit of the line's estimate is worth in kronor, and the estimate itself.
fn unit_and_estimate(ws: &Worksheet, line: &BenefitLine) -> (Decimal, Range) {
    match &line.amount {
        Amount::Sek(r) => (Decimal::ONE, *r),
        Amount::Hours(r) => (ws.parameters.hourly_cost(), *r),
        Amount::Volume { count, unit_value } => (unit_value.as_decimal(), *count),
    }
}

/// A benefit line's valued kronor in one year: its likely estimate after ramp-up;
/// `None` for a qualitative line.
pub fn benefit_in_year(ws: &Worksheet, line: &BenefitLine, year: i32) -> Option<Decimal> {
    is_monetary(line).then(|| {
        let (unit, estimate) = unit_and_estimate(ws, line);
        estimate.likely * unit * ramp(ws, line, &[year])[0]
    })
}

fn is_monetary(line: &BenefitLine) -> bool {
    !matches!(line.class, BenefitClass::Qualitative { .. })
}

/// Each cost line's flow per year, before optimism bias.
fn cost_flow(schedule: &CostSchedule, years: &[i32]) -> Vec<Decimal> {
    years
        .iter()
        .map(|y| match schedule {
            CostSchedule::Years(amounts) => {
                amounts.iter().filter(|a| a.year == *y).map(|a| a.amount.as_decimal()).sum()
            }
            CostSchedule::Yearly { from_year, amount } if y >= from_year => amount.as_decimal(),
            CostSchedule::Yearly { .. } => Decimal::ZERO,
        })
        .collect()
}

/// Computes every result of a worksheet, after checking its inputs.
pub fn evaluate(ws: &Worksheet) -> Result<Results, ValidationErrors> {
    ws.check()?;
    let horizon = ws.parameters.horizon_years;
    let years: Vec<i32> = (0..horizon).map(|t| ws.first_year + i32::try_from(t).unwrap_or(0)).collect();
    let factors = discount_factors(ws.parameters.discount_rate_percent, horizon);
    let uplifts = ws.parameters.optimism_bias.uplifts();
    let capex = Decimal::ONE + uplifts.capex / HUNDRED;
    let opex = Decimal::ONE + uplifts.opex / HUNDRED;
    let zero_row = |(year, factor): (&i32, &Decimal)| YearRow {
        year: *year,
        budget_releasing: Decimal::ZERO,
        time_freed: Decimal::ZERO,
        citizen: Decimal::ZERO,
        internal: Decimal::ZERO,
        benefits: Decimal::ZERO,
        development: Decimal::ZERO,
        operations: Decimal::ZERO,
        decommissioning: Decimal::ZERO,
        costs: Decimal::ZERO,
        net: Decimal::ZERO,
        discount_factor: *factor,
        discounted_net: Decimal::ZERO,
        cumulative_discounted_net: Decimal::ZERO,
    };
    let mut rows: Vec<YearRow> = years.iter().zip(&factors).map(zero_row).collect();

    // Benefits: per line, the present value of one unit of its estimate.
    let mut lines = Vec::new();
    for line in ws.benefits.iter().filter(|l| is_monetary(l)) {
        let (unit, estimate) = unit_and_estimate(ws, line);
        let ramp = ramp(ws, line, &years);
        let mut pv_per_unit = Decimal::ZERO;
        for (t, row) in rows.iter_mut().enumerate() {
            let flow = estimate.likely * unit * ramp[t];
            match line.class {
                BenefitClass::BudgetReleasing => row.budget_releasing += flow,
                _ => row.time_freed += flow,
            }
            match line.kind {
                BenefitKind::Citizen => row.citizen += flow,
                BenefitKind::Internal => row.internal += flow,
            }
            row.benefits += flow;
            pv_per_unit += unit * ramp[t] * factors[t];
        }
        lines.push((line.name.clone(), estimate, pv_per_unit));
    }

    let mut pv_costs_unadjusted = Decimal::ZERO;
    for line in &ws.costs {
        let uplift = match line.kind {
            CostKind::Development | CostKind::Decommissioning => capex,
            CostKind::Operations => opex,
        };
        for (t, (row, flow)) in rows.iter_mut().zip(cost_flow(&line.schedule, &years)).enumerate() {
            let adjusted = flow * uplift;
            match line.kind {
                CostKind::Development => row.development += adjusted,
                CostKind::Operations => row.operations += adjusted,
                CostKind::Decommissioning => row.decommissioning += adjusted,
            }
            row.costs += adjusted;
            pv_costs_unadjusted += flow * factors[t];
        }
    }

    let mut cumulative = Decimal::ZERO;
    let (mut pv_benefits, mut pv_costs, mut total_net) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    let mut payback_year = None;
    for row in &mut rows {
        row.net = row.benefits - row.costs;
        row.discounted_net = row.net * row.discount_factor;
        cumulative += row.discounted_net;
        row.cumulative_discounted_net = cumulative;
        pv_benefits += row.benefits * row.discount_factor;
        pv_costs += row.costs * row.discount_factor;
        total_net += row.net;
        if payback_year.is_none()
            && cumulative >= Decimal::ZERO
            && (row.benefits > Decimal::ZERO || row.costs > Decimal::ZERO)
        {
            payback_year = Some(row.year);
        }
    }
    let npv = pv_benefits - pv_costs;
    let ratio = |numerator: Decimal| {
        if pv_costs.is_zero() { Err(CannotCompute::NoCosts) } else { Ok(numerator / pv_costs) }
    };

    let npv_expected = npv + lines.iter().map(|(_, r, pv)| (r.expected() - r.likely) * *pv).sum::<Decimal>();
    let mut sensitivity: Vec<SensitivityRow> = lines
        .iter()
        .map(|(name, r, pv)| {
            let (at_min, at_max) = (npv + (r.min - r.likely) * *pv, npv + (r.max - r.likely) * *pv);
            SensitivityRow { line: name.clone(), npv_at_min: at_min, npv_at_max: at_max, swing: at_max - at_min }
        })
        .collect();
    sensitivity.sort_by(|a, b| b.swing.cmp(&a.swing).then_with(|| a.line.cmp(&b.line)));

    let may_fall = |present_value: Decimal| {
        if present_value <= Decimal::ZERO || npv <= Decimal::ZERO {
            Decimal::ZERO
        } else {
            (npv / present_value * HUNDRED).min(HUNDRED)
        }
    };
    let mut switching_values: Vec<SwitchingValue> = lines
        .iter()
        .map(|(name, r, pv)| {
            let present_value = r.likely * *pv;
            SwitchingValue { line: Some(name.clone()), present_value, may_fall_percent: may_fall(present_value) }
        })
        .collect();
    switching_values.push(SwitchingValue {
        line: None,
        present_value: pv_benefits,
        may_fall_percent: may_fall(pv_benefits),
    });

    Ok(Results {
        hourly_cost: ws.parameters.hourly_cost(),
        uplifts,
        pv_benefits,
        pv_costs,
        pv_costs_unadjusted,
        npv,
        npv_unadjusted: pv_benefits - pv_costs_unadjusted,
        benefit_cost_ratio: ratio(pv_benefits),
        npv_per_krona: ratio(npv),
        payback_year,
        average_net_per_year: total_net / Decimal::from(horizon.max(1)),
        npv_expected,
        sensitivity,
        switching_values,
        qualitative: ws
            .benefits
            .iter()
            .filter_map(|l| match &l.class {
                BenefitClass::Qualitative { score, .. } => Some((l.name.clone(), *score)),
                _ => None,
            })
            .collect(),
        years: rows,
    })
}
