//! The analyst's workbook (`--xlsx FILE`): sheets 项目, 指标 and 运行报告
//! (and 审核意见 after a review) in Chinese: Chinese headers (the
//! canonical English column names as header notes), enum values as their
//! Chinese labels (项目/部门整体, 年度/中期, 是/否, 需复核 …), 提示 as the
//! diagnostics' Chinese sentences with their codes in the column beside
//! (提示代码), a frozen header row, autofilters, and widths that fit the
//! content (capped, longer text wrapped). Numbers are numbers (values,
//! budgets, counts, confidence), percentages are numbers under a `0%` /
//! `0.0%` / `0.00%` format as precise as the target, deadlines are dates,
//! codes are text (a 21-digit 项目编码 never turns into 4.4E+20). No column
//! repeats another: 预算（万元） is written once. Rows come in input order
//! and each sheet streams to a temporary file (rust_xlsxwriter's constant
//! memory mode), so an archive-sized run never holds the workbook.

use crate::fields::to_fields;
use crate::labels::value_zh;
use crate::report::{report_columns, report_record, FileReport};
use jixiao_columns::{indicator_rows, project_rows, INDICATOR_COLUMNS, PROJECT_COLUMNS};
use jixiao_model::aligned::Repair;
use jixiao_model::record::{DocumentRecord, IndicatorRecord};
use jixiao_model::{Code, Diagnostic};
use rust_xlsxwriter::{ExcelDateTime, Format, Note, Workbook, XlsxError};
use std::path::Path;

/// Chinese headers for the columns no table of `jixiao-columns` has (the
/// evaluations', the report's and the findings' own).
const HEADERS: &[(&str, &str)] = &[
    ("warning_codes", "提示代码"),
    ("outcome", "完成情况"),
    ("gap", "差距"),
    ("gap_unit", "差距单位"),
    ("link", "关联方式"),
    ("target_source_file", "目标来源文件"),
    ("target_source_ref", "目标来源单元格"),
    ("input", "输入文件"),
    ("status", "状态"),
    ("review", "需复核原因"),
    ("review_codes", "需复核原因代码"),
    ("error", "错误"),
    ("format", "格式"),
    ("encoding", "编码"),
    ("units", "单位数"),
    ("projects", "项目数"),
    ("indicators", "指标数"),
    ("skipped_rows", "跳过行数"),
    ("repairs", "修复数"),
    ("millis", "耗时（毫秒）"),
    ("bytes", "字节数"),
    ("blake3", "内容校验值（BLAKE3）"),
    ("reused", "沿用上次结果"),
    ("worker_failure", "转换进程故障"),
    ("rule", "规则"),
    ("group", "类别"),
    ("severity", "严重程度"),
    ("finding", "问题"),
    ("opinion", "审核意见"),
];

/// The report's columns written as numbers when they hold one (the
/// tables' are those `jixiao-columns` types as numbers; codes never are).
const NUMERIC: &[&str] = &["units", "projects", "indicators", "skipped_rows", "repairs", "millis", "bytes"];

/// The widest a column gets (in Excel's character widths); longer text
/// wraps.
const MAX_WIDTH: f64 = 48.0;

/// The header of `column` on `sheet`: a count column of the report is
/// headed by what it counts.
fn header(sheet: usize, column: &str) -> String {
    if sheet == REPORT {
        if column == "warnings" {
            return "提示数".into();
        }
        if let Some(code) = Code::ALL.iter().find(|c| c.as_str() == column) {
            return code.zh().into();
        }
        if let Some(kind) = column.strip_prefix("repair_") {
            return format!("修复：{}", Repair::kind_zh(kind));
        }
    }
    let own = HEADERS.iter().find(|(en, _)| *en == column).map(|(_, zh)| *zh);
    jixiao_columns::zh(column).or(own).unwrap_or(column).to_string()
}

/// How wide `text` shows (CJK characters take about two columns).
fn display_width(text: &str) -> f64 {
    text.lines().map(|l| l.chars().map(|ch| if ch.is_ascii() { 1.1 } else { 2.1 }).sum::<f64>()).fold(0.0, f64::max)
}

