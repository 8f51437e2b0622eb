//! `portfolj app`: list, show and create applications.

use base64::Engine;
use clap::{Subcommand, ValueEnum};
use portfolj_api::{Api, ApiError, ErrorCode, Sek};
use serde_json::{Value, json};

use super::{DocumentOut, items, text};
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
    /// Full-text search in titles and application texts, best match first.
    Search {
        /// The words to find
        #[arg(required = true)]
        words: Vec<String>,
        #[arg(long)]
        portfolio: Option<u8>,
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        state: Option<String>,
        #[arg(long, value_enum)]
        category: Option<Category>,
    },
    /// Check the application against every readiness rule.
    Check { id: String },
    /// Submit the application (refused while a readiness rule fails).
    Submit { id: String },
    /// The application's history: every change of state, who, when and why.
    History { id: String },
    /// Change the working copy: basics by flag, details from a JSON file or `--set`.
    Edit {
        id: String,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        purpose: Option<String>,
        #[arg(long)]
        amount: Option<String>,
        #[arg(long)]
        year: Option<i32>,
        /// The whole details document (ApplicationDetailsDto as JSON) from a file
        #[arg(long, value_name = "FILE")]
        details: Option<std::path::PathBuf>,
        /// One details text field, e.g. --set problem="Pappersblanketter"
        #[arg(long, value_name = "FIELD=VALUE")]
        set: Vec<String>,
    },
    /// Attach a file to the working copy (PDF, Office, OpenDocument, PNG, JPEG, text, CSV; ≤ 10 MB).
    Attach { id: String, file: std::path::PathBuf },
    /// List the application's attachments.
    Attachments { id: String },
    /// The application as a PDF, as you may see it (the newest submitted version for
    /// valuers, reviewers and the council).
    Print {
        id: String,
        #[command(flatten)]
        document: DocumentOut,
    },
    /// Create a draft application as the acting person.
    #[command(alias = "create")]
    New {
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

impl Category {
    fn code(self) -> &'static str {
        match self {
            Category::Innovative => "innovative",
            Category::Differentiating => "differentiating",
            Category::Basic => "basic",
        }
    }
}

