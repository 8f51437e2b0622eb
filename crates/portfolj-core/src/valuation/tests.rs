//! Reference cases computed by hand (the arithmetic is in each test's comment) and
//! properties every valuation must have.

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::*;
use crate::application::details::Contribution;
use crate::money::Sek;

fn d(text: &str) -> Decimal {
    text.parse().expect("decimal")
}

fn sek(kronor: i64) -> Sek {
    Sek::kronor(kronor).expect("amount")
}

/// The value shown to people: whole kronor by the display rule.
fn kr(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(0, crate::money::DISPLAY_ROUNDING)
}

fn benefit(name: &str, amount: Amount, first_year: i32) -> BenefitLine {
    BenefitLine {
        name: name.into(),
        kind: BenefitKind::Internal,
        class: BenefitClass::BudgetReleasing,
        amount,
        receiving_unit: "Trafikkontoret".into(),
        target: "felanmälan.handläggning".into(),
        first_year: Some(first_year),
        ramp_up_percent: vec![],
    }
}

fn cost(kind: CostKind, year: i32, kronor: i64) -> CostLine {
    CostLine {
        name: format!("{kind:?} {year}"),
        kind,
        bearing_unit: "Trafikkontoret".into(),
        schedule: CostSchedule::Years(vec![YearAmount { year, amount: sek(kronor) }]),
    }
}

fn worksheet(rate: &str, horizon: u32) -> Worksheet {
    Worksheet {
        first_year: 2014,
        parameters: Parameters { horizon_years: horizon, discount_rate_percent: d(rate), ..Parameters::defaults() },
        benefits: vec![],
        costs: vec![],
    }
}

/// 0 %: 100 000 kr a year from 2014 against 150 000 kr of development in 2014.
/// Nets −50 000, 100 000, 100 000 → NPV 150 000; BCR 300 000 / 150 000 = 2;
/// cumulative −50 000 then +50 000 → payback 2015; average net 150 000 / 3 = 50 000.
#[test]
fn undiscounted_reference_case() {
    let mut ws = worksheet("0", 3);
    ws.benefits.push(benefit("Porto", Amount::Sek(Range::exact(d("100000"))), 2014));
    ws.costs.push(cost(CostKind::Development, 2014, 150_000));
    let r = evaluate(&ws).expect("valid");
    assert_eq!(r.npv, d("150000"));
    assert_eq!(r.benefit_cost_ratio, Ok(d("2")));
    assert_eq!(r.npv_per_krona, Ok(d("1")));
    assert_eq!(r.payback_year, Some(2015));
    assert_eq!(r.average_net_per_year, d("50000"));
    assert_eq!(r.years.iter().map(|y| y.net).collect::<Vec<_>>(), vec![d("-50000"), d("100000"), d("100000")]);
}

/// Green Book 3.5 %: 250 000 kr in year 0, 100 000 kr in years 1 and 2 (default delay of
/// one year). Discount factors 1, 1/1.035 = 0.966183574879…, 1/1.035² = 0.933510700366…
/// PV benefits = 100 000 × 1.899694275245… = 189 969.43; NPV = −60 030.57 → −60 031 kr.
#[test]
fn discounted_reference_case() {
    let mut ws = worksheet("3.5", 3);
    let mut line = benefit("Handläggning", Amount::Sek(Range::exact(d("100000"))), 0);
    line.first_year = None;
    ws.benefits.push(line);
    ws.costs.push(cost(CostKind::Development, 2014, 250_000));
    let r = evaluate(&ws).expect("valid");
    assert_eq!(r.years[0].discount_factor, Decimal::ONE);
    assert_eq!(r.pv_benefits.round_dp(2), d("189969.43"));
    assert_eq!(r.npv.round_dp(2), d("-60030.57"));
    assert_eq!(kr(r.npv), d("-60031"));
    assert_eq!(r.payback_year, None);
    assert_eq!(r.switching_values.last().map(|s| s.may_fall_percent), Some(Decimal::ZERO));
}

/// Time freed: 1 000 hours a year at 36 000 kr × 1.45 / 165 h = 316.3636… kr/h
/// = 316 363.64 kr a year.
#[test]
fn hours_are_valued_at_the_rounds_hourly_cost() {
    let mut ws = worksheet("0", 1);
    let mut line = benefit("Tid", Amount::Hours(Range::exact(d("1000"))), 2014);
    line.class = BenefitClass::TimeFreed;
    ws.benefits.push(line);
    ws.costs.push(cost(CostKind::Development, 2014, 1));
    let r = evaluate(&ws).expect("valid");
    assert_eq!(r.hourly_cost.round_dp(4), d("316.3636"));
    assert_eq!(r.years[0].time_freed.round_dp(2), d("316363.64"));
    assert_eq!(r.years[0].budget_releasing, Decimal::ZERO);
}

