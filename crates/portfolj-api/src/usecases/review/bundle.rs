//! Beredning between laptops. The office sends a member their round (rubric, group, their
//! assignment and declared jäv, the valuation summaries frozen for them) with the
//! applications; the member sends back every version of their own scores and the jäv
//! they declared. Scores arriving at the office pass exactly the checks of a score made
//! there: one jävig, unassigned or malformed score refuses the whole bundle.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use portfolj_core::{ApplicationId, Person};
use portfolj_store::Connection;
use portfolj_store::tables::org;
use portfolj_store::tables::review::{self as table, DeclaredJav, Round};
use portfolj_sync::{Certificate, Operation};
use serde::{Deserialize, Serialize};

use super::round::{RoundView, load_round, rubric_document, rubric_of};
use super::{record_jav, score_in};
use crate::dto::{CriterionScoreDto, RubricDto, ValuationSummaryDto};
use crate::usecases::valuation;
use crate::{ApiError, ErrorCode};

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct JavDocument {
    round_id: String,
    application_id: String,
    kind: String,
    motivation: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RoundDocument {
    id: String,
    portfolio: u8,
    year: i32,
    state: String,
    rubric: RubricDto,
    /// Person ids of the whole group.
    members: Vec<String>,
    /// The member the round is sent to, and what they review.
    recipient: String,
    assigns_all: bool,
    applications: Vec<String>,
    cap: Option<u32>,
    jav: Vec<JavDocument>,
    valuations: BTreeMap<String, ValuationSummaryDto>,
    /// The member's own earlier scores (never anyone else's), so the laptop numbers new
    /// versions after them.
    own_scores: Vec<ScoreDocument>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScoreDocument {
    round_id: String,
    application_id: String,
    version: u32,
    submitted_at: String,
    criteria: BTreeMap<String, CriterionScoreDto>,
}

fn bad(what: &str) -> ApiError {
    ApiError::new(
        ErrorCode::Bundle("bundle_bad_reference"),
        format!("Beredningsuppgifterna i paketet är felaktiga ({what}). Be avsändaren exportera paketet på nytt."),
    )
}

fn value(document: &impl Serialize) -> Result<serde_json::Value, ApiError> {
    serde_json::to_value(document).map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))
}

fn read<T: for<'de> Deserialize<'de>>(value: &serde_json::Value) -> Result<T, ApiError> {
    T::deserialize(value).map_err(|e| bad(&e.to_string()))
}

/// The round as sent to `member`, and the ids of the applications that go with it.
pub(crate) fn reviewer_operations(
    conn: &Connection,
    view: &RoundView,
    member: &Person,
) -> Result<(Operation, Vec<ApplicationId>), ApiError> {
    let row = view.member_row(member.id).ok_or_else(|| {
        ApiError::new(ErrorCode::Validation, format!("{} är inte ledamot i gruppen. Utse personen först.", member.name))
    })?;
    let assigned: Vec<ApplicationId> =
        view.applications.iter().map(|l| l.application.id).filter(|id| view.assigned(member.id, *id)).collect();
    let mine = member.id.to_string();
    let mut valuations = BTreeMap::new();
    for id in &assigned {
        if let Some(summary) = valuation::approved_summary(conn, *id)? {
            valuations.insert(id.to_string(), summary);
        }
    }
    let document = RoundDocument {
        id: view.round.id.clone(),
        portfolio: view.round.portfolio,
        year: view.round.year,
        state: view.round.state.clone(),
        rubric: RubricDto::from(&view.rubric),
        members: view.members.iter().map(|m| m.id.to_string()).collect(),
        recipient: mine.clone(),
        assigns_all: row.assigns_all,
        applications: assigned.iter().map(ToString::to_string).collect(),
        cap: row.cap,
        jav: table::declared_jav(conn, &view.round.id)?
            .into_iter()
            .filter(|j| j.person == mine)
            .map(|j| JavDocument {
                round_id: view.round.id.clone(),
                application_id: j.application,
                kind: j.kind,
                motivation: j.motivation,
            })
            .collect(),
        valuations,
        own_scores: own_scores(conn, &view.round.id, &mine)?,
    };
    Ok((Operation::ReviewRound { round: value(&document)? }, assigned))
}

