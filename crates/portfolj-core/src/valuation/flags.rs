//! Integrity flags on a worksheet (issue: nyttovärdering §6): dubbelräkning across
//! applications, benefits too early, forgotten operations cost, unaccepted ownership and
//! implausible ratios. Pure: the caller hands in the other applications' worksheets.

use rust_decimal::Decimal;

use super::model::{BenefitClass, CostKind, Worksheet};
use super::results::Results;
use crate::error::DomainError;
use crate::org::{Actor, Role};
use crate::{ApplicationId, ItCategory, UnitId};

/// Above this benefit/cost ratio a valuation is flagged as implausible (seed 002: benefits
/// were overestimated "to get the money").
pub fn default_plausible_ratio() -> Decimal {
    Decimal::from(10)
}

/// Only a valuer, and never one from the applying unit, values an application (seed 000).
pub fn authorize_valuer(actor: &Actor, applying_unit: UnitId) -> Result<(), DomainError> {
    if !actor.has(Role::Valuer) {
        return Err(DomainError::Forbidden(
            "Bara en nyttovärderare kan värdera ansökningar. Be projektkontoret om en värderare.".to_owned(),
        ));
    }
    if actor.unit == applying_unit {
        return Err(DomainError::Forbidden(
            "En nyttovärdering får inte göras av någon från den sökande enheten. Be en värderare från en annan enhet att värdera ansökan."
                .to_owned(),
        ));
    }
    Ok(())
}

/// Another application's worksheet, for dubbelräkning.
#[derive(Debug, Clone, Copy)]
pub struct OtherWorksheet<'a> {
    pub application: ApplicationId,
    pub title: &'a str,
    pub worksheet: &'a Worksheet,
}

/// What the flags need to know about the application itself.
#[derive(Debug, Clone, Copy)]
pub struct ApplicationFacts {
    pub category: ItCategory,
    pub owner_accepted_operations: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    /// `double_count`, `benefit_too_early`, `no_operations_cost`, `owner_not_accepted`, `implausible_ratio`.
    pub code: &'static str,
    pub message: String,
    /// The benefit target, for `double_count`.
    pub target: Option<String>,
    /// The other applications claiming the same target.
    pub others: Vec<ApplicationId>,
}

/// The years in which each benefit target of `ws` has effect.
pub fn target_years(ws: &Worksheet) -> Vec<(&str, i32, i32)> {
    let last = ws.first_year + i32::try_from(ws.parameters.horizon_years).unwrap_or(0) - 1;
    let delay = i32::try_from(ws.parameters.default_delay_years).unwrap_or(0);
    ws.benefits
        .iter()
        .filter(|b| !matches!(b.class, BenefitClass::Qualitative { .. }) && !b.target.trim().is_empty())
        .map(|b| (b.target.trim(), b.first_year.unwrap_or(ws.first_year + delay), last))
        .collect()
}

/// Every flag on `ws`.
pub fn flags(
    ws: &Worksheet,
    results: Option<&Results>,
    facts: ApplicationFacts,
    others: &[OtherWorksheet<'_>],
    plausible_ratio: Decimal,
) -> Vec<Flag> {
    let mut out = Vec::new();
    let mut targets = target_years(ws);
    targets.sort();
    targets.dedup_by(|a, b| a.0 == b.0);
    for (target, from, to) in targets {
        let claiming: Vec<&OtherWorksheet<'_>> = others
            .iter()
            .filter(|o| target_years(o.worksheet).iter().any(|(t, f, l)| *t == target && *f <= to && from <= *l))
            .collect();
        if !claiming.is_empty() {
            let titles: Vec<&str> = claiming.iter().map(|o| o.title).collect();
            out.push(Flag {
                code: "double_count",
                message: format!(
                    "Dubbelräkning: nyttan \"{target}\" räknas också i {} för samma år. Tilldela den till en ansökan, dela upp den eller motivera att de är oberoende.",
                    titles.join(", ")
                ),
                target: Some(target.to_owned()),
                others: claiming.iter().map(|o| o.application).collect(),
            });
        }
    }
    for b in &ws.benefits {
        let full_at_once = b.ramp_up_percent.first().is_none_or(|p| *p >= Decimal::ONE_HUNDRED);
        if b.first_year == Some(ws.first_year) && full_at_once && !matches!(b.class, BenefitClass::Qualitative { .. }) {
            out.push(Flag {
                code: "benefit_too_early",
                message: format!(
                    "Nyttan \"{}\" ger full effekt redan första året. Nyttor kommer oftast senare; lägg in en upprampning eller ett senare startår.",
                    b.name
                ),
                target: None,
                others: vec![],
            });
        }
    }
    if facts.category == ItCategory::Differentiating {
        if !ws.costs.iter().any(|c| c.kind == CostKind::Operations) {
            out.push(Flag {
                code: "no_operations_cost",
                message: "Ingen drift- och förvaltningskostnad är inlagd för ett differentierande it-stöd. Lägg in den årliga kostnaden och vem som bär den.".to_owned(),
                target: None,
                others: vec![],
            });
        }
        if !facts.owner_accepted_operations {
            out.push(Flag {
                code: "owner_not_accepted",
                message: "Systemägaren har inte godkänt den framtida driftkostnaden.".to_owned(),
                target: None,
                others: vec![],
            });
        }
    }
    if let Some(ratio) = results.and_then(|r| r.benefit_cost_ratio.clone().ok())
        && ratio > plausible_ratio
    {
        out.push(Flag {
            code: "implausible_ratio",
            message: format!(
                "Nytta/kostnad är {} – över rimlighetsgränsen {}. Kontrollera nyttornas storlek och att alla kostnader finns med.",
                crate::money::format_number_sv(ratio, 1),
                plausible_ratio
            ),
            target: None,
            others: vec![],
        });
    }
    out
}

/// How the valuer resolved a double count, in Swedish (the same words as the UI's).
pub fn resolution_sv(code: &str, share_percent: Option<&str>) -> String {
    match (code, share_percent) {
        ("assigned_here", _) => "räknas här".to_owned(),
        ("assigned_elsewhere", _) => "räknas i den andra ansökan".to_owned(),
        ("split", Some(share)) => format!("delas, {} % här", share.replace('.', ",")),
        ("split", None) => "delas".to_owned(),
        ("independent", _) => "oberoende nyttor".to_owned(),
        (other, _) => other.to_owned(),
    }
}
