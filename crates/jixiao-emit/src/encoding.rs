//! The encodings the CSV outputs can be written in. UTF-8 with a BOM is
//! the default (spreadsheet programs then read the Chinese text right);
//! GBK is for tools that expect it, and a character GBK cannot hold is an
//! error naming the character, never silently replaced; GB18030 holds
//! every character and is the lossless choice for those tools.

use std::borrow::Cow;

/// The character encoding of the CSV outputs (`--csv-encoding`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CsvEncoding {
    /// UTF-8 with a byte-order mark.
    #[default]
    Utf8Bom,
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// GBK (code page 936): refuses characters it cannot hold.
    Gbk,
    /// GB18030: holds every Unicode character.
    Gb18030,
}

/// A character the chosen encoding cannot hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unmappable {
    /// The character.
    pub character: char,
    /// Its byte offset in the UTF-8 text.
    pub offset: usize,
}

impl std::str::FromStr for CsvEncoding {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "utf8-bom" | "utf-8-bom" => CsvEncoding::Utf8Bom,
            "utf8" | "utf-8" => CsvEncoding::Utf8,
            "gbk" | "cp936" => CsvEncoding::Gbk,
            "gb18030" => CsvEncoding::Gb18030,
            other => return Err(format!("{other:?} is not an encoding: utf8-bom, utf8, gbk or gb18030")),
        })
    }
}

impl CsvEncoding {
    /// The name, as the option takes it.
    pub fn as_str(self) -> &'static str {
        match self {
            CsvEncoding::Utf8Bom => "utf8-bom",
            CsvEncoding::Utf8 => "utf8",
            CsvEncoding::Gbk => "gbk",
            CsvEncoding::Gb18030 => "gb18030",
        }
    }

    /// What a file in this encoding starts with.
    pub fn preamble(self) -> &'static [u8] {
        match self {
            CsvEncoding::Utf8Bom => "\u{feff}".as_bytes(),
            _ => b"",
        }
    }

    /// `text` in this encoding; a character it cannot hold is an error.
    pub fn encode(self, text: &str) -> Result<Cow<'_, [u8]>, Unmappable> {
        let encoding = match self {
            CsvEncoding::Utf8Bom | CsvEncoding::Utf8 => return Ok(Cow::Borrowed(text.as_bytes())),
            CsvEncoding::Gbk => encoding_rs::GBK,
            CsvEncoding::Gb18030 => encoding_rs::GB18030,
        };
        let mut encoder = encoding.new_encoder();
        let mut out = Vec::with_capacity(text.len());
        let mut read = 0;
        loop {
            let need = encoder.max_buffer_length_from_utf8_without_replacement(text.len() - read).unwrap_or(text.len());
            out.reserve(need);
            let (result, n) = encoder.encode_from_utf8_to_vec_without_replacement(&text[read..], &mut out, true);
            read += n;
            match result {
                encoding_rs::EncoderResult::InputEmpty => return Ok(Cow::Owned(out)),
                encoding_rs::EncoderResult::OutputFull => continue,
                encoding_rs::EncoderResult::Unmappable(character) => {
                    return Err(Unmappable { character, offset: read - character.len_utf8() });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_refuses_what_it_cannot_hold_and_gb18030_holds_everything() {
        let text = "项目,≥95%\n";
        let gbk = CsvEncoding::Gbk.encode(text).expect("gbk holds these");
        assert_eq!(encoding_rs::GBK.decode(&gbk).0, text);
        let rare = "甲,𠀋乙\n"; // U+2000B, outside GBK
        let err = CsvEncoding::Gbk.encode(rare).expect_err("unmappable");
        assert_eq!((err.character, err.offset), ('𠀋', "甲,".len()));
        let gb = CsvEncoding::Gb18030.encode(rare).expect("gb18030 holds it");
        assert_eq!(encoding_rs::GB18030.decode(&gb).0, rare);
        assert_eq!(CsvEncoding::Utf8Bom.preamble(), "\u{feff}".as_bytes());
        assert_eq!("GBK".parse::<CsvEncoding>(), Ok(CsvEncoding::Gbk));
        assert!("latin1".parse::<CsvEncoding>().is_err());
    }
}
