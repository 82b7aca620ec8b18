//! PostgreSQL: one database that many hosts import into at once.
//!
//! Every value travels as a text parameter cast to its column's type in
//! the statement (`$3::text::numeric`), so one binding path serves every
//! column and no value is ever spliced into SQL. A file's rows go in one
//! statement per table, `INSERT … SELECT … FROM unnest($1::text[], …)`
//! with one array per column, prepared once per connection: the server
//! plans it once for the whole run (multi-row VALUES, a new statement text
//! for every row count, were planned anew for every file and took 7.5 ms a
//! file). Migrations run under a transaction-scoped advisory lock, so
//! importers started together migrate once.

use crate::rows::{DocumentRows, Table, UnitKey, Value, INDICATORS, PROJECTS};
use crate::{
    document_fields, document_upsert, Backend, ConnectFailure, DbError, DocumentImport, Imported, Overwrite, RunStart,
    RunTotals, POSTGRES_MIGRATIONS,
};
use postgres::types::ToSql;
use postgres::{Client, NoTls, Statement};

/// The advisory lock key that serialises migrations ("jixiao" in ASCII).
const MIGRATION_LOCK: i64 = 0x6a_69_78_69_61_6f;

pub(crate) struct Pg {
    client: Client,
    url: String,
    /// The row inserts of `projects` and `indicators`, prepared once.
    inserts: [Statement; 2],
    /// The documents upsert, prepared once.
    upsert: Statement,
    /// Units already in the database: never deleted, so their ids hold
    /// (one round trip less per file for every unit seen before).
    units: std::collections::HashMap<UnitKey, i64>,
}

/// `$1::text::text, …, $8::text::bigint, …`: one placeholder a
/// `documents` column, its text cast to the column's type.
fn document_marks() -> Vec<String> {
    DOCUMENT_CASTS.iter().enumerate().map(|(i, cast)| format!("${}::text::{cast}", i + 1)).collect()
}

/// The documents row's casts, in [`crate::DOCUMENT_COLUMNS`] order.
const DOCUMENT_CASTS: [&str; 11] =
    ["text", "text", "text", "text", "text", "text", "text", "bigint", "text", "timestamptz", "bigint"];

impl Pg {
    pub(crate) fn open(url: &str) -> Result<Pg, DbError> {
        let name = crate::redacted(url);
        let err = |source| DbError::Postgres { url: name.clone(), source };
        let mut client = connect(url, &name)?;
        migrate(&mut client, &name)?;
        let inserts = [
            client.prepare(&unnest_insert(&PROJECTS)).map_err(err)?,
            client.prepare(&unnest_insert(&INDICATORS)).map_err(err)?,
        ];
        // (xmax = 0) is true for a row this statement inserted, false for one
        // it updated: New or Replaced, decided by the statement that wrote.
        let upsert = document_upsert(&document_marks(), Overwrite::Changed, " RETURNING id, (xmax = 0)");
        let upsert = client.prepare(&upsert).map_err(err)?;
        Ok(Pg { client, url: name, inserts, upsert, units: Default::default() })
    }

    fn err(&self) -> impl Fn(postgres::Error) -> DbError + '_ {
        |source| DbError::Postgres { url: self.url.clone(), source }
    }
}

/// Connects as `url` says; the password, when the URL has none, comes
/// from `PGPASSWORD` as with libpq (so that it stays out of command lines
/// and process lists), and a connection gives up after 10 s unless the
/// URL sets `connect_timeout`.
fn connect(url: &str, name: &str) -> Result<Client, DbError> {
    let failed = |failure, detail: String| DbError::Connect { url: name.to_string(), failure, detail };
    let mut config: postgres::Config =
        url.parse().map_err(|e: postgres::Error| failed(ConnectFailure::BadUrl, causes(&e)))?;
    if config.get_password().is_none() {
        if let Ok(password) = std::env::var("PGPASSWORD") {
            config.password(password);
        }
    }
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(std::time::Duration::from_secs(10));
    }
    config.connect(NoTls).map_err(|e| failed(classify(&e), causes(&e)))
}

