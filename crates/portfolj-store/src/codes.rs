//! The text codes that core enums are stored as. The CHECK constraints in the
//! migrations list the same codes; a value outside them reads back as a clear error.

use portfolj_core::{ApplicationState, ItCategory, PortfolioPart, Role, UnitKind};

use crate::StoreError;

/// A core enum stored as text.
pub trait Code: Sized + Copy + 'static {
    const WHAT: &'static str;
    const CODES: &'static [(Self, &'static str)];

    fn code(self) -> &'static str
    where
        Self: PartialEq,
    {
        Self::CODES.iter().find(|(v, _)| *v == self).map_or("", |(_, c)| c)
    }

    fn from_code(code: &str) -> Result<Self, StoreError> {
        Self::CODES
            .iter()
            .find(|(_, c)| *c == code)
            .map(|(v, _)| *v)
            .ok_or_else(|| StoreError::corrupt(Self::WHAT, format!("okänd kod '{code}'")))
    }
}

impl Code for UnitKind {
    const WHAT: &'static str = "org_unit.kind";
    const CODES: &'static [(Self, &'static str)] =
        &[(UnitKind::Department, "department"), (UnitKind::District, "district"), (UnitKind::Company, "company")];
}

impl Code for Role {
    const WHAT: &'static str = "person_role.role";
    const CODES: &'static [(Self, &'static str)] = &[
        (Role::Applicant, "applicant"),
        (Role::Coach, "coach"),
        (Role::Valuer, "valuer"),
        (Role::Reviewer, "reviewer"),
        (Role::Office, "office"),
        (Role::Council, "council"),
        (Role::Decider, "decider"),
    ];
}

impl Code for PortfolioPart {
    const WHAT: &'static str = "sub_frame.part";
    const CODES: &'static [(Self, &'static str)] = &[
        (PortfolioPart::Innovation, "innovation"),
        (PortfolioPart::Improvement, "improvement"),
        (PortfolioPart::Management, "management"),
    ];
}

impl Code for ItCategory {
    const WHAT: &'static str = "application.it_category";
    const CODES: &'static [(Self, &'static str)] = &[
        (ItCategory::Innovative, "innovative"),
        (ItCategory::Differentiating, "differentiating"),
        (ItCategory::Basic, "basic"),
    ];
}

impl Code for ApplicationState {
    const WHAT: &'static str = "application.state";
    const CODES: &'static [(Self, &'static str)] = &[
        (ApplicationState::Idea, "idea"),
        (ApplicationState::Draft, "draft"),
        (ApplicationState::Submitted, "submitted"),
        (ApplicationState::SupplementRequested, "supplement_requested"),
        (ApplicationState::Valued, "valued"),
        (ApplicationState::InReview, "in_review"),
        (ApplicationState::Proposed, "proposed"),
        (ApplicationState::Granted, "granted"),
        (ApplicationState::Rejected, "rejected"),
        (ApplicationState::ReferredBack, "referred_back"),
        (ApplicationState::Running, "running"),
        (ApplicationState::Closed, "closed"),
        (ApplicationState::FollowedUp, "followed_up"),
        (ApplicationState::Withdrawn, "withdrawn"),
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trips<T: Code + PartialEq + std::fmt::Debug>(all: &[T]) {
        assert_eq!(T::CODES.len(), all.len(), "{} lists every variant", T::WHAT);
        for v in all {
            assert_eq!(T::from_code(v.code()).ok(), Some(*v));
        }
    }

    #[test]
    fn every_variant_has_a_unique_code() {
        round_trips(&ApplicationState::ALL);
        round_trips(&Role::ALL);
        round_trips(&PortfolioPart::ALL);
        round_trips(&[ItCategory::Innovative, ItCategory::Differentiating, ItCategory::Basic]);
        round_trips(&[UnitKind::Department, UnitKind::District, UnitKind::Company]);
        assert!(ApplicationState::from_code("approved").is_err());
    }
}
