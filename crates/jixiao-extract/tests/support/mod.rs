//! Builders of test inputs shared by the extractor's integration tests.

#![allow(dead_code)]

use std::io::{Read, Write};

/// A BIFF8 record.
pub fn record(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut out = typ.to_le_bytes().to_vec();
    out.extend((data.len() as u16).to_le_bytes());
    out.extend_from_slice(data);
    out
}

/// A BIFF8 (Excel 97) workbook of `rows`, strings stored as UTF-16.
pub fn biff8_xls(rows: &[&[&str]]) -> Vec<u8> {
    biff8_xls_with(rows, &[])
}

/// [`biff8_xls`] with `extra` records added to the sheet after its BOF.
pub fn biff8_xls_with(rows: &[&[&str]], extra: &[u8]) -> Vec<u8> {
    let utf16 = |text: &str| text.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>();
    let bof = |dt: u16| {
        let mut d = vec![0x00, 0x06];
        d.extend(dt.to_le_bytes());
        d.extend([0u8; 12]);
        record(0x0809, &d)
    };
    let mut sheet = bof(0x0010);
    sheet.extend_from_slice(extra);
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
            let mut d = Vec::new();
            for v in [r as u16, c as u16, 0, text.encode_utf16().count() as u16] {
                d.extend(v.to_le_bytes());
            }
            d.push(0x01); // the characters are UTF-16
            d.extend(utf16(text));
            sheet.extend(record(0x0204, &d));
        }
    }
    sheet.extend(record(0x000A, &[]));
    let globals = |pos: u32| {
        let mut g = bof(0x0005);
        g.extend(record(0x0042, &1200u16.to_le_bytes()));
        let mut bs = pos.to_le_bytes().to_vec();
        bs.extend([0, 0, 6, 0x01]);
        bs.extend(utf16("Sheet1"));
        g.extend(record(0x0085, &bs));
        g.extend(record(0x000A, &[]));
        g
    };
    let mut book = globals(globals(0).len() as u32);
    book.extend(sheet);
    let mut comp = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).expect("cfb");
    std::io::Write::write_all(&mut comp.create_stream("Workbook").expect("stream"), &book).expect("write");
    comp.flush().expect("flush");
    comp.into_inner().into_inner()
}

/// A ZIP of `entries`, deflated.
pub fn zip_of(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        w.start_file(name.as_str(), opts).expect("entry");
        w.write_all(data).expect("write");
    }
    w.finish().expect("zip").into_inner()
}

/// The entries of a ZIP.
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    (0..zip.len())
        .map(|i| {
            let mut e = zip.by_index(i).expect("entry");
            let mut data = Vec::new();
            e.read_to_end(&mut data).expect("read");
            (e.name().expect("a text name").into_owned(), data)
        })
        .collect()
}

/// A real .xlsx (rust_xlsxwriter) with `cells` as strings on one sheet,
/// its entries then changed by `edit(name, text)`.
pub fn xlsx_edited(cells: &[(u32, u16, &str)], edit: impl Fn(&str, String) -> String) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, c, text) in cells {
        sheet.write_string(*r, *c, *text).expect("write");
    }
    let bytes = book.save_to_buffer().expect("xlsx");
    let entries = unzip(&bytes)
        .into_iter()
        .map(|(name, data)| match String::from_utf8(data) {
            Ok(text) => {
                let edited = edit(&name, text);
                (name, edited.into_bytes())
            }
            Err(e) => (name, e.into_bytes()),
        })
        .collect::<Vec<_>>();
    zip_of(&entries)
}
