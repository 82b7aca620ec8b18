//! What the aligner hands to the normalizer: owners (a project or a whole
//! department) with the raw text of their indicator rows, before any label
//! is canonicalised or value parsed.

use crate::{Diagnostic, SourceRef};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A text value with the place it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Traced {
    /// The text as written in the source (trimmed).
    pub text: String,
    /// Where it came from.
    pub source: SourceRef,
}

impl Traced {
    /// A traced text.
    pub fn new(text: impl Into<String>, source: SourceRef) -> Self {
        Traced { text: text.into(), source }
    }
}

/// Whom a table belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// 项目支出绩效目标表: one project.
    Project,
    /// 部门整体支出绩效目标表: the whole department.
    Department,
}

impl Scope {
    /// The name used in CSV outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Project => "project",
            Scope::Department => "department",
        }
    }
}

/// What a table is for: the targets set before the year (绩效目标表), what
/// was achieved after it (绩效自评表), or progress during it (执行监控表).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// 绩效目标表 / 绩效目标申报表.
    #[default]
    Target,
    /// 绩效自评表: each target beside its 实际完成值, 分值, 得分.
    SelfEvaluation,
    /// 执行监控表: each target beside its progress and 完成可能性.
    Monitoring,
}

impl DocumentKind {
    /// The name used in CSV outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Target => "target",
            DocumentKind::SelfEvaluation => "self_evaluation",
            DocumentKind::Monitoring => "monitoring",
        }
    }
}

/// Which goal horizon an indicator belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Horizon {
    /// 年度目标: the budget year.
    Annual,
    /// 中期目标 / 实施期目标: several years.
    MidTerm,
}

impl Horizon {
    /// The name used in CSV outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Horizon::Annual => "annual",
            Horizon::MidTerm => "mid_term",
        }
    }
}

/// A repair the aligner made to read a row; each lowers the row's confidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Repair {
    /// Cells were moved by `by` columns so that the name lands under 三级指标.
    Reseated {
        /// Columns moved (positive: to the right).
        by: isize,
    },
    /// The target was taken from the cell after its column (an empty cell
    /// had been inserted before it).
    TargetFromNextCell,
    /// The 二级指标 was taken from the twin table's row with the same name.
    Level2FromTwin,
    /// The 一级指标 was inferred from the 二级指标 by the taxonomy.
    Level1Inferred,
    /// A row printed over two lines (a label broken between them) was joined.
    RowsJoined,
    /// The comparator/unit columns were found past the header's columns.
    ComparatorRecovered,
    /// Text left of the row's labels (a goal, debris) was not read as a label.
    TextBeforeLabelsIgnored,
    /// This twin side has no 指标值 where the other side has one; it stays
    /// empty (never copied).
    TwinValueMissing,
}

impl Repair {
    /// How much the repair lowers confidence in the row (0–1).
    pub fn cost(&self) -> f32 {
        match self {
            Repair::Level1Inferred | Repair::ComparatorRecovered | Repair::TextBeforeLabelsIgnored => 0.05,
            Repair::Reseated { .. } | Repair::Level2FromTwin | Repair::TwinValueMissing => 0.1,
            Repair::TargetFromNextCell | Repair::RowsJoined => 0.15,
        }
    }

    /// One repair of each kind, in [`Repair::KINDS`] order.
    pub const EACH: [Repair; 8] = [
        Repair::Reseated { by: 1 },
        Repair::TargetFromNextCell,
        Repair::Level2FromTwin,
        Repair::Level1Inferred,
        Repair::RowsJoined,
        Repair::ComparatorRecovered,
        Repair::TextBeforeLabelsIgnored,
        Repair::TwinValueMissing,
    ];

    /// What a repair of this kind costs in confidence (`reseated` …).
    pub fn cost_of_kind(kind: &str) -> Option<f32> {
        Repair::EACH.iter().find(|r| r.kind() == kind).map(Repair::cost)
    }

