//! Hostile and broken input, generated here: every case must end as a
//! report entry with a clear reason (or a correct conversion), within
//! bounded time, without taking the other files' outputs down.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What a case must come to.
enum Expect {
    /// Converted; at least this many indicators.
    Converted(usize),
    /// Failed, the error containing this text.
    Fails(&'static str),
    /// Not failed (read, perhaps with nothing in it or with warnings).
    Read,
}

struct Case {
    name: String,
    bytes: Vec<u8>,
    expect: Expect,
}

fn case(name: &str, bytes: Vec<u8>, expect: Expect) -> Case {
    Case { name: name.to_string(), bytes, expect }
}

/// Deterministic noise.
fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

fn cell(text: &str) -> String {
    format!("<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
}

/// A small indicator table as Word XML, with `extra` inside one cell.
fn indicator_table(extra: &str) -> String {
    let row = |cells: &[&str]| format!("<w:tr>{}</w:tr>", cells.iter().map(|c| cell(c)).collect::<String>());
    format!(
        "<w:p><w:r><w:t>项目支出绩效目标表</w:t></w:r></w:p><w:tbl>{}{}{}</w:tbl>",
        row(&["项目名称", "甲项目", "", ""]),
        row(&["一级指标", "二级指标", "三级指标", "指标值"]),
        row(&["产出指标", "数量指标", &format!("人数{extra}"), "6人"])
    )
}

fn cfb_of(streams: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut comp = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).expect("cfb");
    for (name, data) in streams {
        let mut s = comp.create_stream(*name).expect("stream");
        s.write_all(data).expect("write");
    }
    comp.flush().expect("flush");
    comp.into_inner().into_inner()
}

fn record(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut out = typ.to_le_bytes().to_vec();
    out.extend((data.len() as u16).to_le_bytes());
    out.extend_from_slice(data);
    out
}

/// A BIFF5 workbook (Excel 5/95) with a GBK code page and one indicator table.
fn biff5_xls() -> Vec<u8> {
    let label = |r: u16, c: u16, text: &str| {
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let mut d = Vec::new();
        for v in [r, c, 0, gbk.len() as u16] {
            d.extend(v.to_le_bytes());
        }
        d.extend_from_slice(&gbk);
        record(0x0204, &d)
    };
    let bof = |dt: u16| record(0x0809, &[0x00, 0x05, dt.to_le_bytes()[0], dt.to_le_bytes()[1], 0, 0, 0, 0]);
    let mut sheet = bof(0x0010);
    let rows = [
        ["项目名称", "乙项目", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "培训人次", "≥2000人次"],
        ["满意度指标", "服务对象满意度指标", "满意度", "≥95%"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
            sheet.extend(label(r as u16, c as u16, text));
        }
    }
    sheet.extend(record(0x000A, &[]));
    let name = b"Sheet1";
    let globals_without_sheet = |pos: u32| {
        let mut g = bof(0x0005);
        g.extend(record(0x0042, &936u16.to_le_bytes()));
        let mut bs = pos.to_le_bytes().to_vec();
        bs.extend([0, 0, name.len() as u8]);
        bs.extend_from_slice(name);
        g.extend(record(0x0085, &bs));
        g.extend(record(0x000A, &[]));
        g
    };
    let pos = globals_without_sheet(0).len() as u32;
    let mut book = globals_without_sheet(pos);
    book.extend(sheet);
    cfb_of(&[("Book", book)])
}

/// A BIFF8 workbook whose FILEPASS record says it is encrypted.
fn encrypted_xls() -> Vec<u8> {
    let mut book = record(0x0809, &[0x00, 0x06, 0x05, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    book.extend(record(0x002F, &[0x01, 0x00, 0x01, 0x00, 0x01, 0x00]));
    book.extend(record(0x000A, &[]));
    cfb_of(&[("Workbook", book)])
}

fn million_rows_xlsx() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "一级指标").expect("w");
    ws.write_string(999_999, 25, "x").expect("w");
    book.save_to_buffer().expect("xlsx")
}

fn xlsx_with_entity(entity: &str) -> Vec<u8> {
    let sheet = format!(
        r#"<?xml version="1.0"?>{entity}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>"#
    );
    let workbook = r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    let rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
    let root_rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    common::zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("_rels/.rels", root_rels.as_bytes()),
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ])
}

