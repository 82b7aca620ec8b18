//! Helpers shared by the end-to-end tests: paths of the repository's
//! samples and gold, and a scorer with the same matching rules as the
//! project's score.py (per-file multiset of owner, level1, level2, level3,
//! target after NFKC and white-space removal; placeholder rows dropped).

#![allow(dead_code)]

use jixiao_emit::RunReport;
use jixiao_extract::Limits;
use jixiao_run::{ProgressMode, RunOptions, RunOutcome, WorkerCommand};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn samples() -> PathBuf {
    repo_root().join("samples")
}

pub fn gold_dir() -> PathBuf {
    repo_root().join("tests/gold")
}

/// The options of a run of the jixiao binary built for these tests.
pub fn run_options(inputs: Vec<PathBuf>, out: &Path) -> RunOptions {
    RunOptions {
        inputs,
        root: None,
        out_dir: out.to_path_buf(),
        limits: Limits::default(),
        outputs: jixiao_run::Outputs {
            xlsx: None,
            review: None,
            format: jixiao_run::TableFormat::Csv,
            encoding: jixiao_run::CsvEncoding::Utf8Bom,
            formula_guard: true,
            tables: true,
            database: None,
            sync: true,
        },
        pretty_json: false,
        jobs: 2,
        max_memory_per_file: 2 << 30,
        incremental: false,
        shard: None,
        follow_links: false,
        allow_empty: false,
        worker: WorkerCommand { program: env!("CARGO_BIN_EXE_jixiao").into(), args: vec!["worker".into()] },
        progress: ProgressMode::Quiet,
    }
}

/// Converts `inputs` into a fresh temporary folder with default limits.
pub fn convert_into(inputs: Vec<PathBuf>) -> (tempfile::TempDir, RunOutcome) {
    let out = tempfile::tempdir().expect("tempdir");
    let outcome = jixiao_run::run(&run_options(inputs, out.path())).expect("run");
    (out, outcome)
}

/// Runs the jixiao binary with `args` under a watchdog: a run still going
/// after `limit` is killed and fails the test instead of hanging it.
/// Returns its exit status and how long it took.
pub fn run_jixiao<S: AsRef<std::ffi::OsStr>>(args: &[S], limit: std::time::Duration) -> (i32, std::time::Duration) {
    let started = std::time::Instant::now();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return (status.code().unwrap_or(-1), started.elapsed());
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("jixiao {:?} did not finish within {limit:?}", args.iter().map(|a| a.as_ref()).collect::<Vec<_>>());
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// `convert INPUT -o OUT -q EXTRA…` through [`run_jixiao`], 240 s at most.
pub fn convert_with(input: &Path, out: &Path, extra: &[&str]) -> (i32, std::time::Duration) {
    let mut args: Vec<std::ffi::OsString> = vec!["convert".into(), input.into(), "-o".into(), out.into(), "-q".into()];
    args.extend(extra.iter().map(Into::into));
    run_jixiao(&args, std::time::Duration::from_secs(240))
}

/// The run's report.json.
pub fn report(out: &Path) -> RunReport {
    serde_json::from_slice(&std::fs::read(out.join("report.json")).expect("report.json")).expect("report json")
}

fn norm(s: &str) -> String {
    s.nfkc().filter(|c| !c.is_whitespace()).collect()
}

fn label(s: &str) -> String {
    let n = norm(s);
    n.strip_suffix("指标").map(str::to_string).unwrap_or(n)
}

fn placeholder(l3: &str, t: &str) -> bool {
    const EMPTY: &[&str] = &["", "无", "/", "-", "—", "不适用"];
    let (l3, t) = (norm(l3), norm(t));
    EMPTY.contains(&t.as_str()) && (EMPTY.contains(&l3.as_str()) || l3.chars().all(|c| c.is_ascii_digit()))
}

type Key = (String, String, String, String, String);

fn key(get: &dyn Fn(&str) -> String) -> Key {
    let mut owner = get("project_name");
    if norm(&owner).is_empty() {
        owner = get("unit_name");
    }
    (norm(&owner), label(&get("level1")), label(&get("level2")), norm(&get("level3")), norm(&get("target")))
}

fn count(rows: impl Iterator<Item = Key>) -> HashMap<Key, usize> {
    let mut m = HashMap::new();
    for k in rows {
        *m.entry(k).or_insert(0) += 1;
    }
    m
}

/// Reads indicators.csv into per-file multisets.
pub fn predicted(csv_path: &Path) -> HashMap<String, HashMap<Key, usize>> {
    let mut r = csv::Reader::from_path(csv_path).expect("indicators.csv");
    let headers = r.headers().expect("headers").clone();
    let mut per_file: HashMap<String, Vec<Key>> = HashMap::new();
    for rec in r.records() {
        let rec = rec.expect("row");
        let get = |name: &str| {
            let name = name.to_string();
            headers
                .iter()
                .position(|h| h.trim_start_matches('\u{feff}') == name)
                .and_then(|i| rec.get(i))
                .unwrap_or("")
                .to_string()
        };
        if placeholder(&get("level3"), &get("target")) {
            continue;
        }
        let file = get("source_file").rsplit('/').next().unwrap_or("").to_string();
        per_file.entry(file).or_default().push(key(&get));
    }
    per_file.into_iter().map(|(f, v)| (f, count(v.into_iter()))).collect()
}

/// Reads NAME.gold.tsv from the repository's gold.
pub fn gold(name: &str) -> HashMap<Key, usize> {
    gold_in(&gold_dir(), name)
}

/// `../shared` beside the repository, where CI and developers have it.
pub fn shared() -> Option<PathBuf> {
    let dir = repo_root().join("../shared");
    let found = dir.is_dir().then_some(dir);
    // Off CI a test that needs ../shared is skipped; CI always has it.
    assert!(found.is_some() || std::env::var_os("CI").is_none(), "CI has ../shared beside the clone");
    found
}

/// A CSV's rows, each keyed by its column names (the BOM dropped).
pub fn csv_table(path: &Path) -> Vec<HashMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let head: Vec<String> =
        r.headers().expect("head").iter().map(|h| h.trim_start_matches('\u{feff}').into()).collect();
    r.records().map(|x| head.iter().cloned().zip(x.expect("row").iter().map(str::to_string)).collect()).collect()
}

