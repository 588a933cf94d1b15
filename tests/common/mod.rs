//! What the server test files share: the settings in Leptos.toml and a router built from them.

use axum::Router;
use leg_relief::server::{self, settings::Settings};
use std::sync::LazyLock;

/// Leptos.toml as shipped.
pub fn settings() -> Settings {
    Settings::parse("Leptos.toml", include_str!("../../Leptos.toml")).expect("settings")
}

/// The router for `settings`, pre-rendered on a runtime of its own so that any test's runtime
/// can use it.
pub fn build(settings: Settings) -> Router {
    std::thread::spawn(move || {
        tokio::runtime::Runtime::new()
            .expect("a runtime")
            .block_on(server::router(&settings, None))
            .expect("every page renders")
    })
    .join()
    .expect("building the router does not panic")
}

/// The server as configured in Leptos.toml, built once per test file: pre-rendering every page
/// is the slow part.
pub static APP: LazyLock<Router> = LazyLock::new(|| build(settings()));
