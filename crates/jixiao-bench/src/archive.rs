//! `jixiao-bench archive`: the whole `jixiao convert` run, as a user runs
//! it, over a generated archive, then the incremental rerun; and, when the
//! shared corpus and the peers harness are there, the same 600 files through
//! jixiao, office_oxide and the floor, measured side by side in this run.

use crate::corpus;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Where the archive benchmark reads and writes.
pub struct ArchiveBench {
    /// The jixiao binary to time.
    pub jixiao: PathBuf,
    /// The samples the archive is generated from.
    pub samples: PathBuf,
    /// How many files to generate.
    pub files: usize,
    /// Scratch folder (generated inputs and outputs).
    pub work: PathBuf,
    /// `../shared/corpus/inputs`, when present: the 600-file comparison.
    pub shared_inputs: Option<PathBuf>,
    /// The peers harness binary, when built.
    pub peers: Option<PathBuf>,
    /// The same code built without profile-guided optimisation, when
    /// `jixiao` is the PGO build: timed beside it on the 600 files.
    pub plain: Option<PathBuf>,
}

/// Rounds of the 600-file comparison; each contender's best counts, as
/// other processes on the machine only ever add time. The ratio to the
/// floor is also shown round by round (median and range): how far the
/// best can be trusted on a machine whose speed drifts.
const ROUNDS: usize = 5;

/// The ratios of `times` to `base`, round by round: their median and range
/// (`3.10, 2.95–3.40`).
fn per_round(times: &[f64], base: &[f64]) -> String {
    let mut ratios: Vec<f64> = times.iter().zip(base).map(|(t, b)| t / b).collect();
    if ratios.is_empty() {
        return String::new();
    }
    ratios.sort_by(f64::total_cmp);
    let n = ratios.len();
    let median = if n % 2 == 1 { ratios[n / 2] } else { (ratios[n / 2 - 1] + ratios[n / 2]) / 2.0 };
    format!("{median:.2}, {:.2}–{:.2}", ratios[0], ratios[n - 1])
}

/// One contender of the 600-file comparison: given the round, its wall time in seconds.
type Contender<'a> = Box<dyn Fn(usize) -> std::io::Result<f64> + 'a>;

struct Timed {
    wall: Duration,
    report: serde_json::Value,
}

fn convert(jixiao: &Path, input: &Path, out: &Path, extra: &[&str]) -> std::io::Result<Timed> {
    let started = Instant::now();
    let status = Command::new(jixiao)
        .arg("convert")
        .arg(input)
        .arg("-o")
        .arg(out)
        .arg("-q")
        .args(extra)
        .stderr(std::process::Stdio::null())
        .status()?;
    let wall = started.elapsed();
    if status.code().is_none_or(|c| c > 1) {
        return Err(std::io::Error::other(format!("jixiao convert failed: {status}")));
    }
    let report = serde_json::from_slice(&std::fs::read(out.join("report.json"))?).map_err(std::io::Error::other)?;
    Ok(Timed { wall, report })
}

/// `jixiao import INPUT --db DB`; its wall time.
fn import(jixiao: &Path, input: &Path, db: &str) -> std::io::Result<Duration> {
    let started = Instant::now();
    let status = Command::new(jixiao)
        .arg("import")
        .arg(input)
        .args(["--db", db, "-q"])
        .stderr(std::process::Stdio::null())
        .status()?;
    if status.code().is_none_or(|c| c > 1) {
        return Err(std::io::Error::other(format!("jixiao import into {db} failed: {status}")));
    }
    Ok(started.elapsed())
}

/// Rows a run wrote to its tables (indicators and projects), from its report.
fn table_rows(report: &serde_json::Value) -> u64 {
    let files = report["files"].as_array().map(Vec::as_slice).unwrap_or_default();
    files
        .iter()
        .map(|f| f["counts"]["indicators"].as_u64().unwrap_or(0) + f["counts"]["projects"].as_u64().unwrap_or(0))
        .sum()
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / 1048576.0
}

fn rss(report: &serde_json::Value, which: &str) -> f64 {
    mib(report["run"][which].as_u64().unwrap_or(0))
}

