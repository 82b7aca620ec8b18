//! Finding input files: files as given, directories walked recursively in
//! a stable (sorted) order, with each file's path relative to its root.

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
    /// Set when the path could not be walked (a link loop, no permission).
    pub walk_error: Option<String>,
}

/// Expands the command-line inputs into files.
pub fn collect(roots: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    let several = roots.len() > 1;
    for root in roots {
        let root_name = root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "input".into());
        if root.is_file() || !root.exists() {
            out.push(Input { path: root.clone(), relative: root_name, walk_error: None });
            continue;
        }
        let walker = walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name();
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    let rel = e.path().strip_prefix(root).unwrap_or(e.path());
                    let rel = slash_path(rel);
                    let relative = if several { format!("{root_name}/{rel}") } else { rel };
                    out.push(Input { path: e.path().to_path_buf(), relative, walk_error: None });
                }
                Ok(_) => {}
                Err(err) => {
                    let path = err.path().map(Path::to_path_buf).unwrap_or_else(|| root.clone());
                    let rel = path.strip_prefix(root).map(slash_path).unwrap_or_else(|_| path.display().to_string());
                    out.push(Input { path, relative: rel, walk_error: Some(err.to_string()) });
                }
            }
        }
    }
    out
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
}
