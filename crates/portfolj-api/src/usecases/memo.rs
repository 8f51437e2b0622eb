//! The decision memo (beslutsunderlag) for the utvecklingsråd: gathers, per portfolio, the
//! frame, the applications the beredningsgrupp recommends and the best selection of them
//! within the frame, every figure behind them and what the integrity statement vouches
//! for; the core builds the memo (`portfolj_core::memo`) and `portfolj-report` renders it.
//! Only the projektkontor makes it (DOMAIN.md §10). While any review is incomplete it can
//! only be made as a draft ("UTKAST").

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, Utc};
use portfolj_core::Named as _;
use portfolj_core::decision::DecisionKind;
use portfolj_core::frame::PortfolioPart;
use portfolj_core::memo::{
    Integrity, MemoInput, OwnerReadiness, PortfolioSection, Proposal, ScoreFigures, ValuationFigures,
};
use portfolj_core::valuation::resolution_sv;
use portfolj_core::{ApplicationState, Frame, Person, Portfolio, Sek};
use portfolj_store::Connection;
use portfolj_store::tables::application::{self as applications, ApplicationFilter, Listed};
use portfolj_store::tables::review::Round;
use portfolj_store::tables::{audit as audit_table, decision, frame, org, review, valuation as valuation_table};
use rust_decimal::Decimal;
use serde_json::json;

use crate::dto::{MemoArgsDto, MemoFileDto, MemoPreviewDto, PrioritiseDto, SummaryRowDto};
use crate::usecases::application::load_details;
use crate::usecases::prioritise::prioritise_among;
use crate::usecases::review::{RoundView, summary};
use crate::usecases::scenario::adopted;
use crate::usecases::{audit, pdf, programme, session, valuation};
use crate::{Api, ApiError, ErrorCode};

/// The group's recommendations that put an application forward to the council.
const SUPPORTING: [&str; 2] = ["support", "support_with_conditions"];

/// States an application can be in once it has been put before the council.
const PUT_FORWARD: [ApplicationState; 7] = [
    ApplicationState::Proposed,
    ApplicationState::Granted,
    ApplicationState::Rejected,
    ApplicationState::ReferredBack,
    ApplicationState::Running,
    ApplicationState::Closed,
    ApplicationState::FollowedUp,
];

fn decimal(text: Option<&String>) -> Option<Decimal> {
    text.and_then(|t| t.parse().ok())
}

fn score_of(row: &SummaryRowDto) -> Option<ScoreFigures> {
    Some(ScoreFigures {
        mean: decimal(row.mean.as_ref())?,
        median: decimal(row.median.as_ref())?,
        min: decimal(row.min.as_ref())?,
        max: decimal(row.max.as_ref())?,
        spread: decimal(row.spread.as_ref())?,
        count: row.scores,
    })
}

fn day(rfc3339: &str) -> Option<NaiveDate> {
    DateTime::parse_from_rfc3339(rfc3339).ok().map(|t| t.date_naive())
}

fn decision_text(conn: &Connection, application: &str, people: &[Person]) -> Result<Option<String>, ApiError> {
    let Some(d) = decision::of_application(conn, application)?.pop() else {
        return Ok(None);
    };
    let kind = DecisionKind::from_code(&d.kind).map_or(d.kind.clone(), |k| k.name_sv().to_owned());
    let amount = d.granted_ore.and_then(|o| Sek::from_ore(o).ok()).map(|s| format!(" {}", s.format_sv()));
    let decider = people.iter().find(|p| p.id.to_string() == d.decider).map_or(d.decider.clone(), |p| p.name.clone());
    let conditions = if d.conditions.is_empty() { String::new() } else { format!(", villkor: {}", d.conditions) };
    Ok(Some(format!(
        "{kind}{} den {}, dnr {}, beslutsfattare {decider}{conditions}",
        amount.unwrap_or_default(),
        d.decided_on,
        d.case_number
    )))
}

/// One portfolio's review summary rows, by application id, and the round's raw scores.
struct Review {
    rows: BTreeMap<String, SummaryRowDto>,
    scored: BTreeSet<(String, String)>,
}

/// What every portfolio's section reads, read once for the memo.
struct Year {
    year: i32,
    viewer: Person,
    people: Vec<Person>,
    frames: Vec<Frame>,
    rounds: Vec<Round>,
}

fn review_of(conn: &Connection, portfolio: Portfolio, y: &Year) -> Result<Review, ApiError> {
    let mut out = Review { rows: BTreeMap::new(), scored: BTreeSet::new() };
    let Some(round) = y.rounds.iter().find(|r| r.portfolio == portfolio.number() && r.year == y.year) else {
        return Ok(out);
    };
    out.scored = review::latest_scores(conn, &round.id)?.into_iter().map(|s| (s.person, s.application)).collect();
    let view = RoundView::load(conn, round.clone())?;
    out.rows = summary(conn, &view, &y.viewer)?.rows.into_iter().map(|r| (r.application_id.clone(), r)).collect();
    Ok(out)
}

