//! Project rows inside the indicator table, and indicator rows printed
//! before their project row (orphans): attached, never dropped.

use super::{coded_name, Aligner};
use crate::fill::Fill;
use crate::header::ColumnMap;
use crate::row::{kind_of, Kind, SideValues};
use jixiao_domain::vocab::ColumnRole;
use jixiao_domain::{fold, taxonomy};
use jixiao_model::aligned::{AlignedRow, Scope, Traced};
use jixiao_model::{Cell, Code, Diagnostic};

/// Where rows without a project row of their own are attached.
#[derive(Debug, Clone, Copy)]
pub(super) enum Attach {
    /// Before the rows of the project whose row came after them.
    BeforeOwnRows,
    /// After the block of the project before them (no project row followed).
    AfterBlock,
    /// At the end of the document, to the last owner.
    Leftover,
}

/// Orphan rows waiting for a project row, with the state they were read in.
struct Pending {
    rows: Vec<AlignedRow>,
    l1: Vec<&'static str>,
    fill: Vec<Fill>,
    previous: Option<usize>,
}

impl Aligner {
    /// A project or unit row inside the indicator table: opens a new owner,
    /// or records the unit of a unit's total row.
    pub(super) fn owner_row(&mut self, row: &[Cell], next: Option<&[Cell]>, map: &ColumnMap, values: &[SideValues]) {
        let cell = |role| map.owner_col(role).and_then(|c| row.get(c)).filter(|c| !c.is_blank());
        let traced = |c: &Cell| Traced::new(c.text.trim(), c.source.clone());
        let project = cell(ColumnRole::ProjectName);
        let unit = cell(ColumnRole::UnitName);
        let Some(name_cell) = project.or(unit) else {
            self.nameless_project_row(row, map);
            return;
        };
        let code = cell(ColumnRole::UnitCode).map(traced);
        if project.is_some() && self.is_unit_total(name_cell, next, map, values) {
            self.ctx.unit_code = code.or(self.ctx.unit_code.take());
            self.ctx.unit_name = Some(traced(name_cell));
            self.ctx.unit_total = cell(ColumnRole::Budget).map(traced).or(self.ctx.unit_total.take());
            return;
        }
        let scope = if project.is_some() { Scope::Project } else { Scope::Department };
        // A project's `CODE-NAME` cell (a unit's name is kept whole below).
        let (name, coded) = coded_name(&name_cell.text, &name_cell.source);
        let project_code = cell(ColumnRole::ProjectCode).map(traced).or(coded);
        if scope == Scope::Project && self.continues_current(&name, project_code.as_ref(), row, map) {
            return;
        }
        let pending = self.take_pending();
        let i = self.new_owner(scope, name_cell.source.clone());
        self.orphan_run.active = false;
        {
            let o = &mut self.out.owners[i];
            if scope == Scope::Project {
                o.project_name = Some(name);
                o.project_code = project_code;
            } else {
                o.unit_name = Some(traced(name_cell));
            }
            if let Some(c) = code {
                o.unit_code = Some(c);
            }
            o.budget = cell(ColumnRole::Budget).map(traced);
            o.goal = owner_goal(row, map);
        }
        self.claim_orphans(i, values.first().and_then(effective_l1), pending);
    }

    /// The same project row again (a merged cell a page break cut, its
    /// text printed on both parts, whole or in pieces), or the named part
    /// of a row whose first part printed no name: the current project goes
    /// on, and the part that prints the amounts (the other printed only the
    /// name) gives the budget.
    fn continues_current(
        &mut self,
        name: &Traced,
        project_code: Option<&Traced>,
        row: &[Cell],
        map: &ColumnMap,
    ) -> bool {
        let cell = |role| map.owner_col(role).and_then(|c| row.get(c)).filter(|c: &&Cell| !c.is_blank());
        let traced = |c: &Cell| Traced::new(c.text.trim(), c.source.clone());
        let Some(i) = self.current else { return false };
        let o = &mut self.out.owners[i];
        let named_here = if self.nameless == Some(i) {
            // The rest of a project row whose first part printed no name.
            self.nameless = None;
            true
        } else if o.scope != Scope::Project {
            return false;
        } else {
            match same_project(o, name, project_code) {
                Some(longer) => longer,
                None => return false,
            }
        };
        if named_here {
            o.project_name = Some(name.clone());
            o.project_code = project_code.cloned().or(o.project_code.take());
        }
        o.budget = o.budget.take().or_else(|| cell(ColumnRole::Budget).map(traced));
        o.goal = o.goal.take().or_else(|| owner_goal(row, map));
        true
    }

    /// The orphans waiting, with the state they were read in.
    fn take_pending(&mut self) -> Pending {
        Pending {
            rows: std::mem::take(&mut self.orphan_run.rows),
            l1: std::mem::take(&mut self.orphan_run.l1),
            fill: self.fill.clone(),
            previous: self.current,
        }
    }

