//! One fragment per input: what converting it produced, kept in
//! `OUT_DIR/.jixiao/fragments/`.
//!
//! A fragment is a JSON head line (the input's identity, its report entry,
//! the byte lengths of what follows) and then that input's rows of
//! `indicators.csv` and of `projects.csv`, as CSV records without a header.
//! Fragments are what make a run bounded in memory (the aggregates are
//! concatenated from them in input order, never held whole), resumable and
//! incremental (a fragment whose head matches the input's content hash and
//! the run's fingerprint is reused as it is). A fragment is written in
//! place, without a temporary file and a rename (one file system operation
//! per input saved on the hot path): a fragment cut short by a kill is
//! shorter than its head says, fails to [`read`], and its input is simply
//! converted again.

use jixiao_emit::FileReport;
use serde::{Deserialize, Serialize};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// The first line of a fragment.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Head {
    /// The input's name in the outputs.
    pub relative: String,
    /// BLAKE3 of the input's content, when it could be read.
    pub content_hash: Option<String>,
    /// The run's fingerprint (build and output-changing options).
    pub fingerprint: String,
    /// The input's JSON, relative to the output folder.
    pub json_out: String,
    /// The input's report entry.
    pub report: FileReport,
    /// Bytes of `indicators.csv` rows after the head.
    pub indicators_len: usize,
    /// Bytes of `projects.csv` rows after those.
    pub projects_len: usize,
}

/// Where an input's fragment lives: named by a hash of its relative path,
/// so the same input finds its fragment again night after night.
pub fn path_for(fragments_dir: &Path, relative: &str) -> PathBuf {
    let hash = blake3::hash(relative.as_bytes()).to_hex();
    fragments_dir.join(format!("{}.frag", &hash[..32]))
}

impl Head {
    /// The head of an input's fragment; [`write()`] fills in the lengths.
    pub fn new(
        relative: &str,
        content_hash: Option<String>,
        fingerprint: &str,
        json_out: &str,
        report: FileReport,
    ) -> Head {
        Head {
            relative: relative.to_string(),
            content_hash,
            fingerprint: fingerprint.to_string(),
            json_out: json_out.to_string(),
            report,
            indicators_len: 0,
            projects_len: 0,
        }
    }
}

/// Writes a fragment in place (no fsync: the run syncs once at its end),
/// its head recording the lengths of the two row blocks.
pub fn write(path: &Path, mut head: Head, indicators: &[u8], projects: &[u8]) -> std::io::Result<()> {
    (head.indicators_len, head.projects_len) = (indicators.len(), projects.len());
    let mut bytes = serde_json::to_vec(&head).map_err(std::io::Error::other)?;
    bytes.push(b'\n');
    bytes.extend_from_slice(indicators);
    bytes.extend_from_slice(projects);
    std::fs::write(path, bytes)
}

/// Reads only the head line, or nothing when the fragment is missing,
/// unreadable or cut short (then the input is converted again).
pub fn read_head(path: &Path) -> Option<Head> {
    let file = std::fs::File::open(path).ok()?;
    let size = file.metadata().ok()?.len();
    let mut line = String::new();
    BufReader::new(file).read_line(&mut line).ok()?;
    let head: Head = serde_json::from_str(&line).ok()?;
    let whole = line.len() as u64 + head.indicators_len as u64 + head.projects_len as u64;
    (whole == size).then_some(head)
}

/// Reads a whole fragment: its head and the two row blocks.
pub fn read(path: &Path) -> std::io::Result<(Head, Vec<u8>, Vec<u8>)> {
    let mut reader = BufReader::new(std::fs::File::open(path)?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let head: Head = serde_json::from_str(&line).map_err(std::io::Error::other)?;
    let mut indicators = vec![0; head.indicators_len];
    reader.read_exact(&mut indicators)?;
    let mut projects = vec![0; head.projects_len];
    reader.read_exact(&mut projects)?;
    if reader.read(&mut [0u8])? != 0 {
        return Err(std::io::Error::other("the fragment is longer than its head says"));
    }
    Ok((head, indicators, projects))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_head_alone() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = path_for(dir.path(), "a/b.txt");
        let head =
            Head::new("a/b.txt", Some("00".into()), "f", "json/a/b.txt.json", FileReport::failed("a/b.txt", "x"));
        write(&path, head, b"1,2\n", b"3\n").expect("write");
        let (back, ind, proj) = read(&path).expect("read");
        assert_eq!((back.relative.as_str(), ind.as_slice(), proj.as_slice()), ("a/b.txt", &b"1,2\n"[..], &b"3\n"[..]));
        assert_eq!(read_head(&path).expect("head").json_out, "json/a/b.txt.json");
        assert!(read_head(&dir.path().join("missing.frag")).is_none());
        // Cut short by a kill at any byte: never taken for a result.
        let whole = std::fs::read(&path).expect("read");
        for cut in 0..whole.len() {
            std::fs::write(&path, &whole[..cut]).expect("write");
            assert!(read_head(&path).is_none() && read(&path).is_err(), "cut at {cut}");
        }
    }
}
