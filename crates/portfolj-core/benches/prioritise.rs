//! The optimizer on five portfolios of 500 applications each, with dependencies,
//! exclusions, forced choices and sub-frames (issue 8's target: ≤ 50 ms for all five),
//! and the efficient frontier of one portfolio. Run with `cargo xtask bench`.

use portfolj_core::ApplicationId;
use portfolj_core::frame::PortfolioPart;
use portfolj_core::prioritise::{Candidate, Problem, Rules, frontier, optimise};
use rust_decimal::Decimal;

fn main() {
    divan::main();
}

struct Rng(u64);

impl Rng {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below
    }
}

/// One portfolio: costs 200 000–8 000 000 kr, values group means 1,00–5,00, a frame of a
/// quarter of what is asked, split into parts, 10 dependencies and 5 exclusions inside parts, 3 forced
/// in and 3 forced out.
fn portfolio(seed: u64) -> Problem {
    let mut rng = Rng(seed);
    let id = |n: u64| ApplicationId(uuid::Uuid::from_u128(u128::from(seed) << 32 | u128::from(n)));
    let parts = [PortfolioPart::Innovation, PortfolioPart::Improvement, PortfolioPart::Management];
    let candidates: Vec<Candidate> = (0..500)
        .map(|n| Candidate {
            id: id(n),
            cost: i64::try_from(20 + rng.next(781)).unwrap_or(20) * 10_000 * 100,
            part: Some(parts[usize::try_from(rng.next(3)).unwrap_or(0)]),
            value: Decimal::new(i64::try_from(100 + rng.next(401)).unwrap_or(100), 2),
        })
        .collect();
    let total: i64 = candidates.iter().map(|c| c.cost).sum();
    let frame = total / 4;
    // Ties inside one part, as between a platform and the e-service built on it.
    let pair = |rng: &mut Rng| loop {
        let (a, b) = (rng.next(500), rng.next(500));
        if a != b && candidates[a as usize].part == candidates[b as usize].part {
            break (id(a), id(b));
        }
    };
    let requires = (0..10).map(|_| pair(&mut rng)).collect();
    let excludes = (0..5).map(|_| pair(&mut rng)).collect();
    Problem {
        frame,
        sub_frames: vec![
            (PortfolioPart::Innovation, frame / 5),
            (PortfolioPart::Improvement, frame / 2),
            (PortfolioPart::Management, frame - frame / 5 - frame / 2),
        ],
        candidates,
        rules: Rules {
            forced_in: vec![id(1), id(2), id(3)],
            forced_out: vec![id(4), id(5), id(6)],
            requires,
            excludes,
        },
    }
}

#[divan::bench(sample_count = 20)]
fn five_portfolios_of_500_with_dependencies(bencher: divan::Bencher) {
    let problems: Vec<Problem> = (1..=5).map(|s| portfolio(0x9e37_79b9 + s)).collect();
    bencher.bench(|| problems.iter().filter_map(|p| optimise(p).ok()).map(|s| s.chosen.len()).sum::<usize>());
}

/// 16 budgets from 0 to 150 % of the frame, each solved exactly.
#[divan::bench(sample_count = 10)]
fn frontier_of_one_portfolio_in_10_percent_steps(bencher: divan::Bencher) {
    let problem = portfolio(0x9e37_79b9 + 1);
    bencher.bench(|| frontier(&problem, 10).map(|f| f.len()).unwrap_or(0));
}
