//! Word 97–2003 binary documents (.doc, and Kingsoft WPS Writer's .wps,
//! the same format), read natively for what jixiao needs of them: the main
//! text's paragraphs and its tables, merged cells included.
//!
//! Why not anydoc, which read them before (and still reads RTF, and the
//! Word 6/95 files this reader hands back): anydoc converts a document for
//! display, so it works out every character's style through the style
//! sheet, numbers lists and collects pictures. A 185 KB performance table
//! took 0.85 ms there, 40% of it in the per-character style, against
//! 0.63 ms for the .docx of the same document; no output of jixiao uses a
//! style. This reader walks the same structures ([MS-DOC]: FIB, piece table,
//! paragraph properties out of the PAPX pages, the row properties of
//! `sprmTDefTable`) and nothing else, and builds the same grids: a test
//! compares its output with anydoc's on every legacy Word file we have.
//!
//! What it reads, in [MS-DOC] terms:
//! - the text of the main document (CPs `0..ccpText`) through the piece
//!   table, UTF-16 pieces and 8-bit pieces (decoded in the code page of the
//!   document's language id, as Chinese word processors write them);
//! - for each paragraph mark, its PAPX (`sprmPFInTable`, `sprmPFTtp`, the
//!   nesting sprms, `sprmTDefTable` and `sprmTVertMerge` on row ends, a
//!   `sprmPHugePapx` followed into the Data stream) and its piece's `Prm`;
//! - fields: the instruction is dropped, the result kept.
//!
//! What it does not read: the style sheet, character properties, lists,
//! pictures, notes, headers and footers. A paragraph style could in
//! principle say "in a table"; Word writes that flag into each paragraph's
//! own properties, and so does LibreOffice in every fixture, where the test
//! compares this reader with anydoc (which resolves styles).
//!
//! Tables are assembled as anydoc assembles them, from the cells' right
//! edges: the union of every row's edges (within 10 twips) gives the grid's
//! columns, horizontally merged cells become one cell spanning theirs, and a
//! vertical merge continues the chain above whose columns it matches.
//! Nested tables are flattened into their outer cell, one paragraph each.

use crate::{open_cfb, read_stream, ExtractError, Limits, Place};
use jixiao_model::grid::GridBuilder;
use jixiao_model::{Block, Code, Diagnostic, Document, SourceRef};

/// The FIB's `nFib` of Word 97; earlier versions (Word 6 and 95, `nFib`
/// 101–105) lay the FIB out differently.
const NFIB_WORD97: u16 = 0xC0;

