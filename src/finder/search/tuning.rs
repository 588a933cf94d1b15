//! The numbers that weigh one match against another, in one place. They were chosen on half of
//! the evaluation set and checked on the other half (`examples/search_lab.rs tune`), so that they
//! hold for queries they were not fitted to.

/// Field weights and length normalisation (BM25F) are fixed when the index is built; the rest
/// apply when ranking.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tuning {
    /// How much one occurrence counts in each field.
    pub title: f32,
    pub phrases: f32,
    pub keywords: f32,
    pub summary: f32,
    pub body: f32,
    /// How much a long field dilutes a word in it (BM25's b), for titles and keywords, summaries
    /// and bodies.
    pub short_norm: f32,
    pub summary_norm: f32,
    pub body_norm: f32,
    /// BM25's saturation: a word said again adds less and less.
    pub k1: f32,
    /// A document matching some of the words keeps this power of the share it matched.
    pub coordination: f32,
    /// How much more a document counts for each asked word its title holds.
    pub title_cover: f32,
    /// A warning sign the query does not describe, weighed against what was asked for.
    pub undescribed_sign: f32,
    /// Under a warning sign: the other signs, and remedies.
    pub sign_under_warning: f32,
    pub remedy_under_warning: f32,
    /// A document of the kind the person asked for ("stretches", "why").
    pub asked_kind: f32,
    /// The kind of remedy or stretch the person most likely needs.
    pub needed: f32,
    /// A remedy with a caution for someone the query names.
    pub cautioned: f32,
    /// A remedy only for a group of people the query does not name.
    pub for_others: f32,
    /// Remedies by their evidence.
    pub strong_evidence: f32,
    pub weak_evidence: f32,
    /// Kinds of document against each other.
    pub stretch: f32,
    pub routine: f32,
    pub topic: f32,
    /// A condition's page (heel pain, sciatica).
    pub condition: f32,
    /// The share of a condition page's score lent to each remedy the page links.
    pub linked: f32,
    /// A topic that gathers answers from the others (questions and answers).
    pub digest: f32,
    /// What a topic's other matching sections add to its best one.
    pub topic_sections: f32,
    /// Results scoring below this share of the best are left out. Not the way to shorten a long
    /// list: for "leg cramps every night" the tail is night-cramp remedies and warning signs at
    /// 13-30% of the best, so a higher cut hides what applies (the page folds the list instead).
    pub relative_cut: f32,
    /// A guide (topic section) scoring at least this share of the best is brought up to the
    /// first three results.
    pub guide_share: f32,
}

pub const TUNING: Tuning = Tuning {
    title: 4.0,
    phrases: 3.0,
    keywords: 3.0,
    summary: 2.0,
    body: 0.3,
    short_norm: 0.3,
    summary_norm: 0.5,
    body_norm: 0.75,
    k1: 1.2,
    coordination: 1.0,
    title_cover: 0.5,
    undescribed_sign: 0.3,
    sign_under_warning: 0.75,
    remedy_under_warning: 0.5,
    asked_kind: 1.35,
    needed: 1.25,
    cautioned: 0.4,
    for_others: 0.7,
    strong_evidence: 1.1,
    weak_evidence: 1.05,
    stretch: 1.0,
    routine: 1.0,
    topic: 1.0,
    condition: 1.0,
    linked: 0.3,
    digest: 1.0,
    topic_sections: 0.05,
    relative_cut: 0.12,
    guide_share: 0.15,
};
