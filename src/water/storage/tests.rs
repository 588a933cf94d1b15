use super::super::goal::SexOrStage;
use super::*;
use crate::clock::fake::{at, Berlin2026};

/// A log with drinks across days and a DST change, and every setting changed (the backup's
/// tests use it too).
pub(crate) fn sample() -> Stored {
    let mut log = Log::default();
    for (day, hh, mm, ml) in [
        ("2026-11-25", 8, 5, 250),
        ("2026-11-24", 23, 59, 330),
        ("2026-10-25", 2, 30, 200),
    ] {
        log.add(at(day, hh, mm), ml).unwrap();
    }
    // The second 02:30 of the autumn night.
    log.add(at("2026-10-25", 2, 30) + 3_600_000, 150).unwrap();
    Stored {
        log,
        goal: GoalProfile {
            sex_or_stage: SexOrStage::Pregnant,
            hot_day: true,
            custom_ml: Some(1900),
            ..GoalProfile::default()
        },
        unit: Unit::UsFlOz,
        reminders: ReminderSettings {
            enabled: true,
            every_minutes: 60,
            ..ReminderSettings::default()
        },
        last_reminded_at: Some(at("2026-11-25", 8, 0)),
        last_checked_at: Some(at("2026-11-25", 8, 1)),
        ..Stored::default()
    }
}

#[test]
fn empty_storage_is_a_fresh_start_without_notice() {
    let loaded = load("  ");
    assert_eq!(loaded.data, Stored::default());
    assert_eq!(loaded.notice, None);
}

#[test]
fn json_round_trips_exactly() {
    let stored = sample();
    let json = to_json(&stored).unwrap();
    assert!(json.contains("\n  \"version\": 1"), "pretty");
    assert_eq!(
        load(&json),
        Loaded {
            data: stored.clone(),
            set_aside: vec![],
            notice: None
        }
    );
    assert_eq!(
        import_json(&json, &Stored::default()).map(|l| l.data),
        Ok(stored)
    );
}

#[test]
fn csv_round_trips_exactly_with_local_columns() {
    let stored = sample();
    let csv = to_csv(&stored, &Berlin2026);
    let lines: Vec<&str> = csv.split_terminator("\r\n").collect();
    assert_eq!(lines[0], CSV_HEADER);
    assert!(lines[1].ends_with(",200,2026-10-25,02:30"));
    assert!(lines[2].ends_with(",150,2026-10-25,02:30"));
    assert!(lines[4].ends_with(",250,2026-11-25,08:05"));
    let imported = import_csv(&csv, &Stored::default()).unwrap();
    assert_eq!(imported.data.log, stored.log);
    assert_eq!(imported.notice, None);
    // Only the log is replaced; the rest of `current` stays.
    let into_sample = import_csv(&format!("\u{feff}{CSV_HEADER}\n"), &stored).unwrap();
    assert_eq!(
        into_sample.data,
        Stored {
            log: Log::default(),
            ..stored
        }
    );
}

#[test]
fn csv_bad_lines_are_set_aside_and_foreign_files_refused() {
    let csv = format!("{CSV_HEADER}\n1,1795594800000,250,x,y\n2,soon,250\n3,1795594800000,9000\n1,1795594800000,100\n");
    let loaded = import_csv(&csv, &Stored::default()).unwrap();
    assert_eq!(loaded.data.log.entries().len(), 1);
    let reasons: Vec<&str> = loaded.set_aside.iter().map(|s| s.reason.as_str()).collect();
    assert_eq!(
        reasons,
        [
            "line 3: `at_ms` must be a whole number, not “soon”",
            "line 4: 9000 ml is not between 1 and 5000 ml",
            "line 5: Another drink already has the number 1.",
        ]
    );
    assert_eq!(loaded.set_aside[0].raw, "2,soon,250");
    assert_eq!(
        loaded.notice.as_deref(),
        Some("3 saved items couldn't be read and were kept aside; everything else is here.")
    );
    assert_eq!(
        import_csv("date,amount\n", &Stored::default()),
        Err(ImportError::NotOurCsv)
    );
    assert_eq!(
        import_csv("", &Stored::default()),
        Err(ImportError::NotOurCsv)
    );
}

#[test]
fn corrupt_storage_is_kept_aside_whole() {
    for text in [
        "{\"version\":1,\"entries\":[",
        "[1,2,3]",
        "\"hello\"",
        "{\"version\":\"one\"}",
    ] {
        let loaded = load(text);
        assert_eq!(loaded.set_aside.len(), 1, "{text}");
        assert_eq!(loaded.set_aside[0].raw, text);
        assert_eq!(loaded.data.set_aside, loaded.set_aside);
        assert_eq!(loaded.data.log, Log::default());
        assert!(loaded
            .notice
            .as_deref()
            .is_some_and(|n| n.contains("kept aside unchanged")));
        // Saved and read again, the set-aside text survives and nothing new is reported.
        let again = load(&to_json(&loaded.data).unwrap());
        assert_eq!(again.data.set_aside, loaded.set_aside);
        assert_eq!(again.notice, None);
    }
    assert_eq!(
        import_json("nope", &Stored::default()).map(|_| ()),
        Err(ImportError::NotJson(
            "expected ident at line 1 column 2".into()
        ))
    );
}

