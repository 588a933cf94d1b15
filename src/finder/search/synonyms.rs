//! People's words for what the remedies call something else.

/// Words people use for what the remedies call something else. A search for a word (or phrase)
/// on the left also finds the remedies that use the words on the right; not the other way round
/// ("cramp" does not find "spasm"). A test checks that every word on the right is in the remedies.
pub(super) type SynonymTable = &'static [(&'static [&'static str], &'static [&'static str])];

/// Sayings that mean the same as the remedies' words. Other forms of a word ("running",
/// "twisted") need no entry: the stemmer joins them.
#[rustfmt::skip]
pub(super) const SAME_MEANING: SynonymTable = &[
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
pub(super) const RELATED_MEANING: SynonymTable = &[
    (&["shin", "lower leg"], &["calf"]),
    (&["sole", "arch", "heel", "instep"], &["foot"]),
    (&["thigh"], &["hamstring", "quadriceps"]),
    (&["cold"], &["ice"]),
    (&["avoid", "stop them"], &["prevent", "prevention"]),
];
