//! The worker side: a long-lived child process (`jixiao worker`, hidden)
//! that converts one file per request and answers on its stdout.
//!
//! The protocol is JSON lines: one [`WorkerConfig`] first, then one [`Job`]
//! per file, each answered by one [`Reply`]. A worker writes the file's JSON
//! and its [fragment] itself, so the parallel part of a run
//! includes the writing. What a worker cannot survive (an allocation over
//! its memory ceiling, a stack overflow, a loop the supervisor kills) ends
//! only that worker; the supervisor reports the file and starts another.

use crate::fragment::{self, Location, LogWriter};
use jixiao_emit::{indicator_rows, project_rows, FileReport, Status};
use jixiao_extract::Limits;
use jixiao_model::record::DocumentRecord;
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

/// Sent once to a new worker.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WorkerConfig {
    /// The output folder.
    #[serde(with = "path_bytes")]
    pub out_dir: PathBuf,
    /// Where temporary files go (same file system as the outputs).
    #[serde(with = "path_bytes")]
    pub tmp_dir: PathBuf,
    /// The folder of the fragment logs.
    #[serde(with = "path_bytes")]
    pub fragments_dir: PathBuf,
    /// Extraction limits.
    pub limits: Limits,
    /// Neutralise CSV cells a spreadsheet would run as formulas.
    pub formula_guard: bool,
    /// Indent the per-input JSON.
    pub pretty_json: bool,
    /// CSV or JSON lines for the table rows of the fragments.
    pub format: crate::TableFormat,
    /// The worker's address-space ceiling in bytes (`--max-memory-per-file`).
    pub max_memory: u64,
    /// The run's fingerprint, written into each fragment.
    pub fingerprint: String,
}

/// One file to convert.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Job {
    /// Where to read it: sent as its bytes, since a name need not be
    /// UTF-8 (a JSON string could not carry a GBK name, and the job was
    /// never sent).
    #[serde(with = "path_bytes")]
    pub path: PathBuf,
    /// Its name in the outputs.
    pub relative: String,
    /// Its JSON, relative to the output folder.
    pub json_out: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// BLAKE3 of its content, when the supervisor has read it (an
    /// incremental run hashes every input to decide what to reuse); else
    /// the worker hashes the bytes it reads, so that a full run reads
    /// each input once.
    pub content_hash: Option<String>,
}

/// A path in the job's JSON as the bytes the system names it by (UTF-16
/// units on Windows), never a lossy string.
mod path_bytes {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::path::{Path, PathBuf};

    #[cfg(unix)]
    pub fn serialize<S: Serializer>(path: &Path, s: S) -> Result<S::Ok, S::Error> {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().serialize(s)
    }

    #[cfg(unix)]
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<PathBuf, D::Error> {
        use std::os::unix::ffi::OsStringExt;
        Ok(PathBuf::from(std::ffi::OsString::from_vec(Vec::<u8>::deserialize(d)?)))
    }

    #[cfg(not(unix))]
    pub fn serialize<S: Serializer>(path: &Path, s: S) -> Result<S::Ok, S::Error> {
        use std::os::windows::ffi::OsStrExt;
        path.as_os_str().encode_wide().collect::<Vec<u16>>().serialize(s)
    }

    #[cfg(not(unix))]
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<PathBuf, D::Error> {
        use std::os::windows::ffi::OsStringExt;
        Ok(PathBuf::from(std::ffi::OsString::from_wide(&Vec::<u16>::deserialize(d)?)))
    }
}

/// The answer to a [`Job`]; the fragment is already written. The file's
/// report entry is in the fragment's head, which the supervisor reads for
/// the aggregates: the reply carries only what the run needs before that
/// (a reply with the whole entry had it serialised and parsed twice).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Reply {
    /// The file failed.
    pub failed: bool,
    /// Where its fragment went (none when it could not be written).
    pub fragment: Option<Location>,
}

