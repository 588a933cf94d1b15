//! Light and dark theme: follows the system unless the person picks one on this device.
//!
//! The switch is server-rendered here; `public/theme.js` applies a stored choice before the first
//! paint and handles the switch, so reading pages need no WASM at all.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemePreference {
    System,
    Light,
    Dark,
}

impl ThemePreference {
    /// The value written to `<html data-theme>` (and stored by theme.js); none for "system".
    pub fn attribute(self) -> Option<&'static str> {
        match self {
            Self::System => None,
            Self::Light => Some("light"),
            Self::Dark => Some("dark"),
        }
    }
}

/// A switch for the dark theme, pressed when the page is dark. Rendered from the app's default;
/// theme.js corrects it from what the device has stored and flips it.
#[component]
pub fn ThemeToggle(default: ThemePreference) -> impl IntoView {
    view! {
        <button
            type="button"
            class="theme-toggle"
            data-theme-toggle=""
            aria-pressed=(default == ThemePreference::Dark).to_string()
        >
            <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
                <path d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z"></path>
            </svg>
            <span>"Dark theme"</span>
        </button>
    }
}
