//! The demo's beredning: a round per portfolio and year with its group, every member's
//! scores (some revised, so versions show), jäv found and declared, an absence, and the
//! group's recommendations — all through the same rules as a real round. Rounds before
//! the last two years are closed; the open rounds still miss a few scores.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use portfolj_core::review::{RecommendationInput, RecommendationKind, check_recommendation};
use portfolj_core::{ApplicationState, Person, Portfolio};
use portfolj_store::Connection;
use portfolj_store::tables::review::{self as table, Absence, DeclaredJav};
use rand::Rng;

use super::{Cast, Generator, at};
use crate::ApiError;
use crate::dto::{CreateRoundDto, CriterionScoreDto};
use crate::usecases::review::{
    Advice, RoundView, add_member_in, create_round_in, missing_names, record_jav, record_recommendation, score_in,
};

/// What a member writes beside a level, from weakest to strongest.
const COMMENTS: [&str; 5] = [
    "Underlaget räcker inte för en bedömning.",
    "Svagt underbyggt; flera antaganden saknar stöd.",
    "Rimligt underbyggt, men med luckor.",
    "Väl underbyggt och tydligt beskrivet.",
    "Mycket väl underbyggt och förankrat.",
];

/// Open rounds: the last two years of the programme.
const OPEN_FROM: i32 = 2017;

fn group_of(cast: &Cast, portfolio: Portfolio) -> Vec<&Person> {
    let all = &cast.reviewers;
    let index = usize::from(portfolio.number() - 1);
    if all.len() >= 5 * cast.group_size {
        all[index * cast.group_size..(index + 1) * cast.group_size].iter().collect()
    } else {
        // The small demo's ten reviewers sit in overlapping groups.
        (0..cast.group_size).map(|k| &all[(2 * index + k) % all.len()]).collect()
    }
}

fn criteria(g: &mut Generator, view: &RoundView, quality: i32, leniency: i32) -> BTreeMap<String, CriterionScoreDto> {
    let (lo, hi) = (i32::from(view.rubric.scale_min), i32::from(view.rubric.scale_max));
    view.rubric
        .criteria
        .iter()
        .map(|c| {
            let level = (quality + leniency + g.rng.random_range(-1..=1)).clamp(lo, hi);
            let level = u8::try_from(level).unwrap_or(view.rubric.scale_min);
            let comment = COMMENTS[usize::from(level.saturating_sub(1)).min(4)].to_owned();
            (c.key.clone(), CriterionScoreDto { level, comment })
        })
        .collect()
}

/// The group's advice for an application that has moved past beredning.
fn advice(state: ApplicationState) -> Option<(RecommendationKind, &'static str, &'static str)> {
    use ApplicationState::*;
    match state {
        Proposed | Granted | Running | Closed | FollowedUp => {
            Some((RecommendationKind::Support, "Stor nytta för staden i förhållande till kostnaden.", ""))
        }
        ReferredBack => Some((
            RecommendationKind::SupportWithConditions,
            "Nyttan är tydlig men förvaltningen är inte säkrad.",
            "Systemägaren ska godkänna driftkostnaden före start.",
        )),
        Rejected => Some((RecommendationKind::Oppose, "Nyttan motiverar inte kostnaden inom årets ram.", "")),
        _ => None,
    }
}

pub(super) fn rounds(tx: &Connection, g: &mut Generator, cast: &Cast, years: &[i32]) -> Result<(), ApiError> {
    for &year in years {
        for portfolio in Portfolio::ALL {
            round(tx, g, cast, portfolio, year)?;
            tracing::info!(year, portfolio = portfolio.number(), "demo review round written");
        }
    }
    Ok(())
}

fn round(tx: &Connection, g: &mut Generator, cast: &Cast, portfolio: Portfolio, year: i32) -> Result<(), ApiError> {
    let mut now: DateTime<Utc> = at(year - 1, 11, 1);
    let args = CreateRoundDto { portfolio: portfolio.number(), year };
    let id = g.id(now).to_string();
    let created = create_round_in(tx, &cast.office, &args, id, now)?;
    let group = group_of(cast, portfolio);
    for member in &group {
        add_member_in(tx, &cast.office, &created.id, &member.id.to_string(), now)?;
    }
    let open = year >= OPEN_FROM;
    let mut view = RoundView::load(tx, table::round(tx, &created.id)?.ok_or_else(|| ApiError::not_found("Omgången"))?)?;
    let leniency: Vec<i32> = group.iter().map(|_| g.rng.random_range(-1..=1)).collect();
    let ids: Vec<_> = view.applications.iter().map(|l| (l.application.id, l.application.state)).collect();
    for (n, (application, state)) in ids.iter().enumerate() {
        let undecided = matches!(state, ApplicationState::Valued | ApplicationState::InReview);
        let quality = g.rng.random_range(2..=4);
        if open && n == 0 {
            // The first member knows the applicant personally and says so.
            let jav = DeclaredJav {
                application: application.to_string(),
                person: group[0].id.to_string(),
                kind: "personal_relation".to_owned(),
                motivation: "Sökandens projektledare är min make.".to_owned(),
            };
            record_jav(tx, &created.id, &jav, group[0], now)?;
            view = RoundView::load(tx, view.round)?;
        }
        for (m, member) in group.iter().enumerate() {
            if !view.jav_of(member, *application, &[]).is_empty() {
                continue;
            }
            now += Duration::minutes(7);
            // In the open rounds the last member has not got to every application yet,
            // and once was away from the meeting.
            if open && undecided && m == group.len() - 1 && n % 3 == 1 {
                if n % 9 == 1 {
                    let absence = Absence {
                        application: application.to_string(),
                        person: member.id.to_string(),
                        reason: "Föräldraledig under beredningsperioden.".to_owned(),
                    };
                    table::set_absence(tx, &created.id, &absence, &cast.office_person.id.to_string(), now)?;
                    // Kept in step by hand: reloading the whole round per absence would make
                    // a national round's generation quadratic.
                    view.absences.push(absence);
                }
                continue;
            }
            let first = criteria(g, &view, quality, leniency[m]);
            score_in(tx, &view, member, *application, &first, None, now)?;
            if g.rng.random_range(0..4) == 0 {
                // Revised after the group's discussion: a second version, the first kept.
                let revised = criteria(g, &view, quality, 0);
                score_in(tx, &view, member, *application, &revised, None, now + Duration::days(14))?;
            }
        }
    }
    recommend(tx, cast, &view, at(year - 1, 12, 10))?;
    if !open {
        table::set_state(tx, &created.id, "closed")?;
    }
    Ok(())
}

/// The recommendations the group gave the applications that have since gone on.
fn recommend(tx: &Connection, cast: &Cast, view: &RoundView, now: DateTime<Utc>) -> Result<(), ApiError> {
    let view = RoundView::load(tx, view.round.clone())?;
    for listed in &view.applications {
        let Some((kind, motivation, conditions)) = advice(listed.application.state) else { continue };
        let missing = missing_names(tx, &view, listed.application.id)?;
        check_recommendation(&RecommendationInput { kind, motivation, conditions, missing: &missing })?;
        let advice = Advice { kind, motivation, conditions, meeting: now.date_naive() };
        record_recommendation(tx, &view.round.id, listed.application.id, &advice, cast.office.person, now)?;
    }
    Ok(())
}