/// Reads a Word 97–2003 document. `Ok(None)` is an older Word (6 or 95),
/// whose FIB this reader does not know: the caller reads it otherwise.
pub fn extract_doc(bytes: &[u8], limits: &Limits) -> Result<Option<Document>, ExtractError> {
    let mut ole = open_cfb(bytes)?;
    let word = read_stream(&mut ole, "WordDocument")?
        .ok_or_else(|| ExtractError::Unsupported("an OLE2 file without a WordDocument stream".into()))?;
    let fib = Fib::read(&word)?;
    if fib.nfib < NFIB_WORD97 {
        return Ok(None);
    }
    if fib.encrypted {
        return Err(ExtractError::Encrypted("an encrypted doc document".into()));
    }
    let (name, other) = if fib.table_1 { ("1Table", "0Table") } else { ("0Table", "1Table") };
    let table = match read_stream(&mut ole, name)? {
        Some(t) => t,
        None => read_stream(&mut ole, other)?.unwrap_or_default(),
    };
    let pieces = Pieces::read(&table, &fib)?;
    let paps = PapRuns::read(&word, &table, &fib, || Ok(read_stream(&mut ole, "Data")?.unwrap_or_default()))?;
    let mut reader = Reader::new(&paps, limits);
    reader.read_text(&word, &fib, &pieces)?;
    reader.finish().map(Some)
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    bytes.get(at..at.checked_add(2)?).map(|b| u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    bytes.get(at..at.checked_add(4)?).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// What this reader takes from the File Information Block.
struct Fib {
    nfib: u16,
    encrypted: bool,
    /// `fWhichTblStm`: the table stream is `1Table`.
    table_1: bool,
    /// The code page of 8-bit pieces.
    encoding: &'static encoding_rs::Encoding,
    /// `ccpText`: the main document's length in CPs.
    ccp_text: usize,
    /// `fcClx`/`lcbClx`: the piece table, in the table stream.
    clx: (usize, usize),
    /// `fcPlcfBtePapx`/`lcbPlcfBtePapx`: where the PAPX pages are listed.
    bte_papx: (usize, usize),
    /// `fcMin`/`fcMac`: the text of a file without a piece table.
    fc_min_mac: (usize, usize),
}

impl Fib {
    fn read(word: &[u8]) -> Result<Fib, ExtractError> {
        let at = |offset: usize| Place::Byte { entry: "WordDocument".into(), offset: offset as u64 };
        if u16_at(word, 0) != Some(0xA5EC) {
            return Err(ExtractError::corrupt(at(0), "not a Word document (its FIB's wIdent is not 0xA5EC)"));
        }
        let field = |offset: usize| u32_at(word, offset).unwrap_or(0) as usize;
        let flags = u16_at(word, 0x0A).unwrap_or(0);
        // 8-bit text is in the code page of the language: FibBase.lid, or
        // FibRgW97.lidFE when fFarEast is set (as anydoc decides it).
        let lid = if flags & 0x4000 != 0 {
            u16_at(word, 0x3C).filter(|&l| l != 0).or_else(|| u16_at(word, 0x06))
        } else {
            u16_at(word, 0x06)
        };
        Ok(Fib {
            nfib: u16_at(word, 0x02).unwrap_or(0),
            encrypted: flags & 0x0100 != 0,
            table_1: flags & 0x0200 != 0,
            encoding: lid_encoding(lid.unwrap_or(0)),
            ccp_text: field(0x4C),
            clx: (field(0x1A2), field(0x1A6)),
            bte_papx: (field(0x102), field(0x106)),
            fc_min_mac: (field(0x18), field(0x1C)),
        })
    }
}

/// The ANSI code page of a Windows language id (the primary language; for
/// Chinese the region tells Simplified from Traditional).
fn lid_encoding(lid: u16) -> &'static encoding_rs::Encoding {
    use encoding_rs::*;
    match lid & 0x03FF {
        0x11 => SHIFT_JIS,
        0x12 => EUC_KR,
        0x04 => match lid {
            0x0404 | 0x0C04 | 0x1404 | 0x7C04 => BIG5,
            _ => GBK,
        },
        0x01 | 0x20 | 0x29 => WINDOWS_1256,
        0x02 | 0x19 | 0x22 | 0x23 => WINDOWS_1251,
        0x05 | 0x0E | 0x15 | 0x18 | 0x1A | 0x1B | 0x24 => WINDOWS_1250,
        0x08 => WINDOWS_1253,
        0x0D => WINDOWS_1255,
        0x1E => WINDOWS_874,
        0x1F | 0x2C => WINDOWS_1254,
        0x25..=0x27 => WINDOWS_1257,
        0x2A => WINDOWS_1258,
        _ => WINDOWS_1252,
    }
}

/// One piece of the piece table: its `len` CPs are stored at `fc`. Pieces
/// follow each other in CP order.
struct Piece {
    len: usize,
    fc: usize,
    /// 8-bit text (one byte a CP) rather than UTF-16.
    compressed: bool,
    /// The paragraph properties of the piece's `Prm`, when it sets any.
    pap: Option<Pap>,
}

struct Pieces(Vec<Piece>);

impl Pieces {
    /// The piece table of the `Clx` (its `Prc`s first, then the `Pcdt`);
    /// a file without one holds its text in one 8-bit piece.
    fn read(table: &[u8], fib: &Fib) -> Result<Pieces, ExtractError> {
        let (fc, lcb) = fib.clx;
        if lcb == 0 {
            let (min, mac) = fib.fc_min_mac;
            let len = mac.saturating_sub(min);
            let single = Piece { len, fc: min, compressed: true, pap: None };
            return Ok(Pieces(if len > 0 { vec![single] } else { Vec::new() }));
        }
        let bad = |what: &str| ExtractError::corrupt(Place::Byte { entry: "Table".into(), offset: fc as u64 }, what);
        let clx = table
            .get(fc..)
            .and_then(|rest| rest.get(..lcb))
            .ok_or_else(|| bad("the piece table (Clx) lies outside the table stream"))?;
        let mut prcs: Vec<&[u8]> = Vec::new();
        let mut pos = 0usize;
        loop {
            match clx.get(pos) {
                Some(1) => {
                    let cb = u16_at(clx, pos + 1).ok_or_else(|| bad("a Prc is cut short"))? as usize;
                    let grpprl =
                        clx.get(pos + 3..).and_then(|r| r.get(..cb)).ok_or_else(|| bad("a Prc is cut short"))?;
                    prcs.push(grpprl);
                    pos += 3 + cb;
                }
                Some(2) => {
                    let lcb_plc = u32_at(clx, pos + 1).ok_or_else(|| bad("the Pcdt is cut short"))? as usize;
                    let plc = clx
                        .get(pos + 5..)
                        .and_then(|r| r.get(..lcb_plc))
                        .ok_or_else(|| bad("the piece descriptors lie outside the Clx"))?;
                    return Self::from_plc(plc, &prcs).ok_or_else(|| bad("an empty or malformed piece table"));
                }
                _ => return Err(bad("the Clx holds neither a Prc nor a Pcdt")),
            }
        }
    }

    fn from_plc(plc: &[u8], prcs: &[&[u8]]) -> Option<Pieces> {
        if plc.len() < 16 {
            return None;
        }
        let n = (plc.len() - 4) / 12;
        let mut pieces = Vec::with_capacity(n);
        for i in 0..n {
            let cp = u32_at(plc, i * 4)? as usize;
            let cp_end = u32_at(plc, (i + 1) * 4)? as usize;
            let pcd = (n + 1) * 4 + i * 8;
            let fc_raw = u32_at(plc, pcd + 2)?;
            let prm = u16_at(plc, pcd + 6).unwrap_or(0);
            let compressed = fc_raw & 0x4000_0000 != 0;
            let fc = (fc_raw & 0x3FFF_FFFF) as usize;
            let pap = if prm & 1 != 0 {
                // A complex Prm: an index into the Clx's Prcs.
                prcs.get((prm >> 1) as usize).map(|grpprl| Pap::from_grpprl(grpprl, &[]))
            } else {
                Pap::from_prm0(prm)
            };
            pieces.push(Piece {
                len: cp_end.saturating_sub(cp),
                fc: if compressed { fc / 2 } else { fc },
                compressed,
                pap,
            });
        }
        Some(Pieces(pieces))
    }
}

/// The paragraph properties this reader needs. `None` is "not set here":
/// a piece's `Prm` overrides only what it sets.
#[derive(Debug, Clone, Default)]
struct Pap {
    in_table: Option<bool>,
    /// A table row's end mark.
    ttp: Option<bool>,
    /// Table depth (`sprmPItap`, `sprmPDtap`); 1 is a table at top level.
    itap: Option<i32>,
    inner_cell: Option<bool>,
    inner_ttp: Option<bool>,
    /// The row's cells, on a row's end mark.
    row: Option<RowProps>,
}

impl Pap {
    /// `self` with every property `over` sets replaced.
    fn under(&self, over: &Pap) -> Pap {
        Pap {
            in_table: over.in_table.or(self.in_table),
            ttp: over.ttp.or(self.ttp),
            itap: over.itap.or(self.itap),
            inner_cell: over.inner_cell.or(self.inner_cell),
            inner_ttp: over.inner_ttp.or(self.inner_ttp),
            row: over.row.clone().or_else(|| self.row.clone()),
        }
    }

    /// A paragraph of a table nested in a cell.
    fn nested(&self) -> bool {
        self.itap.unwrap_or(1) > 1 || self.inner_cell.unwrap_or(false) || self.inner_ttp.unwrap_or(false)
    }

    /// A compressed `Prm` sets one property by its `isprm` ([MS-DOC]'s
    /// Prm0 table); of those, only the table flags matter here.
    fn from_prm0(prm: u16) -> Option<Pap> {
        let on = Some((prm >> 8) != 0);
        match (prm >> 1) & 0x7F {
            0x18 => Some(Pap { in_table: on, ..Pap::default() }),
            0x19 => Some(Pap { ttp: on, ..Pap::default() }),
            _ => None,
        }
    }

    /// The properties a grpprl sets; `data` is the Data stream, for a
    /// `sprmPHugePapx` (empty when it is not read).
    fn from_grpprl(grpprl: &[u8], data: &[u8]) -> Pap {
        let mut pap = Pap::default();
        pap.apply(grpprl, data);
        pap
    }

    /// Applies a grpprl; true when it holds a `sprmPHugePapx`, whose
    /// properties are in `data` (so a caller that passed none reads again).
    fn apply(&mut self, grpprl: &[u8], data: &[u8]) -> bool {
        let mut huge_papx = false;
        let flag = |operand: &[u8]| Some(operand.first().is_some_and(|&v| v != 0));
        for (sprm, operand) in Sprms(grpprl) {
            match sprm {
                SPRM_P_F_IN_TABLE => self.in_table = flag(operand),
                SPRM_P_F_TTP => self.ttp = flag(operand),
                SPRM_P_HUGE_PAPX => {
                    huge_papx = true;
                    let huge = u32_at(operand, 0).map(|at| at as usize).and_then(|at| {
                        let cb = u16_at(data, at)? as usize;
                        data.get(at + 2..)?.get(..cb)
                    });
                    if let Some(huge) = huge {
                        self.apply(huge, &[]);
                    }
                }
                SPRM_P_ITAP => self.itap = u32_at(operand, 0).map(|v| v as i32),
                SPRM_P_DTAP => {
                    if let Some(d) = u32_at(operand, 0) {
                        self.itap = Some(self.itap.unwrap_or(0).saturating_add(d as i32));
                    }
                }
                SPRM_P_F_INNER_TABLE_CELL => self.inner_cell = flag(operand),
                SPRM_P_F_INNER_TTP => self.inner_ttp = flag(operand),
                SPRM_T_DEF_TABLE => {
                    if let Some(row) = RowProps::from_tdef_table(operand) {
                        self.row = Some(row);
                    }
                }
                SPRM_T_VERT_MERGE => {
                    if let (Some(&itc), Some(&merge), Some(row)) = (operand.get(1), operand.get(2), &mut self.row) {
                        if let Some(cell) = row.cells.get_mut(itc as usize) {
                            cell.vert_cont = merge == 1;
                            cell.vert_first = merge == 3;
                        }
                    }
                }
                _ => {}
            }
        }
        huge_papx
    }
}

const SPRM_P_F_IN_TABLE: u16 = 0x2416;
const SPRM_P_F_TTP: u16 = 0x2417;
const SPRM_P_HUGE_PAPX: u16 = 0x6646;
const SPRM_P_ITAP: u16 = 0x6649;
const SPRM_P_DTAP: u16 = 0x664A;
const SPRM_P_F_INNER_TABLE_CELL: u16 = 0x244B;
const SPRM_P_F_INNER_TTP: u16 = 0x244C;
const SPRM_T_DEF_TABLE: u16 = 0xD608;
const SPRM_T_VERT_MERGE: u16 = 0xD62B;

/// The (sprm, operand) pairs of a grpprl. The operand's size is in the
/// sprm's `spra` bits; variable ones start with their size
/// (`sprmTDefTable` with a 16-bit one that counts itself less one).
struct Sprms<'a>(&'a [u8]);

