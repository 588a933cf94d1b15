//! The switch in the browser: the Push API and the service worker through `js_sys` (so a
//! test's stand-in push manager works too), device storage, and the server functions.

use super::switch::Switch;
use super::*;
use crate::device::{self, Key};
use crate::error::ApiError;
use crate::push::{
    api::{change_reminders, forget_reminders, send_test_reminder, subscribe_reminders},
    PushDevice, PushSubscription, Registration,
};
use js_sys::{Array, Function, Object, Promise, Reflect};
use leptos::{prelude::*, task::spawn_local};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn get(target: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(target, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

fn call(target: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let function = Reflect::get(target, &JsValue::from_str(name))?.dyn_into::<Function>()?;
    function.apply(target, &args.iter().collect::<Array>())
}

/// Awaits a promise (or takes a plain value as it is).
async fn settle(value: JsValue) -> Result<JsValue, JsValue> {
    JsFuture::from(Promise::resolve(&value)).await
}

fn window() -> JsValue {
    web_sys::window()
        .map(JsValue::from)
        .unwrap_or(JsValue::NULL)
}

fn navigator() -> JsValue {
    get(&window(), "navigator").unwrap_or(JsValue::NULL)
}

/// "AbortError: Registration failed", for the status line.
fn describe(error: &JsValue) -> String {
    let name = get(error, "name").and_then(|v| v.as_string());
    let message = get(error, "message").and_then(|v| v.as_string());
    let detail = match (name, message) {
        (Some(name), Some(message)) => format!("{name}: {message}"),
        (None, Some(text)) | (Some(text), None) => text,
        (None, None) => error.as_string().unwrap_or_default(),
    };
    format!("This browser could not set up reminders ({detail}). Try again later, or use the calendar file.")
}

fn permission() -> Permission {
    Permission::parse(
        get(&window(), "Notification")
            .and_then(|n| get(&n, "permission"))
            .and_then(|p| p.as_string())
            .as_deref(),
    )
}

fn capabilities(server_sends: bool) -> Capabilities {
    let navigator = navigator();
    let user_agent = get(&navigator, "userAgent")
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    let touch = get(&navigator, "maxTouchPoints")
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0) as u32;
    let display_standalone = web_sys::window()
        .and_then(|w| w.match_media("(display-mode: standalone)").ok().flatten())
        .is_some_and(|query| query.matches());
    let safari_standalone = get(&navigator, "standalone")
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    Capabilities {
        server_sends,
        apple_mobile: is_apple_mobile(&user_agent, touch),
        standalone: display_standalone || safari_standalone,
        push_manager: get(&window(), "PushManager").is_some(),
        service_worker: get(&navigator, "serviceWorker").is_some(),
        permission: permission(),
    }
}

async fn request_permission() -> Permission {
    let Some(notification) = get(&window(), "Notification") else {
        return Permission::Unsupported;
    };
    match call(&notification, "requestPermission", &[]) {
        Ok(answer) => Permission::parse(
            settle(answer)
                .await
                .ok()
                .and_then(|v| v.as_string())
                .as_deref(),
        ),
        Err(_) => Permission::Unsupported,
    }
}

fn time_zone() -> String {
    let format = js_sys::Intl::DateTimeFormat::new(&Array::new(), &Object::new());
    get(&format.resolved_options(), "timeZone")
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| "UTC".into())
}

/// The push manager of this page's service worker registration: `ready` (waits for the
/// worker to be active) when turning on, the current one (or none) when looking.
async fn push_manager(wait_for_worker: bool) -> Result<Option<JsValue>, JsValue> {
    let Some(container) = get(&navigator(), "serviceWorker") else {
        return Ok(None);
    };
    let registration = if wait_for_worker {
        settle(get(&container, "ready").unwrap_or(JsValue::NULL)).await?
    } else {
        settle(call(&container, "getRegistration", &[])?).await?
    };
    Ok(get(&registration, "pushManager"))
}

