//! The run contract for cron and shared drives, through the real binary:
//! the output folder is never an input, OUT_DIR holds exactly this run's
//! results, distinct exit codes, outputs readable by others, stable and
//! unique source names, and a review list of the files that need a look.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `jixiao ARGS` and returns its exit status and output.
fn jixiao(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao")).args(args).output().expect("run jixiao")
}

fn convert(inputs: &[&Path], out: &Path, extra: &[&str]) -> Output {
    let mut args: Vec<&std::ffi::OsStr> = vec!["convert".as_ref()];
    args.extend(inputs.iter().map(|p| p.as_os_str()));
    args.extend(["-o".as_ref(), out.as_os_str()]);
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    jixiao(&args)
}

fn report(out: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).expect("report.json")).expect("json")
}

fn inputs_of(report: &serde_json::Value) -> Vec<String> {
    report["files"].as_array().expect("files").iter().map(|f| f["input"].as_str().expect("input").into()).collect()
}

/// A drop folder with copies of clean samples.
fn drop_folder(dir: &Path, names: &[&str]) -> PathBuf {
    let drop = dir.join("drop");
    std::fs::create_dir_all(&drop).expect("mkdir");
    for name in names {
        std::fs::copy(common::samples().join("004_ff68eaab89af36f2.txt"), drop.join(name)).expect("copy");
    }
    drop
}

/// Every file below `dir`, relative, sorted.
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read_dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).expect("under").to_string_lossy().into_owned());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn an_output_folder_inside_the_input_folder_is_never_read() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let drop = drop_folder(tmp.path(), &["a.txt", "b.txt"]);
    let out = drop.join("out");
    for night in 0..2 {
        let run = convert(&[&drop], &out, &["-q"]);
        assert_eq!(run.status.code(), Some(0), "night {night}: {}", String::from_utf8_lossy(&run.stderr));
        assert_eq!(inputs_of(&report(&out)), ["a.txt", "b.txt"], "night {night}");
    }
    let json: Vec<String> = files_under(&out.join("json"));
    assert_eq!(json, ["a.txt.json", "b.txt.json"], "no json/out/… of its own outputs");
}

#[test]
fn exit_codes_tell_the_run_from_its_files() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let drop = drop_folder(tmp.path(), &["a.txt"]);
    // -o naming an existing file: the run cannot complete.
    let file = tmp.path().join("not-a-folder");
    std::fs::write(&file, "x").expect("write");
    let run = convert(&[&drop], &file, &["-q"]);
    assert_eq!(run.status.code(), Some(3), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(String::from_utf8_lossy(&run.stderr).contains("cannot write"), "says why");
    // A folder of unreadable files is not a success.
    let bad = tmp.path().join("bad");
    std::fs::create_dir_all(&bad).expect("mkdir");
    std::fs::write(bad.join("empty.xlsx"), b"").expect("write");
    std::fs::write(bad.join("noise.doc"), [0u8, 1, 2, 3, 200, 201, 7, 8].repeat(100)).expect("write");
    assert_eq!(convert(&[&bad], &tmp.path().join("o1"), &["-q"]).status.code(), Some(1));
    // Usage errors are 2: a bad flag, and an input outside --root.
    assert_eq!(convert(&[&drop], &tmp.path().join("o2"), &["--jobs", "x"]).status.code(), Some(2));
    let bad_root = bad.to_string_lossy().into_owned();
    let run = convert(&[&drop], &tmp.path().join("o3"), &["--root", &bad_root]);
    assert_eq!(run.status.code(), Some(2), "{}", String::from_utf8_lossy(&run.stderr));
    // All clean: 0.
    assert_eq!(convert(&[&drop], &tmp.path().join("o4"), &["-q"]).status.code(), Some(0));
}

