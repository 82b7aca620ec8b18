//! The supervisor's side of one worker process: start it, hand it a job,
//! wait for the answer no longer than the per-file limit, and say how it
//! died when it does not answer.

use crate::worker::{Job, Reply, WorkerConfig};
use jixiao_emit::WorkerFailure;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

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
    stdin: ChildStdin,
    replies: Receiver<std::io::Result<String>>,
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
        let (tx, replies) = mpsc::channel();
        std::thread::Builder::new().name("worker stdout".into()).spawn(move || {
            for line in BufReader::new(stdout).lines() {
                if tx.send(line).is_err() {
                    break;
                }
            }
        })?;
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
        Ok(Worker { child, stdin, replies, stderr_tail, stderr_closed, max_memory: config.max_memory })
    }

    /// Hands over one job; the worker reads it when it is done with those
    /// before it. An error means the worker is gone: [`Worker::receive`]
    /// says how.
    pub fn send(&mut self, job: &Job) -> std::io::Result<()> {
        let mut line = serde_json::to_vec(job).map_err(std::io::Error::other)?;
        line.push(b'\n');
        self.stdin.write_all(&line)?;
        self.stdin.flush()
    }

    /// Waits up to `wait` for the reply to the oldest job not yet answered
    /// (`limit` is the per-file limit a timeout reports). On a timeout the
    /// worker is killed; either way a [`Death`] means this worker is
    /// finished and must be replaced.
    pub fn receive(&mut self, wait: Duration, limit: Duration) -> Result<Reply, Death> {
        match self.replies.recv_timeout(wait) {
            Ok(Ok(line)) => {
                if let Ok(reply) = serde_json::from_str::<Reply>(&line) {
                    return Ok(reply);
                }
            }
            Err(RecvTimeoutError::Timeout) => {
                let _ = self.child.kill();
                let _ = self.child.wait();
                return Err(Death { failure: WorkerFailure::Timeout { seconds: limit.as_secs() }, last_words: None });
            }
            Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => {}
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

impl Drop for Worker {
    fn drop(&mut self) {
        // Closing stdin ends a worker's loop; kill covers one stuck in a file.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
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

    #[test]
    fn deaths_read_as_reasons() {
        let oom = Death { failure: WorkerFailure::OutOfMemory { limit_bytes: 256 << 20 }, last_words: None };
        assert!(oom.message().contains("256 MiB") && oom.message().contains("--max-memory-per-file"));
        let seg = Death { failure: WorkerFailure::Signal { signal: 11 }, last_words: Some("fatal".into()) };
        assert!(seg.message().contains("SIGSEGV") && seg.message().ends_with("(fatal)"));
    }
}
