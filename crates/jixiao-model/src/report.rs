//! The run report: one entry per input file, whatever happened to it.
//!
//! A file's status is decided on the [`Code`]s of its diagnostics (the
//! document's, its projects' and its rows'), never on their wording: see
//! [`FileReport::summarize`].

use crate::record::LOW_CONFIDENCE;
use crate::record::{DocumentRecord, IndicatorRecord};
use crate::{Code, Diagnostic, Effect, ROW_DOUBT_SHARE};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How converting one file went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Read, and indicators found; nothing needs a look.
    Ok,
    /// Converted, but a person should look: a guess (rows attached to a
    /// neighbouring project), a doubtful value (a budget's scale, a dropped
    /// code, a rate over 100%) or rows read with low confidence. `review`
    /// says which.
    Review,
    /// Read, but part of the input could not be used (no indicators,
    /// undecodable characters, an unreadable sheet).
    Partial,
    /// Not read; `error` says why.
    Failed,
}

impl Status {
    /// The status as written in the report.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Review => "review",
            Status::Partial => "partial",
            Status::Failed => "failed",
        }
    }
}

/// Counts of what was found in one file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Counts {
    /// Budget units.
    pub units: usize,
    /// Projects and department tables.
    pub projects: usize,
    /// Indicators emitted.
    pub indicators: usize,
    /// Rows recognised as not being indicators.
    pub skipped_rows: usize,
}

/// What one budget unit of a file holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct UnitTotal {
    /// 单位名称 (or its code, or empty).
    pub unit: String,
    /// Projects and department tables.
    pub projects: usize,
    /// Indicators.
    pub indicators: usize,
    /// The sum of its budgets in 元 (as read; see `budget_scale`).
    pub budget_yuan: f64,
}

/// The report entry of one input file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FileReport {
    /// Input path, relative to its root.
    pub input: String,
    /// ok, partial or failed.
    pub status: Status,
    /// Detected format.
    pub format: Option<String>,
    /// Detected encoding, for text.
    pub encoding: Option<String>,
    /// The JSON written for it, relative to the output folder.
    pub output: Option<String>,
    /// What was found.
    pub counts: Counts,
    /// The document's own diagnostics (projects' and rows' are in its
    /// JSON, and counted in `warning_counts`).
    pub warnings: Vec<Diagnostic>,
    /// Every diagnostic of the file (document, projects, rows) counted by
    /// code.
    #[serde(default)]
    pub warning_counts: BTreeMap<Code, usize>,
    /// The aligner's repairs counted by kind.
    #[serde(default)]
    pub repair_counts: BTreeMap<String, usize>,
    /// Why the file needs a look (status `review` or `partial`): the codes
    /// that decided it, in code order.
    #[serde(default)]
    pub review: Vec<Code>,
    /// Indicator rows with a doubt of their own (a value read one way of
    /// several, a date without a year, a low confidence): each is a row to
    /// check, and the file's status stays unless they are more than a
    /// quarter of its rows.
    #[serde(default)]
    pub doubtful_rows: usize,
    /// The first 100 of those rows: what, where, why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows_to_check: Vec<RowToCheck>,
    /// Indicators by 一级指标 (the official label, or as written).
    #[serde(default)]
    pub level1_counts: BTreeMap<String, usize>,
    /// Per budget unit: its projects, indicators and budget.
    #[serde(default)]
    pub unit_totals: Vec<UnitTotal>,
    /// Why it failed.
    pub error: Option<String>,
    /// Wall time spent on the file, in milliseconds.
    pub millis: u64,
    /// Size of the input in bytes, when it could be read.
    #[serde(default)]
    pub bytes: Option<u64>,
    /// BLAKE3 hash of the input's content (hex), when it could be read.
    #[serde(default)]
    pub blake3: Option<String>,
    /// True when an `--incremental` run took this entry and the outputs
    /// from an earlier run, because neither the input nor the options
    /// changed.
    #[serde(default)]
    pub reused: bool,
    /// Set when the worker process converting this file did not come back
    /// with a result: killed at the time limit, out of memory, crashed.
    #[serde(default)]
    pub worker_failure: Option<WorkerFailure>,
}

/// How many doubtful rows a file's entry lists (report.json and the report
/// page); `doubtful_rows` counts them all.
pub const ROWS_LISTED: usize = 100;

