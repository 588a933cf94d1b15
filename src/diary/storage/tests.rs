use super::*;
use crate::clock::fake::at;
use crate::diary::model::{stretched_calf_cramp, NewCramp};
use serde_json::Value;

fn sample() -> Stored {
    let mut diary = Diary::default();
    let base = stretched_calf_cramp(at("2026-11-24", 3, 10));
    diary.add(base.clone());
    diary.add(NewCramp {
        id: (),
        start_ms: at("2026-10-25", 2, 30) + 3_600_000,
        seconds: 14 * 60 + 20,
        muscle: Muscle::ThighBack,
        side: None,
        tried: vec![],
        helped: vec![],
        woke: None,
        by_hand: true,
    });
    diary.add(NewCramp {
        start_ms: at("2026-10-25", 2, 30),
        muscle: Muscle::Foot,
        side: Some(Side::Both),
        woke: Some(false),
        ..base.clone()
    });
    let removed = diary.add(NewCramp {
        start_ms: at("2026-11-25", 1, 0),
        ..base
    });
    diary.remove(removed);
    Stored {
        diary,
        medicines: "Amlodipine 5 mg, mornings.\nSalbutamol inhaler, “when needed”.".into(),
        ..Stored::default()
    }
}

#[test]
fn empty_storage_is_a_fresh_start_without_notice() {
    let loaded = load(" \n");
    assert_eq!(loaded.data, Stored::default());
    assert_eq!((loaded.set_aside.len(), loaded.notice), (0, None));
    assert_eq!(
        load(&to_storage_text(&Stored::default()).unwrap()).data,
        Stored::default()
    );
}

