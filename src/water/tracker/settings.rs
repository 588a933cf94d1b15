//! The goal (guide figure, day extras, own goal, units, fluid limit) and the reminders.

use super::use_water;
use crate::clock::{hhmm, now_ms, parse_time, DeviceClock, LocalClock};
use crate::push::{panel::PushSwitch, ReminderKind, Schedule};
use crate::reminders::{ics, next_reminder, ReminderSettings, Situation};
use crate::water::{
    goal::{bare_amount, goal_ml, parse_amount, SexOrStage, Unit, GOAL_RANGE_ML},
    storage::Stored,
};
use leptos::prelude::*;

const INTERVALS_MINUTES: [u16; 6] = [30, 45, 60, 90, 120, 180];

#[component]
pub fn GoalSettings() -> impl IntoView {
    let water = use_water();
    let set_custom_goal = move |event: leptos::ev::Event| {
        let value = event_target_value(&event);
        if value.trim().is_empty() {
            water.change(|d| d.goal.custom_ml = None);
            return;
        }
        match parse_amount(&value, water.unit_untracked(), GOAL_RANGE_ML) {
            Ok(ml) => water.change(|d| d.goal.custom_ml = Some(ml)),
            Err(err) => water.said.set(err.to_string()),
        }
    };
    view! {
        <fieldset>
            <legend>"The guide figure for"</legend>
            <Radios
                name="group"
                choices=vec![
                    (SexOrStage::Women, "Women"),
                    (SexOrStage::Men, "Men"),
                    (SexOrStage::Pregnant, "Pregnant"),
                    (SexOrStage::Breastfeeding, "Breastfeeding"),
                ]
                read=|d| d.goal.sex_or_stage
                write=|d, value| d.goal.sex_or_stage = value
            />
        </fieldset>
        <fieldset>
            <legend>"Today is"</legend>
            <Flag label="A hot day" read=|d| d.goal.hot_day write=|d, on| d.goal.hot_day = on />
            <Flag
                label="An exercise day"
                read=|d| d.goal.exercise_day
                write=|d, on| d.goal.exercise_day = on
            />
        </fieldset>
        <label class="field">
            {move || {
                format!(
                    "My own everyday goal ({}), or empty for the guide figure",
                    water.unit().label(),
                )
            }}
            <input
                type="text"
                inputmode="decimal"
                prop:value=move || {
                    water
                        .store
                        .data
                        .with(|d| {
                            d.goal.custom_ml.map(|ml| bare_amount(ml, d.unit)).unwrap_or_default()
                        })
                }
                on:change=set_custom_goal
            />
        </label>
        <fieldset>
            <legend>"Units"</legend>
            <Radios
                name="unit"
                choices=vec![
                    (Unit::Ml, "Millilitres (ml)"),
                    (Unit::UsFlOz, "US fluid ounces (fl oz)"),
                ]
                read=|d| d.unit
                write=|d, value| d.unit = value
            />
        </fieldset>
        <Flag
            label="I am on a fluid limit: I follow my clinician"
            read=|d| d.goal.fluid_limit
            write=|d, on| d.goal.fluid_limit = on
        />
    }
}

/// A setting with a few values, one radio button each; the default is checked until storage
/// has been read.
#[component]
fn Radios<T: Copy + PartialEq + Default + Send + Sync + 'static>(
    name: &'static str,
    choices: Vec<(T, &'static str)>,
    read: fn(&Stored) -> T,
    write: fn(&mut Stored, T),
) -> impl IntoView {
    let water = use_water();
    choices
        .into_iter()
        .map(|(value, label)| {
            view! {
                <label class="choice">
                    <input
                        type="radio"
                        name=name
                        checked=value == T::default()
                        prop:checked=move || water.store.data.with(|d| read(d) == value)
                        on:change=move |_| water.change(|d| write(d, value))
                    />
                    {label}
                </label>
            }
        })
        .collect_view()
}

/// A setting that is on or off.
#[component]
fn Flag(
    label: &'static str,
    read: fn(&Stored) -> bool,
    write: fn(&mut Stored, bool),
) -> impl IntoView {
    let water = use_water();
    view! {
        <label class="choice">
            <input
                type="checkbox"
                prop:checked=move || water.store.data.with(read)
                on:change=move |event| {
                    let on = event_target_checked(&event);
                    water.change(|d| write(d, on));
                }
            />
            {label}
        </label>
    }
}

#[component]
pub fn ReminderPanel(push_key: Option<String>) -> impl IntoView {
    let water = use_water();
    // What the server sends by: the schedule alone (the in-page switch is not its business).
    let push_schedule = Memo::new(move |_| Schedule::Water {
        reminders: ReminderSettings {
            enabled: true,
            ..water.store.data.with(|d| d.reminders)
        },
    });
    view! {
        <p>
            "A gentle reminder to drink, every so often between the times you choose: never in your quiet hours, not right after you drank, and not once today's goal is met."
        </p>
        <ReminderSwitch />
        <ReminderTimes />
        <h3>"When the app is closed"</h3>
        <p>
            "A closed web app can't remind you by itself. Our server can: turned on, it sends this schedule's reminders to this browser as notifications, in your waking hours only. It can't see what you drank, so it reminds at every slot."
        </p>
        <PushSwitch kind=ReminderKind::Water push_key schedule=push_schedule.into() />
        <CalendarFile />
    }
}

