//! What the finder searches: every document it can show (warning signs, remedies, stretches and
//! exercises, routines, sections of the topics), what a result shows of each, and which words
//! lead to which documents. The server builds it from the content; the browser gets it encoded
//! (`codec.rs`) and searches the same structure, so both give the same answer.
//!
//! Over 600 lines on purpose: building the index is one pass over the content in which every
//! kind of document is read into the same structure; split by kind, the weights and the
//! postings each kind must fill in alike would be spread over as many files.

use super::{
    sentences::standing_sentences,
    text::{is_stop_word, stem, words},
    tuning::{Tuning, TUNING},
};
use crate::content::model::{
    BodyPart, Caution, Grade, Purpose, Remedy, RemedyKind, Situation, StretchKind, Urgency,
};
use std::collections::{BTreeMap, HashMap};

/// The kinds of document, in the order a result list shows equal scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocKind {
    Sign,
    Remedy,
    Stretch,
    Routine,
    Topic,
    Condition,
}

impl DocKind {
    pub const ALL: [DocKind; 6] = [
        DocKind::Sign,
        DocKind::Remedy,
        DocKind::Stretch,
        DocKind::Routine,
        DocKind::Topic,
        DocKind::Condition,
    ];

    /// The first part of a document's id: `remedy/heat`.
    pub fn id_prefix(self) -> &'static str {
        match self {
            DocKind::Sign => "sign",
            DocKind::Remedy => "remedy",
            DocKind::Stretch => "stretch",
            DocKind::Routine => "routine",
            DocKind::Topic => "topic",
            DocKind::Condition => "condition",
        }
    }
}

/// A document as a result shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    pub kind: DocKind,
    /// The remedy's, stretch's, routine's or topic's slug, or the warning sign's id.
    pub slug: String,
    /// A topic section's anchor on its topic page; empty for the other kinds.
    pub anchor: String,
    /// The remedy's, stretch's or routine's title, a topic section's heading, a sign's words.
    pub title: String,
    /// The summary (a topic section has its topic's); a warning sign's "what to do now".
    pub summary: String,
    /// A topic section's paragraphs' leading sentences that make sense alone, for its result to
    /// show the one that matches (see `snippet.rs`); empty for the other kinds.
    pub sentences: Vec<String>,
    /// A warning sign's list of "any of these:"; empty for the other kinds.
    pub items: Vec<String>,
    /// The stretch's kind ("Exercise"), or the topic's title for a section; else empty.
    pub label: String,
    pub grade: Option<Grade>,
    pub urgency: Option<Urgency>,
    /// A remedy's cautions: a remedy is never shown without them.
    pub cautions: Vec<Caution>,
    pub facets: Facets,
    /// A topic that gathers answers from the others.
    pub digest: bool,
    /// The remedies a condition's page names as help (positions in `SearchIndex::docs`);
    /// empty for the other kinds.
    pub links: Vec<u16>,
}

impl Doc {
    /// A document of `kind` with nothing but its name and words; each kind adds what it has.
    fn new(kind: DocKind, slug: &str, title: &str, summary: &str) -> Self {
        Self {
            kind,
            slug: slug.to_string(),
            anchor: String::new(),
            title: title.to_string(),
            summary: summary.to_string(),
            sentences: Vec::new(),
            items: Vec::new(),
            label: String::new(),
            grade: None,
            urgency: None,
            cautions: Vec::new(),
            facets: Facets::default(),
            digest: false,
            links: Vec::new(),
        }
    }

    /// `remedy/heat`, `sign/clot-in-the-leg`, `topic/pregnancy` (every section of a topic has
    /// the topic's id).
    pub fn id(&self) -> String {
        format!("{}/{}", self.kind.id_prefix(), self.slug)
    }

    /// Where the result links to.
    pub fn href(&self) -> String {
        match self.kind {
            DocKind::Sign => format!("/help#{}", self.slug),
            DocKind::Remedy => format!("/remedies/{}", self.slug),
            DocKind::Stretch => format!("/stretches/{}", self.slug),
            DocKind::Routine => format!("/routines/{}", self.slug),
            DocKind::Topic => format!("/learn/{}#{}", self.slug, self.anchor),
            DocKind::Condition => format!("/conditions/{}", self.slug),
        }
    }
}

