//! Light and dark theme: follows the system unless the person picks one on this device.
//!
//! `public/theme.js` applies a stored choice before the first paint; the island below lets the
//! person change it and keeps the choice in localStorage.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The localStorage key; `public/theme.js` reads the same key.
pub const STORAGE_KEY: &str = "leg-relief.theme";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemePreference {
    System,
    Light,
    Dark,
}

impl ThemePreference {
    /// The value stored on the device and written to `<html data-theme>`; none for "system".
    pub fn attribute(self) -> Option<&'static str> {
        match self {
            Self::System => None,
            Self::Light => Some("light"),
            Self::Dark => Some("dark"),
        }
    }

    /// Reads a stored choice; anything unexpected means "no choice".
    pub fn from_stored(value: Option<&str>) -> Option<Self> {
        match value {
            Some("light") => Some(Self::Light),
            Some("dark") => Some(Self::Dark),
            _ => None,
        }
    }

    pub fn is_dark(self, system_dark: bool) -> bool {
        match self {
            Self::System => system_dark,
            Self::Light => false,
            Self::Dark => true,
        }
    }
}

/// What to store after the person flips the theme. `None` means "forget the choice": the new
/// look is what the app would show anyway, so later changes of the system setting apply again.
pub fn choice_after_toggle(
    now_dark: bool,
    default: ThemePreference,
    system_dark: bool,
) -> Option<ThemePreference> {
    let wanted_dark = !now_dark;
    if default.is_dark(system_dark) == wanted_dark {
        None
    } else if wanted_dark {
        Some(ThemePreference::Dark)
    } else {
        Some(ThemePreference::Light)
    }
}

/// A switch for the dark theme. Server-rendered from the app's default; corrected after
/// hydration from what the device has stored, since storage can't be read during SSR.
#[island]
pub fn ThemeToggle(default: ThemePreference) -> impl IntoView {
    let dark = RwSignal::new(default == ThemePreference::Dark);
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        dark.set(browser::is_dark_now(default));
    });
    let flip = move |_| {
        let now_dark = dark.get_untracked();
        #[cfg(feature = "hydrate")]
        browser::store_and_apply(
            choice_after_toggle(now_dark, default, browser::system_dark()),
            default,
        );
        dark.set(!now_dark);
    };
    view! {
        <button
            type="button"
            class="theme-toggle"
            aria-pressed=move || dark.get().to_string()
            on:click=flip
        >
            <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
                <path d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z"></path>
            </svg>
            <span>"Dark theme"</span>
        </button>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::{ThemePreference, STORAGE_KEY};

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok().flatten()
    }

    pub fn system_dark() -> bool {
        web_sys::window()
            .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
            .is_some_and(|query| query.matches())
    }

    fn stored() -> Option<ThemePreference> {
        let value = storage()?.get_item(STORAGE_KEY).ok().flatten();
        ThemePreference::from_stored(value.as_deref())
    }

    pub fn is_dark_now(default: ThemePreference) -> bool {
        stored().unwrap_or(default).is_dark(system_dark())
    }

    pub fn store_and_apply(choice: Option<ThemePreference>, default: ThemePreference) {
        if let Some(storage) = storage() {
            // Private modes may refuse storage; the theme still changes for this page.
            let _ = match choice.and_then(ThemePreference::attribute) {
                Some(value) => storage.set_item(STORAGE_KEY, value),
                None => storage.remove_item(STORAGE_KEY),
            };
        }
        let root = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element());
        if let Some(root) = root {
            let _ = match choice.unwrap_or(default).attribute() {
                Some(value) => root.set_attribute("data-theme", value),
                None => root.remove_attribute("data-theme"),
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ThemePreference::*;

    #[test]
    fn system_default_follows_the_system() {
        assert!(System.is_dark(true));
        assert!(!System.is_dark(false));
    }

    #[test]
    fn flipping_away_from_the_system_look_stores_a_choice() {
        assert_eq!(choice_after_toggle(false, System, false), Some(Dark));
        assert_eq!(choice_after_toggle(true, System, true), Some(Light));
    }

    #[test]
    fn flipping_back_to_the_default_look_forgets_the_choice() {
        assert_eq!(choice_after_toggle(true, System, false), None);
        assert_eq!(choice_after_toggle(false, Dark, false), None);
        assert_eq!(choice_after_toggle(true, Light, true), None);
    }

    #[test]
    fn unexpected_stored_values_are_ignored() {
        assert_eq!(ThemePreference::from_stored(Some("purple")), None);
        assert_eq!(ThemePreference::from_stored(None), None);
        assert_eq!(ThemePreference::from_stored(Some("dark")), Some(Dark));
    }
}
