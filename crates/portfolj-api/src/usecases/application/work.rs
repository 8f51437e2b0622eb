//! Work on an application before and around submission: saving the working copy
//! (autosave), the readiness checklist, submitting (which freezes a version), versions
//! and their differences, the komplettering thread, coach notes and full-text search.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use portfolj_core::readiness::{self, ReadinessInput, RuleOutcome};
use portfolj_core::{Actor, Application, ApplicationId, ApplicationState, NewApplicationInput, Role, ValidationErrors};
use portfolj_store::Connection;
use portfolj_store::tables::application::{self as table, ApplicationFilter};
use portfolj_store::tables::work::{self, Version};
use serde_json::Value;

use super::{
    Context, authored, check_previous, on_applicant_side, parse_application_id, portfolio_filter, read, transition_in,
    unit_filter,
};
use crate::dto::{
    ApplicationDetailsDto, ApplicationDto, ApplicationSummaryDto, ApplicationVersionDto, DiffArgsDto, FieldChangeDto,
    MessageDto, NewApplicationDto, NoteArgsDto, ReadinessDto, RuleResultDto, SearchArgsDto, SupplementArgsDto,
    UpdateApplicationDto, VersionContentDto, VersionSummaryDto, parse_document, time,
};
use crate::usecases::sync::writes;
use crate::usecases::{audit, session};
use crate::{Api, ApiError, ErrorCode};

/// Most hits a search returns; more is a sign the words were too general.
const SEARCH_LIMIT: u32 = 200;
/// Longest question, answer or note.
const MAX_MESSAGE_CHARS: usize = 10_000;

pub(crate) fn frozen_versions(conn: &Connection, id: ApplicationId) -> Result<Vec<Version>, ApiError> {
    Ok(work::versions(conn, id)?)
}

fn load(conn: &Connection, id: ApplicationId) -> Result<Application, ApiError> {
    Ok(table::get(conn, id)?.ok_or_else(|| ApiError::not_found("Ansökan"))?.application)
}

/// The working copy's details, as stored.
pub(crate) fn load_details(conn: &Connection, id: ApplicationId) -> Result<ApplicationDetailsDto, ApiError> {
    stored_details(conn, id)
}

fn stored_details(conn: &Connection, id: ApplicationId) -> Result<ApplicationDetailsDto, ApiError> {
    parse_document("Ansökans uppgifter", &table::details(conn, id)?.unwrap_or_default())
}

fn require_applicant_side(actor: &Actor, app: &Application) -> Result<(), ApiError> {
    if on_applicant_side(actor, app) {
        Ok(())
    } else {
        Err(ApiError::new(
            ErrorCode::Forbidden,
            "Det här är sökandesidans arbetskopia: sökande från enheten, projektcoacher och projektkontoret.",
        ))
    }
}

fn readiness_of(
    context: &Context,
    app: &Application,
    details: &ApplicationDetailsDto,
) -> Result<Vec<RuleOutcome>, ApiError> {
    let details = details.to_core()?;
    Ok(readiness::check(&ReadinessInput {
        application: app,
        details: &details,
        frames: &context.frames,
        programme: &context.programme,
    }))
}

/// The refusal of a submission, with one field message per failing rule. The UI, the
/// CLI and the API show exactly this.
fn not_ready(outcomes: &[RuleOutcome]) -> ApiError {
    let failing = readiness::failures(outcomes);
    let first = failing.first().map_or("", |o| o.message.as_str());
    let more = match failing.len() {
        0 | 1 => String::new(),
        2 => " (1 regel till är inte uppfylld.)".to_owned(),
        n => format!(" ({} regler till är inte uppfyllda.)", n - 1),
    };
    ApiError {
        code: ErrorCode::NotReady,
        message: format!("Ansökan kan inte lämnas in ännu: {first}{more} Se checklistan."),
        fields: failing
            .iter()
            .map(|o| crate::FieldErrorDto { field: o.field.to_owned(), message: o.message.clone() })
            .collect(),
    }
}

fn check_text(field: &'static str, text: &str) -> Result<String, ApiError> {
    let text = text.trim();
    let mut errors = ValidationErrors::default();
    if text.is_empty() {
        errors.push(field, "Skriv en text.");
    } else if text.chars().count() > MAX_MESSAGE_CHARS {
        errors.push(field, format!("Högst {MAX_MESSAGE_CHARS} tecken."));
    }
    errors.into_result(|| text.to_owned()).map_err(ApiError::from)
}

