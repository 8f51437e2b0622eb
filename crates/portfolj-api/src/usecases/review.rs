//! Beredning: the office opens a round per portfolio and year and appoints its members;
//! members declare jäv and score the round's applications; everyone sees the round's
//! summary — except that a jävig person sees no one's scores for that application.
//! The rules are the core's (`portfolj_core::review`); this module supplies the round.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use portfolj_core::review::{self as core, CriterionScore, Jav, JavKind, MemberTotal, Rubric, Score, ScoreContext};
use portfolj_core::{Actor, Application, ApplicationState, Person, PersonId, Portfolio, Role, UnitId};
use portfolj_store::Connection;
use portfolj_store::tables::application::{self as applications, ApplicationFilter};
use portfolj_store::tables::org;
use portfolj_store::tables::review::{self as table, DeclaredJav, Round};
use rust_decimal::Decimal;
use serde_json::json;

use crate::dto::{
    AddMemberDto, CreateRoundDto, DeclareJavDto, JavDto, PersonDto, RoundDto, RoundSummaryDto, SaveScoreDto,
    SavedScoreDto, SummaryRowDto,
};
use crate::usecases::application::{load_details, parse_application_id};
use crate::usecases::{audit, session};
use crate::{Api, ApiError, ErrorCode};

const RUBRIC: &str = "programme-default";
/// Members more than two scale steps apart should talk before the group recommends.
const DISAGREEMENT: Decimal = Decimal::TWO;

fn require_office(actor: &Actor) -> Result<(), ApiError> {
    if actor.has(Role::Office) {
        Ok(())
    } else {
        Err(ApiError::new(ErrorCode::Forbidden, "Bara projektkontoret öppnar omgångar och utser ledamöter."))
    }
}

fn load_round(conn: &Connection, id: &str) -> Result<Round, ApiError> {
    table::round(conn, id)?.ok_or_else(|| ApiError::not_found("Beredningsomgången"))
}

/// The portfolio's nyttovärderade applications of the round's year.
fn applications_of(conn: &Connection, round: &Round) -> Result<Vec<Application>, ApiError> {
    let filter = ApplicationFilter {
        portfolio: Portfolio::from_number(i64::from(round.portfolio)),
        fiscal_year: Some(round.year),
        state: Some(ApplicationState::Valued),
        ..ApplicationFilter::default()
    };
    Ok(applications::list(conn, &filter)?.into_iter().map(|l| l.application).collect())
}

fn members_of(conn: &Connection, round: &Round) -> Result<Vec<Person>, ApiError> {
    let ids = table::members(conn, &round.id)?;
    Ok(org::people(conn)?.into_iter().filter(|p| ids.contains(&p.id.to_string())).collect())
}

fn round_dto(conn: &Connection, round: &Round) -> Result<RoundDto, ApiError> {
    let members =
        members_of(conn, round)?.iter().map(|p| session::person_dto(conn, p)).collect::<Result<Vec<PersonDto>, _>>()?;
    Ok(RoundDto {
        id: round.id.clone(),
        portfolio: round.portfolio,
        year: round.year,
        state: round.state.clone(),
        members,
        applications: u32::try_from(applications_of(conn, round)?.len()).unwrap_or(u32::MAX),
    })
}

/// Units other than the applicant's that share the benefit or the operations cost.
fn co_units(conn: &Connection, app: &Application) -> Result<Vec<UnitId>, ApiError> {
    let details = load_details(conn, app.id)?;
    Ok(details
        .operations_split
        .iter()
        .map(|s| s.unit_id.as_str())
        .chain(details.benefit_plan.iter().filter_map(|b| b.responsible_unit_id.as_deref()))
        .filter_map(|id| id.parse().ok())
        .filter(|u| *u != app.unit)
        .collect())
}

fn declared_kind(code: &str) -> Option<JavKind> {
    match code {
        "personal_relation" => Some(JavKind::PersonalRelation),
        "economic_interest" => Some(JavKind::EconomicInterest),
        "other" => Some(JavKind::Other),
        _ => None,
    }
}

fn kind_code(kind: JavKind) -> &'static str {
    match kind {
        JavKind::SameUnit => "same_unit",
        JavKind::CoBenefitingUnit => "co_benefiting_unit",
        JavKind::PersonalRelation => "personal_relation",
        JavKind::EconomicInterest => "economic_interest",
        JavKind::Other => "other",
    }
}

/// Every jäv of `person` for `app`: found from the organisation, and declared.
fn jav_of(conn: &Connection, round: &Round, person: &Person, app: &Application) -> Result<Vec<Jav>, ApiError> {
    let mut jav = core::detect_unit_jav(person.unit, app.unit, &co_units(conn, app)?);
    let (me, id) = (person.id.to_string(), app.id.to_string());
    for d in table::declared_jav(conn, &round.id)? {
        if d.person == me
            && d.application == id
            && let Some(kind) = declared_kind(&d.kind)
        {
            jav.push(Jav { kind, motivation: d.motivation });
        }
    }
    Ok(jav)
}

