//! The programme's people, kept by the projektkontor: everyone it may invite. A person added
//! here reaches the other laptops with the next programme update (`bundle.send`).

use portfolj_core::org::NewPerson;
use portfolj_core::{PersonId, Role};
use portfolj_store::tables::org;
use serde_json::json;

use crate::dto::{NewPersonDto, PersonDto};
use crate::usecases::{audit, session};
use crate::{Api, ApiError};

const ONLY_OFFICE: &str = "Bara projektkontoret för programmets register över personer.";

impl Api {
    /// Everyone in the programme, by name: for the projektkontor, who invites them.
    pub fn people(&self) -> Result<Vec<PersonDto>, ApiError> {
        self.store().read(|tx| {
            session::require_office(&session::actor(tx)?, ONLY_OFFICE)?;
            let mut people = session::everyone(tx)?;
            people.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.email.cmp(&b.email)));
            Ok(people)
        })
    }

    /// The projektkontor adds a person with their unit and roles.
    pub fn add_person(&self, args: &NewPersonDto) -> Result<PersonDto, ApiError> {
        let now = self.clock.now();
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            session::require_office(&actor, ONLY_OFFICE)?;
            let units = org::units(tx)?;
            let roles: Vec<Role> = args.roles.iter().map(|r| Role::from(*r)).collect();
            let typed = NewPerson { name: &args.name, email: &args.email, unit_name: &args.unit_name, roles: &roles };
            let person = typed.validate(PersonId(self.clock.new_id()), &units, &org::people(tx)?)?;
            org::insert_person(tx, &person)?;
            let detail = json!({ "name": person.name, "email": person.email, "unit": person.unit.to_string(),
                "roles": args.roles });
            audit::record(tx, now, actor.person, "person.add", &person.id.to_string(), &detail)?;
            Ok(PersonDto::new(&person, args.unit_name.trim()))
        })
    }
}
