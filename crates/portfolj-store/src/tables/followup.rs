//! Final reports and follow-ups (effekthemtagning), as stored.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension as _, params};

use super::time_text;
use crate::StoreError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinalReport {
    pub application: String,
    pub delivered: String,
    pub final_cost_ore: i64,
    pub cost_explanation: String,
    pub lessons: String,
    /// ISO dates.
    pub owner_accepted_on: String,
    pub closed_on: String,
    pub recorded_by: String,
    pub recorded_at: String,
}

pub fn put_final_report(conn: &Connection, r: &FinalReport, at: DateTime<Utc>) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO final_report (application_id, delivered, final_cost_ore, cost_explanation, lessons,
         owner_accepted_on, closed_on, recorded_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        r.application,
        r.delivered,
        r.final_cost_ore,
        r.cost_explanation,
        r.lessons,
        r.owner_accepted_on,
        r.closed_on,
        r.recorded_by,
        time_text(at)
    ])?;
    Ok(())
}

const FINAL_REPORT: &str = "SELECT application_id, delivered, final_cost_ore, cost_explanation, lessons,
    owner_accepted_on, closed_on, recorded_by, recorded_at FROM final_report";

fn final_report_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<FinalReport> {
    Ok(FinalReport {
        application: r.get(0)?,
        delivered: r.get(1)?,
        final_cost_ore: r.get(2)?,
        cost_explanation: r.get(3)?,
        lessons: r.get(4)?,
        owner_accepted_on: r.get(5)?,
        closed_on: r.get(6)?,
        recorded_by: r.get(7)?,
        recorded_at: r.get(8)?,
    })
}

pub fn final_report(conn: &Connection, application: &str) -> Result<Option<FinalReport>, StoreError> {
    Ok(conn
        .prepare_cached(&format!("{FINAL_REPORT} WHERE application_id = ?1"))?
        .query_row([application], final_report_row)
        .optional()?)
}

/// Every final report, by closing date.
pub fn final_reports(conn: &Connection) -> Result<Vec<FinalReport>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("{FINAL_REPORT} ORDER BY closed_on, application_id"))?;
    let rows = stmt.query_map([], final_report_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpLine {
    pub line: u32,
    pub name: String,
    pub kind: String,
    pub budget_releasing: bool,
    /// Exact decimal kronor; `None` for a qualitative line.
    pub valued: Option<String>,
    pub realised_ore: Option<i64>,
    pub evidence: String,
    pub budget_reduced: bool,
    pub deviation: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    pub application: String,
    pub valuation: String,
    pub compared_year: i32,
    pub summary: String,
    pub recorded_by: String,
    pub recorded_at: String,
    pub lines: Vec<FollowUpLine>,
}

pub fn put_follow_up(conn: &Connection, f: &FollowUp, at: DateTime<Utc>) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO follow_up (application_id, valuation_id, compared_year, summary, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![f.application, f.valuation, f.compared_year, f.summary, f.recorded_by, time_text(at)])?;
    let mut line = conn.prepare_cached(
        "INSERT INTO follow_up_line (application_id, line, name, kind, budget_releasing, valued, realised_ore,
         evidence, budget_reduced, deviation) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for l in &f.lines {
        line.execute(params![
            f.application,
            l.line,
            l.name,
            l.kind,
            l.budget_releasing,
            l.valued,
            l.realised_ore,
            l.evidence,
            l.budget_reduced,
            l.deviation
        ])?;
    }
    Ok(())
}

fn lines_of(conn: &Connection, application: &str) -> Result<Vec<FollowUpLine>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT line, name, kind, budget_releasing, valued, realised_ore, evidence, budget_reduced, deviation
         FROM follow_up_line WHERE application_id = ?1 ORDER BY line",
    )?;
    let rows = stmt.query_map([application], |r| {
        Ok(FollowUpLine {
            line: r.get(0)?,
            name: r.get(1)?,
            kind: r.get(2)?,
            budget_releasing: r.get(3)?,
            valued: r.get(4)?,
            realised_ore: r.get(5)?,
            evidence: r.get(6)?,
            budget_reduced: r.get(7)?,
            deviation: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

const FOLLOW_UP: &str =
    "SELECT application_id, valuation_id, compared_year, summary, recorded_by, recorded_at FROM follow_up";

fn follow_up_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<FollowUp> {
    Ok(FollowUp {
        application: r.get(0)?,
        valuation: r.get(1)?,
        compared_year: r.get(2)?,
        summary: r.get(3)?,
        recorded_by: r.get(4)?,
        recorded_at: r.get(5)?,
        lines: Vec::new(),
    })
}

pub fn follow_up(conn: &Connection, application: &str) -> Result<Option<FollowUp>, StoreError> {
    let found = conn
        .prepare_cached(&format!("{FOLLOW_UP} WHERE application_id = ?1"))?
        .query_row([application], follow_up_row)
        .optional()?;
    found.map(|f| Ok(FollowUp { lines: lines_of(conn, &f.application)?, ..f })).transpose()
}

/// Every follow-up with its lines.
pub fn follow_ups(conn: &Connection) -> Result<Vec<FollowUp>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("{FOLLOW_UP} ORDER BY application_id"))?;
    let found: Vec<FollowUp> = stmt.query_map([], follow_up_row)?.collect::<Result<_, _>>()?;
    found.into_iter().map(|f| Ok(FollowUp { lines: lines_of(conn, &f.application)?, ..f })).collect()
}
