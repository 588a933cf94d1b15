//! One backup file for everything the person records: the water log and the cramp diary.
//!
//! JSON, backup format 2, pretty so that people can open and read it:
//! `{"app": "leg-relief", "backup": 2, "water": <water document>, "diary": <diary document>}`,
//! each document exactly as its store writes it to the device.
//! Backup format 1 was the water log's own document (version 0 or 1), from before the diary:
//! restoring one replaces the water log and keeps the diary on the device as it is.
//!
//! CSV, for spreadsheets: one record per line under [`CSV_HEADER`], `drink` or `cramp`, with the
//! local date and time for reading (restoring reads `time_ms` only). Lists are joined with `;`
//! (`stretch;heat`), empty for none; `woke` and `by_hand` are `yes`, `no`, or empty when not said.
//! A CSV has no settings, so restoring one replaces both logs and keeps the settings (water goal
//! and reminders, the medicines list) on the device. The water log's older CSV still restores.
//!
//! Restoring replaces rather than merges: ids are per-device counters, so the same id on two
//! phones names two different records, and a merge by id would silently overwrite one with the
//! other. Whatever either store had set aside is kept.

use crate::clock::{hhmm, LocalClock};
use crate::device::records::{
    consider, csv_field, csv_header, csv_lines, csv_number, finish, kept_aside_notice, Candidates,
    Document, Found, Loaded, NotFields, RawFields,
};
use crate::diary::model::{Cramp, Relief};
use crate::diary::storage as diary;
use crate::water::storage as water;
use serde::Serialize;

pub mod panel;

pub use panel::BackupPanel;

/// Says the file is ours, whatever its name.
pub const APP: &str = "leg-relief";
/// The combined backup's format; 1 was the water log alone.
pub const FORMAT: u64 = 2;
pub const CSV_HEADER: &str =
    "record,id,time_ms,local_date,local_time,ml,muscle,side,seconds,tried,helped,woke,by_hand";

#[derive(Serialize)]
struct Backup<'a> {
    app: &'static str,
    backup: u64,
    water: &'a water::Stored,
    diary: &'a diary::Stored,
}

/// What a restore gives back, ready to replace both stores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    pub water: Loaded<water::Stored>,
    pub diary: Loaded<diary::Stored>,
    /// The file held only the water log (a backup from before the diary): `diary` is the
    /// device's own, unchanged.
    pub diary_kept: bool,
    /// What the person is told: what was set aside, and that the diary was kept.
    pub notice: Option<String>,
}

/// Why a file can't be restored. Nothing on the device changes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackupError {
    #[error(
        "This file is not a Leg Relief backup. Choose a JSON or CSV file that the app exported."
    )]
    NotOurs,
    #[error(
        "This backup can't be read: it may be cut short or changed ({0}). Nothing was restored."
    )]
    NotJson(String),
    #[error("This backup was made by a newer version of Leg Relief (backup format {0}). Update the app to restore it.")]
    Newer(u64),
    #[error(
        "This backup has no {0} in it, so nothing was restored. Export a new backup and try again."
    )]
    Missing(&'static str),
    #[error("The water log in this backup can't be read, so nothing was restored. {0}")]
    Water(water::ImportError),
    #[error("The cramp diary in this backup can't be read, so nothing was restored. {0}")]
    Diary(diary::ImportError),
}

/// The backup file, pretty JSON.
pub fn backup_json(
    water: &water::Stored,
    diary: &diary::Stored,
) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(&Backup {
        app: APP,
        backup: FORMAT,
        water,
        diary,
    })
}

