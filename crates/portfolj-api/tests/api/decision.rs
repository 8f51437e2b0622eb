//! Recording decisions through the API on the small demo: a proposed application granted
//! less than it asked for, the record locked (a correction is a new version with its
//! reason), and bad records refused with nothing stored.

use serde_json::{Value, json};

use super::{Fixture, act_as, applications, demo, err, file_bytes, ok};

fn decider(f: &Fixture) -> Value {
    let people = ok(f, "persona.list", json!({}));
    people
        .as_array()
        .expect("people")
        .iter()
        .find(|p| p["roles"].as_array().is_some_and(|r| r.contains(&json!("decider"))))
        .expect("the demo's stadsdirektör")
        .clone()
}

fn proposed(f: &Fixture) -> Value {
    applications(f).into_iter().find(|a| a["state"] == "proposed").expect("a proposed application")
}

fn grant(app: &Value, decider: &Value, amount: &str) -> Value {
    json!({"application_id": app["id"], "kind": "granted", "granted_amount": amount, "case_number": "KS 2017/1234",
        "decided_on": "2017-12-15", "decider_id": decider["email"], "conditions": "Återrapportering efter sex månader."})
}

#[test]
fn a_proposal_is_granted_and_a_correction_is_a_new_version_with_its_reason() {
    let f = demo();
    act_as(&f, "office", None);
    let (app, decider) = (proposed(&f), decider(&f));
    let requested: rust_decimal::Decimal = app["requested_amount"].as_str().expect("amount").parse().expect("decimal");
    let less = (requested / rust_decimal::Decimal::TWO).round_dp(0).to_string();
    let versions = ok(&f, "decision.record", grant(&app, &decider, &less));
    assert_eq!(versions[0]["kind_sv"], "beviljad");
    assert_eq!(versions[0]["case_number"], "KS 2017/1234");
    assert_eq!(ok(&f, "application.get", json!({"id": app["id"]}))["state"], "granted");

    // Locked: a correction without a reason is refused; with one it is version 2.
    let before = file_bytes(&f);
    let e = err(&f, "decision.record", grant(&app, &decider, "1000"));
    assert!(e.fields.iter().any(|x| x.message.contains("varför")), "{e:?}");
    assert!(file_bytes(&f) == before);
    let mut corrected = grant(&app, &decider, "1000");
    corrected["reason"] = json!("Rättat belopp efter protokollsjustering.");
    let versions = ok(&f, "decision.record", corrected);
    assert_eq!(versions.as_array().map(Vec::len), Some(2));
    assert_eq!(versions[0]["granted_amount"], format!("{less}.00"), "the first version is kept");
    assert_eq!(versions[1]["granted_amount"], "1000.00");
}

#[test]
fn bad_decisions_are_refused_and_nothing_is_stored() {
    let f = demo();
    act_as(&f, "office", None);
    let (app, decider) = (proposed(&f), decider(&f));
    let before = file_bytes(&f);
    let mut no_case = grant(&app, &decider, "1000");
    no_case["case_number"] = json!(" ");
    let e = err(&f, "decision.record", no_case);
    assert!(e.fields.iter().any(|x| x.message.contains("diarienummer")), "{e:?}");
    let too_much = grant(&app, &decider, "999999999");
    let e = err(&f, "decision.record", too_much);
    assert!(e.fields.iter().any(|x| x.message.contains("större än det sökta")), "{e:?}");
    let office = act_as(&f, "office", None);
    let mut not_decider = grant(&app, &decider, "1000");
    not_decider["decider_id"] = office["email"].clone();
    assert_eq!(err(&f, "decision.record", not_decider).code.as_str(), "forbidden");
    let draft = applications(&f).into_iter().find(|a| a["state"] == "draft").expect("draft");
    let e = err(&f, "decision.record", grant(&draft, &decider, "1000"));
    assert!(e.message.contains("inte föreslagen"), "{}", e.message);
    assert!(file_bytes(&f) == before);
    act_as(&f, "coach", None);
    assert_eq!(err(&f, "decision.record", grant(&app, &decider, "1000")).code.as_str(), "forbidden");
}

#[test]
fn the_decision_notice_says_the_decision_to_the_applying_unit_and_to_no_one_else() {
    let f = demo();
    act_as(&f, "office", None);
    let (app, decider) = (proposed(&f), decider(&f));
    assert_eq!(err(&f, "decision.notice", json!({"id": app["id"]})).code.as_str(), "conflict", "no decision yet");
    let requested: rust_decimal::Decimal = app["requested_amount"].as_str().expect("amount").parse().expect("decimal");
    let less = (requested / rust_decimal::Decimal::TWO).round_dp(0);
    ok(&f, "decision.record", grant(&app, &decider, &less.to_string()));
    let notice = ok(&f, "decision.notice", json!({"id": app["id"]}));
    assert_eq!(notice["file_name"], "beslut-ks-2017-1234.pdf");
    let text = super::pdf_text(&notice);
    let grouped = portfolj_api::format_kronor_sv(less).replace('\u{a0}', " ");
    assert!(text.contains(&format!("Beviljat belopp {grouped}")), "{text}");
    assert!(text.contains("Diarienummer KS 2017/1234") && text.contains("Villkor Återrapportering efter sex månader."));
    assert!(text.contains(&format!("Beslutsfattare {}", decider["name"].as_str().expect("name"))));
    assert!(text.contains("Sida 1 av 1"));
    let english = ok(&f, "decision.notice", json!({"id": app["id"], "language": "en"}));
    assert_eq!(english["file_name"], "decision-ks-2017-1234.pdf");
    let text = super::pdf_text(&english);
    assert!(text.contains(&format!("Amount granted {grouped}")) && text.contains("Case number KS 2017/1234"), "{text}");
    assert!(text.contains("Decision notice") && text.contains("Page 1 of 1") && !text.contains("Beslutsfattare"));
    // Someone of another unit, not the office, is refused.
    let unit = app["unit_name"].as_str().expect("unit").to_owned();
    let people = ok(&f, "persona.list", json!({}));
    let outsider = people
        .as_array()
        .expect("people")
        .iter()
        .find(|p| p["unit_name"] != unit.as_str() && !p["roles"].as_array().expect("roles").contains(&json!("office")))
        .expect("an outsider");
    ok(&f, "persona.switch", json!({"person_id": outsider["id"]}));
    assert_eq!(err(&f, "decision.notice", json!({"id": app["id"]})).code.as_str(), "forbidden");
}
