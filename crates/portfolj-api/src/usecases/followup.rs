//! Follow-up (DOMAIN.md §9, issue 9): the projektkontor records a running project's final
//! report, which closes it; one year later the follow-up (effekthemtagning) compares each
//! benefit line of the fastställd valuation with what was realised, and the project is
//! uppföljd. The rules are in `portfolj_core::followup`; here they meet the database.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use portfolj_core::Named as _;
use portfolj_core::followup::{self as core, FinalReport, LineComparison, Realisation, RealisedLine, ValuedLine};
use portfolj_core::valuation::BenefitKind;
use portfolj_core::{Actor, Application, ApplicationState, Sek, ValidationErrors};
use portfolj_store::Connection;
use portfolj_store::tables::application::{self as applications, ApplicationFilter};
use portfolj_store::tables::followup::{self as table, FollowUp, FollowUpLine};
use portfolj_store::tables::{decision, org};
use rust_decimal::Decimal;
use serde_json::json;

use crate::dto::{
    DueFollowUpDto, FinalReportDto, FinalReportInputDto, FollowUpInputDto, FollowUpLineDto, FollowUpViewDto,
    MoneyRowDto, RealisationArgsDto, RealisationDto, RealisationFiguresDto, RealisationRowDto, time,
};
use crate::usecases::application::{parse_application_id, transition_in};
use crate::usecases::{audit, programme, session, valuation};
use crate::{Api, ApiError, ErrorCode};

pub(crate) fn load(conn: &Connection, id: &str) -> Result<Application, ApiError> {
    let id = parse_application_id(id)?;
    Ok(applications::get(conn, id)?.ok_or_else(|| ApiError::not_found("Ansökan"))?.application)
}

pub(crate) fn iso_day(field: &'static str, text: &str, errors: &mut ValidationErrors) -> Option<NaiveDate> {
    let day = text.trim().parse().ok();
    if day.is_none() {
        errors.push(field, "Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2016-06-30.");
    }
    day
}

pub(crate) fn refuse_state(app: &Application, what: &str, needed: ApplicationState) -> ApiError {
    ApiError::new(
        ErrorCode::Conflict,
        format!(
            "{what} kan bara registreras för ett projekt som är {}; {} är {}.",
            needed.name_sv(),
            app.title,
            app.state.name_sv()
        ),
    )
}

/// The newest decision's granted amount.
pub(crate) fn granted(conn: &Connection, application: &str) -> Result<Option<Sek>, ApiError> {
    Ok(decision::of_application(conn, application)?
        .last()
        .and_then(|d| d.granted_ore)
        .and_then(|o| Sek::from_ore(o).ok()))
}

/// The final report's closing day; for a project closed before final reports were kept,
/// the day it was moved to avslutad.
fn closed_on(conn: &Connection, app: &Application) -> Result<Option<NaiveDate>, ApiError> {
    if let Some(report) = table::final_report(conn, &app.id.to_string())? {
        return Ok(report.closed_on.parse().ok());
    }
    let events = applications::events(conn, app.id)?;
    let closing = events.iter().rev().find(|e| e.event.to_state == ApplicationState::Closed);
    Ok(closing.map(|e| e.event.at.date_naive()))
}

