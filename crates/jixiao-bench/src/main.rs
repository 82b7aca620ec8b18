//! `make bench`: jixiao's benchmarks, reported as ratios against baselines
//! measured in the same run (absolute times depend on the machine).
//!
//! - `jixiao-bench stages DIR [ROUNDS]`: each stage in-process, against
//!   extraction alone;
//! - `jixiao-bench archive JIXIAO [FILES] [PEERS] [PLAIN_JIXIAO]`: whole
//!   runs of the `jixiao` binary over a generated archive (files/s, MiB/s,
//!   peak memory, incremental rerun), and the 600-file comparison with the
//!   peers (and with PLAIN_JIXIAO, the build without PGO, when given);
//! - `jixiao-bench pdf FILE...`: ms per PDF page, the whole pipeline beside
//!   pdfplumber's own table extraction.

mod archive;
mod corpus;
mod pdf;
mod stages;

use std::path::PathBuf;

/// The allocator the `jixiao` binary uses, so that the stages are timed as
/// a worker runs them.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).map(String::as_str);
    match arg(0) {
        Some("stages") => {
            let dir = PathBuf::from(arg(1).unwrap_or("samples"));
            stages::run(&dir, arg(2).and_then(|a| a.parse().ok()).unwrap_or(30));
        }
        Some("archive") => {
            let Some(jixiao) = arg(1) else { usage() };
            let shared = PathBuf::from("../shared/corpus/inputs");
            let bench = archive::ArchiveBench {
                jixiao: PathBuf::from(jixiao),
                samples: PathBuf::from("samples"),
                files: arg(2).and_then(|a| a.parse().ok()).unwrap_or(10_000),
                work: PathBuf::from("target/bench"),
                shared_inputs: shared.is_dir().then_some(shared),
                peers: arg(3).map(PathBuf::from).filter(|p| p.is_file()),
                plain: arg(4).map(PathBuf::from).filter(|p| p.is_file()),
            };
            if let Err(e) = bench.run() {
                eprintln!("jixiao-bench: {e}");
                std::process::exit(1);
            }
        }
        Some("pdf") => {
            let files: Vec<PathBuf> = args[1..].iter().map(PathBuf::from).filter(|p| p.is_file()).collect();
            pdf::run(&files, 10);
        }
        _ => usage(),
    }
}

fn usage() -> ! {
    eprintln!("usage: jixiao-bench stages DIR [ROUNDS] | jixiao-bench archive JIXIAO [FILES] [PEERS] [PLAIN_JIXIAO] | jixiao-bench pdf FILE...");
    std::process::exit(2);
}
