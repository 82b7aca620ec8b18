//! `jixiao-bench pdf FILE... [ROUNDS]`: per PDF, milliseconds per page of
//! jixiao's whole pipeline (read, rebuild the grids, align, normalise, the
//! rows), beside pdfplumber's own table extraction of the same pages
//! (`Page::extract_tables` on every page, after opening the document) and
//! pdfplumber's text of every page, all measured in this run, each the best
//! of ROUNDS passes.

use crate::stages::best_of;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

/// Times every PDF in `files`.
pub fn run(files: &[PathBuf], rounds: usize) {
    let limits = jixiao_extract::Limits::default();
    black_box(jixiao_domain::lexicon::lexicon());
    println!("PDF: ms per page, best of {rounds} rounds");
    println!(
        "{:<34}{:>6}{:>14}{:>18}{:>16}{:>10}",
        "file", "pages", "jixiao whole", "pdfplumber tables", "pdfplumber text", "× tables"
    );
    let mut total = (0usize, Duration::ZERO, Duration::ZERO, Duration::ZERO);
    for path in files {
        let Ok(bytes) = std::fs::read(path) else {
            eprintln!("jixiao-bench: cannot read {}", path.display());
            continue;
        };
        let Ok(pdf) = pdfplumber::Pdf::open(&bytes, None) else {
            eprintln!("jixiao-bench: pdfplumber cannot open {}", path.display());
            continue;
        };
        let pages = pdf.page_count().max(1);
        let whole = best_of(rounds, || {
            if let Ok(doc) = jixiao_extract::extract_bytes(&bytes, Some("pdf"), &limits) {
                let aligned = jixiao_align::align(&doc);
                let rec = jixiao_normalize::normalize("bench", &doc, &aligned);
                black_box(jixiao_emit::indicator_rows(&rec));
            }
        });
        let settings = pdfplumber::TableSettings::default();
        let tables = best_of(rounds, || {
            if let Ok(pdf) = pdfplumber::Pdf::open(&bytes, None) {
                for i in 0..pdf.page_count() {
                    if let Ok(page) = pdf.page(i) {
                        black_box(page.extract_tables(&settings));
                    }
                }
            }
        });
        let text = best_of(rounds, || {
            if let Ok(pdf) = pdfplumber::Pdf::open(&bytes, None) {
                for i in 0..pdf.page_count() {
                    if let Ok(page) = pdf.page(i) {
                        black_box(page.extract_text(&pdfplumber::TextOptions::default()));
                    }
                }
            }
        });
        total = (total.0 + pages, total.1 + whole, total.2 + tables, total.3 + text);
        let per_page = |d: Duration| d.as_secs_f64() * 1000.0 / pages as f64;
        let name: String = path.file_name().map(|n| n.to_string_lossy().chars().take(24).collect()).unwrap_or_default();
        println!(
            "{name:<34}{pages:>6}{:>14.2}{:>18.2}{:>16.2}{:>10.2}",
            per_page(whole),
            per_page(tables),
            per_page(text),
            whole.as_secs_f64() / tables.as_secs_f64().max(1e-9)
        );
    }
    let (pages, whole, tables, text) = total;
    let rate = |d: Duration| pages as f64 / d.as_secs_f64().max(1e-9);
    println!(
        "all {pages} pages: jixiao {:.0} pages/s, pdfplumber tables {:.0} pages/s, pdfplumber text {:.0} pages/s; jixiao takes {:.2}× the tables' time",
        rate(whole),
        rate(tables),
        rate(text),
        whole.as_secs_f64() / tables.as_secs_f64().max(1e-9)
    );
}
