//! Reading 指标值 into records: the domain's reader
//! ([`jixiao_domain::value`]) plus separate comparator and unit columns.
//! A separate column wins over the cell, with a warning when they disagree.

use jixiao_domain::comparator::{column_value, ColumnValue};
use jixiao_domain::fold;
use jixiao_domain::grammar::normalize_unit;
use jixiao_domain::value::{kind_of_unit, read, Context, Note};
use jixiao_domain::vocab::is_placeholder;
use jixiao_domain::ValueKind;
use jixiao_model::record::{Comparator, Reading};
use jixiao_model::Code;

/// Reads a target in its context, with its optional separate comparator
/// and unit columns. Returns the reading and warnings about disagreements
/// and doubts.
pub fn read_target(
    target: Option<&str>,
    cmp_col: Option<&str>,
    unit_col: Option<&str>,
    ctx: &Context,
) -> (Reading, Vec<(Code, String)>) {
    let (mut reading, mut warnings) = target.map_or_else(|| (Reading::default(), Vec::new()), |t| read_cell(t, ctx));
    let numeric = |r: &Reading| r.value.is_some() && r.value_kind != Some(ValueKind::Deadline);
    if let Some(col) = cmp_col.map(fold).filter(|c| !c.is_empty() && !is_placeholder(c)) {
        match column_value(&col) {
            Some(ColumnValue::Qualitative) if numeric(&reading) => {
                warnings.push((Code::ComparatorColumnQualitative, format!("comparator column says {col} (qualitative) but the target is a number; the number is kept without a comparator")));
                reading.comparator = None;
            }
            // Templates call a date 定性 too: a deadline stays a deadline.
            Some(ColumnValue::Qualitative) => {}
            Some(ColumnValue::Is(c)) if numeric(&reading) => {
                if reading.comparator.is_some_and(|own| own != c && own != Comparator::Eq) {
                    warnings.push((
                        Code::ComparatorDisagrees,
                        format!(
                            "the target's comparator disagrees with the comparator column ({col}); the column wins"
                        ),
                    ));
                }
                reading.comparator = Some(c);
            }
            Some(ColumnValue::Is(_) | ColumnValue::Quantitative) => {}
            None => warnings.push((
                Code::ComparatorColumnUnknown,
                format!("comparator column value {} not understood", jixiao_model::quoted(&col, 60)),
            )),
        }
    }
    if let Some(unit) = unit_col.map(fold).filter(|u| !u.is_empty() && !is_placeholder(u)) {
        let unit = normalize_unit(&unit);
        if numeric(&reading) {
            if reading.unit.is_some() && reading.unit != unit {
                warnings.push((
                    Code::UnitDisagrees,
                    format!(
                        "the target's unit {} disagrees with the unit column {}; the column wins",
                        jixiao_model::quoted(reading.unit.as_deref().unwrap_or_default(), 60),
                        jixiao_model::quoted(unit.as_deref().unwrap_or_default(), 60)
                    ),
                ));
            }
            if let Some(kind) = unit.as_deref().and_then(kind_of_unit) {
                if reading.value_kind != Some(ValueKind::Range) {
                    reading.value_kind = Some(kind);
                }
            }
            reading.unit = unit;
        }
    }
    if reading.unit.as_deref() == Some("%") {
        if let Some(v) = reading.value.as_deref().and_then(|v| v.parse::<f64>().ok()) {
            if v > 100.0 {
                warnings.push((Code::RateAbove100, format!("{v}% is above 100% for a rate; check the source")));
            }
        }
    }
    (reading, warnings)
}

