use chrono::TimeZone;
use rstest::rstest;
use uuid::Uuid;

use super::*;
use crate::org::UnitKind;

fn unit(n: u128, name: &str) -> OrgUnit {
    OrgUnit { id: UnitId(Uuid::from_u128(n)), name: name.to_owned(), kind: UnitKind::Department }
}

fn units() -> Vec<OrgUnit> {
    vec![unit(1, "Utbildningsförvaltningen"), unit(2, "Trafikkontoret")]
}

fn input() -> NewApplicationInput {
    NewApplicationInput {
        title: "E-tjänst för förskoleplats".to_owned(),
        unit: Some(UnitId(Uuid::from_u128(1))),
        portfolio: 1,
        it_category: ItCategory::Differentiating,
        fiscal_year: 2014,
        requested_amount: "1 250 000".to_owned(),
        purpose: "Föräldrar ska kunna söka plats dygnet runt.".to_owned(),
    }
}

fn actor(roles: &[Role], unit: u128) -> Actor {
    Actor { person: PersonId(Uuid::from_u128(99)), unit: UnitId(Uuid::from_u128(unit)), roles: roles.to_vec() }
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2014, 3, 1, 9, 0, 0).single().expect("valid date")
}

fn fields(errors: &ValidationErrors) -> Vec<&'static str> {
    errors.0.iter().map(|e| e.field).collect()
}

#[test]
fn a_complete_input_becomes_a_new_application() {
    let new = input().validate(&Programme::stockholm_2013_2018(), &units()).expect("valid");
    assert_eq!(new.requested_amount.to_ore(), 125_000_000);
    assert_eq!(new.portfolio, Portfolio::CitizenService);
}

#[rstest]
#[case::empty_title(NewApplicationInput { title: "   ".into(), ..input() }, "title")]
#[case::long_title(NewApplicationInput { title: "x".repeat(201), ..input() }, "title")]
#[case::unknown_unit(NewApplicationInput { unit: Some(UnitId(Uuid::from_u128(7))), ..input() }, "unit_id")]
#[case::unreadable_unit(NewApplicationInput { unit: None, ..input() }, "unit_id")]
#[case::unknown_portfolio(NewApplicationInput { portfolio: 6, ..input() }, "portfolio")]
#[case::negative_amount(NewApplicationInput { requested_amount: "-5".into(), ..input() }, "requested_amount")]
#[case::over_precise_amount(NewApplicationInput { requested_amount: "1,005".into(), ..input() }, "requested_amount")]
#[case::year_before_programme(NewApplicationInput { fiscal_year: 2012, ..input() }, "fiscal_year")]
#[case::year_after_programme(NewApplicationInput { fiscal_year: 2019, ..input() }, "fiscal_year")]
fn bad_input_names_the_field(#[case] bad: NewApplicationInput, #[case] field: &str) {
    let errors = bad.validate(&Programme::stockholm_2013_2018(), &units()).expect_err("invalid");
    assert_eq!(fields(&errors), vec![field]);
    assert!(!errors.0[0].message.is_empty());
}

#[test]
fn every_problem_is_reported_at_once() {
    let bad = NewApplicationInput { title: String::new(), portfolio: 0, requested_amount: "-1".into(), ..input() };
    let errors = bad.validate(&Programme::stockholm_2013_2018(), &units()).expect_err("invalid");
    assert_eq!(fields(&errors), vec!["title", "portfolio", "requested_amount"]);
}

#[rstest]
#[case::applicant_for_own_unit(&[Role::Applicant], 1, true)]
#[case::applicant_for_other_unit(&[Role::Applicant], 2, false)]
#[case::coach_for_any_unit(&[Role::Coach], 2, true)]
#[case::office_for_any_unit(&[Role::Office], 2, true)]
#[case::valuer_never(&[Role::Valuer], 1, false)]
#[case::reviewer_never(&[Role::Reviewer], 1, false)]
#[case::council_never(&[Role::Council, Role::Decider], 1, false)]
fn who_may_create(#[case] roles: &[Role], #[case] actor_unit: u128, #[case] allowed: bool) {
    let new = input().validate(&Programme::stockholm_2013_2018(), &units()).expect("valid");
    assert_eq!(new.authorize(&actor(roles, actor_unit)).is_ok(), allowed);
}

fn application_in(state: ApplicationState) -> Application {
    let new = input().validate(&Programme::stockholm_2013_2018(), &units()).expect("valid");
    let mut app = new.into_application(ApplicationId(Uuid::from_u128(5)), &actor(&[Role::Office], 1), now());
    app.state = state;
    app
}

#[rstest]
#[case::applicant_submits_draft(ApplicationState::Draft, ApplicationState::Submitted, &[Role::Applicant], true)]
#[case::valuer_values(ApplicationState::Submitted, ApplicationState::Valued, &[Role::Valuer], true)]
#[case::applicant_cannot_value(ApplicationState::Submitted, ApplicationState::Valued, &[Role::Applicant], false)]
#[case::office_records_grant(ApplicationState::Proposed, ApplicationState::Granted, &[Role::Office], true)]
#[case::coach_cannot_grant(ApplicationState::Proposed, ApplicationState::Granted, &[Role::Coach], false)]
#[case::draft_cannot_jump_to_granted(ApplicationState::Draft, ApplicationState::Granted, &[Role::Office], false)]
#[case::granted_cannot_be_withdrawn(ApplicationState::Granted, ApplicationState::Withdrawn, &[Role::Office], false)]
fn lifecycle_rules(
    #[case] from: ApplicationState,
    #[case] to: ApplicationState,
    #[case] roles: &[Role],
    #[case] allowed: bool,
) {
    let mut app = application_in(from);
    let result = app.transition(to, &actor(roles, 1), now(), "Motivering");
    assert_eq!(result.is_ok(), allowed, "{from:?} → {to:?} as {roles:?}");
    assert_eq!(app.state, if allowed { to } else { from }, "state only changes when allowed");
}

