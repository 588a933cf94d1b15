use super::switch::Switch;
use super::*;
use crate::clock::{now_ms, DeviceClock, LocalClock};
use leptos::prelude::*;

/// The switch's label, also its accessible name and the group's.
pub fn switch_label(kind: ReminderKind) -> &'static str {
    match kind {
        ReminderKind::Water => "Water reminders when the app is closed",
        ReminderKind::Bedtime => "Bedtime reminder when the app is closed",
    }
}

/// One kind's opt-in switch with its note, its status line and, while on, a test button.
/// Used inside an island (the water tracker, the bedtime reminder).
#[component]
pub fn PushSwitch(
    kind: ReminderKind,
    /// The server's VAPID public key (base64url); `None` when it sends no reminders.
    push_key: Option<String>,
    /// The schedule to send; a change while on is sent to the server.
    schedule: Signal<Schedule>,
) -> impl IntoView {
    let switch = Switch {
        kind,
        phase: RwSignal::new(Phase::Checking),
        blocked: RwSignal::new(None),
        said: RwSignal::new(String::new()),
        sent: StoredValue::new(None),
        held: StoredValue::new(None),
        schedule,
    };
    #[cfg(feature = "hydrate")]
    {
        let key = push_key.clone();
        Effect::new(move |_| super::browser::open(switch, key.is_some()));
        // A new schedule while on goes to the server.
        Effect::new(move |_| {
            let now = schedule.get();
            if matches!(switch.phase.get_untracked(), Phase::On { .. })
                && switch.sent.get_value().is_some_and(|sent| sent != now)
            {
                super::browser::change(switch, now);
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = &push_key;
    // Taps while blocked or busy do nothing; the switch says why.
    let toggle = move |_| {
        #[cfg(feature = "hydrate")]
        match (switch.blocked.get_untracked(), switch.phase.get_untracked()) {
            (None, Phase::Off) => {
                super::browser::turn_on(switch, push_key.clone().unwrap_or_default())
            }
            (None, Phase::On { .. }) => super::browser::turn_off(switch),
            _ => {}
        }
    };
    let send_test = move |_| {
        #[cfg(feature = "hydrate")]
        super::browser::send_test(switch);
    };
    let (why_id, note_id) = (element_id("why", kind), element_id("note", kind));
    let described_by = {
        let (why_id, note_id) = (why_id.clone(), note_id.clone());
        move || match switch.blocked.get() {
            Some(_) => format!("{why_id} {note_id}"),
            None => note_id.clone(),
        }
    };
    view! {
        <div class="push-panel" role="group" aria-label=switch_label(kind)>
            <button
                type="button"
                class="push-switch"
                aria-pressed=move || if switch.phase.get().pressed() { "true" } else { "false" }
                aria-disabled=move || {
                    (switch.blocked.get().is_some() || !switch.phase.get().settled())
                        .then_some("true")
                }
                aria-describedby=described_by
                on:click=toggle
            >
                <span class="push-switch-label">{switch_label(kind)}</span>
                <span class="push-switch-track" aria-hidden="true">
                    <span class="push-switch-state">{move || switch.phase.get().label()}</span>
                </span>
            </button>
            {move || {
                switch
                    .blocked
                    .get()
                    .map(|blocker| {
                        view! {
                            <p class="banner push-why" id=why_id.clone()>
                                {blocker_text(blocker)}
                            </p>
                        }
                    })
            }}
            <p class="hint push-note" id=note_id>
                {keeps_note(kind)}
            </p>
            <div class="push-status" role="status">
                {move || {
                    let text = status_text(switch.phase.get());
                    (!text.is_empty()).then(|| view! { <p>{text}</p> })
                }}
                {move || {
                    let said = switch.said.get();
                    (!said.is_empty()).then(|| view! { <p>{said}</p> })
                }}
            </div>
            {move || {
                matches!(switch.phase.get(), Phase::On { .. })
                    .then(|| {
                        view! {
                            <button type="button" class="button button-quiet" on:click=send_test>
                                "Send a test reminder"
                            </button>
                        }
                    })
            }}
        </div>
    }
}

/// The status line: the switch's phase, with the next reminder's time while on.
fn status_text(phase: Phase) -> String {
    let next = match phase {
        Phase::On {
            next_at_ms: Some(at),
        } => Some(DeviceClock.local(at)),
        _ => None,
    };
    phase_text(phase, next, DeviceClock.day_of(now_ms()))
}

/// The bedtime routine's reminder: a time (22:00 until chosen), the push switch, and the
/// calendar file that works everywhere.
// In a bundle of its own, which the routine starts when it comes near (see `bundle::Bundle`).
#[cfg_attr(feature = "islands-reminder", island)]
#[cfg_attr(not(feature = "islands-reminder"), component)]
pub fn BedtimeReminder(push_key: Option<String>) -> impl IntoView {
    let at = RwSignal::new(DEFAULT_BEDTIME);
    let said = RwSignal::new(String::new());
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| at.set(super::browser::stored().bedtime()));
    let set_time = move |event: leptos::ev::Event| {
        let Some(minute) = crate::clock::parse_time(&event_target_value(&event)) else {
            return;
        };
        at.set(minute);
        #[cfg(feature = "hydrate")]
        if let Err(err) = super::browser::update(|device| device.bedtime_at = minute) {
            said.set(err);
        }
    };
    let download_calendar = move |_| {
        let now = now_ms();
        let text =
            crate::reminders::ics::bedtime_ics(at.get_untracked(), DeviceClock.day_of(now), now);
        #[cfg(feature = "hydrate")]
        crate::device::download("leg-relief-bedtime-reminder.ics", "text/calendar", &text);
        #[cfg(not(feature = "hydrate"))]
        let _ = text;
    };
    let schedule = Memo::new(move |_| Schedule::Bedtime { at: at.get() });
    view! {
        <section class="settings bedtime-reminder" aria-labelledby="bedtime-reminder-heading">
            <h2 id="bedtime-reminder-heading">"A reminder at bedtime"</h2>
            <p>
                "One reminder a night to do these stretches, at the time you choose. It opens this routine."
            </p>
            <label class="field">
                "Remind me at"
                <input
                    type="time"
                    value=hhmm(DEFAULT_BEDTIME)
                    prop:value=move || hhmm(at.get())
                    on:change=set_time
                />
            </label>
            <PushSwitch kind=ReminderKind::Bedtime push_key schedule=schedule.into() />
            <p>
                "Or put the reminder in your phone's own calendar: one event a night at this time, which rings even when the app is closed or offline."
            </p>
            <button type="button" class="button button-quiet" on:click=download_calendar>
                "Download calendar file (.ics)"
            </button>
            {move || {
                let text = said.get();
                (!text.is_empty())
                    .then(|| {
                        view! {
                            <p class="banner" role="status">
                                {text}
                            </p>
                        }
                    })
            }}
        </section>
    }
}
