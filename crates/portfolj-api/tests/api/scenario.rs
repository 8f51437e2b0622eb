//! Scenarios through the API on the small demo's open round (portfolio 1, 2018): saved by
//! name, compared side by side, one adopted as the proposal the memo then uses; a scenario
//! that cannot be solved, a taken or empty name, or another role is refused and nothing is
//! stored.

use serde_json::{Value, json};

use super::{Fixture, act_as, demo, err, file_bytes, ok};

fn settings(frame: Option<&str>, forced_in: &[&Value]) -> Value {
    json!({"portfolio": 1, "year": 2018, "objective": "score", "frame": frame, "forced_in": forced_in})
}

fn candidates(f: &Fixture) -> Vec<Value> {
    ok(f, "prioritise.run", json!({"portfolio": 1, "year": 2018}))["rows"].as_array().expect("rows").clone()
}

#[test]
fn scenarios_are_compared_side_by_side_and_the_adopted_one_is_the_memos_proposal() {
    let f = demo();
    act_as(&f, "office", None);
    let whole = ok(&f, "scenario.save", json!({"name": "Hela ramen", "settings": settings(None, &[])}));
    let small = ok(&f, "scenario.save", json!({"name": "Ram 5 mkr", "settings": settings(Some("5000000"), &[])}));
    let names: Vec<Value> = ok(&f, "scenario.list", json!({"portfolio": 1, "year": 2018}))
        .as_array()
        .expect("list")
        .iter()
        .map(|s| s["name"].clone())
        .collect();
    assert_eq!(names, vec![json!("Hela ramen"), json!("Ram 5 mkr")]);

    let comparison = ok(&f, "scenario.compare", json!({"ids": [whole["id"], small["id"]]}));
    let rows = comparison["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), candidates(&f).len());
    let chosen = |column: usize| rows.iter().filter(|r| r["chosen"][column] == true).count();
    assert!(chosen(1) < chosen(0), "a smaller frame holds fewer: {} vs {}", chosen(1), chosen(0));
    assert_eq!(comparison["scenarios"][1]["result"]["frame"], "5000000.00");
    // Each column agrees with running the scenario's settings directly.
    let direct = ok(&f, "prioritise.run", settings(Some("5000000"), &[]));
    for row in direct["rows"].as_array().expect("rows") {
        let compared = rows.iter().find(|r| r["application_id"] == row["application_id"]).expect("same application");
        assert_eq!(compared["chosen"][1], row["chosen"]);
    }

    let proposal = ok(&f, "proposal.adopt", json!({"scenario_id": small["id"]}));
    assert_eq!(proposal["version"], 1);
    assert_eq!(proposal["scenario_name"], "Ram 5 mkr");
    let items = proposal["items"].as_array().expect("items");
    assert_eq!(items.len(), chosen(1));
    assert_eq!(ok(&f, "proposal.get", json!({"portfolio": 1, "year": 2018})), proposal);
    assert_eq!(
        ok(&f, "proposal.adopt", json!({"scenario_id": whole["id"]}))["version"],
        2,
        "a new adoption is a new version"
    );
    ok(&f, "proposal.adopt", json!({"scenario_id": small["id"]}));

    let memo = ok(&f, "memo.preview", json!({"year": 2018, "portfolio": 1, "draft": true}));
    let text = memo["text"].as_str().expect("text");
    assert!(text.contains("Underlag: Antaget förslag: scenariot \"Ram 5 mkr\" (version 3"), "{text}");
    for item in items {
        assert!(
            text.contains(&format!(". {}\n", item["title"].as_str().expect("title"))),
            "{} has its page",
            item["title"]
        );
    }
    assert!(text.contains("## Inte i förslaget"), "the rest are listed with why");
}

#[test]
fn a_scenario_that_cannot_be_solved_or_lacks_a_free_name_is_refused_and_nothing_is_stored() {
    let f = demo();
    act_as(&f, "office", None);
    ok(&f, "scenario.save", json!({"name": "Hela ramen", "settings": settings(None, &[])}));
    let before = file_bytes(&f);
    let all = candidates(&f);
    let ids: Vec<&Value> = all.iter().map(|r| &r["application_id"]).collect();
    let over = err(&f, "scenario.save", json!({"name": "Allt in", "settings": settings(Some("1000"), &ids)}));
    assert!(over.message.contains("mer än ramen"), "{}", over.message);
    let taken = err(&f, "scenario.save", json!({"name": "Hela ramen", "settings": settings(None, &[])}));
    assert!(taken.fields.iter().any(|e| e.field == "name" && e.message.contains("redan")));
    let empty = err(&f, "scenario.save", json!({"name": "  ", "settings": settings(None, &[])}));
    assert!(empty.fields.iter().any(|e| e.field == "name"));
    assert!(file_bytes(&f) == before, "nothing stored");
}

#[test]
fn a_scenario_the_frame_no_longer_holds_is_shown_with_its_reason_in_the_comparison() {
    let f = demo();
    act_as(&f, "office", None);
    let all = candidates(&f);
    let first = &all[0]["application_id"];
    let forced = ok(&f, "scenario.save", json!({"name": "Med den första", "settings": settings(None, &[first])}));
    ok(&f, "frame.set", json!({"portfolio": 1, "year": 2018, "amount": "1000", "reason": "Nedskärning."}));
    let comparison = ok(&f, "scenario.compare", json!({"ids": [forced["id"]]}));
    assert!(comparison["scenarios"][0]["result"].is_null());
    assert!(comparison["scenarios"][0]["refusal"].as_str().is_some_and(|r| r.contains("mer än ramen")));
    let refused = err(&f, "proposal.adopt", json!({"scenario_id": forced["id"]}));
    assert!(refused.message.contains("mer än ramen"));
}

#[test]
fn only_the_projektkontor_works_with_scenarios_and_proposals() {
    let f = demo();
    act_as(&f, "office", None);
    let saved = ok(&f, "scenario.save", json!({"name": "Hela ramen", "settings": settings(None, &[])}));
    for role in ["coach", "valuer", "reviewer"] {
        act_as(&f, role, None);
        let before = file_bytes(&f);
        for (command, args) in [
            ("scenario.save", json!({"name": "X", "settings": settings(None, &[])})),
            ("scenario.list", json!({"portfolio": 1, "year": 2018})),
            ("scenario.compare", json!({"ids": [saved["id"]]})),
            ("scenario.delete", json!({"id": saved["id"]})),
            ("proposal.adopt", json!({"scenario_id": saved["id"]})),
            ("proposal.get", json!({"portfolio": 1, "year": 2018})),
        ] {
            assert_eq!(err(&f, command, args).code.as_str(), "forbidden", "{role} {command}");
        }
        assert!(file_bytes(&f) == before);
    }
}
