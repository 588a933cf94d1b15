//! The cramp diary as it is stored, for the server and the guide client alike: the muscles,
//! sides and reliefs by their stored names, one entry's fields, how a duration reads, and the one
//! change Cramp now makes to the stored document ([`change`]).

use crate::order::sort_by_rank;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The local storage key of the diary. Never rename it: people would lose their diary.
pub const DIARY_KEY: &str = "leg-relief.diary.v1";

/// The diary document's format; the diary page reads every version up to this one.
pub const VERSION: u32 = 1;

/// The muscles a cramp comes in: Cramp now has a hold for each, and the diary records them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Muscle {
    Calf,
    ThighFront,
    ThighBack,
    Foot,
}

impl Muscle {
    pub const ALL: [Muscle; 4] = [
        Muscle::Calf,
        Muscle::ThighFront,
        Muscle::ThighBack,
        Muscle::Foot,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Muscle::Calf => "Calf",
            Muscle::ThighFront => "Front of thigh",
            Muscle::ThighBack => "Back of thigh",
            Muscle::Foot => "Foot or toes",
        }
    }

    /// In a sentence: "in the left calf", "in the foot or toes".
    pub fn in_words(self) -> &'static str {
        match self {
            Muscle::Calf => "calf",
            Muscle::ThighFront => "front of the thigh",
            Muscle::ThighBack => "back of the thigh",
            Muscle::Foot => "foot or toes",
        }
    }

    /// The name in addresses and files.
    pub fn name(self) -> &'static str {
        match self {
            Muscle::Calf => "calf",
            Muscle::ThighFront => "thigh-front",
            Muscle::ThighBack => "thigh-back",
            Muscle::Foot => "foot",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.name() == name)
    }
}

/// Which leg.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    Left,
    Right,
    Both,
}

impl Side {
    pub const ALL: [Side; 3] = [Side::Left, Side::Right, Side::Both];

    pub fn label(self) -> &'static str {
        match self {
            Side::Left => "Left",
            Side::Right => "Right",
            Side::Both => "Both",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
            Side::Both => "both",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// What a person may try for a cramp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relief {
    Stretch,
    Massage,
    Walking,
    Heat,
}

impl Relief {
    pub const ALL: [Relief; 4] = [
        Relief::Stretch,
        Relief::Massage,
        Relief::Walking,
        Relief::Heat,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Relief::Stretch => "Stretching",
            Relief::Massage => "Massage",
            Relief::Walking => "Walking",
            Relief::Heat => "Heat",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Relief::Stretch => "stretch",
            Relief::Massage => "massage",
            Relief::Walking => "walking",
            Relief::Heat => "heat",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.name() == name)
    }
}

/// The longest a cramp can be recorded as: a whole day. Longer is a mistake, not a cramp.
pub const MAX_SECONDS: u32 = 24 * 60 * 60;

/// One cramp: as the diary keeps it, or before it has an id ([`NewCramp`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cramp<Id = u64> {
    /// Unique on this device; never reused. `()` until the diary gives it one.
    pub id: Id,
    /// When it began, Unix milliseconds.
    pub start_ms: i64,
    /// How long it lasted: measured by Cramp now, or as the person remembers it.
    pub seconds: u32,
    pub muscle: Muscle,
    /// None when not said.
    pub side: Option<Side>,
    /// What was tried, sorted; `helped` is always among it.
    pub tried: Vec<Relief>,
    pub helped: Vec<Relief>,
    /// Whether it woke the person; None when not said.
    pub woke: Option<bool>,
    /// Added afterwards by hand rather than timed by Cramp now.
    pub by_hand: bool,
}

/// A cramp before it has an id: what Cramp now or the form records.
pub type NewCramp = Cramp<()>;

impl NewCramp {
    /// The cramp with its id, tidied as the diary keeps it.
    pub fn with_id(self, id: u64) -> Cramp {
        let mut cramp = Cramp {
            id,
            start_ms: self.start_ms,
            seconds: self.seconds.min(MAX_SECONDS),
            muscle: self.muscle,
            side: self.side,
            tried: self.tried,
            helped: self.helped,
            woke: self.woke,
            by_hand: self.by_hand,
        };
        cramp.tidy();
        cramp
    }
}

impl<Id> Cramp<Id> {
    /// Keeps the lists sorted and unique, and whatever helped among what was tried.
    pub fn tidy(&mut self) {
        self.tried.extend(self.helped.iter().copied());
        sort_by_rank(&mut self.tried, |r| *r as i128);
        self.tried.dedup();
        sort_by_rank(&mut self.helped, |r| *r as i128);
        self.helped.dedup();
        self.seconds = self.seconds.min(MAX_SECONDS);
    }