/// 12 000 ärenden × 85 kr = 1 020 000 kr; ramp-up 50 % the first year, then full.
#[test]
fn volume_times_unit_value_with_ramp_up() {
    let mut ws = worksheet("0", 2);
    let mut line = benefit("Ärenden", Amount::Volume { count: Range::exact(d("12000")), unit_value: sek(85) }, 2014);
    line.ramp_up_percent = vec![d("50")];
    ws.benefits.push(line);
    ws.costs.push(cost(CostKind::Development, 2014, 100_000));
    let r = evaluate(&ws).expect("valid");
    assert_eq!(r.years[0].benefits, d("510000"));
    assert_eq!(r.years[1].benefits, d("1020000"));
}

/// Equipment/development: upper capex uplift 200 %. Half of all factors mitigated →
/// 100 %: 100 000 kr becomes 200 000 kr. Fully mitigated → the lower bound, 10 %.
#[test]
fn optimism_bias_raises_capital_cost_down_to_the_lower_bound() {
    let mut ws = worksheet("0", 1);
    ws.benefits.push(benefit("Nytta", Amount::Sek(Range::exact(d("500000"))), 2014));
    ws.costs.push(cost(CostKind::Development, 2014, 100_000));
    let factor = |mitigated: &str| BiasFactor {
        name: "Otillräckligt beslutsunderlag".into(),
        share_percent: d("100"),
        mitigated_percent: d(mitigated),
        evidence: "Förstudie genomförd".into(),
    };
    ws.parameters.optimism_bias =
        OptimismBias { project_type: ProjectType::EquipmentDevelopment, factors: vec![factor("50")] };
    let r = evaluate(&ws).expect("valid");
    assert_eq!(r.uplifts.capex, d("100"));
    assert_eq!(r.years[0].development, d("200000"));
    assert_eq!(r.npv, d("300000"));
    assert_eq!(r.npv_unadjusted, d("400000"));
    ws.parameters.optimism_bias.factors = vec![factor("100")];
    let r = evaluate(&ws).expect("valid");
    assert_eq!(r.uplifts.capex, d("10"));
    assert_eq!(r.years[0].development, d("110000"));
}

/// One year at 0 %: line A 50 000 / 100 000 / 150 000, line B 90 000 / 100 000 / 110 000,
/// cost 100 000. NPV 100 000; A swings 100 000, B 20 000 (A first in the tornado).
/// PERT: A (50 + 400 + 150) / 6 = 100 000, so the expected NPV is 100 000 too.
/// Switching: NPV 100 000 / PV(A) 100 000 → A may fall 100 %; all benefits 50 %.
#[test]
fn sensitivity_tornado_and_switching_values() {
    let mut ws = worksheet("0", 1);
    ws.benefits.push(benefit("B", Amount::Sek(Range { min: d("90000"), likely: d("100000"), max: d("110000") }), 2014));
    ws.benefits.push(benefit("A", Amount::Sek(Range { min: d("50000"), likely: d("100000"), max: d("150000") }), 2014));
    ws.costs.push(cost(CostKind::Development, 2014, 100_000));
    let r = evaluate(&ws).expect("valid");
    assert_eq!(r.npv, d("100000"));
    assert_eq!(r.sensitivity.iter().map(|s| s.line.as_str()).collect::<Vec<_>>(), vec!["A", "B"]);
    assert_eq!((r.sensitivity[0].npv_at_min, r.sensitivity[0].npv_at_max), (d("50000"), d("150000")));
    assert_eq!(r.npv_expected, d("100000"));
    assert_eq!(r.switching_values[1].may_fall_percent, d("100"));
    assert_eq!(r.switching_values[2].may_fall_percent, d("50"));
}

#[test]
fn no_costs_cannot_give_a_ratio_and_says_why() {
    let mut ws = worksheet("3.5", 3);
    ws.benefits.push(benefit("Nytta", Amount::Sek(Range::exact(d("1000"))), 2014));
    let r = evaluate(&ws).expect("valid");
    assert_eq!(r.benefit_cost_ratio, Err(CannotCompute::NoCosts));
    assert!(CannotCompute::NoCosts.to_string().contains("kostnaderna är 0 kr"));
}

