//! Ranking: reading a query into terms, scoring documents (BM25F over the index's weighted
//! frequencies, with people's words, completions and typos), and the order a person sees:
//! warning signs the query describes first, then the best matches.
//!
//! Over 600 lines on purpose: the order a person sees is one algorithm, read top to bottom, in
//! which each step (a warning sign lifted, a verdict question answered, an X-graded remedy put
//! last) depends on the scores of the one before it; the words it reads are in `text`.

use super::{
    index::{merge, Alternative, DocKind, Facets, SearchIndex, SAME},
    query::Query,
    text::{
        allowed_typos, is_stop_word, stem, typo_distance, verdict_subject, words, RELIEF_NOW_WORDS,
    },
    tuning::{Tuning, TUNING},
};
use crate::content::model::{BodyPart, Grade, Group, Purpose, RemedyKind, Situation, Urgency};
use std::cmp::Ordering;

/// How sure the finder is of a word, in percent.
const EXACT: u8 = 100;
const TYPO: u8 = 60;
/// A half-typed word counts between these, more the more of the word has been typed.
const PREFIX_LEAST: u32 = 50;
const PREFIX_MOST: u32 = 90;
/// Fewer letters than this complete to too many words to mean anything.
const MIN_PREFIX_CHARS: usize = 3;
/// The most results shown.
const MAX_RESULTS: usize = 40;
/// The most warning signs put first.
const MAX_WARNINGS: usize = 3;
/// The situations that are groups of people, which a query names or not.
const GROUP_SITUATIONS: u16 = 1 << 3 | 1 << 4;

/// What a search found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// Warning signs the query describes, most urgent first: shown above everything else.
    pub warnings: Vec<usize>,
    /// For a question whether a remedy works ("is magnesium any good"), that remedy: its card
    /// (its grade and one-line verdict) is the answer, first after the warning signs.
    pub answer: Option<usize>,
    /// The other results, best first, as positions in the index's documents.
    pub results: Vec<usize>,
    /// Nothing matched: `results` are the most useful places to start instead.
    pub closest: bool,
}

impl Found {
    /// Every result in the order shown.
    pub fn all(&self) -> impl Iterator<Item = usize> + '_ {
        self.warnings
            .iter()
            .chain(&self.answer)
            .chain(&self.results)
            .copied()
    }
}

/// One thing the person typed, a word or a phrase, as the stems it may stand for.
#[derive(Debug, Default)]
struct Term {
    alternatives: Vec<Alternative>,
}

#[derive(Debug, Default)]
struct Reading {
    terms: Vec<Term>,
    /// Every stem the query says, stop words and people's words included: what warning signs'
    /// phrases are matched against.
    said: Vec<u32>,
    /// The stems of the words as typed, stop words included, without people's words:
    /// "stretches", "why".
    typed: Vec<String>,
    relief_now: bool,
}

impl Reading {
    fn says(&self, stem: u32) -> bool {
        self.said.binary_search(&stem).is_ok()
    }
}

impl SearchIndex {
    /// The results for a query: see the tests and the evaluation set for what "best" means.
    pub fn search(&self, query: &Query) -> Found {
        self.search_tuned(query, &TUNING)
    }

    /// With other ranking weights: for choosing them.
    pub fn search_tuned(&self, query: &Query, tuning: &Tuning) -> Found {
        let filter = Facets {
            situations: super::index::bits(Situation::ALL, &query.situations),
            parts: super::index::bits(BodyPart::ALL, &query.parts),
            kinds: super::index::bits(RemedyKind::ALL, &query.kinds),
            grades: super::index::bits(Grade::ALL, &query.grades),
            purposes: 0,
        };
        let reading = self.read(&query.text, false);
        let warnings = self.warnings(&reading);
        if reading.terms.is_empty() {
            return Found {
                warnings,
                answer: None,
                results: self.browse(query, filter, reading.relief_now),
                closest: false,
            };
        }
        let mut results = self.rank(query, filter, &reading, &warnings, tuning);
        let mut closest = false;
        if results.is_empty() && warnings.is_empty() {
            // Nothing found: forgive more typos; failing that, where to start.
            let lenient = self.read(&query.text, true);
            results = self.rank(query, filter, &lenient, &warnings, tuning);
            if results.is_empty() {
                results = self.browse(query, filter, true);
            }
            closest = true;
        }
        let answer = verdict_subject(&query.text)
            .filter(|_| !closest)
            .and_then(|subject| self.remedy_asked_about(&subject, &results));
        results.retain(|&doc| Some(doc) != answer);
        Found {
            warnings,
            answer,
            results,
            closest,
        }
    }

