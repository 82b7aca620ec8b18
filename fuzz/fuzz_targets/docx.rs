//! Any bytes as word/document.xml (the streaming reader and grid resolution).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = jixiao_extract::docx::parse_document_xml(data, &jixiao_extract::Limits::default()) {
        let _ = jixiao_align::align(&doc);
    }
});
