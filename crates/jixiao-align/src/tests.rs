//! Alignment of small documents built from the domain's layout families.

use crate::align;
use jixiao_model::aligned::{Horizon, Scope};

fn rows(text: &str) -> Vec<(String, String, String, String, String)> {
    let doc = jixiao_text::parse(text);
    let aligned = align(&doc);
    let mut out = Vec::new();
    for o in &aligned.owners {
        let owner = o.project_name.as_ref().or(o.unit_name.as_ref()).map(|t| t.text.clone()).unwrap_or_default();
        for r in &o.rows {
            let t = |x: &Option<jixiao_model::aligned::Traced>| x.as_ref().map(|t| t.text.clone()).unwrap_or_default();
            out.push((owner.clone(), t(&r.level1), t(&r.level2), t(&r.level3), t(&r.target)));
        }
    }
    out
}

fn row(o: &str, l1: &str, l2: &str, l3: &str, t: &str) -> (String, String, String, String, String) {
    (o.into(), l1.into(), l2.into(), l3.into(), t.into())
}

#[test]
fn fields_then_indicators_fill_down_and_infer_level1() {
    let text = "标题\n\t项目名称\n\t甲项目\n\n\t一级指标\n\t二级指标\n\t三级指标\n\t指标值\n\n\t\n\t数量指标\n\t人数\n\t6人\n\n\t\n\t\n\t次数\n\t≧2次\n\n\t效益指标\n\t社会效益指标\n\n\t知晓率\n\t≥95%\n";
    assert_eq!(
        rows(text),
        vec![
            row("甲项目", "产出指标", "数量指标", "人数", "6人"),
            row("甲项目", "产出指标", "数量指标", "次数", "≧2次"),
            row("甲项目", "效益指标", "社会效益指标", "知晓率", "≥95%"),
        ]
    );
}

#[test]
fn project_row_printed_after_its_first_indicators() {
    let text = "单位：某局\n\
单位代码\t单位（专项）名称\t资金总额\t一级指标\t二级指标\t三级指标\t指标值\n\
001001\t甲\t5.00\t成本指标\t经济成本指标\t费用\t5\n\
\t\t\t产出指标\t数量指标\t人数\t3\n\
\t\t\t满意度指标\t服务对象满意度指标\t满意度\t95\n\
\t\t\t成本指标\t经济成本指标\t乙费用\t8\n\
\t\t\t产出指标\t数量指标\t乙人数\t4\n\
单位代码\t单位（专项）名称\t资金总额\t一级指标\t二级指标\t三级指标\t指标值\n\
001001\t乙\t8.00\t\t质量指标\t合格率\t100\n";
    assert_eq!(
        rows(text),
        vec![
            row("甲", "成本指标", "经济成本指标", "费用", "5"),
            row("甲", "产出指标", "数量指标", "人数", "3"),
            row("甲", "满意度指标", "服务对象满意度指标", "满意度", "95"),
            row("乙", "成本指标", "经济成本指标", "乙费用", "8"),
            row("乙", "产出指标", "数量指标", "乙人数", "4"),
            row("乙", "产出指标", "质量指标", "合格率", "100"),
        ]
    );
}

#[test]
fn unit_total_row_is_not_a_project() {
    let text = "单位：某局\n单位代码\t单位（专项）名称\t资金总额\t一级指标\t二级指标\t三级指标\t指标值\n001001\t某局\t100.00\n001001\t甲\t5.00\t产出指标\t数量指标\t人数\t3\n";
    let doc = jixiao_text::parse(text);
    let aligned = align(&doc);
    assert_eq!(aligned.owners.len(), 1);
    assert_eq!(aligned.owners[0].project_name.as_ref().map(|t| t.text.as_str()), Some("甲"));
    assert_eq!(aligned.owners[0].unit_code.as_ref().map(|t| t.text.as_str()), Some("001001"));
}

