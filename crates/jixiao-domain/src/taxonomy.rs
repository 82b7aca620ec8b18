//! The official indicator hierarchy (一级指标 → 二级指标) in both of its
//! forms: the older 财预〔2015〕88号 lineage, where 成本指标 sits under
//! 产出指标, and the 2021 form, where 成本指标 is a level-1 label of its own.
//! A table keeps the form it uses; nothing here re-maps one into the other.

use crate::{fold, FirstChars};
use std::borrow::Cow;
use std::sync::OnceLock;

/// Level-1 labels: (official label, accepted stems without the 指标 suffix).
const LEVEL1: &[(&str, &[&str])] =
    &[("产出指标", &["产出"]), ("效益指标", &["效益"]), ("满意度指标", &["满意度"]), ("成本指标", &["成本"])];

/// Level-2 labels: (official label, parent level-1 label, accepted stems).
const LEVEL2: &[(&str, &str, &[&str])] = &[
    ("数量指标", "产出指标", &["数量"]),
    ("质量指标", "产出指标", &["质量"]),
    ("时效指标", "产出指标", &["时效"]),
    // Older form only; in the 2021 form 成本指标 is level 1 (see `is_ambiguous_cost`).
    ("成本指标", "产出指标", &["成本"]),
    ("经济效益指标", "效益指标", &["经济效益"]),
    ("社会效益指标", "效益指标", &["社会效益"]),
    ("生态效益指标", "效益指标", &["生态效益"]),
    ("环境效益指标", "效益指标", &["环境效益"]),
    ("可持续影响指标", "效益指标", &["可持续影响"]),
    ("服务对象满意度指标", "满意度指标", &["服务对象满意度", "社会公众或服务对象满意度", "社会公众和服务对象满意度"]),
    ("经济成本指标", "成本指标", &["经济成本"]),
    ("社会成本指标", "成本指标", &["社会成本"]),
    ("生态环境成本指标", "成本指标", &["生态环境成本"]),
];

/// Every official label with its level (1 or 2), for dictionaries.
pub fn all_labels() -> impl Iterator<Item = (&'static str, u8)> {
    LEVEL1.iter().map(|(l, _)| (*l, 1)).chain(LEVEL2.iter().map(|(l, _, _)| (*l, 2)))
}

/// A recognised level-2 label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Level2 {
    /// Official label, e.g. `数量指标`.
    pub label: &'static str,
    /// Its level-1 parent, e.g. `产出指标`.
    pub parent: &'static str,
}

/// The stem a label is compared by: folded, score weights such as `(50分)`
/// removed, and the `指标` suffix dropped.
pub fn label_stem(text: &str) -> Cow<'_, str> {
    let folded = fold(text);
    let mut end = folded.len();
    // 产出指标(50分), 产出指标（30%）: the score is a weight, not part of the label.
    if let Some(open) = folded.find('(') {
        let tail = &folded[open..];
        if tail.ends_with(')') && tail.chars().any(|c| c.is_ascii_digit()) {
            end = open;
        }
    }
    let end = folded[..end].strip_suffix("指标").map_or(end, str::len);
    match folded {
        Cow::Borrowed(text) => Cow::Borrowed(&text[..end]),
        Cow::Owned(mut text) => {
            text.truncate(end);
            Cow::Owned(text)
        }
    }
}

/// No label, with its score and spaces, is longer than this (in bytes):
/// longer texts are not folded at all, which keeps alignment fast.
const MAX_LABEL_BYTES: usize = 96;

/// What a text is in the taxonomy, from one folding of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelKind {
    /// 成本指标: level 1 in the 2021 form, level 2 in the older one.
    Cost,
    /// A level-2 label.
    Level2(Level2),
    /// A level-1-only label.
    Level1(&'static str),
    /// Not a label.
    None,
}

