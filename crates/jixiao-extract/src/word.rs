//! RTF, and the Word 6/95 binaries that [`crate::doc`] hands back, read by
//! anydoc. (Word 97–2003 .doc and .wps go to [`crate::doc`], natively.)
//!
//! anydoc was chosen over office_oxide and over LibreOffice (the README has
//! the measured comparison): it returns a table model whose grid already
//! marks every merged position (`CellSlot::Covered`), which is exactly
//! jixiao's grid, and reads RTF through the same model. Its document is
//! mapped here: top-level paragraphs become paragraph blocks; every table,
//! nested ones included (inner first, as the .docx reader emits them),
//! becomes a table block whose cells keep their spans and positions.

use crate::{ExtractError, Limits};
#[cfg(feature = "legacy-word")]
use crate::{Limit, Place};
#[cfg(feature = "legacy-word")]
use anydoc::model::{self as ad, CellSlot};
#[cfg(feature = "legacy-word")]
use jixiao_model::grid::GridBuilder;
use jixiao_model::Document;
#[cfg(feature = "legacy-word")]
use jixiao_model::{Block, SourceRef};

/// Which anydoc reader a file goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordFormat {
    /// Word 97–2003 binary (.doc, .wps).
    Doc,
    /// Rich Text Format.
    Rtf,
}

impl WordFormat {
    #[cfg_attr(not(feature = "legacy-word"), allow(dead_code))]
    fn name(self) -> &'static str {
        match self {
            WordFormat::Doc => "doc",
            WordFormat::Rtf => "rtf",
        }
    }
}

/// Reads a legacy Word or RTF document: Word 97–2003 natively
/// ([`crate::doc`]), older Word and RTF with anydoc. anydoc is young: a
/// panic inside it is caught here and becomes this file's `Corrupt` error.
pub fn extract_word(bytes: &[u8], format: WordFormat, limits: &Limits) -> Result<Document, ExtractError> {
    if format == WordFormat::Doc {
        if let Some(doc) = crate::doc::extract_doc(bytes, limits)? {
            return Ok(doc);
        }
    }
    read_legacy(bytes, format, limits)
}

#[cfg(feature = "legacy-word")]
fn read_legacy(bytes: &[u8], format: WordFormat, limits: &Limits) -> Result<Document, ExtractError> {
    extract_with_anydoc(bytes, format, limits)
}

/// Without the `legacy-word` feature (a lighter build, without anydoc's
/// hundred crates), RTF and Word 6/95 are a clear per-file error.
#[cfg(not(feature = "legacy-word"))]
fn read_legacy(_: &[u8], format: WordFormat, _: &Limits) -> Result<Document, ExtractError> {
    let what = match format {
        WordFormat::Doc => "Word 6/95 .doc",
        WordFormat::Rtf => "RTF",
    };
    Err(ExtractError::Unsupported(format!("{what} needs a jixiao built with the `legacy-word` feature (the default)")))
}

#[cfg(feature = "legacy-word")]
/// Reads a document with anydoc (for RTF, Word 6/95, and the tests that
/// compare the native reader with it).
pub fn extract_with_anydoc(bytes: &[u8], format: WordFormat, limits: &Limits) -> Result<Document, ExtractError> {
    let anydoc_format = match format {
        WordFormat::Doc => anydoc::Format::Doc,
        WordFormat::Rtf => anydoc::Format::Rtf,
    };
    let parsed = std::panic::catch_unwind(|| anydoc::to_document(bytes, anydoc_format)).map_err(|panic| {
        let msg = crate::panic_message(panic.as_ref());
        ExtractError::corrupt(Place::File, format!("the {} reader gave up on damaged data ({msg})", format.name()))
    })?;
    let source = parsed.map_err(|e| convert_error(e, format))?;
    let mut doc = Document { format: format.name().into(), ..Default::default() };
    for block in &source.blocks {
        add_block(&mut doc, block, limits, 0)?;
    }
    Ok(doc)
}

#[cfg(feature = "legacy-word")]
fn convert_error(e: anydoc::ConvertError, format: WordFormat) -> ExtractError {
    use anydoc::ConvertError as E;
    match e {
        E::Encrypted => ExtractError::Encrypted(format!("an encrypted {} document", format.name())),
        E::ResourceLimit { limit, detail } => {
            ExtractError::limit(Limit::Reader, format!("the {} reader's {limit} limit: {detail}", format.name()))
        }
        E::Unsupported(what) => ExtractError::Unsupported(format!("{} variant: {what}", format.name())),
        other => ExtractError::corrupt(Place::File, format!("{}: {other}", format.name())),
    }
}

#[cfg(feature = "legacy-word")]
/// Adds one top-level block: a paragraph, or a table with the tables
/// nested in its cells before it.
fn add_block(doc: &mut Document, block: &ad::Block, limits: &Limits, depth: usize) -> Result<(), ExtractError> {
    match block {
        ad::Block::Table(table) => add_table(doc, table, limits, depth),
        other => {
            doc.push_paragraph(&block_text(other));
            Ok(())
        }
    }
}

