//! Choosing the encoding of a text export by evidence.

use crate::TextError;
use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

/// Text decoded from bytes, with what was chosen and what it cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, BOM removed.
    pub text: String,
    /// Encoding name: `UTF-8`, `UTF-16LE`, `UTF-16BE`, `GB18030`, or what
    /// the detector proposed.
    pub encoding: &'static str,
    /// How many characters were replaced by U+FFFD.
    pub replaced: usize,
}

/// How much of the file the statistical detector looks at.
const SNIFF_BYTES: usize = 64 * 1024;

/// Words that occur in nearly every 绩效目标表; used to weigh candidate
/// decodings against each other (a detector can mistake short GBK for Big5).
const DOMAIN_WORDS: &[&str] =
    &["指标", "项目", "单位", "目标", "绩效", "资金", "满意度", "产出", "效益", "预算", "年度", "万元"];

/// Decodes `bytes`: BOM first, then UTF-16 by its pattern of NUL bytes, then
/// strict UTF-8, then the better of GB18030 and the detector's guess.
pub fn decode(bytes: &[u8]) -> Result<Decoded, TextError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return Ok(decode_with(encoding, &bytes[bom_len..]));
    }
    if let Some(encoding) = utf16_by_nuls(bytes) {
        return Ok(decode_with(encoding, bytes));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return check_text(Decoded { text: text.to_string(), encoding: "UTF-8", replaced: 0 });
    }
    // A Chinese export is GBK/GB18030 far more often than anything else:
    // when that decodes cleanly and reads as a performance table, it is the
    // answer, and the statistical detector need not run.
    let gb = decode_with(GB18030, bytes);
    if gb.replaced == 0 && has_domain_hits(&gb.text, CLEAR_DOMAIN_HITS) {
        return check_text(gb);
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(&bytes[..bytes.len().min(SNIFF_BYTES)], bytes.len() <= SNIFF_BYTES);
    let guess = detector.guess(Some(b"cn"), true);
    let mut candidates = vec![gb];
    if guess != GB18030 && guess != encoding_rs::GBK {
        candidates.push(decode_with(guess, bytes));
    }
    let best =
        candidates.into_iter().max_by_key(plausibility).ok_or_else(|| TextError::NotText("no decoding".into()))?;
    check_text(best)
}

fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    // U+FFFD is the only character whose UTF-8 holds these three bytes.
    let replaced = memchr::memmem::find_iter(text.as_bytes(), "\u{FFFD}".as_bytes()).count();
    Decoded { text: text.into_owned(), encoding: encoding.name(), replaced }
}

/// UTF-16 without a BOM: ASCII characters (tabs, digits, line breaks) leave a
/// NUL in every other byte, at odd offsets for LE and even ones for BE.
fn utf16_by_nuls(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES) & !1];
    if sample.len() < 4 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let pairs = sample.len() / 2;
    if odd * 10 >= pairs && even * 50 < pairs.max(50) {
        Some(UTF_16LE)
    } else if even * 10 >= pairs && odd * 50 < pairs.max(50) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Domain words found, heavily penalised by replacement characters.
fn plausibility(d: &Decoded) -> i64 {
    domain_hits(&d.text) as i64 - 20 * d.replaced as i64
}

/// How many times the domain words occur.
fn domain_hits(text: &str) -> usize {
    DOMAIN_WORDS.iter().map(|w| text.matches(w).count()).sum()
}

/// True when the domain words occur at least `enough` times: counts only
/// until then (a table names its columns near its start), where
/// [`domain_hits`] reads the whole text once per word.
fn has_domain_hits(text: &str, enough: usize) -> bool {
    let mut hits = 0;
    DOMAIN_WORDS.iter().any(|w| {
        hits += text.matches(w).take(enough - hits).count();
        hits >= enough
    })
}

/// Domain words that make a clean GB18030 decoding certain: Big5 or
/// Shift-JIS bytes read as GB18030 give other characters, not these words.
const CLEAR_DOMAIN_HITS: usize = 8;

/// Rejects binary data that happens to decode: text exports hold almost no
/// control characters other than tab and line breaks.
fn check_text(d: Decoded) -> Result<Decoded, TextError> {
    let (total, controls) = characters_and_controls(&d.text);
    if total > 0 && controls * 20 > total {
        return Err(TextError::NotText(format!("{controls} of {total} characters are control characters")));
    }
    if total > 0 && d.replaced * 4 > total {
        return Err(TextError::NotText(format!(
            "{} of {total} characters are undecodable in {}",
            d.replaced, d.encoding
        )));
    }
    Ok(d)
}

