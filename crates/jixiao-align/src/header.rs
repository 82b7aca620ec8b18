//! Header rows and the column map they define.

use jixiao_domain::taxonomy;
use jixiao_domain::vocab::{header_role, ColumnRole};
use jixiao_model::aligned::Horizon;
use jixiao_model::Cell;

/// One indicator set's columns: twin tables (中期 | 年度) have two sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    /// Which goal horizon the side belongs to.
    pub horizon: Horizon,
    /// Columns of the side in order, with their roles.
    pub columns: Vec<(usize, ColumnRole)>,
}

impl Side {
    /// Column of a role in this side.
    pub fn col(&self, role: ColumnRole) -> Option<usize> {
        self.columns.iter().find(|(_, r)| *r == role).map(|(c, _)| *c)
    }

    /// Role of a column in this side.
    pub fn role_at(&self, col: usize) -> Option<ColumnRole> {
        self.columns.iter().find(|(c, _)| *c == col).map(|(_, r)| *r)
    }

    /// First column of the side.
    pub fn start(&self) -> usize {
        self.columns.first().map_or(0, |(c, _)| *c)
    }

    /// Column where the indicator's own cells begin (三级指标).
    pub fn level3_col(&self) -> Option<usize> {
        self.col(ColumnRole::Level3)
    }
}

/// What the header rows of an indicator table say about its columns.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ColumnMap {
    /// Columns that name the owner (单位代码, 项目名称, 资金总额 …).
    pub owner: Vec<(usize, ColumnRole)>,
    /// Indicator sides, left to right.
    pub sides: Vec<Side>,
    /// Result columns headed by one cell over sub-columns (偏差原因分析 over
    /// 经费保障 … 原因说明; 完成目标可能性 over 确定能 | 有可能 | 完全不可能).
    pub sub_columns: Vec<SubColumns>,
}

/// A result column split into labelled sub-columns: its value is what the
/// row holds under them, a tick standing for its sub-column's label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubColumns {
    /// The role of the spanning header.
    pub role: ColumnRole,
    /// The sub-columns, with their labels.
    pub labels: Vec<(usize, String)>,
}

impl SubColumns {
    /// The value a data row gives the column: its sub-cells' texts, a tick
    /// read as its sub-column's label, joined with `；`; none when all are
    /// blank.
    pub fn value_of(&self, row: &[Cell]) -> Option<jixiao_model::aligned::Traced> {
        let mut parts: Vec<&str> = Vec::new();
        let mut source = None;
        for (c, label) in &self.labels {
            let Some(cell) = row.get(*c).filter(|x| !x.is_blank() && !x.is_covered()) else { continue };
            let text = cell.text.trim();
            parts.push(if is_tick(text) { label.as_str() } else { text });
            source.get_or_insert_with(|| cell.source.clone());
        }
        source.map(|s| jixiao_model::aligned::Traced::new(parts.join("；"), s))
    }
}

/// A mark that ticks a sub-column (✔, √, ☑, ✓, 是).
fn is_tick(text: &str) -> bool {
    matches!(text, "✔" | "√" | "☑" | "✓" | "✅" | "是" | "V" | "v")
}

/// True when `row`, under header row `header`, labels the sub-columns of
/// its spanning result headers and nothing else (经费保障 | … | 确定能 |
/// 有可能 | 完全不可能 under 偏差原因分析 and 完成目标可能性).
pub fn is_sub_header_row(header: &[Cell], row: &[Cell]) -> bool {
    let spans: Vec<(usize, usize)> = header
        .iter()
        .enumerate()
        .filter(|(_, c)| c.col_span > 1 && header_role(&c.text).is_some_and(|r| SPLIT_ROLES.contains(&r)))
        .map(|(k, c)| (k, k + c.col_span as usize))
        .collect();
    let mut filled = row.iter().enumerate().filter(|(_, c)| !c.is_blank() && !c.is_covered()).peekable();
    filled.peek().is_some() && filled.all(|(k, _)| spans.iter().any(|(a, b)| (*a..*b).contains(&k)))
}

/// Result roles whose header may stand over labelled sub-columns.
const SPLIT_ROLES: [ColumnRole; 2] = [ColumnRole::Deviation, ColumnRole::Likelihood];

