//! Follow-up through the API on the small demo (clock: 2017-10-02): the final report closes
//! a running project; the follow-up is due a year later, compares every benefit line with
//! the fastställd valuation, and feeds the realisation rate per portfolio and year. Bad
//! input gets a Swedish message and changes nothing.

use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::{act_as, applications, demo, err, file_bytes, ok};

fn dec(value: &Value) -> Decimal {
    value.as_str().expect("a decimal string").parse().expect("decimal")
}

fn in_state(f: &super::Fixture, state: &str) -> Vec<Value> {
    applications(f).into_iter().filter(|a| a["state"] == state).collect()
}

fn report(id: &Value) -> Value {
    json!({
        "application_id": id,
        "delivered": "E-tjänsten är i drift.",
        "final_cost": "100 000",
        "lessons": "Utbilda före driftstart.",
        "owner_accepted_on": "2017-09-20",
        "closed_on": "2017-09-30",
    })
}

#[test]
fn the_final_report_closes_a_running_project_and_sets_when_the_follow_up_is_due() {
    let f = demo();
    act_as(&f, "office", None);
    let running = in_state(&f, "running");
    let id = &running[0]["id"];
    let view = ok(&f, "followup.final_report", report(id));
    assert_eq!(view["closed_on"], "2017-09-30");
    assert_eq!(view["due_on"], "2018-09-30");
    assert_eq!(view["compared_year"], 2018);
    assert_eq!(view["final_report"]["final_cost"], "100000.00");
    assert_eq!(view["final_report"]["recorded_by_name"], act_as(&f, "office", None)["name"]);
    assert_eq!(ok(&f, "application.get", json!({"id": id}))["state"], "closed");
    let due = ok(&f, "followup.due", json!({}));
    let mine = due.as_array().expect("due").iter().find(|d| d["application_id"] == *id).expect("listed as due");
    assert_eq!((mine["due_on"].as_str(), mine["overdue"].as_bool()), (Some("2018-09-30"), Some(false)));
    let early = err(&f, "followup.record", json!({"application_id": id, "lines": []}));
    assert_eq!(early.code.as_str(), "conflict");
    assert!(early.message.contains("kan följas upp från 2018-09-30"), "{}", early.message);
}

#[test]
fn a_bad_final_report_is_refused_in_swedish_and_changes_nothing() {
    let f = demo();
    act_as(&f, "office", None);
    let running = in_state(&f, "running");
    let id = &running[0]["id"];
    let before = file_bytes(&f);
    let mut bad = report(id);
    bad["owner_accepted_on"] = json!(null);
    bad["lessons"] = json!(" ");
    bad["final_cost"] = json!("mycket");
    let refused = err(&f, "followup.final_report", bad);
    assert_eq!(refused.code.as_str(), "validation");
    let fields: Vec<&str> = refused.fields.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["final_cost", "lessons", "owner_accepted_on"], "every mistake at once");
    assert!(refused.fields[0].message.starts_with("Slutkostnaden:"));
    let mut unaccepted = report(id);
    unaccepted["owner_accepted_on"] = json!(null);
    unaccepted["closed_on"] = json!("2017-13-01");
    let refused = err(&f, "followup.final_report", unaccepted);
    assert!(refused.fields.iter().any(|e| e.field == "closed_on" && e.message.contains("ÅÅÅÅ-MM-DD")));
    let mut unaccepted = report(id);
    unaccepted["owner_accepted_on"] = json!("");
    let refused = err(&f, "followup.final_report", unaccepted);
    assert!(refused.fields.iter().any(|e| e.field == "owner_accepted_on" && e.message.contains("Systemägaren")));
    let closed = &in_state(&f, "closed")[0];
    let not_running = err(&f, "followup.final_report", report(&closed["id"]));
    assert_eq!(not_running.code.as_str(), "conflict");
    assert!(not_running.message.contains("pågående"), "{}", not_running.message);
    for role in ["coach", "valuer", "reviewer", "applicant"] {
        act_as(&f, role, None);
        assert_eq!(err(&f, "followup.final_report", report(id)).code.as_str(), "forbidden", "{role}");
    }
    assert_eq!(file_bytes(&f), before, "nothing was written");
}

