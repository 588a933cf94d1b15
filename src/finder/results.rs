//! The results of a search, as the server renders them for an address and as the live island
//! shows them while the person types: one view for both.

use super::search::{Doc, DocKind, Found, Query, SearchIndex};
use crate::{
    content::model::{Group, RemedySummary},
    learn::SignCard,
    ui::{owned, LinkList, RemedyCard},
};
use leptos::prelude::*;

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
            <LinkList links=owned(
                &[
                    ("/cramp", "Cramp now: stop a cramp"),
                    ("/learn/immediate-relief", "Stop a cramp now"),
                    ("/learn/prevention", "Preventing cramps"),
                    ("/conditions", "Conditions A to Z: leg pain that is not a cramp"),
                    ("/help", "When to see a doctor"),
                ],
            ) />
        </div>
    }
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
