//! The one calendar jixiao keeps: whether a day exists, and a month's
//! last day (a deadline `2023-12` is read as 2023-12-31). Two functions
//! of the Gregorian rules do not justify a date crate in every build.

/// True when `y`-`m`-`d` is a day of the Gregorian calendar.
pub fn valid(y: u32, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= last_day(y, m)
}

/// The last day of month `m` of year `y`.
pub fn last_day(y: u32, m: u32) -> u32 {
    match m {
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_end_on_their_last_day_leap_years_included() {
        assert_eq!((last_day(2024, 2), last_day(2023, 2), last_day(1900, 2), last_day(2000, 2)), (29, 28, 28, 29));
        assert_eq!((last_day(2023, 11), last_day(2023, 12)), (30, 31));
        assert!(valid(2024, 2, 29) && !valid(2023, 2, 29) && !valid(2023, 13, 1) && !valid(2023, 1, 0));
    }
}
