//! Reading a 指标值 the way an analyst would: what kind of value it is
//! (percent, amount, quantity, duration, deadline, range or text), its
//! comparator, its number and its unit.
//!
//! A target is scanned for *candidates*: dates (2023年12月底前, 11月30日,
//! 2023-11-30), and numbers (Arabic or Chinese numerals) with the unit after
//! them and the comparator words around them. Years, months and days are
//! only ever read as dates, never as quantities. A recurring date (每月25日前),
//! a time of day (6点半) or a period (2023年1月1日至12月31日, 2023年全年) is
//! text. When a target holds several candidates, the one that fits its
//! 二级指标 is read (成本 → amount, 时效 → deadline or duration, 数量 →
//! quantity, 质量/满意度 → percent) and a note says so.

use crate::calendar::{last_day, valid};
use crate::comparator::{Comparator, PREFIX_WORDS, SUFFIX_WORDS};
use crate::grammar::{normalize_unit, plain_decimal};
use crate::vocab::{is_placeholder, MONEY_UNITS};
use crate::{fold, taxonomy};

pub use jixiao_model::ValueKind;

/// The family of a 二级指标, which decides which number a target holding
/// several is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// 数量指标.
    Quantity,
    /// 质量指标.
    Quality,
    /// 时效指标.
    Time,
    /// 成本指标, 经济/社会/生态环境成本指标.
    Cost,
    /// 服务对象满意度指标.
    Satisfaction,
    /// 经济/社会/生态效益, 可持续影响指标.
    Benefit,
}

impl Family {
    /// The family of a row from its level-1 and level-2 labels as written.
    pub fn of(level1: Option<&str>, level2: Option<&str>) -> Option<Family> {
        let l2 = level2.and_then(taxonomy::level2).map(|l| l.label);
        let l1 = level1.and_then(taxonomy::level1);
        Some(match (l1, l2) {
            (_, Some("数量指标")) => Family::Quantity,
            (_, Some("质量指标")) => Family::Quality,
            (_, Some("时效指标")) => Family::Time,
            (_, Some("成本指标" | "经济成本指标" | "社会成本指标" | "生态环境成本指标")) => {
                Family::Cost
            }
            (_, Some("服务对象满意度指标")) => Family::Satisfaction,
            (_, Some(_)) => Family::Benefit,
            (Some("成本指标"), None) => Family::Cost,
            (Some("满意度指标"), None) => Family::Satisfaction,
            _ => return None,
        })
    }

    /// The kinds this family's targets are about, best first.
    fn preferred(self) -> &'static [ValueKind] {
        match self {
            Family::Time => &[ValueKind::Deadline, ValueKind::Duration],
            Family::Cost => &[ValueKind::Amount],
            Family::Quantity => &[ValueKind::Quantity, ValueKind::Amount],
            Family::Quality | Family::Satisfaction => &[ValueKind::Percent],
            Family::Benefit => &[],
        }
    }
}

/// What is known around a target: its row's family and the document's year.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Context {
    /// The family of the row's 二级指标.
    pub family: Option<Family>,
    /// The budget year the document states (for 11月底前).
    pub year: Option<u16>,
}

/// Something the reader could not settle by itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// The target holds several values; `chosen` (as written) was read
    /// because it fits the row's 二级指标, `others` were not.
    SeveralValues {
        /// The value read, as written.
        chosen: String,
        /// How many others the target holds.
        others: usize,
    },
    /// A date without a year (11月底前) in a document that states none.
    DeadlineWithoutYear {
        /// The date as written.
        date: String,
    },
}

/// A 指标值 read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TargetReading {
    /// What kind of value; none for an empty cell or a placeholder.
    pub kind: Option<ValueKind>,
    /// The comparator, for every kind but text.
    pub comparator: Option<Comparator>,
    /// The number as a plain decimal, or the date (`2023-11-30`).
    pub value: Option<String>,
    /// Upper bound of a range.
    pub value_max: Option<String>,
    /// The unit (`%`, `万元/年`, `个社区`, `小时`).
    pub unit: Option<String>,
    /// What a person may want to check.
    pub notes: Vec<Note>,
}

