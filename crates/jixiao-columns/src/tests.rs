use super::*;
use crate::indicators::deadline_date;
use jixiao_domain::{Comparator, ValueKind};
use jixiao_model::aligned::{Horizon, Scope, Traced};
use jixiao_model::record::{LabelRecord, ProjectRecord, Reading, UnitRecord};
use jixiao_model::SourceRef;

fn traced(text: &str) -> Option<Traced> {
    Some(Traced::new(text, SourceRef::default()))
}

fn indicator(reading: Reading) -> IndicatorRecord {
    let label = |l: &str| LabelRecord { label: l.into(), raw: None, inferred: false };
    IndicatorRecord {
        horizon: Horizon::Annual,
        level1: label("产出指标"),
        level2: label("数量指标"),
        level3: traced("培训人数"),
        description: None,
        target: traced("≥300人"),
        reading,
        basis: None,
        comparator_column: None,
        unit_column: None,
        results: Default::default(),
        actual_reading: None,
        repairs: Vec::new(),
        confidence: 0.85,
        warnings: Vec::new(),
        source: SourceRef::default(),
    }
}

fn record(indicators: Vec<IndicatorRecord>) -> DocumentRecord {
    let project = ProjectRecord {
        scope: Scope::Project,
        kind: Default::default(),
        key: "P1".into(),
        key_inputs: Vec::new(),
        code: None,
        name: traced("培训项目"),
        budget_wan: Some("24.68".into()),
        budget_yuan: Some("246800".into()),
        budget_raw: None,
        budget_scale: None,
        budget_scale_uncertain: false,
        year: Some(2023),
        mid_term_budget_yuan: None,
        facts: Default::default(),
        goal: None,
        indicators,
        skipped: Vec::new(),
        warnings: Vec::new(),
        source: SourceRef::default(),
    };
    DocumentRecord {
        schema_version: String::new(),
        source_file: "a/t.xlsx".into(),
        format: "xlsx".into(),
        encoding: None,
        year: Some(2023),
        units: vec![UnitRecord { code: Some("450001".into()), name: None, projects: vec![project] }],
        diagnostics: Vec::new(),
    }
}

fn reading(kind: ValueKind, value: &str, max: Option<&str>, unit: &str) -> Reading {
    Reading {
        value_kind: Some(kind),
        comparator: Some(Comparator::Ge),
        value: Some(value.into()),
        value_max: max.map(str::to_string),
        unit: Some(unit.into()),
    }
}

/// The database cell of column `name` of the document's only indicator.
fn db_cell<'a>(record: &'a DocumentRecord, name: &str) -> Cell<'a> {
    let at = indicators(record).next().expect("one indicator");
    let column = INDICATORS.iter().find(|c| c.db_name() == name).expect("a database column");
    column.read(at)
}

#[test]
fn names_are_unique_in_each_place_and_every_shown_column_is_labelled() {
    fn check<T: Table>(columns: &[Column<T>]) {
        let mut csv: Vec<&str> = columns.iter().filter(|c| c.in_csv()).map(|c| c.name).collect();
        let mut db: Vec<&str> = columns.iter().map(|c| c.db_name()).collect();
        let (n_csv, n_db) = (csv.len(), db.len());
        csv.sort_unstable();
        csv.dedup();
        db.sort_unstable();
        db.dedup();
        assert_eq!((csv.len(), db.len()), (n_csv, n_db), "a name twice");
        for c in columns.iter().filter(|c| c.in_csv()) {
            assert!(!c.zh.is_empty() && !c.doc.is_empty(), "{} has no label or no meaning", c.name);
        }
    }
    check(INDICATORS);
    check(PROJECTS);
    assert_eq!(INDICATOR_COLUMNS[..3], ["source_file", "scope", "horizon"]);
    assert!(!INDICATOR_COLUMNS.contains(&"value_max"), "a database column is not in the CSV");
}

