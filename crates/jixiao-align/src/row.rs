//! Reading one data row against the column map, by what each cell *is*
//! (a taxonomy label or text) with the header's columns as the prior.
//!
//! Exports shift cells: a label lands one column left, an empty cell is
//! inserted before the value, a row loses its leading empties. The row is
//! anchored on its labels, then slid so that the indicator name and the
//! target land on text; every slide is reported as a repair.

use crate::header::{ColumnMap, Side};
use jixiao_domain::comparator::column_value;
use jixiao_domain::fold;
use jixiao_domain::lexicon::{lexicon, CellRole};
use jixiao_domain::taxonomy;
use jixiao_domain::vocab::ColumnRole;
use jixiao_model::aligned::{Repair, Traced};
use jixiao_model::Cell;

/// What a non-empty cell is, before its column is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A level-1-only label (产出指标, 效益指标, 满意度指标).
    Level1,
    /// A level-2 label (数量指标 …).
    Level2,
    /// 成本指标: level 1 in the 2021 form, level 2 in the older one.
    Cost,
    /// Anything else.
    Text,
}

/// A non-empty cell with its column and kind.
#[derive(Debug, Clone, Copy)]
pub struct Item<'a> {
    /// Column in the source row.
    pub col: usize,
    /// The cell.
    pub cell: &'a Cell,
    /// What it is.
    pub kind: Kind,
}

/// Classifies a cell's text.
pub fn kind_of(text: &str) -> Kind {
    match taxonomy::label_kind(text) {
        taxonomy::LabelKind::Cost => Kind::Cost,
        taxonomy::LabelKind::Level2(_) => Kind::Level2,
        taxonomy::LabelKind::Level1(_) => Kind::Level1,
        taxonomy::LabelKind::None => Kind::Text,
    }
}

impl Item<'_> {
    fn is_label(&self) -> bool {
        self.kind != Kind::Text
    }

    fn traced(&self) -> Traced {
        Traced::new(self.cell.text.trim(), self.cell.source.clone())
    }
}

/// Non-empty cells of a row from column `from` on.
pub fn items(row: &[Cell], from: usize) -> Vec<Item<'_>> {
    row.iter()
        .enumerate()
        .skip(from)
        .filter(|(_, c)| !c.is_blank())
        .map(|(col, cell)| Item { col, cell, kind: kind_of(&cell.text) })
        .collect()
}

/// One side of a row after roles were assigned.
#[derive(Debug, Clone, Default)]
pub struct SideValues {
    /// 一级指标 read in this row.
    pub level1: Option<Traced>,
    /// 二级指标 read in this row.
    pub level2: Option<Traced>,
    /// Other roles (三级指标, 指标值, …).
    pub values: Vec<(ColumnRole, Traced)>,
    /// Repairs made to read the row.
    pub repairs: Vec<Repair>,
    /// The row's 一级指标 cell is covered by a merged cell above: the label
    /// in force is printed over this row (never rewritten by inference).
    pub level1_merged: bool,
    /// The rows the cells of `level1` and `level2` span (1 unless merged).
    pub label_rows: [u32; 2],
    /// The 二级指标 the next row prints, when that row goes on this row's
    /// numbering (`指标 1：` here, `指标 2：` there): the label of a group
    /// whose merged cell a page break cut above its label.
    pub level2_below: Option<Traced>,
}

impl SideValues {
    /// The value of a role.
    pub fn get(&self, role: ColumnRole) -> Option<&Traced> {
        self.values.iter().find(|(r, _)| *r == role).map(|(_, t)| t)
    }

    /// Sets the value of a role, replacing what was read for it.
    pub fn replace(&mut self, role: ColumnRole, t: Traced) {
        self.values.retain(|(r, _)| *r != role);
        self.values.push((role, t));
    }

    fn set(&mut self, role: ColumnRole, t: Traced) {
        if self.get(role).is_none() {
            self.values.push((role, t));
        }
    }

    /// True when the row holds anything besides labels.
    pub fn has_content(&self) -> bool {
        !self.values.is_empty()
    }
}