/// Reads the 指标值 cell alone, with the reader's notes as warnings.
pub fn read_cell(text: &str, ctx: &Context) -> (Reading, Vec<(Code, String)>) {
    let x = read(text, ctx);
    let warnings = x
        .notes
        .iter()
        .map(|n| match n {
            Note::SeveralValues { chosen, others } => (
                Code::SeveralValues,
                format!(
                    "the target holds {} values; {} was read, as the one that fits its 二级指标",
                    others + 1,
                    jixiao_model::quoted(chosen, 60)
                ),
            ),
            Note::DeadlineWithoutYear { date } => (
                Code::DeadlineWithoutYear,
                format!(
                    "{} has no year and the document states none; not read as a deadline",
                    jixiao_model::quoted(date, 60)
                ),
            ),
        })
        .collect();
    let reading =
        Reading { value_kind: x.kind, comparator: x.comparator, value: x.value, value_max: x.value_max, unit: x.unit };
    (reading, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jixiao_domain::value::Family;

    fn codes(w: &[(Code, String)]) -> Vec<Code> {
        w.iter().map(|w| w.0).collect()
    }

    fn t(target: &str, cmp: Option<&str>, unit: Option<&str>) -> (Reading, Vec<(Code, String)>) {
        read_target(Some(target), cmp, unit, &Context::default())
    }

    #[test]
    fn separate_columns_win_and_warn() {
        let (x, w) = t("95", Some("≥"), Some("%"));
        assert_eq!(
            (x.value_kind, x.comparator, x.value.as_deref(), x.unit.as_deref()),
            (Some(ValueKind::Percent), Some(Comparator::Ge), Some("95"), Some("%"))
        );
        assert!(w.is_empty());
        let (x, w) = t("≤50", Some("≥"), None);
        assert_eq!(x.comparator, Some(Comparator::Ge));
        assert_eq!(codes(&w), [Code::ComparatorDisagrees]);
        let (x, _) = t("80", Some("1"), Some("百分比"));
        assert_eq!((x.comparator, x.unit.as_deref()), (Some(Comparator::Ge), Some("%")));
        let (x, w) = t("50", Some("定性"), Some("万元"));
        assert_eq!((x.comparator, x.value.as_deref(), x.value_kind), (None, Some("50"), Some(ValueKind::Amount)));
        assert_eq!(codes(&w), [Code::ComparatorColumnQualitative]);
        let (x, _) = t("健全", Some("定性"), Some("健全"));
        assert_eq!((x.value_kind, x.unit), (Some(ValueKind::Text), None));
        let (x, w) = t("2023年12月底前", Some("定性"), None);
        assert_eq!((x.value_kind, x.value.as_deref()), (Some(ValueKind::Deadline), Some("2023-12-31")));
        assert!(w.is_empty());
        let (_, w) = t("292%", None, None);
        assert_eq!(codes(&w), [Code::RateAbove100]);
        let (_, w) = t("50", Some("提高"), None);
        assert_eq!(codes(&w), [Code::ComparatorColumnUnknown]);
        let (_, w) = t("50人", None, Some("个"));
        assert_eq!(codes(&w), [Code::UnitDisagrees]);
        let (x, _) = t("3", None, Some("小时"));
        assert_eq!(x.value_kind, Some(ValueKind::Duration));
    }

    /// 定量 is a type, not a comparator: it reads as nothing and warns of
    /// nothing (it used to warn on every row of such a table).
    #[test]
    fn a_quantitative_type_column_is_quiet() {
        let (x, w) = t("≥95%", Some("定量"), None);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(x.comparator, Some(Comparator::Ge));
    }

    #[test]
    fn the_readers_notes_become_warnings() {
        let ctx = Context { family: Some(Family::Time), year: None };
        let (x, w) = read_target(Some("11月底前"), None, None, &ctx);
        assert_eq!((x.value_kind, codes(&w)), (Some(ValueKind::Text), vec![Code::DeadlineWithoutYear]));
        let ctx = Context { family: Some(Family::Quantity), year: Some(2023) };
        let (x, w) = read_target(Some("手册3000张；景点10处"), None, None, &ctx);
        assert_eq!((x.value.as_deref(), codes(&w)), (Some("3000"), vec![Code::SeveralValues]));
    }
}
