//! Beredning: the office opens a round per portfolio and year, sets its rubric, appoints
//! and assigns the group, records absences and the group's recommendations; members
//! declare jäv and score on their own laptops (drafts autosaved) and send their scores
//! in a signed bundle. The rules are the core's (`portfolj_core::review`); [`RoundView`]
//! supplies one round to them for every path alike.

mod bundle;
mod round;
mod summary;

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use portfolj_core::Named as _;
use portfolj_core::review::{self as core, JavKind, RecommendationInput, RecommendationKind, Rubric};
use portfolj_core::{Actor, ApplicationId, ApplicationState, Person, PersonId, Portfolio, Role};
use portfolj_store::Connection;
use portfolj_store::tables::application as applications;
use portfolj_store::tables::org;
use portfolj_store::tables::review::{self as table, Absence, DeclaredJav, Recommendation, Round};
use serde_json::json;

pub(crate) use bundle::{apply_incoming, incoming, reviewer_operations, scores_operations, sender};
pub(crate) use round::RoundView;
use round::{Version, load_round, rubric_document, rubric_of, store_score};
pub(crate) use summary::summary;
use summary::{jav_dtos, people_names, round_dto};

use crate::dto::{
    AddMemberDto, AssignDto, CloseRoundDto, CreateRoundDto, CriterionScoreDto, DeclareJavDto, MarkAbsentDto, MyItemDto,
    MyReviewDto, RecommendDto, RoundDto, RoundOverviewDto, RoundSummaryDto, SaveDraftDto, SaveScoreDto, SavedScoreDto,
    ScoreHistoryArgsDto, ScoreVersionDto, SetRubricDto,
};
use crate::usecases::application::{parse_application_id, transition_in};
use crate::usecases::{audit, session, valuation};
use crate::{Api, ApiError, ErrorCode};

const ONLY_OFFICE: &str = "Bara projektkontoret leder beredningen: öppnar omgångar, utser och fördelar ledamöter, antecknar frånvaro och rekommendationer.";

fn view_of(conn: &Connection, round_id: &str) -> Result<RoundView, ApiError> {
    RoundView::load(conn, load_round(conn, round_id)?)
}

fn find_person(conn: &Connection, wanted: &str) -> Result<Person, ApiError> {
    let wanted = wanted.trim();
    org::people(conn)?
        .into_iter()
        .find(|p| p.id.to_string() == wanted || p.email.eq_ignore_ascii_case(wanted))
        .ok_or_else(|| ApiError::not_found("Personen"))
}

fn in_round(view: &RoundView, id: &str) -> Result<ApplicationId, ApiError> {
    let application = parse_application_id(id)?;
    view.application(application).map(|l| l.application.id).ok_or_else(|| {
        ApiError::new(
            ErrorCode::NotFound,
            format!(
                "Ansökan ingår inte i beredningen av portfölj {} {}: den ska vara nyttovärderad och gälla portföljen och året.",
                view.round.portfolio, view.round.year
            ),
        )
    })
}

fn to_json(value: &impl serde::Serialize) -> Result<String, ApiError> {
    serde_json::to_string(value).map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))
}

/// Stores a declared jäv; shared by the member's own form, the office's, and bundles.
pub(crate) fn record_jav(
    conn: &Connection,
    round: &str,
    jav: &DeclaredJav,
    by: &Person,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    table::declare_jav(conn, round, jav, &by.id.to_string(), now)?;
    let detail = json!({ "round": round, "person": jav.person, "kind": jav.kind, "motivation": jav.motivation });
    audit::record(conn, now, by.id, "review.jav", &jav.application, &detail)
}

/// A member's score through every path: checked against the round, stored as a new
/// version (or the member's own version when it arrives in a bundle), and audited.
pub(crate) fn score_in(
    conn: &Connection,
    view: &RoundView,
    person: &Person,
    application: ApplicationId,
    criteria: &BTreeMap<String, CriterionScoreDto>,
    arrived: Option<(u32, &str)>,
    now: DateTime<Utc>,
) -> Result<Option<SavedScoreDto>, ApiError> {
    view.check_score(person, application, &round::score_of(criteria), &[])?;
    let version = match arrived {
        Some((version, submitted_at)) => Version::Arrived { version, submitted_at },
        None => Version::Next,
    };
    let saved = store_score(conn, view, person.id, application, criteria, &version, now)?;
    if let Some(saved) = &saved {
        table::delete_draft(conn, &view.round.id, &application.to_string(), &person.id.to_string())?;
        let document = to_json(criteria)?;
        let detail = json!({ "round": view.round.id, "person": person.id.to_string(), "version": saved.version, "total": saved.total, "score_sha256": audit::sha256_hex(document.as_bytes()) });
        audit::record(conn, now, person.id, "review.score", &application.to_string(), &detail)?;
    }
    Ok(saved)
}

