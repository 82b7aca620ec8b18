//! Reading an imported database back for the tests: every table as sorted
//! lines of text, each row keyed by its document's source instead of the
//! database's ids (which differ between two databases holding the same
//! data), with the columns named in `skip` left out.

use std::collections::BTreeMap;

/// The tables a run writes, each with the query that keys its rows by
/// their document's source.
const TABLES: &[(&str, &str)] = &[
    ("documents", "SELECT d.source AS key_source, d.* FROM documents d"),
    ("units", "SELECT u.code AS key_source, u.* FROM units u"),
    (
        "projects",
        "SELECT d.source AS key_source, u.code AS unit_key_code, u.name AS unit_key_name, p.* \
         FROM projects p JOIN documents d ON d.id = p.document_id JOIN units u ON u.id = p.unit_id",
    ),
    ("indicators", "SELECT d.source AS key_source, i.* FROM indicators i JOIN documents d ON d.id = i.document_id"),
    ("failures", "SELECT f.source AS key_source, f.* FROM failures f"),
];

/// Columns that are ids of one database, never data.
pub const IDS: &[&str] = &["id", "document_id", "unit_id", "run_id"];

/// Every table of a SQLite database, as sorted `column=value` lines.
pub fn sqlite_dump(path: &std::path::Path, skip: &[&str]) -> BTreeMap<String, Vec<String>> {
    let conn = rusqlite::Connection::open(path).expect("open the SQLite database");
    let mut dump = BTreeMap::new();
    for (table, sql) in TABLES {
        let mut stmt = conn.prepare(sql).expect("prepare");
        let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
        let mut rows: Vec<String> = stmt
            .query_map([], |row| {
                let mut line = Vec::new();
                for (i, name) in names.iter().enumerate() {
                    if skip.contains(&name.as_str()) {
                        continue;
                    }
                    let value = match row.get_ref(i)? {
                        rusqlite::types::ValueRef::Null => "NULL".to_string(),
                        rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                        rusqlite::types::ValueRef::Real(f) => f.to_string(),
                        rusqlite::types::ValueRef::Text(t) => format!("{:?}", String::from_utf8_lossy(t)),
                        rusqlite::types::ValueRef::Blob(b) => format!("blob {b:?}"),
                    };
                    line.push(format!("{name}={value}"));
                }
                Ok(line.join(" "))
            })
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        rows.sort();
        dump.insert(table.to_string(), rows);
    }
    dump
}

/// Every table of a PostgreSQL database, as sorted JSON lines.
pub fn pg_dump(url: &str, skip: &[&str]) -> BTreeMap<String, Vec<String>> {
    let mut client = postgres::Client::connect(url, postgres::NoTls).expect("connect");
    let mut dump = BTreeMap::new();
    for (table, sql) in TABLES {
        let rows = client.query(&format!("SELECT to_jsonb(t)::text FROM ({sql}) t"), &[]).expect("query");
        let mut lines: Vec<String> = rows
            .iter()
            .map(|r| {
                let mut value: serde_json::Value = serde_json::from_str(r.get::<_, &str>(0)).expect("json");
                if let Some(object) = value.as_object_mut() {
                    object.retain(|k, _| !skip.contains(&k.as_str()));
                }
                value.to_string()
            })
            .collect();
        lines.sort();
        dump.insert(table.to_string(), lines);
    }
    dump
}

/// One number from a SQLite query.
pub fn sqlite_count(path: &std::path::Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(path).expect("open");
    conn.query_row(sql, [], |r| r.get(0)).expect(sql)
}

/// One number from a PostgreSQL query.
pub fn pg_count(url: &str, sql: &str) -> i64 {
    let mut client = postgres::Client::connect(url, postgres::NoTls).expect("connect");
    client.query_one(sql, &[]).expect(sql).get(0)
}
