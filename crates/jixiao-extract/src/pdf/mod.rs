//! PDF disclosures (部门预算 and 项目支出绩效目标表 as published), read with
//! pdfplumber (a Rust port of Python's pdfplumber, pinned: it is young).
//!
//! A PDF has no tables, only glyphs and strokes. pdfplumber gives every
//! glyph with its box (CID fonts mapped through their ToUnicode, glyphs
//! drawn twice for fake bold removed) and finds ruled tables from the
//! page's lines and rectangles, including borders drawn as thin filled
//! rectangles (WPS) or doubled strokes (LibreOffice). Each table it finds
//! becomes one grid here: the distinct cell edges, snapped, are the grid's
//! rows and columns, and a cell that crosses several of them is a merged
//! cell with those spans, exactly as a .docx grid would be. Text outside
//! the tables becomes paragraphs in reading order (top to bottom), so
//! titles, `单位：万元` and unit names reach the aligner as they do from
//! every other format. A table that runs over a page break is two tables
//! here; the aligner continues a table that opens on indicator rows.

use crate::{ExtractError, Limit, Limits, Place};
use jixiao_model::grid::GridBuilder;
use jixiao_model::{Block, Code, Diagnostic, Document, Paragraph, SourceRef};
use pdfplumber::{Char, Pdf, Table, TableSettings};

mod baseline;
mod dedupe;
pub(crate) mod filters;
mod limits;
mod overrun;

/// Edges closer than this (in points) are one grid line: cells of one
/// table are drawn with rounding noise.
const SNAP: f64 = 1.5;

/// Characters whose text has no usable Unicode mapping: pdfplumber writes a
/// glyph of a CID font without a ToUnicode map as `(cid:153)`; other
/// fonts give replacement or private-use characters.
fn unmapped(c: &Char) -> bool {
    c.text.starts_with("(cid:")
        || c.text.chars().any(|ch| ch == '\u{FFFD}' || ('\u{E000}'..='\u{F8FF}').contains(&ch) || ch.is_control())
}

/// More unmapped characters than this share fail the file: its text
/// would be noise.
const UNMAPPED_SHARE: f64 = 0.2;

/// Reads a PDF into the document model.
pub fn extract_pdf(bytes: &[u8], limits: &Limits) -> Result<Document, ExtractError> {
    // pdfplumber is young: a panic inside it is this file's error.
    std::panic::catch_unwind(|| read(bytes, limits)).unwrap_or_else(|panic| {
        let msg = crate::panic_message(panic.as_ref());
        Err(ExtractError::corrupt(Place::File, format!("the PDF reader gave up on damaged data ({msg})")))
    })
}

use limits::pdf_error;

/// What the pages held, for the checks at the end.
#[derive(Default)]
struct Tally {
    chars: usize,
    unmapped: usize,
    images: usize,
    table_pages: Vec<u32>,
    /// Pages whose text mentions indicators (see [`mentions_indicators`]).
    keyword_pages: usize,
}

/// True for a page whose text holds a word every performance table prints
/// (its title, header or labels): 指标, 绩效 or 目标. Other pages (收支
/// tables, prose: most of a 部门预算) skip the table finder, the costly part.
fn mentions_indicators(chars: &[Char]) -> bool {
    let text: String = chars.iter().map(|c| c.text.as_str()).collect();
    ["指标", "绩效", "目标"].iter().any(|k| text.contains(k))
}

fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ExtractError> {
    let fonts = crate::prescan::pdf_streams(bytes, limits)?;
    let pdf = Pdf::open(bytes, Some(limits::options(limits))).map_err(pdf_error)?;
    let pages = limits::check_page_tree(&pdf, bytes.len())?;
    if pages > limits.max_pages {
        return Err(ExtractError::limit(
            Limit::Pages,
            format!("{pages} pages, over the limit of {}", limits.max_pages),
        ));
    }
    let mut doc = Document { format: "pdf".into(), ..Default::default() };
    let mut tally = Tally::default();
    let mut items: Vec<Item> = Vec::new();
    // Whether the last page ended inside a table that may be an indicator
    // table: its continuation may hold no keyword of its own.
    let mut in_indicator_run = false;
    for index in 0..pages {
        let number = index as u32 + 1;
        let page = pdf.page(index).map_err(|e| pdf_error(e).at(Place::Page(number)))?;
        let chars = dedupe::without_duplicates(page.chars());
        tally.chars += chars.len();
        tally.unmapped += chars.iter().filter(|c| unmapped(c)).count();
        tally.images += page.images().len();
        let mentions = mentions_indicators(&chars);
        tally.keyword_pages += usize::from(mentions);
        let found = read_page(&mut items, &mut doc, (&page, &chars), number, mentions || in_indicator_run);
        if found {
            tally.table_pages.push(number);
        }
        in_indicator_run = found && (mentions || in_indicator_run);
    }
    check_text(&tally, pages, fonts)?;
    emit(&mut doc, items, limits)?;
    let message = if tally.keyword_pages == 0 {
        let plural = if pages == 1 { "" } else { "s" };
        format!("no performance table in {pages} page{plural}: none mentions 指标, 绩效 or 目标 (read as text)")
    } else if tally.table_pages.is_empty() {
        let which = if pages == 1 { "its page".to_string() } else { format!("any of its {pages} pages") };
        format!("no ruled table on {which}: the text was read as paragraphs")
    } else {
        format!("tables on pages {} of {pages}", ranges(&tally.table_pages))
    };
    doc.diagnostics.push(Diagnostic::new(Code::PdfTablePages, message, None));
    Ok(doc)
}

/// A PDF whose text cannot be read fails whole, saying why.
fn check_text(tally: &Tally, pages: usize, fonts: crate::prescan::PdfFonts) -> Result<(), ExtractError> {
    if tally.chars == 0 {
        let what = if tally.images > 0 { "images and no text layer (a scan?)" } else { "no text" };
        let pages = if pages == 1 { "page holds".to_string() } else { format!("{pages} pages hold") };
        return Err(ExtractError::NoText(format!("the PDF's {pages} {what}; jixiao does not OCR")));
    }
    if fonts.no_unicode() {
        return Err(ExtractError::NoText(format!(
            "the PDF's {} characters are in CID fonts without a ToUnicode map: glyph numbers, not text; jixiao does not guess glyphs",
            tally.chars
        )));
    }
    let share = tally.unmapped as f64 / tally.chars as f64;
    if share > UNMAPPED_SHARE {
        return Err(ExtractError::NoText(format!(
            "{:.0}% of the PDF's {} characters have no Unicode mapping (fonts without a ToUnicode map); jixiao does not guess glyphs",
            share * 100.0,
            tally.chars
        )));
    }
    Ok(())
}

