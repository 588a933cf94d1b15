//! The on-device data (one JSON document in local storage), its versions, and backups.
//!
//! Reading never fails and never throws data away: whatever can't be used is *set aside* (kept
//! verbatim inside the document, under `set_aside`) with a reason, and the person is told. The
//! rules are the cramp diary's too: they live in [`crate::device::records`]. The app's backup
//! file, holding this log and the diary, is [`crate::backup`]; it restores this log's
//! own older files through [`import_json`] and [`import_csv`].
//!
//! Versions:
//! - v0, the first prototype, had no `version` field:
//!   `{"glasses": [{"t": <unix ms>, "ml": 250}], "goal": 2000}`: no ids, `goal` an absolute
//!   number of ml, nothing else. Glasses get ids 1, 2, … in order; `goal` becomes the custom goal.
//! - v1 is [`Stored`].
//!
//! Import replaces rather than merges: ids are per-device counters, so the same id on two phones
//! names two different drinks, and a merge by id would silently overwrite one with the other.

use super::goal::{GoalProfile, Unit, GOAL_RANGE_ML};
use super::log::{Entry, Log, MAX_ENTRY_ML};
use crate::clock::{hhmm, LocalClock};
use crate::device::records::{
    self, consider, csv_lines, csv_number, finish, keeping, plausible_time, raw_items, section,
    Candidates, Document, NotFields, RawFields,
};
use crate::device::{Key, Record};
use crate::reminders::ReminderSettings;
use serde::Serialize;
use serde_json::value::RawValue;

pub use crate::device::records::SetAside;

pub const VERSION: u32 = 1;
pub const CSV_HEADER: &str = "id,at_ms,ml,local_date,local_time";

/// Written with serde; read back only through [`load`] and the imports, which check everything.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stored {
    pub version: u32,
    #[serde(rename = "entries")]
    pub log: Log,
    pub goal: GoalProfile,
    pub unit: Unit,
    pub reminders: ReminderSettings,
    pub last_reminded_at: Option<i64>,
    /// When the app last looked for missed reminders (see `reminders::catch_up`).
    pub last_checked_at: Option<i64>,
    /// Everything ever set aside, so saving the document never loses it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub set_aside: Vec<SetAside>,
}

impl Default for Stored {
    fn default() -> Self {
        Self {
            version: VERSION,
            log: Log::default(),
            goal: GoalProfile::default(),
            unit: Unit::default(),
            reminders: ReminderSettings::default(),
            last_reminded_at: None,
            last_checked_at: None,
            set_aside: Vec::new(),
        }
    }
}

impl Document for Stored {
    const NAME: &'static str = "water log";
    const STARTS_AFRESH: &'static str = "the tracker";

    fn set_aside_mut(&mut self) -> &mut Vec<SetAside> {
        &mut self.set_aside
    }
}

impl Record for Stored {
    const KEY: Key = Key::Water;

    fn load(text: &str) -> Loaded {
        load(text)
    }

    fn to_text(&self) -> Result<String, serde_json::Error> {
        to_storage_text(self)
    }

    /// When this page last looked is kept in memory between saves (see `tracker`): a copy from
    /// elsewhere must not move it back.
    fn keep_from(&mut self, current: &Self) {
        self.last_checked_at = self.last_checked_at.max(current.last_checked_at);
    }
}

pub type Loaded = records::Loaded<Stored>;

/// Why a whole document or file can't be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("The data is not valid JSON ({0}).")]
    NotJson(String),
    #[error("The data is not a Leg Relief water log.")]
    NotOurs,
    #[error("The data was saved by a newer version of Leg Relief (format {0}). Update the app to read it.")]
    Newer(u64),
    #[error("The file is not a Leg Relief CSV export: its first line should be {CSV_HEADER}.")]
    NotOurCsv,
}

/// Reads local storage. Unreadable or newer data is kept aside whole and the app starts afresh.
pub fn load(json: &str) -> Loaded {
    records::load_or_start_afresh(json, read_json)
}

/// Restores a JSON backup, replacing everything but what `current` had set aside.
pub fn import_json(text: &str, current: &Stored) -> Result<Loaded, ImportError> {
    Ok(keeping(read_json(text)?, &current.set_aside))
}

/// [`import_json`] of the water part of a combined backup.
pub fn import_value(value: &RawValue, current: &Stored) -> Result<Loaded, ImportError> {
    import_json(value.get(), current)
}

/// Restores the drinks of a CSV export into `current`, replacing its log.
pub fn import_csv(text: &str, current: &Stored) -> Result<Loaded, ImportError> {
    let lines = csv_lines(text, CSV_HEADER).ok_or(ImportError::NotOurCsv)?;
    let mut aside = Vec::new();
    let mut candidates = Candidates::new();
    for (number, line) in lines {
        let fields: Vec<&str> = line.trim().split(',').collect();
        let entry = csv_number(&fields, 0, "id").and_then(|id| {
            drink(
                id,
                csv_number(&fields, 1, "at_ms")?,
                csv_number(&fields, 2, "ml")?,
            )
        });
        consider(
            entry,
            line.to_string(),
            format!("line {number}"),
            &mut candidates,
            &mut aside,
        );
    }
    let log = into_log(candidates, &mut aside);
    Ok(finish(
        Stored {
            log,
            ..current.clone()
        },
        aside,
    ))
}

