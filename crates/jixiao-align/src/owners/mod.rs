//! Attaching rows to owners (projects, departments): the state machine
//! that reads a document block by block.
//!
//! - [`fields`]: header fields (项目名称, 预算数 …) open and fill owners; a
//!   table with a header block of its own starts a new one;
//! - [`rows`]: project rows printed inside the indicator table, and
//!   indicator rows printed before their project row (orphans);
//! - [`emit`]: one side of a data row, as a short sequence: fill-down
//!   ([`crate::fill`]) → twin share ([`crate::twin`]) → skip
//!   ([`crate::skip`]) → route to its owner.

mod emit;
mod fields;
mod packed;
mod rows;

use crate::fill::{indicator_number, Fill};
use crate::header::{build_map, is_header_fragment, is_header_row, is_sub_header_row, ColumnMap};
use crate::row::{join_split_row, read_row, SideValues};
use crate::twin::reconcile_twins;
use jixiao_domain::grammar::split_coded_name;
use jixiao_domain::vocab::{field_label, ColumnRole, FieldRole, MONEY_UNITS};
use jixiao_domain::{fold, is_cjk, may_fold_to_any, taxonomy};
use jixiao_model::aligned::{AlignedDocument, AlignedOwner, AlignedRow, DocumentKind, Repair, Scope, Traced};
use jixiao_model::{Block, Cell, Code, Diagnostic, Document, Paragraph, SourceRef, Table};
use rows::Attach;

/// A paragraph longer than this (in characters) is prose, not a title.
const MAX_TITLE_LINE: usize = 48;

/// How much of a paragraph is read for titles, scope words and units.
const MAX_TITLE_CHARS: usize = 300;

/// Aligns a document.
pub fn align(doc: &Document) -> AlignedDocument {
    let mut a = Aligner::default();
    for block in &doc.blocks {
        match block {
            Block::Paragraph(p) => a.paragraph(p),
            Block::Table(t) => a.table(t),
        }
    }
    a.finish()
}

/// The state of one walk over a document, in four parts.
#[derive(Default)]
struct Aligner {
    out: AlignedDocument,
    /// What the document says around its tables.
    ctx: DocContext,
    /// The table being read.
    table: TableState,
    /// Indicator rows whose owner row has not been seen yet.
    orphan_run: OrphanRun,
    /// The owner receiving rows (an index into `out.owners`).
    current: Option<usize>,
    /// Per owner (parallel to `out.owners`): the rank of the amount its
    /// budget was read from (年度 over 中期).
    budget_rank: Vec<u8>,
    /// Level-1 labels seen in the current owner's block, in order.
    block_l1: Vec<&'static str>,
    /// Labels carried down each side of the current table.
    fill: Vec<Fill>,
    /// A project opened by a row without its name, waiting for the next
    /// part of that row to name it.
    nameless: Option<usize>,
    /// Owners opened by a header block with no 项目名称: decided at the
    /// end (department or unnamed project), with their table's title.
    unnamed: Vec<(usize, String)>,
}

/// What the document says around its tables: scope words, the unit, the
/// unit of amounts, titles.
#[derive(Default)]
struct DocContext {
    doc_scope: Option<Scope>,
    unit_code: Option<Traced>,
    unit_name: Option<Traced>,
    amount_unit: Option<Traced>,
    last_title: Option<Traced>,
    seen_table: bool,
    /// Paragraph text since the last table: the title of the next one.
    title_before_table: String,
    /// The paragraph before this one (folded head): a title may wrap.
    last_line: String,
    /// The last short paragraph among them that reads as a title (…表,
    /// …绩效目标), for what kind of table comes next; prose is no title.
    nearest_title: String,
    /// A unit's total row's amount (衡阳市医疗保障局 100.00): a table whose
    /// budget equals it is the department's.
    unit_total: Option<Traced>,
    /// A heading that names a project (`2024年度X项目` / `绩效评价报告`),
    /// seen since the last owner opened: it names the next indicator table
    /// that does not name its own owner (a report's 绩效指标表).
    project_heading: Option<Traced>,
}

impl DocContext {
    /// The title nearest the table decides (a document's own title,
    /// 部门整体绩效目标, may stand pages before its project tables). A title
    /// wrapped over two lines (`…项目绩效目` + `标表`) is read whole.
    fn note_title(&mut self, f: &str, source: &SourceRef) {
        let wrapped = format!("{}{f}", self.last_line);
        // A report's heading, on this line or wrapped from the one before.
        if let Some(name) = [f, wrapped.as_str()].into_iter().find_map(project_of_heading) {
            self.project_heading = Some(Traced::new(name, source.clone()));
        }
        let joins = !f.contains("绩效目标") && wrapped.contains("绩效目标");
        let title = if joins && wrapped.chars().count() <= MAX_TITLE_LINE { wrapped } else { f.to_string() };
        if title.chars().count() <= MAX_TITLE_LINE && (title.contains('表') || title.contains("绩效目标")) {
            self.nearest_title = title;
        }
        self.last_line = f.to_string();
    }

    /// After a table: the paragraphs before it titled it, not the next one.
    fn forget_titles(&mut self) {
        self.title_before_table.clear();
        self.nearest_title.clear();
        self.last_line.clear();
    }
}

