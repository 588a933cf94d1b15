//! The finder's workbench, for whoever changes its weights or its content. Run with
//! `cargo run --release --features search-lab --example search_lab -- COMMAND`:
//!
//! - `tune`: chooses the weights by hill climbing on the even-numbered queries of the evaluation
//!   set and reports them on the odd-numbered ones, which it never saw; paste what it prints into
//!   src/finder/search/tuning.rs.
//! - `pool FILE`: the pool for judging the evaluation set (as TREC pools its judgments): for every
//!   query, the documents it already accepts and the first five the search returns, merged and
//!   sorted so a judge can't tell which came from where.
//! - `explain QUERY...`: how each query ranks: its warning signs, then the ten best scores.
//! - `index-size FOLDER`: the encoded index, and the same without the documents' texts and
//!   without the postings, as three files, for measuring what each part costs compressed.

use leg_relief::{
    content::Catalogue,
    finder::search::{
        codec,
        evaluation::{score, Case, Evaluation},
        tuning::{Tuning, TUNING},
        Query, SearchIndex, EXPLAIN,
    },
};
use std::{path::Path, process::ExitCode};

type Knob = (&'static str, fn(&mut Tuning) -> &mut f32);

/// Every weight the hill climb may change.
const KNOBS: [Knob; 29] = [
    ("title_cover", |t| &mut t.title_cover),
    ("guide_share", |t| &mut t.guide_share),
    ("title", |t| &mut t.title),
    ("phrases", |t| &mut t.phrases),
    ("keywords", |t| &mut t.keywords),
    ("summary", |t| &mut t.summary),
    ("body", |t| &mut t.body),
    ("short_norm", |t| &mut t.short_norm),
    ("summary_norm", |t| &mut t.summary_norm),
    ("body_norm", |t| &mut t.body_norm),
    ("k1", |t| &mut t.k1),
    ("coordination", |t| &mut t.coordination),
    ("undescribed_sign", |t| &mut t.undescribed_sign),
    ("sign_under_warning", |t| &mut t.sign_under_warning),
    ("remedy_under_warning", |t| &mut t.remedy_under_warning),
    ("asked_kind", |t| &mut t.asked_kind),
    ("needed", |t| &mut t.needed),
    ("cautioned", |t| &mut t.cautioned),
    ("for_others", |t| &mut t.for_others),
    ("strong_evidence", |t| &mut t.strong_evidence),
    ("weak_evidence", |t| &mut t.weak_evidence),
    ("stretch", |t| &mut t.stretch),
    ("routine", |t| &mut t.routine),
    ("topic", |t| &mut t.topic),
    ("condition", |t| &mut t.condition),
    ("linked", |t| &mut t.linked),
    ("digest", |t| &mut t.digest),
    ("topic_sections", |t| &mut t.topic_sections),
    ("relative_cut", |t| &mut t.relative_cut),
];

fn tune(catalogue: &Catalogue, cases: &[Case]) {
    let train = || cases.iter().step_by(2);
    let held_out = || cases.iter().skip(1).step_by(2);
    let objective = |tuning: &Tuning| {
        let index = SearchIndex::build_tuned(catalogue, tuning);
        let score = score(&index, train(), tuning);
        // A warning sign not first is never worth any precision.
        score.precision - (score.warnings - score.warnings_first) as f64
    };
    let mut best = TUNING;
    let mut best_score = objective(&best);
    println!("start: train {best_score:.3}");
    for round in 0..4 {
        for (name, knob) in KNOBS {
            for factor in [0.5, 0.7, 0.85, 1.2, 1.4, 2.0] {
                let mut trial = best;
                *knob(&mut trial) *= factor;
                let trial_score = objective(&trial);
                if trial_score > best_score + 1e-9 {
                    println!("round {round}: {name} x{factor} -> train {trial_score:.3}");
                    best = trial;
                    best_score = trial_score;
                }
            }
        }
    }
    let index = SearchIndex::build_tuned(catalogue, &best);
    let held = score(&index, held_out(), &best);
    let trained = score(&index, train(), &best);
    let before = score(&SearchIndex::build(catalogue), held_out(), &TUNING);
    println!(
        "tuned: train {:.3}, held out {:.3} (before {:.3}), held-out warnings first {}/{}",
        trained.precision, held.precision, before.precision, held.warnings_first, held.warnings
    );
    println!("{best:#?}");
}

fn pool(index: &SearchIndex, cases: &[Case], file: &Path) -> std::io::Result<()> {
    let mut out = String::new();
    for case in cases {
        let mut pooled = case.judge(index, &TUNING).found;
        pooled.truncate(5);
        pooled.extend(case.accept.iter().cloned());
        pooled.sort();
        pooled.dedup();
        out.push_str(&format!(
            "[[query]]\ntext = {:?}\npool = {:?}\n\n",
            case.text, pooled
        ));
    }
    std::fs::write(file, out)
}

fn explain(index: &SearchIndex, typed: &str) {
    let query = Query {
        text: typed.to_string(),
        ..Query::default()
    };
    let found = index.search(&query);
    let warnings: Vec<String> = found.warnings.iter().map(|&d| index.docs[d].id()).collect();
    println!("{typed:?}: warnings {warnings:?}");
    let mut scored = EXPLAIN.with_borrow(Clone::clone);
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (id, score, x) in scored.iter().take(10) {
        let unasked = if *x { " (X, not asked)" } else { "" };
        println!("  {score:8.3} {id}{unasked}");
    }
}

fn index_size(index: &SearchIndex, folder: &Path) -> std::io::Result<()> {
    let bytes = codec::encode(index);
    println!(
        "index: {} bytes, {} documents, {} stems",
        bytes.len(),
        index.docs.len(),
        index.stems.len()
    );
    std::fs::write(folder.join("search-index.bin"), bytes)?;
    let mut no_texts = index.clone();
    for doc in &mut no_texts.docs {
        (doc.title, doc.summary, doc.label, doc.anchor) = Default::default();
        doc.cautions.clear();
        doc.sentences.clear();
        doc.items.clear();
    }
    std::fs::write(
        folder.join("search-index-nodocs.bin"),
        codec::encode(&no_texts),
    )?;
    let mut no_postings = no_texts;
    no_postings.postings.iter_mut().for_each(Vec::clear);
    std::fs::write(
        folder.join("search-index-nopostings.bin"),
        codec::encode(&no_postings),
    )
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let catalogue = match Catalogue::load() {
        Ok(catalogue) => catalogue,
        Err(err) => {
            eprintln!("search_lab: the content does not load: {err}");
            return ExitCode::FAILURE;
        }
    };
    let evaluation = match Evaluation::load() {
        Ok(evaluation) => evaluation,
        Err(err) => {
            eprintln!("search_lab: evaluation.toml: {err}");
            return ExitCode::FAILURE;
        }
    };
    let index = SearchIndex::build(&catalogue);
    let written = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["tune"] => {
            tune(&catalogue, &evaluation.query);
            Ok(())
        }
        ["pool", file] => pool(&index, &evaluation.query, Path::new(file)),
        ["explain", ref queries @ ..] if !queries.is_empty() => {
            queries.iter().for_each(|typed| explain(&index, typed));
            Ok(())
        }
        ["index-size", folder] => index_size(&index, Path::new(folder)),
        _ => {
            eprintln!("usage: search_lab tune | pool FILE | explain QUERY... | index-size FOLDER");
            return ExitCode::FAILURE;
        }
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("search_lab: {err}");
            ExitCode::FAILURE
        }
    }
}
