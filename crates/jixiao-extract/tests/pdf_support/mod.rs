//! PDFs written by the tests: objects in order with a right
#![allow(dead_code)] // each test binary uses a part of it
//! cross-reference table, and the deflate they compress with.

use std::io::Write;

/// A PDF of `objects` (number, body), `trailer` added to the trailer
/// dictionary; object 1 must be the catalog.
pub fn write_pdf(objects: &[(u32, Vec<u8>)], trailer: &str) -> Vec<u8> {
    let mut pdf = b"%PDF-1.5\n".to_vec();
    let mut offsets = Vec::new();
    for (number, body) in objects {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{number} 0 obj\n").as_bytes());
        pdf.extend_from_slice(body);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    let size = objects.len() + 1;
    pdf.extend_from_slice(
        format!("trailer\n<< /Size {size} /Root 1 0 R {trailer} >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    pdf
}

/// `data` deflated (zlib), as `/FlateDecode` reads it.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(data).expect("deflate");
    z.finish().expect("deflate")
}

/// A stream object's body: `dict` entries, then `data` deflated.
pub fn deflated_stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let data = deflate(data);
    [format!("<< {dict} /Length {} /Filter /FlateDecode >>\nstream\n", data.len()).as_bytes(), &data, b"\nendstream"]
        .concat()
}
