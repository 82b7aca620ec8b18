//! The run around jixiao's pipeline, built for archives and nightly jobs.
//!
//! A run is a supervisor over long-lived worker processes (see [`worker`]
//! and [`pool`]): the supervisor finds the inputs (an incremental run
//! hashes each one), hands the ones it cannot reuse to the workers, two
//! jobs at a time per worker, and meanwhile concatenates the per-input
//! [`fragment`]s into `indicators.csv`, `projects.csv` and `report.json`,
//! in input order, as each input is done. So:
//! - a file that aborts, overflows its stack, runs out of memory or loops
//!   fails alone: its worker is killed or dies, the file is reported with
//!   the reason, and another worker takes over;
//! - memory does not grow with the number of files: nothing is held but
//!   the list of inputs, and the aggregates are streamed from fragments;
//! - the outputs are the same bytes whatever `--jobs` is;
//! - a run killed at any moment leaves the previous aggregates in place,
//!   and an `--incremental` run reuses every fragment whose input and
//!   options are unchanged, so it finishes what the killed run began.
//!
//! Sinks that need the whole run plug into the assembly (`assemble.rs`):
//! the report page, the workbook, the review and the database
//! (`database.rs`, `jixiao import`) are fed the same entries in input order,
//! while the workers convert what follows, and never loop over the inputs
//! themselves.
//! An `--incremental` import also asks the database, before converting,
//! which inputs it already holds.

mod assemble;
mod database;
mod evaluations;
pub mod fragment;
mod inbox;
pub mod inputs;
pub mod pool;
mod progress;
pub mod worker;

pub use assemble::{Outputs, TableFormat};
pub use database::DbOutcome;
pub use jixiao_emit::CsvEncoding;
pub use pool::WorkerCommand;
pub use progress::ProgressMode;

use fragment::{Location, LogWriter, Logs};
use inbox::{Inbox, Received};
use inputs::{base_of, collect, output_json_path, Input};
use jixiao_emit::{FileReport, RunInfo, Status};
use jixiao_extract::Limits;
use pool::Worker;
use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};
use worker::{Job, WorkerConfig};

/// What a run was asked to do.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Files and directories to convert.
    pub inputs: Vec<PathBuf>,
    /// The folder every `source_file` is relative to (`--root`); by
    /// default the deepest folder holding every input.
    pub root: Option<PathBuf>,
    /// Output folder.
    pub out_dir: PathBuf,
    /// Extraction limits (the per-file timeout is enforced by killing the
    /// worker).
    pub limits: Limits,
    /// What the run writes besides the per-input JSON: table format, CSV
    /// encoding and formula guard, the workbook, the review.
    pub outputs: Outputs,
    /// Indent the per-input JSON (compact by default).
    pub pretty_json: bool,
    /// Worker processes.
    pub jobs: usize,
    /// Address-space ceiling of each worker, in bytes.
    pub max_memory_per_file: u64,
    /// Reuse the results of unchanged inputs from earlier runs.
    pub incremental: bool,
    /// Take only one shard of the inputs.
    pub shard: Option<Shard>,
    /// Follow links that leave the folders given.
    pub follow_links: bool,
    /// Write empty outputs when no input is found (by default that is an
    /// error, so that an empty night never replaces the last outputs).
    pub allow_empty: bool,
    /// How to start a worker.
    pub worker: WorkerCommand,
    /// What to show while running.
    pub progress: ProgressMode,
}

/// One of N disjoint parts of the inputs, chosen by a hash of each input's
/// relative path: several hosts can split one archive with no coordination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which part, from 0.
    pub index: u64,
    /// How many parts.
    pub count: u64,
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (k, n) = s.split_once('/').ok_or("a shard is K/N, e.g. 0/4 (K counts from 0), or auto/N")?;
        let k = if k.trim() == "auto" { shard_index_from_env()? } else { k.trim().to_string() };
        let index: u64 = k.parse().map_err(|_| format!("shard index {k:?} is not a number"))?;
        let count: u64 = n.trim().parse().map_err(|_| format!("shard count {n:?} is not a number"))?;
        if count == 0 || index >= count {
            return Err(format!("shard {index}/{count}: K must be at least 0 and less than N"));
        }
        Ok(Shard { index, count })
    }
}

/// The variables a scheduler sets to a task's index within its array, in the
/// order they are looked for: Kubernetes Indexed Jobs, Slurm job arrays,
/// AWS Batch array jobs, SGE/UGE task arrays (which count from 1).
const SHARD_INDEX_VARIABLES: &[(&str, u64)] =
    &[("JOB_COMPLETION_INDEX", 0), ("SLURM_ARRAY_TASK_ID", 0), ("AWS_BATCH_JOB_ARRAY_INDEX", 0), ("SGE_TASK_ID", 1)];