/// One indicator row a person should check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RowToCheck {
    /// The row's 三级指标, as read.
    pub level3: String,
    /// Its 指标值, as written.
    pub target: String,
    /// The doubts, each with its code and message.
    pub doubts: Vec<Diagnostic>,
    /// Where the row is (the indicator name's cell).
    pub source: crate::SourceRef,
}

impl FileReport {
    /// A failed entry for `input` with `error`, nothing else known.
    pub fn failed(input: impl Into<String>, error: impl Into<String>) -> Self {
        FileReport {
            input: input.into(),
            status: Status::Failed,
            format: None,
            encoding: None,
            output: None,
            counts: Counts::default(),
            warnings: Vec::new(),
            warning_counts: BTreeMap::new(),
            repair_counts: BTreeMap::new(),
            review: Vec::new(),
            doubtful_rows: 0,
            rows_to_check: Vec::new(),
            level1_counts: BTreeMap::new(),
            unit_totals: Vec::new(),
            error: Some(error.into()),
            millis: 0,
            bytes: None,
            blake3: None,
            reused: false,
            worker_failure: None,
        }
    }
}

impl FileReport {
    /// Fills the entry from a converted document: its format, counts and
    /// document diagnostics, every diagnostic and repair counted, and the
    /// status the codes decide (the worst [`Effect`] among them).
    pub fn summarize(&mut self, record: &DocumentRecord) {
        self.format = Some(record.format.clone());
        self.encoding = record.encoding.clone();
        let projects = || record.units.iter().flat_map(|u| &u.projects);
        let rows = || projects().flat_map(|p| &p.indicators);
        self.counts = Counts {
            units: record.units.len(),
            projects: projects().count(),
            indicators: rows().count(),
            skipped_rows: projects().map(|p| p.skipped.len()).sum(),
        };
        self.warnings = record.diagnostics.clone();
        self.level1_counts.clear();
        for row in rows() {
            *self.level1_counts.entry(row.level1.label.clone()).or_default() += 1;
        }
        self.unit_totals = record
            .units
            .iter()
            .map(|u| UnitTotal {
                unit: u.name.clone().or_else(|| u.code.clone()).unwrap_or_default(),
                projects: u.projects.len(),
                indicators: u.projects.iter().map(|p| p.indicators.len()).sum(),
                budget_yuan: u.projects.iter().filter_map(|p| p.budget_yuan.as_deref()?.parse::<f64>().ok()).sum(),
            })
            .collect();
        let all = record
            .diagnostics
            .iter()
            .chain(projects().flat_map(|p| &p.warnings))
            .chain(rows().flat_map(|r| &r.warnings));
        self.warning_counts.clear();
        for d in all {
            *self.warning_counts.entry(d.code).or_default() += 1;
        }
        self.repair_counts.clear();
        for repair in rows().flat_map(|r| &r.repairs) {
            *self.repair_counts.entry(repair.kind().to_string()).or_default() += 1;
        }
        self.list_doubtful_rows(rows());
        // Row doubts are a file's doubt only when they are many.
        let many = self.doubtful_rows as f64 > ROW_DOUBT_SHARE * self.counts.indicators as f64;
        let floor = if many { Effect::Row } else { Effect::Review };
        self.review = self.warning_counts.keys().copied().filter(|c| c.effect() >= floor).collect();
        self.status = match self.review.iter().map(|c| c.effect()).max() {
            Some(Effect::Partial) => Status::Partial,
            Some(Effect::Review | Effect::Row) => Status::Review,
            _ => Status::Ok,
        };
    }

    /// Counts the rows with a doubt of their own and lists the first
    /// [`ROWS_LISTED`].
    fn list_doubtful_rows<'a>(&mut self, rows: impl Iterator<Item = &'a IndicatorRecord>) {
        self.doubtful_rows = 0;
        self.rows_to_check.clear();
        for row in rows {
            let mut doubts: Vec<Diagnostic> =
                row.warnings.iter().filter(|w| w.code.effect() == Effect::Row).cloned().collect();
            if row.confidence < LOW_CONFIDENCE {
                let repairs: Vec<String> = row.repairs.iter().map(|r| r.kind().to_string()).collect();
                let message = format!("confidence {:.2} after repairs: {}", row.confidence, repairs.join(", "));
                doubts.push(Diagnostic::new(Code::LowConfidenceRows, message, Some(row.source.clone())));
            }
            if doubts.is_empty() {
                continue;
            }
            self.doubtful_rows += 1;
            if self.rows_to_check.len() < ROWS_LISTED {
                let text = |t: &Option<crate::aligned::Traced>| t.as_ref().map(|t| t.text.clone()).unwrap_or_default();
                self.rows_to_check.push(RowToCheck {
                    level3: text(&row.level3),
                    target: text(&row.target),
                    doubts,
                    source: row.source.clone(),
                });
            }
        }
    }
}

