//! Any text as grids for the aligner and the normalizer (which hold the
//! most logic: re-seating, twin sides, joined rows, keys, cross-checks).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = jixiao_text::parse(&text);
    let aligned = jixiao_align::align(&doc);
    let _ = jixiao_normalize::normalize("fuzz", &doc, &aligned);
});
