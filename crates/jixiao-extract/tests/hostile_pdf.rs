//! Hostile input, round 3: PDF streams whose decoded size the prescan
//! could not see, so that pdfplumber inflated them whole. A chain of
//! filters (`/Filter [/FlateDecode /FlateDecode]`) was counted at its first
//! layer only; an encrypted PDF (RC4, empty user password: the way most
//! encrypted disclosures open) hid its streams behind the cipher. Each
//! fixture is generated here, a few KB to a few MB, and must fail as an
//! `--max-unzipped` limit. The test binary's allocator refuses past 512 MB,
//! which aborts it loudly: a bomb that is inflated is never silent.

mod pdf_support;

use jixiao_extract::{extract_bytes, ExtractError, Limit, Limits};
use md5::{Digest, Md5};
use std::io::Write;

#[global_allocator]
static ALLOCATOR: cap::Cap<std::alloc::System> = cap::Cap::new(std::alloc::System, usize::MAX);

/// The limit of these tests: far below what the bombs expand to.
const CAP: u64 = 64 << 20;

/// `bytes` of spaces (a valid, empty content stream), deflated `layers`
/// times, written as they are made (nothing of that size is held).
fn spaces_deflated(bytes: u64, layers: usize) -> Vec<u8> {
    let mut data = {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        let chunk = vec![b' '; 1 << 20];
        let mut left = bytes;
        while left > 0 {
            let n = left.min(chunk.len() as u64) as usize;
            z.write_all(&chunk[..n]).expect("deflate");
            left -= n as u64;
        }
        z.finish().expect("deflate")
    };
    for _ in 1..layers {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&data).expect("deflate");
        data = z.finish().expect("deflate");
    }
    data
}

