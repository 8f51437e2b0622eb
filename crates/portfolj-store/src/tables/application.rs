//! Applications and their event history.

use portfolj_core::{Application, ApplicationEvent, ApplicationId, ApplicationState, ItCategory, Portfolio, UnitId};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::frame::{portfolio, sek};
use super::{parse_id, parse_time, time_text};
use crate::StoreError;
use crate::codes::Code;

/// Which applications to list; `None` means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplicationFilter {
    pub portfolio: Option<Portfolio>,
    pub fiscal_year: Option<i32>,
    pub state: Option<ApplicationState>,
    pub unit: Option<UnitId>,
    /// Part of the title, matched without regard to case.
    pub text: Option<String>,
    pub it_category: Option<ItCategory>,
}

/// An application with the name of its applying unit, for lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub application: Application,
    pub unit_name: String,
}

/// An event with the name of the person who caused it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedEvent {
    pub event: ApplicationEvent,
    pub actor_name: String,
}

const COLUMNS: &str = "a.id, a.title, a.unit_id, a.portfolio, a.it_category, a.fiscal_year,
    a.requested_amount_ore, a.purpose, a.state, a.created_at, a.created_by, a.updated_at, u.name";

pub fn insert(conn: &Connection, app: &Application) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO application (id, title, unit_id, portfolio, it_category, fiscal_year,
             requested_amount_ore, purpose, state, created_at, created_by, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        app.id.to_string(),
        app.title,
        app.unit.to_string(),
        app.portfolio.number(),
        app.it_category.code(),
        app.fiscal_year,
        app.requested_amount.to_ore(),
        app.purpose,
        app.state.code(),
        time_text(app.created_at),
        app.created_by.to_string(),
        time_text(app.updated_at),
    ])?;
    index(conn, app.id, &app.title, &app.purpose)
}

/// Stores the editable parts of an application: its basics and its details document,
/// and refreshes its search entry.
pub fn update_content(
    conn: &Connection,
    app: &Application,
    details: &str,
    search_text: &str,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE application SET title = ?2, unit_id = ?3, portfolio = ?4, it_category = ?5, fiscal_year = ?6,
             requested_amount_ore = ?7, purpose = ?8, updated_at = ?9, details = ?10
         WHERE id = ?1",
    )?
    .execute(params![
        app.id.to_string(),
        app.title,
        app.unit.to_string(),
        app.portfolio.number(),
        app.it_category.code(),
        app.fiscal_year,
        app.requested_amount.to_ore(),
        app.purpose,
        time_text(app.updated_at),
        details,
    ])?;
    index(conn, app.id, &app.title, search_text)
}

/// Replaces the application's entry in the full-text index.
pub fn index(conn: &Connection, id: ApplicationId, title: &str, text: &str) -> Result<(), StoreError> {
    let rowid: i64 = conn
        .prepare_cached("SELECT rowid FROM application WHERE id = ?1")?
        .query_row([id.to_string()], |r| r.get(0))?;
    conn.prepare_cached("DELETE FROM application_search WHERE rowid = ?1")?.execute([rowid])?;
    conn.prepare_cached("INSERT INTO application_search (rowid, title, body) VALUES (?1, ?2, ?3)")?
        .execute(params![rowid, title, text])?;
    Ok(())
}

/// The details document of an application (`{}` until first saved).
pub fn details(conn: &Connection, id: ApplicationId) -> Result<Option<String>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT details FROM application WHERE id = ?1")?
        .query_row([id.to_string()], |r| r.get(0))
        .optional()?)
}

/// Applications whose words match every word of `words` (prefix match), best match
/// first, within `filter`.
pub fn search(
    conn: &Connection,
    words: &[String],
    filter: &ApplicationFilter,
    limit: u32,
) -> Result<Vec<Listed>, StoreError> {
    // Each word quoted as an FTS5 string with a prefix star: user text never reaches the
    // query syntax.
    let query: Vec<String> = words.iter().map(|w| format!("\"{}\"*", w.replace('"', "\"\""))).collect();
    let sql = format!(
        "SELECT {COLUMNS} FROM application_search s
         JOIN application a ON a.rowid = s.rowid
         JOIN org_unit u ON u.id = a.unit_id
         WHERE application_search MATCH ?1
           AND (?2 IS NULL OR a.portfolio = ?2)
           AND (?3 IS NULL OR a.fiscal_year = ?3)
           AND (?4 IS NULL OR a.state = ?4)
           AND (?5 IS NULL OR a.unit_id = ?5)
           AND (?6 IS NULL OR a.it_category = ?6)
         ORDER BY bm25(application_search, 5.0, 1.0), a.id
         LIMIT ?7"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(
        params![
            query.join(" "),
            filter.portfolio.map(Portfolio::number),
            filter.fiscal_year,
            filter.state.map(Code::code),
            filter.unit.map(|u| u.to_string()),
            filter.it_category.map(Code::code),
            limit,
        ],
        read_row,
    )?;
    rows.map(|row| into_listed(row?)).collect()
}

