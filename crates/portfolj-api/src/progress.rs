//! How far a long use case (a bundle import) has come, readable while it runs: the shells
//! call `progress.get` from another thread, which never waits for the store.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use crate::dto::ProgressDto;

#[derive(Debug, Default)]
pub(crate) struct Progress {
    active: AtomicBool,
    done: AtomicU64,
    total: AtomicU64,
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
    pub(crate) fn start(&self, total: u64) -> Running<'_> {
        self.done.store(0, Ordering::Release);
        self.total.store(total, Ordering::Release);
        self.active.store(true, Ordering::Release);
        Running(self)
    }

    pub(crate) fn advance(&self, by: u64) {
        self.done.fetch_add(by, Ordering::AcqRel);
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
