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
use crate::device::{Key, Record};
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

impl Record for Stored {
    const KEY: Key = Key::Diary;

    fn load(text: &str) -> Loaded {
        load(text)
    }

    fn to_text(&self) -> Result<String, serde_json::Error> {
        to_storage_text(self)
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
mod tests;
