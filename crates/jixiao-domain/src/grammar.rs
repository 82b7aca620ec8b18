//! Numbers and money in running text: budgets (`1,426.26`, `834.02万元`),
//! the amounts a 测算依据 names, and units as a unit column writes them.
//! How a 指标值 reads is [`crate::value`]'s.

use crate::fold;
use crate::vocab::MONEY_UNITS;

/// Splits a leading decimal number (thousands commas allowed) off `s`.
fn leading_number(s: &str) -> Option<(String, &str)> {
    let mut end = 0;
    let mut seen_digit = false;
    let mut seen_dot = false;
    for (i, c) in s.char_indices() {
        if c.is_ascii_digit() {
            seen_digit = true;
            end = i + 1;
        } else if c == '.' && seen_digit && !seen_dot {
            seen_dot = true;
        } else if c == ',' && seen_digit && !seen_dot && s[i + 1..].starts_with(|d: char| d.is_ascii_digit()) {
        } else {
            break;
        }
    }
    if !seen_digit {
        return None;
    }
    let number: String = s[..end].chars().filter(|&c| c != ',').collect();
    let number = number.trim_end_matches('.').to_string();
    Some((plain_decimal(&number), &s[end..]))
}

/// `050` → `50`, `95.00` → `95`, `0.50` → `0.5`.
pub(crate) fn plain_decimal(n: &str) -> String {
    let (int, frac) = n.split_once('.').unwrap_or((n, ""));
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    }
}

/// A unit as jixiao writes it, whether the 指标值 or a unit column gave
/// it: brackets around it dropped, `百分比` → `%`, `m2` (NFKC's ㎡) → `㎡`,
/// `m3` → `m³`; empty → none.
pub fn normalize_unit(unit: &str) -> Option<String> {
    let u = unit.trim_matches(|c: char| c == '(' || c == ')');
    match u {
        "" => None,
        "百分比" | "百分率" => Some("%".into()),
        "m2" => Some("㎡".into()),
        "m3" => Some("m³".into()),
        other => Some(other.to_string()),
    }
}

/// An exact decimal number, `units × 10^-scale`: budgets are added,
/// compared and moved between 元 and 万元 without float rounding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    units: i128,
    scale: u32,
}

impl Decimal {
    /// Most fraction digits kept: more are a float's noise
    /// (`24349670.3999999985`), rounded away.
    const MAX_SCALE: u32 = 12;

    /// Reads a plain number: digits, one `.`, thousands commas.
    pub fn parse(text: &str) -> Option<Decimal> {
        let t: String = text.chars().filter(|c| *c != ',').collect();
        let (int, frac) = t.split_once('.').unwrap_or((&t, ""));
        if int.is_empty() && frac.is_empty() || !int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) {
            return None;
        }
        let frac = &frac[..frac.len().min(Self::MAX_SCALE as usize)];
        let units: i128 = format!("{int}{frac}").parse().ok()?;
        Some(Decimal { units, scale: frac.len() as u32 })
    }

    /// The number times 10^`places` (4 turns 万元 into 元).
    pub fn shift(self, places: i32) -> Decimal {
        if places >= 0 {
            let down = (places as u32).min(self.scale);
            let up = places as u32 - down;
            Decimal { units: self.units.saturating_mul(10i128.saturating_pow(up)), scale: self.scale - down }
        } else {
            Decimal { units: self.units, scale: self.scale + places.unsigned_abs() }
        }
    }

    /// Rounded half up to `places` fraction digits.
    pub fn round(self, places: u32) -> Decimal {
        if self.scale <= places {
            return self;
        }
        let div = 10i128.pow(self.scale - places);
        Decimal { units: (self.units + div / 2) / div, scale: places }
    }

    /// True for zero.
    pub fn is_zero(self) -> bool {
        self.units == 0
    }

    /// As a float, for comparisons with a tolerance.
    pub fn to_f64(self) -> f64 {
        self.units as f64 / 10f64.powi(self.scale as i32)
    }
}

impl std::ops::Add for Decimal {
    type Output = Decimal;

    fn add(self, other: Decimal) -> Decimal {
        let scale = self.scale.max(other.scale);
        let lift = |d: Decimal| d.units.saturating_mul(10i128.pow(scale - d.scale));
        Decimal { units: lift(self).saturating_add(lift(other)), scale }
    }
}

impl std::fmt::Display for Decimal {
    /// A plain decimal without trailing zeros: `246800`, `24.68`, `0.003`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let digits = format!("{:0>width$}", self.units, width = self.scale as usize + 1);
        let (int, frac) = digits.split_at(digits.len() - self.scale as usize);
        f.write_str(&plain_decimal(&format!("{int}.{frac}")))
    }
}

/// The first number of a budget cell (`1,426.26`, `834.02万元`,
/// `资金总额：296000元`), exact, with the money unit written right after it.
pub fn read_budget(text: &str) -> Option<(Decimal, Option<&'static str>)> {
    let f = fold(text);
    let start = f.find(|c: char| c.is_ascii_digit())?;
    let (number, rest) = leading_number(&f[start..])?;
    let unit = MONEY_UNITS.iter().find(|(u, _)| rest.starts_with(u)).map(|(u, _)| *u);
    Some((Decimal::parse(&number)?, unit))
}

