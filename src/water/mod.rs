//! Water: the hydration tracker.

use crate::content::PageMeta;
use leptos::prelude::*;

#[component]
pub fn WaterPage() -> impl IntoView {
    view! {
        <PageMeta
            title="Water".into()
            description="Track what you drink against a sensible daily goal, with gentle reminders that respect the night.".into()
        />
        <h1>"Water"</h1>
        <p class="lead">
            "This page will track what you drink today against a goal that fits you, with gentle reminders in waking hours. Your log will stay on this device."
        </p>
        <p>
            "A sensible amount of drinks for most adults is about 1.6 litres a day for women and 2 litres for men, more when it is hot, when you exercise, or when pregnant or breastfeeding. If a doctor has limited how much you drink, follow their advice."
        </p>
    }
}
