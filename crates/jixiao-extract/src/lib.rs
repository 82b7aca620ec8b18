//! Picks the reader for an input by its content, not its name, and runs it.
//!
//! Like calamine's `auto` module: [`sniff`] looks at magic bytes (ZIP/OOXML,
//! CFB/OLE2, PDF, HTML) and falls back to text; [`extract`] dispatches:
//! - text exports → `jixiao-text`;
//! - .docx → [`docx`] (zip + quick-xml);
//! - .xlsx / .xls / .et / .ods → [`sheet`] (calamine);
//! - HTML disguised as .xls / .doc → [`html`] (scraper);
//! - legacy .doc / .wps → [`doc`] (natively; Word 6/95 through anydoc);
//! - RTF → [`word`] (anydoc).
//!
//! OLE2 files are told apart by the streams their compound file holds
//! (`WordDocument`, `Workbook`, `EncryptedPackage`), never by searching
//! their bytes.
//!
//! A wrong extension is a warning, never a failure. Inputs are hostile:
//! ZIP entries are size-capped before they are read, and every limit is a
//! field of [`Limits`].

pub mod doc;
pub mod docx;
pub mod html;
mod merges;
pub mod pdf;
pub mod prescan;
pub mod sheet;
pub mod word;

use jixiao_model::{Code, Diagnostic, Document};
use std::io::Cursor;
use std::path::Path;

/// The message a panic carried: `panic!("…")` leaves a `&str` or a
/// `String` behind. Readers that may panic on damaged data are run under
/// `catch_unwind`, and this is what their error quotes.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or("no message")
}

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
    /// A raw Excel 2.x–4.x workbook (BIFF2–4, before OLE2 containers).
    OldBiff,
    /// Rich Text Format.
    Rtf,
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
            Format::OldBiff => "Excel 2.x–4.x workbook (BIFF2–4)",
            Format::Rtf => "rtf",
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
            Format::OldBiff => &["xls", "xlw"],
            Format::Rtf => &["rtf", "doc"],
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
    /// The container is damaged or truncated.
    #[error("damaged file{at}: {detail}")]
    Corrupt {
        /// Where in the file.
        at: Place,
        /// What is wrong there.
        detail: String,
    },
    /// A configured limit was reached.
    #[error("limit reached{at}: {detail}{}", limit.flag_note())]
    LimitExceeded {
        /// Which limit.
        limit: Limit,
        /// Where in the file.
        at: Place,
        /// What the file asked for.
        detail: String,
    },
    /// The file is password-protected.
    #[error("password-protected: {0}; remove the password and convert again")]
    Encrypted(String),
    /// The file holds no text to read (a scanned PDF, fonts without a
    /// Unicode mapping).
    #[error("no text to read: {0}")]
    NoText(String),
    /// The text reader refused it.
    #[error(transparent)]
    Text(#[from] jixiao_text::TextError),
}

/// Which limit a file reached; each is an option of `jixiao convert`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// `--max-file-size`.
    FileSize,
    /// `--max-unzipped`: decompressed bytes.
    Unzipped,
    /// `--max-cells`: cells of one table or sheet.
    Cells,
    /// `--max-sheets`.
    Sheets,
    /// `--max-pages`.
    Pages,
    /// `--max-depth`: nesting of tables.
    Depth,
    /// A legacy reader's own resource limit (anydoc's), not an option.
    Reader,
}

impl Limit {
    /// The option that sets it.
    pub fn flag(self) -> Option<&'static str> {
        match self {
            Limit::FileSize => Some("--max-file-size"),
            Limit::Unzipped => Some("--max-unzipped"),
            Limit::Cells => Some("--max-cells"),
            Limit::Sheets => Some("--max-sheets"),
            Limit::Pages => Some("--max-pages"),
            Limit::Depth => Some("--max-depth"),
            Limit::Reader => None,
        }
    }

    fn flag_note(self) -> String {
        self.flag().map(|f| format!(" ({f})")).unwrap_or_default()
    }
}

/// Where in a file an error was found, so every message says where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The file as a whole (its container).
    File,
    /// A ZIP entry or an OLE2 stream, by name.
    Entry(String),
    /// A byte offset inside an entry.
    Byte {
        /// The entry.
        entry: String,
        /// The offset.
        offset: u64,
    },
    /// A sheet of a workbook, by name.
    Sheet(String),
    /// A page of a PDF, from 1.
    Page(u32),
}

