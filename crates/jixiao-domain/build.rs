//! Indexes the embedded core dictionary at compile time (see
//! `src/lexicon/core_index.rs`): every worker process would otherwise
//! parse it again before its first lookup.

#[path = "src/lexicon/core_index.rs"]
mod core_index;

use std::path::PathBuf;

const CORE_DICT: &str = "data/jieba-core.dict";

fn main() {
    println!("cargo::rerun-if-changed={CORE_DICT}");
    println!("cargo::rerun-if-changed=src/lexicon/core_index.rs");
    let text = std::fs::read_to_string(CORE_DICT).unwrap_or_else(|e| panic!("cannot read {CORE_DICT}: {e}"));
    let packed = core_index::pack(&text);
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_else(|| panic!("cargo sets OUT_DIR")));
    let write = |name: &str, bytes: &[u8]| {
        std::fs::write(out.join(name), bytes).unwrap_or_else(|e| panic!("cannot write {name}: {e}"));
    };
    write("core_words.bin", &packed.words);
    assert_eq!(packed.firsts.len() % core_index::RANGE_BYTES, 0, "whole ranges");
    write("core_firsts.bin", &packed.firsts);
    write("core_total.rs", packed.total.to_string().as_bytes());
}
