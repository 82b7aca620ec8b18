//! `jixiao`: converts archived 绩效目标表 into canonical JSON and CSV.

use clap::{Args, Parser, Subcommand};
use jixiao_extract::Limits;
use jixiao_run::{ProgressMode, RunOptions, Shard, WorkerCommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// jemalloc rather than the system allocator: a conversion makes many
/// small strings, and glibc's malloc and free were a fifth of a worker's
/// time. Measured on 600 files at `-j 2`: 0.418 → 0.379 s, for 5 MB more
/// peak RSS per worker. An allocation over the worker's address-space
/// ceiling still fails and ends only that worker, as with glibc (the span
/// bomb tests). mimalloc was tried before and rejected: no gain, twice the
/// RSS, and it failed under `RLIMIT_AS`.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// Turns archived Chinese budget performance target tables (绩效目标表) into
/// clean, canonical data.
#[derive(Parser)]
#[command(name = "jixiao", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert files and folders (walked recursively, in sorted order).
    ///
    /// Writes OUT_DIR/json/<input path>.json per input, OUT_DIR/indicators.csv,
    /// OUT_DIR/projects.csv, OUT_DIR/report.json and OUT_DIR/report.csv. Each
    /// file is converted in a worker process with its own time and memory
    /// limits. Exit status: 0 when no file reached the --fail-on status, 1
    /// when some did (the others are still written), 2 on usage errors, 3
    /// when the run itself could not complete or could not see its inputs
    /// (the last outputs are then left as they were).
    Convert(ConvertArgs),
    /// Convert as `convert` does, and review every project's targets (初审):
    /// writes OUT_DIR/review.csv, one row per finding with the reviewer's
    /// opinion, counts by rule and project in report.json, and a 审核意见
    /// sheet in the workbook (--xlsx). The default rules ship in the binary;
    /// --rules FILE extends them (or replaces them: mode = "replace").
    Review {
        #[command(flatten)]
        args: ConvertArgs,
        /// A rules file (TOML; see the README's review section).
        #[arg(long, value_name = "FILE")]
        rules: Option<PathBuf>,
    },
    /// Convert as `convert` does and import every input into a database:
    /// SQLite (`--db FILE`, created when missing) or PostgreSQL (`--db
    /// postgres://…`), one transaction per file, keyed by the input's
    /// relative path and content hash, so that importing again changes
    /// nothing and many hosts can import into one PostgreSQL at once. With
    /// --incremental, an input whose content the database already holds is
    /// not parsed. The run's report goes to -o DIR when given (else to a
    /// temporary folder, removed at the end); the tables are the database's.
    Import {
        /// The database: a SQLite file's path (or sqlite:PATH), a
        /// postgres:// URL or libpq's key=value form; anything else is
        /// refused. Prefer PGPASSWORD to a password in the string.
        #[arg(long, value_name = "URL")]
        db: String,
        /// Keep the run's report (report.json, report.csv, report.html) and
        /// the per-input results here; by default they go to a temporary
        /// folder removed at the end.
        #[arg(short, long = "out", value_name = "DIR")]
        out: Option<PathBuf>,
        #[command(flatten)]
        run: RunArgs,
    },
    /// Show how one file is read: its grid with each cell's role, then the
    /// rebuilt indicator rows with their sources and repairs.
    Inspect {
        /// The file to inspect.
        file: PathBuf,
        /// Print JSON (every cell with role and source, and the aligned owners).
        #[arg(long)]
        json: bool,
    },
    /// Print the JSON Schemas of the outputs (document, CSV rows, report).
    Schema {
        /// Write them as files into this directory instead of printing.
        #[arg(long, value_name = "DIR")]
        write: Option<PathBuf>,
    },
    /// A worker process of a run (started by `convert`; reads jobs on stdin).
    #[command(hide = true)]
    Worker,
}

/// Exit status of a usage error (clap's own).
const EXIT_USAGE: u8 = 2;

/// Exit status when the run itself could not complete (output not
/// writable, another run holding the folder, no worker could start).
const EXIT_RUN_FAILED: u8 = 3;

