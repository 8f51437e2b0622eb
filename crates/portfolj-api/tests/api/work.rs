//! The work on an application: autosave, readiness, submitting and versions,
//! komplettering, coach notes, search.

use serde_json::{Value, json};

use super::{Fixture, act_as, demo, err, file_bytes, new_application, ok, unit_id};

/// A details document that passes every readiness rule for a differentiating
/// application of `unit` in 2018.
fn complete_details(f: &Fixture, unit: &str) -> Value {
    let unit = unit_id(f, unit);
    json!({
        "project_owner": "Eva Berg", "project_leader": "Johan Ström", "project_kind": "implementation",
        "start_date": "2018-02-01", "end_date": "2018-11-30",
        "problem": "Felanmälningar kommer på papper och telefon.",
        "process_change": "Ärenden går direkt till rätt entreprenör.",
        "goal_contributions": [{"goal": "KF1", "level": "strong", "motivation": "Tryggare gator."}],
        "platforms": [
            {"platform": "e_service_platform", "usage": "reused"},
            {"platform": "id_portal", "usage": "not_applicable"},
            {"platform": "lis", "usage": "exception", "exception_reference": "Dnr 031-2487/2017"}
        ],
        "system_owner": "Trafiknämnden", "owner_representative": "Lena Holm", "owner_accepted_on": "2017-11-20",
        "operations_split": [{"unit_id": unit, "share_percent": "100"}],
        "benefit_plan": [{"benefit": "Färre samtal", "responsible_unit_id": unit, "when": "2019", "how": "Statistik"}],
        "risks": [{"description": "Låg användning", "likelihood": "medium", "consequence": "medium", "mitigation": "Kampanj"}],
        "budget": [{"year": 2018, "internal_time": "300000", "external_services": "600 000", "licences": "50000", "equipment": "0"}]
    })
}

fn draft(f: &Fixture) -> (String, Value) {
    let created = ok(f, "application.create", new_application(f, "Trafikkontoret"));
    let id = created["id"].as_str().expect("id").to_owned();
    let basics = json!({
        "title": created["title"], "unit_id": created["unit_id"], "portfolio": created["portfolio"],
        "it_category": created["it_category"], "fiscal_year": created["fiscal_year"],
        "requested_amount": created["requested_amount"], "purpose": created["purpose"],
    });
    (id, basics)
}

