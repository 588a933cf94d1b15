//! What the versioned stores (the water log, the cramp diary) share when they read themselves
//! back from local storage or from a backup.
//!
//! The rule for both: reading never fails and never throws data away. Whatever can't be used is
//! *set aside*: kept verbatim inside the document (under `set_aside`) with a reason that names
//! its place, and the person is told. A document that can't be read at all is set aside whole and
//! the app starts afresh, so the next save can't overwrite it.

use serde::{
    de::{DeserializeOwned, MapAccess, Visitor},
    Deserialize, Deserializer, Serialize,
};
use serde_json::value::RawValue;
use std::fmt::{self, Display};
use std::ops::Range;

/// Times outside the years 2000..2100 are taken for corruption, not history.
pub const PLAUSIBLE_MS: Range<i64> = 946_684_800_000..4_102_444_800_000;

/// Something that could not be read, kept as found (a field or a record as it was written).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetAside {
    pub reason: String,
    pub raw: String,
}

/// A document read back: ready to use and to save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded<T> {
    /// Ready to use and to save back; everything set aside, ever, is inside it too.
    pub data: T,
    /// What this reading set aside.
    pub set_aside: Vec<SetAside>,
    /// A sentence for the person when something was set aside.
    pub notice: Option<String>,
}

/// A store's whole document, as far as the shared reading rules need to know it.
pub trait Document: Default {
    /// What the person calls it, in a sentence: "water log", "cramp diary".
    const NAME: &'static str;
    /// What starts afresh when it can't be read: "the tracker", "the diary".
    const STARTS_AFRESH: &'static str;

    /// Everything ever set aside, saved with the document so that no save loses it.
    fn set_aside_mut(&mut self) -> &mut Vec<SetAside>;
}

/// Reads local storage with `read`. Empty text is a fresh start, without a notice. A document
/// `read` refuses (not JSON, not ours, a newer format) is set aside whole and the app starts
/// afresh: the person keeps using the app, and the old text is saved with the new one.
pub fn load_or_start_afresh<D: Document, E: Display>(
    text: &str,
    read: impl FnOnce(&str) -> Result<Loaded<D>, E>,
) -> Loaded<D> {
    if text.trim().is_empty() {
        return Loaded {
            data: D::default(),
            set_aside: Vec::new(),
            notice: None,
        };
    }
    read(text).unwrap_or_else(|err| {
        let set_aside = vec![SetAside {
            reason: err.to_string(),
            raw: text.to_string(),
        }];
        let mut data = D::default();
        *data.set_aside_mut() = set_aside.clone();
        Loaded {
            data,
            set_aside,
            notice: Some(format!(
                "Your saved {} couldn't be read, so {} has started afresh. \
                 The old data is kept aside unchanged. {err}",
                D::NAME,
                D::STARTS_AFRESH
            )),
        }
    })
}

/// A JSON object's fields, each kept as the text it was written in: a reader parses each field it
/// knows into its own type, and keeps what it can't read verbatim. (`serde_json::Value` would
/// build a tree of the whole document first, and weighs several KB more in the WASM.)
#[derive(Debug, Default)]
pub struct RawFields<'a>(Vec<(String, &'a RawValue)>);

/// Why a text is not a document's fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotFields {
    /// Not JSON at all: serde_json's words for where it broke.
    NotJson(String),
    /// JSON, but not an object.
    NotAnObject,
}

impl<'a> RawFields<'a> {
    pub fn parse(text: &'a str) -> Result<Self, NotFields> {
        serde_json::from_str(text).map_err(|err| match err.classify() {
            serde_json::error::Category::Data => NotFields::NotAnObject,
            _ => NotFields::NotJson(err.to_string()),
        })
    }

    /// The field's text; of a repeated field the last, as JSON readers take it.
    pub fn get(&self, key: &str) -> Option<&'a RawValue> {
        self.0
            .iter()
            .rev()
            .find(|(name, _)| name == key)
            .map(|(_, raw)| *raw)
    }

    /// The field's text, which no later reading sees again.
    pub fn remove(&mut self, key: &str) -> Option<&'a RawValue> {
        let raw = self.get(key);
        self.0.retain(|(name, _)| name != key);
        raw
    }

    pub fn contains(&self, key: &str) -> bool {
        self.0.iter().any(|(name, _)| name == key)
    }

    /// A field a record can't do without: when it is missing or `null`, or not a `T`, the reason
    /// says so (`must` says what it must be).
    pub fn needed<T: DeserializeOwned>(&self, name: &str, must: &str) -> Result<T, String> {
        self.optional(name, must)?
            .ok_or_else(|| format!("`{name}` is missing"))
    }

    /// A field a record may leave out: missing or `null` is None; anything else must be a `T`.
    pub fn optional<T: DeserializeOwned>(
        &self,
        name: &str,
        must: &str,
    ) -> Result<Option<T>, String> {
        match self.get(name).filter(|raw| raw.get() != "null") {
            None => Ok(None),
            Some(raw) => serde_json::from_str(raw.get())
                .map(Some)
                .map_err(|_| must.to_string()),
        }
    }

    /// The field read as `T`; None when missing, `null` or not a `T`.
    pub fn read<T: DeserializeOwned>(&self, key: &str) -> Option<T> {
        self.get(key)
            .and_then(|raw| serde_json::from_str(raw.get()).ok())
    }
}

