//! `portfolj valuation eval FILE`: every figure of a worksheet file, without a database,
//! so anyone can re-check a valuation.

use std::path::PathBuf;

use clap::Subcommand;
use portfolj_api::{Api, ApiError, ErrorCode, format_number_sv};

use super::kr;
use serde_json::Value;

use crate::output;

#[derive(Debug, Subcommand)]
pub enum ValuationCommand {
    /// Compute NPV, benefit/cost ratio, payback, the yearly table and sensitivity of a
    /// worksheet file (format: docs/worksheet-format.md). Needs no database.
    Eval { file: PathBuf },
    /// Show one valuation: figures, yearly table and flags.
    Show { id: String },
    /// The valuations of one application.
    List { application_id: String },
    /// Every integrity flag in the programme (dubbelräkning and the rest).
    Flags,
    /// Start valuing a submitted application (as a valuer from another unit).
    Create { application_id: String },
    /// Save a worksheet file into a draft valuation.
    Save { id: String, file: PathBuf },
    /// Fastställ the valuation; the application becomes nyttovärderad.
    Approve { id: String },
}

/// Whether the command works on a database (all but `eval`).
pub fn needs_database(command: &ValuationCommand) -> bool {
    !matches!(command, ValuationCommand::Eval { .. })
}

fn read(file: &std::path::Path) -> Result<String, ApiError> {
    std::fs::read_to_string(file)
        .map_err(|e| ApiError::new(ErrorCode::BadArguments, format!("Kunde inte läsa {}: {e}", file.display())))
}

/// The commands that work on a database.
pub fn run_with(api: &Api, command: &ValuationCommand, json: bool) -> Result<(), ApiError> {
    let shown = match command {
        ValuationCommand::Eval { .. } => return run(command, json),
        ValuationCommand::Show { id } => api.call("valuation.get", serde_json::json!({ "id": id }))?,
        ValuationCommand::Create { application_id } => {
            api.call("valuation.create", serde_json::json!({ "application_id": application_id }))?
        }
        ValuationCommand::Approve { id } => api.call("valuation.approve", serde_json::json!({ "id": id }))?,
        ValuationCommand::Save { id, file } => {
            let worksheet: Value = serde_json::from_str(&read(file)?).map_err(|e| {
                ApiError::new(ErrorCode::BadArguments, format!("Rad {}, kolumn {}: {e}", e.line(), e.column()))
            })?;
            api.call("valuation.save", serde_json::json!({ "id": id, "worksheet": worksheet }))?
        }
        ValuationCommand::List { application_id } => {
            let list = api.call("valuation.of_application", serde_json::json!({ "id": application_id }))?;
            if json {
                output::json(&list);
            } else {
                let rows: Vec<Vec<String>> = list
                    .as_array()
                    .map(Vec::as_slice)
                    .unwrap_or_default()
                    .iter()
                    .map(|v| {
                        vec![
                            v["id"].as_str().unwrap_or_default().to_owned(),
                            v["number"].to_string(),
                            kr(&v["results"]["npv"]),
                            if v["approved_at"].is_string() { "fastställd" } else { "utkast" }.to_owned(),
                        ]
                    })
                    .collect();
                output::table(&["Id", "Nr", "Nettonuvärde", "Status"], &rows);
            }
            return Ok(());
        }
        ValuationCommand::Flags => {
            let flags = api.call("valuation.flags", Value::Null)?;
            if json {
                output::json(&flags);
            } else {
                let rows: Vec<Vec<String>> = flags
                    .as_array()
                    .map(Vec::as_slice)
                    .unwrap_or_default()
                    .iter()
                    .map(|f| {
                        let resolved = f["flag"]["resolution"]["resolution"].as_str().unwrap_or("olöst");
                        vec![
                            f["application_title"].as_str().unwrap_or_default().to_owned(),
                            f["flag"]["code"].as_str().unwrap_or_default().to_owned(),
                            resolved.to_owned(),
                            f["flag"]["message"].as_str().unwrap_or_default().to_owned(),
                        ]
                    })
                    .collect();
                output::table(&["Ansökan", "Flagga", "Lösning", "Meddelande"], &rows);
            }
            return Ok(());
        }
    };
    if json {
        output::json(&shown);
    } else {
        output::line(&format!(
            "{} – nyttovärdering {} ({})",
            shown["application_title"].as_str().unwrap_or_default(),
            shown["number"],
            if shown["approved_at"].is_string() { "fastställd" } else { "utkast" }
        ));
        if shown["results"].is_object() {
            print(&shown["results"]);
        }
        for problem in shown["problems"].as_array().map(Vec::as_slice).unwrap_or_default() {
            output::line(&format!("Fel: {}", problem["message"].as_str().unwrap_or_default()));
        }
        for flag in shown["flags"].as_array().map(Vec::as_slice).unwrap_or_default() {
            output::line(&format!("Flagga: {}", flag["message"].as_str().unwrap_or_default()));
        }
    }
    Ok(())
}

pub fn run(command: &ValuationCommand, json: bool) -> Result<(), ApiError> {
    let ValuationCommand::Eval { file } = command else {
        return Err(ApiError::new(ErrorCode::Internal, "Kommandot behöver en databas."));
    };
    let text = read(file)?;
    let results = portfolj_api::evaluate_worksheet_json(&text)?;
    let value = serde_json::to_value(&results)
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("Resultatet kunde inte skrivas: {e}")))?;
    if json {
        output::json(&value);
    } else {
        print(&value);
    }
    Ok(())
}

fn print(r: &Value) {
    // Ratios are shown with two decimals and a decimal comma; the JSON keeps them exact.
    let figure = |f: &Value| match f["value"].as_str().and_then(|v| v.parse().ok()) {
        Some(ratio) => format_number_sv(ratio, 2),
        None => f["cannot_compute"].as_str().unwrap_or_default().to_owned(),
    };
    output::line(&format!("Nettonuvärde: {}", kr(&r["npv"])));
    output::line(&format!("Nytta/kostnad: {}", figure(&r["benefit_cost_ratio"])));
    output::line(&format!(
        "Återbetalningsår: {}",
        r["payback_year"].as_i64().map_or("inte inom horisonten".to_owned(), |y| y.to_string())
    ));
    let rows: Vec<Vec<String>> = r["years"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|y| {
            vec![
                y["year"].to_string(),
                kr(&y["benefits"]),
                kr(&y["costs"]),
                kr(&y["net"]),
                kr(&y["cumulative_discounted_net"]),
            ]
        })
        .collect();
    output::table(&["År", "Nytta", "Kostnad", "Netto", "Ack. nuvärde"], &rows);
}
