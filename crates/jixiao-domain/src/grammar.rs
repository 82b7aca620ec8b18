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

/// `百分比` → `%`; brackets around a unit dropped; empty → none.
pub fn normalize_unit(unit: &str) -> Option<String> {
    let u = unit.trim_matches(|c: char| c == '(' || c == ')');
    match u {
        "" => None,
        "百分比" | "百分率" => Some("%".into()),
        other => Some(other.to_string()),
    }
}

/// Reads an amount in 万元: `1,426.26`, `834.02万元`, `296000元`. A number
/// without a unit is in the document's stated amount unit (default 万元).
pub fn read_amount_wan(text: &str, doc_unit: Option<&str>) -> Option<f64> {
    let f = fold(text);
    let start = f.find(|c: char| c.is_ascii_digit())?;
    let (number, rest) = leading_number(&f[start..])?;
    let n: f64 = number.parse().ok()?;
    let unit_of = |s: &str| MONEY_UNITS.iter().find(|(u, _)| s.starts_with(u)).map(|(_, k)| *k);
    let factor = unit_of(rest).or_else(|| doc_unit.map(fold).and_then(|u| unit_of(&u))).unwrap_or(1.0);
    Some((n * factor * 1e6).round() / 1e6)
}

/// Every money amount written in running text (`共计29.6万元`, `296000元`),
/// in 万元, with the text it was read from.
pub fn money_amounts(text: &str) -> Vec<(f64, String)> {
    let f = fold(text);
    let mut out = Vec::new();
    let mut rest = f.as_str();
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let Some((number, after)) = leading_number(&rest[start..]) else { break };
        let consumed = rest.len() - after.len();
        // A price per item (5元/本, 3元每人) is not an amount of the budget.
        let unit = MONEY_UNITS.iter().find(|(u, _)| after.starts_with(u) && !after[u.len()..].starts_with(['/', '每']));
        if let (Some((u, factor)), Ok(n)) = (unit, number.parse::<f64>()) {
            out.push(((n * factor * 1e6).round() / 1e6, format!("{number}{u}")));
        }
        rest = &rest[consumed..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_in_running_text() {
        let found = money_amounts("测算依据：人员经费共计29.6万元，其中办公费2,000元；另有3人");
        assert_eq!(found, vec![(29.6, "29.6万元".to_string()), (0.2, "2000元".to_string())]);
        assert!(money_amounts("无").is_empty());
        assert!(money_amounts("≤5元/本").is_empty(), "a unit price is not an amount");
    }
}
