//! Exports of the programme's data for Excel (issue 9): applications, valuations, review
//! scores, decisions, status reports, final reports and follow-ups, each a table, as CSV
//! or XLSX; or all of them in one workbook. Only
//! the projektkontor exports (DOMAIN.md §10: it holds the merged data), and each export is
//! recorded in the audit log: who took out what.

use std::collections::BTreeMap;

use base64::Engine as _;
use chrono::{DateTime, NaiveDate};
use portfolj_core::Named as _;
use portfolj_core::decision::DecisionKind;
use portfolj_core::followup::due_on;
use portfolj_core::followup::status::Light;
use portfolj_core::frame::PortfolioPart;
use portfolj_core::sheet::{Cell, Sheet};
use portfolj_store::Connection;
use portfolj_store::tables::application::{self as applications, ApplicationFilter, Listed};
use portfolj_store::tables::followup as followup_table;
use portfolj_store::tables::{decision, org, review, valuation as valuation_table};
use rust_decimal::Decimal;
use serde_json::json;

use crate::dto::{ExportArgsDto, ExportFileDto, ExportFormatDto, ExportWhatDto};
use crate::usecases::followup::comparison;
use crate::usecases::{audit, programme, session, valuation};
use crate::{Api, ApiError, ErrorCode};

/// The applications in scope, by id.
struct Scope {
    listed: BTreeMap<String, Listed>,
}

impl Scope {
    fn read(conn: &Connection, args: &ExportArgsDto) -> Result<Self, ApiError> {
        let portfolios = programme::portfolios(args.portfolio)?;
        let filter = ApplicationFilter { fiscal_year: args.year, ..ApplicationFilter::default() };
        let listed = applications::list(conn, &filter)?
            .into_iter()
            .filter(|l| portfolios.contains(&l.application.portfolio))
            .map(|l| (l.application.id.to_string(), l))
            .collect();
        Ok(Scope { listed })
    }

    /// The first columns of every table: which application it is.
    fn application_cells(&self, id: &str) -> Vec<Cell> {
        let Some(l) = self.listed.get(id) else { return vec![Cell::text(id)] };
        let app = &l.application;
        vec![
            Cell::text(id),
            Cell::text(&app.title),
            Cell::text(&l.unit_name),
            Cell::Number(Decimal::from(app.portfolio.number())),
            Cell::Number(Decimal::from(app.fiscal_year)),
        ]
    }
}

const APPLICATION: [&str; 5] = ["Ansökan (id)", "Titel", "Sökande enhet", "Portfölj", "Budgetår"];

