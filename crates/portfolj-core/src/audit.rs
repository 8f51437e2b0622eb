//! The tamper-evident audit log: every change is an entry whose hash covers the entry and
//! the hash of the entry before it, so editing, deleting or reordering any entry breaks
//! the chain from that point on. Hashing and verification are pure; the store keeps the
//! entries and the API appends one for every change it makes.

use sha2::{Digest, Sha256};

/// The `previous hash` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One logged change, as hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub seq: i64,
    /// RFC 3339 UTC.
    pub at: String,
    pub actor: String,
    /// The use case, e.g. `application.submit`.
    pub operation: String,
    /// The id of what was changed.
    pub entity: String,
    /// JSON with what the change carried (or hashes of it).
    pub detail: String,
}

/// The hash of `entry` chained to `previous`, as lowercase hex. Fields are
/// length-prefixed so no two different entries hash the same input.
pub fn hash(previous: &str, entry: &Entry) -> String {
    let mut hasher = Sha256::new();
    let seq = entry.seq.to_string();
    for part in [previous, seq.as_str(), &entry.at, &entry.actor, &entry.operation, &entry.entity, &entry.detail] {
        hasher.update((part.len() as u64).to_be_bytes());
        hasher.update(part.as_bytes());
    }
    format!("{:x}", hasher.finalize())
}

/// An entry as stored, with the hashes the store recorded for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub entry: Entry,
    pub previous_hash: String,
    pub hash: String,
}

/// Where and why the chain breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Granskningsloggen är bruten vid post {seq}: {reason}")]
pub struct Break {
    pub seq: i64,
    pub reason: String,
}

/// A verified chain: how many entries, and the hash of the last (the head).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub entries: i64,
    pub hash: String,
}

/// Checks entries in stored order, one at a time, so a log of any length is verified in
/// constant memory. Feed every entry with [`Verifier::check`], then call [`Verifier::head`].
#[derive(Debug, Clone)]
pub struct Verifier {
    expected_seq: i64,
    previous: String,
}

impl Default for Verifier {
    fn default() -> Self {
        Self { expected_seq: 1, previous: GENESIS.to_owned() }
    }
}

impl Verifier {
    pub fn check(&mut self, stored: &Stored) -> Result<(), Break> {
        let seq = stored.entry.seq;
        let fail = |reason: &str| Err(Break { seq, reason: reason.to_owned() });
        if seq != self.expected_seq {
            return Err(Break {
                seq: self.expected_seq,
                reason: format!("post {} saknas eller har flyttats (nästa post är {seq}).", self.expected_seq),
            });
        }
        if stored.previous_hash != self.previous {
            return fail(
                "den pekar inte på föregående post; en post före den har ändrats, tagits bort eller flyttats.",
            );
        }
        if hash(&self.previous, &stored.entry) != stored.hash {
            return fail("innehållet stämmer inte med postens kontrollsumma; posten har ändrats i efterhand.");
        }
        self.previous = stored.hash.clone();
        self.expected_seq += 1;
        Ok(())
    }

    pub fn head(self) -> Head {
        Head { entries: self.expected_seq - 1, hash: self.previous }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<Stored> {
        let mut previous = GENESIS.to_owned();
        (1..=n)
            .map(|seq| {
                let entry = Entry {
                    seq,
                    at: format!("2014-01-0{seq}T10:00:00Z"),
                    actor: "anna".into(),
                    operation: "application.update".into(),
                    entity: format!("app-{seq}"),
                    detail: "{}".into(),
                };
                let hash = hash(&previous, &entry);
                let stored = Stored { entry, previous_hash: previous.clone(), hash: hash.clone() };
                previous = hash;
                stored
            })
            .collect()
    }

    fn verify(entries: &[Stored]) -> Result<Head, Break> {
        let mut v = Verifier::default();
        for e in entries {
            v.check(e)?;
        }
        Ok(v.head())
    }

    #[test]
    fn an_untouched_chain_verifies_to_its_head() {
        let entries = chain(5);
        assert_eq!(verify(&entries), Ok(Head { entries: 5, hash: entries[4].hash.clone() }));
        assert_eq!(verify(&[]).map(|h| h.hash), Ok(GENESIS.to_owned()));
    }

    #[test]
    fn an_edited_entry_is_named() {
        let mut entries = chain(5);
        entries[2].entry.detail = r#"{"amount":"1"}"#.into();
        assert_eq!(verify(&entries).map_err(|b| b.seq), Err(3));
    }

    #[test]
    fn an_edited_entry_with_a_recomputed_hash_breaks_the_next_link() {
        let mut entries = chain(5);
        entries[2].entry.actor = "mallory".into();
        entries[2].hash = hash(&entries[2].previous_hash, &entries[2].entry);
        assert_eq!(verify(&entries).map_err(|b| b.seq), Err(4));
    }

    #[test]
    fn a_deleted_entry_is_named() {
        let mut entries = chain(5);
        entries.remove(1);
        assert_eq!(verify(&entries).map_err(|b| b.seq), Err(2));
    }

    #[test]
    fn reordered_entries_are_caught() {
        let mut entries = chain(5);
        entries.swap(1, 2);
        assert_eq!(verify(&entries).map_err(|b| b.seq), Err(2));
    }

    #[test]
    fn fields_cannot_be_shifted_between_each_other() {
        let a = Entry {
            seq: 1,
            at: "t".into(),
            actor: "ab".into(),
            operation: "c".into(),
            entity: String::new(),
            detail: String::new(),
        };
        let b = Entry { actor: "a".into(), operation: "bc".into(), ..a.clone() };
        assert_ne!(hash(GENESIS, &a), hash(GENESIS, &b));
    }
}
