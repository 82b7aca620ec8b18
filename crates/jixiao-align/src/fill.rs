//! Fill-down: exports flatten merged 一级/二级 cells, so a side carries its
//! labels down until a row states new ones. One repair is made here: a
//! missing 一级指标 inferred from its 二级指标 by the taxonomy
//! ([`Repair::Level1Inferred`]).
//!
//! A 二级 label also ends where the indicators' numbering starts again
//! (`指标 1：` after `指标 6：`) outside its merged cell: a new group whose
//! 二级 the form did not print, or printed on the group's next row (a page
//! break cut its merged cell above the label). Where the source knows its merges (a
//! workbook, a ruled PDF), a 一级 carried past its merged cell into a blank
//! one is not given to a 二级 the taxonomy cannot place (成本指标).

use crate::row::SideValues;
use jixiao_domain::vocab::ColumnRole;
use jixiao_domain::{fold, taxonomy};
use jixiao_model::aligned::{Repair, Traced};
use jixiao_model::SourceRef;

/// The labels carried down one side of a table.
#[derive(Debug, Clone, Default)]
pub struct Fill {
    /// The 一级指标 in force.
    pub level1: Option<Traced>,
    /// True when it was inferred from a 二级指标, not read.
    pub level1_inferred: bool,
    /// The 二级指标 in force.
    pub level2: Option<Traced>,
    /// Where the merged cells of the labels in force end: (block, first
    /// row past the cell); none for a label in a cell of one row.
    pub(crate) level1_until: Option<(usize, usize)>,
    pub(crate) level2_until: Option<(usize, usize)>,
    /// The number of the last indicator read (`指标 3：` → 3).
    pub(crate) last_number: Option<u32>,
    /// True when the 一级 in force is carried past its merged cell, into a
    /// blank cell of its own.
    pub(crate) level1_carried: bool,
    /// The 二级 in force was printed as an empty slot: a row of labels
    /// only, its 二级 cell one row high beside a merged 一级 cell (the form
    /// lists a 二级 it set no indicator for). Rows below do not take it.
    pub(crate) level2_slot: bool,
}

/// Where a label's merged cell ends, from the label's source and the rows
/// its cell spans.
fn until(label: &Traced, rows: u32) -> Option<(usize, usize)> {
    (rows > 1).then(|| (label.source.block, label.source.row + rows as usize))
}

/// True when row `at` lies past the merged cell that ends at `until`
/// (in the same table).
fn past(until: Option<(usize, usize)>, at: &SourceRef) -> bool {
    until.is_some_and(|(block, end)| block == at.block && at.row >= end)
}

/// True when row `at` lies inside the merged cell that ends at `until`.
fn inside(until: Option<(usize, usize)>, at: &SourceRef) -> bool {
    until.is_some_and(|(block, end)| block == at.block && at.row < end)
}

/// The number an indicator's name opens with: `指标 3：` / `3、` / `3.` → 3.
pub fn indicator_number(name: &str) -> Option<u32> {
    let t = fold(name);
    let t = t.trim_start();
    let t = t.strip_prefix("指标").unwrap_or(t).trim_start();
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    let rest = t[digits.len()..].trim_start();
    let numbered = !digits.is_empty() && digits.len() <= 3 && rest.starts_with([':', '、', '.', '．', '，']);
    numbered.then(|| digits.parse().ok()).flatten()
}

