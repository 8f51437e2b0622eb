//! Generated portfolios for the optimizer's benchmarks and its comparison with a reference
//! MIP solver (`cargo xtask bench`): deterministic per seed, shaped like a large city's
//! portfolio.

use rust_decimal::Decimal;

use super::problem::{Candidate, Problem, Rules};
use crate::ApplicationId;
use crate::frame::PortfolioPart;

/// xorshift64: the same instance for the same seed on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below
    }
}

/// One portfolio of `size` applications (at least 10): costs 200 000–8 000 000 kr, values
/// group means 1,00–5,00, a frame of a quarter of what is asked, split into three parts,
/// `size / 50` dependencies and half as many exclusions inside parts, 3 forced in and 3
/// forced out.
pub fn synthetic(seed: u64, size: usize) -> Problem {
    let size = u64::try_from(size.max(10)).unwrap_or(10);
    let mut rng = Rng(seed.max(1));
    let id = |n: u64| ApplicationId(uuid::Uuid::from_u128(u128::from(seed) << 32 | u128::from(n)));
    let parts = [PortfolioPart::Innovation, PortfolioPart::Improvement, PortfolioPart::Management];
    let candidates: Vec<Candidate> = (0..size)
        .map(|n| Candidate {
            id: id(n),
            cost: i64::try_from(20 + rng.next(781)).unwrap_or(20) * 10_000 * 100,
            part: Some(parts[usize::try_from(rng.next(3)).unwrap_or(0)]),
            value: Decimal::new(i64::try_from(100 + rng.next(401)).unwrap_or(100), 2),
        })
        .collect();
    let total: i64 = candidates.iter().map(|c| c.cost).sum();
    let frame = total / 4;
    let part_of = |n: u64| candidates[usize::try_from(n).unwrap_or(0)].part;
    // Ties inside one part, as between a platform and the e-service built on it.
    let pair = |rng: &mut Rng| loop {
        let (a, b) = (rng.next(size), rng.next(size));
        if a != b && part_of(a) == part_of(b) {
            break (id(a), id(b));
        }
    };
    let ties = (size / 50).max(1);
    let requires = (0..ties).map(|_| pair(&mut rng)).collect();
    let excludes = (0..ties.div_ceil(2)).map(|_| pair(&mut rng)).collect();
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