async fn current_subscription() -> Option<JsValue> {
    let manager = push_manager(false).await.ok()??;
    let subscription = settle(call(&manager, "getSubscription", &[]).ok()?)
        .await
        .ok()?;
    (!subscription.is_null() && !subscription.is_undefined()).then_some(subscription)
}

fn subscription_json(subscription: &JsValue) -> Result<PushSubscription, String> {
    let json = call(subscription, "toJSON", &[])
        .and_then(|value| js_sys::JSON::stringify(&value).map(JsValue::from))
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(|| "This browser gave no push address.".to_string())?;
    serde_json::from_str(&json)
        .map_err(|_| "This browser gave a push address without its keys.".to_string())
}

async fn subscribe(key: &str) -> Result<PushSubscription, String> {
    let manager = push_manager(true)
        .await
        .map_err(|e| describe(&e))?
        .ok_or_else(|| blocker_text(Blocker::NoPush).to_string())?;
    let options = Object::new();
    let _ = Reflect::set(&options, &"userVisibleOnly".into(), &JsValue::TRUE);
    // The Push API takes the key as the base64url text the server gives.
    let _ = Reflect::set(&options, &"applicationServerKey".into(), &key.into());
    let attempt =
        || async { settle(call(&manager, "subscribe", &[options.clone().into()])?).await };
    let subscription = match attempt().await {
        Ok(subscription) => subscription,
        // A subscription for another server key (the server's key was replaced): drop it
        // and subscribe again.
        Err(first) => match current_subscription().await {
            Some(old) => {
                if let Ok(done) = call(&old, "unsubscribe", &[]) {
                    let _ = settle(done).await;
                }
                attempt().await.map_err(|e| describe(&e))?
            }
            None => return Err(describe(&first)),
        },
    };
    subscription_json(&subscription)
}

async fn unsubscribe() {
    if let Some(subscription) = current_subscription().await {
        if let Ok(done) = call(&subscription, "unsubscribe", &[]) {
            let _ = settle(done).await;
        }
    }
}

/// What this device keeps, or the defaults.
pub fn stored() -> PushDevice {
    device::load(Key::Push).unwrap_or_default()
}

/// Changes what this device keeps, starting from the newest stored copy.
pub fn update(edit: impl FnOnce(&mut PushDevice)) -> Result<(), String> {
    let mut kept = stored();
    edit(&mut kept);
    device::store(Key::Push, &kept).map_err(|err| err.to_string())
}

fn remember(switch: Switch, registration: Option<Registration>) {
    switch.held.set_value(registration.clone());
    if let Err(err) = update(|device| device.set(switch.kind, registration)) {
        switch.said.set(err);
    }
}

/// The schedule as the server should have it now.
fn schedule(switch: Switch) -> Schedule {
    switch.schedule.get_untracked()
}

fn now_on(switch: Switch, schedule: Schedule, next_at_ms: Option<i64>) {
    switch.sent.set_value(Some(schedule));
    switch.phase.set(Phase::On { next_at_ms });
}

/// After hydration: what this browser can do, and whether this kind is on (re-sent to the
/// server, silently).
pub fn open(switch: Switch, server_sends: bool) {
    let can = capabilities(server_sends);
    let registration = stored().get(switch.kind).cloned();
    switch.blocked.set(blocker(&can));
    switch.held.set_value(registration.clone());
    spawn_local(async move {
        let subscription = match registration {
            Some(_) if can.push_manager && can.service_worker => current_subscription().await,
            _ => None,
        };
        // Blocked notifications show nothing: the server's row is of no use.
        let subscription = subscription.filter(|_| can.permission != Permission::Denied);
        match (
            on_open(registration.is_some(), subscription.is_some()),
            registration,
        ) {
            (OnOpen::Resend, Some(registration)) => {
                let Some(Ok(json)) = subscription.as_ref().map(subscription_json) else {
                    return switch.phase.set(Phase::Off);
                };
                switch.phase.set(Phase::On { next_at_ms: None });
                let schedule = schedule(switch);
                match subscribe_reminders(json, schedule, time_zone(), Some(registration)).await {
                    Ok(done) => {
                        remember(switch, Some(done.registration));
                        now_on(switch, schedule, done.next_at_ms);
                    }
                    // Offline: it stays on; the next opening re-sends.
                    Err(err) if err.is_unreachable() => {
                        switch.sent.set_value(Some(schedule));
                    }
                    Err(err) => {
                        switch.phase.set(Phase::Off);
                        switch.said.set(err.message);
                    }
                }
            }
            (OnOpen::Forget, Some(registration)) => {
                remember(switch, None);
                switch.phase.set(Phase::Off);
                let _ = forget_reminders(registration).await;
                if !stored().in_use() {
                    unsubscribe().await;
                }
            }
            _ => switch.phase.set(Phase::Off),
        }
    });
}

