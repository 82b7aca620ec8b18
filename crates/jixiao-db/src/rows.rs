//! The typed rows of one document, shared by both databases: the columns
//! of `jixiao-columns` (the CSVs' own, so the tables cannot drift from
//! the CSVs), with numbers as numbers, deadlines as dates and flags as
//! booleans, read from the record (never from the CSVs' text). Text is
//! never guarded against spreadsheet formulas here: a database cell is
//! data, not something a spreadsheet runs.

use jixiao_columns::{Cell, Column, Table as Rows, Ty, INDICATORS as INDICATOR_COLUMNS, PROJECTS as PROJECT_COLUMNS};
use jixiao_domain::grammar::Decimal;
use jixiao_model::record::DocumentRecord;
use std::sync::LazyLock;

/// One typed value. Numbers keep their exact decimal text, so PostgreSQL
/// stores them exactly (`24349670.40`), and SQLite reads them as REAL.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// NULL.
    Null,
    /// Text.
    Text(String),
    /// A whole number.
    Int(i64),
    /// A decimal number, as exact text.
    Num(String),
    /// A float.
    Real(f64),
    /// `YYYY-MM-DD`.
    Date(String),
    /// A flag.
    Bool(bool),
}

impl Value {
    /// The value as the text PostgreSQL casts to its column's type.
    pub fn as_pg_text(&self) -> Option<String> {
        match self {
            Value::Null => None,
            Value::Text(s) | Value::Num(s) | Value::Date(s) => Some(s.clone()),
            Value::Int(n) => Some(n.to_string()),
            Value::Real(f) => Some(f.to_string()),
            Value::Bool(b) => Some(b.to_string()),
        }
    }

    /// A cell in a column of type `ty`: a number that is none, or an
    /// empty date, is NULL.
    fn of(cell: Cell<'_>, ty: Ty) -> Value {
        match (cell, ty) {
            (Cell::Null, _) => Value::Null,
            (Cell::Count(n), _) => Value::Int(n as i64),
            (Cell::Float(f), _) => Value::Real(f64::from(f)),
            (Cell::Flag(b), _) => Value::Bool(b),
            (Cell::Text(t), Ty::Num) => Decimal::parse(&t).map_or(Value::Null, |d| Value::Num(d.to_string())),
            (Cell::Text(t), Ty::Int) => t.parse().map_or(Value::Null, Value::Int),
            (Cell::Text(t), Ty::Real) => t.parse().map_or(Value::Null, Value::Real),
            (Cell::Text(t), Ty::Date) if t.is_empty() => Value::Null,
            (Cell::Text(t), Ty::Date) => Value::Date(t.into_owned()),
            (Cell::Text(t), _) => Value::Text(t.into_owned()),
        }
    }
}

/// A table's insert shape: its name and typed columns, in order.
pub struct Table {
    /// The table.
    pub name: &'static str,
    /// Columns with their types.
    pub columns: Vec<(&'static str, Ty)>,
}

impl Table {
    /// The table `name`: the columns `lead` (filled in by the importer),
    /// then every database column of `columns`.
    fn of<T: Rows>(name: &'static str, lead: &[&'static str], columns: &'static [Column<T>]) -> Table {
        let lead = lead.iter().map(|c| (*c, Ty::Int));
        Table { name, columns: lead.chain(columns.iter().map(|c| (c.db_name(), c.db.ty()))).collect() }
    }
}

/// `projects`: the document, the ordinal and the unit, then the CSV's
/// columns.
pub static PROJECTS: LazyLock<Table> =
    LazyLock::new(|| Table::of("projects", &["document_id", "ordinal", "unit_id"], PROJECT_COLUMNS));

/// `indicators`: the document, the ordinals, then the CSV's columns, the
/// value split into its typed forms.
pub static INDICATORS: LazyLock<Table> =
    LazyLock::new(|| Table::of("indicators", &["document_id", "ordinal", "project_ordinal"], INDICATOR_COLUMNS));

/// The typed values of `at`'s row in `columns`, after `lead`.
fn values<'a, T: Rows>(lead: [Value; 3], columns: &'static [Column<T>], at: T::At<'a>) -> Vec<Value> {
    let mut row = Vec::with_capacity(3 + columns.len());
    row.extend(lead);
    row.extend(columns.iter().map(|c| Value::of(c.read(at), c.db.ty())));
    row
}

/// A budget unit as the `units` table keys it: its code and name (empty
/// for unknown) and the context that tells apart units the two leave
/// alike. A name says which unit it is (卢龙县医疗保障局本级, with its
/// region), so a named unit needs no context; a 单位代码 is unique only
/// within a region, so a unit with a code and no name is keyed within
/// the folder of its file (an archive's folders are its regions or its
/// sources); a unit with neither is its file's own.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnitKey {
    /// 单位代码.
    pub code: String,
    /// 单位名称.
    pub name: String,
    /// Empty for a named unit, else the folder (code only) or the file
    /// (neither) it was read in.
    pub context: String,
}

