//! The merged regions of an .xlsx sheet, read from the bytes the ZIP
//! prescan inflates anyway.
//!
//! calamine's `merge_cells_by_sheet_name` inflates a sheet's XML a second
//! time and tokenizes all of it, cells included, to reach `<mergeCells>`,
//! which comes after them. On the real workbooks (twenty sheets each) that
//! second pass was 18% of the whole pipeline. Here the prescan's own
//! inflation of each part is kept for a moment ([`scan`]): the element's
//! name is looked for with `memmem`, and only what follows the end of the
//! cells is tokenized.
//!
//! The answer must be calamine's, so this module answers only where it is
//! sure, and `None` hands the sheet back to calamine:
//! - where tokenizing starts mid-part, anything calamine would tokenize
//!   differently: the cells must name `sheetData` only in their start and
//!   end tags, and hold no comment, CDATA section, DOCTYPE or processing
//!   instruction (a tag inside one is no tag); what follows is tokenized
//!   with no element open, so an end tag calamine would match against one
//!   left open among the cells is an error here, not a guess;
//! - a part that does not parse where it is tokenized, attributes calamine's
//!   own attribute scanner would refuse (its rules are followed: a key runs
//!   to `=`, a value must be quoted), or a reference that is not a plain
//!   `A1` or `A1:B2` within Excel's bounds;
//! - a part larger than [`KEEP_AT_MOST`], a UTF-16 part;
//! - a package whose workbook is not `xl/workbook.xml`, whose relationship
//!   targets are escaped, or whose entry names collide once folded to
//!   lower case (calamine looks parts up case-insensitively).
//!
//! [`sheet_parts`] maps each sheet name to its part as calamine does, and
//! the caller also checks that its sheet names are calamine's, in order.
//! `tests/office.rs` reads odd variants and seeded mutations of a sheet
//! both ways; 60,000 mutations came out the same.

use calamine::Dimensions;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::HashMap;

/// Parts up to this size are kept while the prescan inflates them; a
/// larger one is counted and dropped, and its merges come from calamine.
pub(crate) const KEEP_AT_MOST: u64 = 8 * 1024 * 1024;

/// The merged regions a sheet part declares, as calamine reads them
/// (an empty list when it has none); `None` when only calamine can say.
pub(crate) fn scan(xml: &[u8]) -> Option<Vec<Dimensions>> {
    if xml.starts_with(&[0xFF, 0xFE]) || xml.starts_with(&[0xFE, 0xFF]) {
        return None;
    }
    // No element can be named mergeCells without these bytes (names take
    // no character references).
    let Some(first) = memchr::memmem::find(xml, b"mergeCells") else { return Some(Vec::new()) };
    // Tokenize from the end of the cells when the name comes after it, from
    // the start otherwise (the name was text, or the part is unusual). What
    // is skipped must hold no markup that could hide a tag.
    let from = end_of_cells(&xml[..first]).unwrap_or(0);
    let skipped = &xml[..from];
    if memchr::memmem::find(skipped, b"<!").is_some() || memchr::memmem::find_iter(skipped, b"<?").any(|at| at > 3) {
        return None;
    }
    let mut reader = reader_as_calamines(&xml[from..]);
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) if e.local_name().as_ref() == b"mergeCells" => return merge_cells(&mut reader),
            Event::Eof => return Some(Vec::new()),
            _ => {}
        }
    }
}

/// An XML reader set up as calamine sets up its own (`xml_reader`), so
/// that what one refuses the other does too.
fn reader_as_calamines(xml: &[u8]) -> Reader<&[u8]> {
    let mut reader = Reader::from_reader(xml);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    reader
}

