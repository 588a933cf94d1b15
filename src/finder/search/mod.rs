//! The finder's search: the words a person types and the filters they pick, turned into a ranked
//! list of remedies.
//!
//! Pure Rust without I/O: the server runs it for the first page and the search server function,
//! and the browser runs the same code offline, so both always give the same answer.

mod query;
mod synonyms;
mod words;

pub use query::{Query, MAX_TEXT_CHARS};

use crate::content::model::{BodyPart, Grade, Remedy, RemedyKind, Situation};
use std::{
    cmp::Reverse,
    collections::{BTreeMap, HashMap},
};
use synonyms::{RELATED_MEANING, SAME_MEANING};
use words::{allowed_typos, is_stop_word, stem, typo_distance, words, RELIEF_NOW_WORDS};

/// Where a word stands in a remedy. The title says what a remedy is; the situation, body part and
/// kind labels say what it is for; the summary and the rest only mention things.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Label,
    Summary,
    Body,
}

impl Field {
    /// Strongest first.
    const ALL: [Self; 4] = [Self::Title, Self::Label, Self::Summary, Self::Body];

    const fn bit(self) -> u8 {
        1 << self as u8
    }

    const fn weight(self) -> u32 {
        match self {
            Self::Title => 100,
            Self::Label => 60,
            Self::Summary => 40,
            Self::Body => 20,
        }
    }
}

/// A word found in several parts of a remedy is a little more about it than one found once.
const EXTRA_FIELD_POINTS: u32 = 5;

/// Points for the strongest field a word appears in, plus a little for each further one.
fn fields_points(fields: u8) -> u32 {
    let mut present = Field::ALL.iter().filter(|field| fields & field.bit() != 0);
    present.next().map_or(0, |strongest| {
        strongest.weight() + EXTRA_FIELD_POINTS * present.count() as u32
    })
}

/// How sure the finder is that a typed word means a word in the remedies, in percent.
const EXACT: u32 = 100;
const SAME: u32 = 90;
const RELATED: u32 = 50;
const TYPO: u32 = 60;
/// A half-typed word earns between these two, more the more of the word has been typed.
const PREFIX_LEAST: u32 = 50;
const PREFIX_MOST: u32 = 90;
/// Fewer letters than this complete to too many words to mean anything.
const MIN_PREFIX_CHARS: usize = 3;

/// One remedy that contains a stem, and the fields it appears in (as `Field::bit`s).
#[derive(Debug, Clone, Copy)]
struct Posting {
    remedy: u16,
    fields: u8,
}

/// One stem a typed word may stand for, and how sure we are of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Alternative {
    stem: u32,
    quality: u32,
}

/// A word the finder understands, as a stem, with the stems it finds.
#[derive(Debug)]
struct Entry {
    word: Box<str>,
    alternatives: Box<[Alternative]>,
}

/// A run of words that means more than its parts ("charley horse", "tonic water").
#[derive(Debug)]
struct Phrase {
    stems: Box<[Box<str>]>,
    alternatives: Box<[Alternative]>,
}

/// The filterable facts of a remedy, each as a bit set over the enum's `ALL` list.
#[derive(Debug, Clone, Copy, Default)]
struct Facets {
    situations: u16,
    parts: u16,
    kinds: u16,
    grades: u16,
}

impl Facets {
    fn of_query(query: &Query) -> Self {
        Self {
            situations: bits(Situation::ALL, &query.situations),
            parts: bits(BodyPart::ALL, &query.parts),
            kinds: bits(RemedyKind::ALL, &query.kinds),
            grades: bits(Grade::ALL, &query.grades),
        }
    }

    fn of_remedy(remedy: &Remedy) -> Self {
        Self {
            situations: bits(Situation::ALL, &remedy.situations),
            parts: bits(BodyPart::ALL, &remedy.body_parts),
            kinds: bits(RemedyKind::ALL, &[remedy.kind]),
            grades: bits(Grade::ALL, &[remedy.grade]),
        }
    }

