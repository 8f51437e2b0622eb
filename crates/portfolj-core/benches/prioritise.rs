//! The optimizer on five portfolios of 500 applications each, with dependencies,
//! exclusions, forced choices and sub-frames (issue 8's target: ≤ 50 ms for all five),
//! and the efficient frontier of one portfolio. Run with `cargo xtask bench`.

use portfolj_core::prioritise::{Problem, frontier, optimise, synthetic};

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 20)]
fn five_portfolios_of_500_with_dependencies(bencher: divan::Bencher) {
    let problems: Vec<Problem> = (1..=5).map(|s| synthetic(0x9e37_79b9 + s, 500)).collect();
    bencher.bench(|| problems.iter().filter_map(|p| optimise(p).ok()).map(|s| s.chosen.len()).sum::<usize>());
}

/// 16 budgets from 0 to 150 % of the frame, each solved exactly.
#[divan::bench(sample_count = 10)]
fn frontier_of_one_portfolio_in_10_percent_steps(bencher: divan::Bencher) {
    let problem = synthetic(0x9e37_79b9 + 1, 500);
    bencher.bench(|| frontier(&problem, 10).map(|f| f.len()).unwrap_or(0));
}
