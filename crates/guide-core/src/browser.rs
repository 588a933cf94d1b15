//! The browser side of a guide's cues, in one place for every guide page: the cue choices kept on
//! the device, vibration, a soft tone, spoken words and the screen kept awake. Plain web-sys, so
//! the guide client and the Leptos islands use the same code.

use crate::{Cues, CUES_KEY};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    static AUDIO: RefCell<Option<web_sys::AudioContext>> = const { RefCell::new(None) };
    static WAKE_LOCK: RefCell<WakeLock> = const { RefCell::new(WakeLock::Released) };
}

/// The screen wake lock as this page holds it.
enum WakeLock {
    Released,
    /// Asked for; the browser has not answered yet.
    Pending,
    /// Held: the browser's sentinel, which releases it.
    Held(JsValue),
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The person's cue choices, or the defaults when none are kept (or they can't be read).
pub fn load_cues() -> Cues {
    storage()
        .and_then(|s| s.get_item(CUES_KEY).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Remembers the choice; if the browser refuses, it still applies while the page is open
/// (a sound setting is not worth an alarm at 3 a.m.).
pub fn store_cues(cues: Cues) {
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(&cues)) {
        let _ = storage.set_item(CUES_KEY, &text);
    }
}

/// Browsers only allow sound that a tap started: make the audio context during one.
pub fn prepare_sound() {
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

/// A short, quiet tone that fades out: a signal, not an alarm.
pub fn tone() {
    prepare_sound();
    AUDIO.with_borrow(|audio| {
        if let Some(context) = audio {
            let _ = soft_tone(context);
        }
    });
}

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

/// Speaks with the device's own voices, which work offline; quietly, a little slowly.
pub fn say(words: &str) {
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

/// Holds or releases the Screen Wake Lock where the browser has one. web-sys only offers it
/// behind an unstable flag, so it is called through JavaScript reflection.
pub fn keep_awake(awake: bool) {
    let held = WAKE_LOCK.with_borrow(|lock| !matches!(lock, WakeLock::Released));
    if awake == held {
        return;
    }
    if !awake {
        if let WakeLock::Held(sentinel) = WAKE_LOCK.replace(WakeLock::Released) {
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
    // Pending now, so a second call doesn't ask twice.
    WAKE_LOCK.set(WakeLock::Pending);
    wasm_bindgen_futures::spawn_local(async move {
        let answer = wasm_bindgen_futures::JsFuture::from(promise).await;
        WAKE_LOCK.with_borrow_mut(|lock| match (answer, &*lock) {
            (Ok(sentinel), WakeLock::Pending) => *lock = WakeLock::Held(sentinel),
            // Released while the request was pending.
            (Ok(sentinel), _) => {
                call(&sentinel, "release", &JsValue::from_str(""));
            }
            (Err(_), _) => *lock = WakeLock::Released,
        });
    });
}

/// The browser drops a wake lock when the page is hidden: forget it, so the next
/// `keep_awake(true)` asks again.
pub fn wake_lock_lost() {
    WAKE_LOCK.set(WakeLock::Released);
}

/// Calls `target[method](argument)`; None when there is no such method or it throws.
fn call(target: &JsValue, method: &str, argument: &JsValue) -> Option<JsValue> {
    let function = js_sys::Reflect::get(target, &method.into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    function.call1(target, argument).ok()
}
