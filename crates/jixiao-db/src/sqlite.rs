//! SQLite: one file, no server. WAL journal so readers never block the
//! import, a busy timeout so that concurrent importers wait their turn, and
//! `BEGIN IMMEDIATE` per file so that two writers never deadlock upgrading
//! a read lock.

use crate::rows::{DocumentRows, Table, UnitKey, Value, INDICATORS, PROJECTS};
use crate::{
    document_fields, document_upsert, Backend, DbError, DocumentImport, Imported, Overwrite, RunStart, RunTotals,
    DOCUMENT_COLUMNS, SQLITE_MIGRATIONS,
};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

pub(crate) struct Lite {
    conn: Connection,
    path: String,
    /// Units already in the database: never deleted, so their ids hold.
    units: std::collections::HashMap<UnitKey, i64>,
}

impl rusqlite::ToSql for Value {
    /// Text is lent, not copied: a file's rows are bound straight from the
    /// values that hold them.
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, Value as V, ValueRef};
        Ok(match self {
            Value::Null => ToSqlOutput::Owned(V::Null),
            Value::Text(s) | Value::Date(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            Value::Int(n) => ToSqlOutput::Owned(V::Integer(*n)),
            Value::Num(s) => ToSqlOutput::Owned(s.parse().map_or(V::Null, V::Real)),
            Value::Real(f) => ToSqlOutput::Owned(V::Real(*f)),
            Value::Bool(b) => ToSqlOutput::Owned(V::Integer(i64::from(*b))),
        })
    }
}

impl Lite {
    pub(crate) fn open(path: &str) -> Result<Lite, DbError> {
        let err = |source| DbError::Sqlite { path: path.to_string(), source };
        let conn = Connection::open(path).map_err(err)?;
        let mut lite = Lite { conn, path: path.to_string(), units: Default::default() };
        lite.setup().map_err(err)?;
        lite.migrate()?;
        Ok(lite)
    }

    fn err(&self) -> impl Fn(rusqlite::Error) -> DbError + '_ {
        |source| DbError::Sqlite { path: self.path.clone(), source }
    }

    fn setup(&mut self) -> rusqlite::Result<()> {
        self.conn.busy_timeout(std::time::Duration::from_secs(600))?;
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")
    }

    fn migrate(&mut self) -> Result<(), DbError> {
        let path = self.path.clone();
        let err = |source| DbError::Sqlite { path: path.clone(), source };
        // A migration may rebuild a table others refer to (SQLite cannot
        // drop a constraint): foreign keys are off while they run and
        // checked before they commit, as SQLite's ALTER TABLE procedure asks.
        self.conn.pragma_update(None, "foreign_keys", "OFF").map_err(err)?;
        let done = migrate_in(&mut self.conn, &path);
        self.conn.pragma_update(None, "foreign_keys", "ON").map_err(err)?;
        done
    }
}

/// The tables jixiao's first migration creates.
const OWN_TABLES: [&str; 6] = ["runs", "documents", "units", "projects", "indicators", "failures"];

/// Refuses a database without `schema_migrations` that holds a table
/// under one of jixiao's names: another program's, which the first
/// migration would fail on (printing its whole SQL) or write beside.
fn refuse_foreign_tables(conn: &Connection, path: &str) -> Result<(), DbError> {
    let err = |source| DbError::Sqlite { path: path.to_string(), source };
    let exists = |name: &str| {
        conn.query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1", [name], |r| {
            r.get::<_, i64>(0)
        })
        .map(|n| n > 0)
    };
    if exists("schema_migrations").map_err(err)? {
        return Ok(());
    }
    let mut found = Vec::new();
    for name in OWN_TABLES {
        if exists(name).map_err(err)? {
            found.push(name);
        }
    }
    if found.is_empty() {
        return Ok(());
    }
    Err(DbError::ForeignSchema { path: path.to_string(), tables: found.join(", ") })
}

/// Applies the migrations the database lacks, in one transaction.
fn migrate_in(conn: &mut Connection, path: &str) -> Result<(), DbError> {
    let err = |source| DbError::Sqlite { path: path.to_string(), source };
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(err)?;
    refuse_foreign_tables(&tx, path)?;
    tx.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
    )
    .map_err(err)?;
    let current: i64 =
        tx.query_row("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", [], |r| r.get(0)).map_err(err)?;
    let known = SQLITE_MIGRATIONS.len() as i64;
    if current > known {
        return Err(DbError::NewerSchema(path.to_string(), current, known));
    }
    for (i, sql) in SQLITE_MIGRATIONS.iter().enumerate().skip(current as usize) {
        tx.execute_batch(sql).map_err(err)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
            [i as i64 + 1],
        )
        .map_err(err)?;
    }
    let broken: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).map_err(err)?;
    if broken > 0 {
        return Err(err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY),
            Some(format!("a migration left {broken} rows referring to nothing")),
        )));
    }
    tx.commit().map_err(err)
}

/// `?1, ?2, …`: one placeholder a `documents` column.
fn document_marks() -> Vec<String> {
    (1..=DOCUMENT_COLUMNS.len()).map(|i| format!("?{i}")).collect()
}

