//! The decision notice (beslutsmeddelande) the applying unit receives: what was decided on
//! its application, by whom, when and under which diarienummer, and what follows — as a
//! [`Document`] for `portfolj-report`.

use chrono::NaiveDate;

use crate::decision::DecisionKind;
use crate::document::{Block, Document};
use crate::language::{Language, Named as _};
use crate::money::Sek;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeInput {
    pub application_id: String,
    pub title: String,
    pub unit_name: String,
    pub portfolio: String,
    pub year: i32,
    pub requested: Sek,
    pub kind: DecisionKind,
    pub granted: Option<Sek>,
    pub conditions: String,
    pub case_number: String,
    pub decided_on: NaiveDate,
    pub decider: String,
    /// The version of the decision, and why it replaced the one before (version 2 on).
    pub version: u32,
    pub reason: String,
}

fn what_follows(input: &NoticeInput, language: Language) -> String {
    let conditions = !input.conditions.trim().is_empty();
    let granted = input.granted.unwrap_or(Sek::ZERO).format_sv();
    match (input.kind, language) {
        (DecisionKind::Granted, Language::Sv) => format!(
            "Stadsdirektören har beslutat att bevilja {granted} ur portföljen för {} till det som ansökan beskriver{}. \
             Projektet lämnar statusrapporter enligt projektkontorets schema och en slutrapport när det är klart; \
             nyttan följs upp ett år efter att projektet avslutats och jämförs med den fastställda \
             nyttovärderingen.",
            input.year,
            if conditions { ", med villkoren ovan" } else { "" }
        ),
        (DecisionKind::Granted, Language::En) => format!(
            "The City Executive has decided to grant {granted} from the portfolio for {} to what the \
             application describes{}. The project reports its status on the project office's schedule and \
             submits a final report when it is done; the benefit is followed up one year after the project \
             closes and compared with the approved benefit valuation.",
            input.year,
            if conditions { ", on the conditions above" } else { "" }
        ),
        (DecisionKind::Rejected, language) => language
            .pick(
                "Stadsdirektören har beslutat att avslå ansökan. Enheten kan söka igen i en senare \
                 ansökningsomgång; projektkontoret och projektcoacherna hjälper gärna till.",
                "The City Executive has decided to reject the application. The unit may apply again \
                 in a later round; the project office and the project coaches are glad to help.",
            )
            .to_owned(),
        (DecisionKind::ReferredBack, language) => language
            .pick(
                "Stadsdirektören har beslutat att återremittera ansökan. Komplettera den enligt villkoren \
                 ovan; den prövas därefter på nytt.",
                "The City Executive has referred the application back. Complete it as the conditions \
                 above say; it will then be considered again.",
            )
            .to_owned(),
    }
}

