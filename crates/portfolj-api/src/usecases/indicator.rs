//! The five perspectives (DOMAIN.md §9): the projektkontor defines indicators and records
//! their measurements; everyone sees each perspective's indicators with their trend.

use chrono::{DateTime, NaiveDate, Utc};
use portfolj_core::Named as _;
use portfolj_core::ValidationErrors;
use portfolj_core::followup::indicator::{Direction, Indicator, Measurement, Method, Perspective};
use portfolj_store::Connection;
use portfolj_store::tables::indicator as table;
use rust_decimal::Decimal;
use serde_json::json;
use uuid::Uuid;

use crate::dto::{IndicatorDto, IndicatorInputDto, MeasurementDto, MeasurementInputDto, PerspectiveDto, time};
use crate::usecases::{audit, session};
use crate::{Api, ApiError, ErrorCode};

/// A number as a person types it: "99,5", "1 234", "-2".
fn number(text: &str) -> Option<Decimal> {
    let cleaned: String = text.trim().chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}')).collect();
    cleaned.replace(',', ".").parse().ok()
}

fn method_code(m: Method) -> &'static str {
    match m {
        Method::Objective => "objective",
        Method::Survey => "survey",
    }
}

fn direction_code(d: Direction) -> &'static str {
    match d {
        Direction::HigherIsBetter => "higher",
        Direction::LowerIsBetter => "lower",
    }
}

fn read_input(args: &IndicatorInputDto) -> Result<Indicator, ValidationErrors> {
    let mut e = ValidationErrors::default();
    let perspective = Perspective::from_code(args.perspective.trim());
    if perspective.is_none() {
        e.push("perspective", "Välj ett av de fem perspektiven.");
    }
    let method = match args.method.trim() {
        "objective" => Some(Method::Objective),
        "survey" => Some(Method::Survey),
        _ => {
            e.push("method", "Välj om mätetalet mäts objektivt eller genom enkät.");
            None
        }
    };
    let direction = match args.direction.trim() {
        "higher" => Some(Direction::HigherIsBetter),
        "lower" => Some(Direction::LowerIsBetter),
        _ => {
            e.push("direction", "Välj om högre eller lägre värden är bättre.");
            None
        }
    };
    let target = match args.target.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => {
            let target = number(text);
            if target.is_none() {
                e.push("target", "Målvärdet ska vara ett tal, till exempel 99,5.");
            }
            target
        }
    };
    let (Some(perspective), Some(method), Some(direction)) = (perspective, method, direction) else {
        return Err(e);
    };
    let indicator = Indicator {
        name: args.name.trim().to_owned(),
        perspective,
        unit: args.unit.trim().to_owned(),
        method,
        direction,
        target,
    };
    if let Err(more) = indicator.check() {
        e.0.extend(more.0);
    }
    e.into_result(|| indicator)
}

/// The stored indicator in the core's terms.
fn core_of(i: &table::Indicator) -> Option<Indicator> {
    Some(Indicator {
        name: i.name.clone(),
        perspective: Perspective::from_code(&i.perspective)?,
        unit: i.unit.clone(),
        method: if i.method == "survey" { Method::Survey } else { Method::Objective },
        direction: if i.direction == "lower" { Direction::LowerIsBetter } else { Direction::HigherIsBetter },
        target: i.target.as_deref().and_then(|t| t.parse().ok()),
    })
}

fn dto(conn: &Connection, stored: &table::Indicator) -> Result<IndicatorDto, ApiError> {
    let indicator = core_of(stored).ok_or_else(|| ApiError::new(ErrorCode::Internal, "Okänt perspektiv."))?;
    let measured: Vec<Measurement> = table::measurements(conn, &stored.id)?
        .into_iter()
        .filter_map(|m| {
            Some(Measurement { on: m.measured_on.parse().ok()?, value: m.value.parse().ok()?, note: m.note })
        })
        .collect();
    let trend = indicator.trend(&measured);
    Ok(IndicatorDto {
        id: stored.id.clone(),
        name: stored.name.clone(),
        perspective: stored.perspective.clone(),
        unit: stored.unit.clone(),
        method: stored.method.clone(),
        direction: stored.direction.clone(),
        target: indicator.target.map(|t| t.normalize().to_string()),
        measurements: measured
            .iter()
            .map(|m| MeasurementDto {
                measured_on: m.on.to_string(),
                value: m.value.normalize().to_string(),
                note: m.note.clone(),
                meets_target: indicator.meets_target(m.value),
            })
            .collect(),
        trend: trend.code().to_owned(),
        trend_sv: trend.name_sv().to_owned(),
    })
}

