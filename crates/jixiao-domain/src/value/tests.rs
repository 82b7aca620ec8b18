use super::*;

/// (kind, comparator, value, unit) of a reading, as the CSV writes them.
fn r(text: &str, family: Option<Family>, year: Option<u16>) -> (String, String, String, String) {
    let x = read(text, &Context { family, year });
    let value = match (&x.value, &x.value_max) {
        (Some(lo), Some(hi)) => format!("{lo}-{hi}"),
        (v, _) => v.clone().unwrap_or_default(),
    };
    (
        x.kind.map(|k| k.as_str().to_string()).unwrap_or_default(),
        x.comparator.map(|c| c.as_str().to_string()).unwrap_or_default(),
        value,
        x.unit.unwrap_or_default(),
    )
}

fn e(kind: &str, cmp: &str, value: &str, unit: &str) -> (String, String, String, String) {
    (kind.into(), cmp.into(), value.into(), unit.into())
}

/// The table of the issue that asked for this reader, row by row.
#[test]
fn the_analysts_table() {
    let y = Some(2023);
    let cases = [
        ("达到95%", Family::Quality, e("percent", ">=", "95", "%")),
        ("总成本不超过888.5862万元一年", Family::Cost, e("amount", "<=", "888.5862", "万元/年")),
        ("不超过35万一年", Family::Cost, e("amount", "<=", "35", "万元/年")),
        ("2023年12月31日前", Family::Time, e("deadline", "<=", "2023-12-31", "")),
        ("11月底前", Family::Time, e("deadline", "<=", "2023-11-30", "")),
        ("3个小时内", Family::Time, e("duration", "<=", "3", "小时")),
        ("11月份完成验收", Family::Time, e("deadline", "<=", "2023-11", "")),
        ("2023年全年", Family::Time, e("text", "", "", "")),
        ("95%满意", Family::Satisfaction, e("percent", "=", "95", "%")),
    ];
    for (text, family, want) in cases {
        assert_eq!(r(text, Some(family), y), want, "{text}");
    }
}

#[test]
fn numerals_ranges_periods_and_placeholders() {
    let q = |t: &str| r(t, Some(Family::Quantity), Some(2023));
    assert_eq!(q("两栋"), e("quantity", "=", "2", "栋"));
    assert_eq!(q("四十二场"), e("quantity", "=", "42", "场"));
    assert_eq!(q("一百零五人"), e("quantity", "=", "105", "人"));
    assert_eq!(q("半小时内"), e("duration", "<=", "0.5", "小时"));
    assert_eq!(q("90-95%"), e("range", "range", "90-95", "%"));
    assert_eq!(q("90%~95%"), e("range", "range", "90-95", "%"));
    assert_eq!(q("1.53 万人"), e("quantity", "=", "1.53", "万人"));
    assert_eq!(q("1904645.13㎡"), e("quantity", "=", "1904645.13", "㎡"));
    assert_eq!(q("13个社区"), e("quantity", "=", "13", "个社区"));
    // Units in brackets (Shanghai's template).
    assert_eq!(q("≥13459.00(平方米)"), e("quantity", ">=", "13459", "平方米"));
    assert_eq!(q("=100.00(%)"), e("percent", "=", "100", "%"));
    assert_eq!(q("=5.00(万人次)"), e("quantity", "=", "5", "万人次"));
    assert_eq!(q(">6.00(次)"), e("quantity", ">", "6", "次"));
    assert_eq!(r("≤30.00(万元)", Some(Family::Cost), Some(2023)), e("amount", "<=", "30", "万元"));
    assert_eq!(q("9个水保项目验收"), e("quantity", "=", "9", "个"));
    assert_eq!(q("每年档案信息录入≧3000条"), e("quantity", ">=", "3000", "条/年"));
    for text in ["一级", "统一规范", "一次性补助", "进一步提升", "两大类", "提升", "每天早上6点半前到达"]
    {
        assert_eq!(q(text).0, "text", "{text}");
    }
    for text in
        ["2023年1月1日至2023年12月31日", "服务期限2023.1.1-2025.12.31", "2022年1-12月", "每月25日前", "每年年底"]
    {
        assert_eq!(r(text, Some(Family::Time), Some(2023)).0, "text", "{text}");
    }
    for text in ["", "不适用", "/", "≥**%", "无"] {
        assert_eq!(read(text, &Context::default()), TargetReading::default(), "{text}");
    }
}

#[test]
fn the_value_that_fits_the_row_is_read_and_noted() {
    let text = "2023年12月前完成近3年文书档案平均数量的60%";
    let time = read(text, &Context { family: Some(Family::Time), year: None });
    assert_eq!((time.kind, time.value.as_deref()), (Some(ValueKind::Deadline), Some("2023-12")));
    assert_eq!(time.notes, vec![Note::SeveralValues { chosen: "2023年12月".into(), others: 2 }]);
    let quality = read(text, &Context { family: Some(Family::Quality), year: None });
    assert_eq!((quality.kind, quality.value.as_deref()), (Some(ValueKind::Percent), Some("60")));
    let cost = read("12个月，65个危险边坡巡查", &Context { family: Some(Family::Quantity), year: None });
    assert_eq!((cost.value.as_deref(), cost.unit.as_deref()), (Some("65"), Some("个")));
}

#[test]
fn a_date_without_a_year_is_noted_never_guessed() {
    let x = read("11月底前", &Context { family: Some(Family::Time), year: None });
    assert_eq!(x.kind, Some(ValueKind::Text));
    assert_eq!(x.notes, vec![Note::DeadlineWithoutYear { date: "11月底".into() }]);
    assert_eq!(read("年底完成", &Context { family: None, year: Some(2024) }).value.as_deref(), Some("2024-12-31"));
    assert_eq!(read("上半年", &Context { family: None, year: Some(2024) }).value.as_deref(), Some("2024-06-30"));
    assert_eq!(read("2024年2月底", &Context::default()).value.as_deref(), Some("2024-02-29"));
}

