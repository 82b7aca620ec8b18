//! The supervisor's side of one worker process: start it, hand it a job,
//! wait for the answer no longer than the per-file limit, and say how it
//! died when it does not answer.

use crate::worker::{Job, Reply, WorkerConfig};
use jixiao_emit::WorkerFailure;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How to start a worker: a program and the arguments that make it one
/// (for jixiao: its own executable and `worker`).
#[derive(Debug, Clone)]
pub struct WorkerCommand {
    /// The program.
    pub program: PathBuf,
    /// Its arguments.
    pub args: Vec<String>,
}

/// Why a job came back without a reply: the failure and what the worker
/// last said on stderr.
#[derive(Debug, Clone)]
pub struct Death {
    /// What happened.
    pub failure: WorkerFailure,
    /// The last line the worker wrote on stderr, if any.
    pub last_words: Option<String>,
}

impl Death {
    /// The report's error text for the file the worker was converting.
    pub fn message(&self) -> String {
        let what = match &self.failure {
            WorkerFailure::Timeout { seconds } => {
                format!("limit reached: converting took longer than {seconds} s; the worker was killed (--timeout-per-file)")
            }
            WorkerFailure::OutOfMemory { limit_bytes } => format!(
                "limit reached: the file needed more than {} MiB of memory; the worker stopped (--max-memory-per-file)",
                limit_bytes / (1024 * 1024)
            ),
            WorkerFailure::Signal { signal } => {
                format!("the worker converting this file was ended by {}", signal_name(*signal))
            }
            WorkerFailure::Exited { code } => match code {
                Some(c) => format!("the worker converting this file exited with status {c} without an answer"),
                None => "the worker converting this file exited without an answer".into(),
            },
        };
        match &self.last_words {
            Some(words) => format!("{what} ({words})"),
            None => what,
        }
    }
}

fn signal_name(signal: i32) -> String {
    let name = match signal {
        4 => "SIGILL",
        6 => "SIGABRT",
        7 => "SIGBUS",
        9 => "SIGKILL, often the system's out-of-memory killer",
        11 => "SIGSEGV, e.g. a stack overflow",
        15 => "SIGTERM",
        _ => "",
    };
    if name.is_empty() {
        format!("signal {signal}")
    } else {
        format!("signal {signal} ({name})")
    }
}

/// The last this many bytes of a worker's stderr are kept for its report.
const STDERR_TAIL: usize = 2048;

/// A running worker process.
pub struct Worker {
    child: Child,
    stdin: Option<ChildStdin>,
    replies: Replies,
    stderr_tail: Arc<Mutex<String>>,
    stderr_closed: Receiver<()>,
    max_memory: u64,
}

