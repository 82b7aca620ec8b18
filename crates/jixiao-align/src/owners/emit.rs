//! One side of a data row, as a short sequence: fill-down → twin share →
//! skip → route to its owner (or to the orphans waiting for one).

use super::Aligner;
use crate::header::ColumnMap;
use crate::row::SideValues;
use crate::skip::skip_reason;
use crate::twin::share_level1;
use jixiao_domain::vocab::ColumnRole;
use jixiao_model::aligned::{AlignedRow, Results, SkipReason, SkippedRow};
use jixiao_model::{Cell, Code, Diagnostic, SourceRef};

impl Aligner {
    /// Side `side` of a data row: its labels fill down, the right side of a
    /// twin table shares the left side's 一级指标, a row that is not an
    /// indicator is skipped with its reason, and the rest is routed.
    pub(super) fn emit(&mut self, side: usize, v: SideValues, map: &ColumnMap, row_source: &SourceRef) {
        let twin_left = (side > 0 && map.sides[side].col(ColumnRole::Level1).is_none())
            .then(|| self.fill.first().cloned())
            .flatten();
        let Some(fill) = self.fill.get_mut(side) else {
            return;
        };
        if let Some(left) = &twin_left {
            share_level1(fill, left, &v);
        }
        fill.take_labels(&v, row_source);
        let (level3, target) = (v.get(ColumnRole::Level3).cloned(), v.get(ColumnRole::Target).cloned());
        if level3.is_none() && target.is_none() {
            return; // a label-only row: merged 一级/二级 cells, or an empty slot
        }
        let labelled = [ColumnRole::Level1, ColumnRole::Level2].iter().any(|r| map.sides[side].col(*r).is_some());
        if let Some(reason) = skip_reason(fill, labelled, level3.as_ref(), target.as_ref()) {
            self.skip(reason, &v, row_source);
            return;
        }
        let mut repairs = v.repairs.clone();
        repairs.extend(fill.level1_repair(&v));
        let row = AlignedRow {
            horizon: map.sides[side].horizon,
            level1: fill.level1.clone(),
            level2: fill.level2.clone(),
            level3,
            target,
            description: v.get(ColumnRole::Description).cloned(),
            basis: v.get(ColumnRole::Basis).cloned(),
            comparator: v.get(ColumnRole::Comparator).cloned(),
            unit: v.get(ColumnRole::Unit).cloned(),
            results: results_of(&v),
            repairs,
            source: row_source.clone(),
        };
        self.route(row);
    }

    /// A row that is not an indicator: kept under its owner, or a document
    /// diagnostic when no owner is receiving.
    pub(super) fn skip(&mut self, reason: SkipReason, v: &SideValues, row_source: &SourceRef) {
        let cells: Vec<String> = v.values.iter().map(|(_, t)| t.text.clone()).collect();
        self.skip_cells(reason, cells, row_source);
    }

    /// A row kept as it is printed (a 总分 row: 总分 | 100 | 90.5, its
    /// figures under their own columns, whatever the row's reading).
    pub(super) fn skip_printed(&mut self, reason: SkipReason, row: &[Cell], row_source: &SourceRef) {
        let cells = row.iter().filter(|c| !c.is_blank() && !c.is_covered()).map(|c| c.text.trim().to_string());
        self.skip_cells(reason, cells.collect(), row_source);
    }

    fn skip_cells(&mut self, reason: SkipReason, cells: Vec<String>, row_source: &SourceRef) {
        match self.receiving_owner() {
            Some(i) => self.out.owners[i].skipped.push(SkippedRow { reason, cells, source: row_source.clone() }),
            None => self.out.diagnostics.push(Diagnostic::new(
                Code::RowSkipped,
                format!("skipped row: {}", reason.message()),
                Some(row_source.clone()),
            )),
        }
    }

    /// An indicator row goes to the receiving owner, or waits with the
    /// orphans for its project row.
    fn route(&mut self, row: AlignedRow) {
        match self.receiving_owner() {
            Some(i) => self.out.owners[i].rows.push(row),
            None => self.orphan_run.rows.push(row),
        }
    }
}

/// The result columns of a self-evaluation or monitoring row.
fn results_of(v: &SideValues) -> Results {
    let get = |role| v.get(role).cloned();
    Results {
        actual: get(ColumnRole::Actual),
        weight: get(ColumnRole::Weight),
        score: get(ColumnRole::Score),
        deviation: get(ColumnRole::Deviation),
        progress: get(ColumnRole::Progress),
        likelihood: get(ColumnRole::Likelihood),
        criterion: get(ColumnRole::Scoring),
    }
}
