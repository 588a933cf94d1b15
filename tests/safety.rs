//! Safety content as the pages show it: the warning signs on /help, and every caution a hazard
//! requires on every page that offers the remedy or stretch.
#![cfg(feature = "ssr")]

use axum::{body::Body, http::Request};
use http_body_util::BodyExt;
use leg_relief::{
    app::page_addresses,
    content::{
        model::{Caution, Exposure, Urgency},
        Catalogue,
    },
};
use tower::ServiceExt;

mod common;
use common::APP;

async fn page(path: &str) -> String {
    let response = APP
        .clone()
        .oneshot(Request::get(path).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    unescape(std::str::from_utf8(&bytes).unwrap())
}

/// The text a person reads: the entities Leptos writes for text, decoded.
fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The part of `html` inside the first element with this id, up to the next `</section>`.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!(r#"id="{id}""#))
        .unwrap_or_else(|| panic!("no #{id}"));
    let end = start + html[start..].find("</section>").expect("a closed section");
    &html[start..end]
}

#[tokio::test]
async fn help_opens_with_every_emergency_sign_then_the_rest_by_urgency() {
    let catalogue = Catalogue::load().expect("content loads");
    let html = page("/help").await;
    let first_box = section(&html, "check-first-heading");
    let emergencies: Vec<_> = catalogue
        .red_flags
        .iter()
        .filter(|f| f.urgency == Urgency::Emergency)
        .collect();
    assert!(emergencies.len() >= 5, "too few emergency signs");
    for flag in &emergencies {
        let line = flag.check_first.as_deref().expect("validated");
        assert!(
            first_box.contains(&format!(r##"href="#{}">{line}</a>"##, flag.id)),
            "{}: not in the Check these first box",
            flag.id
        );
    }
    assert!(
        first_box.contains("Numbers to call"),
        "the emergency numbers belong in the first box"
    );

    // Then every sign, in urgency order, each with its action and sources.
    let box_at = html.find("check-first-heading").unwrap();
    let mut previous = box_at;
    for urgency in ["emergency", "same-day", "see-doctor"] {
        let at = html
            .find(&format!(r#"id="{urgency}-heading""#))
            .unwrap_or_else(|| panic!("no {urgency} section"));
        assert!(at > previous, "{urgency} is out of order");
        previous = at;
    }
    for flag in &catalogue.red_flags {
        let at = html
            .find(&format!(r#"id="{}""#, flag.id))
            .unwrap_or_else(|| panic!("{}: not on /help", flag.id));
        let entry = &html[at..];
        assert!(entry.contains(&flag.sign), "{}: sign", flag.id);
        assert!(entry.contains(&flag.action), "{}: action", flag.id);
        for source in &flag.sources {
            assert!(
                entry.contains(&source.title),
                "{}: source {}",
                flag.id,
                source.title
            );
        }
    }
    assert!(
        html.contains(r#"id="is-it-a-cramp""#),
        "no Is it a cramp? panel"
    );
}

#[tokio::test]
async fn cramp_now_and_every_topic_lead_to_the_warning_signs_and_the_cramp_check() {
    let html = page("/cramp").await;
    let warning = html
        .find("not-a-cramp")
        .expect("the line above the choices");
    let choices = html.find("Where is the cramp?").expect("the choices");
    assert!(
        warning < choices,
        "the warning line comes before the choices"
    );
    assert!(html.contains(r#"id="is-it-a-cramp""#));
    assert!(html.contains("Numbers to call"));
    let catalogue = Catalogue::load().expect("content loads");
    for topic in &catalogue.topics {
        let html = page(&format!("/learn/{}", topic.slug)).await;
        assert!(
            html.contains(r##"href="/help#is-it-a-cramp""##),
            "{}: no link to Is it a cramp?",
            topic.slug
        );
    }
}

/// The cautions of `cautions` that a hazard of `involves` requires.
fn required<'a>(
    catalogue: &'a Catalogue,
    involves: &'a [Exposure],
    cautions: &'a [Caution],
) -> impl Iterator<Item = &'a Caution> + 'a {
    catalogue
        .hazards
        .iter()
        .filter(|h| involves.contains(&h.exposure))
        .flat_map(|h| h.groups.iter())
        .flat_map(move |group| cautions.iter().filter(move |c| c.groups.contains(group)))
}

/// What offers a remedy or stretch: its own page, and for a remedy a card linking to it on any
/// page; and the cautions its hazards require there.
struct Offered<'a> {
    own: String,
    card: Option<String>,
    involves: &'a [Exposure],
    cautions: &'a [Caution],
}

/// Wherever a remedy or stretch with heat, cold or massage is offered (its page, a card on any
/// page, a finder result), the cautions its hazards require are on that page.
#[tokio::test]
async fn no_page_offers_heat_cold_or_massage_without_the_cautions_it_needs() {
    let catalogue = Catalogue::load().expect("content loads");
    let hazardous: Vec<_> = catalogue
        .remedies
        .iter()
        .filter(|r| !r.involves.is_empty())
        .collect();
    assert!(
        hazardous
            .iter()
            .any(|r| r.involves.contains(&Exposure::Heat)),
        "no remedy is marked as involving heat"
    );
    let offered: Vec<Offered> = hazardous
        .iter()
        .map(|r| Offered {
            own: format!("/remedies/{}", r.slug),
            card: Some(format!(r#"href="/remedies/{}""#, r.slug)),
            involves: &r.involves,
            cautions: &r.cautions,
        })
        .chain(
            catalogue
                .stretches
                .iter()
                .filter(|s| !s.involves.is_empty())
                .map(|s| Offered {
                    own: format!("/stretches/{}", s.slug),
                    card: None,
                    involves: &s.involves,
                    cautions: &s.take_care,
                }),
        )
        .collect();
    let finder_pages = catalogue
        .remedies
        .iter()
        .map(|r| format!("/finder?q={}", r.slug.replace('-', "+")));
    let mut checked = 0;
    for path in page_addresses().into_iter().chain(finder_pages) {
        let html = page(&path).await;
        for Offered {
            own,
            card,
            involves,
            cautions,
        } in &offered
        {
            if path != *own && !card.as_ref().is_some_and(|card| html.contains(card)) {
                continue;
            }
            checked += 1;
            for caution in required(&catalogue, involves, cautions) {
                assert!(
                    html.contains(&caution.text),
                    "{path} offers {own} without its caution for {}: {}",
                    caution.groups_label(),
                    caution.text
                );
            }
        }
    }
    assert!(checked > hazardous.len(), "too few pages were checked");
}

/// Clinical review 2026-12b, N9: without JavaScript (or before it is ready) a tap on a muscle
/// opens the same one-leg hold as the island, under the emergency line, with no timer.
#[tokio::test]
async fn without_javascript_a_muscle_opens_its_one_leg_hold_not_a_timed_routine() {
    let cramp = page("/cramp").await;
    for muscle in leg_relief::diary::model::Muscle::ALL {
        let address = format!("/cramp/{}", muscle.name());
        assert!(
            cramp.contains(&format!(r#"action="{address}""#)),
            "{muscle:?}: the button does not open {address}"
        );
        let hold = page(&address).await;
        assert!(hold.contains("hold one gentle stretch"), "{address}");
        assert!(
            hold.contains("Stretch only the leg that hurts"),
            "{address}"
        );
        let emergency = hold
            .find("Call the emergency number now")
            .expect("the emergency line");
        let steps = hold.find(r#"class="steps""#).expect("the steps");
        assert!(
            emergency < steps,
            "{address}: the emergency line comes first"
        );
        for timed in ["role=\"timer\"", "on each leg", " times", "Start"] {
            assert!(!hold.contains(timed), "{address}: {timed:?}");
        }
    }
}

/// N9, the stretch pages: a page offered for relief now says how to hold a cramp (the leg that
/// hurts, until it lets go) before any timing, which is for practice.
#[tokio::test]
async fn a_relief_stretch_page_puts_the_cramp_hold_before_its_practice_timing() {
    let catalogue = Catalogue::load().expect("content loads");
    let relief: Vec<_> = catalogue
        .stretches
        .iter()
        .filter(|s| {
            s.purposes
                .contains(&leg_relief::content::model::Purpose::ReliefNow)
        })
        .collect();
    assert!(relief.len() >= 4, "relief stretches: {}", relief.len());
    for stretch in relief {
        let html = page(&format!("/stretches/{}", stretch.slug)).await;
        let hold = html
            .find("stretch only the leg that hurts, and hold gently until the cramp lets go")
            .unwrap_or_else(|| panic!("{}: no cramp hold line", stretch.slug));
        let timing = html.find("To practise: hold").expect("the timing");
        assert!(hold < timing, "{}: the timing comes first", stretch.slug);
    }
}
