//! The API through `call`, as every shell uses it, on real SQLite files. One test binary
//! for the crate; modules by area.

mod bundles;
mod decision;
mod export;
mod followup;
mod frame;
mod generated_types;
mod memo;
mod prioritise;
mod review;
mod scenario;
mod setup;
mod status;
#[path = "../../../../tests/story.rs"]
mod story;
mod work;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, TimeZone, Utc};
use portfolj_api::{Api, ApiError, Clock, dispatch::COMMANDS};
use proptest::prelude::*;
use rstest::rstest;
use serde_json::{Value, json};
use uuid::Uuid;

/// A clock that stands still and counts ids, so results are reproducible.
#[derive(Debug, Default)]
struct FixedClock(AtomicU64);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2017, 10, 2, 10, 0, 0).single().expect("date")
    }
    fn new_id(&self) -> Uuid {
        Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0000 + u128::from(self.0.fetch_add(1, Ordering::SeqCst)))
    }
}

pub(crate) struct Fixture {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
    pub api: Api,
}

pub(crate) fn empty() -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("portfolj.db");
    let api = Api::open_with_clock(&path, Box::new(FixedClock::default())).expect("open");
    Fixture { _dir: dir, path, api }
}

pub(crate) fn demo() -> Fixture {
    let f = empty();
    f.api.call("demo.init", json!({"scale": "small", "seed": 1})).expect("demo");
    f
}

pub(crate) fn ok(f: &Fixture, command: &str, args: Value) -> Value {
    f.api.call(command, args).unwrap_or_else(|e| panic!("{command} failed: {} {}", e.code.as_str(), e.message))
}

pub(crate) fn err(f: &Fixture, command: &str, args: Value) -> ApiError {
    f.api.call(command, args).expect_err("should fail")
}

pub(crate) fn applications(f: &Fixture) -> Vec<Value> {
    ok(f, "application.list", json!({})).as_array().expect("array").clone()
}

pub(crate) fn unit_id(f: &Fixture, name: &str) -> String {
    let programme = ok(f, "programme.get", Value::Null);
    programme["units"].as_array().expect("units").iter().find(|u| u["name"] == name).expect("unit")["id"]
        .as_str()
        .expect("id")
        .to_owned()
}

pub(crate) fn act_as(f: &Fixture, role: &str, unit: Option<&str>) -> Value {
    let people = ok(f, "persona.list", json!({}));
    let person = people
        .as_array()
        .expect("people")
        .iter()
        .find(|p| {
            p["roles"].as_array().expect("roles").contains(&json!(role)) && unit.is_none_or(|u| p["unit_name"] == u)
        })
        .expect("persona with role")
        .clone();
    ok(f, "persona.switch", json!({"person_id": person["id"]}));
    person
}

pub(crate) fn new_application(f: &Fixture, unit: &str) -> Value {
    json!({
        "title": "E-tjänst för felanmälan av gatubelysning",
        "unit_id": unit_id(f, unit),
        "portfolio": 1,
        "it_category": "differentiating",
        "fiscal_year": 2018,
        "requested_amount": "1 234 567,50",
        "purpose": "Medborgare ska kunna anmäla trasig belysning från mobilen.",
    })
}

pub(crate) fn file_bytes(f: &Fixture) -> Vec<u8> {
    std::fs::read(&f.path).expect("db file")
}

#[test]
fn the_small_demo_covers_every_portfolio_category_and_state() {
    let f = demo();
    let apps = applications(&f);
    assert!(apps.len() >= 40, "{} applications", apps.len());
    let set = |key: &str| apps.iter().map(|a| a[key].to_string()).collect::<BTreeSet<_>>();
    assert_eq!(set("portfolio").len(), 5);
    assert_eq!(set("it_category").len(), 3);
    assert_eq!(set("state").len(), 14);
    for a in &apps {
        for key in ["id", "title", "portfolio", "state", "unit_name", "requested_amount"] {
            assert!(!a[key].is_null(), "{key} present");
        }
    }
}

#[test]
fn demo_data_is_deterministic_per_seed() {
    let (a, b) = (demo(), demo());
    assert_eq!(applications(&a), applications(&b));
    let c = empty();
    ok(&c, "demo.init", json!({"scale": "small", "seed": 2}));
    assert_ne!(applications(&a), applications(&c));
}

#[test]
fn demo_data_is_refused_in_a_database_that_has_data() {
    let f = demo();
    let before = applications(&f);
    let e = err(&f, "demo.init", json!({"scale": "small"}));
    assert_eq!(e.code.as_str(), "conflict");
    assert_eq!(applications(&f), before);
}

