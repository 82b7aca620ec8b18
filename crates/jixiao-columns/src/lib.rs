//! The columns of `indicators.csv` and `projects.csv`, each in one place.
//!
//! A column is its name, its Chinese label (the workbook's header), what it
//! means (the row schemas' description), its shape in the CSV, its type in
//! the database, and the function that reads it from a record. Everything
//! that lists the columns derives the list from here: the CSV header and
//! rows, the workbook's headers, the database's inserts (a test holds both
//! backends' migrations to them), the review rules' fields and the row
//! schemas. Adding a column is an entry in [`INDICATORS`] or [`PROJECTS`]
//! and a database migration.
//!
//! The database gets typed values from the record, never by reading the
//! CSV's text again: `value` becomes `value_text` beside the number, the
//! range's bounds, the deadline as a date and an amount in 元
//! ([`Db::Only`] columns, which no CSV shows).

mod indicators;
mod projects;

pub use indicators::{IndicatorAt, INDICATORS};
pub use projects::{ProjectAt, PROJECTS};

use jixiao_model::aligned::Traced;
use jixiao_model::record::{DocumentRecord, IndicatorRecord};
use serde::ser::{Serialize, SerializeStruct, Serializer};
use std::borrow::Cow;
use std::sync::LazyLock;

/// A table: what one of its rows is read from.
pub trait Table {
    /// A row's record (a project or an indicator, with what it belongs
    /// to), borrowed from the document.
    type At<'a>: Copy;
    /// The function that reads a column's cell from a row's record (a
    /// `fn` pointer: the columns are a `static` table).
    type Get: Copy;
    /// Calls `get` on `at`.
    fn read<'a>(get: Self::Get, at: Self::At<'a>) -> Cell<'a>;
}

/// One column of the table `T`.
pub struct Column<T: Table> {
    /// The CSV header, and the database column unless [`Db::Named`].
    pub name: &'static str,
    /// The workbook's header.
    pub zh: &'static str,
    /// What the column holds (the row schema's description).
    pub doc: &'static str,
    /// Its shape in the CSV, or [`Csv::None`] for a database-only column.
    pub csv: Csv,
    /// Its column in the database.
    pub db: Db,
    /// Reads the column's cell.
    pub get: T::Get,
}

/// A column's shape in the CSV (and the row schema's type).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Csv {
    /// Text (`string`).
    Text,
    /// A float (`number`).
    Float,
    /// A count (`integer`, at least 0).
    Count,
    /// `true` or `false` (`boolean`).
    Flag,
    /// Not in the CSV: a database column only.
    None,
}

/// A column's place in the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Db {
    /// A column of the column's name and this type.
    Same(Ty),
    /// A column of another name (`value` is `value_text`: `value` is the
    /// number there).
    Named(&'static str, Ty),
    /// A database column no CSV shows, of this type.
    Only(Ty),
}

impl Db {
    /// The database column's type.
    pub fn ty(self) -> Ty {
        match self {
            Db::Same(ty) | Db::Named(_, ty) | Db::Only(ty) => ty,
        }
    }
}

/// The SQL type of a column: how a value is bound (SQLite) or cast from
/// its text parameter (PostgreSQL).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    /// TEXT.
    Text,
    /// INTEGER / BIGINT.
    Int,
    /// NUMERIC (PostgreSQL, exact) / REAL (SQLite).
    Num,
    /// REAL.
    Real,
    /// DATE (PostgreSQL) / ISO 8601 text (SQLite).
    Date,
    /// BOOLEAN (PostgreSQL) / 0 or 1 (SQLite).
    Bool,
}

impl Ty {
    /// The PostgreSQL type a text parameter is cast to.
    pub fn pg_cast(self) -> &'static str {
        match self {
            Ty::Text => "text",
            Ty::Int => "bigint",
            Ty::Num => "numeric",
            Ty::Real => "real",
            Ty::Date => "date",
            Ty::Bool => "boolean",
        }
    }
}

impl<T: Table> Column<T> {
    /// The column's name in the database, when it has one there.
    pub fn db_name(&self) -> &'static str {
        match self.db {
            Db::Named(name, _) => name,
            Db::Same(_) | Db::Only(_) => self.name,
        }
    }

    /// The column's cell of `at`.
    pub fn read<'a>(&self, at: T::At<'a>) -> Cell<'a> {
        T::read(self.get, at)
    }

    /// True when the CSV shows the column.
    pub fn in_csv(&self) -> bool {
        self.csv != Csv::None
    }
}

/// One cell as read from a record. Texts borrow from the record where
/// they can: a row is written and dropped.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// Text (empty for nothing).
    Text(Cow<'a, str>),
    /// A float.
    Float(f32),
    /// A count.
    Count(usize),
    /// A flag.
    Flag(bool),
    /// Nothing, in a database-only column (NULL).
    Null,
}

impl Cell<'_> {
    /// The cell as text: what a CSV cell holds (nothing for [`Cell::Null`]).
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(t) => Cow::Borrowed(t),
            Cell::Float(f) => Cow::Owned(format!("{f:?}")),
            Cell::Count(n) => Cow::Owned(n.to_string()),
            Cell::Flag(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
            Cell::Null => Cow::Borrowed(""),
        }
    }
}

impl Serialize for Cell<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Text(t) => s.serialize_str(t),
            Cell::Float(f) => s.serialize_f32(*f),
            Cell::Count(n) => s.serialize_u64(*n as u64),
            Cell::Flag(b) => s.serialize_bool(*b),
            Cell::Null => s.serialize_str(""),
        }
    }
}

