//! The two shapes text exports come in, and how each becomes blocks.
//!
//! - [`Shape::CellPerLine`]: every cell on its own line behind one tab; a
//!   blank line ends a row; a line without the leading tab continues the
//!   cell above (cells with line breaks); a paragraph after a blank line
//!   ends the table.
//! - [`Shape::TabRows`]: one row per line, cells separated by tabs, often
//!   shifted or lost; blank lines occur inside tables (page breaks), so only
//!   a paragraph ends a table. Cells quoted with `"` may span lines.

use jixiao_model::{Block, Cell, Code, Diagnostic, Document, Paragraph, SourceRef, Table};
use std::borrow::Cow;

/// Which layout a text export has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One cell per line, tab-prefixed; rows separated by blank lines.
    CellPerLine,
    /// Tab-separated rows.
    TabRows,
}

/// A cell being built: its text and the line it started on.
struct PendingCell {
    text: String,
    line: usize,
}

/// Collects blocks, numbering tables and cells as they are closed.
#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    table: Option<Vec<Vec<PendingCell>>>,
    row: Vec<PendingCell>,
    debris: usize,
}

impl Builder {
    fn end_row(&mut self) {
        if self.row.iter().any(|c| !c.text.trim().is_empty()) {
            let row = std::mem::take(&mut self.row);
            self.table.get_or_insert_with(Vec::new).push(row);
        } else {
            self.row.clear();
        }
    }

    fn end_table(&mut self) {
        self.end_row();
        if let Some(rows) = self.table.take() {
            let block = self.blocks.len();
            let rows = rows
                .into_iter()
                .enumerate()
                .map(|(r, row)| {
                    row.into_iter()
                        .enumerate()
                        .map(|(c, cell)| {
                            Cell::new(
                                cell.text,
                                SourceRef { block, row: r, col: c, line: Some(cell.line), ..Default::default() },
                            )
                        })
                        .collect()
                })
                .collect();
            self.blocks.push(Block::Table(Table { rows }));
        }
    }

    fn paragraph(&mut self, text: &str, line: usize) {
        self.end_table();
        let text = text.trim();
        if !text.is_empty() {
            let source = SourceRef { block: self.blocks.len(), line: Some(line), ..Default::default() };
            self.blocks.push(Block::Paragraph(Paragraph { text: text.to_string(), source }));
        }
    }

    fn finish(mut self, shape: Shape) -> Document {
        self.end_table();
        let mut diagnostics = Vec::new();
        if self.debris > 0 {
            diagnostics.push(Diagnostic::new(
                Code::ExportDebrisRemoved,
                format!("removed {} export bookmarks ([bookmark: …])", self.debris),
                None,
            ));
        }
        let _ = shape;
        Document { blocks: self.blocks, format: "text".into(), encoding: None, diagnostics }
    }
}

