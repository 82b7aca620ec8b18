//! Column-header synonyms, project/department field labels, placeholders and
//! comparator words. Every table is (folded key, meaning); lookups fold the
//! text and drop brackets, colons and the `(万元)` kind of unit note first.

use crate::{fold, FirstChars};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// What a column of an indicator table holds, decided from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColumnRole {
    /// 一级指标
    Level1,
    /// 二级指标
    Level2,
    /// 三级指标 / 指标名称
    Level3,
    /// 指标值 / 目标值
    Target,
    /// 实施周期指标值 / 中期指标值: the mid-term value beside the annual
    /// one in the same row (the aligner reads it as a mid-term side).
    MidTermTarget,
    /// 绩效指标描述 / 指标解释 / 绩效标准
    Description,
    /// 指标值确定依据
    Basis,
    /// 指标值类型 / 计算符号 (comparator or 定性)
    Comparator,
    /// 度量单位 / 计量单位
    Unit,
    /// 评(扣)分标准
    Scoring,
    /// 权重 / 分值
    Weight,
    /// 备注
    Remark,
    /// 单位代码
    UnitCode,
    /// 单位名称 / 部门名称
    UnitName,
    /// 项目名称 / 单位(专项)名称
    ProjectName,
    /// 项目编码
    ProjectCode,
    /// 资金总额 / 预算数
    Budget,
    /// 实施期绩效目标 / 年度目标
    Goal,
    /// 实际完成值 / 全年完成值 / 全年预计执行数: what a self-evaluation or
    /// a monitoring table says was achieved.
    Actual,
    /// 得分: the score a self-evaluation gives the indicator.
    Score,
    /// 偏差原因分析及改进措施: why the target was missed, and what is done.
    Deviation,
    /// 1-7月执行数: a monitoring table's progress so far.
    Progress,
    /// 完成可能性: a monitoring table's judgement of the year's outcome.
    Likelihood,
}

impl ColumnRole {
    /// Roles that only an indicator table has; two of them make a header row.
    pub fn is_indicator_role(self) -> bool {
        matches!(
            self,
            ColumnRole::Level1
                | ColumnRole::Level2
                | ColumnRole::Level3
                | ColumnRole::Target
                | ColumnRole::MidTermTarget
        )
    }
}

