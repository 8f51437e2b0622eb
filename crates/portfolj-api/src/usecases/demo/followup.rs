//! Status reports for the demo's running projects, and final reports and follow-ups for
//! its closed and followed-up ones, through
//! the same use cases the office uses. The figures vary with the application's index (no
//! random draws, so the rest of the demo stays as it was): some projects cost more than
//! granted and explain it; realised benefits range from clearly short of the valuation to
//! above it, with the deviation explained where the rules ask.

use chrono::{DateTime, Duration, NaiveTime, Utc};
use portfolj_core::followup::due_on;
use portfolj_core::{Application, ItCategory, Sek};
use portfolj_store::Connection;
use portfolj_store::tables::decision;
use rust_decimal::Decimal;

use super::Cast;
use crate::ApiError;
use crate::dto::{FinalReportInputDto, FollowUpInputDto, MilestoneDto, RealisedLineInputDto, StatusReportInputDto};
use crate::usecases::followup::{planned, record_final_report_in, record_follow_up_in};
use crate::usecases::indicator::{define_in, measure_in};
use crate::usecases::status::submit_in;

/// Percent of the granted amount the project finally cost.
const COST_PERCENT: [i64; 6] = [96, 100, 92, 108, 99, 115];
/// Percent of the valued benefit realised.
const REALISED_PERCENT: [i64; 8] = [95, 70, 100, 55, 104, 120, 85, 100];

fn swedish(amount: Decimal) -> String {
    amount.round_dp(2).to_string().replace('.', ",")
}

pub(super) fn close(
    conn: &Connection,
    cast: &Cast,
    app: &Application,
    index: usize,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let granted = decision::of_application(conn, &app.id.to_string())?
        .last()
        .and_then(|d| d.granted_ore)
        .and_then(|o| Sek::from_ore(o).ok())
        .unwrap_or(app.requested_amount);
    let percent = COST_PERCENT[index % COST_PERCENT.len()];
    let final_cost = granted.as_decimal() * Decimal::from(percent) / Decimal::ONE_HUNDRED;
    let delivered = match app.it_category {
        ItCategory::Basic => "Den gemensamma funktionen är i drift och används av alla förvaltningar.",
        ItCategory::Differentiating => "E-tjänsten är i drift och ersätter pappersblanketten.",
        ItCategory::Innovative => "Piloten är utvärderad; resultatet ligger till grund för ett beslut om införande.",
    };
    let args = FinalReportInputDto {
        application_id: app.id.to_string(),
        delivered: delivered.to_owned(),
        final_cost: swedish(final_cost),
        cost_explanation: if percent > 100 {
            "Integrationen med verksamhetssystemet krävde fler tester än planerat.".to_owned()
        } else {
            String::new()
        },
        lessons: "Förankra förändringen hos medarbetarna tidigt; utbildning före driftstart gav färre ärenden till supporten."
            .to_owned(),
        owner_accepted_on: Some((now.date_naive() - Duration::days(10)).to_string()),
        closed_on: now.date_naive().to_string(),
    };
    record_final_report_in(conn, &cast.office, &args, now)
}

