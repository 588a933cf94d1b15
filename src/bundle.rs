//! What a page downloads to come alive, and when: the bundles, what the page tells
//! `public/islands.js` of them, and the `<details>` whose opening loads one. Below the features,
//! so that a page can hold a panel that loads on demand; which page loads which bundle is
//! `app::PAGES`.

use crate::device::Key;
use leptos::prelude::*;

/// What a page downloads to come alive, in groups of pages. Cramp now and the guide pages' timers
/// are the guide client (crates/guide-client: wasm-bindgen and web-sys, no Leptos runtime), which drives
/// their server-rendered markup; the other groups are Leptos islands bundles. A release build
/// makes each one (`.ci/bundles.sh`; an islands bundle is the crate built with the cargo feature
/// `islands-<name>`), so /water downloads the water log's code and not the finder's; development has
/// one bundle with every island (`all-islands`). An island names its group in its two `cfg_attr`
/// lines; a page names its groups in `app::PAGES`; tests/bundles.rs fails on any page whose
/// islands sit in a bundle it does not load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bundle {
    /// Cramp now and the stretch and routine timers: the guide client.
    Guide,
    /// The bedtime routine's reminder switch.
    Reminder,
    /// The finder's live search.
    Finder,
    /// The water log.
    Water,
    /// The water goal and reminders, which most visits never change: each in a `<details>` that
    /// loads them as it opens.
    WaterSettings,
    /// The cramp diary.
    Diary,
    /// The diary's summary for a doctor.
    Summary,
    /// The backup of the water log and the diary, on both pages: loaded when "Your data" opens.
    Backup,
}

impl Bundle {
    pub const ALL: [Bundle; 8] = [
        Bundle::Guide,
        Bundle::Reminder,
        Bundle::Finder,
        Bundle::Water,
        Bundle::WaterSettings,
        Bundle::Diary,
        Bundle::Summary,
        Bundle::Backup,
    ];

    /// Its name in file names, `hash.txt` and (for islands) the cargo feature.
    pub fn name(self) -> &'static str {
        match self {
            Bundle::Guide => "guide",
            Bundle::Reminder => "reminder",
            Bundle::Finder => "finder",
            Bundle::Water => "water",
            Bundle::WaterSettings => "water-settings",
            Bundle::Diary => "diary",
            Bundle::Summary => "summary",
            Bundle::Backup => "backup",
        }
    }

    /// Leptos islands, which islands.js hydrates; the guide client starts by itself.
    pub fn has_islands(self) -> bool {
        self != Bundle::Guide
    }
}

/// When a page starts one of its bundles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Load {
    /// Once the page has painted.
    Now(Bundle),
    /// When one of the page's islands comes within a screen of being seen: for islands far down
    /// a page, which then cost a first visit nothing.
    Near(Bundle),
    /// When the person opens the `<details>` that holds its islands ([`Opens`]): for what most
    /// visits never open.
    Open(Bundle),
    /// When the person reaches for one of the page's islands (focus or a tap inside one): for
    /// islands that improve a page which works without them (the finder's live search, over the
    /// results the server rendered). At once when the device holds `Key` (a choice only
    /// the island can apply to the page) or when the page is not the one the server rendered for
    /// its address (the saved offline copy, opened at a shared address).
    Reached(Bundle, Key),
}

impl Load {
    pub fn bundle(self) -> Bundle {
        match self {
            Load::Now(bundle)
            | Load::Near(bundle)
            | Load::Open(bundle)
            | Load::Reached(bundle, _) => bundle,
        }
    }
}

/// One bundle: its JS glue and its WASM, and whether islands.js hydrates islands with it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct IslandFiles {
    pub script: String,
    pub wasm: String,
    pub islands: bool,
}

/// What islands.js is told of one bundle of a page.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StartBundle {
    #[serde(flatten)]
    files: IslandFiles,
    near: bool,
    /// Started when its `<details data-bundle>` opens (see [`Opens`]), or when the event named
    /// `woken_by` reaches one of them ([`wake`]).
    opens: Option<&'static str>,
    woken_by: Option<&'static str>,
    /// Started when the person reaches for the page's islands (see `Load::Reached`).
    reached: Option<BeforeReach>,
}

/// What starts a `Load::Reached` bundle before the person reaches for its islands.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
struct BeforeReach {
    /// A device storage key: when the device holds it, the bundle starts at once.
    stored: &'static str,
    /// The address (path and query) the server rendered the page for: at another address (the
    /// saved offline copy, opened at a shared one) the bundle starts at once.
    rendered_for: String,
}

impl StartBundle {
    pub fn new(load: Load, files: IslandFiles) -> Self {
        Self {
            files,
            near: matches!(load, Load::Near(_)),
            opens: matches!(load, Load::Open(_)).then(|| load.bundle().name()),
            woken_by: matches!(load, Load::Open(_)).then_some(WAKE),
            reached: match load {
                Load::Reached(_, key) => Some(BeforeReach {
                    stored: key.name(),
                    rendered_for: request_address(),
                }),
                _ => None,
            },
        }
    }
}

/// The script that starts a page's bundles, as public/ holds it.
pub const ISLANDS_SCRIPT: &str = "/islands.js";

/// What a page with bundles loads: `public/islands.js` (at `script`), which fetches them, starts
/// each and hydrates the islands. A file rather than an inline script, so the policy needs no
/// exception for it.
#[component]
pub fn IslandScripts(script: String, bundles: Vec<StartBundle>) -> impl IntoView {
    // Our own plain data: serialising it cannot fail.
    let bundles = serde_json::to_string(&bundles).unwrap_or_default();
    // Only islands hydrate; the rest of the page is rendered without hydration markers.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    // Not preloaded: a preload in the head competes with the page's own paint (Lighthouse counts
    // it before the largest paint); islands.js fetches the bundle once the page has painted.
    view! { <script type="module" src=script data-bundles=bundles></script> }
}

/// The address (path and query) being rendered.
fn request_address() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<axum::http::request::Parts>()
            .and_then(|parts| {
                parts
                    .uri
                    .path_and_query()
                    .map(|address| address.to_string())
            })
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    String::new()
}

/// A `<details>` whose islands come with `bundle` (a page's `Load::Open`), loaded when it (or another
/// of the page's `<details>` of the same bundle) first opens; islands.js finds them by their
/// `data-bundle`, and the page's other bundles leave their islands alone.
#[component]
pub fn Opens(
    bundle: Bundle,
    summary: &'static str,
    class: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <details class=class data-bundle=bundle.name()>
            <summary>{summary}</summary>
            {children()}
        </details>
    }
}

/// The event that starts the bundle of a page's `<details>` panels without opening them
/// (islands.js listens for it on each panel, and learns its name from the page).
pub const WAKE: &str = "leg-relief-wake";

/// Starts `bundle`'s panels on this page as if one had been opened, leaving them closed: for a
/// panel whose waking does something the person relies on without looking (the water reminders
/// re-send a server reminder that is on, as opening the app promises).
#[cfg(feature = "hydrate")]
pub fn wake(bundle: Bundle) {
    let selector = format!("details[data-bundle=\"{}\"]", bundle.name());
    let panel = document().query_selector(&selector).ok().flatten();
    if let (Some(panel), Ok(event)) = (panel, web_sys::Event::new(WAKE)) {
        let _ = panel.dispatch_event(&event);
    }
}
