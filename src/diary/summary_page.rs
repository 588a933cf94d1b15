//! /diary/summary: the last 90 days for a doctor, on at most two printed pages (A4 or Letter).
//! The figures come from `summary`; warning signs the figures meet come first.

use super::{
    page::CALENDAR_DAYS,
    state::DiaryState,
    summary::{
        summarise, Summary, CRAMPS_PER_WEEK, DISTURBED_NIGHTS, FEWEST_DAYS_AVERAGED, RECENT_NIGHTS,
    },
    words::{day_text, format_duration, when_text, where_text},
};
use crate::{
    clock::{now_ms, DeviceClock, LocalClock},
    content::catalogue,
    device::StoreNotices,
    ui::PageMeta,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A warning sign as the summary shows it, from the content (never in the WASM).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignText {
    pub id: String,
    pub sign: String,
    /// The sign's list, printed whole: a sign that ends "any of these:" needs them.
    pub items: Vec<String>,
    pub action: String,
}

/// The signs `summary` may name.
const SIGNS: [&str; 3] = [
    "cramp-over-10-minutes",
    "frequent-cramps",
    "statin-muscle-pain",
];

#[component]
pub fn SummaryPage() -> impl IntoView {
    let catalogue = catalogue();
    let signs: Vec<SignText> = SIGNS
        .iter()
        .filter_map(|id| catalogue.red_flag(id))
        .map(|flag| SignText {
            id: flag.id.clone(),
            sign: flag.sign.clone(),
            items: flag.items.clone(),
            action: flag.action.clone(),
        })
        .collect();
    view! {
        <PageMeta
            title="Cramp diary: summary for your doctor".into()
            description="The last 90 days of your cramp diary on one or two printed pages: how often, how long, which leg, what helped."
                .into()
        />
        <div class="summary-page">
            <p class="no-print">
                <a href="/diary">"Back to your diary"</a>
            </p>
            <h1>"Leg cramps: summary for my doctor"</h1>
            <noscript>
                <p class="warning">
                    "The summary is made in your browser from the diary on this device, so it needs JavaScript turned on."
                </p>
            </noscript>
            <DoctorSummary signs />
        </div>
    }
}

// In the summary bundle (see `bundle::Bundle`).
#[cfg_attr(feature = "islands-summary", island)]
#[cfg_attr(not(feature = "islands-summary"), component)]
fn DoctorSummary(signs: Vec<SignText>) -> impl IntoView {
    let diary = DiaryState::new();
    let signs = StoredValue::new(signs);
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };

    let figures = move || {
        let today = DeviceClock.day_of(now_ms());
        let summary = diary
            .data
            .with(|d| summarise(d, today, CALENDAR_DAYS, &DeviceClock));
        let applying: Vec<(SignText, String)> = summary
            .signs
            .iter()
            .filter_map(|applies| {
                signs
                    .with_value(|all| all.iter().find(|s| s.id == applies.id).cloned())
                    .map(|text| (text, applies.reason.clone()))
            })
            .collect();
        view! {
            <p class="summary-period">
                {format!(
                    "{} to {}. Averages are over the {} days recorded (at least {FEWEST_DAYS_AVERAGED}). Recorded by me in the Leg Relief app, on my own device.",
                    day_text(summary.from),
                    day_text(summary.to),
                    summary.days_recorded,
                )}
            </p>
            <SignsMet applying />
            // Two columns on paper, one on a phone.
            <div class="summary-columns">
                <HowOften summary=summary.clone() />
                <WhereAndRelief summary=summary.clone() />
            </div>
            <Weeks summary=summary.clone() />
            <Longest summary />
        }
    };

    view! {
        <StoreNotices store=diary />
        <div class="no-print summary-actions">
            <button type="button" class="button" on:click=print>
                "Print"
            </button>
            <p class="hint">
                "To keep it as a PDF, tap Print and choose Save as PDF as the printer. It fits on one or two pages."
            </p>
        </div>
        <Show
            when=move || diary.ready.get()
            fallback=|| view! { <p>"Reading your diary on this device…"</p> }
        >
            {figures}
        </Show>
        <section class="medicines" aria-labelledby="medicines-heading">
            <h2 id="medicines-heading">"My medicines"</h2>
            <label for="medicines" class="no-print">
                "Type the medicines you take, if you want them on the summary. Kept on this device only."
            </label>
            <textarea
                id="medicines"
                rows="3"
                prop:value=move || diary.data.with(|d| d.medicines.clone())
                on:change=move |event| {
                    let text = event_target_value(&event);
                    diary.change(|d| d.medicines = text);
                }
            ></textarea>
            <p class="print-only">
                {move || {
                    diary
                        .data
                        .with(|d| {
                            if d.medicines.trim().is_empty() {
                                "None listed.".to_string()
                            } else {
                                d.medicines.clone()
                            }
                        })
                }}
            </p>
            {move || {
                diary
                    .data
                    .with(|d| !d.medicines.trim().is_empty())
                    .then(|| {
                        view! { <p class="hint">"Worth asking: can any of these cause cramps?"</p> }
                    })
            }}
        </section>
        <p class="summary-note">
            "These figures describe what I recorded. They are not a diagnosis."
        </p>
    }
}

