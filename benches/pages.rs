//! What one request costs inside the server, without the network: a pre-rendered page (the
//! common case), the same address rendered per request (what pre-rendering saves), and the
//! finder's search function. `make bench` runs it with the release build's settings.

use axum::{
    body::Body,
    http::{header, Request},
    Router,
};
use criterion::{criterion_group, criterion_main, Criterion};
use http_body_util::BodyExt;
use leg_relief::server::{self, settings::Settings};
use std::hint::black_box;
use tower::ServiceExt;

/// Sends one GET as a browser would and reads the whole body.
async fn fetch(app: &Router, address: &str) -> usize {
    let request = Request::get(address)
        .header(header::ACCEPT_ENCODING, "gzip, deflate, br")
        .body(Body::empty())
        .expect("a valid request");
    let response = app.clone().oneshot(request).await.expect("infallible");
    assert!(response.status().is_success(), "{address}");
    let body = response.into_body().collect().await.expect("a body");
    body.to_bytes().len()
}

fn pages(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let settings =
        Settings::load(&leg_relief::server::settings::settings_path()).expect("Leptos.toml");
    let app = runtime
        .block_on(server::router(&settings, None))
        .expect("every page renders");

    let index = leg_relief::finder::index_address();
    let mut group = c.benchmark_group("request");
    for (name, address) in [
        ("pre-rendered /", "/"),
        ("pre-rendered remedy", "/remedies/massage"),
        // A query the page ignores makes the server render it for this request.
        ("rendered /", "/?bench"),
        ("rendered remedy", "/remedies/massage?bench"),
        ("finder results", "/finder?q=calf+cramp+at+night"),
        ("search index", index.as_str()),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| runtime.block_on(fetch(&app, black_box(address))))
        });
    }
    group.finish();
}

criterion_group!(benches, pages);
criterion_main!(benches);
