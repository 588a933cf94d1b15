//! Stretches, routines and Cramp now.

use crate::{
    app::NotFound,
    content::{catalogue, model::Sides, route_param, Cautions, LinkCard, PageMeta, RemedyCard},
};
use leptos::prelude::*;

/// Where it hurts, and the stretch that relieves a cramp there.
pub const RELIEF_BY_BODY_PART: [(&str, &str); 4] = [
    ("Calf", "standing-calf-stretch"),
    ("Front of thigh", "standing-quad-stretch"),
    ("Back of thigh", "seated-hamstring-stretch"),
    ("Foot or toes", "foot-cramp-stretch"),
];

/// Advice for once the cramp eases, each shown with its grade and cautions.
pub const AFTER_CARE: [&str; 3] = ["heat", "massage", "walk-and-jiggle"];

/// Relief without a tap more: the calf (where most cramps strike) first, other muscles one tap away.
#[component]
pub fn CrampPage() -> impl IntoView {
    let catalogue = catalogue();
    let (_, calf_slug) = RELIEF_BY_BODY_PART[0];
    let calf = catalogue.stretch(calf_slug).cloned();
    let after_care: Vec<_> = AFTER_CARE
        .iter()
        .filter_map(|slug| catalogue.remedy(slug))
        .cloned()
        .collect();
    view! {
        <PageMeta
            title="Cramp now".into()
            description="A cramp right now? Stretch the muscle the right way, then ease it with heat, massage and walking.".into()
        />
        <h1>"Cramp now"</h1>
        {calf
            .map(|stretch| {
                view! {
                    <section class="relief-now" aria-labelledby="calf-now">
                        <h2 id="calf-now">"Calf cramp? Do this now"</h2>
                        <ol class="steps steps-large">
                            {stretch.steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                        </ol>
                        <p>{format!("Hold about {} seconds. Repeat if it tightens again.", stretch.hold_seconds)}</p>
                        <a class="button" href=format!("/stretches/{}", stretch.slug)>"Open the calf stretch guide"</a>
                    </section>
                }
            })}
        <h2>"Where does it hurt?"</h2>
        <ul class="body-parts">
            {RELIEF_BY_BODY_PART
                .into_iter()
                .map(|(label, slug)| view! { <li><a href=format!("/stretches/{slug}")>{label}</a></li> })
                .collect_view()}
        </ul>
        <p class="warning">
            "Still cramping after 10 minutes, or is one leg swollen, red or warm? "
            <a href="/help">"See the warning signs"</a>
            "."
        </p>
        <h2>"When it eases"</h2>
        <ul class="card-list">
            {after_care.into_iter().map(|remedy| view! { <RemedyCard remedy/> }).collect_view()}
        </ul>
    }
}

#[component]
pub fn StretchesPage() -> impl IntoView {
    let stretches = catalogue().stretches.clone();
    view! {
        <PageMeta
            title="Stretches".into()
            description="Stretches and exercises for calf, thigh and foot cramps, with steps and timings.".into()
        />
        <h1>"Stretches"</h1>
        <p class="lead">
            "Every stretch and exercise in the app, with steps. Guided timers and routines are on their way."
        </p>
        <ul class="card-list">
            {stretches
                .into_iter()
                .map(|stretch| {
                    view! {
                        <LinkCard
                            href=format!("/stretches/{}", stretch.slug)
                            title=stretch.title
                            summary=stretch.summary
                        />
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
pub fn StretchPage() -> impl IntoView {
    let Some(stretch) = catalogue().stretch(&route_param("slug")).cloned() else {
        return view! { <NotFound/> }.into_any();
    };
    let sides = match stretch.sides {
        Sides::Each => "each leg",
        Sides::Both => "both legs together",
    };
    view! {
        <PageMeta title=stretch.title.clone() description=stretch.summary.clone()/>
        <article class="stretch">
            <h1>{stretch.title}</h1>
            <p class="lead">{stretch.summary}</p>
            <p class="timing">
                {format!(
                    "Hold {} seconds, {} times, {}.",
                    stretch.hold_seconds,
                    stretch.repetitions,
                    sides,
                )}
            </p>
            <ol class="steps">{stretch.steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ol>
            <Cautions cautions=stretch.take_care heading="Take care"/>
        </article>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{model::Purpose, Catalogue};

    #[test]
    fn every_cramp_now_choice_opens_a_relief_stretch() {
        let catalogue = Catalogue::load().expect("content loads");
        for (label, slug) in RELIEF_BY_BODY_PART {
            let stretch = catalogue
                .stretch(slug)
                .unwrap_or_else(|| panic!("{label}: no stretch {slug}"));
            assert!(
                stretch.purposes.contains(&Purpose::ReliefNow),
                "{label}: {slug} is not for relief now"
            );
        }
    }
}