const HEADERS: &[(&str, ColumnRole)] = &[
    ("一级指标", ColumnRole::Level1),
    // 重庆's 项目支出绩效自评表: 指标类型 holds 产出类指标, 效益类指标, … (and
    // sometimes a 二级 such as 数量指标).
    ("指标类型", ColumnRole::Level1),
    ("二级指标", ColumnRole::Level2),
    ("三级指标", ColumnRole::Level3),
    ("指标名称", ColumnRole::Level3),
    ("指标内容", ColumnRole::Level3),
    ("具体指标", ColumnRole::Level3),
    ("指标值", ColumnRole::Target),
    ("年度指标值", ColumnRole::Target),
    ("实施周期指标值", ColumnRole::MidTermTarget),
    ("实施期指标值", ColumnRole::MidTermTarget),
    ("中期指标值", ColumnRole::MidTermTarget),
    ("本年绩效指标值", ColumnRole::Target),
    ("本年指标值", ColumnRole::Target),
    ("目标值", ColumnRole::Target),
    ("当年预期实现值", ColumnRole::Target),
    ("指标值包含数字及文字描述", ColumnRole::Target),
    ("指标值及单位", ColumnRole::Target),
    // Shanghai's 财政项目支出绩效目标填报表: 年度(/项目)指标值.
    ("年度/项目指标值", ColumnRole::Target),
    ("项目指标值", ColumnRole::Target),
    ("绩效指标描述", ColumnRole::Description),
    ("指标解释", ColumnRole::Description),
    ("指标说明", ColumnRole::Description),
    ("指标值内容", ColumnRole::Description),
    ("绩效标准", ColumnRole::Description),
    ("指标值确定依据", ColumnRole::Basis),
    ("指标值设定依据", ColumnRole::Basis),
    ("指标来源", ColumnRole::Basis),
    ("数据来源", ColumnRole::Basis),
    ("指标性质", ColumnRole::Comparator),
    ("计算符号", ColumnRole::Comparator),
    ("运算符号", ColumnRole::Comparator),
    ("指标值类型", ColumnRole::Comparator),
    ("度量单位", ColumnRole::Unit),
    ("计量单位", ColumnRole::Unit),
    ("评扣分标准", ColumnRole::Scoring),
    ("评分标准", ColumnRole::Scoring),
    ("评价标准", ColumnRole::Scoring),
    ("实际完成值", ColumnRole::Actual),
    ("全年完成值", ColumnRole::Actual),
    ("实际完成情况", ColumnRole::Actual),
    ("全年实际完成值", ColumnRole::Actual),
    ("全年预计执行数", ColumnRole::Actual),
    ("得分", ColumnRole::Score),
    ("偏差原因分析及改进措施", ColumnRole::Deviation),
    ("偏差原因及改进措施", ColumnRole::Deviation),
    ("偏差原因分析", ColumnRole::Deviation),
    ("偏差原因", ColumnRole::Deviation),
    ("完成可能性", ColumnRole::Likelihood),
    ("完成目标可能性", ColumnRole::Likelihood),
    ("权重", ColumnRole::Weight),
    ("指标权重", ColumnRole::Weight),
    ("绩效指标性质", ColumnRole::Comparator),
    ("绩效度量单位", ColumnRole::Unit),
    ("是否核心", ColumnRole::Remark),
    ("是否核心指标", ColumnRole::Remark),
    ("分值", ColumnRole::Weight),
    ("备注", ColumnRole::Remark),
    ("单位代码", ColumnRole::UnitCode),
    ("单位编码", ColumnRole::UnitCode),
    ("单位名称", ColumnRole::UnitName),
    ("部门名称", ColumnRole::UnitName),
    ("单位专项名称", ColumnRole::ProjectName),
    ("单位项目名称", ColumnRole::ProjectName),
    ("项目名称", ColumnRole::ProjectName),
    ("专项名称", ColumnRole::ProjectName),
    ("项目编码", ColumnRole::ProjectCode),
    ("项目代码", ColumnRole::ProjectCode),
    ("项目编号", ColumnRole::ProjectCode),
    ("资金总额", ColumnRole::Budget),
    ("项目总额", ColumnRole::Budget),
    ("当年财政拨款预算金额", ColumnRole::Budget),
    ("年度资金总额", ColumnRole::Budget),
    ("预算数", ColumnRole::Budget),
    ("年度预算申请", ColumnRole::Budget),
    ("实施期绩效目标", ColumnRole::Goal),
    ("年度绩效目标", ColumnRole::Goal),
    ("整体绩效目标", ColumnRole::Goal),
    ("绩效目标", ColumnRole::Goal),
    ("项目目标", ColumnRole::Goal),
];

/// The key headers and field labels are looked up by: folded, brackets and
/// their unit notes (`(万元)`, `(%)`) and trailing colons removed.
pub fn header_key(text: &str) -> String {
    let folded = fold(text);
    let mut out = String::with_capacity(folded.len());
    // The brackets and the colon are ASCII once folded: byte positions do.
    let mut rest = folded.as_ref();
    while let Some(c) = rest.chars().next() {
        let mut step = c.len_utf8();
        match c {
            '(' | '[' => {
                // Drop a bracketed unit note, keep the words of other brackets:
                // 评(扣)分标准 → 评扣分标准, 年度预算申请(万元) → 年度预算申请.
                if let Some(len) = rest.find([')', ']']).filter(|len| is_unit_note(&rest[1..*len])) {
                    rest = &rest[len + 1..];
                    continue;
                }
            }
            ')' | ']' | ':' => {}
            _ => {
                // Copy the run up to the next bracket or colon at once.
                step = rest.find(['(', '[', ')', ']', ':']).unwrap_or(rest.len());
                out.push_str(&rest[..step]);
            }
        }
        rest = &rest[step..];
    }
    out
}

