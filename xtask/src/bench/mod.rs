//! `cargo xtask bench`: every benchmark in one run, and `target/bench/report.md` with one
//! row per figure, its target and whether it is met (issue 10). Figures come from divan's
//! medians (release build) and from the optimizer's comparison with HiGHS
//! (`xtask/bench/highs.py`, in a virtual environment made here when missing), from
//! LibreOffice converting the same memo ([`libreoffice`]) and from starting the desktop app
//! under Xvfb ([`startup`]). Rows whose measurement is not built yet say so rather than pass.

mod libreoffice;
mod national;
mod startup;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

use crate::{sh, step};

/// The HiGHS release the comparison was made with; pinned so figures stay comparable.
const HIGHSPY: &str = "highspy==1.16.0";

/// Removes a SQLite database with its WAL files, so a benchmark starts from nothing.
fn remove_database(db: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let file = std::path::PathBuf::from(format!("{}{suffix}", db.display()));
        if file.exists() {
            std::fs::remove_file(&file).with_context(|| format!("removing {}", file.display()))?;
        }
    }
    Ok(())
}

/// Runs `cargo bench`, echoing its output, and keeps each benchmark's median in
/// nanoseconds by name.
fn divan(root: &Path, national: &Path) -> Result<BTreeMap<String, u64>> {
    let args = ["bench", "-p", "portfolj-core", "-p", "portfolj-report", "-p", "portfolj-api"];
    step(&format!("cargo {}", args.join(" ")));
    let mut child = Command::new("cargo")
        .args(args)
        .env("PORTFOLJ_NATIONAL_DB", national)
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
/// An argument's row sits one level down: "│  ├─ overview.get  1.2 ms │ …".
fn median_of(line: &str) -> Option<(String, u64)> {
    let cells: Vec<&str> = line.trim_start_matches(['│', ' ']).split('│').collect();
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
        "m" => 60_000_000_000,
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

/// Portfölj's memo PDF beside LibreOffice's conversion of the same content.
fn memo_against_libreoffice(medians: &BTreeMap<String, u64>, office: &libreoffice::Conversion) -> Row {
    let what = "Beslutsunderlaget (200 ansökningar) mot LibreOffice headless, samma innehåll som HTML";
    let target = "kvot, Portfölj snabbare";
    let Some(ours) = medians.get("memo_pdf_200_applications").copied() else {
        return not_yet("P5", what, target);
    };
    let theirs = office.median_ms * 1_000_000;
    let tenths = theirs * 10 / ours.max(1);
    Row {
        id: "P5",
        what,
        figure: format!(
            "{} mot {} ({} sidor) = Portfölj {},{}× snabbare",
            millis(ours),
            millis(theirs),
            office.pages,
            tenths / 10,
            tenths % 10
        ),
        target,
        met: Some(ours < theirs),
    }
}

/// The national views (`benches/national.rs`, one divan row per view): the slowest, and
/// every view over the limit by name.
fn national_views(medians: &BTreeMap<String, u64>, national: &national::National) -> [Row; 2] {
    let generated = Row {
        id: "Data",
        what: "Demodatabasen national (200 000 ansökningar) genererad av release-CLI:t",
        figure: format!(
            "{} min {} s, {} MB",
            national.generated_secs / 60,
            national.generated_secs % 60,
            national.size_mib
        ),
        target: "minuter, inte timmar",
        met: Some(national.generated_secs < 3_600),
    };
    let what = "Varje lista och summering, national (Api::call som UI:t, median)";
    let views: Vec<(&str, u64)> =
        medians.iter().filter(|(name, _)| name.contains('.')).map(|(name, n)| (name.as_str(), *n)).collect();
    let Some((slowest, worst)) = views.iter().max_by_key(|(_, n)| *n) else {
        return [generated, not_yet("P2", what, "≤ 100 ms")];
    };
    let over: Vec<String> =
        views.iter().filter(|(_, n)| *n > 100_000_000).map(|(name, n)| format!("{name} {}", millis(*n))).collect();
    let figure = if over.is_empty() {
        format!("alla {} vyer; långsammast {slowest} {}", views.len(), millis(*worst))
    } else {
        format!("{} av {} vyer över målet: {}", over.len(), views.len(), over.join(", "))
    };
    [generated, Row { id: "P2", what, figure, target: "≤ 100 ms", met: Some(over.is_empty()) }]
}

fn startup_rows(startup: &startup::Startup) -> [Row; 2] {
    [
        Row {
            id: "P1",
            what: "Kallstart (tömd sidcache) till renderad Översikt, city, release, Xvfb; varma starter",
            figure: format!("{} ms; varm median {} ms", startup.cold_ms, startup.warm_median_ms),
            target: "≤ 1 s",
            met: Some(startup.cold_ms <= 1_000),
        },
        Row {
            id: "P6",
            what: "Skrivbordsappens minne med city öppen (PSS, appen och WebKits processer)",
            figure: format!(
                "{} MB i {} processer; golvet (tom databas, första sidan) {} MB",
                startup.memory_kib / 1024,
                startup.processes,
                startup.floor_kib / 1024
            ),
            target: "≤ 200 MB",
            met: Some(startup.memory_kib <= 200 * 1024),
        },
    ]
}

fn report(
    medians: &BTreeMap<String, u64>,
    highs: &serde_json::Value,
    office: &libreoffice::Conversion,
    startup: &startup::Startup,
    national: &national::National,
) -> String {
    let agree = highs["agree"].as_u64().unwrap_or(0);
    let infeasible = highs["infeasible"].as_u64().unwrap_or(0);
    let instances = highs["instances"].as_u64().unwrap_or(0);
    let speedup = highs["median_speedup"].as_f64().map_or_else(String::new, |s| format!("{s:.0}"));
    let slowest = highs["slowest_speedup"].as_f64().map_or_else(String::new, |s| format!("{s:.0}"));
    let [cold_start, memory] = startup_rows(startup);
    let [generated, national_views] = national_views(medians, national);
    let rows = [
        generated,
        cold_start,
        limit(medians, "overview", 20, "P1", "Översiktsfrågan, city", "≤ 20 ms"),
        limit(
            medians,
            "dashboard_follow_up",
            100,
            "P2",
            "Översiktens fyra uppföljningsfrågor tillsammans (nyttorealisering, pengar, förfallna uppföljningar och rapporter), city",
            "≤ 100 ms",
        ),
        national_views,
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
        memo_against_libreoffice(medians, office),
        memory,
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
    let national = national::database(root)?;
    let medians = divan(root, &national.path)?;
    let highs = highs(root)?;
    let office = libreoffice::measure(root)?;
    let startup = startup::measure(root)?;
    let text = report(&medians, &highs, &office, &startup, &national);
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
        assert_eq!(
            median_of("│  ├─ followup.money   40.1 ms  │ 52 ms  │ 44.25 ms │ 45 ms │ 5 │ 5"),
            Some(("followup.money".to_owned(), 44_250_000))
        );
        assert_eq!(median_of("├─ national_view                 │               │               │"), None);
        assert_eq!(nanos("77.5 µs"), Some(77_500));
        assert_eq!(nanos("2.775 m"), Some(166_500_000_000));
        assert_eq!(median_of("Timer precision: 20 ns"), None);
        assert_eq!(millis(29_040_000), "29,0 ms");
    }
}
