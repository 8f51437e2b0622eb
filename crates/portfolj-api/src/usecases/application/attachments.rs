//! Attachments: files stored in the database with the application. Added and removed
//! on the working copy only; a frozen version lists the files it was submitted with, and
//! those stay readable even if later removed from the working copy.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use portfolj_core::{ApplicationId, ValidationErrors, attachment};
use portfolj_store::Connection;
use portfolj_store::tables::application as table;
use portfolj_store::tables::work;

use super::{parse_application_id, read};
use crate::dto::{AttachmentContentDto, AttachmentDto, AttachmentRefDto, NewAttachmentDto, time};
use crate::usecases::{audit, session};
use crate::{Api, ApiError};

fn dto(a: &work::Attachment) -> AttachmentDto {
    AttachmentDto {
        id: a.id.clone(),
        name: a.name.clone(),
        media_type: a.media_type.clone(),
        size: u32::try_from(a.size).unwrap_or(u32::MAX),
        sha256: a.sha256.clone(),
        added_at: time(a.added_at),
        added_by: a.added_by_name.clone(),
    }
}

/// The working copy's attachments.
pub(crate) fn working_attachments(conn: &Connection, id: ApplicationId) -> Result<Vec<AttachmentDto>, ApiError> {
    Ok(work::attachments(conn, id)?.iter().map(dto).collect())
}

fn load(conn: &Connection, id: ApplicationId) -> Result<portfolj_core::Application, ApiError> {
    Ok(table::get(conn, id)?.ok_or_else(|| ApiError::not_found("Ansökan"))?.application)
}

impl Api {
    /// Adds a file to the working copy, after checking its type, content and size.
    pub fn add_attachment(&self, args: NewAttachmentDto) -> Result<Vec<AttachmentDto>, ApiError> {
        let id = parse_application_id(&args.id)?;
        let bytes = STANDARD.decode(args.content_base64.trim()).map_err(|_| {
            let mut errors = ValidationErrors::default();
            errors.push("attachment", "Filen kom inte fram hel. Försök bifoga den igen.");
            ApiError::from(errors)
        })?;
        let (now, attachment_id) = (self.clock.now(), self.clock.new_id());
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            load(tx, id)?.authorize_edit(&actor)?;
            let stored: i64 = work::attachments(tx, id)?.iter().map(|a| a.size).sum();
            let checked = attachment::check(&args.name, &bytes, usize::try_from(stored).unwrap_or(usize::MAX))?;
            let sha256 = audit::sha256_hex(&bytes);
            work::add_attachment(
                tx,
                &work::NewAttachment {
                    id: &attachment_id.to_string(),
                    application: id,
                    name: &checked.name,
                    media_type: checked.media_type,
                    sha256: &sha256,
                    content: &bytes,
                    at: now,
                    by: actor.person,
                },
            )?;
            let detail = serde_json::json!({ "attachment": attachment_id.to_string(), "name": checked.name, "sha256": sha256, "size": bytes.len() });
            audit::record(tx, now, actor.person, "application.attachment.add", &id.to_string(), &detail)?;
            working_attachments(tx, id)
        })
    }

    /// Removes a file from the working copy (frozen versions keep it).
    pub fn remove_attachment(&self, args: AttachmentRefDto) -> Result<Vec<AttachmentDto>, ApiError> {
        let id = parse_application_id(&args.id)?;
        let now = self.clock.now();
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            load(tx, id)?.authorize_edit(&actor)?;
            if !work::remove_attachment(tx, id, &args.attachment_id, now)? {
                return Err(ApiError::not_found("Bilagan"));
            }
            let detail = serde_json::json!({ "attachment": args.attachment_id });
            audit::record(tx, now, actor.person, "application.attachment.remove", &id.to_string(), &detail)?;
            working_attachments(tx, id)
        })
    }

    /// A file's content, for whoever may read the application it belongs to.
    pub fn attachment(&self, attachment_id: &str) -> Result<AttachmentContentDto, ApiError> {
        self.store().read(|tx| {
            let file = work::attachment_content(tx, attachment_id)?.ok_or_else(|| ApiError::not_found("Bilagan"))?;
            let shown = read(tx, file.application, &session::actor(tx)?)?;
            if !shown.attachments.iter().any(|a| a.id == attachment_id) {
                return Err(ApiError::not_found("Bilagan"));
            }
            Ok(AttachmentContentDto {
                name: file.name,
                media_type: file.media_type,
                content_base64: STANDARD.encode(file.content),
            })
        })
    }
}
