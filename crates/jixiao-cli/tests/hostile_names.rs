//! File names as archives really hold them, through the real binary: a
//! name that is not UTF-8 (GBK bytes left by `unzip` of a Chinese Windows
//! zip) is read like any other, and two names never share one
//! `source_file`, in the CSVs, the report or a database.

#![cfg(unix)]

mod common;

use common::{csv_table, run_jixiao, samples};
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::time::Duration;

/// A sample whose table converts (43 indicators).
const SAMPLE: &str = "001_8fcafb6e0b91ba75.txt";

/// A watchdog only: a run that hangs fails the test instead of the suite.
const LIMIT: Duration = Duration::from_secs(240);

/// `jixiao ARGS…` under the watchdog; its exit status.
fn jixiao(args: &[&OsStr]) -> i32 {
    run_jixiao(args, LIMIT).0
}

/// One number a query on the SQLite file gives.
fn sqlite_count(path: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(path).expect("open").query_row(sql, [], |r| r.get(0)).expect(sql)
}

/// A folder holding a copy of [`SAMPLE`] under each of `names` (bytes).
fn inputs_named(names: &[&[u8]]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in names {
        std::fs::copy(samples().join(SAMPLE), dir.path().join(OsStr::from_bytes(name))).expect("copy");
    }
    dir
}

/// How many indicator rows `source_file` has in the run's indicators.csv.
fn rows_of(out: &Path) -> std::collections::BTreeMap<String, usize> {
    let mut rows = std::collections::BTreeMap::new();
    for row in csv_table(&out.join("indicators.csv")) {
        *rows.entry(row["source_file"].clone()).or_default() += 1;
    }
    rows
}

/// The report's `input` → `status`.
fn statuses(out: &Path) -> Vec<(String, String)> {
    let report = common::report(out);
    report.files.iter().map(|f| (f.input.clone(), f.status.as_str().to_string())).collect()
}

/// The rows of [`SAMPLE`] under its own name, for comparison.
fn sample_rows() -> usize {
    let out = tempfile::tempdir().expect("tempdir");
    let code = jixiao(&["convert".as_ref(), samples().join(SAMPLE).as_os_str(), "-o".as_ref(), out.path().as_os_str()]);
    assert!(code <= 1, "exit {code}");
    rows_of(out.path()).values().sum()
}

#[test]
fn a_name_that_is_not_utf8_is_read_and_named_by_its_bytes() {
    // 绩效.txt in GBK (its last two bytes happen to be UTF-8: Ч), and two
    // names that differ only in a byte that is not UTF-8 (a lossy
    // rendering made both "\u{fffd}.txt").
    let gbk: &[u8] = b"\xbc\xa8\xd0\xa7.txt";
    let inputs = inputs_named(&[gbk, b"\xff.txt", b"\xfe.txt"]);
    let out = tempfile::tempdir().expect("tempdir");
    let args: [&OsStr; 6] = [
        "convert".as_ref(),
        inputs.path().as_os_str(),
        "-o".as_ref(),
        out.path().as_os_str(),
        "--timeout-per-file".as_ref(),
        "60".as_ref(),
    ];
    let code = jixiao(&args);
    assert!(code <= 1, "exit {code}: {:?}", statuses(out.path()));
    let names: Vec<String> = statuses(out.path()).into_iter().map(|(name, _)| name).collect();
    assert_eq!(names, ["\\xBC\\xA8Ч.txt", "\\xFE.txt", "\\xFF.txt"]);
    for (name, status) in statuses(out.path()) {
        assert_ne!(status, "failed", "{name} is converted");
    }
    let per_file = sample_rows();
    let rows = rows_of(out.path());
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(rows.values().all(|&n| n == per_file), "every table whole: {rows:?}, {per_file} each");
}

#[test]
fn control_characters_and_their_escape_text_are_two_names() {
    let inputs = inputs_named(&[b"\tTAB.txt", b"\\u{9}TAB.txt", b"\nNL.txt", b"\\u{a}NL.txt"]);
    let out = tempfile::tempdir().expect("tempdir");
    let code = jixiao(&["convert".as_ref(), inputs.path().as_os_str(), "-o".as_ref(), out.path().as_os_str()]);
    assert!(code <= 1, "exit {code}");
    let mut names: Vec<String> = statuses(out.path()).into_iter().map(|(name, _)| name).collect();
    names.sort();
    assert_eq!(names, ["\\\\u{9}TAB.txt", "\\\\u{a}NL.txt", "\\u{9}TAB.txt", "\\u{a}NL.txt"]);
    let per_file = sample_rows();
    let rows = rows_of(out.path());
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert!(rows.values().all(|&n| n == per_file), "{rows:?}");

    // The database keeps all four documents and all their rows.
    let work = tempfile::tempdir().expect("tempdir");
    let sqlite = work.path().join("jixiao.sqlite");
    let code =
        jixiao(&["import".as_ref(), inputs.path().as_os_str(), "--db".as_ref(), sqlite.as_os_str(), "-q".as_ref()]);
    assert!(code <= 1, "exit {code}");
    assert_eq!(sqlite_count(&sqlite, "SELECT count(DISTINCT source) FROM documents"), 4);
    assert_eq!(sqlite_count(&sqlite, "SELECT count(*) FROM indicators"), 4 * per_file as i64);
    assert_eq!(sqlite_count(&sqlite, "SELECT count(*) FROM failures"), 0);
}
