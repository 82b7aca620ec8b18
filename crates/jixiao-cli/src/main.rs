//! `jixiao`: converts archived 绩效目标表 into canonical JSON and CSV.

use anyhow::Context;
use clap::{Parser, Subcommand};
use jixiao_cli::{convert, ConvertOptions};
use jixiao_extract::Limits;
use std::path::PathBuf;
use std::process::ExitCode;

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
    /// OUT_DIR/projects.csv and OUT_DIR/report.json. Exit status: 0 when every
    /// input converted, 1 when some failed (the others are still written),
    /// 2 on usage errors.
    Convert {
        /// Input files or directories.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output directory (created if missing; files in it are replaced atomically).
        #[arg(short, long = "out", value_name = "OUT_DIR")]
        out: PathBuf,
        /// Largest input file to read, in bytes.
        #[arg(long, default_value_t = Limits::default().max_file_bytes)]
        max_file_size: u64,
        /// Largest total of decompressed ZIP entries (.docx, .xlsx) per file, in bytes.
        #[arg(long, default_value_t = Limits::default().max_unzipped_bytes)]
        max_unzipped: u64,
        /// Most cells one sheet may span.
        #[arg(long, default_value_t = Limits::default().max_cells)]
        max_cells: u64,
        /// Deepest nesting of tables in a document.
        #[arg(long, default_value_t = Limits::default().max_depth)]
        max_depth: usize,
        /// Longest one file may take from reading to records, in seconds.
        #[arg(long, default_value_t = Limits::default().file_timeout_secs)]
        timeout_per_file: u64,
        /// Write CSV cells that start with = + - @ as they are; by default they get a
        /// leading ' so that spreadsheets do not run them as formulas.
        #[arg(long)]
        no_formula_guard: bool,
        /// Longest LibreOffice may take to convert one legacy .doc/.wps file, in seconds.
        #[arg(long, default_value_t = Limits::default().helper_timeout_secs)]
        helper_timeout: u64,
        /// Worker threads (default: one per core).
        #[arg(short, long)]
        jobs: Option<usize>,
        /// Print nothing but errors.
        #[arg(short, long)]
        quiet: bool,
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
}

fn main() -> ExitCode {
    // A reader that panics on damaged input is caught per file and reported
    // in report.json; one line on stderr is enough.
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("no message");
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

fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Convert {
            inputs,
            out,
            max_file_size,
            max_unzipped,
            max_cells,
            max_depth,
            timeout_per_file,
            no_formula_guard,
            helper_timeout,
            jobs,
            quiet,
        } => {
            if let Some(n) = jobs {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(n.max(1))
                    .build_global()
                    .context("setting up worker threads")?;
            }
            let opts = ConvertOptions {
                inputs,
                out_dir: out.clone(),
                limits: Limits {
                    max_file_bytes: max_file_size,
                    max_unzipped_bytes: max_unzipped,
                    max_cells,
                    max_depth,
                    helper_timeout_secs: helper_timeout,
                    file_timeout_secs: timeout_per_file,
                },
                formula_guard: !no_formula_guard,
            };
            let outcome = convert(&opts).with_context(|| format!("writing outputs to {}", out.display()))?;
            for f in &outcome.report.files {
                if let Some(err) = &f.error {
                    eprintln!("failed: {}: {err}", f.input);
                }
            }
            if !quiet {
                let r = &outcome.report;
                let indicators: usize = r.files.iter().map(|f| f.counts.indicators).sum();
                eprintln!(
                    "{} files: {} ok, {} partial, {} failed; {indicators} indicators written to {}",
                    r.files.len(),
                    r.ok,
                    r.partial,
                    r.failed,
                    out.display()
                );
            }
            Ok(outcome.exit_code() as u8)
        }
        Command::Inspect { file, json } => {
            let (doc, aligned) = jixiao_cli::inspect::load(&file, &Limits::default())
                .with_context(|| format!("cannot read {}", file.display()))?;
            if json {
                println!("{}", serde_json::to_string_pretty(&jixiao_cli::inspect::render_json(&doc, &aligned))?);
            } else {
                print!("{}", jixiao_cli::inspect::render_text(&doc, &aligned));
            }
            Ok(0)
        }
        Command::Schema { write } => {
            for (name, schema) in jixiao_cli::schema::all() {
                let text = serde_json::to_string_pretty(&schema)? + "\n";
                match &write {
                    Some(dir) => {
                        std::fs::create_dir_all(dir)?;
                        std::fs::write(dir.join(name), text)?;
                    }
                    None => println!("// {name}\n{text}"),
                }
            }
            Ok(0)
        }
    }
}