/// The workbook's columns for a table's: `budget_wan` (the same number
/// as `budget`) and `severity_label` (what `severity` shows) left out, the codes beside the Chinese 提示 and 需复核原因.
fn workbook_columns(base: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(base.len() + 1);
    for column in base {
        match *column {
            // The same as `budget`, and as `severity` in Chinese.
            "budget_wan" | "severity_label" => {}
            "warnings" if base.contains(&"value_kind") || base.contains(&"goal") => {
                out.extend(["warnings".into(), "warning_codes".into()])
            }
            "review" => out.extend(["review".into(), "review_codes".into()]),
            other => out.push(other.into()),
        }
    }
    out
}

/// A table's fields as the workbook's: in [`workbook_columns`] order,
/// enum values in Chinese, 提示 in Chinese with `zh_warnings` and its
/// codes, `review` codes as their sentences.
fn workbook_fields(base: &[&str], fields: &[String], zh_warnings: Option<(String, String)>) -> Vec<String> {
    let columns = workbook_columns(base);
    let field = |name: &str| base.iter().position(|c| *c == name).map(|i| fields[i].clone()).unwrap_or_default();
    columns
        .iter()
        .map(|column| match (column.as_str(), &zh_warnings) {
            ("warnings", Some((zh, _))) => zh.clone(),
            ("warning_codes", Some((_, codes))) => codes.clone(),
            ("review_codes", _) => field("review"),
            ("review", _) => field("review")
                .split_whitespace()
                .map(|code| Code::ALL.iter().find(|c| c.as_str() == code).map_or(code, |c| c.zh()))
                .collect::<Vec<_>>()
                .join("；"),
            (name, _) => {
                let value = field(name);
                value_zh(name, &value).map_or(value, str::to_string)
            }
        })
        .collect()
}

/// Diagnostics as Chinese sentences and as codes.
fn diagnostics_zh<'a>(
    lead: Vec<String>,
    repairs: &[&str],
    warnings: impl Iterator<Item = &'a Diagnostic>,
) -> (String, String) {
    let mut zh = lead;
    let mut codes: Vec<&str> = Vec::new();
    for kind in repairs {
        zh.push(format!("已修复：{}", Repair::kind_zh(kind)));
        codes.push(kind);
    }
    for d in warnings {
        zh.push(d.code.zh().to_string());
        codes.push(d.code.as_str());
    }
    (zh.join("；"), codes.join(" "))
}

/// An indicator's 提示: its confidence when repaired, its repairs and doubts.
fn indicator_zh(ind: &IndicatorRecord) -> (String, String) {
    let lead = if ind.confidence < 1.0 { vec![format!("置信度{:.2}", ind.confidence)] } else { Vec::new() };
    let kinds: Vec<&str> = ind.repairs.iter().map(Repair::kind).collect();
    diagnostics_zh(lead, &kinds, ind.warnings.iter())
}

/// The workbook under construction.
pub struct WorkbookSink {
    book: Workbook,
    rows: Vec<u32>,
    /// Each sheet's columns (canonical names) and their widths so far.
    columns: Vec<Vec<String>>,
    widths: Vec<Vec<f64>>,
    /// The columns of the review's rows, when the run reviews.
    review_columns: Option<Vec<String>>,
    percent: [Format; 3],
    date: Format,
    month: Format,
    wrap: Format,
}

const PROJECTS: usize = 0;
const INDICATORS: usize = 1;
const REPORT: usize = 2;
const REVIEW: usize = 3;

