//! `cargo xtask bench`: every benchmark in one run, and `target/bench/report.md` with one
//! row per figure, its target and whether it is met (issue 10). Figures come from divan's
//! medians (release build) and from the optimizer's comparison with HiGHS
//! (`xtask/bench/highs.py`, in a virtual environment made here when missing). Rows whose
//! measurement is not built yet say so rather than pass.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

use crate::{sh, step};

/// The HiGHS release the comparison was made with; pinned so figures stay comparable.
const HIGHSPY: &str = "highspy==1.16.0";

/// Runs `cargo bench`, echoing its output, and keeps each benchmark's median in
/// nanoseconds by name.
fn divan(root: &Path) -> Result<BTreeMap<String, u64>> {
    let args = ["bench", "-p", "portfolj-core", "-p", "portfolj-report", "-p", "portfolj-api"];
    step(&format!("cargo {}", args.join(" ")));
    let mut child = Command::new("cargo")
        .args(args)
        .current_dir(root)
        .stdout(Stdio::piped())
        .spawn()
        .context("could not start cargo bench")?;
    let mut medians = BTreeMap::new();
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines() {
            let line = line?;
            println!("{line}");
            if let Some((name, median)) = median_of(&line) {
                medians.insert(name, median);
            }
        }
    }
    if !child.wait()?.success() {
        bail!("cargo bench failed");
    }
    Ok(medians)
}

/// "├─ name   27.74 ms │ 29.89 ms │ 29.04 ms │ …" → ("name", 29 040 000).
fn median_of(line: &str) -> Option<(String, u64)> {
    let cells: Vec<&str> = line.split('│').collect();
    let first = cells.first()?.trim_start_matches(['├', '╰', '─', ' ', '│']);
    let name = first.split_whitespace().next()?;
    Some((name.to_owned(), nanos(cells.get(2)?.trim())?))
}

