//! Archive-scale runs through the real binary: worker isolation, resume
//! after SIGKILL, incremental reruns, bounded memory, sharding, and outputs
//! that do not depend on the number of workers.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn jixiao() -> Command {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
}

fn convert(input: &Path, out: &Path, extra: &[&str]) -> (i32, Duration) {
    common::convert_with(input, out, extra)
}

/// `copies` copies of every sample, spread over a few folders.
/// Files under `dir`, at any depth (0 while it does not exist).
fn files_in(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .map_or(0, |entries| entries.flatten().map(|e| if e.path().is_dir() { files_in(&e.path()) } else { 1 }).sum())
}

fn archive(dir: &Path, copies: usize) -> PathBuf {
    let root = dir.join("archive");
    let samples: Vec<PathBuf> = std::fs::read_dir(common::samples())
        .expect("samples")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .collect();
    for i in 0..copies {
        let folder = root.join(format!("county-{:02}", i % 7));
        std::fs::create_dir_all(&folder).expect("mkdir");
        for s in &samples {
            let name = s.file_name().expect("name").to_string_lossy();
            std::fs::copy(s, folder.join(format!("{i:03}-{name}"))).expect("copy");
        }
    }
    root
}

/// A 1 KB .docx whose one cell spans `span` grid columns.
fn span_bomb(span: u64) -> Vec<u8> {
    common::docx_of(&format!(
        r#"<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#
    ))
}

/// An archive of the samples converts with no failure, and exits 0: their
/// doubts are single rows, listed, which fail no run.
fn assert_all_converted(code: i32, out: &Path) {
    let r = report(out);
    assert_eq!((r["failed"].as_u64(), r["partial"].as_u64()), (Some(0), Some(0)), "{}", r["run"]);
    assert!(r["files"].as_array().expect("files").iter().any(|f| f["doubtful_rows"].as_u64() > Some(0)));
    assert_eq!(code, 0);
}

fn report(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(out.join("report.json")).expect("report.json")).expect("json")
}

fn entry<'a>(report: &'a serde_json::Value, input: &str) -> &'a serde_json::Value {
    report["files"].as_array().expect("files").iter().find(|f| f["input"] == input).expect("entry")
}

/// Every file under `dir`, relative, with its bytes (the run's own state
/// folder left out, and the reports, which record times and reuse).
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walk(dir)
        .into_iter()
        .map(|p| {
            (p.strip_prefix(dir).expect("inside").to_string_lossy().into_owned(), std::fs::read(&p).expect("read"))
        })
        .filter(|(name, _)| !name.starts_with(".jixiao") && !name.starts_with("report."))
        .collect();
    files.sort();
    files
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("read_dir") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn bombs_and_a_runaway_file_fail_alone_within_bounds() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).expect("mkdir");
    std::fs::write(input.join("span-1e8.docx"), span_bomb(100_000_000)).expect("write");
    std::fs::write(input.join("span-4e9.docx"), span_bomb(4_000_000_000)).expect("write");
    // Stands in for a runaway loop: a valid 54 MB file that takes about
    // 10 s here, far over the limit (the good files take milliseconds).
    let slow = std::fs::read(common::samples().join("001_8fcafb6e0b91ba75.txt")).expect("sample").repeat(1500);
    std::fs::write(input.join("runaway.txt"), slow).expect("write");
    for name in ["003_5350117623e3437c.txt", "luolong-2024.docx", "hengyang-2023.xlsx"] {
        std::fs::copy(common::samples().join(name), input.join(name)).expect("copy");
    }
    let out = tmp.path().join("out");
    let (code, elapsed) = convert(&input, &out, &["--timeout-per-file", "2", "--max-memory-per-file", "1G"]);
    assert_eq!(code, 1, "some inputs failed");
    assert!(elapsed < Duration::from_secs(30), "took {elapsed:?}");
    let report = report(&out);
    for bomb in ["span-1e8.docx", "span-4e9.docx"] {
        let e = entry(&report, bomb);
        assert_eq!(e["status"], "failed", "{e}");
        assert!(e["error"].as_str().expect("error").contains("--max-cells"), "{e}");
    }
    let runaway = entry(&report, "runaway.txt");
    assert_eq!(runaway["worker_failure"]["kind"], "timeout", "{runaway}");
    assert!(runaway["error"].as_str().expect("error").contains("--timeout-per-file"), "{runaway}");
    for good in ["003_5350117623e3437c.txt", "luolong-2024.docx", "hengyang-2023.xlsx"] {
        let e = entry(&report, good);
        // Converted in full (luolong-2024 has dates without a year to review).
        assert!(matches!(e["status"].as_str(), Some("ok" | "review")), "{e}");
        assert!(e["counts"]["indicators"].as_u64() > Some(0), "{e}");
        assert!(out.join(format!("json/{good}.json")).is_file());
    }
    let run = &report["run"];
    assert_eq!(run["killed"], 1, "{run}");
    assert!(run["peak_rss_supervisor"].as_u64().expect("rss") < 1 << 30, "{run}");
    assert!(run["peak_rss_worker"].as_u64().expect("rss") < 1 << 30, "{run}");
}