impl WorkbookSink {
    /// A workbook whose sheets stream to temporary files in `tmp_dir`;
    /// with `review_columns`, a fourth sheet 审核意见 holds the review.
    pub fn new(tmp_dir: &Path, review_columns: Option<&[&str]>) -> Result<WorkbookSink, XlsxError> {
        let mut book = Workbook::new();
        book.set_tempdir(tmp_dir)?;
        let report_columns = report_columns();
        let report_names: Vec<&str> = report_columns.iter().map(String::as_str).collect();
        let mut sheets: Vec<(&str, Vec<String>)> = vec![
            ("项目", workbook_columns(&PROJECT_COLUMNS)),
            ("指标", workbook_columns(&INDICATOR_COLUMNS)),
            ("运行报告", workbook_columns(&report_names)),
        ];
        if let Some(columns) = review_columns {
            sheets.push(("审核意见", workbook_columns(columns)));
        }
        let bold = Format::new().set_bold().set_text_wrap();
        let mut widths = Vec::new();
        for (sheet, (name, columns)) in sheets.iter().enumerate() {
            let ws = book.add_worksheet_with_constant_memory()?;
            ws.set_name(*name)?;
            let mut sheet_widths = Vec::with_capacity(columns.len());
            for (c, column) in columns.iter().enumerate() {
                let zh = header(sheet, column);
                ws.write_string_with_format(0, c as u16, &zh, &bold)?;
                ws.insert_note(0, c as u16, &Note::new(column).set_author("jixiao"))?;
                // A header wraps rather than widen its column past the cap.
                sheet_widths.push(display_width(&zh).clamp(6.0, MAX_WIDTH / 2.0));
            }
            widths.push(sheet_widths);
            ws.set_freeze_panes(1, 0)?;
        }
        Ok(WorkbookSink {
            book,
            rows: vec![1; 5],
            columns: sheets.into_iter().map(|(_, c)| c).collect(),
            widths,
            review_columns: review_columns.map(|c| c.iter().map(|s| s.to_string()).collect()),
            percent: ["0%", "0.0%", "0.00%"].map(|f| Format::new().set_num_format(f)),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            month: Format::new().set_num_format("yyyy-mm"),
            wrap: Format::new().set_text_wrap(),
        })
    }

    /// One converted input: its projects and indicators.
    pub fn add_document(&mut self, record: &DocumentRecord) -> Result<(), XlsxError> {
        let not_flat = |e: crate::fields::NotFlat| XlsxError::ParameterError(e.to_string());
        let projects = record.units.iter().flat_map(|u| &u.projects);
        for (row, project) in project_rows(record).iter().zip(projects.clone()) {
            let zh = diagnostics_zh(Vec::new(), &[], project.warnings.iter());
            let fields = workbook_fields(&PROJECT_COLUMNS, &to_fields(row).map_err(not_flat)?, Some(zh));
            self.write_row(PROJECTS, &fields)?;
        }
        for (row, ind) in indicator_rows(record).iter().zip(projects.flat_map(|p| &p.indicators)) {
            let fields =
                workbook_fields(&INDICATOR_COLUMNS, &to_fields(row).map_err(not_flat)?, Some(indicator_zh(ind)));
            self.write_row(INDICATORS, &fields)?;
        }
        Ok(())
    }

    /// One input's report entry.
    pub fn add_report(&mut self, entry: &FileReport) -> Result<(), XlsxError> {
        let columns = report_columns();
        let names: Vec<&str> = columns.iter().map(String::as_str).collect();
        self.write_row(REPORT, &workbook_fields(&names, &report_record(entry), None))
    }

    /// One finding of the review: a flat row whose fields are in the
    /// review's column order (as its CSV row is).
    pub fn add_review<T: serde::Serialize>(&mut self, finding: &T) -> Result<(), XlsxError> {
        let fields = to_fields(finding).map_err(|e| XlsxError::ParameterError(e.to_string()))?;
        let columns = self.review_columns.clone().unwrap_or_default();
        let names: Vec<&str> = columns.iter().map(String::as_str).collect();
        self.write_row(REVIEW, &workbook_fields(&names, &fields, None))
    }

    /// The run's evaluations (each result beside its target): a 目标完成
    /// sheet after the others, with `columns` in their order.
    pub fn add_evaluations(&mut self, columns: &[&str], rows: &[Vec<String>]) -> Result<(), XlsxError> {
        let sheet = self.columns.len();
        let bold = Format::new().set_bold().set_text_wrap();
        let ws = self.book.add_worksheet_with_constant_memory()?;
        ws.set_name("目标完成")?;
        let mut widths = Vec::with_capacity(columns.len());
        for (c, column) in columns.iter().enumerate() {
            let zh = header(sheet, column);
            ws.write_string_with_format(0, c as u16, &zh, &bold)?;
            ws.insert_note(0, c as u16, &Note::new(*column).set_author("jixiao"))?;
            widths.push(display_width(&zh).clamp(6.0, MAX_WIDTH / 2.0));
        }
        ws.set_freeze_panes(1, 0)?;
        self.columns.push(columns.iter().map(|c| c.to_string()).collect());
        self.widths.push(widths);
        self.rows.resize(sheet + 1, 1);
        for row in rows {
            self.write_row(sheet, &workbook_fields(columns, row, None))?;
        }
        Ok(())
    }

