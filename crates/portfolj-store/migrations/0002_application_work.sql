-- Portfölj schema, migration 2: the whole application and the work around it.
-- Applied migrations are history: never edit this file, add a new one.

-- The application beyond its basics, as a JSON document whose format belongs to
-- portfolj-api (ApplicationDetailsDto). Kept whole so a draft may be incomplete.
ALTER TABLE application ADD COLUMN details TEXT NOT NULL DEFAULT '{}';

-- Frozen versions: submitting freezes the application as it was sent in. Valuers and
-- reviewers read these; a komplettering leads to the next number.
CREATE TABLE application_version (
    application_id  TEXT    NOT NULL REFERENCES application (id),
    number          INTEGER NOT NULL CHECK (number >= 1),
    frozen_at       TEXT    NOT NULL,
    frozen_by       TEXT    NOT NULL REFERENCES person (id),
    content         TEXT    NOT NULL,
    PRIMARY KEY (application_id, number)
) STRICT;

-- The komplettering thread: questions from the office or valuer, answers from the applicant.
CREATE TABLE application_message (
    id              INTEGER PRIMARY KEY,
    application_id  TEXT NOT NULL REFERENCES application (id),
    at              TEXT NOT NULL,
    author_id       TEXT NOT NULL REFERENCES person (id),
    kind            TEXT NOT NULL CHECK (kind IN ('question', 'answer')),
    body            TEXT NOT NULL CHECK (length(body) > 0)
) STRICT;

CREATE INDEX application_message_by_application ON application_message (application_id, id);

-- Coach notes: for coaches and the office only, never sent to the applicant.
CREATE TABLE coach_note (
    id              INTEGER PRIMARY KEY,
    application_id  TEXT NOT NULL REFERENCES application (id),
    at              TEXT NOT NULL,
    author_id       TEXT NOT NULL REFERENCES person (id),
    body            TEXT NOT NULL CHECK (length(body) > 0)
) STRICT;

CREATE INDEX coach_note_by_application ON coach_note (application_id, id);

-- Full-text search over an application's words; rowid is the application's rowid.
CREATE VIRTUAL TABLE application_search USING fts5 (
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 0'
);

INSERT INTO application_search (rowid, title, body) SELECT rowid, title, purpose FROM application;
