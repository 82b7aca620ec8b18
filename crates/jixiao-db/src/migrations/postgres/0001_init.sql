-- jixiao import, schema 1 (PostgreSQL). One row per run, per input file
-- (documents), per budget unit, per project and per indicator; failures
-- keep why a file could not be converted, once per file content.
CREATE TABLE runs (
    id BIGSERIAL PRIMARY KEY,
    started_at TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    host TEXT NOT NULL,
    shard TEXT,
    jixiao_version TEXT NOT NULL,
    files INTEGER NOT NULL DEFAULT 0,
    ok INTEGER NOT NULL DEFAULT 0,
    review INTEGER NOT NULL DEFAULT 0,
    partial INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    reused INTEGER NOT NULL DEFAULT 0,
    killed INTEGER NOT NULL DEFAULT 0,
    imported INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE documents (
    id BIGSERIAL PRIMARY KEY,
    source TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    format TEXT,
    encoding TEXT,
    status TEXT NOT NULL,
    bytes BIGINT,
    settings TEXT NOT NULL,
    jixiao_version TEXT NOT NULL,
    converted_at TIMESTAMPTZ NOT NULL,
    run_id BIGINT REFERENCES runs (id),
    report TEXT NOT NULL
);

CREATE TABLE units (
    id BIGSERIAL PRIMARY KEY,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    UNIQUE (code, name)
);

CREATE TABLE projects (
    document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    unit_id BIGINT NOT NULL REFERENCES units (id),
    source_file TEXT NOT NULL,
    scope TEXT NOT NULL,
    unit_code TEXT NOT NULL,
    unit_name TEXT NOT NULL,
    project_key TEXT NOT NULL,
    project_code TEXT NOT NULL,
    project_name TEXT NOT NULL,
    budget NUMERIC,
    goal TEXT NOT NULL,
    indicator_count INTEGER NOT NULL,
    warnings TEXT NOT NULL,
    year INTEGER,
    budget_yuan NUMERIC,
    budget_wan NUMERIC,
    budget_unit_read TEXT NOT NULL,
    budget_scale_basis TEXT NOT NULL,
    budget_scale_uncertain BOOLEAN NOT NULL,
    mid_term_budget_yuan NUMERIC,
    period TEXT NOT NULL,
    project_type TEXT NOT NULL,
    department TEXT NOT NULL,
    PRIMARY KEY (document_id, ordinal)
);

CREATE TABLE indicators (
    document_id BIGINT NOT NULL,
    ordinal INTEGER NOT NULL,
    project_ordinal INTEGER NOT NULL,
    source_file TEXT NOT NULL,
    scope TEXT NOT NULL,
    horizon TEXT NOT NULL,
    unit_code TEXT NOT NULL,
    unit_name TEXT NOT NULL,
    project_key TEXT NOT NULL,
    project_code TEXT NOT NULL,
    project_name TEXT NOT NULL,
    level1 TEXT NOT NULL,
    level2 TEXT NOT NULL,
    level3 TEXT NOT NULL,
    description TEXT NOT NULL,
    target TEXT NOT NULL,
    comparator TEXT NOT NULL,
    value_text TEXT NOT NULL,
    value NUMERIC,
    value_max NUMERIC,
    deadline DATE,
    deadline_precision TEXT,
    amount_yuan NUMERIC,
    value_unit TEXT NOT NULL,
    basis TEXT NOT NULL,
    source_ref TEXT NOT NULL,
    warnings TEXT NOT NULL,
    value_kind TEXT NOT NULL,
    confidence REAL NOT NULL,
    PRIMARY KEY (document_id, ordinal),
    FOREIGN KEY (document_id, project_ordinal) REFERENCES projects (document_id, ordinal) ON DELETE CASCADE
);

CREATE TABLE failures (
    id BIGSERIAL PRIMARY KEY,
    run_id BIGINT NOT NULL REFERENCES runs (id),
    source TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    reason TEXT NOT NULL,
    failed_at TIMESTAMPTZ NOT NULL,
    UNIQUE (source, content_hash, reason)
);

CREATE INDEX indicators_unit_level ON indicators (unit_code, level1, level2);
CREATE INDEX indicators_level2_kind ON indicators (level2, value_kind);
CREATE INDEX indicators_deadline ON indicators (deadline) WHERE deadline IS NOT NULL;
CREATE INDEX indicators_project ON indicators (project_key);
CREATE INDEX projects_key ON projects (project_key);
CREATE INDEX projects_unit ON projects (unit_code);
CREATE INDEX failures_source ON failures (source);
