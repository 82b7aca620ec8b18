-- Self-evaluations and monitoring tables (issue 39): what a project's
-- table is for, and what each indicator's row says was achieved, as
-- written. Rows imported before this version are target tables.
ALTER TABLE projects ADD COLUMN kind TEXT NOT NULL DEFAULT 'target';
ALTER TABLE indicators ADD COLUMN actual TEXT NOT NULL DEFAULT '';
ALTER TABLE indicators ADD COLUMN weight TEXT NOT NULL DEFAULT '';
ALTER TABLE indicators ADD COLUMN score TEXT NOT NULL DEFAULT '';
ALTER TABLE indicators ADD COLUMN deviation TEXT NOT NULL DEFAULT '';
ALTER TABLE indicators ADD COLUMN progress TEXT NOT NULL DEFAULT '';
ALTER TABLE indicators ADD COLUMN likelihood TEXT NOT NULL DEFAULT '';