/// `10–28, 31, 33–35`.
fn ranges(pages: &[u32]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < pages.len() {
        let mut j = i;
        while j + 1 < pages.len() && pages[j + 1] == pages[j] + 1 {
            j += 1;
        }
        out.push(if i == j { pages[i].to_string() } else { format!("{}–{}", pages[i], pages[j]) });
        i = j + 1;
    }
    out.join(", ")
}

/// One thing on a page, in reading order.
enum Item {
    Table { page: u32, height: f64, table: Table },
    Line { page: u32, text: String },
}

/// Reads a page's tables and text lines into `items` in reading order;
/// returns whether the page held a table. With `may_hold` false (no
/// indicator words and no indicator table going on) its text is read as
/// lines without looking for tables.
fn read_page(
    items: &mut Vec<Item>,
    doc: &mut Document,
    (page, glyphs): (&pdfplumber::Page, &[Char]),
    number: u32,
    may_hold: bool,
) -> bool {
    // A page without a single stroke or rectangle has no ruled table: the
    // table finder is skipped (most pages of a budget disclosure are text).
    let ruled = may_hold && (!page.rects().is_empty() || !page.lines().is_empty());
    let mut tables = if ruled { find_tables(page, glyphs, &TableSettings::default()) } else { Vec::new() };
    if let Some(lines) = missing_rules(&tables, page) {
        let settings = TableSettings { explicit_lines: Some(lines), ..TableSettings::default() };
        tables = find_tables(page, glyphs, &settings);
    }
    let (width, height) = (page.width(), page.height());
    let realigned = baseline::realigned(glyphs, height);
    let chars = realigned.as_deref().unwrap_or(glyphs);
    for table in &mut tables {
        let edges = column_edges(table);
        let rules = edges.get(1..edges.len().saturating_sub(1)).unwrap_or_default();
        if let Some(pulled) = overrun::pulled_back(table, chars, rules) {
            pdfplumber::extract_text_for_cells(&mut table.cells, &pulled);
        } else if realigned.is_some() {
            pdfplumber::extract_text_for_cells(&mut table.cells, chars);
        }
    }
    let inside = |c: &Char| {
        let (x, y) = centre(c);
        tables.iter().any(|t| x >= t.bbox.x0 && x <= t.bbox.x1 && y >= t.bbox.top && y <= t.bbox.bottom)
    };
    // Text drawn past the page's edge is not shown: a generator that
    // prints a cut merged cell's whole text on both pages clips it so.
    let visible = |c: &Char| {
        let (x, y) = centre(c);
        (0.0..=width).contains(&x) && (0.0..=height).contains(&y)
    };
    let outside: Vec<&Char> = chars.iter().filter(|c| c.upright && visible(c) && !inside(c)).collect();
    spilled_into_next_row(&mut tables, chars);
    let taken = overflow_into_cells(&mut tables, &outside, height);
    let loose: Vec<&Char> =
        outside.into_iter().enumerate().filter(|(i, _)| !taken.contains(i)).map(|(_, c)| c).collect();
    let lines = text_lines(&loose);
    if tables.is_empty() && looks_tabular(&lines) {
        let message = format!(
            "page {number} holds what looks like an indicator table without ruling lines; its rows were read as text"
        );
        doc.diagnostics.push(Diagnostic::new(Code::PdfTableWithoutRules, message, None));
    }
    let found = !tables.is_empty();
    let mut placed: Vec<(f64, Item)> = tables
        .into_iter()
        .map(|t| (t.bbox.top, Item::Table { page: number, height: page.height(), table: t }))
        .collect();
    placed.extend(lines.into_iter().map(|(top, text)| (top, Item::Line { page: number, text })));
    placed.sort_by(|a, b| a.0.total_cmp(&b.0));
    items.extend(placed.into_iter().map(|(_, item)| item));
    found
}

/// pdfplumber's `Page::find_tables`, with the edges of rectangles nobody
/// sees left out: a white cell background drawn over a merged cell cuts it
/// into parts for the finder, not for the reader.
fn find_tables(page: &pdfplumber::Page, chars: &[Char], settings: &TableSettings) -> Vec<Table> {
    let rects: Vec<pdfplumber::Rect> = page.rects().iter().filter(|r| visible(r)).cloned().collect();
    let edges = pdfplumber::derive_edges(page.lines(), &rects, page.curves());
    let words = pdfplumber::WordExtractor::extract(chars, &pdfplumber::WordOptions::default());
    let finder = pdfplumber::TableFinder::new_with_words(edges, words, settings.clone()).with_page_bbox(page.bbox());
    let mut tables = finder.find_tables();
    let options = pdfplumber::WordOptions::default();
    for table in &mut tables {
        pdfplumber::extract_text_for_cells_with_options(&mut table.cells, chars, &options);
        for row in &mut table.rows {
            pdfplumber::extract_text_for_cells_with_options(row, chars, &options);
        }
    }
    tables
}

/// True for a rectangle drawn in a colour other than white (stroked or
/// filled).
fn visible(rect: &pdfplumber::Rect) -> bool {
    let white = |c: &pdfplumber::Color| match c {
        pdfplumber::Color::Gray(g) => *g >= 0.99,
        pdfplumber::Color::Rgb(r, g, b) => r.min(*g).min(*b) >= 0.99,
        pdfplumber::Color::Cmyk(c, m, y, k) => c.max(*m).max(*y).max(*k) <= 0.01,
        _ => false,
    };
    (rect.stroke && !white(&rect.stroke_color)) || (rect.fill && !white(&rect.fill_color))
}

/// The centre of a glyph's box.
fn centre(c: &Char) -> (f64, f64) {
    ((c.bbox.x0 + c.bbox.x1) / 2.0, (c.bbox.top + c.bbox.bottom) / 2.0)
}

/// True for a table that starts near the top of its page (where a table a
/// page break split goes on).
fn at_page_top(bbox: &pdfplumber::BBox, page_height: f64) -> bool {
    bbox.top <= page_height * PAGE_EDGE
}

/// True for a table that runs to near the bottom of its page.
fn at_page_bottom(bbox: &pdfplumber::BBox, page_height: f64) -> bool {
    bbox.bottom >= page_height * (1.0 - PAGE_EDGE)
}

/// The rules the table finder needed and the page does not draw, or none:
/// a merged cell that a page break cuts is often drawn without its border
/// at the cut (so the finder has no cell there), a column may lack its
/// outer border (the rules of its cells stick out of the table found), and
/// a column of merged cells may have no horizontal rule on the page at all.
/// With them added the page is read again.
fn missing_rules(tables: &[Table], page: &pdfplumber::Page) -> Option<pdfplumber::ExplicitLines> {
    if tables.is_empty() {
        return None;
    }
    let edges = page.edges();
    let mut horizontal: Vec<f64> = tables.iter().flat_map(|t| open_borders(t, page.height())).collect();
    let mut vertical: Vec<f64> = tables.iter().flat_map(|t| open_sides(t, &edges)).collect();
    for t in tables {
        let columns = ruled_columns_beside(t, &edges);
        if !columns.is_empty() {
            vertical.extend(columns);
            horizontal.extend([t.bbox.top, t.bbox.bottom]);
        }
    }
    (!horizontal.is_empty() || !vertical.is_empty())
        .then_some(pdfplumber::ExplicitLines { horizontal_lines: horizontal, vertical_lines: vertical })
}

