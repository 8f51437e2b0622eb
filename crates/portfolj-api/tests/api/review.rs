//! Beredning through the API on the small demo: its open round for portfolio 1 in 2018
//! (five applications, four members, a declared jäv, an absence and a missing score),
//! the rules a score must follow, completeness before a proposal, and the story of an
//! office and three reviewer laptops exchanging signed bundles.

use serde_json::{Value, json};

use super::bundles::{decode, document, fs_certificate, import, public_key};
use super::{Fixture, act_as, demo, empty, err, file_bytes, ok};

pub(super) fn criteria(level: u8) -> Value {
    let mut map = serde_json::Map::new();
    for key in ["fit", "benefit", "feasibility", "risk", "reuse"] {
        map.insert(key.to_owned(), json!({"level": level, "comment": "Motiverat utifrån ansökan."}));
    }
    Value::Object(map)
}

fn round_of(f: &Fixture, portfolio: u8, year: i32) -> Value {
    ok(f, "review.rounds", json!({}))
        .as_array()
        .expect("rounds")
        .iter()
        .find(|r| r["portfolio"] == portfolio && r["year"] == year)
        .expect("the demo's round")
        .clone()
}

fn open_round(f: &Fixture) -> Value {
    round_of(f, 1, 2018)
}

fn summary(f: &Fixture, round: &Value) -> Value {
    ok(f, "review.summary", json!({"id": round["id"]}))
}

fn rows(summary: &Value) -> Vec<Value> {
    summary["rows"].as_array().expect("rows").clone()
}

fn member(round: &Value, index: usize) -> Value {
    round["members"][index]["person"].clone()
}

fn as_person(f: &Fixture, person: &Value) {
    ok(f, "persona.switch", json!({"person_id": person["id"]}));
}

/// The application the demo's first member declared jäv for, and that member.
fn declared_jav(f: &Fixture, round: &Value) -> (Value, Value) {
    act_as(f, "office", None);
    let s = summary(f, round);
    let row = rows(&s).into_iter().find(|r| r["jav"].as_array().is_some_and(|j| !j.is_empty())).expect("a jäv");
    let person_id = row["jav"][0]["person_id"].clone();
    let person = round["members"]
        .as_array()
        .expect("members")
        .iter()
        .map(|m| m["person"].clone())
        .find(|p| p["id"] == person_id)
        .expect("the jävig member");
    (row, person)
}

/// A member without jäv, and an application of the round other than the jävig one.
fn member_and_application(f: &Fixture, round: &Value) -> (Value, Value) {
    let (jav_row, javig) = declared_jav(f, round);
    let member = (0..4).map(|i| member(round, i)).find(|p| p["id"] != javig["id"]).expect("another member");
    let application = rows(&summary(f, round))
        .into_iter()
        .map(|r| r["application_id"].clone())
        .find(|a| *a != jav_row["application_id"])
        .expect("application");
    (member, application)
}

/// The message and every field's message, as the form shows them.
fn said(e: &portfolj_api::ApiError) -> String {
    std::iter::once(e.message.clone()).chain(e.fields.iter().map(|f| f.message.clone())).collect::<Vec<_>>().join(" ")
}

fn score_args(round: &Value, application: &Value, criteria: Value) -> Value {
    json!({"round_id": round["id"], "application_id": application, "criteria": criteria})
}

