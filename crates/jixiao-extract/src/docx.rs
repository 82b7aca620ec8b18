//! Word 2007+ documents: `word/document.xml` streamed with quick-xml.
//!
//! Elements are matched by local name, never by the `w:` prefix. Tables are
//! kept on a stack (a cell can hold a table; a text box holds paragraphs).
//! `gridSpan`, `gridBefore`/`gridAfter`, `vMerge` and legacy `hMerge` are
//! resolved into a grid in which each logical cell knows its spans and the
//! positions it covers stay empty. Tracked insertions are kept, deletions
//! and field instructions dropped. A document that ends inside a table is
//! truncated, and says so. Formatting and border elements, most of a
//! document's bytes, are passed over without being tokenised.

use crate::{ExtractError, Limit, Limits, Place};
use jixiao_model::grid::GridBuilder;
use jixiao_model::{Block, Document, SourceRef, Table};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::io::Read;

/// A cell under construction.
#[derive(Default)]
struct CellBuf {
    text: String,
    span: u32,
    vmerge: Option<bool>, // Some(true) = restart, Some(false) = continue
    hmerge_continue: bool,
}

/// A table under construction: rows of (grid column, cell).
#[derive(Default)]
struct TableBuf {
    rows: Vec<Vec<(usize, CellBuf)>>,
    row: Vec<(usize, CellBuf)>,
    next_col: usize,
    grid_after: usize,
    cell: Option<CellBuf>,
}

fn attr_val(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// Reads the bytes of one ZIP entry, refusing more than `cap` bytes
/// whatever the entry's header claims.
pub fn read_entry<R: std::io::Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
    cap: u64,
) -> Result<Vec<u8>, ExtractError> {
    let entry = zip.by_name(name).map_err(|e| ExtractError::corrupt(Place::Entry(name.into()), e.to_string()))?;
    if entry.size() > cap {
        return Err(ExtractError::limit(
            Limit::Unzipped,
            format!("{name} expands to {} bytes, over the limit of {cap}", entry.size()),
        ));
    }
    let mut out = Vec::with_capacity(entry.size() as usize);
    entry
        .take(cap + 1)
        .read_to_end(&mut out)
        .map_err(|e| ExtractError::corrupt(Place::Entry(name.into()), e.to_string()))?;
    if out.len() as u64 > cap {
        return Err(ExtractError::limit(Limit::Unzipped, format!("{name} expands past the limit of {cap} bytes")));
    }
    Ok(out)
}

/// The part of a .docx that holds the document.
const DOCUMENT_XML: &str = "word/document.xml";

/// Parses `word/document.xml`. Nesting is bounded by `limits.max_depth`
/// and every table's grid (rows × widest row, spans included) by
/// `limits.max_cells`, checked before the grid is allocated.
pub fn parse_document_xml(xml: &[u8], limits: &Limits) -> Result<Document, ExtractError> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().trim_text(false);
    let mut w = Walker {
        doc: Document { format: "docx".into(), ..Default::default() },
        limits,
        tables: Vec::new(),
        para: String::new(),
        in_del: 0,
        in_instr: false,
        in_text: false,
    };
    // Bytes of property elements passed over (see [`Skips`]):
    // the reader's own position does not count them.
    let mut skipped = 0u64;
    let mut skips = Skips::for_document(xml);
    // Events borrow from the inflated part (no copy into a buffer per event).
    loop {
        let event = reader.read_event().map_err(|e| {
            let at = Place::Byte { entry: DOCUMENT_XML.into(), offset: reader.buffer_position() + skipped };
            ExtractError::corrupt(at, e.to_string())
        })?;
        match event {
            Event::Start(e) if PROPERTIES.contains(&e.local_name().as_ref()) => {
                skipped += skips.skip(&mut reader, e.name().as_ref());
            }
            Event::Start(e) => w.start(&e)?,
            Event::Empty(e) => w.empty(&e),
            Event::Text(t) if w.in_text && w.in_del == 0 && !w.in_instr => {
                let text = t.unescape().unwrap_or_else(|_| String::from_utf8_lossy(&t));
                push_text(&mut w.tables, &mut w.para, &text);
            }
            Event::End(e) => w.end(e.local_name().as_ref())?,
            Event::Eof => break,
            _ => {}
        }
    }
    if !w.tables.is_empty() {
        let at = Place::Entry(DOCUMENT_XML.into());
        return Err(ExtractError::corrupt(at, "it ends inside a table: the file is truncated"));
    }
    flush_paragraph(&mut w.doc, &mut w.para, true);
    Ok(w.doc)
}

