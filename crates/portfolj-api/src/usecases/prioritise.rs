//! Prioritisation within a frame: the portfolio's applications awaiting a decision that
//! year become candidates — cost their requested amount, value by the chosen objective
//! (the beredningsgrupp's mean, the fastställd valuation's NPV, or a documented
//! combination) — and the core chooses exactly (`portfolj_core::prioritise`). Only the
//! projektkontor runs it (DOMAIN.md §10).

use std::collections::BTreeMap;

use portfolj_core::frame::PortfolioPart;
use portfolj_core::prioritise::{self as core, Candidate, Exclusion, Problem, Rules};
use portfolj_core::{ApplicationId, ApplicationState, Portfolio, Sek};
use portfolj_store::Connection;
use portfolj_store::tables::application::{self as applications, ApplicationFilter, Listed};
use portfolj_store::tables::{frame, review};
use rust_decimal::Decimal;

use crate::dto::{FrontierPointDto, PrioritisationDto, PrioritiseDto, PriorityRowDto, SubFrameDto};
use crate::usecases::application::parse_application_id;
use crate::usecases::{session, valuation};
use crate::{Api, ApiError, ErrorCode};

/// Applications the council has still to decide on.
const AWAITING: [ApplicationState; 3] =
    [ApplicationState::Valued, ApplicationState::InReview, ApplicationState::Proposed];

fn kronor(ore: i64) -> String {
    Sek::from_ore(ore.max(0)).map(|s| s.to_string()).unwrap_or_else(|_| (Decimal::new(ore, 2)).to_string())
}

/// What each candidate is worth by each measure.
struct Measures {
    score: Option<Decimal>,
    npv: Option<Decimal>,
}

/// The objective's value. `combined` = w · mean / 5 + (1 − w) · NPV / the largest |NPV|
/// among the candidates: both on 0–1, weighted by the score's share w.
fn value_of(objective: &str, weight: Decimal, m: &Measures, largest_npv: Decimal) -> Result<Decimal, ApiError> {
    let score = m.score.unwrap_or(Decimal::ZERO);
    let npv = m.npv.unwrap_or(Decimal::ZERO);
    match objective {
        "score" => Ok(score),
        "npv" => Ok(npv),
        "combined" => {
            let npv_part = if largest_npv.is_zero() { Decimal::ZERO } else { npv / largest_npv };
            Ok(weight * score / Decimal::from(5) + (Decimal::ONE - weight) * npv_part)
        }
        _ => Err(ApiError::new(ErrorCode::Validation, "Välj mål: score (gruppens medelvärde), npv eller combined.")),
    }
}

fn ids(list: &[String]) -> Result<Vec<ApplicationId>, ApiError> {
    list.iter().map(|id| parse_application_id(id)).collect()
}

fn reason_sv(e: &Exclusion, titles: &BTreeMap<ApplicationId, String>) -> (&'static str, String) {
    let title = |id: &ApplicationId| titles.get(id).cloned().unwrap_or_else(|| id.to_string());
    match e {
        Exclusion::ForcedOut => ("forced_out", "Valts bort av projektkontoret.".to_owned()),
        Exclusion::Requires(b) => ("requires", format!("Kräver \"{}\", som inte är med.", title(b))),
        Exclusion::ExcludedBy(b) => {
            ("excluded_by", format!("Kan inte väljas tillsammans med \"{}\", som är med.", title(b)))
        }
        Exclusion::NoValue => ("no_value", "Ger inget värde enligt det valda målet.".to_owned()),
        Exclusion::DoesNotFit { remaining, sub_frame } => {
            let left = Sek::from_ore(*remaining).map(Sek::format_sv).unwrap_or_default();
            let of = if *sub_frame { "delramen" } else { "ramen" };
            ("does_not_fit", format!("Ryms inte: {left} återstår av {of}."))
        }
        Exclusion::LowerValuePerKrona => (
            "lower_value_per_krona",
            "Ryms, men bara med ett beroende eller en uteslutning som kostar mer än den ger.".to_owned(),
        ),
    }
}

fn candidates_of(conn: &Connection, portfolio: Portfolio, year: i32) -> Result<Vec<Listed>, ApiError> {
    let mut listed = Vec::new();
    for state in AWAITING {
        let filter = ApplicationFilter {
            portfolio: Some(portfolio),
            fiscal_year: Some(year),
            state: Some(state),
            ..ApplicationFilter::default()
        };
        listed.extend(applications::list(conn, &filter)?);
    }
    listed.sort_by_key(|l| l.application.id);
    Ok(listed)
}

pub(crate) fn prioritise_in(conn: &Connection, args: &PrioritiseDto) -> Result<PrioritisationDto, ApiError> {
    let Some(portfolio) = Portfolio::from_number(i64::from(args.portfolio)) else {
        return Err(ApiError::new(ErrorCode::Validation, "Välj en portfölj 1–5."));
    };
    prioritise_among(conn, args, candidates_of(conn, portfolio, args.year)?)
}

