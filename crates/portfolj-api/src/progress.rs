//! How far a long use case (a bundle import, the memo, an export) has come, readable while it
//! runs, and the person's wish to stop it: the shells call `progress.get` and
//! `progress.cancel` from another thread, which never waits for the store. The use case calls
//! `advance` between steps and, when stopped, returns an error, so its transaction rolls back
//! and nothing is changed.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use crate::dto::ProgressDto;
use crate::{ApiError, ErrorCode};

#[derive(Debug, Default)]
pub(crate) struct Progress {
    active: AtomicBool,
    cancelled: AtomicBool,
    done: AtomicU64,
    total: AtomicU64,
    /// What the running work says when it has been cancelled.
    cancelled_message: Mutex<&'static str>,
}

/// Marks the work finished when dropped, however the use case ends.
#[derive(Debug)]
pub(crate) struct Running<'a>(&'a Progress);

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.active.store(false, Ordering::Release);
    }
}

impl Progress {
    /// Starts counting a work of `total` steps, which says `cancelled_message` (what was
    /// stopped, that nothing changed, what to do) if the person cancels it.
    pub(crate) fn start(&self, total: u64, cancelled_message: &'static str) -> Running<'_> {
        *self.cancelled_message.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = cancelled_message;
        self.done.store(0, Ordering::Release);
        self.cancelled.store(false, Ordering::Release);
        self.total.store(total, Ordering::Release);
        self.active.store(true, Ordering::Release);
        Running(self)
    }

    /// How many steps the work has, once known.
    pub(crate) fn set_total(&self, total: u64) {
        self.total.store(total, Ordering::Release);
    }

    /// Counts `by` steps done; refuses to go on once the person has cancelled.
    pub(crate) fn advance(&self, by: u64) -> Result<(), ApiError> {
        self.done.fetch_add(by, Ordering::AcqRel);
        if self.cancelled.load(Ordering::Acquire) {
            let message = *self.cancelled_message.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            return Err(ApiError::new(ErrorCode::Cancelled, message));
        }
        Ok(())
    }

    /// Asks the running work to stop at its next step; true when something was running.
    pub(crate) fn cancel(&self) -> bool {
        let active = self.active.load(Ordering::Acquire);
        if active {
            self.cancelled.store(true, Ordering::Release);
        }
        active
    }

    pub(crate) fn get(&self) -> ProgressDto {
        let total = self.total.load(Ordering::Acquire);
        ProgressDto {
            active: self.active.load(Ordering::Acquire),
            done: u32::try_from(self.done.load(Ordering::Acquire).min(total)).unwrap_or(u32::MAX),
            total: u32::try_from(total).unwrap_or(u32::MAX),
        }
    }
}
