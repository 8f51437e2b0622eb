//! Prioritisation through the API on the small demo: the open 2018 round of portfolio 1
//! (five applications awaiting a decision) under its frame, under a tight scenario frame,
//! with forced and tied choices, and refused for anyone but the office.

use serde_json::{Value, json};

use super::{act_as, demo, err, ok};

fn run(f: &super::Fixture, args: Value) -> Value {
    ok(f, "prioritise.run", args)
}

fn chosen(result: &Value) -> Vec<String> {
    result["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["chosen"] == true)
        .map(|r| r["title"].as_str().expect("title").to_owned())
        .collect()
}

#[test]
fn everything_fits_the_recorded_frame_and_a_tight_frame_leaves_reasons() {
    let f = demo();
    act_as(&f, "office", None);
    let all = run(&f, json!({"portfolio": 1, "year": 2018}));
    let rows = all["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 5);
    assert!(rows.iter().all(|r| r["chosen"] == true), "the recorded frame holds all five");
    assert!(rows.iter().all(|r| r["score_mean"].is_string()), "the group's means are the values");

    // A scenario frame of 5 000 000 kr (sub-frames in proportion): the improvement part
    // (half) holds only the cheapest; every other one says what is left of it.
    let tight = run(&f, json!({"portfolio": 1, "year": 2018, "frame": "5 000 000", "frontier_step": 50}));
    assert_eq!(tight["frame"], "5000000.00");
    assert_eq!(chosen(&tight), vec!["E-tjänst för bygglov".to_owned()]);
    for row in tight["rows"].as_array().expect("rows").iter().filter(|r| r["chosen"] == false) {
        assert_eq!(row["reason_code"], "does_not_fit");
        assert_eq!(row["reason"], "Ryms inte: 1\u{a0}660\u{a0}000\u{a0}kr återstår av delramen.", "{row}");
    }
    let frontier = tight["frontier"].as_array().expect("frontier");
    let percents: Vec<u64> = frontier.iter().filter_map(|p| p["percent"].as_u64()).collect();
    assert_eq!(percents, vec![0, 50, 100, 150]);
    assert_eq!(frontier[2]["added"], json!([]), "the step to 100 % adds nothing beyond 50 %");
}

#[test]
fn forced_and_tied_choices_are_honoured_and_an_impossible_set_is_explained() {
    let f = demo();
    act_as(&f, "office", None);
    let all = run(&f, json!({"portfolio": 1, "year": 2018}));
    let id = |title: &str| {
        all["rows"].as_array().expect("rows").iter().find(|r| r["title"] == title).expect("row")["application_id"]
            .clone()
    };
    let (bygglov, vigsel) = (id("E-tjänst för bygglov"), id("Vigseltjänst – bokning av borgerlig vigsel"));
    let out = run(
        &f,
        json!({"portfolio": 1, "year": 2018, "forced_out": [bygglov],
        "excludes": [{"application_id": vigsel, "other_id": id("Skolval för förskoleklass")}]}),
    );
    let reasons: Vec<(String, String)> = out["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["chosen"] == false)
        .map(|r| (r["title"].as_str().expect("t").to_owned(), r["reason_code"].as_str().expect("code").to_owned()))
        .collect();
    assert!(reasons.contains(&("E-tjänst för bygglov".to_owned(), "forced_out".to_owned())), "{reasons:?}");
    assert!(reasons.iter().any(|(_, code)| code == "excluded_by"), "{reasons:?}");

    let impossible = json!({"portfolio": 1, "year": 2018, "forced_in": [vigsel], "forced_out": [bygglov],
        "requires": [{"application_id": vigsel, "other_id": bygglov}]});
    let e = err(&f, "prioritise.run", impossible);
    assert!(e.message.contains("kräver") && e.message.contains("tvingad ut"), "{}", e.message);
    let over = json!({"portfolio": 1, "year": 2018, "frame": "100000", "forced_in": [vigsel]});
    assert!(err(&f, "prioritise.run", over).message.contains("mer än ramen"));
}

#[test]
fn only_the_office_prioritises() {
    let f = demo();
    act_as(&f, "coach", None);
    assert_eq!(err(&f, "prioritise.run", json!({"portfolio": 1, "year": 2018})).code.as_str(), "forbidden");
    act_as(&f, "office", None);
    let e = err(&f, "prioritise.run", json!({"portfolio": 1, "year": 2018, "objective": "tur"}));
    assert_eq!(e.code.as_str(), "validation");
}
