//! The diary as an island holds it: one `Copy` state shared by the diary pages (Cramp now writes
//! the stored document itself, with `guide_core::diary::change`, and the pages follow it).
//! Storage is read only after hydration, every change starts from the newest stored copy
//! (another window may have written one) and is saved at once.

use super::storage::Stored;
use leptos::prelude::*;

#[derive(Debug, Clone, Copy)]
pub struct DiaryState {
    pub data: RwSignal<Stored>,
    /// Set once storage has been read: before that the page shows no figures, not zeros.
    pub ready: RwSignal<bool>,
    /// Something was set aside while reading.
    pub notice: RwSignal<Option<String>>,
    /// The browser refused the last save (see `device::NOT_SAVED`).
    pub not_saved: RwSignal<Option<String>>,
}

impl DiaryState {
    pub fn new() -> Self {
        let state = Self {
            data: RwSignal::new(Stored::default()),
            ready: RwSignal::new(false),
            notice: RwSignal::new(None),
            not_saved: RwSignal::new(None),
        };
        #[cfg(feature = "hydrate")]
        browser::start(state);
        state
    }

    /// Changes the diary and saves it; what `edit` returns.
    pub fn change<R>(self, edit: impl FnOnce(&mut Stored) -> R) -> R {
        #[cfg(feature = "hydrate")]
        browser::take_newer(self);
        let result = self
            .data
            .try_update(edit)
            .expect("the diary state lives as long as its island");
        #[cfg(feature = "hydrate")]
        self.not_saved.set(browser::save(self.data));
        result
    }
}

impl Default for DiaryState {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::DiaryState;
    use crate::{
        device::{self, Key},
        diary::storage::{self, Stored},
    };
    use leptos::prelude::*;

    pub fn start(state: DiaryState) {
        device::after_hydration(move || {
            let text = device::read(Key::Diary).unwrap_or_default();
            apply(state, &text);
            state.ready.set(true);
            device::follow(Key::Diary, device::Holder::new(), move |text| {
                apply(state, &text)
            });
        });
    }

    fn apply(state: DiaryState, text: &str) {
        let loaded = storage::load(text);
        let kept_aside = !loaded.set_aside.is_empty();
        state.data.set(loaded.data);
        if loaded.notice.is_some() {
            state.notice.set(loaded.notice);
        }
        if kept_aside {
            // What was set aside lives inside the document: write it back so it is never lost.
            state.not_saved.set(save(state.data));
        }
    }

    pub fn take_newer(state: DiaryState) {
        if let Some(text) = device::newer(Key::Diary) {
            apply(state, &text);
        }
    }

    pub fn save(data: RwSignal<Stored>) -> Option<String> {
        let text = data.with_untracked(storage::to_storage_text).ok()?;
        device::store_text(Key::Diary, text)
            .err()
            .map(|err| err.to_string())
    }
}
