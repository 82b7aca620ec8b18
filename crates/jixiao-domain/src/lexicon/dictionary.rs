//! The lexicon's dictionary, handed to jieba word by word as texts need it.
//!
//! Building jieba over the whole dictionary (108,036 core words plus the
//! domain's) took 30–40 ms of CPU and about 15 MB in every worker process,
//! for the few texts of an archive that consult it (a word split by white
//! space, a cell the aligner cannot place by its column).
//!
//! jieba's route over a text depends only on the dictionary words that
//! occur in the text, their frequencies, and the dictionary's total
//! frequency: every word scores ln(freq) − ln(total), and a character no
//! word covers scores ln(1) − ln(total). So the embedded dictionary, whose
//! lines are sorted by their bytes, is searched in place for the words a
//! text contains; those are added to one jieba instance that grows with
//! use, and one balance entry, which no text can contain, carries the rest
//! of the total. jieba then cuts every text exactly as it does with the
//! whole dictionary loaded: the tests compare both, text by text.
//!
//! Looking words up in place costs about 0.3 µs a character, against
//! jieba's 0.015 µs with its trie built, so a process that has looked up
//! [`WHOLE_AFTER_CHARS`] characters (about what the build costs) builds
//! the whole dictionary once and cuts with it from then on. A short run,
//! or one whose texts rarely consult the dictionary, never pays the build;
//! a long one pays at most about twice what the cheaper choice would have.

use super::core_index::{self, RANGE_BYTES, WORD_BYTES};
use jieba_rs::{Jieba, Token};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::{Mutex, PoisonError};

/// A domain word: its frequency replaces the core's, and it carries a tag.
struct DomainWord {
    word: String,
    freq: usize,
    tag: &'static str,
}

/// The balance entry. jieba only looks words up inside runs of Chinese
/// characters and ASCII letters, digits and `+#&._%-`; U+FDD0 (a
/// noncharacter) is neither, so no text ever reaches it. It is also the
/// core dictionary's own sentinel, which plays the same part there.
const BALANCE: &str = "\u{fdd0}";

/// Characters looked up in place before the whole dictionary is built
/// (0.28 µs each, ≈ 34 ms in all, what the build takes).
const WHOLE_AFTER_CHARS: usize = 120_000;

/// The core and domain words, looked up in place, and jieba holding the
/// ones texts have needed so far.
pub(super) struct Dictionary {
    core: Core,
    /// Sorted by word; each word once, as last defined.
    domain: Vec<DomainWord>,
    domain_first: FirstCharRanges,
    /// The total frequency of the whole dictionary, domain words included.
    total: usize,
    /// Threads share it, and cut one at a time: a worker converts on one
    /// thread, and a cut takes microseconds.
    grown: Mutex<Grown>,
    /// [`WHOLE_AFTER_CHARS`], but for tests.
    whole_after: usize,
}

/// jieba with the words handed to it so far and their frequencies' sum
/// (the balance entry's apart), or with the whole dictionary.
struct Grown {
    jieba: Jieba,
    sum: usize,
    /// Characters looked up in place so far.
    looked_up: usize,
    whole: bool,
}

impl Dictionary {
    /// `core` is the core dictionary (see [`Core`]); `domain` lists domain
    /// words in the order they are defined (a later definition of a word
    /// replaces an earlier one, as jieba's `add_word` does).
    pub(super) fn new(core: Core, domain: impl IntoIterator<Item = (String, usize, &'static str)>) -> Self {
        let mut total = core.total;
        let mut defined = BTreeMap::new();
        for (word, freq, tag) in domain {
            if !word.is_empty() {
                defined.insert(word, (freq, tag));
            }
        }
        for (word, (freq, _)) in &defined {
            total = total + freq - core.freq(word).unwrap_or(0);
        }
        let domain: Vec<DomainWord> =
            defined.into_iter().map(|(word, (freq, tag))| DomainWord { word, freq, tag }).collect();
        let domain_first = FirstCharRanges::of(domain.iter().map(|d| d.word.as_str()));
        let mut jieba = Jieba::empty();
        jieba.add_word(BALANCE, Some(total), None);
        let grown = Grown { jieba, sum: 0, looked_up: 0, whole: false };
        Dictionary { core, domain, domain_first, total, grown: Mutex::new(grown), whole_after: WHOLE_AFTER_CHARS }
    }

    /// The domain tag of `word`, if it is a domain word.
    pub(super) fn tag(&self, word: &str) -> Option<&'static str> {
        self.domain.binary_search_by(|d| d.word.as_str().cmp(word)).ok().map(|i| self.domain[i].tag)
    }

