//! The tracker's state, shared by its parts as one `Copy` value in context: the stored data,
//! the clock, and what the page says. Each settings panel has one of its own.

use super::super::{
    goal::{format_amount, goal_ml, Unit},
    log::Entry,
    storage::Stored,
};
use crate::clock::{now_ms, DeviceClock, LocalClock, LocalDate};
use crate::device::Store;
use crate::reminders::{catch_up, Situation};
use leptos::prelude::*;

/// The size "Add a glass" logs.
pub const GLASS_ML: u32 = 250;

/// The tracker's state, or a settings panel's: its copy of the stored data and what the page
/// says of it.
#[derive(Clone, Copy)]
pub struct Water {
    /// The stored data, read after hydration, followed and saved by the device's store.
    pub store: Store<Stored>,
    /// Wall-clock time, moved on every half minute so the day rolls over at local midnight.
    pub now: RwSignal<i64>,
    /// What the last action did, said in the status line.
    pub said: RwSignal<String>,
    /// A reminder is due and could not be shown as a notification.
    pub due: RwSignal<bool>,
    /// Notifications are not allowed for this site.
    pub blocked: RwSignal<bool>,
}

impl Water {
    /// A copy of the water data; `after_reading` runs once storage has been read.
    pub fn new(after_reading: impl FnOnce(Water) + 'static) -> Self {
        let (now, said) = (RwSignal::new(0), RwSignal::new(String::new()));
        let (due, blocked) = (RwSignal::new(false), RwSignal::new(false));
        let store = Store::then(move |store| {
            after_reading(Water {
                store,
                now,
                said,
                due,
                blocked,
            })
        });
        Self {
            store,
            now,
            said,
            due,
            blocked,
        }
    }

    /// Changes the data and saves it (see [`Store::change`]).
    pub fn change<R>(self, edit: impl FnOnce(&mut Stored) -> R) -> R {
        self.store.change(edit)
    }

    /// Logs a drink now.
    pub fn add(self, ml: u32) {
        let at = now_ms();
        self.now.set(at);
        match self.change(|d| d.log.add(at, ml)) {
            Ok(_) => {
                self.due.set(false);
                self.said.set(format!(
                    "Added {}.",
                    format_amount(ml, self.unit_untracked())
                ));
            }
            Err(err) => self.said.set(err.to_string()),
        }
    }

    pub fn unit(self) -> Unit {
        self.store.data.with(|d| d.unit)
    }

    pub fn unit_untracked(self) -> Unit {
        self.store.data.with_untracked(|d| d.unit)
    }

    pub fn goal(self) -> Option<u32> {
        self.store.data.with(|d| goal_ml(&d.goal))
    }

    pub fn today(self) -> LocalDate {
        DeviceClock.day_of(self.now.get())
    }

    pub fn total(self) -> u32 {
        let today = self.today();
        self.store
            .data
            .with(|d| d.log.total_for(today, &DeviceClock))
    }

    /// Today's drinks, latest first.
    pub fn todays(self) -> Vec<Entry> {
        let (start, end) = DeviceClock.day_bounds(self.today());
        self.store.data.with(|d| {
            d.log
                .entries()
                .iter()
                .filter(|e| (start..end).contains(&e.at_ms))
                .rev()
                .cloned()
                .collect()
        })
    }
}

/// Whether a reminder is due at `now`: the latest slot since the app last looked, unless the
/// person drank since, met the goal, or follows a fluid limit.
pub fn reminder_due(data: &Stored, now: i64, clock: &impl LocalClock) -> bool {
    let goal = goal_ml(&data.goal);
    let today_total = data.log.total_for(clock.day_of(now), clock);
    let situation = Situation {
        last_drink_at: data.log.entries().iter().map(|e| e.at_ms).max(),
        last_reminded_at: data.last_reminded_at,
        goal_met: goal.is_some_and(|g| today_total >= g),
        fluid_limit: data.goal.fluid_limit,
    };
    catch_up(
        now,
        data.last_checked_at,
        &data.reminders,
        &situation,
        clock,
    )
    .is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::fake::{at, Berlin2026};

    fn reminding(every_minutes: u16) -> Stored {
        let mut data = Stored::default();
        data.reminders.enabled = true;
        data.reminders.every_minutes = every_minutes;
        data
    }

    /// What the tracker does at each tick: look, and record the look (and any reminder).
    fn tick(data: &mut Stored, now: i64) -> bool {
        let due = reminder_due(data, now, &Berlin2026);
        data.last_checked_at = Some(now);
        if due {
            data.last_reminded_at = Some(now);
        }
        due
    }

    #[test]
    fn an_open_app_reminds_once_per_slot_and_never_twice() {
        let mut data = reminding(90);
        assert!(!tick(&mut data, at("2026-11-25", 7, 50)), "before waking");
        assert!(tick(&mut data, at("2026-11-25", 8, 0)), "the first slot");
        assert!(
            !tick(&mut data, at("2026-11-25", 8, 30)),
            "already reminded"
        );
        assert!(tick(&mut data, at("2026-11-25", 9, 31)), "the next slot");
    }

    #[test]
    fn a_drink_just_before_a_slot_skips_it() {
        let mut data = reminding(90);
        assert!(!tick(&mut data, at("2026-11-25", 7, 55)));
        data.log.add(at("2026-11-25", 7, 56), 250).expect("a drink");
        assert!(!tick(&mut data, at("2026-11-25", 8, 1)));
    }

    #[test]
    fn no_reminder_once_the_goal_is_met_or_on_a_fluid_limit() {
        let mut data = reminding(90);
        tick(&mut data, at("2026-11-25", 7, 0));
        for hour in 7..8 {
            data.log
                .add(at("2026-11-25", hour, 0), 2000)
                .expect("a drink");
        }
        assert!(!tick(&mut data, at("2026-11-25", 9, 40)), "goal met");

        let mut data = reminding(90);
        data.goal.fluid_limit = true;
        tick(&mut data, at("2026-11-25", 7, 0));
        assert!(!tick(&mut data, at("2026-11-25", 8, 0)), "fluid limit");
    }

    #[test]
    fn slots_missed_overnight_give_one_reminder_in_the_morning() {
        let mut data = reminding(60);
        tick(&mut data, at("2026-11-24", 20, 30));
        // Closed over night; opened at 10:05: 08:00, 09:00 and 10:00 passed, one reminder.
        assert!(tick(&mut data, at("2026-11-25", 10, 5)));
        assert!(!tick(&mut data, at("2026-11-25", 10, 35)));
    }
}
