//! HTML tables, as government systems export them under a .xls or .doc
//! name. `rowspan`/`colspan` are resolved into the same grid as the other
//! readers (covered positions empty, spans 0); `<br>` becomes a line break;
//! text outside tables becomes paragraphs. Encoding is chosen like a text
//! export's (these files are often GBK).

use crate::{ExtractError, Limit};
use jixiao_model::grid::GridBuilder;
use jixiao_model::{Block, Document, Paragraph, SourceRef, Table};
use scraper::node::Node;
use scraper::{ElementRef, Html};

/// Elements that end a paragraph outside tables.
const BLOCK_ELEMENTS: &[&str] =
    &["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "caption", "title", "section", "article", "center"];

/// What bounds the walk over an HTML tree: cells per table, nesting of
/// tables, and nesting of elements (the walk recurses, so both are capped).
#[derive(Debug, Clone, Copy)]
struct Caps {
    max_cells: u64,
    max_tables: usize,
    max_elements: usize,
}

/// Reads an HTML document held in memory.
pub fn extract_html(bytes: &[u8], limits: &crate::Limits) -> Result<Document, ExtractError> {
    let caps = Caps { max_cells: limits.max_cells, max_tables: limits.max_depth, max_elements: limits.max_depth * 16 };
    let decoded = jixiao_text::decode(bytes)?;
    let html = Html::parse_document(&decoded.text);
    let mut doc =
        Document { format: "html".into(), encoding: Some(decoded.encoding.to_string()), ..Default::default() };
    let mut para = String::new();
    walk(html.root_element(), &mut doc, &mut para, caps, (0, 0))?;
    flush(&mut doc, &mut para);
    Ok(doc)
}

fn flush(doc: &mut Document, para: &mut String) {
    let text = std::mem::take(para);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if !text.is_empty() {
        let source = SourceRef { block: doc.blocks.len(), ..Default::default() };
        doc.blocks.push(Block::Paragraph(Paragraph { text, source }));
    }
}

/// `depth` is (elements, tables) around `el`.
fn walk(
    el: ElementRef<'_>,
    doc: &mut Document,
    para: &mut String,
    caps: Caps,
    depth: (usize, usize),
) -> Result<(), ExtractError> {
    if depth.0 > caps.max_elements {
        return Err(ExtractError::limit(
            Limit::Depth,
            format!("HTML elements nested deeper than {} (16 per table level)", caps.max_elements),
        ));
    }
    for child in el.children() {
        match child.value() {
            Node::Text(t) => para.push_str(t),
            Node::Element(e) => {
                let Some(child_el) = ElementRef::wrap(child) else { continue };
                match e.name() {
                    "script" | "style" | "head" => {}
                    "table" => {
                        flush(doc, para);
                        table(child_el, doc, caps, depth)?;
                    }
                    "br" => para.push('\n'),
                    name => {
                        let block = BLOCK_ELEMENTS.contains(&name);
                        if block {
                            flush(doc, para);
                        }
                        walk(child_el, doc, para, caps, (depth.0 + 1, depth.1))?;
                        if block {
                            flush(doc, para);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Text of a cell: `<br>` and block ends become line breaks; nested tables
/// are read as tables of their own.
fn cell_text<'a>(el: ElementRef<'a>, out: &mut String, nested: &mut Vec<ElementRef<'a>>, budget: usize) {
    if budget == 0 {
        return; // deeper than any real cell: the text below is dropped
    }
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                let Some(child_el) = ElementRef::wrap(child) else { continue };
                match e.name() {
                    "br" => out.push('\n'),
                    "table" => nested.push(child_el),
                    "script" | "style" => {}
                    name => {
                        cell_text(child_el, out, nested, budget - 1);
                        if BLOCK_ELEMENTS.contains(&name) && !out.ends_with('\n') {
                            out.push('\n');
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// The rows of a table, not of the tables nested in it.
fn rows<'a>(table: ElementRef<'a>) -> Vec<ElementRef<'a>> {
    let mut out = Vec::new();
    for child in table.children().filter_map(ElementRef::wrap) {
        match child.value().name() {
            "tr" => out.push(child),
            "thead" | "tbody" | "tfoot" => {
                out.extend(child.children().filter_map(ElementRef::wrap).filter(|r| r.value().name() == "tr"))
            }
            _ => {}
        }
    }
    out
}

fn span(el: ElementRef<'_>, name: &str) -> usize {
    el.value().attr(name).and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(1).clamp(1, 1000)
}

fn table(el: ElementRef<'_>, doc: &mut Document, caps: Caps, depth: (usize, usize)) -> Result<(), ExtractError> {
    if depth.1 >= caps.max_tables {
        return Err(ExtractError::limit(Limit::Depth, format!("HTML tables nested deeper than {}", caps.max_tables)));
    }
    let max_cells = caps.max_cells;
    let block = doc.blocks.len();
    doc.blocks.push(Block::Table(Table::default()));
    // Where each cell lands: the first free position of its row, after
    // the cells that rowspans above already hold. The occupancy grows with
    // the cells placed, and their spans together are bounded by the cap.
    let mut taken: Vec<Vec<bool>> = Vec::new();
    let mut placed: Vec<(usize, usize, String, usize, usize)> = Vec::new();
    let mut area = 0u64;
    let mut nested = Vec::new();
    for (r, tr) in rows(el).into_iter().enumerate() {
        if taken.len() <= r {
            taken.resize(r + 1, Vec::new());
        }
        let mut c = 0;
        for td in tr.children().filter_map(ElementRef::wrap).filter(|x| matches!(x.value().name(), "td" | "th")) {
            while taken.get(r).and_then(|row| row.get(c)).copied().unwrap_or(false) {
                c += 1;
            }
            let (rs, cs) = (span(td, "rowspan"), span(td, "colspan"));
            area = area.saturating_add((rs * cs) as u64);
            if area > max_cells {
                return Err(ExtractError::limit(Limit::Cells, format!("an HTML table spans over {max_cells} cells")));
            }
            let mut text = String::new();
            cell_text(td, &mut text, &mut nested, caps.max_elements);
            for row in r..r + rs {
                if taken.len() <= row {
                    taken.resize(row + 1, Vec::new());
                }
                if taken[row].len() < c + cs {
                    taken[row].resize(c + cs, false);
                }
                taken[row][c..c + cs].iter_mut().for_each(|t| *t = true);
            }
            placed.push((r, c, text.trim().to_string(), rs, cs));
            c += cs;
        }
    }
    let width = taken.iter().map(Vec::len).max().unwrap_or(0);
    let mut grid = GridBuilder::new(block, taken.len(), width, max_cells, |_, _| SourceRef::default())?;
    for (r, c, text, rs, cs) in placed {
        grid.place(r, c, text, rs as u32, cs as u32);
    }
    doc.blocks[block] = Block::Table(grid.finish());
    for inner in nested {
        table(inner, doc, caps, (depth.0 + 1, depth.1 + 1))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(doc: &Document, n: usize) -> Vec<Vec<String>> {
        doc.tables().nth(n).map(Table::texts).unwrap_or_default()
    }

    #[test]
    fn rowspan_colspan_and_paragraphs() {
        let html = "<html><head><title>t</title></head><body><p>项目支出绩效目标表</p><table>\
            <tr><th>一级指标</th><th>二级指标</th><th colspan=2>三级指标</th></tr>\
            <tr><td rowspan=2>产出指标</td><td>数量指标</td><td>人数<br>合计</td><td>6人</td></tr>\
            <tr><td>质量指标</td><td>合格率</td><td>100%</td></tr></table></body></html>";
        let doc = extract_html(html.as_bytes(), &crate::Limits::default()).expect("html");
        assert!(doc.blocks.iter().any(|b| matches!(b, Block::Paragraph(p) if p.text == "项目支出绩效目标表")));
        assert_eq!(
            grid(&doc, 0),
            vec![
                vec!["一级指标", "二级指标", "三级指标", ""],
                vec!["产出指标", "数量指标", "人数\n合计", "6人"],
                vec!["", "质量指标", "合格率", "100%"],
            ]
        );
    }

    #[test]
    fn gbk_html_is_decoded() {
        let html = "<html><body><table><tr><td>一级指标</td><td>二级指标</td></tr></table></body></html>";
        let (bytes, _, _) = encoding_rs::GBK.encode(html);
        assert_eq!(
            grid(&extract_html(&bytes, &crate::Limits::default()).expect("html"), 0),
            vec![vec!["一级指标", "二级指标"]]
        );
    }

    #[test]
    fn huge_spans_hit_the_cell_limit() {
        let html = "<table><tr><td rowspan=1000 colspan=1000>x</td></tr></table>";
        let limits = crate::Limits { max_cells: 10_000, ..Default::default() };
        assert!(matches!(extract_html(html.as_bytes(), &limits), Err(ExtractError::LimitExceeded { .. })));
    }

    #[test]
    fn nesting_is_capped() {
        let deep_tables = "<table><tr><td>".repeat(100) + "x";
        assert!(matches!(
            extract_html(deep_tables.as_bytes(), &crate::Limits::default()),
            Err(ExtractError::LimitExceeded { .. })
        ));
        let deep_divs = "<div>".repeat(5000) + "x";
        assert!(matches!(
            extract_html(deep_divs.as_bytes(), &crate::Limits::default()),
            Err(ExtractError::LimitExceeded { .. })
        ));
    }
}