/// A remedy's filterable facts, each a bit set over its enum's `ALL` list; zero for the other
/// kinds of document, which no remedy filter lets through. A stretch has only its purposes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Facets {
    pub situations: u16,
    pub parts: u16,
    pub kinds: u16,
    pub grades: u16,
    pub purposes: u16,
}

impl Facets {
    pub fn of_remedy(remedy: &Remedy) -> Self {
        Self {
            situations: bits(Situation::ALL, &remedy.situations),
            parts: bits(BodyPart::ALL, &remedy.body_parts),
            kinds: bits(RemedyKind::ALL, &[remedy.kind]),
            grades: bits(Grade::ALL, &[remedy.grade]),
            purposes: 0,
        }
    }

    /// AND across the kinds of filter, OR within one; an empty filter lets everything through.
    /// A remedy for no body part in particular does not pass a body-part filter. Purposes are
    /// not a filter.
    pub fn passes(self, filter: Self) -> bool {
        let allows = |wanted: u16, has: u16| wanted == 0 || wanted & has != 0;
        allows(filter.situations, self.situations)
            && allows(filter.parts, self.parts)
            && allows(filter.kinds, self.kinds)
            && allows(filter.grades, self.grades)
    }
}

pub fn bits<T: PartialEq>(all: &[T], chosen: &[T]) -> u16 {
    all.iter()
        .enumerate()
        .filter(|(_, value)| chosen.contains(value))
        .fold(0, |bits, (position, _)| bits | 1 << position)
}

/// Where a word stands in a document. The title says what it is; the keywords (situations,
/// body parts, kinds, a sign's people's words) say what it is for; the rest only mentions things.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    /// What people type when they want the document (its `search` list).
    Phrases,
    Keywords,
    Summary,
    Body,
}

impl Field {
    const ALL: [Field; 5] = [
        Field::Title,
        Field::Phrases,
        Field::Keywords,
        Field::Summary,
        Field::Body,
    ];

    /// How much one occurrence counts (BM25F field weights).
    fn weight(self, tuning: &Tuning) -> f32 {
        match self {
            Field::Title => tuning.title,
            Field::Phrases => tuning.phrases,
            Field::Keywords => tuning.keywords,
            Field::Summary => tuning.summary,
            Field::Body => tuning.body,
        }
    }

    /// How much a long field dilutes a word in it (BM25's b): titles barely.
    fn length_norm(self, tuning: &Tuning) -> f32 {
        match self {
            Field::Title | Field::Phrases | Field::Keywords => tuning.short_norm,
            Field::Summary => tuning.summary_norm,
            Field::Body => tuning.body_norm,
        }
    }
}

/// One document holding a stem: `value` packs whether the stem is in its title (top bit) and
/// its weighted, length-normalised frequency in eighths (low 7 bits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub doc: u16,
    pub value: u8,
}

pub const IN_TITLE: u8 = 0x80;
/// The frequency is kept in eighths: enough to order documents, one byte each.
pub const FREQUENCY_STEPS: f32 = 8.0;

impl Posting {
    pub fn in_title(self) -> bool {
        self.value & IN_TITLE != 0
    }

    pub fn frequency(self) -> f32 {
        f32::from(self.value & !IN_TITLE) / FREQUENCY_STEPS
    }
}

/// How sure the finder is that a saying means a word, in percent.
pub const SAME: u8 = 90;
pub const RELATED: u8 = 50;

/// A stem a word may stand for, and how sure we are (percent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alternative {
    pub stem: u32,
    pub quality: u8,
}

/// A run of words that means more than its parts ("charley horse", "short of breath").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub stems: Vec<u32>,
    pub alternatives: Vec<Alternative>,
}

/// What a warning sign is found by: one of its people's phrases, as the stems that must all be
/// in the query (said directly, in people's words, or with a small typo).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trigger {
    pub doc: u16,
    pub stems: Vec<u32>,
}

/// The searchable index. Build it once ([`SearchIndex::build`] on the server, or decode it in the
/// browser); searching never changes it.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchIndex {
    pub docs: Vec<Doc>,
    /// Every stem the finder understands, sorted: the content's and the sayings'.
    pub stems: Vec<String>,
    /// For each stem, the documents that hold it, in document order.
    pub postings: Vec<Vec<Posting>>,
    /// For each stem, the other stems it stands for (people's words).
    pub alternatives: Vec<Vec<Alternative>>,
    pub phrases: Vec<Phrase>,
    pub triggers: Vec<Trigger>,
}