impl<'de> Deserialize<'de> for RawFields<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Fields;
        impl<'de> Visitor<'de> for Fields {
            type Value = RawFields<'de>;

            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("an object")
            }

            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let mut fields = Vec::new();
                while let Some(field) = map.next_entry()? {
                    fields.push(field);
                }
                Ok(RawFields(fields))
            }
        }
        deserializer.deserialize_map(Fields)
    }
}

/// A list's items, each as the text it was written in; None when `raw` is not a list.
pub fn raw_items(raw: &RawValue) -> Option<Vec<&RawValue>> {
    serde_json::from_str(raw.get()).ok()
}

/// serde_json's reason without its line and column, which count within the field's own text and
/// would mean nothing to the person.
fn without_place(err: serde_json::Error) -> String {
    let reason = err.to_string();
    let place = format!(" at line {} column {}", err.line(), err.column());
    reason.strip_suffix(&place).unwrap_or(&reason).to_string()
}

/// A settings field: missing → default; unreadable or invalid → set aside, default.
pub fn section<T: DeserializeOwned + Default>(
    doc: &mut RawFields,
    key: &str,
    aside: &mut Vec<SetAside>,
    check: impl Fn(&T) -> Result<(), String>,
) -> T {
    let Some(raw) = doc.remove(key) else {
        return T::default();
    };
    match serde_json::from_str(raw.get())
        .map_err(without_place)
        .and_then(|v| check(&v).map(|()| v))
    {
        Ok(v) => v,
        Err(reason) => {
            aside.push(SetAside {
                reason: format!("{key}: {reason}"),
                raw: raw.get().to_string(),
            });
            T::default()
        }
    }
}

/// Where a record was read: its raw text and its place (`entries[3]`, `line 7`), so that it can
/// still be set aside after it passed its own checks (a repeated id is only found among all).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub raw: String,
    pub place: String,
}

impl Found {
    pub fn set_aside(self, reason: impl Display) -> SetAside {
        SetAside {
            reason: format!("{}: {reason}", self.place),
            raw: self.raw,
        }
    }
}

/// Records read so far, each with where it was found.
pub type Candidates<R> = Vec<(R, Found)>;

/// Checks one record; a good one joins `candidates`, a bad one is set aside with its reason.
pub fn consider<R>(
    record: Result<R, String>,
    raw: String,
    place: String,
    candidates: &mut Candidates<R>,
    aside: &mut Vec<SetAside>,
) {
    let found = Found { raw, place };
    match record {
        Ok(record) => candidates.push((record, found)),
        Err(reason) => aside.push(found.set_aside(reason)),
    }
}

/// Kept items followed by new ones, each only once: importing a backup of this device twice
/// must not double what it had set aside.
pub fn merge_set_aside(kept: &[SetAside], new: &[SetAside]) -> Vec<SetAside> {
    let mut merged: Vec<SetAside> = Vec::with_capacity(kept.len() + new.len());
    for item in kept.iter().chain(new) {
        if !merged.contains(item) {
            merged.push(item.clone());
        }
    }
    merged
}

/// The reading's result: `data` keeps its own set-aside list and gains what this reading set
/// aside (each item once), and the person is told how many.
pub fn finish<D: Document>(mut data: D, set_aside: Vec<SetAside>) -> Loaded<D> {
    let kept = data.set_aside_mut();
    *kept = merge_set_aside(kept, &set_aside);
    let notice = kept_aside_notice(&[(D::NAME, set_aside.len())]);
    Loaded {
        data,
        set_aside,
        notice,
    }
}

/// `loaded`, keeping what the device had set aside before (`kept`) ahead of its own.
pub fn keeping<D: Document>(mut loaded: Loaded<D>, kept: &[SetAside]) -> Loaded<D> {
    let own = loaded.data.set_aside_mut();
    *own = merge_set_aside(kept, own);
    loaded
}

