//! A round as one view: its rubric, group, assignments, jäv, absences and
//! recommendations, loaded once and asked many questions — by a single score, by a
//! bundle of scores and by the summary alike, so every path applies the same rules.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use portfolj_core::review::{self as core, Criterion, Jav, JavKind, Level, Rubric, Score, ScoreContext};
use portfolj_core::{ApplicationId, ApplicationState, Person, PersonId, Portfolio, UnitId};
use portfolj_store::Connection;
use portfolj_store::tables::application::{self as applications, ApplicationFilter, Listed};
use portfolj_store::tables::org;
use portfolj_store::tables::review::{self as table, Absence, Recommendation, Round, StoredScore, Tally};
use rust_decimal::Decimal;

use crate::dto::{CriterionDto, CriterionScoreDto, RubricDto, RubricLevelDto, SavedScoreDto};
use crate::usecases::application::load_details;
use crate::{ApiError, ErrorCode};

/// Members more than two scale steps apart should talk before the group recommends.
pub(super) const DISAGREEMENT: Decimal = Decimal::TWO;

/// An application belongs to its portfolio's round of its year once it is nyttovärderad.
const IN_ROUND: [ApplicationState; 9] = [
    ApplicationState::Valued,
    ApplicationState::InReview,
    ApplicationState::Proposed,
    ApplicationState::Granted,
    ApplicationState::Rejected,
    ApplicationState::ReferredBack,
    ApplicationState::Running,
    ApplicationState::Closed,
    ApplicationState::FollowedUp,
];

pub(super) fn load_round(conn: &Connection, id: &str) -> Result<Round, ApiError> {
    table::round(conn, id)?.ok_or_else(|| ApiError::not_found("Beredningsomgången"))
}

impl From<&Rubric> for RubricDto {
    fn from(r: &Rubric) -> Self {
        Self {
            scale_min: r.scale_min,
            scale_max: r.scale_max,
            criteria: r
                .criteria
                .iter()
                .map(|c| CriterionDto {
                    key: c.key.clone(),
                    name: c.name.clone(),
                    weight: c.weight.normalize().to_string(),
                    levels: c
                        .levels
                        .iter()
                        .map(|l| RubricLevelDto { value: l.value, anchor: l.anchor.clone() })
                        .collect(),
                    comment_required: c.comment_required,
                })
                .collect(),
        }
    }
}

/// The rubric in the core's terms, checked.
pub(super) fn rubric_of(dto: &RubricDto) -> Result<Rubric, ApiError> {
    let mut criteria = Vec::new();
    for c in &dto.criteria {
        let weight: Decimal = c.weight.trim().replace(',', ".").parse().map_err(|_| {
            ApiError::new(
                ErrorCode::Validation,
                format!("Vikten för \"{}\" ska vara ett tal, inte \"{}\".", c.name, c.weight),
            )
        })?;
        criteria.push(Criterion {
            key: c.key.trim().to_owned(),
            name: c.name.trim().to_owned(),
            weight,
            levels: c.levels.iter().map(|l| Level { value: l.value, anchor: l.anchor.trim().to_owned() }).collect(),
            comment_required: c.comment_required,
        });
    }
    let rubric = Rubric { scale_min: dto.scale_min, scale_max: dto.scale_max, criteria };
    rubric.check().map_err(portfolj_core::DomainError::Invalid)?;
    Ok(rubric)
}

pub(super) fn stored_rubric(conn: &Connection, round: &str) -> Result<Rubric, ApiError> {
    match table::rubric(conn, round)? {
        Some(document) => {
            let dto: RubricDto = crate::dto::parse_document("Bedömningsmallen", &document)?;
            rubric_of(&dto)
        }
        None => Ok(Rubric::programme_default()),
    }
}

pub(super) fn rubric_document(rubric: &Rubric) -> Result<String, ApiError> {
    serde_json::to_string(&RubricDto::from(rubric)).map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))
}