/// The top border of a table at the top of its page, and the bottom border
/// of one at the bottom, where some column has no cell along the border
/// (a merged cell cut by the page break, drawn open).
fn open_borders(table: &Table, page_height: f64) -> Vec<f64> {
    let covered = |y: f64, top: bool| {
        let mut spans: Vec<(f64, f64)> = real_cells(table)
            .filter(|c| (if top { c.bbox.top } else { c.bbox.bottom } - y).abs() <= SNAP)
            .map(|c| (c.bbox.x0, c.bbox.x1))
            .collect();
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut reach = table.bbox.x0;
        for (x0, x1) in spans {
            if x0 > reach + PAGE_SNAP {
                return false;
            }
            reach = reach.max(x1);
        }
        reach >= table.bbox.x1 - PAGE_SNAP
    };
    let mut open = Vec::new();
    if at_page_top(&table.bbox, page_height) && !covered(table.bbox.top, true) {
        open.push(table.bbox.top);
    }
    if at_page_bottom(&table.bbox, page_height) && !covered(table.bbox.bottom, false) {
        open.push(table.bbox.bottom);
    }
    open
}

/// Rules reaching this far past a table's side mark a column there.
const STICKING_OUT: f64 = 10.0;

/// The outer border of a column left or right of a found table that the
/// finder missed because the border is not drawn (or drawn in pieces):
/// at least two horizontal rules within the table's height end at its
/// side and reach well past it; the border is where they reach.
fn open_sides(table: &Table, edges: &[pdfplumber::Edge]) -> Vec<f64> {
    let rules: Vec<&pdfplumber::Edge> = edges
        .iter()
        .filter(|e| matches!(e.orientation, pdfplumber::Orientation::Horizontal))
        .filter(|e| e.top >= table.bbox.top - SNAP && e.top <= table.bbox.bottom + SNAP)
        .collect();
    let left: Vec<f64> = rules
        .iter()
        .filter(|e| (e.x1 - table.bbox.x0).abs() <= PAGE_SNAP && e.x0 < table.bbox.x0 - STICKING_OUT)
        .map(|e| e.x0)
        .collect();
    let right: Vec<f64> = rules
        .iter()
        .filter(|e| (e.x0 - table.bbox.x1).abs() <= PAGE_SNAP && e.x1 > table.bbox.x1 + STICKING_OUT)
        .map(|e| e.x1)
        .collect();
    let mut out = Vec::new();
    if left.len() >= 2 {
        out.push(left.iter().copied().fold(f64::INFINITY, f64::min));
    }
    if right.len() >= 2 {
        out.push(right.iter().copied().fold(f64::NEG_INFINITY, f64::max));
    }
    out
}

/// Vertical rules beside a found table that run along its whole height:
/// columns of merged cells (project, budget, goal) that a page break cut
/// on both sides, so that no horizontal rule crosses them on this page and
/// the finder left them out. Their x positions.
fn ruled_columns_beside(table: &Table, edges: &[pdfplumber::Edge]) -> Vec<f64> {
    let height = table.bbox.bottom - table.bbox.top;
    let mut xs: Vec<f64> = edges
        .iter()
        .filter(|e| matches!(e.orientation, pdfplumber::Orientation::Vertical))
        .filter(|e| e.x0 < table.bbox.x0 - STICKING_OUT || e.x0 > table.bbox.x1 + STICKING_OUT)
        .filter(|e| {
            let overlap = e.bottom.min(table.bbox.bottom) - e.top.max(table.bbox.top);
            overlap >= 0.8 * height
        })
        .map(|e| e.x0)
        .collect();
    xs.sort_by(f64::total_cmp);
    // One rule beside a table is a frame or a margin line; a column needs two.
    let left = xs.iter().filter(|x| **x < table.bbox.x0).count();
    let right = xs.len() - left;
    xs.retain(|x| if *x < table.bbox.x0 { left >= 2 } else { right >= 2 });
    xs
}

/// The widest gap (in points) between the lines of one cell's text, and
/// between the border and its first line outside the table.
const LINE_GAP: f64 = 24.0;

/// Text drawn past a merged cell that a page break cuts: the generator
/// centres a cell's text in the whole cell, so part of it (or all of it)
/// lands above the table at the top of the next page, or below the table
/// at the bottom of this one, outside every ruled cell. Characters there,
/// within the columns of a cell of several rows at the border, in lines
/// that follow one another from the border without a wider gap than a
/// line's, are that cell's text (prepended above, appended below).
/// Returns the indexes of the characters so placed.
fn overflow_into_cells(tables: &mut [Table], chars: &[&Char], page_height: f64) -> std::collections::HashSet<usize> {
    let mut taken = std::collections::HashSet::new();
    for table in tables.iter_mut() {
        let top_edge = at_page_top(&table.bbox, page_height);
        let bottom_edge = at_page_bottom(&table.bbox, page_height);
        let row_height = real_cells(table).map(|c| c.bbox.bottom - c.bbox.top).fold(f64::INFINITY, f64::min).max(1.0);
        let (top, bottom) = (table.bbox.top, table.bbox.bottom);
        for k in 0..table.cells.len() {
            let cell = table.cells[k].bbox;
            if cell.x1 <= cell.x0 || cell.bottom - cell.top <= 1.5 * row_height {
                continue;
            }
            for above in [true, false] {
                let at_border = if above {
                    top_edge && (cell.top - top).abs() <= SNAP
                } else {
                    bottom_edge && (cell.bottom - bottom).abs() <= SNAP
                };
                if !at_border {
                    continue;
                }
                let border = if above { top } else { bottom };
                let mut candidates: Vec<(f64, usize)> = chars
                    .iter()
                    .enumerate()
                    .filter(|(i, c)| {
                        let y = centre(c).1;
                        !taken.contains(i)
                            && (if above { y < border } else { y > border })
                            && c.bbox.x0 >= cell.x0 - SNAP
                            && c.bbox.x1 <= cell.x1 + SNAP
                    })
                    .map(|(i, c)| ((centre(c).1 - border).abs(), i))
                    .collect();
                candidates.sort_by(|a, b| a.0.total_cmp(&b.0));
                let mut reach = 0.0;
                let mut group: Vec<usize> = Vec::new();
                for (distance, i) in candidates {
                    if distance - reach > LINE_GAP || runs_past(chars[i], &cell, chars) {
                        break;
                    }
                    reach = distance;
                    group.push(i);
                }
                if group.is_empty() {
                    continue;
                }
                let glyphs: Vec<&Char> = group.iter().map(|i| chars[*i]).collect();
                let extra: Vec<String> = text_lines(&glyphs).into_iter().map(|(_, t)| t).collect();
                // A page number just under the table is the page's, not
                // text run past the cell (it may sit within the columns).
                if extra.iter().all(|line| is_page_number(line)) {
                    continue;
                }
                let extra = extra.join("\n");
                let own = table.cells[k].text.take().unwrap_or_default();
                let text = if above { format!("{extra}\n{own}") } else { format!("{own}\n{extra}") };
                table.cells[k].text = Some(text);
                taken.extend(group);
            }
        }
    }
    taken
}

