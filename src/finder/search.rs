//! The finder's search: the words a person types and the filters they pick, turned into a ranked
//! list of remedies.
//!
//! Pure Rust without I/O: the server runs it for the first page and the search server function,
//! and the browser runs the same code offline, so both always give the same answer.

use crate::{
    content::model::{BodyPart, Grade, Purpose, Remedy, RemedyKind, Situation},
    error::ApiError,
};
use serde::{Deserialize, Serialize};
use std::{
    cmp::Reverse,
    collections::{BTreeMap, HashMap},
};

// ---------------------------------------------------------------------------------------------
// The query and its address
// ---------------------------------------------------------------------------------------------

/// What a person asked the finder. Empty text and empty lists mean "no filter".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Query {
    pub text: String,
    pub situations: Vec<Situation>,
    pub parts: Vec<BodyPart>,
    pub kinds: Vec<RemedyKind>,
    pub grades: Vec<Grade>,
}

/// The longest search text accepted: a question, not a pasted page.
const MAX_TEXT_CHARS: usize = 200;
/// The most comma-separated values one filter may carry (no filter has more than 8 real ones).
const MAX_LIST_ITEMS: usize = 20;
/// How much of a rejected value an error message repeats.
const QUOTED_VALUE_CHARS: usize = 40;

impl Query {
    /// Reads the finder's address, e.g. `/finder?q=calf+night&situation=night&grade=A,B`.
    pub fn from_params(
        q: Option<&str>,
        situation: Option<&str>,
        part: Option<&str>,
        kind: Option<&str>,
        grade: Option<&str>,
    ) -> Result<Self, ApiError> {
        let text = q.unwrap_or_default();
        reject_control_characters("The search text (q)", text)?;
        let length = text.chars().count();
        if length > MAX_TEXT_CHARS {
            return Err(ApiError::bad_request(format!(
                "The search text (q) is {length} characters long. \
                 Shorten it to {MAX_TEXT_CHARS} characters or fewer."
            )));
        }
        Ok(Self {
            text: if text.trim().is_empty() {
                String::new()
            } else {
                text.to_string()
            },
            situations: parse_list(situation)?,
            parts: parse_list(part)?,
            kinds: parse_list(kind)?,
            grades: parse_list(grade)?,
        })
    }

    /// The address parameters for this query, without the empty ones. `from_params` reads them
    /// back into the same query.
    pub fn to_params(&self) -> Vec<(&'static str, String)> {
        let text = (!self.text.trim().is_empty()).then(|| ("q", self.text.clone()));
        text.into_iter()
            .chain(list_param(&self.situations))
            .chain(list_param(&self.parts))
            .chain(list_param(&self.kinds))
            .chain(list_param(&self.grades))
            .collect()
    }

    /// One address parameter of this query, as `to_params` writes it.
    pub fn param(&self, name: &str) -> Option<String> {
        self.to_params()
            .into_iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value)
    }
}

/// A filter value as written in the finder's address, e.g. `situation=cramp-now,night`.
pub trait UrlValue: Copy + PartialEq + std::fmt::Debug + 'static {
    /// The address parameter that carries this kind of value.
    const PARAM: &'static str;
    const VALUES: &'static [Self];
    fn url_name(self) -> String;

    /// The value with this address name; none for "any" or an unknown name.
    fn from_url_name(name: &str) -> Option<Self> {
        Self::VALUES
            .iter()
            .copied()
            .find(|value| value.url_name().eq_ignore_ascii_case(name))
    }
}

/// These enums are written as serde writes them: the variant name in kebab-case. A test checks
/// the two stay in step.
macro_rules! kebab_case_url_value {
    ($($type:ty => $param:literal),+ $(,)?) => {$(
        impl UrlValue for $type {
            const PARAM: &'static str = $param;
            const VALUES: &'static [Self] = <$type>::ALL;
            fn url_name(self) -> String {
                kebab_case(&format!("{self:?}"))
            }
        }
    )+};
}

kebab_case_url_value!(
    Situation => "situation",
    BodyPart => "part",
    RemedyKind => "kind",
    Purpose => "purpose",
);

impl UrlValue for Grade {
    const PARAM: &'static str = "grade";
    const VALUES: &'static [Self] = Grade::ALL;
    fn url_name(self) -> String {
        self.letter().to_string()
    }
}

