use super::*;
use crate::clock::fake::{at, date, Berlin2026};
use crate::diary::model::{left_calf_cramp as cramp, NewCramp};
use crate::diary::words::*;

const HOUR: i64 = 3_600_000;

#[test]
fn days_count_by_local_date_oldest_first_across_dst() {
    let diary = Diary::from_iter([
        cramp(at("2026-10-24", 23, 59)),
        cramp(at("2026-10-25", 0, 0)),
        cramp(at("2026-10-25", 2, 30)),
        // The second 02:30 of the autumn night, and the last minute of the 25-hour day.
        cramp(at("2026-10-25", 2, 30) + HOUR),
        cramp(at("2026-10-25", 23, 59)),
        cramp(at("2026-10-26", 0, 0)),
        cramp(at("2026-10-27", 12, 0)),
    ]);
    let counted = days(&diary, date("2026-10-26"), 3, &Berlin2026);
    assert_eq!(
        counted,
        [
            Day {
                date: date("2026-10-24"),
                count: 1
            },
            Day {
                date: date("2026-10-25"),
                count: 4
            },
            Day {
                date: date("2026-10-26"),
                count: 1
            },
        ]
    );
    let heat_map = days(&diary, date("2026-12-31"), 90, &Berlin2026);
    assert_eq!(heat_map.len(), 90);
    assert_eq!(heat_map[0].date, date("2026-10-03"));
    assert_eq!(heat_map.iter().map(|d| d.count).sum::<u32>(), 7);
    assert!(days(&diary, date("2026-10-26"), 0, &Berlin2026).is_empty());
    // The spring day has 23 hours: 23:30 is still that day.
    let spring = Diary::from_iter([
        cramp(at("2026-03-29", 23, 30)),
        cramp(at("2026-03-29", 1, 0)),
    ]);
    assert_eq!(
        days(&spring, date("2026-03-29"), 1, &Berlin2026)[0].count,
        2
    );
}

#[test]
fn weeks_are_iso_weeks_ending_with_the_one_holding_last() {
    assert_eq!(date("2026-11-25").monday(), date("2026-11-23"));
    assert_eq!(date("2026-11-23").monday(), date("2026-11-23"));
    assert_eq!(date("2026-11-29").monday(), date("2026-11-23"));
    assert_eq!(date("2027-01-01").monday(), date("2026-12-28"));
    let diary = Diary::from_iter([
        cramp(at("2026-11-08", 23, 59)), // Sunday before the first week
        cramp(at("2026-11-09", 0, 0)),
        cramp(at("2026-11-22", 23, 30)),
        cramp(at("2026-11-23", 0, 30)),
        cramp(at("2026-11-29", 23, 59)), // after `last`, in its week
        cramp(at("2026-11-30", 0, 0)),
    ]);
    let counted = weeks(&diary, date("2026-11-25"), 3, &Berlin2026);
    assert_eq!(
        counted,
        [
            Week {
                monday: date("2026-11-09"),
                count: 1
            },
            Week {
                monday: date("2026-11-16"),
                count: 1
            },
            Week {
                monday: date("2026-11-23"),
                count: 2
            },
        ]
    );
    // The week with the 25-hour day.
    let autumn = Diary::from_iter([
        cramp(at("2026-10-25", 2, 30) + HOUR),
        cramp(at("2026-10-25", 23, 59)),
    ]);
    assert_eq!(
        weeks(&autumn, date("2026-10-25"), 1, &Berlin2026)[0].count,
        2
    );
}

#[test]
fn the_calendar_has_a_row_per_weekday_and_a_column_per_week() {
    assert_eq!(date("2026-11-30").weekday(), 0, "a Monday");
    assert_eq!(date("2027-01-01").weekday(), 4, "a Friday");
    assert_eq!(WEEKDAYS[usize::from(date("2026-10-03").weekday())], "Sat");
    // The 90 days ending Thursday 31 December begin on Saturday 3 October.
    let first = date("2026-10-03");
    let cell = |day| calendar_cell(first, date(day));
    assert_eq!(cell("2026-10-03"), CalendarCell { column: 0, row: 5 });
    assert_eq!(cell("2026-10-04"), CalendarCell { column: 0, row: 6 });
    assert_eq!(cell("2026-10-05"), CalendarCell { column: 1, row: 0 });
    assert_eq!(cell("2026-12-31"), CalendarCell { column: 13, row: 3 });
    assert_eq!(
        cell("2026-09-01").column,
        0,
        "before the first day: the first column"
    );
}

