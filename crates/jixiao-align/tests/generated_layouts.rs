//! Layouts re-shuffled by a generator: a clean indicator table is damaged
//! the ways exports damage it (merged labels flattened, rows pushed right by
//! inserted empties, labelled rows that lost their leading empties, a column
//! dropped, words split by stray spaces, every 产出指标 cell lost, page
//! headers repeated) and written in both text shapes; the aligner must
//! rebuild every indicator.

#![allow(clippy::too_many_lines, reason = "each test is a table of generated cases, read as one")]

use jixiao_domain::{fold, taxonomy};
use std::collections::BTreeMap;

/// A small deterministic generator (SplitMix64): no test depends on luck.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const GROUPS: &[(&str, &[&str])] = &[
    ("产出指标", &["数量指标", "质量指标", "时效指标", "成本指标"]),
    ("效益指标", &["社会效益指标", "可持续影响指标", "经济效益指标"]),
    ("满意度指标", &["服务对象满意度指标"]),
];
const NAMES: &[&str] = &[
    "培训人次",
    "医保定点医药机构数量",
    "审核进度",
    "提高服务质量",
    "群众满意度",
    "项目完成时间",
    "运行成本",
    "基金安全",
];
const TARGETS: &[&str] = &["≥95%", "100%", "≤5元/本", "提升", "及时", "2023年12月底前", "1.53 万人", "≥2000人次"];
const BASES: &[&str] = &["年初计划", "调查问卷", "秦财社[2023]326号", "历史标准"];

type Indicator = (String, String, String, String);

/// A clean table: (level1, level2, name, target, basis) rows, in taxonomy order.
fn indicators(rng: &mut Rng) -> Vec<(Indicator, String)> {
    let mut out = Vec::new();
    for (l1, l2s) in GROUPS {
        for l2 in l2s.iter() {
            if !rng.chance(70) {
                continue;
            }
            for _ in 0..1 + rng.below(3) {
                let name = format!("{}{}", NAMES[rng.below(NAMES.len())], out.len());
                let target = TARGETS[rng.below(TARGETS.len())].to_string();
                out.push(((l1.to_string(), l2.to_string(), name, target), BASES[rng.below(BASES.len())].to_string()));
            }
        }
    }
    out
}

/// How often each kind of damage was applied, so the test proves it ran.
#[derive(Default)]
struct Damage {
    split_words: usize,
    lost_empties: usize,
    pushed_right: usize,
    repeated_headers: usize,
}

/// Splits a word with a stray space, the way exports break lines.
fn split_word(rng: &mut Rng, text: &str, damage: &mut Damage) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() < 3 || !rng.chance(30) {
        return text.to_string();
    }
    damage.split_words += 1;
    let at = 1 + rng.below(chars.len() - 2);
    format!("{} {}", chars[..at].iter().collect::<String>(), chars[at..].iter().collect::<String>())
}

fn damaged_rows(
    rng: &mut Rng,
    rows: &[(Indicator, String)],
    with_basis: bool,
    lose_output_l1: bool,
    damage: &mut Damage,
) -> Vec<Vec<String>> {
    let mut header = vec!["一级指标", "二级指标", "三级指标", "指标值"];
    if with_basis {
        header.push("指标值确定依据");
    }
    let header: Vec<String> = header.into_iter().map(String::from).collect();
    let mut out = vec![header.clone()];
    let (mut last_l1, mut last_l2) = (String::new(), String::new());
    for (i, ((l1, l2, name, target), basis)) in rows.iter().enumerate() {
        let show_l1 = *l1 != last_l1 && !(lose_output_l1 && l1 == "产出指标");
        let show_l2 = *l2 != last_l2 || *l1 != last_l1;
        last_l1.clone_from(l1);
        last_l2.clone_from(l2);
        let mut row = vec![
            if show_l1 { split_word(rng, l1, damage) } else { String::new() },
            if show_l2 { split_word(rng, l2, damage) } else { String::new() },
            split_word(rng, name, damage),
            target.clone(),
        ];
        if with_basis {
            row.push(basis.clone());
        }
        if (show_l1 || show_l2) && rng.chance(20) && row.first().is_some_and(String::is_empty) {
            // The row lost its leading empties: its first label lands in column 0.
            damage.lost_empties += 1;
            while row.first().is_some_and(String::is_empty) {
                row.remove(0);
            }
        }
        if rng.chance(20) {
            // The export inserted empty cells in front of the row.
            damage.pushed_right += 1;
            for _ in 0..1 + rng.below(4) {
                row.insert(0, String::new());
            }
        }
        out.push(row);
        if i > 0 && rng.chance(8) {
            damage.repeated_headers += 1;
            out.push(header.clone()); // a page header repeated mid-table
        }
    }
    out
}

