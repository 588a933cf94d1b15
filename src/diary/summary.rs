//! The summary to show a doctor: the figures of a period of the diary, small enough for one or
//! two printed pages (no list of every entry, only the longest few).
//!
//! It also says which of the app's warning signs (`content/data/red_flags.toml`) the figures
//! meet, with the figure that meets it. That is a prompt to read the sign, not a diagnosis: the
//! diary only knows what was recorded.

use super::model::{Cramp, Diary, Muscle, Relief, Side};
use super::patterns::{self, night_of, Week};
use super::storage::Stored;
use super::words::format_duration;
use crate::clock::{LocalClock, LocalDate};
use std::collections::BTreeSet;

/// A cramp longer than this (in seconds) meets the "cramp-over-10-minutes" sign.
pub const LONG_CRAMP_SECONDS: u32 = 10 * 60;
/// How many of the longest cramps the summary lists.
pub const LONGEST_LISTED: usize = 10;

/// When cramps count as "frequent" for the "frequent-cramps" sign. The NHS says to see a GP if
/// cramps are frequent or disturb your sleep, but gives no number (see `shared/evidence.md`, "Red
/// flags and what to do"), so these thresholds are the app's own, chosen to be cautious: any one
/// of them is met when cramps
/// - woke the person on [`DISTURBED_NIGHTS`] or more nights within any 7 nights in a row, or
/// - averaged [`CRAMPS_PER_WEEK`] or more a week over the days recorded, or
/// - woke the person on [`DISTURBED_NIGHTS`] or more of the last [`RECENT_NIGHTS`] nights.
pub const DISTURBED_NIGHTS: u32 = 3;
pub const CRAMPS_PER_WEEK: u32 = 3;
pub const RECENT_NIGHTS: u16 = 14;
/// A diary shorter than this is averaged over this many days: one bad night is not a rate.
pub const FEWEST_DAYS_AVERAGED: u16 = 7;
/// What a statin's name ends with (atorvastatin, simvastatin, rosuvastatin, pravastatin,
/// fluvastatin, lovastatin, pitavastatin), the word itself, and UK and US brand names. "Nystatin",
/// an antifungal, does not end in "vastatin".
const STATIN_ENDING: &str = "vastatin";
const STATIN_WORDS: [&str; 7] = [
    "statin",
    "statins",
    "lipitor",
    "zocor",
    "crestor",
    "pravachol",
    "lescol",
];

/// How often one kind of relief was tried, and how often it was marked as helping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReliefCount {
    pub relief: Relief,
    pub tried: u32,
    pub helped: u32,
}

/// A warning sign the figures meet: its id in `red_flags.toml` (an anchor on /help) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignThatApplies {
    pub id: &'static str,
    pub reason: String,
}

/// The figures of the `days` days from `from` to `to` (local dates, both included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub from: LocalDate,
    pub to: LocalDate,
    pub days: u16,
    /// The days the diary covers within the period: from its first cramp in the period (or the
    /// period's start) to the last day, at least [`FEWEST_DAYS_AVERAGED`]. Averages use these,
    /// so a diary begun two weeks ago is not averaged over 90 days.
    pub days_recorded: u16,
    pub cramps: u32,
    /// The average a week over the days recorded, in tenths (35 is 3.5 a week):
    /// [`Summary::per_week`].
    pub per_week_tenths: u32,
    /// Local dates on which a cramp began.
    pub days_with_cramps: u32,
    /// Nights (noon to noon, [`night_of`]) in which a cramp began: a 3 a.m. cramp counts for the
    /// night before, so a night is never counted twice for crossing midnight.
    pub nights_with_cramps: u32,
    /// Nights in which a cramp woke the person.
    pub nights_disturbed: u32,
    /// Cramps for which "woke you" was not said.
    pub woke_not_said: u32,
    /// The middle length (of two middle ones, their mean rounded down); None without cramps.
    pub median_seconds: Option<u32>,
    pub longest_seconds: Option<u32>,
    /// Timed with Cramp now.
    pub timed: u32,
    /// Added afterwards by hand, their length as remembered.
    pub by_hand: u32,
    /// Longer than [`LONG_CRAMP_SECONDS`].
    pub over_ten_minutes: u32,
    pub by_muscle: Vec<(Muscle, u32)>,
    pub by_side: Vec<(Option<Side>, u32)>,
    /// Every kind of relief, in [`Relief::ALL`] order, tried or not.
    pub reliefs: Vec<ReliefCount>,
    /// The ISO weeks touching the period, counting only its days: the first and last weeks may
    /// be partial.
    pub weeks: Vec<Week>,
    pub patterns: Vec<String>,
    /// As the person typed it.
    pub medicines: String,
    pub signs: Vec<SignThatApplies>,
    /// The [`LONGEST_LISTED`] longest cramps, longest first (the earlier one first on a tie).
    pub longest: Vec<Cramp>,
}

