//! Status reports from running projects (DOMAIN.md §9, issue 9). The applying unit writes
//! them, often offline, and sends them to the projektkontor in a signed bundle; the office
//! sees which are overdue against the schedule it sets. A report arriving in a bundle is
//! checked exactly as one written here: the same permission, state and rules.

use chrono::{DateTime, NaiveDate, Utc};
use portfolj_core::followup::status::{self as core, Light, Milestone, Period, Schedule, StatusReport};
use portfolj_core::{Actor, Application, ApplicationState, Language, Sek, ValidationErrors};
use portfolj_store::Connection;
use portfolj_store::tables::application::{self as applications, ApplicationFilter};
use portfolj_store::tables::followup as table;
use portfolj_store::tables::setting;
use portfolj_sync::Operation;
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use crate::dto::{LightDto, MilestoneDto, OverdueReportDto, ScheduleDto, StatusReportDto, StatusReportInputDto, time};
use crate::usecases::followup::{iso_day, load, person_name, refuse_state};
use crate::usecases::review::sender;
use crate::usecases::{audit, session};
use crate::{Api, ApiError, ErrorCode};

const SCHEDULE: &str = "status.schedule";

pub(crate) fn schedule(conn: &Connection) -> Result<Schedule, ApiError> {
    let stored = setting::get(conn, SCHEDULE)?.and_then(|text| serde_json::from_str::<ScheduleDto>(&text).ok());
    Ok(stored.map_or_else(Schedule::default, |s| Schedule { months: s.months, grace_days: s.grace_days }))
}

/// A report as it travels in a bundle.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    id: String,
    application_id: String,
    period_start: String,
    period_end: String,
    time: String,
    cost: String,
    scope: String,
    spent_ore: i64,
    forecast_ore: i64,
    milestones: Vec<MilestoneDto>,
    risks: String,
    comment: String,
    correction_reason: String,
    written_at: String,
}

impl Document {
    fn of(r: &table::StatusReport) -> Result<Self, ApiError> {
        Ok(Document {
            id: r.id.clone(),
            application_id: r.application.clone(),
            period_start: r.period_start.clone(),
            period_end: r.period_end.clone(),
            time: r.time_light.clone(),
            cost: r.cost_light.clone(),
            scope: r.scope_light.clone(),
            spent_ore: r.spent_ore,
            forecast_ore: r.forecast_ore,
            milestones: serde_json::from_str(&r.milestones).map_err(internal)?,
            risks: r.risks.clone(),
            comment: r.comment.clone(),
            correction_reason: r.correction_reason.clone(),
            written_at: r.written_at.clone(),
        })
    }

    fn stored(&self, author: &str) -> Result<table::StatusReport, ApiError> {
        Ok(table::StatusReport {
            id: self.id.clone(),
            application: self.application_id.clone(),
            period_start: self.period_start.clone(),
            period_end: self.period_end.clone(),
            time_light: self.time.clone(),
            cost_light: self.cost.clone(),
            scope_light: self.scope.clone(),
            spent_ore: self.spent_ore,
            forecast_ore: self.forecast_ore,
            milestones: serde_json::to_string(&self.milestones).map_err(internal)?,
            risks: self.risks.clone(),
            comment: self.comment.clone(),
            correction_reason: self.correction_reason.clone(),
            author: author.to_owned(),
            written_at: self.written_at.clone(),
        })
    }

    /// The report in the core's terms; `None` names what cannot be read.
    fn core(&self) -> Result<StatusReport, String> {
        let day = |text: &str| text.parse::<NaiveDate>().map_err(|_| format!("datumet {text}"));
        let light = |code: &str| Light::from_code(code).ok_or_else(|| format!("signalen {code}"));
        let money = |ore: i64| Sek::from_ore(ore).map_err(|_| "ett belopp".to_owned());
        let period = Period { start: day(&self.period_start)?, end: day(&self.period_end)? };
        if !core::is_period(period) {
            return Err(format!("perioden {} – {}", self.period_start, self.period_end));
        }
        Ok(StatusReport {
            period,
            time: light(&self.time)?,
            cost: light(&self.cost)?,
            scope: light(&self.scope)?,
            spent_to_date: money(self.spent_ore)?,
            forecast: money(self.forecast_ore)?,
            milestones: self
                .milestones
                .iter()
                .map(|m| Ok(Milestone { name: m.name.clone(), due_on: day(&m.due_on)?, done: m.done }))
                .collect::<Result<_, String>>()?,
            risks: self.risks.clone(),
            comment: self.comment.clone(),
            correction_reason: self.correction_reason.clone(),
        })
    }
}