#[test]
fn a_jävig_member_cannot_score_and_sees_no_scores_until_the_group_recommends() {
    let f = demo();
    let round = open_round(&f);
    let (row, javig) = declared_jav(&f, &round);
    assert_eq!(row["jav"][0]["kind"], "personal_relation");
    assert!(row["cells"].as_array().expect("cells").iter().any(|c| c["state"] == "jav"));

    as_person(&f, &javig);
    let before = file_bytes(&f);
    let e = err(&f, "review.score", score_args(&round, &row["application_id"], criteria(4)));
    assert_eq!(e.code.as_str(), "forbidden");
    assert!(e.message.contains("jävig") && e.message.contains("personlig relation"), "{}", e.message);
    let e = err(
        &f,
        "review.draft.save",
        json!({"round_id": round["id"], "application_id": row["application_id"], "criteria": {}}),
    );
    assert_eq!(e.code.as_str(), "forbidden");
    assert!(file_bytes(&f) == before, "nothing stored");

    // Not in the summary, the matrix, the ranks or the history.
    let hidden =
        rows(&summary(&f, &round)).into_iter().find(|r| r["application_id"] == row["application_id"]).expect("row");
    assert_eq!(
        (hidden["hidden"].clone(), hidden["mean"].clone(), hidden["scores"].clone(), hidden["raw_rank"].clone()),
        (json!(true), Value::Null, json!(0), Value::Null)
    );
    assert!(hidden["cells"].as_array().expect("cells").iter().all(|c| c["total"].is_null()));
    let e = err(&f, "review.history", json!({"round_id": round["id"], "application_id": row["application_id"]}));
    assert_eq!(e.code.as_str(), "forbidden");

    // Once the group has recommended, the figures are open to everyone.
    act_as(&f, "office", None);
    let recommend = json!({"round_id": round["id"], "application_id": row["application_id"], "kind": "oppose",
        "motivation": "Nyttan är inte belagd.", "meeting_date": "2017-12-10"});
    ok(&f, "review.recommend", recommend);
    as_person(&f, &javig);
    let open =
        rows(&summary(&f, &round)).into_iter().find(|r| r["application_id"] == row["application_id"]).expect("row");
    assert_eq!(open["hidden"], false);
    assert!(open["mean"].is_string());
}

#[rstest::rstest]
#[case::personal_relation("personal_relation", "personlig relation")]
#[case::economic_interest("economic_interest", "ekonomiskt intresse")]
#[case::other("other", "annat jäv")]
fn each_declared_jäv_kind_refuses_the_score(#[case] kind: &str, #[case] named: &str) {
    let f = demo();
    let round = open_round(&f);
    let (member, application) = member_and_application(&f, &round);
    // The office records it for the member.
    act_as(&f, "office", None);
    let declared = json!({"round_id": round["id"], "application_id": application, "person_id": member["email"],
        "kind": kind, "motivation": "Antecknat av projektkontoret."});
    let after = ok(&f, "review.jav.declare", declared);
    let row = rows(&after).into_iter().find(|r| r["application_id"] == application).expect("row");
    assert!(row["jav"].as_array().expect("jav").iter().any(|j| j["kind"] == kind && j["person_id"] == member["id"]));
    as_person(&f, &member);
    let before = file_bytes(&f);
    let e = err(&f, "review.score", score_args(&round, &application, criteria(3)));
    assert_eq!(e.code.as_str(), "forbidden");
    assert!(e.message.contains(named), "{}", e.message);
    assert!(file_bytes(&f) == before);
}

#[test]
fn only_the_member_or_the_office_declares_and_only_the_undetected_kinds() {
    let f = demo();
    let round = open_round(&f);
    let (jav_row, javig) = declared_jav(&f, &round);
    let others: Vec<Value> = (0..4).map(|i| member(&round, i)).filter(|p| p["id"] != javig["id"]).collect();
    as_person(&f, &others[0]);
    let for_someone = json!({"round_id": round["id"], "application_id": jav_row["application_id"],
        "person_id": others[1]["id"], "kind": "other", "motivation": "x"});
    assert_eq!(err(&f, "review.jav.declare", for_someone).code.as_str(), "forbidden");
    let detected = json!({"round_id": round["id"], "application_id": jav_row["application_id"], "kind": "same_unit", "motivation": "x"});
    assert_eq!(err(&f, "review.jav.declare", detected).code.as_str(), "validation");
    let unmotivated = json!({"round_id": round["id"], "application_id": jav_row["application_id"], "kind": "other", "motivation": " "});
    assert!(said(&err(&f, "review.jav.declare", unmotivated)).contains("protokollet"));
}