fn read_json(path: &std::path::Path) -> Result<Value, ApiError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| ApiError::new(ErrorCode::BadArguments, format!("Kunde inte läsa {}: {e}", path.display())))?;
    serde_json::from_str(&text)
        .map_err(|e| ApiError::new(ErrorCode::BadArguments, format!("{} är inte giltig JSON: {e}", path.display())))
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
        AppCommand::Search { words, portfolio, year, state, category } => {
            let args = json!({
                "query": words.join(" "), "portfolio": portfolio, "fiscal_year": year, "state": state,
                "it_category": category.map(Category::code),
            });
            let hits = api.call("application.search", args)?;
            if json {
                output::json(&hits);
            } else {
                let rows: Vec<Vec<String>> = items(&hits).iter().map(row).collect();
                output::table(&["Id", "Titel", "Enhet", "Portfölj", "År", "Belopp", "Status"], &rows);
            }
        }
        AppCommand::Check { id } => {
            let readiness = api.call("application.check", json!({ "id": id }))?;
            if json {
                output::json(&readiness["rules"]);
            } else {
                let rows: Vec<Vec<String>> = items(&readiness["rules"])
                    .iter()
                    .map(|r| {
                        let mark = if r["ok"].as_bool() == Some(true) { "✓" } else { "✗" };
                        vec![mark.to_owned(), text(r, "code").to_owned(), text(r, "message").to_owned()]
                    })
                    .collect();
                output::table(&["", "Regel", "Meddelande"], &rows);
                let verdict = if readiness["ready"].as_bool() == Some(true) {
                    "Klar att lämna in."
                } else {
                    "Inte klar att lämna in."
                };
                output::line(verdict);
            }
        }
        AppCommand::Attach { id, file } => {
            let bytes = std::fs::read(&file).map_err(|e| {
                ApiError::new(ErrorCode::BadArguments, format!("Kunde inte läsa {}: {e}", file.display()))
            })?;
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let content_base64 = base64::engine::general_purpose::STANDARD.encode(bytes);
            let list = api.call(
                "application.attachments.add",
                json!({ "id": id, "name": name, "content_base64": content_base64 }),
            )?;
            attachments(&list, json);
        }
        AppCommand::Attachments { id } => {
            let app = api.call("application.get", json!({ "id": id }))?;
            attachments(&app["attachments"], json);
        }
        AppCommand::Print { id, document } => document.write(api, "application.printout", json!({ "id": id }), json)?,
        AppCommand::Submit { id } => show(api.call("application.submit", json!({ "id": id }))?, json),
        AppCommand::History { id } => {
            let app = api.call("application.get", json!({ "id": id }))?;
            if json {
                output::json(&app["events"]);
            } else {
                events(&app);
            }
        }
        AppCommand::Edit { id, title, purpose, amount, year, details, set } => {
            let current = api.call("application.get", json!({ "id": id }))?;
            let mut basics = json!({
                "title": current["title"], "unit_id": current["unit_id"], "portfolio": current["portfolio"],
                "it_category": current["it_category"], "fiscal_year": current["fiscal_year"],
                "requested_amount": current["requested_amount"], "purpose": current["purpose"],
            });
            for (key, value) in [("title", title), ("purpose", purpose), ("requested_amount", amount)] {
                if let Some(value) = value {
                    basics[key] = json!(value);
                }
            }
            if let Some(year) = year {
                basics["fiscal_year"] = json!(year);
            }
            let mut details_doc = match details {
                Some(path) => read_json(&path)?,
                None => current["details"].clone(),
            };
            for assignment in set {
                let (field, value) = assignment.split_once('=').ok_or_else(|| {
                    ApiError::new(
                        ErrorCode::BadArguments,
                        format!("--set {assignment}: skriv FÄLT=VÄRDE, till exempel problem=\"…\"."),
                    )
                })?;
                if !details_doc[field].is_string() {
                    return Err(ApiError::new(
                        ErrorCode::BadArguments,
                        format!("--set {field}: bara textfält kan sättas så; använd --details FIL för listor och val."),
                    ));
                }
                details_doc[field] = json!(value);
            }
            let saved =
                api.call("application.update", json!({ "id": id, "basics": basics, "details": details_doc }))?;
            show(saved, json);
        }
        AppCommand::New { title, unit, portfolio, category, year, amount, purpose } => {
            let unit_id = unit_id(api, &unit)?;
            let category = category.code();
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
    output::line(&format!(
        "Enhet: {}   Portfölj: {}   År: {}",
        text(&a, "unit_name"),
        a["portfolio"],
        a["fiscal_year"]
    ));
    output::line(&format!("Belopp: {}   Status: {}", money(text(&a, "requested_amount")), text(&a, "state")));
    output::line(&format!("Syfte: {}", text(&a, "purpose")));
    events(&a);
}

fn attachments(list: &Value, json: bool) {
    if json {
        output::json(list);
        return;
    }
    let rows: Vec<Vec<String>> = items(list)
        .iter()
        .map(|a| {
            vec![
                text(a, "id").to_owned(),
                text(a, "name").to_owned(),
                a["size"].to_string(),
                text(a, "added_by").to_owned(),
            ]
        })
        .collect();
    output::table(&["Id", "Fil", "Byte", "Bifogad av"], &rows);
}

fn events(a: &Value) {
    let rows: Vec<Vec<String>> = items(&a["events"])
        .iter()
        .map(|e| {
            vec![
                text(e, "at").to_owned(),
                text(e, "actor_name").to_owned(),
                text(e, "to_state").to_owned(),
                text(e, "reason").to_owned(),
            ]
        })
        .collect();
    output::table(&["Tid", "Vem", "Till", "Varför"], &rows);
}
