//! The shape of everything the app teaches. Data lives in `data/*.toml`; these types are shared
//! by the server (which reads the data) and the browser (which receives parts of it).

use serde::{Deserialize, Serialize};

/// The muscles a cramp comes in: Cramp now has a hold for each, and the diary records them.
pub use guide_core::diary::Muscle;

mod kinds;
pub use kinds::*;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: String,
    pub year: u16,
    #[serde(default)]
    pub doi: Option<String>,
    #[serde(default)]
    pub pmid: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

impl Source {
    /// A link a reader can follow: the DOI, else PubMed, else the page.
    pub fn link(&self) -> Option<String> {
        self.doi
            .as_ref()
            .map(|doi| format!("https://doi.org/{doi}"))
            .or_else(|| {
                self.pmid
                    .as_ref()
                    .map(|id| format!("https://pubmed.ncbi.nlm.nih.gov/{id}/"))
            })
            .or_else(|| self.url.clone())
    }
}

/// A safety note for named groups of people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Caution {
    pub groups: Vec<Group>,
    pub text: String,
}

/// Where a source claims more than the evidence supports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub claim: String,
    pub evidence: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Remedy {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub kind: RemedyKind,
    pub situations: Vec<Situation>,
    #[serde(default)]
    pub body_parts: Vec<BodyPart>,
    pub grade: Grade,
    #[serde(default)]
    pub grade_note: Option<String>,
    pub steps: Vec<String>,
    /// What people type when they want this page (the finder's strongest words for it).
    #[serde(default)]
    pub search: Vec<String>,
    #[serde(default)]
    pub stretches: Vec<String>,
    /// What it does that some people must not have (heat, cold, massage).
    #[serde(default)]
    pub involves: Vec<Exposure>,
    pub sources: Vec<Source>,
    pub cautions: Vec<Caution>,
    #[serde(default)]
    pub claims: Vec<Claim>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sides {
    /// Left leg, then right leg.
    Each,
    /// Both legs at once.
    Both,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stretch {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub kind: StretchKind,
    pub body_parts: Vec<BodyPart>,
    pub purposes: Vec<Purpose>,
    pub hold_seconds: u16,
    pub repetitions: u8,
    pub sides: Sides,
    pub rest_seconds: u16,
    pub steps: Vec<String>,
    /// What people type when they want this page (the finder's strongest words for it).
    #[serde(default)]
    pub search: Vec<String>,
    pub illustration: String,
    #[serde(default)]
    pub involves: Vec<Exposure>,
    pub take_care: Vec<Caution>,
}

/// How Cramp now tells a person to stretch one muscle: one gentle hold until it eases, in bed
/// first, standing as the alternative. The island guides it; `/cramp/<muscle>` shows it without
/// JavaScript.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrampHold {
    pub muscle: Muscle,
    pub in_bed: Vec<String>,
    /// A stretch whose drawing shows the in-bed hold.
    #[serde(default)]
    pub in_bed_drawing: Option<String>,
    pub standing: Vec<String>,
    #[serde(default)]
    pub standing_drawing: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Routine {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub rest_seconds: u16,
    pub steps: Vec<String>,
    /// What people type when they want this page (the finder's strongest words for it).
    #[serde(default)]
    pub search: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub heading: String,
    pub paragraphs: Vec<String>,
    #[serde(default)]
    pub bullets: Vec<String>,
    /// What people type when this section answers them (the finder's strongest words for it).
    #[serde(default)]
    pub search: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub slug: String,
    pub title: String,
    pub summary: String,
    #[serde(default)]
    pub related_remedies: Vec<String>,
    #[serde(default)]
    pub related_stretches: Vec<String>,
    /// Condition pages that say more about what the topic touches on.
    #[serde(default)]
    pub related_conditions: Vec<String>,
    /// A topic that gathers answers from the others (questions and answers): the finder prefers
    /// the dedicated topic.
    #[serde(default)]
    pub digest: bool,
    pub sections: Vec<Section>,
}

/// Something a person can do for a condition themselves, graded like a remedy, with the
/// sources that grade rests on and who must take care.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Care {
    pub title: String,
    pub text: String,
    pub grade: Grade,
    #[serde(default)]
    pub grade_note: Option<String>,
    pub sources: Vec<Source>,
    /// What it does that some people must not have (heat, cold, massage).
    #[serde(default)]
    pub involves: Vec<Exposure>,
    #[serde(default)]
    pub cautions: Vec<Caution>,
}

/// A common cause of leg pain that is not a cramp, as a health A to Z shows one: how it feels,
/// the warning signs that apply (always above the self-care), what helps, and when to get help.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// Its address: `/conditions/<slug>`.
    pub slug: String,
    /// "Heel pain (plantar fasciitis)": the A to Z sorts by it.
    pub name: String,
    pub summary: String,
    /// Other names people know it by.
    #[serde(default)]
    pub also_called: Vec<String>,
    /// How it feels, in a person's words.
    pub feels_like: Vec<String>,
    /// How to tell it from a cramp.
    pub not_a_cramp: String,
    /// The warning signs that apply (red flag ids), shown above everything that follows.
    pub signs: Vec<String>,
    pub self_care: Vec<Care>,
    /// When to see a doctor, physiotherapist or pharmacist (not urgent).
    pub see_a_doctor: Vec<String>,
    #[serde(default)]
    pub stretches: Vec<String>,
    #[serde(default)]
    pub routines: Vec<String>,
    #[serde(default)]
    pub remedies: Vec<String>,
    /// A line each for pregnancy, older adults, diabetes or children, where it matters.
    #[serde(default)]
    pub groups: Vec<Caution>,
    /// What people type when they want this page (the finder's strongest words for it).
    pub search: Vec<String>,
    /// Where the page's facts were checked (NHS, NICE CKS, a review).
    pub sources: Vec<Source>,
}

