//! What the diary shows: counts by day, week, hour, muscle and side, and a few plain sentences
//! about them. Pure functions; local time comes from a [`LocalClock`].
//!
//! The sentences describe, never explain: "8 of your 11 cramps began between 2 and 4 a.m.", not
//! why. A handful of entries can look like a pattern by chance, so a sentence is only said when
//! the figures support it (see [`MIN_CRAMPS`] and [`is_clear_majority`]).
//!
//! Entries are taken as any iterator of `&Cramp`: `diary.entries()`, or `diary.between(..)` for a
//! period.

use super::model::{Cramp, Diary, Muscle, Relief, Side};
use super::words::{leg_in_words, month_name, place, two_hours_in_words};
use crate::clock::{LocalClock, LocalDate};
use guide_core::order::sort_by_rank;

/// Fewer entries than this say nothing about patterns.
pub const MIN_CRAMPS: u32 = 3;
/// The share (in %) a pattern must reach to be said: a clear majority, not just the largest part.
pub const MAJORITY_PERCENT: u32 = 60;
/// No more sentences than this: the most telling ones.
pub const MAX_PATTERNS: usize = 4;

/// Cramps that began on one local date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub date: LocalDate,
    pub count: u32,
}

/// The `count` days ending on `last`, oldest first, counting each cramp on the local date it
/// began (the 90-day heat map).
pub fn days(diary: &Diary, last: LocalDate, count: u16, clock: &impl LocalClock) -> Vec<Day> {
    let first = last.add_days(1 - i64::from(count));
    per_day(diary, first, usize::from(count), clock)
        .into_iter()
        .zip(0..)
        .map(|(count, offset)| Day {
            date: first.add_days(offset),
            count,
        })
        .collect()
}

/// Cramps that began in one ISO week, Monday to Sunday.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Week {
    pub monday: LocalDate,
    pub count: u32,
}

/// The `count` ISO weeks ending with the week that holds `last`, oldest first. Whole weeks:
/// the last one counts its days after `last` too.
pub fn weeks(diary: &Diary, last: LocalDate, count: u16, clock: &impl LocalClock) -> Vec<Week> {
    let first = last.monday().add_days(-7 * (i64::from(count) - 1));
    per_day(diary, first, 7 * usize::from(count), clock)
        .chunks(7)
        .zip(0..)
        .map(|(days, week)| Week {
            monday: first.add_days(7 * week),
            count: days.iter().sum(),
        })
        .collect()
}

/// Where a day sits in the calendar of [`days`]: a row per weekday, Monday at the top, so
/// that a weekday can be followed across the weeks; a column per ISO week, oldest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CalendarCell {
    /// 0 for the week holding the calendar's first day.
    pub column: u16,
    /// Monday 0 to Sunday 6.
    pub row: u8,
}

/// The place of `date` in the calendar that begins on `first` (a date before it is put in the
/// first column).
pub fn calendar_cell(first: LocalDate, date: LocalDate) -> CalendarCell {
    let weeks = first.monday().days_between(date).div_euclid(7);
    CalendarCell {
        column: u16::try_from(weeks).unwrap_or(0),
        row: date.weekday(),
    }
}

/// A month's short name over the calendar's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthLabel {
    pub month: u8,
    /// The month's first column.
    pub column: u16,
    /// How many columns are the month's, up to the next label: the room its name has.
    pub columns: u16,
}

/// The fewest columns the name of the month a calendar begins in needs ("Sep" in large text on
/// a narrow phone): with fewer it would run into the next month's name, so it is left out.
pub const MONTH_LABEL_COLUMNS: u16 = 4;

/// The month names over the calendar from `first` to `last`. A column is the month's of its
/// first day shown (its Monday, or `first`), and each month is named over its first column.
pub fn month_labels(first: LocalDate, last: LocalDate) -> Vec<MonthLabel> {
    let columns = calendar_cell(first, last).column + 1;
    let mut labels: Vec<MonthLabel> = Vec::new();
    for column in 0..columns {
        let first_shown = first.monday().add_days(7 * i64::from(column)).max(first);
        match labels.last_mut() {
            Some(label) if label.month == first_shown.month() => label.columns += 1,
            _ => labels.push(MonthLabel {
                month: first_shown.month(),
                column,
                columns: 1,
            }),
        }
    }
    if labels.len() > 1 && labels[0].columns < MONTH_LABEL_COLUMNS {
        labels.remove(0);
    }
    labels
}