const XXE: &str = r#"<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>"#;
const LAUGHS: &str = r#"<!DOCTYPE d [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>"#;

fn with_doctype(docx_doctype: &str, body: &str) -> Vec<u8> {
    let xml = format!(
        r#"<?xml version="1.0"?>{docx_doctype}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    common::zip_of(&[("[Content_Types].xml", b"<Types/>"), ("word/document.xml", xml.as_bytes())])
}

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(common::samples().join(name)).expect("sample")
}

/// The cases read with default limits.
fn default_cases() -> Vec<Case> {
    let good = sample("004_ff68eaab89af36f2.txt");
    let docx = sample("luolong-2024.docx");
    let xlsx = sample("hengyang-2023.xlsx");
    let xls = sample("hengyang-2023.xls");
    let doc = std::fs::read(common::repo_root().join("tests/fixtures/luolong-2024.doc")).expect("doc");
    let mut cases = vec![
        case("good.txt", good.clone(), Expect::Converted(32)),
        case("empty.txt", Vec::new(), Expect::Fails("file is empty")),
        case("truncated.docx", docx[..docx.len() / 2].to_vec(), Expect::Fails("damaged")),
        case("truncated.xlsx", xlsx[..xlsx.len() / 2].to_vec(), Expect::Fails("damaged")),
        case("truncated.xls", xls[..xls.len() / 3].to_vec(), Expect::Fails("damaged")),
        case("truncated.doc", doc[..doc.len() / 3].to_vec(), Expect::Fails("")),
        case("xxe.docx", with_doctype(XXE, &indicator_table("&xxe;")), Expect::Converted(1)),
        case("billion-laughs.docx", with_doctype(LAUGHS, &indicator_table("&lol9;")), Expect::Converted(1)),
        case("xxe.xlsx", xlsx_with_entity(XXE), Expect::Read),
        case("nested-tables.docx", common::docx_of(&("<w:tbl><w:tr><w:tc>".repeat(200) + "<w:p/>" + &"</w:tc></w:tr></w:tbl>".repeat(200))), Expect::Fails("nested deeper than 32")),
        case("million-rows.xlsx", million_rows_xlsx(), Expect::Fails("over the limit")),
        case("huge-cell.txt", "一".repeat(50 * 1024 * 1024 / 3).into_bytes(), Expect::Read),
        case("encrypted.xlsx", cfb_of(&[("EncryptedInfo", vec![4, 0, 4, 0]), ("EncryptedPackage", noise(7, 4096))]), Expect::Fails("password-protected")),
        case("encrypted.xls", encrypted_xls(), Expect::Fails("password-protected")),
        case("biff5.xls", biff5_xls(), Expect::Converted(2)),
        case("biff4.xls", [record(0x0409, &[0, 0, 0x10, 0, 0, 0]), record(0x000A, &[])].concat(), Expect::Fails("Excel 2.x–4.x")),
        case("parts-missing.docx", common::zip_of(&[("[Content_Types].xml", b"<Types/>"), ("word/styles.xml", b"<styles/>")]), Expect::Fails("neither a Word nor a spreadsheet")),
        case("invalid-utf8.txt", [&good[..2000], &[0xFF, 0xFE, 0xC0][..], &good[2000..]].concat(), Expect::Read),
        case("mixed-encodings.txt", [&good[..], &encoding_rs::GBK.encode("项目名称\t混合编码\n").0[..]].concat(), Expect::Read),
        // RTF is read (natively, like .doc): a letter without a table has no indicators.
        case("letter.rtf.doc", "{\\rtf1\\ansi 项目}".as_bytes().to_vec(), Expect::Read),
        case("truncated.pdf", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj".to_vec(), Expect::Fails("damaged file: PDF")),
        case("deep.html.xls", ("<html><body>".to_string() + &"<table><tr><td>".repeat(100)).into_bytes(), Expect::Fails("nested deeper")),
        case("formula.txt", "项目名称\t=HYPERLINK(\"http://x\",\"点\")\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t@SUM(1)\t+5\n".as_bytes().to_vec(), Expect::Converted(1)),
    ];
    for (i, ext) in ["txt", "docx", "xlsx", "xls", "doc", "et", "wps", "ods", "html", "pdf"].iter().enumerate() {
        cases.push(case(&format!("random.{ext}"), noise(i as u64 + 1, 4096), Expect::Fails("")));
    }
    cases
}

/// Cases read with lowered limits (a ZIP bomb against --max-unzipped, a
/// large file against --max-file-size).
fn limited_cases() -> Vec<Case> {
    let bomb = vec![b' '; 20 * 1024 * 1024];
    let xlsx = xlsx_with_entity("");
    let mut book = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("zip");
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..book.len() {
        let mut e = book.by_index(i).expect("entry");
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut e, &mut data).expect("read");
        entries.push((e.name().expect("a text name").into_owned(), data));
    }
    entries.push(("xl/bomb.xml".into(), bomb.clone()));
    let refs: Vec<(&str, &[u8])> = entries.iter().map(|(n, d)| (n.as_str(), d.as_slice())).collect();
    vec![
        case("good.txt", sample("004_ff68eaab89af36f2.txt"), Expect::Converted(32)),
        case(
            "bomb.docx",
            common::docx_of(&format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", String::from_utf8_lossy(&bomb))),
            Expect::Fails("limit reached"),
        ),
        case("bomb.xlsx", common::zip_of(&refs), Expect::Fails("limit reached")),
        case("too-big.txt", vec![b'x'; 3 * 1024 * 1024], Expect::Fails("over the limit")),
    ]
}

/// Runs the binary on the bad inputs (a hang fails the test).
fn run(input: &Path, out: &Path, extra: &[&str]) -> (i32, serde_json::Value, Duration) {
    let (code, elapsed) = common::convert_with(input, out, extra);
    let report =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).expect("report")).expect("json");
    (code, report, elapsed)
}

