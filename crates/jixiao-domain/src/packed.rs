//! Indicators packed into one cell as numbered text (广州's 项目支出绩效目标表
//! prints a project's whole indicator table in its 绩效指标 cell):
//!
//! `1、1-产出指标；11-数量指标；会议活动保障次数；实施周期指标值:每年≥20场；年度指标值:每年≥20场。2、…`
//!
//! Items are numbered (`N、`, `N.`, `N．`, numbering may restart), fields
//! are separated by `；`/`;` and an item ends at `。` or at the next
//! number. The leading fields are taxonomy labels, optionally with their
//! codes (`11-数量指标`, `4 1 - 经 济 成本指标`); the fields with a
//! `…指标值:` key are values, 实施周期/中期/项目 ones mid-term and the others
//! annual; what is left is the indicator's name.

use crate::taxonomy::{label_kind, LabelKind};

/// One indicator read from a packed cell.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PackedIndicator {
    /// 一级指标, as printed without its code.
    pub level1: Option<String>,
    /// 二级指标, as printed without its code.
    pub level2: Option<String>,
    /// 三级指标.
    pub name: String,
    /// The 实施周期 (mid-term) value.
    pub mid_term: Option<String>,
    /// The 年度 value.
    pub annual: Option<String>,
}

/// A packed cell holds at least this many characters: a whole item.
const MIN_PACKED_CHARS: usize = 12;

/// The indicators of a packed cell; none when the cell is not one (no
/// item with a taxonomy label, a name and a value).
pub fn parse_packed(text: &str) -> Option<Vec<PackedIndicator>> {
    if text.chars().count() < MIN_PACKED_CHARS || !text.contains("指标值") {
        return None;
    }
    let fields = text.split(['；', ';', '。', '\n']).map(str::trim).filter(|f| !f.is_empty());
    let mut items: Vec<Vec<String>> = Vec::new();
    for field in fields {
        match strip_item_number(field) {
            Some(rest) => items.push(vec![rest.to_string()]),
            None => match items.last_mut() {
                Some(item) => item.push(field.to_string()),
                // Text before the first number: an item without one.
                None => items.push(vec![field.to_string()]),
            },
        }
    }
    let out: Vec<PackedIndicator> = items.iter().filter_map(|fields| read_item(fields)).collect();
    (!out.is_empty()).then_some(out)
}

/// `2、1-产出指标` → `1-产出指标`: the rest of a field that starts an item
/// (a number, then 、 . ． and a label).
fn strip_item_number(field: &str) -> Option<&str> {
    let digits = field.find(|c: char| !c.is_ascii_digit())?;
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = field[digits..].strip_prefix(['、', '.', '．', ',', '，'])?.trim_start();
    label_of(rest).is_some().then_some(rest)
}

/// The taxonomy label a field names, without its code and spaces
/// (`4 1 - 经 济 成本指标` → `经济成本指标`).
fn label_of(field: &str) -> Option<(String, LabelKind)> {
    let squeezed: String = field.chars().filter(|c| !c.is_whitespace()).collect();
    let name = squeezed.trim_start_matches(|c: char| c.is_ascii_digit()).trim_start_matches(['-', '－', '—', '.']);
    let kind = label_kind(name);
    (kind != LabelKind::None && !name.is_empty()).then(|| (name.to_string(), kind))
}

/// A value field, `实施周期指标值:≥95%`: (mid-term?, value).
fn value_of(field: &str) -> Option<(bool, String)> {
    let at = field.find([':', '：', '》'])?;
    let key: String = field[..at].chars().filter(|c| !c.is_whitespace()).collect();
    if !key.ends_with("指标值") && !key.ends_with("目标值") {
        return None;
    }
    let mid_term = ["实施周期", "中期", "项目"].iter().any(|w| key.contains(w)) && !key.contains("年度");
    let value = field[at..].trim_start_matches([':', '：', '》']).trim();
    Some((mid_term, value.to_string()))
}