/// Inserts `rows` into `table`, one prepared statement for all.
fn insert_rows(tx: &rusqlite::Transaction<'_>, table: &Table, rows: &[Vec<Value>]) -> rusqlite::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let columns: Vec<&str> = table.columns.iter().map(|(c, _)| *c).collect();
    let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
    let sql = format!("INSERT INTO {} ({}) VALUES ({})", table.name, columns.join(", "), marks.join(", "));
    let mut stmt = tx.prepare(&sql)?;
    for row in rows {
        stmt.execute(rusqlite::params_from_iter(row.iter()))?;
    }
    Ok(())
}

impl Backend for Lite {
    fn begin_run(&mut self, run: &RunStart) -> Result<i64, DbError> {
        self.conn
            .query_row(
                "INSERT INTO runs (started_at, host, shard, jixiao_version) VALUES (?1, ?2, ?3, ?4) RETURNING id",
                params![run.started_at, run.host, run.shard, run.jixiao_version],
                |r| r.get(0),
            )
            .map_err(self.err())
    }

    fn known(&mut self, settings: &str) -> Result<Vec<(String, String)>, DbError> {
        let err = self.err();
        let mut stmt = self
            .conn
            .prepare("SELECT source, content_hash FROM documents WHERE status <> 'failed' AND settings = ?1")
            .map_err(&err)?;
        let rows = stmt.query_map([settings], |r| Ok((r.get(0)?, r.get(1)?))).map_err(&err)?;
        rows.collect::<Result<_, _>>().map_err(err)
    }

    fn stored_report(&mut self, source: &str) -> Result<Option<String>, DbError> {
        self.conn
            .query_row("SELECT report FROM documents WHERE source = ?1", [source], |r| r.get(0))
            .optional()
            .map_err(self.err())
    }

    fn import(&mut self, run_id: i64, doc: &DocumentImport<'_>) -> Result<Imported, DbError> {
        let path = self.path.clone();
        let err = |source| DbError::Sqlite { path: path.clone(), source };
        let fields = document_fields(doc, run_id)?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(err)?;
        let existed: bool = tx
            .query_row("SELECT EXISTS (SELECT 1 FROM documents WHERE source = ?1)", [&fields[0]], |r| r.get(0))
            .map_err(err)?;
        let sql = document_upsert(&document_marks(), Overwrite::Changed, " RETURNING id");
        let id: Option<i64> =
            tx.query_row(&sql, rusqlite::params_from_iter(fields.iter()), |r| r.get(0)).optional().map_err(err)?;
        let Some(id) = id else {
            tx.commit().map_err(err)?;
            return Ok(Imported::Unchanged);
        };
        if existed {
            tx.execute("DELETE FROM indicators WHERE document_id = ?1", [id]).map_err(err)?;
            tx.execute("DELETE FROM projects WHERE document_id = ?1", [id]).map_err(err)?;
        }
        let mut rows = doc.record.map(DocumentRows::of).unwrap_or_default();
        let (unit_ids, new_units) = rows
            .unit_ids(&self.units, |unit| {
                let (code, name, context, key) = (&unit.code, &unit.name, &unit.context, &unit.text());
                tx.execute(
                    "INSERT INTO units (code, name, context, key) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
                    [code, name, context, key],
                )?;
                tx.query_row("SELECT id FROM units WHERE key = ?1", [key], |r| r.get(0))
            })
            .map_err(err)?;
        rows.bind(id, &unit_ids);
        let projects: Vec<Vec<Value>> = rows.projects.into_iter().map(|(_, row)| row).collect();
        insert_rows(&tx, &PROJECTS, &projects).map_err(err)?;
        insert_rows(&tx, &INDICATORS, &rows.indicators).map_err(err)?;
        tx.commit().map_err(err)?;
        self.units.extend(new_units);
        Ok(if existed { Imported::Replaced } else { Imported::New })
    }

    fn fail(&mut self, run_id: i64, doc: &DocumentImport<'_>, reason: &str) -> Result<(), DbError> {
        let path = self.path.clone();
        let err = |source| DbError::Sqlite { path: path.clone(), source };
        let fields = document_fields(doc, run_id)?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(err)?;
        // A document that converted before keeps its row and its rows; one
        // that never did records its latest failure.
        let sql = document_upsert(&document_marks(), Overwrite::Failure, "");
        tx.execute(&sql, rusqlite::params_from_iter(fields.iter())).map_err(err)?;
        tx.execute(
            "INSERT INTO failures (run_id, source, content_hash, reason, failed_at) VALUES (?1, ?2, ?3, ?4, ?5) \
             ON CONFLICT (source, content_hash, reason) DO NOTHING",
            params![run_id, doc.entry.input, doc.content_hash, reason, doc.converted_at],
        )
        .map_err(err)?;
        tx.commit().map_err(err)
    }

    fn finish_run(&mut self, run_id: i64, t: &RunTotals) -> Result<(), DbError> {
        self.conn
            .execute(
                "UPDATE runs SET finished_at = ?2, files = ?3, ok = ?4, review = ?5, partial = ?6, failed = ?7, \
                 reused = ?8, killed = ?9, imported = ?10, unchanged = ?11 WHERE id = ?1",
                params![
                    run_id,
                    t.finished_at,
                    t.files,
                    t.ok,
                    t.review,
                    t.partial,
                    t.failed,
                    t.reused,
                    t.killed,
                    t.imported,
                    t.unchanged
                ],
            )
            .map(|_| ())
            .map_err(self.err())
    }
}
