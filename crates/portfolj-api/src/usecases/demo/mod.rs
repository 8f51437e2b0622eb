//! The demo database: a whole programme with Stockholm's units, people in every role,
//! frames for 2013–2018 and applications in every state, generated deterministically
//! from a seed and written through the same use-case functions as user data, so every
//! demo application has passed the same checks and permissions.

mod catalogue;
mod details;
mod followup;
mod review;
mod valuation;

use chrono::{DateTime, Duration, TimeZone, Utc};
use portfolj_core::{
    Actor, Application, ApplicationState, Frame, ItCategory, NewApplicationInput, OrgUnit, Person, PersonId, Portfolio,
    PortfolioPart, Programme, Role, Sek, SubFrame, UnitId,
};
use portfolj_store::Connection;
use portfolj_store::tables::application as stored_applications;
use portfolj_store::tables::{frame, org, programme, setting};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::dto::{NewApplicationDto, RecordDecisionDto};
use crate::usecases::application::{
    Context, Start, create_in, request_supplement_in, submit_in, transition_in, update_in,
};
use crate::usecases::decision;
use crate::{Api, ApiError, ErrorCode};

/// How much data to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DemoScale {
    /// About 40 applications: every portfolio, category and state, for trying things out.
    Small,
    /// A large city's year: 2 000 applications.
    City,
    /// A whole country's programmes: 200 000 applications.
    National,
}

impl DemoScale {
    pub fn applications(self) -> usize {
        match self {
            DemoScale::Small => 40,
            DemoScale::City => 2_000,
            DemoScale::National => 200_000,
        }
    }

    /// Members of each beredningsgrupp: the small demo's ten reviewers sit in overlapping
    /// groups of four; the large demos give every portfolio a group of its own, large
    /// enough that a city's year holds some 160 000 scored criteria.
    fn group_size(self) -> usize {
        match self {
            DemoScale::Small => 4,
            DemoScale::City | DemoScale::National => 26,
        }
    }

    /// Reviewers in the programme: ten in the small demo, a group of its own for each
    /// portfolio in the large ones.
    fn reviewers(self) -> usize {
        match self {
            DemoScale::Small => 10,
            DemoScale::City | DemoScale::National => 5 * self.group_size(),
        }
    }

    /// The page cache while generating: the whole demo is one transaction, and its pages
    /// must stay in memory rather than be read back from the WAL.
    fn cache_mib(self) -> u32 {
        match self {
            DemoScale::Small => 64,
            DemoScale::City => 256,
            DemoScale::National => 4_096,
        }
    }

    fn frame_multiplier(self) -> i64 {
        match self {
            DemoScale::Small | DemoScale::City => 1,
            DemoScale::National => 100,
        }
    }
}

/// What `demo init` created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DemoSummary {
    pub units: usize,
    pub people: usize,
    pub frames: usize,
    pub applications: usize,
    pub acting_person: String,
}

/// Frame per portfolio in 2013, whole kronor (portfolio 5, innovation, is the smallest).
const BASE_FRAMES: [i64; 5] = [45_000_000, 30_000_000, 25_000_000, 30_000_000, 15_000_000];

/// The cast: who does what in the demo programme.
struct Cast {
    office: Actor,
    office_person: Person,
    coach: Actor,
    valuers: Vec<Actor>,
    /// One applicant per unit, in unit order.
    applicants: Vec<Actor>,
    reviewers: Vec<Person>,
    group_size: usize,
    people: Vec<Person>,
}

struct Generator {
    rng: ChaCha8Rng,
    /// Synthetic clock for ids: every id is a UUID v7 with a plausible timestamp.
    id_millis: i64,
}

impl Generator {
    fn id(&mut self, at: DateTime<Utc>) -> Uuid {
        self.id_millis = self.id_millis.max(at.timestamp_millis()) + 1;
        let random: [u8; 10] = self.rng.random();
        uuid::Builder::from_unix_timestamp_millis(u64::try_from(self.id_millis).unwrap_or(0), &random).into_uuid()
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.rng.random_range(0..items.len())]
    }
}

