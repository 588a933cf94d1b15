//! The finder once JavaScript runs: it keeps the search index on the device (fetched once per
//! content version, saved by the service worker for offline use) and searches it as the person
//! types, with no request per keystroke. The address follows the query, so links can be shared
//! and Back and Forward work; "My situation" marks remedies with a caution for the person.

use super::{
    profile::{self, Profile, ASKABLE},
    results::results_view,
    search::{FinderParams, Query, SearchIndex, MAX_TEXT_CHARS},
};
use crate::content::model::{BodyPart, Grade, RemedyKind, Situation, UrlValue};
use crate::ui::Alert;
use leptos::prelude::*;
use std::sync::Arc;

/// `params` are the address the server rendered (`q=calf&grade=A`), `index` where the search
/// index is. The island wakes when the person reaches for the finder (focus or
/// a tap on its search box, a filter or "My situation"), or with the page when a situation is
/// declared on the device or the address is not the one rendered (`app::PAGES`): so it fetches
/// the index as it wakes, and a visit that only reads the results downloads neither.
// In the finder bundle (see `bundle::Bundle`).
#[cfg_attr(feature = "islands-finder", island)]
#[cfg_attr(not(feature = "islands-finder"), component)]
pub fn FinderLive(params: FinderParams, index: String, children: Children) -> impl IntoView {
    let (rendered, first_problem) = match Query::try_from(&params) {
        Ok(query) => (query, None),
        Err(err) => (Query::default(), Some(err.message)),
    };
    // What the person typed or chose before the island woke wins over what was rendered; read
    // before hydration sets the controls to the island's state.
    #[cfg(feature = "hydrate")]
    let (initial, ticked) = (
        browser::form_query()
            .filter(|changed| *changed != rendered)
            .unwrap_or_else(|| rendered.clone()),
        browser::ticked_before_wake(),
    );
    #[cfg(not(feature = "hydrate"))]
    let initial = rendered.clone();
    let query = RwSignal::new(initial.clone());
    // The note about a bad address stays until the person changes the query.
    let problem = RwSignal::new(first_problem);
    let mine = Mine {
        profile: RwSignal::new(Profile::default()),
        not_saved: RwSignal::new(None),
    };
    let Mine { profile, not_saved } = mine;
    let save_profile = move |change: &dyn Fn(&mut Profile)| mine.save(change);
    let searchable = RwSignal::new(None::<Arc<SearchIndex>>);
    let unavailable = RwSignal::new(None::<String>);
    // "Show N more" stays tapped while only "My situation" changes, until the query does.
    let unfolded = RwSignal::new(false);

    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            profile.set(browser::load_profile());
            if ticked.contains(&true) {
                save_profile(&|p: &mut Profile| *p = p.with_ticked(&ticked));
            }
            crate::device::follow(
                crate::device::Key::Profile,
                crate::device::Holder::new(),
                move |text| {
                    profile.set(Profile::from_stored(Some(&text)));
                },
            );
            browser::follow_history(query, &rendered);
            // Offline, the service worker has the index.
            let address = index.clone();
            leptos::task::spawn_local(async move {
                match browser::fetch_index(&address).await {
                    Ok(fetched) => searchable.set(Some(Arc::new(fetched))),
                    Err(message) => unavailable.set(Some(message)),
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &index;
    });

    Effect::new(move |previous: Option<()>| {
        let current = query.get();
        if previous.is_some() {
            problem.set(None);
            unfolded.set(false);
        }
        #[cfg(feature = "hydrate")]
        browser::show_in_url(&current);
        #[cfg(not(feature = "hydrate"))]
        let _ = current;
    });

    let live_results = move || {
        let index = searchable.get()?;
        let current = query.get();
        let mut found = index.search(&current);
        let person = profile.get();
        let (ordered, hidden) = profile::arrange(&person, found.results, |&doc| {
            index.docs[doc].cautions.clone()
        });
        found.results = ordered;
        let view = results_view(&index, &found, &current, &person.groups, hidden, unfolded);
        Some(view! {
            {view}
            {(hidden > 0)
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="show-hidden"
                            on:click=move |_| save_profile(
                                &|p: &mut Profile| p.hide_cautioned = false,
                            )
                        >
                            {format!("Show the {hidden} hidden results")}
                        </button>
                    }
                })}
        })
    };

    view! {
        <SearchForm query initial />
        <MySituation mine />
        <Alert class="warning" message=not_saved />
        <Alert class="warning" message=problem />
        {move || unavailable.get().map(|message| view! { <p class="note">{message}</p> })}
        <div class="server-results" hidden=move || searchable.with(Option::is_some)>
            {children()}
        </div>
        {live_results}
    }
}

