//! One module per subcommand; each builds a `call` and prints its answer.

mod app;
mod backup;
mod decision;
mod demo;
mod export;
mod frame;
mod indicator;
mod memo;
mod persona;
mod prioritise;
mod report;
mod review;
mod scenario;
mod serve;
mod sync;
pub mod valuation;

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use portfolj_api::{Api, ApiError, ErrorCode};
use serde_json::Value;

use crate::output;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create demo data in a new, empty database.
    Demo {
        #[command(subcommand)]
        command: demo::DemoCommand,
    },
    /// Applications: list, show, create.
    #[command(alias = "application")]
    App {
        #[command(subcommand)]
        command: app::AppCommand,
    },
    /// The programme: focus areas, council goals and units.
    Programme,
    /// Frames per portfolio and year, and applications per state.
    Overview,
    /// Who is acting; in a demo database, act as someone else.
    Persona {
        #[command(subcommand)]
        command: persona::PersonaCommand,
    },
    /// The programme's people (projektkontoret): list, add.
    Person {
        #[command(subcommand)]
        command: persona::PersonCommand,
    },
    /// Benefit valuations (nyttovärdering): compute a worksheet file's results.
    Valuation {
        #[command(subcommand)]
        command: valuation::ValuationCommand,
    },
    /// The tamper-evident audit log.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// This laptop's key pair and certificate.
    Identity {
        #[command(subcommand)]
        command: sync::IdentityCommand,
    },
    /// The projektkontor's office key: set up, invite laptops, revoke certificates.
    Office {
        #[command(subcommand)]
        command: sync::OfficeCommand,
    },
    /// Signed bundles exchanged between laptops: inspect, verify, import, log.
    Bundle {
        #[command(subcommand)]
        command: sync::BundleCommand,
    },
    /// Beredning: rounds, members, jäv, scores and the round's summary.
    Review {
        #[command(subcommand)]
        command: review::ReviewCommand,
    },
    /// (Projektkontoret) The best selection within a portfolio's frame for a year, and why
    /// each other application is left out.
    Prioritize(prioritise::PrioritiseArgs),
    /// Frames per portfolio and year: list, change with a reason (projektkontoret), history.
    Frame {
        #[command(subcommand)]
        command: frame::FrameCommand,
    },
    /// Decisions on proposed applications: record (projektkontoret) and list.
    Decision {
        #[command(subcommand)]
        command: decision::DecisionCommand,
    },
    /// (Projektkontoret) Named prioritisation scenarios: save, list, compare side by side,
    /// adopt one as the proposal.
    Scenario {
        #[command(subcommand)]
        command: scenario::ScenarioCommand,
    },
    /// (Projektkontoret) The decision memo (beslutsunderlag) for the utvecklingsråd as an A4
    /// PDF; a draft (UTKAST) while any review is incomplete.
    Memo(memo::MemoArgs),
    /// (Projektkontoret) The programme's data for Excel: applications, valuations, scores,
    /// decisions, status reports, final reports or follow-ups as CSV or XLSX, or every table
    /// in one workbook.
    Export(export::ExportArgs),
    /// Final reports, follow-ups one year after closing (effekthemtagning), what is due and
    /// the realisation rate.
    Report {
        #[command(subcommand)]
        command: report::ReportCommand,
    },
    /// The five perspectives' indicators: list, define, measure.
    Indicator {
        #[command(subcommand)]
        command: indicator::IndicatorCommand,
    },
    /// Values written at the same time on different laptops: list and resolve.
    Conflicts {
        #[command(subcommand)]
        command: sync::ConflictsCommand,
    },
    /// Take a safety copy of the database (one is also taken before every bundle import).
    Backup(backup::BackupArgs),
    /// Replace the database with a safety copy (by file name from `backup --list`); the
    /// present state is copied first.
    Restore { file_name: String },
    /// Serve the UI and the API to a browser on 127.0.0.1 (for browser tests and UI work).
    Serve(serve::ServeArgs),
    /// Run any API command with JSON arguments, exactly as the UI does.
    Call {
        /// Command name, e.g. application.list
        command: String,
        /// Arguments as a JSON object, or `-` to read them from standard input (large
        /// arguments such as an attachment's base64)
        #[arg(default_value = "{}")]
        args: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check every entry of the hash chain; names the first entry that was changed.
    Verify,
}

pub fn run(api: Api, command: Command, json: bool, db: &Path) -> Result<(), ApiError> {
    match command {
        Command::Demo { command } => demo::run(&api, command, json, db),
        Command::App { command } => app::run(&api, command, json),
        Command::Programme => programme(&api, json),
        Command::Overview => overview(&api, json),
        Command::Persona { command } => persona::run(&api, command, json),
        Command::Person { command } => persona::person(&api, command, json),
        Command::Serve(args) => serve::run(api, args),
        Command::Review { command } => review::run(&api, command, json),
        Command::Prioritize(args) => prioritise::run(&api, &args, json),
        Command::Decision { command } => decision::run(&api, command, json),
        Command::Frame { command } => frame::run(&api, command, json),
        Command::Memo(args) => memo::run(&api, &args, json),
        Command::Export(args) => export::run(&api, &args, json),
        Command::Report { command } => report::run(&api, command, json),
        Command::Indicator { command } => indicator::run(&api, command, json),
        Command::Scenario { command } => scenario::run(&api, command, json),
        Command::Conflicts { command } => sync::conflicts(&api, command, json),
        Command::Backup(args) => backup::backup(&api, &args, json),
        Command::Restore { file_name } => backup::restore(&api, &file_name, json),
        Command::Identity { command } => sync::identity(&api, command, json),
        Command::Office { command } => sync::office(&api, command, json),
        Command::Bundle { command } => sync::bundle(&api, command, json),
        Command::Audit { command: AuditCommand::Verify } => audit_verify(&api, json),
        Command::Valuation { command } => valuation::run_with(&api, &command, json),
        Command::Call { command, args } => {
            let args = if args == "-" {
                let mut text = String::new();
                std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).map_err(|e| {
                    ApiError::new(ErrorCode::BadArguments, format!("Kunde inte läsa argumenten från standard in: {e}"))
                })?;
                text
            } else {
                args
            };
            let args: Value = serde_json::from_str(&args)
                .map_err(|e| ApiError::new(ErrorCode::BadArguments, format!("Argumenten är inte giltig JSON: {e}")))?;
            output::json(&api.call(&command, args)?);
            Ok(())
        }
    }
}