/// Records the follow-up a few weeks after it falls due; returns when.
pub(super) fn follow_up(
    conn: &Connection,
    cast: &Cast,
    app: &Application,
    index: usize,
) -> Result<DateTime<Utc>, ApiError> {
    let (closed, lines) = planned(conn, app)?;
    let day = due_on(closed) + Duration::days(i64::try_from(5 + index % 40).unwrap_or(5));
    let at = day.and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default()).and_utc();
    let realised = (0u32..)
        .zip(&lines)
        .map(|(i, line)| {
            let k = index + i as usize;
            let percent = REALISED_PERCENT[k % REALISED_PERCENT.len()];
            let budget_reduced = line.budget_releasing && !k.is_multiple_of(3);
            let deviates = (percent - 100).abs() >= 10;
            let untaken = line.budget_releasing && !budget_reduced;
            let deviation = match (deviates, untaken) {
                (true, _) if percent < 100 => "Införandet tog längre tid än planerat; full effekt väntas nästa år.",
                (true, _) => "Fler ärenden än beräknat gick över till e-tjänsten.",
                (false, true) => "Den frigjorda budgeten fördes till nämndens buffert i stället för att dras in.",
                (false, false) => "",
            };
            RealisedLineInputDto {
                line: i,
                realised: line.valued.map(|v| swedish(v * Decimal::from(percent) / Decimal::ONE_HUNDRED)),
                evidence: match line.valued {
                    Some(_) => "Verksamhetsstatistik och budgetuppföljning för året.".to_owned(),
                    None => "Enkät bland användarna: tre av fyra är nöjda eller mycket nöjda.".to_owned(),
                },
                budget_reduced,
                deviation: deviation.to_owned(),
            }
        })
        .collect();
    let args = FollowUpInputDto {
        application_id: app.id.to_string(),
        lines: realised,
        summary: "Nyttan följd upp ett år efter avslut.".to_owned(),
    };
    record_follow_up_in(conn, &cast.office, &args, at)?;
    Ok(at)
}

/// Quarterly status reports by the applicant for a project still running: the first two
/// quarters after it started; later ones are left overdue, as they are in real life.
pub(super) fn status_reports(
    conn: &Connection,
    app: &Application,
    applicant: &portfolj_core::Actor,
    started: DateTime<Utc>,
    index: usize,
) -> Result<(), ApiError> {
    const LIGHTS: [(&str, &str, &str); 4] = [
        ("green", "green", "green"),
        ("yellow", "green", "green"),
        ("green", "yellow", "green"),
        ("red", "yellow", "green"),
    ];
    let requested = app.requested_amount.as_decimal();
    for k in 0..2u8 {
        let written = started + Duration::days(95 * i64::from(k + 1));
        let (time, cost, scope) = LIGHTS[(index + usize::from(k)) % LIGHTS.len()];
        let spent = requested * Decimal::from(20 + 30 * u32::from(k)) / Decimal::ONE_HUNDRED;
        let args = StatusReportInputDto {
            application_id: app.id.to_string(),
            period: (written - Duration::days(20)).date_naive().to_string(),
            time: time.to_owned(),
            cost: cost.to_owned(),
            scope: scope.to_owned(),
            spent_to_date: swedish(spent),
            forecast: swedish(requested * Decimal::from(88) / Decimal::ONE_HUNDRED),
            milestones: vec![MilestoneDto {
                name: if k == 0 { "Kravställning klar" } else { "Pilot i drift" }.to_owned(),
                due_on: (written - Duration::days(30)).date_naive().to_string(),
                done: time != "red",
            }],
            risks: "Leverantörens resurser under sommaren.".to_owned(),
            comment: match time {
                "red" => "Upphandlingen är överprövad; styrgruppen beslutar om ny tidplan.".to_owned(),
                _ => String::new(),
            },
            correction_reason: String::new(),
        };
        // The id from the application's own: no random draw, so the rest of the demo stays.
        let mut random: [u8; 10] = app.id.0.as_bytes()[6..].try_into().unwrap_or_default();
        random[9] ^= k + 1;
        let ms = u64::try_from(written.timestamp_millis()).unwrap_or(0);
        let id = uuid::Builder::from_unix_timestamp_millis(ms, &random).into_uuid();
        submit_in(conn, applicant, &args, id, written)?;
    }
    Ok(())
}

/// One demo indicator: its definition, and its first and last value in whole units (tenths
/// for availability and the survey scale).
struct Spec {
    name: &'static str,
    perspective: &'static str,
    unit: &'static str,
    method: &'static str,
    direction: &'static str,
    target: &'static str,
    first: i64,
    last: i64,
}

