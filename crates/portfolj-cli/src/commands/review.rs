//! `portfolj review`: beredning — rounds, the group and its assignments, jäv, absences,
//! scores, the round's summary, recommendations and the bundles between laptops.

use std::path::PathBuf;

use clap::Subcommand;
use portfolj_api::{Api, ApiError, ErrorCode};
use serde_json::{Value, json};

use super::sync::{Passphrase, write};
use super::{items, text};
use crate::output;

#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// (Projektkontoret) Open the round of a portfolio and year.
    Round {
        #[arg(long)]
        portfolio: u8,
        #[arg(long)]
        year: i32,
    },
    /// Every round, or with --overview the figures kept for each.
    Rounds {
        #[arg(long)]
        overview: bool,
    },
    /// A round's group: members, load and cap; --add appoints a member (id or e-mail).
    Group {
        #[arg(long)]
        round: String,
        #[arg(long)]
        add: Option<String>,
    },
    /// (Projektkontoret) What a member reviews: every application, or --application … a
    /// subset; --cap limits the load.
    Assign {
        #[arg(long)]
        round: String,
        #[arg(long)]
        person: String,
        #[arg(long = "application")]
        applications: Vec<String>,
        #[arg(long)]
        cap: Option<u32>,
    },
    /// Declare jäv (your own, or — projektkontoret — a member's with --person).
    Jav {
        #[arg(long)]
        round: String,
        #[arg(long)]
        application: String,
        /// personal_relation, economic_interest or other
        #[arg(long)]
        kind: String,
        #[arg(long)]
        motivation: String,
        #[arg(long)]
        person: Option<String>,
    },
    /// (Projektkontoret) Mark an assigned member absent for an application, with a reason.
    Absent {
        #[arg(long)]
        round: String,
        #[arg(long)]
        application: String,
        #[arg(long)]
        person: String,
        #[arg(long)]
        reason: String,
    },
    /// Score an application: --criteria '{"fit":{"level":4,"comment":"…"},…}'.
    Score {
        #[arg(long)]
        round: String,
        #[arg(long)]
        application: String,
        #[arg(long)]
        criteria: String,
    },
    /// Per application: mean, median, spread, flags, ranks, jäv and missing members.
    Summary {
        #[arg(long)]
        round: String,
    },
    /// Every version of every member's score of one application.
    History {
        #[arg(long)]
        round: String,
        #[arg(long)]
        application: String,
    },
    /// (Projektkontoret) The group's recommendation: support, support_with_conditions,
    /// oppose or supplement.
    Recommend {
        #[arg(long)]
        round: String,
        #[arg(long)]
        application: String,
        #[arg(long)]
        kind: String,
        #[arg(long)]
        motivation: String,
        #[arg(long, default_value = "")]
        conditions: String,
        /// The group's meeting, YYYY-MM-DD.
        #[arg(long)]
        meeting: String,
    },
    /// (Projektkontoret) Close a round: no more scores.
    Close {
        #[arg(long)]
        round: String,
    },
    /// (Projektkontoret) Write a member's reviewer bundle.
    Bundle {
        #[arg(long)]
        round: String,
        #[arg(long)]
        person: String,
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        passphrase: Passphrase,
    },
    /// Write your signed scores of a round for the projektkontor.
    Scores {
        #[arg(long)]
        round: String,
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        passphrase: Passphrase,
    },
}

fn summary_table(result: &Value) {
    let table: Vec<Vec<String>> = items(&result["rows"])
        .iter()
        .map(|r| {
            let figure = |key: &str| r[key].as_str().unwrap_or("–").replace('.', ",");
            let missing: Vec<&str> = items(&r["missing"]).iter().filter_map(Value::as_str).collect();
            vec![
                text(r, "title").to_owned(),
                if r["hidden"] == true { "dolt (jäv)".to_owned() } else { r["scores"].to_string() },
                figure("mean"),
                figure("median"),
                figure("spread"),
                if r["disagreement"] == true { "oenighet" } else { "" }.to_owned(),
                missing.join(", "),
                r["recommendation"]["kind_sv"].as_str().unwrap_or("").to_owned(),
            ]
        })
        .collect();
    output::table(
        &["Ansökan", "Bedömningar", "Medel", "Median", "Spridning", "Flagga", "Saknas", "Rekommendation"],
        &table,
    );
}

