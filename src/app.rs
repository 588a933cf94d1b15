//! The document shell, the one table of pages, and the layout every page shares.

use crate::{
    backup::BackupPanel,
    bundle::{Bundle, IslandFiles, IslandScripts, Load, Opens, StartBundle, ISLANDS_SCRIPT},
    content::catalogue,
    cramp::{self, CrampPage, HoldPage},
    device,
    diary::{DiaryPage, SummaryPage},
    finder::{self, FinderPage, RemedyPage},
    home::HomePage,
    learn::{self, ConditionPage, ConditionsPage, HelpPage, LearnPage, TopicPage},
    push::api::RemindersSeen,
    pwa::{AppPanel, OfflinePage},
    stretches::{self, BedtimeRoutinePage, RoutinePage, StretchPage, StretchesPage},
    theme::{ThemePreference, ThemeToggle},
    ui::NotFound,
    water::WaterPage,
};
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes, A},
    path,
};

/// The app's version, shown in the footer.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// App-wide defaults from the server's settings file, provided as context to every page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AppDefaults {
    pub theme: ThemePreference,
    /// Release builds register the service worker; development never caches.
    pub service_worker: bool,
}

/// The built site's stylesheet and islands bundles, by the names the build gave them (with their
/// content hashes in release builds). The server reads them once and provides them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildFiles {
    pub stylesheet: String,
    /// The bundle with every island (cargo-leptos's own).
    pub every_island: IslandFiles,
    /// Each group's own bundle, where the build made one.
    pub bundles: Vec<(Bundle, IslandFiles)>,
    /// The folder they are served from.
    pub pkg: String,
    /// public/islands.js's address: with its revision where the site is saved for offline use
    /// (see `pwa::worker::VERSIONED`).
    pub islands_script: String,
}

impl BuildFiles {
    /// The names under `/{pkg}/` for output `name`, with the hashes of a `hash.txt` as cargo-leptos
    /// writes it (`css: 1a2b…` lines), or none. A `guide: 3c4d…` line names the guide's bundle.
    pub fn new(pkg: &str, name: &str, hashes: Option<&str>) -> Self {
        let hash_of = |kind: &str| {
            hashes
                .into_iter()
                .flat_map(str::lines)
                .filter_map(|line| line.split_once(':'))
                .find(|(file, _)| file.trim() == kind)
                .map(|(_, hash)| format!(".{}", hash.trim()))
        };
        let hashed = |kind: &str| hash_of(kind).unwrap_or_default();
        let bundles = Bundle::ALL
            .into_iter()
            .filter_map(|bundle| {
                let hash = hash_of(bundle.name())?;
                let file = format!("/{pkg}/{}{hash}", bundle.name());
                let files = IslandFiles {
                    script: format!("{file}.js"),
                    wasm: format!("{file}.wasm"),
                    islands: bundle.has_islands(),
                };
                Some((bundle, files))
            })
            .collect();
        Self {
            stylesheet: format!("/{pkg}/{name}{}.css", hashed("css")),
            every_island: IslandFiles {
                script: format!("/{pkg}/{name}{}.js", hashed("js")),
                wasm: format!("/{pkg}/{name}{}.wasm", hashed("wasm")),
                islands: true,
            },
            pkg: pkg.to_string(),
            bundles,
            islands_script: ISLANDS_SCRIPT.to_string(),
        }
    }