/// Just past the end of the cells, when `xml` names `sheetData` exactly
/// twice: as a start tag, then as an end tag (any prefix). calamine's cell
/// reader stops at that end tag, having tokenized all before it without
/// error (or the sheet would be unreadable, its merges never asked for).
/// Tokenizing resumes after it, with no element open: an end tag calamine
/// would match with one opened among the cells is an error here, and the
/// sheet goes back to calamine.
fn end_of_cells(xml: &[u8]) -> Option<usize> {
    const NAME: &[u8] = b"sheetData";
    let mut seen = memchr::memmem::find_iter(xml, NAME);
    let (start, end) = (seen.next()?, seen.next()?);
    if seen.next().is_some() {
        return None;
    }
    // `<` or `</`, an optional prefix, the name, then `>` (or white space
    // in a start tag).
    let tag = |at: usize, closing: bool| {
        let Some(open) = memchr::memrchr(b'<', &xml[..at]) else { return false };
        let head = &xml[open + 1..at];
        let Some(head) = (if closing { head.strip_prefix(b"/") } else { Some(head) }) else { return false };
        let prefix = match head.split_last() {
            None => true,
            Some((b':', name)) => {
                !name.is_empty() && name.iter().all(|b| b.is_ascii_alphanumeric() || b"_-.".contains(b))
            }
            Some(_) => false,
        };
        let next = xml.get(at + NAME.len()).copied();
        prefix && (next == Some(b'>') || (!closing && next.is_some_and(|b| b.is_ascii_whitespace())))
    };
    (tag(start, false) && tag(end, true)).then_some(end + NAME.len() + 1)
}

/// The `<mergeCell ref=…>` elements up to `</mergeCells>`.
fn merge_cells(reader: &mut Reader<&[u8]>) -> Option<Vec<Dimensions>> {
    let mut out = Vec::new();
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) if e.local_name().as_ref() == b"mergeCell" => {
                if let Some(reference) = raw_attr(e.attributes_raw(), b"ref").ok()? {
                    out.push(dimension(reference)?);
                }
            }
            Event::End(e) if e.local_name().as_ref() == b"mergeCells" => return Some(out),
            // calamine fails the sheet's merges here: it will say so.
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// The raw value of attribute `key`, scanned as calamine scans attributes
/// (a key runs to `=`, a value must be quoted, the first match wins);
/// `Err` where calamine's scan fails before it finds the key.
fn raw_attr<'a>(attributes: &'a [u8], key: &[u8]) -> Result<Option<&'a [u8]>, ()> {
    let mut rest = attributes;
    loop {
        rest = rest.trim_ascii_start();
        if rest.is_empty() {
            return Ok(None);
        }
        let eq = memchr::memchr(b'=', rest).ok_or(())?;
        let name = rest[..eq].trim_ascii_end();
        rest = rest[eq + 1..].trim_ascii_start();
        let quote = *rest.first().filter(|q| matches!(q, b'"' | b'\'')).ok_or(())?;
        let end = memchr::memchr(quote, &rest[1..]).map_or(rest.len(), |at| at + 1);
        let value = &rest[1..end];
        if name == key {
            return Ok(Some(value));
        }
        rest = rest.get(end + 1..).unwrap_or_default();
    }
}

/// `A1` or `A1:B2`, zero-based. Only plain references within Excel's
/// bounds (three letters, seven digits) are read here; anything else is
/// left to calamine, whose reading of odd references is its own.
fn dimension(reference: &[u8]) -> Option<Dimensions> {
    let mut parts = reference.split(|b| *b == b':');
    let start = cell(parts.next()?)?;
    let end = match parts.next() {
        Some(part) => cell(part)?,
        None => start,
    };
    if parts.next().is_some() {
        return None;
    }
    Some(Dimensions { start, end })
}

fn cell(text: &[u8]) -> Option<(u32, u32)> {
    let letters = text.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let digits = &text[letters..];
    if !(1..=3).contains(&letters) || !(1..=7).contains(&digits.len()) || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let col = text[..letters].iter().fold(0u32, |col, b| col * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1);
    let row = digits.iter().fold(0u32, |row, b| row * 10 + u32::from(b - b'0'));
    Some((row.checked_sub(1)?, col - 1))
}

/// A ZIP entry's name as calamine looks it up (its `zip_path_cache`):
/// back slashes as slashes, ASCII letters in lower case.
pub(crate) fn folded_name(name: &str) -> String {
    name.replace('\\', "/").to_ascii_lowercase()
}

