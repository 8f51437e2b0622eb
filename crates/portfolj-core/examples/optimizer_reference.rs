//! Writes the optimizer's reference comparison (issue 10, P3): 100 generated portfolios of
//! 50–500 applications, each with Portfölj's optimum and its solving time (the median of
//! five runs, release build), as JSON for `xtask/bench/highs.py`, which solves the same
//! instances with HiGHS. Run by `cargo xtask bench`.
#![allow(clippy::print_stdout)]

use std::time::Instant;

use portfolj_core::prioritise::{Problem, optimise, synthetic};
use serde_json::{Value, json};

const SIZES: [usize; 5] = [50, 100, 200, 300, 500];
const RUNS: usize = 5;

/// The instance with applications by index, as a MIP states it.
fn instance(p: &Problem) -> Value {
    let index = |id| p.candidates.iter().position(|c| c.id == id).unwrap_or(usize::MAX);
    let part = |c: &portfolj_core::prioritise::Candidate| c.part.map(|x| format!("{x:?}"));
    json!({
        "frame": p.frame,
        "sub_frames": p.sub_frames.iter().map(|(x, a)| json!([format!("{x:?}"), a])).collect::<Vec<_>>(),
        "costs": p.candidates.iter().map(|c| c.cost).collect::<Vec<_>>(),
        "values": p.candidates.iter().map(|c| c.value.to_string()).collect::<Vec<_>>(),
        "parts": p.candidates.iter().map(part).collect::<Vec<_>>(),
        "requires": p.rules.requires.iter().map(|(a, b)| json!([index(*a), index(*b)])).collect::<Vec<_>>(),
        "excludes": p.rules.excludes.iter().map(|(a, b)| json!([index(*a), index(*b)])).collect::<Vec<_>>(),
        "forced_in": p.rules.forced_in.iter().map(|x| index(*x)).collect::<Vec<_>>(),
        "forced_out": p.rules.forced_out.iter().map(|x| index(*x)).collect::<Vec<_>>(),
    })
}

fn main() {
    let out = std::env::args().nth(1).unwrap_or_else(|| "target/bench/optimizer-instances.json".to_owned());
    let mut instances = Vec::new();
    for k in 0..100u64 {
        let size = SIZES[usize::try_from(k).unwrap_or(0) % SIZES.len()];
        let problem = synthetic(0x5eed_0000 + k, size);
        let mut micros = Vec::new();
        let mut optimum = None;
        for _ in 0..RUNS {
            let started = Instant::now();
            let solved = optimise(&problem);
            micros.push(started.elapsed().as_micros());
            optimum = Some(solved.map(|s| s.value.to_string()).map_err(|e| e.to_string()));
        }
        micros.sort_unstable();
        let mut entry = instance(&problem);
        entry["size"] = json!(size);
        entry["portfolj_micros"] = json!(micros[RUNS / 2]);
        entry["portfolj_optimum"] = match optimum {
            Some(Ok(v)) => json!(v),
            _ => Value::Null,
        };
        instances.push(entry);
    }
    let text = serde_json::to_string(&instances).unwrap_or_default();
    if let Err(e) = std::fs::write(&out, text) {
        println!("could not write {out}: {e}");
        std::process::exit(1);
    }
    println!("wrote {} instances to {out}", instances.len());
}
