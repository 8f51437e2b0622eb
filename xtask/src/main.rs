//! `cargo xtask …`: the project's automation, one command per thing a developer or CI
//! does. `setup` installs what is missing (idempotently), `run` opens the desktop app on
//! the demo database, `test` runs every test CI runs, `package` builds the .deb, `types` regenerates the UI's
//! TypeScript types, `bench` and `soak` run the benchmarks and the long robustness runs.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod bench;
mod package;
mod setup;
mod tally;

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    command: Task,
}

#[derive(Debug, Subcommand)]
enum Task {
    /// Install missing Debian packages, npm packages and tauri-driver.
    Setup,
    /// Build and open the desktop app on the demo database.
    Run,
    /// Run every check and test: rustfmt, clippy, Rust, UI unit, browser end-to-end, desktop smoke,
    /// and the .deb installed and started.
    Test,
    /// Build the Debian package (.deb) with the Tauri bundler: release build, UI embedded,
    /// desktop entry, icon and the .portfolj file association.
    Package {
        /// Package the debug build instead (faster; what `cargo xtask test` installs).
        #[arg(long)]
        debug: bool,
    },
    /// Regenerate ui/src/generated from the API's transport types.
    Types,
    /// Run the benchmarks (release build) and the optimizer's comparison with HiGHS, and
    /// write target/bench/report.md.
    Bench,
    /// The long robustness runs: 2 000 killed bundle imports and 10 000 convergence cases
    /// (CI runs 200 and 1 000).
    Soak,
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Task::Setup => setup::all(&root()),
        Task::Run => run(&root()),
        Task::Test => test(&root()),
        Task::Package { debug } => {
            let root = root();
            setup::all(&root)?;
            let profile = if debug { package::Profile::Debug } else { package::Profile::Release };
            package::deb(&root, profile).map(drop)
        }
        Task::Types => types(&root()),
        Task::Bench => bench::run(&root()),
        Task::Soak => {
            sh(
                &root(),
                "cargo",
                &["test", "-p", "portfolj-cli", "--test", "crash"],
                &[("PORTFOLJ_CRASH_RUNS", Path::new("2000"))],
            )?;
            sh(
                &root(),
                "cargo",
                &["test", "-p", "portfolj-sync", "--test", "convergence"],
                &[("PORTFOLJ_CONVERGENCE_CASES", Path::new("10000"))],
            )
        }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Runs a command in `dir`, failing with its name if it fails.
pub(crate) fn sh(dir: &Path, program: &str, args: &[&str], envs: &[(&str, &Path)]) -> Result<()> {
    step(&format!("{program} {}", args.join(" ")));
    let status = Command::new(program)
        .args(args)
        .current_dir(dir)
        .envs(envs.iter().map(|(k, v)| (*k, v.as_os_str())))
        .status()
        .with_context(|| format!("could not start {program}"))?;
    if !status.success() {
        bail!("`{program} {}` failed ({status})", args.join(" "));
    }
    Ok(())
}

pub(crate) fn step(what: &str) {
    println!("\n==> {what}");
}

pub(crate) fn build_ui(root: &Path) -> Result<()> {
    sh(&root.join("ui"), "npm", &["run", "build"], &[])
}

fn build_binaries(root: &Path) -> Result<()> {
    sh(root, "cargo", &["build", "-p", "portfolj-cli"], &[])?;
    sh(root, "cargo", &["build", "-p", "portfolj-desktop", "--features", "custom-protocol"], &[])
}

fn test(root: &Path) -> Result<()> {
    setup::all(root)?;
    sh(root, "cargo", &["fmt", "--all", "--check"], &[])?;
    sh(
        root,
        "cargo",
        &[
            "clippy",
            "--workspace",
            "--exclude",
            "portfolj-desktop",
            "--all-targets",
            "--locked",
            "--",
            "-D",
            "warnings",
        ],
        &[],
    )?;
    build_ui(root)?;
    let mut tally = tally::Tally::default();
    tally.run(&root.join("ui"), "npm", &["test"], &[])?;
    tally.run(root, "cargo", &["test", "--workspace", "--exclude", "portfolj-desktop", "--locked"], &[])?;
    build_binaries(root)?;
    let bin = root.join("target/debug/portfolj");
    let desktop = root.join("target/debug/portfolj-desktop");
    let dist = root.join("ui/dist");
    let e2e_env = [
        ("PORTFOLJ_BIN", bin.as_path()),
        ("PORTFOLJ_UI_DIST", dist.as_path()),
        ("PORTFOLJ_DESKTOP_BIN", desktop.as_path()),
    ];
    tally.run(root, "node", &["--test", "--test-concurrency=1", "tests/e2e/browser.test.mjs"], &e2e_env)?;
    tally.run(
        root,
        "xvfb-run",
        &["-a", "-s", "-screen 0 1400x900x24", "node", "--test", "tests/e2e/desktop.test.mjs"],
        &e2e_env,
    )?;
    // The package is made from the debug build the desktop test used, then installed.
    let deb = package::deb(root, package::Profile::Debug)?;
    tally.run(
        root,
        "xvfb-run",
        &["-a", "-s", "-screen 0 1400x900x24", "node", "--test", "tests/e2e/package.test.mjs"],
        &[("PORTFOLJ_BIN", bin.as_path()), ("PORTFOLJ_DEB", deb.as_path())],
    )?;
    tally.report();
    Ok(())
}

fn run(root: &Path) -> Result<()> {
    setup::all(root)?;
    build_ui(root)?;
    build_binaries(root)?;
    let dirs = directories::ProjectDirs::from("se", "Stockholms stad", "Portfolj")
        .context("no home directory for the demo database")?;
    std::fs::create_dir_all(dirs.data_dir())?;
    let db = dirs.data_dir().join("demo.db");
    let cli = root.join("target/debug/portfolj");
    if !db.exists() {
        sh(root, &cli.to_string_lossy(), &["--db", &db.to_string_lossy(), "demo", "init", "--scale", "small"], &[])?;
    }
    let has_display = ["DISPLAY", "WAYLAND_DISPLAY"].iter().any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()));
    if !has_display {
        println!(
            "\nIngen skärm hittades (varken DISPLAY eller WAYLAND_DISPLAY är satt), så fönstret kan inte öppnas.\n\
             No display found, so the window cannot open. Use the CLI or the browser bridge instead:\n\n  \
             {cli} --db {db} app list\n  \
             {cli} --db {db} overview\n  \
             {cli} --db {db} serve --port 8080 --ui {dist}   (öppna adressen som skrivs ut i en webbläsare)\n",
            cli = cli.display(),
            db = db.display(),
            dist = root.join("ui/dist").display()
        );
        return Ok(());
    }
    sh(root, &root.join("target/debug/portfolj-desktop").to_string_lossy(), &[], &[("PORTFOLJ_DB", db.as_path())])
}

fn types(root: &Path) -> Result<()> {
    step("regenerating ui/src/generated");
    let status = Command::new("cargo")
        .args(["test", "-p", "portfolj-api", "--test", "api", "generated_types"])
        .env("PORTFOLJ_UPDATE_TYPES", "1")
        .current_dir(root)
        .status()?;
    if !status.success() {
        bail!("type generation failed");
    }
    Ok(())
}
