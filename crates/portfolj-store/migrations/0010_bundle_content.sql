-- Portfölj schema, migration 10: the signed payload of every bundle taken in, kept so each
-- imported operation can be read again and checked against the hash that the audit log's
-- `bundle.import` entry pins. Applied migrations are history: never edit this file, add a
-- new one.

CREATE TABLE bundle_content (
    hash        TEXT PRIMARY KEY REFERENCES bundle_log (hash),
    payload     BLOB NOT NULL,
    signature   TEXT NOT NULL
) STRICT;
