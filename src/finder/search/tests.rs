//! What searches find, checked against the real content.

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