/// True when the line of `c` goes on past the columns of `cell`: a glyph
/// on the same line sits just left or right of it, within a character's
/// width. A cell's text wraps inside its cell; such a line is a title or a
/// label row printed outside the table (`部门（单位）名称  西安市气象局`).
fn runs_past(c: &Char, cell: &pdfplumber::BBox, chars: &[&Char]) -> bool {
    let width = (c.bbox.x1 - c.bbox.x0).max(1.0);
    chars.iter().any(|d| {
        let same_line = d.bbox.top < c.bbox.bottom && d.bbox.bottom > c.bbox.top;
        let left = d.bbox.x1 <= cell.x0 + SNAP && d.bbox.x1 >= cell.x0 - 2.0 * width;
        let right = d.bbox.x0 >= cell.x1 - SNAP && d.bbox.x0 <= cell.x1 + 2.0 * width;
        same_line && (left || right) && (d.bbox.x0 < cell.x0 - SNAP || d.bbox.x1 > cell.x1 + SNAP)
    })
}

/// A cell's last line drawn past its bottom rule lands in the cell below
/// (`…按时完成` / `率` over `首都医学…满意度`): that line hugs the lower
/// cell's top rule and overlaps the lower cell's own first line, which a
/// line of the cell's own text never does. It goes back to the end of the
/// cell above.
fn spilled_into_next_row(tables: &mut [Table], chars: &[Char]) {
    // Upright glyphs by the height of their centre: each cell looks up its
    // own rows instead of scanning the page.
    let mut by_centre: Vec<&Char> = chars.iter().filter(|c| c.upright).collect();
    by_centre.sort_by(|a, b| centre(a).1.total_cmp(&centre(b).1));
    for table in tables.iter_mut() {
        for k in 0..table.cells.len() {
            let cell = table.cells[k].bbox;
            let from = by_centre.partition_point(|c| centre(c).1 < cell.top);
            let to = by_centre.partition_point(|c| centre(c).1 <= cell.bottom);
            let mut glyphs: Vec<&Char> = by_centre[from..to.max(from)]
                .iter()
                .copied()
                .filter(|c| {
                    let x = centre(c).0;
                    x >= cell.x0 && x <= cell.x1
                })
                .collect();
            glyphs.sort_by(|a, b| a.bbox.top.total_cmp(&b.bbox.top));
            let Some((spilled, rest)) = spilled_line(&glyphs, &cell) else { continue };
            let above = table.cells.iter().position(|a| {
                (a.bbox.x0 - cell.x0).abs() <= SNAP
                    && (a.bbox.x1 - cell.x1).abs() <= SNAP
                    && (a.bbox.bottom - cell.top).abs() <= SNAP
                    && a.text.as_deref().is_some_and(|t| !t.trim().is_empty())
            });
            let Some(j) = above else { continue };
            let line: String = text_lines(&spilled).into_iter().map(|(_, t)| t).collect();
            let own: Vec<String> = text_lines(&rest).into_iter().map(|(_, t)| t).collect();
            let upper = table.cells[j].text.take().unwrap_or_default();
            table.cells[j].text = Some(format!("{upper}\n{line}"));
            table.cells[k].text = Some(own.join("\n"));
        }
    }
}

/// The first line of a cell's glyphs (sorted by top) when it is the line
/// of the cell above spilled into it, and the cell's own glyphs: the line
/// hugs the cell's top rule and the cell's own first line overlaps it
/// (starts before it ends), or is printed over it (a glyph of each at the
/// same place, a line's height apart at most).
fn spilled_line<'a>(glyphs: &[&'a Char], cell: &pdfplumber::BBox) -> Option<(Vec<&'a Char>, Vec<&'a Char>)> {
    let first = glyphs.first()?;
    let (top, bottom) = (first.bbox.top, first.bbox.bottom);
    let height = (bottom - top).max(1.0);
    if top - cell.top >= 0.5 * height {
        return None;
    }
    let by_middle = |c: &&Char| {
        let middle = (c.bbox.top + c.bbox.bottom) / 2.0;
        middle > top && middle < bottom
    };
    let second = glyphs.iter().find(|c| !by_middle(c));
    if second.is_some_and(|c| c.bbox.top < bottom - 0.1 * height) {
        return Some(glyphs.iter().partition(|c| by_middle(c)));
    }
    // Two lines printed over each other: their tops differ, and a glyph of
    // the lower one stands under a glyph of the spilled one.
    let same_top = |c: &&Char| (c.bbox.top - top).abs() < 0.25 * height;
    let (spilled, rest): (Vec<&Char>, Vec<&Char>) = glyphs.iter().partition(|c| same_top(c));
    let x_overlap = |a: &Char, b: &Char| a.bbox.x1.min(b.bbox.x1) - a.bbox.x0.max(b.bbox.x0);
    let stacked = spilled
        .iter()
        .any(|s| rest.iter().any(|r| r.bbox.top < bottom && x_overlap(s, r) > 0.5 * (s.bbox.x1 - s.bbox.x0)));
    stacked.then_some((spilled, rest))
}

/// Text between two parts of one table that a page break leaves: a page
/// number, a running head, 续表.
const MAX_RUNNING_TEXT: usize = 12;

/// The share of a page at its top and bottom where a table that a page
/// break split ends and goes on.
const PAGE_EDGE: f64 = 0.15;

/// Turns the items into blocks: a table that continues on the next page
/// is one grid. It continues when it runs to the bottom of its page and
/// the next thing after it, page furniture aside, is a table at the top of
/// the next page whose columns are among its own.
fn emit(doc: &mut Document, items: Vec<Item>, limits: &Limits) -> Result<(), ExtractError> {
    let mut run: Vec<(u32, Table)> = Vec::new();
    let mut held: Vec<(u32, String)> = Vec::new();
    let mut run_height = 0.0;
    for item in items {
        match item {
            Item::Table { page, height, table } => {
                let continues = run.last().is_some_and(|(last_page, last)| {
                    *last_page + 1 == page
                        && at_page_bottom(&last.bbox, run_height)
                        && at_page_top(&table.bbox, height)
                        && run.first().is_some_and(|(_, first)| columns_fit(&table, first))
                        && held.iter().all(|(_, t)| is_running(t))
                });
                run_height = height;
                if !continues {
                    flush(doc, &mut run, &mut held, limits)?;
                }
                run.push((page, table));
            }
            Item::Line { page, text } => {
                if run.is_empty() || !is_running(&text) {
                    flush(doc, &mut run, &mut held, limits)?;
                    push_line(doc, page, text);
                } else {
                    held.push((page, text));
                }
            }
        }
    }
    flush(doc, &mut run, &mut held, limits)
}

