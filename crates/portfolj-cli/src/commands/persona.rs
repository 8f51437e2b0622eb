//! `portfolj persona`: who is acting; in a demo database, switch person.

use clap::{Args, Subcommand};
use portfolj_api::{Api, ApiError};
use serde_json::{Value, json};

use super::{items, text};
use crate::output;

#[derive(Debug, Subcommand)]
pub enum PersonaCommand {
    /// Who is acting on this database.
    Whoami,
    /// Everyone you can act as (demo databases only).
    List,
    /// Act as another person (demo databases only), by id or e-mail.
    Switch { person: String },
}

/// `portfolj person`: the programme's register of people, kept by the projektkontor.
#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Everyone in the programme.
    List,
    /// Add a person to invite later.
    Add {
        #[command(flatten)]
        person: PersonFields,
        /// A role (applicant, coach, valuer, reviewer, office, council, decider); repeat for more.
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
    },
}

/// Who a person is: for `person add` and `office setup`.
#[derive(Debug, Args)]
pub struct PersonFields {
    #[arg(long)]
    pub name: String,
    #[arg(long)]
    pub email: String,
    /// The unit, by name (e.g. Stadsledningskontoret).
    #[arg(long)]
    pub unit: String,
}

pub fn person(api: &Api, command: PersonCommand, json: bool) -> Result<(), ApiError> {
    let result = match command {
        PersonCommand::List => api.call("person.list", Value::Null)?,
        PersonCommand::Add { person: p, roles } => {
            api.call("person.add", json!({ "name": p.name, "email": p.email, "unit_name": p.unit, "roles": roles }))?
        }
    };
    print_people(&result, json);
    Ok(())
}

pub fn run(api: &Api, command: PersonaCommand, json: bool) -> Result<(), ApiError> {
    let result = match command {
        PersonaCommand::Whoami => api.call("session.get", Value::Null)?,
        PersonaCommand::List => api.call("persona.list", Value::Null)?,
        PersonaCommand::Switch { person } => {
            let people = api.call("persona.list", Value::Null)?;
            let id = items(&people)
                .iter()
                .find(|p| text(p, "email") == person)
                .map_or(person.clone(), |p| text(p, "id").to_owned());
            api.call("persona.switch", json!({ "person_id": id }))?
        }
    };
    print_people(&result, json);
    Ok(())
}

/// A list of people as a table, a session or one person as a line.
fn print_people(result: &Value, json: bool) {
    if json {
        output::json(result);
    } else if let Some(people) = result.as_array() {
        let rows: Vec<Vec<String>> = people.iter().map(person_row).collect();
        output::table(&["Id", "Namn", "E-post", "Enhet", "Roller"], &rows);
    } else {
        let person = if result["person"].is_object() { &result["person"] } else { result };
        output::line(&person_row(person).join("  "));
    }
}

fn person_row(p: &Value) -> Vec<String> {
    let roles: Vec<&str> = items(&p["roles"]).iter().filter_map(Value::as_str).collect();
    vec![
        text(p, "id").to_owned(),
        text(p, "name").to_owned(),
        text(p, "email").to_owned(),
        text(p, "unit_name").to_owned(),
        roles.join(", "),
    ]
}
