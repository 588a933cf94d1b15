//! Learn and Help: the topic pages, and the warning signs with what to do about each.

mod conditions;
mod help;

pub use conditions::{condition_addresses, ConditionPage, ConditionsPage};
pub use help::{
    EmergencyNumbers, EmergencyNumbersAtHand, HelpPage, IsItACramp, SignCard, SignItems,
};

use crate::{
    content::catalogue,
    ui::{route_param, LinkCards, NotFound, PageHead, RemedyCards, SeeAlso},
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
        <LinkCards cards=topics
            .into_iter()
            .map(|t| (format!("/learn/{}", t.slug), t.title, t.summary))
            .collect() />
    }
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
    let remedies: Vec<_> = topic
        .related_remedies
        .iter()
        .filter_map(|s| catalogue.remedy(s))
        .cloned()
        .collect();
    let stretches: Vec<_> = topic
        .related_stretches
        .iter()
        .filter_map(|s| catalogue.stretch(s))
        .cloned()
        .collect();
    let conditions: Vec<_> = topic
        .related_conditions
        .iter()
        .filter_map(|s| catalogue.condition(s))
        .map(|c| {
            (
                format!("/conditions/{}", c.slug),
                c.name.clone(),
                c.summary.clone(),
            )
        })
        .collect();
    view! {
        <article class="topic">
            <PageHead
                title=topic.title.clone()
                description=topic.summary.clone()
                lead=topic.summary
            />
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
                            <ul class="related-stretches">
                                {stretches
                                    .into_iter()
                                    .map(|s| {
                                        view! {
                                            <li>
                                                <a href=format!("/stretches/{}", s.slug)>{s.title}</a>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
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