#[test]
fn twin_tables_become_two_horizons() {
    let text = "项目名称\t甲\n绩效指标\t一级指标\t二级指标\t三级指标\t指标值\t绩效标准\t二级指标\t三级指标\t指标值\t绩效标准\n\t产出指标\t数量指标\t系统\t1个\t\t数量指标\t系统\t1个\t\n\t\t\t质量好\t提升\t\t\t质量指标\t质量好\t提升\n";
    let doc = jixiao_text::parse(text);
    let aligned = align(&doc);
    let o = &aligned.owners[0];
    let horizons: Vec<Horizon> = o.rows.iter().map(|r| r.horizon).collect();
    assert_eq!(horizons, vec![Horizon::MidTerm, Horizon::Annual, Horizon::MidTerm, Horizon::Annual]);
    assert!(o.rows.iter().all(|r| r.level1.as_ref().map(|t| t.text.as_str()) == Some("产出指标")));
    assert_eq!(o.rows[2].level2.as_ref().map(|t| t.text.as_str()), Some("质量指标"));
}

#[test]
fn department_table_and_placeholders() {
    let text = "部门整体支出绩效目标申报表\n\t部门名称\n\t某局\n\n\t一级指标\n\t二级指标\n\t三级指标\n\t指标值\n\n\t产出指标\n\t数量指标\n\t人数\n\t3\n\n\t\n\t质量指标\n\t不适用\n\t不适用\n\n\t\n\t\n\t备注：另附\n\t\n";
    let doc = jixiao_text::parse(text);
    let aligned = align(&doc);
    assert_eq!(aligned.owners.len(), 1);
    assert_eq!(aligned.owners[0].scope, Scope::Department);
    assert_eq!(aligned.owners[0].rows.len(), 1);
    assert_eq!(aligned.owners[0].skipped.len(), 2);
}

#[test]
fn twin_value_missing_on_one_side_is_a_repair_not_a_copy() {
    let text = "项目名称\t甲\n绩效指标\t一级指标\t二级指标\t三级指标\t指标值\t绩效标准\t二级指标\t三级指标\t指标值\t绩效标准\n\t产出指标\t成本指标\t运行成本\t≥240万元\t\t成本指标\t运行成本\n";
    let aligned = align(&jixiao_text::parse(text));
    let rows = &aligned.owners[0].rows;
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1].horizon, Horizon::Annual);
    assert!(rows[1].target.is_none(), "never copied from the other side");
    assert!(rows[1].repairs.contains(&jixiao_model::aligned::Repair::TwinValueMissing));
    assert!(!rows[0].repairs.contains(&jixiao_model::aligned::Repair::TwinValueMissing));
}

#[test]
fn level1_inference_and_twin_label_borrowing_are_repairs() {
    use jixiao_model::aligned::Repair;
    let text = "项目名称\t甲\n绩效指标\t一级指标\t二级指标\t三级指标\t指标值\t绩效标准\t二级指标\t三级指标\t指标值\t绩效标准\n\t\t数量指标\t系统\t1个\t\t数量指标\t系统\t1个\t\n\t\t\t质量好\t提升\t\t\t质量指标\t质量好\t提升\n";
    let aligned = align(&jixiao_text::parse(text));
    let rows = &aligned.owners[0].rows;
    assert!(rows[0].repairs.contains(&Repair::Level1Inferred), "{:?}", rows[0].repairs);
    assert!(rows[2].repairs.contains(&Repair::Level2FromTwin), "{:?}", rows[2].repairs);
}

