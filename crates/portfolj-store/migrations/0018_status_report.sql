-- Portfölj schema, migration 18: status reports from running projects (DOMAIN.md §9),
-- written by the applying unit, often offline, and sent to the projektkontor in a bundle.
-- A report is never changed; a correction is a newer report for the same period.
-- Applied migrations are history: never edit this file, add a new one.

CREATE TABLE status_report (
    id                TEXT    NOT NULL PRIMARY KEY,
    application_id    TEXT    NOT NULL REFERENCES application (id),
    -- ISO dates: the reporting period.
    period_start      TEXT    NOT NULL,
    period_end        TEXT    NOT NULL,
    -- `green`, `yellow` or `red`.
    time_light        TEXT    NOT NULL,
    cost_light        TEXT    NOT NULL,
    scope_light       TEXT    NOT NULL,
    spent_ore         INTEGER NOT NULL CHECK (spent_ore >= 0),
    forecast_ore      INTEGER NOT NULL CHECK (forecast_ore >= 0),
    -- The milestones as JSON owned by portfolj-api.
    milestones        TEXT    NOT NULL,
    risks             TEXT    NOT NULL,
    comment           TEXT    NOT NULL,
    correction_reason TEXT    NOT NULL,
    author_id         TEXT    NOT NULL REFERENCES person (id),
    written_at        TEXT    NOT NULL
) STRICT;

CREATE INDEX status_report_by_application ON status_report (application_id, written_at);
