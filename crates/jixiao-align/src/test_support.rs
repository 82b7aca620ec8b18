//! Grid builders shared by the unit tests of this crate.

use jixiao_model::{Cell, SourceRef};

/// A row of 1×1 cells whose sources know their columns.
pub fn row(texts: &[&str]) -> Vec<Cell> {
    texts.iter().enumerate().map(|(c, t)| Cell::new(*t, SourceRef { col: c, ..Default::default() })).collect()
}

/// The header of a twin (中期 | 年度) table.
pub const TWIN_HEADER: &[&str] = &[
    "绩效指标",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "绩效标准",
    "二级指标",
    "三级指标",
    "指标值",
    "绩效标准",
];
