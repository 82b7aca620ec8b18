//! The end of a run: the fragments, read in input order, become the
//! aggregates (`indicators` and `projects` as CSV or JSON lines,
//! `report.json`, `report.csv`), all written to temporary files, made
//! durable at once and renamed into place. Sinks that need the whole run
//! (the report page, the workbook) plug in here, fed the same entries in
//! the same order, so they never loop over the inputs themselves.

use crate::evaluations::{Evaluations, EVALUATION_COLUMNS};
use crate::{database::DbSink, fragment, worker, Layout, Origin, Plan, Results, RunError, RunOutcome, Status};
use jixiao_emit::{CsvEncoding, FileReport, RunInfo, INDICATOR_COLUMNS, PROJECT_COLUMNS};
use std::io::{BufWriter, Write};
use std::time::{Instant, SystemTime};

/// How the tables of a run are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableFormat {
    /// `indicators.csv` and `projects.csv`.
    #[default]
    Csv,
    /// `indicators.jsonl` and `projects.jsonl`, one JSON object a row.
    Jsonl,
}

impl TableFormat {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            TableFormat::Csv => "csv",
            TableFormat::Jsonl => "jsonl",
        }
    }
}

impl std::str::FromStr for TableFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "csv" => Ok(TableFormat::Csv),
            "jsonl" => Ok(TableFormat::Jsonl),
            other => Err(format!("{other:?} is not a format: csv or jsonl")),
        }
    }
}

/// What the assembled outputs look like.
#[derive(Debug, Clone)]
pub struct Outputs {
    /// Where to write the analyst's workbook, if anywhere (`--xlsx`).
    pub xlsx: Option<std::path::PathBuf>,
    /// The rules to review every project with (`jixiao review`): writes
    /// review.csv, counts in report.json and a 审核意见 sheet.
    pub review: Option<std::sync::Arc<jixiao_review::RuleSet>>,
    /// CSV or JSON lines for the two tables.
    pub format: TableFormat,
    /// The encoding of every CSV (the tables and report.csv).
    pub encoding: CsvEncoding,
    /// Neutralise CSV cells a spreadsheet would run as formulas.
    pub formula_guard: bool,
    /// Write the indicator and project tables (`jixiao import` writes the
    /// database instead: inputs it skips have no rows here).
    pub tables: bool,
    /// Import every input into this database (`jixiao import --db`): a
    /// SQLite file's path or a `postgres://` URL.
    pub database: Option<String>,
    /// Make every output durable before the run ends (a `syncfs` while the
    /// workers convert and one at the end, an fsync of each aggregate), so
    /// that a power cut after the run loses nothing. `--no-sync` turns it
    /// off, as `pg_dump --no-sync` does: outputs are still renamed into
    /// place whole (a killed run leaves the previous ones), but an
    /// operating-system crash soon after the run can leave files empty.
    /// `jixiao import` into a folder of its own, removed at the end, never
    /// syncs: the database's commit is what lasts.
    pub sync: bool,
}

/// One aggregate under construction: a temporary file, the rows written.
struct Sink {
    file: BufWriter<tempfile::NamedTempFile>,
    name: String,
    rows: usize,
    encoding: Option<CsvEncoding>,
}

impl Sink {
    fn new(layout: &Layout, name: String, encoding: Option<CsvEncoding>) -> std::io::Result<Sink> {
        let mut file = BufWriter::new(jixiao_emit::temp_file_in(&layout.tmp)?);
        file.write_all(encoding.map_or(&b""[..], CsvEncoding::preamble))?;
        Ok(Sink { file, name, rows: 0, encoding })
    }

    /// Writes UTF-8 `body` (whole rows) in the sink's encoding; a character
    /// the encoding cannot hold fails the run naming the row and the input.
    fn write_rows(&mut self, body: &[u8], input: &str) -> Result<(), RunError> {
        // UTF-8 holds everything: only other encodings count rows, to name one.
        let bytes = match self.encoding {
            None | Some(CsvEncoding::Utf8 | CsvEncoding::Utf8Bom) => std::borrow::Cow::Borrowed(body),
            Some(encoding) => std::borrow::Cow::Owned(self.encode(encoding, body, input)?),
        };
        self.file.write_all(&bytes).map_err(|e| RunError::Output { path: self.name.clone().into(), source: e })
    }

