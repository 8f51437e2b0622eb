//! The one facade over Portfölj's use cases.
//!
//! The desktop shell, the `portfolj` CLI and the local HTTP bridge all hold an [`Api`]
//! and call [`Api::call`] with a command name and JSON arguments; the command list lives
//! in one place ([`dispatch`]). Typed methods behind it take the acting person
//! ([`portfolj_core::Actor`]) and check roles in Rust, so a permission holds whichever
//! shell a request comes through. Each use case runs in one store transaction.

mod clock;
pub mod data_dir;
pub mod dispatch;
pub mod dto;
mod error;
mod progress;
mod usecases;

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use portfolj_store::Store;

pub use clock::{Clock, SystemClock};
pub use error::{ApiError, ApiErrorDto, ErrorCode, FieldErrorDto};
pub use portfolj_core::Sek;
pub use portfolj_core::money::{format_kronor_sv, format_number_sv};
pub use usecases::demo::{DemoScale, DemoSummary};
pub use usecases::valuation::{evaluate_worksheet, evaluate_worksheet_json};

/// An open Portfölj database with the use cases over it.
#[derive(Debug)]
pub struct Api {
    store: Mutex<Store>,
    clock: Box<dyn Clock>,
    progress: progress::Progress,
}

impl Api {
    /// Opens the database at `path` with the laptop's real clock.
    pub fn open(path: &Path) -> Result<Self, ApiError> {
        Self::open_with_clock(path, Box::new(SystemClock))
    }

    pub fn open_with_clock(path: &Path, clock: Box<dyn Clock>) -> Result<Self, ApiError> {
        let store = Store::open(path)?;
        Ok(Self { store: Mutex::new(store), clock, progress: progress::Progress::default() })
    }

    /// The store, for one use case at a time. A panic in an earlier use case rolled its
    /// transaction back, so the store behind a poisoned lock is still consistent.
    fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