/// The generator counts the applications it writes and stops on "Avbryt": the database is
/// left empty, and the demo can be made afterwards.
#[test]
fn a_demo_cancelled_while_it_is_generated_leaves_the_database_empty() {
    let f = empty();
    let before = file_bytes(&f);
    let e = cancelled_while_running(&f, || f.api.call("demo.init", json!({"scale": "small", "seed": 1})));
    assert!(e.message.contains("Databasen är lika tom som förut"), "{}", e.message);
    assert_eq!(file_bytes(&f), before);
    assert_eq!(err(&f, "programme.get", json!({})).code.as_str(), "no_identity");
    let made = ok(&f, "demo.init", json!({"scale": "small", "seed": 1}));
    assert_eq!(made["applications"].as_u64(), Some(applications(&f).len() as u64));
}

#[test]
fn the_overview_has_frames_for_every_portfolio_and_year_and_counts_every_application() {
    let f = demo();
    let overview = ok(&f, "overview.get", json!({}));
    let frames = overview["frames"].as_array().expect("frames");
    assert_eq!(frames.len(), 5 * 6);
    assert_eq!(frames[0]["amount"], "45000000.00");
    let counted: u64 =
        overview["state_counts"].as_array().expect("counts").iter().map(|c| c["count"].as_u64().expect("n")).sum();
    assert_eq!(counted, applications(&f).len() as u64);
}

#[test]
fn an_application_is_created_listed_and_read_back_with_its_history() {
    let f = demo();
    let before = applications(&f).len();
    let created = ok(&f, "application.create", new_application(&f, "Trafikkontoret"));
    assert_eq!(created["state"], "draft");
    assert_eq!(created["requested_amount"], "1234567.50");
    assert_eq!(created["events"][0]["actor_name"], "Karin Ek");
    assert_eq!(applications(&f).len(), before + 1);
    let read = ok(&f, "application.get", json!({"id": created["id"]}));
    assert_eq!(read, created);
    let found = ok(&f, "application.list", json!({"text": "gatubelysning", "portfolio": 1}));
    assert_eq!(found.as_array().expect("array").len(), 1);
}

#[rstest]
#[case::empty_title("title", json!(""), "title")]
#[case::unknown_unit("unit_id", json!("00000000-0000-0000-0000-000000000000"), "unit_id")]
#[case::unknown_portfolio("portfolio", json!(9), "portfolio")]
#[case::negative_amount("requested_amount", json!("-100"), "requested_amount")]
#[case::over_precise_amount("requested_amount", json!("100,001"), "requested_amount")]
#[case::year_outside_programme("fiscal_year", json!(2030), "fiscal_year")]
fn bad_input_gets_a_swedish_field_error_and_stores_nothing(
    #[case] key: &str,
    #[case] value: Value,
    #[case] field: &str,
) {
    let f = demo();
    let mut args = new_application(&f, "Trafikkontoret");
    args[key] = value;
    let before = file_bytes(&f);
    let e = err(&f, "application.create", args);
    assert_eq!(e.code.as_str(), "validation");
    assert_eq!(e.fields.iter().map(|x| x.field.as_str()).collect::<Vec<_>>(), vec![field]);
    assert!(e.message.contains("inget har sparats"));
    assert!(file_bytes(&f) == before, "the database file is unchanged");
}

#[test]
fn an_applicant_creates_only_for_their_own_unit() {
    let f = demo();
    act_as(&f, "applicant", Some("Trafikkontoret"));
    ok(&f, "application.create", new_application(&f, "Trafikkontoret"));
    let before = applications(&f).len();
    let e = err(&f, "application.create", new_application(&f, "Socialförvaltningen"));
    assert_eq!(e.code.as_str(), "forbidden");
    assert_eq!(applications(&f).len(), before);
}

#[rstest]
#[case::valuer("valuer")]
#[case::reviewer("reviewer")]
#[case::council("council")]
fn roles_outside_the_applicant_side_cannot_create(#[case] role: &str) {
    let f = demo();
    act_as(&f, role, None);
    assert_eq!(err(&f, "application.create", new_application(&f, "Trafikkontoret")).code.as_str(), "forbidden");
}

#[test]
fn the_lifecycle_is_enforced_through_call() {
    let f = demo();
    act_as(&f, "applicant", Some("Trafikkontoret"));
    let app = ok(&f, "application.create", new_application(&f, "Trafikkontoret"));
    let id = app["id"].clone();
    let e = err(&f, "application.transition", json!({"id": id, "to": "granted"}));
    assert_eq!(e.code.as_str(), "conflict");
    let submitted = ok(&f, "application.transition", json!({"id": id, "to": "submitted"}));
    assert_eq!(submitted["state"], "submitted");
    assert_eq!(submitted["events"].as_array().expect("events").len(), 2);
    let e = err(&f, "application.transition", json!({"id": id, "to": "valued"}));
    assert_eq!(e.code.as_str(), "forbidden");
}