#[test]
fn two_blocks_before_a_project_row_lose_no_rows() {
    // 甲's block, then two more blocks (乙's and 丙's) printed before any
    // project row of theirs, then only 丙's project row: 乙's rows have no
    // project row and go to the project before them, never nowhere.
    let text = "单位：某局\n\
单位代码\t单位（专项）名称\t资金总额\t一级指标\t二级指标\t三级指标\t指标值\n\
001001\t甲\t5.00\t成本指标\t经济成本指标\t甲费用\t5\n\
\t\t\t满意度指标\t服务对象满意度指标\t甲满意度\t95\n\
\t\t\t成本指标\t经济成本指标\t乙费用\t8\n\
\t\t\t满意度指标\t服务对象满意度指标\t乙满意度\t90\n\
\t\t\t成本指标\t经济成本指标\t丙费用\t3\n\
001001\t丙\t3.00\t满意度指标\t服务对象满意度指标\t丙满意度\t99\n";
    let got = rows(text);
    let names: Vec<&str> = got.iter().map(|r| r.3.as_str()).collect();
    for name in ["甲费用", "甲满意度", "乙费用", "乙满意度", "丙费用", "丙满意度"] {
        assert!(names.contains(&name), "{name} lost: {got:?}");
    }
    let owner = |n: &str| got.iter().find(|r| r.3 == n).map(|r| r.0.clone()).unwrap_or_default();
    assert_eq!(owner("乙费用"), "甲");
    assert_eq!(owner("丙费用"), "丙");
}

#[test]
fn packed_indicator_cells_become_rows_of_their_project() {
    let text = "部门名称：某局\n\
项目名称（资金使用单位）\t总计\t绩效目标\t绩效指标\n\
合计\t100.00\t\t\n\
某局\t100.00\t\t\n\
甲项目\t100.00\t完成年度任务\t1、1-产出指标；11-数量指标；培训人次；实施周期指标值:≥300人次；年度指标值:≥100人次。2、3-满意度指标；31-服务对象满意度；满意度；实施周期指标值:≥90%；年度指标值:≥95%。\n";
    let doc = jixiao_text::parse(text);
    let aligned = align(&doc);
    assert_eq!(aligned.owners.len(), 1, "one project; 合计 and the unit's row are no projects");
    let o = &aligned.owners[0];
    assert_eq!(o.project_name.as_ref().map(|t| t.text.as_str()), Some("甲项目"));
    assert_eq!(o.budget.as_ref().map(|t| t.text.as_str()), Some("100.00"));
    let got: Vec<(Horizon, &str, &str)> = o
        .rows
        .iter()
        .map(|r| (r.horizon, r.level3.as_ref().map_or("", |t| &t.text), r.target.as_ref().map_or("", |t| &t.text)))
        .collect();
    assert_eq!(
        got,
        vec![
            (Horizon::MidTerm, "培训人次", "≥300人次"),
            (Horizon::Annual, "培训人次", "≥100人次"),
            (Horizon::MidTerm, "满意度", "≥90%"),
            (Horizon::Annual, "满意度", "≥95%"),
        ]
    );
}

#[test]
fn a_flat_list_of_names_and_coded_project_rows() {
    // 重庆's 指标名称 list (no 一级/二级 columns) and 北京's CODE-NAME cells.
    let flat = "单位名称：某局\n指标名称\t指标性质\t指标值\t计量单位\t指标权重(%)\n续建水库\t≥\t27\t座\t20\n";
    assert_eq!(rows(flat), vec![row("某局", "", "", "续建水库", "27")], "the unit named above owns it");
    let coded = "项目名称\t项目总额\t一级指标\t二级指标\t三级指标\t绩效指标性质\t本年绩效指标值\t绩效度量单位\n\
11000022T000000427117-卫生健康委工作培训\t320.7\t产出指标\t数量指标\t培训人数\t≥\t6749\t人\n\
\t\t产出指标\t质量指标\t出勤率\t≥\t80\t%\n";
    let aligned = align(&jixiao_text::parse(coded));
    let o = &aligned.owners[0];
    assert_eq!(o.project_code.as_ref().map(|t| t.text.as_str()), Some("11000022T000000427117"));
    assert_eq!(o.project_name.as_ref().map(|t| t.text.as_str()), Some("卫生健康委工作培训"));
    assert_eq!(o.rows.len(), 2);
    assert_eq!(o.rows[0].target.as_ref().map(|t| t.text.as_str()), Some("6749"));
}