/// The lines of a closed project's follow-up, answered at exactly the valued amounts.
fn as_valued(view: &Value) -> Vec<Value> {
    view["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .map(|l| {
            json!({
                "line": l["line"],
                "realised": l["valued"].as_str().map(|v| v.replace('.', ",")),
                "evidence": "Budgetuppföljning 2016.",
                "budget_reduced": l["budget_releasing"],
            })
        })
        .collect()
}

#[test]
fn a_follow_up_compares_every_line_and_moves_the_realisation_rate() {
    let f = demo();
    act_as(&f, "office", None);
    let due = ok(&f, "followup.due", json!({}));
    let overdue = due.as_array().expect("due").iter().find(|d| d["overdue"] == true).expect("an overdue follow-up");
    let id = overdue["application_id"].clone();
    let view = ok(&f, "followup.get", json!({"id": id}));
    assert!(!view["recorded"].as_bool().expect("recorded"));
    let mut lines = as_valued(&view);
    assert!(!lines.is_empty(), "the valuation's lines are asked for");
    let before_rate = ok(&f, "followup.realisation", json!({}));

    let before = file_bytes(&f);
    let mut unknown = lines.clone();
    unknown.push(json!({"line": 99, "realised": "1", "evidence": "x"}));
    let refused = err(&f, "followup.record", json!({"application_id": id, "lines": unknown}));
    assert!(refused.fields.iter().any(|e| e.message.contains("Nyttorad 100 finns inte")), "{:?}", refused.fields);
    let monetary = view["lines"].as_array().expect("lines").iter().position(|l| !l["valued"].is_null()).expect("money");
    lines[monetary]["realised"] = json!("1");
    let unexplained = err(&f, "followup.record", json!({"application_id": id, "lines": lines}));
    assert!(unexplained.fields.iter().any(|e| e.message.contains("Förklara avvikelsen")), "{:?}", unexplained.fields);
    assert_eq!(file_bytes(&f), before, "refused follow-ups change nothing");

    lines[monetary]["deviation"] = json!("Införandet försenades ett år.");
    let recorded = ok(&f, "followup.record", json!({"application_id": id, "lines": lines, "summary": "Klart."}));
    assert!(recorded["recorded"].as_bool().expect("recorded"));
    assert_eq!(ok(&f, "application.get", json!({"id": id}))["state"], "followed_up");
    let line = &recorded["lines"][monetary];
    assert_eq!(line["realised"], "1");
    assert_eq!(dec(&line["difference"]), Decimal::ONE - dec(&line["valued"]));
    let total = &recorded["total"];
    let valued: Decimal = recorded["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .filter_map(|l| l["valued"].as_str())
        .map(|v| v.parse::<Decimal>().expect("dec"))
        .sum();
    assert_eq!(dec(&total["valued"]), valued);
    assert_eq!(dec(&total["realised"]), valued - dec(&line["valued"]) + Decimal::ONE);

    let after_rate = ok(&f, "followup.realisation", json!({}));
    assert_eq!(after_rate["total"]["projects"], before_rate["total"]["projects"].as_u64().expect("n") + 1);
    assert_eq!(dec(&after_rate["total"]["valued"]), dec(&before_rate["total"]["valued"]) + dec(&total["valued"]));
    assert_eq!(dec(&after_rate["total"]["realised"]), dec(&before_rate["total"]["realised"]) + dec(&total["realised"]));
    let again = err(&f, "followup.record", json!({"application_id": id, "lines": lines}));
    assert_eq!(again.code.as_str(), "conflict", "followed up once");
}

/// Every portfolio's rate is its realised sum over its valued sum, and the portfolio rows
/// add up to the programme's.
#[test]
fn the_demo_has_followed_up_projects_and_rates_that_add_up() {
    let f = demo();
    act_as(&f, "office", None);
    let r = ok(&f, "followup.realisation", json!({}));
    let by_portfolio = r["by_portfolio"].as_array().expect("rows");
    assert!(by_portfolio.len() >= 2, "several portfolios have followed-up projects: {r}");
    let sum = |key: &str| by_portfolio.iter().map(|p| dec(&p["figures"][key])).sum::<Decimal>();
    assert_eq!(sum("valued"), dec(&r["total"]["valued"]));
    assert_eq!(sum("realised"), dec(&r["total"]["realised"]));
    for p in by_portfolio {
        let rate = (dec(&p["figures"]["realised"]) * Decimal::ONE_HUNDRED / dec(&p["figures"]["valued"])).round_dp(4);
        assert_eq!(dec(&p["figures"]["rate_percent"]), rate.normalize());
    }
    let followed_up = in_state(&f, "followed_up");
    assert_eq!(r["total"]["projects"], followed_up.len());
    let one = ok(&f, "followup.realisation", json!({"portfolio": by_portfolio[0]["portfolio"]}));
    assert_eq!(one["by_portfolio"].as_array().expect("rows").len(), 1);
    assert!(err(&f, "followup.realisation", json!({"portfolio": 7})).message.contains("portfölj 1–5"));
}

#[test]
fn the_five_perspectives_have_indicators_with_measurements_and_a_trend() {
    let f = demo();
    act_as(&f, "office", None);
    let perspectives = ok(&f, "indicator.list", json!({}));
    let names: Vec<&str> =
        perspectives.as_array().expect("five").iter().filter_map(|p| p["name_sv"].as_str()).collect();
    assert_eq!(names, ["Extern nytta", "Intern nytta", "It-mognad", "It-kostnad", "It-kvalitet"]);
    let availability = perspectives[4]["indicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .find(|i| i["name"] == "Tillgänglighet för e-tjänsterna")
        .expect("the demo's availability")
        .clone();
    assert_eq!(availability["measurements"].as_array().expect("measurements").len(), 20);

    let waiting = ok(
        &f,
        "indicator.define",
        json!({"name": "Väntetid i kontaktcenter", "perspective": "external_benefit", "unit": "sekunder",
            "method": "objective", "direction": "lower", "target": "60"}),
    );
    let measure = |day: &str, value: &str| {
        ok(&f, "indicator.measure", json!({"indicator_id": waiting["id"], "measured_on": day, "value": value}))
    };
    assert_eq!(measure("2017-03-31", "95")["trend"], "too_few");
    let measured = measure("2017-06-30", "80,5");
    assert_eq!((measured["trend"].as_str(), measured["trend_sv"].as_str()), (Some("improving"), Some("förbättras")));
    let latest = measured["measurements"].as_array().expect("m").last().expect("latest").clone();
    assert_eq!((latest["value"].as_str(), latest["meets_target"].as_bool()), (Some("80.5"), Some(false)));
    let corrected = measure("2017-06-30", "55");
    assert_eq!(corrected["measurements"].as_array().expect("m").len(), 2, "the same day corrects, not adds");
    assert_eq!(corrected["measurements"][1]["meets_target"], true, "lower is better: 55 s meets 60 s");
    let availability = waiting;
    let before = file_bytes(&f);
    let unknown =
        err(&f, "indicator.measure", json!({"indicator_id": "saknas", "measured_on": "2017-09-30", "value": "1"}));
    assert_eq!(unknown.code.as_str(), "not_found");
    assert!(unknown.message.contains("Mätetalet finns inte"));
    let bad = err(
        &f,
        "indicator.measure",
        json!({"indicator_id": availability["id"], "measured_on": "2017-09-30", "value": "hög"}),
    );
    assert!(bad.fields.iter().any(|e| e.field == "value" && e.message.contains("i enheten sekunder")));
    let future = err(
        &f,
        "indicator.measure",
        json!({"indicator_id": availability["id"], "measured_on": "2018-01-01", "value": "99"}),
    );
    assert!(future.fields.iter().any(|e| e.message.contains("framtiden")));
    let taken = err(
        &f,
        "indicator.define",
        json!({"name": "Tillgänglighet för e-tjänsterna", "perspective": "it_quality", "unit": "%", "method": "objective", "direction": "higher"}),
    );
    assert!(taken.fields.iter().any(|e| e.field == "name" && e.message.contains("finns redan")));
    let wrong = err(
        &f,
        "indicator.define",
        json!({"name": "X", "perspective": "sjätte", "unit": "", "method": "gissning", "direction": "higher"}),
    );
    let fields: Vec<&str> = wrong.fields.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["perspective", "method"]);
    assert_eq!(file_bytes(&f), before, "nothing stored");
    act_as(&f, "valuer", None);
    assert_eq!(
        err(
            &f,
            "indicator.measure",
            json!({"indicator_id": availability["id"], "measured_on": "2017-09-30", "value": "99"})
        )
        .code
        .as_str(),
        "forbidden"
    );
}

/// "1234567.50" as the report shows it: whole kronor, thousands apart, with the whitespace
/// as `pdf_text` leaves it.
fn kronor_in_text(amount: &str) -> String {
    let whole = amount
        .parse::<Decimal>()
        .expect("decimal")
        .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        .to_string();
    let digits: Vec<char> = whole.chars().collect();
    let mut out = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(*c);
    }
    format!("{out} kr")
}

