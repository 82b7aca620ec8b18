#!/usr/bin/env python3
"""Writes the self-evaluation and monitoring samples and their gold.

samples/selfeval-2024-peixun.txt    财政部 项目支出绩效自评表, a text export (UTF-8)
samples/selfeval-2023-jiaoyu.docx   the same layout in Word: 一级/二级 merged down
samples/selfeval-2021-jiuye.xlsx    重庆's layout: 指标类型 | 指标名称 | 指标性质 | 指标值 |
                                    计量单位 | 指标权重 | 全年完成值 | 评价标准
samples/monitoring-2024-zuqiu.xlsx  财政部 执行监控表: 偏差原因分析 and 完成目标可能性
                                    over labelled sub-columns, ticks in them

The gold (tests/gold/NAME.gold.tsv) is written from the same rows, so the
samples and their answers cannot drift apart. Needs python-docx and
openpyxl (pip install python-docx openpyxl); run from the repository root.
"""
import csv
import os

import docx
import openpyxl
from docx.shared import Pt

GOLD_COLUMNS = ["scope", "horizon", "unit_code", "unit_name", "project_code", "project_name", "budget",
                "level1", "level2", "level3", "description", "target", "basis", "actual", "weight",
                "score", "deviation", "progress", "likelihood", "criterion"]


def gold(name, unit, project, budget, rows, code=""):
    """rows: dicts with level1, level2, level3, target and result fields."""
    path = os.path.join("tests", "gold", name + ".gold.tsv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(GOLD_COLUMNS)
        for r in rows:
            base = {"scope": "project", "horizon": "annual", "unit_name": unit, "project_code": code,
                    "project_name": project, "budget": budget}
            w.writerow([{**base, **r}.get(c, "") for c in GOLD_COLUMNS])


# ---- 1. 财政部 自评表 as a text export -------------------------------------
PEIXUN = [
    ("产出指标", "数量指标", "培训人数", "≥300人", "366人", "20", "20", ""),
    ("产出指标", "数量指标", "培训班期数", "≥6期", "6期", "10", "10", ""),
    ("产出指标", "质量指标", "培训合格率", "≥95%", "93%", "10", "8", "部分学员因工作冲突缺考，下年度安排补考"),
    ("产出指标", "时效指标", "培训按计划完成率", "100%", "100%", "10", "10", ""),
    ("成本指标", "经济成本指标", "人均培训费", "≤550元", "492元", "10", "10", ""),
    ("效益指标", "社会效益指标", "学员业务能力提升", "明显提升", "明显提升", "20", "18", "个别课程针对性不足，后续优化课程设置"),
    ("满意度指标", "服务对象满意度指标", "参训学员满意度", "≥90%", "96%", "10", "10", ""),
]


def peixun_txt():
    lines = [
        "项目支出绩效自评表",
        "（2024年度）",
        "项目名称\t干部教育培训专项",
        "主管部门\t某市信访局\t实施单位\t某市信访局本级",
        "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
        "\t年度资金总额：\t180.61\t180.03\t180.03\t10\t100.00%\t10",
        "\t其中：当年财政拨款\t140.61\t140.61\t140.61\t—\t—\t—",
        "\t上年结转资金\t40.00\t39.42\t39.42\t—\t—\t—",
        "年度总体目标\t预期目标：完成全年干部教育培训任务\t实际完成情况：完成6期培训，366人参训",
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
    ]
    lines += ["\t".join(r) for r in PEIXUN]
    lines.append("总分\t\t\t\t\t100\t96\t")
    with open("samples/selfeval-2024-peixun.txt", "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    gold("selfeval-2024-peixun.txt", "某市信访局本级", "干部教育培训专项", "180.03",
         [dict(zip(["level1", "level2", "level3", "target", "actual", "weight", "score", "deviation"], r))
          for r in PEIXUN])


# ---- 2. the same layout in Word, 一级/二级 merged down ------------------------
JIAOYU = [
    ("产出指标", "数量指标", "资助学生人数", "≥1200人", "1256人", "15", "15", ""),
    ("产出指标", "数量指标", "改造校舍面积", "≥3000平方米", "2800平方米", "15", "14", "一处校舍因审批延后，结转下年施工"),
    ("产出指标", "质量指标", "资金发放准确率", "100%", "100%", "10", "10", ""),
    ("产出指标", "时效指标", "资金发放及时率", "≥98%", "99%", "10", "10", ""),
    ("效益指标", "社会效益指标", "家庭经济困难学生资助覆盖率", "100%", "100%", "20", "20", ""),
    ("满意度指标", "服务对象满意度指标", "受助学生满意度", "≥90%", "94%", "20", "20", ""),
]


def jiaoyu_docx():
    d = docx.Document()
    d.styles["Normal"].font.size = Pt(9)
    d.add_paragraph("2023年度项目支出绩效自评表")
    head = d.add_table(rows=3, cols=8)
    head.style = "Table Grid"
    cells = [["项目名称", "学生资助与校舍改造", "", "", "", "", "", ""],
             ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
             ["", "年度资金总额：", "560.00", "548.50", "520.30", "10", "94.86%", "9.5"]]
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            head.cell(r, c).text = text
    head.cell(0, 1).merge(head.cell(0, 7))
    d.add_paragraph("")
    t = d.add_table(rows=len(JIAOYU) + 2, cols=8)
    t.style = "Table Grid"
    for c, text in enumerate(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]):
        t.cell(0, c).text = text
    for r, row in enumerate(JIAOYU, start=1):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    # 一级 and 二级 merged down over their rows, the label kept in the first.
    def merge(col, first, last):
        text = t.cell(first, col).text
        for r in range(first + 1, last + 1):
            t.cell(r, col).text = ""
        t.cell(first, col).merge(t.cell(last, col)).text = text
    merge(0, 1, 4)
    merge(1, 1, 2)
    total = len(JIAOYU) + 1
    t.cell(total, 0).text = "总分"
    t.cell(total, 5).text = "100"
    t.cell(total, 6).text = "98.5"
    d.save("samples/selfeval-2023-jiaoyu.docx")
    gold("selfeval-2023-jiaoyu.docx", "", "学生资助与校舍改造", "548.50",
         [dict(zip(["level1", "level2", "level3", "target", "actual", "weight", "score", "deviation"], r))
          for r in JIAOYU])