    /// jieba's words of `text` without HMM, as over the whole dictionary.
    pub(super) fn cut<'a>(&self, text: &'a str) -> Vec<Token<'a>> {
        {
            let mut grown = self.grown();
            if !grown.whole {
                grown.looked_up += text.chars().count();
                if grown.looked_up > self.whole_after {
                    // The grown instance goes first: the two are never held
                    // at once.
                    grown.jieba = Jieba::empty();
                    grown.jieba = self.whole();
                    grown.whole = true;
                }
            }
            if grown.whole {
                return grown.jieba.cut(text, false);
            }
        }
        let words = self.words_in(text);
        let mut grown = self.grown();
        // Another thread may have built the whole dictionary meanwhile: it
        // has these words already (and its own total).
        if !grown.whole {
            let before = grown.sum;
            for (word, freq) in words {
                if !grown.jieba.has_word(word) {
                    grown.jieba.add_word(word, Some(freq), None);
                    grown.sum += freq;
                }
            }
            if grown.sum != before {
                // jieba's total stays the whole dictionary's.
                let balance = self.total.saturating_sub(grown.sum);
                grown.jieba.add_word(BALANCE, Some(balance), None);
            }
        }
        grown.jieba.cut(text, false)
    }

    fn grown(&self) -> std::sync::MutexGuard<'_, Grown> {
        self.grown.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// jieba over the whole dictionary: the core (its sentinel included)
    /// and every domain word with its last definition.
    fn whole(&self) -> Jieba {
        let mut jieba = Jieba::empty();
        // The embedded core is `word freq` lines; it cannot fail to parse.
        let _ = jieba.load_dict(&mut self.core.text.as_bytes());
        for d in &self.domain {
            jieba.add_word(&d.word, Some(d.freq), Some(d.tag));
        }
        jieba
    }

    /// Every dictionary word that occurs in `text`, with its frequency (a
    /// word may come more than once).
    fn words_in<'a>(&self, text: &'a str) -> Vec<(&'a str, usize)> {
        let mut found = Vec::new();
        for (from, first) in text.char_indices() {
            let rest = &text[from..];
            let mut core = self.core.first.range(first);
            let mut domain = self.domain_first.range(first);
            for (len, c) in rest.char_indices() {
                let prefix = &rest[..len + c.len_utf8()];
                // The ranges of the first character hold its words already.
                if len > 0 {
                    core = narrow(core, prefix, |i| self.core.word_at(i));
                    domain = narrow(domain, prefix, |i| self.domain[i].word.as_str());
                }
                if core.is_empty() && domain.is_empty() {
                    break;
                }
                // The first word of a range is its prefix, when that is a word.
                let freq = match self.domain.get(domain.start).filter(|d| !domain.is_empty() && d.word == prefix) {
                    Some(d) => Some(d.freq),
                    None if !core.is_empty() => self.core.freq_at(core.start, prefix),
                    None => None,
                };
                if let Some(freq) = freq {
                    found.push((prefix, freq));
                }
            }
        }
        found
    }
}

/// A core dictionary: `word freq` lines sorted by their bytes, the first
/// of them the sentinel carrying the frequency the core leaves out, and
/// its index (see [`core_index`]).
pub(super) struct Core {
    text: &'static str,
    /// The packed words after the sentinel line, in the text's order.
    words: Cow<'static, [u8]>,
    first: FirstCharRanges,
    /// Every line's frequency, the sentinel's included.
    total: usize,
}

impl Core {
    /// The embedded dictionary, with the index `build.rs` made of it.
    pub(super) fn embedded() -> Core {
        const WORDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/core_words.bin"));
        const FIRSTS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/core_firsts.bin"));
        const TOTAL: u64 = include!(concat!(env!("OUT_DIR"), "/core_total.rs"));
        Core {
            text: super::CORE_DICT,
            words: Cow::Borrowed(WORDS),
            first: FirstCharRanges::packed(FIRSTS),
            total: TOTAL as usize,
        }
    }

    /// `text` indexed now.
    #[cfg(test)]
    fn parse(text: &'static str) -> Core {
        let packed = core_index::pack(text);
        Core {
            text,
            words: Cow::Owned(packed.words),
            first: FirstCharRanges::packed(&packed.firsts),
            total: packed.total as usize,
        }
    }

    fn len(&self) -> usize {
        self.words.len() / WORD_BYTES
    }

    /// Word `i`: where it starts, its length, its frequency.
    fn entry(&self, i: usize) -> Option<(usize, usize, usize)> {
        let b = self.words.get(i * WORD_BYTES..(i + 1) * WORD_BYTES)?;
        let start = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize;
        let len = usize::from(u16::from_le_bytes([b[4], b[5]]));
        Some((start, len, u32::from_le_bytes([b[6], b[7], b[8], b[9]]) as usize))
    }

