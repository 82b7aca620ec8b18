//! `jixiao inspect FILE`: the extracted grid with each cell's role, then
//! the rebuilt indicator rows with their sources and repairs, so that a user
//! can see why a row came out as it did.

use jixiao_domain::lexicon::lexicon;
use jixiao_extract::Limits;
use jixiao_model::aligned::{AlignedDocument, Traced};
use jixiao_model::{Block, Document};
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::path::Path;

/// Extracts and aligns one file for inspection.
pub fn load(path: &Path, limits: &Limits) -> Result<(Document, AlignedDocument), jixiao_extract::ExtractError> {
    let doc = jixiao_extract::extract(path, limits)?;
    let aligned = jixiao_align::align(&doc);
    Ok((doc, aligned))
}

fn short(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        flat.chars().take(max - 1).collect::<String>() + "…"
    }
}

/// The human-readable report.
pub fn render_text(doc: &Document, aligned: &AlignedDocument) -> String {
    let lex = lexicon();
    let mut out = String::new();
    let _ = writeln!(out, "format {}, encoding {}", doc.format, doc.encoding.as_deref().unwrap_or("-"));
    for d in &doc.diagnostics {
        let _ = writeln!(out, "note: {}", d.message);
    }
    for (b, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::Paragraph(p) => {
                let _ = writeln!(out, "\n[{b}] ¶ {}", short(&p.text, 80));
            }
            Block::Table(t) => {
                let _ = writeln!(out, "\n[{b}] table, {} rows", t.rows.len());
                for (r, row) in t.rows.iter().enumerate() {
                    let cells: Vec<String> = row
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| !c.is_blank())
                        .map(|(c, cell)| {
                            format!("c{c}:{}={}", lex.classify(&cell.text).as_str(), short(&cell.text, 18))
                        })
                        .collect();
                    if !cells.is_empty() {
                        let _ = writeln!(out, "  r{r:<3} {}", cells.join(" | "));
                    }
                }
            }
        }
    }
    let _ = writeln!(out, "\nrebuilt:");
    let t = |x: &Option<Traced>| x.as_ref().map_or("-".to_string(), |t| short(&t.text, 24));
    for o in &aligned.owners {
        let name = o.project_name.as_ref().or(o.unit_name.as_ref()).map_or("?", |t| t.text.as_str());
        let _ = writeln!(out, "\n{} {} (code {}, budget {})", o.scope.as_str(), name, t(&o.project_code), t(&o.budget));
        for w in &o.warnings {
            let _ = writeln!(out, "  ! {}", w.message);
        }
        for r in &o.rows {
            let repairs: Vec<String> = r.repairs.iter().map(|x| x.message()).collect();
            let _ = writeln!(
                out,
                "  [{}] {} > {} > {} = {}   @{}{}",
                r.horizon.as_str(),
                t(&r.level1),
                t(&r.level2),
                t(&r.level3),
                t(&r.target),
                r.level3.as_ref().map_or(&r.source, |x| &x.source),
                if repairs.is_empty() { String::new() } else { format!("   repaired: {}", repairs.join("; ")) }
            );
        }
        for s in &o.skipped {
            let _ = writeln!(out, "  (skipped: {}) {}", s.reason.message(), short(&s.cells.join(" | "), 60));
        }
    }
    out
}

/// The machine-readable report: every cell with its role, and the owners.
pub fn render_json(doc: &Document, aligned: &AlignedDocument) -> Value {
    let lex = lexicon();
    let blocks: Vec<Value> = doc
        .blocks
        .iter()
        .map(|block| match block {
            Block::Paragraph(p) => json!({"kind": "paragraph", "text": p.text, "source": p.source}),
            Block::Table(t) => json!({
                "kind": "table",
                "rows": t.rows.iter().map(|row| row.iter().filter(|c| !c.is_blank()).map(|c| json!({
                    "text": c.text, "role": lex.classify(&c.text).as_str(),
                    "row_span": c.row_span, "col_span": c.col_span, "source": c.source,
                })).collect::<Vec<_>>()).collect::<Vec<_>>(),
            }),
        })
        .collect();
    json!({"format": doc.format, "encoding": doc.encoding, "diagnostics": doc.diagnostics, "blocks": blocks, "aligned": aligned})
}