fn render(rows: &[Vec<String>], cell_per_line: bool) -> String {
    let mut text = String::from("项目支出绩效目标表\n");
    if cell_per_line {
        text.push_str("\t项目名称\n\t生成项目\n\n");
        for row in rows {
            for cell in row {
                text.push('\t');
                text.push_str(cell);
                text.push('\n');
            }
            text.push('\n');
        }
    } else {
        text.push_str("项目名称\t生成项目\n");
        for row in rows {
            text.push_str(&row.join("\t"));
            text.push('\n');
        }
    }
    text
}

fn key(l1: &str, l2: &str, name: &str, target: &str) -> Indicator {
    let official = |t: &str| {
        taxonomy::level1(t)
            .or_else(|| taxonomy::level2(t).map(|l| l.label))
            .map_or_else(|| fold(t).into_owned(), str::to_string)
    };
    (official(l1), official(l2), fold(name).into_owned(), fold(target).into_owned())
}

fn multiset(items: impl Iterator<Item = Indicator>) -> BTreeMap<Indicator, usize> {
    let mut m = BTreeMap::new();
    for k in items {
        *m.entry(k).or_insert(0) += 1;
    }
    m
}

#[test]
fn damaged_layouts_are_rebuilt() {
    let mut failures = Vec::new();
    let mut damage = Damage::default();
    let (mut lost_output, mut cell_per_line_layouts) = (0, 0);
    for seed in 0..300u64 {
        let mut rng = Rng(seed);
        let rows = indicators(&mut rng);
        if rows.is_empty() {
            continue;
        }
        let with_basis = rng.chance(50);
        let lose_output_l1 = rng.chance(25);
        let cell_per_line = rng.chance(40);
        let damaged = damaged_rows(&mut rng, &rows, with_basis, lose_output_l1, &mut damage);
        lost_output += usize::from(lose_output_l1);
        cell_per_line_layouts += usize::from(cell_per_line);
        let text = render(&damaged, cell_per_line);
        let doc = jixiao_text::parse(&text);
        let aligned = jixiao_align::align(&doc);
        let t = |x: &Option<jixiao_model::aligned::Traced>| x.as_ref().map_or(String::new(), |t| t.text.clone());
        let got = multiset(
            aligned
                .owners
                .iter()
                .flat_map(|o| &o.rows)
                .map(|r| key(&t(&r.level1), &t(&r.level2), &t(&r.level3), &t(&r.target))),
        );
        let want = multiset(rows.iter().map(|((l1, l2, n, v), _)| key(l1, l2, n, v)));
        if got != want {
            failures.push(format!("seed {seed} (basis {with_basis}, lost 产出 {lose_output_l1}, cell-per-line {cell_per_line}):\n{text}\n  got  {got:?}\n  want {want:?}"));
        }
    }
    for (what, n) in [
        ("split words", damage.split_words),
        ("rows that lost leading empties", damage.lost_empties),
        ("rows pushed right", damage.pushed_right),
        ("repeated headers", damage.repeated_headers),
        ("tables that lost 产出指标", lost_output),
        ("cell-per-line layouts", cell_per_line_layouts),
    ] {
        assert!(n >= 20, "the generator made only {n} {what}");
    }
    assert!(failures.is_empty(), "{} of 300 layouts not rebuilt; first:\n{}", failures.len(), failures[0]);
}