impl Api {
    /// Fills an empty database with demo data. Refused when the database has data, so
    /// nobody's real work is mixed with invented applications. Counts the applications as it
    /// writes them (`progress.get`) and stops on `progress.cancel`, leaving the database empty.
    pub fn init_demo(&self, scale: DemoScale, seed: u64) -> Result<DemoSummary, ApiError> {
        let _running = self.progress.start(
            u64::try_from(scale.applications()).unwrap_or(u64::MAX),
            "Skapandet av demodata avbröts. Databasen är lika tom som förut; skapa demodata igen när du vill.",
        )?;
        self.store().with_cache(scale.cache_mib(), |store| {
            store.write(|tx| {
                if programme::get(tx)?.is_some() {
                    return Err(ApiError::new(
                        ErrorCode::Conflict,
                        "Databasen innehåller redan ett program. Demodata skapas bara i en ny, tom databas; ange en ny fil med --db.",
                    ));
                }
                let mut g = Generator { rng: ChaCha8Rng::seed_from_u64(seed), id_millis: 0 };
                let summary = generate(tx, &mut g, scale, &|| self.progress.advance(1))?;
                // A cancel up to the commit is honoured.
                self.progress.advance(0)?;
                Ok(summary)
            })
        })?
    }
}

/// The demo programme; `written` is called after each application.
fn generate(
    tx: &Connection,
    g: &mut Generator,
    scale: DemoScale,
    written: &dyn Fn() -> Result<(), ApiError>,
) -> Result<DemoSummary, ApiError> {
    let start = at(2012, 6, 1);
    let programme = Programme::stockholm_2013_2018();
    programme::put(tx, &programme)?;
    let units: Vec<OrgUnit> = portfolj_core::org::stockholm_units()
        .map(|(name, kind)| OrgUnit { id: UnitId(g.id(start)), name: name.to_owned(), kind })
        .collect();
    for unit in &units {
        org::insert_unit(tx, unit)?;
    }
    let cast = cast(g, &units, start, scale);
    for person in &cast.people {
        org::insert_person(tx, person)?;
    }
    let frames = frames(&programme, scale);
    for f in &frames {
        frame::put(tx, &f.clone().validate(&programme)?)?;
    }
    setting::set(tx, setting::key::DEMO, "true")?;
    setting::set(tx, setting::key::ACTING_PERSON, &cast.office_person.id.to_string())?;
    let detail = serde_json::json!({
        "scale": format!("{scale:?}").to_lowercase(),
        "units": units.len(),
        "people": cast.people.len(),
        "frames": frames.len(),
    });
    crate::usecases::audit::record(tx, start, cast.office.person, "demo.init", "programme", &detail)?;

    let context = Context::load(tx)?;
    let count = scale.applications();
    for i in 0..count {
        application(tx, g, &context, &cast, i, count)?;
        written()?;
        if (i + 1) % 10_000 == 0 {
            tracing::info!(done = i + 1, count, "demo applications written");
        }
    }
    review::rounds(tx, g, &cast, &programme.years().collect::<Vec<_>>())?;
    followup::indicators(tx, &cast, &mut || g.id(start))?;
    Ok(DemoSummary {
        units: units.len(),
        people: cast.people.len(),
        frames: frames.len(),
        applications: count,
        acting_person: cast.office_person.name.clone(),
    })
}

fn at(year: i32, month: u32, day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year, month, day, 9, 0, 0).single().unwrap_or_default()
}

fn cast(g: &mut Generator, units: &[OrgUnit], at: DateTime<Utc>, scale: DemoScale) -> Cast {
    let slk = units[0].id;
    let service = units[1].id;
    let mut people = Vec::new();
    let mut person = |g: &mut Generator, name: String, unit: UnitId, roles: &[Role]| -> Person {
        let email_name: String = name
            .to_lowercase()
            .chars()
            .map(|c| match c {
                'å' | 'ä' => 'a',
                'ö' => 'o',
                ' ' => '.',
                c => c,
            })
            .collect();
        let p = Person {
            id: PersonId(g.id(at)),
            email: format!("{email_name}.{}@stockholm.se", people.len() + 1),
            name,
            unit,
            roles: roles.to_vec(),
        };
        people.push(p.clone());
        p
    };
    let office_person = person(g, "Karin Ek".into(), slk, &[Role::Office]);
    person(g, "Per Holm".into(), slk, &[Role::Office]);
    let coach = person(g, "Sara Lindqvist".into(), slk, &[Role::Coach]);
    person(g, "Ali Hassan".into(), slk, &[Role::Coach]);
    let valuers = [
        person(g, "Gustav Öberg".into(), slk, &[Role::Valuer]),
        person(g, "Helena Nyström".into(), service, &[Role::Valuer]),
    ];
    person(g, "Ingrid Åberg".into(), slk, &[Role::Decider, Role::Council]);
    for i in 0..4 {
        let name = random_name(g);
        let unit = units[2 + i * 3].id;
        person(g, name, unit, &[Role::Council]);
    }
    let mut reviewers: Vec<Person> = (0..10)
        .map(|i| {
            let name = random_name(g);
            let unit = units[(i * 5 + 3) % units.len()].id;
            person(g, name, unit, &[Role::Reviewer])
        })
        .collect();
    let applicants: Vec<Actor> = units
        .iter()
        .map(|u| {
            let name = random_name(g);
            Actor::of(&person(g, name, u.id, &[Role::Applicant]))
        })
        .collect();
    // Drawn after everyone else, so the small demo's people stay the same.
    for i in reviewers.len()..scale.reviewers() {
        let name = random_name(g);
        let unit = units[(i * 7 + 3) % units.len()].id;
        reviewers.push(person(g, name, unit, &[Role::Reviewer]));
    }
    Cast {
        office: Actor::of(&office_person),
        office_person,
        coach: Actor::of(&coach),
        valuers: valuers.iter().map(Actor::of).collect(),
        applicants,
        reviewers,
        group_size: scale.group_size(),
        people,
    }
}

