//! Exports through the API on the small demo: every application, valuation, score and
//! decision comes out with the database's figures, as CSV for Swedish Excel and as XLSX
//! read back with a reader; only the office exports; a refused export changes nothing.

use std::io::Cursor;

use base64::Engine as _;
use calamine::{Data, DataType as _, Reader as _, Xlsx};
use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::{act_as, applications, demo, err, file_bytes, ok};

fn content(file: &Value) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD.decode(file["content_base64"].as_str().expect("base64")).expect("bytes")
}

fn decimal(value: &Value) -> Decimal {
    value.as_str().expect("a decimal string").parse().expect("decimal")
}

fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("UTF-8 with a byte-order mark");
    csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(text)
        .records()
        .map(|r| r.expect("record").iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn applications_as_xlsx_have_every_row_with_amounts_as_numbers() {
    let f = demo();
    act_as(&f, "office", None);
    let file = ok(&f, "export.file", json!({"what": "applications", "format": "xlsx"}));
    assert_eq!(file["file_name"], "ansokningar.xlsx");
    let apps = applications(&f);
    assert_eq!(file["rows"], apps.len());
    let mut book = Xlsx::new(Cursor::new(content(&file))).expect("a workbook");
    let range = book.worksheet_range("Ansökningar").expect("the sheet");
    assert_eq!(range.get((0, 8)), Some(&Data::String("Sökt belopp".to_owned())));
    assert_eq!(range.height(), apps.len() + 1);
    for app in &apps {
        let row = (1..range.height())
            .find(|r| range.get((*r, 0)) == Some(&Data::String(app["id"].as_str().expect("id").to_owned())))
            .expect("the application's row");
        assert_eq!(range.get((row, 1)), Some(&Data::String(app["title"].as_str().expect("title").to_owned())));
        let requested = decimal(&app["requested_amount"]);
        assert_eq!(
            range.get((row, 8)).and_then(|d| d.get_float()).map(|v| v.to_string()),
            Some(requested.normalize().to_string())
        );
        assert!(matches!(range.get((row, 10)), Some(Data::DateTime(_))), "created as a date");
    }
}

#[test]
fn decisions_as_csv_open_with_semicolons_and_decimal_commas() {
    let f = demo();
    act_as(&f, "office", None);
    let file = ok(&f, "export.file", json!({"what": "decisions", "format": "csv", "year": 2014}));
    assert_eq!(file["file_name"], "beslut-2014.csv");
    assert_eq!(file["media_type"], "text/csv");
    let rows = csv_rows(&content(&file));
    assert_eq!(rows[0][..7], ["Ansökan (id)", "Titel", "Sökande enhet", "Portfölj", "Budgetår", "Version", "Beslut"]);
    assert!(rows.len() > 1, "2014 has decisions");
    for row in &rows[1..] {
        assert_eq!(row[4], "2014");
        let decisions = ok(&f, "decision.list", json!({"id": row[0]}));
        let recorded = decisions
            .as_array()
            .expect("decisions")
            .iter()
            .find(|d| d["version"].as_u64().map(|v| v.to_string()).as_deref() == Some(row[5].as_str()))
            .expect("the version");
        assert_eq!(row[9], recorded["case_number"].as_str().expect("dnr"));
        assert_eq!(row[10], recorded["decided_on"].as_str().expect("day"), "an ISO date");
        match recorded["granted_amount"].as_str() {
            Some(amount) => {
                assert_eq!(row[7], format!("{:.2}", amount.parse::<Decimal>().expect("amount")).replace('.', ","))
            }
            None => assert_eq!(row[7], ""),
        }
    }
}

#[test]
fn every_table_in_one_workbook_and_csv_asks_for_one_table() {
    let f = demo();
    act_as(&f, "office", None);
    let file = ok(&f, "export.file", json!({"what": "all", "format": "xlsx", "portfolio": 3}));
    let mut book = Xlsx::new(Cursor::new(content(&file))).expect("a workbook");
    let sheets =
        ["Ansökningar", "Nyttovärderingar", "Poäng", "Beslut", "Statusrapporter", "Slutrapporter", "Uppföljningar"];
    assert_eq!(book.sheet_names(), sheets);
    for name in sheets {
        let range = book.worksheet_range(name).expect("sheet");
        assert!(range.height() > 1 || name == "Statusrapporter", "{name} has rows for portfolio 3");
        assert!((1..range.height()).all(|r| range.get((r, 3)) == Some(&Data::Float(3.0))), "{name}: only portfolio 3");
    }
    let refused = err(&f, "export.file", json!({"what": "all", "format": "csv"}));
    assert_eq!(refused.code.as_str(), "validation");
    assert!(refused.message.contains("En CSV-fil rymmer en tabell"));
}

#[test]
fn only_the_office_exports_and_a_refused_export_changes_nothing() {
    let f = demo();
    for role in ["coach", "valuer", "reviewer", "applicant"] {
        act_as(&f, role, None);
        let before = file_bytes(&f);
        let refused = err(&f, "export.file", json!({"what": "scores", "format": "csv"}));
        assert_eq!(refused.code.as_str(), "forbidden", "{role}");
        assert!(refused.message.contains("Bara projektkontoret"));
        assert_eq!(file_bytes(&f), before, "{role}: nothing written");
    }
    act_as(&f, "office", None);
    let before = file_bytes(&f);
    assert!(
        err(&f, "export.file", json!({"what": "scores", "format": "csv", "portfolio": 9}))
            .message
            .contains("portfölj 1–5")
    );
    assert_eq!(file_bytes(&f), before);
    let entries = |f| ok(f, "audit.verify", json!({}))["entries"].as_u64().expect("entries");
    let logged = entries(&f);
    ok(&f, "export.file", json!({"what": "scores", "format": "csv"}));
    assert_eq!(entries(&f), logged + 1, "the export is in the audit log");
}

#[test]
fn an_export_cancelled_while_it_is_made_saves_nothing_and_can_be_made_again() {
    let f = demo();
    act_as(&f, "office", None);
    let before = file_bytes(&f);
    let args = json!({"what": "applications", "format": "xlsx"});
    let e = super::cancelled_while_running(&f, || f.api.call("export.file", args.clone()));
    assert!(e.message.contains("Ingen fil har skapats"), "{}", e.message);
    assert_eq!(file_bytes(&f), before, "no audit entry, nothing changed");
    assert!(ok(&f, "export.file", args)["rows"].as_u64().is_some_and(|rows| rows > 0));
}

#[test]
fn follow_ups_export_one_row_per_benefit_line_with_the_valued_and_realised_amounts() {
    let f = demo();
    act_as(&f, "office", None);
    let file = ok(&f, "export.file", json!({"what": "follow_ups", "format": "csv"}));
    assert_eq!(file["file_name"], "uppfoljningar.csv");
    let rows = csv_rows(&content(&file));
    assert_eq!(
        rows[0][5..11],
        ["Jämförelseår", "Nyttorad", "Värderat", "Realiserat", "Skillnad", "Realiseringsgrad (%)"]
    );
    let followed_up: Vec<Value> = applications(&f).into_iter().filter(|a| a["state"] == "followed_up").collect();
    let mut lines = 0;
    for app in &followed_up {
        let view = ok(&f, "followup.get", json!({"id": app["id"]}));
        for line in view["lines"].as_array().expect("lines") {
            lines += 1;
            let row = rows
                .iter()
                .find(|r| r[0] == app["id"].as_str().expect("id") && r[6] == line["name"].as_str().expect("name"))
                .expect("the line's row");
            let money = |v: &Value| {
                v.as_str().map(|d| format!("{:.2}", d.parse::<Decimal>().expect("decimal")).replace('.', ","))
            };
            assert_eq!(Some(row[7].clone()), money(&line["valued"]).or(Some(String::new())));
            assert_eq!(Some(row[8].clone()), money(&line["realised"]).or(Some(String::new())));
        }
    }
    assert_eq!(rows.len() - 1, lines, "one row per followed-up benefit line");
}
