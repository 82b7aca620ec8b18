//! Every sample's whole output, every field, as a snapshot reviewed once
//! and kept in the repository (`tests/snapshots/`): the canonical JSON, and
//! the rows it gives indicators.csv and projects.csv. The F1 tests score
//! five fields; these see description, basis, comparator, value, unit,
//! value kind, horizon, source refs, confidence, repairs, budgets, years and
//! warnings too, so a change to any of them shows in review.
//!
//! After an intended change: `INSTA_UPDATE=always cargo test --test
//! snapshots`, then read the diff of `tests/snapshots/` before committing.

mod common;

use jixiao_emit::{csv_body, indicator_rows, project_rows};
use jixiao_extract::Limits;

#[test]
fn every_sample_output_is_its_snapshot() {
    let mut names: Vec<String> = std::fs::read_dir(common::samples())
        .expect("samples")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 11);
    for name in names {
        let path = common::samples().join(&name);
        let doc = jixiao_extract::extract(&path, &Limits::default()).expect("extract");
        let record = jixiao_normalize::normalize(&name, &doc, &jixiao_align::align(&doc));
        let json = serde_json::to_string_pretty(&record).expect("json");
        let rows = |bytes: Vec<u8>| String::from_utf8(bytes).expect("utf-8");
        let csv = format!(
            "{}\n{}",
            rows(csv_body(&indicator_rows(&record), true).expect("indicators")),
            rows(csv_body(&project_rows(&record), true).expect("projects"))
        );
        let key = name.replace('.', "_");
        insta::assert_snapshot!(format!("{key}.json"), json);
        insta::assert_snapshot!(format!("{key}.csv"), csv);
    }
}