/// Where the indicator part of a row begins: the header's first indicator
/// column, or earlier when a label was shifted left of it, or when the whole
/// row is a fragment that ends before the 三级指标 column (its cells lost
/// their leading empties).
pub fn indicator_region_start(row: &[Cell], map: &ColumnMap) -> usize {
    let start = map.indicator_start();
    if let Some(label) = row.iter().take(start).position(|c| kind_of(&c.text) != Kind::Text) {
        return label;
    }
    let first = row.iter().position(|c| !c.is_blank());
    let last = row.iter().rposition(|c| !c.is_blank());
    let level3 = map.sides.first().and_then(Side::level3_col);
    match (first, last, level3) {
        (Some(f), Some(l), Some(l3)) if f < start && l < l3 && !map.has_owner_rows() => f,
        _ => start,
    }
}

/// A data row read against the column map.
#[derive(Debug, Clone)]
pub struct RowReading {
    /// One reading per side of the map.
    pub sides: Vec<SideValues>,
    /// True when a label stood left of the header's indicator columns.
    pub shifted: bool,
}

/// Reads a data row: finds its indicator part, splits it between the sides
/// and assigns roles on each side.
pub fn read_row(row: &[Cell], map: &ColumnMap) -> RowReading {
    let region = indicator_region_start(row, map);
    let row_items = items(row, region);
    let sides = split_sides(&row_items, map).iter().zip(&map.sides).map(|(its, side)| parse_side(its, side)).collect();
    RowReading { sides, shifted: region < map.indicator_start() }
}

/// Splits a row's indicator items between the sides of a twin table.
pub fn split_sides<'a>(items: &[Item<'a>], map: &ColumnMap) -> Vec<Vec<Item<'a>>> {
    if map.sides.len() < 2 {
        return vec![items.to_vec()];
    }
    // Sides over the same labels and name (实施周期指标值 | 年度指标值 in one
    // row): each reads the row but the other's own value column.
    if map.sides[1].start() <= map.sides[0].start() {
        let own = |side: &crate::header::Side, col: usize| {
            side.role_at(col).is_some() || !map.sides.iter().any(|s| s.role_at(col).is_some())
        };
        return map.sides.iter().map(|side| items.iter().filter(|i| own(side, i.col)).cloned().collect()).collect();
    }
    let right_start = map.sides[1].start();
    let left_offset = label_offset(&leading_labels(items, &map.sides[0]), &map.sides[0]).unwrap_or(0);
    // The right side begins at the first label after the left side has had
    // text (an indicator name); only a row whose right side has no label is
    // split at the right side's header column.
    let first_text = items.iter().position(|i| !i.is_label());
    let label_boundary = first_text
        .and_then(|t| items.iter().skip(t).position(|i| i.is_label() && i.kind != Kind::Level1).map(|p| p + t));
    let boundary = label_boundary.unwrap_or_else(|| {
        items
            .iter()
            .enumerate()
            .skip(first_text.map_or(items.len(), |t| t + 1))
            .find(|(_, i)| (i.col as isize + left_offset) >= right_start as isize)
            .map_or(items.len(), |(k, _)| k)
    });
    vec![items[..boundary].to_vec(), items[boundary..].to_vec()]
}