    /// What a page of `bundle` loads: its own bundle, or (islands in a build that did not make
    /// their bundle: development) the one with every island.
    pub fn files(&self, bundle: Bundle) -> IslandFiles {
        match self.bundles.iter().find(|(b, _)| *b == bundle) {
            Some((_, files)) => files.clone(),
            None if bundle.has_islands() => self.every_island.clone(),
            None => {
                let file = format!("/{}/{}", self.pkg, bundle.name());
                IslandFiles {
                    script: format!("{file}.js"),
                    wasm: format!("{file}.wasm"),
                    islands: false,
                }
            }
        }
    }
}

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let files = use_context::<BuildFiles>()
        .unwrap_or_else(|| BuildFiles::new(&options.site_pkg_dir, &options.output_name, None));
    let defaults = use_context::<AppDefaults>();
    let theme = defaults.map_or(ThemePreference::System, |d| d.theme);
    let service_worker = defaults.is_some_and(|d| d.service_worker);
    view! {
        <!DOCTYPE html>
        <html lang="en" data-theme=theme.attribute()>
            <head>
                <meta charset="utf-8" />
                <meta
                    name="viewport"
                    content="width=device-width, initial-scale=1, viewport-fit=cover"
                />
                <meta name="color-scheme" content="light dark" />
                <meta name="theme-color" content="#f7f8fa" media="(prefers-color-scheme: light)" />
                <meta name="theme-color" content="#0f1316" media="(prefers-color-scheme: dark)" />
                // A PNG: Chromium opens an SVG image as a document of its own, a task of 25 to
                // 90 ms on a 4x slowed CPU at every page load.
                <link rel="icon" href="/favicon.png" type="image/png" sizes="32x32" />
                <link rel="manifest" href="/manifest.webmanifest" />
                <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png" />
                <meta name="mobile-web-app-capable" content="yes" />
                <meta name="apple-mobile-web-app-capable" content="yes" />
                <meta name="apple-mobile-web-app-title" content="Leg Relief" />
                <meta name="apple-mobile-web-app-status-bar-style" content="default" />
                <script src="/theme.js"></script>
                {service_worker.then(|| view! { <script src="/pwa.js" defer></script> })}
                <link rel="stylesheet" id="leptos" href=files.stylesheet.clone() />
                {(!page_bundles().is_empty())
                    .then(|| {
                        let bundles = page_bundles()
                            .iter()
                            .map(|&load| StartBundle::new(load, files.files(load.bundle())))
                            .collect();
                        view! { <IslandScripts script=files.islands_script.clone() bundles /> }
                    })}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Which addresses a page stands for, to save each one for offline use and render it once at
/// start-up: the page itself, one per item (`/remedies/:slug`), or itself and some variants
/// (the stretch list's single filters).
#[derive(Clone, Copy)]
pub enum Addresses {
    Itself,
    Each(fn() -> Vec<String>),
    ItselfAnd(fn() -> Vec<String>),
}

/// One page of the app.
pub struct Page {
    /// The route, with `:name` for a parameter.
    pub path: &'static str,
    /// The bundles it loads, and when. Reading pages have none: they are complete as the server
    /// sends them.
    pub bundles: &'static [Load],
    pub addresses: Addresses,
}

/// Declares the pages once: the router, [`PAGES`] (islands, offline and pre-rendered addresses)
/// and nothing else come from this list, so adding a page is one line.
use Load::{Near, Now, Open, Reached};

macro_rules! pages {
    ($($path:tt => $view:ident, bundles: $bundles:expr, addresses: $addresses:expr;)+) => {
        pub const PAGES: &[Page] = &[
            $(Page { path: $path, bundles: &$bundles, addresses: $addresses }),+
        ];

        #[component]
        fn PageRoutes() -> impl IntoView {
            view! {
                <Routes fallback=|| view! { <NotFound/> }>
                    $(<Route path=path!($path) view=$view/>)+
                </Routes>
            }
        }
    };
}

pages! {
    "/" => HomePage, bundles: [], addresses: Addresses::Itself;
    "/cramp" => CrampPage, bundles: [Now(Bundle::Guide)], addresses: Addresses::Itself;
    "/cramp/:muscle" => HoldPage, bundles: [], addresses: Addresses::Each(cramp::hold_addresses);
    "/diary" => DiaryWithBackup, bundles: [Now(Bundle::Diary), Open(Bundle::Backup)], addresses: Addresses::Itself;
    "/diary/summary" => SummaryPage, bundles: [Now(Bundle::Summary)], addresses: Addresses::Itself;
    // The results come with the page; the live search comes when the person reaches for it, or at
    // once for a situation declared on the device, which only the live search can apply.
    "/finder" => FinderPage, bundles: [Reached(Bundle::Finder, device::Key::Profile)], addresses: Addresses::Itself;
    "/remedies/:slug" => RemedyPage, bundles: [], addresses: Addresses::Each(finder::remedy_addresses);
    "/stretches" => StretchesPage, bundles: [], addresses: Addresses::ItselfAnd(stretches::filter_paths);
    "/stretches/:slug" => StretchPage, bundles: [Now(Bundle::Guide)], addresses: Addresses::Each(stretches::stretch_addresses);
    // Before the other routines: the bedtime routine also offers a nightly reminder, at its foot.
    "/routines/bedtime" => BedtimeRoutinePage, bundles: [Now(Bundle::Guide), Near(Bundle::Reminder)], addresses: Addresses::Itself;
    "/routines/:slug" => RoutinePage, bundles: [Now(Bundle::Guide)], addresses: Addresses::Each(stretches::routine_addresses);
    "/water" => WaterWithBackup, bundles: [Now(Bundle::Water), Open(Bundle::WaterSettings), Open(Bundle::Backup)], addresses: Addresses::Itself;
    "/learn" => LearnPage, bundles: [], addresses: Addresses::Itself;
    "/learn/:topic" => TopicPage, bundles: [], addresses: Addresses::Each(learn::topic_addresses);
    "/conditions" => ConditionsPage, bundles: [], addresses: Addresses::Itself;
    "/conditions/:condition" => ConditionPage, bundles: [], addresses: Addresses::Each(learn::condition_addresses);
    "/help" => HelpPage, bundles: [], addresses: Addresses::Itself;
    "/offline" => OfflinePage, bundles: [], addresses: Addresses::Itself;
}

// The water log and the diary share one backup file, so its panel closes both pages. Composed
// here, above the features, because the backup knows both stores' formats; its code comes when
// "Your data" opens.
#[component]
fn YourData() -> impl IntoView {
    view! {
        <Opens bundle=Bundle::Backup summary="Your data" class="settings backup">
            <BackupPanel />
        </Opens>
    }
}

#[component]
fn WaterWithBackup() -> impl IntoView {
    view! {
        <WaterPage />
        <YourData />
    }
}

#[component]
fn DiaryWithBackup() -> impl IntoView {
    view! {
        <DiaryPage />
        <YourData />
    }
}

impl Page {
    /// Whether `path` (an address's path, without its query) is this page.
    pub fn matches(&self, path: &str) -> bool {
        let mut pattern = self.path.split('/');
        let mut actual = path.split('/');
        loop {
            match (pattern.next(), actual.next()) {
                (None, None) => return true,
                (Some(p), Some(a)) if p.starts_with(':') && !a.is_empty() => {}
                (Some(p), Some(a)) if p == a => {}
                _ => return false,
            }
        }
    }

    pub fn addresses(&self) -> Vec<String> {
        match self.addresses {
            Addresses::Itself => vec![self.path.to_string()],
            Addresses::Each(each) => each(),
            Addresses::ItselfAnd(more) => std::iter::once(self.path.to_string())
                .chain(more())
                .collect(),
        }
    }
}

/// The page at `path`, if any.
pub fn page_at(path: &str) -> Option<&'static Page> {
    PAGES.iter().find(|page| page.matches(path))
}