impl std::fmt::Display for Place {
    /// ``, ` in word/document.xml`, ` in sheet "预算"`: appended to a message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::File => Ok(()),
            Place::Entry(e) => write!(f, " in {e}"),
            Place::Byte { entry, offset } => write!(f, " in {entry} at byte {offset}"),
            Place::Sheet(s) => write!(f, " in sheet {s:?}"),
            Place::Page(p) => write!(f, " on page {p}"),
        }
    }
}

impl From<jixiao_model::grid::GridTooLarge> for ExtractError {
    fn from(e: jixiao_model::grid::GridTooLarge) -> Self {
        ExtractError::limit(Limit::Cells, e.to_string())
    }
}

impl ExtractError {
    /// A damaged file, at `at`.
    pub fn corrupt(at: Place, detail: impl Into<String>) -> Self {
        ExtractError::Corrupt { at, detail: detail.into() }
    }

    /// A limit reached, with what the file asked for.
    pub fn limit(limit: Limit, detail: impl Into<String>) -> Self {
        ExtractError::LimitExceeded { limit, at: Place::File, detail: detail.into() }
    }

    /// The same error, placed at `at` (when it has a place).
    pub fn at(self, place: Place) -> Self {
        match self {
            ExtractError::Corrupt { detail, .. } => ExtractError::Corrupt { at: place, detail },
            ExtractError::LimitExceeded { limit, detail, .. } => {
                ExtractError::LimitExceeded { limit, at: place, detail }
            }
            other => other,
        }
    }
}

/// Limits applied while extracting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Limits {
    /// Largest input file read, in bytes.
    pub max_file_bytes: u64,
    /// Largest total of decompressed ZIP entries read from one file.
    pub max_unzipped_bytes: u64,
    /// Most cells one table or sheet may span.
    pub max_cells: u64,
    /// Most sheets one workbook may list.
    pub max_sheets: usize,
    /// Most pages one PDF may have.
    #[serde(default = "default_max_pages")]
    pub max_pages: usize,
    /// Deepest nesting of tables in a document.
    pub max_depth: usize,
    /// Longest one file may take from reading to records, in seconds.
    pub file_timeout_secs: u64,
}

