//! `portfolj report`: final reports, follow-ups one year after closing, what is due, and the
//! realisation rate.

use std::path::PathBuf;

use clap::Subcommand;
use portfolj_api::{Api, ApiError, ErrorCode};
use serde_json::{Value, json};

use super::sync::{Passphrase, write};
use super::{DocumentOut, items, kr, percent, text};
use crate::output;

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// A status report on a running project (the applying unit, or the office).
    Status {
        application: String,
        /// Any day in the period reported on, YYYY-MM-DD.
        #[arg(long)]
        period: String,
        /// green, yellow or red.
        #[arg(long)]
        time: String,
        #[arg(long)]
        cost: String,
        #[arg(long)]
        scope: String,
        /// Kronor spent to date.
        #[arg(long)]
        spent: String,
        /// Kronor forecast at completion.
        #[arg(long)]
        forecast: String,
        #[arg(long, default_value = "")]
        risks: String,
        #[arg(long, default_value = "")]
        comment: String,
        /// Why spent to date is lower than in the previous report.
        #[arg(long, default_value = "")]
        correction: String,
    },
    /// An application's status reports.
    Statuses { application: String },
    /// Status reports past due, against the office's schedule.
    Overdue,
    /// (Projektkontoret) How often running projects report; shown without options.
    Schedule {
        /// 1, 3 or 6.
        #[arg(long, requires = "grace_days")]
        months: Option<u32>,
        /// Days after a period's end a report is due.
        #[arg(long, requires = "months")]
        grace_days: Option<u32>,
    },
    /// The status reports written here, as a signed bundle for the office.
    Send {
        #[arg(long)]
        out: PathBuf,
        /// Only reports written from this day on (YYYY-MM-DD), e.g. to leave out one the
        /// office refused.
        #[arg(long)]
        since: Option<String>,
        #[command(flatten)]
        passphrase: Passphrase,
    },
    /// (Projektkontoret) The final report (slutrapport) of a running project; closes it.
    Final {
        application: String,
        /// What was delivered.
        #[arg(long)]
        delivered: String,
        /// The final cost in kronor, e.g. "1 234 567,50".
        #[arg(long)]
        cost: String,
        /// Why the cost went above the granted amount (needed only then).
        #[arg(long, default_value = "")]
        cost_explanation: String,
        #[arg(long)]
        lessons: String,
        /// The day the system owner accepted operations, YYYY-MM-DD.
        #[arg(long)]
        owner_accepted: Option<String>,
        /// The day the project closed, YYYY-MM-DD.
        #[arg(long)]
        closed: String,
    },
    /// (Projektkontoret) The follow-up one year after closing. The lines are a JSON file:
    /// `[{"line": 0, "realised": "95 000", "evidence": "…", "budget_reduced": true,
    /// "deviation": ""}, …]`, one per benefit line of `report show`.
    Followup {
        application: String,
        #[arg(long)]
        lines: PathBuf,
        #[arg(long, default_value = "")]
        summary: String,
    },
    /// An application's final report and follow-up, or the lines its follow-up asks for.
    Show { application: String },
    /// Closed projects whose follow-up is not yet recorded, the soonest due first.
    Due,
    /// (Projektkontoret) The programme report for the utvecklingsråd for one budget year, as
    /// an A4 PDF.
    Programme {
        #[arg(long)]
        year: i32,
        #[command(flatten)]
        document: DocumentOut,
    },
    /// Realised against valued per portfolio and year.
    Realisation {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        portfolio: Option<u8>,
    },
}

fn read_lines(path: &PathBuf) -> Result<Value, ApiError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        ApiError::new(ErrorCode::BadArguments, format!("Filen {} kunde inte läsas: {e}", path.display()))
    })?;
    serde_json::from_str(&text).map_err(|e| {
        ApiError::new(
            ErrorCode::BadArguments,
            format!("Raderna i {} är inte giltig JSON (rad {}, kolumn {}): {e}", path.display(), e.line(), e.column()),
        )
    })
}

