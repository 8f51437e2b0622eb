//! Frames through the API: the office changes one with a reason and the history keeps
//! each version; a frame that breaks the rules, or a change without a reason, is refused
//! and nothing is stored; only the office changes frames.

use serde_json::json;

use super::{act_as, demo, err, file_bytes, ok};

#[test]
fn a_frame_change_is_kept_with_its_reason_and_used_by_prioritisation() {
    let f = demo();
    act_as(&f, "office", None);
    let set = json!({"portfolio": 1, "year": 2018, "amount": "60 000 000", "reason": "Tilläggsbudget från kommunstyrelsen.",
        "sub_frames": [{"part": "innovation", "amount": "12 000 000"}, {"part": "improvement", "amount": "30 000 000"},
                       {"part": "management", "amount": "18 000 000"}]});
    let frame = ok(&f, "frame.set", set);
    assert_eq!(frame["amount"], "60000000.00");
    let again =
        json!({"portfolio": 1, "year": 2018, "amount": "55000000", "reason": "Besparingskrav.", "sub_frames": []});
    ok(&f, "frame.set", again);
    let history = ok(&f, "frame.history", json!({"portfolio": 1, "year": 2018}));
    let versions: Vec<(u64, String, String)> = history
        .as_array()
        .expect("history")
        .iter()
        .map(|c| {
            (
                c["version"].as_u64().expect("v"),
                c["amount"].as_str().expect("a").to_owned(),
                c["reason"].as_str().expect("r").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        versions,
        vec![
            (1, "60000000.00".to_owned(), "Tilläggsbudget från kommunstyrelsen.".to_owned()),
            (2, "55000000.00".to_owned(), "Besparingskrav.".to_owned())
        ]
    );
    assert_eq!(history[0]["sub_frames"].as_array().map(Vec::len), Some(3));
    let listed = ok(&f, "frame.list", json!({}));
    let current = listed
        .as_array()
        .expect("frames")
        .iter()
        .find(|x| x["portfolio"] == 1 && x["year"] == 2018)
        .expect("frame")
        .clone();
    assert_eq!(current["amount"], "55000000.00");
    assert_eq!(ok(&f, "prioritise.run", json!({"portfolio": 1, "year": 2018}))["frame"], "55000000.00");
}

#[test]
fn a_bad_frame_or_a_change_without_a_reason_is_refused_and_nothing_is_stored() {
    let f = demo();
    act_as(&f, "office", None);
    let before = file_bytes(&f);
    let parts_over = json!({"portfolio": 1, "year": 2018, "amount": "10000000", "reason": "Test.",
        "sub_frames": [{"part": "innovation", "amount": "8000000"}, {"part": "improvement", "amount": "8000000"}]});
    assert_eq!(err(&f, "frame.set", parts_over).code.as_str(), "validation");
    let outside = json!({"portfolio": 1, "year": 2030, "amount": "10000000", "reason": "Test.", "sub_frames": []});
    assert_eq!(err(&f, "frame.set", outside).code.as_str(), "validation");
    let no_reason = json!({"portfolio": 1, "year": 2018, "amount": "10000000", "reason": " ", "sub_frames": []});
    let refused = err(&f, "frame.set", no_reason);
    assert!(refused.fields.iter().any(|e| e.field == "reason" && e.message.contains("varför")), "said at the reason");
    assert!(file_bytes(&f) == before);
    act_as(&f, "coach", None);
    let coach = json!({"portfolio": 1, "year": 2018, "amount": "1", "reason": "x", "sub_frames": []});
    assert_eq!(err(&f, "frame.set", coach).code.as_str(), "forbidden");
}
