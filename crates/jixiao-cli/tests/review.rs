//! `jixiao review` (初审): each default rule's findings on the ten real
//! workbooks equal counts computed here, independently, from the
//! converter's CSVs; a custom rules file adds a finding; a malformed one is
//! a usage error naming its line; one sample's review is a snapshot.

mod common;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::Command;
use unicode_normalization::UnicodeNormalization;

type Row = HashMap<String, String>;

fn review(inputs: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .arg("review")
        .arg(inputs)
        .arg("-o")
        .arg(out)
        .arg("-q")
        .args(extra)
        .output()
        .expect("run jixiao review")
}

fn folded_len(s: &str) -> usize {
    s.nfkc().filter(|c| !c.is_whitespace()).count()
}

fn empty(s: &str) -> bool {
    let f: String = s.nfkc().filter(|c| !c.is_whitespace()).collect();
    [
        "",
        "无",
        "/",
        "-",
        "—",
        "--",
        "——",
        "不适用",
        "本项目不适用此指标",
        "不适应",
        "不涉及",
        "暂无",
        "无此项",
        "不适用。",
    ]
    .contains(&f.as_str())
}

/// A row that only marks a slot unused: its 三级指标 (or, with none, its
/// 指标值) is a placeholder.
fn placeholder_row(r: &Row) -> bool {
    if r["level3"].trim().is_empty() {
        empty(&r["target"])
    } else {
        empty(&r["level3"])
    }
}

/// True when a text names a time (a year, a day, an hour, a month's end),
/// read char by char here, independently of the rule's pattern.
fn names_a_time(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let numeral = |c: char| "零一二三四五六七八九十两".contains(c);
    let after = |mut i: usize| {
        while chars.get(i).is_some_and(|c| c.is_whitespace() || *c == '个') {
            i += 1;
        }
        let rest: String = chars[i.min(chars.len())..].iter().collect();
        rest
    };
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        if chars[i].is_ascii_digit() {
            while chars.get(i).is_some_and(char::is_ascii_digit) {
                i += 1;
            }
            let rest = after(i);
            let year = i - start >= 4 && rest.starts_with(['年', '.', '/', '-']);
            if year
                || ["月", "日", "号", "点", "时", "天", "工作日", "小时", "分钟"].iter().any(|u| rest.starts_with(u))
            {
                return true;
            }
        } else if numeral(chars[i]) {
            while chars.get(i).is_some_and(|c| numeral(*c)) {
                i += 1;
            }
            if ["点", "时", "天", "工作日", "小时", "分钟"].iter().any(|u| after(i).starts_with(u)) {
                return true;
            }
        } else {
            i += 1;
        }
    }
    ["月底", "年底", "月末", "年末"].iter().any(|w| text.contains(w))
}