    /// `body` in `encoding`, counting its rows; a character the encoding
    /// cannot hold is an error naming the record it stands in.
    fn encode(&mut self, encoding: CsvEncoding, body: &[u8], input: &str) -> Result<Vec<u8>, RunError> {
        let text = String::from_utf8_lossy(body);
        let row_of = |offset: usize| {
            // The record the character stands in: a partial one counts.
            let before = &text.as_bytes()[..offset];
            let at_start = before.is_empty() || before.ends_with(b"\n");
            self.rows + records_in(before) + usize::from(at_start)
        };
        let encoded = encoding.encode(&text).map_err(|u| RunError::Unencodable {
            file: self.name.clone(),
            row: row_of(u.offset),
            input: input.to_string(),
            character: u.character,
            encoding: encoding.as_str(),
        })?;
        let encoded = encoded.into_owned();
        self.rows += records_in(text.as_bytes());
        Ok(encoded)
    }

    /// The header row: written, not counted.
    fn write_head(&mut self, head: &[u8]) -> Result<(), RunError> {
        self.write_rows(head, "")?;
        self.rows = 0;
        Ok(())
    }

    /// The written file (flushed, not yet synced: the run syncs its
    /// aggregates together, when it syncs at all).
    fn finish(self) -> std::io::Result<(tempfile::NamedTempFile, String)> {
        let file = self.file.into_inner().map_err(|e| e.into_error())?;
        Ok((file, self.name))
    }
}

/// Whole CSV records in `bytes` (a partial last one counts): quoted
/// fields may hold line breaks, so lines are not rows.
fn records_in(bytes: &[u8]) -> usize {
    csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes).byte_records().count()
}

/// The assembled outputs: temporary files (not yet synced) with their names in
/// the output folder, and the workbook to save, when one was asked for.
pub(crate) struct Assembled {
    pub files: Vec<(tempfile::NamedTempFile, String)>,
    pub workbook: Option<jixiao_emit::WorkbookSink>,
}

fn xlsx_error(path: &std::path::Path) -> impl Fn(rust_xlsxwriter::XlsxError) -> RunError + '_ {
    move |e| RunError::Output { path: path.to_path_buf(), source: std::io::Error::other(e.to_string()) }
}