    /// The remedy among `results` that the `subject` words name (as written, with a typo, or in
    /// people's words): the one whose name (its title and short name) they say most of, so that
    /// "magnesium" is "Magnesium tablets" rather than "Foods with potassium, magnesium and
    /// calcium"; the best ranked of equals.
    fn remedy_asked_about(&self, subject: &[String], results: &[usize]) -> Option<usize> {
        let mut unused = Vec::new();
        let mut named: Vec<u32> = subject
            .iter()
            .flat_map(|word| {
                let stem = stem(word);
                let id = self.stem_id(&stem);
                self.alternatives(word, &stem, id, false, false, &mut unused)
            })
            .filter(|a| a.quality >= TYPO)
            .map(|a| a.stem)
            .collect();
        named.sort_unstable();
        let share_named = |doc: &super::index::Doc| {
            let mut name: Vec<String> = words(&doc.title)
                .into_iter()
                .chain(doc.slug.split('-').map(str::to_string))
                .filter(|word| !is_stop_word(word))
                .map(|word| stem(&word))
                .collect();
            name.sort_unstable();
            name.dedup();
            let said = name
                .iter()
                .filter(|s| {
                    self.stem_id(s)
                        .is_some_and(|id| named.binary_search(&id).is_ok())
                })
                .count();
            said as f32 / name.len().max(1) as f32
        };
        let mut best: Option<(usize, f32)> = None;
        for &doc in results {
            let document = &self.docs[doc];
            if document.kind != DocKind::Remedy {
                continue;
            }
            let share = share_named(document);
            if share > 0.0 && best.is_none_or(|(_, most)| share > most) {
                best = Some((doc, share));
            }
        }
        best.map(|(doc, _)| doc)
    }

    /// Every stem the query says (its words, their typos corrected, and people's words for
    /// them): what a result's snippet is chosen by.
    pub(super) fn stems_said(&self, text: &str) -> Vec<u32> {
        self.read(text, false).said
    }

    /// Splits the text into terms. `lenient` forgives one more typo per word, for a query that
    /// found nothing.
    fn read(&self, text: &str, lenient: bool) -> Reading {
        let words = words(text);
        let stems: Vec<String> = words.iter().map(|word| stem(word)).collect();
        let ids: Vec<Option<u32>> = stems.iter().map(|s| self.stem_id(s)).collect();
        // While someone types, the word under the cursor is still unfinished.
        let last_word_unfinished = text.chars().last().is_some_and(char::is_alphanumeric);
        let mut reading = Reading::default();
        let mut position = 0;
        while position < words.len() {
            if let Some(phrase) = self.phrase_at(&ids[position..]) {
                reading.said.extend(&phrase.stems);
                reading.said.extend(
                    phrase
                        .alternatives
                        .iter()
                        .filter(|a| a.quality >= SAME)
                        .map(|a| a.stem),
                );
                reading.terms.push(Term {
                    alternatives: phrase.alternatives.clone(),
                });
                position += phrase.stems.len();
                continue;
            }
            let (word, stem) = (&words[position], &stems[position]);
            let id = ids[position];
            position += 1;
            reading.said.extend(id);
            reading.typed.push(stem.clone());
            if is_stop_word(word) {
                continue;
            }
            if RELIEF_NOW_WORDS.contains(&word.as_str()) {
                reading.relief_now = true;
                continue;
            }
            let unfinished = last_word_unfinished && position == words.len();
            let alternatives =
                self.alternatives(word, stem, id, unfinished, lenient, &mut reading.said);
            // "pickle j": a letter or two still being typed neither narrows nor empties the list.
            if alternatives.is_empty() && unfinished && word.chars().count() < MIN_PREFIX_CHARS {
                continue;
            }
            reading.terms.push(Term { alternatives });
        }
        reading.said.sort_unstable();
        reading.said.dedup();
        reading
    }