pub(crate) fn record_final_report_in(
    conn: &Connection,
    actor: &Actor,
    args: &FinalReportInputDto,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    session::require_office(actor, "Bara projektkontoret registrerar slutrapporter.")?;
    let mut app = load(conn, &args.application_id)?;
    if app.state != ApplicationState::Running {
        return Err(refuse_state(&app, "En slutrapport", ApplicationState::Running));
    }
    let mut errors = ValidationErrors::default();
    let final_cost =
        Sek::parse(&args.final_cost).map_err(|e| errors.push("final_cost", format!("Slutkostnaden: {e}"))).ok();
    let closed_on = iso_day("closed_on", &args.closed_on, &mut errors);
    let owner_accepted_on = match args.owner_accepted_on.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => iso_day("owner_accepted_on", text, &mut errors),
    };
    // What cannot be read is reported above; the rest is still checked, so every mistake
    // is said at once.
    let read = final_cost.zip(closed_on);
    let report = FinalReport {
        delivered: args.delivered.trim().to_owned(),
        final_cost: final_cost.unwrap_or(Sek::ZERO),
        cost_explanation: args.cost_explanation.trim().to_owned(),
        lessons: args.lessons.trim().to_owned(),
        owner_accepted_on,
        closed_on: closed_on.unwrap_or(now.date_naive()),
    };
    let id = app.id.to_string();
    let checked = report.check(granted(conn, &id)?, now.date_naive());
    errors.0.extend(checked.err().map(|e| e.0).unwrap_or_default());
    let Some((final_cost, closed_on)) = read.filter(|_| errors.is_empty()) else { return Err(errors.into()) };
    let owner_accepted_on = report.owner_accepted_on.map(|d| d.to_string()).unwrap_or_default();
    table::put_final_report(
        conn,
        &table::FinalReport {
            application: id.clone(),
            delivered: report.delivered,
            final_cost_ore: report.final_cost.to_ore(),
            cost_explanation: report.cost_explanation,
            lessons: report.lessons,
            owner_accepted_on,
            closed_on: closed_on.to_string(),
            recorded_by: actor.person.to_string(),
            recorded_at: time(now),
        },
        now,
    )?;
    let detail = json!({ "final_cost_ore": final_cost.to_ore(), "closed_on": closed_on.to_string() });
    audit::record(conn, now, actor.person, "followup.final_report", &id, &detail)?;
    transition_in(conn, &mut app, actor, ApplicationState::Closed, "Slutrapporten är registrerad.", now)
}

fn kind_code(kind: BenefitKind) -> &'static str {
    match kind {
        BenefitKind::Citizen => "citizen",
        BenefitKind::Internal => "internal",
    }
}

/// What the follow-up of a closed project is measured against: the fastställd
/// valuation's lines in the compared year.
struct Basis {
    valuation: String,
    compared_year: i32,
    lines: Vec<ValuedLine>,
}

fn basis(conn: &Connection, app: &Application, closed: NaiveDate) -> Result<Basis, ApiError> {
    let approved = valuation::latest_approved(conn, app.id)?.ok_or_else(|| {
        ApiError::new(
            ErrorCode::Conflict,
            format!("{} har ingen fastställd nyttovärdering att följa upp mot.", app.title),
        )
    })?;
    let compared_year = core::compared_year(closed);
    let worksheet = valuation::worksheet_of(&approved)?;
    Ok(Basis { valuation: approved.id, compared_year, lines: core::valued_lines(&worksheet, compared_year) })
}

/// A closed project's closing day and the valuation's lines its follow-up asks about.
pub(crate) fn planned(conn: &Connection, app: &Application) -> Result<(NaiveDate, Vec<ValuedLine>), ApiError> {
    let closed = closed_on(conn, app)?.ok_or_else(|| ApiError::not_found("Avslutsdatumet"))?;
    Ok((closed, basis(conn, app, closed)?.lines))
}

fn realised_lines(args: &FollowUpInputDto, valued: &[ValuedLine]) -> Result<Vec<RealisedLine>, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let lines = args
        .lines
        .iter()
        .map(|l| {
            let line = usize::try_from(l.line).unwrap_or(usize::MAX);
            let name =
                valued.get(line).map_or_else(|| format!("Nyttorad {}", u64::from(l.line) + 1), |v| v.name.clone());
            let realised = match l.realised.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(text) => Sek::parse(text).map_err(|e| errors.push("lines", format!("{name}: {e}"))).ok(),
            };
            RealisedLine {
                line,
                realised,
                evidence: l.evidence.trim().to_owned(),
                budget_reduced: l.budget_reduced,
                deviation: l.deviation.trim().to_owned(),
            }
        })
        .collect();
    errors.into_result(|| lines)
}