impl<'a> Iterator for Sprms<'a> {
    type Item = (u16, &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let sprm = u16_at(self.0, 0)?;
        let rest = &self.0[2..];
        let len = match sprm >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            _ if sprm == SPRM_T_DEF_TABLE => u16_at(rest, 0)? as usize + 1,
            _ => *rest.first()? as usize + 1,
        };
        let operand = rest.get(..len)?;
        self.0 = &rest[len..];
        Some((sprm, operand))
    }
}

/// A table row's cells, from its end mark's `sprmTDefTable`.
#[derive(Debug, Clone, Default)]
struct RowProps {
    /// Cell edges in twips (`rgdxaCenter`): one more than the cells.
    edges: Vec<i16>,
    cells: Vec<CellMerge>,
}

/// A cell's merge flags (TC80's `horzMerge` and `vertMerge`).
#[derive(Debug, Clone, Copy, Default)]
struct CellMerge {
    horz_first: bool,
    horz_cont: bool,
    vert_first: bool,
    vert_cont: bool,
}

impl RowProps {
    /// A `TDefTableOperand`: its size, the number of cells (at most 63),
    /// their edges, then up to one 20-byte TC80 a cell.
    fn from_tdef_table(operand: &[u8]) -> Option<RowProps> {
        const TC80: usize = 20;
        let cells = *operand.get(2)? as usize;
        if cells > 63 {
            return None;
        }
        let edges = (0..=cells).map(|i| u16_at(operand, 3 + i * 2).map(|e| e as i16)).collect::<Option<Vec<_>>>()?;
        let tc_base = 3 + (cells + 1) * 2;
        let merges = (0..cells)
            .map(|i| {
                // Fewer TC80s than cells: the rest merge nothing.
                let tcgrf = u16_at(operand, tc_base + i * TC80).unwrap_or(0);
                let (horz, vert) = (tcgrf & 0x3, (tcgrf >> 5) & 0x3);
                CellMerge { horz_first: horz >= 2, horz_cont: horz == 1, vert_first: vert == 3, vert_cont: vert == 1 }
            })
            .collect();
        Some(RowProps { edges, cells: merges })
    }
}

/// The PAPX runs of the document: which paragraph properties hold for
/// which FCs, sorted by FC.
struct PapRuns(Vec<(u32, u32, Pap)>);

impl PapRuns {
    /// The 512-byte PAPX pages (FKPs) the `PlcBtePapx` lists. `data` reads
    /// the Data stream, which only a `sprmPHugePapx` needs (it can hold
    /// megabytes of pictures).
    fn read(
        word: &[u8],
        table: &[u8],
        fib: &Fib,
        data: impl FnOnce() -> Result<Vec<u8>, ExtractError>,
    ) -> Result<PapRuns, ExtractError> {
        let mut runs = Vec::new();
        let mut huge: Vec<(usize, &[u8])> = Vec::new();
        for (page_at, page) in papx_pages(word, table, fib)? {
            read_page(page, &mut runs, &mut huge)
                .map_err(|what| ExtractError::corrupt(word_byte(page_at), format!("a PAPX page (FKP) {what}")))?;
        }
        if !huge.is_empty() {
            let data = data()?;
            for (index, grpprl) in huge {
                runs[index].2 = Pap::from_grpprl(grpprl, &data);
            }
        }
        runs.sort_by_key(|run| run.0);
        Ok(PapRuns(runs))
    }

    /// The properties of the paragraph whose mark is at `fc`.
    fn at(&self, fc: u32) -> Option<&Pap> {
        let i = self.0.partition_point(|run| run.0 <= fc);
        let run = self.0.get(i.checked_sub(1)?)?;
        (fc < run.1).then_some(&run.2)
    }
}

/// A place in the WordDocument stream.
fn word_byte(offset: usize) -> Place {
    Place::Byte { entry: "WordDocument".into(), offset: offset as u64 }
}

