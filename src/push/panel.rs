//! The switch that turns push reminders on and off, on /water (the tracker's schedule) and on the
//! bedtime routine (one reminder a night), with the note on what the server keeps.
//!
//! What the switch shows is decided by plain functions here (which state, which reason push
//! can't work, the words); `browser` (hydrate only) is where it meets the push service, the
//! service worker, device storage and the server functions in [`super::api`].

use super::{Registration, ReminderKind, Schedule, UNSEEN_DAYS};
use crate::clock::{hhmm, LocalDate, LocalDateTime};
use serde::{Deserialize, Serialize};

#[cfg(any(feature = "ssr", feature = "hydrate"))]
pub use view::*;

/// The bedtime reminder's time until the person picks one: 22:00.
pub const DEFAULT_BEDTIME: u16 = 22 * 60;

/// What this device keeps about push reminders (`device::Key::Push`): each kind's registration
/// with the server, and the bedtime reminder's time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PushDevice {
    pub water: Option<Registration>,
    pub bedtime: Option<Registration>,
    /// Minute of the day.
    pub bedtime_at: u16,
}

impl Default for PushDevice {
    fn default() -> Self {
        Self {
            water: None,
            bedtime: None,
            bedtime_at: DEFAULT_BEDTIME,
        }
    }
}

impl PushDevice {
    pub fn get(&self, kind: ReminderKind) -> Option<&Registration> {
        match kind {
            ReminderKind::Water => self.water.as_ref(),
            ReminderKind::Bedtime => self.bedtime.as_ref(),
        }
    }

    pub fn set(&mut self, kind: ReminderKind, registration: Option<Registration>) {
        match kind {
            ReminderKind::Water => self.water = registration,
            ReminderKind::Bedtime => self.bedtime = registration,
        }
    }

    /// Whether any kind still uses this browser's push subscription: when none does, it is
    /// unsubscribed.
    pub fn in_use(&self) -> bool {
        ReminderKind::ALL
            .into_iter()
            .any(|kind| self.get(kind).is_some())
    }

    /// A stored time that is not a minute of the day reads as the default.
    pub fn bedtime(&self) -> u16 {
        if self.bedtime_at < crate::clock::MINUTES_PER_DAY {
            self.bedtime_at
        } else {
            DEFAULT_BEDTIME
        }
    }
}

/// The browser's answer about notifications.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    Granted,
    Denied,
    /// Not asked yet, or the question was dismissed.
    Default,
    Unsupported,
}

impl Permission {
    pub fn parse(value: Option<&str>) -> Self {
        match value {
            Some("granted") => Self::Granted,
            Some("denied") => Self::Denied,
            Some("default") => Self::Default,
            _ => Self::Unsupported,
        }
    }
}

/// What the browser and the server offer, read once after hydration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capabilities {
    /// The server gave its VAPID public key: it sends reminders.
    pub server_sends: bool,
    /// An iPhone or iPad (iPadOS says it is a Mac, with a touch screen).
    pub apple_mobile: bool,
    /// Opened from the home screen (`display-mode: standalone`, or Safari's `navigator.standalone`).
    pub standalone: bool,
    pub push_manager: bool,
    pub service_worker: bool,
    pub permission: Permission,
}

/// Why push reminders can't work here; the switch says it and offers the calendar file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocker {
    /// This server was started without push (no VAPID key).
    NoServer,
    /// iOS and iPadOS only let a web app added to the Home Screen receive pushes.
    NeedsHomeScreen,
    /// No Push API or no service worker in this browser.
    NoPush,
    /// Notifications are blocked for this site.
    Denied,
}

/// The first reason push can't work, most basic first: without a server nothing else matters,
/// and Safari on an iPhone lacks the Push API only because the app is not on the Home Screen.
pub fn blocker(can: &Capabilities) -> Option<Blocker> {
    if !can.server_sends {
        Some(Blocker::NoServer)
    } else if can.apple_mobile && !can.standalone {
        Some(Blocker::NeedsHomeScreen)
    } else if !can.push_manager || !can.service_worker || can.permission == Permission::Unsupported
    {
        Some(Blocker::NoPush)
    } else if can.permission == Permission::Denied {
        Some(Blocker::Denied)
    } else {
        None
    }
}

