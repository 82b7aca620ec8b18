//! `jixiao-bench stages DIR [ROUNDS]`: times each stage over every file in DIR.
//!
//! Absolute times depend on the machine; the figures to compare across runs
//! are the ratios against extraction measured in the same run. Each stage is
//! timed as the best of ROUNDS (default 30) passes over all files, which
//! filters out noise from other processes.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

/// The shortest of `rounds` runs of `f`: other processes only ever add time.
pub fn best_of(rounds: usize, mut f: impl FnMut()) -> Duration {
    (0..rounds)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Times extraction, alignment and normalisation over every file in `dir`.
pub fn run(dir: &Path, rounds: usize) {
    let mut files: Vec<(String, Vec<u8>)> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(Result::ok)
            .filter(|e| e.path().is_file())
            .filter_map(|e| std::fs::read(e.path()).ok().map(|b| (e.file_name().to_string_lossy().into_owned(), b)))
            .collect(),
        Err(e) => {
            eprintln!("jixiao-bench: cannot read {}: {e}", dir.display());
            std::process::exit(2);
        }
    };
    files.sort();
    let limits = jixiao_extract::Limits::default();
    // The lexicon loads once per process; time it apart from the stages.
    let lexicon_load = {
        let t = Instant::now();
        black_box(jixiao_domain::lexicon::lexicon());
        t.elapsed()
    };
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let docs: Vec<_> = files
        .iter()
        .filter_map(|(n, b)| jixiao_extract::extract_bytes(b, n.rsplit('.').next(), &limits).ok())
        .collect();
    let aligned: Vec<_> = docs.iter().map(jixiao_align::align).collect();

    let extract = best_of(rounds, || {
        for (n, b) in &files {
            let _ = black_box(jixiao_extract::extract_bytes(b, n.rsplit('.').next(), &limits));
        }
    });
    let align = best_of(rounds, || {
        for d in &docs {
            black_box(jixiao_align::align(d));
        }
    });
    let normalize = best_of(rounds, || {
        for (d, a) in docs.iter().zip(&aligned) {
            let rec = jixiao_normalize::normalize("bench", d, a);
            black_box(jixiao_emit::indicator_rows(&rec));
        }
    });
    // What a worker does with a record besides: its JSON and its CSV rows
    // (the writing to disk is the archive benchmark's).
    let records: Vec<_> = docs.iter().zip(&aligned).map(|(d, a)| jixiao_normalize::normalize("bench", d, a)).collect();
    let emit = best_of(rounds, || {
        for rec in &records {
            let _ = black_box(jixiao_emit::json_bytes(rec, false));
            let _ = black_box(jixiao_emit::csv_body(&jixiao_emit::indicator_rows(rec), true));
            let _ = black_box(jixiao_emit::csv_body(&jixiao_emit::project_rows(rec), true));
        }
    });
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let ratio = |d: Duration| d.as_secs_f64() / extract.as_secs_f64().max(1e-9);
    println!("{} files, {:.1} KiB, best of {rounds} rounds", files.len(), bytes as f64 / 1024.0);
    println!("{:<22}{:>10}{:>16}", "stage", "ms", "× extraction");
    println!("{:<22}{:>10.3}{:>16.2}", "extract (baseline)", ms(extract), 1.0);
    println!("{:<22}{:>10.3}{:>16.2}", "align", ms(align), ratio(align));
    println!("{:<22}{:>10.3}{:>16.2}", "normalize + rows", ms(normalize), ratio(normalize));
    println!("{:<22}{:>10.3}{:>16.2}", "JSON + CSV rows", ms(emit), ratio(emit));
    let whole = extract + align + normalize + emit;
    println!("{:<22}{:>10.3}{:>16.2}", "whole pipeline", ms(whole), ratio(whole));
    println!(
        "throughput: {:.1} MiB/s end to end; align adds {:.3} ms per document",
        bytes as f64 / 1048576.0 / whole.as_secs_f64().max(1e-9),
        ms(align) / docs.len().max(1) as f64
    );
    println!("one-time lexicon load (jieba + domain dictionary): {:.1} ms", ms(lexicon_load));
    per_file(&files, &limits, rounds);
}

/// Each file's stages, best of `rounds` each: which formats and layouts the
/// time goes to.
fn per_file(files: &[(String, Vec<u8>)], limits: &jixiao_extract::Limits, rounds: usize) {
    println!("{:<36}{:>9}{:>9}{:>9}{:>11}{:>9}", "file", "KiB", "extract", "align", "normalize", "emit");
    for (name, bytes) in files {
        let ext = name.rsplit('.').next();
        let Ok(doc) = jixiao_extract::extract_bytes(bytes, ext, limits) else { continue };
        let aligned = jixiao_align::align(&doc);
        let record = jixiao_normalize::normalize("bench", &doc, &aligned);
        let extract = best_of(rounds, || {
            let _ = black_box(jixiao_extract::extract_bytes(bytes, ext, limits));
        });
        let align = best_of(rounds, || {
            black_box(jixiao_align::align(&doc));
        });
        let normalize = best_of(rounds, || {
            black_box(jixiao_normalize::normalize("bench", &doc, &aligned));
        });
        let emit = best_of(rounds, || {
            let _ = black_box(jixiao_emit::json_bytes(&record, false));
            let _ = black_box(jixiao_emit::csv_body(&jixiao_emit::indicator_rows(&record), true));
            let _ = black_box(jixiao_emit::csv_body(&jixiao_emit::project_rows(&record), true));
        });
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let short: String = name.chars().take(34).collect();
        println!(
            "{:<36}{:>9.1}{:>9.3}{:>9.3}{:>11.3}{:>9.3}",
            short,
            bytes.len() as f64 / 1024.0,
            ms(extract),
            ms(align),
            ms(normalize),
            ms(emit)
        );
    }
}