/// Every money amount written in running text (`共计29.6万元`, `296000元`),
/// in 万元, with the text it was read from.
pub fn money_amounts(text: &str) -> Vec<(f64, String)> {
    // Text without a digit, in characters that fold to themselves, cannot
    // fold to one: most goals and descriptions are skipped unfolded.
    if !crate::may_fold_to_any(text, &['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']) {
        return Vec::new();
    }
    let f = fold(text);
    let mut out = Vec::new();
    let mut rest: &str = &f;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let Some((number, after)) = leading_number(&rest[start..]) else { break };
        let consumed = rest.len() - after.len();
        // A price per item (5元/本, 3元每人) is not an amount of the budget.
        let unit = MONEY_UNITS.iter().find(|(u, _)| after.starts_with(u) && !after[u.len()..].starts_with(['/', '每']));
        if let (Some((u, places)), Ok(n)) = (unit, number.parse::<f64>()) {
            out.push(((n * 10f64.powi(places - 4) * 1e6).round() / 1e6, format!("{number}{u}")));
        }
        rest = &rest[consumed..];
    }
    out
}

/// A cell that prints a code before a name, `CODE-NAME` (北京's
/// `11000022T000000427117-卫生健康委工作培训`), `CODE_NAME` (泉州's
/// `301008_泉州市公安局…`) or `CODE NAME`: the code (ASCII letters and
/// digits, at least six of them digits; a line break inside it is no part
/// of it) and the name (from its first Chinese character). None when the
/// text does not start so: a name that merely begins with digits
/// (`12345热线运营`) has no separator before its Chinese text.
pub fn split_coded_name(text: &str) -> Option<(String, String)> {
    let t = text.trim();
    let end = t.find(|c: char| !(c.is_ascii_alphanumeric() || c == ' ' || c == '\n'))?;
    let (head, rest) = t.split_at(end);
    let code: String = head.chars().filter(char::is_ascii_alphanumeric).collect();
    let separated = rest.starts_with(['-', '－', '_', '—', '–']);
    let name = rest.trim_start_matches(['-', '－', '_', '—', '–', ' ']).trim();
    let digits = code.chars().filter(char::is_ascii_digit).count();
    // The name is Chinese text, which may open with a quote or Latin
    // letters (`“三维一体”慢阻肺…`, `MPXV与HIV…`), never with digits.
    let named = name.chars().next().is_some_and(|c| !c.is_ascii_digit()) && name.chars().any(crate::is_cjk);
    (separated && digits >= 6 && named).then(|| (code, name.to_string()))
}

#[cfg(test)]
mod tests {

    #[test]
    fn coded_names_split_at_the_code() {
        let split = |t: &str| split_coded_name(t).map(|(c, n)| format!("{c}|{n}"));
        assert_eq!(
            split("11000022T000000427117-卫生健康委工作培训").as_deref(),
            Some("11000022T000000427117|卫生健康委工作培训")
        );
        assert_eq!(
            split("11000021Y000000390\n849-办公设备购置类项目").as_deref(),
            Some("11000021Y000000390849|办公设备购置类项目")
        );
        assert_eq!(
            split("11000021Y000000390 849-办公设备购置类").as_deref(),
            Some("11000021Y000000390849|办公设备购置类")
        );
        assert_eq!(split("301008_泉州市公安局台商投资区分局").as_deref(), Some("301008|泉州市公安局台商投资区分局"));
        assert_eq!(split("12345热线运营"), None, "digits that are part of the name");
        assert_eq!(
            split("11000026T000003718236-MPXV与HIV共感染").as_deref(),
            Some("11000026T000003718236|MPXV与HIV共感染")
        );
        assert_eq!(
            split("11000026T000003738054-“三维一体”慢阻肺").as_deref(),
            Some("11000026T000003738054|“三维一体”慢阻肺")
        );
        assert_eq!(split("2026-2028年建设项目"), None, "a year range is no code");
        assert_eq!(split("卫生健康委工作培训"), None);
    }

    use super::*;

    #[test]
    fn exact_decimals() {
        let d = |s: &str| Decimal::parse(s).expect(s);
        assert_eq!(d("24.68").shift(4).to_string(), "246800");
        assert_eq!(d("246800").shift(-4).to_string(), "24.68");
        assert_eq!(d("24349670.3999999985").round(2).to_string(), "24349670.4");
        assert_eq!((d("0.1") + d("0.2")).to_string(), "0.3", "no float surprise");
        assert_eq!(d("1,426.26").to_string(), "1426.26");
        assert_eq!(d("0").to_string(), "0");
        assert_eq!(d("3").shift(-4).to_string(), "0.0003");
        assert!(Decimal::parse("abc").is_none() && Decimal::parse(".").is_none());
        assert_eq!(read_budget("资金总额：834.02万元"), Some((d("834.02"), Some("万元"))));
        assert_eq!(read_budget("137584"), Some((d("137584"), None)));
    }

    #[test]
    fn money_in_running_text() {
        let found = money_amounts("测算依据：人员经费共计29.6万元，其中办公费2,000元；另有3人");
        assert_eq!(found, vec![(29.6, "29.6万元".to_string()), (0.2, "2000元".to_string())]);
        assert!(money_amounts("无").is_empty());
        assert!(money_amounts("≤5元/本").is_empty(), "a unit price is not an amount");
    }
}
