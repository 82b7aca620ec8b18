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

/// The column of a sheet whose header (row 0) is `header`.
fn sheet_col(sheet: &calamine::Range<calamine::Data>, header: &str) -> usize {
    (0..sheet.width())
        .find(|c| sheet.get((0, *c)) == Some(&calamine::Data::String(header.into())))
        .unwrap_or_else(|| panic!("no column {header}"))
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
    // The samples hold self-evaluations: their results beside their targets.
    assert_eq!(book.sheet_names(), ["项目", "指标", "运行报告", "目标完成"]);
    let sheet = book.worksheet_range("指标").expect("指标");
    let csv = rows_of(std::fs::read_to_string(out.join("indicators.csv")).expect("csv").trim_start_matches('\u{feff}'));
    assert_eq!(sheet.height(), csv.len(), "the 指标 sheet has exactly indicators.csv's rows");
    let head = &csv[0];
    let col = |name: &str| head.iter().position(|h| h == name).expect(name);
    let zh = [
        ("source_file", "来源文件"),
        ("project_key", "项目键"),
        ("level3", "三级指标"),
        ("target", "指标值"),
        ("value", "数值"),
        ("value_kind", "值类型"),
        ("confidence", "置信度"),
        ("horizon", "目标期"),
        ("warnings", "提示"),
        ("warning_codes", "提示代码"),
    ];
    let at = |name: &str| sheet_col(&sheet, zh.iter().find(|(en, _)| *en == name).expect(name).1);
    let kinds =
        [("percent", "百分比"), ("amount", "金额"), ("quantity", "数量"), ("duration", "时长"), ("deadline", "期限")];
    let (mut numbers, mut dates, mut noted) = (0, 0, 0);
    for (r, row) in csv.iter().enumerate().skip(1) {
        let cell = |name: &str| sheet.get((r, at(name))).cloned().unwrap_or(Data::Empty);
        let text = |name: &str| match cell(name) {
            Data::String(s) => s,
            Data::Empty => String::new(),
            other => panic!("{name} at row {r} is {other:?}, not text"),
        };
        // Text columns are the CSV's text (the CSV guards formulas with a ').
        for name in ["source_file", "project_key", "level3", "target"] {
            assert_eq!(jixiao_emit::neutralize_formula(text(name)), row[col(name)], "{name} at row {r}");
        }
        // Enum values are in Chinese; 提示 is Chinese, its codes beside it.
        let horizon = if row[col("horizon")] == "annual" { "年度" } else { "中期" };
        assert_eq!(text("horizon"), horizon);
        if !row[col("warnings")].is_empty() {
            let (words, codes) = (text("warnings"), text("warning_codes"));
            assert!(words.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{words}");
            assert!(!words.contains("project code") && !words.contains("cells re-seated"), "{words}");
            assert!(
                !codes.is_empty()
                    && codes
                        .split(' ')
                        .all(|c| c.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_' || ch.is_ascii_digit())),
                "{codes}"
            );
            noted += 1;
        }
        let value = &row[col("value")];
        let kind = row[col("value_kind")].as_str();
        let kind_zh = kinds.iter().find(|(en, _)| *en == kind).map(|(_, zh)| *zh);
        if let Some(kind_zh) = kind_zh {
            assert_eq!(text("value_kind"), kind_zh, "row {r}");
        }
        match (kind, cell("value")) {
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
    assert!(numbers > 300 && dates > 10 && noted > 0, "{numbers} numbers, {dates} dates, {noted} noted");
    project_and_report_sheets(&mut book, &xlsx);
}

/// The 项目 and 运行报告 sheets: codes as text, Chinese values, no
/// repeated column, widths and formats.
fn project_and_report_sheets(book: &mut calamine::Xlsx<std::io::BufReader<std::fs::File>>, xlsx: &Path) {
    use calamine::{Data, Reader};
    // Codes stay text: a leading zero survives. No column repeats another.
    let projects = book.worksheet_range("项目").expect("项目");
    let unit_col = sheet_col(&projects, "单位代码");
    let codes: Vec<Data> = (1..projects.height()).filter_map(|r| projects.get((r, unit_col)).cloned()).collect();
    assert!(codes.contains(&Data::String("062001".into())), "{codes:?}");
    let headers: Vec<String> =
        (0..projects.width()).map(|c| projects.get((0, c)).expect("header").to_string()).collect();
    assert!(
        headers.contains(&"预算（万元）".to_string()) && !headers.iter().any(|h| h.contains("精确")),
        "{headers:?}"
    );
    let uncertain = sheet_col(&projects, "单位存疑");
    assert!((1..projects.height())
        .all(|r| matches!(projects.get((r, uncertain)), Some(Data::String(s)) if s == "是" || s == "否")));
    let report = book.worksheet_range("运行报告").expect("运行报告");
    let status = sheet_col(&report, "状态");
    assert!((1..report.height()).all(|r| matches!(report.get((r, status)), Some(Data::String(s)) if ["正常", "需复核", "部分读取", "失败"].contains(&s.as_str()))));
    for english in ["repairs", "blake3", "reused", "budget_scale_uncertain"] {
        assert!((0..report.width()).all(|c| report.get((0, c)) != Some(&Data::String(english.into()))), "{english}");
    }
    workbook_widths_and_formats(xlsx, &projects);
}

/// Column widths fit the content (a 21-digit code, a long name) within a
/// cap; percentages show `0%`, `0.0%` or `0.00%`, never `0.##%`.
fn workbook_widths_and_formats(xlsx: &Path, projects: &calamine::Range<calamine::Data>) {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(xlsx).expect("xlsx")).expect("zip");
    let mut read = |name: &str| {
        let mut text = String::new();
        zip.by_name(name).expect(name).read_to_string(&mut text).expect("utf-8");
        text
    };
    let styles = read("xl/styles.xml");
    assert!(styles.contains("formatCode=\"0%\"") && !styles.contains("0.##%"), "{styles}");
    let sheet1 = read("xl/worksheets/sheet1.xml");
    // `<col min max width>`: equal neighbours share one element.
    let attr = |c: &str, name: &str| -> f64 {
        let value = c.split(&format!("{name}=\"")).nth(1).and_then(|w| w.split('"').next());
        value.expect(name).parse().expect("number")
    };
    let mut widths = Vec::new();
    for c in sheet1.split("<col ").skip(1) {
        for _ in attr(c, "min") as usize..=attr(c, "max") as usize {
            widths.push(attr(c, "width"));
        }
    }
    assert_eq!(widths.len(), projects.width());
    assert!(widths.iter().all(|w| *w <= 52.0), "capped: {widths:?}");
    let widest = |c: usize| {
        (1..projects.height())
            .filter_map(|r| projects.get((r, c)).map(|d| d.to_string()))
            .map(|t| t.chars().map(|ch| if ch.is_ascii() { 1.0 } else { 2.0 }).sum::<f64>())
            .fold(0.0, f64::max)
    };
    for header in ["项目键", "项目名称"] {
        let c = sheet_col(projects, header);
        assert!(widths[c] >= widest(c).min(48.0), "{header}: {} for {}", widths[c], widest(c));
    }
}
