//! The database as a sink of the run (`jixiao import`): opened before any
//! worker starts (a database that cannot be reached stops the run before
//! it costs anything), asked which inputs it already holds (an
//! `--incremental` import skips them without parsing), and fed every entry
//! at assembly, in input order, one transaction per file.

use crate::{Origin, RunError, RunOptions};
use jixiao_db::{Database, DocumentImport, Imported, RunStart, RunTotals};
use jixiao_emit::{FileReport, Status};
use jixiao_model::record::DocumentRecord;
use std::collections::{HashMap, HashSet};

/// An open database with this run's row in `runs`.
pub(crate) struct DbSink {
    db: Database,
    run_id: i64,
    settings: String,
    imported: usize,
    unchanged: usize,
}

/// What the database did in a run, for the summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DbOutcome {
    /// The database, without its password.
    pub name: String,
    /// Documents written (new or replaced).
    pub imported: usize,
    /// Documents found as they were (same content and settings).
    pub unchanged: usize,
}

fn db_error(e: jixiao_db::DbError) -> RunError {
    if e.is_usage() {
        return RunError::DatabaseRefused(e.to_string());
    }
    RunError::Database(e.to_string())
}

/// What decides a document's rows besides its content: jixiao's version
/// and the limits ([`crate::limit_options`]). Unlike the run's fingerprint
/// it names no executable path, so every host of a fleet agrees on it.
fn settings(opts: &RunOptions) -> String {
    let text = format!("jixiao {}\n{}", env!("CARGO_PKG_VERSION"), crate::limit_options(&opts.limits).join("\n"));
    blake3::hash(text.as_bytes()).to_hex()[..32].to_string()
}

/// This machine's name, for the `runs` table.
fn host() -> String {
    #[cfg(unix)]
    {
        rustix::system::uname().nodename().to_string_lossy().into_owned()
    }
    #[cfg(not(unix))]
    {
        std::env::var("COMPUTERNAME").unwrap_or_default()
    }
}

impl DbSink {
    pub(crate) fn open(url: &str, opts: &RunOptions, started_at: &str) -> Result<DbSink, RunError> {
        let mut db = Database::open(url).map_err(db_error)?;
        let run = RunStart {
            started_at: started_at.to_string(),
            host: host(),
            shard: opts.shard.map(|s| s.to_string()),
            jixiao_version: env!("CARGO_PKG_VERSION").to_string(),
        };
        let run_id = db.begin_run(&run).map_err(db_error)?;
        Ok(DbSink { db, run_id, settings: settings(opts), imported: 0, unchanged: 0 })
    }

    /// The content hashes the database holds for these inputs under this
    /// run's settings (converted documents only: a failure is tried again).
    pub(crate) fn known(&mut self, inputs: &HashSet<&str>) -> Result<HashMap<String, String>, RunError> {
        let mut known = self.db.known(&self.settings).map_err(db_error)?;
        known.retain(|source, _| inputs.contains(source.as_str()));
        Ok(known)
    }

    /// The report entry of an input the database already held.
    pub(crate) fn stored_entry(&mut self, relative: &str) -> Result<FileReport, RunError> {
        let entry = self.db.stored_entry(relative).map_err(db_error)?;
        Ok(entry.unwrap_or_else(|| {
            // Deleted between the look-up and now, by someone else.
            let mut e = FileReport::failed(relative, "skipped as already imported, but gone from the database since");
            e.reused = true;
            e
        }))
    }

    /// Imports one entry (a file the database already held is left alone).
    pub(crate) fn add(
        &mut self,
        entry: &FileReport,
        record: Option<&DocumentRecord>,
        origin: Origin,
    ) -> Result<(), RunError> {
        if origin == Origin::Database {
            self.unchanged += 1;
            return Ok(());
        }
        let converted_at = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
        let doc = DocumentImport {
            entry,
            record: record.filter(|_| entry.status != Status::Failed),
            content_hash: entry.blake3.as_deref().unwrap_or(""),
            settings: &self.settings,
            converted_at: &converted_at,
        };
        match self.db.import(self.run_id, &doc).map_err(db_error)? {
            Imported::New | Imported::Replaced => self.imported += 1,
            Imported::Unchanged => self.unchanged += 1,
            Imported::Failure => {}
        }
        Ok(())
    }

    /// Records the run's end and counts.
    pub(crate) fn finish(mut self, outcome: &crate::RunOutcome) -> Result<DbOutcome, RunError> {
        let n = |v: usize| v as i64;
        let totals = RunTotals {
            finished_at: humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string(),
            files: n(outcome.files),
            ok: n(outcome.ok),
            review: n(outcome.review),
            partial: n(outcome.partial),
            failed: n(outcome.failed),
            reused: n(outcome.reused),
            killed: n(outcome.killed),
            imported: n(self.imported),
            unchanged: n(self.unchanged),
        };
        self.db.finish_run(self.run_id, &totals).map_err(db_error)?;
        Ok(DbOutcome { name: self.db.name().to_string(), imported: self.imported, unchanged: self.unchanged })
    }
}
