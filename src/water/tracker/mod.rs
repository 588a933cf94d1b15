//! The water tracker island: today's drinks against a goal and the history; the goal and the
//! reminders as panels that load when opened (backups are the device's, shared with the diary:
//! `backup::panel`).
//! Everything lives in this browser's storage; the server only sends the empty page.
//!
//! The parts share one [`Water`] state through context; `browser` (hydrate only) is where the
//! tracker meets storage, the clock, notifications and files.

mod history;
mod settings;
mod state;
mod today;

#[cfg(feature = "hydrate")]
mod browser;

pub use state::{reminder_due, GLASS_ML};

use crate::device::StoreNotices;
use leptos::prelude::*;
use state::Water;

// The tracker and its parts below are islands of the water bundle (see `bundle::Bundle`). The
// parts are islands of their own, inside the tracker's children, so that each wakes in its own
// task (public/islands.js) and none makes a long one; they share the tracker's `Water` through
// context, as a child island does.
#[cfg_attr(feature = "islands-water", island)]
#[cfg_attr(not(feature = "islands-water"), component)]
pub fn WaterTracker(children: Children) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    let water = Water::new(browser::after_reading);
    #[cfg(not(feature = "hydrate"))]
    let water = Water::new(|_| {});
    provide_context(water);
    #[cfg(feature = "hydrate")]
    browser::start(water);

    view! {
        <div class="water">
            <Notices />
            {children()}
        </div>
    }
}

/// Today's ring, drinks and list, inside [`WaterTracker`]. Its own island, so that it wakes in
/// a task of its own; the tracker reads storage only once every island of the bundle has woken
/// (`device::after_hydration`), so it still finds the markup the server rendered.
#[cfg_attr(feature = "islands-water", island)]
#[cfg_attr(not(feature = "islands-water"), component)]
pub fn WaterToday() -> impl IntoView {
    view! { <today::Today /> }
}

/// The last 7 or 30 days, inside [`WaterTracker`].
#[cfg_attr(feature = "islands-water", island)]
#[cfg_attr(not(feature = "islands-water"), component)]
pub fn WaterHistory() -> impl IntoView {
    view! { <history::History /> }
}

// The goal and the reminders are in the water settings bundle, which comes when one of their
// `<details>` opens: most visits only log a drink. Each panel keeps its own copy of the stored
// data, and the tracker and the panels tell one another of each change (`device::share`).

/// The goal: guide figure, day extras, own goal, units, fluid limit.
#[cfg_attr(feature = "islands-water-settings", island)]
#[cfg_attr(not(feature = "islands-water-settings"), component)]
pub fn WaterGoal() -> impl IntoView {
    view! {
        <Panel>
            <settings::GoalSettings />
        </Panel>
    }
}

/// The reminders: in the page while it is open, from the server when it is closed, or in the
/// phone's calendar.
#[cfg_attr(feature = "islands-water-settings", island)]
#[cfg_attr(not(feature = "islands-water-settings"), component)]
pub fn WaterReminders(
    /// The server's push key (`push::PushOffer`): reminders that reach a closed app.
    push_key: Option<String>,
) -> impl IntoView {
    view! {
        <Panel>
            <settings::ReminderPanel push_key />
        </Panel>
    }
}

/// A settings panel with its own copy of the water data. Its controls wait, disabled, until
/// the stored data is read: a tap before then would be lost or act on the defaults.
#[component]
fn Panel(children: Children) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    let water = Water::new(browser::panel_after_reading);
    #[cfg(not(feature = "hydrate"))]
    let water = Water::new(|_| {});
    provide_context(water);
    #[cfg(feature = "hydrate")]
    browser::start_panel(water);
    view! {
        <fieldset class="panel-controls" disabled=move || !water.store.ready.get()>
            {children()}
        </fieldset>
        <p class="hint" role="status">
            {move || water.said.get()}
        </p>
    }
}

fn use_water() -> Water {
    use_context::<Water>().expect("inside the water tracker")
}

/// What the person must know now: data set aside, a change not saved, a reminder due.
#[component]
fn Notices() -> impl IntoView {
    let water = use_water();
    view! {
        <StoreNotices store=water.store />
        {move || {
            (water.due.get() && !water.store.data.with(|d| d.goal.fluid_limit))
                .then(|| {
                    view! {
                        <div class="reminder-banner" role="alert">
                            <p>"Time for a glass of water."</p>
                            <button
                                type="button"
                                class="button"
                                on:click=move |_| water.add(GLASS_ML)
                            >
                                "Log a glass"
                            </button>
                            <button
                                type="button"
                                class="button button-quiet"
                                on:click=move |_| { water.due.set(false) }
                            >
                                "Not now"
                            </button>
                        </div>
                    }
                })
        }}
    }
}

/// Saves `text` as a file on the device (only in the browser, where a tap asks for it).
fn download(name: &str, mime: &str, text: &str) {
    #[cfg(feature = "hydrate")]
    crate::device::download(name, mime, text);
    #[cfg(not(feature = "hydrate"))]
    let _ = (name, mime, text);
}
