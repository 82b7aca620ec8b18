//! Office formats through the public API: workbooks built here with a real
//! writer (rust_xlsxwriter), the LibreOffice-made corpus files in samples/,
//! renamed and disguised files.

use jixiao_extract::{extract, extract_bytes, sniff, ExtractError, Format, Limits};
use jixiao_model::{Block, Document, Table};
use rust_xlsxwriter::{Format as XFormat, Workbook};
use std::path::PathBuf;
use support::biff8_xls;

mod support;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn tables(doc: &Document) -> Vec<&Table> {
    doc.tables().collect()
}

fn text(t: &Table, r: usize, c: usize) -> &str {
    t.rows[r][c].text.as_str()
}

/// Two project sheets, the second hidden, with the merges real templates use.
fn workbook() -> Vec<u8> {
    let mut book = Workbook::new();
    let plain = XFormat::new();
    for (i, name) in ["1.甲项目", "2.乙项目"].iter().enumerate() {
        let ws = book.add_worksheet();
        ws.set_name(*name).expect("name");
        ws.merge_range(0, 0, 0, 4, "项目支出绩效目标表", &plain).expect("merge");
        ws.write_string(1, 0, "项目名称").expect("w");
        ws.merge_range(1, 1, 1, 4, &name[2..], &plain).expect("merge");
        ws.write_string(2, 0, "项目编码").expect("w");
        if i == 0 {
            ws.write_string(2, 1, "440306221390300000090").expect("w");
        } else {
            ws.write_number(2, 1, 4.403062313915e20).expect("w");
        }
        ws.write_string(3, 0, "单位代码").expect("w");
        ws.write_string(3, 1, "062001").expect("w");
        ws.write_string(4, 0, "本年度项目金额（万元）").expect("w");
        ws.write_number(4, 1, 50.0).expect("w");
        for (c, h) in ["一级指标", "二级指标", "三级指标", "目标值", "指标解释"].iter().enumerate() {
            ws.write_string(5, c as u16, *h).expect("w");
        }
        ws.merge_range(6, 0, 8, 0, "产出", &plain).expect("merge");
        ws.merge_range(6, 1, 7, 1, "数量", &plain).expect("merge");
        ws.write_string(6, 2, "培训人次").expect("w");
        ws.write_number(6, 3, 95.5).expect("w");
        ws.write_string(7, 2, "覆盖率").expect("w");
        ws.write_string(7, 3, "≥90%").expect("w");
        ws.write_string(8, 1, "质量").expect("w");
        ws.write_string(8, 2, "合格率").expect("w");
        // Stored as 1 under a percent format: the sheet shows 100%.
        ws.write_number_with_format(8, 3, 1.0, &XFormat::new().set_num_format("0%")).expect("w");
        ws.write_string(9, 0, "满意度").expect("w");
        ws.write_string(9, 1, "其他满意度").expect("w");
        ws.write_string(10, 0, "备注").expect("w");
        if i == 1 {
            ws.set_hidden(true);
        }
    }
    book.save_to_buffer().expect("xlsx")
}

#[test]
fn multi_sheet_workbook_with_merges_numbers_and_a_hidden_sheet() {
    let doc = extract_bytes(&workbook(), Some("xlsx"), &Limits::default()).expect("read");
    assert_eq!(doc.format, "xlsx");
    let t = tables(&doc);
    assert_eq!(t.len(), 2, "every sheet is read, the hidden one too");
    assert!(doc.diagnostics.iter().any(|d| d.message.contains("hidden") && d.message.contains("2.乙项目")));
    let first = t[0];
    assert_eq!(text(first, 3, 1), "062001", "codes stored as text keep their zeros");
    assert_eq!(text(first, 4, 1), "50", "50.0 is shown as 50");
    assert_eq!(text(first, 6, 3), "95.5");
    assert_eq!((first.rows[6][0].row_span, first.rows[6][0].col_span), (3, 1), "vertical merge");
    assert!(first.rows[7][0].is_covered() && text(first, 7, 0).is_empty());
    assert_eq!((first.rows[1][1].row_span, first.rows[1][1].col_span), (1, 4), "horizontal merge");
    assert_eq!(first.rows[6][2].source.to_string(), "1.甲项目!C7");
    assert_eq!(text(t[1], 2, 1), "4.403062313915E+20", "a float code is shown as the spreadsheet shows it");

    let aligned = jixiao_align::align(&doc);
    let names: Vec<&str> =
        aligned.owners.iter().filter_map(|o| o.project_name.as_ref()).map(|t| t.text.as_str()).collect();
    assert_eq!(names, vec!["甲项目", "乙项目"]);
    fn txt(x: &Option<jixiao_model::aligned::Traced>) -> &str {
        x.as_ref().map_or("", |t| t.text.as_str())
    }
    let rows: Vec<(&str, &str, &str)> =
        aligned.owners[0].rows.iter().map(|r| (txt(&r.level2), txt(&r.level3), txt(&r.target))).collect();
    assert_eq!(rows, vec![("数量", "培训人次", "95.5"), ("数量", "覆盖率", "≥90%"), ("质量", "合格率", "100%")]);
    assert!(aligned.owners[0].skipped.iter().all(|s| !s.cells.iter().any(|c| c == "其他满意度")));
}

