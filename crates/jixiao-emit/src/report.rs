//! report.csv: the run report's entries as flat records (the report's
//! types are `jixiao_model::report`'s).

pub use jixiao_model::report::*;
use jixiao_model::Code;

/// The fixed columns of report.csv; a count column per diagnostic code and
/// per repair kind follows them (see [`report_columns`]).
const REPORT_FIXED: &[&str] = &[
    "input",
    "status",
    "review",
    "error",
    "format",
    "encoding",
    "units",
    "projects",
    "indicators",
    "skipped_rows",
    "warnings",
    "repairs",
    "millis",
    "bytes",
    "blake3",
    "reused",
    "worker_failure",
];

/// The columns of report.csv: one row per input, for people who filter in
/// a spreadsheet. After the fixed columns comes the count of every
/// diagnostic code (`budget_scale_uncertain` …), then of every repair kind
/// (`repair_reseated` …): a filter on a column finds the files of a kind.
pub fn report_columns() -> Vec<String> {
    let codes = Code::ALL.iter().map(|c| c.as_str().to_string());
    let repairs = jixiao_model::aligned::Repair::KINDS.iter().map(|k| format!("repair_{k}"));
    REPORT_FIXED.iter().map(|c| c.to_string()).chain(codes).chain(repairs).collect()
}

/// One entry as a report.csv record, in [`report_columns`] order.
pub fn report_record(r: &FileReport) -> Vec<String> {
    let opt = |v: Option<String>| v.unwrap_or_default();
    let failure = r.worker_failure.as_ref().map(|f| match f {
        WorkerFailure::Timeout { .. } => "timeout",
        WorkerFailure::OutOfMemory { .. } => "out_of_memory",
        WorkerFailure::Signal { .. } => "signal",
        WorkerFailure::Exited { .. } => "exited",
    });
    let mut out = vec![
        r.input.clone(),
        r.status.as_str().to_string(),
        r.review.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(" "),
        opt(r.error.clone()),
        opt(r.format.clone()),
        opt(r.encoding.clone()),
        r.counts.units.to_string(),
        r.counts.projects.to_string(),
        r.counts.indicators.to_string(),
        r.counts.skipped_rows.to_string(),
        r.warning_counts.values().sum::<usize>().to_string(),
        r.repair_counts.values().sum::<usize>().to_string(),
        r.millis.to_string(),
        opt(r.bytes.map(|b| b.to_string())),
        opt(r.blake3.clone()),
        r.reused.to_string(),
        failure.unwrap_or_default().to_string(),
    ];
    out.extend(Code::ALL.iter().map(|c| r.warning_counts.get(c).copied().unwrap_or(0).to_string()));
    out.extend(
        jixiao_model::aligned::Repair::KINDS.iter().map(|k| r.repair_counts.get(*k).copied().unwrap_or(0).to_string()),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_records_have_every_column() {
        let mut r = FileReport::failed("a.txt", "boom");
        r.warning_counts.insert(Code::BudgetScaleUncertain, 2);
        r.repair_counts.insert("rows_joined".into(), 3);
        let columns = report_columns();
        let record = report_record(&r);
        assert_eq!(columns.len(), record.len());
        let at = |name: &str| &record[columns.iter().position(|c| c == name).expect(name)];
        assert_eq!((at("input"), at("status"), at("error")), (&"a.txt".to_string(), &"failed".into(), &"boom".into()));
        assert_eq!(at("budget_scale_uncertain"), "2");
        assert_eq!(at("repair_rows_joined"), "3");
        assert_eq!(at("warnings"), "2");
    }
}
