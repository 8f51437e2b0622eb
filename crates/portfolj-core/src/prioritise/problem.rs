//! What a prioritisation is asked and what it answers.

use rust_decimal::Decimal;

use crate::ApplicationId;
use crate::frame::PortfolioPart;

/// An application that may be chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: ApplicationId,
    /// What choosing it costs this year, in öre.
    pub cost: i64,
    /// The sub-frame it draws on, if the frame is split.
    pub part: Option<PortfolioPart>,
    /// What it is worth by the chosen objective (may be zero or negative).
    pub value: Decimal,
}

/// The office's choices and the ties between applications.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rules {
    pub forced_in: Vec<ApplicationId>,
    pub forced_out: Vec<ApplicationId>,
    /// (A, B): A can only be chosen together with B.
    pub requires: Vec<(ApplicationId, ApplicationId)>,
    /// (A, B): not both (e.g. a full and a reduced variant of one project).
    pub excludes: Vec<(ApplicationId, ApplicationId)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The frame, in öre.
    pub frame: i64,
    /// Sub-frames per part, in öre.
    pub sub_frames: Vec<(PortfolioPart, i64)>,
    pub candidates: Vec<Candidate>,
    pub rules: Rules,
}

/// Why an application is not in the selection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exclusion {
    ForcedOut,
    /// It requires this application, which is not chosen.
    Requires(ApplicationId),
    /// It cannot be chosen together with this chosen application.
    ExcludedBy(ApplicationId),
    /// Its value is zero or negative by the chosen objective.
    NoValue,
    /// It costs more than what is left of the frame, or of its sub-frame when that is
    /// less, öre.
    DoesNotFit {
        remaining: i64,
        sub_frame: bool,
    },
    /// It fits, but only with a dependency or exclusion that costs more than it gives.
    LowerValuePerKrona,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// Chosen, by value per krona (best first), ties by id.
    pub chosen: Vec<ApplicationId>,
    pub value: Decimal,
    /// öre.
    pub cost: i64,
    /// Frame minus cost, öre.
    pub remaining: i64,
    /// Every candidate not chosen, with why, in candidate order.
    pub excluded: Vec<(ApplicationId, Exclusion)>,
}

/// The best selection at one budget of the efficient frontier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontierPoint {
    /// Percent of the frame.
    pub percent: u32,
    /// öre.
    pub budget: i64,
    /// `None` when the forced choices do not fit this budget.
    pub value: Option<Decimal>,
    pub cost: i64,
    /// Chosen here but not at the step before.
    pub added: Vec<ApplicationId>,
    /// Chosen at the step before but not here.
    pub removed: Vec<ApplicationId>,
}
