//! jieba with the domain dictionary: what a cell's words are.
//!
//! The dictionary is the core of jieba's default one plus the domain's
//! words. The core (`data/jieba-core.dict`, written by
//! `scripts/trim-jieba-dict`) keeps every single character and every word
//! jieba saw at least 10 times: 108,036 of its 349,045 words, 98.6% of its
//! frequency mass, and a sentinel entry carrying the mass left out, so that
//! every word kept has exactly the probability it has in the full
//! dictionary; every output of the samples, the shared corpus and the real
//! workbooks is the same byte for byte as with the full one (even with
//! words under 1,000 left out, they are). Domain words: official labels and
//! column names (added from [`crate::taxonomy`] and [`crate::vocab`], so
//! they are written once) and `data/lexicon.dict` (units, comparator words,
//! basis phrases, deadline and qualitative words).
//!
//! jieba is given only the words of the texts it cuts (the `dictionary`
//! module says why that cuts exactly alike), until a process has looked up
//! enough of them for the whole dictionary to be cheaper. The lexicon is
//! built once per process, in under 1 ms (the core's index is made with the
//! crate, by `build.rs`), and shared across threads.

use crate::comparator::column_value;
use crate::value::is_bare_value;
use crate::vocab::{field_label, header_role, is_placeholder};
use crate::{fold, is_cjk, taxonomy};
use dictionary::{Core, Dictionary};
use std::sync::OnceLock;

mod core_index;
mod dictionary;

const LEXICON_DICT: &str = include_str!("../data/lexicon.dict");
const CORE_DICT: &str = include_str!("../data/jieba-core.dict");

/// What a cell holds, judged from its text alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CellRole {
    /// Nothing.
    Empty,
    /// A column name (一级指标, 指标值 …).
    Header,
    /// A level-1 label.
    Level1,
    /// A level-2 label (or 成本指标, which may be either).
    Level2,
    /// A project/department field label (项目名称 …).
    Field,
    /// A comparator or value type (≥, =, 定性).
    Comparator,
    /// A unit (%, 万元, 人次).
    Unit,
    /// The basis of a target (年初计划, `秦财社[2023]326号`).
    Basis,
    /// A scoring rule (达到95%得满分).
    Scoring,
    /// A target value (≥95%, 提升, 2023年12月底前).
    Target,
    /// A description (反映…, long text).
    Description,
    /// Codes and debris (110001, /, ……).
    Noise,
    /// Anything else: usually an indicator name.
    Name,
}

impl CellRole {
    /// Short name for displays and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            CellRole::Empty => "empty",
            CellRole::Header => "header",
            CellRole::Level1 => "level1",
            CellRole::Level2 => "level2",
            CellRole::Field => "field",
            CellRole::Comparator => "comparator",
            CellRole::Unit => "unit",
            CellRole::Basis => "basis",
            CellRole::Scoring => "scoring",
            CellRole::Target => "target",
            CellRole::Description => "description",
            CellRole::Noise => "noise",
            CellRole::Name => "name",
        }
    }
}

/// Texts longer than this (about 4,000 Chinese characters) are never
/// segmented or rejoined: no label, indicator name or value is that long.
pub const LONG_TEXT_BYTES: usize = 12 * 1024;

/// The domain tags of `data/lexicon.dict`.
const TAGS: &[&str] = &["jxunit", "jxcmp", "jxbasis", "jxtime", "jxqual", "jxscore", "jxword", "jxl1", "jxl2", "jxhdr"];

/// jieba over the core and domain words, and the domain tag of every
/// domain word.
pub struct Lexicon {
    dictionary: Dictionary,
}

/// The domain's words, with the frequency jieba gives them and their tag,
/// in the order they are defined (a later definition of a word wins).
fn domain_words() -> Vec<(String, usize, &'static str)> {
    let mut words = Vec::new();
    for line in LEXICON_DICT.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let mut parts = line.split_whitespace();
        let (Some(word), Some(freq), Some(tag)) = (parts.next(), parts.next(), parts.next()) else { continue };
        let (Ok(freq), Some(tag)) = (freq.parse(), TAGS.iter().find(|t| **t == tag)) else { continue };
        words.push((word.to_string(), freq, *tag));
    }
    for (label, level) in taxonomy::all_labels() {
        let tag = if level == 1 { "jxl1" } else { "jxl2" };
        words.push((label.to_string(), 20_000, tag));
        if let Some(stem) = label.strip_suffix("指标") {
            words.push((stem.to_string(), 10_000, tag));
        }
    }
    for word in crate::vocab::header_words() {
        words.push((word.to_string(), 10_000, "jxhdr"));
    }
    words
}

static LEXICON: OnceLock<Lexicon> = OnceLock::new();

/// The process-wide lexicon (built on first use, under 1 ms: jieba gets
/// the dictionary's words as texts need them, see the `dictionary` module).
pub fn lexicon() -> &'static Lexicon {
    LEXICON.get_or_init(Lexicon::load)
}

