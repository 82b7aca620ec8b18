//! Lines drawn past their cell's right rule.
//!
//! A generator that does not wrap a long name draws it on across the rule
//! into the next column (`…达到一流水` | `平  完成率100%`). pdfplumber gives
//! each glyph to the cell its centre falls in, so the last glyphs land in
//! the neighbour's text. Such a line is one run of glyphs without a gap,
//! and one glyph of it straddles the rule: a cell's own text starts clear
//! of its rule (cell padding), and a line that ends at the rule does not
//! cross it. The glyphs of the run right of the rule belong to the cell
//! the line starts in; they are moved just inside it for the text
//! extraction.

use pdfplumber::{Char, Table};

/// How far past a rule a glyph must reach to straddle it (points).
const STRADDLE: f64 = 0.5;

/// How far a cell's edge may lie from the rule it is drawn on (points).
const RULE_SNAP: f64 = 1.5;

/// The widest gap between two glyphs of one run, as a share of a glyph's
/// width: letter spacing, not the gap between two cells' texts.
const RUN_GAP: f64 = 0.3;

/// `chars` with the glyphs of every overrun line in `table` moved back
/// into the cell the line starts in; none when there is no such line.
pub(super) fn pulled_back(table: &Table, chars: &[Char], rules: &[f64]) -> Option<Vec<Char>> {
    let b = &table.bbox;
    let inside = |c: &Char| {
        c.upright && c.bbox.top >= b.top && c.bbox.bottom <= b.bottom && c.bbox.x0 >= b.x0 && c.bbox.x1 <= b.x1
    };
    let straddles = |g: &pdfplumber::BBox| rules.iter().find(|&&x| g.x0 < x - STRADDLE && g.x1 > x + STRADDLE);
    // Most tables have no glyph across a rule: no sort for them.
    if !chars.iter().any(|c| inside(c) && straddles(&c.bbox).is_some()) {
        return None;
    }
    let mut order: Vec<usize> = (0..chars.len()).filter(|&i| inside(&chars[i])).collect();
    // By line, then left to right: a run is consecutive in this order.
    order.sort_by(|&i, &j| {
        let (a, c) = (&chars[i].bbox, &chars[j].bbox);
        a.top.round().total_cmp(&c.top.round()).then(a.x0.total_cmp(&c.x0))
    });
    let mut moves: Vec<(usize, f64, f64)> = Vec::new();
    for (k, &i) in order.iter().enumerate() {
        let g = &chars[i].bbox;
        let Some(&rule) = straddles(g) else { continue };
        // The rule must be drawn at this line: a cell ends there (inside a
        // cell merged across it there is no rule to cross).
        let (top, bottom) = (g.top, g.bottom);
        let ruled = table.cells.iter().any(|c| {
            let b = &c.bbox;
            (b.x1 - rule).abs() <= RULE_SNAP && b.x1 > b.x0 && b.top <= top + 1.0 && b.bottom >= bottom - 1.0
        });
        if !ruled {
            continue;
        }
        // The line must start left of the rule: a glyph before the
        // straddling one, or the straddling one itself centred left.
        let starts_left = (g.x0 + g.x1) / 2.0 < rule || k > 0 && contiguous(chars, order[k - 1], i);
        if !starts_left {
            continue;
        }
        // Each moved glyph sits just after the one before it, its right
        // edge inside the rule: the order of the line is kept.
        let (mut last, mut x0) = (i, g.x0);
        for &j in &order[k..] {
            if j != i && !contiguous(chars, last, j) {
                break;
            }
            let c = &chars[j].bbox;
            if (c.x0 + c.x1) / 2.0 >= rule {
                x0 += 0.01;
                moves.push((j, x0, rule - STRADDLE));
            } else {
                x0 = c.x0;
            }
            last = j;
        }
    }
    if moves.is_empty() {
        return None;
    }
    let mut out = chars.to_vec();
    for (j, x0, x1) in moves {
        (out[j].bbox.x0, out[j].bbox.x1) = (x0, x1);
    }
    Some(out)
}

/// True when glyph `b` follows glyph `a` on the same line without a gap.
fn contiguous(chars: &[Char], a: usize, b: usize) -> bool {
    let (a, b) = (&chars[a].bbox, &chars[b].bbox);
    let width = (a.x1 - a.x0).max(b.x1 - b.x0).max(1.0);
    let same_line = (a.top - b.top).abs() <= 1.0 && (a.bottom - b.bottom).abs() <= 1.0;
    same_line && b.x0 >= a.x1 - RUN_GAP * width && b.x0 - a.x1 <= RUN_GAP * width
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::test_glyph;

    fn line(text: &str, x0: f64, top: f64, width: f64) -> Vec<Char> {
        text.chars()
            .enumerate()
            .map(|(k, ch)| {
                let x = x0 + k as f64 * width;
                test_glyph(&ch.to_string(), (x, top, x + width, top + 9.0))
            })
            .collect()
    }

    /// A table of two cells side by side, split at `rule` (or one cell
    /// merged across it).
    fn table(x0: f64, x1: f64, rule: Option<f64>) -> Table {
        let cell = |a: f64, b: f64| pdfplumber::Cell { bbox: pdfplumber::BBox::new(a, 0.0, b, 100.0), text: None };
        let cells = match rule {
            Some(r) => vec![cell(x0, r), cell(r, x1)],
            None => vec![cell(x0, x1)],
        };
        Table { bbox: pdfplumber::BBox::new(x0, 0.0, x1, 100.0), cells, rows: vec![], columns: vec![] }
    }

    #[test]
    fn glyphs_drawn_past_the_rule_go_back_to_the_cell_the_line_starts_in() {
        // …一流水 crosses the rule at 623.7, 平 lies wholly right of it, and
        // the value's own text starts clear of the rule.
        let mut chars = line("一流水平", 601.14, 33.0, 9.0);
        chars.extend(line("完成率", 681.1, 32.7, 9.0));
        let moved = pulled_back(&table(400.0, 800.0, Some(623.7)), &chars, &[623.7]).expect("an overrun line");
        // In a cell merged across the column's edge the line crosses no rule.
        assert!(pulled_back(&table(400.0, 800.0, None), &chars, &[623.7]).is_none());
        let centre = |c: &Char| (c.bbox.x0 + c.bbox.x1) / 2.0;
        assert!(centre(&moved[3]) < 623.7, "平 is inside the name's cell again");
        assert!(moved[3].bbox.x0 > moved[2].bbox.x0, "and still after 水");
        assert!(moved[..3].iter().zip(&chars[..3]).all(|(a, b)| a.bbox == b.bbox), "the name's own glyphs stay");
        assert!(moved[4..].iter().zip(&chars[4..]).all(|(a, b)| a.bbox == b.bbox), "the value stays");
    }

    #[test]
    fn a_line_that_ends_at_the_rule_or_starts_after_it_moves_nothing() {
        // Ends just left of the rule; the next cell's text starts after a gap.
        let mut chars = line("一流水", 595.0, 33.0, 9.0);
        chars.extend(line("完成率", 626.0, 33.0, 9.0));
        assert!(pulled_back(&table(400.0, 800.0, Some(623.7)), &chars, &[623.7]).is_none());
    }
}
