//! Decisions: after the utvecklingsråd the projektkontor records the stadsdirektör's
//! decision on each proposed application — granted (an amount no larger than asked for,
//! with conditions), rejected or referred back — with its diarienummer, date and decider.
//! The application moves through the lifecycle; a recorded decision is locked, and a
//! change is a new version with its reason. Rules in core (`portfolj_core::decision`).

use chrono::{DateTime, NaiveDate, Utc};
use portfolj_core::Named as _;
use portfolj_core::decision::{DecisionInput, DecisionKind, check_decision};
use portfolj_core::notice::{self, NoticeInput};
use portfolj_core::{Actor, ApplicationState, Role, Sek};
use portfolj_store::Connection;
use portfolj_store::tables::decision::{self as table, Decision};
use portfolj_store::tables::{application as applications, org};
use serde_json::json;

use crate::dto::{DecisionDto, DocumentArgsDto, PdfFileDto, RecordDecisionDto};
use crate::usecases::application::{parse_application_id, transition_in};
use crate::usecases::{audit, pdf, session};
use crate::{Api, ApiError, ErrorCode};

fn dtos(conn: &Connection, application: &str) -> Result<Vec<DecisionDto>, ApiError> {
    let people = org::people(conn)?;
    let name =
        |id: &str| people.iter().find(|p| p.id.to_string() == id).map_or_else(|| id.to_owned(), |p| p.name.clone());
    Ok(table::of_application(conn, application)?
        .into_iter()
        .map(|d| DecisionDto {
            version: d.version,
            kind_sv: DecisionKind::from_code(&d.kind).map(|k| k.name_sv().to_owned()).unwrap_or_default(),
            kind: d.kind,
            granted_amount: d.granted_ore.and_then(|o| Sek::from_ore(o).ok()).map(|s| s.to_string()),
            conditions: d.conditions,
            case_number: d.case_number,
            decided_on: d.decided_on,
            decider: name(&d.decider),
            reason: d.reason,
            recorded_by: name(&d.recorded_by),
            recorded_at: d.recorded_at,
        })
        .collect())
}

pub(crate) fn record_in(
    conn: &Connection,
    actor: &Actor,
    args: &RecordDecisionDto,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    session::require_office(actor, "Bara projektkontoret för in beslut.")?;
    let id = parse_application_id(&args.application_id)?;
    let mut app = applications::get(conn, id)?.ok_or_else(|| ApiError::not_found("Ansökan"))?.application;
    let Some(kind) = DecisionKind::from_code(&args.kind) else {
        return Err(ApiError::new(ErrorCode::Validation, "Välj beslut: beviljad, avslagen eller återremitterad."));
    };
    let decided_on = NaiveDate::parse_from_str(args.decided_on.trim(), "%Y-%m-%d").map_err(|_| {
        ApiError::new(ErrorCode::Validation, "Ange beslutsdatum som ÅÅÅÅ-MM-DD, till exempel 2017-12-15.")
    })?;
    let wanted = args.decider_id.trim();
    let decider = org::people(conn)?
        .into_iter()
        .find(|p| p.id.to_string() == wanted || p.email.eq_ignore_ascii_case(wanted))
        .ok_or_else(|| ApiError::not_found("Beslutsfattaren"))?;
    let granted = match args.granted_amount.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => {
            Some(Sek::parse(text).map_err(|e| ApiError::new(ErrorCode::Validation, format!("Beviljat belopp: {e}")))?)
        }
        None => None,
    };
    let earlier = table::of_application(conn, &id.to_string())?;
    let previous = earlier.last().and_then(|d| DecisionKind::from_code(&d.kind));
    check_decision(&DecisionInput {
        kind,
        granted,
        requested: app.requested_amount,
        case_number: &args.case_number,
        decider_may_decide: decider.roles.contains(&Role::Decider),
        previous,
        reason: &args.reason,
    })?;
    if previous.is_none() {
        if app.state != ApplicationState::Proposed {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                format!(
                    "Ansökan är {} och inte föreslagen; beslut fattas om föreslagna ansökningar.",
                    app.state.name_sv()
                ),
            ));
        }
        let reason = format!("{} {}: {}", args.case_number.trim(), decided_on, kind.name_sv());
        transition_in(conn, &mut app, actor, kind.state(), &reason, now)?;
    }
    let decision = Decision {
        application: id.to_string(),
        version: 0,
        kind: kind.code().to_owned(),
        granted_ore: granted.map(Sek::to_ore),
        conditions: args.conditions.trim().to_owned(),
        case_number: args.case_number.trim().to_owned(),
        decided_on: decided_on.to_string(),
        decider: decider.id.to_string(),
        reason: args.reason.trim().to_owned(),
        recorded_by: actor.person.to_string(),
        recorded_at: String::new(),
    };
    let version = table::add(conn, &decision, now)?;
    let detail = json!({ "version": version, "kind": decision.kind, "granted_ore": decision.granted_ore, "case_number": decision.case_number, "decided_on": decision.decided_on, "decider": decision.decider, "conditions": decision.conditions, "reason": decision.reason });
    audit::record(conn, now, actor.person, "decision.record", &decision.application, &detail)
}

