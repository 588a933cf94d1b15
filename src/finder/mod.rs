//! The finder (one search over warning signs, remedies, stretches, routines and topics: online,
//! offline and without JavaScript) and each remedy's page.
//!
//! The server renders the results of a shared address, and sends the browser the index to
//! search on the device as the person types (`/api/search-index/<digest>`): no request per
//! keystroke, and the same results either way because both run `search`.

mod live;
pub mod profile;
pub mod search;

use crate::{
    content::{catalogue, model::Group, model::RemedySummary},
    learn::SignCard,
    ui::{route_param, Cautions, GradeBadge, NotFound, PageMeta, RemedyCard, Sources},
};
use leptos::{prelude::*, server_fn};
use leptos_router::hooks::use_query_map;
use live::FinderLive;
use search::{Doc, DocKind, FinderParams, Found, Query, SearchIndex};

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
    let address = FinderParams::from_pairs(
        ["q", "situation", "part", "kind", "grade"]
            .into_iter()
            .flat_map(|key| {
                params
                    .get_all(key)
                    .unwrap_or_default()
                    .into_iter()
                    .map(move |value| (key, value))
            }),
    );
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
    let encoded = address
        .pairs()
        .into_iter()
        .map(|(key, value)| format!("{key}={}", encode_component(value)))
        .collect::<Vec<_>>()
        .join("&");
    view! {
        <PageMeta
            title="Find help".into()
            description="Search warning signs, remedies, stretches and guides for leg cramps and leg pain, in your own words, with how well each is known to work."
                .into()
        />
        <h1>"Find help"</h1>
        <p class="lead">"Type what is wrong, in your own words. Warning signs come first."</p>
        <FinderLive address=encoded index=index_address()>
            {results}
        </FinderLive>
    }
}

/// `%`-encodes what an address parameter may not hold as it is.
fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b',' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

/// How many results show before "Show N more": the best few, which is what a person reads on a
/// phone; the rest are a tap away.
const FIRST_SHOWN: usize = 8;
/// Folding away fewer than this would save no scrolling.
const LEAST_FOLDED: usize = 3;

/// How many of `count` results show before "Show N more".
fn shown_first(count: usize) -> usize {
    if count >= FIRST_SHOWN + LEAST_FOLDED {
        FIRST_SHOWN
    } else {
        count
    }
}

/// The results of a search, the same on the server, in the live island and offline: warning
/// signs the query describes first, then the answer to "is X any good", then the rest, each card
/// showing what kind it is; the best few, and the others behind "Show N more".
/// `for_you` are the groups of "My situation" (remedies with a caution for them are marked);
/// `hidden` says how many results "My situation" hid; `unfolded`, whether "Show N more" was
/// tapped for this query.
pub fn results_view(
    index: &SearchIndex,
    found: &Found,
    query: &Query,
    for_you: &[Group],
    hidden: usize,
    unfolded: RwSignal<bool>,
) -> impl IntoView {
    let warnings: Vec<Doc> = found
        .warnings
        .iter()
        .map(|&d| index.docs[d].clone())
        .collect();
    let mut said = count_text(found.all().count(), query, found.closest);
    if hidden > 0 {
        said.push_str(&format!(" {hidden} hidden because of your situation."));
    }
    let snippets = index.snippets(&query.text);
    let mut items: Vec<AnyView> = found
        .answer
        .iter()
        .chain(&found.results)
        .map(|&d| {
            let doc = index.docs[d].clone();
            let text = snippets.of(&doc).to_string();
            let for_you = cautions_for(&doc, for_you);
            view! { <ResultItem doc text for_you /> }.into_any()
        })
        .collect();
    let more = items.split_off(shown_first(items.len()));
    view! {
        {(!warnings.is_empty())
            .then(|| {
                view! {
                    <section class="warning-first" aria-labelledby="warning-first-heading">
                        <h2 id="warning-first-heading">"Check this first"</h2>
                        <ul class="card-list">
                            {warnings
                                .into_iter()
                                .map(|doc| view! { <SignResult doc /> })
                                .collect_view()}
                        </ul>
                    </section>
                }
            })}
        <p class="result-count" role="status">
            {said}
        </p>
        {found.closest.then(|| view! { <NoMatch /> })}
        <ul class="card-list results">{items}</ul>
        {(!more.is_empty()).then(|| view! { <MoreResults items=more unfolded /> })}
    }
}

/// The results after the first few, folded behind a link to them: without JavaScript the link
/// unfolds them by its target (see the finder's styles); with it, a tap unfolds them and moves
/// focus to them.
#[component]
fn MoreResults(items: Vec<AnyView>, unfolded: RwSignal<bool>) -> impl IntoView {
    let list = NodeRef::<leptos::html::Ul>::new();
    let label = format!("Show {} more results", items.len());
    view! {
        <a
            class="show-more"
            href="#more-results"
            hidden=move || unfolded.get()
            on:click=move |ev| {
                ev.prevent_default();
                unfolded.set(true);
                request_animation_frame(move || {
                    if let Some(list) = list.get_untracked() {
                        let _ = list.focus();
                    }
                });
            }
        >
            {label}
        </a>
        <ul
            class="card-list results more-results"
            class:folded=move || !unfolded.get()
            id="more-results"
            tabindex="-1"
            aria-label="More results"
            node_ref=list
        >
            {items}
        </ul>
    }
}

