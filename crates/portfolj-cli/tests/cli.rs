//! The `portfolj` binary as a user runs it, on real database files.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn portfolj(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_portfolj"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("PORTFOLJ_DB")
        .output()
        .expect("portfolj runs")
}

fn demo_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("d.db");
    let out = portfolj(&db, &["demo", "init", "--scale", "small", "--seed", "1"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    (dir, db)
}

fn json(out: &Output) -> Value {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

#[test]
fn demo_init_then_app_list_json_gives_every_portfolio() {
    let (_dir, db) = demo_db();
    let apps = json(&portfolj(&db, &["app", "list", "--json"]));
    let apps = apps.as_array().expect("array");
    assert!(apps.len() >= 40);
    let mut portfolios: Vec<i64> = apps.iter().map(|a| a["portfolio"].as_i64().expect("number")).collect();
    portfolios.sort_unstable();
    portfolios.dedup();
    assert_eq!(portfolios, vec![1, 2, 3, 4, 5]);
    for key in ["id", "title", "portfolio", "state"] {
        assert!(apps.iter().all(|a| !a[key].is_null()), "{key}");
    }
}

#[test]
fn create_from_the_command_line_and_find_it() {
    let (_dir, db) = demo_db();
    let out = portfolj(
        &db,
        &[
            "app",
            "create",
            "--title",
            "Digital närvaro i skolan",
            "--unit",
            "Utbildningsförvaltningen",
            "--portfolio",
            "3",
            "--category",
            "differentiating",
            "--year",
            "2017",
            "--amount",
            "850 000",
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).replace('\u{a0}', " ").contains("850 000 kr"));
    let found = json(&portfolj(&db, &["app", "list", "--text", "närvaro", "--json"]));
    assert_eq!(found.as_array().expect("array").len(), 1);
}

#[test]
fn invalid_input_exits_3_with_swedish_field_messages_and_stores_nothing() {
    let (_dir, db) = demo_db();
    let before = std::fs::read(&db).expect("db");
    let out = portfolj(
        &db,
        &[
            "app",
            "create",
            "--title",
            " ",
            "--unit",
            "Trafikkontoret",
            "--portfolio",
            "1",
            "--category",
            "basic",
            "--year",
            "2012",
            "--amount=-1",
        ],
    );
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Ange en titel"), "{err}");
    assert!(err.contains("2013–2018"), "{err}");
    assert!(err.contains("negativt"), "{err}");
    assert!(std::fs::read(&db).expect("db") == before, "the database file is unchanged");
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("budget.xlsx");
    std::fs::write(&db, b"PK\x03\x04 not a database").expect("write");
    let out = portfolj(&db, &["--json", "app", "list"]);
    assert_eq!(out.status.code(), Some(2));
    let err: Value = serde_json::from_slice(&out.stderr).expect("JSON error");
    assert_eq!(err["code"], "storage");
    assert!(err["message"].as_str().expect("message").contains("inte ändrats"));
    assert_eq!(std::fs::read(&db).expect("file"), b"PK\x03\x04 not a database");
}

fn http(port: u16, path: &str, token: Option<&str>, body: &str) -> (u16, Value) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    let auth = token.map(|t| format!("Authorization: Bearer {t}\r\n")).unwrap_or_default();
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .expect("send");
    // Read exactly one response (headers, then Content-Length bytes) and close our side
    // first; waiting for the server to close invites a reset on a fast machine.
    let mut bytes = Vec::new();
    let mut chunk = [0_u8; 4096];
    loop {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if let Some(end) = text.find("\r\n\r\n") {
            let length: usize = text[..end]
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse().unwrap_or(0))
                })
                .unwrap_or(0);
            if bytes.len() >= end + 4 + length {
                break;
            }
        }
        let n = stream.read(&mut chunk).expect("read");
        assert!(n > 0, "the bridge closed the connection before a whole response");
        bytes.extend_from_slice(&chunk[..n]);
    }
    let response = String::from_utf8(bytes).expect("UTF-8 response");
    let status = response[9..12].parse().expect("status");
    let body = response.split("\r\n\r\n").nth(1).unwrap_or_default();
    (status, serde_json::from_str(body).unwrap_or(Value::Null))
}

