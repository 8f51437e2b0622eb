//! `portfolj valuation eval FILE`: every figure of a worksheet file, without a database,
//! so anyone can re-check a valuation.

use std::path::PathBuf;

use clap::Subcommand;
use portfolj_api::{ApiError, ErrorCode, format_kronor_sv, format_number_sv};
use serde_json::Value;

use crate::output;

#[derive(Debug, Subcommand)]
pub enum ValuationCommand {
    /// Compute NPV, benefit/cost ratio, payback, the yearly table and sensitivity of a
    /// worksheet file (format: docs/worksheet-format.md).
    Eval { file: PathBuf },
}

pub fn run(command: &ValuationCommand, json: bool) -> Result<(), ApiError> {
    let ValuationCommand::Eval { file } = command;
    let text = std::fs::read_to_string(file)
        .map_err(|e| ApiError::new(ErrorCode::BadArguments, format!("Kunde inte läsa {}: {e}", file.display())))?;
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

/// Whole kronor by the display rule, or the text as it came.
fn kr(value: &Value) -> String {
    let text = value.as_str().unwrap_or_default();
    text.parse().map_or_else(|_| text.to_owned(), format_kronor_sv)
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