/// Cramps in one calendar month, counting only the days given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthCount {
    pub month: u8,
    pub count: u32,
}

/// Cramps per calendar month of `days` (oldest first), months without cramps included.
pub fn by_month(days: &[Day]) -> Vec<MonthCount> {
    let mut months: Vec<MonthCount> = Vec::new();
    for day in days {
        match months.last_mut() {
            Some(month) if month.month == day.date.month() => month.count += day.count,
            _ => months.push(MonthCount {
                month: day.date.month(),
                count: day.count,
            }),
        }
    }
    months
}

/// "3 in September, 12 in October and 0 in November": the calendar's months in words, for
/// whoever can't see its colours.
pub fn months_in_words(months: &[MonthCount]) -> String {
    let parts: Vec<String> = months
        .iter()
        .map(|m| format!("{} in {}", m.count, month_name(m.month)))
        .collect();
    match parts.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// Cramps per local day for the `days` days from `first`.
fn per_day(diary: &Diary, first: LocalDate, days: usize, clock: &impl LocalClock) -> Vec<u32> {
    let mut counts = vec![0; days];
    let Some(last_offset) = days.checked_sub(1) else {
        return counts;
    };
    let (start, _) = clock.day_bounds(first);
    let (_, end) = clock.day_bounds(first.add_days(last_offset as i64));
    for cramp in diary.between(start, end) {
        let offset = first.days_between(clock.day_of(cramp.start_ms));
        if let Some(count) = usize::try_from(offset).ok().and_then(|i| counts.get_mut(i)) {
            *count += 1;
        }
    }
    counts
}

/// How many cramps began in each local hour, midnight first.
pub fn by_hour<'a>(
    entries: impl IntoIterator<Item = &'a Cramp>,
    clock: &impl LocalClock,
) -> [u32; 24] {
    let mut hours = [0; 24];
    for cramp in entries {
        hours[usize::from(clock.local(cramp.start_ms).minute_of_day / 60) % 24] += 1;
    }
    hours
}

/// Cramps per muscle, most first, then in [`Muscle::ALL`] order; none left out.
pub fn by_muscle<'a>(entries: impl IntoIterator<Item = &'a Cramp>) -> Vec<(Muscle, u32)> {
    ranked(entries.into_iter().map(|c| c.muscle), &Muscle::ALL)
}

/// The sides in the order they are listed: left, right, both, then not said.
pub const SIDES: [Option<Side>; 4] = [Some(Side::Left), Some(Side::Right), Some(Side::Both), None];

/// Cramps per side (None: not said), most first, then in [`SIDES`] order; none left out.
pub fn by_side<'a>(entries: impl IntoIterator<Item = &'a Cramp>) -> Vec<(Option<Side>, u32)> {
    ranked(entries.into_iter().map(|c| c.side), &SIDES)
}

/// How often each of `order` occurs in `keys`, most first (ties in `order`), zeros left out.
fn ranked<K: Copy + PartialEq>(keys: impl Iterator<Item = K>, order: &[K]) -> Vec<(K, u32)> {
    let mut counts: Vec<(K, u32)> = order.iter().map(|&key| (key, 0)).collect();
    for key in keys {
        if let Some((_, count)) = counts.iter_mut().find(|(k, _)| *k == key) {
            *count += 1;
        }
    }
    counts.retain(|&(_, count)| count > 0);
    // Stable: equal counts keep `order`.
    sort_by_rank(&mut counts, |&(_, count)| -i128::from(count));
    counts
}

/// The night a cramp belongs to, named by the date it began: noon to noon, so a 3 a.m. cramp on
/// the 5th is the night of the 4th. Used to count nights disturbed.
pub fn night_of(start_ms: i64, clock: &impl LocalClock) -> LocalDate {
    let local = clock.local(start_ms);
    if local.minute_of_day < 12 * 60 {
        local.date.previous()
    } else {
        local.date
    }
}

/// Whether `count` of `of` is enough to say: at least [`MIN_CRAMPS`] of them, and a share of at
/// least [`MAJORITY_PERCENT`].
pub fn is_clear_majority(count: u32, of: u32) -> bool {
    of >= MIN_CRAMPS && count * 100 >= MAJORITY_PERCENT * of
}