/// Property elements, none of whose content a table's text or grid needs:
/// paragraph and run formatting (`pPr` holds tab stops too, which are not
/// text), cell borders, table-wide settings and column widths, sections.
/// They are most of a document's bytes (a bordered cell's `tcBorders` is
/// longer than its text), so their content is passed over without being
/// tokenised. `tcPr` and `trPr` are read: spans and merges are there.
const PROPERTIES: [&[u8]; 7] = [b"pPr", b"rPr", b"tcBorders", b"tblPr", b"tblGrid", b"tblPrEx", b"sectPr"];

/// Searchers for the tags of the [`PROPERTIES`] met so far (by qualified
/// name: a document uses one prefix).
struct Skips {
    known: Vec<Skip>,
    /// Bytes searched so far: each search stops at the end tag it finds,
    /// and a failed one is not repeated, so this stays within a few times
    /// the document's length.
    searched: u64,
    /// Past this many bytes searched, the rest is read tag by tag: a
    /// guard, should some document still make the searches repeat.
    budget: u64,
}

struct Skip {
    name: Vec<u8>,
    end: memchr::memmem::Finder<'static>,
    /// A search for this name's end tag reached the end of the document:
    /// the document is broken, and searching again would only read it again.
    gave_up: bool,
}

/// Prefixes beyond this many are read tag by tag (a document uses one).
const MAX_SKIPPED_NAMES: usize = 16;

impl Skips {
    fn for_document(xml: &[u8]) -> Skips {
        Skips { known: Vec::new(), searched: 0, budget: 4 * xml.len() as u64 + (1 << 20) }
    }

    /// Moves `reader`, just past the start tag of the element `name`, to
    /// its end tag (which the reader then reads, so that its check of end
    /// names holds) and returns how many bytes it passed over. Nothing
    /// moves when the end tag is not found: the reader meets what is wrong
    /// itself.
    fn skip(&mut self, reader: &mut Reader<&[u8]>, name: &[u8]) -> u64 {
        let i = match self.known.iter().position(|k| k.name == name) {
            Some(i) => i,
            None if self.known.len() < MAX_SKIPPED_NAMES => {
                let end = memchr::memmem::Finder::new(&[b"</", name].concat()).into_owned();
                self.known.push(Skip { name: name.to_vec(), end, gave_up: false });
                self.known.len() - 1
            }
            None => return 0,
        };
        let skip = &mut self.known[i];
        if skip.gave_up || self.searched > self.budget {
            return 0;
        }
        let rest: &[u8] = reader.get_ref();
        // Most often the first end tag of the name closes the element: no
        // tag of the name opens before it, and no comment, CDATA section or
        // processing instruction (`<!`, `<?`) could hide one. One pass over
        // the tags before it checks both.
        let first_end = skip.end.find(rest);
        let quick = first_end.filter(|&at| {
            let before = &rest[..at];
            ends_name(rest.get(at + name.len() + 2).copied(), false)
                && !memchr::memchr_iter(b'<', before).any(|j| {
                    let after = &before[j + 1..];
                    matches!(after.first(), Some(b'!' | b'?')) || after.starts_with(name)
                })
        });
        let found = quick.or_else(|| first_end.and_then(|_| end_tag_of(rest, name)));
        self.searched += found.or(first_end).map_or(rest.len(), |at| at + name.len() + 3) as u64;
        match found {
            Some(at) => {
                *reader.get_mut() = &rest[at..];
                at as u64
            }
            None => {
                skip.gave_up = true;
                0
            }
        }
    }
}

/// True for the byte after a tag's name: the tag's end or white space, or
/// (a start tag's) the `/` of an empty element.
fn ends_name(b: Option<u8>, start_tag: bool) -> bool {
    matches!(b, Some(b'>' | b' ' | b'\t' | b'\r' | b'\n')) || (start_tag && b == Some(b'/'))
}

