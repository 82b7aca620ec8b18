//! jixiao's database sink: what a run converted, imported into SQLite (a
//! file, no server: the default) or PostgreSQL (one database that many
//! hosts import into at once).
//!
//! Both databases get the same schema (see `src/migrations/`, applied in
//! order at open and recorded in `schema_migrations`): `runs`,
//! `documents` (one per input, keyed by its relative path, with its content
//! hash), `units`, `projects`, `indicators` (every CSV column, typed) and
//! `failures`. Each file is imported in one transaction, so:
//! - importing the same files again changes nothing (a document whose
//!   content hash and settings are unchanged is left as it is);
//! - a changed file replaces its own rows and no others;
//! - a file that now fails keeps its previous rows and gets a `failures`
//!   row;
//! - a crash leaves every file either imported or not, never half.
//!
//! Concurrent importers need no lock of their own: the unique key on
//! `documents.source` with `ON CONFLICT` decides which one writes a file,
//! and the other sees it unchanged. Every value is a parameter: no SQL is
//! ever built from a cell's text.

#[cfg(feature = "postgres")]
mod postgres;
pub mod rows;
mod sqlite;
pub mod target;

pub use target::redacted;

use jixiao_model::record::DocumentRecord;
use jixiao_model::report::FileReport;
use std::collections::HashMap;

/// Why the database could not be used. Every message names the database.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// SQLite said no.
    #[error("SQLite database {path}: {source}")]
    Sqlite {
        /// The database file.
        path: String,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// PostgreSQL said no, or could not be reached.
    #[cfg(feature = "postgres")]
    #[error("PostgreSQL database {url}: {source}")]
    Postgres {
        /// The URL, without its password.
        url: String,
        /// What the server or the client said.
        source: ::postgres::Error,
    },
    /// The server could not be reached or refused the login: what failed,
    /// in words a person acting on it needs (refused, no such host, …).
    #[error("PostgreSQL database {url}: {failure}: {detail}")]
    Connect {
        /// The URL, without its password.
        url: String,
        /// Which step failed.
        failure: ConnectFailure,
        /// The client's own words, with every cause in its chain.
        detail: String,
    },
    /// A PostgreSQL URL given to a jixiao built without PostgreSQL.
    #[error("PostgreSQL database {url}: this jixiao was built without the `postgres` feature (the default); give a SQLite file, or use a default build")]
    NoPostgres {
        /// The URL, without its password.
        url: String,
    },
    /// A `scheme://` URL of a database jixiao does not write.
    #[error("{url}: jixiao does not write {scheme} databases; give a SQLite file (jixiao.sqlite, sqlite:PATH or sqlite://PATH), a postgres:// URL or libpq's key=value form")]
    UnsupportedScheme {
        /// The URL, without its password.
        url: String,
        /// The scheme before `://`.
        scheme: String,
    },
    /// A `sqlite://` URL with a user or a password: SQLite has neither, and
    /// the text would otherwise become a file's name.
    #[error("{url}: a SQLite database has no user or password; give the file's path (jixiao.sqlite, sqlite:PATH or sqlite://PATH), or a postgres:// URL")]
    SqliteCredentials {
        /// The URL, without its password.
        url: String,
    },
    /// The database holds a schema newer than this jixiao knows.
    #[error("{0} has schema version {1}, newer than this jixiao's {2}: upgrade jixiao")]
    NewerSchema(String, i64, i64),
    /// A database that holds another program's tables under jixiao's names
    /// and no record of jixiao's migrations: nothing is changed in it.
    #[error(
        "{path} holds another program's tables ({tables}) and no jixiao schema; give a new file or a jixiao database"
    )]
    ForeignSchema {
        /// The database, without its password.
        path: String,
        /// The tables it holds under jixiao's names.
        tables: String,
    },
    /// A stored report entry cannot be read back.
    #[error("{0}: the stored report of {1} cannot be read: {2}")]
    StoredReport(String, String, serde_json::Error),
    /// An input's report entry cannot be written as JSON for its row.
    #[error("the report entry of {0} cannot be encoded for the database: {1}")]
    EncodeReport(String, serde_json::Error),
}