/// The PAPX pages (FKPs) the `PlcBtePapx` lists, with their offsets in the
/// WordDocument stream. A list outside the table stream, or a page past
/// the WordDocument's end, is damage: without the pages every paragraph
/// loses its properties and a table becomes shifted fragments.
fn papx_pages<'a>(word: &'a [u8], table: &[u8], fib: &Fib) -> Result<Vec<(usize, &'a [u8])>, ExtractError> {
    let (fc, lcb) = fib.bte_papx;
    if lcb == 0 {
        return Ok(Vec::new());
    }
    let at = Place::Byte { entry: "Table".into(), offset: fc as u64 };
    let plc = table.get(fc..).and_then(|r| r.get(..lcb)).filter(|plc| plc.len() >= 8).ok_or_else(|| {
        ExtractError::corrupt(at.clone(), "the PAPX page list (PlcBtePapx) lies outside the table stream")
    })?;
    let n = (plc.len() - 4) / 8;
    let mut pages = Vec::with_capacity(n);
    for i in 0..n {
        let pn = u32_at(plc, (n + 1) * 4 + i * 4).unwrap_or(0);
        let page_at = (pn & 0x3F_FFFF) as usize * 512;
        let page = word.get(page_at..).and_then(|r| r.get(..512)).ok_or_else(|| {
            let what = format!("PAPX page {i} of the PlcBtePapx (page number {pn}) lies past the WordDocument stream");
            ExtractError::corrupt(at.clone(), what)
        })?;
        pages.push((page_at, page));
    }
    Ok(pages)
}

/// Runs one PAPX page may hold: `crun` FCs of 4 bytes and as many 13-byte
/// `BxPap`s before its last byte ([MS-DOC] 2.9.175: 0x1D).
const MAX_PAPX_RUNS: usize = 0x1D;

/// One FKP: `crun` FCs ending at byte 511, then a 13-byte `BxPap` a run
/// whose first byte is the word offset of its `PapxInFkp`. Runs with a
/// `sprmPHugePapx` are listed in `huge`, to be decoded again with the Data
/// stream. A `crun` that cannot fit is an error (what is wrong).
fn read_page<'a>(
    page: &'a [u8],
    runs: &mut Vec<(u32, u32, Pap)>,
    huge: &mut Vec<(usize, &'a [u8])>,
) -> Result<(), String> {
    let count = page[511] as usize;
    if count > MAX_PAPX_RUNS {
        return Err(format!("claims crun={count} runs, more than the {MAX_PAPX_RUNS} a page holds"));
    }
    for k in 0..count {
        let (Some(start), Some(end)) = (u32_at(page, k * 4), u32_at(page, (k + 1) * 4)) else { continue };
        let Some(&b_offset) = page.get((count + 1) * 4 + k * 13) else { continue };
        let mut pap = Pap::default();
        if b_offset != 0 {
            let at = b_offset as usize * 2;
            let grpprl = page.get(at).and_then(|&cb| {
                let (from, len) = if cb == 0 {
                    (at + 2, *page.get(at + 1)? as usize * 2)
                } else {
                    (at + 1, (cb as usize * 2).saturating_sub(1))
                };
                page.get(from..)?.get(..len)
            });
            // The first two bytes are the paragraph's style (istd).
            if let Some(sprms) = grpprl.and_then(|g| g.get(2..)) {
                if pap.apply(sprms, &[]) {
                    huge.push((runs.len(), sprms));
                }
            }
        }
        runs.push((start, end, pap));
    }
    Ok(())
}

/// One table row being read: its cells' texts and, once its end mark is
/// read, its properties.
struct Row {
    cells: Vec<CellText>,
    props: Option<RowProps>,
}

/// A cell's paragraphs, joined by line breaks; blank paragraphs are left
/// out (as anydoc leaves them out).
#[derive(Default)]
struct CellText {
    text: String,
    paragraphs: usize,
}

impl CellText {
    fn push(&mut self, paragraph: &str) {
        if self.paragraphs > 0 {
            self.text.push('\n');
        }
        self.text.push_str(paragraph);
        self.paragraphs += 1;
    }

    /// The paragraphs of a cell merged into this one, after its own.
    fn append(&mut self, other: CellText) {
        if other.paragraphs == 0 {
            return;
        }
        if self.paragraphs > 0 {
            self.text.push('\n');
        }
        self.text.push_str(&other.text);
        self.paragraphs += other.paragraphs;
    }
}

/// Walks the main text, paragraph by paragraph, into blocks.
struct Reader<'a> {
    paps: &'a PapRuns,
    limits: &'a Limits,
    doc: Document,
    /// The paragraph being read.
    paragraph: String,
    /// The fields open in this paragraph: whether each has reached its
    /// result (its instruction is not text).
    fields: Vec<bool>,
    /// How many of them are still in their instruction.
    in_instruction: usize,
    /// Characters the text's encoding could not decode (replaced by U+FFFD).
    replaced: usize,
    /// The code page of the 8-bit pieces, for the message about them.
    encoding: &'static encoding_rs::Encoding,
    cell: CellText,
    row: Vec<CellText>,
    rows: Vec<Row>,
    /// The most cells a row of the table being read has had.
    widest: usize,
}

impl<'a> Reader<'a> {
    fn new(paps: &'a PapRuns, limits: &'a Limits) -> Self {
        Reader {
            paps,
            limits,
            doc: Document { format: "doc".into(), ..Default::default() },
            paragraph: String::new(),
            fields: Vec::new(),
            in_instruction: 0,
            replaced: 0,
            encoding: encoding_rs::UTF_16LE,
            cell: CellText::default(),
            row: Vec::new(),
            rows: Vec::new(),
            widest: 0,
        }
    }

    /// Reads CPs `0..ccpText`, piece by piece.
    fn read_text(&mut self, word: &[u8], fib: &Fib, pieces: &Pieces) -> Result<(), ExtractError> {
        let mut cp = 0usize;
        for piece in &pieces.0 {
            if cp >= fib.ccp_text {
                break;
            }
            let len = piece.len.min(fib.ccp_text - cp);
            let bytes = if piece.compressed { Some(len) } else { len.checked_mul(2) }
                .and_then(|n| word.get(piece.fc..)?.get(..n))
                .ok_or_else(|| {
                    let what =
                        format!("a piece of the piece table ({len} characters) lies past the WordDocument stream");
                    ExtractError::corrupt(word_byte(piece.fc), what)
                })?;
            if piece.compressed {
                self.read_8bit(bytes, piece, fib.encoding)?;
                cp += len;
            } else {
                cp += self.read_utf16(bytes, piece)?;
            }
        }
        Ok(())
    }

