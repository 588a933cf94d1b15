//! Local calendar time without a timezone database.
//!
//! The browser already knows the phone's zone (JS `Date`), so the app asks it through
//! [`LocalClock`] instead of shipping tz data in the WASM. Everything else here is plain
//! proleptic-Gregorian arithmetic on day numbers.

use std::fmt;
use std::str::FromStr;

pub const MINUTES_PER_DAY: u16 = 1440;
pub const MS_PER_MINUTE: i64 = 60_000;
pub const MS_PER_DAY: i64 = 86_400_000;

/// The wall clock in Unix ms: the browser's. The server never holds a person's time, so it
/// renders with 0 and the page reads the real time after hydration.
pub fn now_ms() -> i64 {
    #[cfg(feature = "hydrate")]
    {
        js_sys::Date::now() as i64
    }
    #[cfg(not(feature = "hydrate"))]
    0
}

/// A calendar date in the phone's own zone. Always a real date (validated on construction).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalDate {
    year: i32,
    month: u8,
    day: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("Enter a date as year-month-day, for example 2026-03-29.")]
    Format,
    #[error("{0} is not a date in the calendar.")]
    NoSuchDate(String),
}

impl LocalDate {
    /// Checks the day exists in that month; years are limited to ISO's four digits.
    pub fn new(year: i32, month: u8, day: u8) -> Result<Self, DateError> {
        let date = Self { year, month, day };
        // Out-of-range days (Feb 30) come back from the day-number round trip as another date.
        if (0..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && Self::from_days(date.days_since_epoch()) == date
        {
            Ok(date)
        } else {
            Err(DateError::NoSuchDate(format!(
                "{year:04}-{month:02}-{day:02}"
            )))
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    pub fn next(self) -> Self {
        Self::from_days(self.days_since_epoch() + 1)
    }

    pub fn previous(self) -> Self {
        Self::from_days(self.days_since_epoch() - 1)
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_between(self, later: Self) -> i64 {
        later.days_since_epoch() - self.days_since_epoch()
    }

    /// The date `days` after this one (before it when negative).
    pub fn add_days(self, days: i64) -> Self {
        Self::from_days(self.days_since_epoch() + days)
    }

    /// The day of the week, ISO order: Monday 0 to Sunday 6.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday, 3 days after a Monday.
        (self.days_since_epoch() + 3).rem_euclid(7) as u8
    }

    /// The Monday of the ISO week holding this date.
    pub fn monday(self) -> Self {
        self.add_days(-i64::from(self.weekday()))
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn days_since_epoch(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Inverse of [`Self::days_since_epoch`] (`civil_from_days`).
    pub fn from_days(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Self { year, month, day }
    }
}

impl fmt::Display for LocalDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for LocalDate {
    type Err = DateError;

    /// Reads exactly `YYYY-MM-DD`, the form `Display` writes and `<input type="date">` gives.
    fn from_str(text: &str) -> Result<Self, DateError> {
        let bytes = text.as_bytes();
        let digits_ok = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !digits_ok {
            return Err(DateError::Format);
        }
        let number =
            |range: std::ops::Range<usize>| text[range].parse().map_err(|_| DateError::Format);
        Self::new(number(0..4)?, number(5..7)? as u8, number(8..10)? as u8)
    }
}

/// The phone's own time zone: JavaScript's Date in the browser. The server renders the empty
/// page only, where UTC stands in.
pub struct DeviceClock;

impl LocalClock for DeviceClock {
    fn local(&self, instant_ms: i64) -> LocalDateTime {
        #[cfg(feature = "hydrate")]
        {
            let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(instant_ms as f64));
            let day = LocalDate::new(
                date.get_full_year() as i32,
                (date.get_month() + 1) as u8,
                date.get_date() as u8,
            )
            .unwrap_or(LocalDate::from_days(instant_ms.div_euclid(MS_PER_DAY)));
            LocalDateTime {
                date: day,
                minute_of_day: (date.get_hours() * 60 + date.get_minutes()) as u16,
            }
        }
        #[cfg(not(feature = "hydrate"))]
        LocalDateTime {
            date: LocalDate::from_days(instant_ms.div_euclid(MS_PER_DAY)),
            minute_of_day: (instant_ms.rem_euclid(MS_PER_DAY) / 60_000) as u16,
        }
    }

    fn instant(&self, date: LocalDate, minute_of_day: u16) -> i64 {
        #[cfg(feature = "hydrate")]
        {
            js_sys::Date::new_with_year_month_day_hr_min(
                date.year() as u32,
                i32::from(date.month()) - 1,
                i32::from(date.day()),
                i32::from(minute_of_day / 60),
                i32::from(minute_of_day % 60),
            )
            .get_time() as i64
        }
        #[cfg(not(feature = "hydrate"))]
        {
            date.days_since_epoch() * MS_PER_DAY + i64::from(minute_of_day) * 60_000
        }
    }
}

/// A local wall-clock reading, to the minute (the app never needs seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LocalDateTime {
    pub date: LocalDate,
    /// 0..1440.
    pub minute_of_day: u16,
}

impl fmt::Display for LocalDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}T{}", self.date, hhmm(self.minute_of_day))
    }
}