/// A list of (key, role) as a map, the first entry of a key winning as it
/// does when the list is scanned.
///
/// FxHash rather than std's SipHash, which was a third of a lookup: the
/// map holds the crate's own labels and is never written after it is
/// built, so a text can only look a key up, and flooding it is impossible.
fn first_wins<R: Copy>(list: &[(&'static str, R)]) -> FxHashMap<&'static str, R> {
    let mut map = FxHashMap::with_capacity_and_hasher(list.len(), Default::default());
    for (key, role) in list {
        map.entry(*key).or_insert(*role);
    }
    map
}

fn is_unit_note(inner: &str) -> bool {
    matches!(inner, "万元" | "元" | "千元" | "亿元" | "%" | "盖章" | "签名" | "签章")
}

/// Every column name and field label, for dictionaries.
pub fn header_words() -> impl Iterator<Item = &'static str> {
    HEADERS.iter().map(|(k, _)| *k).chain(FIELDS.iter().map(|(k, _)| *k))
}

/// No column name or field label is longer than this (in bytes).
const MAX_HEADER_BYTES: usize = 120;

/// The role a header cell names, if any.
pub fn header_role(text: &str) -> Option<ColumnRole> {
    static FIRST: OnceLock<FirstChars> = OnceLock::new();
    if text.len() > MAX_HEADER_BYTES {
        return None;
    }
    if !FIRST.get_or_init(|| FirstChars::of(HEADERS.iter().map(|h| h.0))).may_start(text) {
        let opens_on_months = text.trim_start().starts_with(|c: char| c.is_ascii_digit() || c == '截');
        return opens_on_months.then(|| progress_header(&header_key(text))).flatten();
    }
    // A map rather than a scan of the list: the scan, key by key, was most
    // of this lookup's time (many keys share a length).
    static ROLES: OnceLock<FxHashMap<&str, ColumnRole>> = OnceLock::new();
    let key = header_key(text);
    ROLES.get_or_init(|| first_wins(HEADERS)).get(key.as_str()).copied().or_else(|| progress_header(&key))
}

/// A monitoring table's progress column names its months: `1-7月执行数`,
/// `1至6月执行情况`, `截至7月执行数`.
fn progress_header(key: &str) -> Option<ColumnRole> {
    let rest = key.strip_prefix("截至").unwrap_or(key);
    let months = rest.split_once('月')?.0;
    let numbered = !months.is_empty()
        && months.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | '至' | '~' | '—'))
        && months.chars().any(|c| c.is_ascii_digit());
    let tail = &rest[rest.find('月')? + '月'.len_utf8()..];
    (numbered && ["执行数", "执行情况", "完成值", "完成情况"].contains(&tail)).then_some(ColumnRole::Progress)
}

/// A field of a table's header block (label/value pairs before the indicators).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldRole {
    /// 项目名称
    ProjectName,
    /// 项目编码
    ProjectCode,
    /// 单位名称 / 实施单位 / 项目单位
    UnitName,
    /// 部门名称: a department table's owner
    DepartmentName,
    /// 单位代码
    UnitCode,
    /// A budget amount; higher rank wins (年度 over 中期).
    Budget(u8),
    /// A goal, annual (true) or mid-term (false).
    Goal(bool),
    /// How the amount was worked out (测算依据): evidence for the budget.
    CostBasis,
    /// Personal data (负责人, 联系电话): read to be dropped.
    Personal,
    /// A fact about the project analysts filter on (kept as written).
    Fact(Fact),
}

