//! The index of a core dictionary (`word freq` lines sorted by their
//! bytes): where each word is, its frequency, where the words of each
//! first character stand, and the total frequency.
//!
//! `build.rs` runs this module over the embedded dictionary, so that a
//! worker process finds the index in its binary instead of parsing 1.2 MB
//! at its first lookup (5 ms of a fresh process, before its first file
//! was done). The lexicon runs it on other texts (the tests' short ones),
//! and a test checks that both give the same bytes.

/// Bytes of one packed word: its start in the text (u32), its length in
/// bytes (u16) and its frequency (u32), little-endian.
pub const WORD_BYTES: usize = 10;

/// Bytes of one packed first-character range: the character, its first
/// word and the word after its last (u32 each, little-endian).
pub const RANGE_BYTES: usize = 12;

/// A core dictionary's index. (The crate itself reads the one `build.rs`
/// made; only its tests and `build.rs` pack.)
#[cfg_attr(not(test), allow(dead_code))]
pub struct Packed {
    /// Every word after the sentinel line, in the text's order.
    pub words: Vec<u8>,
    /// The range of the words of each first character, ascending.
    pub firsts: Vec<u8>,
    /// Every line's frequency, the sentinel's included.
    pub total: u64,
}

/// Indexes `text` in one pass over its bytes (splitting lines and fields
/// as `str`s took three times as long). The first line is the sentinel,
/// not a word; a last line without its newline ends all the same.
#[cfg_attr(not(test), allow(dead_code))]
pub fn pack(text: &str) -> Packed {
    let mut words = Vec::with_capacity(text.len() / 8 * WORD_BYTES);
    let mut starts = Vec::new();
    let mut total = 0u64;
    let (mut start, mut space, mut freq) = (0usize, None, 0u64);
    let end = (!text.ends_with('\n')).then_some(&b'\n');
    for (i, &b) in text.as_bytes().iter().chain(end).enumerate() {
        match b {
            b'\n' => {
                if let Some(space) = space.filter(|&s| s > start) {
                    total += freq;
                    if start > 0 {
                        words.extend_from_slice(&(start as u32).to_le_bytes());
                        words.extend_from_slice(&((space - start) as u16).to_le_bytes());
                        words.extend_from_slice(&(freq as u32).to_le_bytes());
                        starts.push(start);
                    }
                }
                (start, space, freq) = (i + 1, None, 0);
            }
            b' ' if space.is_none() => space = Some(i),
            b'0'..=b'9' if space.is_some() => freq = freq * 10 + u64::from(b - b'0'),
            _ => {}
        }
    }
    let firsts = first_ranges(starts.iter().map(|&s| text[s..].chars().next().unwrap_or_default()))
        .into_iter()
        .flat_map(|(c, from, to)| [u32::from(c), from, to])
        .flat_map(u32::to_le_bytes)
        .collect();
    Packed { words, firsts, total }
}

/// The runs of equal first characters of sorted words: each character
/// with its first word and the word after its last.
pub fn first_ranges(firsts: impl Iterator<Item = char>) -> Vec<(char, u32, u32)> {
    let mut ranges: Vec<(char, u32, u32)> = Vec::new();
    for (i, c) in firsts.enumerate() {
        match ranges.last_mut() {
            Some(last) if last.0 == c => last.2 = i as u32 + 1,
            _ => ranges.push((c, i as u32, i as u32 + 1)),
        }
    }
    ranges
}
