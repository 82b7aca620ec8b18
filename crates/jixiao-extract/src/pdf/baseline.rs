//! Glyph boxes put back on their baselines.
//!
//! pdfplumber boxes a glyph from its font's ascent and descent. Some
//! fonts embedded in disclosures (punctuation and digit fonts of WPS and
//! 方正 exports) carry metrics that put the box a whole line below the
//! glyph: `：` of `单位名称：` lands in the row under it, `300` in the next
//! cell. Where the glyph really sits is its baseline (the origin of its
//! text matrix). A box whose centre is not just above its baseline is
//! redrawn from the baseline with ordinary metrics, so cell assignment and
//! line grouping see the glyph where a reader does.

use pdfplumber::Char;

/// How far above the baseline an ordinary glyph box's centre sits, in
/// font sizes: CJK and Latin fonts both fall in this range.
const ORDINARY: std::ops::RangeInclusive<f64> = -0.1..=0.8;

/// The box redrawn for a misplaced glyph: ascent and descent in font sizes.
const ASCENT: f64 = 0.8;
const DESCENT: f64 = 0.2;

/// A glyph's displayed baseline, when its text matrix is upright and
/// unrotated (the only case where the origin gives it directly).
fn baseline(c: &Char, page_height: f64) -> Option<f64> {
    let [a, b, cc, d, _, f] = c.ctm;
    (c.upright && a > 0.0 && d > 0.0 && b.abs() < 1e-6 && cc.abs() < 1e-6 && c.size > 0.0).then_some(page_height - f)
}

/// The centre's height above the baseline, in font sizes.
fn lift(c: &Char, page_height: f64) -> Option<f64> {
    baseline(c, page_height).map(|base| (base - (c.bbox.top + c.bbox.bottom) / 2.0) / c.size)
}

/// The page's glyphs with misplaced boxes redrawn from their baselines,
/// or `None` when every box is where its glyph is (the common case: the
/// page is used as it is). The baselines are trusted only when most
/// glyphs' boxes sit ordinarily on them: a page whose coordinates are
/// offset (a shifted MediaBox) or mirrored is left alone.
pub(super) fn realigned(chars: &[Char], page_height: f64) -> Option<Vec<Char>> {
    let lifts: Vec<Option<f64>> = chars.iter().map(|c| lift(c, page_height)).collect();
    let known = lifts.iter().flatten().count();
    let ordinary = lifts.iter().flatten().filter(|l| ORDINARY.contains(l)).count();
    if known == ordinary || ordinary * 2 <= known {
        return None;
    }
    let mut out = chars.to_vec();
    for (c, l) in out.iter_mut().zip(&lifts) {
        if l.is_some_and(|l| !ORDINARY.contains(&l)) {
            let base = baseline(c, page_height).unwrap_or(c.bbox.bottom);
            c.bbox.top = base - ASCENT * c.size;
            c.bbox.bottom = base + DESCENT * c.size;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(text: &str, top: f64, bottom: f64, origin_y: f64) -> Char {
        let c = crate::pdf::test_glyph(text, (10.0, top, 20.0, bottom));
        Char { ctm: [1.0, 0.0, 0.0, 1.0, 10.0, origin_y], ..c }
    }

    #[test]
    fn a_box_drawn_below_its_baseline_moves_onto_it() {
        // Page 600 high; baseline at 153 (origin 447).
        let chars =
            vec![glyph("单", 145.0, 155.0, 447.0), glyph("位", 145.0, 155.0, 447.0), glyph("：", 153.0, 163.0, 447.0)];
        let fixed = realigned(&chars, 600.0).expect("the colon is misplaced");
        assert_eq!((fixed[2].bbox.top, fixed[2].bbox.bottom), (145.0, 155.0));
        assert_eq!(fixed[0].bbox, chars[0].bbox);
    }

    #[test]
    fn ordinary_pages_and_untrusted_baselines_are_left_alone() {
        let ordinary = vec![glyph("单", 145.0, 155.0, 447.0), glyph("位", 145.0, 155.0, 447.0)];
        assert!(realigned(&ordinary, 600.0).is_none());
        // Coordinates offset by a MediaBox origin: no glyph sits on the
        // baseline computed from the page height, so none is trusted.
        let offset = vec![glyph("单", 145.0, 155.0, 947.0), glyph("：", 145.0, 155.0, 947.0)];
        assert!(realigned(&offset, 600.0).is_none());
    }
}