#[test]
fn the_programme_report_is_a_checked_pdf_whose_figures_match_the_database() {
    let f = demo();
    act_as(&f, "office", None);
    let file = ok(&f, "report.programme", json!({"year": 2015}));
    assert_eq!(file["file_name"], "programrapport-2015.pdf");
    let text = super::pdf_text(&file);
    assert!(text.contains("Programrapport 2015"), "{text}");
    let money = ok(&f, "followup.money", json!({}));
    let rows: Vec<&Value> = money.as_array().expect("rows").iter().filter(|r| r["year"] == 2015).collect();
    assert!(!rows.is_empty(), "2015 has granted projects");
    for row in rows {
        let granted = kronor_in_text(row["granted"].as_str().expect("granted"));
        let spent = kronor_in_text(row["spent"].as_str().expect("spent"));
        assert!(text.contains(&granted) && text.contains(&spent), "portfolio {}: {granted}, {spent}", row["portfolio"]);
    }
    let r = ok(&f, "followup.realisation", json!({}));
    let rate = dec(&r["total"]["rate_percent"])
        .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let shown = format!("{rate:.1} %").replace('.', ",");
    let summary = text.split("Pengar 2015").next().expect("the summary");
    assert!(summary.contains("Realiseringsgrad, hela") && summary.contains(&shown), "{shown} in {summary}");
    for name in ["Extern nytta", "It-kvalitet", "Tillgänglighet för e-tjänsterna"] {
        assert!(text.contains(name), "{name}");
    }
    assert!(text.contains("Sida 1 av"));
    act_as(&f, "reviewer", None);
    assert_eq!(err(&f, "report.programme", json!({"year": 2015})).code.as_str(), "forbidden");
}

#[test]
fn the_programme_report_in_english_has_the_same_figures_in_english_words() {
    let f = demo();
    act_as(&f, "office", None);
    let swedish = super::pdf_text(&ok(&f, "report.programme", json!({"year": 2015})));
    let file = ok(&f, "report.programme", json!({"year": 2015, "language": "en"}));
    assert_eq!(file["file_name"], "programme-report-2015.pdf");
    let text = super::pdf_text(&file);
    for english in ["Programme report 2015", "Money 2015", "The five perspectives", "IT quality", "Page 1 of"] {
        assert!(text.contains(english), "{english} in {text}");
    }
    for swedish in ["Programrapport", "Pengar 2015", "It-kvalitet", "Sida 1 av"] {
        assert!(!text.contains(swedish), "{swedish} in {text}");
    }
    let figures = |t: &str| t.split_whitespace().filter(|w| w.contains("kr") || w.ends_with('%')).count();
    assert_eq!(figures(&text), figures(&swedish), "the same figures in both languages");
    let refused = err(&f, "report.programme", json!({"year": 2015, "language": "de"}));
    assert_eq!(refused.code.as_str(), "bad_arguments", "{}", refused.message);
}
