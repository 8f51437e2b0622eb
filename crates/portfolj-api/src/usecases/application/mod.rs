//! Creating, listing, reading and moving applications. The work on a draft (saving,
//! readiness, submitting, versions, komplettering, notes, search) is in [`work`].

mod attachments;
mod printout;
mod work;

pub(crate) use work::{load_details, request_supplement_in, submit_in, update_in};

use chrono::{DateTime, Utc};
use portfolj_core::{
    Actor, Application, ApplicationId, ApplicationState, Frame, NewApplicationInput, OrgUnit, Portfolio, Programme,
    Role,
};
use portfolj_store::Connection;
use portfolj_store::tables::application::{self as table, ApplicationFilter};
use portfolj_store::tables::{frame, org};
use uuid::Uuid;

use crate::dto::{
    ApplicationDto, ApplicationFilterDto, ApplicationStateDto, ApplicationSummaryDto, NewApplicationDto,
    PreviousApplicationDto, VersionContentDto, View, parse_document,
};
use crate::usecases::{audit, programme::require_programme, session};
use crate::{Api, ApiError, ErrorCode};

/// What stays the same while many applications are created in one use case (the demo
/// generator creates thousands): the programme and its units.
pub(crate) struct Context {
    pub programme: Programme,
    pub units: Vec<OrgUnit>,
    pub frames: Vec<Frame>,
}

impl Context {
    pub(crate) fn load(conn: &Connection) -> Result<Self, ApiError> {
        Ok(Self { programme: require_programme(conn)?, units: org::units(conn)?, frames: frame::all(conn)? })
    }
}

impl From<NewApplicationDto> for NewApplicationInput {
    fn from(dto: NewApplicationDto) -> Self {
        Self {
            title: dto.title,
            unit: dto.unit_id.parse().ok(),
            portfolio: i64::from(dto.portfolio),
            it_category: dto.it_category.into(),
            fiscal_year: dto.fiscal_year,
            requested_amount: dto.requested_amount,
            purpose: dto.purpose,
        }
    }
}

/// How a new application starts its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Start {
    Draft,
    Idea,
}

