//! How fast the finder searches: building the index, typical searches, and the slowest plausible
//! one. `make bench` runs it; the browser runs the same code offline, usually several times
//! slower, so these times should stay well under a millisecond.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use leg_relief::{
    content::Catalogue,
    finder::search::{Query, SearchIndex},
};
use std::hint::black_box;

/// What people type, as in the module's tests, plus one with filters.
fn typical_queries() -> Vec<(&'static str, Query)> {
    let text = |text: &str| Query {
        text: text.to_string(),
        ..Query::default()
    };
    let filtered = Query::from_params(Some("cramp"), Some("night"), None, None, Some("A,B,C"))
        .expect("a query the finder accepts");
    vec![
        ("runner", text("calf cramp while running")),
        ("pregnancy", text("pregnant night cramps")),
        ("older adult", text("leg cramp at night elderly")),
        ("typo", text("magnesum")),
        ("half-typed", text("cal")),
        ("no match", text("xylophone")),
        ("filters", filtered),
    ]
}

/// As long as the finder accepts, and every word misspelt so that each needs a search for
/// near misses.
fn slowest_query() -> Query {
    let text = "magnesum quinnine strech pregnent nocturnel hamstrng excercize physiotherpy \
                massaage footwaer insolles vinegarr sprainned ankel medicaton calcum potasium \
                dehydratd suplement stretchi";
    Query::from_params(Some(text), None, None, None, None).expect("a query the finder accepts")
}

fn search(c: &mut Criterion) {
    let remedies = Catalogue::load().expect("content loads").remedies;
    c.bench_function("build index", |b| {
        b.iter(|| SearchIndex::new(black_box(&remedies)))
    });

    let index = SearchIndex::new(&remedies);
    let mut group = c.benchmark_group("search");
    let queries = typical_queries()
        .into_iter()
        .chain([("slowest", slowest_query())]);
    for (name, query) in queries {
        group.bench_with_input(BenchmarkId::from_parameter(name), &query, |b, query| {
            b.iter(|| index.search(black_box(query)))
        });
    }
    group.finish();
}

criterion_group!(benches, search);
criterion_main!(benches);
