//! The cramp diary on the device: one JSON document in local storage ([`Key::Diary`]), and how
//! it is read back.
//!
//! Reading follows the water log's rules ([`crate::device::records`]): it never fails and never
//! throws data away. An entry that can't be used is set aside with a reason naming its place; a
//! document that can't be read at all, or comes from a newer version, is set aside whole and the
//! diary starts afresh.
//!
//! Versions: v1 is [`Stored`], the first. The diary is new, so there is no older diary to
//! migrate. [`load`] still reads by version, as the water log does, so that a v2 adds one arm
//! here (and a migration from v1) without touching the rest.
//!
//! [`Key::Diary`]: crate::device::Key::Diary

use super::model::{Cramp, Diary, Muscle, Relief, Side, MAX_SECONDS};
use crate::device::records::{
    self, consider, finish, keeping, plausible_time, raw_items, section, Candidates, Document,
    NotFields, RawFields, SetAside,
};
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

pub const VERSION: u32 = 1;

/// The longest medicines list kept in the document. The form stops typing here; anything longer
/// read back (a hand-edited file) keeps its first part and sets the rest aside.
pub const MAX_MEDICINES_CHARS: usize = 2000;

/// The diary's document. Written with serde; read back only through [`load`] and the imports,
/// which check everything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub version: u32,
    /// Saved as `entries`, with `next_id` beside it so that an id is never given twice.
    pub diary: Diary,
    /// What the person typed about their medicines, for the doctor's summary.
    pub medicines: String,
    /// Everything ever set aside, so saving the document never loses it.
    pub set_aside: Vec<SetAside>,
}

impl Default for Stored {
    fn default() -> Self {
        Self {
            version: VERSION,
            diary: Diary::default(),
            medicines: String::new(),
            set_aside: Vec::new(),
        }
    }
}

impl Document for Stored {
    const NAME: &'static str = "cramp diary";
    const STARTS_AFRESH: &'static str = "the diary";

    fn set_aside_mut(&mut self) -> &mut Vec<SetAside> {
        &mut self.set_aside
    }
}

/// The document as written: the diary's entries in start order, and the id it gives next.
#[derive(Serialize)]
struct Written<'a> {
    version: u32,
    entries: &'a [Cramp],
    next_id: u64,
    medicines: &'a str,
    #[serde(skip_serializing_if = "nothing_set_aside")]
    set_aside: &'a [SetAside],
}

fn nothing_set_aside(items: &&[SetAside]) -> bool {
    items.is_empty()
}

impl Serialize for Stored {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Written {
            version: self.version,
            entries: self.diary.entries(),
            next_id: self.diary.next_id(),
            medicines: &self.medicines,
            set_aside: &self.set_aside,
        }
        .serialize(serializer)
    }
}

pub type Loaded = records::Loaded<Stored>;

/// Why a whole document can't be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("The data is not valid JSON ({0}).")]
    NotJson(String),
    #[error("The data is not a Leg Relief cramp diary.")]
    NotOurs,
    #[error("The data was saved by a newer version of Leg Relief (format {0}). Update the app to read it.")]
    Newer(u64),
}

/// Reads local storage. Unreadable or newer data is kept aside whole and the diary starts afresh.
pub fn load(text: &str) -> Loaded {
    records::load_or_start_afresh(text, read_json)
}

/// The diary part of a combined backup, replacing everything but what `current` had set aside.
pub fn import_value(value: &RawValue, current: &Stored) -> Result<Loaded, ImportError> {
    Ok(keeping(read_json(value.get())?, &current.set_aside))
}

/// Pretty JSON, as in the backup file people may open and read.
pub fn to_json(stored: &Stored) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(stored)
}

/// Compact JSON, what the device keeps.
pub fn to_storage_text(stored: &Stored) -> Result<String, serde_json::Error> {
    serde_json::to_string(stored)
}

/// The document by its version; each version's reader knows its own shape.
fn read_json(text: &str) -> Result<Loaded, ImportError> {
    let mut doc = RawFields::parse(text).map_err(|err| match err {
        NotFields::NotJson(reason) => ImportError::NotJson(reason),
        NotFields::NotAnObject => ImportError::NotOurs,
    })?;
    let version = doc.read::<u64>("version").ok_or(ImportError::NotOurs)?;
    let mut aside = Vec::new();
    let data = match version {
        1 => from_v1(&mut doc, &mut aside),
        newer if newer > u64::from(VERSION) => return Err(ImportError::Newer(newer)),
        _ => return Err(ImportError::NotOurs),
    };
    Ok(finish(data, aside))
}

fn from_v1(doc: &mut RawFields, aside: &mut Vec<SetAside>) -> Stored {
    let mut diary = read_entries(doc, aside);
    diary.never_reuse_below(section(doc, "next_id", aside, |_| Ok(())));
    let medicines = within_limit(section(doc, "medicines", aside, |_| Ok(())), aside);
    Stored {
        version: VERSION,
        diary,
        medicines,
        set_aside: section(doc, "set_aside", aside, |_| Ok(())),
    }
}

/// The first [`MAX_MEDICINES_CHARS`] characters; the rest is set aside, not cut silently.
fn within_limit(mut medicines: String, aside: &mut Vec<SetAside>) -> String {
    if let Some((cut, _)) = medicines.char_indices().nth(MAX_MEDICINES_CHARS) {
        aside.push(SetAside {
            reason: format!(
                "medicines: longer than {MAX_MEDICINES_CHARS} characters, so the rest is kept here"
            ),
            raw: medicines.split_off(cut),
        });
    }
    medicines
}