fn check(cases: &[Case], report: &serde_json::Value, out: &Path, failures: &mut Vec<String>) {
    let files = report["files"].as_array().expect("files");
    for c in cases {
        let Some(entry) = files.iter().find(|f| f["input"] == c.name.as_str()) else {
            failures.push(format!("{}: missing from the report", c.name));
            continue;
        };
        let error = entry["error"].as_str().unwrap_or("");
        if error.contains("internal error") {
            failures.push(format!("{}: crashed: {error}", c.name));
        }
        match c.expect {
            Expect::Converted(n) => {
                let got = entry["counts"]["indicators"].as_u64().unwrap_or(0) as usize;
                if entry["status"] == "failed" || got < n {
                    failures.push(format!("{}: expected {n}+ indicators, got {got} ({error})", c.name));
                }
            }
            Expect::Fails(text) => {
                if entry["status"] != "failed" || !error.contains(text) || error.is_empty() {
                    failures.push(format!(
                        "{}: expected a failure mentioning {text:?}, got {} {error:?}",
                        c.name, entry["status"]
                    ));
                }
            }
            Expect::Read => {
                if entry["status"] == "failed" {
                    failures.push(format!("{}: expected to be read, failed: {error}", c.name));
                }
            }
        }
    }
    // The good file's outputs are intact whatever happened around it.
    let csv = std::fs::read_to_string(out.join("indicators.csv")).expect("csv");
    if csv.matches("good.txt,").count() < 32 || !out.join("json/good.txt.json").is_file() {
        failures.push("the good file's outputs were not all written".into());
    }
}

fn write_cases(dir: &Path, cases: &[Case]) {
    std::fs::create_dir_all(dir).expect("mkdir");
    for c in cases {
        std::fs::write(dir.join(&c.name), &c.bytes).expect("write");
    }
}

