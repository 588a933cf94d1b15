use super::*;
use crate::clock::fake::{at, Berlin2026};
use crate::device::records::SetAside;
use crate::diary::model::{stretched_calf_cramp, Muscle, NewCramp, Side};
use crate::water::goal::GoalProfile;
use crate::water::log::Log;
use crate::water::storage::tests::sample as water_sample;
use serde_json::Value;

fn diary_sample() -> diary::Stored {
    let mut stored = diary::Stored {
        medicines: "Amlodipine 5 mg".into(),
        ..diary::Stored::default()
    };
    let base = stretched_calf_cramp(at("2026-11-24", 3, 10));
    stored.diary.add(base.clone());
    stored.diary.add(NewCramp {
        id: (),
        start_ms: at("2026-10-25", 2, 30),
        seconds: 14 * 60,
        muscle: Muscle::ThighFront,
        side: None,
        tried: vec![],
        helped: vec![],
        woke: None,
        by_hand: true,
    });
    stored.diary.add(NewCramp {
        start_ms: at("2026-11-25", 8, 5),
        woke: Some(false),
        side: Some(Side::Both),
        ..base
    });
    stored
}

fn none() -> (water::Stored, diary::Stored) {
    (water::Stored::default(), diary::Stored::default())
}

#[test]
fn the_json_backup_round_trips_both_stores_exactly() {
    let (water, mut diary) = (water_sample(), diary_sample());
    // An id given and taken back is still not given again after a restore.
    let removed = diary.diary.add(NewCramp {
        id: (),
        start_ms: at("2026-11-26", 1, 0),
        seconds: 5,
        muscle: Muscle::Foot,
        side: None,
        tried: vec![],
        helped: vec![],
        woke: None,
        by_hand: false,
    });
    diary.diary.remove(removed);
    let json = backup_json(&water, &diary).unwrap();
    assert!(json.starts_with("{\n  \"app\": \"leg-relief\",\n  \"backup\": 2,\n  \"water\": {"));
    let (w, d) = none();
    let restored = restore(&json, &w, &d).unwrap();
    assert_eq!(restored.water.data, water);
    assert_eq!(restored.diary.data, diary);
    assert!(!restored.diary_kept);
    assert_eq!(restored.notice, None);
    // The parts are the stores' own documents.
    let value: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        value["water"],
        serde_json::from_str::<Value>(&water::to_json(&water).unwrap()).unwrap()
    );
    assert_eq!(
        value["diary"],
        serde_json::from_str::<Value>(&diary::to_json(&diary).unwrap()).unwrap()
    );
}

#[test]
fn the_csv_backup_round_trips_both_logs_and_keeps_the_settings() {
    let (water, diary) = (water_sample(), diary_sample());
    let csv = backup_csv(&water, &diary, &Berlin2026);
    let lines: Vec<&str> = csv.split_terminator("\r\n").collect();
    assert_eq!(lines[0], CSV_HEADER);
    assert_eq!(lines.len(), 1 + 4 + 3);
    assert!(lines[1].starts_with("drink,3,"), "time order: {}", lines[1]);
    assert!(lines[1].ends_with(",2026-10-25,02:30,200,,,,,,,"));
    assert!(
        lines[2].starts_with("cramp,2,")
            && lines[2].ends_with(",2026-10-25,02:30,,thigh-front,,840,,,,yes")
    );
    assert!(
        lines[4].ends_with(",2026-11-24,03:10,,calf,left,95,stretch;heat,stretch,yes,no"),
        "{}",
        lines[4]
    );
    assert!(
        lines[6].starts_with("drink,") && lines[7].starts_with("cramp,3,"),
        "drink before cramp at one time"
    );
    for line in &lines {
        assert_eq!(line.split(',').count(), 13, "{line}");
    }
    let current_water = water::Stored {
        log: Log::default(),
        ..water.clone()
    };
    let current_diary = diary::Stored {
        diary: Default::default(),
        ..diary.clone()
    };
    let restored = restore(&csv, &current_water, &current_diary).unwrap();
    assert_eq!(restored.water.data, water);
    assert_eq!(restored.diary.data, diary);
    assert_eq!(restored.notice, None);
    // From a device with other settings, only the logs are replaced.
    let (w, d) = none();
    let restored = restore(&csv, &w, &d).unwrap();
    assert_eq!(restored.water.data.log, water.log);
    assert_eq!(restored.diary.data.diary, diary.diary);
    assert_eq!(
        (
            restored.water.data.goal,
            restored.diary.data.medicines.as_str()
        ),
        (GoalProfile::default(), "")
    );
}