/// A one-page PDF whose content stream (object 4) holds `content`, under
/// `filters`, with a right cross-reference table; `trailer` is added to
/// the trailer dictionary, `extra` objects after the content.
fn pdf_of(content: &[u8], filters: &str, trailer: &str, extra: &[(u32, Vec<u8>)]) -> Vec<u8> {
    let mut objects: Vec<(u32, Vec<u8>)> = vec![
        (1, b"<< /Type /Catalog /Pages 2 0 R >>".to_vec()),
        (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec()),
        (3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>".to_vec()),
        (
            4,
            [
                format!("<< /Length {} /Filter {filters} >>\nstream\n", content.len()).as_bytes(),
                content,
                b"\nendstream",
            ]
            .concat(),
        ),
    ];
    objects.extend(extra.iter().cloned());
    pdf_support::write_pdf(&objects, trailer)
}

/// RC4, the cipher of the PDF standard security handler's revision 2.
fn rc4(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut s: Vec<u8> = (0..=255).collect();
    let mut j = 0usize;
    for i in 0..256 {
        j = (j + s[i] as usize + key[i % key.len()] as usize) & 0xff;
        s.swap(i, j);
    }
    let (mut i, mut j) = (0usize, 0usize);
    data.iter()
        .map(|byte| {
            i = (i + 1) & 0xff;
            j = (j + s[i] as usize) & 0xff;
            s.swap(i, j);
            byte ^ s[(s[i] as usize + s[j] as usize) & 0xff]
        })
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// The password padding of the standard security handler.
const PAD: [u8; 32] = [
    0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08, 0x2E, 0x2E, 0x00,
    0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
];

/// A PDF encrypted with RC4 (40 bits, revision 2) whose user and owner
/// passwords are empty: it opens without a password, and its content
/// stream (`content`, deflated) is cipher text on disk.
fn rc4_encrypted(content: &[u8]) -> Vec<u8> {
    let file_id = b"jixiao-issue-38!";
    let permissions: i32 = -4;
    let owner = rc4(&Md5::digest(PAD)[..5], &PAD);
    let key_input = [&PAD[..], &owner, &(permissions as u32).to_le_bytes(), file_id].concat();
    let key = Md5::digest(&key_input)[..5].to_vec();
    let user = rc4(&key, &PAD);
    // Object 4, generation 0: the key of its stream.
    let object_key = Md5::digest([&key[..], &[4, 0, 0, 0, 0]].concat())[..10].to_vec();
    let encrypt = format!(
        "<< /Filter /Standard /V 1 /R 2 /Length 40 /O <{}> /U <{}> /P {permissions} >>",
        hex(&owner),
        hex(&user)
    );
    let trailer = format!("/Encrypt 5 0 R /ID [<{0}> <{0}>]", hex(file_id));
    pdf_of(&rc4(&object_key, content), "/FlateDecode", &trailer, &[(5, encrypt.into_bytes())])
}

fn limits() -> Limits {
    Limits { max_unzipped_bytes: CAP, ..Limits::default() }
}

/// True when `result` is the `--max-unzipped` limit.
fn is_unzipped_limit<T: std::fmt::Debug>(result: &Result<T, ExtractError>) -> bool {
    matches!(result, Err(ExtractError::LimitExceeded { limit: Limit::Unzipped, .. }))
}

/// Memory-capped tests run one at a time: the cap is the whole binary's,
/// and a limit set while another capped test holds its memory may fall
/// below what is allocated (`set_limit` refuses it).
fn guard_memory() -> std::sync::MutexGuard<'static, ()> {
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let turn = ONE_AT_A_TIME.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    // Past 512 MB above what the harness holds, allocation fails and the
    // test binary aborts.
    ALLOCATOR.set_limit(ALLOCATOR.allocated() + (512 << 20)).expect("limit");
    turn
}

#[test]
fn every_layer_of_a_filter_chain_counts_toward_max_unzipped() {
    let _turn = guard_memory();
    // 1 GiB of spaces deflated twice: a few KB on disk, a first layer of
    // about 1 MB (all the old prescan counted), then 1 GiB.
    let bomb = spaces_deflated(1 << 30, 2);
    assert!(bomb.len() < 64 << 10, "{} bytes", bomb.len());
    let pdf = pdf_of(&bomb, "[/FlateDecode /FlateDecode]", "", &[]);
    let result = extract_bytes(&pdf, Some("pdf"), &limits());
    assert!(is_unzipped_limit(&result), "{result:?}");
    let message = result.expect_err("limit").to_string();
    assert!(message.contains("--max-unzipped"), "{message}");

    // The same chain within the limit is read (it holds no text).
    let small = pdf_of(&spaces_deflated(1 << 20, 2), "[/FlateDecode /FlateDecode]", "", &[]);
    let result = extract_bytes(&small, Some("pdf"), &limits());
    assert!(matches!(result, Err(ExtractError::NoText(_))), "{result:?}");

    // A chain deeper than any writer makes is refused, not followed.
    let deep = pdf_of(&spaces_deflated(1 << 10, 9), "[/Fl /Fl /Fl /Fl /Fl /Fl /Fl /Fl /Fl]", "", &[]);
    let result = extract_bytes(&deep, Some("pdf"), &limits());
    assert!(is_unzipped_limit(&result), "{result:?}");
}

#[test]
fn an_encrypted_pdf_is_decrypted_to_count_its_streams() {
    let _turn = guard_memory();
    // 1 GiB of spaces deflated once (about 1 MB), then RC4-encrypted: the
    // prescan saw cipher text and counted it as 1 MB stored.
    let pdf = rc4_encrypted(&spaces_deflated(1 << 30, 1));
    let result = extract_bytes(&pdf, Some("pdf"), &limits());
    assert!(is_unzipped_limit(&result), "{result:?}");

    // A small one opens with the empty password and is read.
    let small = rc4_encrypted(&spaces_deflated(1 << 20, 1));
    let result = extract_bytes(&small, Some("pdf"), &limits());
    assert!(matches!(result, Err(ExtractError::NoText(_))), "{result:?}");
}

/// `data` in ASCII85, as `/ASCII85Decode` reads it.
fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for chunk in data.chunks(4) {
        let mut group = [0u8; 4];
        group[..chunk.len()].copy_from_slice(chunk);
        let mut value = u32::from_be_bytes(group);
        let mut digits = [0u8; 5];
        for d in digits.iter_mut().rev() {
            *d = b'!' + (value % 85) as u8;
            value /= 85;
        }
        out.extend_from_slice(&digits[..chunk.len() + 1]);
    }
    out.extend_from_slice(b"~>");
    out
}

