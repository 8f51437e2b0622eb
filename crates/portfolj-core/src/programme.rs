//! The programme ("Program för digital förnyelse 2013–2018"), its five focus areas
//! (each with its own portfolio of money) and the council's three goals.

use crate::error::ValidationErrors;

/// The programme and its period. Fiscal years outside the period cannot be applied for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Programme {
    pub name: String,
    pub first_year: i32,
    pub last_year: i32,
}

impl Programme {
    /// Stockholm's programme for digital renewal, as decided by the city council.
    pub fn stockholm_2013_2018() -> Self {
        Self { name: "Program för digital förnyelse 2013–2018".to_owned(), first_year: 2013, last_year: 2018 }
    }

    pub fn contains_year(&self, year: i32) -> bool {
        (self.first_year..=self.last_year).contains(&year)
    }

    pub fn years(&self) -> impl Iterator<Item = i32> {
        self.first_year..=self.last_year
    }

    /// Checks a year given for `field`, with the Swedish message naming the period.
    pub fn check_year(&self, year: i32, field: &'static str, errors: &mut ValidationErrors) {
        if !self.contains_year(year) {
            errors.push(
                field,
                format!("Budgetåret måste ligga inom programperioden {}–{}.", self.first_year, self.last_year),
            );
        }
    }
}

/// A focus area (fokusområde) and its portfolio: the two are one-to-one, so one type
/// names both. The number is the one used in the programme document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Portfolio {
    CitizenService = 1,
    Information = 2,
    SkillsAndUse = 3,
    Collaboration = 4,
    Innovation = 5,
}

/// The glossary's name for the same thing seen as a priority area.
pub type FocusArea = Portfolio;

impl Portfolio {
    pub const ALL: [Portfolio; 5] = [
        Portfolio::CitizenService,
        Portfolio::Information,
        Portfolio::SkillsAndUse,
        Portfolio::Collaboration,
        Portfolio::Innovation,
    ];

    pub fn number(self) -> u8 {
        self as u8
    }

    pub fn from_number(number: i64) -> Option<Self> {
        Self::ALL.into_iter().find(|p| i64::from(p.number()) == number)
    }

    /// The focus area's full name from the programme (001 §3).
    pub fn name_sv(self) -> &'static str {
        match self {
            Portfolio::CitizenService => "Tillgänglighet och service för medborgare, företagande och besök",
            Portfolio::Information => "Förbättrad förmåga att sammanställa, analysera och återanvända information",
            Portfolio::SkillsAndUse => {
                "Utbildning och systemutveckling i syfte att öka och förenkla användning av befintligt it-stöd"
            }
            Portfolio::Collaboration => "Samverkan och informationsutbyte med andra myndigheter och organisationer",
            Portfolio::Innovation => "Innovativ verksamhetsutveckling med hjälp av it",
        }
    }

    /// A short label for tables and menus.
    pub fn short_name_sv(self) -> &'static str {
        match self {
            Portfolio::CitizenService => "Service för medborgare",
            Portfolio::Information => "Information och analys",
            Portfolio::SkillsAndUse => "Användning av befintligt it-stöd",
            Portfolio::Collaboration => "Samverkan och informationsutbyte",
            Portfolio::Innovation => "Innovation",
        }
    }
}

/// The city council's three direction goals (kommunfullmäktiges inriktningsmål).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CouncilGoal {
    Kf1,
    Kf2,
    Kf3,
}

impl CouncilGoal {
    pub const ALL: [CouncilGoal; 3] = [CouncilGoal::Kf1, CouncilGoal::Kf2, CouncilGoal::Kf3];

    pub fn code(self) -> &'static str {
        match self {
            CouncilGoal::Kf1 => "KF1",
            CouncilGoal::Kf2 => "KF2",
            CouncilGoal::Kf3 => "KF3",
        }
    }

    pub fn name_sv(self) -> &'static str {
        match self {
            CouncilGoal::Kf1 => {
                "Stockholm ska vara en attraktiv, trygg, tillgänglig och växande stad för boende, företagande och besök"
            }
            CouncilGoal::Kf2 => "Kvalitet och valfrihet ska utvecklas och förbättras",
            CouncilGoal::Kf3 => "Stadens verksamheter ska vara kostnadseffektiva",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portfolio_numbers_follow_the_programme_document() {
        let numbers: Vec<u8> = Portfolio::ALL.iter().map(|p| p.number()).collect();
        assert_eq!(numbers, vec![1, 2, 3, 4, 5]);
        assert_eq!(Portfolio::from_number(5), Some(Portfolio::Innovation));
        assert_eq!(Portfolio::from_number(6), None);
        assert_eq!(Portfolio::from_number(0), None);
    }

    #[test]
    fn years_outside_the_period_are_rejected_with_the_period_named() {
        let programme = Programme::stockholm_2013_2018();
        let mut errors = ValidationErrors::default();
        programme.check_year(2012, "fiscal_year", &mut errors);
        programme.check_year(2013, "fiscal_year", &mut errors);
        programme.check_year(2018, "fiscal_year", &mut errors);
        programme.check_year(2019, "fiscal_year", &mut errors);
        assert_eq!(errors.0.len(), 2);
        assert!(errors.0[0].message.contains("2013–2018"));
    }
}
