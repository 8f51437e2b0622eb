-- Portfölj schema, migration 4: the tamper-evident audit log. Every change appends one
-- entry whose hash covers the entry and the previous entry's hash (see portfolj-core
-- audit.rs). No foreign keys: the log must outlive whatever it mentions.
-- Applied migrations are history: never edit this file, add a new one.

CREATE TABLE audit_log (
    seq            INTEGER PRIMARY KEY,
    at             TEXT NOT NULL,
    actor_id       TEXT NOT NULL,
    operation      TEXT NOT NULL,
    entity         TEXT NOT NULL,
    detail         TEXT NOT NULL,
    previous_hash  TEXT NOT NULL,
    hash           TEXT NOT NULL
) STRICT;
