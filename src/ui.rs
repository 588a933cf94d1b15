//! The pieces every feature's pages share: the page head, the not-found page, cards, and the
//! safety notes that go with every remedy.

use crate::content::model::{
    Caution, Condition, Grade, Group, RemedySummary, Source, Stretch, Topic,
};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

/// The title and description of a page, for the tab, search engines and link previews.
#[component]
pub fn PageMeta(title: String, description: String) -> impl IntoView {
    view! {
        <Title text=title />
        <Meta name="description" content=description />
    }
}

/// A page's head ([`PageMeta`]), its heading, which says the title, and its lead paragraph. The
/// description for search engines is the lead unless the page gives its own.
#[component]
pub fn PageHead(
    #[prop(into)] title: String,
    #[prop(optional, into)] description: Option<String>,
    #[prop(into)] lead: String,
) -> impl IntoView {
    let description = description.unwrap_or_else(|| lead.clone());
    view! {
        <PageMeta title=title.clone() description />
        <h1>{title}</h1>
        <p class="lead">{lead}</p>
    }
}

/// A drawing (inline SVG) with its description as the text alternative.
#[component]
pub fn Illustration(#[prop(into)] svg: String, #[prop(into)] alt: String) -> impl IntoView {
    view! { <div class="illustration" role="img" aria-label=alt inner_html=svg></div> }
}

/// A secondary action in the quiet style, on the pages the server renders for the guide client
/// (Cramp now, the stretch guides): what is given to it (`attr:data-cramp`) goes on the button.
/// Islands write the button out instead: spreading attributes onto a component costs each
/// islands bundle about 1.7 KB of brotli WASM (measured on the water bundle).
#[component]
pub fn QuietButton(children: Children) -> impl IntoView {
    view! {
        <button type="button" class="button button-quiet">
            {children()}
        </button>
    }
}

/// An edit form's Save (its submit button) and Cancel, which closes the form by setting
/// `editing` to none.
#[component]
pub fn SaveOrCancel<T: Send + Sync + 'static>(editing: RwSignal<Option<T>>) -> impl IntoView {
    view! {
        <button type="submit" class="button">
            "Save"
        </button>
        <button type="button" class="button button-quiet" on:click=move |_| editing.set(None)>
            "Cancel"
        </button>
    }
}

/// The links at the foot of a page of reading: one that goes on from it, and always the warning
/// signs.
#[component]
pub fn SeeAlso(href: &'static str, text: &'static str) -> impl IntoView {
    view! {
        <p class="see-also">
            <a href=href>{text}</a>
            <a href="/help">"Warning signs that need a doctor"</a>
        </p>
    }
}

/// Shown for unknown paths and unknown slugs, with HTTP status 404.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <PageHead
            title="Page not found"
            description="This page does not exist. Find relief for a cramp, stretches or help from the links here."
            lead="There is no page at this address. It may have moved, or the link has a typo."
        />
        <LinkList
            links=owned(
                &[
                    ("/cramp", "Cramp now: stop a cramp"),
                    ("/", "Home"),
                    ("/help", "When to see a doctor"),
                ],
            )
            class="quick-links"
        />
    }
}
#[component]
pub fn GradeBadge(grade: Grade) -> impl IntoView {
    view! {
        <span class=format!("grade grade-{}", grade.letter().to_lowercase()) title=grade.label()>
            <span class="visually-hidden">"Evidence grade "</span>
            {grade.letter()}
        </span>
    }
}

/// Safety notes: never optional, always shown with the groups they concern.
#[component]
pub fn Cautions(cautions: Vec<Caution>, #[prop(into)] heading: String) -> impl IntoView {
    view! {
        <section class="cautions">
            <h2>{heading}</h2>
            <ul>
                <CautionItems cautions />
            </ul>
        </section>
    }
}

/// Each caution as a list item, led by the groups it is for.
#[component]
pub fn CautionItems(cautions: Vec<Caution>) -> impl IntoView {
    cautions
        .into_iter()
        .map(|caution| {
            view! {
                <li>
                    <strong>{caution.groups_label()}": "</strong>
                    {caution.text}
                </li>
            }
        })
        .collect_view()
}

/// One card of [`LinkCards`]: a link (address, title) and its summary. Each kind of page that is
/// listed says how it becomes one (`From`).
pub struct LinkCard {
    pub href: String,
    pub title: String,
    pub summary: String,
}

impl LinkCard {
    /// The card of the page at `section/slug`.
    pub fn page(section: &str, slug: &str, title: String, summary: String) -> Self {
        let href = format!("{section}/{slug}");
        LinkCard {
            href,
            title,
            summary,
        }
    }
}

