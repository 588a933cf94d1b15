//! The guided timer: a large countdown, sides and repetitions, start, pause, skip and restart,
//! with an optional sound and vibration at each change and the screen kept awake while it runs.
//! A stretch's or a routine's guide uses it; Cramp now shares its cues, vibration and wake lock.

use super::timer::{format_clock, Plan, PlanStep, Status, Timer};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One stretch of a guide: how to time it, and the words and drawing shown while it plays.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GuideStep {
    pub slug: String,
    pub timing: PlanStep,
    pub instructions: Vec<String>,
    /// Inline SVG, rendered into the page from the island's props (never part of the WASM).
    pub picture: String,
    pub picture_alt: String,
}

/// Whether a change of hold or side beeps, vibrates, or both; kept on the device.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Cues {
    pub sound: bool,
    pub vibrate: bool,
    /// Cramp now's spoken guidance (the device's own voices, which work offline).
    pub speech: bool,
}

impl Default for Cues {
    /// Vibration on, sound and speech off: at night a sound can wake someone else.
    fn default() -> Self {
        Self {
            sound: false,
            vibrate: true,
            speech: false,
        }
    }
}

/// One cue's checkbox; a change is kept on the device at once. Cramp now uses it too.
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
                    store_cues(cues.get_untracked());
                }
            />
            {label}
        </label>
    }
}

/// A stretch page's or a routine's guide.
// In the guide bundle (see `app::Bundle`).
#[cfg_attr(feature = "islands-guide", island)]
#[cfg_attr(not(feature = "islands-guide"), component)]
pub fn StretchGuide(steps: Vec<GuideStep>, rest_between: u16, show_details: bool) -> impl IntoView {
    view! { <GuidePlayer steps rest_between show_details/> }
}

/// What the main button does next, and what it says.
fn primary_action(status: Status) -> &'static str {
    match status {
        Status::Idle => "Start",
        Status::Running => "Pause",
        Status::Paused => "Resume",
        Status::Finished => "Start again",
    }
}

fn status_name(status: Status) -> &'static str {
    match status {
        Status::Idle => "idle",
        Status::Running => "running",
        Status::Paused => "paused",
        Status::Finished => "finished",
    }
}