    /// The repair's stable name, as serialised in `kind` (report counts
    /// and report.csv columns use it).
    pub fn kind(&self) -> &'static str {
        match self {
            Repair::Reseated { .. } => "reseated",
            Repair::TargetFromNextCell => "target_from_next_cell",
            Repair::Level2FromTwin => "level2_from_twin",
            Repair::Level1Inferred => "level1_inferred",
            Repair::RowsJoined => "rows_joined",
            Repair::ComparatorRecovered => "comparator_recovered",
            Repair::TextBeforeLabelsIgnored => "text_before_labels_ignored",
            Repair::TwinValueMissing => "twin_value_missing",
        }
    }

    /// Every kind, in a stable order (the columns of report.csv).
    pub const KINDS: &'static [&'static str] = &[
        "reseated",
        "target_from_next_cell",
        "level2_from_twin",
        "level1_inferred",
        "rows_joined",
        "comparator_recovered",
        "text_before_labels_ignored",
        "twin_value_missing",
    ];

    /// A repair kind (see [`Repair::KINDS`]) as an analyst reads it, in
    /// Chinese; the kind itself when it is unknown.
    pub fn kind_zh(kind: &str) -> &str {
        match kind {
            "reseated" => "单元格错位，已整体移回三级指标列",
            "target_from_next_cell" => "指标值取自后一单元格（前有插入的空单元格）",
            "level2_from_twin" => "二级指标取自对照表的同名指标",
            "level1_inferred" => "一级指标由二级指标推定",
            "rows_joined" => "跨两行印刷的指标已合并为一行",
            "comparator_recovered" => "比较符或单位在表头列之外找到",
            "text_before_labels_ignored" => "已忽略指标标签前的文字",
            "twin_value_missing" => "对照表此侧无指标值（另一侧有），留空",
            other => other,
        }
    }

    /// What was repaired, in words.
    pub fn message(&self) -> String {
        match self {
            Repair::Reseated { by } => {
                format!("cells re-seated by {by} column(s) so that the indicator name lands under 三级指标")
            }
            Repair::TargetFromNextCell => {
                "target taken from the next cell (an empty cell was inserted before it)".into()
            }
            Repair::Level2FromTwin => "二级指标 taken from the twin table's row with the same indicator".into(),
            Repair::Level1Inferred => "一级指标 inferred from 二级指标".into(),
            Repair::RowsJoined => "row printed over two lines (a label broken between them) joined into one".into(),
            Repair::ComparatorRecovered => "comparator/unit found past the header's columns".into(),
            Repair::TextBeforeLabelsIgnored => "text before the row's labels ignored".into(),
            Repair::TwinValueMissing => {
                "no 指标值 on this side of the twin table (the other side has one); left empty".into()
            }
        }
    }
}

/// Facts a template may state about a project besides its budget, each as
/// written with its place.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ProjectFacts {
    /// 中期资金总额 / 项目总金额（中期规划）.
    pub mid_term_budget: Option<Traced>,
    /// 其中：财政拨款 / 财政资金.
    pub fiscal_funds: Option<Traced>,
    /// 其他资金.
    pub other_funds: Option<Traced>,
    /// 实施期限 / 项目期.
    pub period: Option<Traced>,
    /// 项目类型 / 项目属性.
    pub project_type: Option<Traced>,
    /// 主管部门 / 一级预算单位.
    pub department: Option<Traced>,
    /// 申报年度 / 预算年度.
    pub declared_year: Option<Traced>,
    /// A self-evaluation's funds block (项目资金: 年初预算数 … 得分).
    #[serde(default, skip_serializing_if = "Funds::is_empty")]
    pub funds: Funds,
}

/// The funds block of a self-evaluation (项目资金（万元）): the amounts of
/// its total row under their headers, each as written with its cell.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Funds {
    /// 年初预算数.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned: Option<Traced>,
    /// 全年预算数 (the budget as adjusted during the year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Traced>,
    /// 全年执行数.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub executed: Option<Traced>,
    /// 执行率.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<Traced>,
    /// 分值 of the execution rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<Traced>,
    /// 得分 of the execution rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<Traced>,
}

impl Funds {
    /// True when no funds block was read.
    pub fn is_empty(&self) -> bool {
        self == &Funds::default()
    }
}

/// Why a row that looked like part of an indicator table is not an
/// indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// No 一级 or 二级 label above it: not inside an indicator table.
    NoLabelAbove,
    /// A template remark (备注：…).
    TemplateRemark,
    /// A placeholder (不适用, 无, /) in both indicator name and target.
    Placeholder,
    /// A total row (总分, 合计): the sum of the weights or scores above.
    TotalRow,
}

impl SkipReason {
    /// The reason in words.
    pub fn message(self) -> &'static str {
        match self {
            SkipReason::NoLabelAbove => "no indicator label above this row",
            SkipReason::TemplateRemark => "template remark",
            SkipReason::Placeholder => "placeholder (不适用, 无, /) in both indicator name and target",
            SkipReason::TotalRow => "a total row (总分, 合计), not an indicator",
        }
    }
}

