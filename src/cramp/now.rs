//! The Cramp now island: where (one tap), then one hold counting up until "It has eased", which
//! saves the cramp to the diary; which leg, what helped and whether it woke you can follow.

use super::hold::{count_text, count_words, Hold};
use crate::{
    clock,
    diary::{
        model::{Muscle, NewCramp, Relief, Side},
        patterns::format_duration,
        state::DiaryState,
    },
    stretches::guide::{CueToggle, Cues},
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One way to hold a muscle: its steps, and a drawing when one fits (inline SVG, from the props,
/// never in the WASM).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Way {
    pub steps: Vec<String>,
    pub picture: String,
    pub picture_alt: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HoldGuide {
    pub muscle: Muscle,
    pub in_bed: Way,
    pub standing: Way,
}

/// A way's steps, in order.
#[component]
pub fn WaySteps(way: Way) -> impl IntoView {
    view! { <ol class="steps">{way.steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ol> }
}

/// A way's drawing, when it has one.
#[component]
pub fn WayPicture(way: Way) -> impl IntoView {
    (!way.picture.is_empty()).then(|| {
        view! { <div class="illustration" role="img" aria-label=way.picture_alt inner_html=way.picture></div> }
    })
}

/// The standing way, folded: in bed comes first.
#[component]
pub fn StandInstead(way: Way) -> impl IntoView {
    view! {
        <details class="standing">
            <summary>"Can't do it in bed? Stand instead"</summary>
            <WayPicture way=way.clone()/>
            <WaySteps way/>
        </details>
    }
}

/// Where the island is: choosing, holding, or eased (and saved).
fn status(hold: Option<Hold>) -> &'static str {
    match hold {
        None => "choosing",
        Some(hold) if hold.is_holding() => "holding",
        Some(_) => "eased",
    }
}

// In the guide bundle (see `app::Bundle`).
#[cfg_attr(any(not(feature = "bundle"), feature = "bundle-guide"), island)]
#[cfg_attr(all(feature = "bundle", not(feature = "bundle-guide")), component)]
pub fn CrampNow(guides: Vec<HoldGuide>, long_cramp: String) -> impl IntoView {
    let diary = DiaryState::new();
    let guides = StoredValue::new(guides);
    let chosen = RwSignal::new(None::<usize>);
    let hold = RwSignal::new(None::<Hold>);
    let now = RwSignal::new(0.0_f64);
    let side = RwSignal::new(None::<Side>);
    let helped = RwSignal::new(Vec::<Relief>::new());
    let woke = RwSignal::new(None::<bool>);
    let saved = RwSignal::new(None::<u64>);
    let cues = RwSignal::new(Cues::default());
    let heading = NodeRef::<leptos::html::H2>::new();

    #[cfg(feature = "hydrate")]
    browser::run(hold, now, cues, heading);

    let guide = move || {
        chosen
            .get()
            .and_then(|i| guides.with_value(|g| g.get(i).cloned()))
    };
    let muscle = move || guide().map_or(Muscle::Calf, |g| g.muscle);

    // Writes what is known about this cramp to the diary: a new entry the first time it eases,
    // the same entry afterwards.
    let record = move || {
        let Some(current) = hold.get_untracked().filter(|h| !h.is_holding()) else {
            return;
        };
        let at = now.get_untracked();
        let entry = NewCramp {
            start_ms: current.started_ms as i64,
            seconds: current.cramp_seconds(at),
            muscle: muscle(),
            side: side.get_untracked(),
            tried: vec![Relief::Stretch],
            helped: helped.get_untracked(),
            woke: woke.get_untracked(),
            by_hand: false,
        };
        match saved.get_untracked() {
            None => saved.set(Some(diary.change(|d| d.diary.add(entry)))),
            Some(id) => {
                diary.change(|d| {
                    d.diary.edit(id, |cramp| {
                        cramp.seconds = entry.seconds;
                        cramp.side = entry.side;
                        cramp.helped = entry.helped;
                        cramp.woke = entry.woke;
                    })
                });
            }
        }
    };

    let choose = move |index: usize| {
        let at = clock::now_ms() as f64;
        now.set(at);
        side.set(None);
        helped.set(Vec::new());
        woke.set(None);
        saved.set(None);
        chosen.set(Some(index));
        hold.set(Some(Hold::start(at)));
        #[cfg(feature = "hydrate")]
        browser::started(cues.get_untracked(), muscle());
    };
    let eased = move |_| {
        let at = clock::now_ms() as f64;
        now.set(at);
        hold.update(|h| {
            if let Some(h) = h {
                h.ease(at);
            }
        });
        record();
    };
    let tightened = move |_| {
        let at = clock::now_ms() as f64;
        now.set(at);
        hold.update(|h| {
            if let Some(h) = h {
                h.tighten_again(at);
            }
        });
        #[cfg(feature = "hydrate")]
        browser::started(cues.get_untracked(), muscle());
    };
    let finish = move || {
        hold.set(None);
        chosen.set(None);
    };
    let undo = move |_| {
        if let Some(id) = saved.get_untracked() {
            diary.change(|d| d.diary.remove(id));
        }
        saved.set(None);
        finish();
    };
    let pick_side = move |choice: Side| {
        side.update(|s| {
            *s = if *s == Some(choice) {
                None
            } else {
                Some(choice)
            }
        });
        record();
    };

    let choices = move || {
        guides.with_value(|guides| {
            guides
                .iter()
                .enumerate()
                .map(|(index, g)| {
                    view! {
                        <li>
                            // Without JavaScript, or before it is ready, the tap opens the
                            // same one-leg hold as a page of its own.
                            <form
                                action=super::hold_address(g.muscle)
                                method="get"
                                on:submit=move |event| {
                                    event.prevent_default();
                                    choose(index);
                                }
                            >
                                <button type="submit" class="body-part">{g.muscle.label()}</button>
                            </form>
                        </li>
                    }
                })
                .collect_view()
        })
    };

    let seconds = move || hold.get().map_or(0, |h| h.hold_seconds(now.get()));
    let warning = move || hold.get().is_some_and(|h| h.is_a_warning(now.get()));
    let long_cramp = StoredValue::new(long_cramp);

    let side_buttons = move || {
        [Side::Left, Side::Right]
            .into_iter()
            .map(|choice| {
                view! {
                    <button
                        type="button"
                        class="chip"
                        aria-pressed=move || (side.get() == Some(choice)).to_string()
                        on:click=move |_| pick_side(choice)
                    >
                        {choice.label()}
                    </button>
                }
            })
            .collect_view()
    };

    let holding_view = move || {
        let g = guide()?;
        let holding = hold.get().is_some_and(|h| h.is_holding());
        Some(view! {
            <h2 class="hold-title" tabindex="-1" node_ref=heading>
                {if holding {
                    format!("{}: hold one gentle stretch", g.muscle.label())
                } else {
                    format!("{}: it has eased", g.muscle.label())
                }}
            </h2>
            {move || warning().then(|| view! {
                <div class="notice long-cramp" role="alert">
                    <p><strong>"It has lasted more than 10 minutes. That is a warning sign."</strong></p>
                    <p>{long_cramp.get_value()}</p>
                    <p><a href="/help#cramp-over-10-minutes">"More about this sign"</a></p>
                </div>
            })}
            {holding.then(|| view! { <WaySteps way=g.in_bed.clone()/> })}
            <p class="hold-label">{if holding { "Holding for" } else { "It lasted" }}</p>
            <div class="hold-count" role="timer" aria-label=move || count_words(seconds())>
                {move || count_text(seconds())}
            </div>
            {if holding {
                view! {
                    <button type="button" class="button eased-button" on:click=eased>"It has eased"</button>
                    <p class="hint">"Stretch only the leg that hurts. Keep the stretch gentle and steady until the cramp lets go."</p>
                }
                .into_any()
            } else {
                view! {
                    <p class="saved" role="status">
                        {move || {
                            let lasted = hold.get().map_or(0, |h| h.cramp_seconds(now.get()));
                            match (saved.get(), diary.not_saved.get()) {
                                (_, Some(problem)) => problem,
                                (Some(_), None) => format!("Eased after {}. Saved in your diary.", format_duration(lasted)),
                                (None, None) => format!("Eased after {}.", format_duration(lasted)),
                            }
                        }}
                    </p>
                    <div class="hold-actions">
                        <button type="button" class="button" on:click=tightened>"It tightened again"</button>
                        <button type="button" class="button button-quiet" on:click=undo>"Undo: not a cramp"</button>
                    </div>
                }
                .into_any()
            }}
            <fieldset class="choice-row">
                <legend>"Which leg? (if you like)"</legend>
                {side_buttons}
            </fieldset>
            {if holding {
                view! {
                    <WayPicture way=g.in_bed.clone()/>
                    <StandInstead way=g.standing.clone()/>
                    <button type="button" class="button button-quiet" on:click=move |_| finish()>"Cancel: not a cramp"</button>
                }
                .into_any()
            } else {
                view! {
                    <fieldset class="choice-row">
                        <legend>"What helped?"</legend>
                        {Relief::ALL.into_iter().map(|relief| view! {
                            <button
                                type="button"
                                class="chip"
                                aria-pressed=move || helped.with(|h| h.contains(&relief)).to_string()
                                on:click=move |_| {
                                    helped.update(|h| match h.iter().position(|r| *r == relief) {
                                        Some(at) => { h.remove(at); }
                                        None => h.push(relief),
                                    });
                                    record();
                                }
                            >
                                {relief.label()}
                            </button>
                        }).collect_view()}
                    </fieldset>
                    <fieldset class="choice-row">
                        <legend>"Did it wake you?"</legend>
                        {[(true, "Yes"), (false, "No")].into_iter().map(|(answer, label)| view! {
                            <button
                                type="button"
                                class="chip"
                                aria-pressed=move || (woke.get() == Some(answer)).to_string()
                                on:click=move |_| {
                                    woke.update(|w| *w = if *w == Some(answer) { None } else { Some(answer) });
                                    record();
                                }
                            >
                                {label}
                            </button>
                        }).collect_view()}
                    </fieldset>
                    <div class="hold-actions">
                        <a class="button button-quiet" href="/diary">"Open your diary"</a>
                        <button type="button" class="button button-quiet" on:click=move |_| finish()>"Done"</button>
                    </div>
                }
                .into_any()
            }}
        })
    };

    view! {
        <section class="cramp-hold" aria-label="Cramp now" data-status=move || status(hold.get())>
            <Show
                when=move || chosen.get().is_some()
                fallback=move || view! {
                    <h2 id="where-heading">"Where is the cramp?"</h2>
                    <ul class="body-parts" aria-labelledby="where-heading">{choices}</ul>
                }
            >
                {holding_view}
            </Show>
            <fieldset class="guide-cues">
                <legend>"While you hold"</legend>
                <CueToggle cues label="Spoken guidance" cue=|c| &mut c.speech />
                <CueToggle cues label="Vibrate every 30 seconds" cue=|c| &mut c.vibrate />
            </fieldset>
        </section>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    //! The clock tick while holding, cues (vibration, spoken words), the screen kept on.

    use super::Hold;
    use crate::{
        clock,
        diary::model::Muscle,
        stretches::guide::{self, Cues},
    };
    use leptos::prelude::*;
    use std::time::Duration;

    /// Often enough that the seconds never lag visibly; the time itself comes from timestamps.
    const TICK: Duration = Duration::from_millis(250);

    pub fn run(
        hold: RwSignal<Option<Hold>>,
        now: RwSignal<f64>,
        cues: RwSignal<Cues>,
        heading: NodeRef<leptos::html::H2>,
    ) {
        Effect::new(move |_| cues.set(guide::load_cues()));
        let tick = set_interval_with_handle(
            move || {
                if hold.with_untracked(|h| h.is_some_and(|h| h.is_holding())) {
                    now.set(clock::now_ms() as f64);
                }
            },
            TICK,
        );
        on_cleanup(move || {
            if let Ok(handle) = tick {
                handle.clear();
            }
            guide::keep_awake(false);
        });
        // A cue each half minute, and a spoken word when it becomes a warning sign.
        Effect::new(move |previous: Option<(u32, bool)>| {
            let current = hold.get().map_or((0, false), |h| {
                (h.hold_seconds(now.get()), h.is_a_warning(now.get()))
            });
            if let Some((seconds, warned)) = previous {
                let chosen = cues.get_untracked();
                if current.1 && !warned {
                    cue(
                        chosen,
                        "It has lasted ten minutes. Read the warning on the screen.",
                    );
                } else if Hold::cue_due(seconds, current.0) {
                    cue(chosen, "Keep holding, gently.");
                }
            }
            current
        });
        // The heading takes focus when the hold starts, so a screen reader says what to do.
        Effect::new(move |_| {
            if hold.with(|h| h.is_some_and(|h| h.is_holding())) {
                if let Some(heading) = heading.get() {
                    let _ = heading.focus();
                }
            }
        });
        Effect::new(move |_| guide::keep_awake(hold.with(|h| h.is_some_and(|h| h.is_holding()))));
    }

    /// The hold has just begun (or begun again).
    pub fn started(cues: Cues, muscle: Muscle) {
        cue(
            cues,
            &format!(
                "Hold one gentle stretch of your {}. Tap It has eased when it lets go.",
                muscle.in_words()
            ),
        );
    }

    fn cue(cues: Cues, words: &str) {
        if cues.vibrate {
            guide::vibrate();
        }
        if cues.speech {
            say(words);
        }
    }

    /// Speaks with the device's own voices, which work offline; quietly, a little slowly.
    fn say(words: &str) {
        let Some(speech) = web_sys::window().and_then(|w| w.speech_synthesis().ok()) else {
            return;
        };
        let Ok(utterance) = web_sys::SpeechSynthesisUtterance::new_with_text(words) else {
            return;
        };
        utterance.set_rate(0.9);
        utterance.set_volume(0.8);
        speech.cancel();
        speech.speak(&utterance);
    }
}