/// `jixiao convert`.
#[derive(Args)]
struct ConvertArgs {
    // Declared after `run` so that clap orders the headings Inputs, Run,
    // Outputs, Limits (a heading is placed where it is first used).
    #[command(flatten)]
    run: RunArgs,
    /// Output directory (created if missing; files in it are replaced atomically).
    #[arg(short, long = "out", value_name = "OUT_DIR", help_heading = "Outputs")]
    out: PathBuf,
    #[command(flatten)]
    tables: TableArgs,
}

/// What every run takes: the inputs, limits and how to run.
#[derive(Args)]
#[command(next_help_heading = "Inputs")]
struct RunArgs {
    /// Input files or directories.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Name every input by its path relative to DIR (`source_file`), so a
    /// file keeps its name whatever else is given with it; every input must
    /// lie inside DIR. By default: the deepest folder holding every input.
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
    /// Follow links that point outside the folders given (by default such a
    /// link is a report entry, so that a link to / is never walked).
    #[arg(long)]
    follow_links: bool,
    /// When no input file is found, write empty outputs instead of failing
    /// with exit status 3 and leaving the last outputs as they were.
    #[arg(long)]
    allow_empty: bool,
    /// Worker processes (default: one per core).
    #[arg(short, long, value_parser = at_least_one, help_heading = "Run")]
    jobs: Option<usize>,
    /// Reuse the results of inputs unchanged since the last run into OUT_DIR
    /// (same content hash, same jixiao build and options); resumes a killed run.
    /// With `import`, inputs whose content the database holds are skipped too.
    #[arg(long, help_heading = "Run")]
    incremental: bool,
    /// Convert only shard K of N (K from 0): inputs are split by a hash of
    /// their relative path, so N hosts can share one archive without talking.
    /// auto/N takes K from the scheduler: JOB_COMPLETION_INDEX (Kubernetes),
    /// SLURM_ARRAY_TASK_ID (Slurm), AWS_BATCH_JOB_ARRAY_INDEX, SGE_TASK_ID.
    #[arg(long, value_name = "K/N", help_heading = "Run")]
    shard: Option<Shard>,
    /// Exit 1 when some file is at least this bad: failed (not converted),
    /// partial (failed, or part of it lost: rows may be missing) or review
    /// (also files with a doubt about the whole file). Exit 0 otherwise.
    #[arg(long, default_value = "partial", value_name = "STATUS", help_heading = "Run")]
    fail_on: jixiao_run::FailOn,
    /// Indent the per-input JSON for people (compact by default).
    #[arg(long, help_heading = "Outputs")]
    pretty: bool,
    /// Do not wait for the outputs to reach the disk (by default the run
    /// ends only when they are durable). Faster; outputs are still replaced
    /// whole, but an operating-system crash soon after the run can leave
    /// files empty: rerun without --incremental after one.
    #[arg(long, help_heading = "Run")]
    no_sync: bool,
    /// Print nothing but errors, failed files and partial files.
    #[arg(short, long, help_heading = "Run")]
    quiet: bool,
    /// Memory ceiling of each worker process (address space), in bytes or with
    /// a K/M/G suffix: a file that needs more fails alone.
    #[arg(long, default_value = "2G", value_parser = parse_size, help_heading = "Limits")]
    max_memory_per_file: u64,
    #[command(flatten)]
    limits: LimitArgs,
}

/// How `convert` and `review` write their tables.
#[derive(Args)]
#[command(next_help_heading = "Outputs")]
struct TableArgs {
    /// Write CSV cells that start with = + - @ as they are; by default they get a
    /// leading ' so that spreadsheets do not run them as formulas.
    #[arg(long)]
    no_formula_guard: bool,
    /// Encoding of the CSVs: utf8-bom (spreadsheets read the Chinese text
    /// right), utf8, gbk (for tools that want it; a character GBK cannot
    /// hold stops the run naming it), or gb18030 (holds every character).
    #[arg(long, default_value = "utf8-bom", value_name = "ENCODING")]
    csv_encoding: jixiao_run::CsvEncoding,
    /// Write the indicator and project tables as csv, or as jsonl (one JSON
    /// object a line: indicators.jsonl, projects.jsonl) for data tools.
    #[arg(long, default_value = "csv", value_name = "FORMAT")]
    format: jixiao_run::TableFormat,
    /// Also write the analyst's workbook to FILE: sheets 项目, 指标 and 运行报告,
    /// numbers as numbers, deadlines as dates, codes as text.
    #[arg(long, value_name = "FILE")]
    xlsx: Option<PathBuf>,
}

