//! The organisation: units (förvaltningar, stadsdelsförvaltningar, bolag), the people in
//! them, their roles in the programme, and the [`Actor`] every use case is performed by.

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