fn parse_date(text: &str) -> Result<NaiveDate, ApiError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| ApiError::new(ErrorCode::Validation, "Ange mötesdatumet som ÅÅÅÅ-MM-DD, till exempel 2026-11-26."))
}

/// The group's recommendation: recorded, and the application moved on — to föreslagen,
/// or back for komplettering.
pub(crate) fn recommend_in(
    conn: &Connection,
    view: &RoundView,
    actor: &Actor,
    args: &RecommendDto,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    session::require_office(actor, ONLY_OFFICE)?;
    let application = in_round(view, &args.application_id)?;
    let Some(kind) = RecommendationKind::from_code(&args.kind) else {
        return Err(ApiError::new(
            ErrorCode::Validation,
            "Välj rekommendation: tillstyrks, tillstyrks med villkor, avstyrks eller komplettering behövs.",
        ));
    };
    let meeting = parse_date(&args.meeting_date)?;
    let missing = missing_names(conn, view, application)?;
    core::check_recommendation(&RecommendationInput {
        kind,
        motivation: &args.motivation,
        conditions: &args.conditions,
        missing: &missing,
    })?;
    let mut app = applications::get(conn, application)?.ok_or_else(|| ApiError::not_found("Ansökan"))?.application;
    let reason = format!("Beredningsgruppen: {}. {}", kind.name_sv(), args.motivation.trim());
    match app.state {
        ApplicationState::Valued => {
            transition_in(
                conn,
                &mut app,
                actor,
                ApplicationState::InReview,
                "Överlämnad till beredningsgruppen.",
                now,
            )?;
            transition_in(conn, &mut app, actor, kind.leads_to(), &reason, now)?;
        }
        ApplicationState::InReview => transition_in(conn, &mut app, actor, kind.leads_to(), &reason, now)?,
        // A proposal not yet decided may be recommended again; the new version is what
        // the council reads.
        ApplicationState::Proposed if kind != RecommendationKind::Supplement => {}
        other => {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                format!("Ansökan är {} och kan inte få en ny rekommendation.", other.name_sv()),
            ));
        }
    }
    let advice = Advice { kind, motivation: &args.motivation, conditions: &args.conditions, meeting };
    record_recommendation(conn, &view.round.id, application, &advice, actor.person, now)
}

/// What the group advises, as the minutes record it.
pub(crate) struct Advice<'a> {
    pub kind: RecommendationKind,
    pub motivation: &'a str,
    pub conditions: &'a str,
    pub meeting: NaiveDate,
}

/// Stores a checked recommendation as a new version, and audits it.
pub(crate) fn record_recommendation(
    conn: &Connection,
    round: &str,
    application: ApplicationId,
    advice: &Advice<'_>,
    by: PersonId,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let rec = Recommendation {
        application: application.to_string(),
        version: 0,
        kind: advice.kind.code().to_owned(),
        motivation: advice.motivation.trim().to_owned(),
        conditions: advice.conditions.trim().to_owned(),
        meeting_date: advice.meeting.to_string(),
        recorded_by: by.to_string(),
        recorded_at: String::new(),
    };
    let version = table::add_recommendation(conn, round, &rec, now)?;
    let detail = json!({ "round": round, "version": version, "kind": rec.kind, "meeting_date": rec.meeting_date, "motivation": rec.motivation, "conditions": rec.conditions });
    audit::record(conn, now, by, "review.recommend", &rec.application, &detail)
}

/// The names of the members an application's review still waits for.
pub(crate) fn missing_names(
    conn: &Connection,
    view: &RoundView,
    application: ApplicationId,
) -> Result<Vec<String>, ApiError> {
    let submitted: Vec<PersonId> = table::latest_totals(conn, &view.round.id, &application.to_string())?
        .iter()
        .filter_map(|(p, _)| p.parse().ok())
        .collect();
    Ok(view.missing(application, &submitted).iter().map(|p| p.name.clone()).collect())
}