    /// A row whose owner cells hold text but no name: a project row cut
    /// by a page break whose name was printed only on the next page (or
    /// drawn past the page's edge). It opens a project that the next named
    /// project row names. At the top of a table's next part it is the
    /// other way round: the rest of the current project's cut cells (its
    /// goal goes on, its name was printed above the break). A total row
    /// (合计 | 40,233.95) opens nothing.
    fn nameless_project_row(&mut self, row: &[Cell], map: &ColumnMap) {
        let start = map.indicator_start();
        let owner_text = row.iter().take(start).any(|c| !c.is_blank());
        let cut_above = self.table.at_continued_top && self.current.is_some();
        // A 合计 row sums the projects below it: it is none of them.
        if !owner_text
            || cut_above
            || super::is_total_row(row)
            || map.owner_col(ColumnRole::ProjectName).is_none()
            || self.nameless.is_some()
        {
            return;
        }
        let source = row.iter().find(|c| !c.is_blank()).map(|c| c.source.clone()).unwrap_or_default();
        let i = self.new_owner(Scope::Project, source);
        let budget = map.owner_col(ColumnRole::Budget).and_then(|c| row.get(c)).filter(|c| !c.is_blank());
        self.out.owners[i].budget = budget.map(|c| Traced::new(c.text.trim(), c.source.clone()));
        self.out.owners[i].goal = owner_goal(row, map);
        self.nameless = Some(i);
    }

    /// A unit's total row in a project table: its name is the unit's, or it
    /// holds no indicator and a project row follows it.
    fn is_unit_total(&self, name: &Cell, next: Option<&[Cell]>, map: &ColumnMap, values: &[SideValues]) -> bool {
        let project_follows = || {
            next.is_some_and(|n| {
                map.owner_col(ColumnRole::ProjectName).and_then(|c| n.get(c)).is_some_and(|c| !c.is_blank())
            })
        };
        self.ctx.unit_name.as_ref().is_some_and(|u| fold(&u.text) == fold(&name.text))
            || (!values.iter().any(|v| v.has_content() || v.level2.is_some()) && project_follows())
    }

    /// The orphans waiting when owner `i`'s project row came: its own when
    /// its first 一级指标 continues their block (a page break moved the row),
    /// else the previous owner's.
    fn claim_orphans(&mut self, i: usize, first_l1: Option<&'static str>, pending: Pending) {
        if pending.rows.is_empty() {
            return;
        }
        let l1 = &pending.l1;
        let continues = first_l1.is_none_or(|f| !l1.contains(&f) || l1.last() == Some(&f));
        match pending.previous {
            Some(p) if !continues => self.attach(p, pending.rows, Attach::AfterBlock),
            _ => {
                self.attach(i, pending.rows, Attach::BeforeOwnRows);
                self.block_l1 = pending.l1;
                self.fill = pending.fill;
            }
        }
    }

    /// Moves indicator rows that had no project row of their own to owner
    /// `i`, with a warning saying why; never drops them.
    pub(super) fn attach(&mut self, i: usize, rows: Vec<AlignedRow>, how: Attach) {
        let Some(first) = rows.first() else {
            return;
        };
        let n = rows.len();
        let message = match how {
            Attach::BeforeOwnRows => {
                format!(
                    "{n} indicator rows printed before this project's row (a page break moved it) were attached to it"
                )
            }
            Attach::AfterBlock => {
                format!("{n} indicator rows after this project's block had no project row; attached to this project")
            }
            Attach::Leftover => format!("{n} indicator rows without a project row of their own were attached here"),
        };
        let code = match how {
            Attach::BeforeOwnRows => Code::RowsMovedByPageBreak,
            Attach::AfterBlock | Attach::Leftover => Code::RowsWithoutProjectAttached,
        };
        let o = &mut self.out.owners[i];
        o.warnings.push(Diagnostic::new(code, message, Some(first.source.clone())));
        match how {
            Attach::BeforeOwnRows => {
                o.rows.splice(0..0, rows);
            }
            Attach::AfterBlock | Attach::Leftover => o.rows.extend(rows),
        }
    }

    /// Notes the level-1 label a row of the current owner's block opens.
    pub(super) fn note_block_l1(&mut self, side0: Option<&SideValues>) {
        if let Some(l1) = side0.and_then(effective_l1).filter(|_| !self.orphan_run.active) {
            if self.block_l1.last() != Some(&l1) {
                self.block_l1.push(l1);
            }
        }
    }

    /// A level-1 label that the current owner's block has already left
    /// means a new block has begun whose project row is still to come.
    pub(super) fn detect_restart(&mut self, side0: Option<&SideValues>) {
        let Some(l1) = side0.and_then(effective_l1) else {
            return;
        };
        let seq =
            if self.orphan_run.active || self.current.is_none() { &mut self.orphan_run.l1 } else { &mut self.block_l1 };
        if seq.contains(&l1) && seq.last() != Some(&l1) {
            // A pending orphan block that no project row claimed goes to the
            // project before it (with no project yet, it waits for the next).
            if let Some(p) = self.current.filter(|_| self.orphan_run.active) {
                let pending = std::mem::take(&mut self.orphan_run.rows);
                self.attach(p, pending, Attach::AfterBlock);
            }
            self.orphan_run.active = true;
            self.orphan_run.l1 = vec![l1];
            for f in &mut self.fill {
                *f = Fill::default();
            }
            return;
        }
        if seq.last() != Some(&l1) {
            seq.push(l1);
        }
    }
}