/// "Next reminder at 11:00": what the schedule means at `now`.
fn next_reminder_text(data: &Stored, now: i64) -> Option<String> {
    let today_total = data.log.total_for(DeviceClock.day_of(now), &DeviceClock);
    let situation = Situation {
        last_drink_at: data.log.entries().iter().map(|e| e.at_ms).max(),
        last_reminded_at: data.last_reminded_at,
        goal_met: goal_ml(&data.goal).is_some_and(|g| today_total >= g),
        fluid_limit: data.goal.fluid_limit,
    };
    next_reminder(now, &data.reminders, &situation, &DeviceClock).map(|at| {
        let local = DeviceClock.local(at);
        let day = if local.date == DeviceClock.day_of(now) {
            ""
        } else {
            " tomorrow"
        };
        format!("Next reminder at {}{day}.", hhmm(local.minute_of_day))
    })
}

/// Reminders on or off, the next one while on, and why they show in the page when
/// notifications are not allowed.
#[component]
fn ReminderSwitch() -> impl IntoView {
    let water = use_water();
    let turn_on = move |_| {
        #[cfg(feature = "hydrate")]
        super::browser::ask_for_notifications(water);
    };
    let next = move || {
        let now = water.now.get();
        water.store.data.with(|d| next_reminder_text(d, now))
    };
    view! {
        {move || {
            if water.store.data.with(|d| d.reminders.enabled) {
                view! {
                    <p class="hint">{next}</p>
                    <button
                        type="button"
                        class="button button-quiet"
                        on:click=move |_| { water.change(|d| d.reminders.enabled = false) }
                    >
                        "Turn off reminders"
                    </button>
                }
                    .into_any()
            } else {
                view! {
                    <p class="hint">
                        "Reminders come as notifications from this app, so your browser will ask whether to allow them."
                    </p>
                    <button type="button" class="button" on:click=turn_on>
                        "Turn on reminders"
                    </button>
                }
                    .into_any()
            }
        }}
        {move || {
            water
                .blocked
                .get()
                .then(|| {
                    view! {
                        <p class="banner" role="status">
                            "Notifications are not allowed for this app, so reminders show here on the page while it is open. To get them as notifications, allow them in your browser's site settings."
                        </p>
                    }
                })
        }}
    }
}

/// How often, and the waking hours the reminders keep to.
#[component]
fn ReminderTimes() -> impl IntoView {
    let water = use_water();
    let defaults = ReminderSettings::default();
    let settings = move || water.store.data.with(|d| d.reminders);
    view! {
        <label class="field">
            "Remind me every"
            <select
                on:change=move |event| {
                    if let Ok(minutes) = event_target_value(&event).parse::<u16>() {
                        water.change(|d| d.reminders.every_minutes = minutes);
                    }
                }
                prop:value=move || settings().every_minutes.to_string()
            >
                {INTERVALS_MINUTES
                    .into_iter()
                    .map(|m| {
                        view! {
                            <option value=m.to_string() selected=m == defaults.every_minutes>
                                {format!("{m} minutes")}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
        <WindowTime label="From (wake)" minute=|r| &mut r.wake />
        <WindowTime label="Until (quiet hours start)" minute=|r| &mut r.sleep />
    }
}

/// One end of the waking window, `minute` of the settings.
#[component]
fn WindowTime(label: &'static str, minute: fn(&mut ReminderSettings) -> &mut u16) -> impl IntoView {
    let water = use_water();
    let read = move |mut settings: ReminderSettings| *minute(&mut settings);
    let settings = move || water.store.data.with(|d| d.reminders);
    let set = move |event: leptos::ev::Event| {
        let Some(value) = parse_time(&event_target_value(&event)) else {
            return;
        };
        water.change(|d| *minute(&mut d.reminders) = value);
        if let Err(err) = settings().validate() {
            water.said.set(err.to_string());
        }
    };
    view! {
        <label class="field">
            {label}
            <input
                type="time"
                value=hhmm(read(ReminderSettings::default()))
                prop:value=move || hhmm(read(settings()))
                on:change=set
            />
        </label>
    }
}

/// The schedule as a calendar file, for the phone's own calendar.
#[component]
fn CalendarFile() -> impl IntoView {
    let water = use_water();
    let download_calendar = move |_| {
        let at = now_ms();
        let settings = water.store.data.with(|d| d.reminders);
        match ics::to_ics(&settings, DeviceClock.day_of(at), at) {
            Ok(text) => super::download("leg-relief-water-reminders.ics", "text/calendar", &text),
            Err(err) => water.said.set(err.to_string()),
        }
    };
    view! {
        <p>
            "Or put the schedule in your phone's own calendar, which works offline too: the file holds one repeating event per reminder time, inside your waking hours only."
        </p>
        <button type="button" class="button button-quiet" on:click=download_calendar>
            "Download calendar file (.ics)"
        </button>
    }
}