#[test]
fn the_bridge_answers_only_with_the_token() {
    let (_dir, db) = demo_db();
    let mut child = Command::new(env!("CARGO_BIN_EXE_portfolj"))
        .arg("--db")
        .arg(&db)
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("serve starts");
    let mut first = String::new();
    // Kept open while the bridge runs, as a terminal would be.
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    stdout.read_line(&mut first).expect("address line");
    let url = first.split_whitespace().find(|w| w.starts_with("http://127.0.0.1:")).expect("url").to_owned();
    let port: u16 = url["http://127.0.0.1:".len()..].split('/').next().expect("port").parse().expect("port number");
    let token = url.split("#token=").nth(1).expect("token");

    let (status, body) = http(port, "/api/call/application.list", None, "{}");
    assert_eq!((status, body["code"].as_str()), (403, Some("forbidden")));
    let (status, body) = http(port, "/api/call/application.list", Some("fel-nyckel"), "{}");
    assert_eq!(status, 403, "{body}");
    let (status, body) = http(port, "/api/call/application.list", Some(token), "{}");
    assert_eq!(status, 200);
    assert!(body.as_array().expect("array").len() >= 40);
    let (status, body) = http(port, "/api/call/application.create", Some(token), r#"{"title": ""}"#);
    assert_eq!((status, body["code"].as_str()), (400, Some("bad_arguments")));
    let (status, body) = http(port, "/api/call/no.such", Some(token), "{}");
    assert_eq!((status, body["code"].as_str()), (400, Some("unknown_command")));
    child.kill().expect("stop bridge");
    let _ = child.wait();
}

fn first_draft(db: &Path) -> String {
    let drafts = json(&portfolj(db, &["app", "list", "--state", "draft", "--json"]));
    drafts.as_array().expect("array")[0]["id"].as_str().expect("id").to_owned()
}

#[test]
fn app_check_json_lists_the_named_rules_in_swedish() {
    let (_dir, db) = demo_db();
    let rules = json(&portfolj(&db, &["app", "check", &first_draft(&db), "--json"]));
    let rules = rules.as_array().expect("array");
    let mut codes: Vec<&str> = rules.iter().map(|r| r["code"].as_str().expect("code")).collect();
    codes.dedup();
    assert!(codes.len() >= 10, "{codes:?}");
    assert!(rules.iter().all(|r| r["ok"].is_boolean() && r["message"].as_str().is_some_and(|m| !m.is_empty())));
    assert!(rules.iter().any(|r| r["ok"] == false));
}

#[test]
fn submitting_an_unready_application_is_refused_with_the_apis_message() {
    let (_dir, db) = demo_db();
    let id = first_draft(&db);
    let out = portfolj(&db, &["--json", "app", "submit", &id]);
    assert_eq!(out.status.code(), Some(2));
    let cli: Value = serde_json::from_slice(&out.stderr).expect("JSON error");
    let api = portfolj(&db, &["--json", "call", "application.submit", &format!(r#"{{"id":"{id}"}}"#)]);
    let api: Value = serde_json::from_slice(&api.stderr).expect("JSON error from call");
    assert_eq!(cli["code"], "not_ready");
    assert_eq!(cli["message"], api["message"]);
    assert!(cli["message"].as_str().expect("message").starts_with("Ansökan kan inte lämnas in ännu"));
}

#[test]
fn edit_and_search_and_history_from_the_command_line() {
    let (_dir, db) = demo_db();
    let id = first_draft(&db);
    let out = portfolj(&db, &["app", "edit", &id, "--set", "problem=Snöröjningen planeras med papperskartor"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let hits = json(&portfolj(&db, &["app", "search", "papperskartor", "--json"]));
    assert_eq!(hits[0]["id"], Value::String(id.clone()));
    let history = json(&portfolj(&db, &["app", "history", &id, "--json"]));
    assert_eq!(history[0]["reason"], "Ansökan skapad.");
    let bad = portfolj(&db, &["app", "edit", &id, "--set", "risks=ingen"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn audit_verify_passes_on_a_demo_database_and_names_an_edited_entry() {
    let (_dir, db) = demo_db();
    let out = portfolj(&db, &["audit", "verify"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Granskningsloggen är hel"));
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.execute("UPDATE audit_log SET detail = detail || ' ' WHERE seq = 17", []).expect("tamper");
    drop(conn);
    let out = portfolj(&db, &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bruten vid post 17"), "{err}");
}

#[test]
fn audit_verify_catches_a_deleted_entry() {
    let (_dir, db) = demo_db();
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.execute("DELETE FROM audit_log WHERE seq = 5", []).expect("delete");
    drop(conn);
    let err = String::from_utf8_lossy(&portfolj(&db, &["audit", "verify"]).stderr).into_owned();
    assert!(err.contains("bruten vid post 5"), "{err}");
}

fn example_worksheet() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples/worksheet.json")
}

#[test]
fn valuation_eval_computes_the_documented_example_without_a_database() {
    let out = Command::new(env!("CARGO_BIN_EXE_portfolj"))
        .args(["--db", "/nonexistent/never-created.db", "valuation", "eval"])
        .arg(example_worksheet())
        .arg("--json")
        .output()
        .expect("runs");
    let r = json(&out);
    assert!(r["npv"].as_str().expect("npv").starts_with("1842662.94"));
    assert!(r["benefit_cost_ratio"]["value"].as_str().expect("ratio").starts_with("2.4504"));
    assert_eq!(r["payback_year"], 2017);
    assert_eq!(r["years"].as_array().expect("years").len(), 5);
    assert_eq!(r["sensitivity"][0]["line"], "Kortare handläggning av anmälningar");
    assert!(!Path::new("/nonexistent").exists());
}

#[test]
fn a_malformed_worksheet_is_reported_with_line_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("fel.json");
    std::fs::write(&file, "{\n  \"format\": \"portfolj.worksheet/1\",\n  \"first_year\": 2015,,\n}").expect("write");
    let out =
        Command::new(env!("CARGO_BIN_EXE_portfolj")).args(["valuation", "eval"]).arg(&file).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("rad 3, kolumn 22"), "{err}");
    std::fs::write(&file, r#"{"format": "portfolj.worksheet/9", "first_year": 2015}"#).expect("write");
    let out =
        Command::new(env!("CARGO_BIN_EXE_portfolj")).args(["valuation", "eval"]).arg(&file).output().expect("runs");
    assert!(String::from_utf8_lossy(&out.stderr).contains("nyare Portfölj"));
}

#[test]
fn valuation_commands_list_flags_and_refuse_a_valuer_from_the_applying_unit() {
    let (_dir, db) = demo_db();
    let flags = json(&portfolj(&db, &["valuation", "flags", "--json"]));
    let pair = flags.as_array().expect("flags").iter().filter(|f| f["flag"]["code"] == "double_count").count();
    assert_eq!(pair, 2, "the demo's dubbelräkning pair is flagged on both applications");
    // Gustav Öberg (valuer, Stadsledningskontoret) may not value Stadsledningskontoret's own application.
    let people = json(&portfolj(&db, &["persona", "list", "--json"]));
    let gustav =
        people.as_array().expect("people").iter().find(|p| p["name"] == "Gustav Öberg").expect("valuer").clone();
    let created = json(&portfolj(
        &db,
        &[
            "app",
            "new",
            "--title",
            "Egen e-tjänst",
            "--unit",
            "Stadsledningskontoret",
            "--portfolio",
            "1",
            "--category",
            "differentiating",
            "--year",
            "2018",
            "--amount",
            "100000",
            "--json",
        ],
    ));
    assert!(portfolj(&db, &["persona", "switch", gustav["email"].as_str().expect("email")]).status.success());
    let out = portfolj(&db, &["--json", "valuation", "create", created["id"].as_str().expect("id")]);
    assert_eq!(out.status.code(), Some(2));
    let err: Value = serde_json::from_slice(&out.stderr).expect("JSON error");
    assert_eq!(err["code"], "forbidden");
    assert_eq!(
        err["message"],
        "En nyttovärdering får inte göras av någon från den sökande enheten. Be en värderare från en annan enhet att värdera ansökan."
    );
}

/// Runs a stock tool (tar, minisign) and returns whether it succeeded, with its output.
fn tool(program: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program} runs: {e}"));
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

/// The documented check (docs/bundle-format.md): Debian's `minisign` verifies an exported
/// bundle with the sender's public key, and refuses it after a one-byte change.
#[test]
fn stock_minisign_verifies_an_invitation_and_refuses_it_changed() {
    let (dir, office) = demo_db();
    let laptop = dir.path().join("laptop.db");
    assert!(portfolj(&office, &["identity", "init"]).status.success());
    let office_identity = json(&portfolj(&office, &["office", "init", "--json"]));
    let member = json(&portfolj(&laptop, &["identity", "init", "--json"]));
    let coach = json(&portfolj(&office, &["persona", "list", "--json"]));
    let coach =
        coach.as_array().expect("people").iter().find(|p| p["roles"] == serde_json::json!(["coach"])).expect("a coach");
    let bundle = dir.path().join("inbjudan.portfolj");
    let out = portfolj(
        &office,
        &[
            "office",
            "invite",
            coach["email"].as_str().expect("email"),
            "--key",
            member["public_key"].as_str().expect("key"),
            "--out",
            bundle.to_str().expect("path"),
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let extracted = dir.path().join("x");
    std::fs::create_dir(&extracted).expect("dir");
    let (ok, text) = tool("tar", &["-xf", bundle.to_str().expect("path"), "-C", extracted.to_str().expect("path")]);
    assert!(ok, "{text}");
    let payload = extracted.join("bundle.json.gz");
    let sender_key = office_identity["public_key"].as_str().expect("key");
    let (ok, text) = tool("minisign", &["-Vm", payload.to_str().expect("path"), "-P", sender_key]);
    assert!(ok, "minisign accepts the bundle: {text}");

    let mut bytes = std::fs::read(&payload).expect("payload");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    std::fs::write(&payload, bytes).expect("write");
    let (ok, text) = tool("minisign", &["-Vm", payload.to_str().expect("path"), "-P", sender_key]);
    assert!(!ok, "minisign refuses a changed byte: {text}");

    // The laptop takes in the genuine file and joins as the coach.
    let out = portfolj(&laptop, &["bundle", "import", bundle.to_str().expect("path")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let me = json(&portfolj(&laptop, &["identity", "show", "--json"]));
    assert_eq!(me["person_name"], coach["name"]);
    let again = portfolj(&laptop, &["bundle", "import", bundle.to_str().expect("path")]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("importeras bara en gång"));
}

#[test]
fn review_summary_json_gives_figures_flags_and_missing_members_and_refuses_a_jävig_score() {
    let (_dir, db) = demo_db();
    let rounds = json(&portfolj(&db, &["review", "rounds", "--json"]));
    let round = rounds
        .as_array()
        .expect("rounds")
        .iter()
        .find(|r| r["portfolio"] == 1 && r["year"] == 2018)
        .expect("the demo's open round")
        .clone();
    let id = round["id"].as_str().expect("id");
    let summary = json(&portfolj(&db, &["review", "summary", "--round", id, "--json"]));
    let rows = summary["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 5);
    for row in rows {
        for key in ["mean", "median", "spread", "std_dev"] {
            assert!(row[key].is_string(), "{key} in {row}");
        }
        assert!(row["disagreement"].is_boolean() && row["missing"].is_array() && row["complete"].is_boolean());
    }
    assert!(rows.iter().any(|r| r["missing"].as_array().is_some_and(|m| !m.is_empty())), "a member is missing");
    assert!(rows.iter().any(|r| r["disagreement"] == true), "the members disagree somewhere");

    // The member who declared jäv is refused by the CLI exactly as by the API.
    let row = rows.iter().find(|r| r["jav"].as_array().is_some_and(|j| !j.is_empty())).expect("jäv");
    let person = row["jav"][0]["person_id"].as_str().expect("person");
    assert!(portfolj(&db, &["persona", "switch", person]).status.success());
    let criteria = r#"{"fit":{"level":4,"comment":"Bra."},"benefit":{"level":4,"comment":"Bra."},"feasibility":{"level":4,"comment":"Bra."},"risk":{"level":4,"comment":"Bra."},"reuse":{"level":4,"comment":"Bra."}}"#;
    let before = std::fs::read(&db).expect("db");
    let application = row["application_id"].as_str().expect("id");
    let out = portfolj(
        &db,
        &["--json", "review", "score", "--round", id, "--application", application, "--criteria", criteria],
    );
    assert_eq!(out.status.code(), Some(2));
    let err: Value = serde_json::from_slice(&out.stderr).expect("JSON error");
    assert_eq!(err["code"], "forbidden");
    assert!(err["message"].as_str().is_some_and(|m| m.contains("jävig")), "{err}");
    assert!(std::fs::read(&db).expect("db") == before, "nothing stored");
}

#[test]
fn prioritize_json_gives_the_selection_with_reasons_under_a_scenario_frame() {
    let (_dir, db) = demo_db();
    let result =
        json(&portfolj(&db, &["prioritize", "--portfolio", "1", "--year", "2018", "--frame", "5000000", "--json"]));
    assert_eq!(result["frame"], "5000000.00");
    let rows = result["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 5);
    assert_eq!(rows.iter().filter(|r| r["chosen"] == true).count(), 1);
    assert!(
        rows.iter()
            .filter(|r| r["chosen"] == false)
            .all(|r| r["reason"].as_str().is_some_and(|t| t.starts_with("Ryms inte")))
    );
    let out = portfolj(&db, &["prioritize", "--portfolio", "1", "--year", "2018", "--requires", "utan-kolon"]);
    assert_eq!(out.status.code(), Some(2), "a malformed pair is refused");
    assert!(String::from_utf8_lossy(&out.stderr).contains("A:B"));
}

/// Text of a PDF as `pdftotext` gives it, with every run of whitespace (line breaks, wrapped
/// table cells, no-break spaces) made one space; the file must pass `qpdf --check`.
fn pdf_text(file: &Path) -> String {
    let (checked, report) = tool("qpdf", &["--check", &file.to_string_lossy()]);
    assert!(checked, "qpdf --check: {report}");
    let (extracted, text) = tool("pdftotext", &["-layout", &file.to_string_lossy(), "-"]);
    assert!(extracted);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn memo_for_2014_is_a_checked_pdf_with_the_portfolios_frames_ranked_proposals_and_hash() {
    let (dir, db) = demo_db();
    let pdf = dir.path().join("m.pdf");
    let out = portfolj(&db, &["memo", "--year", "2014", "--out", &pdf.to_string_lossy()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = pdf_text(&pdf);
    let frames = json(&portfolj(&db, &["frame", "list", "--json"]));
    let programme = json(&portfolj(&db, &["programme", "--json"]));
    for area in programme["focus_areas"].as_array().expect("focus areas") {
        let name = area["name"].as_str().expect("name");
        assert!(text.contains(&format!("Portfölj {}: {name}", area["portfolio"])), "{name} with å ä ö intact");
    }
    assert!(text.contains("förbättra") || text.contains("återanvända"), "å ä ö extracted as themselves");
    for frame in frames.as_array().expect("frames").iter().filter(|f| f["year"] == 2014) {
        let (kronor, ore) = frame["amount"].as_str().expect("amount").split_once('.').expect("kronor.öre");
        assert_eq!(ore, "00", "the demo's frames are whole kronor");
        let shown = format!("Ram {} kr", group_thousands(kronor));
        assert!(text.contains(&shown), "{shown} in the memo");
    }
    let decided: Vec<Value> = json(&portfolj(&db, &["app", "list", "--json"]))
        .as_array()
        .expect("applications")
        .iter()
        .filter(|a| a["fiscal_year"] == 2014)
        .filter(|a| ["granted", "running", "closed", "followed_up"].contains(&a["state"].as_str().unwrap_or_default()))
        .cloned()
        .collect();
    assert!(!decided.is_empty(), "the demo granted applications in 2014");
    let ranked = text.split("Rangordnat förslag Nr Ansökan").nth(1).expect("a ranked proposal table");
    assert!(ranked.contains("Huvudrisker (spridning) 1 "), "ranked from 1: {ranked}");
    for app in &decided {
        let title = app["title"].as_str().expect("title");
        // Each proposal has its own page, headed by its rank and title.
        assert!(text.contains(&format!(". {title} Ansökan")), "{title} is proposed");
    }
    let fingerprint =
        String::from_utf8(portfolj(&db, &["memo", "--year", "2014", "--fingerprint"]).stdout).expect("utf8");
    assert_eq!(fingerprint.trim().len(), 64);
    assert!(text.contains(&format!("SHA-256 för underlaget: {}", fingerprint.trim())), "the traceability hash");
}

#[test]
fn documents_are_written_in_the_language_asked_for_and_an_unknown_language_is_refused() {
    let (dir, db) = demo_db();
    let (sv, en) = (dir.path().join("sv.pdf"), dir.path().join("en.pdf"));
    for (file, language) in [(&sv, "sv"), (&en, "en")] {
        let out = portfolj(
            &db,
            &["report", "programme", "--year", "2015", "--out", &file.to_string_lossy(), "--language", language],
        );
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let (swedish, english) = (pdf_text(&sv), pdf_text(&en));
    assert!(swedish.contains("Programrapport 2015") && swedish.contains("Sida 1 av"), "{swedish}");
    assert!(english.contains("Programme report 2015") && english.contains("Page 1 of"), "{english}");
    assert!(!english.contains("Programrapport"), "{english}");
    let refused = dir.path().join("de.pdf");
    let out = portfolj(
        &db,
        &["report", "programme", "--year", "2015", "--out", &refused.to_string_lossy(), "--language", "de"],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("'de'"), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!refused.exists(), "nothing written");
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

#[test]
fn export_of_applications_reads_back_as_numbers_from_xlsx_and_with_decimal_commas_from_csv() {
    use calamine::{Data, Reader as _, Xlsx, open_workbook};
    let (dir, db) = demo_db();
    let apps = json(&portfolj(&db, &["app", "list", "--json"]));
    let apps = apps.as_array().expect("applications");
    let xlsx = dir.path().join("a.xlsx");
    let out =
        portfolj(&db, &["export", "--what", "applications", "--format", "xlsx", "--out", &xlsx.to_string_lossy()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut book: Xlsx<_> = open_workbook(&xlsx).expect("a workbook");
    let range = book.worksheet_range("Ansökningar").expect("the sheet");
    assert_eq!(range.height(), apps.len() + 1, "a header and one row per application");
    for app in apps {
        let row = (1..range.height())
            .find(|r| range.get((*r, 0)) == Some(&Data::String(app["id"].as_str().expect("id").to_owned())))
            .expect("the application's row");
        let requested: f64 = app["requested_amount"].as_str().expect("amount").parse().expect("a number");
        assert_eq!(range.get((row, 8)), Some(&Data::Float(requested)), "the amount as a number");
    }

    let csv = dir.path().join("a.csv");
    let out = portfolj(&db, &["export", "--what", "applications", "--out", &csv.to_string_lossy()]);
    assert!(out.status.success(), "the format from the extension: {}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(&csv).expect("csv");
    let text =
        String::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").expect("a byte-order mark").to_vec()).expect("utf-8");
    let mut lines = text.lines();
    assert!(lines.next().expect("headers").starts_with("Ansökan (id);Titel;Sökande enhet;Portfölj;Budgetår;"));
    let first = apps.iter().find(|a| text.contains(a["id"].as_str().expect("id"))).expect("an application");
    let amount = first["requested_amount"].as_str().expect("amount").replace('.', ",");
    assert!(
        text.lines().any(|l| l.contains(first["id"].as_str().expect("id")) && l.contains(&format!(";{amount};"))),
        "{amount}"
    );

    let refused = portfolj(&db, &["export", "--what", "all", "--out", &dir.path().join("x.txt").to_string_lossy()]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--format csv eller --format xlsx"));
}

#[test]
fn report_final_closes_a_project_and_report_followup_reads_its_lines_from_a_file() {
    let (dir, db) = demo_db();
    let running = json(&portfolj(&db, &["app", "list", "--json"]));
    let running = running.as_array().expect("apps").iter().find(|a| a["state"] == "running").expect("running").clone();
    let id = running["id"].as_str().expect("id");
    let closed = json(&portfolj(
        &db,
        &[
            "report",
            "final",
            id,
            "--delivered",
            "I drift.",
            "--cost",
            "10 000",
            "--lessons",
            "Testa tidigt.",
            "--owner-accepted",
            "2017-09-01",
            "--closed",
            "2017-09-02",
            "--json",
        ],
    ));
    assert_eq!(closed["due_on"], "2018-09-02");

    let due = json(&portfolj(&db, &["report", "due", "--json"]));
    let first = due.as_array().expect("due").iter().find(|d| d["overdue"] == true).expect("overdue").clone();
    let app = first["application_id"].as_str().expect("id");
    let planned = json(&portfolj(&db, &["report", "show", app, "--json"]));
    let lines: Vec<Value> = planned["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .map(|l| serde_json::json!({"line": l["line"], "realised": l["valued"], "evidence": "Mätning.", "budget_reduced": true}))
        .collect();
    let file = dir.path().join("lines.json");
    std::fs::write(&file, serde_json::to_string(&lines).expect("json")).expect("write");
    let recorded = json(&portfolj(&db, &["report", "followup", app, "--lines", &file.to_string_lossy(), "--json"]));
    assert_eq!(recorded["recorded"], true);
    assert_eq!(recorded["total"]["rate_percent"], "100", "realised exactly as valued");

    std::fs::write(&file, "[{").expect("write");
    let broken = portfolj(&db, &["report", "followup", app, "--lines", &file.to_string_lossy()]);
    assert!(!broken.status.success());
    assert!(String::from_utf8_lossy(&broken.stderr).contains("är inte giltig JSON"));
}

/// The projektkontor sets up a programme on an empty laptop from the command line, adds a
/// coach and invites the coach's laptop by e-mail: the same use cases as the first-run screen.
#[test]
fn office_setup_then_person_add_then_invite_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let office = dir.path().join("office.db");
    let laptop = dir.path().join("laptop.db");
    let set_up = portfolj(
        &office,
        &[
            "office",
            "setup",
            "--name",
            "Karin Ek",
            "--email",
            "karin.ek@stockholm.se",
            "--unit",
            "Stadsledningskontoret",
            "--json",
        ],
    );
    assert!(set_up.status.success(), "{}", String::from_utf8_lossy(&set_up.stderr));
    assert_eq!(json(&set_up)["certificate"]["roles"], serde_json::json!(["office"]));
    let refused = portfolj(
        &office,
        &["person", "add", "--name", "Sara Lind", "--email", "sara", "--unit", "Trafikkontoret", "--role", "coach"],
    );
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("Skriv en e-postadress"));
    let added = portfolj(
        &office,
        &[
            "person",
            "add",
            "--name",
            "Sara Lind",
            "--email",
            "sara.lind@stockholm.se",
            "--unit",
            "Trafikkontoret",
            "--role",
            "coach",
            "--json",
        ],
    );
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    assert_eq!(json(&added)["roles"], serde_json::json!(["coach"]));
    let people = json(&portfolj(&office, &["person", "list", "--json"]));
    assert_eq!(people.as_array().map(Vec::len), Some(2));

    let key = json(&portfolj(&laptop, &["identity", "init", "--json"]))["public_key"].as_str().expect("key").to_owned();
    let invitation = dir.path().join("inbjudan.portfolj");
    let out = invitation.to_string_lossy().into_owned();
    assert!(
        portfolj(&office, &["office", "invite", "sara.lind@stockholm.se", "--key", &key, "--out", &out])
            .status
            .success()
    );
    assert!(portfolj(&laptop, &["bundle", "import", &out]).status.success());
    assert_eq!(json(&portfolj(&laptop, &["persona", "whoami", "--json"]))["person"]["name"], "Sara Lind");
}