#[test]
fn renamed_files_are_read_by_content_with_a_warning() {
    let doc = extract_bytes(&workbook(), Some("doc"), &Limits::default()).expect("xlsx named .doc");
    assert_eq!(doc.format, "xlsx");
    assert!(doc.diagnostics.iter().any(|d| d.message.contains(".doc")));
    let docx = std::fs::read(repo().join("samples/luolong-2024.docx")).expect("docx");
    let doc = extract_bytes(&docx, Some("xlsx"), &Limits::default()).expect("docx named .xlsx");
    assert_eq!(doc.format, "docx");
}

#[test]
fn html_saved_as_xls_is_read() {
    let html = "<html><body><p>项目支出绩效目标表</p><table>\
        <tr><td>项目名称</td><td colspan=3>丙项目</td></tr>\
        <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>\
        <tr><td rowspan=2>产出指标</td><td>数量指标</td><td>人数</td><td>6人</td></tr>\
        <tr><td>时效指标</td><td>完成时间</td><td>2023年12月底前</td></tr></table></body></html>";
    let (bytes, _, _) = encoding_rs::GBK.encode(html);
    assert_eq!(sniff(&bytes), Format::Html);
    let doc = extract_bytes(&bytes, Some("xls"), &Limits::default()).expect("html");
    assert_eq!(doc.format, "html");
    let aligned = jixiao_align::align(&doc);
    assert_eq!(aligned.owners[0].project_name.as_ref().map(|t| t.text.as_str()), Some("丙项目"));
    assert_eq!(aligned.owners[0].rows.len(), 2);
    assert_eq!(aligned.owners[0].rows[1].level1.as_ref().map(|t| t.text.as_str()), Some("产出指标"));
}

#[test]
fn office_suite_files_resolve_merges_both_ways() {
    let limits = Limits::default();
    for name in ["hengyang-2023.xlsx", "hengyang-2023.xls"] {
        let doc = extract(&repo().join("samples").join(name), &limits).expect(name);
        let merged = tables(&doc)
            .iter()
            .flat_map(|t| t.rows.iter().flatten())
            .filter(|c| c.row_span > 1 || c.col_span > 1)
            .count();
        assert!(merged > 0, "{name}: merged regions are applied");
        assert!(
            doc.blocks.iter().any(|b| matches!(b, Block::Paragraph(p) if p.source.sheet.is_some())),
            "{name}: sheet names kept"
        );
    }
    let doc = extract(&repo().join("samples/luolong-2024.docx"), &limits).expect("docx");
    let spans =
        tables(&doc).iter().flat_map(|t| t.rows.iter().flatten()).filter(|c| c.row_span > 1 || c.col_span > 1).count();
    assert!(spans > 0, "docx gridSpan/vMerge resolved");
}

#[test]
fn legacy_word_is_read_natively_with_its_merged_cells() {
    let limits = Limits::default();
    let bytes = std::fs::read(repo().join("tests/fixtures/luolong-2024.doc")).expect("doc");
    let doc = extract_bytes(&bytes, Some("doc"), &limits).expect("doc");
    assert_eq!(doc.format, "doc");
    let aligned = jixiao_align::align(&doc);
    assert_eq!(aligned.owners.iter().map(|o| o.rows.len()).sum::<usize>(), 99);
    // The same grids as the .docx LibreOffice made of the same document.
    let docx = extract(&repo().join("samples/luolong-2024.docx"), &limits).expect("docx");
    let texts = |d: &jixiao_model::Document| d.tables().map(jixiao_model::Table::texts).collect::<Vec<_>>();
    assert_eq!(texts(&doc), texts(&docx));
    let spans = |d: &jixiao_model::Document| {
        d.tables().flat_map(|t| t.rows.iter().flatten()).map(|c| (c.row_span, c.col_span)).collect::<Vec<_>>()
    };
    assert_eq!(spans(&doc), spans(&docx), "merged cells in the same places");
    // The department table LibreOffice saved as Word 97: the same again.
    let bytes_dept = std::fs::read(repo().join("tests/fixtures/doc/hengdong-dept-2021.doc")).expect("doc");
    let dept = extract_bytes(&bytes_dept, Some("doc"), &limits).expect("doc");
    let dept_docx = extract(&repo().join("samples/hengdong-dept-2021.docx"), &limits).expect("docx");
    assert_eq!(texts(&dept), texts(&dept_docx));
    assert_eq!(spans(&dept), spans(&dept_docx));
    // WPS Writer's .wps is the same binary: read, with no warning about the name.
    let wps = extract_bytes(&bytes, Some("wps"), &limits).expect("wps");
    assert_eq!(texts(&wps), texts(&doc));
    assert!(wps.diagnostics.iter().all(|d| !d.message.contains(".wps")), "{:?}", wps.diagnostics);
}

