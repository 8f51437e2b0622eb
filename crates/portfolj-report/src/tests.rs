//! The PDF is checked as a reader would check it: `qpdf --check` accepts the file and
//! `pdftotext` gives back the document's words, å ä ö included, on the pages they belong to.

use std::process::Command;

use chrono::TimeZone;
use portfolj_core::Language;
use portfolj_core::document::{Bar, Bars, Block, Column, Document, Table};

use super::*;

fn options() -> PdfOptions {
    PdfOptions {
        created: Utc.with_ymd_and_hms(2014, 3, 1, 9, 0, 0).single().expect("a time"),
        author: "Test".to_owned(),
    }
}

fn document(rows: usize, draft: bool) -> Document {
    Document {
        title: "Beslutsunderlag it-investeringar 2014".to_owned(),
        header: "Dnr KS 2014/123 · 2014-03-01".to_owned(),
        draft,
        language: Language::Sv,
        blocks: vec![
            Block::Heading { level: 1, text: "Sammanfattning för Förnyelse och Åtgärder".to_owned() },
            Block::Paragraph("Ett stycke som är långt nog att brytas över flera rader ".repeat(12)),
            Block::Facts(vec![("Ram".to_owned(), "5\u{a0}000\u{a0}000\u{a0}kr".to_owned())]),
            Block::Bars(Bars {
                caption: "Ramutnyttjande".to_owned(),
                bars: vec![Bar { label: "Portfölj 1".to_owned(), permille: 1250, text: "125,0 %".to_owned() }],
            }),
            Block::Table(Table {
                columns: vec![Column::right("Nr", 5), Column::left("Ansökan", 60), Column::right("Belopp", 20)],
                rows: (1..=rows)
                    .map(|i| {
                        vec![
                            i.to_string(),
                            format!("Ansökan nummer {i} för Östermalm"),
                            format!("{i}\u{a0}000\u{a0}kr"),
                        ]
                    })
                    .collect(),
            }),
            Block::PageBreak,
            Block::Heading { level: 1, text: "Sista sidan".to_owned() },
        ],
    }
}

fn pages_of(bytes: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("doc.pdf");
    std::fs::write(&file, bytes).expect("the PDF written");
    let check =
        Command::new("qpdf").arg("--check").arg(&file).output().expect("qpdf is installed by cargo xtask setup");
    assert!(check.status.success(), "qpdf --check: {}", String::from_utf8_lossy(&check.stdout));
    let text = Command::new("pdftotext").arg("-layout").arg(&file).arg("-").output().expect("pdftotext is installed");
    assert!(text.status.success());
    String::from_utf8(text.stdout).expect("UTF-8 text").split('\u{c}').map(str::to_owned).collect()
}

#[test]
fn a_long_table_breaks_across_pages_with_its_header_on_every_page_and_numbered_footers() {
    let pages = pages_of(&pdf(&document(150, false), &options()).expect("a PDF").bytes);
    let pages: Vec<&String> = pages.iter().filter(|p| !p.trim().is_empty()).collect();
    assert!(pages.len() >= 4, "150 rows and a last page need at least 4 pages, got {}", pages.len());
    let count = pages.len();
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains(&format!("Sida {} av {count}", i + 1)), "page {}: {page}", i + 1);
        assert!(page.contains("Dnr KS 2014/123 · 2014-03-01"), "header on page {}", i + 1);
        assert!(!page.contains("UTKAST"));
    }
    // Every page the table runs onto opens with its header row.
    let table_pages: Vec<&&String> = pages.iter().filter(|p| p.contains("för Östermalm")).collect();
    assert!(table_pages.len() >= 3);
    assert!(table_pages.iter().all(|p| p.contains("Ansökan") && p.contains("Belopp")));
    let all = pages.iter().map(|p| p.as_str()).collect::<String>();
    for i in 1..=150 {
        assert!(all.contains(&format!("Ansökan nummer {i} för Östermalm")), "row {i} is lost");
    }
    assert!(pages[0].contains("Sammanfattning för Förnyelse och Åtgärder"));
    assert!(pages[count - 1].contains("Sista sidan"));
}

#[test]
fn a_draft_says_utkast_on_every_page() {
    let pages = pages_of(&pdf(&document(3, true), &options()).expect("a PDF").bytes);
    let pages: Vec<&String> = pages.iter().filter(|p| !p.trim().is_empty()).collect();
    assert!(pages.iter().all(|p| p.contains("UTKAST")));
}

#[test]
fn an_english_document_numbers_its_pages_and_marks_a_draft_in_english() {
    let english = Document { language: Language::En, ..document(3, true) };
    let pages = pages_of(&pdf(&english, &options()).expect("a PDF").bytes);
    let pages: Vec<&String> = pages.iter().filter(|p| !p.trim().is_empty()).collect();
    let count = pages.len();
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains(&format!("Page {} of {count}", i + 1)), "page {}: {page}", i + 1);
        assert!(page.contains("DRAFT") && !page.contains("UTKAST") && !page.contains("Sida"), "{page}");
    }
}

#[test]
fn a_word_wider_than_the_column_is_broken_not_cut() {
    let faces = fonts::faces().expect("fonts");
    let word = "Ö".repeat(80);
    let lines = layout::wrap(faces, &word, 100_000, layout::BODY);
    assert!(lines.len() > 1);
    assert_eq!(lines.concat(), word);
    assert!(lines.iter().all(|l| faces.width(l, layout::BODY.size, false) <= 100_000));
}

#[test]
fn wrapping_keeps_every_word_in_order_and_within_the_width() {
    let faces = fonts::faces().expect("fonts");
    let text = "Projektkontoret föreslår att utvecklingsrådet tillstyrker fem ansökningar\nNy rad här";
    let lines = layout::wrap(faces, text, 120_000, layout::BODY);
    assert!(lines.iter().all(|l| faces.width(l, layout::BODY.size, false) <= 120_000), "{lines:?}");
    assert_eq!(lines.join(" ").split_whitespace().collect::<Vec<_>>(), text.split_whitespace().collect::<Vec<_>>());
    assert_eq!(lines.last().map(String::as_str), Some("Ny rad här"));
}