/// The sub-columns under each spanning result header of a header group.
fn sub_columns(rows: &[&[Cell]]) -> Vec<SubColumns> {
    let mut out = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let Some(role) = header_role(&cell.text).filter(|r| SPLIT_ROLES.contains(r)) else { continue };
            let span = cell.col_span as usize;
            let Some(below) = rows.get(r + 1).filter(|_| span > 1) else { continue };
            let labels: Vec<(usize, String)> = (c..c + span)
                .filter_map(|k| below.get(k).filter(|x| !x.is_blank()).map(|x| (k, x.text.trim().to_string())))
                .collect();
            if !labels.is_empty() {
                out.push(SubColumns { role, labels });
            }
        }
    }
    out
}

impl ColumnMap {
    /// Column of an owner role.
    pub fn owner_col(&self, role: ColumnRole) -> Option<usize> {
        self.owner.iter().find(|(_, r)| *r == role).map(|(c, _)| *c)
    }

    /// First column of the indicator part.
    pub fn indicator_start(&self) -> usize {
        self.sides.first().map_or(0, Side::start)
    }

    /// The same map with every column moved by `delta` (a continued
    /// table whose grid has a column more or less on its left); none when
    /// a column would fall off the left edge.
    pub fn shifted(&self, delta: isize) -> Option<ColumnMap> {
        let shift = |c: usize| c.checked_add_signed(delta);
        let move_all = |cols: &[(usize, ColumnRole)]| -> Option<Vec<(usize, ColumnRole)>> {
            cols.iter().map(|(c, r)| shift(*c).map(|c| (c, *r))).collect()
        };
        let owner = move_all(&self.owner)?;
        let sides = self
            .sides
            .iter()
            .map(|s| move_all(&s.columns).map(|columns| Side { horizon: s.horizon, columns }))
            .collect::<Option<Vec<_>>>()?;
        let sub_columns = self
            .sub_columns
            .iter()
            .map(|s| {
                let labels = s.labels.iter().map(|(c, l)| shift(*c).map(|c| (c, l.clone()))).collect::<Option<_>>()?;
                Some(SubColumns { role: s.role, labels })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(ColumnMap { owner, sides, sub_columns })
    }

    /// The shift that seats a continued table's rows on `self`: the one
    /// under which most of its first rows have a taxonomy label in the
    /// 一级/二级 columns (0 on a tie, and when nothing is labelled).
    pub fn best_shift(&self, rows: &[Vec<Cell>]) -> isize {
        let labelled = |delta: isize| -> usize {
            let Some(map) = self.shifted(delta) else { return 0 };
            let cols: Vec<usize> = map
                .sides
                .iter()
                .flat_map(|s| [s.col(ColumnRole::Level1), s.col(ColumnRole::Level2)])
                .flatten()
                .collect();
            rows.iter()
                .take(12)
                .map(|row| {
                    cols.iter().filter(|c| row.get(**c).is_some_and(|cell| taxonomy::is_label(&cell.text))).count()
                })
                .sum()
        };
        let at_zero = labelled(0);
        let (mut best, mut score) = (0, at_zero);
        for delta in [-1, 1, -2, 2] {
            let s = labelled(delta);
            if s > score {
                (best, score) = (delta, s);
            }
        }
        best
    }

    /// True when project/unit rows are printed inside the indicator table.
    pub fn has_owner_rows(&self) -> bool {
        self.owner_col(ColumnRole::ProjectName).is_some() || self.owner_col(ColumnRole::UnitName).is_some()
    }
}

/// Roles of the cells of a row, by column.
pub fn row_roles(row: &[Cell]) -> Vec<(usize, ColumnRole)> {
    let mut roles: Vec<(usize, ColumnRole)> =
        row.iter().enumerate().filter_map(|(c, cell)| header_role(&cell.text).map(|r| (c, r))).collect();
    // 活动 | 绩效指标 | 指标性质 | 指标值 | 度量单位 (北京's 部门整体 table): with
    // the value's own columns named and no 一级/二级/三级 column, the
    // 绩效指标 column holds the indicators (labels printed in front).
    let has = |wanted: &[ColumnRole]| roles.iter().any(|(_, r)| wanted.contains(r));
    if has(&[ColumnRole::Target])
        && has(&[ColumnRole::Comparator, ColumnRole::Unit])
        && !has(&[ColumnRole::Level1, ColumnRole::Level2, ColumnRole::Level3])
    {
        if let Some(c) = row.iter().position(|cell| jixiao_domain::fold(&cell.text).trim() == "绩效指标") {
            roles.push((c, ColumnRole::Level3));
            roles.sort_by_key(|(c, _)| *c);
        }
    }
    roles
}

/// A header row names at least two indicator columns and holds no taxonomy
/// label (a data row can contain the word 指标值 in a description, never two
/// column names).
pub fn is_header_row(row: &[Cell]) -> bool {
    let roles = row_roles(row);
    let indicator_roles = roles.iter().filter(|(_, r)| r.is_indicator_role()).count();
    indicator_roles >= 2 && !row.iter().any(|c| taxonomy::is_label(&c.text))
}

/// True for a row that only continues a header (owner column names, or the
/// second line of a multi-row header): most of its cells are column names.
/// `项目名称 | 甲项目` is a label/value pair, not a header: half is a value.
pub fn is_header_fragment(row: &[Cell]) -> bool {
    let filled = row.iter().filter(|c| !c.is_blank()).count();
    let named = row_roles(row).len();
    named >= 1 && named * 2 > filled
}

/// Whether a column of `role` starts a new side after `current`.
fn starts_side(role: ColumnRole, current: Option<&Side>, flat: bool) -> bool {
    match role {
        ColumnRole::Level1 => true,
        ColumnRole::Level2 => current.is_none_or(|s| s.col(ColumnRole::Level2).is_some()),
        ColumnRole::Level3 => flat && current.is_none_or(|s| s.col(ColumnRole::Level3).is_some()),
        _ => false,
    }
}

/// Builds the column map from the header row and the header fragments
/// around it; a column keeps the first role found for it.
pub fn build_map(rows: &[&[Cell]]) -> ColumnMap {
    let mut by_col: Vec<(usize, ColumnRole)> = Vec::new();
    for row in rows {
        for (c, role) in row_roles(row) {
            if !by_col.iter().any(|(k, _)| *k == c) {
                by_col.push((c, role));
            }
        }
    }
    by_col.sort_by_key(|(c, _)| *c);
    let mut map = ColumnMap::default();
    let mut current: Option<Side> = None;
    // Templates without 一级/二级 columns (重庆's 指标名称 | 指标性质 | 指标值 …)
    // start their side at the indicator's name.
    let flat = !by_col.iter().any(|(_, r)| matches!(r, ColumnRole::Level1 | ColumnRole::Level2));
    for (c, role) in by_col {
        // A side starts at 一级指标, or at a 二级指标 when the open side has
        // one already (the right half of a twin table has no 一级 column).
        if starts_side(role, current.as_ref(), flat) {
            if let Some(side) = current.take() {
                map.sides.push(side);
            }
            current = Some(Side { horizon: Horizon::Annual, columns: vec![(c, role)] });
            continue;
        }
        match current.as_mut() {
            Some(side) if side.role_at(c).is_none() && !side.columns.iter().any(|(_, r)| *r == role) => {
                side.columns.push((c, role))
            }
            Some(_) => {}
            None => map.owner.push((c, role)),
        }
    }
    if let Some(side) = current {
        map.sides.push(side);
    }
    map.sides.retain(|s| s.col(ColumnRole::Level3).is_some() || s.col(ColumnRole::Target).is_some());
    if map.sides.len() == 2 {
        // 中期目标 is printed left of 年度目标 in every template we know.
        map.sides[0].horizon = Horizon::MidTerm;
    }
    map.sides = map.sides.into_iter().flat_map(split_horizons).collect();
    map.sub_columns = sub_columns(rows);
    map
}

/// A side with a 实施周期指标值 column beside its 指标值 (one row, two
/// values: 广州's 部门整体 template) is two sides over the same labels and
/// name: the mid-term one first, then the annual one.
fn split_horizons(side: Side) -> Vec<Side> {
    let Some(mid) = side.col(ColumnRole::MidTermTarget) else {
        return vec![side];
    };
    let without = |role: ColumnRole| side.columns.iter().copied().filter(move |(_, r)| *r != role);
    let mid_side = Side {
        horizon: Horizon::MidTerm,
        columns: without(ColumnRole::Target)
            .map(|(c, r)| if c == mid { (c, ColumnRole::Target) } else { (c, r) })
            .collect(),
    };
    if side.col(ColumnRole::Target).is_none() {
        return vec![mid_side];
    }
    let annual = Side { horizon: Horizon::Annual, columns: without(ColumnRole::MidTermTarget).collect() };
    vec![mid_side, annual]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{row, TWIN_HEADER};

    #[test]
    fn single_side_with_owner_columns() {
        let top = row(&["单位代码", "单位（专项）名称", "支出方向", "资金总额", "实施期绩效目标", "绩效指标"]);
        let header = row(&[
            "",
            "",
            "",
            "",
            "",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
            "指标值内容",
            "评（扣分标准）",
            "度量单位",
            "指标值类型",
        ]);
        assert!(is_header_row(&header));
        assert!(is_header_fragment(&top));
        let map = build_map(&[&top, &header]);
        assert_eq!(map.sides.len(), 1);
        assert_eq!(map.owner_col(ColumnRole::ProjectName), Some(1));
        assert_eq!(map.sides[0].col(ColumnRole::Target), Some(8));
        assert_eq!(map.sides[0].col(ColumnRole::Comparator), Some(12));
        assert_eq!(map.sides[0].horizon, Horizon::Annual);
    }

    #[test]
    fn twin_sides() {
        let header = row(TWIN_HEADER);
        let map = build_map(&[&header]);
        assert_eq!(map.sides.len(), 2);
        assert_eq!(map.sides[0].horizon, Horizon::MidTerm);
        assert_eq!(map.sides[1].col(ColumnRole::Level2), Some(6));
        assert_eq!(map.sides[1].col(ColumnRole::Target), Some(8));
        assert_eq!(map.sides[1].horizon, Horizon::Annual);
    }

    #[test]
    fn a_side_without_level1_or_level2_starts_at_the_name() {
        let header = row(&["绩效指标", "指标名称", "指标性质", "指标值", "计量单位", "指标权重(%)", "是否核心"]);
        assert!(is_header_row(&header));
        let map = build_map(&[&header]);
        assert_eq!(map.sides.len(), 1);
        assert_eq!(map.sides[0].level3_col(), Some(1));
        assert_eq!(map.sides[0].col(ColumnRole::Comparator), Some(2));
        assert_eq!(map.sides[0].col(ColumnRole::Unit), Some(4));
        assert_eq!(map.sides[0].col(ColumnRole::Weight), Some(5));
        let owners =
            row(&["序号", "项目名称", "当年财政拨款预算金额", "当年绩效目标", "指标名称", "指标性质", "指标值"]);
        let map = build_map(&[&owners]);
        assert_eq!(map.owner_col(ColumnRole::ProjectName), Some(1));
        assert_eq!(map.sides[0].level3_col(), Some(4));
    }

    #[test]
    fn mid_term_and_annual_values_in_one_row_are_two_sides() {
        let header = row(&["一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值"]);
        let map = build_map(&[&header]);
        assert_eq!(map.sides.len(), 2);
        assert_eq!((map.sides[0].horizon, map.sides[0].col(ColumnRole::Target)), (Horizon::MidTerm, Some(3)));
        assert_eq!((map.sides[1].horizon, map.sides[1].col(ColumnRole::Target)), (Horizon::Annual, Some(4)));
        assert!(map.sides.iter().all(|s| s.col(ColumnRole::Level3) == Some(2) && s.col(ColumnRole::Level1) == Some(0)));
    }

    #[test]
    fn data_rows_are_not_headers() {
        assert!(!is_header_row(&row(&["产出指标", "数量指标", "三级指标", "指标值"])));
        assert!(!is_header_row(&row(&["项目名称", "基金监管经费"])));
    }
}