/// The table being read.
#[derive(Default)]
struct TableState {
    /// True once it has opened its owner (a 项目名称, 项目编码 or 预算数
    /// row): a second such row in it is the same owner's.
    opened_owner: bool,
    /// The column map of the last table, for a table that continues it.
    last_map: Option<ColumnMap>,
    /// Page headers repeated mid-table, dropped.
    repeated_headers: usize,
    /// The columns of the last packed table, for one that continues it.
    packed: Option<packed::PackedColumns>,
    /// The column of a self-evaluation's funds block headed 全年预算数
    /// (beside 年初预算数, 全年执行数): the amount its 年度资金总额 row
    /// gives there is the budget.
    funds_budget_col: Option<usize>,
    /// The columns of that funds block, until its total row is read.
    funds_columns: Vec<(usize, fields::FundsField)>,
    /// True while no data row of a table that continues the one before
    /// (a page break split it) has been read: its first row's owner cells
    /// are the rest of cells the break cut.
    at_continued_top: bool,
}

/// Indicator rows printed before their project row (a page break moved
/// it), waiting for it.
#[derive(Default)]
struct OrphanRun {
    rows: Vec<AlignedRow>,
    /// The level-1 labels of the waiting block, in order.
    l1: Vec<&'static str>,
    /// True while such a block is being read.
    active: bool,
}

/// A project cell's name, and the code printed before it (`CODE-NAME`,
/// split by [`split_coded_name`]): the one reading of a project name for
/// header fields, project rows and packed tables.
fn coded_name(text: &str, source: &SourceRef) -> (Traced, Option<Traced>) {
    match split_coded_name(text) {
        Some((code, name)) => (Traced::new(name, source.clone()), Some(Traced::new(code, source.clone()))),
        None => (Traced::new(text.trim(), source.clone()), None),
    }
}

/// `450001卢龙县医疗保障局本级` → (450001, 卢龙县医疗保障局本级).
fn split_unit_cell(text: &str) -> Option<(String, String)> {
    let t = text.trim();
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = t[digits.len()..].trim();
    let cjk = rest.chars().next().is_some_and(is_cjk);
    (digits.len() == 6 && cjk && !rest.contains(['：', ':'])).then(|| (digits, rest.to_string()))
}

fn is_amount_unit(text: &str) -> bool {
    let f = fold(text);
    MONEY_UNITS.iter().any(|(unit, _)| *unit == f)
}

/// The money unit a budget label states in brackets: `项目资金（元）`,
/// `年度资金总额(万元)`. Such a label (often a merged cell left of the
/// amounts it heads) says the unit of the amounts beside and below it.
fn bracketed_money_unit(text: &str) -> Option<String> {
    if !may_fold_to_any(text, &['(']) {
        return None;
    }
    let f = fold(text);
    let (label, rest) = f.split_once('(')?;
    let inner = rest.split_once(')')?.0;
    let inner = inner.strip_prefix("单位:").unwrap_or(inner);
    // A cell of the bracket alone is the wrapped last line of such a label
    // (`资金金额` / `（万元）`, cut apart by the table finder).
    let money_label = label.trim().is_empty() || ["资金", "金额", "预算", "经费"].iter().any(|w| label.contains(w));
    (money_label && is_amount_unit(inner)).then(|| inner.to_string())
}

/// The year a title states: `2023 年项目支出绩效目标表`, `（2021年度）`.
fn title_year(text: &str) -> Option<u16> {
    let f = fold(text);
    let chars: Vec<char> = f.chars().collect();
    (0..chars.len().saturating_sub(4)).find_map(|i| {
        let y = &chars[i..i + 4];
        let before_ok = i == 0 || !chars[i - 1].is_ascii_digit();
        (before_ok && y[..2] == ['2', '0'] && y.iter().all(char::is_ascii_digit) && chars.get(i + 4) == Some(&'年'))
            .then(|| y.iter().fold(0u16, |year, c| year * 10 + c.to_digit(10).unwrap_or(0) as u16))
    })
}

impl Aligner {
    fn paragraph(&mut self, p: &Paragraph) {
        // Titles and unit lines are short: fold only the head of a long text.
        let head: String = p.text.chars().take(MAX_TITLE_CHARS).collect();
        let f = fold(&head);
        if self.ctx.title_before_table.len() < 4 * MAX_TITLE_CHARS {
            self.ctx.title_before_table.push_str(&f);
        }
        self.ctx.note_title(&f, &p.source);
        if f.contains("整体支出") || f.contains("部门整体") {
            self.ctx.doc_scope = Some(Scope::Department);
        } else if f.contains("项目支出") || f.contains("预算项目") || f.contains("项目绩效") {
            self.ctx.doc_scope = Some(Scope::Project);
        }
        if !self.ctx.seen_table && self.out.year.is_none() && (f.contains("绩效") || f.contains("年度")) {
            self.out.year = title_year(&head);
        }
        if f.contains("绩效目标表") || f.contains("绩效目标申报表") {
            self.ctx.last_title = Some(Traced::new(head.trim(), p.source.clone()));
        }
        for pair in labelled_pairs(&head) {
            self.paragraph_field(pair, &p.source);
        }
    }

    /// One `label：value` of a paragraph: the unit it names, or the unit of
    /// its amounts (`单位：万元`).
    fn paragraph_field(&mut self, pair: &str, source: &SourceRef) {
        let f = fold(pair);
        let Some((label, value)) = f.split_once(':') else { return };
        let value_text = pair.split_once(['：', ':']).map_or("", |(_, v)| v.trim());
        let names_unit = label.ends_with("单位")
            || matches!(field_label(label), Some((FieldRole::UnitName | FieldRole::DepartmentName, _)));
        if names_unit && !value.is_empty() {
            let t = Traced::new(value_text, source.clone());
            if is_amount_unit(value) {
                self.ctx.amount_unit = Some(t);
            } else if !label.contains("金额") {
                self.set_doc_unit_name(t);
            }
        }
    }

