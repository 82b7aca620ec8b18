//! Canonical types shared by every stage of jixiao; no I/O.
//!
//! Data flows one way: an extractor turns an input file into a [`Document`]
//! (paragraphs and cell grids, every cell carrying its [`SourceRef`]); the
//! aligner turns it into [`aligned`] owners with raw indicator rows; the
//! normalizer turns those into [`record`] types, which the sinks write.

mod diagnostic;
mod document;
pub mod grid;

pub mod aligned;
pub mod record;
pub mod report;
mod values;

pub use values::{Comparator, ValueKind};

pub use diagnostic::{Code, Diagnostic, Effect, ROW_DOUBT_SHARE};
pub use document::{Block, Cell, Document, Paragraph, SourceRef, Table};

/// `text` quoted for a message, cut to its first `max` characters: a
/// warning names the cell, it does not copy a 20 MB one.
///
/// ```
/// assert_eq!(jixiao_model::quoted("提高", 10), "\"提高\"");
/// assert_eq!(jixiao_model::quoted("abcdef", 3), "\"abc…\"");
/// ```
pub fn quoted(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{:?}", format!("{}…", &text[..cut])),
        None => format!("{text:?}"),
    }
}