    /// An 8-bit piece: one byte a CP, double-byte code pages included.
    /// Control characters are below 0x20, where no trail byte of GBK, Big5,
    /// Shift_JIS or EUC-KR lies, so the text between two of them decodes
    /// as a whole.
    fn read_8bit(
        &mut self,
        bytes: &[u8],
        piece: &Piece,
        encoding: &'static encoding_rs::Encoding,
    ) -> Result<(), ExtractError> {
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] < 0x20 {
                self.control(bytes[i], (piece.fc + i) as u32, piece)?;
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i] >= 0x20 {
                i += 1;
            }
            if self.in_instruction == 0 {
                let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[start..i]);
                if had_errors {
                    self.replaced += text.chars().filter(|&c| c == '\u{FFFD}').count();
                    self.encoding = encoding;
                }
                self.paragraph.extend(text.chars().filter(|c| !c.is_control()));
            }
        }
        Ok(())
    }

    /// A UTF-16 piece; returns the CPs it held (UTF-16 units).
    fn read_utf16(&mut self, bytes: &[u8], piece: &Piece) -> Result<usize, ExtractError> {
        let units = bytes.len() / 2;
        let unit = |i: usize| u16::from_le_bytes([bytes[2 * i], bytes[2 * i + 1]]);
        let mut i = 0;
        while i < units {
            let u = unit(i);
            if u < 0x20 {
                self.control(u as u8, (piece.fc + 2 * i) as u32, piece)?;
                i += 1;
                continue;
            }
            let start = i;
            while i < units && unit(i) >= 0x20 {
                i += 1;
            }
            if self.in_instruction == 0 {
                for c in char::decode_utf16((start..i).map(unit)) {
                    match c {
                        Ok(c) if !c.is_control() => self.paragraph.push(c),
                        Ok(_) => {}
                        Err(_) => {
                            self.replaced += 1;
                            self.paragraph.push('\u{FFFD}');
                        }
                    }
                }
            }
        }
        Ok(units)
    }

    /// A character below 0x20: a mark that ends a paragraph, a cell or a
    /// row, a field's begin, separator or end, or one that reads as text.
    fn control(&mut self, c: u8, fc: u32, piece: &Piece) -> Result<(), ExtractError> {
        let shown = self.in_instruction == 0;
        match c {
            // Paragraph, cell (and row) marks; page and column breaks end
            // a paragraph too.
            0x0D | 0x07 | 0x0C | 0x0E => self.end_paragraph(c == 0x07, fc, piece)?,
            0x0B if shown => self.paragraph.push('\n'),
            0x09 if shown => self.paragraph.push(' '),
            // A non-breaking hyphen.
            0x1E if shown => self.paragraph.push('-'),
            0x13 => {
                self.fields.push(false);
                self.in_instruction += 1;
            }
            0x14 => {
                if let Some(in_result) = self.fields.last_mut().filter(|r| !**r) {
                    *in_result = true;
                    self.in_instruction -= 1;
                }
            }
            0x15 => {
                // Closing a field still in its instruction ends that instruction.
                let closed_instruction = self.fields.pop() == Some(false);
                self.in_instruction -= usize::from(closed_instruction);
            }
            // Pictures, note references, drawn objects, optional hyphens.
            _ => {}
        }
        Ok(())
    }

    /// The paragraph read so far ends at a mark at `fc`: it joins the cell,
    /// ends a cell or a row, or (outside a table) ends the table before it
    /// and becomes a paragraph block.
    fn end_paragraph(&mut self, cell_mark: bool, fc: u32, piece: &Piece) -> Result<(), ExtractError> {
        let default = Pap::default();
        let from_page = self.paps.at(fc).unwrap_or(&default);
        let pap = match &piece.pap {
            Some(over) => std::borrow::Cow::Owned(from_page.under(over)),
            None => std::borrow::Cow::Borrowed(from_page),
        };
        if pap.in_table.unwrap_or(false) || cell_mark {
            // A nested table's cells and rows are paragraphs of the outer cell.
            let ends_cell = cell_mark && !pap.nested();
            if ends_cell && pap.ttp.unwrap_or(false) {
                if !self.row.is_empty() {
                    self.rows.push(Row { cells: std::mem::take(&mut self.row), props: pap.row.clone() });
                    self.check_size()?;
                }
            } else {
                if !self.paragraph.trim().is_empty() {
                    self.cell.push(&self.paragraph);
                }
                if ends_cell {
                    self.row.push(std::mem::take(&mut self.cell));
                    self.check_size()?;
                }
            }
        } else {
            self.flush_table()?;
            self.push_paragraph();
        }
        self.paragraph.clear();
        self.fields.clear();
        self.in_instruction = 0;
        Ok(())
    }

    /// Refuses a table once its rows so far, as wide as its widest row, pass
    /// `--max-cells`: its grid can only be larger (spans add columns), and a
    /// file of a million one-cell rows should not be held whole first.
    fn check_size(&mut self) -> Result<(), ExtractError> {
        self.widest = self.widest.max(self.row.len()).max(self.rows.last().map_or(0, |r| r.cells.len()));
        let rows = self.rows.len() + usize::from(!self.row.is_empty());
        GridBuilder::fits(rows, self.widest, self.limits.max_cells)?;
        Ok(())
    }

    /// The rows read so far become a table block.
    fn flush_table(&mut self) -> Result<(), ExtractError> {
        if self.cell.paragraphs > 0 {
            self.row.push(std::mem::take(&mut self.cell));
        }
        if !self.row.is_empty() {
            self.rows.push(Row { cells: std::mem::take(&mut self.row), props: None });
        }
        if self.rows.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.rows);
        self.widest = 0;
        let block = self.doc.blocks.len();
        if let Some(table) = assemble(rows, block, self.limits)? {
            self.doc.blocks.push(Block::Table(table));
        }
        Ok(())
    }

    /// The text after the last mark is a paragraph of its own.
    fn finish(mut self) -> Result<Document, ExtractError> {
        self.flush_table()?;
        if self.replaced > 0 {
            let message = format!(
                "{} characters could not be decoded as {} and were replaced",
                self.replaced,
                self.encoding.name()
            );
            self.doc.diagnostics.push(Diagnostic::new(Code::UndecodableCharacters, message, None));
        }
        self.push_paragraph();
        Ok(self.doc)
    }

    /// The paragraph read so far, outside any table, becomes a block
    /// (trimmed; a blank one is left out).
    fn push_paragraph(&mut self) {
        self.doc.push_paragraph(&self.paragraph);
    }
}

/// A cell placed in the grid: its columns `left..right` and the rows it
/// spans downwards.
struct Placed {
    text: CellText,
    left: usize,
    right: usize,
    row_span: u32,
    vert_first: bool,
    /// Continues the vertical merge above it (found, so not shown).
    covered: bool,
}