#[test]
fn a_worker_over_its_memory_ceiling_fails_that_file_only() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).expect("mkdir");
    // With the cell cap lifted, the grid of this 1 KB file needs gigabytes.
    std::fs::write(input.join("span.docx"), span_bomb(100_000_000)).expect("write");
    std::fs::copy(common::samples().join("004_ff68eaab89af36f2.txt"), input.join("good.txt")).expect("copy");
    let out = tmp.path().join("out");
    let (code, _) =
        convert(&input, &out, &["--max-cells", "1000000000000", "--max-memory-per-file", "256M", "-j", "1"]);
    assert_eq!(code, 1);
    let report = report(&out);
    let bomb = entry(&report, "span.docx");
    assert_eq!(bomb["worker_failure"]["kind"], "out_of_memory", "{bomb}");
    assert!(bomb["error"].as_str().expect("error").contains("--max-memory-per-file"), "{bomb}");
    assert_eq!(entry(&report, "good.txt")["status"], "ok", "the next file gets a new worker");
}

#[test]
fn a_run_killed_part_way_is_finished_by_an_incremental_rerun() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = archive(tmp.path(), 30);
    let whole = tmp.path().join("whole");
    let (code, first) = convert(&input, &whole, &["-j", "2"]);
    assert_all_converted(code, &whole);

    let killed = tmp.path().join("killed");
    let mut child = jixiao()
        .args(["convert", "-q", "-j", "2", "-o"])
        .arg(&killed)
        .arg(&input)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    // A worker writes an input's JSON, then appends its fragment to its log.
    let json = killed.join("json");
    let started = Instant::now();
    while files_in(&json) < 60 && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("wait");
    assert!(!killed.join("indicators.csv").exists(), "killed before the end (it took {first:?} whole)");

    let (code, _) = convert(&input, &killed, &["--incremental"]);
    assert_all_converted(code, &killed);
    let resumed = report(&killed);
    // 60 JSON files existed at the kill; the fragments being appended then
    // (one per worker) may be cut short and are redone.
    assert!(resumed["run"]["reused"].as_u64().expect("reused") >= 58, "{}", resumed["run"]);
    let (a, b) = (tree(&whole), tree(&killed));
    assert_eq!(a.len(), b.len(), "same files");
    for ((name_a, bytes_a), (name_b, bytes_b)) in a.iter().zip(&b) {
        assert_eq!(name_a, name_b);
        assert!(bytes_a == bytes_b, "{name_a} differs after the resumed run");
    }
}

