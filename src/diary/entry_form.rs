//! The diary's "Add a cramp" and "Edit" form, inside the diary's island: the fields, their
//! labels and hints, and what saving says. Reading what was typed is `form`'s.

use super::{
    form::CrampForm,
    model::{Muscle, Relief, Side},
    state::DiaryState,
};
use crate::clock::{now_ms, DeviceClock};
use leptos::prelude::*;

/// Adding (editing = Some(0)) or editing an entry.
#[component]
pub fn EntryForm(
    diary: DiaryState,
    editing: RwSignal<Option<u64>>,
    said: RwSignal<String>,
) -> impl IntoView {
    let id = editing.get_untracked().unwrap_or(0);
    let initial = diary
        .data
        .with_untracked(|d| d.diary.get(id).map(|c| CrampForm::of(c, &DeviceClock)))
        .unwrap_or_else(|| CrampForm::for_a_past_cramp(now_ms(), &DeviceClock));
    let form = RwSignal::new(initial);
    let problem = RwSignal::new(None::<String>);
    // Ids unique on the page: the add form and an entry's edit form may be open together.
    let input_id = move |name: &'static str| match id {
        0 => format!("cramp-{name}-new"),
        id => format!("cramp-{name}-{id}"),
    };
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match form.with_untracked(|f| f.read(now_ms(), &DeviceClock)) {
            Err(err) => problem.set(Some(err.to_string())),
            Ok(cramp) => {
                if id == 0 {
                    diary.change(|d| d.diary.add(cramp));
                    said.set("Added to your diary.".into());
                } else {
                    diary.change(|d| {
                        d.diary.edit(id, |c| {
                            (c.start_ms, c.seconds, c.muscle, c.side) =
                                (cramp.start_ms, cramp.seconds, cramp.muscle, cramp.side);
                            (c.tried, c.helped, c.woke) = (cramp.tried, cramp.helped, cramp.woke);
                        })
                    });
                    said.set("Changes saved.".into());
                }
                editing.set(None);
            }
        }
    };
    let text_field = move |name: &'static str,
                           label: &'static str,
                           kind: &'static str,
                           read: fn(&CrampForm) -> String,
                           write: fn(&mut CrampForm, String)| {
        view! {
            <div class="field">
                <label for=input_id(name)>{label}</label>
                <input
                    id=input_id(name)
                    type=kind
                    inputmode=(kind == "text").then_some("decimal")
                    prop:value=move || form.with(read)
                    on:input=move |event| form.update(|f| write(f, event_target_value(&event)))
                />
            </div>
        }
    };
    let reliefs = move |legend: &'static str,
                        read: fn(&CrampForm) -> &Vec<Relief>,
                        write: fn(&mut CrampForm) -> &mut Vec<Relief>| {
        view! {
            <fieldset class="choice-row">
                <legend>{legend}</legend>
                {Relief::ALL
                    .into_iter()
                    .map(|relief| {
                        view! {
                            <label class="check">
                                <input
                                    type="checkbox"
                                    prop:checked=move || form.with(|f| read(f).contains(&relief))
                                    on:change=move |event| {
                                        let on = event_target_checked(&event);
                                        form.update(|f| {
                                            let list = write(f);
                                            list.retain(|r| *r != relief);
                                            if on {
                                                list.push(relief);
                                            }
                                        });
                                    }
                                />
                                {relief.label()}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
        }
    };
    view! {
        <form class="entry-form" on:submit=save novalidate>
            <h3>{if id == 0 { "Add a cramp" } else { "Edit this cramp" }}</h3>
            {text_field("date", "Date", "date", |f| f.date.clone(), |f, v| f.date = v)}
            {text_field("time", "Time it began", "time", |f| f.time.clone(), |f, v| f.time = v)}
            {text_field(
                "minutes",
                "How long, in minutes",
                "text",
                |f| f.minutes.clone(),
                |f, v| f.minutes = v,
            )}
            <div class="field">
                <label for=input_id("muscle")>"Where"</label>
                <select
                    id=input_id("muscle")
                    prop:value=move || form.with(|f| f.muscle.clone())
                    on:change=move |event| form.update(|f| f.muscle = event_target_value(&event))
                >
                    {Muscle::ALL
                        .into_iter()
                        .map(|m| view! { <option value=m.name()>{m.label()}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=input_id("side")>"Which leg"</label>
                <select
                    id=input_id("side")
                    prop:value=move || form.with(|f| f.side.clone())
                    on:change=move |event| form.update(|f| f.side = event_target_value(&event))
                >
                    <option value="">"Not said"</option>
                    {Side::ALL
                        .into_iter()
                        .map(|s| view! { <option value=s.name()>{s.label()}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=input_id("woke")>"Did it wake you?"</label>
                <select
                    id=input_id("woke")
                    prop:value=move || form.with(|f| f.woke.clone())
                    on:change=move |event| form.update(|f| f.woke = event_target_value(&event))
                >
                    <option value="">"Not said"</option>
                    <option value="yes">"Yes"</option>
                    <option value="no">"No"</option>
                </select>
            </div>
            {reliefs("What did you try?", |f| &f.tried, |f| &mut f.tried)}
            {reliefs("What helped?", |f| &f.helped, |f| &mut f.helped)}
            {move || {
                problem
                    .get()
                    .map(|p| {
                        view! {
                            <p class="form-error" role="alert">
                                {p}
                            </p>
                        }
                    })
            }}
            <div class="entry-actions">
                <button type="submit" class="button">
                    "Save"
                </button>
                <button
                    type="button"
                    class="button button-quiet"
                    on:click=move |_| editing.set(None)
                >
                    "Cancel"
                </button>
            </div>
        </form>
    }
}