/// Project facts a template may carry besides the budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fact {
    /// 中期资金总额 / 项目总金额（中期规划）: the multi-year total. It is
    /// also the budget when no annual amount is given.
    MidTermBudget,
    /// 其中：财政拨款 / 财政资金.
    FiscalFunds,
    /// 其他资金.
    OtherFunds,
    /// 实施期限 / 项目期.
    Period,
    /// 项目类型 / 项目属性.
    ProjectType,
    /// 主管部门 / 一级预算单位.
    Department,
    /// 申报年度 / 预算年度.
    DeclaredYear,
}

const FIELDS: &[(&str, FieldRole)] = &[
    ("项目名称", FieldRole::ProjectName),
    ("专项项目名称", FieldRole::ProjectName),
    ("项目专项名称", FieldRole::ProjectName),
    ("单位项目名称", FieldRole::ProjectName),
    // A 转移支付绩效目标表 names its transfer as a project.
    ("转移支付名称", FieldRole::ProjectName),
    ("转移支付项目名称", FieldRole::ProjectName),
    ("项目编码", FieldRole::ProjectCode),
    ("项目代码", FieldRole::ProjectCode),
    ("项目编号", FieldRole::ProjectCode),
    ("单位名称", FieldRole::UnitName),
    ("实施单位", FieldRole::UnitName),
    ("项目单位", FieldRole::UnitName),
    ("申请单位", FieldRole::UnitName),
    ("预算单位", FieldRole::UnitName),
    ("部门名称", FieldRole::DepartmentName),
    ("部门单位名称", FieldRole::DepartmentName),
    ("单位代码", FieldRole::UnitCode),
    ("单位编码", FieldRole::UnitCode),
    ("年度资金总额", FieldRole::Budget(3)),
    ("预算数", FieldRole::Budget(3)),
    ("本年度项目金额", FieldRole::Budget(3)),
    ("年度资金申请总额", FieldRole::Budget(3)),
    ("项目资金总额", FieldRole::Budget(2)),
    ("项目总额", FieldRole::Budget(2)),
    ("当年预算", FieldRole::Budget(3)),
    ("年度金额", FieldRole::Budget(3)),
    // A self-evaluation's funds: the year's budget as adjusted, over the
    // one set at its start.
    ("全年预算数", FieldRole::Budget(3)),
    ("年初预算数", FieldRole::Budget(2)),
    // The total row of a 部门整体 table's tasks (任务名称 | 预算金额).
    ("金额合计", FieldRole::Budget(2)),
    ("资金总额", FieldRole::Budget(2)),
    ("年度预算申请", FieldRole::Budget(1)),
    ("预算支出总额", FieldRole::Budget(2)),
    ("项目总金额", FieldRole::Fact(Fact::MidTermBudget)),
    ("中期资金总额", FieldRole::Fact(Fact::MidTermBudget)),
    ("实施期资金总额", FieldRole::Fact(Fact::MidTermBudget)),
    ("财政拨款", FieldRole::Fact(Fact::FiscalFunds)),
    ("财政资金", FieldRole::Fact(Fact::FiscalFunds)),
    ("其中财政拨款", FieldRole::Fact(Fact::FiscalFunds)),
    ("其中财政资金", FieldRole::Fact(Fact::FiscalFunds)),
    ("其他资金", FieldRole::Fact(Fact::OtherFunds)),
    ("实施期限", FieldRole::Fact(Fact::Period)),
    ("项目期", FieldRole::Fact(Fact::Period)),
    ("项目实施期", FieldRole::Fact(Fact::Period)),
    ("项目类型", FieldRole::Fact(Fact::ProjectType)),
    ("项目属性", FieldRole::Fact(Fact::ProjectType)),
    ("主管部门", FieldRole::Fact(Fact::Department)),
    ("市级主管部门", FieldRole::Fact(Fact::Department)),
    ("一级预算单位", FieldRole::Fact(Fact::Department)),
    ("申报年度", FieldRole::Fact(Fact::DeclaredYear)),
    ("预算年度", FieldRole::Fact(Fact::DeclaredYear)),
    ("年度目标", FieldRole::Goal(true)),
    ("绩效目标", FieldRole::Goal(true)),
    ("年度绩效目标", FieldRole::Goal(true)),
    ("年度总体目标", FieldRole::Goal(true)),
    ("中期目标", FieldRole::Goal(false)),
    ("实施期绩效目标", FieldRole::Goal(false)),
    ("测算依据", FieldRole::CostBasis),
    ("资金测算依据", FieldRole::CostBasis),
    ("项目测算依据", FieldRole::CostBasis),
    ("测算过程", FieldRole::CostBasis),
    ("项目负责人", FieldRole::Personal),
    ("负责人", FieldRole::Personal),
    ("联系电话", FieldRole::Personal),
    ("联系人", FieldRole::Personal),
];

