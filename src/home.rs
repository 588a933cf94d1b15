use crate::ui::PageMeta;
use leptos::prelude::*;

/// The home page's links under Cramp now: address, title and what is there.
const QUICK_LINKS: [(&str, &str, &str); 6] = [
    (
        "/finder",
        "Find help",
        "Search in your own words: remedies, stretches, warning signs",
    ),
    ("/stretches", "Stretches", "Guided, with a timer"),
    ("/water", "Water", "Track what you drink"),
    (
        "/diary",
        "Cramp diary",
        "When, how long, which leg: a summary for your doctor",
    ),
    ("/learn", "Learn", "Causes, prevention and myths"),
    (
        "/help",
        "When to see a doctor",
        "Warning signs, from urgent down",
    ),
];

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
                {QUICK_LINKS
                    .map(|(href, title, hint)| {
                        view! {
                            <li>
                                <a href=href>{title}<span>{hint}</span></a>
                            </li>
                        }
                    })}
            </ul>
        </nav>
    }
}
