//! The yearly programme report for the utvecklingsråd (issue 9): gathers the year's money,
//! projects, realisation, indicators and what is overdue; the core builds the document
//! (`portfolj_core::followup::programme_report`) and `portfolj-report` renders it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use portfolj_core::followup::Realisation;
use portfolj_core::followup::indicator::{Perspective, Trend};
use portfolj_core::followup::programme_report::{
    IndicatorLine, Late, Overdue, PortfolioYear, ProgrammeReportInput, document,
};
use portfolj_core::{ApplicationState, Language, Portfolio};
use portfolj_store::Connection;
use portfolj_store::tables::application::{self as applications, ApplicationFilter};
use portfolj_store::tables::{frame, org};
use serde_json::json;

use crate::dto::{PdfFileDto, ProgrammeReportArgsDto, RealisationArgsDto};
use crate::usecases::followup::{due_in, money, realised};
use crate::usecases::indicator::perspectives;
use crate::usecases::status::{overdue_in, schedule};
use crate::usecases::{audit, pdf, session};
use crate::{Api, ApiError, ErrorCode};

fn portfolios(conn: &Connection, year: i32) -> Result<Vec<PortfolioYear>, ApiError> {
    let frames = frame::all(conn)?;
    let money = money(conn)?;
    let realised = realised(conn, &RealisationArgsDto { year: Some(year), portfolio: None })?;
    let filter = ApplicationFilter { fiscal_year: Some(year), ..ApplicationFilter::default() };
    let mut counts: BTreeMap<(u8, ApplicationState), u32> = BTreeMap::new();
    for l in applications::list(conn, &filter)? {
        *counts.entry((l.application.portfolio.number(), l.application.state)).or_default() += 1;
    }
    Ok(Portfolio::ALL
        .iter()
        .map(|p| {
            let n = p.number();
            let m = money.get(&(n, year)).copied().unwrap_or_default();
            PortfolioYear {
                number: n,
                name: p.name_sv().to_owned(),
                frame: frames.iter().find(|f| f.portfolio == *p && f.year == year).map(|f| f.amount),
                granted: m.granted,
                spent: m.spent,
                by_state: ApplicationState::ALL.iter().filter_map(|s| counts.get(&(n, *s)).map(|c| (*s, *c))).collect(),
                realisation: realised.get(&(n, year)).copied().unwrap_or_default(),
            }
        })
        .collect())
}

fn indicators(conn: &Connection) -> Result<Vec<IndicatorLine>, ApiError> {
    Ok(perspectives(conn)?
        .into_iter()
        .filter_map(|p| Some((Perspective::from_code(&p.perspective)?, p.indicators)))
        .flat_map(|(perspective, indicators)| {
            indicators.into_iter().map(move |i| IndicatorLine {
                perspective,
                latest: i.measurements.last().and_then(|m| Some((m.value.parse().ok()?, m.measured_on.parse().ok()?))),
                target: i.target.as_deref().and_then(|t| t.parse().ok()),
                name: i.name,
                unit: i.unit,
                trend: Trend::from_code(&i.trend).unwrap_or(Trend::TooFew),
            })
        })
        .collect())
}

fn overdue(conn: &Connection, today: NaiveDate) -> Result<Vec<Overdue>, ApiError> {
    let day = |text: &str| text.parse().unwrap_or(today);
    let schedule = schedule(conn)?;
    let mut late: Vec<Overdue> = overdue_in(conn, today)?
        .into_iter()
        .map(|o| Overdue {
            what: Late::StatusReport(schedule, schedule.period_of(day(&o.period_start))),
            due_on: day(&o.due_on),
            title: o.title,
        })
        .collect();
    late.extend(due_in(conn, today)?.into_iter().filter(|d| d.overdue).map(|d| Overdue {
        what: Late::BenefitFollowUp,
        due_on: day(&d.due_on),
        title: d.title,
    }));
    late.sort_by(|a, b| a.due_on.cmp(&b.due_on).then(a.title.cmp(&b.title)));
    Ok(late)
}

fn gather(conn: &Connection, year: i32, today: NaiveDate) -> Result<ProgrammeReportInput, ApiError> {
    if !(2000..=2100).contains(&year) {
        return Err(ApiError::new(ErrorCode::Validation, "Ange ett budgetår mellan 2000 och 2100."));
    }
    let all_years = realised(conn, &RealisationArgsDto { year: None, portfolio: None })?;
    Ok(ProgrammeReportInput {
        year,
        made_on: today,
        portfolios: portfolios(conn, year)?,
        programme_realisation: all_years.values().fold(Realisation::default(), |sum, r| sum + *r),
        indicators: indicators(conn)?,
        overdue: overdue(conn, today)?,
    })
}

impl Api {
    /// The programme report for one budget year, as an A4 PDF in the language asked for; made
    /// by the office, audited.
    pub fn programme_report(&self, args: &ProgrammeReportArgsDto) -> Result<PdfFileDto, ApiError> {
        let now = self.clock.now();
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            session::require_office(&actor, "Bara projektkontoret tar fram programrapporten.")?;
            let input = gather(tx, args.year, now.date_naive())?;
            let author = org::person(tx, actor.person)?.map(|p| p.name).unwrap_or_default();
            let language: Language = args.language.into();
            let (content_base64, pages) = pdf::render(&document(&input, language), now, author)?;
            let granted: rust_decimal::Decimal = input.portfolios.iter().map(|p| p.granted).sum();
            let file_name = format!("{}-{}.pdf", language.pick("programrapport", "programme-report"), args.year);
            let detail = json!({ "year": args.year, "pages": pages, "granted": granted.to_string() });
            audit::record(tx, now, actor.person, "report.programme", &file_name, &detail)?;
            Ok(PdfFileDto { file_name, content_base64, pages })
        })
    }
}
