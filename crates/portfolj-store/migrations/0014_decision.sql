-- Portfölj schema, migration 14: the stadsdirektör's decisions, as the projektkontor records
-- them after the utvecklingsråd. A recorded decision is never changed: a change is a new
-- version with its reason.
-- Applied migrations are history: never edit this file, add a new one.

CREATE TABLE decision (
    application_id TEXT    NOT NULL REFERENCES application (id),
    version        INTEGER NOT NULL CHECK (version >= 1),
    kind           TEXT    NOT NULL CHECK (kind IN ('granted', 'rejected', 'referred_back')),
    -- Granted amount in öre; only for granted.
    granted_ore    INTEGER CHECK ((kind = 'granted') = (granted_ore IS NOT NULL) AND (granted_ore IS NULL OR granted_ore > 0)),
    conditions     TEXT    NOT NULL,
    case_number    TEXT    NOT NULL CHECK (length(case_number) > 0),
    decided_on     TEXT    NOT NULL,
    decider_id     TEXT    NOT NULL REFERENCES person (id),
    -- Why a later version replaces the one before; empty for the first.
    reason         TEXT    NOT NULL,
    recorded_by    TEXT    NOT NULL REFERENCES person (id),
    recorded_at    TEXT    NOT NULL,
    PRIMARY KEY (application_id, version)
) STRICT;