#[test]
fn a_transition_is_recorded_with_who_when_and_why() {
    let mut app = application_in(ApplicationState::Draft);
    let event = app
        .transition(ApplicationState::Withdrawn, &actor(&[Role::Applicant], 1), now(), " Projektet görs inom linjen. ")
        .expect("allowed");
    assert_eq!(event.from_state, Some(ApplicationState::Draft));
    assert_eq!(event.to_state, ApplicationState::Withdrawn);
    assert_eq!(event.reason, "Projektet görs inom linjen.");
    assert_eq!(event.actor, PersonId(Uuid::from_u128(99)));
}

#[test]
fn withdrawing_needs_a_reason() {
    let mut app = application_in(ApplicationState::Draft);
    let result = app.transition(ApplicationState::Withdrawn, &actor(&[Role::Applicant], 1), now(), "  ");
    assert!(matches!(result, Err(DomainError::Invalid(_))));
    assert_eq!(app.state, ApplicationState::Draft);
}

#[rstest]
#[case::draft(ApplicationState::Draft, true)]
#[case::idea(ApplicationState::Idea, true)]
#[case::supplement_requested(ApplicationState::SupplementRequested, true)]
#[case::submitted(ApplicationState::Submitted, false)]
#[case::granted(ApplicationState::Granted, false)]
fn only_the_working_states_are_editable(#[case] state: ApplicationState, #[case] editable: bool) {
    let mut app = application_in(state);
    let new = input().validate(&Programme::stockholm_2013_2018(), &units()).expect("valid");
    let revised = NewApplication { title: "Ny titel".into(), ..new };
    let result = app.revise(revised, &actor(&[Role::Applicant], 1), now());
    assert_eq!(result.is_ok(), editable);
    assert_eq!(app.title == "Ny titel", editable);
}

#[test]
fn an_applicant_cannot_edit_another_units_draft() {
    let app = application_in(ApplicationState::Draft);
    assert!(matches!(app.authorize_edit(&actor(&[Role::Applicant], 2)), Err(DomainError::Forbidden(_))));
    assert!(app.authorize_edit(&actor(&[Role::Coach], 2)).is_ok());
}

/// The whole lifecycle, written out: every move that is allowed and the roles that may
/// make it (applicant = of the applying unit). Every other move, for every role, is refused.
#[test]
fn every_transition_is_allowed_or_refused_exactly_as_the_lifecycle_says() {
    use ApplicationState::*;
    const APPLICANT_SIDE: &[Role] = &[Role::Applicant, Role::Coach, Role::Office];
    let allowed: Vec<(ApplicationState, ApplicationState, &[Role])> = vec![
        (Idea, Draft, APPLICANT_SIDE),
        (Draft, Submitted, APPLICANT_SIDE),
        (SupplementRequested, Submitted, APPLICANT_SIDE),
        (ReferredBack, Draft, APPLICANT_SIDE),
        (Submitted, SupplementRequested, &[Role::Office, Role::Coach, Role::Valuer]),
        (Submitted, Valued, &[Role::Valuer]),
        (Valued, InReview, &[Role::Office]),
        (InReview, Proposed, &[Role::Office]),
        (InReview, SupplementRequested, &[Role::Office]),
        (Proposed, Granted, &[Role::Office]),
        (Proposed, Rejected, &[Role::Office]),
        (Proposed, ReferredBack, &[Role::Office]),
        (Granted, Running, &[Role::Office]),
        (Running, Closed, &[Role::Office]),
        (Closed, FollowedUp, &[Role::Office]),
        (Idea, Withdrawn, APPLICANT_SIDE),
        (Draft, Withdrawn, APPLICANT_SIDE),
        (Submitted, Withdrawn, APPLICANT_SIDE),
        (SupplementRequested, Withdrawn, APPLICANT_SIDE),
        (Valued, Withdrawn, APPLICANT_SIDE),
        (InReview, Withdrawn, APPLICANT_SIDE),
        (Proposed, Withdrawn, APPLICANT_SIDE),
        (ReferredBack, Withdrawn, APPLICANT_SIDE),
    ];
    let mut checked = 0;
    for from in ApplicationState::ALL {
        for to in ApplicationState::ALL {
            for role in Role::ALL {
                let expected = allowed.iter().any(|(f, t, roles)| *f == from && *t == to && roles.contains(&role));
                let result = Transition { from, to }.authorize(&actor(&[role], 1), UnitId(Uuid::from_u128(1)));
                assert_eq!(result.is_ok(), expected, "{from:?} → {to:?} as {role:?}");
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 14 * 14 * 7);
}

#[test]
fn an_applicant_of_another_unit_is_refused_every_applicant_side_move() {
    let other = actor(&[Role::Applicant], 2);
    let result = Transition { from: ApplicationState::Draft, to: ApplicationState::Submitted }
        .authorize(&other, UnitId(Uuid::from_u128(1)));
    assert!(matches!(result, Err(DomainError::Forbidden(_))));
}