#[test]
fn bad_entries_are_set_aside_and_good_ones_kept() {
    let json = r#"{"version": 1, "entries": [
        {"id": 1, "at_ms": 1795594800000, "ml": 250},
        {"id": 2, "at_ms": 1795594800000, "ml": "250"},
        {"id": 3, "at_ms": 1795594800000, "ml": -5},
        {"id": 4, "at_ms": 1795594800000, "ml": 6000},
        {"id": 5, "ml": 250},
        {"id": 1, "at_ms": 1795598400000, "ml": 100},
        {"id": 7, "at_ms": 0, "ml": 100},
        42,
        {"id": 9, "at_ms": 1795598400000, "ml": 330, "note": "from a newer minor release"}
    ]}"#;
    let loaded = load(json);
    let ids: Vec<u64> = loaded.data.log.entries().iter().map(|e| e.id).collect();
    assert_eq!(ids, [1, 9]);
    assert_eq!(loaded.set_aside.len(), 7);
    assert_eq!(
        loaded.set_aside[0].raw,
        // As written in the document.
        r#"{"id": 2, "at_ms": 1795594800000, "ml": "250"}"#
    );
    assert_eq!(
        loaded.set_aside[2].reason,
        "entries[3]: 6000 ml is not between 1 and 5000 ml"
    );
    assert_eq!(loaded.set_aside[3].reason, "entries[4]: `at_ms` is missing");
    assert_eq!(
        loaded.notice.as_deref(),
        Some("7 saved items couldn't be read and were kept aside; everything else is here.")
    );
    assert_eq!(loaded.data.set_aside, loaded.set_aside);
}

#[test]
fn missing_settings_get_defaults_and_bad_ones_are_set_aside() {
    let loaded = load(
        r#"{"version": 1, "reminders": {"enabled": true, "wake": 420}, "goal": {"fluid_limit": true}}"#,
    );
    assert_eq!(
        loaded.data.reminders,
        ReminderSettings {
            enabled: true,
            wake: 420,
            ..ReminderSettings::default()
        }
    );
    assert_eq!(
        loaded.data.goal,
        GoalProfile {
            fluid_limit: true,
            ..GoalProfile::default()
        }
    );
    assert_eq!(loaded.data.unit, Unit::Ml);
    assert_eq!(loaded.notice, None);

    let bad = load(
        r#"{"version": 1, "unit": "litres", "reminders": {"every_minutes": 0}, "goal": {"custom_ml": 99999}}"#,
    );
    assert_eq!(
        (bad.data.unit, bad.data.reminders, bad.data.goal),
        (
            Unit::Ml,
            ReminderSettings::default(),
            GoalProfile::default()
        )
    );
    let reasons: Vec<&str> = bad.set_aside.iter().map(|s| s.reason.as_str()).collect();
    assert_eq!(
        reasons,
        [
            "goal: the goal must be between 500 and 4000 ml",
            "unit: unknown variant `litres`, expected `ml` or `us_fl_oz`",
            "reminders: Choose a reminder every 30 to 360 minutes.",
        ]
    );
    assert_eq!(bad.set_aside[2].raw, r#"{"every_minutes": 0}"#);
}

#[test]
fn v0_prototype_data_is_migrated() {
    let v0 = r#"{"glasses": [{"t": 1795594800000, "ml": 250}, {"t": "noon", "ml": 200}, {"t": 1795598400000, "ml": 330}], "goal": 1800}"#;
    let loaded = load(v0);
    assert_eq!(loaded.data.version, VERSION);
    assert_eq!(
        loaded.data.log.entries(),
        [
            Entry {
                id: 1,
                at_ms: 1_795_594_800_000,
                ml: 250
            },
            Entry {
                id: 3,
                at_ms: 1_795_598_400_000,
                ml: 330
            },
        ]
    );
    assert_eq!(
        loaded.data.goal,
        GoalProfile {
            custom_ml: Some(1800),
            ..GoalProfile::default()
        }
    );
    assert_eq!(
        loaded.set_aside,
        [SetAside {
            reason: "glasses[1]: `t` must be a whole number of milliseconds".into(),
            raw: r#"{"t": "noon", "ml": 200}"#.into(),
        }]
    );
    assert_eq!(
        load(r#"{"glasses": [], "goal": 10}"#).data.goal,
        GoalProfile::default()
    );
    assert_eq!(load("{}").data, Stored::default());
}

#[test]
fn newer_versions_are_kept_aside_not_overwritten() {
    let future = r#"{"version": 2, "drinks": {"1": {"ml": 250}}}"#;
    let loaded = load(future);
    assert_eq!(loaded.data.log, Log::default());
    assert_eq!(loaded.data.set_aside[0].raw, future);
    assert!(loaded
        .notice
        .as_deref()
        .is_some_and(|n| n.contains("newer version of Leg Relief (format 2)")));
    assert_eq!(
        import_json(future, &Stored::default()),
        Err(ImportError::Newer(2))
    );
}

#[test]
fn import_json_keeps_what_current_had_set_aside() {
    let current = load("garbage").data;
    let restored = import_json(&to_json(&sample()).unwrap(), &current).unwrap();
    assert_eq!(restored.data.log, sample().log);
    assert_eq!(restored.data.set_aside, current.set_aside);
}

#[test]
fn never_panics_on_truncated_or_mangled_text() {
    let json = to_json(&sample()).unwrap();
    for end in 0..json.len() {
        let _ = load(&json[..end]);
        let _ = load(&json.replacen(|c: char| c.is_ascii_digit(), "-", end % 7 + 1));
    }
}