#[test]
fn every_cell_has_the_shape_its_column_declares() {
    let rec = record(vec![indicator(reading(ValueKind::Quantity, "300", None, "人"))]);
    let shape = |cell: &Cell<'_>| match cell {
        Cell::Text(_) => Csv::Text,
        Cell::Float(_) => Csv::Float,
        Cell::Count(_) => Csv::Count,
        Cell::Flag(_) => Csv::Flag,
        Cell::Null => Csv::None,
    };
    let at = indicators(&rec).next().expect("one indicator");
    for c in INDICATORS.iter().filter(|c| c.in_csv()) {
        assert_eq!(shape(&c.read(at)), c.csv, "indicators.{}", c.name);
    }
    for c in PROJECTS {
        assert_eq!(shape(&c.read(at.owner)), c.csv, "projects.{}", c.name);
    }
}

#[test]
fn rows_read_their_record_and_the_warnings_lead_with_the_confidence() {
    let rec = record(vec![indicator(reading(ValueKind::Range, "90", Some("95"), "%"))]);
    let rows = indicator_rows(&rec);
    let text = |name: &str| rows[0].get(name).map(|c| c.text().into_owned());
    assert_eq!(text("value").as_deref(), Some("90-95"));
    assert_eq!(text("unit_code").as_deref(), Some("450001"));
    assert_eq!(text("warnings").as_deref(), Some("confidence 0.85"));
    assert_eq!(text("value_max"), None);
    let projects = project_rows(&rec);
    assert_eq!(projects[0].get("year"), Some(&Cell::Text("2023".into())));
    assert_eq!(projects[0].get("indicator_count"), Some(&Cell::Count(1)));
    assert_eq!(zh("budget"), Some("预算（万元）"));
    assert!(is_number("budget_yuan") && is_number("confidence") && !is_number("project_code"));
}

#[test]
fn values_take_their_typed_database_columns_from_the_reading() {
    let amount = record(vec![indicator(reading(ValueKind::Amount, "677.56", None, "万元"))]);
    assert_eq!(db_cell(&amount, "value"), Cell::Text("677.56".into()));
    assert_eq!(db_cell(&amount, "amount_yuan"), Cell::Text("6775600".into()));
    assert_eq!(db_cell(&amount, "value_text"), Cell::Text("677.56".into()));
    // A rate of money is not a sum.
    let rate = record(vec![indicator(reading(ValueKind::Amount, "5", None, "元/本"))]);
    assert_eq!(db_cell(&rate, "amount_yuan"), Cell::Null);
    let range = record(vec![indicator(reading(ValueKind::Range, "90", Some("95"), "%"))]);
    assert_eq!(
        (db_cell(&range, "value"), db_cell(&range, "value_max")),
        (Cell::Text("90".into()), Cell::Text("95".into()))
    );
    let date = record(vec![indicator(reading(ValueKind::Deadline, "2024-02", None, ""))]);
    assert_eq!(db_cell(&date, "deadline"), Cell::Text("2024-02-29".into()));
    assert_eq!(db_cell(&date, "deadline_precision"), Cell::Text("month".into()));
    assert_eq!(db_cell(&date, "value"), Cell::Null);
    let text = record(vec![indicator(Reading { value_kind: Some(ValueKind::Text), ..Reading::default() })]);
    assert_eq!((db_cell(&text, "value"), db_cell(&text, "deadline")), (Cell::Null, Cell::Null));
}

#[test]
fn deadlines_are_dates_and_months_end_on_their_last_day() {
    assert_eq!(deadline_date("2023-12-31"), Some(("2023-12-31".into(), "day")));
    assert_eq!(deadline_date("2024-02"), Some(("2024-02-29".into(), "month")));
    assert_eq!(deadline_date("2023-02"), Some(("2023-02-28".into(), "month")));
    assert_eq!(deadline_date("1900-02"), Some(("1900-02-28".into(), "month")));
    assert_eq!(deadline_date("2023-13"), None);
    assert_eq!(deadline_date("2023-02-30"), None);
    assert_eq!(deadline_date("2023"), None);
    assert_eq!(deadline_date("年底"), None);
}
