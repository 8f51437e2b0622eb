//! Store tests on real SQLite files in temporary directories.

use std::path::Path;

use chrono::{TimeZone, Utc};
use portfolj_core::{
    Application, ApplicationId, ApplicationState, Frame, ItCategory, OrgUnit, Person, PersonId, Portfolio,
    PortfolioPart, Programme, Role, Sek, SubFrame, UnitId, UnitKind,
};
use portfolj_store::tables::application::{self, ApplicationFilter};
use portfolj_store::tables::{frame, org, programme, setting};
use portfolj_store::{APPLICATION_ID, Copied, LATEST_VERSION, Store, StoreError};
use rusqlite::Connection;
use uuid::Uuid;

fn temp_db() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("portfolj.db");
    (dir, path)
}

fn unit() -> OrgUnit {
    OrgUnit { id: UnitId(Uuid::from_u128(1)), name: "Trafikkontoret".into(), kind: UnitKind::Department }
}

fn person() -> Person {
    Person {
        id: PersonId(Uuid::from_u128(2)),
        name: "Anna Lind".into(),
        email: "anna.lind@stockholm.se".into(),
        unit: unit().id,
        roles: vec![Role::Applicant, Role::Office],
    }
}

fn application(n: u128, title: &str, portfolio: Portfolio) -> Application {
    let at = Utc.with_ymd_and_hms(2014, 2, 1, 8, 0, 0).single().expect("date") + chrono::Duration::minutes(n as i64);
    Application {
        id: ApplicationId(Uuid::from_u128(n)),
        title: title.into(),
        unit: unit().id,
        portfolio,
        it_category: ItCategory::Differentiating,
        fiscal_year: 2014,
        requested_amount: Sek::parse("1250000,50").expect("amount"),
        purpose: "Syfte".into(),
        state: ApplicationState::Draft,
        created_at: at,
        created_by: person().id,
        updated_at: at,
    }
}

fn seeded(path: &Path) -> Store {
    let mut store = Store::open(path).expect("open");
    store
        .write(|tx| {
            programme::put(tx, &Programme::stockholm_2013_2018())?;
            org::insert_unit(tx, &unit())?;
            org::insert_person(tx, &person())?;
            Ok::<_, StoreError>(())
        })
        .expect("seed");
    store
}

fn file_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("read file")
}

#[test]
fn a_new_database_gets_the_schema_and_the_connection_settings() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).expect("open");
    store
        .read(|tx| {
            let fk: i64 = tx.pragma_query_value(None, "foreign_keys", |r| r.get(0))?;
            let journal: String = tx.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
            let sync: i64 = tx.pragma_query_value(None, "synchronous", |r| r.get(0))?;
            let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
            let app_id: i64 = tx.pragma_query_value(None, "application_id", |r| r.get(0))?;
            assert_eq!((fk, journal.as_str(), sync), (1, "wal", 2));
            assert_eq!((version, app_id), (LATEST_VERSION, APPLICATION_ID));
            Ok::<_, StoreError>(())
        })
        .expect("read");
}

#[test]
fn reference_data_round_trips() {
    let (_dir, path) = temp_db();
    let mut store = seeded(&path);
    let frame_2014 = Frame {
        portfolio: Portfolio::Innovation,
        year: 2014,
        amount: Sek::kronor(12_000_000).expect("amount"),
        sub_frames: vec![SubFrame { part: PortfolioPart::Innovation, amount: Sek::kronor(8_000_000).expect("amount") }],
    };
    store.write(|tx| frame::put(tx, &frame_2014)).expect("frame");
    drop(store);
    let mut store = Store::open(&path).expect("reopen");
    store
        .read(|tx| {
            assert_eq!(programme::get(tx)?, Some(Programme::stockholm_2013_2018()));
            assert_eq!(programme::focus_areas(tx)?.len(), 5);
            assert_eq!(programme::council_goals(tx)?.len(), 3);
            assert_eq!(org::units(tx)?, vec![unit()]);
            assert_eq!(org::people(tx)?, vec![person()]);
            assert_eq!(org::person(tx, person().id)?, Some(person()));
            assert_eq!(frame::all(tx)?, vec![frame_2014.clone()]);
            Ok::<_, StoreError>(())
        })
        .expect("read");
}

