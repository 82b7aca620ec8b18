//! Finding input files: files as given, directories walked recursively in
//! a stable (sorted) order, with each file's path relative to its root.
//!
//! Every path that was asked for ends as an [`Input`], also when it cannot
//! be read (a link loop, a FIFO, a device): such an input carries a
//! `walk_error` and becomes a failed entry of the report, never a silent
//! skip. The output folder is never an input, and a file reached twice
//! (the same folder given twice, a link to a file already seen) is
//! converted once.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

/// One input to convert, or a path that could not be walked.
#[derive(Debug, Clone)]
pub struct Input {
    /// Where to read it.
    pub path: PathBuf,
    /// Its name in the outputs (`source_file`): its path relative to the
    /// run's base folder (see [`base_of`]), with `/` separators.
    pub relative: String,
    /// Set when the path cannot be converted (a link loop, no permission,
    /// not a regular file).
    pub walk_error: Option<String>,
}

/// An input given outside the `--root` folder: its name would not be a
/// path under the root.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{input} is not inside the root folder {root} (--root): name every input under it, or leave --root out")]
pub struct OutsideRoot {
    /// The input as given.
    pub input: PathBuf,
    /// The root.
    pub root: PathBuf,
}

/// An input root (or `--root`) the run cannot see: the run stops before it
/// touches the outputs, so that an unmounted share or a cron user without
/// permission never publishes emptiness in place of the last results.
#[derive(Debug, Clone, thiserror::Error)]
#[error("cannot read the input {path}: {reason}; the outputs were left as they were")]
pub struct Unreachable {
    /// The path as given.
    pub path: PathBuf,
    /// Why, in words.
    pub reason: String,
}

/// True when `path` is a shell pattern left unexpanded (`drop/*` on an
/// empty night: the shell passes the pattern itself when nothing matches).
fn is_unexpanded_glob(path: &Path) -> bool {
    let text = path.to_string_lossy();
    text.contains(['*', '?']) || (text.contains('[') && text.contains(']'))
}

/// Checks that every input and the root can be read before the run starts.
/// Returns the inputs left to walk: a pattern the shell did not expand
/// names no file, and is dropped only when `allow_empty` says an empty
/// night is expected; otherwise it is an error like a missing folder.
pub fn check_reachable(
    inputs: &[PathBuf],
    root: Option<&Path>,
    allow_empty: bool,
) -> Result<Vec<PathBuf>, Unreachable> {
    if let Some(root) = root {
        reachable(root, true)?;
    }
    let mut kept = Vec::with_capacity(inputs.len());
    for input in inputs {
        match reachable(input, false) {
            Ok(()) => kept.push(input.clone()),
            Err(_) if allow_empty && is_unexpanded_glob(input) && !input.exists() => {}
            Err(e) => return Err(e),
        }
    }
    Ok(kept)
}

/// Whether one path can be read: it exists, and a folder can be listed (a
/// file is opened by its worker; a file that cannot be is that file's entry).
fn reachable(path: &Path, must_be_dir: bool) -> Result<(), Unreachable> {
    let fail = |reason: String| Unreachable { path: path.to_path_buf(), reason };
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && is_unexpanded_glob(path) => {
            return Err(fail(
                "a pattern the shell did not expand (nothing matched it: an empty drop folder?); \
                 --allow-empty writes empty outputs for such a night"
                    .into(),
            ))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(fail("no such file or folder (an unmounted share, a moved folder?)".into()))
        }
        Err(e) => return Err(fail(e.to_string())),
    };
    if meta.is_dir() {
        std::fs::read_dir(path).map_err(|e| fail(format!("the folder cannot be listed: {e}")))?;
    } else if must_be_dir {
        return Err(fail("not a folder (--root names the folder inputs are named from)".into()));
    }
    Ok(())
}

/// True when `dir` is (or was) a jixiao output folder: it holds the run
/// state folder `.jixiao/`. Such a folder is never an input, wherever it
/// lies and whatever `-o` says this time.
pub fn is_output_folder(dir: &Path) -> bool {
    dir.join(STATE_DIR).is_dir()
}

