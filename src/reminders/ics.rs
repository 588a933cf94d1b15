//! The reminder schedule as an RFC 5545 calendar, for people who prefer their phone's calendar
//! alarms (they ring even when the browser is closed).
//!
//! Times are floating (no TZID): a floating `08:00` rings at 08:00 wherever the phone is, which is
//! what a waking-hours reminder means, and it needs no timezone table.

use super::{ReminderError, ReminderSettings};
use crate::clock::{LocalDate, MINUTES_PER_DAY, MS_PER_DAY};

const SUMMARY: &str = "Drink a glass of water";
const DESCRIPTION: &str = "A gentle reminder from Leg Relief, in your waking hours only. \
Drink to thirst; if a doctor has limited how much you drink, follow their advice, not this calendar.";
/// RFC 5545 3.1: lines longer than 75 octets are folded.
const MAX_LINE_OCTETS: usize = 75;

/// One daily-repeating event per slot time, starting on `first_day`; `now_ms` is the DTSTAMP.
/// Invalid settings are refused with the same message the settings form shows.
pub fn to_ics(
    settings: &ReminderSettings,
    first_day: LocalDate,
    now_ms: i64,
) -> Result<String, ReminderError> {
    settings.validate()?;
    let per_day = u32::from(MINUTES_PER_DAY);
    let events: Vec<Event> = settings
        .slot_minutes()
        .into_iter()
        .map(|minutes| Event {
            date: first_day.add_days(i64::from(minutes / per_day)),
            minute_of_day: (minutes % per_day) as u16,
            uid_prefix: "leg-relief-water",
            summary: SUMMARY,
            description: DESCRIPTION,
        })
        .collect();
    Ok(calendar(
        "Water reminders",
        "Leg Relief: water",
        &events,
        now_ms,
    ))
}

const BEDTIME_SUMMARY: &str = "Bedtime stretches";
const BEDTIME_DESCRIPTION: &str = "A few minutes of calf and hamstring stretches before bed, \
from Leg Relief: open the app and choose Stretches, then the bedtime routine.";

/// One event a night at `at` (minute of the day, floating local time), from `first_day` on: the
/// bedtime reminder for a phone that can't get it as a push. A minute past the day is clamped to
/// 23:59.
pub fn bedtime_ics(at: u16, first_day: LocalDate, now_ms: i64) -> String {
    let event = Event {
        date: first_day,
        minute_of_day: at.min(MINUTES_PER_DAY - 1),
        uid_prefix: "leg-relief-bedtime",
        summary: BEDTIME_SUMMARY,
        description: BEDTIME_DESCRIPTION,
    };
    calendar("Bedtime reminder", "Leg Relief: bedtime", &[event], now_ms)
}

/// One daily-repeating event with an alarm at its start.
struct Event {
    date: LocalDate,
    minute_of_day: u16,
    uid_prefix: &'static str,
    summary: &'static str,
    description: &'static str,
}

fn calendar(product: &str, name: &str, events: &[Event], now_ms: i64) -> String {
    let stamp = utc_stamp(now_ms);
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        format!("PRODID:-//Leg Relief//{product}//EN"),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape(name)),
    ];
    for event in events {
        let (hour, minute) = (event.minute_of_day / 60, event.minute_of_day % 60);
        let date = event.date;
        let date = format!("{:04}{:02}{:02}", date.year(), date.month(), date.day());
        lines.extend([
            "BEGIN:VEVENT".to_string(),
            // Stable per clock time, so importing an updated schedule replaces rather than doubles.
            format!("UID:{}-{hour:02}{minute:02}@leg-relief", event.uid_prefix),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART:{date}T{hour:02}{minute:02}00"),
            "DURATION:PT5M".into(),
            "RRULE:FREQ=DAILY".into(),
            format!("SUMMARY:{}", escape(event.summary)),
            format!("DESCRIPTION:{}", escape(event.description)),
            "TRANSP:TRANSPARENT".into(),
            "BEGIN:VALARM".into(),
            "ACTION:DISPLAY".into(),
            "TRIGGER:PT0M".into(),
            format!("DESCRIPTION:{}", escape(event.summary)),
            "END:VALARM".into(),
            "END:VEVENT".into(),
        ]);
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|line| fold(line)).collect()
}

