//! The work around an application: frozen versions, the komplettering thread and coach
//! notes. Version content is a JSON document whose format belongs to portfolj-api.

use chrono::{DateTime, Utc};
use portfolj_core::{ApplicationId, PersonId};
use rusqlite::{Connection, OptionalExtension, params};

use super::{parse_id, parse_time, time_text};
use crate::StoreError;

/// A frozen version as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub number: u32,
    pub frozen_at: DateTime<Utc>,
    pub frozen_by: PersonId,
    pub frozen_by_name: String,
    pub content: String,
}

/// Freezes the next version of an application and returns its number.
pub fn freeze(
    conn: &Connection,
    id: ApplicationId,
    at: DateTime<Utc>,
    by: PersonId,
    content: &str,
) -> Result<u32, StoreError> {
    let number: u32 = conn
        .prepare_cached("SELECT coalesce(max(number), 0) + 1 FROM application_version WHERE application_id = ?1")?
        .query_row([id.to_string()], |r| r.get(0))?;
    conn.prepare_cached(
        "INSERT INTO application_version (application_id, number, frozen_at, frozen_by, content) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![id.to_string(), number, time_text(at), by.to_string(), content])?;
    Ok(number)
}

const VERSION_COLUMNS: &str = "v.number, v.frozen_at, v.frozen_by, p.name, v.content
     FROM application_version v JOIN person p ON p.id = v.frozen_by";

fn read_version(row: &rusqlite::Row<'_>) -> rusqlite::Result<(u32, String, String, String, String)> {
    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?))
}

fn into_version(raw: (u32, String, String, String, String)) -> Result<Version, StoreError> {
    let (number, at, by, frozen_by_name, content) = raw;
    Ok(Version {
        number,
        frozen_at: parse_time("application_version.frozen_at", &at)?,
        frozen_by: parse_id("application_version.frozen_by", &by)?,
        frozen_by_name,
        content,
    })
}

/// Every version, oldest first.
pub fn versions(conn: &Connection, id: ApplicationId) -> Result<Vec<Version>, StoreError> {
    let sql = format!("SELECT {VERSION_COLUMNS} WHERE v.application_id = ?1 ORDER BY v.number");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([id.to_string()], read_version)?;
    rows.map(|r| into_version(r?)).collect()
}

pub fn version(conn: &Connection, id: ApplicationId, number: u32) -> Result<Option<Version>, StoreError> {
    let sql = format!("SELECT {VERSION_COLUMNS} WHERE v.application_id = ?1 AND v.number = ?2");
    conn.query_row(&sql, params![id.to_string(), number], read_version).optional()?.map(into_version).transpose()
}

/// A message of the komplettering thread, or a coach note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub at: DateTime<Utc>,
    pub author: PersonId,
    pub author_name: String,
    /// `question` or `answer` in the thread; `note` for coach notes.
    pub kind: String,
    pub body: String,
}

pub fn add_message(
    conn: &Connection,
    id: ApplicationId,
    at: DateTime<Utc>,
    author: PersonId,
    kind: &str,
    body: &str,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO application_message (application_id, at, author_id, kind, body) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![id.to_string(), time_text(at), author.to_string(), kind, body])?;
    Ok(())
}

pub fn add_note(
    conn: &Connection,
    id: ApplicationId,
    at: DateTime<Utc>,
    author: PersonId,
    body: &str,
) -> Result<(), StoreError> {
    conn.prepare_cached("INSERT INTO coach_note (application_id, at, author_id, body) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![id.to_string(), time_text(at), author.to_string(), body])?;
    Ok(())
}

/// The komplettering thread, oldest first.
pub fn thread(conn: &Connection, id: ApplicationId) -> Result<Vec<Message>, StoreError> {
    messages(
        conn,
        "SELECT m.at, m.author_id, p.name, m.kind, m.body FROM application_message m JOIN person p ON p.id = m.author_id WHERE m.application_id = ?1 ORDER BY m.id",
        id,
    )
}

/// Coach notes, oldest first.
pub fn notes(conn: &Connection, id: ApplicationId) -> Result<Vec<Message>, StoreError> {
    messages(
        conn,
        "SELECT n.at, n.author_id, p.name, 'note', n.body FROM coach_note n JOIN person p ON p.id = n.author_id WHERE n.application_id = ?1 ORDER BY n.id",
        id,
    )
}

fn messages(conn: &Connection, sql: &str, id: ApplicationId) -> Result<Vec<Message>, StoreError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([id.to_string()], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get(2)?, row.get(3)?, row.get(4)?))
    })?;
    rows.map(|row| {
        let (at, author, author_name, kind, body) = row?;
        Ok(Message {
            at: parse_time("message.at", &at)?,
            author: parse_id("message.author_id", &author)?,
            author_name,
            kind,
            body,
        })
    })
    .collect()
}