fn group_table(round: &Value) {
    let table: Vec<Vec<String>> = items(&round["members"])
        .iter()
        .map(|m| {
            vec![
                text(&m["person"], "name").to_owned(),
                text(&m["person"], "email").to_owned(),
                if m["assigns_all"] == true { "alla".to_owned() } else { "urval".to_owned() },
                m["load"].to_string(),
                m["cap"].as_u64().map_or_else(|| "–".to_owned(), |c| c.to_string()),
                m["scored"].to_string(),
            ]
        })
        .collect();
    output::table(&["Ledamot", "E-post", "Tilldelning", "Antal", "Tak", "Bedömda"], &table);
}

fn rounds_table(rounds: &Value) {
    let table: Vec<Vec<String>> = items(rounds)
        .iter()
        .map(|r| {
            vec![
                text(r, "id").to_owned(),
                r["portfolio"].to_string(),
                r["year"].to_string(),
                text(r, "state").to_owned(),
                items(&r["members"]).len().to_string(),
                r["applications"].to_string(),
            ]
        })
        .collect();
    output::table(&["Id", "Portfölj", "År", "Läge", "Ledamöter", "Ansökningar"], &table);
}

pub fn run(api: &Api, command: ReviewCommand, json: bool) -> Result<(), ApiError> {
    let result = match command {
        ReviewCommand::Round { portfolio, year } => {
            api.call("review.round.create", json!({ "portfolio": portfolio, "year": year }))?
        }
        ReviewCommand::Rounds { overview: false } => {
            let rounds = api.call("review.rounds", Value::Null)?;
            if !json {
                rounds_table(&rounds);
                return Ok(());
            }
            rounds
        }
        ReviewCommand::Rounds { overview: true } => api.call("review.overview", Value::Null)?,
        ReviewCommand::Group { round, add } => {
            let round = match add {
                Some(person) => api.call("review.member.add", json!({ "round_id": round, "person_id": person }))?,
                None => api.call("review.round.get", json!({ "id": round }))?,
            };
            if !json {
                group_table(&round);
                return Ok(());
            }
            round
        }
        ReviewCommand::Assign { round, person, applications, cap } => {
            let ids = (!applications.is_empty()).then_some(applications);
            let round = api.call(
                "review.assign",
                json!({ "round_id": round, "person_id": person, "application_ids": ids, "cap": cap }),
            )?;
            if !json {
                group_table(&round);
                return Ok(());
            }
            round
        }
        ReviewCommand::Jav { round, application, kind, motivation, person } => api.call(
            "review.jav.declare",
            json!({ "round_id": round, "application_id": application, "kind": kind, "motivation": motivation, "person_id": person }),
        )?,
        ReviewCommand::Absent { round, application, person, reason } => api.call(
            "review.absent",
            json!({ "round_id": round, "application_id": application, "person_id": person, "reason": reason }),
        )?,
        ReviewCommand::Score { round, application, criteria } => {
            let criteria: Value = serde_json::from_str(&criteria).map_err(|e| {
                ApiError::new(ErrorCode::BadArguments, format!("--criteria är inte giltig JSON: {e}"))
            })?;
            api.call("review.score", json!({ "round_id": round, "application_id": application, "criteria": criteria }))?
        }
        ReviewCommand::Summary { round } => api.call("review.summary", json!({ "id": round }))?,
        ReviewCommand::History { round, application } => {
            api.call("review.history", json!({ "round_id": round, "application_id": application }))?
        }
        ReviewCommand::Recommend { round, application, kind, motivation, conditions, meeting } => api.call(
            "review.recommend",
            json!({ "round_id": round, "application_id": application, "kind": kind, "motivation": motivation, "conditions": conditions, "meeting_date": meeting }),
        )?,
        ReviewCommand::Close { round } => api.call("review.round.close", json!({ "round_id": round }))?,
        ReviewCommand::Bundle { round, person, out, passphrase } => {
            let exported = api.call(
                "review.bundle.export",
                json!({ "round_id": round, "person_id": person, "passphrase": passphrase.passphrase }),
            )?;
            write(&out, &exported)?;
            exported["preview"].clone()
        }
        ReviewCommand::Scores { round, out, passphrase } => {
            let exported =
                api.call("review.scores.export", json!({ "round_id": round, "passphrase": passphrase.passphrase }))?;
            write(&out, &exported)?;
            exported["preview"].clone()
        }
    };
    if json {
        output::json(&result);
    } else if result["rows"].is_array() {
        summary_table(&result);
    } else {
        output::json(&result);
    }
    Ok(())
}
