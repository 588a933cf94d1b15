//! The drinks log: what was drunk when, and the per-day history behind the charts and streak.

use crate::clock::{LocalClock, LocalDate};
use guide_core::order::{rank_of_pair, sort_by_rank};
use serde::Serialize;
use std::collections::BTreeMap;

/// Larger single drinks are taken for typing mistakes (and set aside when loading).
pub const MAX_ENTRY_ML: u32 = 5000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// Unique within this device's log; a handle for edit, delete and undo.
    pub id: u64,
    /// Unix milliseconds.
    pub at_ms: i64,
    pub ml: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LogError {
    #[error("A drink must be between 1 and {MAX_ENTRY_ML} ml.")]
    Amount,
    #[error("That drink is no longer in the log.")]
    NotFound,
    #[error("Another drink already has the number {0}.")]
    DuplicateId(u64),
}

/// Entries kept in time order (ties by id), so equal logs compare equal however they were built.
/// Not `Deserialize`: stored entries come back only through `storage`, which checks each one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Log {
    entries: Vec<Entry>,
}

fn check_ml(ml: u32) -> Result<(), LogError> {
    if (1..=MAX_ENTRY_ML).contains(&ml) {
        Ok(())
    } else {
        Err(LogError::Amount)
    }
}

impl Log {
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Adds a drink; ids grow from the largest one present.
    pub fn add(&mut self, at_ms: i64, ml: u32) -> Result<u64, LogError> {
        let id = self
            .entries
            .iter()
            .map(|e| e.id)
            .max()
            .map_or(1, |max| max.saturating_add(1));
        self.insert(Entry { id, at_ms, ml })?;
        Ok(id)
    }

    /// Adds an entry that already has an id.
    pub fn insert(&mut self, entry: Entry) -> Result<(), LogError> {
        check_ml(entry.ml)?;
        if self.entries.iter().any(|e| e.id == entry.id) {
            return Err(LogError::DuplicateId(entry.id));
        }
        self.entries.push(entry);
        self.sort();
        Ok(())
    }

    /// A log of entries that already have ids (loading, importing), in one sort: a two-year
    /// import takes milliseconds. Entries that can't be kept come back with the reason, in the
    /// order given; of two entries with one id the first is kept.
    pub fn from_entries<T>(entries: Vec<(Entry, T)>) -> (Self, Vec<(T, LogError)>) {
        let mut seen = std::collections::HashSet::with_capacity(entries.len());
        let mut kept = Vec::with_capacity(entries.len());
        let mut refused = Vec::new();
        for (entry, tag) in entries {
            match check_ml(entry.ml) {
                Err(err) => refused.push((tag, err)),
                Ok(()) if !seen.insert(entry.id) => {
                    refused.push((tag, LogError::DuplicateId(entry.id)))
                }
                Ok(()) => kept.push(entry),
            }
        }
        let mut log = Self { entries: kept };
        log.sort();
        (log, refused)
    }

    /// Removes the most recently *added* drink (highest id), even if it was back-dated.
    pub fn undo_last(&mut self) -> Option<Entry> {
        let index = self.entries.iter().enumerate().max_by_key(|(_, e)| e.id)?.0;
        Some(self.entries.remove(index))
    }

    pub fn edit(&mut self, id: u64, ml: u32, at_ms: i64) -> Result<(), LogError> {
        check_ml(ml)?;
        let entry = self
            .entries
            .iter_mut()
            .find(|e| e.id == id)
            .ok_or(LogError::NotFound)?;
        *entry = Entry { id, at_ms, ml };
        self.sort();
        Ok(())
    }

    pub fn delete(&mut self, id: u64) -> Result<Entry, LogError> {
        let index = self
            .entries
            .iter()
            .position(|e| e.id == id)
            .ok_or(LogError::NotFound)?;
        Ok(self.entries.remove(index))
    }

    fn sort(&mut self) {
        sort_by_rank(&mut self.entries, |e| rank_of_pair(e.at_ms, e.id));
    }

    /// Millilitres drunk on a local day (midnight to midnight, 23 or 25 h on DST days).
    pub fn total_for(&self, date: LocalDate, clock: &impl LocalClock) -> u32 {
        let (start, end) = clock.day_bounds(date);
        self.entries
            .iter()
            .filter(|e| (start..end).contains(&e.at_ms))
            .fold(0, |sum, e| sum.saturating_add(e.ml))
    }

