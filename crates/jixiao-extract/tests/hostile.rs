//! Hostile input, round 2: small files whose declared sizes would make a
//! reader allocate gigabytes or loop for hours. Each is generated here and
//! run in this process against the extractor (and, where the cost is in a
//! later stage, through align and normalize): it must fail alone, naming
//! the limit, in under 5 s, and never allocate more than 512 MB (the test
//! binary's allocator refuses past that, which aborts it loudly).

#![allow(clippy::too_many_lines, reason = "each test is a table of generated cases, read as one")]

mod support;

use jixiao_extract::{extract_bytes, ExtractError, Limits};
use std::time::{Duration, Instant};
use support::{biff8_xls_with, record, unzip, xlsx_edited, zip_of};

#[global_allocator]
static ALLOCATOR: cap::Cap<std::alloc::System> = cap::Cap::new(std::alloc::System, usize::MAX);

/// What a case must come to.
enum Expect {
    /// Fails, its message naming this flag.
    Limit(&'static str),
    /// Reads (the cost was the problem, not the content).
    Reads,
}

struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    extension: &'static str,
    expect: Expect,
}

fn docx_of(body: &str) -> Vec<u8> {
    let xml = format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    zip_of(&[("word/document.xml".to_string(), xml.into_bytes())])
}

