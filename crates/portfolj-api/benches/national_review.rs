//! The beredning overview at national scale: 200 000 applications scored by groups of 16 on
//! the five criteria — 16 million scored criteria — read through `review.overview` from the
//! aggregates maintained on every score. The rows are written straight into the aggregate
//! table (the national demo generator comes with the scale work); the overview never reads
//! the scores themselves, so the aggregates are all it touches. Target ≤ 100 ms.

use std::sync::OnceLock;

use portfolj_api::Api;
use serde_json::json;

const APPLICATIONS: u32 = 200_000;
const MEMBERS: u32 = 16;
const CRITERIA: u32 = 5;

fn main() {
    national();
    divan::main();
}

struct National {
    _dir: tempfile::TempDir,
    api: Api,
}

fn national() -> &'static National {
    static NATIONAL: OnceLock<National> = OnceLock::new();
    NATIONAL.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("national.db");
        let api = Api::open(&path).expect("open");
        api.call("demo.init", json!({"scale": "small", "seed": 1})).expect("demo");
        let mut conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch("PRAGMA foreign_keys = OFF").expect("pragma");
        let rounds: Vec<String> = {
            let mut stmt = conn.prepare("SELECT id FROM review_round ORDER BY id").expect("rounds");
            stmt.query_map([], |r| r.get(0)).expect("rows").collect::<Result<_, _>>().expect("ids")
        };
        let tx = conn.transaction().expect("transaction");
        {
            let mut insert = tx
                .prepare(
                    "INSERT INTO review_tally (round_id, application_id, scores, criteria, mean, median,
                     min, max, spread, std_dev, disagreement) VALUES (?1, ?2, ?3, ?4, '3.4', '3.5', '2', '4.6', '2.6', '0.7', ?5)",
                )
                .expect("insert");
            for n in 0..APPLICATIONS {
                let round = &rounds[n as usize % rounds.len()];
                let application = format!("01900000-0000-7000-8000-{n:012x}");
                insert
                    .execute(rusqlite::params![round, application, MEMBERS, MEMBERS * CRITERIA, n % 7 == 0])
                    .expect("row");
            }
        }
        tx.commit().expect("commit");
        National { _dir: dir, api }
    })
}

#[divan::bench]
fn review_overview_national() -> u64 {
    let overview = national().api.call("review.overview", json!({})).expect("overview");
    let levels: u64 = overview.as_array().map_or(0, |r| r.iter().filter_map(|x| x["criterion_levels"].as_u64()).sum());
    assert!(levels >= 16_000_000, "{levels}");
    levels
}