impl TargetReading {
    fn text(notes: Vec<Note>) -> Self {
        TargetReading { kind: Some(ValueKind::Text), notes, ..Default::default() }
    }
}

/// One value found in a target.
#[derive(Debug, Clone)]
struct Candidate {
    kind: ValueKind,
    comparator: Comparator,
    value: String,
    value_max: Option<String>,
    unit: Option<String>,
    /// Character span in the folded text.
    start: usize,
    end: usize,
}

/// Measure words and units of quantities, longest first where one ends
/// another's start (人次 before 人).
const MEASURES: &[&str] = &[
    "平方公里",
    "平方米",
    "立方米",
    "公里",
    "公顷",
    "人次",
    "户次",
    "个次",
    "场次",
    "批次",
    "家次",
    "课时",
    "m2",
    "m3",
    "km",
    "kg",
    "个",
    "人",
    "次",
    "场",
    "栋",
    "处",
    "份",
    "间",
    "台",
    "本",
    "家",
    "名",
    "条",
    "盏",
    "座",
    "株",
    "吨",
    "亩",
    "件",
    "项",
    "块",
    "只",
    "盆",
    "页",
    "宗",
    "期",
    "所",
    "户",
    "辆",
    "套",
    "篇",
    "册",
    "张",
    "组",
    "批",
    "门",
    "棵",
    "米",
    "分",
    "届",
    "轮",
    "部",
    "幅",
    "片",
    "段",
    "班",
    "节",
    "盒",
    "箱",
    "袋",
    "包",
    "支",
    "把",
    "级",
];

/// Duration units with the unit they are written as.
const DURATIONS: &[(&str, &str)] = &[
    ("个工作日", "工作日"),
    ("工作日", "工作日"),
    ("个小时", "小时"),
    ("小时", "小时"),
    ("分钟", "分钟"),
    ("秒钟", "秒"),
    ("秒", "秒"),
    ("个月", "月"),
    ("个星期", "周"),
    ("星期", "周"),
    ("周", "周"),
    ("天", "天"),
];

/// Words for "each" before a period: 每年 → `/年`.
const EACH: &[(&str, &str)] = &[
    ("每年", "年"),
    ("每月", "月"),
    ("每天", "天"),
    ("每日", "天"),
    ("每周", "周"),
    ("每季度", "季"),
    ("每季", "季"),
    ("每期", "期"),
    ("每次", "次"),
    ("每人", "人"),
];

/// Words that make a money figure a cost (万 alone is then 万元).
const COST_WORDS: &[&str] = &["成本", "经费", "费用", "资金", "金额", "支出", "预算"];

/// Reads a 指标值 in its context.
pub fn read(text: &str, ctx: &Context) -> TargetReading {
    let f = fold(text);
    // ≥**% is a template's placeholder; 7*24小时 is a schedule, not a number.
    if f.is_empty() || is_placeholder(&f) || f.contains("**") {
        return TargetReading::default();
    }
    if f.contains(['*', '×']) {
        return TargetReading::text(Vec::new());
    }
    let chars: Vec<char> = f.chars().collect();
    let cost = ctx.family == Some(Family::Cost) || COST_WORDS.iter().any(|w| f.contains(w));
    let mut scan = Scan { s: &chars, ctx, cost, notes: Vec::new(), found: Vec::new(), period: false };
    scan.run();
    if scan.period || scan.found.is_empty() {
        return TargetReading::text(scan.notes);
    }
    choose(scan.found, ctx, scan.notes, &chars)
}

/// True when the whole text is one value (a comparator, a number or a date
/// with its unit, and at most a short tail): what a 指标值 cell holds, as
/// opposed to a name or a description that mentions a number.
pub fn is_bare_value(text: &str) -> bool {
    let f = fold(text);
    let chars: Vec<char> = f.chars().collect();
    let ctx = Context { family: None, year: Some(2000) };
    let mut scan = Scan { s: &chars, ctx: &ctx, cost: true, notes: Vec::new(), found: Vec::new(), period: false };
    scan.run();
    let [only] = scan.found.as_slice() else { return false };
    let head: String = chars[..only.start].iter().collect();
    let lead_ok = head.is_empty() || PREFIX_WORDS.iter().any(|(w, _)| *w == head);
    lead_ok && chars.len() - only.end <= 2
}