/// Everything said about one candidate, and what it adds to the integrity statement.
fn proposal(
    conn: &Connection,
    listed: &Listed,
    amount: Sek,
    review: &Review,
    people: &[Person],
    integrity: &mut Integrity,
) -> Result<Proposal, ApiError> {
    let app = &listed.application;
    let id = app.id.to_string();
    let row = review.rows.get(&id);
    let details = load_details(conn, app.id)?.to_core().ok();
    let approved = valuation::latest_approved(conn, app.id)?;
    let figures = match &approved {
        Some(v) => valuation::summary_of(v)?,
        None => None,
    };
    if let Some(v) = &approved {
        integrity.valuations += 1;
        let valuer_unit = people.iter().find(|p| p.id == v.valuer).map(|p| p.unit);
        if valuer_unit == Some(app.unit) {
            integrity.valuer_in_applying_unit.push(format!("{} ({})", app.title, v.valuer_name));
        }
        for r in valuation_table::resolutions(conn, &v.id)? {
            integrity.double_counts_resolved.push(format!(
                "Löst: {} – {}: {} ({}, {})",
                app.title,
                r.target,
                resolution_sv(&r.resolution, r.share_percent.as_deref()),
                r.resolved_by_name,
                r.resolved_at.format("%Y-%m-%d")
            ));
        }
    }
    for jav in row.map(|r| r.jav.as_slice()).unwrap_or_default() {
        integrity.jav.push(format!("{} – {}: {}", jav.person_name, app.title, jav.kind_sv));
        if review.scored.contains(&(jav.person_id.clone(), id.clone())) {
            integrity.jav_scores.push(format!("{} har poängsatt {} trots jäv.", jav.person_name, app.title));
        }
    }
    Ok(Proposal {
        application_id: app.id,
        title: app.title.clone(),
        unit_name: listed.unit_name.clone(),
        part: PortfolioPart::of(app.it_category),
        requested: app.requested_amount,
        amount,
        purpose: app.purpose.clone(),
        score: row.and_then(score_of),
        valuation: figures.map(|f| ValuationFigures {
            valuer: f.valuer,
            approved_on: f.approved_at.as_deref().and_then(day),
            pv_benefits: f.pv_benefits.parse().unwrap_or_default(),
            pv_costs: f.pv_costs.parse().unwrap_or_default(),
            npv: f.npv.parse().unwrap_or_default(),
            benefit_cost_ratio: decimal(f.benefit_cost_ratio.as_ref()),
            payback_year: f.payback_year,
        }),
        owner: OwnerReadiness {
            system_owner: details.as_ref().map(|d| d.system_owner.clone()).unwrap_or_default(),
            accepted_on: details.as_ref().and_then(|d| d.owner_accepted_on),
        },
        recommendation: row.and_then(|r| r.recommendation.as_ref()).map(|r| (r.kind_sv.clone(), r.motivation.clone())),
        risks: details.map(|d| d.risks).unwrap_or_default(),
        missing: row.map(|r| r.missing.clone()).unwrap_or_default(),
        absent: row
            .map(|r| r.absent.iter().map(|a| (a.person_name.clone(), a.reason.clone())).collect())
            .unwrap_or_default(),
        decision: decision_text(conn, &id, people)?,
    })
}

/// Why a candidate that is not put forward is left out, when the group has not
/// recommended it.
fn not_put_forward(row: Option<&SummaryRowDto>) -> String {
    match row.and_then(|r| r.recommendation.as_ref()) {
        Some(r) => format!("Beredningsgruppen: {}.", r.kind_sv),
        None => "Beredningen är inte avslutad.".to_owned(),
    }
}

