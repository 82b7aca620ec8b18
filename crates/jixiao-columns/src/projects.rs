//! `projects.csv` and the `projects` table.

use crate::{opt, owned, str, text, Cell, Column, Csv, Db, Table, Ty};
use jixiao_model::record::{DocumentRecord, ProjectRecord, UnitRecord};
use std::borrow::Cow;

/// A project (or a department's whole-budget table) with its unit and file.
#[derive(Debug, Clone, Copy)]
pub struct ProjectAt<'a> {
    /// The document.
    pub record: &'a DocumentRecord,
    /// The project's unit.
    pub unit: &'a UnitRecord,
    /// The project.
    pub project: &'a ProjectRecord,
}

/// The rows of `projects.csv`.
pub enum Projects {}

impl Table for Projects {
    type At<'a> = ProjectAt<'a>;
    type Get = for<'a> fn(ProjectAt<'a>) -> Cell<'a>;

    fn read<'a>(get: Self::Get, at: Self::At<'a>) -> Cell<'a> {
        get(at)
    }
}

const fn col(
    name: &'static str,
    zh: &'static str,
    doc: &'static str,
    csv: Csv,
    ty: Ty,
    get: for<'a> fn(ProjectAt<'a>) -> Cell<'a>,
) -> Column<Projects> {
    Column { name, zh, doc, csv, db: Db::Same(ty), get }
}

use Csv::{Count, Flag, Text};

/// The columns of `projects.csv`, in order.
pub static PROJECTS: &[Column<Projects>] = &[
    col("source_file", "来源文件", "Input path, relative to the input root.", Text, Ty::Text, |p| {
        str(&p.record.source_file)
    }),
    col("scope", "范围", "`project` or `department`.", Text, Ty::Text, |p| str(p.project.scope.as_str())),
    col("unit_code", "单位代码", "单位代码.", Text, Ty::Text, |p| opt(&p.unit.code)),
    col("unit_name", "单位名称", "单位名称.", Text, Ty::Text, |p| opt(&p.unit.name)),
    col("project_key", "项目键", "The project's key.", Text, Ty::Text, |p| str(&p.project.key)),
    col("project_code", "项目编码", "项目编码 when present and plausible.", Text, Ty::Text, |p| {
        text(&p.project.code)
    }),
    col("project_name", "项目名称", "项目名称.", Text, Ty::Text, |p| text(&p.project.name)),
    col(
        "budget",
        "预算（万元）",
        "Budget in 万元 as a plain number, or empty (the same as `budget_wan`, kept where analysts' sheets expect it).",
        Text,
        Ty::Num,
        |p| opt(&p.project.budget_wan),
    ),
    col("goal", "年度目标", "年度目标 / 实施期绩效目标.", Text, Ty::Text, |p| text(&p.project.goal)),
    col("indicator_count", "指标数", "Number of indicators emitted.", Count, Ty::Int, |p| {
        Cell::Count(p.project.indicators.len())
    }),
    col("warnings", "提示", "Warnings about the project, separated by `; `.", Text, Ty::Text, |p| {
        owned(p.project.warnings.iter().map(|d| d.message.as_str()).collect::<Vec<_>>().join("; "))
    }),
    col("year", "年度", "The budget year.", Text, Ty::Int, |p| {
        p.project.year.map_or(Cell::Text(Cow::Borrowed("")), |y| owned(y.to_string()))
    }),
    col("budget_yuan", "预算（元）", "Budget in 元, an exact decimal.", Text, Ty::Num, |p| {
        opt(&p.project.budget_yuan)
    }),
    col("budget_wan", "预算（万元）", "Budget in 万元, an exact decimal.", Text, Ty::Num, |p| {
        opt(&p.project.budget_wan)
    }),
    col(
        "budget_unit_read",
        "预算读取单位",
        "The unit the written budget was read in: `元`, `万元`, `亿元`.",
        Text,
        Ty::Text,
        |p| str(p.project.budget_scale.as_ref().map_or("", |s| s.unit.as_str())),
    ),
    col(
        "budget_scale_basis",
        "单位判断依据",
        "What decided it: `cell`, `label`, `evidence`, `siblings`, `uncertain`.",
        Text,
        Ty::Text,
        |p| str(p.project.budget_scale.as_ref().map_or("", |s| s.basis.as_str())),
    ),
    col(
        "budget_scale_uncertain",
        "单位存疑",
        "`true` when the document's figures disagree about the unit.",
        Flag,
        Ty::Bool,
        |p| Cell::Flag(p.project.budget_scale_uncertain),
    ),
    col("mid_term_budget_yuan", "中期资金总额（元）", "中期资金总额 in 元.", Text, Ty::Num, |p| {
        opt(&p.project.mid_term_budget_yuan)
    }),
    col("period", "实施期限", "实施期限 / 项目期, as written.", Text, Ty::Text, |p| {
        text(&p.project.facts.period)
    }),
    col("project_type", "项目类型", "项目类型 / 项目属性, as written.", Text, Ty::Text, |p| {
        text(&p.project.facts.project_type)
    }),
    col("department", "主管部门", "主管部门 / 一级预算单位, as written.", Text, Ty::Text, |p| {
        text(&p.project.facts.department)
    }),
    col("kind", "表类型", "`target`, `self_evaluation` or `monitoring`.", Text, Ty::Text, |p| {
        str(p.project.kind.as_str())
    }),
];
