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

/// Any score at all in the round: its rubric is then locked.
pub fn has_scores(conn: &Connection, round: &str) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM review_score WHERE round_id = ?1)")?
        .query_row([round], |r| r.get(0))?)
}

pub fn put_rubric(conn: &Connection, round: &str, document: &str, at: DateTime<Utc>) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO review_rubric (round_id, document, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (round_id) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at",
    )?
    .execute(params![round, document, time_text(at)])?;
    Ok(())
}

pub fn rubric(conn: &Connection, round: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT document FROM review_rubric WHERE round_id = ?1")?
        .query_row([round], |r| r.get(0))
        .optional()?)
}

pub fn set_state(conn: &Connection, round: &str, state: &str) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE review_round SET state = ?2 WHERE id = ?1")?.execute([round, state])?;
    Ok(())
}

/// A member of a round and what they review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub person: String,
    /// Reviews every application of the round (no subset assigned).
    pub assigns_all: bool,
    pub cap: Option<u32>,
}

pub fn member_rows(conn: &Connection, round: &str) -> Result<Vec<Member>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT person_id, assigns_all, cap FROM review_member WHERE round_id = ?1 ORDER BY person_id",
    )?;
    let rows = stmt.query_map([round], |r| Ok(Member { person: r.get(0)?, assigns_all: r.get(1)?, cap: r.get(2)? }))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Replaces what a member reviews: everything, or exactly `applications`.
pub fn set_assignment(
    conn: &Connection,
    round: &str,
    member: &Member,
    applications: &[String],
) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE review_member SET assigns_all = ?3, cap = ?4 WHERE round_id = ?1 AND person_id = ?2")?
        .execute(params![round, member.person, member.assigns_all, member.cap])?;
    conn.prepare_cached("DELETE FROM review_assignment WHERE round_id = ?1 AND person_id = ?2")?
        .execute([round, &member.person])?;
    let mut insert = conn.prepare_cached(
        "INSERT OR IGNORE INTO review_assignment (round_id, person_id, application_id) VALUES (?1, ?2, ?3)",
    )?;
    for application in applications {
        insert.execute([round, &member.person, application])?;
    }
    Ok(())
}

/// The explicit subsets: (person, application).
pub fn assignments(conn: &Connection, round: &str) -> Result<Vec<(String, String)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT person_id, application_id FROM review_assignment WHERE round_id = ?1 ORDER BY person_id, application_id",
    )?;
    let rows = stmt.query_map([round], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Absence {
    pub application: String,
    pub person: String,
    pub reason: String,
}

pub fn set_absence(
    conn: &Connection,
    round: &str,
    absence: &Absence,
    by: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO review_absence (round_id, application_id, person_id, reason, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![round, absence.application, absence.person, absence.reason, by, time_text(at)])?;
    Ok(())
}

pub fn absences(conn: &Connection, round: &str) -> Result<Vec<Absence>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT application_id, person_id, reason FROM review_absence WHERE round_id = ?1
         ORDER BY application_id, person_id",
    )?;
    let rows =
        stmt.query_map([round], |r| Ok(Absence { application: r.get(0)?, person: r.get(1)?, reason: r.get(2)? }))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recommendation {
    pub application: String,
    pub version: u32,
    /// `support`, `support_with_conditions`, `oppose` or `supplement`.
    pub kind: String,
    pub motivation: String,
    pub conditions: String,
    /// ISO date of the group's meeting.
    pub meeting_date: String,
    pub recorded_by: String,
    pub recorded_at: String,
}

/// Records a new version of the group's recommendation; returns its version.
pub fn add_recommendation(
    conn: &Connection,
    round: &str,
    rec: &Recommendation,
    at: DateTime<Utc>,
) -> Result<u32, StoreError> {
    let version: u32 = conn
        .prepare_cached(
            "SELECT coalesce(max(version), 0) + 1 FROM review_recommendation WHERE round_id = ?1 AND application_id = ?2",
        )?
        .query_row([round, &rec.application], |r| r.get(0))?;
    conn.prepare_cached(
        "INSERT INTO review_recommendation
         (round_id, application_id, version, kind, motivation, conditions, meeting_date, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        round,
        rec.application,
        version,
        rec.kind,
        rec.motivation,
        rec.conditions,
        rec.meeting_date,
        rec.recorded_by,
        time_text(at)
    ])?;
    Ok(version)
}

