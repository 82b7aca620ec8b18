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
}
