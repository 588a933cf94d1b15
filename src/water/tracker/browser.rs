//! Where the tracker meets the browser: storage, the clock tick, notifications through the
//! service worker, and files in and out.

use super::state::{reminder_due, Water, GLASS_ML};
use crate::{
    bundle::{self, Bundle},
    clock::{now_ms, DeviceClock},
    device::{self, Key},
    push::{notice::Notice, PushDevice, ReminderKind},
    pwa::protocol::ToTracker,
};
use leptos::{prelude::*, wasm_bindgen::JsCast};
use std::time::Duration;
use wasm_bindgen::{closure::Closure, JsValue};

/// Often enough that the day rolls over and reminders come on time.
const TICK: Duration = Duration::from_secs(30);

/// The browser's answer about notifications, read once per question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Permission {
    Granted,
    Denied,
    Default,
    Unsupported,
}

impl Permission {
    fn parse(value: Option<String>) -> Self {
        match value.as_deref() {
            Some("granted") => Self::Granted,
            Some("denied") => Self::Denied,
            Some("default") => Self::Default,
            _ => Self::Unsupported,
        }
    }
}

/// Once the tracker has read storage: ask the browser to keep it, keep a server reminder alive,
/// log a glass asked for from a notification, and look for a reminder now.
pub fn after_reading(water: Water) {
    water.now.set(now_ms());
    keep_storage();
    keep_server_reminder();
    log_glass_from_address(water);
    tick(water);
}

/// The tracker's start (its store reads storage after hydration): keep time moving, and log a
/// glass asked for from a notification.
pub fn start(water: Water) {
    every_tick(move || tick(water));

    // The time the app last looked is only bookkeeping: kept in memory while the page is open,
    // saved when it is hidden so that reopening catches up on missed reminders, and only when
    // reminders are on (nothing else needs it).
    let hidden = window_event_listener_untyped("visibilitychange", move |_| {
        let hidden = document().visibility_state() == web_sys::VisibilityState::Hidden;
        let (reminding, looked) = water
            .store
            .data
            .with_untracked(|d| (d.reminders.enabled, d.last_checked_at));
        if hidden && reminding {
            water.change(|d| d.last_checked_at = d.last_checked_at.max(looked));
        }
    });
    on_cleanup(move || hidden.remove());

    if let Some(container) = web_sys::window().map(|w| w.navigator().service_worker()) {
        let on_message =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                let message = js_sys::JSON::stringify(&event.data())
                    .ok()
                    .and_then(|text| text.as_string())
                    .and_then(|text| serde_json::from_str::<ToTracker>(&text).ok());
                if let Some(ToTracker::LogGlass { ml }) = message {
                    water.add(ml.unwrap_or(GLASS_ML));
                }
            });
        let _ = container
            .add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
        // The tracker lives as long as the page.
        on_message.forget();
    }
}

/// A settings panel, once it has read storage: whether notifications are blocked. The tracker
/// does the reminding.
pub fn panel_after_reading(water: Water) {
    water.now.set(now_ms());
    water.blocked.set(
        permission() == Permission::Denied
            && water.store.data.with_untracked(|d| d.reminders.enabled),
    );
}

/// A settings panel's start: keep the clock its "next reminder" reads moving.
pub fn start_panel(water: Water) {
    every_tick(move || water.now.set(now_ms()));
}

/// Runs `step` every [`TICK`] while the island lives.
fn every_tick(step: impl Fn() + 'static) {
    let interval = set_interval_with_handle(step, TICK);
    on_cleanup(move || {
        if let Ok(handle) = interval {
            handle.clear();
        }
    });
}

fn tick(water: Water) {
    // Reminders are worked out from the stored data, not the defaults before it is read.
    if !water.store.ready.get_untracked() {
        return;
    }
    let at = now_ms();
    water.now.set(at);
    let due = water
        .store
        .data
        .with_untracked(|d| reminder_due(d, at, &DeviceClock));
    if due {
        water.change(|d| {
            d.last_checked_at = Some(at);
            d.last_reminded_at = Some(at);
        });
        if permission() == Permission::Granted {
            show_notification(water);
        } else {
            water.due.set(true);
        }
    } else {
        water
            .store
            .data
            .update_untracked(|d| d.last_checked_at = Some(at));
    }
}