    fn set_doc_unit_name(&mut self, t: Traced) {
        if let Some((code, name)) = split_unit_cell(&t.text) {
            self.ctx.unit_code = Some(Traced::new(code, t.source.clone()));
            self.ctx.unit_name = Some(Traced::new(name, t.source));
        } else {
            self.ctx.unit_name = Some(t);
        }
    }

    fn table(&mut self, t: &Table) {
        self.ctx.seen_table = true;
        self.table.opened_owner = false;
        self.table.funds_budget_col = None;
        self.table.funds_columns.clear();
        let headers = header_groups(&t.rows);
        if (headers.is_empty() && self.packed_table(t)) || !self.title_allows(t, headers.is_empty()) {
            self.ctx.forget_titles();
            return;
        }
        self.heading_owner(t, &headers);
        let mut map = self.continued_map(t, &headers);
        self.table.at_continued_top = map.is_some();
        let mut r = 0;
        while r < t.rows.len() {
            if let Some(end) = headers.iter().find(|(s, _)| *s == r).map(|(_, e)| *e) {
                self.header_group(&t.rows[r..end], &mut map);
                r = end;
                continue;
            }
            let row = &t.rows[r];
            let next = t.rows.get(r + 1).map(Vec::as_slice);
            match &map {
                Some(m) => {
                    if let Some((joined, repair)) = next.and_then(|n| join_split_row(row, n, m)) {
                        self.data_row(&joined, t.rows.get(r + 2).map(Vec::as_slice), m, Some(repair));
                        r += 2;
                        continue;
                    }
                    self.data_row(row, next, m, None)
                }
                None => self.field_row(row, &t.rows[r + 1..]),
            }
            r += 1;
        }
        self.ctx.forget_titles();
        if map.is_some() {
            self.table.last_map = map;
        }
    }

    /// What the title above `t` decides: false when the table is some
    /// other table of a budget disclosure (not read for owners); a 部门整体
    /// title starts the department.
    fn title_allows(&mut self, t: &Table, no_header: bool) -> bool {
        match title_kind(&self.ctx.nearest_title) {
            // 三公经费…表, 政府采购预算明细表: another table of a 部门预算,
            // whose 项目 columns name no owner of indicators.
            TitleKind::Other if no_header => {
                self.table.last_map = None;
                return false;
            }
            // A 部门整体 table starts the department, whatever came before.
            // (unless its own header block names it: the field opens it).
            TitleKind::Department if !names_its_owner(t) => {
                let fresh = self.current.is_some_and(|i| {
                    self.out.owners[i].scope == Scope::Department && self.out.owners[i].rows.is_empty()
                });
                if !fresh {
                    let source = t.rows.iter().flatten().next().map(|c| c.source.clone()).unwrap_or_default();
                    self.new_owner(Scope::Department, source);
                }
                self.table.opened_owner = true;
            }
            _ => {}
        }
        true
    }

    /// A table that opens on an indicator header and names no owner of its
    /// own, after a heading that names a project (an evaluation report's
    /// 项目年度绩效指标表): the heading's project, not the owner before.
    fn heading_owner(&mut self, t: &Table, headers: &[(usize, usize)]) {
        if headers.first().is_none_or(|(s, _)| *s > 0) || names_its_owner(t) {
            return;
        }
        if let Some(name) = self.ctx.project_heading.take() {
            let i = self.new_owner(Scope::Project, name.source.clone());
            self.out.owners[i].project_name = Some(name);
            self.table.opened_owner = true;
        }
    }

    /// A header group: a new column map, or the same one repeated on a
    /// new page (dropped, and counted).
    fn header_group(&mut self, rows: &[Vec<Cell>], map: &mut Option<ColumnMap>) {
        let group: Vec<&[Cell]> = rows.iter().map(Vec::as_slice).collect();
        let new_map = build_map(&group);
        if map.as_ref() == Some(&new_map) {
            self.table.repeated_headers += 1;
        } else if !new_map.sides.is_empty() {
            self.fill = vec![Fill::default(); new_map.sides.len()];
            *map = Some(new_map);
        }
    }

    /// The column map of the table before, when `t` continues it: it
    /// opens on indicator rows with no header of its own (a page break
    /// split it). Its grid may have a column more or less on the left (a
    /// doubled border drawn as a column of its own): its rows are seated
    /// where their labels fall in the 一级/二级 columns.
    fn continued_map(&mut self, t: &Table, headers: &[(usize, usize)]) -> Option<ColumnMap> {
        let continues =
            // Blank rows (a page's top border drawn twice) open nothing.
            headers.first().is_none_or(|(s, _)| *s > 0)
                && t.rows.iter().find(|r| r.iter().any(|c| !c.is_blank())).is_some_and(|r| opens_on_indicators(r));
        if !continues {
            return None;
        }
        self.table.last_map.take().map(|m| {
            let delta = m.best_shift(&t.rows);
            m.shifted(delta).unwrap_or(m)
        })
    }

    // ---- owners -------------------------------------------------------

