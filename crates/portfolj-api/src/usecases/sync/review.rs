//! The bundles of beredning: the office's reviewer bundle for one member of a round, and
//! the member's signed scores back. What they carry is `usecases::review`'s; this module
//! addresses, signs and logs them like every other bundle.

use portfolj_core::Actor;
use portfolj_store::tables::org;
use portfolj_store::tables::sync as table;
use portfolj_sync::{BundleKind, Operation};
use serde_json::json;

use super::{export, office_key_id, office_statements, reference, replica};
use crate::dto::{ExportedBundleDto, ReviewerBundleDto, ScoresBundleDto};
use crate::usecases::review::{RoundView, reviewer_operations, scores_operations};
use crate::usecases::{audit, session};
use crate::{Api, ApiError, ErrorCode};

impl Api {
    /// The office's bundle for one member of a round: the programme, the member's
    /// assigned applications frozen as they are now, and the round with its rubric.
    pub fn export_reviewer_bundle(&self, args: &ReviewerBundleDto) -> Result<ExportedBundleDto, ApiError> {
        let database = self.database();
        let now = self.clock.now();
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            session::require_office(&actor, "Bara projektkontoret skickar beredningspaket till ledamöterna.")?;
            let round = portfolj_store::tables::review::round(tx, &args.round_id)?
                .ok_or_else(|| ApiError::not_found("Beredningsomgången"))?;
            let view = RoundView::load(tx, round)?;
            let member = org::people(tx)?
                .into_iter()
                .find(|p| p.id.to_string() == args.person_id.trim() || p.email.eq_ignore_ascii_case(args.person_id.trim()))
                .ok_or_else(|| ApiError::not_found("Personen"))?;
            let revoked = table::revoked(tx)?;
            let key = table::certificates(tx)?
                .into_iter()
                .filter(|c| c.person_id == member.id.to_string() && !revoked.contains(&c.serial))
                .max_by_key(|c| c.serial)
                .map(|c| c.key_id)
                .ok_or_else(|| {
                    ApiError::new(
                        ErrorCode::Conflict,
                        format!("{} har ingen giltig dator med intyg härifrån. Bjud in ledamotens dator först.", member.name),
                    )
                })?;
            let (round_op, assigned) = reviewer_operations(tx, &view, &member)?;
            let mut operations = office_statements(tx)?;
            operations.push(Operation::Programme { reference: reference::of(tx)? });
            for id in &assigned {
                if let Some(listed) = view.application(*id) {
                    operations.push(Operation::Application { snapshot: replica::of(tx, &listed.application)? });
                }
            }
            operations.push(round_op);
            let exported =
                export(tx, &database, BundleKind::Office, Some(key), operations, args.passphrase.as_deref(), now)?;
            let detail = json!({ "bundle": exported.preview.hash, "round": view.round.id, "person": member.id.to_string(), "applications": assigned.len() });
            audit::record(tx, now, actor.person, "review.bundle.export", &view.round.id, &detail)?;
            Ok(exported)
        })
    }

    /// The member's scores of a round — every version — and the jäv they declared, signed
    /// for the office that invited this laptop.
    pub fn export_scores_bundle(&self, args: &ScoresBundleDto) -> Result<ExportedBundleDto, ApiError> {
        let database = self.database();
        let now = self.clock.now();
        self.store().write(|tx| {
            let me = session::acting_person(tx)?;
            let office = office_key_id(tx)?;
            let round = portfolj_store::tables::review::round(tx, &args.round_id)?
                .ok_or_else(|| ApiError::not_found("Beredningsomgången"))?;
            let operations = scores_operations(tx, &round, &me)?;
            if operations.is_empty() {
                return Err(ApiError::new(
                    ErrorCode::Conflict,
                    "Inget att skicka: du har inte lämnat någon bedömning eller anmält jäv i omgången.",
                ));
            }
            let exported =
                export(tx, &database, BundleKind::Member, Some(office), operations, args.passphrase.as_deref(), now)?;
            let detail = json!({ "bundle": exported.preview.hash, "round": round.id });
            audit::record(tx, now, Actor::of(&me).person, "review.scores.export", &round.id, &detail)?;
            Ok(exported)
        })
    }
}
