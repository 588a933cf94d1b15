//! Conditions A to Z: a page for each common cause of leg pain that is not a cramp, and the list
//! of them. A page puts the warning signs that apply above everything a person could try.

use crate::{
    content::{
        catalogue,
        model::{Care, Condition, Source, Urgency},
    },
    learn::{EmergencyNumbersAtHand, SignCard},
    ui::{
        route_param, CautionItems, Cautions, GradeBadge, LinkCards, LinkList, NotFound, PageHead,
        PageMeta, RemedyCards, SeeAlso, Sources,
    },
};
use leptos::prelude::*;

/// Every condition's page, for the route table.
pub fn condition_addresses() -> Vec<String> {
    catalogue()
        .conditions
        .iter()
        .map(|c| format!("/conditions/{}", c.slug))
        .collect()
}

/// The conditions sorted by name and grouped under their first letter.
fn by_letter(conditions: &[Condition]) -> Vec<(char, Vec<&Condition>)> {
    let mut sorted: Vec<&Condition> = conditions.iter().collect();
    sorted.sort_by_key(|c| c.name.to_lowercase());
    let mut letters: Vec<(char, Vec<&Condition>)> = Vec::new();
    for condition in sorted {
        let letter = condition
            .name
            .chars()
            .next()
            .map_or('#', |c| c.to_ascii_uppercase());
        match letters.last_mut() {
            Some((last, group)) if *last == letter => group.push(condition),
            _ => letters.push((letter, vec![condition])),
        }
    }
    letters
}

#[component]
pub fn ConditionsPage() -> impl IntoView {
    let letters = by_letter(&catalogue().conditions);
    let index = letters
        .iter()
        .map(|(letter, _)| (format!("#letter-{letter}"), letter.to_string()))
        .collect();
    view! {
        <PageHead
            title="Conditions A to Z"
            description="Heel pain, sciatica, restless legs, shin splints and other causes of leg pain: how each feels, what helps and when to get help."
            lead="Leg pain that is not a cramp: how each cause feels, what you can do yourself, and the signs that need a doctor."
        />
        <nav class="page-toc" aria-label="Letters">
            <LinkList links=index />
        </nav>
        {letters
            .into_iter()
            .map(|(letter, conditions)| {
                view! {
                    <section class="a-to-z" aria-labelledby=format!("letter-{letter}")>
                        <h2 id=format!("letter-{letter}")>{letter.to_string()}</h2>
                        <LinkCards cards=conditions.into_iter().cloned().collect() />
                    </section>
                }
            })
            .collect_view()}
        <SeeAlso href="/learn" text="Guides to cramps and leg pain" />
    }
}