/// A project row whose name, budget and 项目概述 cells are merged down over
/// its indicator rows, as PDF disclosures draw them.
fn merged_owner_doc(text: &str, spans: &[(usize, usize, u32)]) -> jixiao_model::Document {
    let mut doc = jixiao_text::parse(text);
    let table = doc
        .blocks
        .iter_mut()
        .find_map(|b| match b {
            jixiao_model::Block::Table(t) => Some(t),
            jixiao_model::Block::Paragraph(_) => None,
        })
        .expect("a table");
    for &(r, c, span) in spans {
        table.rows[r][c].row_span = span;
        for below in &mut table.rows[r + 1..r + span as usize] {
            below[c] = jixiao_model::Cell { text: String::new(), row_span: 0, col_span: 0, ..below[c].clone() };
        }
    }
    doc
}

#[test]
fn rows_under_a_merged_project_cell_are_its_own() {
    // 甲's block opens and closes on 满意度指标, and its 项目概述 was cut by
    // a page break and printed again on the lower part (row 4).
    let text = "项目名称\t项目概述\t一级指标\t二级指标\t三级指标\t指标值\n\
甲\t概述甲\t满意度指标\t服务对象满意度指标\t满意度\t90\n\
\t\t产出指标\t数量指标\t人数\t3\n\
\t\t产出指标\t时效指标\t完成时间\t12月\n\
\t概述甲\t成本指标\t经济成本指标\t费用\t5\n\
\t\t满意度指标\t服务对象满意度指标\t联盟满意度\t80\n\
乙\t概述乙\t效益指标\t社会效益指标\t影响\t良好\n";
    let doc = merged_owner_doc(text, &[(1, 0, 5), (1, 1, 3), (4, 1, 2), (6, 0, 1)]);
    let aligned = align(&doc);
    let owners: Vec<(String, usize)> = aligned
        .owners
        .iter()
        .map(|o| (o.project_name.as_ref().map(|t| t.text.clone()).unwrap_or_default(), o.rows.len()))
        .collect();
    assert_eq!(owners, vec![("甲".to_string(), 5), ("乙".to_string(), 1)]);
}

fn names(doc: &jixiao_model::Document) -> Vec<(String, String)> {
    let aligned = align(doc);
    let t = |x: &Option<jixiao_model::aligned::Traced>| x.as_ref().map(|t| t.text.clone()).unwrap_or_default();
    aligned.owners.iter().flat_map(|o| o.rows.iter().map(move |r| (t(&r.level3), t(&r.target)))).collect()
}

#[test]
fn a_name_wrapped_past_its_cell_joins_the_row_above() {
    // Row 2 holds the last line of row 1's name; row 1's 指标值 cell is
    // merged down over it. Empty template slots (`指标 2：`) are no rows.
    let text = "一级指标\t二级指标\t三级指标\t指标值\n\
产出指标\t数量指标\t指标 1：做好抗旱减灾、森林防火及治污减霾工\t减少公共财政支出\n\
\t\t作\t\n\
\t\t指标 2：\t\n\
\t\t指标 3：特色农业气象服务\t增产\n";
    let doc = merged_owner_doc(text, &[(1, 3, 2)]);
    assert_eq!(
        names(&doc),
        vec![
            ("指标 1：做好抗旱减灾、森林防火及治污减霾工作".to_string(), "减少公共财政支出".to_string()),
            ("指标 3：特色农业气象服务".to_string(), "增产".to_string()),
        ]
    );
}

