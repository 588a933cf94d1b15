//! The Cramp now island: where (one tap), then one hold counting up until "It has eased", which
//! saves the cramp to the diary; which leg, what helped and whether it woke you can follow. The
//! hold is kept on the device while it runs and offered back when the page opens again.

use super::hold::{count_text, count_words, Hold, KeptHold};
use crate::{
    clock,
    diary::{
        model::{Muscle, NewCramp, Relief, Side},
        patterns::format_duration,
        state::DiaryState,
    },
};
use guide_core::Cues;
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

/// One cue's checkbox; a change is kept on the device at once.
#[component]
pub fn CueToggle(
    cues: RwSignal<Cues>,
    label: &'static str,
    /// The cue this box turns on and off.
    cue: fn(&mut Cues) -> &mut bool,
) -> impl IntoView {
    let is_on = move |mut chosen: Cues| *cue(&mut chosen);
    view! {
        <label>
            <input
                type="checkbox"
                // The server renders the default; the device's choice arrives after hydration.
                checked=is_on(Cues::default())
                prop:checked=move || is_on(cues.get())
                on:change=move |event| {
                    cues.update(|chosen| *cue(chosen) = event_target_checked(&event));
                    #[cfg(feature = "hydrate")]
                    guide_core::browser::store_cues(cues.get_untracked());
                }
            />
            {label}
        </label>
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

/// A cramp timed here, as the diary keeps it: held with a stretch, `seconds` long.
fn timed_cramp(muscle: Muscle, hold: Hold, seconds: u32, side: Option<Side>) -> NewCramp {
    NewCramp {
        start_ms: hold.started_ms as i64,
        seconds,
        muscle,
        side,
        tried: vec![Relief::Stretch],
        helped: Vec::new(),
        woke: None,
        by_hand: false,
    }
}

/// Adds the cramp to the diary, or updates the entry it already is; its id.
fn put_in_diary(diary: DiaryState, saved: Option<u64>, entry: NewCramp) -> u64 {
    diary.change(|d| {
        let updated = saved.is_some_and(|id| {
            d.diary.edit(id, |cramp| {
                cramp.seconds = entry.seconds;
                cramp.side = entry.side;
                cramp.helped = entry.helped.clone();
                cramp.woke = entry.woke;
            })
        });
        match saved {
            Some(id) if updated => id,
            _ => d.diary.add(entry),
        }
    })
}

// In the guide bundle (see `app::Bundle`).
#[cfg_attr(feature = "islands-cramp", island)]
#[cfg_attr(not(feature = "islands-cramp"), component)]
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
    // Picked up again after a reload or a closed tab: the title asks "Still cramping?".
    let resumed = RwSignal::new(false);
    // A hold found kept long after it was last seen, with how long it lasted at least.
    let left_running = RwSignal::new(None::<(KeptHold, u32)>);
    let left_saved = RwSignal::new(false);
    let cues = RwSignal::new(Cues::default());
    let heading = NodeRef::<leptos::html::H2>::new();
    let where_heading = NodeRef::<leptos::html::H2>::new();

    let guide = move || {
        chosen
            .get()
            .and_then(|i| guides.with_value(|g| g.get(i).cloned()))
    };
    let muscle = move || {
        chosen
            .get_untracked()
            .and_then(|i| guides.with_value(|g| g.get(i).map(|g| g.muscle)))
            .unwrap_or(Muscle::Calf)
    };

    // What the device keeps while the hold runs; nothing once it eased or was not a cramp.
    #[cfg(feature = "hydrate")]
    let kept = move || {
        let current = hold.get_untracked().filter(Hold::is_holding)?;
        Some(KeptHold {
            muscle: muscle(),
            hold: current,
            side: side.get_untracked(),
            saved: saved.get_untracked(),
            seen_ms: clock::now_ms() as f64,
        })
    };
    let keep = move || {
        #[cfg(feature = "hydrate")]
        browser::keep(kept());
    };

    // Writes what is known about this cramp to the diary: a new entry the first time it eases,
    // the same entry afterwards.
    let record = move || {
        let Some(current) = hold.get_untracked().filter(|h| !h.is_holding()) else {
            return;
        };
        let seconds = current.seconds(now.get_untracked());
        let entry = NewCramp {
            helped: helped.get_untracked(),
            woke: woke.get_untracked(),
            ..timed_cramp(muscle(), current, seconds, side.get_untracked())
        };
        saved.set(Some(put_in_diary(diary, saved.get_untracked(), entry)));
    };

    let begin = move |index: usize, started: Hold| {
        now.set(clock::now_ms() as f64);
        helped.set(Vec::new());
        woke.set(None);
        left_running.set(None);
        chosen.set(Some(index));
        hold.set(Some(started));
        keep();
    };
    let choose = move |index: usize| {
        side.set(None);
        saved.set(None);
        resumed.set(false);
        begin(index, Hold::start(clock::now_ms() as f64));
        #[cfg(feature = "hydrate")]
        browser::started(cues.get_untracked(), muscle());
    };
    // A hold found kept when the page opened.
    #[cfg(feature = "hydrate")]
    let found = move |found: super::hold::Found| match found {
        super::hold::Found::StillCramping(kept) => {
            let Some(index) = guides.with_value(|g| g.iter().position(|g| g.muscle == kept.muscle))
            else {
                return;
            };
            side.set(kept.side);
            saved.set(kept.saved);
            resumed.set(true);
            begin(index, kept.hold);
        }
        super::hold::Found::LeftRunning { kept, seconds } => {
            left_running.set(Some((kept, seconds)))
        }
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
        keep();
    };
    let tightened = move |_| {
        now.set(clock::now_ms() as f64);
        hold.update(|h| {
            if let Some(h) = h {
                h.tighten_again();
            }
        });
        keep();
        #[cfg(feature = "hydrate")]
        browser::started(cues.get_untracked(), muscle());
    };
    let finish = move || {
        hold.set(None);
        chosen.set(None);
        resumed.set(false);
        keep();
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
        keep();
    };
    let save_left_running = move |_| {
        let Some((kept, seconds)) = left_running.get_untracked() else {
            return;
        };
        let entry = timed_cramp(kept.muscle, kept.hold, seconds, kept.side);
        put_in_diary(diary, kept.saved, entry);
        left_running.set(None);
        left_saved.set(true);
        keep();
    };
    let forget_left_running = move |_| {
        left_running.set(None);
        keep();
    };

    #[cfg(feature = "hydrate")]
    browser::run(browser::Run {
        hold,
        now,
        cues,
        heading,
        where_heading,
        found,
        keep,
    });

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

    let seconds = move || hold.get().map_or(0, |h| h.seconds(now.get()));
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
    let which_leg = move || {
        view! {
            <fieldset class="choice-row">
                <legend>"Which leg? (if you like)"</legend>
                {side_buttons}
            </fieldset>
        }
    };

    // The count and what to tap next, kept together at the bottom of the screen within
    // thumb reach (style/main.css): "It has eased" while holding, "Done" once it has.
    let controls = move |holding: bool| {
        view! {
            <div class="hold-controls">
                <p class="hold-label">{if holding { "Holding for" } else { "It lasted" }}</p>
                <div class="hold-count" role="timer" aria-label=move || count_words(seconds())>
                    {move || count_text(seconds())}
                </div>
                {if holding {
                    view! {
                        <button type="button" class="button hold-primary" on:click=eased>"It has eased"</button>
                    }
                    .into_any()
                } else {
                    view! {
                        <div class="hold-actions">
                            <button type="button" class="button hold-primary" on:click=move |_| finish()>"Done"</button>
                            <button type="button" class="button button-quiet" on:click=tightened>"It tightened again"</button>
                            <button type="button" class="button button-quiet" on:click=undo>"Undo: not a cramp"</button>
                        </div>
                    }
                    .into_any()
                }}
            </div>
        }
    };

    let holding_view = move || {
        let g = guide()?;
        let holding = hold.get().is_some_and(|h| h.is_holding());
        let title = match (holding, resumed.get()) {
            (true, true) => format!("{}: still cramping?", g.muscle.label()),
            (true, false) => format!("{}: hold one gentle stretch", g.muscle.label()),
            (false, _) => format!("{}: it has eased", g.muscle.label()),
        };
        Some(view! {
            <h2 class="hold-title" tabindex="-1" node_ref=heading>{title}</h2>
            {move || warning().then(|| view! {
                <div class="notice long-cramp" role="alert">
                    <p><strong>"It has lasted more than 10 minutes. That is a warning sign."</strong></p>
                    <p>{long_cramp.get_value()}</p>
                    <p><a href="/help#cramp-over-10-minutes">"More about this sign"</a></p>
                </div>
            })}
            {if holding {
                view! {
                    {resumed.get().then(|| view! {
                        <p class="hint">"Counted from when you first tapped "{g.muscle.label()}". Keep holding, or tap It has eased."</p>
                    })}
                    <WaySteps way=g.in_bed.clone()/>
                    {controls(true)}
                    <p class="hint">"Stretch only the leg that hurts. Keep the stretch gentle and steady until the cramp lets go."</p>
                    {which_leg}
                    <WayPicture way=g.in_bed.clone()/>
                    <StandInstead way=g.standing.clone()/>
                    <button type="button" class="button button-quiet" on:click=move |_| finish()>"Cancel: not a cramp"</button>
                }
                .into_any()
            } else {
                view! {
                    <p class="saved" role="status">
                        {move || {
                            let lasted = hold.get().map_or(0, |h| h.seconds(now.get()));
                            match (saved.get(), diary.not_saved.get()) {
                                (_, Some(problem)) => problem,
                                (Some(_), None) => format!("Eased after {}. Saved in your diary.", format_duration(lasted)),
                                (None, None) => format!("Eased after {}.", format_duration(lasted)),
                            }
                        }}
                    </p>
                    {controls(false)}
                    {which_leg}
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
                    <p><a href="/diary">"Open your diary"</a></p>
                }
                .into_any()
            }}
        })
    };

    // A hold the page found kept long after it was last seen: the person decides.
    let left_running_view = move || {
        if left_saved.get() {
            return Some(
                view! { <p class="saved" role="status">"Saved in your diary."</p> }.into_any(),
            );
        }
        let (kept, seconds) = left_running.get()?;
        Some(view! {
            <div class="notice left-running" role="group" aria-labelledby="left-running-heading">
                <h2 id="left-running-heading">{format!("A cramp in your {} was left running", kept.muscle.in_words())}</h2>
                <p>{format!("The page was closed while you held it. It lasted at least {}.", format_duration(seconds))}</p>
                <div class="hold-actions">
                    <button type="button" class="button" on:click=save_left_running>"Save it in your diary"</button>
                    <button type="button" class="button button-quiet" on:click=forget_left_running>"Forget it"</button>
                </div>
            </div>
        }
        .into_any())
    };

    view! {
        <section class="cramp-hold" aria-label="Cramp now" data-status=move || status(hold.get())>
            <Show
                when=move || chosen.get().is_some()
                fallback=move || view! {
                    {left_running_view}
                    <h2 id="where-heading" tabindex="-1" node_ref=where_heading>"Where is the cramp?"</h2>
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
    //! The clock tick while holding, the hold kept on the device, cues (vibration, spoken
    //! words), focus and scrolling, the screen kept on.

    use super::{status, Hold, KeptHold};
    use crate::{
        clock,
        cramp::hold::{crossed, Found, SEEN_EVERY_SECONDS},
        device::{self, Key},
        diary::model::Muscle,
    };
    use guide_core::{browser as guide, Cues};
    use leptos::prelude::*;
    use std::time::Duration;

    /// Often enough that the seconds never lag visibly; the time itself comes from timestamps.
    const TICK: Duration = Duration::from_millis(250);

    #[derive(Clone, Copy)]
    pub struct Run<F, K> {
        pub hold: RwSignal<Option<Hold>>,
        pub now: RwSignal<f64>,
        pub cues: RwSignal<Cues>,
        pub heading: NodeRef<leptos::html::H2>,
        pub where_heading: NodeRef<leptos::html::H2>,
        /// What to do with a hold found kept when the page opens.
        pub found: F,
        /// Writes the running hold to the device.
        pub keep: K,
    }

    pub fn run<F, K>(run: Run<F, K>)
    where
        F: Fn(Found) + Copy + 'static,
        K: Fn() + Copy + 'static,
    {
        Effect::new(move |_| {
            run.cues.set(guide::load_cues());
            let kept = device::load::<Option<KeptHold>>(Key::Hold).flatten();
            if let Some(kept) = kept.and_then(|k| k.found(clock::now_ms() as f64)) {
                (run.found)(kept);
            }
        });
        let tick = set_interval_with_handle(
            move || {
                if run
                    .hold
                    .with_untracked(|h| h.is_some_and(|h| h.is_holding()))
                {
                    let at = clock::now_ms() as f64;
                    let before = run.now.get_untracked();
                    run.now.set(at);
                    // Note now and then that the page is still open: if it is closed, the cramp
                    // lasted at least until then.
                    let whole_seconds = |ms: f64| (ms / 1000.0) as u64;
                    if crossed(SEEN_EVERY_SECONDS, whole_seconds(before), whole_seconds(at)) {
                        (run.keep)();
                    }
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
            let current = run.hold.get().map_or((0, false), |h| {
                (h.seconds(run.now.get()), h.is_a_warning(run.now.get()))
            });
            if let Some((seconds, warned)) = previous {
                let chosen = run.cues.get_untracked();
                if current.1 && !warned {
                    cue(
                        chosen,
                        "It has lasted ten minutes. Read the warning on the screen.",
                    );
                } else if Hold::cue_due(seconds, current.0)
                    && run
                        .hold
                        .with_untracked(|h| h.is_some_and(|h| h.is_holding()))
                {
                    cue(chosen, "Keep holding, gently.");
                }
            }
            current
        });
        // Each time the hold starts, eases or ends (or comes back after a reload), its heading
        // takes focus and the top of the screen, so a screen reader says what comes next and the
        // controls sit within thumb reach; "Where is the cramp?" once a hold has ended, never
        // when the page loads. A heading about to be drawn is waited for: its node reference
        // runs this again once it is on the page.
        Effect::new(move |previous: Option<Focus>| {
            let mut focus = previous.unwrap_or_default();
            let current = status(run.hold.get());
            if current != focus.status {
                focus.status = current;
                focus.due = current != "choosing" || focus.hold_seen;
                focus.hold_seen |= current != "choosing";
            }
            let target: Option<web_sys::HtmlElement> = if current == "choosing" {
                run.where_heading.get().map(Into::into)
            } else {
                run.heading.get().map(Into::into)
            };
            if let Some(target) = target.filter(|t| focus.due && t.is_connected()) {
                bring_to_top(&target);
                focus.due = false;
            }
            focus
        });
        Effect::new(move |_| {
            guide::keep_awake(run.hold.with(|h| h.is_some_and(|h| h.is_holding())))
        });
    }

    /// Where focus goes next: to the heading of the status the hold is in, once it is drawn.
    struct Focus {
        status: &'static str,
        due: bool,
        hold_seen: bool,
    }

    impl Default for Focus {
        /// The page opens choosing, with nothing to move focus to.
        fn default() -> Self {
            Self {
                status: "choosing",
                due: false,
                hold_seen: false,
            }
        }
    }

    /// Scrolls `element` to the top of the screen and focuses it, without a smooth scroll that
    /// could make someone feel sick (and that the next render would interrupt).
    fn bring_to_top(element: &web_sys::HtmlElement) {
        element.scroll_into_view_with_bool(true);
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = element.focus_with_options(&options);
    }

    /// Writes the running hold to the device, or forgets it.
    pub fn keep(kept: Option<KeptHold>) {
        // Refused writes are kept and retried by `device`; the hold goes on on screen.
        let _ = device::store(Key::Hold, &kept);
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
            guide::say(words);
        }
    }
}