    fn phrase_at(&self, ids: &[Option<u32>]) -> Option<&super::index::Phrase> {
        self.phrases
            .iter()
            .filter(|phrase| {
                phrase.stems.len() <= ids.len()
                    && phrase.stems.iter().zip(ids).all(|(a, b)| Some(*a) == *b)
            })
            .max_by_key(|phrase| phrase.stems.len())
    }

    /// The stems a typed word may stand for: itself and people's words for it; completions if it
    /// is still being typed; and only if none of those lead anywhere, the words it is a small
    /// typo of.
    /// What the word says (itself, what it means in people's words, what its typo was meant to
    /// be, never merely something related) is added to `said`.
    fn alternatives(
        &self,
        word: &str,
        stem: &str,
        id: Option<u32>,
        unfinished: bool,
        lenient: bool,
        said: &mut Vec<u32>,
    ) -> Vec<Alternative> {
        let mut found = Vec::new();
        if let Some(id) = id {
            self.add_with_meanings(&mut found, id, EXACT);
            said.extend(self.same_meanings(id));
        }
        let typed = word.chars().count();
        if unfinished && typed >= MIN_PREFIX_CHARS {
            let start = self.stems.partition_point(|s| s.as_str() < word);
            for (offset, candidate) in self.stems[start..].iter().enumerate() {
                if !candidate.starts_with(word) {
                    break;
                }
                let share = typed as u32 * 100 / candidate.chars().count().max(1) as u32;
                let quality =
                    (PREFIX_LEAST + (PREFIX_MOST - PREFIX_LEAST) * share / 100).min(PREFIX_MOST);
                self.add_with_meanings(&mut found, (start + offset) as u32, quality as u8);
            }
        }
        if !self.leads_anywhere(&found) {
            let limit = allowed_typos(word) + usize::from(lenient);
            for near in self.near_misses(stem, limit) {
                self.add_with_meanings(&mut found, near, TYPO);
                said.push(near);
                said.extend(self.same_meanings(near));
            }
        }
        found
    }

