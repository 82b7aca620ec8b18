//! Sizes a file declares, checked against the limits before a reader
//! allocates for them.
//!
//! calamine trusts what a workbook says about itself: it reserves room for
//! the number of shared strings an .xlsx declares, for the extent an .xls
//! DIMENSIONS record claims, and it expands repeated .ods rows and cells
//! before jixiao sees a single cell. A 2 KB file can make it ask for 96 GB.
//! So each container is read here first, cheaply and with our own limits,
//! and a file whose declarations do not fit fails alone, naming the limit,
//! before calamine is called. (The upstream behaviour is written down in
//! the README's limits section with the inputs that show it.)

use crate::pdf::filters;
use crate::{ExtractError, Limit, Limits};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;

fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

fn number(value: Option<String>) -> Option<u64> {
    value.and_then(|v| v.trim().parse::<u64>().ok())
}

/// `xl/sharedStrings.xml`: the `uniqueCount` calamine reserves room for.
/// More strings than the sheet may hold cells cannot all be used.
pub fn xlsx_shared_strings(xml: &[u8], limits: &Limits) -> Result<(), ExtractError> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"sst" => {
                for name in [&b"uniqueCount"[..], b"count"] {
                    if let Some(n) = number(attr(&e, name)).filter(|n| *n > limits.max_cells) {
                        return Err(ExtractError::limit(
                            Limit::Cells,
                            format!(
                                "xl/sharedStrings.xml declares {n} strings, over the limit of {} cells",
                                limits.max_cells
                            ),
                        ));
                    }
                }
                return Ok(());
            }
            Ok(Event::Eof) | Err(_) => return Ok(()), // calamine reports a broken part itself
            _ => {}
        }
        buf.clear();
    }
}

/// `xl/workbook.xml` and its relationships: how many sheets, and how many
/// bytes calamine will parse for them. Two thousand `<sheet>` entries can
/// all point at one 5 MB part: stored once, parsed two thousand times. The
/// bytes parsed count toward `--max-unzipped`, not the bytes stored.
pub fn xlsx_sheets(
    workbook: &[u8],
    rels: &[u8],
    sizes: &HashMap<String, u64>,
    limits: &Limits,
) -> Result<(), ExtractError> {
    let sheet_ids = elements_attr(workbook, b"sheet", b"id", limits.max_sheets + 1);
    if sheet_ids.len() > limits.max_sheets {
        return Err(ExtractError::limit(
            Limit::Sheets,
            format!("the workbook lists more than {} sheets", limits.max_sheets),
        ));
    }
    let targets: HashMap<String, String> =
        elements_attrs(rels, b"Relationship", b"Id", b"Target").into_iter().collect();
    let mut parsed = 0u64;
    for id in &sheet_ids {
        let Some(target) = targets.get(id) else { continue };
        let path = match target.strip_prefix('/') {
            Some(absolute) => absolute.to_string(),
            None => format!("xl/{}", target.trim_start_matches("./")),
        };
        parsed = parsed.saturating_add(sizes.get(&path).copied().unwrap_or(0));
        if parsed > limits.max_unzipped_bytes {
            return Err(ExtractError::limit(
                Limit::Unzipped,
                format!(
                    "its {} sheets make {parsed}+ bytes of XML to parse, over the limit of {}",
                    sheet_ids.len(),
                    limits.max_unzipped_bytes
                ),
            ));
        }
    }
    Ok(())
}

