//! The `jixiao` binary as a user runs it: exit codes, the report, outputs.

mod common;

use std::path::Path;
use std::process::Command;

fn jixiao() -> Command {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
}

fn report(out: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).expect("report.json")).expect("json")
}

#[test]
fn samples_convert_with_every_output() {
    let out = tempfile::tempdir().expect("tempdir");
    let status =
        jixiao().arg("convert").arg(common::samples()).arg("-o").arg(out.path()).arg("-q").status().expect("run");
    for f in ["indicators.csv", "projects.csv", "report.json", "report.csv", "json/001_8fcafb6e0b91ba75.txt.json"] {
        assert!(out.path().join(f).is_file(), "{f}");
    }
    let r = report(out.path());
    let samples = std::fs::read_dir(common::samples()).expect("samples").count();
    assert_eq!(r["files"].as_array().map(Vec::len), Some(samples));
    assert_eq!(r["failed"], 0);
    // Some samples carry rows a person should look at (a unit column read
    // as a comparator column): exit 1 says so, and 0 would hide it.
    let review = r["review"].as_u64().expect("review count") + r["partial"].as_u64().expect("partial count");
    assert_eq!(status.code(), Some(if review > 0 { 1 } else { 0 }), "{r}");
}

#[test]
fn bad_files_fail_alone_with_reasons_and_exit_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in 输入");
    std::fs::create_dir_all(&input).expect("mkdir");
    std::fs::copy(common::samples().join("004_ff68eaab89af36f2.txt"), input.join("good.txt")).expect("copy");
    std::fs::write(input.join("empty.txt"), b"").expect("write");
    std::fs::write(input.join("fake.docx"), b"PK\x03\x04 not really").expect("write");
    std::fs::write(input.join("scan.pdf"), b"%PDF-1.7 binary").expect("write");
    let noise: Vec<u8> = (0..5000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8 & 0x1f).collect();
    std::fs::write(input.join("noise.txt"), noise).expect("write");
    let out = dir.path().join("out");
    let status = jixiao().arg("convert").arg(&input).arg("-o").arg(&out).arg("-q").status().expect("run");
    assert_eq!(status.code(), Some(1));
    let r = report(&out);
    let files = r["files"].as_array().expect("files");
    assert_eq!(files.len(), 5, "every input appears in the report");
    let entry = |name: &str| files.iter().find(|f| f["input"] == name).unwrap_or_else(|| panic!("{name}")).clone();
    assert_eq!(entry("good.txt")["status"], "ok");
    assert_eq!(entry("empty.txt")["error"], "file is empty");
    assert!(entry("fake.docx")["error"].as_str().is_some_and(|e| e.contains("damaged")));
    assert!(entry("scan.pdf")["error"].as_str().is_some_and(|e| e.contains("damaged")));
    assert!(entry("noise.txt")["error"].as_str().is_some_and(|e| e.contains("not a text file")));
    assert!(out.join("json/good.txt.json").is_file());
}

#[test]
fn a_missing_input_stops_the_run_naming_it() {
    let out = tempfile::tempdir().expect("tempdir");
    let run = jixiao().args(["convert", "/nonexistent/x.txt", "-o"]).arg(out.path()).arg("-q").output().expect("run");
    assert_eq!(run.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("/nonexistent/x.txt") && stderr.contains("no such file"), "{stderr}");
    assert!(!out.path().join("report.json").exists(), "nothing was written");
}

#[test]
fn usage_errors_exit_2_and_help_documents_options() {
    assert_eq!(jixiao().arg("convert").status().expect("run").code(), Some(2));
    assert_eq!(jixiao().arg("frobnicate").status().expect("run").code(), Some(2));
    // Limits that would fail every file are refused before anything runs.
    for (flag, value) in
        [("--timeout-per-file", "0"), ("--max-depth", "0"), ("--max-cells", "0"), ("--max-sheets", "0")]
    {
        let out = tempfile::tempdir().expect("tempdir");
        let run = jixiao().arg("convert").arg(common::samples()).arg("-o").arg(out.path()).args([flag, value]).output();
        let run = run.expect("run");
        assert_eq!(run.status.code(), Some(2), "{flag} {value}");
        assert!(String::from_utf8_lossy(&run.stderr).contains(flag), "the error names {flag}");
        assert!(!out.path().join("report.json").exists(), "nothing ran");
    }
    let help = jixiao().args(["convert", "--help"]).output().expect("run");
    let text = String::from_utf8_lossy(&help.stdout);
    for opt in ["--out", "--max-file-size", "--jobs", "--quiet", "--fail-on"] {
        assert!(text.contains(opt), "{opt} missing from help");
    }
    // Grouped: inputs, run, outputs, then the limits.
    let at = |heading: &str| text.find(heading).unwrap_or_else(|| panic!("{heading} missing: {text}"));
    assert!(at("\nInputs:") < at("\nRun:") && at("\nRun:") < at("\nOutputs:") && at("\nOutputs:") < at("\nLimits:"));
    assert!(at("--jobs") < at("--max-file-size"), "--jobs before the limits");
    let zero = jixiao().arg("convert").arg(common::samples()).args(["-o", "/nonexistent-out", "-j", "0"]).output();
    assert_eq!(zero.expect("run").status.code(), Some(2), "-j 0 is refused");
}

#[test]
fn inspect_shows_roles_and_rebuilt_rows() {
    let file = common::samples().join("002_debd272c1fe79f5d.txt");
    let text = jixiao().arg("inspect").arg(&file).output().expect("run");
    assert_eq!(text.status.code(), Some(0));
    let out = String::from_utf8_lossy(&text.stdout);
    assert!(out.contains("c0:header=项目名称"), "cells carry roles");
    assert!(out.contains("[mid_term] 产出指标 > 数量指标 > 医保信息系统 = 1个"), "rebuilt rows");
    assert!(out.contains("repaired: "), "repairs are shown");
    let json = jixiao().arg("inspect").arg(&file).arg("--json").output().expect("run");
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(v["format"], "text");
    assert!(v["aligned"]["owners"].as_array().is_some_and(|o| o.len() == 6));
    assert!(v["blocks"].as_array().is_some_and(|b| b.iter().any(|b| b["kind"] == "table")));
    let missing = jixiao().args(["inspect", "/nonexistent.txt"]).output().expect("run");
    assert_eq!(missing.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert!(stderr.contains("cannot read"), "{stderr}");
    assert_eq!(stderr.matches("No such file").count(), 1, "the reason once: {stderr}");
}

#[test]
fn a_reader_that_stops_early_ends_inspect_quietly() {
    use std::io::Read;
    let file = common::samples().join("001_8fcafb6e0b91ba75.txt");
    // --json writes about 500 KB: far more than a pipe buffers, so the
    // writer does meet the closed pipe.
    let mut child = jixiao()
        .arg("inspect")
        .arg(&file)
        .arg("--json")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut first = [0u8; 16];
    child.stdout.take().expect("stdout").read_exact(&mut first).expect("read"); // then close, like `| head -c 16`
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn schema_prints_one_json_document() {
    let out = jixiao().arg("schema").output().expect("run");
    assert_eq!(out.status.code(), Some(0));
    let all: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    for name in ["document.schema.json", "indicators-row.schema.json", "projects-row.schema.json", "report.schema.json"]
    {
        assert!(all[name].is_object(), "{name}");
    }
}