/// `20261125T101500Z`.
fn utc_stamp(ms: i64) -> String {
    let date = LocalDate::from_days(ms.div_euclid(MS_PER_DAY));
    let seconds = ms.rem_euclid(MS_PER_DAY) / 1000;
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        date.year(),
        date.month(),
        date.day(),
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}

/// RFC 5545 3.3.11 TEXT escaping.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | ';' | ',' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Splits a content line into CRLF-ended lines of at most 75 octets, continuations starting with
/// a space, never inside a UTF-8 character.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::fake::date;

    /// (name, value) pairs after unfolding; parameters are not used by this exporter.
    fn parse(ics: &str) -> Vec<(String, String)> {
        let mut logical: Vec<String> = Vec::new();
        for line in ics.split_terminator("\r\n") {
            match line.strip_prefix(' ') {
                Some(rest) => logical
                    .last_mut()
                    .expect("continuation after a line")
                    .push_str(rest),
                None => logical.push(line.to_string()),
            }
        }
        logical
            .iter()
            .map(|l| {
                let (name, value) = l.split_once(':').expect("name:value");
                (name.to_string(), value.to_string())
            })
            .collect()
    }

    fn unescape(value: &str) -> String {
        value
            .replace("\\n", "\n")
            .replace("\\,", ",")
            .replace("\\;", ";")
            .replace("\\\\", "\\")
    }

    fn values<'a>(props: &'a [(String, String)], name: &str) -> Vec<&'a str> {
        props
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    fn export(settings: &ReminderSettings) -> String {
        // 2026-11-25 10:15:30 UTC.
        to_ics(settings, date("2026-11-25"), 1_795_601_730_000).unwrap()
    }

    #[test]
    fn crlf_everywhere_and_no_line_over_75_octets() {
        let ics = export(&ReminderSettings::default());
        assert!(ics.ends_with("\r\n"));
        assert!(!ics.replace("\r\n", "").contains(['\r', '\n']));
        for line in ics.split_terminator("\r\n") {
            assert!(line.len() <= MAX_LINE_OCTETS, "{line:?}");
        }
        assert!(
            ics.contains("\r\n "),
            "the description is long enough to be folded"
        );
    }

    #[test]
    fn calendar_structure_and_events() {
        let props = parse(&export(&ReminderSettings::default()));
        assert_eq!(props.first().map(|p| p.1.as_str()), Some("VCALENDAR"));
        assert_eq!(props.last(), Some(&("END".into(), "VCALENDAR".into())));
        for (name, value) in [
            ("VERSION", "2.0"),
            ("CALSCALE", "GREGORIAN"),
            ("METHOD", "PUBLISH"),
        ] {
            assert_eq!(values(&props, name), [value]);
        }
        assert_eq!(values(&props, "PRODID").len(), 1);
        let begins = values(&props, "BEGIN");
        assert_eq!(begins.iter().filter(|v| **v == "VEVENT").count(), 9);
        assert_eq!(begins.iter().filter(|v| **v == "VALARM").count(), 9);
        assert_eq!(begins.len(), values(&props, "END").len());
        assert!(values(&props, "DTSTAMP")
            .iter()
            .all(|v| *v == "20261125T101530Z"));
        assert!(values(&props, "RRULE").iter().all(|v| *v == "FREQ=DAILY"));
        assert!(values(&props, "DURATION").iter().all(|v| *v == "PT5M"));
        assert_eq!(values(&props, "ACTION"), ["DISPLAY"; 9]);
        assert_eq!(values(&props, "TRIGGER"), ["PT0M"; 9]);
        assert_eq!(values(&props, "SUMMARY"), [SUMMARY; 9]);
        let uids = values(&props, "UID");
        assert_eq!(uids.len(), 9);
        assert!(uids.windows(2).all(|w| w[0] != w[1]));
        assert_eq!(uids[0], "leg-relief-water-0800@leg-relief");
        let descriptions = values(&props, "DESCRIPTION");
        assert!(descriptions.iter().any(|d| unescape(d) == DESCRIPTION));
        assert!(values(&props, "TZID").is_empty());
    }

    #[test]
    fn every_dtstart_is_floating_and_in_waking_hours() {
        let props = parse(&export(&ReminderSettings::default()));
        let starts = values(&props, "DTSTART");
        assert_eq!(starts[0], "20261125T080000");
        for start in &starts {
            assert_eq!(start.len(), 15, "floating local time, no Z: {start}");
            let hour: u16 = start[9..11].parse().unwrap();
            assert!((8..21).contains(&hour), "{start}");
        }
        // Night window: slots after midnight start on the next day, none in 06:00..22:00.
        let night = ReminderSettings {
            wake: 22 * 60,
            sleep: 6 * 60,
            ..ReminderSettings::default()
        };
        let props = parse(&export(&night));
        let starts = values(&props, "DTSTART");
        assert_eq!(
            starts,
            [
                "20261125T220000",
                "20261125T233000",
                "20261126T010000",
                "20261126T023000",
                "20261126T040000",
                "20261126T053000"
            ]
        );
    }

    #[test]
    fn invalid_settings_are_refused() {
        let bad = ReminderSettings {
            every_minutes: 5,
            ..ReminderSettings::default()
        };
        assert_eq!(
            to_ics(&bad, date("2026-11-25"), 0),
            Err(ReminderError::Interval)
        );
    }

    #[test]
    fn escapes_text_and_folds_between_characters() {
        assert_eq!(escape("a\\b;c,d\r\ne"), "a\\\\b\\;c\\,d\\ne");
        let long = format!("DESCRIPTION:{}", "é".repeat(80));
        let folded = fold(&long);
        for line in folded.split_terminator("\r\n") {
            assert!(line.len() <= MAX_LINE_OCTETS);
        }
        let unfolded: String = folded
            .split_terminator("\r\n")
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect();
        assert_eq!(unfolded, long);
        assert_eq!(fold("SHORT:x"), "SHORT:x\r\n");
    }

    #[test]
    fn the_bedtime_calendar_holds_one_nightly_event_at_the_chosen_time() {
        let ics = bedtime_ics(21 * 60 + 30, date("2026-11-25"), 1_795_601_730_000);
        for line in ics.split_terminator("\r\n") {
            assert!(line.len() <= MAX_LINE_OCTETS, "{line:?}");
        }
        let props = parse(&ics);
        assert_eq!(props.first().map(|p| p.1.as_str()), Some("VCALENDAR"));
        assert_eq!(props.last(), Some(&("END".into(), "VCALENDAR".into())));
        let begins = values(&props, "BEGIN");
        assert_eq!(begins.iter().filter(|v| **v == "VEVENT").count(), 1);
        assert_eq!(begins.iter().filter(|v| **v == "VALARM").count(), 1);
        assert_eq!(values(&props, "DTSTART"), ["20261125T213000"]);
        assert_eq!(values(&props, "RRULE"), ["FREQ=DAILY"]);
        assert_eq!(values(&props, "SUMMARY"), [BEDTIME_SUMMARY]);
        assert_eq!(
            values(&props, "UID"),
            ["leg-relief-bedtime-2130@leg-relief"]
        );
        assert_eq!(values(&props, "DTSTAMP"), ["20261125T101530Z"]);
        assert!(values(&props, "DESCRIPTION")
            .iter()
            .any(|d| unescape(d) == BEDTIME_DESCRIPTION));
        assert!(values(&props, "TZID").is_empty());
        // The default, and a minute past the day clamped to its last minute.
        assert!(bedtime_ics(22 * 60, date("2026-11-25"), 0).contains("DTSTART:20261125T220000"));
        assert!(bedtime_ics(5000, date("2026-11-25"), 0).contains("DTSTART:20261125T235900"));
    }
}