/// `--shard auto/N`: the index the scheduler gave this task.
fn shard_index_from_env() -> Result<String, String> {
    for (name, first) in SHARD_INDEX_VARIABLES {
        if let Ok(value) = std::env::var(name) {
            let n: u64 = value.trim().parse().map_err(|_| format!("{name}={value:?} is not a task index"))?;
            let index = n.checked_sub(*first).ok_or_else(|| format!("{name}={n}: the first task is {first}"))?;
            return Ok(index.to_string());
        }
    }
    let names: Vec<&str> = SHARD_INDEX_VARIABLES.iter().map(|(n, _)| *n).collect();
    Err(format!("--shard auto/N takes its index from {}, and none is set", names.join(", ")))
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl Shard {
    /// True when `relative` belongs to this shard.
    pub fn takes(&self, relative: &str) -> bool {
        let hash = blake3::hash(relative.as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&hash.as_bytes()[..8]);
        u64::from_le_bytes(first) % self.count == self.index
    }
}

/// Why a run as a whole could not complete (as opposed to one file
/// failing, which is a report entry).
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The output folder cannot be created or written.
    #[error("cannot write the outputs in {path}: {source}")]
    Output {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// Another run holds the output folder.
    #[error("another jixiao run is writing {0}; wait for it to finish")]
    Locked(PathBuf),
    /// No input was found, and `allow_empty` was not given: the outputs
    /// were left as they were.
    #[error("no input files found in {0}; the outputs in the output folder were left as they were (--allow-empty writes empty ones)")]
    NoInputs(String),
    /// An input lies outside `--root` (a usage error).
    #[error(transparent)]
    OutsideRoot(#[from] inputs::OutsideRoot),
    /// An input or the root cannot be seen (missing, unreadable, a pattern
    /// the shell did not expand): nothing was written.
    #[error(transparent)]
    Unreachable(#[from] inputs::Unreachable),
    /// An output's encoding cannot hold a character of the data: the run
    /// writes nothing rather than lose it.
    #[error("{file} cannot be written in {encoding}: row {row} (from {input}) holds {character:?} (U+{:04X}), which {encoding} cannot represent; use --csv-encoding gb18030, which holds every character, or utf8-bom", u32::from(*character))]
    Unencodable {
        /// The output.
        file: String,
        /// Its data row (1 is the first row after the header).
        row: usize,
        /// The input the row came from.
        input: String,
        /// The character.
        character: char,
        /// The encoding.
        encoding: &'static str,
    },
    /// The database (`jixiao import --db`) cannot be opened or written.
    #[error("{0}")]
    Database(String),
    /// `--db` names a database jixiao refuses (another scheme, another
    /// program's tables): a usage error, before anything is read.
    #[error("{0}")]
    DatabaseRefused(String),
    /// No worker process could be started.
    #[error("cannot start a worker process ({program}): {source}")]
    Worker {
        /// The program.
        program: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// What a run did, for the summary and the exit status. The full per-file
/// detail is in `report.json`; here only what needs attention is kept.
#[derive(Debug, Clone, Default)]
pub struct RunOutcome {
    /// Inputs in this run.
    pub files: usize,
    /// Converted without problems.
    pub ok: usize,
    /// Converted, with something a person should look at.
    pub review: usize,
    /// Converted, but part of the input could not be used.
    pub partial: usize,
    /// Not converted.
    pub failed: usize,
    /// Taken from an earlier run.
    pub reused: usize,
    /// Whose worker was killed or died.
    pub killed: usize,
    /// Indicators written.
    pub indicators: usize,
    /// The first [`LISTED`] failed entries, in input order.
    pub failures: Vec<FileReport>,
    /// The first [`LISTED`] entries that need a look (status review or
    /// partial), in input order: input, status and the codes why.
    pub looks: Vec<(String, Status, Vec<jixiao_model::Code>)>,
    /// The slowest converted files (input, milliseconds), slowest first.
    pub slowest: Vec<(String, u64)>,
    /// Wall time of the run.
    pub elapsed: Duration,
    /// What the database did, when the run imported into one.
    pub database: Option<DbOutcome>,
}

/// How many failed files and files that need a look the outcome names (the
/// report lists them all).
pub const LISTED: usize = 50;

/// Which files make a run exit 1 (`--fail-on`): the least serious status
/// that counts as a failure of the run. Each includes the ones above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FailOn {
    /// Only files that could not be converted at all.
    Failed,
    /// Files that failed, or lost part of their input: every case where a
    /// row the file holds may be missing from the outputs (the default).
    #[default]
    Partial,
    /// Also files a person should look at (a doubt about the whole file).
    Review,
}

impl std::str::FromStr for FailOn {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "failed" => Ok(FailOn::Failed),
            "partial" => Ok(FailOn::Partial),
            "review" => Ok(FailOn::Review),
            other => Err(format!("{other:?}: --fail-on takes failed, partial or review")),
        }
    }
}

impl RunOutcome {
    /// 0 when no file reached the `fail_on` status; 1 when some did (the
    /// other files are written either way).
    pub fn exit_code(&self, fail_on: FailOn) -> i32 {
        let counted = match fail_on {
            FailOn::Failed => self.failed,
            FailOn::Partial => self.failed + self.partial,
            FailOn::Review => self.failed + self.partial + self.review,
        };
        i32::from(counted > 0)
    }
}

/// The folders of a run inside the output folder.
struct Layout {
    out: PathBuf,
    fragments: PathBuf,
    tmp: PathBuf,
}

impl Layout {
    fn new(out: &Path) -> Layout {
        let state = out.join(inputs::STATE_DIR);
        Layout { out: out.to_path_buf(), fragments: state.join("fragments"), tmp: state.join("tmp") }
    }

    fn output_error(path: &Path) -> impl FnOnce(std::io::Error) -> RunError + '_ {
        move |source| RunError::Output { path: path.to_path_buf(), source }
    }
}

/// Where an input's result came from in this run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// A worker converted it now.
    Converted,
    /// Its fragment from an earlier run was reused.
    Fragment,
    /// The database already held it (an incremental import): there is no
    /// fragment, and nothing to import.
    Database,
}