fn find_person(conn: &Connection, wanted: &str) -> Result<Person, ApiError> {
    let wanted = wanted.trim();
    org::people(conn)?
        .into_iter()
        .find(|p| p.id.to_string() == wanted || p.email.eq_ignore_ascii_case(wanted))
        .ok_or_else(|| ApiError::not_found("Personen"))
}

fn score_of(dto: &SaveScoreDto) -> Score {
    Score {
        criteria: dto
            .criteria
            .iter()
            .map(|(k, v)| (k.clone(), CriterionScore { level: v.level, comment: v.comment.trim().to_owned() }))
            .collect(),
    }
}

fn summary(conn: &Connection, round: &Round, viewer: &Person) -> Result<RoundSummaryDto, ApiError> {
    let members = members_of(conn, round)?;
    let scores = table::latest_scores(conn, &round.id)?;
    let names: BTreeMap<String, String> = members.iter().map(|p| (p.id.to_string(), p.name.clone())).collect();
    let mut rows = Vec::new();
    for app in applications_of(conn, round)? {
        let id = app.id.to_string();
        let mut jav = Vec::new();
        let mut jav_members = Vec::new();
        for member in &members {
            for j in jav_of(conn, round, member, &app)? {
                jav.push(JavDto {
                    person_name: member.name.clone(),
                    kind: kind_code(j.kind).to_owned(),
                    kind_sv: j.kind.name_sv().to_owned(),
                });
                jav_members.push(member.id);
            }
        }
        let totals: Vec<MemberTotal> = scores
            .iter()
            .filter(|s| s.application == id)
            .filter_map(|s| {
                Some(MemberTotal { member: s.person.parse().ok()?, application: app.id, total: s.total.parse().ok()? })
            })
            .collect();
        let submitted: Vec<PersonId> = totals.iter().map(|t| t.member).collect();
        let assigned: Vec<PersonId> = members.iter().map(|m| m.id).collect();
        let missing = core::completeness(&assigned, &jav_members, &submitted, &[]);
        let hidden = !jav_of(conn, round, viewer, &app)?.is_empty();
        let summarised = core::summarise(&totals, DISAGREEMENT).into_iter().next().filter(|_| !hidden);
        let text = |pick: fn(&core::Stats) -> Decimal| summarised.map(|s| pick(&s.stats).round_dp(2).to_string());
        rows.push(SummaryRowDto {
            application_id: id,
            title: app.title.clone(),
            hidden,
            scores: if hidden { 0 } else { u32::try_from(totals.len()).unwrap_or(u32::MAX) },
            mean: text(|s| s.mean),
            median: text(|s| s.median),
            min: text(|s| s.min),
            max: text(|s| s.max),
            spread: text(|s| s.spread),
            std_dev: text(|s| s.std_dev),
            disagreement: summarised.is_some_and(|s| s.disagreement),
            complete: missing.is_empty(),
            missing: missing.iter().map(|m| names.get(&m.to_string()).cloned().unwrap_or_default()).collect(),
            jav,
        });
    }
    Ok(RoundSummaryDto { round: round_dto(conn, round)?, disagreement_threshold: DISAGREEMENT.to_string(), rows })
}