/// Removes white space that splits a word (`提 高` → `提高`, `满意 度`
/// → `满意度`): a gap between two Chinese characters is closed when the
/// dictionary has a word across it. Gaps between words stay, so cells
/// that were merged by an export (`财政足额 持续`) are not glued.
/// Returns `None` when nothing changed.
///
/// The lexicon is only asked (and built, under 1 ms, and its words
/// looked up) when the text has such a gap, which most texts lack.
pub fn rejoin(text: &str) -> Option<String> {
    if needs_dictionary(text) {
        lexicon().close_gaps(text)
    } else {
        None
    }
}

/// True when [`rejoin`] has a gap to ask the dictionary about: white
/// space between two Chinese characters (the only gaps it closes), in a
/// text that is not too long. A label, a name or a phrase is short; text
/// this long is prose (or an attack), and rejoining it would cost seconds
/// per MB.
fn needs_dictionary(text: &str) -> bool {
    if text.len() > LONG_TEXT_BYTES {
        return false;
    }
    let mut before = None;
    let mut in_gap = false;
    for c in text.chars() {
        if c.is_whitespace() {
            in_gap = true;
            continue;
        }
        if in_gap && before.is_some_and(is_cjk) && is_cjk(c) {
            return true;
        }
        in_gap = false;
        before = Some(c);
    }
    false
}

impl Lexicon {
    fn load() -> Lexicon {
        Lexicon { dictionary: Dictionary::new(Core::embedded(), domain_words()) }
    }

    /// Words of `text` (jieba without HMM: dictionary words only).
    pub fn segment<'a>(&self, text: &'a str) -> Vec<&'a str> {
        self.dictionary.cut(text).into_iter().map(|t| t.word).collect()
    }

    /// The domain tag of a word (`jxunit`, `jxbasis` …), if it is a domain word.
    pub fn domain_tag(&self, word: &str) -> Option<&'static str> {
        self.dictionary.tag(word)
    }

    /// [`rejoin`]'s work, for a text [`needs_dictionary`] let through.
    fn close_gaps(&self, text: &str) -> Option<String> {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len());
        let mut changed = false;
        let mut i = 0;
        while i < chars.len() {
            if !chars[i].is_whitespace() {
                out.push(chars[i]);
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            let before = out.chars().last();
            let after = chars.get(i).copied();
            let join = match (before, after) {
                (Some(b), Some(a)) if is_cjk(b) && is_cjk(a) => self.word_across(&out, &chars[i..]),
                _ => false,
            };
            if join {
                changed = true;
            } else {
                out.extend(&chars[start..i]);
            }
        }
        changed.then_some(out)
    }

    /// True when a dictionary word of two or more characters spans the
    /// point between `left` and `right`.
    fn word_across(&self, left: &str, right: &[char]) -> bool {
        let l: String = {
            let tail: Vec<char> = left.chars().rev().take_while(|c| is_cjk(*c)).take(4).collect();
            tail.into_iter().rev().collect()
        };
        let r: String = right.iter().take_while(|c| is_cjk(**c)).take(4).collect();
        let boundary = l.chars().count();
        let window = format!("{l}{r}");
        self.dictionary.cut(&window).iter().any(|t| t.start < boundary && t.end > boundary && t.end - t.start >= 2)
    }

    /// The role `text` suggests on its own; the aligner weighs it against
    /// the column the cell stands in.
    pub fn classify(&self, text: &str) -> CellRole {
        let f = fold(text);
        if f.is_empty() {
            return CellRole::Empty;
        }
        if taxonomy::level2(text).is_some() {
            return CellRole::Level2;
        }
        if taxonomy::level1(text).is_some() {
            return CellRole::Level1;
        }
        if header_role(text).is_some() {
            return CellRole::Header;
        }
        if field_label(text).is_some() {
            return CellRole::Field;
        }
        if column_value(&f).is_some_and(|_| !f.chars().all(|c| c.is_ascii_digit())) {
            return CellRole::Comparator;
        }
        if is_placeholder(&f) || (f.len() >= 5 && f.chars().all(|c| c.is_ascii_digit())) {
            return CellRole::Noise;
        }
        if f.len() > LONG_TEXT_BYTES {
            // Far longer than any label, value or basis: prose, not worth
            // segmenting word by word.
            return CellRole::Description;
        }
        let words = self.segment(&f);
        let tagged = |tag: &str| words.iter().any(|w| self.domain_tag(w) == Some(tag));
        if tagged("jxscore") || (f.contains('扣') && f.contains('分')) {
            return CellRole::Scoring;
        }
        if is_document_number(&f) || (words.len() <= 3 && tagged("jxbasis")) {
            return CellRole::Basis;
        }
        if f == "%" || (words.len() == 1 && tagged("jxunit")) {
            return CellRole::Unit;
        }
        if is_bare_value(&f) || tagged("jxtime") || (f.chars().count() <= 8 && tagged("jxqual")) {
            return CellRole::Target;
        }
        if ["反映", "用于", "通过", "针对", "指"].iter().any(|p| f.starts_with(p)) || f.chars().count() >= 25 {
            return CellRole::Description;
        }
        CellRole::Name
    }
}

