//! `portfolj persona`: who is acting; in a demo database, switch person.

use clap::Subcommand;
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
    if json {
        output::json(&result);
    } else if let Some(people) = result.as_array() {
        let rows: Vec<Vec<String>> = people.iter().map(person_row).collect();
        output::table(&["Id", "Namn", "E-post", "Enhet", "Roller"], &rows);
    } else {
        output::line(&person_row(&result["person"]).join("  "));
    }
    Ok(())
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
