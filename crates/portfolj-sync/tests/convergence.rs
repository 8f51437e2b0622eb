//! Convergence: 3–6 laptops make random edits and exchange them in random order, with
//! duplicates, and all end in the same state; every value ever written is current, an
//! open conflict, or was replaced by someone who saw it. 1 000 cases here;
//! `cargo xtask soak` runs 10 000 (PORTFOLJ_CONVERGENCE_CASES).

use std::collections::BTreeMap;

use portfolj_sync::hlc::{Clock, Stamp};
use portfolj_sync::merge::{FieldWrite, Register, plan};
use proptest::prelude::*;

type State = BTreeMap<(String, String), Register>;

#[derive(Debug, Clone)]
enum Step {
    /// Laptop writes a value to a field, replacing what it sees as current.
    Edit { laptop: usize, field: usize, value: u8, tick_ms: i64 },
    /// Laptop resolves a field: replaces the current value and every open conflict.
    Resolve { laptop: usize, field: usize, tick_ms: i64 },
    /// Laptop `from` sends what it holds to `to`, shuffled and with some writes twice.
    Send { from: usize, to: usize, rotate: usize, twice: bool },
}

fn step(laptops: usize) -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0..laptops, 0..3usize, any::<u8>(), -5..20i64)
            .prop_map(|(laptop, field, value, tick_ms)| Step::Edit { laptop, field, value, tick_ms }),
        1 => (0..laptops, 0..3usize, 0..20i64).prop_map(|(laptop, field, tick_ms)| Step::Resolve { laptop, field, tick_ms }),
        3 => (0..laptops, 0..laptops, 0..50usize, any::<bool>())
            .prop_map(|(from, to, rotate, twice)| Step::Send { from, to, rotate, twice }),
    ]
}

fn scenario() -> impl Strategy<Value = (usize, Vec<Step>)> {
    (3..=6usize).prop_flat_map(|n| (Just(n), proptest::collection::vec(step(n), 1..60)))
}

struct Laptop {
    clock: Clock,
    wall_ms: i64,
    state: State,
}

impl Laptop {
    fn receive(&mut self, writes: &[FieldWrite]) {
        let (_, merged) =
            plan(writes, |e, f| self.state.get(&(e.to_owned(), f.to_owned())).cloned().unwrap_or_default());
        for ((e, f), register) in merged {
            for w in register.writes() {
                self.clock.observe(&w.stamp, self.wall_ms);
            }
            self.state.insert((e.to_owned(), f.to_owned()), register);
        }
    }

    fn all_writes(&self) -> Vec<FieldWrite> {
        self.state.values().flat_map(|r| r.writes().cloned()).collect()
    }

    fn write(&mut self, field: usize, value: serde_json::Value, tick_ms: i64, resolve: bool) -> FieldWrite {
        self.wall_ms += tick_ms; // clocks may run backwards
        let key = ("application/a".to_owned(), format!("details.f{field}"));
        let register = self.state.get(&key).cloned().unwrap_or_default();
        let mut supersedes: Vec<Stamp> = register.current().map(|w| w.stamp.clone()).into_iter().collect();
        if resolve {
            supersedes.extend(register.conflicts().iter().map(|w| w.stamp.clone()));
        }
        let write = FieldWrite {
            entity: key.0.clone(),
            field: key.1.clone(),
            value,
            stamp: self.clock.tick(self.wall_ms),
            author: self.clock.node.clone(),
            supersedes,
        };
        self.receive(std::slice::from_ref(&write));
        write
    }
}

fn summary(state: &State) -> BTreeMap<(String, String), (Option<Stamp>, Vec<Stamp>)> {
    state
        .iter()
        .map(|(k, r)| {
            (k.clone(), (r.current().map(|w| w.stamp.clone()), r.conflicts().iter().map(|w| w.stamp.clone()).collect()))
        })
        .collect()
}

