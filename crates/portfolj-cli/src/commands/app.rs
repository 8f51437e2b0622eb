//! `portfolj app`: list, show and create applications.

use clap::{Subcommand, ValueEnum};
use portfolj_api::{Api, ApiError, Sek};
use serde_json::{Value, json};

use super::{items, text};
use crate::output;

#[derive(Debug, Subcommand)]
pub enum AppCommand {
    /// List applications, newest change first.
    List {
        /// Portfolio 1–5
        #[arg(long)]
        portfolio: Option<u8>,
        /// Fiscal year
        #[arg(long)]
        year: Option<i32>,
        /// State code, e.g. draft, submitted, granted
        #[arg(long)]
        state: Option<String>,
        /// Part of the title
        #[arg(long)]
        text: Option<String>,
    },
    /// Show one application with its history.
    Show { id: String },
    /// Create a draft application as the acting person.
    Create {
        #[arg(long)]
        title: String,
        /// Applying unit, by name or id
        #[arg(long)]
        unit: String,
        #[arg(long)]
        portfolio: i32,
        #[arg(long, value_enum)]
        category: Category,
        #[arg(long)]
        year: i32,
        /// Requested amount in kronor, e.g. "1 250 000" or 1250000,50
        #[arg(long)]
        amount: String,
        #[arg(long, default_value = "")]
        purpose: String,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Category {
    Innovative,
    Differentiating,
    Basic,
}

pub fn run(api: &Api, command: AppCommand, json: bool) -> Result<(), ApiError> {
    match command {
        AppCommand::List { portfolio, year, state, text } => {
            let args = json!({ "portfolio": portfolio, "fiscal_year": year, "state": state, "text": text });
            let list = api.call("application.list", args)?;
            if json {
                output::json(&list);
            } else {
                let rows: Vec<Vec<String>> = items(&list).iter().map(row).collect();
                output::table(&["Id", "Titel", "Enhet", "Portfölj", "År", "Belopp", "Status"], &rows);
            }
        }
        AppCommand::Show { id } => show(api.call("application.get", json!({ "id": id }))?, json),
        AppCommand::Create { title, unit, portfolio, category, year, amount, purpose } => {
            let unit_id = unit_id(api, &unit)?;
            let category = match category {
                Category::Innovative => "innovative",
                Category::Differentiating => "differentiating",
                Category::Basic => "basic",
            };
            let created = api.call(
                "application.create",
                json!({
                    "title": title, "unit_id": unit_id, "portfolio": portfolio, "it_category": category,
                    "fiscal_year": year, "requested_amount": amount, "purpose": purpose,
                }),
            )?;
            show(created, json);
        }
    }
    Ok(())
}

/// A unit given by name is looked up among the programme's units; anything else is
/// passed on as an id for the API to check.
fn unit_id(api: &Api, unit: &str) -> Result<String, ApiError> {
    let programme = api.call("programme.get", Value::Null)?;
    Ok(items(&programme["units"])
        .iter()
        .find(|u| text(u, "name").eq_ignore_ascii_case(unit.trim()))
        .map_or_else(|| unit.to_owned(), |u| text(u, "id").to_owned()))
}

/// An amount as Swedish readers expect it ("1 234 568 kr").
pub fn money(decimal: &str) -> String {
    Sek::parse(decimal).map_or_else(|_| decimal.to_owned(), Sek::format_sv)
}

fn row(a: &Value) -> Vec<String> {
    vec![
        text(a, "id").to_owned(),
        text(a, "title").to_owned(),
        text(a, "unit_name").to_owned(),
        a["portfolio"].to_string(),
        a["fiscal_year"].to_string(),
        money(text(a, "requested_amount")),
        text(a, "state").to_owned(),
    ]
}

fn show(a: Value, json: bool) {
    if json {
        output::json(&a);
        return;
    }
    output::line(&format!("{}  ({})", text(&a, "title"), text(&a, "id")));
    output::line(&format!("Enhet: {}   Portfölj: {}   År: {}", text(&a, "unit_name"), a["portfolio"], a["fiscal_year"]));
    output::line(&format!("Belopp: {}   Status: {}", money(text(&a, "requested_amount")), text(&a, "state")));
    output::line(&format!("Syfte: {}", text(&a, "purpose")));
    let rows: Vec<Vec<String>> = items(&a["events"])
        .iter()
        .map(|e| {
            vec![text(e, "at").to_owned(), text(e, "actor_name").to_owned(), text(e, "to_state").to_owned(), text(e, "reason").to_owned()]
        })
        .collect();
    output::table(&["Tid", "Vem", "Till", "Varför"], &rows);
}
