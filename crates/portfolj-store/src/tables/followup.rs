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

/// A status report as stored; money in öre, dates ISO.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusReport {
    pub id: String,
    pub application: String,
    pub period_start: String,
    pub period_end: String,
    pub time_light: String,
    pub cost_light: String,
    pub scope_light: String,
    pub spent_ore: i64,
    pub forecast_ore: i64,
    pub milestones: String,
    pub risks: String,
    pub comment: String,
    pub correction_reason: String,
    pub author: String,
    pub written_at: String,
}

/// Stores a report; one already here (the same id, arriving again in a bundle) is kept as
/// it is. Returns whether it was new.
pub fn add_status_report(conn: &Connection, r: &StatusReport) -> Result<bool, StoreError> {
    let added = conn
        .prepare_cached(
            "INSERT INTO status_report (id, application_id, period_start, period_end, time_light, cost_light,
             scope_light, spent_ore, forecast_ore, milestones, risks, comment, correction_reason, author_id,
             written_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
             ON CONFLICT (id) DO NOTHING",
        )?
        .execute(params![
            r.id,
            r.application,
            r.period_start,
            r.period_end,
            r.time_light,
            r.cost_light,
            r.scope_light,
            r.spent_ore,
            r.forecast_ore,
            r.milestones,
            r.risks,
            r.comment,
            r.correction_reason,
            r.author,
            r.written_at
        ])?;
    Ok(added == 1)
}

const STATUS_REPORT: &str = "SELECT id, application_id, period_start, period_end, time_light, cost_light, scope_light,
    spent_ore, forecast_ore, milestones, risks, comment, correction_reason, author_id, written_at FROM status_report";

fn status_report_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StatusReport> {
    Ok(StatusReport {
        id: r.get(0)?,
        application: r.get(1)?,
        period_start: r.get(2)?,
        period_end: r.get(3)?,
        time_light: r.get(4)?,
        cost_light: r.get(5)?,
        scope_light: r.get(6)?,
        spent_ore: r.get(7)?,
        forecast_ore: r.get(8)?,
        milestones: r.get(9)?,
        risks: r.get(10)?,
        comment: r.get(11)?,
        correction_reason: r.get(12)?,
        author: r.get(13)?,
        written_at: r.get(14)?,
    })
}

/// An application's status reports, oldest first.
pub fn status_reports(conn: &Connection, application: &str) -> Result<Vec<StatusReport>, StoreError> {
    let mut stmt =
        conn.prepare_cached(&format!("{STATUS_REPORT} WHERE application_id = ?1 ORDER BY written_at, id"))?;
    let rows = stmt.query_map([application], status_report_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The reports a person wrote, oldest first: what their laptop sends the office.
pub fn status_reports_by(conn: &Connection, author: &str) -> Result<Vec<StatusReport>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("{STATUS_REPORT} WHERE author_id = ?1 ORDER BY written_at, id"))?;
    let rows = stmt.query_map([author], status_report_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Each application's spent to date by its newest report (the newest period, then the
/// newest written), in öre.
pub fn latest_spent(conn: &Connection) -> Result<Vec<(String, i64)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT application_id, spent_ore FROM (
             SELECT application_id, spent_ore, row_number() OVER (
                 PARTITION BY application_id ORDER BY period_start DESC, written_at DESC) AS newest
             FROM status_report)
         WHERE newest = 1 ORDER BY application_id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