    /// The word of `len` bytes at `start` of the text.
    fn word(&self, start: usize, len: usize) -> &'static str {
        self.text.get(start..start + len).unwrap_or_default()
    }

    /// Word `i` (empty past the end).
    fn word_at(&self, i: usize) -> &'static str {
        self.entry(i).map_or("", |(start, len, _)| self.word(start, len))
    }

    /// The frequency of word `i` when it is `word`.
    fn freq_at(&self, i: usize, word: &str) -> Option<usize> {
        let (start, len, freq) = self.entry(i)?;
        (self.word(start, len) == word).then_some(freq)
    }

    fn freq(&self, word: &str) -> Option<usize> {
        self.freq_at(partition_point(0..self.len(), |i| self.word_at(i) < word), word)
    }
}

/// Where the words of each first character stand in a sorted list (they
/// stand together): most characters of a text start a word, and this
/// spares each of them a binary search over the whole list.
struct FirstCharRanges(FxHashMap<char, (u32, u32)>);

impl FirstCharRanges {
    fn of<'w>(words: impl Iterator<Item = &'w str>) -> FirstCharRanges {
        let firsts = words.map(|w| w.chars().next().unwrap_or_default());
        FirstCharRanges(core_index::first_ranges(firsts).into_iter().map(|(c, from, to)| (c, (from, to))).collect())
    }

    /// The ranges [`core_index::pack`] wrote.
    fn packed(bytes: &[u8]) -> FirstCharRanges {
        let u32_at = |b: &[u8]| u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        let ranges = bytes.chunks_exact(RANGE_BYTES).filter_map(|r| {
            let c = char::from_u32(u32_at(&r[0..4]))?;
            Some((c, (u32_at(&r[4..8]), u32_at(&r[8..12]))))
        });
        FirstCharRanges(ranges.collect())
    }

    /// The range of the items whose word starts with `c` (empty when none).
    fn range(&self, c: char) -> Range<usize> {
        self.0.get(&c).map_or(0..0, |&(start, end)| start as usize..end as usize)
    }
}