fn section(
    conn: &Connection,
    portfolio: Portfolio,
    y: &Year,
    integrity: &mut Integrity,
) -> Result<PortfolioSection, ApiError> {
    let (year, people) = (y.year, y.people.as_slice());
    let recorded = y.frames.iter().find(|f| f.portfolio == portfolio && f.year == year).cloned();
    let review = review_of(conn, portfolio, y)?;
    let filter = ApplicationFilter { portfolio: Some(portfolio), fiscal_year: Some(year), ..Default::default() };
    let listed = applications::list(conn, &filter)?;
    let in_round = |l: &Listed| review.rows.contains_key(&l.application.id.to_string());
    let supported = |l: &Listed| match review.rows.get(&l.application.id.to_string()) {
        Some(row) => row.recommendation.as_ref().is_some_and(|r| SUPPORTING.contains(&r.kind.as_str())),
        None => PUT_FORWARD.contains(&l.application.state),
    };
    let (pool, mut others): (Vec<Listed>, Vec<Listed>) = listed
        .iter()
        .filter(|l| in_round(l) || PUT_FORWARD.contains(&l.application.state))
        .filter(|l| l.application.state != ApplicationState::Withdrawn)
        .cloned()
        .partition(|l| supported(l));
    // (application, amount, why left out): in the proposal when there is no reason.
    let mut chosen: Vec<(Listed, Sek, Option<String>)> = Vec::new();
    let basis = match (adopted(conn, portfolio, year)?, &recorded) {
        (Some((p, selection)), _) => {
            for c in &selection {
                if let Some(l) = listed.iter().find(|l| l.application.id.to_string() == c.application_id) {
                    let amount = Sek::parse(&c.amount).unwrap_or(l.application.requested_amount);
                    chosen.push((l.clone(), amount, None));
                }
            }
            let in_proposal = |l: &Listed| chosen.iter().any(|(c, _, _)| c.application.id == l.application.id);
            others.retain(|l| !in_proposal(l));
            let out: Vec<(Listed, Sek, Option<String>)> = pool
                .iter()
                .filter(|l| !in_proposal(l))
                .map(|l| {
                    (l.clone(), l.application.requested_amount, Some("Inte med i det antagna förslaget.".to_owned()))
                })
                .collect();
            chosen.extend(out);
            format!(
                "Antaget förslag: scenariot \"{}\" (version {}, antaget {}).",
                p.scenario_name,
                p.version,
                day(&p.adopted_at).map(|d| d.to_string()).unwrap_or_default()
            )
        }
        (None, Some(_)) if !pool.is_empty() => {
            let args = PrioritiseDto {
                portfolio: portfolio.number(),
                year,
                objective: "score".to_owned(),
                score_weight_percent: None,
                frame: None,
                forced_in: vec![],
                forced_out: vec![],
                requires: vec![],
                excludes: vec![],
                frontier_step: None,
            };
            let result = prioritise_among(conn, &args, pool.clone())?;
            for row in result.rows {
                if let Some(l) = pool.iter().find(|l| l.application.id.to_string() == row.application_id) {
                    chosen.push((l.clone(), l.application.requested_amount, row.reason));
                }
            }
            "Beräknat urval: de ansökningar beredningsgruppen tillstyrker, valda exakt så att gruppens \
             sammanlagda medelvärde blir så högt som möjligt inom ramen och delramarna."
                .to_owned()
        }
        (None, Some(_)) => "Inga tillstyrkta ansökningar i portföljen detta år.".to_owned(),
        (None, None) => {
            chosen.extend(pool.iter().map(|l| (l.clone(), l.application.requested_amount, None)));
            "Ingen ram är fastställd: alla tillstyrkta ansökningar redovisas utan urval.".to_owned()
        }
    };
    let mut proposals = Vec::new();
    let mut left_out = Vec::new();
    for (l, amount, reason) in &chosen {
        let p = proposal(conn, l, *amount, &review, people, integrity)?;
        match reason {
            None => proposals.push(p),
            Some(why) => left_out.push((p, why.clone())),
        }
    }
    for l in &others {
        let p = proposal(conn, l, l.application.requested_amount, &review, people, integrity)?;
        left_out.push((p, not_put_forward(review.rows.get(&l.application.id.to_string()))));
    }
    // Ranked by the group's mean, highest first; then by NPV; then by id, so ties are stable.
    proposals.sort_by(|a, b| {
        let mean = |p: &Proposal| p.score.as_ref().map(|s| s.mean);
        let npv = |p: &Proposal| p.valuation.as_ref().map(|v| v.npv);
        mean(b).cmp(&mean(a)).then(npv(b).cmp(&npv(a))).then(a.application_id.cmp(&b.application_id))
    });
    Ok(PortfolioSection {
        number: portfolio.number(),
        name: portfolio.name_sv().to_owned(),
        frame: recorded.as_ref().map(|f| f.amount),
        sub_frames: recorded
            .map(|f| f.sub_frames.into_iter().map(|s| (s.part, s.amount)).collect())
            .unwrap_or_default(),
        basis,
        proposals,
        left_out,
    })
}