fn default_max_pages() -> usize {
    5_000
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 256 * 1024 * 1024,
            max_unzipped_bytes: 512 * 1024 * 1024,
            max_cells: 1_000_000,
            max_sheets: 1_000,
            max_pages: default_max_pages(),
            max_depth: 32,
            file_timeout_secs: 300,
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
    if pdf_start(bytes).is_some() {
        return Format::Pdf;
    }
    if bytes.starts_with(b"{\\rtf") {
        return Format::Rtf;
    }
    // BOF record of BIFF2 (0x0009), BIFF3 (0x0209) or BIFF4 (0x0409), with
    // the record length those versions use.
    if bytes.len() >= 4
        && bytes[0] == 0x09
        && matches!(bytes[1], 0x00 | 0x02 | 0x04)
        && matches!(bytes[2], 4 | 6)
        && bytes[3] == 0
    {
        return Format::OldBiff;
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

/// How far into the file a PDF may start: PDF readers accept `%PDF` within
/// the first 1,024 bytes (after a mail gateway's header, a UTF-8 BOM), and
/// count the file's offsets from there.
const PDF_HEADER_WINDOW: usize = 1024;

/// Where the PDF in `bytes` starts, when `%PDF` is within its first
/// [`PDF_HEADER_WINDOW`] bytes.
fn pdf_start(bytes: &[u8]) -> Option<usize> {
    let window = &bytes[..bytes.len().min(PDF_HEADER_WINDOW)];
    memchr::memmem::find(window, b"%PDF")
}

/// Reads and extracts one file.
pub fn extract(path: &Path, limits: &Limits) -> Result<Document, ExtractError> {
    let bytes = read_input(path, limits)?;
    extract_bytes(&bytes, path.extension().and_then(|e| e.to_str()), limits)
}

/// A file's bytes, within `--max-file-size`: its size is checked before
/// reading, and the read stops one byte past the limit (a file that grew
/// while it was read is refused, never read whole).
///
/// The size comes from the open file (one path lookup per input, not a
/// `stat` of the path and then an open of it).
pub fn read_input(path: &Path, limits: &Limits) -> Result<Vec<u8>, ExtractError> {
    let too_large = |size| ExtractError::TooLarge { size, limit: limits.max_file_bytes };
    let mut file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > limits.max_file_bytes {
        return Err(too_large(size));
    }
    let bytes = read_within(&mut file, size, limits.max_file_bytes.saturating_add(1))?;
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads `file` to its end, at most `cap` bytes, expecting `size`: one
/// read of the whole and one that finds the end, as `std::fs::read` does
/// (`read_to_end` without that size starts at 8 KB a read). A file that
/// grew since its size was taken is read on in doubling steps up to `cap`.
fn read_within(file: &mut impl std::io::Read, size: u64, cap: u64) -> std::io::Result<Vec<u8>> {
    // One byte past the expected end, so that the read finding the end
    // needs no larger buffer.
    let mut bytes = vec![0u8; size.saturating_add(1).min(cap) as usize];
    let mut filled = 0;
    loop {
        if filled == bytes.len() {
            if filled as u64 >= cap {
                break;
            }
            let more = (filled.max(8 * 1024) as u64).min(cap - filled as u64) as usize;
            bytes.resize(filled + more, 0);
        }
        match file.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    bytes.truncate(filled);
    Ok(bytes)
}

/// What an OLE2 compound file holds, by the streams in its root storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CfbContent {
    /// A `WordDocument` stream: Word 97–2003 (.doc) or WPS Writer (.wps).
    Word,
    /// An `EncryptedPackage` stream: a password-protected .docx/.xlsx.
    EncryptedOoxml,
    /// Anything else (a `Workbook`/`Book` stream: .xls, .et), for calamine.
    Other,
}

/// Opens the compound file's directory and looks at its root streams.
///
/// The `cfb` crate validates the container (sector chains that loop or
/// leave the file, a directory that does not fit): a container it refuses
/// is damaged, and never reaches calamine, whose own OLE2 reader follows a
/// looping chain until memory runs out (a 12 KB .xls found by the fuzzer
/// asked for 8 GB) or panics on a chain that leaves the file.
pub fn cfb_content(bytes: &[u8]) -> Result<CfbContent, ExtractError> {
    let file = open_cfb(bytes)?;
    let has = |name: &str| file.is_stream(format!("/{name}"));
    Ok(if has("EncryptedPackage") {
        CfbContent::EncryptedOoxml
    } else if has("WordDocument") {
        CfbContent::Word
    } else {
        CfbContent::Other
    })
}

/// Extracts a file already in memory; `extension` only feeds the warning
/// about a misleading name.
pub fn extract_bytes(bytes: &[u8], extension: Option<&str>, limits: &Limits) -> Result<Document, ExtractError> {
    if bytes.is_empty() {
        return Err(ExtractError::Empty);
    }
    let format = sniff(bytes);
    let mut doc = match format {
        Format::Text => jixiao_text::extract(bytes)?,
        Format::Zip => extract_zip(bytes, limits)?,
        Format::Cfb => extract_cfb(bytes, limits)?,
        Format::Html => html::extract_html(bytes, limits)?,
        Format::Rtf => word::extract_word(bytes, word::WordFormat::Rtf, limits)?,
        Format::Pdf => pdf::extract_pdf(&bytes[pdf_start(bytes).unwrap_or(0)..], limits)?,
        Format::OldBiff => {
            let ext = extension.map(|e| format!(" (.{})", e.to_ascii_lowercase())).unwrap_or_default();
            return Err(ExtractError::Unsupported(format!("{} content{ext}", format.name())));
        }
    };
    if let Some(ext) = extension.map(str::to_ascii_lowercase) {
        if !format.usual_extensions().contains(&ext.as_str()) {
            doc.diagnostics.push(Diagnostic::new(
                Code::MisleadingExtension,
                format!("the file is named .{ext} but its content is {}", format.name()),
                None,
            ));
        }
    }
    Ok(doc)
}

/// OOXML and ODF containers: which part they hold decides the reader.
fn extract_zip(bytes: &[u8], limits: &Limits) -> Result<Document, ExtractError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ExtractError::corrupt(Place::File, format!("ZIP container: {e}")))?;
    let declared: u64 = (0..zip.len()).filter_map(|i| zip.by_index_raw(i).ok().map(|e| e.size())).sum();
    if declared > limits.max_unzipped_bytes {
        return Err(ExtractError::limit(
            Limit::Unzipped,
            format!("the ZIP entries expand to {declared} bytes, over the limit of {}", limits.max_unzipped_bytes),
        ));
    }
    // A name that is not text names no part jixiao reads: it is left out
    // of the names looked for, and read (and limited) like any entry.
    let names: Vec<String> = zip.file_names().filter_map(|n| n.ok().map(|n| n.into_owned())).collect();
    let has = |name: &str| names.iter().any(|n| n == name);
    if has("word/document.xml") {
        let xml = docx::read_entry(&mut zip, "word/document.xml", limits.max_unzipped_bytes)?;
        return docx::parse_document_xml(&xml, limits);
    }
    let kind = if has("xl/workbook.xml") {
        Some(sheet::WorkbookKind::Xlsx)
    } else if has("xl/workbook.bin") {
        Some(sheet::WorkbookKind::Xlsb)
    } else if has("content.xml") && is_ods(&mut zip) {
        Some(sheet::WorkbookKind::Ods)
    } else {
        None
    };
    if let Some(kind) = kind {
        // calamine inflates entries itself: make sure none expands past the
        // limit, whatever its header claims, and that what the parts declare
        // fits the limits, before handing it over.
        let cap = limits.max_unzipped_bytes;
        if kind == sheet::WorkbookKind::Xlsx {
            let known = prescan_xlsx(&mut zip, &names, limits)?;
            return sheet::extract_xlsx(bytes, limits, known);
        }
        inflate_within(&mut zip, cap, None)?;
        if kind == sheet::WorkbookKind::Ods {
            prescan::ods_content(&docx::read_entry(&mut zip, "content.xml", cap)?, limits)?;
        }
        return sheet::extract_workbook(bytes, kind, limits);
    }
    if has("content.xml") {
        return Err(ExtractError::Unsupported("OpenDocument text (.odt)".into()));
    }
    Err(ExtractError::Unsupported("a ZIP archive that holds neither a Word nor a spreadsheet document".into()))
}

/// What an .xlsx is checked for before calamine opens it: its parts
/// inflate within the limit, its shared strings and sheets fit the limits.
/// While inflating, the prescan keeps the small parts it reads next and
/// reads each part's merged regions, so that neither is inflated again
/// (see [`merges`]); it returns the merged regions it could read.
fn prescan_xlsx<R: std::io::Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    names: &[String],
    limits: &Limits,
) -> Result<Option<sheet::KnownMerges>, ExtractError> {
    const SHARED_STRINGS: &str = "xl/sharedStrings.xml";
    const WORKBOOK: &str = "xl/workbook.xml";
    const WORKBOOK_RELS: &str = "xl/_rels/workbook.xml.rels";
    let is_package_rels = |name: &str| merges::folded_name(name) == "_rels/.rels";
    let cap = limits.max_unzipped_bytes;
    let mut kept = std::collections::HashMap::new();
    let mut scanned = std::collections::HashMap::new();
    let mut twice = false;
    // The regions held at once are bounded like a sheet's cells: past that,
    // parts are left to calamine, which reads one sheet's at a time.
    let mut regions = 0u64;
    let mut look = |name: &str, xml: &[u8]| {
        if [SHARED_STRINGS, WORKBOOK, WORKBOOK_RELS].contains(&name) || is_package_rels(name) {
            kept.insert(name.to_string(), xml.to_vec());
        }
        let found = merges::scan(xml).filter(|found| {
            let fits = regions + found.len() as u64 <= limits.max_cells;
            regions += if fits { found.len() as u64 } else { 0 };
            fits
        });
        twice |= scanned.insert(name.to_string(), found).is_some();
    };
    let sizes = inflate_within(zip, cap, Some(&mut look))?;
    // A part too large to keep is read again.
    let mut part = |name: &str| match kept.remove(name) {
        Some(xml) => Ok(Some(xml)),
        None if names.iter().any(|n| n == name) => docx::read_entry(zip, name, cap).map(Some),
        None => Ok(None),
    };
    if let Some(strings) = part(SHARED_STRINGS)? {
        prescan::xlsx_shared_strings(&strings, limits)?;
    }
    let rels = part(WORKBOOK_RELS)?.unwrap_or_default();
    let workbook = part(WORKBOOK)?.unwrap_or_default();
    prescan::xlsx_sheets(&workbook, &rels, &sizes, limits)?;
    let package = names.iter().find(|n| is_package_rels(n));
    let package = package.and_then(|name| part(name).ok().flatten()).unwrap_or_default();
    let parts = merges::sheet_parts(names, &package, &workbook, &rels).filter(|_| !twice);
    Ok(parts
        .map(|parts| parts.into_iter().map(|(sheet, part)| (sheet, scanned.get(&part).cloned().flatten())).collect()))
}