/// `08:05` for minute 485.
pub fn hhmm(minute_of_day: u16) -> String {
    format!("{:02}:{:02}", minute_of_day / 60, minute_of_day % 60)
}

/// `08:30` (or `08:30:00`) from a time input, as a minute of the day.
pub fn parse_time(value: &str) -> Option<u16> {
    let (hours, minutes) = value.split_once(':')?;
    let (hours, minutes): (u16, u16) = (hours.parse().ok()?, minutes.get(..2)?.parse().ok()?);
    (hours < 24 && minutes < 60).then_some(hours * 60 + minutes)
}

/// The phone's zone. The browser implementation wraps JS `Date`, whose local-time constructor
/// already resolves DST exactly as required below.
pub trait LocalClock {
    /// The wall-clock reading at a Unix instant in milliseconds.
    fn local(&self, instant_ms: i64) -> LocalDateTime;

    /// The instant a wall clock shows `minute_of_day` on `date`. A time skipped by a
    /// spring-forward jump moves forward by the jump (02:30 becomes 03:30); a time repeated by a
    /// fall-back jump means its first occurrence.
    fn instant(&self, date: LocalDate, minute_of_day: u16) -> i64;

    /// The local date an instant falls on: days roll over at local midnight.
    fn day_of(&self, instant_ms: i64) -> LocalDate {
        self.local(instant_ms).date
    }

    /// `[start, end)` of a local day in ms: 23 or 25 hours long on DST days.
    fn day_bounds(&self, date: LocalDate) -> (i64, i64) {
        (self.instant(date, 0), self.instant(date.next(), 0))
    }
}

/// Fake clocks for tests: Central European time in 2026, with both DST jumps.
#[cfg(test)]
pub(crate) mod fake {
    use super::*;

    /// UTC+1, and UTC+2 from 2026-03-29 01:00 UTC (local 02:00 → 03:00) until
    /// 2026-10-25 01:00 UTC (local 03:00 → 02:00).
    pub struct Berlin2026;

    const STD: i64 = 60;
    const DST: i64 = 120;
    pub const SPRING_UTC: i64 = 1_774_746_000_000;
    pub const AUTUMN_UTC: i64 = 1_792_890_000_000;

    fn offset_min(instant_ms: i64) -> i64 {
        if (SPRING_UTC..AUTUMN_UTC).contains(&instant_ms) {
            DST
        } else {
            STD
        }
    }

    impl LocalClock for Berlin2026 {
        fn local(&self, instant_ms: i64) -> LocalDateTime {
            let local = instant_ms + offset_min(instant_ms) * MS_PER_MINUTE;
            LocalDateTime {
                date: LocalDate::from_days(local.div_euclid(MS_PER_DAY)),
                minute_of_day: (local.rem_euclid(MS_PER_DAY) / MS_PER_MINUTE) as u16,
            }
        }

        fn instant(&self, date: LocalDate, minute_of_day: u16) -> i64 {
            let naive =
                date.days_since_epoch() * MS_PER_DAY + i64::from(minute_of_day) * MS_PER_MINUTE;
            [DST, STD]
                .into_iter()
                .map(|off| (off, naive - off * MS_PER_MINUTE))
                .filter(|&(off, t)| offset_min(t) == off)
                .map(|(_, t)| t)
                .min()
                // In the spring gap: read the time with the offset in force before the jump.
                .unwrap_or(naive - STD * MS_PER_MINUTE)
        }
    }

    pub fn date(text: &str) -> LocalDate {
        text.parse().expect("test date")
    }

    /// The instant Berlin shows `hh:mm` on `day`.
    pub fn at(day: &str, hh: u16, mm: u16) -> i64 {
        Berlin2026.instant(date(day), hh * 60 + mm)
    }
}

#[cfg(test)]
mod tests {
    use super::fake::{at, date, Berlin2026, AUTUMN_UTC, SPRING_UTC};
    use super::*;

    const HOUR: i64 = 3_600_000;