    /// AND across the kinds of filter, OR within one; an empty filter lets everything through.
    /// A remedy for no body part in particular does not pass a body-part filter.
    fn passes(self, filter: Self) -> bool {
        let allows = |wanted: u16, has: u16| wanted == 0 || wanted & has != 0;
        allows(filter.situations, self.situations)
            && allows(filter.parts, self.parts)
            && allows(filter.kinds, self.kinds)
            && allows(filter.grades, self.grades)
    }
}

fn bits<T: PartialEq>(all: &[T], chosen: &[T]) -> u16 {
    all.iter()
        .enumerate()
        .filter(|(_, value)| chosen.contains(value))
        .fold(0, |bits, (position, _)| bits | 1 << position)
}

#[derive(Debug)]
struct RemedyFacts {
    kind: RemedyKind,
    grade: Grade,
    facets: Facets,
}

/// Searches the remedies. Build it once; searching does not touch the remedies again.
#[derive(Debug)]
pub struct SearchIndex {
    remedies: Vec<RemedyFacts>,
    /// For each stem (by id), the remedies that contain it.
    postings: Vec<Vec<Posting>>,
    /// Every word the finder understands, sorted: the remedies' stems and the synonyms' stems.
    lexicon: Vec<Entry>,
    /// Words as written, sorted, each with its lexicon entry: for completing a half-typed word.
    completions: Vec<(Box<str>, u32)>,
    phrases: Vec<Phrase>,
    /// Stems that say as much as picking a situation: a search for "nocturnal" (which finds
    /// "night") is about night cramps.
    situation_stems: Vec<(Situation, u32)>,
}

/// A remedy the search found: its position in the slice the index was built from, and how well
/// it matched (higher is better; only comparable within one search). Hits come best first,
/// except that a remedy graded X that nobody asked for comes last whatever its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub index: usize,
    pub score: u32,
}

/// Collects the remedies' words while the index is built.
#[derive(Default)]
struct Vocabulary {
    stem_ids: HashMap<String, u32>,
    postings: Vec<Vec<Posting>>,
    /// Each word as written, with its stem.
    spellings: HashMap<String, String>,
}

impl Vocabulary {
    fn add(&mut self, remedy: u16, field: Field, text: &str) {
        for word in words(text) {
            if is_stop_word(&word) {
                continue;
            }
            // Most words recur: look the spelling up before stemming it again.
            let id = match self.spellings.get(&word) {
                Some(stem) => self.stem_ids[stem],
                None => {
                    let stem = stem(&word);
                    let id = self.intern(&stem);
                    self.spellings.insert(word, stem);
                    id
                }
            };
            let postings = &mut self.postings[id as usize];
            match postings.last_mut() {
                Some(posting) if posting.remedy == remedy => posting.fields |= field.bit(),
                _ => postings.push(Posting {
                    remedy,
                    fields: field.bit(),
                }),
            }
        }
    }

    fn intern(&mut self, stem: &str) -> u32 {
        if let Some(&id) = self.stem_ids.get(stem) {
            return id;
        }
        let id = self.postings.len() as u32;
        self.stem_ids.insert(stem.to_string(), id);
        self.postings.push(Vec::new());
        id
    }

    fn add_remedy(&mut self, position: u16, remedy: &Remedy) {
        self.add(position, Field::Title, &remedy.title);
        // The slug is the remedy's short name: "sleeping-position" for "Toes up, covers loose".
        self.add(position, Field::Title, &remedy.slug);
        self.add(position, Field::Summary, &remedy.summary);
        let labels = remedy
            .situations
            .iter()
            .map(|s| s.label())
            .chain(remedy.body_parts.iter().map(|p| p.label()))
            .chain([remedy.kind.label()]);
        for label in labels {
            self.add(position, Field::Label, label);
        }
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
            );
        for text in body {
            self.add(position, Field::Body, text);
        }
    }

    fn stem_id(&self, word: &str) -> Option<u32> {
        self.stem_ids.get(&stem(word)).copied()
    }
}

/// Adds `alternative` at `scale` percent of its quality, keeping the better of two for a stem.
fn merge(found: &mut Vec<Alternative>, alternative: Alternative, scale: u32) {
    let quality = alternative.quality * scale / 100;
    match found.iter_mut().find(|a| a.stem == alternative.stem) {
        Some(known) => known.quality = known.quality.max(quality),
        None => found.push(Alternative {
            stem: alternative.stem,
            quality,
        }),
    }
}

