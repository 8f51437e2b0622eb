//! Jäv: why a member may not score an application. The unit-based kinds are found from the
//! organisation; the others are declared by the member or recorded by the office.

use crate::UnitId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum JavKind {
    /// The member works at the applying unit.
    SameUnit,
    /// The member's unit is among those that share the benefit or the cost.
    CoBenefitingUnit,
    PersonalRelation,
    EconomicInterest,
    Other,
}

impl JavKind {
    pub fn name_sv(self) -> &'static str {
        match self {
            Self::SameUnit => "samma enhet som den sökande",
            Self::CoBenefitingUnit => "enheten har del i nyttan eller kostnaden",
            Self::PersonalRelation => "personlig relation",
            Self::EconomicInterest => "ekonomiskt intresse",
            Self::Other => "annat jäv",
        }
    }

    pub const ALL: [JavKind; 5] =
        [Self::SameUnit, Self::CoBenefitingUnit, Self::PersonalRelation, Self::EconomicInterest, Self::Other];

    /// The kind as stored and sent.
    pub fn code(self) -> &'static str {
        match self {
            Self::SameUnit => "same_unit",
            Self::CoBenefitingUnit => "co_benefiting_unit",
            Self::PersonalRelation => "personal_relation",
            Self::EconomicInterest => "economic_interest",
            Self::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// A kind a member declares or the office records (the others are found).
    pub fn declared_from_code(code: &str) -> Option<Self> {
        Self::from_code(code).filter(|k| !k.is_detected())
    }

    /// Found from the organisation rather than declared.
    pub fn is_detected(self) -> bool {
        matches!(self, Self::SameUnit | Self::CoBenefitingUnit)
    }
}

/// One reason a member is jävig for one application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jav {
    pub kind: JavKind,
    /// Why, in the member's or the office's words (empty for detected kinds).
    pub motivation: String,
}

/// The unit-based jäv of a member from `member_unit` for an application of `applying_unit`
/// whose benefit or cost is shared with `co_units`.
pub fn detect_unit_jav(member_unit: UnitId, applying_unit: UnitId, co_units: &[UnitId]) -> Vec<Jav> {
    let mut found = Vec::new();
    if member_unit == applying_unit {
        found.push(Jav { kind: JavKind::SameUnit, motivation: String::new() });
    } else if co_units.contains(&member_unit) {
        found.push(Jav { kind: JavKind::CoBenefitingUnit, motivation: String::new() });
    }
    found
}
