//! The person's data: export as JSON or CSV, and import a backup.

use super::use_water;
use crate::{clock::DeviceClock, water::storage};
use leptos::prelude::*;

#[component]
pub fn DataPanel() -> impl IntoView {
    let water = use_water();
    let export_json = move |_| {
        if let Ok(text) = water.data.with_untracked(storage::to_json) {
            super::download("leg-relief-water.json", "application/json", &text);
        }
    };
    let export_csv = move |_| {
        let text = water
            .data
            .with_untracked(|d| storage::to_csv(d, &DeviceClock));
        super::download("leg-relief-water.csv", "text/csv", &text);
    };
    let import = move |event: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        super::browser::import(event, water);
        #[cfg(not(feature = "hydrate"))]
        let _ = event;
    };
    view! {
        <details class="settings">
            <summary>"Your data"</summary>
            <p>"Your log stays in this browser on this device. Nothing about what you drink is sent anywhere. Keep a copy, or move it to another device:"</p>
            <div class="data-actions">
                <button type="button" class="button button-quiet" on:click=export_json>"Export as JSON"</button>
                <button type="button" class="button button-quiet" on:click=export_csv>"Export as CSV"</button>
                <label class="button button-quiet file-button">
                    "Import a file"
                    <input class="visually-hidden" type="file" accept=".json,.csv,application/json,text/csv" on:change=import/>
                </label>
            </div>
            <p class="hint">"Importing replaces the log on this device with the file's."</p>
        </details>
    }
}
