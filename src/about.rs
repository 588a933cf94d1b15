//! The app's version and what it holds, shown in every page's footer.

use crate::content::catalogue;
use leptos::prelude::*;

pub const VERSION: &str = env!("CARGO_PKG_VERSION");

#[component]
pub fn AppStatus() -> impl IntoView {
    let catalogue = catalogue();
    view! {
        <p class="app-status">
            {format!(
                "Version {VERSION}: {} remedies, {} stretches and exercises, {} topics, {} warning signs.",
                catalogue.remedies.len(),
                catalogue.stretches.len(),
                catalogue.topics.len(),
                catalogue.red_flags.len(),
            )}
        </p>
    }
}