#[test]
fn every_bad_input_gets_a_clear_report_entry() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("输入 目录");
    let cases = default_cases();
    write_cases(&input, &cases);
    // A path with spaces and CJK characters, and a directory link loop.
    let nested: PathBuf = input.join("路径 with spaces 和中文");
    std::fs::create_dir_all(&nested).expect("mkdir");
    std::fs::write(nested.join("项目 表.txt"), sample("003_5350117623e3437c.txt")).expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&input, nested.join("loop")).expect("symlink");
    let out = tmp.path().join("out");
    let (code, report, elapsed) = run(&input, &out, &[]);
    let mut failures = Vec::new();
    check(&cases, &report, &out, &mut failures);
    let files = report["files"].as_array().expect("files");
    let cjk = files.iter().find(|f| f["input"] == "路径 with spaces 和中文/项目 表.txt");
    if cjk.is_none_or(|f| f["counts"]["indicators"].as_u64() != Some(91))
        || !out.join("json/路径 with spaces 和中文/项目 表.txt.json").is_file()
    {
        failures.push(format!("the CJK path was not converted where expected: {cjk:?}"));
    }
    #[cfg(unix)]
    if !files.iter().any(|f| f["error"].as_str().is_some_and(|e| e.contains("loop"))) {
        failures.push("the link loop is not reported".into());
    }
    let all = std::fs::read_to_string(out.join("indicators.csv")).expect("csv")
        + &std::fs::read_to_string(out.join("json/xxe.docx.json")).unwrap_or_default();
    if all.contains("root:") {
        failures.push("an external entity was fetched".into());
    }
    let formula = std::fs::read_to_string(out.join("indicators.csv")).expect("csv");
    if !formula.contains("'@SUM(1)") || formula.contains(",@SUM") || !formula.contains(",+5,") {
        failures.push("formula cells are not neutralised (numbers must stay as they are)".into());
    }
    assert_eq!(code, 1, "some inputs failed");
    assert!(cases.len() >= 30, "{} cases", cases.len());
    assert!(elapsed < Duration::from_secs(120), "took {elapsed:?}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn limits_stop_bombs_and_big_files() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    let cases = limited_cases();
    write_cases(&input, &cases);
    let out = tmp.path().join("out");
    let (code, report, _) = run(&input, &out, &["--max-unzipped", "5000000", "--max-file-size", "2000000"]);
    let mut failures = Vec::new();
    check(&cases, &report, &out, &mut failures);
    assert_eq!(code, 1);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn formula_guard_can_be_turned_off() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("formula.txt");
    std::fs::write(&input, "项目名称\t甲\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t@SUM(1)\t5\n")
        .expect("write");
    let out = tmp.path().join("out");
    let (code, _, _) = run(&input, &out, &["--no-formula-guard"]);
    assert_eq!(code, 0);
    let csv = std::fs::read_to_string(out.join("indicators.csv")).expect("csv");
    assert!(csv.contains(",@SUM(1),") && !csv.contains("'@SUM"));
}

#[test]
fn damaged_legacy_word_files_fail_alone() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).expect("mkdir");
    let doc = std::fs::read(common::repo_root().join("tests/fixtures/luolong-2024.doc")).expect("doc");
    for i in 0..3 {
        std::fs::write(input.join(format!("copy{i}.doc")), &doc).expect("write");
    }
    std::fs::write(input.join("copy.wps"), &doc).expect("write");
    // Damaged past its header, and cut short: still OLE2 files with a
    // WordDocument stream, or no longer readable containers.
    let mut bad = doc.clone();
    for b in bad.iter_mut().skip(4096).step_by(7) {
        *b = 0xFF;
    }
    std::fs::write(input.join("damaged.doc"), &bad).expect("write");
    std::fs::write(input.join("truncated.doc"), &doc[..doc.len() / 3]).expect("write");
    let out = tmp.path().join("out");
    let (_, report, _) = run(&input, &out, &[]);
    let files = report["files"].as_array().expect("files");
    for name in ["copy0.doc", "copy1.doc", "copy2.doc", "copy.wps"] {
        let f = files.iter().find(|f| f["input"] == name).expect("entry");
        assert_eq!(f["counts"]["indicators"], 99, "{f}");
        assert_eq!(f["format"], "doc");
    }
    for name in ["damaged.doc", "truncated.doc"] {
        let f = files.iter().find(|f| f["input"] == name).expect("entry");
        // The reader may salvage part of it or give up; either way it is
        // this file's own entry, never a crash.
        let error = f["error"].as_str().unwrap_or("");
        assert!(!error.contains("internal error") && f["worker_failure"].is_null(), "{f}");
    }
}