#[test]
fn a_database_without_a_programme_says_how_to_get_started() {
    let f = empty();
    let e = err(&f, "session.get", json!({}));
    assert_eq!(e.code.as_str(), "no_identity");
    assert!(e.message.contains("demo init"));
    assert_eq!(err(&f, "persona.list", json!({})).code.as_str(), "forbidden");
}

#[test]
fn personas_switch_only_in_a_demo_database() {
    let f = demo();
    let person = act_as(&f, "valuer", None);
    assert_eq!(ok(&f, "session.get", json!({}))["person"]["id"], person["id"]);
    assert_eq!(ok(&f, "session.get", json!({}))["demo"], true);
}

#[rstest]
#[case::unknown_command("application.delete_all", json!({}), "unknown_command")]
#[case::args_not_an_object("application.get", json!([1, 2]), "bad_arguments")]
#[case::missing_field("application.get", json!({}), "bad_arguments")]
#[case::unknown_field("application.list", json!({"colour": "blå"}), "bad_arguments")]
#[case::wrong_type("application.create", json!({"title": 5}), "bad_arguments")]
#[case::unknown_scale("demo.init", json!({"scale": "galactic"}), "bad_arguments")]
#[case::unknown_id("application.get", json!({"id": "inte-ett-id"}), "not_found")]
fn malformed_calls_get_a_code_and_a_message(#[case] command: &str, #[case] args: Value, #[case] code: &str) {
    let f = demo();
    let e = err(&f, command, args);
    assert_eq!(e.code.as_str(), code);
    assert!(!e.message.is_empty());
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::from),
        Just(json!("draft")),
        Just(json!(1)),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map(
                prop_oneof![
                    Just("title".to_owned()),
                    Just("id".to_owned()),
                    Just("portfolio".to_owned()),
                    Just("requested_amount".to_owned()),
                    Just("to".to_owned()),
                    "[a-z_]{1,8}"
                ],
                inner,
                0..5
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    /// No input to any command panics, and a rejected call leaves the file as it was
    /// unless the command is one that may legitimately write.
    #[test]
    fn call_never_panics_on_any_input(command in prop::sample::select(COMMANDS), args in any_json()) {
        let f = demo();
        let _ = f.api.call(command, args);
    }
}

/// Runs `work` while another thread presses "Avbryt" (`progress.cancel`) as soon as the work
/// has started, as the UI does while it runs; asserts that the cancel reached the running work
/// and returns the work's answer.
pub(crate) fn cancelled_while_running(f: &Fixture, work: impl FnOnce() -> Result<Value, ApiError>) -> ApiError {
    use std::sync::atomic::AtomicBool;
    assert_eq!(ok(f, "progress.cancel", json!({})), json!(false), "nothing runs, nothing to cancel");
    let (ready, finished) = (AtomicBool::new(false), AtomicBool::new(false));
    std::thread::scope(|scope| {
        let canceller = scope.spawn(|| {
            ready.store(true, Ordering::Release);
            while !finished.load(Ordering::Acquire) {
                if f.api.call("progress.cancel", json!({})).expect("cancel answers") == json!(true) {
                    return true;
                }
                std::hint::spin_loop();
            }
            false
        });
        while !ready.load(Ordering::Acquire) {
            std::hint::spin_loop();
        }
        let result = work();
        finished.store(true, Ordering::Release);
        assert!(canceller.join().expect("canceller"), "the cancel reached the running work");
        let e = result.expect_err("cancelled");
        assert_eq!(e.code.as_str(), "cancelled", "{}", e.message);
        e
    })
}

/// The text of a PDF the API returned as `{content_base64}`, after `qpdf --check` accepts it;
/// whitespace runs made one space.
pub(crate) fn pdf_text(file: &Value) -> String {
    use base64::Engine as _;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(file["content_base64"].as_str().expect("content"))
        .expect("base64");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("file.pdf");
    std::fs::write(&path, bytes).expect("written");
    let check = std::process::Command::new("qpdf").arg("--check").arg(&path).output().expect("qpdf");
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    let text = std::process::Command::new("pdftotext").arg("-layout").arg(&path).arg("-").output().expect("pdftotext");
    String::from_utf8(text.stdout).expect("utf8").split_whitespace().collect::<Vec<_>>().join(" ")
}
