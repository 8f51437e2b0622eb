//! `portfolj indicator`: the five perspectives' indicators and their measurements.

use clap::Subcommand;
use portfolj_api::{Api, ApiError};
use serde_json::json;

use super::{items, text};
use crate::output;

#[derive(Debug, Subcommand)]
pub enum IndicatorCommand {
    /// Every perspective with its indicators, latest value and trend.
    List,
    /// (Projektkontoret) Define an indicator.
    Define {
        name: String,
        /// external_benefit, internal_benefit, it_maturity, it_cost or it_quality.
        #[arg(long)]
        perspective: String,
        /// e.g. "%", "kr per ärende", "skala 1–5".
        #[arg(long)]
        unit: String,
        /// objective or survey.
        #[arg(long, default_value = "objective")]
        method: String,
        /// higher or lower (is better).
        #[arg(long, default_value = "higher")]
        direction: String,
        #[arg(long)]
        target: Option<String>,
    },
    /// (Projektkontoret) Record a measurement; the same day again corrects it.
    Measure {
        /// The indicator's id (see `indicator list --json`).
        indicator: String,
        /// YYYY-MM-DD.
        #[arg(long)]
        date: String,
        #[arg(long)]
        value: String,
        #[arg(long, default_value = "")]
        note: String,
    },
}

pub fn run(api: &Api, command: IndicatorCommand, json: bool) -> Result<(), ApiError> {
    let result = match command {
        IndicatorCommand::List => api.call("indicator.list", json!({}))?,
        IndicatorCommand::Define { name, perspective, unit, method, direction, target } => api.call(
            "indicator.define",
            json!({ "name": name, "perspective": perspective, "unit": unit, "method": method,
                "direction": direction, "target": target }),
        )?,
        IndicatorCommand::Measure { indicator, date, value, note } => api.call(
            "indicator.measure",
            json!({ "indicator_id": indicator, "measured_on": date, "value": value, "note": note }),
        )?,
    };
    if json || !result.is_array() {
        output::json(&result);
        return Ok(());
    }
    let mut rows = Vec::new();
    for perspective in items(&result) {
        for i in items(&perspective["indicators"]) {
            let latest = i["measurements"].as_array().and_then(|m| m.last()).map_or_else(
                || "–".to_owned(),
                |m| format!("{} {} ({})", text(m, "value").replace('.', ","), text(i, "unit"), text(m, "measured_on")),
            );
            rows.push(vec![
                text(perspective, "name_sv").to_owned(),
                text(i, "name").to_owned(),
                latest,
                i["target"].as_str().map_or_else(|| "–".to_owned(), |t| t.replace('.', ",")),
                text(i, "trend_sv").to_owned(),
            ]);
        }
    }
    output::table(&["Perspektiv", "Mätetal", "Senast", "Mål", "Trend"], &rows);
    Ok(())
}
