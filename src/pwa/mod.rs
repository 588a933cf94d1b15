//! Installable and offline: the service worker with its precache list, the offline page, and the
//! panel where `public/pwa.js` reports install, offline readiness and updates.
//!
//! The page-side script is plain JavaScript (public/pwa.js), not an island: it runs on every page
//! and would otherwise add its bindings to the WASM every first visit downloads.

pub mod protocol;
#[cfg(feature = "ssr")]
pub mod worker;

use crate::ui::{LinkCards, PageMeta};
use leptos::prelude::*;
use protocol::ElementId;

const OFFLINE_LINKS: [(&str, &str, &str); 4] = [
    (
        "/cramp",
        "Cramp now",
        "Stop a cramp with the right stretch.",
    ),
    ("/stretches", "Stretches", "Guided, with a timer."),
    (
        "/finder",
        "Find help",
        "Search what works, and how well we know it.",
    ),
    (
        "/help",
        "When to see a doctor",
        "Warning signs, from urgent down.",
    ),
];

/// What the service worker shows for a page it has no copy of while the network is down.
#[component]
pub fn OfflinePage() -> impl IntoView {
    view! {
        <PageMeta
            title="Offline".into()
            description="This page isn't saved on this device yet.".into()
        />
        <h1>"You're offline"</h1>
        <p class="lead">
            "This page isn't saved on this device yet. Everything below works without a connection."
        </p>
        <LinkCards cards=OFFLINE_LINKS.to_vec() />
    }
}

/// Filled in by public/pwa.js: progress while pages are saved for offline use, "Ready to work
/// offline", the install button or the iOS steps, and the update prompt. Empty and hidden until
/// there is something to say. It also tells pwa.js where the device keeps its push reminders
/// (`reminders_key`) and where to say the app was opened (`reminders_seen`), so that opening any
/// page keeps them on the server; the app passes both, so that this module needs no reminders.
#[component]
pub fn AppPanel(reminders_key: &'static str, reminders_seen: &'static str) -> impl IntoView {
    view! {
        <aside
            class="app-panel"
            aria-label="Offline and install"
            data-reminders-key=reminders_key
            data-reminders-seen=reminders_seen
            hidden
        >
            <p id=ElementId::OfflineStatus.name() role="status"></p>
            <progress
                id=ElementId::OfflineProgress.name()
                aria-label="Saving pages for offline use"
                max="1"
                value="0"
                hidden
            ></progress>
            <button id=ElementId::InstallApp.name() class="button" type="button" hidden>
                "Install app"
            </button>
            <p id=ElementId::IosInstall.name() hidden>
                "To install on iPhone or iPad: tap "
                <strong>"Share"</strong>
                ", then "
                <strong>"Add to Home Screen"</strong>
                "."
            </p>
        </aside>
        <div
            id=ElementId::UpdatePrompt.name()
            class="update-prompt"
            role="region"
            aria-label="Update"
            hidden
        >
            <p>"Update available. Your saved data stays as it is."</p>
            <button id=ElementId::UpdateAccept.name() class="button" type="button">
                "Update now"
            </button>
            <button id=ElementId::UpdateLater.name() class="button button-quiet" type="button">
                "Later"
            </button>
        </div>
    }
}