/// The run's state folder inside every output folder (lock, fragments,
/// temporary files): also the marker that tells an output folder.
pub const STATE_DIR: &str = ".jixiao";

/// `path` made absolute against the current folder, with `.` and `..`
/// resolved by their names (links are not followed: a name is a name).
fn lexical_absolute(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The folder every `source_file` is relative to: `root` when given (each
/// input must lie inside it), else the deepest folder holding every input
/// (the folder itself when one folder is given, a file's own folder when
/// one file is). Without `--root` the names depend on which inputs are
/// given together; a cron job whose arguments vary from night to night
/// (a glob) passes `--root` so that a file keeps its name.
pub fn base_of(inputs: &[PathBuf], root: Option<&Path>) -> Result<PathBuf, OutsideRoot> {
    let folder_of = |p: &Path| {
        let abs = lexical_absolute(p);
        if p.is_dir() {
            abs
        } else {
            abs.parent().map_or(abs.clone(), Path::to_path_buf)
        }
    };
    if let Some(root) = root {
        let base = lexical_absolute(root);
        if let Some(outside) = inputs.iter().find(|i| !lexical_absolute(i).starts_with(&base)) {
            return Err(OutsideRoot { input: outside.clone(), root: root.to_path_buf() });
        }
        return Ok(base);
    }
    let mut folders = inputs.iter().map(|p| folder_of(p));
    let Some(mut base) = folders.next() else { return Ok(PathBuf::new()) };
    for folder in folders {
        while !folder.starts_with(&base) {
            if !base.pop() {
                break;
            }
        }
    }
    Ok(base)
}

/// Expands the command-line inputs into files, each named by its path
/// relative to `base` (see [`base_of`]), leaving out everything under
/// `exclude` (the output folder). Links are followed only while they stay
/// inside the folder given, unless `follow_links`: a link to `/` or `/etc`
/// in a drop folder is a report entry, not a walk of the system.
pub fn collect(roots: &[PathBuf], base: &Path, exclude: Option<&Path>, follow_links: bool) -> Vec<Input> {
    let exclude = exclude.and_then(|p| p.canonicalize().ok());
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    // A folder given twice walks twice: its entries that cannot be read
    // (links that leave it, loops) are reported once, as its files are.
    let mut seen_errors: HashSet<PathBuf> = HashSet::new();
    let mut push_error = |out: &mut Vec<Input>, input: Input| {
        if seen_errors.insert(lexical_absolute(&input.path)) {
            out.push(input);
        }
    };
    for root in roots {
        let root_abs = lexical_absolute(root);
        let relative_of = |path: &Path| {
            let abs = path.strip_prefix(root).map_or_else(|_| lexical_absolute(path), |rest| root_abs.join(rest));
            let rel = abs.strip_prefix(base).ok().filter(|r| !r.as_os_str().is_empty());
            let name = || abs.file_name().map_or_else(|| "input".to_string(), os_name);
            rel.map(slash_path).unwrap_or_else(name)
        };
        if !root.exists() {
            out.push(Input { path: root.clone(), relative: relative_of(root), walk_error: None });
            continue;
        }
        let root_canonical = root.canonicalize().unwrap_or_else(|_| root.clone());
        let mut folders = CanonicalFolders::default();
        let mut walker = walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name().into_iter();
        while let Some(entry) = walker.next() {
            let e = match entry {
                Ok(e) => e,
                Err(err) => {
                    let path = err.path().map(Path::to_path_buf).unwrap_or_else(|| root.clone());
                    push_error(
                        &mut out,
                        Input { relative: relative_of(&path), path, walk_error: Some(err.to_string()) },
                    );
                    continue;
                }
            };
            let canonical = folders.canonical(&e);
            let is_dir = e.file_type().is_dir();
            let excluded = canonical.as_ref().zip(exclude.as_ref()).is_some_and(|(c, ex)| c.starts_with(ex));
            if is_dir && (excluded || e.file_name() == STATE_DIR || is_output_folder(e.path())) {
                walker.skip_current_dir();
                continue;
            }
            if e.path_is_symlink() && !follow_links {
                if let Some(target) = canonical.as_ref().filter(|c| !c.starts_with(&root_canonical)) {
                    if is_dir {
                        walker.skip_current_dir();
                    }
                    let error = format!(
                        "a link that leaves the input folder (to {}); it is not followed without --follow-links",
                        target.display()
                    );
                    let input = Input {
                        path: e.path().to_path_buf(),
                        relative: relative_of(e.path()),
                        walk_error: Some(error),
                    };
                    push_error(&mut out, input);
                    continue;
                }
            }
            if is_dir {
                continue;
            }
            // A file reached twice is converted once.
            if let Some(canonical) = canonical {
                if !seen.insert(canonical) {
                    continue;
                }
            }
            let walk_error = (!e.file_type().is_file()).then(|| not_regular(&e.file_type()));
            out.push(Input { path: e.path().to_path_buf(), relative: relative_of(e.path()), walk_error });
        }
    }
    refuse_shared_names(&mut out);
    out
}

/// Gives every input after the first of a name a `walk_error`: two inputs
/// of one `source_file` would be one document in the outputs and in a
/// database, where the second silently replaced the first. Names are one
/// to one ([`visible`]), so this is a guard, and the second input is a
/// failed entry (a `failures` row in a database), never a silent loss.
fn refuse_shared_names(inputs: &mut [Input]) {
    let mut names = HashSet::new();
    for input in inputs {
        if !names.insert(input.relative.clone()) && input.walk_error.is_none() {
            input.walk_error = Some(format!(
                "another input has the same name {}; it is not converted, so that neither replaces the other",
                input.relative
            ));
        }
    }
}

/// The canonical paths of the folders a walk is in, by depth, so that a
/// file's canonical path costs no system call: a walk yields a folder
/// before what it holds, and a file that is not a link, in a folder whose
/// canonical path is known, is that path and its name. Canonicalising
/// every file (a `readlink` per component of its path) was most of the
/// time a run spent before its first file could start.
#[derive(Default)]
struct CanonicalFolders {
    /// Index `d`: the folder entered at depth `d` (`None` when it could not
    /// be resolved).
    by_depth: Vec<Option<PathBuf>>,
}

impl CanonicalFolders {
    /// `e`'s canonical path, when it can be resolved.
    fn canonical(&mut self, e: &walkdir::DirEntry) -> Option<PathBuf> {
        let depth = e.depth();
        let parent = depth.checked_sub(1).and_then(|d| self.by_depth.get(d)).cloned().flatten();
        let canonical = match parent {
            Some(parent) if !e.path_is_symlink() => Some(parent.join(e.file_name())),
            _ => e.path().canonicalize().ok(),
        };
        if e.file_type().is_dir() {
            // Deeper folders are done with: the walk has left them.
            self.by_depth.resize(depth, None);
            self.by_depth.push(canonical.clone());
        }
        canonical
    }
}

/// A name as it can be shown and stored, one to one: the same text is
/// never the name of two inputs. `\` is the escape character and is
/// itself written `\\`; control characters (TAB, newline, ESC, DEL …)
/// and bidirectional overrides (U+202E …), which would corrupt a log line
/// or disguise a name, become `\u{…}`; a byte that is not UTF-8 (a GBK
/// name from a Chinese Windows zip) becomes `\xNN` (see [`os_name`]).
pub fn visible(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    push_visible(&mut out, name);
    out
}

fn push_visible(out: &mut String, text: &str) {
    for c in text.chars() {
        if c == '\\' {
            out.push_str("\\\\");
        } else if is_hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
}

/// One path component as [`visible`] text, from its bytes: valid UTF-8
/// runs as [`visible`] writes them, every other byte as `\xNN`, so that
/// two names that differ in one byte never share their text.
#[cfg(unix)]
pub fn os_name(name: &std::ffi::OsStr) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::with_capacity(name.len());
    for chunk in name.as_bytes().utf8_chunks() {
        push_visible(&mut out, chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

/// One path component as [`visible`] text: a UTF-16 unit that is no
/// character (an unpaired surrogate) is written `\u{d8xx}`, which no
/// character's escape can be.
#[cfg(not(unix))]
pub fn os_name(name: &std::ffi::OsStr) -> String {
    use std::os::windows::ffi::OsStrExt;
    let mut out = String::new();
    for unit in char::decode_utf16(name.encode_wide()) {
        match unit {
            Ok(c) => push_visible(&mut out, c.encode_utf8(&mut [0; 4])),
            Err(e) => out.push_str(&format!("\\u{{{:x}}}", e.unpaired_surrogate())),
        }
    }
    out
}

fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}')
}

/// Why a directory entry that is neither a file nor a folder is not read:
/// opening a FIFO blocks forever, a device never ends.
fn not_regular(kind: &std::fs::FileType) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let what = if kind.is_fifo() {
            "a FIFO"
        } else if kind.is_socket() {
            "a socket"
        } else if kind.is_char_device() || kind.is_block_device() {
            "a device"
        } else {
            "not a file"
        };
        format!("not a regular file ({what}); it is never opened")
    }
    #[cfg(not(unix))]
    {
        let _ = kind;
        "not a regular file; it is never opened".to_string()
    }
}

/// Most bytes of one output name component: 255 is the common file-system
/// limit, less room for `.json`, a `~N` suffix and temporary-file names.
const MAX_NAME_BYTES: usize = 200;

/// A name component that fits [`MAX_NAME_BYTES`]: longer ones keep their
/// first characters and end with a hash of the whole, so they stay unique.
fn fit_name(name: &str) -> String {
    let name: String = name.chars().map(|c| if is_hidden(c) { '_' } else { c }).collect();
    if name.len() <= MAX_NAME_BYTES {
        return name;
    }
    let hash = blake3::hash(name.as_bytes()).to_hex();
    let mut cut = MAX_NAME_BYTES - 10;
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}~{}", &name[..cut], &hash[..8])
}