/// Where the end tag of the element `name`, whose start tag ends just
/// before `rest`, begins: start and end tags of the same name inside it
/// are counted (`pPrChange` holds a `pPr`), comments, CDATA sections and
/// processing instructions passed over whole.
fn end_tag_of(rest: &[u8], name: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(i) = memchr::memchr(b'<', &rest[at..]) {
        let tag = at + i;
        let after = &rest[tag + 1..];
        let named = |b: &[u8]| b.strip_prefix(name).and_then(|r| r.first().copied());
        at = tag + 1;
        if let Some(end) = after.strip_prefix(b"/") {
            if ends_name(named(end), false) {
                if depth == 0 {
                    return Some(tag);
                }
                depth -= 1;
            }
        } else if ends_name(named(after), true) {
            let close = tag_end(after)?;
            if after[close - 1] != b'/' {
                depth += 1;
            }
            at = tag + 1 + close;
        } else {
            for (open, close) in [(&b"!--"[..], &b"-->"[..]), (b"![CDATA[", b"]]>"), (b"?", b"?>")] {
                if after.starts_with(open) {
                    at = tag + 1 + open.len() + memchr::memmem::find(&after[open.len()..], close)? + close.len();
                    break;
                }
            }
        }
    }
    None
}

/// Where the `>` that ends the tag `tag` (what follows its `<`) is, past
/// quoted attribute values.
fn tag_end(tag: &[u8]) -> Option<usize> {
    let mut quote = None;
    tag.iter().position(|&b| match quote {
        Some(q) => {
            if b == q {
                quote = None;
            }
            false
        }
        None if b == b'"' || b == b'\'' => {
            quote = Some(b);
            false
        }
        None => b == b'>',
    })
}

/// The state of one walk over `word/document.xml`'s events.
struct Walker<'l> {
    doc: Document,
    limits: &'l Limits,
    /// Open tables, innermost last.
    tables: Vec<TableBuf>,
    para: String,
    /// Inside tracked deletions (dropped), field instructions, text runs.
    in_del: usize,
    in_instr: bool,
    in_text: bool,
}

impl Walker<'_> {
    fn start(&mut self, e: &BytesStart<'_>) -> Result<(), ExtractError> {
        match e.local_name().as_ref() {
            b"tbl" => {
                let max_depth = self.limits.max_depth;
                if self.tables.len() >= max_depth {
                    return Err(ExtractError::limit(Limit::Depth, format!("tables nested deeper than {max_depth}")));
                }
                flush_paragraph(&mut self.doc, &mut self.para, self.tables.is_empty());
                self.tables.push(TableBuf::default());
            }
            b"tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.row.clear();
                    t.next_col = 0;
                    t.grid_after = 0;
                }
            }
            b"tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Some(CellBuf { span: 1, ..Default::default() });
                }
            }
            b"del" | b"moveFrom" => self.in_del += 1,
            b"instrText" => self.in_instr = true,
            b"t" => self.in_text = true,
            b"vMerge" | b"hMerge" | b"gridSpan" | b"gridBefore" | b"gridAfter" => cell_property(e, &mut self.tables),
            _ => {}
        }
        Ok(())
    }

    fn empty(&mut self, e: &BytesStart<'_>) {
        let (tables, para) = (&mut self.tables, &mut self.para);
        match e.local_name().as_ref() {
            b"tab" if self.in_del == 0 => push_text(tables, para, "\t"),
            b"br" | b"cr" if self.in_del == 0 => push_text(tables, para, "\n"),
            b"sym" if self.in_del == 0 => {
                let ch = attr_val(e, b"char")
                    .and_then(|h| u32::from_str_radix(h.trim_start_matches("F0"), 16).ok())
                    .and_then(char::from_u32);
                if let Some(ch) = ch {
                    push_text(tables, para, &ch.to_string());
                }
            }
            b"vMerge" | b"hMerge" | b"gridSpan" | b"gridBefore" | b"gridAfter" => cell_property(e, tables),
            _ => {}
        }
    }

    fn end(&mut self, name: &[u8]) -> Result<(), ExtractError> {
        match name {
            b"t" => self.in_text = false,
            b"instrText" => self.in_instr = false,
            b"del" | b"moveFrom" => self.in_del = self.in_del.saturating_sub(1),
            b"p" => {
                if self.tables.is_empty() {
                    flush_paragraph(&mut self.doc, &mut self.para, true);
                } else if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    cell.text.push('\n');
                }
            }
            b"tc" => {
                if let Some(t) = self.tables.last_mut() {
                    if let Some(mut cell) = t.cell.take() {
                        cell.text = cell.text.trim_end_matches('\n').to_string();
                        let col = t.next_col;
                        t.next_col = t.next_col.saturating_add(cell.span.max(1) as usize);
                        t.row.push((col, cell));
                    }
                }
            }
            b"tr" => {
                if let Some(t) = self.tables.last_mut() {
                    let row = std::mem::take(&mut t.row);
                    t.rows.push(row);
                }
            }
            b"tbl" => {
                if let Some(t) = self.tables.pop() {
                    let table = resolve_grid(t, self.doc.blocks.len(), self.limits.max_cells)
                        .map_err(|e| e.at(Place::Entry(DOCUMENT_XML.into())))?;
                    self.doc.blocks.push(Block::Table(table));
                }
            }
            _ => {}
        }
        Ok(())
    }
}

