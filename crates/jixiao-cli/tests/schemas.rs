//! The JSON Schemas in `schemas/` match the Rust types, and real output
//! validates against them.

mod common;

fn schema(name: &str) -> serde_json::Value {
    let path = common::repo_root().join("schemas").join(name);
    serde_json::from_str(
        &std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{} missing: run `make schemas`", path.display())),
    )
    .expect("schema json")
}

#[test]
fn schema_files_do_not_drift_from_the_types() {
    for (name, generated) in jixiao_cli::schema::all() {
        assert_eq!(schema(name), generated, "schemas/{name} is stale: run `make schemas`");
    }
}

#[test]
fn real_output_validates() {
    let (out, _) = common::convert_into(vec![common::samples()]);
    let check = |schema_name: &str, value: &serde_json::Value| {
        let validator = jsonschema::validator_for(&schema(schema_name)).expect("valid schema");
        let errors: Vec<String> = validator.iter_errors(value).map(|e| e.to_string()).take(5).collect();
        assert!(errors.is_empty(), "{schema_name}: {errors:?}");
    };
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("report.json")).expect("report")).expect("json");
    check("report.schema.json", &report);
    let mut documents = 0;
    for entry in std::fs::read_dir(out.path().join("json")).expect("json dir") {
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(entry.expect("entry").path()).expect("read")).expect("json");
        check("document.schema.json", &doc);
        documents += 1;
    }
    assert_eq!(documents, std::fs::read_dir(common::samples()).expect("samples").count());
    for (file, schema_name) in
        [("indicators.csv", "indicators-row.schema.json"), ("projects.csv", "projects-row.schema.json")]
    {
        let mut r = csv::Reader::from_path(out.path().join(file)).expect("csv");
        let headers: Vec<String> =
            r.headers().expect("headers").iter().map(|h| h.trim_start_matches('\u{feff}').to_string()).collect();
        let expected: Vec<&str> = if file == "indicators.csv" {
            jixiao_emit::INDICATOR_COLUMNS.to_vec()
        } else {
            jixiao_emit::PROJECT_COLUMNS.to_vec()
        };
        assert_eq!(headers, expected, "{file} columns");
        // A CSV cell is text: read it as the type its schema gives the column.
        let row_schema = schema(schema_name);
        let typed = |h: &str, v: &str| match row_schema["properties"][h]["type"].as_str() {
            Some("integer") => serde_json::json!(v.parse::<u64>().unwrap_or_else(|_| panic!("{h}: {v:?}"))),
            Some("number") => serde_json::json!(v.parse::<f64>().unwrap_or_else(|_| panic!("{h}: {v:?}"))),
            Some("boolean") => serde_json::json!(v.parse::<bool>().unwrap_or_else(|_| panic!("{h}: {v:?}"))),
            _ => serde_json::json!(v),
        };
        for rec in r.records().take(200) {
            let rec = rec.expect("row");
            let obj: serde_json::Map<String, serde_json::Value> =
                headers.iter().zip(rec.iter()).map(|(h, v)| (h.clone(), typed(h, v))).collect();
            check(schema_name, &serde_json::Value::Object(obj));
        }
    }
}