/// Offset (header column − row column) implied by a side's leading labels.
fn label_offset(labels: &[(&Item<'_>, ColumnRole)], side: &Side) -> Option<isize> {
    let (first, role) = labels.last().copied()?;
    let col = side.col(role).or_else(|| side.col(ColumnRole::Level2).map(|c| c.saturating_sub(1)))?;
    Some(col as isize - first.col as isize)
}

/// The labels a side starts with, with the level each one is read as.
///
/// A bare label stem (`成本`, no 指标 suffix) standing exactly in the 三级指标
/// column, with the next cell in the 指标值 column, is an indicator named
/// like a label (三级指标 `成本` under a merged 二级指标 成本), not a shifted
/// label; a suffixed label (`成本指标`) is always a label.
fn leading_labels<'a, 'b>(items: &'b [Item<'a>], side: &Side) -> Vec<(&'b Item<'a>, ColumnRole)> {
    let mut out = Vec::new();
    let Some(first) = items.first() else {
        return out;
    };
    let in_place = first.kind != Kind::Text
        && Some(first.col) == side.level3_col()
        && (items.get(1).is_some_and(|next| Some(next.col) == side.col(ColumnRole::Target))
            || named_in_place(first, side))
        && !fold(&first.cell.text).ends_with("指标");
    if in_place {
        return out;
    }
    let second = items.get(1).filter(|s| !named_in_place(s, side));
    match first.kind {
        Kind::Level1 => {
            out.push((first, ColumnRole::Level1));
            if let Some(s) = second.filter(|s| matches!(s.kind, Kind::Level2 | Kind::Cost)) {
                out.push((s, ColumnRole::Level2));
            }
        }
        Kind::Cost => {
            let next_is_cost_child = second.is_some_and(|s| {
                s.kind == Kind::Level2 && taxonomy::level2(&s.cell.text).is_some_and(|l| l.parent == "成本指标")
            });
            if next_is_cost_child {
                out.push((first, ColumnRole::Level1));
                out.push((second.expect("checked"), ColumnRole::Level2));
            } else {
                out.push((first, ColumnRole::Level2));
            }
        }
        Kind::Level2 => out.push((first, ColumnRole::Level2)),
        Kind::Text => {}
    }
    out
}

/// Assigns roles to one side's items: text before the labels is set
/// aside, the labels are read, the rest is re-seated under 三级指标 when it
/// shifted, placed by column, and a target or comparator that landed past
/// its column is recovered. Each step records the repair it made.
pub fn parse_side(items: &[Item<'_>], side: &Side) -> SideValues {
    let mut out = SideValues::default();
    let (items, ignored) = text_before_labels(items, side);
    out.repairs.extend(ignored);
    let labels = leading_labels(items, side);
    for (item, role) in &labels {
        match role {
            ColumnRole::Level1 => out.level1 = Some(item.traced()),
            _ => out.level2 = Some(item.traced()),
        }
    }
    let rest = &items[labels.len()..];
    let (offset, reseated) = reseat(rest, side, label_offset(&labels, side).unwrap_or(0));
    out.repairs.extend(reseated);
    let unplaced = place(rest, side, offset, &mut out);
    slide_target(rest, side, offset, &mut out);
    recover_comparator_and_unit(&unplaced, side, &mut out);
    out
}

/// In a layout without a 二级 column (指标类型 | 指标名称 …), a bare label
/// stem in the 三级指标 column is the indicator's name (服务对象满意度).
fn named_in_place(item: &Item<'_>, side: &Side) -> bool {
    side.col(ColumnRole::Level2).is_none()
        && Some(item.col) == side.level3_col()
        && !fold(&item.cell.text).ends_with("指标")
}

/// Text left of the row's first taxonomy label cannot be a label: it is an
/// owner's goal or debris pushed into the label columns
/// ([`Repair::TextBeforeLabelsIgnored`]).
fn text_before_labels<'a, 'b>(items: &'b [Item<'a>], side: &Side) -> (&'b [Item<'a>], Option<Repair>) {
    let label_col = side.col(ColumnRole::Level2).unwrap_or(0);
    let label = |i: &Item<'_>| i.is_label() && !named_in_place(i, side);
    match items.iter().position(label) {
        Some(k) if k > 0 && items[..k].iter().all(|i| i.col <= items[k].col.max(label_col)) => {
            (&items[k..], Some(Repair::TextBeforeLabelsIgnored))
        }
        _ => (items, None),
    }
}