    fn totals_by_day(&self, clock: &impl LocalClock) -> BTreeMap<LocalDate, u32> {
        let mut totals = BTreeMap::new();
        for e in &self.entries {
            let sum: &mut u32 = totals.entry(clock.day_of(e.at_ms)).or_default();
            *sum = sum.saturating_add(e.ml);
        }
        totals
    }

    /// One total per day for the `days` days ending with `today`, oldest first (7- and 30-day
    /// charts). Days without drinks are 0.
    pub fn day_totals(
        &self,
        today: LocalDate,
        days: u16,
        clock: &impl LocalClock,
    ) -> Vec<(LocalDate, u32)> {
        let totals = self.totals_by_day(clock);
        (0..i64::from(days))
            .rev()
            .map(|back| {
                let date = today.add_days(-back);
                (date, totals.get(&date).copied().unwrap_or(0))
            })
            .collect()
    }

    /// Mean daily ml over the `days` days ending with `today` (today included as it stands).
    /// Days with nothing logged count as 0 once the log has begun; days before the very first
    /// drink don't, so a new user's average isn't dragged down. `None` before anything is logged.
    pub fn average(&self, today: LocalDate, days: u16, clock: &impl LocalClock) -> Option<u32> {
        let totals = self.totals_by_day(clock);
        let first = *totals.keys().next()?;
        let range_start = today.add_days(1 - i64::from(days.max(1)));
        let start = first.max(range_start);
        let counted = start.days_between(today) + 1;
        if counted <= 0 {
            return None;
        }
        let sum: u64 = totals
            .range(start..=today)
            .map(|(_, &ml)| u64::from(ml))
            .sum();
        let counted = counted as u64;
        Some(((sum + counted / 2) / counted) as u32)
    }

