//! The demo's valuations: every valued application has a fastställd worksheet built from
//! its own application, and the small demo has one dubbelräkning pair (two applications
//! claiming the same fewer calls to the contact centre), flagged on both.

use chrono::{DateTime, Utc};
use portfolj_core::{Actor, Application};
use portfolj_store::Connection;
use portfolj_store::tables::valuation::unregistered;
use rand::Rng;

use super::Generator;
use crate::ApiError;
use crate::dto::{
    AmountDto, ApplicationDetailsDto, BenefitClassDto, BenefitKindDto, BenefitLineDto, BenefitTargetKindDto,
    ContributionDto, CostKindDto, CostLineDto, NewApplicationDto, NewBenefitTargetDto, RangeDto, ResolveDoubleCountDto,
    VersionContentDto, YearlyCostDto,
};
use crate::usecases::valuation::{add_target_in, approve_in, create_valuation_in, prefill, resolve_in};

/// The saving both applications of the pair claim.
pub(super) const SHARED_TARGET: &str = "kontaktcenter.samtal";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Claim {
    /// Targets of its own.
    Own,
    /// The valued half of the pair: claims the shared target and resolves it as a split.
    SharedValued,
    /// The other half: a draft valuation of a submitted application, claiming the same.
    SharedDraft,
}

impl Claim {
    /// In the small demo, application 2 (submitted) and application 4 (valued) form the pair.
    pub(super) fn for_index(index: usize, count: usize) -> Self {
        match (count <= 40, index) {
            (true, 2) => Claim::SharedDraft,
            (true, 4) => Claim::SharedValued,
            _ => Claim::Own,
        }
    }
}

/// A readable register key of the application's own: the benefit's name as a slug and the
/// tail of the application's id, e.g. `farre-telefonsamtal-till-kontaktcenter.9f3a61c2-0`.
fn own_target(name: &str, application: &str, line: usize) -> String {
    let slug: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .take(48)
        .collect::<String>()
        .trim_matches('-')
        .to_owned();
    let tail = &application[application.len().saturating_sub(8)..];
    format!("{slug}.{tail}-{line}")
}

/// Registers a benefit target unless the register already holds it.
fn register(
    conn: &Connection,
    valuer: &Actor,
    key: &str,
    name: &str,
    kind: BenefitTargetKindDto,
    unit: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    if unregistered(conn, &[key])?.is_empty() {
        return Ok(());
    }
    let name = if key == SHARED_TARGET { "Samtal till stadens kontaktcenter" } else { name };
    let target = NewBenefitTargetDto { key: key.to_owned(), name: name.to_owned(), kind, unit: unit.to_owned() };
    add_target_in(conn, valuer, &target, now)
}

fn range(kronor: i64, low: i64, likely: i64, high: i64) -> RangeDto {
    let part = |percent: i64| (kronor * percent / 100).to_string();
    RangeDto { min: part(low), likely: part(likely), max: part(high) }
}

/// Values `app` as `valuer` would; approves it (which moves the application to
/// nyttovärderad) when `approve` is set.
#[allow(clippy::too_many_arguments)]
pub(super) fn value(
    conn: &Connection,
    g: &mut Generator,
    app: &mut Application,
    details: &ApplicationDetailsDto,
    valuer: &Actor,
    claim: Claim,
    approve: bool,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let content =
        VersionContentDto { basics: NewApplicationDto::from(&*app), details: details.clone(), attachments: vec![] };
    let mut ws = prefill(conn, app, &content)?;
    let kronor = app.requested_amount.as_decimal().trunc().to_string().parse::<i64>().unwrap_or(0);
    let optimistic = g.rng.random_range(35..70);
    for (i, line) in ws.benefits.iter_mut().enumerate() {
        line.amount = Some(AmountDto::Sek(range(kronor, optimistic / 2, optimistic, optimistic * 3 / 2)));
        line.class = if i == 0 { BenefitClassDto::TimeFreed } else { BenefitClassDto::BudgetReleasing };
        line.target = match claim {
            Claim::Own => own_target(&line.name, &app.id.to_string(), i),
            Claim::SharedValued | Claim::SharedDraft => SHARED_TARGET.to_owned(),
        };
        line.first_year = Some(ws.first_year + 1);
        line.ramp_up_percent = vec!["50".into()];
        let kind = if i == 0 { BenefitTargetKindDto::Process } else { BenefitTargetKindDto::BudgetLine };
        register(conn, valuer, &line.target, &line.name, kind, &line.receiving_unit, now)?;
    }
    ws.benefits.push(BenefitLineDto {
        name: "Enklare kontakt med staden".into(),
        kind: BenefitKindDto::Citizen,
        class: BenefitClassDto::Qualitative,
        score: Some(ContributionDto::Some),
        motivation: "Tjänsten finns dygnet runt och följer stadens riktlinjer.".into(),
        amount: None,
        receiving_unit: String::new(),
        target: String::new(),
        first_year: None,
        ramp_up_percent: vec![],
    });
    ws.costs.push(CostLineDto {
        name: "Drift och förvaltning".into(),
        kind: CostKindDto::Operations,
        bearing_unit: ws.costs.first().map(|c| c.bearing_unit.clone()).unwrap_or_default(),
        years: vec![],
        yearly: Some(YearlyCostDto { from_year: ws.first_year + 1, amount: (kronor / 10).to_string() }),
    });
    let id = g.id(now).to_string();
    create_valuation_in(conn, valuer, app.id, &id, Some(&ws), now)?;
    if claim == Claim::SharedValued {
        let resolution = ResolveDoubleCountDto {
            id: id.clone(),
            target: SHARED_TARGET.to_owned(),
            resolution: "split".into(),
            share_percent: Some("50".into()),
            motivation: "Båda projekten minskar samtalen till kontaktcenter; besparingen delas lika enligt överenskommelse med Serviceförvaltningen.".into(),
        };
        resolve_in(conn, valuer, &resolution, now)?;
    }
    if approve {
        approve_in(conn, valuer, &id, now)?;
        // The application moved to nyttovärderad inside approve_in; keep our copy in step.
        app.state = portfolj_core::ApplicationState::Valued;
    }
    Ok(())
}
