//! Attaching rows to owners (projects, departments).

use crate::header::{build_map, is_header_fragment, is_header_row, ColumnMap};
use crate::row::{join_split_row, kind_of, read_row, Kind, SideValues};
use jixiao_domain::grammar::read_budget;
use jixiao_domain::vocab::{field_label, is_placeholder, ColumnRole, Fact, FieldRole, MONEY_UNITS};
use jixiao_domain::{fold, is_cjk, taxonomy};
use jixiao_model::aligned::{AlignedDocument, AlignedOwner, AlignedRow, Repair, Scope, SkippedRow, Traced};
use jixiao_model::{Block, Cell, Code, Diagnostic, Document, Paragraph, SourceRef, Table};

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

/// Where rows without a project row of their own are attached.
#[derive(Debug, Clone, Copy)]
enum Attach {
    /// Before the rows of the project whose row came after them.
    BeforeOwnRows,
    /// After the block of the project before them (no project row followed).
    AfterBlock,
    /// At the end of the document, to the last owner.
    Leftover,
}

/// Level labels carried down a side (merged cells flattened by the export).
#[derive(Debug, Clone, Default)]
struct Fill {
    level1: Option<Traced>,
    level1_inferred: bool,
    level2: Option<Traced>,
}

#[derive(Default)]
struct Aligner {
    out: AlignedDocument,
    doc_scope: Option<Scope>,
    unit_code: Option<Traced>,
    unit_name: Option<Traced>,
    amount_unit: Option<Traced>,
    last_title: Option<Traced>,
    seen_table: bool,
    current: Option<usize>,
    budget_rank: Vec<u8>,
    /// Indicator rows whose owner row has not been seen yet.
    orphans: Vec<AlignedRow>,
    orphan_l1: Vec<&'static str>,
    in_orphan_run: bool,
    /// Level-1 labels seen in the current owner's block, in order.
    block_l1: Vec<&'static str>,
    fill: Vec<Fill>,
    repeated_headers: usize,
    /// True once the table being read has opened its owner (a 项目名称,
    /// 项目编码 or 预算数 row): a second such row in it is the same owner's.
    table_opened_owner: bool,
    /// Paragraph text since the last table: the title of the next one.
    title_before_table: String,
    /// Owners opened by a header block with no 项目名称: decided at the
    /// end (department or unnamed project), with their table's title.
    unnamed: Vec<(usize, String)>,
    /// The column map of the last table, for a table that continues it.
    last_map: Option<ColumnMap>,
    /// A unit's total row's amount (衡阳市医疗保障局 100.00): a table whose
    /// budget equals it is the department's.
    unit_total: Option<Traced>,
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

/// The year a title states: `2023 年项目支出绩效目标表`, `（2021年度）`.
fn title_year(text: &str) -> Option<u16> {
    let f = fold(text);
    let chars: Vec<char> = f.chars().collect();
    (0..chars.len().saturating_sub(4)).find_map(|i| {
        let y: String = chars[i..i + 4].iter().collect();
        let before_ok = i == 0 || !chars[i - 1].is_ascii_digit();
        (before_ok && y.starts_with("20") && y.chars().all(|c| c.is_ascii_digit()) && chars.get(i + 4) == Some(&'年'))
            .then(|| y.parse().ok())
            .flatten()
    })
}

impl Aligner {
    fn paragraph(&mut self, p: &Paragraph) {
        // Titles and unit lines are short: fold only the head of a long text.
        let head: String = p.text.chars().take(MAX_TITLE_CHARS).collect();
        let f = fold(&head);
        if self.title_before_table.len() < 4 * MAX_TITLE_CHARS {
            self.title_before_table.push_str(&f);
        }
        if f.contains("整体支出") || f.contains("部门整体") {
            self.doc_scope = Some(Scope::Department);
        } else if f.contains("项目支出") || f.contains("预算项目") || f.contains("项目绩效") {
            self.doc_scope = Some(Scope::Project);
        }
        if !self.seen_table && self.out.year.is_none() && (f.contains("绩效") || f.contains("年度")) {
            self.out.year = title_year(&head);
        }
        if f.contains("绩效目标表") || f.contains("绩效目标申报表") {
            self.last_title = Some(Traced::new(head.trim(), p.source.clone()));
        }
        if let Some((label, value)) = f.split_once(':') {
            let value_text = head.split_once(['：', ':']).map_or("", |(_, v)| v.trim());
            if label.ends_with("单位") && !value.is_empty() {
                let t = Traced::new(value_text, p.source.clone());
                if is_amount_unit(value) {
                    self.amount_unit = Some(t);
                } else if !label.contains("金额") {
                    self.set_doc_unit_name(t);
                }
            }
        }
    }

