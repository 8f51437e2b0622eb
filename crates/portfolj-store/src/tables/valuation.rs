//! Valuations and the resolutions of dubbelräkning. The worksheet is a JSON document whose
//! format belongs to portfolj-api.

use chrono::{DateTime, Utc};
use portfolj_core::{ApplicationId, PersonId};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{parse_id, parse_time, time_text};
use crate::StoreError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Valuation {
    pub id: String,
    pub application: ApplicationId,
    pub number: u32,
    pub application_version: u32,
    pub valuer: PersonId,
    pub valuer_name: String,
    pub worksheet: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub approved_at: Option<DateTime<Utc>>,
}

const COLUMNS: &str = "v.id, v.application_id, v.number, v.application_version, v.valuer_id, p.name, v.worksheet,
    v.created_at, v.updated_at, v.approved_at FROM valuation v JOIN person p ON p.id = v.valuer_id";

type Raw = (String, String, u32, u32, String, String, String, String, String, Option<String>);

fn raw(row: &Row<'_>) -> rusqlite::Result<Raw> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
        row.get(6)?,
        row.get(7)?,
        row.get(8)?,
        row.get(9)?,
    ))
}

fn into_valuation(r: Raw) -> Result<Valuation, StoreError> {
    let (id, application, number, application_version, valuer, valuer_name, worksheet, created, updated, approved) = r;
    Ok(Valuation {
        id,
        application: parse_id("valuation.application_id", &application)?,
        number,
        application_version,
        valuer: parse_id("valuation.valuer_id", &valuer)?,
        valuer_name,
        worksheet,
        created_at: parse_time("valuation.created_at", &created)?,
        updated_at: parse_time("valuation.updated_at", &updated)?,
        approved_at: approved.as_deref().map(|t| parse_time("valuation.approved_at", t)).transpose()?,
    })
}

/// A new valuation of `application`'s frozen `application_version`; returns its number.
pub fn insert(
    conn: &Connection,
    id: &str,
    application: ApplicationId,
    application_version: u32,
    valuer: PersonId,
    worksheet: &str,
    at: DateTime<Utc>,
) -> Result<u32, StoreError> {
    let number: u32 = conn
        .prepare_cached("SELECT coalesce(max(number), 0) + 1 FROM valuation WHERE application_id = ?1")?
        .query_row([application.to_string()], |r| r.get(0))?;
    conn.prepare_cached(
        "INSERT INTO valuation (id, application_id, number, application_version, valuer_id, worksheet, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
    )?
    .execute(params![id, application.to_string(), number, application_version, valuer.to_string(), worksheet, time_text(at)])?;
    Ok(number)
}

/// Replaces the worksheet of a valuation that is not yet approved; returns whether it was.
pub fn save(conn: &Connection, id: &str, worksheet: &str, at: DateTime<Utc>) -> Result<bool, StoreError> {
    let changed = conn
        .prepare_cached("UPDATE valuation SET worksheet = ?2, updated_at = ?3 WHERE id = ?1 AND approved_at IS NULL")?
        .execute(params![id, worksheet, time_text(at)])?;
    Ok(changed == 1)
}

pub fn approve(conn: &Connection, id: &str, at: DateTime<Utc>) -> Result<bool, StoreError> {
    let changed = conn
        .prepare_cached("UPDATE valuation SET approved_at = ?2, updated_at = ?2 WHERE id = ?1 AND approved_at IS NULL")?
        .execute(params![id, time_text(at)])?;
    Ok(changed == 1)
}

pub fn get(conn: &Connection, id: &str) -> Result<Option<Valuation>, StoreError> {
    let sql = format!("SELECT {COLUMNS} WHERE v.id = ?1");
    conn.query_row(&sql, [id], raw).optional()?.map(into_valuation).transpose()
}

/// The newest valuation of each application, by application.
pub fn latest_per_application(conn: &Connection) -> Result<Vec<Valuation>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} WHERE v.number = (SELECT max(number) FROM valuation w WHERE w.application_id = v.application_id)
         ORDER BY v.application_id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], raw)?;
    rows.map(|r| into_valuation(r?)).collect()
}

/// Every valuation of one application, oldest first.
pub fn of_application(conn: &Connection, application: ApplicationId) -> Result<Vec<Valuation>, StoreError> {
    let sql = format!("SELECT {COLUMNS} WHERE v.application_id = ?1 ORDER BY v.number");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([application.to_string()], raw)?;
    rows.map(|r| into_valuation(r?)).collect()
}

/// A valuer's resolution of a dubbelräkning on one benefit target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    pub target: String,
    /// `assigned_here`, `assigned_elsewhere`, `split` or `independent`.
    pub resolution: String,
    pub share_percent: Option<String>,
    pub motivation: String,
    pub resolved_by_name: String,
    pub resolved_at: DateTime<Utc>,
}

/// A resolution as recorded.
#[derive(Debug, Clone, Copy)]
pub struct NewResolution<'a> {
    pub valuation: &'a str,
    pub target: &'a str,
    pub resolution: &'a str,
    pub share_percent: Option<&'a str>,
    pub motivation: &'a str,
    pub by: PersonId,
    pub at: DateTime<Utc>,
}