/// "3 saved items couldn't be read and were kept aside; everything else is here." With more
/// than one place, it says how many in each: "(2 in the water log, 1 in the cramp diary)".
/// None when nothing was set aside.
pub fn kept_aside_notice(places: &[(&str, usize)]) -> Option<String> {
    let total: usize = places.iter().map(|(_, count)| count).sum();
    let (items, were) = match total {
        0 => return None,
        1 => ("item", "was"),
        _ => ("items", "were"),
    };
    let each = if places.len() > 1 {
        let named: Vec<String> = places
            .iter()
            .filter(|(_, count)| *count > 0)
            .map(|(name, count)| format!("{count} in the {name}"))
            .collect();
        format!(" ({})", named.join(", "))
    } else {
        String::new()
    };
    Some(format!(
        "{total} saved {items} couldn't be read and {were} kept aside{each}; everything else is here."
    ))
}

/// Checks a time read back is one a person could have recorded.
pub fn plausible_time(ms: i64) -> Result<i64, String> {
    if PLAUSIBLE_MS.contains(&ms) {
        Ok(ms)
    } else {
        Err(format!(
            "the time {ms} is not between the years 2000 and 2100"
        ))
    }
}

/// The lines of a CSV file after its header, numbered from 1 as an editor shows them, blank
/// ones left out. None when the first line is not `header` (another program's file).
pub fn csv_lines<'a>(
    text: &'a str,
    header: &str,
) -> Option<impl Iterator<Item = (usize, &'a str)>> {
    let mut lines = text
        .trim_start_matches('\u{feff}')
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| (index + 1, line));
    (lines.next().map(|(_, line)| line.trim()) == Some(header)).then_some(lines)
}

/// The first line of a CSV text, without a byte-order mark: tells one export from another.
pub fn csv_header(text: &str) -> Option<&str> {
    text.trim_start_matches('\u{feff}')
        .lines()
        .find(|line| !line.trim().is_empty())
        .map(str::trim)
}

/// Column `index` of a CSV line as a number; the reason names the column.
pub fn csv_number<T: std::str::FromStr>(
    fields: &[&str],
    index: usize,
    name: &str,
) -> Result<T, String> {
    let field = csv_field(fields, index);
    field
        .parse()
        .map_err(|_| format!("`{name}` must be a whole number, not “{field}”"))
}

