//! How far a long use case (a bundle import, the memo, an export, a backup, the demo
//! generator) has come, readable while it runs, and the person's wish to stop it: the shells
//! call `progress.get` and `progress.cancel` from another thread, which never waits for the
//! store. The use case calls `advance` between steps and, when stopped, returns an error, so
//! its transaction rolls back and nothing is changed.
//!
//! One long work runs at a time: a second is refused while the first runs, so a cancel always
//! reaches the work the person sees running, and each work's count is its own.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};

use crate::dto::ProgressDto;
use crate::{ApiError, ErrorCode};

const IDLE: u8 = 0;
const RUNNING: u8 = 1;
const CANCELLED: u8 = 2;

#[derive(Debug, Default)]
pub(crate) struct Progress {
    /// IDLE, RUNNING or CANCELLED: one atomic, so a cancel never lands between two works.
    state: AtomicU8,
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
        self.0.state.store(IDLE, Ordering::Release);
    }
}

impl Progress {
    /// Starts counting a work of `total` steps, which says `cancelled_message` (what was
    /// stopped, that nothing changed, what to do) if the person cancels it. Refused while
    /// another long work runs.
    pub(crate) fn start(&self, total: u64, cancelled_message: &'static str) -> Result<Running<'_>, ApiError> {
        if self.state.compare_exchange(IDLE, RUNNING, Ordering::AcqRel, Ordering::Acquire).is_err() {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                "Portfölj arbetar redan med något som tar tid (en import, ett beslutsunderlag, en export, \
                 en säkerhetskopia eller demodata). Vänta tills det är klart, eller avbryt det, och försök igen.",
            ));
        }
        *self.cancelled_message.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = cancelled_message;
        self.done.store(0, Ordering::Release);
        self.total.store(total, Ordering::Release);
        Ok(Running(self))
    }

    /// How many steps the work has, once known.
    pub(crate) fn set_total(&self, total: u64) {
        self.total.store(total, Ordering::Release);
    }

    /// Counts `by` steps done; refuses to go on once the person has cancelled. A work calls
    /// `advance(0)` as its last step before it commits, so a cancel up to then is honoured.
    pub(crate) fn advance(&self, by: u64) -> Result<(), ApiError> {
        self.done.fetch_add(by, Ordering::AcqRel);
        if self.state.load(Ordering::Acquire) == CANCELLED {
            let message = *self.cancelled_message.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            return Err(ApiError::new(ErrorCode::Cancelled, message));
        }
        Ok(())
    }

    /// Asks the running work to stop at its next step; true when something was running.
    pub(crate) fn cancel(&self) -> bool {
        match self.state.compare_exchange(RUNNING, CANCELLED, Ordering::AcqRel, Ordering::Acquire) {
            Ok(_) => true,
            Err(state) => state == CANCELLED,
        }
    }

    pub(crate) fn get(&self) -> ProgressDto {
        let total = self.total.load(Ordering::Acquire);
        ProgressDto {
            active: self.state.load(Ordering::Acquire) != IDLE,
            done: u32::try_from(self.done.load(Ordering::Acquire).min(total)).unwrap_or(u32::MAX),
            total: u32::try_from(total).unwrap_or(u32::MAX),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_work_is_refused_while_one_runs_and_allowed_after() {
        let progress = Progress::default();
        let running = progress.start(3, "Avbrutet.").expect("the first work");
        assert_eq!(progress.start(1, "Annat.").expect_err("refused").code.as_str(), "conflict");
        drop(running);
        assert!(progress.start(1, "Annat.").is_ok(), "allowed once the first has ended");
    }

    #[test]
    fn a_cancel_stops_the_running_work_with_its_own_message_and_not_the_next() {
        let progress = Progress::default();
        assert!(!progress.cancel(), "nothing runs, nothing to cancel");
        let running = progress.start(2, "Exporten avbröts.").expect("started");
        progress.advance(1).expect("not cancelled yet");
        assert!(progress.cancel());
        let e = progress.advance(1).expect_err("cancelled");
        assert_eq!((e.code.as_str(), e.message.as_str()), ("cancelled", "Exporten avbröts."));
        drop(running);
        let _next = progress.start(1, "Nästa.").expect("the next work");
        progress.advance(1).expect("the next work is not cancelled by the earlier cancel");
        assert_eq!(progress.get(), ProgressDto { active: true, done: 1, total: 1 });
    }
}