/// Collects the words of the documents while the index is built.
#[derive(Default)]
struct Builder {
    stem_ids: HashMap<String, u32>,
    stems: Vec<String>,
    /// (stem, doc) → occurrences per field.
    counts: BTreeMap<(u32, u16), [u16; 5]>,
    /// Per document, the number of words per field.
    lengths: Vec<[u32; 5]>,
    docs: Vec<Doc>,
}

impl Builder {
    fn intern(&mut self, stem: &str) -> u32 {
        if let Some(&id) = self.stem_ids.get(stem) {
            return id;
        }
        let id = self.stems.len() as u32;
        self.stem_ids.insert(stem.to_string(), id);
        self.stems.push(stem.to_string());
        id
    }

    /// Adds a document with its text in each field, in [`Field::ALL`] order (empty where it
    /// has none).
    fn add_doc(&mut self, doc: Doc, texts: [&str; Field::ALL.len()]) -> u16 {
        let position = u16::try_from(self.docs.len()).expect("fewer than 65,536 documents");
        self.docs.push(doc);
        self.lengths.push([0; 5]);
        for (field, text) in Field::ALL.into_iter().zip(texts) {
            for word in words(text) {
                if is_stop_word(&word) {
                    continue;
                }
                let id = self.intern(&stem(&word));
                self.counts.entry((id, position)).or_default()[field as usize] += 1;
                self.lengths[usize::from(position)][field as usize] += 1;
            }
        }
        position
    }
}

/// A section heading as an address anchor: "Calf cramp in bed" → `calf-cramp-in-bed`.
pub fn anchor(heading: &str) -> String {
    words(heading).join("-")
}

impl SearchIndex {
    pub fn build(catalogue: &crate::content::Catalogue) -> Self {
        Self::build_tuned(catalogue, &TUNING)
    }

