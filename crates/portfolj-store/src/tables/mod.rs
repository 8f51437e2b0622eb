//! The SQL, one module per group of tables. Functions take a `&Connection` (a
//! transaction derefs to one) so the caller decides the transaction boundary.

pub mod application;
pub mod audit;
pub mod decision;
pub mod followup;
pub mod frame;
pub mod indicator;
pub mod org;
pub mod programme;
pub mod review;
pub mod scenario;
pub mod setting;
pub mod sync;
pub mod valuation;
pub mod work;

use std::str::FromStr;

use chrono::{DateTime, SecondsFormat, Utc};

use crate::StoreError;

pub(crate) fn parse_id<T: FromStr>(what: &'static str, text: &str) -> Result<T, StoreError>
where
    T::Err: ToString,
{
    text.parse().map_err(|e: T::Err| StoreError::corrupt(what, e.to_string()))
}

pub(crate) fn time_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub(crate) fn parse_time(what: &'static str, text: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text).map(|t| t.with_timezone(&Utc)).map_err(|e| StoreError::corrupt(what, e))
}
