-- Portfölj schema, migration 1: programme reference data, organisation, frames and
-- applications. Applied migrations are history: never edit this file, add a new one.
-- Money is stored as INTEGER öre (exact, summable); times as RFC 3339 UTC text.

CREATE TABLE programme (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT    NOT NULL,
    first_year  INTEGER NOT NULL,
    last_year   INTEGER NOT NULL CHECK (last_year >= first_year)
) STRICT;

CREATE TABLE focus_area (
    portfolio   INTEGER PRIMARY KEY CHECK (portfolio BETWEEN 1 AND 5),
    name        TEXT    NOT NULL,
    short_name  TEXT    NOT NULL
) STRICT;

CREATE TABLE council_goal (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL
) STRICT;

CREATE TABLE org_unit (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind IN ('department', 'district', 'company'))
) STRICT;

CREATE TABLE person (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    email       TEXT NOT NULL UNIQUE,
    unit_id     TEXT NOT NULL REFERENCES org_unit (id)
) STRICT;

CREATE TABLE person_role (
    person_id   TEXT NOT NULL REFERENCES person (id),
    role        TEXT NOT NULL CHECK (role IN ('applicant', 'coach', 'valuer', 'reviewer', 'office', 'council', 'decider')),
    PRIMARY KEY (person_id, role)
) STRICT;

CREATE TABLE frame (
    portfolio   INTEGER NOT NULL REFERENCES focus_area (portfolio),
    year        INTEGER NOT NULL,
    amount_ore  INTEGER NOT NULL CHECK (amount_ore >= 0),
    PRIMARY KEY (portfolio, year)
) STRICT;

CREATE TABLE sub_frame (
    portfolio   INTEGER NOT NULL,
    year        INTEGER NOT NULL,
    part        TEXT    NOT NULL CHECK (part IN ('innovation', 'improvement', 'management')),
    amount_ore  INTEGER NOT NULL CHECK (amount_ore >= 0),
    PRIMARY KEY (portfolio, year, part),
    FOREIGN KEY (portfolio, year) REFERENCES frame (portfolio, year) ON DELETE CASCADE
) STRICT;

CREATE TABLE application (
    id                    TEXT    PRIMARY KEY,
    title                 TEXT    NOT NULL CHECK (length(title) > 0),
    unit_id               TEXT    NOT NULL REFERENCES org_unit (id),
    portfolio             INTEGER NOT NULL REFERENCES focus_area (portfolio),
    it_category           TEXT    NOT NULL CHECK (it_category IN ('innovative', 'differentiating', 'basic')),
    fiscal_year           INTEGER NOT NULL,
    requested_amount_ore  INTEGER NOT NULL CHECK (requested_amount_ore >= 0),
    purpose               TEXT    NOT NULL,
    state                 TEXT    NOT NULL,
    created_at            TEXT    NOT NULL,
    created_by            TEXT    NOT NULL REFERENCES person (id),
    updated_at            TEXT    NOT NULL
) STRICT;

CREATE INDEX application_by_portfolio_year ON application (portfolio, fiscal_year, state);
CREATE INDEX application_by_unit ON application (unit_id);

CREATE TABLE application_event (
    id              INTEGER PRIMARY KEY,
    application_id  TEXT NOT NULL REFERENCES application (id),
    at              TEXT NOT NULL,
    actor_id        TEXT NOT NULL REFERENCES person (id),
    from_state      TEXT,
    to_state        TEXT NOT NULL,
    reason          TEXT NOT NULL
) STRICT;

CREATE INDEX application_event_by_application ON application_event (application_id, id);

-- Settings of this laptop's database (who is acting, whether it is a demo database).
CREATE TABLE local_setting (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) STRICT;