    /// The stems `stem` means in people's words ("spasm" means "cramp").
    fn same_meanings(&self, stem: u32) -> impl Iterator<Item = u32> + '_ {
        self.alternatives[stem as usize]
            .iter()
            .filter(|a| a.quality >= SAME)
            .map(|a| a.stem)
    }

    /// Adds `stem` at `quality` percent, and what it means as people's words, scaled alike.
    fn add_with_meanings(&self, found: &mut Vec<Alternative>, stem: u32, quality: u8) {
        merge(found, Alternative { stem, quality });
        for meaning in &self.alternatives[stem as usize] {
            let scaled = (u32::from(meaning.quality) * u32::from(quality) / 100) as u8;
            merge(
                found,
                Alternative {
                    stem: meaning.stem,
                    quality: scaled,
                },
            );
        }
    }

    fn leads_anywhere(&self, alternatives: &[Alternative]) -> bool {
        alternatives
            .iter()
            .any(|a| !self.postings[a.stem as usize].is_empty())
    }

    /// The known stems closest to `stem` within `limit` typos. They start with the same letter:
    /// people rarely get the first one wrong, and it keeps "hurt" from finding "burn". Sorted
    /// stems put those together, so only they are compared.
    fn near_misses(&self, stem: &str, limit: usize) -> Vec<u32> {
        let Some(first) = stem.chars().next().filter(|_| limit > 0) else {
            return Vec::new();
        };
        let mut first_letter = [0_u8; 4];
        let first_letter: &str = first.encode_utf8(&mut first_letter);
        let start = self.stems.partition_point(|s| s.as_str() < first_letter);
        let length = stem.chars().count();
        let mut closest = Vec::new();
        let mut closest_distance = limit;
        for (offset, candidate) in self.stems[start..].iter().enumerate() {
            if !candidate.starts_with(first) {
                break;
            }
            let id = (start + offset) as u32;
            if self.postings[id as usize].is_empty() && self.alternatives[id as usize].is_empty() {
                continue;
            }
            if candidate.chars().count().abs_diff(length) > closest_distance {
                continue;
            }
            let distance = typo_distance(stem, candidate, closest_distance);
            if distance < closest_distance {
                closest.clear();
                closest_distance = distance;
            }
            if distance <= closest_distance {
                closest.push(id);
            }
        }
        closest
    }

    /// The warning signs the query describes: every word of one of a sign's phrases is said.
    /// Most urgent first, then the one described most fully.
    fn warnings(&self, reading: &Reading) -> Vec<usize> {
        let mut described: Vec<(usize, usize)> = Vec::new();
        for trigger in &self.triggers {
            if trigger.stems.iter().all(|&stem| reading.says(stem)) {
                let doc = usize::from(trigger.doc);
                match described.iter_mut().find(|(d, _)| *d == doc) {
                    Some((_, strength)) => *strength = (*strength).max(trigger.stems.len()),
                    None => described.push((doc, trigger.stems.len())),
                }
            }
        }
        let urgency = |doc: usize| {
            self.docs[doc]
                .urgency
                .map_or(Urgency::ALL.len(), |u| u as usize)
        };
        described.sort_by_key(|&(doc, strength)| (urgency(doc), std::cmp::Reverse(strength), doc));
        described
            .into_iter()
            .map(|(doc, _)| doc)
            .take(MAX_WARNINGS)
            .collect()
    }

    /// The documents that match, best first, without the warnings already put first.
    fn rank(
        &self,
        query: &Query,
        filter: Facets,
        reading: &Reading,
        warnings: &[usize],
        tuning: &Tuning,
    ) -> Vec<usize> {
        let count = self.docs.len();
        let mut scores = vec![0_f32; count];
        let mut matched = vec![0_u16; count];
        let mut named = vec![false; count];
        let mut in_title = vec![0_u16; count];
        let mut best = vec![0_f32; count];
        let mut titled = vec![false; count];
        let mut touched: Vec<usize> = Vec::new();
        for term in &reading.terms {
            touched.clear();
            for alternative in &term.alternatives {
                let postings = &self.postings[alternative.stem as usize];
                if postings.is_empty() {
                    continue;
                }
                let idf = inverse_document_frequency(count, postings.len());
                let quality = f32::from(alternative.quality) / 100.0;
                for posting in postings {
                    let doc = usize::from(posting.doc);
                    let frequency = posting.frequency();
                    let k1 = tuning.k1;
                    let points = quality * idf * frequency * (k1 + 1.0) / (frequency + k1);
                    if best[doc] == 0.0 {
                        touched.push(doc);
                    }
                    if points > best[doc] {
                        best[doc] = points;
                    }
                    named[doc] |= posting.in_title() && alternative.quality >= TYPO;
                    titled[doc] |= posting.in_title();
                }
            }
            for &doc in &touched {
                scores[doc] += best[doc];
                matched[doc] += 1;
                in_title[doc] += u16::from(titled[doc]);
                best[doc] = 0.0;
                titled[doc] = false;
            }
        }
        // A topic is one document to the reader: its sections' matches add up, and its best
        // section stands for it.
        let mut best_section: Vec<(usize, f32, f32, u16)> = Vec::new(); // (doc, best, total, matched)
        for doc in 0..count {
            if scores[doc] == 0.0 || self.docs[doc].kind != DocKind::Topic {
                continue;
            }
            let slug = &self.docs[doc].slug;
            match best_section
                .iter_mut()
                .find(|(d, ..)| self.docs[*d].slug == *slug)
            {
                Some((best, top, total, words)) => {
                    *total += scores[doc];
                    *words = (*words).max(matched[doc]);
                    if scores[doc] > *top {
                        (*best, *top) = (doc, scores[doc]);
                    }
                }
                None => best_section.push((doc, scores[doc], scores[doc], matched[doc])),
            }
        }
        for (score, doc) in scores.iter_mut().zip(&self.docs) {
            if doc.kind == DocKind::Topic {
                *score = 0.0;
            }
        }
        for (doc, top, total, words) in best_section {
            scores[doc] = top + tuning.topic_sections * (total - top);
            matched[doc] = words;
        }
        // A condition's page names the remedies that help with it: when the page matches, they
        // come with it, with a share of its score and its match of the words.
        let mut lent = vec![0_f32; count];
        for doc in 0..count {
            if scores[doc] == 0.0 {
                continue;
            }
            for &link in &self.docs[doc].links {
                let link = usize::from(link);
                lent[link] = lent[link].max(scores[doc] * tuning.linked);
                matched[link] = matched[link].max(matched[doc]);
            }
        }
        for (score, lent) in scores.iter_mut().zip(lent) {
            *score += lent;
        }
        // Words nothing in the index knows ("my mother") don't make every match look partial.
        let terms = reading
            .terms
            .iter()
            .filter(|t| self.leads_anywhere(&t.alternatives))
            .count()
            .max(1) as f32;
        let context = Context {
            tuning,
            intent: self.intent(query, reading),
            asked: self.asked_kind(reading),
            warned: !warnings.is_empty(),
            groups: self.groups_named(reading),
        };
        let filtering = query.filters_remedies();
        let mut ranked: Vec<(usize, f32, bool)> = Vec::new();
        for doc in 0..count {
            if scores[doc] == 0.0 || warnings.contains(&doc) {
                continue;
            }
            let document = &self.docs[doc];
            if filtering && !(document.kind == DocKind::Remedy && document.facets.passes(filter)) {
                continue;
            }
            let share = f32::from(matched[doc]) / terms;
            // A title that says what was asked is what the person is looking for.
            let titled = 1.0 + tuning.title_cover * f32::from(in_title[doc]) / terms;
            let score = scores[doc]
                * share.powf(tuning.coordination)
                * titled
                * context.weight(document, named[doc]);
            // Remedies graded X show when asked for by name, but are not offered to someone who
            // asked about something else.
            let unasked_against = document.grade == Some(Grade::X) && !named[doc];
            ranked.push((doc, score, unasked_against));
        }
        #[cfg(any(test, feature = "search-lab"))]
        EXPLAIN.with_borrow_mut(|explain| {
            *explain = ranked
                .iter()
                .map(|&(d, score, x)| (self.docs[d].id(), score, x))
                .collect();
        });
        ranked.sort_by(|a, b| {
            a.2.cmp(&b.2)
                .then(b.1.partial_cmp(&a.1).unwrap_or(Ordering::Equal))
                .then(self.docs[a.0].kind.cmp(&self.docs[b.0].kind))
                .then(a.0.cmp(&b.0))
        });
        let top = ranked.first().map_or(0.0, |r| r.1);
        let scored: Vec<(usize, f32)> = ranked.iter().map(|&(d, score, _)| (d, score)).collect();
        let mut topics_shown: Vec<&str> = Vec::new();
        let mut results = Vec::new();
        for (doc, score, _) in ranked {
            if score < top * tuning.relative_cut || results.len() == MAX_RESULTS {
                break;
            }
            // One section per topic: its best.
            let document = &self.docs[doc];
            if document.kind == DocKind::Topic {
                if topics_shown.contains(&document.slug.as_str()) {
                    continue;
                }
                topics_shown.push(&document.slug);
            }
            results.push(doc);
        }
        // The first results show more than one kind of help: when the guide that explains it
        // ranks close behind, it comes among the first three.
        let guide = results
            .iter()
            .position(|&d| self.docs[d].kind == DocKind::Topic);
        if let Some(at) = guide.filter(|&at| at >= GUIDE_WITHIN) {
            let score_of = |d: usize| ranked_score(&scored, d);
            if score_of(results[at]) >= top * tuning.guide_share {
                let doc = results.remove(at);
                results.insert(GUIDE_WITHIN - 1, doc);
            }
        }
        results
    }

    /// What the person most likely needs, which decides the kind of remedy shown first.
    fn intent(&self, query: &Query, reading: &Reading) -> Intent {
        let about = |situation: Situation, word: &str| {
            query.situations.contains(&situation)
                || self.stem_id(&stem(word)).is_some_and(|s| reading.says(s))
        };
        if reading.relief_now || about(Situation::CrampNow, "now") {
            Intent::ReliefNow
        } else if about(Situation::Night, "night") {
            Intent::NightCramps
        } else if about(Situation::Exercise, "exercise") {
            Intent::Exercise
        } else if about(Situation::CrampNow, "cramp") {
            // A cramp and nothing more: most likely it is happening.
            Intent::ReliefNow
        } else {
            Intent::Unknown
        }
    }

    /// With no words typed: the remedies the filters allow, what a person most likely needs
    /// (immediate relief) first, then by strength of evidence; those graded X last.
    fn browse(&self, query: &Query, filter: Facets, relief_now: bool) -> Vec<usize> {
        let night = query.situations.contains(&Situation::Night);
        let first_kind = if night && !relief_now {
            RemedyKind::Prevention
        } else {
            RemedyKind::ImmediateRelief
        };
        let mut remedies: Vec<usize> = (0..self.docs.len())
            .filter(|&doc| {
                let d = &self.docs[doc];
                d.kind == DocKind::Remedy && d.facets.passes(filter)
            })
            .collect();
        remedies.sort_by_key(|&doc| {
            let d = &self.docs[doc];
            let grade = d.grade.unwrap_or(Grade::D);
            (
                grade == Grade::X,
                d.facets.kinds & kind_bit(first_kind) == 0,
                grade,
                doc,
            )
        });
        remedies
    }
}