#[test]
fn an_incremental_rerun_parses_nothing_unchanged_and_redoes_what_changed() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = archive(tmp.path(), 20);
    let out = tmp.path().join("out");
    convert(&input, &out, &["--incremental"]);
    let files = report(&out)["files"].as_array().expect("files").len();
    let (code, _) = convert(&input, &out, &["--incremental"]);
    assert_all_converted(code, &out);
    let again = report(&out);
    // Counted, not timed (timings belong to `make bench`): nothing parsed.
    assert_eq!(again["run"]["reused"].as_u64(), Some(files as u64), "every input reused");
    let entries = again["files"].as_array().expect("files");
    assert!(entries.iter().all(|f| f["reused"].as_bool() == Some(true)), "every entry reused");

    // One input changes, one vanishes: only the first is converted again,
    // and the other leaves every output.
    let changed = input.join("county-00/000-004_ff68eaab89af36f2.txt");
    let mut text = std::fs::read(&changed).expect("read");
    text.extend_from_slice(b"\n\n");
    std::fs::write(&changed, text).expect("write");
    let gone = "county-01/001-003_5350117623e3437c.txt";
    std::fs::remove_file(input.join(gone)).expect("remove");
    convert(&input, &out, &["--incremental"]);
    let third = report(&out);
    assert_eq!(third["run"]["reused"].as_u64(), Some(files as u64 - 2));
    assert_eq!(entry(&third, "county-00/000-004_ff68eaab89af36f2.txt")["reused"], false);
    assert!(!out.join(format!("json/{gone}.json")).exists(), "a vanished input's JSON is removed");
    let csv = std::fs::read_to_string(out.join("indicators.csv")).expect("csv");
    assert!(!csv.contains(gone));
}

/// `--no-sync` changes when the outputs reach the disk and nothing else:
/// the bytes of a durable run, the report says which kind of run it was,
/// and a later incremental run reuses its results, except a JSON left empty
/// (what an operating-system crash can leave of a file not yet on disk).
#[test]
fn a_run_without_sync_writes_what_a_durable_run_writes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = archive(tmp.path(), 2);
    let (durable, quick) = (tmp.path().join("durable"), tmp.path().join("quick"));
    assert_all_converted(convert(&input, &durable, &[]).0, &durable);
    assert_all_converted(convert(&input, &quick, &["--no-sync"]).0, &quick);
    assert!(tree(&durable) == tree(&quick), "outputs differ with --no-sync");
    let options = |out: &Path| report(out)["run"]["options"].clone();
    assert!(options(&durable).as_array().expect("options").contains(&"sync=true".into()));
    assert!(options(&quick).as_array().expect("options").contains(&"sync=false".into()));

    let files = report(&quick)["files"].as_array().expect("files").len() as u64;
    let emptied = "county-01/001-hengyang-2023.xlsx";
    std::fs::write(quick.join(format!("json/{emptied}.json")), b"").expect("empty the JSON");
    assert_all_converted(convert(&input, &quick, &["--incremental", "--no-sync"]).0, &quick);
    let again = report(&quick);
    assert_eq!(again["run"]["reused"].as_u64(), Some(files - 1), "every input but the emptied one reused");
    assert_eq!(entry(&again, emptied)["reused"], false);
    assert!(tree(&durable) == tree(&quick), "the emptied JSON is whole again");
}

#[test]
fn memory_stays_flat_and_outputs_do_not_depend_on_workers() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let small = archive(&tmp.path().join("small"), 6); // 66 files
    let large = archive(&tmp.path().join("large"), 66); // 726 files
    let rss = |input: &Path, out: &Path, jobs: &str| {
        convert(input, out, &["-j", jobs]);
        let run = report(out)["run"].clone();
        (run["peak_rss_supervisor"].as_u64().expect("rss"), run["peak_rss_worker"].as_u64().expect("rss"))
    };
    let (s_sup, s_work) = rss(&small, &tmp.path().join("o-small"), "2");
    let (l_sup, l_work) = rss(&large, &tmp.path().join("o-large-2"), "2");
    assert!((l_sup as f64) <= 1.5 * s_sup as f64, "supervisor {s_sup} → {l_sup} bytes");
    assert!((l_work as f64) <= 1.5 * s_work as f64, "workers {s_work} → {l_work} bytes");
    rss(&large, &tmp.path().join("o-large-1"), "1");
    for csv in ["indicators.csv", "projects.csv"] {
        let one = std::fs::read(tmp.path().join("o-large-1").join(csv)).expect("csv");
        let two = std::fs::read(tmp.path().join("o-large-2").join(csv)).expect("csv");
        assert!(one == two, "{csv} differs between --jobs 1 and --jobs 2");
    }
}

