//! /diary: the cramps recorded on this device, the last 90 days at a glance, and plain-language
//! patterns; adding, editing and removing entries.

use super::{
    entry_form::EntryForm,
    model::{Cramp, Muscle, Side},
    patterns::{
        by_hour, by_month, by_muscle, by_side, calendar_cell, days, month_labels, months_in_words,
        patterns, weeks, Day,
    },
    state::DiaryState,
    words::{
        day_text, details_text, format_duration, plural, short_month_name, side_text, when_text,
        where_text, WEEKDAYS,
    },
};
use crate::{
    clock::{hhmm, now_ms, DeviceClock, LocalClock, LocalDate},
    device::StoreNotices,
    ui::PageHead,
};
use leptos::prelude::*;

/// Days the calendar shows.
pub const CALENDAR_DAYS: u16 = 90;
/// Entries listed under "Recent" until the person asks for all.
const RECENT: usize = 5;

#[component]
pub fn DiaryPage() -> impl IntoView {
    view! {
        <PageHead
            title="Cramp diary"
            description="Your cramps, kept on this device: when, how long, which leg and what helped, with a summary to show your doctor."
            lead="Every cramp you time with Cramp now, and any you add here. Doctors ask how often, when, how long and which leg: this keeps the answers. It stays on this device."
        />
        <noscript>
            <p class="warning">
                "The diary runs in your browser, so it needs JavaScript turned on."
            </p>
        </noscript>
        <DiaryView />
        <p class="warning">
            "Cramps that wake you often, last more than 10 minutes, or come with swelling, numbness or weakness need a doctor. "
            <a href="/help">"See the warning signs"</a> "."
        </p>
    }
}

/// What the diary island's parts share: the stored diary, the entry being edited (0: a new
/// one), what was just removed (for Undo) and what the last action did.
#[derive(Clone, Copy)]
struct Entries {
    diary: DiaryState,
    editing: RwSignal<Option<u64>>,
    removed: RwSignal<Option<Cramp>>,
    said: RwSignal<String>,
}

impl Entries {
    fn remove(self, id: u64) {
        let cramp = self.diary.change(|d| d.diary.remove(id));
        self.said.set(cramp.as_ref().map_or(String::new(), |c| {
            format!(
                "Removed the cramp of {}.",
                when_text(c.start_ms, &DeviceClock)
            )
        }));
        self.removed.set(cramp);
    }

    fn undo(self) {
        if let Some(cramp) = self.removed.get_untracked() {
            self.diary.change(|d| d.diary.put_back(cramp));
            self.said.set("Put back.".into());
        }
        self.removed.set(None);
    }
}

// In the diary bundle (see `bundle::Bundle`).
#[cfg_attr(feature = "islands-diary", island)]
#[cfg_attr(not(feature = "islands-diary"), component)]
fn DiaryView() -> impl IntoView {
    let entries = Entries {
        diary: DiaryState::new(),
        editing: RwSignal::new(None),
        removed: RwSignal::new(None),
        said: RwSignal::new(String::new()),
    };
    let Entries {
        diary,
        editing,
        removed,
        said,
    } = entries;
    view! {
        <div class="diary">
            <StoreNotices store=diary />
            <p class="result-count" role="status">
                {move || said.get()}
                {move || {
                    removed
                        .get()
                        .is_some()
                        .then(|| {
                            view! {
                                " "
                                <button
                                    type="button"
                                    class="button button-quiet"
                                    on:click=move |_| entries.undo()
                                >
                                    "Undo"
                                </button>
                            }
                        })
                }}
            </p>
            // The actions need nothing stored, so the server renders them: the page doesn't jump
            // when the diary has been read.
            <div class="diary-actions">
                <a class="button" href="/cramp">
                    "Cramp now"
                </a>
                <button
                    type="button"
                    class="button button-quiet"
                    on:click=move |_| editing.set(Some(0))
                >
                    "Add a cramp"
                </button>
                <a class="button button-quiet" href="/diary/summary">
                    "Summary for your doctor"
                </a>
            </div>
            <Show
                when=move || diary.ready.get()
                fallback=|| {
                    view! { <p class="diary-reading">"Reading your diary on this device…"</p> }
                }
            >
                {move || {
                    (editing.get() == Some(0)).then(|| view! { <EntryForm diary editing said /> })
                }}
                <Show
                    when=move || diary.data.with(|d| !d.diary.entries().is_empty())
                    fallback=|| {
                        view! {
                            <p>
                                "No cramps recorded yet. When one comes, tap Cramp now: when it eases it is saved here. You can also add one afterwards."
                            </p>
                        }
                    }
                >
                    <Overview entries />
                </Show>
            </Show>
        </div>
    }
}