fn tc(props: &str, text: &str) -> String {
    format!("<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
}

fn ods_of(content: &str) -> Vec<u8> {
    zip_of(&[
        ("mimetype".to_string(), b"application/vnd.oasis.opendocument.spreadsheet".to_vec()),
        (
            "content.xml".to_string(),
            format!(
                r#"<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>{content}</office:spreadsheet></office:body></office:document-content>"#
            )
            .into_bytes(),
        ),
    ])
}

/// An .xlsx whose workbook lists `sheets` sheets, all pointing at one part
/// of `part_bytes` bytes.
fn many_sheets(sheets: usize, part_bytes: usize) -> Vec<u8> {
    let filler = format!("<!--{}-->", "x".repeat(part_bytes));
    xlsx_edited(&[(0, 0, "项目名称")], |name, text| match name {
        "xl/workbook.xml" => {
            let list: String =
                (0..sheets).map(|i| format!(r#"<sheet name="S{i}" sheetId="{}" r:id="rId1"/>"#, i + 1)).collect();
            let start = text.find("<sheets>").expect("sheets");
            let end = text.find("</sheets>").expect("sheets");
            format!("{}<sheets>{list}{}", &text[..start], &text[end..])
        }
        "xl/worksheets/sheet1.xml" if part_bytes > 0 => {
            text.replacen("<sheetData>", &format!("{filler}<sheetData>"), 1)
        }
        _ => text,
    })
}

fn cases() -> Vec<Case> {
    let spaced = "提 高 服 务 质 量 ".repeat(20 * 1024 * 1024 / 18);
    let row = |cells: &[&str]| format!("<w:tr>{}</w:tr>", cells.iter().map(|c| tc("", c)).collect::<String>());
    let mut dimensions = 0u32.to_le_bytes().to_vec();
    dimensions.extend(u32::MAX.to_le_bytes());
    dimensions.extend(0u16.to_le_bytes());
    dimensions.extend(u16::MAX.to_le_bytes());
    dimensions.extend([0, 0]);
    vec![
        Case {
            name: "xlsx sharedStrings uniqueCount=4000000000",
            bytes: xlsx_edited(&[(0, 0, "项目名称")], |name, text| {
                if name == "xl/sharedStrings.xml" {
                    let start = text.find("<sst").expect("sst");
                    let end = start + text[start..].find('>').expect(">");
                    let head = text[start..end].split(" count=").next().expect("head").to_string();
                    format!("{}{head} count=\"4000000000\" uniqueCount=\"4000000000\"{}", &text[..start], &text[end..])
                } else {
                    text
                }
            }),
            extension: "xlsx",
            expect: Expect::Limit("--max-cells"),
        },
        Case {
            name: "xls DIMENSIONS rows 0..0xFFFFFFFF, columns 0..0xFFFF",
            bytes: biff8_xls_with(&[&["项目名称", "甲"]], &record(0x0200, &dimensions)),
            extension: "xls",
            expect: Expect::Limit("--max-cells"),
        },
        Case {
            name: "ods rows repeated 6000 × a cell repeated 16384",
            bytes: ods_of(
                r#"<table:table table:name="S"><table:table-row table:number-rows-repeated="6000"><table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>"#,
            ),
            extension: "ods",
            expect: Expect::Limit("--max-cells"),
        },
        Case {
            name: "docx gridBefore 100000000",
            bytes: docx_of(&format!(
                r#"<w:tbl><w:tr><w:trPr><w:gridBefore w:val="100000000"/></w:trPr>{}</w:tr></w:tbl>"#,
                tc("", "x")
            )),
            extension: "docx",
            expect: Expect::Limit("--max-cells"),
        },
        Case {
            name: "docx gridSpan 20000 × 2000 rows",
            bytes: docx_of(&format!(
                "<w:tbl>{}</w:tbl>",
                format!("<w:tr>{}</w:tr>", tc(r#"<w:gridSpan w:val="20000"/>"#, "x")).repeat(2000)
            )),
            extension: "docx",
            expect: Expect::Limit("--max-cells"),
        },
        Case {
            name: "docx gridBefore 20000 × 2000 rows",
            bytes: docx_of(&format!(
                "<w:tbl>{}</w:tbl>",
                format!(r#"<w:tr><w:trPr><w:gridBefore w:val="20000"/></w:trPr>{}</w:tr>"#, tc("", "x")).repeat(2000)
            )),
            extension: "docx",
            expect: Expect::Limit("--max-cells"),
        },
        Case {
            name: "docx vMerge continue × gridSpan 2000 × 5000 rows",
            bytes: docx_of(&format!(
                "<w:tbl><w:tr>{}</w:tr>{}</w:tbl>",
                tc(r#"<w:gridSpan w:val="2000"/><w:vMerge w:val="restart"/>"#, "x"),
                format!("<w:tr>{}</w:tr>", tc(r#"<w:gridSpan w:val="2000"/><w:vMerge/>"#, "")).repeat(5000)
            )),
            extension: "docx",
            expect: Expect::Limit("--max-cells"),
        },
        Case {
            name: "xlsx 500 sheets → one 5 MB part",
            bytes: many_sheets(500, 5 * 1024 * 1024),
            extension: "xlsx",
            expect: Expect::Limit("--max-unzipped"),
        },
        Case {
            name: "xlsx 2000 sheets → one part",
            bytes: many_sheets(2000, 5 * 1024 * 1024),
            extension: "xlsx",
            expect: Expect::Limit("--max-sheets"),
        },
        Case {
            name: "xlsx 200000 sheets → one 1-cell part",
            bytes: many_sheets(200_000, 0),
            extension: "xlsx",
            expect: Expect::Limit("--max-sheets"),
        },
        Case {
            name: "xlsx 20000 copies of one merge over 1000×1000",
            bytes: xlsx_edited(&[(0, 0, "项目名称"), (999, 999, "x")], |name, text| {
                if name == "xl/worksheets/sheet1.xml" {
                    let merges = r#"<mergeCell ref="A1:ALL1000"/>"#.repeat(20_000);
                    text.replacen(
                        "</sheetData>",
                        &format!(r#"</sheetData><mergeCells count="20000">{merges}</mergeCells>"#),
                        1,
                    )
                } else {
                    text
                }
            }),
            extension: "xlsx",
            expect: Expect::Limit("--max-cells"),
        },
        Case {
            name: "docx one 20 MB cell of spaced words",
            bytes: docx_of(&format!(
                "<w:tbl>{}{}{}</w:tbl>",
                row(&["项目名称", "甲", "", ""]),
                row(&["一级指标", "二级指标", "三级指标", "指标值"]),
                row(&["产出指标", "数量指标", &spaced, "6人"])
            )),
            extension: "docx",
            expect: Expect::Reads,
        },
        Case {
            name: "xlsx one 20 MB shared string of spaced words",
            // Excel's writers refuse strings over 32767 characters: the
            // long one is put into the shared-strings part afterwards.
            bytes: xlsx_edited(
                &[
                    (0, 0, "一级指标"),
                    (0, 1, "二级指标"),
                    (0, 2, "三级指标"),
                    (0, 3, "指标值"),
                    (1, 0, "产出指标"),
                    (1, 1, "数量指标"),
                    (1, 2, "SPACED"),
                    (1, 3, "6人"),
                ],
                |name, text| if name == "xl/sharedStrings.xml" { text.replacen("SPACED", &spaced, 1) } else { text },
            ),
            extension: "xlsx",
            expect: Expect::Reads,
        },
    ]
}

#[test]
fn every_declared_size_is_checked_before_it_is_allocated() {
    // Past 512 MB above what the test harness holds, allocation fails and
    // the test binary aborts: a case that tries is never silent.
    ALLOCATOR.set_limit(ALLOCATOR.allocated() + 512 * 1024 * 1024).expect("limit");
    let limits = Limits::default();
    let mut failures = Vec::new();
    for case in cases() {
        let started = Instant::now();
        let result = extract_bytes(&case.bytes, Some(case.extension), &limits);
        let outcome = match (&case.expect, result) {
            (Expect::Limit(flag), Err(ExtractError::LimitExceeded { limit, .. })) if limit.flag() == Some(flag) => {
                Ok(())
            }
            (Expect::Limit(flag), other) => Err(format!("expected a limit naming {flag}, got {other:?}")),
            (Expect::Reads, Ok(doc)) => {
                // The cost was in the later stages: run them too.
                let aligned = jixiao_align::align(&doc);
                let record = jixiao_normalize::normalize("hostile", &doc, &aligned);
                let rows = jixiao_emit::indicator_rows(&record);
                jixiao_emit::csv_body(&rows, true).map(|_| ()).map_err(|e| e.to_string())
            }
            (Expect::Reads, Err(e)) => Err(format!("expected to read, got {e}")),
        };
        let elapsed = started.elapsed();
        if let Err(e) = outcome {
            failures.push(format!("{}: {e}", case.name));
        }
        if elapsed > Duration::from_secs(5) {
            failures.push(format!("{}: took {elapsed:?}", case.name));
        }
        eprintln!("{:<55} {:>8.1} ms, {} KB", case.name, elapsed.as_secs_f64() * 1000.0, case.bytes.len() / 1024);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_generated_xlsx_and_its_entries_round_trip() {
    // The builders above edit real workbooks: check they still are ones.
    let bytes = xlsx_edited(&[(0, 0, "项目名称"), (0, 1, "甲")], |_, t| t);
    assert!(unzip(&bytes).iter().any(|(n, _)| n == "xl/workbook.xml"));
    let doc = extract_bytes(&bytes, Some("xlsx"), &Limits::default()).expect("xlsx");
    assert_eq!(doc.tables().next().expect("table").texts()[0], vec!["项目名称", "甲"]);
}
