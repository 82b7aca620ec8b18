//! The run report: one entry per input file, whatever happened to it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How converting one file went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Read, and indicators found.
    Ok,
    /// Read, but with problems a user should look at (no indicators, or
    /// undecodable characters).
    Partial,
    /// Not read; `error` says why.
    Failed,
}

/// Counts of what was found in one file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Counts {
    /// Budget units.
    pub units: usize,
    /// Projects and department tables.
    pub projects: usize,
    /// Indicators emitted.
    pub indicators: usize,
    /// Rows recognised as not being indicators.
    pub skipped_rows: usize,
}

/// The report entry of one input file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FileReport {
    /// Input path, relative to its root.
    pub input: String,
    /// ok, partial or failed.
    pub status: Status,
    /// Detected format.
    pub format: Option<String>,
    /// Detected encoding, for text.
    pub encoding: Option<String>,
    /// The JSON written for it, relative to the output folder.
    pub output: Option<String>,
    /// What was found.
    pub counts: Counts,
    /// Warnings worth a look.
    pub warnings: Vec<String>,
    /// Why it failed.
    pub error: Option<String>,
    /// Wall time spent on the file, in milliseconds.
    pub millis: u64,
    /// Size of the input in bytes, when it could be read.
    #[serde(default)]
    pub bytes: Option<u64>,
    /// BLAKE3 hash of the input's content (hex), when it could be read.
    #[serde(default)]
    pub blake3: Option<String>,
    /// True when an `--incremental` run took this entry and the outputs
    /// from an earlier run, because neither the input nor the options
    /// changed.
    #[serde(default)]
    pub reused: bool,
    /// Set when the worker process converting this file did not come back
    /// with a result: killed at the time limit, out of memory, crashed.
    #[serde(default)]
    pub worker_failure: Option<WorkerFailure>,
}

impl FileReport {
    /// A failed entry for `input` with `error`, nothing else known.
    pub fn failed(input: impl Into<String>, error: impl Into<String>) -> Self {
        FileReport {
            input: input.into(),
            status: Status::Failed,
            format: None,
            encoding: None,
            output: None,
            counts: Counts::default(),
            warnings: Vec::new(),
            error: Some(error.into()),
            millis: 0,
            bytes: None,
            blake3: None,
            reused: false,
            worker_failure: None,
        }
    }
}

/// How a worker process failed to return a file's result. The file fails
/// alone; the worker is replaced and the run goes on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WorkerFailure {
    /// Killed by the supervisor at `--timeout-per-file`.
    Timeout {
        /// The limit, in seconds.
        seconds: u64,
    },
    /// An allocation failed under `--max-memory-per-file`.
    OutOfMemory {
        /// The limit, in bytes.
        limit_bytes: u64,
    },
    /// Ended by a signal it did not handle (SIGSEGV for a stack overflow,
    /// SIGKILL from the system's out-of-memory killer, …).
    Signal {
        /// The signal number.
        signal: i32,
    },
    /// Exited on its own without answering.
    Exited {
        /// The exit status, when there was one.
        code: Option<i32>,
    },
}

/// The report of a whole run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RunReport {
    /// jixiao's version.
    pub version: String,
    /// Files in the order they were found.
    pub files: Vec<FileReport>,
    /// Files that converted without problems.
    pub ok: usize,
    /// Files read with problems.
    pub partial: usize,
    /// Files that could not be read.
    pub failed: usize,
    /// How the run went: when, how, with what.
    #[serde(default)]
    pub run: Option<RunInfo>,
}

/// When and how a run was made, beside its per-file entries.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RunInfo {
    /// Start, RFC 3339 (UTC).
    pub started: String,
    /// End, RFC 3339 (UTC).
    pub finished: String,
    /// Wall time of the whole run, in milliseconds.
    pub millis: u64,
    /// The options that change outputs, as `name=value` pairs.
    pub options: Vec<String>,
    /// Hash of jixiao's build and those options: an `--incremental` run
    /// reuses an earlier result only when it is the same.
    pub fingerprint: String,
    /// Worker processes.
    pub jobs: usize,
    /// `K/N` when the run took one shard of its inputs.
    pub shard: Option<String>,
    /// Inputs found before sharding.
    pub inputs_found: usize,
    /// Entries reused from an earlier run (`--incremental`).
    pub reused: usize,
    /// Files whose worker was killed or died.
    pub killed: usize,
    /// Peak resident memory of the supervisor process, in bytes.
    pub peak_rss_supervisor: Option<u64>,
    /// Highest peak resident memory of any worker process, in bytes.
    pub peak_rss_worker: Option<u64>,
}
