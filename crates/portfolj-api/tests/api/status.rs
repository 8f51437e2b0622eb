//! Status reports through the API on the small demo (clock: 2017-10-02): the applying unit
//! (or the office) reports on a running project; the rules hold; overdue periods are
//! listed against the office's schedule; and an applicant's laptop sends its reports to
//! the office in a signed bundle that is checked exactly as a report written there.

use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::bundles::{decode, import, public_key};
use super::{Fixture, act_as, applications, demo, empty, err, file_bytes, ok};

/// Running projects whose demo reports were all written before the test clock's today, so
/// a report written now is the newest.
fn running(f: &Fixture) -> Vec<Value> {
    let reported_before_today = |a: &Value| {
        let reports = ok(f, "status.list", json!({"id": a["id"]}));
        reports.as_array().expect("reports").iter().all(|r| r["written_at"].as_str() < Some("2017-10-02"))
    };
    applications(f).into_iter().filter(|a| a["state"] == "running" && reported_before_today(a)).collect()
}

/// `percent` of what the application asked for, in kronor: above the demo's own reports
/// (at most half), below any granted amount.
fn share(app: &Value, percent: u32) -> String {
    let requested: Decimal = app["requested_amount"].as_str().expect("amount").parse().expect("decimal");
    format!("{:.2}", requested * Decimal::from(percent) / Decimal::ONE_HUNDRED)
}

/// The newest period the project has reported on (the demo's reports), or 2017 Q3.
fn period(f: &Fixture, app: &Value) -> String {
    let reports = ok(f, "status.list", json!({"id": app["id"]}));
    let starts = reports.as_array().expect("reports").iter().filter_map(|r| r["period_start"].as_str());
    starts.max().unwrap_or("2017-08-15").to_owned()
}

fn report(app: &Value, percent: u32) -> Value {
    let spent = share(app, percent);
    json!({
        "application_id": app["id"], "period": app["period"].as_str().unwrap_or("2017-08-15"),
        "time": "green", "cost": "yellow", "scope": "green",
        "spent_to_date": spent, "forecast": spent,
        "milestones": [{"name": "Pilot i drift", "due_on": "2017-09-01", "done": true}],
        "risks": "Leverantörens resurser.",
    })
}

#[test]
fn the_office_or_the_applying_unit_reports_and_the_rules_hold() {
    let f = demo();
    act_as(&f, "office", None);
    let mut app = running(&f)[0].clone();
    app["period"] = json!(period(&f, &app));
    let id = &app["id"];
    let saved = ok(&f, "status.submit", report(&app, 60));
    assert!(saved["period_label"].as_str().is_some_and(|l| l.contains(" kvartal ")), "{}", saved["period_label"]);
    assert_eq!(saved["period_start"], app["period"], "the demo's last period: this report corrects it");
    assert_eq!(saved["cost"]["text_sv"], "gul: avvikelse som hanteras", "the light in words too");
    assert_eq!(saved["spent_to_date"], share(&app, 60));
    let earlier = ok(&f, "status.list", json!({"id": id})).as_array().expect("reports").len();

    let before = file_bytes(&f);
    let lower = err(&f, "status.submit", report(&app, 55));
    assert!(
        lower.fields.iter().any(|e| e.field == "correction_reason" && e.message.contains("Ange skälet till rättelsen"))
    );
    let mut below = report(&app, 65);
    below["forecast"] = json!("10 000");
    below["time"] = json!("purple");
    let refused = err(&f, "status.submit", below);
    let fields: Vec<&str> = refused.fields.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["time"], "what cannot be read is said first: {:?}", refused.fields);
    let mut below = report(&app, 65);
    below["forecast"] = json!("10 000");
    assert_eq!(err(&f, "status.submit", below).fields[0].field, "forecast");
    let closed = applications(&f).into_iter().find(|a| a["state"] == "closed").expect("a closed project");
    assert_eq!(err(&f, "status.submit", report(&closed, 60)).code.as_str(), "conflict");
    let other_unit = ok(&f, "persona.list", json!({}))
        .as_array()
        .expect("people")
        .iter()
        .find(|p| p["roles"] == json!(["applicant"]) && p["unit_name"] != app["unit_name"])
        .expect("an applicant of another unit")
        .clone();
    ok(&f, "persona.switch", json!({"person_id": other_unit["id"]}));
    assert_eq!(err(&f, "status.submit", report(&app, 65)).code.as_str(), "forbidden");
    assert_eq!(file_bytes(&f), before, "refused reports change nothing");

    act_as(&f, "applicant", app["unit_name"].as_str());
    let mut corrected = report(&app, 55);
    corrected["correction_reason"] = json!("Felkonterad faktura flyttad.");
    ok(&f, "status.submit", corrected);
    assert_eq!(ok(&f, "status.list", json!({"id": id})).as_array().expect("reports").len(), earlier + 1);
}

