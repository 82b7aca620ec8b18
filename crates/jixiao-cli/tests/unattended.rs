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
    // The samples' doubts are about single rows; a table with a header block
    // and no 项目名称 that is not the department's is a doubt about the file.
    let unnamed = tmp.path().join("unnamed.txt");
    std::fs::write(
        &unnamed,
        "某某局2023年项目支出绩效目标表\n\n1.甲项目绩效目标表\n项目名称\t甲项目\t\t\n预算数（万元）\t20\t\t\n\
         一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训人数\t≥10人\n\n\
         3.项目支出绩效目标表\n项目名称\t\t\t\n预算数（万元）\t60\t\t\n\
         一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t走访人数\t≥10人\n",
    )
    .expect("write");
    let run = convert(&[&common::samples(), &unnamed], &out, &["--fail-on", "review", "--root", "/"]);
    let r = report(&out);
    let files = r["files"].as_array().expect("files");
    let review: Vec<&serde_json::Value> = files.iter().filter(|f| f["status"] == "review").collect();
    assert_eq!(review.len(), 1, "{review:?}");
    assert!(review[0]["input"].as_str().is_some_and(|i| i.ends_with("unnamed.txt")), "{review:?}");
    // A row's doubt is listed with its place, and leaves its file ok.
    let listed = files
        .iter()
        .filter(|f| f["status"] == "ok" && f["doubtful_rows"].as_u64() > Some(0))
        .flat_map(|f| f["rows_to_check"].as_array().expect("rows listed"))
        .collect::<Vec<_>>();
    assert!(!listed.is_empty(), "the samples hold rows to check");
    for row in &listed {
        assert!(row["source"]["row"].as_u64().is_some() && !row["doubts"][0]["message"].is_null(), "{row}");
    }
    assert_eq!(run.status.code(), Some(1), "--fail-on review: needs review is exit 1");
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
    let entry = files
        .iter()
        .find(|f| f["input"].as_str().is_some_and(|i| i.ends_with("/000_d97ae4ac91c252f1.txt")))
        .expect("000");
    assert_eq!(entry["warning_counts"]["rows_moved_by_page_break"], 2, "{entry}");
    // The counts are those of the file's JSON, every level included.
    let json = out.join("json").join(format!("{}.json", entry["input"].as_str().expect("input")));
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(json).expect("json")).expect("json");
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
    let row = rows.iter().find(|r| r[col("input")].ends_with("/000_d97ae4ac91c252f1.txt")).expect("row");
    assert_eq!((&row[col("status")], &row[col("rows_moved_by_page_break")]), ("ok", "2"));
    // --quiet keeps only errors, failed and partial files; by default
    // (--fail-on partial) files to review are not a failure of the run.
    let quiet = convert(&[&common::samples()], &tmp.path().join("quiet"), &["-q"]);
    assert_eq!(quiet.status.code(), Some(0));
    assert!(quiet.stderr.is_empty(), "{}", String::from_utf8_lossy(&quiet.stderr));
}

#[test]
fn fail_on_chooses_which_files_fail_the_run() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let drop = drop_folder(tmp.path(), &["a.txt"]);
    // A text export cut after its header block: converted, no indicators: partial.
    let text = std::fs::read_to_string(drop.join("a.txt")).expect("read");
    let cut: String = text.lines().take(4).collect::<Vec<_>>().join("\n");
    std::fs::write(drop.join("b-partial.txt"), cut).expect("write");
    let run = convert(&[&drop], &tmp.path().join("o1"), &["-q"]);
    let r = report(&tmp.path().join("o1"));
    assert_eq!(r["partial"], 1, "{r}");
    assert_eq!(run.status.code(), Some(1), "partial fails the run by default");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("needs a look (partial): b-partial.txt"), "-q still names partial files: {stderr}");
    let run = convert(&[&drop], &tmp.path().join("o2"), &["-q", "--fail-on", "failed"]);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    std::fs::write(drop.join("c-failed.xlsx"), b"").expect("write");
    let run = convert(&[&drop], &tmp.path().join("o3"), &["-q", "--fail-on", "failed"]);
    assert_eq!(run.status.code(), Some(1));
    let run = convert(&[&drop], &tmp.path().join("o4"), &["--fail-on", "nothing"]);
    assert_eq!(run.status.code(), Some(2), "an unknown status is a usage error");
}

/// Every file under `out` with its bytes: what a loader would publish.
fn snapshot(out: &Path) -> Vec<(String, Vec<u8>)> {
    files_under(out)
        .into_iter()
        .filter(|f| !f.starts_with(".jixiao"))
        .map(|f| {
            let bytes = std::fs::read(out.join(&f)).expect("read");
            (f, bytes)
        })
        .collect()
}