/// Each sheet's name and the ZIP entry calamine reads it from, in workbook
/// order; `None` unless the package is laid out as calamine's defaults
/// assume (see the module's notes).
pub(crate) fn sheet_parts(
    entries: &[String],
    package_rels: &[u8],
    workbook: &[u8],
    workbook_rels: &[u8],
) -> Option<Vec<(String, String)>> {
    let mut folded = HashMap::with_capacity(entries.len());
    for name in entries {
        if folded.insert(folded_name(name), name.as_str()).is_some() {
            return None;
        }
    }
    let entry = |path: &str| folded.get(&path.to_ascii_lowercase()).map(|name| name.to_string());
    let document =
        relationships(package_rels)?.into_iter().rfind(|r| r.kind.ends_with("/relationships/officeDocument"))?;
    if document.target.strip_prefix('/').unwrap_or(&document.target) != "xl/workbook.xml" {
        return None;
    }
    let targets: HashMap<String, String> =
        relationships(workbook_rels)?.into_iter().filter_map(|r| Some((r.id?, r.target))).collect();
    let mut reader = reader_as_calamines(workbook);
    let mut sheets = Vec::new();
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) if e.local_name().as_ref() == b"sheet" => {
                let (mut name, mut id) = (None, None);
                for attr in e.attributes() {
                    let attr = attr.ok()?;
                    let key = attr.key.as_ref();
                    if key == b"name" {
                        name = Some(attr.unescape_value().ok()?.into_owned());
                    } else if key == b"id" || key.ends_with(b":id") {
                        id = Some(std::str::from_utf8(&attr.value).ok()?.to_string());
                    }
                }
                let target = targets.get(&id?)?;
                let path = match target.strip_prefix('/') {
                    Some(absolute) => absolute.to_string(),
                    None => format!("xl/{target}"),
                };
                sheets.push((name.unwrap_or_default(), entry(&path)?));
            }
            Event::Eof => return Some(sheets),
            _ => {}
        }
    }
}

struct Relationship {
    /// calamine leaves a relationship without an id out.
    id: Option<String>,
    kind: String,
    target: String,
}

