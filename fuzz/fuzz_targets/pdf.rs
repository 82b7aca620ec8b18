//! PDFs through pdfplumber and jixiao's grid rebuilding, and what they give
//! through the aligner.
//!
//! pdfplumber is young: a panic inside it is caught by jixiao and becomes
//! the file's error, so this target lets panics raised inside pdfplumber
//! (or lopdf, which it parses with) through, printing the first of each
//! place once, and aborts on any other.
#![no_main]

#[path = "caught_panics.rs"]
mod caught_panics;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    caught_panics::install(&["/pdfplumber-", "/lopdf-"], "the PDF reader");
    let limits = jixiao_extract::Limits { max_cells: 1 << 20, max_pages: 50, ..Default::default() };
    if let Ok(doc) = jixiao_extract::pdf::extract_pdf(data, &limits) {
        let aligned = jixiao_align::align(&doc);
        let _ = jixiao_normalize::normalize("fuzz", &doc, &aligned);
    }
});
