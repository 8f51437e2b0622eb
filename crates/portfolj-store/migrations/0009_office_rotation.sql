-- Portfölj schema, migration 9: office-key rotations. Each is the new office key signed
-- by the one it replaces; they travel in the office's bundles so every laptop follows the
-- chain from the key it pinned. Applied migrations are history: never edit this file,
-- add a new one.

CREATE TABLE office_rotation (
    number      INTEGER PRIMARY KEY CHECK (number >= 1),
    body        TEXT NOT NULL,
    signature   TEXT NOT NULL
) STRICT;
