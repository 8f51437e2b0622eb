//! The decision notice (beslutsmeddelande) the applying unit receives: what was decided on
//! its application, by whom, when and under which diarienummer, and what follows — as a
//! [`Document`] for `portfolj-report`.

use chrono::NaiveDate;

use crate::decision::DecisionKind;
use crate::document::{Block, Document};
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

fn what_follows(input: &NoticeInput) -> String {
    match input.kind {
        DecisionKind::Granted => format!(
            "Stadsdirektören har beslutat att bevilja {} ur portföljen för {} till det som ansökan beskriver{}. \
             Projektet lämnar statusrapporter enligt projektkontorets schema och en slutrapport när det är klart; \
             nyttan följs upp ett år efter att projektet avslutats och jämförs med den fastställda \
             nyttovärderingen.",
            input.granted.unwrap_or(Sek::ZERO).format_sv(),
            input.year,
            if input.conditions.trim().is_empty() { "" } else { ", med villkoren ovan" }
        ),
        DecisionKind::Rejected => "Stadsdirektören har beslutat att avslå ansökan. Enheten kan söka igen i en senare \
                                   ansökningsomgång; projektkontoret och projektcoacherna hjälper gärna till."
            .to_owned(),
        DecisionKind::ReferredBack => "Stadsdirektören har beslutat att återremittera ansökan. Komplettera den enligt \
                                       villkoren ovan; den prövas därefter på nytt."
            .to_owned(),
    }
}

/// The notice as a document.
pub fn document(input: &NoticeInput) -> Document {
    let mut facts = vec![
        ("Ansökan".to_owned(), format!("{} ({})", input.title, input.application_id)),
        ("Sökande enhet".to_owned(), input.unit_name.clone()),
        ("Portfölj".to_owned(), input.portfolio.clone()),
        ("Budgetår".to_owned(), input.year.to_string()),
        ("Sökt belopp".to_owned(), input.requested.format_sv()),
        ("Beslut".to_owned(), input.kind.name_sv().to_owned()),
    ];
    if let Some(granted) = input.granted {
        facts.push(("Beviljat belopp".to_owned(), granted.format_sv()));
    }
    if !input.conditions.trim().is_empty() {
        facts.push(("Villkor".to_owned(), input.conditions.clone()));
    }
    facts.extend([
        ("Beslutsdatum".to_owned(), input.decided_on.format("%Y-%m-%d").to_string()),
        ("Beslutsfattare".to_owned(), input.decider.clone()),
        ("Diarienummer".to_owned(), input.case_number.clone()),
    ]);
    let mut blocks = vec![
        Block::Heading { level: 1, text: format!("Beslut: {}", input.title) },
        Block::Facts(facts),
        Block::Paragraph(what_follows(input)),
    ];
    if input.version > 1 {
        blocks.push(Block::Paragraph(format!(
            "Detta beslut (version {}) ersätter det tidigare beslutet i ärendet. Skäl: {}",
            input.version, input.reason
        )));
    }
    Document {
        title: format!("Beslutsmeddelande {}", input.case_number),
        header: format!("Dnr {} · {}", input.case_number, input.decided_on.format("%Y-%m-%d")),
        draft: false,
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
        let text = document(&input(DecisionKind::Granted)).to_text();
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
        let text = document(&corrected).to_text();
        assert!(!text.contains("Beviljat belopp"));
        assert!(text.contains("Beslut: avslagen"));
        assert!(text.contains("ersätter det tidigare beslutet i ärendet. Skäl: Fel diarienummer"));
    }
}
