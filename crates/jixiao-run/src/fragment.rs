//! One fragment per input: what converting it produced, appended to a log
//! in `OUT_DIR/.jixiao/fragments/`.
//!
//! A fragment is a JSON head line (the input's identity, its report entry,
//! the byte lengths of what follows) and then that input's rows of
//! `indicators.csv` and of `projects.csv`, as CSV records without a header,
//! deflated together in one zlib stream (fast level, with its checksum):
//! the rows are a second copy of the tables, and compressed they take a
//! sixth of the room.
//! Fragments are what make a run bounded in memory (the aggregates are
//! concatenated from them in input order, never held whole), resumable and
//! incremental (a fragment whose head matches the input's content hash and
//! the run's fingerprint is reused as it is).
//!
//! Fragments are appended to logs, not written one file each: every
//! worker process appends to a log of its own (the supervisor to one for
//! the failures it reports itself) and says where each fragment went (a
//! [`Location`]). A run creates a file per worker instead of one per input:
//! creating files was the costliest system call of a run on ext4, and on a
//! shared drive each creation is a round trip to the server.
//!
//! At the end of a complete run the supervisor writes the [`Index`], once
//! the logs are durable: where every input's fragment is, and which logs it
//! covers. A run killed before that leaves logs the index does not name;
//! the next run reads them fragment by fragment ([`latest`]) and takes what
//! they hold as newer than the index. A fragment cut short by the kill ends
//! its log and is never taken for a result: its input is converted again.
//! Logs that no input refers to any more are deleted, and when the logs
//! hold more than twice what is live, the live fragments are copied into
//! one new log ([`Index::save`]).

use jixiao_emit::FileReport;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufRead, BufReader, IoSlice, Write};
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
    /// Bytes stored after the head when the rows are deflated (the two
    /// blocks in one stream); absent when they are stored as they are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub packed_len: Option<usize>,
}

impl Head {
    /// Bytes of the fragment after its head line.
    fn stored_len(&self) -> usize {
        self.packed_len.unwrap_or(self.indicators_len + self.projects_len)
    }
}

impl Head {
    /// The head of an input's fragment; [`LogWriter::append`] fills in the
    /// lengths.
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
            packed_len: None,
        }
    }
}

/// Where a fragment is: a log in the fragments folder, and its bytes there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// The log's file name.
    pub log: String,
    /// Where the fragment starts.
    pub offset: u64,
    /// Its length.
    pub len: u64,
}

/// The file name of the index.
const INDEX: &str = "index.json";

/// Appends fragments to a log of its own, created at the first fragment
/// (a worker that converts nothing leaves no file).
pub struct LogWriter {
    dir: PathBuf,
    tag: &'static str,
    log: Option<(File, String, u64)>,
}

impl LogWriter {
    /// A writer of logs in `dir`, their names ending in `tag`.
    pub fn new(dir: &Path, tag: &'static str) -> LogWriter {
        LogWriter { dir: dir.to_path_buf(), tag, log: None }
    }

    /// Appends one fragment (no fsync: the run syncs once at its end).
    pub fn append(&mut self, mut head: Head, indicators: &[u8], projects: &[u8]) -> std::io::Result<Location> {
        (head.indicators_len, head.projects_len) = (indicators.len(), projects.len());
        let packed = pack(indicators, projects)?;
        head.packed_len = Some(packed.len());
        let mut head = serde_json::to_vec(&head).map_err(std::io::Error::other)?;
        head.push(b'\n');
        let (file, name, end) = match &mut self.log {
            Some(log) => log,
            None => self.log.insert(new_log(&self.dir, self.tag)?),
        };
        let len = (head.len() + packed.len()) as u64;
        let location = Location { log: name.clone(), offset: *end, len };
        // One system call for the two parts, without copying the rows
        // behind the head first.
        match write_all_vectored(file, &mut [IoSlice::new(&head), IoSlice::new(&packed)]) {
            Ok(()) => {
                *end += len;
                Ok(location)
            }
            Err(e) => {
                // What follows a failed write is not a fragment: the next
                // one starts a new log.
                self.log = None;
                Err(e)
            }
        }
    }
}