fn show(view: &Value) {
    output::line(&format!(
        "{}: avslutad {}, uppföljning {} (jämförs med {}).",
        text(view, "title"),
        view["closed_on"].as_str().unwrap_or("–"),
        view["due_on"].as_str().unwrap_or("–"),
        view["compared_year"].as_i64().map_or_else(|| "–".to_owned(), |y| y.to_string())
    ));
    let rows: Vec<Vec<String>> = items(&view["lines"])
        .iter()
        .map(|l| {
            vec![
                l["line"].to_string(),
                text(l, "name").to_owned(),
                kr(&l["valued"]),
                kr(&l["realised"]),
                percent(&l["rate_percent"]),
            ]
        })
        .collect();
    output::table(&["Rad", "Nytta", "Värderat", "Realiserat", "Grad"], &rows);
}

pub fn run(api: &Api, command: ReportCommand, json: bool) -> Result<(), ApiError> {
    let result = match command {
        ReportCommand::Status {
            application,
            period,
            time,
            cost,
            scope,
            spent,
            forecast,
            risks,
            comment,
            correction,
        } => api.call(
            "status.submit",
            json!({ "application_id": application, "period": period, "time": time, "cost": cost,
                    "scope": scope, "spent_to_date": spent, "forecast": forecast, "risks": risks,
                    "comment": comment, "correction_reason": correction }),
        )?,
        ReportCommand::Statuses { application } => api.call("status.list", json!({ "id": application }))?,
        ReportCommand::Overdue => api.call("status.overdue", json!({}))?,
        ReportCommand::Schedule { months: Some(months), grace_days } => {
            api.call("status.schedule.set", json!({ "months": months, "grace_days": grace_days }))?
        }
        ReportCommand::Schedule { .. } => api.call("status.schedule.get", json!({}))?,
        ReportCommand::Send { out, since, passphrase } => {
            let exported =
                api.call("status.bundle.export", json!({ "passphrase": passphrase.passphrase, "since": since }))?;
            write(&out, &exported)?;
            exported["preview"].clone()
        }
        ReportCommand::Final { application, delivered, cost, cost_explanation, lessons, owner_accepted, closed } => api
            .call(
                "followup.final_report",
                json!({ "application_id": application, "delivered": delivered, "final_cost": cost,
                    "cost_explanation": cost_explanation, "lessons": lessons,
                    "owner_accepted_on": owner_accepted, "closed_on": closed }),
            )?,
        ReportCommand::Followup { application, lines, summary } => api.call(
            "followup.record",
            json!({ "application_id": application, "lines": read_lines(&lines)?, "summary": summary }),
        )?,
        ReportCommand::Show { application } => api.call("followup.get", json!({ "id": application }))?,
        ReportCommand::Programme { year, document } => {
            return document.write(api, "report.programme", json!({ "year": year }), json);
        }
        ReportCommand::Due => {
            let due = api.call("followup.due", json!({}))?;
            if json {
                output::json(&due);
            } else {
                let rows: Vec<Vec<String>> = items(&due)
                    .iter()
                    .map(|d| {
                        vec![
                            text(d, "due_on").to_owned(),
                            if d["overdue"] == true { "försenad".to_owned() } else { String::new() },
                            text(d, "title").to_owned(),
                            text(d, "unit_name").to_owned(),
                            text(d, "application_id").to_owned(),
                        ]
                    })
                    .collect();
                output::table(&["Förfaller", "", "Ansökan", "Enhet", "Id"], &rows);
            }
            return Ok(());
        }
        ReportCommand::Realisation { year, portfolio } => {
            let r = api.call("followup.realisation", json!({ "year": year, "portfolio": portfolio }))?;
            if json {
                output::json(&r);
            } else {
                let row = |label: String, f: &Value| {
                    vec![
                        label,
                        f["projects"].to_string(),
                        kr(&f["valued"]),
                        kr(&f["realised"]),
                        percent(&f["rate_percent"]),
                    ]
                };
                let mut rows: Vec<Vec<String>> = items(&r["by_portfolio_and_year"])
                    .iter()
                    .map(|p| row(format!("Portfölj {} {}", p["portfolio"], p["year"]), &p["figures"]))
                    .collect();
                rows.push(row("Hela programmet".to_owned(), &r["total"]));
                output::table(&["", "Projekt", "Värderat", "Realiserat", "Grad"], &rows);
            }
            return Ok(());
        }
    };
    if json || result.get("lines").is_none() {
        output::json(&result);
    } else {
        show(&result);
    }
    Ok(())
}
