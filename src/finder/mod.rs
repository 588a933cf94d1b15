//! The finder (one search over warning signs, remedies, stretches, routines and topics: online,
//! offline and without JavaScript) and each remedy's page.
//!
//! The server renders the results of a shared address, and sends the browser the index to
//! search on the device as the person types (`/api/search-index/<digest>`): no request per
//! keystroke, and the same results either way because both run `search`.

mod live;
pub mod profile;
mod results;
pub mod search;

use crate::{
    content::catalogue,
    ui::{route_param, Cautions, GradeBadge, NotFound, PageHead, Sources},
};
use leptos::{prelude::*, server_fn};
use leptos_router::hooks::use_query_map;
use live::FinderLive;
#[cfg(feature = "ssr")]
use results::results_view;
use search::FinderParams;
#[cfg(feature = "ssr")]
use search::Query;

/// Every remedy's page, for the route table.
pub fn remedy_addresses() -> Vec<String> {
    catalogue()
        .remedies
        .iter()
        .map(|r| format!("/remedies/{}", r.slug))
        .collect()
}

#[cfg(feature = "ssr")]
mod served {
    use super::search::{codec, SearchIndex};
    use crate::content::catalogue;
    use std::sync::LazyLock;

    pub static INDEX: LazyLock<SearchIndex> = LazyLock::new(|| SearchIndex::build(catalogue()));
    static BYTES: LazyLock<Vec<u8>> = LazyLock::new(|| codec::encode(&INDEX));
    /// A digest of the index: any change to the content gives a new one, and with it a new
    /// address, so a phone never searches an index older than the pages it has.
    static DIGEST: LazyLock<String> = LazyLock::new(|| {
        use sha2::{Digest, Sha256};
        Sha256::digest(BYTES.as_slice())[..8]
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    });

    pub fn address() -> String {
        format!("{}?digest={}", super::INDEX_PATH, *DIGEST)
    }

    /// The index, for its own digest only: an old digest answers 404, and the page that asked
    /// for it is then older than the server (the service worker has the matching copy).
    pub fn index_for(digest: &str) -> Result<super::IndexBytes, crate::error::ApiError> {
        if digest != *DIGEST {
            return Err(crate::error::ApiError {
                status: 404,
                message: "No search index has this address.".into(),
            });
        }
        Ok(super::IndexBytes(leptos::server_fn::Bytes::from_static(
            BYTES.as_slice(),
        )))
    }
}

/// The encoded search index as it travels: bytes, not JSON.
#[derive(Debug, Clone)]
pub struct IndexBytes(pub server_fn::Bytes);

/// `application/octet-stream` for a server function's answer: the index is already encoded
/// (`search::codec`), so it goes out as it is.
pub struct OctetStream;

impl server_fn::ContentType for OctetStream {
    const CONTENT_TYPE: &'static str = "application/octet-stream";
}

impl server_fn::FormatType for OctetStream {
    const FORMAT_TYPE: server_fn::Format = server_fn::Format::Binary;
}

impl server_fn::Encodes<IndexBytes> for OctetStream {
    type Error = std::convert::Infallible;

    fn encode(value: &IndexBytes) -> Result<server_fn::Bytes, Self::Error> {
        Ok(value.0.clone())
    }
}

impl server_fn::Decodes<IndexBytes> for OctetStream {
    type Error = std::convert::Infallible;

    fn decode(bytes: server_fn::Bytes) -> Result<IndexBytes, Self::Error> {
        Ok(IndexBytes(bytes))
    }
}

/// The finder's search index, the same for everyone: a GET named by the index's digest, so it
/// is cached for a year (`server::cache_control`), pre-rendered, and saved by the service
/// worker, which answers it offline.
#[server(
    prefix = "/api",
    endpoint = "search-index",
    input = server_fn::codec::GetUrl,
    output = server_fn::codec::Post<OctetStream>
)]
pub async fn finder_index(digest: String) -> Result<IndexBytes, crate::error::ApiError> {
    served::index_for(&digest)
}

/// Where the index is served, before its digest.
pub const INDEX_PATH: &str = "/api/search-index";

/// The current index's address.
pub fn index_address() -> String {
    #[cfg(feature = "ssr")]
    {
        served::address()
    }
    #[cfg(not(feature = "ssr"))]
    String::new()
}

/// What the finder needs offline besides its page: the index it searches on the device.
pub fn offline_data() -> Vec<String> {
    vec![index_address()]
}

#[component]
pub fn FinderPage() -> impl IntoView {
    let params = use_query_map().get_untracked();
    let address = FinderParams::from_pairs(FinderParams::KEYS.into_iter().flat_map(|key| {
        params
            .get_all(key)
            .unwrap_or_default()
            .into_iter()
            .map(move |value| (key, value))
    }));
    // A bad address is answered 400; the island says what is wrong with it.
    #[cfg(feature = "ssr")]
    let results = {
        let query = Query::try_from(&address).unwrap_or_else(|_| {
            if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                response.set_status(axum::http::StatusCode::BAD_REQUEST);
            }
            Query::default()
        });
        let found = served::INDEX.search(&query);
        results_view(&served::INDEX, &found, &query, &[], 0, RwSignal::new(false))
    };
    #[cfg(not(feature = "ssr"))]
    let results = ();
    view! {
        <PageHead
            title="Find help"
            description="Search warning signs, remedies, stretches and guides for leg cramps and leg pain, in your own words, with how well each is known to work."
            lead="Type what is wrong, in your own words. Warning signs come first."
        />
        <FinderLive params=address index=index_address()>
            {results}
        </FinderLive>
    }
}

#[component]
pub fn RemedyPage() -> impl IntoView {
    let Some(remedy) = catalogue().remedy(&route_param("slug")).cloned() else {
        return view! { <NotFound /> }.into_any();
    };
    view! {
        <article class="remedy">
            <PageHead title=remedy.title.clone() lead=remedy.summary />
            <p class="evidence">
                <GradeBadge grade=remedy.grade />
                " "
                {remedy.grade.label()}
                "."
                {remedy.grade_note.map(|note| view! { <span class="grade-note">" " {note}</span> })}
            </p>
            <h2>"How to"</h2>
            <ol class="steps">
                {remedy.steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
            </ol>
            <Cautions cautions=remedy.cautions heading="Take care" />
            {(!remedy.claims.is_empty())
                .then(|| {
                    view! {
                        <section class="claims">
                            <h2>"What is claimed, and what the evidence says"</h2>
                            <dl>
                                {remedy
                                    .claims
                                    .into_iter()
                                    .map(|c| {
                                        view! {
                                            <dt>{c.claim}</dt>
                                            <dd>{c.evidence}</dd>
                                        }
                                    })
                                    .collect_view()}
                            </dl>
                        </section>
                    }
                })}
            <Sources sources=remedy.sources />
        </article>
    }
    .into_any()
}