#[component]
fn GuidePlayer(steps: Vec<GuideStep>, rest_between: u16, show_details: bool) -> impl IntoView {
    let timings: Vec<PlanStep> = steps.iter().map(|s| s.timing.clone()).collect();
    let plan = Plan::new(&timings, rest_between);
    let total = plan.total_ms();
    let segment_count = plan.segments().len();
    let timer = RwSignal::new(Timer::new(plan));
    let steps = StoredValue::new(steps);
    let step_count = steps.with_value(Vec::len);
    // The clock as last read; it only moves while the timer runs.
    let now = RwSignal::new(0.0_f64);
    let snapshot = Memo::new(move |_| timer.with(|t| t.snapshot(now.get())));
    let cues = RwSignal::new(Cues::default());

    #[cfg(feature = "hydrate")]
    browser::run(timer, now, snapshot, cues);

    let read_clock = move || {
        #[cfg(feature = "hydrate")]
        now.set(browser::now());
        now.get_untracked()
    };
    let on_primary = move |_| {
        #[cfg(feature = "hydrate")]
        if cues.get_untracked().sound {
            browser::prepare_cues();
        }
        let at = read_clock();
        timer.update(|t| match t.snapshot(at).status {
            Status::Idle | Status::Finished => t.start(at),
            Status::Running => t.pause(at),
            Status::Paused => t.resume(at),
        });
    };
    let on_skip = move |_| {
        let at = read_clock();
        timer.update(|t| t.skip(at));
    };
    let on_next_stretch = move |_| {
        let at = read_clock();
        timer.update(|t| t.skip_to_next_step(at));
    };
    let on_restart = move |_| timer.update(Timer::restart);

    // The stretch playing now (the last one once finished).
    let current_step = move || {
        let segment = snapshot.get().segment.min(segment_count.saturating_sub(1));
        timer.with(|t| t.plan().segments().get(segment).map_or(0, |s| s.step))
    };
    let step_field = move |read: fn(&GuideStep) -> String| {
        move || steps.with_value(|s| s.get(current_step()).map(read).unwrap_or_default())
    };
    // Routines and Cramp now show which stretch is playing above the timer, and how to do it
    // below, so the countdown is on screen the moment it starts.
    let heading_view = show_details.then(|| {
        view! {
            <h2 class="guide-title">
                {step_field(|s| s.timing.title.clone())}
            </h2>
            {(step_count > 1).then(|| view! {
                <p class="guide-count">{move || format!("Stretch {} of {step_count}", current_step() + 1)}</p>
            })}
        }
    });
    let how_to = show_details.then(|| {
        view! {
            <div
                class="illustration"
                role="img"
                aria-label=step_field(|s| s.picture_alt.clone())
                inner_html=step_field(|s| s.picture.clone())
            ></div>
            <ol class="steps">
                {move || {
                    steps.with_value(|s| {
                        s.get(current_step())
                            .map(|step| step.instructions.clone())
                            .unwrap_or_default()
                            .into_iter()
                            .map(|line| view! { <li>{line}</li> })
                            .collect_view()
                    })
                }}
            </ol>
        }
    });

    view! {
        <section class="guide" aria-label="Timer" data-status=move || status_name(snapshot.get().status)>
            {heading_view}
            <p class="guide-label" aria-live="polite">
                {move || timer.with(|t| t.plan().label(snapshot.get().segment))}
            </p>
            <div class="countdown" role="timer" aria-label="Time left">
                {move || format_clock(snapshot.get().remaining_ms)}
            </div>
            <p class="guide-total">
                {move || format!("{} left of {}", format_clock(snapshot.get().total_remaining_ms), format_clock(total))}
            </p>
            <div class="guide-controls">
                <button type="button" class="button guide-primary" on:click=on_primary>
                    {move || primary_action(snapshot.get().status)}
                </button>
                <button type="button" class="button button-quiet" on:click=on_skip>"Skip"</button>
                {(step_count > 1).then(|| view! {
                    <button type="button" class="button button-quiet" on:click=on_next_stretch>"Next stretch"</button>
                })}
                <button type="button" class="button button-quiet" on:click=on_restart>"Restart"</button>
            </div>
            {how_to}
            <fieldset class="guide-cues">
                <legend>"At each change"</legend>
                <CueToggle cues label="Sound" cue=|c| &mut c.sound />
                <CueToggle cues label="Vibrate" cue=|c| &mut c.vibrate />
            </fieldset>
        </section>
    }
}

#[cfg(feature = "hydrate")]
pub use browser::{keep_awake, load_cues, store_cues, vibrate};

#[cfg(feature = "hydrate")]
mod browser {
    //! The browser side: the clock, the storage of cue choices, sound, vibration, wake lock.

    use super::Cues;
    use crate::{
        device::{self, Key},
        stretches::timer::{Snapshot, State, Status, Timer},
    };
    use leptos::{prelude::*, wasm_bindgen::JsCast};
    use std::{cell::RefCell, time::Duration};
    use wasm_bindgen::JsValue;

    /// Often enough that the seconds never visibly lag; the time itself comes from timestamps.
    const TICK: Duration = Duration::from_millis(200);

    thread_local! {
        static AUDIO: RefCell<Option<web_sys::AudioContext>> = const { RefCell::new(None) };
        static WAKE_LOCK: RefCell<Option<JsValue>> = const { RefCell::new(None) };
    }

    pub fn now() -> f64 {
        js_sys::Date::now()
    }

    pub fn load_cues() -> Cues {
        device::load(Key::Cues).unwrap_or_default()
    }

    /// Remembers the choice; if the browser refuses, it still applies while the page is open
    /// (a sound setting is not worth an alarm at 3 a.m.).
    pub fn store_cues(cues: Cues) {
        let _ = device::store(Key::Cues, &cues);
    }