pub(crate) fn record_follow_up_in(
    conn: &Connection,
    actor: &Actor,
    args: &FollowUpInputDto,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    session::require_office(actor, "Bara projektkontoret registrerar uppföljningen.")?;
    let mut app = load(conn, &args.application_id)?;
    if app.state != ApplicationState::Closed {
        return Err(refuse_state(&app, "Uppföljningen", ApplicationState::Closed));
    }
    let closed = closed_on(conn, &app)?.ok_or_else(|| ApiError::not_found("Avslutsdatumet"))?;
    let due = core::due_on(closed);
    if now.date_naive() < due {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            format!("Uppföljningen görs ett år efter avslut: {} kan följas upp från {due}.", app.title),
        ));
    }
    let basis = basis(conn, &app, closed)?;
    let realised = realised_lines(args, &basis.lines)?;
    core::check_follow_up(&basis.lines, &realised)?;
    let id = app.id.to_string();
    let lines = basis
        .lines
        .iter()
        .enumerate()
        .filter_map(|(i, valued)| {
            let r = realised.iter().find(|r| r.line == i)?;
            Some(FollowUpLine {
                line: u32::try_from(i).ok()?,
                name: valued.name.clone(),
                kind: kind_code(valued.kind).to_owned(),
                budget_releasing: valued.budget_releasing,
                valued: valued.valued.map(|v| v.normalize().to_string()),
                realised_ore: r.realised.map(Sek::to_ore),
                evidence: r.evidence.clone(),
                budget_reduced: r.budget_reduced,
                deviation: r.deviation.clone(),
            })
        })
        .collect();
    let stored = FollowUp {
        application: id.clone(),
        valuation: basis.valuation,
        compared_year: basis.compared_year,
        summary: args.summary.trim().to_owned(),
        recorded_by: actor.person.to_string(),
        recorded_at: time(now),
        lines,
    };
    table::put_follow_up(conn, &stored, now)?;
    let figures = Realisation::of(&comparison(&stored));
    let detail = json!({ "compared_year": basis.compared_year, "valued": figures.valued.to_string(),
        "realised": figures.realised.to_string() });
    audit::record(conn, now, actor.person, "followup.record", &id, &detail)?;
    transition_in(conn, &mut app, actor, ApplicationState::FollowedUp, "Effekthemtagningen är registrerad.", now)
}

/// A stored follow-up's lines, compared by the core.
pub(crate) fn comparison(f: &FollowUp) -> Vec<LineComparison> {
    let kind = |code: &str| if code == "citizen" { BenefitKind::Citizen } else { BenefitKind::Internal };
    let valued: Vec<ValuedLine> = f
        .lines
        .iter()
        .map(|l| ValuedLine {
            name: l.name.clone(),
            kind: kind(&l.kind),
            budget_releasing: l.budget_releasing,
            valued: l.valued.as_deref().and_then(|v| v.parse().ok()),
        })
        .collect();
    let realised: Vec<RealisedLine> = f
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| RealisedLine {
            line: i,
            realised: l.realised_ore.and_then(|o| Sek::from_ore(o).ok()),
            evidence: l.evidence.clone(),
            budget_reduced: l.budget_reduced,
            deviation: l.deviation.clone(),
        })
        .collect();
    core::compare(&valued, &realised)
}

fn text(value: Decimal) -> String {
    value.normalize().to_string()
}

fn figures(r: &Realisation) -> RealisationFiguresDto {
    RealisationFiguresDto {
        projects: r.projects,
        valued: text(r.valued),
        realised: text(r.realised),
        rate_percent: r.rate_percent().map(|p| text(p.round_dp(4))),
    }
}

fn line_dto(stored: &FollowUpLine, compared: &LineComparison) -> FollowUpLineDto {
    FollowUpLineDto {
        line: stored.line,
        name: stored.name.clone(),
        kind: stored.kind.clone(),
        budget_releasing: stored.budget_releasing,
        valued: compared.valued.map(text),
        realised: compared.realised.map(text),
        difference: compared.difference.map(text),
        rate_percent: compared.rate_percent.map(|p| text(p.round_dp(4))),
        evidence: stored.evidence.clone(),
        budget_reduced: stored.budget_reduced,
        deviation: stored.deviation.clone(),
    }
}

pub(crate) fn person_name(conn: &Connection, id: &str) -> Result<String, ApiError> {
    let person = id.parse().ok().map(|id| org::person(conn, id)).transpose()?.flatten();
    Ok(person.map_or_else(|| id.to_owned(), |p| p.name))
}

