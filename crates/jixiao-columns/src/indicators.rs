//! `indicators.csv` and the `indicators` table.

use crate::{indicator_warnings, opt, owned, str, text, Cell, Column, Csv, Db, ProjectAt, Table, Ty};
use jixiao_domain::calendar;
use jixiao_domain::grammar::Decimal;
use jixiao_domain::results::{compare, Outcome};
use jixiao_domain::vocab::money_places;
use jixiao_domain::ValueKind;
use jixiao_model::record::{IndicatorRecord, Reading};

/// An indicator with its project, unit and file.
#[derive(Debug, Clone, Copy)]
pub struct IndicatorAt<'a> {
    /// Its project, unit and file.
    pub owner: ProjectAt<'a>,
    /// The indicator.
    pub indicator: &'a IndicatorRecord,
}

/// The rows of `indicators.csv`.
pub enum Indicators {}

impl Table for Indicators {
    type At<'a> = IndicatorAt<'a>;
    type Get = for<'a> fn(IndicatorAt<'a>) -> Cell<'a>;

    fn read<'a>(get: Self::Get, at: Self::At<'a>) -> Cell<'a> {
        get(at)
    }
}

const fn col(
    name: &'static str,
    zh: &'static str,
    doc: &'static str,
    db: Db,
    get: for<'a> fn(IndicatorAt<'a>) -> Cell<'a>,
) -> Column<Indicators> {
    Column { name, zh, doc, csv: Csv::Text, db, get }
}

/// A text column, the same in the CSV and the database.
const fn txt(
    name: &'static str,
    zh: &'static str,
    doc: &'static str,
    get: for<'a> fn(IndicatorAt<'a>) -> Cell<'a>,
) -> Column<Indicators> {
    col(name, zh, doc, Db::Same(Ty::Text), get)
}

/// A database column the CSV does not show.
const fn db_only(
    name: &'static str,
    doc: &'static str,
    ty: Ty,
    get: for<'a> fn(IndicatorAt<'a>) -> Cell<'a>,
) -> Column<Indicators> {
    Column { name, zh: "", doc, csv: Csv::None, db: Db::Only(ty), get }
}

/// The columns of `indicators.csv`, in order, with the database's typed
/// forms of the value after `value`.
pub static INDICATORS: &[Column<Indicators>] = &[
    txt("source_file", "来源文件", "Input path, relative to the input root.", |i| str(&i.owner.record.source_file)),
    txt("scope", "范围", "`project` or `department`.", |i| str(i.owner.project.scope.as_str())),
    txt("horizon", "目标期", "`annual` or `mid_term`.", |i| str(i.indicator.horizon.as_str())),
    txt("unit_code", "单位代码", "单位代码 (string; leading zeros kept).", |i| opt(&i.owner.unit.code)),
    txt("unit_name", "单位名称", "单位名称.", |i| opt(&i.owner.unit.name)),
    txt("project_key", "项目键", "The project's key (项目编码, or derived: see README).", |i| {
        str(&i.owner.project.key)
    }),
    txt("project_code", "项目编码", "项目编码 when present and plausible.", |i| text(&i.owner.project.code)),
    txt("project_name", "项目名称", "项目名称 (empty for department rows).", |i| text(&i.owner.project.name)),
    txt("level1", "一级指标", "一级指标, official label when it maps to one.", |i| {
        str(&i.indicator.level1.label)
    }),
    txt("level2", "二级指标", "二级指标, official label when it maps to one.", |i| {
        str(&i.indicator.level2.label)
    }),
    txt("level3", "三级指标", "三级指标.", |i| text(&i.indicator.level3)),
    txt("description", "指标解释", "绩效指标描述 / 指标解释.", |i| text(&i.indicator.description)),
    txt("target", "指标值", "指标值 as written (trimmed).", |i| text(&i.indicator.target)),
    txt("comparator", "比较符", "`>=`, `<=`, `>`, `<`, `=`, `range`, or empty for text targets.", |i| {
        str(i.indicator.reading.comparator.map_or("", |c| c.as_str()))
    }),
    col(
        "value",
        "数值",
        "The number as a plain decimal, the deadline as `YYYY-MM-DD` (or `YYYY-MM`), `low-high` for a range, or empty.",
        Db::Named("value_text", Ty::Text),
        |i| match (&i.indicator.reading.value, &i.indicator.reading.value_max) {
            (Some(low), Some(high)) => owned(format!("{low}-{high}")),
            (value, _) => opt(value),
        },
    ),
    db_only("value", "The number (a range's lower bound).", Ty::Num, |i| typed(&i.indicator.reading).0),
    db_only("value_max", "A range's upper bound.", Ty::Num, |i| typed(&i.indicator.reading).1),
    db_only("deadline", "A deadline as a date (a month's last day for `YYYY-MM`).", Ty::Date, |i| {
        deadline(&i.indicator.reading).map_or(Cell::Null, |(date, _)| owned(date))
    }),
    db_only("deadline_precision", "`day` or `month`: what the deadline gave.", Ty::Text, |i| {
        deadline(&i.indicator.reading).map_or(Cell::Null, |(_, precision)| str(precision))
    }),
    db_only("amount_yuan", "An amount in a unit of money alone, in 元.", Ty::Num, |i| {
        amount_yuan(&i.indicator.reading)
    }),
    txt("value_unit", "计量单位", "Unit of the value (`%`, `万元`, `元/本` …).", |i| {
        opt(&i.indicator.reading.unit)
    }),
    txt("basis", "指标值依据", "指标值确定依据.", |i| text(&i.indicator.basis)),
    txt("source_ref", "来源单元格", "Where the indicator's name (or target) is in the source file.", |i| {
        owned(i.indicator.source.to_string())
    }),
    txt(
        "warnings",
        "提示",
        "Repairs and doubts, separated by `; `; a repaired row starts with `confidence 0.85`.",
        |i| owned(indicator_warnings(i.indicator)),
    ),
    txt(
        "value_kind",
        "值类型",
        "`percent`, `amount`, `quantity`, `duration`, `deadline`, `range`, `text`, or empty for an empty target.",
        |i| str(i.indicator.reading.value_kind.map_or("", |k| k.as_str())),
    ),
    Column {
        name: "confidence",
        zh: "置信度",
        doc: "1.0 for a row read as printed; each repair lowers it.",
        csv: Csv::Float,
        db: Db::Same(Ty::Real),
        get: |i| Cell::Float(i.indicator.confidence),
    },
    txt(
        "actual",
        "实际完成值",
        "实际完成值 / 全年完成值 / 全年预计执行数 as written (self-evaluation, monitoring), or empty.",
        |i| text(&i.indicator.results.actual),
    ),
    txt("weight", "分值", "分值 / 指标权重 as written, or empty.", |i| text(&i.indicator.results.weight)),
    txt("score", "得分", "得分 as written, or empty.", |i| text(&i.indicator.results.score)),
    txt("deviation", "偏差原因", "偏差原因分析及改进措施, or empty.", |i| {
        text(&i.indicator.results.deviation)
    }),
    txt("progress", "执行进度", "1-N月执行数 (monitoring), or empty.", |i| text(&i.indicator.results.progress)),
    txt("likelihood", "完成可能性", "完成可能性 (monitoring), or empty.", |i| {
        text(&i.indicator.results.likelihood)
    }),
    txt("criterion", "评价标准", "评价标准 / 评(扣)分标准 as written, or empty.", |i| {
        text(&i.indicator.results.criterion)
    }),
    txt(
        "outcome",
        "完成情况",
        "`met`, `not_met` or `not_comparable`: the actual against the row's own target; empty without an actual.",
        |i| outcome(i.indicator).map_or(str(""), |(o, _)| str(o.as_str())),
    ),
    col(
        "gap",
        "差距",
        "The actual minus the target's figure, in the target's unit (`value_unit`), when the two compare.",
        Db::Same(Ty::Real),
        |i| outcome(i.indicator).and_then(|(_, gap)| gap).map_or(str(""), |g| owned(g.to_string())),
    ),
    db_only("actual_value", "The actual's figure, as the target grammar reads it.", Ty::Num, |i| {
        i.indicator.actual_reading.as_ref().map_or(Cell::Null, |r| typed(r).0)
    }),
    db_only("actual_unit", "The actual's unit, as the target grammar reads it.", Ty::Text, |i| {
        str(i.indicator.actual_reading.as_ref().and_then(|r| r.unit.as_deref()).unwrap_or(""))
    }),
];

