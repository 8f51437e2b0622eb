//! Reading the programme's reference data and the overview.

use portfolj_store::Connection;
use portfolj_store::tables::{application, frame, org, programme};

use crate::dto::{CouncilGoalDto, FocusAreaDto, FrameDto, OverviewDto, ProgrammeDto, StateCountDto, UnitDto};
use crate::usecases::session;
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

pub(crate) fn require_programme(conn: &Connection) -> Result<portfolj_core::Programme, ApiError> {
    programme::get(conn)?.ok_or_else(|| {
        ApiError::new(
            ErrorCode::NoIdentity,
            "Databasen har inget program ännu. Skapa en demodatabas med `portfolj --db FIL demo init`.",
        )
    })
}

impl Api {
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