    /// Consecutive days meeting `goal_ml`, ending today if today's goal is already met, else
    /// ending yesterday (an unfinished today doesn't break the streak).
    pub fn streak(&self, today: LocalDate, goal_ml: u32, clock: &impl LocalClock) -> u32 {
        if goal_ml == 0 {
            return 0;
        }
        let totals = self.totals_by_day(clock);
        let met = |date: &LocalDate| totals.get(date).is_some_and(|&ml| ml >= goal_ml);
        let mut day = if met(&today) { today } else { today.previous() };
        let mut streak = 0;
        while met(&day) {
            streak += 1;
            day = day.previous();
        }
        streak
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::fake::{at, date, Berlin2026};

    fn log_of(drinks: &[(&str, u16, u16, u32)]) -> Log {
        let mut log = Log::default();
        for &(day, hh, mm, ml) in drinks {
            log.add(at(day, hh, mm), ml).unwrap();
        }
        log
    }

    #[test]
    fn add_undo_edit_delete() {
        let mut log = Log::default();
        let a = log.add(at("2026-11-25", 9, 0), 250).unwrap();
        let b = log.add(at("2026-11-25", 7, 0), 300).unwrap(); // back-dated
        assert_eq!((a, b), (1, 2));
        assert_eq!(log.entries()[0].id, b, "kept in time order");
        assert_eq!(
            log.undo_last().map(|e| e.id),
            Some(b),
            "undo removes the last added"
        );
        log.edit(a, 400, at("2026-11-25", 10, 0)).unwrap();
        assert_eq!(
            log.entries(),
            [Entry {
                id: a,
                at_ms: at("2026-11-25", 10, 0),
                ml: 400
            }]
        );
        assert_eq!(log.edit(99, 400, 0), Err(LogError::NotFound));
        assert_eq!(log.edit(a, 0, 0), Err(LogError::Amount));
        assert_eq!(log.add(0, MAX_ENTRY_ML + 1), Err(LogError::Amount));
        assert_eq!(
            log.insert(Entry {
                id: a,
                at_ms: 0,
                ml: 1
            }),
            Err(LogError::DuplicateId(a))
        );
        assert_eq!(log.delete(a).map(|e| e.ml), Ok(400));
        assert_eq!(log.delete(a), Err(LogError::NotFound));
        assert_eq!(log.undo_last(), None);
    }

    #[test]
    fn totals_roll_over_at_local_midnight() {
        let log = log_of(&[
            ("2026-11-24", 23, 59, 200),
            ("2026-11-25", 0, 0, 300),
            ("2026-11-25", 23, 59, 100),
        ]);
        assert_eq!(log.total_for(date("2026-11-24"), &Berlin2026), 200);
        assert_eq!(log.total_for(date("2026-11-25"), &Berlin2026), 400);
        assert_eq!(log.total_for(date("2026-11-26"), &Berlin2026), 0);
    }

    #[test]
    fn dst_days_hold_23_and_25_hours_of_drinks() {
        let spring = log_of(&[
            ("2026-03-29", 0, 30, 100),
            ("2026-03-29", 3, 0, 100),
            ("2026-03-29", 23, 59, 100),
            ("2026-03-30", 0, 0, 999),
        ]);
        assert_eq!(spring.total_for(date("2026-03-29"), &Berlin2026), 300);
        let mut autumn = log_of(&[("2026-10-25", 0, 30, 100), ("2026-10-25", 23, 59, 100)]);
        // Second pass through 02:30, one hour after the first.
        autumn
            .add(at("2026-10-25", 2, 30) + 3_600_000, 100)
            .unwrap();
        autumn.add(at("2026-10-26", 0, 0), 999).unwrap();
        assert_eq!(autumn.total_for(date("2026-10-25"), &Berlin2026), 300);
        let chart = autumn.day_totals(date("2026-10-26"), 3, &Berlin2026);
        assert_eq!(
            chart,
            [
                (date("2026-10-24"), 0),
                (date("2026-10-25"), 300),
                (date("2026-10-26"), 999)
            ]
        );
    }

    #[test]
    fn day_totals_cover_7_and_30_days_oldest_first() {
        let log = log_of(&[
            ("2026-11-01", 9, 0, 500),
            ("2026-11-25", 9, 0, 250),
            ("2026-11-25", 12, 0, 250),
        ]);
        let week = log.day_totals(date("2026-11-25"), 7, &Berlin2026);
        assert_eq!(week.len(), 7);
        assert_eq!(week[0], (date("2026-11-19"), 0));
        assert_eq!(week[6], (date("2026-11-25"), 500));
        let month = log.day_totals(date("2026-11-25"), 30, &Berlin2026);
        assert_eq!(month[0].0, date("2026-10-27"));
        assert_eq!(month.iter().map(|d| d.1).sum::<u32>(), 1000);
    }

    #[test]
    fn average_counts_empty_days_only_after_the_first_drink() {
        assert_eq!(
            Log::default().average(date("2026-11-25"), 7, &Berlin2026),
            None
        );
        let log = log_of(&[("2026-11-23", 9, 0, 1500), ("2026-11-25", 9, 0, 600)]);
        // 23rd, 24th (empty), 25th: (1500 + 0 + 600) / 3.
        assert_eq!(log.average(date("2026-11-25"), 7, &Berlin2026), Some(700));
        // A window starting after the first drink counts all its days.
        assert_eq!(log.average(date("2026-11-25"), 2, &Berlin2026), Some(300));
        assert_eq!(log.average(date("2026-11-20"), 7, &Berlin2026), None);
    }

    #[test]
    fn streak_counts_today_only_once_met() {
        let mut log = log_of(&[
            ("2026-11-21", 9, 0, 2000), // broken by the 22nd
            ("2026-11-23", 9, 0, 1600),
            ("2026-11-24", 9, 0, 1000),
            ("2026-11-24", 21, 0, 700),
            ("2026-11-25", 9, 0, 500),
        ]);
        let today = date("2026-11-25");
        assert_eq!(
            log.streak(today, 1600, &Berlin2026),
            2,
            "today not met yet: run ending yesterday"
        );
        log.add(at("2026-11-25", 15, 0), 1100).unwrap();
        assert_eq!(log.streak(today, 1600, &Berlin2026), 3);
        assert_eq!(
            log.streak(date("2026-11-27"), 1600, &Berlin2026),
            0,
            "a missed day breaks it"
        );
        assert_eq!(log.streak(today, 0, &Berlin2026), 0);
    }
}