/// Every address the app serves the same to everyone: saved for offline use and, in production,
/// rendered once at start-up.
pub fn page_addresses() -> Vec<String> {
    PAGES.iter().flat_map(Page::addresses).collect()
}

/// Only pages with islands or a guide load WASM, and only their own bundles; a first visit to a
/// reading page downloads none.
fn page_bundles() -> &'static [Load] {
    #[cfg(feature = "ssr")]
    {
        use_context::<axum::http::request::Parts>()
            .and_then(|parts| page_at(parts.uri.path()))
            .map_or(&[], |page| page.bundles)
    }
    #[cfg(not(feature = "ssr"))]
    &[]
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let theme = use_context::<AppDefaults>().map_or(ThemePreference::System, |d| d.theme);
    view! {
        <Title formatter=|title: String| format!("{title} · Leg Relief") />
        <Router>
            <a class="skip-link" href="#main">
                "Skip to content"
            </a>
            <header class="site-header">
                <a class="brand" href="/">
                    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
                        <path d="M12 21s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 11c0 5.6-7 10-7 10z"></path>
                    </svg>
                    "Leg Relief"
                </a>
                <A href="/cramp" attr:class="cramp-pill">
                    "Cramp now"
                </A>
                <a class="menu-link" href="#main-nav">
                    "Menu"
                </a>
                <ThemeToggle default=theme />
            </header>
            <MainNav />
            <main id="main" tabindex="-1">
                <PageRoutes />
            </main>
            <AppPanel reminders_key=device::Key::Push.name() reminders_seen=RemindersSeen::url() />
            <footer class="site-footer">
                <p class="disclaimer">
                    "Leg Relief gives general information, not medical advice. It does not replace a doctor, nurse, midwife or pharmacist. "
                    <a href="/help">"Warning signs that need a doctor"</a> "."
                </p>
                <p class="privacy">
                    "Everything you enter stays on this device: no accounts, no tracking."
                </p>
                <AppStatus />
            </footer>
        </Router>
    }
}