/// Every scalar of a JSON document by path (`details.risks[0].mitigation`).
fn flatten(value: &Value, path: String, out: &mut BTreeMap<String, String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let next = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                flatten(v, next, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                flatten(v, format!("{path}[{i}]"), out);
            }
        }
        Value::Null => {}
        Value::String(s) if s.is_empty() => {}
        Value::String(s) => {
            out.insert(path, s.clone());
        }
        other => {
            out.insert(path, other.to_string());
        }
    }
}

/// The fields that differ between two versions' content, in path order.
pub(crate) fn diff(before: &VersionContentDto, after: &VersionContentDto) -> Vec<FieldChangeDto> {
    let as_map = |content: &VersionContentDto| {
        let mut map = BTreeMap::new();
        flatten(&serde_json::to_value(content).unwrap_or(Value::Null), String::new(), &mut map);
        map
    };
    let (old, new) = (as_map(before), as_map(after));
    let mut fields: Vec<&String> = old.keys().chain(new.keys()).collect();
    fields.sort();
    fields.dedup();
    fields
        .into_iter()
        .filter(|f| old.get(*f) != new.get(*f))
        .map(|f| FieldChangeDto { field: f.clone(), before: old.get(f).cloned(), after: new.get(f).cloned() })
        .collect()
}

fn message_dto(m: &work::Message) -> MessageDto {
    MessageDto { at: time(m.at), author_name: m.author_name.clone(), kind: m.kind.clone(), body: m.body.clone() }
}

/// Checks and stores a new working copy of `app`: its basics and its details.
pub(crate) fn update_in(
    conn: &Connection,
    context: &Context,
    actor: &Actor,
    app: &mut Application,
    basics: NewApplicationDto,
    details: &ApplicationDetailsDto,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    app.authorize_edit(actor)?;
    let basics = NewApplicationInput::from(basics).validate(&context.programme, &context.units);
    let (checked, mut errors) = details.read_leniently();
    errors.0.extend(checked.check_limits(&context.programme).err().unwrap_or_default().0);
    let mut new = match basics {
        Ok(new) if errors.is_empty() => new,
        basics => {
            let mut all = basics.err().unwrap_or_default();
            all.0.extend(errors.0);
            return Err(all.into());
        }
    };
    check_previous(conn, app.id, checked.previous_application)?;
    if !checked.budget.is_empty() {
        new.requested_amount = checked.budget_total().unwrap_or(new.requested_amount);
    }
    app.revise(new, actor, now)?;
    let document = serde_json::to_string(details)
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("Uppgifterna kunde inte sparas: {e}")))?;
    table::update_content(conn, app, &document, &details.search_text(&app.purpose))?;
    let detail = serde_json::json!({
        "basics": NewApplicationDto::from(&*app),
        "details_sha256": audit::sha256_hex(document.as_bytes()),
    });
    audit::record(conn, now, actor.person, "application.update", &app.id.to_string(), &detail)
}

/// Submits `app`: refused while any readiness rule fails, otherwise frozen as the next
/// version and moved to submitted.
pub(crate) fn submit_in(
    conn: &Connection,
    context: &Context,
    actor: &Actor,
    app: &mut Application,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    require_applicant_side(actor, app)?;
    let details = stored_details(conn, app.id)?;
    let outcomes = readiness_of(context, app, &details)?;
    if !readiness::failures(&outcomes).is_empty() {
        return Err(not_ready(&outcomes));
    }
    let attachments = super::attachments::working_attachments(conn, app.id)?;
    let content = VersionContentDto { basics: NewApplicationDto::from(&*app), details, attachments };
    let document = serde_json::to_string(&content)
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("Versionen kunde inte sparas: {e}")))?;
    let number = work::versions(conn, app.id)?.len() + 1;
    let reason = authored(conn, actor, app, &format!("Inlämnad som version {number}"))?;
    transition_in(conn, app, actor, ApplicationState::Submitted, &reason, now)?;
    let version = work::freeze(conn, app.id, now, actor.person, &document)?;
    let detail = serde_json::json!({ "version": version, "content_sha256": audit::sha256_hex(document.as_bytes()) });
    audit::record(conn, now, actor.person, "application.freeze", &app.id.to_string(), &detail)
}

