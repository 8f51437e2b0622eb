//! Per-field writes to applications: local edits are recorded with this laptop's hybrid
//! logical clock so they can travel; incoming writes are merged (portfolj-sync `merge`),
//! every one kept, and the application's working copy takes each field's current value
//! through the same use case a local edit goes through — with the author's rights.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use portfolj_core::{Actor, ApplicationId, PersonId, Role};
use portfolj_store::Connection;
use portfolj_store::tables::sync::{self as table, StoredWrite};
use portfolj_store::tables::{application as applications, org};
use portfolj_sync::hlc::{Clock, Stamp};
use portfolj_sync::merge::{self, FieldWrite, Plan, Register};
use portfolj_sync::{Certificate, SyncError};
use serde_json::Value;

use crate::dto::{
    ApplicationDetailsDto, ConflictDto, NewApplicationDto, ResolveConflictDto, RoleDto, WrittenValueDto, time,
};
use crate::usecases::application::{Context, load_details, update_in};
use crate::{ApiError, ErrorCode};

const APPLICATION: &str = "application/";

pub(crate) fn entity_of(id: ApplicationId) -> String {
    format!("{APPLICATION}{id}")
}

/// An application's editable content as fields: `basics.<name>` and `details.<name>`.
pub(crate) fn fields_of(basics: &NewApplicationDto, details: &ApplicationDetailsDto) -> BTreeMap<String, Value> {
    let mut fields = BTreeMap::new();
    for (prefix, value) in [("basics", serde_json::to_value(basics)), ("details", serde_json::to_value(details))] {
        if let Ok(Value::Object(map)) = value {
            fields.extend(map.into_iter().map(|(k, v)| (format!("{prefix}.{k}"), v)));
        }
    }
    fields
}

/// The content back from its fields.
fn content_of(fields: &BTreeMap<String, Value>) -> Result<(NewApplicationDto, ApplicationDetailsDto), String> {
    let mut basics = serde_json::Map::new();
    let mut details = serde_json::Map::new();
    for (field, value) in fields {
        match field.split_once('.') {
            Some(("basics", name)) => basics.insert(name.to_owned(), value.clone()),
            Some(("details", name)) => details.insert(name.to_owned(), value.clone()),
            _ => return Err(field.clone()),
        };
    }
    let basics = serde_json::from_value(Value::Object(basics)).map_err(|e| e.to_string())?;
    let details = serde_json::from_value(Value::Object(details)).map_err(|e| e.to_string())?;
    Ok((basics, details))
}

fn parse_write(stored: &StoredWrite) -> Result<FieldWrite, ApiError> {
    serde_json::from_str(&stored.write).map_err(|e| {
        ApiError::new(
            ErrorCode::Internal,
            format!("En sparad fältändring kunde inte läsas ({e}). Kontakta förvaltningen."),
        )
    })
}

/// Every write held for an entity, oldest first per field.
pub(crate) fn held_for(conn: &Connection, entity: &str) -> Result<Vec<FieldWrite>, ApiError> {
    table::writes_of_entity(conn, entity)?.iter().map(parse_write).collect()
}

/// Every write held for one field.
pub(crate) fn register(conn: &Connection, entity: &str, field: &str) -> Result<Register, ApiError> {
    let mut register = Register::default();
    for stored in table::writes_of(conn, entity, field)? {
        register.insert(parse_write(&stored)?);
    }
    Ok(register)
}

fn store(conn: &Connection, write: &FieldWrite, origin: &str) -> Result<bool, ApiError> {
    let text = serde_json::to_string(write).map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
    Ok(table::put_write(
        conn,
        &StoredWrite {
            entity: write.entity.clone(),
            field: write.field.clone(),
            stamp_key: write.stamp.key(),
            write: text,
            author: write.author.clone(),
            origin: origin.to_owned(),
        },
    )?)
}

fn clock(conn: &Connection, node: &str) -> Result<Clock, ApiError> {
    let (last_ms, counter) = table::hlc(conn)?;
    Ok(Clock { node: node.to_owned(), last_ms, counter })
}

