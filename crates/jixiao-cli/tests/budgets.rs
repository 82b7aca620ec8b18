//! Budgets an analyst can sum and years to filter on, end to end: the unit
//! of each written budget is decided from the document's own figures (or a
//! sibling project's), exact in 元 and 万元; what cannot be decided is
//! flagged; every real workbook and every sample that states a year has it.

mod common;

use std::collections::HashMap;
use std::path::Path;

/// The gold's projects of one file: (name, budget as written) with counts.
fn gold_budgets(gold: &Path) -> HashMap<(String, String), usize> {
    let text = std::fs::read_to_string(gold).expect("gold");
    let mut lines = text.lines();
    let head: Vec<&str> = lines.next().expect("head").split('\t').collect();
    let col = |name: &str| head.iter().position(|h| *h == name).expect(name);
    let (code, name, budget) = (col("project_code"), col("project_name"), col("budget"));
    let mut seen = std::collections::HashSet::new();
    let mut out = HashMap::new();
    for line in lines {
        let f: Vec<&str> = line.split('\t').collect();
        if seen.insert((f[code].to_string(), f[name].to_string(), f[budget].to_string())) {
            *out.entry((f[name].to_string(), f[budget].to_string())).or_default() += 1;
        }
    }
    out
}

#[test]
fn real_budgets_are_read_in_yuan_where_the_evidence_is_clear_and_flagged_elsewhere() {
    let Some(shared) = common::shared() else { return };
    let (out, _) = common::convert_into(vec![shared.join("real/songgang-2023")]);
    let rows = common::csv_table(&out.path().join("projects.csv"));
    assert_eq!(rows.len(), 195);
    let (mut checked, mut flagged, mut by_evidence) = (0, 0, 0);
    for p in &rows {
        assert_eq!(p["year"], "2023", "{p:?}");
        if p["budget_scale_uncertain"] == "true" {
            flagged += 1;
            continue;
        }
        let gold = gold_budgets(&shared.join(format!("real/gold/{}.gold.tsv", p["source_file"])));
        let named: Vec<f64> =
            gold.keys().filter(|(n, _)| *n == p["project_name"]).filter_map(|(_, b)| b.parse().ok()).collect();
        if named.is_empty() || p["indicator_count"] == "0" {
            continue; // the gold lists indicator rows: a project without any is not in it
        }
        let yuan: f64 = p["budget_yuan"].parse().expect("budget_yuan");
        assert!(named.iter().any(|b| (b - yuan).abs() < 0.005), "{}: {yuan} 元, gold {named:?}", p["project_name"]);
        let wan: f64 = p["budget_wan"].parse().expect("budget_wan");
        assert!((wan * 10_000.0 - yuan).abs() < 0.01, "{p:?}");
        checked += 1;
        by_evidence += usize::from(matches!(p["budget_scale_basis"].as_str(), "evidence" | "siblings"));
    }
    assert!(checked >= 160, "{checked} projects compared with the gold ({flagged} flagged)");
    assert!(by_evidence >= 140, "{by_evidence} read in 元 on evidence");
    // The 4.35 万亿元 of the issue: the sum is now a street office's.
    let total: f64 = rows.iter().filter_map(|p| p["budget_wan"].parse::<f64>().ok()).sum();
    assert!(total < 100_000.0, "{total} 万元 in all");
}

/// A workbook in the layout of the real ones: one project per sheet.
fn sheet(book: &mut rust_xlsxwriter::Workbook, name: &str, budget: &str, basis: &str) {
    let ws = book.add_worksheet();
    ws.set_name(name).expect("name");
    let cells: &[(u32, u16, &str)] = &[
        (0, 0, "二级项目支出绩效目标申报表"),
        (1, 0, "项目编码："),
        (1, 3, "项目名称："),
        (1, 4, name),
        (2, 0, "申请单位："),
        (2, 1, "某某街道办事处"),
        (2, 3, "一级预算单位："),
        (2, 4, "某某街道办事处"),
        (3, 0, "实施期限："),
        (3, 1, "2024年1月-2024年12月"),
        (3, 3, "项目类型："),
        (3, 4, "15 其他经费"),
        (5, 0, "项目总金额（中期规划，万元）："),
        (5, 3, "本年度项目金额（万元）："),
        (5, 4, budget),
        (7, 0, "测算依据："),
        (7, 1, basis),
        (8, 0, "年度目标："),
        (8, 1, "保障工作站正常运转，服务辖区居民。"),
        (10, 0, "一级指标"),
        (10, 1, "二级指标"),
        (10, 2, "三级指标"),
        (10, 3, "目标值"),
        (10, 4, "指标解释"),
        (11, 0, "产出"),
        (11, 1, "数量"),
        (11, 2, "服务居民人数"),
        (11, 3, "≥100人"),
        (12, 0, "满意度"),
        (12, 1, "服务对象满意度"),
        (12, 2, "居民满意度"),
        (12, 3, "≥90%"),
    ];
    for (r, c, text) in cells {
        ws.write_string(*r, *c, *text).expect("write");
    }
}