/// Stores a new state (and the time of the change) of an existing application.
pub fn update_state(conn: &Connection, app: &Application) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE application SET state = ?2, updated_at = ?3 WHERE id = ?1")?.execute(params![
        app.id.to_string(),
        app.state.code(),
        time_text(app.updated_at)
    ])?;
    Ok(())
}

pub fn insert_event(conn: &Connection, event: &ApplicationEvent) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO application_event (application_id, at, actor_id, from_state, to_state, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        event.application.to_string(),
        time_text(event.at),
        event.actor.to_string(),
        event.from_state.map(Code::code),
        event.to_state.code(),
        event.reason,
    ])?;
    Ok(())
}

pub fn get(conn: &Connection, id: ApplicationId) -> Result<Option<Listed>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM application a JOIN org_unit u ON u.id = a.unit_id WHERE a.id = ?1");
    conn.query_row(&sql, [id.to_string()], read_row).optional()?.map(into_listed).transpose()
}

/// Applications matching `filter`, newest change first.
pub fn list(conn: &Connection, filter: &ApplicationFilter) -> Result<Vec<Listed>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM application a JOIN org_unit u ON u.id = a.unit_id
         WHERE (?1 IS NULL OR a.portfolio = ?1)
           AND (?2 IS NULL OR a.fiscal_year = ?2)
           AND (?3 IS NULL OR a.state = ?3)
           AND (?4 IS NULL OR a.unit_id = ?4)
           AND (?5 IS NULL OR instr(lower(a.title), lower(?5)) > 0)
           AND (?6 IS NULL OR a.it_category = ?6)
         ORDER BY a.updated_at DESC, a.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(
        params![
            filter.portfolio.map(Portfolio::number),
            filter.fiscal_year,
            filter.state.map(Code::code),
            filter.unit.map(|u| u.to_string()),
            filter.text.as_deref().map(str::trim).filter(|t| !t.is_empty()),
            filter.it_category.map(Code::code),
        ],
        read_row,
    )?;
    rows.map(|row| into_listed(row?)).collect()
}

/// How many applications there are per portfolio, fiscal year and state.
pub fn count_by_portfolio_year_state(
    conn: &Connection,
) -> Result<Vec<(Portfolio, i32, ApplicationState, u32)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT portfolio, fiscal_year, state, count(*) FROM application
         GROUP BY portfolio, fiscal_year, state ORDER BY portfolio, fiscal_year, state",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok((row.get::<_, i64>(0)?, row.get::<_, i32>(1)?, row.get::<_, String>(2)?, row.get::<_, u32>(3)?))
    })?;
    rows.map(|row| {
        let (number, year, state, count) = row?;
        Ok((portfolio(number)?, year, ApplicationState::from_code(&state)?, count))
    })
    .collect()
}

pub fn count(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("SELECT count(*) FROM application", [], |row| row.get(0))?)
}

/// The application's history, oldest first.
pub fn events(conn: &Connection, id: ApplicationId) -> Result<Vec<RecordedEvent>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.at, e.actor_id, e.from_state, e.to_state, e.reason, p.name
         FROM application_event e JOIN person p ON p.id = e.actor_id
         WHERE e.application_id = ?1 ORDER BY e.id",
    )?;
    let rows = stmt.query_map([id.to_string()], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, Option<String>>(2)?,
            row.get::<_, String>(3)?,
            row.get::<_, String>(4)?,
            row.get::<_, String>(5)?,
        ))
    })?;
    rows.map(|row| {
        let (at, actor, from, to, reason, actor_name) = row?;
        Ok(RecordedEvent {
            event: ApplicationEvent {
                application: id,
                at: parse_time("application_event.at", &at)?,
                actor: parse_id("application_event.actor_id", &actor)?,
                from_state: from.as_deref().map(ApplicationState::from_code).transpose()?,
                to_state: ApplicationState::from_code(&to)?,
                reason,
            },
            actor_name,
        })
    })
    .collect()
}

type RawRow = (String, String, String, i64, String, i32, i64, String, String, String, String, String, String);

fn read_row(row: &Row<'_>) -> rusqlite::Result<RawRow> {
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
        row.get(10)?,
        row.get(11)?,
        row.get(12)?,
    ))
}

fn into_listed(raw: RawRow) -> Result<Listed, StoreError> {
    let (id, title, unit, number, category, fiscal_year, ore, purpose, state, created, by, updated, unit_name) = raw;
    Ok(Listed {
        application: Application {
            id: parse_id("application.id", &id)?,
            title,
            unit: parse_id("application.unit_id", &unit)?,
            portfolio: portfolio(number)?,
            it_category: ItCategory::from_code(&category)?,
            fiscal_year,
            requested_amount: sek(ore)?,
            purpose,
            state: ApplicationState::from_code(&state)?,
            created_at: parse_time("application.created_at", &created)?,
            created_by: parse_id("application.created_by", &by)?,
            updated_at: parse_time("application.updated_at", &updated)?,
        },
        unit_name,
    })
}