#[test]
fn a_workbook_that_mentions_word_streams_is_still_a_workbook() {
    // The UTF-16 bytes of "WordDocument" in a cell made the old byte scan
    // send this workbook to the Word reader.
    let xls = biff8_xls(&[
        &["项目名称", "WordDocument 归档系统", "", ""],
        &["一级指标", "二级指标", "三级指标", "指标值"],
        &["产出指标", "数量指标", "EncryptedPackage 份数", "≥3份"],
    ]);
    let needle: Vec<u8> = "WordDocument".encode_utf16().flat_map(u16::to_le_bytes).collect();
    assert!(xls.windows(needle.len()).any(|w| w == needle.as_slice()), "the bytes are in the file");
    let doc = extract_bytes(&xls, Some("xls"), &Limits::default()).expect("read as a workbook");
    assert_eq!(doc.format, "xls");
    let rows = &doc.tables().next().expect("table").texts();
    assert_eq!(rows[2], vec!["产出指标", "数量指标", "EncryptedPackage 份数", "≥3份"]);
}

#[test]
fn rtf_made_from_a_sample_converts() {
    // The indicator rows of sample 004 as an RTF table, one row per line.
    let text = std::fs::read_to_string(repo().join("samples/004_ff68eaab89af36f2.txt")).expect("sample");
    let doc = jixiao_text::extract(text.as_bytes()).expect("sample reads");
    let table = doc.tables().next().expect("a table").texts();
    let escape = |s: &str| {
        s.chars()
            .map(|c| match c {
                '\\' | '{' | '}' => format!("\\{c}"),
                '\n' => "\\line ".to_string(),
                c if c.is_ascii() => c.to_string(),
                c => c.encode_utf16(&mut [0; 2]).iter().map(|u| format!("\\u{}?", *u as i16)).collect(),
            })
            .collect::<String>()
    };
    let mut rtf = String::from("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 SimSun;}}\n");
    for row in &table {
        rtf.push_str("\\trowd");
        for c in 0..row.len() {
            rtf.push_str(&format!("\\cellx{}", (c + 1) * 1500));
        }
        rtf.push('\n');
        for cell in row {
            rtf.push_str(&format!("\\pard\\intbl {}\\cell", escape(cell)));
        }
        rtf.push_str("\\row\n");
    }
    rtf.push('}');
    let read = extract_bytes(rtf.as_bytes(), Some("rtf"), &Limits::default()).expect("rtf");
    assert_eq!(read.format, "rtf");
    // Rows come back padded to the widest one.
    let back = read.tables().next().expect("table").texts();
    assert_eq!(back.len(), table.len());
    for (got, want) in back.iter().zip(&table) {
        assert_eq!(&got[..want.len()], &want[..]);
        assert!(got[want.len()..].iter().all(String::is_empty), "{got:?}");
    }
    let aligned = jixiao_align::align(&read);
    assert!(aligned.owners.iter().map(|o| o.rows.len()).sum::<usize>() > 0);
}

#[test]
fn damaged_office_files_are_clear_errors() {
    let limits = Limits::default();
    let xlsx = workbook();
    let err = extract_bytes(&xlsx[..xlsx.len() / 2], Some("xlsx"), &limits).expect_err("truncated zip");
    assert!(matches!(err, ExtractError::Corrupt { .. }), "{err}");
    let mut cfb = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    cfb.extend(std::iter::repeat_n(0u8, 600));
    let err = extract_bytes(&cfb, Some("xls"), &limits).expect_err("broken cfb");
    assert!(matches!(err, ExtractError::Corrupt { .. }), "{err}");
}

/// Found by `make fuzz` (target office): calamine's OLE2 reader panicked on
/// two damaged .xls with a slice index out of range, and followed a looping
/// sector chain of a third until it asked for 8 GB. The validating `cfb`
/// reader now refuses all three before calamine sees them.
#[test]
fn fuzz_office_cfb_finds_are_damaged_files() {
    for name in ["office-cfb-slice-index.xls", "office-cfb-slice-index-2.xls", "office-cfb-chain-loop.xls"] {
        let path = repo().join("tests/fixtures/fuzz").join(name);
        let err = extract(&path, &Limits::default()).expect_err("damaged");
        assert!(matches!(err, ExtractError::Corrupt { .. }), "{name}: {err}");
    }
}

