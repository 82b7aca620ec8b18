//! `report.html`: the run report as one static page a person reads (no
//! server, no network, inline CSS and SVG): the summary, the files that
//! need a look first, then every file by status with its warnings and
//! error, totals per budget unit, the aligner's repairs with what they
//! cost in confidence, and bar charts of statuses and of indicators by
//! 一级指标. It is fed the report entries in input order, like the other
//! aggregates, and holds one short line per file.

use crate::report::{FileReport, RunInfo, Status};
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
    why: String,
    indicators: usize,
    warnings: usize,
    millis: u64,
}

/// The page under construction.
#[derive(Default)]
pub struct HtmlReport {
    files: Vec<FileLine>,
    statuses: BTreeMap<&'static str, usize>,
    units: BTreeMap<String, (usize, usize, f64)>,
    repairs: BTreeMap<String, usize>,
    level1: BTreeMap<String, usize>,
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
        let why = match (&e.error, e.review.is_empty()) {
            (Some(err), _) => err.clone(),
            (None, false) => e.review.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", "),
            (None, true) => String::new(),
        };
        self.files.push(FileLine {
            input: e.input.clone(),
            status: e.status,
            why,
            indicators: e.counts.indicators,
            warnings: e.warning_counts.values().sum(),
            millis: e.millis,
        });
    }

    /// The finished page.
    pub fn finish(&self, info: &RunInfo) -> String {
        let mut h = String::new();
        let _ = write!(
            h,
            "<!doctype html><html lang=\"zh\"><head><meta charset=\"utf-8\"><title>jixiao run report</title><style>{CSS}</style></head><body>"
        );
        self.summary(&mut h, info);
        self.charts(&mut h);
        self.file_tables(&mut h);
        self.unit_table(&mut h);
        self.repair_table(&mut h);
        h.push_str("</body></html>\n");
        h
    }

    fn summary(&self, h: &mut String, info: &RunInfo) {
        let n = |s: &str| self.statuses.get(s).copied().unwrap_or(0);
        let _ = write!(
            h,
            "<h1>jixiao run report</h1><p class=\"summary\"><b>{}</b> files: <span class=\"ok\">{} ok</span>, \
             <span class=\"review\">{} to review</span>, <span class=\"partial\">{} partial</span>, \
             <span class=\"failed\">{} failed</span> ({} reused). Started {}, finished {}, {:.1} s, {} workers.</p>\
             <p class=\"meta\">options: {} · fingerprint {} · inputs under {}</p>",
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
            escape(&info.options.join(", ")),
            escape(&info.fingerprint),
            escape(&info.base),
        );
    }

    fn charts(&self, h: &mut String) {
        let statuses: Vec<(String, usize, &str)> = ["ok", "review", "partial", "failed"]
            .iter()
            .map(|s| (s.to_string(), self.statuses.get(s).copied().unwrap_or(0), *s))
            .collect();
        h.push_str("<div class=\"charts\"><figure><figcaption>Files by status</figcaption>");
        bars(h, &statuses);
        h.push_str("</figure><figure><figcaption>Indicators by 一级指标</figcaption>");
        let level1: Vec<(String, usize, &str)> = self.level1.iter().map(|(k, n)| (k.clone(), *n, "bar")).collect();
        bars(h, &level1);
        h.push_str("</figure></div>");
    }

    /// The files that need a look first, then all files by status.
    fn file_tables(&self, h: &mut String) {
        for (title, wanted) in [
            ("Failed", Status::Failed),
            ("Partial: part of the input could not be used", Status::Partial),
            ("To review: converted, with guesses or doubtful values", Status::Review),
            ("OK", Status::Ok),
        ] {
            let lines: Vec<&FileLine> = self.files.iter().filter(|f| f.status == wanted).collect();
            let _ = write!(h, "<h2 id=\"{}\">{title} ({})</h2>", wanted.as_str(), lines.len());
            if lines.is_empty() {
                continue;
            }
            h.push_str("<table><tr><th>input</th><th>why</th><th>indicators</th><th>warnings</th><th>ms</th></tr>");
            for f in lines {
                let _ = write!(
                    h,
                    "<tr class=\"{}\"><td class=\"input\">{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                    f.status.as_str(),
                    escape(&f.input),
                    escape(&f.why),
                    f.indicators,
                    f.warnings,
                    f.millis
                );
            }
            h.push_str("</table>");
        }
    }

    fn unit_table(&self, h: &mut String) {
        h.push_str("<h2>Budget units</h2><table><tr><th>unit</th><th>projects</th><th>indicators</th><th>budget (万元)</th></tr>");
        for (unit, (projects, indicators, yuan)) in &self.units {
            let _ = write!(
                h,
                "<tr><td>{}</td><td class=\"n\">{projects}</td><td class=\"n\">{indicators}</td><td class=\"n\">{:.2}</td></tr>",
                escape(if unit.is_empty() { "(unnamed)" } else { unit }),
                yuan / 10_000.0
            );
        }
        h.push_str("</table>");
    }

    fn repair_table(&self, h: &mut String) {
        h.push_str("<h2>Repairs the aligner made</h2><table><tr><th>repair</th><th>rows</th><th>confidence cost each</th></tr>");
        for (kind, n) in &self.repairs {
            let cost = jixiao_model::aligned::Repair::cost_of_kind(kind).map_or(String::new(), |c| format!("−{c:.2}"));
            let _ = write!(h, "<tr><td>{}</td><td class=\"n\">{n}</td><td class=\"n\">{cost}</td></tr>", escape(kind));
        }
        h.push_str("</table>");
    }
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
td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}td.n{text-align:right}td.input{font-family:monospace}\
.summary{font-size:1.1em}.meta{color:#666;font-size:.85em}.charts{display:flex;gap:3em;flex-wrap:wrap}\
figure{margin:0}figcaption{font-weight:bold;margin-bottom:.4em}svg text{font-size:12px}\
rect.ok{fill:#4caf50}rect.review{fill:#ff9800}rect.partial{fill:#9c27b0}rect.failed{fill:#e53935}rect.bar{fill:#1e88e5}\
span.ok{color:#2e7d32}span.review{color:#e65100}span.partial{color:#6a1b9a}span.failed{color:#c62828}\
tr.failed td{background:#ffebee}tr.partial td{background:#f3e5f5}tr.review td{background:#fff3e0}";

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
    }
}