    pub fn end_ms(&self) -> i64 {
        self.start_ms + i64::from(self.seconds) * 1000
    }
}

/// "45 s", "1 min 5 s", "12 min", "1 h 5 min" (hours drop the seconds).
pub fn format_duration(seconds: u32) -> String {
    let (hours, minutes, seconds) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    match (hours, minutes, seconds) {
        (0, 0, seconds) => format!("{seconds} s"),
        (0, minutes, 0) => format!("{minutes} min"),
        (0, minutes, seconds) => format!("{minutes} min {seconds} s"),
        (hours, 0, _) => format!("{hours} h"),
        (hours, minutes, _) => format!("{hours} h {minutes} min"),
    }
}

/// What Cramp now does to the diary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Adds the cramp, or, when `saved` names an entry still there, updates what Cramp now lets
    /// the person say about it (its length, side, what helped, whether it woke them).
    Put { saved: Option<u64>, cramp: NewCramp },
    /// "Undo: not a cramp".
    Remove(u64),
}

/// Why Cramp now could not write to the stored diary; the diary page reads (and keeps aside)
/// what this refuses to touch.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DiaryError {
    #[error("Not saved: your diary could not be read here. Open your diary to see why; nothing in it has been changed.")]
    Unreadable,
    #[error("Not saved: your diary was saved by a newer version of Leg Relief. Reload the app to update it.")]
    Newer,
}