#[test]
fn a_header_repeated_with_its_title_at_a_page_top_is_no_row() {
    // The department table goes on over a page: its title (one cell across)
    // and its three-row header, merged cells running down, print again.
    let text = "单位编码\t单位名称\t资金总额\t一般公共预算\t一级指标\t二级指标\t三级指标\t指标值\n\
001\t某局\t9\t9\t产出指标\t数量指标\t人数\t3\n\
2025年部门整体支出绩效目标表 单位：万元\t\t\t\t\t\t\t\n\
单位编码\t单位名称\t年度预算申请\t\t\t\t\t\n\
\t\t资金总额\t按收入性质分\t\t\t\t\n\
\t\t\t一般公共预算\t一级指标\t二级指标\t三级指标\t指标值\n\
\t\t\t\t效益指标\t社会效益指标\t次数\t4\n";
    let mut doc = merged_owner_doc(text, &[(3, 0, 3), (3, 1, 3), (4, 2, 2)]);
    if let Some(jixiao_model::Block::Table(t)) =
        doc.blocks.iter_mut().find(|b| matches!(b, jixiao_model::Block::Table(_)))
    {
        let (title, header) = (&mut t.rows[2], 3);
        title[0].col_span = 8;
        for cell in &mut title[1..] {
            *cell = jixiao_model::Cell { text: String::new(), row_span: 0, col_span: 0, ..cell.clone() };
        }
        t.rows[header][2].col_span = 2;
        t.rows[header][3] = jixiao_model::Cell { row_span: 0, col_span: 0, ..t.rows[header][3].clone() };
    }
    assert_eq!(names(&doc), vec![("人数".to_string(), "3".to_string()), ("次数".to_string(), "4".to_string())]);
}

#[test]
fn the_first_table_is_named_by_its_title_even_when_the_title_wraps() {
    let mut doc = jixiao_text::parse(
        "资金总额：\t866.40\n一级指标\t二级指标\t三级指标\t目标值\n产出指标\t数量指标\t项目完成率\t≥100%\n",
    );
    let para = |text: &str| {
        jixiao_model::Block::Paragraph(jixiao_model::Paragraph { text: text.into(), source: Default::default() })
    };
    doc.blocks.insert(0, para("标表"));
    doc.blocks.insert(0, para("泉州市社会治理现代化智慧调度指挥中心项目绩效目"));
    let aligned = align(&doc);
    let names: Vec<Option<&str>> =
        aligned.owners.iter().map(|o| o.project_name.as_ref().map(|t| t.text.as_str())).collect();
    assert_eq!(names, vec![Some("泉州市社会治理现代化智慧调度指挥中心")]);
}

#[test]
fn a_department_list_with_labels_in_front_of_each_name() {
    let text = "部门名称\t某办\n\
活动\t绩效指标\t指标性质\t指标值\t度量单位\n\
信访业务经费\t产出指标质量指标来信扫描完成率\t＝\t100\t%\n\
系统建设\t效益指标社会效益指标保障接访工作的运转\t定性\t优\t\n";
    assert_eq!(
        rows(text),
        vec![
            row("某办", "产出指标", "质量指标", "来信扫描完成率", "100"),
            row("某办", "效益指标", "社会效益指标", "保障接访工作的运转", "优"),
        ]
    );
}

#[test]
fn a_self_evaluation_reads_its_type_column_and_leaves_totals_and_notes_out() {
    // 重庆's 项目支出绩效自评表: 指标类型 holds 产出类指标 (kept as printed) or a
    // 二级 (数量指标, its 一级 inferred); 总分 and 说明 rows are no indicators.
    let text = "项目名称\t甲\n\
指标类型\t指标名称\t指标性质\t指标值\t计量单位\t指标权重\t全年完成值\n\
数量指标\t基地数量\t≥\t1\t个\t15\t3\n\
产出类指标\t发放准确率\t≥\t95\t%\t5\t100\n\
总分\t\t\t\t\t100\t98\n\
说明\t请在此处逐一说明原因\t\t\t\t\t\n";
    assert_eq!(
        rows(text),
        vec![row("甲", "产出指标", "数量指标", "基地数量", "1"), row("甲", "产出类指标", "", "发放准确率", "95")]
    );
}