/// One input with where its outputs go.
struct Plan {
    input: Input,
    json_out: String,
}

/// Runs a whole conversion and writes every output.
pub fn run(opts: &RunOptions) -> Result<RunOutcome, RunError> {
    let started_at = SystemTime::now();
    let started = Instant::now();
    // Before anything is written: a run that cannot see its inputs changes nothing.
    let roots = inputs::check_reachable(&opts.inputs, opts.root.as_deref(), opts.allow_empty)?;
    let base = base_of(&roots, opts.root.as_deref())?;
    let layout = Layout::new(&opts.out_dir);
    for dir in [&layout.out, &layout.fragments, &layout.tmp] {
        std::fs::create_dir_all(dir).map_err(Layout::output_error(dir))?;
    }
    let _lock = lock(&layout)?;
    clear_dir(&layout.tmp).map_err(Layout::output_error(&layout.tmp))?;

    let (fingerprint, options) = fingerprint(opts);
    let config = WorkerConfig {
        out_dir: layout.out.clone(),
        tmp_dir: layout.tmp.clone(),
        fragments_dir: layout.fragments.clone(),
        limits: opts.limits,
        formula_guard: opts.outputs.formula_guard,
        pretty_json: opts.pretty_json,
        format: opts.outputs.format,
        max_memory: opts.max_memory_per_file,
        fingerprint: fingerprint.clone(),
    };
    let started_rfc3339 = humantime::format_rfc3339_seconds(started_at).to_string();
    // A database that cannot be reached stops the run before it costs anything.
    let mut database = match &opts.outputs.database {
        Some(url) => Some(database::DbSink::open(url, opts, &started_rfc3339)?),
        None => None,
    };
    // A full run needs every worker: start them now, so that they load
    // while the inputs are walked. An incremental run may need none.
    let workers = if opts.incremental { Vec::new() } else { spawn_workers(opts, &config)? };
    let found = collect(&roots, &base, Some(&opts.out_dir), opts.follow_links);
    let inputs_found = found.len();
    if found.is_empty() && !opts.allow_empty {
        let given = opts.inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ");
        return Err(RunError::NoInputs(given));
    }
    let plans = plan(found, opts.shard);
    // What earlier runs left: reused by an incremental run, and the way to
    // the JSON of inputs that are gone.
    let previous = fragment::latest(&layout.fragments);
    let known = match &mut database {
        Some(db) if opts.incremental => db.known(&plans.iter().map(|p| p.input.relative.as_str()).collect())?,
        _ => HashMap::new(),
    };

    let mut info = RunInfo {
        started: started_rfc3339,
        options,
        fingerprint,
        base: base.display().to_string(),
        jobs: opts.jobs,
        shard: opts.shard.map(|s| s.to_string()),
        inputs_found,
        ..RunInfo::default()
    };
    let (mut outcome, mut results) = convert_all(opts, &plans, &config, workers, &known, &previous, |results| {
        finish_outputs(&plans, results, &layout, &opts.outputs, &mut info, started, database.as_mut())
    })?;
    drop(known);
    remove_vanished(&plans, &previous, &layout);
    // The logs are durable now (finish_outputs waited for the syncfs): the
    // index may name them. Without sync nothing is ordered, which is why
    // `--no-sync` asks for a run without `--incremental` after an
    // operating-system crash.
    let index = plans
        .iter()
        .zip(std::mem::take(&mut results.locations))
        .filter_map(|(p, l)| Some((p.input.relative.clone(), l?)))
        .collect();
    // An index that cannot be saved costs only time: the next run reads the
    // logs it would have named one fragment after another.
    let _ = fragment::Index::save(index, &layout.fragments, durability(&opts.outputs));
    if let Some(db) = database {
        outcome.database = Some(db.finish(&outcome)?);
    }
    outcome.elapsed = started.elapsed();
    Ok(outcome)
}

