//! The `national` demo database for P2 (200 000 applications), made by the release CLI and
//! kept in target/bench between runs: it takes minutes, so it is made again only when the
//! committed code under crates/ has changed since (the tree's hash is the key). How long
//! the last generation took is kept beside it and reported (issue 10: "national builds in
//! minutes, not hours").

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result};

use crate::{sh, step};

pub struct National {
    pub path: PathBuf,
    /// How long `demo init --scale national` took when this file was made.
    pub generated_secs: u64,
    pub size_mib: u64,
}

pub fn database(root: &Path) -> Result<National> {
    let bench = root.join("target/bench");
    std::fs::create_dir_all(&bench)?;
    let path = bench.join("national.db");
    let stamp = bench.join("national.key");
    let key = code_key(root)?;
    let kept = std::fs::read_to_string(&stamp).ok().and_then(|text| {
        let (kept_key, secs) = text.trim().split_once(' ')?;
        (kept_key == key && path.exists()).then(|| secs.parse::<u64>().ok()).flatten()
    });
    let generated_secs = match kept {
        Some(secs) => {
            step(&format!("the national database for {key} is already made ({secs} s)"));
            secs
        }
        None => {
            super::remove_database(&path)?;
            sh(root, "cargo", &["build", "--release", "-p", "portfolj-cli"], &[])?;
            let cli = root.join("target/release/portfolj");
            let began = Instant::now();
            sh(
                root,
                &cli.to_string_lossy(),
                &["--db", &path.to_string_lossy(), "demo", "init", "--scale", "national"],
                &[],
            )?;
            let secs = began.elapsed().as_secs();
            std::fs::write(&stamp, format!("{key} {secs}\n"))?;
            secs
        }
    };
    let size_mib = std::fs::metadata(&path).map(|m| m.len() / (1024 * 1024)).unwrap_or(0);
    Ok(National { path, generated_secs, size_mib })
}

/// The hash of the committed crates/ tree.
fn code_key(root: &Path) -> Result<String> {
    let out = Command::new("git")
        .args(["rev-parse", "HEAD:crates"])
        .current_dir(root)
        .output()
        .context("could not run git")?;
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}
