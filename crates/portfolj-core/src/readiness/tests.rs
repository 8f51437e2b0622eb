use chrono::{NaiveDate, TimeZone, Utc};
use rstest::rstest;
use rust_decimal::Decimal;
use uuid::Uuid;

use super::*;
use crate::application::ApplicationState;
use crate::application::details::{
    GoalContribution, Level, OperationsShare, PlannedBenefit, Platform, ProjectKind, Risk, YearBudget,
};
use crate::frame::Frame;
use crate::ids::{ApplicationId, PersonId, UnitId};
use crate::programme::CouncilGoal;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn sek(kronor: i64) -> Sek {
    Sek::kronor(kronor).expect("amount")
}

fn unit(n: u128) -> UnitId {
    UnitId(Uuid::from_u128(n))
}

fn application() -> Application {
    let at = Utc.with_ymd_and_hms(2014, 1, 1, 0, 0, 0).single().expect("time");
    Application {
        id: ApplicationId(Uuid::from_u128(1)),
        title: "E-tjänst för bygglov".into(),
        unit: unit(1),
        portfolio: Portfolio::CitizenService,
        it_category: ItCategory::Differentiating,
        fiscal_year: 2014,
        requested_amount: sek(900_000),
        purpose: "Kortare handläggning.".into(),
        state: ApplicationState::Draft,
        created_at: at,
        created_by: PersonId(Uuid::from_u128(2)),
        updated_at: at,
    }
}

fn year(y: i32) -> YearBudget {
    YearBudget {
        year: y,
        internal_time: sek(300_000),
        external_services: sek(500_000),
        licences: sek(50_000),
        equipment: sek(50_000),
    }
}

/// An application that passes every rule.
fn details() -> ApplicationDetails {
    ApplicationDetails {
        project_owner: "Eva Berg".into(),
        project_leader: "Johan Ström".into(),
        project_kind: Some(ProjectKind::Implementation),
        start_date: Some(date(2014, 2, 1)),
        end_date: Some(date(2014, 11, 30)),
        problem: "Bygglov handläggs på papper.".into(),
        capabilities: "Digital ärendehantering.".into(),
        target_groups: "Fastighetsägare".into(),
        process_change: "Handläggaren får kompletta ansökningar.".into(),
        goal_contributions: vec![
            GoalContribution {
                goal: CouncilGoal::Kf1,
                level: Contribution::Strong,
                motivation: "Enklare för företag.".into(),
            },
            GoalContribution { goal: CouncilGoal::Kf3, level: Contribution::None, motivation: String::new() },
        ],
        co_benefiting_units: vec![unit(2)],
        platforms: Platform::ALL.into_iter().map(|p| (p, Some(PlatformUse::Reused))).collect(),
        system_owner: "Stadsbyggnadsnämnden".into(),
        owner_representative: "Lena Holm".into(),
        owner_accepted_on: Some(date(2013, 11, 20)),
        operations_split: vec![
            OperationsShare { unit: unit(1), percent: Decimal::new(625, 1) },
            OperationsShare { unit: unit(2), percent: Decimal::new(375, 1) },
        ],
        benefit_plan: vec![PlannedBenefit {
            benefit: "Färre kompletteringar".into(),
            responsible_unit: Some(unit(1)),
            when: "2015".into(),
            how: "Mäts i ärendesystemet".into(),
        }],
        risks: vec![Risk {
            description: "Låg användning".into(),
            likelihood: Level::Medium,
            consequence: Level::High,
            mitigation: "Kampanj".into(),
        }],
        budget: vec![year(2014)],
        exit_plan: String::new(),
        lessons_plan: String::new(),
        previous_application: None,
    }
}

fn frames() -> Vec<Frame> {
    Portfolio::ALL
        .into_iter()
        .flat_map(|p| {
            (2013..=2016).map(move |y| Frame { portfolio: p, year: y, amount: sek(10_000_000), sub_frames: vec![] })
        })
        .collect()
}