impl UnitKey {
    /// The key of the unit of `code` and `name` read in `source_file`.
    pub fn new(code: &str, name: &str, source_file: &str) -> UnitKey {
        let (code, name) = (code.trim(), name.trim());
        let context = match (code.is_empty(), name.is_empty()) {
            (_, false) => "",
            (false, true) => source_file.rsplit_once('/').map_or("", |(folder, _)| folder),
            (true, true) => source_file,
        };
        UnitKey { code: code.to_string(), name: name.to_string(), context: context.to_string() }
    }

    /// The unit's key as one text (`units.key`): `code|name|context`, so
    /// that a query names one unit with one value.
    pub fn text(&self) -> String {
        format!("{}|{}|{}", self.code, self.name, self.context)
    }
}

/// Units an importer fetched in a file's transaction, with their ids.
pub type Fetched = Vec<(UnitKey, i64)>;

/// One document's rows, before the database gives the document and its
/// units their ids: `document_id` and `unit_id` are filled in by
/// [`DocumentRows::bind`].
#[derive(Debug, Clone, Default)]
pub struct DocumentRows {
    /// The units, each once, in order of first appearance.
    pub units: Vec<UnitKey>,
    /// Project rows (the first three columns are placeholders) with the
    /// index of their unit in `units`.
    pub projects: Vec<(usize, Vec<Value>)>,
    /// Indicator rows (the first column is a placeholder).
    pub indicators: Vec<Vec<Value>>,
}

impl DocumentRows {
    /// The rows of one canonical record.
    pub fn of(record: &DocumentRecord) -> DocumentRows {
        let mut rows = DocumentRows::default();
        // A unit of the file that gives only its code takes the name the
        // file gives that code elsewhere (a department table without the
        // header its projects have), when the file gives it exactly one.
        let mut names: std::collections::HashMap<&str, std::collections::HashSet<&str>> = Default::default();
        for u in &record.units {
            if let (Some(code), Some(name)) = (u.code.as_deref(), u.name.as_deref()) {
                if !code.trim().is_empty() && !name.trim().is_empty() {
                    names.entry(code.trim()).or_default().insert(name.trim());
                }
            }
        }
        let name_of = |code: &str, name: &str| -> String {
            match names.get(code.trim()) {
                Some(known) if name.trim().is_empty() && known.len() == 1 => {
                    known.iter().next().map_or("", |n| *n).into()
                }
                _ => name.to_string(),
            }
        };
        let mut ordinal = 0i64;
        for (p, at) in jixiao_columns::projects(record).enumerate() {
            let (code, name) = (at.unit.code.as_deref().unwrap_or(""), at.unit.name.as_deref().unwrap_or(""));
            let key = UnitKey::new(code, &name_of(code, name), &record.source_file);
            let unit = match rows.units.iter().position(|u| *u == key) {
                Some(i) => i,
                None => {
                    rows.units.push(key);
                    rows.units.len() - 1
                }
            };
            let lead = [Value::Null, Value::Int(p as i64), Value::Null];
            rows.projects.push((unit, values(lead, PROJECT_COLUMNS, at)));
            for indicator in &at.project.indicators {
                let lead = [Value::Null, Value::Int(ordinal), Value::Int(p as i64)];
                rows.indicators.push(values(
                    lead,
                    INDICATOR_COLUMNS,
                    jixiao_columns::IndicatorAt { owner: at, indicator },
                ));
                ordinal += 1;
            }
        }
        rows
    }