#[test]
fn the_document_round_trips_exactly() {
    let stored = sample();
    for text in [to_json(&stored).unwrap(), to_storage_text(&stored).unwrap()] {
        assert_eq!(
            load(&text),
            Loaded {
                data: stored.clone(),
                set_aside: vec![],
                notice: None
            }
        );
    }
    let compact = to_storage_text(&stored).unwrap();
    assert!(compact.starts_with(r#"{"version":1,"entries":[{"id":3,"start_ms":"#));
    assert!(compact.contains(
        r#""seconds":95,"muscle":"foot","side":"both","tried":["stretch","heat"],"helped":["stretch"],"woke":false,"by_hand":false}"#
    ));
    assert!(compact.contains(
        r#""muscle":"thigh-back","side":null,"tried":[],"helped":[],"woke":null,"by_hand":true"#
    ));
    assert!(compact.contains(r#""next_id":5,"medicines":"Amlodipine"#));
    assert!(!compact.contains("set_aside"), "left out when empty");
    assert!(
        to_json(&stored).unwrap().contains("\n  \"version\": 1"),
        "pretty"
    );
    // The removed newest entry's id is not given again after reading back.
    let mut diary = load(&compact).data.diary;
    assert_eq!(
        diary.add(NewCramp {
            start_ms: at("2026-11-26", 4, 0),
            ..sample_new()
        }),
        5
    );
}

/// Cramp now (the guide client) writes the stored document itself, with
/// `guide_core::diary::change`: what it writes reads back here as the diary's own add, edit
/// and remove would leave it, and nothing else in the document changes.
#[test]
fn what_cramp_now_writes_reads_back_as_the_diarys_own_changes() {
    use guide_core::diary::{change, Change};
    let stored = sample();
    let text = to_storage_text(&stored).unwrap();
    let mut expected = stored.clone();

    let timed = NewCramp {
        tried: vec![Relief::Stretch],
        seconds: 65,
        ..sample_new()
    };
    let (text, id) = change(
        &text,
        Change::Put {
            saved: None,
            cramp: timed.clone(),
        },
    )
    .expect("writes");
    assert_eq!(id, Some(expected.diary.add(timed.clone())));
    assert_eq!(load(&text).data, expected);

    let told_more = NewCramp {
        side: Some(Side::Right),
        helped: vec![Relief::Massage],
        woke: Some(true),
        ..timed
    };
    let (text, again) = change(
        &text,
        Change::Put {
            saved: id,
            cramp: told_more,
        },
    )
    .expect("writes");
    assert_eq!(again, id);
    let id = id.expect("an id");
    expected.diary.edit(id, |cramp| {
        cramp.side = Some(Side::Right);
        cramp.helped = vec![Relief::Massage];
        cramp.woke = Some(true);
    });
    let loaded = load(&text);
    assert_eq!((loaded.data, loaded.notice), (expected.clone(), None));

    let (text, _) = change(&text, Change::Remove(id)).expect("writes");
    expected.diary.remove(id);
    assert_eq!(load(&text).data, expected);
    assert_eq!(load(&text).data.medicines, stored.medicines);
}

fn sample_new() -> NewCramp {
    NewCramp {
        id: (),
        start_ms: at("2026-11-26", 4, 0),
        seconds: 30,
        muscle: Muscle::Calf,
        side: None,
        tried: vec![],
        helped: vec![],
        woke: None,
        by_hand: false,
    }
}

#[test]
fn bad_entries_are_set_aside_with_reasons_and_good_ones_kept() {
    let json = r#"{"version": 1, "entries": [
        {"id": 1, "start_ms": 1795594800000, "seconds": 60, "muscle": "calf", "side": "left", "tried": ["stretch"], "helped": ["stretch"], "woke": true, "by_hand": false},
        {"id": 2, "start_ms": 1795594800000, "seconds": 60, "muscle": "shin"},
        {"id": 3, "start_ms": 0, "seconds": 60, "muscle": "calf"},
        {"id": 4, "start_ms": 1795594800000, "seconds": 86401, "muscle": "calf"},
        {"id": 5, "start_ms": 1795594800000, "muscle": "calf"},
        {"id": "6", "start_ms": 1795594800000, "seconds": 60, "muscle": "calf"},
        {"id": 7, "start_ms": 1795594800000, "seconds": 60, "muscle": "calf", "side": "middle"},
        {"id": 8, "start_ms": 1795594800000, "seconds": 60, "muscle": "calf", "tried": ["yoga"]},
        {"id": 9, "start_ms": 1795594800000, "seconds": 60, "muscle": "calf", "woke": "yes"},
        {"id": 1, "start_ms": 1795598400000, "seconds": 30, "muscle": "foot"},
        "cramp",
        {"id": 12, "start_ms": 1795598400000, "seconds": 0, "muscle": "thigh-front", "mood": "tired", "helped": ["heat"]},
        {"id": 13, "start_ms": 1795598400000, "seconds": -4, "muscle": "foot"}
    ], "medicines": "none", "colour": "blue"}"#;
    let loaded = load(json);
    let ids: Vec<u64> = loaded.data.diary.entries().iter().map(|c| c.id).collect();
    assert_eq!(ids, [1, 12]);
    let extra = loaded.data.diary.get(12).unwrap();
    assert_eq!(
        (
            extra.side,
            &extra.tried,
            &extra.helped,
            extra.woke,
            extra.by_hand
        ),
        (None, &vec![Relief::Heat], &vec![Relief::Heat], None, false),
        "not said when missing; what helped was tried"
    );
    let reasons: Vec<&str> = loaded.set_aside.iter().map(|s| s.reason.as_str()).collect();
    assert_eq!(
        reasons,
        [
            "entries[1]: `muscle` “shin” is not one the diary knows (calf, thigh-front, thigh-back, foot)",
            "entries[2]: the time 0 is not between the years 2000 and 2100",
            "entries[3]: 86401 seconds is longer than a day",
            "entries[4]: `seconds` is missing",
            "entries[5]: `id` must be a whole number",
            "entries[6]: `side` “middle” is not one the diary knows (left, right, both)",
            "entries[7]: `tried` “yoga” is not one the diary knows (stretch, massage, walking, heat)",
            "entries[8]: `woke` must be true or false",
            "entries[10]: not a cramp record",
            "entries[12]: `seconds` must be a whole number",
            "entries[9]: Another cramp already has the number 1.",
        ]
    );
    assert_eq!(
        loaded.set_aside[0].raw,
        // As written in the document.
        r#"{"id": 2, "start_ms": 1795594800000, "seconds": 60, "muscle": "shin"}"#
    );
    assert_eq!(loaded.data.set_aside, loaded.set_aside);
    assert_eq!(loaded.data.medicines, "none");
    assert_eq!(
        loaded.notice.as_deref(),
        Some("11 saved items couldn't be read and were kept aside; everything else is here.")
    );
    // Saved and read again: nothing new is set aside, nothing is lost.
    let again = load(&to_storage_text(&loaded.data).unwrap());
    assert_eq!(again.data, loaded.data);
    assert_eq!(again.notice, None);
}

#[test]
fn bad_sections_are_set_aside_and_get_defaults() {
    let loaded = load(r#"{"version": 1, "entries": {"id": 1}, "medicines": 42, "next_id": "x"}"#);
    assert_eq!(loaded.data.diary, Diary::default());
    assert_eq!(loaded.data.medicines, "");
    let reasons: Vec<&str> = loaded.set_aside.iter().map(|s| s.reason.as_str()).collect();
    assert_eq!(
        reasons,
        [
            "entries: not a list of cramps",
            "next_id: invalid type: string \"x\", expected u64",
            "medicines: invalid type: integer `42`, expected a string",
        ]
    );
    assert_eq!(loaded.set_aside[0].raw, r#"{"id": 1}"#);
    assert_eq!(load(r#"{"version": 1}"#).data, Stored::default());
}

#[test]
fn a_long_medicines_list_keeps_its_start_and_sets_the_rest_aside() {
    let long = "é".repeat(MAX_MEDICINES_CHARS) + " and the rest";
    let text = to_storage_text(&Stored {
        medicines: long,
        ..Stored::default()
    })
    .unwrap();
    let loaded = load(&text);
    assert_eq!(loaded.data.medicines, "é".repeat(MAX_MEDICINES_CHARS));
    assert_eq!(
        loaded.set_aside,
        [SetAside {
            reason: "medicines: longer than 2000 characters, so the rest is kept here".into(),
            raw: " and the rest".into(),
        }]
    );
}

#[test]
fn unreadable_or_newer_documents_are_set_aside_whole() {
    for text in [
        r#"{"version":1,"entries":["#,
        "[1,2,3]",
        "\"diary\"",
        "{}",
        r#"{"version":"1"}"#,
        r#"{"version":0,"entries":[]}"#,
        r#"{"version":2,"cramps":{"1":{"muscle":"calf"}}}"#,
    ] {
        let loaded = load(text);
        assert_eq!(loaded.set_aside.len(), 1, "{text}");
        assert_eq!(loaded.set_aside[0].raw, text);
        assert_eq!(loaded.data.set_aside, loaded.set_aside);
        assert_eq!(loaded.data.diary, Diary::default());
        let notice = loaded.notice.clone().unwrap_or_default();
        assert!(
            notice.starts_with("Your saved cramp diary couldn't be read, so the diary has started afresh. The old data is kept aside unchanged."),
            "{notice}"
        );
        let again = load(&to_json(&loaded.data).unwrap());
        assert_eq!(again.data.set_aside, loaded.set_aside);
        assert_eq!(again.notice, None);
    }
    assert!(load(r#"{"version":2}"#).notice.is_some_and(|n| n.ends_with(
        "saved by a newer version of Leg Relief (format 2). Update the app to read it."
    )));
    assert!(load("[]")
        .notice
        .is_some_and(|n| n.ends_with("The data is not a Leg Relief cramp diary.")));
}

#[test]
fn import_keeps_what_the_device_had_set_aside_once() {
    let current = load("garbage").data;
    let value = RawValue::from_string(to_json(&sample()).unwrap()).unwrap();
    let once = import_value(&value, &current).unwrap();
    assert_eq!(once.data.diary, sample().diary);
    assert_eq!(once.data.set_aside, current.set_aside);
    let twice = import_value(&value, &once.data).unwrap();
    assert_eq!(twice.data, once.data);
}

#[test]
fn never_panics_on_truncated_or_mangled_text_and_keeps_it() {
    let mut stored = sample();
    stored.set_aside.push(SetAside {
        reason: "earlier".into(),
        raw: "{\"x\":1}".into(),
    });
    let json = to_json(&stored).unwrap();
    let cuts = json.char_indices().map(|(at, _)| at);
    for end in cuts {
        for text in [
            json[..end].to_string(),
            json.replacen(|c: char| c.is_ascii_digit(), "-", end % 7 + 1),
            json.replacen('"', "", end % 5 + 1),
        ] {
            let loaded = load(&text);
            if serde_json::from_str::<Value>(&text).is_err() && !text.trim().is_empty() {
                assert_eq!(loaded.set_aside.len(), 1);
                assert_eq!(loaded.set_aside[0].raw, text);
            }
            // Whatever was read, saving it and reading it back loses nothing more.
            let again = load(&to_storage_text(&loaded.data).unwrap());
            assert_eq!(again.data, loaded.data);
        }
    }
}
