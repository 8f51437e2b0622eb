//! The group's recommendation to the utvecklingsråd, and the load of assigned reviews.

use crate::application::ApplicationState;
use crate::{DomainError, FieldError, ValidationErrors};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecommendationKind {
    /// Tillstyrks.
    Support,
    /// Tillstyrks med villkor.
    SupportWithConditions,
    /// Avstyrks.
    Oppose,
    /// Komplettering behövs.
    Supplement,
}

impl RecommendationKind {
    pub const ALL: [RecommendationKind; 4] =
        [Self::Support, Self::SupportWithConditions, Self::Oppose, Self::Supplement];

    pub fn code(self) -> &'static str {
        match self {
            Self::Support => "support",
            Self::SupportWithConditions => "support_with_conditions",
            Self::Oppose => "oppose",
            Self::Supplement => "supplement",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn name_sv(self) -> &'static str {
        match self {
            Self::Support => "tillstyrks",
            Self::SupportWithConditions => "tillstyrks med villkor",
            Self::Oppose => "avstyrks",
            Self::Supplement => "komplettering behövs",
        }
    }

    /// Where the application goes: to the council as a proposal (whatever the group
    /// advises), or back to the applicant for komplettering.
    pub fn leads_to(self) -> ApplicationState {
        match self {
            Self::Supplement => ApplicationState::SupplementRequested,
            _ => ApplicationState::Proposed,
        }
    }
}

/// What a recommendation is checked against.
#[derive(Debug, Clone)]
pub struct RecommendationInput<'a> {
    pub kind: RecommendationKind,
    pub motivation: &'a str,
    pub conditions: &'a str,
    /// Names of the assigned, non-jävig members who neither scored nor are marked absent.
    pub missing: &'a [String],
}

/// A proposal needs a complete review; komplettering may be asked for at any time.
/// Every recommendation is motivated; one with conditions states them.
pub fn check_recommendation(input: &RecommendationInput<'_>) -> Result<(), DomainError> {
    if input.kind != RecommendationKind::Supplement && !input.missing.is_empty() {
        return Err(DomainError::NotAllowedNow(format!(
            "Beredningen är inte klar: {} har inte lämnat bedömning. Vänta in dem eller anteckna frånvaro med skäl.",
            input.missing.join(", ")
        )));
    }
    let mut e = ValidationErrors::default();
    if input.motivation.trim().is_empty() {
        e.push("motivation", "Motivera rekommendationen; motiveringen går till utvecklingsrådet.");
    }
    if input.kind == RecommendationKind::SupportWithConditions && input.conditions.trim().is_empty() {
        e.push("conditions", "Ange villkoren när gruppen tillstyrker med villkor.");
    }
    e.into_result(|| ()).map_err(DomainError::Invalid)
}

/// An office's subset for one member: within the cap, when there is one.
pub fn check_assignment(member: &str, assigned: usize, cap: Option<u32>) -> Result<(), DomainError> {
    match cap {
        Some(cap) if assigned > cap as usize => Err(DomainError::Invalid(ValidationErrors(vec![FieldError::new(
            "applications",
            format!("{member} kan ta högst {cap} ansökningar; du har valt {assigned}. Välj färre eller höj taket."),
        )]))),
        _ => Ok(()),
    }
}
