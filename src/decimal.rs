//! Decimal numbers as people type and read them ("2.5", "8,5", "67.6"), in whole integers.
//!
//! The water log and the diary form only need a few decimals, and doing it with integers keeps
//! Rust's float parsing and printing (about 10 KB brotli of code and tables) out of the records
//! bundles.

/// A number as typed (`2`, `2.5`, `8,5`, `.5`, `-1`), scaled by `10^places` and rounded half
/// away from zero at the last place: `parse("2.25", 1)` is 23 tenths. `None` for anything else,
/// or a number too large to matter here.
pub fn parse(text: &str, places: u32) -> Option<i64> {
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (whole, fraction) = digits.split_once(['.', ',']).unwrap_or((digits, ""));
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.len() + fraction.len() == 0 || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    // Beyond 12 whole digits nothing here is meant: refuse rather than overflow.
    if whole.trim_start_matches('0').len() > 12 {
        return None;
    }
    let mut value: i64 = 0;
    for b in whole.bytes() {
        value = value * 10 + i64::from(b - b'0');
    }
    let mut fraction = fraction.bytes();
    for _ in 0..places {
        let digit = fraction.next().map_or(0, |b| i64::from(b - b'0'));
        value = value * 10 + digit;
    }
    if fraction.next().is_some_and(|b| b >= b'5') {
        value += 1;
    }
    Some(if negative { -value } else { value })
}

/// `value / 10^places` with at most `places` decimals and no trailing zeros: `text(85, 1)` is
/// "8.5", `text(80, 1)` is "8", `text(150, 2)` is "1.5".
pub fn text(value: u64, places: u32) -> String {
    let scale = 10_u64.pow(places);
    let (whole, fraction) = (value / scale, value % scale);
    if fraction == 0 {
        return whole.to_string();
    }
    let digits = format!("{fraction:0width$}", width = places as usize);
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

/// `numerator / denominator`, rounded as asked: both positive, and no float on the way.
pub fn divide(numerator: u64, denominator: u64, rounding: Rounding) -> u64 {
    match rounding {
        Rounding::Down => numerator / denominator,
        Rounding::Nearest => (numerator + denominator / 2) / denominator,
        Rounding::Up => numerator.div_ceil(denominator),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rounding {
    Down,
    Nearest,
    Up,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_numbers_as_people_type_them() {
        assert_eq!(parse("2", 1), Some(20));
        assert_eq!(parse(" 2.5 ", 1), Some(25));
        assert_eq!(parse("8,5", 1), Some(85));
        assert_eq!(parse(".5", 2), Some(50));
        assert_eq!(parse("2.", 1), Some(20));
        assert_eq!(parse("007", 0), Some(7));
        assert_eq!(parse("-1.5", 1), Some(-15));
        assert_eq!(parse("+3", 0), Some(3));
    }

    #[test]
    fn rounds_half_away_from_zero_at_the_last_place() {
        assert_eq!(parse("2.25", 1), Some(23));
        assert_eq!(parse("2.249", 1), Some(22));
        assert_eq!(parse("-2.25", 1), Some(-23));
        assert_eq!(parse("0.0005", 3), Some(1));
    }

    #[test]
    fn refuses_what_is_not_a_plain_number() {
        for text in [
            "",
            " ",
            ".",
            "-",
            "abc",
            "1.2.3",
            "1,2.3",
            "1e3",
            "inf",
            "NaN",
            "2 5",
            "--1",
            "0x10",
            "1234567890123",
        ] {
            assert_eq!(parse(text, 2), None, "{text:?}");
        }
    }

    #[test]
    fn writes_only_the_decimals_that_count() {
        assert_eq!(text(85, 1), "8.5");
        assert_eq!(text(80, 1), "8");
        assert_eq!(text(150, 2), "1.5");
        assert_eq!(text(105, 2), "1.05");
        assert_eq!(text(0, 2), "0");
        assert_eq!(text(250, 0), "250");
    }

    #[test]
    fn divides_with_the_rounding_asked() {
        assert_eq!(divide(7, 2, Rounding::Down), 3);
        assert_eq!(divide(7, 2, Rounding::Nearest), 4);
        assert_eq!(divide(5, 2, Rounding::Up), 3);
        assert_eq!(divide(6, 2, Rounding::Up), 3);
    }

    proptest! {
        #[test]
        fn what_it_writes_it_reads_back(value in 0_u64..10_000_000, places in 0_u32..4) {
            prop_assert_eq!(parse(&text(value, places), places), Some(value as i64));
        }

        #[test]
        fn agrees_with_rusts_own_reading(whole in 0_u32..100_000, fraction in 0_u32..1000) {
            let typed = format!("{whole}.{fraction:03}");
            let float: f64 = typed.parse().unwrap();
            prop_assert_eq!(parse(&typed, 3), Some((float * 1000.0).round() as i64));
        }
    }
}
