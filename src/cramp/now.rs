//! Cramp now: where (one tap), then one hold counting up until "It has eased", which saves the
//! cramp to the diary; which leg, what helped and whether it woke you can follow. The hold is
//! kept on the device while it runs and offered back when the page opens again.
//!
//! The server renders every state here: the choices, the hold for each muscle (holding and
//! eased), the warning past ten minutes and a hold left running, all but the choices hidden. The
//! guide client (crates/guide-client, no Leptos) drives this markup with `guide_core::cramp`,
//! which also gives every word shown, so the two agree by construction.

use crate::ui::{Illustration, QuietButton};
use guide_core::{
    cramp::{answer_name, CrampNow as Cramp, CrampPart, Status},
    diary::{Muscle, Relief, Side},
    Cues,
};
use leptos::prelude::*;

/// One way to hold a muscle: its steps, and a drawing when one fits (inline SVG, from the props,
/// never in the WASM).
#[derive(Debug, Clone, PartialEq)]
pub struct Way {
    pub steps: Vec<String>,
    pub picture: String,
    pub picture_alt: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HoldGuide {
    pub muscle: Muscle,
    pub in_bed: Way,
    pub standing: Way,
}

/// A way's steps, in order.
#[component]
pub fn WaySteps(way: Way) -> impl IntoView {
    view! {
        <ol class="steps">
            {way.steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
        </ol>
    }
}

/// A way's drawing, when it has one.
#[component]
pub fn WayPicture(way: Way) -> impl IntoView {
    (!way.picture.is_empty()).then(|| {
        view! { <Illustration svg=way.picture alt=way.picture_alt /> }
    })
}

/// The standing way, folded: in bed comes first.
#[component]
pub fn StandInstead(way: Way) -> impl IntoView {
    view! {
        <details class="standing">
            <summary>"Can't do it in bed? Stand instead"</summary>
            <WayPicture way=way.clone() />
            <WaySteps way />
        </details>
    }
}

/// A chip that stands for one value: pressed or not, as the client says.
fn chip(part: CrampPart, value: &'static str, label: &'static str) -> impl IntoView {
    view! {
        <button
            type="button"
            class="chip"
            aria-pressed="false"
            data-cramp=part.name()
            data-value=value
        >
            {label}
        </button>
    }
}

/// One cue's checkbox, with the default choice; the client shows the device's.
fn cue_box(part: CrampPart, label: &'static str, on: bool) -> impl IntoView {
    view! {
        <label>
            <input type="checkbox" data-cramp=part.name() checked=on />
            {label}
        </label>
    }
}

#[component]
pub fn CrampNow(guides: Vec<HoldGuide>, long_cramp: String) -> impl IntoView {
    let holding = Status::Holding.name();
    let eased = Status::Eased.name();
    // The words of the first muscle's hold at its first second; the client rewrites them.
    let first = guides.first().map_or(Muscle::Calf, |g| g.muscle);
    let mut shown = Cramp::default();
    shown.choose(first, 0.0);
    let screen = shown.screen(0.0);
    let ways = |picture: bool| {
        guides
            .iter()
            .map(|g| {
                let way = g.in_bed.clone();
                let inner = if picture {
                    view! {
                        <WayPicture way=way />
                        <StandInstead way=g.standing.clone() />
                    }
                    .into_any()
                } else {
                    view! { <WaySteps way /> }.into_any()
                };
                view! {
                    <div
                        data-cramp=CrampPart::Way.name()
                        data-muscle=g.muscle.name()
                        data-when=holding
                        hidden=g.muscle != first
                    >
                        {inner}
                    </div>
                }
            })
            .collect_view()
    };
    let (steps, pictures) = (ways(false), ways(true));
    view! {
        <section
            class="cramp-hold"
            aria-label="Cramp now"
            data-cramp=CrampPart::Root.name()
            data-status=Status::Choosing.name()
        >
            <LeftRunning />
            <WhereIsTheCramp guides=guides.clone() />
            <div data-cramp=CrampPart::Hold.name() hidden=true>
                <h2 class="hold-title" tabindex="-1" data-cramp=CrampPart::Title.name()>
                    {screen.title}
                </h2>
                <LongCrampWarning long_cramp />
                <p class="hint" data-cramp=CrampPart::Resumed.name() hidden=true>
                    {screen.resumed}
                </p>
                {steps}
                <p
                    class="saved"
                    role="status"
                    data-cramp=CrampPart::Saved.name()
                    data-when=eased
                    hidden=true
                >
                    {screen.saved}
                </p>
                <HoldControls
                    label=screen.label
                    count=screen.count
                    count_words=screen.count_words
                />
                <p class="hint" data-when=holding>
                    "Stretch only the leg that hurts. Keep the stretch gentle and steady until the cramp lets go."
                </p>
                <fieldset class="choice-row">
                    <legend>"Which leg? (if you like)"</legend>
                    {[Side::Left, Side::Right]
                        .map(|side| chip(CrampPart::Side, side.name(), side.label()))
                        .collect_view()}
                </fieldset>
                {pictures}
                <QuietButton attr:data-cramp=CrampPart::Cancel.name() attr:data-when=holding>
                    "Cancel: not a cramp"
                </QuietButton>
                <AfterEasing />
            </div>
            <CueChoices />
        </section>
    }
}

/// A hold left running (the page was closed while it ran): save it or forget it.
#[component]
fn LeftRunning() -> impl IntoView {
    view! {
        <div
            class="notice left-running"
            role="group"
            aria-labelledby="left-running-heading"
            data-cramp=CrampPart::LeftRunning.name()
            hidden=true
        >
            <h2 id="left-running-heading" data-cramp=CrampPart::LeftRunningHeading.name()></h2>
            <p data-cramp=CrampPart::LeftRunningLine.name()></p>
            <div class="hold-actions">
                <button type="button" class="button" data-cramp=CrampPart::SaveLeftRunning.name()>
                    "Save it in your diary"
                </button>
                <QuietButton attr:data-cramp=CrampPart::ForgetLeftRunning
                    .name()>"Forget it"</QuietButton>
            </div>
        </div>
        <p class="saved" role="status" data-cramp=CrampPart::LeftSaved.name() hidden=true>
            "Saved in your diary."
        </p>
    }
}

/// The first screen: which muscle. Each choice is a form, so it works before the client.
#[component]
fn WhereIsTheCramp(guides: Vec<HoldGuide>) -> impl IntoView {
    view! {
        <div data-cramp=CrampPart::Choosing.name()>
            <h2 id="where-heading" tabindex="-1" data-cramp=CrampPart::WhereHeading.name()>
                "Where is the cramp?"
            </h2>
            <ul class="body-parts" aria-labelledby="where-heading">
                {guides
                    .iter()
                    .map(|g| {
                        view! {
                            <li>
                                // Without the client, or before it is ready, the tap opens the same
                                // one-leg hold as a page of its own.
                                <form
                                    action=super::hold_address(g.muscle)
                                    method="get"
                                    data-cramp=CrampPart::Choice.name()
                                    data-muscle=g.muscle.name()
                                >
                                    <button type="submit" class="body-part">
                                        {g.muscle.label()}
                                    </button>
                                </form>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}

/// The warning sign a hold reaches at 10 minutes: never hidden behind the timer.
#[component]
fn LongCrampWarning(long_cramp: String) -> impl IntoView {
    view! {
        <div
            class="notice long-cramp"
            role="alert"
            data-cramp=CrampPart::Warning.name()
            hidden=true
        >
            <p>
                <strong>"It has lasted more than 10 minutes. That is a warning sign."</strong>
            </p>
            <p>{long_cramp}</p>
            <p>
                <a href="/help#cramp-over-10-minutes">"More about this sign"</a>
            </p>
        </div>
    }
}

/// The count and what to tap next.
#[component]
fn HoldControls(label: &'static str, count: String, count_words: String) -> impl IntoView {
    let (holding, eased) = (Status::Holding.name(), Status::Eased.name());
    view! {
        // The count and what to tap next, kept together at the bottom of the screen within
        // thumb reach (style/main.css): "It has eased" while holding, "Done" once it has.
        <div class="hold-controls">
            <p class="hold-label" data-cramp=CrampPart::Label.name()>
                {label}
            </p>
            <div
                class="hold-count"
                role="timer"
                aria-label=count_words
                data-cramp=CrampPart::Count.name()
            >
                {count}
            </div>
            <button
                type="button"
                class="button hold-primary"
                data-cramp=CrampPart::Eased.name()
                data-when=holding
            >
                "It has eased"
            </button>
            <div class="hold-actions" data-when=eased hidden=true>
                <button type="button" class="button hold-primary" data-cramp=CrampPart::Done.name()>
                    "Done"
                </button>
                <QuietButton attr:data-cramp=CrampPart::Tightened
                    .name()>"It tightened again"</QuietButton>
                <QuietButton attr:data-cramp=CrampPart::Undo
                    .name()>"Undo: not a cramp"</QuietButton>
            </div>
        </div>
    }
}

/// Once it has eased: what helped, whether it woke you, and the diary.
#[component]
fn AfterEasing() -> impl IntoView {
    let eased = Status::Eased.name();
    view! {
        <div data-when=eased hidden=true>
            <fieldset class="choice-row">
                <legend>"What helped?"</legend>
                {Relief::ALL
                    .map(|relief| chip(CrampPart::Helped, relief.name(), relief.label()))
                    .collect_view()}
            </fieldset>
            <fieldset class="choice-row">
                <legend>"Did it wake you?"</legend>
                {chip(CrampPart::Woke, answer_name(true), "Yes")}
                {chip(CrampPart::Woke, answer_name(false), "No")}
            </fieldset>
            <p>
                <a href="/diary">"Open your diary"</a>
            </p>
        </div>
    }
}

/// Spoken guidance and vibration, with the default choices; the client shows the device's.
#[component]
fn CueChoices() -> impl IntoView {
    let defaults = Cues::default();
    view! {
        <fieldset class="guide-cues">
            <legend>"While you hold"</legend>
            {cue_box(CrampPart::Speech, "Spoken guidance", defaults.speech)}
            {cue_box(CrampPart::Vibrate, "Vibrate every 30 seconds", defaults.vibrate)}
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use guide_core::cramp::{CRAMP_PART, MUSCLE, VALUE, WHEN};

    fn way(step: &str) -> Way {
        Way {
            steps: vec![step.into()],
            picture: "<svg></svg>".into(),
            picture_alt: "A drawing".into(),
        }
    }

    fn rendered() -> String {
        let guides = Muscle::ALL
            .map(|muscle| HoldGuide {
                muscle,
                in_bed: way("In bed"),
                standing: way("Standing"),
            })
            .to_vec();
        view! { <CrampNow guides long_cramp="Get help today.".into() /> }.to_html()
    }

    /// The client finds every part by these names: a part the markup lacks would leave a tap
    /// doing nothing.
    #[test]
    fn the_markup_has_every_part_the_client_drives() {
        let html = rendered();
        for part in CrampPart::ALL {
            assert!(
                html.contains(&format!(r#"{CRAMP_PART}="{}""#, part.name())),
                "no {part:?} in the markup"
            );
        }
        for muscle in Muscle::ALL {
            let choice = format!(
                r#"action="/cramp/{}" method="get" {CRAMP_PART}="choice" {MUSCLE}="{}""#,
                muscle.name(),
                muscle.name()
            );
            assert!(html.contains(&choice), "no choice for {muscle:?}");
        }
        for relief in Relief::ALL {
            assert!(html.contains(&format!(r#"{VALUE}="{}""#, relief.name())));
        }
        assert!(html.contains(&format!(r#"{WHEN}="eased""#)));
    }

    /// Before the client runs, the choices are all a person sees: nothing of a hold shows.
    #[test]
    fn the_page_opens_on_the_choices() {
        let html = rendered();
        assert!(html.contains(r#"data-cramp="root" data-status="choosing""#));
        assert!(html.contains(r#"data-cramp="hold" hidden"#));
        assert!(html.contains(r#"data-cramp="left-running" hidden"#));
    }
}