/// Runs a worker until its input closes: reads the config, sets the memory
/// ceiling, then answers job after job.
pub fn serve(input: impl BufRead, mut output: impl Write) -> std::io::Result<()> {
    let mut lines = input.lines();
    let Some(first) = lines.next() else { return Ok(()) };
    let config: WorkerConfig = serde_json::from_str(&first?).map_err(std::io::Error::other)?;
    isolate(config.max_memory)?;
    install_panic_capture();
    // Temporary files in a folder of this worker's own: workers creating
    // files in one folder contend for its lock. Its path is made absolute
    // once: tempfile makes a relative folder absolute itself, asking for
    // the current folder (a `getcwd`) for every file.
    let tmp_dir = config.tmp_dir.join(std::process::id().to_string());
    let config = WorkerConfig { tmp_dir: std::path::absolute(&tmp_dir).unwrap_or(tmp_dir), ..config };
    std::fs::create_dir_all(&config.tmp_dir)?;
    let mut log = LogWriter::new(&config.fragments_dir, "w");
    for line in lines {
        let job: Job = serde_json::from_str(&line?).map_err(std::io::Error::other)?;
        let (report, fragment) = convert_and_write(&job, &config, &mut log);
        let reply = Reply { failed: report.status == Status::Failed, fragment };
        let mut bytes = serde_json::to_vec(&reply).map_err(std::io::Error::other)?;
        bytes.push(b'\n');
        output.write_all(&bytes)?;
        output.flush()?;
    }
    Ok(())
}

/// The worker's own limits: an address-space ceiling, so that a runaway
/// allocation fails in this process (which then aborts) instead of taking
/// the machine; and death with its supervisor, so that a killed run leaves
/// no workers behind.
fn isolate(max_memory: u64) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::process::{set_parent_process_death_signal, setrlimit, Resource, Rlimit, Signal};
        set_parent_process_death_signal(Some(Signal::KILL))?;
        if rustix::process::getppid().is_none_or(|p| p.as_raw_nonzero().get() == 1) {
            return Err(std::io::Error::other("the supervisor is gone"));
        }
        setrlimit(Resource::As, Rlimit { current: Some(max_memory), maximum: Some(max_memory) })?;
    }
    #[cfg(not(target_os = "linux"))]
    let _ = max_memory;
    Ok(())
}

/// The message of the last panic, for the report (a panic inside a reader
/// fails its file, and the worker goes on).
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

fn install_panic_capture() {
    std::panic::set_hook(Box::new(|info| {
        let msg = jixiao_extract::panic_message(info.payload());
        let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        if let Ok(mut slot) = LAST_PANIC.lock() {
            *slot = Some(format!("{msg}{place}"));
        }
    }));
}

/// Converts one file and writes its JSON and fragment; every failure ends
/// in the returned entry (and in the fragment).
pub fn convert_and_write(job: &Job, config: &WorkerConfig, log: &mut LogWriter) -> (FileReport, Option<Location>) {
    let started = Instant::now();
    let mut report = FileReport::failed(job.relative.clone(), String::new());
    report.error = None;
    report.bytes = Some(job.bytes);
    report.blake3 = job.content_hash.clone();
    let mut rows = (Vec::new(), Vec::new());
    match read_input(job, &config.limits).and_then(|(bytes, hash)| {
        report.blake3 = Some(hash);
        convert_one(&bytes, &job.path, &job.relative, &config.limits)
    }) {
        Ok(record) => {
            report.summarize(&record);
            match write_outputs(job, config, &record) {
                Ok(written) => {
                    report.output = Some(job.json_out.clone());
                    rows = written;
                }
                Err(e) => {
                    report.status = Status::Failed;
                    report.error = Some(format!("cannot write {}: {e}", job.json_out));
                }
            }
        }
        Err(error) => report.error = Some(error),
    }
    report.millis = started.elapsed().as_millis() as u64;
    let head =
        fragment::Head::new(&job.relative, report.blake3.clone(), &config.fingerprint, &job.json_out, report.clone());
    match log.append(head, &rows.0, &rows.1) {
        Ok(location) => (report, Some(location)),
        Err(e) => {
            report.status = Status::Failed;
            report.output = None;
            report.error = Some(format!("cannot write the run's fragment in {}: {e}", config.fragments_dir.display()));
            (report, None)
        }
    }
}

