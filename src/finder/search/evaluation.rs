//! The evaluation set (evaluation.toml): queries as people write them, each with the results a
//! person would be glad of, and the warning signs that must come first. The test suite holds the
//! finder to it; `examples/search_lab.rs` chooses the weights on it.

use super::{tuning::Tuning, Query, SearchIndex};

#[derive(serde::Deserialize)]
pub struct Evaluation {
    pub query: Vec<Case>,
}

#[derive(serde::Deserialize)]
pub struct Case {
    pub text: String,
    /// Results a person would be glad of.
    pub accept: Vec<String>,
    /// Warning signs, one of which must come first.
    #[serde(default)]
    pub warning: Vec<String>,
    /// Why the case is there, for whoever judges it.
    pub note: String,
}

/// How one query fared.
pub struct Outcome {
    /// Every result's id, in the order shown.
    pub found: Vec<String>,
    /// Acceptable results among the first three, out of three, or out of how many acceptable
    /// results the content has if fewer.
    pub precision: f64,
    /// For a warning-sign query, whether one of its signs came first.
    pub warning_first: Option<bool>,
}

/// Precision at 3 over a set of cases, and how many warning-sign queries put a sign first.
#[derive(Debug, Clone, Copy, Default)]
pub struct Score {
    pub precision: f64,
    pub warnings_first: usize,
    pub warnings: usize,
}

impl Evaluation {
    pub fn load() -> Result<Self, toml::de::Error> {
        toml::from_str(include_str!("evaluation.toml"))
    }
}

impl Case {
    pub fn judge(&self, index: &SearchIndex, tuning: &Tuning) -> Outcome {
        let query = Query {
            text: self.text.clone(),
            ..Query::default()
        };
        let found: Vec<String> = index
            .search_tuned(&query, tuning)
            .all()
            .map(|doc| index.docs[doc].id())
            .collect();
        let good = found
            .iter()
            .take(3)
            .filter(|id| self.accept.contains(id))
            .count();
        let possible = self.accept.len().clamp(1, 3);
        let warning_first = (!self.warning.is_empty()).then(|| {
            found
                .first()
                .is_some_and(|first| self.warning.contains(first))
        });
        Outcome {
            precision: good.min(possible) as f64 / possible as f64,
            warning_first,
            found,
        }
    }
}

/// The score of `index` with `tuning` over `cases`.
pub fn score<'a>(
    index: &SearchIndex,
    cases: impl IntoIterator<Item = &'a Case>,
    tuning: &Tuning,
) -> Score {
    let (mut total, mut count, mut score) = (0.0, 0, Score::default());
    for case in cases {
        let outcome = case.judge(index, tuning);
        total += outcome.precision;
        count += 1;
        if let Some(first) = outcome.warning_first {
            score.warnings += 1;
            score.warnings_first += usize::from(first);
        }
    }
    score.precision = total / count.max(1) as f64;
    score
}
