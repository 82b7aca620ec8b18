//! `report.html`: the run report as one static page a reviewer reads, in
//! Chinese (no server, no network, inline CSS and SVG): the summary with
//! the options in human units, bar charts of statuses and of indicators by
//! 一级指标, the 初审's findings by rule and severity and per project
//! (after `jixiao review`), the files that need a look first with the
//! Chinese sentence of each code that decided their status, each file's
//! doubtful rows with their place (工作表「X」B7, 第 3 页) and doubts, the
//! counts per diagnostic code, totals per budget unit and the aligner's
//! repairs. A section with nothing to show is left out. It is fed the
//! report entries in input order, like the other aggregates, and holds
//! one short line per file, the first 20 doubtful rows of each and the
//! first 2000 findings.

use crate::labels::{severity_zh, status_zh};
use crate::report::{FileReport, RunInfo, Status};
use jixiao_model::aligned::Repair;
use jixiao_model::Code;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Text made safe inside HTML (input names are hostile too).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One file's line on the page.
struct FileLine {
    input: String,
    status: Status,
    /// The codes that decided the status, or the error.
    why: Vec<Code>,
    error: Option<String>,
    indicators: usize,
    warnings: usize,
    millis: u64,
}

/// How many doubtful rows of one file the page shows (report.json lists
/// up to 100, the file's JSON all of them).
const ROWS_SHOWN: usize = 20;
/// How many findings the page shows in all (review.csv has every one).
const FINDINGS_SHOWN: usize = 2000;

/// Lists of findings or rows are shown open when there are at most this
/// many of them, folded (a click opens one) when there are more.
const OPEN_UP_TO: usize = 40;

/// A review's files are shown open when there are at most this many.
const FILES_OPEN_UP_TO: usize = 3;

/// One finding of the review, as the page shows it.
#[derive(Debug, Clone)]
pub struct PageFinding {
    /// The input.
    pub source_file: String,
    /// 项目名称.
    pub project_name: String,
    /// The rule's id.
    pub rule: String,
    /// The rule's group (完整性 …).
    pub group: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// The indicator, or the missing slots.
    pub finding: String,
    /// The review opinion.
    pub opinion: String,
    /// Where (`Sheet1!C12`, `t3:r5:c2@L88`).
    pub source_ref: String,
}

/// A file's doubtful rows as the page lists them.
struct FileRows {
    input: String,
    total: usize,
    rows: Vec<crate::report::RowToCheck>,
}

/// The page under construction.
#[derive(Default)]
pub struct HtmlReport {
    files: Vec<FileLine>,
    statuses: BTreeMap<&'static str, usize>,
    units: BTreeMap<String, (usize, usize, f64)>,
    repairs: BTreeMap<String, usize>,
    level1: BTreeMap<String, usize>,
    codes: BTreeMap<Code, (usize, usize)>,
    doubtful: Vec<FileRows>,
    /// Findings by (rule, severity), and the first ones by project.
    by_rule: BTreeMap<(String, String, String), usize>,
    by_project: Vec<((String, String), Vec<PageFinding>, usize)>,
    findings: usize,
    reviewed: bool,
}

impl HtmlReport {
    /// Adds one file's entry.
    pub fn add(&mut self, e: &FileReport) {
        *self.statuses.entry(e.status.as_str()).or_default() += 1;
        for u in &e.unit_totals {
            let t = self.units.entry(u.unit.clone()).or_default();
            t.0 += u.projects;
            t.1 += u.indicators;
            t.2 += u.budget_yuan;
        }
        for (k, n) in &e.repair_counts {
            *self.repairs.entry(k.clone()).or_default() += n;
        }
        for (k, n) in &e.level1_counts {
            *self.level1.entry(k.clone()).or_default() += n;
        }
        for (code, n) in &e.warning_counts {
            let c = self.codes.entry(*code).or_default();
            c.0 += n;
            c.1 += 1;
        }
        if !e.rows_to_check.is_empty() {
            let rows = e.rows_to_check.iter().take(ROWS_SHOWN).cloned().collect();
            self.doubtful.push(FileRows { input: e.input.clone(), total: e.doubtful_rows, rows });
        }
        self.files.push(FileLine {
            input: e.input.clone(),
            status: e.status,
            why: e.review.clone(),
            error: e.error.clone(),
            indicators: e.counts.indicators,
            warnings: e.warning_counts.values().sum(),
            millis: e.millis,
        });
    }