/// A warning sign: what a person notices, how urgent it is and what to do now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedFlag {
    /// Unique; the sign's anchor on /help (`/help#clot-in-the-lungs`).
    pub id: String,
    pub urgency: Urgency,
    /// What the person notices, in their words.
    pub sign: String,
    /// Near-identical signs grouped under one: "any of these".
    #[serde(default)]
    pub items: Vec<String>,
    /// Situations that make it more likely ("after surgery", "in the 6 weeks after birth").
    #[serde(default)]
    pub more_likely_if: Vec<String>,
    /// What to do now.
    pub action: String,
    /// What people type when they have this sign: a query holding every word of one of these (in
    /// any form, or in people's words) puts the sign above every other result.
    pub search: Vec<String>,
    /// The short line in /help's "Check these first" box; every emergency sign has one.
    #[serde(default)]
    pub check_first: Option<String>,
    /// Who it mostly concerns; empty for anyone.
    #[serde(default)]
    pub groups: Vec<Group>,
    pub sources: Vec<Source>,
}

/// Where to call, said once for everyone: an emergency number and an urgent-care line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub place: String,
    pub emergency: String,
    pub urgent: String,
}

/// Something that can feel like a cramp but is not, for the "Is it a cramp?" panel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lookalike {
    pub name: String,
    pub feels_like: String,
    pub what_to_do: String,
    /// The warning sign to read (a red flag id), shown as a link to it on /help.
    #[serde(default)]
    pub sign: Option<String>,
    /// A page of the app with more (`/cramp`, `/learn/leg-pain-causes`).
    #[serde(default)]
    pub page: Option<String>,
}

/// People's words: `sayings` also find what uses the words of `means`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sayings {
    pub sayings: Vec<String>,
    pub means: Vec<String>,
}

/// People for whom an exposure is unsafe: every remedy or stretch that involves it must carry a
/// caution naming each of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hazard {
    pub exposure: Exposure,
    pub groups: Vec<Group>,
    pub why: String,
}

/// What a list shows of a remedy: enough to choose, and never without grade and cautions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RemedySummary {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub grade: Grade,
    pub cautions: Vec<Caution>,
}

impl From<&Remedy> for RemedySummary {
    fn from(remedy: &Remedy) -> Self {
        Self {
            slug: remedy.slug.clone(),
            title: remedy.title.clone(),
            summary: remedy.summary.clone(),
            grade: remedy.grade,
            cautions: remedy.cautions.clone(),
        }
    }
}

impl From<Remedy> for RemedySummary {
    fn from(remedy: Remedy) -> Self {
        Self::from(&remedy)
    }
}

impl Caution {
    /// "Pregnancy, Kidney disease": who the note is for.
    pub fn groups_label(&self) -> String {
        self.groups
            .iter()
            .map(|g| g.label())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn caution_texts(cautions: &[Caution]) -> impl Iterator<Item = &str> {
    cautions.iter().map(|c| c.text.as_str())
}

impl Remedy {
    /// Every piece of text a person reads on this remedy's page.
    pub fn texts(&self) -> Vec<&str> {
        [self.title.as_str(), self.summary.as_str()]
            .into_iter()
            .chain(self.grade_note.as_deref())
            .chain(self.steps.iter().map(String::as_str))
            .chain(self.sources.iter().map(|s| s.title.as_str()))
            .chain(caution_texts(&self.cautions))
            .chain(
                self.claims
                    .iter()
                    .flat_map(|c| [c.claim.as_str(), c.evidence.as_str()]),
            )
            .collect()
    }
}

impl Stretch {
    pub fn texts(&self) -> Vec<&str> {
        [
            self.title.as_str(),
            self.summary.as_str(),
            self.illustration.as_str(),
        ]
        .into_iter()
        .chain(self.steps.iter().map(String::as_str))
        .chain(caution_texts(&self.take_care))
        .collect()
    }
}

impl Condition {
    pub fn texts(&self) -> Vec<&str> {
        [
            self.name.as_str(),
            self.summary.as_str(),
            self.not_a_cramp.as_str(),
        ]
        .into_iter()
        .chain(self.also_called.iter().map(String::as_str))
        .chain(self.feels_like.iter().map(String::as_str))
        .chain(self.self_care.iter().flat_map(|care| {
            [care.title.as_str(), care.text.as_str()]
                .into_iter()
                .chain(care.grade_note.as_deref())
                .chain(caution_texts(&care.cautions))
                .chain(care.sources.iter().map(|s| s.title.as_str()))
        }))
        .chain(self.see_a_doctor.iter().map(String::as_str))
        .chain(caution_texts(&self.groups))
        .chain(self.sources.iter().map(|s| s.title.as_str()))
        .collect()
    }
}

impl RedFlag {
    pub fn texts(&self) -> Vec<&str> {
        [self.sign.as_str(), self.action.as_str()]
            .into_iter()
            .chain(self.items.iter().map(String::as_str))
            .chain(self.more_likely_if.iter().map(String::as_str))
            .chain(self.check_first.as_deref())
            .chain(self.sources.iter().map(|s| s.title.as_str()))
            .collect()
    }
}

impl Topic {
    pub fn texts(&self) -> Vec<&str> {
        [self.title.as_str(), self.summary.as_str()]
            .into_iter()
            .chain(self.sections.iter().flat_map(|s| {
                std::iter::once(s.heading.as_str())
                    .chain(s.paragraphs.iter().map(String::as_str))
                    .chain(s.bullets.iter().map(String::as_str))
            }))
            .collect()
    }
}

#[cfg(test)]
mod tests;
