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
