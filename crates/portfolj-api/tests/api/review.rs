//! Beredning through the API on the small demo: a round, its members, jäv found and
//! declared, scores refused where the rules say so, and the summary.

use serde_json::{Value, json};

use super::{Fixture, act_as, demo, err, file_bytes, ok};

fn criteria(level: u8) -> Value {
    let mut map = serde_json::Map::new();
    for key in ["fit", "benefit", "feasibility", "risk", "reuse"] {
        map.insert(key.to_owned(), json!({"level": level, "comment": "Motiverat utifrån ansökan."}));
    }
    Value::Object(map)
}

fn people(f: &Fixture) -> Vec<Value> {
    ok(f, "persona.list", json!({})).as_array().expect("people").clone()
}

fn reviewers(f: &Fixture) -> Vec<Value> {
    people(f).into_iter().filter(|p| p["roles"].as_array().is_some_and(|r| r.contains(&json!("reviewer")))).collect()
}

#[test]
fn a_round_refuses_jävig_unassigned_and_bad_scores_and_summarises_the_rest() {
    let f = demo();
    let app = super::applications(&f).into_iter().find(|a| a["state"] == "valued").expect("a valued application");
    let round = ok(&f, "review.round.create", json!({"portfolio": app["portfolio"], "year": app["fiscal_year"]}));
    let round_id = round["id"].as_str().expect("id").to_owned();
    assert!(round["applications"].as_u64().is_some_and(|n| n >= 1));
    let group = reviewers(&f);
    let (javig, other) = (group[0].clone(), group[1].clone());
    for member in [&javig, &other] {
        ok(&f, "review.member.add", json!({"round_id": round_id, "person_id": member["email"]}));
    }
    let score = |criteria: Value| json!({"round_id": round_id, "application_id": app["id"], "criteria": criteria});
    // The office records an economic interest for the first member.
    let declared = json!({"round_id": round_id, "application_id": app["id"], "person_id": javig["email"],
        "kind": "economic_interest", "motivation": "Äger aktier i leverantören."});
    ok(&f, "review.jav.declare", declared);

    // The jävig member is refused, and nothing is stored.
    ok(&f, "persona.switch", json!({"person_id": javig["id"]}));
    let before = file_bytes(&f);
    let e = err(&f, "review.score", score(criteria(4)));
    assert_eq!(e.code.as_str(), "forbidden");
    assert!(e.message.contains("jävig"), "{}", e.message);
    assert!(file_bytes(&f) == before);
    // …and sees no one's scores for that application.
    ok(&f, "persona.switch", json!({"person_id": other["id"]}));
    let bad = err(&f, "review.score", score(criteria(7)));
    assert_eq!(bad.code.as_str(), "validation");
    let first = ok(&f, "review.score", score(criteria(4)));
    assert_eq!((first["version"].clone(), first["total"].as_str()), (json!(1), Some("4")));
    let second = ok(&f, "review.score", score(criteria(3)));
    assert_eq!(second["version"], 2, "a new version; the first is kept");
    ok(&f, "persona.switch", json!({"person_id": javig["id"]}));
    let hidden = ok(&f, "review.summary", json!({"id": round_id}));
    let row = hidden["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["application_id"] == app["id"])
        .expect("row")
        .clone();
    assert_eq!(
        (row["hidden"].clone(), row["mean"].clone(), row["scores"].clone()),
        (json!(true), Value::Null, json!(0))
    );

    // The office sees the figures, the jäv and that the review is complete.
    act_as(&f, "office", None);
    let summary = ok(&f, "review.summary", json!({"id": round_id}));
    let row = summary["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["application_id"] == app["id"])
        .expect("row")
        .clone();
    assert_eq!(row["mean"], "3");
    assert_eq!(row["scores"], 1);
    assert_eq!(row["complete"], true, "the jävig member is not missing: {row}");
    assert_eq!(row["jav"][0]["person_name"], javig["name"]);

    // A declared jäv takes the other member out too; then the office sees the member as jävig.
    ok(&f, "persona.switch", json!({"person_id": other["id"]}));
    let e = err(
        &f,
        "review.jav.declare",
        json!({"round_id": round_id, "application_id": app["id"], "kind": "bribe", "motivation": "x"}),
    );
    assert_eq!(e.code.as_str(), "validation");
    ok(
        &f,
        "review.jav.declare",
        json!({"round_id": round_id, "application_id": app["id"], "kind": "personal_relation", "motivation": "Projektledaren är min syster."}),
    );
    let e = err(&f, "review.score", score(criteria(5)));
    assert!(e.message.contains("personlig relation"), "{}", e.message);

    // Someone outside the group cannot score at all.
    act_as(&f, "valuer", None);
    assert_eq!(err(&f, "review.score", score(criteria(3))).code.as_str(), "forbidden");
    // Only the office opens rounds.
    assert_eq!(err(&f, "review.round.create", json!({"portfolio": 1, "year": 2030})).code.as_str(), "forbidden");
}