/// A relative path as its `source_file`: each component by [`os_name`],
/// joined with `/` (which no component holds).
fn slash_path(p: &Path) -> String {
    p.components().map(|c| os_name(c.as_os_str())).collect::<Vec<_>>().join("/")
}

/// A path under the output folder for an input's JSON: only plain name
/// components survive (no `..`, no root, no drive), so it always stays
/// inside; escapes of hidden characters and separators become `_`; a name
/// too long for a file system is cut and given a hash of the whole; repeats
/// get `~2`, `~3`.
pub fn output_json_path(relative: &str, taken: &mut HashSet<String>) -> String {
    let parts: Vec<String> = Path::new(relative)
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(fit_name(&s.to_string_lossy().replace(['\\', ':'], "_"))),
            _ => None,
        })
        .filter(|s| !s.is_empty())
        .collect();
    let base = if parts.is_empty() { "input".to_string() } else { parts.join("/") };
    let mut candidate = format!("json/{base}.json");
    let mut n = 1;
    while !taken.insert(candidate.clone()) {
        n += 1;
        candidate = format!("json/{base}~{n}.json");
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths_stay_inside() {
        let mut taken = HashSet::new();
        assert_eq!(output_json_path("../../etc/passwd", &mut taken), "json/etc/passwd.json");
        assert_eq!(output_json_path("/abs/a.txt", &mut taken), "json/abs/a.txt.json");
        assert_eq!(output_json_path("a.txt", &mut taken), "json/a.txt.json");
        assert_eq!(output_json_path("a.txt", &mut taken), "json/a.txt~2.json");
        assert_eq!(output_json_path("..", &mut taken), "json/input.json");
    }

    #[test]
    fn output_folder_is_never_an_input_and_files_are_found_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("a.txt"), "x").expect("write");
        std::fs::create_dir_all(dir.path().join("out/json")).expect("mkdir");
        std::fs::write(dir.path().join("out/json/a.txt.json"), "{}").expect("write");
        let root = dir.path().to_path_buf();
        let found = collect(&[root.clone(), root.clone()], &root, Some(&root.join("out")), false);
        let names: Vec<_> = found.iter().map(|i| i.relative.as_str()).collect();
        assert_eq!(names.len(), 1, "{names:?}");
        assert!(names[0].ends_with("a.txt"), "{names:?}");
    }

    /// Names for `inputs` (relative to `dir`) with an optional root.
    fn names_of(dir: &Path, inputs: &[&str], root: Option<&str>) -> Result<Vec<String>, OutsideRoot> {
        let inputs: Vec<PathBuf> = inputs.iter().map(|i| dir.join(i)).collect();
        let base = base_of(&inputs, root.map(|r| dir.join(r)).as_deref())?;
        Ok(collect(&inputs, &base, None, false).into_iter().map(|i| i.relative).collect())
    }

    #[test]
    fn source_names_are_unique_and_do_not_depend_on_how_many_inputs_are_given() {
        let dir = tempfile::tempdir().expect("tempdir");
        for f in ["a/x.xlsx", "b/x.xlsx", "drop/night1/x.txt", "drop/night2/x.txt"] {
            std::fs::create_dir_all(dir.path().join(f).parent().expect("parent")).expect("mkdir");
            std::fs::write(dir.path().join(f), "x").expect("write");
        }
        let d = dir.path();
        // Two files of one name in two folders keep their folders.
        assert_eq!(names_of(d, &["a/x.xlsx", "b/x.xlsx"], None).expect("names"), ["a/x.xlsx", "b/x.xlsx"]);
        // One folder: names relative to it, as before.
        assert_eq!(names_of(d, &["drop/night2"], None).expect("names"), ["x.txt"]);
        // With --root a file keeps its name whatever else is given with it.
        let one = names_of(d, &["drop/night2"], Some("drop")).expect("names");
        let two = names_of(d, &["drop/night1", "drop/night2"], Some("drop")).expect("names");
        assert_eq!(one, ["night2/x.txt"]);
        assert_eq!(two, ["night1/x.txt", "night2/x.txt"]);
        assert_eq!(names_of(d, &["drop/./night1/../night1"], Some("drop")).expect("names"), ["night1/x.txt"]);
        let err = names_of(d, &["a/x.xlsx"], Some("drop")).expect_err("outside");
        assert!(err.to_string().contains("--root"), "{err}");
        // The same folder given twice, or by two spellings, is read once.
        assert_eq!(names_of(d, &["a", "a/../a/"], None).expect("names"), ["x.xlsx"]);
    }

    #[test]
    fn hidden_characters_and_long_names_are_made_safe() {
        assert_eq!(visible("a\nb\u{202e}c.txt"), "a\\u{a}b\\u{202e}c.txt");
        let mut taken = HashSet::new();
        assert_eq!(output_json_path(&visible("x\u{1b}y.txt"), &mut taken), "json/x_u{1b}y.txt.json");
        let long = "项".repeat(84); // 252 bytes: a valid name, too long with .json
        let path = output_json_path(&format!("d/{long}.txt"), &mut taken);
        let name = path.rsplit('/').next().expect("name");
        assert!(name.len() <= 255 && name.contains('~'), "{name}");
        assert_ne!(path, output_json_path(&format!("d/{long}.doc"), &mut taken), "still unique");
    }

    #[cfg(unix)]
    #[test]
    fn links_leaving_the_input_folder_are_entries_not_walks() {
        let dir = tempfile::tempdir().expect("tempdir");
        let input = dir.path().join("in");
        std::fs::create_dir_all(input.join("sub")).expect("mkdir");
        std::fs::write(input.join("sub/a.txt"), "x").expect("write");
        std::os::unix::fs::symlink("/etc", input.join("etc")).expect("link");
        std::os::unix::fs::symlink(input.join("sub"), input.join("inside")).expect("link");
        let found = collect(std::slice::from_ref(&input), &input, None, false);
        let etc = found.iter().find(|i| i.relative == "etc").expect("entry");
        assert!(etc.walk_error.as_deref().is_some_and(|e| e.contains("--follow-links")), "{etc:?}");
        assert!(found.iter().filter(|i| i.walk_error.is_none()).count() == 1, "{found:?}");
        assert!(collect(std::slice::from_ref(&input), &input, None, true).len() > 2, "--follow-links walks /etc");
    }

    #[cfg(unix)]
    #[test]
    fn canonical_paths_from_the_folders_equal_the_system_s() {
        let dir = tempfile::tempdir().expect("tempdir");
        let input = dir.path().join("in");
        std::fs::create_dir_all(input.join("a/b/c")).expect("mkdir");
        std::fs::create_dir_all(dir.path().join("elsewhere/d")).expect("mkdir");
        for file in ["top.txt", "a/one.txt", "a/b/two.txt", "a/b/c/three.txt"] {
            std::fs::write(input.join(file), "x").expect("write");
        }
        std::fs::write(dir.path().join("elsewhere/d/far.txt"), "x").expect("write");
        std::os::unix::fs::symlink(input.join("a/b"), input.join("a/link-to-b")).expect("link");
        std::os::unix::fs::symlink(input.join("a/one.txt"), input.join("a/b/c/link-to-one")).expect("link");
        std::os::unix::fs::symlink(dir.path().join("elsewhere"), input.join("out-link")).expect("link");
        // Walked through "in/./a/.." as given, with every link followed.
        let given = input.join(".").join("a").join("..");
        let mut folders = CanonicalFolders::default();
        let mut checked = 0;
        for entry in walkdir::WalkDir::new(&given).follow_links(true).sort_by_file_name() {
            let e = entry.expect("entry");
            assert_eq!(folders.canonical(&e), Some(e.path().canonicalize().expect("canonical")), "{:?}", e.path());
            checked += 1;
        }
        assert_eq!(checked, 17, "every folder, file and link was compared");
    }

    #[test]
    fn names_are_one_to_one_and_a_shared_one_fails_the_second_input() {
        assert_eq!(visible("\tA\\u{9}A\\"), "\\u{9}A\\\\u{9}A\\\\");
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let name = |b: &[u8]| os_name(std::ffi::OsStr::from_bytes(b));
            // GBK 绩效: D0 A7 happen to be UTF-8 (Ч), and are shown as such.
            assert_eq!(name(b"\xbc\xa8\xd0\xa7.txt"), "\\xBC\\xA8Ч.txt");
            assert_eq!(name("项\\xFF".as_bytes()), "项\\\\xFF");
            assert_ne!(name(b"\xff"), name(b"\\xFF"));
        }
        let input = |name: &str| Input { path: PathBuf::from(name), relative: name.into(), walk_error: None };
        let mut inputs = vec![input("a.txt"), input("b.txt"), input("a.txt")];
        refuse_shared_names(&mut inputs);
        assert!(inputs[0].walk_error.is_none() && inputs[1].walk_error.is_none());
        assert!(inputs[2].walk_error.as_deref().is_some_and(|e| e.contains("same name a.txt")), "{inputs:?}");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_an_entry_never_opened() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("x.txt");
        rustix::fs::mknodat(rustix::fs::CWD, &fifo, rustix::fs::FileType::Fifo, rustix::fs::Mode::RUSR, 0)
            .expect("mkfifo");
        let found = collect(&[dir.path().to_path_buf()], dir.path(), None, false);
        assert_eq!(found.len(), 1);
        assert!(found[0].walk_error.as_deref().is_some_and(|e| e.contains("FIFO")), "{found:?}");
    }
}
