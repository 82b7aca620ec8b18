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
use std::collections::HashSet;
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

/// Converts one file. Never panics on bad input: every failure becomes the
/// report's `error`.
pub fn convert_one(input: &Input, limits: &Limits) -> (FileReport, Option<DocumentRecord>) {
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
    let result = std::panic::catch_unwind(|| {
        let doc = jixiao_extract::extract(&input.path, limits)?;
        let aligned = jixiao_align::align(&doc);
        Ok::<_, jixiao_extract::ExtractError>(jixiao_normalize::normalize(&input.relative, &doc, &aligned))
    });
    report.millis = started.elapsed().as_millis() as u64;
    match result {
        Ok(Ok(record)) => {
            fill_report(&mut report, &record);
            (report, Some(record))
        }
        Ok(Err(err)) => {
            report.error = Some(err.to_string());
            (report, None)
        }
        Err(_) => {
            report.error =
                Some("internal error while converting this file (a bug: please report it with the file)".into());
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
    let results: Vec<(FileReport, Option<DocumentRecord>)> =
        inputs.par_iter().map(|i| convert_one(i, &opts.limits)).collect();
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