pub(crate) fn perspectives(conn: &Connection) -> Result<Vec<PerspectiveDto>, ApiError> {
    let stored = table::all(conn)?;
    Perspective::ALL
        .iter()
        .map(|p| {
            Ok(PerspectiveDto {
                perspective: p.code().to_owned(),
                name_sv: p.name_sv().to_owned(),
                indicators: stored
                    .iter()
                    .filter(|i| i.perspective == p.code())
                    .map(|i| dto(conn, i))
                    .collect::<Result<_, ApiError>>()?,
            })
        })
        .collect()
}

pub(crate) fn define_in(
    conn: &Connection,
    by: &str,
    args: &IndicatorInputDto,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<table::Indicator, ApiError> {
    let indicator = read_input(args)?;
    let stored = table::Indicator {
        id: id.to_string(),
        name: indicator.name.clone(),
        perspective: indicator.perspective.code().to_owned(),
        unit: indicator.unit.clone(),
        method: method_code(indicator.method).to_owned(),
        direction: direction_code(indicator.direction).to_owned(),
        target: indicator.target.map(|t| t.normalize().to_string()),
        defined_by: by.to_owned(),
        defined_at: time(now),
    };
    if !table::define(conn, &stored)? {
        let mut e = ValidationErrors::default();
        e.push("name", format!("Det finns redan ett mätetal som heter {}. Välj ett annat namn.", stored.name));
        return Err(e.into());
    }
    Ok(stored)
}

pub(crate) fn measure_in(
    conn: &Connection,
    by: &str,
    args: &MeasurementInputDto,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let indicator = table::all(conn)?.into_iter().find(|i| i.id == args.indicator_id.trim()).ok_or_else(|| {
        ApiError::new(
            ErrorCode::NotFound,
            "Mätetalet finns inte. Definiera det först under Uppföljning, eller välj ett befintligt.",
        )
    })?;
    let mut e = ValidationErrors::default();
    let day: Option<NaiveDate> = args.measured_on.trim().parse().ok();
    if day.is_none() {
        e.push("measured_on", "Ange datumet som ÅÅÅÅ-MM-DD.");
    }
    let value = number(&args.value);
    if value.is_none() {
        e.push("value", format!("Värdet ska vara ett tal i enheten {}, till exempel 99,5.", indicator.unit));
    }
    let (Some(day), Some(value)) = (day, value) else { return Err(e.into()) };
    if day > now.date_naive() {
        let mut e = ValidationErrors::default();
        e.push("measured_on", "En mätning kan inte ligga i framtiden.");
        return Err(e.into());
    }
    table::measure(
        conn,
        &table::Measurement {
            indicator: indicator.id.clone(),
            measured_on: day.to_string(),
            value: value.normalize().to_string(),
            note: args.note.trim().to_owned(),
            recorded_by: by.to_owned(),
            recorded_at: time(now),
        },
    )?;
    Ok(())
}

impl Api {
    /// The five perspectives, each with its indicators, measurements and trend.
    pub fn indicators(&self) -> Result<Vec<PerspectiveDto>, ApiError> {
        self.store().read(|tx| {
            session::actor(tx)?;
            perspectives(tx)
        })
    }

    /// The office defines an indicator.
    pub fn define_indicator(&self, args: &IndicatorInputDto) -> Result<IndicatorDto, ApiError> {
        let now = self.clock.now();
        let id = self.clock.new_id();
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            session::require_office(&actor, "Bara projektkontoret definierar mätetal.")?;
            let stored = define_in(tx, &actor.person.to_string(), args, id, now)?;
            audit::record(tx, now, actor.person, "indicator.define", &stored.id, &json!({ "name": stored.name }))?;
            dto(tx, &stored)
        })
    }

    /// The office records a measurement; a second one on the same day corrects the first.
    pub fn measure_indicator(&self, args: &MeasurementInputDto) -> Result<IndicatorDto, ApiError> {
        let now = self.clock.now();
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            session::require_office(&actor, "Bara projektkontoret registrerar mätningar.")?;
            measure_in(tx, &actor.person.to_string(), args, now)?;
            let detail = json!({ "measured_on": args.measured_on, "value": args.value });
            audit::record(tx, now, actor.person, "indicator.measure", &args.indicator_id, &detail)?;
            let stored = table::all(tx)?
                .into_iter()
                .find(|i| i.id == args.indicator_id.trim())
                .ok_or_else(|| ApiError::not_found("Mätetalet"))?;
            dto(tx, &stored)
        })
    }
}
