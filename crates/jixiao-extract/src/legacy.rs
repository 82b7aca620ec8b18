//! Legacy Word binaries (.doc, .wps) through LibreOffice, when installed.
//!
//! No maintained pure-Rust reader keeps .doc table structure, so the file is
//! converted to .docx by `soffice --headless` and read by [`crate::docx`].
//! Each call gets its own temporary folder and LibreOffice profile (two
//! processes sharing a profile fail silently) and a time limit.

use crate::ExtractError;
use jixiao_model::{Diagnostic, Document};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The Debian package that provides what this module needs.
pub const PACKAGE: &str = "libreoffice-writer-nogui";

/// The LibreOffice binary on `PATH`, if any.
pub fn soffice() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).flat_map(|dir| ["soffice", "libreoffice"].map(|n| dir.join(n))).find(|p| p.is_file())
}

fn missing() -> ExtractError {
    ExtractError::Helper(format!(
        "legacy Word format (.doc/.wps) needs LibreOffice to read, and it is not installed: apt-get install {PACKAGE}"
    ))
}

fn clean_ext(extension: &str) -> String {
    let ext: String = extension.chars().filter(char::is_ascii_alphanumeric).take(8).collect();
    if ext.is_empty() {
        "doc".into()
    } else {
        ext.to_ascii_lowercase()
    }
}

/// Converts several legacy Word files in one LibreOffice call (start-up is
/// most of its cost: 8 files take about 3× one file, not 8×). Returns each
/// file's .docx bytes, or `None` for a file LibreOffice did not convert.
/// The call's time limit grows with the batch.
pub fn convert_batch(files: &[(&[u8], &str)], limits: &crate::Limits) -> Result<Vec<Option<Vec<u8>>>, ExtractError> {
    let bin = soffice().ok_or_else(missing)?;
    let dir = tempfile::tempdir()?;
    let mut inputs = Vec::with_capacity(files.len());
    for (i, (bytes, ext)) in files.iter().enumerate() {
        let input = dir.path().join(format!("f{i}.{}", clean_ext(ext)));
        std::fs::write(&input, bytes)?;
        inputs.push(input);
    }
    let out = dir.path().join("out");
    let timeout = Duration::from_secs(limits.helper_timeout_secs.saturating_mul(files.len().max(1) as u64));
    run(&bin, &inputs, &out, dir.path(), timeout)?;
    Ok((0..files.len()).map(|i| std::fs::read(out.join(format!("f{i}.docx"))).ok()).collect())
}

/// Reads the .docx LibreOffice made of a legacy Word file.
pub fn document_from_docx(docx: &[u8], extension: &str, limits: &crate::Limits) -> Result<Document, ExtractError> {
    let mut doc = crate::extract_bytes(docx, Some("docx"), limits)?;
    doc.format = format!("{} (via LibreOffice)", clean_ext(extension));
    doc.diagnostics.push(Diagnostic::warning("converted to .docx by LibreOffice before reading".to_string(), None));
    Ok(doc)
}

/// Converts one legacy Word file to .docx and extracts it.
pub fn convert_and_extract(bytes: &[u8], extension: &str, limits: &crate::Limits) -> Result<Document, ExtractError> {
    let docx = convert_batch(&[(bytes, extension)], limits)?.pop().flatten().ok_or_else(|| {
        ExtractError::Helper(
            "LibreOffice could not convert this file (it may be damaged or not a Word document)".into(),
        )
    })?;
    document_from_docx(&docx, extension, limits)
}

fn run(bin: &Path, inputs: &[PathBuf], out: &Path, work: &Path, timeout: Duration) -> Result<(), ExtractError> {
    let profile = format!("-env:UserInstallation=file://{}", work.join("profile").display());
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            &profile,
            "--convert-to",
            "docx",
            "--outdir",
        ])
        .arg(out)
        .args(inputs)
        .env("HOME", work)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| ExtractError::Helper(format!("cannot start LibreOffice ({}): {e}", bin.display())))?;
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait()? {
            return if status.success() {
                Ok(())
            } else {
                Err(ExtractError::Helper(format!("LibreOffice failed on this file ({status})")))
            };
        }
        if started.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            return Err(ExtractError::Helper(format!(
                "LibreOffice did not finish within {} s (--helper-timeout)",
                timeout.as_secs()
            )));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
