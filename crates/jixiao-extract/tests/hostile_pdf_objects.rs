//! Hostile input, round 3: PDF pages that draw too much. pdfplumber 0.4.1
//! built a whole page before counting its objects, so a small file (1–340
//! KB) drawing millions of glyphs, rectangles, `m` operators or saved
//! graphics states, an 8 MB ToUnicode entry drawn 2,000 times, or Form
//! XObjects drawing each other 10⁹ times, ran out of memory. The patched
//! copy (`vendor/pdfplumber*`) counts while it interprets: each case must
//! stop at its limit, naming the flag, with the test binary's allocator
//! refusing past 512 MB (an abort, loud, if anything is built whole).

mod pdf_support;

use jixiao_extract::{extract_bytes, ExtractError, Limit, Limits, Place};
use pdf_support::{deflated_stream, write_pdf};

#[global_allocator]
static ALLOCATOR: cap::Cap<std::alloc::System> = cap::Cap::new(std::alloc::System, usize::MAX);

/// Memory-capped tests run one at a time: the cap is the whole binary's,
/// and a limit set while another capped test holds its memory may fall
/// below what is allocated (`set_limit` refuses it).
fn guard_memory() -> std::sync::MutexGuard<'static, ()> {
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let turn = ONE_AT_A_TIME.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    ALLOCATOR.set_limit(ALLOCATOR.allocated() + (512 << 20)).expect("limit");
    turn
}

/// A one-page PDF: `content` (deflated) drawn with the font /F1
/// (Helvetica, with `to_unicode` as its ToUnicode map when given) and the
/// Form XObjects `forms` (name, resources, content), objects 10 on.
fn one_page(content: &[u8], to_unicode: Option<&[u8]>, forms: &[(String, String, Vec<u8>)]) -> Vec<u8> {
    let xobjects: String =
        forms.iter().enumerate().map(|(i, (name, _, _))| format!("/{name} {} 0 R ", 10 + i)).collect();
    let unicode = if to_unicode.is_some() { "/ToUnicode 6 0 R" } else { "" };
    let mut objects = vec![
        (1, b"<< /Type /Catalog /Pages 2 0 R >>".to_vec()),
        (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec()),
        (
            3,
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
                 /Resources << /Font << /F1 5 0 R >> /XObject << {xobjects}>> >> >>"
            )
            .into_bytes(),
        ),
        (4, deflated_stream("", content)),
        (5, format!("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica {unicode} >>").into_bytes()),
    ];
    if let Some(cmap) = to_unicode {
        objects.push((6, deflated_stream("", cmap)));
    }
    for (i, (_, resources, body)) in forms.iter().enumerate() {
        let dict = format!("/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << {resources} >>");
        objects.push((10 + i as u32, deflated_stream(&dict, body)));
    }
    write_pdf(&objects, "")
}

/// `line` written `times` times.
fn repeated(line: &str, times: usize) -> Vec<u8> {
    line.as_bytes().repeat(times)
}

/// The error of reading `pdf` with the default limits, which must be the
/// `limit` on page 1, naming `flag`.
fn assert_limit(pdf: &[u8], limit: Limit, flag: &str) -> String {
    let _turn = guard_memory();
    let result = extract_bytes(pdf, Some("pdf"), &Limits::default());
    match result {
        Err(ExtractError::LimitExceeded { limit: l, at: Place::Page(1), .. }) if l == limit => {}
        other => panic!("expected {limit:?} on page 1, got {other:?}"),
    }
    let message = result.expect_err("limit").to_string();
    assert!(message.contains(flag), "{message}");
    message
}

#[test]
fn five_million_glyphs_stop_at_the_page_budget() {
    let content = [b"BT /F1 1 Tf 10 10 Td (".as_slice(), &repeated("A", 5_000_000), b") Tj ET"].concat();
    let message = assert_limit(&one_page(&content, None, &[]), Limit::Cells, "--max-cells");
    assert!(message.contains("objects"), "{message}");
}

#[test]
fn three_million_rectangles_stop_at_the_page_budget() {
    let content = repeated("0 0 1 1 re f\n", 3_000_000);
    assert_limit(&one_page(&content, None, &[]), Limit::Cells, "--max-cells");
}

#[test]
fn twelve_million_moveto_operators_stop_at_the_page_budget() {
    // The path is never painted: 0.4.1 held every operator, then every
    // segment of the path.
    let content = repeated("0 0 m\n", 12_000_000);
    assert_limit(&one_page(&content, None, &[]), Limit::Cells, "--max-cells");
}

