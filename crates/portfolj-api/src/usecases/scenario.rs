//! Scenarios and the proposal: the projektkontor saves named prioritisation scenarios (a
//! frame, an objective and forced choices for one portfolio and year), compares them side
//! by side, and adopts one as the portfolio's proposal (förslag) for the year — each
//! adoption a new version, the memo using the newest. Only the office (DOMAIN.md §10).

use chrono::{DateTime, Utc};
use portfolj_core::{Actor, Portfolio, Sek};
use portfolj_store::Connection;
use portfolj_store::tables::application as applications;
use portfolj_store::tables::scenario::{self as table, Proposal, Scenario};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::dto::{
    AdoptScenarioDto, CompareScenariosDto, ComparisonRowDto, FrameKeyDto, PrioritiseDto, ProposalDto, ProposalItemDto,
    SaveScenarioDto, ScenarioComparisonDto, ScenarioDto, ScenarioOutcomeDto,
};
use crate::usecases::application::parse_application_id;
use crate::usecases::prioritise::prioritise_in;
use crate::usecases::{audit, session};
use crate::{Api, ApiError, ErrorCode};

const MAX_NAME_CHARS: usize = 200;
const OFFICE_ONLY: &str = "Bara projektkontoret arbetar med scenarier och förslag.";

/// One chosen application in a stored proposal.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Chosen {
    pub application_id: String,
    /// Kronor, exact.
    pub amount: String,
}

fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError::new(ErrorCode::Internal, e.to_string())
}

fn name_of(conn: &Connection, person: &str) -> Result<String, ApiError> {
    let id = person.parse().map_err(internal)?;
    Ok(portfolj_store::tables::org::person(conn, id)?.map_or_else(|| person.to_owned(), |p| p.name))
}

fn dto(conn: &Connection, s: Scenario) -> Result<ScenarioDto, ApiError> {
    Ok(ScenarioDto {
        settings: serde_json::from_str(&s.settings).map_err(internal)?,
        saved_by: name_of(conn, &s.saved_by)?,
        id: s.id,
        name: s.name,
        portfolio: s.portfolio,
        year: s.year,
        saved_at: s.saved_at,
    })
}

fn load(conn: &Connection, id: &str) -> Result<Scenario, ApiError> {
    table::get(conn, id.trim())?.ok_or_else(|| ApiError::not_found("Scenariot"))
}

fn field_error(field: &'static str, message: &str) -> ApiError {
    let mut errors = portfolj_core::ValidationErrors::default();
    errors.push(field, message);
    errors.into()
}

fn save_in(
    conn: &Connection,
    actor: &Actor,
    args: &SaveScenarioDto,
    id: String,
    now: DateTime<Utc>,
) -> Result<ScenarioDto, ApiError> {
    session::require_office(actor, OFFICE_ONLY)?;
    let name = args.name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        return Err(field_error("name", "Ge scenariot ett namn (högst 200 tecken), till exempel \"Ram minus 10 %\"."));
    }
    if let Some(earlier) = &args.id {
        let earlier = load(conn, earlier)?;
        if (earlier.portfolio, earlier.year) != (args.settings.portfolio, args.settings.year) {
            return Err(ApiError::new(
                ErrorCode::Validation,
                "Ett scenario hör till en portfölj och ett år; spara ett nytt scenario för en annan.",
            ));
        }
    }
    // A scenario is saved only if it can be solved, so a comparison never starts from
    // choices that were wrong when they were made.
    let mut settings = args.settings.clone();
    settings.frontier_step = None;
    prioritise_in(conn, &settings)?;
    let stored = Scenario {
        id,
        portfolio: settings.portfolio,
        year: settings.year,
        name: name.to_owned(),
        settings: serde_json::to_string(&settings).map_err(internal)?,
        saved_by: actor.person.to_string(),
        saved_at: String::new(),
    };
    if !table::put(conn, &stored, now)? {
        return Err(field_error("name", "Det finns redan ett scenario med det namnet för portföljen och året."));
    }
    let detail =
        json!({ "name": stored.name, "portfolio": stored.portfolio, "year": stored.year, "settings": settings });
    audit::record(conn, now, actor.person, "scenario.save", &stored.id, &detail)?;
    dto(conn, load(conn, &stored.id)?)
}

