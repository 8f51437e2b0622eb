//! The programme row and its fixed reference data: focus areas and council goals.

use portfolj_core::{CouncilGoal, Portfolio, Programme};
use rusqlite::{Connection, OptionalExtension, params};

use crate::StoreError;

/// Stores the programme with the five focus areas and the three council goals.
pub fn put(conn: &Connection, programme: &Programme) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO programme (id, name, first_year, last_year) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name,
             first_year = excluded.first_year, last_year = excluded.last_year",
        params![programme.name, programme.first_year, programme.last_year],
    )?;
    let mut area =
        conn.prepare_cached("INSERT OR REPLACE INTO focus_area (portfolio, name, short_name) VALUES (?1, ?2, ?3)")?;
    for p in Portfolio::ALL {
        area.execute(params![p.number(), p.name_sv(), p.short_name_sv()])?;
    }
    let mut goal = conn.prepare_cached("INSERT OR REPLACE INTO council_goal (code, name) VALUES (?1, ?2)")?;
    for g in CouncilGoal::ALL {
        goal.execute(params![g.code(), g.name_sv()])?;
    }
    Ok(())
}

/// The programme, or `None` in a database that has not been set up yet.
pub fn get(conn: &Connection) -> Result<Option<Programme>, StoreError> {
    Ok(conn
        .query_row("SELECT name, first_year, last_year FROM programme WHERE id = 1", [], |row| {
            Ok(Programme { name: row.get(0)?, first_year: row.get(1)?, last_year: row.get(2)? })
        })
        .optional()?)
}

/// A focus area as stored: number, full and short name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FocusAreaRow {
    pub portfolio: u8,
    pub name: String,
    pub short_name: String,
}

pub fn focus_areas(conn: &Connection) -> Result<Vec<FocusAreaRow>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT portfolio, name, short_name FROM focus_area ORDER BY portfolio")?;
    let rows = stmt
        .query_map([], |row| Ok(FocusAreaRow { portfolio: row.get(0)?, name: row.get(1)?, short_name: row.get(2)? }))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Council goals as (code, name), in code order.
pub fn council_goals(conn: &Connection) -> Result<Vec<(String, String)>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT code, name FROM council_goal ORDER BY code")?;
    let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
