//! Picks the reader for an input by its content, not its name, and runs it.
//!
//! Like calamine's `auto` module: [`sniff`] looks at magic bytes (ZIP/OOXML,
//! CFB/OLE2, PDF, HTML) and falls back to text; [`extract`] dispatches.
//! A wrong extension is a warning, never a failure.

use jixiao_model::{Diagnostic, Document};
use std::path::Path;

/// What an input file is, by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A text export (any supported encoding).
    Text,
    /// A ZIP container: .docx, .xlsx, .ods, .odt or another ZIP.
    Zip,
    /// A CFB/OLE2 compound file: .doc, .xls, .wps, .et.
    Cfb,
    /// HTML (often disguised as .xls by government systems).
    Html,
    /// PDF.
    Pdf,
}

impl Format {
    /// Short name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Zip => "zip",
            Format::Cfb => "cfb",
            Format::Html => "html",
            Format::Pdf => "pdf",
        }
    }

    /// Extensions a file of this format usually has.
    fn usual_extensions(self) -> &'static [&'static str] {
        match self {
            Format::Text => &["txt", "tsv", "csv", "text"],
            Format::Zip => &["docx", "xlsx", "xlsm", "ods", "odt", "zip"],
            Format::Cfb => &["doc", "xls", "wps", "et", "dps"],
            Format::Html => &["html", "htm", "xls", "doc"],
            Format::Pdf => &["pdf"],
        }
    }
}

/// Why an input could not be turned into a document.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// Reading the file failed.
    #[error("cannot read file: {0}")]
    Io(#[from] std::io::Error),
    /// The file is larger than the configured limit.
    #[error("file is {size} bytes, over the limit of {limit} bytes (--max-file-size)")]
    TooLarge {
        /// Size of the file.
        size: u64,
        /// The limit in force.
        limit: u64,
    },
    /// The file is empty.
    #[error("file is empty")]
    Empty,
    /// A format this version cannot read yet.
    #[error("format not supported yet: {0}")]
    Unsupported(String),
    /// The text reader refused it.
    #[error(transparent)]
    Text(#[from] jixiao_text::TextError),
}

/// Limits applied while extracting.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest input file read, in bytes.
    pub max_file_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 256 * 1024 * 1024,
        }
    }
}

/// Decides the format from the first bytes.
pub fn sniff(bytes: &[u8]) -> Format {
    const CFB: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Format::Zip;
    }
    if bytes.starts_with(CFB) {
        return Format::Cfb;
    }
    if bytes.starts_with(b"%PDF") {
        return Format::Pdf;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with("<?xml") && head.contains("<html"))
    {
        return Format::Html;
    }
    Format::Text
}

/// Reads and extracts one file.
pub fn extract(path: &Path, limits: &Limits) -> Result<Document, ExtractError> {
    let size = std::fs::metadata(path)?.len();
    if size > limits.max_file_bytes {
        return Err(ExtractError::TooLarge {
            size,
            limit: limits.max_file_bytes,
        });
    }
    let bytes = std::fs::read(path)?;
    extract_bytes(&bytes, path.extension().and_then(|e| e.to_str()))
}

/// Extracts a file already in memory; `extension` only feeds the warning
/// about a misleading name.
pub fn extract_bytes(bytes: &[u8], extension: Option<&str>) -> Result<Document, ExtractError> {
    if bytes.is_empty() {
        return Err(ExtractError::Empty);
    }
    let format = sniff(bytes);
    let mut doc = match format {
        Format::Text => jixiao_text::extract(bytes)?,
        other => {
            let ext = extension.unwrap_or("").to_ascii_lowercase();
            return Err(ExtractError::Unsupported(format!(
                "{} content{}",
                other.name(),
                if ext.is_empty() {
                    String::new()
                } else {
                    format!(" (.{ext})")
                }
            )));
        }
    };
    if let Some(ext) = extension.map(str::to_ascii_lowercase) {
        if !format.usual_extensions().contains(&ext.as_str()) {
            doc.diagnostics.push(Diagnostic::warning(
                format!(
                    "the file is named .{ext} but its content is {}",
                    format.name()
                ),
                None,
            ));
        }
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"PK\x03\x04rest"), Format::Zip);
        assert_eq!(
            sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Format::Cfb
        );
        assert_eq!(sniff(b"%PDF-1.7"), Format::Pdf);
        assert_eq!(sniff(b"  <HTML><body><table>"), Format::Html);
        assert_eq!(sniff("项目名称\t甲".as_bytes()), Format::Text);
    }

    #[test]
    fn renamed_text_file_is_read_with_a_warning() {
        let doc = extract_bytes("项目名称\t甲\n".as_bytes(), Some("xls")).expect("text");
        assert!(doc.diagnostics.iter().any(|d| d.message.contains(".xls")));
    }

    #[test]
    fn office_content_is_a_clear_error_until_supported() {
        let err = extract_bytes(b"PK\x03\x04....", Some("docx")).expect_err("unsupported");
        assert!(err.to_string().contains("not supported yet"), "{err}");
        assert!(matches!(extract_bytes(b"", None), Err(ExtractError::Empty)));
    }
}