/// Shown each ZIP entry's name and inflated bytes by [`inflate_within`].
type LookAtEntry<'a> = &'a mut dyn FnMut(&str, &[u8]);

/// Inflates every entry, counting, and fails past `cap` bytes in all: a
/// ZIP bomb is caught here even when its headers lie. Returns what each
/// entry really inflates to. With `look`, each entry of at most
/// [`merges::KEEP_AT_MOST`] bytes is shown to it once inflated (larger ones
/// are counted and dropped as they come).
fn inflate_within<R: std::io::Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    cap: u64,
    mut look: Option<LookAtEntry<'_>>,
) -> Result<std::collections::HashMap<String, u64>, ExtractError> {
    use std::io::Read;
    let mut sizes = std::collections::HashMap::new();
    let mut total = 0u64;
    let mut inflated = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip
            .by_index(i)
            .map_err(|e| ExtractError::corrupt(Place::Entry(format!("ZIP entry {i}")), e.to_string()))?;
        let name = entry.name().map_or_else(|_| format!("ZIP entry {i}"), |n| n.into_owned());
        let corrupt = |e: std::io::Error| ExtractError::corrupt(Place::Entry(name.clone()), e.to_string());
        let left = cap - total + 1;
        let mut read = 0;
        if look.is_some() {
            inflated.clear();
            inflated.reserve(entry.size().min(merges::KEEP_AT_MOST) as usize);
            let most = left.min(merges::KEEP_AT_MOST + 1);
            read = Read::take(&mut entry, most).read_to_end(&mut inflated).map_err(corrupt)? as u64;
        }
        read += std::io::copy(&mut Read::take(&mut entry, left - read), &mut std::io::sink()).map_err(corrupt)?;
        total += read;
        if total > cap {
            return Err(ExtractError::limit(
                Limit::Unzipped,
                format!("the ZIP entries expand past {cap} bytes (at {name})"),
            ));
        }
        if let Some(look) = look.as_mut().filter(|_| read <= merges::KEEP_AT_MOST) {
            look(&name, &inflated);
        }
        sizes.insert(name, read);
    }
    Ok(sizes)
}

