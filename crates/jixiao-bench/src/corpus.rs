//! A generated archive for `make bench`: thousands of files made from the
//! samples, varied the way real archives vary (format, text encoding, size,
//! number of projects, the numbers in the cells), so that nothing large is
//! committed and every run measures the same corpus.

use encoding_rs::GB18030;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// One sample, loaded once.
enum Seed {
    /// A text export, decoded.
    Text(String),
    /// A ZIP container (.docx, .xlsx): its entries.
    Zip(Vec<(String, Vec<u8>)>),
    /// Anything else (.xls, .doc): copied as it is.
    Raw(Vec<u8>),
}

/// Decodes a text export whatever its encoding (UTF-16 with a BOM, UTF-8,
/// else GB18030).
fn decode(bytes: &[u8]) -> String {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc.decode_without_bom_handling(&bytes[bom..]).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => GB18030.decode(bytes).0.into_owned(),
    }
}

fn load(path: &Path) -> std::io::Result<Seed> {
    let bytes = std::fs::read(path)?;
    if bytes.starts_with(b"PK") {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).map_err(std::io::Error::other)?;
        let mut entries = Vec::new();
        for i in 0..zip.len() {
            let mut e = zip.by_index(i).map_err(std::io::Error::other)?;
            let mut data = Vec::new();
            e.read_to_end(&mut data)?;
            entries.push((e.name().map_err(std::io::Error::other)?.into_owned(), data));
        }
        return Ok(Seed::Zip(entries));
    }
    if path.extension().is_some_and(|e| e == "txt") {
        return Ok(Seed::Text(decode(&bytes)));
    }
    Ok(Seed::Raw(bytes))
}

/// Changes some digits (every `stride`-th, shifted by `shift`): the same
/// layout with other numbers, so every generated file hashes differently.
fn vary_digits(text: &str, seed: usize) -> String {
    let (stride, shift) = (3 + seed % 5, 1 + (seed / 5) % 9);
    let mut n = 0usize;
    text.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => {
                n += 1;
                if n.is_multiple_of(stride) {
                    char::from_digit((d + shift as u32) % 10, 10).unwrap_or(c)
                } else {
                    c
                }
            }
            None => c,
        })
        .collect()
}

/// Digits varied only in XML text nodes (between `>` and `<`), never in
/// markup, so spans and cell references stay as they are.
fn vary_xml(xml: &[u8], seed: usize) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(xml) else { return xml.to_vec() };
    let mut out = String::with_capacity(text.len());
    for (i, part) in text.split('<').enumerate() {
        if i > 0 {
            out.push('<');
        }
        match part.split_once('>') {
            Some((tag, body)) => {
                out.push_str(tag);
                out.push('>');
                out.push_str(&vary_digits(body, seed));
            }
            None => out.push_str(part),
        }
    }
    out.into_bytes()
}

fn encode(text: &str, seed: usize) -> Vec<u8> {
    match seed % 4 {
        0 => text.as_bytes().to_vec(),
        1 => [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat(),
        2 => GB18030.encode(text).0.into_owned(),
        _ => {
            let mut out = vec![0xFF, 0xFE];
            out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            out
        }
    }
}

fn zip_of(entries: &[(String, Vec<u8>)], seed: usize) -> std::io::Result<Vec<u8>> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        w.start_file(name.as_str(), opts).map_err(std::io::Error::other)?;
        let data = if name.ends_with(".xml") { vary_xml(data, seed) } else { data.clone() };
        w.write_all(&data)?;
    }
    Ok(w.finish().map_err(std::io::Error::other)?.into_inner())
}

/// What was generated.
pub struct Generated {
    /// The archive's root folder.
    pub root: PathBuf,
    /// Files written.
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
}

/// Writes `count` files made from the files in `samples` under `root`
/// (emptied first), in 31 × 7 folders like provinces and counties.
pub fn generate(samples: &Path, root: &Path, count: usize) -> std::io::Result<Generated> {
    let mut seeds = Vec::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(samples)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    names.sort();
    for path in names.into_iter().filter(|p| p.is_file()) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        seeds.push((name, load(&path)?));
    }
    if seeds.is_empty() {
        return Err(std::io::Error::other(format!("no samples in {}", samples.display())));
    }
    if root.exists() {
        std::fs::remove_dir_all(root)?;
    }
    let mut bytes = 0u64;
    for i in 0..count {
        let (name, seed) = &seeds[i % seeds.len()];
        let round = i / seeds.len();
        let data = match seed {
            // 1–3 copies of the content: more projects per file.
            Seed::Text(text) => encode(&vary_digits(&text.repeat(1 + round % 3), round), round),
            Seed::Zip(entries) => zip_of(entries, round)?,
            Seed::Raw(data) => data.clone(),
        };
        let dir = root.join(format!("province-{:02}/county-{}", i % 31, i % 7));
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join(format!("{i:05}-{name}")), &data)?;
        bytes += data.len() as u64;
    }
    Ok(Generated { root: root.to_path_buf(), files: count, bytes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_change_and_markup_does_not() {
        assert_eq!(vary_digits("≥212家", 0), "≥213家");
        let xml = br#"<w:gridSpan w:val="2"/><w:t>123456</w:t>"#;
        let varied = String::from_utf8(vary_xml(xml, 0)).expect("utf8");
        assert!(varied.starts_with(r#"<w:gridSpan w:val="2"/>"#), "{varied}");
        assert_ne!(varied, String::from_utf8_lossy(xml));
    }

    #[test]
    fn encodings_decode_back() {
        for seed in 0..4 {
            assert_eq!(decode(&encode("项目名称\t甲", seed)), "项目名称\t甲", "seed {seed}");
        }
    }
}
