//! Project codes and keys.
//!
//! A project's key is its 项目编码 when it has a plausible one. Otherwise it
//! is derived as `unit/year/name`: the unit code (or name), the budget year
//! the document states (or `-`), and the project name folded (NFKC, no
//! white space, unified brackets); a department table uses `部门整体` as its
//! name. When one document repeats a key, `#2`, `#3`… are appended. The
//! inputs are recorded beside the key so that it can be audited.

use jixiao_domain::fold;
use jixiao_model::aligned::{AlignedOwner, Scope, Traced};
use std::collections::HashMap;

/// What the shape of a project code says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeCheck {
    /// A known shape: 6-digit region + 2-digit year + `P` + 12 characters,
    /// or 21 digits (Shenzhen).
    Valid,
    /// Kept, but of no shape we know.
    Unusual(String),
    /// Cannot be a code (a spreadsheet float, a placeholder).
    Invalid(String),
}

/// Checks a project code by shape only (no check-digit scheme is known).
pub fn check_project_code(raw: &str) -> CodeCheck {
    let c = fold(raw);
    let bytes = c.as_bytes();
    if c.is_empty() || jixiao_domain::vocab::is_placeholder(&c) {
        return CodeCheck::Invalid("empty or a placeholder".into());
    }
    if c.contains(['e', 'E']) && c.contains('+') || c.contains('.') {
        return CodeCheck::Invalid(
            "it is a number in scientific/float notation: its digits were lost by a spreadsheet".into(),
        );
    }
    let regional = bytes.len() == 21
        && bytes[..8].iter().all(u8::is_ascii_digit)
        && bytes[8].is_ascii_uppercase()
        && bytes[9..].iter().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase());
    let numeric21 = bytes.len() == 21 && bytes.iter().all(u8::is_ascii_digit);
    if regional || numeric21 {
        return CodeCheck::Valid;
    }
    if c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-') && c.len() >= 6 {
        CodeCheck::Unusual(format!("its shape (length {}) matches no known pattern", c.len()))
    } else {
        CodeCheck::Invalid("it contains characters a code cannot have".into())
    }
}

/// Hands out keys, numbering repeats within one document.
#[derive(Debug, Default)]
pub struct KeyRegistry {
    seen: HashMap<String, usize>,
}

impl KeyRegistry {
    /// The key for an owner and the inputs it was made from.
    pub fn key_for(&mut self, owner: &AlignedOwner, code: Option<&Traced>, year: Option<u16>) -> (String, Vec<String>) {
        if let Some(code) = code {
            let key = fold(&code.text);
            return (self.unique(key.to_string()), vec![format!("project_code={key}")]);
        }
        let unit =
            owner.unit_code.as_ref().or(owner.unit_name.as_ref()).map(|t| fold(&t.text)).unwrap_or_else(|| "-".into());
        let year = year.map_or_else(|| "-".to_string(), |y| y.to_string());
        let name = match owner.scope {
            Scope::Department => "部门整体".to_string(),
            Scope::Project => {
                owner.project_name.as_ref().map(|t| fold(&t.text).into_owned()).unwrap_or_else(|| "-".into())
            }
        };
        let inputs = vec![format!("unit={unit}"), format!("year={year}"), format!("name={name}")];
        (self.unique(format!("{unit}/{year}/{name}")), inputs)
    }

    fn unique(&mut self, key: String) -> String {
        let n = self.seen.entry(key.clone()).or_insert(0);
        *n += 1;
        if *n == 1 {
            key
        } else {
            format!("{key}#{n}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_shapes() {
        assert_eq!(check_project_code("13032424P00442810283Y"), CodeCheck::Valid);
        assert_eq!(check_project_code("13020823P009295100022"), CodeCheck::Valid);
        assert_eq!(check_project_code("440306231391500000001"), CodeCheck::Valid);
        assert!(matches!(check_project_code("4.403062313915e+20"), CodeCheck::Invalid(_)));
        assert!(matches!(check_project_code("不适用"), CodeCheck::Invalid(_)));
        assert!(matches!(check_project_code("XM2023001"), CodeCheck::Unusual(_)));
    }
}