fn random_name(g: &mut Generator) -> String {
    let first = g.pick(catalogue::FIRST_NAMES);
    let last = g.pick(catalogue::LAST_NAMES);
    format!("{first} {last}")
}

/// Frames grow a little each year; portfolios 1–4 are split into the three parts.
fn frames(programme: &Programme, scale: DemoScale) -> Vec<Frame> {
    let mut frames = Vec::new();
    for portfolio in Portfolio::ALL {
        let base = BASE_FRAMES[usize::from(portfolio.number() - 1)] * scale.frame_multiplier();
        for (step, year) in (0_i64..).zip(programme.years()) {
            let amount = base + base * step / 20;
            let sek = |kronor: i64| Sek::kronor(kronor).unwrap_or(Sek::ZERO);
            let sub_frames = if portfolio == Portfolio::Innovation {
                Vec::new()
            } else {
                vec![
                    SubFrame { part: PortfolioPart::Innovation, amount: sek(amount / 5) },
                    SubFrame { part: PortfolioPart::Improvement, amount: sek(amount / 2) },
                    SubFrame { part: PortfolioPart::Management, amount: sek(amount - amount / 5 - amount / 2) },
                ]
            };
            frames.push(Frame { portfolio, year, amount: sek(amount), sub_frames });
        }
    }
    frames
}

/// The lifecycle path from a new draft to `target`.
fn path_to(target: ApplicationState) -> &'static [ApplicationState] {
    use ApplicationState::*;
    const DECIDED: [ApplicationState; 7] = [Submitted, Valued, InReview, Proposed, Granted, Running, Closed];
    match target {
        Idea | Draft => &[],
        Submitted => &[Submitted],
        SupplementRequested => &[Submitted, SupplementRequested],
        Valued => &DECIDED[..2],
        InReview => &DECIDED[..3],
        Proposed => &DECIDED[..4],
        Granted => &DECIDED[..5],
        Rejected => &[Submitted, Valued, InReview, Proposed, Rejected],
        ReferredBack => &[Submitted, Valued, InReview, Proposed, ReferredBack],
        Running => &DECIDED[..6],
        Closed => &DECIDED,
        FollowedUp => &[Submitted, Valued, InReview, Proposed, Granted, Running, Closed, FollowedUp],
        Withdrawn => &[Submitted, Withdrawn],
    }
}

fn reason(to: ApplicationState) -> &'static str {
    use ApplicationState::*;
    match to {
        Submitted => "Ansökan lämnad till projektkontoret.",
        SupplementRequested => "Beskriv vilka processer som ändras och vem som hemtar nyttan.",
        Valued => "Nyttovärdering klar.",
        InReview => "Överlämnad till beredningsgruppen.",
        Proposed => "Beredningsgruppen tillstyrker.",
        Granted => "Beviljad av stadsdirektören efter utvecklingsrådets råd.",
        Rejected => "Avslagen: nyttan motiverar inte kostnaden inom årets ram.",
        ReferredBack => "Återremitterad: systemägarens godkännande av driftkostnaden saknas.",
        Running => "Projektet har startat.",
        Closed => "Slutrapporten är godkänd.",
        FollowedUp => "Nyttan följd upp ett år efter avslut.",
        Withdrawn => "Återkallad: behovet löses inom befintlig förvaltning.",
        Idea | Draft => "",
    }
}