/// Each default rule's findings, counted from indicators.csv and projects.csv.
fn expected_counts(out: &Path) -> HashMap<&'static str, usize> {
    let mut rows = common::csv_table(&out.join("indicators.csv"));
    rows.retain(|r| !placeholder_row(r));
    let projects = common::csv_table(&out.join("projects.csv"));
    let key = |r: &Row| (r["source_file"].clone(), r["project_key"].clone());
    let mut counts: HashMap<&'static str, usize> = HashMap::new();
    let mut add = |rule, hit: bool| *counts.entry(rule).or_default() += usize::from(hit);
    let described: HashSet<_> = rows.iter().filter(|r| !r["description"].trim().is_empty()).map(key).collect();
    let mut names = HashSet::new();
    let cost_family = ["成本指标", "经济成本指标", "社会成本指标", "生态环境成本指标"];
    for r in &rows {
        let kind = r["value_kind"].as_str();
        add("long-name", folded_len(&r["level3"]) > 15);
        add("empty-value", empty(&r["target"]) && r["target"].trim() != "无");
        add("empty-description", described.contains(&key(r)) && empty(&r["description"]));
        add("no-unit", matches!(kind, "quantity" | "amount") && r["value_unit"].is_empty());
        let measured =
            ["数量指标", "质量指标"].contains(&r["level2"].as_str()) || cost_family.contains(&r["level2"].as_str());
        add("not-measurable", measured && kind == "text");
        add("vague-deadline", r["level2"] == "时效指标" && kind == "text" && !names_a_time(&r["target"]));
        let name: String = r["level3"].nfkc().filter(|c| !c.is_whitespace()).collect();
        add("duplicate", !name.is_empty() && !names.insert((key(r), r["horizon"].clone(), name)));
    }
    let budgets: HashMap<_, f64> =
        projects.iter().filter_map(|p| Some((key(p), p["budget_yuan"].parse::<f64>().ok()?))).collect();
    for r in &rows {
        let cost = r["level2"].contains("成本") || r["level1"] == "成本指标";
        let unit = if r["value_unit"].is_empty() { "元" } else { r["value_unit"].trim_end_matches("/年") };
        let places =
            [("元", 0), ("千元", 3), ("万元", 4), ("亿元", 8)].iter().find(|(u, _)| *u == unit).map(|(_, p)| *p);
        let (value, budget) = (r["value"].parse::<f64>().ok(), budgets.get(&key(r)).copied());
        let over = match (places, value, budget) {
            (Some(p), Some(v), Some(b)) => b > 0.0 && v * 10f64.powi(p) > b * 1.0001,
            _ => false,
        };
        add("cost-vs-budget", cost && r["value_kind"] == "amount" && over);
    }
    let slots = ["数量指标", "质量指标", "时效指标", "成本指标", "社会效益指标"];
    for p in &projects {
        add("no-annual-goal", empty(&p["goal"]));
        if p["scope"] != "project" {
            continue;
        }
        let mine: Vec<&Row> = rows.iter().filter(|r| key(r) == key(p)).collect();
        let has = |s: &str| mine.iter().any(|r| r["level2"] == s || (s == "成本指标" && r["level1"] == s));
        add("required-level2", slots.iter().any(|s| !has(s)));
        add("required-satisfaction", !mine.iter().any(|r| r["level1"] == "满意度指标"));
    }
    counts
}

fn found_counts(out: &Path) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for f in common::csv_table(&out.join("review.csv")) {
        *counts.entry(f["rule"].clone()).or_default() += 1;
    }
    counts
}

#[test]
fn real_workbooks_findings_equal_independent_counts() {
    let Some(shared) = common::shared() else { return };
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    review(&shared.join("real/songgang-2023"), &out, &[]);
    let (expected, found) = (expected_counts(&out), found_counts(&out));
    for (rule, n) in &expected {
        assert_eq!(found.get(*rule).copied().unwrap_or(0), *n, "{rule}");
    }
    assert!(expected["long-name"] > 50 && expected["required-level2"] > 0, "{expected:?}");
    assert!(expected["required-satisfaction"] > 0, "{expected:?}");
    let findings = common::csv_table(&out.join("review.csv"));
    for f in &findings {
        // No finding on a placeholder row, no name flagged at the limit.
        assert!(!empty(&f["finding"]) || f["rule"] == "empty-value", "{f:?}");
        if f["rule"] == "long-name" {
            assert!(folded_len(&f["finding"]) > 15, "{f:?}");
        }
    }
    // The cost opinion quotes the target and compares in 万元.
    let cost = findings.iter().find(|f| f["rule"] == "cost-vs-budget").expect("a cost finding");
    assert!(cost["opinion"].contains("目标值“") && cost["opinion"].contains("（差"), "{cost:?}");
    // The report counts them by rule and by project.
    let report = common::report(&out);
    let summary = report.findings.expect("findings in report.json");
    assert_eq!(summary.total, found.values().sum::<usize>());
    assert_eq!(summary.by_rule.get("long-name"), found.get("long-name"));
    assert_eq!(summary.by_project.iter().map(|p| p.findings).sum::<usize>(), summary.total);
}

