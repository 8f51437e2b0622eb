//! How fast an application is found, on the `city` demo database (2 000 applications),
//! through `Api::call` exactly as the UI asks. Target (issue 4): search ≤ 20 ms.
//! Run with `cargo xtask bench`.

use std::sync::OnceLock;

use portfolj_api::Api;
use serde_json::{Value, json};

fn main() {
    // Build the database before timing starts, so no sample includes it.
    city();
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
