//! Legacy Word (.doc/.wps, jixiao's own reader; Word 6/95 through anydoc)
//! and RTF (anydoc), and what they give through the aligner. The first
//! bytes choose the reader, so one corpus feeds both.
//!
//! anydoc is young: a panic inside it is caught by jixiao and becomes the
//! file's error, so this target lets panics raised inside anydoc through
//! (printing the first of each place once) and aborts on any other, those
//! of jixiao's .doc reader included.
#![no_main]

#[path = "caught_panics.rs"]
mod caught_panics;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    caught_panics::install(&["/anydoc-"], "anydoc");
    let format = if data.starts_with(b"{\\rtf") {
        jixiao_extract::word::WordFormat::Rtf
    } else {
        jixiao_extract::word::WordFormat::Doc
    };
    let limits = jixiao_extract::Limits { max_cells: 1 << 20, ..Default::default() };
    if let Ok(doc) = jixiao_extract::word::extract_word(data, format, &limits) {
        let aligned = jixiao_align::align(&doc);
        let _ = jixiao_normalize::normalize("fuzz", &doc, &aligned);
    }
});
