//! The organisation: units (förvaltningar, stadsdelsförvaltningar, bolag), the people in
//! them, their roles in the programme, and the [`Actor`] every use case is performed by.

use crate::error::ValidationErrors;
use crate::ids::{PersonId, UnitId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnitKind {
    /// Fackförvaltning, e.g. Utbildningsförvaltningen.
    Department,
    /// Stadsdelsförvaltning, e.g. Rinkeby-Kista.
    District,
    /// City-owned company; applies through its owner.
    Company,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgUnit {
    pub id: UnitId,
    pub name: String,
    pub kind: UnitKind,
}

/// What a person may do in the programme (DOMAIN.md §10). A person may hold several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Applicant,
    Coach,
    Valuer,
    Reviewer,
    Office,
    Council,
    Decider,
}

impl Role {
    pub const ALL: [Role; 7] =
        [Role::Applicant, Role::Coach, Role::Valuer, Role::Reviewer, Role::Office, Role::Council, Role::Decider];
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    pub email: String,
    pub unit: UnitId,
    pub roles: Vec<Role>,
}

/// Who is performing a use case. Every permission check is made against an actor,
/// whichever shell (desktop, CLI, HTTP bridge, later an imported bundle) the request
/// came through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub person: PersonId,
    pub unit: UnitId,
    pub roles: Vec<Role>,
}

impl Actor {
    pub fn of(person: &Person) -> Self {
        Self { person: person.id, unit: person.unit, roles: person.roles.clone() }
    }

    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    pub fn has_any(&self, roles: &[Role]) -> bool {
        roles.iter().any(|r| self.has(*r))
    }
}

const DEPARTMENTS: &[&str] = &[
    "Stadsledningskontoret",
    "Serviceförvaltningen",
    "Utbildningsförvaltningen",
    "Socialförvaltningen",
    "Arbetsmarknadsförvaltningen",
    "Miljöförvaltningen",
    "Trafikkontoret",
    "Stadsbyggnadskontoret",
    "Exploateringskontoret",
    "Fastighetskontoret",
    "Kulturförvaltningen",
    "Idrottsförvaltningen",
    "Äldreförvaltningen",
    "Stockholms stadsarkiv",
];

const DISTRICTS: &[&str] = &[
    "Rinkeby-Kista stadsdelsförvaltning",
    "Spånga-Tensta stadsdelsförvaltning",
    "Hässelby-Vällingby stadsdelsförvaltning",
    "Bromma stadsdelsförvaltning",
    "Kungsholmens stadsdelsförvaltning",
    "Norrmalms stadsdelsförvaltning",
    "Östermalms stadsdelsförvaltning",
    "Södermalms stadsdelsförvaltning",
    "Enskede-Årsta-Vantörs stadsdelsförvaltning",
    "Skarpnäcks stadsdelsförvaltning",
    "Farsta stadsdelsförvaltning",
    "Älvsjö stadsdelsförvaltning",
    "Hägersten-Liljeholmens stadsdelsförvaltning",
    "Skärholmens stadsdelsförvaltning",
];

const COMPANIES: &[&str] = &["Stokab", "Stockholm Vatten och Avfall", "Stockholms Hamnar"];

/// Stockholm's departments, district administrations and companies (DOMAIN.md §11): the
/// units a new programme starts with, and the demo's.
pub fn stockholm_units() -> impl Iterator<Item = (&'static str, UnitKind)> {
    DEPARTMENTS
        .iter()
        .map(|n| (*n, UnitKind::Department))
        .chain(DISTRICTS.iter().map(|n| (*n, UnitKind::District)))
        .chain(COMPANIES.iter().map(|n| (*n, UnitKind::Company)))
}

/// A person the projektkontor adds to the programme (the first one when the programme is set
/// up), as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPerson<'a> {
    pub name: &'a str,
    pub email: &'a str,
    /// One of the programme's units, by name.
    pub unit_name: &'a str,
    pub roles: &'a [Role],
}

impl NewPerson<'_> {
    /// The person, or every field's error at once. The e-mail address is a person's name in
    /// invitations, so no two people share one.
    pub fn validate(&self, id: PersonId, units: &[OrgUnit], people: &[Person]) -> Result<Person, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let name = self.name.trim();
        if name.is_empty() {
            errors.push("name", "Skriv personens namn, så som det ska stå i beslutsunderlag och loggen.");
        }
        let email = self.email.trim().to_lowercase();
        let plausible = email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && domain.contains('.') && !email.contains(char::is_whitespace)
        });
        if !plausible {
            errors.push("email", "Skriv en e-postadress, till exempel karin.ek@stockholm.se.");
        } else if let Some(other) = people.iter().find(|p| p.email.eq_ignore_ascii_case(&email)) {
            errors.push(
                "email",
                format!("{email} finns redan i programmet, för {}. Varje person har en egen adress.", other.name),
            );
        }
        let unit = units.iter().find(|u| u.name == self.unit_name.trim());
        if unit.is_none() {
            errors.push("unit_name", "Välj personens enhet i listan.");
        }
        if self.roles.is_empty() {
            errors.push("roles", "Välj minst en roll.");
        }
        let mut roles = self.roles.to_vec();
        roles.sort();
        roles.dedup();
        match unit {
            Some(unit) if errors.is_empty() => Ok(Person { id, name: name.to_owned(), email, unit: unit.id, roles }),
            _ => Err(errors),
        }
    }
}