/// Records each field that differs between `before` and `after` as this laptop's write,
/// replacing the value (and, when `resolving`, the conflicts) the author saw. A laptop
/// without a key records nothing: it has nothing to send with.
pub(crate) fn record_local(
    conn: &Connection,
    entity: &str,
    before: &BTreeMap<String, Value>,
    after: &BTreeMap<String, Value>,
    author: PersonId,
    now: DateTime<Utc>,
    resolving: bool,
) -> Result<(), ApiError> {
    let Some(me) = table::identity(conn)? else { return Ok(()) };
    let mut clock = clock(conn, &me.key_id)?;
    for (field, value) in after {
        if before.get(field) == Some(value) && !resolving {
            continue;
        }
        let held = register(conn, entity, field)?;
        let mut supersedes: Vec<Stamp> = held.current().map(|w| w.stamp.clone()).into_iter().collect();
        if resolving {
            supersedes.extend(held.conflicts().iter().map(|w| w.stamp.clone()));
        }
        let write = FieldWrite {
            entity: entity.to_owned(),
            field: field.clone(),
            value: value.clone(),
            stamp: clock.tick(now.timestamp_millis()),
            author: author.to_string(),
            supersedes,
        };
        store(conn, &write, "local")?;
    }
    table::set_hlc(conn, clock.last_ms, clock.counter)?;
    Ok(())
}

/// The author of a bundle as an actor: the certificate's person, unit and roles.
fn actor_of(certificate: &Certificate) -> Result<Actor, SyncError> {
    let bad = || SyncError::NotAllowed(format!("intyget för {} går inte att läsa", certificate.name));
    let roles = certificate
        .roles
        .iter()
        .map(|r| serde_json::from_value::<RoleDto>(Value::String(r.clone())).map(Role::from).map_err(|_| bad()))
        .collect::<Result<_, _>>()?;
    Ok(Actor {
        person: certificate.person_id.parse().map_err(|_| bad())?,
        unit: certificate.unit_id.parse().map_err(|_| bad())?,
        roles,
    })
}

fn application_of(entity: &str) -> Option<ApplicationId> {
    entity.strip_prefix(APPLICATION).and_then(|id| id.parse().ok())
}

/// Checks that the author may edit every application written to, as the receiving
/// laptop knows it; the first that may not refuses the whole bundle, by name.
pub(crate) fn check_rights(
    conn: &Connection,
    writes: &[&FieldWrite],
    certificate: &Certificate,
    arriving: &BTreeSet<ApplicationId>,
) -> Result<(), ApiError> {
    let actor = actor_of(certificate)?;
    let entities: BTreeSet<&str> = writes.iter().map(|w| w.entity.as_str()).collect();
    for entity in entities {
        let refused =
            |why: String| SyncError::NotAllowed(format!("ändring i {entity} från {}: {why}", certificate.name));
        let id = application_of(entity).ok_or_else(|| refused("okänd sorts uppgift".to_owned()))?;
        match applications::get(conn, id)? {
            Some(held) => held.application.authorize_edit(&actor).map_err(|e| refused(e.to_string()))?,
            // Brought by the same bundle (the office's snapshot), checked as it is applied.
            None if arriving.contains(&id) => {}
            None => return Err(refused("ansökan finns inte på den här datorn".to_owned()).into()),
        }
    }
    Ok(())
}

/// What merging `writes` would do, changing nothing.
pub(crate) fn plan(conn: &Connection, writes: &[&FieldWrite]) -> Result<Plan, ApiError> {
    Ok(merge_plan(conn, writes)?.0)
}

type Registers = BTreeMap<(String, String), Register>;

fn merge_plan(conn: &Connection, writes: &[&FieldWrite]) -> Result<(Plan, Registers), ApiError> {
    let owned: Vec<FieldWrite> = writes.iter().map(|w| (*w).clone()).collect();
    // What is held, read once per entity rather than once per field.
    let mut held: BTreeMap<(String, String), Register> = BTreeMap::new();
    for entity in writes.iter().map(|w| w.entity.as_str()).collect::<BTreeSet<_>>() {
        for write in held_for(conn, entity)? {
            held.entry((write.entity.clone(), write.field.clone())).or_default().insert(write);
        }
    }
    let (plan, registers) =
        merge::plan(&owned, |entity, field| held.remove(&(entity.to_owned(), field.to_owned())).unwrap_or_default());
    let registers = registers.into_iter().map(|((e, f), r)| ((e.to_owned(), f.to_owned()), r)).collect();
    Ok((plan, registers))
}