/// Two indicators per perspective, measured every quarter of the programme, drifting toward
/// their targets with some noise from the quarter's number.
pub(super) fn indicators(conn: &Connection, cast: &Cast, ids: &mut dyn FnMut() -> uuid::Uuid) -> Result<(), ApiError> {
    const INDICATORS: [Spec; 10] = [
        Spec {
            name: "Ärenden som startas digitalt",
            perspective: "external_benefit",
            unit: "%",
            method: "objective",
            direction: "higher",
            target: "60",
            first: 18,
            last: 57,
        },
        Spec {
            name: "Nöjdhet med e-tjänsterna",
            perspective: "external_benefit",
            unit: "skala 1–5",
            method: "survey",
            direction: "higher",
            target: "4",
            first: 31,
            last: 39,
        },
        Spec {
            name: "Handläggningstid per bygglov",
            perspective: "internal_benefit",
            unit: "dagar",
            method: "objective",
            direction: "lower",
            target: "30",
            first: 61,
            last: 34,
        },
        Spec {
            name: "Tid för registrering per ärende",
            perspective: "internal_benefit",
            unit: "minuter",
            method: "objective",
            direction: "lower",
            target: "5",
            first: 14,
            last: 6,
        },
        Spec {
            name: "Andel medarbetare som använder nya stöden",
            perspective: "it_maturity",
            unit: "%",
            method: "survey",
            direction: "higher",
            target: "80",
            first: 35,
            last: 74,
        },
        Spec {
            name: "Medarbetare som känner sig trygga med it",
            perspective: "it_maturity",
            unit: "%",
            method: "survey",
            direction: "higher",
            target: "75",
            first: 52,
            last: 69,
        },
        Spec {
            name: "It-kostnad per anställd",
            perspective: "it_cost",
            unit: "kr per år",
            method: "objective",
            direction: "lower",
            target: "14000",
            first: 17900,
            last: 15100,
        },
        Spec {
            name: "Driftkostnad per e-tjänst",
            perspective: "it_cost",
            unit: "kr per år",
            method: "objective",
            direction: "lower",
            target: "250000",
            first: 340000,
            last: 262000,
        },
        Spec {
            name: "Tillgänglighet för e-tjänsterna",
            perspective: "it_quality",
            unit: "%",
            method: "objective",
            direction: "higher",
            target: "99.5",
            first: 981,
            last: 996,
        },
        Spec {
            name: "Allvarliga incidenter",
            perspective: "it_quality",
            unit: "antal per kvartal",
            method: "objective",
            direction: "lower",
            target: "2",
            first: 9,
            last: 3,
        },
    ];
    let by = cast.office.person.to_string();
    let start = super::at(2013, 1, 15);
    for Spec { name, perspective, unit, method, direction, target, first, last } in INDICATORS {
        let args = crate::dto::IndicatorInputDto {
            name: name.to_owned(),
            perspective: perspective.to_owned(),
            unit: unit.to_owned(),
            method: method.to_owned(),
            direction: direction.to_owned(),
            target: Some(target.to_owned()),
        };
        let stored = define_in(conn, &by, &args, ids(), start)?;
        // Availability in tenths of a percent, the scale in tenths of a point.
        let scale =
            if matches!(name, "Tillgänglighet för e-tjänsterna" | "Nöjdhet med e-tjänsterna") { 1 } else { 0 };
        for quarter in 0..20i64 {
            let (year, month) = (2013 + quarter / 4, [3, 6, 9, 12][usize::try_from(quarter % 4).unwrap_or(0)]);
            let day =
                chrono::NaiveDate::from_ymd_opt(i32::try_from(year).unwrap_or(2013), month, 28).unwrap_or_default();
            let noise = [0, 2, -1, 1, -2][usize::try_from(quarter % 5).unwrap_or(0)] * (last - first).abs() / 40;
            let value = Decimal::new(first + (last - first) * quarter / 19 + noise, scale);
            let at = day.and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default()).and_utc() + Duration::days(10);
            let m = crate::dto::MeasurementInputDto {
                indicator_id: stored.id.clone(),
                measured_on: day.to_string(),
                value: value.to_string(),
                note: String::new(),
            };
            measure_in(conn, &by, &m, at)?;
        }
    }
    Ok(())
}