/// The search form's id.
const FORM_ID: &str = "finder-form";
/// "My situation"'s id (the Situation filter's list is `finder-situation`).
const SITUATION_ID: &str = "finder-my-situation";

/// "My situation" as the finder keeps it on the device, and whether the last save was refused.
#[derive(Clone, Copy)]
struct Mine {
    profile: RwSignal<Profile>,
    not_saved: RwSignal<Option<String>>,
}

impl Mine {
    fn save(self, change: &dyn Fn(&mut Profile)) {
        self.profile.update(|p| change(p));
        #[cfg(feature = "hydrate")]
        self.not_saved.set(
            crate::device::store(crate::device::Key::Profile, &self.profile.get_untracked())
                .err()
                .map(|err| err.to_string()),
        );
    }
}

/// The search box and the filters: a plain GET form that works without JavaScript, driving
/// `query` once the island is awake. `initial` is what the server rendered it with.
#[component]
fn SearchForm(query: RwSignal<Query>, initial: Query) -> impl IntoView {
    view! {
        <form
            id=FORM_ID
            class="finder-form"
            method="get"
            action="/finder"
            role="search"
            on:submit=|ev| ev.prevent_default()
        >
            <label for="finder-q">"Search"</label>
            <div class="search-row">
                <input
                    id="finder-q"
                    type="search"
                    name="q"
                    autocomplete="off"
                    maxlength=MAX_TEXT_CHARS.to_string()
                    placeholder="e.g. calf cramp at night"
                    value=initial.text.clone()
                    prop:value=move || query.with(|q| q.text.clone())
                    on:input=move |ev| query.update(|q| q.text = event_target_value(&ev))
                />
                <button type="submit">"Search"</button>
            </div>
            <details class="profile finder-filters">
                <summary>"Filter remedies"</summary>
                <div class="filters">
                    <Choice
                        label="Situation"
                        query
                        read=|q| &q.situations
                        write=|q| &mut q.situations
                        text=Situation::label
                    />
                    <Choice
                        label="Body part"
                        query
                        read=|q| &q.parts
                        write=|q| &mut q.parts
                        text=BodyPart::label
                    />
                    <Choice
                        label="Kind"
                        query
                        read=|q| &q.kinds
                        write=|q| &mut q.kinds
                        text=RemedyKind::label
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
                                            prop:checked=move || {
                                                query.with(|q| q.grades.contains(&grade))
                                            }
                                            on:change=move |_| {
                                                query
                                                    .update(|q| {
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
                <p class="hint">
                    "Filters narrow the remedies. Warning signs that match are always shown."
                </p>
            </details>
        </form>
    }
}

/// "My situation": the groups a remedy's cautions may concern, ticked on this device only.
#[component]
fn MySituation(mine: Mine) -> impl IntoView {
    let profile = mine.profile;
    let save_profile = move |change: &dyn Fn(&mut Profile)| mine.save(change);
    view! {
        <details id=SITUATION_ID class="profile">
            <summary>"My situation"</summary>
            <p>
                "Kept only on this device. Remedies with a caution for you are marked and listed last."
            </p>
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
                    on:change=move |_| save_profile(
                        &|p: &mut Profile| p.hide_cautioned = !p.hide_cautioned,
                    )
                />
                <span>"Hide remedies with a caution for me"</span>
            </label>
        </details>
    }
}

/// A single-choice filter over one kind of value (its address parameter is the field's name);
/// "Any" clears it. `read` and `write` reach the query's list of that kind, `text` names a value.
#[component]
fn Choice<T: UrlValue + Send + Sync>(
    label: &'static str,
    query: RwSignal<Query>,
    read: fn(&Query) -> &[T],
    write: fn(&mut Query) -> &mut Vec<T>,
    text: fn(T) -> &'static str,
) -> impl IntoView {
    let name = T::PARAM;
    let id = format!("finder-{name}");
    let selected = move || query.with(|q| read(q).first().map(|value| value.url_name()));
    let chosen_at_first = selected();
    view! {
        <div class="choice">
            <label for=id.clone()>{label}</label>
            <select
                id=id
                name=name
                prop:value=move || selected().unwrap_or_default()
                on:change=move |ev| {
                    let value = T::from_url_name(&event_target_value(&ev));
                    query.update(|q| *write(q) = value.into_iter().collect());
                }
            >
                <option value="" selected=chosen_at_first.is_none()>
                    "Any"
                </option>
                {T::VALUES
                    .iter()
                    .map(|&value| {
                        let name = value.url_name();
                        view! {
                            <option value=name selected=chosen_at_first == Some(name)>
                                {text(value)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::super::{
        profile::Profile,
        search::{codec, FinderParams, Query, SearchIndex},
    };
    use crate::device::{self, Key};
    use leptos::{prelude::*, wasm_bindgen::JsCast};
    use wasm_bindgen::JsValue;

    pub fn load_profile() -> Profile {
        device::retire_old_keys();
        Profile::from_stored(device::read(Key::Profile).as_deref())
    }

    /// The index, from the service worker's saved copy when offline.
    pub async fn fetch_index(address: &str) -> Result<SearchIndex, String> {
        const OFFLINE: &str = "Searching needs the finder to have been opened once while online on this device. The results below came with the page.";
        let window = web_sys::window().ok_or(OFFLINE)?;
        let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(address))
            .await
            .map_err(|_| OFFLINE)?
            .dyn_into::<web_sys::Response>()
            .map_err(|_| OFFLINE)?;
        if !response.ok() {
            return Err(OFFLINE.into());
        }
        let buffer =
            wasm_bindgen_futures::JsFuture::from(response.array_buffer().map_err(|_| OFFLINE)?)
                .await
                .map_err(|_| OFFLINE)?;
        let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
        // Decoding takes a few milliseconds: a tap that came in while the bytes did goes first.
        device::next_task().await;
        codec::decode(&bytes).map_err(|err| err.to_string())
    }

    fn url_for(query: &Query) -> String {
        let Ok(params) = web_sys::UrlSearchParams::new() else {
            return "/finder".into();
        };
        for (key, value) in FinderParams::from(query).pairs() {
            params.append(key, value);
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

    /// The query the search form holds now, as it would submit it: what the person typed or
    /// chose before the island woke.
    pub fn form_query() -> Option<Query> {
        let form = document()
            .get_element_by_id(super::FORM_ID)?
            .dyn_into::<web_sys::HtmlFormElement>()
            .ok()?;
        let fields = web_sys::FormData::new_with_form(&form).ok()?;
        let search = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&fields).ok()?;
        read_query(&format!("?{}", String::from(search.to_string())))
    }

    /// Which of "My situation"'s boxes are ticked, in order (see `Profile::with_ticked`).
    pub fn ticked_before_wake() -> Vec<bool> {
        let selector = format!("#{} input[type=checkbox]", super::SITUATION_ID);
        let Ok(boxes) = document().query_selector_all(&selector) else {
            return Vec::new();
        };
        (0..boxes.length())
            .map(|i| {
                boxes
                    .item(i)
                    .and_then(|node| node.dyn_into::<web_sys::HtmlInputElement>().ok())
                    .is_some_and(|input| input.checked())
            })
            .collect()
    }

    /// The query an address holds, read by the browser's own address parser.
    fn read_query(url: &str) -> Option<Query> {
        let search = url.split_once('?').map_or("", |(_, s)| s);
        let params = web_sys::UrlSearchParams::new_with_str(search).ok()?;
        let pairs = FinderParams::KEYS.into_iter().flat_map(|key| {
            params
                .get_all(key)
                .iter()
                .filter_map(|value| value.as_string())
                .map(move |value| (key, value))
                .collect::<Vec<_>>()
        });
        Query::try_from(&FinderParams::from_pairs(pairs)).ok()
    }

    /// The address is the query: applied on hydration when the page was rendered for another
    /// (the offline copy of /finder was rendered without one), then whenever Back or Forward
    /// restore a history entry.
    pub fn follow_history(query: RwSignal<Query>, rendered: &Query) {
        if let Some(addressed) = current_url().as_deref().and_then(read_query) {
            if addressed != *rendered && addressed != query.get_untracked() {
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