/// An attachment's description (its content is read separately).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub id: String,
    pub name: String,
    pub media_type: String,
    pub size: i64,
    pub sha256: String,
    pub added_at: DateTime<Utc>,
    pub added_by_name: String,
}

/// A new attachment as it is stored.
#[derive(Debug, Clone, Copy)]
pub struct NewAttachment<'a> {
    pub id: &'a str,
    pub application: ApplicationId,
    pub name: &'a str,
    pub media_type: &'a str,
    pub sha256: &'a str,
    pub content: &'a [u8],
    pub at: DateTime<Utc>,
    pub by: PersonId,
}

pub fn add_attachment(conn: &Connection, a: &NewAttachment<'_>) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO attachment (id, application_id, name, media_type, size, sha256, content, added_at, added_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        a.id,
        a.application.to_string(),
        a.name,
        a.media_type,
        i64::try_from(a.content.len()).unwrap_or(i64::MAX),
        a.sha256,
        a.content,
        time_text(a.at),
        a.by.to_string()
    ])?;
    Ok(())
}

/// The working copy's attachments (not removed), oldest first.
pub fn attachments(conn: &Connection, id: ApplicationId) -> Result<Vec<Attachment>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.name, a.media_type, a.size, a.sha256, a.added_at, p.name
         FROM attachment a JOIN person p ON p.id = a.added_by
         WHERE a.application_id = ?1 AND a.removed_at IS NULL ORDER BY a.added_at, a.id",
    )?;
    let rows = stmt.query_map([id.to_string()], |row| {
        Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get::<_, String>(5)?, row.get(6)?))
    })?;
    rows.map(|row| {
        let (id, name, media_type, size, sha256, added_at, added_by_name) = row?;
        Ok(Attachment {
            id,
            name,
            media_type,
            size,
            sha256,
            added_at: parse_time("attachment.added_at", &added_at)?,
            added_by_name,
        })
    })
    .collect()
}

/// A stored file: the application it belongs to, its name, media type and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentContent {
    pub application: ApplicationId,
    pub name: String,
    pub media_type: String,
    pub content: Vec<u8>,
}

/// An attachment's content, also when removed (a frozen version may still show it).
pub fn attachment_content(conn: &Connection, id: &str) -> Result<Option<AttachmentContent>, StoreError> {
    let found = conn
        .prepare_cached("SELECT application_id, name, media_type, content FROM attachment WHERE id = ?1")?
        .query_row([id], |row| Ok((row.get::<_, String>(0)?, row.get(1)?, row.get(2)?, row.get(3)?)))
        .optional()?;
    found
        .map(|(app, name, media_type, content)| {
            Ok(AttachmentContent {
                application: parse_id("attachment.application_id", &app)?,
                name,
                media_type,
                content,
            })
        })
        .transpose()
}

/// Removes an attachment from the working copy; returns whether there was one to remove.
pub fn remove_attachment(
    conn: &Connection,
    application: ApplicationId,
    id: &str,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let changed = conn
        .prepare_cached(
            "UPDATE attachment SET removed_at = ?3 WHERE id = ?2 AND application_id = ?1 AND removed_at IS NULL",
        )?
        .execute(params![application.to_string(), id, time_text(at)])?;
    Ok(changed == 1)
}
