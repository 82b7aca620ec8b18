//! The one grid builder every reader uses: cells placed with their spans
//! become a [`Table`] whose covered positions are marked, and the cell cap
//! is checked here, once, before the grid is allocated.

use crate::{Cell, SourceRef, Table};

/// A table would span more cells than the cap allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridTooLarge {
    /// Rows it asked for.
    pub rows: u64,
    /// Columns it asked for.
    pub cols: u64,
    /// The cap (`--max-cells`).
    pub cap: u64,
}

impl std::fmt::Display for GridTooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "a table spans {} rows × {} columns = {} cells, over the limit of {}",
            self.rows,
            self.cols,
            self.rows.saturating_mul(self.cols),
            self.cap
        )
    }
}

impl std::error::Error for GridTooLarge {}

/// A grid under construction: blank cells, each with its place, until
/// cells are placed.
#[derive(Debug)]
pub struct GridBuilder {
    rows: Vec<Vec<Cell>>,
    width: usize,
}

impl GridBuilder {
    /// A `height × width` grid of blank cells for block `block`, or an
    /// error when it would exceed `max_cells` (nothing is allocated then).
    /// `source` gives each position's place beyond block, row and column
    /// (a sheet name and A1 reference, for workbooks).
    pub fn new(
        block: usize,
        height: usize,
        width: usize,
        max_cells: u64,
        source: impl Fn(usize, usize) -> SourceRef,
    ) -> Result<GridBuilder, GridTooLarge> {
        Self::fits(height, width, max_cells)?;
        let rows = (0..height)
            .map(|r| (0..width).map(|c| Cell::new("", SourceRef { block, row: r, col: c, ..source(r, c) })).collect())
            .collect();
        Ok(GridBuilder { rows, width })
    }

    /// Whether a `height × width` grid is within `max_cells`: for a reader
    /// that must decide before it reads further (nested tables first).
    pub fn fits(height: usize, width: usize, max_cells: u64) -> Result<(), GridTooLarge> {
        let (rows, cols) = (height as u64, width as u64);
        if rows.saturating_mul(cols) > max_cells {
            return Err(GridTooLarge { rows, cols, cap: max_cells });
        }
        Ok(())
    }

    /// Puts `text` at (`r`, `c`) as the origin of a `row_span × col_span`
    /// region (clamped to the grid); every other position of the region
    /// becomes covered. Positions outside the grid are ignored.
    pub fn place(&mut self, r: usize, c: usize, text: impl Into<String>, row_span: u32, col_span: u32) {
        let height = self.rows.len();
        if r >= height || c >= self.width {
            return;
        }
        let rs = (row_span.max(1) as usize).min(height - r);
        let cs = (col_span.max(1) as usize).min(self.width - c);
        for row in &mut self.rows[r..r + rs] {
            for cell in &mut row[c..c + cs] {
                cell.text.clear();
                cell.row_span = 0;
                cell.col_span = 0;
            }
        }
        let origin = &mut self.rows[r][c];
        origin.text = text.into();
        origin.row_span = rs as u32;
        origin.col_span = cs as u32;
    }

    /// The text at (`r`, `c`) without spans (a plain cell), when it is
    /// inside the grid.
    pub fn set_text(&mut self, r: usize, c: usize, text: impl Into<String>) {
        if let Some(cell) = self.rows.get_mut(r).and_then(|row| row.get_mut(c)) {
            cell.text = text.into();
        }
    }

    /// The text already at (`r`, `c`), for a merge whose origin keeps it.
    pub fn text(&self, r: usize, c: usize) -> &str {
        self.rows.get(r).and_then(|row| row.get(c)).map_or("", |cell| cell.text.as_str())
    }

    /// The finished table.
    pub fn finish(self) -> Table {
        Table { rows: self.rows }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_cover_their_region_and_stay_inside_the_grid() {
        let mut g = GridBuilder::new(3, 3, 3, 100, |_, _| SourceRef::default()).expect("grid");
        g.place(0, 0, "a", 2, 2);
        g.place(2, 2, "b", 5, 5);
        g.set_text(0, 2, "c");
        let t = g.finish();
        assert_eq!(t.texts(), vec![vec!["a", "", "c"], vec!["", "", ""], vec!["", "", "b"]]);
        assert_eq!((t.rows[0][0].row_span, t.rows[0][0].col_span), (2, 2));
        assert!(t.rows[1][1].is_covered() && !t.rows[1][2].is_covered());
        assert_eq!((t.rows[2][2].row_span, t.rows[2][2].col_span), (1, 1), "clamped");
        assert_eq!((t.rows[1][2].source.block, t.rows[1][2].source.row, t.rows[1][2].source.col), (3, 1, 2));
    }

    #[test]
    fn the_cap_is_checked_before_anything_is_allocated() {
        let err = GridBuilder::new(0, 100_000_000, 4_000_000_000, 1_000_000, |_, _| SourceRef::default());
        let err = err.expect_err("too large");
        assert_eq!((err.rows, err.cols, err.cap), (100_000_000, 4_000_000_000, 1_000_000));
        assert!(err.to_string().contains("over the limit of 1000000"));
    }
}