/// The app's warning signs the figures meet, each with the figure that meets it.
#[component]
fn SignsMet(applying: Vec<(SignText, String)>) -> impl IntoView {
    {
        (!applying.is_empty())
        .then(|| {
            view! {
                <section class="summary-signs" aria-labelledby="summary-signs-heading">
                    <h2 id="summary-signs-heading">"Worth discussing with your doctor"</h2>
                    <ul>
                        {applying
                            .into_iter()
                            .map(|(sign, reason)| {
                                view! {
                                    <li>
                                        <p>
                                            <strong>{sign.sign}</strong>
                                        </p>
                                        {(!sign.items.is_empty())
                                            .then(|| {
                                                view! {
                                                    <ul class="sign-items">
                                                        {sign
                                                            .items
                                                            .into_iter()
                                                            .map(|i| view! { <li>{i}</li> })
                                                            .collect_view()}
                                                    </ul>
                                                }
                                            })}
                                        <p>{reason}</p>
                                        // What to do is for the person, on the screen; the doctor's copy
                                        // leaves it off.
                                        <p class="no-print hint">{sign.action}</p>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    <p class="hint">
                        {format!(
                            "\u{201c}Frequent\u{201d} is this app's own threshold ({CRAMPS_PER_WEEK} cramps a week on average, or woken on {DISTURBED_NIGHTS} nights in a week or of the last {RECENT_NIGHTS}); the NHS gives no number.",
                        )}
                    </p>
                </section>
            }
        })
    }
}

/// How often the cramps came, and how long they lasted.
#[component]
fn HowOften(summary: Summary) -> impl IntoView {
    let duration =
        |seconds: Option<u32>| seconds.map_or("none recorded".to_string(), format_duration);
    view! {
        <section aria-labelledby="summary-figures-heading">
            <h2 id="summary-figures-heading">"How often and how long"</h2>
            <table class="figures">
                <tbody>
                    <tr>
                        <th scope="row">"Cramps"</th>
                        <td>
                            {format!(
                                "{} ({} a week on average)",
                                summary.cramps,
                                summary.per_week(),
                            )}
                        </td>
                    </tr>
                    <tr>
                        <th scope="row">"Days with cramps"</th>
                        <td>{summary.days_with_cramps}</td>
                    </tr>
                    <tr>
                        <th scope="row">"Nights woken"</th>
                        <td>
                            {format!(
                                "{} of {} nights with cramps{}",
                                summary.nights_disturbed,
                                summary.nights_with_cramps,
                                if summary.woke_not_said > 0 {
                                    format!(" ({} cramps without an answer)", summary.woke_not_said)
                                } else {
                                    String::new()
                                },
                            )}
                        </td>
                    </tr>
                    <tr>
                        <th scope="row">"Typical length (median)"</th>
                        <td>{duration(summary.median_seconds)}</td>
                    </tr>
                    <tr>
                        <th scope="row">"Longest"</th>
                        <td>{duration(summary.longest_seconds)}</td>
                    </tr>
                    <tr>
                        <th scope="row">"Longer than 10 minutes"</th>
                        <td>{summary.over_ten_minutes}</td>
                    </tr>
                    <tr>
                        <th scope="row">"Timed in the app / added afterwards"</th>
                        <td>{format!("{} / {}", summary.timed, summary.by_hand)}</td>
                    </tr>
                </tbody>
            </table>
        </section>
    }
}

/// Where the cramps were, what was tried and what helped, and the patterns.
#[component]
fn WhereAndRelief(summary: Summary) -> impl IntoView {
    view! {
        <div>
            <section aria-labelledby="summary-where-heading">
                <h2 id="summary-where-heading">"Where"</h2>
                <p>
                    {summary
                        .by_muscle
                        .iter()
                        .map(|(m, n)| format!("{}: {n}", m.label()))
                        .collect::<Vec<_>>()
                        .join(" · ")}
                </p>
                <p>
                    {summary
                        .by_side
                        .iter()
                        .map(|(s, n)| {
                            format!("{}: {n}", s.map_or("side not said", |s| s.label()))
                        })
                        .collect::<Vec<_>>()
                        .join(" · ")}
                </p>
            </section>
            <section aria-labelledby="summary-relief-heading">
                <h2 id="summary-relief-heading">"What I tried, and what helped"</h2>
                // `data-label`: each figure's name, shown beside it where the rows stack (narrow
                // screens, large text), as the column headers no longer stand above it.
                <table class="figures">
                    <thead>
                        <tr>
                            <th scope="col">""</th>
                            <th scope="col">"Tried"</th>
                            <th scope="col">"Helped"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {summary
                            .reliefs
                            .iter()
                            .map(|r| {
                                view! {
                                    <tr>
                                        <th scope="row">{r.relief.label()}</th>
                                        <td data-label="Tried">{r.tried}</td>
                                        <td data-label="Helped">{r.helped}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </section>
            {(!summary.patterns.is_empty())
                .then(|| {
                    view! {
                        <section aria-labelledby="summary-patterns-heading">
                            <h2 id="summary-patterns-heading">"Patterns"</h2>
                            <ul>
                                {summary
                                    .patterns
                                    .iter()
                                    .map(|p| view! { <li>{p.clone()}</li> })
                                    .collect_view()}
                            </ul>
                            <p class="hint">"Descriptive only: what I recorded, not a cause."</p>
                        </section>
                    }
                })}
        </div>
    }
}

/// A row a week, the busiest marked.
#[component]
fn Weeks(summary: Summary) -> impl IntoView {
    let most_in_a_week = summary.weeks.iter().map(|w| w.count).max().unwrap_or(0);
    view! {
        <section aria-labelledby="summary-weeks-heading">
            <h2 id="summary-weeks-heading">"Cramps each week"</h2>
            // A row a week, which fits any screen at any text size; on paper the rows are
            // set side by side (style/main.css), to keep to two pages.
            <table class="weeks">
                <thead>
                    <tr>
                        <th scope="col">"Week of"</th>
                        <th scope="col">"Cramps"</th>
                    </tr>
                </thead>
                <tbody>
                    {summary
                        .weeks
                        .iter()
                        .map(|w| {
                            let most = w.count == most_in_a_week && w.count > 0;
                            view! {
                                <tr>
                                    <th scope="row">{day_text(w.monday)}</th>
                                    <td class:most=most>{w.count}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// The few longest cramps.
#[component]
fn Longest(summary: Summary) -> impl IntoView {
    {
        (!summary.longest.is_empty())
        .then(|| {
            view! {
                <section aria-labelledby="summary-longest-heading">
                    <h2 id="summary-longest-heading">"The longest cramps"</h2>
                    <table class="figures">
                        <thead>
                            <tr>
                                <th scope="col">"When"</th>
                                <th scope="col">"Where"</th>
                                <th scope="col">"How long"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {summary
                                .longest
                                .iter()
                                .map(|c| {
                                    view! {
                                        <tr>
                                            <th scope="row">{when_text(c.start_ms, &DeviceClock)}</th>
                                            <td data-label="Where">{where_text(c)}</td>
                                            <td data-label="How long">{format_duration(c.seconds)}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </section>
            }
        })
    }
}
