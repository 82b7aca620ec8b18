//! The canonical output: one [`DocumentRecord`] per input file, written as
//! JSON, and flattened into `projects.csv` and `indicators.csv`.

use crate::aligned::{Horizon, Scope, SkippedRow, Traced};
use crate::{Diagnostic, SourceRef};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Version of the JSON layout; bumped on any incompatible change.
pub const SCHEMA_VERSION: &str = "2";

/// Rows read with less confidence than this (two heavy repairs, or three
/// light ones) make their file need a look.
pub const LOW_CONFIDENCE: f32 = 0.7;

/// The comparator and value-kind vocabulary is the domain's, defined once.
pub use crate::values::{Comparator, ValueKind};

/// The normalised reading of a 指标值.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Reading {
    /// What kind of value the target is (percent, amount, quantity,
    /// duration, deadline, range, text); none for an empty cell.
    pub value_kind: Option<ValueKind>,
    /// Comparator, for every kind but text (`<=` for a deadline).
    pub comparator: Option<Comparator>,
    /// The number as a plain decimal string (`95`, `677.56`), or the
    /// deadline as `YYYY-MM-DD` (`YYYY-MM` when only the month is given).
    pub value: Option<String>,
    /// Upper bound of a range (`value` is the lower).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_max: Option<String>,
    /// Unit (`%`, `万元/年`, `元/本`, `万人`, `个社区`, `小时`).
    pub unit: Option<String>,
}

/// A level-1 or level-2 label: the official form and what the source said.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LabelRecord {
    /// The official label when the source label maps to one, else the
    /// source label with white space removed; empty when unknown.
    pub label: String,
    /// The label as written, with its place; absent when inferred.
    pub raw: Option<Traced>,
    /// True when the label was inferred (from the taxonomy or a twin table)
    /// rather than read from this row.
    pub inferred: bool,
}

/// One indicator (三级指标 with its target).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct IndicatorRecord {
    /// Annual or mid-term.
    pub horizon: Horizon,
    /// 一级指标.
    pub level1: LabelRecord,
    /// 二级指标.
    pub level2: LabelRecord,
    /// 三级指标.
    pub level3: Option<Traced>,
    /// 绩效指标描述 / 指标解释.
    pub description: Option<Traced>,
    /// 指标值 as written.
    pub target: Option<Traced>,
    /// The normalised reading of the target (with separate columns folded in).
    pub reading: Reading,
    /// 指标值确定依据.
    pub basis: Option<Traced>,
    /// A separate comparator column, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparator_column: Option<Traced>,
    /// A separate unit column, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_column: Option<Traced>,
    /// What a self-evaluation or monitoring table says was achieved.
    #[serde(default, skip_serializing_if = "crate::aligned::Results::is_empty")]
    pub results: crate::aligned::Results,
    /// The actual (`results.actual`) read with the target's grammar, the
    /// separate unit column folded in: typed, as the target is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_reading: Option<Reading>,
    /// The repairs the aligner made to read this row.
    pub repairs: Vec<crate::aligned::Repair>,
    /// 1.0 for a row read as printed; each repair lowers it (see README).
    pub confidence: f32,
    /// Doubts about the row's values (the repairs are in `repairs`).
    pub warnings: Vec<Diagnostic>,
    /// The row this indicator came from.
    pub source: SourceRef,
}

/// A project, or a department's whole-budget table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ProjectRecord {
    /// Project or department.
    pub scope: Scope,
    /// Target table, self-evaluation or monitoring.
    #[serde(default)]
    pub kind: crate::aligned::DocumentKind,
    /// Stable key: the 项目编码 when valid, else derived (see README).
    pub key: String,
    /// The inputs the key was made from, for audit.
    pub key_inputs: Vec<String>,
    /// 项目编码 as written (absent when missing or invalid).
    pub code: Option<Traced>,
    /// 项目名称.
    pub name: Option<Traced>,
    /// Budget in 万元, an exact decimal (`24.68`).
    pub budget_wan: Option<String>,
    /// Budget in 元, an exact decimal (`246800`).
    pub budget_yuan: Option<String>,
    /// Budget as written.
    pub budget_raw: Option<Traced>,
    /// How the unit of the written budget was decided, and on what.
    pub budget_scale: Option<BudgetScale>,
    /// True when the document's own figures disagree about the budget's
    /// unit and nothing settles it: the number is kept as labelled, and
    /// the file is listed for review.
    pub budget_scale_uncertain: bool,
    /// The budget year: the project's own 申报年度 or 实施期限, else the
    /// document's (title, file name as a last resort).
    pub year: Option<u16>,
    /// 中期资金总额 in 元, read in the same unit as the budget.
    pub mid_term_budget_yuan: Option<String>,
    /// What else the template says about the project (中期资金总额, 实施期限,
    /// 项目类型, 主管部门 …), as written.
    pub facts: crate::aligned::ProjectFacts,
    /// 年度目标 / 实施期绩效目标.
    pub goal: Option<Traced>,
    /// Indicators in source order.
    pub indicators: Vec<IndicatorRecord>,
    /// Rows that are not indicators, with the reason.
    pub skipped: Vec<SkippedRow>,
    /// Warnings about the project as a whole.
    pub warnings: Vec<Diagnostic>,
    /// Where the project's header is.
    pub source: SourceRef,
}

/// The unit a budget was read in, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BudgetScale {
    /// The unit of the number as written: `元`, `万元` or `亿元`.
    pub unit: String,
    /// What decided it.
    pub basis: ScaleBasis,
    /// The figure of the document that decided it (a 测算依据 amount, a
    /// cost target), with its place.
    pub evidence: Option<Traced>,
    /// The project whose own figures decided it, when it was a sibling of
    /// the same layout in the same file (its key).
    pub proved_by: Option<String>,
    /// How sure the reading is (0–1).
    pub confidence: f32,
}

/// What decided a budget's unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ScaleBasis {
    /// The budget cell names its unit (`834.02万元`).
    Cell,
    /// The table's stated unit (or 万元, the templates' default), and no
    /// figure of the file disagrees.
    Label,
    /// The project's own figures (测算依据, cost targets) match it.
    Evidence,
    /// Projects of the same layout in the same file prove it, and this one
    /// has no figures of its own.
    Siblings,
    /// The figures disagree; the label's unit is kept.
    Uncertain,
}

impl ScaleBasis {
    /// The name written to CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            ScaleBasis::Cell => "cell",
            ScaleBasis::Label => "label",
            ScaleBasis::Evidence => "evidence",
            ScaleBasis::Siblings => "siblings",
            ScaleBasis::Uncertain => "uncertain",
        }
    }
}

/// A budget unit (单位) and its projects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct UnitRecord {
    /// 单位代码, a string (leading zeros kept).
    pub code: Option<String>,
    /// 单位名称.
    pub name: Option<String>,
    /// Projects and department tables of this unit, in source order.
    pub projects: Vec<ProjectRecord>,
}

/// Everything jixiao read from one input file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DocumentRecord {
    /// [`SCHEMA_VERSION`].
    pub schema_version: String,
    /// The input's path relative to the run's base folder (`--root`, or the
    /// deepest folder holding every input).
    pub source_file: String,
    /// Detected format.
    pub format: String,
    /// Detected encoding, for text formats.
    pub encoding: Option<String>,
    /// Budget year stated in the document, when it states one.
    pub year: Option<u16>,
    /// Units in source order.
    pub units: Vec<UnitRecord>,
    /// Document-level diagnostics from every stage.
    pub diagnostics: Vec<Diagnostic>,
}
