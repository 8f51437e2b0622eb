//! The audit log's rows. The chain itself (hashing, verification) is in portfolj-core.

use chrono::{DateTime, Utc};
use portfolj_core::PersonId;
use portfolj_core::audit::{self, Entry, Stored};
use rusqlite::{Connection, OptionalExtension, params};

use super::time_text;
use crate::StoreError;

/// Appends one entry after the current head and returns its hash.
pub fn append(
    conn: &Connection,
    at: DateTime<Utc>,
    actor: PersonId,
    operation: &str,
    entity: &str,
    detail: &str,
) -> Result<String, StoreError> {
    let last: Option<(i64, String)> = conn
        .prepare_cached("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (seq, previous) = last.map_or((1, audit::GENESIS.to_owned()), |(seq, hash)| (seq + 1, hash));
    let entry = Entry {
        seq,
        at: time_text(at),
        actor: actor.to_string(),
        operation: operation.to_owned(),
        entity: entity.to_owned(),
        detail: detail.to_owned(),
    };
    let hash = audit::hash(&previous, &entry);
    conn.prepare_cached(
        "INSERT INTO audit_log (seq, at, actor_id, operation, entity, detail, previous_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![seq, entry.at, entry.actor, entry.operation, entry.entity, entry.detail, previous, hash])?;
    Ok(hash)
}

/// Hands every entry, in stored order, to `visit`; stops at the first `Err` it returns.
pub fn for_each<E: From<StoreError>>(
    conn: &Connection,
    mut visit: impl FnMut(Stored) -> Result<(), E>,
) -> Result<(), E> {
    let mut stmt = conn
        .prepare(
            "SELECT seq, at, actor_id, operation, entity, detail, previous_hash, hash FROM audit_log ORDER BY rowid",
        )
        .map_err(StoreError::from)?;
    let mut rows = stmt.query([]).map_err(StoreError::from)?;
    while let Some(row) = rows.next().map_err(StoreError::from)? {
        let read = |i: usize| row.get::<_, String>(i).map_err(StoreError::from);
        visit(Stored {
            entry: Entry {
                seq: row.get(0).map_err(StoreError::from)?,
                at: read(1)?,
                actor: read(2)?,
                operation: read(3)?,
                entity: read(4)?,
                detail: read(5)?,
            },
            previous_hash: read(6)?,
            hash: read(7)?,
        })?;
    }
    Ok(())
}

/// The newest entry's hash: the head that travels in bundles and is printed on memos.
pub fn head(conn: &Connection) -> Result<Option<String>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| r.get(0))
        .optional()?)
}