/// An iPhone, iPad or iPod from its user agent; iPadOS reports a Mac, told apart by its touch
/// screen (`navigator.maxTouchPoints`).
pub fn is_apple_mobile(user_agent: &str, max_touch_points: u32) -> bool {
    ["iPhone", "iPad", "iPod"]
        .iter()
        .any(|device| user_agent.contains(device))
        || (user_agent.contains("Macintosh") && max_touch_points > 1)
}

/// What the switch says when push can't work: why, what to do, and the way that still works.
pub fn blocker_text(blocker: Blocker) -> &'static str {
    match blocker {
        Blocker::NoServer => {
            "This server does not send reminders. Use the calendar file below instead: your phone's calendar rings even when the app is closed."
        }
        Blocker::NeedsHomeScreen => {
            "On an iPhone or iPad, reminders only reach the app on your Home Screen. Add it first: in Safari, tap the Share button, then \u{201c}Add to Home Screen\u{201d}, and open Leg Relief from there. Or use the calendar file below."
        }
        Blocker::NoPush => {
            "This browser can't receive reminders while the app is closed. Use the calendar file below instead, or open this page in a browser that can (Chrome, Firefox, Edge or Safari)."
        }
        Blocker::Denied => {
            "Notifications are blocked for this app, so reminders can't show. To allow them, open the site settings (the icon beside the address, or the app's settings on your phone), set Notifications to Allow, then reload this page. Or use the calendar file below."
        }
    }
}

/// The plain note beside each switch: what the server keeps, and until when.
pub fn keeps_note(kind: ReminderKind) -> String {
    let schedule = match kind {
        ReminderKind::Water => "your reminder schedule",
        ReminderKind::Bedtime => "your reminder time",
    };
    format!(
        "Turned on, our server keeps only this browser's push address and keys, {schedule} and time zone, and a random id. No drinks, no diary, no IP address. It is deleted at once when you turn this off, when the push service says the address is gone, or after {UNSEEN_DAYS} days without you opening the app."
    )
}

/// Where the switch is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Until the page has read the browser and device storage (and on the server).
    Checking,
    Off,
    TurningOn,
    /// The server's next reminder, Unix ms; `None` when it did not say.
    On {
        next_at_ms: Option<i64>,
    },
    TurningOff,
}

impl Phase {
    /// The switch's `aria-pressed`.
    pub fn pressed(self) -> bool {
        matches!(self, Self::On { .. } | Self::TurningOff)
    }

    /// A tap does something only when the switch rests on or off.
    pub fn settled(self) -> bool {
        matches!(self, Self::Off | Self::On { .. })
    }

    /// The short word on the switch itself.
    pub fn label(self) -> &'static str {
        match self {
            Self::Checking => "\u{2026}",
            Self::Off | Self::TurningOn => "Off",
            Self::On { .. } | Self::TurningOff => "On",
        }
    }
}

/// The status line's sentence for a phase: "On. Next reminder at 20:00." and the like; `next`
/// is the next reminder's local time and `today` the phone's date now.
pub fn phase_text(phase: Phase, next: Option<LocalDateTime>, today: LocalDate) -> String {
    match phase {
        Phase::Checking | Phase::Off => String::new(),
        Phase::TurningOn => "Turning on\u{2026}".into(),
        Phase::TurningOff => "Turning off\u{2026}".into(),
        Phase::On { .. } => match next {
            Some(local) if local.date == today => {
                format!("On. Next reminder at {}.", hhmm(local.minute_of_day))
            }
            Some(local) if local.date == today.next() => {
                format!(
                    "On. Next reminder at {} tomorrow.",
                    hhmm(local.minute_of_day)
                )
            }
            Some(local) => format!(
                "On. Next reminder on {} at {}.",
                local.date,
                hhmm(local.minute_of_day)
            ),
            None => "On.".into(),
        },
    }
}