fn headers(rest: &[&'static str]) -> Vec<&'static str> {
    APPLICATION.iter().chain(rest).copied().collect()
}

fn day(rfc3339: &str) -> Option<NaiveDate> {
    DateTime::parse_from_rfc3339(rfc3339).ok().map(|t| t.date_naive())
}

fn decimal(text: &str) -> Option<Decimal> {
    text.parse().ok()
}

fn applications_sheet(scope: &Scope) -> Sheet {
    let mut sheet = Sheet::new(
        "Ansökningar",
        &headers(&["Portföljens namn", "It-kategori", "Delram", "Sökt belopp", "Status", "Skapad", "Senast ändrad"]),
    );
    for (id, l) in &scope.listed {
        let app = &l.application;
        let mut row = scope.application_cells(id);
        row.extend([
            Cell::text(app.portfolio.name_sv()),
            Cell::text(app.it_category.name_sv()),
            Cell::text(PortfolioPart::of(app.it_category).name_sv()),
            Cell::Money(app.requested_amount.as_decimal()),
            Cell::text(app.state.name_sv()),
            Cell::Date(app.created_at.date_naive()),
            Cell::Date(app.updated_at.date_naive()),
        ]);
        sheet.push(row);
    }
    sheet
}

fn valuations_sheet(conn: &Connection, scope: &Scope) -> Result<Sheet, ApiError> {
    let mut sheet = Sheet::new(
        "Nyttovärderingar",
        &headers(&[
            "Värdering nr",
            "Värderare",
            "Fastställd",
            "Nuvärde nyttor",
            "Nuvärde kostnader",
            "Nettonuvärde",
            "Nytta per kostnadskrona",
            "Återbetalningsår",
        ]),
    );
    for v in valuation_table::latest_per_application(conn)? {
        let id = v.application.to_string();
        if !scope.listed.contains_key(&id) {
            continue;
        }
        let figures = valuation::summary_of(&v)?;
        let money = |pick: fn(&crate::dto::ValuationSummaryDto) -> &String| {
            Cell::money_or_empty(figures.as_ref().and_then(|f| decimal(pick(f))))
        };
        let mut row = scope.application_cells(&id);
        row.extend([
            Cell::Number(Decimal::from(v.number)),
            Cell::text(&v.valuer_name),
            Cell::date_or_empty(v.approved_at.map(|t| t.date_naive())),
            money(|f| &f.pv_benefits),
            money(|f| &f.pv_costs),
            money(|f| &f.npv),
            Cell::number_or_empty(figures.as_ref().and_then(|f| f.benefit_cost_ratio.as_deref()).and_then(decimal)),
            Cell::number_or_empty(figures.as_ref().and_then(|f| f.payback_year).map(Decimal::from)),
        ]);
        sheet.push(row);
    }
    Ok(sheet)
}

fn scores_sheet(conn: &Connection, scope: &Scope) -> Result<Sheet, ApiError> {
    let mut sheet = Sheet::new("Poäng", &headers(&["Ledamot", "Version", "Totalpoäng", "Omgångens status"]));
    let names = names(conn)?;
    for round in review::rounds(conn)? {
        for score in review::latest_scores(conn, &round.id)? {
            if !scope.listed.contains_key(&score.application) {
                continue;
            }
            let mut row = scope.application_cells(&score.application);
            row.extend([
                Cell::text(names.get(&score.person).map_or(score.person.as_str(), String::as_str)),
                Cell::Number(Decimal::from(score.version)),
                Cell::number_or_empty(decimal(&score.total)),
                Cell::text(if round.state == "closed" { "stängd" } else { "öppen" }),
            ]);
            sheet.push(row);
        }
    }
    Ok(sheet)
}

fn decisions_sheet(conn: &Connection, scope: &Scope) -> Result<Sheet, ApiError> {
    let mut sheet = Sheet::new(
        "Beslut",
        &headers(&[
            "Version",
            "Beslut",
            "Beviljat belopp",
            "Villkor",
            "Diarienummer",
            "Beslutsdatum",
            "Beslutsfattare",
            "Skäl till ändring",
            "Registrerat av",
            "Registrerat",
        ]),
    );
    let names = names(conn)?;
    for id in scope.listed.keys() {
        for d in decision::of_application(conn, id)? {
            let mut row = scope.application_cells(id);
            row.extend([
                Cell::Number(Decimal::from(d.version)),
                Cell::Text(DecisionKind::from_code(&d.kind).map_or_else(|| d.kind.clone(), |k| k.name_sv().to_owned())),
                d.granted_ore.map_or(Cell::Empty, Cell::ore),
                Cell::text(&d.conditions),
                Cell::text(&d.case_number),
                Cell::date_or_empty(d.decided_on.parse().ok()),
                Cell::text(names.get(&d.decider).unwrap_or(&d.decider)),
                Cell::text(&d.reason),
                Cell::text(names.get(&d.recorded_by).unwrap_or(&d.recorded_by)),
                Cell::date_or_empty(day(&d.recorded_at)),
            ]);
            sheet.push(row);
        }
    }
    Ok(sheet)
}

fn light(code: &str) -> Cell {
    Cell::Text(Light::from_code(code).map_or_else(|| code.to_owned(), |l| l.name_sv().to_owned()))
}

fn ore_or_empty(ore: Option<i64>) -> Cell {
    ore.map_or(Cell::Empty, Cell::ore)
}

fn status_sheet(conn: &Connection, scope: &Scope) -> Result<Sheet, ApiError> {
    let mut sheet = Sheet::new(
        "Statusrapporter",
        &headers(&[
            "Period från",
            "Period till",
            "Tid",
            "Kostnad",
            "Omfattning",
            "Upparbetat",
            "Prognos vid slut",
            "Risker",
            "Kommentar",
            "Skäl till rättelse",
            "Skriven av",
            "Skriven",
        ]),
    );
    let names = names(conn)?;
    for id in scope.listed.keys() {
        for r in followup_table::status_reports(conn, id)? {
            let mut row = scope.application_cells(id);
            row.extend([
                Cell::date_or_empty(r.period_start.parse().ok()),
                Cell::date_or_empty(r.period_end.parse().ok()),
                light(&r.time_light),
                light(&r.cost_light),
                light(&r.scope_light),
                Cell::ore(r.spent_ore),
                Cell::ore(r.forecast_ore),
                Cell::text(&r.risks),
                Cell::text(&r.comment),
                Cell::text(&r.correction_reason),
                Cell::text(names.get(&r.author).map_or(r.author.as_str(), String::as_str)),
                Cell::date_or_empty(day(&r.written_at)),
            ]);
            sheet.push(row);
        }
    }
    Ok(sheet)
}

fn final_reports_sheet(conn: &Connection, scope: &Scope) -> Result<Sheet, ApiError> {
    let mut sheet = Sheet::new(
        "Slutrapporter",
        &headers(&[
            "Avslutad",
            "Slutkostnad",
            "Förklaring till kostnaden",
            "Levererat",
            "Lärdomar",
            "Systemägaren godkände driften",
            "Uppföljning senast",
        ]),
    );
    for r in followup_table::final_reports(conn)? {
        if !scope.listed.contains_key(&r.application) {
            continue;
        }
        let closed: Option<NaiveDate> = r.closed_on.parse().ok();
        let mut row = scope.application_cells(&r.application);
        row.extend([
            Cell::date_or_empty(closed),
            Cell::ore(r.final_cost_ore),
            Cell::text(&r.cost_explanation),
            Cell::text(&r.delivered),
            Cell::text(&r.lessons),
            Cell::date_or_empty(r.owner_accepted_on.parse().ok()),
            Cell::date_or_empty(closed.map(due_on)),
        ]);
        sheet.push(row);
    }
    Ok(sheet)
}

fn follow_ups_sheet(conn: &Connection, scope: &Scope) -> Result<Sheet, ApiError> {
    let mut sheet = Sheet::new(
        "Uppföljningar",
        &headers(&[
            "Jämförelseår",
            "Nyttorad",
            "Värderat",
            "Realiserat",
            "Skillnad",
            "Realiseringsgrad (%)",
            "Besparingen tagen ur budget",
            "Underlag",
            "Förklaring",
        ]),
    );
    for f in followup_table::follow_ups(conn)? {
        if !scope.listed.contains_key(&f.application) {
            continue;
        }
        for (line, compared) in f.lines.iter().zip(comparison(&f)) {
            let mut row = scope.application_cells(&f.application);
            row.extend([
                Cell::Number(Decimal::from(f.compared_year)),
                Cell::text(&line.name),
                Cell::money_or_empty(compared.valued),
                ore_or_empty(line.realised_ore),
                Cell::money_or_empty(compared.difference),
                Cell::number_or_empty(compared.rate_percent),
                Cell::text(match (line.budget_releasing, line.budget_reduced) {
                    (false, _) => "",
                    (true, true) => "ja",
                    (true, false) => "nej",
                }),
                Cell::text(&line.evidence),
                Cell::text(&line.deviation),
            ]);
            sheet.push(row);
        }
    }
    Ok(sheet)
}

fn names(conn: &Connection) -> Result<BTreeMap<String, String>, ApiError> {
    Ok(org::people(conn)?.into_iter().map(|p| (p.id.to_string(), p.name)).collect())
}

fn sheets(conn: &Connection, args: &ExportArgsDto) -> Result<Vec<Sheet>, ApiError> {
    let scope = Scope::read(conn, args)?;
    Ok(match args.what {
        ExportWhatDto::Applications => vec![applications_sheet(&scope)],
        ExportWhatDto::Valuations => vec![valuations_sheet(conn, &scope)?],
        ExportWhatDto::Scores => vec![scores_sheet(conn, &scope)?],
        ExportWhatDto::Decisions => vec![decisions_sheet(conn, &scope)?],
        ExportWhatDto::StatusReports => vec![status_sheet(conn, &scope)?],
        ExportWhatDto::FinalReports => vec![final_reports_sheet(conn, &scope)?],
        ExportWhatDto::FollowUps => vec![follow_ups_sheet(conn, &scope)?],
        ExportWhatDto::All => vec![
            applications_sheet(&scope),
            valuations_sheet(conn, &scope)?,
            scores_sheet(conn, &scope)?,
            decisions_sheet(conn, &scope)?,
            status_sheet(conn, &scope)?,
            final_reports_sheet(conn, &scope)?,
            follow_ups_sheet(conn, &scope)?,
        ],
    })
}

fn file_name(args: &ExportArgsDto) -> String {
    let what = match args.what {
        ExportWhatDto::Applications => "ansokningar",
        ExportWhatDto::Valuations => "nyttovarderingar",
        ExportWhatDto::Scores => "poang",
        ExportWhatDto::Decisions => "beslut",
        ExportWhatDto::StatusReports => "statusrapporter",
        ExportWhatDto::FinalReports => "slutrapporter",
        ExportWhatDto::FollowUps => "uppfoljningar",
        ExportWhatDto::All => "portfolj",
    };
    let year = args.year.map_or_else(String::new, |y| format!("-{y}"));
    let portfolio = args.portfolio.map_or_else(String::new, |p| format!("-portfolj-{p}"));
    let extension = match args.format {
        ExportFormatDto::Csv => "csv",
        ExportFormatDto::Xlsx => "xlsx",
    };
    format!("{what}{year}{portfolio}.{extension}")
}

fn encode(sheets: &[Sheet], format: ExportFormatDto) -> Result<(Vec<u8>, &'static str), ApiError> {
    let internal = |e: portfolj_report::ReportError| ApiError::new(ErrorCode::Internal, e.to_string());
    match (format, sheets) {
        (ExportFormatDto::Csv, [sheet]) => Ok((portfolj_report::csv(sheet).map_err(internal)?, "text/csv")),
        (ExportFormatDto::Csv, _) => Err(ApiError::new(
            ErrorCode::Validation,
            "En CSV-fil rymmer en tabell. Välj vad som ska exporteras, eller XLSX för alla tabeller i en arbetsbok.",
        )),
        (ExportFormatDto::Xlsx, _) => Ok((
            portfolj_report::xlsx(sheets).map_err(internal)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )),
    }
}

impl Api {
    /// A table (or, as XLSX, every table) of the programme's data as a file.
    pub fn export_file(&self, args: &ExportArgsDto) -> Result<ExportFileDto, ApiError> {
        let now = self.clock.now();
        // Two steps: reading the rows, writing the file.
        let _running =
            self.progress.start(2, "Exporten avbröts. Ingen fil har skapats; exportera igen när du vill.")?;
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            session::require_office(&actor, "Bara projektkontoret exporterar programmets data.")?;
            let sheets = sheets(tx, args)?;
            self.progress.advance(1)?;
            let (bytes, media_type) = encode(&sheets, args.format)?;
            self.progress.advance(1)?;
            let rows = u32::try_from(sheets.iter().map(|s| s.rows.len()).sum::<usize>()).unwrap_or(u32::MAX);
            let file_name = file_name(args);
            let detail = json!({ "what": args.what, "format": args.format, "year": args.year,
                "portfolio": args.portfolio, "rows": rows });
            audit::record(tx, now, actor.person, "export.file", &file_name, &detail)?;
            // A cancel up to the commit is honoured.
            self.progress.advance(0)?;
            Ok(ExportFileDto {
                file_name,
                media_type: media_type.to_owned(),
                content_base64: base64::engine::general_purpose::STANDARD.encode(bytes),
                rows,
            })
        })
    }
}