#[test]
fn applications_are_listed_filtered_and_counted() {
    let (_dir, path) = temp_db();
    let mut store = seeded(&path);
    store
        .write(|tx| {
            for (n, title, p) in
                [(10, "E-tjänst för bygglov", Portfolio::CitizenService), (11, "LIS-rapporter", Portfolio::Information)]
            {
                let app = application(n, title, p);
                application::insert(tx, &app)?;
                application::insert_event(tx, &app.creation_event("Ansökan skapad.".into()))?;
            }
            Ok::<_, StoreError>(())
        })
        .expect("insert");
    store
        .read(|tx| {
            let all = application::list(tx, &ApplicationFilter::default())?;
            assert_eq!(
                all.iter().map(|l| l.application.title.as_str()).collect::<Vec<_>>(),
                ["LIS-rapporter", "E-tjänst för bygglov"]
            );
            assert_eq!(all[0].unit_name, "Trafikkontoret");
            let text = ApplicationFilter { text: Some("BYGG".into()), ..Default::default() };
            assert_eq!(application::list(tx, &text)?.len(), 1);
            let p2 = ApplicationFilter { portfolio: Some(Portfolio::Information), ..Default::default() };
            assert_eq!(
                application::list(tx, &p2)?[0].application,
                application(11, "LIS-rapporter", Portfolio::Information)
            );
            let counts = application::count_by_portfolio_year_state(tx)?;
            assert_eq!(
                counts,
                vec![
                    (Portfolio::CitizenService, 2014, ApplicationState::Draft, 1),
                    (Portfolio::Information, 2014, ApplicationState::Draft, 1),
                ]
            );
            let events = application::events(tx, ApplicationId(Uuid::from_u128(10)))?;
            assert_eq!(events.len(), 1);
            assert_eq!(events[0].actor_name, "Anna Lind");
            Ok::<_, StoreError>(())
        })
        .expect("read");
}

#[test]
fn a_failing_use_case_stores_nothing() {
    let (_dir, path) = temp_db();
    let mut store = seeded(&path);
    let result: Result<(), StoreError> = store.write(|tx| {
        application::insert(tx, &application(20, "Första", Portfolio::Innovation))?;
        // Second insert with the same id violates the primary key: the whole use case fails.
        application::insert(tx, &application(20, "Dubblett", Portfolio::Innovation))?;
        Ok(())
    });
    assert!(result.is_err());
    let count = store.read(|tx| application::count(tx)).expect("count");
    assert_eq!(count, 0);
}

#[test]
fn foreign_keys_are_enforced() {
    let (_dir, path) = temp_db();
    let mut store = seeded(&path);
    let mut orphan = application(30, "Utan enhet", Portfolio::Innovation);
    orphan.unit = UnitId(Uuid::from_u128(404));
    assert!(store.write(|tx| application::insert(tx, &orphan)).is_err());
}

#[test]
fn settings_are_kept() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).expect("open");
    store.write(|tx| setting::set(tx, setting::key::DEMO, "true")).expect("set");
    store.write(|tx| setting::set(tx, setting::key::DEMO, "false")).expect("overwrite");
    assert_eq!(store.read(|tx| setting::get(tx, setting::key::DEMO)).expect("get").as_deref(), Some("false"));
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_untouched() {
    let (_dir, path) = temp_db();
    std::fs::write(&path, "Det här är en anteckning, ingen databas.\n".repeat(100)).expect("write");
    let before = file_bytes(&path);
    let err = Store::open(&path).expect_err("refused");
    assert!(matches!(err, StoreError::NotADatabase(_)), "{err}");
    assert!(err.to_string().contains("inte ändrats"));
    assert!(file_bytes(&path) == before, "the file is unchanged");
}