impl From<Topic> for LinkCard {
    fn from(topic: Topic) -> Self {
        LinkCard::page("/learn", &topic.slug, topic.title, topic.summary)
    }
}

impl From<Stretch> for LinkCard {
    fn from(stretch: Stretch) -> Self {
        LinkCard::page("/stretches", &stretch.slug, stretch.title, stretch.summary)
    }
}

impl From<Condition> for LinkCard {
    fn from(condition: Condition) -> Self {
        LinkCard::page(
            "/conditions",
            &condition.slug,
            condition.name,
            condition.summary,
        )
    }
}

impl From<(&str, &str, &str)> for LinkCard {
    fn from((href, title, summary): (&str, &str, &str)) -> Self {
        let (href, title, summary) = (href.into(), title.into(), summary.into());
        LinkCard {
            href,
            title,
            summary,
        }
    }
}

/// A plain list of links, each (address, text): a page's contents, related pages.
#[component]
pub fn LinkList(
    links: Vec<(String, String)>,
    #[prop(optional)] class: Option<&'static str>,
) -> impl IntoView {
    view! {
        <ul class=class>
            {links
                .into_iter()
                .map(|(href, text)| {
                    view! {
                        <li>
                            <a href=href>{text}</a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// Fixed links, as [`LinkList`] takes them.
pub fn owned(links: &[(&str, &str)]) -> Vec<(String, String)> {
    links
        .iter()
        .map(|&(href, text)| (href.into(), text.into()))
        .collect()
}

/// A list of topics, stretches or pages as cards.
#[component]
pub fn LinkCards<C: Into<LinkCard> + 'static>(cards: Vec<C>) -> impl IntoView {
    view! {
        <ul class="card-list">
            {cards
                .into_iter()
                .map(|card| {
                    let LinkCard { href, title, summary } = card.into();
                    view! {
                        <li class="card">
                            <a href=href>{title}</a>
                            <p>{summary}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// The `:slug`-style parameter of the current route; empty when absent (then nothing matches).
pub fn route_param(name: &'static str) -> String {
    use_params_map()
        .read_untracked()
        .get(name)
        .unwrap_or_default()
}

/// A remedy in a list: never without its grade and its cautions. `for_you` names the cautions
/// Remedies as a list of cards.
#[component]
pub fn RemedyCards<R: Into<RemedySummary> + 'static>(remedies: Vec<R>) -> impl IntoView {
    view! {
        <ul class="card-list">
            {remedies
                .into_iter()
                .map(|remedy| view! { <RemedyCard remedy=remedy.into() /> })
                .collect_view()}
        </ul>
    }
}

/// that concern the person's declared situation.
#[component]
pub fn RemedyCard(
    #[prop(into)] remedy: RemedySummary,
    #[prop(optional)] for_you: Vec<Group>,
) -> impl IntoView {
    let flagged = !for_you.is_empty();
    let for_you = for_you
        .iter()
        .map(|g| g.label())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <li class="card remedy-card" class:flagged=flagged>
            {flagged.then(|| view! { <p class="for-you">"Take care for you: " {for_you}</p> })}
            <a href=format!("/remedies/{}", remedy.slug)>{remedy.title}</a>
            <p class="card-grade">
                <GradeBadge grade=remedy.grade />
                {remedy.grade.label()}
            </p>
            <p>{remedy.summary}</p>
            <ul class="card-cautions" aria-label="Take care">
                <CautionItems cautions=remedy.cautions />
            </ul>
        </li>
    }
}

/// Where a page's facts come from, each linked where it can be.
#[component]
pub fn Sources(sources: Vec<Source>) -> impl IntoView {
    view! {
        <section class="sources">
            <h2>"Sources"</h2>
            <ul>
                {sources
                    .into_iter()
                    .map(|source| {
                        let link = source.link();
                        view! {
                            <li>
                                {match link {
                                    Some(href) => {
                                        view! {
                                            <a href=href rel="noreferrer">
                                                {source.title}
                                            </a>
                                        }
                                            .into_any()
                                    }
                                    None => source.title.into_any(),
                                }}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// A message said at once (`role="alert"`) while `message` holds one: a field's error, a save
/// the browser refused.
#[component]
pub fn Alert(class: &'static str, message: RwSignal<Option<String>>) -> impl IntoView {
    move || {
        message.get().map(|text| {
            view! {
                <p class=class role="alert">
                    {text}
                </p>
            }
        })
    }
}
