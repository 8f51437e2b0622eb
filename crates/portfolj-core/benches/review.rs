//! Aggregating a city's review scores in memory: 2 000 applications, 80 members' totals
//! each (160 000), as the overview and the summary need them. Issue 7's target for the
//! `city` database is ≤ 20 ms for the overview's aggregates. Run with `cargo xtask bench`.

use portfolj_core::review::{MemberTotal, calibrate, rank_robustness, summarise};
use portfolj_core::{ApplicationId, PersonId};
use rust_decimal::Decimal;

fn main() {
    divan::main();
}

/// Five groups of 16 members; each member scores every application of their group's
/// portfolio (400 per portfolio), totals 1,0–5,0 in tenths, spread deterministically.
fn city() -> Vec<MemberTotal> {
    let mut totals = Vec::with_capacity(160_000);
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for portfolio in 0..5u128 {
        for member in 0..16u128 {
            for application in 0..400u128 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let tenths = 10 + i64::try_from(x % 41).unwrap_or(0);
                totals.push(MemberTotal {
                    member: PersonId(uuid::Uuid::from_u128(portfolio * 100 + member)),
                    application: ApplicationId(uuid::Uuid::from_u128(0x10_0000 + portfolio * 1000 + application)),
                    total: Decimal::new(tenths, 1),
                });
            }
        }
    }
    totals
}

#[divan::bench]
fn summary_of_160_000_scores(bencher: divan::Bencher) {
    let totals = city();
    bencher.bench(|| summarise(&totals, Decimal::TWO).len());
}

#[divan::bench(sample_count = 10)]
fn calibration_of_160_000_scores(bencher: divan::Bencher) {
    let totals = city();
    bencher.bench(|| calibrate(&totals).leniency.len());
}

#[divan::bench(sample_count = 5)]
fn rank_robustness_of_one_portfolio(bencher: divan::Bencher) {
    let totals: Vec<MemberTotal> = city().into_iter().take(16 * 400).collect();
    bencher.bench(|| rank_robustness(&totals).len());
}