pub fn resolve(conn: &Connection, r: &NewResolution<'_>) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO double_count_resolution (valuation_id, target, resolution, share_percent, motivation, resolved_by, resolved_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (valuation_id, target) DO UPDATE SET resolution = excluded.resolution,
             share_percent = excluded.share_percent, motivation = excluded.motivation,
             resolved_by = excluded.resolved_by, resolved_at = excluded.resolved_at",
    )?
    .execute(params![r.valuation, r.target, r.resolution, r.share_percent, r.motivation, r.by.to_string(), time_text(r.at)])?;
    Ok(())
}

pub fn resolutions(conn: &Connection, valuation: &str) -> Result<Vec<Resolution>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.target, r.resolution, r.share_percent, r.motivation, p.name, r.resolved_at
         FROM double_count_resolution r JOIN person p ON p.id = r.resolved_by
         WHERE r.valuation_id = ?1 ORDER BY r.target",
    )?;
    let rows = stmt.query_map([valuation], |row| {
        Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get::<_, String>(5)?))
    })?;
    rows.map(|r| {
        let (target, resolution, share_percent, motivation, resolved_by_name, at) = r?;
        Ok(Resolution {
            target,
            resolution,
            share_percent,
            motivation,
            resolved_by_name,
            resolved_at: parse_time("double_count_resolution.resolved_at", &at)?,
        })
    })
    .collect()
}

/// Makes `targets` (target, first year, last year) the indexed benefit targets of
/// `application`, whose newest valuation is `valuation`.
pub fn replace_targets(
    conn: &Connection,
    valuation: &str,
    application: ApplicationId,
    targets: &[(String, i32, i32)],
) -> Result<(), StoreError> {
    conn.prepare_cached("DELETE FROM valuation_target WHERE application_id = ?1")?
        .execute([application.to_string()])?;
    let mut insert = conn.prepare_cached(
        "INSERT OR REPLACE INTO valuation_target (valuation_id, application_id, target, first_year, last_year)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (target, first, last) in targets {
        insert.execute(params![valuation, application.to_string(), target, first, last])?;
    }
    Ok(())
}

/// The newest valuations of other applications that claim any of `targets`.
pub fn claiming(conn: &Connection, targets: &[&str], except: ApplicationId) -> Result<Vec<Valuation>, StoreError> {
    let mut ids: Vec<String> = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT valuation_id FROM valuation_target WHERE target = ?1 AND application_id != ?2",
    )?;
    for target in targets {
        for id in stmt.query_map(params![target, except.to_string()], |r| r.get::<_, String>(0))? {
            ids.push(id?);
        }
    }
    ids.sort();
    ids.dedup();
    ids.iter().filter_map(|id| get(conn, id).transpose()).collect()
}

/// The round parameters (a JSON document owned by portfolj-api) for `year`, if set.
pub fn round(conn: &Connection, year: i32) -> Result<Option<String>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT parameters FROM valuation_round WHERE year = ?1")?
        .query_row([year], |r| r.get(0))
        .optional()?)
}

pub fn set_round(
    conn: &Connection,
    year: i32,
    parameters: &str,
    by: PersonId,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO valuation_round (year, parameters, set_by, set_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (year) DO UPDATE SET parameters = excluded.parameters, set_by = excluded.set_by, set_at = excluded.set_at",
    )?
    .execute(params![year, parameters, by.to_string(), time_text(at)])?;
    Ok(())
}

/// One entry of the shared benefit-target register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenefitTarget {
    pub key: String,
    pub name: String,
    /// `process` or `budget_line`.
    pub kind: String,
    pub unit_name: Option<String>,
    /// Applications whose newest valuation claims it.
    pub claimed_by: u32,
}

/// The whole register, by key.
pub fn targets(conn: &Connection) -> Result<Vec<BenefitTarget>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.key, t.name, t.kind, u.name,
                (SELECT count(DISTINCT application_id) FROM valuation_target vt WHERE vt.target = t.key)
         FROM benefit_target t LEFT JOIN org_unit u ON u.id = t.unit_id ORDER BY t.key",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(BenefitTarget {
            key: r.get(0)?,
            name: r.get(1)?,
            kind: r.get(2)?,
            unit_name: r.get(3)?,
            claimed_by: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The keys among `keys` that are not in the register.
pub fn unregistered<'a>(conn: &Connection, keys: &[&'a str]) -> Result<Vec<&'a str>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT 1 FROM benefit_target WHERE key = ?1")?;
    let mut out = Vec::new();
    for key in keys {
        if !stmt.exists([key])? {
            out.push(*key);
        }
    }
    Ok(out)
}

#[derive(Debug)]
pub struct NewTarget<'a> {
    pub key: &'a str,
    pub name: &'a str,
    pub kind: &'a str,
    pub unit: Option<portfolj_core::UnitId>,
    pub by: PersonId,
    pub at: DateTime<Utc>,
}

/// Registers a target; `false` when the key is taken.
pub fn insert_target(conn: &Connection, t: &NewTarget<'_>) -> Result<bool, StoreError> {
    let added = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO benefit_target (key, name, kind, unit_id, created_by, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![t.key, t.name, t.kind, t.unit.map(|u| u.to_string()), t.by.to_string(), time_text(t.at)])?;
    Ok(added == 1)
}