impl Summary {
    /// "3.5": cramps a week on average.
    pub fn per_week(&self) -> String {
        one_decimal(self.per_week_tenths)
    }
}

/// Tenths with one decimal: 35 → "3.5", 30 → "3.0".
pub fn one_decimal(tenths: u32) -> String {
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// The summary of the `days` days ending on `last` (at least one day).
pub fn summarise(stored: &Stored, last: LocalDate, days: u16, clock: &impl LocalClock) -> Summary {
    let days = days.max(1);
    let from = last.add_days(1 - i64::from(days));
    let (start, _) = clock.day_bounds(from);
    let (_, end) = clock.day_bounds(last);
    let (in_period, _) = Diary::from_entries(stored.diary.between(start, end).cloned().collect());
    let period = in_period.entries();
    let cramps = period.len() as u32;

    let mut seconds: Vec<u32> = period.iter().map(|c| c.seconds).collect();
    seconds.sort_unstable();
    let median_seconds = match seconds.len() {
        0 => None,
        n if n % 2 == 1 => Some(seconds[n / 2]),
        n => Some(((u64::from(seconds[n / 2 - 1]) + u64::from(seconds[n / 2])) / 2) as u32),
    };
    let longest_seconds = seconds.last().copied();
    let over_ten_minutes = seconds.iter().filter(|&&s| s > LONG_CRAMP_SECONDS).count() as u32;

    let nights = |keep: &dyn Fn(&Cramp) -> bool| -> BTreeSet<LocalDate> {
        period
            .iter()
            .filter(|c| keep(c))
            .map(|c| night_of(c.start_ms, clock))
            .collect()
    };
    let disturbed = nights(&|c| c.woke == Some(true));
    let count = |keep: &dyn Fn(&Cramp) -> bool| period.iter().filter(|c| keep(c)).count() as u32;

    // In start order, so that a stable sort lists the earlier of two equally long first.
    let mut longest = period.to_vec();
    longest.sort_by_key(|c| std::cmp::Reverse(c.seconds));
    longest.truncate(LONGEST_LISTED);

    let week_count = from.monday().days_between(last.monday()) / 7 + 1;
    let first_day = period
        .first()
        .map_or(last, |first| clock.day_of(first.start_ms));
    let days_recorded = u16::try_from(first_day.days_between(last) + 1)
        .unwrap_or(days)
        .clamp(FEWEST_DAYS_AVERAGED.min(days), days);

    let mut summary = Summary {
        from,
        to: last,
        days,
        days_recorded,
        cramps,
        per_week_tenths: ((u64::from(cramps) * 70 + u64::from(days_recorded) / 2)
            / u64::from(days_recorded)) as u32,
        days_with_cramps: period
            .iter()
            .map(|c| clock.day_of(c.start_ms))
            .collect::<BTreeSet<_>>()
            .len() as u32,
        nights_with_cramps: nights(&|_| true).len() as u32,
        nights_disturbed: disturbed.len() as u32,
        woke_not_said: count(&|c| c.woke.is_none()),
        median_seconds,
        longest_seconds,
        timed: count(&|c| !c.by_hand),
        by_hand: count(&|c| c.by_hand),
        over_ten_minutes,
        by_muscle: patterns::by_muscle(period),
        by_side: patterns::by_side(period),
        reliefs: Relief::ALL
            .into_iter()
            .map(|relief| ReliefCount {
                relief,
                tried: count(&|c| c.tried.contains(&relief)),
                helped: count(&|c| c.helped.contains(&relief)),
            })
            .collect(),
        weeks: patterns::weeks(&in_period, last, week_count as u16, clock),
        patterns: patterns::patterns(period, clock),
        medicines: stored.medicines.clone(),
        signs: Vec::new(),
        longest,
    };
    summary.signs = signs(&summary, &disturbed);
    summary
}

/// The warning signs the figures meet, most urgent first.
fn signs(summary: &Summary, disturbed: &BTreeSet<LocalDate>) -> Vec<SignThatApplies> {
    let mut signs = Vec::new();
    if let (n @ 1.., Some(longest)) = (summary.over_ten_minutes, summary.longest_seconds) {
        let longest = format_duration(longest);
        signs.push(SignThatApplies {
            id: "cramp-over-10-minutes",
            reason: if n == 1 {
                format!("1 cramp lasted more than 10 minutes: {longest}.")
            } else {
                format!("{n} cramps lasted more than 10 minutes, the longest {longest}.")
            },
        });
    }
    let frequent = frequent_because(summary, disturbed);
    if !frequent.is_empty() {
        signs.push(SignThatApplies {
            id: "frequent-cramps",
            reason: frequent.join(" "),
        });
    }
    // Any medicine typed is only a question for the doctor (the summary prints it); a statin
    // with cramps is a sign of its own, to be checked today.
    if let Some(statin) = statin_in(&summary.medicines).filter(|_| summary.cramps > 0) {
        signs.push(SignThatApplies {
            id: "statin-muscle-pain",
            reason: format!("You listed a statin ({statin}) and have recorded cramps."),
        });
    }
    signs
}

/// The first statin named in `medicines`, as typed.
pub fn statin_in(medicines: &str) -> Option<&str> {
    medicines
        .split(|c: char| !c.is_alphanumeric())
        .find(|word| {
            // Statin names are ASCII: ASCII case folding finds each one, without Unicode tables.
            let word = word.to_ascii_lowercase();
            word.ends_with(STATIN_ENDING) || STATIN_WORDS.contains(&word.as_str())
        })
}

/// Which of the "frequent" thresholds are met, each as a sentence.
fn frequent_because(summary: &Summary, disturbed: &BTreeSet<LocalDate>) -> Vec<String> {
    let mut because = Vec::new();
    let in_a_week = most_within(disturbed, 7);
    if in_a_week >= DISTURBED_NIGHTS {
        because.push(format!(
            "Cramps woke you on {in_a_week} nights in one week."
        ));
    }
    if u64::from(summary.cramps) * 7
        >= u64::from(CRAMPS_PER_WEEK) * u64::from(summary.days_recorded)
    {
        because.push(format!(
            "On average you had {} cramps a week.",
            summary.per_week()
        ));
    }
    let recent_from = summary.to.add_days(1 - i64::from(RECENT_NIGHTS));
    let recent = disturbed.range(recent_from..=summary.to).count() as u32;
    if recent >= DISTURBED_NIGHTS {
        because.push(format!(
            "Cramps woke you on {recent} of the last {RECENT_NIGHTS} nights."
        ));
    }
    because
}

/// The most of `nights` within any `span` nights in a row.
fn most_within(nights: &BTreeSet<LocalDate>, span: i64) -> u32 {
    nights
        .iter()
        .map(|&first| nights.range(first..first.add_days(span)).count() as u32)
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests;
