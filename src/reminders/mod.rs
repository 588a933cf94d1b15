//! When to remind: slots every N minutes through the waking hours, never at night. Used by the
//! water tracker on the phone and by the server's push scheduler alike; `ics` writes the same
//! schedules as a calendar file.
//!
//! Slots are local wall-clock times (`wake`, `wake + N`, … before `sleep`), so they stay at the
//! same clock times across DST. A waking window may cross midnight (night workers: wake 20:00,
//! sleep 08:00); its slots after midnight fall on the next calendar day. The goal is still per
//! calendar day, like the log, so after midnight reminders count towards the new day's goal.

pub mod ics;

use crate::clock::{LocalClock, LocalDate, MINUTES_PER_DAY, MS_PER_MINUTE};
use serde::{Deserialize, Serialize};
use std::ops::RangeInclusive;

/// Often enough to help, rare enough not to nag.
pub const EVERY_MINUTES_RANGE: RangeInclusive<u16> = 30..=360;
pub const SKIP_MINUTES_RANGE: RangeInclusive<u16> = 0..=240;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReminderSettings {
    /// Off until the person turns it on (the browser must ask for permission anyway).
    pub enabled: bool,
    pub every_minutes: u16,
    /// Minute of the day the waking window opens (first slot).
    pub wake: u16,
    /// Minute of the day quiet hours begin; no slot at or after it. May be before `wake`.
    pub sleep: u16,
    /// A slot is skipped when a drink was logged this many minutes before it, or since.
    pub skip_if_drank_within_minutes: u16,
}

impl Default for ReminderSettings {
    fn default() -> Self {
        Self {
            enabled: false,
            every_minutes: 90,
            wake: 8 * 60,
            sleep: 21 * 60,
            skip_if_drank_within_minutes: 30,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ReminderError {
    #[error(
        "Choose a reminder every {} to {} minutes.",
        EVERY_MINUTES_RANGE.start(),
        EVERY_MINUTES_RANGE.end()
    )]
    Interval,
    #[error("Choose waking and sleeping times between 00:00 and 23:59.")]
    TimeOfDay,
    #[error("Waking and sleeping times must differ.")]
    EmptyWindow,
    #[error(
        "Skip a reminder after a drink within {} to {} minutes.",
        SKIP_MINUTES_RANGE.start(),
        SKIP_MINUTES_RANGE.end()
    )]
    SkipWindow,
}

impl ReminderSettings {
    pub fn validate(&self) -> Result<(), ReminderError> {
        if !EVERY_MINUTES_RANGE.contains(&self.every_minutes) {
            Err(ReminderError::Interval)
        } else if self.wake >= MINUTES_PER_DAY || self.sleep >= MINUTES_PER_DAY {
            Err(ReminderError::TimeOfDay)
        } else if self.wake == self.sleep {
            Err(ReminderError::EmptyWindow)
        } else if !SKIP_MINUTES_RANGE.contains(&self.skip_if_drank_within_minutes) {
            Err(ReminderError::SkipWindow)
        } else {
            Ok(())
        }
    }

    /// Where the waking window closes, in minutes after the midnight it opened after.
    fn window_end(&self) -> u32 {
        let sleep = u32::from(self.sleep);
        if self.sleep > self.wake {
            sleep
        } else {
            sleep + u32::from(MINUTES_PER_DAY)
        }
    }

    /// Slot times in minutes after the opening day's midnight (1440 and over: the next day).
    /// Empty for invalid settings, so a bad value can never cause a flood of reminders.
    pub fn slot_minutes(&self) -> Vec<u32> {
        if self.validate().is_err() {
            return Vec::new();
        }
        (u32::from(self.wake)..self.window_end())
            .step_by(usize::from(self.every_minutes))
            .collect()
    }
}

/// Reads "minutes after the opening day's midnight" as a real instant.
fn instant_after(date: LocalDate, minutes: u32, clock: &impl LocalClock) -> i64 {
    let per_day = u32::from(MINUTES_PER_DAY);
    let day = date.add_days(i64::from(minutes / per_day));
    clock.instant(day, (minutes % per_day) as u16)
}

/// `[open, close)` of the waking window that opens on `date`.
fn window(date: LocalDate, settings: &ReminderSettings, clock: &impl LocalClock) -> (i64, i64) {
    (
        clock.instant(date, settings.wake),
        instant_after(date, settings.window_end(), clock),
    )
}