fn is_ods<R: std::io::Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>) -> bool {
    docx::read_entry(zip, "mimetype", 256)
        .is_ok_and(|m| m.starts_with(b"application/vnd.oasis.opendocument.spreadsheet"))
}

/// OLE2 compound files: Word documents (.doc, .wps) are read by
/// [`word`]; workbooks (.xls, .et) by calamine.
fn extract_cfb(bytes: &[u8], limits: &Limits) -> Result<Document, ExtractError> {
    match cfb_content(bytes)? {
        CfbContent::EncryptedOoxml => {
            Err(ExtractError::Encrypted("an encrypted Office document (.docx/.xlsx inside OLE2)".into()))
        }
        CfbContent::Word => word::extract_word(bytes, word::WordFormat::Doc, limits),
        CfbContent::Other => {
            prescan::xls_records(&workbook_stream(bytes)?, limits)?;
            sheet::extract_workbook(bytes, sheet::WorkbookKind::Xls, limits)
        }
    }
}

/// The BIFF stream of an .xls (`Workbook`, or `Book` before Excel 97),
/// read through the validating `cfb` reader.
fn workbook_stream(bytes: &[u8]) -> Result<Vec<u8>, ExtractError> {
    let mut file = open_cfb(bytes)?;
    for name in ["Workbook", "Book"] {
        if let Some(stream) = read_stream(&mut file, name)? {
            return Ok(stream);
        }
    }
    Err(ExtractError::Unsupported("an OLE2 file with neither a Word document nor a workbook in it".into()))
}

/// Opens an OLE2 compound file with the `cfb` crate, which validates the
/// container as it opens it (see [`cfb_content`]).
fn open_cfb(bytes: &[u8]) -> Result<cfb::CompoundFile<Cursor<&[u8]>>, ExtractError> {
    cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| ExtractError::corrupt(Place::File, format!("the OLE2 container: {e}")))
}

