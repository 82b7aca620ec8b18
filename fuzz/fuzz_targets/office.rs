//! Any bytes through format sniffing and the container readers (ZIP:
//! docx/xlsx/ods, OLE2: xls/et/doc, HTML, RTF).
//!
//! calamine panics on some damaged OLE2 files (a slice index out of range in
//! its cfb reader, found by this target); jixiao catches that around the
//! workbook reader and reports a damaged file. libfuzzer-sys aborts on any
//! panic, caught or not, so this target lets through panics raised inside
//! calamine and aborts on every other one.
#![no_main]

static HOOK: std::sync::Once = std::sync::Once::new();

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            // Panics inside calamine and anydoc are caught by jixiao and
            // reported as damaged files; any other panic is a finding.
            let caught = info.location().is_some_and(|l| l.file().contains("/calamine-") || l.file().contains("/anydoc-"));
            if !caught {
                eprintln!("{info}");
                std::process::abort();
            }
        }));
    });
    let limits = jixiao_extract::Limits { max_unzipped_bytes: 64 << 20, max_cells: 1 << 20, ..Default::default() };
    if let Ok(doc) = jixiao_extract::extract_bytes(data, None, &limits) {
        let aligned = jixiao_align::align(&doc);
        let _ = jixiao_normalize::normalize("fuzz", &doc, &aligned);
    }
});
