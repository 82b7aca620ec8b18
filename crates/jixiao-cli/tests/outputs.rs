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
        assert_eq!(run.status.code(), Some(0), "{name}: converted; the samples' doubts are single rows");
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

#[test]
fn the_workbook_holds_the_csv_rows_with_numbers_dates_and_text_codes() {
    use calamine::{Data, Reader};
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    let xlsx = tmp.path().join("analyst.xlsx");
    let xlsx_arg = xlsx.to_string_lossy().into_owned();
    convert(&common::samples(), &out, &["--xlsx", &xlsx_arg]);
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).expect("workbook");
    assert_eq!(book.sheet_names(), ["项目", "指标", "运行报告"]);
    let sheet = book.worksheet_range("指标").expect("指标");
    let csv = rows_of(std::fs::read_to_string(out.join("indicators.csv")).expect("csv").trim_start_matches('\u{feff}'));
    assert_eq!(sheet.height(), csv.len(), "the 指标 sheet has exactly indicators.csv's rows");
    let head = &csv[0];
    let col = |name: &str| head.iter().position(|h| h == name).expect(name);
    assert_eq!(sheet.get((0, col("level1"))), Some(&Data::String("一级指标".into())));
    let (mut numbers, mut dates) = (0, 0);
    for (r, row) in csv.iter().enumerate().skip(1) {
        let cell = |name: &str| sheet.get((r, col(name))).cloned().unwrap_or(Data::Empty);
        // Text columns are the CSV's text (the CSV guards formulas with a ').
        for name in ["source_file", "project_key", "level3", "target"] {
            let text = match cell(name) {
                Data::String(s) => s,
                Data::Empty => String::new(),
                other => panic!("{name} at row {r} is {other:?}, not text"),
            };
            assert_eq!(jixiao_emit::neutralize_formula(text), row[col(name)], "{name} at row {r}");
        }
        let value = &row[col("value")];
        match (row[col("value_kind")].as_str(), cell("value")) {
            ("percent", Data::Float(f)) => {
                assert!((f * 100.0 - value.parse::<f64>().expect("number")).abs() < 1e-9);
                numbers += 1;
            }
            ("amount" | "quantity" | "duration", Data::Float(f)) => {
                assert_eq!(f, value.parse::<f64>().expect("number"));
                numbers += 1;
            }
            ("deadline", Data::DateTime(d)) => {
                let (y, m, day, ..) = d.to_ymd_hms_milli();
                let iso = format!("{y:04}-{m:02}-{day:02}");
                assert!(iso.starts_with(value.as_str()), "{iso} for {value}");
                dates += 1;
            }
            ("range" | "text" | "", _) => {}
            (kind, other) => panic!("row {r}: {kind} {value:?} written as {other:?}"),
        }
        assert!(matches!(cell("confidence"), Data::Float(_)), "confidence is a number");
    }
    assert!(numbers > 300 && dates > 10, "{numbers} numbers, {dates} dates");
    // Codes stay text: a leading zero survives.
    let projects = book.worksheet_range("项目").expect("项目");
    let unit_col = jixiao_emit::PROJECT_COLUMNS.iter().position(|c| *c == "unit_code").expect("unit_code");
    let codes: Vec<Data> = (1..projects.height()).filter_map(|r| projects.get((r, unit_col)).cloned()).collect();
    assert!(codes.contains(&Data::String("062001".into())), "{codes:?}");
}
