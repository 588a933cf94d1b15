//! Stretches and routines: server-rendered guides, each with a timer the guide client plays.

pub mod guide;
pub use guide_core::timer;

use crate::{
    content::{
        catalogue,
        model::{BodyPart, Purpose, Sides, Stretch, UrlValue},
    },
    push::panel::BedtimeReminder,
    ui::{route_param, Cautions, Illustration, LinkCard, LinkCards, NotFound, PageHead, PageMeta},
};
use guide::{GuideStep, StretchGuide};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use timer::{format_clock, Plan, PlanStep};

/// The drawings, one per stretch (`illustrations/<slug>.svg`), inlined into the page so they
/// take the theme's colours. Only pages use them, so they never reach the WASM.
macro_rules! illustrations {
    ($($name:literal),+ $(,)?) => {
        [$(($name, include_str!(concat!("illustrations/", $name, ".svg")))),+]
    };
}

const ILLUSTRATIONS: [(&str, &str); 21] = illustrations![
    "achilles-stretch",
    "ankle-circles",
    "ball-roll-under-foot",
    "bicycle-legs",
    "calf-kneading-massage",
    "calf-raises",
    "foam-roller-calf",
    "foot-cramp-stretch",
    "gentle-walk",
    "lunges",
    "lying-hamstring-stretch-towel",
    "partner-foot-massage",
    "rubbing-foot-massage",
    "seated-calf-stretch-towel",
    "seated-hamstring-stretch",
    "squats",
    "squeezing-leg-massage",
    "standing-calf-stretch",
    "standing-quad-stretch",
    "toe-stretch",
    "wall-calf-stretch",
];

/// The drawing for a stretch; the content check makes sure every stretch has one.
pub fn illustration(slug: &str) -> Option<&'static str> {
    ILLUSTRATIONS
        .iter()
        .find(|(name, _)| *name == slug)
        .map(|(_, svg)| *svg)
}

/// A stretch as its guide plays it: timings, words and drawing.
pub fn guide_step(stretch: &Stretch) -> GuideStep {
    GuideStep {
        slug: stretch.slug.clone(),
        timing: PlanStep {
            title: stretch.title.clone(),
            hold_seconds: stretch.hold_seconds,
            repetitions: stretch.repetitions,
            each_side: stretch.sides == Sides::Each,
            rest_seconds: stretch.rest_seconds,
        },
        instructions: stretch.steps.clone(),
        picture: illustration(&stretch.slug).unwrap_or_default().to_string(),
        picture_alt: stretch.illustration.clone(),
    }
}

/// "About 7 minutes", for a plan's whole length.
fn about_minutes(plan: &Plan) -> String {
    let minutes = plan.total_ms().div_ceil(60_000);
    match minutes {
        0 | 1 => "About 1 minute".into(),
        n => format!("About {n} minutes"),
    }
}

/// One filter row: "All" and each value as a link, the current one marked.
#[component]
fn FilterRow<T: UrlValue>(
    heading: &'static str,
    values: Vec<(T, &'static str)>,
    current: Option<T>,
    other: Option<(&'static str, &'static str)>,
) -> impl IntoView {
    let href = move |value: Option<T>| {
        let params: Vec<String> = value
            .map(|v| format!("{}={}", T::PARAM, v.url_name()))
            .into_iter()
            .chain(
                other
                    .as_ref()
                    .map(|(param, name)| format!("{param}={name}")),
            )
            .collect();
        if params.is_empty() {
            "/stretches".to_string()
        } else {
            format!("/stretches?{}", params.join("&"))
        }
    };
    let chip = move |value: Option<T>, label: &'static str| {
        view! {
            <li>
                <a class="chip" href=href(value) aria-current=(current == value).then_some("true")>
                    {label}
                </a>
            </li>
        }
    };
    view! {
        <nav class="filters" aria-label=heading>
            <h2 class="filter-heading">{heading}</h2>
            <ul>
                {chip(None, "All")}
                {values.into_iter().map(|(value, label)| chip(Some(value), label)).collect_view()}
            </ul>
        </nav>
    }
}

