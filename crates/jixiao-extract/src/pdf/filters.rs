//! The filters of a PDF stream, decoded one stage after another as
//! readers, so that the prescan can count every stage's output without
//! holding any of it: a stream `/Filter [/ASCII85Decode /FlateDecode]` is
//! text on disk (no zlib header to see) and a deflate bomb once lopdf has
//! undone the ASCII85; `[/FlateDecode /LZWDecode]` multiplies again after
//! the layer the zlib header showed. Each stage is the one lopdf applies
//! when pdfplumber reads the stream.

use std::io::Read;

/// A filter stage the prescan decodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// `/FlateDecode` (`/Fl`).
    Flate,
    /// `/LZWDecode` (`/LZW`), with its `/EarlyChange` (1 unless 0).
    Lzw {
        /// Whether the code width grows one code early (the default).
        early_change: bool,
    },
    /// `/ASCII85Decode` (`/A85`).
    Ascii85,
    /// `/ASCIIHexDecode` (`/AHx`).
    AsciiHex,
    /// `/RunLengthDecode` (`/RL`).
    RunLength,
}

impl Stage {
    /// The stage a filter name stands for; `None` for a filter whose
    /// output the reader never decodes (images: DCT, JPX, JBIG2, CCITT).
    pub fn named(name: &[u8], early_change: bool) -> Option<Stage> {
        Some(match name {
            b"FlateDecode" | b"Fl" => Stage::Flate,
            b"LZWDecode" | b"LZW" => Stage::Lzw { early_change },
            b"ASCII85Decode" | b"A85" => Stage::Ascii85,
            b"ASCIIHexDecode" | b"AHx" => Stage::AsciiHex,
            b"RunLengthDecode" | b"RL" => Stage::RunLength,
            _ => return None,
        })
    }

    /// `inner` decoded by this stage.
    pub fn reader<'a>(self, inner: Box<dyn Read + 'a>) -> Box<dyn Read + 'a> {
        match self {
            Stage::Flate => Box::new(flate2::read::ZlibDecoder::new(inner)),
            Stage::Lzw { early_change } => Box::new(Lzw::new(inner, early_change)),
            Stage::Ascii85 => Box::new(Ascii85 { inner: Bytes(inner), out: Vec::new(), done: false }),
            Stage::AsciiHex => Box::new(AsciiHex { inner: Bytes(inner), done: false }),
            Stage::RunLength => Box::new(RunLength { inner: Bytes(inner), run: None, copy: 0, done: false }),
        }
    }
}

/// The stages a stream's dictionary declares, in decoding order, up to the
/// first the reader does not decode. `dict` is the text of the stream's
/// dictionary; a `/Filter` of names or an array of names is understood.
pub fn declared(dict: &[u8]) -> Vec<Stage> {
    let early_change = memchr::memmem::find(dict, b"/EarlyChange").is_none_or(|at| {
        let value = dict[at + b"/EarlyChange".len()..].iter().find(|b| !b.is_ascii_whitespace());
        value != Some(&b'0')
    });
    let Some(at) = memchr::memmem::find(dict, b"/Filter") else { return Vec::new() };
    let rest = &dict[at + b"/Filter".len()..];
    let rest = rest.trim_ascii_start();
    let list = match rest.strip_prefix(b"[") {
        Some(inner) => &inner[..memchr::memchr(b']', inner).unwrap_or(inner.len())],
        None => &rest[..rest.iter().skip(1).position(|b| b"/>[ \r\n\t".contains(b)).map_or(rest.len(), |p| p + 1)],
    };
    list.split(|b| *b == b'/' || b.is_ascii_whitespace())
        .filter(|name| !name.is_empty())
        .map_while(|name| Stage::named(name, early_change))
        .collect()
}

/// A boxed reader read a byte at a time (the stages below work on bytes;
/// the prescan feeds them from memory).
struct Bytes<'a>(Box<dyn Read + 'a>);

impl Bytes<'_> {
    fn next(&mut self) -> std::io::Result<Option<u8>> {
        let mut byte = [0u8; 1];
        loop {
            match self.0.read(&mut byte) {
                Ok(0) => return Ok(None),
                Ok(_) => return Ok(Some(byte[0])),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// The next byte that is not white space.
    fn next_solid(&mut self) -> std::io::Result<Option<u8>> {
        loop {
            match self.next()? {
                Some(b) if b.is_ascii_whitespace() || b == 0 => {}
                other => return Ok(other),
            }
        }
    }
}

fn damaged(what: &str) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_string())
}

/// `/ASCIIHexDecode`: pairs of hex digits up to `>`.
struct AsciiHex<'a> {
    inner: Bytes<'a>,
    done: bool,
}

impl Read for AsciiHex<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut n = 0;
        while n < buf.len() && !self.done {
            let digit = |b: Option<u8>| match b {
                None | Some(b'>') => Ok(None),
                Some(b) => (b as char).to_digit(16).map(|d| Some(d as u8)).ok_or_else(|| damaged("not a hex digit")),
            };
            let Some(high) = digit(self.inner.next_solid()?)? else {
                self.done = true;
                break;
            };
            let low = digit(self.inner.next_solid()?)?;
            self.done = low.is_none();
            buf[n] = high << 4 | low.unwrap_or(0);
            n += 1;
        }
        Ok(n)
    }
}

/// `/ASCII85Decode`: groups of five digits (`z` for four zeros) up to `~>`.
struct Ascii85<'a> {
    inner: Bytes<'a>,
    /// Decoded bytes not yet given out, in reverse order.
    out: Vec<u8>,
    done: bool,
}