#[component]
pub fn ConditionPage() -> impl IntoView {
    let Some(condition) = catalogue().condition(&route_param("condition")).cloned() else {
        return view! { <NotFound /> }.into_any();
    };
    let sources = page_sources(&condition);
    let Condition {
        name,
        summary,
        also_called,
        feels_like,
        not_a_cramp,
        signs,
        self_care,
        see_a_doctor,
        stretches,
        routines,
        remedies,
        groups,
        ..
    } = condition;
    view! {
        <PageMeta title=name.clone() description=summary.clone() />
        <article class="condition">
            <p class="result-kind">"Condition"</p>
            <h1>{name}</h1>
            <p class="lead">{summary}</p>
            {(!also_called.is_empty())
                .then(|| {
                    view! { <p class="also-called">"Also called: " {also_called.join(", ")}</p> }
                })}
            <section aria-labelledby="feels-heading">
                <h2 id="feels-heading">"How it feels"</h2>
                <ul>
                    {feels_like.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                </ul>
                <h3>"Is it a cramp?"</h3>
                <p>{not_a_cramp}</p>
            </section>
            <WarningSigns signs />
            <section aria-labelledby="self-care-heading">
                <h2 id="self-care-heading">"What you can do yourself"</h2>
                {self_care.into_iter().map(|care| view! { <CareItem care /> }).collect_view()}
            </section>
            <Helps stretches routines remedies />
            {(!groups.is_empty())
                .then(|| view! { <Cautions cautions=groups heading="If this is you" /> })}
            <section aria-labelledby="doctor-heading">
                <h2 id="doctor-heading">"See a doctor or physiotherapist if"</h2>
                <ul>
                    {see_a_doctor.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                </ul>
            </section>
            <Sources sources />
            <SeeAlso href="/conditions" text="Conditions A to Z" />
        </article>
    }
    .into_any()
}

/// The signs that apply, most urgent first, before anything to try: a sign stands above every
/// tip. The emergency numbers are right there when one of them is an emergency.
#[component]
fn WarningSigns(signs: Vec<String>) -> impl IntoView {
    let catalogue = catalogue();
    let mut flags: Vec<_> = signs
        .iter()
        .filter_map(|id| catalogue.red_flag(id))
        .collect();
    flags.sort_by_key(|flag| flag.urgency);
    let emergency = flags.iter().any(|f| f.urgency == Urgency::Emergency);
    view! {
        <section class="condition-signs" aria-labelledby="signs-heading">
            <h2 id="signs-heading">"Get help first if"</h2>
            <ul class="card-list">
                {flags
                    .into_iter()
                    .map(|flag| {
                        view! {
                            <SignCard
                                href=format!("/help#{}", flag.id)
                                urgency=flag.urgency
                                sign=flag.sign.clone()
                                items=flag.items.clone()
                                action=flag.action.clone()
                            />
                        }
                    })
                    .collect_view()}
            </ul>
            {emergency
                .then(|| {
                    view! {
                        <p class="call-now">
                            <strong>"Emergency numbers: "</strong>
                            <EmergencyNumbersAtHand />
                        </p>
                    }
                })}
        </section>
    }
}

/// One thing to try: never without its grade, what the grade rests on, and who must take care.
#[component]
fn CareItem(care: Care) -> impl IntoView {
    let Care {
        title,
        text,
        grade,
        grade_note,
        cautions,
        ..
    } = care;
    view! {
        <section class="care">
            <h3>{title}</h3>
            <p class="evidence">
                <GradeBadge grade />
                " "
                {grade.label()}
                "."
                {grade_note.map(|note| view! { <span class="grade-note">" " {note}</span> })}
            </p>
            <p>{text}</p>
            {(!cautions.is_empty())
                .then(|| {
                    view! {
                        <ul class="card-cautions" aria-label="Take care">
                            <CautionItems cautions />
                        </ul>
                    }
                })}
        </section>
    }
}

/// The stretches, routines and remedies that help, each linked.
#[component]
fn Helps(stretches: Vec<String>, routines: Vec<String>, remedies: Vec<String>) -> impl IntoView {
    let catalogue = catalogue();
    let links: Vec<(String, String)> = routines
        .iter()
        .filter_map(|slug| catalogue.routine(slug))
        .map(|r| {
            (
                format!("/routines/{}", r.slug),
                format!("Routine: {}", r.title),
            )
        })
        .chain(
            stretches
                .iter()
                .filter_map(|slug| catalogue.stretch(slug))
                .map(|s| (format!("/stretches/{}", s.slug), s.title.clone())),
        )
        .collect();
    let remedies: Vec<_> = remedies
        .iter()
        .filter_map(|slug| catalogue.remedy(slug))
        .cloned()
        .collect();
    (!links.is_empty() || !remedies.is_empty()).then(|| {
        view! {
            <section class="related" aria-labelledby="helps-heading">
                <h2 id="helps-heading">"Stretches and remedies that help"</h2>
                <LinkList links class="related-stretches" />
                <RemedyCards remedies=remedies />
            </section>
        }
    })
}

/// The page's sources and each self-care's, once each.
fn page_sources(condition: &Condition) -> Vec<Source> {
    let mut sources: Vec<Source> = Vec::new();
    for source in condition
        .sources
        .iter()
        .chain(condition.self_care.iter().flat_map(|care| &care.sources))
    {
        if !sources.iter().any(|s| s.link() == source.link()) {
            sources.push(source.clone());
        }
    }
    sources
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_a_to_z_sorts_by_name_under_each_first_letter() {
        let letters = by_letter(&catalogue().conditions);
        let names: Vec<&str> = letters
            .iter()
            .flat_map(|(_, group)| group.iter().map(|c| c.name.as_str()))
            .collect();
        let mut sorted = names.clone();
        sorted.sort_by_key(|n| n.to_lowercase());
        assert_eq!(names, sorted);
        for (letter, group) in &letters {
            assert!(group.iter().all(|c| c.name.starts_with(*letter)));
        }
        assert_eq!(names.len(), catalogue().conditions.len());
    }
}
