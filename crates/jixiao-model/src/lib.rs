//! Canonical types shared by every stage of jixiao; no I/O.
//!
//! Data flows one way: an extractor turns an input file into a [`Document`]
//! (paragraphs and cell grids, every cell carrying its [`SourceRef`]); the
//! aligner turns it into [`aligned`] owners with raw indicator rows; the
//! normalizer turns those into [`record`] types, which the sinks write.

mod document;

pub mod aligned;
pub mod record;

pub use document::{Block, Cell, Diagnostic, Document, Paragraph, Severity, SourceRef, Table};