    fn set_doc_unit_name(&mut self, t: Traced) {
        if let Some((code, name)) = split_unit_cell(&t.text) {
            self.unit_code = Some(Traced::new(code, t.source.clone()));
            self.unit_name = Some(Traced::new(name, t.source));
        } else {
            self.unit_name = Some(t);
        }
    }

    fn table(&mut self, t: &Table) {
        self.seen_table = true;
        self.table_opened_owner = false;
        let headers = header_groups(&t.rows);
        // A table that opens on indicator rows, with no header of its own,
        // continues the table before it (a page break split it).
        let continues =
            headers.first().is_none_or(|(s, _)| *s > 0) && t.rows.first().is_some_and(|r| opens_on_indicators(r));
        let mut map: Option<ColumnMap> = if continues { self.last_map.take() } else { None };
        let mut r = 0;
        while r < t.rows.len() {
            if let Some(end) = headers.iter().find(|(s, _)| *s == r).map(|(_, e)| *e) {
                let group: Vec<&[Cell]> = t.rows[r..end].iter().map(Vec::as_slice).collect();
                let new_map = build_map(&group);
                if map.as_ref() == Some(&new_map) {
                    self.repeated_headers += 1;
                } else if !new_map.sides.is_empty() {
                    self.fill = vec![Fill::default(); new_map.sides.len()];
                    map = Some(new_map);
                }
                r = end;
                continue;
            }
            let row = &t.rows[r];
            let next = t.rows.get(r + 1).map(Vec::as_slice);
            match &map {
                Some(m) => {
                    if let Some(joined) = next.and_then(|n| join_split_row(row, n, m)) {
                        self.data_row(&joined, t.rows.get(r + 2).map(Vec::as_slice), m, Some(Repair::RowsJoined));
                        r += 2;
                        continue;
                    }
                    self.data_row(row, next, m, None)
                }
                None => self.field_row(row, next),
            }
            r += 1;
        }
        self.title_before_table.clear();
        if map.is_some() {
            self.last_map = map;
        }
    }

    // ---- owners -------------------------------------------------------

