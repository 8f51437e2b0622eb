//! Strict JSON: before a bundle's payload is read into types it is walked once and refused
//! if it nests too deeply, repeats a key, holds an oversized string or is not UTF-8 —
//! serde_json alone keeps the last of duplicate keys, which would let a signed value hide
//! behind another.

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::SyncError;
use crate::limits::{MAX_DEPTH, MAX_STRING_CHARS};

/// Checks `bytes` and returns it as text.
pub fn check(bytes: &[u8]) -> Result<&str, SyncError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| SyncError::Json(format!("texten är inte UTF-8 (byte {})", e.valid_up_to())))?;
    let mut de = serde_json::Deserializer::from_str(text);
    Probe { depth: 0 }.deserialize(&mut de).map_err(|e| SyncError::Json(swedish(&e)))?;
    de.end().map_err(|e| SyncError::Json(swedish(&e)))?;
    Ok(text)
}

/// Checks `bytes` and parses them into `T`, naming where it failed.
pub fn parse<T: de::DeserializeOwned>(bytes: &[u8]) -> Result<T, SyncError> {
    parse_checked(check(bytes)?)
}

/// Parses text that [`check`] has passed.
pub fn parse_checked<T: de::DeserializeOwned>(text: &str) -> Result<T, SyncError> {
    serde_json::from_str(text).map_err(|e| SyncError::Json(swedish(&e)))
}

fn swedish(e: &serde_json::Error) -> String {
    format!("{e} (rad {}, kolumn {})", e.line(), e.column())
}

/// Visits one value, counting depth.
struct Probe {
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for Probe {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        if self.depth > MAX_DEPTH {
            return Err(de::Error::custom(format!("nästlad djupare än {MAX_DEPTH} nivåer")));
        }
        deserializer.deserialize_any(self)
    }
}

fn check_len<E: de::Error>(s: &str) -> Result<(), E> {
    if s.len() > MAX_STRING_CHARS {
        return Err(E::custom(format!("en text är längre än {MAX_STRING_CHARS} tecken")));
    }
    Ok(())
}

impl<'de> Visitor<'de> for Probe {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<(), E> {
        check_len(s)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Probe { depth: self.depth + 1 })?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            check_len::<A::Error>(&key)?;
            map.next_value_seed(Probe { depth: self.depth + 1 })?;
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!("nyckeln \"{key}\" förekommer två gånger")));
            }
        }
        Ok(())
    }
}
