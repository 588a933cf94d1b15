//! What a result of one query shows under its title: the sentence of a topic section that says
//! most of what was asked (chosen from those that stand alone, `sentences`), else the
//! document's summary.

use super::{
    index::Doc,
    sentences::best_sentence,
    text::{is_stop_word, stem},
    SearchIndex,
};

/// Chooses what each result of one query shows.
pub struct Snippets<'i> {
    index: &'i SearchIndex,
    /// The stems the query says: its words, their typos corrected, and people's words for them.
    said: Vec<u32>,
}

impl SearchIndex {
    pub fn snippets(&self, text: &str) -> Snippets<'_> {
        Snippets {
            index: self,
            said: self.stems_said(text),
        }
    }
}

impl Snippets<'_> {
    /// The text under a result's title: the matching sentence of a topic section, else the
    /// document's summary.
    pub fn of<'d>(&self, doc: &'d Doc) -> &'d str {
        // Stop words say nothing, in any form ("helped").
        let asked = |word: &str| {
            let stem = stem(word);
            !is_stop_word(word)
                && !is_stop_word(&stem)
                && self
                    .index
                    .stem_id(&stem)
                    .is_some_and(|id| self.said.binary_search(&id).is_ok())
        };
        best_sentence(&doc.sentences, asked).unwrap_or(&doc.summary)
    }
}
