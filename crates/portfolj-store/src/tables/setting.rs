//! Settings of this laptop's database, as key/value text.

use rusqlite::{Connection, OptionalExtension, params};

use crate::StoreError;

/// Keys in use, so no caller spells one differently.
pub mod key {
    /// The person acting on this laptop.
    pub const ACTING_PERSON: &str = "acting_person";
    /// "true" in a database made by `demo init`: personas may be switched.
    pub const DEMO: &str = "demo";
    /// The stamp key of the newest own field write the office has acknowledged receiving.
    pub const ACKNOWLEDGED_THROUGH: &str = "sync.acknowledged_through";
}

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>, StoreError> {
    Ok(conn.query_row("SELECT value FROM local_setting WHERE key = ?1", [key], |row| row.get(0)).optional()?)
}

pub fn set(conn: &Connection, key: &str, value: &str) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO local_setting (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}