/// How a worker process failed to return a file's result. The file fails
/// alone; the worker is replaced and the run goes on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WorkerFailure {
    /// Killed by the supervisor at `--timeout-per-file`.
    Timeout {
        /// The limit, in seconds.
        seconds: u64,
    },
    /// An allocation failed under `--max-memory-per-file`.
    OutOfMemory {
        /// The limit, in bytes.
        limit_bytes: u64,
    },
    /// Ended by a signal it did not handle (SIGSEGV for a stack overflow,
    /// SIGKILL from the system's out-of-memory killer, …).
    Signal {
        /// The signal number.
        signal: i32,
    },
    /// Exited on its own without answering.
    Exited {
        /// The exit status, when there was one.
        code: Option<i32>,
    },
}

/// The report of a whole run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RunReport {
    /// jixiao's version.
    pub version: String,
    /// Files in the order they were found.
    pub files: Vec<FileReport>,
    /// Files that converted without problems.
    pub ok: usize,
    /// Files converted with something a person should look at.
    #[serde(default)]
    pub review: usize,
    /// Files read with problems.
    pub partial: usize,
    /// Files that could not be read.
    pub failed: usize,
    /// How the run went: when, how, with what.
    #[serde(default)]
    pub run: Option<RunInfo>,
    /// The review's counts, when the run reviewed (`jixiao review`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub findings: Option<ReviewSummary>,
}

/// The review's counts in report.json: findings by rule and by project
/// (review.csv has every finding).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ReviewSummary {
    /// Findings in all.
    pub total: usize,
    /// Findings by rule id.
    pub by_rule: BTreeMap<String, usize>,
    /// Projects with findings, in input order.
    pub by_project: Vec<ProjectFindings>,
}

/// One project's count of findings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ProjectFindings {
    /// The input.
    pub source_file: String,
    /// The project's key.
    pub project_key: String,
    /// 项目名称.
    pub project_name: String,
    /// Its findings.
    pub findings: usize,
}

impl ReviewSummary {
    /// Counts one finding (findings come project by project).
    pub fn add(&mut self, source_file: &str, project_key: &str, project_name: &str, rule: &str) {
        self.total += 1;
        *self.by_rule.entry(rule.to_string()).or_default() += 1;
        match self.by_project.last_mut() {
            Some(p) if p.source_file == source_file && p.project_key == project_key => p.findings += 1,
            _ => self.by_project.push(ProjectFindings {
                source_file: source_file.into(),
                project_key: project_key.into(),
                project_name: project_name.into(),
                findings: 1,
            }),
        }
    }
}

/// When and how a run was made, beside its per-file entries.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RunInfo {
    /// Start, RFC 3339 (UTC).
    pub started: String,
    /// End, RFC 3339 (UTC).
    pub finished: String,
    /// Wall time of the whole run, in milliseconds.
    pub millis: u64,
    /// The options that change outputs, as `name=value` pairs.
    pub options: Vec<String>,
    /// Hash of jixiao's build and those options: an `--incremental` run
    /// reuses an earlier result only when it is the same.
    pub fingerprint: String,
    /// The folder every `source_file` is relative to: `--root`, or the
    /// deepest folder holding every input.
    #[serde(default)]
    pub base: String,
    /// Worker processes.
    pub jobs: usize,
    /// `K/N` when the run took one shard of its inputs.
    pub shard: Option<String>,
    /// Inputs found before sharding.
    pub inputs_found: usize,
    /// Entries reused from an earlier run (`--incremental`).
    pub reused: usize,
    /// Files whose worker was killed or died.
    pub killed: usize,
    /// Peak resident memory of the supervisor process, in bytes.
    pub peak_rss_supervisor: Option<u64>,
    /// Highest peak resident memory of any worker process that lived to the end of the run, in bytes (a worker that died is in the report by its death).
    pub peak_rss_worker: Option<u64>,
}
