//! Identities, trust and the bundle channels. The texts (keys, certificate bodies,
//! signatures) are portfolj-sync's formats, stored as received.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::time_text;
use crate::StoreError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub public_key: String,
    pub key_id: String,
    pub person_id: Option<String>,
}

pub fn identity(conn: &Connection) -> Result<Option<Identity>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT public_key, key_id, person_id FROM sync_identity WHERE id = 1")?
        .query_row([], |r| Ok(Identity { public_key: r.get(0)?, key_id: r.get(1)?, person_id: r.get(2)? }))
        .optional()?)
}

pub fn set_identity(conn: &Connection, identity: &Identity, at: DateTime<Utc>) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO sync_identity (id, public_key, key_id, person_id, created_at) VALUES (1, ?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET public_key = excluded.public_key, key_id = excluded.key_id,
             person_id = excluded.person_id",
    )?
    .execute(params![identity.public_key, identity.key_id, identity.person_id, time_text(at)])?;
    Ok(())
}

/// Trusted office keys in the order they were pinned.
pub fn office_keys(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT public_key FROM office_key ORDER BY rowid")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn pin_office_key(conn: &Connection, key_id: &str, public_key: &str, at: DateTime<Utc>) -> Result<(), StoreError> {
    conn.prepare_cached("INSERT OR IGNORE INTO office_key (key_id, public_key, pinned_at) VALUES (?1, ?2, ?3)")?
        .execute(params![key_id, public_key, time_text(at)])?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCertificate {
    pub serial: u64,
    pub person_id: String,
    pub key_id: String,
    pub body: String,
    pub signature: String,
}

pub fn put_certificate(conn: &Connection, c: &StoredCertificate, at: DateTime<Utc>) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO certificate (serial, person_id, key_id, body, signature, received_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![c.serial, c.person_id, c.key_id, c.body, c.signature, time_text(at)])?;
    Ok(())
}

pub fn certificates(conn: &Connection) -> Result<Vec<StoredCertificate>, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT serial, person_id, key_id, body, signature FROM certificate ORDER BY serial")?;
    let rows = stmt.query_map([], |r| {
        Ok(StoredCertificate {
            serial: r.get(0)?,
            person_id: r.get(1)?,
            key_id: r.get(2)?,
            body: r.get(3)?,
            signature: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The newest certificate for a key id.
pub fn certificate_of_key(conn: &Connection, key_id: &str) -> Result<Option<StoredCertificate>, StoreError> {
    Ok(certificates(conn)?.into_iter().rev().find(|c| c.key_id == key_id))
}

pub fn next_serial(conn: &Connection) -> Result<u64, StoreError> {
    Ok(conn.query_row("SELECT coalesce(max(serial), 0) + 1 FROM certificate", [], |r| r.get(0))?)
}

pub fn revoked(conn: &Connection) -> Result<Vec<u64>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT serial FROM revoked_certificate ORDER BY serial")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The stored revocation list's number, body and signature.
pub fn revocation_list(conn: &Connection) -> Result<Option<(u64, String, String)>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT number, body, signature FROM revocation_list WHERE id = 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?)
}

/// Replaces the revocation list; serials never leave it.
pub fn put_revocation_list(
    conn: &Connection,
    number: u64,
    body: &str,
    signature: &str,
    serials: &[u64],
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO revocation_list (id, number, body, signature) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET number = excluded.number, body = excluded.body, signature = excluded.signature",
    )?
    .execute(params![number, body, signature])?;
    let mut insert = conn.prepare_cached("INSERT OR IGNORE INTO revoked_certificate (serial) VALUES (?1)")?;
    for serial in serials {
        insert.execute([serial])?;
    }
    Ok(())
}

/// The newest bundle on a channel: (sequence, hash).
pub fn channel(conn: &Connection, sender_key_id: &str, recipient: &str) -> Result<Option<(u64, String)>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT sequence, hash FROM bundle_channel WHERE sender_key_id = ?1 AND recipient = ?2")?
        .query_row([sender_key_id, recipient], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedBundle {
    pub hash: String,
    /// `in` or `out`.
    pub direction: String,
    pub kind: String,
    pub sender_key_id: String,
    pub sender_name: String,
    /// A key id, or `*` for everyone.
    pub recipient: String,
    pub sequence: u64,
    pub created_at: String,
    pub handled_at: String,
    /// Operations by kind, as JSON.
    pub counts: String,
}

/// Records a bundle made or taken in and moves its channel forward.
pub fn log_bundle(conn: &Connection, b: &LoggedBundle) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO bundle_log (hash, direction, kind, sender_key_id, sender_name, recipient, sequence, created_at,
             handled_at, counts) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        b.hash,
        b.direction,
        b.kind,
        b.sender_key_id,
        b.sender_name,
        b.recipient,
        b.sequence,
        b.created_at,
        b.handled_at,
        b.counts
    ])?;
    conn.prepare_cached(
        "INSERT INTO bundle_channel (sender_key_id, recipient, sequence, hash) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (sender_key_id, recipient) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash",
    )?
    .execute(params![b.sender_key_id, b.recipient, b.sequence, b.hash])?;
    Ok(())
}

