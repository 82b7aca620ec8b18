//! Diagnostics: what a stage noticed about its input, as a typed [`Code`]
//! with a message in words. Statuses, review lists and counts are decided
//! on the code, never on the wording, so a message can be rewritten freely.

use crate::SourceRef;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What a diagnostic is about. Serialised as a stable snake_case string
/// (`budget_scale_uncertain`) in the JSON, report.json and report.csv.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// Characters that could not be decoded were replaced (U+FFFD).
    UndecodableCharacters,
    /// The file's extension names another format than its content.
    MisleadingExtension,
    /// A hidden sheet was read like any other.
    HiddenSheet,
    /// One sheet of a workbook could not be read; the others were.
    SheetUnreadable,
    /// Export debris (bookmarks) was removed from a text export.
    ExportDebrisRemoved,
    /// Page headers repeated mid-table were dropped.
    RepeatedHeadersDropped,
    /// A row outside any project was recognised as not an indicator.
    RowSkipped,
    /// No indicator table was found in the file.
    NoIndicators,
    /// Indicator rows printed before their project's row (a page break
    /// moved it) were attached to it.
    RowsMovedByPageBreak,
    /// Indicator rows with no project row of their own were attached to a
    /// neighbouring project: a guess.
    RowsWithoutProjectAttached,
    /// A table with its own header block and no 项目名称 that is not the
    /// department's: its rows are an unnamed project's.
    UnnamedProject,
    /// A project code was kept although its shape is unusual.
    ProjectCodeUnusual,
    /// A project code that cannot be right (a float, a wrong shape) was
    /// dropped; the key was derived instead.
    ProjectCodeDropped,
    /// The budget cell holds no amount.
    BudgetNotAmount,
    /// The budget was read in another unit than its label's, because the
    /// document's own figures prove it (or a sibling project's do).
    BudgetScaleRepaired,
    /// The document's figures disagree about the budget's unit.
    BudgetScaleUncertain,
    /// Annual and multi-year totals, or the funds and their total,
    /// disagree.
    BudgetTotalsDisagree,
    /// The budget year was taken from the file name (no text states it).
    YearFromFileName,
    /// A comparator column says qualitative, but the target is a number.
    ComparatorColumnQualitative,
    /// The target's comparator disagrees with the comparator column.
    ComparatorDisagrees,
    /// A comparator column value that is no known comparator or code.
    ComparatorColumnUnknown,
    /// The target's unit disagrees with the unit column.
    UnitDisagrees,
    /// A percentage above 100 for a rate.
    #[serde(rename = "rate_above_100")]
    RateAbove100,
    /// Words split by stray spaces were rejoined.
    WordsRejoined,
    /// A target holds several values; the one that fits its 二级指标 was read.
    SeveralValues,
    /// A date without a year in a document that states none: not read.
    DeadlineWithoutYear,
    /// Rows whose repairs took their confidence below
    /// [`LOW_CONFIDENCE`](crate::record::LOW_CONFIDENCE).
    LowConfidenceRows,
    /// Which pages of a PDF held ruled tables (a note: the others were
    /// read as running text).
    PdfTablePages,
    /// A PDF page whose text is laid out in columns but has no ruling
    /// lines: its rows were not rebuilt.
    PdfTableWithoutRules,
}

/// What a diagnostic means for the file's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Effect {
    /// Recorded; the output is as good as a clean read.
    Note,
    /// A doubt about one row (a target read one way of several, a date
    /// without a year): the row is listed for a check, and the file's status
    /// stays, unless such rows are a large share of the file (see
    /// [`ROW_DOUBT_SHARE`]).
    Row,
    /// Converted, but a person should look: a guess about the whole file
    /// (its owners, its budget's unit, its layout).
    Review,
    /// Part of the input could not be used.
    Partial,
}