/// How many characters `text` has, and how many of them are control
/// characters other than tab, line feed, carriage return and form feed
/// (`char::is_control`: U+0000–U+001F and U+007F–U+009F). Counted over the
/// bytes in passes the compiler can widen: `chars().count()` counts the
/// bytes that start a character a word at a time; U+0000–U+001F and U+007F
/// are single bytes, counted 255 at a time in a byte-wide counter (vector
/// compares); U+0080–U+009F are 0xC2 and a byte 0x80–0x9F, found by
/// `memchr` (0xC2 is rare in these texts). One byte-by-byte loop with a
/// look-ahead was about 1% of a run's CPU.
fn characters_and_controls(text: &str) -> (usize, usize) {
    let bytes = text.as_bytes();
    let c0: usize = bytes
        .chunks(255)
        .map(|chunk| {
            let count = chunk.iter().fold(0u8, |n, &b| {
                let other = (b != b'\t') & (b != b'\n') & (b != b'\r') & (b != 0x0C);
                n + u8::from((b < 0x20) & other | (b == 0x7F))
            });
            usize::from(count)
        })
        .sum();
    let c1 = memchr::memchr_iter(0xC2, bytes)
        .filter(|&i| bytes.get(i + 1).is_some_and(|next| (0x80..=0x9F).contains(next)))
        .count();
    (text.chars().count(), c0 + c1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_and_controls_are_counted_as_chars_are() {
        let every: String = (0..0x3100u32).filter_map(char::from_u32).collect();
        for text in [
            "",
            "\u{1}",
            "a",
            "项目\t名称\r\n",
            "a\u{0}b\u{1f}\u{7f}\u{80}\u{9f}\u{a0}\u{c}",
            "\u{c2}\u{85}é≥95%😀\u{7f}",
            "\u{85}",
            SAMPLE,
            &every,
        ] {
            let total = text.chars().count();
            let controls =
                text.chars().filter(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}')).count();
            assert_eq!(characters_and_controls(text), (total, controls), "{text:?}");
        }
    }

    #[test]
    fn replacement_characters_are_counted_as_chars_are() {
        let invalid: &[&[u8]] =
            &[b"", b"\xFF", b"a\xFF\xFE\x81", "项目\u{FFFD}".as_bytes(), b"\xEF\xBF\xBD\xEF\xBF", b"\x81\x30\x81"];
        for bytes in invalid {
            for encoding in [encoding_rs::UTF_8, GB18030] {
                let d = decode_with(encoding, bytes);
                assert_eq!(
                    d.replaced,
                    d.text.chars().filter(|&c| c == '\u{FFFD}').count(),
                    "{bytes:?} as {encoding:?}"
                );
            }
        }
    }

    const SAMPLE: &str = "项目名称\t基金监管经费\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t医保定点医药机构数量\t≥212家\n";

    fn utf16(text: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if le { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
        }
        for unit in text.encode_utf16() {
            let b = if le { unit.to_le_bytes() } else { unit.to_be_bytes() };
            out.extend_from_slice(&b);
        }
        out
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode(SAMPLE.as_bytes()).expect("utf8");
        assert_eq!((plain.encoding, plain.text.as_str()), ("UTF-8", SAMPLE));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(SAMPLE.as_bytes());
        let with_bom = decode(&bom).expect("utf8 bom");
        assert_eq!((with_bom.encoding, with_bom.text.as_str()), ("UTF-8", SAMPLE));
    }

    #[test]
    fn utf16_by_bom_both_orders() {
        for le in [true, false] {
            let d = decode(&utf16(SAMPLE, le, true)).expect("utf16");
            assert_eq!(d.text, SAMPLE);
            assert_eq!(d.encoding, if le { "UTF-16LE" } else { "UTF-16BE" });
        }
    }

    #[test]
    fn utf16_without_bom_by_nul_pattern() {
        for le in [true, false] {
            let d = decode(&utf16(SAMPLE, le, false)).expect("utf16");
            assert_eq!(d.text, SAMPLE);
            assert_eq!(d.replaced, 0);
        }
    }

    #[test]
    fn counting_hits_until_enough_agrees_with_counting_all() {
        let text = SAMPLE.repeat(3);
        for enough in 0..=domain_hits(&text) + 2 {
            assert_eq!(has_domain_hits(&text, enough), domain_hits(&text) >= enough, "{enough}");
        }
    }

    #[test]
    fn gbk_short_and_long() {
        for text in ["产出指标\t数量指标\n", SAMPLE] {
            let (bytes, _, _) = encoding_rs::GBK.encode(text);
            let d = decode(&bytes).expect("gbk");
            assert_eq!(d.text, text);
            assert_eq!(d.encoding, "gb18030");
            assert_eq!(d.replaced, 0);
        }
    }

    #[test]
    fn gb18030_four_byte_characters() {
        let text = "单位：𠀀医疗保障局\t项目名称\n";
        let (bytes, _, _) = GB18030.encode(text);
        assert_eq!(decode(&bytes).expect("gb18030").text, text);
    }

    #[test]
    fn binary_is_not_text() {
        let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 32) as u8).collect();
        assert!(decode(&bytes).is_err());
    }

    #[test]
    fn empty_is_empty_text() {
        assert_eq!(decode(b"").expect("empty").text, "");
    }
}