/// The kind a unit given on its own (a 度量单位 column) makes a number:
/// `%` a percent, money an amount, a unit of time a duration.
pub fn kind_of_unit(unit: &str) -> Option<ValueKind> {
    if unit == "%" {
        return Some(ValueKind::Percent);
    }
    if MONEY_UNITS.iter().any(|(m, _)| unit.starts_with(m)) {
        return Some(ValueKind::Amount);
    }
    if DURATIONS.iter().any(|(w, u)| unit == *w || unit == *u) || unit == "年" {
        return Some(ValueKind::Duration);
    }
    Some(ValueKind::Quantity)
}

/// Picks the candidate that fits the row's family, noting the others.
fn choose(found: Vec<Candidate>, ctx: &Context, mut notes: Vec<Note>, s: &[char]) -> TargetReading {
    let preferred = ctx.family.map_or(&[][..], Family::preferred);
    let pick = preferred.iter().find_map(|k| found.iter().position(|c| c.kind == *k)).unwrap_or(0);
    if found.len() > 1 {
        let c = &found[pick];
        notes.push(Note::SeveralValues { chosen: s[c.start..c.end].iter().collect(), others: found.len() - 1 });
    }
    let c = found.into_iter().nth(pick).expect("a candidate");
    TargetReading {
        kind: Some(c.kind),
        comparator: Some(c.comparator),
        value: Some(c.value),
        value_max: c.value_max,
        unit: c.unit,
        notes,
    }
}

struct Scan<'a> {
    s: &'a [char],
    ctx: &'a Context,
    cost: bool,
    notes: Vec<Note>,
    found: Vec<Candidate>,
    /// A period (two dates joined, 全年): the whole target is text.
    period: bool,
}