impl Code {
    /// Every code, in a stable order (the columns of report.csv).
    pub const ALL: &'static [Code] = &[
        Code::UndecodableCharacters,
        Code::MisleadingExtension,
        Code::HiddenSheet,
        Code::SheetUnreadable,
        Code::ExportDebrisRemoved,
        Code::RepeatedHeadersDropped,
        Code::RowSkipped,
        Code::NoIndicators,
        Code::RowsMovedByPageBreak,
        Code::RowsWithoutProjectAttached,
        Code::UnnamedProject,
        Code::ProjectCodeUnusual,
        Code::ProjectCodeDropped,
        Code::BudgetNotAmount,
        Code::BudgetScaleRepaired,
        Code::BudgetScaleUncertain,
        Code::BudgetTotalsDisagree,
        Code::YearFromFileName,
        Code::ComparatorColumnQualitative,
        Code::ComparatorDisagrees,
        Code::ComparatorColumnUnknown,
        Code::UnitDisagrees,
        Code::RateAbove100,
        Code::WordsRejoined,
        Code::SeveralValues,
        Code::DeadlineWithoutYear,
        Code::LowConfidenceRows,
        Code::PdfTablePages,
        Code::PdfTableWithoutRules,
    ];

    /// The stable name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::UndecodableCharacters => "undecodable_characters",
            Code::MisleadingExtension => "misleading_extension",
            Code::HiddenSheet => "hidden_sheet",
            Code::SheetUnreadable => "sheet_unreadable",
            Code::ExportDebrisRemoved => "export_debris_removed",
            Code::RepeatedHeadersDropped => "repeated_headers_dropped",
            Code::RowSkipped => "row_skipped",
            Code::NoIndicators => "no_indicators",
            Code::RowsMovedByPageBreak => "rows_moved_by_page_break",
            Code::RowsWithoutProjectAttached => "rows_without_project_attached",
            Code::UnnamedProject => "unnamed_project",
            Code::ProjectCodeUnusual => "project_code_unusual",
            Code::ProjectCodeDropped => "project_code_dropped",
            Code::BudgetNotAmount => "budget_not_amount",
            Code::BudgetScaleRepaired => "budget_scale_repaired",
            Code::BudgetScaleUncertain => "budget_scale_uncertain",
            Code::BudgetTotalsDisagree => "budget_totals_disagree",
            Code::YearFromFileName => "year_from_file_name",
            Code::ComparatorColumnQualitative => "comparator_column_qualitative",
            Code::ComparatorDisagrees => "comparator_disagrees",
            Code::ComparatorColumnUnknown => "comparator_column_unknown",
            Code::UnitDisagrees => "unit_disagrees",
            Code::RateAbove100 => "rate_above_100",
            Code::WordsRejoined => "words_rejoined",
            Code::SeveralValues => "several_values",
            Code::DeadlineWithoutYear => "deadline_without_year",
            Code::LowConfidenceRows => "low_confidence_rows",
            Code::PdfTablePages => "pdf_table_pages",
            Code::PdfTableWithoutRules => "pdf_table_without_rules",
        }
    }

    /// The code as an analyst reads it, in Chinese: what happened and what
    /// it means for the data (the workbook's 提示, report.html). One
    /// sentence per code, decided by the code alone, so that it never
    /// depends on the English message's wording.
    pub fn zh(self) -> &'static str {
        match self {
            Code::UndecodableCharacters => "部分字符无法解码，已作替换，请核对原文",
            Code::MisleadingExtension => "文件扩展名与实际格式不符，已按实际格式读取",
            Code::HiddenSheet => "隐藏工作表已照常读取",
            Code::SheetUnreadable => "有一个工作表无法读取，其余工作表已读取",
            Code::ExportDebrisRemoved => "已删除导出残留（书签等）",
            Code::RepeatedHeadersDropped => "已删除表格中间重复的表头",
            Code::RowSkipped => "非指标行已跳过",
            Code::NoIndicators => "文件中未找到绩效指标表",
            Code::RowsMovedByPageBreak => "分页造成的错位指标行已归入所属项目",
            Code::RowsWithoutProjectAttached => "无项目行的指标已推定归入相邻项目，请核实",
            Code::UnnamedProject => "表格未写项目名称，按未命名项目处理",
            Code::ProjectCodeUnusual => "项目编码形式少见，已保留，请核实",
            Code::ProjectCodeDropped => "项目编码无法使用（如以科学计数法存储丢失了位数），已改用推导的项目键",
            Code::BudgetNotAmount => "预算单元格不是金额",
            Code::BudgetScaleRepaired => "预算单位与标注不符，已按文件中的测算数据更正",
            Code::BudgetScaleUncertain => "文件中的数据对预算单位说法不一，按标注单位读取，请核实",
            Code::BudgetTotalsDisagree => "年度与中期预算（或资金来源与合计）不一致",
            Code::YearFromFileName => "预算年度取自文件名（正文未写明）",
            Code::ComparatorColumnQualitative => "比较符列标为定性，但指标值是数字",
            Code::ComparatorDisagrees => "指标值中的比较符与比较符列不一致",
            Code::ComparatorColumnUnknown => "比较符列的内容无法识别，请核对",
            Code::UnitDisagrees => "指标值中的单位与计量单位列不一致",
            Code::RateAbove100 => "比率超过100%，请核对",
            Code::WordsRejoined => "被空格拆开的词语已重新连接",
            Code::SeveralValues => "指标值含多个数值，已取与二级指标相符的一个，请核对",
            Code::DeadlineWithoutYear => "日期未写年份且文件未写明年度，未读取为期限",
            Code::LowConfidenceRows => "部分指标行经多次修复，可信度低于0.7，请核对",
            Code::PdfTablePages => "PDF中含表格的页码（其余页按正文读取）",
            Code::PdfTableWithoutRules => "PDF页面按列排版但没有表格线，未还原为指标行，请核对",
        }
    }

    /// What the code means for the file's status. Notes are repairs made
    /// by a rule that is right for the layout; reviews are guesses and
    /// doubtful values; partials lose part of the input.
    pub fn effect(self) -> Effect {
        match self {
            Code::UndecodableCharacters | Code::SheetUnreadable | Code::NoIndicators => Effect::Partial,
            Code::RowsWithoutProjectAttached
            | Code::UnnamedProject
            | Code::ProjectCodeUnusual
            | Code::ProjectCodeDropped
            | Code::BudgetNotAmount
            | Code::BudgetScaleUncertain
            | Code::BudgetTotalsDisagree
            | Code::PdfTableWithoutRules => Effect::Review,
            Code::ComparatorColumnUnknown
            | Code::RateAbove100
            | Code::SeveralValues
            | Code::DeadlineWithoutYear
            | Code::LowConfidenceRows => Effect::Row,
            Code::MisleadingExtension
            | Code::HiddenSheet
            | Code::ExportDebrisRemoved
            | Code::RepeatedHeadersDropped
            | Code::RowSkipped
            | Code::RowsMovedByPageBreak
            | Code::BudgetScaleRepaired
            | Code::YearFromFileName
            | Code::ComparatorColumnQualitative
            | Code::ComparatorDisagrees
            | Code::UnitDisagrees
            | Code::WordsRejoined
            | Code::PdfTablePages => Effect::Note,
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// When rows with a doubt of their own ([`Effect::Row`]) are more than this
/// share of a file's indicator rows, the file as a whole needs a look: one
/// doubtful row is a row to check, a quarter of them is a file misread.
pub const ROW_DOUBT_SHARE: f64 = 0.25;

/// A message about the input, tied to a place when one is known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Diagnostic {
    /// What it is about; decisions are made on this.
    pub code: Code,
    /// What happened, in words a user can act on.
    pub message: String,
    /// Where, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceRef>,
}

impl Diagnostic {
    /// A diagnostic with an optional place.
    pub fn new(code: Code, message: impl Into<String>, source: Option<SourceRef>) -> Self {
        Diagnostic { code, message: message.into(), source }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_listed_once_and_serialises_as_its_name() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "{code:?} twice");
            assert_eq!(serde_json::to_value(code).expect("json"), serde_json::json!(code.as_str()));
        }
        // A variant missing from ALL would not be a report.csv column: the
        // schema lists every variant.
        let schema = serde_json::to_value(schemars::schema_for!(Code)).expect("schema");
        let mut variants: Vec<&str> = schema["oneOf"]
            .as_array()
            .expect("one entry per variant")
            .iter()
            .filter_map(|v| v["enum"][0].as_str())
            .collect();
        let mut listed: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        variants.sort_unstable();
        listed.sort_unstable();
        assert_eq!(variants, listed);
        // Every code has its own Chinese sentence.
        let zh: std::collections::HashSet<&str> = Code::ALL.iter().map(|c| c.zh()).collect();
        assert_eq!(zh.len(), Code::ALL.len());
        assert!(Code::ALL.iter().all(|c| c.zh().chars().any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch))));
    }
}
