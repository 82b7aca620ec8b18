//! Domain knowledge of performance target tables (绩效目标表), kept as data
//! in one place so that the aligner and normalizer never scatter literals.
//!
//! - [`fold`]: the one text folding every comparison goes through.
//! - [`taxonomy`]: the official 一级/二级 indicator labels and their variants.
//! - [`vocab`]: column-header synonyms and project/department field labels.
//! - [`comparator`]: the comparator vocabulary (words, symbols, column codes).
//! - [`value`]: how a 指标值 reads: its kind, comparator, number or date, unit.
//! - [`grammar`]: numbers and money amounts in running text.
//! - [`lexicon`]: jieba with the domain dictionary: segmentation, rejoining
//!   split words, and the role a cell's text suggests.

pub mod calendar;
pub mod comparator;
pub mod grammar;
pub mod lexicon;
pub mod packed;
pub mod results;
pub mod taxonomy;
pub mod value;
pub mod vocab;

pub use comparator::Comparator;

pub use value::ValueKind;

use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;

/// Folds text for comparison: NFKC (full-width digits, ＞＝＜％), ≧→≥ and
/// ≦→≤ (NFKC leaves them), unified brackets, and all white space removed.
///
/// ```
/// assert_eq!(jixiao_domain::fold("可持续 影响\n指标"), "可持续影响指标");
/// assert_eq!(jixiao_domain::fold("≧９５％"), "≥95%");
/// ```
pub fn fold(text: &str) -> Cow<'_, str> {
    // Most cells hold only ideographs, ASCII and CJK punctuation that NFKC
    // leaves alone and no white space: the text is its own fold, without
    // the per-character normalisation tables or a copy (folding was the
    // hottest code of a run, and its copies a good part of its allocations).
    let Some(first) = first_not_folding_to_itself(text) else {
        return Cow::Borrowed(text);
    };
    // Most others differ only by white space and full-width forms (（）：％，),
    // which fold character by character: NFKC's decomposition and
    // recomposition (the larger part of folding a text export) are needed
    // only when a character outside that set appears.
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        match simple_fold(c) {
            Some(Some(folded)) => out.push(folded),
            Some(None) => {}
            None => return Cow::Owned(fold_nfkc(text)),
        }
    }
    Cow::Owned(out)
}

/// [`fold`] through the full NFKC tables.
fn fold_nfkc(text: &str) -> String {
    // Most texts are still NFKC: the quick check saves the decomposition
    // that dominates alignment time.
    let chars: Box<dyn Iterator<Item = char>> =
        if unicode_normalization::is_nfkc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes {
            Box::new(text.chars())
        } else {
            Box::new(text.nfkc())
        };
    chars.filter(|c| !is_dropped(*c)).map(unify).collect()
}

/// The characters [`fold`] drops: white space of every kind, the
/// zero-width space and the byte order mark.
fn is_dropped(c: char) -> bool {
    c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}'
}

/// The comparators NFKC leaves as they are (≧ ≦) and the CJK brackets, in
/// the one form comparisons use.
fn unify(c: char) -> char {
    match c {
        '≧' => '≥',
        '≦' => '≤',
        '【' | '［' | '〔' => '[',
        '】' | '］' | '〕' => ']',
        other => other,
    }
}

/// What [`fold`] makes of `c` when that needs no NFKC tables: `Some(None)`
/// for a character it drops, `Some(Some(x))` for one it keeps as `x`;
/// `None` for the rest, which only the tables can fold. None of these
/// characters combines or composes with its neighbours (combining class 0,
/// never the second of a composition), so a text of them folds character
/// by character exactly as NFKC would; a unit test checks every one, and
/// every pair of the non-ideographs.
fn simple_fold(c: char) -> Option<Option<char>> {
    if is_dropped(c) {
        return Some(None);
    }
    let kept = match c {
        // Full-width ASCII: NFKC maps each to its ASCII twin.
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0)?,
        c if folds_to_itself(c) || is_cjk(c) => c,
        // NFKC leaves these as they are.
        '【' | '】' | '〔' | '〕' | '≧' | '≦' | '≥' | '≤' | '—' | '‘' | '’' | '“' | '”' | '·' | '×' | '÷' | '√'
        | '〈' | '〉' | '●' | '○' | '■' | '□' | '★' | '☆' | '△' | '▲' => c,
        _ => return None,
    };
    Some(Some(unify(kept)))
}