#[test]
fn one_project_proves_yuan_and_its_siblings_follow_with_a_repair_naming_it() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).expect("mkdir");
    let mut book = rust_xlsxwriter::Workbook::new();
    sheet(&mut book, "甲项目", "296000", "人员经费共计29.6万元");
    sheet(&mut book, "乙项目", "1278700", "按实际需要安排");
    sheet(&mut book, "丙项目", "0", "");
    book.save(input.join("街道.xlsx")).expect("save");
    let (out, outcome) = common::convert_into(vec![input]);
    assert_eq!(outcome.failed, 0);
    let rows = common::csv_table(&out.path().join("projects.csv"));
    let by_name = |n: &str| rows.iter().find(|p| p["project_name"] == n).unwrap_or_else(|| panic!("{n}: {rows:?}"));
    let (a, b, c) = (by_name("甲项目"), by_name("乙项目"), by_name("丙项目"));
    assert_eq!((a["budget_yuan"].as_str(), a["budget_scale_basis"].as_str()), ("296000", "evidence"));
    assert_eq!((b["budget_yuan"].as_str(), b["budget_wan"].as_str()), ("1278700", "127.87"));
    assert_eq!((b["budget_unit_read"].as_str(), b["budget_scale_basis"].as_str()), ("元", "siblings"));
    assert!(b["warnings"].contains(&a["project_key"]), "the repair names the proving project: {}", b["warnings"]);
    assert_eq!(c["budget_yuan"], "0");
    // The project's own 实施期限 gives its year; the template's facts are kept.
    assert_eq!((b["year"].as_str(), b["project_type"].as_str()), ("2024", "15 其他经费"));
    assert_eq!(b["department"], "某某街道办事处");
    // The JSON has the repair with its evidence.
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("json/街道.xlsx.json")).expect("json"))
            .expect("json");
    let projects = doc["units"][0]["projects"].as_array().expect("projects");
    let scale = &projects.iter().find(|p| p["name"]["text"] == "乙项目").expect("乙")["budget_scale"];
    assert_eq!(scale["proved_by"], serde_json::json!(a["project_key"]));
    let repaired = &projects.iter().find(|p| p["name"]["text"] == "甲项目").expect("甲")["budget_scale"];
    assert_eq!(repaired["evidence"]["text"], "29.6万元");
}

#[test]
fn samples_that_state_a_year_have_it() {
    let (out, _) = common::convert_into(vec![common::samples()]);
    let rows = common::csv_table(&out.path().join("projects.csv"));
    let years = |file: &str| -> Vec<String> {
        rows.iter().filter(|p| p["source_file"] == file).map(|p| p["year"].clone()).collect()
    };
    // The titles state them: 天长市…2023 年项目支出绩效目标表, （2021年度）.
    for (file, year) in [("002_debd272c1fe79f5d.txt", "2023"), ("004_ff68eaab89af36f2.txt", "2021")] {
        let got = years(file);
        assert!(!got.is_empty() && got.iter().all(|y| y == year), "{file}: {got:?}");
    }
    // No text states it; the file name does, and the report says so.
    assert!(years("hengyang-2023.xlsx").iter().all(|y| y == "2023"));
    let report = common::report(out.path());
    let entry = report.files.iter().find(|f| f.input == "hengyang-2023.xlsx").expect("entry");
    assert!(entry.warning_counts.contains_key(&jixiao_model::Code::YearFromFileName), "{entry:?}");
}
