//! Recording every change in the tamper-evident audit log, and verifying the chain.

use chrono::{DateTime, Utc};
use portfolj_core::PersonId;
use portfolj_core::audit::{Break, Verifier};
use portfolj_store::Connection;
use portfolj_store::tables::audit;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::dto::AuditReportDto;
use crate::usecases::session;
use crate::{Api, ApiError};

/// Appends one entry for a change made in the current transaction, so the change and
/// its entry are stored together or not at all.
pub(crate) fn record(
    conn: &Connection,
    at: DateTime<Utc>,
    actor: PersonId,
    operation: &str,
    entity: &str,
    detail: &Value,
) -> Result<(), ApiError> {
    audit::append(conn, at, actor, operation, entity, &detail.to_string())?;
    Ok(())
}

/// SHA-256 as hex: how large texts and files are pinned in the log without copying them.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// Why verification stopped: a broken chain, or the database itself.
enum Stop {
    Broken(Break),
    Store(ApiError),
}

impl From<portfolj_store::StoreError> for Stop {
    fn from(e: portfolj_store::StoreError) -> Self {
        Stop::Store(e.into())
    }
}

impl Api {
    /// Walks the whole audit log and says whether every entry is as it was written.
    pub fn verify_audit_log(&self) -> Result<AuditReportDto, ApiError> {
        self.store().read(|tx| {
            session::actor(tx)?;
            let mut verifier = Verifier::default();
            let outcome = audit::for_each(tx, |stored| verifier.check(&stored).map_err(Stop::Broken));
            let count = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
            match outcome {
                Ok(()) => {
                    let head = verifier.head();
                    Ok(AuditReportDto {
                        ok: true,
                        entries: count(head.entries),
                        message: format!(
                            "Granskningsloggen är hel: {} poster, senaste kontrollsumma {}.",
                            head.entries, head.hash
                        ),
                        head: head.hash,
                        broken_at: None,
                    })
                }
                Err(Stop::Broken(b)) => Ok(AuditReportDto {
                    ok: false,
                    entries: count(b.seq - 1),
                    head: String::new(),
                    broken_at: Some(count(b.seq)),
                    message: format!("{b} Återställ databasen från en säkerhetskopia och kontakta projektkontoret."),
                }),
                Err(Stop::Store(e)) => Err(e),
            }
        })
    }
}
