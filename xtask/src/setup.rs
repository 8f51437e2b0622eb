//! Installs what the project needs on a Debian machine, and nothing that is already
//! there: Debian packages, the UI's and the end-to-end tests' npm packages, and
//! tauri-driver. Safe to run again and again.

use std::path::Path;
use std::process::Command;

use anyhow::{Result, bail};

use crate::{sh, step};

/// Debian packages: WebKitGTK for the desktop build, Xvfb and drivers for the desktop and
/// browser tests, PDF and signature tools, and a font with å ä ö for screenshots.
const DEBIAN_PACKAGES: &[&str] = &[
    "build-essential",
    "pkg-config",
    "libwebkit2gtk-4.1-dev",
    "webkit2gtk-driver",
    "xvfb",
    "xauth",
    "imagemagick",
    "chromium",
    "chromium-driver",
    "qpdf",
    "poppler-utils",
    "minisign",
    "sqlite3",
    "fonts-dejavu-core",
];

const TAURI_DRIVER_VERSION: &str = "2.1.0";

pub fn all(root: &Path) -> Result<()> {
    debian(DEBIAN_PACKAGES)?;
    npm_packages(&root.join("ui"))?;
    npm_packages(&root.join("tests/e2e"))?;
    tauri_driver(root)
}

fn installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
}

/// Installs those of `packages` that are missing (as root, noninteractive).
pub fn debian(packages: &[&str]) -> Result<()> {
    let missing: Vec<&str> = packages.iter().copied().filter(|p| !installed(p)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    let root_user = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0"));
    if !root_user {
        bail!(
            "Missing Debian packages: {}. Run as root, or: sudo apt-get install {}",
            missing.join(" "),
            missing.join(" ")
        );
    }
    let lock_wait = "DPkg::Lock::Timeout=900";
    sh(Path::new("/"), "apt-get", &["-o", lock_wait, "update", "-qq"], &[])?;
    let mut args = vec!["-o", lock_wait, "install", "-y", "-qq", "--no-install-recommends"];
    args.extend(&missing);
    step("installing Debian packages (noninteractive)");
    let status = Command::new("apt-get").args(&args).env("DEBIAN_FRONTEND", "noninteractive").status()?;
    if !status.success() {
        bail!("apt-get install {} failed", missing.join(" "));
    }
    Ok(())
}

/// `npm ci` when node_modules does not match the committed lock file.
fn npm_packages(dir: &Path) -> Result<()> {
    let lock = std::fs::read(dir.join("package-lock.json"))?;
    let stamp = dir.join("node_modules/.portfolj-lock");
    if std::fs::read(&stamp).is_ok_and(|s| s == lock) {
        return Ok(());
    }
    sh(dir, "npm", &["ci", "--no-audit", "--no-fund"], &[])?;
    std::fs::write(stamp, lock)?;
    Ok(())
}

fn tauri_driver(root: &Path) -> Result<()> {
    let found = Command::new("tauri-driver").arg("--help").output().is_ok_and(|o| o.status.success());
    if found {
        return Ok(());
    }
    sh(root, "cargo", &["install", "tauri-driver", "--locked", "--version", TAURI_DRIVER_VERSION], &[])
}