    fn new_owner(&mut self, scope: Scope, source: SourceRef) -> usize {
        let kind = kind_of_title(&self.ctx.title_before_table);
        self.out.owners.push(AlignedOwner {
            kind,
            scope,
            unit_code: self.ctx.unit_code.clone(),
            unit_name: self.ctx.unit_name.clone(),
            project_code: None,
            project_name: None,
            budget: None,
            amount_unit: self.ctx.amount_unit.clone(),
            cost_basis: None,
            goal: None,
            facts: Default::default(),
            rows: Vec::new(),
            skipped: Vec::new(),
            warnings: Vec::new(),
            source,
        });
        self.budget_rank.push(0);
        self.nameless = None;
        self.ctx.project_heading = None;
        let idx = self.out.owners.len() - 1;
        self.current = Some(idx);
        self.block_l1.clear();
        for f in &mut self.fill {
            *f = Fill::default();
        }
        idx
    }

    /// The owner that indicator rows go to now: none while an orphan block
    /// waits for its project row.
    fn receiving_owner(&self) -> Option<usize> {
        self.current.filter(|_| !self.orphan_run.active)
    }

    /// The current owner, or a new one when fields come before any.
    fn current_or_new(&mut self, scope: Scope, source: &SourceRef) -> usize {
        match self.current {
            Some(i) => i,
            None => self.new_owner(scope, source.clone()),
        }
    }

    fn owner_for(&mut self, scope: Scope, source: &SourceRef, taken: impl Fn(&AlignedOwner) -> bool) -> usize {
        match self.current {
            Some(i) if !taken(&self.out.owners[i]) && self.out.owners[i].rows.is_empty() => i,
            _ => self.new_owner(scope, source.clone()),
        }
    }

    // ---- indicator rows -----------------------------------------------

    fn data_row(&mut self, row: &[Cell], next: Option<&[Cell]>, map: &ColumnMap, repair: Option<Repair>) {
        let reading = read_row(row, map);
        let (shifted, mut values) = (reading.shifted, reading.sides);
        for (v, side) in values.iter_mut().zip(&map.sides) {
            v.level1_merged = covered(row, side.col(ColumnRole::Level1));
            v.label_rows = [&v.level1, &v.level2].map(|l| l.as_ref().map_or(1, |l| rows_spanned(row, l)));
            split_labels_from_name(v);
        }
        reconcile_twins(&mut values);
        look_below(&mut values, next, map);
        read_sub_columns(&mut values, row, map);
        if let Some(repair) = repair {
            values.iter_mut().for_each(|v| v.repairs.push(repair.clone()));
        }

        // A row under the current owner's merged name cell is its own,
        // whatever its other owner cells hold (a cut 项目概述 printed again)
        // or the order of its 一级指标 (a block may open and close on
        // 满意度指标).
        if map.has_owner_rows() && !inside_merged_owner(row, map) {
            if !shifted {
                // A project row opens its owner; its own indicator part is
                // read below, for the new owner.
                self.owner_row(row, next, map, &values);
            }
            self.detect_restart(values.first());
        } else if map.has_owner_rows() {
            // Under the owner's merged cell the block is its own; its
            // 一级 labels are noted, for the rows after the cell ends.
            self.note_block_l1(values.first());
        }
        self.table.at_continued_top = false;
        let source = row.iter().find(|c| !c.is_blank()).map(|c| c.source.clone()).unwrap_or_default();
        if is_total_row(row) {
            self.skip_printed(jixiao_model::aligned::SkipReason::TotalRow, row, &source);
            return;
        }
        for (i, v) in values.into_iter().enumerate() {
            if name_runs_on(row, map, i, &v) {
                self.continue_name(map.sides[i].horizon, &v);
                continue;
            }
            self.emit(i, v, map, &source);
        }
    }

    /// Appends the name fragment of row `v` (see [`name_runs_on`]) to the
    /// last indicator row of the same horizon.
    fn continue_name(&mut self, horizon: jixiao_model::aligned::Horizon, v: &SideValues) {
        let rows = match self.receiving_owner() {
            Some(i) => &mut self.out.owners[i].rows,
            None => &mut self.orphan_run.rows,
        };
        let (Some(last), Some(more)) =
            (rows.iter_mut().rev().find(|r| r.horizon == horizon), v.get(ColumnRole::Level3))
        else {
            return;
        };
        if let Some(name) = last.level3.as_mut() {
            name.text = format!("{}{}", name.text.trim_end(), more.text.trim());
            if !last.repairs.contains(&Repair::RowsJoined) {
                last.repairs.push(Repair::RowsJoined);
            }
        }
    }

    fn finish(mut self) -> AlignedDocument {
        self.decide_unnamed();
        if !self.orphan_run.rows.is_empty() {
            let source = self.orphan_run.rows[0].source.clone();
            let i = match self.current {
                Some(i) => i,
                None => {
                    let scope = self.ctx.doc_scope.unwrap_or(Scope::Project);
                    let i = self.new_owner(scope, source.clone());
                    if scope == Scope::Project {
                        self.out.owners[i].project_name =
                            self.ctx.last_title.as_ref().map(|t| Traced::new(title_to_name(&t.text), t.source.clone()));
                    }
                    i
                }
            };
            let orphans = std::mem::take(&mut self.orphan_run.rows);
            self.attach(i, orphans, Attach::Leftover);
        }
        if self.table.repeated_headers > 0 {
            self.out.diagnostics.push(Diagnostic::new(
                Code::RepeatedHeadersDropped,
                format!("{} repeated page headers dropped", self.table.repeated_headers),
                None,
            ));
        }
        merge_empty_namesakes(&mut self.out.owners);
        for o in &mut self.out.owners {
            o.kind = kind_of_rows(&o.rows).unwrap_or(o.kind);
        }
        // A department with nothing read for it (a 部门整体 title whose
        // table then named the department itself) is no record.
        let said_something = |o: &AlignedOwner| o.budget.is_some() || o.goal.is_some() || !o.skipped.is_empty();
        self.out.owners.retain(|o| {
            !o.rows.is_empty() || o.project_name.is_some() || (o.scope == Scope::Department && said_something(o))
        });
        self.out
    }
}