/// Refuses a proposal for an application whose review in its round is not complete;
/// an application without a round is not held back here.
pub(crate) fn require_complete(conn: &Connection, app: &portfolj_core::Application) -> Result<(), ApiError> {
    let Some(round) = table::rounds(conn)?
        .into_iter()
        .find(|r| i64::from(r.portfolio) == i64::from(app.portfolio.number()) && r.year == app.fiscal_year)
    else {
        return Ok(());
    };
    let view = RoundView::load(conn, round)?;
    let missing = missing_names(conn, &view, app.id)?;
    if missing.is_empty() {
        Ok(())
    } else {
        Err(ApiError::new(
            ErrorCode::Conflict,
            format!(
                "Beredningen är inte klar: {} har inte lämnat bedömning. Vänta in dem eller anteckna frånvaro med skäl.",
                missing.join(", ")
            ),
        ))
    }
}

fn my_item(
    conn: &Connection,
    view: &RoundView,
    me: &Person,
    listed: &portfolj_store::tables::application::Listed,
    frozen: &BTreeMap<String, String>,
    drafts: &BTreeMap<String, String>,
    scores: &BTreeMap<String, table::StoredScore>,
) -> Result<MyItemDto, ApiError> {
    let app = &listed.application;
    let id = app.id.to_string();
    let valuation = match frozen.get(&id) {
        Some(document) => Some(crate::dto::parse_document("Nyttovärderingen", document)?),
        None => valuation::approved_summary(conn, app.id)?,
    };
    let score = scores.get(&id);
    Ok(MyItemDto {
        application_id: id.clone(),
        title: app.title.clone(),
        unit_name: listed.unit_name.clone(),
        requested_amount: app.requested_amount.to_string(),
        purpose: app.purpose.clone(),
        valuation,
        jav: jav_dtos(view, me, app.id),
        score: score.map(|s| crate::dto::parse_document("Bedömningen", &s.score)).transpose()?,
        version: score.map(|s| s.version),
        total: score.map(|s| s.total.clone()),
        draft: drafts.get(&id).map(|d| crate::dto::parse_document("Utkastet", d)).transpose()?,
    })
}

