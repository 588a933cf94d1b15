//! The person's IANA time zone on the server, as a [`LocalClock`], so reminder slots come from
//! the same code the phone runs. The zone database is built into the server (jiff's bundle):
//! every replica reads the same rules whatever its operating system has.

use crate::clock::{LocalClock, LocalDate, LocalDateTime, MS_PER_MINUTE};
use jiff::{civil, tz::TimeZone, Timestamp};

/// Longer than any real zone name ("America/Argentina/ComodRivadavia" is 32).
const MAX_ZONE_NAME: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("“{0}” is not a time zone this server knows. Reminders need an IANA name such as Europe/London.")]
pub struct UnknownZone(pub String);

#[derive(Debug, Clone)]
pub struct ZoneClock(TimeZone);

impl ZoneClock {
    pub fn named(name: &str) -> Result<Self, UnknownZone> {
        if name.len() > MAX_ZONE_NAME {
            return Err(UnknownZone(name.chars().take(MAX_ZONE_NAME).collect()));
        }
        TimeZone::get(name)
            .map(Self)
            .map_err(|_| UnknownZone(name.to_string()))
    }
}

impl LocalClock for ZoneClock {
    fn local(&self, instant_ms: i64) -> LocalDateTime {
        let at = Timestamp::from_millisecond(instant_ms)
            .unwrap_or(Timestamp::UNIX_EPOCH)
            .to_zoned(self.0.clone());
        let date = LocalDate::new(at.year().into(), at.month() as u8, at.day() as u8)
            .unwrap_or(LocalDate::from_days(0));
        LocalDateTime {
            date,
            minute_of_day: (i32::from(at.hour()) * 60 + i32::from(at.minute())) as u16,
        }
    }

    fn instant(&self, date: LocalDate, minute_of_day: u16) -> i64 {
        let fallback =
            date.days_since_epoch() * 86_400_000 + i64::from(minute_of_day) * MS_PER_MINUTE;
        let Ok(day) = civil::Date::new(date.year() as i16, date.month() as i8, date.day() as i8)
        else {
            return fallback;
        };
        let time =
            civil::Time::constant((minute_of_day / 60) as i8, (minute_of_day % 60) as i8, 0, 0);
        // jiff's compatible disambiguation is the trait's rule: a skipped time moves forward by
        // the jump, a repeated one means its first occurrence.
        day.to_datetime(time)
            .to_zoned(self.0.clone())
            .map(|at| at.timestamp().as_millisecond())
            .unwrap_or(fallback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::fake::{at, date, Berlin2026};
    use crate::push::Schedule;
    use crate::reminders::ReminderSettings;

    #[test]
    fn reads_the_same_as_the_fake_berlin_clock_around_both_changes() {
        let berlin = ZoneClock::named("Europe/Berlin").unwrap();
        for day in [
            "2026-03-28",
            "2026-03-29",
            "2026-03-30",
            "2026-10-24",
            "2026-10-25",
        ] {
            for minute in (0..1440).step_by(30) {
                assert_eq!(
                    berlin.instant(date(day), minute),
                    Berlin2026.instant(date(day), minute),
                    "{day} {minute}"
                );
            }
        }
        for hour in 0..72 {
            let instant = at("2026-10-24", 0, 0) + hour * 3_600_000;
            assert_eq!(berlin.local(instant), Berlin2026.local(instant));
        }
    }

    #[test]
    fn water_slots_keep_their_clock_times_across_a_change_in_new_york() {
        let new_york = ZoneClock::named("America/New_York").unwrap();
        let schedule = Schedule::Water {
            reminders: ReminderSettings::default(),
        };
        // 2026-03-08: clocks jump from 02:00 to 03:00 in New York.
        let mut at = new_york.instant(date("2026-03-07"), 20 * 60);
        let mut times = Vec::new();
        for _ in 0..10 {
            at = schedule.next_after(at, &new_york).unwrap();
            let local = new_york.local(at);
            times.push(format!(
                "{} {}",
                local.date,
                crate::clock::hhmm(local.minute_of_day)
            ));
        }
        assert_eq!(times[0], "2026-03-08 08:00");
        assert_eq!(times[1], "2026-03-08 09:30");
        assert_eq!(times[8], "2026-03-08 20:00");
        assert_eq!(times[9], "2026-03-09 08:00");
    }

    #[test]
    fn unknown_and_absurd_zone_names_are_refused() {
        assert!(ZoneClock::named("Mars/Olympus_Mons").is_err());
        assert!(ZoneClock::named(&"x".repeat(10_000)).is_err());
        assert!(ZoneClock::named("UTC").is_ok());
    }
}
