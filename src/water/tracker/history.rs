//! The last 7 or 30 days as a bar chart, with the average and the streak.

use super::use_water;
use crate::{clock::DeviceClock, water::goal::format_amount};
use leptos::prelude::*;

/// The chart's drawing area, in the units of its view box.
const CHART_WIDTH: f32 = 300.0;
const CHART_HEIGHT: f32 = 120.0;
/// Each bar takes this share of its day's slot, centred.
const BAR_SHARE: f32 = 0.7;
const DAY_CHOICES: [u16; 2] = [7, 30];

#[component]
pub fn History() -> impl IntoView {
    let water = use_water();
    let days = RwSignal::new(DAY_CHOICES[0]);
    let chart = move || {
        let days = days.get();
        let today = water.today();
        let unit = water.unit();
        let totals = water
            .data
            .with(|d| d.log.day_totals(today, days, &DeviceClock));
        let goal = water.goal();
        let peak = totals
            .iter()
            .map(|(_, ml)| *ml)
            .chain(goal)
            .max()
            .unwrap_or(0)
            .max(1);
        let slot = CHART_WIDTH / f32::from(days.max(1));
        let gap = slot * (1.0 - BAR_SHARE) / 2.0;
        let bars = totals
            .iter()
            .enumerate()
            .map(|(i, (date, ml))| {
                let bar_height = CHART_HEIGHT * (*ml as f32) / (peak as f32);
                let met = goal.is_some_and(|g| *ml >= g);
                view! {
                    <rect
                        class=if met { "bar bar-met" } else { "bar" }
                        x=format!("{:.1}", i as f32 * slot + gap)
                        y=format!("{:.1}", CHART_HEIGHT - bar_height)
                        width=format!("{:.1}", slot * BAR_SHARE)
                        height=format!("{:.1}", bar_height)
                    >
                        <title>{format!("{date}: {}", format_amount(*ml, unit))}</title>
                    </rect>
                }
            })
            .collect_view();
        let goal_line = goal.map(|g| {
            let y = format!("{:.1}", CHART_HEIGHT - CHART_HEIGHT * (g as f32) / (peak as f32));
            view! { <line class="goal-line" x1="0" x2=CHART_WIDTH.to_string() y1=y.clone() y2=y></line> }
        });
        let average = water
            .data
            .with(|d| d.log.average(today, days, &DeviceClock));
        let streak = goal.map(|g| water.data.with(|d| d.log.streak(today, g, &DeviceClock)));
        let summary = format!(
            "Last {days} days. Average {}.{}",
            average.map_or("not yet known".into(), |ml| format!(
                "{} a day",
                format_amount(ml, unit)
            )),
            streak.map_or(String::new(), |s| match s {
                0 => " Goal not met yet on the latest days.".into(),
                1 => " Goal met 1 day in a row.".into(),
                n => format!(" Goal met {n} days in a row."),
            }),
        );
        view! {
            <svg class="chart" viewBox=format!("0 0 {CHART_WIDTH} {CHART_HEIGHT}") role="img" aria-label=summary.clone()>
                {bars}
                {goal_line}
            </svg>
            <p>{summary}</p>
        }
    };
    view! {
        <section aria-labelledby="history-heading">
            <h2 id="history-heading">"History"</h2>
            <div class="segmented" role="group" aria-label="Days shown">
                {DAY_CHOICES
                    .into_iter()
                    .map(|choice| view! {
                        <button
                            type="button"
                            class="button button-quiet"
                            aria-pressed=move || (days.get() == choice).to_string()
                            on:click=move |_| days.set(choice)
                        >
                            {format!("{choice} days")}
                        </button>
                    })
                    .collect_view()}
            </div>
            {chart}
        </section>
    }
}
