-- Portfölj schema, migration 8: per-field writes exchanged between laptops. Every write
-- ever made or received is kept (the merge is set union); the current value is the one
-- with the newest hybrid-logical-clock stamp, and a losing concurrent write stays here as
-- a conflict until someone resolves it. Applied migrations are history: never edit this
-- file, add a new one.

CREATE TABLE field_write (
    entity      TEXT NOT NULL,
    field       TEXT NOT NULL,
    -- The stamp as text that sorts like the stamp (portfolj-sync hlc::Stamp::key).
    stamp_key   TEXT NOT NULL,
    -- The write as portfolj-sync's JSON (merge::FieldWrite).
    write       TEXT NOT NULL,
    author      TEXT NOT NULL,
    origin      TEXT NOT NULL CHECK (origin IN ('local', 'imported')),
    PRIMARY KEY (entity, field, stamp_key)
) STRICT;

CREATE INDEX field_write_local ON field_write (origin, stamp_key);

-- This laptop's hybrid logical clock: the newest stamp issued or seen.
CREATE TABLE hlc_state (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    last_ms     INTEGER NOT NULL,
    counter     INTEGER NOT NULL
) STRICT;