/// The two row blocks deflated as one zlib stream (its Adler-32 checksum
/// tells a damaged fragment from a whole one), at the fast level: a worker
/// spends about a millisecond on a large input's rows, and CSV rows of
/// Chinese text shrink to about a sixth.
fn pack(indicators: &[u8], projects: &[u8]) -> std::io::Result<Vec<u8>> {
    let capacity = (indicators.len() + projects.len()) / 4 + 64;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::with_capacity(capacity), flate2::Compression::fast());
    encoder.write_all(indicators)?;
    encoder.write_all(projects)?;
    encoder.finish()
}

/// Inflates `packed` into `out`, which must then hold exactly `len` bytes
/// (a damaged fragment can neither inflate past what its head says nor
/// pass for whole when shorter).
fn unpack(packed: &[u8], len: usize, out: &mut Vec<u8>) -> std::io::Result<()> {
    use std::io::Read;
    out.clear();
    out.reserve(len);
    let mut decoder = flate2::read::ZlibDecoder::new(packed).take(len as u64 + 1);
    decoder.read_to_end(out)?;
    if out.len() != len {
        return Err(cut_short("its rows do not inflate to the length its head says"));
    }
    Ok(())
}

/// `Write::write_all` for several slices (`write_all_vectored` is not
/// stable): writes until every byte is out, resuming after short writes.
fn write_all_vectored(file: &mut File, mut bufs: &mut [IoSlice<'_>]) -> std::io::Result<()> {
    IoSlice::advance_slices(&mut bufs, 0);
    while !bufs.is_empty() {
        match file.write_vectored(bufs) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(n) => IoSlice::advance_slices(&mut bufs, n),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// A new, empty log: named by the time and the process, so that logs sort
/// oldest first and no two writers share one.
fn new_log(dir: &Path, tag: &str) -> std::io::Result<(File, String, u64)> {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let name = format!("{nanos:020}-{}-{tag}.log", std::process::id());
    let file = std::fs::OpenOptions::new().create_new(true).append(true).open(dir.join(&name))?;
    Ok((file, name, 0))
}

/// Reads fragments by their location, keeping the logs open.
pub struct Logs {
    dir: PathBuf,
    /// Each log opened, with the length it was last seen to have.
    open: HashMap<String, (File, u64)>,
    /// The last fragment read (its first `filled` bytes): one buffer for
    /// every read, so that reading the fragments back neither allocates
    /// nor zeroes per input.
    buf: Vec<u8>,
    filled: usize,
    /// The last fragment's rows, inflated (reused likewise).
    rows: Vec<u8>,
}

impl Logs {
    /// A reader of the logs in `dir`.
    pub fn new(dir: &Path) -> Logs {
        Logs { dir: dir.to_path_buf(), open: HashMap::new(), buf: Vec::new(), filled: 0, rows: Vec::new() }
    }

    /// `len` bytes of a log from the fragment's offset, in `self.buf`.
    fn fill(&mut self, location: &Location, len: u64) -> std::io::Result<()> {
        if location.log.contains(['/', '\\']) || location.log == ".." {
            return Err(std::io::Error::other("not a log of this folder"));
        }
        let (file, held) = match self.open.get_mut(&location.log) {
            Some(open) => open,
            None => {
                let file = File::open(self.dir.join(&location.log))?;
                self.open.entry(location.log.clone()).or_insert((file, 0))
            }
        };
        // The buffer keeps its capacity (no allocation, no fresh pages per
        // fragment), and grows only with what the log holds: a location
        // from a damaged index cannot make it allocate its length. Logs
        // only grow (the workers append to this run's), so the length is
        // asked for again only when a fragment ends past the last one seen.
        let end = location.offset.checked_add(len).ok_or_else(|| cut_short("the log ends inside it"))?;
        if end > *held {
            *held = file.metadata()?.len();
        }
        if end > *held {
            return Err(cut_short("the log ends inside it"));
        }
        // The buffer only grows (zeroed once, when it does).
        let len = len as usize;
        if self.buf.len() < len {
            self.buf.resize(len, 0);
        }
        self.filled = len;
        // One positioned read, not a seek and reads of growing sizes.
        read_exact_at(file, &mut self.buf[..len], location.offset).map_err(|e| {
            if e.kind() == std::io::ErrorKind::UnexpectedEof {
                cut_short("the log ends inside it")
            } else {
                e
            }
        })
    }

    /// Reads a whole fragment: its head and the two row blocks (valid
    /// until the next read).
    pub fn read(&mut self, location: &Location) -> std::io::Result<(Head, &[u8], &[u8])> {
        self.fill(location, location.len)?;
        let fragment = &self.buf[..self.filled];
        let (head, rows_start) = head_of(fragment, location)?;
        let rows = match head.packed_len {
            Some(_) => {
                unpack(&fragment[rows_start..], head.indicators_len + head.projects_len, &mut self.rows)?;
                &self.rows[..]
            }
            None => &fragment[rows_start..],
        };
        let (indicators, projects) = rows.split_at(head.indicators_len);
        Ok((head, indicators, projects))
    }

    /// Reads only a fragment's head (most of an incremental run's reads).
    pub fn read_head(&mut self, location: &Location) -> Option<Head> {
        // Heads are a few KB: read that much first, the whole fragment only
        // when its head is longer.
        self.fill(location, location.len.min(16 * 1024)).ok()?;
        if !self.buf[..self.filled].contains(&b'\n') {
            self.fill(location, location.len).ok()?;
        }
        head_of(&self.buf[..self.filled], location).ok().map(|(head, _)| head)
    }
}

/// Fills `buf` from `offset` of `file`.
fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
    }
    #[cfg(not(unix))]
    {
        use std::io::{Read, Seek, SeekFrom};
        let mut file = file;
        file.seek(SeekFrom::Start(offset))?;
        file.read_exact(buf)
    }
}

/// The head at the start of `bytes` (the fragment at `location`, or its
/// beginning) and where its rows start, when the head says the fragment is
/// exactly as long as the location does.
fn head_of(bytes: &[u8], location: &Location) -> std::io::Result<(Head, usize)> {
    let line_end = bytes.iter().position(|&b| b == b'\n').ok_or_else(|| cut_short("no head line"))?;
    let head: Head = serde_json::from_slice(&bytes[..line_end]).map_err(std::io::Error::other)?;
    let whole = line_end as u64 + 1 + head.stored_len() as u64;
    if whole != location.len {
        return Err(cut_short("its rows are not as long as its head says"));
    }
    Ok((head, line_end + 1))
}

fn cut_short(why: &str) -> std::io::Error {
    std::io::Error::other(format!("the fragment is cut short: {why}"))
}

/// Where every input's fragment was at the end of the last complete run.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Index {
    /// Each input's fragment, by the input's name in the outputs.
    pub fragments: Vec<(String, Location)>,
}

