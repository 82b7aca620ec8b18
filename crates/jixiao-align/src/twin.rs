//! Twin tables (中期 | 年度 side by side): both sides describe the same
//! indicators. Two repairs are made here: a side that lost its 二级指标
//! takes the other's ([`Repair::Level2FromTwin`]), and a side without the
//! 指标值 the other side has stays empty, noted ([`Repair::TwinValueMissing`]).
//! The right side also shares the left side's 一级指标 when it has no
//! column of its own.

use crate::fill::Fill;
use crate::row::SideValues;
use jixiao_domain::fold;
use jixiao_domain::vocab::ColumnRole;
use jixiao_model::aligned::Repair;

/// Reconciles the two sides of one twin row (a row of one side is left
/// alone).
pub fn reconcile_twins(values: &mut [SideValues]) {
    if values.len() != 2 {
        return;
    }
    let name = |v: &SideValues| v.get(ColumnRole::Level3).map(|t| fold(&t.text).into_owned());
    for (a, b) in [(0, 1), (1, 0)] {
        let same_name = name(&values[a]).is_some() && name(&values[a]) == name(&values[b]);
        if same_name && values[a].level2.is_none() && values[b].level2.is_some() {
            values[a].level2 = values[b].level2.clone();
            values[a].repairs.push(Repair::Level2FromTwin);
        }
        let has_target = |v: &SideValues| v.get(ColumnRole::Target).is_some();
        if same_name && !has_target(&values[a]) && has_target(&values[b]) {
            values[a].repairs.push(Repair::TwinValueMissing);
        }
    }
}

/// The right side of a twin table, with no 一级指标 column of its own and
/// none in row `v`, carries the left side's.
pub fn share_level1(right: &mut Fill, left: &Fill, v: &SideValues) {
    if v.level1.is_some() {
        return;
    }
    if let Some(l1) = &left.level1 {
        right.level1 = Some(l1.clone());
        right.level1_inferred = left.level1_inferred;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jixiao_model::aligned::Traced;
    use jixiao_model::SourceRef;

    fn side(l2: Option<&str>, name: &str, target: Option<&str>) -> SideValues {
        let t = |s: &str| Traced::new(s, SourceRef::default());
        let mut values = vec![(ColumnRole::Level3, t(name))];
        values.extend(target.map(|x| (ColumnRole::Target, t(x))));
        SideValues { level2: l2.map(t), values, ..SideValues::default() }
    }

    #[test]
    fn level2_from_twin() {
        let mut sides = [side(Some("数量指标"), "系统", Some("1个")), side(None, "系统", Some("1个"))];
        reconcile_twins(&mut sides);
        assert_eq!(sides[1].level2.as_ref().map(|t| t.text.as_str()), Some("数量指标"));
        assert_eq!((sides[0].repairs.clone(), sides[1].repairs.clone()), (vec![], vec![Repair::Level2FromTwin]));
        // Different indicators are never matched.
        let mut sides = [side(Some("数量指标"), "系统", None), side(None, "平台", None)];
        reconcile_twins(&mut sides);
        assert!(sides[1].level2.is_none() && sides[1].repairs.is_empty());
    }

    #[test]
    fn twin_value_missing() {
        let mut sides =
            [side(Some("成本指标"), "运行成本", Some("≥240万元")), side(Some("成本指标"), "运行成本", None)];
        reconcile_twins(&mut sides);
        assert_eq!(sides[1].repairs, vec![Repair::TwinValueMissing]);
        assert!(sides[1].get(ColumnRole::Target).is_none(), "never copied");
        assert!(sides[0].repairs.is_empty());
    }

    #[test]
    fn the_right_side_shares_the_left_level1() {
        let left = Fill { level1: Some(Traced::new("产出指标", SourceRef::default())), ..Fill::default() };
        let mut right = Fill::default();
        share_level1(&mut right, &left, &side(Some("数量指标"), "系统", None));
        assert_eq!(right.level1.map(|t| t.text), Some("产出指标".to_string()));
    }
}
