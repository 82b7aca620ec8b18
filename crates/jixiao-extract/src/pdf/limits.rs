//! The limits the PDF reader runs under, and its limit errors as ours.
//!
//! pdfplumber (patched under `vendor/`, see its README) counts a page's
//! work while its content stream is interpreted: one unit per operator, one
//! per byte of a string shown (at most a glyph each), one per 16 bytes of
//! a glyph's text (one ToUnicode entry may be megabytes), one per KiB of a
//! Form XObject's content decoded for a draw. A page may use `--max-cells`
//! units, a file four times that; graphics states saved at once (`q`
//! without `Q`) are capped at [`STATES_PER_DEPTH`] × `--max-depth`.

use crate::{ExtractError, Limit, Limits};
use pdfplumber::ExtractOptions;

/// Graphics states one page may hold saved at once, per `--max-depth`:
/// real pages nest a few levels (some generators forget a `Q` per cell, so
/// a few hundred), and each saved state holds about half a KiB.
pub const STATES_PER_DEPTH: usize = 256;

/// pdfplumber's options for `limits`.
pub fn options(limits: &Limits) -> ExtractOptions {
    let cells = usize::try_from(limits.max_cells).unwrap_or(usize::MAX);
    ExtractOptions {
        // Declared, but not enforced by pdfplumber 0.4.1: every stream is
        // inflated into a counter first (see `prescan::pdf_streams`).
        max_stream_bytes: usize::try_from(limits.max_unzipped_bytes).unwrap_or(usize::MAX),
        max_pages: Some(limits.max_pages),
        max_objects_per_page: cells,
        max_total_objects: Some(cells.saturating_mul(4)),
        max_saved_states: Some(limits.max_depth.saturating_mul(STATES_PER_DEPTH)),
        // Duplicate glyphs are dropped by `dedupe` (pdfplumber's own pass
        // compares every glyph with every kept one: quadratic).
        dedupe: None,
        collect_warnings: false,
        ..ExtractOptions::default()
    }
}

/// pdfplumber's error as ours: a resource limit names the option that
/// sets it (typed, by the limit's name in pdfplumber's options).
pub fn pdf_error(e: pdfplumber::PdfError) -> ExtractError {
    let text = e.to_string();
    match e.kind() {
        pdfplumber::PdfErrorKind::ResourceLimit => match e.resource_limit() {
            Some(l) => limit_error(l.name, l.limit, l.observed),
            None => ExtractError::limit(Limit::Cells, text),
        },
        pdfplumber::PdfErrorKind::PasswordRequired | pdfplumber::PdfErrorKind::InvalidPassword => {
            ExtractError::Encrypted("an encrypted PDF".into())
        }
        _ => ExtractError::corrupt(crate::Place::File, format!("PDF: {text}")),
    }
}

/// The limit pdfplumber names, said in jixiao's terms.
fn limit_error(name: &str, limit: usize, observed: usize) -> ExtractError {
    let (kind, detail) = match name {
        "max_pages" => (Limit::Pages, format!("more than {limit} pages")),
        "max_stream_bytes" | "max_input_bytes" => (Limit::Unzipped, format!("more than {limit} bytes decoded")),
        "max_saved_states" => (
            Limit::Depth,
            format!("more than {limit} graphics states saved at once ({STATES_PER_DEPTH} per nesting level)"),
        ),
        "max_objects_per_page" => (
            Limit::Cells,
            format!("a page's content draws more than {limit} objects (glyphs, paths, operators; one page's budget)"),
        ),
        "max_total_objects" => (
            Limit::Cells,
            format!("the pages draw more than {limit} objects (glyphs, paths, operators; four times the cells)"),
        ),
        other => (Limit::Cells, format!("pdfplumber's {other} limit of {limit}, reached at {observed}")),
    };
    ExtractError::limit(kind, detail)
}

/// Bytes every page object takes at the least (`<</Type/Page>>` and its
/// `obj` line): a `/Count` above the file's size over this is impossible.
const PAGE_OBJECT_BYTES: usize = 16;

/// A page tree from whose catalog no page is reached (a cycle among its
/// nodes), or whose root's `/Count` is impossible for a file of `size`
/// bytes, is damaged: a file with no page at all is no scan, and must not
/// be reported as one. (A `/Count` merely off is read: writers get it wrong.)
pub fn check_page_tree(pdf: &pdfplumber::Pdf, size: usize) -> Result<usize, ExtractError> {
    let pages = pdf.page_count();
    let declared = pdf.declared_page_count();
    let possible = |count: i64| usize::try_from(count).is_ok_and(|c| c <= size / PAGE_OBJECT_BYTES);
    if pages > 0 && declared.is_none_or(possible) {
        return Ok(pages);
    }
    let count = declared.map_or_else(|| "no /Count".to_string(), |c| format!("/Count {c}"));
    let detail = format!("damaged page tree: {pages} pages reached from the catalog, whose root declares {count}");
    Err(ExtractError::corrupt(crate::Place::File, detail))
}