/// Reads NAME.gold.tsv from `dir`.
pub fn gold_in(dir: &Path, name: &str) -> HashMap<Key, usize> {
    let path = dir.join(format!("{name}.gold.tsv"));
    // Read as score.py reads it (Python's csv with a tab delimiter): a field
    // that opens with a quote is a quoted field.
    let mut r = csv::ReaderBuilder::new().delimiter(b'\t').from_path(&path).expect("gold");
    let headers = r.headers().expect("headers").clone();
    let mut keys = Vec::new();
    for rec in r.records() {
        let rec = rec.expect("row");
        let get =
            |name: &str| headers.iter().position(|h| h == name).and_then(|i| rec.get(i)).unwrap_or("").to_string();
        if !placeholder(&get("level3"), &get("target")) {
            keys.push(key(&get));
        }
    }
    count(keys.into_iter())
}

/// F1 of predicted against gold, with the missed and extra keys.
pub fn f1(pred: &HashMap<Key, usize>, gold: &HashMap<Key, usize>) -> (f64, Vec<Key>, Vec<Key>) {
    let tp: usize = gold.iter().map(|(k, n)| (*n).min(*pred.get(k).unwrap_or(&0))).sum();
    let p_total: usize = pred.values().sum();
    let g_total: usize = gold.values().sum();
    let missed = gold.iter().filter(|(k, n)| pred.get(*k).unwrap_or(&0) < n).map(|(k, _)| k.clone()).collect();
    let extra = pred.iter().filter(|(k, n)| gold.get(*k).unwrap_or(&0) < n).map(|(k, _)| k.clone()).collect();
    let p = if p_total == 0 { 0.0 } else { tp as f64 / p_total as f64 };
    let r = if g_total == 0 { 0.0 } else { tp as f64 / g_total as f64 };
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (f, missed, extra)
}

/// A ZIP archive of `entries` (name, bytes), deflated.
pub fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        w.start_file(*name, opts).expect("entry");
        w.write_all(data).expect("write");
    }
    w.finish().expect("zip").into_inner()
}

/// A minimal .docx whose `word/document.xml` body is `body`.
pub fn docx_of(body: &str) -> Vec<u8> {
    let xml = format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    zip_of(&[("[Content_Types].xml", b"<Types/>"), ("word/document.xml", xml.as_bytes())])
}
