//! `cargo xtask package`: the Debian package, built by the Tauri bundler (the CLI from the
//! npm package `@tauri-apps/cli`, pinned in ui/package.json) from the one tauri.conf.json,
//! which src-tauri/tauri.conf.json links to.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::{build_ui, sh};

/// Which cargo profile the packaged binary is built with. `cargo xtask test` packages the
/// debug build, which shares its compiled dependencies with the desktop tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    Debug,
    Release,
}

/// Builds the UI and the `.deb`, and returns the package's path.
pub fn deb(root: &Path, profile: Profile) -> Result<PathBuf> {
    let folder = root.join(match profile {
        Profile::Debug => "target/debug/bundle/deb",
        Profile::Release => "target/release/bundle/deb",
    });
    // A package from an earlier build must not be taken for this one.
    if folder.exists() {
        std::fs::remove_dir_all(&folder).with_context(|| format!("could not empty {}", folder.display()))?;
    }
    build_ui(root)?;
    let cli = root.join("ui/node_modules/.bin/tauri");
    let mut args = vec!["build", "--bundles", "deb", "--ci"];
    if profile == Profile::Debug {
        args.push("--debug");
    }
    sh(root, &cli.to_string_lossy(), &args, &[("TAURI_APP_PATH", Path::new("src-tauri"))])?;
    let version = env!("CARGO_PKG_VERSION");
    let mut packages: Vec<PathBuf> = std::fs::read_dir(&folder)
        .with_context(|| format!("the bundler wrote no {}", folder.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "deb"))
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().contains(version)))
        .collect();
    match (packages.pop(), packages.is_empty()) {
        (Some(deb), true) => {
            println!("\nPaketet / package: {}", deb.display());
            Ok(deb)
        }
        _ => bail!("expected one .deb of version {version} in {}", folder.display()),
    }
}
