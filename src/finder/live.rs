//! The finder once JavaScript runs: results update as the person types, the URL follows so
//! links can be shared and back/forward work, "my situation" flags remedies, and when the server
//! can't be reached the same search runs here over the catalogue kept on the device.

use super::{
    count_text,
    profile::{self, Profile, ASKABLE},
    search::Query,
    search_remedies, NoMatch,
};
use crate::{
    content::model::{BodyPart, Grade, RemedyKind, RemedySummary, Situation, UrlValue},
    ui::RemedyCard,
};
use leptos::{prelude::*, task::spawn_local};

/// `catalogue_version` names the content the server has now: a saved copy under another name is
/// out of date and fetched again.
#[island]
pub fn FinderLive(
    query: Query,
    problem: Option<String>,
    catalogue_version: String,
    children: Children,
) -> impl IntoView {
    // Attributes carry the first state into the server's HTML; properties follow changes.
    let initial = query.clone();
    let query = RwSignal::new(query);
    let problem = RwSignal::new(problem);
    let profile = RwSignal::new(Profile::default());
    // None until the browser has its own results; the server-rendered ones show until then.
    let results = RwSignal::new(None::<Vec<RemedySummary>>);
    let offline = RwSignal::new(false);
    let generation = StoredValue::new(0_u64);
    // Set when this browser refused to save "My situation".
    let not_saved = RwSignal::new(None::<String>);

    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            profile.set(browser::load_profile());
            browser::keep_catalogue_for_offline(catalogue_version.clone());
            browser::follow_history(query);
            crate::device::follow(crate::device::Key::Profile, move |text| {
                profile.set(Profile::from_stored(Some(&text)));
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &catalogue_version;
    });

    Effect::new(move |previous: Option<()>| {
        // The server's note about a bad address stays until the person changes the query.
        let keep_server_note = previous.is_none();
        let current = query.get();
        #[cfg(feature = "hydrate")]
        browser::show_in_url(&current);
        let id = generation.get_value() + 1;
        generation.set_value(id);
        spawn_local(async move {
            let outcome = lookup(&current).await;
            // A slower answer to an older query must not overwrite a newer one.
            if generation.get_value() != id {
                return;
            }
            match outcome {
                Ok((found, was_offline)) => {
                    if !keep_server_note {
                        problem.set(None);
                    }
                    offline.set(was_offline);
                    results.set(Some(found));
                }
                Err(message) => problem.set(Some(message)),
            }
        });
    });

    let save_profile = move |change: &dyn Fn(&mut Profile)| {
        profile.update(|p| change(p));
        #[cfg(feature = "hydrate")]
        not_saved.set(
            crate::device::store(crate::device::Key::Profile, &profile.get_untracked())
                .err()
                .map(|err| err.to_string()),
        );
    };

    let arranged = move || {
        results.get().map(|found| {
            let profile = profile.get();
            let (ordered, hidden) = profile::arrange(&profile, found, |r| &r.cautions);
            let cards = ordered
                .into_iter()
                .map(|remedy| {
                    let for_you = profile
                        .cautions_for(&remedy.cautions)
                        .iter()
                        .flat_map(|c| c.groups.iter().copied())
                        .filter(|g| profile.has(*g))
                        .collect::<std::collections::BTreeSet<_>>()
                        .into_iter()
                        .collect::<Vec<_>>();
                    (remedy, for_you)
                })
                .collect::<Vec<_>>();
            (cards, hidden)
        })
    };

    view! {
        <form class="finder-form" method="get" action="/finder" role="search" on:submit=|ev| ev.prevent_default()>
            <label for="finder-q">"Search remedies"</label>
            <div class="search-row">
                <input
                    id="finder-q"
                    type="search"
                    name="q"
                    autocomplete="off"
                    maxlength="200"
                    placeholder="e.g. calf cramp at night"
                    value=initial.text.clone()
                    prop:value=move || query.with(|q| q.text.clone())
                    on:input=move |ev| query.update(|q| q.text = event_target_value(&ev))
                />
                <button type="submit">"Search"</button>
            </div>
            <div class="filters">
                <Choice
                    label="Situation"
                    name="situation"
                    options=Situation::ALL.iter().map(|s| (s.url_name(), s.label())).collect()
                    selected=Signal::derive(move || query.with(|q| q.situations.first().map(|s| s.url_name())))
                    on_change=move |value| query.update(|q| q.situations = Situation::from_url_name(&value).into_iter().collect())
                />
                <Choice
                    label="Body part"
                    name="part"
                    options=BodyPart::ALL.iter().map(|p| (p.url_name(), p.label())).collect()
                    selected=Signal::derive(move || query.with(|q| q.parts.first().map(|p| p.url_name())))
                    on_change=move |value| query.update(|q| q.parts = BodyPart::from_url_name(&value).into_iter().collect())
                />
                <Choice
                    label="Kind"
                    name="kind"
                    options=RemedyKind::ALL.iter().map(|k| (k.url_name(), k.label())).collect()
                    selected=Signal::derive(move || query.with(|q| q.kinds.first().map(|k| k.url_name())))
                    on_change=move |value| query.update(|q| q.kinds = RemedyKind::from_url_name(&value).into_iter().collect())
                />
                <fieldset class="grades">
                    <legend>"Evidence"</legend>
                    {Grade::ALL
                        .iter()
                        .map(|&grade| {
                            view! {
                                <label class="grade-choice">
                                    <input
                                        type="checkbox"
                                        name="grade"
                                        value=grade.letter()
                                        checked=initial.grades.contains(&grade)
                                        prop:checked=move || query.with(|q| q.grades.contains(&grade))
                                        on:change=move |_| {
                                            query.update(|q| {
                                                if q.grades.contains(&grade) {
                                                    q.grades.retain(|g| *g != grade);
                                                } else {
                                                    q.grades.push(grade);
                                                    q.grades.sort();
                                                }
                                            })
                                        }
                                    />
                                    <span>{grade.letter()} " · " {grade.label()}</span>
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
            </div>
        </form>
        <details class="profile">
            <summary>"My situation"</summary>
            <p>"Kept only on this device. Remedies with a caution for you are marked and listed last."</p>
            {ASKABLE
                .iter()
                .map(|&(group, text)| {
                    view! {
                        <label class="check">
                            <input
                                type="checkbox"
                                prop:checked=move || profile.with(|p| p.has(group))
                                on:change=move |_| save_profile(&|p: &mut Profile| p.toggle(group))
                            />
                            <span>{text}</span>
                        </label>
                    }
                })
                .collect_view()}
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || profile.with(|p| p.hide_cautioned)
                    on:change=move |_| save_profile(&|p: &mut Profile| p.hide_cautioned = !p.hide_cautioned)
                />
                <span>"Hide remedies with a caution for me"</span>
            </label>
        </details>
        {move || not_saved.get().map(|message| view! { <p class="warning" role="alert">{message}</p> })}
        {move || problem.get().map(|message| view! { <p class="warning" role="alert">{message}</p> })}
        {move || offline.get().then(|| view! { <p class="note">"Offline: searching what is saved on this device."</p> })}
        <p class="result-count" role="status">
            {move || {
                arranged()
                    .map(|(cards, hidden)| {
                        let mut text = query.with(|q| count_text(cards.len(), q));
                        if hidden > 0 {
                            text.push_str(&format!(" {hidden} hidden because of your situation."));
                        }
                        text
                    })
                    .unwrap_or_default()
            }}
        </p>
        <div class="server-results" hidden=move || results.with(Option::is_some)>{children()}</div>
        {move || {
            arranged()
                .map(|(cards, hidden)| {
                    view! {
                        {(cards.is_empty() && hidden == 0).then(|| view! { <NoMatch/> })}
                        {(hidden > 0)
                            .then(|| {
                                view! {
                                    <button
                                        type="button"
                                        class="show-hidden"
                                        on:click=move |_| save_profile(&|p: &mut Profile| p.hide_cautioned = false)
                                    >
                                        {format!("Show the {hidden} hidden remedies")}
                                    </button>
                                }
                            })}
                        <ul class="card-list">
                            {cards
                                .into_iter()
                                .map(|(remedy, for_you)| view! { <RemedyCard remedy for_you/> })
                                .collect_view()}
                        </ul>
                    }
                })
        }}
    }
}

/// A single-choice filter; "Any" clears it.
#[component]
fn Choice(
    label: &'static str,
    name: &'static str,
    options: Vec<(&'static str, &'static str)>,
    selected: Signal<Option<&'static str>>,
    on_change: impl Fn(String) + 'static,
) -> impl IntoView {
    let id = format!("finder-{name}");
    view! {
        <div class="choice">
            <label for=id.clone()>{label}</label>
            <select
                id=id
                name=name
                prop:value=move || selected.get().unwrap_or_default()
                on:change=move |ev| on_change(event_target_value(&ev))
            >
                <option value="" selected=selected.get_untracked().is_none()>"Any"</option>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let chosen = selected.get_untracked() == Some(value);
                        view! {
                            <option value=value selected=chosen>
                                {text}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// Asks the server; when it can't be reached, searches the catalogue kept on this device.
async fn lookup(query: &Query) -> Result<(Vec<RemedySummary>, bool), String> {
    let get = |name: &str| query.param(name);
    match search_remedies(get("q"), get("situation"), get("part"), get("kind"), get("grade")).await {
        Ok(found) => Ok((found, false)),
        Err(err) if err.is_unreachable() => offline_search(query)
            .map(|found| (found, true))
            .ok_or_else(|| "You are offline and this device has no saved copy of the remedies yet. Open the finder once while online.".to_string()),
        Err(err) => Err(err.message),
    }
}

#[cfg(feature = "hydrate")]
fn offline_search(query: &Query) -> Option<Vec<RemedySummary>> {
    browser::offline_search(query)
}

#[cfg(not(feature = "hydrate"))]
fn offline_search(_query: &Query) -> Option<Vec<RemedySummary>> {
    None
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::super::{
        find,
        profile::Profile,
        remedy_catalogue,
        search::{Query, SearchIndex},
    };
    use crate::{
        content::model::{Remedy, RemedySummary},
        device::{self, Key},
    };
    use leptos::prelude::*;
    use serde::{Deserialize, Serialize};
    use std::cell::RefCell;
    use wasm_bindgen::JsValue;

    #[derive(Serialize, Deserialize)]
    struct SavedCatalogue {
        version: String,
        remedies: Vec<Remedy>,
    }

    thread_local! {
        /// The saved catalogue, indexed once per page.
        static OFFLINE: RefCell<Option<(Vec<Remedy>, SearchIndex)>> = const { RefCell::new(None) };
    }

    pub fn load_profile() -> Profile {
        Profile::from_stored(device::read(Key::Profile).as_deref())
    }

    fn saved_catalogue() -> Option<SavedCatalogue> {
        device::load(Key::Catalogue)
    }

    /// Fetches the catalogue when the saved copy is not the content the server has now, and
    /// keeps it for offline searches. The catalogue is not the person's data: when the browser
    /// refuses to keep it, the finder still works online.
    pub fn keep_catalogue_for_offline(version: String) {
        if saved_catalogue().is_some_and(|saved| saved.version == version) {
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(remedies) = remedy_catalogue().await {
                let saved = SavedCatalogue { version, remedies };
                let _ = device::store(Key::Catalogue, &saved);
                OFFLINE.with(|cell| cell.borrow_mut().take());
            }
        });
    }

    pub fn offline_search(query: &Query) -> Option<Vec<RemedySummary>> {
        OFFLINE.with(|cell| {
            let mut cell = cell.borrow_mut();
            if cell.is_none() {
                let remedies = saved_catalogue()?.remedies;
                let index = SearchIndex::new(&remedies);
                *cell = Some((remedies, index));
            }
            let (remedies, index) = cell.as_ref()?;
            Some(find(remedies, index, query))
        })
    }

    fn url_for(query: &Query) -> String {
        let params = web_sys::UrlSearchParams::new().ok();
        let Some(params) = params else {
            return "/finder".into();
        };
        for (key, value) in query.to_params() {
            params.append(key, &value);
        }
        let search = String::from(params.to_string());
        if search.is_empty() {
            "/finder".into()
        } else {
            format!("/finder?{search}")
        }
    }

    fn current_url() -> Option<String> {
        let location = web_sys::window()?.location();
        Some(format!(
            "{}{}",
            location.pathname().ok()?,
            location.search().ok()?
        ))
    }

    /// Typing replaces the history entry; a changed filter adds one, so Back undoes it.
    pub fn show_in_url(query: &Query) {
        let url = url_for(query);
        let Some(current) = current_url() else { return };
        if current == url {
            return;
        }
        let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else {
            return;
        };
        let previous = read_query(&current);
        let filters_changed = previous.as_ref().is_none_or(|p| {
            (&p.situations, &p.parts, &p.kinds, &p.grades)
                != (&query.situations, &query.parts, &query.kinds, &query.grades)
        });
        let _ = if filters_changed {
            history.push_state_with_url(&JsValue::NULL, "", Some(&url))
        } else {
            history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
        };
    }

    fn read_query(url: &str) -> Option<Query> {
        let search = url.split_once('?').map_or("", |(_, s)| s);
        let params = web_sys::UrlSearchParams::new_with_str(search).ok()?;
        let get = |name: &str| {
            let all: Vec<String> = params
                .get_all(name)
                .iter()
                .filter_map(|v| v.as_string())
                .collect();
            (!all.is_empty()).then(|| all.join(","))
        };
        Query::from_params(
            get("q").as_deref(),
            get("situation").as_deref(),
            get("part").as_deref(),
            get("kind").as_deref(),
            get("grade").as_deref(),
        )
        .ok()
    }

    /// The address is the query: applied once on hydration (the offline copy of /finder was
    /// rendered without one), then again whenever Back or Forward restore a history entry.
    pub fn follow_history(query: RwSignal<Query>) {
        if let Some(addressed) = current_url().as_deref().and_then(read_query) {
            if addressed != query.get_untracked() {
                query.set(addressed);
            }
        }
        let handle = window_event_listener(leptos::ev::popstate, move |_| {
            if let Some(restored) = current_url().as_deref().and_then(read_query) {
                query.set(restored);
            }
        });
        // The finder lives as long as the page; keep listening.
        std::mem::forget(handle);
    }
}