/// True when a table's first rows hold a field that names its owner
/// (部门名称, 单位名称, 项目名称).
/// A row that opens on 总分, 合计, 总计 or 小计 and holds no taxonomy label:
/// the sum of a self-evaluation's 分值 and 得分, or of the amounts above.
pub(super) fn is_total_row(row: &[Cell]) -> bool {
    let Some(first) = row.iter().find(|c| !c.is_blank()) else { return false };
    let head: String = fold(&first.text).chars().filter(|c| !c.is_whitespace()).collect();
    ["总分", "合计", "总计", "小计"].contains(&head.as_str()) && !row.iter().any(|c| taxonomy::is_label(&c.text))
}

/// A name cell that starts with its 一级 and 二级 labels (`产出指标质量指标
/// 来信扫描完成率`) in a row that states no label: the labels are read off.
fn split_labels_from_name(v: &mut SideValues) {
    if v.level1.is_some() || v.level2.is_some() {
        return;
    }
    let Some((_, name)) = v.values.iter_mut().find(|(r, _)| *r == ColumnRole::Level3) else { return };
    let Some((l1, l2, rest)) = taxonomy::split_leading_labels(&name.text) else { return };
    let source = name.source.clone();
    name.text = rest;
    v.level1 = Some(Traced::new(l1, source.clone()));
    v.level2 = Some(Traced::new(l2, source));
}

/// True when side `side` of the row only holds the rest of the name above
/// it: a 三级指标 and no label or value of its own, its 指标值 cell merged
/// down from the row above (the name wrapped past its cell's bottom rule,
/// so the grid drew a row for its last line).
fn name_runs_on(row: &[Cell], map: &ColumnMap, side: usize, v: &SideValues) -> bool {
    let s = &map.sides[side];
    let (Some(name_col), Some(target_col)) = (s.col(ColumnRole::Level3), s.col(ColumnRole::Target)) else {
        return false;
    };
    // The name in a cell of its own: one running across to the 指标值
    // column (or covered by one from the left) is a title or a note.
    let wide = row.get(name_col).is_none_or(|c| c.is_covered() || name_col + c.col_span as usize > target_col);
    let target_merged = !wide && covered(row, Some(target_col));
    let only_name = v.values.iter().all(|(role, _)| *role == ColumnRole::Level3);
    target_merged && v.level1.is_none() && v.level2.is_none() && only_name && v.get(ColumnRole::Level3).is_some()
}

/// True when the row's project (or unit) name column is covered by a cell
/// merged down from a row above: the row belongs to the owner that cell
/// names.
fn inside_merged_owner(row: &[Cell], map: &ColumnMap) -> bool {
    covered(row, map.owner_col(ColumnRole::ProjectName).or_else(|| map.owner_col(ColumnRole::UnitName)))
}

/// Result columns over sub-columns take what the row holds under them,
/// on the side that owns the spanning column.
fn read_sub_columns(values: &mut [SideValues], row: &[Cell], map: &ColumnMap) {
    for sub in &map.sub_columns {
        let first = sub.labels.first().map_or(0, |(c, _)| *c);
        let side = map.sides.iter().rposition(|s| s.start() <= first).unwrap_or(0);
        match (values.get_mut(side), sub.value_of(row)) {
            (Some(v), Some(t)) => v.replace(sub.role, t),
            (Some(v), None) => v.values.retain(|(r, _)| *r != sub.role),
            _ => {}
        }
    }
}

/// For a side whose row opens a group without its 二级 (`指标 1：`, no
/// label), the 二级 the next row prints while going on with `指标 2：`.
fn look_below(values: &mut [SideValues], next: Option<&[Cell]>, map: &ColumnMap) {
    let number = |v: &SideValues| v.get(ColumnRole::Level3).and_then(|t| indicator_number(&t.text));
    let opens = |v: &SideValues| v.level2.is_none() && number(v) == Some(1);
    let Some(next) = next.filter(|_| values.iter().any(opens)) else { return };
    let below = read_row(next, map).sides;
    for (v, b) in values.iter_mut().zip(below) {
        if opens(v) && number(&b) == Some(2) && b.level1.is_none() {
            v.level2_below = b.level2;
        }
    }
}

/// The kind a table's title names: 自评 a self-evaluation, 监控 a
/// monitoring table; anything else a target table.
fn kind_of_title(title: &str) -> DocumentKind {
    if title.contains("自评") || title.contains("绩效评价") {
        DocumentKind::SelfEvaluation
    } else if title.contains("执行监控") || title.contains("监控表") {
        DocumentKind::Monitoring
    } else {
        DocumentKind::Target
    }
}

/// The kind an owner's rows show: progress or a likelihood make a
/// monitoring table, an actual or a score a self-evaluation, targets alone
/// a target table (an evaluation report's 项目年度绩效指标表); none for an
/// owner without rows (its title decides).
fn kind_of_rows(rows: &[AlignedRow]) -> Option<DocumentKind> {
    let any = |f: fn(&jixiao_model::aligned::Results) -> bool| rows.iter().any(|r| f(&r.results));
    if any(|r| r.progress.is_some() || r.likelihood.is_some()) {
        Some(DocumentKind::Monitoring)
    } else if any(|r| r.actual.is_some() || r.score.is_some()) {
        Some(DocumentKind::SelfEvaluation)
    } else {
        (!rows.is_empty()).then_some(DocumentKind::Target)
    }
}