#[test]
fn qualitative_benefits_are_listed_never_summed() {
    let mut ws = worksheet("0", 1);
    let mut line = benefit("Trygghet", Amount::Sek(Range::exact(d("999999"))), 2014);
    line.class = BenefitClass::Qualitative { score: Contribution::Strong, motivation: "Enklare för äldre".into() };
    ws.benefits.push(line);
    ws.costs.push(cost(CostKind::Development, 2014, 10));
    let r = evaluate(&ws).expect("valid");
    assert_eq!(r.pv_benefits, Decimal::ZERO);
    assert_eq!(r.qualitative, vec![("Trygghet".to_owned(), Contribution::Strong)]);
}

#[test]
fn bad_inputs_are_refused_with_the_field_named() {
    let mut ws = worksheet("120", 0);
    ws.benefits.push(benefit("X", Amount::Sek(Range { min: d("10"), likely: d("5"), max: d("20") }), 2014));
    ws.benefits[0].ramp_up_percent = vec![d("150")];
    ws.parameters.hours_per_month = Decimal::ZERO;
    let errors = evaluate(&ws).expect_err("invalid");
    let fields: Vec<&str> = errors.0.iter().map(|e| e.field).collect();
    assert!(fields.contains(&"horizon_years"));
    assert!(fields.contains(&"discount_rate_percent"));
    assert!(fields.contains(&"hours_per_month"));
    assert_eq!(fields.iter().filter(|f| **f == "benefits").count(), 2);
}

fn generated() -> impl Strategy<Value = Worksheet> {
    let money = 0_i64..10_000_000;
    let benefit_line =
        (money.clone(), money.clone(), money.clone(), 2010..2025_i32, prop::collection::vec(0_u32..=100, 0..4))
            .prop_map(|(a, b, c, year, ramp)| {
                let mut v = [a, b, c];
                v.sort_unstable();
                let mut line = benefit(
                    "L",
                    Amount::Sek(Range {
                        min: Decimal::from(v[0]),
                        likely: Decimal::from(v[1]),
                        max: Decimal::from(v[2]),
                    }),
                    year,
                );
                line.ramp_up_percent = ramp.into_iter().map(Decimal::from).collect();
                line
            });
    let cost_line = (money, 2014..2030_i32).prop_map(|(a, y)| cost(CostKind::Operations, y, a));
    (0_u32..=10_000, 1_u32..=30, prop::collection::vec(benefit_line, 0..5), prop::collection::vec(cost_line, 0..5))
        .prop_map(|(rate, horizon, benefits, costs)| Worksheet {
            first_year: 2014,
            parameters: Parameters {
                horizon_years: horizon,
                discount_rate_percent: Decimal::new(i64::from(rate), 2),
                ..Parameters::defaults()
            },
            benefits,
            costs,
        })
}

proptest! {
    #[test]
    fn evaluation_never_panics(ws in generated()) {
        let _ = evaluate(&ws);
    }

    #[test]
    fn npv_at_zero_percent_is_the_plain_sum(mut ws in generated()) {
        ws.parameters.discount_rate_percent = Decimal::ZERO;
        if let Ok(r) = evaluate(&ws) {
            prop_assert_eq!(r.npv, r.years.iter().map(|y| y.net).sum::<Decimal>());
            prop_assert!(r.years.iter().all(|y| y.discount_factor == Decimal::ONE));
        }
    }

    #[test]
    fn npv_is_linear_in_the_flows(ws in generated()) {
        let mut doubled = ws.clone();
        for line in &mut doubled.benefits {
            if let Amount::Sek(r) = &mut line.amount {
                *r = Range { min: r.min * Decimal::TWO, likely: r.likely * Decimal::TWO, max: r.max * Decimal::TWO };
            }
        }
        for line in &mut doubled.costs {
            if let CostSchedule::Years(years) = &mut line.schedule {
                for y in years.iter_mut() {
                    y.amount = Sek::new(y.amount.as_decimal() * Decimal::TWO).expect("in range");
                }
            }
        }
        if let (Ok(a), Ok(b)) = (evaluate(&ws), evaluate(&doubled)) {
            prop_assert_eq!((a.npv * Decimal::TWO).round_dp(6), b.npv.round_dp(6));
        }
    }

    #[test]
    fn the_first_years_discount_factor_is_one(ws in generated()) {
        if let Ok(r) = evaluate(&ws) {
            prop_assert_eq!(r.years[0].discount_factor, Decimal::ONE);
        }
    }
}

mod integrity {
    use uuid::Uuid;

    use super::*;
    use crate::org::{Actor, Role};
    use crate::{ApplicationId, ItCategory, PersonId, UnitId};