/// The `<Relationship>` elements of a `.rels` part, up to
/// `</Relationships>`; `None` when one is escaped or does not parse.
fn relationships(xml: &[u8]) -> Option<Vec<Relationship>> {
    let mut reader = reader_as_calamines(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) if e.local_name().as_ref() == b"Relationship" => {
                let mut relationship = Relationship { id: None, kind: String::new(), target: String::new() };
                for attr in e.attributes() {
                    let attr = attr.ok()?;
                    let value = std::str::from_utf8(&attr.value).ok()?;
                    if value.contains('&') {
                        return None;
                    }
                    match attr.key.as_ref() {
                        b"Id" => relationship.id = Some(value.to_string()),
                        b"Type" => relationship.kind = value.to_string(),
                        b"Target" => relationship.target = value.to_string(),
                        _ => {}
                    }
                }
                out.push(relationship);
            }
            Event::End(e) if e.local_name().as_ref() == b"Relationships" => return Some(out),
            Event::Eof => return Some(out),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Corners = ((u32, u32), (u32, u32));

    fn dims(list: &[Corners]) -> Vec<Dimensions> {
        list.iter().map(|&(start, end)| Dimensions { start, end }).collect()
    }

    #[test]
    fn merges_after_the_cells_are_read_with_or_without_a_prefix() {
        let plain = br#"<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>mergeCells</t></is></c></row></sheetData><mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="b2"/></mergeCells></worksheet>"#;
        assert_eq!(scan(plain), Some(dims(&[((0, 0), (0, 2)), ((1, 1), (1, 1))])));
        let prefixed = br#"<x:worksheet xmlns:x="s"><x:sheetData/><x:mergeCells><x:mergeCell ref="AA10:AB12"></x:mergeCell></x:mergeCells></x:worksheet>"#;
        assert_eq!(scan(prefixed), Some(dims(&[((9, 26), (11, 27))])));
        assert_eq!(scan(br#"<worksheet><sheetData></sheetData></worksheet>"#), Some(Vec::new()));
        assert_eq!(scan(br#"<worksheet><sheetData></sheetData><mergeCells/></worksheet>"#), Some(Vec::new()));
    }

    #[test]
    fn anything_calamine_might_read_otherwise_is_left_to_it() {
        let with = |middle: &str| format!("<worksheet><sheetData></sheetData>{middle}</worksheet>").into_bytes();
        // A tag inside a comment is no tag: after the cells the tokenizer
        // skips it, among the skipped cells nothing is trusted.
        let real = "<mergeCells><mergeCell ref=\"A1:B1\"/></mergeCells>";
        assert_eq!(scan(&with(&format!("<!-- <mergeCells> -->{real}"))), Some(dims(&[((0, 0), (0, 1))])));
        let hidden = format!("<!-- </sheetData><mergeCells><mergeCell ref=\"C3\"/></mergeCells> -->{real}");
        assert_eq!(scan(&with(&hidden)), Some(dims(&[((0, 0), (0, 1))])), "tokenized from the start");
        // An element left open among the cells closes after them.
        assert_eq!(scan(format!("<worksheet><sheetData><row></sheetData></row>{real}</worksheet>").as_bytes()), None);
        assert_eq!(scan(format!("<worksheet><sheetData><?pi x?></sheetData>{real}</worksheet>").as_bytes()), None);
        // References calamine reads its own way, or not at all.
        for reference in ["A0", "A1:B2:C3", "AAAA1", "A12345678", "1A", "$A$1", "A1:"] {
            assert_eq!(scan(&with(&format!("<mergeCells><mergeCell ref=\"{reference}\"/></mergeCells>"))), None);
        }
        // Unclosed, or broken attributes.
        assert_eq!(scan(&with("<mergeCells><mergeCell ref=\"A1:B1\"/>")), None);
        assert_eq!(scan(&with("<mergeCells><mergeCell ref=A1:B1/></mergeCells>")), None);
        assert_eq!(scan(&[0xFF, 0xFE, b'<', 0]), None);
    }

    #[test]
    fn sheets_map_to_their_parts_as_calamine_resolves_them() {
        let entries: Vec<String> =
            ["_rels/.rels", "xl/workbook.xml", "xl/worksheets/Sheet1.xml", "xl/ws/two.xml"].map(String::from).into();
        let package = br#"<Relationships><Relationship Id="r" Type="http://x/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
        let workbook = br#"<workbook><sheets><sheet name="A &amp; B" r:id="rId1"/><sheet name="two" id="rId2"/></sheets></workbook>"#;
        let rels = br#"<Relationships><Relationship Id="rId1" Type="t/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="t/worksheet" Target="/xl/ws/two.xml"/></Relationships>"#;
        assert_eq!(
            sheet_parts(&entries, package, workbook, rels),
            Some(vec![
                ("A & B".to_string(), "xl/worksheets/Sheet1.xml".to_string()),
                ("two".to_string(), "xl/ws/two.xml".to_string())
            ])
        );
        // A workbook elsewhere, an escaped target, or names that collide
        // when folded: calamine's lookups are its own.
        let elsewhere = br#"<Relationships><Relationship Type="x/relationships/officeDocument" Target="book/w.xml"/></Relationships>"#;
        assert_eq!(sheet_parts(&entries, elsewhere, workbook, rels), None);
        let escaped =
            br#"<Relationships><Relationship Id="rId1" Type="t/worksheet" Target="a&amp;b.xml"/></Relationships>"#;
        assert_eq!(sheet_parts(&entries, package, workbook, escaped), None);
        let mut colliding = entries.clone();
        colliding.push("XL/workbook.xml".into());
        assert_eq!(sheet_parts(&colliding, package, workbook, rels), None);
        // A sheet whose part is missing.
        let missing = br#"<Relationships><Relationship Id="rId1" Type="t" Target="worksheets/gone.xml"/><Relationship Id="rId2" Type="t" Target="/xl/ws/two.xml"/></Relationships>"#;
        assert_eq!(sheet_parts(&entries, package, workbook, missing), None);
    }
}