#[test]
fn unit_jäv_is_found_from_the_organisation_and_refuses_the_score() {
    let f = demo();
    let round = round_of(&f, 2, 2013);
    act_as(&f, "office", None);
    let s = summary(&f, &round);
    let row = rows(&s)
        .into_iter()
        .find(|r| r["jav"].as_array().is_some_and(|j| j.iter().any(|x| x["kind"] == "same_unit")))
        .expect("the demo has a member from the applying unit");
    let jav = row["jav"].as_array().expect("jav").iter().find(|x| x["kind"] == "same_unit").expect("same unit").clone();
    assert_eq!(jav["kind_sv"], "samma enhet som den sökande");
    ok(&f, "persona.switch", json!({"person_id": jav["person_id"]}));
    let e = err(&f, "review.score", score_args(&round, &row["application_id"], criteria(5)));
    assert_eq!(e.code.as_str(), "forbidden");
    assert!(e.message.contains("samma enhet"), "{}", e.message);
}

#[test]
fn scores_outside_the_scale_without_comments_or_not_assigned_are_refused() {
    let f = demo();
    let round = open_round(&f);
    let (scorer, application) = member_and_application(&f, &round);
    as_person(&f, &scorer);
    let before = file_bytes(&f);
    let e = err(&f, "review.score", score_args(&round, &application, criteria(7)));
    assert_eq!(e.code.as_str(), "validation");
    assert!(said(&e).contains("1–5"), "{}", said(&e));
    let mut no_comment = criteria(3);
    no_comment["risk"]["comment"] = json!(" ");
    let e = err(&f, "review.score", score_args(&round, &application, no_comment));
    assert!(said(&e).contains("Motivera bedömningen av \"Risk\""), "{}", said(&e));
    assert!(file_bytes(&f) == before);

    // The office gives the member a subset without this application.
    act_as(&f, "office", None);
    let others: Vec<Value> = rows(&summary(&f, &round))
        .into_iter()
        .map(|r| r["application_id"].clone())
        .filter(|a| *a != application)
        .take(2)
        .collect();
    let e = err(
        &f,
        "review.assign",
        json!({"round_id": round["id"], "person_id": scorer["id"], "application_ids": others, "cap": 1}),
    );
    assert!(said(&e).contains("högst 1"), "{}", said(&e));
    let assigned = ok(
        &f,
        "review.assign",
        json!({"round_id": round["id"], "person_id": scorer["id"], "application_ids": others, "cap": 2}),
    );
    let load = assigned["members"]
        .as_array()
        .expect("members")
        .iter()
        .find(|m| m["person"]["id"] == scorer["id"])
        .expect("member")
        .clone();
    assert_eq!(
        (load["assigns_all"].clone(), load["load"].clone(), load["cap"].clone()),
        (json!(false), json!(2), json!(2))
    );
    as_person(&f, &scorer);
    let e = err(&f, "review.score", score_args(&round, &application, criteria(3)));
    assert!(e.message.contains("inte tilldelad"), "{}", e.message);
    assert_eq!(ok(&f, "review.mine", json!({"id": round["id"]}))["items"].as_array().map(Vec::len), Some(2));

    // Someone outside the group cannot score at all; a closed round takes no scores.
    act_as(&f, "valuer", None);
    assert_eq!(err(&f, "review.score", score_args(&round, &application, criteria(3))).code.as_str(), "forbidden");
    act_as(&f, "office", None);
    ok(&f, "review.round.close", json!({"round_id": round["id"]}));
    as_person(&f, &scorer);
    let e = err(&f, "review.score", score_args(&round, &others[0], criteria(3)));
    assert!(e.message.contains("stängd"), "{}", e.message);
}