/// Holds an exclusive lock on the output folder for the run, so that two
/// runs (an overlapping cron job) never write one folder at once.
fn lock(layout: &Layout) -> Result<std::fs::File, RunError> {
    let path = layout.out.join(".jixiao/lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(Layout::output_error(&path))?;
    #[cfg(unix)]
    if rustix::fs::flock(&file, rustix::fs::FlockOperation::NonBlockingLockExclusive).is_err() {
        return Err(RunError::Locked(layout.out.clone()));
    }
    Ok(file)
}

/// Temporary files of a killed run are never finished: remove them.
fn clear_dir(dir: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            std::fs::remove_dir_all(path)?;
        } else {
            std::fs::remove_file(path)?;
        }
    }
    Ok(())
}

/// Takes this run's shard and names every input's outputs, in input order
/// (so the names, `~2` suffixes included, do not depend on timing).
fn plan(found: Vec<Input>, shard: Option<Shard>) -> Vec<Plan> {
    let mut taken = HashSet::new();
    found
        .into_iter()
        .filter(|i| shard.is_none_or(|s| s.takes(&i.relative)))
        .map(|input| Plan { json_out: output_json_path(&input.relative, &mut taken), input })
        .collect()
}

/// A hash of what decides the outputs: jixiao's build and every option that
/// changes them. An `--incremental` run reuses a fragment only under the
/// same fingerprint. The build is its version and the worker executable's
/// path, size and modification time: any rebuild or upgrade changes them,
/// and reading them costs nothing (hashing the 80 MB executable's bytes
/// took longer than an incremental rerun of a thousand files).
/// The limits that decide what a file gives (a larger `--max-cells` can
/// turn a failure into rows), as `name=value`: part of the run's
/// fingerprint and of the database's settings.
fn limit_options(l: &Limits) -> [String; 6] {
    [
        format!("max_file_size={}", l.max_file_bytes),
        format!("max_unzipped={}", l.max_unzipped_bytes),
        format!("max_cells={}", l.max_cells),
        format!("max_sheets={}", l.max_sheets),
        format!("max_pages={}", l.max_pages),
        format!("max_depth={}", l.max_depth),
    ]
}

fn fingerprint(opts: &RunOptions) -> (String, Vec<String>) {
    let l = &opts.limits;
    let mut options = vec![
        format!("formula_guard={}", opts.outputs.formula_guard),
        format!("pretty_json={}", opts.pretty_json),
        format!("format={}", opts.outputs.format.extension()),
    ];
    options.extend(limit_options(l));
    options.push(format!("timeout_per_file={}", l.file_timeout_secs));
    options.push(format!("max_memory_per_file={}", opts.max_memory_per_file));
    let mut hasher = blake3::Hasher::new();
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    let program = opts.worker.program.canonicalize().unwrap_or_else(|_| opts.worker.program.clone());
    hasher.update(program.to_string_lossy().as_bytes());
    if let Ok(meta) = std::fs::metadata(&program) {
        hasher.update(&meta.len().to_le_bytes());
        let modified = meta.modified().ok().and_then(|m| m.duration_since(std::time::UNIX_EPOCH).ok());
        hasher.update(&modified.map_or(0, |d| d.as_nanos()).to_le_bytes());
    }
    for o in &options {
        hasher.update(o.as_bytes()).update(b"\n");
    }
    // The CSVs' encoding changes the aggregates only, never a fragment:
    // switching it reuses every input.
    options.push(format!("csv_encoding={}", opts.outputs.encoding.as_str()));
    // Nor does durability: the same bytes, only when they reach the disk.
    options.push(format!("sync={}", opts.outputs.sync));
    (hasher.finalize().to_hex()[..32].to_string(), options)
}

fn spawn_workers(opts: &RunOptions, config: &WorkerConfig) -> Result<Vec<Worker>, RunError> {
    (0..opts.jobs.max(1)).map(|_| spawn_worker(&opts.worker, config)).collect()
}

fn spawn_worker(command: &WorkerCommand, config: &WorkerConfig) -> Result<Worker, RunError> {
    Worker::spawn(command, config).map_err(|source| RunError::Worker { program: command.program.clone(), source })
}

