//! Glyphs drawn twice (fake bold, generator bugs) are read once.
//!
//! The same rule as pdfplumber's `dedupe_chars` with its default options (same
//! text, font and size, origin within one point in x and in y: the first one
//! drawn is kept), found through a grid of one-point buckets instead of a
//! comparison with every glyph kept so far: pages of packed indicator cells
//! hold thousands of glyphs, and the quadratic pass was most of their time.

use pdfplumber::Char;
use std::collections::HashMap;

/// How far apart (in points, in x and in y) two draws of a glyph may be.
const TOLERANCE: f64 = 1.0;

/// `chars` without their repeated draws, in their order.
pub fn without_duplicates(chars: &[Char]) -> Vec<Char> {
    let cell = |v: f64| (v / TOLERANCE).floor() as i64;
    let mut kept: Vec<Char> = Vec::with_capacity(chars.len());
    // Bucket (x, y) → indexes into `kept`.
    let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for ch in chars {
        let (gx, gy) = (cell(ch.bbox.x0), cell(ch.bbox.top));
        let duplicate = (gx - 1..=gx + 1).any(|x| {
            (gy - 1..=gy + 1).any(|y| grid.get(&(x, y)).is_some_and(|ks| ks.iter().any(|&k| same_glyph(&kept[k], ch))))
        });
        if !duplicate {
            grid.entry((gx, gy)).or_default().push(kept.len());
            kept.push(ch.clone());
        }
    }
    kept
}

fn same_glyph(a: &Char, b: &Char) -> bool {
    a.text == b.text
        && (a.bbox.x0 - b.bbox.x0).abs() <= TOLERANCE
        && (a.bbox.top - b.bbox.top).abs() <= TOLERANCE
        && a.fontname == b.fontname
        && (a.size - b.size).abs() < f64::EPSILON
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(text: &str, x0: f64, top: f64, font: &str) -> Char {
        Char { fontname: font.into(), ..crate::pdf::test_glyph(text, (x0, top, x0 + 10.0, top + 10.0)) }
    }

    #[test]
    fn a_glyph_drawn_twice_is_kept_once() {
        let chars = vec![
            glyph("指", 100.0, 50.0, "SimSun"),
            glyph("指", 100.6, 50.4, "SimSun"), // fake bold: a second draw
            glyph("指", 101.4, 50.0, "SimSun"), // 1.4 pt off: another glyph
            glyph("指", 100.0, 50.0, "SimHei"), // another font
            glyph("标", 99.5, 49.1, "SimSun"),
            glyph("标", 99.1, 49.9, "SimSun"), // across a bucket border
        ];
        let kept = without_duplicates(&chars);
        let ours: Vec<(&str, f64, &str)> =
            kept.iter().map(|c| (c.text.as_str(), c.bbox.x0, c.fontname.as_str())).collect();
        assert_eq!(
            ours,
            vec![("指", 100.0, "SimSun"), ("指", 101.4, "SimSun"), ("指", 100.0, "SimHei"), ("标", 99.5, "SimSun")]
        );
        assert_eq!(kept.len(), 4);
    }
}
