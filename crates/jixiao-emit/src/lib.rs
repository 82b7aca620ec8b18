//! The sinks: canonical JSON per input, two CSVs across inputs, and the run
//! report. Every file is written to a temporary file in the destination
//! folder and renamed into place, so a reader never sees half a file and a
//! crash never destroys the previous output.

mod csv_rows;
mod report;

pub use csv_rows::{
    indicator_rows, neutralize_formula, project_rows, IndicatorRow, ProjectRow, INDICATOR_COLUMNS, PROJECT_COLUMNS,
};
pub use report::{Counts, FileReport, RunReport, Status};

use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically (temporary file + rename), creating
/// parent folders.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Serialises `value` as pretty JSON and writes it atomically.
pub fn write_json<T: Serialize>(path: &Path, value: &T) -> std::io::Result<()> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(std::io::Error::other)?;
    bytes.push(b'\n');
    write_atomic(path, &bytes)
}

/// Writes rows as CSV with a header row, UTF-8 with a BOM (so that
/// spreadsheet programs read the Chinese text right), atomically.
pub fn write_csv<T: Serialize>(path: &Path, columns: &[&str], rows: &[T]) -> std::io::Result<()> {
    let mut buf = Vec::from("\u{feff}".as_bytes());
    {
        let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(&mut buf);
        w.write_record(columns).map_err(std::io::Error::other)?;
        for row in rows {
            w.serialize(row).map_err(std::io::Error::other)?;
        }
        w.flush()?;
    }
    write_atomic(path, &buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_whole_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a/b.json");
        write_json(&path, &serde_json::json!({"x": 1})).expect("first");
        write_json(&path, &serde_json::json!({"x": 2})).expect("second");
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains("\"x\": 2"));
        assert_eq!(
            std::fs::read_dir(path.parent().expect("parent")).expect("dir").count(),
            1,
            "no temporary file left"
        );
    }
}
