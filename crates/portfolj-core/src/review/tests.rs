use rust_decimal::Decimal;

use super::*;
use crate::{ApplicationId, PersonId, UnitId};

fn d(text: &str) -> Decimal {
    text.parse().expect("decimal")
}

fn person(n: u128) -> PersonId {
    PersonId(uuid::Uuid::from_u128(n))
}

fn app(n: u128) -> ApplicationId {
    ApplicationId(uuid::Uuid::from_u128(0x1000 + n))
}

fn unit(n: u128) -> UnitId {
    UnitId(uuid::Uuid::from_u128(0x2000 + n))
}

fn full_score(level: u8) -> Score {
    let rubric = Rubric::programme_default();
    Score {
        criteria: rubric
            .criteria
            .iter()
            .map(|c| (c.key.clone(), CriterionScore { level, comment: "Motiverat.".into() }))
            .collect(),
    }
}

#[test]
fn the_programme_rubric_is_sound_and_weights_add_to_100() {
    let rubric = Rubric::programme_default();
    assert_eq!(rubric.check(), Ok(()));
    assert_eq!(rubric.criteria.len(), 5);
    let mut broken = rubric.clone();
    broken.criteria[0].weight = d("30");
    broken.criteria[1].levels.pop();
    let fields: Vec<&str> = broken.check().expect_err("refused").0.iter().map(|f| f.field).collect();
    assert_eq!(fields, vec!["weight", "levels"]);
}

#[test]
fn same_unit_and_co_benefiting_unit_are_detected_other_units_are_not() {
    let (own, other, sharing) = (unit(1), unit(2), unit(3));
    assert_eq!(detect_unit_jav(own, own, &[])[0].kind, JavKind::SameUnit);
    assert_eq!(detect_unit_jav(sharing, own, &[sharing])[0].kind, JavKind::CoBenefitingUnit);
    assert!(detect_unit_jav(other, own, &[sharing]).is_empty());
    assert!(JavKind::SameUnit.is_detected() && !JavKind::PersonalRelation.is_detected());
}

#[test]
fn a_jävig_member_is_refused_whatever_the_score() {
    let rubric = Rubric::programme_default();
    for kind in [
        JavKind::SameUnit,
        JavKind::CoBenefitingUnit,
        JavKind::PersonalRelation,
        JavKind::EconomicInterest,
        JavKind::Other,
    ] {
        let jav = [Jav { kind, motivation: "Deklarerat.".into() }];
        let context = ScoreContext { rubric: &rubric, round_open: true, assigned: true, jav: &jav };
        let e = check_score(&full_score(3), &context).expect_err("refused");
        assert!(
            matches!(e, crate::DomainError::Forbidden(ref m) if m.contains("jävig") && m.contains(kind.name_sv())),
            "{e}"
        );
    }
}

#[test]
fn unassigned_closed_out_of_scale_and_uncommented_scores_are_refused() {
    let rubric = Rubric::programme_default();
    let open = ScoreContext { rubric: &rubric, round_open: true, assigned: true, jav: &[] };
    assert!(check_score(&full_score(3), &open).is_ok());
    assert!(check_score(&full_score(3), &ScoreContext { assigned: false, ..open.clone() }).is_err());
    assert!(matches!(
        check_score(&full_score(3), &ScoreContext { round_open: false, ..open.clone() }),
        Err(crate::DomainError::NotAllowedNow(_))
    ));
    let mut bad = full_score(6);
    if let Some(c) = bad.criteria.get_mut("risk") {
        c.comment = " ".into();
        c.level = 2;
    }
    bad.criteria.remove("reuse");
    let Err(crate::DomainError::Invalid(errors)) = check_score(&bad, &open) else { panic!("refused as invalid") };
    let messages: Vec<&str> = errors.0.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(messages.len(), 5, "{messages:?}"); // three out of scale, one uncommented, one missing
    assert!(messages.iter().any(|m| m.contains("Risk") && m.contains("kommentar")));
    assert!(messages.iter().any(|m| m.contains("Bedöm \"Nytta för flera enheter")));
}

