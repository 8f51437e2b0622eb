//! The stadsdirektör's decision on an application, after the utvecklingsråd (DOMAIN.md §8),
//! and the rules the projektkontor's record of it must follow.

use crate::application::ApplicationState;
use crate::language::Named as _;
use crate::money::Sek;
use crate::{DomainError, ValidationErrors};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DecisionKind {
    /// Beviljad, possibly with less than was asked for and with conditions.
    Granted,
    /// Avslagen.
    Rejected,
    /// Återremitterad.
    ReferredBack,
}

impl DecisionKind {
    pub const ALL: [DecisionKind; 3] = [Self::Granted, Self::Rejected, Self::ReferredBack];

    pub fn code(self) -> &'static str {
        match self {
            Self::Granted => "granted",
            Self::Rejected => "rejected",
            Self::ReferredBack => "referred_back",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Where the decision takes the application.
    pub fn state(self) -> ApplicationState {
        match self {
            Self::Granted => ApplicationState::Granted,
            Self::Rejected => ApplicationState::Rejected,
            Self::ReferredBack => ApplicationState::ReferredBack,
        }
    }
}

crate::language::named!(DecisionKind {
    DecisionKind::Granted => ("beviljad", "granted"),
    DecisionKind::Rejected => ("avslagen", "rejected"),
    DecisionKind::ReferredBack => ("återremitterad", "referred back"),
});

/// What a recorded decision is checked against.
#[derive(Debug, Clone)]
pub struct DecisionInput<'a> {
    pub kind: DecisionKind,
    pub granted: Option<Sek>,
    pub requested: Sek,
    pub case_number: &'a str,
    /// The person named as decider holds the decider role.
    pub decider_may_decide: bool,
    /// The decision this one replaces, if any.
    pub previous: Option<DecisionKind>,
    pub reason: &'a str,
}

/// A decision names its diarienummer and a decider who decides; a grant states an amount
/// no larger than asked for; a change keeps the kind and says why.
pub fn check_decision(input: &DecisionInput<'_>) -> Result<(), DomainError> {
    if !input.decider_may_decide {
        return Err(DomainError::Forbidden(
            "Den angivna personen fattar inte beslut i programmet. Ange stadsdirektören (beslutsfattare).".to_owned(),
        ));
    }
    if let Some(previous) = input.previous
        && previous != input.kind
    {
        return Err(DomainError::NotAllowedNow(format!(
            "Ansökan är redan {}. Ett beslut av annat slag kräver en ny ansökan eller ett nytt ärende.",
            previous.name_sv()
        )));
    }
    let mut e = ValidationErrors::default();
    if input.case_number.trim().is_empty() {
        e.push("case_number", "Ange diarienummer, till exempel KS 2017/1234.");
    }
    match (input.kind, input.granted) {
        (DecisionKind::Granted, None) => e.push("granted_amount", "Ange beviljat belopp."),
        (DecisionKind::Granted, Some(amount)) if amount.to_ore() <= 0 => {
            e.push("granted_amount", "Beviljat belopp ska vara större än noll.");
        }
        (DecisionKind::Granted, Some(amount)) if amount > input.requested => e.push(
            "granted_amount",
            format!("Beviljat belopp får inte vara större än det sökta ({}).", input.requested.format_sv()),
        ),
        (DecisionKind::Rejected | DecisionKind::ReferredBack, Some(_)) => {
            e.push("granted_amount", "Bara ett beviljande har ett belopp.");
        }
        _ => {}
    }
    if input.previous.is_some() && input.reason.trim().is_empty() {
        e.push("reason", "Ange varför beslutet ändras; det tidigare beslutet finns kvar.");
    }
    e.into_result(|| ()).map_err(DomainError::Invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(kind: DecisionKind, granted: Option<i64>) -> DecisionInput<'static> {
        DecisionInput {
            kind,
            granted: granted.map(|k| Sek::kronor(k).expect("amount")),
            requested: Sek::kronor(1_000_000).expect("amount"),
            case_number: "KS 2017/1234",
            decider_may_decide: true,
            previous: None,
            reason: "",
        }
    }

    #[test]
    fn a_grant_of_at_most_the_requested_amount_with_a_case_number_is_accepted() {
        assert_eq!(check_decision(&input(DecisionKind::Granted, Some(750_000))), Ok(()));
        assert_eq!(check_decision(&input(DecisionKind::Rejected, None)), Ok(()));
    }

    #[test]
    fn a_grant_above_the_request_or_without_an_amount_is_refused() {
        let e = check_decision(&input(DecisionKind::Granted, Some(1_000_001))).expect_err("too much");
        assert!(e.to_string().contains("inte vara större än det sökta"), "{e}");
        assert!(check_decision(&input(DecisionKind::Granted, None)).is_err());
        assert!(check_decision(&input(DecisionKind::Rejected, Some(10))).is_err());
    }

    #[test]
    fn a_decision_without_a_case_number_or_by_a_non_decider_is_refused() {
        let mut no_case = input(DecisionKind::Rejected, None);
        no_case.case_number = " ";
        assert!(check_decision(&no_case).expect_err("no case").to_string().contains("diarienummer"));
        let mut not_decider = input(DecisionKind::Rejected, None);
        not_decider.decider_may_decide = false;
        assert!(matches!(check_decision(&not_decider), Err(DomainError::Forbidden(_))));
    }

    #[test]
    fn a_change_keeps_the_kind_and_says_why() {
        let mut change = input(DecisionKind::Granted, Some(500_000));
        change.previous = Some(DecisionKind::Granted);
        assert!(check_decision(&change).expect_err("no reason").to_string().contains("varför"));
        change.reason = "Rättat belopp efter protokollsjustering.";
        assert_eq!(check_decision(&change), Ok(()));
        let mut other_kind = input(DecisionKind::Rejected, None);
        other_kind.previous = Some(DecisionKind::Granted);
        assert!(matches!(check_decision(&other_kind), Err(DomainError::NotAllowedNow(_))));
    }
}