    /// Wires a player to the browser once hydrated: cue choices, the ticking clock, a cue at
    /// each change, the wake lock.
    pub fn run(
        timer: RwSignal<Timer>,
        clock: RwSignal<f64>,
        snapshot: Memo<Snapshot>,
        cues: RwSignal<Cues>,
    ) {
        Effect::new(move |_| cues.set(load_cues()));

        let tick = set_interval_with_handle(
            move || {
                // The clock only needs to move while the timer runs.
                if timer.with_untracked(|t| matches!(t.state(), State::Running { .. })) {
                    clock.set(now());
                }
            },
            TICK,
        );
        on_cleanup(move || {
            if let Ok(handle) = tick {
                handle.clear();
            }
            keep_awake(false);
        });

        Effect::new(move |previous: Option<Snapshot>| {
            let current = snapshot.get();
            if previous.is_some_and(|p| current.advanced_since(&p)) {
                cue(cues.get_untracked());
            }
            current
        });

        Effect::new(move |_| keep_awake(snapshot.get().status == Status::Running));
        // The browser drops a wake lock when the page is hidden; take it again on return.
        let visibility = window_event_listener_untyped("visibilitychange", move |_| {
            let visible = document().visibility_state() == web_sys::VisibilityState::Visible;
            if visible && snapshot.get_untracked().status == Status::Running {
                WAKE_LOCK.with_borrow_mut(|lock| *lock = None);
                keep_awake(true);
            }
        });
        on_cleanup(move || visibility.remove());
    }

    /// Browsers only allow sound that a tap started: make the audio context during one.
    pub fn prepare_cues() {
        AUDIO.with_borrow_mut(|audio| {
            if audio.is_none() {
                *audio = web_sys::AudioContext::new().ok();
            }
            if let Some(context) = audio {
                let _ = context.resume();
            }
        });
    }

    /// One short buzz, where the phone can.
    pub fn vibrate() {
        if let Some(window) = web_sys::window() {
            let _ = window.navigator().vibrate_with_duration(200);
        }
    }

    fn cue(cues: Cues) {
        if cues.vibrate {
            vibrate();
        }
        if cues.sound {
            prepare_cues();
            AUDIO.with_borrow(|audio| {
                if let Some(context) = audio {
                    let _ = soft_tone(context);
                }
            });
        }
    }

    /// A short, quiet tone that fades out: a signal, not an alarm.
    fn soft_tone(context: &web_sys::AudioContext) -> Result<(), JsValue> {
        let oscillator = context.create_oscillator()?;
        let gain = context.create_gain()?;
        let start = context.current_time();
        oscillator.frequency().set_value(660.0);
        gain.gain().set_value_at_time(0.12, start)?;
        gain.gain()
            .exponential_ramp_to_value_at_time(0.001, start + 0.35)?;
        oscillator.connect_with_audio_node(&gain)?;
        gain.connect_with_audio_node(&context.destination())?;
        oscillator.start()?;
        oscillator.stop_with_when(start + 0.35)?;
        Ok(())
    }

    /// Holds or releases the Screen Wake Lock where the browser has one. web-sys only offers it
    /// behind an unstable flag, so it is called through JavaScript reflection.
    pub fn keep_awake(awake: bool) {
        let held = WAKE_LOCK.with_borrow(Option::is_some);
        if awake == held {
            return;
        }
        if !awake {
            if let Some(sentinel) = WAKE_LOCK.with_borrow_mut(Option::take) {
                call(&sentinel, "release", &JsValue::from_str(""));
            }
            return;
        }
        let Some(window) = web_sys::window() else {
            return;
        };
        let Ok(wake_lock) = js_sys::Reflect::get(&window.navigator(), &"wakeLock".into()) else {
            return;
        };
        if wake_lock.is_undefined() {
            return;
        }
        let Some(request) = call(&wake_lock, "request", &JsValue::from_str("screen")) else {
            return;
        };
        let Ok(promise) = request.dyn_into::<js_sys::Promise>() else {
            return;
        };
        // Marks the lock as wanted now, so a second call doesn't ask twice.
        WAKE_LOCK.with_borrow_mut(|lock| *lock = Some(JsValue::NULL));
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(sentinel) => WAKE_LOCK.with_borrow_mut(|lock| {
                    if lock.is_some() {
                        *lock = Some(sentinel);
                    } else {
                        // Released while the request was pending.
                        call(&sentinel, "release", &JsValue::from_str(""));
                    }
                }),
                Err(_) => WAKE_LOCK.with_borrow_mut(|lock| *lock = None),
            }
        });
    }

    /// Calls `target[method](argument)`; None when there is no such method or it throws.
    fn call(target: &JsValue, method: &str, argument: &JsValue) -> Option<JsValue> {
        let function = js_sys::Reflect::get(target, &method.into())
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()?;
        function.call1(target, argument).ok()
    }
}