/// From the person's tap: permission, the browser's subscription, then the server.
pub fn turn_on(switch: Switch, key: String) {
    switch.phase.set(Phase::TurningOn);
    switch.said.set(String::new());
    spawn_local(async move {
        match request_permission().await {
            Permission::Granted => {}
            Permission::Denied => {
                switch.blocked.set(Some(Blocker::Denied));
                return switch.phase.set(Phase::Off);
            }
            Permission::Unsupported => {
                switch.blocked.set(Some(Blocker::NoPush));
                return switch.phase.set(Phase::Off);
            }
            Permission::Default => {
                switch.said.set(
                    "Notifications were not allowed, so reminders stay off. Turn the switch on again to be asked again."
                        .into(),
                );
                return switch.phase.set(Phase::Off);
            }
        }
        let subscription = match subscribe(&key).await {
            Ok(subscription) => subscription,
            Err(message) => {
                switch.said.set(message);
                return switch.phase.set(Phase::Off);
            }
        };
        let schedule = schedule(switch);
        let earlier = stored().get(switch.kind).cloned();
        match subscribe_reminders(subscription, schedule, time_zone(), earlier).await {
            Ok(done) => {
                remember(switch, Some(done.registration));
                now_on(switch, schedule, done.next_at_ms);
            }
            Err(err) => {
                switch.said.set(err.message);
                switch.phase.set(Phase::Off);
                if !stored().in_use() {
                    unsubscribe().await;
                }
            }
        }
    });
}

/// Deletes the server's row, then this device's record; the browser's subscription goes
/// when no kind uses it any more.
pub fn turn_off(switch: Switch) {
    let was = switch.phase.get_untracked();
    switch.phase.set(Phase::TurningOff);
    switch.said.set(String::new());
    spawn_local(async move {
        if let Some(registration) = switch.held.get_value() {
            match forget_reminders(registration).await {
                // 404: the server had already deleted it.
                Ok(()) => {}
                Err(ApiError { status: 404, .. }) => {}
                Err(err) => {
                    switch.said.set(err.message);
                    return switch.phase.set(was);
                }
            }
        }
        remember(switch, None);
        switch.sent.set_value(None);
        if !stored().in_use() {
            unsubscribe().await;
        }
        switch.phase.set(Phase::Off);
        switch
            .said
            .set("Off. The server has deleted what it kept for these reminders.".into());
    });
}

/// A new schedule while on.
pub fn change(switch: Switch, schedule: Schedule) {
    let Some(registration) = switch.held.get_value() else {
        return;
    };
    switch.sent.set_value(Some(schedule));
    spawn_local(async move {
        match change_reminders(registration, schedule, time_zone()).await {
            Ok(done) => {
                remember(switch, Some(done.registration));
                if matches!(switch.phase.get_untracked(), Phase::On { .. }) {
                    switch.phase.set(Phase::On {
                        next_at_ms: done.next_at_ms,
                    });
                }
                switch.said.set(String::new());
            }
            Err(err) => switch.said.set(err.message),
        }
    });
}

pub fn send_test(switch: Switch) {
    let Some(registration) = switch.held.get_value() else {
        return;
    };
    switch.said.set("Sending a test reminder\u{2026}".into());
    spawn_local(async move {
        match send_test_reminder(registration).await {
            Ok(()) => switch
                .said
                .set("A test reminder is on its way. It should show within a minute.".into()),
            Err(err) => switch.said.set(err.message),
        }
    });
}