fn failing(app: &Application, d: &ApplicationDetails) -> Vec<&'static str> {
    let (frames, programme) = (frames(), Programme::stockholm_2013_2018());
    let input = ReadinessInput { application: app, details: d, frames: &frames, programme: &programme };
    failures(&check(&input)).iter().map(|o| o.code).collect()
}

fn innovative() -> (Application, ApplicationDetails) {
    let app = Application { it_category: ItCategory::Innovative, portfolio: Portfolio::Innovation, ..application() };
    let d = ApplicationDetails {
        end_date: Some(date(2014, 7, 31)),
        exit_plan: "Avvecklas om piloten inte visar nytta.".into(),
        lessons_plan: "Rapport till projektkontoret.".into(),
        operations_split: vec![],
        ..details()
    };
    (app, d)
}

#[test]
fn a_complete_differentiating_application_passes_every_rule() {
    assert_eq!(failing(&application(), &details()), Vec::<&str>::new());
}

#[test]
fn a_complete_innovative_application_passes_every_rule() {
    let (app, d) = innovative();
    assert_eq!(failing(&app, &d), Vec::<&str>::new());
}

type Mutation = fn(&mut Application, &mut ApplicationDetails);

/// A named mutation of the passing fixture.
macro_rules! change {
    (|$a:pat_param, $d:pat_param| $body:expr) => {
        (|$a: &mut Application, $d: &mut ApplicationDetails| {
            $body;
        }) as Mutation
    };
}

#[rstest]
#[case::basic_not_eligible("category.basic_not_eligible", change!(|a, _| a.it_category = ItCategory::Basic))]
#[case::innovative_outside_portfolio_5("category.portfolio_matches", change!(|a, d| { a.it_category = ItCategory::Innovative; d.end_date = Some(date(2014, 6, 30)); d.exit_plan = "x".into(); d.lessons_plan = "x".into(); }))]
#[case::differentiating_in_portfolio_5("category.portfolio_matches", change!(|a, _| a.portfolio = Portfolio::Innovation))]
#[case::no_project_leader("people.owner_and_leader", change!(|_, d| d.project_leader = " ".into()))]
#[case::no_project_kind("project.kind", change!(|_, d| d.project_kind = None))]
#[case::no_problem("text.problem_and_purpose", change!(|_, d| d.problem.clear()))]
#[case::no_purpose("text.problem_and_purpose", change!(|a, _| a.purpose.clear()))]
#[case::no_process_change("text.process_change", change!(|_, d| d.process_change.clear()))]
#[case::no_goal_contribution("goals.contribution_motivated", change!(|_, d| d.goal_contributions.clear()))]
#[case::unmotivated_goal_contribution("goals.contribution_motivated", change!(|_, d| d.goal_contributions[0].motivation.clear()))]
#[case::no_end_date("period.dates", change!(|_, d| d.end_date = None))]
#[case::multi_year_without_stages("stages.cover_period", change!(|_, d| d.end_date = Some(date(2015, 6, 30))))]
#[case::stage_outside_period("stages.cover_period", change!(|_, d| d.budget.push(year(2016))))]
#[case::zero_amount("amount.positive", change!(|_, d| d.budget = vec![YearBudget { year: 2014, internal_time: Sek::ZERO, external_services: Sek::ZERO, licences: Sek::ZERO, equipment: Sek::ZERO }]))]
#[case::no_frame_for_the_year("frame.exists", change!(|a, d| { a.fiscal_year = 2018; d.budget = vec![]; d.start_date = Some(date(2018, 1, 1)); d.end_date = Some(date(2018, 6, 1)); }))]
#[case::platform_unanswered("platform.reuse_or_exception", change!(|_, d| d.platforms[1].1 = None))]
#[case::exception_without_reference("platform.reuse_or_exception", change!(|_, d| d.platforms[0].1 = Some(PlatformUse::Exception { reference: " ".into() })))]
#[case::no_system_owner("owner.named", change!(|_, d| d.system_owner.clear()))]
#[case::owner_not_accepted("owner.accepted_operations", change!(|_, d| d.owner_accepted_on = None))]
#[case::shares_below_100("operations.shares_sum_100", change!(|_, d| d.operations_split[1].percent = Decimal::new(3749, 2)))]
#[case::no_shares("operations.shares_sum_100", change!(|_, d| d.operations_split.clear()))]
#[case::no_benefit_plan("benefit_plan.present", change!(|_, d| d.benefit_plan.clear()))]
#[case::benefit_without_unit("benefit_plan.responsible_unit", change!(|_, d| d.benefit_plan[0].responsible_unit = None))]
#[case::no_risks("risks.assessed", change!(|_, d| d.risks.clear()))]
#[case::risk_without_mitigation("risks.assessed", change!(|_, d| d.risks[0].mitigation.clear()))]
fn each_rule_fails_alone(#[case] code: &str, #[case] mutate: Mutation) {
    let (mut app, mut d) = (application(), details());
    mutate(&mut app, &mut d);
    assert_eq!(failing(&app, &d), vec![code]);
}