impl Fill {
    /// Takes the labels row `v` states: a 一级指标 resets the 二级指标; a
    /// 二级指标 whose parent differs from the 一级指标 in force brings its
    /// parent (inferred), except the older form's 成本指标 under 产出指标.
    ///
    /// Row `at` is where the row stands; labels whose merged cell ended
    /// above it, or whose group's numbering started again, end first.
    pub fn take_labels(&mut self, v: &SideValues, at: &SourceRef) {
        self.expire(v, at);
        if let Some(l1) = &v.level1 {
            self.level1 = Some(l1.clone());
            self.level1_inferred = false;
            self.level1_until = until(l1, v.label_rows[0]);
            // A 二级 cell merged over this row stays in force (its 一级 is
            // printed lower in its own merged cell).
            if !inside(self.level2_until, at) {
                self.level2 = None;
            }
        }
        let Some(l2) = &v.level2 else { return };
        self.level2 = Some(l2.clone());
        self.level2_until = until(l2, v.label_rows[1]);
        let labels_only = v.get(ColumnRole::Level3).is_none() && v.get(ColumnRole::Target).is_none();
        self.level2_slot = labels_only && v.label_rows[1] == 1 && v.label_rows[0] > 1;
        if v.level1.is_some() {
            return;
        }
        self.infer_level1(l2, v.level1_merged);
    }

    /// Labels this row does not state that no longer hold over it: a
    /// 二级 printed as an empty slot, or whose group's numbering started
    /// again outside its merged cell.
    fn expire(&mut self, v: &SideValues, at: &SourceRef) {
        if v.level2.is_none() && std::mem::take(&mut self.level2_slot) {
            (self.level2, self.level2_until) = (None, None);
        }
        let number = v.get(ColumnRole::Level3).and_then(|t| indicator_number(&t.text));
        let restarts = number == Some(1) && self.last_number.is_some_and(|n| n > 1);
        if restarts && v.level2.is_none() && !inside(self.level2_until, at) {
            (self.level2, self.level2_until) = (v.level2_below.clone(), None);
        }
        if number.is_some() {
            self.last_number = number;
        }
        // A merged cell that a page break cut goes on, blank, on the next
        // page: only a cell that ended on the label's own page is past.
        let same_page = self.level1.as_ref().is_some_and(|l| l.source.page == at.page);
        self.level1_carried = v.level1.is_none() && same_page && past(self.level1_until, at);
    }

    /// A 二级指标 without its 一级指标: the parent the taxonomy gives it,
    /// when it names one.
    fn infer_level1(&mut self, l2: &Traced, level1_merged: bool) {
        let Some(parent) = taxonomy::level2(&l2.text).map(|l| l.parent) else { return };
        let current = self.level1.as_ref().and_then(|t| taxonomy::level1(&t.text));
        // 成本指标 is a 二级 of 产出指标 in the older form and a 一级 in the
        // newer one: it stays under the 一级 in force, unless that one is
        // carried past its merged cell into a blank cell of its own.
        if taxonomy::is_ambiguous_cost(&l2.text) && self.level1_carried {
            (self.level1, self.level1_inferred) = (None, false);
            return;
        }
        let old_form_cost = taxonomy::is_ambiguous_cost(&l2.text) && current.is_some();
        // A 一级 printed over this row (a merged cell) stands as printed.
        let printed_here = level1_merged && current.is_some();
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
        fill.take_labels(&row, &SourceRef::default());
        assert_eq!(fill.level1.as_ref().map(|t| t.text.as_str()), Some("产出指标"));
        assert_eq!(fill.level1_repair(&row), Some(Repair::Level1Inferred));
        // The next row under the same labels reads under the inferred one too.
        assert_eq!(fill.level1_repair(&labels(None, None)), Some(Repair::Level1Inferred));
        // A row that states its 一级指标 is read as printed.
        let stated = labels(Some("效益指标"), Some("社会效益指标"));
        fill.take_labels(&stated, &SourceRef::default());
        assert_eq!(fill.level1_repair(&stated), None);
    }

