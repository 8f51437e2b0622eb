//! Indicators of the five perspectives and their measurements, as stored.

use rusqlite::{Connection, params};

use crate::StoreError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicator {
    pub id: String,
    pub name: String,
    pub perspective: String,
    pub unit: String,
    pub method: String,
    pub direction: String,
    pub target: Option<String>,
    pub defined_by: String,
    pub defined_at: String,
}

/// Stores a new indicator; `false` when the name is taken.
pub fn define(conn: &Connection, i: &Indicator) -> Result<bool, StoreError> {
    let added = conn
        .prepare_cached(
            "INSERT INTO indicator (id, name, perspective, unit, method, direction, target, defined_by, defined_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (name) DO NOTHING",
        )?
        .execute(params![
            i.id,
            i.name,
            i.perspective,
            i.unit,
            i.method,
            i.direction,
            i.target,
            i.defined_by,
            i.defined_at
        ])?;
    Ok(added == 1)
}

/// Every indicator, by perspective and name.
pub fn all(conn: &Connection) -> Result<Vec<Indicator>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, perspective, unit, method, direction, target, defined_by, defined_at FROM indicator
         ORDER BY perspective, name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Indicator {
            id: r.get(0)?,
            name: r.get(1)?,
            perspective: r.get(2)?,
            unit: r.get(3)?,
            method: r.get(4)?,
            direction: r.get(5)?,
            target: r.get(6)?,
            defined_by: r.get(7)?,
            defined_at: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measurement {
    pub indicator: String,
    pub measured_on: String,
    pub value: String,
    pub note: String,
    pub recorded_by: String,
    pub recorded_at: String,
}

/// Records a measurement, replacing one of the same indicator and day (a correction).
pub fn measure(conn: &Connection, m: &Measurement) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO measurement (indicator_id, measured_on, value, note, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (indicator_id, measured_on) DO UPDATE SET value = excluded.value, note = excluded.note,
             recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
    )?
    .execute(params![m.indicator, m.measured_on, m.value, m.note, m.recorded_by, m.recorded_at])?;
    Ok(())
}

/// An indicator's measurements, oldest first.
pub fn measurements(conn: &Connection, indicator: &str) -> Result<Vec<Measurement>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT indicator_id, measured_on, value, note, recorded_by, recorded_at FROM measurement
         WHERE indicator_id = ?1 ORDER BY measured_on",
    )?;
    let rows = stmt.query_map([indicator], |r| {
        Ok(Measurement {
            indicator: r.get(0)?,
            measured_on: r.get(1)?,
            value: r.get(2)?,
            note: r.get(3)?,
            recorded_by: r.get(4)?,
            recorded_at: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
