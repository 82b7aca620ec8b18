//! Tables with one row per project whose indicators are packed into one
//! cell as numbered text ([`jixiao_domain::packed`]): each item becomes a
//! mid-term and an annual row of the row's project.

use super::{coded_name, Aligner};
use jixiao_domain::fold;
use jixiao_domain::packed::{parse_packed, PackedIndicator};
use jixiao_domain::vocab::{field_label, header_role, ColumnRole, FieldRole};
use jixiao_model::aligned::{AlignedRow, Horizon, Scope, Traced};
use jixiao_model::{Cell, Table};

/// Where a packed table keeps what it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct PackedColumns {
    packed: usize,
    name: usize,
    budget: Option<usize>,
    goal: Option<usize>,
}

/// The columns of a packed table: the one whose cells parse as packed
/// indicators, and from the header above its first such row, the project
/// name (项目名称, else the first column), the amount (总计, 资金总额 …) and
/// the goal (绩效目标).
fn packed_columns(t: &Table) -> Option<(usize, PackedColumns)> {
    let (first, packed) = t
        .rows
        .iter()
        .enumerate()
        .find_map(|(r, row)| row.iter().position(|c| parse_packed(&c.text).is_some()).map(|c| (r, c)))?;
    let mut cols = PackedColumns { packed, ..Default::default() };
    for row in &t.rows[..first] {
        for (c, cell) in row.iter().enumerate() {
            let f = fold(&cell.text);
            match field_label(&cell.text).map(|(role, _)| role) {
                Some(FieldRole::ProjectName) => cols.name = c,
                Some(FieldRole::Goal(_)) if cols.goal.is_none() => cols.goal = Some(c),
                _ if cols.budget.is_none()
                    && (header_role(&cell.text) == Some(ColumnRole::Budget) || f == "总计" || f == "合计") =>
                {
                    cols.budget = Some(c)
                }
                _ => {}
            }
        }
    }
    // A header garbled by a title drawn over it (`务服务和总计`): the amount
    // is the first column after the name that holds one.
    if cols.budget.is_some_and(|b| b <= cols.name) {
        cols.budget = None;
    }
    if cols.budget.is_none() {
        let row = &t.rows[first];
        cols.budget = (cols.name + 1..packed)
            .find(|c| row.get(*c).is_some_and(|cell| jixiao_domain::grammar::read_budget(&cell.text).is_some()));
    }
    Some((first, cols))
}

impl Aligner {
    /// Reads `t` when it is a packed table (or continues one); returns
    /// whether it was.
    pub(super) fn packed_table(&mut self, t: &Table) -> bool {
        let (start, cols) = match packed_columns(t) {
            Some((first, found)) if first > 0 => (first, found),
            // No header of its own: it continues the packed table before.
            Some((first, found)) => (first, self.table.packed.filter(|p| p.packed == found.packed).unwrap_or(found)),
            None => return false,
        };
        self.table.packed = Some(cols);
        self.table.last_map = None;
        for row in &t.rows[start..] {
            let cell = |c: Option<usize>| c.and_then(|c| row.get(c)).filter(|c| !c.is_blank());
            let traced = |c: &Cell| Traced::new(c.text.trim(), c.source.clone());
            let name = cell(Some(cols.name));
            let Some(packed_cell) = cell(Some(cols.packed)) else {
                // A row without indicators: the unit's total row names the
                // unit; 合计 says nothing.
                if let Some(n) = name.filter(|n| !matches!(fold(&n.text).as_ref(), "合计" | "总计")) {
                    self.ctx.unit_name = Some(traced(n));
                }
                continue;
            };
            let Some(items) = parse_packed(&packed_cell.text) else { continue };
            if let Some(n) = name {
                let i = self.new_owner(Scope::Project, n.source.clone());
                let (project, code) = coded_name(&n.text, &n.source);
                let o = &mut self.out.owners[i];
                o.project_name = Some(project);
                o.project_code = code;
                o.budget = cell(cols.budget).map(traced);
                o.goal = cell(cols.goal).map(traced);
            }
            // A row without a name goes on with the project above (its
            // cell was cut by a page break).
            let Some(i) = self.current else { continue };
            for item in &items {
                self.out.owners[i].rows.extend(packed_rows(item, packed_cell));
            }
        }
        true
    }
}

/// An item's rows: mid-term, then annual.
fn packed_rows(item: &PackedIndicator, cell: &Cell) -> Vec<AlignedRow> {
    let at = |text: &str| Traced::new(text.trim(), cell.source.clone());
    [(Horizon::MidTerm, &item.mid_term), (Horizon::Annual, &item.annual)]
        .into_iter()
        .filter_map(|(horizon, value)| {
            value.as_ref().map(|v| AlignedRow {
                horizon,
                level1: item.level1.as_deref().map(at),
                level2: item.level2.as_deref().map(at),
                level3: Some(at(&item.name)),
                target: Some(at(v)),
                description: None,
                basis: None,
                comparator: None,
                unit: None,
                results: Default::default(),
                repairs: Vec::new(),
                source: cell.source.clone(),
            })
        })
        .collect()
}