    /// Adds the review's findings of one file (a `jixiao review` run): the
    /// page gets its 初审 section.
    pub fn add_findings(&mut self, findings: Vec<PageFinding>) {
        self.reviewed = true;
        for f in findings {
            self.findings += 1;
            *self.by_rule.entry((f.group.clone(), f.rule.clone(), f.severity.clone())).or_default() += 1;
            let key = (f.source_file.clone(), f.project_name.clone());
            if self.by_project.last().is_none_or(|(k, _, _)| *k != key) {
                self.by_project.push((key, Vec::new(), 0));
            }
            let shown: usize = self.by_project.iter().map(|(_, f, _)| f.len()).sum();
            if let Some((_, list, n)) = self.by_project.last_mut() {
                *n += 1;
                if shown < FINDINGS_SHOWN {
                    list.push(f);
                }
            }
        }
    }

    /// The finished page.
    pub fn finish(&self, info: &RunInfo) -> String {
        let mut h = String::new();
        let _ = write!(
            h,
            "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>jixiao 运行报告</title><style>{CSS}</style></head><body>"
        );
        self.summary(&mut h, info);
        self.charts(&mut h);
        self.findings_section(&mut h);
        self.file_tables(&mut h);
        self.doubtful_rows(&mut h);
        self.code_table(&mut h);
        self.unit_table(&mut h);
        self.repair_table(&mut h);
        h.push_str("</body></html>\n");
        h
    }

    fn summary(&self, h: &mut String, info: &RunInfo) {
        let n = |s: &str| self.statuses.get(s).copied().unwrap_or(0);
        let _ = write!(
            h,
            "<h1>jixiao 运行报告</h1><p class=\"summary\">共 <b>{}</b> 个文件：<span class=\"ok\">正常 {}</span>，\
             <span class=\"review\">需复核 {}</span>，<span class=\"partial\">部分读取 {}</span>，\
             <span class=\"failed\">失败 {}</span>（沿用上次结果 {}）。开始 {}，结束 {}，用时 {:.1} 秒，{} 个转换进程。</p>",
            self.files.len(),
            n("ok"),
            n("review"),
            n("partial"),
            n("failed"),
            info.reused,
            escape(&info.started),
            escape(&info.finished),
            info.millis as f64 / 1000.0,
            info.jobs,
        );
        let options: Vec<String> = info.options.iter().map(|o| option_zh(o)).collect();
        let _ = write!(
            h,
            "<p class=\"meta\">选项：{} · 输入目录 {} · 指纹 {}</p>",
            escape(&options.join("，")),
            escape(&info.base),
            escape(&info.fingerprint),
        );
    }

    fn charts(&self, h: &mut String) {
        let statuses: Vec<(String, usize, &str)> = [Status::Ok, Status::Review, Status::Partial, Status::Failed]
            .iter()
            .map(|s| (status_zh(*s).to_string(), self.statuses.get(s.as_str()).copied().unwrap_or(0), s.as_str()))
            .collect();
        h.push_str("<div class=\"charts\"><figure><figcaption>文件状态</figcaption>");
        bars(h, &statuses);
        h.push_str("</figure>");
        if !self.level1.is_empty() {
            h.push_str("<figure><figcaption>各一级指标的指标数</figcaption>");
            let level1: Vec<(String, usize, &str)> = self.level1.iter().map(|(k, n)| (k.clone(), *n, "bar")).collect();
            bars(h, &level1);
            h.push_str("</figure>");
        }
        h.push_str("</div>");
    }

