//! Applications sent by the projektkontor to a member's laptop (a coach works on them
//! offline): a snapshot adds an application the laptop lacks and keeps its state in step.
//! Content already on the laptop is never overwritten by a snapshot — changes to it travel
//! as field writes, so nothing written offline is lost.

use chrono::{DateTime, Utc};
use portfolj_core::{Application, ApplicationId, ApplicationState, NewApplicationInput, PersonId};
use portfolj_store::Connection;
use portfolj_store::tables::application as applications;
use serde::{Deserialize, Serialize};

use crate::dto::{ApplicationDetailsDto, ApplicationStateDto, NewApplicationDto, time};
use crate::usecases::application::{Context, load_details};
use crate::{ApiError, ErrorCode};

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Snapshot {
    id: String,
    state: ApplicationStateDto,
    created_by: String,
    created_at: String,
    updated_at: String,
    basics: NewApplicationDto,
    details: ApplicationDetailsDto,
}

fn bad(what: &str) -> ApiError {
    ApiError::new(
        ErrorCode::Bundle("bundle_bad_reference"),
        format!("En ansökan i paketet är felaktig ({what}). Be projektkontoret exportera paketet på nytt."),
    )
}

/// The application as a bundle document.
pub(super) fn of(conn: &Connection, app: &Application) -> Result<serde_json::Value, ApiError> {
    let snapshot = Snapshot {
        id: app.id.to_string(),
        state: app.state.into(),
        created_by: app.created_by.to_string(),
        created_at: time(app.created_at),
        updated_at: time(app.updated_at),
        basics: NewApplicationDto::from(app),
        details: load_details(conn, app.id)?,
    };
    serde_json::to_value(snapshot).map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))
}

/// The application read into the domain's types, checked in full.
pub(super) struct Parsed {
    app: Application,
    details: ApplicationDetailsDto,
}

impl std::fmt::Debug for Parsed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Parsed").field("id", &self.app.id).finish_non_exhaustive()
    }
}

pub(super) fn parse(conn: &Connection, value: &serde_json::Value) -> Result<Parsed, ApiError> {
    let s: Snapshot = serde_json::from_value(value.clone()).map_err(|e| bad(&e.to_string()))?;
    let context = Context::load(conn)?;
    let new = NewApplicationInput::from(s.basics)
        .validate(&context.programme, &context.units)
        .map_err(|e| bad(&e.0.first().map(|f| f.message.clone()).unwrap_or_default()))?;
    let at = |t: &str| t.parse::<DateTime<Utc>>().map_err(|_| bad("tidpunkt"));
    let id: ApplicationId = s.id.parse().map_err(|_| bad("id"))?;
    let created_by: PersonId = s.created_by.parse().map_err(|_| bad("skapad av"))?;
    let app = Application {
        id,
        title: new.title,
        unit: new.unit,
        portfolio: new.portfolio,
        it_category: new.it_category,
        fiscal_year: new.fiscal_year,
        requested_amount: new.requested_amount,
        purpose: new.purpose,
        state: ApplicationState::from(s.state),
        created_at: at(&s.created_at)?,
        created_by,
        updated_at: at(&s.updated_at)?,
    };
    Ok(Parsed { app, details: s.details })
}

/// Adds the application if this laptop lacks it; otherwise takes only its state.
pub(super) fn apply(conn: &Connection, parsed: Parsed) -> Result<(), ApiError> {
    match applications::get(conn, parsed.app.id)? {
        None => {
            applications::insert(conn, &parsed.app)?;
            let document = serde_json::to_string(&parsed.details)
                .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
            applications::update_content(
                conn,
                &parsed.app,
                &document,
                &parsed.details.search_text(&parsed.app.purpose),
            )?;
        }
        Some(held) if held.application.state != parsed.app.state => {
            let mut app = held.application;
            app.state = parsed.app.state;
            applications::update_state(conn, &app)?;
        }
        Some(_) => {}
    }
    Ok(())
}
