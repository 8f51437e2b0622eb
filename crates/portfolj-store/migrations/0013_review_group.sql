-- Portfölj schema, migration 13: the rest of beredning — each round's own rubric (locked
-- once the first score arrives), assignment of subsets with a cap per member, absences,
-- the group's recommendations (every version kept), members' autosaved drafts, the
-- valuation summaries frozen into a reviewer's bundle, and each application's aggregate,
-- maintained on every score so overviews never scan the scores.
-- Applied migrations are history: never edit this file, add a new one.

CREATE TABLE review_rubric (
    round_id    TEXT PRIMARY KEY REFERENCES review_round (id),
    -- The rubric as JSON owned by portfolj-api.
    document    TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

-- A member reviews every application of the round unless the office assigned a subset.
ALTER TABLE review_member ADD COLUMN assigns_all INTEGER NOT NULL DEFAULT 1 CHECK (assigns_all IN (0, 1));
ALTER TABLE review_member ADD COLUMN cap INTEGER CHECK (cap IS NULL OR cap >= 0);

CREATE TABLE review_assignment (
    round_id       TEXT NOT NULL REFERENCES review_round (id),
    person_id      TEXT NOT NULL REFERENCES person (id),
    application_id TEXT NOT NULL REFERENCES application (id),
    PRIMARY KEY (round_id, person_id, application_id)
) STRICT;

CREATE TABLE review_absence (
    round_id       TEXT NOT NULL REFERENCES review_round (id),
    application_id TEXT NOT NULL REFERENCES application (id),
    person_id      TEXT NOT NULL REFERENCES person (id),
    reason         TEXT NOT NULL CHECK (length(reason) > 0),
    recorded_by    TEXT NOT NULL REFERENCES person (id),
    recorded_at    TEXT NOT NULL,
    PRIMARY KEY (round_id, application_id, person_id)
) STRICT;

CREATE TABLE review_recommendation (
    round_id       TEXT    NOT NULL REFERENCES review_round (id),
    application_id TEXT    NOT NULL REFERENCES application (id),
    version        INTEGER NOT NULL CHECK (version >= 1),
    kind           TEXT    NOT NULL CHECK (kind IN ('support', 'support_with_conditions', 'oppose', 'supplement')),
    motivation     TEXT    NOT NULL CHECK (length(motivation) > 0),
    conditions     TEXT    NOT NULL,
    meeting_date   TEXT    NOT NULL,
    recorded_by    TEXT    NOT NULL REFERENCES person (id),
    recorded_at    TEXT    NOT NULL,
    PRIMARY KEY (round_id, application_id, version)
) STRICT;

CREATE TABLE review_draft (
    round_id       TEXT NOT NULL REFERENCES review_round (id),
    application_id TEXT NOT NULL REFERENCES application (id),
    person_id      TEXT NOT NULL REFERENCES person (id),
    document       TEXT NOT NULL,
    saved_at       TEXT NOT NULL,
    PRIMARY KEY (round_id, application_id, person_id)
) STRICT;

CREATE TABLE review_frozen (
    round_id       TEXT NOT NULL REFERENCES review_round (id),
    application_id TEXT NOT NULL REFERENCES application (id),
    -- The fastställd valuation's summary as the office sent it, JSON owned by portfolj-api.
    valuation      TEXT NOT NULL,
    PRIMARY KEY (round_id, application_id)
) STRICT;

-- Exact decimals as text; rewritten from the application's newest scores on every score.
CREATE TABLE review_tally (
    round_id       TEXT    NOT NULL REFERENCES review_round (id),
    application_id TEXT    NOT NULL REFERENCES application (id),
    scores         INTEGER NOT NULL,
    criteria       INTEGER NOT NULL,
    mean           TEXT    NOT NULL,
    median         TEXT    NOT NULL,
    min            TEXT    NOT NULL,
    max            TEXT    NOT NULL,
    spread         TEXT    NOT NULL,
    std_dev        TEXT    NOT NULL,
    disagreement   INTEGER NOT NULL CHECK (disagreement IN (0, 1)),
    PRIMARY KEY (round_id, application_id)
) STRICT;

-- Each round's totals over its applications' aggregates, kept in step by the triggers
-- below whoever writes an aggregate, so the overview reads one row per round.
CREATE TABLE review_round_tally (
    round_id      TEXT    PRIMARY KEY REFERENCES review_round (id),
    scored        INTEGER NOT NULL,
    scores        INTEGER NOT NULL,
    criteria      INTEGER NOT NULL,
    disagreements INTEGER NOT NULL
) STRICT;

CREATE TRIGGER review_tally_added AFTER INSERT ON review_tally BEGIN
    INSERT INTO review_round_tally (round_id, scored, scores, criteria, disagreements)
    VALUES (NEW.round_id, 1, NEW.scores, NEW.criteria, NEW.disagreement)
    ON CONFLICT (round_id) DO UPDATE SET
        scored = scored + 1,
        scores = scores + excluded.scores,
        criteria = criteria + excluded.criteria,
        disagreements = disagreements + excluded.disagreements;
END;

CREATE TRIGGER review_tally_changed AFTER UPDATE ON review_tally BEGIN
    UPDATE review_round_tally SET
        scores = scores - OLD.scores + NEW.scores,
        criteria = criteria - OLD.criteria + NEW.criteria,
        disagreements = disagreements - OLD.disagreement + NEW.disagreement
    WHERE round_id = NEW.round_id;
END;

CREATE INDEX review_score_by_person ON review_score (round_id, person_id);
