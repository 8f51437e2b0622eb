-- Portfölj schema, migration 12: beredning — review rounds per portfolio and year, their
-- appointed members, declared jäv, absences, and every version of every score (a new
-- score from the same member is a new version; none is ever overwritten).
-- Applied migrations are history: never edit this file, add a new one.

CREATE TABLE review_round (
    id          TEXT    PRIMARY KEY,
    portfolio   INTEGER NOT NULL REFERENCES focus_area (portfolio),
    year        INTEGER NOT NULL,
    -- Which rubric (the programme's default until rounds get their own).
    rubric      TEXT    NOT NULL,
    state       TEXT    NOT NULL CHECK (state IN ('open', 'closed')),
    created_at  TEXT    NOT NULL,
    UNIQUE (portfolio, year)
) STRICT;

CREATE TABLE review_member (
    round_id    TEXT NOT NULL REFERENCES review_round (id),
    person_id   TEXT NOT NULL REFERENCES person (id),
    PRIMARY KEY (round_id, person_id)
) STRICT;

CREATE TABLE review_jav (
    round_id       TEXT NOT NULL REFERENCES review_round (id),
    application_id TEXT NOT NULL REFERENCES application (id),
    person_id      TEXT NOT NULL REFERENCES person (id),
    kind           TEXT NOT NULL CHECK (kind IN ('personal_relation', 'economic_interest', 'other')),
    motivation     TEXT NOT NULL CHECK (length(motivation) > 0),
    recorded_by    TEXT NOT NULL REFERENCES person (id),
    recorded_at    TEXT NOT NULL,
    PRIMARY KEY (round_id, application_id, person_id, kind)
) STRICT;

CREATE TABLE review_score (
    round_id       TEXT    NOT NULL REFERENCES review_round (id),
    application_id TEXT    NOT NULL REFERENCES application (id),
    person_id      TEXT    NOT NULL REFERENCES person (id),
    version        INTEGER NOT NULL CHECK (version >= 1),
    -- The levels and comments per criterion, as JSON owned by portfolj-api.
    score          TEXT    NOT NULL,
    -- The weighted total as an exact decimal string.
    total          TEXT    NOT NULL,
    submitted_at   TEXT    NOT NULL,
    PRIMARY KEY (round_id, application_id, person_id, version)
) STRICT;

CREATE INDEX review_score_by_round ON review_score (round_id, application_id);
