//! Everything the app keeps on the person's device, in one place: the keys, how a value is written
//! and read back, and what happens when the browser refuses a write.
//!
//! Each kind of data is one JSON text under one key (its own format version lives inside it).
//! The theme's key, `leg-relief.theme`, is the one exception: `public/theme.js` reads it before
//! the first paint, before any WASM runs.
//!
//! Rules every island follows:
//! - read only after hydration (in an Effect), never while the server renders;
//! - write only what changed, compactly;
//! - a write the browser refuses (storage full, private mode, storage blocked) is kept here and
//!   retried with the next write, and the person is told ([`NOT_SAVED`]);
//! - before changing data, take the newest stored copy (another tab or the installed app may have
//!   written it), and follow other windows' writes through the `storage` event and the page's
//!   other islands' through [`share`], so a stale copy never overwrites a newer one.
//!
//! [`records`] holds what the versioned stores (water log, cramp diary) share when they read
//! themselves back, and [`Store`] the loop their islands share around them. The one backup file
//! that holds both is [`crate::backup`], a feature above them, so this module depends on no
//! feature.

pub mod records;
mod store;

pub use store::{Record, Store, StoreNotices};

use serde::{de::DeserializeOwned, Serialize};

/// The things kept on the device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    /// "My situation" in the finder.
    Profile,
    /// The stretch timer's sound and vibration choices.
    Cues,
    /// The water log and its settings.
    Water,
    /// The cramp diary.
    Diary,
    /// A Cramp now hold while it runs, so a reload or a closed tab never loses it.
    Hold,
    /// Push reminders: each kind's registration with the server (its id and secret, to change
    /// or delete it) and the bedtime reminder's time (`push::PushDevice`).
    Push,
}

impl Key {
    pub const ALL: [Key; 6] = [
        Key::Profile,
        Key::Cues,
        Key::Water,
        Key::Diary,
        Key::Hold,
        Key::Push,
    ];

    /// The local storage key. Never rename one: it would lose what people have stored.
    pub const fn name(self) -> &'static str {
        match self {
            Key::Profile => "leg-relief.profile.v1",
            Key::Cues => guide_core::CUES_KEY,
            Key::Water => "leg-relief.water.v1",
            Key::Diary => guide_core::diary::DIARY_KEY,
            Key::Hold => guide_core::hold::HOLD_KEY,
            Key::Push => "leg-relief.push.v1",
        }
    }

    pub fn from_name(name: &str) -> Option<Key> {
        Key::ALL.into_iter().find(|key| key.name() == name)
    }
}

/// Keys earlier versions used for what is no longer kept on the device: the finder's copy of
/// the remedies, now the service worker's saved search index.
pub const RETIRED: [&str; 1] = ["leg-relief.catalogue"];

pub use guide_core::NOT_SAVED;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    /// No local storage at all (blocked by a setting, or not a browser).
    #[error("{NOT_SAVED}")]
    Unavailable,
    /// The browser threw on the write: quota exceeded or writes forbidden.
    #[error("{NOT_SAVED}")]
    Refused,
    #[error("The data could not be written: {0}")]
    Encode(String),
}

/// Where texts are kept: the browser's local storage, or a map in tests.
pub trait Backend {
    fn read(&self, key: &str) -> Option<String>;
    fn write(&mut self, key: &str, text: &str) -> Result<(), StorageError>;
}

/// The write side: remembers what it last wrote per key (so an unchanged value is not written
/// again, and a write by another window can be told apart from our own), and keeps a refused
/// write until a later one succeeds.
#[derive(Debug, Default)]
pub struct Writer {
    written: PerKey,
    pending: PerKey,
}

/// A text per key, in an array indexed by the key: the bundles need no hash map code for six.
#[derive(Debug, Default)]
struct PerKey([Option<String>; Key::ALL.len()]);

impl PerKey {
    fn get(&self, key: Key) -> Option<&String> {
        self.0[key as usize].as_ref()
    }