#[test]
fn each_month_is_named_over_its_first_column() {
    let label = |month, column, columns| MonthLabel {
        month,
        column,
        columns,
    };
    // A column is the month's of its first day shown: 3 October (a Saturday), then Mondays.
    assert_eq!(
        month_labels(date("2026-10-03"), date("2026-12-31")),
        [label(10, 0, 5), label(11, 5, 5), label(12, 10, 4)]
    );
    // The week of Monday 30 November shows 1 December too, under November.
    assert_eq!(
        month_labels(date("2026-09-03"), date("2026-12-01")),
        [label(9, 0, 5), label(10, 5, 4), label(11, 9, 5)]
    );
    // October's two columns are too few for its name.
    assert_eq!(
        month_labels(date("2026-10-20"), date("2026-12-31")),
        [label(11, 2, 5), label(12, 7, 4)]
    );
    // A calendar of one month keeps its name, however short.
    assert_eq!(
        month_labels(date("2026-12-30"), date("2026-12-31")),
        [label(12, 0, 1)]
    );
    assert_eq!(
        (month_name(9), short_month_name(9), short_month_name(5)),
        ("September", "Sep", "May")
    );
}

#[test]
fn months_in_words_for_whoever_cant_see_the_calendar() {
    let diary = Diary::from_iter([
        cramp(at("2026-10-03", 3, 0)),
        cramp(at("2026-10-31", 23, 59)),
        cramp(at("2026-12-01", 0, 0)),
    ]);
    let months = by_month(&days(&diary, date("2026-12-31"), 90, &Berlin2026));
    assert_eq!(
        months,
        [
            MonthCount {
                month: 10,
                count: 2
            },
            MonthCount {
                month: 11,
                count: 0
            },
            MonthCount {
                month: 12,
                count: 1
            },
        ]
    );
    assert_eq!(
        months_in_words(&months),
        "2 in October, 0 in November and 1 in December"
    );
    assert_eq!(
        months_in_words(&months[1..]),
        "0 in November and 1 in December"
    );
    assert_eq!(months_in_words(&months[2..]), "1 in December");
    assert_eq!(months_in_words(&[]), "");
}

#[test]
fn counts_by_hour_muscle_and_side() {
    let diary = Diary::from_iter([
        cramp(at("2026-10-25", 2, 30)),
        cramp(at("2026-10-25", 2, 30) + HOUR),
        NewCramp {
            muscle: Muscle::Foot,
            side: None,
            ..cramp(at("2026-10-25", 3, 0))
        },
        NewCramp {
            muscle: Muscle::Foot,
            side: Some(Side::Right),
            ..cramp(at("2026-10-25", 23, 0))
        },
        NewCramp {
            muscle: Muscle::ThighBack,
            side: None,
            ..cramp(at("2026-03-29", 2, 30)) // no 02:30 that night: 03:30
        },
    ]);
    let hours = by_hour(diary.entries(), &Berlin2026);
    assert_eq!((hours[2], hours[3], hours[23]), (2, 2, 1));
    assert_eq!(hours.iter().sum::<u32>(), 5);
    assert_eq!(
        by_muscle(diary.entries()),
        [(Muscle::Calf, 2), (Muscle::Foot, 2), (Muscle::ThighBack, 1)]
    );
    assert_eq!(
        by_side(diary.entries()),
        [(Some(Side::Left), 2), (None, 2), (Some(Side::Right), 1)]
    );
    assert!(by_muscle([]).is_empty());
}

#[test]
fn nights_run_from_noon_to_noon() {
    let night = |day, hh, mm| night_of(at(day, hh, mm), &Berlin2026);
    assert_eq!(night("2026-11-05", 3, 0), date("2026-11-04"));
    assert_eq!(night("2026-11-05", 11, 59), date("2026-11-04"));
    assert_eq!(night("2026-11-05", 12, 0), date("2026-11-05"));
    assert_eq!(night("2026-11-05", 23, 59), date("2026-11-05"));
    assert_eq!(night("2026-11-06", 0, 0), date("2026-11-05"));
    assert_eq!(night("2026-01-01", 1, 0), date("2025-12-31"));
    // Both DST nights: local time decides, not UTC.
    assert_eq!(night("2026-03-29", 3, 30), date("2026-03-28"));
    assert_eq!(
        night_of(at("2026-10-25", 2, 30) + HOUR, &Berlin2026),
        date("2026-10-24")
    );
    assert_eq!(
        night_of(at("2026-10-25", 12, 0) - 1, &Berlin2026),
        date("2026-10-24")
    );
}

#[test]
fn patterns_say_what_the_figures_support() {
    // 12 cramps: 8 between 2 and 4 a.m., 8 in the left calf, 9 woke; stretching helped 10 of 12.
    let mut cramps = Vec::new();
    for day in 1..=11 {
        let start = if day <= 8 {
            at(&format!("2026-11-{day:02}"), 2 + (day as u16 % 2), 10)
        } else {
            at(&format!("2026-11-{day:02}"), 18, 0)
        };
        cramps.push(NewCramp {
            muscle: if day <= 7 { Muscle::Calf } else { Muscle::Foot },
            side: Some(if day <= 7 || day == 11 {
                Side::Left
            } else {
                Side::Right
            }),
            tried: vec![Relief::Stretch],
            helped: if day <= 9 {
                vec![Relief::Stretch]
            } else {
                vec![]
            },
            woke: Some(day <= 9),
            ..cramp(start)
        });
    }
    cramps.push(NewCramp {
        tried: vec![Relief::Stretch, Relief::Heat],
        helped: vec![Relief::Stretch],
        ..cramp(at("2026-11-12", 18, 0))
    });
    let diary = Diary::from_iter(cramps);
    assert_eq!(
        patterns(diary.entries(), &Berlin2026),
        [
            "Stretching was marked as helping 10 of the 12 times it was tried.",
            "9 of 12 woke you.",
            "8 of your 12 cramps began between 2 and 4 a.m.",
            "Most were in the left calf (8 of 12).",
        ]
    );
}

