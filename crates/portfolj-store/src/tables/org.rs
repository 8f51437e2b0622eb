//! Units and people, with the roles people hold.

use std::collections::HashMap;

use portfolj_core::{OrgUnit, Person, PersonId, Role, UnitKind};
use rusqlite::{Connection, OptionalExtension, params};

use super::parse_id;
use crate::StoreError;
use crate::codes::Code;

pub fn insert_unit(conn: &Connection, unit: &OrgUnit) -> Result<(), StoreError> {
    conn.prepare_cached("INSERT INTO org_unit (id, name, kind) VALUES (?1, ?2, ?3)")?.execute(params![
        unit.id.to_string(),
        unit.name,
        unit.kind.code()
    ])?;
    Ok(())
}

/// All units, by name.
pub fn units(conn: &Connection) -> Result<Vec<OrgUnit>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT id, name, kind FROM org_unit ORDER BY name")?;
    let rows =
        stmt.query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get::<_, String>(2)?)))?;
    rows.map(|row| {
        let (id, name, kind) = row?;
        Ok(OrgUnit { id: parse_id("org_unit.id", &id)?, name, kind: UnitKind::from_code(&kind)? })
    })
    .collect()
}

pub fn insert_person(conn: &Connection, person: &Person) -> Result<(), StoreError> {
    conn.prepare_cached("INSERT INTO person (id, name, email, unit_id) VALUES (?1, ?2, ?3, ?4)")?.execute(params![
        person.id.to_string(),
        person.name,
        person.email,
        person.unit.to_string()
    ])?;
    let mut role = conn.prepare_cached("INSERT INTO person_role (person_id, role) VALUES (?1, ?2)")?;
    for r in &person.roles {
        role.execute(params![person.id.to_string(), r.code()])?;
    }
    Ok(())
}

/// All people with their roles, by name.
pub fn people(conn: &Connection) -> Result<Vec<Person>, StoreError> {
    let mut roles: HashMap<String, Vec<Role>> = HashMap::new();
    let mut stmt = conn.prepare_cached("SELECT person_id, role FROM person_role ORDER BY person_id, role")?;
    for row in stmt.query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)))? {
        let (person, role) = row?;
        roles.entry(person).or_default().push(Role::from_code(&role)?);
    }
    let mut stmt = conn.prepare_cached("SELECT id, name, email, unit_id FROM person ORDER BY name, email")?;
    let rows =
        stmt.query_map([], |row| Ok((row.get::<_, String>(0)?, row.get(1)?, row.get(2)?, row.get::<_, String>(3)?)))?;
    rows.map(|row| {
        let (id, name, email, unit) = row?;
        let mut person_roles = roles.remove(&id).unwrap_or_default();
        person_roles.sort();
        Ok(Person {
            id: parse_id("person.id", &id)?,
            name,
            email,
            unit: parse_id("person.unit_id", &unit)?,
            roles: person_roles,
        })
    })
    .collect()
}

pub fn person(conn: &Connection, id: PersonId) -> Result<Option<Person>, StoreError> {
    let found = conn
        .query_row("SELECT name, email, unit_id FROM person WHERE id = ?1", [id.to_string()], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get::<_, String>(2)?))
        })
        .optional()?;
    let Some((name, email, unit)) = found else { return Ok(None) };
    let mut stmt = conn.prepare_cached("SELECT role FROM person_role WHERE person_id = ?1 ORDER BY role")?;
    let mut roles = stmt
        .query_map([id.to_string()], |row| row.get::<_, String>(0))?
        .map(|code| Role::from_code(&code?))
        .collect::<Result<Vec<_>, _>>()?;
    roles.sort();
    Ok(Some(Person { id, name, email, unit: parse_id("person.unit_id", &unit)?, roles }))
}
