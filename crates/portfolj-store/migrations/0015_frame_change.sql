-- Portfölj schema, migration 15: every change of a frame, with its reason — the frame as it
-- became, so the history reads as a sequence of recorded frames.
-- Applied migrations are history: never edit this file, add a new one.

CREATE TABLE frame_change (
    portfolio   INTEGER NOT NULL REFERENCES focus_area (portfolio),
    year        INTEGER NOT NULL,
    version     INTEGER NOT NULL CHECK (version >= 1),
    amount_ore  INTEGER NOT NULL CHECK (amount_ore >= 0),
    -- The sub-frames as JSON owned by portfolj-api.
    sub_frames  TEXT    NOT NULL,
    reason      TEXT    NOT NULL CHECK (length(reason) > 0),
    changed_by  TEXT    NOT NULL REFERENCES person (id),
    changed_at  TEXT    NOT NULL,
    PRIMARY KEY (portfolio, year, version)
) STRICT;
