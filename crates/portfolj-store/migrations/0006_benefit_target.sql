-- Portfölj schema, migration 6: the shared register of benefit targets — the processes
-- and budget lines a benefit changes. A worksheet may only claim a registered target, so
-- two valuers naming the same saving use the same key and dubbelräkning is found.
-- Applied migrations are history: never edit this file, add a new one.

CREATE TABLE benefit_target (
    key         TEXT PRIMARY KEY CHECK (length(key) BETWEEN 2 AND 80),
    name        TEXT NOT NULL CHECK (length(name) > 0),
    kind        TEXT NOT NULL CHECK (kind IN ('process', 'budget_line')),
    unit_id     TEXT REFERENCES org_unit (id),
    -- Empty for targets registered by this migration from existing worksheets.
    created_by  TEXT REFERENCES person (id),
    created_at  TEXT NOT NULL
) STRICT;

-- Targets already claimed before the register existed keep working: nothing is lost.
INSERT OR IGNORE INTO benefit_target (key, name, kind, unit_id, created_by, created_at)
SELECT DISTINCT target, target, 'process', NULL, NULL, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM valuation_target WHERE length(target) BETWEEN 2 AND 80;
