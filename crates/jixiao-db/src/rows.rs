//! The typed rows of one document, shared by both databases: the CSVs'
//! columns (the same projection, [`jixiao_emit::indicator_rows`] and
//! [`jixiao_emit::project_rows`], so the tables cannot drift from the
//! CSVs), with numbers as numbers, deadlines as dates and flags as
//! booleans. Text is never guarded against spreadsheet formulas here: a
//! database cell is data, not something a spreadsheet runs.

use jixiao_domain::grammar::Decimal;
use jixiao_domain::vocab::money_places;
use jixiao_model::record::DocumentRecord;

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
}

/// A table's insert shape: its name and typed columns, in order.
pub struct Table {
    /// The table.
    pub name: &'static str,
    /// Columns with their types.
    pub columns: &'static [(&'static str, Ty)],
}

/// `projects`: the CSV's columns after the document, ordinal and unit.
pub const PROJECTS: Table = Table {
    name: "projects",
    columns: &[
        ("document_id", Ty::Int),
        ("ordinal", Ty::Int),
        ("unit_id", Ty::Int),
        ("source_file", Ty::Text),
        ("scope", Ty::Text),
        ("unit_code", Ty::Text),
        ("unit_name", Ty::Text),
        ("project_key", Ty::Text),
        ("project_code", Ty::Text),
        ("project_name", Ty::Text),
        ("budget", Ty::Num),
        ("goal", Ty::Text),
        ("indicator_count", Ty::Int),
        ("warnings", Ty::Text),
        ("year", Ty::Int),
        ("budget_yuan", Ty::Num),
        ("budget_wan", Ty::Num),
        ("budget_unit_read", Ty::Text),
        ("budget_scale_basis", Ty::Text),
        ("budget_scale_uncertain", Ty::Bool),
        ("mid_term_budget_yuan", Ty::Num),
        ("period", Ty::Text),
        ("project_type", Ty::Text),
        ("department", Ty::Text),
        ("kind", Ty::Text),
    ],
};