fn is_running(text: &str) -> bool {
    text.chars().count() <= MAX_RUNNING_TEXT || is_page_number(text)
}

/// True for a page number as disclosures print them: `第 4 页，共 45 页`,
/// `- 4 -`, `4/45`, `4`, or any part of them (a cell may cut one).
fn is_page_number(text: &str) -> bool {
    let mut digits = false;
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        match c {
            '0'..='9' => digits = true,
            '第' | '页' | '共' | '，' | ',' | '/' | '-' | '—' | '－' => {}
            _ => return false,
        }
    }
    digits
}

fn push_line(doc: &mut Document, page: u32, text: String) {
    let source = SourceRef { block: doc.blocks.len(), page: Some(page), ..Default::default() };
    doc.blocks.push(Block::Paragraph(Paragraph { text, source }));
}

/// Writes the pending table run as one grid, then the page furniture held
/// back while it might continue.
fn flush(
    doc: &mut Document,
    run: &mut Vec<(u32, Table)>,
    held: &mut Vec<(u32, String)>,
    limits: &Limits,
) -> Result<(), ExtractError> {
    if !run.is_empty() {
        let block = doc.blocks.len();
        let table = grid(run, block, limits).map_err(|e| e.at(Place::Page(run[0].0)))?;
        doc.blocks.push(Block::Table(table));
        run.clear();
    }
    for (page, text) in held.drain(..) {
        push_line(doc, page, text);
    }
    Ok(())
}

/// The real cells of a found table (pdfplumber pads merged positions with
/// empty boxes).
fn real_cells(table: &Table) -> impl Iterator<Item = &pdfplumber::Cell> {
    table.cells.iter().filter(|c| c.bbox.x1 > c.bbox.x0 && c.bbox.bottom > c.bbox.top)
}

/// The column edges of a table, snapped.
fn column_edges(table: &Table) -> Vec<f64> {
    snapped(real_cells(table).flat_map(|c| [c.bbox.x0, c.bbox.x1]).collect())
}

/// How far a continued part's column edges may stand from the first
/// part's: a page's layout rounds each page's table on its own.
const PAGE_SNAP: f64 = 3.0;

/// Whether `next`'s column edges are all edges of `previous` (the header
/// block of the first part may have more).
fn columns_fit(next: &Table, previous: &Table) -> bool {
    let before = column_edges(previous);
    column_edges(next).iter().all(|x| before.iter().any(|b| (b - x).abs() <= PAGE_SNAP))
}

/// Lines of text with what the indicator tables' headers say, laid out in
/// columns, but no table: the rows cannot be rebuilt reliably.
fn looks_tabular(lines: &[(f64, String)]) -> bool {
    let text: String = lines.iter().map(|(_, l)| l.as_str()).collect();
    ["一级指标", "二级指标", "三级指标"].iter().filter(|h| text.contains(*h)).count() >= 2
}

/// The sorted, snapped positions of `edges`: one per line of the grid.
fn snapped(mut edges: Vec<f64>) -> Vec<f64> {
    edges.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::new();
    for e in edges {
        match out.last() {
            Some(last) if e - last <= SNAP => {}
            _ => out.push(e),
        }
    }
    out
}

/// The grid line nearest `at`.
fn index_of(lines: &[f64], at: f64) -> usize {
    let mut best = 0;
    for (i, l) in lines.iter().enumerate() {
        if (l - at).abs() < (lines[best] - at).abs() {
            best = i;
        }
    }
    best
}

/// A run of found tables (one table, or the parts of one a page break
/// split) as one grid: cell edges become rows and columns, a cell that
/// crosses several is merged over them, and a row that the page break cut
/// in two is stitched back.
fn grid(run: &[(u32, Table)], block: usize, limits: &Limits) -> Result<jixiao_model::Table, ExtractError> {
    // The first part's columns: a later part's edges are among them (see
    // [`columns_fit`]), drawn a point or two off.
    let xs = column_edges(&run[0].1);
    // Each part's rows, below the previous part's.
    let rows: Vec<Vec<f64>> =
        run.iter().map(|(_, t)| snapped(real_cells(t).flat_map(|c| [c.bbox.top, c.bbox.bottom]).collect())).collect();
    let heights: Vec<usize> = rows.iter().map(|ys| ys.len().saturating_sub(1)).collect();
    let offsets: Vec<usize> = heights.iter().scan(0, |sum, h| Some(std::mem::replace(sum, *sum + h))).collect();
    let page_of = |r: usize| run[offsets.iter().rposition(|o| *o <= r).unwrap_or(0)].0;
    let source = |r: usize, _| SourceRef { page: Some(page_of(r)), ..Default::default() };
    let mut builder =
        GridBuilder::new(block, heights.iter().sum(), xs.len().saturating_sub(1), limits.max_cells, source)?;
    let mut parts: Vec<Vec<Placed>> =
        run.iter().zip(&rows).enumerate().map(|(k, ((_, table), ys))| positioned(table, ys, &xs, offsets[k])).collect();
    // A break that cut a row in two is stitched; elsewhere a merged cell
    // it cut is joined.
    let cut_row: Vec<bool> = (0..parts.len()).map(|k| k > 0 && row_cut_in_two(&parts[k - 1], &parts[k])).collect();
    for k in (1..parts.len()).filter(|k| !cut_row[*k]) {
        let (before, after) = parts.split_at_mut(k);
        join_cut_cells(&mut before[k - 1], &mut after[0]);
    }
    let mut above: &[Placed] = &[];
    for (k, cells) in parts.iter().enumerate() {
        let stitched = cut_row[k];
        if stitched {
            stitch(&mut builder, above, cells);
        }
        for c in cells.iter().filter(|c| !(stitched && c.r0 == offsets[k])) {
            builder.place(c.r0, c.c0, c.text.clone(), (c.r1 - c.r0) as u32, (c.c1 - c.c0) as u32);
        }
        above = cells;
    }
    Ok(builder.finish())
}

