//! Any bytes through the text extractor (encoding detection, both shapes).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = jixiao_text::extract(data) {
        let _ = jixiao_align::align(&doc);
    }
});
