//! Portfölj's domain model and rules, free of I/O.
//!
//! Everything here is a plain value or a pure function: no SQLite, no files, no
//! network, no clock and no randomness. Identifiers and the current time are passed
//! in by the caller (the API layer), which keeps every rule reproducible in tests and
//! lets the demo generator and a real user go through the very same checks.

pub mod application;
pub mod attachment;
pub mod audit;
pub mod decision;
pub mod document;
pub mod error;
pub mod followup;
pub mod frame;
pub mod ids;
pub mod language;
pub mod memo;
pub mod money;
pub mod notice;
pub mod org;
pub mod printout;
pub mod prioritise;
pub mod programme;
pub mod readiness;
pub mod review;
pub mod sheet;
pub mod valuation;

pub use application::{
    Application, ApplicationEvent, ApplicationState, ItCategory, NewApplication, NewApplicationInput, Transition,
};
pub use error::{DomainError, FieldError, ValidationErrors};
pub use frame::{Frame, PortfolioPart, SubFrame};
pub use ids::{ApplicationId, PersonId, UnitId};
pub use language::{Language, Named};
pub use money::Sek;
pub use org::{Actor, OrgUnit, Person, Role, UnitKind};
pub use programme::{CouncilGoal, FocusArea, Portfolio, Programme};