/// The first index of `range` where `below` is false (`below` is true
/// before it and false from it on).
fn partition_point(range: Range<usize>, below: impl Fn(usize) -> bool) -> usize {
    let (mut low, mut high) = (range.start, range.end);
    while low < high {
        let mid = low + (high - low) / 2;
        if below(mid) {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    low
}

/// The part of `range` (whose words all start with `prefix` less its last
/// character) holding the words that start with `prefix`. The words
/// (`word(i)`) are sorted by their bytes, so those stand together, first
/// the ones below `prefix`, then them, then the ones above.
fn narrow<'w>(range: Range<usize>, prefix: &str, word: impl Fn(usize) -> &'w str) -> Range<usize> {
    let first = partition_point(range.clone(), |i| word(i) < prefix);
    first..partition_point(first..range.end, |i| word(i).starts_with(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::{domain_words, CORE_DICT};

    /// jieba over the whole dictionary, built as the lexicon used to be:
    /// the oracle every cut here must equal.
    fn whole() -> Jieba {
        let mut jieba = Jieba::with_dict(&mut CORE_DICT.as_bytes()).expect("a word-frequency list");
        for (word, freq, tag) in domain_words() {
            jieba.add_word(&word, Some(freq), Some(tag));
        }
        jieba
    }

    fn tokens(tokens: Vec<Token<'_>>) -> Vec<(String, usize, usize)> {
        tokens.into_iter().map(|t| (t.word.to_string(), t.start, t.end)).collect()
    }

    /// Texts made of pieces that make jieba's choices hard: whole words,
    /// their halves (so words overlap), domain words, single characters,
    /// digits, letters, white space and punctuation.
    fn texts(count: usize, seed: u64) -> Vec<String> {
        let core: Vec<&str> = CORE_DICT.lines().skip(1).filter_map(|l| l.split(' ').next()).collect();
        let domain: Vec<String> = domain_words().into_iter().map(|(w, _, _)| w).collect();
        let odd = ["1", "23", "a", "Km", " ", "\u{3000}", "≥", "%", "、", "(", "万元", "\n", "-", "…", "\u{fdd0}"];
        let mut state = seed;
        let mut next = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        (0..count)
            .map(|_| {
                let mut text = String::new();
                for _ in 0..1 + next(8) {
                    let piece: String = match next(6) {
                        0 | 1 => core[next(core.len())].to_string(),
                        2 => domain[next(domain.len())].clone(),
                        3 => odd[next(odd.len())].to_string(),
                        _ => {
                            let word: Vec<char> = core[next(core.len())].chars().collect();
                            let cut = next(word.len() + 1);
                            if next(2) == 0 {
                                word[..cut].iter().collect()
                            } else {
                                word[cut..].iter().collect()
                            }
                        }
                    };
                    text.push_str(&piece);
                }
                text
            })
            .collect()
    }

    #[test]
    fn cuts_every_text_as_the_whole_dictionary_does() {
        let whole = whole();
        let grown = Dictionary::new(Core::embedded(), domain_words());
        let mut fixed: Vec<String> = domain_words().into_iter().map(|(w, _, _)| w).collect();
        fixed.extend(
            [
                "提 高",
                "满意度",
                "服务对象满意度指标",
                "医保定点医药机构数量",
                "成本数超过12万元扣10分",
                "2023年12月底前",
                "秦财社[2023]326号",
            ]
            .map(String::from),
        );
        for text in fixed.iter().chain(&texts(4000, 0x9E37_79B9_7F4A_7C15)) {
            assert_eq!(tokens(grown.cut(text)), tokens(whole.cut(text, false)), "{text:?}");
        }
    }

    #[test]
    fn cuts_alike_after_building_the_whole_dictionary() {
        let oracle = whole();
        let mut dictionary = Dictionary::new(Core::embedded(), domain_words());
        dictionary.whole_after = 200;
        let texts = texts(300, 99);
        for text in &texts {
            assert_eq!(tokens(dictionary.cut(text)), tokens(oracle.cut(text, false)), "{text:?}");
        }
        let grown = dictionary.grown();
        assert!(grown.whole, "{} characters looked up", grown.looked_up);
        assert_eq!(format!("{:?}", grown.jieba), format!("{oracle:?}"), "the same words and total");
        drop(grown);
        assert_eq!(format!("{:?}", dictionary.whole()), format!("{oracle:?}"));
    }

    #[test]
    fn a_fresh_dictionary_cuts_its_first_text_as_the_whole_one() {
        // Only the text's own words and the balance entry are in jieba then.
        let whole = whole();
        for text in texts(40, 7) {
            let fresh = Dictionary::new(Core::embedded(), domain_words());
            assert_eq!(tokens(fresh.cut(&text)), tokens(whole.cut(&text, false)), "{text:?}");
            let total = format!("total_freq: {} }}", fresh.total);
            assert!(
                format!("{:?}", fresh.grown.lock().expect("not poisoned").jieba).contains(&total),
                "the balance keeps jieba's total"
            );
        }
    }

    #[test]
    fn the_core_is_sorted_and_the_totals_agree() {
        let core = Core::embedded();
        let total = core.total;
        assert!((1..core.len()).all(|i| core.word_at(i - 1) < core.word_at(i)), "sorted by bytes, each word once");
        assert_eq!(total, 60_101_964, "jieba 0.11's dict.txt total, with the sentinel");
        let kept: usize = (0..core.len()).filter_map(|i| core.entry(i)).map(|(_, _, freq)| freq).sum();
        assert_eq!(total - kept, 805_743, "every word's frequency is kept whole; the sentinel's is the rest");
        let dictionary = Dictionary::new(Core::embedded(), domain_words());
        // jieba keeps its total private; its Debug form shows it.
        assert!(format!("{:?}", whole()).contains(&format!("total_freq: {} }}", dictionary.total)));
        let grown = dictionary.grown.lock().expect("not poisoned");
        assert!(format!("{:?}", grown.jieba).contains(&format!("total_freq: {} }}", dictionary.total)));
        drop(grown);
        assert_eq!(dictionary.core.freq("一"), Some(217_830));
        assert_eq!(dictionary.core.freq("一一列举"), Some(34));
        assert_eq!(dictionary.core.freq("一一列"), None);
        assert_eq!(dictionary.tag("人次"), Some("jxunit"));
        let short = Core::parse("\u{fdd0} 5\n一 3\n一一 2");
        assert_eq!((short.len(), short.total), (2, 10), "the sentinel counts, the last line needs no newline");
        assert_eq!(short.freq("一一"), Some(2));
        assert_eq!(dictionary.tag("一一列举"), None);
    }

    #[test]
    fn the_index_built_with_the_crate_is_the_one_of_the_embedded_text() {
        let (embedded, now) = (Core::embedded(), Core::parse(CORE_DICT));
        assert_eq!(embedded.words, now.words);
        assert_eq!(embedded.total, now.total);
        assert_eq!(embedded.first.0, now.first.0);
        assert_eq!(embedded.len(), 108_036);
        // Every word's first character leads to a range holding it.
        for i in (0..embedded.len()).step_by(97) {
            let word = embedded.word_at(i);
            let range = embedded.first.range(word.chars().next().expect("a word"));
            assert!(range.contains(&i), "{word} at {i}, not in {range:?}");
        }
    }
}
