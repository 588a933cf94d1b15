//! One stored document as an island holds it: the loop the water log and the cramp diary share.
//! Read only after hydration, take the newer copy another window or island wrote before every
//! change, save at once, say when the browser refused, and follow every other copy's changes.

use super::{
    records::{Document, Loaded},
    Holder, Key,
};
use leptos::prelude::*;

/// A versioned document kept under one key, which reads itself back (setting aside what it
/// cannot use, see [`super::records`]) and writes itself compactly.
pub trait Record: Document + Send + Sync + 'static {
    const KEY: Key;

    fn load(text: &str) -> Loaded<Self>;

    fn to_text(&self) -> Result<String, serde_json::Error>;

    /// Keeps what this page's own copy knows better than a copy written elsewhere, when it takes
    /// that copy. Nothing, unless the record says.
    fn keep_from(&mut self, _current: &Self) {}
}

/// An island's copy of a [`Record`]: a `Copy` handle to share through context.
pub struct Store<T: Record> {
    pub data: RwSignal<T>,
    /// Set once storage has been read: before that a page shows no figures, not zeros.
    pub ready: RwSignal<bool>,
    /// Something was set aside while reading.
    pub notice: RwSignal<Option<String>>,
    /// The browser refused the last save (see [`super::NOT_SAVED`]).
    pub not_saved: RwSignal<Option<String>>,
    /// This copy, as the page's other islands that hold the key know it.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    holder: Holder,
}

impl<T: Record> Clone for Store<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Record> Copy for Store<T> {}

impl<T: Record> std::fmt::Debug for Store<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("key", &T::KEY).finish()
    }
}

impl<T: Record> Store<T> {
    /// A copy that reads storage once the island has hydrated and then follows other copies.
    pub fn new() -> Self {
        Self::then(|_| {})
    }

    /// As [`Store::new`], running `after_reading` once the stored copy has been read.
    pub fn then(after_reading: impl FnOnce(Self) + 'static) -> Self {
        let store = Self {
            data: RwSignal::new(T::default()),
            ready: RwSignal::new(false),
            notice: RwSignal::new(None),
            not_saved: RwSignal::new(None),
            holder: Holder::new(),
        };
        #[cfg(feature = "hydrate")]
        super::after_hydration(move || {
            store.take(&super::read(T::KEY).unwrap_or_default());
            store.ready.set(true);
            super::follow(T::KEY, store.holder, move |text| store.take(&text));
            // What follows re-renders the island again: a task of its own.
            super::after_hydration(move || after_reading(store));
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = after_reading;
        store
    }

    /// Changes the document and saves it, starting from the newest stored copy, so that a change
    /// made in another window since is kept rather than overwritten; what `edit` returns.
    pub fn change<R>(self, edit: impl FnOnce(&mut T) -> R) -> R {
        #[cfg(feature = "hydrate")]
        if let Some(text) = super::newer(T::KEY) {
            self.take(&text);
        }
        let result = self
            .data
            .try_update(edit)
            .expect("a store lives as long as its island");
        self.save();
        result
    }

    /// Saves the document as it is and tells the page's other copies; a refusal is said in
    /// `not_saved` until a save succeeds.
    pub fn save(self) {
        #[cfg(feature = "hydrate")]
        {
            let saved = self
                .data
                .with_untracked(T::to_text)
                .map_err(|err| super::StorageError::Encode(err.to_string()))
                .and_then(|text| super::share(T::KEY, text, self.holder));
            self.not_saved.set(saved.err().map(|err| err.to_string()));
        }
    }

    /// Takes a stored text as this copy.
    #[cfg(feature = "hydrate")]
    fn take(self, text: &str) {
        let mut loaded = T::load(text);
        self.data
            .with_untracked(|current| loaded.data.keep_from(current));
        self.data.set(loaded.data);
        if loaded.notice.is_some() {
            self.notice.set(loaded.notice);
        }
        if !loaded.set_aside.is_empty() {
            // What was set aside lives inside the document: written back, it is never lost.
            self.save();
        }
    }
}

impl<T: Record> Default for Store<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// What the person must know of their stored copy: something set aside while reading (until they
/// say OK), and a change the browser refused to save.
#[component]
pub fn StoreNotices<T: Record>(store: Store<T>) -> impl IntoView {
    view! {
        {move || {
            store
                .notice
                .get()
                .map(|text| {
                    view! {
                        <div class="notice no-print" role="alert">
                            <p>{text}</p>
                            <button
                                type="button"
                                class="button button-quiet"
                                on:click=move |_| store.notice.set(None)
                            >
                                "OK"
                            </button>
                        </div>
                    }
                })
        }}
        {move || {
            store
                .not_saved
                .get()
                .map(|text| {
                    view! {
                        <div class="notice not-saved no-print" role="alert">
                            <p>{text}</p>
                        </div>
                    }
                })
        }}
    }
}
