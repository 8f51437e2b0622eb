//! Speed on the `city` demo database (2 000 applications, some 160 000 scored criteria),
//! through `Api::call` exactly as the UI asks. Targets: search ≤ 20 ms (applications);
//! recomputing every valuation ≤ 200 ms (nyttovärdering); the beredning overview ≤ 20 ms.
//! Run with `cargo xtask bench`.

use std::sync::OnceLock;

use portfolj_api::Api;
use serde_json::{Value, json};

fn main() {
    // Build the database before timing starts, so no sample includes it.
    let overview = city().api.call("review.overview", json!({})).expect("overview");
    let levels: u64 =
        overview.as_array().map_or(0, |rounds| rounds.iter().filter_map(|r| r["criterion_levels"].as_u64()).sum());
    assert!(levels >= 160_000, "the city demo holds at least 160 000 scored criteria, not {levels}");
    divan::main();
}

struct City {
    _dir: tempfile::TempDir,
    api: Api,
}

fn city() -> &'static City {
    static CITY: OnceLock<City> = OnceLock::new();
    CITY.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let api = Api::open(&dir.path().join("city.db")).expect("open");
        api.call("demo.init", json!({"scale": "city", "seed": 1})).expect("city demo");
        City { _dir: dir, api }
    })
}

fn hits(args: Value) -> usize {
    city().api.call("application.search", args).expect("search").as_array().map_or(0, Vec::len)
}

/// Two common words: many hits, ranked.
#[divan::bench]
fn search_common_words() -> usize {
    hits(json!({"query": "e-tjänst ansökan"}))
}

/// A rare word from the application texts, with a prefix.
#[divan::bench]
fn search_rare_prefix() -> usize {
    hits(json!({"query": "snöröj"}))
}

/// Words plus the list's filters.
#[divan::bench]
fn search_filtered() -> usize {
    hits(json!({"query": "handläggningstid", "portfolio": 1, "fiscal_year": 2016}))
}

/// The plain list with a title filter, for comparison.
#[divan::bench]
fn list_by_title_substring() -> usize {
    city().api.call("application.list", json!({"text": "bygglov"})).expect("list").as_array().map_or(0, Vec::len)
}

/// Every valuation of the programme recomputed from its stored worksheet, with its
/// integrity flags (dubbelräkning included): the central valuer's overview.
#[divan::bench]
fn recompute_every_valuation_with_flags() -> usize {
    city().api.call("valuation.flags", json!({})).expect("flags").as_array().map_or(0, Vec::len)
}

/// The pure part alone: every worksheet parsed and evaluated, no database.
#[divan::bench]
fn evaluate_every_worksheet_in_memory(bencher: divan::Bencher) {
    let worksheets: Vec<portfolj_api::dto::WorksheetDto> = {
        let apps = city().api.call("application.list", json!({"state": null})).expect("list");
        apps.as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(|a| city().api.call("valuation.of_application", json!({"id": a["id"]})).ok())
            .filter_map(|list| list.as_array().and_then(|l| l.last().cloned()))
            .filter_map(|v| serde_json::from_value(v["worksheet"].clone()).ok())
            .collect()
    };
    assert!(worksheets.len() > 100, "the city demo has valuations");
    bencher.bench(|| worksheets.iter().filter(|w| portfolj_api::evaluate_worksheet(w).is_ok()).count());
}

/// Every round's figures for the overview, from the aggregates kept on each score.
#[divan::bench]
fn review_overview() -> usize {
    city().api.call("review.overview", json!({})).expect("overview").as_array().map_or(0, Vec::len)
}

/// The largest round's whole summary: statistics, matrix, calibration and rank robustness.
#[divan::bench]
fn review_summary_of_the_largest_round(bencher: divan::Bencher) {
    let rounds = city().api.call("review.rounds", json!({})).expect("rounds");
    let largest = rounds
        .as_array()
        .and_then(|r| r.iter().max_by_key(|r| r["applications"].as_u64()))
        .map(|r| r["id"].clone())
        .expect("a round");
    bencher.bench(|| city().api.call("review.summary", json!({"id": largest})).expect("summary"));
}

/// The whole decision memo for one year, all five portfolios (gathering every figure, the
/// review summaries, the exact selection and the integrity findings), as text.
#[divan::bench(sample_count = 10)]
fn memo_preview_one_year() -> usize {
    let preview = city().api.call("memo.preview", json!({"year": 2016, "draft": true})).expect("memo");
    preview["text"].as_str().map_or(0, str::len)
}

/// The same memo as a PDF, as `portfolj memo` writes it.
#[divan::bench(sample_count = 10)]
fn memo_pdf_one_year() -> u64 {
    let file = city().api.call("memo.export", json!({"year": 2016, "draft": true})).expect("memo");
    file["pages"].as_u64().unwrap_or(0)
}

/// The Översikt's own query: frames and counts per portfolio, year and state (issue 10, P1:
/// ≤ 20 ms).
#[divan::bench]
fn overview() -> usize {
    city().api.call("overview.get", json!({})).expect("overview")["frames"].as_array().map_or(0, Vec::len)
}

/// The dashboard's follow-up figures: realisation per portfolio and year, money granted and
/// spent, follow-ups due and overdue status reports.
#[divan::bench]
fn dashboard_follow_up() -> usize {
    ["followup.realisation", "followup.money", "followup.due", "status.overdue"]
        .iter()
        .map(|command| city().api.call(command, json!({})).expect(command).to_string().len())
        .sum()
}