#[test]
fn a_new_score_is_a_new_version_and_every_version_can_be_read_back() {
    let f = demo();
    let round = open_round(&f);
    let (scorer, application) = member_and_application(&f, &round);
    as_person(&f, &scorer);
    let history =
        |f: &Fixture| ok(f, "review.history", json!({"round_id": round["id"], "application_id": application}));
    let earlier = history(&f).as_array().expect("versions").iter().filter(|v| v["person_id"] == scorer["id"]).count();
    let saved = ok(&f, "review.score", score_args(&round, &application, criteria(2)));
    assert_eq!(saved["version"], earlier + 1);
    assert_eq!(saved["total"], "2");
    let versions: Vec<Value> =
        history(&f).as_array().expect("versions").iter().filter(|v| v["person_id"] == scorer["id"]).cloned().collect();
    assert_eq!(versions.len(), earlier + 1, "the earlier versions are kept");
    assert_eq!(versions.last().expect("newest")["criteria"]["fit"]["level"], 2);
}

#[test]
fn the_rubric_can_change_until_the_first_score_and_must_stay_sound() {
    let f = demo();
    act_as(&f, "office", None);
    let locked = open_round(&f);
    assert_eq!(locked["rubric_locked"], true);
    let mut rubric = locked["rubric"].clone();
    let e = err(&f, "review.rubric.set", json!({"round_id": locked["id"], "rubric": rubric}));
    assert!(e.message.contains("låst"), "{}", e.message);

    let fresh = ok(&f, "review.round.create", json!({"portfolio": 3, "year": 2019}));
    assert_eq!(fresh["rubric_locked"], false);
    rubric["criteria"][0]["weight"] = json!("30");
    let e = err(&f, "review.rubric.set", json!({"round_id": fresh["id"], "rubric": rubric}));
    assert!(said(&e).contains("Vikterna ska tillsammans vara 100"), "{}", said(&e));
    rubric["criteria"][1]["weight"] = json!("20");
    let set = ok(&f, "review.rubric.set", json!({"round_id": fresh["id"], "rubric": rubric}));
    assert_eq!(set["rubric"]["criteria"][0]["weight"], "30");
    act_as(&f, "coach", None);
    assert_eq!(err(&f, "review.round.create", json!({"portfolio": 1, "year": 2030})).code.as_str(), "forbidden");
}

#[test]
fn an_incomplete_review_blocks_the_proposal_until_the_missing_member_is_absent() {
    let f = demo();
    let round = open_round(&f);
    act_as(&f, "office", None);
    let row = rows(&summary(&f, &round))
        .into_iter()
        .find(|r| r["complete"] == false && r["state"] != "proposed")
        .expect("the demo's open round misses a score");
    let missing = row["missing"][0].as_str().expect("name").to_owned();
    let recommend = |kind: &str| {
        json!({"round_id": round["id"], "application_id": row["application_id"], "kind": kind,
            "motivation": "Väl underbyggd nytta.", "conditions": "", "meeting_date": "2017-12-10"})
    };
    let before = file_bytes(&f);
    let e = err(&f, "review.recommend", recommend("support"));
    assert!(e.message.contains(&missing) && e.message.contains("inte klar"), "{}", e.message);
    // Not by way of the lifecycle either.
    let e =
        err(&f, "application.transition", json!({"id": row["application_id"], "to": "proposed", "reason": "Klar."}));
    assert!(e.message.contains("inte klar") || e.code.as_str() == "forbidden", "{}", e.message);
    assert!(file_bytes(&f) == before);
    // Conditions are required with "med villkor".
    let cell = row["cells"].as_array().expect("cells").iter().find(|c| c["state"] == "missing").expect("cell").clone();
    ok(
        &f,
        "review.absent",
        json!({"round_id": round["id"], "application_id": row["application_id"], "person_id": cell["person_id"], "reason": "Sjuk vid mötet."}),
    );
    let e = err(&f, "review.recommend", recommend("support_with_conditions"));
    assert!(said(&e).contains("villkoren"), "{}", said(&e));
    let done = ok(&f, "review.recommend", recommend("support"));
    let row = rows(&done).into_iter().find(|r| r["application_id"] == row["application_id"]).expect("row");
    assert_eq!(
        (row["complete"].clone(), row["state"].clone(), row["recommendation"]["kind_sv"].clone()),
        (json!(true), json!("proposed"), json!("tillstyrks"))
    );
    assert_eq!(row["absent"][0]["reason"], "Sjuk vid mötet.");
}

