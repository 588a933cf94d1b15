//! Text normalisation, the same for what the content says and what a person types: words,
//! stop words, stems and typos.

/// Lowercase words: runs of letters and digits. Apostrophes are dropped rather than split on, so
/// "don't" and "charley's" stay one word.
pub(super) fn words(text: &str) -> Vec<String> {
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
pub(super) const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "again", "all", "also", "always", "am", "an", "and", "any", "anyone",
    "are", "as", "at", "bad", "be", "been", "before", "best", "both", "but", "by", "can", "cant",
    "could", "cure", "cures", "did", "do", "does", "dont", "down", "during", "each", "every",
    "feel", "feels", "for", "from", "get", "gets", "getting", "go", "goes", "going", "good",
    "got", "had", "has", "have", "having", "help", "helps", "hi", "how", "i", "if", "im", "in",
    "into", "is", "it", "its", "ive", "just", "keep", "keeps", "kept", "know", "left", "leg",
    "legs", "like", "loads", "lot", "lots", "many", "me", "mean", "means", "more", "most",
    "muscle", "muscles", "my", "need", "no", "not", "of", "off", "often", "ok", "okay", "on",
    "one", "or", "our", "out", "over", "please", "post", "really", "remedies", "remedy", "right",
    "should", "since", "so", "some", "someone", "something", "sometimes", "still", "than",
    "thanks", "that", "the", "their", "them", "then", "there", "these", "they", "thing", "things",
    "this", "tip", "tips", "to", "too", "treat", "treating", "treatment", "treatments", "up",
    "very", "want", "was", "way", "ways", "we", "were", "what", "whats", "when", "where", "which",
    "while", "who", "why", "will", "with", "would", "year", "years", "you", "your", "yr", "yrs",
];

pub(super) fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// Words that say "it is happening now" ("mid race"): they rank immediate relief first rather
/// than narrow the list.
#[rustfmt::skip]
pub(super) const RELIEF_NOW_WORDS: &[&str] = &[
    "now", "mid", "quick", "quickly", "fast", "faster", "immediately", "instant", "instantly",
    "urgent", "asap", "stop", "stops", "stopping",
];

/// Words that ask whether something works, after "does" or "do": "does stretching help".
const WORKS: &[&str] = &["effective", "help", "helps", "work", "works"];
/// Words that ask the same after "is" or "are": "is quinine effective", "are insoles worth it".
const GOOD: &[&str] = &["effective", "good", "useful", "worth"];
/// What follows "any" in "magnesium any good", "is pickle juice any use".
const ANY_GOOD: &[&str] = &["good", "help", "use"];

/// The words a question whether something works asks about, without stop words: "is magnesium
/// any good", "does stretching help", "do magnesium tablets work", "pickle juice any use". None
/// for any other query, or when what it asks about is only "it" or "this".
pub(super) fn verdict_subject(text: &str) -> Option<Vec<String>> {
    let words = words(text);
    let first = words.first().map_or("", String::as_str);
    let until = |ends: &[&str]| words.iter().position(|w| ends.contains(&w.as_str()));
    let any_good = words
        .windows(2)
        .position(|pair| pair[0] == "any" && ANY_GOOD.contains(&pair[1].as_str()));
    let subject = match (first, any_good) {
        ("is" | "are", Some(end)) => &words[1..end],
        (_, Some(end)) => &words[..end],
        ("does" | "do" | "did" | "can" | "will" | "would", None) => &words[1..until(WORKS)?],
        ("is" | "are", None) => &words[1..until(GOOD)?],
        _ => return None,
    };
    let subject: Vec<String> = subject
        .iter()
        .filter(|word| !is_stop_word(word))
        .cloned()
        .collect();
    (!subject.is_empty()).then_some(subject)
}

/// Irregular plurals that the suffix rules below cannot undo.
pub(super) const IRREGULAR_FORMS: [(&str, &str); 6] = [
    ("feet", "foot"),
    ("calves", "calf"),
    ("calve", "calf"),
    ("women", "woman"),
    ("children", "child"),
    ("teeth", "tooth"),
];

/// A light stemmer so that "cramps", "cramping" and "cramped" all become "cramp". It only needs
/// to treat the remedies' words and the typed words alike, not to produce real words ("ankle"
/// becomes "ankl").
pub(super) fn stem(word: &str) -> String {
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

/// The longest word a typo is looked for in; longer ones are only matched as written.
const MAX_TYPO_CHARS: usize = 24;

/// Optimal string alignment distance: an inserted, missing or wrong letter, or two neighbouring
/// letters swapped ("claf"), each count as one typo. Stops counting past `limit`. Works on the
/// stack: it runs for many lexicon words per typed word.
pub(super) fn typo_distance(a: &str, b: &str, limit: usize) -> usize {
    let mut left = ['\0'; MAX_TYPO_CHARS];
    let mut right = ['\0'; MAX_TYPO_CHARS];
    let (Some(n), Some(m)) = (fill(&mut left, a), fill(&mut right, b)) else {
        return limit + 1;
    };
    let (a, b) = (&left[..n], &right[..m]);
    if n.abs_diff(m) > limit {
        return limit + 1;
    }
    let mut before_previous = [0_usize; MAX_TYPO_CHARS + 1];
    let mut previous = [0_usize; MAX_TYPO_CHARS + 1];
    let mut current = [0_usize; MAX_TYPO_CHARS + 1];
    for (j, cell) in previous.iter_mut().enumerate().take(m + 1) {
        *cell = j;
    }
    for i in 1..=n {
        current[0] = i;
        let mut row_best = current[0];
        for j in 1..=m {
            let substitution = usize::from(a[i - 1] != b[j - 1]);
            let mut distance = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + substitution);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                distance = distance.min(before_previous[j - 2] + 1);
            }
            current[j] = distance;
            row_best = row_best.min(distance);
        }
        if row_best > limit {
            return limit + 1;
        }
        before_previous = previous;
        previous = current;
    }
    previous[m]
}

/// The characters of `word` in `buffer`; None when it is too long.
fn fill(buffer: &mut [char; MAX_TYPO_CHARS], word: &str) -> Option<usize> {
    let mut count = 0;
    for c in word.chars() {
        *buffer.get_mut(count)? = c;
        count += 1;
    }
    Some(count)
}

/// How many typos a typed word may have: none under 4 letters (too many short words lie one
/// letter apart), one up to 7, two from 8.
pub(super) fn allowed_typos(word: &str) -> usize {
    match word.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}