    #[test]
    fn dates_step_across_months_years_and_leap_days() {
        assert_eq!(date("2024-02-28").next(), date("2024-02-29"));
        assert_eq!(date("2026-02-28").next(), date("2026-03-01"));
        assert_eq!(date("2026-12-31").next(), date("2027-01-01"));
        assert_eq!(date("2026-01-01").previous(), date("2025-12-31"));
        assert_eq!(date("2026-03-01").previous(), date("2026-02-28"));
        assert_eq!(date("2026-01-01").days_between(date("2027-01-01")), 365);
        assert_eq!(date("2027-01-01").days_between(date("2026-01-01")), -365);
        assert_eq!(LocalDate::from_days(0), date("1970-01-01"));
        assert_eq!(date("2000-03-01").days_since_epoch(), 11_017);
        for days in -800_000..800_000 {
            let d = LocalDate::from_days(days);
            assert_eq!(d.days_since_epoch(), days);
        }
    }

    #[test]
    fn iso_text_round_trips_and_rejects_nonsense() {
        assert_eq!(date("2026-03-29").to_string(), "2026-03-29");
        assert_eq!(date("0099-01-05").to_string(), "0099-01-05");
        assert_eq!(
            "2026-02-29".parse::<LocalDate>(),
            Err(DateError::NoSuchDate("2026-02-29".into()))
        );
        assert!("2024-02-29".parse::<LocalDate>().is_ok());
        for bad in [
            "",
            "2026-3-29",
            "2026/03/29",
            "20260329",
            "2026-13-01",
            "2026-04-31",
            "2026-00-10",
            "+026-01-01",
            "2026-01-1x",
        ] {
            assert!(bad.parse::<LocalDate>().is_err(), "{bad}");
        }
        assert_eq!(
            "26-1-1".parse::<LocalDate>().unwrap_err().to_string(),
            "Enter a date as year-month-day, for example 2026-03-29."
        );
    }

    #[test]
    fn spring_forward_day_has_23_hours_and_skipped_times_move_forward() {
        let (start, end) = Berlin2026.day_bounds(date("2026-03-29"));
        assert_eq!(end - start, 23 * HOUR);
        assert_eq!(at("2026-03-29", 2, 0), SPRING_UTC);
        assert_eq!(at("2026-03-29", 2, 30), at("2026-03-29", 3, 30));
        assert_eq!(
            Berlin2026.local(at("2026-03-29", 2, 30)).minute_of_day,
            3 * 60 + 30
        );
        assert_eq!(Berlin2026.local(SPRING_UTC - 1).minute_of_day, 2 * 60 - 1);
        assert_eq!(Berlin2026.local(SPRING_UTC).minute_of_day, 3 * 60);
    }

    #[test]
    fn fall_back_day_has_25_hours_and_repeated_times_mean_the_first() {
        let (start, end) = Berlin2026.day_bounds(date("2026-10-25"));
        assert_eq!(end - start, 25 * HOUR);
        let first = at("2026-10-25", 2, 30);
        assert_eq!(first, AUTUMN_UTC - 30 * 60_000);
        assert_eq!(Berlin2026.local(first + HOUR).minute_of_day, 2 * 60 + 30);
        assert_eq!(at("2026-10-25", 3, 0) - at("2026-10-25", 2, 0), 2 * HOUR);
        let (_, ordinary_end) = Berlin2026.day_bounds(date("2026-10-24"));
        assert_eq!(ordinary_end, start);
    }

    #[test]
    fn days_roll_over_at_local_midnight_not_utc() {
        let midnight = at("2026-11-25", 0, 0);
        assert_eq!(Berlin2026.day_of(midnight - 1), date("2026-11-24"));
        assert_eq!(Berlin2026.day_of(midnight), date("2026-11-25"));
        // 23:30 UTC is already the next day in Berlin.
        assert_eq!(
            Berlin2026.day_of(midnight - 30 * 60_000 + HOUR),
            date("2026-11-25")
        );
        let local = Berlin2026.local(at("2026-07-01", 23, 59));
        assert_eq!(local.to_string(), "2026-07-01T23:59");
        assert_eq!(
            Berlin2026
                .local(at("2026-07-01", 23, 59) + 60_000)
                .to_string(),
            "2026-07-02T00:00"
        );
    }

    #[test]
    fn times_from_the_time_input() {
        assert_eq!(parse_time("08:30"), Some(510));
        assert_eq!(parse_time("21:00:00"), Some(1260));
        assert_eq!(parse_time("8:05"), Some(485));
        assert_eq!(parse_time("8:5"), None);
        assert_eq!(parse_time("24:00"), None);
        assert_eq!(parse_time("eight"), None);
    }
}
