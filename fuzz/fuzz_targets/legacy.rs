//! Legacy Word (.doc/.wps) and RTF through the native reader (anydoc), and
//! what it gives through the aligner. The first bytes choose the reader, so
//! one corpus feeds both.
//!
//! anydoc is young: a panic inside it is caught by jixiao and becomes the
//! file's error, so this target lets panics raised inside anydoc through
//! (printing the first of each place once) and aborts on any other.
#![no_main]

use std::collections::HashSet;
use std::sync::Mutex;

static HOOK: std::sync::Once = std::sync::Once::new();
static SEEN: Mutex<Option<HashSet<String>>> = Mutex::new(None);

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let place = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
            if !place.contains("/anydoc-") {
                eprintln!("{info}");
                std::process::abort();
            }
            if let Ok(mut seen) = SEEN.lock() {
                if seen.get_or_insert_with(HashSet::new).insert(place.clone()) {
                    eprintln!("anydoc panicked (caught by jixiao): {info}");
                }
            }
        }));
    });
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
