//! Due dates at month and year ends, the rules of a final report and a follow-up, and
//! realisation rates checked by hand.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::*;
use crate::application::details::Contribution;
use crate::valuation::{Amount, BenefitLine, Parameters, Range};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn dec(text: &str) -> Decimal {
    text.parse().expect("decimal")
}

fn kr(kronor: i64) -> Sek {
    Sek::kronor(kronor).expect("amount")
}

#[test]
fn the_follow_up_falls_due_one_year_after_closing_also_at_leap_days_and_year_ends() {
    assert_eq!(due_on(day(2015, 6, 30)), day(2016, 6, 30));
    assert_eq!(due_on(day(2016, 2, 29)), day(2017, 2, 28), "no 29 February in 2017");
    assert_eq!(due_on(day(2015, 2, 28)), day(2016, 2, 28), "into a leap year, the same date");
    assert_eq!(due_on(day(2015, 12, 31)), day(2016, 12, 31));
    assert_eq!(compared_year(day(2015, 12, 31)), 2016);
    assert_eq!(compared_year(day(2016, 1, 1)), 2017);
}

fn report() -> FinalReport {
    FinalReport {
        delivered: "E-tjänst för felanmälan i drift.".into(),
        final_cost: kr(900_000),
        cost_explanation: String::new(),
        lessons: "Involvera förvaltningen tidigt.".into(),
        owner_accepted_on: Some(day(2016, 5, 20)),
        closed_on: day(2016, 6, 1),
    }
}

fn fields(e: ValidationErrors) -> Vec<&'static str> {
    e.0.iter().map(|f| f.field).collect()
}

#[test]
fn a_final_report_needs_delivery_lessons_and_the_owners_acceptance_before_closing() {
    let today = day(2016, 6, 2);
    assert_eq!(report().check(Some(kr(1_000_000)), today), Ok(()));
    let mut r = report();
    r.delivered = " ".into();
    r.lessons = String::new();
    r.owner_accepted_on = None;
    assert_eq!(fields(r.check(None, today).expect_err("refused")), ["delivered", "lessons", "owner_accepted_on"]);
    let mut late = report();
    late.owner_accepted_on = Some(day(2016, 6, 2));
    assert_eq!(fields(late.check(None, today).expect_err("refused")), ["owner_accepted_on"]);
    let mut future = report();
    future.closed_on = day(2016, 6, 3);
    assert_eq!(fields(future.check(None, today).expect_err("refused")), ["closed_on"]);
}

#[test]
fn a_cost_above_the_granted_amount_must_be_explained() {
    let today = day(2016, 6, 2);
    let e = report().check(Some(kr(800_000)), today).expect_err("over");
    assert_eq!(fields(e.clone()), ["cost_explanation"]);
    assert!(e.0[0].message.contains("800\u{a0}000\u{a0}kr"), "{}", e.0[0].message);
    let mut explained = report();
    explained.cost_explanation = "Integrationen med ekonomisystemet krävde mer arbete.".into();
    assert_eq!(explained.check(Some(kr(800_000)), today), Ok(()));
}

fn valued() -> Vec<ValuedLine> {
    vec![
        ValuedLine {
            name: "Porto".into(),
            kind: BenefitKind::Internal,
            budget_releasing: true,
            valued: Some(dec("100000")),
        },
        ValuedLine {
            name: "Tid".into(),
            kind: BenefitKind::Internal,
            budget_releasing: false,
            valued: Some(dec("50000")),
        },
        ValuedLine { name: "Nöjdhet".into(), kind: BenefitKind::Citizen, budget_releasing: false, valued: None },
    ]
}

fn line(line: usize, realised: Option<i64>) -> RealisedLine {
    RealisedLine {
        line,
        realised: realised.map(kr),
        evidence: "Budgetbeslut 2017".into(),
        budget_reduced: true,
        deviation: String::new(),
    }
}

#[test]
fn a_complete_follow_up_within_ten_percent_needs_no_explanation() {
    let realised = [line(0, Some(95_000)), line(1, Some(54_000)), line(2, None)];
    assert_eq!(check_follow_up(&valued(), &realised), Ok(()));
}