/// A merged cell that a page break cuts is drawn as two cells, one ending
/// the page and one opening the next, and its text is printed in only one
/// of them (where the centre of the whole cell fell): the label of a
/// blank part is the one printed on the other part, above *or below* the
/// break. Two such parts (same columns, at the break, one blank, one of
/// them over several rows, as merged label cells are) become one cell.
fn join_cut_cells(above: &mut [Placed], below: &mut Vec<Placed>) {
    let (Some(border), Some(first)) = (above.iter().map(|c| c.r1).max(), below.iter().map(|c| c.r0).min()) else {
        return;
    };
    let pair = |above: &[Placed], c: &Placed| {
        above.iter().position(|a| a.r1 == border && a.c0 == c.c0 && a.c1 == c.c1 && a.r0 < border)
    };
    // The blank part must itself be merged: a blank one-row cell at the
    // break is a blank cell of that row, which its own label above covers
    // (fill-down), not a cut label.
    let cut = |a: &Placed, c: &Placed| {
        let blank_merged = if a.text.is_empty() { a.r1 - a.r0 >= 2 } else { c.r1 - c.r0 >= 2 };
        a.text.is_empty() != c.text.is_empty() && blank_merged
    };
    let heads: Vec<(usize, usize)> = below
        .iter()
        .enumerate()
        .filter(|(_, c)| c.r0 == first)
        .filter_map(|(i, c)| pair(above, c).map(|j| (i, j)))
        .collect();
    // A row of blank one-row cells at the page's foot over merged cells
    // with text (a project's name, amounts and 概述 cut after its first
    // row): one blank cell alone is a blank cell of its row, two or more
    // side by side are the top of the cells below.
    let top_row_cut =
        |a: &Placed, c: &Placed| a.text.is_empty() && a.r1 - a.r0 == 1 && !c.text.is_empty() && c.r1 - c.r0 >= 2;
    let top_rows = heads.iter().filter(|&&(i, j)| top_row_cut(&above[j], &below[i])).count();
    let cut = |a: &Placed, c: &Placed| cut(a, c) || (top_rows >= 2 && top_row_cut(a, c));
    let any_cut = heads.iter().any(|&(i, j)| cut(&above[j], &below[i]));
    let mut joined = Vec::new();
    for (i, j) in heads {
        let (a, c) = (&above[j], &below[i]);
        // Blank on both sides, beside a cut cell: the same merged block
        // (an empty 其他资金 of the project a cut name cell names).
        let both_blank = any_cut && a.text.is_empty() && c.text.is_empty() && a.r1 - a.r0 >= 2 && c.r1 - c.r0 >= 2;
        if cut(a, c) || both_blank {
            let text = if a.text.is_empty() { c.text.clone() } else { a.text.clone() };
            let (r1, a) = (c.r1, &mut above[j]);
            a.r1 = r1;
            a.text = text;
            joined.push(i);
        }
    }
    let mut k = 0;
    below.retain(|_| {
        k += 1;
        !joined.contains(&(k - 1))
    });
}

/// A cell placed on the grid: rows `r0..r1`, columns `c0..c1`.
struct Placed {
    r0: usize,
    r1: usize,
    c0: usize,
    c1: usize,
    text: String,
}

fn positioned(table: &Table, ys: &[f64], xs: &[f64], offset: usize) -> Vec<Placed> {
    real_cells(table)
        .filter_map(|cell| {
            let (r0, r1) = (index_of(ys, cell.bbox.top), index_of(ys, cell.bbox.bottom));
            let (c0, c1) = (index_of(xs, cell.bbox.x0), index_of(xs, cell.bbox.x1));
            let text = join_wrapped(cell.text.as_deref().unwrap_or(""));
            (r1 > r0 && c1 > c0).then_some(Placed { r0: r0 + offset, r1: r1 + offset, c0, c1, text })
        })
        .collect()
}

/// The first row of a continued part is the rest of the previous part's
/// last row (Word and LibreOffice let a row break across pages) when its
/// first cell is blank, every cell with text stands under a cell with text,
/// and some one-row cell with text above (the first column aside) has
/// nothing here: the cells whose text was cut go on, the others had ended.
/// (A new row under a merged 一级指标 has every other cell of its own
/// filled, or blank under a merged cell.)
/// `above` holds the previous part's cells, `cells` this part's.
fn row_cut_in_two(above: &[Placed], cells: &[Placed]) -> bool {
    let Some(first_row) = cells.iter().map(|c| c.r0).min() else { return false };
    let first: Vec<&Placed> = cells.iter().filter(|c| c.r0 == first_row).collect();
    let last_row = above.iter().map(|c| c.r1).max().unwrap_or(0).saturating_sub(1);
    let origin = |c0: usize| above.iter().find(|a| a.r0 <= last_row && a.r1 > last_row && a.c0 <= c0 && a.c1 > c0);
    let leading_blank = first.iter().filter(|c| c.c0 == 0).all(|c| c.text.is_empty());
    let filled: Vec<&&Placed> = first.iter().filter(|c| !c.text.is_empty()).collect();
    let under_text = filled.iter().all(|f| origin(f.c0).is_some_and(|a| !a.text.is_empty()));
    // A blank first column is a merged 一级指标 going on, which says
    // nothing: any other blank cell under a one-row cell with text says
    // that cell had ended, so this row is no new row of its own.
    let some_ended = first.iter().any(|c| {
        c.c0 > 0
            && c.text.is_empty()
            && origin(c.c0).is_some_and(|a| a.r0 == last_row && a.r1 == last_row + 1 && !a.text.is_empty())
    });
    // A number does not wrap: a column holding a whole measured value on
    // both sides (`10` over `9`, `≥350篇` over `≥55期`) shows two rows,
    // whatever the label cells around them do.
    let two_rows = filled.iter().any(|f| origin(f.c0).is_some_and(|a| is_measure(&a.text) && is_measure(&f.text)));
    leading_blank && !filled.is_empty() && under_text && some_ended && !two_rows
}

/// A short measured value: a number with its comparator and unit around it
/// (`≥350篇`, `100%`, `9`, `≤1.4元`).
fn is_measure(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let body = t.trim_start_matches(['≥', '≤', '>', '<', '=', '＝', '≧', '≦', '＞', '＜']);
    let digits = body.chars().take_while(|c| c.is_ascii_digit() || *c == '.').count();
    let unit = body.chars().skip(digits).count();
    digits > 0 && unit <= 3 && !body.chars().skip(digits).any(|c| c.is_ascii_digit())
}

/// Appends the text of the first row of `cells` (a row that
/// [`row_cut_in_two`] found cut) to the cells above it.
fn stitch(builder: &mut GridBuilder, above: &[Placed], cells: &[Placed]) {
    let Some(first_row) = cells.iter().map(|c| c.r0).min() else { return };
    let last_row = above.iter().map(|c| c.r1).max().unwrap_or(0).saturating_sub(1);
    let origin = |c0: usize| above.iter().find(|a| a.r0 <= last_row && a.r1 > last_row && a.c0 <= c0 && a.c1 > c0);
    for f in cells.iter().filter(|c| c.r0 == first_row && !c.text.is_empty()) {
        if let Some(a) = origin(f.c0) {
            let joined = join_wrapped(&format!("{}\n{}", builder.text(a.r0, a.c0), f.text));
            builder.set_text(a.r0, a.c0, joined);
        }
    }
}

