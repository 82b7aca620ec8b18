//! Any bytes as an HTML table export.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = jixiao_extract::html::extract_html(data, &jixiao_extract::Limits::default());
});
