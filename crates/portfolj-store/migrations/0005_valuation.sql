-- Portfölj schema, migration 5: benefit valuations (nyttovärdering). A worksheet values
-- one frozen application version; fastställd worksheets are never changed again (a new
-- valuation is a new row with the next number). Applied migrations are history: never
-- edit this file, add a new one.

CREATE TABLE valuation (
    id                  TEXT    PRIMARY KEY,
    application_id      TEXT    NOT NULL REFERENCES application (id),
    number              INTEGER NOT NULL CHECK (number >= 1),
    application_version INTEGER NOT NULL,
    valuer_id           TEXT    NOT NULL REFERENCES person (id),
    -- The worksheet as a JSON document (format: docs/worksheet-format.md), owned by portfolj-api.
    worksheet           TEXT    NOT NULL,
    created_at          TEXT    NOT NULL,
    updated_at          TEXT    NOT NULL,
    approved_at         TEXT,
    UNIQUE (application_id, number),
    FOREIGN KEY (application_id, application_version) REFERENCES application_version (application_id, number)
) STRICT;

CREATE INDEX valuation_by_application ON valuation (application_id, number);

-- How a valuer resolved a dubbelräkning: the same benefit target claimed by several
-- applications. One row per valuation and target.
CREATE TABLE double_count_resolution (
    valuation_id  TEXT NOT NULL REFERENCES valuation (id),
    target        TEXT NOT NULL,
    resolution    TEXT NOT NULL CHECK (resolution IN ('assigned_here', 'assigned_elsewhere', 'split', 'independent')),
    share_percent TEXT,
    motivation    TEXT NOT NULL CHECK (length(motivation) > 0),
    resolved_by   TEXT NOT NULL REFERENCES person (id),
    resolved_at   TEXT NOT NULL,
    PRIMARY KEY (valuation_id, target)
) STRICT;

-- The benefit targets of each application's newest valuation, with the years they have
-- effect, so dubbelräkning is found by index rather than by reading every worksheet.
CREATE TABLE valuation_target (
    valuation_id   TEXT    NOT NULL REFERENCES valuation (id),
    application_id TEXT    NOT NULL REFERENCES application (id),
    target         TEXT    NOT NULL,
    first_year     INTEGER NOT NULL,
    last_year      INTEGER NOT NULL,
    PRIMARY KEY (valuation_id, target)
) STRICT;

CREATE INDEX valuation_target_by_target ON valuation_target (target, application_id);

-- The round's parameters per fiscal year, set by the office: every valuation of the
-- year uses them unless its worksheet records why it deviates.
CREATE TABLE valuation_round (
    year        INTEGER PRIMARY KEY,
    parameters  TEXT NOT NULL,
    set_by      TEXT NOT NULL REFERENCES person (id),
    set_at      TEXT NOT NULL
) STRICT;