fn kebab_case(camel_case: &str) -> String {
    let mut kebab = String::with_capacity(camel_case.len() + 4);
    for (position, c) in camel_case.chars().enumerate() {
        if c.is_uppercase() && position > 0 {
            kebab.push('-');
        }
        kebab.extend(c.to_lowercase());
    }
    kebab
}

fn reject_control_characters(subject: &str, value: &str) -> Result<(), ApiError> {
    if value.chars().any(char::is_control) {
        return Err(ApiError::bad_request(format!(
            "{subject} contains a control character, such as a line break or tab. \
             Remove it and try again."
        )));
    }
    Ok(())
}

/// Reads a comma-separated filter. Case is ignored, repeats are dropped, order is kept.
fn parse_list<T: UrlValue>(raw: Option<&str>) -> Result<Vec<T>, ApiError> {
    let raw = raw.unwrap_or_default();
    let subject = format!("The {} filter", T::PARAM);
    reject_control_characters(&subject, raw)?;
    let item_count = raw.split(',').count();
    if item_count > MAX_LIST_ITEMS {
        return Err(ApiError::bad_request(format!(
            "{subject} has {item_count} comma-separated values. Give at most {MAX_LIST_ITEMS}."
        )));
    }
    let mut values = Vec::new();
    for item in raw
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
    {
        let value = T::VALUES
            .iter()
            .copied()
            .find(|value| value.url_name().eq_ignore_ascii_case(item))
            .ok_or_else(|| unknown_value::<T>(item))?;
        if !values.contains(&value) {
            values.push(value);
        }
    }
    Ok(values)
}

fn unknown_value<T: UrlValue>(item: &str) -> ApiError {
    let allowed = T::VALUES
        .iter()
        .map(|value| value.url_name())
        .collect::<Vec<_>>()
        .join(", ");
    ApiError::bad_request(format!(
        "Unknown {} \"{}\". Use one or more of: {allowed}, separated by commas.",
        T::PARAM,
        shorten(item)
    ))
}

fn shorten(value: &str) -> String {
    match value.char_indices().nth(QUOTED_VALUE_CHARS) {
        Some((cut, _)) => format!("{}…", &value[..cut]),
        None => value.to_string(),
    }
}

fn list_param<T: UrlValue>(values: &[T]) -> Option<(&'static str, String)> {
    (!values.is_empty()).then(|| {
        let names: Vec<String> = values.iter().map(|value| value.url_name()).collect();
        (T::PARAM, names.join(","))
    })
}

// ---------------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------------

/// Lowercase words: runs of letters and digits. Apostrophes are dropped rather than split on, so
/// "don't" and "charley's" stay one word.
fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if c != '\'' && c != '’' && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Words that carry no meaning in a search for leg remedies. "Leg" and "muscle" are here because
/// every remedy is about them whether it says so or not; "left" and "right" because which leg
/// hurts does not change the remedy. Sorted, for a binary search.
#[rustfmt::skip]
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "also", "am", "an", "and", "any", "are", "as", "at", "bad", "be",
    "been", "before", "best", "both", "but", "by", "can", "cant", "could", "cure", "cures", "did",
    "do", "does", "dont", "during", "for", "from", "get", "gets", "getting", "good", "got", "had",
    "has", "have", "having", "help", "helps", "how", "i", "if", "im", "in", "is", "it", "its",
    "ive", "just", "keep", "left", "leg", "legs", "me", "muscle", "muscles", "my", "no", "not",
    "of", "on", "or", "our", "post", "really", "remedies", "remedy", "right", "should", "so",
    "some", "that", "the", "their", "them", "there", "these", "they", "thing", "things", "this",
    "tip", "tips", "to", "too", "treat", "treating", "treatment", "treatments", "very", "was",
    "way", "ways", "we", "were", "what", "whats", "when", "where", "which", "while", "who", "why",
    "will", "with", "would", "you", "your",
];

fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// Words that say "it is happening now" ("mid race"): they rank immediate relief first rather
/// than narrow the list.
#[rustfmt::skip]
const RELIEF_NOW_WORDS: &[&str] = &[
    "now", "mid", "quick", "quickly", "fast", "faster", "immediately", "instant", "instantly",
    "urgent", "asap", "stop", "stops", "stopping",
];

/// Irregular plurals that the suffix rules below cannot undo.
const IRREGULAR_FORMS: [(&str, &str); 5] = [
    ("feet", "foot"),
    ("calves", "calf"),
    ("women", "woman"),
    ("children", "child"),
    ("teeth", "tooth"),
];