/// Builds the grid of a table from its rows, by the cells' right edges
/// (the module's doc says how). `None` when nothing is left of it.
fn assemble(rows: Vec<Row>, block: usize, limits: &Limits) -> Result<Option<jixiao_model::Table>, ExtractError> {
    /// Edges closer than this (twips) are one: producers jitter.
    const TOLERANCE: i64 = 10;
    // Each cell's right edge, strictly increasing along its row; a cell
    // past its row's declared edges (or in a row without them) gets one.
    let mut edged: Vec<Vec<(CellText, CellMerge, i64)>> = Vec::with_capacity(rows.len());
    for row in rows {
        let props = row.props.unwrap_or_default();
        let mut last = i64::MIN;
        let cells = row
            .cells
            .into_iter()
            .enumerate()
            .map(|(k, text)| {
                let merge = props.cells.get(k).copied().unwrap_or_default();
                let mut right = props.edges.get(k + 1).map_or((k as i64 + 1) * 1000, |&e| i64::from(e));
                if right <= last {
                    right = last + 1;
                }
                last = right;
                (text, merge, right)
            })
            .collect();
        edged.push(cells);
    }
    let mut edges: Vec<i64> = edged.iter().flatten().map(|cell| cell.2).collect();
    edges.sort_unstable();
    let mut columns: Vec<i64> = Vec::new();
    for e in edges {
        if columns.last().is_none_or(|&c| e - c > TOLERANCE) {
            columns.push(e);
        }
    }
    let column_of = |x: i64| columns.partition_point(|&c| c < x - TOLERANCE);

    let mut grid: Vec<Vec<Placed>> = Vec::with_capacity(edged.len());
    for row in edged {
        let mut placed = Vec::with_capacity(row.len());
        let mut col = 0usize;
        let mut cells = row.into_iter().peekable();
        while let Some((mut text, merge, mut right)) = cells.next() {
            if merge.horz_first {
                while let Some((more, _, r)) = cells.next_if(|cell| cell.1.horz_cont) {
                    text.append(more);
                    right = r;
                }
            }
            let end = (column_of(right) + 1).max(col + 1);
            placed.push(Placed {
                text,
                left: col,
                right: end,
                row_span: 1,
                vert_first: merge.vert_first,
                covered: merge.vert_cont,
            });
            col = end;
        }
        grid.push(placed);
    }

    // Vertical merges: a continuation joins the chain above with exactly its
    // columns; one without such a chain stays a cell of its own.
    let mut active: std::collections::HashMap<(usize, usize), (usize, usize)> = Default::default();
    for r in 0..grid.len() {
        let mut next = std::collections::HashMap::new();
        for i in 0..grid[r].len() {
            let range = (grid[r][i].left, grid[r][i].right);
            if grid[r][i].covered {
                if let Some(&(origin_row, origin)) = active.get(&range) {
                    grid[origin_row][origin].row_span += 1;
                    next.insert(range, (origin_row, origin));
                    continue;
                }
                grid[r][i].covered = false;
            }
            if grid[r][i].vert_first {
                next.insert(range, (r, i));
            }
        }
        active = next;
    }

    // Trailing rows with nothing in them are layout, not table.
    while grid.last().is_some_and(|row| row.iter().all(|cell| cell.covered || cell.text.paragraphs == 0)) {
        grid.pop();
    }
    if grid.is_empty() {
        return Ok(None);
    }
    let width = grid.iter().filter_map(|row| row.last()).map(|cell| cell.right).max().unwrap_or(0);
    let mut builder = GridBuilder::new(block, grid.len(), width, limits.max_cells, |_, _| SourceRef::default())?;
    for (r, row) in grid.into_iter().enumerate() {
        for cell in row.into_iter().filter(|cell| !cell.covered) {
            let text = cell.text.text.trim_matches('\n').to_string();
            builder.place(r, cell.left, text, cell.row_span, (cell.right - cell.left) as u32);
        }
    }
    Ok(Some(builder.finish()))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(feature = "legacy-word")]
    use crate::word::{extract_with_anydoc, WordFormat};
    use std::path::PathBuf;

    /// Every legacy Word file of the repository's tests: the shared
    /// corpus's, and those made from the samples and from crafted .docx
    /// files (tables with merges both ways, fields, nested tables, lists).
    fn legacy_word_files() -> Vec<PathBuf> {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        let mut files: Vec<PathBuf> = [root.clone(), root.join("doc")]
            .iter()
            .filter_map(|dir| std::fs::read_dir(dir).ok())
            .flatten()
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "doc"))
            .collect();
        files.sort();
        files
    }

    fn cell(text: &str) -> CellText {
        let mut c = CellText::default();
        if !text.is_empty() {
            c.push(text);
        }
        c
    }

    fn merge(horz: u16, vert: u16) -> CellMerge {
        CellMerge { horz_first: horz == 2, horz_cont: horz == 1, vert_first: vert == 3, vert_cont: vert == 1 }
    }

    fn row(cells: &[(&str, CellMerge)], edges: &[i16]) -> Row {
        Row {
            cells: cells.iter().map(|(t, _)| cell(t)).collect(),
            props: Some(RowProps { edges: edges.to_vec(), cells: cells.iter().map(|(_, m)| *m).collect() }),
        }
    }

    fn spans(t: &jixiao_model::Table) -> Vec<Vec<(String, u32, u32)>> {
        t.rows.iter().map(|r| r.iter().map(|c| (c.text.clone(), c.row_span, c.col_span)).collect()).collect()
    }

    /// The merges Word 97 writes as flags (LibreOffice writes wider cells
    /// instead, so the fixtures cannot show them): a horizontal run joins
    /// its texts, a vertical chain continues only under its own columns.
    #[test]
    fn merge_flags_become_spans() {
        let none = CellMerge::default();
        let rows = vec![
            row(
                &[("产出指标", merge(0, 3)), ("数量", merge(2, 0)), ("指标", merge(1, 0)), ("≥95%", none)],
                &[0, 1000, 2000, 3000, 4000],
            ),
            row(
                &[("", merge(0, 1)), ("质量指标", none), ("合格率", none), ("100%", none)],
                &[0, 1000, 2000, 3005, 4000],
            ),
            // A continuation under other columns is a cell of its own.
            row(&[("孤", merge(0, 1)), ("", none)], &[0, 2000, 4000]),
            row(&[("", none), ("", none)], &[0, 2000, 4000]),
        ];
        let table = assemble(rows, 7, &Limits::default()).expect("table").expect("not empty");
        let e = |t: &str, r, c| (t.to_string(), r, c);
        assert_eq!(
            spans(&table),
            vec![
                vec![e("产出指标", 2, 1), e("数量\n指标", 1, 2), e("", 0, 0), e("≥95%", 1, 1)],
                vec![e("", 0, 0), e("质量指标", 1, 1), e("合格率", 1, 1), e("100%", 1, 1)],
                vec![e("孤", 1, 2), e("", 0, 0), e("", 1, 2), e("", 0, 0)],
            ],
            "edges 3000 and 3005 are one column; the empty last row is dropped"
        );
        assert_eq!(table.rows[2][2].source.block, 7);
    }

    #[test]
    fn rows_without_row_properties_are_read_cell_by_cell() {
        let rows = vec![
            Row { cells: vec![cell("甲"), cell("乙")], props: None },
            Row { cells: vec![cell("丙")], props: None },
        ];
        let table = assemble(rows, 0, &Limits::default()).expect("table").expect("not empty");
        assert_eq!(table.texts(), vec![vec!["甲", "乙"], vec!["丙", ""]]);
    }

    /// Cell marks without a row end: one row that keeps growing is refused
    /// as it reads, not after the whole file is held.
    #[test]
    fn a_table_growing_past_the_cell_limit_is_refused_as_it_is_read() {
        let paps = PapRuns(Vec::new());
        let limits = Limits { max_cells: 1000, ..Limits::default() };
        let mut reader = Reader::new(&paps, &limits);
        let bytes = b"x\x07".repeat(5000);
        let piece = Piece { len: bytes.len(), fc: 0, compressed: true, pap: None };
        let err = reader.read_8bit(&bytes, &piece, encoding_rs::WINDOWS_1252).expect_err("over the limit");
        assert!(err.to_string().contains("--max-cells"), "{err}");
        assert!(reader.row.len() <= 1001, "stopped at the limit, not at the end: {}", reader.row.len());
    }

    #[test]
    fn a_table_over_the_cell_limit_is_refused_before_it_is_built() {
        let rows = (0..30).map(|_| Row { cells: (0..40).map(|_| cell("x")).collect(), props: None }).collect();
        let limits = Limits { max_cells: 1000, ..Limits::default() };
        let err = assemble(rows, 0, &limits).expect_err("over the limit");
        assert!(err.to_string().contains("--max-cells"), "{err}");
    }

    /// A row end's grpprl: `sprmPFInTable`, `sprmPFTtp`, `sprmTDefTable` with
    /// two cells (the second continuing a vertical merge in its TC80), then
    /// `sprmTVertMerge` restarting the first.
    #[test]
    fn row_properties_are_read_from_the_sprms() {
        let mut operand = vec![2u8];
        for edge in [0i16, 1500, 3000] {
            operand.extend_from_slice(&edge.to_le_bytes());
        }
        for tcgrf in [0u16, 1 << 5] {
            operand.extend_from_slice(&tcgrf.to_le_bytes());
            operand.extend_from_slice(&[0; 18]);
        }
        let mut grpprl = vec![0x16, 0x24, 1, 0x17, 0x24, 1, 0x08, 0xD6];
        grpprl.extend_from_slice(&(operand.len() as u16 + 1).to_le_bytes());
        grpprl.extend_from_slice(&operand);
        grpprl.extend_from_slice(&[0x2B, 0xD6, 2, 0, 3]);
        let pap = Pap::from_grpprl(&grpprl, &[]);
        assert_eq!((pap.in_table, pap.ttp, pap.nested()), (Some(true), Some(true), false));
        let row = pap.row.expect("row properties");
        assert_eq!(row.edges, vec![0, 1500, 3000]);
        assert!(row.cells[0].vert_first && row.cells[1].vert_cont);
        // A piece's Prm0 (isprm 0x18) sets fInTable alone, over the page's.
        let over = Pap::from_prm0((0x18 << 1) | (1 << 8)).expect("modelled");
        assert_eq!(Pap::default().under(&over).in_table, Some(true));
        assert!(Pap::from_prm0(0x05 << 1).is_none());
    }

    /// 8-bit pieces in GBK (a Chinese document's code page), with cell marks,
    /// a field whose instruction is dropped, a tab and a line break.
    #[test]
    fn eight_bit_text_is_decoded_in_the_document_code_page() {
        let paps = PapRuns(Vec::new());
        let limits = Limits::default();
        let mut reader = Reader::new(&paps, &limits);
        let (mut bytes, _, _) = encoding_rs::GBK.encode("标题\r产出指标\u{7}");
        bytes.to_mut().extend_from_slice(b"\x13 PAGE \x14");
        bytes.to_mut().extend_from_slice(&encoding_rs::GBK.encode("≥95%").0);
        bytes.to_mut().extend_from_slice(b"\x15\ta\x0bb\x07\r");
        let piece = Piece { len: bytes.len(), fc: 0, compressed: true, pap: None };
        reader.read_8bit(&bytes, &piece, encoding_rs::GBK).expect("read");
        // A lead byte without its trail byte: replaced, and said.
        reader.read_8bit(b"\xB1\r", &piece, encoding_rs::GBK).expect("read");
        let doc = reader.finish().expect("doc");
        assert!(matches!(&doc.blocks[0], Block::Paragraph(p) if p.text == "标题"), "{:?}", doc.blocks);
        assert_eq!(doc.diagnostics.len(), 1, "{:?}", doc.diagnostics);
        assert_eq!(doc.diagnostics[0].message, "1 characters could not be decoded as GBK and were replaced");
        let table = doc.tables().next().expect("table");
        assert_eq!(table.texts(), vec![vec!["产出指标", "≥95% a\nb"]]);
    }

    #[test]
    fn damaged_and_older_files_are_errors_or_handed_back() {
        let fixture = legacy_word_files().into_iter().next().expect("a fixture");
        let bytes = std::fs::read(fixture).expect("fixture");
        for cut in [0, 8, 512, 1024, bytes.len() / 2, bytes.len() - 1] {
            let _ = extract_doc(&bytes[..cut], &Limits::default());
        }
        // Flip bytes through the file: never a panic.
        for at in (0..bytes.len()).step_by(97) {
            let mut broken = bytes.clone();
            broken[at] ^= 0xFF;
            let _ = extract_doc(&broken, &Limits::default());
        }
        assert!(matches!(extract_doc(b"not a compound file", &Limits::default()), Err(ExtractError::Corrupt { .. })));
        // The same file as Word 95 would have it (nFib 0x65): handed back.
        let fib = (512..bytes.len()).step_by(512).find(|&at| bytes[at..].starts_with(&[0xEC, 0xA5])).expect("the FIB");
        let mut word95 = bytes.clone();
        word95[fib + 2..fib + 4].copy_from_slice(&0x65u16.to_le_bytes());
        assert!(matches!(extract_doc(&word95, &Limits::default()), Ok(None)));
        // Encrypted (fEncrypted): said so.
        let mut encrypted = bytes;
        encrypted[fib + 0x0B] |= 0x01;
        assert!(matches!(extract_doc(&encrypted, &Limits::default()), Err(ExtractError::Encrypted(_))));
    }

    /// `bytes` (a compound file) with its stream `name` edited in place.
    fn with_stream(bytes: &[u8], name: &str, edit: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
        use std::io::{Read as _, Seek as _, Write as _};
        let mut ole = cfb::CompoundFile::open(std::io::Cursor::new(bytes.to_vec())).expect("cfb");
        let mut data = Vec::new();
        ole.open_stream(name).expect("stream").read_to_end(&mut data).expect("read");
        let len = data.len();
        edit(&mut data);
        assert_eq!(data.len(), len, "edited in place");
        let mut stream = ole.open_stream(name).expect("stream");
        stream.rewind().expect("seek");
        stream.write_all(&data).expect("write");
        drop(stream);
        ole.into_inner().into_inner()
    }

    /// The fixture with tables, its FIB, and its table stream's name.
    fn damaged_fixture() -> (Vec<u8>, Fib, &'static str) {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/doc");
        let bytes = std::fs::read(root.join("merged-both-ways.doc")).expect("fixture");
        let mut ole = open_cfb(&bytes).expect("cfb");
        let fib = Fib::read(&read_stream(&mut ole, "WordDocument").expect("read").expect("word")).expect("fib");
        let table = if fib.table_1 { "1Table" } else { "0Table" };
        let doc = extract_doc(&bytes, &Limits::default()).expect("read").expect("word 97");
        assert!(doc.blocks.iter().any(|b| matches!(b, Block::Table(_))), "the fixture holds a table");
        (bytes, fib, table)
    }

    fn damaged_at(result: Result<Option<Document>, ExtractError>, entry: &str) -> String {
        match result {
            Err(e) if matches!(&e, ExtractError::Corrupt { at: Place::Byte { entry: at, .. }, .. } if at == entry) => {
                e.to_string()
            }
            other => panic!("expected damage in {entry}, got {:?}", other.map(|d| d.map(|d| d.diagnostics))),
        }
    }

    #[test]
    fn a_papx_page_claiming_255_runs_is_damage_not_shifted_rows() {
        let (bytes, fib, table) = damaged_fixture();
        let mut ole = open_cfb(&bytes).expect("cfb");
        let plc = read_stream(&mut ole, table).expect("read").expect("table");
        let (fc, lcb) = fib.bte_papx;
        let n = (lcb - 4) / 8;
        let pn = u32_at(&plc, fc + (n + 1) * 4).expect("pn") as usize;
        let broken = with_stream(&bytes, "WordDocument", |word| word[pn * 512 + 511] = 255);
        let message = damaged_at(extract_doc(&broken, &Limits::default()), "WordDocument");
        assert!(message.contains("crun=255") && message.contains(&format!("at byte {}", pn * 512)), "{message}");
    }

    #[test]
    fn a_papx_page_past_the_stream_is_damage() {
        let (bytes, fib, table) = damaged_fixture();
        let (fc, lcb) = fib.bte_papx;
        let n = (lcb - 4) / 8;
        let broken = with_stream(&bytes, table, |plc| {
            plc[fc + (n + 1) * 4..fc + (n + 1) * 4 + 4].copy_from_slice(&0x3F_FFFFu32.to_le_bytes());
        });
        let message = damaged_at(extract_doc(&broken, &Limits::default()), "Table");
        assert!(message.contains("past the WordDocument stream"), "{message}");
    }

    #[test]
    fn a_piece_past_the_stream_is_damage_not_partial() {
        let (bytes, fib, table) = damaged_fixture();
        let broken = with_stream(&bytes, table, |clx| {
            // Past the Prcs to the Pcdt; the first piece's fc.
            let (mut pos, _) = fib.clx;
            while clx[pos] == 1 {
                pos += 3 + u16_at(clx, pos + 1).expect("cb") as usize;
            }
            let lcb = u32_at(clx, pos + 1).expect("lcb") as usize;
            let n = (lcb - 4) / 12;
            let at = pos + 5 + (n + 1) * 4 + 2;
            clx[at..at + 4].copy_from_slice(&0x3FFF_0000u32.to_le_bytes());
        });
        let message = damaged_at(extract_doc(&broken, &Limits::default()), "WordDocument");
        assert!(message.contains("a piece of the piece table"), "{message}");
    }

    /// What the two readers must agree on: each table's cells (text and
    /// spans), and the lines of the paragraphs between them. anydoc joins a
    /// list's items into one block, this reader keeps one paragraph each
    /// (as the .docx reader does), so paragraphs are compared line by line.
    #[cfg(feature = "legacy-word")]
    #[derive(Debug, PartialEq)]
    enum Read {
        Line(String),
        Table(Vec<Vec<(String, u32, u32)>>),
    }

    #[cfg(feature = "legacy-word")]
    fn reading(doc: &Document) -> Vec<Read> {
        let mut out = Vec::new();
        for block in &doc.blocks {
            match block {
                Block::Paragraph(p) => out.extend(p.text.lines().map(|l| Read::Line(l.to_string()))),
                Block::Table(t) => out.push(Read::Table(
                    t.rows
                        .iter()
                        .map(|row| row.iter().map(|c| (c.text.clone(), c.row_span, c.col_span)).collect())
                        .collect(),
                )),
            }
        }
        out
    }

    #[test]
    #[cfg(feature = "legacy-word")]
    fn reads_every_file_as_anydoc_reads_it() {
        let files = legacy_word_files();
        assert!(files.len() >= 6, "the legacy Word fixtures are missing: {files:?}");
        let mut differ = Vec::new();
        for file in files {
            let bytes = std::fs::read(&file).expect("fixture");
            let native = extract_doc(&bytes, &Limits::default()).expect("native").expect("a Word 97 file");
            let anydoc = extract_with_anydoc(&bytes, WordFormat::Doc, &Limits::default()).expect("anydoc");
            let name = file.file_name().expect("a file name").to_string_lossy().to_string();
            assert_eq!(native.tables().count() == 0, name.contains("no-table"), "{name}: tables");
            if reading(&native) != reading(&anydoc) {
                differ.push(format!("{name}:\n native {:?}\n anydoc {:?}", reading(&native), reading(&anydoc)));
            }
        }
        assert!(differ.is_empty(), "{}", differ.join("\n"));
    }
}
