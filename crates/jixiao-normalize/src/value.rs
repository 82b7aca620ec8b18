//! Reading 指标值 into records: the domain grammar
//! ([`jixiao_domain::grammar`]) plus separate comparator and unit columns.
//! A separate column wins over the cell, with a warning when they disagree.

use jixiao_domain::fold;
pub use jixiao_domain::grammar::read_amount_wan;
use jixiao_domain::grammar::{normalize_unit, read_value};
use jixiao_domain::vocab::{is_placeholder, COMPARATOR_CODES, QUALITATIVE_MARKERS};
use jixiao_model::record::{Comparator, Reading};
use jixiao_model::Code;

fn comparator(sym: &str) -> Option<Comparator> {
    Some(match sym {
        ">=" => Comparator::Ge,
        "<=" => Comparator::Le,
        ">" => Comparator::Gt,
        "<" => Comparator::Lt,
        "=" => Comparator::Eq,
        _ => return None,
    })
}

/// Reads a target with its optional separate comparator and unit columns.
/// Returns the reading and warnings about disagreements and doubts.
pub fn read_target(
    target: Option<&str>,
    cmp_col: Option<&str>,
    unit_col: Option<&str>,
) -> (Reading, Vec<(Code, String)>) {
    let mut warnings = Vec::new();
    let mut reading = target.map(read_cell).unwrap_or_default();
    if target.is_none_or(is_placeholder) {
        reading = Reading::default();
    }
    if let Some(col) = cmp_col.map(fold).filter(|c| !c.is_empty() && !is_placeholder(c)) {
        let sym = COMPARATOR_CODES.iter().find(|(code, _)| *code == col).map_or(col.as_str(), |(_, s)| *s);
        let sym = match sym {
            "≥" => ">=",
            "≤" => "<=",
            other => other,
        };
        if QUALITATIVE_MARKERS.contains(&sym) {
            if reading.value.is_some() {
                warnings.push((Code::ComparatorColumnQualitative, format!("comparator column says {col} (qualitative) but the target is a number; the number is kept without a comparator")));
                reading.comparator = None;
            } else {
                reading.qualitative = true;
            }
        } else if let Some(c) = comparator(sym) {
            if reading.value.is_some() {
                if reading.comparator.is_some_and(|own| own != c && own != Comparator::Eq) {
                    warnings.push((
                        Code::ComparatorDisagrees,
                        format!(
                            "the target's comparator disagrees with the comparator column ({col}); the column wins"
                        ),
                    ));
                }
                reading.comparator = Some(c);
            }
        } else {
            warnings.push((
                Code::ComparatorColumnUnknown,
                format!("comparator column value {} not understood", jixiao_model::quoted(&col, 60)),
            ));
        }
    }
    if let Some(unit) = unit_col.map(fold).filter(|u| !u.is_empty() && !is_placeholder(u)) {
        let unit = normalize_unit(&unit);
        if reading.value.is_some() {
            if reading.unit.is_some() && reading.unit != unit {
                warnings.push((
                    Code::UnitDisagrees,
                    format!(
                        "the target's unit {} disagrees with the unit column {}; the column wins",
                        jixiao_model::quoted(reading.unit.as_deref().unwrap_or_default(), 60),
                        jixiao_model::quoted(unit.as_deref().unwrap_or_default(), 60)
                    ),
                ));
            }
            reading.unit = unit;
        }
    }
    if reading.unit.as_deref() == Some("%") {
        if let Some(v) = reading.value.as_deref().and_then(|v| v.parse::<f64>().ok()) {
            if v > 100.0 {
                warnings.push((Code::RateAbove100, format!("{v}% is above 100% for a rate; check the source")));
            }
        }
    }
    (reading, warnings)
}

