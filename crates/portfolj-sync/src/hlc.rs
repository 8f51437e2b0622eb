//! Hybrid logical clocks: a stamp is wall-clock milliseconds, a counter for events within
//! the same millisecond (or while the wall clock lags a stamp already seen), and the
//! laptop's key id to break ties. Stamps order every write in the programme the same way
//! on every laptop, and never run backwards even when a laptop's clock does.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stamp {
    pub wall_ms: i64,
    pub counter: u32,
    /// The writing laptop's key id.
    pub node: String,
}

impl Stamp {
    /// Text that sorts like the stamp (for storage and indexes).
    pub fn key(&self) -> String {
        format!("{:016x}-{:08x}-{}", self.wall_ms.max(0), self.counter, self.node)
    }
}

/// One laptop's clock state: the newest stamp it has issued or seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clock {
    pub node: String,
    pub last_ms: i64,
    pub counter: u32,
}

impl Clock {
    pub fn new(node: &str) -> Self {
        Self { node: node.to_owned(), last_ms: 0, counter: 0 }
    }

    /// A stamp for a local write at wall time `now_ms`.
    pub fn tick(&mut self, now_ms: i64) -> Stamp {
        if now_ms > self.last_ms {
            self.last_ms = now_ms;
            self.counter = 0;
        } else {
            self.counter = self.counter.saturating_add(1);
        }
        Stamp { wall_ms: self.last_ms, counter: self.counter, node: self.node.clone() }
    }

    /// Moves the clock past a stamp received from another laptop.
    pub fn observe(&mut self, seen: &Stamp, now_ms: i64) {
        let newest = now_ms.max(self.last_ms).max(seen.wall_ms);
        self.counter = match (newest == self.last_ms, newest == seen.wall_ms) {
            (true, true) => self.counter.max(seen.counter),
            (true, false) => self.counter,
            (false, true) => seen.counter,
            (false, false) => 0,
        };
        self.last_ms = newest;
    }
}
