//! The sinks: canonical JSON per input, two CSVs across inputs, and the run
//! report. Every file is written to a temporary file in the destination
//! folder and renamed into place, so a reader never sees half a file and a
//! crash never destroys the previous output.

mod csv_rows;
mod encoding;
mod fields;
mod html;
mod labels;
mod report;
mod workbook;

pub use csv_rows::{neutralize_formula, neutralize_formula_str};
pub use encoding::{CsvEncoding, Unmappable};
pub use html::{escape, HtmlReport, PageFinding};
pub use jixiao_columns::{indicator_rows, project_rows, INDICATOR_COLUMNS, PROJECT_COLUMNS};
pub use labels::{severity_zh, status_zh, value_zh};
pub use report::{
    report_columns, report_record, Counts, FileReport, ProjectFindings, ReviewSummary, RunInfo, RunReport, Status,
    UnitTotal, WorkerFailure,
};
pub use workbook::WorkbookSink;

use serde::Serialize;
use std::borrow::Cow;
use std::io::Write;
use std::path::Path;

/// When a written file must be on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// fsync before the rename: the file survives a power cut once this
    /// returns. For the few files a run ends with (CSVs, report).
    Now,
    /// Rename without fsync: the file is whole or absent after a crash of
    /// the process, and the caller makes it durable later in one batch
    /// (`syncfs`), or not at all in a run with `--no-sync`. For the
    /// one-per-input files on a run's hot path.
    Batched,
}

/// Writes `bytes` to `path` atomically (temporary file in `tmp_dir`, or in
/// the destination folder, then rename), creating parent folders. The
/// file's mode follows the umask, like any file a program creates.
pub fn write_atomic_in(
    path: &Path,
    bytes: &[u8],
    tmp_dir: Option<&Path>,
    durability: Durability,
) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    // Folders are made when the file cannot be placed without them, not
    // before every file: a run writes most of its files into folders
    // that already exist, and making sure cost two system calls a file.
    let missing = |e: &std::io::Error| e.kind() == std::io::ErrorKind::NotFound;
    let mut tmp = match temp_file_in(tmp_dir.unwrap_or(dir)) {
        Err(e) if missing(&e) => {
            std::fs::create_dir_all(dir)?;
            temp_file_in(tmp_dir.unwrap_or(dir))?
        }
        other => other?,
    };
    tmp.write_all(bytes)?;
    if durability == Durability::Now {
        tmp.as_file().sync_all()?;
    }
    match tmp.persist(path) {
        Err(e) if missing(&e.error) => {
            std::fs::create_dir_all(dir)?;
            e.file.persist(path).map_err(|e| e.error)?;
        }
        other => {
            other.map_err(|e| e.error)?;
        }
    }
    Ok(())
}

/// A temporary file in `dir` whose mode follows the umask. tempfile makes
/// 0600 files, and a rename keeps the mode: asking for 0666 and letting the
/// kernel apply the umask gives what `File::create` would, so a loader
/// running as another user can read the outputs.
pub fn temp_file_in(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    builder.tempfile_in(dir)
}

/// Writes `bytes` to `path` atomically and durably (fsync, then rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_in(path, bytes, None, Durability::Now)
}