impl DbError {
    /// True for a `--db` refused for what it names, not for what happened
    /// while writing: a usage error (exit 2) rather than a failed run.
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            DbError::UnsupportedScheme { .. }
                | DbError::NoPostgres { .. }
                | DbError::SqliteCredentials { .. }
                | DbError::ForeignSchema { .. }
                | DbError::Connect { failure: ConnectFailure::BadUrl, .. }
        )
    }
}

/// Why a PostgreSQL connection failed, told apart so that the message says
/// what to fix (the port, the host name, the password, the database name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectFailure {
    /// Nothing listens at that host and port.
    Refused,
    /// The host name does not resolve.
    HostNotFound,
    /// No answer in time.
    Timeout,
    /// The server rejected the user or the password.
    Authentication,
    /// The server has no database of that name.
    NoSuchDatabase,
    /// The URL itself cannot be parsed.
    BadUrl,
    /// Anything else.
    Other,
}

impl std::fmt::Display for ConnectFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ConnectFailure::Refused => "connection refused (is the server running, and on this port?)",
            ConnectFailure::HostNotFound => "host not found (check the host name)",
            ConnectFailure::Timeout => "no answer in time (a firewall, or the wrong host?)",
            ConnectFailure::Authentication => "login refused (check the user, and the password or PGPASSWORD)",
            ConnectFailure::NoSuchDatabase => "no such database on that server",
            ConnectFailure::BadUrl => "the URL cannot be read",
            ConnectFailure::Other => "could not connect",
        })
    }
}

/// The schema, in versions: each is applied once, in order, in a
/// transaction of its own.
const SQLITE_MIGRATIONS: &[&str] = &[
    include_str!("migrations/sqlite/0001_init.sql"),
    include_str!("migrations/sqlite/0002_unit_keys.sql"),
    include_str!("migrations/sqlite/0003_results.sql"),
    include_str!("migrations/sqlite/0004_evaluations.sql"),
    include_str!("migrations/sqlite/0005_outcomes.sql"),
];
// Also read by the test that holds both backends to jixiao-columns.
#[cfg_attr(not(feature = "postgres"), allow(dead_code))]
const POSTGRES_MIGRATIONS: &[&str] = &[
    include_str!("migrations/postgres/0001_init.sql"),
    include_str!("migrations/postgres/0002_unit_keys.sql"),
    include_str!("migrations/postgres/0003_results.sql"),
    include_str!("migrations/postgres/0004_evaluations.sql"),
    include_str!("migrations/postgres/0005_outcomes.sql"),
];

/// What a run says of itself when it starts.
#[derive(Debug, Clone)]
pub struct RunStart {
    /// RFC 3339.
    pub started_at: String,
    /// The host it runs on.
    pub host: String,
    /// `K/N`, when the run takes one shard.
    pub shard: Option<String>,
    /// jixiao's version.
    pub jixiao_version: String,
}

/// What a run counted, at its end.
#[derive(Debug, Clone, Default)]
pub struct RunTotals {
    /// RFC 3339.
    pub finished_at: String,
    /// Inputs of the run.
    pub files: i64,
    /// By status.
    pub ok: i64,
    /// By status.
    pub review: i64,
    /// By status.
    pub partial: i64,
    /// By status.
    pub failed: i64,
    /// Taken from an earlier run or from the database.
    pub reused: i64,
    /// Whose worker was killed or died.
    pub killed: i64,
    /// Documents written (new or replaced).
    pub imported: i64,
    /// Documents found unchanged.
    pub unchanged: i64,
}

/// One input of a run, for the database.
#[derive(Debug, Clone, Copy)]
pub struct DocumentImport<'a> {
    /// Its report entry (stored whole, so that a later run that skips the
    /// file can report it as it was).
    pub entry: &'a FileReport,
    /// Its canonical record, when it converted.
    pub record: Option<&'a DocumentRecord>,
    /// BLAKE3 of its content.
    pub content_hash: &'a str,
    /// What else decides its rows: jixiao's version and the options that
    /// change outputs. A document is redone when these change.
    pub settings: &'a str,
    /// RFC 3339.
    pub converted_at: &'a str,
}