/// The best selection among `listed` (one portfolio's applications for the year) under the
/// recorded frame or the scenario's.
pub(crate) fn prioritise_among(
    conn: &Connection,
    args: &PrioritiseDto,
    listed: Vec<Listed>,
) -> Result<PrioritisationDto, ApiError> {
    let Some(portfolio) = Portfolio::from_number(i64::from(args.portfolio)) else {
        return Err(ApiError::new(ErrorCode::Validation, "Välj en portfölj 1–5."));
    };
    let recorded = frame::all(conn)?.into_iter().find(|f| f.portfolio == portfolio && f.year == args.year);
    let frame_ore = match (&args.frame, &recorded) {
        (Some(text), _) => {
            Sek::parse(text).map_err(|e| ApiError::new(ErrorCode::Validation, format!("Ramen: {e}")))?.to_ore()
        }
        (None, Some(f)) => f.amount.to_ore(),
        (None, None) => {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                format!("Portfölj {} har ingen ram för {}. Lägg in ramen först.", args.portfolio, args.year),
            ));
        }
    };
    // A scenario's own frame keeps the recorded split in proportion.
    let scale = |ore: i64| match (&args.frame, &recorded) {
        (Some(_), Some(f)) if f.amount.to_ore() > 0 => {
            i64::try_from(i128::from(ore) * i128::from(frame_ore) / i128::from(f.amount.to_ore())).unwrap_or(ore)
        }
        _ => ore,
    };
    let sub_frames: Vec<(PortfolioPart, i64)> = recorded
        .as_ref()
        .map(|f| f.sub_frames.iter().map(|s| (s.part, scale(s.amount.to_ore()))).collect())
        .unwrap_or_default();
    let round = review::rounds(conn)?.into_iter().find(|r| r.portfolio == args.portfolio && r.year == args.year);
    let means: BTreeMap<String, Decimal> = match &round {
        Some(r) => review::tallies(conn, &r.id)?
            .into_iter()
            .filter_map(|t| t.mean.parse().ok().map(|m| (t.application, m)))
            .collect(),
        None => BTreeMap::new(),
    };
    let mut measures = Vec::new();
    for l in &listed {
        let npv = valuation::approved_summary(conn, l.application.id)?.and_then(|s| s.npv.parse::<Decimal>().ok());
        measures.push(Measures { score: means.get(&l.application.id.to_string()).copied(), npv });
    }
    let largest_npv = measures.iter().filter_map(|m| m.npv).map(|n| n.abs()).max().unwrap_or(Decimal::ZERO);
    let weight = Decimal::from(args.score_weight_percent.unwrap_or(50).min(100)) / Decimal::ONE_HUNDRED;
    let candidates = listed
        .iter()
        .zip(&measures)
        .map(|(l, m)| {
            Ok(Candidate {
                id: l.application.id,
                cost: l.application.requested_amount.to_ore(),
                part: Some(PortfolioPart::of(l.application.it_category)),
                value: value_of(&args.objective, weight, m, largest_npv)?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let problem = Problem {
        frame: frame_ore,
        sub_frames: sub_frames.clone(),
        candidates,
        rules: Rules {
            forced_in: ids(&args.forced_in)?,
            forced_out: ids(&args.forced_out)?,
            requires: args
                .requires
                .iter()
                .map(|p| Ok((parse_application_id(&p.application_id)?, parse_application_id(&p.other_id)?)))
                .collect::<Result<_, ApiError>>()?,
            excludes: args
                .excludes
                .iter()
                .map(|p| Ok((parse_application_id(&p.application_id)?, parse_application_id(&p.other_id)?)))
                .collect::<Result<_, ApiError>>()?,
        },
    };
    let selection = core::optimise(&problem)?;
    let titles: BTreeMap<ApplicationId, String> =
        listed.iter().map(|l| (l.application.id, l.application.title.clone())).collect();
    let row = |l: &Listed, m: &Measures, c: &Candidate, reason: Option<&Exclusion>| {
        let (code, text) = reason.map(|e| reason_sv(e, &titles)).unzip();
        PriorityRowDto {
            application_id: l.application.id.to_string(),
            title: l.application.title.clone(),
            unit_name: l.unit_name.clone(),
            amount: l.application.requested_amount.to_string(),
            part: PortfolioPart::of(l.application.it_category).into(),
            value: c.value.normalize().to_string(),
            score_mean: m.score.map(|s| s.normalize().to_string()),
            npv: m.npv.map(|n| n.to_string()),
            chosen: reason.is_none(),
            reason_code: code.map(str::to_owned),
            reason: text,
        }
    };
    let position = |id: &ApplicationId| listed.iter().position(|l| l.application.id == *id);
    let mut rows = Vec::new();
    for id in &selection.chosen {
        if let Some(i) = position(id) {
            rows.push(row(&listed[i], &measures[i], &problem.candidates[i], None));
        }
    }
    for (id, why) in &selection.excluded {
        if let Some(i) = position(id) {
            rows.push(row(&listed[i], &measures[i], &problem.candidates[i], Some(why)));
        }
    }
    let frontier = match args.frontier_step {
        Some(step) => core::frontier(&problem, step)?
            .into_iter()
            .map(|p| FrontierPointDto {
                percent: p.percent,
                budget: kronor(p.budget),
                value: p.value.map(|v| v.normalize().to_string()),
                cost: kronor(p.cost),
                added: p.added.iter().filter_map(|id| titles.get(id).cloned()).collect(),
                removed: p.removed.iter().filter_map(|id| titles.get(id).cloned()).collect(),
            })
            .collect(),
        None => Vec::new(),
    };
    Ok(PrioritisationDto {
        portfolio: args.portfolio,
        year: args.year,
        objective: args.objective.clone(),
        frame: kronor(frame_ore),
        sub_frames: sub_frames
            .iter()
            .map(|(part, a)| SubFrameDto { part: (*part).into(), amount: kronor(*a) })
            .collect(),
        value: selection.value.normalize().to_string(),
        cost: kronor(selection.cost),
        remaining: kronor(selection.remaining),
        rows,
        frontier,
    })
}

impl Api {
    /// The best selection within the portfolio's frame for the year (or a scenario's own
    /// frame and choices), with why each other application is left out.
    pub fn prioritise(&self, args: &PrioritiseDto) -> Result<PrioritisationDto, ApiError> {
        self.store().read(|tx| {
            let actor = session::actor(tx)?;
            session::require_office(&actor, "Bara projektkontoret prioriterar inom ramarna.")?;
            prioritise_in(tx, args)
        })
    }
}
