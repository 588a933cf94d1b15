//! /help: the emergency signs at a glance, every warning sign by urgency with what to do now,
//! where to call, and whether it is a cramp at all.

use crate::{
    content::{
        catalogue,
        model::{RedFlag, Urgency},
    },
    ui::{LinkList, PageHead},
};
use leptos::prelude::*;

/// /help's parts by their ids, as its contents row names them, most urgent first.
const HELP_PARTS: [(&str, &str); 5] = [
    (urgency_class(Urgency::Emergency), "Emergency"),
    (urgency_class(Urgency::SameDay), "Get help today"),
    (urgency_class(Urgency::SeeDoctor), "See a doctor soon"),
    ("is-it-a-cramp", "Is it a cramp?"),
    ("numbers", "Numbers to call"),
];

#[component]
pub fn HelpPage() -> impl IntoView {
    let catalogue = catalogue();
    let flags = &catalogue.red_flags;
    let check_first = |urgency: Urgency| -> Vec<(String, String)> {
        flags
            .iter()
            .filter(|f| f.urgency == urgency)
            .filter_map(|f| Some((format!("#{}", f.id), f.check_first.clone()?)))
            .collect()
    };
    let groups = Urgency::ALL.iter().map(|&urgency| {
        let items: Vec<RedFlag> = flags
            .iter()
            .filter(|f| f.urgency == urgency)
            .cloned()
            .collect();
        let id = urgency_class(urgency);
        view! {
            <section
                class=format!("urgency urgency-{id}")
                id=id
                aria-labelledby=format!("{id}-heading")
            >
                <h2 id=format!("{id}-heading")>{urgency.label()}</h2>
                <ul class="flags">
                    {items.into_iter().map(|flag| view! { <WarningSign flag /> }).collect_view()}
                </ul>
            </section>
        }
    });
    view! {
        <PageHead
            title="When to see a doctor"
            description="Warning signs with leg cramps or leg pain, from call-an-ambulance to see-your-doctor, and what to do about each."
            lead="Most cramps are harmless. These signs are not: check the first box now."
        />
        // A long page: each part one tap away, in a row short enough to keep the first box on
        // a phone's first screen.
        <nav class="page-toc" aria-label="On this page">
            <LinkList links=HELP_PARTS
                .into_iter()
                .map(|(id, label)| (format!("#{id}"), label.to_string()))
                .collect() />
        </nav>
        <section class="check-first" id="check-first" aria-labelledby="check-first-heading">
            <h2 id="check-first-heading">"Check these first"</h2>
            <p>"Call the emergency number now if you have any of these:"</p>
            <LinkList links=check_first(Urgency::Emergency) />
            <p>"Get help now, day or night, though not by ambulance:"</p>
            <LinkList links=check_first(Urgency::SameDay) />
            <p class="call-now">
                <strong>"Emergency numbers: "</strong>
                <EmergencyNumbersAtHand />
            </p>
            <EmergencyNumbers open=true />
        </section>
        {groups.collect_view()}
        <IsItACramp />
    }
}

/// One warning sign: what you notice, what makes it likelier, what to do now, and its sources.
#[component]
fn WarningSign(flag: RedFlag) -> impl IntoView {
    view! {
        <li class="flag" id=flag.id>
            <p class="sign">{flag.sign}</p>
            <SignItems items=flag.items />
            {(!flag.more_likely_if.is_empty())
                .then(|| {
                    view! {
                        <p class="more-likely">"More likely:"</p>
                        <SignItems items=flag.more_likely_if />
                    }
                })}
            <p class="action">
                <strong>"What to do now: "</strong>
                {flag.action}
            </p>
            <p class="flag-sources">
                "Source: "
                {flag
                    .sources
                    .into_iter()
                    .enumerate()
                    .map(|(n, source)| {
                        let href = source.link().unwrap_or_default();
                        view! {
                            {(n > 0).then_some("; ")}
                            <a href=href rel="noreferrer">
                                {source.title}
                            </a>
                        }
                    })
                    .collect_view()}
            </p>
        </li>
    }
}

/// A warning sign in a list of others' (a search result, a condition's page): how urgent, what
/// it is, what to do now, and a link to it on /help.
#[component]
pub fn SignCard(
    href: String,
    urgency: Urgency,
    sign: String,
    items: Vec<String>,
    action: String,
) -> impl IntoView {
    view! {
        <li class=format!("card result-sign urgency-{}", urgency.url_name())>
            <p class="result-kind">"Warning sign · " {urgency.label()}</p>
            <a href=href>{sign}</a>
            <SignItems items />
            <p class="action">
                <strong>"What to do now: "</strong>
                {action}
            </p>
        </li>
    }
}

/// A warning sign's list (its "any of these:"), as /help and the finder's results show it;
/// nothing when it has none.
#[component]
pub fn SignItems(items: Vec<String>) -> impl IntoView {
    (!items.is_empty()).then(|| {
        view! {
            <ul class="sign-items">
                {items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}
            </ul>
        }
    })
}