/// Both logs in one CSV, in time order, with local dates and times for spreadsheets.
pub fn backup_csv(water: &water::Stored, diary: &diary::Stored, clock: &impl LocalClock) -> String {
    let local = |ms: i64| {
        let local = clock.local(ms);
        format!("{},{}", local.date, hhmm(local.minute_of_day))
    };
    let drinks = water.log.entries().iter().map(|e| {
        let line = format!(
            "drink,{},{},{},{},,,,,,,",
            e.id,
            e.at_ms,
            local(e.at_ms),
            e.ml
        );
        ((e.at_ms, 0, e.id), line)
    });
    let cramps = diary.diary.entries().iter().map(|c| {
        let line = format!(
            "cramp,{},{},{},,{},{},{},{},{},{},{}",
            c.id,
            c.start_ms,
            local(c.start_ms),
            c.muscle.name(),
            c.side.map_or("", |side| side.name()),
            c.seconds,
            joined(&c.tried),
            joined(&c.helped),
            c.woke.map_or("", yes_no),
            yes_no(c.by_hand),
        );
        ((c.start_ms, 1, c.id), line)
    });
    let mut rows: Vec<_> = drinks.chain(cramps).collect();
    rows.sort_by_key(|(order, _)| *order);
    let mut csv = format!("{CSV_HEADER}\r\n");
    for (_, line) in rows {
        csv.push_str(&line);
        csv.push_str("\r\n");
    }
    csv
}

/// `stretch;heat`: the CSV's lists, empty for none.
fn joined(reliefs: &[Relief]) -> String {
    let names: Vec<&str> = reliefs.iter().map(|relief| relief.name()).collect();
    names.join(";")
}

fn yes_no(yes: bool) -> &'static str {
    if yes {
        "yes"
    } else {
        "no"
    }
}

/// Reads a backup the app exported, in any of its formats, to replace what is on the device;
/// `current_water` and `current_diary` give what either store had set aside, the settings a CSV
/// lacks, and the diary an older water-only backup leaves as it is.
pub fn restore(
    text: &str,
    current_water: &water::Stored,
    current_diary: &diary::Stored,
) -> Result<Restored, BackupError> {
    if text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
    {
        return restore_json(text, current_water, current_diary);
    }
    match csv_header(text) {
        Some(CSV_HEADER) => Ok(restore_csv(text, current_water, current_diary)),
        Some(water::CSV_HEADER) => {
            let water = water::import_csv(text, current_water).map_err(BackupError::Water)?;
            Ok(restored(water, None, current_diary))
        }
        _ => Err(BackupError::NotOurs),
    }
}

fn restore_json(
    text: &str,
    current_water: &water::Stored,
    current_diary: &diary::Stored,
) -> Result<Restored, BackupError> {
    let text = text.trim_start_matches('\u{feff}');
    let mut doc = RawFields::parse(text).map_err(|err| match err {
        NotFields::NotJson(reason) => BackupError::NotJson(reason),
        NotFields::NotAnObject => BackupError::NotOurs,
    })?;
    match doc.get("app") {
        Some(_) if doc.read::<String>("app").as_deref() == Some(APP) => {}
        Some(_) => return Err(BackupError::NotOurs),
        // Backup format 1: the water log's own document.
        None if is_water_document(&doc) => {
            let water = water::import_json(text, current_water).map_err(BackupError::Water)?;
            return Ok(restored(water, None, current_diary));
        }
        None => return Err(BackupError::NotOurs),
    }
    match doc.read::<u64>("backup") {
        Some(FORMAT) => {}
        Some(newer) if newer > FORMAT => return Err(BackupError::Newer(newer)),
        _ => return Err(BackupError::NotOurs),
    }
    let water_doc = doc
        .remove("water")
        .ok_or(BackupError::Missing(water::Stored::NAME))?;
    let diary_doc = doc
        .remove("diary")
        .ok_or(BackupError::Missing(diary::Stored::NAME))?;
    let water = water::import_value(water_doc, current_water).map_err(BackupError::Water)?;
    let diary = diary::import_value(diary_doc, current_diary).map_err(BackupError::Diary)?;
    Ok(restored(water, Some(diary), current_diary))
}

/// A water log's own document as the app wrote it: v0's `glasses`, or v1's `entries` beside
/// its `goal`. Anything else without our `app` mark (`{}`, another program's JSON) is not taken
/// for an empty water log, which would replace the person's.
fn is_water_document(doc: &RawFields) -> bool {
    match doc.get("version") {
        None => doc.contains("glasses"),
        Some(_) => {
            doc.read::<u64>("version") == Some(1) && doc.contains("entries") && doc.contains("goal")
        }
    }
}

