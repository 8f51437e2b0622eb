//! Frames: the projektkontor changes a portfolio's frame (and its sub-frames) for a year,
//! always with a reason; every change is kept as the frame it left, and audited. The rules
//! of a frame are the core's (`Frame::validate`).

use chrono::{DateTime, Utc};
use portfolj_core::{Actor, Frame, Portfolio, Sek, SubFrame};
use portfolj_store::Connection;
use portfolj_store::tables::frame::{self as table, FrameChange};
use portfolj_store::tables::{org, programme};
use serde_json::json;

use crate::dto::{FrameChangeDto, FrameDto, FrameKeyDto, SetFrameDto, SubFrameDto};
use crate::usecases::{audit, session};
use crate::{Api, ApiError, ErrorCode};

fn portfolio_of(number: u8) -> Result<Portfolio, ApiError> {
    Portfolio::from_number(i64::from(number))
        .ok_or_else(|| ApiError::new(ErrorCode::Validation, "Välj en portfölj 1–5."))
}

fn sek(field: &str, text: &str) -> Result<Sek, ApiError> {
    Sek::parse(text).map_err(|e| ApiError::new(ErrorCode::Validation, format!("{field}: {e}")))
}

fn set_in(conn: &Connection, actor: &Actor, args: &SetFrameDto, now: DateTime<Utc>) -> Result<FrameDto, ApiError> {
    session::require_office(actor, "Bara projektkontoret ändrar ramarna.")?;
    let portfolio = portfolio_of(args.portfolio)?;
    if args.reason.trim().is_empty() {
        let mut errors = portfolj_core::ValidationErrors::default();
        errors.push("reason", "Ange varför ramen ändras; skälet sparas i historiken.");
        return Err(errors.into());
    }
    let sub_frames = args
        .sub_frames
        .iter()
        .map(|s| Ok(SubFrame { part: s.part.into(), amount: sek("Delram", &s.amount)? }))
        .collect::<Result<Vec<_>, ApiError>>()?;
    let programme = programme::get(conn)?.ok_or_else(|| ApiError::not_found("Programmet"))?;
    let frame = Frame { portfolio, year: args.year, amount: sek("Ram", &args.amount)?, sub_frames }
        .validate(&programme)
        .map_err(portfolj_core::DomainError::Invalid)?;
    table::put(conn, &frame)?;
    let dto = FrameDto::from(&frame);
    let document =
        serde_json::to_string(&dto.sub_frames).map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
    let change = FrameChange {
        version: 0,
        amount_ore: frame.amount.to_ore(),
        sub_frames: document,
        reason: args.reason.trim().to_owned(),
        changed_by: actor.person.to_string(),
        changed_at: String::new(),
    };
    let version = table::record_change(conn, portfolio, args.year, &change, now)?;
    let detail = json!({ "portfolio": args.portfolio, "year": args.year, "version": version, "amount": dto.amount, "sub_frames": dto.sub_frames.iter().map(|s| s.amount.clone()).collect::<Vec<_>>(), "reason": change.reason });
    audit::record(conn, now, actor.person, "frame.set", &format!("frame/{}/{}", args.portfolio, args.year), &detail)?;
    Ok(dto)
}

impl Api {
    /// Changes a frame (creating it if the year had none), with the reason kept.
    pub fn set_frame(&self, args: &SetFrameDto) -> Result<FrameDto, ApiError> {
        let now = self.clock.now();
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            set_in(tx, &actor, args, now)
        })
    }

    /// Every frame, by portfolio and year.
    pub fn frames(&self) -> Result<Vec<FrameDto>, ApiError> {
        self.store().read(|tx| {
            session::actor(tx)?;
            Ok(table::all(tx)?.iter().map(FrameDto::from).collect())
        })
    }

    /// The recorded changes of one frame, oldest first.
    pub fn frame_history(&self, args: &FrameKeyDto) -> Result<Vec<FrameChangeDto>, ApiError> {
        let portfolio = portfolio_of(args.portfolio)?;
        self.store().read(|tx| {
            session::actor(tx)?;
            let people = org::people(tx)?;
            table::changes(tx, portfolio, args.year)?
                .into_iter()
                .map(|c| {
                    let sub_frames: Vec<SubFrameDto> = crate::dto::parse_document("Delramarna", &c.sub_frames)?;
                    Ok(FrameChangeDto {
                        version: c.version,
                        amount: Sek::from_ore(c.amount_ore).map(|s| s.to_string()).unwrap_or_default(),
                        sub_frames,
                        reason: c.reason,
                        changed_by: people
                            .iter()
                            .find(|p| p.id.to_string() == c.changed_by)
                            .map_or(c.changed_by.clone(), |p| p.name.clone()),
                        changed_at: c.changed_at,
                    })
                })
                .collect()
        })
    }
}