fn failing_codes(f: &Fixture, id: &str) -> Vec<String> {
    let readiness = ok(f, "application.check", json!({"id": id}));
    readiness["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .filter(|r| r["ok"] == false)
        .map(|r| r["code"].as_str().expect("code").to_owned())
        .collect()
}

#[test]
fn autosave_keeps_the_working_copy_and_sets_the_amount_from_the_budget() {
    let f = demo();
    let (id, basics) = draft(&f);
    let saved = ok(
        &f,
        "application.update",
        json!({"id": id, "basics": basics, "details": complete_details(&f, "Trafikkontoret")}),
    );
    assert_eq!(saved["requested_amount"], "950000.00");
    assert_eq!(saved["details"]["problem"], "Felanmälningar kommer på papper och telefon.");
    assert_eq!(saved["editable"], true);
    let read = ok(&f, "application.get", json!({"id": id}));
    assert_eq!(read["details"], saved["details"]);
}

#[test]
fn a_new_draft_fails_readiness_and_cannot_be_submitted_with_the_same_message_everywhere() {
    let f = demo();
    let (id, _) = draft(&f);
    let failing = failing_codes(&f, &id);
    assert!(failing.len() >= 10, "{failing:?}");
    let e = err(&f, "application.submit", json!({"id": id}));
    assert_eq!(e.code.as_str(), "not_ready");
    assert!(e.message.starts_with("Ansökan kan inte lämnas in ännu:"));
    assert_eq!(e.fields.len(), failing.len());
    assert_eq!(ok(&f, "application.get", json!({"id": id}))["state"], "draft");
}

#[test]
fn submitting_freezes_a_version_that_judges_see_and_editing_stops() {
    let f = demo();
    let (id, basics) = draft(&f);
    ok(
        &f,
        "application.update",
        json!({"id": id, "basics": basics, "details": complete_details(&f, "Trafikkontoret")}),
    );
    assert_eq!(failing_codes(&f, &id), Vec::<String>::new());
    let submitted = ok(&f, "application.submit", json!({"id": id}));
    assert_eq!((submitted["state"].as_str(), submitted["versions"].as_u64()), (Some("submitted"), Some(1)));
    assert_eq!(submitted["editable"], false);
    let before = file_bytes(&f);
    let e = err(&f, "application.update", json!({"id": id, "basics": basics, "details": {}}));
    assert_eq!(e.code.as_str(), "conflict", "a frozen application cannot be edited: {}", e.message);
    assert!(file_bytes(&f) == before);
    act_as(&f, "valuer", None);
    let seen = ok(&f, "application.get", json!({"id": id}));
    assert_eq!(seen["shown_version"], 1);
    assert_eq!(seen["details"]["system_owner"], "Trafiknämnden");
}

#[test]
fn judges_never_see_a_draft() {
    let f = demo();
    let (id, _) = draft(&f);
    act_as(&f, "reviewer", None);
    assert_eq!(err(&f, "application.get", json!({"id": id})).code.as_str(), "forbidden");
    assert_eq!(err(&f, "application.check", json!({"id": id})).code.as_str(), "forbidden");
}

#[test]
fn a_komplettering_round_trip_makes_version_2_and_the_diff_shows_the_change() {
    let f = demo();
    let (id, basics) = draft(&f);
    let details = complete_details(&f, "Trafikkontoret");
    ok(&f, "application.update", json!({"id": id, "basics": basics, "details": details}));
    ok(&f, "application.submit", json!({"id": id}));
    act_as(&f, "valuer", None);
    let asked = ok(&f, "application.supplement.request", json!({"id": id, "text": "Hur mäts färre samtal?"}));
    assert_eq!(asked["state"], "supplement_requested");
    act_as(&f, "coach", None);
    ok(&f, "application.supplement.answer", json!({"id": id, "text": "Med kontaktcentrets statistik."}));
    let mut revised = details.clone();
    revised["benefit_plan"][0]["how"] = json!("Kontaktcentrets statistik per månad");
    ok(&f, "application.update", json!({"id": id, "basics": basics, "details": revised}));
    let resubmitted = ok(&f, "application.submit", json!({"id": id}));
    assert_eq!(resubmitted["versions"], 2);
    let history: Vec<&str> = resubmitted["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| e["reason"].as_str().expect("reason"))
        .collect();
    assert!(
        history.iter().any(|r| r.starts_with("Inlämnad som version 2 av projektcoach Ali Hassan för Trafikkontoret")),
        "{history:?}"
    );
    let diff = ok(&f, "application.diff", json!({"id": id, "from": 1, "to": 2}));
    assert_eq!(
        diff,
        json!([{"field": "details.benefit_plan[0].how", "before": "Statistik", "after": "Kontaktcentrets statistik per månad"}])
    );
    let thread = ok(&f, "application.thread", json!({"id": id}));
    let kinds: Vec<&str> =
        thread.as_array().expect("thread").iter().map(|m| m["kind"].as_str().expect("kind")).collect();
    assert_eq!(kinds, vec!["question", "answer"]);
}

#[test]
fn only_the_applicant_side_answers_and_only_when_asked() {
    let f = demo();
    let (id, _) = draft(&f);
    assert_eq!(err(&f, "application.supplement.answer", json!({"id": id, "text": "Svar"})).code.as_str(), "conflict");
    assert_eq!(err(&f, "application.supplement.request", json!({"id": id, "text": "Fråga"})).code.as_str(), "conflict");
    assert_eq!(err(&f, "application.supplement.request", json!({"id": id, "text": "  "})).code.as_str(), "validation");
}

#[test]
fn coach_notes_are_for_coaches_and_the_office_only() {
    let f = demo();
    let (id, _) = draft(&f);
    act_as(&f, "coach", None);
    let notes = ok(&f, "application.notes.add", json!({"id": id, "text": "Driftbudgeten saknas."}));
    assert_eq!(notes[0]["author_name"], "Ali Hassan");
    act_as(&f, "applicant", Some("Trafikkontoret"));
    assert_eq!(err(&f, "application.notes", json!({"id": id})).code.as_str(), "forbidden");
    assert_eq!(err(&f, "application.notes.add", json!({"id": id, "text": "Hej"})).code.as_str(), "forbidden");
}

#[test]
fn limits_refuse_the_whole_save_with_field_messages() {
    let f = demo();
    let (id, basics) = draft(&f);
    let before = file_bytes(&f);
    let mut details = complete_details(&f, "Trafikkontoret");
    details["problem"] = json!("x".repeat(10_001));
    details["budget"][0]["year"] = json!(2019);
    details["budget"][0]["licences"] = json!("-5");
    details["end_date"] = json!("30/11/2018");
    let e = err(&f, "application.update", json!({"id": id, "basics": basics, "details": details}));
    assert_eq!(e.code.as_str(), "validation");
    let mut fields: Vec<&str> = e.fields.iter().map(|x| x.field.as_str()).collect();
    fields.sort_unstable();
    fields.dedup();
    assert_eq!(fields, vec!["budget", "end_date", "problem"]);
    assert!(file_bytes(&f) == before, "nothing partial is stored");
}

#[test]
fn search_finds_words_from_the_purpose_and_filters() {
    let f = demo();
    let (id, basics) = draft(&f);
    let mut details = complete_details(&f, "Trafikkontoret");
    details["problem"] = json!("Gatlyktorna i Bromma slocknar ofta.");
    ok(&f, "application.update", json!({"id": id, "basics": basics, "details": details}));
    let hits = ok(&f, "application.search", json!({"query": "gatlyktorna"}));
    assert_eq!(hits.as_array().expect("hits").len(), 1);
    let purpose_hits = ok(&f, "application.search", json!({"query": "anmäla trasig"}));
    assert_eq!(purpose_hits[0]["id"], json!(id));
    assert!(
        ok(&f, "application.search", json!({"query": "gatlyktorna", "portfolio": 5}))
            .as_array()
            .expect("hits")
            .is_empty()
    );
    assert_eq!(err(&f, "application.search", json!({"query": " ,. "})).code.as_str(), "validation");
}

#[test]
fn demo_applications_that_were_submitted_are_complete_and_frozen() {
    let f = demo();
    let submitted = ok(&f, "application.list", json!({"state": "valued"}));
    let id = submitted[0]["id"].clone();
    let app = ok(&f, "application.get", json!({"id": id}));
    assert!(app["versions"].as_u64().expect("versions") >= 1);
    act_as(&f, "valuer", None);
    assert!(ok(&f, "application.get", json!({"id": id}))["shown_version"].as_u64().is_some());
}

#[test]
fn a_re_application_shows_the_earlier_decision_and_must_point_at_a_rejected_one() {
    let f = demo();
    let rejected = ok(&f, "application.list", json!({"state": "rejected"}));
    let earlier = rejected[0]["id"].as_str().expect("id").to_owned();
    let (id, basics) = draft(&f);
    let mut details = complete_details(&f, "Trafikkontoret");
    details["previous_application_id"] = json!(earlier);
    let saved = ok(&f, "application.update", json!({"id": id, "basics": basics, "details": details}));
    assert_eq!(saved["previous"]["id"], json!(earlier));
    assert!(saved["previous"]["decision_reason"].as_str().expect("reason").contains("avslagen"), "{saved}");
    details["previous_application_id"] = json!(id);
    let e = err(&f, "application.update", json!({"id": id, "basics": basics, "details": details}));
    assert_eq!(e.fields[0].field, "previous_application_id");
}

#[test]
fn a_coach_creating_for_an_applicant_is_recorded_as_such() {
    let f = demo();
    act_as(&f, "coach", None);
    let created = ok(&f, "application.create", new_application(&f, "Socialförvaltningen"));
    assert_eq!(created["events"][0]["reason"], "Ansökan skapad av projektcoach Ali Hassan för Socialförvaltningen.");
}

#[test]
fn attachments_are_checked_stored_frozen_and_readable_by_judges() {
    let f = demo();
    let (id, basics) = draft(&f);
    ok(
        &f,
        "application.update",
        json!({"id": id, "basics": basics, "details": complete_details(&f, "Trafikkontoret")}),
    );
    let pdf = "JVBERi0xLjcKJcOkw7zDtsOf"; // "%PDF-1.7\n%äüöß"
    let list = ok(&f, "application.attachments.add", json!({"id": id, "name": "Förstudie.pdf", "content_base64": pdf}));
    assert_eq!(list[0]["media_type"], "application/pdf");
    assert_eq!(list[0]["size"], 18);
    let before = file_bytes(&f);
    let exe = ok_err_code(&f, json!({"id": id, "name": "budget.pdf", "content_base64": "TVqQAAMAAAAEAAAA"}));
    assert_eq!(exe, "validation");
    let garbage = ok_err_code(&f, json!({"id": id, "name": "plan.txt", "content_base64": "***"}));
    assert_eq!(garbage, "validation");
    assert!(file_bytes(&f) == before, "a refused file stores nothing");
    ok(&f, "application.submit", json!({"id": id}));
    act_as(&f, "valuer", None);
    let seen = ok(&f, "application.get", json!({"id": id}));
    let attachment_id = seen["attachments"][0]["id"].clone();
    let file = ok(&f, "application.attachments.get", json!({"attachment_id": attachment_id}));
    assert_eq!(file["content_base64"], pdf);
    assert_eq!(
        err(&f, "application.attachments.remove", json!({"id": id, "attachment_id": attachment_id})).code.as_str(),
        "forbidden"
    );
}

fn ok_err_code(f: &Fixture, args: Value) -> String {
    err(f, "application.attachments.add", args).code.as_str().to_owned()
}

#[test]
fn every_change_is_appended_to_the_audit_log_and_the_chain_verifies() {
    let f = demo();
    let before = ok(&f, "audit.verify", json!({}));
    assert_eq!(before["ok"], true);
    let (id, basics) = draft(&f);
    ok(
        &f,
        "application.update",
        json!({"id": id, "basics": basics, "details": complete_details(&f, "Trafikkontoret")}),
    );
    ok(&f, "application.submit", json!({"id": id}));
    let after = ok(&f, "audit.verify", json!({}));
    assert_eq!(after["ok"], true);
    // create, update, transition to submitted, freeze of version 1
    assert_eq!(after["entries"].as_u64().expect("n") - before["entries"].as_u64().expect("n"), 4);
    assert_ne!(after["head"], before["head"]);
    let refused = err(&f, "application.submit", json!({"id": id}));
    assert_eq!(refused.code.as_str(), "conflict");
    assert_eq!(ok(&f, "audit.verify", json!({}))["entries"], after["entries"], "a refused change logs nothing");
}

#[test]
fn valuation_eval_through_call_matches_the_worksheet_file() {
    let f = demo();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples/worksheet.json");
    let worksheet: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("example")).expect("json");
    let r = ok(&f, "valuation.eval", json!({ "worksheet": worksheet }));
    assert!(r["npv"].as_str().expect("npv").starts_with("1842662.94"));
    let mut bad = worksheet.clone();
    bad["parameters"]["horizon_years"] = json!(0);
    bad["benefits"][0]["amount"]["hours"]["min"] = json!("-5");
    let e = err(&f, "valuation.eval", json!({ "worksheet": bad }));
    assert_eq!(e.code.as_str(), "validation");
    let fields: Vec<&str> = e.fields.iter().map(|x| x.field.as_str()).collect();
    assert!(fields.contains(&"horizon_years") && fields.contains(&"benefits"), "{fields:?}");
}

mod valuation {
    use serde_json::{Value, json};

    use super::super::{Fixture, act_as, demo, err, file_bytes, ok};
    use super::{complete_details, draft};

    /// A submitted application of Trafikkontoret, ready to be valued.
    fn submitted(f: &Fixture) -> String {
        let (id, basics) = draft(f);
        ok(
            f,
            "application.update",
            json!({"id": id, "basics": basics, "details": complete_details(f, "Trafikkontoret")}),
        );
        ok(f, "application.submit", json!({"id": id}));
        id
    }

    /// Registers `key` as a benefit target unless the register has it (as the current persona).
    fn register(f: &Fixture, key: &str) {
        let known = ok(f, "valuation.targets", json!({}));
        if !known.as_array().expect("targets").iter().any(|t| t["key"] == key) {
            ok(f, "valuation.target.add", json!({"key": key, "name": format!("Mål {key}"), "kind": "process"}));
        }
    }

    /// The valuation's first benefit quantified against `target`, which is registered.
    fn quantify(f: &Fixture, valuation: &Value, target: &str) -> Value {
        register(f, target);
        let mut ws = valuation["worksheet"].clone();
        ws["benefits"][0]["amount"] = json!({"sek": {"min": "200000", "likely": "300000", "max": "350000"}});
        ws["benefits"][0]["target"] = json!(target);
        ws["benefits"][0]["first_year"] = json!(2019);
        ws["costs"]
            .as_array_mut()
            .expect("costs")
            .push(json!({"name": "Drift", "kind": "operations", "yearly": {"from_year": 2019, "amount": "50000"}}));
        ws
    }

    #[test]
    fn a_valuer_from_the_applying_unit_is_refused_with_one_message() {
        let f = demo();
        // Gustav Öberg values for the programme but works at Stadsledningskontoret.
        let own =
            ok(&f, "application.create", super::super::new_application(&f, "Stadsledningskontoret"))["id"].clone();
        act_as(&f, "valuer", Some("Stadsledningskontoret"));
        let e = err(&f, "valuation.create", json!({"application_id": own}));
        assert_eq!(e.code.as_str(), "forbidden");
        assert!(e.message.contains("sökande enheten"), "{}", e.message);
    }

    #[test]
    fn a_valuer_values_an_application_and_fastställer_it() {
        let f = demo();
        let id = submitted(&f);
        act_as(&f, "valuer", Some("Serviceförvaltningen"));
        let v = ok(&f, "valuation.create", json!({"application_id": id}));
        assert_eq!(v["application_version"], 1);
        let again = err(&f, "valuation.create", json!({"application_id": id}));
        assert_eq!(again.code.as_str(), "conflict", "one draft at a time: {}", again.message);
        assert_eq!(v["worksheet"]["costs"][0]["years"][0]["amount"], "950000.00");
        let saved =
            ok(&f, "valuation.save", json!({"id": v["id"], "worksheet": quantify(&f, &v, "trafik.felanmalan")}));
        assert!(saved["results"]["npv"].as_str().is_some());
        let approved = ok(&f, "valuation.approve", json!({"id": v["id"]}));
        assert!(approved["approved_at"].as_str().is_some());
        assert_eq!(ok(&f, "application.get", json!({"id": id}))["state"], "valued");
        let e = err(&f, "valuation.save", json!({"id": v["id"], "worksheet": saved["worksheet"]}));
        assert_eq!(e.code.as_str(), "conflict", "a fastställd valuation never changes");
    }

    #[test]
    fn dubbelräkning_blocks_fastställande_until_resolved() {
        let f = demo();
        let first = submitted(&f);
        let second = submitted(&f);
        act_as(&f, "valuer", Some("Serviceförvaltningen"));
        let a = ok(&f, "valuation.create", json!({"application_id": first}));
        ok(&f, "valuation.save", json!({"id": a["id"], "worksheet": quantify(&f, &a, "trafik.samtal")}));
        let b = ok(&f, "valuation.create", json!({"application_id": second}));
        let b = ok(&f, "valuation.save", json!({"id": b["id"], "worksheet": quantify(&f, &b, "trafik.samtal")}));
        assert_eq!(b["flags"][0]["code"], "double_count");
        let e = err(&f, "valuation.approve", json!({"id": b["id"]}));
        assert!(e.message.contains("Dubbelräkningen av trafik.samtal"), "{}", e.message);
        let e = err(
            &f,
            "valuation.resolve",
            json!({"id": b["id"], "target": "trafik.samtal", "resolution": "split", "motivation": "Delas"}),
        );
        assert_eq!(e.fields[0].field, "share_percent");
        ok(
            &f,
            "valuation.resolve",
            json!({"id": b["id"], "target": "trafik.samtal", "resolution": "split", "share_percent": "40", "motivation": "Delas 40/60."}),
        );
        ok(&f, "valuation.approve", json!({"id": b["id"]}));
        let flags = ok(&f, "valuation.flags", json!({}));
        let on_ours =
            flags.as_array().expect("flags").iter().filter(|x| x["flag"]["target"] == "trafik.samtal").count();
        assert_eq!(on_ours, 2, "flagged on both applications");
    }

    #[test]
    fn departing_from_the_round_or_the_budget_needs_a_reason_and_is_shown() {
        let f = demo();
        let id = submitted(&f);
        act_as(&f, "valuer", Some("Serviceförvaltningen"));
        let v = ok(&f, "valuation.create", json!({"application_id": id}));
        assert_eq!(v["worksheet"]["parameters"]["discount_rate_percent"], "3.5");
        let mut ws = quantify(&f, &v, "trafik.felanmalan");
        ws["parameters"]["discount_rate_percent"] = json!("4");
        ws["costs"][0]["years"][0]["amount"] = json!("1100000");
        let e = err(&f, "valuation.save", json!({"id": v["id"], "worksheet": ws}));
        let fields: Vec<&str> = e.fields.iter().map(|x| x.field.as_str()).collect();
        assert_eq!(fields, vec!["parameters", "costs"]);
        ws["deviation_reason"] = json!("Längre avskrivningstid enligt beslut i stadsledningskontoret.");
        ws["development_change_reason"] = json!("Offerten inkluderar integration som saknades i ansökan.");
        let saved = ok(&f, "valuation.save", json!({"id": v["id"], "worksheet": ws}));
        let codes: Vec<&str> =
            saved["flags"].as_array().expect("flags").iter().map(|x| x["code"].as_str().expect("code")).collect();
        assert_eq!(codes, vec!["parameter_deviation", "development_changed"]);
        assert!(saved["flags"][0]["message"].as_str().expect("message").contains("Längre avskrivningstid"));
    }

    #[test]
    fn only_the_office_sets_the_rounds_parameters_and_new_valuations_use_them() {
        let f = demo();
        let mut round = ok(&f, "valuation.round.get", json!({"year": 2018}));
        round["discount_rate_percent"] = json!("4.5");
        act_as(&f, "valuer", Some("Serviceförvaltningen"));
        assert_eq!(
            err(&f, "valuation.round.set", json!({"year": 2018, "parameters": round})).code.as_str(),
            "forbidden"
        );
        act_as(&f, "office", None);
        let e = err(&f, "valuation.round.set", json!({"year": 2018, "parameters": {"horizon_years": 0}}));
        assert_eq!(e.fields[0].field, "horizon_years");
        ok(&f, "valuation.round.set", json!({"year": 2018, "parameters": round}));
        let id = submitted(&f);
        act_as(&f, "valuer", Some("Serviceförvaltningen"));
        let v = ok(&f, "valuation.create", json!({"application_id": id}));
        assert_eq!(v["worksheet"]["parameters"]["discount_rate_percent"], "4.5");
    }

    #[test]
    fn a_bad_worksheet_is_refused_and_nothing_is_stored() {
        let f = demo();
        let id = submitted(&f);
        act_as(&f, "valuer", Some("Serviceförvaltningen"));
        let v = ok(&f, "valuation.create", json!({"application_id": id}));
        let mut ws = quantify(&f, &v, "trafik.x");
        ws["parameters"]["discount_rate_percent"] = json!("130");
        ws["benefits"][0]["ramp_up_percent"] = json!(["120"]);
        let before = file_bytes(&f);
        let e = err(&f, "valuation.save", json!({"id": v["id"], "worksheet": ws}));
        assert_eq!(e.code.as_str(), "validation");
        let fields: Vec<&str> = e.fields.iter().map(|x| x.field.as_str()).collect();
        assert!(fields.contains(&"discount_rate_percent") && fields.contains(&"benefits"), "{fields:?}");
        assert!(file_bytes(&f) == before);
    }

    #[test]
    fn a_worksheet_naming_an_unregistered_target_or_an_unknown_unit_is_refused() {
        let f = demo();
        let id = submitted(&f);
        act_as(&f, "valuer", Some("Serviceförvaltningen"));
        let v = ok(&f, "valuation.create", json!({"application_id": id}));
        let mut ws = quantify(&f, &v, "trafik.felanmalan");
        ws["benefits"][0]["target"] = json!("trafik.okand");
        ws["benefits"][0]["receiving_unit"] = json!("Månförvaltningen");
        ws["costs"][0]["bearing_unit"] = json!("Marsnämnden");
        let before = file_bytes(&f);
        let e = err(&f, "valuation.save", json!({"id": v["id"], "worksheet": ws}));
        assert_eq!(e.code.as_str(), "validation");
        let messages: Vec<(&str, &str)> = e.fields.iter().map(|x| (x.field.as_str(), x.message.as_str())).collect();
        let line = v["worksheet"]["benefits"][0]["name"].as_str().expect("name");
        assert!(messages.iter().any(|(f, m)| *f == "benefits" && m.contains("Månförvaltningen") && m.contains(line)));
        assert!(
            messages.iter().any(|(f, m)| *f == "benefits" && m.contains("\"trafik.okand\"") && m.contains("registret"))
        );
        assert!(messages.iter().any(|(f, m)| *f == "costs" && m.contains("Marsnämnden")));
        assert!(file_bytes(&f) == before, "nothing stored");
    }

    #[test]
    fn valuers_and_the_office_keep_the_target_register() {
        let f = demo();
        let listed = ok(&f, "valuation.targets", json!({}));
        let shared = listed.as_array().expect("targets").iter().find(|t| t["key"] == "kontaktcenter.samtal").cloned();
        assert_eq!(shared.expect("the demo's shared target")["claimed_by"], 2);
        let target = json!({"key": "bygglov.handlaggning", "name": "Handläggning av bygglov", "kind": "process", "unit": "Stadsbyggnadskontoret"});
        act_as(&f, "applicant", None);
        assert_eq!(err(&f, "valuation.target.add", target.clone()).code.as_str(), "forbidden");
        act_as(&f, "valuer", Some("Serviceförvaltningen"));
        let bad = json!({"key": "Bygglov Handläggning", "name": " ", "kind": "budget_line", "unit": "Okänd"});
        let before = file_bytes(&f);
        let e = err(&f, "valuation.target.add", bad);
        let fields: Vec<&str> = e.fields.iter().map(|x| x.field.as_str()).collect();
        assert_eq!(fields, vec!["key", "name", "unit"]);
        assert!(file_bytes(&f) == before, "nothing stored");
        let added = ok(&f, "valuation.target.add", target.clone());
        assert_eq!(added["unit"], "Stadsbyggnadskontoret");
        assert_eq!(added["claimed_by"], 0);
        let e = err(&f, "valuation.target.add", target);
        assert!(e.fields[0].message.contains("finns redan"), "{}", e.fields[0].message);
    }

    #[test]
    fn the_small_demo_has_a_dubbelräkning_pair_flagged_on_both() {
        let f = demo();
        let flags = ok(&f, "valuation.flags", json!({}));
        let pair: Vec<&Value> =
            flags.as_array().expect("flags").iter().filter(|x| x["flag"]["code"] == "double_count").collect();
        assert_eq!(pair.len(), 2);
        assert_ne!(pair[0]["application_id"], pair[1]["application_id"]);
    }
}