/// `秦财社[2023]326号`, `唐财社〔2021〕132号`, `冀医保〔2022〕18号文件`.
fn is_document_number(f: &str) -> bool {
    let Some(open) = f.find('[') else { return false };
    let Some(close) = f[open..].find(']').map(|c| c + open) else { return false };
    let year = &f[open + 1..close];
    year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) && f[close..].contains('号')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_gap_between_chinese_characters_needs_the_dictionary() {
        for text in ["提 高", "满意 度", "提升参保  群众满意", "a 提\u{3000}高", "提\n高"] {
            assert!(needs_dictionary(text), "{text:?}");
        }
        for text in ["提高", "1.53 万人", "≥ 95%", "万人 ", " 提高", "提 1 高", "提 (高", "", "   "] {
            assert!(!needs_dictionary(text), "{text:?}");
            assert_eq!(lexicon().close_gaps(text), None, "{text:?}: the lexicon agrees there is nothing to rejoin");
        }
        assert!(!needs_dictionary(&"提 高".repeat(LONG_TEXT_BYTES)), "prose this long is never rejoined");
        // The gate changes no answer, whichever path it takes.
        for text in ["提 高", "满意 度", "代缴保费 财政持续", "提高", "1.53 万人", "年 预 算"] {
            assert_eq!(rejoin(text), lexicon().close_gaps(text), "{text:?}");
        }
    }

    #[test]
    fn rejoins_words_split_by_spaces_only() {
        assert_eq!(rejoin("提 高 服 务质量").as_deref().map(|s| s.replace(' ', "")), Some("提高服务质量".to_string()));
        let joined = rejoin("提升参保 群众满意 度").expect("changed");
        assert!(joined.contains("满意度"), "{joined}");
        assert_eq!(rejoin("绩效标 准"), Some("绩效标准".to_string()));
        assert_eq!(rejoin("财政足额 持续"), None, "two cells merged by an export stay apart");
        assert_eq!(rejoin("1.53 万人"), None, "numbers and units are left alone");
        assert_eq!(rejoin("医保信息系统"), None);
    }

    #[test]
    fn roles_of_cells_by_their_text() {
        let l = lexicon();
        let cases = [
            ("", CellRole::Empty),
            ("一级指标", CellRole::Header),
            ("产出指标", CellRole::Level1),
            ("数量", CellRole::Level2),
            ("成本指标", CellRole::Level2),
            ("实施单位", CellRole::Field),
            ("≥", CellRole::Comparator),
            ("定性", CellRole::Comparator),
            ("万元", CellRole::Unit),
            ("%", CellRole::Unit),
            ("秦财社[2023]326号", CellRole::Basis),
            ("唐财社【2021】132号", CellRole::Basis),
            ("年初计划", CellRole::Basis),
            ("调查问卷", CellRole::Basis),
            ("达到95%得满分", CellRole::Scoring),
            ("成本数超过12万元扣10分", CellRole::Scoring),
            ("≥95%", CellRole::Target),
            ("1.53 万人", CellRole::Target),
            ("提升", CellRole::Target),
            ("及时", CellRole::Target),
            ("2023年12月底前", CellRole::Target),
            ("受理后30个工作日", CellRole::Target),
            ("反映开展外宣活动情况", CellRole::Description),
            ("110001", CellRole::Noise),
            ("……", CellRole::Noise),
            ("/", CellRole::Noise),
            ("医保定点医药机构数量", CellRole::Name),
        ];
        for (text, role) in cases {
            assert_eq!(l.classify(text), role, "{text}");
        }
    }

    #[test]
    fn the_core_dictionary_keeps_jiebas_total() {
        // jieba 0.11's dict.txt: 349,045 words whose frequencies add up to
        // 60,101,964. The core's sentinel carries what it leaves out, so the
        // log-probability of every word kept is unchanged.
        let mut total = 0u64;
        let mut words = 0;
        for line in CORE_DICT.lines() {
            let mut parts = line.split(' ');
            let (Some(word), Some(freq), None) = (parts.next(), parts.next(), parts.next()) else {
                panic!("not `word freq`: {line:?}");
            };
            assert!(!word.is_empty());
            total += freq.parse::<u64>().expect("a frequency");
            words += 1;
        }
        assert_eq!(total, 60_101_964);
        assert!(words > 100_000, "{words}");
        assert!(CORE_DICT.starts_with("\u{fdd0} "), "the sentinel comes first");
    }

    #[test]
    fn domain_words_are_tagged() {
        let l = lexicon();
        assert_eq!(l.domain_tag("人次"), Some("jxunit"));
        assert_eq!(l.domain_tag("可持续影响指标"), Some("jxl2"));
        assert_eq!(l.domain_tag("指标值确定依据"), Some("jxhdr"));
        assert!(l.segment("服务对象满意度指标").contains(&"服务对象满意度指标"));
    }
}
