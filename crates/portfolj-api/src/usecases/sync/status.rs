//! The bundle of status reports an applying unit's laptop sends the projektkontor. What it
//! carries is `usecases::status`'s; this module addresses, signs and logs it like every
//! other bundle.

use portfolj_core::Actor;
use portfolj_sync::BundleKind;
use serde_json::json;

use super::{export, office_key_id};
use crate::dto::{ExportedBundleDto, StatusBundleDto};
use crate::usecases::{audit, session, status};
use crate::{Api, ApiError, ErrorCode};

impl Api {
    /// Every status report written by the person acting here, signed for the office that
    /// invited this laptop; the office keeps those it has and takes the rest.
    pub fn export_status_bundle(&self, args: &StatusBundleDto) -> Result<ExportedBundleDto, ApiError> {
        let database = self.database();
        let now = self.clock.now();
        self.store().write(|tx| {
            let me = session::acting_person(tx)?;
            let office = office_key_id(tx)?;
            let since = match args.since.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                Some(text) => Some(text.parse().map_err(|_| {
                    ApiError::new(ErrorCode::Validation, "Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2026-11-01.")
                })?),
                None => None,
            };
            let operations = status::operations(tx, &me.id.to_string(), since)?;
            if operations.is_empty() {
                return Err(ApiError::new(
                    ErrorCode::Conflict,
                    "Inget att skicka: du har inte skrivit någon statusrapport.",
                ));
            }
            let reports = operations.len();
            let exported =
                export(tx, &database, BundleKind::Member, Some(office), operations, args.passphrase.as_deref(), now)?;
            let detail = json!({ "bundle": exported.preview.hash, "reports": reports });
            audit::record(tx, now, Actor::of(&me).person, "status.bundle.export", &exported.preview.hash, &detail)?;
            Ok(exported)
        })
    }
}
