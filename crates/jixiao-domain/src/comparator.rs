//! Comparators: the one typed vocabulary the aligner (is this cell a
//! comparator column's?), the lexicon (cell roles) and the normalizer (the
//! reading of a 指标值) share. Words, symbols and column codes are data here.

pub use jixiao_model::Comparator;

/// Words and symbols written before a number, after folding (NFKC, so
/// full-width ＞ is `>`; ≧ ≦ are folded to ≥ ≤). Longer words come before
/// the words they end with, so that 不超过 is never read as 超过. 》 and 《
/// are what a Chinese keyboard gives for ≥ and ≤ when typed in a hurry.
pub const PREFIX_WORDS: &[(&str, Comparator)] = &[
    ("大于或者等于", Comparator::Ge),
    ("小于或者等于", Comparator::Le),
    ("大于或等于", Comparator::Ge),
    ("小于或等于", Comparator::Le),
    ("大于等于", Comparator::Ge),
    ("小于等于", Comparator::Le),
    ("不低于", Comparator::Ge),
    ("不少于", Comparator::Ge),
    ("不小于", Comparator::Ge),
    ("不高于", Comparator::Le),
    ("不超过", Comparator::Le),
    ("不多于", Comparator::Le),
    ("不大于", Comparator::Le),
    ("控制在", Comparator::Le),
    ("不低", Comparator::Ge),
    ("不少", Comparator::Ge),
    ("不高", Comparator::Le),
    ("不超", Comparator::Le),
    ("不多", Comparator::Le),
    ("至少", Comparator::Ge),
    ("最少", Comparator::Ge),
    ("达到", Comparator::Ge),
    ("大于", Comparator::Gt),
    ("高于", Comparator::Gt),
    ("超过", Comparator::Gt),
    ("多于", Comparator::Gt),
    ("小于", Comparator::Lt),
    ("低于", Comparator::Lt),
    ("少于", Comparator::Lt),
    ("等于", Comparator::Eq),
    (">=", Comparator::Ge),
    ("<=", Comparator::Le),
    ("=>", Comparator::Ge),
    ("=<", Comparator::Le),
    ("≥", Comparator::Ge),
    ("≤", Comparator::Le),
    ("》", Comparator::Ge),
    ("《", Comparator::Le),
    ("达", Comparator::Ge),
    ("约", Comparator::Eq),
    (">", Comparator::Gt),
    ("<", Comparator::Lt),
    ("=", Comparator::Eq),
];

/// Words written after a number and its unit (95%以上, 3小时内).
pub const SUFFIX_WORDS: &[(&str, Comparator)] = &[
    ("及以上", Comparator::Ge),
    ("以上", Comparator::Ge),
    ("及以下", Comparator::Le),
    ("以下", Comparator::Le),
    ("以内", Comparator::Le),
    ("之内", Comparator::Le),
    ("内", Comparator::Le),
];

/// What a comparator column (指标性质, 计算符号, 指标值类型) holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnValue {
    /// A comparator: a symbol, or one of the codes 1–5.
    Is(Comparator),
    /// 定性 (or code 6): the target is qualitative.
    Qualitative,
    /// 定量: a type, not a comparator; it says nothing more.
    Quantitative,
}

/// Codes one provincial system puts in its 指标值类型 column.
const COLUMN_CODES: &[(&str, ColumnValue)] = &[
    ("1", ColumnValue::Is(Comparator::Ge)),
    ("2", ColumnValue::Is(Comparator::Gt)),
    ("3", ColumnValue::Is(Comparator::Eq)),
    ("4", ColumnValue::Is(Comparator::Lt)),
    ("5", ColumnValue::Is(Comparator::Le)),
    ("6", ColumnValue::Qualitative),
];

/// Reads a whole comparator-column cell (already folded): a symbol or word
/// alone, a code, 定性 or 定量. Anything else is not a comparator cell.
pub fn column_value(folded: &str) -> Option<ColumnValue> {
    match folded {
        "定性" | "定性指标" => return Some(ColumnValue::Qualitative),
        "定量" | "定量指标" => return Some(ColumnValue::Quantitative),
        _ => {}
    }
    if let Some((_, v)) = COLUMN_CODES.iter().find(|(code, _)| *code == folded) {
        return Some(*v);
    }
    PREFIX_WORDS.iter().find(|(w, _)| *w == folded).map(|(_, c)| ColumnValue::Is(*c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longer_words_come_before_the_words_they_end_with() {
        for (i, (word, _)) in PREFIX_WORDS.iter().enumerate() {
            for (later, _) in &PREFIX_WORDS[i + 1..] {
                assert!(!later.ends_with(word) || later == word, "{later} must come before {word}");
            }
        }
        for (i, (word, _)) in SUFFIX_WORDS.iter().enumerate() {
            for (later, _) in &SUFFIX_WORDS[i + 1..] {
                assert!(!later.ends_with(word), "{later} must come before {word}");
            }
        }
    }

    #[test]
    fn column_cells() {
        assert_eq!(column_value("≥"), Some(ColumnValue::Is(Comparator::Ge)));
        assert_eq!(column_value("5"), Some(ColumnValue::Is(Comparator::Le)));
        assert_eq!(column_value("定性"), Some(ColumnValue::Qualitative));
        assert_eq!(column_value("6"), Some(ColumnValue::Qualitative));
        assert_eq!(column_value("定量"), Some(ColumnValue::Quantitative));
        assert_eq!(column_value("万元"), None);
        assert_eq!(column_value("≠"), None, "no comparator the model can hold");
    }
}
