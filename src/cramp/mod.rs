//! Cramp now: for a person woken by a cramp. One tap on where it hurts starts one gentle hold of
//! that muscle, in bed, counting up until the person taps "It has eased"; the cramp is then in
//! the diary. Dim whatever the theme, large, one-handed.

pub mod hold;
mod now;

use crate::{
    content::catalogue,
    diary::model::Muscle,
    learn::{EmergencyNumbers, EmergencyNumbersAtHand, IsItACramp},
    stretches::illustration,
    ui::{PageMeta, RemedyCard},
};
use leptos::prelude::*;
use now::{CrampNow, HoldGuide, Way};

/// Advice for once the cramp eases, each shown with its grade and cautions: moving and rubbing
/// first; warmth last, since a person woken at night may fall asleep again with it on.
pub const AFTER_CARE: [&str; 3] = ["walk-and-jiggle", "massage", "heat"];

/// The warning sign a cramp becomes when it goes on too long.
const LONG_CRAMP_SIGN: &str = "cramp-over-10-minutes";

#[component]
pub fn CrampPage() -> impl IntoView {
    let catalogue = catalogue();
    let way = |steps: &[String], drawing: &Option<String>| Way {
        steps: steps.to_vec(),
        picture: drawing
            .as_deref()
            .and_then(illustration)
            .unwrap_or_default()
            .to_string(),
        picture_alt: drawing
            .as_deref()
            .and_then(|slug| catalogue.stretch(slug))
            .map(|s| s.illustration.clone())
            .unwrap_or_default(),
    };
    let guides: Vec<HoldGuide> = Muscle::ALL
        .into_iter()
        .filter_map(|muscle| catalogue.hold(muscle))
        .map(|hold| HoldGuide {
            muscle: hold.muscle,
            stretch: hold.stretch.clone(),
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
            description="A cramp right now? Tap where it is and hold one gentle stretch until it eases. The cramp goes in your diary, on this device.".into()
        />
        <div class="night">
            <h1>"Cramp now"</h1>
            // Two urgencies, two lines: the emergency with its numbers first, above the choices.
            <p class="warning emergency-now">
                <strong>"A leg or foot suddenly cold, pale, blue or numb? Call the emergency number now: "</strong>
                <EmergencyNumbersAtHand/>
            </p>
            <p class="warning not-a-cramp">
                "One leg swollen, hot, red or darker, or pain that won't let go? That is not a cramp: don't stretch or rub it. Get help today. "
                <a href="/help">"See the warning signs"</a>
                "."
            </p>
            <CrampNow guides long_cramp/>
            <p class="warning">
                "Still cramping 10 minutes after it began (count the time before you opened the app too)? Get help today. "
                <a href=format!("/help#{LONG_CRAMP_SIGN}")>"What to do"</a>
                "."
            </p>
            <h2>"When it eases"</h2>
            <p>"At night, warmth means a warm shower or a warm towel: no heating pad or hot water bottle in bed, where you may fall asleep with it on."</p>
            <ul class="card-list">
                {after_care.into_iter().map(|remedy| view! { <RemedyCard remedy/> }).collect_view()}
            </ul>
            <p><a href="/diary">"Your cramp diary"</a>" keeps every cramp you time here, on this device only."</p>
            <IsItACramp/>
            <EmergencyNumbers/>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use crate::content::{model::Purpose, Catalogue};
    use crate::diary::model::Muscle;

    /// Clinical review, defect 5: a person woken by a cramp is not sent out of bed first, and
    /// without JavaScript each choice still opens a stretch for relief now.
    #[test]
    fn every_muscle_is_held_in_bed_first_and_opens_a_relief_stretch() {
        let catalogue = Catalogue::load().expect("content loads");
        for muscle in Muscle::ALL {
            let hold = catalogue.hold(muscle).expect("a hold for every muscle");
            let stretch = catalogue
                .stretch(&hold.stretch)
                .expect("its stretch exists");
            assert!(stretch.purposes.contains(&Purpose::ReliefNow), "{muscle:?}");
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
}