#[test]
fn the_weighted_total_follows_the_weights() {
    // fit 25 × 5 + benefit 25 × 4 + feasibility 20 × 3 + risk 15 × 2 + reuse 15 × 1
    // = 125 + 100 + 60 + 30 + 15 = 330; / 100 = 3,3.
    let rubric = Rubric::programme_default();
    let mut score = full_score(1);
    for (key, level) in [("fit", 5), ("benefit", 4), ("feasibility", 3), ("risk", 2), ("reuse", 1)] {
        if let Some(c) = score.criteria.get_mut(key) {
            c.level = level;
        }
    }
    assert_eq!(score.weighted_total(&rubric), Some(d("3.3")));
    assert_eq!(Score::default().weighted_total(&rubric), None);
}

#[test]
fn stats_of_hand_checked_sets() {
    // 2, 4, 4, 5: mean 15/4 = 3,75; median (4 + 4)/2 = 4; spread 3;
    // sample variance ((1,75)² + 0,25² + 0,25² + 1,25²)/3 = (3,0625 + 0,0625 + 0,0625 + 1,5625)/3 = 4,75/3;
    // sd = √1,58333… = 1,2583…
    let s = stats(&[d("4"), d("2"), d("5"), d("4")]).expect("stats");
    assert_eq!((s.count, s.mean, s.median, s.min, s.max, s.spread), (4, d("3.75"), d("4"), d("2"), d("5"), d("3")));
    assert_eq!(s.std_dev.round_dp(4), d("1.2583"));
    let one = stats(&[d("3.3")]).expect("one");
    assert_eq!((one.mean, one.median, one.std_dev, one.spread), (d("3.3"), d("3.3"), Decimal::ZERO, Decimal::ZERO));
    let equal = stats(&[d("3"), d("3"), d("3")]).expect("equal");
    assert_eq!((equal.std_dev, equal.spread), (Decimal::ZERO, Decimal::ZERO));
    assert_eq!(stats(&[]), None);
}

fn t(member: u128, application: u128, total: &str) -> MemberTotal {
    MemberTotal { member: person(member), application: app(application), total: d(total) }
}

#[test]
fn disagreement_is_flagged_above_the_threshold() {
    let totals = [t(1, 1, "4"), t(2, 1, "4.5"), t(1, 2, "1.5"), t(2, 2, "4.5")];
    let summary = summarise(&totals, d("2"));
    assert!(!summary[0].disagreement, "0,5 apart");
    assert!(summary[1].disagreement, "3 apart");
}

#[test]
fn calibration_removes_a_lenient_members_offset() {
    // Member 1 scores everything one step above member 2. Application means: a1 = 3,5,
    // a2 = 2,5; member 1's offsets +0,5, +0,5 → leniency +0,5; member 2's −0,5.
    // Application 3 only member 1 scored (4): raw mean 4 ranks first, normalised 3,5.
    let totals = [t(1, 1, "4"), t(2, 1, "3"), t(1, 2, "3"), t(2, 2, "2"), t(1, 3, "4")];
    let c = calibrate(&totals);
    assert_eq!(c.leniency[&person(1)], d("0.5"));
    assert_eq!(c.leniency[&person(2)], d("-0.5"));
    assert_eq!(c.normalised[&app(3)], d("3.5"));
    assert_eq!(c.raw_rank, vec![app(3), app(1), app(2)]);
    // Ties (a1 and a3 both 3,5) are broken by id: a1 before a3.
    assert_eq!(c.normalised_rank, vec![app(1), app(3), app(2)]);
}

#[test]
fn rank_robustness_names_how_far_one_member_can_move_a_rank() {
    // a1: 5 and 1 (mean 3); a2: 3 and 3 (mean 3); a3: 2 and 2 (mean 2).
    // Full ranking (ties by id): a1, a2, a3. Without member 1: a2 3, a3 2, a1 1 → a1 moves 2.
    let totals = [t(1, 1, "5"), t(2, 1, "1"), t(1, 2, "3"), t(2, 2, "3"), t(1, 3, "2"), t(2, 3, "2")];
    let moves = rank_robustness(&totals);
    assert_eq!(moves[&app(1)], 2);
    assert_eq!(moves[&app(3)], 1);
}