fn read_entries(doc: &mut RawFields, aside: &mut Vec<SetAside>) -> Diary {
    let Some(list) = doc.remove("entries") else {
        return Diary::default();
    };
    let Some(items) = raw_items(list) else {
        aside.push(SetAside {
            reason: "entries: not a list of cramps".into(),
            raw: list.get().to_string(),
        });
        return Diary::default();
    };
    let mut candidates = Candidates::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        consider(
            from_json(item),
            item.get().to_string(),
            format!("entries[{index}]"),
            &mut candidates,
            aside,
        );
    }
    into_diary(candidates, aside)
}

/// One entry's fields from the document. A field that only says "not said" or "none" (`side`,
/// `woke`, `tried`, `helped`, `by_hand`) may be missing; the id, time, length and muscle may not.
fn from_json(item: &RawValue) -> Result<Cramp, String> {
    fn names(list: &Option<Vec<String>>) -> Vec<&str> {
        list.iter().flatten().map(String::as_str).collect()
    }
    let fields = RawFields::parse(item.get()).map_err(|_| "not a cramp record")?;
    // In the order the reasons are given: the first field that fails is named.
    let id = fields.needed("id", "`id` must be a whole number")?;
    let start_ms = fields.needed(
        "start_ms",
        "`start_ms` must be a whole number of milliseconds",
    )?;
    let seconds = fields.needed("seconds", "`seconds` must be a whole number")?;
    let muscle: String = fields.needed("muscle", "`muscle` must be a name such as “calf”")?;
    let side: Option<String> = fields.optional("side", "`side` must be left, right or both")?;
    let tried = fields.optional("tried", "`tried` must be a list of names")?;
    let helped = fields.optional("helped", "`helped` must be a list of names")?;
    Fields {
        id,
        start_ms,
        seconds,
        muscle: &muscle,
        side: side.as_deref(),
        tried: names(&tried),
        helped: names(&helped),
        woke: fields.optional("woke", "`woke` must be true or false")?,
        by_hand: fields
            .optional("by_hand", "`by_hand` must be true or false")?
            .unwrap_or(false),
    }
    .check()
}

/// An entry's fields as read from a document or a CSV line, before the checks they share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fields<'a> {
    pub id: u64,
    pub start_ms: i64,
    pub seconds: u64,
    pub muscle: &'a str,
    pub side: Option<&'a str>,
    pub tried: Vec<&'a str>,
    pub helped: Vec<&'a str>,
    pub woke: Option<bool>,
    pub by_hand: bool,
}

impl Fields<'_> {
    /// The rules every loaded or imported cramp must pass.
    pub(crate) fn check(self) -> Result<Cramp, String> {
        let start_ms = plausible_time(self.start_ms)?;
        let seconds = u32::try_from(self.seconds)
            .ok()
            .filter(|&seconds| seconds <= MAX_SECONDS)
            .ok_or_else(|| format!("{} seconds is longer than a day", self.seconds))?;
        let muscle = named(
            "muscle",
            self.muscle,
            Muscle::from_name,
            Muscle::ALL.map(Muscle::name),
        )?;
        let side = self
            .side
            .map(|side| named("side", side, Side::from_name, Side::ALL.map(Side::name)))
            .transpose()?;
        let reliefs = |field: &str, names: &[&str]| -> Result<Vec<Relief>, String> {
            names
                .iter()
                .map(|name| {
                    named(
                        field,
                        name,
                        Relief::from_name,
                        Relief::ALL.map(Relief::name),
                    )
                })
                .collect()
        };
        let mut cramp = Cramp {
            id: self.id,
            start_ms,
            seconds,
            muscle,
            side,
            tried: reliefs("tried", &self.tried)?,
            helped: reliefs("helped", &self.helped)?,
            woke: self.woke,
            by_hand: self.by_hand,
        };
        cramp.tidy();
        Ok(cramp)
    }
}

/// `name` as one of the names a field knows; the reason lists them.
fn named<T, const N: usize>(
    field: &str,
    name: &str,
    from_name: fn(&str) -> Option<T>,
    known: [&str; N],
) -> Result<T, String> {
    from_name(name).ok_or_else(|| {
        format!(
            "`{field}` “{name}” is not one the diary knows ({})",
            known.join(", ")
        )
    })
}

/// The diary of the candidates, in one sort; an entry with a repeated id is set aside.
pub(crate) fn into_diary(candidates: Candidates<Cramp>, aside: &mut Vec<SetAside>) -> Diary {
    let (diary, repeated) = Diary::from_tagged(candidates);
    aside.extend(repeated.into_iter().map(|(cramp, found)| {
        found.set_aside(format!(
            "Another cramp already has the number {}.",
            cramp.id
        ))
    }));
    diary
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::fake::at;
    use crate::diary::model::NewCramp;
    use serde_json::Value;

    fn sample() -> Stored {
        let mut diary = Diary::default();
        let base = NewCramp {
            start_ms: at("2026-11-24", 3, 10),
            seconds: 95,
            muscle: Muscle::Calf,
            side: Some(Side::Left),
            tried: vec![Relief::Stretch, Relief::Heat],
            helped: vec![Relief::Stretch],
            woke: Some(true),
            by_hand: false,
        };
        diary.add(base.clone());
        diary.add(NewCramp {
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
        let loaded =
            load(r#"{"version": 1, "entries": {"id": 1}, "medicines": 42, "next_id": "x"}"#);
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
}
