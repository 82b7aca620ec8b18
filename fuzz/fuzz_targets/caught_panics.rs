//! The panic hook of the targets whose reader is a young crate whose panics
//! jixiao catches and turns into the file's error: a panic raised inside
//! that crate is let through (the first of each place printed once), any
//! other aborts, so the fuzzer reports it.

use std::collections::HashSet;
use std::sync::Mutex;

static HOOK: std::sync::Once = std::sync::Once::new();
static SEEN: Mutex<Option<HashSet<String>>> = Mutex::new(None);

/// Installs the hook once: `crates` are path fragments of the crates
/// whose panics jixiao catches (`/anydoc-`), `reader` names them in the
/// message.
pub fn install(crates: &'static [&'static str], reader: &'static str) {
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(move |info| {
            let place = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
            if !crates.iter().any(|c| place.contains(c)) {
                eprintln!("{info}");
                std::process::abort();
            }
            if let Ok(mut seen) = SEEN.lock() {
                if seen.get_or_insert_with(HashSet::new).insert(place.clone()) {
                    eprintln!("{reader} panicked (caught by jixiao): {info}");
                }
            }
        }));
    });
}
