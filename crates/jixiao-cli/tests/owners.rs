//! Owners never cross tables: a table that starts with a header block of
//! its own (项目名称, 项目编码, 预算数 rows) starts a new owner, even with a
//! blank 项目名称 (the unit's department table, or an unnamed project);
//! rows flow into the previous owner only when the layout says the table
//! continues (no header block of its own). Each case in .docx and as a
//! text export.

mod common;

use std::path::Path;

/// One table: rows of cells.
type Grid<'a> = Vec<Vec<&'a str>>;

/// The tables of a document of per-project tables, each after its title.
/// The last is the department's: blank 项目名称, the unit's total budget.
/// With `continued`, it has no header block: a table broken by a page.
fn layout(department_title: &str, continued: bool) -> Vec<(&str, Grid<'_>)> {
    let project = |name: &'static str, budget: &'static str, indicator: &'static str| -> Grid<'static> {
        vec![
            vec!["项目名称", name, "", ""],
            vec!["预算数（万元）", budget, "", ""],
            vec!["一级指标", "二级指标", "三级指标", "指标值"],
            vec!["产出指标", "数量指标", indicator, "≥10人"],
            vec!["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"],
        ]
    };
    let mut department: Grid<'_> = vec![
        vec!["项目名称", "", "", ""],
        vec!["预算数（万元）", "60", "", ""],
        vec!["一级指标", "二级指标", "三级指标", "指标值"],
    ];
    if continued {
        department.clear();
    }
    department.extend([
        vec!["产出指标", "数量指标", "部门履职人数", "≥30人"],
        vec!["效益指标", "社会效益指标", "部门运转保障", "有效保障"],
    ]);
    vec![
        ("1.甲项目绩效目标表", project("甲项目", "20", "培训人数")),
        ("2.乙项目绩效目标表", project("乙项目", "40", "走访人数")),
        (department_title, department),
    ]
}

fn docx(tables: &[(&str, Grid<'_>)]) -> Vec<u8> {
    let run = |t: &str| format!("<w:p><w:r><w:t>{t}</w:t></w:r></w:p>");
    let mut body = run("某某局2023年项目支出绩效目标表");
    for (title, grid) in tables {
        body.push_str(&run(title));
        body.push_str("<w:tbl>");
        for row in grid {
            body.push_str("<w:tr>");
            for cell in row {
                body.push_str(&format!("<w:tc>{}</w:tc>", run(cell)));
            }
            body.push_str("</w:tr>");
        }
        body.push_str("</w:tbl>");
    }
    common::docx_of(&body)
}

/// The same tables as a tab-separated text export (a blank line between).
fn text(tables: &[(&str, Grid<'_>)]) -> Vec<u8> {
    let mut out = String::from("某某局2023年项目支出绩效目标表\n");
    for (title, grid) in tables {
        out.push_str(&format!("\n{title}\n"));
        for row in grid {
            out.push_str(&row.join("\t"));
            out.push('\n');
        }
    }
    out.into_bytes()
}

/// (scope, project_name, budget, indicator_count) of every project.
fn owners_of(out: &Path) -> Vec<(String, String, String, String)> {
    let mut r = csv::Reader::from_path(out.join("projects.csv")).expect("projects.csv");
    let head: Vec<String> =
        r.headers().expect("head").iter().map(|h| h.trim_start_matches('\u{feff}').into()).collect();
    let col = |n: &str| head.iter().position(|h| h == n).expect(n);
    let (scope, name, budget, count) = (col("scope"), col("project_name"), col("budget"), col("indicator_count"));
    r.records()
        .map(|x| x.expect("row"))
        .map(|x| (x[scope].into(), x[name].into(), x[budget].into(), x[count].into()))
        .collect()
}

fn convert(files: &[(&str, Vec<u8>)]) -> Vec<Vec<(String, String, String, String)>> {
    files
        .iter()
        .map(|(name, bytes)| {
            let dir = tempfile::tempdir().expect("tempdir");
            std::fs::write(dir.path().join(name), bytes).expect("write");
            let (out, outcome) = common::convert_into(vec![dir.path().join(name)]);
            assert_eq!(outcome.failed, 0, "{name}: {:?}", outcome.failures);
            owners_of(out.path())
        })
        .collect()
}

fn owner(scope: &str, name: &str, budget: &str, rows: usize) -> (String, String, String, String) {
    (scope.into(), name.into(), budget.into(), rows.to_string())
}

#[test]
fn a_department_table_with_a_blank_project_name_is_its_own_owner() {
    let tables = layout("3.部门整体支出绩效目标表", false);
    for got in convert(&[("d.docx", docx(&tables)), ("d.txt", text(&tables))]) {
        assert_eq!(
            got,
            [
                owner("project", "甲项目", "20", 2),
                owner("project", "乙项目", "40", 2),
                owner("department", "", "60", 2)
            ]
        );
    }
}

#[test]
fn an_unnamed_table_that_is_not_the_departments_is_an_unnamed_project() {
    let tables = layout("3.项目支出绩效目标表", false);
    for got in convert(&[("u.docx", docx(&tables)), ("u.txt", text(&tables))]) {
        assert_eq!(got[2], owner("project", "", "60", 2), "{got:?}");
        assert_eq!(got[1], owner("project", "乙项目", "40", 2));
    }
}

#[test]
fn an_unnamed_table_takes_its_project_from_its_title() {
    // 泉州: `女子看守所保障经费项目绩效目标表` over a table with no 项目名称.
    let tables = layout("3.其他经费项目绩效目标表", false);
    for got in convert(&[("t.docx", docx(&tables)), ("t.txt", text(&tables))]) {
        assert_eq!(got[2], owner("project", "其他经费", "60", 2), "{got:?}");
    }
}

#[test]
fn a_table_continued_across_a_page_break_stays_with_its_owner() {
    let tables = layout("（续表）", true);
    for got in convert(&[("c.docx", docx(&tables)), ("c.txt", text(&tables))]) {
        assert_eq!(got, [owner("project", "甲项目", "20", 2), owner("project", "乙项目", "40", 4)]);
    }
}
