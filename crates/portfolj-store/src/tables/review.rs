//! Review rounds, members, declared jäv and every version of every score.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::time_text;
use crate::StoreError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    pub id: String,
    pub portfolio: u8,
    pub year: i32,
    pub rubric: String,
    /// `open` or `closed`.
    pub state: String,
}

fn round_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Round> {
    Ok(Round { id: r.get(0)?, portfolio: r.get(1)?, year: r.get(2)?, rubric: r.get(3)?, state: r.get(4)? })
}

/// Creates a round; `false` when the portfolio already has one that year.
pub fn insert_round(conn: &Connection, round: &Round, at: DateTime<Utc>) -> Result<bool, StoreError> {
    let added = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO review_round (id, portfolio, year, rubric, state, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![round.id, round.portfolio, round.year, round.rubric, round.state, time_text(at)])?;
    Ok(added == 1)
}

pub fn rounds(conn: &Connection) -> Result<Vec<Round>, StoreError> {
    let mut stmt = conn
        .prepare_cached("SELECT id, portfolio, year, rubric, state FROM review_round ORDER BY year DESC, portfolio")?;
    let rows = stmt.query_map([], round_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn round(conn: &Connection, id: &str) -> Result<Option<Round>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT id, portfolio, year, rubric, state FROM review_round WHERE id = ?1")?
        .query_row([id], round_row)
        .optional()?)
}

pub fn add_member(conn: &Connection, round: &str, person: &str) -> Result<(), StoreError> {
    conn.prepare_cached("INSERT OR IGNORE INTO review_member (round_id, person_id) VALUES (?1, ?2)")?
        .execute([round, person])?;
    Ok(())
}

pub fn members(conn: &Connection, round: &str) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT person_id FROM review_member WHERE round_id = ?1 ORDER BY person_id")?;
    let rows = stmt.query_map([round], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclaredJav {
    pub application: String,
    pub person: String,
    pub kind: String,
    pub motivation: String,
}

pub fn declare_jav(
    conn: &Connection,
    round: &str,
    jav: &DeclaredJav,
    by: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO review_jav (round_id, application_id, person_id, kind, motivation, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![round, jav.application, jav.person, jav.kind, jav.motivation, by, time_text(at)])?;
    Ok(())
}

pub fn declared_jav(conn: &Connection, round: &str) -> Result<Vec<DeclaredJav>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT application_id, person_id, kind, motivation FROM review_jav WHERE round_id = ?1
         ORDER BY application_id, person_id, kind",
    )?;
    let rows = stmt.query_map([round], |r| {
        Ok(DeclaredJav { application: r.get(0)?, person: r.get(1)?, kind: r.get(2)?, motivation: r.get(3)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredScore {
    pub application: String,
    pub person: String,
    pub version: u32,
    pub score: String,
    pub total: String,
}

/// Stores a new version of a member's score; earlier versions stay.
pub fn add_score(
    conn: &Connection,
    round: &str,
    application: &str,
    person: &str,
    score: &str,
    total: &str,
    at: DateTime<Utc>,
) -> Result<u32, StoreError> {
    let version: u32 = conn
        .prepare_cached(
            "SELECT coalesce(max(version), 0) + 1 FROM review_score
             WHERE round_id = ?1 AND application_id = ?2 AND person_id = ?3",
        )?
        .query_row([round, application, person], |r| r.get(0))?;
    conn.prepare_cached(
        "INSERT INTO review_score (round_id, application_id, person_id, version, score, total, submitted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![round, application, person, version, score, total, time_text(at)])?;
    Ok(version)
}

/// Each member's newest score per application in the round.
pub fn latest_scores(conn: &Connection, round: &str) -> Result<Vec<StoredScore>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.application_id, s.person_id, s.version, s.score, s.total FROM review_score s
         WHERE s.round_id = ?1 AND s.version = (SELECT max(version) FROM review_score x
             WHERE x.round_id = s.round_id AND x.application_id = s.application_id AND x.person_id = s.person_id)
         ORDER BY s.application_id, s.person_id",
    )?;
    let rows = stmt.query_map([round], |r| {
        Ok(StoredScore {
            application: r.get(0)?,
            person: r.get(1)?,
            version: r.get(2)?,
            score: r.get(3)?,
            total: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
