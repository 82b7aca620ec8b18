//! Fill-down: exports flatten merged 一级/二级 cells, so a side carries its
//! labels down until a row states new ones. One repair is made here: a
//! missing 一级指标 inferred from its 二级指标 by the taxonomy
//! ([`Repair::Level1Inferred`]).

use crate::row::SideValues;
use jixiao_domain::taxonomy;
use jixiao_model::aligned::{Repair, Traced};

/// The labels carried down one side of a table.
#[derive(Debug, Clone, Default)]
pub struct Fill {
    /// The 一级指标 in force.
    pub level1: Option<Traced>,
    /// True when it was inferred from a 二级指标, not read.
    pub level1_inferred: bool,
    /// The 二级指标 in force.
    pub level2: Option<Traced>,
}

impl Fill {
    /// Takes the labels row `v` states: a 一级指标 resets the 二级指标; a
    /// 二级指标 whose parent differs from the 一级指标 in force brings its
    /// parent (inferred), except the older form's 成本指标 under 产出指标.
    pub fn take_labels(&mut self, v: &SideValues) {
        if let Some(l1) = &v.level1 {
            self.level1 = Some(l1.clone());
            self.level1_inferred = false;
            self.level2 = None;
        }
        let Some(l2) = &v.level2 else { return };
        self.level2 = Some(l2.clone());
        if v.level1.is_some() {
            return;
        }
        let Some(parent) = taxonomy::level2(&l2.text).map(|l| l.parent) else { return };
        let current = self.level1.as_ref().and_then(|t| taxonomy::level1(&t.text));
        let old_form_cost = taxonomy::is_ambiguous_cost(&l2.text) && current.is_some();
        // A 一级 printed over this row (a merged cell) stands as printed.
        let printed_here = v.level1_merged && current.is_some();
        if current != Some(parent) && !old_form_cost && !printed_here {
            self.level1 = Some(Traced::new(parent, l2.source.clone()));
            self.level1_inferred = true;
        }
    }

    /// [`Repair::Level1Inferred`] when row `v` reads under an inferred
    /// 一级指标 it does not state itself.
    pub fn level1_repair(&self, v: &SideValues) -> Option<Repair> {
        (self.level1_inferred && v.level1.is_none()).then_some(Repair::Level1Inferred)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jixiao_model::SourceRef;

    fn labels(l1: Option<&str>, l2: Option<&str>) -> SideValues {
        let t = |s: &str| Traced::new(s, SourceRef::default());
        SideValues { level1: l1.map(t), level2: l2.map(t), ..SideValues::default() }
    }

    #[test]
    fn level1_inferred() {
        let mut fill = Fill::default();
        let row = labels(None, Some("数量指标"));
        fill.take_labels(&row);
        assert_eq!(fill.level1.as_ref().map(|t| t.text.as_str()), Some("产出指标"));
        assert_eq!(fill.level1_repair(&row), Some(Repair::Level1Inferred));
        // The next row under the same labels reads under the inferred one too.
        assert_eq!(fill.level1_repair(&labels(None, None)), Some(Repair::Level1Inferred));
        // A row that states its 一级指标 is read as printed.
        let stated = labels(Some("效益指标"), Some("社会效益指标"));
        fill.take_labels(&stated);
        assert_eq!(fill.level1_repair(&stated), None);
    }

    #[test]
    fn a_level1_merged_over_the_row_is_never_rewritten() {
        let mut fill = Fill::default();
        fill.take_labels(&labels(Some("产出指标"), Some("时效指标")));
        let mut row = labels(None, Some("社会效益指标"));
        row.level1_merged = true;
        fill.take_labels(&row);
        assert_eq!(fill.level1.as_ref().map(|t| t.text.as_str()), Some("产出指标"));
        assert_eq!(fill.level1_repair(&row), None);
        // Under a blank (flattened) cell the parent is inferred, as before.
        fill.take_labels(&labels(None, Some("经济效益指标")));
        assert_eq!(fill.level1.as_ref().map(|t| t.text.as_str()), Some("效益指标"));
    }

    #[test]
    fn labels_fill_down_and_old_form_cost_stays_under_output() {
        let mut fill = Fill::default();
        fill.take_labels(&labels(Some("产出指标"), Some("数量指标")));
        fill.take_labels(&labels(None, None));
        assert_eq!(fill.level2.as_ref().map(|t| t.text.as_str()), Some("数量指标"));
        fill.take_labels(&labels(None, Some("成本指标")));
        assert_eq!(fill.level1.as_ref().map(|t| t.text.as_str()), Some("产出指标"), "older form: 成本 under 产出");
        assert!(!fill.level1_inferred);
    }
}
