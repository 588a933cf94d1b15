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