/// The per-file limits, each checked by clap: a limit of 0 would fail every
/// file (or, for the timeout, kill every worker at once).
#[derive(Args)]
#[command(next_help_heading = "Limits")]
struct LimitArgs {
    /// Largest input file to read, in bytes.
    #[arg(long, default_value_t = Limits::default().max_file_bytes, value_parser = clap::value_parser!(u64).range(1..))]
    max_file_size: u64,
    /// Largest total of decompressed ZIP entries (.docx, .xlsx) per file, in bytes.
    #[arg(long, default_value_t = Limits::default().max_unzipped_bytes, value_parser = clap::value_parser!(u64).range(1..))]
    max_unzipped: u64,
    /// Most cells one table or sheet may span.
    #[arg(long, default_value_t = Limits::default().max_cells, value_parser = clap::value_parser!(u64).range(1..))]
    max_cells: u64,
    /// Most sheets one workbook may list.
    #[arg(long, default_value_t = Limits::default().max_sheets, value_parser = at_least_one)]
    max_sheets: usize,
    /// Most pages one PDF may have.
    #[arg(long, default_value_t = Limits::default().max_pages, value_parser = at_least_one)]
    max_pages: usize,
    /// Deepest nesting of tables in a document.
    #[arg(long, default_value_t = Limits::default().max_depth, value_parser = at_least_one)]
    max_depth: usize,
    /// Longest one file may take, in seconds; its worker process is killed then.
    #[arg(long, default_value_t = Limits::default().file_timeout_secs, value_parser = clap::value_parser!(u64).range(1..))]
    timeout_per_file: u64,
}

impl From<&LimitArgs> for Limits {
    fn from(a: &LimitArgs) -> Limits {
        Limits {
            max_file_bytes: a.max_file_size,
            max_unzipped_bytes: a.max_unzipped,
            max_cells: a.max_cells,
            max_sheets: a.max_sheets,
            max_pages: a.max_pages,
            max_depth: a.max_depth,
            file_timeout_secs: a.timeout_per_file,
        }
    }
}

fn at_least_one(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(0) => Err("must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("{s:?} is not a whole number")),
    }
}

/// Reads `2G`, `512M`, `64K` or a plain number of bytes.
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim().trim_end_matches(['B', 'b']).trim_end_matches(['i', 'I']);
    let (digits, scale) = match t.chars().last() {
        Some('K' | 'k') => (&t[..t.len() - 1], 1u64 << 10),
        Some('M' | 'm') => (&t[..t.len() - 1], 1 << 20),
        Some('G' | 'g') => (&t[..t.len() - 1], 1 << 30),
        Some('T' | 't') => (&t[..t.len() - 1], 1 << 40),
        _ => (t, 1),
    };
    let n: u64 = digits.trim().parse().map_err(|_| format!("{s:?} is not a size (e.g. 2G, 512M, 1048576)"))?;
    let bytes = n.checked_mul(scale).ok_or_else(|| format!("{s:?} is too large"))?;
    if bytes < 64 << 20 {
        return Err(format!("{s:?} is below 64M, too little for a worker to start"));
    }
    Ok(bytes)
}

fn main() -> ExitCode {
    // A reader that panics on damaged input is caught per file and reported
    // in report.json; one line on stderr is enough.
    std::panic::set_hook(Box::new(|info| {
        let msg = jixiao_extract::panic_message(info.payload());
        let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!("jixiao: a reader stopped on damaged input ({msg}{place}); the file is reported as failed");
    }));
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("jixiao: {err:#}");
            ExitCode::from(1)
        }
    }
}

/// A rules file is a few kilobytes of TOML; more than this is not one
/// (`--rules /dev/zero` would otherwise be read until memory runs out).
const MAX_RULES_BYTES: u64 = 1 << 20;

