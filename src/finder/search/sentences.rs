//! The sentences a result may show under its title: whole sentences that make sense on their
//! own. A topic section offers its paragraphs' leading sentences, never one that leans on the
//! text before it ("These are linked with cramps.") or is too short to say anything ("Stay
//! calm."); `snippet` chooses among them for a query.

use super::text::words;

/// Fewer words than this say too little to stand under a result ("Stay calm.").
const MIN_WORDS: usize = 4;

/// First words that point back to what came before: "These are linked with cramps", "It can be
/// very painful", "Or, if you can stand...", "Not for ordinary cramps".
#[rustfmt::skip]
const POINTING_BACK: &[&str] = &[
    "also", "and", "another", "both", "but", "either", "hence", "her", "here", "his", "however", "instead",
    "it", "its", "nor", "not", "or", "others", "otherwise", "she", "he", "so", "still", "such", "that",
    "their", "them", "then", "therefore", "these", "they", "this", "those", "thus", "which", "yet",
];

/// Words that stand for a noun said before when a verb follows them: "Some are well supported",
/// but not "Some medicines can cause cramps".
const STANDING_FOR_A_NOUN: &[&str] = &["all", "each", "few", "many", "most", "one", "some"];
const VERBS_AFTER_A_PRONOUN: &[&str] = &[
    "are", "can", "could", "do", "does", "have", "has", "is", "may", "might", "of", "was", "were",
    "will",
];

/// The sentences of a paragraph: a sentence ends at `.`, `!` or `?` (and any closing quote or
/// bracket) followed by a space and a capital letter or digit, so "2.5 L" and "e.g. the calf"
/// stay whole.
pub fn sentences(paragraph: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut start = 0;
    let mut chars = paragraph.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        while let Some(&(_, closing)) = chars.peek() {
            if !matches!(closing, '"' | '”' | '’' | ')') {
                break;
            }
            chars.next();
        }
        let Some(&(end, space)) = chars.peek() else {
            break;
        };
        if !space.is_whitespace() {
            continue;
        }
        let rest = &paragraph[end..];
        let next = rest.trim_start();
        if next
            .chars()
            .next()
            .is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || "\"“(".contains(n))
        {
            found.push(paragraph[start..end].trim());
            start = end + (rest.len() - next.len());
        }
    }
    let last = paragraph[start..].trim();
    if !last.is_empty() {
        found.push(last);
    }
    found
}

/// Whether a sentence can be read under a result with nothing around it: it starts with a
/// capital, ends a statement (not a list's "include:"), has a few words, and its first words
/// don't point back to an earlier sentence or to a place on its page ("see below").
pub fn stands_alone(sentence: &str) -> bool {
    let sentence = sentence.trim();
    let starts_well = sentence
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let ends_well = sentence
        .trim_end_matches(['"', '”', '’', ')'])
        .ends_with(['.', '!', '?']);
    let said = words(sentence);
    let first = said.first().map_or("", String::as_str);
    let second = said.get(1).map_or("", String::as_str);
    let points_back = POINTING_BACK.contains(&first)
        || (STANDING_FOR_A_NOUN.contains(&first) && VERBS_AFTER_A_PRONOUN.contains(&second));
    let lower = sentence.to_lowercase();
    let points_elsewhere = ["see below", "see above", "as above"]
        .iter()
        .any(|place| lower.contains(place));
    starts_well && ends_well && said.len() >= MIN_WORDS && !points_back && !points_elsewhere
}

/// Each paragraph's first sentence that stands alone, in order. Only the first: later sentences
/// often keep to what the paragraph set out ("In pregnancy the evidence is weak. For magnesium
/// the results were inconsistent.") and would say more, or less, without it.
pub fn standing_sentences<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    paragraphs
        .into_iter()
        .filter_map(|paragraph| sentences(paragraph).into_iter().find(|s| stands_alone(s)))
        .map(str::to_string)
        .collect()
}

/// The sentence that holds most of the words `asked` accepts, the first of equals; the first
/// sentence when none holds any; none when there are no sentences.
pub fn best_sentence(candidates: &[String], asked: impl Fn(&str) -> bool) -> Option<&str> {
    let held = |sentence: &str| words(sentence).iter().filter(|w| asked(w)).count();
    let mut best: Option<(&str, usize)> = None;
    for candidate in candidates {
        let count = held(candidate);
        if best.is_none_or(|(_, most)| count > most) {
            best = Some((candidate, count));
        }
    }
    best.map(|(sentence, _)| sentence)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paragraph_splits_into_its_sentences_and_numbers_stay_whole() {
        assert_eq!(
            sentences(
                "Stay calm. The cramp will pass, usually within 2.5 minutes! Stretch (gently)."
            ),
            [
                "Stay calm.",
                "The cramp will pass, usually within 2.5 minutes!",
                "Stretch (gently)."
            ]
        );
        assert_eq!(
            sentences("Try a stretch, e.g. the wall stretch. “It works,” she said. 3 times a day."),
            [
                "Try a stretch, e.g. the wall stretch.",
                "“It works,” she said.",
                "3 times a day."
            ]
        );
        assert_eq!(
            sentences("Good sources include:"),
            ["Good sources include:"]
        );
        assert!(sentences("  ").is_empty());
    }

    #[test]
    fn only_sentences_that_make_sense_alone_stand_under_a_result() {
        for whole in [
            "The cramp will pass, usually within a few minutes.",
            "Most cramps are harmless.",
            "Some medicines can cause cramps.",
            "Often no single cause is found.",
            "Don't stop a prescribed medicine on your own: ask your doctor.",
        ] {
            assert!(stands_alone(whole), "{whole}");
        }
        for fragment in [
            "Stay calm.",
            "These are linked with cramps.",
            "This helps most people.",
            "It can be very painful.",
            "They are still good everyday food.",
            "Some are well supported; others are only suspected.",
            "Or, if you can stand safely, stand up.",
            "However, the evidence is weak here.",
            "Good sources include:",
            "Not for ordinary cramps.",
            "some medicines can cause cramps.",
            "Common medicines can do this (see below).",
            "Pull your toes up toward your knee",
        ] {
            assert!(!stands_alone(fragment), "{fragment}");
        }
    }

    #[test]
    fn each_paragraph_offers_its_first_sentence_that_stands_alone() {
        assert_eq!(
            standing_sentences([
                "Stay calm. The cramp will pass, usually within a few minutes.",
                "Not for ordinary cramps. A review found little or no effect in older adults.",
                "In pregnancy the evidence is weak. For magnesium the results were inconsistent.",
                "Good sources include:",
            ]),
            [
                "The cramp will pass, usually within a few minutes.",
                "A review found little or no effect in older adults.",
                "In pregnancy the evidence is weak.",
            ]
        );
    }

    #[test]
    fn the_sentence_saying_most_of_what_was_asked_is_chosen() {
        let candidates = standing_sentences([
            "Stay calm. The cramp will pass, usually within a few minutes.",
            "Magnesium tablets make little difference for ordinary cramps. Magnesium is in nuts.",
        ]);
        let asked = |words: &'static [&'static str]| move |w: &str| words.contains(&w);
        assert_eq!(
            best_sentence(&candidates, asked(&["magnesium", "tablets"])),
            Some("Magnesium tablets make little difference for ordinary cramps.")
        );
        assert_eq!(
            best_sentence(&candidates, asked(&["xylophone"])),
            Some("The cramp will pass, usually within a few minutes."),
            "none holds a word: the first"
        );
        assert_eq!(best_sentence(&[], asked(&["cramp"])), None);
    }
}