    /// The 初审: counts by rule and severity, then each project's findings.
    fn findings_section(&self, h: &mut String) {
        if !self.reviewed {
            return;
        }
        let _ = write!(h, "<h2 id=\"findings\">初审意见（{} 条）</h2>", self.findings);
        if self.findings == 0 {
            h.push_str("<p>没有发现问题。</p>");
            return;
        }
        h.push_str("<table><tr><th>类别</th><th>规则</th><th>严重程度</th><th>条数</th></tr>");
        for ((group, rule, severity), n) in &self.by_rule {
            let _ = write!(
                h,
                "<tr><td>{}</td><td><code>{}</code></td><td class=\"sev-{}\">{}</td><td class=\"n\">{n}</td></tr>",
                escape(group),
                escape(rule),
                escape(severity),
                severity_zh(severity),
            );
        }
        h.push_str("</table><h3>各文件、各项目的意见</h3>");
        // Grouped by file (the projects come in input order): a file's
        // projects are shown open once the file is, which it is when the
        // run has few files.
        let files: Vec<&str> = self.by_project.iter().map(|((f, _), _, _)| f.as_str()).collect();
        let mut distinct = files.clone();
        distinct.dedup();
        let open = if distinct.len() <= FILES_OPEN_UP_TO { " open" } else { "" };
        let mut i = 0;
        while i < self.by_project.len() {
            let file = files[i];
            let end = i + files[i..].iter().take_while(|f| **f == file).count();
            let group = &self.by_project[i..end];
            let total: usize = group.iter().map(|(_, _, n)| n).sum();
            let _ = write!(
                h,
                "<details{open}><summary><span class=\"input\">{}</span>（{} 个项目，{total} 条）</summary><div class=\"projects\">",
                escape(file),
                group.len(),
            );
            for ((_, project), list, n) in group {
                project_findings(h, project, list, *n);
            }
            h.push_str("</div></details>");
            i = end;
        }
    }

    /// The files that need a look first, then all files by status; a
    /// status no file has is left out.
    fn file_tables(&self, h: &mut String) {
        for (title, wanted) in [
            ("失败：未能转换", Status::Failed),
            ("部分读取：部分内容无法使用", Status::Partial),
            ("需复核：已转换，但有推测或存疑之处", Status::Review),
            ("正常", Status::Ok),
        ] {
            let lines: Vec<&FileLine> = self.files.iter().filter(|f| f.status == wanted).collect();
            if lines.is_empty() {
                continue;
            }
            let _ = write!(h, "<h2 id=\"{}\">{title}（{}）</h2>", wanted.as_str(), lines.len());
            h.push_str("<table><tr><th>文件</th><th>原因</th><th>指标数</th><th>提示数</th><th>耗时（毫秒）</th></tr>");
            for f in lines {
                let why = match &f.error {
                    Some(err) => escape(err),
                    None => f
                        .why
                        .iter()
                        .map(|c| format!("{} <code>{}</code>", escape(c.zh()), c.as_str()))
                        .collect::<Vec<_>>()
                        .join("<br>"),
                };
                let _ = write!(
                    h,
                    "<tr class=\"{}\"><td class=\"input\">{}</td><td>{why}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                    f.status.as_str(),
                    escape(&f.input),
                    f.indicators,
                    f.warnings,
                    f.millis
                );
            }
            h.push_str("</table>");
        }
    }