fn internal(e: serde_json::Error) -> ApiError {
    ApiError::new(ErrorCode::Internal, e.to_string())
}

/// Who may report, in which state, by which rules: the same here and for a bundle.
fn check(conn: &Connection, actor: &Actor, app: &Application, report: &StatusReport) -> Result<(), ApiError> {
    if !core::may_report(actor, app) {
        return Err(ApiError::new(
            ErrorCode::Forbidden,
            "Statusrapporter lämnas av den sökande enheten eller av projektkontoret.",
        ));
    }
    if app.state != ApplicationState::Running {
        return Err(refuse_state(app, "En statusrapport", ApplicationState::Running));
    }
    let id = app.id.to_string();
    // The newest report on this period or an earlier one: spent to date only grows.
    let this = report.period.start.to_string();
    let previous = table::status_reports(conn, &id)?
        .into_iter()
        .filter(|r| r.period_start <= this)
        .max_by(|a, b| (&a.period_start, &a.written_at).cmp(&(&b.period_start, &b.written_at)))
        .and_then(|r| Sek::from_ore(r.spent_ore).ok());
    report.check(previous)?;
    Ok(())
}

fn read_input(args: &StatusReportInputDto, schedule: &Schedule) -> Result<StatusReport, ValidationErrors> {
    let mut e = ValidationErrors::default();
    let day = iso_day("period", &args.period, &mut e);
    let mut light = |field: &'static str, code: &str| {
        let light = Light::from_code(code.trim());
        if light.is_none() {
            e.push(field, "Välj grön, gul eller röd.");
        }
        light
    };
    let (time_light, cost, scope) = (light("time", &args.time), light("cost", &args.cost), light("scope", &args.scope));
    let mut money =
        |field: &'static str, text: &str| Sek::parse(text).map_err(|err| e.push(field, err.to_string())).ok();
    let (spent, forecast) = (money("spent_to_date", &args.spent_to_date), money("forecast", &args.forecast));
    let mut milestones = Vec::new();
    for m in &args.milestones {
        match iso_day("milestones", &m.due_on, &mut e) {
            Some(due_on) => milestones.push(Milestone { name: m.name.trim().to_owned(), due_on, done: m.done }),
            None => continue,
        }
    }
    match (day, time_light, cost, scope, spent, forecast) {
        (Some(day), Some(time_light), Some(cost), Some(scope), Some(spent), Some(forecast)) if e.is_empty() => {
            Ok(StatusReport {
                period: schedule.period_of(day),
                time: time_light,
                cost,
                scope,
                spent_to_date: spent,
                forecast,
                milestones,
                risks: args.risks.trim().to_owned(),
                comment: args.comment.trim().to_owned(),
                correction_reason: args.correction_reason.trim().to_owned(),
            })
        }
        _ => Err(e),
    }
}

fn light_dto(code: &str) -> LightDto {
    LightDto { code: code.to_owned(), text_sv: Light::from_code(code).map(Light::name_sv).unwrap_or(code).to_owned() }
}