    fn write_row(&mut self, sheet: usize, fields: &[String]) -> Result<(), XlsxError> {
        let r = self.rows[sheet];
        let columns = &self.columns[sheet];
        let kind = columns.iter().position(|c| *c == "value_kind").map(|i| fields[i].as_str());
        let ws = self.book.worksheet_from_index(sheet)?;
        for (c, (column, text)) in columns.iter().map(String::as_str).zip(fields).enumerate() {
            if text.is_empty() {
                continue;
            }
            let width = &mut self.widths[sheet][c];
            *width = width.max(display_width(text).min(MAX_WIDTH));
            let c = c as u16;
            let number = text.parse::<f64>().ok().filter(|n| n.is_finite());
            // The report's counts (its totals and one column per code) are numbers.
            let report_count = sheet == REPORT
                && (Code::ALL.iter().any(|k| k.as_str() == column)
                    || column.starts_with("repair_")
                    || column == "warnings");
            let numeric = NUMERIC.contains(&column) || jixiao_columns::is_number(column) || report_count;
            match (column, kind, number) {
                ("value", Some("百分比"), Some(n)) => {
                    let places = text.split_once('.').map_or(0, |(_, f)| f.len()).min(2);
                    ws.write_number_with_format(r, c, n / 100.0, &self.percent[places])?
                }
                ("value", Some("期限"), _) => match deadline(text) {
                    Some((date, true)) => ws.write_datetime_with_format(r, c, &date, &self.date)?,
                    Some((date, false)) => ws.write_datetime_with_format(r, c, &date, &self.month)?,
                    None => ws.write_string(r, c, text)?,
                },
                ("value", Some("金额" | "数量" | "时长"), Some(n)) => ws.write_number(r, c, n)?,
                (_, _, Some(n)) if numeric => ws.write_number(r, c, n)?,
                _ if display_width(text) > MAX_WIDTH || text.contains('\n') => {
                    ws.write_string_with_format(r, c, text, &self.wrap)?
                }
                _ => ws.write_string(r, c, text)?,
            };
        }
        self.rows[sheet] += 1;
        Ok(())
    }

    /// Sets the widths the content asks for, adds the autofilters and
    /// saves the workbook to `path`.
    pub fn save(mut self, path: &Path) -> Result<(), XlsxError> {
        for (sheet, widths) in self.widths.iter().enumerate() {
            let last = self.rows[sheet].saturating_sub(1);
            let ws = self.book.worksheet_from_index(sheet)?;
            for (c, width) in widths.iter().enumerate() {
                ws.set_column_width(c as u16, width + 1.5)?;
            }
            ws.autofilter(0, 0, last, widths.len() as u16 - 1)?;
        }
        self.book.save(path)
    }
}

/// A deadline (`2023-11-30`, or `2023-11` for a month, read as its last
/// day) as a date, and whether the day was given.
fn deadline(text: &str) -> Option<(ExcelDateTime, bool)> {
    let parts: Vec<u32> = text.split('-').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    match parts.as_slice() {
        [y, m, d] => Some((ExcelDateTime::from_ymd(*y as u16, *m as u8, *d as u8).ok()?, true)),
        [y, m] => {
            let next = if *m == 12 { (*y + 1, 1) } else { (*y, *m + 1) };
            let first_of_next = ExcelDateTime::from_ymd(next.0 as u16, next.1 as u8, 1).ok()?;
            let last = ExcelDateTime::from_serial_datetime(first_of_next.to_excel() - 1.0).ok()?;
            Some((last, false))
        }
        _ => None,
    }
}