#[cfg(unix)]
#[test]
fn special_files_links_out_and_odd_names_are_entries_never_reads() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).expect("mkdir");
    let good = sample("004_ff68eaab89af36f2.txt");
    std::fs::write(input.join("good.txt"), &good).expect("write");
    rustix::fs::mknodat(rustix::fs::CWD, input.join("x.txt"), rustix::fs::FileType::Fifo, rustix::fs::Mode::RUSR, 0)
        .expect("mkfifo");
    std::os::unix::fs::symlink("/dev/urandom", input.join("random.txt")).expect("link");
    std::os::unix::fs::symlink("/", input.join("root")).expect("link");
    // Control and bidi characters, and a valid name too long once .json is added.
    for name in ["new\nline.txt", "esc\u{1b}[31m.txt", "del\u{7f}.txt", "cr\r.txt", "rlo\u{202e}txt.exe.txt"] {
        std::fs::write(input.join(name), &good).expect("write");
    }
    let long = format!("{}.txt", "项".repeat(83)); // 253 bytes
    std::fs::write(input.join(&long), &good).expect("write");
    let out = tmp.path().join("out");
    let args =
        [std::ffi::OsStr::new("convert"), input.as_os_str(), "/dev/zero".as_ref(), "-o".as_ref(), out.as_os_str()];
    let (code, _) = common::run_jixiao(&args, Duration::from_secs(60));
    assert_eq!(code, 1, "special files fail");
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("report.json")).expect("report")).expect("json");
    let files = report["files"].as_array().expect("files");
    // The inputs share only `/`, so names are relative to it: match the end.
    let named = |f: &serde_json::Value, input: &str| {
        f["input"].as_str().is_some_and(|i| i == input || i.ends_with(&format!("/{input}")))
    };
    let entry = |input: &str| files.iter().find(|f| named(f, input)).unwrap_or_else(|| panic!("{input}: {files:?}"));
    for (name, reason) in [
        ("in/x.txt", "FIFO"),
        ("in/random.txt", "leaves the input folder"),
        ("in/root", "leaves the input folder"),
        ("zero", "device"),
    ] {
        let e = entry(name);
        assert_eq!(e["status"], "failed", "{e}");
        assert!(e["error"].as_str().unwrap_or("").contains(reason), "{name}: {e}");
    }
    for shown in [
        "in/new\\u{a}line.txt",
        "in/esc\\u{1b}[31m.txt",
        "in/del\\u{7f}.txt",
        "in/cr\\u{d}.txt",
        "in/rlo\\u{202e}txt.exe.txt",
    ] {
        let e = entry(shown);
        assert_eq!(e["status"], "ok", "{e}");
        let json = e["output"].as_str().expect("output");
        assert!(!json.chars().any(|c| c.is_control() || c == '\u{202e}'), "{json}");
        assert!(out.join(json).is_file(), "{json}");
    }
    let long_entry = entry(&format!("in/{long}"));
    assert_eq!(long_entry["status"], "ok", "{long_entry}");
    assert!(out.join(long_entry["output"].as_str().expect("output")).is_file());
    let csv = std::fs::read_to_string(out.join("indicators.csv")).expect("csv");
    assert!(!csv.contains('\u{202e}') && !csv.contains('\u{1b}'), "no hidden characters in the CSV");
}

#[test]
fn the_formula_guard_covers_every_cell_of_every_csv() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("targets.txt");
    let rows = ["1-2=cmd|x", ">=1+A1", "1-2=TRUE", "=HYPERLINK(1)", "-5"]
        .iter()
        .enumerate()
        .map(|(i, t)| format!("产出指标\t数量指标\t指标{i}\t{t}\n"))
        .collect::<String>();
    std::fs::write(&input, format!("项目名称\t=项目\n一级指标\t二级指标\t三级指标\t指标值\n{rows}")).expect("write");
    let out = tmp.path().join("out");
    let (code, _, _) = run(&input, &out, &[]);
    assert_eq!(code, 0, "converted; one row such as 1-2=cmd|x (two numbers) is listed, not a file status");
    for csv in ["indicators.csv", "projects.csv", "report.csv"] {
        let mut reader = csv::Reader::from_path(out.join(csv)).expect("csv");
        for record in reader.records() {
            for cell in record.expect("row").iter() {
                let risky =
                    cell.starts_with(['=', '+', '@']) || (cell.starts_with('-') && cell.parse::<f64>().is_err());
                assert!(!risky || matches!(cell, "=" | ">=" | "<=" | "-"), "{csv}: {cell:?} would run as a formula");
            }
        }
    }
}
