//! The diary's "Add a cramp" and "Edit" form, inside the diary's island: the fields, their
//! labels and hints, and what saving says. Reading what was typed is `form`'s.

use super::{
    form::CrampForm,
    model::{Muscle, Relief, Side},
    state::DiaryState,
};
use crate::clock::{now_ms, DeviceClock};
use crate::ui::Alert;
use crate::ui::SaveOrCancel;
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
    view! {
        <form class="entry-form" on:submit=save novalidate>
            <h3>{if id == 0 { "Add a cramp" } else { "Edit this cramp" }}</h3>
            <TextField
                form
                id=input_id("date")
                label="Date"
                kind="date"
                read=|f| f.date.clone()
                write=|f, v| f.date = v
            />
            <TextField
                form
                id=input_id("time")
                label="Time it began"
                kind="time"
                read=|f| f.time.clone()
                write=|f, v| f.time = v
            />
            <TextField
                form
                id=input_id("minutes")
                label="How long, in minutes"
                kind="text"
                read=|f| f.minutes.clone()
                write=|f, v| f.minutes = v
            />
            <SelectField
                form
                id=input_id("muscle")
                label="Where"
                read=|f| f.muscle.clone()
                write=|f, v| f.muscle = v
                options=Muscle::ALL.map(|m| (m.name(), m.label())).to_vec()
            />
            <SelectField
                form
                id=input_id("side")
                label="Which leg"
                read=|f| f.side.clone()
                write=|f, v| f.side = v
                options=[("", "Not said")]
                    .into_iter()
                    .chain(Side::ALL.map(|s| (s.name(), s.label())))
                    .collect()
            />
            <SelectField
                form
                id=input_id("woke")
                label="Did it wake you?"
                read=|f| f.woke.clone()
                write=|f, v| f.woke = v
                options=vec![("", "Not said"), ("yes", "Yes"), ("no", "No")]
            />
            <ReliefChoices
                form
                legend="What did you try?"
                read=|f| &f.tried
                write=|f| &mut f.tried
            />
            <ReliefChoices form legend="What helped?" read=|f| &f.helped write=|f| &mut f.helped />
            <Alert class="form-error" message=problem />
            <div class="entry-actions">
                <SaveOrCancel editing />
            </div>
        </form>
    }
}

/// A field the person types in; `read` and `write` reach its text in the form.
#[component]
fn TextField(
    form: RwSignal<CrampForm>,
    id: String,
    label: &'static str,
    /// The input's type: "date", "time", or "text" for a decimal number.
    kind: &'static str,
    read: fn(&CrampForm) -> String,
    write: fn(&mut CrampForm, String),
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type=kind
                inputmode=(kind == "text").then_some("decimal")
                prop:value=move || form.with(read)
                on:input=move |event| form.update(|f| write(f, event_target_value(&event)))
            />
        </div>
    }
}

/// A choice from a list, as (value, label) pairs.
#[component]
fn SelectField(
    form: RwSignal<CrampForm>,
    id: String,
    label: &'static str,
    read: fn(&CrampForm) -> String,
    write: fn(&mut CrampForm, String),
    options: Vec<(&'static str, &'static str)>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select
                id=id
                prop:value=move || form.with(read)
                on:change=move |event| form.update(|f| write(f, event_target_value(&event)))
            >
                {options
                    .into_iter()
                    .map(|(value, text)| view! { <option value=value>{text}</option> })
                    .collect_view()}
            </select>
        </div>
    }
}

/// The reliefs, ticked or not: what was tried, or what helped.
#[component]
fn ReliefChoices(
    form: RwSignal<CrampForm>,
    legend: &'static str,
    read: fn(&CrampForm) -> &Vec<Relief>,
    write: fn(&mut CrampForm) -> &mut Vec<Relief>,
) -> impl IntoView {
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
}