    fn insert(&mut self, key: Key, text: String) {
        self.0[key as usize] = Some(text);
    }

    fn remove(&mut self, key: Key) -> Option<String> {
        self.0[key as usize].take()
    }

    fn contains_key(&self, key: Key) -> bool {
        self.0[key as usize].is_some()
    }
}

impl Writer {
    /// Writes `value` under `key` unless it is what this writer last wrote there. A refused
    /// write stays pending (and is retried by every later `save` or [`Writer::retry`]).
    pub fn save<T: Serialize>(
        &mut self,
        backend: &mut impl Backend,
        key: Key,
        value: &T,
    ) -> Result<(), StorageError> {
        let text = serde_json::to_string(value).map_err(|e| StorageError::Encode(e.to_string()))?;
        self.save_text(backend, key, text)
    }

    pub fn save_text(
        &mut self,
        backend: &mut impl Backend,
        key: Key,
        text: String,
    ) -> Result<(), StorageError> {
        if self.written.get(key) == Some(&text) && !self.pending.contains_key(key) {
            return Ok(());
        }
        self.pending.insert(key, text);
        self.retry(backend)
    }

    /// Tries every pending write again; Ok once nothing is pending.
    pub fn retry(&mut self, backend: &mut impl Backend) -> Result<(), StorageError> {
        let mut outcome = Ok(());
        for key in Key::ALL {
            let Some(text) = self.pending.get(key) else {
                continue;
            };
            match backend.write(key.name(), text) {
                Ok(()) => {
                    if let Some(text) = self.pending.remove(key) {
                        self.written.insert(key, text);
                    }
                }
                Err(err) => outcome = Err(err),
            }
        }
        outcome
    }

    pub fn has_pending(&self, key: Key) -> bool {
        self.pending.contains_key(key)
    }

    /// The stored text when it is newer than what this page knows: another window wrote it.
    /// None when it is what we wrote last (or nothing is stored and we never wrote).
    /// While a write of ours is pending, our copy is the newest there is.
    pub fn newer<'a>(&self, key: Key, stored: Option<&'a str>) -> Option<&'a str> {
        let stored = stored?;
        (!self.pending.contains_key(key)
            && self.written.get(key).map(String::as_str) != Some(stored))
        .then_some(stored)
    }

    /// Records a text read from storage as the known state of `key`.
    pub fn seen(&mut self, key: Key, text: &str) {
        if !self.pending.contains_key(key) {
            self.written.insert(key, text.to_string());
        }
    }
}

/// An island that holds a copy of a stored key, as the page's other islands know it: each one
/// (the water tracker, the water settings panels) saves as itself, so that it is told of every
/// other island's change ([`share`], [`follow`]) but not of its own. Islands of different bundles
/// share no memory, so the mark is random rather than counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holder(u32);

impl Holder {
    /// No island's: a restored backup, which every island takes.
    #[cfg(any(feature = "hydrate", test))]
    const NOBODY: Holder = Holder(0);

    pub fn new() -> Self {
        #[cfg(feature = "hydrate")]
        let mark = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
        #[cfg(not(feature = "hydrate"))]
        let mark = 0;
        Holder(mark.max(1))
    }
}

impl Default for Holder {
    fn default() -> Self {
        Self::new()
    }
}

/// What the event that tells this page's islands of a change carries: the key and whose copy
/// changed it.
#[cfg(any(feature = "hydrate", test))]
fn change_detail(key: Key, from: Holder) -> String {
    format!("{} {}", key.name(), from.0)
}

/// Whether the island holding `mine` of `key` takes the change an event's `detail` names.
#[cfg(any(feature = "hydrate", test))]
fn takes_change(detail: &str, key: Key, mine: Holder) -> bool {
    detail
        .split_once(' ')
        .is_some_and(|(name, from)| name == key.name() && from.parse() != Ok(mine.0))
}

/// Reads a value; None when nothing is stored or it is not readable as `T`.
pub fn decode<T: DeserializeOwned>(text: Option<&str>) -> Option<T> {
    serde_json::from_str(text?).ok()
}