/// Converts every planned input with `opts.jobs` workers (some perhaps
/// already started) while `assemble` writes the aggregates from the
/// [`Results`] in input order, entry by entry as they arrive: the
/// aggregates are done soon after the last file is. `known` holds the
/// content hashes a database already has (an incremental import): those
/// inputs are skipped.
#[allow(clippy::too_many_arguments)]
fn convert_all<T>(
    opts: &RunOptions,
    plans: &[Plan],
    config: &WorkerConfig,
    mut started: Vec<Worker>,
    known: &HashMap<String, String>,
    previous: &HashMap<String, Location>,
    assemble: impl FnOnce(&mut Results) -> Result<T, RunError>,
) -> Result<(T, Results), RunError> {
    let next = AtomicUsize::new(0);
    let abort = AtomicBool::new(false);
    let inbox = Inbox::new(RESULTS_BATCH);
    let failures = Mutex::new(LogWriter::new(&config.fragments_dir, "s"));
    let before = Earlier { locations: previous, failures: &failures };
    let out_to_sync = opts.outputs.sync.then_some(config.out_dir.as_path());
    let mut results = Results::new(Arc::clone(&inbox), plans.len(), opts.progress, out_to_sync);
    let (assembled, finished) = std::thread::scope(|scope| {
        let mut handles = Vec::new();
        for _ in 0..opts.jobs.clamp(1, plans.len().max(1)) {
            let tx = inbox.sender();
            let (next, abort) = (&next, &abort);
            let worker = started.pop();
            let before = &before;
            handles.push(scope.spawn(move || -> Result<(), RunError> {
                let mut slot = WorkerSlot { command: &opts.worker, config, worker };
                let mut logs = Logs::new(&config.fragments_dir);
                let result = feed(
                    &mut slot,
                    || {
                        if abort.load(Ordering::Relaxed) {
                            return None;
                        }
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let plan = plans.get(i)?;
                        Some((i, prepare(plan, opts, config, known, before, &mut logs)))
                    },
                    |i, job, outcome| finish(&plans[i], job, outcome, config, before),
                    Duration::from_secs(opts.limits.file_timeout_secs),
                    &tx,
                );
                if result.is_err() {
                    abort.store(true, Ordering::Relaxed);
                }
                result
            }));
        }
        let (stop_writeback, stop) = mpsc::channel::<()>();
        if let Some(out) = out_to_sync {
            scope.spawn(move || pace_writeback(out, &stop));
        }
        let assembled = assemble(&mut results);
        drop(stop_writeback);
        // An assembly that failed stops the workers at their next input.
        if assembled.is_err() {
            abort.store(true, Ordering::Relaxed);
        }
        let finished = handles.into_iter().map(|h| h.join().unwrap_or(Ok(()))).collect::<Result<Vec<()>, RunError>>();
        (assembled, finished)
    });
    // A worker that could not be started is why results went missing.
    finished?;
    Ok((assembled?, results))
}

/// How many results wake the assembly (see [`inbox`]): a few milliseconds
/// of files, which the assembly then writes in one go.
const RESULTS_BATCH: usize = 8;

/// The conversion's results as they arrive, for the assembly: it asks for
/// each input in order and waits until that one is done, keeping the
/// progress display going meanwhile.
struct Results {
    inbox: Arc<Inbox<(usize, Processed)>>,
    origins: Vec<Option<Origin>>,
    locations: Vec<Option<Location>>,
    received: usize,
    peak_rss_worker: Option<u64>,
    progress: progress::Progress,
    /// The output folder, when the run makes its files durable.
    out_to_sync: Option<PathBuf>,
    synced: Option<std::thread::JoinHandle<()>>,
}

impl Results {
    fn new(
        inbox: Arc<Inbox<(usize, Processed)>>,
        files: usize,
        mode: ProgressMode,
        out_to_sync: Option<&Path>,
    ) -> Results {
        Results {
            inbox,
            origins: vec![None; files],
            locations: vec![None; files],
            received: 0,
            peak_rss_worker: None,
            progress: progress::Progress::new(mode, files),
            out_to_sync: out_to_sync.map(Path::to_path_buf),
            synced: None,
        }
    }

    /// Input `n`'s origin and fragment, once it is done; `None` when the
    /// workers stopped before it (the run failed: a worker could not start).
    fn get(&mut self, n: usize) -> Option<(Origin, Option<&Location>)> {
        while self.origins.get(n)?.is_none() {
            let mut arrived = Vec::new();
            match self.inbox.receive(&mut arrived, Duration::from_secs(1)) {
                Received::Items => {
                    for (i, done) in arrived {
                        self.take(i, done);
                    }
                }
                Received::Timeout => self.progress.tick(),
                Received::Closed => return None,
            }
        }
        Some((self.origins[n]?, self.locations[n].as_ref()))
    }

    fn take(&mut self, i: usize, done: Processed) {
        self.progress.file_done(done.failed, done.origin != Origin::Converted);
        self.origins[i] = Some(done.origin);
        self.locations[i] = done.fragment;
        self.peak_rss_worker = self.peak_rss_worker.max(done.peak_rss);
        self.received += 1;
        if self.received == self.origins.len() {
            // Every file is written: one syncfs makes them durable, waiting
            // on the disk while the assembly finishes on the CPU. A run that
            // reused every input wrote none.
            if let Some(out) = self.out_to_sync.clone().filter(|_| self.origins.contains(&Some(Origin::Converted))) {
                self.synced = Some(std::thread::spawn(move || sync_output_tree(&out)));
            }
        }
    }

    /// Waits until the files the workers wrote are durable.
    fn wait_durable(&mut self) {
        if let Some(synced) = self.synced.take() {
            let _ = synced.join();
        }
    }
}

/// The progress display ends with the results, whether the run completed
/// or failed.
impl Drop for Results {
    fn drop(&mut self) {
        self.progress.finish();
    }
}

/// What a run reads of earlier runs while converting, and where the
/// supervisor appends the fragments of the failures it reports itself.
struct Earlier<'a> {
    locations: &'a HashMap<String, Location>,
    failures: &'a Mutex<LogWriter>,
}

/// A worker process, started when first needed and again after one dies.
struct WorkerSlot<'a> {
    command: &'a WorkerCommand,
    config: &'a WorkerConfig,
    worker: Option<Worker>,
}