    /// The units' indexes in the order every importer takes them (sorted
    /// by code and name): two importers that write the same new units
    /// wait for one another in one order, and so never deadlock.
    pub fn unit_lock_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.units.len()).collect();
        order.sort_by(|&a, &b| self.units[a].cmp(&self.units[b]));
        order
    }

    /// Each unit's id, from `known` (units never deleted, so their ids
    /// hold) or from `fetch` (an upsert in the file's transaction), taken in
    /// [`unit_lock_order`](Self::unit_lock_order); returns the ids and the
    /// units fetched, to remember once the transaction commits.
    pub fn unit_ids<E>(
        &self,
        known: &std::collections::HashMap<UnitKey, i64>,
        mut fetch: impl FnMut(&UnitKey) -> Result<i64, E>,
    ) -> Result<(Vec<i64>, Fetched), E> {
        let mut ids = vec![0; self.units.len()];
        let mut fetched = Vec::new();
        for i in self.unit_lock_order() {
            let unit = &self.units[i];
            ids[i] = match known.get(unit) {
                Some(id) => *id,
                None => {
                    let id = fetch(unit)?;
                    fetched.push((unit.clone(), id));
                    id
                }
            };
        }
        Ok((ids, fetched))
    }

    /// Fills in the document's id and each project's unit id.
    pub fn bind(&mut self, document_id: i64, unit_ids: &[i64]) {
        for (unit, row) in &mut self.projects {
            row[0] = Value::Int(document_id);
            row[2] = Value::Int(unit_ids[*unit]);
        }
        for row in &mut self.indicators {
            row[0] = Value::Int(document_id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_is_keyed_by_its_name_or_within_its_folder_or_file() {
        // Named: the same unit whatever file or folder it is read in.
        let a = UnitKey::new("450001", "卢龙县医疗保障局本级", "hebei/luolong/a.txt");
        assert_eq!(a, UnitKey::new("450001", " 卢龙县医疗保障局本级 ", "2024/b.docx"));
        assert_eq!(a.text(), "450001|卢龙县医疗保障局本级|");
        // The same code in another region is another unit.
        assert_ne!(a, UnitKey::new("450001", "丰润区医疗保障局本级", "hebei/luolong/a.txt"));
        // A code alone is a unit of its folder; nothing at all, of its file.
        let code_only = UnitKey::new("062001", "", "hunan/hengyang/x.xls");
        assert_eq!(code_only.text(), "062001||hunan/hengyang");
        assert_eq!(code_only, UnitKey::new("062001", "", "hunan/hengyang/y.xlsx"));
        assert_ne!(code_only, UnitKey::new("062001", "", "other/z.xls"));
        assert_ne!(UnitKey::new("", "", "beijing.pdf"), UnitKey::new("", "", "changsha.pdf"));
        assert_eq!(UnitKey::new("", "", "top.pdf").text(), "||top.pdf");
    }

    /// The columns the migrations give `table`, in order, with their
    /// declared types: its `CREATE TABLE`, then each `ADD COLUMN`.
    fn migrated(migrations: &[&str], table: &str) -> Vec<(String, String)> {
        let mut columns = Vec::new();
        for sql in migrations {
            let mut inside = false;
            for line in sql.lines().map(str::trim) {
                if line.starts_with(&format!("CREATE TABLE {table} (")) {
                    inside = true;
                } else if inside && line.starts_with(')') {
                    inside = false;
                } else if let Some(rest) = line.strip_prefix(&format!("ALTER TABLE {table} ADD COLUMN ")) {
                    let mut words = rest.split_whitespace();
                    let (name, ty) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
                    columns.push((name.into(), ty.trim_end_matches(';').into()));
                } else if inside {
                    let mut words = line.split_whitespace();
                    let (name, ty) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
                    if !["PRIMARY", "FOREIGN", "UNIQUE", "CHECK", "CONSTRAINT"].contains(&name) && !name.is_empty() {
                        columns.push((name.into(), ty.trim_end_matches(',').into()));
                    }
                }
            }
        }
        columns
    }

    #[test]
    fn both_backends_migrations_give_the_tables_the_columns_of_jixiao_columns() {
        let sqlite = |ty: Ty| match ty {
            Ty::Text | Ty::Date => "TEXT",
            Ty::Int | Ty::Bool => "INTEGER",
            Ty::Num | Ty::Real => "REAL",
        };
        let postgres = |ty: Ty| match ty {
            Ty::Text => "TEXT",
            Ty::Int => "INTEGER",
            Ty::Num => "NUMERIC",
            Ty::Real => "REAL",
            Ty::Date => "DATE",
            Ty::Bool => "BOOLEAN",
        };
        for table in [&*PROJECTS, &*INDICATORS] {
            for (migrations, dialect) in
                [(crate::SQLITE_MIGRATIONS, sqlite as fn(Ty) -> &'static str), (crate::POSTGRES_MIGRATIONS, postgres)]
            {
                let mut have = migrated(migrations, table.name);
                let mut want: Vec<(String, String)> =
                    table.columns.iter().map(|(c, ty)| (c.to_string(), dialect(*ty).to_string())).collect();
                // Postgres' surrogate ids aside, the order may differ (ADD COLUMN appends).
                have.retain(|(c, _)| c != "id");
                // A whole number is INTEGER or BIGINT alike (ids are BIGINT).
                have.iter_mut().filter(|(_, t)| t == "BIGINT").for_each(|(_, t)| *t = "INTEGER".into());
                have.sort();
                want.sort();
                assert_eq!(have, want, "table {}: migrations against jixiao-columns", table.name);
            }
        }
    }
}
