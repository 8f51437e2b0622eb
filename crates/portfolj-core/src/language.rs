//! The language a document is written in, and the names of the domain's values in each.
//!
//! The UI has its own catalogue; the documents the core builds keep their Swedish and
//! English side by side in the builder (`language.pick("Sökt belopp", "Amount requested")`),
//! so a text and its translation are always changed together. Names that belong to the
//! programme itself — portfolios, the council's goals, units — are the programme's data and
//! stay as the programme wrote them, as they do in the English UI. Figures keep the Swedish
//! formats in both languages ("1 234 567 kr", ISO dates), like the UI.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    #[default]
    Sv,
    En,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::Sv, Language::En];

    /// The ISO 639-1 code, as the UI and the CLI write it.
    pub fn code(self) -> &'static str {
        match self {
            Language::Sv => "sv",
            Language::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The text in this language, from its Swedish and English versions.
    pub fn pick<'a>(self, sv: &'a str, en: &'a str) -> &'a str {
        match self {
            Language::Sv => sv,
            Language::En => en,
        }
    }
}

/// A value with a name in each language: states, categories, levels and the like.
pub trait Named: Copy {
    fn name(self, language: Language) -> &'static str;

    fn name_sv(self) -> &'static str {
        self.name(Language::Sv)
    }
}

/// Implements [`Named`] from one `Variant => ("svenska", "English")` line per variant.
macro_rules! named {
    ($type:ty { $($variant:path => ($sv:expr, $en:expr)),+ $(,)? }) => {
        impl $crate::language::Named for $type {
            fn name(self, language: $crate::language::Language) -> &'static str {
                match self {
                    $($variant => language.pick($sv, $en),)+
                }
            }
        }
    };
}
pub(crate) use named;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for language in Language::ALL {
            assert_eq!(Language::from_code(language.code()), Some(language));
        }
        assert_eq!(Language::from_code("de"), None);
        assert_eq!(Language::default(), Language::Sv);
    }

    #[test]
    fn pick_returns_the_text_in_the_language() {
        assert_eq!(Language::Sv.pick("Sökt belopp", "Amount requested"), "Sökt belopp");
        assert_eq!(Language::En.pick("Sökt belopp", "Amount requested"), "Amount requested");
    }
}