#[test]
fn a_project_row_printed_again_with_its_amount_gives_the_budget() {
    // A page break printed the project's name on both parts, its amount
    // only on the second.
    let text = "项目名称\t项目总额\t一级指标\t二级指标\t三级指标\t指标值\n\
甲\t\t产出指标\t数量指标\t人数\t3\n\
甲\t129.66\t产出指标\t质量指标\t合格率\t100\n";
    let aligned = align(&jixiao_text::parse(text));
    assert_eq!(aligned.owners.len(), 1);
    assert_eq!(aligned.owners[0].budget.as_ref().map(|t| t.text.as_str()), Some("129.66"));
    assert_eq!(aligned.owners[0].rows.len(), 2);
}

#[test]
fn a_report_heading_names_the_indicator_table_that_follows_it() {
    // A project's own table, then an evaluation report on another project
    // whose 绩效指标表 has no fields: the heading, wrapped over two lines,
    // names it; it does not go to the project before.
    let mut doc = jixiao_text::parse(
        "项目名称\t信息化运行维护\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t维护量\t≥330台套\n",
    );
    let report =
        jixiao_text::parse("一级指标\t二级指标\t三级指标\t指标值\n成本指标\t经济成本指标\t项目总成本\t不超过预算\n");
    let para = |text: &str| {
        jixiao_model::Block::Paragraph(jixiao_model::Paragraph { text: text.into(), source: Default::default() })
    };
    doc.blocks.push(para("2024 年度全国信访信息系统维护费项目"));
    doc.blocks.push(para("绩效评价报告"));
    doc.blocks.push(para("表 1：项目年度绩效指标表"));
    doc.blocks.extend(report.blocks);
    let aligned = align(&doc);
    let owners: Vec<(Option<&str>, usize)> =
        aligned.owners.iter().map(|o| (o.project_name.as_ref().map(|t| t.text.as_str()), o.rows.len())).collect();
    assert_eq!(owners, vec![(Some("信息化运行维护"), 1), (Some("全国信访信息系统维护费"), 1)]);
}

#[test]
fn a_group_whose_numbering_starts_again_without_a_label_has_no_level2() {
    let text = "一级指标\t二级指标\t三级指标\t指标值\n\
产出指标\t数量指标\t指标 1：作业次数\t12次\n\
\t\t指标 2：预警信息\t3万条\n\
\t\t指标 1：作业效果\t增加10%\n\
\t质量指标\t指标 2：准确率\t≥90%\n\
\t\t指标 1：传输率\t≥98%\n\
\t\t指标 2：及时率\t100%\n";
    let rows = rows(text);
    let level2: Vec<&str> = rows.iter().map(|r| r.2.as_str()).collect();
    // The third row opens a group whose label is printed on its next row
    // (a page break cut the merged cell above it); the fifth opens one whose
    // label the form left out.
    assert_eq!(level2, vec!["数量指标", "数量指标", "质量指标", "质量指标", "", ""]);
}

/// A project list (北京's 预算13表) cut by a page break: the table's next
/// part is parsed from `below` and put on page 2.
fn list_over_two_pages(above: &str, below: &str) -> Vec<(String, String, String, String, String)> {
    let header = "项目名称\t项目目标\t一级指标\t二级指标\t三级指标\t指标值\n";
    let mut doc = jixiao_text::parse(&format!("{header}{above}"));
    let mut next = jixiao_text::parse(below);
    for block in &mut next.blocks {
        if let jixiao_model::Block::Table(t) = block {
            t.rows.iter_mut().flatten().for_each(|c| {
                c.source.block = 1;
                c.source.page = Some(2);
            });
        }
    }
    for block in &mut doc.blocks {
        if let jixiao_model::Block::Table(t) = block {
            t.rows.iter_mut().flatten().for_each(|c| c.source.page = Some(1));
        }
    }
    doc.blocks.extend(next.blocks);
    let aligned = align(&doc);
    let mut out = Vec::new();
    for o in &aligned.owners {
        let owner = o.project_name.as_ref().map(|t| t.text.clone()).unwrap_or_default();
        let code = o.project_code.as_ref().map(|t| t.text.clone()).unwrap_or_default();
        for r in &o.rows {
            let t = |x: &Option<jixiao_model::aligned::Traced>| x.as_ref().map(|t| t.text.clone()).unwrap_or_default();
            out.push((owner.clone(), code.clone(), t(&r.level3), t(&r.target), String::new()));
        }
    }
    out
}