/// `indicators`: the CSV's columns, the value split into its typed forms.
pub const INDICATORS: Table = Table {
    name: "indicators",
    columns: &[
        ("document_id", Ty::Int),
        ("ordinal", Ty::Int),
        ("project_ordinal", Ty::Int),
        ("source_file", Ty::Text),
        ("scope", Ty::Text),
        ("horizon", Ty::Text),
        ("unit_code", Ty::Text),
        ("unit_name", Ty::Text),
        ("project_key", Ty::Text),
        ("project_code", Ty::Text),
        ("project_name", Ty::Text),
        ("level1", Ty::Text),
        ("level2", Ty::Text),
        ("level3", Ty::Text),
        ("description", Ty::Text),
        ("target", Ty::Text),
        ("comparator", Ty::Text),
        ("value_text", Ty::Text),
        ("value", Ty::Num),
        ("value_max", Ty::Num),
        ("deadline", Ty::Date),
        ("deadline_precision", Ty::Text),
        ("amount_yuan", Ty::Num),
        ("value_unit", Ty::Text),
        ("basis", Ty::Text),
        ("source_ref", Ty::Text),
        ("warnings", Ty::Text),
        ("value_kind", Ty::Text),
        ("confidence", Ty::Real),
        ("actual", Ty::Text),
        ("weight", Ty::Text),
        ("score", Ty::Text),
        ("deviation", Ty::Text),
        ("progress", Ty::Text),
        ("likelihood", Ty::Text),
    ],
};

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
        let projects = jixiao_emit::project_rows(record);
        let mut indicators = jixiao_emit::indicator_rows(record).into_iter();
        // The record's projects, in the order both projections walk them.
        let counts = record.units.iter().flat_map(|u| u.projects.iter().map(|p| p.indicators.len()));
        let mut ordinal = 0i64;
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
        for (p, (row, count)) in projects.into_iter().zip(counts).enumerate() {
            let key = UnitKey::new(&row.unit_code, &name_of(&row.unit_code, &row.unit_name), &record.source_file);
            let unit = match rows.units.iter().position(|u| *u == key) {
                Some(i) => i,
                None => {
                    rows.units.push(key);
                    rows.units.len() - 1
                }
            };
            rows.projects.push((unit, project_values(p as i64, row)));
            for ind in indicators.by_ref().take(count) {
                rows.indicators.push(indicator_values(ordinal, p as i64, ind));
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

fn text(s: std::borrow::Cow<'_, str>) -> Value {
    Value::Text(s.into_owned())
}

/// A decimal column: the exact text when it is a number, else NULL.
fn num(s: &str) -> Value {
    match Decimal::parse(s) {
        Some(d) => Value::Num(d.to_string()),
        None => Value::Null,
    }
}

fn project_values(ordinal: i64, r: jixiao_emit::ProjectRow<'_>) -> Vec<Value> {
    vec![
        Value::Null,
        Value::Int(ordinal),
        Value::Null,
        text(r.source_file),
        text(r.scope),
        text(r.unit_code),
        text(r.unit_name),
        text(r.project_key),
        text(r.project_code),
        text(r.project_name),
        num(&r.budget),
        text(r.goal),
        Value::Int(r.indicator_count as i64),
        text(r.warnings),
        r.year.parse().map_or(Value::Null, Value::Int),
        num(&r.budget_yuan),
        num(&r.budget_wan),
        text(r.budget_unit_read),
        text(r.budget_scale_basis),
        Value::Bool(r.budget_scale_uncertain),
        num(&r.mid_term_budget_yuan),
        text(r.period),
        text(r.project_type),
        text(r.department),
        text(r.kind),
    ]
}

fn indicator_values(ordinal: i64, project: i64, r: jixiao_emit::IndicatorRow<'_>) -> Vec<Value> {
    let typed = TypedValue::of(&r.value_kind, &r.value, &r.value_unit);
    vec![
        Value::Null,
        Value::Int(ordinal),
        Value::Int(project),
        text(r.source_file),
        text(r.scope),
        text(r.horizon),
        text(r.unit_code),
        text(r.unit_name),
        text(r.project_key),
        text(r.project_code),
        text(r.project_name),
        text(r.level1),
        text(r.level2),
        text(r.level3),
        text(r.description),
        text(r.target),
        text(r.comparator),
        text(r.value),
        typed.value,
        typed.value_max,
        typed.deadline,
        typed.deadline_precision,
        typed.amount_yuan,
        text(r.value_unit),
        text(r.basis),
        text(r.source_ref),
        text(r.warnings),
        text(r.value_kind),
        Value::Real(f64::from(r.confidence)),
        text(r.actual),
        text(r.weight),
        text(r.score),
        text(r.deviation),
        text(r.progress),
        text(r.likelihood),
    ]
}

/// The CSV's `value` in its typed columns.
#[derive(Debug, PartialEq)]
struct TypedValue {
    value: Value,
    value_max: Value,
    deadline: Value,
    deadline_precision: Value,
    amount_yuan: Value,
}

impl TypedValue {
    fn of(kind: &str, value: &str, unit: &str) -> TypedValue {
        let mut t = TypedValue {
            value: Value::Null,
            value_max: Value::Null,
            deadline: Value::Null,
            deadline_precision: Value::Null,
            amount_yuan: Value::Null,
        };
        match kind {
            "deadline" => {
                if let Some((date, precision)) = deadline(value) {
                    t.deadline = Value::Date(date);
                    t.deadline_precision = Value::Text(precision.into());
                }
            }
            "range" => {
                // `low-high`, both plain decimals (a negative low is not
                // written by the reader).
                if let Some((low, high)) = value.split_once('-') {
                    (t.value, t.value_max) = (num(low), num(high));
                }
            }
            _ => t.value = num(value),
        }
        // An amount in a unit of money alone (not 元/本, not 万元/年) is a
        // sum an analyst can set against the budget.
        if kind == "amount" {
            if let (Some(places), Some(d)) = (money_places(unit), Decimal::parse(value)) {
                t.amount_yuan = Value::Num(d.shift(places).to_string());
            }
        }
        t
    }
}

/// A deadline as a date: `YYYY-MM-DD` as it is (`day`), `YYYY-MM` as the
/// month's last day (`month`), anything else none.
pub fn deadline(text: &str) -> Option<(String, &'static str)> {
    let parts: Vec<u32> = text.split('-').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    let valid =
        |y: u32, m: u32, d: u32| (1..=9999).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in(y, m);
    match parts.as_slice() {
        [y, m, d] if valid(*y, *m, *d) => Some((format!("{y:04}-{m:02}-{d:02}"), "day")),
        [y, m] if valid(*y, *m, 1) => Some((format!("{y:04}-{m:02}-{:02}", days_in(*y, *m)), "month")),
        _ => None,
    }
}

fn days_in(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines_are_dates_and_months_end_on_their_last_day() {
        assert_eq!(deadline("2023-12-31"), Some(("2023-12-31".into(), "day")));
        assert_eq!(deadline("2024-02"), Some(("2024-02-29".into(), "month")));
        assert_eq!(deadline("2023-02"), Some(("2023-02-28".into(), "month")));
        assert_eq!(deadline("1900-02"), Some(("1900-02-28".into(), "month")));
        assert_eq!(deadline("2023-11"), Some(("2023-11-30".into(), "month")));
        assert_eq!(deadline("2023-13"), None);
        assert_eq!(deadline("2023-02-30"), None);
        assert_eq!(deadline("2023"), None);
        assert_eq!(deadline("年底"), None);
    }

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

    #[test]
    fn values_take_their_typed_columns() {
        let amount = TypedValue::of("amount", "677.56", "万元");
        assert_eq!(amount.value, Value::Num("677.56".into()));
        assert_eq!(amount.amount_yuan, Value::Num("6775600".into()));
        // A rate of money is not a sum.
        assert_eq!(TypedValue::of("amount", "5", "元/本").amount_yuan, Value::Null);
        let range = TypedValue::of("range", "90-95", "%");
        assert_eq!((range.value, range.value_max), (Value::Num("90".into()), Value::Num("95".into())));
        let date = TypedValue::of("deadline", "2023-12", "");
        assert_eq!(date.deadline, Value::Date("2023-12-31".into()));
        assert_eq!(date.value, Value::Null);
        assert_eq!(TypedValue::of("text", "", "").value, Value::Null);
        assert_eq!(TypedValue::of("percent", "95", "%").value, Value::Num("95".into()));
    }
}