impl SearchIndex {
    pub fn new(remedies: &[Remedy]) -> Self {
        let mut vocabulary = Vocabulary::default();
        for (position, remedy) in remedies.iter().enumerate() {
            let position = u16::try_from(position).expect("fewer than 65,536 remedies");
            vocabulary.add_remedy(position, remedy);
        }

        let mut lexicon: BTreeMap<String, Vec<Alternative>> = vocabulary
            .stem_ids
            .iter()
            .map(|(stem, &id)| {
                let exact = Alternative {
                    stem: id,
                    quality: EXACT,
                };
                (stem.clone(), vec![exact])
            })
            .collect();
        let mut spellings = std::mem::take(&mut vocabulary.spellings);
        let mut phrases = Vec::new();
        let synonyms = (SAME_MEANING.iter().map(|group| (group, SAME)))
            .chain(RELATED_MEANING.iter().map(|group| (group, RELATED)));
        for ((sayings, meanings), quality) in synonyms {
            let targets: Vec<Alternative> = meanings
                .iter()
                .filter_map(|meaning| vocabulary.stem_id(meaning))
                .map(|stem| Alternative { stem, quality })
                .collect();
            for saying in *sayings {
                let stems: Vec<String> = words(saying).iter().map(|w| stem(w)).collect();
                if let [word_stem] = stems.as_slice() {
                    let found = lexicon.entry(word_stem.clone()).or_default();
                    for &target in &targets {
                        merge(found, target, EXACT);
                    }
                    spellings
                        .entry(saying.to_string())
                        .or_insert_with(|| word_stem.clone());
                } else {
                    phrases.push(Phrase {
                        stems: stems.into_iter().map(String::into_boxed_str).collect(),
                        alternatives: targets.clone().into_boxed_slice(),
                    });
                }
            }
        }

        let lexicon: Vec<Entry> = lexicon
            .into_iter()
            .map(|(word, alternatives)| Entry {
                word: word.into_boxed_str(),
                alternatives: alternatives.into_boxed_slice(),
            })
            .collect();
        let mut completions: Vec<(Box<str>, u32)> = spellings
            .into_iter()
            .filter_map(|(spelling, stem)| {
                let entry = lexicon.binary_search_by(|e| (*e.word).cmp(&stem)).ok()?;
                Some((spelling.into_boxed_str(), entry as u32))
            })
            .collect();
        completions.sort_unstable();
        Self {
            remedies: remedies
                .iter()
                .map(|remedy| RemedyFacts {
                    kind: remedy.kind,
                    grade: remedy.grade,
                    facets: Facets::of_remedy(remedy),
                })
                .collect(),
            situation_stems: [
                (Situation::Night, "night"),
                (Situation::Exercise, "exercise"),
            ]
            .into_iter()
            .filter_map(|(situation, word)| Some((situation, vocabulary.stem_id(word)?)))
            .collect(),
            postings: vocabulary.postings,
            lexicon,
            completions,
            phrases,
        }
    }