/// Classifies `text` against both levels with a single fold.
pub fn label_kind(text: &str) -> LabelKind {
    if text.len() > MAX_LABEL_BYTES || !stem_first_chars().may_start(text) {
        return LabelKind::None;
    }
    stem_kind(&label_stem(text))
}

/// What a [`label_stem`] is in the taxonomy.
fn stem_kind(stem: &str) -> LabelKind {
    if stem == "成本" {
        return LabelKind::Cost;
    }
    if let Some((label, parent, _)) = LEVEL2.iter().find(|(_, _, stems)| stems.contains(&stem)) {
        return LabelKind::Level2(Level2 { label, parent });
    }
    match LEVEL1.iter().find(|(_, stems)| stems.contains(&stem)) {
        Some((label, _)) => LabelKind::Level1(label),
        None => LabelKind::None,
    }
}

/// The official level-1 label `text` names, if any.
pub fn level1(text: &str) -> Option<&'static str> {
    match label_kind(text) {
        LabelKind::Level1(l) => Some(l),
        LabelKind::Cost => Some("成本指标"),
        _ => None,
    }
}

/// The official level-2 label `text` names, if any.
pub fn level2(text: &str) -> Option<Level2> {
    match label_kind(text) {
        LabelKind::Level2(l) => Some(l),
        LabelKind::Cost => Some(Level2 { label: "成本指标", parent: "产出指标" }),
        _ => None,
    }
}

/// True for 成本指标, which is level 1 in the 2021 form and level 2 (under
/// 产出指标) in the older one: only its neighbours can tell which.
pub fn is_ambiguous_cost(text: &str) -> bool {
    label_kind(text) == LabelKind::Cost
}

/// True when `text` is any taxonomy label of either level.
pub fn is_label(text: &str) -> bool {
    label_kind(text) != LabelKind::None
}

/// Every accepted stem of both levels.
fn all_stems() -> impl Iterator<Item = &'static str> {
    LEVEL1.iter().flat_map(|(_, s)| s.iter()).chain(LEVEL2.iter().flat_map(|(_, _, s)| s.iter())).copied()
}

/// The first characters of every stem, which every label starts with.
fn stem_first_chars() -> &'static FirstChars {
    static FIRST: OnceLock<FirstChars> = OnceLock::new();
    FIRST.get_or_init(|| FirstChars::of(all_stems()))
}

/// True when `text` is the beginning of a label but not a label itself
/// (`可持续`, `服务对象`): the upper half of a label broken over two rows.
pub fn is_label_head(text: &str) -> bool {
    // Cheap precheck: a label head is short and starts like some stem.
    if text.trim().is_empty() || text.len() > MAX_LABEL_BYTES || !stem_first_chars().may_start(text) {
        return false;
    }
    let stem = label_stem(text);
    !stem.is_empty() && stem_kind(&stem) == LabelKind::None && all_stems().any(|s| s.starts_with(stem.as_ref()))
}

/// True when `head` is not a label but `head` followed by `tail` is one: a
/// label broken over two printed rows (`可持续` / `影响 指标`).
pub fn completes(head: &str, tail: &str) -> bool {
    let h = label_stem(head);
    !h.is_empty() && !is_label(head) && !tail.trim().is_empty() && is_label(&format!("{head}{tail}"))
}

/// A name with its labels printed in front of it, in one cell
/// (`产出指标质量指标来信扫描完成率`, 北京's 部门整体 template): (level-1
/// label, level-2 label, the name). Only full official labels in their
/// order count (a level-2 under its level-1), and something must remain.
pub fn split_leading_labels(text: &str) -> Option<(&'static str, &'static str, String)> {
    let folded = fold(text);
    let t: String = folded.chars().filter(|c| !c.is_whitespace()).collect();
    let (l1, rest) = LEVEL1.iter().find_map(|(l, _)| t.strip_prefix(l).map(|r| (*l, r)))?;
    let (l2, name) = LEVEL2
        .iter()
        .filter(|(_, parent, _)| *parent == l1 || (l1 == "成本指标" && parent.ends_with("成本指标")))
        .find_map(|(l, _, _)| rest.strip_prefix(l).map(|r| (*l, r)))?;
    (!name.is_empty()).then(|| (l1, l2, name.to_string()))
}

