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

/// Converts a legacy Word file to .docx and extracts it.
pub fn convert_and_extract(bytes: &[u8], extension: &str, limits: &crate::Limits) -> Result<Document, ExtractError> {
    let bin = soffice().ok_or_else(|| {
        ExtractError::Helper(format!(
            "legacy Word format (.{extension}) needs LibreOffice to read, and it is not installed: apt-get install {PACKAGE}"
        ))
    })?;
    let dir = tempfile::tempdir()?;
    let ext: String = extension.chars().filter(char::is_ascii_alphanumeric).take(8).collect();
    let input = dir.path().join(format!("input.{}", if ext.is_empty() { "doc" } else { &ext }));
    std::fs::write(&input, bytes)?;
    let out = dir.path().join("out");
    run(&bin, &input, &out, dir.path(), Duration::from_secs(limits.helper_timeout_secs))?;
    let docx = std::fs::read(out.join("input.docx")).map_err(|_| {
        ExtractError::Helper(
            "LibreOffice could not convert this file (it may be damaged or not a Word document)".into(),
        )
    })?;
    let mut doc = crate::extract_bytes(&docx, Some("docx"), limits)?;
    doc.format = format!("{} (via LibreOffice)", if ext.is_empty() { "doc" } else { &ext });
    doc.diagnostics.push(Diagnostic::warning("converted to .docx by LibreOffice before reading".to_string(), None));
    Ok(doc)
}

fn run(bin: &Path, input: &Path, out: &Path, work: &Path, timeout: Duration) -> Result<(), ExtractError> {
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
        .arg(input)
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
