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
    for part in ["文件状态", "各一级指标的指标数", "预算单位", "自动修复", "各类提示", "<svg"]
    {
        assert!(dom.contains(part), "{part} missing");
    }
    assert!(!dom.contains("初审意见"), "a convert run has no review section");
    // Each file's doubtful rows are listed with their place and doubt.
    for f in report.files.iter().filter(|f| !f.rows_to_check.is_empty()) {
        let row = &f.rows_to_check[0];
        assert!(dom.contains(&jixiao_emit::escape(&row.level3)), "{} of {} missing", row.level3, f.input);
        assert!(dom.contains(row.doubts[0].code.zh()), "{:?}", row.doubts[0].code);
    }
    assert!(report.files.iter().any(|f| !f.rows_to_check.is_empty()), "the samples have rows to check");
}

#[test]
fn a_review_run_puts_its_findings_on_the_page_by_rule_and_project() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    let run = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .arg("review")
        .arg(common::samples())
        .arg("-o")
        .arg(&out)
        .arg("-q")
        .output()
        .expect("run jixiao review");
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let html = std::fs::read_to_string(out.join("report.html")).expect("report.html");
    let findings = common::csv_table(&out.join("review.csv"));
    assert!(html.contains(&format!("初审意见（{} 条）", findings.len())), "the total");
    let mut by_rule: std::collections::BTreeMap<(String, String), usize> = Default::default();
    for f in &findings {
        *by_rule.entry((f["rule"].clone(), f["severity"].clone())).or_default() += 1;
    }
    for ((rule, severity), n) in &by_rule {
        let cell = format!(
            "<td><code>{rule}</code></td><td class=\"sev-{severity}\">{}</td><td class=\"n\">{n}</td>",
            jixiao_emit::severity_zh(severity)
        );
        assert!(html.contains(&cell), "{cell}");
    }
    // Every opinion is on the page (the samples have fewer than the cap).
    for f in &findings {
        assert!(html.contains(&jixiao_emit::escape(&f["opinion"])), "{}", f["opinion"]);
    }
    let Some(browser) = chromium() else { return };
    let dom = rendered(browser, &out.join("report.html"));
    assert!(dom.contains("各项目的意见") && dom.contains("审核意见"));
}
