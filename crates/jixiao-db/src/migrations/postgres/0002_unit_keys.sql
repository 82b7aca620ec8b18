-- Units keyed by (code, name, context): a 单位代码 is unique only within a
-- region, so a unit read with a code and no name is keyed within its
-- file's folder, and one with neither within its file (see UnitKey).
-- `key` is the three as one text (code|name|context), for queries.
ALTER TABLE units ADD COLUMN context TEXT NOT NULL DEFAULT '';
ALTER TABLE units ADD COLUMN key TEXT;
UPDATE units SET key = code || '|' || name || '|';
ALTER TABLE units ALTER COLUMN key SET NOT NULL;
ALTER TABLE units ALTER COLUMN context DROP DEFAULT;
ALTER TABLE units DROP CONSTRAINT units_code_name_key;
ALTER TABLE units ADD CONSTRAINT units_key_key UNIQUE (key);
ALTER TABLE units ADD CONSTRAINT units_code_name_context_key UNIQUE (code, name, context);
