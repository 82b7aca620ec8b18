//! The alignment stage: [`jixiao_model::Document`] → [`jixiao_model::aligned::AlignedDocument`].
//!
//! It decides what each cell *is* and rebuilds indicator tables:
//! 1. header rows (by column vocabulary) give a [`header::ColumnMap`];
//! 2. each data row is read against it by roles ([`row`]): shifted cells are
//!    re-seated on their taxonomy labels, twin (中期 | 年度) sides are split;
//! 3. an owner state machine attaches rows to projects or departments, from
//!    header fields (项目名称 …) or from project rows printed inside the
//!    indicator table, including indicator runs printed *before* their
//!    project row (a page break moved it);
//! 4. merged 一级/二级 cells are filled down, and a missing 一级指标 is
//!    inferred from its 二级指标 with the official taxonomy.
//!
//! The stage is pure: no I/O, deterministic, every value keeps its source.

pub mod fill;
pub mod header;
mod owners;
pub mod row;
pub mod skip;
pub mod twin;

pub use owners::align;

#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;
