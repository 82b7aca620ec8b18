#!/usr/bin/env python3
"""Makes the crafted legacy Word fixtures of tests/fixtures/doc/.

Each is written as .docx with python-docx and saved as Word 97 (.doc) by
LibreOffice, as the files of the archives were: tables merged both ways,
rows of unequal cell edges, a nested table, fields, line breaks, tabs,
lists, trailing empty rows, tables split by a paragraph, and a file with no
table at all. The native reader (crates/jixiao-extract/src/doc.rs) is
tested against anydoc on each of them.

Needs python-docx (pip) and LibreOffice Writer (apt: libreoffice-writer-nogui);
neither is needed by the build or the tests.

    scripts/make-doc-fixtures.py tests/fixtures/doc
"""
import os
import subprocess
import sys
import tempfile

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm


def field(paragraph, instruction, result):
    """A complex field: begin, instruction, separator, result, end."""
    def char(kind):
        run = paragraph.add_run()
        fld = OxmlElement("w:fldChar")
        fld.set(qn("w:fldCharType"), kind)
        run._r.append(fld)
    char("begin")
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = instruction
    run._r.append(instr)
    char("separate")
    paragraph.add_run(result)
    char("end")


def merged_table(d):
    d.add_paragraph("项目支出绩效目标表")
    d.add_paragraph("单位名称：某某县教育局（450001）")
    t = d.add_table(rows=8, cols=5)
    t.style = "Table Grid"
    rows = [
        ["项目名称", "义务教育阶段课本采购", "", "项目编码", "13032424P00442810283Y"],
        ["资金总额", "677.56", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值", "备注"],
        ["产出指标", "数量指标", "采购课本数量", "≥1.53 万本", ""],
        ["", "质量指标", "课本合格率", "≥95%", ""],
        ["", "时效指标", "发放时间", "2023年12月底前", ""],
        ["满意度指标", "服务对象满意度指标", "学生满意度", "≥90%", ""],
        ["", "", "", "", ""],
    ]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    t.cell(0, 1).merge(t.cell(0, 2))          # horizontal
    t.cell(1, 1).merge(t.cell(1, 4))          # horizontal, to the edge
    t.cell(3, 0).merge(t.cell(5, 0))          # vertical
    t.cell(6, 0).merge(t.cell(6, 1)).merge(t.cell(7, 1))  # both ways
    cell = t.cell(3, 4)
    cell.text = "第一段"
    cell.add_paragraph("第二段\t带制表符")
    p = t.cell(4, 4).paragraphs[0]
    p.add_run("换行前")
    p.add_run().add_break()
    p.add_run("换行后")
    field(t.cell(5, 4).paragraphs[0], ' HYPERLINK "http://example.invalid/" ', "链接文字")
    d.add_paragraph("")


def uneven_rows(d):
    """Rows whose cells have their own widths: the grid comes from edges."""
    t = d.add_table(rows=3, cols=3)
    t.style = "Table Grid"
    t.autofit = False
    widths = [[3, 3, 3], [2, 5, 2], [4.5, 2.5, 2]]
    texts = [["甲", "乙", "丙"], ["丁", "戊", "己"], ["庚", "辛", "壬"]]
    for r in range(3):
        for c in range(3):
            t.cell(r, c).width = Cm(widths[r][c])
            t.cell(r, c).text = texts[r][c]
    d.add_paragraph("两表之间的段落")
    t2 = d.add_table(rows=2, cols=2)
    t2.cell(0, 0).text = "第二表"
    t2.cell(1, 1).text = "末格"


def nested(d):
    t = d.add_table(rows=2, cols=2)
    t.style = "Table Grid"
    t.cell(0, 0).text = "外层"
    inner = t.cell(0, 1).add_table(rows=2, cols=2)
    for r in range(2):
        for c in range(2):
            inner.cell(r, c).text = f"内{r}{c}"
    t.cell(1, 0).text = "下行"
    t.cell(1, 1).text = "≤5元/本"


def lists_and_fields(d):
    d.add_paragraph("一、项目概况", style="List Number")
    d.add_paragraph("二、绩效目标", style="List Number")
    p = d.add_paragraph("第 ")
    field(p, " PAGE ", "1")
    p.add_run(" 页")
    d.add_paragraph("非断\u2011连字符与 tab\t之后")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "年度目标"
    t.cell(0, 1).text = "1.完成采购\n2.按时发放"


def no_table(d):
    d.add_paragraph("部门整体支出绩效目标表（无表格）")
    d.add_paragraph("说明：本文件只有段落。")


FIXTURES = {
    "merged-both-ways": [merged_table],
    "uneven-rows": [uneven_rows],
    "nested-table": [nested],
    "lists-and-fields": [lists_and_fields],
    "no-table": [no_table],
}


def main():
    out = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/doc")
    os.makedirs(out, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for name, parts in FIXTURES.items():
            d = docx.Document()
            for part in parts:
                part(d)
            path = os.path.join(tmp, f"{name}.docx")
            d.save(path)
            paths.append(path)
        subprocess.run(["soffice", "--headless", "--convert-to", "doc:MS Word 97", "--outdir", out, *paths],
                       check=True, stdout=subprocess.DEVNULL)


if __name__ == "__main__":
    main()