/// Reads a rules file, at most [`MAX_RULES_BYTES`], as UTF-8. Only a
/// regular file is one: a device never ends, and a FIFO would block the
/// run before it starts.
fn read_rules(path: &std::path::Path) -> std::io::Result<String> {
    use std::io::Read;
    if !std::fs::metadata(path)?.is_file() {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a regular file: not a rules file"));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.take(MAX_RULES_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_RULES_BYTES {
        let message = format!("over {} KiB: not a rules file", MAX_RULES_BYTES / 1024);
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, message));
    }
    String::from_utf8(bytes).map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text"))
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Convert(args) => convert(args, None),
        Command::Import { db, out, run } => import(db, out, run),
        Command::Review { args, rules } => {
            let rules = match rules {
                None => jixiao_review::RuleSet::defaults(),
                Some(path) => {
                    let text = match read_rules(&path) {
                        Ok(text) => text,
                        Err(e) => {
                            eprintln!("jixiao: cannot read the rules file {}: {e}", path.display());
                            return Ok(EXIT_USAGE);
                        }
                    };
                    match jixiao_review::RuleSet::with_file(&path.display().to_string(), &text) {
                        Ok(rules) => rules,
                        Err(e) => {
                            eprintln!("jixiao: the rules file cannot be used: {e}");
                            return Ok(EXIT_USAGE);
                        }
                    }
                }
            };
            convert(args, Some(std::sync::Arc::new(rules)))
        }
        Command::Inspect { file, json } => {
            // The error's own message names its cause: printed once, not
            // again as its source.
            let (doc, aligned) = jixiao_cli::inspect::load(&file, &Limits::default())
                .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
            let text = if json {
                serde_json::to_string_pretty(&jixiao_cli::inspect::render_json(&doc, &aligned))? + "\n"
            } else {
                jixiao_cli::inspect::render_text(&doc, &aligned)
            };
            print_out(&text)?;
            Ok(0)
        }
        Command::Schema { write } => {
            let schemas = jixiao_cli::schema::all();
            match &write {
                Some(dir) => {
                    std::fs::create_dir_all(dir)?;
                    for (name, schema) in schemas {
                        std::fs::write(dir.join(name), serde_json::to_string_pretty(&schema)? + "\n")?;
                    }
                }
                // One JSON document that any JSON tool reads: the schemas keyed by file name.
                None => {
                    let all: serde_json::Map<String, serde_json::Value> =
                        schemas.into_iter().map(|(name, schema)| (name.to_string(), schema)).collect();
                    print_out(&(serde_json::to_string_pretty(&all)? + "\n"))?;
                }
            }
            Ok(0)
        }
        Command::Worker => {
            jixiao_run::worker::serve(std::io::stdin().lock(), std::io::stdout().lock())?;
            Ok(0)
        }
    }
}