/// A workbook prints one project on several sheets (申报表, 执行监控, an
/// empty 自评表): a sheet whose header names the project and reads no
/// indicator is the same project as a namesake that does, not a project
/// of its own. Its budget, code and goal fill what the namesake lacks.
/// Namesakes whose codes differ are two projects.
fn merge_empty_namesakes(owners: &mut Vec<AlignedOwner>) {
    let name = |o: &AlignedOwner| o.project_name.as_ref().map(|t| fold(&t.text).split_whitespace().collect::<String>());
    let code = |o: &AlignedOwner| o.project_code.as_ref().map(|t| fold(&t.text).into_owned());
    let mut gone = vec![false; owners.len()];
    for i in 0..owners.len() {
        if owners[i].scope != Scope::Project || !owners[i].rows.is_empty() || name(&owners[i]).is_none() {
            continue;
        }
        let same = |j: usize| {
            let codes_agree =
                code(&owners[i]).is_none() || code(&owners[j]).is_none() || code(&owners[i]) == code(&owners[j]);
            j != i
                && !gone[j]
                && owners[j].scope == Scope::Project
                && name(&owners[j]) == name(&owners[i])
                && codes_agree
        };
        let Some(j) = (0..owners.len()).find(|&j| same(j) && !owners[j].rows.is_empty()) else { continue };
        let empty = owners[i].clone();
        let o = &mut owners[j];
        o.budget = o.budget.take().or(empty.budget);
        o.project_code = o.project_code.take().or(empty.project_code);
        o.unit_code = o.unit_code.take().or(empty.unit_code);
        o.goal = o.goal.take().or(empty.goal);
        o.skipped.extend(empty.skipped);
        gone[i] = true;
    }
    let mut k = 0;
    owners.retain(|_| {
        k += 1;
        !gone[k - 1]
    });
}

/// A paragraph's `label：value` pairs: a line may print two, apart
/// (`单位名称：广州市政务服务和数据管理局  单位：万元`). A pair ends where
/// white space is followed by a word and a colon.
fn labelled_pairs(text: &str) -> Vec<&str> {
    let mut pairs = Vec::new();
    let mut start = 0;
    let mut seen_colon = false;
    for (i, c) in text.char_indices() {
        if matches!(c, '：' | ':') {
            seen_colon = true;
        } else if c.is_whitespace() && seen_colon {
            let rest = text[i..].trim_start();
            let word: String = rest.chars().take_while(|c| !c.is_whitespace() && !matches!(c, '：' | ':')).collect();
            let labels_next =
                !word.is_empty() && word.chars().count() <= 8 && rest[word.len()..].starts_with(['：', ':']);
            if labels_next {
                pairs.push(text[start..i].trim());
                start = i;
                seen_colon = false;
            }
        }
    }
    pairs.push(text[start..].trim());
    pairs
}

/// The rows spanned by the cell label `l` was read from.
fn rows_spanned(row: &[Cell], l: &Traced) -> u32 {
    let from = |c: &&Cell| c.source.row == l.source.row && c.source.col == l.source.col;
    row.iter().find(from).map_or(1, |c| c.row_span.max(1))
}

/// True when the row's cell in column `col` is covered by a merged cell.
fn covered(row: &[Cell], col: Option<usize>) -> bool {
    col.and_then(|c| row.get(c)).is_some_and(Cell::is_covered)
}

fn names_its_owner(t: &Table) -> bool {
    t.rows.iter().take(4).flatten().any(|c| {
        matches!(
            field_label(&c.text),
            Some((FieldRole::DepartmentName | FieldRole::UnitName | FieldRole::ProjectName, _))
        )
    })
}

/// What the title printed above a table says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TitleKind {
    /// No title (a continuation, or a file that prints none).
    None,
    /// 部门整体支出绩效目标表, 部门整体预算绩效目标申报表.
    Department,
    /// 项目支出绩效目标表 and other 绩效 tables.
    Performance,
    /// Another table of a budget disclosure (收支总表, 三公经费, 政府采购…).
    Other,
}

/// Reads a table's title (the folded paragraph text since the last table):
/// a 绩效 title is a performance table, 整体 in it the department's; a
/// numbered or `…表` title without 绩效 is some other table.
fn title_kind(title: &str) -> TitleKind {
    let performance = title.contains("绩效目标") || title.contains("绩效指标");
    if performance && (title.contains("整体") || title.contains("部门绩效")) {
        TitleKind::Department
    } else if performance {
        TitleKind::Performance
    } else if title.contains("表") && !title.contains("绩效") && !title.contains("续表") {
        TitleKind::Other
    } else {
        TitleKind::None
    }
}

/// True when a table's first row is an indicator row (a taxonomy label,
/// and no field label): the table continues one a page break split.
fn opens_on_indicators(row: &[Cell]) -> bool {
    let filled: Vec<&Cell> = row.iter().filter(|c| !c.is_blank()).collect();
    filled.len() >= 2
        && filled.iter().all(|c| field_label(&c.text).is_none())
        && filled.iter().any(|c| taxonomy::label_kind(&c.text) != taxonomy::LabelKind::None)
}

