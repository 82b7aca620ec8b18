//! Flattening [`DocumentRecord`]s into the two CSV contracts.

use jixiao_model::aligned::Traced;
use jixiao_model::record::{DocumentRecord, ProjectRecord, UnitRecord};
use schemars::JsonSchema;
use serde::Serialize;
use std::borrow::Cow;

/// Column order of `indicators.csv` (analysts read them by name).
pub const INDICATOR_COLUMNS: &[&str] = &[
    "source_file",
    "scope",
    "horizon",
    "unit_code",
    "unit_name",
    "project_key",
    "project_code",
    "project_name",
    "level1",
    "level2",
    "level3",
    "description",
    "target",
    "comparator",
    "value",
    "value_unit",
    "basis",
    "source_ref",
    "warnings",
    "value_kind",
    "confidence",
    "actual",
    "weight",
    "score",
    "deviation",
    "progress",
    "likelihood",
];

/// Column order of `projects.csv`.
pub const PROJECT_COLUMNS: &[&str] = &[
    "source_file",
    "scope",
    "unit_code",
    "unit_name",
    "project_key",
    "project_code",
    "project_name",
    "budget",
    "goal",
    "indicator_count",
    "warnings",
    "year",
    "budget_yuan",
    "budget_wan",
    "budget_unit_read",
    "budget_scale_basis",
    "budget_scale_uncertain",
    "mid_term_budget_yuan",
    "period",
    "project_type",
    "department",
    "kind",
];

// The rows' texts borrow from the record where they can: a row is written
// and dropped, and copying every string of every row was a good part of a
// run's allocations.

/// One row of `indicators.csv`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct IndicatorRow<'a> {
    /// Input path, relative to the input root.
    pub source_file: Cow<'a, str>,
    /// `project` or `department`.
    pub scope: Cow<'a, str>,
    /// `annual` or `mid_term`.
    pub horizon: Cow<'a, str>,
    /// 单位代码 (string; leading zeros kept).
    pub unit_code: Cow<'a, str>,
    /// 单位名称.
    pub unit_name: Cow<'a, str>,
    /// The project's key (项目编码, or derived: see README).
    pub project_key: Cow<'a, str>,
    /// 项目编码 when present and plausible.
    pub project_code: Cow<'a, str>,
    /// 项目名称 (empty for department rows).
    pub project_name: Cow<'a, str>,
    /// 一级指标, official label when it maps to one.
    pub level1: Cow<'a, str>,
    /// 二级指标, official label when it maps to one.
    pub level2: Cow<'a, str>,
    /// 三级指标.
    pub level3: Cow<'a, str>,
    /// 绩效指标描述 / 指标解释.
    pub description: Cow<'a, str>,
    /// 指标值 as written (trimmed).
    pub target: Cow<'a, str>,
    /// `>=`, `<=`, `>`, `<`, `=`, `range`, or empty for text targets.
    pub comparator: Cow<'a, str>,
    /// The number as a plain decimal, the deadline as `YYYY-MM-DD` (or
    /// `YYYY-MM`), `low-high` for a range, or empty.
    pub value: Cow<'a, str>,
    /// Unit of the value (`%`, `万元`, `元/本` …).
    pub value_unit: Cow<'a, str>,
    /// 指标值确定依据.
    pub basis: Cow<'a, str>,
    /// Where the indicator's name (or target) is in the source file.
    pub source_ref: Cow<'a, str>,
    /// Repairs and doubts, separated by `; `; a repaired row starts with
    /// `confidence 0.85`.
    pub warnings: Cow<'a, str>,
    /// `percent`, `amount`, `quantity`, `duration`, `deadline`, `range`,
    /// `text`, or empty for an empty target.
    pub value_kind: Cow<'a, str>,
    /// 1.0 for a row read as printed; each repair lowers it.
    pub confidence: f32,
    /// 实际完成值 / 全年完成值 / 全年预计执行数 as written (self-evaluation,
    /// monitoring), or empty.
    pub actual: Cow<'a, str>,
    /// 分值 / 指标权重 as written, or empty.
    pub weight: Cow<'a, str>,
    /// 得分 as written, or empty.
    pub score: Cow<'a, str>,
    /// 偏差原因分析及改进措施, or empty.
    pub deviation: Cow<'a, str>,
    /// 1-N月执行数 (monitoring), or empty.
    pub progress: Cow<'a, str>,
    /// 完成可能性 (monitoring), or empty.
    pub likelihood: Cow<'a, str>,
}