#[test]
fn five_million_saved_states_stop_at_the_depth_limit() {
    let message = assert_limit(&one_page(&repeated("q\n", 5_000_000), None, &[]), Limit::Depth, "--max-depth");
    assert!(message.contains("graphics states"), "{message}");
}

#[test]
fn an_eight_megabyte_tounicode_entry_drawn_two_thousand_times_stops() {
    // Code 0x41 maps to 4,194,304 UTF-16 units (8 MB), 12 MB of UTF-8 a glyph.
    let cmap = [
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
          1 begincodespacerange <00> <FF> endcodespacerange\n1 beginbfchar\n<41> <"
            .as_slice(),
        &repeated("4E00", 1 << 22),
        b">\nendbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end",
    ]
    .concat();
    let content = [b"BT /F1 1 Tf 10 10 Td (".as_slice(), &repeated("A", 2_000), b") Tj ET"].concat();
    assert_limit(&one_page(&content, Some(&cmap), &[]), Limit::Cells, "--max-cells");
}

#[test]
fn form_xobjects_fanning_out_a_billion_draws_stop_at_the_page_budget() {
    // X0 draws X1 ten times, X1 draws X2 ten times … X8 draws a rectangle:
    // 10⁹ rectangles from nine forms of a few bytes each.
    let forms: Vec<(String, String, Vec<u8>)> = (0..9)
        .map(|level| {
            if level == 8 {
                return (format!("X{level}"), String::new(), b"0 0 1 1 re f".to_vec());
            }
            let next = format!("X{}", level + 1);
            let resources = format!("/XObject << /{next} {} 0 R >>", 10 + level + 1);
            (format!("X{level}"), resources, repeated(&format!("/{next} Do\n"), 10))
        })
        .collect();
    assert_limit(&one_page(b"/X0 Do", None, &forms), Limit::Cells, "--max-cells");
}

#[test]
fn a_page_within_the_budget_is_read() {
    // The budget does not stop what a table page draws: 2,000 rectangles
    // and a line of text.
    let content = [repeated("0 0 1 1 re f\n", 2_000), b"BT /F1 10 Tf 100 700 Td (hello) Tj ET".to_vec()].concat();
    let doc = extract_bytes(&one_page(&content, None, &[]), Some("pdf"), &Limits::default()).expect("read");
    let text = format!("{:?}", doc.blocks);
    assert!(text.contains("hello"), "{text}");
}

#[test]
fn half_a_million_nested_arrays_are_a_skipped_token_not_a_stack_overflow() {
    // The lexer recursed once per `[`: the worker died of a stack overflow
    // and `jixiao inspect` aborted. Nesting stops at 32 levels; the text
    // drawn before them is read.
    let content = [b"BT /F1 10 Tf 100 700 Td (hello) Tj ET\n".as_slice(), &repeated("[", 500_000)].concat();
    let pdf = one_page(&content, None, &[]);
    // A thread's stack as small as a test thread's: the old lexer needed
    // about 100 bytes of stack a level.
    let reader = std::thread::Builder::new().stack_size(2 << 20);
    let doc = reader.spawn(move || extract_bytes(&pdf, Some("pdf"), &Limits::default())).expect("spawn");
    let doc = doc.join().expect("no overflow").expect("read");
    assert!(format!("{:?}", doc.blocks).contains("hello"));
}