/// Every input's latest fragment: the index's, overlaid by the fragments
/// of logs newer than any it names (written by a run killed before its
/// end), oldest log first. Only complete fragments count. A log older than
/// the index's newest that it does not name holds nothing live: the run
/// that wrote the index was stopped before deleting it.
pub fn latest(dir: &Path) -> HashMap<String, Location> {
    let index: Index =
        std::fs::read(dir.join(INDEX)).ok().and_then(|bytes| serde_json::from_slice(&bytes).ok()).unwrap_or_default();
    // Log names sort by their creation time.
    let newest = index.fragments.iter().map(|(_, l)| l.log.as_str()).max().unwrap_or("");
    let newer: Vec<String> = logs_in(dir).into_iter().filter(|l| l.as_str() > newest).collect();
    let mut latest: HashMap<String, Location> = index.fragments.into_iter().collect();
    for log in newer {
        for (relative, location) in scan(dir, &log) {
            latest.insert(relative, location);
        }
    }
    latest
}

/// The logs in `dir`, oldest first.
fn logs_in(dir: &Path) -> Vec<String> {
    let mut logs: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|name| name.ends_with(".log"))
                .collect()
        })
        .unwrap_or_default();
    logs.sort();
    logs
}

/// The complete fragments of one log, in order, up to the first that is
/// cut short or unreadable.
fn scan(dir: &Path, log: &str) -> Vec<(String, Location)> {
    let Ok(file) = File::open(dir.join(log)) else { return Vec::new() };
    let Ok(size) = file.metadata().map(|m| m.len()) else { return Vec::new() };
    let mut reader = BufReader::new(file);
    let mut found = Vec::new();
    let mut offset = 0u64;
    let mut line = Vec::new();
    while offset < size {
        line.clear();
        let Ok(read) = reader.read_until(b'\n', &mut line) else { break };
        let Ok(head) = serde_json::from_slice::<Head>(&line) else { break };
        let len = read as u64 + head.stored_len() as u64;
        if offset + len > size {
            break;
        }
        let rows = i64::try_from(len - read as u64).unwrap_or(i64::MAX);
        if reader.seek_relative(rows).is_err() {
            break;
        }
        found.push((head.relative, Location { log: log.to_string(), offset, len }));
        offset += len;
    }
    found
}

