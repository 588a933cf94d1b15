//! Cramp now: for a person woken by a cramp. One tap on where it hurts starts one gentle hold of
//! that muscle, in bed, counting up until the person taps "It has eased"; the cramp is then in
//! the diary. Dim whatever the theme, large, one-handed.

pub use guide_core::hold;
mod now;

use crate::{
    content::catalogue,
    diary::model::Muscle,
    learn::{EmergencyNumbers, EmergencyNumbersAtHand, IsItACramp},
    stretches::illustration,
    ui::{route_param, NotFound, PageMeta, RemedyCards},
};
use leptos::prelude::*;
use now::{CrampNow, HoldGuide, StandInstead, Way, WayPicture, WaySteps};

/// The page a tap on `muscle` opens without JavaScript: [`HoldPage`].
pub fn hold_address(muscle: Muscle) -> String {
    format!("/cramp/{}", muscle.name())
}

/// Every muscle's hold page, for the route table.
pub fn hold_addresses() -> Vec<String> {
    Muscle::ALL.into_iter().map(hold_address).collect()
}

/// One way to hold a muscle (in bed, or standing) with its drawing.
fn way(steps: &[String], drawing: &Option<String>) -> Way {
    Way {
        steps: steps.to_vec(),
        picture: drawing
            .as_deref()
            .and_then(illustration)
            .unwrap_or_default()
            .to_string(),
        picture_alt: drawing
            .as_deref()
            .and_then(|slug| catalogue().stretch(slug))
            .map(|s| s.illustration.clone())
            .unwrap_or_default(),
    }
}

/// The two lines above the choices: the emergency with its numbers first, then what is not a
/// cramp and needs help today.
#[component]
fn NotACramp() -> impl IntoView {
    view! {
        <p class="warning emergency-now">
            <strong>
                "A leg or foot suddenly cold, pale, blue or numb? Call the emergency number now: "
            </strong>
            <EmergencyNumbersAtHand />
        </p>
        <p class="warning not-a-cramp">
            "One leg swollen, hot, red or darker, or pain that won't let go? That is not a cramp: don't stretch or rub it. Get help today. "
            <a href="/help">"See the warning signs"</a> "."
        </p>
    }
}

/// The line for a cramp that goes on: counted from when it began.
#[component]
fn LongCrampLine() -> impl IntoView {
    view! {
        <p class="warning">
            "Still cramping 10 minutes after it began (count the time before you opened the app too)? Get help today. "
            <a href=format!("/help#{LONG_CRAMP_SIGN}")>"What to do"</a> "."
        </p>
    }
}

/// /cramp/<muscle>: the hold a tap on that muscle starts, for a phone without JavaScript or a
/// tap before the page's script is ready. The same guidance as the island: one leg, in bed
/// first, held gently until the cramp lets go; no timer, no sides, no repetitions.
#[component]
pub fn HoldPage() -> impl IntoView {
    let catalogue = catalogue();
    let Some(hold) = Muscle::from_name(&route_param("muscle")).and_then(|m| catalogue.hold(m))
    else {
        return view! { <NotFound /> }.into_any();
    };
    let title = format!("{}: hold one gentle stretch", hold.muscle.label());
    let in_bed = way(&hold.in_bed, &hold.in_bed_drawing);
    let standing = way(&hold.standing, &hold.standing_drawing);
    view! {
        <PageMeta
            title=title.clone()
            description="Hold one gentle stretch of the leg that hurts until the cramp lets go."
                .into()
        />
        <div>
            <h1>{title}</h1>
            <NotACramp />
            <WaySteps way=in_bed.clone() />
            <WayPicture way=in_bed />
            <p class="hint">
                "Stretch only the leg that hurts. Keep the stretch gentle and steady until the cramp lets go. If it tightens again, hold it again."
            </p>
            <StandInstead way=standing />
            <LongCrampLine />
            <p>
                "Once it has eased, you can "<a href="/diary">"add it to your diary"</a>". "
                <a href="/cramp">"Back to Cramp now"</a>
            </p>
        </div>
    }
    .into_any()
}

/// Advice for once the cramp eases, each shown with its grade and cautions: moving and rubbing
/// first; warmth last, since a person woken at night may fall asleep again with it on.
pub const AFTER_CARE: [&str; 3] = ["walk-and-jiggle", "massage", "heat"];

/// The warning sign a cramp becomes when it goes on too long.
const LONG_CRAMP_SIGN: &str = "cramp-over-10-minutes";

#[component]
pub fn CrampPage() -> impl IntoView {
    let catalogue = catalogue();
    let guides: Vec<HoldGuide> = Muscle::ALL
        .into_iter()
        .filter_map(|muscle| catalogue.hold(muscle))
        .map(|hold| HoldGuide {
            muscle: hold.muscle,
            in_bed: way(&hold.in_bed, &hold.in_bed_drawing),
            standing: way(&hold.standing, &hold.standing_drawing),
        })
        .collect();
    let long_cramp = catalogue
        .red_flag(LONG_CRAMP_SIGN)
        .map(|flag| flag.action.clone())
        .unwrap_or_default();
    let after_care: Vec<_> = AFTER_CARE
        .iter()
        .filter_map(|slug| catalogue.remedy(slug))
        .cloned()
        .collect();
    view! {
        <PageMeta
            title="Cramp now".into()
            description="A cramp right now? Tap where it is and hold one gentle stretch until it eases. The cramp goes in your diary, on this device."
                .into()
        />
        <div>
            <h1>"Cramp now"</h1>
            <NotACramp />
            <CrampNow guides long_cramp />
            <LongCrampLine />
            <h2>"When it eases"</h2>
            <p>
                "At night, warmth means a warm shower or a warm towel: no heating pad or hot water bottle in bed, where you may fall asleep with it on."
            </p>
            <RemedyCards remedies=after_care />
            <p>
                <a href="/diary">"Your cramp diary"</a>
                " keeps every cramp you time here, on this device only."
            </p>
            <IsItACramp />
            <EmergencyNumbers />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::hold_addresses;
    use crate::content::Catalogue;
    use crate::diary::model::Muscle;

    /// Clinical review, defect 5: a person woken by a cramp is not sent out of bed first.
    #[test]
    fn every_muscle_is_held_in_bed_first() {
        let catalogue = Catalogue::load().expect("content loads");
        for muscle in Muscle::ALL {
            let hold = catalogue.hold(muscle).expect("a hold for every muscle");
            let first = hold.in_bed[0].to_lowercase();
            assert!(
                !first.contains("stand"),
                "{muscle:?}: the in-bed way starts standing"
            );
            assert!(
                hold.standing.iter().any(|s| s.contains("something firm")),
                "{muscle:?}: standing without holding on"
            );
        }
    }

    /// Clinical review 2026-12b, N9: without JavaScript a tap opens the same hold, never a timed
    /// routine for both legs.
    #[test]
    fn without_javascript_each_muscle_opens_its_own_hold() {
        assert_eq!(
            hold_addresses(),
            [
                "/cramp/calf",
                "/cramp/thigh-front",
                "/cramp/thigh-back",
                "/cramp/foot"
            ]
        );
    }
}