/// True for a character that [`fold`] keeps as it is: printable ASCII but
/// the space, CJK Unified Ideographs (which have no decompositions), and the
/// CJK punctuation of U+3001–U+3002 and U+300A–U+300F (、。《》「」『』),
/// none of which NFKC or the comparator/bracket map changes.
pub(crate) fn folds_to_itself(c: char) -> bool {
    c.is_ascii_graphic()
        || ('\u{4e00}'..='\u{9fff}').contains(&c)
        || matches!(c, '\u{3001}' | '\u{3002}' | '\u{300a}'..='\u{300f}')
}

/// The first character of `fold(text)`, when it can be told without
/// folding: the first character that is not white space, if it is a CJK
/// Unified Ideograph or an ASCII digit. NFKC keeps those as they are and
/// composes nothing onto them, and no key builder drops them, so a lookup
/// whose keys all start otherwise can answer "no" at once: most cells of a
/// table are not labels, and folding them to find out was the hottest code
/// of alignment. `None` when only folding can tell (full-width forms,
/// brackets, letters a combining mark may compose with).
pub fn first_folded_char(text: &str) -> Option<char> {
    let c = text.chars().find(|c| !is_dropped(*c))?;
    (c.is_ascii_digit() || ('\u{4e00}'..='\u{9fff}').contains(&c)).then_some(c)
}

/// False when `fold(text)` certainly holds none of `chars`: every
/// character of `text` folds to itself and none is one of them. A reader
/// that needs a digit, a bracket or a colon skips folding the many cells
/// that have none.
pub fn may_fold_to_any(text: &str, chars: &[char]) -> bool {
    text.chars().any(|c| chars.contains(&c) || !folds_to_itself(c))
}

/// The byte offset of the first character of `text` that does not fold
/// to itself ([`folds_to_itself`]), read from the UTF-8 bytes without
/// decoding characters: an ideograph is a lead byte E4 (second byte B8 or
/// above) to E9 and two more, 、。《》「」『』 are E3 80 and one of 81 82
/// 8A–8F. Finding that a cell is its own fold was the hottest part of
/// folding, and folding the most frequent call of alignment.
fn first_not_folding_to_itself(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // A str is valid UTF-8: a lead byte E0–EF has two continuation
        // bytes after it.
        let step = match b {
            0x21..=0x7e => 1,
            0xe5..=0xe9 => 3,
            0xe4 if bytes[i + 1] >= 0xb8 => 3,
            0xe3 if bytes[i + 1] == 0x80 && matches!(bytes[i + 2], 0x81 | 0x82 | 0x8a..=0x8f) => 3,
            _ => return Some(i),
        };
        i += step;
    }
    None
}

/// The first characters of a table's keys, for [`first_folded_char`]
/// rejections.
#[derive(Debug)]
pub(crate) struct FirstChars(Vec<char>);

impl FirstChars {
    pub(crate) fn of<'a>(keys: impl Iterator<Item = &'a str>) -> FirstChars {
        let mut chars: Vec<char> = keys.filter_map(|k| k.chars().next()).collect();
        chars.sort_unstable();
        chars.dedup();
        FirstChars(chars)
    }

    /// False when `text` certainly folds to something that starts like no
    /// key; true when it might start like one.
    pub(crate) fn may_start(&self, text: &str) -> bool {
        first_folded_char(text).is_none_or(|c| self.0.binary_search(&c).is_ok())
    }
}