#[test]
fn komplettering_may_be_asked_for_before_the_review_is_complete() {
    let f = demo();
    let round = open_round(&f);
    act_as(&f, "office", None);
    let row = rows(&summary(&f, &round)).into_iter().find(|r| r["complete"] == false).expect("incomplete");
    let done = ok(
        &f,
        "review.recommend",
        json!({"round_id": round["id"], "application_id": row["application_id"], "kind": "supplement",
        "motivation": "Beskriv hur driften finansieras.", "meeting_date": "2017-12-10"}),
    );
    assert!(
        rows(&done).iter().all(|r| r["application_id"] != row["application_id"]),
        "it leaves the round for komplettering"
    );
    let app = ok(&f, "application.get", json!({"id": row["application_id"]}));
    assert_eq!(app["state"], "supplement_requested");
}

// ---- The story: an office and three reviewer laptops --------------------------------

struct Laptop {
    f: Fixture,
    person: Value,
}

fn join(office: &Fixture, person: &Value) -> Laptop {
    let f = empty();
    ok(&f, "identity.init", json!({}));
    let invitation = ok(
        office,
        "office.invite",
        json!({"person_id": person["id"], "public_key": public_key(&f), "review_groups": [1]}),
    );
    import(&f, &decode(&invitation)).expect("joins");
    Laptop { f, person: person.clone() }
}

#[test]
fn three_reviewer_laptops_score_offline_and_the_office_refuses_a_jävig_score_in_a_bundle() {
    let office = demo();
    ok(&office, "identity.init", json!({}));
    ok(&office, "office.init", json!({}));
    let round = open_round(&office);
    let (jav_row, javig) = declared_jav(&office, &round);
    let others: Vec<Value> = (0..4).map(|i| member(&round, i)).filter(|p| p["id"] != javig["id"]).take(2).collect();
    let laptops: Vec<Laptop> =
        [javig.clone(), others[0].clone(), others[1].clone()].iter().map(|p| join(&office, p)).collect();

    // Each member gets their round; the jävig member's laptop knows the jäv too.
    for laptop in &laptops {
        let bundle =
            ok(&office, "review.bundle.export", json!({"round_id": round["id"], "person_id": laptop.person["id"]}));
        import(&laptop.f, &decode(&bundle)).expect("the reviewer bundle");
        let mine = ok(&laptop.f, "review.mine", json!({"id": round["id"]}));
        assert_eq!(mine["items"].as_array().map(Vec::len), Some(5), "every application of the round");
        assert!(
            mine["items"].as_array().expect("items").iter().all(|i| i["valuation"]["npv"].is_string()),
            "valuations frozen in"
        );
    }
    let jav_laptop = &laptops[0];
    let e = err(&jav_laptop.f, "review.score", score_args(&round, &jav_row["application_id"], criteria(5)));
    assert_eq!(e.code.as_str(), "forbidden", "refused on the member's own laptop");

    // Everyone rescores an application offline; the versions follow their earlier ones.
    let target = rows(&summary(&office, &round))
        .into_iter()
        .map(|r| r["application_id"].clone())
        .find(|a| *a != jav_row["application_id"])
        .expect("application");
    let mut expected_versions = Vec::new();
    for (laptop, level) in laptops.iter().zip([2u8, 3, 5]) {
        let earlier = ok(&office, "review.history", json!({"round_id": round["id"], "application_id": target}))
            .as_array()
            .expect("versions")
            .iter()
            .filter(|v| v["person_id"] == laptop.person["id"])
            .count();
        let saved = ok(&laptop.f, "review.score", score_args(&round, &target, criteria(level)));
        assert_eq!(saved["version"], earlier + 1);
        expected_versions.push((laptop.person["id"].clone(), earlier + 1, level));
    }
    // The office marks the third member absent where they have not scored.
    for laptop in &laptops {
        let scores = ok(&laptop.f, "review.scores.export", json!({"round_id": round["id"]}));
        import(&office, &decode(&scores)).expect("the scores bundle");
    }
    let history = ok(&office, "review.history", json!({"round_id": round["id"], "application_id": target}));
    for (person, version, level) in expected_versions {
        let newest = history
            .as_array()
            .expect("versions")
            .iter()
            .rev()
            .find(|v| v["person_id"] == person)
            .expect("version")
            .clone();
        assert_eq!(
            (newest["version"].clone(), newest["criteria"]["fit"]["level"].clone()),
            (json!(version), json!(level))
        );
    }
    // The office marks a member who never scored an application absent: complete.
    let incomplete = rows(&summary(&office, &round)).into_iter().find(|r| r["complete"] == false).expect("incomplete");
    let missing = incomplete["cells"]
        .as_array()
        .expect("cells")
        .iter()
        .find(|c| c["state"] == "missing")
        .expect("missing")
        .clone();
    let marked = ok(
        &office,
        "review.absent",
        json!({"round_id": round["id"], "application_id": incomplete["application_id"],
        "person_id": missing["person_id"], "reason": "Tjänstledig."}),
    );
    let row = rows(&marked).into_iter().find(|r| r["application_id"] == incomplete["application_id"]).expect("row");
    assert_eq!((row["complete"].clone(), row["absent"][0]["reason"].clone()), (json!(true), json!("Tjänstledig.")));

    // Taking the same scores again changes nothing (every version is already here).
    let again = ok(&laptops[1].f, "review.scores.export", json!({"round_id": round["id"]}));
    import(&office, &decode(&again)).expect("the same scores again");
    let after = ok(&office, "review.history", json!({"round_id": round["id"], "application_id": target}));
    assert_eq!(after, history);

    // The jävig member's laptop signs a score of the application anyway: the office
    // refuses the whole bundle and its database file is unchanged.
    let bytes = score_bundle(&office, &jav_laptop.f, &javig, &round["id"], &jav_row["application_id"], 5);
    let before = file_bytes(&office);
    let e = import(&office, &bytes).expect_err("refused");
    assert_eq!(e.code.as_str(), "bundle_score_refused");
    assert!(e.message.contains("jävig") && e.message.contains("Hela paketet avvisas"), "{}", e.message);
    assert!(file_bytes(&office) == before, "the database is unchanged");
}

