//! Frames per portfolio and year, with their optional sub-frames.

use std::collections::HashMap;

use portfolj_core::{Frame, Portfolio, PortfolioPart, Sek, SubFrame};
use rusqlite::{Connection, params};

use crate::StoreError;
use crate::codes::Code;

/// Stores a frame, replacing an earlier one for the same portfolio and year.
pub fn put(conn: &Connection, frame: &Frame) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO frame (portfolio, year, amount_ore) VALUES (?1, ?2, ?3)
         ON CONFLICT (portfolio, year) DO UPDATE SET amount_ore = excluded.amount_ore",
    )?
    .execute(params![frame.portfolio.number(), frame.year, frame.amount.to_ore()])?;
    conn.prepare_cached("DELETE FROM sub_frame WHERE portfolio = ?1 AND year = ?2")?
        .execute(params![frame.portfolio.number(), frame.year])?;
    let mut sub =
        conn.prepare_cached("INSERT INTO sub_frame (portfolio, year, part, amount_ore) VALUES (?1, ?2, ?3, ?4)")?;
    for s in &frame.sub_frames {
        sub.execute(params![frame.portfolio.number(), frame.year, s.part.code(), s.amount.to_ore()])?;
    }
    Ok(())
}

/// All frames, by portfolio and year.
pub fn all(conn: &Connection) -> Result<Vec<Frame>, StoreError> {
    let mut subs: HashMap<(i64, i32), Vec<SubFrame>> = HashMap::new();
    let mut stmt =
        conn.prepare_cached("SELECT portfolio, year, part, amount_ore FROM sub_frame ORDER BY portfolio, year, part")?;
    let rows = stmt.query_map([], |row| {
        Ok((row.get::<_, i64>(0)?, row.get::<_, i32>(1)?, row.get::<_, String>(2)?, row.get::<_, i64>(3)?))
    })?;
    for row in rows {
        let (portfolio, year, part, ore) = row?;
        let sub = SubFrame { part: PortfolioPart::from_code(&part)?, amount: sek(ore)? };
        subs.entry((portfolio, year)).or_default().push(sub);
    }
    let mut stmt = conn.prepare_cached("SELECT portfolio, year, amount_ore FROM frame ORDER BY portfolio, year")?;
    let rows = stmt.query_map([], |row| Ok((row.get::<_, i64>(0)?, row.get::<_, i32>(1)?, row.get::<_, i64>(2)?)))?;
    rows.map(|row| {
        let (number, year, ore) = row?;
        let mut sub_frames = subs.remove(&(number, year)).unwrap_or_default();
        sub_frames.sort_by_key(|s| s.part);
        Ok(Frame { portfolio: portfolio(number)?, year, amount: sek(ore)?, sub_frames })
    })
    .collect()
}

pub(crate) fn portfolio(number: i64) -> Result<Portfolio, StoreError> {
    Portfolio::from_number(number).ok_or_else(|| StoreError::corrupt("portfolio", number))
}

pub(crate) fn sek(ore: i64) -> Result<Sek, StoreError> {
    Sek::from_ore(ore).map_err(|e| StoreError::corrupt("amount_ore", e))
}

/// One recorded change of a frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameChange {
    pub version: u32,
    pub amount_ore: i64,
    pub sub_frames: String,
    pub reason: String,
    pub changed_by: String,
    pub changed_at: String,
}

/// Records the frame as it became, with why; returns the version.
pub fn record_change(
    conn: &Connection,
    portfolio: Portfolio,
    year: i32,
    change: &FrameChange,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<u32, StoreError> {
    let version: u32 = conn
        .prepare_cached("SELECT coalesce(max(version), 0) + 1 FROM frame_change WHERE portfolio = ?1 AND year = ?2")?
        .query_row(params![portfolio.number(), year], |r| r.get(0))?;
    conn.prepare_cached(
        "INSERT INTO frame_change (portfolio, year, version, amount_ore, sub_frames, reason, changed_by, changed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        portfolio.number(),
        year,
        version,
        change.amount_ore,
        change.sub_frames,
        change.reason,
        change.changed_by,
        super::time_text(at)
    ])?;
    Ok(version)
}

/// Every recorded change of one frame, oldest first.
pub fn changes(conn: &Connection, portfolio: Portfolio, year: i32) -> Result<Vec<FrameChange>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT version, amount_ore, sub_frames, reason, changed_by, changed_at FROM frame_change
         WHERE portfolio = ?1 AND year = ?2 ORDER BY version",
    )?;
    let rows = stmt.query_map(params![portfolio.number(), year], |r| {
        Ok(FrameChange {
            version: r.get(0)?,
            amount_ore: r.get(1)?,
            sub_frames: r.get(2)?,
            reason: r.get(3)?,
            changed_by: r.get(4)?,
            changed_at: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
