//! One file through extract → align → normalize, and a run over many.

use crate::inputs::{collect, output_json_path, Input};
use jixiao_emit::{
    indicator_rows, project_rows, write_csv, write_json, Counts, FileReport, RunReport, Status, INDICATOR_COLUMNS,
    PROJECT_COLUMNS,
};
use jixiao_extract::Limits;
use jixiao_model::record::DocumentRecord;
use jixiao_model::Severity;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::Instant;

/// What `jixiao convert` was asked to do.
#[derive(Debug, Clone)]
pub struct ConvertOptions {
    /// Files and directories to convert.
    pub inputs: Vec<PathBuf>,
    /// Output folder.
    pub out_dir: PathBuf,
    /// Extraction limits.
    pub limits: Limits,
    /// Neutralise CSV cells a spreadsheet would run as formulas.
    pub formula_guard: bool,
}

/// The result of a run: the report, and whether every file converted.
#[derive(Debug)]
pub struct RunOutcome {
    /// The report, as written to `report.json`.
    pub report: RunReport,
}

impl RunOutcome {
    /// 0 when every input converted, 1 when some failed.
    pub fn exit_code(&self) -> i32 {
        i32::from(self.report.failed > 0)
    }
}

/// The most legacy Word files converted per LibreOffice call: start-up
/// dominates a call, and a batch of this size still finishes well within
/// its time limit.
const LEGACY_BATCH: usize = 16;

/// Converts the legacy Word inputs (.doc/.wps) to .docx in batches, one
/// LibreOffice call per batch, batches in parallel. A file missing from a
/// batch's output (damaged, or the batch failed) is not in the map and gets
/// a call of its own later, so one bad file cannot sink its neighbours.
pub fn prepare_legacy(inputs: &[Input], limits: &Limits) -> HashMap<PathBuf, Vec<u8>> {
    if jixiao_extract::legacy::soffice().is_none() {
        return HashMap::new();
    }
    let legacy: Vec<(PathBuf, String, Vec<u8>)> = inputs
        .iter()
        .filter(|i| i.walk_error.is_none())
        .filter(|i| std::fs::metadata(&i.path).is_ok_and(|m| m.len() <= limits.max_file_bytes))
        // Only an OLE2 file can be legacy Word: read the rest of the inputs
        // once, later, not here.
        .filter(|i| starts_as_ole2(&i.path))
        .filter_map(|i| std::fs::read(&i.path).ok().map(|b| (i, b)))
        .filter(|(_, b)| jixiao_extract::is_legacy_word(b))
        .map(|(i, b)| {
            let ext = i.path.extension().and_then(|e| e.to_str()).unwrap_or("doc").to_string();
            (i.path.clone(), ext, b)
        })
        .collect();
    if legacy.len() < 2 {
        return HashMap::new(); // nothing to share a start-up with
    }
    // Enough batches to keep every worker busy, none larger than LEGACY_BATCH.
    let per_batch = legacy.len().div_ceil(rayon::current_num_threads().max(1)).clamp(1, LEGACY_BATCH);
    legacy
        .par_chunks(per_batch)
        .flat_map_iter(|batch| {
            let files: Vec<(&[u8], &str)> = batch.iter().map(|(_, e, b)| (b.as_slice(), e.as_str())).collect();
            let converted = jixiao_extract::legacy::convert_batch(&files, limits).unwrap_or_default();
            batch.iter().zip(converted).filter_map(|((p, _, _), docx)| docx.map(|d| (p.clone(), d))).collect::<Vec<_>>()
        })
        .collect()
}

/// True when the file begins with the OLE2 signature.
fn starts_as_ole2(path: &std::path::Path) -> bool {
    let mut head = [0u8; 8];
    std::fs::File::open(path).and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head)).is_ok()
        && jixiao_extract::sniff(&head) == jixiao_extract::Format::Cfb
}

