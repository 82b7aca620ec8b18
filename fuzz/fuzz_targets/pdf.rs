//! PDFs through pdfplumber and jixiao's grid rebuilding, and what they give
//! through the aligner.
//!
//! pdfplumber is young: a panic inside it is caught by jixiao and becomes
//! the file's error, so this target lets panics raised inside pdfplumber
//! (or lopdf, which it parses with) through, printing the first of each
//! place once, and aborts on any other.
#![no_main]

use std::collections::HashSet;
use std::sync::Mutex;

static HOOK: std::sync::Once = std::sync::Once::new();
static SEEN: Mutex<Option<HashSet<String>>> = Mutex::new(None);

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let place = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
            if !place.contains("/pdfplumber-") && !place.contains("/lopdf-") {
                eprintln!("{info}");
                std::process::abort();
            }
            if let Ok(mut seen) = SEEN.lock() {
                if seen.get_or_insert_with(HashSet::new).insert(place.clone()) {
                    eprintln!("the PDF reader panicked (caught by jixiao): {info}");
                }
            }
        }));
    });
    let limits = jixiao_extract::Limits { max_cells: 1 << 20, max_pages: 50, ..Default::default() };
    if let Ok(doc) = jixiao_extract::pdf::extract_pdf(data, &limits) {
        let aligned = jixiao_align::align(&doc);
        let _ = jixiao_normalize::normalize("fuzz", &doc, &aligned);
    }
});