/// A CSV row: the cells of the columns the CSV shows, serialised as a
/// struct of those names (so every writer of flat rows writes it).
#[derive(Debug, Clone)]
pub struct Row<'a> {
    names: &'static [&'static str],
    cells: Vec<Cell<'a>>,
}

impl<'a> Row<'a> {
    /// The row of `at` in `columns`.
    pub fn of<T: Table>(columns: &'static [Column<T>], names: &'static [&'static str], at: T::At<'a>) -> Row<'a> {
        Row { names, cells: columns.iter().filter(|c| c.in_csv()).map(|c| c.read(at)).collect() }
    }

    /// The cell of column `name`.
    pub fn get(&self, name: &str) -> Option<&Cell<'a>> {
        self.names.iter().position(|n| *n == name).map(|i| &self.cells[i])
    }

    /// The cells, in the CSV's order.
    pub fn cells(&self) -> &[Cell<'a>] {
        &self.cells
    }
}

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut row = s.serialize_struct("Row", self.cells.len())?;
        for (name, cell) in self.names.iter().zip(&self.cells) {
            row.serialize_field(name, cell)?;
        }
        row.end()
    }
}

fn csv_names<T: Table>(columns: &'static [Column<T>]) -> Vec<&'static str> {
    columns.iter().filter(|c| c.in_csv()).map(|c| c.name).collect()
}

/// Column order of `indicators.csv` (analysts read them by name).
pub static INDICATOR_COLUMNS: LazyLock<Vec<&'static str>> = LazyLock::new(|| csv_names(INDICATORS));

/// Column order of `projects.csv`.
pub static PROJECT_COLUMNS: LazyLock<Vec<&'static str>> = LazyLock::new(|| csv_names(PROJECTS));

/// Every indicator of `record`, with its project, unit and file.
pub fn indicators(record: &DocumentRecord) -> impl Iterator<Item = IndicatorAt<'_>> {
    projects(record)
        .flat_map(|at| at.project.indicators.iter().map(move |indicator| IndicatorAt { owner: at, indicator }))
}

/// Every project (and department table) of `record`, with its unit.
pub fn projects(record: &DocumentRecord) -> impl Iterator<Item = ProjectAt<'_>> {
    record
        .units
        .iter()
        .flat_map(move |unit| unit.projects.iter().map(move |project| ProjectAt { record, unit, project }))
}

/// The rows of `indicators.csv` for one document.
pub fn indicator_rows(record: &DocumentRecord) -> Vec<Row<'_>> {
    let names: &'static [&'static str] = &INDICATOR_COLUMNS;
    // A row is large (thirty cells): sized once, not moved at each doubling.
    let mut rows = Vec::with_capacity(projects(record).map(|at| at.project.indicators.len()).sum());
    rows.extend(indicators(record).map(|at| Row::of(INDICATORS, names, at)));
    rows
}

/// The rows of `projects.csv` for one document.
pub fn project_rows(record: &DocumentRecord) -> Vec<Row<'_>> {
    let names: &'static [&'static str] = &PROJECT_COLUMNS;
    projects(record).map(|at| Row::of(PROJECTS, names, at)).collect()
}

/// The cell of the CSV column `name` of `at`, when there is one.
pub fn cell<'a, T: Table>(columns: &'static [Column<T>], name: &str, at: T::At<'a>) -> Option<Cell<'a>> {
    columns.iter().find(|c| c.in_csv() && c.name == name).map(|c| c.read(at))
}

fn text(t: &Option<Traced>) -> Cell<'_> {
    Cell::Text(Cow::Borrowed(t.as_ref().map_or("", |t| t.text.as_str())))
}

fn opt(s: &Option<String>) -> Cell<'_> {
    Cell::Text(Cow::Borrowed(s.as_deref().unwrap_or_default()))
}

fn str(s: &str) -> Cell<'_> {
    Cell::Text(Cow::Borrowed(s))
}

fn owned<'a>(s: String) -> Cell<'a> {
    Cell::Text(Cow::Owned(s))
}

/// The warnings of an indicator, led by its confidence when it was
/// repaired, then its repairs and its doubts, in words.
fn indicator_warnings(ind: &IndicatorRecord) -> String {
    let mut parts = Vec::with_capacity(ind.repairs.len() + ind.warnings.len() + 1);
    if ind.confidence < 1.0 {
        parts.push(format!("confidence {:.2}", ind.confidence));
    }
    parts.extend(ind.repairs.iter().map(|r| r.message()));
    parts.extend(ind.warnings.iter().map(|d| d.message.clone()));
    parts.join("; ")
}

#[cfg(test)]
mod tests;

/// The Chinese label of the CSV column `name` of either table.
pub fn zh(name: &str) -> Option<&'static str> {
    let indicator = INDICATORS.iter().find(|c| c.in_csv() && c.name == name).map(|c| c.zh);
    indicator.or_else(|| PROJECTS.iter().find(|c| c.name == name).map(|c| c.zh))
}

/// True when the CSV column `name` of either table holds a number (the
/// database stores it as one): a workbook writes it as a number.
pub fn is_number(name: &str) -> bool {
    let number = |ty: Ty| matches!(ty, Ty::Num | Ty::Int | Ty::Real);
    INDICATORS.iter().any(|c| c.in_csv() && c.name == name && number(c.db.ty()))
        || PROJECTS.iter().any(|c| c.name == name && number(c.db.ty()))
}