/// What importing one document did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Imported {
    /// The source was new: its rows were written.
    New,
    /// The source had other content or settings: its rows were replaced.
    Replaced,
    /// The same content under the same settings was there: nothing written.
    Unchanged,
    /// It failed to convert: a `failures` row, earlier rows kept.
    Failure,
}

/// The interface both databases implement.
trait Backend: Send {
    fn begin_run(&mut self, run: &RunStart) -> Result<i64, DbError>;
    fn known(&mut self, settings: &str) -> Result<Vec<(String, String)>, DbError>;
    fn stored_report(&mut self, source: &str) -> Result<Option<String>, DbError>;
    fn import(&mut self, run_id: i64, doc: &DocumentImport<'_>) -> Result<Imported, DbError>;
    fn fail(&mut self, run_id: i64, doc: &DocumentImport<'_>, reason: &str) -> Result<(), DbError>;
    fn finish_run(&mut self, run_id: i64, totals: &RunTotals) -> Result<(), DbError>;
}

/// An open database with its schema up to date.
pub struct Database {
    backend: Box<dyn Backend>,
    name: String,
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Database").field("name", &self.name).finish()
    }
}

/// True when `url` names a PostgreSQL database rather than a SQLite file.
pub fn is_postgres(url: &str) -> bool {
    matches!(target::parse(url), Ok(target::Target::Postgres(_)))
}

impl Database {
    /// Opens (creating a SQLite file if missing) and migrates: `url` is a
    /// `postgres://` or `postgresql://` URL, or a SQLite file's path.
    pub fn open(url: &str) -> Result<Database, DbError> {
        let backend: Box<dyn Backend> = match target::parse(url)? {
            #[cfg(feature = "postgres")]
            target::Target::Postgres(conn) => Box::new(postgres::Pg::open(conn)?),
            #[cfg(not(feature = "postgres"))]
            target::Target::Postgres(_) => return Err(DbError::NoPostgres { url: redacted(url) }),
            target::Target::Sqlite(path) => Box::new(sqlite::Lite::open(path)?),
        };
        Ok(Database { backend, name: redacted(url) })
    }

    /// The database's name in messages (a URL without its password).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Records a run's start; returns its id.
    pub fn begin_run(&mut self, run: &RunStart) -> Result<i64, DbError> {
        self.backend.begin_run(run)
    }

    /// Every converted document stored under `settings`: source → content
    /// hash. An incremental import skips an input whose hash is here.
    pub fn known(&mut self, settings: &str) -> Result<HashMap<String, String>, DbError> {
        Ok(self.backend.known(settings)?.into_iter().collect())
    }

    /// The report entry stored with a document, marked reused.
    pub fn stored_entry(&mut self, source: &str) -> Result<Option<FileReport>, DbError> {
        let Some(json) = self.backend.stored_report(source)? else { return Ok(None) };
        let entry: FileReport =
            serde_json::from_str(&json).map_err(|e| DbError::StoredReport(self.name.clone(), source.to_string(), e))?;
        Ok(Some(FileReport { reused: true, ..entry }))
    }

    /// Imports one input in one transaction: its rows when it converted,
    /// a failure row when it did not.
    pub fn import(&mut self, run_id: i64, doc: &DocumentImport<'_>) -> Result<Imported, DbError> {
        match (doc.record, &doc.entry.error) {
            (Some(_), _) => self.backend.import(run_id, doc),
            (None, error) => {
                let reason = error.as_deref().unwrap_or("not converted");
                self.backend.fail(run_id, doc, reason)?;
                Ok(Imported::Failure)
            }
        }
    }

    /// Records a run's end and counts.
    pub fn finish_run(&mut self, run_id: i64, totals: &RunTotals) -> Result<(), DbError> {
        self.backend.finish_run(run_id, totals)
    }
}

/// The columns of a `documents` row, in the order both backends bind
/// them (see [`document_fields`]).
const DOCUMENT_COLUMNS: [&str; 11] = [
    "source",
    "content_hash",
    "format",
    "encoding",
    "status",
    "settings",
    "report",
    "bytes",
    "jixiao_version",
    "converted_at",
    "run_id",
];

/// When the upsert of a `documents` row writes over the row it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Overwrite {
    /// A converted file: when its content, its settings or an earlier
    /// failure changed (else the row is left as it is).
    Changed,
    /// A failure: only over an earlier failure, so that a file that
    /// converted before keeps its row and its rows.
    Failure,
}

