//! `portfolj export`: the programme's data as CSV (Excel in Swedish) or XLSX.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use portfolj_api::{Api, ApiError, ErrorCode};
use serde_json::json;

use super::sync;
use crate::output;

#[derive(Debug, Clone, Copy, ValueEnum)]
enum What {
    Applications,
    Valuations,
    Scores,
    Decisions,
    StatusReports,
    FinalReports,
    FollowUps,
    /// Every table, one worksheet each (XLSX only).
    All,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// Semicolons, decimal commas, UTF-8 with a byte-order mark: opens in Swedish Excel.
    Csv,
    Xlsx,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Which table.
    #[arg(long, value_enum)]
    what: What,
    /// The file format; taken from the --out file's extension when left out.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Only this budget year.
    #[arg(long)]
    year: Option<i32>,
    /// Only this portfolio (1–5).
    #[arg(long)]
    portfolio: Option<u8>,
    /// Where to write the file.
    #[arg(long)]
    out: PathBuf,
}

fn format_of(args: &ExportArgs) -> Result<Format, ApiError> {
    let extension = args.out.extension().and_then(|e| e.to_str()).map(str::to_lowercase);
    match (args.format, extension.as_deref()) {
        (Some(format), _) => Ok(format),
        (None, Some("csv")) => Ok(Format::Csv),
        (None, Some("xlsx")) => Ok(Format::Xlsx),
        _ => Err(ApiError::new(
            ErrorCode::BadArguments,
            "Ange formatet med --format csv eller --format xlsx, eller ge filen ändelsen .csv eller .xlsx.",
        )),
    }
}

/// The API's name for a choice: "status-reports" on the command line is "status_reports".
fn name<T: ValueEnum>(value: T) -> String {
    value.to_possible_value().map(|v| v.get_name().replace('-', "_")).unwrap_or_default()
}

pub fn run(api: &Api, args: &ExportArgs, json: bool) -> Result<(), ApiError> {
    let format = format_of(args)?;
    let file = api.call(
        "export.file",
        json!({ "what": name(args.what), "format": name(format), "year": args.year, "portfolio": args.portfolio }),
    )?;
    sync::write_file(&args.out, &file)?;
    if json {
        output::json(&json!({ "path": args.out, "rows": file["rows"], "media_type": file["media_type"] }));
    } else {
        output::line(&format!("Skrev {}: {} rader.", args.out.display(), file["rows"]));
    }
    Ok(())
}
