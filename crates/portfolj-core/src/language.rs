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
    /// The ISO 639-1 code, as `<html lang>` and the UI write it.
    pub fn code(self) -> &'static str {
        match self {
            Language::Sv => "sv",
            Language::En => "en",
        }
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
    fn swedish_is_the_default_and_each_language_has_its_code() {
        assert_eq!(Language::default(), Language::Sv);
        assert_eq!((Language::Sv.code(), Language::En.code()), ("sv", "en"));
    }

    #[test]
    fn pick_returns_the_text_in_the_language() {
        assert_eq!(Language::Sv.pick("Sökt belopp", "Amount requested"), "Sökt belopp");
        assert_eq!(Language::En.pick("Sökt belopp", "Amount requested"), "Amount requested");
    }
}