/// Which step of a connection failed, from the server's SQLSTATE or the
/// I/O error under the client's.
fn classify(e: &postgres::Error) -> ConnectFailure {
    use postgres::error::SqlState;
    if let Some(db) = e.as_db_error() {
        let code = db.code();
        return if *code == SqlState::INVALID_PASSWORD || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION {
            ConnectFailure::Authentication
        } else if *code == SqlState::INVALID_CATALOG_NAME {
            ConnectFailure::NoSuchDatabase
        } else {
            ConnectFailure::Other
        };
    }
    let mut cause: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    while let Some(c) = cause {
        if let Some(io) = c.downcast_ref::<std::io::Error>() {
            return match io.kind() {
                std::io::ErrorKind::ConnectionRefused => ConnectFailure::Refused,
                std::io::ErrorKind::TimedOut => ConnectFailure::Timeout,
                _ if io.to_string().contains("lookup address") => ConnectFailure::HostNotFound,
                _ => ConnectFailure::Other,
            };
        }
        cause = c.source();
    }
    if e.to_string().contains("timeout") {
        ConnectFailure::Timeout
    } else {
        ConnectFailure::Other
    }
}

/// The error and every cause under it, `: `-separated (the client's own
/// message stops at "error connecting to server").
fn causes(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let more = c.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        cause = c.source();
    }
    text
}

/// Applies the migrations the database lacks, under an advisory lock.
fn migrate(client: &mut Client, url: &str) -> Result<(), DbError> {
    let err = |source| DbError::Postgres { url: url.to_string(), source };
    let mut tx = client.transaction().map_err(err)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK]).map_err(err)?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)",
    )
    .map_err(err)?;
    let current: i64 =
        tx.query_one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", &[]).map_err(err)?.get(0);
    let known = POSTGRES_MIGRATIONS.len() as i64;
    if current > known {
        return Err(DbError::NewerSchema(url.to_string(), current, known));
    }
    for (i, sql) in POSTGRES_MIGRATIONS.iter().enumerate().skip(current as usize) {
        tx.batch_execute(sql).map_err(err)?;
        tx.execute("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, now())", &[&(i as i64 + 1)])
            .map_err(err)?;
    }
    tx.commit().map_err(err)
}

fn params(values: &[Option<String>]) -> Vec<&(dyn ToSql + Sync)> {
    values.iter().map(|v| v as &(dyn ToSql + Sync)).collect()
}

/// `INSERT INTO table (…) SELECT c1::bigint, c2, … FROM unnest($1::text[],
/// $2::text[], …) AS u(c1, c2, …)`: a file's rows, one text array a column.
fn unnest_insert(table: &Table) -> String {
    let columns: Vec<&str> = table.columns.iter().map(|(c, _)| *c).collect();
    let arrays: Vec<String> = (1..=columns.len()).map(|i| format!("${i}::text[]")).collect();
    let casts: Vec<String> = table.columns.iter().map(|(c, t)| format!("{c}::{}", t.pg_cast())).collect();
    format!(
        "INSERT INTO {} ({}) SELECT {} FROM unnest({}) AS u({})",
        table.name,
        columns.join(", "),
        casts.join(", "),
        arrays.join(", "),
        columns.join(", ")
    )
}

/// Inserts `rows` (of `width` columns) with a prepared [`unnest_insert`].
fn insert_rows(
    tx: &mut postgres::Transaction<'_>,
    insert: &Statement,
    width: usize,
    rows: &[Vec<Value>],
) -> Result<(), postgres::Error> {
    if rows.is_empty() {
        return Ok(());
    }
    let columns: Vec<Vec<Option<String>>> =
        (0..width).map(|c| rows.iter().map(|row| row[c].as_pg_text()).collect()).collect();
    let params: Vec<&(dyn ToSql + Sync)> = columns.iter().map(|c| c as &(dyn ToSql + Sync)).collect();
    tx.execute(insert, &params)?;
    Ok(())
}

impl Backend for Pg {
    fn begin_run(&mut self, run: &RunStart) -> Result<i64, DbError> {
        let row = self
            .client
            .query_one(
                "INSERT INTO runs (started_at, host, shard, jixiao_version) \
                 VALUES ($1::text::timestamptz, $2, $3, $4) RETURNING id",
                &[&run.started_at, &run.host, &run.shard, &run.jixiao_version],
            )
            .map_err(self.err())?;
        Ok(row.get(0))
    }