/// Whether a project row names owner `o` again, and if so whether its
/// name and code are the fuller ones: the same text; the same code with
/// the name cut at the page break on one part (`…-公共卫生危害` above,
/// `…-公共卫生危害因素监测与干预项目` below); or a cut cell printed in pieces.
fn same_project(o: &jixiao_model::aligned::AlignedOwner, name: &Traced, code: Option<&Traced>) -> Option<bool> {
    let folded = |t: Option<&Traced>| t.map(|t| fold(&t.text).into_owned());
    let (old, new) = (folded(o.project_name.as_ref()), folded(Some(name)));
    let same_code = folded(o.project_code.as_ref()) == folded(code);
    if same_code && old == new {
        return Some(false);
    }
    let (old, new) = (old.unwrap_or_default(), new.unwrap_or_default());
    if same_code && code.is_some() && (new.starts_with(&old) || old.starts_with(&new)) {
        return Some(new.len() > old.len());
    }
    let fuller = code.is_some_and(|c| o.project_code.as_ref().is_none_or(|o| c.text.len() > o.text.len()));
    cut_cell_parts(o, name, code).then_some(fuller)
}

/// A project cell that a page break cut, whose text the first part prints
/// only in part (its first line, `11000023T00000203`) or the second part
/// only in part (its last lines, `6813-肿瘤所…`): on the next page, one
/// text is a piece of the other's start or end.
fn cut_cell_parts(o: &jixiao_model::aligned::AlignedOwner, name: &Traced, code: Option<&Traced>) -> bool {
    let Some(old_name) = o.project_name.as_ref() else { return false };
    if old_name.source.page.is_none() || old_name.source.page == name.source.page {
        return false;
    }
    let whole = |code: Option<&Traced>, name: &Traced| {
        let text = format!("{}{}", code.map_or("", |c| c.text.as_str()), name.text);
        fold(&text).chars().filter(|c| c.is_alphanumeric()).collect::<String>()
    };
    let (old, new) = (whole(o.project_code.as_ref(), old_name), whole(code, name));
    let piece = |a: &str, b: &str| a.chars().count() >= MIN_CUT_PIECE && (b.starts_with(a) || b.ends_with(a));
    // Only a piece is cut: a first part without its name (a code's first
    // line), or a second part without its code. Two whole `CODE-NAME`
    // cells are two projects, whatever their names share.
    let nameless = !old_name.text.chars().any(jixiao_domain::is_cjk);
    let codeless = code.is_none() && o.project_code.is_some();
    old != new && ((nameless && piece(&old, &new)) || (codeless && piece(&new, &old)))
}

/// The shortest piece of a cut project cell recognised as such (a code's
/// first line; a name's last line with its code's tail).
const MIN_CUT_PIECE: usize = 8;

/// The level-1 label a row opens, read or implied by its level-2 label.
fn effective_l1(v: &SideValues) -> Option<&'static str> {
    if let Some(l1) = v.level1.as_ref().and_then(|t| taxonomy::level1(&t.text)) {
        return Some(l1);
    }
    let l2 = v.level2.as_ref()?;
    if taxonomy::is_ambiguous_cost(&l2.text) {
        return None; // old-form 成本指标 under 产出指标: no new block
    }
    taxonomy::level2(&l2.text).map(|l| l.parent)
}

/// The goal of an owner row: its goal column when that holds text, else the
/// longest text cell of the row that is not a label (layouts shift it).
fn owner_goal(row: &[Cell], map: &ColumnMap) -> Option<Traced> {
    let is_text =
        |c: &Cell| !c.is_blank() && !fold(&c.text).chars().all(|ch| ch.is_ascii_digit() || matches!(ch, '.' | ','));
    if let Some(c) = map.owner_col(ColumnRole::Goal).and_then(|c| row.get(c)).filter(|c| is_text(c)) {
        return Some(Traced::new(c.text.trim(), c.source.clone()));
    }
    // Else the longest text of the row that is not its owner's name.
    let owner_cols: Vec<usize> = [ColumnRole::ProjectName, ColumnRole::ProjectCode, ColumnRole::UnitName]
        .iter()
        .filter_map(|r| map.owner_col(*r))
        .collect();
    row.iter()
        .enumerate()
        .filter(|(i, _)| !owner_cols.contains(i))
        .map(|(_, c)| c)
        .filter(|c| is_text(c) && kind_of(&c.text) == Kind::Text && c.text.chars().count() >= 15)
        .max_by_key(|c| c.text.chars().count())
        .map(|c| Traced::new(c.text.trim(), c.source.clone()))
}
