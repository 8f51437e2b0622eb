//! Frames (ramar): how much each portfolio may grant in one fiscal year, optionally
//! split into the programme's three portfolio parts.

use crate::application::ItCategory;
use crate::error::ValidationErrors;
use crate::money::Sek;
use crate::programme::{Portfolio, Programme};

/// The three shares of a portfolio (001, report §6.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PortfolioPart {
    /// New and innovative development.
    Innovation,
    /// Improving existing e-services.
    Improvement,
    /// Managing standardised functionality.
    Management,
}

impl PortfolioPart {
    pub const ALL: [PortfolioPart; 3] =
        [PortfolioPart::Innovation, PortfolioPart::Improvement, PortfolioPart::Management];

    /// Which share an application draws on: innovative development from the innovation
    /// part, differentiating improvement from the improvement part, basic functionality
    /// from management.
    pub fn of(category: ItCategory) -> Self {
        match category {
            ItCategory::Innovative => Self::Innovation,
            ItCategory::Differentiating => Self::Improvement,
            ItCategory::Basic => Self::Management,
        }
    }

    pub fn name_sv(self) -> &'static str {
        match self {
            Self::Innovation => "innovation",
            Self::Improvement => "förbättring",
            Self::Management => "förvaltning",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubFrame {
    pub part: PortfolioPart,
    pub amount: Sek,
}

/// A portfolio's budget for one fiscal year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    pub portfolio: Portfolio,
    pub year: i32,
    pub amount: Sek,
    pub sub_frames: Vec<SubFrame>,
}

impl Frame {
    /// A frame is valid inside the programme period, with each part named once and the
    /// parts together not above the frame.
    pub fn validate(self, programme: &Programme) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        programme.check_year(self.year, "year", &mut errors);
        let mut parts: Vec<PortfolioPart> = self.sub_frames.iter().map(|s| s.part).collect();
        parts.sort();
        parts.dedup();
        if parts.len() != self.sub_frames.len() {
            errors.push("sub_frames", "Varje del av portföljen får bara ha en delram.");
        }
        let total = self.sub_frames.iter().try_fold(Sek::ZERO, |sum, s| sum.checked_add(s.amount));
        if total.is_none_or(|total| total > self.amount) {
            errors.push("sub_frames", "Delramarna får tillsammans inte överstiga portföljens ram.");
        }
        errors.into_result(|| self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(amount: i64, parts: &[(PortfolioPart, i64)]) -> Frame {
        Frame {
            portfolio: Portfolio::Innovation,
            year: 2014,
            amount: Sek::kronor(amount).expect("valid"),
            sub_frames: parts
                .iter()
                .map(|(part, a)| SubFrame { part: *part, amount: Sek::kronor(*a).expect("valid") })
                .collect(),
        }
    }

    #[test]
    fn sub_frames_within_the_frame_are_accepted() {
        let f = frame(100, &[(PortfolioPart::Innovation, 60), (PortfolioPart::Improvement, 40)]);
        assert!(f.validate(&Programme::stockholm_2013_2018()).is_ok());
    }

    #[test]
    fn sub_frames_above_the_frame_are_rejected() {
        let f = frame(100, &[(PortfolioPart::Innovation, 60), (PortfolioPart::Improvement, 41)]);
        let errors = f.validate(&Programme::stockholm_2013_2018()).expect_err("over frame");
        assert_eq!(errors.0[0].field, "sub_frames");
    }

    #[test]
    fn a_part_named_twice_is_rejected() {
        let f = frame(100, &[(PortfolioPart::Innovation, 10), (PortfolioPart::Innovation, 10)]);
        assert!(f.validate(&Programme::stockholm_2013_2018()).is_err());
    }
}