#[test]
fn an_older_water_only_backup_restores_and_keeps_the_diary() {
    let (water, diary) = (water_sample(), diary_sample());
    let v0 = r#"{"glasses": [{"t": 1795594800000, "ml": 250}], "goal": 1800}"#;
    for (text, expected) in [
        (water::to_json(&water).unwrap(), water.log.clone()),
        (water::to_csv(&water, &Berlin2026), water.log.clone()),
        (v0.to_string(), water::load(v0).data.log),
    ] {
        let restored = restore(&text, &water::Stored::default(), &diary).unwrap();
        assert_eq!(restored.water.data.log, expected);
        assert_eq!(restored.diary.data, diary);
        assert!(restored.diary_kept);
        assert_eq!(
            restored.notice.as_deref(),
            Some("This backup is from before the cramp diary, so it holds only the water log. Your cramp diary on this device is unchanged.")
        );
    }
    let json = restore(
        &water::to_json(&water).unwrap(),
        &water::Stored::default(),
        &diary,
    )
    .unwrap();
    assert_eq!(json.water.data, water, "settings too");
}

#[test]
fn foreign_and_damaged_files_are_refused() {
    let (w, d) = none();
    let good = backup_json(&water_sample(), &diary_sample()).unwrap();
    for text in [
        "",
        "date,amount\n2026-01-01,250",
        "hello",
        "[1, 2]",
        "{}",
        r#"{"name": "my notes", "entries": []}"#,
        r#"{"version": 1, "entries": []}"#,
        r#"{"version": 3, "entries": [], "goal": {}}"#,
        r#"{"app": "other", "backup": 2}"#,
        r#"{"app": "leg-relief", "backup": 1}"#,
        r#"{"app": "leg-relief"}"#,
    ] {
        assert_eq!(restore(text, &w, &d), Err(BackupError::NotOurs), "{text}");
    }
    assert_eq!(
        restore(r#"{"app": "leg-relief", "backup": 3}"#, &w, &d),
        Err(BackupError::Newer(3))
    );
    assert!(matches!(
        restore(&good[..good.len() / 2], &w, &d),
        Err(BackupError::NotJson(_))
    ));
    assert_eq!(
        restore(
            r#"{"app": "leg-relief", "backup": 2, "water": {"version": 1}}"#,
            &w,
            &d
        ),
        Err(BackupError::Missing("cramp diary"))
    );
    let newer_water =
        r#"{"app": "leg-relief", "backup": 2, "water": {"version": 9}, "diary": {"version": 1}}"#;
    assert_eq!(
        restore(newer_water, &w, &d),
        Err(BackupError::Water(water::ImportError::Newer(9)))
    );
    let not_a_diary =
        r#"{"app": "leg-relief", "backup": 2, "water": {"version": 1}, "diary": [1]}"#;
    assert_eq!(
        restore(not_a_diary, &w, &d).map(|_| ()).unwrap_err().to_string(),
        "The cramp diary in this backup can't be read, so nothing was restored. The data is not a Leg Relief cramp diary."
    );
    assert_eq!(
        BackupError::NotOurs.to_string(),
        "This file is not a Leg Relief backup. Choose a JSON or CSV file that the app exported."
    );
}

#[test]
fn csv_bad_lines_are_set_aside_in_their_own_store() {
    let csv = format!(
        "{CSV_HEADER}\n\
         drink,1,1795594800000,,,250,,,,,,,\n\
         drink,2,1795594800000,,,9000,,,,,,,\n\
         cramp,1,1795594800000,,,,calf,left,60,stretch,stretch,yes,no\n\
         cramp,2,1795594800000,,,,calf,up,60,,,,\n\
         cramp,3,1795594800000,,,,calf,,60,,,maybe,\n\
         cramp,1,1795598400000,,,,foot,,60,,,,\n\
         \n\
         note,1,2,3\n"
    );
    let (w, d) = none();
    let restored = restore(&csv, &w, &d).unwrap();
    assert_eq!(restored.water.data.log.entries().len(), 1);
    assert_eq!(restored.diary.data.diary.entries().len(), 1);
    let reasons = |set_aside: &[SetAside]| -> Vec<String> {
        set_aside.iter().map(|s| s.reason.clone()).collect()
    };
    assert_eq!(
        reasons(&restored.water.set_aside),
        ["line 3: 9000 ml is not between 1 and 5000 ml"]
    );
    assert_eq!(
        reasons(&restored.diary.set_aside),
        [
            "line 5: `side` “up” is not one the diary knows (left, right, both)",
            "line 6: `woke` must be yes, no or empty, not “maybe”",
            "line 9: the first column must be drink or cramp, not “note”",
            "line 7: Another cramp already has the number 1.",
        ]
    );
    assert_eq!(
        restored.diary.set_aside[0].raw,
        "cramp,2,1795594800000,,,,calf,up,60,,,,"
    );
    assert_eq!(
        restored.notice.as_deref(),
        Some("5 saved items couldn't be read and were kept aside (1 in the water log, 4 in the cramp diary); everything else is here.")
    );
}

#[test]
fn set_aside_items_survive_a_restore_and_are_not_doubled_by_a_second() {
    let current_water = water::load("not json").data;
    let current_diary = diary::load("{\"version\": 7}").data;
    assert_eq!(
        (current_water.set_aside.len(), current_diary.set_aside.len()),
        (1, 1)
    );
    // A backup whose diary holds a bad entry of its own.
    let mut file: Value =
        serde_json::from_str(&backup_json(&water_sample(), &diary_sample()).unwrap()).unwrap();
    file["diary"]["entries"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"id": 99}));
    let file = file.to_string();
    for text in [
        file.clone(),
        backup_csv(&water_sample(), &diary_sample(), &Berlin2026) + "cramp,99\r\n",
    ] {
        let once = restore(&text, &current_water, &current_diary).unwrap();
        assert_eq!(once.water.data.set_aside, current_water.set_aside);
        assert_eq!(once.diary.data.set_aside.len(), 2);
        assert_eq!(once.diary.data.set_aside[0], current_diary.set_aside[0]);
        let twice = restore(&text, &once.water.data, &once.diary.data).unwrap();
        assert_eq!(twice.water.data, once.water.data);
        assert_eq!(twice.diary.data, once.diary.data);
        // And a restore of what the device now holds changes nothing.
        let backup = backup_json(&twice.water.data, &twice.diary.data).unwrap();
        let again = restore(&backup, &twice.water.data, &twice.diary.data).unwrap();
        assert_eq!(
            (again.water.data, again.diary.data),
            (twice.water.data, twice.diary.data)
        );
    }
}

#[test]
fn never_panics_on_truncated_or_mangled_files() {
    let (w, d) = none();
    let json = backup_json(&water_sample(), &diary_sample()).unwrap();
    let csv = backup_csv(&water_sample(), &diary_sample(), &Berlin2026);
    for text in [&json, &csv] {
        for end in 0..text.len() {
            let _ = restore(&text[..end], &w, &d);
            let _ = restore(
                &text.replacen(|c: char| c.is_ascii_digit(), "-", end % 7 + 1),
                &w,
                &d,
            );
            let _ = restore(&text.replacen([',', ';'], "", end % 5 + 1), &w, &d);
        }
    }
}
