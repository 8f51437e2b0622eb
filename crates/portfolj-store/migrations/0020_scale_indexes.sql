-- Portfölj schema, migration 20: indexes found missing on national-scale data (issue 10).
-- Applied migrations are history: never edit this file, add a new one.

-- Saving a valuation replaces its application's benefit targets; without this index every
-- save read the whole register.
CREATE INDEX valuation_target_by_application ON valuation_target (application_id);