/// Applies `change` to the stored diary document `stored` (empty when there is none yet): the
/// new document and the entry's id. Works on the document itself, so that whatever Cramp now
/// does not know (the medicines, what was set aside, another entry it cannot read) is written
/// back exactly as it was read.
pub fn change(stored: &str, change: Change) -> Result<(String, Option<u64>), DiaryError> {
    let mut doc = if stored.trim().is_empty() {
        Map::from_iter([
            ("version".to_string(), Value::from(VERSION)),
            ("entries".to_string(), Value::Array(Vec::new())),
            ("next_id".to_string(), Value::from(1)),
            ("medicines".to_string(), Value::from("")),
        ])
    } else {
        match serde_json::from_str::<Value>(stored) {
            Ok(Value::Object(doc)) => doc,
            _ => return Err(DiaryError::Unreadable),
        }
    };
    match doc.get("version").and_then(Value::as_u64) {
        Some(version) if version == u64::from(VERSION) => {}
        Some(version) if version > u64::from(VERSION) => return Err(DiaryError::Newer),
        _ => return Err(DiaryError::Unreadable),
    }
    let ids_from = doc.get("next_id").and_then(Value::as_u64).unwrap_or(1);
    let Some(Value::Array(entries)) = doc.get_mut("entries") else {
        return Err(DiaryError::Unreadable);
    };
    let id_of = |entry: &Value| entry.get("id").and_then(Value::as_u64);
    let next_id = entries
        .iter()
        .filter_map(id_of)
        .map(|id| id.saturating_add(1))
        .fold(ids_from.max(1), u64::max);
    let id = match change {
        Change::Remove(id) => {
            entries.retain(|entry| id_of(entry) != Some(id));
            None
        }
        Change::Put { saved, cramp } => {
            let known = saved.and_then(|id| {
                let at = entries.iter().position(|entry| id_of(entry) == Some(id))?;
                let mut kept: Cramp = serde_json::from_value(entries[at].clone()).ok()?;
                kept.seconds = cramp.seconds;
                kept.side = cramp.side;
                kept.helped = cramp.helped.clone();
                kept.woke = cramp.woke;
                kept.tidy();
                entries[at] = serde_json::to_value(&kept).ok()?;
                Some(id)
            });
            Some(match known {
                Some(id) => id,
                None => {
                    let entry = cramp.with_id(next_id);
                    let start_ms = |e: &Value| e.get("start_ms").and_then(Value::as_i64);
                    // In start order, as the diary keeps it.
                    let at = entries
                        .iter()
                        .position(|e| start_ms(e).is_some_and(|s| s > entry.start_ms))
                        .unwrap_or(entries.len());
                    let value = serde_json::to_value(&entry).map_err(|_| DiaryError::Unreadable)?;
                    entries.insert(at, value);
                    next_id
                }
            })
        }
    };
    let next_id = next_id.max(id.map_or(0, |id| id.saturating_add(1)));
    doc.insert("next_id".to_string(), Value::from(next_id));
    let text = serde_json::to_string(&doc).map_err(|_| DiaryError::Unreadable)?;
    Ok((text, id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timed(start_ms: i64, seconds: u32) -> NewCramp {
        NewCramp {
            id: (),
            start_ms,
            seconds,
            muscle: Muscle::Calf,
            side: None,
            tried: vec![Relief::Stretch],
            helped: Vec::new(),
            woke: None,
            by_hand: false,
        }
    }

    fn entries(text: &str) -> Vec<Cramp> {
        let doc: Value = serde_json::from_str(text).expect("JSON");
        serde_json::from_value(doc["entries"].clone()).expect("entries")
    }

    /// A diary with this cramp alone, and the id it was given.
    fn first_entry(cramp: NewCramp) -> (String, Option<u64>) {
        change("", Change::Put { saved: None, cramp }).expect("writes")
    }

    #[test]
    fn the_first_cramp_starts_a_diary() {
        let (text, id) = first_entry(timed(1_000, 65));
        assert_eq!(id, Some(1));
        assert_eq!(entries(&text), [timed(1_000, 65).with_id(1)]);
        let doc: Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(doc["next_id"], 2);
        assert_eq!(doc["version"], VERSION);
    }

    #[test]
    fn a_saved_cramp_is_updated_in_place_and_removed_by_its_id() {
        let (text, id) = first_entry(timed(1_000, 65));
        let more = NewCramp {
            side: Some(Side::Right),
            helped: vec![Relief::Massage],
            woke: Some(true),
            ..timed(1_000, 70)
        };
        let (text, again) = change(
            &text,
            Change::Put {
                saved: id,
                cramp: more,
            },
        )
        .expect("writes");
        assert_eq!(again, id);
        let [entry] = &entries(&text)[..] else {
            panic!("one entry")
        };
        assert_eq!(entry.seconds, 70);
        assert_eq!(entry.tried, [Relief::Stretch, Relief::Massage]);
        let (text, none) = change(&text, Change::Remove(1)).expect("writes");
        assert_eq!(none, None);
        assert!(entries(&text).is_empty());
        let (_, next) = change(
            &text,
            Change::Put {
                saved: id,
                cramp: timed(5, 5),
            },
        )
        .expect("writes");
        assert_eq!(next, Some(2), "a removed id is never given again");
    }

    #[test]
    fn what_cramp_now_does_not_know_is_written_back_as_it_was() {
        let stored = r#"{"version":1,"entries":[{"id":2,"start_ms":9},{"id":7,"start_ms":5000,"note":"kept"}],"next_id":3,"medicines":"statin","set_aside":[{"reason":"r","raw":"x"}],"later":true}"#;
        let (text, id) = change(
            stored,
            Change::Put {
                saved: None,
                cramp: timed(1_000, 5),
            },
        )
        .expect("writes");
        assert_eq!(id, Some(8), "after every id in the document");
        let doc: Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(doc["medicines"], "statin");
        assert_eq!(doc["later"], true);
        assert_eq!(doc["set_aside"][0]["raw"], "x");
        assert_eq!(doc["entries"][0]["id"], 2);
        assert_eq!(doc["entries"][1]["id"], 8, "in start order");
        assert_eq!(doc["entries"][2]["note"], "kept");
    }

    #[test]
    fn a_diary_it_cannot_read_is_never_overwritten() {
        let put = || Change::Put {
            saved: None,
            cramp: timed(1, 1),
        };
        assert_eq!(change("not json", put()), Err(DiaryError::Unreadable));
        assert_eq!(
            change(r#"{"entries":[]}"#, put()),
            Err(DiaryError::Unreadable)
        );
        assert_eq!(
            change(r#"{"version":2,"entries":[]}"#, put()),
            Err(DiaryError::Newer)
        );
    }

    #[test]
    fn durations_in_words() {
        for (seconds, words) in [
            (0, "0 s"),
            (45, "45 s"),
            (60, "1 min"),
            (65, "1 min 5 s"),
            (12 * 60, "12 min"),
            (14 * 60 + 20, "14 min 20 s"),
            (3600, "1 h"),
            (3600 + 5 * 60 + 59, "1 h 5 min"),
            (24 * 3600, "24 h"),
        ] {
            assert_eq!(format_duration(seconds), words);
        }
    }

    #[test]
    fn names_round_trip() {
        for m in Muscle::ALL {
            assert_eq!(Muscle::from_name(m.name()), Some(m));
        }
        for s in Side::ALL {
            assert_eq!(Side::from_name(s.name()), Some(s));
        }
        for r in Relief::ALL {
            assert_eq!(Relief::from_name(r.name()), Some(r));
        }
    }
}