/// Plain sentences about the entries, the most telling (largest share) first, at most
/// [`MAX_PATTERNS`]; none for fewer than [`MIN_CRAMPS`] entries.
pub fn patterns<'a>(
    entries: impl IntoIterator<Item = &'a Cramp>,
    clock: &impl LocalClock,
) -> Vec<String> {
    let entries: Vec<&Cramp> = entries.into_iter().collect();
    let total = entries.len() as u32;
    if total < MIN_CRAMPS {
        return Vec::new();
    }
    // (count, of, sentence), in the order they are preferred when their shares are equal.
    let mut found: Vec<(u32, u32, String)> = Vec::new();

    let (start, count) = densest_two_hours(&by_hour(entries.iter().copied(), clock));
    if is_clear_majority(count, total) {
        let began = if count == total {
            format!("All {total} of your cramps began")
        } else {
            format!("{count} of your {total} cramps began")
        };
        let when = two_hours_in_words(start);
        // "a.m." and "p.m." already end the sentence.
        let stop = if when.ends_with('.') { "" } else { "." };
        found.push((count, total, format!("{began} {when}{stop}")));
    }

    if let Some((count, place)) = where_most(&entries) {
        let sentence = if count == total {
            format!("All {total} were in {place}.")
        } else {
            format!("Most were in {place} ({count} of {total}).")
        };
        found.push((count, total, sentence));
    }

    let woke = entries.iter().filter(|c| c.woke == Some(true)).count() as u32;
    if is_clear_majority(woke, total) {
        let sentence = if woke == total {
            format!("All {total} woke you.")
        } else {
            format!("{woke} of {total} woke you.")
        };
        found.push((woke, total, sentence));
    }

    for relief in Relief::ALL {
        let tried = entries.iter().filter(|c| c.tried.contains(&relief)).count() as u32;
        let helped = entries
            .iter()
            .filter(|c| c.helped.contains(&relief))
            .count() as u32;
        if is_clear_majority(helped, tried) {
            let how_often = if helped == tried {
                format!("all {tried} times")
            } else {
                format!("{helped} of the {tried} times")
            };
            found.push((
                helped,
                tried,
                format!(
                    "{} was marked as helping {how_often} it was tried.",
                    relief.label()
                ),
            ));
        }
    }

    // Largest share first; stable, so ties keep the order above. The share is ranked in units of
    // 2^-64: two different shares of counts below 2^32 differ by more than that, so none tie.
    sort_by_rank(&mut found, |(count, of, _)| {
        -((i128::from(*count) << 64) / i128::from((*of).max(1)))
    });
    found
        .into_iter()
        .take(MAX_PATTERNS)
        .map(|(_, _, sentence)| sentence)
        .collect()
}

/// The two hours in a row (wrapping past midnight) in which most cramps began: the first hour
/// and the count. Ties go to the earlier hour of the day.
fn densest_two_hours(hours: &[u32; 24]) -> (usize, u32) {
    (0..24).fold((0, 0), |best, hour| {
        let count = hours[hour] + hours[(hour + 1) % 24];
        if count > best.1 {
            (hour, count)
        } else {
            best
        }
    })
}

/// The one place most cramps were: a muscle on one side, else a muscle, else a side.
fn where_most(entries: &[&Cramp]) -> Option<(u32, String)> {
    let total = entries.len() as u32;
    let pairs = Muscle::ALL
        .into_iter()
        .flat_map(|muscle| Side::ALL.into_iter().map(move |side| (muscle, side)));
    let count_of =
        |test: &dyn Fn(&Cramp) -> bool| entries.iter().filter(|c| test(c)).count() as u32;
    let best_pair = pairs
        .map(|(muscle, side)| {
            let count = count_of(&|c| c.muscle == muscle && c.side == Some(side));
            (count, place(muscle, Some(side)))
        })
        .fold(None, most);
    let best_muscle = by_muscle(entries.iter().copied())
        .first()
        .map(|&(muscle, count)| (count, place(muscle, None)));
    let best_side = by_side(entries.iter().copied())
        .into_iter()
        .find_map(|(side, count)| side.map(|side| (count, leg_in_words(side).to_string())));
    [best_pair, best_muscle, best_side]
        .into_iter()
        .flatten()
        .find(|&(count, _)| is_clear_majority(count, total))
}

/// The larger count; the earlier one on a tie.
fn most(best: Option<(u32, String)>, next: (u32, String)) -> Option<(u32, String)> {
    match best {
        Some(best) if best.0 >= next.0 => Some(best),
        _ => Some(next),
    }
}

#[cfg(test)]
mod tests;