/// One navigation: a bottom bar on phones, a side bar on wide screens (see style/main.css).
#[component]
fn MainNav() -> impl IntoView {
    const ITEMS: [(&str, &str, &str); 7] = [
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
            "/diary",
            "Diary",
            "M6 3h12a1 1 0 0 1 1 1v17H6a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm2 5h8M8 12h8M8 16h5",
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
        <nav class="main-nav" id="main-nav" aria-label="Main">
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

/// The version and what it holds, in every page's footer.
#[component]
fn AppStatus() -> impl IntoView {
    let catalogue = catalogue();
    view! {
        <p class="app-status">
            {format!(
                "Version {VERSION}: {} remedies, {} stretches and exercises, {} topics, {} warning signs.",
                catalogue.remedies.len(),
                catalogue.stretches.len(),
                catalogue.topics.len(),
                catalogue.red_flags.len(),
            )}
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_bundle_has_its_files_when_the_build_made_them() {
        let hashes = "css: c1\njs: j1\nwasm: w1\nwater: k1\nguide: g1\n";
        let files = BuildFiles::new("pkg", "leg-relief", Some(hashes));
        assert_eq!(files.stylesheet, "/pkg/leg-relief.c1.css");
        let water = files.files(Bundle::Water);
        assert_eq!(water.script, "/pkg/water.k1.js");
        assert_eq!(water.wasm, "/pkg/water.k1.wasm");
        assert!(water.islands);
        assert!(
            !files.files(Bundle::Guide).islands,
            "the guide client has no islands"
        );
        // No finder bundle in this build: the one with every island serves.
        assert_eq!(files.files(Bundle::Finder).wasm, "/pkg/leg-relief.w1.wasm");
        let development = BuildFiles::new("pkg", "leg-relief", None);
        assert_eq!(
            development.files(Bundle::Diary).script,
            "/pkg/leg-relief.js"
        );
        assert_eq!(development.files(Bundle::Guide).wasm, "/pkg/guide.wasm");
    }

    /// The release build makes an islands bundle for each entry of Cargo.toml's `all-islands`
    /// list (.ci/bundles.sh reads it), and the server looks them up by `Bundle::name`: the two
    /// agree. The guide client is the one bundle without islands.
    #[test]
    fn every_bundle_is_a_feature_that_the_build_makes() {
        let manifest: toml::Table =
            toml::from_str(include_str!("../Cargo.toml")).expect("Cargo.toml parses");
        let features = manifest["features"].as_table().expect("a [features] table");
        let built: Vec<&str> = features["all-islands"]
            .as_array()
            .expect("an all-islands list")
            .iter()
            .filter_map(toml::Value::as_str)
            .collect();
        let expected: Vec<String> = Bundle::ALL
            .iter()
            .filter(|bundle| bundle.has_islands())
            .map(|bundle| format!("islands-{}", bundle.name()))
            .collect();
        assert_eq!(built, expected);
        for feature in &expected {
            assert!(features.contains_key(feature), "no feature {feature}");
        }
        let ssr = features["ssr"].as_array().expect("an ssr list");
        assert!(
            ssr.iter().any(|f| f.as_str() == Some("all-islands")),
            "the server renders every island"
        );
        let members = manifest["workspace"]["members"]
            .as_array()
            .expect("workspace members");
        assert!(members
            .iter()
            .any(|m| m.as_str() == Some("crates/guide-client")));
        // islands.js hydrates a page's islands with one bundle, but for those inside a panel that
        // loads its own (`Load::Open`): two would each miss the other's.
        for page in PAGES {
            let islands = page
                .bundles
                .iter()
                .filter(|load| load.bundle().has_islands() && !matches!(load, Open(_)))
                .count();
            assert!(islands <= 1, "{} has {islands} islands bundles", page.path);
        }
    }

    #[test]
    fn the_bedtime_routine_is_a_page_of_its_own() {
        let bedtime = page_at("/routines/bedtime").expect("a page");
        assert_eq!(
            bedtime.bundles,
            &[Now(Bundle::Guide), Near(Bundle::Reminder)]
        );
        assert_eq!(
            page_at("/routines/before-exercise").map(|p| p.bundles),
            Some(&[Now(Bundle::Guide)][..])
        );
    }

    /// The backup is on both records pages, and its bundle comes only when "Your data" opens: the
    /// panel carries the bundle's name, and islands.js starts it from there.
    #[test]
    fn the_backup_loads_when_your_data_opens() {
        for path in ["/water", "/diary"] {
            let bundles = page_at(path).expect("a page").bundles;
            assert!(bundles.contains(&Open(Bundle::Backup)), "{path}");
        }
        let html = view! { <YourData /> }.to_html();
        assert!(
            html.contains(r#"<details data-bundle="backup" class="settings backup"><summary>Your data</summary>"#),
            "{html}"
        );
    }

    #[test]
    fn a_path_matches_its_page_only() {
        assert_eq!(page_at("/").map(|p| p.path), Some("/"));
        assert_eq!(
            page_at("/remedies/heat").map(|p| p.path),
            Some("/remedies/:slug")
        );
        assert_eq!(page_at("/stretches").map(|p| p.path), Some("/stretches"));
        assert_eq!(
            page_at("/stretches/wall-calf-stretch").map(|p| p.path),
            Some("/stretches/:slug")
        );
        assert!(page_at("/remedies/").is_none());
        assert!(page_at("/remedies/heat/more").is_none());
        assert!(page_at("/nowhere").is_none());
    }

    #[test]
    fn every_page_has_addresses_and_none_is_listed_twice() {
        let addresses = page_addresses();
        let unique: std::collections::HashSet<_> = addresses.iter().collect();
        assert_eq!(unique.len(), addresses.len());
        for page in PAGES {
            assert!(!page.addresses().is_empty(), "{}", page.path);
            for address in page.addresses() {
                let path = address.split('?').next().unwrap_or_default();
                assert!(page.matches(path), "{address} is not {}", page.path);
            }
        }
    }
}
