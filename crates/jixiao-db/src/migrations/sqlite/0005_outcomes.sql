-- What each result achieved (issue 39): the 评价标准 as written, the
-- actual against the row's own target (outcome, gap in the target's unit)
-- and the actual as the target grammar reads it, so that the view can
-- compare a result with a target printed in another file.
ALTER TABLE indicators ADD COLUMN criterion TEXT NOT NULL DEFAULT '';
ALTER TABLE indicators ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
ALTER TABLE indicators ADD COLUMN gap REAL;
ALTER TABLE indicators ADD COLUMN actual_value REAL;
ALTER TABLE indicators ADD COLUMN actual_unit TEXT NOT NULL DEFAULT '';

-- The view of 0004, with whether each target was met: the result row's
-- own outcome when it prints its target, else its actual against the
-- linked target's figure (same unit, or either without one).
DROP VIEW evaluations;
CREATE VIEW evaluations AS
SELECT
    r.source_file, r.project_key, r.project_code, r.project_name,
    r.level1, r.level2, r.level3, r.target, r.actual, r.weight, r.score, r.deviation,
    r.progress, r.likelihood, r.source_ref,
    t.source_file AS target_source_file, t.source_ref AS target_source_ref, t.target AS linked_target,
    CASE
        WHEN t.source_file IS NULL THEN 'unmatched'
        WHEN r.project_code <> '' THEN 'project_code+level3'
        ELSE 'project_name+level3'
    END AS link,
    CASE
        WHEN r.outcome <> '' THEN r.outcome
        WHEN r.actual = '' OR t.source_file IS NULL OR r.actual_value IS NULL OR t.value IS NULL
            OR (t.value_unit <> '' AND r.actual_unit <> '' AND t.value_unit <> r.actual_unit) THEN 'not_comparable'
        WHEN t.comparator = '>=' THEN CASE WHEN r.actual_value >= t.value THEN 'met' ELSE 'not_met' END
        WHEN t.comparator = '>' THEN CASE WHEN r.actual_value > t.value THEN 'met' ELSE 'not_met' END
        WHEN t.comparator = '<=' THEN CASE WHEN r.actual_value <= t.value THEN 'met' ELSE 'not_met' END
        WHEN t.comparator = '<' THEN CASE WHEN r.actual_value < t.value THEN 'met' ELSE 'not_met' END
        WHEN t.comparator = '=' THEN CASE WHEN r.actual_value = t.value THEN 'met' ELSE 'not_met' END
        ELSE 'not_comparable'
    END AS outcome,
    CASE WHEN r.outcome <> '' THEN r.gap END AS gap
FROM indicators r
LEFT JOIN indicators t
    ON t.actual = '' AND t.score = '' AND t.progress = '' AND t.likelihood = ''
    AND ((r.project_code <> '' AND t.project_code = r.project_code)
        OR (r.project_code = '' AND t.project_code = '' AND t.project_name = r.project_name))
    AND replace(replace(t.level3, ' ', ''), char(10), '') = replace(replace(r.level3, ' ', ''), char(10), '')
WHERE r.actual <> '' OR r.score <> '' OR r.progress <> '' OR r.likelihood <> '';
