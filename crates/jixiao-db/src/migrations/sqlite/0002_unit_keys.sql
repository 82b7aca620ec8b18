-- Units keyed by (code, name, context): a 单位代码 is unique only within a
-- region, so a unit read with a code and no name is keyed within its
-- file's folder, and one with neither within its file (see UnitKey).
-- `key` is the three as one text (code|name|context), for queries.
-- SQLite cannot drop the old UNIQUE (code, name): the table is rebuilt,
-- ids kept (the runner turns foreign keys off and checks them after).
CREATE TABLE units_keyed (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    context TEXT NOT NULL,
    key TEXT NOT NULL UNIQUE,
    UNIQUE (code, name, context)
);
INSERT INTO units_keyed (id, code, name, context, key)
SELECT id, code, name, '', code || '|' || name || '|' FROM units;
DROP TABLE units;
ALTER TABLE units_keyed RENAME TO units;