/// Merges verified incoming writes: keeps every one, and gives each changed field its
/// new current value in the application's working copy, as the author.
pub(crate) fn merge_in(
    conn: &Connection,
    writes: &[&FieldWrite],
    certificate: &Certificate,
    node: &str,
    now: DateTime<Utc>,
    progress: &crate::progress::Progress,
) -> Result<Plan, ApiError> {
    check_rights(conn, writes, certificate, &BTreeSet::new())?;
    let (plan, registers) = merge_plan(conn, writes)?;
    let mut clock = clock(conn, node)?;
    for write in writes {
        store(conn, write, "imported")?;
        clock.observe(&write.stamp, now.timestamp_millis());
        progress.advance(1)?;
    }
    table::set_hlc(conn, clock.last_ms, clock.counter)?;
    let actor = actor_of(certificate)?;
    let mut by_entity: BTreeMap<&str, Vec<(&str, &Value)>> = BTreeMap::new();
    for (entity, field) in &plan.changed_fields {
        if let Some(current) = registers.get(&(entity.clone(), field.clone())).and_then(Register::current) {
            by_entity.entry(entity.as_str()).or_default().push((field.as_str(), &current.value));
        }
    }
    let context = Context::load(conn)?;
    for (entity, changes) in by_entity {
        let Some(id) = application_of(entity) else { continue };
        let mut app = applications::get(conn, id)?.ok_or_else(|| ApiError::not_found("Ansökan"))?.application;
        let mut fields = fields_of(&NewApplicationDto::from(&app), &load_details(conn, id)?);
        for (field, value) in changes {
            fields.insert(field.to_owned(), value.clone());
        }
        let (basics, details) = content_of(&fields).map_err(|why| {
            ApiError::from(SyncError::NotAllowed(format!("ändring i {entity} passar inte ansökans fält ({why})")))
        })?;
        update_in(conn, &context, &actor, &mut app, basics, &details, now)?;
    }
    Ok(plan)
}

fn written(conn: &Connection, write: &FieldWrite) -> Result<WrittenValueDto, ApiError> {
    let author_name = write
        .author
        .parse()
        .ok()
        .map(|id| org::person(conn, id))
        .transpose()?
        .flatten()
        .map_or_else(|| write.author.clone(), |p| p.name);
    let written_at = DateTime::<Utc>::from_timestamp_millis(write.stamp.wall_ms).map(time).unwrap_or_default();
    Ok(WrittenValueDto { stamp_key: write.stamp.key(), value: write.value.to_string(), author_name, written_at })
}

/// Every field of an application with an open conflict.
pub(crate) fn conflicts(conn: &Connection) -> Result<Vec<ConflictDto>, ApiError> {
    let mut out = Vec::new();
    for (entity, field) in table::fields_with_several_writes(conn)? {
        let held = register(conn, &entity, &field)?;
        let open = held.conflicts();
        let (Some(current), false) = (held.current(), open.is_empty()) else { continue };
        let Some(id) = application_of(&entity) else { continue };
        let title = applications::get(conn, id)?.map(|l| l.application.title).unwrap_or_default();
        out.push(ConflictDto {
            application_id: id.to_string(),
            application_title: title,
            field,
            current: written(conn, current)?,
            others: open.iter().map(|w| written(conn, w)).collect::<Result<_, _>>()?,
        });
    }
    Ok(out)
}

/// Keeps the chosen value: a new write, by someone who may edit the application, that
/// replaces the current value and every open conflict.
pub(crate) fn resolve(
    conn: &Connection,
    actor: &Actor,
    args: &ResolveConflictDto,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let id: ApplicationId = args.application_id.parse().map_err(|_| ApiError::not_found("Ansökan"))?;
    let entity = entity_of(id);
    let held = register(conn, &entity, &args.field)?;
    if held.conflicts().is_empty() {
        return Err(ApiError::new(ErrorCode::Conflict, "Fältet har ingen olöst konflikt längre. Uppdatera listan."));
    }
    let chosen = held
        .writes()
        .find(|w| w.stamp.key() == args.keep_stamp_key)
        .ok_or_else(|| ApiError::not_found("Värdet"))?
        .value
        .clone();
    let mut app = applications::get(conn, id)?.ok_or_else(|| ApiError::not_found("Ansökan"))?.application;
    let before = fields_of(&NewApplicationDto::from(&app), &load_details(conn, id)?);
    let mut fields = before.clone();
    fields.insert(args.field.clone(), chosen);
    let (basics, details) = content_of(&fields)
        .map_err(|why| ApiError::new(ErrorCode::Conflict, format!("Värdet passar inte fältet längre ({why}).")))?;
    update_in(conn, &Context::load(conn)?, actor, &mut app, basics, &details, now)?;
    let mut after = BTreeMap::new();
    after.insert(args.field.clone(), fields[&args.field].clone());
    record_local(conn, &entity, &before, &after, actor.person, now, true)
}