#[cfg(any(test, feature = "search-lab"))]
thread_local! {
    /// The last ranking's scores, for explaining a result (`examples/search_lab.rs explain`).
    pub static EXPLAIN: std::cell::RefCell<Vec<(String, f32, bool)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Where among the results the explaining guide is brought up to, at most.
const GUIDE_WITHIN: usize = 3;

fn ranked_score(scored: &[(usize, f32)], doc: usize) -> f32 {
    scored
        .iter()
        .find(|(d, _)| *d == doc)
        .map_or(0.0, |(_, s)| *s)
}

fn kind_bit(kind: RemedyKind) -> u16 {
    super::index::bits(RemedyKind::ALL, &[kind])
}

/// What the person most likely needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Intent {
    /// A cramp right now: immediate relief first.
    ReliefNow,
    /// Night cramps: prevention first, immediate relief close behind.
    NightCramps,
    /// Cramps with sport: relief during it, then warming up and pacing.
    Exercise,
    Unknown,
}

/// What the query says about the person and what they want, beyond its words' matches.
struct Context<'t> {
    tuning: &'t Tuning,
    intent: Intent,
    asked: Option<Asked>,
    /// A warning sign is shown first.
    warned: bool,
    /// Groups of people the query names.
    groups: Vec<Group>,
}

