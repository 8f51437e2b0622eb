-- Portfölj schema, migration 16: the projektkontor's named prioritisation scenarios, and
-- the proposal (förslag) each portfolio and year gets when the office adopts one — every
-- adoption kept as a version.
-- Applied migrations are history: never edit this file, add a new one.

CREATE TABLE scenario (
    id          TEXT    NOT NULL PRIMARY KEY,
    portfolio   INTEGER NOT NULL REFERENCES focus_area (portfolio),
    year        INTEGER NOT NULL,
    name        TEXT    NOT NULL CHECK (length(name) > 0),
    -- The scenario's frame, objective and forced choices as JSON owned by portfolj-api.
    settings    TEXT    NOT NULL,
    saved_by    TEXT    NOT NULL REFERENCES person (id),
    saved_at    TEXT    NOT NULL,
    UNIQUE (portfolio, year, name)
) STRICT;

CREATE TABLE proposal (
    portfolio     INTEGER NOT NULL REFERENCES focus_area (portfolio),
    year          INTEGER NOT NULL,
    version       INTEGER NOT NULL CHECK (version >= 1),
    -- The scenario may later be changed or deleted; its name and settings are kept here.
    scenario_id   TEXT,
    scenario_name TEXT    NOT NULL,
    settings      TEXT    NOT NULL,
    -- The chosen applications in rank order with their amounts, as JSON owned by portfolj-api.
    selection     TEXT    NOT NULL,
    adopted_by    TEXT    NOT NULL REFERENCES person (id),
    adopted_at    TEXT    NOT NULL,
    PRIMARY KEY (portfolio, year, version)
) STRICT;
