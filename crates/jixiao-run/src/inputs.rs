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
    /// Its name in the outputs: relative to the directory given, or the
    /// file name; prefixed by the root's name when several roots are given.
    pub relative: String,
    /// Set when the path cannot be converted (a link loop, no permission,
    /// not a regular file).
    pub walk_error: Option<String>,
}

/// Expands the command-line inputs into files, leaving out everything
/// under `exclude` (the output folder). Links are followed only while they
/// stay inside the folder given, unless `follow_links`: a link to `/` or
/// `/etc` in a drop folder is a report entry, not a walk of the system.
pub fn collect(roots: &[PathBuf], exclude: Option<&Path>, follow_links: bool) -> Vec<Input> {
    let exclude = exclude.and_then(|p| p.canonicalize().ok());
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let several = roots.len() > 1;
    for root in roots {
        let root_name = root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "input".into());
        if !root.exists() {
            out.push(Input { path: root.clone(), relative: visible(&root_name), walk_error: None });
            continue;
        }
        let root_canonical = root.canonicalize().unwrap_or_else(|_| root.clone());
        let relative_of = |path: &Path| {
            let rel = path.strip_prefix(root).ok().filter(|r| !r.as_os_str().is_empty());
            let rel = rel.map(slash_path).unwrap_or_else(|| root_name.clone());
            visible(&if several && path != root.as_path() { format!("{root_name}/{rel}") } else { rel })
        };
        let mut walker = walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name().into_iter();
        while let Some(entry) = walker.next() {
            let e = match entry {
                Ok(e) => e,
                Err(err) => {
                    let path = err.path().map(Path::to_path_buf).unwrap_or_else(|| root.clone());
                    out.push(Input { relative: relative_of(&path), path, walk_error: Some(err.to_string()) });
                    continue;
                }
            };
            let canonical = e.path().canonicalize().ok();
            let is_dir = e.file_type().is_dir();
            if is_dir && canonical.as_ref().zip(exclude.as_ref()).is_some_and(|(c, ex)| c.starts_with(ex)) {
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
                    out.push(Input {
                        path: e.path().to_path_buf(),
                        relative: relative_of(e.path()),
                        walk_error: Some(error),
                    });
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
    out
}

/// A name as it can be shown and stored: control characters (newline, ESC,
/// DEL …) and bidirectional overrides (U+202E …), which would corrupt a
/// log line or disguise a name, become `\u{…}` escapes.
pub fn visible(name: &str) -> String {
    if !name.chars().any(is_hidden) {
        return name.to_string();
    }
    name.chars().map(|c| if is_hidden(c) { format!("\\u{{{:x}}}", c as u32) } else { c.to_string() }).collect()
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

fn slash_path(p: &Path) -> String {
    p.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
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
        let found = collect(&[root.clone(), root.clone()], Some(&root.join("out")), false);
        let names: Vec<_> = found.iter().map(|i| i.relative.as_str()).collect();
        assert_eq!(names.len(), 1, "{names:?}");
        assert!(names[0].ends_with("a.txt"), "{names:?}");
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
        let found = collect(std::slice::from_ref(&input), None, false);
        let etc = found.iter().find(|i| i.relative == "etc").expect("entry");
        assert!(etc.walk_error.as_deref().is_some_and(|e| e.contains("--follow-links")), "{etc:?}");
        assert!(found.iter().filter(|i| i.walk_error.is_none()).count() == 1, "{found:?}");
        assert!(collect(&[input], None, true).len() > 2, "--follow-links walks /etc");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_an_entry_never_opened() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("x.txt");
        rustix::fs::mknodat(rustix::fs::CWD, &fifo, rustix::fs::FileType::Fifo, rustix::fs::Mode::RUSR, 0)
            .expect("mkfifo");
        let found = collect(&[dir.path().to_path_buf()], None, false);
        assert_eq!(found.len(), 1);
        assert!(found[0].walk_error.as_deref().is_some_and(|e| e.contains("FIFO")), "{found:?}");
    }
}