/// The kind of document the query asks for by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Asked {
    /// "stretches", "exercises", "routine".
    Stretches,
    /// "why", "cause": an explanation.
    Explanation,
}

impl Context<'_> {
    /// The situations of the groups the query names, as `Facets::situations` bits.
    fn situations_named(&self) -> u16 {
        let mut bits = 0;
        if self.groups.contains(&Group::Pregnancy) {
            bits |= super::index::bits(Situation::ALL, &[Situation::Pregnancy]);
        }
        if self.groups.contains(&Group::OlderAdults) {
            bits |= super::index::bits(Situation::ALL, &[Situation::OlderAdults]);
        }
        bits
    }

    /// How much a document's standing adds to its match: evidence and need for remedies, the
    /// kind asked for, warning signs the query does not describe after what was asked for.
    fn weight(&self, doc: &super::index::Doc, named: bool) -> f32 {
        let t = self.tuning;
        let asked = match (self.asked, doc.kind) {
            (Some(Asked::Stretches), DocKind::Stretch | DocKind::Routine) => t.asked_kind,
            (Some(Asked::Explanation), DocKind::Topic | DocKind::Condition) => t.asked_kind,
            _ => 1.0,
        };
        let needed = |yes: bool| if yes { t.needed } else { 1.0 };
        let standing = match doc.kind {
            DocKind::Sign if self.warned => t.sign_under_warning,
            DocKind::Sign => t.undescribed_sign,
            DocKind::Remedy => {
                let evidence = match doc.grade {
                    Some(Grade::A | Grade::B) => t.strong_evidence,
                    Some(Grade::C) => t.weak_evidence,
                    _ => 1.0,
                };
                let is = |kind: RemedyKind| doc.facets.kinds & kind_bit(kind) != 0;
                let wanted = match self.intent {
                    Intent::ReliefNow => is(RemedyKind::ImmediateRelief),
                    Intent::NightCramps => {
                        is(RemedyKind::Prevention) || is(RemedyKind::ImmediateRelief)
                    }
                    Intent::Exercise => {
                        is(RemedyKind::ImmediateRelief) || is(RemedyKind::Prevention)
                    }
                    Intent::Unknown => false,
                };
                // Unless the query asks about this very remedy ("on blood thinners, can I massage").
                let cautioned = !named
                    && doc
                        .cautions
                        .iter()
                        .any(|c| c.groups.iter().any(|g| self.groups.contains(g)));
                // A remedy only for a group the query doesn't name ("magnesium in pregnancy").
                let for_others = doc.facets.situations != 0
                    && doc.facets.situations & !self.situations_named() == 0
                    && doc.facets.situations & GROUP_SITUATIONS == doc.facets.situations;
                let under_warning = if self.warned {
                    t.remedy_under_warning
                } else {
                    1.0
                };
                evidence
                    * needed(wanted)
                    * if cautioned { t.cautioned } else { 1.0 }
                    * if for_others { t.for_others } else { 1.0 }
                    * under_warning
            }
            DocKind::Stretch => {
                let is = |purpose: Purpose| doc.facets.purposes & purpose_bit(purpose) != 0;
                let wanted = match self.intent {
                    Intent::ReliefNow => is(Purpose::ReliefNow),
                    Intent::NightCramps => is(Purpose::Bedtime),
                    Intent::Exercise => is(Purpose::WarmUp) || is(Purpose::CoolDown),
                    Intent::Unknown => false,
                };
                let under_warning = if self.warned {
                    t.remedy_under_warning
                } else {
                    1.0
                };
                t.stretch * under_warning * needed(wanted)
            }
            DocKind::Routine => t.routine,
            DocKind::Topic if doc.digest => t.topic * t.digest,
            DocKind::Topic => t.topic,
            DocKind::Condition => t.condition,
        };
        asked * standing
    }
}

