//! When the server sends the next reminder: the phone's own reminder code, run in the person's
//! time zone. Pure: the clock is a parameter, so tests cross daylight-saving changes.

use super::Schedule;
use crate::clock::{LocalClock, MINUTES_PER_DAY};
use crate::reminders::{next_reminder, ReminderError, ReminderSettings, Situation};

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error(transparent)]
    Water(#[from] ReminderError),
    #[error("Choose a bedtime between 00:00 and 23:59.")]
    Bedtime,
}

impl Schedule {
    pub fn validate(&self) -> Result<(), ScheduleError> {
        match self {
            Self::Water { reminders } => Ok(reminders.validate()?),
            Self::Bedtime { at } if *at < MINUTES_PER_DAY => Ok(()),
            Self::Bedtime { .. } => Err(ScheduleError::Bedtime),
        }
    }

    /// The first reminder strictly after `after`, in the zone `clock` reads. `None` for an
    /// invalid schedule, which therefore never sends.
    ///
    /// The server knows nothing of what was drunk (that stays on the phone), so water reminders
    /// are the waking-hour slots alone; a reminder for a slot that has already passed is never
    /// sent, so a server that was down does not send a burst when it comes back.
    pub fn next_after(&self, after: i64, clock: &impl LocalClock) -> Option<i64> {
        self.validate().ok()?;
        match *self {
            Self::Water { reminders } => {
                let on = ReminderSettings {
                    enabled: true,
                    ..reminders
                };
                next_reminder(after, &on, &Situation::default(), clock)
            }
            Self::Bedtime { at } => {
                let today = clock.day_of(after);
                (0..=2)
                    .map(|offset| clock.instant(today.add_days(offset), at))
                    .find(|&t| t > after)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::fake::{at, Berlin2026};

    fn water(every_minutes: u16) -> Schedule {
        Schedule::Water {
            reminders: ReminderSettings {
                every_minutes,
                ..ReminderSettings::default()
            },
        }
    }

    #[test]
    fn water_slots_stay_in_waking_hours_even_when_the_page_said_off() {
        // The phone's own switch is about in-page reminders; the server sends because it was asked.
        let schedule = water(90);
        assert_eq!(
            schedule.next_after(at("2026-06-01", 7, 0), &Berlin2026),
            Some(at("2026-06-01", 8, 0))
        );
        assert_eq!(
            schedule.next_after(at("2026-06-01", 8, 0), &Berlin2026),
            Some(at("2026-06-01", 9, 30))
        );
        // The last slot before quiet hours (21:00) is 20:00; the next is tomorrow's first.
        assert_eq!(
            schedule.next_after(at("2026-06-01", 20, 0), &Berlin2026),
            Some(at("2026-06-02", 8, 0))
        );
    }

    #[test]
    fn bedtime_is_once_a_night_at_its_clock_time_across_daylight_saving() {
        let schedule = Schedule::Bedtime { at: 22 * 60 };
        assert_eq!(
            schedule.next_after(at("2026-03-28", 21, 0), &Berlin2026),
            Some(at("2026-03-28", 22, 0))
        );
        // The night before the spring change, then the night of it: 22:00 both times, 23 hours apart.
        let saturday = at("2026-03-28", 22, 0);
        let sunday = schedule.next_after(saturday, &Berlin2026).unwrap();
        assert_eq!(sunday, at("2026-03-29", 22, 0));
        assert_eq!(sunday - saturday, 23 * 3_600_000);
        // Autumn: 25 hours apart.
        let saturday = at("2026-10-24", 22, 0);
        let sunday = schedule.next_after(saturday, &Berlin2026).unwrap();
        assert_eq!(sunday - saturday, 25 * 3_600_000);
    }

    #[test]
    fn a_bedtime_in_the_skipped_hour_moves_forward_and_still_rings_once() {
        let schedule = Schedule::Bedtime { at: 2 * 60 + 30 };
        let night = schedule
            .next_after(at("2026-03-29", 0, 0), &Berlin2026)
            .unwrap();
        assert_eq!(night, at("2026-03-29", 3, 30));
        assert_eq!(
            schedule.next_after(night, &Berlin2026),
            Some(at("2026-03-30", 2, 30))
        );
    }

    #[test]
    fn invalid_schedules_never_send() {
        assert_eq!(
            Schedule::Bedtime { at: 1440 }.next_after(0, &Berlin2026),
            None
        );
        assert_eq!(
            Schedule::Bedtime { at: 1440 }.validate(),
            Err(ScheduleError::Bedtime)
        );
        assert_eq!(water(5).next_after(0, &Berlin2026), None);
        assert!(water(5).validate().is_err());
    }
}