fn dto(conn: &Connection, schedule: &Schedule, r: &table::StatusReport) -> Result<StatusReportDto, ApiError> {
    let document = Document::of(r)?;
    let period = document.core().ok().map(|c| c.period);
    Ok(StatusReportDto {
        id: r.id.clone(),
        application_id: r.application.clone(),
        period_label: period.map_or_else(|| r.period_start.clone(), |p| schedule.label(p, Language::Sv)),
        period_start: r.period_start.clone(),
        period_end: r.period_end.clone(),
        time: light_dto(&r.time_light),
        cost: light_dto(&r.cost_light),
        scope: light_dto(&r.scope_light),
        spent_to_date: Sek::from_ore(r.spent_ore).map(|s| s.to_string()).unwrap_or_default(),
        forecast: Sek::from_ore(r.forecast_ore).map(|s| s.to_string()).unwrap_or_default(),
        milestones: document.milestones,
        risks: r.risks.clone(),
        comment: r.comment.clone(),
        correction_reason: r.correction_reason.clone(),
        author_name: person_name(conn, &r.author)?,
        written_at: r.written_at.clone(),
    })
}

/// The reports a member's laptop sends: every one its person wrote, or those written from
/// `since` on (the office keeps the ones it has and takes the rest; leaving out older ones
/// lets a corrected report through after the office refused one).
pub(crate) fn operations(
    conn: &Connection,
    person: &str,
    since: Option<NaiveDate>,
) -> Result<Vec<Operation>, ApiError> {
    let from = since.map(|d| d.to_string()).unwrap_or_default();
    table::status_reports_by(conn, person)?
        .iter()
        .filter(|r| r.written_at >= from)
        .map(|r| {
            let report = serde_json::to_value(Document::of(r)?).map_err(internal)?;
            Ok(Operation::StatusReport { person_id: person.to_owned(), report })
        })
        .collect()
}

fn bad(what: &str) -> ApiError {
    ApiError::new(
        ErrorCode::Bundle("bundle_bad_reference"),
        format!("En statusrapport i paketet är felaktig ({what}). Be avsändaren exportera paketet på nytt."),
    )
}

/// The bundle's status reports, each checked as if written here, in order; with `take`,
/// each is stored as it passes, so a later one is checked against an earlier one. Any
/// refusal refuses the whole bundle (the caller's transaction undoes what was stored).
pub(crate) fn incoming(conn: &Connection, operations: &[Operation], take: bool) -> Result<usize, ApiError> {
    let mut taken = 0;
    for op in operations {
        let Operation::StatusReport { person_id, report } = op else { continue };
        let document = Document::deserialize(report).map_err(|e| bad(&e.to_string()))?;
        if table::status_reports(conn, &document.application_id)?.iter().any(|r| r.id == document.id) {
            continue;
        }
        let person = sender(conn, person_id)?;
        let app = load(conn, &document.application_id).map_err(|_| bad("en ansökan som inte finns här"))?;
        let core = document.core().map_err(|what| bad(&what))?;
        check(conn, &Actor::of(&person), &app, &core).map_err(|e| {
            ApiError::new(
                ErrorCode::Bundle("bundle_status_refused"),
                format!(
                    "Paketet innehåller en statusrapport om \"{}\" från {} som inte tas emot: {} Hela paketet avvisas; inget har ändrats. Be avsändaren skriva en rättad rapport och skicka bara de nya rapporterna (med ett från-och-med-datum).",
                    app.title, person.name, e.message
                ),
            )
        })?;
        if take {
            table::add_status_report(conn, &document.stored(person_id)?)?;
            taken += 1;
        }
    }
    Ok(taken)
}