/// The project a report's heading names: `2024年度X项目绩效评价报告` → X
/// (the caller joins a heading wrapped over two lines). Only the heading
/// of a report on one project: a table title (…表) or a heading of the
/// whole department names none.
fn project_of_heading(folded: &str) -> Option<String> {
    const REPORTS: [&str; 4] = ["绩效评价报告", "绩效自评报告", "评价报告", "自评报告"];
    let stem = REPORTS.iter().find_map(|r| folded.strip_suffix(r)).unwrap_or(folded);
    if stem.chars().count() > MAX_TITLE_LINE || stem.len() == folded.len() {
        return None;
    }
    let stem = stem.strip_suffix("支出").unwrap_or(stem);
    let name = stem.strip_suffix("项目")?;
    let name = match name.split_once('年') {
        Some((year, rest)) if year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) => {
            rest.strip_prefix('度').unwrap_or(rest)
        }
        _ => name,
    };
    let generic =
        name.chars().count() < 2 || name.contains("部门") || name.contains("整体") || name.ends_with("专项资金项目");
    (!generic && !name.contains(['，', ',', '。', ':', '“', '《'])).then(|| name.to_string())
}

/// `1.基金监管经费f绩效目标表` → `基金监管经费f`.
fn title_to_name(title: &str) -> String {
    let t = title.trim().trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '、' | ' '));
    t.trim_end_matches("绩效目标表").trim_end_matches("项目支出").trim().to_string()
}

/// Header rows of a table, each grouped with the header fragments above and
/// below it: (first row, one past the last row).
fn header_groups(rows: &[Vec<Cell>]) -> Vec<(usize, usize)> {
    let mut groups = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        if !is_header_row(row) {
            continue;
        }
        let mut start = r;
        while start > 0 && r - start < 3 {
            let above = &rows[start - 1];
            let fragment = r - start < 2 && is_header_fragment(above) && !is_header_row(above);
            if !(fragment || merged_into_next(above)) {
                break;
            }
            start -= 1;
        }
        // The table's title repeated over a continued header (one cell
        // across the table): part of the block, not an indicator.
        if start > 0 && start < r && is_title_row(&rows[start - 1]) {
            start -= 1;
        }
        let mut end = r + 1;
        while end < rows.len()
            && end - r < 3
            && is_header_fragment(&rows[end])
            && !rows[end].iter().any(|c| taxonomy::is_label(&c.text))
        {
            end += 1;
        }
        if end < rows.len() && is_sub_header_row(row, &rows[end]) {
            end += 1;
        }
        if let Some(last) = groups.last_mut().filter(|(_, e): &&mut (usize, usize)| *e > start) {
            last.1 = end;
        } else {
            groups.push((start, end));
        }
    }
    groups
}

/// A header row whose merged cells run down into the next row: the upper
/// part of a multi-row header (`单位编码` over three rows, `资金总额` over two).
fn merged_into_next(row: &[Cell]) -> bool {
    let filled: Vec<&Cell> = row.iter().filter(|c| !c.is_blank()).collect();
    !filled.is_empty()
        && filled.iter().all(|c| !taxonomy::is_label(&c.text) && !c.text.chars().any(|ch| ch.is_ascii_digit()))
        && filled.iter().any(|c| c.row_span >= 2)
}

/// One cell across most of the row, as a table's title is drawn.
fn is_title_row(row: &[Cell]) -> bool {
    let filled: Vec<&Cell> = row.iter().filter(|c| !c.is_blank()).collect();
    matches!(filled.as_slice(), [one] if one.col_span as usize * 2 > row.len())
}

#[cfg(test)]
mod unit_tests {
    use super::*;

    #[test]
    fn unit_cells_and_titles() {
        assert_eq!(
            split_unit_cell("450001卢龙县医疗保障局本级"),
            Some(("450001".into(), "卢龙县医疗保障局本级".into()))
        );
        assert_eq!(split_unit_cell("13032424P00442810283Y"), None);
        assert_eq!(title_year("天长市医疗保障基金管理中心 2023 年项目支出绩效目标表"), Some(2023));
        assert_eq!(title_year("（ 2021年度）"), Some(2021));
        assert_eq!(title_year("唐财社[2023]132号"), None);
        assert_eq!(title_to_name("1.基金监管经费f绩效目标表"), "基金监管经费f");
        assert_eq!(title_kind("表十2026年部门整体绩效目标表单位名称:重庆市水利局"), TitleKind::Department);
        assert_eq!(title_kind("2026年市级一般性项目绩效目标表(一级项目)"), TitleKind::Performance);
        assert_eq!(title_kind("表九2026年政府采购预算明细表单位:万元"), TitleKind::Other);
        assert_eq!(title_kind("—29—"), TitleKind::None);
    }

    #[test]
    fn a_header_block_takes_its_title_and_the_rows_merged_into_it() {
        let cell = |text: &str, row_span: u32, col_span: u32| Cell {
            text: text.into(),
            row_span,
            col_span,
            source: SourceRef::default(),
        };
        let covered = || Cell { text: String::new(), row_span: 0, col_span: 0, source: SourceRef::default() };
        let blank = || cell("", 1, 1);
        let rows = vec![
            vec![blank(), blank(), cell("产出指标", 1, 1), cell("数量指标", 1, 1), cell("人数", 1, 1), cell("3", 1, 1)],
            // The title repeated at the page's top: one cell across.
            vec![
                cell("2025年部门整体支出绩效目标表 单位：万元", 1, 6),
                covered(),
                covered(),
                covered(),
                covered(),
                covered(),
            ],
            // 单位编码 and 资金总额 run down into the header row.
            vec![cell("单位编码", 3, 1), cell("年度预算申请", 1, 1), blank(), blank(), blank(), blank()],
            vec![covered(), cell("资金总额", 2, 1), blank(), blank(), blank(), blank()],
            vec![
                covered(),
                covered(),
                cell("一级指标", 1, 1),
                cell("二级指标", 1, 1),
                cell("三级指标", 1, 1),
                cell("指标值", 1, 1),
            ],
        ];
        assert_eq!(header_groups(&rows), vec![(1, 5)]);
    }