/// The merged regions the ZIP prescan reads itself must be calamine's:
/// each variant is read both ways (through `extract_bytes`, and by
/// calamine alone through `sheet::extract_workbook`) and must come out
/// the same, document or error.
#[test]
fn merged_regions_read_in_the_prescan_are_calamines() {
    let edited = |edit: &dyn Fn(&str) -> String| {
        let entries = support::unzip(&workbook())
            .into_iter()
            .map(|(name, data)| match name.starts_with("xl/worksheets/") {
                true => {
                    let text = String::from_utf8(data).expect("utf-8");
                    (name, edit(&text).into_bytes())
                }
                false => (name, data),
            })
            .collect::<Vec<_>>();
        support::zip_of(&entries)
    };
    let prefixed = |x: &str| {
        x.replace("<mergeCells", r#"<x:mergeCells xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main""#)
            .replace("<mergeCell ", "<x:mergeCell ")
            .replace("</mergeCells>", "</x:mergeCells>")
    };
    let inline =
        r#"<row r="40"><c r="A40" t="inlineStr"><is><t>mergeCells &lt;/sheetData></t></is></c></row></sheetData>"#;
    let mut variants: Vec<(String, Vec<u8>)> = vec![
        ("as written".into(), workbook()),
        ("prefixed".into(), edited(&prefixed)),
        ("a comment among the cells".into(), edited(&|x| x.replacen("<row ", "<!-- </sheetData> --><row ", 1))),
        ("the name as cell text".into(), edited(&|x| x.replacen("</sheetData>", inline, 1))),
        ("a reversed range".into(), edited(&|x| x.replacen(r#"ref="A1:E1""#, r#"ref="E1:A1""#, 1))),
        ("lower-case references".into(), edited(&|x| x.replace(r#"ref="B2:E2""#, r#"ref="b2:e2""#))),
        ("an odd reference".into(), edited(&|x| x.replacen(r#"ref="A1:E1""#, r#"ref="A1:E1:F1""#, 1))),
        ("unclosed".into(), edited(&|x| x.replace("</mergeCells>", ""))),
        ("none".into(), edited(&|x| x.replace("<mergeCell ", "<ignored "))),
    ];
    let real = repo().join("../shared/real/songgang-2023");
    for entry in std::fs::read_dir(&real).into_iter().flatten().flatten() {
        variants.push((entry.path().display().to_string(), std::fs::read(entry.path()).expect("read")));
    }
    for (name, bytes) in &variants {
        read_the_same_both_ways(bytes, name);
    }
}

/// The same, under seeded mutations of a sheet's markup around its merged
/// regions: whatever the prescan makes of the bytes, it is calamine's.
#[test]
fn mutated_merge_markup_reads_as_calamine_reads_it() {
    let entries = support::unzip(&workbook());
    let sheet = entries.iter().position(|(name, _)| name == "xl/worksheets/sheet1.xml").expect("sheet");
    let original = entries[sheet].1.clone();
    let tail = original.windows(12).position(|w| w == b"</sheetData>").expect("cells end");
    let alphabet = b"<>/:!?-=\" mergeCellsheetDataref A1:B2x";
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = |bound: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % bound as u64) as usize
    };
    for round in 0..400 {
        let mut xml = original.clone();
        for _ in 0..1 + next(4) {
            // Mostly around the end of the cells and the merges.
            let at = if next(4) == 0 { next(xml.len()) } else { (tail + next(xml.len() - tail)).min(xml.len() - 1) };
            match next(3) {
                0 => xml[at] = alphabet[next(alphabet.len())],
                1 => {
                    xml.remove(at);
                }
                _ => {
                    let piece = [
                        b"<!--".as_slice(),
                        b"-->",
                        b"</sheetData>",
                        b"<mergeCells>",
                        b"<x:mergeCell ref=\"C3:A1\"/>",
                        b"mergeCells",
                        b"<?p?>",
                    ];
                    let piece = piece[next(piece.len())];
                    xml.splice(at..at, piece.iter().copied());
                }
            }
        }
        let mut edited = entries.clone();
        edited[sheet].1 = xml;
        read_the_same_both_ways(&support::zip_of(&edited), &format!("round {round}"));
    }
}

/// An .xlsx read through `extract_bytes` (merged regions from the ZIP
/// prescan) and by calamine alone (`sheet::extract_workbook`) gives equal
/// documents, or equal errors.
fn read_the_same_both_ways(bytes: &[u8], what: &str) {
    use jixiao_extract::sheet::{extract_workbook, WorkbookKind};
    let limits = Limits::default();
    match (extract_bytes(bytes, Some("xlsx"), &limits), extract_workbook(bytes, WorkbookKind::Xlsx, &limits)) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{what}"),
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{what}"),
        (a, b) => panic!("{what}: {a:?} against {b:?}"),
    }
}