/// Writes `text` to stdout. A reader that closed the pipe early (`| head`)
/// has all it wanted: that ends the command quietly, not as an error.
fn print_out(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

fn convert(args: ConvertArgs, review: Option<std::sync::Arc<jixiao_review::RuleSet>>) -> anyhow::Result<u8> {
    let t = args.tables;
    let outputs = jixiao_run::Outputs {
        xlsx: t.xlsx,
        review,
        format: t.format,
        encoding: t.csv_encoding,
        formula_guard: !t.no_formula_guard,
        tables: true,
        database: None,
        sync: !args.run.no_sync,
    };
    execute(args.run, args.out, outputs, true)
}

/// `jixiao import`: the run, with the database as its sink and no tables.
fn import(db: String, out: Option<PathBuf>, run: RunArgs) -> anyhow::Result<u8> {
    let outputs = jixiao_run::Outputs {
        xlsx: None,
        review: None,
        format: jixiao_run::TableFormat::Csv,
        encoding: jixiao_run::CsvEncoding::Utf8Bom,
        formula_guard: true,
        tables: false,
        database: Some(db),
        sync: !run.no_sync,
    };
    match out {
        Some(out) => execute(run, out, outputs, true),
        None => {
            // The run's own files go to a folder of their own, removed at the end.
            let work = match tempfile::Builder::new().prefix("jixiao-import-").tempdir() {
                Ok(work) => work,
                Err(e) => {
                    eprintln!("jixiao: cannot make a temporary folder for the run: {e}");
                    return Ok(EXIT_RUN_FAILED);
                }
            };
            // Files removed at the end need not reach the disk: the
            // database's commit is what lasts.
            execute(run, work.path().to_path_buf(), jixiao_run::Outputs { sync: false, ..outputs }, false)
        }
    }
}

/// Runs a conversion and prints its summary; returns the exit status.
/// `keep` is false when `out` is a temporary folder: the summary names no
/// report that will be gone.
fn execute(args: RunArgs, out: PathBuf, outputs: jixiao_run::Outputs, keep: bool) -> anyhow::Result<u8> {
    let Ok(program) = std::env::current_exe() else {
        eprintln!("jixiao: cannot find its own executable to start worker processes");
        return Ok(EXIT_RUN_FAILED);
    };
    let opts = RunOptions {
        inputs: args.inputs,
        root: args.root,
        out_dir: out.clone(),
        limits: Limits::from(&args.limits),
        outputs,
        pretty_json: args.pretty,
        jobs: args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1),
        max_memory_per_file: args.max_memory_per_file,
        incremental: args.incremental,
        shard: args.shard,
        follow_links: args.follow_links,
        allow_empty: args.allow_empty,
        worker: WorkerCommand { program, args: vec!["worker".into()] },
        progress: ProgressMode::for_stderr(args.quiet),
    };
    let outcome = match jixiao_run::run(&opts) {
        Ok(outcome) => outcome,
        Err(err @ (jixiao_run::RunError::OutsideRoot(_) | jixiao_run::RunError::DatabaseRefused(_))) => {
            eprintln!("jixiao: {err}");
            return Ok(EXIT_USAGE);
        }
        Err(err) => {
            eprintln!("jixiao: {err}");
            return Ok(EXIT_RUN_FAILED);
        }
    };
    summarize(&outcome, args.quiet, &out, keep);
    Ok(outcome.exit_code(args.fail_on) as u8)
}

/// The end-of-run summary on stderr: failures always, the rest unless quiet.
fn summarize(outcome: &jixiao_run::RunOutcome, quiet: bool, out: &std::path::Path, keep: bool) {
    let mut err = std::io::stderr().lock();
    for f in &outcome.failures {
        let _ = writeln!(err, "failed: {}: {}", f.input, f.error.as_deref().unwrap_or("unknown error"));
    }
    let more = |listed: usize, total: usize| {
        (total > listed).then(|| format!("… and {} more: see report.csv", total - listed))
    };
    if let Some(line) = more(outcome.failures.len(), outcome.failed) {
        let _ = writeln!(err, "failed: {line}");
    }
    // A partial file lost rows: it is printed under --quiet too, as failures are.
    for (input, status, why) in &outcome.looks {
        if quiet && *status != jixiao_emit::Status::Partial {
            continue;
        }
        let why: Vec<&str> = why.iter().map(|c| c.as_str()).collect();
        let _ = writeln!(err, "needs a look ({}): {input}: {}", status.as_str(), why.join(", "));
    }
    if quiet {
        return;
    }
    if let Some(line) = more(outcome.looks.len(), outcome.review + outcome.partial) {
        let _ = writeln!(err, "needs a look: {line}");
    }
    let slow: Vec<String> = outcome.slowest.iter().take(3).map(|(f, ms)| format!("{f} {ms} ms")).collect();
    let dest = match &outcome.database {
        Some(db) => format!("{} ({} documents imported, {} unchanged)", db.name, db.imported, db.unchanged),
        None => out.display().to_string(),
    };
    let _ = writeln!(
        err,
        "{} files: {} ok, {} to review, {} partial, {} failed ({} reused, {} killed); {} indicators written to {} in {:.1} s{}",
        outcome.files,
        outcome.ok,
        outcome.review,
        outcome.partial,
        outcome.failed,
        outcome.reused,
        outcome.killed,
        outcome.indicators,
        dest,
        outcome.elapsed.as_secs_f64(),
        if slow.is_empty() { String::new() } else { format!("; slowest: {}", slow.join(", ")) }
    );
    if keep {
        let _ = writeln!(err, "report: {}", out.join("report.html").display());
    }
}
