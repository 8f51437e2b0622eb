//! What the group and the projektkontor see of a round: per application the core's
//! statistics, ranks and completeness, the matrix of members' totals, calibration — and
//! for a jävig viewer none of the scores of that application.

use std::collections::BTreeMap;

use portfolj_core::review::{self as core, MemberTotal};
use portfolj_core::{ApplicationId, Person, PersonId};
use portfolj_store::Connection;
use portfolj_store::tables::review::{self as table, Recommendation};
use rust_decimal::Decimal;

use super::round::{DISAGREEMENT, RoundView};
use crate::ApiError;
use crate::dto::{
    AbsenceDto, CalibrationDto, CellDto, JavDto, RecommendationDto, RoundDto, RoundMemberDto, RoundSummaryDto,
    RubricDto, SummaryRowDto,
};
use crate::usecases::session;

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn text(d: Decimal) -> String {
    d.round_dp(2).to_string()
}

pub(super) fn round_dto(conn: &Connection, view: &RoundView) -> Result<RoundDto, ApiError> {
    // Of each member's assigned applications, those they have scored.
    let mut scored: BTreeMap<String, usize> = BTreeMap::new();
    for s in table::latest_scores(conn, &view.round.id)? {
        let assigned = match (s.person.parse(), s.application.parse()) {
            (Ok(person), Ok(application)) => view.assigned(person, application),
            _ => false,
        };
        if assigned {
            *scored.entry(s.person).or_default() += 1;
        }
    }
    let members = view
        .members
        .iter()
        .map(|p| {
            let row = view.member_row(p.id);
            Ok(RoundMemberDto {
                person: session::person_dto(conn, p)?,
                assigns_all: row.is_none_or(|m| m.assigns_all),
                cap: row.and_then(|m| m.cap),
                load: count(view.load_of(p.id)),
                scored: count(scored.get(&p.id.to_string()).copied().unwrap_or(0)),
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(RoundDto {
        id: view.round.id.clone(),
        portfolio: view.round.portfolio,
        year: view.round.year,
        state: view.round.state.clone(),
        members,
        applications: count(view.applications.len()),
        rubric: RubricDto::from(&view.rubric),
        rubric_locked: table::has_scores(conn, &view.round.id)?,
    })
}

pub(super) fn recommendation_dto(r: &Recommendation, names: &BTreeMap<String, String>) -> RecommendationDto {
    let kind = core::RecommendationKind::from_code(&r.kind);
    RecommendationDto {
        version: r.version,
        kind: r.kind.clone(),
        kind_sv: kind.map(|k| k.name_sv().to_owned()).unwrap_or_default(),
        motivation: r.motivation.clone(),
        conditions: r.conditions.clone(),
        meeting_date: r.meeting_date.clone(),
        recorded_by: names.get(&r.recorded_by).cloned().unwrap_or_else(|| r.recorded_by.clone()),
        recorded_at: r.recorded_at.clone(),
    }
}

pub(super) fn jav_dtos(view: &RoundView, person: &Person, application: ApplicationId) -> Vec<JavDto> {
    view.jav_of(person, application, &[])
        .into_iter()
        .map(|j| JavDto {
            person_id: person.id.to_string(),
            person_name: person.name.clone(),
            kind: j.kind.code().to_owned(),
            kind_sv: j.kind.name_sv().to_owned(),
            motivation: j.motivation,
        })
        .collect()
}

pub(super) fn people_names(conn: &Connection) -> Result<BTreeMap<String, String>, ApiError> {
    Ok(portfolj_store::tables::org::people(conn)?.into_iter().map(|p| (p.id.to_string(), p.name)).collect())
}

pub(crate) fn summary(conn: &Connection, view: &RoundView, viewer: &Person) -> Result<RoundSummaryDto, ApiError> {
    let names = people_names(conn)?;
    let all: Vec<MemberTotal> = table::latest_scores(conn, &view.round.id)?
        .iter()
        .filter_map(|s| {
            Some(MemberTotal {
                member: s.person.parse().ok()?,
                application: s.application.parse().ok()?,
                total: s.total.parse().ok()?,
            })
        })
        .collect();
    let hidden: Vec<ApplicationId> =
        view.applications.iter().map(|l| l.application.id).filter(|id| view.hidden_for(viewer, *id)).collect();
    // Ranks and leniencies are taken over what the viewer may see, so a hidden
    // application's scores cannot be read back out of them.
    let visible: Vec<MemberTotal> = all
        .iter()
        .filter(|t| !hidden.contains(&t.application) && view.application(t.application).is_some())
        .copied()
        .collect();
    let calibration = core::calibrate(&visible);
    let robustness = core::rank_robustness(&visible);
    let position =
        |ranking: &[ApplicationId], id: ApplicationId| ranking.iter().position(|x| *x == id).map(|i| count(i + 1));
    let mut rows = Vec::new();
    for listed in &view.applications {
        let app = &listed.application;
        let is_hidden = hidden.contains(&app.id);
        let totals: Vec<MemberTotal> = all.iter().filter(|t| t.application == app.id).copied().collect();
        let submitted: Vec<PersonId> = totals.iter().map(|t| t.member).collect();
        let missing = view.missing(app.id, &submitted);
        let summarised = core::summarise(&totals, DISAGREEMENT).into_iter().next().filter(|_| !is_hidden);
        let stat = |pick: fn(&core::Stats) -> Decimal| summarised.map(|s| text(pick(&s.stats)));
        let cells = view
            .members
            .iter()
            .map(|m| {
                let total = totals.iter().find(|t| t.member == m.id).map(|t| t.total);
                let state = if !view.jav_of(m, app.id, &[]).is_empty() {
                    "jav"
                } else if is_hidden {
                    "hidden"
                } else if total.is_some() {
                    "scored"
                } else if view.absence(m.id, app.id).is_some() {
                    "absent"
                } else if view.assigned(m.id, app.id) {
                    "missing"
                } else {
                    "not_assigned"
                };
                CellDto {
                    person_id: m.id.to_string(),
                    state: state.to_owned(),
                    total: total.filter(|_| state == "scored").map(text),
                }
            })
            .collect();
        rows.push(SummaryRowDto {
            application_id: app.id.to_string(),
            title: app.title.clone(),
            state: app.state.into(),
            hidden: is_hidden,
            scores: if is_hidden { 0 } else { count(totals.len()) },
            mean: stat(|s| s.mean),
            median: stat(|s| s.median),
            min: stat(|s| s.min),
            max: stat(|s| s.max),
            spread: stat(|s| s.spread),
            std_dev: stat(|s| s.std_dev),
            disagreement: summarised.is_some_and(|s| s.disagreement),
            normalised_mean: calibration.normalised.get(&app.id).map(|d| text(*d)),
            raw_rank: position(&calibration.raw_rank, app.id),
            normalised_rank: position(&calibration.normalised_rank, app.id),
            rank_move: robustness.get(&app.id).map(|m| count(*m)),
            complete: missing.is_empty(),
            missing: missing.iter().map(|m| m.name.clone()).collect(),
            jav: view.members.iter().flat_map(|m| jav_dtos(view, m, app.id)).collect(),
            absent: view
                .members
                .iter()
                .filter_map(|m| {
                    view.absence(m.id, app.id).map(|a| AbsenceDto {
                        person_id: m.id.to_string(),
                        person_name: m.name.clone(),
                        reason: a.reason.clone(),
                    })
                })
                .collect(),
            cells,
            recommendation: view.recommendation(app.id).map(|r| recommendation_dto(r, &names)),
        });
    }
    let calibration = view
        .members
        .iter()
        .filter_map(|m| {
            calibration.leniency.get(&m.id).map(|l| CalibrationDto {
                person_id: m.id.to_string(),
                name: m.name.clone(),
                leniency: text(*l),
                scores: count(visible.iter().filter(|t| t.member == m.id).count()),
            })
        })
        .collect();
    Ok(RoundSummaryDto {
        round: round_dto(conn, view)?,
        disagreement_threshold: DISAGREEMENT.to_string(),
        rows,
        calibration,
    })
}
