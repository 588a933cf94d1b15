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

/// Starts an islands bundle. public/islands.js then hydrates each island in its own task and,
/// when it says so (`tells_when_hydrated`, which an older islands.js still cached by the service
/// worker does not), calls [`hydrated`] after the last: what the islands put off until then
/// (reading the device's storage) waits for it.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate(tells_when_hydrated: Option<bool>) {
    console_error_panic_hook::set_once();
    if tells_when_hydrated == Some(true) {
        device::put_off_until_hydrated();
    }
    leptos::mount::hydrate_islands();
}

/// Every island of the bundle that islands.js hydrates with it has hydrated.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrated() {
    device::run_put_off();
}
