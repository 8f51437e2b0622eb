use std::io::Cursor;

use calamine::{Data, Reader as _, Xlsx};
use chrono::NaiveDate;
use portfolj_core::sheet::{Cell, Sheet};
use rust_decimal::Decimal;

use super::{csv, xlsx};

fn d(text: &str) -> Decimal {
    text.parse().expect("decimal")
}

fn sample() -> Sheet {
    let mut sheet = Sheet::new("Ansökningar 2014: alla/portföljer", &["Titel", "Belopp", "Medel", "Beslutad", "Not"]);
    sheet.push(vec![
        Cell::text("Skolval; \"e-tjänst\"\nför vårdnadshavare"),
        Cell::Money(d("1234567.5")),
        Cell::Number(Decimal::ONE / Decimal::from(3)),
        Cell::Date(NaiveDate::from_ymd_opt(2014, 3, 1).expect("date")),
        Cell::text("=HYPERLINK(\"x\")"),
    ]);
    sheet.push(vec![
        Cell::text("Äldreomsorg"),
        Cell::Money(d("-250")),
        Cell::Number(d("3.5")),
        Cell::Empty,
        Cell::Empty,
    ]);
    sheet
}

#[test]
fn csv_opens_in_swedish_excel_and_reads_back_field_by_field() {
    let bytes = csv(&sample()).expect("csv");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with a byte-order mark");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
    assert!(text.starts_with("Titel;Belopp;Medel;Beslutad;Not\r\n"));
    let mut reader = ::csv::ReaderBuilder::new().delimiter(b';').from_reader(text.as_bytes());
    let rows: Vec<Vec<String>> =
        reader.records().map(|r| r.expect("record").iter().map(str::to_owned).collect()).collect();
    assert_eq!(
        rows,
        vec![
            vec![
                "Skolval; \"e-tjänst\"\nför vårdnadshavare".to_owned(),
                "1234567,50".to_owned(),
                "0,3333".to_owned(),
                "2014-03-01".to_owned(),
                "'=HYPERLINK(\"x\")".to_owned(),
            ],
            vec!["Äldreomsorg".to_owned(), "-250,00".to_owned(), "3,5".to_owned(), String::new(), String::new()],
        ]
    );
}

#[test]
fn a_text_longer_than_a_cell_holds_is_cut_with_an_ellipsis_not_refused() {
    let mut sheet = Sheet::new("Lång", &["Text"]);
    sheet.push(vec![Cell::text("å".repeat(40_000))]);
    let mut book = Xlsx::new(Cursor::new(xlsx(&[sheet]).expect("written"))).expect("a workbook");
    let range = book.worksheet_range_at(0).expect("one sheet").expect("readable");
    let Some(Data::String(text)) = range.get((1, 0)) else { panic!("text") };
    assert_eq!(text.chars().count(), 32_767);
    assert!(text.ends_with("å…"));
}

#[test]
fn xlsx_keeps_money_and_numbers_as_numbers_and_dates_as_dates() {
    let bytes = xlsx(&[sample()]).expect("xlsx");
    let mut book = Xlsx::new(Cursor::new(bytes)).expect("a workbook");
    assert_eq!(
        book.sheet_names(),
        vec!["Ansökningar 2014- alla-portfölj".to_owned()],
        "31 characters, no colon or slash"
    );
    let range = book.worksheet_range_at(0).expect("one sheet").expect("readable");
    assert_eq!(range.get_size(), (3, 5));
    assert_eq!(range.get((0, 1)), Some(&Data::String("Belopp".to_owned())));
    assert_eq!(range.get((1, 1)), Some(&Data::Float(1_234_567.5)));
    assert_eq!(range.get((1, 2)), Some(&Data::Float(0.3333)));
    let Some(Data::DateTime(day)) = range.get((1, 3)) else { panic!("a date: {:?}", range.get((1, 3))) };
    assert_eq!(day.as_datetime().map(|t| t.date()), NaiveDate::from_ymd_opt(2014, 3, 1));
    assert_eq!(range.get((1, 4)), Some(&Data::String("=HYPERLINK(\"x\")".to_owned())), "text, not a formula");
    assert_eq!(range.get((2, 1)), Some(&Data::Float(-250.0)));
    assert_eq!(range.get((2, 3)), Some(&Data::Empty));
}