/// A scores bundle the member's laptop signs by hand, next in its channel to the office: how
/// a laptop could try to send a score its own app refuses.
pub(super) fn score_bundle(
    office: &Fixture,
    laptop: &Fixture,
    person: &Value,
    round_id: &Value,
    application_id: &Value,
    level: u8,
) -> Vec<u8> {
    let signer = portfolj_sync::Signer::open(
        &std::fs::read_to_string(laptop.path.with_file_name("portfolj.db.keys/laptop.key")).expect("key"),
        None,
    )
    .expect("signer");
    let office_key = ok(office, "identity.show", json!({}))["key_id"].as_str().expect("id").to_owned();
    let log = ok(laptop, "bundle.log", json!({}));
    let sent = log.as_array().expect("log").iter().rev().find(|b| b["direction"] == "out").expect("sent").clone();
    let score = json!({"round_id": round_id, "application_id": application_id, "version": 1,
        "submitted_at": "2017-10-02T10:00:00Z", "criteria": criteria(level)});
    let ops = vec![portfolj_sync::Operation::Score { person_id: person["id"].as_str().expect("id").to_owned(), score }];
    let mut doc = document(
        &signer,
        fs_certificate(laptop),
        "Jävig",
        Some(&office_key),
        sent["sequence"].as_u64().expect("sequence") + 1,
        sent["hash"].as_str().map(str::to_owned),
        super::bundles::at(2017, 11),
        ops,
    );
    doc.manifest.kind = portfolj_sync::BundleKind::Member;
    portfolj_sync::bundle::seal(&doc, &signer).expect("seal").0
}
