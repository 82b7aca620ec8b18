//! Any bytes through format sniffing and the container readers (ZIP:
//! docx/xlsx/ods, OLE2: xls/et, HTML). Legacy Word goes to LibreOffice, a
//! separate process: those inputs are skipped here.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let word: Vec<u8> = "WordDocument".encode_utf16().flat_map(u16::to_le_bytes).collect();
    if data.windows(word.len()).any(|w| w == word.as_slice()) {
        return;
    }
    let limits = jixiao_extract::Limits { max_unzipped_bytes: 64 << 20, max_cells: 1 << 20, ..Default::default() };
    if let Ok(doc) = jixiao_extract::extract_bytes(data, None, &limits) {
        let aligned = jixiao_align::align(&doc);
        let _ = jixiao_normalize::normalize("fuzz", &doc, &aligned);
    }
});
