//! Rows that look like part of an indicator table but are not indicators:
//! each gets a typed [`SkipReason`] and is kept under the owner's `skipped`.

use crate::fill::Fill;
use jixiao_domain::fold;
use jixiao_domain::vocab::is_placeholder;
use jixiao_model::aligned::{SkipReason, Traced};

/// Why a row with this name and target, under these labels, is not an
/// indicator; none when it is one. `labelled`: the table has 一级/二级
/// columns, so an indicator needs a label above it (a flat 指标名称 list
/// has none to need).
pub fn skip_reason(
    fill: &Fill,
    labelled: bool,
    level3: Option<&Traced>,
    target: Option<&Traced>,
) -> Option<SkipReason> {
    if labelled && fill.level1.is_none() && fill.level2.is_none() {
        return Some(SkipReason::NoLabelAbove);
    }
    // 备注：… under the name, or 说明 / 备注 in the label column (a
    // self-evaluation's closing rows: 说明 | 请在此处逐一针对…).
    let remark = |t: &Traced| ["备注", "说明"].iter().any(|w| fold(&t.text).trim_start().starts_with(w));
    if level3.is_some_and(|t| fold(&t.text).starts_with("备注")) || fill.level1.as_ref().is_some_and(remark) {
        return Some(SkipReason::TemplateRemark);
    }
    let empty_name = level3.is_none_or(|t| is_placeholder(&t.text) || is_bare_number(&t.text));
    (empty_name && target.is_none_or(|t| is_placeholder(&t.text))).then_some(SkipReason::Placeholder)
}

/// A name that is only its numbering: `3`, `指标 1：`, `（2）`, `1、` (the
/// slots of a template left unfilled).
fn is_bare_number(text: &str) -> bool {
    let folded = fold(text);
    let t: String = folded.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.strip_prefix("指标").unwrap_or(&t);
    let t = t.trim_start_matches(['(', '（']);
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let rest: String = t.chars().skip(digits).collect();
    digits > 0 && ["", ":", "：", "、", ".", "．", ")", "）"].contains(&rest.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jixiao_model::SourceRef;

    fn t(s: &str) -> Traced {
        Traced::new(s, SourceRef::default())
    }

    fn under_labels() -> Fill {
        Fill { level2: Some(t("数量指标")), ..Fill::default() }
    }

    #[test]
    fn no_label_above() {
        assert_eq!(
            skip_reason(&Fill::default(), true, Some(&t("人数")), Some(&t("6人"))),
            Some(SkipReason::NoLabelAbove)
        );
    }

    #[test]
    fn template_remark() {
        let remark = t("备注：作为导入模板，置灰信息无需录入");
        assert_eq!(skip_reason(&under_labels(), true, Some(&remark), None), Some(SkipReason::TemplateRemark));
        let note = Fill { level1: Some(t("说明")), ..Fill::default() };
        assert_eq!(skip_reason(&note, true, Some(&t("请在此处逐一说明原因")), None), Some(SkipReason::TemplateRemark));
    }

    #[test]
    fn placeholder() {
        let fill = under_labels();
        assert_eq!(skip_reason(&fill, true, Some(&t("不适用")), Some(&t("不适用"))), Some(SkipReason::Placeholder));
        assert_eq!(skip_reason(&fill, true, Some(&t("3")), None), Some(SkipReason::Placeholder), "a row number alone");
        for slot in ["指标 1：", "指标2", "（3）", "4、"] {
            assert_eq!(skip_reason(&fill, true, Some(&t(slot)), None), Some(SkipReason::Placeholder), "{slot}");
        }
        assert_eq!(skip_reason(&fill, true, Some(&t("指标 1：人数")), None), None, "a numbered name");
        assert_eq!(skip_reason(&fill, true, Some(&t("人数")), Some(&t("6人"))), None, "an indicator");
        assert_eq!(skip_reason(&fill, true, Some(&t("人数")), None), None, "a name without its value is kept");
    }
}