/// The column offset that puts the first cell after the labels under
/// 三级指标 when nothing stands there ([`Repair::Reseated`]); a lone cell in
/// a label column is a label kept as written (其他满意度 in the 二级指标
/// column of an unused slot), not a displaced name.
fn reseat(rest: &[Item<'_>], side: &Side, offset: isize) -> (isize, Option<Repair>) {
    let Some(l3_col) = side.level3_col() else { return (offset, None) };
    let filled = rest.iter().any(|i| i.col as isize == l3_col as isize - offset);
    let lone_label = rest.len() == 1
        && matches!(
            side.role_at((rest[0].col as isize + offset).max(0) as usize),
            Some(ColumnRole::Level1 | ColumnRole::Level2)
        );
    match rest.first() {
        Some(first) if !filled && !lone_label => {
            let new_offset = l3_col as isize - first.col as isize;
            (new_offset, (new_offset != offset).then_some(Repair::Reseated { by: new_offset }))
        }
        _ => (offset, None),
    }
}

/// Places each cell by its (re-seated) column; returns those no column
/// takes.
fn place<'a>(rest: &[Item<'a>], side: &Side, offset: isize, out: &mut SideValues) -> Vec<Item<'a>> {
    let mut unplaced = Vec::new();
    for item in rest {
        let col = item.col as isize + offset;
        let role = (col >= 0).then(|| side.role_at(col as usize)).flatten();
        match role {
            Some(ColumnRole::Level1) if out.level1.is_none() => out.level1 = Some(item.traced()),
            Some(ColumnRole::Level2) if out.level2.is_none() => out.level2 = Some(item.traced()),
            Some(ColumnRole::Level1 | ColumnRole::Level2) => unplaced.push(*item),
            Some(role) => out.set(role, item.traced()),
            None => unplaced.push(*item),
        }
    }
    unplaced
}

