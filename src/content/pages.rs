use super::{catalogue, model::*};
use crate::app::NotFound;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

/// The title and description of a page, for the tab, search engines and link previews.
#[component]
pub fn PageMeta(title: String, description: String) -> impl IntoView {
    view! {
        <Title text=title/>
        <Meta name="description" content=description/>
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
                {cautions
                    .into_iter()
                    .map(|caution| {
                        let groups = caution.groups_label();
                        view! {
                            <li>
                                <strong>{groups}": "</strong>
                                {caution.text}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// An entry in a list of topics or stretches.
#[component]
pub fn LinkCard(href: String, title: String, summary: String) -> impl IntoView {
    view! {
        <li class="card">
            <a href=href>{title}</a>
            <p>{summary}</p>
        </li>
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
                <GradeBadge grade=remedy.grade/>
                {remedy.grade.label()}
            </p>
            <p>{remedy.summary}</p>
            <ul class="card-cautions" aria-label="Take care">
                {remedy
                    .cautions
                    .into_iter()
                    .map(|caution| {
                        view! {
                            <li>
                                <strong>{caution.groups_label()}": "</strong>
                                {caution.text}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </li>
    }
}

#[component]
pub fn LearnPage() -> impl IntoView {
    let topics = catalogue().topics.clone();
    view! {
        <PageMeta
            title="Learn".into()
            description="Plain answers on leg cramps and leg pain: causes, relief, prevention, food, pregnancy and what the evidence says.".into()
        />
        <h1>"Learn"</h1>
        <p class="lead">
            "Short, plain guides to what causes leg cramps and leg pain, what helps, and what the evidence really says."
        </p>
        <ul class="card-list">
            {topics
                .into_iter()
                .map(|topic| {
                    view! {
                        <LinkCard href=format!("/learn/{}", topic.slug) title=topic.title summary=topic.summary/>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
pub fn TopicPage() -> impl IntoView {
    let Some(topic) = catalogue().topic(&route_param("topic")).cloned() else {
        return view! { <NotFound/> }.into_any();
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
    view! {
        <PageMeta title=topic.title.clone() description=topic.summary.clone()/>
        <article class="topic">
            <h1>{topic.title}</h1>
            <p class="lead">{topic.summary}</p>
            {topic
                .sections
                .into_iter()
                .map(|section| {
                    view! {
                        <section>
                            <h2>{section.heading}</h2>
                            {section.paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
                            {(!section.bullets.is_empty())
                                .then(|| {
                                    view! {
                                        <ul>
                                            {section.bullets.into_iter().map(|b| view! { <li>{b}</li> }).collect_view()}
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
                            <ul class="card-list">
                                {remedies
                                    .into_iter()
                                    .map(|remedy| view! { <RemedyCard remedy/> })
                                    .collect_view()}
                            </ul>
                            <ul class="related-stretches">
                                {stretches
                                    .into_iter()
                                    .map(|s| view! { <li><a href=format!("/stretches/{}", s.slug)>{s.title}</a></li> })
                                    .collect_view()}
                            </ul>
                        </section>
                    }
                })}
        </article>
    }
    .into_any()
}

#[component]
pub fn HelpPage() -> impl IntoView {
    let flags = &catalogue().red_flags;
    let groups = Urgency::ALL.iter().map(|&urgency| {
        let items: Vec<RedFlag> = flags
            .iter()
            .filter(|f| f.urgency == urgency)
            .cloned()
            .collect();
        view! {
            <section class=format!("urgency urgency-{}", urgency_class(urgency))>
                <h2>{urgency.label()}</h2>
                <ul>
                    {items
                        .into_iter()
                        .map(|flag| {
                            view! {
                                <li>
                                    <p class="sign">{flag.sign}</p>
                                    <p class="action">{flag.action}</p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    });
    view! {
        <PageMeta
            title="When to see a doctor".into()
            description="Warning signs with leg cramps or leg pain, from call-an-ambulance to see-your-doctor, and what to do about each.".into()
        />
        <h1>"When to see a doctor"</h1>
        <p class="lead">
            "Most cramps are harmless. These signs are not: check them, from the most urgent down."
        </p>
        {groups.collect_view()}
    }
}

fn urgency_class(urgency: Urgency) -> &'static str {
    match urgency {
        Urgency::Emergency => "emergency",
        Urgency::SameDay => "same-day",
        Urgency::SeeDoctor => "see-doctor",
    }
}