pub(crate) fn submit_in(
    conn: &Connection,
    actor: &Actor,
    args: &StatusReportInputDto,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<table::StatusReport, ApiError> {
    let app = load(conn, &args.application_id)?;
    let schedule = schedule(conn)?;
    let report = read_input(args, &schedule)?;
    check(conn, actor, &app, &report)?;
    let document = Document {
        id: id.to_string(),
        application_id: app.id.to_string(),
        period_start: report.period.start.to_string(),
        period_end: report.period.end.to_string(),
        time: report.time.code().to_owned(),
        cost: report.cost.code().to_owned(),
        scope: report.scope.code().to_owned(),
        spent_ore: report.spent_to_date.to_ore(),
        forecast_ore: report.forecast.to_ore(),
        milestones: report
            .milestones
            .iter()
            .map(|m| MilestoneDto { name: m.name.clone(), due_on: m.due_on.to_string(), done: m.done })
            .collect(),
        risks: report.risks,
        comment: report.comment,
        correction_reason: report.correction_reason,
        written_at: time(now),
    };
    let stored = document.stored(&actor.person.to_string())?;
    table::add_status_report(conn, &stored)?;
    let detail = json!({ "period_start": stored.period_start, "spent_ore": stored.spent_ore, "forecast_ore": stored.forecast_ore });
    audit::record(conn, now, actor.person, "status.submit", &stored.application, &detail)?;
    Ok(stored)
}

pub(crate) fn overdue_in(conn: &Connection, today: NaiveDate) -> Result<Vec<OverdueReportDto>, ApiError> {
    let schedule = schedule(conn)?;
    let filter = ApplicationFilter { state: Some(ApplicationState::Running), ..ApplicationFilter::default() };
    let mut overdue = Vec::new();
    for l in applications::list(conn, &filter)? {
        let events = applications::events(conn, l.application.id)?;
        let started = events.iter().rev().find(|e| e.event.to_state == ApplicationState::Running);
        let Some(started) = started.map(|e| e.event.at.date_naive()) else { continue };
        let reported: Vec<NaiveDate> = table::status_reports(conn, &l.application.id.to_string())?
            .iter()
            .filter_map(|r| r.period_start.parse().ok())
            .collect();
        for period in core::missing(&schedule, started, &reported, today) {
            overdue.push(OverdueReportDto {
                application_id: l.application.id.to_string(),
                title: l.application.title.clone(),
                unit_name: l.unit_name.clone(),
                period_label: schedule.label(period, Language::Sv),
                period_start: period.start.to_string(),
                due_on: schedule.due_on(period).to_string(),
            });
        }
    }
    overdue.sort_by(|a, b| a.due_on.cmp(&b.due_on).then(a.title.cmp(&b.title)));
    Ok(overdue)
}

impl Api {
    /// A status report on a running project, by its applying unit or the office.
    pub fn submit_status_report(&self, args: &StatusReportInputDto) -> Result<StatusReportDto, ApiError> {
        let now: DateTime<Utc> = self.clock.now();
        let id: Uuid = self.clock.new_id();
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            let stored = submit_in(tx, &actor, args, id, now)?;
            dto(tx, &schedule(tx)?, &stored)
        })
    }

    /// An application's status reports, oldest first.
    pub fn status_reports(&self, id: &str) -> Result<Vec<StatusReportDto>, ApiError> {
        self.store().read(|tx| {
            session::actor(tx)?;
            let app = load(tx, id)?;
            let schedule = schedule(tx)?;
            table::status_reports(tx, &app.id.to_string())?.iter().map(|r| dto(tx, &schedule, r)).collect()
        })
    }

    /// Every period of every running project whose report is past due, oldest first.
    pub fn overdue_status_reports(&self) -> Result<Vec<OverdueReportDto>, ApiError> {
        let today = self.clock.now().date_naive();
        self.store().read(|tx| {
            session::actor(tx)?;
            overdue_in(tx, today)
        })
    }

    pub fn status_schedule(&self) -> Result<ScheduleDto, ApiError> {
        self.store().read(|tx| {
            session::actor(tx)?;
            let s = schedule(tx)?;
            Ok(ScheduleDto { months: s.months, grace_days: s.grace_days })
        })
    }

    /// The office sets how often running projects report.
    pub fn set_status_schedule(&self, args: &ScheduleDto) -> Result<ScheduleDto, ApiError> {
        let now = self.clock.now();
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            session::require_office(&actor, "Bara projektkontoret bestämmer hur ofta projekten rapporterar.")?;
            Schedule { months: args.months, grace_days: args.grace_days }.check()?;
            setting::set(tx, SCHEDULE, &serde_json::to_string(args).map_err(internal)?)?;
            audit::record(tx, now, actor.person, "status.schedule.set", SCHEDULE, &json!(args))?;
            Ok(args.clone())
        })
    }
}