/// Units other than the applicant's that share the benefit or the operations cost.
fn co_units(conn: &Connection, listed: &Listed) -> Result<Vec<UnitId>, ApiError> {
    let app = &listed.application;
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

pub(crate) struct RoundView {
    pub round: Round,
    pub rubric: Rubric,
    /// In id order.
    pub applications: Vec<Listed>,
    /// In id order.
    pub members: Vec<Person>,
    rows: Vec<table::Member>,
    assigned: BTreeSet<(String, String)>,
    declared: Vec<table::DeclaredJav>,
    co_units: BTreeMap<ApplicationId, Vec<UnitId>>,
    pub absences: Vec<Absence>,
    /// Every version, oldest first per application.
    pub recommendations: Vec<Recommendation>,
}

impl RoundView {
    pub fn load(conn: &Connection, round: Round) -> Result<Self, ApiError> {
        let mut listed = Vec::new();
        for state in IN_ROUND {
            let filter = ApplicationFilter {
                portfolio: Portfolio::from_number(i64::from(round.portfolio)),
                fiscal_year: Some(round.year),
                state: Some(state),
                ..ApplicationFilter::default()
            };
            listed.extend(applications::list(conn, &filter)?);
        }
        listed.sort_by_key(|l| l.application.id);
        let rows = table::member_rows(conn, &round.id)?;
        let ids: BTreeSet<&str> = rows.iter().map(|m| m.person.as_str()).collect();
        let mut members: Vec<Person> =
            org::people(conn)?.into_iter().filter(|p| ids.contains(p.id.to_string().as_str())).collect();
        members.sort_by_key(|p| p.id);
        let co_units =
            listed.iter().map(|l| Ok((l.application.id, co_units(conn, l)?))).collect::<Result<_, ApiError>>()?;
        Ok(Self {
            rubric: stored_rubric(conn, &round.id)?,
            assigned: table::assignments(conn, &round.id)?.into_iter().collect(),
            declared: table::declared_jav(conn, &round.id)?,
            absences: table::absences(conn, &round.id)?,
            recommendations: table::recommendations(conn, &round.id)?,
            applications: listed,
            members,
            rows,
            co_units,
            round,
        })
    }

    pub fn application(&self, id: ApplicationId) -> Option<&Listed> {
        self.applications.binary_search_by_key(&id, |l| l.application.id).ok().and_then(|i| self.applications.get(i))
    }

    pub fn member_row(&self, person: PersonId) -> Option<&table::Member> {
        let id = person.to_string();
        self.rows.iter().find(|m| m.person == id)
    }

    pub fn is_member(&self, person: PersonId) -> bool {
        self.member_row(person).is_some()
    }

    /// A member reviews every application of the round, or the subset the office chose.
    pub fn assigned(&self, person: PersonId, application: ApplicationId) -> bool {
        self.member_row(person).is_some_and(|m| {
            self.application(application).is_some()
                && (m.assigns_all || self.assigned.contains(&(m.person.clone(), application.to_string())))
        })
    }

    pub fn load_of(&self, person: PersonId) -> usize {
        self.applications.iter().filter(|l| self.assigned(person, l.application.id)).count()
    }

    /// Every jäv of `person` for the application: found from the organisation, and
    /// declared (in this round, and `extra` arriving with it).
    pub fn jav_of(&self, person: &Person, application: ApplicationId, extra: &[table::DeclaredJav]) -> Vec<Jav> {
        let Some(listed) = self.application(application) else { return Vec::new() };
        let co = self.co_units.get(&application).map_or(&[][..], Vec::as_slice);
        let mut jav = core::detect_unit_jav(person.unit, listed.application.unit, co);
        let (me, id) = (person.id.to_string(), application.to_string());
        for d in self.declared.iter().chain(extra) {
            if d.person == me
                && d.application == id
                && let Some(kind) = JavKind::from_code(&d.kind)
            {
                jav.push(Jav { kind, motivation: d.motivation.clone() });
            }
        }
        jav
    }

    pub fn absence(&self, person: PersonId, application: ApplicationId) -> Option<&Absence> {
        let (p, a) = (person.to_string(), application.to_string());
        self.absences.iter().find(|x| x.person == p && x.application == a)
    }

    pub fn recommendation(&self, application: ApplicationId) -> Option<&Recommendation> {
        let id = application.to_string();
        self.recommendations.iter().rev().find(|r| r.application == id)
    }

    /// The assigned, non-jävig members who have neither scored nor been marked absent.
    pub fn missing(&self, application: ApplicationId, submitted: &[PersonId]) -> Vec<&Person> {
        let assigned: Vec<PersonId> =
            self.members.iter().filter(|m| self.assigned(m.id, application)).map(|m| m.id).collect();
        let jav: Vec<PersonId> =
            self.members.iter().filter(|m| !self.jav_of(m, application, &[]).is_empty()).map(|m| m.id).collect();
        let absent: Vec<PersonId> =
            self.members.iter().filter(|m| self.absence(m.id, application).is_some()).map(|m| m.id).collect();
        let missing = core::completeness(&assigned, &jav, submitted, &absent);
        self.members.iter().filter(|m| missing.contains(&m.id)).collect()
    }

    /// A jävig viewer sees no one's scores for the application until the group has
    /// recommended.
    pub fn hidden_for(&self, viewer: &Person, application: ApplicationId) -> bool {
        !self.jav_of(viewer, application, &[]).is_empty() && self.recommendation(application).is_none()
    }

    /// The core's rules for one score, in the round's terms.
    pub fn check_score(
        &self,
        person: &Person,
        application: ApplicationId,
        score: &Score,
        extra_jav: &[table::DeclaredJav],
    ) -> Result<(), ApiError> {
        if !self.is_member(person.id) {
            return Err(ApiError::new(
                ErrorCode::Forbidden,
                format!(
                    "{} är inte ledamot i beredningsgruppen för portfölj {} {}. Projektkontoret utser ledamöterna.",
                    person.name, self.round.portfolio, self.round.year
                ),
            ));
        }
        let jav = self.jav_of(person, application, extra_jav);
        let context = ScoreContext {
            rubric: &self.rubric,
            round_open: self.round.state == "open",
            assigned: self.assigned(person.id, application),
            jav: &jav,
        };
        Ok(core::check_score(score, &context)?)
    }
}

pub(super) fn score_of(criteria: &BTreeMap<String, CriterionScoreDto>) -> Score {
    Score {
        criteria: criteria
            .iter()
            .map(|(k, v)| (k.clone(), core::CriterionScore { level: v.level, comment: v.comment.trim().to_owned() }))
            .collect(),
    }
}

/// Which version a score is stored as: the next one here, or the version the member's
/// laptop gave it.
pub(super) enum Version<'a> {
    Next,
    Arrived { version: u32, submitted_at: &'a str },
}

/// Stores a checked score and brings the application's aggregate up to date; the caller
/// has run [`RoundView::check_score`]. `None` when an arriving version is already here.
pub(super) fn store_score(
    conn: &Connection,
    view: &RoundView,
    person: PersonId,
    application: ApplicationId,
    criteria: &BTreeMap<String, CriterionScoreDto>,
    version: &Version<'_>,
    now: DateTime<Utc>,
) -> Result<Option<SavedScoreDto>, ApiError> {
    let score = score_of(criteria);
    let total = score.weighted_total(&view.rubric).unwrap_or_default();
    let normalised: BTreeMap<String, CriterionScoreDto> = score
        .criteria
        .iter()
        .map(|(k, v)| (k.clone(), CriterionScoreDto { level: v.level, comment: v.comment.clone() }))
        .collect();
    let document = serde_json::to_string(&normalised).map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
    let (round, app, who) = (view.round.id.as_str(), application.to_string(), person.to_string());
    let stored = match version {
        Version::Next => Some(table::add_score(conn, round, &app, &who, &document, &total.to_string(), now)?),
        Version::Arrived { version, submitted_at } => {
            let row = StoredScore {
                application: app.clone(),
                person: who,
                version: *version,
                score: document,
                total: total.to_string(),
            };
            match table::put_score_version(conn, round, &row, submitted_at)? {
                Some(true) => Some(*version),
                Some(false) => None,
                None => {
                    return Err(ApiError::new(
                        ErrorCode::Bundle("bundle_score_refused"),
                        format!(
                            "Version {version} av en bedömning finns redan här med annat innehåll. Hela paketet avvisas; be ledamoten exportera sina bedömningar på nytt."
                        ),
                    ));
                }
            }
        }
    };
    retally(conn, view, &app)?;
    Ok(stored.map(|version| SavedScoreDto { version, total: total.to_string() }))
}

/// Rewrites one application's maintained aggregate from its newest scores.
fn retally(conn: &Connection, view: &RoundView, application: &str) -> Result<(), ApiError> {
    let totals: Vec<Decimal> = table::latest_totals(conn, &view.round.id, application)?
        .iter()
        .filter_map(|(_, total)| total.parse().ok())
        .collect();
    if let Some(s) = core::stats(&totals) {
        let count = u32::try_from(s.count).unwrap_or(u32::MAX);
        let criteria = u32::try_from(view.rubric.criteria.len()).unwrap_or(u32::MAX);
        let text = |d: Decimal| d.round_dp(4).normalize().to_string();
        table::put_tally(
            conn,
            &view.round.id,
            &Tally {
                application: application.to_owned(),
                scores: count,
                criteria: count.saturating_mul(criteria),
                mean: text(s.mean),
                median: text(s.median),
                min: text(s.min),
                max: text(s.max),
                spread: text(s.spread),
                std_dev: text(s.std_dev),
                disagreement: s.spread > DISAGREEMENT,
            },
        )?;
    }
    Ok(())
}