/// `value` as JSON with a final newline: the bytes of a per-input JSON
/// file. Compact by default (pretty printing makes the canonical JSON about
/// 2.6 times larger); `pretty` for people reading it.
pub fn json_bytes<T: Serialize>(value: &T, pretty: bool) -> std::io::Result<Vec<u8>> {
    // A document's JSON is tens of KB: starting there spares the buffer a
    // dozen doublings and copies.
    let mut bytes = Vec::with_capacity(64 * 1024);
    if pretty { serde_json::to_writer_pretty(&mut bytes, value) } else { serde_json::to_writer(&mut bytes, value) }
        .map_err(std::io::Error::other)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The start of a CSV file, in UTF-8: the header row (the encoding's
/// preamble, a BOM for UTF-8 with BOM, is written before it by the run).
pub fn csv_head(columns: &[&str]) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    {
        let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(&mut buf);
        w.write_record(columns).map_err(std::io::Error::other)?;
        w.flush()?;
    }
    Ok(buf)
}

/// Rows as CSV records without a header. Records are independent, so the
/// bodies of several inputs concatenated after one [`csv_head`] are the
/// same bytes as one CSV written in one go.
///
/// The formula guard lives here, so that it covers every text cell of
/// every CSV by construction: with `formula_guard`, each field goes
/// through [`neutralize_formula`].
pub fn csv_body<T: Serialize>(rows: &[T], formula_guard: bool) -> std::io::Result<Vec<u8>> {
    // Each field is visited twice, without a copy: once for the longest
    // (see csv_records), once to write it.
    let mut longest = 0;
    for row in rows {
        fields::for_each_field(row, &mut |f| longest = longest.max(f.len())).map_err(std::io::Error::other)?;
    }
    let mut buf = Vec::new();
    {
        let mut w = csv_writer(&mut buf, longest);
        for row in rows {
            let mut failed = None;
            fields::for_each_field(row, &mut |f| {
                let f = if formula_guard { neutralize_formula_str(f) } else { Cow::Borrowed(f) };
                if let Err(e) = w.write_field(f.as_bytes()) {
                    failed.get_or_insert(e);
                }
            })
            .map_err(std::io::Error::other)?;
            if let Some(e) = failed {
                return Err(std::io::Error::other(e));
            }
            // An empty record ends the one written field by field.
            w.write_record(None::<&[u8]>).map_err(std::io::Error::other)?;
        }
        w.flush()?;
    }
    Ok(buf)
}

/// A CSV writer without a header whose buffer is larger than the longest
/// field: the csv crate scans a field again each time it refills its
/// buffer, so a 20 MB cell cost seconds with the default 8 KB.
fn csv_writer(buf: &mut Vec<u8>, longest: usize) -> csv::Writer<&mut Vec<u8>> {
    csv::WriterBuilder::new().has_headers(false).buffer_capacity((2 * longest + 16).max(8 * 1024)).from_writer(buf)
}

/// Rows as JSON lines (`--format jsonl`): one object per row, keyed by the
/// column names, text as written (no formula guard: JSON is never run).
pub fn jsonl_body<T: Serialize>(rows: &[T]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    for row in rows {
        serde_json::to_writer(&mut out, row).map_err(std::io::Error::other)?;
        out.push(b'\n');
    }
    Ok(out)
}

/// Records of text fields as CSV without a header, each field through
/// [`neutralize_formula`] with `formula_guard` (for rows whose columns are
/// not a fixed struct, such as report.csv's count per code).
pub fn csv_records(records: Vec<Vec<String>>, formula_guard: bool) -> std::io::Result<Vec<u8>> {
    let records: Vec<Vec<String>> = if formula_guard {
        records.into_iter().map(|cells| cells.into_iter().map(neutralize_formula).collect()).collect()
    } else {
        records
    };
    let longest = records.iter().flatten().map(String::len).max().unwrap_or(0);
    let mut buf = Vec::new();
    {
        let mut w = csv_writer(&mut buf, longest);
        for cells in &records {
            w.write_record(cells).map_err(std::io::Error::other)?;
        }
        w.flush()?;
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_whole_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a/b.json");
        write_atomic(&path, &json_bytes(&serde_json::json!({"x": 1}), true).expect("json")).expect("first");
        write_atomic(&path, &json_bytes(&serde_json::json!({"x": 2}), true).expect("json")).expect("second");
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains("\"x\": 2"));
        assert_eq!(json_bytes(&serde_json::json!({"x": 1}), false).expect("json"), b"{\"x\":1}\n");
        assert_eq!(
            std::fs::read_dir(path.parent().expect("parent")).expect("dir").count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn missing_folders_are_made_for_the_file_and_for_its_temporary() {
        let dir = tempfile::tempdir().expect("tempdir");
        let tmp = dir.path().join("tmp");
        std::fs::create_dir(&tmp).expect("tmp");
        // Temporary elsewhere: the rename finds the folder missing.
        let far = dir.path().join("json/x/y/a.json");
        write_atomic_in(&far, b"1", Some(&tmp), Durability::Batched).expect("made");
        // Temporary beside the file: its creation finds the folder missing.
        let near = dir.path().join("other/z/b.json");
        write_atomic_in(&near, b"2", None, Durability::Now).expect("made");
        assert_eq!(std::fs::read(&far).expect("read"), b"1");
        assert_eq!(std::fs::read(&near).expect("read"), b"2");
        assert_eq!(std::fs::read_dir(&tmp).expect("tmp").count(), 0, "no temporary file left");
        // A file where a folder should be is still an error.
        std::fs::write(dir.path().join("file"), "x").expect("write");
        assert!(write_atomic_in(&dir.path().join("file/c.json"), b"3", Some(&tmp), Durability::Batched).is_err());
    }
}
