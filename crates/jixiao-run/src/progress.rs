//! What a run says while it goes: a bar on a terminal, a plain line every
//! few seconds under cron, nothing with `--quiet`.

use indicatif::{ProgressBar, ProgressStyle};
use std::time::{Duration, Instant};

/// How progress is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressMode {
    /// A bar on stderr (for a terminal).
    Bar,
    /// A plain line on stderr at most this often (for logs).
    Lines(Duration),
    /// Nothing.
    Quiet,
}

impl ProgressMode {
    /// A bar when stderr is a terminal, a line every 10 s otherwise.
    pub fn for_stderr(quiet: bool) -> ProgressMode {
        use std::io::IsTerminal;
        if quiet {
            ProgressMode::Quiet
        } else if std::io::stderr().is_terminal() {
            ProgressMode::Bar
        } else {
            ProgressMode::Lines(Duration::from_secs(10))
        }
    }
}

/// The running display.
pub(crate) struct Progress {
    mode: ProgressMode,
    bar: Option<ProgressBar>,
    total: usize,
    done: usize,
    failed: usize,
    reused: usize,
    started: Instant,
    last_line: Instant,
}

impl Progress {
    pub(crate) fn new(mode: ProgressMode, total: usize) -> Progress {
        let bar = (mode == ProgressMode::Bar).then(|| {
            let bar = ProgressBar::new(total as u64);
            let style =
                ProgressStyle::with_template("{bar:30} {pos}/{len} files · {msg} · {elapsed_precise} (ETA {eta})")
                    .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        let now = Instant::now();
        Progress { mode, bar, total, done: 0, failed: 0, reused: 0, started: now, last_line: now }
    }

    /// One more file finished.
    pub(crate) fn file_done(&mut self, failed: bool, reused: bool) {
        self.done += 1;
        self.failed += usize::from(failed);
        self.reused += usize::from(reused);
        if let Some(bar) = &self.bar {
            let rate = self.done as f64 / self.started.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!("{} failed, {} reused, {rate:.0} files/s", self.failed, self.reused));
            bar.inc(1);
        }
        self.tick();
    }

    /// Prints a line when one is due.
    pub(crate) fn tick(&mut self) {
        let ProgressMode::Lines(every) = self.mode else { return };
        if self.last_line.elapsed() < every {
            return;
        }
        self.last_line = Instant::now();
        let secs = self.started.elapsed().as_secs_f64().max(1e-3);
        let rate = self.done as f64 / secs;
        let eta = if rate > 0.0 { format!("{:.0} s", (self.total - self.done) as f64 / rate) } else { "?".into() };
        eprintln!(
            "jixiao: {}/{} files ({:.0}%), {} failed, {} reused, {rate:.1} files/s, ETA {eta}",
            self.done,
            self.total,
            100.0 * self.done as f64 / self.total.max(1) as f64,
            self.failed,
            self.reused
        );
    }

    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