impl Scan<'_> {
    fn run(&mut self) {
        let mut i = 0;
        while i < self.s.len() && !self.period {
            i = self.date_word(i).or_else(|| self.date(i)).or_else(|| self.number(i)).unwrap_or(i + 1);
        }
    }

    fn at(&self, i: usize, word: &str) -> bool {
        (i..).zip(word.chars()).all(|(j, c)| self.s.get(j) == Some(&c))
    }

    fn text(&self, from: usize, to: usize) -> String {
        self.s[from..to.min(self.s.len())].iter().collect()
    }

    /// True when the text before `i` says the date recurs (每月25日, 每年年底).
    fn recurring(&self, i: usize) -> bool {
        let before = self.text(i.saturating_sub(3), i);
        ["每年", "每月", "每天", "每日", "每周", "每季"].iter().any(|w| before.ends_with(w))
    }

    /// 年底 / 年末 / 上半年 without digits: in the document's year.
    fn date_word(&mut self, i: usize) -> Option<usize> {
        let (len, month, day) = if self.at(i, "年底") || self.at(i, "年末") {
            (2, 12, 31)
        } else if self.at(i, "上半年") {
            (3, 6, 30)
        } else {
            return None;
        };
        if i > 0 && self.s[i - 1].is_ascii_digit() {
            return None;
        }
        let end = i + len;
        if self.recurring(i) || (i > 0 && matches!(self.s[i - 1], '当' | '本' | '去' | '明' | '上' | '下')) {
            return Some(end);
        }
        self.deadline(i, end, None, month, Some(day));
        Some(end)
    }

    /// Digits at `i` as a number, and where they end.
    fn digits(&self, i: usize) -> Option<(u32, usize)> {
        let mut j = i;
        let mut n: u32 = 0;
        while j < self.s.len() && self.s[j].is_ascii_digit() && j - i < 5 {
            n = n * 10 + self.s[j].to_digit(10)?;
            j += 1;
        }
        (j > i && !self.s.get(j).is_some_and(|c| c.is_ascii_digit())).then_some((n, j))
    }

    /// A date starting at `i`: 2023年12月31日, 2023年12月底, 2023年12月,
    /// 2023年底, 2023-11-30, 11月30日, 11月底, 11月; or a year alone, which is
    /// consumed so that it is never a quantity.
    fn date(&mut self, i: usize) -> Option<usize> {
        if i > 0 && (self.s[i - 1].is_ascii_digit() || self.s[i - 1] == '.') {
            return None;
        }
        let (first, after) = self.digits(i)?;
        let recurring = self.recurring(i);
        // 2023-11-30, 2023/11/30, 2023.1.1
        if (1990..=2100).contains(&first) && matches!(self.s.get(after), Some('-' | '/' | '.')) {
            let sep = self.s[after];
            let (m, after_m) = self.digits(after + 1)?;
            if self.s.get(after_m) != Some(&sep) {
                return None;
            }
            let (d, end) = self.digits(after_m + 1)?;
            if valid(first, m, d) {
                self.deadline_or_period(i, end, Some(first as u16), m, Some(d), recurring);
                return Some(end);
            }
            return None;
        }
        if (1990..=2100).contains(&first) && self.s.get(after) == Some(&'年') {
            let y = first as u16;
            let rest = after + 1;
            if self.at(rest, "底") || self.at(rest, "末") {
                self.deadline_or_period(i, rest + 1, Some(y), 12, Some(31), recurring);
                return Some(rest + 1);
            }
            if self.at(rest, "上半年") {
                self.deadline_or_period(i, rest + 3, Some(y), 6, Some(30), recurring);
                return Some(rest + 3);
            }
            if self.at(rest, "全年") || self.at(rest, "度全年") {
                self.period = true;
                return Some(rest);
            }
            if let Some(end) = self.month_day(i, rest, Some(y), recurring) {
                return Some(end);
            }
            // A year alone (2023年支付成本…) is context, never a number.
            return Some(rest);
        }
        if (1..=12).contains(&first) && self.s.get(after) == Some(&'月') {
            if i > 0 && self.s[i - 1] == '个' {
                return None;
            }
            return self.month_day(i, i, None, recurring);
        }
        // A day of the month without its month (25日前, 8号前): not a count.
        if (1..=31).contains(&first) && matches!(self.s.get(after), Some('日' | '号')) {
            let within = ["内", "以内", "之内"].iter().any(|w| self.at(after + 1, w));
            return (!within).then_some(after + 1);
        }
        None
    }

    /// `M月D日`, `M月底`, `M月(份)` from `from` (after a year, or at the start).
    fn month_day(&mut self, start: usize, from: usize, year: Option<u16>, recurring: bool) -> Option<usize> {
        let (m, after) = self.digits(from)?;
        if !(1..=12).contains(&m) {
            return None;
        }
        // 2022年1-12月: a period of months.
        if year.is_some() && matches!(self.s.get(after), Some('-' | '~' | '至' | '到')) {
            self.period = true;
            return Some(after);
        }
        if self.s.get(after) != Some(&'月') {
            return None;
        }
        let rest = after + 1;
        if self.at(rest, "底") || self.at(rest, "末") {
            let y = year.or(self.ctx.year).map_or(2001, u32::from);
            self.deadline_or_period(start, rest + 1, year, m, Some(last_day(y, m)), recurring);
            return Some(rest + 1);
        }
        if let Some((d, end)) = self.digits(rest) {
            if matches!(self.s.get(end), Some('日' | '号')) && valid(2000, m, d) {
                self.deadline_or_period(start, end + 1, year, m, Some(d), recurring);
                return Some(end + 1);
            }
        }
        let end = if self.at(rest, "份") { rest + 1 } else { rest };
        self.deadline_or_period(start, end, year, m, None, recurring);
        Some(end)
    }

    /// A date read: a deadline, unless it recurs or is followed by another
    /// (至 2023年12月31日), which makes the target text.
    fn deadline_or_period(&mut self, start: usize, end: usize, y: Option<u16>, m: u32, d: Option<u32>, rec: bool) {
        let joined = matches!(self.s.get(end), Some('至' | '-' | '~' | '到' | '—'))
            && self.s.get(end + 1).is_some_and(|c| c.is_ascii_digit());
        if joined {
            self.period = true;
        } else if !rec {
            self.deadline(start, end, y, m, d);
        }
    }

    fn deadline(&mut self, start: usize, end: usize, year: Option<u16>, month: u32, day: Option<u32>) {
        let Some(y) = year.or(self.ctx.year) else {
            self.notes.push(Note::DeadlineWithoutYear { date: self.text(start, end) });
            return;
        };
        let value = match day {
            Some(d) => format!("{y:04}-{month:02}-{d:02}"),
            None => format!("{y:04}-{month:02}"),
        };
        self.found.push(Candidate {
            kind: ValueKind::Deadline,
            comparator: Comparator::Le,
            value,
            value_max: None,
            unit: None,
            start,
            end,
        });
    }

    /// A number at `i` with its unit and comparators, pushed as a candidate;
    /// returns where it ends.
    fn number(&mut self, i: usize) -> Option<usize> {
        let (value, after) = self.numeral(i)?;
        if matches!(self.s.get(after), Some('点' | ':')) {
            // 6点半: a time of day.
            return Some(after + 1);
        }
        let mut comparator = self.comparator_before(i);
        if let Some((kind, unit, end)) = self.bracketed_unit(after) {
            let comparator = comparator.unwrap_or(Comparator::Eq);
            self.found.push(Candidate { kind, comparator, value, value_max: None, unit, start: i, end });
            return Some(end);
        }
        let mut j = after;
        let mut percent = self.s.get(j) == Some(&'%');
        j += usize::from(percent);
        let mut value_max = None;
        if matches!(self.s.get(j), Some('-' | '~' | '至' | '—')) {
            if let Some((hi, after_hi)) = self.numeral(j + 1) {
                value_max = Some(hi);
                comparator = Some(Comparator::Range);
                j = after_hi;
                percent |= self.s.get(j) == Some(&'%');
                j += usize::from(self.s.get(j) == Some(&'%'));
            }
        }
        let (kind, mut unit, mut end) =
            if percent { (ValueKind::Percent, Some("%".to_string()), j) } else { self.unit(j)? };
        if kind != ValueKind::Percent {
            if let Some((per, per_end)) = self.per(end, i) {
                unit = Some(format!("{}/{per}", unit.unwrap_or_default()));
                end = per_end;
            }
        }
        if let Some((w, c)) = SUFFIX_WORDS.iter().find(|(w, _)| self.at(end, w)) {
            comparator = comparator.or(Some(*c));
            end += w.chars().count();
        }
        let kind = if value_max.is_some() { ValueKind::Range } else { kind };
        self.found.push(Candidate {
            kind,
            comparator: comparator.unwrap_or(Comparator::Eq),
            value,
            value_max,
            unit,
            start: i,
            end,
        });
        Some(end)
    }

    /// A unit in brackets right after the number, as Shanghai's template
    /// writes every value (`≥13459.00(平方米)`, `=100.00(%)`, `90.00(度)`):
    /// its kind, the unit and where the bracket ends. A bracket holding
    /// anything but a unit (`5(含)`, a note) is not one.
    fn bracketed_unit(&self, j: usize) -> Option<(ValueKind, Option<String>, usize)> {
        if self.s.get(j) != Some(&'(') {
            return None;
        }
        let close = (j + 2..self.s.len().min(j + 8)).find(|&k| self.s[k] == ')')?;
        if close == j + 2 && self.s[j + 1] == '%' {
            return Some((ValueKind::Percent, Some("%".into()), close + 1));
        }
        if let Some((kind, Some(unit), end)) = self.unit(j + 1) {
            if end == close {
                return Some((kind, Some(unit), close + 1));
            }
        }
        let inner = self.text(j + 1, close);
        let noun = inner.chars().count() <= 4 && inner.chars().all(crate::is_cjk) && !inner.contains('含');
        noun.then(|| (ValueKind::Quantity, Some(inner), close + 1))
    }

    /// The kind and unit after a number at `j`, and where they end; none
    /// when the number is not a value (一级, a Chinese numeral in a word).
    fn unit(&self, j: usize) -> Option<(ValueKind, Option<String>, usize)> {
        if let Some((m, _)) = MONEY_UNITS.iter().find(|(m, _)| self.at(j, m)) {
            return Some((ValueKind::Amount, Some(m.to_string()), j + m.chars().count()));
        }
        if let Some((w, u)) = DURATIONS.iter().find(|(w, _)| self.at(j, w)) {
            return Some((ValueKind::Duration, Some(u.to_string()), j + w.chars().count()));
        }
        // 日 and 年 are durations after a number only when they are not a
        // date's: 30日内, ≥1年 (a year such as 2023年 is consumed as a date).
        if self.at(j, "日") {
            return Some((ValueKind::Duration, Some("天".into()), j + 1));
        }
        if self.at(j, "年") && !self.at(j, "年度") {
            return Some((ValueKind::Duration, Some("年".into()), j + 1));
        }
        if self.at(j, "万") {
            let next = j + 1;
            if let Some(m) = MEASURES.iter().find(|m| self.at(next, m)) {
                let (unit, end) = self.measure(m, next + m.chars().count());
                return Some((ValueKind::Quantity, Some(format!("万{unit}")), end));
            }
            if self.cost {
                return Some((ValueKind::Amount, Some("万元".into()), next));
            }
            return Some((ValueKind::Quantity, Some("万".into()), next));
        }
        if let Some(m) = MEASURES.iter().find(|m| self.at(j, m)) {
            if *m == "级" || self.at(j + m.chars().count(), "性") {
                return None; // 一级 is a grade; 一次性 is a word.
            }
            let (unit, end) = self.measure(m, j + m.chars().count());
            return Some((ValueKind::Quantity, normalize_unit(&unit), end));
        }
        if let Some(unit) = self.unlisted_measure(j) {
            return Some((ValueKind::Quantity, Some(unit.to_string()), j + 1));
        }
        // No unit: a bare number, unless it was a Chinese numeral inside a
        // word (两大类, 一般), which is no number at all.
        if self.s[..j].last().is_some_and(|c| !c.is_ascii_digit() && *c != '.') {
            return None;
        }
        let kind = if self.cost { ValueKind::Amount } else { ValueKind::Quantity };
        Some((kind, None, j))
    }

    /// A measure word no list names (20集, ≥5首, 3艘以上): one Chinese
    /// character after Arabic digits that ends the target, or stands before
    /// a comparator word or a stop. Words that are no measure (余, 多, 前,
    /// 左右 …) and numerals are left to the caller.
    fn unlisted_measure(&self, j: usize) -> Option<char> {
        const NOT_MEASURES: &str = "余多内前后底末初起止至到左右以及或和与为是的每约近零一二三四五六七八九十百千万亿两";
        let c = *self.s.get(j)?;
        if !crate::is_cjk(c) || NOT_MEASURES.contains(c) || !self.s[..j].last().is_some_and(char::is_ascii_digit) {
            return None;
        }
        let after = j + 1;
        let ends = after == self.s.len()
            || SUFFIX_WORDS.iter().any(|(w, _)| self.at(after, w))
            || matches!(self.s[after], '(' | ')' | ',' | ';' | '、' | '。' | '.' | '/');
        ends.then_some(c)
    }

    /// `个` followed by a short noun that ends the text (12个城中村, 13个社区)
    /// keeps the noun; every other measure word stands alone.
    fn measure(&self, m: &str, end: usize) -> (String, usize) {
        if m != "个" {
            return (m.to_string(), end);
        }
        let mut k = end;
        while k < self.s.len() && crate::is_cjk(self.s[k]) && k - end < 5 {
            k += 1;
        }
        let noun_ends = k == self.s.len() || matches!(self.s[k], '(' | ',' | ';' | '、' | '。' | '.');
        if k > end && k - end <= 4 && noun_ends {
            (format!("个{}", self.text(end, k)), k)
        } else {
            (m.to_string(), end)
        }
    }

    /// A period or basis after the unit (`/年`, 一年, 每年) or 每X before
    /// the number: the X of `万元/年`.
    fn per(&self, end: usize, start: usize) -> Option<(String, usize)> {
        if self.s.get(end) == Some(&'/') {
            let mut k = end + 1;
            while k < self.s.len() && crate::is_cjk(self.s[k]) && k - end <= 2 {
                k += 1;
            }
            return (k > end + 1).then(|| (self.text(end + 1, k), k));
        }
        for (w, p) in [("一年", "年"), ("每年", "年"), ("每月", "月"), ("每人", "人")] {
            if self.at(end, w) {
                return Some((p.to_string(), end + 2));
            }
        }
        let before = self.text(0, start);
        EACH.iter().find(|(w, _)| before.contains(w)).map(|(_, p)| (p.to_string(), end))
    }

    /// The comparator word or symbol that ends right before `i` (one stray
    /// character between is allowed: 不超过过164万元).
    fn comparator_before(&self, i: usize) -> Option<Comparator> {
        for gap in 0..=1 {
            let Some(to) = i.checked_sub(gap) else { break };
            if gap == 1 && self.s.get(to).is_some_and(|c| c.is_ascii_digit() || c.is_ascii_punctuation()) {
                break;
            }
            let before = self.text(to.saturating_sub(6), to);
            if let Some((_, c)) = PREFIX_WORDS.iter().find(|(w, _)| before.ends_with(w)) {
                return Some(*c);
            }
        }
        None
    }

    /// An Arabic number (thousands commas allowed) or a Chinese numeral
    /// (一, 两, 十二, 半) at `i`, as a plain decimal, and where it ends.
    fn numeral(&self, i: usize) -> Option<(String, usize)> {
        if self.s.get(i)?.is_ascii_digit() {
            if i > 0 && (self.s[i - 1].is_ascii_digit() || self.s[i - 1] == '.') {
                return None;
            }
            let mut j = i;
            let mut seen_dot = false;
            while j < self.s.len() {
                let c = self.s[j];
                let digit_next = self.s.get(j + 1).is_some_and(|d| d.is_ascii_digit());
                if c.is_ascii_digit() || (c == '.' && !seen_dot && digit_next) || (c == ',' && !seen_dot && digit_next)
                {
                    seen_dot |= c == '.';
                    j += 1;
                } else {
                    break;
                }
            }
            let text: String = self.s[i..j].iter().filter(|c| **c != ',').collect();
            return Some((plain_decimal(&text), j));
        }
        chinese_numeral(self.s, i)
    }
}