/// Converts one file, with the .docx LibreOffice already made of it when it
/// is legacy Word. Never panics on bad input: every failure becomes the
/// report's `error`.
pub fn convert_one(
    input: &Input,
    limits: &Limits,
    converted_docx: Option<Vec<u8>>,
) -> (FileReport, Option<DocumentRecord>) {
    let started = Instant::now();
    let mut report = FileReport {
        input: input.relative.clone(),
        status: Status::Failed,
        format: None,
        encoding: None,
        output: None,
        counts: Counts::default(),
        warnings: Vec::new(),
        error: None,
        millis: 0,
    };
    if let Some(err) = &input.walk_error {
        report.error = Some(format!("cannot walk: {err}"));
        return (report, None);
    }
    // A watchdog per file: a file that takes longer than the limit is
    // reported as failed and the run goes on (its worker is abandoned, as
    // nothing can stop a thread from outside; it ends with the process).
    let (tx, rx) = std::sync::mpsc::channel();
    let (path, relative, worker_limits) = (input.path.clone(), input.relative.clone(), *limits);
    let spawned = std::thread::Builder::new().name(format!("convert {relative}")).spawn(move || {
        let result = std::panic::catch_unwind(|| {
            let doc = jixiao_extract::extract_prepared(&path, &worker_limits, converted_docx.as_deref())?;
            let aligned = jixiao_align::align(&doc);
            Ok::<_, jixiao_extract::ExtractError>(jixiao_normalize::normalize(&relative, &doc, &aligned))
        });
        // The receiver is gone only when the watchdog gave up on this file.
        let _ = tx.send(result);
    });
    if let Err(e) = spawned {
        report.error = Some(format!("cannot start a worker thread: {e}"));
        return (report, None);
    }
    let result = rx.recv_timeout(std::time::Duration::from_secs(limits.file_timeout_secs));
    report.millis = started.elapsed().as_millis() as u64;
    match result {
        Ok(Ok(Ok(record))) => {
            fill_report(&mut report, &record);
            (report, Some(record))
        }
        Ok(Ok(Err(err))) => {
            report.error = Some(err.to_string());
            (report, None)
        }
        Ok(Err(_)) | Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
            report.error =
                Some("internal error while converting this file (a bug: please report it with the file)".into());
            (report, None)
        }
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            report.error = Some(format!(
                "limit reached: converting took longer than {} s (--timeout-per-file)",
                limits.file_timeout_secs
            ));
            (report, None)
        }
    }
}

fn fill_report(report: &mut FileReport, record: &DocumentRecord) {
    report.format = Some(record.format.clone());
    report.encoding = record.encoding.clone();
    let projects = record.units.iter().flat_map(|u| &u.projects);
    report.counts = Counts {
        units: record.units.len(),
        projects: projects.clone().count(),
        indicators: projects.clone().map(|p| p.indicators.len()).sum(),
        skipped_rows: projects.map(|p| p.skipped.len()).sum(),
    };
    report.warnings = record.diagnostics.iter().map(|d| d.message.clone()).collect();
    let replaced = record
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Warning && d.message.contains("could not be decoded"));
    report.status = if report.counts.indicators == 0 {
        report.warnings.push("no indicator table found in this file".into());
        Status::Partial
    } else if replaced {
        Status::Partial
    } else {
        Status::Ok
    };
}

/// Runs a whole conversion and writes every output.
pub fn convert(opts: &ConvertOptions) -> std::io::Result<RunOutcome> {
    let inputs = collect(&opts.inputs);
    let mut prepared = prepare_legacy(&inputs, &opts.limits);
    let work: Vec<(&Input, Option<Vec<u8>>)> = inputs.iter().map(|i| (i, prepared.remove(&i.path))).collect();
    let results: Vec<(FileReport, Option<DocumentRecord>)> =
        work.into_par_iter().map(|(i, docx)| convert_one(i, &opts.limits, docx)).collect();
    let mut taken = HashSet::new();
    let mut files = Vec::with_capacity(results.len());
    let (mut indicators, mut projects) = (Vec::new(), Vec::new());
    for (mut report, record) in results {
        if let Some(record) = record {
            let rel = output_json_path(&report.input, &mut taken);
            match write_json(&opts.out_dir.join(&rel), &record) {
                Ok(()) => report.output = Some(rel),
                Err(e) => {
                    report.status = Status::Failed;
                    report.error = Some(format!("cannot write {rel}: {e}"));
                }
            }
            indicators.extend(indicator_rows(&record, opts.formula_guard));
            projects.extend(project_rows(&record, opts.formula_guard));
        }
        files.push(report);
    }
    write_csv(&opts.out_dir.join("indicators.csv"), INDICATOR_COLUMNS, &indicators)?;
    write_csv(&opts.out_dir.join("projects.csv"), PROJECT_COLUMNS, &projects)?;
    let count = |s: Status| files.iter().filter(|f| f.status == s).count();
    let report = RunReport {
        version: env!("CARGO_PKG_VERSION").into(),
        ok: count(Status::Ok),
        partial: count(Status::Partial),
        failed: count(Status::Failed),
        files,
    };
    write_json(&opts.out_dir.join("report.json"), &report)?;
    Ok(RunOutcome { report })
}