#[test]
fn a_run_that_cannot_see_its_inputs_changes_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let drop = drop_folder(tmp.path(), &["a.txt", "b.txt"]);
    let out = tmp.path().join("out");
    assert_eq!(convert(&[&drop], &out, &["-q"]).status.code(), Some(0));
    let published = snapshot(&out);
    assert!(published.iter().any(|(f, _)| f == "json/a.txt.json"), "{published:?}");
    // The share is not mounted tonight.
    let unmounted = tmp.path().join("drop.unmounted");
    std::fs::rename(&drop, &unmounted).expect("rename");
    let run = convert(&[&drop], &out, &["-q"]);
    assert_eq!(run.status.code(), Some(3), "{}", String::from_utf8_lossy(&run.stderr));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains(&drop.display().to_string()) && stderr.contains("no such file"), "{stderr}");
    assert_eq!(snapshot(&out), published, "a missing drop folder leaves the outputs as they were");
    // A missing --root, and a missing input beside a present one.
    std::fs::rename(&unmounted, &drop).expect("rename back");
    let root = tmp.path().join("gone").to_string_lossy().into_owned();
    assert_eq!(convert(&[&drop], &out, &["-q", "--root", &root]).status.code(), Some(3));
    assert_eq!(convert(&[&drop, &tmp.path().join("gone")], &out, &["-q"]).status.code(), Some(3));
    assert_eq!(snapshot(&out), published);
    // An empty night with `drop/*`: the shell passes the pattern itself.
    let empty = tmp.path().join("empty");
    std::fs::create_dir_all(&empty).expect("mkdir");
    let pattern = empty.join("*");
    let run = convert(&[&pattern], &out, &["-q"]);
    assert_eq!(run.status.code(), Some(3));
    assert!(
        String::from_utf8_lossy(&run.stderr).contains("did not expand"),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(snapshot(&out), published);
    // … unless an empty night is asked for.
    let run = convert(&[&pattern], &out, &["-q", "--allow-empty", "--root", &empty.to_string_lossy()]);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(inputs_of(&report(&out)), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn an_unreadable_drop_folder_changes_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().expect("tempdir");
    let drop = drop_folder(tmp.path(), &["a.txt"]);
    let out = tmp.path().join("out");
    assert_eq!(convert(&[&drop], &out, &["-q"]).status.code(), Some(0));
    let published = snapshot(&out);
    std::fs::set_permissions(&drop, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    // Root reads any folder: the case is the cron user's, not root's.
    let readable_anyway = std::fs::read_dir(&drop).is_ok();
    let run = convert(&[&drop], &out, &["-q"]);
    std::fs::set_permissions(&drop, std::fs::Permissions::from_mode(0o755)).expect("chmod back");
    if readable_anyway {
        assert_eq!(run.status.code(), Some(0));
        return;
    }
    assert_eq!(run.status.code(), Some(3), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(String::from_utf8_lossy(&run.stderr).contains("cannot be listed"));
    assert_eq!(snapshot(&out), published);
}

#[test]
fn an_earlier_output_folder_is_never_an_input_wherever_it_lies() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let drop = drop_folder(tmp.path(), &["a.txt", "b.txt"]);
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc", drop.join("etc")).expect("link");
    // An earlier run wrote into the drop folder; tonight's writes elsewhere,
    // and the folder is given three times.
    assert_eq!(convert(&[&drop], &drop.join("out"), &["-q"]).status.code(), Some(1));
    let out = tmp.path().join("twice");
    let again = tmp.path().join("drop/");
    convert(&[&drop, &drop, &again], &out, &["-q"]);
    let inputs = inputs_of(&report(&out));
    #[cfg(unix)]
    assert_eq!(inputs, ["a.txt", "b.txt", "etc"], "the link entry once, nothing of drop/out");
    #[cfg(not(unix))]
    assert_eq!(inputs, ["a.txt", "b.txt"]);
    // An output folder given as the input is no input at all.
    let run = convert(&[&drop.join("out")], &tmp.path().join("o2"), &["-q"]);
    assert_eq!(run.status.code(), Some(3), "{}", String::from_utf8_lossy(&run.stderr));
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

#[test]
fn a_vanished_folder_leaves_no_empty_folder_in_json() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let drop = drop_folder(tmp.path(), &["a.txt"]);
    for f in ["night/deep/b.txt", "night/c.txt"] {
        std::fs::create_dir_all(drop.join(f).parent().expect("parent")).expect("mkdir");
        std::fs::copy(common::samples().join("004_ff68eaab89af36f2.txt"), drop.join(f)).expect("copy");
    }
    let out = tmp.path().join("out");
    let root = drop.to_string_lossy().into_owned();
    assert_eq!(convert(&[&drop], &out, &["-q", "--root", &root]).status.code(), Some(0));
    assert!(out.join("json/night/deep/b.txt.json").is_file());
    std::fs::remove_dir_all(drop.join("night/deep")).expect("remove");
    assert_eq!(convert(&[&drop], &out, &["-q", "--root", &root]).status.code(), Some(0));
    assert!(!out.join("json/night/deep").exists(), "the emptied folder is removed");
    assert_eq!(files_under(&out.join("json")), ["a.txt.json", "night/c.txt.json"]);
    std::fs::remove_dir_all(drop.join("night")).expect("remove");
    assert_eq!(convert(&[&drop], &out, &["-q", "--root", &root]).status.code(), Some(0));
    assert!(!out.join("json/night").exists() && out.join("json/a.txt.json").is_file());
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