#[test]
fn a_line_the_valuation_does_not_have_is_refused_and_every_line_is_asked_for() {
    let e = check_follow_up(&valued(), &[line(0, Some(100_000)), line(5, Some(1))]).expect_err("refused");
    let messages: Vec<&str> = e.0.iter().map(|f| f.message.as_str()).collect();
    assert!(messages[0].contains("Nyttorad 6 finns inte"), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("Tid saknas")));
    assert!(messages.iter().any(|m| m.contains("Nöjdhet saknas")));
    let twice = check_follow_up(&valued(), &[line(0, Some(1)), line(0, Some(1)), line(1, Some(1)), line(2, None)]);
    assert!(twice.expect_err("twice").0.iter().any(|f| f.message.contains("Porto är ifylld två gånger")));
}

#[test]
fn a_deviation_of_ten_percent_or_an_untaken_saving_must_be_explained() {
    let far = [line(0, Some(90_000)), line(1, Some(50_000)), line(2, None)];
    let e = check_follow_up(&valued(), &far).expect_err("10 % below");
    assert!(e.0[0].message.starts_with("Porto: utfallet avviker med 10 %"), "{}", e.0[0].message);
    let mut untaken = [line(0, Some(100_000)), line(1, Some(50_000)), line(2, None)];
    untaken[0].budget_reduced = false;
    let e = check_follow_up(&valued(), &untaken).expect_err("not taken out of a budget");
    assert!(e.0[0].message.contains("inte tagits ut ur någon budget"));
    untaken[0].deviation = "Tjänsterna omfördelades till äldreomsorgen efter beslut i nämnden.".into();
    assert_eq!(check_follow_up(&valued(), &untaken), Ok(()));
    // Time freed is not money leaving a budget: no such question.
    let mut time = [line(0, Some(100_000)), line(1, Some(50_000)), line(2, None)];
    time[1].budget_reduced = false;
    assert_eq!(check_follow_up(&valued(), &time), Ok(()));
}

#[test]
fn amounts_and_evidence_follow_the_kind_of_line() {
    let mut wrong = [line(0, None), line(1, Some(50_000)), line(2, Some(10))];
    wrong[1].evidence = String::new();
    let e = check_follow_up(&valued(), &wrong).expect_err("refused");
    let messages: Vec<&str> = e.0.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(messages[0].starts_with("Porto: ange det realiserade beloppet"));
    assert!(messages[1].starts_with("Tid: ange underlaget"));
    assert!(messages[2].starts_with("Nöjdhet är en kvalitativ nytta"));
}

/// Porto 100 000 valued, 80 000 realised (80 %); Tid 50 000 valued, 60 000 realised (120 %).
/// Together 140 000 of 150 000 = 93.33… %. A second project, 40 000 of 50 000, brings the
/// portfolio to 180 000 of 200 000 = 90 %.
#[test]
fn realisation_rates_by_line_project_and_portfolio() {
    let realised = [line(0, Some(80_000)), line(1, Some(60_000)), line(2, None)];
    let lines = compare(&valued(), &realised);
    assert_eq!(lines[0].rate_percent, Some(dec("80")));
    assert_eq!(lines[0].difference, Some(dec("-20000")));
    assert_eq!(lines[1].rate_percent, Some(dec("120")));
    assert_eq!((lines[2].valued, lines[2].rate_percent), (None, None), "qualitative: no rate");
    let project = Realisation::of(&lines);
    assert_eq!((project.projects, project.valued, project.realised), (1, dec("150000"), dec("140000")));
    assert_eq!(project.rate_percent().map(|r| r.round_dp(2)), Some(dec("93.33")));
    let other = Realisation { projects: 1, valued: dec("50000"), realised: dec("40000") };
    let portfolio = project + other;
    assert_eq!(portfolio.projects, 2);
    assert_eq!(portfolio.rate_percent(), Some(dec("90")));
    assert_eq!(Realisation::default().rate_percent(), None, "nothing valued: no rate");
}

