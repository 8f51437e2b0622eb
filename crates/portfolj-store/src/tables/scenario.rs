//! The office's named prioritisation scenarios and the adopted proposals (förslag), each
//! adoption a new version.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::StoreError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scenario {
    pub id: String,
    pub portfolio: u8,
    pub year: i32,
    pub name: String,
    pub settings: String,
    pub saved_by: String,
    pub saved_at: String,
}

const SCENARIO: &str = "SELECT id, portfolio, year, name, settings, saved_by, saved_at FROM scenario";

fn scenario_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<Scenario> {
    Ok(Scenario {
        id: r.get(0)?,
        portfolio: r.get(1)?,
        year: r.get(2)?,
        name: r.get(3)?,
        settings: r.get(4)?,
        saved_by: r.get(5)?,
        saved_at: r.get(6)?,
    })
}

/// Stores a scenario, replacing the one with the same id. `Ok(false)` when another scenario
/// of the portfolio and year already has the name.
pub fn put(conn: &Connection, s: &Scenario, at: DateTime<Utc>) -> Result<bool, StoreError> {
    let taken: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM scenario WHERE portfolio = ?1 AND year = ?2 AND name = ?3 AND id <> ?4)",
        )?
        .query_row(params![s.portfolio, s.year, s.name, s.id], |r| r.get(0))?;
    if taken {
        return Ok(false);
    }
    conn.prepare_cached(
        "INSERT INTO scenario (id, portfolio, year, name, settings, saved_by, saved_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, settings = excluded.settings,
             saved_by = excluded.saved_by, saved_at = excluded.saved_at",
    )?
    .execute(params![s.id, s.portfolio, s.year, s.name, s.settings, s.saved_by, super::time_text(at)])?;
    Ok(true)
}

pub fn get(conn: &Connection, id: &str) -> Result<Option<Scenario>, StoreError> {
    Ok(conn.prepare_cached(&format!("{SCENARIO} WHERE id = ?1"))?.query_row([id], scenario_of).optional()?)
}

/// A portfolio's scenarios for a year, by name.
pub fn of(conn: &Connection, portfolio: u8, year: i32) -> Result<Vec<Scenario>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("{SCENARIO} WHERE portfolio = ?1 AND year = ?2 ORDER BY name"))?;
    Ok(stmt.query_map(params![portfolio, year], scenario_of)?.collect::<Result<_, _>>()?)
}

pub fn delete(conn: &Connection, id: &str) -> Result<bool, StoreError> {
    Ok(conn.prepare_cached("DELETE FROM scenario WHERE id = ?1")?.execute([id])? > 0)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub portfolio: u8,
    pub year: i32,
    pub version: u32,
    pub scenario_id: Option<String>,
    pub scenario_name: String,
    pub settings: String,
    pub selection: String,
    pub adopted_by: String,
    pub adopted_at: String,
}

/// Records an adopted proposal as the portfolio's newest for the year; returns its version.
pub fn adopt(conn: &Connection, p: &Proposal, at: DateTime<Utc>) -> Result<u32, StoreError> {
    let version: u32 = conn
        .prepare_cached("SELECT coalesce(max(version), 0) + 1 FROM proposal WHERE portfolio = ?1 AND year = ?2")?
        .query_row(params![p.portfolio, p.year], |r| r.get(0))?;
    conn.prepare_cached(
        "INSERT INTO proposal (portfolio, year, version, scenario_id, scenario_name, settings, selection, adopted_by, adopted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        p.portfolio,
        p.year,
        version,
        p.scenario_id,
        p.scenario_name,
        p.settings,
        p.selection,
        p.adopted_by,
        super::time_text(at)
    ])?;
    Ok(version)
}

/// The newest adopted proposal of a portfolio for a year.
pub fn latest(conn: &Connection, portfolio: u8, year: i32) -> Result<Option<Proposal>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT portfolio, year, version, scenario_id, scenario_name, settings, selection, adopted_by, adopted_at
             FROM proposal WHERE portfolio = ?1 AND year = ?2 ORDER BY version DESC LIMIT 1",
        )?
        .query_row(params![portfolio, year], |r| {
            Ok(Proposal {
                portfolio: r.get(0)?,
                year: r.get(1)?,
                version: r.get(2)?,
                scenario_id: r.get(3)?,
                scenario_name: r.get(4)?,
                settings: r.get(5)?,
                selection: r.get(6)?,
                adopted_by: r.get(7)?,
                adopted_at: r.get(8)?,
            })
        })
        .optional()?)
}