#[test]
fn a_window_may_wrap_midnight_and_cross_a_dst_night() {
    let late = Diary::from_iter([
        cramp(at("2026-11-01", 23, 10)),
        cramp(at("2026-11-02", 0, 50)),
        cramp(at("2026-11-03", 23, 59)),
        NewCramp {
            muscle: Muscle::Foot,
            side: Some(Side::Both),
            ..cramp(at("2026-11-04", 15, 0))
        },
    ]);
    assert_eq!(
        patterns(late.entries(), &Berlin2026),
        [
            "3 of your 4 cramps began between 11 p.m. and 1 a.m.",
            "Most were in the left calf (3 of 4).",
        ]
    );
    // Three cramps in the autumn night, two at 02:30 (the hour is lived twice), one at 03:15.
    let autumn = Diary::from_iter([
        cramp(at("2026-10-25", 2, 30)),
        cramp(at("2026-10-25", 2, 30) + HOUR),
        NewCramp {
            side: Some(Side::Right),
            woke: Some(true),
            ..cramp(at("2026-10-25", 3, 15))
        },
    ]);
    assert_eq!(
        patterns(autumn.entries(), &Berlin2026),
        [
            "All 3 of your cramps began between 2 and 4 a.m.",
            "Most were in the left calf (2 of 3).",
        ]
    );
    let morning = Diary::from_iter([
        cramp(at("2026-11-01", 10, 10)),
        cramp(at("2026-11-02", 11, 50)),
        cramp(at("2026-11-03", 10, 0)),
    ]);
    assert_eq!(
        patterns(morning.entries(), &Berlin2026)[0],
        "All 3 of your cramps began between 10 a.m. and noon."
    );
    // The spring night has no 02:00 hour: 02:30 is 03:30.
    let spring = Diary::from_iter([
        cramp(at("2026-03-29", 2, 30)),
        cramp(at("2026-03-29", 4, 10)),
        NewCramp {
            muscle: Muscle::ThighBack,
            side: Some(Side::Both),
            ..cramp(at("2026-03-29", 4, 50))
        },
    ]);
    assert_eq!(
        patterns(spring.entries(), &Berlin2026)[0],
        "All 3 of your cramps began between 3 and 5 a.m."
    );
}

#[test]
fn nothing_is_said_below_the_thresholds() {
    let two = Diary::from_iter([cramp(at("2026-11-01", 3, 0)), cramp(at("2026-11-02", 3, 0))]);
    assert!(
        patterns(two.entries(), &Berlin2026).is_empty(),
        "fewer than 3"
    );
    // 3 of 5 (60%) is said; 2 of 4 (50%) is not.
    assert!(is_clear_majority(3, 5) && !is_clear_majority(2, 4) && !is_clear_majority(2, 2));
    let spread = |hours: [u16; 5], sides: [Side; 5]| {
        Diary::from_iter((0..5).map(|i| NewCramp {
            side: Some(sides[i]),
            muscle: Muscle::ALL[i % 4],
            ..cramp(at("2026-11-10", hours[i], 0))
        }))
    };
    use Side::{Both, Left, Right};
    let three_of_five = spread([3, 4, 9, 14, 20], [Left, Left, Right, Both, Left]);
    assert_eq!(
        patterns(three_of_five.entries(), &Berlin2026),
        ["Most were in the left leg (3 of 5)."]
    );
    let none = spread([1, 5, 9, 14, 20], [Left, Left, Right, Both, Right]);
    assert!(patterns(none.entries(), &Berlin2026).is_empty());
}

#[test]
fn hours_and_places_in_words() {
    let words: Vec<String> = [0, 1, 10, 11, 12, 13, 21, 22, 23]
        .into_iter()
        .map(two_hours_in_words)
        .collect();
    assert_eq!(
        words,
        [
            "between midnight and 2 a.m.",
            "between 1 and 3 a.m.",
            "between 10 a.m. and noon",
            "between 11 a.m. and 1 p.m.",
            "between noon and 2 p.m.",
            "between 1 and 3 p.m.",
            "between 9 and 11 p.m.",
            "between 10 p.m. and midnight",
            "between 11 p.m. and 1 a.m.",
        ]
    );
    assert_eq!(
        place(Muscle::ThighBack, Some(Side::Right)),
        "the back of the right thigh"
    );
    assert_eq!(place(Muscle::Calf, Some(Side::Both)), "both calves");
    assert_eq!(place(Muscle::Foot, None), "the foot or toes");
}