/// The actual against the row's own target (a 自评表 prints both), when
/// the row prints both.
fn outcome(ind: &IndicatorRecord) -> Option<(Outcome, Option<f64>)> {
    let actual = ind.results.actual.as_ref().map(|a| a.text.trim()).filter(|a| !a.is_empty())?;
    ind.target.as_ref().filter(|t| !t.text.trim().is_empty())?;
    let r = &ind.reading;
    let cmp = r.comparator.map_or("", |c| c.as_str());
    Some(compare(cmp, r.value.as_deref().unwrap_or(""), r.unit.as_deref().unwrap_or(""), actual))
}

fn num(s: &str) -> Cell<'static> {
    Decimal::parse(s).map_or(Cell::Null, |d| owned(d.to_string()))
}

/// The reading's number and a range's upper bound, as exact decimals.
fn typed(r: &Reading) -> (Cell<'static>, Cell<'static>) {
    match (r.value_kind, r.value.as_deref(), r.value_max.as_deref()) {
        (Some(ValueKind::Deadline), ..) => (Cell::Null, Cell::Null),
        (Some(ValueKind::Range), Some(low), Some(high)) => (num(low), num(high)),
        (Some(ValueKind::Range), ..) | (_, _, Some(_)) => (Cell::Null, Cell::Null),
        (_, Some(value), None) => (num(value), Cell::Null),
        (_, None, None) => (Cell::Null, Cell::Null),
    }
}

/// An amount in a unit of money alone (not 元/本, not 万元/年): a sum an
/// analyst can set against the budget.
fn amount_yuan(r: &Reading) -> Cell<'static> {
    if r.value_kind != Some(ValueKind::Amount) || r.value_max.is_some() {
        return Cell::Null;
    }
    match (r.unit.as_deref().and_then(money_places), r.value.as_deref().and_then(Decimal::parse)) {
        (Some(places), Some(d)) => owned(d.shift(places).to_string()),
        _ => Cell::Null,
    }
}

/// A deadline's reading as a date: `YYYY-MM-DD` as it is (`day`),
/// `YYYY-MM` as the month's last day (`month`).
fn deadline(r: &Reading) -> Option<(String, &'static str)> {
    if r.value_kind != Some(ValueKind::Deadline) {
        return None;
    }
    deadline_date(r.value.as_deref()?)
}

/// `YYYY-MM-DD` or `YYYY-MM` as a date and its precision.
pub(crate) fn deadline_date(text: &str) -> Option<(String, &'static str)> {
    let parts: Vec<u32> = text.split('-').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    let valid = |y: u32, m: u32, d: u32| (1..=9999).contains(&y) && calendar::valid(y, m, d);
    match parts.as_slice() {
        [y, m, d] if valid(*y, *m, *d) => Some((format!("{y:04}-{m:02}-{d:02}"), "day")),
        [y, m] if valid(*y, *m, 1) => Some((format!("{y:04}-{m:02}-{:02}", calendar::last_day(*y, *m)), "month")),
        _ => None,
    }
}