    /// Each file's rows to check: where, what, and why.
    fn doubtful_rows(&self, h: &mut String) {
        if self.doubtful.is_empty() {
            return;
        }
        let total: usize = self.doubtful.iter().map(|f| f.total).sum();
        let _ = write!(h, "<h2 id=\"rows\">需核对的指标行（{total} 行）</h2>");
        let open = if self.doubtful.len() <= OPEN_UP_TO { " open" } else { "" };
        for f in &self.doubtful {
            let _ = write!(
                h,
                "<details{open}><summary><span class=\"input\">{}</span>（{} 行）</summary><table><tr><th>位置</th><th>三级指标</th><th>指标值</th><th>疑点</th></tr>",
                escape(&f.input),
                f.total
            );
            for r in &f.rows {
                let doubts: Vec<String> = r
                    .doubts
                    .iter()
                    .map(|d| format!("{} <code>{}</code>", escape(d.code.zh()), d.code.as_str()))
                    .collect();
                let _ = write!(
                    h,
                    "<tr><td class=\"ref\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    escape(&place_zh(&r.source)),
                    escape(&r.level3),
                    escape(&r.target),
                    doubts.join("<br>")
                );
            }
            if f.rows.len() < f.total {
                let _ = write!(h, "<tr><td colspan=\"4\">其余 {} 行见该文件的 JSON</td></tr>", f.total - f.rows.len());
            }
            h.push_str("</table></details>");
        }
    }

    fn code_table(&self, h: &mut String) {
        if self.codes.is_empty() {
            return;
        }
        h.push_str("<h2>各类提示</h2><table><tr><th>提示</th><th>代码</th><th>次数</th><th>文件数</th></tr>");
        for (code, (n, files)) in &self.codes {
            let _ = write!(
                h,
                "<tr><td>{}</td><td><code>{}</code></td><td class=\"n\">{n}</td><td class=\"n\">{files}</td></tr>",
                escape(code.zh()),
                code.as_str()
            );
        }
        h.push_str("</table>");
    }

    fn unit_table(&self, h: &mut String) {
        if self.units.is_empty() {
            return;
        }
        h.push_str("<h2>预算单位</h2><table><tr><th>单位</th><th>项目数</th><th>指标数</th><th>预算（万元）</th></tr>");
        for (unit, (projects, indicators, yuan)) in &self.units {
            let _ = write!(
                h,
                "<tr><td>{}</td><td class=\"n\">{projects}</td><td class=\"n\">{indicators}</td><td class=\"n\">{:.2}</td></tr>",
                escape(if unit.is_empty() { "（未写单位名称）" } else { unit }),
                yuan / 10_000.0
            );
        }
        h.push_str("</table>");
    }

    fn repair_table(&self, h: &mut String) {
        if self.repairs.is_empty() {
            return;
        }
        h.push_str("<h2>自动修复</h2><table><tr><th>修复</th><th>代码</th><th>行数</th><th>每行降低置信度</th></tr>");
        for (kind, n) in &self.repairs {
            let cost = Repair::cost_of_kind(kind).map_or(String::new(), |c| format!("−{c:.2}"));
            let _ = write!(
                h,
                "<tr><td>{}</td><td><code>{}</code></td><td class=\"n\">{n}</td><td class=\"n\">{cost}</td></tr>",
                escape(Repair::kind_zh(kind)),
                escape(kind)
            );
        }
        h.push_str("</table>");
    }
}

/// One project's findings: its name and count, then a row each.
fn project_findings(h: &mut String, project: &str, list: &[PageFinding], n: usize) {
    let _ = write!(
        h,
        "<details open><summary>{}（{n} 条）</summary><table><tr><th>严重程度</th><th>规则</th><th>问题</th><th>审核意见</th><th>位置</th></tr>",
        escape(if project.is_empty() { "（未命名项目）" } else { project }),
    );
    for f in list {
        let _ = write!(
            h,
            "<tr><td class=\"sev-{}\">{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td class=\"ref\">{}</td></tr>",
            escape(&f.severity),
            severity_zh(&f.severity),
            escape(&f.rule),
            escape(&f.finding),
            escape(&f.opinion),
            escape(&f.source_ref),
        );
    }
    if list.len() < n {
        let _ = write!(h, "<tr><td colspan=\"5\">其余 {} 条见 review.csv</td></tr>", n - list.len());
    }
    h.push_str("</table></details>");
}

/// Where a row is, in words: 工作表「X」B7, 第 3 页, 第 88 行.
fn place_zh(source: &jixiao_model::SourceRef) -> String {
    match (&source.sheet, &source.cell, source.page, source.line) {
        (Some(sheet), Some(cell), _, _) => format!("工作表「{sheet}」{cell}"),
        (_, _, Some(page), _) => format!("第 {page} 页（{source}）"),
        (_, _, _, Some(line)) => format!("第 {line} 行（{source}）"),
        _ => source.to_string(),
    }
}

