//! Workbooks (.xlsx, .xls, .et, .ods) through calamine.
//!
//! Every sheet, hidden ones included (flagged), becomes a paragraph with the
//! sheet's name (names often carry the project name) and a grid. Merged
//! regions become one cell with spans; the cells they cover stay in the
//! grid, empty, so that columns keep their positions. Numbers are rendered
//! as a person reads them: `50.0` → `50`, and a float too large to hold its
//! digits (a code typed as a number) in scientific form, so that nobody
//! mistakes it for the original code.

use crate::{ExtractError, Limit, Limits, Place};
use calamine::{
    Data, Dimensions, ExcelDateTime, Ods, OdsError, Reader, SheetVisible, Sheets, Xls, XlsError, Xlsb, XlsbError, Xlsx,
    XlsxError,
};
use jixiao_model::grid::GridBuilder;
use jixiao_model::{Block, Code, Diagnostic, Document, Paragraph, SourceRef, Table};
use std::io::Cursor;

/// `A1` reference of a 0-based cell.
pub fn a1(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        c = (c - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

/// A number as a spreadsheet shows it in a general format.
pub fn render_number(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    if f.abs() >= 1e15 {
        // Beyond 2^53 the digits are gone: show it as Excel does.
        let s = format!("{f:E}");
        return match s.split_once('E') {
            Some((m, e)) if !e.starts_with('-') => format!("{m}E+{e}"),
            _ => s,
        };
    }
    if f.fract() == 0.0 {
        return format!("{}", f as i64);
    }
    // Up to 10 significant decimals, trailing zeros trimmed (0.1+0.2 → 0.3).
    let s = format!("{f:.10}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A workbook date as `YYYY-MM-DD`, by calamine's own conversion, which
/// knows whether the workbook counts from 1900 or from 1904.
fn render_date(dt: &ExcelDateTime) -> String {
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    format!("{y:04}-{m:02}-{d:02}")
}

/// A number under a percent format (`0%`, `0.00%`) as the sheet shows it:
/// stored 0.95 → `95%`. Other formats fall back to [`render`].
fn render_formatted(data: &Data, format_code: Option<&str>) -> String {
    let value = match data {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    };
    // The % sign outside quoted literals makes a percent format.
    let percent = format_code.filter(|f| f.split('"').step_by(2).any(|part| part.contains('%')));
    match (value, percent) {
        (Some(v), Some(code)) => {
            let decimals = code.split('.').nth(1).map_or(0, |d| d.chars().take_while(|c| *c == '0').count());
            format!(
                "{}%",
                render_number(((v * 100.0) * 10f64.powi(decimals as i32)).round() / 10f64.powi(decimals as i32))
            )
        }
        _ => render(data),
    }
}

fn render(data: &Data) -> String {
    match data {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => render_number(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        Data::DateTime(dt) if dt.is_datetime() => render_date(dt),
        Data::DateTime(dt) => render_number(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Non-empty cells of a sheet: (row, column) and rendered text.
type SparseCells = Vec<((u32, u32), String)>;

/// Why a sheet's cells could not be listed.
enum SheetError {
    /// A limit was reached (the whole file fails).
    Limit(ExtractError),
    /// The sheet is unreadable (the sheet is skipped with a warning).
    Unreadable(String),
}

/// The sheet's non-empty cells, rendered. An .xlsx sheet is streamed cell by
/// cell, so a sheet that claims (or really has) cells a million rows down is
/// refused before anything dense is allocated; other formats go through
/// calamine's range, which BIFF bounds at 65536×256.
fn sparse_cells(book: &mut Sheets<Cursor<&[u8]>>, name: &str, max_cells: u64) -> Result<SparseCells, SheetError> {
    let limit = |what: String| {
        SheetError::Limit(
            ExtractError::limit(Limit::Cells, format!("it {what}, over the limit of {max_cells}"))
                .at(Place::Sheet(name.to_string())),
        )
    };
    let mut out = Vec::new();
    let (mut max_row, mut max_col) = (0u64, 0u64);
    let mut push = |pos: (u32, u32), text: String, out: &mut SparseCells| -> Result<(), SheetError> {
        max_row = max_row.max(u64::from(pos.0) + 1);
        max_col = max_col.max(u64::from(pos.1) + 1);
        if max_row * max_col > max_cells {
            return Err(limit(format!("spans {max_row}×{max_col} cells")));
        }
        if !text.is_empty() {
            out.push((pos, text));
        }
        Ok(())
    };
    if let Sheets::Xlsx(x) = book {
        let mut reader = x.worksheet_cells_reader(name).map_err(|e| SheetError::Unreadable(e.to_string()))?;
        while let Some((cell, style)) =
            reader.next_cell_with_style_id().map_err(|e| SheetError::Unreadable(e.to_string()))?
        {
            let format =
                reader.styles().get(style).and_then(|s| s.number_format.as_ref()).map(|f| f.format_code.as_str());
            let text = render_formatted(&Data::from(cell.get_value().clone()), format);
            push(cell.get_position(), text, &mut out)?;
        }
        return Ok(out);
    }
    let range = book.worksheet_range(name).map_err(|e| SheetError::Unreadable(e.to_string()))?;
    if let (Some(start), Some(end)) = (range.start(), range.end()) {
        let (height, width) = (u64::from(end.0 - start.0) + 1, u64::from(end.1 - start.1) + 1);
        if height * width > max_cells {
            return Err(limit(format!("spans {height}×{width} cells")));
        }
    }
    for (r, c, data) in range.used_cells() {
        let pos = (range.start().map_or(0, |s| s.0) + r as u32, range.start().map_or(0, |s| s.1) + c as u32);
        push(pos, render(data), &mut out)?;
    }
    Ok(out)
}

/// Each sheet's merged regions where the ZIP prescan could read them
/// (see `merges`), by sheet name in workbook order; `None` for a sheet
/// calamine must read.
pub(crate) type KnownMerges = Vec<(String, Option<Vec<Dimensions>>)>;

fn merged_regions(book: &mut Sheets<Cursor<&[u8]>>, name: &str, known: Option<&KnownMerges>) -> Vec<Dimensions> {
    // calamine finds a sheet's part by the first sheet of that name.
    if let Some((_, Some(merges))) = known.and_then(|known| known.iter().find(|(sheet, _)| sheet == name)) {
        return merges.clone();
    }
    match book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// The container a workbook came in, which decides calamine's reader (so
/// that its own errors, such as a password, reach the user).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkbookKind {
    /// BIFF in OLE2 (.xls, .et).
    Xls,
    /// Office Open XML (.xlsx, .xlsm).
    Xlsx,
    /// Binary Office Open XML (.xlsb).
    Xlsb,
    /// OpenDocument spreadsheet (.ods).
    Ods,
}

fn open(bytes: &[u8], kind: WorkbookKind) -> Result<Sheets<Cursor<&[u8]>>, ExtractError> {
    // calamine says "password" with a variant of each reader's error type.
    let err = |password: bool, e: &dyn std::fmt::Display| {
        if password {
            ExtractError::Encrypted("the workbook is password-protected".into())
        } else {
            ExtractError::corrupt(Place::File, format!("workbook: {e}"))
        }
    };
    let cursor = Cursor::new(bytes);
    Ok(match kind {
        WorkbookKind::Xls => Sheets::Xls(Xls::new(cursor).map_err(|e| err(matches!(e, XlsError::Password), &e))?),
        WorkbookKind::Xlsx => Sheets::Xlsx(Xlsx::new(cursor).map_err(|e| err(matches!(e, XlsxError::Password), &e))?),
        WorkbookKind::Xlsb => Sheets::Xlsb(Xlsb::new(cursor).map_err(|e| err(matches!(e, XlsbError::Password), &e))?),
        WorkbookKind::Ods => Sheets::Ods(Ods::new(cursor).map_err(|e| err(matches!(e, OdsError::Password), &e))?),
    })
}

/// Reads a workbook held in memory.
///
/// calamine can panic on some damaged files (found by fuzzing: a slice
/// index out of range in its OLE2 reader); such a panic is caught here and
/// becomes a `Corrupt` error, so the library never panics on bad input.
pub fn extract_workbook(bytes: &[u8], kind: WorkbookKind, limits: &Limits) -> Result<Document, ExtractError> {
    read_caught(bytes, kind, limits, None)
}

/// An .xlsx, with the merged regions the ZIP prescan read.
pub(crate) fn extract_xlsx(
    bytes: &[u8],
    limits: &Limits,
    known: Option<KnownMerges>,
) -> Result<Document, ExtractError> {
    read_caught(bytes, WorkbookKind::Xlsx, limits, known)
}

fn read_caught(
    bytes: &[u8],
    kind: WorkbookKind,
    limits: &Limits,
    known: Option<KnownMerges>,
) -> Result<Document, ExtractError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_workbook(bytes, kind, limits, known))).unwrap_or_else(
        |panic| {
            let msg = crate::panic_message(panic.as_ref());
            Err(ExtractError::corrupt(Place::File, format!("the workbook reader gave up on damaged data ({msg})")))
        },
    )
}

/// The grid of one sheet up to `end`, every cell with its A1 source, its
/// merged regions applied. The grid builder checks the cell cap before
/// allocating; all merges together may touch no more cells than the sheet
/// holds (20,000 copies of one merge over a 1000×1000 area fail here
/// instead of taking hours).
/// How many times over all merged regions of a sheet may cover its cells.
const MERGE_OVERLAP: u64 = 4;

fn sheet_table(
    name: &str,
    block: usize,
    end: (u32, u32),
    cells: Vec<((u32, u32), String)>,
    merges: Vec<Dimensions>,
    max_cells: u64,
) -> Result<Table, ExtractError> {
    let (height, width) = (end.0 as usize + 1, end.1 as usize + 1);
    let sheet: std::sync::Arc<str> = name.into();
    let source = |r: usize, c: usize| SourceRef {
        sheet: Some(sheet.clone()),
        cell: Some(a1(r as u32, c as u32)),
        ..Default::default()
    };
    let at = || Place::Sheet(name.to_string());
    let mut grid =
        GridBuilder::new(block, height, width, max_cells, source).map_err(|e| ExtractError::from(e).at(at()))?;
    for ((r, c), text) in cells {
        grid.set_text(r as usize, c as usize, text);
    }
    let area = (height as u64) * (width as u64);
    let mut touched = 0u64;
    // Exported .xls files list some merges twice, and some overlap a
    // little: the regions together may touch each cell a few times over
    // before the sheet is refused (copies by the thousand still are).
    for m in merges {
        let (rows_in, cols_in) = (
            u64::from(m.end.0.min(end.0).saturating_sub(m.start.0)) + 1,
            u64::from(m.end.1.min(end.1).saturating_sub(m.start.1)) + 1,
        );
        touched = touched.saturating_add(rows_in.saturating_mul(cols_in));
        if touched > MERGE_OVERLAP * area {
            let detail = format!("its merged regions cover {touched}+ cells, over {MERGE_OVERLAP}× its {area} cells");
            return Err(ExtractError::limit(Limit::Cells, detail).at(at()));
        }
        // Only the top-left cell holds the value; the covered positions
        // stay empty (calamine may repeat nothing).
        let (r, c) = (m.start.0 as usize, m.start.1 as usize);
        let text = grid.text(r, c).to_string();
        grid.place(r, c, text, m.end.0 - m.start.0 + 1, m.end.1 - m.start.1 + 1);
    }
    Ok(grid.finish())
}

fn read_workbook(
    bytes: &[u8],
    kind: WorkbookKind,
    limits: &Limits,
    known: Option<KnownMerges>,
) -> Result<Document, ExtractError> {
    let max_cells = limits.max_cells;
    let mut book = open(bytes, kind)?;
    let format = match &book {
        Sheets::Xlsx(_) => "xlsx",
        Sheets::Xls(_) => "xls",
        Sheets::Xlsb(_) => "xlsb",
        Sheets::Ods(_) => "ods",
    };
    let mut doc = Document { format: format.into(), ..Default::default() };
    let sheets = book.sheets_metadata().to_vec();
    // The prescan named the sheets as calamine does, or its merges are not used.
    let known = known.filter(|known| {
        known.len() == sheets.len() && known.iter().zip(&sheets).all(|((name, _), sheet)| *name == sheet.name)
    });
    if sheets.len() > limits.max_sheets {
        return Err(ExtractError::limit(
            Limit::Sheets,
            format!("the workbook lists {} sheets, over the limit of {}", sheets.len(), limits.max_sheets),
        ));
    }
    for sheet in sheets {
        if sheet.visible != SheetVisible::Visible {
            doc.diagnostics.push(Diagnostic::new(
                Code::HiddenSheet,
                format!("sheet {:?} is hidden; read anyway", sheet.name),
                None,
            ));
        }
        let cells = match sparse_cells(&mut book, &sheet.name, max_cells) {
            Ok(cells) => cells,
            Err(SheetError::Limit(e)) => return Err(e),
            Err(SheetError::Unreadable(e)) => {
                doc.diagnostics.push(Diagnostic::new(
                    Code::SheetUnreadable,
                    format!("sheet {:?} could not be read: {e}", sheet.name),
                    None,
                ));
                continue;
            }
        };
        let Some(end) = cells.iter().fold(None, |acc: Option<(u32, u32)>, ((r, c), _)| {
            Some(acc.map_or((*r, *c), |(mr, mc)| (mr.max(*r), mc.max(*c))))
        }) else {
            continue;
        };
        let merges = merged_regions(&mut book, &sheet.name, known.as_ref());
        let title_block = doc.blocks.len();
        let source = SourceRef { block: title_block, sheet: Some(sheet.name.as_str().into()), ..Default::default() };
        doc.blocks.push(Block::Paragraph(Paragraph { text: sheet.name.clone(), source }));
        let table = sheet_table(&sheet.name, doc.blocks.len(), end, cells, merges, max_cells)?;
        doc.blocks.push(Block::Table(table));
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_listed_twice_read_and_a_flood_still_fails() {
        let merge = |r0, c0, r1, c1| Dimensions { start: (r0, c0), end: (r1, c1) };
        let cells = vec![((0, 0), "产出指标".to_string())];
        // A 4×4 sheet whose one 4×4 merge is listed twice (exported .xls).
        let twice = sheet_table("s", 0, (3, 3), cells.clone(), vec![merge(0, 0, 3, 3), merge(0, 0, 3, 3)], 1000);
        let table = twice.expect("a sheet with a repeated merge reads");
        assert_eq!(table.rows[0][0].row_span, 4);
        // Overlapping merges past 4× the sheet are refused.
        let flood: Vec<Dimensions> = (0..20).map(|k| merge(0, 0, 3, 3 + k)).collect();
        assert!(sheet_table("s", 0, (3, 3), cells, flood, 1000).is_err());
    }

    #[test]
    fn a1_references() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(5, 4), "E6");
        assert_eq!(a1(0, 25), "Z1");
        assert_eq!(a1(9, 26), "AA10");
        assert_eq!(a1(0, 701), "ZZ1");
        assert_eq!(a1(0, 702), "AAA1");
    }

    #[test]
    fn numbers_render_as_displayed() {
        assert_eq!(render_number(50.0), "50");
        assert_eq!(render_number(95.5), "95.5");
        assert_eq!(render_number(0.1 + 0.2), "0.3");
        assert_eq!(render_number(-3.0), "-3");
        assert_eq!(render_number(4.403062313915e20), "4.403062313915E+20");
        assert_eq!(render_number(450001.0), "450001");
    }

    #[test]
    fn percent_formats_render_as_shown() {
        assert_eq!(render_formatted(&Data::Float(0.95), Some("0%")), "95%");
        assert_eq!(render_formatted(&Data::Float(0.9512), Some("0.00%")), "95.12%");
        assert_eq!(render_formatted(&Data::Int(1), Some("0%")), "100%");
        assert_eq!(render_formatted(&Data::Float(0.95), Some("General")), "0.95");
        assert_eq!(render_formatted(&Data::Float(5.0), Some("0\"%\"")), "5", "a quoted % is a literal");
        assert_eq!(render_formatted(&Data::String("≥95%".into()), Some("0%")), "≥95%");
    }

    #[test]
    fn dates_render_as_iso_in_both_date_systems() {
        let date = |serial: f64, is_1904: bool| {
            render_date(&ExcelDateTime::new(serial, calamine::ExcelDateTimeType::DateTime, is_1904))
        };
        assert_eq!(date(45291.0, false), "2023-12-31");
        assert_eq!(date(25569.0, false), "1970-01-01");
        assert_eq!(date(36526.0, false), "2000-01-01");
        // The same day counted from 1904-01-01 (1462 days fewer).
        assert_eq!(date(45291.0 - 1462.0, true), "2023-12-31");
    }
}