/// A Chinese numeral at `i` (零一二两三四五六七八九十百千, or 半 before a
/// unit of time), as a plain decimal; not after 第, 统, 唯 … (第一, 统一).
fn chinese_numeral(s: &[char], i: usize) -> Option<(String, usize)> {
    const DIGITS: &[(char, u64)] = &[
        ('零', 0),
        ('〇', 0),
        ('一', 1),
        ('二', 2),
        ('两', 2),
        ('三', 3),
        ('四', 4),
        ('五', 5),
        ('六', 6),
        ('七', 7),
        ('八', 8),
        ('九', 9),
    ];
    if i > 0 && matches!(s[i - 1], '第' | '统' | '唯' | '进' | '同' | '之' | '万' | '上' | '下' | '初' | '周')
    {
        return None;
    }
    if *s.get(i)? == '半' {
        return Some(("0.5".into(), i + 1));
    }
    let (mut section, mut digit) = (0u64, None::<u64>);
    let mut j = i;
    while j < s.len() {
        let c = s[j];
        if let Some((_, d)) = DIGITS.iter().find(|(x, _)| *x == c) {
            digit = Some(*d);
        } else if let Some(scale) = match c {
            '十' => Some(10),
            '百' => Some(100),
            '千' => Some(1000),
            _ => None,
        } {
            section += digit.unwrap_or(1) * scale;
            digit = None;
        } else {
            break;
        }
        j += 1;
    }
    if j == i {
        return None;
    }
    Some(((section + digit.unwrap_or(0)).to_string(), j))
}

#[cfg(test)]
mod tests;
