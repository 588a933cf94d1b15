//! The document shell, the routes and the layout every page shares.

use crate::{
    about::AppStatus,
    content::{HelpPage, LearnPage, PageMeta, TopicPage},
    finder::{FinderPage, RemedyPage},
    home::HomePage,
    pwa::{AppPanel, OfflinePage},
    stretches::{CrampPage, RoutinePage, StretchPage, StretchesPage},
    theme::{ThemePreference, ThemeToggle},
    water::WaterPage,
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes, A},
    path,
};

/// App-wide defaults from the server's settings file, provided as context to every page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AppDefaults {
    pub theme: ThemePreference,
    /// Release builds register the service worker; development never caches.
    pub service_worker: bool,
}

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let defaults = use_context::<AppDefaults>();
    let theme = defaults.map_or(ThemePreference::System, |d| d.theme);
    let service_worker = defaults.is_some_and(|d| d.service_worker);
    view! {
        <!DOCTYPE html>
        <html lang="en" data-theme=theme.attribute()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover"/>
                <meta name="color-scheme" content="light dark"/>
                <meta name="theme-color" content="#f7f8fa" media="(prefers-color-scheme: light)"/>
                <meta name="theme-color" content="#0f1316" media="(prefers-color-scheme: dark)"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png"/>
                <meta name="mobile-web-app-capable" content="yes"/>
                <meta name="apple-mobile-web-app-capable" content="yes"/>
                <meta name="apple-mobile-web-app-title" content="Leg Relief"/>
                <meta name="apple-mobile-web-app-status-bar-style" content="default"/>
                <script src="/theme.js"></script>
                {service_worker.then(|| view! { <script src="/pwa.js" defer></script> })}
                <HashedStylesheet options=options.clone() id="leptos"/>
                {loads_wasm().then(|| view! { <HydrationScripts options islands=true/> })}
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The pages with an island: only these load the WASM. Reading pages (home, remedies, topics,
/// help) are complete as the server sends them, so a first visit downloads no WASM at all.
pub fn has_islands(path: &str) -> bool {
    matches!(path, "/cramp" | "/finder" | "/water")
        || ["/stretches/", "/routines/"]
            .iter()
            .any(|prefix| path.starts_with(prefix))
}

fn loads_wasm() -> bool {
    #[cfg(feature = "ssr")]
    {
        use_context::<axum::http::request::Parts>()
            .is_none_or(|parts| has_islands(parts.uri.path()))
    }
    #[cfg(not(feature = "ssr"))]
    true
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let theme = use_context::<AppDefaults>().map_or(ThemePreference::System, |d| d.theme);
    view! {
        <Title formatter=|title: String| format!("{title} · Leg Relief")/>
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <header class="site-header">
                <a class="brand" href="/">
                    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
                        <path d="M12 21s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 11c0 5.6-7 10-7 10z"></path>
                    </svg>
                    "Leg Relief"
                </a>
                <a class="cramp-pill" href="/cramp">"Cramp now"</a>
                <ThemeToggle default=theme/>
            </header>
            <MainNav/>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/cramp") view=CrampPage/>
                    <Route path=path!("/finder") view=FinderPage/>
                    <Route path=path!("/remedies/:slug") view=RemedyPage/>
                    <Route path=path!("/stretches") view=StretchesPage/>
                    <Route path=path!("/stretches/:slug") view=StretchPage/>
                    <Route path=path!("/routines/:slug") view=RoutinePage/>
                    <Route path=path!("/water") view=WaterPage/>
                    <Route path=path!("/learn") view=LearnPage/>
                    <Route path=path!("/learn/:topic") view=TopicPage/>
                    <Route path=path!("/help") view=HelpPage/>
                    <Route path=path!("/offline") view=OfflinePage/>
                </Routes>
            </main>
            <AppPanel/>
            <footer class="site-footer">
                <p class="disclaimer">
                    "Leg Relief gives general information, not medical advice. It does not replace a doctor, nurse, midwife or pharmacist. "
                    <a href="/help">"Warning signs that need a doctor"</a>
                    "."
                </p>
                <p class="privacy">"Everything you enter stays on this device: no accounts, no tracking."</p>
                <AppStatus/>
            </footer>
        </Router>
    }
}

/// One navigation: a bottom bar on phones, a side bar on wide screens (see style/main.css).
#[component]
fn MainNav() -> impl IntoView {
    const ITEMS: [(&str, &str, &str); 6] = [
        (
            "/",
            "Home",
            "M3 11l9-8 9 8v9a1 1 0 0 1-1 1h-5v-6h-6v6H4a1 1 0 0 1-1-1z",
        ),
        (
            "/finder",
            "Finder",
            "M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14zm5 12l5 5",
        ),
        (
            "/stretches",
            "Stretches",
            "M12 5a2 2 0 1 0 0-.1M8 22l3-8-3-3 4-3 4 4h3M11 14l3 3v5",
        ),
        (
            "/water",
            "Water",
            "M12 3s6 7 6 11a6 6 0 0 1-12 0c0-4 6-11 6-11z",
        ),
        (
            "/learn",
            "Learn",
            "M4 5a2 2 0 0 1 2-2h13v16H6a2 2 0 0 0-2 2zm0 16V5",
        ),
        (
            "/help",
            "Help",
            "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zm0 5v5m0 3v.5",
        ),
    ];
    view! {
        <nav class="main-nav" aria-label="Main">
            <ul>
                {ITEMS
                    .into_iter()
                    .map(|(href, label, icon)| {
                        view! {
                            <li>
                                <A href=href exact=true>
                                    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
                                        <path d=icon></path>
                                    </svg>
                                    <span>{label}</span>
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// Shown for unknown paths and unknown slugs, with HTTP status 404.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <PageMeta
            title="Page not found".into()
            description="This page does not exist. Find relief for a cramp, stretches or help from the links here.".into()
        />
        <h1>"Page not found"</h1>
        <p class="lead">"There is no page at this address. It may have moved, or the link has a typo."</p>
        <ul class="quick-links">
            <li><a href="/cramp">"Cramp now: stop a cramp"</a></li>
            <li><a href="/">"Home"</a></li>
            <li><a href="/help">"When to see a doctor"</a></li>
        </ul>
    }
}