/// The log, newest first.
pub fn bundle_log(conn: &Connection) -> Result<Vec<LoggedBundle>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT hash, direction, kind, sender_key_id, sender_name, recipient, sequence, created_at, handled_at, counts
         FROM bundle_log ORDER BY handled_at DESC, sequence DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(LoggedBundle {
            hash: r.get(0)?,
            direction: r.get(1)?,
            kind: r.get(2)?,
            sender_key_id: r.get(3)?,
            sender_name: r.get(4)?,
            recipient: r.get(5)?,
            sequence: r.get(6)?,
            created_at: r.get(7)?,
            handled_at: r.get(8)?,
            counts: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A stored field write: its JSON (portfolj-sync's format) and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredWrite {
    pub entity: String,
    pub field: String,
    pub stamp_key: String,
    pub write: String,
    pub author: String,
    /// `local` or `imported`.
    pub origin: String,
}

/// Stores a write unless it is already held; `true` when it was new.
pub fn put_write(conn: &Connection, w: &StoredWrite) -> Result<bool, StoreError> {
    let added = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO field_write (entity, field, stamp_key, write, author, origin)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![w.entity, w.field, w.stamp_key, w.write, w.author, w.origin])?;
    Ok(added == 1)
}

fn stored_write(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredWrite> {
    Ok(StoredWrite {
        entity: r.get(0)?,
        field: r.get(1)?,
        stamp_key: r.get(2)?,
        write: r.get(3)?,
        author: r.get(4)?,
        origin: r.get(5)?,
    })
}

const WRITE_COLUMNS: &str = "SELECT entity, field, stamp_key, write, author, origin FROM field_write";

/// Every write held for one field, oldest first.
pub fn writes_of(conn: &Connection, entity: &str, field: &str) -> Result<Vec<StoredWrite>, StoreError> {
    let mut stmt =
        conn.prepare_cached(&format!("{WRITE_COLUMNS} WHERE entity = ?1 AND field = ?2 ORDER BY stamp_key"))?;
    let rows = stmt.query_map([entity, field], stored_write)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every write held for an entity, by field and stamp.
pub fn writes_of_entity(conn: &Connection, entity: &str) -> Result<Vec<StoredWrite>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("{WRITE_COLUMNS} WHERE entity = ?1 ORDER BY field, stamp_key"))?;
    let rows = stmt.query_map([entity], stored_write)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// This laptop's own writes after `after` (a stamp key), oldest first.
pub fn local_writes_after(conn: &Connection, after: &str) -> Result<Vec<StoredWrite>, StoreError> {
    let mut stmt =
        conn.prepare_cached(&format!("{WRITE_COLUMNS} WHERE origin = 'local' AND stamp_key > ?1 ORDER BY stamp_key"))?;
    let rows = stmt.query_map([after], stored_write)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Fields written more than once: the only ones that can hold a conflict.
pub fn fields_with_several_writes(conn: &Connection) -> Result<Vec<(String, String)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT entity, field FROM field_write GROUP BY entity, field HAVING count(*) > 1 ORDER BY entity, field",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The clock state: (last_ms, counter).
pub fn hlc(conn: &Connection) -> Result<(i64, u32), StoreError> {
    Ok(conn
        .prepare_cached("SELECT last_ms, counter FROM hlc_state WHERE id = 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((0, 0)))
}

pub fn set_hlc(conn: &Connection, last_ms: i64, counter: u32) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO hlc_state (id, last_ms, counter) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET last_ms = excluded.last_ms, counter = excluded.counter",
    )?
    .execute(params![last_ms, counter])?;
    Ok(())
}

/// Office-key rotations in order: (body, signature).
pub fn rotations(conn: &Connection) -> Result<Vec<(String, String)>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT body, signature FROM office_rotation ORDER BY number")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Keeps a rotation unless the same statement is already held.
pub fn put_rotation(conn: &Connection, body: &str, signature: &str) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO office_rotation (number, body, signature)
         SELECT next, ?1, ?2 FROM (SELECT coalesce(max(number), 0) + 1 AS next FROM office_rotation)
         WHERE NOT EXISTS (SELECT 1 FROM office_rotation WHERE body = ?1)",
    )?
    .execute(params![body, signature])?;
    Ok(())
}

/// Keeps a received bundle's signed payload and signature, under its hash.
pub fn put_content(conn: &Connection, hash: &str, payload: &[u8], signature: &str) -> Result<(), StoreError> {
    conn.prepare_cached("INSERT OR IGNORE INTO bundle_content (hash, payload, signature) VALUES (?1, ?2, ?3)")?
        .execute(params![hash, payload, signature])?;
    Ok(())
}

/// A received bundle's signed payload and signature.
pub fn content(conn: &Connection, hash: &str) -> Result<Option<(Vec<u8>, String)>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT payload, signature FROM bundle_content WHERE hash = ?1")?
        .query_row([hash], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Records the newest own write a member bundle carried.
pub fn mark_export(conn: &Connection, hash: &str, through: &str) -> Result<(), StoreError> {
    conn.prepare_cached("INSERT OR REPLACE INTO export_mark (hash, through) VALUES (?1, ?2)")?
        .execute(params![hash, through])?;
    Ok(())
}

/// The newest write carried by any of these bundles, if this laptop made any of them.
pub fn marked_through(conn: &Connection, hashes: &[String]) -> Result<Option<String>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT through FROM export_mark WHERE hash = ?1")?;
    let mut newest: Option<String> = None;
    for hash in hashes {
        if let Some(through) = stmt.query_row([hash], |r| r.get::<_, String>(0)).optional()? {
            newest = newest.max(Some(through));
        }
    }
    Ok(newest)
}