/// 1 000 hours at 36 000 × 1.45 / 165 = 316.3636… kr/h, at 50 % ramp-up in 2017 (the
/// line's second year); a qualitative line has no amount.
#[test]
fn the_valued_amount_is_the_lines_likely_value_in_the_compared_year() {
    let hours = BenefitLine {
        name: "Tid".into(),
        kind: BenefitKind::Internal,
        class: BenefitClass::TimeFreed,
        amount: Amount::Hours(Range::exact(dec("1000"))),
        receiving_unit: "Trafikkontoret".into(),
        target: "felanmalan.handlaggning".into(),
        first_year: Some(2016),
        ramp_up_percent: vec![dec("25"), dec("50")],
    };
    let quality = BenefitLine {
        name: "Nöjdhet".into(),
        class: BenefitClass::Qualitative { score: Contribution::Strong, motivation: "Enkät".into() },
        ..hours.clone()
    };
    let ws = Worksheet {
        first_year: 2015,
        parameters: Parameters::defaults(),
        benefits: vec![hours, quality],
        costs: vec![],
    };
    let lines = valued_lines(&ws, 2017);
    assert_eq!(lines[0].valued.map(|v| v.round_dp(2)), Some(dec("158181.82")));
    assert!(!lines[0].budget_releasing);
    assert_eq!(lines[1].valued, None);
}

mod status {
    use super::{day, kr};
    use crate::followup::status::*;
    use crate::language::Language;

    fn report() -> StatusReport {
        let q2 = Schedule::default().period_of(day(2016, 5, 10));
        StatusReport {
            period: q2,
            time: Light::Green,
            cost: Light::Yellow,
            scope: Light::Green,
            spent_to_date: kr(400_000),
            forecast: kr(950_000),
            milestones: vec![Milestone { name: "Pilot i drift".into(), due_on: day(2016, 6, 1), done: true }],
            risks: "Leverantörens resurser.".into(),
            comment: String::new(),
            correction_reason: String::new(),
        }
    }

    fn fields(r: &StatusReport, previous: Option<i64>) -> Vec<&'static str> {
        r.check(previous.map(kr)).err().map(|e| e.0.iter().map(|f| f.field).collect()).unwrap_or_default()
    }

    #[test]
    fn periods_follow_the_calendar_and_are_due_after_the_grace_days() {
        let quarterly = Schedule::default();
        let q2 = quarterly.period_of(day(2016, 5, 10));
        assert_eq!((q2.start, q2.end), (day(2016, 4, 1), day(2016, 6, 30)));
        assert_eq!(quarterly.due_on(q2), day(2016, 7, 15));
        assert_eq!(quarterly.label(q2, Language::Sv), "2016 kvartal 2");
        assert_eq!(quarterly.label(q2, Language::En), "Q2 2016");
        let q4 = quarterly.period_of(day(2016, 12, 31));
        assert_eq!((q4.start, q4.end), (day(2016, 10, 1), day(2016, 12, 31)));
        assert_eq!(quarterly.due_on(q4), day(2017, 1, 15), "due over the year end");
        let monthly = Schedule { months: 1, grace_days: 10 };
        let february = monthly.period_of(day(2016, 2, 3));
        assert_eq!(february.end, day(2016, 2, 29), "a leap February");
        assert_eq!(monthly.label(february, Language::Sv), "2016 februari");
        assert_eq!(monthly.label(february, Language::En), "February 2016");
        let half = Schedule { months: 6, grace_days: 0 };
        let second_half = half.period_of(day(2016, 9, 1));
        assert_eq!(half.label(second_half, Language::Sv), "2016 halvår 2");
        assert_eq!(half.label(second_half, Language::En), "H2 2016");
    }

    #[test]
    fn the_periods_due_run_from_the_start_to_the_last_whose_due_date_has_passed() {
        let quarterly = Schedule::default();
        let due = quarterly.due_periods(day(2016, 5, 10), day(2017, 1, 16));
        let starts: Vec<_> = due.iter().map(|p| p.start).collect();
        assert_eq!(starts, [day(2016, 4, 1), day(2016, 7, 1), day(2016, 10, 1)]);
        assert_eq!(quarterly.due_periods(day(2016, 5, 10), day(2017, 1, 15)).len(), 2, "due on the 15th, not yet late");
        let gaps = missing(&quarterly, day(2016, 5, 10), &[day(2016, 4, 1), day(2016, 10, 1)], day(2017, 1, 16));
        assert_eq!(gaps.iter().map(|p| p.start).collect::<Vec<_>>(), [day(2016, 7, 1)]);
    }

    #[test]
    fn spent_to_date_may_only_fall_with_a_reason() {
        assert!(fields(&report(), Some(350_000)).is_empty());
        assert_eq!(fields(&report(), Some(450_000)), ["correction_reason"]);
        let mut corrected = report();
        corrected.correction_reason = "Felkonterad faktura flyttad till förvaltningen.".into();
        assert!(fields(&corrected, Some(450_000)).is_empty());
    }

    #[test]
    fn a_forecast_below_spending_or_an_unexplained_red_light_is_refused() {
        let mut r = report();
        r.forecast = kr(300_000);
        assert_eq!(fields(&r, None), ["forecast"]);
        let mut red = report();
        red.time = Light::Red;
        assert_eq!(fields(&red, None), ["comment"]);
        let mut explained = red;
        explained.comment = "Upphandlingen är överprövad.".into();
        assert!(fields(&explained, None).is_empty());
        let mut unnamed = report();
        unnamed.milestones[0].name = " ".into();
        assert_eq!(fields(&unnamed, None), ["milestones"]);
    }

    #[test]
    fn a_period_starts_on_a_first_and_spans_at_most_half_a_year() {
        let period = |start: (i32, u32, u32), end: (i32, u32, u32)| Period {
            start: day(start.0, start.1, start.2),
            end: day(end.0, end.1, end.2),
        };
        assert!(is_period(period((2016, 4, 1), (2016, 6, 30))));
        assert!(is_period(period((2016, 7, 1), (2016, 12, 31))), "a half-year");
        assert!(!is_period(period((2016, 4, 2), (2016, 6, 30))), "not from the first");
        assert!(!is_period(period((2016, 6, 1), (2016, 5, 31))), "ends before it starts");
        assert!(!is_period(period((2016, 1, 1), (2017, 12, 31))), "two years");
    }

    #[test]
    fn a_schedule_is_monthly_quarterly_or_half_yearly() {
        assert!(Schedule { months: 2, grace_days: 15 }.check().is_err());
        assert!(Schedule { months: 3, grace_days: 61 }.check().is_err());
        assert!(Schedule { months: 6, grace_days: 0 }.check().is_ok());
        assert_eq!(Light::from_code("red").map(Light::name_sv), Some("röd: kräver beslut"));
    }
}

