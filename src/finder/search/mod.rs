//! The finder's search: one index over warning signs, remedies, stretches and exercises,
//! routines and the topics' sections, ranked for what a person typed, in their own words.
//!
//! Pure Rust without I/O, built for both the server and the browser: the server builds the index
//! from the content, renders results for shared addresses and for pages without JavaScript, and
//! sends the index encoded; the browser decodes it and searches as the person types. One code
//! path, so both always give the same answer.
//!
//! - `text`: words, stop words, stems, typos;
//! - `index`: the documents and their words (people's words come from the content's words.toml);
//! - `codec`: the index as bytes;
//! - `rank`: reading a query, scoring, and the order shown (warning signs first, then the answer
//!   to "is X any good");
//! - `sentences`: the whole sentences a result may show, and `snippet` the one it shows;
//! - `query`: the query and its address;
//! - `tuning`: the weights, chosen on the evaluation set (`evaluation`, and
//!   `examples/search_lab.rs`).

pub mod codec;
#[cfg(any(test, feature = "search-lab"))]
pub mod evaluation;
mod index;
mod query;
mod rank;
mod sentences;
mod snippet;
mod text;
pub mod tuning;

pub use index::{anchor, Doc, DocKind, SearchIndex};
pub use query::{FinderParams, Query, MAX_TEXT_CHARS};
pub use rank::Found;
#[cfg(any(test, feature = "search-lab"))]
pub use rank::EXPLAIN;
pub use snippet::Snippets;

#[cfg(test)]
mod tests;