#[test]
fn a_custom_rule_adds_a_finding_and_a_malformed_file_names_its_line() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let rules = tmp.path().join("rules.toml");
    std::fs::write(
        &rules,
        "[[rule]]\nid = \"satisfaction-floor\"\ngroup = \"可行性\"\nseverity = \"info\"\napplies_to = \"indicator\"\n\
         when = { all = [{ field = \"level2\", in = [\"服务对象满意度指标\"] }, { field = \"value\", matches = \"^(8[0-9]|[0-7][0-9])$\" }] }\n\
         opinion = \"满意度目标「{target}」低于90%，请说明理由。\"\n",
    )
    .expect("write");
    let out = tmp.path().join("out");
    let rules_arg = rules.to_string_lossy().into_owned();
    let run =
        review(&common::samples(), &out, &["--rules", &rules_arg, "--xlsx", &out.join("a.xlsx").to_string_lossy()]);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let found = found_counts(&out);
    assert!(found.get("satisfaction-floor") > Some(&0), "{found:?}");
    assert!(found.get("long-name") > Some(&0), "the defaults still apply");
    let opinions: Vec<Row> = common::csv_table(&out.join("review.csv"));
    let custom = opinions.iter().find(|f| f["rule"] == "satisfaction-floor").expect("finding");
    assert!(custom["opinion"].starts_with("满意度目标「") && custom["opinion"].contains("」低于90%"), "{custom:?}");
    // The workbook has the same findings on its 审核意见 sheet.
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(out.join("a.xlsx")).expect("workbook");
    let sheet = book.worksheet_range("审核意见").expect("审核意见");
    assert_eq!(sheet.height(), opinions.len() + 1);

    std::fs::write(&rules, "[[rule]]\nid = \"x\"\ngroup = \"完整性\"\nseverity = \"fatal\"\n").expect("write");
    let run = review(&common::samples(), &tmp.path().join("bad"), &["--rules", &rules_arg]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("rules.toml:4"), "names the line: {stderr}");
    assert!(!tmp.path().join("bad/review.csv").exists(), "nothing ran");
    // A device that never ends (or any file past 1 MiB) is no rules file:
    // refused at once, not read until memory runs out.
    let fifo = tmp.path().join("rules.fifo");
    assert!(Command::new("mkfifo").arg(&fifo).status().expect("mkfifo").success());
    let big = tmp.path().join("big.toml");
    std::fs::write(&big, "#".repeat(2 << 20)).expect("write");
    let (fifo, big) = (fifo.to_string_lossy().into_owned(), big.to_string_lossy().into_owned());
    for endless in ["/dev/zero", "/dev/urandom", fifo.as_str(), tmp.path().to_str().expect("utf-8"), big.as_str()] {
        let run = review(&common::samples(), &tmp.path().join("endless"), &["--rules", endless]);
        assert_eq!(run.status.code(), Some(2), "{endless}");
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(stderr.contains("not a rules file"), "{endless}: {stderr}");
    }
    // A rule's error gives its reason and line, not serde's untagged enum.
    let bad = "[[rule]]\nid = \"x\"\ngroup = \"完整性\"\nseverity = \"error\"\napplies_to = \"indicator\"\nwhen = { field = \"level3\", longer_than = -1 }\nopinion = \"x\"\n";
    std::fs::write(&rules, bad).expect("write");
    let run = review(&common::samples(), &tmp.path().join("bad"), &["--rules", &rules_arg]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("rules.toml:6") && stderr.contains("0 or more, not -1"), "{stderr}");
    // A plain convert into the reviewed folder leaves no stale review.
    let converted = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .arg("convert")
        .arg(common::samples())
        .arg("-o")
        .arg(&out)
        .arg("-q")
        .status()
        .expect("convert");
    assert_eq!(converted.code(), Some(0));
    assert!(!out.join("review.csv").exists(), "review.csv is not this run's result");
}

