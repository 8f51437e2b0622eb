use chrono::NaiveDate;
use rust_decimal::Decimal;
use uuid::Uuid;

use super::*;
use crate::application::details::{Level, Risk};

fn sek(kronor: i64) -> Sek {
    Sek::kronor(kronor).expect("a valid amount")
}

fn d(text: &str) -> Decimal {
    text.parse().expect("a decimal")
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

fn proposal(n: u128, title: &str, amount: i64) -> Proposal {
    Proposal {
        application_id: ApplicationId(Uuid::from_u128(n)),
        title: title.to_owned(),
        unit_name: "Stadsledningskontoret".to_owned(),
        part: PortfolioPart::Improvement,
        requested: sek(amount),
        amount: sek(amount),
        purpose: "Färre manuella steg för handläggarna.".to_owned(),
        score: Some(ScoreFigures {
            mean: d("4.25"),
            median: d("4.5"),
            min: d("3.5"),
            max: d("4.75"),
            spread: d("1.25"),
            count: 4,
        }),
        valuation: Some(ValuationFigures {
            valuer: "Vera Värderare".to_owned(),
            approved_on: Some(day("2014-02-10")),
            pv_benefits: d("3400000"),
            pv_costs: d("1200000.50"),
            npv: d("2199999.50"),
            benefit_cost_ratio: Some(d("2.8333")),
            payback_year: Some(2016),
        }),
        owner: OwnerReadiness { system_owner: "Åsa Ägare".to_owned(), accepted_on: Some(day("2014-01-20")) },
        recommendation: Some(("tillstyrks".to_owned(), "Tydlig nytta för medborgarna.".to_owned())),
        risks: vec![
            risk("Leverantören hinner inte", Level::Medium, Level::Medium),
            risk("Verksamheten saknar tid", Level::High, Level::High),
            risk("Licenspriset ändras", Level::Low, Level::Medium),
        ],
        missing: vec![],
        absent: vec![("Bo Frånvarande".to_owned(), "föräldraledig".to_owned())],
        decision: None,
    }
}

fn risk(description: &str, likelihood: Level, consequence: Level) -> Risk {
    Risk {
        description: description.to_owned(), likelihood, consequence, mitigation: "Följs upp månadsvis.".to_owned()
    }
}

fn memo() -> MemoInput {
    let mut left_out = proposal(3, "Digital anslagstavla", 1_500_000);
    left_out.score = None;
    left_out.valuation = None;
    MemoInput {
        year: 2014,
        case_number: Some("KS 2014/123".to_owned()),
        date: day("2014-03-01"),
        portfolios: vec![
            PortfolioSection {
                number: 1,
                name: "Tillgänglighet och service för medborgare, företagande och besök".to_owned(),
                frame: Some(sek(5_000_000)),
                sub_frames: vec![(PortfolioPart::Improvement, sek(3_000_000))],
                basis: "Beräknat urval: gruppens medelvärde inom den fastställda ramen.".to_owned(),
                proposals: vec![proposal(1, "E-tjänst för bygglov", 2_500_000), proposal(2, "Öppna data", 1_250_000)],
                left_out: vec![(left_out, "Ryms inte: 1 250 000 kr återstår av ramen.".to_owned())],
            },
            PortfolioSection {
                number: 5,
                name: "Innovativ verksamhetsutveckling med hjälp av it".to_owned(),
                frame: None,
                sub_frames: vec![],
                basis: "Inga ansökningar väntar på beslut.".to_owned(),
                proposals: vec![],
                left_out: vec![],
            },
        ],
        integrity: Integrity {
            valuations: 2,
            jav: vec!["Karin Ledamot – Öppna data: samma enhet".to_owned()],
            double_counts_resolved: vec![
                "Löst: E-tjänst för bygglov: minskad pappershantering – delad 50/50".to_owned(),
            ],
            ..Integrity::default()
        },
        parameters: vec![("Mål".to_owned(), "Beredningsgruppens medelvärde".to_owned())],
        audit_head: Some("ab12".to_owned()),
    }
}

#[test]
fn the_memo_reads_as_its_snapshot() {
    let text = memo().document(false).to_text();
    // `UPDATE_SNAPSHOTS=1 cargo test -p portfolj-core memo` rewrites the file; review its diff.
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/src/memo/snapshot.txt"), &text).expect("snapshot written");
    }
    let expected = include_str!("snapshot.txt");
    assert!(text == expected, "the memo changed; new text:\n{text}");
}

#[test]
fn a_memo_with_a_reviewer_still_to_score_is_a_draft_even_when_final_is_asked_for() {
    let mut input = memo();
    input.portfolios[0].left_out[0].0.missing = vec!["Per Poängsättare".to_owned()];
    assert_eq!(input.incomplete(), vec!["Digital anslagstavla".to_owned()]);
    let document = input.document(false);
    assert!(document.draft);
    assert!(document.to_text().contains("Digital anslagstavla: saknas Per Poängsättare"));
    assert!(!memo().document(false).draft);
    assert!(memo().document(true).draft);
}

#[test]
fn the_fingerprint_follows_the_inputs_and_not_the_day_of_printing() {
    let base = memo().fingerprint();
    assert_eq!(base.len(), 64);
    let mut later = memo();
    later.date = day("2014-03-05");
    later.audit_head = Some("cd34".to_owned());
    assert_eq!(later.fingerprint(), base);
    let mut changed = memo();
    changed.portfolios[0].proposals[1].amount = sek(1_250_001);
    assert_ne!(changed.fingerprint(), base);
}

#[test]
fn remaining_frame_and_use_are_exact_and_an_overrun_is_said() {
    let input = memo();
    assert_eq!(input.portfolios[0].proposed(), sek(3_750_000));
    assert_eq!(input.portfolios[0].remaining(), Some(d("1250000")));
    let mut over = memo();
    over.portfolios[0].frame = Some(sek(3_000_000));
    let text = over.document(false).to_text();
    assert!(text.contains("förslaget ryms inte inom ramen (eller saknar ram) i portfölj 1"), "{text}");
    assert!(text.contains("3\u{a0}750\u{a0}000\u{a0}kr av 3\u{a0}000\u{a0}000\u{a0}kr (125,0 %)"), "{text}");
}

#[test]
fn the_main_risks_are_the_two_with_the_highest_likelihood_times_consequence() {
    let p = proposal(1, "E-tjänst", 1);
    let main: Vec<&str> = main_risks(&p.risks).iter().map(|r| r.description.as_str()).collect();
    assert_eq!(main, vec!["Verksamheten saknar tid", "Leverantören hinner inte"]);
}
