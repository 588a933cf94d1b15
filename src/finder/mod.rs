//! Remedies: the finder (search as you type, online, offline and without JavaScript) and each
//! remedy's page.

mod live;
pub mod profile;
pub mod search;

use crate::{
    content::{
        catalogue,
        model::{Remedy, RemedySummary},
    },
    error::ApiError,
    ui::{route_param, Cautions, GradeBadge, NotFound, PageMeta, RemedyCard},
};
use leptos::{prelude::*, server_fn::codec::GetUrl};
use leptos_router::hooks::use_query_map;
use live::FinderLive;
use search::{Query, SearchIndex};

/// Runs a query and returns what a results list shows, best first.
pub fn find(remedies: &[Remedy], index: &SearchIndex, query: &Query) -> Vec<RemedySummary> {
    index
        .search(query)
        .into_iter()
        .filter_map(|hit| remedies.get(hit.index))
        .map(RemedySummary::from)
        .collect()
}

/// Every remedy's page, for the route table.
pub fn remedy_addresses() -> Vec<String> {
    catalogue()
        .remedies
        .iter()
        .map(|r| format!("/remedies/{}", r.slug))
        .collect()
}

/// What the finder needs offline besides its page: the catalogue it searches on the device.
pub const OFFLINE_DATA: &[&str] = &["/api/remedies"];

#[cfg(feature = "ssr")]
static INDEX: std::sync::LazyLock<SearchIndex> =
    std::sync::LazyLock::new(|| SearchIndex::new(&catalogue().remedies));

/// Search over the catalogue. A GET, so a service worker can cache its answers.
#[server(endpoint = "search", input = GetUrl)]
pub async fn search_remedies(
    q: Option<String>,
    situation: Option<String>,
    part: Option<String>,
    kind: Option<String>,
    grade: Option<String>,
) -> Result<Vec<RemedySummary>, ApiError> {
    let query = Query::from_params(
        q.as_deref(),
        situation.as_deref(),
        part.as_deref(),
        kind.as_deref(),
        grade.as_deref(),
    )?;
    Ok(find(&catalogue().remedies, &INDEX, &query))
}

/// A digest of the remedies as `remedy_catalogue` sends them: any change to the content gives a
/// new one, so a phone's saved copy is replaced after every content update.
fn catalogue_version() -> String {
    #[cfg(feature = "ssr")]
    {
        use sha2::{Digest, Sha256};
        static VERSION: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
            let json = serde_json::to_vec(&catalogue().remedies).unwrap_or_default();
            Sha256::digest(&json)[..8]
                .iter()
                .map(|byte| format!("{byte:02x}"))
                .collect()
        });
        VERSION.clone()
    }
    #[cfg(not(feature = "ssr"))]
    String::new()
}

/// The whole remedy catalogue, fetched once by the browser so the finder works offline.
#[server(endpoint = "remedies", input = GetUrl)]
pub async fn remedy_catalogue() -> Result<Vec<Remedy>, ApiError> {
    Ok(catalogue().remedies.clone())
}

#[component]
pub fn FinderPage() -> impl IntoView {
    let params = use_query_map().get_untracked();
    // A plain GET form sends repeated keys (grade=A&grade=B); links use commas. Accept both.
    let param = |name: &str| params.get_all(name).map(|values| values.join(","));
    let parsed = Query::from_params(
        param("q").as_deref(),
        param("situation").as_deref(),
        param("part").as_deref(),
        param("kind").as_deref(),
        param("grade").as_deref(),
    );
    let (query, problem) = match parsed {
        Ok(query) => (query, None),
        Err(err) => {
            #[cfg(feature = "ssr")]
            if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                response.set_status(axum::http::StatusCode::BAD_REQUEST);
            }
            (Query::default(), Some(err.message))
        }
    };
    #[cfg(feature = "ssr")]
    let results = find(&catalogue().remedies, &INDEX, &query);
    #[cfg(not(feature = "ssr"))]
    let results: Vec<RemedySummary> = Vec::new();
    view! {
        <PageMeta
            title="Find a remedy".into()
            description="Search every remedy for leg cramps and leg pain by situation, body part and strength of evidence, with who should take care.".into()
        />
        <h1>"Find a remedy"</h1>
        <p class="lead">"What helps, how well we know it, and who should take care."</p>
        <FinderLive query=query.clone() problem=problem.clone() catalogue_version=catalogue_version()>
            <ResultList results=results query=query/>
        </FinderLive>
    }
}

/// The server-rendered results: what a person sees before the page hydrates, or without
/// JavaScript at all.
#[component]
fn ResultList(results: Vec<RemedySummary>, query: Query) -> impl IntoView {
    let count = results.len();
    view! {
        <p class="result-count">{count_text(count, &query)}</p>
        {(count == 0).then(|| view! { <NoMatch/> })}
        <ul class="card-list">
            {results.into_iter().map(|remedy| view! { <RemedyCard remedy/> }).collect_view()}
        </ul>
    }
}

pub fn count_text(count: usize, query: &Query) -> String {
    let text = query.text.trim();
    match (count, text.is_empty()) {
        (0, true) => "No remedy matches these filters.".to_string(),
        (0, false) => format!("No remedy matches “{text}”."),
        (1, _) => "1 remedy found.".to_string(),
        (n, _) => format!("{n} remedies found."),
    }
}

/// What to offer when nothing matches: never a dead end.
#[component]
pub fn NoMatch() -> impl IntoView {
    view! {
        <div class="no-match">
            <p>"Try fewer or other words, or one of these:"</p>
            <ul>
                <li><a href="/cramp">"Cramp now: stop a cramp"</a></li>
                <li><a href="/learn/immediate-relief">"Stop a cramp now"</a></li>
                <li><a href="/learn/prevention">"Preventing cramps"</a></li>
                <li><a href="/help">"When to see a doctor"</a></li>
            </ul>
        </div>
    }
}

#[component]
pub fn RemedyPage() -> impl IntoView {
    let Some(remedy) = catalogue().remedy(&route_param("slug")).cloned() else {
        return view! { <NotFound/> }.into_any();
    };
    view! {
        <PageMeta title=remedy.title.clone() description=remedy.summary.clone()/>
        <article class="remedy">
            <h1>{remedy.title}</h1>
            <p class="lead">{remedy.summary}</p>
            <p class="evidence">
                <GradeBadge grade=remedy.grade/>
                " "
                {remedy.grade.label()}
                "."
                {remedy.grade_note.map(|note| view! { <span class="grade-note">" " {note}</span> })}
            </p>
            <h2>"How to"</h2>
            <ol class="steps">{remedy.steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ol>
            <Cautions cautions=remedy.cautions heading="Take care"/>
            {(!remedy.claims.is_empty())
                .then(|| {
                    view! {
                        <section class="claims">
                            <h2>"What is claimed, and what the evidence says"</h2>
                            <dl>
                                {remedy
                                    .claims
                                    .into_iter()
                                    .map(|c| view! { <dt>{c.claim}</dt><dd>{c.evidence}</dd> })
                                    .collect_view()}
                            </dl>
                        </section>
                    }
                })}
            <section class="sources">
                <h2>"Sources"</h2>
                <ul>
                    {remedy
                        .sources
                        .into_iter()
                        .map(|source| {
                            let link = source.link();
                            view! {
                                <li>
                                    {match link {
                                        Some(href) => view! { <a href=href rel="noreferrer">{source.title}</a> }.into_any(),
                                        None => source.title.into_any(),
                                    }}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        </article>
    }
    .into_any()
}