/// A state that fits the fiscal year: old years are decided and running or done,
/// the last years are still being prepared.
fn state_for(g: &mut Generator, year: i32) -> ApplicationState {
    use ApplicationState::*;
    let early: &[ApplicationState] = &[Granted, Running, Closed, FollowedUp, FollowedUp, Rejected, Withdrawn, Closed];
    let middle: &[ApplicationState] = &[Granted, Running, Running, Rejected, ReferredBack, Proposed, Closed, Withdrawn];
    let late: &[ApplicationState] =
        &[Idea, Draft, Draft, Submitted, SupplementRequested, Valued, InReview, Proposed, Submitted];
    *match year {
        ..=2015 => g.pick(early),
        2016 => g.pick(middle),
        _ => g.pick(late),
    }
}

fn application(
    tx: &Connection,
    g: &mut Generator,
    context: &Context,
    cast: &Cast,
    index: usize,
    count: usize,
) -> Result<(), ApiError> {
    let portfolio = Portfolio::ALL[index % 5];
    let titles = catalogue::APPLICATIONS[index % 5];
    let (title, purpose) = titles[(index / 5) % titles.len()];
    let round = index / 40;
    let unit_index = g.rng.random_range(0..context.units.len());
    let unit = &context.units[unit_index];
    // The small demo's portfolio 1 has a full open beredning in 2018: five applications
    // being reviewed, so the group's matrix, jäv and missing scores have something to show.
    let open_review = count <= 40 && index >= ApplicationState::ALL.len() && index.is_multiple_of(5);
    let year = match (count <= 40, open_review) {
        (true, true) => 2018,
        (true, false) => 2013 + i32::try_from(index % 6).unwrap_or(0),
        (false, _) => g.rng.random_range(2013..=2018),
    };
    let category = match portfolio {
        Portfolio::Innovation => ItCategory::Innovative,
        _ if index % 13 == 7 => ItCategory::Basic,
        _ => ItCategory::Differentiating,
    };
    const UNDER_REVIEW: [ApplicationState; 2] = [ApplicationState::Valued, ApplicationState::InReview];
    let mut target = match (index < ApplicationState::ALL.len(), open_review) {
        (true, _) => ApplicationState::ALL[index],
        (false, true) => UNDER_REVIEW[(index / 5) % 2],
        (false, false) => state_for(g, year),
    };
    if category == ItCategory::Basic {
        // Basic IT is not eligible for portfolio money: such applications cannot be
        // submitted, and are left as drafts or withdrawn.
        target = if index.is_multiple_of(2) { ApplicationState::Withdrawn } else { ApplicationState::Draft };
    }
    let title = match (count <= 40, round) {
        (true, _) => title.to_owned(),
        (false, 0) => format!("{title} – {}", unit.name),
        (false, r) => format!("{title} – {} (etapp {})", unit.name, r + 1),
    };
    let kronor: i64 = match category {
        ItCategory::Innovative => g.rng.random_range(10..=150) * 10_000,
        _ => g.rng.random_range(20..=800) * 10_000,
    };
    let applicant = cast.applicants.iter().find(|a| a.unit == unit.id).unwrap_or(&cast.coach);
    let mut now = at(year - 1, 9, 1) + Duration::days(g.rng.random_range(0..90));
    let input = NewApplicationInput {
        title,
        unit: Some(unit.id),
        portfolio: i64::from(portfolio.number()),
        it_category: category,
        fiscal_year: year,
        requested_amount: kronor.to_string(),
        purpose: purpose.to_owned(),
    };
    let start = if target == ApplicationState::Idea { Start::Idea } else { Start::Draft };
    let id = g.id(now);
    let mut app = create_in(tx, context, applicant, input, start, id, now)?;
    let path = if category == ItCategory::Basic && target == ApplicationState::Withdrawn {
        &[ApplicationState::Withdrawn][..]
    } else {
        path_to(target)
    };
    let submitted = path.contains(&ApplicationState::Submitted);
    let details = details::details(g, &app, &context.units, submitted);
    let basics = NewApplicationDto::from(&app);
    if start == Start::Draft {
        update_in(tx, context, applicant, &mut app, basics.clone(), &details, now)?;
    }
    // Every seventh application that was valued went through one komplettering first.
    let komplettering = index % 7 == 3 && path.contains(&ApplicationState::Valued);
    for step in path {
        now += Duration::days(g.rng.random_range(7..60));
        let actor = actor_for(*step, cast, applicant, unit.id);
        match step {
            ApplicationState::Submitted => {
                submit_in(tx, context, actor, &mut app, now)?;
                if valuation::Claim::for_index(index, count) == valuation::Claim::SharedDraft {
                    let valuer = actor_for(ApplicationState::Valued, cast, applicant, unit.id);
                    valuation::value(tx, g, &mut app, &details, valuer, valuation::Claim::SharedDraft, false, now)?;
                }
                if komplettering {
                    now += Duration::days(10);
                    let valuer = actor_for(ApplicationState::Valued, cast, applicant, unit.id);
                    request_supplement_in(tx, valuer, &mut app, reason(ApplicationState::SupplementRequested), now)?;
                    now += Duration::days(5);
                    let mut revised = details.clone();
                    revised.process_change.push_str(" Ärendena fördelas automatiskt till rätt handläggare.");
                    update_in(tx, context, applicant, &mut app, basics.clone(), &revised, now)?;
                    submit_in(tx, context, applicant, &mut app, now)?;
                }
            }
            ApplicationState::SupplementRequested => request_supplement_in(tx, actor, &mut app, reason(*step), now)?,
            ApplicationState::Valued => {
                valuation::value(
                    tx,
                    g,
                    &mut app,
                    &details,
                    actor,
                    valuation::Claim::for_index(index, count),
                    true,
                    now,
                )?;
            }
            ApplicationState::Granted | ApplicationState::Rejected | ApplicationState::ReferredBack => {
                record_decision(tx, cast, &app, *step, index, now)?;
                app = stored_applications::get(tx, app.id)?.ok_or_else(|| ApiError::not_found("Ansökan"))?.application;
            }
            ApplicationState::Closed => {
                followup::close(tx, cast, &app, index, now)?;
                app = stored_applications::get(tx, app.id)?.ok_or_else(|| ApiError::not_found("Ansökan"))?.application;
            }
            ApplicationState::FollowedUp => {
                now = followup::follow_up(tx, cast, &app, index)?;
                app = stored_applications::get(tx, app.id)?.ok_or_else(|| ApiError::not_found("Ansökan"))?.application;
            }
            ApplicationState::Running => {
                transition_in(tx, &mut app, actor, *step, reason(*step), now)?;
                if target == ApplicationState::Running {
                    followup::status_reports(tx, &app, applicant, now, index)?;
                }
            }
            _ => transition_in(tx, &mut app, actor, *step, reason(*step), now)?,
        }
    }
    Ok(())
}

