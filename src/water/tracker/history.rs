//! The last 7 or 30 days as a bar chart, with the average and the streak.

use super::use_water;
use crate::{
    clock::DeviceClock,
    decimal::{self, Rounding},
    water::goal::format_amount,
};
use leptos::prelude::*;

/// The chart's drawing area, in tenths of the units of its 300 × 120 view box: the bars are
/// placed in whole tenths, so no float code comes into the bundle.
const CHART_WIDTH: u64 = 3000;
const CHART_HEIGHT: u64 = 1200;
/// Each bar takes this many percent of its day's slot, centred.
const BAR_PERCENT: u64 = 70;
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
            .store
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
        // In tenths: day i's slot starts at i × width / days; its bar is centred in it.
        let days_wide = u64::from(days.max(1)) * 100;
        let tenths = |numerator: u64, denominator: u64| {
            decimal::text(
                decimal::divide(numerator, denominator, Rounding::Nearest),
                1,
            )
        };
        let height_of = |ml: u32| {
            decimal::divide(
                CHART_HEIGHT * u64::from(ml),
                u64::from(peak),
                Rounding::Nearest,
            )
        };
        let bars = totals
            .iter()
            .enumerate()
            .map(|(i, (date, ml))| {
                let bar_height = height_of(*ml);
                let met = goal.is_some_and(|g| *ml >= g);
                let left = CHART_WIDTH * (i as u64 * 100 + (100 - BAR_PERCENT) / 2);
                view! {
                    <rect
                        class=if met { "bar bar-met" } else { "bar" }
                        x=tenths(left, days_wide)
                        y=decimal::text(CHART_HEIGHT - bar_height, 1)
                        width=tenths(CHART_WIDTH * BAR_PERCENT, days_wide)
                        height=decimal::text(bar_height, 1)
                    >
                        <title>{format!("{date}: {}", format_amount(*ml, unit))}</title>
                    </rect>
                }
            })
            .collect_view();
        let goal_line = goal.map(|g| {
            let y = decimal::text(CHART_HEIGHT - height_of(g), 1);
            view! { <line class="goal-line" x1="0" x2=decimal::text(CHART_WIDTH, 1) y1=y.clone() y2=y></line> }
        });
        let average = water
            .store
            .data
            .with(|d| d.log.average(today, days, &DeviceClock));
        let streak = goal.map(|g| {
            water
                .store
                .data
                .with(|d| d.log.streak(today, g, &DeviceClock))
        });
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
            <svg
                class="chart"
                viewBox=format!("0 0 {} {}", CHART_WIDTH / 10, CHART_HEIGHT / 10)
                role="img"
                aria-label=summary.clone()
            >
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
                    .map(|choice| {
                        view! {
                            <button
                                type="button"
                                class="button button-quiet"
                                aria-pressed=move || (days.get() == choice).to_string()
                                on:click=move |_| days.set(choice)
                            >
                                {format!("{choice} days")}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            {chart}
        </section>
    }
}