    fn facts() -> ApplicationFacts {
        ApplicationFacts { category: ItCategory::Differentiating, owner_accepted_operations: true }
    }

    fn with_target(target: &str, first_year: i32) -> Worksheet {
        let mut ws = worksheet("3.5", 5);
        let mut line = benefit("Handläggning", Amount::Sek(Range::exact(d("100000"))), first_year);
        line.target = target.into();
        line.ramp_up_percent = vec![d("50")];
        ws.benefits.push(line);
        ws.costs.push(cost(CostKind::Development, 2014, 100_000));
        ws.costs.push(CostLine {
            name: "Drift".into(),
            kind: CostKind::Operations,
            bearing_unit: "Trafikkontoret".into(),
            schedule: CostSchedule::Yearly { from_year: 2015, amount: sek(10_000) },
        });
        ws
    }

    fn codes(flags: &[Flag]) -> Vec<&'static str> {
        flags.iter().map(|f| f.code).collect()
    }

    #[test]
    fn the_same_target_in_overlapping_years_is_dubbelrakning() {
        let ours = with_target("socialtjanst.handlaggning", 2015);
        let theirs = with_target("socialtjanst.handlaggning", 2016);
        let other =
            OtherWorksheet { application: ApplicationId(Uuid::from_u128(9)), title: "Mina sidor", worksheet: &theirs };
        let found = flags(&ours, None, facts(), &[other], default_plausible_ratio());
        assert_eq!(codes(&found), vec!["double_count"]);
        assert!(found[0].message.contains("Mina sidor"));
        assert_eq!(found[0].others, vec![ApplicationId(Uuid::from_u128(9))]);
    }

    #[test]
    fn different_targets_or_years_are_not_dubbelrakning() {
        let ours = with_target("a", 2015);
        let other_target = with_target("b", 2015);
        let mut later = with_target("a", 2015);
        later.first_year = 2030;
        later.benefits[0].first_year = Some(2030);
        let others = [
            OtherWorksheet { application: ApplicationId(Uuid::from_u128(1)), title: "B", worksheet: &other_target },
            OtherWorksheet { application: ApplicationId(Uuid::from_u128(2)), title: "Senare", worksheet: &later },
        ];
        assert!(flags(&ours, None, facts(), &others, default_plausible_ratio()).is_empty());
    }

    #[test]
    fn full_effect_in_the_first_year_forgotten_operations_and_unaccepted_owner_are_flagged() {
        let mut ws = with_target("x", 2014);
        ws.benefits[0].ramp_up_percent.clear();
        ws.costs.retain(|c| c.kind != CostKind::Operations);
        let found = flags(
            &ws,
            None,
            ApplicationFacts { owner_accepted_operations: false, ..facts() },
            &[],
            default_plausible_ratio(),
        );
        assert_eq!(codes(&found), vec!["benefit_too_early", "no_operations_cost", "owner_not_accepted"]);
    }

    #[test]
    fn an_implausible_ratio_is_flagged() {
        let mut ws = with_target("x", 2015);
        ws.benefits[0].amount = Amount::Sek(Range::exact(d("100000000")));
        let results = evaluate(&ws).expect("valid");
        let found = flags(&ws, Some(&results), facts(), &[], default_plausible_ratio());
        assert_eq!(codes(&found), vec!["implausible_ratio"]);
    }

    #[test]
    fn a_valuer_from_the_applying_unit_is_refused() {
        let unit = UnitId(Uuid::from_u128(1));
        let valuer = |u: u128, roles: &[Role]| Actor {
            person: PersonId(Uuid::from_u128(5)),
            unit: UnitId(Uuid::from_u128(u)),
            roles: roles.to_vec(),
        };
        assert!(authorize_valuer(&valuer(2, &[Role::Valuer]), unit).is_ok());
        let own = authorize_valuer(&valuer(1, &[Role::Valuer]), unit).expect_err("own unit");
        assert!(own.to_string().contains("sökande enheten"));
        assert!(authorize_valuer(&valuer(2, &[Role::Office]), unit).is_err());
    }
}

#[test]
fn target_keys_are_lower_case_words_joined_by_dots_dashes_or_underscores() {
    for good in ["kontaktcenter.samtal", "bygglov-handläggning.2018", "ekonomi_fakturor"] {
        assert!(is_target_key(good), "{good}");
    }
    for bad in ["x", "Kontaktcenter", "två ord", ".dold", "a/b", &"a".repeat(81)] {
        assert!(!is_target_key(bad), "{bad}");
    }
}