# ---- 3. 重庆's layout, an .xlsx --------------------------------------------
JIUYE = [
    ("数量指标", "城镇新增就业人数", "≥", "39500", "人", "20", "49358"),
    ("数量指标", "职业技能培训人次", "≥", "6000", "人次", "15", "6320"),
    ("产出类指标", "补贴发放准确率", "≥", "95", "%", "15", "100"),
    ("效益类指标", "城镇登记失业率", "≤", "4.5", "%", "20", "3.9"),
    ("满意度类指标", "服务对象满意度", "≥", "90", "%", "20", "93"),
    ("管理类指标", "资金使用合规性", "定性", "合规", "", "10", "合规"),
]
CRITERION = "达到目标得满分，未达到按完成比例得分或不得分"


def jiuye_xlsx():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    ws.append(["2021年度项目支出绩效自评表"])
    ws.append(["项目名称", "就业创业补助资金", "", "", "", "", "项目联系人", "王某"])
    ws.append(["项目实施单位", "某区就业和人才中心", "", "", "", "", "项目主管部门", "某区人力资源和社会保障局"])
    ws.append(["项目预算执行情况（万元）", "全年预算数（A）", "", "", "", "全年执行数（B）"])
    ws.append(["", "7574", "", "", "", "6643"])
    ws.append(["指标类型", "指标名称", "指标性质", "指标值", "计量单位", "指标权重", "全年完成值", "评价标准"])
    for r in JIUYE:
        ws.append(list(r) + [CRITERION])
    ws.append(["总分", "", "", "", "", "100", "", ""])
    wb.save("samples/selfeval-2021-jiuye.xlsx")
    rows = []
    for kind, name, cmp, value, unit, weight, actual in JIUYE:
        level1, level2 = (("产出指标", kind) if kind == "数量指标" else (kind, ""))
        rows.append({"level1": level1, "level2": level2, "level3": name, "target": value, "actual": actual,
                     "weight": weight, "criterion": CRITERION})
    gold("selfeval-2021-jiuye.xlsx", "", "就业创业补助资金", "7574", rows)


# ---- 4. 财政部 执行监控表, an .xlsx with merged headers and ticks --------------
ZUQIU = [
    ("产出指标", "数量指标", "制作动画集数", "20集", "8集", "20集", "", "现已完成8集，下半年集中制作", "确定能"),
    ("产出指标", "质量指标", "验收合格率", "100%", "100%", "100%", "", "", "确定能"),
    ("产出指标", "时效指标", "项目完成及时率", "≥90%", "一般", "90%", "", "", "有可能"),
    ("效益指标", "社会效益指标", "覆盖中小学校数", "≥500所", "210所", "520所", "经费保障", "下半年资金到位后推广", "有可能"),
    ("满意度指标", "服务对象满意度指标", "师生满意度", "≥90%", "—", "92%", "", "", "确定能"),
]
REASONS = ["经费保障", "制度保障", "人员保障", "硬件条件保障", "其他", "原因说明"]
LIKELIHOOD = ["确定能", "有可能", "完全不可能"]


def zuqiu_xlsx():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "执行监控"
    ws.append(["2024年度项目支出绩效目标执行监控表"])
    ws.append(["项目名称", "青少年校园足球推广"])
    ws.append(["一级指标", "二级指标", "三级指标", "年度指标值", "1-7月执行数", "全年预计执行数"]
              + ["偏差原因分析"] + [""] * 5 + ["完成目标可能性", "", "", "备注"])
    ws.append([""] * 6 + REASONS + LIKELIHOOD + [""])
    for c in range(1, 7):
        ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
    ws.merge_cells(start_row=3, start_column=7, end_row=3, end_column=12)
    ws.merge_cells(start_row=3, start_column=13, end_row=3, end_column=15)
    ws.merge_cells(start_row=3, start_column=16, end_row=4, end_column=16)
    for l1, l2, l3, target, progress, actual, reason, why, likely in ZUQIU:
        ticks = ["✔" if r == reason else "" for r in REASONS[:5]]
        ws.append([l1, l2, l3, target, progress, actual] + ticks + [why]
                  + ["✔" if x == likely else "" for x in LIKELIHOOD] + [""])
    wb.save("samples/monitoring-2024-zuqiu.xlsx")
    rows = []
    for l1, l2, l3, target, progress, actual, reason, why, likely in ZUQIU:
        deviation = "；".join(x for x in [reason, why] if x)
        rows.append({"level1": l1, "level2": l2, "level3": l3, "target": target, "actual": actual,
                     "deviation": deviation, "progress": progress, "likelihood": likely})
    gold("monitoring-2024-zuqiu.xlsx", "", "青少年校园足球推广", "", rows)


if __name__ == "__main__":
    peixun_txt()
    jiaoyu_docx()
    jiuye_xlsx()
    zuqiu_xlsx()
