//! Importing a city-scale member bundle, against its floor, in one run. The bundle is made
//! the product's own way: the `city` demo's office sends a coach laptop every open
//! application, the coach revises their texts through ten saves each
//! (`application.update`, about 31 000 field writes), and exports.
//! Targets (issue 6): ≥ 20 000 operations/s, and within 3× of the floor — verifying the
//! ed25519 signature plus a plain rusqlite insert of the same rows. The stock `minisign`
//! tool verifying the same payload is measured alongside. Run with `cargo xtask bench`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use divan::Bencher;
use divan::counter::ItemsCount;
use portfolj_api::Api;
use portfolj_sync::{Bundle, Operation, PublicKeyText};
use serde_json::{Value, json};

fn main() {
    setup();
    divan::main();
}

struct Setup {
    dir: tempfile::TempDir,
    office: PathBuf,
    bundle: Vec<u8>,
    coach_key: PublicKeyText,
    operations: usize,
}

/// Saves of every open application before the coach sends.
const ROUNDS: usize = 10;

/// The free-text fields a coach rewrites.
const TEXTS: [&str; 8] = [
    "problem",
    "capabilities",
    "target_groups",
    "process_change",
    "exit_plan",
    "lessons_plan",
    "project_owner",
    "project_leader",
];

fn call(api: &Api, command: &str, args: Value) -> Value {
    api.call(command, args).unwrap_or_else(|e| panic!("{command}: {}", e.message))
}

fn decode(exported: &Value) -> Vec<u8> {
    BASE64.decode(exported["file"]["content_base64"].as_str().expect("content")).expect("base64")
}

fn file(bytes: &[u8]) -> Value {
    json!({ "file_name": "b.portfolj", "content_base64": BASE64.encode(bytes) })
}

fn setup() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let office_path = dir.path().join("office.db");
        let office = Api::open(&office_path).expect("office");
        call(&office, "demo.init", json!({"scale": "city", "seed": 1}));
        call(&office, "identity.init", json!({}));
        call(&office, "office.init", json!({}));
        let laptop = Api::open(&dir.path().join("coach.db")).expect("laptop");
        let me = call(&laptop, "identity.init", json!({}));
        let people = call(&office, "persona.list", json!({}));
        let coach = people.as_array().expect("people").iter().find(|p| p["roles"] == json!(["coach"])).expect("coach");
        let invitation =
            call(&office, "office.invite", json!({"person_id": coach["email"], "public_key": me["public_key"]}));
        call(&laptop, "bundle.import", file(&decode(&invitation)));
        let work = call(&office, "bundle.send", json!({"recipient_key_id": me["key_id"]}));
        call(&laptop, "bundle.import", file(&decode(&work)));
        // A week of offline work: each open application's texts revised, saved again and
        // again as autosave does; every save is a write of each changed field.
        for round in 1..=ROUNDS {
            let apps = call(&laptop, "application.list", json!({}));
            // The office also sends running and closed projects, to report on; those are locked.
            let open = apps
                .as_array()
                .expect("apps")
                .iter()
                .filter(|a| !matches!(a["state"].as_str(), Some("running" | "closed" | "followed_up")));
            for app in open {
                let full = call(&laptop, "application.get", json!({"id": app["id"]}));
                let mut details = full["details"].clone();
                for field in TEXTS {
                    let text = details[field].as_str().unwrap_or_default().to_owned();
                    details[field] = json!(format!("{text} Revision {round}."));
                }
                let basics = json!({
                    "title": full["title"], "unit_id": full["unit_id"], "portfolio": full["portfolio"],
                    "it_category": full["it_category"], "fiscal_year": full["fiscal_year"],
                    "requested_amount": full["requested_amount"],
                    "purpose": format!("{} Revision {round}.", full["purpose"].as_str().unwrap_or_default()),
                });
                call(&laptop, "application.update", json!({"id": app["id"], "basics": basics, "details": details}));
            }
        }
        let bundle = decode(&call(&laptop, "bundle.export", json!({})));
        let operations = Bundle::read(&bundle).expect("bundle").operations().len();
        drop(office);
        Setup {
            dir,
            office: office_path,
            bundle,
            coach_key: PublicKeyText(me["public_key"].as_str().expect("key").to_owned()),
            operations,
        }
    })
}

/// A fresh copy of the office database for one import (an import is taken only once).
fn office_copy() -> (tempfile::TempDir, PathBuf) {
    let s = setup();
    let dir = tempfile::tempdir_in(s.dir.path()).expect("dir");
    let path = dir.path().join("office.db");
    std::fs::copy(&s.office, &path).expect("copy");
    (dir, path)
}

/// The whole import through the API: read, verify, rights, merge plan, safety copy, apply.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn import_city_member_bundle(bencher: Bencher) {
    let s = setup();
    bencher
        .counter(ItemsCount::new(s.operations))
        .with_inputs(|| {
            let (dir, path) = office_copy();
            let api = Api::open(&path).expect("open");
            (dir, api, file(&s.bundle))
        })
        .bench_local_values(|(dir, api, args)| {
            call(&api, "bundle.import", args);
            (dir, api)
        });
}

/// The floor: the signature checked once, and the same rows inserted with plain rusqlite.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn floor_verify_and_plain_insert(bencher: Bencher) {
    let s = setup();
    let entries = portfolj_sync::container::read(&s.bundle).expect("entries");
    let rows: Vec<(String, String, String, String)> = Bundle::read(&s.bundle)
        .expect("bundle")
        .operations()
        .iter()
        .filter_map(|op| match op {
            Operation::Write { write } => Some((
                write.entity.clone(),
                write.field.clone(),
                write.stamp.key(),
                serde_json::to_string(write).expect("json"),
            )),
            _ => None,
        })
        .collect();
    bencher
        .counter(ItemsCount::new(s.operations))
        .with_inputs(|| {
            let (dir, path) = office_copy();
            let conn = rusqlite::Connection::open(&path).expect("open");
            conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;").expect("pragmas");
            (dir, conn)
        })
        .bench_local_values(|(dir, mut conn)| {
            portfolj_sync::keys::verify(&s.coach_key, &entries.payload, &entries.signature).expect("verified");
            let tx = conn.transaction().expect("tx");
            {
                let mut insert = tx
                    .prepare("INSERT INTO field_write (entity, field, stamp_key, write, author, origin) VALUES (?1, ?2, ?3, ?4, 'x', 'imported')")
                    .expect("prepare");
                for (entity, field, stamp, write) in &rows {
                    insert.execute(rusqlite::params![entity, field, stamp, write]).expect("insert");
                }
            }
            tx.commit().expect("commit");
            (dir, conn)
        });
}

/// The stock tool on the same signed payload, for comparison.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn minisign_cli_verify(bencher: Bencher) {
    let s = setup();
    let entries = portfolj_sync::container::read(&s.bundle).expect("entries");
    let payload = s.dir.path().join("bundle.json.gz");
    std::fs::write(&payload, &entries.payload).expect("payload");
    std::fs::write(s.dir.path().join("bundle.json.gz.minisig"), &entries.signature).expect("signature");
    let verify = |path: &Path| {
        std::process::Command::new("minisign")
            .args(["-Vqm"])
            .arg(path)
            .args(["-P", &s.coach_key.0])
            .status()
            .is_ok_and(|st| st.success())
    };
    if !verify(&payload) {
        return; // minisign is not installed here (cargo xtask setup installs it)
    }
    bencher.counter(ItemsCount::new(s.operations)).bench(|| verify(&payload));
}
