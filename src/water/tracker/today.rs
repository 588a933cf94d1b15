//! Today: the ring, adding drinks, and today's list with edit and delete.

use super::{state::GLASS_ML, use_water};
use crate::clock::{hhmm, DeviceClock, LocalClock};
use crate::decimal;
use crate::ui::Alert;
use crate::ui::SaveOrCancel;
use crate::water::{
    goal::{self, bare_amount, format_amount, parse_amount, progress, DRINK_RANGE_ML},
    log::Entry,
};
use leptos::prelude::*;

/// The quick sizes besides a glass.
const QUICK_SIZES_ML: [u32; 3] = [150, 330, 500];
/// The ring's circle, in the units of its 120 × 120 view box.
const RING_SIZE: u32 = 120;
const RING_RADIUS: u32 = 52;
/// Its circumference (2π × 52) in tenths of those units: whole numbers, no float code.
const RING_CIRCUMFERENCE_TENTHS: u64 = 3267;

#[component]
pub fn Today() -> impl IntoView {
    let water = use_water();
    let editing = RwSignal::new(None::<u64>);
    view! {
        <section class="today" aria-labelledby="today-heading">
            <h2 id="today-heading">"Today"</h2>
            <Ring />
            <p class="progress-sentence" role="status">
                {move || {
                    let said = water.said.get();
                    let sentence = goal::progress_sentence(
                        water.total(),
                        water.goal(),
                        water.unit(),
                    );
                    if said.is_empty() { sentence } else { format!("{said} {sentence}") }
                }}
            </p>
            {move || {
                water
                    .store
                    .data
                    .with(|d| d.goal.fluid_limit)
                    .then(|| {
                        view! {
                            <p class="fluid-limit">
                                "You follow your clinician's fluid limit: no goal and no goal reminders. The log still counts what you drink."
                            </p>
                        }
                    })
            }}
            <AddDrinks />
            <h3>"Drinks today"</h3>
            {move || {
                let entries = water.todays();
                if entries.is_empty() {
                    view! { <p class="muted">"Nothing logged yet today."</p> }.into_any()
                } else {
                    view! {
                        <ul class="drinks" aria-label="Drinks today">
                            {entries
                                .into_iter()
                                .map(|entry| view! { <DrinkRow entry editing /> })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// A circle whose stroke shows the share of the goal.
#[component]
fn Ring() -> impl IntoView {
    let water = use_water();
    let centre = (RING_SIZE / 2).to_string();
    let dash = move || {
        let filled = water
            .goal()
            .map_or(0, |g| progress(water.total(), g, RING_CIRCUMFERENCE_TENTHS));
        format!(
            "{} {}",
            decimal::text(filled, 1),
            decimal::text(RING_CIRCUMFERENCE_TENTHS, 1)
        )
    };
    view! {
        <div class="ring">
            <svg viewBox=format!("0 0 {RING_SIZE} {RING_SIZE}") aria-hidden="true">
                <circle
                    class="ring-track"
                    cx=centre.clone()
                    cy=centre.clone()
                    r=RING_RADIUS.to_string()
                ></circle>
                <circle
                    class="ring-fill"
                    cx=centre.clone()
                    cy=centre.clone()
                    r=RING_RADIUS.to_string()
                    stroke-dasharray=dash
                    transform=format!("rotate(-90 {centre} {centre})")
                ></circle>
            </svg>
            <p class="ring-text">
                <strong>{move || format_amount(water.total(), water.unit())}</strong>
                {move || {
                    water
                        .goal()
                        .map(|g| {
                            view! {
                                <span>{format!("of {}", format_amount(g, water.unit()))}</span>
                            }
                        })
                }}
            </p>
        </div>
    }
}

#[component]
fn AddDrinks() -> impl IntoView {
    let water = use_water();
    let custom_amount = NodeRef::<leptos::html::Input>::new();
    let custom_error = RwSignal::new(None::<String>);
    let add_custom = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(input) = custom_amount.get() else {
            return;
        };
        match parse_amount(&input.value(), water.unit_untracked(), DRINK_RANGE_ML) {
            Ok(ml) => {
                custom_error.set(None);
                input.set_value("");
                water.add(ml);
            }
            Err(err) => custom_error.set(Some(err.to_string())),
        }
    };
    let undo = move |_| {
        let undone = water.change(|d| d.log.undo_last());
        water.said.set(match undone {
            Some(entry) => format!(
                "Removed {}.",
                format_amount(entry.ml, water.unit_untracked())
            ),
            None => "Nothing to undo.".into(),
        });
    };
    view! {
        <div class="add-drinks">
            <button type="button" class="button add-glass" on:click=move |_| water.add(GLASS_ML)>
                "Add a glass"
            </button>
            <p class="hint">
                {move || format!("A glass is {}.", format_amount(GLASS_ML, water.unit()))}
            </p>
            <div class="quick-sizes">
                {QUICK_SIZES_ML
                    .into_iter()
                    .map(|ml| {
                        view! {
                            <button
                                type="button"
                                class="button button-quiet"
                                on:click=move |_| { water.add(ml) }
                            >
                                {move || format!("Add {}", format_amount(ml, water.unit()))}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <form class="custom-amount" on:submit=add_custom>
                <label for="custom-amount">
                    {move || format!("Other amount ({})", water.unit().label())}
                </label>
                <input
                    id="custom-amount"
                    node_ref=custom_amount
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                />
                <button type="submit" class="button button-quiet">
                    "Add"
                </button>
                <Alert class="field-error" message=custom_error />
            </form>
            <button
                type="button"
                class="button button-quiet"
                on:click=undo
                disabled=move || water.store.data.with(|d| d.log.entries().is_empty())
            >
                "Undo last drink"
            </button>
        </div>
    }
}

/// One drink of today: its amount and time, with edit and delete.
#[component]
fn DrinkRow(entry: Entry, editing: RwSignal<Option<u64>>) -> impl IntoView {
    let water = use_water();
    let id = entry.id;
    let time = hhmm(DeviceClock.local(entry.at_ms).minute_of_day);
    let label = format!(
        "{} at {time}",
        format_amount(entry.ml, water.unit_untracked())
    );
    let edit_input = NodeRef::<leptos::html::Input>::new();
    let edit_error = RwSignal::new(None::<String>);
    let save_edit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(input) = edit_input.get() else {
            return;
        };
        let unit = water.unit_untracked();
        let result = parse_amount(&input.value(), unit, DRINK_RANGE_ML)
            .map_err(|err| err.to_string())
            .and_then(|ml| {
                water
                    .change(|d| d.log.edit(id, ml, entry.at_ms))
                    .map(|()| ml)
                    .map_err(|err| err.to_string())
            });
        match result {
            Ok(ml) => {
                editing.set(None);
                water
                    .said
                    .set(format!("Changed to {}.", format_amount(ml, unit)));
            }
            Err(err) => edit_error.set(Some(err)),
        }
    };
    let delete = move |_| {
        if let Ok(entry) = water.change(|d| d.log.delete(id)) {
            water.said.set(format!(
                "Deleted {}.",
                format_amount(entry.ml, water.unit_untracked())
            ));
        }
    };
    view! {
        <li class="drink">
            {move || {
                if editing.get() == Some(id) {
                    view! {
                        <form class="drink-edit" on:submit=save_edit>
                            <label>
                                {format!("Amount at {time} ({})", water.unit().label())}
                                <input
                                    node_ref=edit_input
                                    type="text"
                                    inputmode="decimal"
                                    value=bare_amount(entry.ml, water.unit_untracked())
                                />
                            </label>
                            <SaveOrCancel editing />
                            <Alert class="field-error" message=edit_error />
                        </form>
                    }
                        .into_any()
                } else {
                    view! {
                        <span class="drink-text">{label.clone()}</span>
                        <button
                            type="button"
                            class="button button-quiet"
                            aria-label=format!("Edit {label}")
                            on:click=move |_| editing.set(Some(id))
                        >
                            "Edit"
                        </button>
                        <button
                            type="button"
                            class="button button-quiet"
                            aria-label=format!("Delete {label}")
                            on:click=delete
                        >
                            "Delete"
                        </button>
                    }
                        .into_any()
                }
            }}
        </li>
    }
}