/// True for a Chinese character (CJK Unified Ideographs and Extension A).
pub fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// Like [`fold`] but keeps single spaces between words, for output text
/// that should stay readable (`1.53 万人` stays as written elsewhere).
pub fn fold_keep_spaces(text: &str) -> String {
    let folded: String = text
        .nfkc()
        .map(|c| match c {
            '≧' => '≥',
            '≦' => '≤',
            other => other,
        })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_unifies_width_comparators_and_space() {
        assert_eq!(fold(" ≦ 677.56 万元 "), "≤677.56万元");
        assert_eq!(fold("唐财社【2021】132号"), "唐财社[2021]132号");
        assert_eq!(fold("１２３"), "123");
    }

    #[test]
    fn the_quick_path_agrees_with_nfkc() {
        use unicode_normalization::UnicodeNormalization;
        let quick: Vec<char> = (0u32..0x10000).filter_map(char::from_u32).filter(|&c| folds_to_itself(c)).collect();
        assert!(quick.len() > 20_000);
        for c in quick {
            let s = c.to_string();
            assert_eq!(s.nfkc().collect::<String>(), s, "U+{:04X} changes under NFKC", c as u32);
            assert!(!c.is_whitespace() && !"≧≦【】［］〔〕\u{200b}\u{feff}".contains(c));
        }
    }

    #[test]
    fn the_byte_scan_finds_what_the_character_test_finds() {
        // Every character, alone, between others that fold to themselves,
        // and after each kind of character the scan steps over.
        let char_test = |t: &str| t.find(|c| !folds_to_itself(c));
        for c in (0u32..=0x10ffff).filter_map(char::from_u32) {
            for text in [c.to_string(), format!("a{c}"), format!("中{c}、"), format!("《龥{c}x")] {
                assert_eq!(first_not_folding_to_itself(&text), char_test(&text), "U+{:04X} in {text:?}", c as u32);
            }
        }
        assert_eq!(first_not_folding_to_itself(""), None);
    }

    #[test]
    fn the_simple_path_agrees_with_nfkc() {
        use unicode_normalization::char::canonical_combining_class;
        let simple: Vec<char> =
            (0u32..0x10000).filter_map(char::from_u32).filter(|&c| simple_fold(c).is_some()).collect();
        for &c in &simple {
            assert_eq!(canonical_combining_class(c), 0, "U+{:04X} combines", c as u32);
            let s = c.to_string();
            assert_eq!(fold(&s), fold_nfkc(&s), "U+{:04X} folds otherwise through NFKC", c as u32);
        }
        // No pair composes: every pair of the non-ideographs, and each of
        // them around an ideograph.
        let others: Vec<char> = simple.iter().copied().filter(|&c| !is_cjk(c)).collect();
        assert!(others.len() > 100);
        for &a in &others {
            for &b in others.iter().chain(&['一', '指', '\u{4dbf}']) {
                let (ab, ba) = (format!("{a}{b}"), format!("{b}{a}"));
                assert_eq!(fold(&ab), fold_nfkc(&ab), "{ab:?}");
                assert_eq!(fold(&ba), fold_nfkc(&ba), "{ba:?}");
            }
        }
        // And a character the simple set lacks sends the whole text to NFKC.
        assert_eq!(fold("（ｅ\u{301}）"), "(é)");
        assert_eq!(fold("≥95％ …"), "≥95%...");
    }

    #[test]
    fn the_first_folded_char_is_folds_own() {
        for text in [
            "  项目名称",
            "\u{feff}一级指标",
            "2023年",
            "（万元）预算数",
            "Ｐ001",
            "ｅ\u{301}",
            "e\u{301}x",
            "≥95%",
            "",
        ] {
            if let Some(c) = first_folded_char(text) {
                assert_eq!(fold(text).chars().next(), Some(c), "{text:?}");
            }
        }
        assert_eq!(first_folded_char("e\u{301}"), None, "a letter may take a combining mark");
        assert!(!may_fold_to_any("项目资金元", &['(']) && may_fold_to_any("项目资金（元）", &['(']));
        assert!(may_fold_to_any("１", &['1']) && !may_fold_to_any("abc", &['1']));
        let keys = FirstChars::of(["项目名称", "预算数"].into_iter());
        assert!(keys.may_start(" 项目编码") && keys.may_start("（项目）") && !keys.may_start("医保定点机构"));
    }

    #[test]
    fn fold_keep_spaces_collapses_runs() {
        assert_eq!(fold_keep_spaces(" a \n b\t c "), "a b c");
    }
}
