//! Water: a hydration tracker with reminders that respect the night. The pure parts (local
//! time, goal maths, the log, the reminder schedule, calendar export, storage) are plain Rust;
//! `tracker` holds the islands that run them on the device.

pub mod goal;
pub mod log;
pub mod storage;
pub mod tracker;

use crate::{
    bundle::{Bundle, Opens},
    ui::PageHead,
};
use leptos::prelude::*;
use tracker::{WaterGoal, WaterHistory, WaterReminders, WaterToday, WaterTracker};

#[component]
pub fn WaterPage() -> impl IntoView {
    let push_key = use_context::<crate::push::PushOffer>().and_then(|offer| offer.0);
    view! {
        <PageHead
            title="Water"
            description="Track what you drink against a sensible daily goal, with gentle reminders that respect the night."
            lead="What you drink today against a goal that fits you. Everything stays on this device."
        />
        <noscript>
            <p class="warning">
                "The water log runs in your browser, so it needs JavaScript turned on."
            </p>
        </noscript>
        <WaterTracker>
            <WaterToday />
            <WaterHistory />
        </WaterTracker>
        <Opens bundle=Bundle::WaterSettings summary="Your goal" class="settings">
            <WaterGoal />
        </Opens>
        <Opens bundle=Bundle::WaterSettings summary="Reminders" class="settings">
            <WaterReminders push_key />
        </Opens>
        <section class="water-guidance" aria-labelledby="guidance-heading">
            <h2 id="guidance-heading">"How much is enough"</h2>
            <p>
                "European guidance (EFSA) puts total water at about 2 litres a day for women and 2.5 litres for men, with a little more in pregnancy and more when breastfeeding. About a fifth of that comes from food, so the goal here counts drinks only: about 1.6 litres for women and 2 litres for men. Tea, coffee and milk count too. Hot days and exercise add some. The half litre this app adds for each is our own cautious figure, not one from EFSA or the NHS."
            </p>
            <p>
                "Drinking enough is sensible, but it has not been shown to prevent cramps. More is not better: drinking far beyond thirst can dilute the salt in your blood, which is dangerous. During long exercise, drink to thirst."
            </p>
            <p class="warning">
                "Heart failure, kidney disease or dialysis? Your doctor may have set a fluid limit. Follow it, and tick \u{201c}I am on a fluid limit\u{201d} under Your goal: the app then shows no goal and sends no goal reminders."
            </p>
        </section>
    }
}