/// A target lost to an inserted empty cell: the side's last cell, when it
/// fell in a column other than 指标值 and 指标值确定依据.
fn slide_target(rest: &[Item<'_>], side: &Side, offset: isize, out: &mut SideValues) {
    if out.get(ColumnRole::Target).is_some() || side.col(ColumnRole::Target).is_none() {
        return;
    }
    let Some(l3) = out.get(ColumnRole::Level3).cloned() else {
        return;
    };
    // Only the one cell after the name, when it is also the side's last.
    let Some(pos) = rest.iter().position(|i| i.cell.source == l3.source) else {
        return;
    };
    let Some(last) = rest.get(pos + 1).filter(|_| pos + 2 == rest.len()) else {
        return;
    };
    let role = side.role_at((last.col as isize + offset).max(0) as usize);
    if matches!(role, Some(ColumnRole::Basis | ColumnRole::Level3)) {
        return;
    }
    // The cell must read as a value, not as a basis, rule or description.
    let read_as = lexicon().classify(&last.cell.text);
    if matches!(
        read_as,
        CellRole::Basis
            | CellRole::Scoring
            | CellRole::Description
            | CellRole::Header
            | CellRole::Field
            | CellRole::Noise
    ) {
        return;
    }
    out.values.retain(|(_, t)| t.source != last.cell.source);
    out.values.push((ColumnRole::Target, last.traced()));
    out.repairs.push(Repair::TargetFromNextCell);
}

/// True for what a comparator column holds (≥, =, 定性, a code 1–6).
pub fn is_comparator_text(text: &str) -> bool {
    column_value(&fold(text)).is_some()
}

/// Cells pushed past the header's last column: find the comparator and unit
/// among them by what they look like.
fn recover_comparator_and_unit(unplaced: &[Item<'_>], side: &Side, out: &mut SideValues) {
    let wants_cmp = side.col(ColumnRole::Comparator).is_some() && out.get(ColumnRole::Comparator).is_none();
    if !wants_cmp {
        return;
    }
    let Some(pos) = unplaced.iter().position(|i| is_comparator_text(&i.cell.text)) else {
        return;
    };
    out.set(ColumnRole::Comparator, unplaced[pos].traced());
    if side.col(ColumnRole::Unit).is_some() && out.get(ColumnRole::Unit).is_none() && pos > 0 {
        let unit = &unplaced[pos - 1];
        if fold(&unit.cell.text).chars().count() <= 4 {
            out.set(ColumnRole::Unit, unit.traced());
        }
    }
    out.repairs.push(Repair::ComparatorRecovered);
}

/// A row printed over two lines, found by a label broken between them
/// (`可持续` above, `影响 指标` below): returns the one logical row and the
/// repair ([`Repair::RowsJoined`]). Within each side, the cells after the
/// label continue pairwise from the right (`持续` + `保障`); a cell that the
/// export merged with its neighbour (`财政足额 持续`) is split at its space
/// when that makes the halves pair up.
pub fn join_split_row(row: &[Cell], next: &[Cell], map: &ColumnMap) -> Option<(Vec<Cell>, Repair)> {
    // Only a row holding the upper half of a broken label can continue.
    if map.sides.is_empty() || !row.iter().any(|c| taxonomy::is_label_head(&c.text)) {
        return None;
    }
    // From column 0: a broken label can stand left of the header's columns.
    let (a, b) = (items(row, 0), items(next, 0));
    let (heads, tails) = broken_labels(&a, &b)?;
    let mut out: Vec<Cell> = row.iter().map(|c| Cell { text: String::new(), ..c.clone() }).collect();
    let width = row.len().max(next.len());
    while out.len() < width {
        let mut blank = next[out.len()].clone();
        blank.text.clear();
        out.push(blank);
    }
    for (k, (&h, &t)) in heads.iter().zip(&tails).enumerate() {
        let a_end = heads.get(k + 1).copied().unwrap_or(a.len());
        let b_end = tails.get(k + 1).copied().unwrap_or(b.len());
        out[a[h].col].text = format!("{}{}", a[h].cell.text.trim(), b[t].cell.text.trim());
        let mut upper: Vec<(usize, String)> =
            a[h + 1..a_end].iter().map(|i| (i.col, i.cell.text.trim().to_string())).collect();
        let lower: Vec<String> = b[t + 1..b_end].iter().map(|i| i.cell.text.trim().to_string()).collect();
        if upper.len() < lower.len() {
            upper = split_merged(upper, lower.len(), out.len())?;
        }
        let offset = upper.len().saturating_sub(lower.len());
        for (i, (col, text)) in upper.into_iter().enumerate() {
            let tail = i.checked_sub(offset).and_then(|j| lower.get(j)).map_or("", String::as_str);
            out[col].text = format!("{text}{tail}");
        }
    }
    Some((out, Repair::RowsJoined))
}

/// The broken labels of the upper row (`heads`) and, left to right, the
/// lower row's cells that complete each one (`tails`); none unless every
/// head has its tail, in order, with no label before the first head.
fn broken_labels(a: &[Item<'_>], b: &[Item<'_>]) -> Option<(Vec<usize>, Vec<usize>)> {
    let heads: Vec<usize> = (0..a.len())
        .filter(|&i| a[i].kind == Kind::Text && taxonomy::is_label_head(&a[i].cell.text))
        .filter(|&i| b.iter().any(|x| taxonomy::completes(&a[i].cell.text, &x.cell.text)))
        .collect();
    if heads.is_empty() || a.iter().take(heads[0]).any(|i| i.kind != Kind::Text) {
        return None;
    }
    let mut tails: Vec<usize> = Vec::new();
    for &h in &heads {
        let from = tails.last().map_or(0, |t| t + 1);
        if let Some(p) = b[from..].iter().position(|x| taxonomy::completes(&a[h].cell.text, &x.cell.text)) {
            tails.push(from + p);
        }
    }
    (tails.len() == heads.len() && tails.windows(2).all(|w| w[0] < w[1])).then_some((heads, tails))
}

/// Splits cells at white space until there are `want` of them, placing the
/// new halves in the free columns to their right.
fn split_merged(cells: Vec<(usize, String)>, want: usize, width: usize) -> Option<Vec<(usize, String)>> {
    let mut out = Vec::new();
    for (i, (col, text)) in cells.iter().enumerate() {
        let parts: Vec<&str> = text.split_whitespace().collect();
        let next_col = cells.get(i + 1).map_or(width, |(c, _)| *c);
        if parts.len() > 1 && out.len() + parts.len() + (cells.len() - i - 1) <= want && col + parts.len() <= next_col {
            out.extend(parts.iter().enumerate().map(|(k, p)| (col + k, p.to_string())));
        } else {
            out.push((*col, text.clone()));
        }
    }
    (out.len() == want).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::header::build_map;
    use crate::test_support::{row, TWIN_HEADER};

    fn twin_map() -> ColumnMap {
        build_map(&[&row(TWIN_HEADER)])
    }

    /// (一级, 二级, 三级, 指标值) of each side.
    type Sides = Vec<(Option<String>, Option<String>, Option<String>, Option<String>)>;

    fn summary(v: &SideValues) -> (Option<String>, Option<String>, Option<String>, Option<String>) {
        let t = |x: Option<&Traced>| x.map(|t| t.text.clone());
        (t(v.level1.as_ref()), t(v.level2.as_ref()), t(v.get(ColumnRole::Level3)), t(v.get(ColumnRole::Target)))
    }

    fn read(map: &ColumnMap, cells: &[&str]) -> Sides {
        read_row(&row(cells), map).sides.iter().map(summary).collect()
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    #[test]
    fn twin_row_with_shifted_right_side() {
        let got = read(
            &twin_map(),
            &[
                "",
                "",
                "时效指标",
                "工作任务完成及时性",
                "受理后30个工作日",
                "",
                "时效指标",
                "",
                "工作任务完成及时性",
                "受理后30个工作日",
            ],
        );
        assert_eq!(got[0], (None, s("时效指标"), s("工作任务完成及时性"), s("受理后30个工作日")));
        assert_eq!(got[1], (None, s("时效指标"), s("工作任务完成及时性"), s("受理后30个工作日")));
    }

    #[test]
    fn twin_row_missing_value_on_one_side_stays_missing() {
        let got = read(
            &twin_map(),
            &["", "", "", "成本指标", "医保中心运行成本", "≥240万元", "", "", "成本指标", "医保中心运行成本"],
        );
        assert_eq!(got[0], (None, s("成本指标"), s("医保中心运行成本"), s("≥240万元")));
        assert_eq!(got[1], (None, s("成本指标"), s("医保中心运行成本"), None));
    }

    #[test]
    fn twin_row_label_left_of_its_column_and_unsuffixed_label_on_right() {
        let got =
            read(&twin_map(), &["", "生态效益指标", "生态效益", "达到最优", "", "生态效益", "生态效益", "达到最优"]);
        assert_eq!(got[0], (None, s("生态效益指标"), s("生态效益"), s("达到最优")));
        assert_eq!(got[1], (None, s("生态效益"), s("生态效益"), s("达到最优")));
    }

    #[test]
    fn cost_is_level1_before_a_cost_child_and_level2_otherwise() {
        let map = build_map(&[&row(&["一级指标", "二级指标", "三级指标", "指标值"])]);
        assert_eq!(
            read(&map, &["成本指标", "经济成本指标", "租赁费", "50"])[0],
            (s("成本指标"), s("经济成本指标"), s("租赁费"), s("50"))
        );
        assert_eq!(
            read(&map, &["", "成本指标", "基金监管所需费用", "5万元"])[0],
            (None, s("成本指标"), s("基金监管所需费用"), s("5万元"))
        );
    }

    #[test]
    fn row_pushed_right_is_reseated_on_its_labels() {
        let map = build_map(&[&row(&["代码", "名称", "一级指标", "二级指标", "三级指标", "指标值"])]);
        let got = read(&map, &["", "", "", "", "", "成本指标", "经济成本指标", "日常工作经费", "10"]);
        assert_eq!(got[0], (s("成本指标"), s("经济成本指标"), s("日常工作经费"), s("10")));
        let got = read(&map, &["产出指标", "数量指标", "管理各县区城乡居民", "100"]);
        assert_eq!(got[0], (s("产出指标"), s("数量指标"), s("管理各县区城乡居民"), s("100")));
    }

    #[test]
    fn fragment_without_labels_lands_on_name_and_target() {
        let map = build_map(&[&row(&["部门整体支出年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值及单位"])]);
        assert_eq!(read(&map, &["全民参保率", "≧95%"])[0], (None, None, s("全民参保率"), s("≧95%")));
    }

    #[test]
    fn label_word_in_the_name_column_is_a_name() {
        let map = build_map(&[&row(&["一级指标", "二级指标", "三级指标", "目标值", "指标解释"])]);
        assert_eq!(
            read(&map, &["", "", "成本", "不超过20万一年", "说明"])[0],
            (None, None, s("成本"), s("不超过20万一年"))
        );
    }

    #[test]
    fn lone_unofficial_label_stays_in_its_column() {
        let map = build_map(&[&row(&["一级指标", "二级指标", "三级指标", "目标值", "指标解释"])]);
        assert_eq!(read(&map, &["", "其他满意度", "", "", ""])[0], (None, s("其他满意度"), None, None));
    }

    #[test]
    fn rows_joined() {
        let map = twin_map();
        let upper = row(&["可持续", "", "财政足额保障", "", "持续", "", "可持续", "", "财政足额 持续", "", ""]);
        let lower = row(&["", "", "影响 指标", "", "保障", "", "影响 指标", "保障", "保障", "", ""]);
        let (joined, repair) = join_split_row(&upper, &lower, &map).expect("joined");
        assert_eq!(repair, Repair::RowsJoined);
        let got: Vec<_> = read_row(&joined, &map)
            .sides
            .iter()
            .map(|v| {
                let (_, l2, l3, t) = summary(v);
                (l2, l3, t)
            })
            .collect();
        let want = (s("可持续影响 指标"), s("财政足额保障"), s("持续保障"));
        assert_eq!(got, vec![want.clone(), want]);
        assert!(join_split_row(&lower, &upper, &map).is_none());
    }

    fn repairs_of(map: &ColumnMap, cells: &[&str]) -> Vec<Vec<Repair>> {
        read_row(&row(cells), map).sides.into_iter().map(|v| v.repairs).collect()
    }

    #[test]
    fn reseated() {
        // A name one column right of 三级指标 on the twin side: re-seated.
        let cells = [
            "",
            "",
            "时效指标",
            "工作任务完成及时性",
            "受理后30个工作日",
            "",
            "时效指标",
            "",
            "工作任务",
            "30个工作日",
        ];
        let got = repairs_of(&twin_map(), &cells);
        assert_eq!(got[1], vec![Repair::Reseated { by: -1 }]);
        assert!(got[0].is_empty(), "the side read as printed has no repair");
    }

    #[test]
    fn target_from_next_cell() {
        // An empty cell inserted before the value: the target comes from the next cell.
        let map = build_map(&[&row(&["一级指标", "二级指标", "三级指标", "指标值", "绩效标准"])]);
        let got = repairs_of(&map, &["产出指标", "数量指标", "参保居民", "", "51.3 万人"]);
        assert_eq!(got[0], vec![Repair::TargetFromNextCell]);
    }

    #[test]
    fn text_before_labels_ignored() {
        // A goal left of the labels is not a label.
        let map = build_map(&[&row(&["单位名称", "一级指标", "二级指标", "三级指标", "指标值"])]);
        let got = repairs_of(&map, &["", "目标1：确保医保信息系统正常、安全运行", "成本指标", "经济成本指标", ""]);
        assert!(got[0].contains(&Repair::TextBeforeLabelsIgnored), "{got:?}");
    }

    #[test]
    fn comparator_recovered() {
        // A comparator past the header's columns is recovered.
        let map = build_map(&[&row(&["一级指标", "二级指标", "三级指标", "指标值", "度量单位", "指标值类型"])]);
        let got = repairs_of(&map, &["产出指标", "数量指标", "x", "100", "", "", "说明", "%", "="]);
        assert_eq!(got[0], vec![Repair::ComparatorRecovered]);
    }

    #[test]
    fn comparator_found_past_the_header() {
        let map =
            build_map(&[&row(&["一级指标", "二级指标", "三级指标", "指标值", "指标值内容", "度量单位", "指标值类型"])]);
        let r = row(&["产出指标", "数量指标", "x", "100", "x", "", "", "完成率100%得满分", "%", "="]);
        let v = parse_side(&items(&r, 0), &map.sides[0]);
        assert_eq!(v.get(ColumnRole::Comparator).map(|t| t.text.as_str()), Some("="));
        assert_eq!(v.get(ColumnRole::Unit).map(|t| t.text.as_str()), Some("%"));
    }
}