/// The values of attribute `local` of every `element`, at most `most`.
fn elements_attr(xml: &[u8], element: &[u8], local: &[u8], most: usize) -> Vec<String> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    while out.len() < most {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == element => {
                out.push(attr(&e, local).unwrap_or_default());
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// Pairs of two attributes of every `element`.
fn elements_attrs(xml: &[u8], element: &[u8], key: &[u8], value: &[u8]) -> Vec<(String, String)> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == element => {
                if let (Some(k), Some(v)) = (attr(&e, key), attr(&e, value)) {
                    out.push((k, v));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// `content.xml` of an .ods: every table's extent once its repeats are
/// expanded (rows × the widest row, up to the last cell that holds
/// something, as calamine builds it), and the number of tables.
pub fn ods_content(xml: &[u8], limits: &Limits) -> Result<(), ExtractError> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let (mut tables, mut rows, mut row_repeat, mut width, mut widest, mut last_content_row) =
        (0usize, 0u64, 1u64, 0u64, 0u64, 0u64);
    let mut row_has_content = false;
    let check = |rows: u64, widest: u64, name: &str| -> Result<(), ExtractError> {
        let cells = rows.saturating_mul(widest);
        if cells > limits.max_cells {
            return Err(ExtractError::limit(Limit::Cells, format!(
                "{name} expands to {rows} rows × {widest} columns = {cells} cells once its repeats are applied, over the limit of {}",
                limits.max_cells
            )));
        }
        Ok(())
    };
    loop {
        let event = reader.read_event_into(&mut buf);
        let (start, e) = match &event {
            Ok(Event::Start(e)) => (true, e),
            Ok(Event::Empty(e)) => (false, e),
            Ok(Event::End(e)) => {
                match e.local_name().as_ref() {
                    b"table-row" => {
                        if row_has_content {
                            rows = rows.saturating_add(row_repeat);
                            last_content_row = rows;
                            widest = widest.max(width);
                            check(last_content_row, widest, "a sheet")?;
                        } else {
                            rows = rows.saturating_add(row_repeat);
                        }
                    }
                    b"table" => {
                        check(last_content_row, widest, "a sheet")?;
                        (rows, widest, last_content_row) = (0, 0, 0);
                    }
                    _ => {}
                }
                buf.clear();
                continue;
            }
            Ok(Event::Eof) | Err(_) => return Ok(()),
            _ => {
                buf.clear();
                continue;
            }
        };
        match e.local_name().as_ref() {
            b"table" => {
                tables += 1;
                if tables > limits.max_sheets {
                    return Err(ExtractError::limit(
                        Limit::Sheets,
                        format!("the spreadsheet holds more than {} sheets", limits.max_sheets),
                    ));
                }
            }
            b"table-row" => {
                row_repeat = number(attr(e, b"number-rows-repeated")).unwrap_or(1).max(1);
                width = 0;
                row_has_content = false;
                if !start {
                    rows = rows.saturating_add(row_repeat);
                }
            }
            b"table-cell" | b"covered-table-cell" => {
                let repeat = number(attr(e, b"number-columns-repeated")).unwrap_or(1).max(1);
                // A cell holds something when it has a value or children.
                let content = start || attr(e, b"value-type").is_some() || attr(e, b"formula").is_some();
                width = width.saturating_add(repeat);
                if content {
                    row_has_content = true;
                    // Trailing empty cells are never expanded; content is.
                    widest = widest.max(width);
                }
            }
            _ => {}
        }
        buf.clear();
    }
}

/// The BIFF records of an .xls workbook stream: the extent each sheet's
/// DIMENSIONS record claims (calamine reserves rows × columns cells for
/// it) and the number of sheets (BOUNDSHEET records).
pub fn xls_records(stream: &[u8], limits: &Limits) -> Result<(), ExtractError> {
    let mut pos = 0usize;
    let mut sheets = 0usize;
    while pos + 4 <= stream.len() {
        let typ = u16::from_le_bytes([stream[pos], stream[pos + 1]]);
        let len = usize::from(u16::from_le_bytes([stream[pos + 2], stream[pos + 3]]));
        let data = &stream[pos + 4..(pos + 4 + len).min(stream.len())];
        pos += 4 + len;
        match typ {
            0x0085 => {
                sheets += 1;
                if sheets > limits.max_sheets {
                    return Err(ExtractError::limit(
                        Limit::Sheets,
                        format!("the workbook lists more than {} sheets", limits.max_sheets),
                    ));
                }
            }
            0x0200 => {
                let u16_at = |i: usize| u64::from(u16::from_le_bytes([data[i], data[i + 1]]));
                let u32_at = |i: usize| u64::from(u32::from_le_bytes([data[i], data[i + 1], data[i + 2], data[i + 3]]));
                let (first_row, last_row, first_col, last_col) = match data.len() {
                    10 => (u16_at(0), u16_at(2), u16_at(4), u16_at(6)),
                    14 | 16 => (u32_at(0), u32_at(4), u16_at(8), u16_at(10)),
                    _ => continue, // calamine reports the bad length itself
                };
                let rows = last_row.saturating_sub(first_row).saturating_add(1);
                let cols = last_col.saturating_sub(first_col).saturating_add(1);
                let cells = rows.saturating_mul(cols);
                if cells > limits.max_cells {
                    return Err(ExtractError::limit(Limit::Cells, format!(
                        "a sheet's DIMENSIONS record claims {rows} rows × {cols} columns = {cells} cells, over the limit of {}",
                        limits.max_cells
                    )));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// What the font dictionaries of a PDF declare, seen by [`pdf_streams`] in
/// the file and in its inflated streams (object streams hold dictionaries
/// too).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PdfFonts {
    /// A composite (Type0, CID) font.
    pub composite: bool,
    /// A simple font (Type1, TrueType, Type3), which maps through an encoding.
    pub simple: bool,
    /// A ToUnicode map.
    pub to_unicode: bool,
}

impl PdfFonts {
    fn see(&mut self, bytes: &[u8]) {
        let has = |token: &[u8]| memchr::memmem::find(bytes, token).is_some();
        self.composite |= has(b"/Type0");
        self.simple |= has(b"/TrueType") || has(b"/Type1") || has(b"/Type3");
        self.to_unicode |= has(b"/ToUnicode");
    }

    /// Every font is a CID font with no ToUnicode map: its glyphs are
    /// numbers, not text (pdfplumber reads an Identity-H CID as a code
    /// point, which is a guess).
    pub fn no_unicode(&self) -> bool {
        self.composite && !self.simple && !self.to_unicode
    }
}

/// Inflates every stream of a PDF into a counter (nothing is kept), in the
/// file's byte order, failing once the decompressed bytes pass
/// `--max-unzipped`: a deflate bomb in a content stream is refused before
/// pdfplumber, which enforces no such limit, inflates it whole. Every layer
/// of a filter chain (`/Filter [/FlateDecode /FlateDecode]`) is inflated
/// and counted, each layer's output adding to the total, and so is every
/// stage the stream's `/Filter` declares (`/ASCII85Decode`, `/ASCIIHexDecode`,
/// `/LZWDecode`, `/RunLengthDecode` before or after a Flate stage: see
/// `pdf::filters`). An encrypted PDF
/// that opens with the empty user password (RC4 or AES: most encrypted
/// disclosures) is decrypted here first (with lopdf, as pdfplumber will),
/// and its decrypted streams are counted the same way: its encrypted bytes
/// would hide a bomb. Streams that are not zlib data count as stored.
/// Returns what its fonts declare.
pub fn pdf_streams(bytes: &[u8], limits: &Limits) -> Result<PdfFonts, ExtractError> {
    let mut fonts = PdfFonts::default();
    fonts.see(bytes);
    let mut counter = StreamCounter::new(limits.max_unzipped_bytes);
    if let Some(decrypted) = decrypted_streams(bytes) {
        for (stages, data) in &decrypted {
            counter.count(data, stages, &mut fonts).map_err(|why| counter.over(why, "a decrypted stream"))?;
        }
        return Ok(fonts);
    }
    let mut at = 0;
    while let Some(found) = memchr::memmem::find(&bytes[at..], b"stream") {
        let keyword = at + found;
        at = keyword + b"stream".len();
        if bytes[..keyword].ends_with(b"end") {
            continue;
        }
        // The data starts after the keyword's end of line.
        let mut start = at;
        if bytes.get(start) == Some(&b'\r') {
            start += 1;
        }
        if bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
        let end = memchr::memmem::find(&bytes[start..], b"endstream").map_or(bytes.len(), |e| start + e);
        let stages = filters::declared(stream_dict(bytes, keyword));
        counter
            .count(&bytes[start..end], &stages, &mut fonts)
            .map_err(|why| counter.over(why, &format!("byte {keyword}")))?;
        at = end;
    }
    Ok(fonts)
}

/// How far before its `stream` keyword a stream's dictionary is looked
/// for: a stream dictionary is a few hundred bytes.
const DICT_WINDOW: usize = 64 * 1024;

/// The text of the stream dictionary before the `stream` keyword at
/// `keyword`: from the object's `obj` keyword (or the window's start).
fn stream_dict(bytes: &[u8], keyword: usize) -> &[u8] {
    let window = &bytes[keyword.saturating_sub(DICT_WINDOW)..keyword];
    let from = memchr::memmem::rfind(window, b"obj").map_or(0, |at| at + 3);
    &window[from..]
}

/// The declared filter stages of a stream lopdf loaded.
fn stages_of(stream: &lopdf::Stream) -> Vec<filters::Stage> {
    let early_change = stream
        .dict
        .get(b"DecodeParms")
        .and_then(lopdf::Object::as_dict)
        .and_then(|p| p.get(b"EarlyChange"))
        .and_then(lopdf::Object::as_i64)
        .map_or(true, |v| v != 0);
    let names = stream.filters().unwrap_or_default();
    names.iter().map_while(|name| filters::Stage::named(name, early_change)).collect()
}

/// The streams of an encrypted PDF, decrypted with the empty user password
/// (still encoded by their filters, which come with them); `None` for a
/// PDF that is not encrypted, or whose password is not empty (pdfplumber
/// then says so).
fn decrypted_streams(bytes: &[u8]) -> Option<Vec<(Vec<filters::Stage>, Vec<u8>)>> {
    memchr::memmem::find(bytes, b"/Encrypt")?;
    // lopdf decrypts as it loads when the empty password opens the file
    // (and then no longer calls it encrypted); with another password it
    // loads nothing.
    let doc = lopdf::Document::load_mem(bytes).ok()?;
    if !doc.was_encrypted() {
        return None;
    }
    let streams = doc.objects.into_values().filter_map(|object| match object {
        lopdf::Object::Stream(stream) => Some((stages_of(&stream), stream.content)),
        _ => None,
    });
    Some(streams.collect())
}

/// Most zlib layers one stream may be wrapped in: a chain deeper than any
/// writer makes is refused rather than followed (each layer holds a
/// window of its own).
const MAX_LAYERS: usize = 8;

/// Why a stream stopped being counted.
enum Over {
    /// The decoded bytes passed the limit.
    Bytes,
    /// The stream is wrapped in more than [`MAX_LAYERS`] zlib layers.
    Layers,
}

/// The decoded bytes of a PDF's streams so far, against `--max-unzipped`.
struct StreamCounter {
    cap: u64,
    total: std::cell::Cell<u64>,
    buf: Vec<u8>,
}

/// A token may straddle two reads: each read is scanned with the tail of
/// the one before.
const TAIL: usize = 16;

impl StreamCounter {
    fn new(cap: u64) -> StreamCounter {
        StreamCounter { cap, total: std::cell::Cell::new(0), buf: vec![0u8; TAIL + 64 * 1024] }
    }

    /// Counts one stream's data through the filter `stages` it declares,
    /// then every zlib layer it is still wrapped in: each stage's output
    /// counts, as the reader holds each.
    fn count(&mut self, data: &[u8], stages: &[filters::Stage], fonts: &mut PdfFonts) -> Result<(), Over> {
        use std::io::Read;
        let before = self.total.get();
        let (total, cap) = (&self.total, self.cap);
        let Some(mut reader) = layered(data, stages, total, cap)? else {
            total.set(before + data.len() as u64);
            return if total.get() > cap { Err(Over::Bytes) } else { Ok(()) };
        };
        let buf = &mut self.buf;
        buf[..TAIL].fill(0);
        loop {
            let n = match reader.read(&mut buf[TAIL..]) {
                Ok(0) => break,
                Ok(n) => n,
                // Over the limit, or not zlib after all (damaged past what
                // was read: what was read counts).
                Err(_) if total.get() > cap => return Err(Over::Bytes),
                Err(_) => break,
            };
            fonts.see(&buf[..TAIL + n]);
            buf.copy_within(n..TAIL + n, 0);
        }
        if total.get() == before {
            // A zlib stream that inflates to nothing counts as stored.
            total.set(before + data.len() as u64);
        }
        if total.get() > cap {
            return Err(Over::Bytes);
        }
        Ok(())
    }

    /// The limit error for `why`, at `place`.
    fn over(&self, why: Over, place: &str) -> ExtractError {
        let cap = self.cap;
        let message = match why {
            Over::Bytes => format!("the PDF's streams expand to more than {cap} bytes (at {place})"),
            Over::Layers => {
                format!("a PDF stream wrapped in more than {MAX_LAYERS} compression layers (at {place})")
            }
        };
        ExtractError::limit(Limit::Unzipped, message)
    }
}

/// `data` decoded through its declared `stages`, then through every zlib
/// layer found after them, each stage counted into `total`; `None` when
/// it is neither (stored as it is).
fn layered<'a>(
    data: &'a [u8],
    stages: &[filters::Stage],
    total: &'a std::cell::Cell<u64>,
    cap: u64,
) -> Result<Option<Box<dyn std::io::Read + 'a>>, Over> {
    use std::io::Read;
    if stages.len() > MAX_LAYERS {
        return Err(Over::Layers);
    }
    let mut reader: Box<dyn Read + 'a> = Box::new(data);
    for stage in stages {
        reader = Box::new(Counted { inner: stage.reader(reader), total, cap });
    }
    let mut layers = stages.len();
    loop {
        let head = peek_two(&mut reader);
        let zlib = head.len() == 2 && is_zlib_header(head[0], head[1]);
        reader = Box::new(std::io::Cursor::new(head).chain(reader));
        if !zlib {
            return Ok((layers > 0).then_some(reader));
        }
        layers += 1;
        if layers > MAX_LAYERS {
            return Err(Over::Layers);
        }
        reader = Box::new(Counted { inner: flate2::read::ZlibDecoder::new(reader), total, cap });
    }
}

/// Up to the first two bytes `reader` gives (fewer at its end or on error).
fn peek_two(reader: &mut dyn std::io::Read) -> Vec<u8> {
    let mut head = [0u8; 2];
    let mut got = 0;
    while got < 2 {
        match reader.read(&mut head[got..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => got += n,
        }
    }
    head[..got].to_vec()
}

/// A zlib stream's first two bytes (RFC 1950): deflate, a window of at
/// most 32 KiB, and the check that makes the pair a multiple of 31.
fn is_zlib_header(cmf: u8, flg: u8) -> bool {
    cmf & 0x0f == 8 && cmf >> 4 <= 7 && (u16::from(cmf) << 8 | u16::from(flg)) % 31 == 0
}

/// A reader whose output adds to a shared total, failing once it passes
/// `cap`: one per zlib layer, so that a layer is stopped as it inflates.
struct Counted<'c, R> {
    inner: R,
    total: &'c std::cell::Cell<u64>,
    cap: u64,
}

impl<R: std::io::Read> std::io::Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.total.set(self.total.get() + n as u64);
        if self.total.get() > self.cap {
            return Err(std::io::Error::other("over --max-unzipped"));
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> Limits {
        Limits { max_cells: 1_000_000, max_sheets: 100, ..Limits::default() }
    }

    #[test]
    fn shared_string_counts_are_bounded() {
        let sst = br#"<sst xmlns="x" count="4000000000" uniqueCount="4000000000"><si><t>a</t></si></sst>"#;
        let err = xlsx_shared_strings(sst, &limits()).expect_err("4e9 strings");
        assert!(err.to_string().contains("--max-cells"), "{err}");
        assert!(xlsx_shared_strings(br#"<sst uniqueCount="2"><si/><si/></sst>"#, &limits()).is_ok());
    }

    #[test]
    fn sheets_are_counted_and_parsed_bytes_add_up() {
        let book = format!("<workbook><sheets>{}</sheets></workbook>", r#"<sheet name="s" r:id="rId1"/>"#.repeat(150));
        let rels = br#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#;
        let sizes = HashMap::from([("xl/worksheets/sheet1.xml".to_string(), 5_000_000u64)]);
        let err = xlsx_sheets(book.as_bytes(), rels, &sizes, &limits()).expect_err("150 sheets");
        assert!(err.to_string().contains("--max-sheets"), "{err}");
        let book = format!("<workbook><sheets>{}</sheets></workbook>", r#"<sheet name="s" r:id="rId1"/>"#.repeat(50));
        let small = Limits { max_unzipped_bytes: 100_000_000, ..limits() };
        let err = xlsx_sheets(book.as_bytes(), rels, &sizes, &small).expect_err("50 × 5 MB parsed");
        assert!(err.to_string().contains("--max-unzipped"), "{err}");
    }

    #[test]
    fn ods_repeats_are_expanded_in_the_count_only() {
        let bomb = br#"<office:document-content><table:table><table:table-row table:number-rows-repeated="6000"><table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table></office:document-content>"#;
        let err = ods_content(bomb, &limits()).expect_err("98M cells");
        assert!(err.to_string().contains("--max-cells"), "{err}");
        // What LibreOffice writes after the last row: empty repeats, never expanded.
        let real = br#"<table:table><table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1023"/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>"#;
        assert!(ods_content(real, &limits()).is_ok());
    }

    #[test]
    fn xls_dimensions_are_bounded() {
        let mut stream = vec![0x00, 0x02, 14, 0];
        stream.extend(0u32.to_le_bytes());
        stream.extend(u32::MAX.to_le_bytes());
        stream.extend(0u16.to_le_bytes());
        stream.extend(u16::MAX.to_le_bytes());
        stream.extend([0, 0]); // reserved
        let err = xls_records(&stream, &limits()).expect_err("petabytes");
        assert!(err.to_string().contains("--max-cells"), "{err}");
        assert!(xls_records(&[0x00, 0x02, 10, 0, 0, 0, 9, 0, 0, 0, 5, 0, 0, 0], &limits()).is_ok());
    }

    #[test]
    fn a_pdf_deflate_bomb_is_counted_not_kept() {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&vec![b' '; 20 << 20]).expect("deflate");
        let bomb = z.finish().expect("deflate");
        let pdf = [
            &b"%PDF-1.7\n4 0 obj\n<< /Length 9 /Filter /FlateDecode >>\nstream\n"[..],
            &bomb,
            b"\nendstream\nendobj\n",
        ]
        .concat();
        let small = Limits { max_unzipped_bytes: 1 << 20, ..limits() };
        let err = pdf_streams(&pdf, &small).expect_err("over the limit");
        assert!(matches!(err, ExtractError::LimitExceeded { limit: Limit::Unzipped, .. }), "{err}");
        assert!(pdf_streams(&pdf, &Limits { max_unzipped_bytes: 64 << 20, ..limits() }).is_ok());
        // Streams that are not zlib count as stored.
        let raw = b"%PDF-1.7\nstream\nBT (x) Tj ET\nendstream\n".to_vec();
        assert!(pdf_streams(&raw, &Limits { max_unzipped_bytes: 5, ..limits() }).is_err());
        assert!(pdf_streams(&raw, &Limits { max_unzipped_bytes: 100, ..limits() }).is_ok());
    }
}
