-- Portfölj schema, migration 11: what each member bundle carried, so that when the office
-- acknowledges it the member's next export starts after it — and a bundle lost on the way
-- is simply sent again. Applied migrations are history: never edit this file, add a new one.

CREATE TABLE export_mark (
    hash        TEXT PRIMARY KEY REFERENCES bundle_log (hash),
    -- The stamp key of the newest own write the bundle carried.
    through     TEXT NOT NULL
) STRICT;
