//! Loads the content compiled into the server and checks that it holds together.

use super::model::*;
use serde::Deserialize;
use std::sync::LazyLock;

#[derive(Debug, Clone, PartialEq)]
pub struct Catalogue {
    pub remedies: Vec<Remedy>,
    pub stretches: Vec<Stretch>,
    pub routines: Vec<Routine>,
    /// Cramp now's holds, one per muscle in `Muscle::ALL` order.
    pub holds: Vec<CrampHold>,
    pub topics: Vec<Topic>,
    /// Conditions A to Z, in the order of the file (the A to Z sorts them by name).
    pub conditions: Vec<Condition>,
    pub red_flags: Vec<RedFlag>,
    pub services: Vec<Service>,
    pub lookalikes: Vec<Lookalike>,
    pub hazards: Vec<Hazard>,
    /// People's words that mean the same as the content's words.
    pub same: Vec<Sayings>,
    /// People's words for a part of, or something near, what the content's words name.
    pub related: Vec<Sayings>,
}

/// A problem in the content, naming the file and the entry so it can be fixed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {entry}: {problem}")]
pub struct ContentError {
    pub file: &'static str,
    pub entry: String,
    pub problem: String,
}

/// The data files, in the order they are read.
pub const FILES: [(&str, &str); 7] = [
    (
        "src/content/data/remedies.toml",
        include_str!("data/remedies.toml"),
    ),
    (
        "src/content/data/stretches.toml",
        include_str!("data/stretches.toml"),
    ),
    (
        "src/content/data/topics.toml",
        include_str!("data/topics.toml"),
    ),
    (
        "src/content/data/red_flags.toml",
        include_str!("data/red_flags.toml"),
    ),
    ("src/content/data/help.toml", include_str!("data/help.toml")),
    (
        "src/content/data/words.toml",
        include_str!("data/words.toml"),
    ),
    (
        "src/content/data/conditions.toml",
        include_str!("data/conditions.toml"),
    ),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RemediesFile {
    remedy: Vec<Remedy>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StretchesFile {
    stretch: Vec<Stretch>,
    routine: Vec<Routine>,
    hold: Vec<CrampHold>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicsFile {
    topic: Vec<Topic>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConditionsFile {
    condition: Vec<Condition>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RedFlagsFile {
    red_flag: Vec<RedFlag>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WordsFile {
    same: Vec<Sayings>,
    related: Vec<Sayings>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HelpFile {
    service: Vec<Service>,
    lookalike: Vec<Lookalike>,
    hazard: Vec<Hazard>,
}

static CATALOGUE: LazyLock<Result<Catalogue, ContentError>> = LazyLock::new(Catalogue::load);

/// Checks the content once; the server calls this at start-up and refuses to start on an error.
pub fn check() -> Result<(), ContentError> {
    CATALOGUE.as_ref().map(|_| ()).map_err(Clone::clone)
}

/// The content. Only call after [`check`] succeeded (the server does so before serving).
pub fn catalogue() -> &'static Catalogue {
    match CATALOGUE.as_ref() {
        Ok(catalogue) => catalogue,
        Err(err) => panic!("content was used without being checked at start-up: {err}"),
    }
}

fn parse<T: for<'de> Deserialize<'de>>(file: &'static str, text: &str) -> Result<T, ContentError> {
    toml::from_str(text).map_err(|err| ContentError {
        file,
        entry: format!("line {}", toml_error_line(text, &err)),
        problem: err.message().trim().to_string(),
    })
}

/// The 1-based line of `text` a TOML error points at (the settings file's errors use it too).
pub fn toml_error_line(text: &str, err: &toml::de::Error) -> usize {
    let offset = err
        .span()
        .map(|span| span.start)
        .unwrap_or(0)
        .min(text.len());
    text[..offset].matches('\n').count() + 1
}

impl Catalogue {
    pub fn load() -> Result<Self, ContentError> {
        let [remedies, stretches, topics, red_flags, help, words, conditions] = FILES;
        let RemediesFile { remedy } = parse(remedies.0, remedies.1)?;
        let StretchesFile {
            stretch,
            routine,
            hold,
        } = parse(stretches.0, stretches.1)?;
        let TopicsFile { topic } = parse(topics.0, topics.1)?;
        let RedFlagsFile { red_flag } = parse(red_flags.0, red_flags.1)?;
        let HelpFile {
            service,
            lookalike,
            hazard,
        } = parse(help.0, help.1)?;
        let WordsFile { same, related } = parse(words.0, words.1)?;
        let ConditionsFile { condition } = parse(conditions.0, conditions.1)?;
        let catalogue = Self {
            remedies: remedy,
            stretches: stretch,
            routines: routine,
            holds: hold,
            topics: topic,
            conditions: condition,
            red_flags: red_flag,
            services: service,
            lookalikes: lookalike,
            hazards: hazard,
            same,
            related,
        };
        catalogue.validate()?;
        Ok(catalogue)
    }

    pub fn remedy(&self, slug: &str) -> Option<&Remedy> {
        self.remedies.iter().find(|r| r.slug == slug)
    }

    pub fn stretch(&self, slug: &str) -> Option<&Stretch> {
        self.stretches.iter().find(|s| s.slug == slug)
    }

    /// Cramp now's hold for `muscle`; the content check makes sure every muscle has one.
    pub fn hold(&self, muscle: super::model::Muscle) -> Option<&CrampHold> {
        self.holds.iter().find(|h| h.muscle == muscle)
    }

    pub fn routine(&self, slug: &str) -> Option<&Routine> {
        self.routines.iter().find(|r| r.slug == slug)
    }

    pub fn topic(&self, slug: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.slug == slug)
    }

    pub fn condition(&self, slug: &str) -> Option<&Condition> {
        self.conditions.iter().find(|c| c.slug == slug)
    }

    pub fn red_flag(&self, id: &str) -> Option<&RedFlag> {
        self.red_flags.iter().find(|f| f.id == id)
    }
}

mod checks;

#[cfg(test)]
mod tests;
