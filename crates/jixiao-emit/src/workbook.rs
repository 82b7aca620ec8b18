//! The analyst's workbook (`--xlsx FILE`): sheets 项目, 指标 and 运行报告
//! with Chinese headers (the canonical English column names as header
//! notes), a frozen header row, autofilters and widths that fit CJK text.
//! Numbers are numbers (values, budgets, counts, confidence), percentages
//! are numbers under a % format, deadlines are dates, codes are text (a
//! 21-digit 项目编码 never turns into 4.4E+20). Rows come in input order and
//! each sheet streams to a temporary file (rust_xlsxwriter's constant
//! memory mode), so an archive-sized run never holds the workbook.

use crate::csv_rows::{indicator_rows, project_rows, INDICATOR_COLUMNS, PROJECT_COLUMNS};
use crate::fields::to_fields;
use crate::report::{report_columns, report_record, FileReport};
use jixiao_model::record::DocumentRecord;
use rust_xlsxwriter::{ExcelDateTime, Format, Note, Workbook, XlsxError};
use std::path::Path;

/// Chinese headers for the canonical column names.
const HEADERS: &[(&str, &str)] = &[
    ("source_file", "来源文件"),
    ("scope", "范围"),
    ("horizon", "目标期"),
    ("unit_code", "单位代码"),
    ("unit_name", "单位名称"),
    ("project_key", "项目键"),
    ("project_code", "项目编码"),
    ("project_name", "项目名称"),
    ("level1", "一级指标"),
    ("level2", "二级指标"),
    ("level3", "三级指标"),
    ("description", "指标解释"),
    ("target", "指标值"),
    ("comparator", "比较符"),
    ("value", "数值"),
    ("value_unit", "计量单位"),
    ("basis", "指标值依据"),
    ("source_ref", "来源单元格"),
    ("warnings", "提示"),
    ("value_kind", "值类型"),
    ("confidence", "置信度"),
    ("budget", "预算（万元）"),
    ("goal", "年度目标"),
    ("indicator_count", "指标数"),
    ("year", "年度"),
    ("budget_yuan", "预算（元）"),
    ("budget_wan", "预算（万元，精确）"),
    ("budget_unit_read", "预算读取单位"),
    ("budget_scale_basis", "单位判断依据"),
    ("budget_scale_uncertain", "单位存疑"),
    ("mid_term_budget_yuan", "中期资金总额（元）"),
    ("period", "实施期限"),
    ("project_type", "项目类型"),
    ("department", "主管部门"),
    ("input", "输入文件"),
    ("status", "状态"),
    ("review", "需复核原因"),
    ("error", "错误"),
    ("format", "格式"),
    ("encoding", "编码"),
    ("units", "单位数"),
    ("projects", "项目数"),
    ("indicators", "指标数"),
    ("skipped_rows", "跳过行数"),
    ("millis", "耗时（毫秒）"),
    ("bytes", "字节数"),
    ("rule", "规则"),
    ("group", "类别"),
    ("severity", "严重程度"),
    ("finding", "问题"),
    ("opinion", "审核意见"),
];

/// Columns written as numbers when they hold one (codes never are).
const NUMERIC: &[&str] = &[
    "budget",
    "indicator_count",
    "year",
    "budget_yuan",
    "budget_wan",
    "mid_term_budget_yuan",
    "confidence",
    "units",
    "projects",
    "indicators",
    "skipped_rows",
    "millis",
    "bytes",
];

fn header(name: &str) -> &str {
    HEADERS.iter().find(|(en, _)| *en == name).map_or(name, |(_, zh)| zh)
}

/// The workbook under construction.
pub struct WorkbookSink {
    book: Workbook,
    rows: [u32; 4],
    /// The columns of the 审核意见 sheet, when the run reviews.
    review_columns: Option<Vec<String>>,
    percent: Format,
    date: Format,
    month: Format,
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
        let mut sheets: Vec<(&str, Vec<&str>)> = vec![
            ("项目", PROJECT_COLUMNS.to_vec()),
            ("指标", INDICATOR_COLUMNS.to_vec()),
            ("运行报告", report_columns.iter().map(String::as_str).collect()),
        ];
        if let Some(columns) = review_columns {
            sheets.push(("审核意见", columns.to_vec()));
        }
        for (name, columns) in &sheets {
            let ws = book.add_worksheet_with_constant_memory();
            ws.set_name(*name)?;
            let bold = Format::new().set_bold();
            for (c, column) in columns.iter().enumerate() {
                let c = c as u16;
                let zh = header(column);
                ws.write_string_with_format(0, c, zh, &bold)?;
                ws.insert_note(0, c, &Note::new(*column).set_author("jixiao"))?;
                // CJK characters are about two columns wide.
                let width = zh.chars().map(|ch| if ch.is_ascii() { 1.1 } else { 2.2 }).sum::<f64>().max(8.0);
                ws.set_column_width(c, width.min(60.0) + 2.0)?;
            }
            ws.set_freeze_panes(1, 0)?;
        }
        Ok(WorkbookSink {
            book,
            rows: [1; 4],
            review_columns: review_columns.map(|c| c.iter().map(|s| s.to_string()).collect()),
            percent: Format::new().set_num_format("0.##%"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            month: Format::new().set_num_format("yyyy-mm"),
        })
    }