#[test]
fn overdue_reports_follow_the_schedule_the_office_sets() {
    let f = demo();
    act_as(&f, "office", None);
    let overdue = ok(&f, "status.overdue", json!({}));
    let overdue = overdue.as_array().expect("overdue");
    assert!(!overdue.is_empty(), "running demo projects have not reported");
    let first = overdue.iter().find(|o| o["period_label"].as_str().is_some_and(|l| l.contains("kvartal"))).expect("q");
    let app = running(&f).into_iter().find(|a| a["id"] == first["application_id"]).expect("running");
    let mut r = report(&app, 60);
    r["period"] = first["period_start"].clone();
    ok(&f, "status.submit", r);
    let after = ok(&f, "status.overdue", json!({}));
    assert!(
        !after
            .as_array()
            .expect("overdue")
            .iter()
            .any(|o| o["application_id"] == first["application_id"] && o["period_start"] == first["period_start"]),
        "the reported period is no longer overdue"
    );
    assert_eq!(ok(&f, "status.schedule.get", json!({})), json!({"months": 3, "grace_days": 15}));
    ok(&f, "status.schedule.set", json!({"months": 6, "grace_days": 30}));
    let half_yearly = ok(&f, "status.overdue", json!({}));
    assert!(
        half_yearly
            .as_array()
            .expect("overdue")
            .iter()
            .all(|o| o["period_label"].as_str().is_some_and(|l| l.contains("halvår")))
    );
    assert_eq!(err(&f, "status.schedule.set", json!({"months": 2, "grace_days": 30})).code.as_str(), "validation");
    act_as(&f, "coach", None);
    assert_eq!(err(&f, "status.schedule.set", json!({"months": 1, "grace_days": 5})).code.as_str(), "forbidden");
}

/// The applicant's own laptop, joined by the office's invitation, with the office's
/// applications (the running ones among them) sent to it.
fn applicant_laptop(office: &Fixture, unit: &str) -> Fixture {
    let person = act_as(office, "applicant", Some(unit));
    act_as(office, "office", None);
    let laptop = empty();
    ok(&laptop, "identity.init", json!({}));
    let invitation = ok(office, "office.invite", json!({"person_id": person["id"], "public_key": public_key(&laptop)}));
    import(&laptop, &decode(&invitation)).expect("the laptop joins");
    let key = ok(&laptop, "identity.show", json!({}))["key_id"].as_str().expect("key").to_owned();
    import(&laptop, &decode(&ok(office, "bundle.send", json!({"recipient_key_id": key})))).expect("the work");
    laptop
}

/// The office's laptop with its keys, its first running project, and the laptop of an
/// applicant of that project's unit.
fn office_and_applicant_laptop() -> (Fixture, Value, Fixture) {
    let office = demo();
    ok(&office, "identity.init", json!({}));
    ok(&office, "office.init", json!({}));
    act_as(&office, "office", None);
    let app = running(&office)[0].clone();
    let laptop = applicant_laptop(&office, app["unit_name"].as_str().expect("unit"));
    (office, app, laptop)
}

#[test]
fn an_applicant_writes_a_report_offline_and_the_signed_bundle_brings_it_to_the_office() {
    let (office, app, laptop) = office_and_applicant_laptop();
    assert_eq!(ok(&laptop, "application.get", json!({"id": app["id"]}))["state"], "running", "sent to report on");
    ok(&laptop, "status.submit", report(&app, 60));
    let later = err(&laptop, "status.bundle.export", json!({"since": "2017-10-03"}));
    assert_eq!(later.code.as_str(), "conflict", "nothing written from the day after on");
    let bundle = decode(&ok(&laptop, "status.bundle.export", json!({"since": "2017-10-02"})));
    let before = ok(&office, "status.list", json!({"id": app["id"]})).as_array().expect("reports").len();
    import(&office, &bundle).expect("the office takes the report");
    let reports = ok(&office, "status.list", json!({"id": app["id"]}));
    assert_eq!(reports.as_array().expect("reports").len(), before + 1);
    let newest = reports.as_array().expect("reports").last().expect("a report").clone();
    assert_eq!(newest["spent_to_date"], share(&app, 60));
    assert!(newest["written_at"].as_str().is_some_and(|t| t.starts_with("2017-10-02")), "the one from the laptop");
    assert_eq!(newest["author_name"], act_as(&office, "applicant", app["unit_name"].as_str())["name"]);
    act_as(&office, "office", None);
    let again = decode(&ok(&laptop, "status.bundle.export", json!({})));
    import(&office, &again).expect("a newer bundle with the same report is harmless");
    assert_eq!(ok(&office, "status.list", json!({"id": app["id"]})).as_array().expect("reports").len(), before + 1);
}

#[test]
fn a_report_on_a_project_the_office_has_closed_refuses_the_whole_bundle() {
    let (office, app, laptop) = office_and_applicant_laptop();
    ok(&laptop, "status.submit", report(&app, 60));
    ok(
        &office,
        "followup.final_report",
        json!({"application_id": app["id"], "delivered": "Klart.", "final_cost": "1", "lessons": "Inga.",
            "owner_accepted_on": "2017-09-01", "closed_on": "2017-09-02"}),
    );
    let before = file_bytes(&office);
    let refused = import(&office, &decode(&ok(&laptop, "status.bundle.export", json!({})))).expect_err("refused");
    assert!(refused.message.contains("statusrapport"), "{}", refused.message);
    assert!(refused.message.contains("Hela paketet avvisas; inget har ändrats."));
    assert_eq!(file_bytes(&office), before, "nothing changed");
}
