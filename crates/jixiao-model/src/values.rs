//! The two typed words of a 指标值 reading every stage shares: what kind
//! of value a target is and its comparator. They live at the ground, with
//! the records that hold them; the grammar that reads them is
//! `jixiao-domain`'s (value.rs, comparator.rs).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What kind of value a target is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    /// A rate: `value` in `%`.
    Percent,
    /// Money: `元`, `万元`, `亿元`, with `/年`, `/人` … when the text gives a
    /// period or a per-head basis.
    Amount,
    /// A count with its measure word as written (个, 人次, 个社区, ㎡).
    Quantity,
    /// A length of time: 小时, 天, 工作日, 月, 年, 分钟, 周.
    Duration,
    /// A date to finish by: `value` is `YYYY-MM-DD`, or `YYYY-MM` when only
    /// the month is given; the comparator is always `<=`.
    Deadline,
    /// `value` to `value_max`, in `unit`.
    Range,
    /// Words: no number is read (提升, 及时, 2023年全年, 每月25日前).
    Text,
}

impl ValueKind {
    /// The name written to CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            ValueKind::Percent => "percent",
            ValueKind::Amount => "amount",
            ValueKind::Quantity => "quantity",
            ValueKind::Duration => "duration",
            ValueKind::Deadline => "deadline",
            ValueKind::Range => "range",
            ValueKind::Text => "text",
        }
    }
}

/// A normalised comparator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Comparator {
    /// ≥, 不低于, 不少于, 达到, …以上
    #[serde(rename = ">=")]
    Ge,
    /// ≤, 不高于, 不超过, …以内; every deadline
    #[serde(rename = "<=")]
    Le,
    /// ＞, 大于, 高于, 超过
    #[serde(rename = ">")]
    Gt,
    /// ＜, 小于, 低于, 少于
    #[serde(rename = "<")]
    Lt,
    /// ＝, 等于, or a bare number
    #[serde(rename = "=")]
    Eq,
    /// a-b, a~b, a至b: `value` is a, `value_max` is b
    #[serde(rename = "range")]
    Range,
}

impl Comparator {
    /// The symbol written to CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Comparator::Ge => ">=",
            Comparator::Le => "<=",
            Comparator::Gt => ">",
            Comparator::Lt => "<",
            Comparator::Eq => "=",
            Comparator::Range => "range",
        }
    }
}
