-- Results beside the targets they answer (issue 39), across every run and
-- year imported: a result row (actual, score, progress or likelihood
-- printed) joined to the target rows of the same project (by code, else
-- by name) and the same 三级指标 (spaces and line breaks aside). A target
-- printed in several imports gives a row each; a result no target answers
-- is one row with link 'unmatched'. Whether the target was met is in
-- evaluations.csv, which reads both with the 指标值 grammar.
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
    END AS link
FROM indicators r
LEFT JOIN indicators t
    ON t.actual = '' AND t.score = '' AND t.progress = '' AND t.likelihood = ''
    AND ((r.project_code <> '' AND t.project_code = r.project_code)
        OR (r.project_code = '' AND t.project_code = '' AND t.project_name = r.project_name))
    AND replace(replace(t.level3, ' ', ''), char(10), '') = replace(replace(r.level3, ' ', ''), char(10), '')
WHERE r.actual <> '' OR r.score <> '' OR r.progress <> '' OR r.likelihood <> '';
