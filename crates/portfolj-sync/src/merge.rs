//! Merging per-field writes from many laptops. Every write is kept: a field's state is
//! the set of writes to it, so merging is set union — the same in any order, and the
//! same when a bundle arrives twice. The current value is the write with the newest
//! stamp (last writer wins, deterministically); a write that lost without its author's
//! successor having seen it is an open **conflict**, shown to someone entitled to
//! resolve it. A resolution is an ordinary write that names the writes it supersedes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::hlc::Stamp;

/// One write of one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldWrite {
    /// What is written, e.g. `application/<id>`.
    pub entity: String,
    /// Which field, e.g. `details.problem`.
    pub field: String,
    pub value: serde_json::Value,
    pub stamp: Stamp,
    /// The person who wrote it (their certificate's person id).
    pub author: String,
    /// The stamps of the values the author saw and replaced: those are history, not
    /// conflicts.
    #[serde(default)]
    pub supersedes: Vec<Stamp>,
}

/// The writes to one field, by stamp.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Register {
    writes: BTreeMap<Stamp, FieldWrite>,
}

impl Register {
    /// Adds a write; `false` when it was already known (a bundle seen twice).
    pub fn insert(&mut self, write: FieldWrite) -> bool {
        if self.writes.contains_key(&write.stamp) {
            return false;
        }
        self.writes.insert(write.stamp.clone(), write);
        true
    }

    pub fn writes(&self) -> impl Iterator<Item = &FieldWrite> {
        self.writes.values()
    }

    /// The newest write.
    pub fn current(&self) -> Option<&FieldWrite> {
        self.writes.values().next_back()
    }

    /// Writes that lost to the current one although nobody who saw them replaced them.
    pub fn conflicts(&self) -> Vec<&FieldWrite> {
        let current = self.current().map(|w| &w.stamp);
        self.writes
            .values()
            .filter(|w| Some(&w.stamp) != current)
            .filter(|w| !self.writes.values().any(|other| other.supersedes.contains(&w.stamp)))
            .collect()
    }
}

/// What a batch of incoming writes would do, for the preview before an import.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Plan {
    /// Writes not seen before.
    pub new_writes: u64,
    /// Writes already held (a bundle taken in twice adds nothing).
    pub known_writes: u64,
    /// Fields whose current value changes: (entity, field).
    pub changed_fields: Vec<(String, String)>,
    /// Open conflicts after the merge: (entity, field).
    pub conflicts: Vec<(String, String)>,
}

/// Plans merging `incoming` into the registers `held` returns for each field; pure.
pub fn plan(
    incoming: &[FieldWrite],
    mut held: impl FnMut(&str, &str) -> Register,
) -> (Plan, BTreeMap<(&str, &str), Register>) {
    let mut registers: BTreeMap<(&str, &str), Register> = BTreeMap::new();
    let mut plan = Plan::default();
    let mut before: BTreeMap<(&str, &str), Option<Stamp>> = BTreeMap::new();
    for write in incoming {
        let key = (write.entity.as_str(), write.field.as_str());
        let register = registers.entry(key).or_insert_with(|| {
            let r = held(key.0, key.1);
            before.insert(key, r.current().map(|w| w.stamp.clone()));
            r
        });
        if register.insert(write.clone()) {
            plan.new_writes += 1;
        } else {
            plan.known_writes += 1;
        }
    }
    for (key, register) in &registers {
        if register.current().map(|w| &w.stamp) != before.get(key).and_then(Option::as_ref) {
            plan.changed_fields.push((key.0.to_owned(), key.1.to_owned()));
        }
        if !register.conflicts().is_empty() {
            plan.conflicts.push((key.0.to_owned(), key.1.to_owned()));
        }
    }
    (plan, registers)
}
