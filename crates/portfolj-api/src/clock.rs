//! The current time and new ids come from here, so the core never takes them itself
//! and tests can fix both.

use std::fmt::Debug;

use chrono::{DateTime, Utc};
use uuid::Uuid;

/// Where "now" and new ids come from.
pub trait Clock: Send + Sync + Debug {
    fn now(&self) -> DateTime<Utc>;
    /// A new time-ordered id (UUID v7).
    fn new_id(&self) -> Uuid;
}

/// The real clock of the laptop.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }

    fn new_id(&self) -> Uuid {
        Uuid::now_v7()
    }
}