/// One row of `projects.csv`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ProjectRow<'a> {
    /// Input path, relative to the input root.
    pub source_file: Cow<'a, str>,
    /// `project` or `department`.
    pub scope: Cow<'a, str>,
    /// 单位代码.
    pub unit_code: Cow<'a, str>,
    /// 单位名称.
    pub unit_name: Cow<'a, str>,
    /// The project's key.
    pub project_key: Cow<'a, str>,
    /// 项目编码 when present and plausible.
    pub project_code: Cow<'a, str>,
    /// 项目名称.
    pub project_name: Cow<'a, str>,
    /// Budget in 万元 as a plain number, or empty (the same as
    /// `budget_wan`, kept where analysts' sheets expect it).
    pub budget: Cow<'a, str>,
    /// 年度目标 / 实施期绩效目标.
    pub goal: Cow<'a, str>,
    /// Number of indicators emitted.
    pub indicator_count: usize,
    /// Warnings about the project, separated by `; `.
    pub warnings: Cow<'a, str>,
    /// The budget year.
    pub year: Cow<'a, str>,
    /// Budget in 元, an exact decimal.
    pub budget_yuan: Cow<'a, str>,
    /// Budget in 万元, an exact decimal.
    pub budget_wan: Cow<'a, str>,
    /// The unit the written budget was read in: `元`, `万元`, `亿元`.
    pub budget_unit_read: Cow<'a, str>,
    /// What decided it: `cell`, `label`, `evidence`, `siblings`, `uncertain`.
    pub budget_scale_basis: Cow<'a, str>,
    /// `true` when the document's figures disagree about the unit.
    pub budget_scale_uncertain: bool,
    /// 中期资金总额 in 元.
    pub mid_term_budget_yuan: Cow<'a, str>,
    /// 实施期限 / 项目期, as written.
    pub period: Cow<'a, str>,
    /// 项目类型 / 项目属性, as written.
    pub project_type: Cow<'a, str>,
    /// 主管部门 / 一级预算单位, as written.
    pub department: Cow<'a, str>,
    /// `target`, `self_evaluation` or `monitoring`.
    pub kind: Cow<'a, str>,
}

fn text(t: &Option<Traced>) -> Cow<'_, str> {
    Cow::Borrowed(t.as_ref().map_or("", |t| t.text.as_str()))
}

fn opt(s: &Option<String>) -> Cow<'_, str> {
    Cow::Borrowed(s.as_deref().unwrap_or_default())
}

/// A spreadsheet runs a cell starting with `=`, `+`, `-`, `@` (or a tab or
/// carriage return) as a formula: such text gets a leading `'`, unless it is
/// a plain number (`-5`) or a bare comparator (`=`, `>=`). Everything else is
/// written as is.
pub fn neutralize_formula(s: String) -> String {
    match neutralize_formula_str(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(guarded) => guarded,
    }
}

/// [`neutralize_formula`] of a borrowed cell: a copy only when the cell
/// gets its `'`.
pub fn neutralize_formula_str(s: &str) -> Cow<'_, str> {
    // Most cells start with none of these: they are returned untouched
    // without trying to read them as numbers (that parse was 1% of a run).
    if !s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        return Cow::Borrowed(s);
    }
    let plain_number = s.trim().parse::<f64>().is_ok();
    let bare_comparator = matches!(s.trim(), "=" | "==" | ">=" | "<=" | "=>" | "=<" | "-" | "--");
    if !plain_number && !bare_comparator {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

fn owners(rec: &DocumentRecord) -> impl Iterator<Item = (&UnitRecord, &ProjectRecord)> {
    rec.units.iter().flat_map(|u| u.projects.iter().map(move |p| (u, p)))
}

/// The rows of `indicators.csv` for one document (the CSV writer guards
/// them against formulas: see [`crate::csv_body`]).
pub fn indicator_rows(rec: &DocumentRecord) -> Vec<IndicatorRow<'_>> {
    // A row is large (twenty fields): sized once, not moved at each doubling.
    let mut out = Vec::with_capacity(owners(rec).map(|(_, p)| p.indicators.len()).sum());
    for (unit, project) in owners(rec) {
        for ind in &project.indicators {
            out.push(IndicatorRow {
                source_file: Cow::Borrowed(&rec.source_file),
                scope: Cow::Borrowed(project.scope.as_str()),
                horizon: Cow::Borrowed(ind.horizon.as_str()),
                unit_code: opt(&unit.code),
                unit_name: opt(&unit.name),
                project_key: Cow::Borrowed(&project.key),
                project_code: text(&project.code),
                project_name: text(&project.name),
                level1: Cow::Borrowed(&ind.level1.label),
                level2: Cow::Borrowed(&ind.level2.label),
                level3: text(&ind.level3),
                description: text(&ind.description),
                target: text(&ind.target),
                comparator: Cow::Borrowed(ind.reading.comparator.map_or("", |c| c.as_str())),
                value: match (&ind.reading.value, &ind.reading.value_max) {
                    (Some(low), Some(high)) => Cow::Owned(format!("{low}-{high}")),
                    (value, _) => opt(value),
                },
                value_unit: opt(&ind.reading.unit),
                basis: text(&ind.basis),
                source_ref: Cow::Owned(ind.source.to_string()),
                warnings: Cow::Owned(indicator_warnings(ind)),
                value_kind: Cow::Borrowed(ind.reading.value_kind.map_or("", |k| k.as_str())),
                confidence: ind.confidence,
                actual: text(&ind.results.actual),
                weight: text(&ind.results.weight),
                score: text(&ind.results.score),
                deviation: text(&ind.results.deviation),
                progress: text(&ind.results.progress),
                likelihood: text(&ind.results.likelihood),
            });
        }
    }
    out
}