#[test]
fn shards_split_the_inputs_without_overlap() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = archive(tmp.path(), 3);
    let (_, _) = convert(&input, &tmp.path().join("all"), &[]);
    let all: Vec<String> = names(&report(&tmp.path().join("all")));
    let mut union = Vec::new();
    for k in 0..3 {
        let out = tmp.path().join(format!("shard{k}"));
        let (code, _) = convert(&input, &out, &["--shard", &format!("{k}/3")]);
        assert_all_converted(code, &out);
        let part = names(&report(&out));
        assert!(!part.is_empty() && part.len() < all.len(), "shard {k}: {} of {}", part.len(), all.len());
        union.extend(part);
    }
    union.sort();
    assert_eq!(union, all, "each input in exactly one shard");
    let (code, _) = convert(&input, &tmp.path().join("bad"), &["--shard", "3/3"]);
    assert_eq!(code, 2, "K must be below N");
}

#[test]
fn shard_auto_takes_its_index_from_the_scheduler() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = archive(tmp.path(), 2);
    let schedulers = ["JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID", "AWS_BATCH_JOB_ARRAY_INDEX", "SGE_TASK_ID"];
    let run = |out: &Path, shard: &str, env: &[(&str, &str)]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"));
        cmd.args(["convert", "-q", "--shard", shard, "-o"]).arg(out).arg(&input);
        for name in schedulers {
            cmd.env_remove(name);
        }
        cmd.envs(env.iter().copied());
        cmd.output().expect("run jixiao")
    };
    let explicit = tmp.path().join("explicit");
    assert!(run(&explicit, "1/2", &[]).status.success());
    for (name, value) in [("JOB_COMPLETION_INDEX", "1"), ("SLURM_ARRAY_TASK_ID", "1"), ("SGE_TASK_ID", "2")] {
        let out = tmp.path().join(name);
        let done = run(&out, "auto/2", &[(name, value)]);
        assert!(done.status.success(), "{name}: {}", String::from_utf8_lossy(&done.stderr));
        assert_eq!(names(&report(&out)), names(&report(&explicit)), "{name}={value} is shard 1/2");
    }
    let unset = run(&tmp.path().join("unset"), "auto/2", &[]);
    assert_eq!(unset.status.code(), Some(2), "no scheduler variable is a usage error");
    assert!(String::from_utf8_lossy(&unset.stderr).contains("JOB_COMPLETION_INDEX"));
    let first = run(&tmp.path().join("sge0"), "auto/2", &[("SGE_TASK_ID", "0")]);
    assert_eq!(first.status.code(), Some(2), "SGE counts from 1");
}

fn names(report: &serde_json::Value) -> Vec<String> {
    let mut v: Vec<String> =
        report["files"].as_array().expect("files").iter().map(|f| f["input"].as_str().expect("input").into()).collect();
    v.sort();
    v
}

#[test]
fn a_second_run_on_the_same_folder_waits_its_turn() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    std::fs::create_dir_all(out.join(".jixiao")).expect("mkdir");
    let held = std::fs::File::create(out.join(".jixiao/lock")).expect("lock file");
    rustix::fs::flock(&held, rustix::fs::FlockOperation::NonBlockingLockExclusive).expect("hold the lock");
    let (code, _) = convert(&common::samples(), &out, &[]);
    assert_eq!(code, 3, "the run itself could not complete");
}

#[test]
fn an_empty_night_leaves_the_last_outputs_alone() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("drop");
    std::fs::create_dir_all(&input).expect("mkdir");
    std::fs::copy(common::samples().join("004_ff68eaab89af36f2.txt"), input.join("a.txt")).expect("copy");
    let out = tmp.path().join("out");
    assert_eq!(convert(&input, &out, &[]).0, 0);
    let before = tree(&out);
    std::fs::remove_file(input.join("a.txt")).expect("remove");
    assert_eq!(convert(&input, &out, &[]).0, 3, "no inputs is an error");
    assert!(tree(&out) == before, "the last outputs are untouched");
    assert_eq!(convert(&input, &out, &["--allow-empty"]).0, 0);
    let csv = std::fs::read_to_string(out.join("indicators.csv")).expect("csv");
    assert_eq!(csv.lines().count(), 1, "header only");
    assert!(!out.join("json/a.txt.json").exists(), "the vanished input's JSON went with it");
}