/// Every version of one person's scores in a round.
fn own_scores(conn: &Connection, round: &str, person: &str) -> Result<Vec<ScoreDocument>, ApiError> {
    table::score_history(conn, round)?
        .into_iter()
        .filter(|(s, _)| s.person == person)
        .map(|(score, submitted_at)| {
            Ok(ScoreDocument {
                round_id: round.to_owned(),
                application_id: score.application,
                version: score.version,
                submitted_at,
                criteria: crate::dto::parse_document("Bedömningen", &score.score)?,
            })
        })
        .collect()
}

/// Every version of the member's scores in the round, and the jäv they declared.
pub(crate) fn scores_operations(conn: &Connection, round: &Round, me: &Person) -> Result<Vec<Operation>, ApiError> {
    let mine = me.id.to_string();
    let mut operations = Vec::new();
    for j in table::declared_jav(conn, &round.id)?.into_iter().filter(|j| j.person == mine) {
        let jav = JavDocument {
            round_id: round.id.clone(),
            application_id: j.application,
            kind: j.kind,
            motivation: j.motivation,
        };
        operations.push(Operation::Jav { person_id: mine.clone(), jav: value(&jav)? });
    }
    for document in own_scores(conn, &round.id, &mine)? {
        operations.push(Operation::Score { person_id: mine.clone(), score: value(&document)? });
    }
    Ok(operations)
}

/// The review documents of a bundle, read and — for scores — checked against this
/// laptop, changing nothing.
#[derive(Debug, Default)]
pub(crate) struct IncomingReview {
    rounds: Vec<RoundDocument>,
    jav: Vec<(String, DeclaredJav)>,
    scores: Vec<(String, ScoreDocument)>,
}

impl IncomingReview {
    pub fn is_empty(&self) -> bool {
        self.rounds.is_empty() && self.jav.is_empty() && self.scores.is_empty()
    }
}

pub(crate) fn sender(conn: &Connection, person_id: &str) -> Result<Person, ApiError> {
    org::people(conn)?.into_iter().find(|p| p.id.to_string() == person_id).ok_or_else(|| {
        ApiError::new(
            ErrorCode::Bundle("bundle_not_allowed"),
            "Avsändaren finns inte bland programmets personer här. Hela paketet avvisas.",
        )
    })
}

/// Why a score in a bundle is refused, naming whose score of what.
fn refused(person: &Person, title: &str, reason: &ApiError) -> ApiError {
    ApiError::new(
        ErrorCode::Bundle("bundle_score_refused"),
        format!(
            "Paketet innehåller en bedömning av \"{title}\" från {} som inte tas emot: {} Hela paketet avvisas; inget har ändrats.",
            person.name, reason.message
        ),
    )
}

/// Reads the bundle's review operations; scores are checked as if made here (with the
/// jäv declared in the same bundle), so a refused bundle is refused before anything moves.
pub(crate) fn incoming(
    conn: &Connection,
    operations: &[Operation],
    certificate: &Certificate,
) -> Result<IncomingReview, ApiError> {
    let mut found = IncomingReview::default();
    for op in operations {
        match op {
            Operation::ReviewRound { round } => {
                let document: RoundDocument = read(round)?;
                rubric_of(&document.rubric)?;
                found.rounds.push(document);
            }
            Operation::Jav { person_id, jav } => {
                let d: JavDocument = read(jav)?;
                if portfolj_core::review::JavKind::declared_from_code(&d.kind).is_none()
                    || d.motivation.trim().is_empty()
                {
                    return Err(bad("jäv"));
                }
                let declared = DeclaredJav {
                    application: d.application_id,
                    person: person_id.clone(),
                    kind: d.kind,
                    motivation: d.motivation.trim().to_owned(),
                };
                found.jav.push((d.round_id, declared));
            }
            Operation::Score { person_id, score } => found.scores.push((person_id.clone(), read(score)?)),
            _ => {}
        }
    }
    check_scores(conn, &found, certificate)?;
    Ok(found)
}