    /// The remedies that match, best first. See the tests at the end of this file for what
    /// "match" and "best" mean.
    pub fn search(&self, query: &Query) -> Vec<Hit> {
        let reading = self.read(&query.text);
        let intent = self.intent(query, &reading);
        let matches: Vec<Vec<TermMatch>> = reading
            .terms
            .iter()
            .map(|term| self.match_term(term))
            .collect();
        let filter = Facets::of_query(query);

        let mut ranked = Vec::new();
        'remedies: for (index, remedy) in self.remedies.iter().enumerate() {
            if !remedy.facets.passes(filter) {
                continue;
            }
            let mut relevance = 0;
            let mut named = false;
            for matches in &matches {
                let found = matches[index];
                if found.best == 0 {
                    continue 'remedies;
                }
                relevance += found.points();
                named |= found.in_title;
            }
            let score = relevance + intent.bonus(remedy.kind);
            // Remedies graded X show when asked for by name, but are not offered to someone who
            // asked about something else.
            let unasked_against = remedy.grade == Grade::X && !named;
            let key = (unasked_against, Reverse(score), remedy.grade, index);
            ranked.push((key, Hit { index, score }));
        }
        ranked.sort_unstable_by_key(|(key, _)| *key);
        ranked.into_iter().map(|(_, hit)| hit).collect()
    }

    /// Splits the text into terms, each the set of stems a word or phrase may stand for.
    fn read(&self, text: &str) -> Reading {
        let words = words(text);
        let stems: Vec<String> = words.iter().map(|word| stem(word)).collect();
        // While someone types, the word under the cursor is still unfinished.
        let last_word_unfinished = text.chars().last().is_some_and(char::is_alphanumeric);
        let mut reading = Reading::default();
        let mut position = 0;
        while position < words.len() {
            if let Some(phrase) = self.phrase_at(&stems[position..]) {
                reading.terms.push(Term {
                    alternatives: phrase.alternatives.to_vec(),
                });
                position += phrase.stems.len();
                continue;
            }
            let (word, stem) = (&words[position], &stems[position]);
            position += 1;
            if is_stop_word(word) {
                continue;
            }
            if RELIEF_NOW_WORDS.contains(&word.as_str()) {
                reading.relief_now = true;
                continue;
            }
            let unfinished = last_word_unfinished && position == words.len();
            let alternatives = self.alternatives(word, stem, unfinished);
            // "pickle j": a letter or two still being typed neither narrows nor empties the list.
            if alternatives.is_empty() && unfinished && word.chars().count() < MIN_PREFIX_CHARS {
                continue;
            }
            reading.terms.push(Term { alternatives });
        }
        reading
    }

    fn phrase_at(&self, stems: &[String]) -> Option<&Phrase> {
        self.phrases
            .iter()
            .filter(|phrase| {
                phrase.stems.len() <= stems.len()
                    && phrase.stems.iter().zip(stems).all(|(a, b)| **a == **b)
            })
            .max_by_key(|phrase| phrase.stems.len())
    }

    /// The stems a typed word may stand for: itself and its synonyms; completions if it is still
    /// being typed; and only if none of those exist, the words it is a small typo of.
    fn alternatives(&self, word: &str, stem: &str, unfinished: bool) -> Vec<Alternative> {
        let mut found = Vec::new();
        if let Ok(entry) = self.lexicon.binary_search_by(|e| (*e.word).cmp(stem)) {
            for &alternative in self.lexicon[entry].alternatives.iter() {
                merge(&mut found, alternative, EXACT);
            }
        }
        let typed = word.chars().count();
        if unfinished && typed >= MIN_PREFIX_CHARS {
            let start = self
                .completions
                .partition_point(|(spelling, _)| **spelling < *word);
            let completions = self.completions[start..]
                .iter()
                .take_while(|(spelling, _)| spelling.starts_with(word));
            for (_, entry) in completions {
                let entry = &self.lexicon[*entry as usize];
                let share = typed as u32 * 100 / entry.word.chars().count().max(1) as u32;
                let scale =
                    (PREFIX_LEAST + (PREFIX_MOST - PREFIX_LEAST) * share / 100).min(PREFIX_MOST);
                for &alternative in entry.alternatives.iter() {
                    merge(&mut found, alternative, scale);
                }
            }
        }
        if found.is_empty() {
            for entry in self.near_misses(stem, allowed_typos(word)) {
                for &alternative in entry.alternatives.iter() {
                    merge(&mut found, alternative, TYPO);
                }
            }
        }
        found
    }

    /// The lexicon words closest to `stem` within `limit` typos. They must start with the same
    /// letter: people rarely get the first one wrong, and it keeps "hurt" from finding "burn".
    fn near_misses(&self, stem: &str, limit: usize) -> Vec<&Entry> {
        let Some(first) = stem.chars().next().filter(|_| limit > 0) else {
            return Vec::new();
        };
        let mut closest = Vec::new();
        let mut closest_distance = limit;
        let length = stem.chars().count();
        for entry in &self.lexicon {
            let lengths_differ = || entry.word.chars().count().abs_diff(length) > closest_distance;
            if !entry.word.starts_with(first) || lengths_differ() {
                continue;
            }
            let distance = typo_distance(stem, &entry.word, closest_distance);
            if distance < closest_distance {
                closest.clear();
                closest_distance = distance;
            }
            if distance <= closest_distance {
                closest.push(entry);
            }
        }
        closest
    }

    fn intent(&self, query: &Query, reading: &Reading) -> Intent {
        let about = |situation: Situation| {
            query.situations.contains(&situation)
                || self
                    .situation_stems
                    .iter()
                    .filter(|(known, _)| *known == situation)
                    .any(|(_, stem)| reading.terms.iter().any(|term| term.finds(*stem)))
        };
        if reading.relief_now || about(Situation::CrampNow) {
            Intent::ReliefNow
        } else if about(Situation::Night) {
            Intent::NightCramps
        } else if about(Situation::Exercise) {
            Intent::Exercise
        } else if reading.terms.is_empty() {
            // Someone looking without a question most likely needs help with a cramp.
            Intent::ReliefNow
        } else {
            Intent::Unknown
        }
    }

    fn match_term(&self, term: &Term) -> Vec<TermMatch> {
        let mut matches = vec![TermMatch::default(); self.remedies.len()];
        for alternative in &term.alternatives {
            for posting in &self.postings[alternative.stem as usize] {
                let found = &mut matches[usize::from(posting.remedy)];
                found.add(fields_points(posting.fields) * alternative.quality / 100);
                found.in_title |= posting.fields & Field::Title.bit() != 0;
                found.own_word |= alternative.quality >= SAME;
            }
        }
        matches
    }
}

