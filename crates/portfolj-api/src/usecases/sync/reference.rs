//! The programme's reference data as it travels in bundles: the programme, units, people
//! with their roles, and frames. A receiving laptop adds what it lacks and takes the
//! office's frames.

use portfolj_core::{Frame, OrgUnit, Person, Portfolio, Programme, Sek, SubFrame};
use portfolj_store::Connection;
use portfolj_store::tables::{frame, org, programme};
use serde::{Deserialize, Serialize};

use crate::dto::{PortfolioPartDto, RoleDto, UnitKindDto};
use crate::{ApiError, ErrorCode};

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Reference {
    name: String,
    first_year: i32,
    last_year: i32,
    units: Vec<UnitRef>,
    people: Vec<PersonRef>,
    frames: Vec<FrameRef>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitRef {
    id: String,
    name: String,
    kind: UnitKindDto,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonRef {
    id: String,
    name: String,
    email: String,
    unit_id: String,
    roles: Vec<RoleDto>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrameRef {
    portfolio: u8,
    year: i32,
    /// Öre, exact.
    amount_ore: i64,
    sub_frames: Vec<(PortfolioPartDto, i64)>,
}

fn bad(what: &str) -> ApiError {
    ApiError::new(
        ErrorCode::Bundle("bundle_bad_reference"),
        format!("Paketets programdata är felaktiga ({what}). Be projektkontoret exportera paketet på nytt."),
    )
}

/// The programme's reference data as a bundle document.
pub(super) fn of(conn: &Connection) -> Result<serde_json::Value, ApiError> {
    let p = programme::get(conn)?.ok_or_else(|| ApiError::not_found("Programmet"))?;
    let reference = Reference {
        name: p.name,
        first_year: p.first_year,
        last_year: p.last_year,
        units: org::units(conn)?
            .into_iter()
            .map(|u| UnitRef { id: u.id.to_string(), name: u.name, kind: u.kind.into() })
            .collect(),
        people: org::people(conn)?
            .into_iter()
            .map(|p| PersonRef {
                id: p.id.to_string(),
                name: p.name,
                email: p.email,
                unit_id: p.unit.to_string(),
                roles: p.roles.into_iter().map(RoleDto::from).collect(),
            })
            .collect(),
        frames: frame::all(conn)?
            .into_iter()
            .map(|f| FrameRef {
                portfolio: f.portfolio.number(),
                year: f.year,
                amount_ore: f.amount.to_ore(),
                sub_frames: f.sub_frames.iter().map(|s| (s.part.into(), s.amount.to_ore())).collect(),
            })
            .collect(),
    };
    serde_json::to_value(reference).map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))
}

/// Reference data read into the domain's types: checked in full before anything is
/// stored, so a preview can refuse what an import would.
#[derive(Debug)]
pub(super) struct Parsed {
    programme: Programme,
    units: Vec<OrgUnit>,
    people: Vec<Person>,
    frames: Vec<Frame>,
}

pub(super) fn parse(value: &serde_json::Value) -> Result<Parsed, ApiError> {
    let r: Reference = serde_json::from_value(value.clone()).map_err(|e| bad(&e.to_string()))?;
    let units = r
        .units
        .into_iter()
        .map(|u| Ok(OrgUnit { id: u.id.parse().map_err(|_| bad("enhet"))?, name: u.name, kind: u.kind.into() }))
        .collect::<Result<_, ApiError>>()?;
    let people = r
        .people
        .into_iter()
        .map(|p| {
            Ok(Person {
                id: p.id.parse().map_err(|_| bad("person"))?,
                name: p.name,
                email: p.email,
                unit: p.unit_id.parse().map_err(|_| bad("personens enhet"))?,
                roles: p.roles.into_iter().map(Into::into).collect(),
            })
        })
        .collect::<Result<_, ApiError>>()?;
    let money = |ore: i64| Sek::from_ore(ore).map_err(|_| bad("belopp"));
    let frames = r
        .frames
        .into_iter()
        .map(|f| {
            let portfolio = Portfolio::from_number(i64::from(f.portfolio)).ok_or_else(|| bad("portfölj"))?;
            let sub_frames = f
                .sub_frames
                .into_iter()
                .map(|(part, ore)| Ok(SubFrame { part: part.into(), amount: money(ore)? }))
                .collect::<Result<_, ApiError>>()?;
            Ok(Frame { portfolio, year: f.year, amount: money(f.amount_ore)?, sub_frames })
        })
        .collect::<Result<_, ApiError>>()?;
    Ok(Parsed {
        programme: Programme { name: r.name, first_year: r.first_year, last_year: r.last_year },
        units,
        people,
        frames,
    })
}

/// Adds the units and people this laptop lacks and takes the frames as given.
pub(super) fn apply(conn: &Connection, parsed: Parsed) -> Result<(), ApiError> {
    programme::put(conn, &parsed.programme)?;
    let units = org::units(conn)?;
    for unit in parsed.units {
        if !units.iter().any(|known| known.id == unit.id) {
            org::insert_unit(conn, &unit)?;
        }
    }
    let people = org::people(conn)?;
    for person in parsed.people {
        if !people.iter().any(|known| known.id == person.id) {
            org::insert_person(conn, &person)?;
        }
    }
    for f in &parsed.frames {
        frame::put(conn, f)?;
    }
    Ok(())
}