#[rstest]
#[case::innovative_too_long("innovative.lifetime", change!(|_, d| d.end_date = Some(date(2014, 8, 2))))]
#[case::innovative_without_exit_plan("innovative.exit_plan", change!(|_, d| d.exit_plan.clear()))]
#[case::innovative_without_lessons_plan("innovative.lessons_plan", change!(|_, d| d.lessons_plan.clear()))]
fn each_innovative_rule_fails_alone(#[case] code: &str, #[case] mutate: Mutation) {
    let (mut app, mut d) = innovative();
    mutate(&mut app, &mut d);
    assert_eq!(failing(&app, &d), vec![code]);
}

#[test]
fn every_rule_has_a_unique_code_and_a_failing_case_above() {
    let tested = include_str!("tests.rs");
    let mut codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
    for code in &codes {
        assert!(tested.matches(&format!("(\"{code}\"")).count() >= 1, "rule {code} has no failing case");
    }
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), RULES.len(), "rule codes are unique");
    assert!(RULES.len() >= 10);
}

#[test]
fn a_passing_rule_states_its_requirement_and_a_failing_one_says_what_to_do() {
    let (frames, programme) = (frames(), Programme::stockholm_2013_2018());
    let d = ApplicationDetails { owner_accepted_on: None, ..details() };
    let app = application();
    let outcomes = check(&ReadinessInput { application: &app, details: &d, frames: &frames, programme: &programme });
    let owner = outcomes.iter().find(|o| o.code == "owner.accepted_operations").expect("rule");
    assert!(!owner.ok);
    assert!(owner.message.contains("Ange datum"));
    assert_eq!(owner.field, "owner_accepted_on");
    let kind = outcomes.iter().find(|o| o.code == "project.kind").expect("rule");
    assert!(kind.ok);
    assert_eq!(kind.message, "Projekttypen är angiven.");
}

#[test]
fn draft_limits_refuse_stage_years_outside_the_programme_and_duplicate_years() {
    let programme = Programme::stockholm_2013_2018();
    let d = ApplicationDetails { budget: vec![year(2019)], ..details() };
    assert!(d.check_limits(&programme).is_err());
    let d = ApplicationDetails { budget: vec![year(2014), year(2014)], ..details() };
    assert!(d.check_limits(&programme).is_err());
    let d = ApplicationDetails { problem: "x".repeat(10_001), ..details() };
    assert_eq!(d.check_limits(&programme).expect_err("too long").0[0].field, "problem");
    let d = ApplicationDetails { start_date: Some(date(2015, 1, 1)), end_date: Some(date(2014, 1, 1)), ..details() };
    assert_eq!(d.check_limits(&programme).expect_err("dates").0[0].field, "end_date");
    let mut d = details();
    d.risks[0].mitigation = "x".repeat(10_001);
    assert_eq!(d.check_limits(&programme).expect_err("too long").0[0].field, "risks");
    let mut d = details();
    d.operations_split[0].percent = Decimal::new(1005, 1);
    assert_eq!(d.check_limits(&programme).expect_err("over 100").0[0].field, "operations_split");
    assert!(details().check_limits(&programme).is_ok());
}