mod indicator {
    use super::{day, dec};
    use crate::followup::indicator::*;
    use crate::language::{Language, Named as _};

    fn availability() -> Indicator {
        Indicator {
            name: "Tillgänglighet e-tjänster".into(),
            perspective: Perspective::ItQuality,
            unit: "%".into(),
            method: Method::Objective,
            direction: Direction::HigherIsBetter,
            target: Some(dec("99.5")),
        }
    }

    fn m(y: i32, value: &str) -> Measurement {
        Measurement { on: day(y, 12, 31), value: dec(value), note: String::new() }
    }

    #[test]
    fn the_trend_compares_the_latest_two_measurements_in_the_indicators_direction() {
        let up = availability();
        // Given out of order: sorted by date first.
        assert_eq!(up.trend(&[m(2016, "99.7"), m(2014, "98.1"), m(2015, "99.2")]), Trend::Improving);
        assert_eq!(up.trend(&[m(2015, "99.7"), m(2016, "99.2")]), Trend::Worsening);
        assert_eq!(up.trend(&[m(2015, "99.2"), m(2016, "99.20")]), Trend::Steady);
        assert_eq!(up.trend(&[m(2016, "99.2")]), Trend::TooFew);
        let cost = Indicator { direction: Direction::LowerIsBetter, ..availability() };
        assert_eq!(cost.trend(&[m(2015, "120"), m(2016, "95")]), Trend::Improving, "lower cost is better");
    }

    #[test]
    fn the_target_is_met_in_the_indicators_direction() {
        assert_eq!(availability().meets_target(dec("99.5")), Some(true));
        assert_eq!(availability().meets_target(dec("99.4")), Some(false));
        let cost = Indicator { direction: Direction::LowerIsBetter, target: Some(dec("100")), ..availability() };
        assert_eq!(cost.meets_target(dec("95")), Some(true));
        assert_eq!(Indicator { target: None, ..availability() }.meets_target(dec("1")), None);
    }

    #[test]
    fn an_indicator_needs_a_name_and_a_unit() {
        let blank = Indicator { name: " ".into(), unit: String::new(), ..availability() };
        let fields: Vec<&str> = blank.check().expect_err("refused").0.iter().map(|f| f.field).collect();
        assert_eq!(fields, ["name", "unit"]);
        assert_eq!(Perspective::from_code("it_cost").map(Perspective::name_sv), Some("It-kostnad"));
        assert_eq!(Perspective::ItCost.name(Language::En), "IT cost");
    }
}