impl SearchIndex {
    /// The kind of document the query names.
    fn asked_kind(&self, reading: &Reading) -> Option<Asked> {
        let typed = |words: &[&str]| words.iter().any(|w| reading.typed.contains(&stem(w)));
        if typed(&["stretch", "stretches", "exercises", "routine", "yoga"]) {
            Some(Asked::Stretches)
        } else if typed(&["why", "cause", "causes", "reason"]) {
            Some(Asked::Explanation)
        } else {
            None
        }
    }

    /// The groups of people the query names ("pregnant", "diabetic", "on warfarin").
    fn groups_named(&self, reading: &Reading) -> Vec<Group> {
        const NAMES: [(Group, &[&str]); 8] = [
            (Group::Pregnancy, &["pregnant", "pregnancy"]),
            (Group::DiabetesNeuropathy, &["diabetes", "neuropathy"]),
            (Group::KidneyDisease, &["kidney"]),
            (Group::BloodThinners, &["thinners"]),
            (Group::OlderAdults, &["older"]),
            (Group::Children, &["child", "children"]),
            (Group::Statins, &["statin"]),
            (Group::ArteryDisease, &["arteries"]),
        ];
        NAMES
            .iter()
            .filter(|(_, words)| {
                words
                    .iter()
                    .filter_map(|w| self.stem_id(&stem(w)))
                    .any(|s| reading.says(s))
            })
            .map(|(group, _)| *group)
            .collect()
    }
}

fn purpose_bit(purpose: Purpose) -> u16 {
    super::index::bits(Purpose::ALL, &[purpose])
}

/// Rare words say more: BM25's inverse document frequency.
fn inverse_document_frequency(documents: usize, holding: usize) -> f32 {
    let (n, df) = (documents as f32, holding as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}