/// The notice as a document, in `language`.
pub fn document(input: &NoticeInput, language: Language) -> Document {
    let fact = |sv: &str, en: &str, value: String| (language.pick(sv, en).to_owned(), value);
    let mut facts = vec![
        fact("Ansökan", "Application", format!("{} ({})", input.title, input.application_id)),
        fact("Sökande enhet", "Applying unit", input.unit_name.clone()),
        fact("Portfölj", "Portfolio", input.portfolio.clone()),
        fact("Budgetår", "Fiscal year", input.year.to_string()),
        fact("Sökt belopp", "Requested amount", input.requested.format_sv()),
        fact("Beslut", "Decision", input.kind.name(language).to_owned()),
    ];
    if let Some(granted) = input.granted {
        facts.push(fact("Beviljat belopp", "Amount granted", granted.format_sv()));
    }
    if !input.conditions.trim().is_empty() {
        facts.push(fact("Villkor", "Conditions", input.conditions.clone()));
    }
    facts.extend([
        fact("Beslutsdatum", "Date of decision", input.decided_on.format("%Y-%m-%d").to_string()),
        fact("Beslutsfattare", "Decided by", input.decider.clone()),
        fact("Diarienummer", "Case number", input.case_number.clone()),
    ]);
    let mut blocks = vec![
        Block::Heading { level: 1, text: format!("{}: {}", language.pick("Beslut", "Decision"), input.title) },
        Block::Facts(facts),
        Block::Paragraph(what_follows(input, language)),
    ];
    if input.version > 1 {
        blocks.push(Block::Paragraph(match language {
            Language::Sv => format!(
                "Detta beslut (version {}) ersätter det tidigare beslutet i ärendet. Skäl: {}",
                input.version, input.reason
            ),
            Language::En => format!(
                "This decision (version {}) replaces the earlier decision in the case. Reason: {}",
                input.version, input.reason
            ),
        }));
    }
    Document {
        title: format!("{} {}", language.pick("Beslutsmeddelande", "Decision notice"), input.case_number),
        header: format!(
            "{} {} · {}",
            language.pick("Dnr", "Case"),
            input.case_number,
            input.decided_on.format("%Y-%m-%d")
        ),
        draft: false,
        language,
        blocks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(kind: DecisionKind) -> NoticeInput {
        NoticeInput {
            application_id: "a1".to_owned(),
            title: "E-tjänst för bygglov".to_owned(),
            unit_name: "Stadsbyggnadskontoret".to_owned(),
            portfolio: "1. Tillgänglighet och service".to_owned(),
            year: 2018,
            requested: Sek::kronor(1_000_000).expect("amount"),
            kind,
            granted: (kind == DecisionKind::Granted).then(|| Sek::kronor(750_000).expect("amount")),
            conditions: String::new(),
            case_number: "KS 2017/1234".to_owned(),
            decided_on: NaiveDate::from_ymd_opt(2017, 12, 15).expect("date"),
            decider: "Stadsdirektören".to_owned(),
            version: 1,
            reason: String::new(),
        }
    }

    #[test]
    fn a_grant_says_the_amount_the_case_and_what_follows() {
        let text = document(&input(DecisionKind::Granted), Language::Sv).to_text();
        assert!(text.starts_with("Dnr KS 2017/1234 · 2017-12-15\nBeslutsmeddelande KS 2017/1234"), "{text}");
        assert!(text.contains("Beviljat belopp: 750\u{a0}000\u{a0}kr"));
        assert!(text.contains("bevilja 750\u{a0}000\u{a0}kr ur portföljen för 2018"));
        assert!(text.contains("nyttan följs upp ett år efter"));
    }

    #[test]
    fn a_rejection_has_no_amount_and_a_correction_says_what_it_replaces() {
        let mut corrected = input(DecisionKind::Rejected);
        corrected.version = 2;
        corrected.reason = "Fel diarienummer i första beslutet.".to_owned();
        let text = document(&corrected, Language::Sv).to_text();
        assert!(!text.contains("Beviljat belopp"));
        assert!(text.contains("Beslut: avslagen"));
        assert!(text.contains("ersätter det tidigare beslutet i ärendet. Skäl: Fel diarienummer"));
    }

    #[test]
    fn an_english_notice_says_the_same_in_english_and_keeps_the_swedish_formats() {
        let mut granted = input(DecisionKind::Granted);
        granted.conditions = "Rapportera kvartalsvis.".to_owned();
        let text = document(&granted, Language::En).to_text();
        assert!(text.starts_with("Case KS 2017/1234 · 2017-12-15\nDecision notice KS 2017/1234"), "{text}");
        assert!(text.contains("Decision: granted"));
        assert!(text.contains("Amount granted: 750\u{a0}000\u{a0}kr"));
        assert!(text.contains("Conditions: Rapportera kvartalsvis."));
        assert!(text.contains("to grant 750\u{a0}000\u{a0}kr from the portfolio for 2018"), "{text}");
        assert!(text.contains(", on the conditions above."));
        for swedish in ["Beslut", "Sökt belopp", "Stadsdirektören har", "Dnr"] {
            assert!(!text.contains(swedish), "{swedish} in {text}");
        }
    }

    #[test]
    fn every_kind_of_decision_is_explained_in_each_language() {
        for kind in DecisionKind::ALL {
            let sv = document(&input(kind), Language::Sv).to_text();
            let en = document(&input(kind), Language::En).to_text();
            assert!(sv.contains(&format!("Beslut: {}", kind.name(Language::Sv))));
            assert!(en.contains(&format!("Decision: {}", kind.name(Language::En))));
            assert!(en.contains("The City Executive has"), "{en}");
        }
    }
}