fn cell_property(e: &BytesStart<'_>, tables: &mut [TableBuf]) {
    let Some(t) = tables.last_mut() else { return };
    let val = attr_val(e, b"val");
    let n = || val.as_deref().and_then(|v| v.parse::<usize>().ok()).unwrap_or(1);
    match e.local_name().as_ref() {
        b"gridBefore" => t.next_col = t.next_col.saturating_add(n()),
        b"gridAfter" => t.grid_after = n(),
        name => {
            let Some(cell) = t.cell.as_mut() else { return };
            match name {
                b"gridSpan" => cell.span = n().max(1) as u32,
                b"vMerge" => cell.vmerge = Some(val.as_deref() == Some("restart")),
                b"hMerge" => cell.hmerge_continue = val.as_deref() != Some("restart"),
                _ => {}
            }
        }
    }
}

fn push_text(tables: &mut [TableBuf], para: &mut String, text: &str) {
    match tables.last_mut().and_then(|t| t.cell.as_mut()) {
        Some(cell) => cell.text.push_str(text),
        None => para.push_str(text),
    }
}

fn flush_paragraph(doc: &mut Document, para: &mut String, top_level: bool) {
    let text = std::mem::take(para);
    if top_level {
        doc.push_paragraph(&text);
    }
}

/// Places cells on the grid: spans become covered empty positions; a
/// `vMerge` continuation extends the cell above; a legacy `hMerge`
/// continuation extends the cell to its left.
fn resolve_grid(t: TableBuf, block: usize, max_cells: u64) -> Result<Table, ExtractError> {
    let width = t
        .rows
        .iter()
        .map(|r| r.iter().map(|(c, cell)| c.saturating_add(cell.span as usize)).max().unwrap_or(0))
        .max()
        .unwrap_or(0);
    let mut grid = GridBuilder::new(block, t.rows.len(), width, max_cells, |_, _| SourceRef::default())
        .map_err(|e| ExtractError::limit(Limit::Cells, format!("table {block}: {e}")))?;
    // Origins with their spans: a vMerge continuation lengthens the origin
    // above it in its column, an hMerge continuation widens the one left
    // of it; the grid builder marks what they cover.
    let mut origins: Vec<(usize, usize, String, u32, u32)> = Vec::new();
    let mut last_in_col: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for (r, row) in t.rows.into_iter().enumerate() {
        for (c, cell) in row {
            let span = (cell.span.max(1) as usize).min(width - c.min(width));
            if c >= width || span == 0 {
                continue;
            }
            if cell.vmerge == Some(false) {
                if let Some(&k) = last_in_col.get(&c) {
                    origins[k].3 += 1;
                }
                continue;
            }
            if cell.hmerge_continue {
                if let Some(o) = origins.iter_mut().rev().find(|o| o.0 == r && o.1 < c) {
                    o.4 += span as u32;
                }
                continue;
            }
            last_in_col.insert(c, origins.len());
            origins.push((r, c, cell.text, 1, span as u32));
        }
    }
    for (r, c, text, rs, cs) in origins {
        grid.place(r, c, text, rs, cs);
    }
    Ok(grid.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(max_depth: usize) -> Limits {
        Limits { max_depth, ..Limits::default() }
    }

    #[test]
    fn spans_past_the_cell_limit_fail_before_allocating() {
        for props in [r#"<w:gridSpan w:val="100000000"/>"#, r#"<w:gridSpan w:val="4000000000"/>"#] {
            let body = format!("<w:tbl><w:tr>{}</w:tr></w:tbl>", tc(props, "x"));
            let err = parse_document_xml(&wrap(&body), &limits(16)).expect_err("span bomb");
            assert!(err.to_string().contains("--max-cells"), "{err}");
        }
        let before = r#"<w:tbl><w:tr><w:trPr><w:gridBefore w:val="18446744073709551615"/></w:trPr><w:tc><w:p/></w:tc></w:tr></w:tbl>"#;
        assert!(parse_document_xml(&wrap(before), &limits(16)).is_err());
        let rows = format!(
            "<w:tbl>{}</w:tbl>",
            format!("<w:tr>{}</w:tr>", tc(r#"<w:gridSpan w:val="20000"/>"#, "x")).repeat(100)
        );
        assert!(parse_document_xml(&wrap(&rows), &limits(16)).is_err(), "100 rows × 20000 columns");
    }

    fn tables(doc: &Document) -> Vec<Vec<Vec<String>>> {
        doc.tables().map(Table::texts).collect()
    }

    fn wrap(body: &str) -> Vec<u8> {
        format!(r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#).into_bytes()
    }

    fn tc(props: &str, text: &str) -> String {
        format!("<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
    }

    #[test]
    fn grid_span_and_vertical_merge() {
        let body = format!(
            "<w:p><w:r><w:t>标题</w:t></w:r></w:p><w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
            tc(r#"<w:vMerge w:val="restart"/>"#, "产出指标"),
            tc(r#"<w:gridSpan w:val="2"/>"#, "数量指标"),
            tc("<w:vMerge/>", ""),
            tc("", "a"),
            tc("", "b")
        );
        let doc = parse_document_xml(&wrap(&body), &limits(16)).expect("parse");
        assert!(matches!(&doc.blocks[0], Block::Paragraph(p) if p.text == "标题"));
        assert_eq!(tables(&doc)[0], vec![vec!["产出指标", "数量指标", ""], vec!["", "a", "b"]]);
        let Block::Table(t) = &doc.blocks[1] else { panic!("table") };
        assert_eq!((t.rows[0][0].row_span, t.rows[0][1].col_span), (2, 2));
    }

    #[test]
    fn grid_before_tabs_breaks_and_tracked_changes() {
        let body = r#"<w:tbl><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:ins><w:r><w:t>+</w:t></w:r></w:ins></w:p><w:p><w:r><w:t>d</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#;
        let doc = parse_document_xml(&wrap(body), &limits(16)).expect("parse");
        assert_eq!(tables(&doc)[0], vec![vec!["", "a\tb\nc+\nd"]]);
    }

    #[test]
    fn nested_tables_are_kept_and_depth_is_capped() {
        let inner = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>in</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
        let body = format!("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>out</w:t></w:r></w:p>{inner}</w:tc></w:tr></w:tbl>");
        let doc = parse_document_xml(&wrap(&body), &limits(16)).expect("parse");
        assert_eq!(tables(&doc), vec![vec![vec!["in"]], vec![vec!["out"]]]);
        assert!(matches!(parse_document_xml(&wrap(&body), &limits(1)), Err(ExtractError::LimitExceeded { .. })));
    }

    #[test]
    fn truncated_document_is_an_error() {
        let xml = wrap("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>");
        let cut = &xml[..xml.len() - "</w:body></w:document>".len()];
        assert!(parse_document_xml(cut, &limits(16)).is_err());
    }

    #[test]
    fn properties_are_passed_over_whole() {
        // Tab stops in a paragraph's properties are not text; a tracked
        // change of properties holds a `pPr` in the `pPr`; a comment, a CDATA
        // section and a quoted `>` may hide an end tag; rPr may be empty.
        let cell = |props: &str| {
            format!(
                r#"<w:tc><w:p><w:pPr>{props}</w:pPr><w:r><w:rPr></w:rPr><w:t>a</w:t><w:tab/><w:t>b</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>c</w:t></w:r></w:p></w:tc>"#
            )
        };
        let props = [
            r#"<w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs>"#,
            r#"<w:jc w:val="left"/><w:pPrChange w:id="1"><w:pPr><w:tabs><w:tab w:val="left" w:pos="1"/></w:tabs></w:pPr></w:pPrChange>"#,
            r#"<w:pPrChange><w:pPr/></w:pPrChange><w:rPr><w:rPrChange><w:rPr><w:b/></w:rPr></w:rPrChange></w:rPr>"#,
            r#"<!-- </w:pPr><w:t>no</w:t> --><w:tab/>"#,
            r#"<w:x><![CDATA[</w:pPr><w:t>no</w:t>]]></w:x><w:tab/>"#,
            r#"<?pi </w:pPr>?><w:tab/>"#,
            r#"<w:pPr w:note="a>b </w:pPr>"><w:tab/></w:pPr>"#,
        ];
        let body = format!("<w:tbl><w:tr>{}</w:tr></w:tbl>", props.iter().map(|p| cell(p)).collect::<String>());
        let doc = parse_document_xml(&wrap(&body), &limits(16)).expect("parse");
        assert_eq!(tables(&doc)[0], vec![vec!["a\tbc"; props.len()]]);
        // A property element that never ends is the reader's error.
        let cut = wrap("<w:p><w:pPr><w:tabs><w:tab/></w:tabs>");
        assert!(parse_document_xml(&cut, &limits(16)).is_err());
    }

    #[test]
    fn broken_properties_are_searched_once() {
        // 20,000 run properties that never end (and other prefixes): one
        // search per name reads to the end, the later ones do not search.
        let body: String = (0..20_000).map(|i| format!("<w:p><w:rPr><p{}:pPr><w:b/>", i % 40)).collect();
        let xml = wrap(&body);
        let mut reader = Reader::from_reader(&xml[..]);
        // Without the guard: the searches alone must stay bounded.
        let mut skips = Skips { budget: u64::MAX, ..Skips::for_document(&xml) };
        let mut starts = 0;
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) if PROPERTIES.contains(&e.local_name().as_ref()) => {
                    starts += 1;
                    assert_eq!(skips.skip(&mut reader, e.name().as_ref()), 0, "nothing ends: nothing is passed over");
                }
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => {}
            }
        }
        assert_eq!(starts, 40_000);
        assert_eq!(skips.known.len(), MAX_SKIPPED_NAMES);
        assert!(skips.searched <= (MAX_SKIPPED_NAMES * xml.len()) as u64, "{} bytes searched", skips.searched);
        assert!(parse_document_xml(&xml, &limits(16)).is_err(), "the reader meets the missing end tags");
    }

    #[test]
    fn passing_over_properties_reads_the_same_tables() {
        // The samples' documents, walked with and without the skipping.
        for name in ["luolong-2024.docx", "hengdong-dept-2021.docx"] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples").join(name);
            let bytes = std::fs::read(&path).expect("a sample");
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
            let xml = read_entry(&mut zip, DOCUMENT_XML, 1 << 30).expect("document.xml");
            let skipped = parse_document_xml(&xml, &limits(16)).expect("parse");
            // Without properties, nothing is left to pass over.
            let bare = strip_properties(&xml);
            assert!(
                bare.len() < xml.len() / 2,
                "{name}: properties are most of the bytes: {} of {}",
                xml.len() - bare.len(),
                xml.len()
            );
            let read = parse_document_xml(&bare, &limits(16)).expect("parse");
            assert_eq!(tables(&skipped), tables(&read), "{name}");
            assert_eq!(skipped.blocks.len(), read.blocks.len(), "{name}");
        }
    }

    /// `xml` with the content of every property element removed, by a
    /// plain search (the samples have no comments or nested properties).
    fn strip_properties(xml: &[u8]) -> Vec<u8> {
        let mut text = String::from_utf8(xml.to_vec()).expect("UTF-8");
        for name in PROPERTIES.map(|n| std::str::from_utf8(n).expect("ASCII")) {
            let (open, close) = (format!("<w:{name}>"), format!("</w:{name}>"));
            let mut out = String::new();
            let mut rest = text.as_str();
            while let Some(at) = rest.find(&open) {
                let end = rest[at..].find(&close).expect("closed") + at;
                out.push_str(&rest[..at + open.len()]);
                rest = &rest[end..];
            }
            out.push_str(rest);
            text = out;
        }
        text.into_bytes()
    }

    #[test]
    fn other_prefixes_match_by_local_name() {
        let xml = br#"<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><x:body><x:tbl><x:tr><x:tc><x:p><x:r><x:t>ok</x:t></x:r></x:p></x:tc></x:tr></x:tbl></x:body></x:document>"#;
        assert_eq!(tables(&parse_document_xml(xml, &limits(16)).expect("parse"))[0], vec![vec!["ok"]]);
    }
}
