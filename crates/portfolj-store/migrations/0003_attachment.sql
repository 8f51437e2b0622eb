-- Portfölj schema, migration 3: attachments, stored in the database so that nothing is
-- lost and a database file is the whole record. Applied migrations are history: never
-- edit this file, add a new one.

CREATE TABLE attachment (
    id              TEXT    PRIMARY KEY,
    application_id  TEXT    NOT NULL REFERENCES application (id),
    name            TEXT    NOT NULL CHECK (length(name) > 0),
    media_type      TEXT    NOT NULL,
    size            INTEGER NOT NULL CHECK (size > 0),
    sha256          TEXT    NOT NULL,
    content         BLOB    NOT NULL,
    added_at        TEXT    NOT NULL,
    added_by        TEXT    NOT NULL REFERENCES person (id),
    -- Removed from the working copy; kept, because a frozen version may name it.
    removed_at      TEXT
) STRICT;

CREATE INDEX attachment_by_application ON attachment (application_id, added_at);
