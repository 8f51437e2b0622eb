//! The application printout (PDF): what the reader may see of the application — the working
//! copy on the applicant's side, the newest frozen version for everyone else — laid out by
//! the core (`portfolj_core::printout`).

use chrono::{DateTime, Utc};
use portfolj_core::printout::{self, PrintoutInput};
use portfolj_core::{Actor, ApplicationId, Language};
use portfolj_store::Connection;
use portfolj_store::tables::{application as table, org};

use crate::dto::{DocumentArgsDto, PdfFileDto};
use crate::usecases::{pdf, session};
use crate::{Api, ApiError};

fn printout_in(
    conn: &Connection,
    actor: &Actor,
    id: ApplicationId,
    language: Language,
    now: DateTime<Utc>,
) -> Result<PdfFileDto, ApiError> {
    // Reading decides what this person may see, exactly as on screen.
    let shown = super::read(conn, id, actor)?;
    let app = table::get(conn, id)?.ok_or_else(|| ApiError::not_found("Ansökan"))?.application;
    let details = shown.details.to_core()?;
    let unit_names = org::units(conn)?.into_iter().map(|u| (u.id, u.name)).collect();
    let document = printout::document(&PrintoutInput {
        application: &app,
        details: &details,
        unit_names: &unit_names,
        version: shown.shown_version,
        printed_on: now.date_naive(),
        language,
    });
    let author = org::person(conn, actor.person)?.map(|p| p.name).unwrap_or_default();
    let (content_base64, pages) = pdf::render(&document, now, author)?;
    let file_name = format!("{}-{}.pdf", language.pick("ansokan", "application"), pdf::file_stem(&app.title));
    Ok(PdfFileDto { file_name, content_base64, pages })
}

impl Api {
    /// The application as a PDF in the language asked for, as the acting person may see it.
    pub fn application_printout(&self, args: &DocumentArgsDto) -> Result<PdfFileDto, ApiError> {
        let id = super::parse_application_id(&args.id)?;
        let now = self.clock.now();
        self.store().read(|tx| printout_in(tx, &session::actor(tx)?, id, args.language.into(), now))
    }
}