impl WorkerSlot<'_> {
    fn get(&mut self) -> Result<&mut Worker, RunError> {
        let worker = match self.worker.take() {
            Some(worker) => worker,
            None => spawn_worker(self.command, self.config)?,
        };
        Ok(self.worker.insert(worker))
    }
}

/// What became of one input while converting.
struct Processed {
    origin: Origin,
    failed: bool,
    /// Where its fragment is (none when it could not be written, or the
    /// database holds the input and no earlier run of this folder did).
    fragment: Option<Location>,
    /// The peak memory of the worker that converted it, given with the
    /// last file of each worker.
    peak_rss: Option<u64>,
}

impl Processed {
    fn new(origin: Origin, report: &FileReport, fragment: Option<Location>) -> Processed {
        Processed { origin, failed: report.status == Status::Failed, fragment, peak_rss: None }
    }
}

/// What one input needs after the checks that come before a worker.
enum Prepared {
    /// Nothing more: failed early, reused, or held by the database.
    Done(Processed),
    /// A job for a worker.
    Job(Box<SentJob>),
}

/// A job handed to a worker, and what its report needs if the worker dies.
struct SentJob {
    job: Job,
    /// The input's hash, when the supervisor computed it.
    hash: Option<String>,
    /// When the worker began on it (when it was sent, or when the job before
    /// it was answered): the per-file timeout counts from here.
    started: Instant,
}

/// One input, up to the worker: fail it early, reuse it, skip it as the
/// database holds it, or make its job. Its fragment is written unless the
/// database held it.
fn prepare(
    plan: &Plan,
    opts: &RunOptions,
    config: &WorkerConfig,
    known: &HashMap<String, String>,
    before: &Earlier<'_>,
    logs: &mut Logs,
) -> Prepared {
    let relative = &plan.input.relative;
    let fail = |report: FileReport| {
        let fragment = write_failure(plan, config, &report, before.failures);
        Prepared::Done(Processed::new(Origin::Converted, &report, fragment))
    };
    if let Some(err) = &plan.input.walk_error {
        return fail(FileReport::failed(relative.clone(), format!("cannot walk: {err}")));
    }
    let size = match std::fs::metadata(&plan.input.path) {
        Ok(m) => m.len(),
        Err(e) => return fail(FileReport::failed(relative.clone(), format!("cannot read file: {e}"))),
    };
    if size > opts.limits.max_file_bytes {
        let err = jixiao_extract::ExtractError::TooLarge { size, limit: opts.limits.max_file_bytes };
        return fail(FileReport { bytes: Some(size), ..FileReport::failed(relative.clone(), err.to_string()) });
    }
    // Only an incremental run needs the hash before converting; a full run
    // leaves it to the worker, which hashes the bytes it reads anyway.
    let hash = if opts.incremental {
        let hash = match hash_file(&plan.input.path) {
            Ok(h) => h,
            Err(e) => return fail(FileReport::failed(relative.clone(), format!("cannot read file: {e}"))),
        };
        let earlier = before.locations.get(relative);
        if let Some((report, location)) = earlier.and_then(|l| reusable(plan, config, &hash, l, logs)) {
            return Prepared::Done(Processed::new(Origin::Fragment, &report, Some(location)));
        }
        if known.get(relative) == Some(&hash) {
            // Nothing to read: the database holds its rows; an earlier
            // fragment of this folder stays for a later conversion.
            let fragment = earlier.cloned();
            return Prepared::Done(Processed { origin: Origin::Database, failed: false, fragment, peak_rss: None });
        }
        Some(hash)
    } else {
        None
    };
    let job = Job {
        path: plan.input.path.clone(),
        relative: relative.clone(),
        json_out: plan.json_out.clone(),
        bytes: size,
        content_hash: hash.clone(),
    };
    Prepared::Job(Box::new(SentJob { job, hash, started: Instant::now() }))
}

/// The worker's answer to a job, or how it died on it.
fn finish(
    plan: &Plan,
    sent: &SentJob,
    outcome: Result<worker::Reply, pool::Death>,
    config: &WorkerConfig,
    before: &Earlier<'_>,
) -> Processed {
    match outcome {
        Ok(reply) => {
            Processed { origin: Origin::Converted, failed: reply.failed, fragment: reply.fragment, peak_rss: None }
        }
        Err(death) => {
            let mut report = FileReport::failed(plan.input.relative.clone(), death.message());
            report.bytes = Some(sent.job.bytes);
            report.blake3 = sent.hash.clone().or_else(|| hash_file(&plan.input.path).ok());
            report.millis = sent.started.elapsed().as_millis() as u64;
            report.worker_failure = Some(death.failure);
            let fragment = write_failure(plan, config, &report, before.failures);
            Processed::new(Origin::Converted, &report, fragment)
        }
    }
}

/// How many jobs a worker holds at once: the one it converts and the next,
/// which it reads as soon as it answers (it never waits for the
/// supervisor between files). A worker converts its jobs in order, so a
/// death always belongs to the oldest unanswered one; the jobs queued
/// behind it go to the worker that replaces it.
const JOBS_PER_WORKER: usize = 2;

