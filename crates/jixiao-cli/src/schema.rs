//! JSON Schemas of the outputs, generated from the Rust types; the files in
//! `schemas/` are checked against these by a test so they cannot drift.

use jixiao_emit::{IndicatorRow, ProjectRow, RunReport};
use jixiao_model::record::DocumentRecord;

/// (file name, schema) for every output contract.
pub fn all() -> Vec<(&'static str, serde_json::Value)> {
    let to_value = |s: schemars::schema::RootSchema| serde_json::to_value(s).unwrap_or_default();
    vec![
        ("document.schema.json", to_value(schemars::schema_for!(DocumentRecord))),
        ("indicators-row.schema.json", to_value(schemars::schema_for!(IndicatorRow))),
        ("projects-row.schema.json", to_value(schemars::schema_for!(ProjectRow))),
        ("report.schema.json", to_value(schemars::schema_for!(RunReport))),
    ]
}