impl Index {
    /// Saves the index of a complete run (its logs must be durable
    /// already), then deletes the logs it does not need: those no fragment
    /// is in, or all of them but a new one when they hold more than twice
    /// the live bytes (the live fragments are copied into it first).
    /// With [`Durability::Batched`](jixiao_emit::Durability) (a run with
    /// `--no-sync`) nothing is synced.
    pub fn save(
        fragments: Vec<(String, Location)>,
        dir: &Path,
        durability: jixiao_emit::Durability,
    ) -> std::io::Result<()> {
        let live: u64 = fragments.iter().map(|(_, l)| l.len).sum();
        let logs = logs_in(dir);
        let total: u64 = logs.iter().filter_map(|l| std::fs::metadata(dir.join(l)).ok()).map(|m| m.len()).sum();
        let fragments = if total > 2 * live + (1 << 20) { compact(fragments, dir, durability)? } else { fragments };
        let index = Index { fragments };
        let bytes = serde_json::to_vec(&index).map_err(std::io::Error::other)?;
        jixiao_emit::write_atomic_in(&dir.join(INDEX), &bytes, None, durability)?;
        let keep: HashSet<&str> = index.fragments.iter().map(|(_, l)| l.log.as_str()).collect();
        for log in logs.iter().filter(|l| !keep.contains(l.as_str())) {
            let _ = std::fs::remove_file(dir.join(log));
        }
        Ok(())
    }
}