/// A character Chinese text sets without spaces around it: ideographs and
/// also CJK and full-width punctuation (`（元）`), wider than
/// `jixiao_domain::is_cjk`, which means ideographs alone.
fn sets_solid(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}')
}

/// A cell's wrapped lines as one text: no separator where CJK meets CJK
/// (`服务对象满意度` + `指标`), a space where Latin text or digits meet. A
/// whole text in one pair of ASCII double quotes that holds what CSV must
/// quote (a comma, a space: `"提升…意识 优化营商环境"`; a line break may be
/// a wrap) is a CSV-quoted value pasted into the sheet the PDF was printed
/// from: the quotes are dropped. A name in quotes (`"群众社会治安满意度 "`)
/// is quoted by its author: kept, without the spaces inside the quotes.
pub fn join_wrapped(text: &str) -> String {
    let t = text.trim();
    let quoted = t.strip_prefix('"').and_then(|r| r.strip_suffix('"')).filter(|i| !i.contains('"'));
    let authored;
    let text = match quoted.map(str::trim) {
        Some(inner) if inner.contains([' ', ',', '，', '\t']) => inner,
        Some(inner) => {
            authored = format!("\"{inner}\"");
            authored.as_str()
        }
        None => text,
    };
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').map(str::trim).filter(|l| !l.is_empty()).enumerate() {
        let joins_cjk = out.chars().last().is_some_and(sets_solid) || line.chars().next().is_some_and(sets_solid);
        if i > 0 && !joins_cjk {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// Loose characters grouped into lines (by vertical overlap), each line in
/// left-to-right order: a space where a gap wider than half a character
/// separates Latin text, two where a gap wider than two characters
/// separates columns of CJK text.
fn text_lines(chars: &[&Char]) -> Vec<(f64, String)> {
    let mut sorted: Vec<&Char> = chars.to_vec();
    sorted.sort_by(|a, b| a.bbox.top.total_cmp(&b.bbox.top).then(a.bbox.x0.total_cmp(&b.bbox.x0)));
    let mut lines: Vec<(f64, f64, Vec<&Char>)> = Vec::new();
    for c in sorted {
        let middle = (c.bbox.top + c.bbox.bottom) / 2.0;
        match lines.iter_mut().rev().find(|(top, bottom, _)| middle > *top && middle < *bottom) {
            Some(line) => line.2.push(c),
            None => lines.push((c.bbox.top, c.bbox.bottom, vec![c])),
        }
    }
    lines
        .into_iter()
        .filter_map(|(top, _, mut line)| {
            line.sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
            let mut text = String::new();
            let mut last: Option<&Char> = None;
            for c in line {
                if let Some(prev) = last {
                    let gap = c.bbox.x0 - prev.bbox.x1;
                    let size = prev.size.max(c.size).max(1.0);
                    let cjk =
                        text.chars().last().is_some_and(sets_solid) && c.text.chars().next().is_some_and(sets_solid);
                    if cjk && gap > 2.0 * size {
                        text.push_str("  ");
                    } else if !cjk && gap > 0.5 * size && !text.ends_with(' ') {
                        text.push(' ');
                    }
                }
                text.push_str(&c.text);
                last = Some(c);
            }
            let text = text.trim().to_string();
            (!text.is_empty()).then_some((top, text))
        })
        .collect()
}

/// A glyph for the tests of this module and its children: `text` in the
/// box `x0..x1 × top..bottom` of a 600 pt page, upright, size 10, drawn at
/// its box's bottom left (tests change what they need).
#[cfg(test)]
fn test_glyph(text: &str, (x0, top, x1, bottom): (f64, f64, f64, f64)) -> Char {
    Char {
        text: text.to_string(),
        bbox: pdfplumber::BBox::new(x0, top, x1, bottom),
        fontname: String::new(),
        size: 10.0,
        advance: x1 - x0,
        doctop: top,
        upright: true,
        direction: pdfplumber::TextDirection::Ltr,
        stroking_color: None,
        non_stroking_color: None,
        ctm: [1.0, 0.0, 0.0, 1.0, x0, 600.0 - bottom],
        char_code: 0,
        mcid: None,
        tag: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_cells_join_without_a_space_between_cjk_only() {
        assert_eq!(join_wrapped("服务对象满意度\n指标"), "服务对象满意度指标");
        assert_eq!(join_wrapped("项目资金\n（元）"), "项目资金（元）");
        assert_eq!(join_wrapped("PM2.5\nconcentration"), "PM2.5 concentration");
        assert_eq!(join_wrapped("≥13459.00\n(平方米)"), "≥13459.00 (平方米)");
        assert_eq!(join_wrapped("达标率\n95%"), "达标率95%");
        assert_eq!(join_wrapped("\n a \n"), "a");
        assert_eq!(join_wrapped("\"提升居民意识 优化营商环境\""), "提升居民意识 优化营商环境");
        assert_eq!(join_wrapped("开展\"四史\"学习"), "开展\"四史\"学习");
        assert_eq!(join_wrapped("\"群众社会治安满意度\""), "\"群众社会治安满意度\"", "an author's quotes");
    }

    fn placed(r0: usize, r1: usize, c0: usize, text: &str) -> Placed {
        Placed { r0, r1, c0, c1: c0 + 1, text: text.to_string() }
    }

    #[test]
    fn a_merged_cell_cut_by_a_page_break_is_one_cell_again() {
        // Page 1 ends at row 10: the project cell (col 0) is blank on its
        // two rows there, its name printed on the part below; its 其他资金
        // (col 1) is blank on both parts; a one-row blank cell (col 2) and
        // a 项目概述 printed on both parts (col 3) stay as they are.
        let mut above =
            vec![placed(8, 10, 0, ""), placed(8, 10, 1, ""), placed(9, 10, 2, ""), placed(8, 10, 3, "概述")];
        let mut below = vec![
            placed(10, 14, 0, "甲项目"),
            placed(10, 14, 1, ""),
            placed(10, 11, 2, "满意度指标"),
            placed(10, 14, 3, "概述"),
        ];
        join_cut_cells(&mut above, &mut below);
        let spans: Vec<(usize, usize, &str)> = above.iter().map(|c| (c.r0, c.r1, c.text.as_str())).collect();
        assert_eq!(spans, vec![(8, 14, "甲项目"), (8, 14, ""), (9, 10, ""), (8, 10, "概述")]);
        let rest: Vec<&str> = below.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(rest, vec!["满意度指标", "概述"]);
    }

    fn glyph_at(text: &str, x0: f64, top: f64) -> Char {
        Char { size: 8.0, ..test_glyph(text, (x0, top, x0 + 8.0, top + 8.4)) }
    }

    /// One table of `cells` over 100–200 × 460–500.
    fn table_of(cells: Vec<pdfplumber::Cell>) -> Vec<Table> {
        let bbox = pdfplumber::BBox::new(100.0, 460.0, 200.0, 500.0);
        vec![Table { bbox, cells, rows: Vec::new(), columns: Vec::new() }]
    }

    fn cell_at(top: f64, bottom: f64, text: &str) -> pdfplumber::Cell {
        pdfplumber::Cell { bbox: pdfplumber::BBox::new(100.0, top, 200.0, bottom), text: Some(text.to_string()) }
    }

    #[test]
    fn a_last_line_printed_over_the_next_cells_first_line_is_found() {
        // `子` of `SCI平均影响因子` hangs over the rule at 87.8 and is printed
        // over `队列入组`, three points lower, at the same x.
        let cell = pdfplumber::BBox::new(560.0, 87.8, 640.0, 108.7);
        let glyphs = [
            test_glyph("子", (567.9, 87.65, 575.5, 95.21)),
            test_glyph("队", (567.9, 90.76, 575.5, 98.32)),
            test_glyph("列", (575.5, 90.76, 583.1, 98.32)),
        ];
        let refs: Vec<&Char> = glyphs.iter().collect();
        let (spilled, own) = spilled_line(&refs, &cell).expect("a spilled line");
        assert_eq!(spilled.iter().map(|c| c.text.as_str()).collect::<String>(), "子");
        assert_eq!(own.len(), 2);
        // Side by side on one line (two fonts a point apart): no spill.
        let side = [test_glyph("率", (567.9, 89.0, 575.5, 96.5)), test_glyph("9", (575.6, 90.9, 579.0, 97.0))];
        let refs: Vec<&Char> = side.iter().collect();
        assert!(spilled_line(&refs, &cell).is_none());
    }

    #[test]
    fn a_last_line_drawn_past_its_cell_goes_back_to_it() {
        // Row 460–478 wraps 按时完成 / 率 at a 9.24 pt pitch; the 率 lands at
        // 478.8, in the cell below, over that cell's own first line (483.0).
        let chars = vec![
            glyph_at("按", 100.0, 469.6),
            glyph_at("完", 108.0, 469.6),
            glyph_at("率", 100.0, 478.8),
            glyph_at("首", 100.0, 483.0),
            glyph_at("都", 108.0, 483.0),
        ];
        let mut tables = table_of(vec![cell_at(460.0, 478.5, "按完"), cell_at(478.5, 500.0, "率\n首都")]);
        spilled_into_next_row(&mut tables, &chars);
        let texts: Vec<&str> = tables[0].cells.iter().map(|c| c.text.as_deref().unwrap_or("")).collect();
        assert_eq!(texts, vec!["按完\n率", "首都"]);
        // Lines a pitch apart (no overlap) are the cell's own.
        let chars = vec![glyph_at("率", 100.0, 478.8), glyph_at("首", 100.0, 488.1)];
        let mut tables = table_of(vec![cell_at(460.0, 478.5, "按完"), cell_at(478.5, 500.0, "率\n首")]);
        spilled_into_next_row(&mut tables, &chars);
        assert_eq!(tables[0].cells[1].text.as_deref(), Some("率\n首"));
    }

    #[test]
    fn a_row_of_blank_cells_at_the_foot_is_the_top_of_the_cells_below() {
        // The project's code, budget and 概述 cells start on the page's last
        // row, blank there; their text is on the next page.
        let mut above =
            vec![placed(8, 9, 0, ""), placed(8, 9, 1, ""), placed(8, 9, 2, ""), placed(8, 9, 3, "法治宣传成本")];
        let mut below = vec![
            placed(9, 15, 0, "11000022T-甲"),
            placed(9, 15, 1, "94.657"),
            placed(9, 15, 2, "概述"),
            placed(9, 10, 3, "聘请法律顾问"),
        ];
        join_cut_cells(&mut above, &mut below);
        let spans: Vec<(usize, usize, &str)> = above.iter().map(|c| (c.r0, c.r1, c.text.as_str())).collect();
        assert_eq!(spans, vec![(8, 15, "11000022T-甲"), (8, 15, "94.657"), (8, 15, "概述"), (8, 9, "法治宣传成本")]);
        // One blank cell alone is a blank cell of its row.
        let mut above = vec![placed(8, 9, 0, ""), placed(8, 9, 1, "乙")];
        let mut below = vec![placed(9, 12, 0, "甲"), placed(9, 12, 1, "丙")];
        join_cut_cells(&mut above, &mut below);
        assert_eq!((above[0].r1, below.len()), (9, 2));
    }

    #[test]
    fn blank_cells_at_a_break_with_no_cut_label_stay_apart() {
        let mut above = vec![placed(8, 10, 0, ""), placed(8, 10, 1, "乙")];
        let mut below = vec![placed(10, 12, 0, ""), placed(10, 12, 1, "丙")];
        join_cut_cells(&mut above, &mut below);
        assert_eq!((above.len(), below.len()), (2, 2));
        assert_eq!(above[0].r1, 10);
    }

    #[test]
    fn measured_values_are_whole_but_fragments_are_not() {
        for v in ["10", "9.5", "≥350篇", "100%", "≤1.4元", "＝ 3 份"] {
            assert!(is_measure(v), "{v}");
        }
        for v in ["按时发", "放", "", "2023年12月", "≥", "第3季度"] {
            assert!(!is_measure(v), "{v}");
        }
    }

    #[test]
    fn page_numbers_in_every_dress_are_page_numbers() {
        for number in ["第 4 页，共 45 页", "第4页,共45", "- 12 -", "4/45", "7"] {
            assert!(is_page_number(number), "{number}");
        }
        for text in ["第4项", "100%", "指标1", "", "页"] {
            assert!(!is_page_number(text), "{text}");
        }
        // A long page number between two parts of a table still lets
        // them join (a running text is short, or a page number).
        assert!(is_running("第 11 页，共 45 页") && !is_running("备注：1、年度绩效指标可选择填写。"));
    }

    #[test]
    fn page_ranges_read_as_a_person_writes_them() {
        assert_eq!(ranges(&[10, 11, 12, 31, 33, 34, 35]), "10–12, 31, 33–35");
        assert_eq!(ranges(&[4]), "4");
    }

    #[test]
    fn edges_within_the_snap_distance_are_one_line() {
        assert_eq!(snapped(vec![10.0, 54.2, 10.9, 54.0, 100.0]), vec![10.0, 54.0, 100.0]);
        assert_eq!(index_of(&[10.0, 54.0, 100.0], 53.1), 1);
    }
}