#[cfg(feature = "hydrate")]
pub use browser::*;

#[cfg(feature = "hydrate")]
mod browser {
    //! The browser's local storage behind [`Backend`], one [`Writer`] per page.

    use super::{change_detail, decode, takes_change, Backend, Holder, Key, StorageError, Writer};
    use leptos::{prelude::*, wasm_bindgen::JsCast};
    use serde::{de::DeserializeOwned, Serialize};
    use std::{cell::RefCell, time::Duration};
    use wasm_bindgen::JsValue;

    /// The event that tells this page's islands a key changed (another island saved it, or a
    /// backup was restored): the browser's `storage` event only reaches other windows.
    const CHANGED: &str = "leg-relief-changed";

    pub struct LocalStorage;

    impl Backend for LocalStorage {
        fn read(&self, key: &str) -> Option<String> {
            storage()?.get_item(key).ok().flatten()
        }

        fn write(&mut self, key: &str, text: &str) -> Result<(), StorageError> {
            let storage = storage().ok_or(StorageError::Unavailable)?;
            storage
                .set_item(key, text)
                .map_err(|_| StorageError::Refused)
        }
    }

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok().flatten()
    }

    thread_local! {
        static WRITER: RefCell<Writer> = RefCell::new(Writer::default());
    }

    /// The stored text of `key`, remembered as this page's known state.
    pub fn read(key: Key) -> Option<String> {
        let text = LocalStorage.read(key.name())?;
        WRITER.with_borrow_mut(|writer| writer.seen(key, &text));
        Some(text)
    }

    pub fn load<T: DeserializeOwned>(key: Key) -> Option<T> {
        decode(read(key).as_deref())
    }

    pub fn store<T: Serialize>(key: Key, value: &T) -> Result<(), StorageError> {
        WRITER.with_borrow_mut(|writer| writer.save(&mut LocalStorage, key, value))
    }

    pub fn store_text(key: Key, text: String) -> Result<(), StorageError> {
        WRITER.with_borrow_mut(|writer| writer.save_text(&mut LocalStorage, key, text))
    }

    /// The stored text of `key` if another window wrote it since this page last read or wrote it.
    pub fn newer(key: Key) -> Option<String> {
        let stored = LocalStorage.read(key.name());
        let newer =
            WRITER.with_borrow(|writer| writer.newer(key, stored.as_deref()).map(str::to_string));
        if let Some(text) = &newer {
            WRITER.with_borrow_mut(|writer| writer.seen(key, text));
        }
        newer
    }

    /// Removes what earlier versions kept and this one no longer needs.
    pub fn retire_old_keys() {
        if let Some(storage) = storage() {
            for key in super::RETIRED {
                let _ = storage.remove_item(key);
            }
        }
    }

    /// Saves `text` as `key` as the island `from`, and tells the page's other islands
    /// that follow it.
    pub fn share(key: Key, text: String, from: Holder) -> Result<(), StorageError> {
        store_text(key, text)?;
        tell(key, from);
        Ok(())
    }

    /// Writes `text` as the whole of `key` (a restored backup) and tells every island of the page,
    /// which takes it as if another window had written it.
    pub fn replace(key: Key, text: String) -> Result<(), StorageError> {
        share(key, text, Holder::NOBODY)
    }

    fn tell(key: Key, from: Holder) {
        let init = web_sys::CustomEventInit::new();
        init.set_detail(&JsValue::from_str(&change_detail(key, from)));
        if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(CHANGED, &init) {
            // Listeners run before this returns: the other islands are current at once.
            let _ = window().dispatch_event(&event);
        }
    }

    /// Runs `changed` with the new text whenever another window writes `key`, or another island
    /// of this page than `mine` saves it. Retries pending writes too, since
    /// another window's successful write means storage works again.
    pub fn follow(key: Key, mine: Holder, changed: impl Fn(String) + Clone + 'static) {
        let from_others = changed.clone();
        let handle = window_event_listener(leptos::ev::storage, move |event| {
            if event.key().as_deref() != Some(key.name()) {
                return;
            }
            let _ = WRITER.with_borrow_mut(|writer| writer.retry(&mut LocalStorage));
            if let Some(text) = newer(key) {
                from_others(text);
            }
        });
        let told = window_event_listener_untyped(CHANGED, move |event| {
            let detail = event
                .dyn_into::<web_sys::CustomEvent>()
                .ok()
                .and_then(|e| e.detail().as_string());
            if detail.is_some_and(|detail| takes_change(&detail, key, mine)) {
                let text = LocalStorage.read(key.name()).unwrap_or_default();
                WRITER.with_borrow_mut(|writer| writer.seen(key, &text));
                changed(text);
            }
        });
        // The island lives as long as the page.
        std::mem::forget(handle);
        std::mem::forget(told);
    }

    /// Resolves in a task of its own, after whatever input the browser has queued: work after it
    /// cannot lengthen the task before (hydration, a fetch), where a tap would wait for both.
    pub async fn next_task() {
        let wait = js_sys::Promise::new(&mut |resolve, _| {
            let queued = web_sys::window()
                .is_some_and(|window| window.set_timeout_with_callback(&resolve).is_ok());
            if !queued {
                let _ = resolve.call0(&JsValue::NULL);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(wait).await;
    }

    /// Something an island does once the bundle's islands have hydrated.
    type PutOff = Box<dyn FnOnce()>;

    thread_local! {
        /// What this bundle's islands put off until islands.js has hydrated them all (`None`
        /// when nothing waits for that): reading storage changes what an island shows, and a
        /// child island still to hydrate must find the markup the server rendered.
        static PUT_OFF: RefCell<Option<Vec<PutOff>>> = const { RefCell::new(None) };
    }

    /// From now until [`run_put_off`], [`after_hydration`] waits for the bundle's islands.
    pub fn put_off_until_hydrated() {
        PUT_OFF.set(Some(Vec::new()));
    }

    /// Runs what the islands put off, each in a task of its own.
    pub fn run_put_off() {
        for run in PUT_OFF.take().unwrap_or_default() {
            in_a_task_of_its_own(run);
        }
    }

    /// Runs `read` once the bundle's islands have hydrated (when islands.js says when, see
    /// `crate::hydrated`), in a task of its own, with the island's owner (its context and
    /// cleanups): reading storage re-renders an island, and that is a long task of its own.
    pub fn after_hydration(read: impl FnOnce() + 'static) {
        let owner = Owner::current();
        let run: PutOff = Box::new(move || match owner {
            Some(owner) => owner.with(read),
            None => read(),
        });
        let now = PUT_OFF.with_borrow_mut(|put_off| match put_off {
            Some(waiting) => {
                waiting.push(run);
                None
            }
            None => Some(run),
        });
        if let Some(run) = now {
            in_a_task_of_its_own(run);
        }
    }

    fn in_a_task_of_its_own(run: PutOff) {
        leptos::task::spawn_local(async move {
            next_task().await;
            run();
        });
    }

    /// Saves `text` as a file: a Blob, which has no size limit (a data: address has).
    pub fn download(name: &str, mime: &str, text: &str) {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let parts = js_sys::Array::of1(&JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(&format!("{mime};charset=utf-8"));
        let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
            return;
        };
        let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
            return;
        };
        if let Ok(link) = document.create_element("a") {
            let _ = link.set_attribute("href", &url);
            let _ = link.set_attribute("download", name);
            if let Ok(link) = link.dyn_into::<web_sys::HtmlElement>() {
                link.click();
            }
        }
        // Later, not now: the browser reads the Blob once the download has started.
        set_timeout(
            move || {
                let _ = web_sys::Url::revoke_object_url(&url);
            },
            Duration::from_secs(60),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// Local storage as a map, which can be told to refuse writes.
    #[derive(Default)]
    struct Fake {
        items: HashMap<String, String>,
        full: bool,
        writes: usize,
    }

    impl Backend for Fake {
        fn read(&self, key: &str) -> Option<String> {
            self.items.get(key).cloned()
        }

        fn write(&mut self, key: &str, text: &str) -> Result<(), StorageError> {
            if self.full {
                return Err(StorageError::Refused);
            }
            self.writes += 1;
            self.items.insert(key.to_string(), text.to_string());
            Ok(())
        }
    }

    #[test]
    fn an_island_is_told_of_every_change_to_its_key_but_its_own() {
        let (tracker, panel) = (Holder(7), Holder(1234));
        let saved = change_detail(Key::Water, panel);
        assert!(takes_change(&saved, Key::Water, tracker));
        assert!(!takes_change(&saved, Key::Water, panel), "its own change");
        assert!(!takes_change(&saved, Key::Diary, tracker), "another key");
        let restored = change_detail(Key::Water, Holder::NOBODY);
        assert!(takes_change(&restored, Key::Water, panel));
        assert!(takes_change(&restored, Key::Water, tracker));
        assert!(!takes_change("nonsense", Key::Water, tracker));
        assert_ne!(Holder::new(), Holder::NOBODY);
    }

    #[test]
    fn an_unchanged_value_is_not_written_again() {
        let (mut fake, mut writer) = (Fake::default(), Writer::default());
        writer.save(&mut fake, Key::Water, &[1, 2]).unwrap();
        writer.save(&mut fake, Key::Water, &[1, 2]).unwrap();
        assert_eq!(fake.writes, 1);
        writer.save(&mut fake, Key::Water, &[1, 2, 3]).unwrap();
        assert_eq!(fake.writes, 2);
        assert_eq!(
            fake.read(Key::Water.name()).as_deref(),
            Some("[1,2,3]"),
            "compact JSON"
        );
    }

    #[test]
    fn a_refused_write_is_kept_and_saved_once_storage_works_again() {
        let (mut fake, mut writer) = (Fake::default(), Writer::default());
        fake.full = true;
        let refused = writer.save(&mut fake, Key::Diary, &"first entry");
        assert_eq!(refused, Err(StorageError::Refused));
        assert!(refused.unwrap_err().to_string().starts_with("Not saved"));
        assert!(writer.has_pending(Key::Diary));
        // Saving the same value again still tries: nothing has been stored yet.
        assert!(writer.save(&mut fake, Key::Diary, &"first entry").is_err());

        fake.full = false;
        writer.retry(&mut fake).unwrap();
        assert!(!writer.has_pending(Key::Diary));
        assert_eq!(
            fake.read(Key::Diary.name()).as_deref(),
            Some("\"first entry\"")
        );
    }

    #[test]
    fn only_another_windows_write_counts_as_newer() {
        let (mut fake, mut writer) = (Fake::default(), Writer::default());
        assert_eq!(writer.newer(Key::Water, None), None);
        writer.save(&mut fake, Key::Water, &1).unwrap();
        assert_eq!(writer.newer(Key::Water, Some("1")), None, "our own write");
        assert_eq!(
            writer.newer(Key::Water, Some("2")),
            Some("2"),
            "another window's"
        );
        writer.seen(Key::Water, "2");
        assert_eq!(writer.newer(Key::Water, Some("2")), None);
    }

    #[test]
    fn every_key_has_its_own_name() {
        for key in Key::ALL {
            assert_eq!(Key::from_name(key.name()), Some(key));
            assert!(key.name().starts_with("leg-relief."));
        }
        let names: std::collections::HashSet<_> = Key::ALL.iter().map(|k| k.name()).collect();
        assert_eq!(names.len(), Key::ALL.len());
    }

    #[test]
    fn each_key_has_its_own_place_in_a_writers_array() {
        for (place, key) in Key::ALL.into_iter().enumerate() {
            assert_eq!(key as usize, place, "{key:?}");
        }
    }
}