/// The field a label cell names, with any value written in the same cell
/// after a colon (`资金总额：834.02万元`).
pub fn field_label(text: &str) -> Option<(FieldRole, Option<String>)> {
    // A label with an inline value (资金总额：834.02万元) is short; a long
    // text is a value, not a label.
    static FIRST: OnceLock<FirstChars> = OnceLock::new();
    if text.len() > 2 * MAX_HEADER_BYTES
        || !FIRST.get_or_init(|| FirstChars::of(FIELDS.iter().map(|f| f.0))).may_start(text)
    {
        return None;
    }
    let folded = fold(text);
    let (label, inline) = match folded.split_once(':') {
        Some((l, v)) => (l, Some(v).filter(|v| !v.is_empty()).map(str::to_string)),
        None => (folded.as_ref(), None),
    };
    let key = header_key(label);
    // 中期目标(20××年—20××+n年), 项目总金额（中期规划，万元）: the bracket is a
    // template hint, not part of the label (header_key keeps the words of
    // brackets that are not unit notes).
    let before_bracket = header_key(label.split('(').next().unwrap_or(label));
    static ROLES: OnceLock<FxHashMap<&str, FieldRole>> = OnceLock::new();
    let roles = ROLES.get_or_init(|| first_wins(FIELDS));
    let role = roles.get(key.as_str()).or_else(|| roles.get(before_bracket.as_str())).copied().or_else(|| {
        FIELDS.iter().find(|(k, r)| matches!(r, FieldRole::Goal(_)) && key.starts_with(k)).map(|(_, r)| *r)
    })?;
    Some((role, inline))
}

/// Texts that stand for "nothing here" in a 三级指标 or 指标值 cell.
const PLACEHOLDERS: &[&str] = &["", "无", "/", "-", "—", "--", "——", "不适用", "本项目不适用此指标", "……", "...", "……"];

/// True when `text` is a placeholder rather than content.
pub fn is_placeholder(text: &str) -> bool {
    let f = fold(text);
    PLACEHOLDERS.contains(&f.as_ref()) || f.chars().all(|c| c == '.' || c == '…' || c == '/')
}

/// Texts that mark a slot the form leaves unused, beyond
/// [`is_placeholder`]'s: 不适应 is the real workbooks' typo of 不适用. The
/// converter keeps such rows (they are what the form says); the 初审 treats
/// them as no indicator.
const UNUSED_SLOT_MARKS: &[&str] = &["不适应", "不涉及", "暂无", "无此项", "不适用。", "无。"];

/// True when `text` stands for "nothing here" in a 三级指标 or 指标值 cell,
/// as a reviewer reads it: a [`is_placeholder`] text or an
/// unused-slot mark such as 不适应.
pub fn marks_unused(text: &str) -> bool {
    is_placeholder(text) || UNUSED_SLOT_MARKS.contains(&fold(text).as_ref())
}

/// Units of money, longest first, with the power of ten that turns each
/// into 元 (万元 is 4): the one list every reader and check uses.
pub const MONEY_UNITS: &[(&str, i32)] = &[("亿元", 8), ("万元", 4), ("千元", 3), ("元", 0)];