#[test]
fn a_damaged_database_is_refused_and_untouched() {
    let (_dir, path) = temp_db();
    drop(seeded(&path));
    let mut bytes = file_bytes(&path);
    // Keep the 16-byte magic, wreck the rest of the header and the schema page.
    for b in bytes.iter_mut().skip(16).take(4000) {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).expect("write");
    let err = Store::open(&path).expect_err("refused");
    assert!(matches!(err, StoreError::NotADatabase(_) | StoreError::Damaged { .. }), "{err}");
    assert!(file_bytes(&path) == bytes, "the file is unchanged");
}

#[test]
fn a_database_from_a_newer_portfolj_is_refused_and_untouched() {
    let (_dir, path) = temp_db();
    drop(seeded(&path));
    let conn = Connection::open(&path).expect("raw open");
    conn.pragma_update(None, "user_version", LATEST_VERSION + 1).expect("bump");
    drop(conn);
    let before = file_bytes(&path);
    let err = Store::open(&path).expect_err("refused");
    assert!(matches!(err, StoreError::Newer { .. }), "{err}");
    assert!(err.to_string().contains("nyare version"));
    assert!(file_bytes(&path) == before, "the file is unchanged");
}

#[test]
fn another_programs_database_is_refused_and_untouched() {
    let (_dir, path) = temp_db();
    let conn = Connection::open(&path).expect("raw open");
    conn.execute_batch("CREATE TABLE recipes (name TEXT);").expect("other schema");
    drop(conn);
    let before = file_bytes(&path);
    let err = Store::open(&path).expect_err("refused");
    assert!(matches!(err, StoreError::NotPortfolj(_)), "{err}");
    assert!(file_bytes(&path) == before, "the file is unchanged");
}

/// Applied migrations are history: this pins the text of each one. If this fails you
/// edited an applied migration; restore it and add a new migration instead.
#[test]
fn applied_migrations_are_never_edited() {
    fn fnv1a(text: &str) -> u64 {
        text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
    }
    let pinned: &[u64] = &[
        PINNED_0001,
        PINNED_0002,
        PINNED_0003,
        PINNED_0004,
        PINNED_0005,
        PINNED_0006,
        PINNED_0007,
        PINNED_0008,
        PINNED_0009,
        PINNED_0010,
        PINNED_0011,
        PINNED_0012,
        PINNED_0013,
        PINNED_0014,
        PINNED_0015,
        PINNED_0016,
        PINNED_0017,
        PINNED_0018,
        PINNED_0019,
        PINNED_0020,
    ];
    let actual: Vec<u64> = portfolj_store::migration_sources().iter().map(|s| fnv1a(s)).collect();
    assert_eq!(actual.len(), pinned.len(), "pin every migration, the new one too");
    assert_eq!(actual, pinned);
}

const PINNED_0001: u64 = 1_946_850_468_429_888_535;
const PINNED_0002: u64 = 16_406_095_466_112_605_151;
const PINNED_0003: u64 = 16_470_388_313_657_082_291;
const PINNED_0004: u64 = 1_892_175_352_670_578_415;
const PINNED_0005: u64 = 13_103_718_870_139_985_450;
const PINNED_0006: u64 = 7_367_968_890_344_132_104;
const PINNED_0007: u64 = 9_514_102_700_126_784_604;
const PINNED_0008: u64 = 3_786_318_988_698_655_305;
const PINNED_0009: u64 = 5_841_089_234_174_234_381;
const PINNED_0010: u64 = 636_557_035_517_346_108;
const PINNED_0011: u64 = 10_745_144_035_949_025_160;
const PINNED_0012: u64 = 10_105_357_967_489_486_667;
const PINNED_0013: u64 = 16508488622405102485;
const PINNED_0014: u64 = 6432178599763399047;
const PINNED_0015: u64 = 1426293763286172383;
const PINNED_0016: u64 = 5739410243771772520;
const PINNED_0017: u64 = 1083386768264837409;
const PINNED_0018: u64 = 10788226244318439456;
const PINNED_0019: u64 = 6732727065466093420;
const PINNED_0020: u64 = 1286226322203125253;