/// Keeps one worker busy: takes inputs from `take` (`None` when there are
/// no more), hands their jobs over [`JOBS_PER_WORKER`] at a time, and
/// makes each answer (or death) a result with `done`. Every input's result,
/// whether it needed a worker or not, goes to `results`.
fn feed(
    slot: &mut WorkerSlot<'_>,
    mut take: impl FnMut() -> Option<(usize, Prepared)>,
    mut done: impl FnMut(usize, &SentJob, Result<worker::Reply, pool::Death>) -> Processed,
    timeout: Duration,
    results: &inbox::Sender<(usize, Processed)>,
) -> Result<(), RunError> {
    let mut in_flight: VecDeque<(usize, Box<SentJob>)> = VecDeque::new();
    let mut more = true;
    loop {
        while more && in_flight.len() < JOBS_PER_WORKER {
            match take() {
                Some((i, Prepared::Done(processed))) => {
                    results.send((i, processed));
                }
                Some((i, Prepared::Job(mut sent))) => {
                    // A job that cannot be written to a dead worker is
                    // answered by its death below.
                    let worker = slot.get()?;
                    let _ = worker.send(&sent.job);
                    if in_flight.is_empty() {
                        sent.started = Instant::now();
                    }
                    in_flight.push_back((i, sent));
                }
                None => more = false,
            }
        }
        let Some((_, front)) = in_flight.front() else { return Ok(()) };
        let left = timeout.saturating_sub(front.started.elapsed());
        let Some(worker) = slot.worker.as_mut() else { return Ok(()) };
        let outcome = worker.receive(left, timeout);
        let died = outcome.is_err();
        // The worker's peak memory, read once it has answered its last job
        // and comes with that job's result. A worker that died is in the
        // report by its death, and its earlier files are not counted.
        let last = !died && !more && in_flight.len() == 1;
        let peak_rss = if last { worker.peak_rss() } else { None };
        if let Some((i, sent)) = in_flight.pop_front() {
            results.send((i, Processed { peak_rss, ..done(i, &sent, outcome) }));
        }
        if died {
            slot.worker = None;
            for (_, sent) in &mut in_flight {
                let _ = slot.get()?.send(&sent.job);
            }
        }
        if let Some((_, next)) = in_flight.front_mut() {
            next.started = Instant::now();
        }
    }
}

/// BLAKE3 of a file's content, streamed.
fn hash_file(path: &Path) -> std::io::Result<String> {
    let mut hasher = blake3::Hasher::new();
    hasher.update_reader(std::fs::File::open(path)?)?;
    Ok(hasher.finalize().to_hex().to_string())
}

/// The earlier entry of this input, when its content, its output name and
/// the run's fingerprint are unchanged and its JSON is still there. An
/// empty JSON is not there: what an operating-system crash can leave of a
/// file written by a run with `--no-sync` (a canonical JSON is never empty).
fn reusable(
    plan: &Plan,
    config: &WorkerConfig,
    hash: &str,
    location: &Location,
    logs: &mut Logs,
) -> Option<(FileReport, Location)> {
    let head = logs.read_head(location)?;
    let same = head.relative == plan.input.relative
        && head.content_hash.as_deref() == Some(hash)
        && head.fingerprint == config.fingerprint
        && head.json_out == plan.json_out
        && head
            .report
            .output
            .as_ref()
            .is_none_or(|o| std::fs::metadata(config.out_dir.join(o)).is_ok_and(|m| m.is_file() && m.len() > 0));
    same.then(|| (FileReport { reused: true, ..head.report }, location.clone()))
}

/// The fragment of an input that produced nothing but its report entry.
fn write_failure(plan: &Plan, config: &WorkerConfig, report: &FileReport, log: &Mutex<LogWriter>) -> Option<Location> {
    let head = fragment::Head::new(
        &plan.input.relative,
        report.blake3.clone(),
        &config.fingerprint,
        &plan.json_out,
        report.clone(),
    );
    // A fragment that cannot be written is reported at assembly.
    log.lock().ok()?.append(head, &[], &[]).ok()
}