/// The input's bytes (within `--max-file-size`) and their BLAKE3.
fn read_input(job: &Job, limits: &Limits) -> Result<(Vec<u8>, String), String> {
    let bytes = jixiao_extract::read_input(&job.path, limits).map_err(|e| e.to_string())?;
    let hash = match &job.content_hash {
        Some(hash) => hash.clone(),
        None => blake3::hash(&bytes).to_hex().to_string(),
    };
    Ok((bytes, hash))
}

/// extract → align → normalize, with a panic turned into the file's error.
fn convert_one(bytes: &[u8], path: &Path, relative: &str, limits: &Limits) -> Result<DocumentRecord, String> {
    let result = std::panic::catch_unwind(|| {
        let doc = jixiao_extract::extract_bytes(bytes, path.extension().and_then(|e| e.to_str()), limits)?;
        let aligned = jixiao_align::align(&doc);
        Ok::<_, jixiao_extract::ExtractError>(jixiao_normalize::normalize(relative, &doc, &aligned))
    });
    match result {
        Ok(Ok(record)) => Ok(record),
        Ok(Err(err)) => Err(err.to_string()),
        Err(_) => {
            let detail = LAST_PANIC.lock().ok().and_then(|mut p| p.take()).unwrap_or_default();
            Err(format!("internal error while converting this file (a bug: please report it with the file): {detail}"))
        }
    }
}

/// The file's JSON, then its CSV rows; rows exist only when the JSON does.
fn write_outputs(job: &Job, config: &WorkerConfig, record: &DocumentRecord) -> std::io::Result<(Vec<u8>, Vec<u8>)> {
    let json = jixiao_emit::json_bytes(record, config.pretty_json)?;
    let path = config.out_dir.join(&job.json_out);
    jixiao_emit::write_atomic_in(&path, &json, Some(&config.tmp_dir), jixiao_emit::Durability::Batched)?;
    let (indicators, projects) = (indicator_rows(record), project_rows(record));
    if config.format == crate::TableFormat::Jsonl {
        return Ok((jixiao_emit::jsonl_body(&indicators)?, jixiao_emit::jsonl_body(&projects)?));
    }
    let indicators = jixiao_emit::csv_body(&indicators, config.formula_guard)?;
    let projects = jixiao_emit::csv_body(&projects, config.formula_guard)?;
    Ok((indicators, projects))
}

/// This process's peak resident memory (`VmHWM`), where the system says.
pub fn peak_rss() -> Option<u64> {
    vm_hwm(&std::fs::read_to_string("/proc/self/status").ok()?)
}

/// Another process's peak resident memory (`VmHWM`): the supervisor reads a
/// worker's once, after the worker's last file. Each worker read its own
/// after every file before, 2% of a run's CPU (the kernel writes out the
/// whole status, some 55 lines, to be asked one). `getrusage`'s `maxrss`
/// would be cheaper but is not the worker's own: a child's starts at its
/// parent's high-water mark, whether spawned or forked.
pub fn peak_rss_of(pid: u32) -> Option<u64> {
    vm_hwm(&std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?)
}

fn vm_hwm(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn a_process_peak_is_read_by_its_pid() {
        let pid = std::process::id();
        let before = peak_rss_of(pid).expect("VmHWM");
        // Touch 64 MiB more than this test process has ever held.
        let block = vec![1u8; before as usize + (64 << 20)];
        std::hint::black_box(&block);
        let after = peak_rss_of(pid).expect("VmHWM");
        assert!(after >= before + (64 << 20), "{before} → {after}");
        assert_eq!(peak_rss().map(|p| p >= after), Some(true));
        assert_eq!(peak_rss_of(u32::MAX), None, "no such process");
    }
}
