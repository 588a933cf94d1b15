//! The diary's words, in one place: when a cramp was, where, how long, what was tried, and the
//! names of days and months. The pages and the patterns' sentences say them alike.

use super::model::{Cramp, Muscle, Relief, Side};
use crate::clock::{hhmm, LocalClock, LocalDate};

pub use guide_core::diary::format_duration;

/// "Mon" to "Sun", Monday first.
pub const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// "January" to "December".
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "January" for month 1.
pub fn month_name(month: u8) -> &'static str {
    MONTHS[usize::from(month.clamp(1, 12) - 1)]
}

/// "Jan" for month 1: every month's short name is its first three letters.
pub fn short_month_name(month: u8) -> &'static str {
    &month_name(month)[..3]
}

/// "Mon 30 Nov, 03:10".
pub fn when_text(start_ms: i64, clock: &impl LocalClock) -> String {
    let local = clock.local(start_ms);
    format!("{}, {}", day_text(local.date), hhmm(local.minute_of_day))
}

/// "Mon 30 Nov".
pub fn day_text(date: LocalDate) -> String {
    format!(
        "{} {} {}",
        WEEKDAYS[usize::from(date.weekday())],
        date.day(),
        short_month_name(date.month())
    )
}

/// "Left calf", "Foot or toes".
pub fn where_text(cramp: &Cramp) -> String {
    match cramp.side {
        Some(Side::Both) => format!("{}, both legs", cramp.muscle.label()),
        Some(side) => format!("{} {}", side.label(), cramp.muscle.in_words()),
        None => cramp.muscle.label().to_string(),
    }
}

/// A row of a count by side: "Left leg", "Both legs", "Side not said".
pub fn side_text(side: Option<Side>) -> &'static str {
    match side {
        Some(Side::Left) => "Left leg",
        Some(Side::Right) => "Right leg",
        Some(Side::Both) => "Both legs",
        None => "Side not said",
    }
}

/// "Woke you · Tried: stretching, heat · Helped: stretching".
pub fn details_text(cramp: &Cramp) -> String {
    let names = |list: &[Relief]| {
        list.iter()
            .map(|r| r.label().to_ascii_lowercase())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut parts = Vec::new();
    match cramp.woke {
        Some(true) => parts.push("Woke you".to_string()),
        Some(false) => parts.push("Didn't wake you".to_string()),
        None => {}
    }
    if !cramp.tried.is_empty() {
        parts.push(format!("Tried: {}", names(&cramp.tried)));
    }
    if !cramp.helped.is_empty() {
        parts.push(format!("Helped: {}", names(&cramp.helped)));
    }
    parts.join(" · ")
}

pub fn plural(n: u32, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// Where a cramp was, for a sentence: "the left calf", "the back of the right thigh", "both
/// calves", "the foot or toes".
pub fn place(muscle: Muscle, side: Option<Side>) -> String {
    let leg = match side {
        Some(Side::Left) => "left ",
        Some(Side::Right) => "right ",
        Some(Side::Both) | None => "",
    };
    match (muscle, side) {
        (Muscle::Calf, Some(Side::Both)) => "both calves".into(),
        (Muscle::ThighFront, Some(Side::Both)) => "the front of both thighs".into(),
        (Muscle::ThighBack, Some(Side::Both)) => "the back of both thighs".into(),
        (Muscle::Foot, Some(Side::Both)) => "both feet or toes".into(),
        (Muscle::Calf, _) => format!("the {leg}calf"),
        (Muscle::ThighFront, _) => format!("the front of the {leg}thigh"),
        (Muscle::ThighBack, _) => format!("the back of the {leg}thigh"),
        (Muscle::Foot, _) => format!("the {leg}foot or toes"),
    }
}

pub fn leg_in_words(side: Side) -> &'static str {
    match side {
        Side::Left => "the left leg",
        Side::Right => "the right leg",
        Side::Both => "both legs",
    }
}

/// An hour of the day in words: "midnight", "2 a.m.", "noon", "11 p.m.".
pub fn hour_in_words(hour: usize) -> String {
    match hour % 24 {
        0 => "midnight".into(),
        12 => "noon".into(),
        hour @ 1..=11 => format!("{hour} a.m."),
        hour => format!("{} p.m.", hour - 12),
    }
}

/// "between 2 and 4 a.m.", "between 11 p.m. and 1 a.m.", "between 10 a.m. and noon".
pub fn two_hours_in_words(start: usize) -> String {
    let end = (start + 2) % 24;
    match start {
        1..=9 => format!("between {start} and {end} a.m."),
        13..=21 => format!("between {} and {} p.m.", start - 12, end - 12),
        _ => format!(
            "between {} and {}",
            hour_in_words(start),
            hour_in_words(end)
        ),
    }
}
