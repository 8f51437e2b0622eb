//! The decision memo of 200 proposed applications (see `fixture/memo.rs`): building the
//! document in the core, and building plus rendering the PDF. Target (issue 8): the whole
//! memo ≤ 500 ms.

#[path = "fixture/memo.rs"]
mod fixture;

use chrono::{TimeZone, Utc};
use fixture::memo;
use portfolj_report::{PdfOptions, pdf};

fn main() {
    divan::main();
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