/// Reads the 指标值 cell alone (the domain grammar, as a record reading).
pub fn read_cell(text: &str) -> Reading {
    let v = read_value(text);
    Reading {
        comparator: v.comparator.and_then(|c| if c == "range" { Some(Comparator::Range) } else { comparator(c) }),
        value: v.value,
        value_max: v.value_max,
        unit: v.unit,
        qualitative: v.qualitative,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (comparator, value, unit, qualitative)
    type Expect = (Option<&'static str>, Option<String>, Option<String>, bool);

    fn r(text: &str) -> Expect {
        let x = read_cell(text);
        (x.comparator.map(|c| c.as_str()), x.value, x.unit, x.qualitative)
    }

    fn q(c: &'static str, v: &str, u: Option<&str>) -> (Option<&'static str>, Option<String>, Option<String>, bool) {
        (Some(c), Some(v.into()), u.map(Into::into), false)
    }

    const QUAL: Expect = (None, None, None, true);

    /// Real 指标值 strings from the corpus with their expected readings.
    #[test]
    fn corpus_targets() {
        let cases: Vec<(&str, Expect)> = vec![
            ("≥212家", q(">=", "212", Some("家"))),
            ("5万元", q("=", "5", Some("万元"))),
            ("≥95%", q(">=", "95", Some("%"))),
            ("6人", q("=", "6", Some("人"))),
            ("100%", q("=", "100", Some("%"))),
            ("15万元", q("=", "15", Some("万元"))),
            ("7人", q("=", "7", Some("人"))),
            ("≥90%", q(">=", "90", Some("%"))),
            ("≥4550人次", q(">=", "4550", Some("人次"))),
            ("≥16200人次", q(">=", "16200", Some("人次"))),
            ("241万元", q("=", "241", Some("万元"))),
            ("≥96%", q(">=", "96", Some("%"))),
            ("≥15000本", q(">=", "15000", Some("本"))),
            ("≤5元/本", q("<=", "5", Some("元/本"))),
            ("≥1年", q(">=", "1", Some("年"))),
            ("≤110万元", q("<=", "110", Some("万元"))),
            ("≥21500人次", q(">=", "21500", Some("人次"))),
            ("≥1个", q(">=", "1", Some("个"))),
            ("≤4170元", q("<=", "4170", Some("元"))),
            ("≤1元", q("<=", "1", Some("元"))),
            ("≧2次", q(">=", "2", Some("次"))),
            ("≦677.56万元", q("<=", "677.56", Some("万元"))),
            ("≦100%", q("<=", "100", Some("%"))),
            ("≧95%", q(">=", "95", Some("%"))),
            ("24", q("=", "24", None)),
            ("1个", q("=", "1", Some("个"))),
            ("≥240万元", q(">=", "240", Some("万元"))),
            ("≥ 10.8万元", q(">=", "10.8", Some("万元"))),
            ("≥ 1500 万元", q(">=", "1500", Some("万元"))),
            ("51.3 万人", q("=", "51.3", Some("万人"))),
            ("1.53 万人", q("=", "1.53", Some("万人"))),
            ("95%", q("=", "95", Some("%"))),
            ("95", q("=", "95", None)),
            ("50.00", q("=", "50", None)),
            ("提升", QUAL),
            ("及时", QUAL),
            ("健全", QUAL),
            ("有效保障", QUAL),
            ("明显提高", QUAL),
            ("2023年12月底前", QUAL),
            ("2024年12月31日之前", QUAL),
            ("2023年底之前", QUAL),
            ("受理后30个工作日", QUAL),
            ("各种渠道宣传不少于3次", QUAL),
            ("除特殊情况每月一次全面检查", QUAL),
            ("无重大责任事故发生", QUAL),
            ("常态化", QUAL),
        ];
        assert!(cases.len() >= 30);
        for (text, want) in cases {
            assert_eq!(r(text), want, "{text}");
        }
    }

    #[test]
    fn comparator_words_and_suffixes() {
        assert_eq!(r("不低于90%"), q(">=", "90", Some("%")));
        assert_eq!(r("不超过12万元"), q("<=", "12", Some("万元")));
        assert_eq!(r("大于等于95%"), q(">=", "95", Some("%")));
        assert_eq!(r("95%以上"), q(">=", "95", Some("%")));
        assert_eq!(r("3天以内"), q("<=", "3", Some("天")));
        assert_eq!(r("＞８０％"), q(">", "80", Some("%")));
        assert_eq!(r("1,426.26万元"), q("=", "1426.26", Some("万元")));
    }

    #[test]
    fn ranges_and_placeholders() {
        let x = read_cell("90-95%");
        assert_eq!(
            (x.comparator, x.value.as_deref(), x.value_max.as_deref(), x.unit.as_deref()),
            (Some(Comparator::Range), Some("90"), Some("95"), Some("%"))
        );
        for p in ["不适用", "无", "/", "≥**%"] {
            assert_eq!(read_cell(p), Reading::default(), "{p}");
        }
    }

    #[test]
    fn separate_columns_win_and_warn() {
        let (x, w) = read_target(Some("95"), Some("≥"), Some("%"));
        assert_eq!(
            (x.comparator, x.value.as_deref(), x.unit.as_deref()),
            (Some(Comparator::Ge), Some("95"), Some("%"))
        );
        assert!(w.is_empty());
        let (x, w) = read_target(Some("≤50"), Some("≥"), None);
        assert_eq!(x.comparator, Some(Comparator::Ge));
        assert_eq!(w.iter().map(|w| w.0).collect::<Vec<_>>(), [Code::ComparatorDisagrees]);
        let (x, _) = read_target(Some("80"), Some("1"), Some("百分比"));
        assert_eq!((x.comparator, x.unit.as_deref()), (Some(Comparator::Ge), Some("%")));
        let (x, w) = read_target(Some("50"), Some("定性"), Some("万元"));
        assert_eq!((x.comparator, x.value.as_deref()), (None, Some("50")));
        assert_eq!(w.iter().map(|w| w.0).collect::<Vec<_>>(), [Code::ComparatorColumnQualitative]);
        let (x, _) = read_target(Some("健全"), Some("定性"), Some("健全"));
        assert!(x.qualitative && x.unit.is_none());
        let (_, w) = read_target(Some("292%"), None, None);
        assert_eq!(w.iter().map(|w| w.0).collect::<Vec<_>>(), [Code::RateAbove100]);
        let (_, w) = read_target(Some("50"), Some("提高"), None);
        assert_eq!(w.iter().map(|w| w.0).collect::<Vec<_>>(), [Code::ComparatorColumnUnknown]);
        let (_, w) = read_target(Some("50人"), None, Some("个"));
        assert_eq!(w.iter().map(|w| w.0).collect::<Vec<_>>(), [Code::UnitDisagrees]);
    }

    #[test]
    fn amounts() {
        assert_eq!(read_amount_wan("1,426.26", None), Some(1426.26));
        assert_eq!(read_amount_wan("资金总额：  834.02万元", None), Some(834.02));
        assert_eq!(read_amount_wan("296000", Some("元")), Some(29.6));
        assert_eq!(read_amount_wan("296000元", Some("万元")), Some(29.6));
        assert_eq!(read_amount_wan("无", None), None);
    }
}