impl Worker {
    /// Starts a worker and sends it its configuration.
    pub fn spawn(command: &WorkerCommand, config: &WorkerConfig) -> std::io::Result<Worker> {
        let mut child = Command::new(&command.program)
            .args(&command.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            // A dead worker's report quotes its last line, not a backtrace.
            .env_remove("RUST_BACKTRACE")
            .env_remove("RUST_LIB_BACKTRACE")
            .spawn()?;
        let (Some(mut stdin), Some(stdout), Some(stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            return Err(std::io::Error::other("worker pipes missing"));
        };
        let replies = Replies::new(stdout);
        let stderr_tail = Arc::new(Mutex::new(String::new()));
        let tail = Arc::clone(&stderr_tail);
        let (closed_tx, stderr_closed) = mpsc::channel();
        std::thread::Builder::new().name("worker stderr".into()).spawn(move || {
            keep_tail(stderr, &tail);
            let _ = closed_tx.send(());
        })?;
        let mut line = serde_json::to_vec(config).map_err(std::io::Error::other)?;
        line.push(b'\n');
        stdin.write_all(&line)?;
        stdin.flush()?;
        Ok(Worker { child, stdin: Some(stdin), replies, stderr_tail, stderr_closed, max_memory: config.max_memory })
    }

    /// Hands over one job; the worker reads it when it is done with those
    /// before it. An error means the worker is gone: [`Worker::receive`]
    /// says how.
    pub fn send(&mut self, job: &Job) -> std::io::Result<()> {
        let mut line = serde_json::to_vec(job).map_err(std::io::Error::other)?;
        line.push(b'\n');
        let stdin = self.stdin.as_mut().ok_or_else(|| std::io::Error::from(std::io::ErrorKind::BrokenPipe))?;
        stdin.write_all(&line)?;
        stdin.flush()
    }

    /// The worker's peak resident memory so far; `None` once it is gone or
    /// where the system does not say.
    pub fn peak_rss(&self) -> Option<u64> {
        crate::worker::peak_rss_of(self.child.id())
    }

    /// Waits up to `wait` for the reply to the oldest job not yet answered
    /// (`limit` is the per-file limit a timeout reports). On a timeout the
    /// worker is killed; either way a [`Death`] means this worker is
    /// finished and must be replaced.
    pub fn receive(&mut self, wait: Duration, limit: Duration) -> Result<Reply, Death> {
        match self.replies.next(wait) {
            Ok(Some(line)) => {
                if let Ok(reply) = serde_json::from_slice::<Reply>(&line) {
                    return Ok(reply);
                }
            }
            Err(ReplyError::Timeout) => {
                let _ = self.child.kill();
                let _ = self.child.wait();
                return Err(Death { failure: WorkerFailure::Timeout { seconds: limit.as_secs() }, last_words: None });
            }
            Ok(None) | Err(ReplyError::Broken) => {}
        }
        Err(self.post_mortem())
    }

    /// Waits for a worker that stopped answering and says how it ended.
    fn post_mortem(&mut self) -> Death {
        let _ = self.child.kill();
        let status = self.child.wait().ok();
        // The stderr reader finishes once the pipe closes (later, if a helper
        // the worker started still holds it).
        let _ = self.stderr_closed.recv_timeout(Duration::from_millis(500));
        let tail = self.stderr_tail.lock().map(|t| t.clone()).unwrap_or_default();
        let last_words = last_words(&tail);
        let signal = status.and_then(|s| {
            #[cfg(unix)]
            {
                std::os::unix::process::ExitStatusExt::signal(&s)
            }
            #[cfg(not(unix))]
            {
                let _ = s;
                None
            }
        });
        // Rust's allocator reports a failed allocation on stderr and aborts:
        // that is the memory ceiling, not a crash.
        let allocation_failed = last_words.as_deref().is_some_and(|w| w.starts_with(ALLOCATION_FAILED));
        let failure = match signal {
            Some(6) if allocation_failed => WorkerFailure::OutOfMemory { limit_bytes: self.max_memory },
            Some(signal) => WorkerFailure::Signal { signal },
            None => WorkerFailure::Exited { code: status.and_then(|s| s.code()) },
        };
        Death { failure, last_words }
    }
}

/// How long a worker whose stdin was closed gets to exit on its own before
/// it is killed. An idle worker exits at once; one stuck in a file (a run
/// stopped early) is killed after this.
const EXIT_GRACE: Duration = Duration::from_millis(200);

impl Drop for Worker {
    fn drop(&mut self) {
        // Closing stdin ends a worker's loop, and the worker exits on its
        // own: its exit handlers run (a profiling build writes its counts
        // then, and `make release` trains on them). Killing at once cut
        // that off. Waiting costs an idle worker about a millisecond, on
        // its feeding thread, in parallel with the others.
        drop(self.stdin.take());
        let deadline = Instant::now() + EXIT_GRACE;
        while Instant::now() < deadline {
            if !matches!(self.child.try_wait(), Ok(None)) {
                return;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A worker's replies, read from its stdout by the thread that waits for
/// them: `poll` bounds the wait by the per-file limit. (A thread of its
/// own per worker, handing each line over a channel, cost a wake-up of
/// one more thread per file, on a machine whose cores the workers keep
/// busy.)
struct Replies {
    stdout: ChildStdout,
    /// Bytes read and not yet returned: the start of the next line.
    pending: Vec<u8>,
}

enum ReplyError {
    /// No whole line within the wait.
    Timeout,
    /// The pipe could not be read: the worker is gone or going (its
    /// post-mortem says how).
    Broken,
}

impl Replies {
    fn new(stdout: ChildStdout) -> Replies {
        Replies { stdout, pending: Vec::with_capacity(8 * 1024) }
    }

    /// The next line, without its line break; `None` at the end of the
    /// stream (the worker is gone). Waits at most `wait` in all.
    fn next(&mut self, wait: Duration) -> Result<Option<Vec<u8>>, ReplyError> {
        let deadline = Instant::now() + wait;
        let mut chunk = [0u8; 16 * 1024];
        loop {
            if let Some(end) = self.pending.iter().position(|&b| b == b'\n') {
                let mut line: Vec<u8> = self.pending.drain(..=end).collect();
                line.pop();
                return Ok(Some(line));
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if !readable_within(&self.stdout, left).map_err(|_| ReplyError::Broken)? {
                return Err(ReplyError::Timeout);
            }
            match self.stdout.read(&mut chunk) {
                Ok(0) => return Ok(None),
                Ok(n) => self.pending.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return Err(ReplyError::Broken),
            }
        }
    }
}

/// Whether `pipe` has bytes (or its end) to read within `wait`.
#[cfg(unix)]
fn readable_within(pipe: &ChildStdout, wait: Duration) -> std::io::Result<bool> {
    use rustix::event::{poll, PollFd, PollFlags, Timespec};
    let mut fds = [PollFd::new(pipe, PollFlags::IN)];
    let timeout =
        Timespec { tv_sec: wait.as_secs().min(i64::MAX as u64) as i64, tv_nsec: i64::from(wait.subsec_nanos()) };
    loop {
        match poll(&mut fds, Some(&timeout)) {
            Ok(ready) => return Ok(ready > 0),
            Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(e.into()),
        }
    }
}

/// Without `poll`, a read blocks: the per-file limit is then not enforced
/// on a worker that stops answering (as the memory ceiling, it needs Linux
/// or another Unix).
#[cfg(not(unix))]
fn readable_within(_pipe: &ChildStdout, _wait: Duration) -> std::io::Result<bool> {
    Ok(true)
}

/// How Rust's default allocation-error handler begins its message.
const ALLOCATION_FAILED: &str = "memory allocation of";

/// The line of a dead worker's stderr that says why: the allocation
/// failure if there is one, else the last line that is not backtrace noise.
fn last_words(tail: &str) -> Option<String> {
    let lines = tail.lines().map(str::trim).filter(|l| !l.is_empty());
    let noise = |l: &&str| {
        l.starts_with("note:")
            || l.starts_with("stack backtrace")
            || l.starts_with("at ")
            || l.starts_with(|c: char| c.is_ascii_digit())
    };
    let mut lines: Vec<&str> = lines.filter(|l| !noise(l)).collect();
    if let Some(oom) = lines.iter().find(|l| l.starts_with(ALLOCATION_FAILED)) {
        return Some(oom.to_string());
    }
    lines.pop().map(str::to_string)
}

fn keep_tail(mut stderr: impl Read, tail: &Mutex<String>) {
    let mut buf = [0u8; 1024];
    while let Ok(n) = stderr.read(&mut buf) {
        if n == 0 {
            break;
        }
        if let Ok(mut t) = tail.lock() {
            t.push_str(&String::from_utf8_lossy(&buf[..n]));
            if t.len() > STDERR_TAIL {
                let cut = t.len() - STDERR_TAIL;
                let cut = (cut..t.len()).find(|&i| t.is_char_boundary(i)).unwrap_or(t.len());
                t.drain(..cut);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_words_skip_backtraces_and_find_the_allocation_failure() {
        let tail = "memory allocation of 8000000000 bytes failed\nstack backtrace:\n   0: foo\n             at src/x.rs:1\nnote: Some details";
        assert_eq!(last_words(tail).as_deref(), Some("memory allocation of 8000000000 bytes failed"));
        let tail = "\nthread 'main' has overflowed its stack\nfatal runtime error: stack overflow\n";
        assert_eq!(last_words(tail).as_deref(), Some("fatal runtime error: stack overflow"));
        assert_eq!(last_words(""), None);
    }

    /// The replies of a shell standing in for a worker.
    #[cfg(unix)]
    fn replies_of(script: &str) -> (Child, Replies) {
        let mut child = Command::new("sh").args(["-c", script]).stdout(Stdio::piped()).spawn().expect("sh starts");
        let stdout = child.stdout.take().expect("stdout");
        (child, Replies::new(stdout))
    }

    #[cfg(unix)]
    #[test]
    fn replies_are_whole_lines_and_a_half_line_waits_no_longer_than_the_limit() {
        let wait = Duration::from_secs(5);
        // Lines split across writes, two lines in one write, then the end.
        let (mut child, mut replies) = replies_of("printf 'one'; sleep 0.1; printf ' line\\ntwo\\nthree\\n'");
        for expected in ["one line", "two", "three"] {
            assert_eq!(replies.next(wait).ok().flatten().as_deref(), Some(expected.as_bytes()));
        }
        assert!(matches!(replies.next(wait), Ok(None)), "the end of the stream");
        let _ = child.wait();
        // A line begun and never finished is a timeout, not a reply.
        let (mut child, mut replies) = replies_of("printf '{\"report\"'; sleep 30");
        let started = Instant::now();
        assert!(matches!(replies.next(Duration::from_millis(300)), Err(ReplyError::Timeout)));
        assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
        let _ = child.kill();
        let _ = child.wait();
    }

    /// A worker started from `sh -c script`, with a configuration that
    /// points nowhere (the script reads it as one line).
    #[cfg(unix)]
    fn shell_worker(script: &str) -> Worker {
        let command = WorkerCommand { program: "sh".into(), args: vec!["-c".into(), script.into()] };
        let nowhere = PathBuf::from("/nonexistent");
        let config = WorkerConfig {
            out_dir: nowhere.clone(),
            tmp_dir: nowhere.clone(),
            fragments_dir: nowhere,
            limits: jixiao_extract::Limits::default(),
            formula_guard: true,
            pretty_json: false,
            format: crate::TableFormat::Csv,
            max_memory: 1 << 30,
            fingerprint: String::new(),
        };
        Worker::spawn(&command, &config).expect("sh starts")
    }

    #[cfg(unix)]
    #[test]
    fn a_dropped_worker_exits_on_its_own_and_a_stuck_one_is_killed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mark = dir.path().join("exited");
        // Work after the end of stdin (as a profiling build's exit handler
        // does) is done before the drop returns.
        let worker = shell_worker(&format!("read config; cat >/dev/null; sleep 0.05; echo bye > '{}'", mark.display()));
        drop(worker);
        assert!(mark.exists(), "the worker was killed before it could exit");
        // A worker that ignores the end of stdin is killed after the grace.
        let started = Instant::now();
        drop(shell_worker("read config; exec sleep 30"));
        let took = started.elapsed();
        assert!(took >= EXIT_GRACE && took < Duration::from_secs(10), "took {took:?}");
    }

    #[test]
    fn deaths_read_as_reasons() {
        let oom = Death { failure: WorkerFailure::OutOfMemory { limit_bytes: 256 << 20 }, last_words: None };
        assert!(oom.message().contains("256 MiB") && oom.message().contains("--max-memory-per-file"));
        let seg = Death { failure: WorkerFailure::Signal { signal: 11 }, last_words: Some("fatal".into()) };
        assert!(seg.message().contains("SIGSEGV") && seg.message().ends_with("(fatal)"));
    }
}