/// What a page opening with this device's record does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnOpen {
    /// Nothing stored for this kind: off.
    Off,
    /// Stored and the browser still has its subscription: re-send it (the server counts the
    /// 45 days from here, and learns a changed time zone).
    Resend,
    /// Stored, but the browser's subscription is gone (cleared, or the push service dropped it):
    /// off, and the server's row deleted.
    Forget,
}

pub fn on_open(stored: bool, browser_subscribed: bool) -> OnOpen {
    match (stored, browser_subscribed) {
        (false, _) => OnOpen::Off,
        (true, true) => OnOpen::Resend,
        (true, false) => OnOpen::Forget,
    }
}

/// The element ids of one kind's switch parts.
fn element_id(part: &str, kind: ReminderKind) -> String {
    format!("push-{part}-{}", kind.name())
}

#[cfg(any(feature = "ssr", feature = "hydrate"))]
mod view {
    use super::*;
    use crate::clock::{now_ms, DeviceClock, LocalClock};
    use leptos::prelude::*;

    /// The switch's label, also its accessible name and the group's.
    pub fn switch_label(kind: ReminderKind) -> &'static str {
        match kind {
            ReminderKind::Water => "Water reminders when the app is closed",
            ReminderKind::Bedtime => "Bedtime reminder when the app is closed",
        }
    }

    /// The switch's state, shared with `browser`.
    #[derive(Clone, Copy)]
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    pub(super) struct Switch {
        pub kind: ReminderKind,
        pub phase: RwSignal<Phase>,
        pub blocked: RwSignal<Option<Blocker>>,
        /// What the last action did or why it failed (the server's own sentence).
        pub said: RwSignal<String>,
        /// The schedule the server has, so an unchanged one is not sent again.
        pub sent: StoredValue<Option<Schedule>>,
        /// This kind's registration, while on.
        pub held: StoredValue<Option<Registration>>,
        pub schedule: Signal<Schedule>,
    }

    /// One kind's opt-in switch with its note, its status line and, while on, a test button.
    /// Used inside an island (the water tracker, the bedtime reminder).
    #[component]
    pub fn PushSwitch(
        kind: ReminderKind,
        /// The server's VAPID public key (base64url); `None` when it sends no reminders.
        push_key: Option<String>,
        /// The schedule to send; a change while on is sent to the server.
        schedule: Signal<Schedule>,
    ) -> impl IntoView {
        let switch = Switch {
            kind,
            phase: RwSignal::new(Phase::Checking),
            blocked: RwSignal::new(None),
            said: RwSignal::new(String::new()),
            sent: StoredValue::new(None),
            held: StoredValue::new(None),
            schedule,
        };
        #[cfg(feature = "hydrate")]
        {
            let key = push_key.clone();
            Effect::new(move |_| super::browser::open(switch, key.is_some()));
            // A new schedule while on goes to the server.
            Effect::new(move |_| {
                let now = schedule.get();
                if matches!(switch.phase.get_untracked(), Phase::On { .. })
                    && switch.sent.get_value().is_some_and(|sent| sent != now)
                {
                    super::browser::change(switch, now);
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &push_key;
        // Taps while blocked or busy do nothing; the switch says why.
        let toggle = move |_| {
            #[cfg(feature = "hydrate")]
            match (switch.blocked.get_untracked(), switch.phase.get_untracked()) {
                (None, Phase::Off) => {
                    super::browser::turn_on(switch, push_key.clone().unwrap_or_default())
                }
                (None, Phase::On { .. }) => super::browser::turn_off(switch),
                _ => {}
            }
        };
        let send_test = move |_| {
            #[cfg(feature = "hydrate")]
            super::browser::send_test(switch);
        };
        let (why_id, note_id) = (element_id("why", kind), element_id("note", kind));
        let described_by = {
            let (why_id, note_id) = (why_id.clone(), note_id.clone());
            move || match switch.blocked.get() {
                Some(_) => format!("{why_id} {note_id}"),
                None => note_id.clone(),
            }
        };
        let status = move || {
            let phase = switch.phase.get();
            let next = match phase {
                Phase::On {
                    next_at_ms: Some(at),
                } => Some(DeviceClock.local(at)),
                _ => None,
            };
            phase_text(phase, next, DeviceClock.day_of(now_ms()))
        };
        view! {
            <div class="push-panel" role="group" aria-label=switch_label(kind)>
                <button
                    type="button"
                    class="push-switch"
                    aria-pressed=move || if switch.phase.get().pressed() { "true" } else { "false" }
                    aria-disabled=move || {
                        (switch.blocked.get().is_some() || !switch.phase.get().settled())
                            .then_some("true")
                    }
                    aria-describedby=described_by
                    on:click=toggle
                >
                    <span class="push-switch-label">{switch_label(kind)}</span>
                    <span class="push-switch-track" aria-hidden="true">
                        <span class="push-switch-state">{move || switch.phase.get().label()}</span>
                    </span>
                </button>
                {move || {
                    switch
                        .blocked
                        .get()
                        .map(|blocker| {
                            view! {
                                <p class="banner push-why" id=why_id.clone()>
                                    {blocker_text(blocker)}
                                </p>
                            }
                        })
                }}
                <p class="hint push-note" id=note_id>
                    {keeps_note(kind)}
                </p>
                <div class="push-status" role="status">
                    {move || {
                        let text = status();
                        (!text.is_empty()).then(|| view! { <p>{text}</p> })
                    }}
                    {move || {
                        let said = switch.said.get();
                        (!said.is_empty()).then(|| view! { <p>{said}</p> })
                    }}
                </div>
                {move || {
                    matches!(switch.phase.get(), Phase::On { .. })
                        .then(|| {
                            view! {
                                <button
                                    type="button"
                                    class="button button-quiet"
                                    on:click=send_test
                                >
                                    "Send a test reminder"
                                </button>
                            }
                        })
                }}
            </div>
        }
    }

    /// The bedtime routine's reminder: a time (22:00 until chosen), the push switch, and the
    /// calendar file that works everywhere.
    // In a bundle of its own, which the routine starts when it comes near (see `bundle::Bundle`).
    #[cfg_attr(feature = "islands-reminder", island)]
    #[cfg_attr(not(feature = "islands-reminder"), component)]
    pub fn BedtimeReminder(push_key: Option<String>) -> impl IntoView {
        let at = RwSignal::new(DEFAULT_BEDTIME);
        let said = RwSignal::new(String::new());
        #[cfg(feature = "hydrate")]
        Effect::new(move |_| at.set(super::browser::stored().bedtime()));
        let set_time = move |event: leptos::ev::Event| {
            let Some(minute) = crate::clock::parse_time(&event_target_value(&event)) else {
                return;
            };
            at.set(minute);
            #[cfg(feature = "hydrate")]
            if let Err(err) = super::browser::update(|device| device.bedtime_at = minute) {
                said.set(err);
            }
        };
        let download_calendar = move |_| {
            let now = now_ms();
            let text = crate::reminders::ics::bedtime_ics(
                at.get_untracked(),
                DeviceClock.day_of(now),
                now,
            );
            #[cfg(feature = "hydrate")]
            crate::device::download("leg-relief-bedtime-reminder.ics", "text/calendar", &text);
            #[cfg(not(feature = "hydrate"))]
            let _ = text;
        };
        let schedule = Memo::new(move |_| Schedule::Bedtime { at: at.get() });
        view! {
            <section class="settings bedtime-reminder" aria-labelledby="bedtime-reminder-heading">
                <h2 id="bedtime-reminder-heading">"A reminder at bedtime"</h2>
                <p>
                    "One reminder a night to do these stretches, at the time you choose. It opens this routine."
                </p>
                <label class="field">
                    "Remind me at"
                    <input
                        type="time"
                        value=hhmm(DEFAULT_BEDTIME)
                        prop:value=move || hhmm(at.get())
                        on:change=set_time
                    />
                </label>
                <PushSwitch kind=ReminderKind::Bedtime push_key schedule=schedule.into() />
                <p>
                    "Or put the reminder in your phone's own calendar: one event a night at this time, which rings even when the app is closed or offline."
                </p>
                <button type="button" class="button button-quiet" on:click=download_calendar>
                    "Download calendar file (.ics)"
                </button>
                {move || {
                    let text = said.get();
                    (!text.is_empty())
                        .then(|| {
                            view! {
                                <p class="banner" role="status">
                                    {text}
                                </p>
                            }
                        })
                }}
            </section>
        }
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    //! The switch in the browser: the Push API and the service worker through `js_sys` (so a
    //! test's stand-in push manager works too), device storage, and the server functions.

    use super::view::Switch;
    use super::*;
    use crate::device::{self, Key};
    use crate::error::ApiError;
    use crate::push::{
        api::{change_reminders, forget_reminders, send_test_reminder, subscribe_reminders},
        PushSubscription,
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
                    match subscribe_reminders(json, schedule, time_zone(), Some(registration)).await
                    {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::fake::date;

    fn everything() -> Capabilities {
        Capabilities {
            server_sends: true,
            apple_mobile: false,
            standalone: false,
            push_manager: true,
            service_worker: true,
            permission: Permission::Default,
        }
    }

    #[test]
    fn push_works_where_everything_is_there_and_says_why_not_otherwise() {
        assert_eq!(blocker(&everything()), None);
        let granted = Capabilities {
            permission: Permission::Granted,
            ..everything()
        };
        assert_eq!(blocker(&granted), None);
        let cases = [
            (
                Capabilities {
                    server_sends: false,
                    permission: Permission::Denied,
                    ..everything()
                },
                Blocker::NoServer,
            ),
            (
                Capabilities {
                    apple_mobile: true,
                    push_manager: false,
                    ..everything()
                },
                Blocker::NeedsHomeScreen,
            ),
            (
                Capabilities {
                    push_manager: false,
                    ..everything()
                },
                Blocker::NoPush,
            ),
            (
                Capabilities {
                    service_worker: false,
                    ..everything()
                },
                Blocker::NoPush,
            ),
            (
                Capabilities {
                    permission: Permission::Unsupported,
                    ..everything()
                },
                Blocker::NoPush,
            ),
            (
                Capabilities {
                    permission: Permission::Denied,
                    ..everything()
                },
                Blocker::Denied,
            ),
        ];
        for (can, expected) in cases {
            assert_eq!(blocker(&can), Some(expected), "{can:?}");
        }
        // The app on the Home Screen of an iPhone has push.
        let home_screen = Capabilities {
            apple_mobile: true,
            standalone: true,
            ..everything()
        };
        assert_eq!(blocker(&home_screen), None);
    }

    #[test]
    fn iphones_and_ipads_are_told_apart_from_macs() {
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
        let mac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15";
        let android = "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36";
        assert!(is_apple_mobile(iphone, 5));
        assert!(is_apple_mobile(mac, 5), "iPadOS says it is a Mac");
        assert!(!is_apple_mobile(mac, 0));
        assert!(!is_apple_mobile(android, 5));
    }

    #[test]
    fn every_reason_says_what_to_do_and_points_to_the_calendar() {
        for blocker in [
            Blocker::NoServer,
            Blocker::NeedsHomeScreen,
            Blocker::NoPush,
            Blocker::Denied,
        ] {
            assert!(blocker_text(blocker).contains("calendar"), "{blocker:?}");
        }
        assert!(blocker_text(Blocker::NeedsHomeScreen).contains("Add to Home Screen"));
        assert!(blocker_text(Blocker::Denied).contains("Allow"));
    }

    #[test]
    fn the_note_says_what_is_kept_and_for_how_long() {
        for kind in ReminderKind::ALL {
            let note = keeps_note(kind);
            for part in [
                "push address and keys",
                "time zone",
                "random id",
                "No drinks, no diary, no IP address",
                "turn this off",
                "push service says the address is gone",
                "45 days",
            ] {
                assert!(note.contains(part), "{kind:?}: {part}");
            }
        }
        assert_eq!(UNSEEN_DAYS, 45);
    }

    #[test]
    fn the_status_line_gives_the_next_reminder_in_local_time() {
        let today = date("2026-11-25");
        let at = |date, minute_of_day| {
            Some(LocalDateTime {
                date,
                minute_of_day,
            })
        };
        let on = Phase::On {
            next_at_ms: Some(1),
        };
        assert_eq!(
            phase_text(on, at(today, 20 * 60), today),
            "On. Next reminder at 20:00."
        );
        assert_eq!(
            phase_text(on, at(today.next(), 8 * 60), today),
            "On. Next reminder at 08:00 tomorrow."
        );
        assert_eq!(
            phase_text(on, at(today.add_days(2), 8 * 60), today),
            "On. Next reminder on 2026-11-27 at 08:00."
        );
        assert_eq!(
            phase_text(Phase::On { next_at_ms: None }, None, today),
            "On."
        );
        assert_eq!(phase_text(Phase::Off, None, today), "");
        assert_eq!(
            phase_text(Phase::TurningOn, None, today),
            "Turning on\u{2026}"
        );
    }

    #[test]
    fn the_switch_is_pressed_while_on_and_only_takes_taps_at_rest() {
        let on = Phase::On { next_at_ms: None };
        assert!(on.pressed() && Phase::TurningOff.pressed());
        assert!(!Phase::Off.pressed() && !Phase::TurningOn.pressed() && !Phase::Checking.pressed());
        assert!(on.settled() && Phase::Off.settled());
        assert!(!Phase::Checking.settled() && !Phase::TurningOn.settled());
        assert_eq!(on.label(), "On");
        assert_eq!(Phase::Off.label(), "Off");
    }

    #[test]
    fn opening_resends_a_live_subscription_and_forgets_a_gone_one() {
        assert_eq!(on_open(false, false), OnOpen::Off);
        assert_eq!(on_open(false, true), OnOpen::Off);
        assert_eq!(on_open(true, true), OnOpen::Resend);
        assert_eq!(on_open(true, false), OnOpen::Forget);
    }

    #[test]
    fn the_device_keeps_both_kinds_and_the_bedtime() {
        let registration = |id: &str| Registration {
            id: id.into(),
            secret: "s".into(),
        };
        let mut device = PushDevice::default();
        assert_eq!(device.bedtime(), DEFAULT_BEDTIME);
        assert!(!device.in_use());
        device.set(ReminderKind::Water, Some(registration("w")));
        device.set(ReminderKind::Bedtime, Some(registration("b")));
        assert_eq!(device.get(ReminderKind::Water), Some(&registration("w")));
        device.set(ReminderKind::Water, None);
        assert!(device.in_use(), "bedtime still uses the subscription");
        device.set(ReminderKind::Bedtime, None);
        assert!(!device.in_use());

        // Read back, and an older or damaged record reads as far as it can.
        let text = serde_json::to_string(&PushDevice {
            bedtime_at: 21 * 60 + 30,
            ..device
        })
        .unwrap();
        let back: PushDevice = serde_json::from_str(&text).unwrap();
        assert_eq!(back.bedtime(), 21 * 60 + 30);
        let partial: PushDevice =
            serde_json::from_str(r#"{"water":{"id":"a","secret":"b"}}"#).unwrap();
        assert_eq!(partial.bedtime(), DEFAULT_BEDTIME);
        assert!(partial.in_use());
        let odd: PushDevice = serde_json::from_str(r#"{"bedtime_at":9999}"#).unwrap();
        assert_eq!(odd.bedtime(), DEFAULT_BEDTIME);
    }
}