/// Every version of every recommendation in the round, oldest first per application.
pub fn recommendations(conn: &Connection, round: &str) -> Result<Vec<Recommendation>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT application_id, version, kind, motivation, conditions, meeting_date, recorded_by, recorded_at
         FROM review_recommendation WHERE round_id = ?1 ORDER BY application_id, version",
    )?;
    let rows = stmt.query_map([round], |r| {
        Ok(Recommendation {
            application: r.get(0)?,
            version: r.get(1)?,
            kind: r.get(2)?,
            motivation: r.get(3)?,
            conditions: r.get(4)?,
            meeting_date: r.get(5)?,
            recorded_by: r.get(6)?,
            recorded_at: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn put_draft(
    conn: &Connection,
    round: &str,
    application: &str,
    person: &str,
    document: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO review_draft (round_id, application_id, person_id, document, saved_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![round, application, person, document, time_text(at)])?;
    Ok(())
}

/// A member's drafts in the round: (application, document).
pub fn drafts(conn: &Connection, round: &str, person: &str) -> Result<Vec<(String, String)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT application_id, document FROM review_draft WHERE round_id = ?1 AND person_id = ?2 ORDER BY application_id",
    )?;
    let rows = stmt.query_map([round, person], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn delete_draft(conn: &Connection, round: &str, application: &str, person: &str) -> Result<(), StoreError> {
    conn.prepare_cached("DELETE FROM review_draft WHERE round_id = ?1 AND application_id = ?2 AND person_id = ?3")?
        .execute([round, application, person])?;
    Ok(())
}

pub fn put_frozen(conn: &Connection, round: &str, application: &str, valuation: &str) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO review_frozen (round_id, application_id, valuation) VALUES (?1, ?2, ?3)",
    )?
    .execute([round, application, valuation])?;
    Ok(())
}

/// The valuation summaries frozen into the round on this laptop: (application, JSON).
pub fn frozen(conn: &Connection, round: &str) -> Result<Vec<(String, String)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT application_id, valuation FROM review_frozen WHERE round_id = ?1 ORDER BY application_id",
    )?;
    let rows = stmt.query_map([round], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every version of every score in the round, with when it was submitted, in order.
pub fn score_history(conn: &Connection, round: &str) -> Result<Vec<(StoredScore, String)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT application_id, person_id, version, score, total, submitted_at FROM review_score
         WHERE round_id = ?1 ORDER BY application_id, person_id, version",
    )?;
    let rows = stmt.query_map([round], |r| {
        Ok((
            StoredScore {
                application: r.get(0)?,
                person: r.get(1)?,
                version: r.get(2)?,
                score: r.get(3)?,
                total: r.get(4)?,
            },
            r.get(5)?,
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A version that arrives from the member's laptop: stored under the member's own version
/// number. `Ok(false)` when that version is already here with the same content.
pub fn put_score_version(
    conn: &Connection,
    round: &str,
    score: &StoredScore,
    submitted_at: &str,
) -> Result<Option<bool>, StoreError> {
    let held: Option<String> = conn
        .prepare_cached(
            "SELECT score FROM review_score
             WHERE round_id = ?1 AND application_id = ?2 AND person_id = ?3 AND version = ?4",
        )?
        .query_row(params![round, score.application, score.person, score.version], |r| r.get(0))
        .optional()?;
    match held {
        Some(document) if document == score.score => Ok(Some(false)),
        // The same version with other content: the caller refuses the bundle.
        Some(_) => Ok(None),
        None => {
            conn.prepare_cached(
                "INSERT INTO review_score (round_id, application_id, person_id, version, score, total, submitted_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                round,
                score.application,
                score.person,
                score.version,
                score.score,
                score.total,
                submitted_at
            ])?;
            Ok(Some(true))
        }
    }
}

/// The newest totals of one application's scores in a round: (person, total, criteria).
pub fn latest_totals(conn: &Connection, round: &str, application: &str) -> Result<Vec<(String, String)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.person_id, s.total FROM review_score s
         WHERE s.round_id = ?1 AND s.application_id = ?2 AND s.version = (SELECT max(version) FROM review_score x
             WHERE x.round_id = s.round_id AND x.application_id = s.application_id AND x.person_id = s.person_id)
         ORDER BY s.person_id",
    )?;
    let rows = stmt.query_map([round, application], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One application's aggregate, as maintained on every score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    pub application: String,
    pub scores: u32,
    /// Criterion levels behind the scores (scores × criteria).
    pub criteria: u32,
    pub mean: String,
    pub median: String,
    pub min: String,
    pub max: String,
    pub spread: String,
    pub std_dev: String,
    pub disagreement: bool,
}

pub fn put_tally(conn: &Connection, round: &str, t: &Tally) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO review_tally
         (round_id, application_id, scores, criteria, mean, median, min, max, spread, std_dev, disagreement)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (round_id, application_id) DO UPDATE SET scores = excluded.scores,
             criteria = excluded.criteria, mean = excluded.mean, median = excluded.median, min = excluded.min,
             max = excluded.max, spread = excluded.spread, std_dev = excluded.std_dev,
             disagreement = excluded.disagreement",
    )?
    .execute(params![
        round,
        t.application,
        t.scores,
        t.criteria,
        t.mean,
        t.median,
        t.min,
        t.max,
        t.spread,
        t.std_dev,
        t.disagreement
    ])?;
    Ok(())
}

pub fn tallies(conn: &Connection, round: &str) -> Result<Vec<Tally>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT application_id, scores, criteria, mean, median, min, max, spread, std_dev, disagreement
         FROM review_tally WHERE round_id = ?1 ORDER BY application_id",
    )?;
    let rows = stmt.query_map([round], |r| {
        Ok(Tally {
            application: r.get(0)?,
            scores: r.get(1)?,
            criteria: r.get(2)?,
            mean: r.get(3)?,
            median: r.get(4)?,
            min: r.get(5)?,
            max: r.get(6)?,
            spread: r.get(7)?,
            std_dev: r.get(8)?,
            disagreement: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Per round, from the totals the triggers keep: applications scored, scores, criterion
/// levels and disagreements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundTally {
    pub round: String,
    pub scored: u64,
    pub scores: u64,
    pub criteria: u64,
    pub disagreements: u64,
}

pub fn round_tallies(conn: &Connection) -> Result<Vec<RoundTally>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT round_id, scored, scores, criteria, disagreements FROM review_round_tally ORDER BY round_id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(RoundTally {
            round: r.get(0)?,
            scored: r.get(1)?,
            scores: r.get(2)?,
            criteria: r.get(3)?,
            disagreements: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