/// The property the reader keeps whatever the wording: a year, a month or
/// a day is never read as a quantity, an amount, a duration or a percent.
/// Every date form over 45 years, every month and a spread of days, alone
/// and inside sentences, with and without the document's year.
#[test]
fn no_year_month_or_day_is_ever_a_quantity() {
    let forms: &[fn(u32, u32, u32) -> String] = &[
        |y, _, _| format!("{y}年"),
        |y, m, _| format!("{y}年{m}月"),
        |y, m, d| format!("{y}年{m}月{d}日"),
        |y, m, d| format!("{y}年{m}月{d}号前"),
        |y, m, _| format!("{y}年{m}月底前"),
        |y, m, _| format!("{y}年{m}月份"),
        |y, _, _| format!("{y}年底之前"),
        |y, _, _| format!("{y}年上半年"),
        |y, m, d| format!("{y}-{m:02}-{d:02}"),
        |y, m, d| format!("{y}/{m}/{d}"),
        |y, m, d| format!("{y}.{m}.{d}"),
        |_, m, d| format!("{m}月{d}日前"),
        |_, m, _| format!("{m}月底"),
        |_, m, _| format!("{m}月前完成"),
        |_, _, d| format!("每月{d}日前"),
        |y, m, d| format!("在{y}年{m}月{d}日之前出具报告"),
        |y, m, _| format!("{y}年{m}月完成验收"),
    ];
    let mut checked = 0;
    for y in 1995..=2040 {
        for m in 1..=12 {
            for d in [1, 9, 10, 15, 28] {
                for form in forms {
                    let text = form(y, m, d);
                    for year in [None, Some(2023)] {
                        for family in [None, Some(Family::Quantity), Some(Family::Cost), Some(Family::Time)] {
                            let x = read(&text, &Context { family, year });
                            let kind = x.kind.expect("a kind");
                            assert!(matches!(kind, ValueKind::Deadline | ValueKind::Text), "{text}: {x:?}");
                            checked += 1;
                        }
                    }
                    // Beside a real count, the count is what a 数量 row reads.
                    let sentence = format!("{text}完成7次");
                    let x = read(&sentence, &Context { family: Some(Family::Quantity), year: Some(2023) });
                    assert_eq!((x.kind, x.value.as_deref()), (Some(ValueKind::Quantity), Some("7")), "{sentence}");
                }
            }
        }
    }
    assert!(checked > 100_000, "{checked}");
}

/// Whatever a cell holds, the reader answers without panicking, and what
/// it reads is well formed: a deadline is a date, a number is a number.
/// 200,000 strings from the characters targets are made of, generated
/// by a fixed-seed xorshift so a failure replays.
#[test]
fn any_text_reads_without_panic_into_well_formed_values() {
    const PIECES: &[&str] = &[
        "0",
        "1",
        "2",
        "9",
        "12",
        "31",
        "2023",
        "1999",
        ".",
        ",",
        "-",
        "~",
        "至",
        "/",
        "%",
        "年",
        "月",
        "日",
        "号",
        "底",
        "末",
        "前",
        "内",
        "以内",
        "以上",
        "上半年",
        "全年",
        "个",
        "个月",
        "小时",
        "工作日",
        "天",
        "万",
        "元",
        "万元",
        "亿元",
        "人",
        "次",
        "每",
        "每年",
        "一",
        "两",
        "十",
        "百",
        "半",
        "点",
        "*",
        "≥",
        "≤",
        "不超过",
        "达到",
        "约",
        "（",
        "）",
        "；",
        "、",
        " ",
        "满意",
        "成本",
        "份",
        "级",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let families = [None, Some(Family::Time), Some(Family::Cost), Some(Family::Quantity), Some(Family::Quality)];
    for _ in 0..200_000 {
        let len = (next() % 8) as usize;
        let text: String = (0..len).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect();
        let ctx = Context { family: families[(next() % 5) as usize], year: (next() % 2 == 0).then_some(2023) };
        let x = read(&text, &ctx);
        let _ = is_bare_value(&text);
        match (x.kind, x.value.as_deref()) {
            (Some(ValueKind::Deadline), Some(v)) => {
                let parts: Vec<&str> = v.split('-').collect();
                assert!(
                    matches!(parts.len(), 2 | 3) && parts.iter().all(|p| p.parse::<u32>().is_ok()),
                    "{text:?} → {v}"
                );
            }
            (Some(ValueKind::Text), v) | (None, v) => assert!(v.is_none(), "{text:?} → {v:?}"),
            (Some(_), Some(v)) => assert!(v.parse::<f64>().is_ok(), "{text:?} → {v}"),
            (Some(_), None) => panic!("{text:?}: a kind without a value"),
        }
    }
}

#[test]
fn a_measure_word_no_list_names_is_kept_where_it_ends_the_figure() {
    let q = |t: &str| r(t, Some(Family::Quantity), Some(2023));
    assert_eq!(q("20集"), e("quantity", "=", "20", "集"));
    assert_eq!(q("≥5首"), e("quantity", ">=", "5", "首"));
    assert_eq!(q("3艘以上"), e("quantity", ">=", "3", "艘"));
    assert_eq!(
        r("≤3秒", Some(Family::Time), Some(2023)),
        e("duration", "<=", "3", "秒"),
        "a duration's unit is listed"
    );
    // Not a measure: a word goes on, an approximation, a numeral's word.
    assert_eq!(q("100余").3, "");
    assert_eq!(q("3大类").3, "");
    assert_ne!(q("一般").0, "quantity");
}
