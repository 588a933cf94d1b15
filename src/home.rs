use crate::ui::PageMeta;
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <PageMeta
            title="Relief for leg cramps".into()
            description="Stop a leg cramp now, find remedies that work, follow guided stretches and drink enough. Works offline, keeps your data on your phone."
                .into()
        />
        <h1 class="visually-hidden">"Leg Relief"</h1>
        <a class="cramp-now" href="/cramp">
            <span class="cramp-now-title">"Cramp now"</span>
            <span class="cramp-now-hint">"Tap where it is, hold one stretch until it eases"</span>
        </a>
        <nav class="quick-links" aria-label="Quick links">
            <ul>
                <li>
                    <a href="/finder">
                        "Find help"
                        <span>"Search in your own words: remedies, stretches, warning signs"</span>
                    </a>
                </li>
                <li>
                    <a href="/stretches">"Stretches"<span>"Guided, with a timer"</span></a>
                </li>
                <li>
                    <a href="/water">"Water"<span>"Track what you drink"</span></a>
                </li>
                <li>
                    <a href="/diary">
                        "Cramp diary"
                        <span>"When, how long, which leg: a summary for your doctor"</span>
                    </a>
                </li>
                <li>
                    <a href="/learn">"Learn"<span>"Causes, prevention and myths"</span></a>
                </li>
                <li>
                    <a href="/help">
                        "When to see a doctor"<span>"Warning signs, from urgent down"</span>
                    </a>
                </li>
            </ul>
        </nav>
    }
}
