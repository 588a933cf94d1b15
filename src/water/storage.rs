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
pub(crate) mod tests {
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
}