/// Pretty JSON, the backup format people may open and read.
pub fn to_json(stored: &Stored) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(stored)
}

/// Compact JSON, what the device keeps (the same document as the backup).
pub fn to_storage_text(stored: &Stored) -> Result<String, serde_json::Error> {
    serde_json::to_string(stored)
}

/// One drink per line, with local date and time for spreadsheets; `import_csv` reads `at_ms`.
pub fn to_csv(stored: &Stored, clock: &impl LocalClock) -> String {
    let mut csv = format!("{CSV_HEADER}\r\n");
    for e in stored.log.entries() {
        let local = clock.local(e.at_ms);
        let time = hhmm(local.minute_of_day);
        csv.push_str(&format!(
            "{},{},{},{},{time}\r\n",
            e.id, e.at_ms, e.ml, local.date
        ));
    }
    csv
}

/// The document by its version; each version's reader knows its own shape.
fn read_json(text: &str) -> Result<Loaded, ImportError> {
    let mut doc = RawFields::parse(text).map_err(|err| match err {
        NotFields::NotJson(reason) => ImportError::NotJson(reason),
        NotFields::NotAnObject => ImportError::NotOurs,
    })?;
    let version = match doc.get("version") {
        None => 0,
        Some(_) => doc.read::<u64>("version").ok_or(ImportError::NotOurs)?,
    };
    let mut aside = Vec::new();
    let data = match version {
        0 => from_v0(doc, &mut aside),
        1 => Stored {
            log: read_entries(&mut doc, "entries", "at_ms", false, &mut aside),
            goal: section(&mut doc, "goal", &mut aside, check_goal),
            unit: section(&mut doc, "unit", &mut aside, |_| Ok(())),
            reminders: section(&mut doc, "reminders", &mut aside, |r: &ReminderSettings| {
                r.validate().map_err(|e| e.to_string())
            }),
            last_reminded_at: section(&mut doc, "last_reminded_at", &mut aside, |_| Ok(())),
            last_checked_at: section(&mut doc, "last_checked_at", &mut aside, |_| Ok(())),
            set_aside: section(&mut doc, "set_aside", &mut aside, |_| Ok(())),
            version: VERSION,
        },
        newer => return Err(ImportError::Newer(newer)),
    };
    Ok(finish(data, aside))
}

fn from_v0(mut doc: RawFields, aside: &mut Vec<SetAside>) -> Stored {
    let custom_ml: Option<u32> = section(&mut doc, "goal", aside, |goal: &Option<u32>| {
        check_goal(&GoalProfile {
            custom_ml: *goal,
            ..GoalProfile::default()
        })
    });
    Stored {
        log: read_entries(&mut doc, "glasses", "t", true, aside),
        goal: GoalProfile {
            custom_ml,
            ..GoalProfile::default()
        },
        ..Stored::default()
    }
}

fn check_goal(goal: &GoalProfile) -> Result<(), String> {
    match goal.custom_ml {
        Some(ml) if !GOAL_RANGE_ML.contains(&ml) => Err(format!(
            "the goal must be between {} and {} ml",
            GOAL_RANGE_ML.start(),
            GOAL_RANGE_ML.end()
        )),
        _ => Ok(()),
    }
}

/// The drinks list; v0 glasses have no ids (numbered by position) and call the time `t`.
fn read_entries(
    doc: &mut RawFields,
    key: &str,
    time_key: &str,
    numbered: bool,
    aside: &mut Vec<SetAside>,
) -> Log {
    let Some(list) = doc.remove(key) else {
        return Log::default();
    };
    let Some(items) = raw_items(list) else {
        aside.push(SetAside {
            reason: format!("{key}: not a list of drinks"),
            raw: list.get().to_string(),
        });
        return Log::default();
    };
    let mut candidates = Candidates::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let entry = RawFields::parse(item.get())
            .map_err(|_| "not a drink record".to_string())
            .and_then(|fields| {
                let id = if numbered {
                    index as u64 + 1
                } else {
                    fields.needed("id", "`id` must be a whole number")?
                };
                let at_ms = fields.needed(
                    time_key,
                    &format!("`{time_key}` must be a whole number of milliseconds"),
                )?;
                let ml = fields.needed(
                    "ml",
                    &format!("`ml` must be a whole number from 1 to {MAX_ENTRY_ML}"),
                )?;
                drink(id, at_ms, ml)
            });
        consider(
            entry,
            item.get().to_string(),
            format!("{key}[{index}]"),
            &mut candidates,
            aside,
        );
    }
    into_log(candidates, aside)
}

/// The rules every loaded or imported drink must pass (the combined backup's CSV too).
pub(crate) fn drink(id: u64, at_ms: i64, ml: u64) -> Result<Entry, String> {
    plausible_time(at_ms)?;
    match u32::try_from(ml) {
        Ok(ml) if (1..=MAX_ENTRY_ML).contains(&ml) => Ok(Entry { id, at_ms, ml }),
        _ => Err(format!("{ml} ml is not between 1 and {MAX_ENTRY_ML} ml")),
    }
}

/// The log of the candidates, in one sort; duplicates are set aside.
pub(crate) fn into_log(candidates: Candidates<Entry>, aside: &mut Vec<SetAside>) -> Log {
    let (log, refused) = Log::from_entries(candidates);
    aside.extend(refused.into_iter().map(|(found, err)| found.set_aside(err)));
    log
}

#[cfg(test)]
pub(crate) mod tests;