    fn known(&mut self, settings: &str) -> Result<Vec<(String, String)>, DbError> {
        let rows = self
            .client
            .query(
                "SELECT source, content_hash FROM documents WHERE status <> 'failed' AND settings = $1",
                &[&settings],
            )
            .map_err(self.err())?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    fn stored_report(&mut self, source: &str) -> Result<Option<String>, DbError> {
        let row =
            self.client.query_opt("SELECT report FROM documents WHERE source = $1", &[&source]).map_err(self.err())?;
        Ok(row.map(|r| r.get(0)))
    }

    fn import(&mut self, run_id: i64, doc: &DocumentImport<'_>) -> Result<Imported, DbError> {
        let url = self.url.clone();
        let err = |source| DbError::Postgres { url: url.clone(), source };
        let fields = document_fields(doc, run_id)?;
        let mut tx = self.client.transaction().map_err(err)?;
        let Some(row) = tx.query_opt(&self.upsert, &params(&fields)).map_err(err)? else {
            tx.commit().map_err(err)?;
            return Ok(Imported::Unchanged);
        };
        let (id, inserted): (i64, bool) = (row.get(0), row.get(1));
        if !inserted {
            tx.execute("DELETE FROM indicators WHERE document_id = $1", &[&id]).map_err(err)?;
            tx.execute("DELETE FROM projects WHERE document_id = $1", &[&id]).map_err(err)?;
        }
        let mut rows = doc.record.map(DocumentRows::of).unwrap_or_default();
        // DO NOTHING takes no lock on a unit that exists: importers of the
        // same unit's files never wait on one another here.
        let (unit_ids, new_units) = rows
            .unit_ids(&self.units, |unit| {
                let (code, name, context, key) = (&unit.code, &unit.name, &unit.context, &unit.text());
                tx.execute(
                    "INSERT INTO units (code, name, context, key) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                    &[code, name, context, key],
                )?;
                let row = tx.query_one("SELECT id FROM units WHERE key = $1", &[key])?;
                Ok(row.get::<_, i64>(0))
            })
            .map_err(err)?;
        rows.bind(id, &unit_ids);
        let projects: Vec<Vec<Value>> = rows.projects.into_iter().map(|(_, row)| row).collect();
        let [projects_insert, indicators_insert] = &self.inserts;
        insert_rows(&mut tx, projects_insert, PROJECTS.columns.len(), &projects).map_err(err)?;
        insert_rows(&mut tx, indicators_insert, INDICATORS.columns.len(), &rows.indicators).map_err(err)?;
        tx.commit().map_err(err)?;
        self.units.extend(new_units);
        Ok(if inserted { Imported::New } else { Imported::Replaced })
    }

    fn fail(&mut self, run_id: i64, doc: &DocumentImport<'_>, reason: &str) -> Result<(), DbError> {
        let url = self.url.clone();
        let err = |source| DbError::Postgres { url: url.clone(), source };
        let fields = document_fields(doc, run_id)?;
        let mut tx = self.client.transaction().map_err(err)?;
        let sql = document_upsert(&document_marks(), Overwrite::Failure, "");
        tx.execute(&sql, &params(&fields)).map_err(err)?;
        tx.execute(
            "INSERT INTO failures (run_id, source, content_hash, reason, failed_at) \
             VALUES ($1, $2, $3, $4, $5::text::timestamptz) ON CONFLICT (source, content_hash, reason) DO NOTHING",
            &[&run_id, &doc.entry.input, &doc.content_hash, &reason, &doc.converted_at],
        )
        .map_err(err)?;
        tx.commit().map_err(err)
    }

    fn finish_run(&mut self, run_id: i64, t: &RunTotals) -> Result<(), DbError> {
        let counts: Vec<i32> =
            [t.files, t.ok, t.review, t.partial, t.failed, t.reused, t.killed, t.imported, t.unchanged]
                .iter()
                .map(|&n| i32::try_from(n).unwrap_or(i32::MAX))
                .collect();
        self.client
            .execute(
                "UPDATE runs SET finished_at = $2::text::timestamptz, files = $3, ok = $4, review = $5, partial = $6, \
                 failed = $7, reused = $8, killed = $9, imported = $10, unchanged = $11 WHERE id = $1",
                &[
                    &run_id,
                    &t.finished_at,
                    &counts[0],
                    &counts[1],
                    &counts[2],
                    &counts[3],
                    &counts[4],
                    &counts[5],
                    &counts[6],
                    &counts[7],
                    &counts[8],
                ],
            )
            .map(|_| ())
            .map_err(self.err())
    }
}