/// A byte count as people read it (`100 MiB`).
fn bytes_zh(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    let text = format!("{value:.1}");
    format!("{} {}", text.trim_end_matches(".0"), UNITS[unit])
}

/// An option of the run (`name=value`) in words and human units.
fn option_zh(option: &str) -> String {
    let Some((name, value)) = option.split_once('=') else { return option.to_string() };
    let yes_no = |v: &str| match v {
        "true" => "是".to_string(),
        "false" => "否".to_string(),
        other => other.to_string(),
    };
    let bytes = |v: &str| v.parse::<u64>().map_or(v.to_string(), bytes_zh);
    let (label, value) = match name {
        "formula_guard" => ("公式防护", yes_no(value)),
        "pretty_json" => ("JSON 缩进", yes_no(value)),
        "format" => ("表格格式", value.to_string()),
        "max_file_size" => ("单文件上限", bytes(value)),
        "max_unzipped" => ("解压后上限", bytes(value)),
        "max_memory_per_file" => ("单文件内存上限", bytes(value)),
        "max_cells" => ("单元格数上限", value.to_string()),
        "max_sheets" => ("工作表数上限", value.to_string()),
        "max_pages" => ("PDF 页数上限", value.to_string()),
        "max_depth" => ("嵌套深度上限", value.to_string()),
        "timeout_per_file" => ("单文件时限", format!("{value} 秒")),
        "csv_encoding" => ("CSV 编码", value.to_string()),
        "sync" => ("写盘同步", yes_no(value)),
        _ => return option.to_string(),
    };
    format!("{label} {value}")
}

/// A horizontal bar chart as inline SVG.
fn bars(h: &mut String, items: &[(String, usize, &str)]) {
    let max = items.iter().map(|i| i.1).max().unwrap_or(0).max(1);
    let height = 22 * items.len().max(1) + 4;
    let _ = write!(h, "<svg width=\"460\" height=\"{height}\" role=\"img\">");
    for (i, (label, n, class)) in items.iter().enumerate() {
        let y = 4 + 22 * i;
        let w = 260 * n / max;
        let _ = write!(
            h,
            "<text x=\"0\" y=\"{}\" class=\"label\">{}</text><rect x=\"150\" y=\"{y}\" width=\"{w}\" height=\"16\" class=\"{class}\"/>\
             <text x=\"{}\" y=\"{}\" class=\"count\">{n}</text>",
            y + 13,
            escape(label),
            156 + w,
            y + 13
        );
    }
    h.push_str("</svg>");
}