/// True when `level2` may sit under `level1` in some form of the taxonomy.
pub fn is_child(level1_label: &str, level2_label: &str) -> bool {
    match (level1(level1_label), level2(level2_label)) {
        (Some(l1), Some(l2)) => l2.parent == l1,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_printed_in_front_of_a_name() {
        assert_eq!(
            split_leading_labels("产出指标质量指标来信扫描完成率"),
            Some(("产出指标", "质量指标", "来信扫描完成率".to_string()))
        );
        assert_eq!(
            split_leading_labels("效益指标社会效益指标保障接访工作的运转"),
            Some(("效益指标", "社会效益指标", "保障接访工作的运转".to_string()))
        );
        assert_eq!(
            split_leading_labels("成本指标经济成本指标人工费"),
            Some(("成本指标", "经济成本指标", "人工费".into()))
        );
        assert_eq!(split_leading_labels("产出指标社会效益指标x"), None, "not a child");
        assert_eq!(split_leading_labels("产出指标质量指标"), None, "no name");
        assert_eq!(split_leading_labels("产出数量"), None);
    }

    #[test]
    fn labels_with_and_without_suffix() {
        assert_eq!(level1("产出"), Some("产出指标"));
        assert_eq!(level1("产出 指标"), Some("产出指标"));
        assert_eq!(level1("产出指标(50分)"), Some("产出指标"));
        assert_eq!(level2("数量"), Some(Level2 { label: "数量指标", parent: "产出指标" }));
        assert_eq!(level2("可持续 影响 指标").map(|l| l.label), Some("可持续影响指标"));
        assert_eq!(level2("服务对象满意度 指标").map(|l| l.parent), Some("满意度指标"));
    }

    #[test]
    fn split_label_over_lines_is_one_label() {
        assert_eq!(level1("绩\n效\n指\n标"), None);
        assert_eq!(level1("产\n出\n指\n标"), Some("产出指标"));
    }

    #[test]
    fn inference_of_level1_from_level2() {
        for (l2, l1) in [
            ("数量指标", "产出指标"),
            ("质量", "产出指标"),
            ("时效指标", "产出指标"),
            ("经济效益指标", "效益指标"),
            ("社会效益", "效益指标"),
            ("生态效益指标", "效益指标"),
            ("可持续影响指标", "效益指标"),
            ("服务对象满意度指标", "满意度指标"),
            ("经济成本指标", "成本指标"),
            ("生态环境成本指标", "成本指标"),
        ] {
            assert_eq!(level2(l2).map(|l| l.parent), Some(l1), "{l2}");
        }
    }

    #[test]
    fn cost_is_ambiguous_and_both_forms_are_children() {
        assert!(is_ambiguous_cost("成本指标"));
        assert!(is_child("产出指标", "成本指标"));
        assert!(is_child("成本指标", "经济成本指标"));
        assert!(!is_child("效益指标", "数量指标"));
    }

    #[test]
    fn labels_broken_over_rows() {
        assert!(completes("可持续", "影响 指标"));
        assert!(is_label_head("可持续") && is_label_head("服务对象"));
        assert!(!is_label_head("产出指标") && !is_label_head("财政足额"));
        assert!(completes("服务对象", "满意度指标"));
        assert!(!completes("产出指标", "数量"), "a whole label is not a fragment");
        assert!(!completes("财政足额", "保障"));
    }

    #[test]
    fn non_labels() {
        for text in ["其他满意度", "指标", "绩效指标", "满意度情况", "生态效益好"] {
            assert!(!is_label(text) || text == "其他满意度" && level2(text).is_none(), "{text}");
        }
        assert_eq!(level2("其他满意度"), None);
        assert!(!is_label("指标"));
    }
}
