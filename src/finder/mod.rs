//! Remedies: the finder and each remedy's page.

use crate::{
    app::NotFound,
    content::{catalogue, route_param, Cautions, GradeBadge, PageMeta, RemedyCard},
};
use leptos::prelude::*;

#[component]
pub fn FinderPage() -> impl IntoView {
    let remedies = catalogue().remedies.clone();
    view! {
        <PageMeta
            title="Find a remedy".into()
            description="Every remedy for leg cramps and leg pain, with how strong the evidence is and who should take care.".into()
        />
        <h1>"Find a remedy"</h1>
        <p class="lead">
            "This page will let you search every remedy by situation, body part and strength of evidence. For now, here they all are, each with its evidence grade."
        </p>
        <ul class="card-list">
            {remedies.into_iter().map(|remedy| view! { <RemedyCard remedy/> }).collect_view()}
        </ul>
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