    #[test]
    fn money_units_in_brackets() {
        assert_eq!(bracketed_money_unit("项目资金（元）").as_deref(), Some("元"));
        assert_eq!(bracketed_money_unit("（万元）").as_deref(), Some("万元"), "a wrapped label's last line");
        assert_eq!(bracketed_money_unit("完成率（%）"), None);
        assert_eq!(bracketed_money_unit("人数（万人）"), None);
    }
}

#[cfg(test)]
mod helper_tests {
    use super::project_of_heading;

    /// A project owner with `rows` indicator rows.
    fn owner(name: &str, code: Option<&str>, budget: Option<&str>, rows: usize) -> jixiao_model::aligned::AlignedOwner {
        use jixiao_model::aligned::{AlignedOwner, Scope, Traced};
        let t = |s: &str| Traced::new(s, Default::default());
        let row = jixiao_model::aligned::AlignedRow {
            horizon: jixiao_model::aligned::Horizon::Annual,
            level1: None,
            level2: None,
            level3: Some(t("名称")),
            target: None,
            description: None,
            basis: None,
            comparator: None,
            unit: None,
            results: Default::default(),
            repairs: Vec::new(),
            source: Default::default(),
        };
        AlignedOwner {
            kind: Default::default(),
            scope: Scope::Project,
            unit_code: None,
            unit_name: None,
            project_code: code.map(t),
            project_name: Some(t(name)),
            budget: budget.map(t),
            amount_unit: None,
            cost_basis: None,
            goal: None,
            facts: Default::default(),
            rows: vec![row; rows],
            skipped: Vec::new(),
            warnings: Vec::new(),
            source: Default::default(),
        }
    }

    #[test]
    fn a_project_printed_on_several_sheets_is_one_owner() {
        let mut owners = vec![
            owner("足球扶持资金", Some("105210000000180112"), None, 0),
            owner("足球扶持资金", None, Some("190"), 14),
            owner("足球扶持资金", None, None, 0),
            owner("足球扶持资金", Some("999"), Some("5"), 0),
            owner("另一项目", None, None, 0),
        ];
        super::merge_empty_namesakes(&mut owners);
        let kept: Vec<(&str, Option<&str>, Option<&str>)> = owners
            .iter()
            .map(|o| {
                let name = o.project_name.as_ref().map_or("", |t| t.text.as_str());
                (name, o.project_code.as_ref().map(|t| t.text.as_str()), o.budget.as_ref().map(|t| t.text.as_str()))
            })
            .collect();
        // The sheets without rows fill the one with rows; another code is
        // another project, and so is another name.
        assert_eq!(
            kept,
            vec![
                ("足球扶持资金", Some("105210000000180112"), Some("190")),
                ("足球扶持资金", Some("999"), Some("5")),
                ("另一项目", None, None)
            ]
        );
    }

    #[test]
    fn kinds_from_titles_and_from_what_rows_print() {
        use jixiao_model::aligned::{DocumentKind, Traced};
        assert_eq!(super::kind_of_title("2021年度项目支出绩效自评表"), DocumentKind::SelfEvaluation);
        assert_eq!(super::kind_of_title("项目支出绩效目标执行监控表"), DocumentKind::Monitoring);
        assert_eq!(super::kind_of_title("项目支出绩效目标表"), DocumentKind::Target);
        let mut rows = owner("甲", None, None, 2).rows;
        assert_eq!(super::kind_of_rows(&rows), Some(DocumentKind::Target));
        rows[1].results.score = Some(Traced::new("6", Default::default()));
        assert_eq!(super::kind_of_rows(&rows), Some(DocumentKind::SelfEvaluation));
        rows[0].results.likelihood = Some(Traced::new("确定能", Default::default()));
        assert_eq!(super::kind_of_rows(&rows), Some(DocumentKind::Monitoring));
        assert_eq!(super::kind_of_rows(&[]), None);
    }

    #[test]
    fn a_line_with_two_labels_is_two_pairs() {
        assert_eq!(
            super::labelled_pairs("单位名称：广州市政务服务和数据管理局  单位：万元"),
            vec!["单位名称：广州市政务服务和数据管理局", "单位：万元"]
        );
        assert_eq!(super::labelled_pairs("单位名称：卢龙县 医疗保障局"), vec!["单位名称：卢龙县 医疗保障局"]);
    }

    #[test]
    fn headings_of_a_report_on_one_project() {
        let name = |t: &str| project_of_heading(&jixiao_domain::fold(t));
        assert_eq!(name("2024年度全国信访信息系统维护费项目绩效评价报告").as_deref(), Some("全国信访信息系统维护费"));
        assert_eq!(name("文化惠民项目支出绩效自评报告").as_deref(), Some("文化惠民"));
        // The first line of a wrapped heading, a table title, the
        // department's report and prose name none.
        assert_eq!(name("2024年度全国信访信息系统维护费项目"), None);
        assert_eq!(name("项目年度绩效指标表"), None);
        assert_eq!(name("2024年度部门整体支出绩效评价报告"), None);
        assert_eq!(name("结论撰写项目绩效评价报告，经内部三级复核后征求意见"), None);
    }
}