#[cfg(feature = "legacy-word")]
fn add_table(doc: &mut Document, table: &ad::Table, limits: &Limits, depth: usize) -> Result<(), ExtractError> {
    if depth >= limits.max_depth {
        return Err(ExtractError::limit(Limit::Depth, format!("tables nested deeper than {}", limits.max_depth)));
    }
    let width = table.grid.iter().map(Vec::len).max().unwrap_or(0);
    GridBuilder::fits(table.grid.len(), width, limits.max_cells)?;
    // Nested tables first, so that each block index is final when used.
    for row in &table.grid {
        for slot in row {
            if let CellSlot::Origin(cell) = slot {
                for inner in cell.blocks.iter().filter(|b| matches!(b, ad::Block::Table(_))) {
                    add_block(doc, inner, limits, depth + 1)?;
                }
            }
        }
    }
    let block = doc.blocks.len();
    let mut grid = GridBuilder::new(block, table.grid.len(), width, limits.max_cells, |_, _| SourceRef::default())?;
    for (r, row) in table.grid.iter().enumerate() {
        for (c, slot) in row.iter().enumerate() {
            // Covered slots are marked by their origin's spans.
            if let CellSlot::Origin(cell) = slot {
                grid.place(r, c, cell_text(cell), cell.row_span, cell.col_span);
            }
        }
    }
    doc.blocks.push(Block::Table(grid.finish()));
    Ok(())
}

#[cfg(feature = "legacy-word")]
/// A cell's text: its paragraphs and list items, one per line; nested
/// tables are blocks of their own.
fn cell_text(cell: &ad::Cell) -> String {
    let parts: Vec<String> = cell.blocks.iter().filter(|b| !matches!(b, ad::Block::Table(_))).map(block_text).collect();
    parts.join("\n").trim_matches('\n').to_string()
}

#[cfg(feature = "legacy-word")]
fn block_text(block: &ad::Block) -> String {
    match block {
        ad::Block::Paragraph(inlines) | ad::Block::Heading { content: inlines, .. } => {
            ad::inlines_to_plain_text(inlines)
        }
        ad::Block::List(list) => {
            list.items.iter().flat_map(|item| item.blocks.iter().map(block_text)).collect::<Vec<_>>().join("\n")
        }
        ad::Block::BlockQuote(blocks) => blocks.iter().map(block_text).collect::<Vec<_>>().join("\n"),
        ad::Block::CodeBlock { text, .. } | ad::Block::Math(text) => text.clone(),
        ad::Block::Table(_) | ad::Block::Rule => String::new(),
    }
}

#[cfg(all(test, feature = "legacy-word"))]
mod tests {
    use super::*;

    /// An RTF table of two rows: a merged 一级指标 over both, two cells each.
    const RTF: &str = r"{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0\fnil\fcharset134 SimSun;}}
{\pard 项目支出绩效目标表\par}
\trowd\clvmgf\cellx1000\cellx2000\cellx3000
\pard\intbl 产出指标\cell\pard\intbl 数量指标\cell\pard\intbl ≥212家\cell\row
\trowd\clvmrg\cellx1000\cellx2000\cellx3000
\pard\intbl \cell\pard\intbl 质量指标\cell\pard\intbl 100%\cell\row
}";

    #[test]
    fn rtf_tables_keep_their_merged_cells() {
        // \ansicpg936: the text is GBK bytes, as a Chinese word processor writes it.
        let (gbk, _, _) = encoding_rs::GBK.encode(RTF);
        let doc = extract_word(&gbk, WordFormat::Rtf, &Limits::default()).expect("rtf");
        let tables: Vec<_> = doc.tables().map(jixiao_model::Table::texts).collect();
        assert_eq!(tables.len(), 1, "{:?}", doc.blocks);
        assert_eq!(tables[0][0], vec!["产出指标", "数量指标", "≥212家"]);
        assert_eq!(tables[0][1][1..], ["质量指标", "100%"]);
        let Some(Block::Table(t)) = doc.blocks.iter().find(|b| matches!(b, Block::Table(_))) else { panic!() };
        assert_eq!(t.rows[0][0].row_span, 2);
        assert!(t.rows[1][0].is_covered());
    }

    #[test]
    fn damaged_input_is_an_error_not_a_panic() {
        for bytes in [&b"{\\rtf1 {{{{"[..], b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1garbage"] {
            let _ = extract_word(bytes, WordFormat::Rtf, &Limits::default());
            let _ = extract_word(bytes, WordFormat::Doc, &Limits::default());
        }
    }
}

/// A build without `legacy-word` (`make test` runs these too) refuses RTF
/// and Word 6/95 by name, per file.
#[cfg(all(test, not(feature = "legacy-word")))]
mod lean_tests {
    use super::*;

    #[test]
    fn rtf_and_word_95_are_an_unsupported_format_without_the_feature() {
        let err = extract_word(b"{\\rtf1 x}", WordFormat::Rtf, &Limits::default()).expect_err("no RTF reader");
        assert!(
            matches!(&err, ExtractError::Unsupported(what) if what.contains("RTF") && what.contains("legacy-word"))
        );
    }
}