#[test]
fn every_jäv_kind_has_a_code_and_only_the_undetected_kinds_are_declared() {
    for kind in JavKind::ALL {
        assert_eq!(JavKind::from_code(kind.code()), Some(kind));
        assert_eq!(JavKind::declared_from_code(kind.code()).is_some(), !kind.is_detected());
    }
    assert_eq!(JavKind::from_code("bribe"), None);
}

#[test]
fn a_proposal_needs_a_complete_review_but_komplettering_does_not() {
    let missing = vec!["Maria Lindberg".to_owned()];
    let input = |kind, missing: &[String]| {
        check_recommendation(&RecommendationInput { kind, motivation: "Väl underbyggd.", conditions: "", missing })
    };
    for kind in [RecommendationKind::Support, RecommendationKind::SupportWithConditions, RecommendationKind::Oppose] {
        let e = input(kind, &missing).expect_err("incomplete");
        assert!(e.to_string().contains("Maria Lindberg"), "{e}");
    }
    assert_eq!(input(RecommendationKind::Supplement, &missing), Ok(()));
    assert_eq!(input(RecommendationKind::Support, &[]), Ok(()));
    assert!(input(RecommendationKind::SupportWithConditions, &[]).is_err(), "conditions are required");
    assert_eq!(RecommendationKind::Supplement.leads_to(), crate::ApplicationState::SupplementRequested);
    assert_eq!(RecommendationKind::Oppose.leads_to(), crate::ApplicationState::Proposed);
    let unmotivated =
        RecommendationInput { kind: RecommendationKind::Oppose, motivation: " ", conditions: "", missing: &[] };
    assert!(check_recommendation(&unmotivated).is_err());
}

#[test]
fn an_assignment_stays_within_the_members_cap() {
    assert_eq!(check_assignment("Ulf", 3, Some(3)), Ok(()));
    assert_eq!(check_assignment("Ulf", 30, None), Ok(()));
    let e = check_assignment("Ulf", 4, Some(3)).expect_err("over the cap");
    assert!(e.to_string().contains("högst 3"), "{e}");
}

#[test]
fn a_review_is_complete_only_when_every_assigned_non_jävig_member_is_in_or_absent() {
    let (a, b, c, j) = (person(1), person(2), person(3), person(4));
    assert_eq!(completeness(&[a, b, c, j], &[j], &[a], &[c]), vec![b]);
    assert!(completeness(&[a, b, j], &[j], &[a, b], &[]).is_empty());
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    fn totals() -> impl Strategy<Value = Vec<MemberTotal>> {
        proptest::collection::vec((1u128..6, 1u128..8, 10u32..=50), 0..60).prop_map(|rows| {
            let mut seen = std::collections::BTreeSet::new();
            rows.into_iter()
                .filter(|(m, a, _)| seen.insert((*m, *a)))
                .map(|(m, a, tenths)| MemberTotal {
                    member: person(m),
                    application: app(a),
                    total: Decimal::new(i64::from(tenths), 1),
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn aggregates_stay_within_the_scores_and_ignore_order(mut rows in totals()) {
            let summary = summarise(&rows, Decimal::TWO);
            for s in &summary {
                prop_assert!(s.stats.min <= s.stats.mean && s.stats.mean <= s.stats.max);
                prop_assert!(s.stats.min <= s.stats.median && s.stats.median <= s.stats.max);
                prop_assert!(s.stats.std_dev >= Decimal::ZERO);
            }
            let calibration = calibrate(&rows);
            let robustness = rank_robustness(&rows);
            prop_assert_eq!(calibration.raw_rank.len(), summary.len());
            prop_assert!(robustness.values().all(|m| *m < summary.len().max(1)));
            rows.reverse();
            prop_assert_eq!(summarise(&rows, Decimal::TWO), summary);
            prop_assert_eq!(calibrate(&rows), calibration);
            prop_assert_eq!(rank_robustness(&rows), robustness);
        }
    }
}
