//! Header fields: 项目名称, 项目编码, 预算数 … open owners and fill them.

use super::{bracketed_money_unit, coded_name, is_amount_unit, split_unit_cell, Aligner};
use jixiao_domain::grammar::read_budget;
use jixiao_domain::vocab::{field_label, Fact, FieldRole};
use jixiao_domain::{fold, may_fold_to_any};
use jixiao_model::aligned::{Scope, Traced};
use jixiao_model::{Cell, Code, Diagnostic, SourceRef};

impl Aligner {
    /// A row of header fields; `below` holds the table's rows under it.
    pub(super) fn field_row(&mut self, row: &[Cell], below: &[Vec<Cell>]) {
        if self.funds_header(row) {
            return;
        }
        self.funds_row(row);
        // Owner-creating fields first: 项目编码 may precede 项目名称 in a row.
        let mut fields: Vec<(usize, FieldRole, Traced)> = Vec::new();
        for (c, cell) in row.iter().enumerate() {
            if cell.is_blank() {
                continue;
            }
            if let Some((code, name)) = split_unit_cell(&cell.text) {
                self.ctx.unit_code = Some(Traced::new(code, cell.source.clone()));
                self.ctx.unit_name = Some(Traced::new(name, cell.source.clone()));
                continue;
            }
            if self.amount_unit_cell(cell) {
                continue;
            }
            let Some((role, inline)) = field_label(&cell.text) else {
                continue;
            };
            let value = match inline {
                Some(v) => Some(Traced::new(v, cell.source.clone())),
                None => self.label_value(role, row, c, below),
            };
            match value {
                // 部门名称 | 三公经费预（决）算数（财政拨款）: a column header, no unit.
                Some(v)
                    if matches!(role, FieldRole::UnitName | FieldRole::DepartmentName) && !names_a_unit(&v.text) => {}
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

    /// The value of label `role` in column `c` of `row` that holds none
    /// after a colon. An amount's label heads its column when the cell
    /// beside it is no amount (全年预算数（A） | 全年执行数（B）, the figures
    /// in the row below); in a funds block the amount under 全年预算数.
    fn label_value(&self, role: FieldRole, row: &[Cell], c: usize, below: &[Vec<Cell>]) -> Option<Traced> {
        let next = below.first().map(Vec::as_slice);
        if !matches!(role, FieldRole::Budget(_)) {
            return field_value(row, c, next, matches!(role, FieldRole::Goal(_)));
        }
        if let Some(f) = self.table.funds_budget_col {
            return row.get(f).and_then(amount_of);
        }
        field_value(row, c, next, false).filter(|v| read_budget(&v.text).is_some()).or_else(|| amount_below(c, below))
    }

    /// A funds block's header row (two or more of 年初预算数, 全年预算数,
    /// 全年执行数): its columns are noted for the rows below.
    fn funds_header(&mut self, row: &[Cell]) -> bool {
        let heads = funds_heads(row);
        if heads.is_empty() {
            return false;
        }
        self.table.funds_budget_col = heads.iter().find(|(_, f)| *f == FundsField::Budget).map(|(c, _)| *c);
        self.table.funds_columns = heads;
        true
    }

    /// The first row under a funds block's header with an amount under it
    /// is its total row (年度资金总额, or the figures alone): its cells
    /// under the headers are the project's funds.
    fn funds_row(&mut self, row: &[Cell]) {
        let (Some(i), false) = (self.current, self.table.funds_columns.is_empty()) else { return };
        let at = |c: usize| row.get(c).filter(|x| !x.is_blank()).map(|x| Traced::new(x.text.trim(), x.source.clone()));
        if !self.table.funds_columns.iter().any(|(c, _)| at(*c).is_some_and(|t| read_budget(&t.text).is_some())) {
            return;
        }
        let funds = &mut self.out.owners[i].facts.funds;
        for (c, field) in std::mem::take(&mut self.table.funds_columns) {
            let slot = match field {
                FundsField::Planned => &mut funds.planned,
                FundsField::Budget => &mut funds.budget,
                FundsField::Executed => &mut funds.executed,
                FundsField::Rate => &mut funds.rate,
                FundsField::Weight => &mut funds.weight,
                FundsField::Score => &mut funds.score,
            };
            *slot = at(c).or(slot.take());
        }
        // The figures alone under their headers (渝中's 全年预算数（A）):
        // the budget is the one under 全年预算数.
        if let Some(budget) = self.out.owners[i].facts.funds.budget.clone() {
            self.apply_field(FieldRole::Budget(3), budget);
        }
    }

    /// Reads the unit of amounts a cell states: `单位：万元` (the whole cell:
    /// returns true), or a budget label's bracket (`项目资金（元）`: the cell
    /// is read on as a label). In a table's header block it is the unit of
    /// this table's owner, opened before the amounts' row was reached.
    fn amount_unit_cell(&mut self, cell: &Cell) -> bool {
        let labelled = may_fold_to_any(&cell.text, &[':']).then(|| fold(&cell.text));
        if let Some((_, unit)) =
            labelled.as_deref().and_then(|f| f.split_once(':')).filter(|(l, _)| l.ends_with("单位"))
        {
            if is_amount_unit(unit) {
                self.ctx.amount_unit = Some(Traced::new(unit, cell.source.clone()));
                return true;
            }
        }
        if let Some(unit) = bracketed_money_unit(&cell.text) {
            let unit = Traced::new(unit, cell.source.clone());
            if let Some(i) = self.current.filter(|_| self.table.opened_owner) {
                self.out.owners[i].amount_unit = Some(unit.clone());
            }
            self.ctx.amount_unit = Some(unit);
        }
        false
    }

    /// A table whose header block names an owner (项目名称, 项目编码, 预算数)
    /// starts a new owner once the current one has indicator rows: rows
    /// never flow across that boundary. The new owner is unnamed until a
    /// 项目名称 value names it; unnamed owners are decided at the end.
    fn open_table_owner(&mut self, source: &SourceRef) {
        if std::mem::replace(&mut self.table.opened_owner, true) {
            return;
        }
        // The first table of a document opens its owner here too, so that
        // its title can name it when no 项目名称 does.
        if self.current.is_none_or(|i| !self.out.owners[i].rows.is_empty()) {
            let scope = self.ctx.doc_scope.unwrap_or(Scope::Project);
            let i = self.new_owner(scope, source.clone());
            self.unnamed.push((i, self.ctx.nearest_title.clone()));
        }
    }

    fn apply_field(&mut self, role: FieldRole, v: Traced) {
        match role {
            FieldRole::ProjectName | FieldRole::ProjectCode | FieldRole::DepartmentName => {
                self.apply_owner_field(role, v)
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
                self.ctx.unit_code = Some(v);
            }
            FieldRole::Budget(_) | FieldRole::Goal(_) | FieldRole::CostBasis => self.apply_amount_field(role, v),
            FieldRole::Fact(fact) => self.apply_fact(fact, v),
            FieldRole::Personal => {}
        }
    }

    /// 项目名称, 项目编码, 部门名称: they name an owner, a new one when the
    /// current one already has that name or has rows.
    fn apply_owner_field(&mut self, role: FieldRole, v: Traced) {
        match role {
            FieldRole::ProjectName => {
                let i = self.owner_for(Scope::Project, &v.source, |o| o.project_name.is_some());
                let o = &mut self.out.owners[i];
                o.scope = Scope::Project;
                let (name, code) = coded_name(&v.text, &v.source);
                o.project_name = Some(name);
                if let Some(code) = code {
                    o.project_code.get_or_insert(code);
                }
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
                self.ctx.unit_name = Some(v);
            }
            _ => {}
        }
    }

    /// 预算数 (the highest-ranked amount wins: 年度 over 中期), 年度目标 (over
    /// 中期目标) and 测算依据 fill the current owner, or a new one when fields
    /// come before any.
    fn apply_amount_field(&mut self, role: FieldRole, v: Traced) {
        let scope = self.ctx.doc_scope.unwrap_or(Scope::Project);
        match role {
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
            _ => {}
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

    /// An owner opened by a header block without a 项目名称 is the unit's
    /// department table when its title says so (整体, 部门) or its budget is
    /// the unit's total; otherwise an unnamed project, with a warning.
    pub(super) fn decide_unnamed(&mut self) {
        let total = self.ctx.unit_total.as_ref().and_then(|t| read_budget(&t.text)).map(|(n, _)| n);
        for (i, title) in std::mem::take(&mut self.unnamed) {
            let o = &mut self.out.owners[i];
            if o.project_name.is_some() {
                continue;
            }
            let budget = o.budget.as_ref().and_then(|b| read_budget(&b.text)).map(|(n, _)| n);
            let is_total = budget.is_some() && budget == total;
            if title.contains("整体") || title.contains("部门") || is_total || o.scope == Scope::Department {
                o.scope = Scope::Department;
            } else if let Some((unit, name)) = project_of_title(&title) {
                // `…_科技兴警绩效目标表`, `女子看守所保障经费项目绩效目标表`: the
                // table's title names its project (and its unit).
                let source = o.source.clone();
                o.project_name = Some(Traced::new(name, source.clone()));
                if let Some(unit) = unit {
                    o.unit_name = Some(Traced::new(unit, source));
                }
            } else {
                let message = "a table with its own header block names no 项目名称: read as an unnamed project";
                o.warnings.push(Diagnostic::new(Code::UnnamedProject, message, Some(o.source.clone())));
            }
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

/// A column of a self-evaluation's funds block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FundsField {
    Planned,
    Budget,
    Executed,
    Rate,
    Weight,
    Score,
}

/// The funds columns `row` heads (年初预算数, 全年预算数, 全年执行数, 执行率,
/// 分值, 得分; a hint in brackets after the word is no part of it). Two or
/// more of the amounts make a funds block's header.
fn funds_heads(row: &[Cell]) -> Vec<(usize, FundsField)> {
    const HEADS: [(&str, FundsField); 6] = [
        ("年初预算数", FundsField::Planned),
        ("全年预算数", FundsField::Budget),
        ("全年执行数", FundsField::Executed),
        ("执行率", FundsField::Rate),
        ("分值", FundsField::Weight),
        ("得分", FundsField::Score),
    ];
    let word = |c: &Cell| {
        let f = fold(&c.text);
        f.split(['(', '\n']).next().unwrap_or_default().split_whitespace().collect::<String>()
    };
    let heads: Vec<(usize, FundsField)> = row
        .iter()
        .enumerate()
        .filter_map(|(i, c)| HEADS.iter().find(|(h, _)| word(c) == *h).map(|(_, f)| (i, *f)))
        .collect();
    let amounts =
        heads.iter().filter(|(_, f)| matches!(f, FundsField::Planned | FundsField::Budget | FundsField::Executed));
    if amounts.count() >= 2 {
        heads
    } else {
        Vec::new()
    }
}

/// How many rows under a budget label its amount may stand: the label
/// heads a column of a funds block whose sub-headers (合计 | 基本支出 |
/// 项目支出 beside it) take a row.
const AMOUNT_ROWS_BELOW: usize = 3;

/// The amount under a budget label that has none beside it (北京's
/// 预算支出总额 heading its column, the figure two rows down): the first
/// filled cell of its column below, when it reads as an amount.
fn amount_below(c: usize, below: &[Vec<Cell>]) -> Option<Traced> {
    below.iter().take(AMOUNT_ROWS_BELOW).filter_map(|r| r.get(c)).find(|x| !x.is_blank()).and_then(amount_of)
}

/// A cell's text when it reads as an amount.
fn amount_of(cell: &Cell) -> Option<Traced> {
    read_budget(&cell.text).map(|_| Traced::new(cell.text.trim(), cell.source.clone()))
}

/// Whether a 单位名称/部门名称 value can be a unit's name: amounts, totals
/// and the headers of money columns cannot.
fn names_a_unit(text: &str) -> bool {
    let f = fold(text);
    let money_header =
        ["预算数", "决算数", "算数", "拨款", "小计", "合计", "总计", "金额"].iter().any(|w| f.contains(w));
    let figure = f.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-'));
    !money_header && !figure
}

/// The project a table's title names: `X项目绩效目标表` or `X绩效目标表`,
/// with `unitcode_unit_X` split at its underscores; none for the generic
/// titles of a disclosure (项目支出绩效目标表, 1.项目支出…).
fn project_of_title(title: &str) -> Option<(Option<String>, String)> {
    let t = fold(title);
    let stem = t.strip_suffix("绩效目标表")?;
    let stem = stem.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '、' | ')' | '('));
    let mut parts: Vec<&str> = stem.split('_').collect();
    let name = parts.pop()?.trim_end_matches("项目");
    let unit = parts.last().map(|u| u.to_string()).filter(|u| !u.chars().all(|c| c.is_ascii_digit()));
    let generic = ["项目支出", "支出", "项目", "专项资金", "预算项目", "部门", "整体"];
    let generic = name.is_empty() || generic.contains(&name) || name.ends_with("项目支出") || name.ends_with("年度");
    (!generic).then(|| (unit, name.to_string()))
}

#[cfg(test)]
mod tests {
    use super::project_of_title;

    #[test]
    fn titles_that_name_their_project() {
        let p = |t: &str| project_of_title(t).map(|(u, n)| format!("{}|{n}", u.unwrap_or_default()));
        assert_eq!(p("女子看守所保障经费项目绩效目标表").as_deref(), Some("|女子看守所保障经费"));
        assert_eq!(
            p("301008_泉州市公安局台商投资区分局_科技兴警绩效目标表").as_deref(),
            Some("泉州市公安局台商投资区分局|科技兴警")
        );
        assert_eq!(p("1.项目支出绩效目标表"), None);
        assert_eq!(p("2026年项目支出绩效目标表"), None);
    }
}