fn view(conn: &Connection, app: &Application) -> Result<FollowUpViewDto, ApiError> {
    let id = app.id.to_string();
    let report = table::final_report(conn, &id)?;
    let closed = closed_on(conn, app)?;
    let final_report = match report {
        Some(r) => Some(FinalReportDto {
            final_cost: Sek::from_ore(r.final_cost_ore).map(|s| s.to_string()).unwrap_or_default(),
            granted_amount: granted(conn, &id)?.map(|s| s.to_string()),
            recorded_by_name: person_name(conn, &r.recorded_by)?,
            delivered: r.delivered,
            cost_explanation: r.cost_explanation,
            lessons: r.lessons,
            owner_accepted_on: r.owner_accepted_on,
            closed_on: r.closed_on,
            recorded_at: r.recorded_at,
        }),
        None => None,
    };
    let mut dto = FollowUpViewDto {
        application_id: id.clone(),
        title: app.title.clone(),
        final_report,
        closed_on: closed.map(|d| d.to_string()),
        due_on: closed.map(|d| core::due_on(d).to_string()),
        compared_year: closed.map(core::compared_year),
        recorded: false,
        lines: Vec::new(),
        summary: String::new(),
        recorded_by_name: None,
        recorded_at: None,
        total: None,
    };
    if let Some(f) = table::follow_up(conn, &id)? {
        let compared = comparison(&f);
        dto.lines = f.lines.iter().zip(&compared).map(|(l, c)| line_dto(l, c)).collect();
        dto.total = Some(figures(&Realisation::of(&compared)));
        dto.recorded = true;
        dto.compared_year = Some(f.compared_year);
        dto.recorded_by_name = Some(person_name(conn, &f.recorded_by)?);
        dto.recorded_at = Some(f.recorded_at);
        dto.summary = f.summary;
    } else if let (Some(closed), ApplicationState::Closed) = (closed, app.state) {
        let basis = basis(conn, app, closed)?;
        dto.lines = (0u32..)
            .zip(&basis.lines)
            .map(|(i, l)| FollowUpLineDto {
                line: i,
                name: l.name.clone(),
                kind: kind_code(l.kind).to_owned(),
                budget_releasing: l.budget_releasing,
                valued: l.valued.map(text),
                realised: None,
                difference: None,
                rate_percent: None,
                evidence: String::new(),
                budget_reduced: false,
                deviation: String::new(),
            })
            .collect();
    }
    Ok(dto)
}

pub(crate) fn due_in(conn: &Connection, today: NaiveDate) -> Result<Vec<DueFollowUpDto>, ApiError> {
    let filter = ApplicationFilter { state: Some(ApplicationState::Closed), ..ApplicationFilter::default() };
    let mut due = Vec::new();
    for l in applications::list(conn, &filter)? {
        let Some(closed) = closed_on(conn, &l.application)? else { continue };
        let due_on = core::due_on(closed);
        due.push(DueFollowUpDto {
            application_id: l.application.id.to_string(),
            title: l.application.title.clone(),
            unit_name: l.unit_name.clone(),
            portfolio: l.application.portfolio.number(),
            fiscal_year: l.application.fiscal_year,
            closed_on: closed.to_string(),
            due_on: due_on.to_string(),
            overdue: due_on < today,
        });
    }
    due.sort_by(|a, b| a.due_on.cmp(&b.due_on).then(a.title.cmp(&b.title)));
    Ok(due)
}

/// Money of granted projects in one portfolio and year.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Money {
    pub granted: Decimal,
    pub spent: Decimal,
    pub projects: u32,
}

/// Per portfolio and budget year: what the newest decisions granted, and what those
/// projects have spent (`core::spent`: the final cost once closed, else the newest report).
pub(crate) fn money(conn: &Connection) -> Result<BTreeMap<(u8, i32), Money>, ApiError> {
    let listed: BTreeMap<String, Application> = applications::list(conn, &ApplicationFilter::default())?
        .into_iter()
        .map(|l| (l.application.id.to_string(), l.application))
        .collect();
    let reported: BTreeMap<String, i64> = table::latest_spent(conn)?.into_iter().collect();
    let final_costs: BTreeMap<String, i64> =
        table::final_reports(conn)?.into_iter().map(|r| (r.application, r.final_cost_ore)).collect();
    let sek = |ore: Option<&i64>| ore.and_then(|o| Sek::from_ore(*o).ok());
    let mut money: BTreeMap<(u8, i32), Money> = BTreeMap::new();
    for d in decision::latest(conn)? {
        let (Some(app), Some(granted)) = (listed.get(&d.application), sek(d.granted_ore.as_ref())) else { continue };
        let spent = core::spent(sek(final_costs.get(&d.application)), sek(reported.get(&d.application)));
        let m = money.entry((app.portfolio.number(), app.fiscal_year)).or_default();
        // Sums as decimals: a national programme's totals may pass a single amount's limit.
        m.granted += granted.as_decimal();
        m.spent += spent.as_decimal();
        m.projects += 1;
    }
    Ok(money)
}