fn check_scores(conn: &Connection, found: &IncomingReview, certificate: &Certificate) -> Result<(), ApiError> {
    let mut views: BTreeMap<String, RoundView> = BTreeMap::new();
    for (person_id, score) in &found.scores {
        if !views.contains_key(&score.round_id) {
            let round =
                load_round(conn, &score.round_id).map_err(|_| bad("bedömning för en omgång som inte finns här"))?;
            views.insert(score.round_id.clone(), RoundView::load(conn, round)?);
        }
        let Some(view) = views.get(&score.round_id) else { continue };
        let person = sender(conn, person_id)?;
        let application: ApplicationId = score.application_id.parse().map_err(|_| bad("ansökans id"))?;
        let title = view.application(application).map_or(score.application_id.clone(), |l| l.application.title.clone());
        // The group is bound to the certificates: a member's key speaks for the groups
        // the office named in the certificate.
        if !certificate.review_groups.contains(&view.round.portfolio) {
            let reason = ApiError::new(
                ErrorCode::Forbidden,
                format!("intyget för datorn gäller inte beredningsgruppen för portfölj {}.", view.round.portfolio),
            );
            return Err(refused(&person, &title, &reason));
        }
        let extra: Vec<DeclaredJav> =
            found.jav.iter().filter(|(r, _)| *r == score.round_id).map(|(_, j)| j.clone()).collect();
        view.check_score(&person, application, &super::round::score_of(&score.criteria), &extra)
            .map_err(|e| refused(&person, &title, &e))?;
    }
    Ok(())
}

/// Applies what [`incoming`] read, in the import's transaction: rounds (on a member's
/// laptop), then jäv, then scores — each score checked once more as it is stored.
pub(crate) fn apply_incoming(conn: &Connection, found: &IncomingReview, now: DateTime<Utc>) -> Result<(), ApiError> {
    for document in &found.rounds {
        apply_round(conn, document, now)?;
    }
    for (round_id, jav) in &found.jav {
        load_round(conn, round_id).map_err(|_| bad("jäv för en omgång som inte finns här"))?;
        let by = sender(conn, &jav.person)?;
        record_jav(conn, round_id, jav, &by, now)?;
    }
    let mut views: BTreeMap<String, RoundView> = BTreeMap::new();
    for (person_id, score) in &found.scores {
        if !views.contains_key(&score.round_id) {
            views.insert(score.round_id.clone(), RoundView::load(conn, load_round(conn, &score.round_id)?)?);
        }
        let Some(view) = views.get(&score.round_id) else { continue };
        let person = sender(conn, person_id)?;
        let application: ApplicationId = score.application_id.parse().map_err(|_| bad("ansökans id"))?;
        let title = view.application(application).map_or(score.application_id.clone(), |l| l.application.title.clone());
        score_in(conn, view, &person, application, &score.criteria, Some((score.version, &score.submitted_at)), now)
            .map_err(|e| if matches!(e.code, ErrorCode::Bundle(_)) { e } else { refused(&person, &title, &e) })?;
    }
    Ok(())
}

/// The round on the member's laptop, as the office last sent it.
fn apply_round(conn: &Connection, d: &RoundDocument, now: DateTime<Utc>) -> Result<(), ApiError> {
    let round = Round {
        id: d.id.clone(),
        portfolio: d.portfolio,
        year: d.year,
        rubric: "round".to_owned(),
        state: d.state.clone(),
    };
    table::insert_round(conn, &round, now)?;
    if load_round(conn, &d.id).is_err() {
        return Err(bad("en annan omgång för samma portfölj och år finns redan här"));
    }
    table::set_state(conn, &d.id, &d.state)?;
    let rubric = rubric_of(&d.rubric)?;
    if !table::has_scores(conn, &d.id)? {
        table::put_rubric(conn, &d.id, &rubric_document(&rubric)?, now)?;
    }
    for member in &d.members {
        table::add_member(conn, &d.id, member)?;
    }
    let row = table::Member { person: d.recipient.clone(), assigns_all: d.assigns_all, cap: d.cap };
    table::set_assignment(conn, &d.id, &row, if d.assigns_all { &[] } else { &d.applications })?;
    for j in &d.jav {
        let jav = DeclaredJav {
            application: j.application_id.clone(),
            person: d.recipient.clone(),
            kind: j.kind.clone(),
            motivation: j.motivation.clone(),
        };
        table::declare_jav(conn, &d.id, &jav, &d.recipient, now)?;
    }
    for score in &d.own_scores {
        let criteria = super::round::score_of(&score.criteria);
        let row = table::StoredScore {
            application: score.application_id.clone(),
            person: d.recipient.clone(),
            version: score.version,
            score: serde_json::to_string(&score.criteria)
                .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?,
            total: criteria.weighted_total(&rubric).unwrap_or_default().to_string(),
        };
        // Already held (the same version) or newer here: the laptop's own record stands.
        table::put_score_version(conn, &d.id, &row, &score.submitted_at)?;
    }
    for (application, summary) in &d.valuations {
        let document = serde_json::to_string(summary).map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
        table::put_frozen(conn, &d.id, application, &document)?;
    }
    Ok(())
}
