//! Budget years: from the document's title (the aligner reads it), a
//! project's own 申报年度 or 实施期限 cell, and the file name as a last
//! resort, with a warning.

use jixiao_model::aligned::AlignedOwner;
use jixiao_model::{Code, Diagnostic};

/// The years written in `text` (2000–2099, not part of a longer number).
fn years_in(text: &str) -> Vec<u16> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= chars.len() {
        let run = &chars[i..i + 4];
        let before = i > 0 && chars[i - 1].is_ascii_digit();
        let after = chars.get(i + 4).is_some_and(|c| c.is_ascii_digit());
        if !before && !after && run[0] == '2' && run[1] == '0' && run.iter().all(|c| c.is_ascii_digit()) {
            out.extend(run.iter().collect::<String>().parse::<u16>().ok());
            i += 4;
        } else {
            i += 1;
        }
    }
    out
}

/// The one year `text` names (`2023`, `2023年度`, `2023年1月-2023年12月`);
/// none when it names none or several (`2023-2025年`).
pub fn single_year(text: &str) -> Option<u16> {
    let years = years_in(text);
    let first = *years.first()?;
    years.iter().all(|y| *y == first).then_some(first)
}

/// The project's own year: its 申报年度, else a 实施期限 within one year.
pub fn project_year(owner: &AlignedOwner) -> Option<u16> {
    let f = &owner.facts;
    f.declared_year
        .as_ref()
        .and_then(|t| single_year(&t.text))
        .or_else(|| f.period.as_ref().and_then(|t| single_year(&t.text)))
}

/// The document's year: its title's; else the year every project states;
/// else the one year its file name holds, with a warning.
pub fn document_year(
    title_year: Option<u16>,
    owners: &[AlignedOwner],
    source_file: &str,
) -> (Option<u16>, Option<Diagnostic>) {
    if title_year.is_some() {
        return (title_year, None);
    }
    let own: Vec<u16> = owners.iter().filter_map(project_year).collect();
    if let Some(first) = own.first().filter(|y| own.iter().all(|o| o == *y) && own.len() == owners.len()) {
        return (Some(*first), None);
    }
    let name = source_file.rsplit('/').next().unwrap_or(source_file);
    match single_year(name) {
        Some(y) => {
            let message = format!("no text states the budget year; {y} is taken from the file name {name:?}");
            (Some(y), Some(Diagnostic::new(Code::YearFromFileName, message, None)))
        }
        None => (None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_read_only_where_one_is_named() {
        assert_eq!(single_year("2023年1月-2023年12月"), Some(2023));
        assert_eq!(single_year("2023年度"), Some(2023));
        assert_eq!(single_year("2023-2025年"), None);
        assert_eq!(single_year("3"), None);
        assert_eq!(single_year("13032424P00442810283Y"), None, "digits inside a code");
        assert_eq!(single_year("songgang-2023-ejxm-00.xlsx"), Some(2023));
    }

    #[test]
    fn the_file_name_is_the_last_resort_and_says_so() {
        let (year, note) = document_year(None, &[], "county/卢龙县-2024.xlsx");
        assert_eq!(year, Some(2024));
        assert_eq!(note.map(|d| d.code), Some(Code::YearFromFileName));
        assert_eq!(document_year(Some(2021), &[], "x-2024.xlsx"), (Some(2021), None));
        assert_eq!(document_year(None, &[], "2023-2024汇总.xlsx").0, None, "two years: no guess");
    }
}