/// The memo's input; `step` is called after each portfolio, so a long memo can be followed
/// and cancelled.
fn gather(
    conn: &Connection,
    args: &MemoArgsDto,
    today: NaiveDate,
    step: &dyn Fn() -> Result<(), ApiError>,
) -> Result<MemoInput, ApiError> {
    let actor = session::actor(conn)?;
    session::require_office(&actor, "Bara projektkontoret tar fram beslutsunderlaget.")?;
    let portfolios = programme::portfolios(args.portfolio)?;
    if !(2000..=2100).contains(&args.year) {
        return Err(ApiError::new(ErrorCode::Validation, "Ange ett budgetår mellan 2000 och 2100."));
    }
    let y = Year {
        year: args.year,
        viewer: org::person(conn, actor.person)?.ok_or_else(|| ApiError::not_found("Personen"))?,
        people: org::people(conn)?,
        frames: frame::all(conn)?,
        rounds: review::rounds(conn)?,
    };
    let mut integrity = Integrity::default();
    let mut sections = Vec::with_capacity(portfolios.len());
    for portfolio in portfolios {
        sections.push(section(conn, portfolio, &y, &mut integrity)?);
        step()?;
    }
    let case_number = args.case_number.as_deref().map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned);
    Ok(MemoInput {
        year: args.year,
        case_number,
        date: today,
        portfolios: sections,
        integrity,
        parameters: vec![
            ("Budgetår".to_owned(), args.year.to_string()),
            (
                "Urval".to_owned(),
                "Tillstyrkta ansökningar väljs exakt (gren och gräns) så att beredningsgruppens sammanlagda \
                 medelvärde blir högst möjligt utan att ram eller delram överskrids; lika värde avgörs av \
                 ansökans id."
                    .to_owned(),
            ),
            ("Rangordning".to_owned(), "Efter gruppens medelvärde, sedan nettonuvärde, sedan ansökans id.".to_owned()),
            (
                "Avrundning".to_owned(),
                "Belopp visas i hela kronor, avrundade med hälften bort från noll; alla beräkningar görs \
                 exakt i ören."
                    .to_owned(),
            ),
            ("Oenighet".to_owned(), "Spridning (högst − lägst) över 2 steg på skalan.".to_owned()),
        ],
        audit_head: audit_table::head(conn)?,
    })
}

fn preview_of(input: &MemoInput, draft: bool) -> MemoPreviewDto {
    let document = input.document(draft);
    MemoPreviewDto {
        title: document.title.clone(),
        draft: document.draft,
        incomplete: input.incomplete(),
        fingerprint: input.fingerprint(),
        audit_head: input.audit_head.clone(),
        text: document.to_text(),
    }
}

fn refuse_incomplete(input: &MemoInput, draft: bool) -> Result<(), ApiError> {
    let incomplete = input.incomplete();
    if draft || incomplete.is_empty() {
        return Ok(());
    }
    Err(ApiError::new(
        ErrorCode::Conflict,
        format!(
            "Beredningen är inte klar för {}: alla tilldelade ledamöter utan jäv har inte poängsatt. \
             Ta fram underlaget som utkast (UTKAST) eller vänta tills bedömningarna är klara.",
            incomplete.join(", ")
        ),
    ))
}

impl Api {
    /// What the memo will say, as text, with its fingerprint; nothing is written.
    pub fn memo_preview(&self, args: &MemoArgsDto) -> Result<MemoPreviewDto, ApiError> {
        let today = self.clock.now().date_naive();
        self.store().read(|tx| Ok(preview_of(&gather(tx, args, today, &|| Ok(()))?, args.draft)))
    }

    /// The memo as an A4 PDF; refused while a review is incomplete unless asked for as a
    /// draft. Making it is recorded in the audit log with its fingerprint.
    pub fn memo_export(&self, args: &MemoArgsDto) -> Result<MemoFileDto, ApiError> {
        let now: DateTime<Utc> = self.clock.now();
        // One step per portfolio, and one for the PDF.
        let steps = programme::portfolios(args.portfolio).map_or(0, |p| u64::try_from(p.len()).unwrap_or(u64::MAX) + 1);
        let _running =
            self.progress.start(steps, "Beslutsunderlaget avbröts. Inget har sparats; skapa det igen när du vill.")?;
        self.store().write(|tx| {
            let input = gather(tx, args, now.date_naive(), &|| self.progress.advance(1))?;
            refuse_incomplete(&input, args.draft)?;
            let document = input.document(args.draft);
            let actor = session::actor(tx)?;
            let author = org::person(tx, actor.person)?.map(|p| p.name).unwrap_or_default();
            let (content_base64, pages) = pdf::render(&document, now, author)?;
            self.progress.advance(1)?;
            let fingerprint = input.fingerprint();
            let scope = args.portfolio.map_or_else(String::new, |p| format!("-portfolj-{p}"));
            let file_name = format!(
                "beslutsunderlag-{}{scope}{}.pdf",
                args.year,
                if document.draft { "-utkast" } else { "" }
            );
            let detail = json!({ "year": args.year, "portfolio": args.portfolio, "draft": document.draft, "fingerprint": fingerprint, "pages": pages });
            audit::record(tx, now, actor.person, "memo.export", &file_name, &detail)?;
            // A cancel up to the commit is honoured.
            self.progress.advance(0)?;
            Ok(MemoFileDto {
                file_name,
                content_base64,
                pages,
                draft: document.draft,
                fingerprint,
            })
        })
    }
}
