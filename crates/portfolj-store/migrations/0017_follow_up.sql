-- Portfölj schema, migration 17: follow-up (DOMAIN.md §9) — the final report that closes a
-- project, and the effekthemtagning one year later with what each benefit line of the
-- fastställd valuation realised. The valued amount is kept beside the realised one so the
-- comparison reads the same however the valuation rules change later.
-- Applied migrations are history: never edit this file, add a new one.

CREATE TABLE final_report (
    application_id    TEXT    NOT NULL PRIMARY KEY REFERENCES application (id),
    delivered         TEXT    NOT NULL CHECK (length(delivered) > 0),
    final_cost_ore    INTEGER NOT NULL CHECK (final_cost_ore >= 0),
    cost_explanation  TEXT    NOT NULL,
    lessons           TEXT    NOT NULL CHECK (length(lessons) > 0),
    -- ISO dates.
    owner_accepted_on TEXT    NOT NULL,
    closed_on         TEXT    NOT NULL,
    recorded_by       TEXT    NOT NULL REFERENCES person (id),
    recorded_at       TEXT    NOT NULL
) STRICT;

CREATE TABLE follow_up (
    application_id TEXT    NOT NULL PRIMARY KEY REFERENCES final_report (application_id),
    valuation_id   TEXT    NOT NULL REFERENCES valuation (id),
    compared_year  INTEGER NOT NULL,
    summary        TEXT    NOT NULL,
    recorded_by    TEXT    NOT NULL REFERENCES person (id),
    recorded_at    TEXT    NOT NULL
) STRICT;

CREATE TABLE follow_up_line (
    application_id   TEXT    NOT NULL REFERENCES follow_up (application_id),
    -- The line's place in the valuation's benefit lines, from 0.
    line             INTEGER NOT NULL CHECK (line >= 0),
    name             TEXT    NOT NULL,
    -- `citizen` or `internal`.
    kind             TEXT    NOT NULL,
    budget_releasing INTEGER NOT NULL CHECK (budget_releasing IN (0, 1)),
    -- Exact decimal kronor for the compared year; NULL for a qualitative line.
    valued           TEXT,
    realised_ore     INTEGER,
    evidence         TEXT    NOT NULL,
    budget_reduced   INTEGER NOT NULL CHECK (budget_reduced IN (0, 1)),
    deviation        TEXT    NOT NULL,
    PRIMARY KEY (application_id, line)
) STRICT;