#[derive(Default)]
struct Reading {
    /// Every term must match a remedy for it to be found.
    terms: Vec<Term>,
    relief_now: bool,
}

/// One thing the person typed, a word or a phrase, as the stems it may stand for.
struct Term {
    alternatives: Vec<Alternative>,
}

impl Term {
    fn finds(&self, stem: u32) -> bool {
        self.alternatives.iter().any(|a| a.stem == stem)
    }
}

/// A term matched by the person's own word (or one that means the same) beats one matched only
/// by a related word, a short completion or a typo: "arch of foot pain" puts the remedy that says
/// "arch" above one with "foot" in its title.
const OWN_WORD_POINTS: u32 = 100;

/// How well one term matched one remedy.
#[derive(Debug, Clone, Copy, Default)]
struct TermMatch {
    /// Points of the best and second-best stem found.
    best: u32,
    runner_up: u32,
    in_title: bool,
    own_word: bool,
}

impl TermMatch {
    fn add(&mut self, points: u32) {
        if points > self.best {
            self.runner_up = self.best;
            self.best = points;
        } else if points > self.runner_up {
            self.runner_up = points;
        }
    }

    /// The best stem counts in full; a second adds a little: a remedy that says both "calf" and
    /// "shin" is more about a shin cramp than one that says only "calf".
    fn points(self) -> u32 {
        let own_word = if self.own_word { OWN_WORD_POINTS } else { 0 };
        self.best + self.runner_up / 4 + own_word
    }
}

/// What the person most likely needs, which decides the kind of remedy shown first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Intent {
    /// A cramp right now: immediate relief first.
    ReliefNow,
    /// Night cramps: prevention first, immediate relief close behind.
    NightCramps,
    /// Cramps with sport: relief during it, then warming up and pacing.
    Exercise,
    /// Nothing said: relevance alone.
    Unknown,
}

impl Intent {
    fn bonus(self, kind: RemedyKind) -> u32 {
        match (self, kind) {
            (Self::ReliefNow, RemedyKind::ImmediateRelief) => 100,
            (Self::NightCramps, RemedyKind::Prevention) => 120,
            (Self::NightCramps, RemedyKind::ImmediateRelief) => 80,
            (Self::Exercise, RemedyKind::ImmediateRelief) => 80,
            (Self::Exercise, RemedyKind::Prevention) => 60,
            _ => 0,
        }
    }
}

#[cfg(test)]
mod tests;
