-- Portfölj schema, migration 19: the five perspectives' indicators (DOMAIN.md §9) the
-- projektkontor defines, and their measurements over time.
-- Applied migrations are history: never edit this file, add a new one.

CREATE TABLE indicator (
    id          TEXT    NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE CHECK (length(name) > 0),
    -- `external_benefit`, `internal_benefit`, `it_maturity`, `it_cost` or `it_quality`.
    perspective TEXT    NOT NULL,
    unit        TEXT    NOT NULL,
    -- `objective` or `survey`.
    method      TEXT    NOT NULL,
    -- `higher` or `lower` is better.
    direction   TEXT    NOT NULL,
    -- Exact decimal; NULL without a target.
    target      TEXT,
    defined_by  TEXT    NOT NULL REFERENCES person (id),
    defined_at  TEXT    NOT NULL
) STRICT;

CREATE TABLE measurement (
    indicator_id TEXT NOT NULL REFERENCES indicator (id),
    measured_on  TEXT NOT NULL,
    -- Exact decimal.
    value        TEXT NOT NULL,
    note         TEXT NOT NULL,
    recorded_by  TEXT NOT NULL REFERENCES person (id),
    recorded_at  TEXT NOT NULL,
    PRIMARY KEY (indicator_id, measured_on)
) STRICT;