/// Asks for a komplettering: the question is the reason of the transition and opens the thread.
pub(crate) fn request_supplement_in(
    conn: &Connection,
    actor: &Actor,
    app: &mut Application,
    question: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let question = check_text("text", question)?;
    transition_in(conn, app, actor, ApplicationState::SupplementRequested, &question, now)?;
    work::add_message(conn, app.id, now, actor.person, "question", &question)?;
    let detail = serde_json::json!({ "kind": "question", "text": question });
    audit::record(conn, now, actor.person, "application.message", &app.id.to_string(), &detail)
}

fn require_coach_or_office(actor: &Actor) -> Result<(), ApiError> {
    if actor.has_any(&[Role::Coach, Role::Office]) {
        Ok(())
    } else {
        Err(ApiError::new(ErrorCode::Forbidden, "Coachanteckningar är bara för projektcoacher och projektkontoret."))
    }
}

impl Api {
    /// Saves the working copy as it stands (autosave). Limits are checked, completeness
    /// is not: that is the readiness checklist's job. Nothing is saved on any error.
    pub fn update_application(&self, dto: UpdateApplicationDto) -> Result<ApplicationDto, ApiError> {
        let id = parse_application_id(&dto.id)?;
        let now = self.clock.now();
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            let mut app = load(tx, id)?;
            let before = writes::fields_of(&NewApplicationDto::from(&app), &stored_details(tx, id)?);
            update_in(tx, &Context::load(tx)?, &actor, &mut app, dto.basics, &dto.details, now)?;
            // What was stored (the budget may have set the amount), as this laptop's writes.
            let after = writes::fields_of(&NewApplicationDto::from(&app), &stored_details(tx, id)?);
            writes::record_local(tx, &writes::entity_of(id), &before, &after, actor.person, now, false)?;
            read(tx, id, &actor)
        })
    }

    /// Every readiness rule with its verdict on the working copy.
    pub fn check_application(&self, id: &str) -> Result<ReadinessDto, ApiError> {
        let id = parse_application_id(id)?;
        self.store().read(|tx| {
            let actor = session::actor(tx)?;
            let app = load(tx, id)?;
            require_applicant_side(&actor, &app)?;
            let outcomes = readiness_of(&Context::load(tx)?, &app, &stored_details(tx, id)?)?;
            Ok(ReadinessDto {
                ready: readiness::failures(&outcomes).is_empty(),
                rules: outcomes
                    .into_iter()
                    .map(|o| RuleResultDto {
                        code: o.code.to_owned(),
                        field: o.field.to_owned(),
                        ok: o.ok,
                        message: o.message,
                    })
                    .collect(),
            })
        })
    }

    /// Submits the working copy: refused while any readiness rule fails; otherwise the
    /// application is frozen as the next version.
    pub fn submit_application(&self, id: &str) -> Result<ApplicationDto, ApiError> {
        let id = parse_application_id(id)?;
        let now = self.clock.now();
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            let mut app = load(tx, id)?;
            submit_in(tx, &Context::load(tx)?, &actor, &mut app, now)?;
            read(tx, id, &actor)
        })
    }

    pub fn application_versions(&self, id: &str) -> Result<Vec<VersionSummaryDto>, ApiError> {
        let id = parse_application_id(id)?;
        self.store().read(|tx| {
            read(tx, id, &session::actor(tx)?)?;
            Ok(work::versions(tx, id)?
                .iter()
                .map(|v| VersionSummaryDto {
                    number: v.number,
                    frozen_at: time(v.frozen_at),
                    frozen_by: v.frozen_by_name.clone(),
                })
                .collect())
        })
    }

    pub fn application_version(&self, id: &str, number: u32) -> Result<ApplicationVersionDto, ApiError> {
        let id = parse_application_id(id)?;
        self.store().read(|tx| {
            read(tx, id, &session::actor(tx)?)?;
            let v = work::version(tx, id, number)?.ok_or_else(|| ApiError::not_found(&format!("Version {number}")))?;
            Ok(ApplicationVersionDto {
                number: v.number,
                frozen_at: time(v.frozen_at),
                frozen_by: v.frozen_by_name,
                content: parse_document("Den frysta versionen", &v.content)?,
            })
        })
    }

    /// What changed, field by field, from one frozen version to another or to the
    /// working copy.
    pub fn application_diff(&self, args: DiffArgsDto) -> Result<Vec<FieldChangeDto>, ApiError> {
        let id = parse_application_id(&args.id)?;
        self.store().read(|tx| {
            let actor = session::actor(tx)?;
            read(tx, id, &actor)?;
            let frozen = |n: u32| -> Result<VersionContentDto, ApiError> {
                let v = work::version(tx, id, n)?.ok_or_else(|| ApiError::not_found(&format!("Version {n}")))?;
                parse_document("Den frysta versionen", &v.content)
            };
            let before = frozen(args.from)?;
            let after = match args.to {
                Some(n) => frozen(n)?,
                None => {
                    let app = load(tx, id)?;
                    require_applicant_side(&actor, &app)?;
                    VersionContentDto {
                        basics: NewApplicationDto::from(&app),
                        details: stored_details(tx, id)?,
                        attachments: super::attachments::working_attachments(tx, id)?,
                    }
                }
            };
            Ok(diff(&before, &after))
        })
    }

    /// The office, a valuer or a coach asks the applicant to complete a submitted
    /// application; it opens for editing again.
    pub fn request_supplement(&self, args: SupplementArgsDto) -> Result<ApplicationDto, ApiError> {
        let id = parse_application_id(&args.id)?;
        let now = self.clock.now();
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            let mut app = load(tx, id)?;
            request_supplement_in(tx, &actor, &mut app, &args.text, now)?;
            read(tx, id, &actor)
        })
    }

    /// The applicant side answers the komplettering questions (then edits and submits).
    pub fn answer_supplement(&self, args: SupplementArgsDto) -> Result<ApplicationDto, ApiError> {
        let id = parse_application_id(&args.id)?;
        let answer = check_text("text", &args.text)?;
        let now = self.clock.now();
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            let app = load(tx, id)?;
            if app.state != ApplicationState::SupplementRequested {
                return Err(ApiError::new(ErrorCode::Conflict, "Ingen komplettering är begärd för ansökan just nu."));
            }
            app.authorize_edit(&actor)?;
            work::add_message(tx, id, now, actor.person, "answer", &answer)?;
            let detail = serde_json::json!({ "kind": "answer", "text": answer });
            audit::record(tx, now, actor.person, "application.message", &id.to_string(), &detail)?;
            read(tx, id, &actor)
        })
    }

    pub fn supplement_thread(&self, id: &str) -> Result<Vec<MessageDto>, ApiError> {
        let id = parse_application_id(id)?;
        self.store().read(|tx| {
            read(tx, id, &session::actor(tx)?)?;
            Ok(work::thread(tx, id)?.iter().map(message_dto).collect())
        })
    }

    pub fn coach_notes(&self, id: &str) -> Result<Vec<MessageDto>, ApiError> {
        let id = parse_application_id(id)?;
        self.store().read(|tx| {
            require_coach_or_office(&session::actor(tx)?)?;
            load(tx, id)?;
            Ok(work::notes(tx, id)?.iter().map(message_dto).collect())
        })
    }

    pub fn add_coach_note(&self, args: NoteArgsDto) -> Result<Vec<MessageDto>, ApiError> {
        let id = parse_application_id(&args.id)?;
        let text = check_text("text", &args.text)?;
        let now = self.clock.now();
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            require_coach_or_office(&actor)?;
            load(tx, id)?;
            work::add_note(tx, id, now, actor.person, &text)?;
            audit::record(
                tx,
                now,
                actor.person,
                "application.note",
                &id.to_string(),
                &serde_json::json!({ "text": text }),
            )?;
            Ok(work::notes(tx, id)?.iter().map(message_dto).collect())
        })
    }

    /// Full-text search over titles and application texts, best match first.
    pub fn search_applications(&self, args: SearchArgsDto) -> Result<Vec<ApplicationSummaryDto>, ApiError> {
        let words: Vec<String> = args
            .query
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(10)
            .map(str::to_owned)
            .collect();
        if words.is_empty() {
            let mut errors = ValidationErrors::default();
            errors.push("query", "Skriv minst ett sökord.");
            return Err(errors.into());
        }
        let filter = ApplicationFilter {
            portfolio: portfolio_filter(args.portfolio)?,
            fiscal_year: args.fiscal_year,
            state: args.state.map(Into::into),
            unit: unit_filter(args.unit_id)?,
            text: None,
            it_category: args.it_category.map(Into::into),
        };
        self.store().read(|tx| {
            session::actor(tx)?;
            Ok(table::search(tx, &words, &filter, SEARCH_LIMIT)?.iter().map(ApplicationSummaryDto::from).collect())
        })
    }
}
