//! The checks the content passes before the server starts: unique slugs, references that
//! resolve, nothing required left empty, cautions for every hazard, and no leftovers of the
//! scraped web pages.

use super::{Catalogue, ContentError, FILES};
use crate::content::model::*;
use std::collections::HashSet;

mod texts;
use texts::check_text;

impl Catalogue {
    /// Structural checks: unique slugs, references that resolve, nothing required left empty,
    /// no leftovers of the scraped web pages.
    pub(super) fn validate(&self) -> Result<(), ContentError> {
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
}

/// The longest line in /help's "Check these first" box: it must read at a glance.
const MAX_CHECK_FIRST: usize = 90;

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

fn entry_error(file: &'static str, what: &str, name: &str, problem: &str) -> ContentError {
    ContentError {
        file,
        entry: format!("{what} \"{name}\""),
        problem: problem.to_string(),
    }
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
