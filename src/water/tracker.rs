//! The water tracker island: today's drinks against a goal, history, reminders and backups.
//! Everything lives in this browser's storage; the server only sends the empty page.

use super::{
    clock::{hhmm, LocalClock, LocalDate, LocalDateTime, MS_PER_DAY},
    goal::{
        self, format_amount, goal_ml, parse_amount, progress, SexOrStage, Unit, DRINK_RANGE_ML,
        GOAL_RANGE_ML,
    },
    ics,
    log::Entry,
    reminders::{catch_up, Situation},
    storage::{self, Stored},
};
use leptos::prelude::*;

/// The size "Add a glass" logs, and the other quick sizes.
pub const GLASS_ML: u32 = 250;
const QUICK_SIZES_ML: [u32; 3] = [150, 330, 500];
const INTERVALS_MINUTES: [u16; 6] = [30, 45, 60, 90, 120, 180];

/// The phone's own time zone: JavaScript's Date in the browser. The server renders the empty
/// page only, where UTC stands in.
pub struct DeviceClock;

impl LocalClock for DeviceClock {
    fn local(&self, instant_ms: i64) -> LocalDateTime {
        #[cfg(feature = "hydrate")]
        {
            let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(instant_ms as f64));
            let day = LocalDate::new(
                date.get_full_year() as i32,
                (date.get_month() + 1) as u8,
                date.get_date() as u8,
            )
            .unwrap_or(LocalDate::from_days(instant_ms.div_euclid(MS_PER_DAY)));
            LocalDateTime {
                date: day,
                minute_of_day: (date.get_hours() * 60 + date.get_minutes()) as u16,
            }
        }
        #[cfg(not(feature = "hydrate"))]
        LocalDateTime {
            date: LocalDate::from_days(instant_ms.div_euclid(MS_PER_DAY)),
            minute_of_day: (instant_ms.rem_euclid(MS_PER_DAY) / 60_000) as u16,
        }
    }

    fn instant(&self, date: LocalDate, minute_of_day: u16) -> i64 {
        #[cfg(feature = "hydrate")]
        {
            js_sys::Date::new_with_year_month_day_hr_min(
                date.year() as u32,
                i32::from(date.month()) - 1,
                i32::from(date.day()),
                i32::from(minute_of_day / 60),
                i32::from(minute_of_day % 60),
            )
            .get_time() as i64
        }
        #[cfg(not(feature = "hydrate"))]
        {
            date.days_since_epoch() * MS_PER_DAY + i64::from(minute_of_day) * 60_000
        }
    }
}

/// What a change did, said once in the page's status line.
fn added_text(ml: u32, unit: Unit) -> String {
    format!("Added {}.", format_amount(ml, unit))
}