/// The power of ten that turns `unit` (a name of [`MONEY_UNITS`]) into 元.
pub fn money_places(unit: &str) -> Option<i32> {
    MONEY_UNITS.iter().find(|(u, _)| *u == unit).map(|(_, p)| *p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_maps_answer_as_a_scan_of_the_lists_does() {
        for (key, _) in HEADERS {
            let scan = HEADERS.iter().find(|(k, _)| k == key).map(|(_, r)| *r);
            assert_eq!(header_role(key), scan, "{key}");
        }
        for (label, _) in FIELDS {
            let scan = FIELDS.iter().find(|(k, _)| k == label).map(|(_, r)| *r);
            assert_eq!(field_label(label).map(|(r, _)| r), scan, "{label}");
        }
    }

    #[test]
    fn result_columns_of_self_evaluations_and_monitoring() {
        assert_eq!(header_role("实际完成值"), Some(ColumnRole::Actual));
        assert_eq!(header_role("全年 完成值"), Some(ColumnRole::Actual));
        assert_eq!(header_role("得分"), Some(ColumnRole::Score));
        assert_eq!(header_role("偏差原因分析及\n改进措施"), Some(ColumnRole::Deviation));
        assert_eq!(header_role("1-7月执行数"), Some(ColumnRole::Progress));
        assert_eq!(header_role("截至7月执行情况"), Some(ColumnRole::Progress));
        assert_eq!(header_role("完成可能性"), Some(ColumnRole::Likelihood));
        assert_eq!(header_role("7月"), None);
    }

    #[test]
    fn header_synonyms() {
        assert_eq!(header_role("评（扣分标准）"), Some(ColumnRole::Scoring));
        assert_eq!(header_role("评(扣)分标准"), Some(ColumnRole::Scoring));
        assert_eq!(header_role("单位（专项）名称"), Some(ColumnRole::ProjectName));
        assert_eq!(header_role("指标值（包含数字及文字描述）"), Some(ColumnRole::Target));
        assert_eq!(header_role("年度(/项目)指标值"), Some(ColumnRole::Target));
        assert_eq!(header_role("年度预算申请\n（万元）"), Some(ColumnRole::Budget));
        assert_eq!(header_role("一级 指标"), Some(ColumnRole::Level1));
        assert_eq!(header_role("绩效指标"), None);
    }

    #[test]
    fn field_labels_with_inline_values() {
        assert_eq!(field_label("资金总额：  834.02万元"), Some((FieldRole::Budget(2), Some("834.02万元".into()))));
        assert_eq!(field_label("中期资金总额:"), Some((FieldRole::Fact(Fact::MidTermBudget), None)));
        assert_eq!(field_label("项目总金额（中期规划，万元）："), Some((FieldRole::Fact(Fact::MidTermBudget), None)));
        assert_eq!(field_label("本年度项目金额（万元）："), Some((FieldRole::Budget(3), None)));
        assert_eq!(field_label("实施期限："), Some((FieldRole::Fact(Fact::Period), None)));
        assert_eq!(field_label("中期目标 (20××年—20××+n 年)"), Some((FieldRole::Goal(false), None)));
        assert_eq!(field_label("项目编码"), Some((FieldRole::ProjectCode, None)));
        assert_eq!(field_label("衡东县医疗保障局"), None);
    }

    #[test]
    fn placeholders() {
        for p in ["不适用", " / ", "无", "……", "....."] {
            assert!(is_placeholder(p), "{p}");
        }
        assert!(!is_placeholder("无重大责任事故发生"));
    }

    #[test]
    fn unused_slot_marks_include_the_typo_and_every_placeholder() {
        for p in ["不适应", " 不涉及 ", "不适用", "/", "无。"] {
            assert!(marks_unused(p), "{p}");
        }
        assert!(!is_placeholder("不适应"), "the converter keeps the row");
        assert!(!marks_unused("不适应症患者人数"));
        assert!(!marks_unused("无重大责任事故发生"));
    }
}