/// Followed-up projects' valued and realised money per portfolio and budget year.
pub(crate) fn realised(
    conn: &Connection,
    args: &RealisationArgsDto,
) -> Result<BTreeMap<(u8, i32), Realisation>, ApiError> {
    let portfolios = programme::portfolios(args.portfolio)?;
    let listed: BTreeMap<String, Application> = applications::list(conn, &ApplicationFilter::default())?
        .into_iter()
        .map(|l| (l.application.id.to_string(), l.application))
        .collect();
    let mut by_year: BTreeMap<(u8, i32), Realisation> = BTreeMap::new();
    for f in table::follow_ups(conn)? {
        let Some(app) = listed.get(&f.application) else { continue };
        if !portfolios.contains(&app.portfolio) || args.year.is_some_and(|y| y != app.fiscal_year) {
            continue;
        }
        *by_year.entry((app.portfolio.number(), app.fiscal_year)).or_default() += Realisation::of(&comparison(&f));
    }
    Ok(by_year)
}

fn realisation(conn: &Connection, args: &RealisationArgsDto) -> Result<RealisationDto, ApiError> {
    let by_year = realised(conn, args)?;
    let mut by_portfolio: BTreeMap<u8, Realisation> = BTreeMap::new();
    for ((portfolio, _), r) in &by_year {
        *by_portfolio.entry(*portfolio).or_default() += *r;
    }
    let total = by_portfolio.values().fold(Realisation::default(), |sum, r| sum + *r);
    let row =
        |portfolio: u8, year: Option<i32>, r: &Realisation| RealisationRowDto { portfolio, year, figures: figures(r) };
    Ok(RealisationDto {
        by_portfolio_and_year: by_year.iter().map(|((p, y), r)| row(*p, Some(*y), r)).collect(),
        by_portfolio: by_portfolio.iter().map(|(p, r)| row(*p, None, r)).collect(),
        total: figures(&total),
    })
}

impl Api {
    /// Records a running project's final report and closes it.
    pub fn record_final_report(&self, args: &FinalReportInputDto) -> Result<FollowUpViewDto, ApiError> {
        let now = self.clock.now();
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            record_final_report_in(tx, &actor, args, now)?;
            view(tx, &load(tx, &args.application_id)?)
        })
    }

    /// Records the follow-up one year after closing; the project is then uppföljd.
    pub fn record_follow_up(&self, args: &FollowUpInputDto) -> Result<FollowUpViewDto, ApiError> {
        let now = self.clock.now();
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            record_follow_up_in(tx, &actor, args, now)?;
            view(tx, &load(tx, &args.application_id)?)
        })
    }

    pub fn follow_up(&self, id: &str) -> Result<FollowUpViewDto, ApiError> {
        self.store().read(|tx| {
            session::actor(tx)?;
            view(tx, &load(tx, id)?)
        })
    }

    /// Closed projects not yet followed up, the soonest due first.
    pub fn due_follow_ups(&self) -> Result<Vec<DueFollowUpDto>, ApiError> {
        let today = self.clock.now().date_naive();
        self.store().read(|tx| {
            session::actor(tx)?;
            due_in(tx, today)
        })
    }

    /// Granted and spent per portfolio and budget year.
    pub fn money(&self) -> Result<Vec<MoneyRowDto>, ApiError> {
        self.store().read(|tx| {
            session::actor(tx)?;
            Ok(money(tx)?
                .into_iter()
                .map(|((portfolio, year), m)| MoneyRowDto {
                    portfolio,
                    year,
                    granted: m.granted.to_string(),
                    spent: m.spent.to_string(),
                    projects: m.projects,
                })
                .collect())
        })
    }

    /// Realised against valued, per portfolio and year, per portfolio and in total.
    pub fn realisation(&self, args: &RealisationArgsDto) -> Result<RealisationDto, ApiError> {
        self.store().read(|tx| {
            session::actor(tx)?;
            realisation(tx, args)
        })
    }
}