#[island]
pub fn WaterTracker() -> impl IntoView {
    let data = RwSignal::new(Stored::default());
    // Wall-clock time, moved on every half minute so the day rolls over at local midnight.
    let now = RwSignal::new(0_i64);
    let notice = RwSignal::new(None::<String>);
    let said = RwSignal::new(String::new());
    let due = RwSignal::new(false);
    let blocked = RwSignal::new(false);
    let editing = RwSignal::new(None::<u64>);
    let history_days = RwSignal::new(7_u16);
    let custom_error = RwSignal::new(None::<String>);

    let save = move || {
        #[cfg(feature = "hydrate")]
        data.with_untracked(browser::save);
    };
    let change = move |edit: &dyn Fn(&mut Stored)| {
        data.update(|d| edit(d));
        save();
    };
    let add = move |ml: u32| {
        let at = now_ms();
        now.set(at);
        let mut result = Ok(0);
        data.update(|d| result = d.log.add(at, ml));
        save();
        match result {
            Ok(_) => {
                due.set(false);
                said.set(added_text(ml, data.with_untracked(|d| d.unit)));
            }
            Err(err) => said.set(err.to_string()),
        }
    };

    #[cfg(feature = "hydrate")]
    browser::start(data, now, notice, due, blocked, add);

    let today = move || DeviceClock.day_of(now.get());
    let unit = move || data.with(|d| d.unit);
    let goal = move || data.with(|d| goal_ml(&d.goal));
    let total = move || data.with(|d| d.log.total_for(today(), &DeviceClock));
    let todays: Signal<Vec<Entry>> = Signal::derive(move || {
        let (start, end) = DeviceClock.day_bounds(today());
        data.with(|d| {
            d.log
                .entries()
                .iter()
                .filter(|e| (start..end).contains(&e.at_ms))
                .rev()
                .cloned()
                .collect()
        })
    });

    // The ring: a circle whose stroke shows the share of the goal.
    const RADIUS: f32 = 52.0;
    let circumference = 2.0 * std::f32::consts::PI * RADIUS;
    let dash = move || {
        let share = goal().map_or(0.0, |g| progress(total(), g));
        format!("{:.1} {:.1}", share * circumference, circumference)
    };

    let custom_amount = NodeRef::<leptos::html::Input>::new();
    let add_custom = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(input) = custom_amount.get() else {
            return;
        };
        match parse_amount(&input.value(), unit(), DRINK_RANGE_ML) {
            Ok(ml) => {
                custom_error.set(None);
                input.set_value("");
                add(ml);
            }
            Err(err) => custom_error.set(Some(err.to_string())),
        }
    };
    let undo = move |_| {
        let mut undone = None;
        data.update(|d| undone = d.log.undo_last());
        save();
        said.set(match undone {
            Some(entry) => format!("Removed {}.", format_amount(entry.ml, unit())),
            None => "Nothing to undo.".into(),
        });
    };

    let entry_row = move |entry: Entry| {
        let id = entry.id;
        let time = hhmm(DeviceClock.local(entry.at_ms).minute_of_day);
        let amount = format_amount(entry.ml, unit());
        let edit_input = NodeRef::<leptos::html::Input>::new();
        let edit_error = RwSignal::new(None::<String>);
        let save_edit = move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            let Some(input) = edit_input.get() else {
                return;
            };
            match parse_amount(&input.value(), unit(), DRINK_RANGE_ML) {
                Ok(ml) => {
                    let mut result = Ok(());
                    data.update(|d| result = d.log.edit(id, ml, entry.at_ms));
                    save();
                    match result {
                        Ok(()) => {
                            editing.set(None);
                            said.set(format!("Changed to {}.", format_amount(ml, unit())));
                        }
                        Err(err) => edit_error.set(Some(err.to_string())),
                    }
                }
                Err(err) => edit_error.set(Some(err.to_string())),
            }
        };
        let delete = move |_| {
            let mut deleted = None;
            data.update(|d| deleted = d.log.delete(id).ok());
            save();
            if let Some(entry) = deleted {
                said.set(format!("Deleted {}.", format_amount(entry.ml, unit())));
            }
        };
        let label = format!("{amount} at {time}");
        view! {
            <li class="drink">
                {move || {
                    if editing.get() == Some(id) {
                        view! {
                            <form class="drink-edit" on:submit=save_edit>
                                <label>
                                    {format!("Amount at {time} ({})", unit().label())}
                                    <input
                                        node_ref=edit_input
                                        type="text"
                                        inputmode="decimal"
                                        value=bare_amount(entry.ml, unit())
                                    />
                                </label>
                                <button type="submit" class="button">"Save"</button>
                                <button type="button" class="button button-quiet" on:click=move |_| editing.set(None)>
                                    "Cancel"
                                </button>
                                {move || edit_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
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
    };

    let history = move || {
        let days = history_days.get();
        let totals = data.with(|d| d.log.day_totals(today(), days, &DeviceClock));
        let goal = goal();
        let peak = totals
            .iter()
            .map(|(_, ml)| *ml)
            .chain(goal)
            .max()
            .unwrap_or(0)
            .max(1);
        let width = 300.0_f32;
        let height = 120.0_f32;
        let slot = width / f32::from(days.max(1));
        let bars = totals
            .iter()
            .enumerate()
            .map(|(i, (date, ml))| {
                let bar_height = height * (*ml as f32) / (peak as f32);
                let met = goal.is_some_and(|g| *ml >= g);
                view! {
                    <rect
                        class=if met { "bar bar-met" } else { "bar" }
                        x=format!("{:.1}", i as f32 * slot + slot * 0.15)
                        y=format!("{:.1}", height - bar_height)
                        width=format!("{:.1}", slot * 0.7)
                        height=format!("{:.1}", bar_height)
                    >
                        <title>{format!("{date}: {}", format_amount(*ml, unit()))}</title>
                    </rect>
                }
            })
            .collect_view();
        let goal_line = goal.map(|g| {
            let y = format!("{:.1}", height - height * (g as f32) / (peak as f32));
            view! { <line class="goal-line" x1="0" x2=width.to_string() y1=y.clone() y2=y></line> }
        });
        let average = data.with(|d| d.log.average(today(), days, &DeviceClock));
        let streak = goal.map(|g| data.with(|d| d.log.streak(today(), g, &DeviceClock)));
        let summary = format!(
            "Last {days} days. Average {}.{}",
            average.map_or("not yet known".into(), |ml| format!(
                "{} a day",
                format_amount(ml, unit())
            )),
            streak.map_or(String::new(), |s| match s {
                0 => " Goal not met yet on the latest days.".into(),
                1 => " Goal met 1 day in a row.".into(),
                n => format!(" Goal met {n} days in a row."),
            }),
        );
        view! {
            <svg class="chart" viewBox=format!("0 0 {width} {height}") role="img" aria-label=summary.clone()>
                {bars}
                {goal_line}
            </svg>
            <p>{summary}</p>
        }
    };

    let reminder_settings = move || data.with(|d| d.reminders);
    let turn_on_reminders = move |_| {
        #[cfg(feature = "hydrate")]
        browser::ask_for_notifications(data, blocked, save);
    };
    let download_calendar = move |_| {
        let settings = reminder_settings();
        let at = now_ms();
        match ics::to_ics(&settings, DeviceClock.day_of(at), at) {
            Ok(text) => download("leg-relief-water-reminders.ics", "text/calendar", &text),
            Err(err) => said.set(err.to_string()),
        }
    };
    let export_json = move |_| {
        if let Ok(text) = data.with_untracked(storage::to_json) {
            download("leg-relief-water.json", "application/json", &text);
        }
    };
    let export_csv = move |_| {
        download(
            "leg-relief-water.csv",
            "text/csv",
            &data.with_untracked(|d| storage::to_csv(d, &DeviceClock)),
        );
    };
    let import = move |event: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        browser::import(event, data, notice, said, save);
        #[cfg(not(feature = "hydrate"))]
        let _ = event;
    };

    let minutes_input = |minute: u16| hhmm(minute);
    let set_time = move |is_wake: bool| {
        move |event: leptos::ev::Event| {
            let value = event_target_value(&event);
            let Some(minute) = parse_time(&value) else {
                return;
            };
            change(&|d| {
                if is_wake {
                    d.reminders.wake = minute;
                } else {
                    d.reminders.sleep = minute;
                }
            });
            if let Err(err) = data.with_untracked(|d| d.reminders.validate()) {
                said.set(err.to_string());
            }
        }
    };
    let set_custom_goal = move |event: leptos::ev::Event| {
        let value = event_target_value(&event);
        if value.trim().is_empty() {
            change(&|d| d.goal.custom_ml = None);
            return;
        }
        match parse_amount(&value, unit(), GOAL_RANGE_ML) {
            Ok(ml) => change(&|d| d.goal.custom_ml = Some(ml)),
            Err(err) => said.set(err.to_string()),
        }
    };
    let group_choice = move |value: SexOrStage, label: &'static str| {
        view! {
            <label class="choice">
                <input
                    type="radio"
                    name="group"
                    checked=value == SexOrStage::default()
                    prop:checked=move || data.with(|d| d.goal.sex_or_stage == value)
                    on:change=move |_| change(&|d| d.goal.sex_or_stage = value)
                />
                {label}
            </label>
        }
    };
    let flag =
        move |label: &'static str, read: fn(&Stored) -> bool, write: fn(&mut Stored, bool)| {
            view! {
                <label class="choice">
                    <input
                        type="checkbox"
                        prop:checked=move || data.with(read)
                        on:change=move |event| {
                            let on = event_target_checked(&event);
                            change(&|d| write(d, on));
                        }
                    />
                    {label}
                </label>
            }
        };

    view! {
        <div class="water">
            {move || notice.get().map(|text| view! {
                <div class="notice" role="alert">
                    <p>{text}</p>
                    <button type="button" class="button button-quiet" on:click=move |_| notice.set(None)>"OK"</button>
                </div>
            })}
            {move || (due.get() && !data.with(|d| d.goal.fluid_limit)).then(|| view! {
                <div class="reminder-banner" role="alert">
                    <p>"Time for a glass of water."</p>
                    <button type="button" class="button" on:click=move |_| add(GLASS_ML)>"Log a glass"</button>
                    <button type="button" class="button button-quiet" on:click=move |_| due.set(false)>"Not now"</button>
                </div>
            })}
            <section class="today" aria-labelledby="today-heading">
                <h2 id="today-heading">"Today"</h2>
                <div class="ring">
                    <svg viewBox="0 0 120 120" aria-hidden="true">
                        <circle class="ring-track" cx="60" cy="60" r=RADIUS.to_string()></circle>
                        <circle class="ring-fill" cx="60" cy="60" r=RADIUS.to_string() stroke-dasharray=dash transform="rotate(-90 60 60)"></circle>
                    </svg>
                    <p class="ring-text">
                        <strong>{move || format_amount(total(), unit())}</strong>
                        {move || goal().map(|g| view! { <span>{format!("of {}", format_amount(g, unit()))}</span> })}
                    </p>
                </div>
                <p class="progress-sentence" role="status">
                    {move || {
                        let said = said.get();
                        let sentence = goal::progress_sentence(total(), goal(), unit());
                        if said.is_empty() { sentence } else { format!("{said} {sentence}") }
                    }}
                </p>
                {move || data.with(|d| d.goal.fluid_limit).then(|| view! {
                    <p class="fluid-limit">"You follow your clinician's fluid limit: no goal and no goal reminders. The log still counts what you drink."</p>
                })}
                <div class="add-drinks">
                    <button type="button" class="button add-glass" on:click=move |_| add(GLASS_ML)>"Add a glass"</button>
                    <p class="hint">{move || format!("A glass is {}.", format_amount(GLASS_ML, unit()))}</p>
                    <div class="quick-sizes">
                        {QUICK_SIZES_ML
                            .into_iter()
                            .map(|ml| view! {
                                <button type="button" class="button button-quiet" on:click=move |_| add(ml)>
                                    {move || format!("Add {}", format_amount(ml, unit()))}
                                </button>
                            })
                            .collect_view()}
                    </div>
                    <form class="custom-amount" on:submit=add_custom>
                        <label for="custom-amount">{move || format!("Other amount ({})", unit().label())}</label>
                        <input id="custom-amount" node_ref=custom_amount type="text" inputmode="decimal" autocomplete="off"/>
                        <button type="submit" class="button button-quiet">"Add"</button>
                        {move || custom_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                    </form>
                    <button
                        type="button"
                        class="button button-quiet"
                        on:click=undo
                        disabled=move || data.with(|d| d.log.entries().is_empty())
                    >
                        "Undo last drink"
                    </button>
                </div>
                <h3>"Drinks today"</h3>
                {move || {
                    let entries = todays.get();
                    if entries.is_empty() {
                        view! { <p class="muted">"Nothing logged yet today."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="drinks" aria-label="Drinks today">
                                {entries.into_iter().map(entry_row).collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                }}
            </section>

            <section aria-labelledby="history-heading">
                <h2 id="history-heading">"History"</h2>
                <div class="segmented" role="group" aria-label="Days shown">
                    {[7_u16, 30]
                        .into_iter()
                        .map(|days| view! {
                            <button
                                type="button"
                                class="button button-quiet"
                                aria-pressed=move || (history_days.get() == days).to_string()
                                on:click=move |_| history_days.set(days)
                            >
                                {format!("{days} days")}
                            </button>
                        })
                        .collect_view()}
                </div>
                {history}
            </section>

            <details class="settings">
                <summary>"Your goal"</summary>
                <fieldset>
                    <legend>"The guide figure for"</legend>
                    {group_choice(SexOrStage::Women, "Women")}
                    {group_choice(SexOrStage::Men, "Men")}
                    {group_choice(SexOrStage::Pregnant, "Pregnant")}
                    {group_choice(SexOrStage::Breastfeeding, "Breastfeeding")}
                </fieldset>
                <fieldset>
                    <legend>"Today is"</legend>
                    {flag("A hot day", |d| d.goal.hot_day, |d, on| d.goal.hot_day = on)}
                    {flag("An exercise day", |d| d.goal.exercise_day, |d, on| d.goal.exercise_day = on)}
                </fieldset>
                <label class="field">
                    {move || format!("My own everyday goal ({}), or empty for the guide figure", unit().label())}
                    <input
                        type="text"
                        inputmode="decimal"
                        prop:value=move || data.with(|d| d.goal.custom_ml.map(|ml| bare_amount(ml, d.unit)).unwrap_or_default())
                        on:change=set_custom_goal
                    />
                </label>
                <fieldset>
                    <legend>"Units"</legend>
                    <label class="choice">
                        <input type="radio" name="unit" checked=true prop:checked=move || unit() == Unit::Ml on:change=move |_| change(&|d| d.unit = Unit::Ml)/>
                        "Millilitres (ml)"
                    </label>
                    <label class="choice">
                        <input type="radio" name="unit" prop:checked=move || unit() == Unit::UsFlOz on:change=move |_| change(&|d| d.unit = Unit::UsFlOz)/>
                        "US fluid ounces (fl oz)"
                    </label>
                </fieldset>
                {flag("I am on a fluid limit: I follow my clinician", |d| d.goal.fluid_limit, |d, on| d.goal.fluid_limit = on)}
            </details>

            <details class="settings">
                <summary>"Reminders"</summary>
                <p>
                    "A gentle reminder to drink, every so often between the times you choose: never in your quiet hours, not right after you drank, and not once today's goal is met."
                </p>
                {move || {
                    if data.with(|d| d.reminders.enabled) {
                        view! {
                            <button type="button" class="button button-quiet" on:click=move |_| change(&|d| d.reminders.enabled = false)>
                                "Turn off reminders"
                            </button>
                        }
                            .into_any()
                    } else {
                        view! {
                            <p class="hint">"Reminders come as notifications from this app, so your browser will ask whether to allow them."</p>
                            <button type="button" class="button" on:click=turn_on_reminders>"Turn on reminders"</button>
                        }
                            .into_any()
                    }
                }}
                {move || blocked.get().then(|| view! {
                    <p class="banner" role="status">
                        "Notifications are not allowed for this app, so reminders show here on the page while it is open. To get them as notifications, allow them in your browser's site settings."
                    </p>
                })}
                <label class="field">
                    "Remind me every"
                    <select on:change=move |event| {
                        if let Ok(minutes) = event_target_value(&event).parse::<u16>() {
                            change(&|d| d.reminders.every_minutes = minutes);
                        }
                    } prop:value=move || reminder_settings().every_minutes.to_string()>
                        {INTERVALS_MINUTES
                            .into_iter()
                            .map(|m| view! { <option value=m.to_string() selected=m == 90>{format!("{m} minutes")}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label class="field">
                    "From (wake)"
                    <input type="time" value=minutes_input(8 * 60) prop:value=move || minutes_input(reminder_settings().wake) on:change=set_time(true)/>
                </label>
                <label class="field">
                    "Until (quiet hours start)"
                    <input type="time" value=minutes_input(21 * 60) prop:value=move || minutes_input(reminder_settings().sleep) on:change=set_time(false)/>
                </label>
                <h3>"When the app is closed"</h3>
                <p>
                    "No phone lets a closed web app wake itself, and offline there is no server to send a push. What does work: put the schedule in your phone's own calendar. The file holds one repeating event per reminder time, inside your waking hours only."
                </p>
                <button type="button" class="button button-quiet" on:click=download_calendar>"Download calendar file (.ics)"</button>
            </details>

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
        </div>
    }
}

/// An amount as a form field shows it: the number without its unit.
fn bare_amount(ml: u32, unit: Unit) -> String {
    format_amount(ml, unit)
        .trim_end_matches(unit.label())
        .trim()
        .to_string()
}

/// Saves `text` as a file on the device (only in the browser, where a tap asks for it).
fn download(name: &str, mime: &str, text: &str) {
    #[cfg(feature = "hydrate")]
    browser::download(name, mime, text);
    #[cfg(not(feature = "hydrate"))]
    let _ = (name, mime, text);
}

/// `08:30` from a time input, as a minute of the day.
fn parse_time(value: &str) -> Option<u16> {
    let (hours, minutes) = value.split_once(':')?;
    let (hours, minutes): (u16, u16) = (hours.parse().ok()?, minutes.get(..2)?.parse().ok()?);
    (hours < 24 && minutes < 60).then_some(hours * 60 + minutes)
}

fn now_ms() -> i64 {
    #[cfg(feature = "hydrate")]
    {
        js_sys::Date::now() as i64
    }
    #[cfg(not(feature = "hydrate"))]
    0
}

/// Whether a reminder is due now, given what was last checked; updates the bookkeeping.
pub fn check_reminder(data: &mut Stored, now: i64, clock: &impl LocalClock) -> bool {
    let goal = goal_ml(&data.goal);
    let today_total = data.log.total_for(clock.day_of(now), clock);
    let situation = Situation {
        last_drink_at: data.log.entries().iter().map(|e| e.at_ms).max(),
        last_reminded_at: data.last_reminded_at,
        goal_met: goal.is_some_and(|g| today_total >= g),
        fluid_limit: data.goal.fluid_limit,
    };
    let due = catch_up(
        now,
        data.last_checked_at,
        &data.reminders,
        &situation,
        clock,
    )
    .is_some();
    data.last_checked_at = Some(now);
    if due {
        data.last_reminded_at = Some(now);
    }
    due
}

#[cfg(feature = "hydrate")]
mod browser {
    //! Storage, the clock tick, notifications through the service worker, files in and out.

    use super::{check_reminder, now_ms, DeviceClock, GLASS_ML};
    use crate::water::storage::{self, Stored};
    use leptos::{prelude::*, wasm_bindgen::JsCast};
    use std::time::Duration;
    use wasm_bindgen::{closure::Closure, JsValue};

    const STORAGE_KEY: &str = "leg-relief.water.v1";
    const TICK: Duration = Duration::from_secs(30);

    fn local_storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok()?
    }

    pub fn save(data: &Stored) {
        if let (Some(storage), Ok(text)) = (local_storage(), storage::to_json(data)) {
            let _ = storage.set_item(STORAGE_KEY, &text);
        }
    }

    /// After hydration: read the log (never during SSR), keep time moving, check reminders, and
    /// log a glass asked for from a notification.
    pub fn start(
        data: RwSignal<Stored>,
        now: RwSignal<i64>,
        notice: RwSignal<Option<String>>,
        due: RwSignal<bool>,
        blocked: RwSignal<bool>,
        add: impl Fn(u32) + Copy + 'static,
    ) {
        Effect::new(move |_| {
            let text = local_storage()
                .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
                .unwrap_or_default();
            let loaded = storage::load(&text);
            let kept_aside = !loaded.set_aside.is_empty();
            data.set(loaded.data);
            notice.set(loaded.notice);
            if kept_aside {
                data.with_untracked(save);
            }
            now.set(now_ms());
            blocked.set(permission() == "denied" && data.with_untracked(|d| d.reminders.enabled));
            keep_storage();
            log_glass_from_address(add);
            tick(data, now, due);
        });

        let interval = set_interval_with_handle(move || tick(data, now, due), TICK);
        on_cleanup(move || {
            if let Ok(handle) = interval {
                handle.clear();
            }
        });

        if let Some(container) = web_sys::window().map(|w| w.navigator().service_worker()) {
            let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(
                move |event: web_sys::MessageEvent| {
                    let data = event.data();
                    let kind = js_sys::Reflect::get(&data, &"type".into())
                        .ok()
                        .and_then(|v| v.as_string());
                    if kind.as_deref() == Some("log-glass") {
                        let ml = js_sys::Reflect::get(&data, &"ml".into())
                            .ok()
                            .and_then(|v| v.as_f64())
                            .map_or(GLASS_ML, |ml| ml as u32);
                        add(ml);
                    }
                },
            );
            let _ = container
                .add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
            // The tracker lives as long as the page.
            on_message.forget();
        }
    }

    fn tick(data: RwSignal<Stored>, now: RwSignal<i64>, due: RwSignal<bool>) {
        let at = now_ms();
        now.set(at);
        let mut remind = false;
        data.update(|d| remind = check_reminder(d, at, &DeviceClock));
        data.with_untracked(save);
        if remind {
            let granted = permission() == "granted";
            let shown = granted && show_notification();
            if !shown {
                due.set(true);
            }
        }
    }

    /// `/water?log=250` comes from a notification's "Log a glass" when no tracker was open.
    fn log_glass_from_address(add: impl Fn(u32)) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let search = window.location().search().unwrap_or_default();
        let ml = web_sys::UrlSearchParams::new_with_str(&search)
            .ok()
            .and_then(|p| p.get("log"))
            .and_then(|v| v.parse::<u32>().ok());
        if let Some(ml) = ml {
            add(ml);
            // A reload must not log it twice.
            if let Ok(history) = window.history() {
                let _ = history.replace_state_with_url(&JsValue::NULL, "", Some("/water"));
            }
        }
    }

    fn notification_class() -> Option<JsValue> {
        let window = web_sys::window()?;
        js_sys::Reflect::get(&window, &"Notification".into())
            .ok()
            .filter(|v| !v.is_undefined())
    }

    fn permission() -> String {
        notification_class()
            .and_then(|n| js_sys::Reflect::get(&n, &"permission".into()).ok())
            .and_then(|p| p.as_string())
            .unwrap_or_else(|| "unsupported".into())
    }

    /// Asks for permission (this runs from the person's tap), then turns reminders on either way:
    /// without permission they show as a banner in the page.
    pub fn ask_for_notifications(
        data: RwSignal<Stored>,
        blocked: RwSignal<bool>,
        save: impl Fn() + 'static,
    ) {
        let request = notification_class().and_then(|n| {
            let function = js_sys::Reflect::get(&n, &"requestPermission".into()).ok()?;
            function.dyn_into::<js_sys::Function>().ok()?.call0(&n).ok()
        });
        leptos::task::spawn_local(async move {
            let answer = match request.and_then(|p| p.dyn_into::<js_sys::Promise>().ok()) {
                Some(promise) => wasm_bindgen_futures::JsFuture::from(promise)
                    .await
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default(),
                None => "unsupported".into(),
            };
            data.update(|d| {
                d.reminders.enabled = true;
                d.last_checked_at = Some(now_ms());
            });
            save();
            blocked.set(answer != "granted");
        });
    }

    /// Through the service worker's registration: `new Notification()` throws on Android.
    fn show_notification() -> bool {
        let Some(container) = web_sys::window().map(|w| w.navigator().service_worker()) else {
            return false;
        };
        if container.controller().is_none() {
            return false;
        }
        leptos::task::spawn_local(async move {
            let Ok(registration) = wasm_bindgen_futures::JsFuture::from(
                container
                    .ready()
                    .unwrap_or_else(|_| js_sys::Promise::resolve(&JsValue::NULL)),
            )
            .await
            else {
                return;
            };
            let options = js_sys::Object::new();
            let action = js_sys::Object::new();
            let set = |target: &js_sys::Object, key: &str, value: JsValue| {
                let _ = js_sys::Reflect::set(target, &key.into(), &value);
            };
            set(&action, "action", "log-glass".into());
            set(&action, "title", "Log a glass".into());
            set(
                &options,
                "body",
                "Time for a glass of water. Tap “Log a glass” once you have had it.".into(),
            );
            set(&options, "tag", "leg-relief-water".into());
            set(&options, "icon", "/icons/icon-192.png".into());
            set(&options, "actions", js_sys::Array::of1(&action).into());
            let data = js_sys::Object::new();
            set(&data, "ml", JsValue::from(GLASS_ML));
            set(&options, "data", data.into());
            if let Ok(show) = js_sys::Reflect::get(&registration, &"showNotification".into())
                .and_then(|f| f.dyn_into::<js_sys::Function>())
            {
                let _ = show.call2(&registration, &"Drink some water".into(), &options);
            }
        });
        true
    }

    /// Asks the browser not to clear this site's storage under pressure; it may say no.
    fn keep_storage() {
        let Some(window) = web_sys::window() else {
            return;
        };
        let Ok(manager) = js_sys::Reflect::get(&window.navigator(), &"storage".into()) else {
            return;
        };
        if let Ok(persist) = js_sys::Reflect::get(&manager, &"persist".into())
            .and_then(|f| f.dyn_into::<js_sys::Function>())
        {
            let _ = persist.call0(&manager);
        }
    }

    pub fn download(name: &str, mime: &str, text: &str) {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Ok(link) = document.create_element("a") else {
            return;
        };
        let href = format!(
            "data:{mime};charset=utf-8,{}",
            js_sys::encode_uri_component(text)
        );
        let _ = link.set_attribute("href", &href);
        let _ = link.set_attribute("download", name);
        if let Ok(link) = link.dyn_into::<web_sys::HtmlElement>() {
            link.click();
        }
    }

    /// Reads a chosen backup (JSON or CSV) and replaces the log with it.
    pub fn import(
        event: leptos::ev::Event,
        data: RwSignal<Stored>,
        notice: RwSignal<Option<String>>,
        said: RwSignal<String>,
        save: impl Fn() + 'static,
    ) {
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
            let current = data.get_untracked();
            let result = if text.trim_start().starts_with('{') {
                storage::import_json(&text, &current)
            } else {
                storage::import_csv(&text, &current)
            };
            match result {
                Ok(loaded) => {
                    let count = loaded.data.log.entries().len();
                    data.set(loaded.data);
                    save();
                    notice.set(loaded.notice);
                    said.set(format!("Imported {count} drinks."));
                }
                Err(err) => said.set(err.to_string()),
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::water::clock::fake::{at, Berlin2026};

    fn reminding(every_minutes: u16) -> Stored {
        let mut data = Stored::default();
        data.reminders.enabled = true;
        data.reminders.every_minutes = every_minutes;
        data
    }

    #[test]
    fn an_open_app_reminds_once_per_slot_and_never_twice() {
        let clock = Berlin2026;
        let mut data = reminding(90);
        assert!(
            !check_reminder(&mut data, at("2026-11-25", 7, 50), &clock),
            "before waking"
        );
        assert!(
            check_reminder(&mut data, at("2026-11-25", 8, 0), &clock),
            "the first slot"
        );
        assert!(
            !check_reminder(&mut data, at("2026-11-25", 8, 30), &clock),
            "already reminded"
        );
        assert!(
            check_reminder(&mut data, at("2026-11-25", 9, 31), &clock),
            "the next slot"
        );
    }

    #[test]
    fn a_drink_just_before_a_slot_skips_it() {
        let clock = Berlin2026;
        let mut data = reminding(90);
        assert!(!check_reminder(&mut data, at("2026-11-25", 7, 55), &clock));
        data.log.add(at("2026-11-25", 7, 56), 250).expect("a drink");
        assert!(!check_reminder(&mut data, at("2026-11-25", 8, 1), &clock));
    }

    #[test]
    fn times_from_the_time_input() {
        assert_eq!(parse_time("08:30"), Some(510));
        assert_eq!(parse_time("21:00:00"), Some(1260));
        assert_eq!(parse_time("24:00"), None);
        assert_eq!(parse_time("eight"), None);
    }
}