/// The `documents` upsert both backends run, with their own placeholders
/// (`values`, in [`DOCUMENT_COLUMNS`] order) and `RETURNING` clause: every
/// column but the key is set from the new row when `overwrite` says so.
fn document_upsert(values: &[String], overwrite: Overwrite, returning: &str) -> String {
    let updates: Vec<String> = DOCUMENT_COLUMNS[1..].iter().map(|c| format!("{c} = excluded.{c}")).collect();
    let when = match overwrite {
        Overwrite::Changed => {
            "documents.content_hash <> excluded.content_hash OR documents.settings <> excluded.settings \
             OR documents.status = 'failed'"
        }
        Overwrite::Failure => "documents.status = 'failed'",
    };
    format!(
        "INSERT INTO documents ({}) VALUES ({}) ON CONFLICT (source) DO UPDATE SET {} WHERE {when}{returning}",
        DOCUMENT_COLUMNS.join(", "),
        values.join(", "),
        updates.join(", ")
    )
}

/// A `documents` row's values as text (both backends bind or cast them),
/// in [`DOCUMENT_COLUMNS`] order, with the report entry as JSON.
fn document_fields(doc: &DocumentImport<'_>, run_id: i64) -> Result<[Option<String>; 11], DbError> {
    let e = doc.entry;
    let report = serde_json::to_string(&FileReport { reused: false, ..e.clone() })
        .map_err(|source| DbError::EncodeReport(e.input.clone(), source))?;
    Ok([
        Some(e.input.clone()),
        Some(doc.content_hash.to_string()),
        e.format.clone(),
        e.encoding.clone(),
        Some(e.status.as_str().to_string()),
        Some(doc.settings.to_string()),
        Some(report),
        e.bytes.map(|b| b.to_string()),
        Some(env!("CARGO_PKG_VERSION").to_string()),
        Some(doc.converted_at.to_string()),
        Some(run_id.to_string()),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(redacted("postgres://jx:secret@db:5432/jixiao"), "postgres://jx:***@db:5432/jixiao");
        assert_eq!(redacted("postgresql://jx@db/jixiao"), "postgresql://jx@db/jixiao");
        assert_eq!(redacted("out/jixiao.sqlite"), "out/jixiao.sqlite");
        assert!(is_postgres("postgresql://h/d") && !is_postgres("postgres.sqlite"));
    }

    #[test]
    fn a_database_of_the_first_schema_gets_keyed_units_and_keeps_its_rows() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("old.sqlite");
        {
            // A database as the first schema left it, with a project.
            let conn = rusqlite::Connection::open(&path).expect("open");
            conn.execute_batch(SQLITE_MIGRATIONS[0]).expect("0001");
            conn.execute_batch(
                "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);
                 INSERT INTO schema_migrations VALUES (1, '2026-01-01T00:00:00Z');
                 INSERT INTO units (id, code, name) VALUES (7, '450001', '卢龙县医疗保障局本级');",
            )
            .expect("rows");
        }
        let path_text = path.to_str().expect("utf-8");
        drop(sqlite::Lite::open(path_text).expect("migrates"));
        let conn = rusqlite::Connection::open(&path).expect("open");
        let (id, key): (i64, String) =
            conn.query_row("SELECT id, key FROM units", [], |r| Ok((r.get(0)?, r.get(1)?))).expect("unit");
        assert_eq!((id, key.as_str()), (7, "450001|卢龙县医疗保障局本级|"), "ids kept, keys filled");
        let version: i64 = conn.query_row("SELECT max(version) FROM schema_migrations", [], |r| r.get(0)).expect("v");
        assert_eq!(version, SQLITE_MIGRATIONS.len() as i64);
        // The same code without a name, in two folders: two units now.
        for (code, name, context) in [("062001", "", "a"), ("062001", "", "b")] {
            let key = format!("{code}|{name}|{context}");
            conn.execute(
                "INSERT INTO units (code, name, context, key) VALUES (?1, ?2, ?3, ?4)",
                [code, name, context, &key],
            )
            .expect("a unit per context");
        }
    }
}