impl Api {
    /// The office opens the round of a portfolio and year, with the programme's rubric.
    pub fn create_round(&self, args: &CreateRoundDto) -> Result<RoundDto, ApiError> {
        let (now, id) = (self.clock.now(), self.clock.new_id().to_string());
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            create_round_in(tx, &actor, args, id, now)
        })
    }

    pub fn rounds(&self) -> Result<Vec<RoundDto>, ApiError> {
        self.store().read(|tx| {
            session::actor(tx)?;
            table::rounds(tx)?.into_iter().map(|r| round_dto(tx, &RoundView::load(tx, r)?)).collect()
        })
    }

    pub fn round(&self, id: &str) -> Result<RoundDto, ApiError> {
        self.store().read(|tx| {
            session::actor(tx)?;
            round_dto(tx, &view_of(tx, id)?)
        })
    }

    /// The office closes a round: no more scores.
    pub fn close_round(&self, args: &CloseRoundDto) -> Result<RoundDto, ApiError> {
        let now = self.clock.now();
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            session::require_office(&actor, ONLY_OFFICE)?;
            let round = load_round(tx, &args.round_id)?;
            table::set_state(tx, &round.id, "closed")?;
            audit::record(tx, now, actor.person, "review.round.close", &round.id, &json!({}))?;
            round_dto(tx, &view_of(tx, &round.id)?)
        })
    }

    /// The office replaces the round's rubric, until the first score arrives.
    pub fn set_rubric(&self, args: &SetRubricDto) -> Result<RoundDto, ApiError> {
        let now = self.clock.now();
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            session::require_office(&actor, ONLY_OFFICE)?;
            let round = load_round(tx, &args.round_id)?;
            if table::has_scores(tx, &round.id)? {
                return Err(ApiError::new(
                    ErrorCode::Conflict,
                    "Bedömningsmallen är låst: den första bedömningen har kommit in. Alla ledamöter ska bedöma mot samma mall.",
                ));
            }
            let rubric = rubric_of(&args.rubric)?;
            let document = rubric_document(&rubric)?;
            table::put_rubric(tx, &round.id, &document, now)?;
            let detail = json!({ "rubric_sha256": audit::sha256_hex(document.as_bytes()) });
            audit::record(tx, now, actor.person, "review.rubric.set", &round.id, &detail)?;
            round_dto(tx, &view_of(tx, &round.id)?)
        })
    }

    /// The office appoints a reviewer to the round's group.
    pub fn add_member(&self, args: &AddMemberDto) -> Result<RoundDto, ApiError> {
        let now = self.clock.now();
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            add_member_in(tx, &actor, &args.round_id, &args.person_id, now)?;
            round_dto(tx, &view_of(tx, &args.round_id)?)
        })
    }

    /// The office gives a member every application of the round, or a subset within the
    /// member's cap.
    pub fn assign(&self, args: &AssignDto) -> Result<RoundDto, ApiError> {
        let now = self.clock.now();
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            session::require_office(&actor, ONLY_OFFICE)?;
            let view = view_of(tx, &args.round_id)?;
            let person = find_person(tx, &args.person_id)?;
            if !view.is_member(person.id) {
                return Err(ApiError::new(
                    ErrorCode::Validation,
                    format!("{} är inte ledamot i gruppen. Utse personen först.", person.name),
                ));
            }
            let chosen = match &args.application_ids {
                Some(ids) => {
                    ids.iter().map(|id| in_round(&view, id).map(|a| a.to_string())).collect::<Result<Vec<_>, _>>()?
                }
                None => Vec::new(),
            };
            let load = if args.application_ids.is_some() { chosen.len() } else { view.applications.len() };
            core::check_assignment(&person.name, load, args.cap)?;
            let member = table::Member {
                person: person.id.to_string(),
                assigns_all: args.application_ids.is_none(),
                cap: args.cap,
            };
            table::set_assignment(tx, &view.round.id, &member, &chosen)?;
            let detail =
                json!({ "person": member.person, "all": member.assigns_all, "applications": chosen, "cap": args.cap });
            audit::record(tx, now, actor.person, "review.assign", &view.round.id, &detail)?;
            round_dto(tx, &view_of(tx, &view.round.id)?)
        })
    }

    /// A member declares their own jäv, or the office records one for a member.
    pub fn declare_jav(&self, args: &DeclareJavDto) -> Result<RoundSummaryDto, ApiError> {
        let now = self.clock.now();
        self.store().write(|tx| {
            let me = session::acting_person(tx)?;
            let view = view_of(tx, &args.round_id)?;
            let person = match &args.person_id {
                Some(p) if Actor::of(&me).has(Role::Office) => find_person(tx, p)?,
                Some(p) if find_person(tx, p)?.id != me.id => {
                    return Err(ApiError::new(
                        ErrorCode::Forbidden,
                        "Bara projektkontoret antecknar jäv för någon annan.",
                    ));
                }
                _ => me.clone(),
            };
            let Some(kind) = JavKind::declared_from_code(&args.kind) else {
                return Err(ApiError::new(
                    ErrorCode::Validation,
                    "Välj slag av jäv: personlig relation, ekonomiskt intresse eller annat.",
                ));
            };
            if args.motivation.trim().is_empty() {
                return Err(ApiError::new(ErrorCode::Validation, "Beskriv jävet kort; det antecknas i protokollet."));
            }
            let application = in_round(&view, &args.application_id)?;
            let jav = DeclaredJav {
                application: application.to_string(),
                person: person.id.to_string(),
                kind: kind.code().to_owned(),
                motivation: args.motivation.trim().to_owned(),
            };
            record_jav(tx, &view.round.id, &jav, &me, now)?;
            summary(tx, &view_of(tx, &view.round.id)?, &me)
        })
    }

    /// The office marks an assigned member absent for an application, with a reason.
    pub fn mark_absent(&self, args: &MarkAbsentDto) -> Result<RoundSummaryDto, ApiError> {
        let now = self.clock.now();
        self.store().write(|tx| {
            let me = session::acting_person(tx)?;
            session::require_office(&Actor::of(&me), ONLY_OFFICE)?;
            let view = view_of(tx, &args.round_id)?;
            let application = in_round(&view, &args.application_id)?;
            let person = find_person(tx, &args.person_id)?;
            if !view.assigned(person.id, application) {
                return Err(ApiError::new(
                    ErrorCode::Validation,
                    format!("{} är inte tilldelad ansökan och kan inte antecknas som frånvarande.", person.name),
                ));
            }
            if args.reason.trim().is_empty() {
                return Err(ApiError::new(
                    ErrorCode::Validation,
                    "Ange skälet till frånvaron; det skrivs i protokollet.",
                ));
            }
            let absence = Absence {
                application: application.to_string(),
                person: person.id.to_string(),
                reason: args.reason.trim().to_owned(),
            };
            table::set_absence(tx, &view.round.id, &absence, &me.id.to_string(), now)?;
            let detail = json!({ "round": view.round.id, "person": absence.person, "reason": absence.reason });
            audit::record(tx, now, me.id, "review.absent", &absence.application, &detail)?;
            summary(tx, &view_of(tx, &view.round.id)?, &me)
        })
    }

    /// A member scores an application of the round: refused when jävig, not a member,
    /// not assigned, closed, or when the score breaks the rubric. A new score is a new
    /// version; earlier ones are kept.
    pub fn save_score(&self, args: &SaveScoreDto) -> Result<SavedScoreDto, ApiError> {
        let now = self.clock.now();
        self.store().write(|tx| {
            let me = session::acting_person(tx)?;
            let view = view_of(tx, &args.round_id)?;
            let application = in_round(&view, &args.application_id)?;
            score_in(tx, &view, &me, application, &args.criteria, None, now)?
                .ok_or_else(|| ApiError::new(ErrorCode::Internal, "Bedömningen sparades inte."))
        })
    }

    /// Autosaves a member's unfinished score on their own laptop; only the member's
    /// assigned applications, and never when jävig.
    pub fn save_draft(&self, args: &SaveDraftDto) -> Result<(), ApiError> {
        let now = self.clock.now();
        self.store().write(|tx| {
            let me = session::acting_person(tx)?;
            let view = view_of(tx, &args.round_id)?;
            let application = in_round(&view, &args.application_id)?;
            if !view.assigned(me.id, application) || !view.jav_of(&me, application, &[]).is_empty() {
                return Err(ApiError::new(
                    ErrorCode::Forbidden,
                    "Du kan inte bedöma den här ansökan: den är inte tilldelad dig eller du är jävig.",
                ));
            }
            let document = to_json(&args.criteria)?;
            table::put_draft(tx, &view.round.id, &application.to_string(), &me.id.to_string(), &document, now)?;
            Ok(())
        })
    }

    /// What the acting member scores in a round, with their scores and drafts.
    pub fn my_review(&self, round_id: &str) -> Result<MyReviewDto, ApiError> {
        self.store().read(|tx| {
            let me = session::acting_person(tx)?;
            let view = view_of(tx, round_id)?;
            let frozen: BTreeMap<String, String> = table::frozen(tx, &view.round.id)?.into_iter().collect();
            let drafts: BTreeMap<String, String> =
                table::drafts(tx, &view.round.id, &me.id.to_string())?.into_iter().collect();
            let mine = me.id.to_string();
            let scores: BTreeMap<String, table::StoredScore> = table::latest_scores(tx, &view.round.id)?
                .into_iter()
                .filter(|s| s.person == mine)
                .map(|s| (s.application.clone(), s))
                .collect();
            let items = view
                .applications
                .iter()
                .filter(|l| view.assigned(me.id, l.application.id))
                .map(|l| my_item(tx, &view, &me, l, &frozen, &drafts, &scores))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(MyReviewDto { round: round_dto(tx, &view)?, items })
        })
    }

    pub fn round_summary(&self, round_id: &str) -> Result<RoundSummaryDto, ApiError> {
        self.store().read(|tx| {
            let me = session::acting_person(tx)?;
            summary(tx, &view_of(tx, round_id)?, &me)
        })
    }

    /// Every version of every member's score of one application — hidden, like the
    /// summary, from a jävig viewer until the group has recommended.
    pub fn score_history(&self, args: &ScoreHistoryArgsDto) -> Result<Vec<ScoreVersionDto>, ApiError> {
        self.store().read(|tx| {
            let me = session::acting_person(tx)?;
            let view = view_of(tx, &args.round_id)?;
            let application = in_round(&view, &args.application_id)?;
            if view.hidden_for(&me, application) {
                return Err(ApiError::new(
                    ErrorCode::Forbidden,
                    "Du är jävig för ansökan och ser inte gruppens bedömningar förrän rekommendationen är antecknad.",
                ));
            }
            let names = people_names(tx)?;
            let id = application.to_string();
            table::score_history(tx, &view.round.id)?
                .into_iter()
                .filter(|(s, _)| s.application == id)
                .map(|(s, at)| {
                    Ok(ScoreVersionDto {
                        person_name: names.get(&s.person).cloned().unwrap_or_default(),
                        person_id: s.person,
                        version: s.version,
                        total: s.total,
                        submitted_at: at,
                        criteria: crate::dto::parse_document("Bedömningen", &s.score)?,
                    })
                })
                .collect()
        })
    }

    /// The group's recommendation for an application (recorded by the office).
    pub fn recommend(&self, args: &RecommendDto) -> Result<RoundSummaryDto, ApiError> {
        let now = self.clock.now();
        self.store().write(|tx| {
            let me = session::acting_person(tx)?;
            let view = view_of(tx, &args.round_id)?;
            recommend_in(tx, &view, &Actor::of(&me), args, now)?;
            summary(tx, &view_of(tx, &view.round.id)?, &me)
        })
    }

    /// Every round at a glance, read from the aggregates maintained on each score.
    pub fn review_overview(&self) -> Result<Vec<RoundOverviewDto>, ApiError> {
        self.store().read(|tx| {
            session::actor(tx)?;
            let tallies: BTreeMap<String, table::RoundTally> =
                table::round_tallies(tx)?.into_iter().map(|t| (t.round.clone(), t)).collect();
            let count = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
            Ok(table::rounds(tx)?
                .into_iter()
                .map(|r| {
                    let t = tallies.get(&r.id);
                    RoundOverviewDto {
                        applications_scored: t.map_or(0, |t| count(t.scored)),
                        scores: t.map_or(0, |t| count(t.scores)),
                        criterion_levels: t.map_or(0, |t| count(t.criteria)),
                        disagreements: t.map_or(0, |t| count(t.disagreements)),
                        round_id: r.id,
                        portfolio: r.portfolio,
                        year: r.year,
                        state: r.state,
                    }
                })
                .collect())
        })
    }
}