/// Reads a string field of a JSON object, or "" when absent.
pub(crate) fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key].as_str().unwrap_or_default()
}

pub(crate) fn items(value: &Value) -> &[Value] {
    value.as_array().map(Vec::as_slice).unwrap_or_default()
}

fn programme(api: &Api, json: bool) -> Result<(), ApiError> {
    let p = api.call("programme.get", Value::Null)?;
    if json {
        output::json(&p);
        return Ok(());
    }
    output::line(&format!("{} ({}–{})", text(&p, "name"), p["first_year"], p["last_year"]));
    output::line("");
    let rows: Vec<Vec<String>> =
        items(&p["focus_areas"]).iter().map(|f| vec![f["portfolio"].to_string(), text(f, "name").to_owned()]).collect();
    output::table(&["Portfölj", "Fokusområde"], &rows);
    output::line("");
    let rows: Vec<Vec<String>> = items(&p["council_goals"])
        .iter()
        .map(|g| vec![text(g, "code").to_owned(), text(g, "name").to_owned()])
        .collect();
    output::table(&["Mål", "Kommunfullmäktiges inriktningsmål"], &rows);
    output::line("");
    output::line(&format!("{} enheter", items(&p["units"]).len()));
    Ok(())
}

fn overview(api: &Api, json: bool) -> Result<(), ApiError> {
    let o = api.call("overview.get", Value::Null)?;
    if json {
        output::json(&o);
        return Ok(());
    }
    let rows: Vec<Vec<String>> = items(&o["frames"])
        .iter()
        .map(|f| {
            let applications: u64 = items(&o["state_counts"])
                .iter()
                .filter(|c| c["portfolio"] == f["portfolio"] && c["year"] == f["year"])
                .filter_map(|c| c["count"].as_u64())
                .sum();
            vec![
                f["portfolio"].to_string(),
                f["year"].to_string(),
                app::money(text(f, "amount")),
                applications.to_string(),
            ]
        })
        .collect();
    output::table(&["Portfölj", "År", "Ram", "Ansökningar"], &rows);
    Ok(())
}

/// Prints the verdict; a broken chain is an error (exit code 2) so scripts notice.
fn audit_verify(api: &Api, json: bool) -> Result<(), ApiError> {
    let report = api.call("audit.verify", Value::Null)?;
    if report["ok"].as_bool() != Some(true) {
        return Err(ApiError::new(ErrorCode::Conflict, text(&report, "message")));
    }
    if json {
        output::json(&report);
    } else {
        output::line(text(&report, "message"));
    }
    Ok(())
}

/// "1 sida", "12 sidor".
pub(crate) fn pages_sv(pages: &Value) -> String {
    match pages.as_u64() {
        Some(1) => "1 sida".to_owned(),
        Some(n) => format!("{n} sidor"),
        None => "okänt antal sidor".to_owned(),
    }
}

/// Where a document's PDF goes, and the language it is written in.
#[derive(Debug, Args)]
pub(crate) struct DocumentOut {
    #[arg(long)]
    out: PathBuf,
    /// The document's language: sv (svenska, the default) or en (English), as the API names them.
    #[arg(long, default_value = "sv", value_parser = ["sv", "en"])]
    language: String,
}

impl DocumentOut {
    /// Asks the API for the document in the chosen language and writes it.
    pub(crate) fn write(&self, api: &Api, command: &str, mut args: Value, json: bool) -> Result<(), ApiError> {
        args["language"] = Value::from(self.language.as_str());
        write_pdf(&self.out, &api.call(command, args)?, json)
    }
}

/// Writes a PDF the API returned and says where, with its page count.
pub(crate) fn write_pdf(out: &Path, file: &Value, json: bool) -> Result<(), ApiError> {
    sync::write_file(out, file)?;
    if json {
        output::json(&serde_json::json!({ "path": out, "pages": file["pages"] }));
    } else {
        output::line(&format!("Skrev {}: {}.", out.display(), pages_sv(&file["pages"])));
    }
    Ok(())
}

/// Whole kronor by the display rule ("1 234 567 kr"), "–" for none, or the text as it came.
pub(crate) fn kr(value: &Value) -> String {
    match value.as_str() {
        None => "–".to_owned(),
        Some(text) => text.parse().map_or_else(|_| text.to_owned(), portfolj_api::format_kronor_sv),
    }
}

/// A percentage with one decimal and a decimal comma ("93,2 %"), "–" for none.
pub(crate) fn percent(value: &Value) -> String {
    value
        .as_str()
        .and_then(|p| p.parse().ok())
        .map_or_else(|| "–".to_owned(), |p| format!("{} %", portfolj_api::format_number_sv(p, 1)))
}