/// The emergency number of each place, on one line, always shown: where a text says "call the
/// emergency number now", the number is right there, not folded away. Each is a tap-to-call link.
#[component]
pub fn EmergencyNumbersAtHand() -> impl IntoView {
    let numbers: Vec<(String, String)> = catalogue()
        .services
        .iter()
        // Places whose emergency text starts with a number; "anywhere else" is the last line.
        .filter(|service| service.emergency.starts_with(|c: char| c.is_ascii_digit()))
        .filter_map(|service| {
            let (number, _) = phone_parts(&service.emergency)
                .into_iter()
                .find(|(_, is_number)| *is_number)?;
            Some((service.place.clone(), number))
        })
        .collect();
    view! {
        <span class="numbers-at-hand">
            {numbers
                .into_iter()
                .enumerate()
                .map(|(n, (place, number))| {
                    view! {
                        {(n > 0).then_some(" · ")}
                        <span class="number-at-hand">{place}" "<PhoneText text=number /></span>
                    }
                })
                .collect_view()} " · elsewhere, the local number."
        </span>
    }
}

/// Where to call, by country: said once, here, rather than spread through the texts. Numbers are
/// links, so a phone calls them with one tap. Open where finding the number is the point (/help).
#[component]
pub fn EmergencyNumbers(#[prop(optional)] open: bool) -> impl IntoView {
    let services = catalogue().services.clone();
    view! {
        <details class="numbers" id="numbers" open=open>
            <summary>"Numbers to call, by country"</summary>
            <ul>
                {services
                    .into_iter()
                    .map(|service| {
                        view! {
                            <li>
                                <strong>{service.place}</strong>
                                <span>"Emergency: " <PhoneText text=service.emergency /></span>
                                <span>
                                    "Urgent, not an emergency: " <PhoneText text=service.urgent />
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </details>
    }
}

/// A text with its phone numbers as `tel:` links.
#[component]
fn PhoneText(text: String) -> impl IntoView {
    phone_parts(&text)
        .into_iter()
        .map(|(part, is_number)| {
            if is_number {
                let digits: String = part.chars().filter(char::is_ascii_digit).collect();
                view! { <a href=format!("tel:{digits}")>{part}</a> }.into_any()
            } else {
                part.into_any()
            }
        })
        .collect_view()
}

/// Splits a text into plain parts and phone numbers: runs of digits and single spaces, with at
/// least three digits ("999", "1800 022 222").
pub fn phone_parts(text: &str) -> Vec<(String, bool)> {
    let mut parts: Vec<(String, bool)> = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let mut plain = String::new();
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let mut end = i;
            while end < chars.len()
                && (chars[end].is_ascii_digit()
                    || (chars[end] == ' ' && chars.get(end + 1).is_some_and(char::is_ascii_digit)))
            {
                end += 1;
            }
            let run: String = chars[i..end].iter().collect();
            if run.chars().filter(char::is_ascii_digit).count() >= 3 {
                if !plain.is_empty() {
                    parts.push((std::mem::take(&mut plain), false));
                }
                parts.push((run, true));
            } else {
                plain.push_str(&run);
            }
            i = end;
        } else {
            plain.push(chars[i]);
            i += 1;
        }
    }
    if !plain.is_empty() {
        parts.push((plain, false));
    }
    parts
}

/// "Is it a cramp?": a cramp against the things that feel like one, each with what to do.
#[component]
pub fn IsItACramp() -> impl IntoView {
    let lookalikes = catalogue().lookalikes.clone();
    view! {
        <section class="lookalikes" id="is-it-a-cramp" aria-labelledby="is-it-a-cramp-heading">
            <h2 id="is-it-a-cramp-heading">"Is it a cramp?"</h2>
            <ul class="card-list">
                {lookalikes
                    .into_iter()
                    .map(|lookalike| {
                        let sign = lookalike
                            .sign
                            .map(|id| {
                                view! { <a href=format!("/help#{id}")>"The warning sign"</a> }
                            });
                        let page = lookalike
                            .page
                            .map(|href| view! { <a href=href>"More about it"</a> });
                        view! {
                            <li class="card lookalike">
                                <h3>{lookalike.name}</h3>
                                <p>{lookalike.feels_like}</p>
                                <p>
                                    <strong>"What to do: "</strong>
                                    {lookalike.what_to_do}
                                </p>
                                {(sign.is_some() || page.is_some())
                                    .then(|| view! { <p class="lookalike-links">{sign}{page}</p> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

const fn urgency_class(urgency: Urgency) -> &'static str {
    match urgency {
        Urgency::Emergency => "emergency",
        Urgency::SameDay => "same-day",
        Urgency::SeeDoctor => "see-doctor",
    }
}

#[cfg(test)]
mod tests {
    use super::phone_parts;

    #[test]
    fn phone_numbers_become_their_own_parts() {
        assert_eq!(
            phone_parts("999 or 112"),
            [
                ("999".into(), true),
                (" or ".into(), false),
                ("112".into(), true)
            ]
        );
        assert_eq!(
            phone_parts("healthdirect 1800 022 222, any time"),
            [
                ("healthdirect ".into(), false),
                ("1800 022 222".into(), true),
                (", any time".into(), false)
            ]
        );
        assert_eq!(phone_parts("in 24 h"), [("in 24 h".into(), false)]);
    }
}
