//! Reading the programme's reference data and the overview.

use portfolj_core::org::{NewPerson, stockholm_units};
use portfolj_core::{OrgUnit, PersonId, Programme, Role, UnitId};
use portfolj_store::Connection;
use portfolj_store::tables::{application, frame, org, programme, setting};
use serde_json::json;

use crate::dto::{
    CouncilGoalDto, FocusAreaDto, FrameDto, IdentityDto, InitIdentityDto, OverviewDto, ProgrammeDto, SetupProgrammeDto,
    StateCountDto, UnitDto,
};
use crate::usecases::sync::{has_identity, identity_dto, keyfiles, new_identity, new_office_key};
use crate::usecases::{audit, session};
use crate::{Api, ApiError, ErrorCode};

/// The portfolios asked for: one (1–5), or all five when none is named.
pub(crate) fn portfolios(choice: Option<u8>) -> Result<Vec<portfolj_core::Portfolio>, ApiError> {
    match choice {
        Some(n) => Ok(vec![
            portfolj_core::Portfolio::from_number(i64::from(n))
                .ok_or_else(|| ApiError::new(ErrorCode::Validation, "Välj en portfölj 1–5."))?,
        ]),
        None => Ok(portfolj_core::Portfolio::ALL.to_vec()),
    }
}

pub(crate) fn require_programme(conn: &Connection) -> Result<Programme, ApiError> {
    programme::get(conn)?.ok_or_else(|| {
        ApiError::new(
            ErrorCode::NoIdentity,
            "Databasen har inget program ännu. Skapa en demodatabas med `portfolj --db FIL demo init`.",
        )
    })
}

/// The units a new programme starts with, by name, for the set-up form (before there is a
/// programme, or anyone acting, to read them from).
pub fn setup_units() -> Result<Vec<String>, ApiError> {
    Ok(stockholm_units().map(|(name, _)| name.to_owned()).collect())
}

impl Api {
    /// Sets up a new programme on this laptop, for the projektkontor (the first-run wizard):
    /// Stockholm's programme and units, the office person who then acts here, this laptop's
    /// key (unless it has one) and the office key, all in one transaction. The two secret key files are written
    /// last, both or neither, so a refusal or failure leaves the laptop as it was.
    pub fn setup_programme(&self, args: &SetupProgrammeDto) -> Result<IdentityDto, ApiError> {
        let database = self.store().path().to_path_buf();
        let now = self.clock.now();
        self.store().write(|tx| {
            if programme::get(tx)?.is_some() {
                return Err(ApiError::new(
                    ErrorCode::Conflict,
                    "Den här datorn har redan ett program. Ett nytt program sätts upp i en ny, tom datakatalog.",
                ));
            }
            let units: Vec<OrgUnit> = stockholm_units()
                .map(|(name, kind)| OrgUnit { id: UnitId(self.clock.new_id()), name: name.to_owned(), kind })
                .collect();
            let typed =
                NewPerson { name: &args.name, email: &args.email, unit_name: &args.unit_name, roles: &[Role::Office] };
            let person = typed.validate(PersonId(self.clock.new_id()), &units, &[])?;
            let programme = Programme::stockholm_2013_2018();
            programme::put(tx, &programme)?;
            for unit in &units {
                org::insert_unit(tx, unit)?;
            }
            org::insert_person(tx, &person)?;
            setting::set(tx, setting::key::ACTING_PERSON, &person.id.to_string())?;
            let detail = json!({ "programme": programme.name, "name": person.name, "email": person.email });
            audit::record(tx, now, person.id, "programme.setup", &person.id.to_string(), &detail)?;
            // A laptop that made its key before choosing to set up keeps that key.
            let mut keys = Vec::new();
            if !has_identity(tx)? {
                let no_restore = InitIdentityDto { passphrase: args.passphrase.clone(), secret_key: None };
                keys.push(new_identity(tx, &database, &no_restore, now)?);
            }
            keys.push(new_office_key(tx, &database, &person, args.passphrase.as_deref(), now)?);
            keyfiles::write_all(&database, &keys)?;
            identity_dto(tx, &database)
        })
    }

    /// The programme with its focus areas, council goals and units. Anyone acting in the
    /// programme may read it.
    pub fn programme(&self) -> Result<ProgrammeDto, ApiError> {
        self.store().read(|tx| {
            session::actor(tx)?;
            let p = require_programme(tx)?;
            Ok(ProgrammeDto {
                name: p.name,
                first_year: p.first_year,
                last_year: p.last_year,
                focus_areas: programme::focus_areas(tx)?
                    .into_iter()
                    .map(|f| FocusAreaDto { portfolio: f.portfolio, name: f.name, short_name: f.short_name })
                    .collect(),
                council_goals: programme::council_goals(tx)?
                    .into_iter()
                    .map(|(code, name)| CouncilGoalDto { code, name })
                    .collect(),
                units: org::units(tx)?.iter().map(UnitDto::from).collect(),
            })
        })
    }

    /// Frames per portfolio and year, and application counts by state.
    pub fn overview(&self) -> Result<OverviewDto, ApiError> {
        self.store().read(|tx| {
            session::actor(tx)?;
            Ok(OverviewDto {
                frames: frame::all(tx)?.iter().map(FrameDto::from).collect(),
                state_counts: application::count_by_portfolio_year_state(tx)?
                    .into_iter()
                    .map(|(p, year, state, count)| StateCountDto {
                        portfolio: p.number(),
                        year,
                        state: state.into(),
                        count,
                    })
                    .collect(),
            })
        })
    }
}