/// Writes every aggregate in input order, counting into `outcome`, and
/// imports every input into the database when there is one.
#[allow(clippy::too_many_arguments, clippy::too_many_lines)]
pub(crate) fn assemble(
    plans: &[Plan],
    results: &mut Results,
    layout: &Layout,
    outputs: &Outputs,
    info: &mut RunInfo,
    started: Instant,
    outcome: &mut RunOutcome,
    mut database: Option<&mut DbSink>,
) -> Result<Assembled, RunError> {
    let io = |e: std::io::Error| RunError::Output { path: layout.tmp.clone(), source: e };
    let csv = (outputs.format == TableFormat::Csv).then_some(outputs.encoding);
    let ext = outputs.format.extension();
    // The two tables, unless the run writes a database instead.
    let mut tables = if outputs.tables {
        Some([
            Sink::new(layout, format!("indicators.{ext}"), csv).map_err(io)?,
            Sink::new(layout, format!("projects.{ext}"), csv).map_err(io)?,
        ])
    } else {
        None
    };
    let mut report_csv = Sink::new(layout, "report.csv".into(), Some(outputs.encoding)).map_err(io)?;
    let mut report = Sink::new(layout, "report.json".into(), None).map_err(io)?;
    if let (Some([indicators, projects]), TableFormat::Csv) = (&mut tables, outputs.format) {
        indicators.write_head(&jixiao_emit::csv_head(&INDICATOR_COLUMNS).map_err(io)?)?;
        projects.write_head(&jixiao_emit::csv_head(&PROJECT_COLUMNS).map_err(io)?)?;
    }
    let report_columns = jixiao_emit::report_columns();
    let head = jixiao_emit::csv_head(&report_columns.iter().map(String::as_str).collect::<Vec<_>>()).map_err(io)?;
    report_csv.write_head(&head)?;
    let mut page = jixiao_emit::HtmlReport::default();
    if outputs.review.is_some() {
        // A review run has its 初审 section, even with no finding.
        page.add_findings(Vec::new());
    }
    let review_columns = outputs.review.as_ref().map(|_| jixiao_review::REVIEW_COLUMNS);
    let mut workbook = match &outputs.xlsx {
        Some(path) => Some(jixiao_emit::WorkbookSink::new(&layout.tmp, review_columns).map_err(xlsx_error(path))?),
        None => None,
    };
    let mut review = match &outputs.review {
        Some(rules) => {
            let mut sink = Sink::new(layout, "review.csv".into(), Some(outputs.encoding)).map_err(io)?;
            sink.write_head(&jixiao_emit::csv_head(jixiao_review::REVIEW_COLUMNS).map_err(io)?)?;
            Some((rules, sink, jixiao_emit::ReviewSummary::default()))
        }
        None => None,
    };
    let version = serde_json::json!(env!("CARGO_PKG_VERSION"));
    report.write_head(format!("{{\"version\":{version},\"files\":[").as_bytes())?;
    let mut logs = fragment::Logs::new(&layout.fragments);
    let mut evaluations = Evaluations::default();
    for (n, plan) in plans.iter().enumerate() {
        // Waits for this input while the workers convert those after it.
        let Some((origin, location)) = results.get(n) else {
            return Err(RunError::Output {
                path: layout.fragments.clone(),
                source: std::io::Error::other("the conversion stopped before every input was done"),
            });
        };
        let fragment = match (origin, database.as_deref_mut()) {
            (Origin::Database, Some(db)) => Ok((db.stored_entry(&plan.input.relative)?, &[][..], &[][..])),
            _ => match location {
                Some(location) => logs.read(location).map(|(head, ind, proj)| (head.report, ind, proj)),
                None => Err(std::io::Error::other("its fragment could not be written")),
            },
        };
        let (entry, ind, proj) = match fragment {
            Ok((report, ind, proj)) => (FileReport { reused: origin != Origin::Converted, ..report }, ind, proj),
            Err(e) => {
                (FileReport::failed(plan.input.relative.clone(), format!("its result was lost: {e}")), &[][..], &[][..])
            }
        };
        tally(outcome, &entry);
        page.add(&entry);
        let needs_record = workbook.is_some() || review.is_some() || database.is_some();
        let record = match (&entry.output, needs_record && origin != Origin::Database) {
            (Some(json), true) => Some(read_record(&layout.out, json).map_err(io)?),
            _ => None,
        };
        if let Some(db) = database.as_deref_mut() {
            db.add(&entry, record.as_ref(), origin)?;
        }
        let findings = match (&mut review, &record) {
            (Some((rules, sink, counts)), Some(record)) => {
                let findings = jixiao_review::review(record, rules);
                for f in &findings {
                    counts.add(&f.source_file, &f.project_key, &f.project_name, &f.rule);
                }
                sink.write_rows(&jixiao_emit::csv_body(&findings, outputs.formula_guard).map_err(io)?, &entry.input)?;
                page.add_findings(findings.iter().map(page_finding).collect());
                findings
            }
            _ => Vec::new(),
        };
        if let (Some(book), Some(path)) = (workbook.as_mut(), &outputs.xlsx) {
            add_to_workbook(book, record.as_ref(), &entry, &findings).map_err(xlsx_error(path))?;
        }
        if let Some([indicators, projects]) = &mut tables {
            indicators.write_rows(ind, &entry.input)?;
            projects.write_rows(proj, &entry.input)?;
            evaluations.add(ind);
        }
        let mut json = Vec::from(if n == 0 { &b"\n"[..] } else { &b",\n"[..] });
        serde_json::to_writer(&mut json, &entry).map_err(|e| io(e.into()))?;
        report.write_rows(&json, &entry.input)?;
        let row = jixiao_emit::csv_records(vec![jixiao_emit::report_record(&entry)], outputs.formula_guard);
        report_csv.write_rows(&row.map_err(io)?, &entry.input)?;
    }
    info.peak_rss_worker = results.peak_rss_worker;
    info.reused = outcome.reused;
    info.killed = outcome.killed;
    info.peak_rss_supervisor = worker::peak_rss();
    info.finished = humantime::format_rfc3339_seconds(SystemTime::now()).to_string();
    info.millis = started.elapsed().as_millis() as u64;
    let mut tail = serde_json::json!({
        "ok": outcome.ok,
        "review": outcome.review,
        "partial": outcome.partial,
        "failed": outcome.failed,
        "run": info
    });
    if let Some((_, _, counts)) = &review {
        tail["findings"] = serde_json::to_value(counts).map_err(|e| io(e.into()))?;
    }
    let tail = serde_json::to_string(&tail).map_err(|e| io(e.into()))?;
    // `tail` is an object: splice its members after the files array.
    report.write_rows(format!("\n],{}\n", &tail[1..]).as_bytes(), "")?;
    let mut html = Sink::new(layout, "report.html".into(), None).map_err(io)?;
    html.write_rows(page.finish(info).as_bytes(), "")?;
    // The tables are renamed into place before the report that describes them.
    let mut sinks: Vec<Sink> = tables.into_iter().flatten().collect();
    sinks.extend(evaluations_sink(evaluations, plans.len(), results, &mut logs, layout, outputs, workbook.as_mut())?);
    sinks.extend([report, report_csv, html]);
    sinks.extend(review.map(|(_, sink, _)| sink));
    let files = sinks.into_iter().map(|s| s.finish().map_err(io));
    Ok(Assembled { files: files.collect::<Result<_, _>>()?, workbook })
}