impl Ascii85<'_> {
    /// Decodes the next group into `out`.
    fn group(&mut self) -> std::io::Result<()> {
        let mut digits = Vec::with_capacity(5);
        while digits.len() < 5 {
            match self.inner.next_solid()? {
                None | Some(b'~') => break,
                Some(b'z') if digits.is_empty() => {
                    self.out.extend([0; 4]);
                    return Ok(());
                }
                Some(b @ b'!'..=b'u') => digits.push(u32::from(b - b'!')),
                Some(_) => return Err(damaged("not an ASCII85 digit")),
            }
        }
        if digits.len() < 5 {
            self.done = true;
        }
        if digits.len() < 2 {
            return Ok(());
        }
        let kept = digits.len() - 1;
        digits.resize(5, 84);
        let value = digits.iter().fold(0u64, |v, d| v * 85 + u64::from(*d));
        let bytes = u32::try_from(value).map_err(|_| damaged("ASCII85 group too large"))?.to_be_bytes();
        self.out.extend(bytes[..kept].iter().rev());
        Ok(())
    }
}

impl Read for Ascii85<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut n = 0;
        while n < buf.len() {
            if let Some(b) = self.out.pop() {
                buf[n] = b;
                n += 1;
                continue;
            }
            if self.done {
                break;
            }
            self.group()?;
        }
        Ok(n)
    }
}

/// `/RunLengthDecode`: a length byte, then that many bytes plus one
/// (0–127), or one byte repeated 257 − length times (129–255); 128 ends.
struct RunLength<'a> {
    inner: Bytes<'a>,
    /// A byte still to repeat, and how many times.
    run: Option<(u8, usize)>,
    /// Bytes still to copy.
    copy: usize,
    done: bool,
}

impl Read for RunLength<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut n = 0;
        while n < buf.len() && !self.done {
            if let Some((byte, left)) = self.run {
                buf[n] = byte;
                n += 1;
                self.run = (left > 1).then_some((byte, left - 1));
            } else if self.copy > 0 {
                let Some(byte) = self.inner.next()? else { break };
                buf[n] = byte;
                n += 1;
                self.copy -= 1;
            } else {
                match self.inner.next()? {
                    None | Some(128) => self.done = true,
                    Some(length @ 0..=127) => self.copy = usize::from(length) + 1,
                    Some(length) => {
                        let Some(byte) = self.inner.next()? else { break };
                        self.run = Some((byte, 257 - usize::from(length)));
                    }
                }
            }
        }
        Ok(n)
    }
}

/// `/LZWDecode`, through weezl (lopdf's decoder), fed a chunk at a time.
struct Lzw<'a> {
    inner: Box<dyn Read + 'a>,
    decoder: weezl::decode::Decoder,
    input: Vec<u8>,
    start: usize,
    done: bool,
}

impl<'a> Lzw<'a> {
    fn new(inner: Box<dyn Read + 'a>, early_change: bool) -> Self {
        // As lopdf decodes: 8-bit symbols, most significant bit first.
        let decoder = if early_change {
            weezl::decode::Decoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8)
        } else {
            weezl::decode::Decoder::new(weezl::BitOrder::Msb, 8)
        };
        Lzw { inner, decoder, input: Vec::new(), start: 0, done: false }
    }
}

impl Read for Lzw<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while !self.done && !buf.is_empty() {
            if self.start == self.input.len() {
                self.input.resize(16 * 1024, 0);
                let got = self.inner.read(&mut self.input)?;
                self.input.truncate(got);
                self.start = 0;
            }
            let result = self.decoder.decode_bytes(&self.input[self.start..], buf);
            self.start += result.consumed_in;
            match result.status {
                Ok(weezl::LzwStatus::Done) => self.done = true,
                Ok(weezl::LzwStatus::NoProgress) if self.input.is_empty() => self.done = true,
                Ok(_) => {}
                Err(_) => return Err(damaged("damaged LZW data")),
            }
            if result.consumed_out > 0 {
                return Ok(result.consumed_out);
            }
        }
        Ok(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(stage: Stage, data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        stage.reader(Box::new(data)).read_to_end(&mut out).expect("decode");
        out
    }

    #[test]
    fn each_stage_decodes_as_the_pdf_standard_says() {
        assert_eq!(decoded(Stage::AsciiHex, b"4a 69\n78>"), b"Jix");
        assert_eq!(decoded(Stage::AsciiHex, b"4a6>"), b"J`");
        assert_eq!(decoded(Stage::Ascii85, b"9jqo^z~>"), b"Man \0\0\0\0");
        assert_eq!(decoded(Stage::Ascii85, b"9jqo^BlbD-~>"), b"Man is d");
        assert_eq!(decoded(Stage::RunLength, &[2, b'a', b'b', b'c', 254, b'x', 128]), b"abcxxx");
        let lzw = weezl::encode::Encoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8)
            .encode(b"abababababab")
            .expect("encode");
        assert_eq!(decoded(Stage::Lzw { early_change: true }, &lzw), b"abababababab");
    }

    #[test]
    fn the_declared_chain_is_read_from_the_dictionary() {
        let chain = declared(b"<< /Length 9 /Filter [/ASCII85Decode /Fl] >>");
        assert_eq!(chain, vec![Stage::Ascii85, Stage::Flate]);
        assert_eq!(declared(b"<< /Filter /AHx /Length 3 >>"), vec![Stage::AsciiHex]);
        let lzw = declared(b"<< /Filter /LZWDecode /DecodeParms << /EarlyChange 0 >> >>");
        assert_eq!(lzw, vec![Stage::Lzw { early_change: false }]);
        assert_eq!(declared(b"<< /Filter [/DCTDecode] >>"), Vec::new());
        assert_eq!(declared(b"<< /Length 3 >>"), Vec::new());
    }
}