/// Removes `[bookmark: …]` markers that Word-to-text converters leave.
fn strip_debris<'a>(line: &'a str, count: &mut usize) -> Cow<'a, str> {
    // Almost no line has a bookmark: no copy for those (and no substring
    // search set up per line: most have no bracket at all).
    if !line.contains('[') || !line.contains("[bookmark:") {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(start) = rest.find("[bookmark:") {
        out.push_str(&rest[..start]);
        match rest[start..].find(']') {
            Some(end) => {
                rest = &rest[start + end + 1..];
                *count += 1;
            }
            None => {
                rest = &rest[start..];
                break;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The lines of `text`, as [`str::lines`] gives them (a final line break
/// ends the last line; a carriage return before a line break is dropped),
/// found with `memchr`: an export has thousands of short lines, and
/// `str::lines`' searcher costs more per line than the line itself.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut breaks = memchr::memchr_iter(b'\n', text.as_bytes());
    std::iter::from_fn(move || {
        let (end, broken) = match breaks.next() {
            Some(end) => (end, true),
            None if start < text.len() => (text.len(), false),
            None => return None,
        };
        // `\n` is one byte and never inside a longer UTF-8 sequence, so
        // both ends are character boundaries.
        let line = &text[start..end];
        start = end + 1;
        Some(if broken { line.strip_suffix('\r').unwrap_or(line) } else { line })
    })
}

/// The tab-separated fields of a line, as `line.split('\t')` gives them.
fn fields(line: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut tabs = memchr::memchr_iter(b'\t', line.as_bytes());
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let end = tabs.next().unwrap_or_else(|| {
            done = true;
            line.len()
        });
        let field = &line[start..end];
        start = end + 1;
        Some(field)
    })
}

/// Decides the shape by majority: lines that hold one cell behind a leading
/// tab, against lines that hold two or more tab-separated cells.
pub fn detect_shape(text: &str) -> Shape {
    let (mut one_cell, mut many_cells) = (0usize, 0usize);
    for line in lines(text) {
        // A line without a tab counts for neither shape.
        if memchr::memchr(b'\t', line.as_bytes()).is_none() {
            continue;
        }
        let (mut segments, mut filled) = (0usize, 0usize);
        for segment in fields(line) {
            segments += 1;
            filled += usize::from(!segment.trim().is_empty());
        }
        if line.starts_with('\t') && filled <= 1 {
            one_cell += 1;
        } else if filled >= 2 {
            many_cells += 1;
        } else if filled == 1 {
            // A row of one filled cell among empties: tab-separated debris
            // (more than one tab).
            many_cells += usize::from(segments > 2);
        }
    }
    if one_cell > many_cells {
        Shape::CellPerLine
    } else {
        Shape::TabRows
    }
}

/// Parses decoded text into paragraphs and tables.
pub fn parse(text: &str) -> Document {
    let shape = detect_shape(text);
    let mut b = Builder::default();
    match shape {
        Shape::CellPerLine => parse_cell_per_line(text, &mut b),
        Shape::TabRows => parse_tab_rows(text, &mut b),
    }
    b.finish(shape)
}

fn trim_cell(text: &str) -> &str {
    text.trim_end_matches(['\t', ' ', '\r']).trim_start_matches(' ')
}

fn parse_cell_per_line(text: &str, b: &mut Builder) {
    let mut in_quote = false;
    for (i, raw) in lines(text).enumerate() {
        let line_no = i + 1;
        let line = strip_debris(raw.trim_end_matches('\r'), &mut b.debris);
        if in_quote {
            if let Some(cell) = b.row.last_mut() {
                cell.text.push('\n');
                cell.text.push_str(trim_cell(&line));
            }
            in_quote = line.matches('"').count().is_multiple_of(2);
            continue;
        }
        // A lone tab is an empty cell; only a line without a tab is blank.
        if !line.starts_with('\t') && line.trim().is_empty() {
            b.end_row();
            continue;
        }
        if let Some(rest) = line.strip_prefix('\t') {
            if b.table.is_none() && b.row.is_empty() {
                b.table = Some(Vec::new());
            }
            // Further tabs on the line are empty trailing cells, or rarely
            // more cells: keep every non-empty segment as a cell.
            // A segment of nothing but quotes is the closing quote of a
            // spreadsheet paste, not a cell.
            let mut segments = fields(rest).map(trim_cell).filter(|s| !s.is_empty() && !s.chars().all(|c| c == '"'));
            match segments.next() {
                None => b.row.push(PendingCell { text: String::new(), line: line_no }),
                Some(first) => {
                    // Only a cell that starts with a quote can run on over
                    // blank lines.
                    in_quote = first.starts_with('"') && !line.matches('"').count().is_multiple_of(2);
                    b.row.push(PendingCell { text: first.to_string(), line: line_no });
                    for segment in segments {
                        b.row.push(PendingCell { text: segment.to_string(), line: line_no });
                    }
                }
            }
        } else if let Some(cell) = b.row.last_mut() {
            // No leading tab while a row is open: the cell above goes on.
            cell.text.push('\n');
            cell.text.push_str(trim_cell(&line));
        } else {
            b.paragraph(&line, line_no);
        }
    }
}

fn parse_tab_rows(text: &str, b: &mut Builder) {
    let lines: Vec<&str> = lines(text).collect();
    let mut i = 0;
    while i < lines.len() {
        let line_no = i + 1;
        let line = strip_debris(lines[i].trim_end_matches('\r'), &mut b.debris);
        i += 1;
        if line.trim().is_empty() {
            continue;
        }
        if !line.contains('\t') {
            b.paragraph(&line, line_no);
            continue;
        }
        if b.table.is_none() {
            b.table = Some(Vec::new());
        }
        let mut cells = Vec::new();
        let mut segments: Vec<Cow<str>> = fields(&line).map(Cow::Borrowed).collect();
        let mut k = 0;
        while k < segments.len() {
            let seg = &segments[k];
            // A quoted cell with an odd number of quotes runs on to the next
            // lines until its closing quote.
            let text = if seg.trim_start().starts_with('"') && !seg.matches('"').count().is_multiple_of(2) {
                let mut seg = seg.to_string();
                while i < lines.len() {
                    let next = strip_debris(lines[i].trim_end_matches('\r'), &mut b.debris);
                    i += 1;
                    let mut parts = next.splitn(2, '\t');
                    let head = parts.next().unwrap_or_default();
                    seg.push('\n');
                    seg.push_str(head);
                    if head.contains('"') {
                        if let Some(tail) = parts.next() {
                            segments.extend(fields(tail).map(|s| Cow::Owned(s.to_string())));
                        }
                        break;
                    }
                }
                unquote(&seg).trim().to_string()
            } else {
                seg.trim().to_string()
            };
            cells.push(PendingCell { text, line: line_no });
            k += 1;
        }
        b.row = cells;
        b.end_row();
    }
}

/// `"a ""b"" c"` → `a "b" c`.
fn unquote(cell: &str) -> String {
    let t = cell.trim();
    match t.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
        Some(inner) => inner.replace("\"\"", "\""),
        None => t.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(doc: &Document) -> Vec<Vec<Vec<String>>> {
        doc.tables().map(Table::texts).collect()
    }

    #[test]
    fn lines_and_fields_split_as_std_does() {
        for text in ["", "\n", "a", "a\n", "a\r", "a\r\nb\r", "a\n\nb\n", "\r\n", "x\r\r\ny", "甲\t乙\n\t丙\t\n"] {
            assert_eq!(lines(text).collect::<Vec<_>>(), text.lines().collect::<Vec<_>>(), "{text:?}");
            for line in text.lines() {
                assert_eq!(fields(line).collect::<Vec<_>>(), line.split('\t').collect::<Vec<_>>(), "{line:?}");
            }
        }
    }

    #[test]
    fn cell_per_line_rows_and_continuations() {
        let text = "标题\n\t一级指标\n\t二级指标\n\n\t产出指标\n\t目标1\n目标2\t\t\n\n段落\n";
        let doc = parse(text);
        assert_eq!(detect_shape(text), Shape::CellPerLine);
        assert_eq!(tables(&doc), vec![vec![vec!["一级指标", "二级指标"], vec!["产出指标", "目标1\n目标2"]]]);
        assert!(matches!(&doc.blocks[0], Block::Paragraph(p) if p.text == "标题"));
        assert!(matches!(&doc.blocks[2], Block::Paragraph(p) if p.text == "段落"));
    }

    #[test]
    fn cell_per_line_keeps_empty_cells_in_place() {
        let doc = parse("\t\n\t质量指标\n\t运转保障率\n\n\ta\n\tb\n");
        assert_eq!(tables(&doc)[0][0], vec!["", "质量指标", "运转保障率"]);
    }

    #[test]
    fn cell_per_line_quoted_cell_over_blank_lines() {
        let doc = parse("\t绩效目标\n\t\"第一行\n\n第二行\"\t\t\n\n\tx\n\ty\n");
        assert_eq!(tables(&doc)[0][0], vec!["绩效目标", "\"第一行\n\n第二行\""]);
    }

    #[test]
    fn tab_rows_with_blank_lines_inside_a_table() {
        let text = "标题\n\na\tb\tc\n\n\td\te\n段落\n";
        let doc = parse(text);
        assert_eq!(detect_shape(text), Shape::TabRows);
        assert_eq!(tables(&doc), vec![vec![vec!["a", "b", "c"], vec!["", "d", "e"]]]);
    }

    #[test]
    fn tab_rows_quoted_multiline_cell() {
        let doc = parse("a\t\"x\ny\"\tb\nc\td\te\n");
        assert_eq!(tables(&doc)[0], vec![vec!["a", "x\ny", "b"], vec!["c", "d", "e"]]);
    }

    #[test]
    fn cell_per_line_stray_quote_segment_is_debris() {
        let doc = parse("\t绩效目标\n\t1.\"甲\t\t\"\t\n\n\t一级指标\n\t二级指标\n");
        assert_eq!(tables(&doc)[0], vec![vec!["绩效目标", "1.\"甲"], vec!["一级指标", "二级指标"]]);
    }

    #[test]
    fn bookmarks_are_removed_and_counted() {
        let doc = parse("[bookmark: _Toc_1]1.基金监管经费绩效目标表\n\ta\n\tb\n");
        assert!(matches!(&doc.blocks[0], Block::Paragraph(p) if p.text == "1.基金监管经费绩效目标表"));
        assert_eq!(doc.diagnostics.len(), 1);
    }

    #[test]
    fn cells_know_their_lines() {
        let doc = parse("p\n\ta\n\tb\n\n\tc\n");
        let Block::Table(t) = &doc.blocks[1] else { panic!("table expected") };
        assert_eq!(t.rows[1][0].source.line, Some(5));
        assert_eq!((t.rows[1][0].source.block, t.rows[1][0].source.row), (1, 1));
    }
}