const CSS: &str = "body{font-family:'Noto Sans CJK SC','Noto Sans',sans-serif;margin:2em;color:#222}\
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em}table{border-collapse:collapse;font-size:.9em}\
td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}td.n{text-align:right}td.input,span.input{font-family:monospace}\
.summary{font-size:1.1em}.meta{color:#666;font-size:.85em}.charts{display:flex;gap:3em;flex-wrap:wrap}\
figure{margin:0}figcaption{font-weight:bold;margin-bottom:.4em}svg text{font-size:12px}\
rect.ok{fill:#4caf50}rect.review{fill:#ff9800}rect.partial{fill:#9c27b0}rect.failed{fill:#e53935}rect.bar{fill:#1e88e5}\
span.ok{color:#2e7d32}span.review{color:#e65100}span.partial{color:#6a1b9a}span.failed{color:#c62828}\
tr.failed td{background:#ffebee}tr.partial td{background:#f3e5f5}tr.review td{background:#fff3e0}\
code{font-size:.85em;color:#555}td.ref{font-family:monospace;font-size:.85em}details{margin:.3em 0}\
summary{cursor:pointer}div.projects{margin-left:1.2em}\
details table{width:100%}td code{white-space:nowrap}h3{font-size:1em}.sev-error{color:#c62828;font-weight:bold}.sev-warning{color:#e65100}.sev-info{color:#555}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_escaped_and_every_file_is_listed() {
        let mut page = HtmlReport::default();
        page.add(&FileReport::failed("<script>alert(1)</script>.txt", "file is empty"));
        let mut ok = FileReport::failed("good.txt", "");
        ok.status = Status::Ok;
        ok.error = None;
        page.add(&ok);
        let html = page.finish(&RunInfo::default());
        assert!(!html.contains("<script>") && html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("good.txt") && html.contains("file is empty"));
        assert!(html.contains("<svg"));
        // Sections with nothing in them are left out.
        assert!(html.contains("失败：未能转换（1）") && html.contains("正常（1）"), "{html}");
        for absent in ["部分读取：", "需复核：", "初审意见", "需核对的指标行", "预算单位", "自动修复"]
        {
            assert!(!html.contains(absent), "{absent} shown with nothing in it");
        }
    }

    #[test]
    fn findings_doubtful_rows_and_codes_are_shown_in_chinese() {
        let mut page = HtmlReport::default();
        let mut e = FileReport::failed("a.xlsx", "");
        e.status = Status::Review;
        e.error = None;
        e.review = vec![Code::ProjectCodeDropped];
        e.warning_counts.insert(Code::ProjectCodeDropped, 1);
        e.warning_counts.insert(Code::SeveralValues, 2);
        e.doubtful_rows = 2;
        let source =
            jixiao_model::SourceRef { sheet: Some("3.项目".into()), cell: Some("C12".into()), ..Default::default() };
        let doubt = jixiao_model::Diagnostic::new(Code::SeveralValues, "two values", None);
        e.rows_to_check = vec![crate::report::RowToCheck {
            level3: "培训人次".into(),
            target: "100人次，200人次".into(),
            doubts: vec![doubt],
            source,
        }];
        page.add(&e);
        let finding = |rule: &str, severity: &str| PageFinding {
            source_file: "a.xlsx".into(),
            project_name: "培训项目".into(),
            rule: rule.into(),
            group: "可测性".into(),
            severity: severity.into(),
            finding: "培训人次".into(),
            opinion: "请补充单位".into(),
            source_ref: "3.项目!C12".into(),
        };
        page.add_findings(vec![
            finding("no-unit", "warning"),
            finding("no-unit", "warning"),
            finding("empty-value", "error"),
        ]);
        let html = page.finish(&RunInfo::default());
        assert!(html.contains("初审意见（3 条）"), "{html}");
        assert!(
            html.contains("<td><code>no-unit</code></td><td class=\"sev-warning\">警告</td><td class=\"n\">2</td>"),
            "{html}"
        );
        assert!(html.contains("培训项目（3 条）") && html.contains("请补充单位"));
        assert!(html.contains("a.xlsx</span>（1 个项目，3 条）"), "grouped by file");
        assert!(html.contains(Code::ProjectCodeDropped.zh()) && html.contains("<code>project_code_dropped</code>"));
        assert!(html.contains("工作表「3.项目」C12") && html.contains(Code::SeveralValues.zh()));
        assert!(html.contains("需核对的指标行（2 行）") && html.contains("其余 1 行"));
        assert!(html.contains("各类提示"));
    }

    #[test]
    fn options_read_in_human_units() {
        assert_eq!(option_zh("max_file_size=104857600"), "单文件上限 100 MiB");
        assert_eq!(option_zh("max_memory_per_file=1610612736"), "单文件内存上限 1.5 GiB");
        assert_eq!(option_zh("timeout_per_file=120"), "单文件时限 120 秒");
        assert_eq!(option_zh("formula_guard=true"), "公式防护 是");
        assert_eq!(option_zh("something_new=3"), "something_new=3");
        let page = jixiao_model::SourceRef { page: Some(3), block: 2, row: 5, col: 1, ..Default::default() };
        assert!(place_zh(&page).starts_with("第 3 页"), "{}", place_zh(&page));
    }
}