#[test]
fn a_samples_review_is_its_snapshot() {
    let path = common::samples().join("001_8fcafb6e0b91ba75.txt");
    let doc = jixiao_extract::extract(&path, &jixiao_extract::Limits::default()).expect("extract");
    let record = jixiao_normalize::normalize("001_8fcafb6e0b91ba75.txt", &doc, &jixiao_align::align(&doc));
    let findings = jixiao_review::review(&record, &jixiao_review::RuleSet::defaults());
    let csv = String::from_utf8(jixiao_emit::csv_body(&findings, true).expect("csv")).expect("utf-8");
    insta::assert_snapshot!("review_001", csv);
}

/// A 自评表 as a text export: funds block (rate and 总分 as given) and
/// five indicator rows.
fn self_evaluation(rate: &str, funds_score: &str, total: &str, rows: &str) -> String {
    format!(
        "2024年度项目支出绩效自评表\n项目名称\t信访干部培训专项\n\
项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n\
\t年度资金总额：\t180.61\t180.00\t90.00\t10\t{rate}\t{funds_score}\n\
一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n\
{rows}\t总分\t\t\t\t100\t{total}\t\n"
    )
}

#[test]
fn the_self_evaluation_rules_fire_on_each_mistake_and_never_on_a_correct_table() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let correct_rows = "产出指标\t数量指标\t培训人数\t≥300人\t366人\t30\t30\t\n\
产出指标\t质量指标\t培训合格率\t≥95%\t93%\t30\t29.37\t部分学员缺考，下年补考\n\
效益指标\t社会效益指标\t信访工作水平\t提升\t有所提升\t35\t35\t\n";
    // 50% = 90 / 180; 29.37 = 30 × 93 / 95; and 30 + 29.37 + 35 + 5 = 99.37.
    let correct = tmp.path().join("correct");
    std::fs::create_dir(&correct).expect("mkdir");
    std::fs::write(correct.join("自评.txt"), self_evaluation("50.00%", "5", "99.37", correct_rows)).expect("write");
    let out = tmp.path().join("out-correct");
    let run = review(&correct, &out, &[]);
    assert!(run.status.code().is_some_and(|c| c <= 1), "{}", String::from_utf8_lossy(&run.stderr));
    let found = found_counts(&out);
    let selfeval: Vec<&String> = found.keys().filter(|k| k.starts_with("selfeval-")).collect();
    assert!(selfeval.is_empty(), "a correct 自评表 has no 自评 finding: {found:?}");

    // Met but scored below its weight; missed, scored out of proportion
    // (25 for 29.37) and with no reason; an actual in
    // another unit; a rate that is not 执行数 / 预算数; a total that does not add up.
    let wrong_rows = "产出指标\t数量指标\t培训人数\t≥300人\t366人\t30\t28\t评分从严\n\
产出指标\t质量指标\t培训合格率\t≥95%\t93%\t30\t25\t\n\
产出指标\t数量指标\t设备维护量\t≥330台套\t330万元\t0\t0\t\n\
效益指标\t社会效益指标\t信访工作水平\t提升\t有所提升\t35\t35\t\n";
    let wrong = tmp.path().join("wrong");
    std::fs::create_dir(&wrong).expect("mkdir");
    std::fs::write(wrong.join("自评.txt"), self_evaluation("100%", "10", "105", wrong_rows)).expect("write");
    let out = tmp.path().join("out-wrong");
    let run = review(&wrong, &out, &[]);
    assert!(run.status.code().is_some_and(|c| c <= 1), "{}", String::from_utf8_lossy(&run.stderr));
    let found = found_counts(&out);
    for rule in [
        "selfeval-score-when-met",
        "selfeval-score-missed",
        "selfeval-deviation-missing",
        "selfeval-actual-unit",
        "selfeval-execution-rate",
        "selfeval-funds-score",
        "selfeval-scores-add-up",
    ] {
        assert_eq!(found.get(rule), Some(&1), "{rule}: {found:?}");
    }
    let opinions: Vec<Row> = common::csv_table(&out.join("review.csv"));
    let rate = opinions.iter().find(|f| f["rule"] == "selfeval-execution-rate").expect("rate");
    assert!(rate["opinion"].contains("100%") && rate["opinion"].contains("50.00%"), "{rate:?}");
}