#[test]
fn files_that_need_a_look_are_listed_counted_and_exit_1() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    let run = convert(&[&common::samples()], &out, &[]);
    let r = report(&out);
    let files = r["files"].as_array().expect("files");
    let review: Vec<&serde_json::Value> = files.iter().filter(|f| f["status"] == "review").collect();
    assert!(!review.is_empty(), "the samples hold rows to review");
    assert_eq!(run.status.code(), Some(1), "needs review is exit 1");
    let stderr = String::from_utf8_lossy(&run.stderr);
    for f in &review {
        let input = f["input"].as_str().expect("input");
        assert!(stderr.contains(&format!("needs a look (review): {input}")), "{stderr}");
        // Every reason is a code counted in the entry.
        let why = f["review"].as_array().expect("review codes");
        assert!(!why.is_empty());
        for code in why {
            assert!(f["warning_counts"][code.as_str().expect("code")].as_u64() > Some(0), "{f}");
        }
    }
    // Row and project warnings are rolled up into their file's entry.
    let entry = files.iter().find(|f| f["input"] == "000_d97ae4ac91c252f1.txt").expect("000");
    assert_eq!(entry["warning_counts"]["rows_moved_by_page_break"], 2, "{entry}");
    // The counts are those of the file's JSON, every level included.
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("json/000_d97ae4ac91c252f1.txt.json")).expect("json"))
            .expect("json");
    let (mut warnings, mut repairs) = (doc["diagnostics"].as_array().map_or(0, Vec::len), 0);
    for project in doc["units"].as_array().expect("units").iter().flat_map(|u| u["projects"].as_array().expect("p")) {
        warnings += project["warnings"].as_array().map_or(0, Vec::len);
        for row in project["indicators"].as_array().expect("indicators") {
            warnings += row["warnings"].as_array().map_or(0, Vec::len);
            repairs += row["repairs"].as_array().map_or(0, Vec::len);
        }
    }
    let sum = |v: &serde_json::Value| v.as_object().expect("counts").values().filter_map(|n| n.as_u64()).sum::<u64>();
    assert_eq!((sum(&entry["warning_counts"]), sum(&entry["repair_counts"])), (warnings as u64, repairs as u64));
    assert!(repairs > 0 && warnings > 2, "{entry}");
    // report.csv: a row per input, a column per code.
    let mut csv = csv::Reader::from_path(out.join("report.csv")).expect("report.csv");
    let head = csv.headers().expect("headers").clone();
    let rows: Vec<csv::StringRecord> = csv.records().map(|r| r.expect("record")).collect();
    assert_eq!(rows.len(), files.len());
    let col = |name: &str| head.iter().position(|h| h.trim_start_matches('\u{feff}') == name).expect(name);
    let row = rows.iter().find(|r| &r[col("input")] == "000_d97ae4ac91c252f1.txt").expect("row");
    assert_eq!((&row[col("status")], &row[col("rows_moved_by_page_break")]), ("review", "2"));
    // --quiet keeps only errors.
    let quiet = convert(&[&common::samples()], &tmp.path().join("quiet"), &["-q"]);
    assert_eq!(quiet.status.code(), Some(1));
    assert!(quiet.stderr.is_empty(), "{}", String::from_utf8_lossy(&quiet.stderr));
}

#[test]
fn vanished_inputs_leave_with_their_outputs() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let drop = drop_folder(tmp.path(), &["a.txt", "b.txt"]);
    let out = tmp.path().join("out");
    assert_eq!(convert(&[&drop], &out, &["-q"]).status.code(), Some(0));
    std::fs::remove_file(drop.join("b.txt")).expect("remove");
    assert_eq!(convert(&[&drop], &out, &["-q"]).status.code(), Some(0));
    assert_eq!(inputs_of(&report(&out)), ["a.txt"]);
    assert_eq!(files_under(&out.join("json")), ["a.txt.json"]);
    let csv = std::fs::read_to_string(out.join("indicators.csv")).expect("csv");
    assert!(csv.lines().skip(1).all(|l| l.starts_with("a.txt,")), "only tonight's rows");
}