    /// One converted input: its projects and indicators.
    pub fn add_document(&mut self, record: &DocumentRecord) -> Result<(), XlsxError> {
        for row in project_rows(record) {
            let fields = to_fields(&row).map_err(|e| XlsxError::ParameterError(e.to_string()))?;
            self.write_row(PROJECTS, PROJECT_COLUMNS, &fields)?;
        }
        for row in indicator_rows(record) {
            let fields = to_fields(&row).map_err(|e| XlsxError::ParameterError(e.to_string()))?;
            self.write_row(INDICATORS, INDICATOR_COLUMNS, &fields)?;
        }
        Ok(())
    }

    /// One input's report entry.
    pub fn add_report(&mut self, entry: &FileReport) -> Result<(), XlsxError> {
        let columns = report_columns();
        let names: Vec<&str> = columns.iter().map(String::as_str).collect();
        self.write_row(REPORT, &names, &report_record(entry))
    }

    /// One finding of the review: a flat row whose fields are in the
    /// review's column order (as its CSV row is).
    pub fn add_review<T: serde::Serialize>(&mut self, finding: &T) -> Result<(), XlsxError> {
        let fields = to_fields(finding).map_err(|e| XlsxError::ParameterError(e.to_string()))?;
        let columns = self.review_columns.clone().unwrap_or_default();
        let names: Vec<&str> = columns.iter().map(String::as_str).collect();
        self.write_row(REVIEW, &names, &fields)
    }

    fn write_row(&mut self, sheet: usize, columns: &[&str], fields: &[String]) -> Result<(), XlsxError> {
        let r = self.rows[sheet];
        let kind = columns.iter().position(|c| *c == "value_kind").map(|i| fields[i].as_str());
        let ws = self.book.worksheet_from_index(sheet)?;
        for (c, (column, text)) in columns.iter().zip(fields).enumerate() {
            let c = c as u16;
            if text.is_empty() {
                continue;
            }
            let number = text.parse::<f64>().ok().filter(|n| n.is_finite());
            // The report's counts (its totals and one column per code) are numbers.
            let report_count = sheet == REPORT && (c >= 17 || matches!(*column, "warnings" | "repairs"));
            let numeric = NUMERIC.contains(column) || report_count;
            match (*column, kind, number) {
                ("value", Some("percent"), Some(n)) => ws.write_number_with_format(r, c, n / 100.0, &self.percent)?,
                ("value", Some("deadline"), _) => match deadline(text) {
                    Some((date, true)) => ws.write_datetime_with_format(r, c, &date, &self.date)?,
                    Some((date, false)) => ws.write_datetime_with_format(r, c, &date, &self.month)?,
                    None => ws.write_string(r, c, text)?,
                },
                ("value", Some("amount" | "quantity" | "duration"), Some(n)) => ws.write_number(r, c, n)?,
                (_, _, Some(n)) if numeric => ws.write_number(r, c, n)?,
                _ => ws.write_string(r, c, text)?,
            };
        }
        self.rows[sheet] += 1;
        Ok(())
    }

    /// Adds the autofilters and saves the workbook to `path`.
    pub fn save(mut self, path: &Path) -> Result<(), XlsxError> {
        let mut widths = vec![PROJECT_COLUMNS.len(), INDICATOR_COLUMNS.len(), report_columns().len()];
        widths.extend(self.review_columns.as_ref().map(Vec::len));
        for (sheet, width) in widths.into_iter().enumerate() {
            let last = self.rows[sheet].saturating_sub(1);
            self.book.worksheet_from_index(sheet)?.autofilter(0, 0, last, width as u16 - 1)?;
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