fn read_item(fields: &[String]) -> Option<PackedIndicator> {
    let mut item = PackedIndicator::default();
    let mut labels: Vec<(String, LabelKind)> = Vec::new();
    let mut name: Vec<&str> = Vec::new();
    // The value being read: a field after it that is no key of its own
    // goes on with it (`一级事件≤1小时；二级事件≤2小时`).
    let mut open: Option<bool> = None;
    for (i, field) in fields.iter().enumerate() {
        if let Some((mid_term, value)) = value_of(field) {
            let slot = if mid_term { &mut item.mid_term } else { &mut item.annual };
            open = slot.is_none().then_some(mid_term);
            slot.get_or_insert(value);
            continue;
        }
        if let Some(mid_term) = open.filter(|_| !name.is_empty()) {
            let slot = if mid_term { &mut item.mid_term } else { &mut item.annual };
            if let Some(value) = slot {
                value.push('；');
                value.push_str(field);
            }
            continue;
        }
        match label_of(field) {
            Some(label) if i == labels.len() && labels.len() < 2 && name.is_empty() => labels.push(label),
            _ => name.push(field),
        }
    }
    match labels.as_slice() {
        [(one, LabelKind::Level2(_))] => item.level2 = Some(one.clone()),
        [(one, _)] => item.level1 = Some(one.clone()),
        [(a, _), (b, _)] => (item.level1, item.level2) = (Some(a.clone()), Some(b.clone())),
        _ => return None,
    }
    item.name = name.join("；");
    (!item.name.is_empty() && (item.mid_term.is_some() || item.annual.is_some())).then_some(item)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_items_with_both_horizons() {
        let cell = "1、1-产出指标；11-数量指标；会议活动保障次数；实施周期指标值:每年≥20场；年度指标值:每年≥20场。\
                    2、4-成本指标；4 1 - 经 济 成本指标；诉讼费用；实施周期指标值:≤5万元；年度指标值: ≤3万元。";
        let items = parse_packed(cell).expect("packed");
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].level1.as_deref(), Some("产出指标"));
        assert_eq!(items[0].level2.as_deref(), Some("数量指标"));
        assert_eq!(items[0].name, "会议活动保障次数");
        assert_eq!(items[0].mid_term.as_deref(), Some("每年≥20场"));
        assert_eq!(items[1].level2.as_deref(), Some("经济成本指标"));
        assert_eq!(items[1].annual.as_deref(), Some("≤3万元"));
    }

    #[test]
    fn a_value_with_its_own_separators_stays_whole() {
        let cell = "7、1-产出指标；12-质量指标；平均故障恢复时间.；实施周期指标值:一级事件≤1小时；二级事件≤2小时；\
                    年度指标值:一级事件≤1小时；二级事件≤2小时。8、1-产出指标；12-质量指标；合格率；年度指标值:100%。";
        let items = parse_packed(cell).expect("packed");
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].name, "平均故障恢复时间.");
        assert_eq!(items[0].mid_term.as_deref(), Some("一级事件≤1小时；二级事件≤2小时"));
        assert_eq!(items[0].annual.as_deref(), Some("一级事件≤1小时；二级事件≤2小时"));
        assert_eq!(items[1].name, "合格率");
    }

    #[test]
    fn other_dialects_and_restarted_numbering() {
        let cell =
            "1.产出指标;质量指标;验收合格率;年度指标值：100%;\n1．效益指标；社会效益指标；群众知晓率；指标值》≥90%";
        let items = parse_packed(cell).expect("packed");
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].annual.as_deref(), Some("100%"));
        assert_eq!(items[0].mid_term, None);
        assert_eq!(items[1].name, "群众知晓率");
        assert_eq!(items[1].annual.as_deref(), Some("≥90%"));
    }

    #[test]
    fn prose_is_not_packed() {
        assert_eq!(parse_packed("通过开展本项目，完成年度指标值的测算，提升服务水平。"), None);
        assert_eq!(parse_packed("1、完成培训；2、开展宣传。"), None);
    }
}