/// Checks and stores a new application with its creation event.
pub(crate) fn create_in(
    conn: &Connection,
    context: &Context,
    actor: &Actor,
    input: NewApplicationInput,
    start: Start,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<Application, ApiError> {
    let new = input.validate(&context.programme, &context.units)?;
    new.authorize(actor)?;
    let id = ApplicationId(id);
    let app = match start {
        Start::Draft => new.into_application(id, actor, now),
        Start::Idea => new.into_idea(id, actor, now),
    };
    table::insert(conn, &app)?;
    table::insert_event(conn, &app.creation_event(authored(conn, actor, &app, "Ansökan skapad")?))?;
    let detail = serde_json::to_value(NewApplicationDto::from(&app)).unwrap_or_default();
    audit::record(conn, now, actor.person, "application.create", &app.id.to_string(), &detail)?;
    Ok(app)
}

/// Who did it, for the history: a coach acting for an applicant says so.
pub(crate) fn authored(conn: &Connection, actor: &Actor, app: &Application, what: &str) -> Result<String, ApiError> {
    if actor.has(Role::Coach) && !(actor.has(Role::Applicant) && actor.unit == app.unit) {
        let coach = org::person(conn, actor.person)?.ok_or_else(|| ApiError::not_found("Projektcoachen"))?;
        let unit = org::units(conn)?.into_iter().find(|u| u.id == app.unit).map(|u| u.name).unwrap_or_default();
        Ok(format!("{what} av projektcoach {} för {unit}.", coach.name))
    } else {
        Ok(format!("{what}."))
    }
}

/// Moves a stored application to `to`, recording who, when and why.
pub(crate) fn transition_in(
    conn: &Connection,
    app: &mut Application,
    actor: &Actor,
    to: ApplicationState,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    if to == ApplicationState::Proposed {
        crate::usecases::review::require_complete(conn, app)?;
    }
    let event = app.transition(to, actor, now, reason)?;
    table::update_state(conn, app)?;
    table::insert_event(conn, &event)?;
    let detail = serde_json::json!({
        "from": ApplicationStateDto::from(event.from_state.unwrap_or(to)),
        "to": ApplicationStateDto::from(to),
        "reason": event.reason,
    });
    audit::record(conn, now, actor.person, "application.transition", &app.id.to_string(), &detail)
}

pub(crate) fn parse_application_id(text: &str) -> Result<ApplicationId, ApiError> {
    text.parse().map_err(|_| ApiError::not_found("Ansökan"))
}

/// States from which an application may be applied for again.
const REAPPLICABLE: [ApplicationState; 2] = [ApplicationState::Rejected, ApplicationState::ReferredBack];

/// The earlier application with the reason recorded when it was decided.
pub(crate) fn previous_application(
    conn: &Connection,
    id: ApplicationId,
) -> Result<Option<PreviousApplicationDto>, ApiError> {
    let Some(listed) = table::get(conn, id)? else { return Ok(None) };
    let decision = table::events(conn, id)?.into_iter().rev().find(|e| REAPPLICABLE.contains(&e.event.to_state));
    Ok(Some(PreviousApplicationDto {
        id: id.to_string(),
        title: listed.application.title,
        fiscal_year: listed.application.fiscal_year,
        state: listed.application.state.into(),
        decision_reason: decision.as_ref().map(|d| d.event.reason.clone()),
        decided_at: decision.map(|d| crate::dto::time(d.event.at)),
    }))
}

/// A re-application may only point at another application that was rejected or sent back.
pub(crate) fn check_previous(
    conn: &Connection,
    app: ApplicationId,
    previous: Option<ApplicationId>,
) -> Result<(), ApiError> {
    let Some(previous) = previous else { return Ok(()) };
    let state = table::get(conn, previous)?.map(|l| l.application.state);
    if previous != app && state.is_some_and(|s| REAPPLICABLE.contains(&s)) {
        return Ok(());
    }
    let mut errors = portfolj_core::ValidationErrors::default();
    errors.push(
        "previous_application_id",
        "Som tidigare ansökan går bara en avslagen eller återremitterad ansökan att ange.",
    );
    Err(errors.into())
}

/// Whether `actor` works on the applicant's side of this application (and so sees the
/// working copy) rather than judging it (and so sees only frozen versions).
pub(crate) fn on_applicant_side(actor: &Actor, app: &Application) -> bool {
    actor.has_any(&[Role::Coach, Role::Office]) || (actor.has(Role::Applicant) && actor.unit == app.unit)
}

/// The application as `actor` may see it: the working copy for the applicant side, the
/// latest frozen version for valuers, reviewers and the council.
pub(crate) fn read(conn: &Connection, id: ApplicationId, actor: &Actor) -> Result<ApplicationDto, ApiError> {
    let listed = table::get(conn, id)?.ok_or_else(|| ApiError::not_found("Ansökan"))?;
    let versions = work::frozen_versions(conn, id)?;
    let count = u32::try_from(versions.len()).unwrap_or(u32::MAX);
    let mut view = if on_applicant_side(actor, &listed.application) {
        let details = table::details(conn, id)?.unwrap_or_default();
        View {
            basics: None,
            details: parse_document("Ansökans uppgifter", &details)?,
            shown_version: None,
            versions: count,
            editable: listed.application.authorize_edit(actor).is_ok(),
            previous: None,
            attachments: attachments::working_attachments(conn, id)?,
        }
    } else {
        let latest = versions.last().ok_or_else(|| {
            ApiError::new(
                ErrorCode::Forbidden,
                "Ansökan är inte inlämnad ännu. Nyttovärderare, beredningsgrupper och utvecklingsrådet ser bara inlämnade versioner.",
            )
        })?;
        let content: VersionContentDto = parse_document("Den frysta versionen", &latest.content)?;
        View {
            basics: Some(content.basics),
            details: content.details,
            shown_version: Some(latest.number),
            versions: count,
            editable: false,
            previous: None,
            attachments: content.attachments,
        }
    };
    view.previous = match view.details.previous_application_id.as_deref().and_then(|p| p.parse().ok()) {
        Some(previous) => previous_application(conn, previous)?,
        None => None,
    };
    Ok(ApplicationDto::new(&listed, &table::events(conn, id)?, view))
}

pub(crate) fn portfolio_filter(number: Option<u8>) -> Result<Option<Portfolio>, ApiError> {
    number
        .map(|n| {
            Portfolio::from_number(i64::from(n)).ok_or_else(|| {
                ApiError::new(ErrorCode::BadArguments, "Portföljen finns inte. Välj en av portföljerna 1–5.")
            })
        })
        .transpose()
}

pub(crate) fn unit_filter(id: Option<String>) -> Result<Option<portfolj_core::UnitId>, ApiError> {
    id.map(|u| u.parse().map_err(|_| ApiError::not_found("Enheten"))).transpose()
}

impl TryFrom<ApplicationFilterDto> for ApplicationFilter {
    type Error = ApiError;

    fn try_from(dto: ApplicationFilterDto) -> Result<Self, ApiError> {
        Ok(Self {
            portfolio: portfolio_filter(dto.portfolio)?,
            fiscal_year: dto.fiscal_year,
            state: dto.state.map(Into::into),
            unit: unit_filter(dto.unit_id)?,
            text: dto.text,
            it_category: dto.it_category.map(Into::into),
        })
    }
}

impl Api {
    /// Creates a draft application for the acting person.
    pub fn create_application(&self, dto: NewApplicationDto) -> Result<ApplicationDto, ApiError> {
        let (id, now) = (self.clock.new_id(), self.clock.now());
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            let context = Context::load(tx)?;
            let app = create_in(tx, &context, &actor, dto.into(), Start::Draft, id, now)?;
            tracing::info!(application = %app.id, "application created");
            read(tx, app.id, &actor)
        })
    }

    pub fn list_applications(&self, filter: ApplicationFilterDto) -> Result<Vec<ApplicationSummaryDto>, ApiError> {
        let filter = ApplicationFilter::try_from(filter)?;
        self.store().read(|tx| {
            session::actor(tx)?;
            Ok(table::list(tx, &filter)?.iter().map(ApplicationSummaryDto::from).collect())
        })
    }

    pub fn application(&self, id: &str) -> Result<ApplicationDto, ApiError> {
        let id = parse_application_id(id)?;
        self.store().read(|tx| read(tx, id, &session::actor(tx)?))
    }

    /// Moves an application along its lifecycle, if the acting person may.
    pub fn transition_application(
        &self,
        id: &str,
        to: ApplicationStateDto,
        reason: &str,
    ) -> Result<ApplicationDto, ApiError> {
        let id = parse_application_id(id)?;
        let now = self.clock.now();
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            let mut app = table::get(tx, id)?.ok_or_else(|| ApiError::not_found("Ansökan"))?.application;
            transition_in(tx, &mut app, &actor, to.into(), reason, now)?;
            read(tx, id, &actor)
        })
    }
}
