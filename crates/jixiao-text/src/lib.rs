//! The text extractor: bytes of a text export → [`Document`].
//!
//! Two steps, each usable alone: [`decode`] chooses the character encoding
//! by evidence and reports how many characters it had to replace, and
//! [`parse`] recognises which of the two export shapes the text has and
//! rebuilds paragraphs and cell grids with line numbers.
//!
//! Invariant: apart from export debris (`[bookmark: …]`, trailing tabs),
//! no character of a cell or paragraph is dropped.

mod decode;
mod shape;

pub use decode::{decode, Decoded};
pub use shape::{parse, Shape};

use jixiao_model::{Code, Diagnostic, Document};

/// Why a text export could not be read.
#[derive(Debug, thiserror::Error)]
pub enum TextError {
    /// The bytes are not text in any encoding we read.
    #[error("not a text file: {0}")]
    NotText(String),
}

/// Decodes and parses a text export.
pub fn extract(bytes: &[u8]) -> Result<Document, TextError> {
    let decoded = decode(bytes)?;
    let mut doc = parse(&decoded.text);
    doc.encoding = Some(decoded.encoding.to_string());
    if decoded.replaced > 0 {
        doc.diagnostics.insert(
            0,
            Diagnostic::new(
                Code::UndecodableCharacters,
                format!(
                    "{} characters could not be decoded as {} and were replaced",
                    decoded.replaced, decoded.encoding
                ),
                None,
            ),
        );
    }
    Ok(doc)
}
