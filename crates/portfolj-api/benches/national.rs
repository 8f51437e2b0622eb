//! Issue 10, P2: every list and aggregate view on the `national` demo database (200 000
//! applications, some 16 million scored criteria), through `Api::call` exactly as the UI
//! asks. Target: each ≤ 100 ms. The database takes minutes to generate, so `cargo xtask
//! bench` makes it once (again when the code that writes it changes) and names it in
//! `PORTFOLJ_NATIONAL_DB`; without that variable this benchmark says so and measures
//! nothing. One sample per view: the slowest views take minutes on this data.

#![allow(clippy::print_stderr, reason = "a benchmark binary says why it measured nothing")]

use std::sync::OnceLock;

use portfolj_api::Api;
use serde_json::{Value, json};

/// Every view that lists or sums over the whole programme, with the arguments the UI sends
/// when the page opens.
const VIEWS: &[&str] = &[
    "overview.get",
    "application.list",
    "application.list:portfolio-year",
    "application.search",
    "review.overview",
    "review.rounds",
    "valuation.flags",
    "valuation.targets",
    "frame.list",
    "followup.realisation",
    "followup.money",
    "followup.due",
    "status.overdue",
    "indicator.list",
    "conflicts.list",
    "bundle.log",
];

fn args(view: &str) -> (&str, Value) {
    match view {
        "application.list:portfolio-year" => ("application.list", json!({"portfolio": 1, "fiscal_year": 2016})),
        "application.search" => ("application.search", json!({"query": "e-tjänst"})),
        other => (other, json!({})),
    }
}

fn main() {
    if national().is_none() {
        eprintln!("PORTFOLJ_NATIONAL_DB is not set: the national benchmark is skipped (cargo xtask bench sets it).");
        return;
    }
    divan::main();
}

fn national() -> Option<&'static Api> {
    static NATIONAL: OnceLock<Option<Api>> = OnceLock::new();
    NATIONAL
        .get_or_init(|| {
            let path = std::env::var_os("PORTFOLJ_NATIONAL_DB")?;
            Some(Api::open(std::path::Path::new(&path)).expect("the national database opens"))
        })
        .as_ref()
}

/// One view; the size of its answer, so nothing is optimised away.
#[divan::bench(args = VIEWS, sample_count = 1, sample_size = 1)]
fn national_view(view: &str) -> usize {
    let api = national().expect("checked in main");
    let (command, args) = args(view);
    api.call(command, args).unwrap_or_else(|e| panic!("{view}: {}", e.message)).to_string().len()
}