/// The notice of an application's newest decision, for the applying unit.
fn notice_in(
    conn: &Connection,
    actor: &Actor,
    args: &DocumentArgsDto,
    now: DateTime<Utc>,
) -> Result<PdfFileDto, ApiError> {
    let id = parse_application_id(&args.id)?;
    let listed = applications::get(conn, id)?.ok_or_else(|| ApiError::not_found("Ansökan"))?;
    let app = &listed.application;
    if !actor.roles.contains(&Role::Office) && actor.unit != app.unit {
        return Err(ApiError::new(
            ErrorCode::Forbidden,
            "Beslutsmeddelandet går till den sökande enheten; bara den och projektkontoret kan ta fram det.",
        ));
    }
    let Some(d) = table::of_application(conn, &id.to_string())?.pop() else {
        return Err(ApiError::new(ErrorCode::Conflict, "Inget beslut är infört för ansökan ännu."));
    };
    let people = org::people(conn)?;
    let name =
        |who: &str| people.iter().find(|p| p.id.to_string() == who).map_or_else(|| who.to_owned(), |p| p.name.clone());
    let kind = DecisionKind::from_code(&d.kind).ok_or_else(|| ApiError::new(ErrorCode::Internal, "okänt beslut"))?;
    let decided_on = NaiveDate::parse_from_str(&d.decided_on, "%Y-%m-%d")
        .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
    let input = NoticeInput {
        application_id: id.to_string(),
        title: app.title.clone(),
        unit_name: listed.unit_name.clone(),
        portfolio: format!("{}. {}", app.portfolio.number(), app.portfolio.name_sv()),
        year: app.fiscal_year,
        requested: app.requested_amount,
        kind,
        granted: d.granted_ore.and_then(|o| Sek::from_ore(o).ok()),
        conditions: d.conditions.clone(),
        case_number: d.case_number.clone(),
        decided_on,
        decider: name(&d.decider),
        version: d.version,
        reason: d.reason.clone(),
    };
    let language = args.language.into();
    let document = notice::document(&input, language);
    let (content_base64, pages) = pdf::render(&document, now, name(&actor.person.to_string()))?;
    let file_name = format!("{}-{}.pdf", language.pick("beslut", "decision"), pdf::file_stem(&d.case_number));
    Ok(PdfFileDto { file_name, content_base64, pages })
}

impl Api {
    /// The decision notice (beslutsmeddelande) of an application's newest decision, as PDF in
    /// the language asked for.
    pub fn decision_notice(&self, args: &DocumentArgsDto) -> Result<PdfFileDto, ApiError> {
        let now = self.clock.now();
        self.store().read(|tx| notice_in(tx, &session::actor(tx)?, args, now))
    }

    /// Records a decision (or a corrected version of one); returns every version.
    pub fn record_decision(&self, args: &RecordDecisionDto) -> Result<Vec<DecisionDto>, ApiError> {
        let now = self.clock.now();
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            record_in(tx, &actor, args, now)?;
            dtos(tx, args.application_id.trim())
        })
    }

    /// Every version of an application's decision.
    pub fn decisions(&self, application_id: &str) -> Result<Vec<DecisionDto>, ApiError> {
        let id = parse_application_id(application_id)?;
        self.store().read(|tx| {
            session::actor(tx)?;
            dtos(tx, &id.to_string())
        })
    }
}