impl ArchiveBench {
    /// Runs the benchmark and prints its figures.
    pub fn run(&self) -> std::io::Result<()> {
        let stale = self.set_aside()?;
        let measured = self.measure();
        // Nothing is timed any more: what an earlier bench left, and this
        // one's 600-file outputs (12 × 66 MB), can go.
        let _ = std::fs::remove_dir_all(&stale);
        for entry in std::fs::read_dir(&self.work)?.flatten() {
            if entry.file_name().to_string_lossy().starts_with("c600-out-") {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
        measured
    }

    /// Moves everything an earlier bench left in the scratch folder into a
    /// folder that [`ArchiveBench::run`] deletes once nothing is timed any
    /// more. A rename frees no inode; deleting tens of thousands of files
    /// just before the timed runs did, and on ext4 without a journal (this
    /// project's VM) the kernel then skips every inode deleted in the last
    /// minute (five while its block of the inode table is dirty) when it
    /// allocates one (`find_inode_bit`, `recently_deleted`),
    /// looking each one up: a fifth of all CPU samples of a 600-file run,
    /// +200 ms of its 450, charged to jixiao (the floor creates no file) by
    /// the bench's own clean-up.
    fn set_aside(&self) -> std::io::Result<PathBuf> {
        std::fs::create_dir_all(&self.work)?;
        let stale = self.work.join(format!("stale-{}", std::process::id()));
        std::fs::create_dir_all(&stale)?;
        for entry in std::fs::read_dir(&self.work)? {
            let entry = entry?;
            if entry.path() != stale {
                std::fs::rename(entry.path(), stale.join(entry.file_name()))?;
            }
        }
        Ok(stale)
    }

    /// Every figure, written into the scratch folder that
    /// [`ArchiveBench::set_aside`] left empty: nothing is deleted here.
    fn measure(&self) -> std::io::Result<()> {
        let generated = corpus::generate(&self.samples, &self.work.join("archive"), self.files)?;
        println!(
            "\ngenerated archive: {} files, {:.1} MiB (formats, encodings, sizes and numbers varied from samples/)",
            generated.files,
            mib(generated.bytes)
        );
        let out = self.work.join("out");
        let full = convert(&self.jixiao, &generated.root, &out, &[])?;
        let secs = full.wall.as_secs_f64();
        let failed = full.report["failed"].as_u64().unwrap_or(0);
        println!(
            "full run:        {secs:.2} s, {:.0} files/s, {:.1} MiB/s, {failed} failed; peak RSS supervisor {:.1} MiB, largest worker {:.1} MiB",
            generated.files as f64 / secs,
            mib(generated.bytes) / secs,
            rss(&full.report, "peak_rss_supervisor"),
            rss(&full.report, "peak_rss_worker"),
        );
        let again = convert(&self.jixiao, &generated.root, &out, &["--incremental"])?;
        println!(
            "incremental:     {:.3} s = {:.1}% of the full run, {} of {} reused",
            again.wall.as_secs_f64(),
            100.0 * again.wall.as_secs_f64() / secs,
            again.report["run"]["reused"],
            generated.files
        );
        if let Some(inputs) = &self.shared_inputs {
            self.peers_comparison(inputs)?;
        }
        Ok(())
    }

    /// 50 copies of the shared corpus (600 files): jixiao's whole pipeline
    /// against office_oxide's extraction to Markdown and the floor.
    fn peers_comparison(&self, inputs: &Path) -> std::io::Result<()> {
        let root = self.work.join("c600");
        let mut files = Vec::new();
        for copy in 0..50 {
            let dir = root.join(format!("copy-{copy:02}"));
            std::fs::create_dir_all(&dir)?;
            for entry in std::fs::read_dir(inputs)? {
                let path = entry?.path();
                if let Some(name) = path.file_name().filter(|_| path.is_file()) {
                    std::fs::copy(&path, dir.join(name))?;
                    files.push(dir.join(name));
                }
            }
        }
        files.sort();
        // The copies reach the disk before anything is timed: else the
        // first contender to sync its own outputs (jixiao ends a run with
        // syncfs) writes them back too, and the kernel's writeback of them
        // competes with whichever contender runs meanwhile.
        #[cfg(target_os = "linux")]
        rustix::fs::syncfs(std::fs::File::open(&root)?)?;
        println!("\n{} files (50 copies of the shared corpus), best of {ROUNDS} rounds; each round runs every contender once:", files.len());
        // Interleaved, so that a slow spell of the machine falls on every
        // contender alike instead of on whichever ran during it.
        let written = std::cell::Cell::new(0);
        let mut contenders: Vec<(String, Contender<'_>)> = Vec::new();
        // jixiao's runs: the PGO build at -j 2 (first: the import is compared
        // with it) and -j 1; without waiting for the disk, to show what
        // durability costs (the floor writes nothing, a durable run makes
        // 609 files durable); the build without PGO, when given.
        let mut runs = vec![
            ("jixiao convert -j 2 (whole pipeline)", &self.jixiao, "2", &["-j", "2"][..]),
            ("jixiao convert -j 1 (whole pipeline)", &self.jixiao, "1", &["-j", "1"][..]),
            ("jixiao convert -j 2 --no-sync", &self.jixiao, "nosync", &["-j", "2", "--no-sync"][..]),
        ];
        if let Some(plain) = &self.plain {
            runs.push(("jixiao convert -j 2, release build without PGO", plain, "plain", &["-j", "2"][..]));
        }
        for (label, jixiao, tag, args) in runs {
            let (root, written) = (&root, &written);
            contenders.push((
                label.to_string(),
                Box::new(move |round| {
                    let out = self.work.join(format!("c600-out-{tag}-{round}"));
                    let timed = convert(jixiao, root, &out, args)?;
                    written.set(table_rows(&timed.report));
                    // Untimed, after every run: a syncfs is file system
                    // wide, so the next durable run would otherwise write
                    // back what a --no-sync run left (a durable run's own
                    // outputs are on disk already).
                    #[cfg(target_os = "linux")]
                    rustix::fs::syncfs(std::fs::File::open(&out)?)?;
                    Ok(timed.wall.as_secs_f64())
                }),
            ));
        }
        if let Some(peers) = &self.peers {
            for mode in ["office_oxide", "floor"] {
                let files = &files;
                contenders.push((
                    format!("peers {mode} (extraction only, 1 thread)"),
                    Box::new(move |_| {
                        let started = Instant::now();
                        let output = Command::new(peers).arg(mode).arg("1").args(files).output()?;
                        if !output.status.success() {
                            return Err(std::io::Error::other(format!("peers {mode} failed")));
                        }
                        Ok(started.elapsed().as_secs_f64())
                    }),
                ));
            }
        } else {
            println!("(peers harness not built: `make bench` builds it from ../shared/tools/peers)");
        }
        // Every round's time of every contender: the best of each, and the
        // ratio to the floor round by round (both ran within seconds of
        // each other, so a slow spell weighs on both).
        let mut times = vec![Vec::with_capacity(ROUNDS); contenders.len()];
        for round in 0..ROUNDS {
            for ((_, run), times) in contenders.iter().zip(&mut times) {
                times.push(run(round)?);
            }
        }
        let names: Vec<String> = contenders.into_iter().map(|(name, _)| name).collect();
        let best: Vec<f64> = times.iter().map(|t| t.iter().copied().fold(f64::MAX, f64::min)).collect();
        self.import_comparison(&root, written.get(), best[0])?;
        let find = |what: &str| names.iter().position(|n| n.contains(what));
        let (oxide, floor) = (find("office_oxide"), find("floor"));
        println!("{:<48}{:>9}{:>16}{:>10}   × floor round by round", "", "s", "× office_oxide", "× floor");
        for (i, name) in names.iter().enumerate() {
            let ratio =
                |base: Option<usize>| base.map(|b| format!("{:.2}", best[i] / best[b])).unwrap_or_else(|| "-".into());
            let rounds = floor.map(|f| per_round(&times[i], &times[f])).unwrap_or_default();
            println!("{name:<48}{:>9.3}{:>16}{:>10}   {rounds}", best[i], ratio(oxide), ratio(floor));
        }
        Ok(())
    }

    /// The same files imported into SQLite (a new file) and, when
    /// `JIXIAO_BENCH_PG` names an empty PostgreSQL database, into it: wall
    /// time against `convert -j 2`, and rows per second of the whole import
    /// and of the database's share (import minus convert).
    fn import_comparison(&self, root: &Path, rows: u64, convert_secs: f64) -> std::io::Result<()> {
        let sqlite = self.work.join("c600.sqlite");
        let mut targets = vec![("SQLite", sqlite.display().to_string())];
        targets.extend(std::env::var("JIXIAO_BENCH_PG").ok().map(|url| ("PostgreSQL", url)));
        println!("import of the same files ({rows} indicator and project rows), one run each into a new database:");
        for (name, db) in targets {
            let secs = import(&self.jixiao, root, &db)?.as_secs_f64();
            let share = (secs - convert_secs).max(1e-3);
            println!(
                "  {name:<11} {secs:.3} s = {:.2}× convert -j 2; {:.0} rows/s overall, {:.0} rows/s for the database's share ({share:.3} s)",
                secs / convert_secs,
                rows as f64 / secs,
                rows as f64 / share
            );
        }
        if std::env::var_os("JIXIAO_BENCH_PG").is_none() {
            println!("  (PostgreSQL: set JIXIAO_BENCH_PG=postgres://… to an empty database to measure it)");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::per_round;

    #[test]
    fn ratios_are_taken_round_by_round() {
        // A slow round slows both: its ratio stays that of the others.
        assert_eq!(per_round(&[3.0, 6.6, 3.3], &[1.0, 2.0, 1.0]), "3.30, 3.00–3.30");
        assert_eq!(per_round(&[2.0, 4.0], &[1.0, 1.0]), "3.00, 2.00–4.00");
        assert_eq!(per_round(&[], &[]), "");
    }
}