fn cases() -> u32 {
    std::env::var("PORTFOLJ_CONVERGENCE_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn laptops_exchanging_in_any_order_converge_and_lose_nothing((n, steps) in scenario()) {
        let mut laptops: Vec<Laptop> =
            (0..n).map(|i| Laptop { clock: Clock::new(&format!("K{i}")), wall_ms: 1_000, state: State::new() }).collect();
        let mut written: Vec<FieldWrite> = Vec::new();
        for s in steps {
            match s {
                Step::Edit { laptop, field, value, tick_ms } => {
                    written.push(laptops[laptop].write(field, serde_json::json!(value), tick_ms, false));
                }
                Step::Resolve { laptop, field, tick_ms } => {
                    written.push(laptops[laptop].write(field, serde_json::json!("löst"), tick_ms, true));
                }
                Step::Send { from, to, rotate, twice } => {
                    let mut bundle = laptops[from].all_writes();
                    if !bundle.is_empty() {
                        let by = rotate % bundle.len();
                        bundle.rotate_left(by);
                    }
                    if twice {
                        bundle.extend(bundle.clone());
                    }
                    laptops[to].receive(&bundle);
                }
            }
        }
        // Finally everyone sends everything to everyone, in reverse order for half of them.
        for from in 0..n {
            let mut bundle = laptops[from].all_writes();
            if from % 2 == 1 {
                bundle.reverse();
            }
            for laptop in laptops.iter_mut() {
                laptop.receive(&bundle);
            }
        }
        let first = summary(&laptops[0].state);
        for laptop in &laptops[1..] {
            prop_assert_eq!(&summary(&laptop.state), &first);
        }
        for w in &written {
            let register = &laptops[0].state[&(w.entity.clone(), w.field.clone())];
            let current = register.current().map(|c| &c.stamp) == Some(&w.stamp);
            let conflict = register.conflicts().iter().any(|c| c.stamp == w.stamp);
            let replaced = register.writes().any(|other| other.supersedes.contains(&w.stamp));
            prop_assert!(current || conflict || replaced, "the write {:?} was lost", w.stamp);
        }
    }
}

#[test]
fn the_clock_never_runs_backwards_and_orders_concurrent_writes_by_node() {
    let mut a = Clock::new("A");
    let first = a.tick(100);
    let second = a.tick(90);
    assert!(second > first, "a lagging wall clock still moves forward");
    let mut b = Clock::new("B");
    b.observe(&second, 50);
    assert!(b.tick(50) > second, "after seeing a stamp, a laptop writes after it");
    let x = Stamp { wall_ms: 5, counter: 0, node: "A".into() };
    let y = Stamp { wall_ms: 5, counter: 0, node: "B".into() };
    assert!(y > x);
}

#[test]
fn a_concurrent_write_that_loses_is_a_conflict_until_resolved() {
    let w = |node: &str, ms: i64, value: &str, supersedes: Vec<Stamp>| FieldWrite {
        entity: "application/a".into(),
        field: "title".into(),
        value: serde_json::json!(value),
        stamp: Stamp { wall_ms: ms, counter: 0, node: node.into() },
        author: node.into(),
        supersedes,
    };
    let base = w("A", 1, "Bas", vec![]);
    let coach = w("B", 2, "Coachens", vec![base.stamp.clone()]);
    let office = w("C", 3, "Kontorets", vec![base.stamp.clone()]);
    let batch = [base.clone(), coach.clone(), office.clone(), coach.clone()];
    let (p, merged) = plan(&batch, |_, _| Register::default());
    assert_eq!(p.new_writes, 3);
    assert_eq!(p.known_writes, 1, "the same write twice adds nothing");
    let register = &merged[&("application/a", "title")];
    assert_eq!(register.current().map(|c| c.value.clone()), Some(serde_json::json!("Kontorets")));
    assert_eq!(register.conflicts().len(), 1, "the coach's value is kept and shown");
    let resolved = w("C", 4, "Coachens", vec![office.stamp.clone(), coach.stamp.clone()]);
    let (p, merged) = plan(std::slice::from_ref(&resolved), |_, _| register.clone());
    assert!(p.conflicts.is_empty());
    assert_eq!(merged[&("application/a", "title")].conflicts().len(), 0);
}