impl Api {
    /// The office opens the round of a portfolio and year, with the programme's rubric.
    pub fn create_round(&self, args: &CreateRoundDto) -> Result<RoundDto, ApiError> {
        let (now, id) = (self.clock.now(), self.clock.new_id().to_string());
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            require_office(&actor)?;
            if Portfolio::from_number(i64::from(args.portfolio)).is_none() {
                return Err(ApiError::new(ErrorCode::Validation, "Välj en portfölj 1–5."));
            }
            let round = Round {
                id,
                portfolio: args.portfolio,
                year: args.year,
                rubric: RUBRIC.to_owned(),
                state: "open".to_owned(),
            };
            if !table::insert_round(tx, &round, now)? {
                return Err(ApiError::new(
                    ErrorCode::Conflict,
                    format!("Portfölj {} har redan en beredningsomgång {}.", args.portfolio, args.year),
                ));
            }
            audit::record(
                tx,
                now,
                actor.person,
                "review.round.create",
                &round.id,
                &json!({ "portfolio": round.portfolio, "year": round.year, "rubric": RUBRIC }),
            )?;
            round_dto(tx, &round)
        })
    }

    pub fn rounds(&self) -> Result<Vec<RoundDto>, ApiError> {
        self.store().read(|tx| {
            session::actor(tx)?;
            table::rounds(tx)?.iter().map(|r| round_dto(tx, r)).collect()
        })
    }

    /// The office appoints a reviewer to the round's group.
    pub fn add_member(&self, args: &AddMemberDto) -> Result<RoundDto, ApiError> {
        let now = self.clock.now();
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            require_office(&actor)?;
            let round = load_round(tx, &args.round_id)?;
            let person = find_person(tx, &args.person_id)?;
            if !person.roles.contains(&Role::Reviewer) {
                return Err(ApiError::new(
                    ErrorCode::Validation,
                    format!("{} har inte rollen ledamot i beredningsgrupp. Ge personen rollen först.", person.name),
                ));
            }
            table::add_member(tx, &round.id, &person.id.to_string())?;
            audit::record(
                tx,
                now,
                actor.person,
                "review.member.add",
                &round.id,
                &json!({ "person": person.id.to_string() }),
            )?;
            round_dto(tx, &round)
        })
    }

    /// A member declares their own jäv, or the office records one for a member.
    pub fn declare_jav(&self, args: &DeclareJavDto) -> Result<RoundSummaryDto, ApiError> {
        let now = self.clock.now();
        self.store().write(|tx| {
            let me = session::acting_person(tx)?;
            let round = load_round(tx, &args.round_id)?;
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
            let Some(kind) = declared_kind(&args.kind) else {
                return Err(ApiError::new(
                    ErrorCode::Validation,
                    "Välj slag av jäv: personlig relation, ekonomiskt intresse eller annat.",
                ));
            };
            if args.motivation.trim().is_empty() {
                return Err(ApiError::new(ErrorCode::Validation, "Beskriv jävet kort; det antecknas i protokollet."));
            }
            let application = parse_application_id(&args.application_id)?;
            let jav = DeclaredJav {
                application: application.to_string(),
                person: person.id.to_string(),
                kind: kind_code(kind).to_owned(),
                motivation: args.motivation.trim().to_owned(),
            };
            table::declare_jav(tx, &round.id, &jav, &me.id.to_string(), now)?;
            audit::record(
                tx,
                now,
                me.id,
                "review.jav",
                &jav.application,
                &json!({ "round": round.id, "person": jav.person, "kind": jav.kind, "motivation": jav.motivation }),
            )?;
            summary(tx, &round, &me)
        })
    }

    /// A member scores an application of the round: refused when jävig, not a member,
    /// not in the round, closed, or when the score breaks the rubric. A new score is a new
    /// version; earlier ones are kept.
    pub fn save_score(&self, args: &SaveScoreDto) -> Result<SavedScoreDto, ApiError> {
        let now = self.clock.now();
        self.store().write(|tx| save_score_in(tx, args, now))
    }

    pub fn round_summary(&self, round_id: &str) -> Result<RoundSummaryDto, ApiError> {
        self.store().read(|tx| {
            let me = session::acting_person(tx)?;
            summary(tx, &load_round(tx, round_id)?, &me)
        })
    }
}

fn save_score_in(conn: &Connection, args: &SaveScoreDto, now: DateTime<Utc>) -> Result<SavedScoreDto, ApiError> {
    let me = session::acting_person(conn)?;
    let round = load_round(conn, &args.round_id)?;
    let application = parse_application_id(&args.application_id)?;
    let app = applications::get(conn, application)?.ok_or_else(|| ApiError::not_found("Ansökan"))?.application;
    let member = table::members(conn, &round.id)?.contains(&me.id.to_string());
    if !member {
        return Err(ApiError::new(
            ErrorCode::Forbidden,
            "Du är inte ledamot i beredningsgruppen för den här omgången. Projektkontoret utser ledamöterna.",
        ));
    }
    let in_round = applications_of(conn, &round)?.iter().any(|a| a.id == application);
    let rubric = Rubric::programme_default();
    let jav = jav_of(conn, &round, &me, &app)?;
    let score = score_of(args);
    core::check_score(
        &score,
        &ScoreContext { rubric: &rubric, round_open: round.state == "open", assigned: in_round, jav: &jav },
    )?;
    let total = score.weighted_total(&rubric).unwrap_or_default();
    let document =
        serde_json::to_string(&args.criteria).map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
    let version =
        table::add_score(conn, &round.id, &app.id.to_string(), &me.id.to_string(), &document, &total.to_string(), now)?;
    let detail = json!({ "round": round.id, "version": version, "total": total.to_string(), "score_sha256": audit::sha256_hex(document.as_bytes()) });
    audit::record(conn, now, me.id, "review.score", &app.id.to_string(), &detail)?;
    Ok(SavedScoreDto { version, total: total.to_string() })
}