/// Column `index` of a CSV line, trimmed; empty when the line is short.
pub fn csv_field<'a>(fields: &[&'a str], index: usize) -> &'a str {
    fields.get(index).map_or("", |field| field.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, PartialEq, Eq)]
    struct Notes {
        text: String,
        set_aside: Vec<SetAside>,
    }

    impl Document for Notes {
        const NAME: &'static str = "notes";
        const STARTS_AFRESH: &'static str = "the notebook";

        fn set_aside_mut(&mut self) -> &mut Vec<SetAside> {
            &mut self.set_aside
        }
    }

    fn item(reason: &str) -> SetAside {
        SetAside {
            reason: reason.into(),
            raw: "x".into(),
        }
    }

    #[test]
    fn an_unreadable_document_is_set_aside_whole() {
        let loaded = load_or_start_afresh::<Notes, _>("{oops", |_| Err("It is broken."));
        assert_eq!(
            loaded.set_aside,
            [SetAside {
                reason: "It is broken.".into(),
                raw: "{oops".into()
            }]
        );
        assert_eq!(loaded.data.set_aside, loaded.set_aside);
        assert_eq!(
            loaded.notice.as_deref(),
            Some(
                "Your saved notes couldn't be read, so the notebook has started afresh. \
                 The old data is kept aside unchanged. It is broken."
            )
        );
        let fresh = load_or_start_afresh::<Notes, &str>(" \n", |_| panic!("not read"));
        assert_eq!((fresh.data, fresh.notice), (Notes::default(), None));
    }

    #[test]
    fn finish_adds_what_this_reading_set_aside_once() {
        let data = Notes {
            text: "hi".into(),
            set_aside: vec![item("old")],
        };
        let loaded = finish(data, vec![item("old"), item("new")]);
        assert_eq!(loaded.data.set_aside, [item("old"), item("new")]);
        assert_eq!(loaded.set_aside.len(), 2);
        let kept = keeping(loaded, &[item("device"), item("new")]);
        assert_eq!(
            kept.data.set_aside,
            [item("device"), item("new"), item("old")]
        );
    }

    #[test]
    fn notices_count_and_name_places() {
        assert_eq!(kept_aside_notice(&[("notes", 0)]), None);
        assert_eq!(
            kept_aside_notice(&[("notes", 1)]).as_deref(),
            Some("1 saved item couldn't be read and was kept aside; everything else is here.")
        );
        assert_eq!(
            kept_aside_notice(&[("water log", 2), ("cramp diary", 1)]).as_deref(),
            Some(
                "3 saved items couldn't be read and were kept aside \
                 (2 in the water log, 1 in the cramp diary); everything else is here."
            )
        );
        assert_eq!(
            kept_aside_notice(&[("water log", 0), ("cramp diary", 1)]).as_deref(),
            Some(
                "1 saved item couldn't be read and was kept aside (1 in the cramp diary); \
                 everything else is here."
            )
        );
    }

    #[test]
    fn bad_records_are_set_aside_with_their_place() {
        let (mut candidates, mut aside) = (Candidates::new(), Vec::new());
        consider(
            Ok(1),
            "1".into(),
            "line 2".into(),
            &mut candidates,
            &mut aside,
        );
        consider::<u8>(
            Err("too big".into()),
            "999".into(),
            "line 3".into(),
            &mut candidates,
            &mut aside,
        );
        assert_eq!(candidates.len(), 1);
        assert_eq!(
            aside,
            [SetAside {
                reason: "line 3: too big".into(),
                raw: "999".into()
            }]
        );
    }

    #[test]
    fn sections_default_when_missing_and_set_aside_when_bad() {
        let mut doc = RawFields::parse(r#"{"a": 5, "b": "five", "c": 50}"#).unwrap();
        let mut aside = Vec::new();
        let small = |n: &u8| {
            if *n < 10 {
                Ok(())
            } else {
                Err("too big".to_string())
            }
        };
        assert_eq!(section(&mut doc, "a", &mut aside, small), 5);
        assert_eq!(section(&mut doc, "b", &mut aside, small), 0);
        assert_eq!(section(&mut doc, "c", &mut aside, small), 0);
        assert_eq!(section(&mut doc, "d", &mut aside, small), 0);
        let reasons: Vec<&str> = aside.iter().map(|s| s.reason.as_str()).collect();
        assert_eq!(
            reasons,
            [
                "b: invalid type: string \"five\", expected u8",
                "c: too big"
            ]
        );
        assert_eq!(aside[0].raw, "\"five\"");
    }

    #[test]
    fn raw_fields_keep_each_field_as_written() {
        let mut doc = RawFields::parse(r#"{"a": [1, 2], "b": "x", "a": {"c": null}}"#).unwrap();
        assert!(doc.contains("b"));
        assert_eq!(doc.read::<String>("b").as_deref(), Some("x"));
        assert_eq!(doc.read::<u8>("b"), None);
        // A repeated field: the last, as JSON readers take it.
        assert_eq!(doc.remove("a").map(RawValue::get), Some(r#"{"c": null}"#));
        assert!(!doc.contains("a"));
        let list = RawValue::from_string("[1, {\"d\": 2}]".to_string()).unwrap();
        let items: Vec<&str> = raw_items(&list)
            .unwrap()
            .into_iter()
            .map(RawValue::get)
            .collect();
        assert_eq!(items, ["1", r#"{"d": 2}"#]);
        assert!(raw_items(&RawValue::from_string("{}".into()).unwrap()).is_none());
        assert_eq!(RawFields::parse("[1]").unwrap_err(), NotFields::NotAnObject);
        assert!(matches!(RawFields::parse("{"), Err(NotFields::NotJson(_))));
    }

    #[test]
    fn csv_lines_follow_their_header_with_editor_numbers() {
        let text = "\u{feff}a,b\r\n1,2\n\n 3,x\n";
        assert_eq!(csv_header(text), Some("a,b"));
        let lines: Vec<(usize, &str)> = csv_lines(text, "a,b").unwrap().collect();
        assert_eq!(lines, [(2, "1,2"), (4, " 3,x")]);
        assert!(csv_lines(text, "a,c").is_none());
        assert!(csv_lines("", "a,b").is_none());
        let fields: Vec<&str> = " 3,x".split(',').collect();
        assert_eq!(csv_number::<u8>(&fields, 0, "a"), Ok(3));
        assert_eq!(
            csv_number::<u8>(&fields, 1, "b"),
            Err("`b` must be a whole number, not “x”".into())
        );
        assert_eq!(
            csv_number::<u8>(&fields, 5, "f"),
            Err("`f` must be a whole number, not “”".into())
        );
        assert_eq!(
            plausible_time(0),
            Err("the time 0 is not between the years 2000 and 2100".into())
        );
    }
}
