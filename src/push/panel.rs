//! The switch that turns push reminders on and off, on /water (the tracker's schedule) and on the
//! bedtime routine (one reminder a night), with the note on what the server keeps.
//!
//! What the switch shows is decided by plain functions here (which state, which reason push
//! can't work, the words); `browser` (hydrate only) is where it meets the push service, the
//! service worker, device storage and the server functions in [`super::api`].

use super::{ReminderKind, Schedule, DEFAULT_BEDTIME, UNSEEN_DAYS};
use crate::clock::{hhmm, LocalDate, LocalDateTime};

#[cfg(any(feature = "ssr", feature = "hydrate"))]
pub use view::*;

/// The browser's answer about notifications.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    Granted,
    Denied,
    /// Not asked yet, or the question was dismissed.
    Default,
    Unsupported,
}

impl Permission {
    pub fn parse(value: Option<&str>) -> Self {
        match value {
            Some("granted") => Self::Granted,
            Some("denied") => Self::Denied,
            Some("default") => Self::Default,
            _ => Self::Unsupported,
        }
    }
}

/// What the browser and the server offer, read once after hydration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capabilities {
    /// The server gave its VAPID public key: it sends reminders.
    pub server_sends: bool,
    /// An iPhone or iPad (iPadOS says it is a Mac, with a touch screen).
    pub apple_mobile: bool,
    /// Opened from the home screen (`display-mode: standalone`, or Safari's `navigator.standalone`).
    pub standalone: bool,
    pub push_manager: bool,
    pub service_worker: bool,
    pub permission: Permission,
}

/// Why push reminders can't work here; the switch says it and offers the calendar file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocker {
    /// This server was started without push (no VAPID key).
    NoServer,
    /// iOS and iPadOS only let a web app added to the Home Screen receive pushes.
    NeedsHomeScreen,
    /// No Push API or no service worker in this browser.
    NoPush,
    /// Notifications are blocked for this site.
    Denied,
}

/// The first reason push can't work, most basic first: without a server nothing else matters,
/// and Safari on an iPhone lacks the Push API only because the app is not on the Home Screen.
pub fn blocker(can: &Capabilities) -> Option<Blocker> {
    if !can.server_sends {
        Some(Blocker::NoServer)
    } else if can.apple_mobile && !can.standalone {
        Some(Blocker::NeedsHomeScreen)
    } else if !can.push_manager || !can.service_worker || can.permission == Permission::Unsupported
    {
        Some(Blocker::NoPush)
    } else if can.permission == Permission::Denied {
        Some(Blocker::Denied)
    } else {
        None
    }
}

/// An iPhone, iPad or iPod from its user agent; iPadOS reports a Mac, told apart by its touch
/// screen (`navigator.maxTouchPoints`).
pub fn is_apple_mobile(user_agent: &str, max_touch_points: u32) -> bool {
    ["iPhone", "iPad", "iPod"]
        .iter()
        .any(|device| user_agent.contains(device))
        || (user_agent.contains("Macintosh") && max_touch_points > 1)
}

/// What the switch says when push can't work: why, what to do, and the way that still works.
pub fn blocker_text(blocker: Blocker) -> &'static str {
    match blocker {
        Blocker::NoServer => {
            "This server does not send reminders. Use the calendar file below instead: your phone's calendar rings even when the app is closed."
        }
        Blocker::NeedsHomeScreen => {
            "On an iPhone or iPad, reminders only reach the app on your Home Screen. Add it first: in Safari, tap the Share button, then \u{201c}Add to Home Screen\u{201d}, and open Leg Relief from there. Or use the calendar file below."
        }
        Blocker::NoPush => {
            "This browser can't receive reminders while the app is closed. Use the calendar file below instead, or open this page in a browser that can (Chrome, Firefox, Edge or Safari)."
        }
        Blocker::Denied => {
            "Notifications are blocked for this app, so reminders can't show. To allow them, open the site settings (the icon beside the address, or the app's settings on your phone), set Notifications to Allow, then reload this page. Or use the calendar file below."
        }
    }
}

/// The plain note beside each switch: what the server keeps, and until when.
pub fn keeps_note(kind: ReminderKind) -> String {
    let schedule = match kind {
        ReminderKind::Water => "your reminder schedule",
        ReminderKind::Bedtime => "your reminder time",
    };
    format!(
        "Turned on, our server keeps only this browser's push address and keys, {schedule} and time zone, and a random id. No drinks, no diary, no IP address. It is deleted at once when you turn this off, when the push service says the address is gone, or after {UNSEEN_DAYS} days without you opening the app."
    )
}

/// Where the switch is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Until the page has read the browser and device storage (and on the server).
    Checking,
    Off,
    TurningOn,
    /// The server's next reminder, Unix ms; `None` when it did not say.
    On {
        next_at_ms: Option<i64>,
    },
    TurningOff,
}

impl Phase {
    /// The switch's `aria-pressed`.
    pub fn pressed(self) -> bool {
        matches!(self, Self::On { .. } | Self::TurningOff)
    }

    /// A tap does something only when the switch rests on or off.
    pub fn settled(self) -> bool {
        matches!(self, Self::Off | Self::On { .. })
    }

    /// The short word on the switch itself.
    pub fn label(self) -> &'static str {
        match self {
            Self::Checking => "\u{2026}",
            Self::Off | Self::TurningOn => "Off",
            Self::On { .. } | Self::TurningOff => "On",
        }
    }
}

/// The status line's sentence for a phase: "On. Next reminder at 20:00." and the like; `next`
/// is the next reminder's local time and `today` the phone's date now.
pub fn phase_text(phase: Phase, next: Option<LocalDateTime>, today: LocalDate) -> String {
    match phase {
        Phase::Checking | Phase::Off => String::new(),
        Phase::TurningOn => "Turning on\u{2026}".into(),
        Phase::TurningOff => "Turning off\u{2026}".into(),
        Phase::On { .. } => match next {
            Some(local) if local.date == today => {
                format!("On. Next reminder at {}.", hhmm(local.minute_of_day))
            }
            Some(local) if local.date == today.next() => {
                format!(
                    "On. Next reminder at {} tomorrow.",
                    hhmm(local.minute_of_day)
                )
            }
            Some(local) => format!(
                "On. Next reminder on {} at {}.",
                local.date,
                hhmm(local.minute_of_day)
            ),
            None => "On.".into(),
        },
    }
}

/// What a page opening with this device's record does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnOpen {
    /// Nothing stored for this kind: off.
    Off,
    /// Stored and the browser still has its subscription: re-send it (the server counts the
    /// 45 days from here, and learns a changed time zone).
    Resend,
    /// Stored, but the browser's subscription is gone (cleared, or the push service dropped it):
    /// off, and the server's row deleted.
    Forget,
}

pub fn on_open(stored: bool, browser_subscribed: bool) -> OnOpen {
    match (stored, browser_subscribed) {
        (false, _) => OnOpen::Off,
        (true, true) => OnOpen::Resend,
        (true, false) => OnOpen::Forget,
    }
}

/// The element ids of one kind's switch parts.
fn element_id(part: &str, kind: ReminderKind) -> String {
    format!("push-{part}-{}", kind.name())
}

#[cfg(any(feature = "ssr", feature = "hydrate"))]
mod switch;
#[cfg(any(feature = "ssr", feature = "hydrate"))]
mod view;

#[cfg(feature = "hydrate")]
mod browser;

#[cfg(test)]
mod tests;
