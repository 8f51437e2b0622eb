//! Decisions per application, every version kept.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::time_text;
use crate::StoreError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub application: String,
    pub version: u32,
    /// `granted`, `rejected` or `referred_back`.
    pub kind: String,
    pub granted_ore: Option<i64>,
    pub conditions: String,
    pub case_number: String,
    /// ISO date.
    pub decided_on: String,
    pub decider: String,
    pub reason: String,
    pub recorded_by: String,
    pub recorded_at: String,
}

/// Records the next version of an application's decision; returns its version.
pub fn add(conn: &Connection, d: &Decision, at: DateTime<Utc>) -> Result<u32, StoreError> {
    let version: u32 = conn
        .prepare_cached("SELECT coalesce(max(version), 0) + 1 FROM decision WHERE application_id = ?1")?
        .query_row([&d.application], |r| r.get(0))?;
    conn.prepare_cached(
        "INSERT INTO decision (application_id, version, kind, granted_ore, conditions, case_number, decided_on,
         decider_id, reason, recorded_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        d.application,
        version,
        d.kind,
        d.granted_ore,
        d.conditions,
        d.case_number,
        d.decided_on,
        d.decider,
        d.reason,
        d.recorded_by,
        time_text(at)
    ])?;
    Ok(version)
}

const COLUMNS: &str = "SELECT application_id, version, kind, granted_ore, conditions, case_number, decided_on,
    decider_id, reason, recorded_by, recorded_at FROM decision d";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Decision> {
    Ok(Decision {
        application: r.get(0)?,
        version: r.get(1)?,
        kind: r.get(2)?,
        granted_ore: r.get(3)?,
        conditions: r.get(4)?,
        case_number: r.get(5)?,
        decided_on: r.get(6)?,
        decider: r.get(7)?,
        reason: r.get(8)?,
        recorded_by: r.get(9)?,
        recorded_at: r.get(10)?,
    })
}

/// Every version of an application's decision, oldest first.
pub fn of_application(conn: &Connection, application: &str) -> Result<Vec<Decision>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("{COLUMNS} WHERE application_id = ?1 ORDER BY version"))?;
    let rows = stmt.query_map([application], row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The newest version of every application's decision, by application.
pub fn latest(conn: &Connection) -> Result<Vec<Decision>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "{COLUMNS} WHERE version = (SELECT max(version) FROM decision x WHERE x.application_id = d.application_id)
         ORDER BY application_id"
    ))?;
    let rows = stmt.query_map([], row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}