/// A light stemmer so that "cramps", "cramping" and "cramped" all become "cramp". It only needs
/// to treat the remedies' words and the typed words alike, not to produce real words ("ankle"
/// becomes "ankl").
fn stem(word: &str) -> String {
    if let Some((_, base)) = IRREGULAR_FORMS.iter().find(|(form, _)| *form == word) {
        return (*base).to_string();
    }
    let mut stem = word.to_string();
    if stem.len() > 4 && stem.ends_with("ies") {
        stem.truncate(stem.len() - 3);
        stem.push('y');
    } else if ["sses", "ches", "shes", "xes", "zes"]
        .iter()
        .any(|ending| stem.ends_with(ending))
    {
        stem.truncate(stem.len() - 2);
    } else if stem.len() > 3
        && stem.ends_with('s')
        && !["ss", "us", "is"]
            .iter()
            .any(|ending| stem.ends_with(ending))
    {
        stem.pop();
    }
    for ending in ["ing", "ed"] {
        let Some(base) = stem.strip_suffix(ending) else {
            continue;
        };
        // "bring", "need" and "bleed" keep their endings: what is left is no word.
        let has_vowel = base.bytes().any(|b| b"aeiouy".contains(&b));
        if base.len() >= 3 && has_vowel && !base.ends_with('e') {
            let doubled = ends_in_doubled_consonant(base);
            stem.truncate(base.len() - usize::from(doubled));
            break;
        }
    }
    // "take" and "taking" meet at "tak".
    if stem.len() >= 4 && stem.ends_with('e') {
        stem.pop();
    }
    stem
}

/// "runn" (from "running") and "stopp", but not "roll" or "press", which are words themselves.
fn ends_in_doubled_consonant(base: &str) -> bool {
    match base.as_bytes() {
        [.., a, b] => a == b && a.is_ascii_lowercase() && !b"aeiouylsz".contains(a),
        _ => false,
    }
}