/// One indicator row as the aligner rebuilt it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AlignedRow {
    /// Annual or mid-term.
    pub horizon: Horizon,
    /// 一级指标 as written (possibly forward-filled from the row above).
    pub level1: Option<Traced>,
    /// 二级指标 as written (possibly forward-filled).
    pub level2: Option<Traced>,
    /// 三级指标 (indicator name).
    pub level3: Option<Traced>,
    /// 指标值 as written.
    pub target: Option<Traced>,
    /// 绩效指标描述 / 指标解释 and the like.
    pub description: Option<Traced>,
    /// 指标值确定依据.
    pub basis: Option<Traced>,
    /// A separate comparator / value-type column (指标值类型, 计算符号).
    pub comparator: Option<Traced>,
    /// A separate unit column (度量单位, 计量单位).
    pub unit: Option<Traced>,
    /// What a self-evaluation or monitoring table says of the target.
    #[serde(default, skip_serializing_if = "Results::is_empty")]
    pub results: Results,
    /// What the aligner repaired to build this row.
    pub repairs: Vec<Repair>,
    /// The row's first cell.
    pub source: SourceRef,
}

/// The results a self-evaluation (绩效自评表) or a monitoring table (执行监控表)
/// prints beside an indicator's target, each as written with its cell.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Results {
    /// 实际完成值 / 全年完成值 / 全年预计执行数.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<Traced>,
    /// 分值 / 指标权重.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<Traced>,
    /// 得分.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<Traced>,
    /// 偏差原因分析及改进措施 (sub-columns joined with their labels).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deviation: Option<Traced>,
    /// 1-N月执行数.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<Traced>,
    /// 完成可能性.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub likelihood: Option<Traced>,
    /// 评价标准 / 评(扣)分标准.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criterion: Option<Traced>,
}

impl Results {
    /// True when the row prints no result (a target table's row).
    pub fn is_empty(&self) -> bool {
        self == &Results::default()
    }
}

/// A row that looked like part of an indicator table but is not an indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SkippedRow {
    /// Why it was not emitted.
    pub reason: SkipReason,
    /// The row's non-empty cell texts.
    pub cells: Vec<String>,
    /// The row's first cell.
    pub source: SourceRef,
}

/// A project or a department with everything the aligner found for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AlignedOwner {
    /// Target table, self-evaluation or monitoring.
    #[serde(default)]
    pub kind: DocumentKind,
    /// Project or department.
    pub scope: Scope,
    /// 单位代码 / 单位编码.
    pub unit_code: Option<Traced>,
    /// 单位名称 / 部门名称 / 实施单位.
    pub unit_name: Option<Traced>,
    /// 项目编码.
    pub project_code: Option<Traced>,
    /// 项目名称.
    pub project_name: Option<Traced>,
    /// 预算数 / 资金总额 as written.
    pub budget: Option<Traced>,
    /// The unit of amounts the document states (万元, 元), when it does.
    pub amount_unit: Option<Traced>,
    /// 测算依据: how the amount was worked out (evidence for the budget).
    pub cost_basis: Option<Traced>,
    /// 年度目标 / 实施期绩效目标.
    pub goal: Option<Traced>,
    /// What else the template says about the project, as written.
    #[serde(default)]
    pub facts: ProjectFacts,
    /// Indicator rows in source order.
    pub rows: Vec<AlignedRow>,
    /// Rows that are not indicators, with the reason.
    pub skipped: Vec<SkippedRow>,
    /// Warnings about this owner (orphan rows attached, guessed scope...).
    pub warnings: Vec<Diagnostic>,
    /// Where the owner's header (project row or first field) is.
    pub source: SourceRef,
}

/// The aligner's output for one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AlignedDocument {
    /// Owners in source order.
    pub owners: Vec<AlignedOwner>,
    /// Budget year stated in the document's titles, when it states one.
    pub year: Option<u16>,
    /// Document-level warnings.
    pub diagnostics: Vec<Diagnostic>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repair_kinds_are_the_serialised_tags() {
        let all = Repair::EACH;
        assert_eq!(all.len(), Repair::KINDS.len());
        for (repair, kind) in all.iter().zip(Repair::KINDS) {
            assert_eq!(repair.kind(), *kind);
            assert_eq!(serde_json::to_value(repair).expect("json")["kind"], serde_json::json!(kind));
            assert_ne!(Repair::kind_zh(kind), *kind, "{kind} has a Chinese label");
        }
    }
}