#[test]
fn form_fields_are_never_read_for_a_page() {
    // 20,000 fields on page 1: 0.4.1 read them all again for every page.
    let fields = 20_000u32;
    let mut objects = vec![
        (1, b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields 4 0 R >> >>".to_vec()),
        (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec()),
        (3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Annots 4 0 R >>".to_vec()),
        (4, format!("[{}]", (0..fields).map(|i| format!("{} 0 R", 10 + i)).collect::<Vec<_>>().join(" ")).into_bytes()),
    ];
    for i in 0..fields {
        let field = format!("<< /Type /Annot /Subtype /Widget /FT /Tx /T (f{i}) /Rect [0 0 1 1] /P 3 0 R >>");
        objects.push((10 + i, field.into_bytes()));
    }
    let pdf = pdfplumber::Pdf::open(&write_pdf(&objects, ""), None).expect("open");
    assert_eq!(pdf.form_fields().expect("fields").len(), fields as usize);
    assert!(pdf.page(0).expect("page").form_fields().is_empty());
}

/// A one-page PDF whose page tree node (object 2) is `pages`.
fn with_page_tree(pages: &str) -> Vec<u8> {
    let objects = vec![
        (1, b"<< /Type /Catalog /Pages 2 0 R >>".to_vec()),
        (2, pages.as_bytes().to_vec()),
        (
            3,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
                .to_vec(),
        ),
        (4, deflated_stream("", b"BT /F1 10 Tf 100 700 Td (hello) Tj ET")),
        (5, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec()),
        (6, b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>".to_vec()),
    ];
    write_pdf(&objects, "")
}

#[test]
fn a_page_tree_with_a_cycle_or_an_impossible_count_is_damaged_not_a_scan() {
    for tree in [
        "<< /Type /Pages /Kids [6 0 R] /Count 1 >>",
        "<< /Type /Pages /Kids [2 0 R] /Count 1 >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 2147483647999 >>",
    ] {
        let result = extract_bytes(&with_page_tree(tree), Some("pdf"), &Limits::default());
        let message = match &result {
            Err(e @ ExtractError::Corrupt { .. }) => e.to_string(),
            other => panic!("{tree}: expected a damaged file, got {other:?}"),
        };
        assert!(message.contains("damaged page tree"), "{tree}: {message}");
    }
    // A right tree is read.
    let doc =
        extract_bytes(&with_page_tree("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"), Some("pdf"), &Limits::default());
    assert!(format!("{:?}", doc.expect("read").blocks).contains("hello"));
}

#[test]
fn a_pdf_after_a_mail_gateway_header_or_a_bom_is_read_as_a_pdf() {
    let pdf = with_page_tree("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    let header = format!("X-Scanned-By: gateway\r\nContent-Type: application/pdf\r\n{}\r\n\r\n", "X".repeat(435));
    assert_eq!(header.len(), 493);
    for prefix in [header.as_bytes(), b"\xEF\xBB\xBF".as_slice()] {
        let bytes = [prefix, &pdf].concat();
        let doc = extract_bytes(&bytes, Some("pdf"), &Limits::default()).expect("read");
        assert_eq!(doc.format, "pdf");
        assert!(format!("{:?}", doc.blocks).contains("hello"));
    }
}

/// Reads `name` from tests/fixtures/fuzz on a thread, with a watchdog: a
/// find of the fuzzer that hung must now end.
fn read_fuzz_find(name: &str) -> Result<jixiao_model::Document, ExtractError> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/fuzz").join(name);
    let bytes = std::fs::read(path).expect("fixture");
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || send.send(extract_bytes(&bytes, Some("pdf"), &Limits::default())));
    receive.recv_timeout(std::time::Duration::from_secs(120)).expect("the reader ends")
}

/// Found by the `pdf` fuzz target: a page whose /Parent is itself, and no
/// /CropBox anywhere; the search for the inherited key walked the cycle
/// forever (a timeout). Its content's filter is unknown: no text.
#[test]
fn fuzz_pdf_a_page_that_is_its_own_parent_ends() {
    let result = read_fuzz_find("pdf-parent-cycle.pdf");
    assert!(matches!(result, Err(ExtractError::NoText(_) | ExtractError::Corrupt { .. })), "{result:?}");
}

#[test]
fn pages_within_their_budget_stop_at_the_files_four_times_max_cells() {
    // Five pages share one stream of 900,000 operators: each page is under
    // its budget of --max-cells (1,000,000), the file passes 4,000,000.
    let kids: Vec<String> = (0..5).map(|i| format!("{} 0 R", 10 + i)).collect();
    let mut objects = vec![
        (1, b"<< /Type /Catalog /Pages 2 0 R >>".to_vec()),
        (2, format!("<< /Type /Pages /Kids [{}] /Count 5 >>", kids.join(" ")).into_bytes()),
        (4, deflated_stream("", &repeated("0 0 m\n", 900_000))),
    ];
    for i in 0..5 {
        objects.push((10 + i, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>".to_vec()));
    }
    let _turn = guard_memory();
    let result = extract_bytes(&write_pdf(&objects, ""), Some("pdf"), &Limits::default());
    let message = match &result {
        Err(e @ ExtractError::LimitExceeded { limit: Limit::Cells, at: Place::Page(5), .. }) => e.to_string(),
        other => panic!("expected the file's budget on page 5, got {other:?}"),
    };
    assert!(message.contains("four times the cells") && message.contains("--max-cells"), "{message}");
}
