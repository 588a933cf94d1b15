//! Learn and Help: the topic pages, and the warning signs with what to do about each.

mod conditions;
mod help;

pub use conditions::{condition_addresses, ConditionPage, ConditionsPage};
pub use help::{
    EmergencyNumbers, EmergencyNumbersAtHand, HelpPage, IsItACramp, SignCard, SignItems,
};

use crate::{
    content::catalogue,
    ui::{route_param, LinkCards, LinkList, NotFound, PageHead, RemedyCards, SeeAlso},
};
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// Topics that became condition pages, and where they went: old links and bookmarks still land.
const MOVED_TOPICS: [(&str, &str); 1] = [("children-leg-pain", "/conditions/childrens-leg-pain")];

/// Every topic's page, for the route table.
pub fn topic_addresses() -> Vec<String> {
    catalogue()
        .topics
        .iter()
        .map(|t| format!("/learn/{}", t.slug))
        .collect()
}

#[component]
pub fn LearnPage() -> impl IntoView {
    let topics = catalogue().topics.clone();
    view! {
        <PageHead
            title="Learn"
            description="Plain answers on leg cramps and leg pain: causes, relief, prevention, food, pregnancy and what the evidence says."
            lead="Short, plain guides to what causes leg cramps and leg pain, what helps, and what the evidence really says."
        />
        <p class="conditions-link">
            <a href="/conditions">"Conditions A to Z"</a>
            " Heel pain, sciatica, restless legs, shin splints and other causes of leg pain that are not cramps."
        </p>
        <h2>"Guides"</h2>
        <LinkCards cards=topics />
    }
}

/// What the catalogue holds of these slugs, in their order.
fn named<T: Clone>(slugs: &[String], find: impl Fn(&str) -> Option<&T>) -> Vec<T> {
    slugs
        .iter()
        .filter_map(|slug| find(slug))
        .cloned()
        .collect()
}

#[component]
pub fn TopicPage() -> impl IntoView {
    let slug = route_param("topic");
    let Some(topic) = catalogue().topic(&slug).cloned() else {
        return match MOVED_TOPICS.iter().find(|(old, _)| *old == slug) {
            Some((_, new)) => view! { <Redirect path=*new /> }.into_any(),
            None => view! { <NotFound /> }.into_any(),
        };
    };
    let catalogue = catalogue();
    let remedies = named(&topic.related_remedies, |s| catalogue.remedy(s));
    let stretches = named(&topic.related_stretches, |s| catalogue.stretch(s));
    let conditions = named(&topic.related_conditions, |s| catalogue.condition(s));
    view! {
        <article class="topic">
            <PageHead title=topic.title.clone() lead=topic.summary />
            {topic
                .sections
                .into_iter()
                .map(|section| {
                    view! {
                        <section>
                            <h2>{section.heading}</h2>
                            {section
                                .paragraphs
                                .into_iter()
                                .map(|p| view! { <p>{p}</p> })
                                .collect_view()}
                            {(!section.bullets.is_empty())
                                .then(|| {
                                    view! {
                                        <ul>
                                            {section
                                                .bullets
                                                .into_iter()
                                                .map(|b| view! { <li>{b}</li> })
                                                .collect_view()}
                                        </ul>
                                    }
                                })}
                        </section>
                    }
                })
                .collect_view()}
            {(!remedies.is_empty() || !stretches.is_empty())
                .then(|| {
                    view! {
                        <section class="related">
                            <h2>"Remedies and stretches in this guide"</h2>
                            <RemedyCards remedies=remedies />
                            <LinkList
                                links=stretches
                                    .into_iter()
                                    .map(|s| (format!("/stretches/{}", s.slug), s.title))
                                    .collect()
                                class="related-stretches"
                            />
                        </section>
                    }
                })}
            {(!conditions.is_empty())
                .then(|| {
                    view! {
                        <section class="related">
                            <h2>"Conditions in this guide"</h2>
                            <LinkCards cards=conditions />
                        </section>
                    }
                })}
            <SeeAlso href="/help#is-it-a-cramp" text="Is it a cramp, or something else?" />
        </article>
    }
    .into_any()
}
