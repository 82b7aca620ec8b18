//! The guard every CSV cell goes through (the columns themselves are
//! `jixiao-columns`').

use std::borrow::Cow;

/// A spreadsheet runs a cell starting with `=`, `+`, `-`, `@` (or a tab or
/// carriage return) as a formula: such text gets a leading `'`, unless it is
/// a plain number (`-5`) or a bare comparator (`=`, `>=`). Everything else is
/// written as is.
pub fn neutralize_formula(s: String) -> String {
    match neutralize_formula_str(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(guarded) => guarded,
    }
}

/// [`neutralize_formula`] of a borrowed cell: a copy only when the cell
/// gets its `'`.
pub fn neutralize_formula_str(s: &str) -> Cow<'_, str> {
    // Most cells start with none of these: they are returned untouched
    // without trying to read them as numbers (that parse was 1% of a run).
    if !s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        return Cow::Borrowed(s);
    }
    let plain_number = s.trim().parse::<f64>().is_ok();
    let bare_comparator = matches!(s.trim(), "=" | "==" | ">=" | "<=" | "=>" | "=<" | "-" | "--");
    if !plain_number && !bare_comparator {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::neutralize_formula as n;

    #[test]
    fn formulas_are_neutralised_numbers_and_comparators_are_not() {
        assert_eq!(n("=HYPERLINK(\"http://x\")".into()), "'=HYPERLINK(\"http://x\")");
        assert_eq!(n("+SUM(A1)".into()), "'+SUM(A1)");
        assert_eq!(n("@cmd".into()), "'@cmd");
        assert_eq!(n("-1+1".into()), "'-1+1");
        assert_eq!(n("\t=1".into()), "'\t=1");
        assert_eq!(n("-5".into()), "-5");
        assert_eq!(n("+3.5".into()), "+3.5");
        assert_eq!(n("=".into()), "=");
        assert_eq!(n(">=".into()), ">=");
        assert_eq!(n("≥95%".into()), "≥95%");
        assert_eq!(n("提升".into()), "提升");
    }
}
