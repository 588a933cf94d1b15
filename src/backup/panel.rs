//! "Your data": one backup file for the water log and the cramp diary, and restoring it. The
//! same island sits on /water and /diary, inside the `<details>` whose opening loads it
//! (`app::YourData`).

use leptos::prelude::*;

// In the backup bundle (see `bundle::Bundle`).
#[cfg_attr(feature = "islands-backup", island)]
#[cfg_attr(not(feature = "islands-backup"), component)]
pub fn BackupPanel() -> impl IntoView {
    let said = RwSignal::new(String::new());
    // The controls do nothing until the bundle has come (it loads as the panel opens): until
    // then they say so by being disabled, and a tap is not lost silently.
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    let waiting = move || !ready.get();
    let export = move |csv: bool| {
        #[cfg(feature = "hydrate")]
        said.set(browser::export(csv));
        #[cfg(not(feature = "hydrate"))]
        let _ = csv;
    };
    let restore = move |event: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        browser::restore(event, said);
        #[cfg(not(feature = "hydrate"))]
        let _ = event;
    };
    view! {
        <p>
            "Your water log and cramp diary stay in this browser on this device. Nothing is sent anywhere. Keep a copy, or move them to another device, with one file:"
        </p>
        <div class="data-actions">
            {[(false, "Save a backup (JSON)"), (true, "Save as a spreadsheet (CSV)")]
                .map(|(csv, text)| {
                    view! {
                        <button
                            type="button"
                            class="button button-quiet"
                            disabled=waiting
                            on:click=move |_| export(csv)
                        >
                            {text}
                        </button>
                    }
                })}
            <label class="button button-quiet file-button">
                "Restore from a file"
                <input
                    class="visually-hidden"
                    type="file"
                    accept=".json,.csv,application/json,text/csv"
                    disabled=waiting
                    on:change=restore
                />
            </label>
        </div>
        <p class="hint">
            "Restoring replaces the water log and the diary on this device with the file's. Older water-only backups still work (they leave the diary as it is)."
        </p>
        <p role="status">{move || said.get()}</p>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use crate::{
        backup,
        clock::DeviceClock,
        device::{self, Key},
        diary::storage as diary,
        water::storage as water,
    };
    use leptos::{prelude::*, wasm_bindgen::JsCast};

    /// What is stored now (every island saves each change at once, so this is current).
    fn current() -> (water::Stored, diary::Stored) {
        let text = |key| device::read(key).unwrap_or_default();
        (
            water::load(&text(Key::Water)).data,
            diary::load(&text(Key::Diary)).data,
        )
    }

    /// Saves the backup file; what to say.
    pub fn export(csv: bool) -> String {
        let (water, diary) = current();
        let result = if csv {
            Ok(backup::backup_csv(&water, &diary, &DeviceClock))
        } else {
            backup::backup_json(&water, &diary).map_err(|err| err.to_string())
        };
        match result {
            Ok(text) => {
                let (name, mime) = if csv {
                    ("leg-relief-backup.csv", "text/csv")
                } else {
                    ("leg-relief-backup.json", "application/json")
                };
                device::download(name, mime, &text);
                "Backup saved to your downloads.".into()
            }
            Err(err) => format!("The backup could not be made: {err}"),
        }
    }

    pub fn restore(event: leptos::ev::Event, said: RwSignal<String>) {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let Ok(text) = wasm_bindgen_futures::JsFuture::from(file.text()).await else {
                said.set("The file could not be read.".into());
                return;
            };
            let text = text.as_string().unwrap_or_default();
            let (water_now, diary_now) = current();
            match backup::restore(&text, &water_now, &diary_now) {
                Err(err) => said.set(err.to_string()),
                Ok(restored) => said.set(store(restored)),
            }
        });
    }

    /// Writes both restored documents and tells the page's islands; what to say.
    fn store(restored: backup::Restored) -> String {
        let texts = [
            (Key::Water, water::to_storage_text(&restored.water.data)),
            (Key::Diary, diary::to_storage_text(&restored.diary.data)),
        ];
        for (key, text) in texts {
            let written = text
                .map_err(|err| err.to_string())
                .and_then(|text| device::replace(key, text).map_err(|err| err.to_string()));
            if let Err(problem) = written {
                return problem;
            }
        }
        let drinks = restored.water.data.log.entries().len();
        let cramps = restored.diary.data.diary.entries().len();
        let mut said = if restored.diary_kept {
            format!("Restored {drinks} drinks. The diary on this device is unchanged.")
        } else {
            format!("Restored {drinks} drinks and {cramps} cramps.")
        };
        if let Some(notice) = restored.notice {
            said.push(' ');
            said.push_str(&notice);
        }
        said
    }
}
