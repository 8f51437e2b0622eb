//! Architecture invariant: portfolj-core does no I/O. This reads the resolved
//! dependency graph (`cargo metadata`) and fails if the core, directly or through any
//! other crate, depends on a crate that does storage, network, files, windows or async
//! I/O. Dev-dependencies are not followed: tests may use what they like.

use std::collections::{BTreeSet, HashMap};
use std::process::Command;

use serde_json::Value;

/// Crates whose presence means the core could touch the world.
const FORBIDDEN: &[&str] = &[
    "rusqlite",
    "libsqlite3-sys",
    "rusqlite_migration",
    "tauri",
    "wry",
    "tao",
    "tokio",
    "mio",
    "directories",
    "dirs",
    "hyper",
    "reqwest",
    "axum",
    "socket2",
    "tempfile",
    "walkdir",
    "notify",
    "printpdf",
    "ureq",
    "portfolj-store",
    "portfolj-api",
    "portfolj-sync",
    "portfolj-report",
    "portfolj-cli",
];

fn metadata() -> Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(out.status.success(), "cargo metadata failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON")
}

/// Names of every crate reachable from `root` through normal (non-dev, non-build) edges.
fn normal_dependencies(meta: &Value, root: &str) -> BTreeSet<String> {
    let packages: HashMap<&str, &str> = meta["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| Some((p["id"].as_str()?, p["name"].as_str()?)))
        .collect();
    let nodes: HashMap<&str, &Value> = meta["resolve"]["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|n| Some((n["id"].as_str()?, n)))
        .collect();
    let root_id = packages.iter().find(|(_, name)| **name == root).map(|(id, _)| *id).expect("crate in metadata");
    let mut seen = BTreeSet::new();
    let mut stack = vec![root_id];
    while let Some(id) = stack.pop() {
        for dep in nodes[id]["deps"].as_array().into_iter().flatten() {
            let normal = dep["dep_kinds"].as_array().into_iter().flatten().any(|k| k["kind"].is_null());
            let dep_id = dep["pkg"].as_str().expect("pkg id");
            if normal && seen.insert(packages[dep_id].to_owned()) {
                stack.push(dep_id);
            }
        }
    }
    seen
}

#[test]
fn portfolj_core_depends_on_no_io_crate() {
    let deps = normal_dependencies(&metadata(), "portfolj-core");
    assert!(deps.contains("rust_decimal"), "the graph walk found the core's real dependencies: {deps:?}");
    let offending: Vec<&str> = FORBIDDEN.iter().copied().filter(|f| deps.contains(*f)).collect();
    assert!(
        offending.is_empty(),
        "portfolj-core must not do I/O, but depends on {offending:?}. Move that code to portfolj-store, portfolj-api or a shell."
    );
}

/// portfolj-sync checks bundles on bytes: it may compress and sign, but never touch the
/// database, the network or a window, so every check runs on hostile input in tests.
#[test]
fn portfolj_sync_touches_no_database_network_or_window() {
    let deps = normal_dependencies(&metadata(), "portfolj-sync");
    assert!(deps.contains("minisign"), "the graph walk found portfolj-sync's real dependencies: {deps:?}");
    let offending: Vec<&str> =
        FORBIDDEN.iter().copied().filter(|f| !["portfolj-sync", "tempfile"].contains(f) && deps.contains(*f)).collect();
    assert!(offending.is_empty(), "portfolj-sync must work on bytes only, but depends on {offending:?}.");
}