#[test]
fn a_project_cell_cut_in_pieces_by_a_page_break_is_one_project() {
    let code = "11000026T000003726813";
    // Only the code's first line above the break; the whole cell below.
    let rows = list_over_two_pages(
        "11000026T00000372\t目标\t产出指标\t数量指标\t发表论文\t2\n",
        "11000026T00000372 6813-肿瘤所研究项目\t目标\t产出指标\t质量指标\t合格率\t100\n",
    );
    let owners: Vec<(&str, &str)> = rows.iter().map(|r| (r.0.as_str(), r.1.as_str())).collect();
    assert_eq!(owners, vec![("肿瘤所研究项目", code), ("肿瘤所研究项目", code)]);
    // The whole cell above; only its last line, with the code's tail, below.
    let rows = list_over_two_pages(
        "11000026T00000372 6813-肿瘤所研究项目\t目标\t产出指标\t数量指标\t发表论文\t2\n",
        "6813-肿瘤所研究项目\t目标\t产出指标\t质量指标\t合格率\t100\n",
    );
    let owners: Vec<(&str, &str)> = rows.iter().map(|r| (r.0.as_str(), r.1.as_str())).collect();
    assert_eq!(owners, vec![("肿瘤所研究项目", code), ("肿瘤所研究项目", code)]);
    // Two whole cells are two projects, whatever their names share.
    let rows = list_over_two_pages(
        "11000026T000003726813-肿瘤所研究项目\t目标\t产出指标\t数量指标\t发表论文\t2\n",
        "11000026T000003726814-肿瘤所研究项目二期\t目标\t产出指标\t质量指标\t合格率\t100\n",
    );
    assert_eq!(rows[1].0, "肿瘤所研究项目二期");
}

#[test]
fn the_rest_of_a_cut_goal_at_a_page_top_is_no_new_project() {
    // The goal cell goes on at the top of page 2 beside a blank name cell:
    // the rows there are still the project's above the break.
    let rows = list_over_two_pages(
        "11000026T000003709866-氨基酸研究\t明确关键调控\t产出指标\t数量指标\t发表论文\t2\n",
        "\t节点\t成本指标\t经济成本指标\t材料费\t226.59\n\
11000026T000003709879-衰老机制研究\t目标\t满意度指标\t服务对象满意度指标\t满意度\t90\n",
    );
    let owners: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(owners, vec!["氨基酸研究", "氨基酸研究", "衰老机制研究"]);
}

#[test]
fn a_self_evaluations_funds_block_is_read_under_its_headers() {
    let text = "项目名称\t培训专项\n\
项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n\
\t年度资金总额：\t180.61\t180.03\t180.03\t10.0\t100.00%\t10\n\
\t其中：财政拨款\t140.61\t140.61\t140.61\t--\t0.0%\t--\n\
一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n\
产出指标\t数量指标\t培训人数\t≥300人\t366人\t6\t6\t\n";
    let doc = jixiao_text::parse(text);
    let aligned = align(&doc);
    let o = &aligned.owners[0];
    let t = |x: &Option<jixiao_model::aligned::Traced>| x.as_ref().map(|t| t.text.clone()).unwrap_or_default();
    let f = &o.facts.funds;
    let funds = [&f.planned, &f.budget, &f.executed, &f.weight, &f.rate, &f.score].map(t);
    assert_eq!(funds, ["180.61", "180.03", "180.03", "10.0", "100.00%", "10"].map(String::from));
    assert_eq!(t(&o.budget), "180.03", "the year's budget as adjusted");
    let r = &o.rows[0].results;
    assert_eq!([&r.actual, &r.weight, &r.score].map(t), ["366人", "6", "6"].map(String::from));
    assert_eq!(o.kind, jixiao_model::aligned::DocumentKind::SelfEvaluation);
}