fn proposal_dto(conn: &Connection, p: Proposal) -> Result<ProposalDto, ApiError> {
    let chosen: Vec<Chosen> = serde_json::from_str(&p.selection).map_err(internal)?;
    let mut total = Sek::ZERO;
    let mut items = Vec::new();
    for (i, c) in chosen.into_iter().enumerate() {
        let id = parse_application_id(&c.application_id)?;
        let title = applications::get(conn, id)?.map(|l| l.application.title).unwrap_or_default();
        let amount = Sek::parse(&c.amount).map_err(internal)?;
        total = total.checked_add(amount).ok_or_else(|| internal("summan är för stor"))?;
        items.push(ProposalItemDto {
            rank: u32::try_from(i + 1).unwrap_or(u32::MAX),
            application_id: c.application_id,
            title,
            amount: amount.to_string(),
        });
    }
    Ok(ProposalDto {
        adopted_by: name_of(conn, &p.adopted_by)?,
        portfolio: p.portfolio,
        year: p.year,
        version: p.version,
        scenario_id: p.scenario_id,
        scenario_name: p.scenario_name,
        items,
        total: total.to_string(),
        adopted_at: p.adopted_at,
    })
}

/// The stored selection of the newest proposal, for the memo.
pub(crate) fn adopted(
    conn: &Connection,
    portfolio: Portfolio,
    year: i32,
) -> Result<Option<(Proposal, Vec<Chosen>)>, ApiError> {
    match table::latest(conn, portfolio.number(), year)? {
        Some(p) => {
            let chosen = serde_json::from_str(&p.selection).map_err(internal)?;
            Ok(Some((p, chosen)))
        }
        None => Ok(None),
    }
}

fn adopt_in(
    conn: &Connection,
    actor: &Actor,
    args: &AdoptScenarioDto,
    now: DateTime<Utc>,
) -> Result<ProposalDto, ApiError> {
    session::require_office(actor, OFFICE_ONLY)?;
    let scenario = load(conn, &args.scenario_id)?;
    let settings: PrioritiseDto = serde_json::from_str(&scenario.settings).map_err(internal)?;
    let result = prioritise_in(conn, &settings)?;
    let chosen: Vec<Chosen> = result
        .rows
        .iter()
        .filter(|r| r.chosen)
        .map(|r| Chosen { application_id: r.application_id.clone(), amount: r.amount.clone() })
        .collect();
    if chosen.is_empty() {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            "Scenariot väljer ingen ansökan, så det finns inget förslag att anta. Ändra ramen eller de tvingade valen.",
        ));
    }
    let proposal = Proposal {
        portfolio: scenario.portfolio,
        year: scenario.year,
        version: 0,
        scenario_id: Some(scenario.id.clone()),
        scenario_name: scenario.name.clone(),
        settings: scenario.settings.clone(),
        selection: serde_json::to_string(&chosen).map_err(internal)?,
        adopted_by: actor.person.to_string(),
        adopted_at: String::new(),
    };
    let version = table::adopt(conn, &proposal, now)?;
    let detail = json!({ "portfolio": scenario.portfolio, "year": scenario.year, "version": version,
        "scenario": scenario.name, "selection": chosen, "value": result.value, "cost": result.cost });
    audit::record(
        conn,
        now,
        actor.person,
        "proposal.adopt",
        &format!("{}/{}", scenario.portfolio, scenario.year),
        &detail,
    )?;
    let stored =
        table::latest(conn, scenario.portfolio, scenario.year)?.ok_or_else(|| internal("förslaget sparades inte"))?;
    proposal_dto(conn, stored)
}

