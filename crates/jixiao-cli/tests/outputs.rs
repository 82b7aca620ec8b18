//! The outputs analysts and data tools open: CSVs in each encoding read
//! back equal to the JSON records; GBK refuses what it cannot hold, naming
//! it; JSON lines carry the same rows.

mod common;

use std::path::Path;
use std::process::Command;

fn convert(input: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .arg("convert")
        .arg(input)
        .arg("-o")
        .arg(out)
        .arg("-q")
        .args(extra)
        .output()
        .expect("run jixiao")
}

/// The rows of a CSV as text fields.
fn rows_of(text: &str) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    r.records().map(|x| x.expect("row").iter().map(str::to_string).collect()).collect()
}

/// The indicator rows the per-input JSON records give, in report order.
fn rows_from_json(out: &Path) -> Vec<Vec<String>> {
    let report = common::report(out);
    let mut rows = vec![jixiao_emit::INDICATOR_COLUMNS.iter().map(|c| c.to_string()).collect::<Vec<_>>()];
    for entry in report.files.iter().filter(|f| f.output.is_some()) {
        let json = std::fs::read_to_string(out.join(entry.output.as_deref().expect("output"))).expect("json");
        let record: jixiao_model::record::DocumentRecord = serde_json::from_str(&json).expect("record");
        let body = jixiao_emit::csv_body(&jixiao_emit::indicator_rows(&record), true).expect("rows");
        rows.extend(rows_of(&String::from_utf8(body).expect("utf-8")));
    }
    rows
}

#[test]
fn every_csv_encoding_reads_back_equal_to_the_json_records() {
    let tmp = tempfile::tempdir().expect("tempdir");
    for (name, decoder, bom) in [
        ("utf8-bom", encoding_rs::UTF_8, true),
        ("utf8", encoding_rs::UTF_8, false),
        ("gbk", encoding_rs::GBK, false),
        ("gb18030", encoding_rs::GB18030, false),
    ] {
        let out = tmp.path().join(name);
        let run = convert(&common::samples(), &out, &["--csv-encoding", name]);
        assert_eq!(run.status.code(), Some(1), "{name}: converted, some samples need review");
        let bytes = std::fs::read(out.join("indicators.csv")).expect("csv");
        assert_eq!(bytes.starts_with("\u{feff}".as_bytes()), bom, "{name}");
        let (text, _, had_errors) = decoder.decode(&bytes);
        assert!(!had_errors, "{name}: decodes cleanly");
        assert_eq!(rows_of(text.trim_start_matches('\u{feff}')), rows_from_json(&out), "{name}");
        let report = std::fs::read(out.join("report.csv")).expect("report.csv");
        assert!(!decoder.decode(&report).2, "{name}: report.csv in the same encoding");
    }
}

#[test]
fn gbk_refuses_a_character_it_cannot_hold_and_names_it() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).expect("mkdir");
    let text = "项目名称\t甲项目\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t服务人数\t≥10人\n产出指标\t数量指标\t𠀋字典印数\t≥20本\n";
    std::fs::write(input.join("rare.txt"), text).expect("write");
    let out = tmp.path().join("out");
    let run = convert(&input, &out, &["--csv-encoding", "gbk"]);
    assert_eq!(run.status.code(), Some(3), "the run cannot write its output");
    let stderr = String::from_utf8_lossy(&run.stderr);
    for part in ["indicators.csv", "row 2", "rare.txt", "𠀋", "U+2000B", "gb18030"] {
        assert!(stderr.contains(part), "{part} missing from: {stderr}");
    }
    assert!(!out.join("indicators.csv").exists(), "nothing half-written");
    assert_eq!(convert(&input, &out, &["--csv-encoding", "gb18030"]).status.code(), Some(0));
}

#[test]
fn json_lines_carry_the_same_rows() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    convert(&common::samples(), &out, &[]);
    let csv_rows = rows_from_json(&out);
    convert(&common::samples(), &out, &["--format", "jsonl"]);
    assert!(!out.join("indicators.csv").exists(), "the CSVs of the earlier run are gone");
    let lines = std::fs::read_to_string(out.join("indicators.jsonl")).expect("jsonl");
    let objects: Vec<serde_json::Value> = lines.lines().map(|l| serde_json::from_str(l).expect("json line")).collect();
    assert_eq!(objects.len(), csv_rows.len() - 1);
    let head = &csv_rows[0];
    for (object, row) in objects.iter().zip(&csv_rows[1..]) {
        for (column, value) in head.iter().zip(row) {
            match &object[column.as_str()] {
                serde_json::Value::String(s) => {
                    assert_eq!(&jixiao_emit::neutralize_formula(s.clone()), value, "{column}")
                }
                serde_json::Value::Number(n) => {
                    assert_eq!(n.as_f64(), value.parse::<f64>().ok(), "{column}");
                }
                other => assert_eq!(&other.to_string(), value, "{column}"),
            }
        }
    }
    assert!(out.join("projects.jsonl").is_file());
}