/// The last 90 days: the calendar, what the diary shows, the recent entries, each week, and
/// when and where.
#[component]
fn Overview(entries: Entries) -> impl IntoView {
    let diary = entries.diary;
    move || {
        let last = DeviceClock.day_of(now_ms());
        let from = last.add_days(-i64::from(CALENDAR_DAYS - 1));
        let (calendar, weekly) = diary.data.with(|d| {
            (
                days(&d.diary, last, CALENDAR_DAYS, &DeviceClock),
                weeks(&d.diary, last, CALENDAR_DAYS.div_ceil(7), &DeviceClock),
            )
        });
        let in_range: Vec<Cramp> = diary.data.with(|d| {
            d.diary
                .entries()
                .iter()
                .filter(|c| DeviceClock.day_of(c.start_ms) >= from)
                .cloned()
                .collect()
        });
        let total: u32 = calendar.iter().map(|d| d.count).sum();
        let days_with = calendar.iter().filter(|d| d.count > 0).count();
        let sentences = patterns(&in_range, &DeviceClock);
        let weekly = weekly
            .iter()
            .map(|week| (day_text(week.monday), week.count))
            .collect();
        let hours = by_hour(&in_range, &DeviceClock)
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(hour, count)| {
                let hour = hour as u16;
                (
                    format!("{}–{}", hhmm(hour * 60), hhmm(((hour + 1) % 24) * 60)),
                    *count,
                )
            })
            .collect();
        view! {
            <section aria-labelledby="calendar-heading">
                <h2 id="calendar-heading">"The last 90 days"</h2>
                <p>
                    {format!(
                        "{total} {} on {days_with} {} since {}. ",
                        plural(total, "cramp", "cramps"),
                        plural(days_with as u32, "day", "days"),
                        day_text(from),
                    )} {format!("By month: {}.", months_in_words(&by_month(&calendar)))}
                </p>
                <Calendar calendar first=from last total days_with />
                <HeatKey />
            </section>
            <Patterns sentences />
            <Recent entries />
            <section aria-labelledby="weeks-heading">
                <h2 id="weeks-heading">"Each week"</h2>
                <Bars
                    caption="Cramps per week, oldest first"
                    caption_hidden=true
                    label="Week of"
                    rows=weekly
                />
            </section>
            <section aria-labelledby="when-heading">
                <h2 id="when-heading">"When and where"</h2>
                <Bars
                    caption="By the hour they began"
                    caption_hidden=false
                    label="Hour"
                    rows=hours
                />
                <MusclesAndSides muscles=by_muscle(&in_range) sides=by_side(&in_range) />
            </section>
        }
    }
}

/// The colours of the calendar's days, for those who see them (the counts are in the text).
#[component]
fn HeatKey() -> impl IntoView {
    let levels = [
        ("level-0", "none"),
        ("level-1", "1"),
        ("level-2", "2"),
        ("level-3", "3 or more"),
    ];
    view! {
        <p class="heat-key" aria-hidden="true">
            {levels
                .into_iter()
                .map(|(level, label)| {
                    view! {
                        <span>
                            <span class=format!("day {level}")></span>
                            {label}
                        </span>
                    }
                })
                .collect_view()}
        </p>
    }
}

