//! Whether a result meets its target: the one comparison evaluations.csv
//! and the 自评 review rules make. The target side comes read by the
//! target grammar (comparator, figure, unit, separate columns folded in);
//! the actual side is read here, as a self-evaluation prints it (`366人`,
//! `≥99.5%`, `100`).

use crate::fold;

/// How a result stands against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The actual meets the target.
    Met,
    /// The actual misses it.
    NotMet,
    /// A text target or actual, a range, or another unit.
    NotComparable,
}

impl Outcome {
    /// The name in evaluations.csv.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Met => "met",
            Outcome::NotMet => "not_met",
            Outcome::NotComparable => "not_comparable",
        }
    }
}

/// Compares `actual` with the target (comparator `>=`/`>`/`<=`/`<`/`=`,
/// figure, unit): the outcome and, when comparable, the gap (actual minus
/// the target's figure, in the target's unit).
pub fn compare(comparator: &str, want: &str, unit: &str, actual: &str) -> (Outcome, Option<f64>) {
    let (Ok(want), Some((got, got_unit))) = (want.parse::<f64>(), figure(actual)) else {
        return (Outcome::NotComparable, None);
    };
    if comparator.is_empty() || comparator == "range" || !same_unit(unit, &got_unit) {
        return (Outcome::NotComparable, None);
    }
    let met = match comparator {
        ">=" => got >= want,
        ">" => got > want,
        "<=" => got <= want,
        "<" => got < want,
        _ => (got - want).abs() < 1e-9,
    };
    let gap = ((got - want) * 1e6).round() / 1e6;
    (if met { Outcome::Met } else { Outcome::NotMet }, Some(gap))
}

/// How much of the target the actual achieved, from 0 up: 完成值 / 指标值
/// for a floor or an exact figure (≥95%), 指标值 / 完成值 for a ceiling
/// (≤15分钟); none when the two are not comparable or a figure is zero.
pub fn completion(comparator: &str, want: &str, unit: &str, actual: &str) -> Option<f64> {
    let (Ok(want), Some((got, got_unit))) = (want.parse::<f64>(), figure(actual)) else { return None };
    if comparator.is_empty() || comparator == "range" || !same_unit(unit, &got_unit) || want == 0.0 || got == 0.0 {
        return None;
    }
    Some(if matches!(comparator, "<=" | "<") { want / got } else { got / want })
}

/// A unit as compared: folded, without the spaces a wrapped cell leaves
/// (`台 套`).
pub fn squeezed(unit: &str) -> String {
    fold(unit).chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether a target's unit and an actual's are one: either empty, or one
/// the start of the other once squeezed (the target grammar reads
/// `≥330台套` as 台, the actual prints 台套).
pub fn same_unit(target: &str, actual: &str) -> bool {
    let (t, a) = (squeezed(target), squeezed(actual));
    t.is_empty() || a.is_empty() || t.starts_with(&a) || a.starts_with(&t)
}

/// The unit an actual is printed in, when it is a figure (`330万元` →
/// `万元`; empty for a bare number).
pub fn actual_unit(actual: &str) -> Option<String> {
    figure(actual).map(|(_, unit)| unit)
}

/// An actual's figure and unit (a comparator printed before it is
/// dropped): `≥99.5%` → (99.5, `%`); none for text (`成效明显`) or a
/// figure followed by a sentence.
fn figure(text: &str) -> Option<(f64, String)> {
    let t: String = fold(text).chars().filter(|c| !c.is_whitespace()).collect();
    let rest = t.trim_start_matches(['≥', '≤', '≦', '≧', '>', '<', '=']);
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    let value: f64 = digits.parse().ok()?;
    let unit = rest[digits.len()..].to_string();
    (unit.chars().count() <= 4).then_some((value, unit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_meet_or_miss_their_targets() {
        assert_eq!(compare(">=", "300", "人", "366人"), (Outcome::Met, Some(66.0)));
        assert_eq!(compare(">=", "96", "%", "90%"), (Outcome::NotMet, Some(-6.0)));
        assert_eq!(compare("<=", "15", "分钟", "5分钟"), (Outcome::Met, Some(-10.0)));
        assert_eq!(compare(">=", "95", "%", "100"), (Outcome::Met, Some(5.0)));
        assert_eq!(compare("", "", "", "得到提升").0, Outcome::NotComparable, "a text target");
        assert_eq!(compare(">=", "330", "台套", "330万元").0, Outcome::NotComparable, "another unit");
        assert_eq!(compare(">=", "90", "%", "良好").0, Outcome::NotComparable, "a text actual");
        assert_eq!(actual_unit("330万元").as_deref(), Some("万元"));
        assert_eq!(compare(">=", "330", "台 套", "330台套").0, Outcome::Met, "a unit wrapped in its cell");
        assert_eq!(compare(">=", "330", "台", "330台套").0, Outcome::Met, "a unit read short");
        assert_eq!(completion(">=", "400", "人", "300人"), Some(0.75));
        assert_eq!(completion("<=", "15", "分钟", "20分钟"), Some(0.75), "a ceiling: target over actual");
        assert_eq!(completion(">=", "90", "%", "良好"), None);
        assert_eq!(completion(">=", "0", "起", "0起"), None, "no share of nothing");
    }
}