    fn new_owner(&mut self, scope: Scope, source: SourceRef) -> usize {
        self.out.owners.push(AlignedOwner {
            scope,
            unit_code: self.unit_code.clone(),
            unit_name: self.unit_name.clone(),
            project_code: None,
            project_name: None,
            budget: None,
            amount_unit: self.amount_unit.clone(),
            cost_basis: None,
            goal: None,
            facts: Default::default(),
            rows: Vec::new(),
            skipped: Vec::new(),
            warnings: Vec::new(),
            source,
        });
        self.budget_rank.push(0);
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
        self.current.filter(|_| !self.in_orphan_run)
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

    fn field_row(&mut self, row: &[Cell], next: Option<&[Cell]>) {
        // Owner-creating fields first: 项目编码 may precede 项目名称 in a row.
        let mut fields: Vec<(usize, FieldRole, Traced)> = Vec::new();
        for (c, cell) in row.iter().enumerate() {
            if cell.is_blank() {
                continue;
            }
            if let Some((code, name)) = split_unit_cell(&cell.text) {
                self.unit_code = Some(Traced::new(code, cell.source.clone()));
                self.unit_name = Some(Traced::new(name, cell.source.clone()));
                continue;
            }
            if let Some((_, unit)) = fold(&cell.text).split_once(':').filter(|(l, _)| l.ends_with("单位")) {
                if is_amount_unit(unit) {
                    self.amount_unit = Some(Traced::new(unit, cell.source.clone()));
                    continue;
                }
            }
            let Some((role, inline)) = field_label(&cell.text) else {
                continue;
            };
            let value = match inline {
                Some(v) => Some(Traced::new(v, cell.source.clone())),
                None => field_value(row, c, next, matches!(role, FieldRole::Goal(_))),
            };
            match value {
                Some(v) => fields.push((c, role, v)),
                // A 项目名称 label with nothing beside it still opens the
                // table's owner: an unnamed one (often the department's).
                None if role == FieldRole::ProjectName => self.open_table_owner(&cell.source),
                None => {}
            }
        }
        fields.sort_by_key(|(c, role, _)| (!matches!(role, FieldRole::ProjectName | FieldRole::DepartmentName), *c));
        for (_, role, value) in fields {
            if matches!(role, FieldRole::ProjectName | FieldRole::ProjectCode | FieldRole::Budget(_)) {
                self.open_table_owner(&value.source);
            }
            self.apply_field(role, value);
        }
    }

    /// A table whose header block names an owner (项目名称, 项目编码, 预算数)
    /// starts a new owner once the current one has indicator rows: rows
    /// never flow across that boundary. The new owner is unnamed until a
    /// 项目名称 value names it; unnamed owners are decided at the end.
    fn open_table_owner(&mut self, source: &SourceRef) {
        if std::mem::replace(&mut self.table_opened_owner, true) {
            return;
        }
        if self.current.is_some_and(|i| !self.out.owners[i].rows.is_empty()) {
            let scope = self.doc_scope.unwrap_or(Scope::Project);
            let i = self.new_owner(scope, source.clone());
            self.unnamed.push((i, self.title_before_table.clone()));
        }
    }

    fn apply_field(&mut self, role: FieldRole, v: Traced) {
        let scope = self.doc_scope.unwrap_or(Scope::Project);
        match role {
            FieldRole::ProjectName => {
                let i = self.owner_for(Scope::Project, &v.source, |o| o.project_name.is_some());
                self.out.owners[i].scope = Scope::Project;
                self.out.owners[i].project_name = Some(v);
            }
            FieldRole::ProjectCode => {
                let i = self.owner_for(Scope::Project, &v.source, |o| o.project_code.is_some());
                self.out.owners[i].project_code = Some(v);
            }
            FieldRole::DepartmentName => {
                let i = self
                    .owner_for(Scope::Department, &v.source, |o| o.unit_name.is_some() && o.scope == Scope::Department);
                self.out.owners[i].scope = Scope::Department;
                self.out.owners[i].unit_name = Some(v.clone());
                self.unit_name = Some(v);
            }
            FieldRole::UnitName => {
                if let Some(i) = self.current {
                    self.out.owners[i].unit_name = Some(v.clone());
                }
                self.set_doc_unit_name(v);
            }
            FieldRole::UnitCode => {
                if let Some(i) = self.current {
                    self.out.owners[i].unit_code = Some(v.clone());
                }
                self.unit_code = Some(v);
            }
            FieldRole::Budget(rank) => {
                let i = self.current_or_new(scope, &v.source);
                let has_number = v.text.chars().any(|c| c.is_ascii_digit());
                if has_number && (self.out.owners[i].budget.is_none() || rank > self.budget_rank[i]) {
                    self.out.owners[i].budget = Some(v);
                    self.budget_rank[i] = rank;
                }
            }
            FieldRole::Goal(annual) => {
                let i = self.current_or_new(scope, &v.source);
                if annual || self.out.owners[i].goal.is_none() {
                    self.out.owners[i].goal = Some(v);
                }
            }
            FieldRole::CostBasis => {
                let i = self.current_or_new(scope, &v.source);
                self.out.owners[i].cost_basis = Some(v);
            }
            FieldRole::Fact(fact) => self.apply_fact(fact, v),
            FieldRole::Personal => {}
        }
    }

    /// A project fact goes to the owner being read; a multi-year total is
    /// also its budget when no annual amount is given.
    fn apply_fact(&mut self, fact: Fact, v: Traced) {
        let Some(i) = self.current else { return };
        let facts = &mut self.out.owners[i].facts;
        let slot = match fact {
            Fact::MidTermBudget => &mut facts.mid_term_budget,
            Fact::FiscalFunds => &mut facts.fiscal_funds,
            Fact::OtherFunds => &mut facts.other_funds,
            Fact::Period => &mut facts.period,
            Fact::ProjectType => &mut facts.project_type,
            Fact::Department => &mut facts.department,
            Fact::DeclaredYear => &mut facts.declared_year,
        };
        slot.get_or_insert(v.clone());
        if fact == Fact::MidTermBudget {
            self.apply_field(FieldRole::Budget(0), v);
        }
    }

    // ---- indicator rows -----------------------------------------------

    fn data_row(&mut self, row: &[Cell], next: Option<&[Cell]>, map: &ColumnMap, repair: Option<Repair>) {
        let reading = read_row(row, map);
        let (shifted, mut values) = (reading.shifted, reading.sides);
        reconcile_twins(&mut values);
        if let Some(repair) = repair {
            values.iter_mut().for_each(|v| v.repairs.push(repair.clone()));
        }

        if map.has_owner_rows() {
            if !shifted {
                // A project row opens its owner; its own indicator part is
                // read below, for the new owner.
                self.owner_row(row, next, map, &values);
            }
            self.detect_restart(values.first());
        }
        let source = row.iter().find(|c| !c.is_blank()).map(|c| c.source.clone()).unwrap_or_default();
        for (i, v) in values.into_iter().enumerate() {
            self.emit(i, v, map, &source);
        }
    }

    /// A project or unit row inside the indicator table: opens a new owner,
    /// or records the unit of a unit's total row.
    fn owner_row(&mut self, row: &[Cell], next: Option<&[Cell]>, map: &ColumnMap, values: &[SideValues]) {
        let cell = |role| map.owner_col(role).and_then(|c| row.get(c)).filter(|c| !c.is_blank());
        let traced = |c: &Cell| Traced::new(c.text.trim(), c.source.clone());
        let project = cell(ColumnRole::ProjectName);
        let unit = cell(ColumnRole::UnitName);
        let Some(name_cell) = project.or(unit) else {
            return;
        };
        let code = cell(ColumnRole::UnitCode).map(traced);
        // A unit's total row in a project table: its name is the unit's.
        let is_unit_total = project.is_some()
            && (self.unit_name.as_ref().is_some_and(|u| fold(&u.text) == fold(&name_cell.text))
                || (!values.iter().any(|v| v.has_content() || v.level2.is_some())
                    && next.is_some_and(|n| {
                        map.owner_col(ColumnRole::ProjectName).and_then(|c| n.get(c)).is_some_and(|c| !c.is_blank())
                    })));
        if is_unit_total {
            self.unit_code = code.or(self.unit_code.take());
            self.unit_name = Some(traced(name_cell));
            self.unit_total = cell(ColumnRole::Budget).map(traced).or(self.unit_total.take());
            return;
        }
        let scope = if project.is_some() { Scope::Project } else { Scope::Department };
        let first_l1 = values.first().and_then(effective_l1);
        let orphans = std::mem::take(&mut self.orphans);
        let orphan_l1 = std::mem::take(&mut self.orphan_l1);
        let orphan_fill = self.fill.clone();
        let previous = self.current;
        let continues = first_l1.is_none_or(|l1| !orphan_l1.contains(&l1) || orphan_l1.last() == Some(&l1));
        let i = self.new_owner(scope, name_cell.source.clone());
        self.in_orphan_run = false;
        {
            let o = &mut self.out.owners[i];
            if scope == Scope::Project {
                o.project_name = Some(traced(name_cell));
                o.project_code = cell(ColumnRole::ProjectCode).map(traced);
            } else {
                o.unit_name = Some(traced(name_cell));
            }
            if let Some(c) = code {
                o.unit_code = Some(c);
            }
            o.budget = cell(ColumnRole::Budget).map(traced);
            o.goal = owner_goal(row, map);
        }
        if !orphans.is_empty() {
            if continues || previous.is_none() {
                self.attach(i, orphans, Attach::BeforeOwnRows);
                self.block_l1 = orphan_l1;
                self.fill = orphan_fill;
            } else if let Some(p) = previous {
                self.attach(p, orphans, Attach::AfterBlock);
            }
        }
    }

    /// Moves indicator rows that had no project row of their own to owner
    /// `i`, with a warning saying why; never drops them.
    fn attach(&mut self, i: usize, rows: Vec<AlignedRow>, how: Attach) {
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

    /// A level-1 label that the current owner's block has already left
    /// means a new block has begun whose project row is still to come.
    fn detect_restart(&mut self, side0: Option<&SideValues>) {
        let Some(l1) = side0.and_then(effective_l1) else {
            return;
        };
        let seq = if self.in_orphan_run || self.current.is_none() { &mut self.orphan_l1 } else { &mut self.block_l1 };
        if seq.contains(&l1) && seq.last() != Some(&l1) {
            // A pending orphan block that no project row claimed goes to the
            // project before it (with no project yet, it waits for the next).
            if let Some(p) = self.current.filter(|_| self.in_orphan_run) {
                let pending = std::mem::take(&mut self.orphans);
                self.attach(p, pending, Attach::AfterBlock);
            }
            self.in_orphan_run = true;
            self.orphan_l1 = vec![l1];
            for f in &mut self.fill {
                *f = Fill::default();
            }
            return;
        }
        if seq.last() != Some(&l1) {
            seq.push(l1);
        }
    }

    fn emit(&mut self, side: usize, v: SideValues, map: &ColumnMap, row_source: &SourceRef) {
        let shared = self.fill.first().map(|f| (f.level1.clone(), f.level1_inferred));
        let Some(fill) = self.fill.get_mut(side) else {
            return;
        };
        if side > 0 && map.sides[side].col(ColumnRole::Level1).is_none() && v.level1.is_none() {
            // The right half of a twin table shares the left half's 一级指标.
            if let Some((Some(l1), inferred)) = shared {
                fill.level1 = Some(l1);
                fill.level1_inferred = inferred;
            }
        }
        let mut repairs = v.repairs.clone();
        if let Some(l1) = &v.level1 {
            fill.level1 = Some(l1.clone());
            fill.level1_inferred = false;
            fill.level2 = None;
        }
        if let Some(l2) = &v.level2 {
            fill.level2 = Some(l2.clone());
            if v.level1.is_none() {
                if let Some(parent) = taxonomy::level2(&l2.text).map(|l| l.parent) {
                    let current = fill.level1.as_ref().and_then(|t| taxonomy::level1(&t.text));
                    let old_form_cost = taxonomy::is_ambiguous_cost(&l2.text) && current.is_some();
                    if current != Some(parent) && !old_form_cost {
                        fill.level1 = Some(Traced::new(parent, l2.source.clone()));
                        fill.level1_inferred = true;
                    }
                }
            }
        }
        let (level3, target) = (v.get(ColumnRole::Level3).cloned(), v.get(ColumnRole::Target).cloned());
        if level3.is_none() && target.is_none() {
            return; // a label-only row: merged 一级/二级 cells, or an empty slot
        }
        let cells: Vec<String> = v.values.iter().map(|(_, t)| t.text.clone()).collect();
        let skip_reason = if fill.level1.is_none() && fill.level2.is_none() {
            Some("no indicator label above this row")
        } else if level3.as_ref().is_some_and(|t| fold(&t.text).starts_with("备注")) {
            Some("template remark")
        } else if level3
            .as_ref()
            .is_none_or(|t| is_placeholder(&t.text) || fold(&t.text).chars().all(|c| c.is_ascii_digit()))
            && target.as_ref().is_none_or(|t| is_placeholder(&t.text))
        {
            Some("placeholder (不适用, 无, /) in both indicator name and target")
        } else {
            None
        };
        if let Some(reason) = skip_reason {
            let skipped = SkippedRow { reason: reason.into(), cells, source: row_source.clone() };
            match self.receiving_owner() {
                Some(i) => self.out.owners[i].skipped.push(skipped),
                None => self.out.diagnostics.push(Diagnostic::new(
                    Code::RowSkipped,
                    format!("skipped row: {reason}"),
                    Some(row_source.clone()),
                )),
            }
            return;
        }
        if fill.level1_inferred && v.level1.is_none() {
            repairs.push(Repair::Level1Inferred);
        }
        let aligned = AlignedRow {
            horizon: map.sides[side].horizon,
            level1: fill.level1.clone(),
            level2: fill.level2.clone(),
            level3,
            target,
            description: v.get(ColumnRole::Description).cloned(),
            basis: v.get(ColumnRole::Basis).cloned(),
            comparator: v.get(ColumnRole::Comparator).cloned(),
            unit: v.get(ColumnRole::Unit).cloned(),
            repairs,
            source: row_source.clone(),
        };
        match self.receiving_owner() {
            Some(i) => self.out.owners[i].rows.push(aligned),
            None => self.orphans.push(aligned),
        }
    }

    /// An owner opened by a header block without a 项目名称 is the unit's
    /// department table when its title says so (整体, 部门) or its budget is
    /// the unit's total; otherwise an unnamed project, with a warning.
    fn decide_unnamed(&mut self) {
        let total = self.unit_total.as_ref().and_then(|t| read_budget(&t.text)).map(|(n, _)| n);
        for (i, title) in std::mem::take(&mut self.unnamed) {
            let o = &mut self.out.owners[i];
            if o.project_name.is_some() {
                continue;
            }
            let budget = o.budget.as_ref().and_then(|b| read_budget(&b.text)).map(|(n, _)| n);
            let is_total = budget.is_some() && budget == total;
            if title.contains("整体") || title.contains("部门") || is_total || o.scope == Scope::Department {
                o.scope = Scope::Department;
            } else {
                let message = "a table with its own header block names no 项目名称: read as an unnamed project";
                o.warnings.push(Diagnostic::new(Code::UnnamedProject, message, Some(o.source.clone())));
            }
        }
    }

    fn finish(mut self) -> AlignedDocument {
        self.decide_unnamed();
        if !self.orphans.is_empty() {
            let source = self.orphans[0].source.clone();
            let i = match self.current {
                Some(i) => i,
                None => {
                    let scope = self.doc_scope.unwrap_or(Scope::Project);
                    let i = self.new_owner(scope, source.clone());
                    if scope == Scope::Project {
                        self.out.owners[i].project_name =
                            self.last_title.as_ref().map(|t| Traced::new(title_to_name(&t.text), t.source.clone()));
                    }
                    i
                }
            };
            let orphans = std::mem::take(&mut self.orphans);
            self.attach(i, orphans, Attach::Leftover);
        }
        if self.repeated_headers > 0 {
            self.out.diagnostics.push(Diagnostic::new(
                Code::RepeatedHeadersDropped,
                format!("{} repeated page headers dropped", self.repeated_headers),
                None,
            ));
        }
        self.out.owners.retain(|o| !o.rows.is_empty() || o.project_name.is_some() || o.scope == Scope::Department);
        self.out
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

/// `1.基金监管经费f绩效目标表` → `基金监管经费f`.
fn title_to_name(title: &str) -> String {
    let t = title.trim().trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '、' | ' '));
    t.trim_end_matches("绩效目标表").trim_end_matches("项目支出").trim().to_string()
}

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

/// Twin sides describe the same indicators: a side that lost its 二级指标
/// takes the other side's when both name the same indicator; a side without
/// the 指标值 the other side has keeps it empty, with a repair note.
fn reconcile_twins(values: &mut [SideValues]) {
    if values.len() != 2 {
        return;
    }
    let name = |v: &SideValues| v.get(ColumnRole::Level3).map(|t| fold(&t.text));
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

/// The value of a field label: the next non-empty cell that is not itself a
/// label; for goals, the cell below when the row has none.
fn field_value(row: &[Cell], c: usize, next: Option<&[Cell]>, look_below: bool) -> Option<Traced> {
    let after = row.iter().skip(c + 1).find(|x| !x.is_blank());
    match after {
        Some(x) if field_label(&x.text).is_none() => return Some(Traced::new(x.text.trim(), x.source.clone())),
        _ => {}
    }
    if look_below {
        let below = next?.get(c).filter(|x| !x.is_blank())?;
        return Some(Traced::new(below.text.trim(), below.source.clone()));
    }
    None
}

/// The goal of an owner row: its goal column when that holds text, else the
/// longest text cell of the row that is not a label (layouts shift it).
fn owner_goal(row: &[Cell], map: &ColumnMap) -> Option<Traced> {
    let is_text =
        |c: &Cell| !c.is_blank() && !fold(&c.text).chars().all(|ch| ch.is_ascii_digit() || matches!(ch, '.' | ','));
    if let Some(c) = map.owner_col(ColumnRole::Goal).and_then(|c| row.get(c)).filter(|c| is_text(c)) {
        return Some(Traced::new(c.text.trim(), c.source.clone()));
    }
    row.iter()
        .filter(|c| is_text(c) && kind_of(&c.text) == Kind::Text && c.text.chars().count() >= 15)
        .max_by_key(|c| c.text.chars().count())
        .map(|c| Traced::new(c.text.trim(), c.source.clone()))
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
        while start > 0 && r - start < 2 && is_header_fragment(&rows[start - 1]) && !is_header_row(&rows[start - 1]) {
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
        if let Some(last) = groups.last_mut().filter(|(_, e): &&mut (usize, usize)| *e > start) {
            last.1 = end;
        } else {
            groups.push((start, end));
        }
    }
    groups
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
    }
}