#[test]
fn versions_threads_and_notes_are_kept_in_order() {
    use portfolj_store::tables::work;
    let (_dir, path) = temp_db();
    let mut store = seeded(&path);
    let app = application(40, "E-tjänst för skolval", Portfolio::CitizenService);
    let at = app.created_at;
    store
        .write(|tx| {
            application::insert(tx, &app)?;
            assert_eq!(work::freeze(tx, app.id, at, person().id, r#"{"v":1}"#)?, 1);
            assert_eq!(work::freeze(tx, app.id, at, person().id, r#"{"v":2}"#)?, 2);
            work::add_message(tx, app.id, at, person().id, "question", "Vem äger tjänsten?")?;
            work::add_message(tx, app.id, at, person().id, "answer", "Utbildningsnämnden.")?;
            work::add_note(tx, app.id, at, person().id, "Be om driftbudget.")?;
            Ok::<_, StoreError>(())
        })
        .expect("write");
    store
        .read(|tx| {
            let versions = work::versions(tx, app.id)?;
            assert_eq!(versions.iter().map(|v| v.number).collect::<Vec<_>>(), vec![1, 2]);
            assert_eq!(work::version(tx, app.id, 2)?.map(|v| v.content), Some(r#"{"v":2}"#.to_owned()));
            assert_eq!(work::version(tx, app.id, 3)?, None);
            let thread = work::thread(tx, app.id)?;
            assert_eq!(thread.iter().map(|m| m.kind.as_str()).collect::<Vec<_>>(), vec!["question", "answer"]);
            assert_eq!(work::notes(tx, app.id)?[0].body, "Be om driftbudget.");
            Ok::<_, StoreError>(())
        })
        .expect("read");
}

#[test]
fn search_finds_words_in_the_indexed_text_with_prefixes_and_filters() {
    let (_dir, path) = temp_db();
    let mut store = seeded(&path);
    let mut app = application(50, "Felanmälan i parkmiljö", Portfolio::CitizenService);
    store
        .write(|tx| {
            application::insert(tx, &app)?;
            application::insert(tx, &application(51, "LIS-rapporter", Portfolio::Information))?;
            app.title = "Felanmälan i gatu- och parkmiljö".into();
            application::update_content(tx, &app, "{}", "Medborgare anmäler trasig belysning med mobilen.")
        })
        .expect("write");
    store
        .read(|tx| {
            let words = |w: &[&str]| w.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
            let found = application::search(tx, &words(&["belys", "MOBILEN"]), &ApplicationFilter::default(), 50)?;
            assert_eq!(
                found.iter().map(|l| l.application.title.as_str()).collect::<Vec<_>>(),
                vec!["Felanmälan i gatu- och parkmiljö"]
            );
            assert!(
                application::search(
                    tx,
                    &words(&["\"; DROP TABLE application; --"]),
                    &ApplicationFilter::default(),
                    50
                )?
                .is_empty()
            );
            let p2 = ApplicationFilter { portfolio: Some(Portfolio::Information), ..Default::default() };
            assert!(application::search(tx, &words(&["belysning"]), &p2, 50)?.is_empty());
            Ok::<_, StoreError>(())
        })
        .expect("read");
}

#[test]
fn a_version_1_database_is_migrated_with_its_data() {
    let (_dir, path) = temp_db();
    let conn = Connection::open(&path).expect("raw open");
    conn.execute_batch(portfolj_store::migration_sources()[0]).expect("schema 1");
    conn.pragma_update(None, "user_version", 1).expect("version 1");
    conn.pragma_update(None, "application_id", APPLICATION_ID).expect("id");
    drop(conn);
    drop(seeded_v1(&path));
    let mut store = Store::open(&path).expect("migrates");
    let found = store
        .read(|tx| application::search(tx, &["bygglov".to_owned()], &ApplicationFilter::default(), 10))
        .expect("search");
    assert_eq!(found.len(), 1, "applications from before migration 2 are searchable");
}

/// Rows written the way a version-1 Portfölj wrote them.
fn seeded_v1(path: &Path) -> Connection {
    let conn = Connection::open(path).expect("raw open");
    conn.execute_batch(
        "INSERT INTO org_unit VALUES ('00000000-0000-0000-0000-000000000001', 'Trafikkontoret', 'department');
         INSERT INTO person VALUES ('00000000-0000-0000-0000-000000000002', 'Anna Lind', 'a@stockholm.se', '00000000-0000-0000-0000-000000000001');
         INSERT INTO focus_area VALUES (1, 'Service', 'Service');
         INSERT INTO application VALUES ('00000000-0000-0000-0000-000000000009', 'E-tjänst för bygglov', '00000000-0000-0000-0000-000000000001', 1,
             'differentiating', 2014, 100, 'Syfte', 'draft', '2014-01-01T00:00:00.000Z', '00000000-0000-0000-0000-000000000002', '2014-01-01T00:00:00.000Z');",
    )
    .expect("v1 rows");
    conn
}

#[test]
fn round_totals_follow_every_application_aggregate_written_or_rewritten() {
    use portfolj_store::tables::review::{self, Round, Tally};
    let (_dir, path) = temp_db();
    drop(Store::open(&path).expect("migrated"));
    // A bare connection (no foreign keys): the aggregates alone, without a programme.
    let tx = Connection::open(&path).expect("open");
    tx.execute_batch("PRAGMA foreign_keys = OFF").expect("pragma");
    let round = Round { id: "r".into(), portfolio: 1, year: 2018, rubric: "round".into(), state: "open".into() };
    review::insert_round(&tx, &round, Utc.with_ymd_and_hms(2017, 11, 1, 9, 0, 0).single().expect("date"))
        .expect("round");
    let tally = |application: &str, scores: u32, disagreement: bool| Tally {
        application: application.into(),
        scores,
        criteria: scores * 5,
        mean: "3".into(),
        median: "3".into(),
        min: "2".into(),
        max: "4".into(),
        spread: "2".into(),
        std_dev: "1".into(),
        disagreement,
    };
    review::put_tally(&tx, "r", &tally("a", 3, true)).expect("a");
    review::put_tally(&tx, "r", &tally("b", 2, false)).expect("b");
    review::put_tally(&tx, "r", &tally("a", 4, false)).expect("a again");
    let totals = review::round_tallies(&tx).expect("totals");
    assert_eq!(totals.len(), 1);
    let t = &totals[0];
    assert_eq!((t.scored, t.scores, t.criteria, t.disagreements), (2, 6, 30, 0));
}

/// A database of many pages: a long text in each of 200 applications.
fn large(path: &Path) -> Store {
    let mut store = seeded(path);
    store
        .write(|tx| {
            for n in 100..300 {
                let mut app = application(n, &format!("Ansökan {n}"), Portfolio::CitizenService);
                app.purpose = "Ett långt syfte. ".repeat(400);
                application::insert(tx, &app)?;
            }
            Ok::<_, StoreError>(())
        })
        .expect("filled");
    store
}

#[test]
fn a_backup_copies_every_page_step_by_step_and_stops_when_asked() {
    let (dir, path) = temp_db();
    let mut store = large(&path);
    let mut steps: Vec<(u64, u64)> = Vec::new();
    let whole = dir.path().join("kopia.db");
    let copied = store.backup_to(&whole, |done, total| {
        steps.push((done, total));
        true
    });
    assert_eq!(copied.expect("copied"), Copied::Whole);
    assert!(steps.len() >= 2, "a large database is copied in steps: {steps:?}");
    assert!(steps.windows(2).all(|w| w[0].0 < w[1].0), "each step copies more: {steps:?}");
    let mut copy = Store::open(&whole).expect("the copy opens");
    let count = |s: &mut Store| s.read(|tx| application::count(tx)).expect("count");
    assert_eq!(count(&mut copy), count(&mut store));
    assert_eq!(count(&mut copy), 200);

    let stopped = dir.path().join("avbruten.db");
    let mut asked = 0;
    let copied = store.backup_to(&stopped, |_, _| {
        asked += 1;
        false
    });
    assert_eq!(copied.expect("stopped, not failed"), Copied::Stopped);
    assert_eq!(asked, 1, "no page is copied after the first no");
}