fn restore_csv(
    text: &str,
    current_water: &water::Stored,
    current_diary: &diary::Stored,
) -> Restored {
    let (mut drinks, mut cramps) = (Candidates::new(), Candidates::new());
    let (mut water_aside, mut diary_aside) = (Vec::new(), Vec::new());
    for (number, line) in csv_lines(text, CSV_HEADER).into_iter().flatten() {
        let fields: Vec<&str> = line.trim().split(',').collect();
        let (raw, place) = (line.to_string(), format!("line {number}"));
        match csv_field(&fields, 0) {
            "drink" => consider(drink(&fields), raw, place, &mut drinks, &mut water_aside),
            "cramp" => consider(cramp(&fields), raw, place, &mut cramps, &mut diary_aside),
            // Neither store's: kept with the diary, the newer of the two.
            other => diary_aside.push(Found { raw, place }.set_aside(format!(
                "the first column must be drink or cramp, not “{other}”"
            ))),
        }
    }
    let log = water::into_log(drinks, &mut water_aside);
    let entries = diary::into_diary(cramps, &mut diary_aside);
    let water = finish(
        water::Stored {
            log,
            ..current_water.clone()
        },
        water_aside,
    );
    let diary = finish(
        diary::Stored {
            diary: entries,
            ..current_diary.clone()
        },
        diary_aside,
    );
    restored(water, Some(diary), current_diary)
}

fn drink(fields: &[&str]) -> Result<crate::water::log::Entry, String> {
    water::drink(
        csv_number(fields, 1, "id")?,
        csv_number(fields, 2, "time_ms")?,
        csv_number(fields, 5, "ml")?,
    )
}

fn cramp(fields: &[&str]) -> Result<Cramp, String> {
    let said = |index| Some(csv_field(fields, index)).filter(|field| !field.is_empty());
    let list = |index| {
        said(index).map_or(Vec::new(), |field| {
            field.split(';').map(str::trim).collect()
        })
    };
    let yes_or_no = |index, name: &str| match csv_field(fields, index) {
        "yes" => Ok(Some(true)),
        "no" => Ok(Some(false)),
        "" => Ok(None),
        other => Err(format!("`{name}` must be yes, no or empty, not “{other}”")),
    };
    diary::Fields {
        id: csv_number(fields, 1, "id")?,
        start_ms: csv_number(fields, 2, "time_ms")?,
        seconds: csv_number(fields, 8, "seconds")?,
        muscle: csv_field(fields, 6),
        side: said(7),
        tried: list(9),
        helped: list(10),
        woke: yes_or_no(11, "woke")?,
        by_hand: yes_or_no(12, "by_hand")?.unwrap_or(false),
    }
    .check()
}

/// Both stores' results and one notice; `diary` None keeps the device's diary.
fn restored(
    water: Loaded<water::Stored>,
    diary: Option<Loaded<diary::Stored>>,
    current_diary: &diary::Stored,
) -> Restored {
    let diary_kept = diary.is_none();
    let mut places = vec![(water::Stored::NAME, water.set_aside.len())];
    let mut said = Vec::new();
    let diary = match diary {
        Some(diary) => {
            places.push((diary::Stored::NAME, diary.set_aside.len()));
            diary
        }
        None => {
            said.push(
                "This backup is from before the cramp diary, so it holds only the water log. \
                 Your cramp diary on this device is unchanged."
                    .to_string(),
            );
            Loaded {
                data: current_diary.clone(),
                set_aside: Vec::new(),
                notice: None,
            }
        }
    };
    said.extend(kept_aside_notice(&places));
    Restored {
        water,
        diary,
        diary_kept,
        notice: (!said.is_empty()).then(|| said.join(" ")),
    }
}

#[cfg(test)]
mod tests;
