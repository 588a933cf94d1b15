//! Generated inputs against the finder's query handling and search, its page and its index
//! address: nothing panics, every answer is a success or a 4xx with a message a person can act
//! on.
//!
//! Each property runs proptest's default number of cases (256), so `make test` stays quick; a
//! deeper run is one variable away: `PROPTEST_CASES=80000 cargo test --features ssr --test
//! properties`.
#![cfg(feature = "ssr")]

use axum::{
    body::Body,
    http::{Request, StatusCode},
};
use http_body_util::BodyExt;
use leg_relief::{
    content::Catalogue,
    finder::search::{FinderParams, Query, SearchIndex},
};
use proptest::prelude::*;
use std::sync::LazyLock;
use tower::ServiceExt;

mod common;
use common::APP;

static INDEX: LazyLock<SearchIndex> =
    LazyLock::new(|| SearchIndex::build(&Catalogue::load().expect("content loads")));

/// Text as people (and attackers) type it: words, known filter names, odd characters.
fn field() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        "[a-z ]{0,40}".prop_map(Some),
        prop::sample::select(vec![
            "calf",
            "night",
            "cramp-now",
            "A,B",
            "x",
            "supplement",
            "foot,toes",
            ""
        ])
        .prop_map(|s| Some(s.to_string())),
        any::<String>().prop_map(Some),
        ".{0,300}".prop_map(Some),
    ]
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn address(path: &str, fields: &[(&str, Option<String>)]) -> String {
    let query: Vec<String> = fields
        .iter()
        .filter_map(|(name, value)| {
            value
                .as_ref()
                .map(|v| format!("{name}={}", percent_encode(v)))
        })
        .collect();
    format!("{path}?{}", query.join("&"))
}

static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
});

fn answer(uri: &str) -> (StatusCode, String) {
    RUNTIME.block_on(async {
        let request = Request::get(uri).body(Body::empty()).expect("request");
        let response = APP.clone().oneshot(request).await.expect("infallible");
        let status = response.status();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        (status, String::from_utf8_lossy(&bytes).into_owned())
    })
}

proptest! {
    /// The finder's query parsing and search, in-process.
    #[test]
    fn any_query_parses_or_is_refused_with_a_4xx(
        q in field(), situation in field(), part in field(), kind in field(), grade in field()
    ) {
        let params = FinderParams { q, situation, part, kind, grade };
        match Query::try_from(&params) {
            Ok(query) => {
                let found = INDEX.search(&query);
                for doc in found.all() {
                    prop_assert!(doc < INDEX.docs.len());
                }
                let address = FinderParams::from(&query);
                let reparsed = Query::try_from(&FinderParams::from_pairs(address.pairs()));
                prop_assert_eq!(reparsed.ok(), Some(query));
            }
            Err(err) => {
                prop_assert!((400..500).contains(&err.status), "status {}", err.status);
                prop_assert!(err.message.len() > 10, "message {:?}", err.message);
            }
        }
    }
}

proptest! {
    /// The finder page over HTTP with every filter.
    #[test]
    fn the_finder_page_answers_or_refuses_with_a_4xx(
        q in field(), situation in field(), part in field(), kind in field(), grade in field()
    ) {
        let uri = address("/finder", &[("q", q), ("situation", situation), ("part", part), ("kind", kind), ("grade", grade)]);
        let (status, body) = answer(&uri);
        prop_assert!(status == StatusCode::OK || status.is_client_error(), "{uri}: {status}");
        if status.is_client_error() {
            prop_assert!(body.len() > 10, "{uri}: no message");
        }
    }

    /// The index address with arbitrary digests, and the finder with arbitrary query strings.
    #[test]
    fn the_index_address_and_the_finder_never_fail(
        raw in ".{0,100}", index in any::<bool>()
    ) {
        let uri = if index {
            format!("/api/search-index/{}", percent_encode(&raw))
        } else {
            format!("/finder?{}", percent_encode(&raw))
        };
        let (status, body) = answer(&uri);
        prop_assert!(status == StatusCode::OK || status.is_client_error(), "{uri}: {status}");
        prop_assert!(!body.is_empty());
    }
}