/// `evaluations.csv` (and the workbook's 目标完成 sheet), when the run
/// printed results: a second pass over the fragments indexes the targets
/// they answer (see [`Evaluations`]).
fn evaluations_sink(
    mut evaluations: Evaluations,
    inputs: usize,
    results: &mut Results,
    logs: &mut fragment::Logs,
    layout: &Layout,
    outputs: &Outputs,
    workbook: Option<&mut jixiao_emit::WorkbookSink>,
) -> Result<Option<Sink>, RunError> {
    if evaluations.is_empty() {
        return Ok(None);
    }
    let io = |e: std::io::Error| RunError::Output { path: layout.tmp.clone(), source: e };
    for n in 0..inputs {
        if let Some((_, Some(location))) = results.get(n) {
            let location = location.clone();
            if let Ok((_, ind, _)) = logs.read(&location) {
                evaluations.index_targets(ind);
            }
        }
    }
    let mut sink = Sink::new(layout, "evaluations.csv".into(), Some(outputs.encoding)).map_err(io)?;
    sink.write_head(&jixiao_emit::csv_head(EVALUATION_COLUMNS).map_err(io)?)?;
    let rows = evaluations.rows();
    if let (Some(book), Some(path)) = (workbook, &outputs.xlsx) {
        book.add_evaluations(EVALUATION_COLUMNS, &rows).map_err(xlsx_error(path))?;
    }
    sink.write_rows(&jixiao_emit::csv_records(rows, outputs.formula_guard).map_err(io)?, "")?;
    Ok(Some(sink))
}

/// An input's canonical JSON, read back (its typed values: the fragments'
/// rows are text).
fn read_record(out: &std::path::Path, json: &str) -> std::io::Result<jixiao_model::record::DocumentRecord> {
    let text = std::fs::read_to_string(out.join(json))?;
    serde_json::from_str(&text).map_err(|e| std::io::Error::other(format!("{json}: {e}")))
}

/// A finding as report.html shows it.
fn page_finding(f: &jixiao_review::Finding) -> jixiao_emit::PageFinding {
    jixiao_emit::PageFinding {
        source_file: f.source_file.clone(),
        project_name: f.project_name.clone(),
        rule: f.rule.clone(),
        group: f.group.clone(),
        severity: f.severity.clone(),
        finding: f.finding.clone(),
        opinion: f.opinion.clone(),
        source_ref: f.source_ref.clone(),
    }
}

/// An input's rows, report entry and findings, in the workbook.
fn add_to_workbook(
    book: &mut jixiao_emit::WorkbookSink,
    record: Option<&jixiao_model::record::DocumentRecord>,
    entry: &FileReport,
    findings: &[jixiao_review::Finding],
) -> Result<(), rust_xlsxwriter::XlsxError> {
    if let Some(record) = record {
        book.add_document(record)?;
    }
    for f in findings {
        book.add_review(f)?;
    }
    book.add_report(entry)
}

/// How many of the slowest files the outcome names.
const SLOWEST: usize = 5;

pub(crate) fn keep_slowest(files: &mut Vec<(String, u64)>) {
    files.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    files.truncate(SLOWEST);
}

/// Counts one entry into the outcome.
fn tally(outcome: &mut RunOutcome, report: &FileReport) {
    match report.status {
        Status::Ok => outcome.ok += 1,
        Status::Review => outcome.review += 1,
        Status::Partial => outcome.partial += 1,
        Status::Failed => {
            outcome.failed += 1;
            if outcome.failures.len() < crate::LISTED {
                outcome.failures.push(report.clone());
            }
        }
    }
    if matches!(report.status, Status::Review | Status::Partial) && outcome.looks.len() < crate::LISTED {
        outcome.looks.push((report.input.clone(), report.status, report.review.clone()));
    }
    outcome.reused += usize::from(report.reused);
    outcome.killed += usize::from(report.worker_failure.is_some());
    outcome.indicators += report.counts.indicators;
    if !report.reused {
        outcome.slowest.push((report.input.clone(), report.millis));
        if outcome.slowest.len() > SLOWEST * 4 {
            keep_slowest(&mut outcome.slowest);
        }
    }
}
