//! Who is acting on this laptop. Until signed identities arrive (member certificates),
//! the acting person is a setting of the local database; in a demo database any demo
//! person may be chosen, so every role can be tried.

use portfolj_core::{Actor, Person, PersonId};
use portfolj_store::Connection;
use portfolj_store::tables::{org, setting};

use crate::dto::{PersonDto, SessionDto};
use crate::{Api, ApiError, ErrorCode};

const NO_IDENTITY: &str = "Ingen användare är vald i den här databasen. Skapa en demodatabas med \
    `portfolj --db FIL demo init` eller öppna databasen du har fått av projektkontoret.";

/// The acting person, read inside the use case's own transaction.
pub(crate) fn acting_person(conn: &Connection) -> Result<Person, ApiError> {
    let id = setting::get(conn, setting::key::ACTING_PERSON)?
        .ok_or_else(|| ApiError::new(ErrorCode::NoIdentity, NO_IDENTITY))?;
    let id: PersonId = id.parse().map_err(|_| ApiError::new(ErrorCode::NoIdentity, NO_IDENTITY))?;
    org::person(conn, id)?.ok_or_else(|| ApiError::new(ErrorCode::NoIdentity, NO_IDENTITY))
}

pub(crate) fn actor(conn: &Connection) -> Result<Actor, ApiError> {
    acting_person(conn).map(|p| Actor::of(&p))
}

/// Refuses anyone but the projektkontor, saying what only the office does.
pub(crate) fn require_office(actor: &Actor, only_office: &str) -> Result<(), ApiError> {
    if actor.has(portfolj_core::Role::Office) { Ok(()) } else { Err(ApiError::new(ErrorCode::Forbidden, only_office)) }
}

fn is_demo(conn: &Connection) -> Result<bool, ApiError> {
    Ok(setting::get(conn, setting::key::DEMO)?.as_deref() == Some("true"))
}

/// Everyone in the programme with their unit's name, in the store's order.
pub(crate) fn everyone(conn: &Connection) -> Result<Vec<PersonDto>, ApiError> {
    let units = org::units(conn)?;
    Ok(org::people(conn)?
        .iter()
        .map(|p| PersonDto::new(p, units.iter().find(|u| u.id == p.unit).map_or("", |u| u.name.as_str())))
        .collect())
}

pub(crate) fn person_dto(conn: &Connection, person: &Person) -> Result<PersonDto, ApiError> {
    let units = org::units(conn)?;
    let unit_name = units.iter().find(|u| u.id == person.unit).map_or("", |u| u.name.as_str());
    Ok(PersonDto::new(person, unit_name))
}

fn session_of(conn: &Connection) -> Result<SessionDto, ApiError> {
    let person = acting_person(conn)?;
    Ok(SessionDto { person: person_dto(conn, &person)?, demo: is_demo(conn)? })
}

fn require_demo(conn: &Connection) -> Result<(), ApiError> {
    if is_demo(conn)? {
        Ok(())
    } else {
        Err(ApiError::new(
            ErrorCode::Forbidden,
            "Att byta person går bara i en demodatabas. På en riktig dator är du den som projektkontoret har bjudit in.",
        ))
    }
}

impl Api {
    pub fn session(&self) -> Result<SessionDto, ApiError> {
        self.store().read(|tx| session_of(tx))
    }

    /// Everyone a demo user may act as.
    pub fn personas(&self) -> Result<Vec<PersonDto>, ApiError> {
        self.store().read(|tx| {
            require_demo(tx)?;
            everyone(tx)
        })
    }

    /// Act as another demo person from now on.
    pub fn switch_persona(&self, person: PersonId) -> Result<SessionDto, ApiError> {
        let now = self.clock.now();
        self.store().write(|tx| {
            require_demo(tx)?;
            let before = actor(tx)?;
            if org::person(tx, person)?.is_none() {
                return Err(ApiError::not_found("Personen"));
            }
            setting::set(tx, setting::key::ACTING_PERSON, &person.to_string())?;
            let detail = serde_json::json!({ "from": before.person.to_string() });
            crate::usecases::audit::record(tx, now, person, "session.switch", &person.to_string(), &detail)?;
            session_of(tx)
        })
    }
}