/// The sentences the patterns support, said as descriptions.
#[component]
fn Patterns(sentences: Vec<String>) -> impl IntoView {
    (!sentences.is_empty()).then(|| {
        view! {
            <section aria-labelledby="patterns-heading">
                <h2 id="patterns-heading">"What your diary shows"</h2>
                <ul class="patterns">
                    {sentences.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                </ul>
                <p class="hint">
                    "These only describe what you recorded. They don't say what causes your cramps."
                </p>
            </section>
        }
    })
}

/// The latest entries, newest first, each with Edit and Remove; "Show all" for the rest.
#[component]
fn Recent(entries: Entries) -> impl IntoView {
    let Entries {
        diary,
        editing,
        said,
        ..
    } = entries;
    let show_all = RwSignal::new(false);
    let recent = move || {
        let mut list = diary.data.with(|d| d.diary.entries().to_vec());
        list.reverse();
        if !show_all.get() {
            list.truncate(RECENT);
        }
        list.into_iter()
            .map(|cramp| {
                let id = cramp.id;
                let when = when_text(cramp.start_ms, &DeviceClock);
                let named = format!(" the cramp of {when}");
                let edit_named = named.clone();
                view! {
                    <li class="diary-entry">
                        <div class="entry-text">
                            <p>
                                <strong>{when}</strong>
                            </p>
                            <p>
                                {where_text(&cramp)}" · "{format_duration(cramp.seconds)}
                                {cramp.by_hand.then_some(" (added by hand)")}
                            </p>
                            <p class="muted">{details_text(&cramp)}</p>
                        </div>
                        <div class="entry-actions">
                            <button
                                type="button"
                                class="button button-quiet"
                                on:click=move |_| { editing.set(Some(id)) }
                            >
                                "Edit"
                                <span class="visually-hidden">{edit_named}</span>
                            </button>
                            <button
                                type="button"
                                class="button button-quiet"
                                on:click=move |_| { entries.remove(id) }
                            >
                                "Remove"
                                <span class="visually-hidden">{named}</span>
                            </button>
                        </div>
                        {move || {
                            (editing.get() == Some(id))
                                .then(|| view! { <EntryForm diary editing said /> })
                        }}
                    </li>
                }
            })
            .collect_view()
    };
    let more = move || {
        let count = diary.data.with(|d| d.diary.entries().len());
        (count > RECENT && !show_all.get()).then(|| {
            view! {
                <button
                    type="button"
                    class="button button-quiet"
                    on:click=move |_| { show_all.set(true) }
                >
                    {format!("Show all {count}")}
                </button>
            }
        })
    };
    view! {
        <section aria-labelledby="recent-heading">
            <h2 id="recent-heading">"Recent"</h2>
            <ul class="entries">{recent}</ul>
            {more}
        </section>
    }
}

/// A count per row with a bar for its share of the largest: each week, each hour.
#[component]
fn Bars(
    caption: &'static str,
    /// Said to screen readers only, where the heading above already names the table.
    caption_hidden: bool,
    /// What the rows are: "Week of", "Hour".
    label: &'static str,
    rows: Vec<(String, u32)>,
) -> impl IntoView {
    let most = rows
        .iter()
        .map(|(_, count)| *count)
        .max()
        .unwrap_or(0)
        .max(1);
    view! {
        <table class="bars">
            <caption class=("visually-hidden", caption_hidden)>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{label}</th>
                    <th scope="col">"Cramps"</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|(name, count)| {
                        view! {
                            <tr>
                                <th scope="row">{name}</th>
                                <td>
                                    <span
                                        class="share-bar"
                                        style:--share=(count * 100 / most).to_string()
                                    ></span>
                                    {count}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// Cramps per muscle, then per side.
#[component]
fn MusclesAndSides(muscles: Vec<(Muscle, u32)>, sides: Vec<(Option<Side>, u32)>) -> impl IntoView {
    let rows = muscles
        .into_iter()
        .map(|(muscle, count)| (muscle.label(), count))
        .chain(
            sides
                .into_iter()
                .map(|(side, count)| (side_text(side), count)),
        );
    view! {
        <table class="counts">
            <caption>"By muscle and side"</caption>
            <tbody>
                {rows
                    .map(|(name, count)| {
                        view! {
                            <tr>
                                <th scope="row">{name}</th>
                                <td>{count}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// The days as a grid a phone can read: weeks across, weekdays down (Mon, Wed and Fri named),
/// each month named over its first week. Positions are set through the style object, which the
/// Content-Security-Policy allows, unlike style attributes.
#[component]
fn Calendar(
    /// The days from `first` to `last`.
    calendar: Vec<Day>,
    first: LocalDate,
    last: LocalDate,
    total: u32,
    days_with: usize,
) -> impl IntoView {
    // Row 1 and column 1 hold the names; the weeks begin in column 2, Monday in row 2.
    let months = month_labels(first, last).into_iter().map(|label| {
        view! {
            <span
                class="month"
                style:grid-column=format!("{} / span {}", label.column + 2, label.columns)
            >
                {short_month_name(label.month)}
            </span>
        }
    });
    let weekdays = [0, 2, 4].map(|row: usize| {
        view! {
            <span class="weekday" style:grid-row=(row + 2).to_string()>
                {WEEKDAYS[row]}
            </span>
        }
    });
    let cells = calendar.into_iter().map(|day| {
        let cell = calendar_cell(first, day.date);
        let cramps = match day.count {
            0 => "no cramps".to_string(),
            1 => "1 cramp".to_string(),
            n => format!("{n} cramps"),
        };
        view! {
            <span
                class=format!("day level-{}", day.count.min(3))
                style:grid-column=(cell.column + 2).to_string()
                style:grid-row=(cell.row + 2).to_string()
                title=format!("{}: {cramps}", day_text(day.date))
            ></span>
        }
    });
    // One image to a screen reader, named with the figures: the sentence before it gives the
    // months and "Each week" every week, rather than 90 cells read one by one.
    view! {
        <div
            class="heat-map"
            role="img"
            aria-label=format!("Calendar of the last 90 days: {total} cramps on {days_with} days")
        >
            {months.collect_view()}
            {weekdays.into_iter().collect_view()}
            {cells.collect_view()}
        </div>
    }
}