/// Warnings of an indicator, led by its confidence when it was repaired,
/// then its repairs and its doubts, in words.
fn indicator_warnings(ind: &jixiao_model::record::IndicatorRecord) -> String {
    let mut parts = Vec::with_capacity(ind.repairs.len() + ind.warnings.len() + 1);
    if ind.confidence < 1.0 {
        parts.push(format!("confidence {:.2}", ind.confidence));
    }
    parts.extend(ind.repairs.iter().map(|r| r.message()));
    parts.extend(ind.warnings.iter().map(|d| d.message.clone()));
    parts.join("; ")
}

/// The rows of `projects.csv` for one document.
pub fn project_rows(rec: &DocumentRecord) -> Vec<ProjectRow<'_>> {
    owners(rec)
        .map(|(unit, p)| ProjectRow {
            source_file: Cow::Borrowed(&rec.source_file),
            scope: Cow::Borrowed(p.scope.as_str()),
            unit_code: opt(&unit.code),
            unit_name: opt(&unit.name),
            project_key: Cow::Borrowed(&p.key),
            project_code: text(&p.code),
            project_name: text(&p.name),
            budget: opt(&p.budget_wan),
            goal: text(&p.goal),
            indicator_count: p.indicators.len(),
            warnings: Cow::Owned(p.warnings.iter().map(|d| d.message.as_str()).collect::<Vec<_>>().join("; ")),
            year: p.year.map_or(Cow::Borrowed(""), |y| Cow::Owned(y.to_string())),
            budget_yuan: opt(&p.budget_yuan),
            budget_wan: opt(&p.budget_wan),
            budget_unit_read: Cow::Borrowed(p.budget_scale.as_ref().map_or("", |s| s.unit.as_str())),
            budget_scale_basis: Cow::Borrowed(p.budget_scale.as_ref().map_or("", |s| s.basis.as_str())),
            budget_scale_uncertain: p.budget_scale_uncertain,
            mid_term_budget_yuan: opt(&p.mid_term_budget_yuan),
            period: text(&p.facts.period),
            project_type: text(&p.facts.project_type),
            department: text(&p.facts.department),
            kind: Cow::Borrowed(p.kind.as_str()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::neutralize_formula as n;

    #[test]
    fn formulas_are_neutralised_numbers_and_comparators_are_not() {
        assert_eq!(n("=HYPERLINK(\"http://x\")".into()), "'=HYPERLINK(\"http://x\")");
        assert_eq!(n("+SUM(A1)".into()), "'+SUM(A1)");
        assert_eq!(n("@cmd".into()), "'@cmd");
        assert_eq!(n("-1+1".into()), "'-1+1");
        assert_eq!(n("\t=1".into()), "'\t=1");
        assert_eq!(n("-5".into()), "-5");
        assert_eq!(n("+3.5".into()), "+3.5");
        assert_eq!(n("=".into()), "=");
        assert_eq!(n(">=".into()), ">=");
        assert_eq!(n("≥95%".into()), "≥95%");
        assert_eq!(n("提升".into()), "提升");
    }
}
