//! How fast the finder searches: building and decoding the index, every query of the evaluation
//! set (the median of their medians is the budget's "median query"), and the slowest plausible
//! query. `make bench` runs it and `bench/budget.mjs` checks the figures it writes to
//! `target/search-bench.json`. The browser runs the same code, several times slower.

use criterion::{criterion_group, criterion_main, Criterion};
use leg_relief::{
    content::Catalogue,
    finder::search::{codec, FinderParams, Query, SearchIndex},
};
use std::{hint::black_box, time::Instant};

/// The evaluation set's queries: what people type.
fn typical_queries() -> Vec<Query> {
    let set: toml::Table = include_str!("../src/finder/search/evaluation.toml")
        .parse()
        .expect("evaluation.toml is valid");
    set["query"]
        .as_array()
        .expect("queries")
        .iter()
        .filter_map(|case| case.get("text")?.as_str())
        .map(|text| Query {
            text: text.to_string(),
            ..Query::default()
        })
        .collect()
}

/// As long as the finder accepts, and every word misspelt so that each needs a search for
/// near misses.
fn slowest_query() -> Query {
    let text = "magnesum quinnine strech pregnent nocturnel hamstrng excercize physiotherpy \
                massaage footwaer insolles vinegarr sprainned ankel medicaton calcum potasium \
                dehydratd suplement stretchi";
    let params = FinderParams {
        q: Some(text.to_string()),
        ..FinderParams::default()
    };
    Query::try_from(&params).expect("a query the finder accepts")
}

/// The median time of `run`, in microseconds, over enough repeats to be steady.
fn median_micros(mut run: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..201)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn search(c: &mut Criterion) {
    let catalogue = Catalogue::load().expect("content loads");
    c.bench_function("build index", |b| {
        b.iter(|| SearchIndex::build(black_box(&catalogue)))
    });
    let index = SearchIndex::build(&catalogue);
    let bytes = codec::encode(&index);
    c.bench_function("decode index", |b| {
        b.iter(|| codec::decode(black_box(&bytes)))
    });

    let typical = typical_queries();
    c.bench_function("search/every evaluation query", |b| {
        b.iter(|| {
            for query in &typical {
                black_box(index.search(black_box(query)));
            }
        })
    });
    let slowest = slowest_query();
    c.bench_function("search/slowest", |b| {
        b.iter(|| index.search(black_box(&slowest)))
    });

    // The budget's figures: each query's median, then the median over queries.
    let mut medians: Vec<f64> = typical
        .iter()
        .map(|query| median_micros(|| drop(black_box(index.search(query)))))
        .collect();
    medians.sort_by(f64::total_cmp);
    let summary = serde_json::json!({
        "queries": medians.len(),
        "median_query_us": medians[medians.len() / 2],
        "slowest_typical_us": medians.last(),
        "worst_plausible_us": median_micros(|| drop(black_box(index.search(&slowest)))),
        "index_bytes": bytes.len(),
    });
    println!("search summary: {summary}");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/target/search-bench.json");
    std::fs::write(path, summary.to_string()).expect("target/ is writable");
}

criterion_group!(benches, search);
criterion_main!(benches);