/// Body parts in the short words a filter chip has room for.
const PART_FILTERS: [(BodyPart, &str); 6] = [
    (BodyPart::Calf, "Calf"),
    (BodyPart::Hamstring, "Back of thigh"),
    (BodyPart::Quadriceps, "Front of thigh"),
    (BodyPart::Foot, "Foot"),
    (BodyPart::Toes, "Toes"),
    (BodyPart::Ankle, "Ankle"),
];

/// Every stretch's page, for the route table.
pub fn stretch_addresses() -> Vec<String> {
    catalogue()
        .stretches
        .iter()
        .map(|s| format!("/stretches/{}", s.slug))
        .collect()
}

/// Every routine's page but the bedtime routine's (a page of its own), for the route table.
pub fn routine_addresses() -> Vec<String> {
    catalogue()
        .routines
        .iter()
        .filter(|r| r.slug != BEDTIME_ROUTINE)
        .map(|r| format!("/routines/{}", r.slug))
        .collect()
}

/// Every single-filter address of /stretches, saved for offline use like the pages.
pub fn filter_paths() -> Vec<String> {
    PART_FILTERS
        .iter()
        .map(|(part, _)| format!("/stretches?{}={}", BodyPart::PARAM, part.url_name()))
        .chain(
            Purpose::ALL
                .iter()
                .map(|purpose| format!("/stretches?{}={}", Purpose::PARAM, purpose.url_name())),
        )
        .collect()
}

#[component]
pub fn StretchesPage() -> impl IntoView {
    let catalogue = catalogue();
    let params = use_query_map().get_untracked();
    let part = params
        .get(BodyPart::PARAM)
        .and_then(|v| BodyPart::from_url_name(&v));
    let purpose = params
        .get(Purpose::PARAM)
        .and_then(|v| Purpose::from_url_name(&v));
    let stretches: Vec<Stretch> = catalogue
        .stretches
        .iter()
        .filter(|s| part.is_none_or(|p| s.body_parts.contains(&p)))
        .filter(|s| purpose.is_none_or(|p| s.purposes.contains(&p)))
        .cloned()
        .collect();
    let count = match stretches.len() {
        1 => "1 stretch or exercise".to_string(),
        n => format!("{n} stretches and exercises"),
    };
    let routines: Vec<_> = catalogue
        .routines
        .iter()
        .map(|routine| {
            let length = about_minutes(&routine_plan(routine));
            let summary = format!("{length}. {}", routine.summary);
            LinkCard::page("/routines", &routine.slug, routine.title.clone(), summary)
        })
        .collect();
    let show_routines = part.is_none() && purpose.is_none();
    let filtered_by: Vec<&str> = part
        .and_then(|p| {
            PART_FILTERS
                .iter()
                .find(|(value, _)| *value == p)
                .map(|(_, label)| *label)
        })
        .into_iter()
        .chain(purpose.map(Purpose::label))
        .collect();
    let title = if filtered_by.is_empty() {
        "Stretches".to_string()
    } else {
        format!("Stretches: {}", filtered_by.join(", "))
    };
    view! {
        <PageMeta
            title=title
            description="Guided stretches and exercises for calf, thigh and foot cramps, with timers and routines."
                .into()
        />
        <h1>"Stretches"</h1>
        <p class="lead">
            "Each guide has a drawing, the steps and a timer that counts every hold for you."
        </p>
        {show_routines
            .then(|| {
                view! {
                    <h2>"Routines"</h2>
                    <LinkCards cards=routines />
                }
            })}
        <FilterRow
            heading="Where"
            values=PART_FILTERS.to_vec()
            current=part
            other=purpose.map(|p| (Purpose::PARAM, p.url_name()))
        />
        <FilterRow
            heading="What for"
            values=Purpose::ALL.iter().map(|p| (*p, p.label())).collect()
            current=purpose
            other=part.map(|p| (BodyPart::PARAM, p.url_name()))
        />
        <h2 class="result-count">{count}</h2>
        <LinkCards cards=stretches />
    }
}