/// `/water?log=250` comes from a notification's "Log a glass" when no tracker was open; a bare
/// `?log=` is one glass.
fn log_glass_from_address(water: Water) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let search = window.location().search().unwrap_or_default();
    let ml = web_sys::UrlSearchParams::new_with_str(&search)
        .ok()
        .and_then(|p| p.get("log"))
        .and_then(|v| {
            if v.is_empty() {
                Some(GLASS_ML)
            } else {
                v.parse::<u32>().ok()
            }
        });
    if let Some(ml) = ml {
        water.add(ml);
        // A reload must not log it twice.
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some("/water"));
        }
    }
}

fn notification_class() -> Option<JsValue> {
    let window = web_sys::window()?;
    js_sys::Reflect::get(&window, &"Notification".into())
        .ok()
        .filter(|v| !v.is_undefined())
}

fn permission() -> Permission {
    Permission::parse(
        notification_class()
            .and_then(|n| js_sys::Reflect::get(&n, &"permission".into()).ok())
            .and_then(|p| p.as_string()),
    )
}

/// Asks for permission (this runs from the person's tap), then turns reminders on either way:
/// without permission they show as a banner in the page.
pub fn ask_for_notifications(water: Water) {
    let request = notification_class().and_then(|n| {
        let function = js_sys::Reflect::get(&n, &"requestPermission".into()).ok()?;
        function.dyn_into::<js_sys::Function>().ok()?.call0(&n).ok()
    });
    leptos::task::spawn_local(async move {
        let answer = match request.and_then(|p| p.dyn_into::<js_sys::Promise>().ok()) {
            Some(promise) => Permission::parse(
                wasm_bindgen_futures::JsFuture::from(promise)
                    .await
                    .ok()
                    .and_then(|v| v.as_string()),
            ),
            None => Permission::Unsupported,
        };
        water.change(|d| {
            d.reminders.enabled = true;
            d.last_checked_at = Some(now_ms());
        });
        water.blocked.set(answer != Permission::Granted);
    });
}

/// Through the service worker's registration (`new Notification()` throws on Android). When it
/// can't be shown, the reminder shows as the banner in the page instead.
fn show_notification(water: Water) {
    leptos::task::spawn_local(async move {
        if notify().await.is_err() {
            water.due.set(true);
        }
    });
}

async fn notify() -> Result<(), JsValue> {
    let container = web_sys::window()
        .ok_or(JsValue::NULL)?
        .navigator()
        .service_worker();
    if container.controller().is_none() {
        return Err(JsValue::NULL);
    }
    let registration = wasm_bindgen_futures::JsFuture::from(container.ready()?).await?;
    // The same notice a push from the server shows.
    let notice = Notice::for_kind(ReminderKind::Water);
    let options =
        js_sys::JSON::parse(&serde_json::to_string(&notice.options).map_err(|_| JsValue::NULL)?)?;
    let show = js_sys::Reflect::get(&registration, &"showNotification".into())?
        .dyn_into::<js_sys::Function>()?;
    let shown = show.call2(&registration, &notice.title.into(), &options)?;
    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(shown)).await?;
    Ok(())
}

/// A server reminder that is on is re-sent each time the app opens, or the server forgets it
/// after `push::UNSEEN_DAYS`: the reminders panel does that as it wakes, so it wakes now, closed.
fn keep_server_reminder() {
    let on = device::load::<PushDevice>(Key::Push)
        .is_some_and(|kept| kept.get(ReminderKind::Water).is_some());
    if on {
        bundle::wake(Bundle::WaterSettings);
    }
}

/// Asks the browser not to clear this site's storage under pressure; it may say no.
fn keep_storage() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(manager) = js_sys::Reflect::get(&window.navigator(), &"storage".into()) else {
        return;
    };
    if let Ok(persist) = js_sys::Reflect::get(&manager, &"persist".into())
        .and_then(|f| f.dyn_into::<js_sys::Function>())
    {
        let _ = persist.call0(&manager);
    }
}