#[cfg(unix)]
#[test]
fn outputs_follow_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().expect("tempdir");
    let drop = drop_folder(tmp.path(), &["a.txt"]);
    let out = tmp.path().join("out");
    let status = Command::new("sh")
        .arg("-c")
        .arg("umask 022 && exec \"$0\" convert \"$1\" -o \"$2\" -q")
        .arg(env!("CARGO_BIN_EXE_jixiao"))
        .arg(&drop)
        .arg(&out)
        .status()
        .expect("sh");
    assert_eq!(status.code(), Some(0));
    for f in ["indicators.csv", "projects.csv", "report.json", "report.csv", "json/a.txt.json"] {
        let mode = std::fs::metadata(out.join(f)).expect(f).permissions().mode() & 0o777;
        assert_eq!(mode, 0o644, "{f}: {mode:o}");
    }
    let mode = std::fs::metadata(out.join("json")).expect("json").permissions().mode() & 0o777;
    assert_eq!(mode, 0o755, "json/: {mode:o}");
}

#[test]
fn source_names_are_unique_stable_and_read_once() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let sample = common::samples().join("004_ff68eaab89af36f2.txt");
    for f in ["a/x.txt", "b/x.txt", "drop/night1/n.txt", "drop/night2/n.txt"] {
        let p = tmp.path().join(f);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::copy(&sample, &p).expect("copy");
    }
    let t = |p: &str| tmp.path().join(p);
    // Two files of one name in two folders.
    let out = t("o1");
    convert(&[&t("a/x.txt"), &t("b/x.txt")], &out, &["-q"]);
    assert_eq!(inputs_of(&report(&out)), ["a/x.txt", "b/x.txt"]);
    let csv = std::fs::read_to_string(out.join("projects.csv")).expect("csv");
    assert!(csv.contains("\na/x.txt,") && csv.contains("\nb/x.txt,"), "{csv}");
    // The same folder twice (two spellings) is converted once.
    let out = t("o2");
    let again = tmp.path().join("a/../a");
    convert(&[&t("a"), &again], &out, &["-q"]);
    assert_eq!(inputs_of(&report(&out)), ["x.txt"]);
    // With --root, a night's file keeps its name whatever else is given.
    let root = t("drop").to_string_lossy().into_owned();
    let out = t("o3");
    convert(&[&t("drop/night2")], &out, &["-q", "--root", &root]);
    assert_eq!(inputs_of(&report(&out)), ["night2/n.txt"]);
    convert(&[&t("drop/night1"), &t("drop/night2")], &out, &["-q", "--root", &root]);
    assert_eq!(inputs_of(&report(&out)), ["night1/n.txt", "night2/n.txt"]);
    assert_eq!(report(&out)["run"]["base"], serde_json::json!(std::path::absolute(t("drop")).expect("abs")));
}

#[test]
fn the_report_says_when_how_and_what() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let drop = drop_folder(tmp.path(), &["a.txt"]);
    let out = tmp.path().join("out");
    convert(&[&drop], &out, &["-q", "--max-cells", "500000"]);
    let r = report(&out);
    let run = &r["run"];
    for field in ["started", "finished", "fingerprint", "base"] {
        assert!(run[field].as_str().is_some_and(|s| !s.is_empty()), "{field}: {run}");
    }
    assert!(r["version"].as_str().is_some_and(|v| v == env!("CARGO_PKG_VERSION")));
    let options: Vec<&str> = run["options"].as_array().expect("options").iter().filter_map(|o| o.as_str()).collect();
    assert!(options.contains(&"max_cells=500000"), "{options:?}");
    let entry = &r["files"][0];
    assert_eq!(entry["bytes"], std::fs::metadata(drop.join("a.txt")).expect("meta").len());
    assert_eq!(entry["blake3"].as_str().map(str::len), Some(64));
    assert!(entry["millis"].as_u64().is_some());
    // Per-input JSON is compact unless --pretty.
    let json = std::fs::read_to_string(out.join("json/a.txt.json")).expect("json");
    assert_eq!(json.lines().count(), 1);
}
