//! The checks on the content's words: no text empty, none carrying the scraped pages' chrome,
//! and phone numbers said only once, in help.toml's services.

use super::entry_error;
use crate::content::catalogue::{Catalogue, ContentError, FILES};

/// Emergency and urgent-care numbers people might write into a text.
const PHONE_NUMBERS: [&str; 6] = ["999", "911", "112", "111", "000", "811"];

/// True when `text` holds one of [`PHONE_NUMBERS`] as a number of its own (not "10,000").
fn names_a_phone_number(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        if !bytes[start].is_ascii_digit() {
            start += 1;
            continue;
        }
        let mut end = start;
        while end < bytes.len() && bytes[end].is_ascii_digit() {
            end += 1;
        }
        let part_of_larger = |at: Option<&u8>, beyond: Option<&u8>| {
            matches!(at, Some(b',' | b'.')) && beyond.is_some_and(u8::is_ascii_digit)
        };
        let joined_before =
            start >= 2 && part_of_larger(bytes.get(start - 1), bytes.get(start - 2));
        let joined_after = part_of_larger(bytes.get(end), bytes.get(end + 1));
        if !joined_before && !joined_after && PHONE_NUMBERS.contains(&&text[start..end]) {
            return true;
        }
        start = end;
    }
    false
}

/// Phrases that only occur in scraped page chrome, never in our own texts.
const PAGE_CHROME: [&str; 14] = [
    "read more",
    "medically reviewed",
    "commission",
    "was this helpful",
    "share this article",
    "healthline",
    "buy through links",
    "our experts continually",
    "vetting process",
    "current version",
    "written by",
    "edited by",
    "available online",
    "selection online",
];

/// An entry's file, its kind ("remedy"), its name and its texts.
type EntryTexts<'a> = (&'static str, &'static str, String, Vec<&'a str>);

impl Catalogue {
    /// Every text written for the app (each entry's file, kind, name and texts), the helplines
    /// of help.toml's services aside.
    fn written_texts(&self) -> Vec<EntryTexts<'_>> {
        self.remedies
            .iter()
            .map(|r| (FILES[0].0, "remedy", r.slug.clone(), r.texts()))
            .chain(
                self.stretches
                    .iter()
                    .map(|s| (FILES[1].0, "stretch", s.slug.clone(), s.texts())),
            )
            .chain(self.routines.iter().map(|r| {
                (
                    FILES[1].0,
                    "routine",
                    r.slug.clone(),
                    vec![r.title.as_str(), r.summary.as_str()],
                )
            }))
            .chain(
                self.topics
                    .iter()
                    .map(|t| (FILES[2].0, "topic", t.slug.clone(), t.texts())),
            )
            .chain(
                self.conditions
                    .iter()
                    .map(|c| (FILES[6].0, "condition", c.slug.clone(), c.texts())),
            )
            .chain(
                self.red_flags
                    .iter()
                    .map(|f| (FILES[3].0, "red flag", f.id.clone(), f.texts())),
            )
            .chain(self.lookalikes.iter().map(|l| {
                (
                    FILES[4].0,
                    "lookalike",
                    l.name.clone(),
                    vec![
                        l.name.as_str(),
                        l.feels_like.as_str(),
                        l.what_to_do.as_str(),
                    ],
                )
            }))
            .collect()
    }

    /// Every text of every entry: none may be empty or carry page chrome.
    pub(super) fn check_texts(&self) -> Result<(), ContentError> {
        let services = self.services.iter().map(|s| {
            (
                FILES[4].0,
                "service",
                s.place.clone(),
                vec![s.place.as_str(), s.emergency.as_str(), s.urgent.as_str()],
            )
        });
        let entries = self.written_texts().into_iter().chain(services);
        for (file, what, name, texts) in entries {
            // Services name real helplines, one of which shares its name with the site the seed
            // was scraped from; they are written by hand and never scraped.
            let chrome_checked = what != "service";
            if texts.iter().any(|text| text.trim().is_empty()) {
                return Err(entry_error(
                    file,
                    what,
                    &name,
                    "has an empty text (a step, heading or line)",
                ));
            }
            for text in texts.into_iter().filter(|_| chrome_checked) {
                let lower = text.to_lowercase();
                if let Some(phrase) = PAGE_CHROME.iter().find(|phrase| lower.contains(*phrase)) {
                    return Err(entry_error(
                        file,
                        what,
                        &name,
                        &format!("contains page chrome \"{phrase}\": {text}"),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Phone numbers are said once, in help.toml's services, so they can't drift apart or leave
    /// out a country.
    pub(super) fn check_phone_numbers(&self) -> Result<(), ContentError> {
        for (file, what, name, texts) in self.written_texts() {
            if let Some(text) = texts.iter().find(|text| names_a_phone_number(text)) {
                return Err(entry_error(
                    file,
                    what,
                    &name,
                    &format!(
                        "names a phone number; say \"the emergency number\" or \"your \
                         urgent-care line\" and keep numbers in help.toml: {text}"
                    ),
                ));
            }
        }
        Ok(())
    }
}

pub(super) fn check_text(title: &str, summary: &str) -> Result<(), String> {
    if title.trim().is_empty() || summary.trim().is_empty() {
        return Err("needs a title and a summary".into());
    }
    if summary.chars().count() > 140 {
        return Err(format!(
            "summary is {} characters; keep it to 140",
            summary.chars().count()
        ));
    }
    Ok(())
}
