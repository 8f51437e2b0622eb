//! A member's score of one application, and the rules it must follow before it is stored —
//! in the UI, the CLI and inside an imported bundle alike.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::jav::Jav;
use super::rubric::Rubric;
use crate::{DomainError, ValidationErrors};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriterionScore {
    pub level: u8,
    pub comment: String,
}

/// A member's levels and comments per criterion key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Score {
    pub criteria: BTreeMap<String, CriterionScore>,
}

/// What the score is checked against.
#[derive(Debug, Clone)]
pub struct ScoreContext<'a> {
    pub rubric: &'a Rubric,
    /// The round takes scores (not closed).
    pub round_open: bool,
    /// The member is assigned this application.
    pub assigned: bool,
    /// Every jäv of the member for this application.
    pub jav: &'a [Jav],
}

/// Refuses a jävig, unassigned or late score outright, and reports every criterion that
/// is missing, outside the scale or lacks a required comment.
pub fn check_score(score: &Score, context: &ScoreContext<'_>) -> Result<(), DomainError> {
    if let Some(j) = context.jav.first() {
        return Err(DomainError::Forbidden(format!(
            "Du är jävig för den här ansökan ({}) och får inte bedöma den. Jävet antecknas i protokollet.",
            j.kind.name_sv()
        )));
    }
    if !context.assigned {
        return Err(DomainError::Forbidden(
            "Ansökan är inte tilldelad dig i den här omgången. Be projektkontoret om en tilldelning.".to_owned(),
        ));
    }
    if !context.round_open {
        return Err(DomainError::NotAllowedNow("Omgången är stängd och tar inte emot fler bedömningar.".to_owned()));
    }
    let rubric = context.rubric;
    let mut e = ValidationErrors::default();
    for criterion in &rubric.criteria {
        match score.criteria.get(&criterion.key) {
            None => e.push("criteria", format!("Bedöm \"{}\".", criterion.name)),
            Some(s) if s.level < rubric.scale_min || s.level > rubric.scale_max => e.push(
                "criteria",
                format!(
                    "\"{}\" ska bedömas {}–{}, inte {}.",
                    criterion.name, rubric.scale_min, rubric.scale_max, s.level
                ),
            ),
            Some(s) if criterion.comment_required && s.comment.trim().is_empty() => {
                e.push("criteria", format!("Motivera bedömningen av \"{}\" med en kommentar.", criterion.name));
            }
            Some(_) => {}
        }
    }
    if let Some(unknown) = score.criteria.keys().find(|k| rubric.criterion(k).is_none()) {
        e.push("criteria", format!("Kriteriet \"{unknown}\" finns inte i omgångens bedömningsmall."));
    }
    e.into_result(|| ()).map_err(DomainError::Invalid)
}

impl Score {
    /// The weighted total on the rubric's scale: Σ weight × level / Σ weight, over the
    /// criteria scored. `None` when nothing is scored.
    pub fn weighted_total(&self, rubric: &Rubric) -> Option<Decimal> {
        let mut sum = Decimal::ZERO;
        let mut weights = Decimal::ZERO;
        for criterion in &rubric.criteria {
            if let Some(s) = self.criteria.get(&criterion.key) {
                sum += criterion.weight * Decimal::from(s.level);
                weights += criterion.weight;
            }
        }
        (!weights.is_zero()).then(|| sum / weights)
    }
}