    /// With other field weights: for choosing them.
    pub fn build_tuned(catalogue: &crate::content::Catalogue, tuning: &Tuning) -> Self {
        let mut builder = Builder::default();
        let mut trigger_texts: Vec<(u16, &str)> = Vec::new();

        for flag in &catalogue.red_flags {
            let doc = Doc {
                urgency: Some(flag.urgency),
                items: flag.items.clone(),
                ..Doc::new(DocKind::Sign, &flag.id, &flag.sign, &flag.action)
            };
            let phrases = flag.search.join(". ");
            let body = flag
                .items
                .iter()
                .chain(&flag.more_likely_if)
                .chain([&flag.action])
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(". ");
            let title = [
                flag.sign.as_str(),
                flag.check_first.as_deref().unwrap_or(""),
            ]
            .join(". ");
            let position = builder.add_doc(doc, [&title, &phrases, "", "", &body]);
            trigger_texts.extend(flag.search.iter().map(|text| (position, text.as_str())));
        }
        for remedy in &catalogue.remedies {
            let doc = Doc {
                grade: Some(remedy.grade),
                // In the order the index's bytes keep them.
                cautions: remedy
                    .cautions
                    .iter()
                    .map(|c| {
                        let mut groups = c.groups.clone();
                        groups.sort();
                        Caution {
                            groups,
                            text: c.text.clone(),
                        }
                    })
                    .collect(),
                facets: Facets::of_remedy(remedy),
                ..Doc::new(
                    DocKind::Remedy,
                    &remedy.slug,
                    &remedy.title,
                    &remedy.summary,
                )
            };
            // The slug is the remedy's short name: "sleeping-position" for "Toes up, covers loose".
            let title = format!("{}. {}", remedy.title, remedy.slug.replace('-', " "));
            let keywords = remedy
                .situations
                .iter()
                .map(|s| s.label())
                .chain(remedy.body_parts.iter().map(|p| p.label()))
                .chain([remedy.kind.label()])
                .collect::<Vec<_>>()
                .join(". ");
            let phrases = remedy.search.join(". ");
            let body = remedy
                .steps
                .iter()
                .map(String::as_str)
                .chain(remedy.grade_note.as_deref())
                .chain(
                    remedy
                        .claims
                        .iter()
                        .flat_map(|c| [c.claim.as_str(), c.evidence.as_str()]),
                )
                .collect::<Vec<_>>()
                .join(". ");
            builder.add_doc(doc, [&title, &phrases, &keywords, &remedy.summary, &body]);
        }
        for stretch in &catalogue.stretches {
            let doc = Doc {
                label: match stretch.kind {
                    StretchKind::Stretch => String::new(),
                    other => other.label().to_string(),
                },
                facets: Facets {
                    purposes: bits(Purpose::ALL, &stretch.purposes),
                    ..Facets::default()
                },
                ..Doc::new(
                    DocKind::Stretch,
                    &stretch.slug,
                    &stretch.title,
                    &stretch.summary,
                )
            };
            let keywords = stretch
                .body_parts
                .iter()
                .map(|p| p.label())
                .chain(stretch.purposes.iter().map(|p| p.label()))
                .chain([stretch.kind.label()])
                .collect::<Vec<_>>()
                .join(". ");
            let phrases = stretch.search.join(". ");
            let body = stretch.steps.join(". ");
            builder.add_doc(
                doc,
                [&stretch.title, &phrases, &keywords, &stretch.summary, &body],
            );
        }
        for routine in &catalogue.routines {
            let doc = Doc::new(
                DocKind::Routine,
                &routine.slug,
                &routine.title,
                &routine.summary,
            );
            let body = routine
                .steps
                .iter()
                .filter_map(|slug| catalogue.stretch(slug))
                .map(|s| s.title.as_str())
                .collect::<Vec<_>>()
                .join(". ");
            let phrases = routine.search.join(". ");
            builder.add_doc(
                doc,
                [&routine.title, &phrases, "routine", &routine.summary, &body],
            );
        }
        for topic in &catalogue.topics {
            for section in &topic.sections {
                let doc = Doc {
                    anchor: anchor(&section.heading),
                    label: topic.title.clone(),
                    digest: topic.digest,
                    sentences: standing_sentences(section.paragraphs.iter().map(String::as_str)),
                    ..Doc::new(
                        DocKind::Topic,
                        &topic.slug,
                        &section.heading,
                        &topic.summary,
                    )
                };
                let body = section
                    .paragraphs
                    .iter()
                    .chain(&section.bullets)
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(". ");
                let keywords = format!("{}. {}", topic.title, topic.summary);
                let phrases = section.search.join(". ");
                builder.add_doc(doc, [&section.heading, &phrases, &keywords, "", &body]);
            }
        }

        let remedy_positions: HashMap<String, u16> = builder
            .docs
            .iter()
            .enumerate()
            .filter(|(_, doc)| doc.kind == DocKind::Remedy)
            .map(|(position, doc)| (doc.slug.clone(), position as u16))
            .collect();
        for condition in &catalogue.conditions {
            // Only its remedies: the evaluation's judges took a condition's remedies as help
            // for it far more often than its stretches, which its page shows anyway.
            let links = condition
                .remedies
                .iter()
                .filter_map(|slug| remedy_positions.get(slug).copied())
                .collect();
            let doc = Doc {
                links,
                ..Doc::new(
                    DocKind::Condition,
                    &condition.slug,
                    &condition.name,
                    &condition.summary,
                )
            };
            // Its other names say what it is as much as its name does.
            let title = std::iter::once(&condition.name)
                .chain(&condition.also_called)
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(". ");
            let phrases = condition.search.join(". ");
            let body = condition
                .feels_like
                .iter()
                .chain([&condition.not_a_cramp])
                .chain(condition.self_care.iter().map(|care| &care.title))
                .chain(&condition.see_a_doctor)
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(". ");
            builder.add_doc(doc, [&title, &phrases, "", &condition.summary, &body]);
        }

        // People's words: every saying becomes a stem (or a phrase) that stands for the stems of
        // the words it means.
        let content_stems = builder.stems.len();
        let mut alternatives: HashMap<u32, Vec<Alternative>> = HashMap::new();
        let mut phrases = Vec::new();
        let groups = catalogue
            .same
            .iter()
            .map(|s| (s, SAME))
            .chain(catalogue.related.iter().map(|s| (s, RELATED)));
        for (sayings, quality) in groups {
            let targets: Vec<Alternative> = sayings
                .means
                .iter()
                .flat_map(|meaning| words(meaning))
                .filter_map(|word| builder.stem_ids.get(&stem(&word)).copied())
                .filter(|&id| (id as usize) < content_stems)
                .map(|stem| Alternative { stem, quality })
                .collect();
            for saying in &sayings.sayings {
                let stems: Vec<u32> = words(saying)
                    .iter()
                    .map(|w| builder.intern(&stem(w)))
                    .collect();
                match stems.as_slice() {
                    [one] => {
                        let found = alternatives.entry(*one).or_default();
                        for &target in &targets {
                            merge(found, target);
                        }
                    }
                    _ => phrases.push(Phrase {
                        stems,
                        alternatives: targets.clone(),
                    }),
                }
            }
        }
        let triggers = trigger_texts
            .into_iter()
            .map(|(doc, text)| Trigger {
                doc,
                stems: words(text)
                    .iter()
                    .map(|word| builder.intern(&stem(word)))
                    .collect(),
            })
            .collect::<Vec<_>>();

        // Frequencies: BM25F, each field weighted and normalised by its average length.
        let count = builder.docs.len().max(1) as f32;
        let mut average = [0_f32; 5];
        for lengths in &builder.lengths {
            for (sum, &length) in average.iter_mut().zip(lengths) {
                *sum += length as f32 / count;
            }
        }
        let mut postings: Vec<Vec<Posting>> = vec![Vec::new(); builder.stems.len()];
        for (&(stem, doc), counts) in &builder.counts {
            let lengths = builder.lengths[usize::from(doc)];
            let frequency: f32 = Field::ALL
                .iter()
                .map(|&field| {
                    let f = field as usize;
                    let b = field.length_norm(tuning);
                    let norm = 1.0 - b + b * lengths[f] as f32 / average[f].max(1.0);
                    field.weight(tuning) * f32::from(counts[f]) / norm
                })
                .sum();
            let steps = (frequency * FREQUENCY_STEPS).round().clamp(1.0, 127.0) as u8;
            let title = if counts[Field::Title as usize] > 0 {
                IN_TITLE
            } else {
                0
            };
            postings[stem as usize].push(Posting {
                doc,
                value: title | steps,
            });
        }

        // Sorted stems, so the browser can complete and correct words by range.
        let mut order: Vec<u32> = (0..builder.stems.len() as u32).collect();
        order.sort_by(|a, b| builder.stems[*a as usize].cmp(&builder.stems[*b as usize]));
        let mut renumber = vec![0_u32; order.len()];
        for (new, &old) in order.iter().enumerate() {
            renumber[old as usize] = new as u32;
        }
        let remap = |alternatives: &[Alternative]| {
            let mut mapped: Vec<Alternative> = alternatives
                .iter()
                .map(|a| Alternative {
                    stem: renumber[a.stem as usize],
                    quality: a.quality,
                })
                .collect();
            mapped.sort_by_key(|a| a.stem);
            mapped
        };
        Self {
            stems: order
                .iter()
                .map(|&old| builder.stems[old as usize].clone())
                .collect(),
            postings: order
                .iter()
                .map(|&old| std::mem::take(&mut postings[old as usize]))
                .collect(),
            alternatives: order
                .iter()
                .map(|old| alternatives.get(old).map(|a| remap(a)).unwrap_or_default())
                .collect(),
            phrases: phrases
                .into_iter()
                .map(|p| Phrase {
                    stems: p.stems.iter().map(|s| renumber[*s as usize]).collect(),
                    alternatives: remap(&p.alternatives),
                })
                .collect(),
            triggers: triggers
                .into_iter()
                .map(|t| Trigger {
                    doc: t.doc,
                    stems: t.stems.iter().map(|s| renumber[*s as usize]).collect(),
                })
                .collect(),
            docs: builder.docs,
        }
    }

    /// The stem's id, if the finder knows it.
    pub fn stem_id(&self, stem: &str) -> Option<u32> {
        self.stems
            .binary_search_by(|s| s.as_str().cmp(stem))
            .ok()
            .map(|i| i as u32)
    }
}

/// Adds `alternative`, keeping the better quality of two for one stem.
pub fn merge(found: &mut Vec<Alternative>, alternative: Alternative) {
    match found.iter_mut().find(|a| a.stem == alternative.stem) {
        Some(known) => known.quality = known.quality.max(alternative.quality),
        None => found.push(alternative),
    }
}
