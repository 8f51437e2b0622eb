//! P1 and P6: the desktop app (release build, UI embedded) started on the `city` demo
//! database under Xvfb. The start-up time runs from spawning the process until the UI has
//! drawn Översikt with its data: the shell writes `PORTFOLJ_READY_FILE` when the page says
//! so (`markRendered`). The first start follows an emptied page cache (a true cold start);
//! the others are warm. Memory is the proportional set size (PSS, so shared libraries are
//! not counted twice) of the app and every process it started (WebKit's web and network
//! processes), read from /proc a moment after Översikt is drawn. Beside it, the same app on
//! an empty database, showing only the first-run page: the floor that WebKit and the shell
//! cost before Portfölj holds any data.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::{build_ui, sh, step};

const STARTS: usize = 5;
/// Time for the sections that load after the first page (the follow-up sections) to land
/// before memory is read.
const SETTLE: Duration = Duration::from_secs(3);

pub struct Startup {
    /// From process start to Översikt drawn, after the page cache was emptied.
    pub cold_ms: u64,
    /// The median of the warm starts.
    pub warm_median_ms: u64,
    /// The largest PSS over the starts, in KiB.
    pub memory_kib: u64,
    pub processes: usize,
    /// PSS on an empty database (the first-run page), in KiB.
    pub floor_kib: u64,
}

/// Builds what the measurement needs (release CLI and desktop app, the UI, the city
/// database) and starts the app `STARTS` times.
pub fn measure(root: &Path) -> Result<Startup> {
    build_ui(root)?;
    sh(root, "cargo", &["build", "--release", "-p", "portfolj-cli"], &[])?;
    sh(root, "cargo", &["build", "--release", "-p", "portfolj-desktop", "--features", "custom-protocol"], &[])?;
    let bench = root.join("target/bench");
    let db = city_database(root, &bench)?;
    let display = Xvfb::start()?;
    let app = root.join("target/release/portfolj-desktop");
    let ready = bench.join("ready");
    let mut warm = Vec::new();
    let mut cold_ms = 0;
    let mut memory_kib = 0;
    let mut processes = 0;
    for start in 0..STARTS {
        let cold = start == 0;
        if cold {
            empty_page_cache()?;
        }
        let run = start_once(&app, &db, &ready, &display.name)?;
        step(&format!("start {}: {} ms, {} KiB in {} processes", start + 1, run.millis, run.pss_kib, run.processes));
        if cold {
            cold_ms = run.millis;
        } else {
            warm.push(run.millis);
        }
        if run.pss_kib > memory_kib {
            memory_kib = run.pss_kib;
            processes = run.processes;
        }
    }
    let empty = bench.join("empty.db");
    super::remove_database(&empty)?;
    let floor = start_once(&app, &empty, &ready, &display.name)?;
    step(&format!("empty database: {} ms, {} KiB", floor.millis, floor.pss_kib));
    warm.sort_unstable();
    Ok(Startup { cold_ms, warm_median_ms: warm[warm.len() / 2], memory_kib, processes, floor_kib: floor.pss_kib })
}

/// A fresh city demo database made by the release CLI (the generator may have changed).
fn city_database(root: &Path, bench: &Path) -> Result<PathBuf> {
    std::fs::create_dir_all(bench)?;
    let db = bench.join("city.db");
    super::remove_database(&db)?;
    let cli = root.join("target/release/portfolj");
    sh(root, &cli.to_string_lossy(), &["--db", &db.to_string_lossy(), "demo", "init", "--scale", "city"], &[])?;
    Ok(db)
}

/// Writes dirty pages and drops the page cache, so the next start reads from disk.
fn empty_page_cache() -> Result<()> {
    sh(Path::new("/"), "sync", &[], &[])?;
    std::fs::write("/proc/sys/vm/drop_caches", "3").context("emptying the page cache needs root")
}

/// An X server of its own for the measurement, stopped when dropped.
struct Xvfb {
    child: Child,
    name: String,
}

impl Xvfb {
    fn start() -> Result<Self> {
        let mut child = Command::new("Xvfb")
            .args(["-displayfd", "1", "-screen", "0", "1400x900x24", "-nolisten", "tcp"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("could not start Xvfb")?;
        let mut line = String::new();
        if let Some(out) = child.stdout.take() {
            BufReader::new(out).read_line(&mut line)?;
        }
        let number = line.trim();
        if number.is_empty() {
            let _ = child.kill();
            bail!("Xvfb did not say which display it opened");
        }
        Ok(Self { name: format!(":{number}"), child })
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Run {
    millis: u64,
    pss_kib: u64,
    processes: usize,
}

fn start_once(app: &Path, db: &Path, ready: &Path, display: &str) -> Result<Run> {
    if ready.exists() {
        std::fs::remove_file(ready)?;
    }
    let began = Instant::now();
    let mut child = Command::new(app)
        .env("DISPLAY", display)
        .env("PORTFOLJ_DB", db)
        .env("PORTFOLJ_READY_FILE", ready)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .with_context(|| format!("could not start {}", app.display()))?;
    let deadline = began + Duration::from_secs(60);
    let millis = loop {
        if std::fs::read_to_string(ready).is_ok_and(|text| text.ends_with('\n')) {
            break u64::try_from(began.elapsed().as_millis()).unwrap_or(u64::MAX);
        }
        if Instant::now() > deadline || child.try_wait()?.is_some() {
            stop(&mut child);
            bail!("the app did not draw its first page within a minute");
        }
        sleep(Duration::from_millis(2));
    };
    sleep(SETTLE);
    let tree = descendants(child.id());
    let pss_kib = tree.iter().filter_map(|pid| pss_kib(*pid)).sum();
    let processes = tree.len();
    stop(&mut child);
    Ok(Run { millis, pss_kib, processes })
}

/// Stops the app and the processes it started.
fn stop(child: &mut Child) {
    for pid in descendants(child.id()).into_iter().rev() {
        let _ = Command::new("kill").arg(pid.to_string()).status();
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// `root` and every process below it, parents first.
fn descendants(root: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
            // The command name may hold spaces and parentheses; the parent follows the last ')'.
            let after = &stat[stat.rfind(')')? + 1..];
            let ppid = after.split_whitespace().nth(1)?.parse().ok()?;
            Some((pid, ppid))
        })
        .collect();
    let mut tree = vec![root];
    let mut next = 0;
    while next < tree.len() {
        let parent = tree[next];
        tree.extend(parents.iter().filter(|(_, ppid)| *ppid == parent).map(|(pid, _)| *pid));
        next += 1;
    }
    tree
}

fn pss_kib(pid: u32) -> Option<u64> {
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    rollup.lines().find_map(|line| line.strip_prefix("Pss:")?.trim().strip_suffix("kB")?.trim().parse().ok())
}
