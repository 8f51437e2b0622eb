-- Portfölj schema, migration 7: identities, trust and the bundles exchanged between
-- laptops. Private keys are files in the data directory, never rows here.
-- Applied migrations are history: never edit this file, add a new one.

-- This laptop's key pair (public half) and, once it has joined, whose it is.
CREATE TABLE sync_identity (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    public_key  TEXT NOT NULL,
    key_id      TEXT NOT NULL,
    person_id   TEXT REFERENCES person (id),
    created_at  TEXT NOT NULL
) STRICT;

-- The office keys this laptop trusts: pinned from the invitation, then each rotation.
CREATE TABLE office_key (
    key_id      TEXT PRIMARY KEY,
    public_key  TEXT NOT NULL,
    pinned_at   TEXT NOT NULL
) STRICT;

-- Member certificates as the office signed them.
CREATE TABLE certificate (
    serial      INTEGER PRIMARY KEY,
    person_id   TEXT NOT NULL,
    key_id      TEXT NOT NULL,
    body        TEXT NOT NULL,
    signature   TEXT NOT NULL,
    received_at TEXT NOT NULL
) STRICT;

CREATE INDEX certificate_by_key ON certificate (key_id);

-- The newest revocation list and the serials it withdraws.
CREATE TABLE revocation_list (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    number      INTEGER NOT NULL,
    body        TEXT NOT NULL,
    signature   TEXT NOT NULL
) STRICT;

CREATE TABLE revoked_certificate (
    serial      INTEGER PRIMARY KEY
) STRICT;

-- The newest bundle on each channel (sender key → recipient key, or '*' for everyone),
-- sent or received: the next one must be numbered one higher and chained to its hash.
CREATE TABLE bundle_channel (
    sender_key_id TEXT    NOT NULL,
    recipient     TEXT    NOT NULL,
    sequence      INTEGER NOT NULL CHECK (sequence >= 1),
    hash          TEXT    NOT NULL,
    PRIMARY KEY (sender_key_id, recipient)
) STRICT;

-- Every bundle made or taken in, for the received-bundles log.
CREATE TABLE bundle_log (
    hash          TEXT PRIMARY KEY,
    direction     TEXT    NOT NULL CHECK (direction IN ('in', 'out')),
    kind          TEXT    NOT NULL,
    sender_key_id TEXT    NOT NULL,
    sender_name   TEXT    NOT NULL,
    recipient     TEXT    NOT NULL,
    sequence      INTEGER NOT NULL,
    created_at    TEXT    NOT NULL,
    handled_at    TEXT    NOT NULL,
    counts        TEXT    NOT NULL
) STRICT;
