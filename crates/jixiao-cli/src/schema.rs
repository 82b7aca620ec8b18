//! JSON Schemas of the outputs: the records' and the report's generated
//! from the Rust types, the CSV rows' from the columns of
//! `jixiao-columns`; the files in `schemas/` are checked against these by
//! a test so they cannot drift.

use jixiao_columns::{Column, Csv, Table, INDICATORS, PROJECTS};
use jixiao_emit::RunReport;
use jixiao_model::record::DocumentRecord;
use serde_json::{json, Map, Value};

/// (file name, schema) for every output contract.
pub fn all() -> Vec<(&'static str, Value)> {
    let to_value = |s: schemars::schema::RootSchema| serde_json::to_value(s).unwrap_or_default();
    vec![
        ("document.schema.json", to_value(schemars::schema_for!(DocumentRecord))),
        ("indicators-row.schema.json", row_schema("IndicatorRow", "One row of `indicators.csv`.", INDICATORS)),
        ("projects-row.schema.json", row_schema("ProjectRow", "One row of `projects.csv`.", PROJECTS)),
        ("report.schema.json", to_value(schemars::schema_for!(RunReport))),
    ]
}

/// The schema of one CSV row: an object of the table's CSV columns, each
/// required, with its meaning and its shape.
fn row_schema<T: Table>(title: &str, description: &str, columns: &[Column<T>]) -> Value {
    let mut shown: Vec<&Column<T>> = columns.iter().filter(|c| c.in_csv()).collect();
    shown.sort_by_key(|c| c.name);
    let mut properties = Map::new();
    for c in &shown {
        let shape = match c.csv {
            Csv::Float => json!({ "description": c.doc, "format": "float", "type": "number" }),
            Csv::Count => json!({ "description": c.doc, "format": "uint", "minimum": 0.0, "type": "integer" }),
            Csv::Flag => json!({ "description": c.doc, "type": "boolean" }),
            Csv::Text | Csv::None => json!({ "description": c.doc, "type": "string" }),
        };
        properties.insert(c.name.to_string(), shape);
    }
    let required: Vec<&str> = shown.iter().map(|c| c.name).collect();
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "description": description,
        "properties": properties,
        "required": required,
        "title": title,
        "type": "object",
    })
}