/// The groups of `for_you` that a remedy's cautions name.
pub fn cautions_for(doc: &Doc, for_you: &[Group]) -> Vec<Group> {
    let mut groups: Vec<Group> = doc
        .cautions
        .iter()
        .flat_map(|c| c.groups.iter().copied())
        .filter(|g| for_you.contains(g))
        .collect();
    groups.sort();
    groups.dedup();
    groups
}

/// A warning sign as a result: how urgent, what it is (with its list, when it says "any of
/// these:"), and what to do now.
#[component]
fn SignResult(doc: Doc) -> impl IntoView {
    let href = doc.href();
    doc.urgency.map(|urgency| {
        view! { <SignCard href urgency sign=doc.title items=doc.items action=doc.summary /> }
    })
}

/// One result of any kind. `text` is what it shows under its title (see `Snippets`).
#[component]
fn ResultItem(doc: Doc, text: String, for_you: Vec<Group>) -> impl IntoView {
    match doc.kind {
        DocKind::Sign => view! { <SignResult doc /> }.into_any(),
        DocKind::Remedy => {
            let remedy = RemedySummary {
                slug: doc.slug,
                title: doc.title,
                summary: text,
                grade: doc.grade.unwrap_or(crate::content::model::Grade::D),
                cautions: doc.cautions,
            };
            view! { <RemedyCard remedy for_you /> }.into_any()
        }
        DocKind::Stretch | DocKind::Routine | DocKind::Topic | DocKind::Condition => {
            let kind = match doc.kind {
                DocKind::Stretch if !doc.label.is_empty() => doc.label.clone(),
                DocKind::Stretch => "Stretch".to_string(),
                DocKind::Routine => "Routine".to_string(),
                DocKind::Condition => "Condition".to_string(),
                _ => format!("Guide · {}", doc.label),
            };
            view! {
                <li class="card result-card">
                    <p class="result-kind">{kind}</p>
                    <a href=doc.href()>{doc.title.clone()}</a>
                    <p>{text}</p>
                </li>
            }
            .into_any()
        }
    }
}

pub fn count_text(count: usize, query: &Query, closest: bool) -> String {
    let text = query.text.trim();
    match (count, text.is_empty(), closest) {
        (_, false, true) => format!("Nothing matches “{text}”. These may help:"),
        (0, true, _) => "No remedy matches these filters.".to_string(),
        (0, false, _) => format!("Nothing matches “{text}”."),
        (1, _, _) => "1 result.".to_string(),
        (n, _, _) => format!("{n} results."),
    }
}

/// What to offer when nothing matches: never a dead end.
#[component]
pub fn NoMatch() -> impl IntoView {
    view! {
        <div class="no-match">
            <p>"Try other words, or one of these:"</p>
            <ul>
                <li>
                    <a href="/cramp">"Cramp now: stop a cramp"</a>
                </li>
                <li>
                    <a href="/learn/immediate-relief">"Stop a cramp now"</a>
                </li>
                <li>
                    <a href="/learn/prevention">"Preventing cramps"</a>
                </li>
                <li>
                    <a href="/conditions">"Conditions A to Z: leg pain that is not a cramp"</a>
                </li>
                <li>
                    <a href="/help">"When to see a doctor"</a>
                </li>
            </ul>
        </div>
    }
}

#[component]
pub fn RemedyPage() -> impl IntoView {
    let Some(remedy) = catalogue().remedy(&route_param("slug")).cloned() else {
        return view! { <NotFound /> }.into_any();
    };
    view! {
        <PageMeta title=remedy.title.clone() description=remedy.summary.clone() />
        <article class="remedy">
            <h1>{remedy.title}</h1>
            <p class="lead">{remedy.summary}</p>
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

#[cfg(test)]
mod tests {
    use super::{shown_first, FIRST_SHOWN};

    /// "leg cramps every night" listed 40 results in a row: the best few show, the rest fold.
    #[test]
    fn a_long_list_shows_the_best_few_and_a_short_one_shows_all() {
        assert_eq!(shown_first(40), FIRST_SHOWN);
        assert_eq!(shown_first(FIRST_SHOWN + 3), FIRST_SHOWN);
        // Folding one or two away would only add a tap.
        assert_eq!(shown_first(FIRST_SHOWN + 2), FIRST_SHOWN + 2);
        assert_eq!(shown_first(3), 3);
        assert_eq!(shown_first(0), 0);
    }
}
