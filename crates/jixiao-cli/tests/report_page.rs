//! report.html as a person sees it: rendered by a real headless browser
//! (Debian's chromium, which .ci/run installs), every input of the sample
//! run is listed on the page, and the page needs no network.

mod common;

use std::path::Path;
use std::process::Command;

/// The browser, when installed. CI must have it.
fn chromium() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser"]
        .into_iter()
        .find(|b| Command::new(b).arg("--version").output().is_ok_and(|o| o.status.success()));
    assert!(found.is_some() || std::env::var_os("CI").is_none(), "CI installs chromium (.ci/run)");
    found
}

/// The DOM of `page` after a headless browser rendered it.
fn rendered(browser: &str, page: &Path) -> String {
    let profile = tempfile::tempdir().expect("profile");
    let out = Command::new(browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_report_page_lists_every_input_when_rendered() {
    let (out, outcome) = common::convert_into(vec![common::samples()]);
    let page = out.path().join("report.html");
    let html = std::fs::read_to_string(&page).expect("report.html");
    assert!(!html.contains("http://") && !html.contains("https://"), "no network");
    let Some(browser) = chromium() else { return };
    let dom = rendered(browser, &page);
    let report = common::report(out.path());
    assert_eq!(report.files.len(), outcome.files);
    for f in &report.files {
        assert!(dom.contains(&jixiao_emit::escape(&f.input)), "{} missing from the rendered page", f.input);
    }
    for part in ["Files by status", "Indicators by 一级指标", "Budget units", "Repairs the aligner made", "<svg"] {
        assert!(dom.contains(part), "{part} missing");
    }
}