pub(crate) fn create_round_in(
    conn: &Connection,
    actor: &Actor,
    args: &CreateRoundDto,
    id: String,
    now: DateTime<Utc>,
) -> Result<RoundDto, ApiError> {
    session::require_office(actor, ONLY_OFFICE)?;
    if Portfolio::from_number(i64::from(args.portfolio)).is_none() {
        return Err(ApiError::new(ErrorCode::Validation, "Välj en portfölj 1–5."));
    }
    let round =
        Round { id, portfolio: args.portfolio, year: args.year, rubric: "round".to_owned(), state: "open".to_owned() };
    if !table::insert_round(conn, &round, now)? {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            format!("Portfölj {} har redan en beredningsomgång {}.", args.portfolio, args.year),
        ));
    }
    let document = rubric_document(&Rubric::programme_default())?;
    table::put_rubric(conn, &round.id, &document, now)?;
    audit::record(
        conn,
        now,
        actor.person,
        "review.round.create",
        &round.id,
        &json!({ "portfolio": round.portfolio, "year": round.year, "rubric_sha256": audit::sha256_hex(document.as_bytes()) }),
    )?;
    round_dto(conn, &RoundView::load(conn, round)?)
}

pub(crate) fn add_member_in(
    conn: &Connection,
    actor: &Actor,
    round_id: &str,
    person: &str,
    now: DateTime<Utc>,
) -> Result<Person, ApiError> {
    session::require_office(actor, ONLY_OFFICE)?;
    let round = load_round(conn, round_id)?;
    let person = find_person(conn, person)?;
    if !person.roles.contains(&Role::Reviewer) {
        return Err(ApiError::new(
            ErrorCode::Validation,
            format!("{} har inte rollen ledamot i beredningsgrupp. Ge personen rollen först.", person.name),
        ));
    }
    table::add_member(conn, &round.id, &person.id.to_string())?;
    audit::record(
        conn,
        now,
        actor.person,
        "review.member.add",
        &round.id,
        &json!({ "person": person.id.to_string() }),
    )?;
    Ok(person)
}