    #[test]
    fn a_level1_merged_over_the_row_is_never_rewritten() {
        let mut fill = Fill::default();
        fill.take_labels(&labels(Some("产出指标"), Some("时效指标")), &SourceRef::default());
        let mut row = labels(None, Some("社会效益指标"));
        row.level1_merged = true;
        fill.take_labels(&row, &SourceRef::default());
        assert_eq!(fill.level1.as_ref().map(|t| t.text.as_str()), Some("产出指标"));
        assert_eq!(fill.level1_repair(&row), None);
        // Under a blank (flattened) cell the parent is inferred, as before.
        fill.take_labels(&labels(None, Some("经济效益指标")), &SourceRef::default());
        assert_eq!(fill.level1.as_ref().map(|t| t.text.as_str()), Some("效益指标"));
    }

    #[test]
    fn labels_fill_down_and_old_form_cost_stays_under_output() {
        let mut fill = Fill::default();
        fill.take_labels(&labels(Some("产出指标"), Some("数量指标")), &SourceRef::default());
        fill.take_labels(&labels(None, None), &SourceRef::default());
        assert_eq!(fill.level2.as_ref().map(|t| t.text.as_str()), Some("数量指标"));
        fill.take_labels(&labels(None, Some("成本指标")), &SourceRef::default());
        assert_eq!(fill.level1.as_ref().map(|t| t.text.as_str()), Some("产出指标"), "older form: 成本 under 产出");
        assert!(!fill.level1_inferred);
    }

    /// Row `row` of block 0, on page `page`.
    fn at(row: usize, page: u32) -> SourceRef {
        SourceRef { row, page: Some(page), ..SourceRef::default() }
    }

    /// Labels read from cells of row `row` spanning `rows` rows.
    fn merged(l1: Option<&str>, l2: Option<&str>, row: usize, rows: [u32; 2]) -> SideValues {
        let t = |s: &str| Traced::new(s, at(row, 1));
        let name = (ColumnRole::Level3, t("名称"));
        SideValues {
            level1: l1.map(t),
            level2: l2.map(t),
            label_rows: rows,
            values: vec![name],
            ..SideValues::default()
        }
    }

    #[test]
    fn cost_under_a_blank_cell_past_the_merged_level1_has_no_level1() {
        let mut fill = Fill::default();
        fill.take_labels(&merged(Some("产出指标"), Some("数量指标"), 0, [3, 3]), &at(0, 1));
        // Row 5 lies past the 产出指标 cell (rows 0–2), on its page: a blank
        // cell of its own, where 成本指标 cannot be placed.
        let mut fill_same_page = fill.clone();
        fill_same_page.take_labels(&merged(None, Some("成本指标"), 5, [1, 1]), &at(5, 1));
        assert_eq!(fill_same_page.level1, None);
        // On the next page the cell a page break cut goes on, blank.
        let mut cost = merged(None, Some("成本指标"), 5, [1, 1]);
        cost.level2.as_mut().expect("label").source.page = Some(2);
        fill.take_labels(&cost, &at(5, 2));
        assert_eq!(fill.level1.as_ref().map(|t| t.text.as_str()), Some("产出指标"));
    }

    #[test]
    fn a_level2_printed_as_an_empty_slot_is_not_taken_by_the_rows_below() {
        let mut fill = Fill::default();
        let mut slot = merged(Some("效益指标"), Some("经济效益指标"), 0, [3, 1]);
        slot.values.clear();
        fill.take_labels(&slot, &at(0, 1));
        fill.take_labels(&merged(None, None, 1, [1, 1]), &at(1, 1));
        assert_eq!(fill.level1.as_ref().map(|t| t.text.as_str()), Some("效益指标"));
        assert_eq!(fill.level2, None);
    }

    #[test]
    fn a_level2_merged_over_the_row_stays_when_its_level1_is_printed_lower() {
        let mut fill = Fill::default();
        fill.take_labels(&merged(None, Some("社会效益指标"), 0, [1, 3]), &at(0, 1));
        fill.take_labels(&merged(Some("效益指标"), None, 1, [1, 1]), &at(1, 1));
        assert_eq!(fill.level2.as_ref().map(|t| t.text.as_str()), Some("社会效益指标"));
    }
}
