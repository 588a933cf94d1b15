//! The summary to show a doctor: the figures of a period of the diary, small enough for one or
//! two printed pages (no list of every entry, only the longest few).
//!
//! It also says which of the app's warning signs (`content/data/red_flags.toml`) the figures
//! meet, with the figure that meets it. That is a prompt to read the sign, not a diagnosis: the
//! diary only knows what was recorded.

use super::model::{Cramp, Diary, Muscle, Relief, Side};
use super::patterns::{self, format_duration, night_of, Week};
use super::storage::Stored;
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

    let week_count = patterns::monday_of(from).days_between(patterns::monday_of(last)) / 7 + 1;
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
mod tests {
    use super::*;
    use crate::clock::fake::{at, date, Berlin2026};
    use crate::diary::model::{left_calf_cramp as night_cramp, NewCramp};

    const LAST: &str = "2026-12-31";

    fn stored_of(cramps: impl IntoIterator<Item = NewCramp>) -> Stored {
        Stored {
            diary: Diary::from_iter(cramps),
            ..Stored::default()
        }
    }

    fn summary_of(stored: &Stored) -> Summary {
        summarise(stored, date(LAST), 90, &Berlin2026)
    }

    fn sign_ids(summary: &Summary) -> Vec<&'static str> {
        summary.signs.iter().map(|s| s.id).collect()
    }

    /// 90 days ending 2026-12-31 (across the autumn DST change), day `i` from 0: a night cramp at
    /// 03:00 + `i % 60` min on every third day (it woke you on every sixth day, and "woke" is not
    /// said on the others), and a daytime cramp added by hand at 15:00 when `i % 10 == 5`.
    fn generated() -> Stored {
        let from = date(LAST).add_days(-89);
        let mut cramps = Vec::new();
        for i in 0..90u16 {
            let day = from.add_days(i64::from(i));
            if i % 3 == 0 {
                cramps.push(NewCramp {
                    seconds: 30 + u32::from(i),
                    side: Some(if i % 2 == 0 { Side::Left } else { Side::Right }),
                    tried: vec![Relief::Stretch],
                    helped: if i % 9 == 0 {
                        vec![]
                    } else {
                        vec![Relief::Stretch]
                    },
                    woke: match i % 6 {
                        0 => Some(true),
                        _ => None,
                    },
                    ..night_cramp(Berlin2026.instant(day, 3 * 60 + i % 60))
                });
            }
            if i % 10 == 5 {
                cramps.push(NewCramp {
                    seconds: 200 + u32::from(i),
                    muscle: Muscle::Foot,
                    side: None,
                    tried: vec![Relief::Heat],
                    woke: Some(false),
                    by_hand: true,
                    ..night_cramp(Berlin2026.instant(day, 15 * 60))
                });
            }
        }
        // Outside the period on both sides: never counted.
        cramps.push(night_cramp(at("2026-10-02", 23, 59)));
        cramps.push(night_cramp(at("2027-01-01", 0, 0)));
        Stored {
            medicines: "Ramipril 5 mg".into(),
            ..stored_of(cramps)
        }
    }

    #[test]
    fn figures_of_90_generated_days() {
        let summary = summary_of(&generated());
        assert_eq!(
            (summary.from, summary.to, summary.days),
            (date("2026-10-03"), date(LAST), 90)
        );
        assert_eq!(summary.cramps, 39);
        assert_eq!(summary.per_week(), "3.0");
        assert_eq!(summary.days_with_cramps, 36, "3 days have both");
        assert_eq!(summary.nights_with_cramps, 36, "3 nights have both");
        assert_eq!(summary.nights_disturbed, 15);
        assert_eq!(summary.woke_not_said, 15);
        assert_eq!((summary.timed, summary.by_hand), (30, 9));
        assert_eq!(summary.median_seconds, Some(87));
        assert_eq!(summary.longest_seconds, Some(285));
        assert_eq!(summary.over_ten_minutes, 0);
        assert_eq!(summary.by_muscle, [(Muscle::Calf, 30), (Muscle::Foot, 9)]);
        assert_eq!(
            summary.by_side,
            [(Some(Side::Left), 15), (Some(Side::Right), 15), (None, 9)]
        );
        assert_eq!(
            summary.reliefs,
            [
                ReliefCount {
                    relief: Relief::Stretch,
                    tried: 30,
                    helped: 20
                },
                ReliefCount {
                    relief: Relief::Massage,
                    tried: 0,
                    helped: 0
                },
                ReliefCount {
                    relief: Relief::Walking,
                    tried: 0,
                    helped: 0
                },
                ReliefCount {
                    relief: Relief::Heat,
                    tried: 9,
                    helped: 0
                },
            ]
        );
        assert_eq!(summary.weeks.len(), 14);
        assert_eq!(summary.weeks[0].monday, date("2026-09-28"));
        assert_eq!(summary.weeks[13].monday, date("2026-12-28"));
        assert_eq!(
            summary.weeks.iter().map(|w| w.count).sum::<u32>(),
            39,
            "only the period's days"
        );
        assert_eq!(
            summary.patterns,
            [
                "30 of your 39 cramps began between 2 and 4 a.m.",
                "Most were in the calf (30 of 39).",
                "Stretching was marked as helping 20 of the 30 times it was tried.",
            ]
        );
        assert_eq!(summary.medicines, "Ramipril 5 mg");
        assert_eq!(
            summary.signs,
            [SignThatApplies {
                id: "frequent-cramps",
                reason: "On average you had 3.0 cramps a week.".into()
            },],
            "a medicine typed is a question for the doctor, not a sign the figures meet"
        );
        assert_eq!(summary.longest.len(), LONGEST_LISTED);
        assert_eq!(summary.longest[0].seconds, 285);
        assert!(summary
            .longest
            .windows(2)
            .all(|w| w[0].seconds >= w[1].seconds));
    }

    #[test]
    fn an_empty_period_has_no_figures_and_no_signs() {
        let summary = summarise(&Stored::default(), date(LAST), 0, &Berlin2026);
        assert_eq!(
            (summary.days, summary.from, summary.cramps),
            (1, date(LAST), 0)
        );
        assert_eq!(
            (summary.median_seconds, summary.longest_seconds),
            (None, None)
        );
        assert_eq!(summary.per_week(), "0.0");
        assert!(
            summary.signs.is_empty() && summary.patterns.is_empty() && summary.longest.is_empty()
        );
        assert_eq!(
            summary.weeks,
            [Week {
                monday: date("2026-12-28"),
                count: 0
            }]
        );
        let blank = Stored {
            medicines: " \n".into(),
            ..Stored::default()
        };
        assert!(
            summary_of(&blank).signs.is_empty(),
            "only spaces: no medicines listed"
        );
    }

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        let stored = stored_of([10, 20, 31, 400].map(|seconds| NewCramp {
            seconds,
            ..night_cramp(at("2026-12-01", 3, 0))
        }));
        let summary = summary_of(&stored);
        assert_eq!(summary.median_seconds, Some(25));
        assert_eq!(summary.longest_seconds, Some(400));
    }

    #[test]
    fn a_cramp_over_10_minutes_is_a_sign_and_10_minutes_exactly_is_not() {
        let at_limit = stored_of([NewCramp {
            seconds: LONG_CRAMP_SECONDS,
            ..night_cramp(at("2026-12-01", 3, 0))
        }]);
        assert!(sign_ids(&summary_of(&at_limit)).is_empty());
        let over = stored_of(
            [LONG_CRAMP_SECONDS + 1, 14 * 60, 30].map(|seconds| NewCramp {
                seconds,
                ..night_cramp(at("2026-12-01", 3, 0))
            }),
        );
        let summary = summary_of(&over);
        assert_eq!(summary.over_ten_minutes, 2);
        assert_eq!(
            summary.signs,
            [SignThatApplies {
                id: "cramp-over-10-minutes",
                reason: "2 cramps lasted more than 10 minutes, the longest 14 min.".into()
            }]
        );
        let one = stored_of([NewCramp {
            seconds: LONG_CRAMP_SECONDS + 1,
            ..night_cramp(at("2026-12-01", 3, 0))
        }]);
        assert_eq!(
            summary_of(&one).signs[0].reason,
            "1 cramp lasted more than 10 minutes: 10 min 1 s."
        );
    }

    #[test]
    fn three_cramps_a_week_on_average_is_frequent_and_just_under_is_not() {
        // A diary of the whole 90 days (its first cramp on the first day) at 3 a week is 38.6
        // cramps: 39 is enough, 38 is not.
        let spread = |count: u16| {
            let first = night_cramp(Berlin2026.instant(date(LAST).add_days(-89), 15 * 60));
            let rest = (0..count - 1).map(|i| {
                night_cramp(Berlin2026.instant(date(LAST).add_days(-i64::from(i)), 15 * 60))
            });
            stored_of(std::iter::once(first).chain(rest))
        };
        let at_threshold = summary_of(&spread(39));
        assert_eq!(
            at_threshold.signs,
            [SignThatApplies {
                id: "frequent-cramps",
                reason: "On average you had 3.0 cramps a week.".into()
            }]
        );
        let below = summary_of(&spread(38));
        assert_eq!(below.per_week(), "3.0", "rounded, it reads the same");
        assert!(below.signs.is_empty());
    }

    fn woke(start_ms: i64) -> NewCramp {
        NewCramp {
            woke: Some(true),
            ..night_cramp(start_ms)
        }
    }

    /// Woken at 23:30 on each of the nights `back` days before the last.
    fn woken_on(nights: &[i64]) -> Stored {
        stored_of(
            nights
                .iter()
                .map(|&back| woke(Berlin2026.instant(date(LAST).add_days(-back), 23 * 60 + 30))),
        )
    }

    #[test]
    fn three_disturbed_nights_in_one_week_is_frequent_and_two_is_not() {
        // Long before the last 14 nights, across the DST change: the nights of 24, 26 and 30
        // October, the first woken in the second 02:30 of the 25th.
        let autumn = woke(at("2026-10-25", 2, 30) + 3_600_000);
        let week = stored_of([
            autumn.clone(),
            woke(at("2026-10-26", 23, 30)),
            woke(at("2026-10-31", 3, 0)),
        ]);
        let summary = summary_of(&week);
        assert_eq!(
            (summary.nights_disturbed, summary.nights_with_cramps),
            (3, 3)
        );
        assert_eq!(
            summary.signs,
            [SignThatApplies {
                id: "frequent-cramps",
                reason: "Cramps woke you on 3 nights in one week.".into()
            }]
        );
        // Three nights spread over 8 (24 and 26 October, 1 November): never 3 within 7.
        let spread = stored_of([
            autumn.clone(),
            woke(at("2026-10-26", 23, 30)),
            woke(at("2026-11-01", 3, 0)),
        ]);
        assert!(summary_of(&spread).signs.is_empty());
        // Two cramps in one night count once.
        let one_night = stored_of([
            autumn,
            woke(at("2026-10-25", 5, 0)),
            woke(at("2026-10-26", 23, 30)),
        ]);
        assert_eq!(summary_of(&one_night).nights_disturbed, 2);
        assert!(summary_of(&one_night).signs.is_empty());
    }

    #[test]
    fn three_disturbed_nights_of_the_last_14_is_frequent_and_two_is_not() {
        // Nights 13, 5 and 0 back: at most 2 within any 7.
        let recent = summary_of(&woken_on(&[13, 5, 0]));
        assert_eq!(
            recent.signs,
            [SignThatApplies {
                id: "frequent-cramps",
                reason: "Cramps woke you on 3 of the last 14 nights.".into()
            }]
        );
        // 14 nights back is one too many.
        assert!(summary_of(&woken_on(&[14, 5, 0])).signs.is_empty());
        // All three rules at once.
        let every_night: Vec<i64> = (0..90).collect();
        let busy = summary_of(&woken_on(&every_night));
        assert_eq!(
            busy.signs[0].reason,
            "Cramps woke you on 7 nights in one week. On average you had 7.0 cramps a week. \
             Cramps woke you on 14 of the last 14 nights."
        );
    }

    /// Clinical review 2026-12b, N11: a diary begun two weeks ago is averaged over its two weeks,
    /// not over 90 days; a diary of a few days over a week.
    #[test]
    fn the_average_is_over_the_days_recorded_and_at_least_a_week() {
        let nightly =
            |nights: i64| {
                stored_of((0..nights).map(|back| {
                    night_cramp(Berlin2026.instant(date(LAST).add_days(-back), 3 * 60))
                }))
            };
        let two_weeks = summary_of(&nightly(14));
        assert_eq!((two_weeks.days, two_weeks.days_recorded), (90, 14));
        assert_eq!(two_weeks.per_week(), "7.0");
        assert_eq!(
            sign_ids(&two_weeks),
            ["frequent-cramps"],
            "a cramp every night for two weeks is frequent"
        );
        let three_days = summary_of(&nightly(3));
        assert_eq!(three_days.days_recorded, FEWEST_DAYS_AVERAGED);
        assert_eq!(three_days.per_week(), "3.0");
        let whole = summary_of(&generated());
        assert_eq!(whole.days_recorded, 90);
    }

    /// N12: a statin typed in the medicines raises the statin sign; other medicines raise none.
    #[test]
    fn a_statin_typed_raises_the_statin_sign() {
        for (typed, statin) in [
            ("Amlodipine 5 mg, atorvastatin 20 mg", Some("atorvastatin")),
            ("ROSUVASTATIN 10mg at night", Some("ROSUVASTATIN")),
            ("Lipitor", Some("Lipitor")),
            ("a statin, I forget which", Some("statin")),
            ("nystatin cream", None),
            ("Ramipril 5 mg", None),
        ] {
            assert_eq!(statin_in(typed), statin, "{typed:?}");
        }
        let with_statin = Stored {
            medicines: "simvastatin 40 mg".into(),
            ..stored_of([night_cramp(at("2026-12-30", 3, 0))])
        };
        assert_eq!(
            summary_of(&with_statin).signs,
            [SignThatApplies {
                id: "statin-muscle-pain",
                reason: "You listed a statin (simvastatin) and have recorded cramps.".into()
            }]
        );
        let no_cramps = Stored {
            medicines: "simvastatin 40 mg".into(),
            ..Stored::default()
        };
        assert!(summary_of(&no_cramps).signs.is_empty());
    }

    #[test]
    fn only_the_10_longest_are_listed() {
        let stored = stored_of((1..=30).map(|i| NewCramp {
            seconds: 60 + (i % 12) * 10,
            ..night_cramp(at("2026-12-01", 3, 0) + i64::from(i) * 86_400_000)
        }));
        let summary = summary_of(&stored);
        let seconds: Vec<u32> = summary.longest.iter().map(|c| c.seconds).collect();
        assert_eq!(seconds, [170, 170, 160, 160, 150, 150, 140, 140, 130, 130]);
        assert!(
            summary.longest[0].start_ms < summary.longest[1].start_ms,
            "earlier first on a tie"
        );
    }

    #[test]
    fn every_sign_named_is_one_of_the_apps_warning_signs() {
        let red_flags = include_str!("../content/data/red_flags.toml");
        for id in [
            "cramp-over-10-minutes",
            "frequent-cramps",
            "statin-muscle-pain",
        ] {
            assert!(red_flags.contains(&format!("id = \"{id}\"")), "{id}");
        }
    }
}