/// The live fragments copied, in order, into one new log (made durable
/// unless the run does not sync).
fn compact(
    fragments: Vec<(String, Location)>,
    dir: &Path,
    durability: jixiao_emit::Durability,
) -> std::io::Result<Vec<(String, Location)>> {
    let (mut file, name, mut end) = new_log(dir, "compact")?;
    let mut logs = Logs::new(dir);
    let mut moved = Vec::with_capacity(fragments.len());
    for (relative, location) in fragments {
        logs.fill(&location, location.len)?;
        file.write_all(&logs.buf)?;
        moved.push((relative, Location { log: name.clone(), offset: end, len: location.len }));
        end += location.len;
    }
    if durability == jixiao_emit::Durability::Now {
        file.sync_all()?;
    }
    Ok(moved)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(relative: &str) -> Head {
        Head::new(relative, Some("00".into()), "f", "json/a/b.txt.json", FileReport::failed(relative, "x"))
    }

    #[test]
    fn round_trip_and_head_alone() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut writer = LogWriter::new(dir.path(), "w");
        let a = writer.append(head("a/b.txt"), b"1,2\n", b"3\n").expect("append");
        let b = writer.append(head("c.txt"), b"", b"").expect("append");
        assert_eq!((a.log == b.log, b.offset), (true, a.len), "one log, one fragment after the other");
        let mut logs = Logs::new(dir.path());
        let (back, ind, proj) = logs.read(&a).expect("read");
        assert_eq!((back.relative.as_str(), ind, proj), ("a/b.txt", &b"1,2\n"[..], &b"3\n"[..]));
        assert_eq!(logs.read_head(&b).expect("head").relative, "c.txt");
        let wrong = Location { len: a.len - 1, ..a.clone() };
        assert!(logs.read(&wrong).is_err() && logs.read_head(&wrong).is_none());
        // A damaged index's length is never allocated: the read ends with the log.
        let huge = Location { len: u64::MAX / 2, ..a.clone() };
        assert!(logs.read(&huge).is_err() && logs.read_head(&huge).is_none());
        let past_the_end = Location { offset: u64::MAX, len: 2, ..a.clone() };
        assert!(logs.read(&past_the_end).is_err());
        assert_eq!(logs.read(&a).expect("read again").1, b"1,2\n", "the buffer is reused, not stale");
        // A shorter fragment after a longer one sees only its own bytes.
        let (short, ind, proj) = logs.read(&b).expect("read");
        assert_eq!((short.relative.as_str(), ind, proj), ("c.txt", &b""[..], &b""[..]));
    }

    #[test]
    fn rows_are_stored_deflated_and_a_damaged_stream_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let rows = "来源文件,项目,产出指标,数量指标,培训人次,100人次\n".repeat(200);
        let a = LogWriter::new(dir.path(), "w").append(head("a.txt"), rows.as_bytes(), b"p\n").expect("append");
        assert!(a.len < rows.len() as u64 / 4, "{} bytes stored for {}", a.len, rows.len());
        let mut logs = Logs::new(dir.path());
        let (back, ind, proj) = logs.read(&a).expect("read");
        assert_eq!((back.packed_len.is_some(), ind, proj), (true, rows.as_bytes(), &b"p\n"[..]));
        // A flipped byte in the stream is an error, never other rows.
        let path = dir.path().join(&a.log);
        let mut bytes = std::fs::read(&path).expect("read");
        let last = bytes.len() - 3;
        bytes[last] ^= 0xff;
        std::fs::write(&path, &bytes).expect("write");
        assert!(Logs::new(dir.path()).read(&a).is_err());
    }

    #[test]
    fn a_fragment_stored_as_it_is_still_reads() {
        // Logs written before the rows were deflated hold them as they are.
        let dir = tempfile::tempdir().expect("tempdir");
        let mut h = head("old.txt");
        (h.indicators_len, h.projects_len) = (4, 2);
        let mut bytes = serde_json::to_vec(&h).expect("json");
        bytes.extend_from_slice(b"\n1,2\n3\n");
        std::fs::write(dir.path().join("00000000000000000001-1-w.log"), &bytes).expect("write");
        let found = latest(dir.path());
        let mut logs = Logs::new(dir.path());
        let (_, ind, proj) = logs.read(&found["old.txt"]).expect("read");
        assert_eq!((ind, proj), (&b"1,2\n"[..], &b"3\n"[..]));
    }

    #[test]
    fn a_log_read_while_it_grows_yields_each_fragment_once_written() {
        // The reader remembers a log's length: a fragment appended after a
        // read (a worker goes on while the assembly reads) is found all the
        // same, and one not yet written is still refused.
        let dir = tempfile::tempdir().expect("tempdir");
        let mut writer = LogWriter::new(dir.path(), "w");
        let mut logs = Logs::new(dir.path());
        let first = writer.append(head("a.txt"), b"1,2\n", b"3\n").expect("append");
        assert_eq!(logs.read(&first).expect("first").0.relative, "a.txt");
        let next = Location { offset: first.offset + first.len, ..first.clone() };
        assert!(logs.read(&next).is_err(), "nothing there yet");
        // A fragment of the same length, so that `next` is where it lands.
        let second = writer.append(head("b.txt"), b"4,5\n", b"6\n").expect("append");
        assert_eq!(second, next);
        let (back, ind, _) = logs.read(&second).expect("second, once written");
        assert_eq!((back.relative.as_str(), ind), ("b.txt", &b"4,5\n"[..]));
    }

    #[test]
    fn a_log_cut_anywhere_yields_only_whole_fragments() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut writer = LogWriter::new(dir.path(), "w");
        let first = writer.append(head("a.txt"), b"1,2\n", b"3\n").expect("append");
        let second = writer.append(head("b.txt"), b"4\n", b"").expect("append");
        let path = dir.path().join(&first.log);
        let whole = std::fs::read(&path).expect("read");
        for cut in 0..=whole.len() {
            std::fs::write(&path, &whole[..cut]).expect("write");
            let found = latest(dir.path());
            let expected = usize::from(cut as u64 >= first.len) + usize::from(cut == whole.len());
            assert_eq!(found.len(), expected, "cut at {cut}");
            if cut == whole.len() {
                assert_eq!(found["b.txt"], second);
            }
        }
    }

    #[test]
    fn the_index_wins_until_a_newer_log_and_dead_logs_go() {
        let dir = tempfile::tempdir().expect("tempdir");
        let old = LogWriter::new(dir.path(), "w").append(head("a.txt"), b"old\n", b"").expect("append");
        let gone = LogWriter::new(dir.path(), "w").append(head("gone.txt"), b"", b"").expect("append");
        Index::save(vec![("a.txt".into(), old.clone())], dir.path(), jixiao_emit::Durability::Now).expect("save");
        assert!(!dir.path().join(&gone.log).exists(), "a log no fragment is in is deleted");
        assert_eq!(latest(dir.path())["a.txt"], old);
        // A killed run's log, which the index does not name, is newer.
        let new = LogWriter::new(dir.path(), "w").append(head("a.txt"), b"new\n", b"").expect("append");
        assert_eq!(latest(dir.path())["a.txt"], new);
        let old_bytes = std::fs::read(dir.path().join(&old.log)).expect("read");
        Index::save(vec![("a.txt".into(), new.clone())], dir.path(), jixiao_emit::Durability::Now).expect("save");
        assert!(!dir.path().join(&old.log).exists());
        // A run stopped between saving its index and deleting the logs it
        // no longer needs leaves an older log behind: it is not newer.
        std::fs::write(dir.path().join(&old.log), old_bytes).expect("write");
        assert_eq!(latest(dir.path())["a.txt"], new, "the stale log does not override the index");
        std::fs::remove_file(dir.path().join(&old.log)).expect("remove");
        assert_eq!(Logs::new(dir.path()).read(&latest(dir.path())["a.txt"]).expect("read").1, b"new\n");
    }

    #[test]
    fn logs_mostly_dead_are_compacted() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut writer = LogWriter::new(dir.path(), "w");
        // Rows that do not compress, so that the dead fragment stays large.
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let big: Vec<u8> = (0..1 << 20)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed as u8
            })
            .collect();
        let dead = writer.append(head("dead.txt"), &big, &big).expect("append");
        let live = writer.append(head("live.txt"), b"1\n", b"").expect("append");
        Index::save(vec![("live.txt".into(), live.clone())], dir.path(), jixiao_emit::Durability::Now).expect("save");
        let now = latest(dir.path())["live.txt"].clone();
        assert_ne!(now.log, dead.log, "copied into a new log");
        assert!(!dir.path().join(&dead.log).exists());
        assert_eq!(Logs::new(dir.path()).read(&now).expect("read").1, b"1\n");
    }
}