/// The whole of one stream of a compound file, or `None` when it has no
/// such stream. A stream that cannot be read is damaged, in that stream.
fn read_stream(ole: &mut cfb::CompoundFile<Cursor<&[u8]>>, name: &str) -> Result<Option<Vec<u8>>, ExtractError> {
    if !ole.is_stream(name) {
        return Ok(None);
    }
    let damaged = |e: std::io::Error| ExtractError::corrupt(Place::Entry(name.into()), e.to_string());
    let mut stream = ole.open_stream(name).map_err(damaged)?;
    let mut out = Vec::with_capacity(stream.len().min(1 << 26) as usize);
    std::io::Read::read_to_end(&mut stream, &mut out).map_err(damaged)?;
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"PK\x03\x04rest"), Format::Zip);
        assert_eq!(sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]), Format::Cfb);
        assert_eq!(sniff(b"%PDF-1.7"), Format::Pdf);
        assert_eq!(sniff(b"\xEF\xBB\xBF%PDF-1.7"), Format::Pdf);
        let late = [vec![b'x'; 1020], b"%PDF-1.7".to_vec()].concat();
        assert_eq!(sniff(&late), Format::Pdf);
        let too_late = [vec![b'x'; 1021], b"%PDF-1.7".to_vec()].concat();
        assert_eq!(sniff(&too_late), Format::Text);
        assert_eq!(sniff(b"  <HTML><body><table>"), Format::Html);
        assert_eq!(sniff("项目名称\t甲".as_bytes()), Format::Text);
    }

    #[test]
    fn renamed_text_file_is_read_with_a_warning() {
        let doc = extract_bytes("项目名称\t甲\n".as_bytes(), Some("xls"), &Limits::default()).expect("text");
        assert!(doc.diagnostics.iter().any(|d| d.message.contains(".xls")));
    }

    #[test]
    fn damaged_and_unknown_content_are_clear_errors() {
        let limits = Limits::default();
        let err = extract_bytes(b"PK\x03\x04....", Some("docx"), &limits).expect_err("damaged");
        assert!(err.to_string().contains("damaged"), "{err}");
        let err = extract_bytes(b"%PDF-1.7 ...", Some("pdf"), &limits).expect_err("pdf");
        assert!(err.to_string().starts_with("damaged file: PDF"), "{err}");
        let err = extract_bytes(b"\x09\x02\x06\x00\x00\x00\x10\x00", Some("xls"), &limits).expect_err("biff3");
        assert!(err.to_string().contains("not supported yet"), "{err}");
        assert!(matches!(extract_bytes(b"", None, &limits), Err(ExtractError::Empty)));
    }

    #[test]
    fn an_input_is_read_whole_up_to_the_size_limit_and_refused_past_it() {
        let dir = std::env::temp_dir().join(format!("jixiao-read-input-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("input.txt");
        std::fs::write(&path, b"0123456789").expect("write");
        let limits = |max_file_bytes| Limits { max_file_bytes, ..Limits::default() };
        assert_eq!(read_input(&path, &limits(10)).expect("at the limit"), b"0123456789");
        let err = read_input(&path, &limits(9)).expect_err("past the limit");
        assert!(matches!(err, ExtractError::TooLarge { size: 10, limit: 9 }), "{err}");
        assert!(matches!(read_input(&dir.join("gone.txt"), &limits(9)), Err(ExtractError::Io(_))));
        std::fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn a_file_that_is_not_the_size_it_said_is_read_as_it_is_within_the_cap() {
        let data: Vec<u8> = (0..50_000u32).map(|i| i as u8).collect();
        // Shrank, as expected, grew a little, grew a lot: read whole up to the cap.
        for said in [0u64, 10, 49_999, 50_000, 60_000] {
            let read = read_within(&mut &data[..], said, 1 << 20).expect("read");
            assert_eq!(read, data, "said {said}");
        }
        // Past the cap, the read stops there (the caller refuses the file).
        let read = read_within(&mut &data[..], 100, 20_001).expect("read");
        assert_eq!(read, data[..20_001]);
        // Reads of one byte at a time (a pipe, a slow mount) add up the same.
        struct Trickle<'a>(&'a [u8]);
        impl std::io::Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = usize::from(!self.0.is_empty() && !buf.is_empty());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        assert_eq!(read_within(&mut Trickle(&data[..3000]), 10, 1 << 20).expect("read"), data[..3000]);
    }

    /// The merges of every sheet of a plainly laid-out workbook are read in
    /// the prescan, and they are calamine's (`tests/office.rs` checks the
    /// whole documents, odd variants included).
    #[test]
    fn the_xlsx_prescan_reads_the_merges_of_every_sheet() {
        let prescanned = |bytes: &[u8]| {
            let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
            // A name that is not text names no part jixiao reads: it is left out
            // of the names looked for, and read (and limited) like any entry.
            let names: Vec<String> = zip.file_names().filter_map(|n| n.ok().map(|n| n.into_owned())).collect();
            prescan_xlsx(&mut zip, &names, &Limits::default()).expect("prescan").expect("a plain package")
        };
        let check = |bytes: &[u8]| {
            let known = prescanned(bytes);
            let mut book: calamine::Xlsx<_> = calamine::Reader::new(Cursor::new(bytes)).expect("calamine");
            for (sheet, merges) in &known {
                let merges = merges.as_ref().unwrap_or_else(|| panic!("{sheet}: read in the prescan"));
                assert_eq!(merges, &book.merge_cells_by_sheet_name(sheet).expect("merges"), "{sheet}");
            }
            known
        };
        let mut book = rust_xlsxwriter::Workbook::new();
        for name in ["甲 & 乙", "plain", "none"] {
            let sheet = book.add_worksheet().set_name(name).expect("name");
            if name != "none" {
                sheet.merge_range(0, 0, 1, 3, "x", &rust_xlsxwriter::Format::new()).expect("merge");
                sheet.merge_range(4, 1, 4, 2, "y", &rust_xlsxwriter::Format::new()).expect("merge");
            }
            sheet.write_string(6, 0, "z").expect("write");
        }
        let bytes = book.save_to_buffer().expect("xlsx");
        let known = check(&bytes);
        let counts: Vec<(&str, usize)> =
            known.iter().map(|(name, merges)| (name.as_str(), merges.as_ref().map_or(0, Vec::len))).collect();
        assert_eq!(counts, [("甲 & 乙", 2), ("plain", 2), ("none", 0)]);
        // Past --max-cells regions held in all, a part is left to calamine.
        let sheet = |merges: usize| {
            let list: String = (1..=merges).map(|r| format!(r#"<mergeCell ref="A{r}:B{r}"/>"#)).collect();
            format!("<worksheet><sheetData></sheetData><mergeCells>{list}</mergeCells></worksheet>")
        };
        let parts = [
            ("_rels/.rels", r#"<Relationships><Relationship Id="d" Type="x/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
            ("xl/workbook.xml", r#"<workbook><sheets><sheet name="many" r:id="r1"/><sheet name="one" r:id="r2"/></sheets></workbook>"#.to_string()),
            ("xl/_rels/workbook.xml.rels", r#"<Relationships><Relationship Id="r1" Type="t/worksheet" Target="s1.xml"/><Relationship Id="r2" Type="t/worksheet" Target="s2.xml"/></Relationships>"#.to_string()),
            ("xl/s1.xml", sheet(5)),
            ("xl/s2.xml", sheet(1)),
        ];
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, text) in &parts {
            writer.start_file(*name, zip::write::SimpleFileOptions::default()).expect("entry");
            std::io::Write::write_all(&mut writer, text.as_bytes()).expect("write");
        }
        let bytes = writer.finish().expect("zip").into_inner();
        let mut zip = zip::ZipArchive::new(Cursor::new(&bytes[..])).expect("zip");
        // A name that is not text names no part jixiao reads: it is left out
        // of the names looked for, and read (and limited) like any entry.
        let names: Vec<String> = zip.file_names().filter_map(|n| n.ok().map(|n| n.into_owned())).collect();
        let few = Limits { max_cells: 4, ..Limits::default() };
        let known = prescan_xlsx(&mut zip, &names, &few).expect("prescan").expect("a plain package");
        let read: Vec<(&str, Option<usize>)> =
            known.iter().map(|(name, merges)| (name.as_str(), merges.as_ref().map(Vec::len))).collect();
        assert_eq!(read, [("many", None), ("one", Some(1))]);
        // The real workbooks beside the repository, when they are there.
        let real = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/real/songgang-2023");
        for entry in std::fs::read_dir(real).into_iter().flatten().flatten() {
            assert!(!check(&std::fs::read(entry.path()).expect("read")).is_empty());
        }
    }
}
