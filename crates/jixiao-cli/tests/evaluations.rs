//! evaluations.csv: a project's targets and its self-evaluation, read from
//! files of different formats in one run, linked row by row.

mod common;

use common::{convert_with, csv_table};

/// The self-evaluation of `project` as a workbook (自评表 layout: funds,
/// then 一级 | 二级 | 三级 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因).
fn self_evaluation_xlsx(path: &std::path::Path, rows: &[[&str; 8]]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let head: [[&str; 8]; 3] = [
        ["2024年度项目支出绩效自评表", "", "", "", "", "", "", ""],
        ["项目名称", "信访干部培训专项", "", "项目编码", "11000022T000000427117", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ];
    for (r, row) in head.iter().chain(rows).enumerate() {
        for (c, text) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *text).expect("cell");
        }
    }
    book.save(path).expect("save");
}

#[test]
fn a_text_target_table_and_an_xlsx_self_evaluation_are_linked_row_by_row() {
    let work = tempfile::tempdir().expect("tempdir");
    let input = work.path().join("in");
    std::fs::create_dir(&input).expect("mkdir");
    let target = "2024年项目支出绩效目标表\n项目名称\t信访干部培训专项\n项目编码\t11000022T000000427117\n\
一级指标\t二级指标\t三级指标\t指标值\n\
产出指标\t数量指标\t培训人数\t≥300人\n\
产出指标\t质量指标\t培训合格率\t≥95%\n\
满意度指标\t服务对象满意度指标\t参训学员满意度\t≥90%\n";
    std::fs::write(input.join("目标.txt"), target).expect("write");
    self_evaluation_xlsx(
        &input.join("自评.xlsx"),
        &[
            ["产出指标", "数量指标", "培训人数", "≥300人", "366人", "6", "6", ""],
            ["产出指标", "质量指标", "培训 合格率", "≥95%", "93%", "6", "5.5", "部分学员缺考，下年补考"],
            ["效益指标", "社会效益指标", "信访工作水平", "提升", "有所提升", "10", "9", ""],
        ],
    );
    let out = work.path().join("out");
    let book = work.path().join("book.xlsx");
    let (code, _) = convert_with(&input, &out, &["--xlsx", book.to_str().expect("utf-8")]);
    assert!(code <= 1, "exit {code}");
    let rows = csv_table(&out.join("evaluations.csv"));
    // The workbook holds them too, in Chinese, on its 目标完成 sheet.
    use calamine::Reader;
    let mut xlsx: calamine::Xlsx<_> = calamine::open_workbook(&book).expect("workbook");
    let sheet = xlsx.worksheet_range("目标完成").expect("目标完成");
    assert_eq!(sheet.height(), rows.len() + 1);
    let cells: Vec<String> = sheet.rows().nth(1).expect("row").iter().map(ToString::to_string).collect();
    assert!(cells.contains(&"已完成".to_string()), "{cells:?}");
    let got: Vec<(String, String, String)> =
        rows.iter().map(|r| (r["level3"].clone(), r["link"].clone(), r["outcome"].clone())).collect();
    assert_eq!(
        got,
        vec![
            ("培训人数".into(), "project_code+level3".into(), "met".into()),
            ("培训 合格率".into(), "project_code+level3".into(), "not_met".into()),
            ("信访工作水平".into(), "unmatched".into(), "not_comparable".into()),
            ("参训学员满意度".into(), "unmatched_target".into(), "no_result".into()),
        ]
    );
    // The linked target's place is given, and the gap is in its unit.
    assert_eq!(rows[0]["target_source_file"], "目标.txt");
    assert!(!rows[0]["target_source_ref"].is_empty());
    assert_eq!((rows[1]["gap"].as_str(), rows[1]["gap_unit"].as_str()), ("-2", "%"));
    assert_eq!(rows[1]["deviation"], "部分学员缺考，下年补考");
    // Run again without the self-evaluation: no results, no evaluations.
    std::fs::remove_file(input.join("自评.xlsx")).expect("rm");
    let (code, _) = convert_with(&input, &out, &[]);
    assert!(code <= 1, "exit {code}");
    assert!(!out.join("evaluations.csv").exists(), "an earlier run's evaluations were left");
}

#[test]
fn a_run_of_target_tables_writes_no_evaluations() {
    let out = tempfile::tempdir().expect("tempdir");
    let (code, _) = convert_with(&common::samples().join("luolong-2024.docx"), out.path(), &[]);
    assert!(code <= 1);
    assert!(!out.path().join("evaluations.csv").exists());
}
