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
    assert!(summary.signs.is_empty() && summary.patterns.is_empty() && summary.longest.is_empty());
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
        let rest = (0..count - 1)
            .map(|i| night_cramp(Berlin2026.instant(date(LAST).add_days(-i64::from(i)), 15 * 60)));
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
    let nightly = |nights: i64| {
        stored_of(
            (0..nights)
                .map(|back| night_cramp(Berlin2026.instant(date(LAST).add_days(-back), 3 * 60))),
        )
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
    let red_flags = include_str!("../../content/data/red_flags.toml");
    for id in [
        "cramp-over-10-minutes",
        "frequent-cramps",
        "statin-muscle-pain",
    ] {
        assert!(red_flags.contains(&format!("id = \"{id}\"")), "{id}");
    }
}
