//! The decision memo of 200 proposed applications (40 in each of five portfolios, each with
//! its own page, risks and figures): building the document in the core, and building plus
//! rendering the PDF. Target (issue 8): the whole memo ≤ 500 ms.

use chrono::{NaiveDate, TimeZone, Utc};
use portfolj_core::application::details::{Level, Risk};
use portfolj_core::frame::PortfolioPart;
use portfolj_core::memo::{
    Integrity, MemoInput, OwnerReadiness, PortfolioSection, Proposal, ScoreFigures, ValuationFigures,
};
use portfolj_core::{ApplicationId, Portfolio, Sek};
use portfolj_report::{PdfOptions, pdf};
use rust_decimal::Decimal;
use uuid::Uuid;

fn main() {
    divan::main();
}

fn proposal(n: usize) -> Proposal {
    let day = NaiveDate::from_ymd_opt(2018, 1, 1 + (n % 28) as u32).expect("a date");
    let amount = Sek::kronor(250_000 + (n as i64 % 17) * 35_000).expect("amount");
    Proposal {
        application_id: ApplicationId(Uuid::from_u128(n as u128 + 1)),
        title: format!("E-tjänst nummer {n} för ärendehantering och självservice i stadsdelsförvaltningen"),
        unit_name: "Södermalms stadsdelsförvaltning".to_owned(),
        part: PortfolioPart::ALL[n % 3],
        requested: amount,
        amount,
        purpose: "Medborgare ska kunna följa sitt ärende och lämna kompletteringar digitalt, så att handläggarna \
                  slipper manuella moment och svarstiderna blir kortare. "
            .repeat(3),
        score: Some(ScoreFigures {
            mean: Decimal::new(300 + (n as i64 % 150), 2),
            median: Decimal::new(325, 2),
            min: Decimal::new(200, 2),
            max: Decimal::new(475, 2),
            spread: Decimal::new(275, 2),
            count: 6,
        }),
        valuation: Some(ValuationFigures {
            valuer: "Gustav Öberg".to_owned(),
            approved_on: Some(day),
            pv_benefits: Decimal::new(123_456_789, 2),
            pv_costs: Decimal::new(98_765_432, 2),
            npv: Decimal::new(24_691_357, 2),
            benefit_cost_ratio: Some(Decimal::new(125, 2)),
            payback_year: Some(2021),
        }),
        owner: OwnerReadiness { system_owner: "Åsa Ägare".to_owned(), accepted_on: Some(day) },
        recommendation: Some((
            "tillstyrks".to_owned(),
            "Stor nytta för staden i förhållande till kostnaden.".to_owned(),
        )),
        risks: (0..4)
            .map(|i| Risk {
                description: format!("Risk {i}: leverantören hinner inte leverera i tid"),
                likelihood: [Level::Low, Level::Medium, Level::High][i % 3],
                consequence: Level::Medium,
                mitigation: "Avrop på befintligt ramavtal och tät uppföljning.".to_owned(),
            })
            .collect(),
        missing: vec![],
        absent: vec![("Bo Frånvarande".to_owned(), "föräldraledig".to_owned())],
        decision: None,
    }
}

fn memo() -> MemoInput {
    MemoInput {
        year: 2018,
        case_number: Some("KS 2018/123".to_owned()),
        date: NaiveDate::from_ymd_opt(2018, 3, 1).expect("a date"),
        portfolios: Portfolio::ALL
            .iter()
            .enumerate()
            .map(|(p, portfolio)| PortfolioSection {
                number: portfolio.number(),
                name: portfolio.name_sv().to_owned(),
                frame: Some(Sek::kronor(40_000_000).expect("frame")),
                sub_frames: vec![],
                basis: "Beräknat urval.".to_owned(),
                proposals: (0..40).map(|i| proposal(p * 40 + i)).collect(),
                left_out: vec![],
            })
            .collect(),
        integrity: Integrity { valuations: 200, ..Integrity::default() },
        parameters: vec![("Mål".to_owned(), "Beredningsgruppens medelvärde".to_owned())],
        audit_head: Some("ab".repeat(32)),
    }
}

#[divan::bench]
fn memo_document_200_applications(bencher: divan::Bencher) {
    let input = memo();
    bencher.bench(|| input.document(false));
}

#[divan::bench(sample_count = 10)]
fn memo_pdf_200_applications(bencher: divan::Bencher) {
    let input = memo();
    let options = PdfOptions {
        created: Utc.with_ymd_and_hms(2018, 3, 1, 9, 0, 0).single().expect("a time"),
        author: "Bench".to_owned(),
    };
    bencher.bench(|| {
        let rendered = pdf(&input.document(false), &options).expect("a PDF");
        assert!(rendered.pages >= 200);
        rendered.bytes.len()
    });
}