/// `data` in runs of literal bytes, as `/RunLengthDecode` reads it.
fn run_length(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for chunk in data.chunks(128) {
        out.push((chunk.len() - 1) as u8);
        out.extend_from_slice(chunk);
    }
    out.push(128);
    out
}

fn lzw(data: &[u8]) -> Vec<u8> {
    weezl::encode::Encoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8).encode(data).expect("lzw")
}

#[test]
fn ascii_lzw_and_run_length_stages_before_flate_count_like_flate() {
    let _turn = guard_memory();
    // 1 GiB of spaces deflated (about 1 MB), then wrapped in a stage the
    // old prescan could not see through: no zlib header on disk, so it
    // counted the stored bytes, and lopdf inflated the bomb behind them.
    let deflated = spaces_deflated(1 << 30, 1);
    let hex: Vec<u8> = [hex(&deflated).into_bytes(), b">".to_vec()].concat();
    let cases: [(&str, Vec<u8>); 4] = [
        ("[/ASCII85Decode /FlateDecode]", ascii85(&deflated)),
        ("[/AHx /Fl]", hex),
        ("[/LZWDecode /FlateDecode]", lzw(&deflated)),
        ("[/RunLengthDecode /FlateDecode]", run_length(&deflated)),
    ];
    for (filters, data) in &cases {
        let result = extract_bytes(&pdf_of(data, filters, "", &[]), Some("pdf"), &limits());
        assert!(is_unzipped_limit(&result), "{filters}: {result:?}");
    }
    // And an LZW bomb behind a Flate stage: the zlib layer was counted,
    // what LZW made of it was not.
    let bomb = lzw(&vec![b' '; 256 << 20]);
    let result =
        extract_bytes(&pdf_of(&deflate_once(&bomb), "[/FlateDecode /LZWDecode]", "", &[]), Some("pdf"), &limits());
    assert!(is_unzipped_limit(&result), "{result:?}");
    // The same stages around a small stream are read.
    let small = spaces_deflated(1 << 20, 1);
    let result =
        extract_bytes(&pdf_of(&ascii85(&small), "[/ASCII85Decode /FlateDecode]", "", &[]), Some("pdf"), &limits());
    assert!(matches!(result, Err(ExtractError::NoText(_))), "{result:?}");
}

fn deflate_once(data: &[u8]) -> Vec<u8> {
    pdf_support::deflate(data)
}

#[test]
fn a_contents_array_naming_one_stream_a_thousand_times_counts_each_time() {
    let _turn = guard_memory();
    // One stream of 1 MiB of spaces (about 1 KB deflated), listed 1,000
    // times in the page's /Contents: the prescan counts it once, the
    // reader concatenated 1 GiB.
    let refs = vec!["4 0 R"; 1_000].join(" ");
    let objects = vec![
        (1, b"<< /Type /Catalog /Pages 2 0 R >>".to_vec()),
        (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec()),
        (3, format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents [{refs}] >>").into_bytes()),
        (4, pdf_support::deflated_stream("", &vec![b' '; 1 << 20])),
    ];
    let result = extract_bytes(&pdf_support::write_pdf(&objects, ""), Some("pdf"), &limits());
    assert!(is_unzipped_limit(&result), "{result:?}");
}