/// The stadsdirektör's decision, recorded by the office with a diarienummer as a real one
/// would be; every fourth grant is for less than was asked.
fn record_decision(
    tx: &Connection,
    cast: &Cast,
    app: &Application,
    step: ApplicationState,
    index: usize,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let decider = cast
        .people
        .iter()
        .find(|p| p.roles.contains(&Role::Decider))
        .ok_or_else(|| ApiError::not_found("Beslutsfattaren"))?;
    let (kind, granted_amount) = match step {
        ApplicationState::Granted => {
            let requested = app.requested_amount.to_ore();
            let ore = if index.is_multiple_of(4) { requested / 100 * 90 } else { requested };
            ("granted", Some(Sek::from_ore(ore).unwrap_or(app.requested_amount).to_string()))
        }
        ApplicationState::Rejected => ("rejected", None),
        _ => ("referred_back", None),
    };
    let conditions = match kind {
        "granted" if index.is_multiple_of(3) => "Statusrapport varje kvartal till projektkontoret.",
        "referred_back" => "Komplettera nyttovärderingen med driftkostnaderna.",
        _ => "",
    };
    let args = RecordDecisionDto {
        application_id: app.id.to_string(),
        kind: kind.to_owned(),
        granted_amount,
        conditions: conditions.to_owned(),
        case_number: format!("KS {}/{}", app.fiscal_year - 1, 1000 + index),
        decided_on: now.date_naive().to_string(),
        decider_id: decider.id.to_string(),
        reason: String::new(),
    };
    decision::record_in(tx, &cast.office, &args, now)
}

/// Who takes each step: the applicant submits and withdraws, a valuer from another unit
/// values, the office does the rest.
fn actor_for<'a>(step: ApplicationState, cast: &'a Cast, applicant: &'a Actor, unit: UnitId) -> &'a Actor {
    use ApplicationState::*;
    match step {
        Submitted | Withdrawn | Draft => applicant,
        Valued | SupplementRequested => cast.valuers.iter().find(|v| v.unit != unit).unwrap_or(&cast.office),
        _ => &cast.office,
    }
}
