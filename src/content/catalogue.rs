//! Loads the content compiled into the server and checks that it holds together.

use super::model::*;
use serde::Deserialize;
use std::{collections::HashSet, sync::LazyLock};

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

    /// Structural checks: unique slugs, references that resolve, nothing required left empty,
    /// no leftovers of the scraped web pages.
    fn validate(&self) -> Result<(), ContentError> {
        self.check_texts()?;
        let remedy_slugs = unique_slugs(FILES[0].0, self.remedies.iter().map(|r| &r.slug))?;
        let stretch_slugs = unique_slugs(FILES[1].0, self.stretches.iter().map(|s| &s.slug))?;
        let routine_slugs = unique_slugs(FILES[1].0, self.routines.iter().map(|r| &r.slug))?;
        unique_slugs(FILES[2].0, self.topics.iter().map(|t| &t.slug))?;

        for remedy in &self.remedies {
            let fail = |problem: &str| entry_error(FILES[0].0, "remedy", &remedy.slug, problem);
            check_text(&remedy.title, &remedy.summary).map_err(|p| fail(&p))?;
            if remedy.situations.is_empty() {
                return Err(fail("lists no situation"));
            }
            if remedy.steps.is_empty() {
                return Err(fail("has no steps"));
            }
            if remedy.grade == Grade::X && remedy.grade_note.is_none() && remedy.claims.is_empty() {
                return Err(fail(
                    "is graded X but says nowhere why (add a grade_note or a claim)",
                ));
            }
            check_sources(&remedy.sources).map_err(|p| fail(&p))?;
            if remedy.cautions.is_empty() {
                return Err(fail("has no caution (say who should still take care)"));
            }
            if remedy.cautions.iter().any(|c| c.groups.is_empty()) {
                return Err(fail("has a caution that names no group"));
            }
            if let Some(missing) = remedy
                .stretches
                .iter()
                .find(|s| !stretch_slugs.contains(s.as_str()))
            {
                return Err(fail(&format!(
                    "links stretch \"{missing}\", which does not exist"
                )));
            }
        }
        for stretch in &self.stretches {
            let fail = |problem: &str| entry_error(FILES[1].0, "stretch", &stretch.slug, problem);
            check_text(&stretch.title, &stretch.summary).map_err(|p| fail(&p))?;
            if stretch.body_parts.is_empty() || stretch.purposes.is_empty() {
                return Err(fail("needs at least one body part and one purpose"));
            }
            if stretch.steps.len() < 3 {
                return Err(fail("needs at least three steps"));
            }
            if !(5..=120).contains(&stretch.hold_seconds)
                || !(1..=20).contains(&stretch.repetitions)
            {
                return Err(fail(
                    "hold must be 5 to 120 seconds and repetitions 1 to 20",
                ));
            }
            if stretch.take_care.is_empty() {
                return Err(fail("says nothing about who should take care"));
            }
        }
        for routine in &self.routines {
            let fail = |problem: &str| entry_error(FILES[1].0, "routine", &routine.slug, problem);
            check_text(&routine.title, &routine.summary).map_err(|p| fail(&p))?;
            if let Some(missing) = routine
                .steps
                .iter()
                .find(|s| !stretch_slugs.contains(s.as_str()))
            {
                return Err(fail(&format!(
                    "plays stretch \"{missing}\", which does not exist"
                )));
            }
            if routine.steps.is_empty() {
                return Err(fail("has no steps"));
            }
        }
        self.check_holds(&stretch_slugs)?;
        for topic in &self.topics {
            let fail = |problem: &str| entry_error(FILES[2].0, "topic", &topic.slug, problem);
            check_text(&topic.title, &topic.summary).map_err(|p| fail(&p))?;
            if topic.sections.is_empty() || topic.sections.iter().any(|s| s.paragraphs.is_empty()) {
                return Err(fail("needs sections, each with at least one paragraph"));
            }
            if let Some(missing) = topic
                .related_remedies
                .iter()
                .find(|s| !remedy_slugs.contains(s.as_str()))
            {
                return Err(fail(&format!(
                    "relates remedy \"{missing}\", which does not exist"
                )));
            }
            if let Some(missing) = topic
                .related_stretches
                .iter()
                .find(|s| !stretch_slugs.contains(s.as_str()))
            {
                return Err(fail(&format!(
                    "relates stretch \"{missing}\", which does not exist"
                )));
            }
        }
        let flag_ids = unique_slugs(FILES[3].0, self.red_flags.iter().map(|f| &f.id))?;
        for flag in &self.red_flags {
            let fail = |problem: &str| entry_error(FILES[3].0, "red flag", &flag.id, problem);
            if flag.sign.trim().is_empty() || flag.action.trim().is_empty() {
                return Err(fail("needs a sign and an action (what to do now)"));
            }
            if flag.search.is_empty() || flag.search.iter().any(|s| s.trim().is_empty()) {
                return Err(fail(
                    "needs `search`: what people type when they have this sign",
                ));
            }
            check_sources(&flag.sources).map_err(|p| fail(&p))?;
            // Help now but not an ambulance (pre-eclampsia: the maternity unit, day or night)
            // goes in the first box too, under its own line.
            let may_come_first = match flag.urgency {
                Urgency::Emergency => true,
                Urgency::SameDay => flag.action.contains(" now"),
                Urgency::SeeDoctor => false,
            };
            match flag.check_first.as_deref() {
                None if flag.urgency == Urgency::Emergency => {
                    return Err(fail(
                        "is an emergency without a check_first line for /help's first box",
                    ))
                }
                Some(_) if !may_come_first => {
                    return Err(fail(
                        "only emergency signs, and same-day signs whose action says now, go in the check_first box",
                    ))
                }
                Some(line) if line.chars().count() > MAX_CHECK_FIRST => {
                    return Err(fail(&format!(
                        "check_first is longer than {MAX_CHECK_FIRST} characters"
                    )))
                }
                _ => {}
            }
            // The page shows the numbers beside every emergency; the action must send there.
            if flag.urgency == Urgency::Emergency && !flag.action.contains("emergency number") {
                return Err(fail(
                    "is an emergency whose action never says to call the emergency number",
                ));
            }
            // "Any of these:" with nothing after it leaves a person guessing what "these" are.
            if flag.sign.trim_end().ends_with(':') && flag.items.is_empty() {
                return Err(fail("introduces a list (ends with ':') but has no items"));
            }
        }
        for lookalike in &self.lookalikes {
            let fail =
                |problem: &str| entry_error(FILES[4].0, "lookalike", &lookalike.name, problem);
            if let Some(sign) = lookalike.sign.as_deref() {
                if !flag_ids.contains(sign) {
                    return Err(fail(&format!(
                        "names sign \"{sign}\", which does not exist"
                    )));
                }
            }
            if lookalike
                .page
                .as_deref()
                .is_some_and(|p| !p.starts_with('/'))
            {
                return Err(fail("page must be an address in the app, starting with /"));
            }
        }
        if self.services.is_empty() {
            return Err(entry_error(
                FILES[4].0,
                "service",
                "list",
                "names no emergency number",
            ));
        }
        self.check_conditions(&remedy_slugs, &stretch_slugs, &routine_slugs, &flag_ids)?;
        self.check_hazards()?;
        self.check_phone_numbers()?;
        Ok(())
    }

    /// A condition page stands on its warning signs, graded self-care with sources, and links
    /// that resolve; nothing on it is left empty.
    fn check_conditions(
        &self,
        remedy_slugs: &HashSet<&str>,
        stretch_slugs: &HashSet<&str>,
        routine_slugs: &HashSet<&str>,
        flag_ids: &HashSet<&str>,
    ) -> Result<(), ContentError> {
        let file = FILES[6].0;
        unique_slugs(file, self.conditions.iter().map(|c| &c.slug))?;
        let condition_slugs: HashSet<&str> =
            self.conditions.iter().map(|c| c.slug.as_str()).collect();
        for topic in &self.topics {
            if let Some(missing) = topic
                .related_conditions
                .iter()
                .find(|s| !condition_slugs.contains(s.as_str()))
            {
                return Err(entry_error(
                    FILES[2].0,
                    "topic",
                    &topic.slug,
                    &format!("relates condition \"{missing}\", which does not exist"),
                ));
            }
        }
        for lookalike in &self.lookalikes {
            let page = lookalike.page.as_deref().unwrap_or_default();
            if let Some(slug) = page.strip_prefix("/conditions/") {
                if !condition_slugs.contains(slug) {
                    return Err(entry_error(
                        FILES[4].0,
                        "lookalike",
                        &lookalike.name,
                        &format!("links condition \"{slug}\", which does not exist"),
                    ));
                }
            }
        }
        for condition in &self.conditions {
            let fail = |problem: &str| entry_error(file, "condition", &condition.slug, problem);
            check_text(&condition.name, &condition.summary).map_err(|p| fail(&p))?;
            if condition.feels_like.is_empty() || condition.see_a_doctor.is_empty() {
                return Err(fail("needs how it feels and when to see a doctor"));
            }
            if condition.search.is_empty() {
                return Err(fail(
                    "needs `search`: what people type when they want this page",
                ));
            }
            if condition.signs.is_empty() {
                return Err(fail(
                    "names no warning sign; every condition has one that applies",
                ));
            }
            if let Some(missing) = condition
                .signs
                .iter()
                .find(|s| !flag_ids.contains(s.as_str()))
            {
                return Err(fail(&format!(
                    "names sign \"{missing}\", which does not exist"
                )));
            }
            let links = [
                ("remedy", &condition.remedies, remedy_slugs),
                ("stretch", &condition.stretches, stretch_slugs),
                ("routine", &condition.routines, routine_slugs),
            ];
            for (what, slugs, known) in links {
                if let Some(missing) = slugs.iter().find(|s| !known.contains(s.as_str())) {
                    return Err(fail(&format!(
                        "links {what} \"{missing}\", which does not exist"
                    )));
                }
            }
            if condition.self_care.is_empty() {
                return Err(fail("has no self-care"));
            }
            for care in &condition.self_care {
                let fail = |problem: &str| fail(&format!("self-care \"{}\" {problem}", care.title));
                check_sources(&care.sources).map_err(|p| fail(&p))?;
                if care.grade == Grade::X && care.grade_note.is_none() {
                    return Err(fail("is graded X but says nowhere why (add a grade_note)"));
                }
            }
            let cautions = condition
                .self_care
                .iter()
                .flat_map(|care| &care.cautions)
                .chain(&condition.groups);
            if cautions.into_iter().any(|c| c.groups.is_empty()) {
                return Err(fail("has a caution or group line that names no group"));
            }
            check_sources(&condition.sources).map_err(|p| fail(&p))?;
        }
        Ok(())
    }

    /// Every remedy or stretch that involves heat, cold or massage cautions each group a hazard
    /// names: nothing offers heat to someone it could burn without saying so.
    /// Cramp now needs a hold for every muscle it offers, in the order it offers them, with
    /// steps for both ways and pages and drawings that exist.
    fn check_holds(&self, stretch_slugs: &HashSet<&str>) -> Result<(), ContentError> {
        const TIMED_OR_BOTH_LEGS: [&str; 6] = [
            "each leg",
            "both legs",
            "second",
            " times",
            "repetition",
            " reps",
        ];
        use crate::content::model::Muscle;
        let muscles: Vec<Muscle> = self.holds.iter().map(|h| h.muscle).collect();
        if muscles != Muscle::ALL {
            return Err(ContentError {
                file: FILES[1].0,
                entry: "hold".into(),
                problem: format!("needs one hold per muscle, in the order {:?}", Muscle::ALL),
            });
        }
        for hold in &self.holds {
            let fail = |problem: &str| entry_error(FILES[1].0, "hold", hold.muscle.name(), problem);
            if hold.in_bed.is_empty() || hold.standing.is_empty() {
                return Err(fail("needs steps in bed and standing"));
            }
            // A cramp is held on the leg that hurts until it lets go (clinical review 2026-12b,
            // N9): never both legs, never a count of seconds or repetitions.
            if let Some(step) = hold.in_bed.iter().chain(&hold.standing).find(|step| {
                let step = step.to_lowercase();
                TIMED_OR_BOTH_LEGS.iter().any(|words| step.contains(words))
            }) {
                return Err(fail(&format!(
                    "asks for both legs or a timed count: \"{step}\"; hold the leg that hurts until it eases"
                )));
            }
            let named = [hold.in_bed_drawing.as_ref(), hold.standing_drawing.as_ref()];
            if let Some(missing) = named
                .into_iter()
                .flatten()
                .find(|s| !stretch_slugs.contains(s.as_str()))
            {
                return Err(fail(&format!(
                    "names stretch \"{missing}\", which does not exist"
                )));
            }
        }
        Ok(())
    }

    fn check_hazards(&self) -> Result<(), ContentError> {
        let entries = self
            .remedies
            .iter()
            .map(|r| (FILES[0].0, "remedy", &r.slug, &r.involves, &r.cautions))
            .chain(
                self.stretches
                    .iter()
                    .map(|s| (FILES[1].0, "stretch", &s.slug, &s.involves, &s.take_care)),
            )
            .chain(self.conditions.iter().flat_map(|c| {
                c.self_care.iter().map(|care| {
                    (
                        FILES[6].0,
                        "condition self-care",
                        &care.title,
                        &care.involves,
                        &care.cautions,
                    )
                })
            }));
        for (file, what, slug, involves, cautions) in entries {
            for hazard in self
                .hazards
                .iter()
                .filter(|h| involves.contains(&h.exposure))
            {
                if let Some(missing) = hazard
                    .groups
                    .iter()
                    .find(|group| !cautions.iter().any(|c| c.groups.contains(group)))
                {
                    return Err(entry_error(
                        file,
                        what,
                        slug,
                        &format!(
                            "involves {} but has no caution for {} ({})",
                            hazard.exposure.label().to_lowercase(),
                            missing.label(),
                            hazard.why
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Phone numbers are said once, in help.toml's services, so they can't drift apart or leave
    /// out a country.
    fn check_phone_numbers(&self) -> Result<(), ContentError> {
        let texts = self
            .remedies
            .iter()
            .map(|r| (FILES[0].0, "remedy", r.slug.clone(), r.texts()))
            .chain(
                self.stretches
                    .iter()
                    .map(|s| (FILES[1].0, "stretch", s.slug.clone(), s.texts())),
            )
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
                    vec![l.feels_like.as_str(), l.what_to_do.as_str()],
                )
            }));
        for (file, what, name, texts) in texts {
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

/// The longest line in /help's "Check these first" box: it must read at a glance.
const MAX_CHECK_FIRST: usize = 90;

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

fn check_sources(sources: &[Source]) -> Result<(), String> {
    if sources.is_empty() {
        return Err("names no source".into());
    }
    match sources.iter().find(|s| s.link().is_none()) {
        Some(source) => Err(format!(
            "source \"{}\" has no DOI, PMID or URL",
            source.title
        )),
        None => Ok(()),
    }
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

impl Catalogue {
    /// Every text of every entry: none may be empty or carry page chrome.
    fn check_texts(&self) -> Result<(), ContentError> {
        let entries = self
            .remedies
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
            .chain(self.services.iter().map(|s| {
                (
                    FILES[4].0,
                    "service",
                    s.place.clone(),
                    vec![s.place.as_str(), s.emergency.as_str(), s.urgent.as_str()],
                )
            }));
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
}

fn entry_error(file: &'static str, what: &str, name: &str, problem: &str) -> ContentError {
    ContentError {
        file,
        entry: format!("{what} \"{name}\""),
        problem: problem.to_string(),
    }
}

fn check_text(title: &str, summary: &str) -> Result<(), String> {
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

fn unique_slugs<'a>(
    file: &'static str,
    slugs: impl Iterator<Item = &'a String>,
) -> Result<HashSet<&'a str>, ContentError> {
    let mut seen = HashSet::new();
    for slug in slugs {
        let well_formed = !slug.is_empty()
            && slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !well_formed {
            return Err(entry_error(
                file,
                "slug",
                slug,
                "use lowercase letters, digits and dashes",
            ));
        }
        if !seen.insert(slug.as_str()) {
            return Err(entry_error(file, "slug", slug, "is used twice"));
        }
    }
    Ok(seen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_content_loads_and_holds_together() {
        if let Err(err) = Catalogue::load() {
            panic!("{err}");
        }
    }

    #[test]
    fn a_dangling_reference_names_file_and_entry() {
        let mut catalogue = Catalogue::load().expect("content loads");
        catalogue.routines[0].steps.push("no-such-stretch".into());
        let err = catalogue.validate().unwrap_err();
        assert_eq!(err.file, "src/content/data/stretches.toml");
        assert!(err.entry.contains(&catalogue.routines[0].slug), "{err}");
    }

    /// What the source text and the issue name must be there, under these slugs.
    #[test]
    fn the_content_covers_the_source() {
        let catalogue = Catalogue::load().expect("content loads");
        let remedies = [
            "stretch-the-muscle",
            "massage",
            "heat",
            "walk-and-jiggle",
            "drink-for-cramps",
            "eight-glasses-rule",
            "mineral-rich-foods",
            "magnesium-tablets",
            "magnesium-in-pregnancy",
            "vitamin-b-complex",
            "apple-cider-vinegar",
            "pickle-juice",
            "epsom-salt",
            "quinine",
            "calcium-channel-blockers",
            "muscle-relaxants",
            "anti-seizure-medicines",
            "physical-therapy",
            "review-medicines",
            "sleep-habits",
            "sleeping-position",
            "footwear",
            "stress-management",
            "warm-up-and-cool-down",
            "red-pepper",
            "cinnamon",
            "tea-tree-oil",
            "baking-soda",
            "chamomile-compress",
            "sea-salt-and-oil-baths",
            "sprain-rice",
            "sprain-brace-and-exercise",
            "painkillers",
            "nightly-stretching",
            "foam-roller-recovery",
            "insoles",
        ];
        let stretches = [
            "standing-calf-stretch",
            "wall-calf-stretch",
            "seated-calf-stretch-towel",
            "bicycle-legs",
            "ankle-circles",
            "calf-raises",
            "ball-roll-under-foot",
            "squats",
            "lunges",
            "calf-kneading-massage",
            "seated-hamstring-stretch",
            "standing-quad-stretch",
            "foot-cramp-stretch",
            "toe-stretch",
        ];
        let topics = [
            "causes-and-risk-factors",
            "immediate-relief",
            "prevention",
            "food-and-minerals",
            "medical-treatment",
            "leg-pain-causes",
            "foot-and-ankle-pain",
            "pregnancy",
            "physiotherapy",
            "shoes-and-insoles",
            "myths-and-evidence",
            "questions-and-answers",
        ];
        for slug in remedies {
            assert!(
                catalogue.remedy(slug).is_some(),
                "src/content/data/remedies.toml: remedy \"{slug}\" is missing"
            );
        }
        for slug in stretches {
            assert!(
                catalogue.stretch(slug).is_some(),
                "src/content/data/stretches.toml: stretch \"{slug}\" is missing"
            );
        }
        for slug in topics {
            assert!(
                catalogue.topic(slug).is_some(),
                "src/content/data/topics.toml: topic \"{slug}\" is missing"
            );
        }
        for urgency in Urgency::ALL {
            assert!(
                catalogue.red_flags.iter().any(|f| f.urgency == *urgency),
                "src/content/data/red_flags.toml: no red flag for {urgency:?}"
            );
        }
    }

    #[test]
    fn an_x_grade_without_a_reason_is_refused() {
        let mut catalogue = Catalogue::load().expect("content loads");
        let quinine = catalogue
            .remedies
            .iter_mut()
            .find(|r| r.grade == Grade::X)
            .expect("an X remedy");
        quinine.grade_note = None;
        quinine.claims.clear();
        let err = catalogue.validate().unwrap_err();
        assert!(err.problem.contains("graded X"), "{err}");
        assert_eq!(err.file, "src/content/data/remedies.toml");
    }

    #[test]
    fn page_chrome_and_empty_steps_are_refused() {
        let mut catalogue = Catalogue::load().expect("content loads");
        catalogue.topics[1].sections[0]
            .paragraphs
            .push("READ MORE".into());
        let err = catalogue.validate().unwrap_err();
        assert!(err.problem.contains("page chrome"), "{err}");
        assert!(err.entry.contains(&catalogue.topics[1].slug), "{err}");

        let mut catalogue = Catalogue::load().expect("content loads");
        catalogue.stretches[2].steps[1] = " ".into();
        let err = catalogue.validate().unwrap_err();
        assert!(err.problem.contains("empty"), "{err}");
        assert!(err.entry.contains(&catalogue.stretches[2].slug), "{err}");
    }

    /// What the check says of the content with the stroke sign changed by `change`.
    fn refusal_of_stroke_sign(
        change: impl FnOnce(&mut crate::content::model::RedFlag),
    ) -> ContentError {
        let mut catalogue = Catalogue::load().expect("content loads");
        let stroke = catalogue
            .red_flags
            .iter_mut()
            .find(|f| f.id == "stroke")
            .expect("the stroke sign");
        change(stroke);
        catalogue.validate().unwrap_err()
    }

    #[test]
    fn an_emergency_without_the_emergency_number_or_a_list_it_promises_is_refused() {
        let err = refusal_of_stroke_sign(|stroke| {
            stroke.action = "Get help fast: these can be signs of a stroke.".into();
        });
        assert!(err.problem.contains("emergency number"), "{err}");
        assert!(err.entry.contains("stroke"), "{err}");
        let err = refusal_of_stroke_sign(|stroke| stroke.items.clear());
        assert!(err.problem.contains("no items"), "{err}");
    }

    #[test]
    fn a_cramp_hold_that_times_both_legs_is_refused() {
        let mut catalogue = Catalogue::load().expect("content loads");
        catalogue.holds[0]
            .in_bed
            .push("Hold 30 seconds, 3 times, on each leg.".into());
        let err = catalogue.validate().unwrap_err();
        assert!(err.problem.contains("both legs or a timed count"), "{err}");
        assert!(err.entry.contains("calf"), "{err}");
    }

    #[test]
    fn a_syntax_error_names_the_line() {
        let Err(err) = parse::<TopicsFile>("x.toml", "[[topic]]\nslug = \n") else {
            panic!("broken TOML parsed");
        };
        assert_eq!((err.file, err.entry.as_str()), ("x.toml", "line 2"));
    }
}
