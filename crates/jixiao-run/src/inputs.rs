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
/// under `exclude` (the output folder).
pub fn collect(roots: &[PathBuf], exclude: Option<&Path>) -> Vec<Input> {
    let exclude = exclude.and_then(|p| p.canonicalize().ok());
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let several = roots.len() > 1;
    for root in roots {
        let root_name = root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "input".into());
        if !root.exists() {
            out.push(Input { path: root.clone(), relative: root_name, walk_error: None });
            continue;
        }
        let walker = walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name().into_iter();
        let walker = walker.filter_entry(|e| {
            exclude.as_deref().is_none_or(|ex| e.path().canonicalize().map_or(true, |c| !c.starts_with(ex)))
        });
        for entry in walker {
            let relative_of = |path: &Path| {
                let rel = path.strip_prefix(root).ok().filter(|r| !r.as_os_str().is_empty());
                let rel = rel.map(slash_path).unwrap_or_else(|| root_name.clone());
                if several && path != root.as_path() {
                    format!("{root_name}/{rel}")
                } else {
                    rel
                }
            };
            match entry {
                Ok(e) if e.file_type().is_dir() => {}
                Ok(e) => {
                    // A file reached twice is converted once.
                    if let Ok(canonical) = e.path().canonicalize() {
                        if !seen.insert(canonical) {
                            continue;
                        }
                    }
                    let walk_error = (!e.file_type().is_file()).then(|| not_regular(&e.file_type()));
                    out.push(Input { path: e.path().to_path_buf(), relative: relative_of(e.path()), walk_error });
                }
                Err(err) => {
                    let path = err.path().map(Path::to_path_buf).unwrap_or_else(|| root.clone());
                    let relative = relative_of(&path);
                    out.push(Input { path, relative, walk_error: Some(err.to_string()) });
                }
            }
        }
    }
    out
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

fn slash_path(p: &Path) -> String {
    p.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// A path under the output folder for an input's JSON: only plain name
/// components survive (no `..`, no root, no drive), so it always stays
/// inside; repeats get `~2`, `~3`.
pub fn output_json_path(relative: &str, taken: &mut HashSet<String>) -> String {
    let parts: Vec<String> = Path::new(relative)
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().replace(['\\', ':'], "_")),
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
        let found = collect(&[root.clone(), root.clone()], Some(&root.join("out")));
        let names: Vec<_> = found.iter().map(|i| i.relative.as_str()).collect();
        assert_eq!(names.len(), 1, "{names:?}");
        assert!(names[0].ends_with("a.txt"), "{names:?}");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_an_entry_never_opened() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("x.txt");
        rustix::fs::mknodat(rustix::fs::CWD, &fifo, rustix::fs::FileType::Fifo, rustix::fs::Mode::RUSR, 0)
            .expect("mkfifo");
        let found = collect(&[dir.path().to_path_buf()], None);
        assert_eq!(found.len(), 1);
        assert!(found[0].walk_error.as_deref().is_some_and(|e| e.contains("FIFO")), "{found:?}");
    }
}
