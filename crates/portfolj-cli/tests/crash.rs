//! Crash safety of bundle import: the importing process is killed (SIGKILL) at random
//! moments, and every time the database must pass `PRAGMA integrity_check` and hold either
//! none or all of the bundle. 200 kills here; `cargo xtask soak` runs 2 000
//! (PORTFOLJ_CRASH_RUNS).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn portfolj(db: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_portfolj"));
    command.arg("--db").arg(db).env_remove("PORTFOLJ_DB");
    command
}

fn run(db: &Path, args: &[&str]) -> String {
    let out = portfolj(db).args(args).output().expect("portfolj runs");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn public_key(db: &Path) -> String {
    let shown: serde_json::Value = serde_json::from_str(&run(db, &["identity", "show", "--json"])).expect("json");
    shown["public_key"].as_str().expect("key").to_owned()
}

/// What the bundle brings: (office keys pinned, bundles logged, people, whether the laptop knows who it is).
fn state(db: &Path) -> (i64, i64, i64, bool) {
    let conn = rusqlite::Connection::open(db).expect("open after the kill");
    let verdict: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("integrity_check");
    assert_eq!(verdict, "ok", "integrity_check after a kill");
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).expect(sql);
    (
        count("SELECT count(*) FROM office_key"),
        count("SELECT count(*) FROM bundle_log"),
        count("SELECT count(*) FROM person"),
        count("SELECT count(*) FROM sync_identity WHERE person_id IS NOT NULL") == 1,
    )
}

fn copy_fresh(from: &Path, to: &Path) {
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(PathBuf::from(format!("{}{suffix}", to.display())));
    }
    std::fs::copy(from, to).expect("copy the laptop before import");
}

#[test]
fn a_killed_import_leaves_none_or_all_of_the_bundle() {
    let runs: u32 = std::env::var("PORTFOLJ_CRASH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(200);
    let dir = tempfile::tempdir().expect("temp dir");
    let office = dir.path().join("office.db");
    run(&office, &["demo", "init", "--scale", "small", "--seed", "3"]);
    run(&office, &["identity", "init"]);
    run(&office, &["office", "init"]);
    let pristine = dir.path().join("pristine.db");
    run(&pristine, &["identity", "init"]);
    let keys = dir.path().join("pristine.db.keys");
    let bundle = dir.path().join("inbjudan.portfolj");
    let people: serde_json::Value =
        serde_json::from_str(&run(&office, &["persona", "list", "--json"])).expect("people");
    let coach =
        people.as_array().expect("people").iter().find(|p| p["roles"] == serde_json::json!(["coach"])).expect("coach");
    run(
        &office,
        &[
            "office",
            "invite",
            coach["email"].as_str().expect("email"),
            "--key",
            &public_key(&pristine),
            "--out",
            bundle.to_str().expect("path"),
        ],
    );
    let laptop = dir.path().join("laptop.db");
    std::fs::create_dir_all(dir.path().join("laptop.db.keys")).expect("keys dir");
    std::fs::copy(keys.join("laptop.key"), dir.path().join("laptop.db.keys/laptop.key")).expect("key");

    // One undisturbed import: the complete state, and how long an import takes.
    copy_fresh(&pristine, &laptop);
    let none = state(&laptop);
    let started = Instant::now();
    run(&laptop, &["bundle", "import", bundle.to_str().expect("path")]);
    let span = started.elapsed();
    let all = state(&laptop);
    assert_ne!(none, all);

    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let (mut saw_none, mut saw_all) = (0, 0);
    for _ in 0..runs {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        copy_fresh(&pristine, &laptop);
        let mut child = portfolj(&laptop)
            .args(["bundle", "import", bundle.to_str().expect("path")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        // Anywhere from the start to a little past the usual end of an import.
        let micros = u64::try_from(span.as_micros()).unwrap_or(u64::MAX).saturating_mul(5) / 4;
        std::thread::sleep(Duration::from_micros(seed % micros.max(1)));
        let _ = child.kill();
        let _ = child.wait();
        let after = state(&laptop);
        if after == none {
            saw_none += 1;
        } else if after == all {
            saw_all += 1;
        } else {
            panic!("a killed import left part of the bundle: {after:?} (none {none:?}, all {all:?})");
        }
    }
    assert_eq!(saw_none + saw_all, runs);
    // Kills landed both before the commit and after it, so the moments were spread.
    assert!(saw_none > 0 && saw_all > 0, "none {saw_none}, all {saw_all}");
}