/// "29.04 ms" in nanoseconds, without floats.
fn nanos(text: &str) -> Option<u64> {
    let (number, unit) = text.split_once(' ')?;
    let scale: u64 = match unit {
        "ns" => 1,
        "µs" => 1_000,
        "ms" => 1_000_000,
        "s" => 1_000_000_000,
        _ => return None,
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let digits = u32::try_from(fraction.len()).ok()?;
    let fraction_value = if fraction.is_empty() { 0 } else { fraction.parse::<u64>().ok()? };
    Some(whole.parse::<u64>().ok()? * scale + fraction_value * scale / 10u64.pow(digits))
}

/// "29,0 ms".
fn millis(nanos: u64) -> String {
    format!("{},{} ms", nanos / 1_000_000, (nanos % 1_000_000) / 100_000)
}

/// The virtual environment's python with highspy, made (once) under target/bench.
fn python_with_highs(root: &Path) -> Result<std::path::PathBuf> {
    let venv = root.join("target/bench/venv");
    let python = venv.join("bin/python");
    let has_highs = Command::new(&python).args(["-c", "import highspy"]).output().is_ok_and(|o| o.status.success());
    if !has_highs {
        sh(root, "python3", &["-m", "venv", &venv.to_string_lossy()], &[])?;
        sh(root, &python.to_string_lossy(), &["-m", "pip", "install", "--quiet", HIGHSPY], &[])?;
    }
    Ok(python)
}

/// The optimizer against HiGHS on 100 generated instances; the script's summary.
fn highs(root: &Path) -> Result<serde_json::Value> {
    let instances = root.join("target/bench/optimizer-instances.json");
    let result = root.join("target/bench/highs.json");
    sh(
        root,
        "cargo",
        &[
            "run",
            "--release",
            "-q",
            "-p",
            "portfolj-core",
            "--example",
            "optimizer_reference",
            "--",
            &instances.to_string_lossy(),
        ],
        &[],
    )?;
    let python = python_with_highs(root)?;
    sh(
        root,
        &python.to_string_lossy(),
        &["xtask/bench/highs.py", &instances.to_string_lossy(), &result.to_string_lossy()],
        &[],
    )?;
    let text = std::fs::read_to_string(&result).context("reading the HiGHS comparison")?;
    Ok(serde_json::from_str(&text)?)
}

struct Row {
    id: &'static str,
    what: &'static str,
    figure: String,
    target: &'static str,
    met: Option<bool>,
}

fn limit(
    medians: &BTreeMap<String, u64>,
    bench: &str,
    max_ms: u64,
    id: &'static str,
    what: &'static str,
    target: &'static str,
) -> Row {
    let median = medians.get(bench).copied();
    Row {
        id,
        what,
        figure: median.map_or_else(|| "ej mätt".to_owned(), millis),
        target,
        met: median.map(|n| n <= max_ms * 1_000_000),
    }
}

fn not_yet(id: &'static str, what: &'static str, target: &'static str) -> Row {
    Row { id, what, figure: "ej mätt ännu".to_owned(), target, met: None }
}

/// The city member bundle's import against its floor (the signature checked with ed25519
/// and the same rows inserted plainly), with the minisign CLI's verification beside it.
fn bundle_import(medians: &BTreeMap<String, u64>) -> Row {
    let what = "Paketimport av city-medlemspaket mot golvet (ed25519 + rå insert); minisign-CLI";
    let target = "≤ 3× golvet";
    let (Some(import), Some(floor)) =
        (medians.get("import_city_member_bundle").copied(), medians.get("floor_verify_and_plain_insert").copied())
    else {
        return not_yet("P4", what, target);
    };
    let tenths = import * 10 / floor.max(1);
    let minisign = medians
        .get("minisign_cli_verify")
        .map_or_else(String::new, |m| format!("; minisign verifierar på {}", millis(*m)));
    Row {
        id: "P4",
        what,
        figure: format!("{} mot {} = {},{}×{minisign}", millis(import), millis(floor), tenths / 10, tenths % 10),
        target,
        met: Some(import <= 3 * floor),
    }
}

fn report(medians: &BTreeMap<String, u64>, highs: &serde_json::Value) -> String {
    let agree = highs["agree"].as_u64().unwrap_or(0);
    let infeasible = highs["infeasible"].as_u64().unwrap_or(0);
    let instances = highs["instances"].as_u64().unwrap_or(0);
    let speedup = highs["median_speedup"].as_f64().map_or_else(String::new, |s| format!("{s:.0}"));
    let slowest = highs["slowest_speedup"].as_f64().map_or_else(String::new, |s| format!("{s:.0}"));
    let rows = [
        not_yet("P1", "Kallstart till renderad Översikt, city (Xvfb)", "≤ 1 s"),
        limit(medians, "overview", 20, "P1", "Översiktsfrågan, city", "≤ 20 ms"),
        limit(
            medians,
            "dashboard_follow_up",
            100,
            "P2",
            "Översiktens fyra uppföljningsfrågor tillsammans (nyttorealisering, pengar, förfallna uppföljningar och rapporter), city",
            "≤ 100 ms",
        ),
        not_yet("P2", "Varje lista och summering, national", "≤ 100 ms"),
        limit(
            medians,
            "five_portfolios_of_500_with_dependencies",
            50,
            "P3",
            "Optimeraren, 5 portföljer × 500 med beroenden",
            "≤ 50 ms",
        ),
        Row {
            id: "P3",
            what: "Optimeraren mot HiGHS, 100 genererade instanser",
            figure: format!(
                "{agree}/{instances} lika ({infeasible} olösbara för båda); median {speedup}× snabbare (långsammast {slowest}×)"
            ),
            target: "samma optimum; ≥ 10× snabbare",
            met: Some(
                instances > 0 && agree == instances && highs["median_speedup"].as_f64().is_some_and(|s| s >= 10.0),
            ),
        },
        bundle_import(medians),
        limit(
            medians,
            "memo_pdf_200_applications",
            500,
            "P5",
            "Beslutsunderlag med 200 ansökningar till PDF",
            "≤ 500 ms",
        ),
        not_yet("P5", "Beslutsunderlaget mot LibreOffice headless", "kvot"),
        not_yet("P6", "Skrivbordsappens minne med city öppen", "≤ 200 MB"),
    ];
    let mut out = String::from("# Prestanda\n\n| | Mått | Värde | Mål | Uppfyllt |\n|---|---|---|---|---|\n");
    for r in rows {
        let met = match r.met {
            Some(true) => "ja",
            Some(false) => "nej",
            None => "–",
        };
        let _ = writeln!(out, "| {} | {} | {} | {} | {met} |", r.id, r.what, r.figure, r.target);
    }
    out
}

pub fn run(root: &Path) -> Result<()> {
    let medians = divan(root)?;
    let highs = highs(root)?;
    let text = report(&medians, &highs);
    let path = root.join("target/bench/report.md");
    std::fs::write(&path, &text).with_context(|| format!("writing {}", path.display()))?;
    println!("\n{text}\nwrote {}", path.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn divan_medians_are_read_in_nanoseconds() {
        let line = "├─ five_portfolios_of_500_with_dependencies       27.74 ms      │ 29.89 ms      │ 29.04 ms      │ 28.98 ms      │ 20      │ 20";
        assert_eq!(median_of(line), Some(("five_portfolios_of_500_with_dependencies".to_owned(), 29_040_000)));
        assert_eq!(
            median_of("╰─ memo_pdf_200_applications  352.1 ms │ 1.2 s │ 370 ms │ 371 ms │ 10 │ 10").map(|m| m.1),
            Some(370_000_000)
        );
        assert_eq!(nanos("77.5 µs"), Some(77_500));
        assert_eq!(median_of("Timer precision: 20 ns"), None);
        assert_eq!(millis(29_040_000), "29,0 ms");
    }
}