/// Optimal string alignment distance: an inserted, missing or wrong letter, or two neighbouring
/// letters swapped ("claf"), each count as one typo. Stops counting past `limit`.
fn typo_distance(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut before_previous: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let substitution = usize::from(a[i - 1] != b[j - 1]);
            current[j] = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + substitution);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                current[j] = current[j].min(before_previous[j - 2] + 1);
            }
        }
        if current.iter().all(|&distance| distance > limit) {
            return limit + 1;
        }
        std::mem::swap(&mut before_previous, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// How many typos a typed word may have: none under 4 letters (too many short words lie one
/// letter apart), one up to 7, two from 8.
fn allowed_typos(word: &str) -> usize {
    match word.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Words people use for what the remedies call something else. A search for a word (or phrase)
/// on the left also finds the remedies that use the words on the right; not the other way round
/// ("cramp" does not find "spasm"). A test checks that every word on the right is in the remedies.
type SynonymTable = &'static [(&'static [&'static str], &'static [&'static str])];

/// Sayings that mean the same as the remedies' words. Other forms of a word ("running",
/// "twisted") need no entry: the stemmer joins them.
#[rustfmt::skip]
const SAME_MEANING: SynonymTable = &[
    (&["charley horse", "charlie horse", "spasm", "knot", "crick"], &["cramp"]),
    (&["hammy"], &["hamstring", "thigh"]),
    (&["quad"], &["quadriceps", "thigh"]),
    (&["nocturnal", "bed", "bedtime", "sleep", "asleep", "night time", "nighttime", "overnight",
       "midnight", "nightly"], &["night"]),
    (&["pregnant", "pregnancy", "expecting", "midwife", "trimester"], &["pregnancy", "pregnant"]),
    (&["run", "runner", "jog", "jogger", "gym", "sport", "workout", "work out", "race", "marathon",
       "train", "athlete", "cycling", "football", "hike"], &["exercise"]),
    (&["elderly", "older", "old", "senior", "aged", "pensioner"], &["older"]),
    (&["sprain", "twist", "rolled", "turned"], &["sprain"]),
    (&["tonic", "tonic water"], &["quinine"]),
    (&["mag", "mg"], &["magnesium"]),
    (&["acv", "cider"], &["vinegar"]),
    (&["painkiller", "pain killer", "ibuprofen", "paracetamol", "acetaminophen", "tylenol", "advil",
       "nurofen", "aspirin", "nsaid", "analgesic"], &["painkiller", "paracetamol", "ibuprofen"]),
    (&["physio", "physiotherapist", "physical therapy", "physical therapist", "pt"],
     &["physiotherapy", "physiotherapist"]),
    (&["pill", "capsule", "supplement"], &["tablet", "supplement"]),
    (&["medication", "meds", "drug", "prescription", "medicine"], &["medicine", "medical"]),
    (&["sore", "ache", "achy", "hurt", "painful", "pain"], &["pain", "sore"]),
    (&["dehydrated", "hydration", "hydrated", "fluid", "thirsty"], &["dehydration", "drink"]),
    (&["shoe", "trainers", "sneaker", "boot", "slipper"], &["footwear", "shoes"]),
    (&["orthotic", "arch support", "insert"], &["insoles"]),
    (&["icing", "ice pack", "cold pack", "frozen peas"], &["ice"]),
    (&["warm", "warmth", "hot", "heating", "hot water bottle"], &["heat", "warmth", "warm"]),
    (&["rub", "knead"], &["massage"]),
    (&["prevent", "prevention"], &["prevent", "prevention"]),
    (&["eat", "nutrition", "meal"], &["diet", "food"]),
    (&["natural", "home remedy", "folk", "herbal", "herb"], &["folk", "home"]),
    (&["swollen", "swelling", "inflammation", "inflamed"], &["swelling", "swollen"]),
    (&["b12", "b6"], &["vitamin"]),
    (&["bath", "soak", "bathe"], &["bath", "soak"]),
];

/// Sayings for a part of, or something near, what the remedies' words name: "arch" finds the
/// foot remedies, but one that says "arch" comes first.
const RELATED_MEANING: SynonymTable = &[
    (&["shin", "lower leg"], &["calf"]),
    (&["sole", "arch", "heel", "instep"], &["foot"]),
    (&["thigh"], &["hamstring", "quadriceps"]),
    (&["cold"], &["ice"]),
    (&["avoid", "stop them"], &["prevent", "prevention"]),
];

// ---------------------------------------------------------------------------------------------
// The index
// ---------------------------------------------------------------------------------------------

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
mod tests {
    use super::*;
    use crate::content::Catalogue;

    fn remedies() -> Vec<Remedy> {
        Catalogue::load().expect("content loads").remedies
    }

    fn text(text: &str) -> Query {
        Query {
            text: text.to_string(),
            ..Query::default()
        }
    }

    fn slugs<'a>(remedies: &'a [Remedy], hits: &[Hit]) -> Vec<&'a str> {
        hits.iter()
            .map(|hit| remedies[hit.index].slug.as_str())
            .collect()
    }

    /// What a search should return, checked on its first results only so that new remedies
    /// don't break the tests.
    enum Expect {
        /// The results start with these, in this order.
        StartsWith(&'static [&'static str]),
        /// Each of these is among the first `n`, in any order.
        AmongFirst(usize, &'static [&'static str]),
        Nothing,
    }
    use Expect::*;

    /// What people type, as a runner, a pregnant woman, an older adult at night, someone with a
    /// sprain; with typos, other words for things and half-typed words.
    const CASES: &[(&str, Expect)] = &[
        // A runner.
        (
            "calf cramp while running",
            StartsWith(&["stretch-the-muscle"]),
        ),
        (
            "calf cramp while running",
            AmongFirst(5, &["warm-up-and-cool-down", "foam-roller-recovery"]),
        ),
        ("cramp mid race", StartsWith(&["stretch-the-muscle"])),
        (
            "post workout cramp",
            AmongFirst(3, &["stretch-the-muscle", "foam-roller-recovery"]),
        ),
        (
            "hamstring cramp running",
            StartsWith(&["stretch-the-muscle"]),
        ),
        // A pregnant woman.
        (
            "pregnant night cramps",
            AmongFirst(2, &["nightly-stretching", "stretch-the-muscle"]),
        ),
        (
            "pregnant night cramps",
            AmongFirst(4, &["magnesium-in-pregnancy"]),
        ),
        (
            "magnesium pregnant",
            StartsWith(&["magnesium-in-pregnancy"]),
        ),
        (
            "cramp during pregnancy",
            AmongFirst(2, &["magnesium-in-pregnancy", "stretch-the-muscle"]),
        ),
        // An older adult, at night.
        (
            "cramps in bed",
            StartsWith(&["nightly-stretching", "stretch-the-muscle"]),
        ),
        (
            "leg cramp at night elderly",
            StartsWith(&["nightly-stretching", "stretch-the-muscle"]),
        ),
        ("nocturnal calf", StartsWith(&["nightly-stretching"])),
        ("night cramps", StartsWith(&["nightly-stretching"])),
        ("sleeping position", StartsWith(&["sleeping-position"])),
        // A sprained ankle.
        (
            "twisted ankle",
            StartsWith(&["sprain-brace-and-exercise", "sprain-rice"]),
        ),
        (
            "rolled ankle",
            AmongFirst(2, &["sprain-brace-and-exercise", "sprain-rice"]),
        ),
        ("sprained ankle ice", StartsWith(&["sprain-rice"])),
        // Cramp right now.
        ("cramp right now", StartsWith(&["stretch-the-muscle"])),
        (
            "cramp right now",
            AmongFirst(4, &["massage", "heat", "walk-and-jiggle"]),
        ),
        (
            "how do i stop leg cramps at night",
            StartsWith(&["stretch-the-muscle"]),
        ),
        // Typos.
        (
            "magnesum",
            AmongFirst(2, &["magnesium-tablets", "magnesium-in-pregnancy"]),
        ),
        (
            "strech calf",
            AmongFirst(2, &["nightly-stretching", "stretch-the-muscle"]),
        ),
        ("quinnine", StartsWith(&["quinine"])),
        ("cafl cramp", StartsWith(&["stretch-the-muscle"])),
        ("pregant cramps", AmongFirst(2, &["magnesium-in-pregnancy"])),
        // Other words for things.
        ("charley horse", StartsWith(&["stretch-the-muscle"])),
        ("spasm in my shin", StartsWith(&["stretch-the-muscle"])),
        ("arch of foot pain", StartsWith(&["insoles"])),
        ("heel pain", AmongFirst(2, &["insoles", "footwear"])),
        ("tonic water", StartsWith(&["quinine"])),
        ("ibuprofen", StartsWith(&["painkillers"])),
        ("physio", StartsWith(&["physical-therapy"])),
        ("dehydrated", StartsWith(&["drink-for-cramps"])),
        ("thigh cramp", StartsWith(&["stretch-the-muscle"])),
        (
            "mag",
            AmongFirst(2, &["magnesium-tablets", "magnesium-in-pregnancy"]),
        ),
        // Half-typed words.
        ("cal", StartsWith(&["nightly-stretching"])),
        ("cal", AmongFirst(3, &["calcium-channel-blockers"])),
        (
            "magn",
            AmongFirst(2, &["magnesium-tablets", "magnesium-in-pregnancy"]),
        ),
        ("night cra", StartsWith(&["nightly-stretching"])),
        ("pickle j", StartsWith(&["pickle-juice"])),
        // Asked for by name, even when graded X.
        ("quinine", StartsWith(&["quinine"])),
        ("epsom salt", StartsWith(&["epsom-salt"])),
        (
            "eight glasses of water",
            StartsWith(&["eight-glasses-rule"]),
        ),
        (
            "does magnesium help leg cramps",
            StartsWith(&["magnesium-tablets"]),
        ),
        ("vinegar", StartsWith(&["apple-cider-vinegar"])),
        ("warm up", StartsWith(&["warm-up-and-cool-down"])),
        // Nothing to find: every word must match, and short words are never guessed at.
        ("xylophone", Nothing),
        ("cramp xylophone", Nothing),
        ("clf", Nothing),
    ];

    #[test]
    fn what_people_type_finds_what_they_need() {
        let remedies = remedies();
        let index = SearchIndex::new(&remedies);
        let failures: Vec<String> = CASES
            .iter()
            .filter_map(|(typed, expect)| {
                let found = slugs(&remedies, &index.search(&text(typed)));
                let passed = match expect {
                    StartsWith(first) => found.starts_with(first),
                    AmongFirst(n, wanted) => wanted
                        .iter()
                        .all(|slug| found.iter().take(*n).any(|f| f == slug)),
                    Nothing => found.is_empty(),
                };
                let wanted = match expect {
                    StartsWith(first) => format!("to start with {first:?}"),
                    AmongFirst(n, wanted) => format!("{wanted:?} among the first {n}"),
                    Nothing => "nothing".to_string(),
                };
                let top: Vec<&str> = found.into_iter().take(6).collect();
                (!passed).then(|| format!("{typed:?}: wanted {wanted}, got {top:?}"))
            })
            .collect();
        assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    }

    #[test]
    fn remedies_graded_x_come_last_unless_asked_for() {
        let remedies = remedies();
        let index = SearchIndex::new(&remedies);
        for typed in [
            "night cramps",
            "older adults",
            "pregnant night cramps",
            "cramp",
            "",
        ] {
            let grades: Vec<Grade> = index
                .search(&text(typed))
                .iter()
                .map(|hit| remedies[hit.index].grade)
                .collect();
            let first_x = grades.iter().position(|g| *g == Grade::X);
            assert!(first_x.is_some(), "{typed:?}: no X remedy to test with");
            assert!(
                grades[first_x.unwrap_or_default()..]
                    .iter()
                    .all(|g| *g == Grade::X),
                "{typed:?}: an X remedy comes before others: {grades:?}"
            );
        }
    }

    #[test]
    fn with_nothing_typed_every_remedy_shows_immediate_relief_first_then_by_grade() {
        let remedies = remedies();
        let index = SearchIndex::new(&remedies);
        let hits = index.search(&Query::default());
        assert_eq!(hits.len(), remedies.len());
        let order: Vec<(bool, bool, Grade)> = hits
            .iter()
            .map(|hit| {
                let remedy = &remedies[hit.index];
                let later_kind = remedy.kind != RemedyKind::ImmediateRelief;
                (remedy.grade == Grade::X, later_kind, remedy.grade)
            })
            .collect();
        assert!(order.is_sorted(), "{:?}", slugs(&remedies, &hits));
        assert_eq!(
            slugs(&remedies, &hits)[0],
            "stretch-the-muscle",
            "the best-supported immediate relief opens the list"
        );
    }

    #[test]
    fn a_situation_filter_alone_orders_by_what_the_situation_needs() {
        let remedies = remedies();
        let index = SearchIndex::new(&remedies);
        let kinds = |situation| {
            let query = Query {
                situations: vec![situation],
                ..Query::default()
            };
            let hits = index.search(&query);
            hits.iter()
                .map(|hit| remedies[hit.index].kind)
                .take(2)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            kinds(Situation::Night),
            [RemedyKind::Prevention, RemedyKind::ImmediateRelief],
            "night: prevention first, immediate relief close behind"
        );
        assert_eq!(
            kinds(Situation::CrampNow),
            [RemedyKind::ImmediateRelief, RemedyKind::ImmediateRelief]
        );
    }

    /// Runs a filtered search and checks every result against `passes`.
    #[track_caller]
    fn filtered(query: Query, passes: impl Fn(&Remedy) -> bool) -> Vec<String> {
        let remedies = remedies();
        let hits = SearchIndex::new(&remedies).search(&query);
        assert!(!hits.is_empty(), "{query:?} found nothing");
        for hit in &hits {
            let remedy = &remedies[hit.index];
            assert!(passes(remedy), "{query:?} let {} through", remedy.slug);
        }
        let wanted = remedies.iter().filter(|r| passes(r)).count();
        if query.text.is_empty() {
            assert_eq!(hits.len(), wanted, "{query:?} left out a remedy");
        }
        slugs(&remedies, &hits)
            .into_iter()
            .map(String::from)
            .collect()
    }

    #[test]
    fn a_grade_filter_keeps_only_those_grades() {
        let found = filtered(
            Query {
                grades: vec![Grade::A, Grade::B],
                ..Query::default()
            },
            |r| matches!(r.grade, Grade::A | Grade::B),
        );
        assert_eq!(found[0], "stretch-the-muscle");
    }

    #[test]
    fn a_body_part_filter_leaves_out_remedies_for_no_part_in_particular() {
        let found = filtered(
            Query {
                parts: vec![BodyPart::Foot],
                ..Query::default()
            },
            |r| r.body_parts.contains(&BodyPart::Foot),
        );
        assert!(!found.contains(&"magnesium-tablets".to_string()));
    }

    #[test]
    fn a_kind_filter_with_text_narrows_the_text_search() {
        let found = filtered(
            Query {
                text: "magnesium".into(),
                kinds: vec![RemedyKind::Supplement],
                ..Query::default()
            },
            |r| r.kind == RemedyKind::Supplement,
        );
        assert_eq!(found, ["magnesium-in-pregnancy", "magnesium-tablets"]);
    }

    #[test]
    fn filters_combine_with_and_across_and_or_within() {
        let found = filtered(
            Query {
                situations: vec![Situation::AnkleSprain, Situation::Pregnancy],
                parts: vec![BodyPart::Ankle, BodyPart::Calf],
                grades: vec![Grade::B, Grade::C],
                ..Query::default()
            },
            |r| {
                r.situations
                    .iter()
                    .any(|s| matches!(s, Situation::AnkleSprain | Situation::Pregnancy))
                    && r.body_parts
                        .iter()
                        .any(|p| matches!(p, BodyPart::Ankle | BodyPart::Calf))
                    && matches!(r.grade, Grade::B | Grade::C)
            },
        );
        for slug in [
            "sprain-brace-and-exercise",
            "stretch-the-muscle",
            "nightly-stretching",
        ] {
            assert!(found.iter().any(|f| f == slug), "{slug} missing: {found:?}");
        }
        let night_calf = filtered(
            Query {
                text: "cramp".into(),
                situations: vec![Situation::Night],
                parts: vec![BodyPart::Calf],
                kinds: vec![RemedyKind::Prevention, RemedyKind::Lifestyle],
                ..Query::default()
            },
            |r| {
                r.situations.contains(&Situation::Night)
                    && r.body_parts.contains(&BodyPart::Calf)
                    && matches!(r.kind, RemedyKind::Prevention | RemedyKind::Lifestyle)
            },
        );
        assert_eq!(night_calf, ["nightly-stretching", "sleeping-position"]);
    }

    #[test]
    fn a_filter_can_rule_out_what_the_text_asks_for() {
        let remedies = remedies();
        let query = Query {
            text: "quinine".into(),
            grades: vec![Grade::A, Grade::B],
            ..Query::default()
        };
        assert_eq!(SearchIndex::new(&remedies).search(&query), []);
    }

    #[test]
    fn word_forms_meet_at_one_stem() {
        for (forms, expected) in [
            (&["cramp", "cramps", "cramping", "cramped"][..], "cramp"),
            (
                &["stretch", "stretches", "stretching", "stretched"],
                "stretch",
            ),
            (&["leg", "legs"], "leg"),
            (&["foot", "feet"], "foot"),
            (&["calf", "calves"], "calf"),
            (&["run", "running", "runs"], "run"),
            (&["remedy", "remedies"], "remedy"),
            (&["ankle", "ankles"], "ankl"),
            (&["need", "needed"], "need"),
        ] {
            for form in forms {
                assert_eq!(stem(form), expected, "{form}");
            }
        }
        assert_ne!(stem("bring"), stem("br"));
    }

    #[test]
    fn typos_are_counted_like_a_person_makes_them() {
        assert_eq!(typo_distance("claf", "calf", 2), 1, "two letters swapped");
        assert_eq!(typo_distance("magnesum", "magnesium", 2), 1);
        assert_eq!(typo_distance("strech", "stretch", 2), 1);
        assert_eq!(typo_distance("qiunnine", "quinine", 2), 2);
        assert_eq!(
            typo_distance("xylophone", "exercise", 2),
            3,
            "stops past the limit"
        );
        assert_eq!(allowed_typos("cam"), 0);
        assert_eq!(allowed_typos("stretch"), 1);
        assert_eq!(allowed_typos("magnesum"), 2);
    }

    #[test]
    fn every_synonym_leads_to_words_in_the_remedies() {
        let index = SearchIndex::new(&remedies());
        let known = |word: &str| {
            index
                .lexicon
                .binary_search_by(|entry| (*entry.word).cmp(&stem(word)))
                .is_ok_and(|entry| {
                    index.lexicon[entry]
                        .alternatives
                        .iter()
                        .any(|a| a.quality == EXACT)
                })
        };
        let meanings = SAME_MEANING.iter().chain(RELATED_MEANING).flat_map(|g| g.1);
        let unknown: Vec<&str> = meanings.copied().filter(|word| !known(word)).collect();
        assert!(unknown.is_empty(), "not in any remedy: {unknown:?}");
    }

    fn params(
        q: &str,
        situation: &str,
        part: &str,
        kind: &str,
        grade: &str,
    ) -> Result<Query, ApiError> {
        Query::from_params(
            Some(q),
            Some(situation),
            Some(part),
            Some(kind),
            Some(grade),
        )
    }

    #[test]
    fn the_finder_address_is_read_into_a_query() {
        let query = params("calf night", "night, cramp-now", "calf", "", "A,b,a").expect("valid");
        assert_eq!(
            query,
            Query {
                text: "calf night".into(),
                situations: vec![Situation::Night, Situation::CrampNow],
                parts: vec![BodyPart::Calf],
                kinds: vec![],
                grades: vec![Grade::A, Grade::B],
            }
        );
        assert_eq!(
            Query::from_params(None, None, None, None, None),
            Ok(Query::default())
        );
        assert_eq!(params("   ", "", "", "", ""), Ok(Query::default()));
        let longest = "a".repeat(MAX_TEXT_CHARS);
        assert!(params(&longest, "", "", "", "").is_ok());
        let most_items = vec!["night"; MAX_LIST_ITEMS].join(",");
        assert_eq!(
            params("", &most_items, "", "", "").map(|q| q.situations),
            Ok(vec![Situation::Night])
        );
    }

    #[test]
    fn a_bad_address_is_refused_with_a_message_that_says_what_to_do() {
        let too_long = "a".repeat(MAX_TEXT_CHARS + 1);
        let too_many = vec!["calf"; MAX_LIST_ITEMS + 1].join(",");
        let cases: [(&str, Result<Query, ApiError>, &[&str]); 9] = [
            ("(q)", params(&too_long, "", "", "", ""), &["201", "200"]),
            ("(q)", params("calf\ncramp", "", "", "", ""), &["control"]),
            (
                "situation",
                params("", "nite", "", "", ""),
                &["\"nite\"", "cramp-now, night, exercise"],
            ),
            ("situation", params("", "night\t", "", "", ""), &["control"]),
            (
                "part",
                params("", "", "knee", "", ""),
                &["\"knee\"", "calf"],
            ),
            ("part", params("", "", &too_many, "", ""), &["21", "20"]),
            (
                "kind",
                params("", "", "", "pill", ""),
                &["\"pill\"", "immediate-relief"],
            ),
            (
                "grade",
                params("", "", "", "", "A,E"),
                &["\"E\"", "A, B, C, D, X"],
            ),
            ("grade", params("", "", "", "", "A+"), &["\"A+\""]),
        ];
        for (param, result, phrases) in cases {
            let Err(err) = result else {
                panic!("{param}: accepted {result:?}");
            };
            assert_eq!(err.status, 400, "{param}: {}", err.message);
            assert!(
                err.message.contains(param),
                "names {param}: {}",
                err.message
            );
            for phrase in phrases {
                assert!(err.message.contains(phrase), "{phrase}: {}", err.message);
            }
        }
    }

    #[test]
    fn a_refused_value_is_quoted_only_in_part() {
        let long_value = format!("{}TAIL", "x".repeat(QUOTED_VALUE_CHARS));
        let Err(err) = params("", "", "", &long_value, "") else {
            panic!("a made-up kind was accepted");
        };
        assert!(err.message.contains(&format!("\"{}…\"", "x".repeat(40))));
        assert!(!err.message.contains("TAIL"), "{}", err.message);
    }

    #[test]
    fn a_query_goes_into_the_address_and_back_unchanged() {
        let query = Query {
            text: "calf night".into(),
            situations: vec![Situation::Night, Situation::OlderAdults],
            parts: vec![BodyPart::Calf],
            kinds: vec![RemedyKind::ImmediateRelief, RemedyKind::HomeFolk],
            grades: vec![Grade::A, Grade::X],
        };
        assert_eq!(
            query.to_params(),
            [
                ("q", "calf night".to_string()),
                ("situation", "night,older-adults".into()),
                ("part", "calf".into()),
                ("kind", "immediate-relief,home-folk".into()),
                ("grade", "A,X".into()),
            ]
        );
        let everything = Query {
            text: "charley horse, now!".into(),
            situations: Situation::ALL.to_vec(),
            parts: BodyPart::ALL.to_vec(),
            kinds: RemedyKind::ALL.to_vec(),
            grades: Grade::ALL.to_vec(),
        };
        for original in [query, everything, text("cal"), Query::default()] {
            let param = |name: &str| original.param(name);
            let read_back = Query::from_params(
                param("q").as_deref(),
                param("situation").as_deref(),
                param("part").as_deref(),
                param("kind").as_deref(),
                param("grade").as_deref(),
            );
            assert_eq!(
                read_back.as_ref(),
                Ok(&original),
                "{:?}",
                original.to_params()
            );
        }
        assert_eq!(Query::default().to_params(), []);
    }

    #[test]
    fn address_names_are_the_names_serde_gives() {
        fn check<T: UrlValue + Serialize>() {
            for value in T::VALUES {
                let serde_name = serde_json::to_value(value).expect("serialises");
                assert_eq!(serde_name, value.url_name(), "{value:?}");
            }
        }
        check::<Situation>();
        check::<BodyPart>();
        check::<RemedyKind>();
        check::<Grade>();
    }
}
