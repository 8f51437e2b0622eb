//! `portfolj demo init`: a demo database to try every role in.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use clap::{Subcommand, ValueEnum};
use portfolj_api::{Api, ApiError};
use serde_json::{Value, json};

use crate::output;

#[derive(Debug, Subcommand)]
pub enum DemoCommand {
    /// Fill a new, empty database with a whole demo programme.
    Init {
        #[arg(long, value_enum, default_value_t = Scale::Small)]
        scale: Scale,
        /// The same seed always gives the same data.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Scale {
    /// About 40 applications in every portfolio, category and state
    Small,
    /// 2 000 applications
    City,
    /// 200 000 applications
    National,
}

/// Runs `work` while a line on the terminal counts the applications written, once a second.
/// Ctrl-C stops the process before the one transaction is committed, so the database stays
/// empty.
fn with_progress(api: &Api, work: impl FnOnce() -> Result<Value, ApiError>) -> Result<Value, ApiError> {
    let (finished, succeeded) = (AtomicBool::new(false), AtomicBool::new(false));
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let mut shown = false;
            while !finished.load(Ordering::Acquire) {
                std::thread::sleep(Duration::from_millis(250));
                let Ok(p) = api.call("progress.get", Value::Null) else { break };
                let (done, total) = (p["done"].as_u64().unwrap_or(0), p["total"].as_u64().unwrap_or(0));
                if p["active"] == true && total > 0 {
                    output::progress(
                        &format!("Skapar demodata: {} av {} ansökningar …", group(done), group(total)),
                        false,
                    );
                    shown = true;
                }
            }
            if shown {
                let end = if succeeded.load(Ordering::Acquire) { "klart" } else { "avbrutet" };
                output::progress(&format!("Skapar demodata: {end}."), true);
            }
        });
        let result = work();
        succeeded.store(result.is_ok(), Ordering::Release);
        finished.store(true, Ordering::Release);
        result
    })
}

/// "200 000": thousands grouped as in Swedish.
fn group(n: u64) -> String {
    portfolj_api::format_number_sv(n.into(), 0)
}

pub fn run(api: &Api, command: DemoCommand, json: bool, db: &Path) -> Result<(), ApiError> {
    let DemoCommand::Init { scale, seed } = command;
    let scale = match scale {
        Scale::Small => "small",
        Scale::City => "city",
        Scale::National => "national",
    };
    let summary = with_progress(api, || api.call("demo.init", json!({ "scale": scale, "seed": seed })))?;
    if json {
        output::json(&summary);
    } else {
        output::line(&format!(
            "Demodatabasen {} är skapad: {} ansökningar, {} enheter, {} personer, {} ramar. Du agerar som {}.",
            db.display(),
            group(summary["applications"].as_u64().unwrap_or(0)),
            summary["units"],
            summary["people"],
            summary["frames"],
            summary["acting_person"].as_str().unwrap_or_default()
        ));
    }
    Ok(())
}