fn compare_in(conn: &Connection, args: &CompareScenariosDto) -> Result<ScenarioComparisonDto, ApiError> {
    if args.ids.is_empty() || args.ids.len() > 6 {
        return Err(ApiError::new(ErrorCode::Validation, "Välj mellan ett och sex scenarier att jämföra."));
    }
    let mut outcomes = Vec::new();
    for id in &args.ids {
        let scenario = dto(conn, load(conn, id)?)?;
        let (result, refusal) = match prioritise_in(conn, &scenario.settings) {
            Ok(result) => (Some(result), None),
            Err(e) if e.code != ErrorCode::Internal => (None, Some(e.message)),
            Err(e) => return Err(e),
        };
        outcomes.push(ScenarioOutcomeDto { scenario, result, refusal });
    }
    let mut rows: Vec<ComparisonRowDto> = Vec::new();
    for outcome in &outcomes {
        for r in outcome.result.iter().flat_map(|res| &res.rows) {
            if !rows.iter().any(|row| row.application_id == r.application_id) {
                rows.push(ComparisonRowDto {
                    application_id: r.application_id.clone(),
                    title: r.title.clone(),
                    amount: r.amount.clone(),
                    chosen: Vec::new(),
                });
            }
        }
    }
    for row in &mut rows {
        row.chosen = outcomes
            .iter()
            .map(|o| {
                o.result.as_ref().map(|res| res.rows.iter().any(|r| r.application_id == row.application_id && r.chosen))
            })
            .collect();
    }
    rows.sort_by_key(|r| !r.chosen.contains(&Some(true)));
    Ok(ScenarioComparisonDto { scenarios: outcomes, rows })
}

impl Api {
    /// Saves a scenario (a new one, or a change to one by its id).
    pub fn save_scenario(&self, args: &SaveScenarioDto) -> Result<ScenarioDto, ApiError> {
        let now = self.clock.now();
        let id = args.id.clone().unwrap_or_else(|| self.clock.new_id().to_string());
        self.store().write(|tx| save_in(tx, &session::actor(tx)?, args, id, now))
    }

    /// A portfolio's scenarios for a year, by name.
    pub fn scenarios(&self, args: &FrameKeyDto) -> Result<Vec<ScenarioDto>, ApiError> {
        self.store().read(|tx| {
            session::require_office(&session::actor(tx)?, OFFICE_ONLY)?;
            table::of(tx, args.portfolio, args.year)?.into_iter().map(|s| dto(tx, s)).collect()
        })
    }

    pub fn delete_scenario(&self, id: &str) -> Result<(), ApiError> {
        let now = self.clock.now();
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            session::require_office(&actor, OFFICE_ONLY)?;
            let scenario = load(tx, id)?;
            table::delete(tx, &scenario.id)?;
            audit::record(tx, now, actor.person, "scenario.delete", &scenario.id, &json!({ "name": scenario.name }))
        })
    }

    /// Scenarios side by side: each one's selection (or why it cannot be solved) and, per
    /// application, which scenarios choose it.
    pub fn compare_scenarios(&self, args: &CompareScenariosDto) -> Result<ScenarioComparisonDto, ApiError> {
        self.store().read(|tx| {
            session::require_office(&session::actor(tx)?, OFFICE_ONLY)?;
            compare_in(tx, args)
        })
    }

    /// Adopts a scenario's selection as the portfolio's proposal for the year.
    pub fn adopt_scenario(&self, args: &AdoptScenarioDto) -> Result<ProposalDto, ApiError> {
        let now = self.clock.now();
        self.store().write(|tx| adopt_in(tx, &session::actor(tx)?, args, now))
    }

    /// The newest adopted proposal of a portfolio for a year, if any.
    pub fn proposal(&self, args: &FrameKeyDto) -> Result<Option<ProposalDto>, ApiError> {
        self.store().read(|tx| {
            session::require_office(&session::actor(tx)?, OFFICE_ONLY)?;
            table::latest(tx, args.portfolio, args.year)?.map(|p| proposal_dto(tx, p)).transpose()
        })
    }
}