/// The instants of the waking window that opens on `date`, in order. A slot in a skipped DST hour
/// moves forward (and is dropped if that lands in quiet hours); a repeated hour rings once.
pub fn slots_for_day(
    date: LocalDate,
    settings: &ReminderSettings,
    clock: &impl LocalClock,
) -> Vec<i64> {
    let (_, close) = window(date, settings, clock);
    let mut slots: Vec<i64> = settings
        .slot_minutes()
        .into_iter()
        .map(|minutes| instant_after(date, minutes, clock))
        .filter(|&t| t < close)
        .collect();
    slots.dedup();
    slots
}

/// The `[open, close)` of the waking window `now` is in, if any.
fn current_window(
    now: i64,
    settings: &ReminderSettings,
    clock: &impl LocalClock,
) -> Option<(i64, i64)> {
    if settings.validate().is_err() {
        return None;
    }
    let today = clock.day_of(now);
    [today.previous(), today]
        .into_iter()
        .map(|date| window(date, settings, clock))
        .find(|(open, close)| (*open..*close).contains(&now))
}

/// What the app knows besides the settings when it plans a reminder.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Situation {
    pub last_drink_at: Option<i64>,
    pub last_reminded_at: Option<i64>,
    /// The goal of the calendar day `now` is in is met.
    pub goal_met: bool,
    /// "I follow my clinician": no goal reminders at all.
    pub fluid_limit: bool,
}

impl Situation {
    fn drank_since(&self, slot: i64, settings: &ReminderSettings) -> bool {
        let window = i64::from(settings.skip_if_drank_within_minutes) * MS_PER_MINUTE;
        self.last_drink_at
            .is_some_and(|drink| drink >= slot - window)
    }

    fn quiet(&self, settings: &ReminderSettings) -> bool {
        !settings.enabled || self.fluid_limit
    }
}

/// The next instant after `now` to remind, or `None` when reminders are off or on a fluid limit.
/// Once today's goal is met, the rest of today's slots are dropped and tomorrow's resume.
pub fn next_reminder(
    now: i64,
    settings: &ReminderSettings,
    situation: &Situation,
    clock: &impl LocalClock,
) -> Option<i64> {
    if situation.quiet(settings) {
        return None;
    }
    let today = clock.day_of(now);
    // Yesterday's window may still be open (night workers); two days ahead covers a met goal.
    (-1..=2)
        .flat_map(|offset| slots_for_day(today.add_days(offset), settings, clock))
        .filter(|&t| t > now && situation.last_reminded_at.is_none_or(|r| t > r))
        .filter(|&t| !(situation.goal_met && clock.day_of(t) == today))
        .find(|&t| !situation.drank_since(t, settings))
}

/// A reminder for a slot that passed while the app was closed (however many passed, one
/// reminder is shown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reminder {
    /// The latest missed slot.
    pub slot_at: i64,
}

