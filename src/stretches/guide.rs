//! The guided timer: a large countdown, sides and repetitions, start, pause, skip and restart,
//! with an optional sound and vibration at each change and the screen kept awake while it runs.
//!
//! The server renders it here in its first state, with every stretch's drawing and steps; the
//! guide client (crates/guide-client, no Leptos) plays it in the browser. What it shows at any
//! instant, and the names of the parts the client drives, come from `guide_core`, so the two
//! agree by construction.

use crate::ui::{Illustration, QuietButton};
use guide_core::{
    status_name,
    timer::{Plan, PlanStep, Timer},
    Cues, Part, Screen,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One stretch of a guide: how to time it, and the words and drawing shown while it plays.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GuideStep {
    pub slug: String,
    pub timing: PlanStep,
    pub instructions: Vec<String>,
    /// Inline SVG, rendered into the page.
    pub picture: String,
    pub picture_alt: String,
}

/// A stretch page's or a routine's guide. Routines (`show_details`) show which stretch is playing
/// above the timer and how to do it below, so the countdown is on screen the moment it starts.
#[component]
pub fn StretchGuide(steps: Vec<GuideStep>, rest_between: u16, show_details: bool) -> impl IntoView {
    let timings: Vec<PlanStep> = steps.iter().map(|s| s.timing.clone()).collect();
    let plan = Plan::new(&timings, rest_between);
    // Our own plain data: serialising it cannot fail; an empty plan would leave the guide still.
    let plan_text = serde_json::to_string(&plan).unwrap_or_default();
    let screen = Screen::of(&Timer::new(plan), 0.0);
    let several = steps.len() > 1;
    let playing = screen.step;
    let heading = show_details.then(|| {
        view! {
            <h2 class="guide-title" data-guide=Part::Title.name()>
                {screen.title.clone()}
            </h2>
            {screen
                .count
                .clone()
                .map(|count| {
                    view! {
                        <p class="guide-count" data-guide=Part::Count.name()>
                            {count}
                        </p>
                    }
                })}
        }
    });
    // Every stretch's drawing and steps; the client shows the one playing.
    let how_to = show_details.then(|| {
        steps
            .into_iter()
            .enumerate()
            .map(|(index, step)| {
                view! {
                    <div class="guide-step" data-guide=Part::Step.name() hidden=index != playing>
                        <Illustration svg=step.picture alt=step.picture_alt />
                        <ol class="steps">
                            {step
                                .instructions
                                .into_iter()
                                .map(|line| view! { <li>{line}</li> })
                                .collect_view()}
                        </ol>
                    </div>
                }
            })
            .collect_view()
    });
    let cue_box = |part: Part, label: &'static str, on: bool| {
        view! {
            <label>
                <input type="checkbox" data-guide=part.name() checked=on />
                {label}
            </label>
        }
    };
    let defaults = Cues::default();
    view! {
        <section
            class="guide"
            aria-label="Timer"
            data-guide=Part::Root.name()
            data-plan=plan_text
            data-status=status_name(screen.status)
        >
            {heading}
            <p class="guide-label" aria-live="polite" data-guide=Part::Label.name()>
                {screen.label}
            </p>
            <div
                class="countdown"
                role="timer"
                aria-label="Time left"
                data-guide=Part::Countdown.name()
            >
                {screen.countdown}
            </div>
            <p class="guide-total" data-guide=Part::Total.name()>
                {screen.total}
            </p>
            <div class="guide-controls">
                <button type="button" class="button guide-primary" data-guide=Part::Primary.name()>
                    {screen.primary}
                </button>
                <QuietButton attr:data-guide=Part::Skip.name()>"Skip"</QuietButton>
                {several
                    .then(|| {
                        view! {
                            <QuietButton attr:data-guide=Part::NextStretch
                                .name()>"Next stretch"</QuietButton>
                        }
                    })}
                <QuietButton attr:data-guide=Part::Restart.name()>"Restart"</QuietButton>
            </div>
            {how_to}
            // The server renders the defaults; the client shows the device's choices.
            <fieldset class="guide-cues">
                <legend>"At each change"</legend>
                {cue_box(Part::Sound, "Sound", defaults.sound)}
                {cue_box(Part::Vibrate, "Vibrate", defaults.vibrate)}
            </fieldset>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use guide_core::{PART, PLAN};

    fn step(title: &str) -> GuideStep {
        GuideStep {
            slug: title.to_lowercase().replace(' ', "-"),
            timing: PlanStep {
                title: title.into(),
                hold_seconds: 30,
                repetitions: 1,
                each_side: false,
                rest_seconds: 0,
            },
            instructions: vec![format!("Do the {title}.")],
            picture: String::new(),
            picture_alt: format!("The {title}"),
        }
    }

    /// The client finds the parts by the names `guide_core` gives them: the markup has each one.
    #[test]
    fn a_routine_guide_has_every_part_the_client_drives() {
        let owner = Owner::new();
        let html = owner.with(|| {
            view! {
                <StretchGuide
                    steps=vec![step("Wall stretch"), step("Ankle circles")]
                    rest_between=10
                    show_details=true
                />
            }
            .to_html()
        });
        for part in Part::ALL {
            assert!(
                html.contains(&format!(r#"{PART}="{}""#, part.name())),
                "{} missing in {html}",
                part.name()
            );
        }
        assert!(html.contains(&format!("{PLAN}=")), "{html}");
        assert!(html.contains(r#"data-status="idle""#), "{html}");
        // Only the first stretch's steps show before it plays.
        assert_eq!(html.matches(" hidden").count(), 1, "{html}");
        assert!(
            html.contains("Stretch 1 of 2") && html.contains("1:10 left of 1:10"),
            "{html}"
        );
    }

    #[test]
    fn the_plan_in_the_markup_is_the_plan_it_plays() {
        let owner = Owner::new();
        let html = owner.with(|| {
            view! { <StretchGuide steps=vec![step("Wall stretch")] rest_between=0 show_details=false /> }.to_html()
        });
        let start = html.find(&format!("{PLAN}=\"")).expect("a plan") + PLAN.len() + 2;
        let text = &html[start..start + html[start..].find('"').expect("closed")];
        let text = text.replace("&quot;", "\"").replace("&amp;", "&");
        let plan: Plan = serde_json::from_str(&text).expect("the client can read it");
        assert_eq!(plan, Plan::new(&[step("Wall stretch").timing], 0));
        assert!(
            !html.contains(r#"data-guide="next-stretch""#),
            "one stretch has no Next stretch: {html}"
        );
    }
}