#[component]
pub fn StretchPage() -> impl IntoView {
    let Some(stretch) = catalogue().stretch(&route_param("slug")).cloned() else {
        return view! { <NotFound /> }.into_any();
    };
    let sides = match stretch.sides {
        Sides::Each => "on each leg",
        Sides::Both => "with both legs together",
    };
    let step = guide_step(&stretch);
    view! {
        <article class="stretch">
            <PageHead title=stretch.title.clone() lead=stretch.summary />
            <Illustration
                svg=illustration(&stretch.slug).unwrap_or_default()
                alt=stretch.illustration
            />
            // A cramp is not a routine: the leg that hurts, held until it lets go (clinical review
            // 2026-12b, N9). The timings below are for practice and prevention.
            {stretch
                .purposes
                .contains(&Purpose::ReliefNow)
                .then(|| {
                    view! {
                        <p class="warning relief-now">
                            "For a cramp right now: stretch only the leg that hurts, and hold gently until the cramp lets go. Hold again if it tightens. "
                            <a href="/cramp">"Cramp now"</a>
                            " counts it for you. The timings below are for practice, not for a cramp."
                        </p>
                    }
                })}
            <p class="timing">
                {format!(
                    "To practise: hold {} seconds, {} {}, {}.",
                    stretch.hold_seconds,
                    stretch.repetitions,
                    if stretch.repetitions == 1 { "time" } else { "times" },
                    sides,
                )}
            </p>
            <ol class="steps">
                {stretch.steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
            </ol>
            <StretchGuide steps=vec![step] rest_between=0 show_details=false />
            <Cautions cautions=stretch.take_care heading="Take care" />
        </article>
    }
    .into_any()
}

/// The plan a routine plays: its stretches back to back with its rest between them.
fn routine_plan(routine: &crate::content::model::Routine) -> Plan {
    let steps: Vec<PlanStep> = routine_steps(routine)
        .into_iter()
        .map(|s| s.timing)
        .collect();
    Plan::new(&steps, routine.rest_seconds)
}

fn routine_steps(routine: &crate::content::model::Routine) -> Vec<GuideStep> {
    let catalogue = catalogue();
    routine
        .steps
        .iter()
        .filter_map(|slug| catalogue.stretch(slug))
        .map(guide_step)
        .collect()
}

/// The routine the bedtime reminder opens (`push::notice`).
pub const BEDTIME_ROUTINE: &str = "bedtime";

#[component]
pub fn RoutinePage() -> impl IntoView {
    routine_page(&route_param("slug"))
}

/// The bedtime routine has an address of its own in the page table: it loads the reminder's
/// bundle as well as the guide's.
#[component]
pub fn BedtimeRoutinePage() -> impl IntoView {
    routine_page(BEDTIME_ROUTINE)
}

fn routine_page(slug: &str) -> AnyView {
    let Some(routine) = catalogue().routine(slug).cloned() else {
        return view! { <NotFound /> }.into_any();
    };
    let steps = routine_steps(&routine);
    let plan = routine_plan(&routine);
    // The bedtime routine offers a nightly reminder (push where the server sends them).
    let reminder = (routine.slug == BEDTIME_ROUTINE).then(|| {
        let push_key = use_context::<crate::push::PushOffer>().and_then(|offer| offer.0);
        view! { <BedtimeReminder push_key /> }
    });
    let cautions: Vec<_> = routine
        .steps
        .iter()
        .filter_map(|slug| catalogue().stretch(slug))
        .flat_map(|s| s.take_care.iter().cloned())
        .fold(Vec::new(), |mut unique, caution| {
            if !unique.contains(&caution) {
                unique.push(caution);
            }
            unique
        });
    view! {
        <PageMeta title=routine.title.clone() description=routine.summary.clone() />
        <article class="routine">
            <h1>{routine.title}</h1>
            // The timer's Start comes on the first screen of a phone; what the routine is for and
            // its list of stretches follow it.
            <p class="timing">
                {format!(
                    "{} stretches, {} seconds' rest between them: {}.",
                    steps.len(),
                    routine.rest_seconds,
                    about_minutes(&plan).to_lowercase(),
                )}
            </p>
            <StretchGuide steps=steps.clone() rest_between=routine.rest_seconds show_details=true />
            <p class="lead">{routine.summary}</p>
            <p>
                {format!("Total time {}. The stretches, in order:", format_clock(plan.total_ms()))}
            </p>
            <ol class="routine-steps">
                {steps
                    .iter()
                    .map(|s| {
                        view! {
                            <li>
                                <a href=format!(
                                    "/stretches/{}",
                                    s.slug,
                                )>{s.timing.title.clone()}</a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <Cautions cautions heading="Take care" />
            // After the cautions: a reminder never stands above what to take care of.
            {reminder}
        </article>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Catalogue;

    #[test]
    fn every_stretch_has_a_drawing_and_every_drawing_a_stretch() {
        let catalogue = Catalogue::load().expect("content loads");
        for stretch in &catalogue.stretches {
            let svg = illustration(&stretch.slug)
                .unwrap_or_else(|| panic!("{}: no illustration", stretch.slug));
            assert!(
                svg.starts_with("<svg "),
                "{}: not an inline SVG",
                stretch.slug
            );
            assert!(
                svg.contains(r#"aria-hidden="true""#),
                "{}: the text alternative is the page's",
                stretch.slug
            );
            assert!(
                !svg.contains(" id="),
                "{}: ids would clash when inlined",
                stretch.slug
            );
            assert!(
                !svg.contains('#'),
                "{}: colours must come from the theme",
                stretch.slug
            );
        }
        for (slug, _) in ILLUSTRATIONS {
            assert!(
                catalogue.stretch(slug).is_some(),
                "{slug}.svg draws no stretch"
            );
        }
    }

    #[test]
    fn every_routine_plays_all_its_stretches_with_rests_between() {
        let catalogue = Catalogue::load().expect("content loads");
        for routine in &catalogue.routines {
            let steps = routine_steps(routine);
            assert_eq!(
                steps.len(),
                routine.steps.len(),
                "{}: a stretch is missing",
                routine.slug
            );
            let plan = routine_plan(routine);
            let last_step = plan.segments().iter().map(|s| s.step).max();
            assert_eq!(last_step, Some(steps.len() - 1), "{}", routine.slug);
            assert!(
                plan.total_ms() > 60_000,
                "{}: a routine of a minute or less",
                routine.slug
            );
        }
    }

    #[test]
    fn the_bedtime_reminder_opens_a_routine_that_exists() {
        let catalogue = Catalogue::load().expect("content loads");
        assert!(catalogue.routine(BEDTIME_ROUTINE).is_some());
        let notice = crate::push::notice::Notice::for_kind(crate::push::ReminderKind::Bedtime);
        assert_eq!(
            notice.options.data.url,
            format!("/routines/{BEDTIME_ROUTINE}")
        );
    }

    #[test]
    fn each_single_filter_address_names_a_known_value() {
        for path in filter_paths() {
            let (_, query) = path.split_once('?').expect("a query");
            let (param, name) = query.split_once('=').expect("param=value");
            let known = match param {
                "part" => BodyPart::from_url_name(name).is_some(),
                "purpose" => Purpose::from_url_name(name).is_some(),
                _ => false,
            };
            assert!(known, "{path}");
        }
    }
}
