//! The schema's history. Append only: a migration that has been applied anywhere is
//! never edited; a change is a new file. `tests/store.rs` pins each migration's text so
//! an accidental edit fails the tests.

use rusqlite_migration::{M, Migrations};

/// Every migration's SQL in order; the database's `user_version` counts how many are applied.
pub const SOURCES: &[&str] = &[
    include_str!("../migrations/0001_foundation.sql"),
    include_str!("../migrations/0002_application_work.sql"),
    include_str!("../migrations/0003_attachment.sql"),
    include_str!("../migrations/0004_audit_log.sql"),
    include_str!("../migrations/0005_valuation.sql"),
    include_str!("../migrations/0006_benefit_target.sql"),
    include_str!("../migrations/0007_sync.sql"),
    include_str!("../migrations/0008_field_write.sql"),
    include_str!("../migrations/0009_office_rotation.sql"),
    include_str!("../migrations/0010_bundle_content.sql"),
    include_str!("../migrations/0011_export_mark.sql"),
    include_str!("../migrations/0012_review.sql"),
    include_str!("../migrations/0013_review_group.sql"),
    include_str!("../migrations/0014_decision.sql"),
    include_str!("../migrations/0015_frame_change.sql"),
    include_str!("../migrations/0016_scenario.sql"),
    include_str!("../migrations/0017_follow_up.sql"),
    include_str!("../migrations/0018_status_report.sql"),
    include_str!("../migrations/0019_indicator.sql"),
    include_str!("../migrations/0020_scale_indexes.sql"),
];

const STEPS: &[M<'static>] = &[
    M::up(SOURCES[0]),
    M::up(SOURCES[1]),
    M::up(SOURCES[2]),
    M::up(SOURCES[3]),
    M::up(SOURCES[4]),
    M::up(SOURCES[5]),
    M::up(SOURCES[6]),
    M::up(SOURCES[7]),
    M::up(SOURCES[8]),
    M::up(SOURCES[9]),
    M::up(SOURCES[10]),
    M::up(SOURCES[11]),
    M::up(SOURCES[12]),
    M::up(SOURCES[13]),
    M::up(SOURCES[14]),
    M::up(SOURCES[15]),
    M::up(SOURCES[16]),
    M::up(SOURCES[17]),
    M::up(SOURCES[18]),
    M::up(SOURCES[19]),
];

// A source without its step would be pinned and shipped but never applied.
const _: () = assert!(STEPS.len() == SOURCES.len(), "every migration in SOURCES needs its step in STEPS");

pub const MIGRATIONS: Migrations<'static> = Migrations::from_slice(STEPS);

/// The schema version this build writes.
pub const LATEST_VERSION: i64 = SOURCES.len() as i64;