/// On reopening: at most one reminder for the slots missed since `last_checked_at`, and only
/// while awake now. Slots from an earlier waking window are stale and ignored, as is everything
/// when a drink was logged since (or shortly before) the latest missed slot.
pub fn catch_up(
    now: i64,
    last_checked_at: Option<i64>,
    settings: &ReminderSettings,
    situation: &Situation,
    clock: &impl LocalClock,
) -> Option<Reminder> {
    if situation.quiet(settings) || situation.goal_met {
        return None;
    }
    let (open, _) = current_window(now, settings, clock)?;
    let after = last_checked_at?.max(situation.last_reminded_at.unwrap_or(i64::MIN));
    let today = clock.day_of(now);
    let slot_at = [today.previous(), today]
        .into_iter()
        .flat_map(|date| slots_for_day(date, settings, clock))
        .filter(|&t| t >= open && t > after && t <= now)
        .last()?;
    if situation.drank_since(slot_at, settings) {
        return None;
    }
    Some(Reminder { slot_at })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::fake::{at, date, Berlin2026};

    fn on() -> ReminderSettings {
        ReminderSettings {
            enabled: true,
            ..ReminderSettings::default()
        }
    }

    fn night() -> ReminderSettings {
        ReminderSettings {
            wake: 22 * 60,
            sleep: 6 * 60,
            ..on()
        }
    }

    fn clock_times(slots: &[i64]) -> Vec<String> {
        slots
            .iter()
            .map(|&t| Berlin2026.local(t).to_string())
            .collect()
    }

    #[test]
    fn default_day_has_slots_every_90_minutes_before_sleep() {
        let slots = slots_for_day(date("2026-11-25"), &on(), &Berlin2026);
        let times: Vec<String> = clock_times(&slots)
            .iter()
            .map(|t| t[11..].to_string())
            .collect();
        assert_eq!(
            times,
            ["08:00", "09:30", "11:00", "12:30", "14:00", "15:30", "17:00", "18:30", "20:00"]
        );
    }

    #[test]
    fn dst_days_keep_clock_times() {
        for day in ["2026-03-29", "2026-10-25"] {
            let slots = slots_for_day(date(day), &on(), &Berlin2026);
            assert_eq!(slots.len(), 9);
            assert_eq!(clock_times(&slots)[0], format!("{day}T08:00"));
        }
        // Night window over spring-forward: 02:30 doesn't exist, the slot moves to 03:30.
        let spring = clock_times(&slots_for_day(date("2026-03-28"), &night(), &Berlin2026));
        assert_eq!(
            spring,
            [
                "2026-03-28T22:00",
                "2026-03-28T23:30",
                "2026-03-29T01:00",
                "2026-03-29T03:30",
                "2026-03-29T04:00",
                "2026-03-29T05:30"
            ]
        );
        // Over fall-back: 02:30 happens twice but rings once.
        let autumn = slots_for_day(date("2026-10-24"), &night(), &Berlin2026);
        assert_eq!(clock_times(&autumn)[3], "2026-10-25T02:30");
        assert_eq!(autumn.len(), 6);
        // A moved slot that would land in quiet hours is dropped.
        let early = ReminderSettings {
            wake: 23 * 60 + 30,
            sleep: 3 * 60 + 15,
            every_minutes: 180,
            ..on()
        };
        assert_eq!(
            clock_times(&slots_for_day(date("2026-03-28"), &early, &Berlin2026)),
            ["2026-03-28T23:30"]
        );
    }

    #[test]
    fn next_slot_respects_quiet_hours() {
        let s = Situation::default();
        // (settings, now, the next reminder); a night worker's window opened yesterday goes on
        // after midnight.
        let cases = [
            (on(), ("2026-11-25", 6, 0), ("2026-11-25", 8, 0)),
            (on(), ("2026-11-25", 8, 0), ("2026-11-25", 9, 30)),
            (on(), ("2026-11-25", 20, 30), ("2026-11-26", 8, 0)),
            (on(), ("2026-11-25", 23, 59), ("2026-11-26", 8, 0)),
            (night(), ("2026-11-26", 0, 10), ("2026-11-26", 1, 0)),
            (night(), ("2026-11-26", 5, 40), ("2026-11-26", 22, 0)),
        ];
        for (settings, (day, hour, minute), (next_day, next_hour, next_minute)) in cases {
            assert_eq!(
                next_reminder(at(day, hour, minute), &settings, &s, &Berlin2026),
                Some(at(next_day, next_hour, next_minute)),
                "{day} {hour}:{minute}"
            );
        }
    }

    #[test]
    fn a_recent_drink_skips_the_slot() {
        let now = at("2026-11-25", 10, 50);
        let drank = |h, m| Situation {
            last_drink_at: Some(at("2026-11-25", h, m)),
            ..Situation::default()
        };
        assert_eq!(
            next_reminder(now, &on(), &drank(10, 45), &Berlin2026),
            Some(at("2026-11-25", 12, 30))
        );
        assert_eq!(
            next_reminder(now, &on(), &drank(10, 30), &Berlin2026),
            Some(at("2026-11-25", 12, 30)),
            "30 min window is inclusive"
        );
        assert_eq!(
            next_reminder(now, &on(), &drank(10, 20), &Berlin2026),
            Some(at("2026-11-25", 11, 0))
        );
        let no_skip = ReminderSettings {
            skip_if_drank_within_minutes: 0,
            ..on()
        };
        assert_eq!(
            next_reminder(now, &no_skip, &drank(10, 45), &Berlin2026),
            Some(at("2026-11-25", 11, 0))
        );
        let reminded = Situation {
            last_reminded_at: Some(at("2026-11-25", 11, 0)),
            ..Situation::default()
        };
        assert_eq!(
            next_reminder(now, &on(), &reminded, &Berlin2026),
            Some(at("2026-11-25", 12, 30))
        );
    }

    #[test]
    fn goal_met_fluid_limit_and_off_stop_reminders() {
        let now = at("2026-11-25", 12, 0);
        let met = Situation {
            goal_met: true,
            ..Situation::default()
        };
        assert_eq!(
            next_reminder(now, &on(), &met, &Berlin2026),
            Some(at("2026-11-26", 8, 0))
        );
        let limit = Situation {
            fluid_limit: true,
            ..Situation::default()
        };
        assert_eq!(next_reminder(now, &on(), &limit, &Berlin2026), None);
        assert_eq!(
            next_reminder(
                now,
                &ReminderSettings::default(),
                &Situation::default(),
                &Berlin2026
            ),
            None
        );
        // Night worker meets the goal at 23:00: the next calendar day's slots resume after midnight.
        assert_eq!(
            next_reminder(at("2026-11-25", 23, 0), &night(), &met, &Berlin2026),
            Some(at("2026-11-26", 1, 0))
        );
    }

    #[test]
    fn invalid_settings_are_rejected_and_never_ring() {
        let bad = |f: fn(&mut ReminderSettings)| {
            let mut s = on();
            f(&mut s);
            s
        };
        assert_eq!(
            bad(|s| s.every_minutes = 0).validate(),
            Err(ReminderError::Interval)
        );
        assert_eq!(
            bad(|s| s.sleep = 1440).validate(),
            Err(ReminderError::TimeOfDay)
        );
        assert_eq!(
            bad(|s| s.sleep = s.wake).validate(),
            Err(ReminderError::EmptyWindow)
        );
        assert_eq!(
            bad(|s| s.skip_if_drank_within_minutes = 600).validate(),
            Err(ReminderError::SkipWindow)
        );
        assert_eq!(on().validate(), Ok(()));
        assert_eq!(night().validate(), Ok(()));
        let zero = bad(|s| s.every_minutes = 0);
        assert_eq!(
            next_reminder(0, &zero, &Situation::default(), &Berlin2026),
            None
        );
    }

    #[test]
    fn catch_up_gives_one_reminder_for_many_missed_slots() {
        let now = at("2026-11-25", 15, 45);
        let fresh = Situation::default();
        let checked = Some(at("2026-11-25", 8, 30));
        let one = catch_up(now, checked, &on(), &fresh, &Berlin2026);
        assert_eq!(
            one,
            Some(Reminder {
                slot_at: at("2026-11-25", 15, 30)
            })
        );
        // Shown once: recording it as reminded means no second catch-up.
        let reminded = Situation {
            last_reminded_at: Some(at("2026-11-25", 15, 30)),
            ..fresh
        };
        assert_eq!(
            catch_up(now + 60_000, checked, &on(), &reminded, &Berlin2026),
            None
        );
        // Nothing missed, first run, quiet hours, drank since, goal met, fluid limit.
        assert_eq!(
            catch_up(
                now,
                Some(at("2026-11-25", 15, 40)),
                &on(),
                &fresh,
                &Berlin2026
            ),
            None
        );
        assert_eq!(catch_up(now, None, &on(), &fresh, &Berlin2026), None);
        assert_eq!(
            catch_up(at("2026-11-25", 22, 0), checked, &on(), &fresh, &Berlin2026),
            None
        );
        let drank = Situation {
            last_drink_at: Some(at("2026-11-25", 15, 40)),
            ..fresh
        };
        assert_eq!(catch_up(now, checked, &on(), &drank, &Berlin2026), None);
        let met = Situation {
            goal_met: true,
            ..fresh
        };
        assert_eq!(catch_up(now, checked, &on(), &met, &Berlin2026), None);
        let limit = Situation {
            fluid_limit: true,
            ..fresh
        };
        assert_eq!(catch_up(now, checked, &on(), &limit, &Berlin2026), None);
    }

    #[test]
    fn catch_up_ignores_yesterdays_slots() {
        let slot = |day, hour, minute| {
            Some(Reminder {
                slot_at: at(day, hour, minute),
            })
        };
        let fresh = Situation::default();
        let checked = Some(at("2026-11-24", 17, 30));
        let morning = |now| catch_up(now, checked, &on(), &fresh, &Berlin2026);
        assert_eq!(morning(at("2026-11-25", 8, 10)), slot("2026-11-25", 8, 0));
        assert_eq!(morning(at("2026-11-25", 7, 59)), None);
        // Night worker reopening at 02:00 catches up within the window opened last evening.
        let night_checked = Some(at("2026-11-25", 21, 0));
        assert_eq!(
            catch_up(
                at("2026-11-26", 2, 0),
                night_checked,
                &night(),
                &fresh,
                &Berlin2026
            ),
            slot("2026-11-26", 1, 0)
        );
    }
}