/// Assembles the aggregates from the fragments (see [`assemble`]), makes
/// everything durable at once, renames the aggregates into place (and
/// saves the workbook), and removes the outputs of an earlier run that
/// this one does not write.
#[allow(clippy::too_many_arguments)]
fn finish_outputs(
    plans: &[Plan],
    results: &mut Results,
    layout: &Layout,
    outputs: &Outputs,
    info: &mut RunInfo,
    started: Instant,
    database: Option<&mut database::DbSink>,
) -> Result<RunOutcome, RunError> {
    let mut outcome = RunOutcome { files: plans.len(), ..RunOutcome::default() };
    let assembled = assemble::assemble(plans, results, layout, outputs, info, started, &mut outcome, database)?;
    let written = assembled.files;
    if outputs.sync {
        for (file, name) in &written {
            file.as_file().sync_all().map_err(|e| RunError::Output { path: layout.out.join(name), source: e })?;
        }
    }
    results.wait_durable();
    // The tables of the other format, from an earlier run, are not this
    // run's results.
    let other = match outputs.format {
        TableFormat::Csv => TableFormat::Jsonl,
        TableFormat::Jsonl => TableFormat::Csv,
    };
    for table in ["indicators", "projects"] {
        let _ = std::fs::remove_file(layout.out.join(format!("{table}.{}", other.extension())));
        if !outputs.tables {
            let _ = std::fs::remove_file(layout.out.join(format!("{table}.{}", outputs.format.extension())));
        }
    }
    if outputs.review.is_none() {
        let _ = std::fs::remove_file(layout.out.join("review.csv"));
    }
    // An earlier run's evaluations are not this run's when it printed no
    // result.
    if !written.iter().any(|(_, name)| name == "evaluations.csv") {
        let _ = std::fs::remove_file(layout.out.join("evaluations.csv"));
    }
    for (file, name) in written {
        let dest = layout.out.join(name);
        file.persist(&dest).map_err(|e| RunError::Output { path: dest.clone(), source: e.error })?;
    }
    if outputs.sync {
        if let Ok(dir) = std::fs::File::open(&layout.out) {
            let _ = dir.sync_all();
        }
    }
    if let (Some(book), Some(dest)) = (assembled.workbook, &outputs.xlsx) {
        save_workbook(book, dest, outputs.sync)?;
    }
    assemble::keep_slowest(&mut outcome.slowest);
    Ok(outcome)
}

/// Saves the workbook beside `dest` and renames it into place: a reader
/// never sees half a workbook, and the previous one stays until then.
fn save_workbook(book: jixiao_emit::WorkbookSink, dest: &Path, sync: bool) -> Result<(), RunError> {
    let dir = dest.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let error = |e: std::io::Error| RunError::Output { path: dest.to_path_buf(), source: e };
    std::fs::create_dir_all(dir).map_err(error)?;
    let tmp = jixiao_emit::temp_file_in(dir).map_err(error)?;
    book.save(tmp.path()).map_err(|e| error(std::io::Error::other(e.to_string())))?;
    if sync {
        tmp.as_file().sync_all().map_err(error)?;
    }
    tmp.persist(dest).map_err(|e| error(e.error))?;
    Ok(())
}

/// How often the files written so far are sent to the disk while the
/// workers convert.
const WRITEBACK_EVERY: Duration = Duration::from_millis(150);

/// Sends the files written so far to the disk while the workers convert
/// (until `stop` is dropped), so that the syncfs that makes them durable at
/// the end of the run finds little left to write: the assembly keeps pace
/// with the workers, and that syncfs is all that remains after the last
/// file. It waits on the disk, not the CPU.
fn pace_writeback(out: &Path, stop: &mpsc::Receiver<()>) {
    while let Err(mpsc::RecvTimeoutError::Timeout) = stop.recv_timeout(WRITEBACK_EVERY) {
        sync_output_tree(out);
    }
}

/// Makes every file the workers renamed into place durable in one call
/// instead of one fsync per file.
fn sync_output_tree(out: &Path) {
    #[cfg(target_os = "linux")]
    if let Ok(dir) = std::fs::File::open(out) {
        let _ = rustix::fs::syncfs(&dir);
    }
    #[cfg(not(target_os = "linux"))]
    let _ = out;
}

/// How the files a run writes once (the index) reach the disk.
fn durability(outputs: &Outputs) -> jixiao_emit::Durability {
    if outputs.sync {
        jixiao_emit::Durability::Now
    } else {
        jixiao_emit::Durability::Batched
    }
}

/// Removes the folders above `file` that are empty now, up to (and not
/// including) `top`: a folder of inputs that vanished leaves no empty
/// folder behind in `json/`. A folder that still holds anything stays.
fn remove_empty_parents(top: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir.filter(|d| d.starts_with(top) && *d != top) {
        // `remove_dir` removes only an empty folder: the first that is not
        // ends the climb.
        if std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// Removes the JSON of inputs that are gone, unless an input of this run
/// writes the same name: the output folder holds exactly this run's
/// results (their fragments go with the logs no input refers to).
fn remove_vanished(plans: &[Plan], previous: &HashMap<String, Location>, layout: &Layout) {
    let current: HashSet<&str> = plans.iter().map(|p| p.input.relative.as_str()).collect();
    let outputs: HashSet<&str> = plans.iter().map(|p| p.json_out.as_str()).collect();
    let mut logs = Logs::new(&layout.fragments);
    for (relative, location) in previous {
        if current.contains(relative.as_str()) {
            continue;
        }
        if let Some(head) = logs.read_head(location) {
            let ours = head.json_out.starts_with("json/") && !head.json_out.split('/').any(|c| c == "..");
            if ours && !outputs.contains(head.json_out.as_str()) {
                let _ = std::fs::remove_file(layout.out.join(&head.json_out));
                remove_empty_parents(&layout.out.join("json"), &layout.out.join(&head.json_out));
            }
        }
    }
}
