#![recursion_limit = "256"]
//! Leg Relief: honest, offline help for leg cramps and leg pain.
//!
//! Pages are rendered on the server; only the interactive parts (islands) hydrate in the browser,
//! which keeps the content out of the WASM.

pub mod app;
pub mod backup;
pub mod bundle;
pub mod clock;
pub mod content;
pub mod cramp;
pub mod decimal;
pub mod device;
pub mod diary;
pub mod error;
pub mod finder;
pub mod home;
pub mod learn;
pub mod push;
pub mod pwa;
pub mod reminders;
pub mod stretches;
pub mod theme;
pub mod ui;
pub mod water;

#[cfg(feature = "ssr")]
pub mod memory;
#[cfg(feature = "ssr")]
pub mod server;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // public/islands.js then hydrates each island in its own task and marks the page hydrated.
    leptos::mount::hydrate_islands();
}
