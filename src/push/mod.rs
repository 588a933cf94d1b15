//! Reminders that reach a closed phone: opt-in Web Push for water and the bedtime stretch.
//!
//! The page subscribes through the browser's push service and hands the server what it needs to
//! send: the subscription, the schedule and the IANA time zone. The server keeps that row, and
//! nothing else, until the person turns reminders off, the push service says the subscription is
//! gone, or the app has not been opened on that device for [`UNSEEN_DAYS`] days.

use crate::reminders::ReminderSettings;
use serde::{Deserialize, Serialize};

pub mod api;
pub mod notice;
pub mod panel;
pub mod schedule;
#[cfg(feature = "ssr")]
pub mod sender;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod webpush;
#[cfg(feature = "ssr")]
pub mod zone;

/// A row whose device has not opened the app for this long (no page said so, see
/// `api::reminders_seen`, and no switch re-sent it) is deleted: the phone was lost, reset or the app
/// removed, and nobody is left to say so.
pub const UNSEEN_DAYS: i64 = 45;

/// The server's VAPID public key (base64url) when it sends reminders; `None` when push is off.
/// Provided as context on the server; pages pass it to their islands as a prop.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PushOffer(pub Option<String>);

/// The two reminders the server can send.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReminderKind {
    /// A drink, every so often in waking hours (the water tracker's schedule).
    Water,
    /// The calf and hamstring stretches, once a night before bed.
    Bedtime,
}

impl ReminderKind {
    pub const ALL: [Self; 2] = [Self::Water, Self::Bedtime];

    /// The name stored in the database and used as the notification's tag.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Water => "water",
            Self::Bedtime => "bedtime",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.name() == name)
    }
}

/// The browser's `PushSubscription.toJSON()`: where to send, and the keys to encrypt for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushSubscription {
    pub endpoint: String,
    pub keys: SubscriptionKeys,
}

/// Both base64url, as the browser gives them: the phone's P-256 public key (65 bytes) and its
/// authentication secret (16 bytes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionKeys {
    pub p256dh: String,
    pub auth: String,
}

/// When to remind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Schedule {
    /// The water tracker's own schedule: every N minutes between waking and quiet hours.
    Water { reminders: ReminderSettings },
    /// Once a night, at this minute of the day.
    Bedtime { at: u16 },
}

impl Schedule {
    pub const fn kind(&self) -> ReminderKind {
        match self {
            Self::Water { .. } => ReminderKind::Water,
            Self::Bedtime { .. } => ReminderKind::Bedtime,
        }
    }
}

/// What the page keeps to change or delete its row later: the row's random id and a secret only
/// the page knows (the server stores its SHA-256).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    pub id: String,
    pub secret: String,
}

/// The bedtime reminder's time until the person picks one: 22:00.
pub const DEFAULT_BEDTIME: u16 = 22 * 60;

/// What this device keeps about push reminders (`device::Key::Push`): each kind's registration
/// with the server, and the bedtime reminder's time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PushDevice {
    pub water: Option<Registration>,
    pub bedtime: Option<Registration>,
    /// Minute of the day.
    pub bedtime_at: u16,
}

impl Default for PushDevice {
    fn default() -> Self {
        Self {
            water: None,
            bedtime: None,
            bedtime_at: DEFAULT_BEDTIME,
        }
    }
}

impl PushDevice {
    pub fn get(&self, kind: ReminderKind) -> Option<&Registration> {
        match kind {
            ReminderKind::Water => self.water.as_ref(),
            ReminderKind::Bedtime => self.bedtime.as_ref(),
        }
    }

    pub fn set(&mut self, kind: ReminderKind, registration: Option<Registration>) {
        match kind {
            ReminderKind::Water => self.water = registration,
            ReminderKind::Bedtime => self.bedtime = registration,
        }
    }

    /// Whether any kind still uses this browser's push subscription: when none does, it is
    /// unsubscribed.
    pub fn in_use(&self) -> bool {
        ReminderKind::ALL
            .into_iter()
            .any(|kind| self.get(kind).is_some())
    }

    /// A stored time that is not a minute of the day reads as the default.
    pub fn bedtime(&self) -> u16 {
        if self.bedtime_at < crate::clock::MINUTES_PER_DAY {
            self.bedtime_at
        } else {
            DEFAULT_BEDTIME
        }
    }
}

/// What a page keeps after subscribing, and shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscribed {
    pub registration: Registration,
    /// When the server sends the next reminder (Unix ms); `None` only for a schedule with no slot.
    pub next_at_ms: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_device_keeps_both_kinds_and_the_bedtime() {
        let registration = |id: &str| Registration {
            id: id.into(),
            secret: "s".into(),
        };
        let mut device = PushDevice::default();
        assert_eq!(device.bedtime(), DEFAULT_BEDTIME);
        assert!(!device.in_use());
        device.set(ReminderKind::Water, Some(registration("w")));
        device.set(ReminderKind::Bedtime, Some(registration("b")));
        assert_eq!(device.get(ReminderKind::Water), Some(&registration("w")));
        device.set(ReminderKind::Water, None);
        assert!(device.in_use(), "bedtime still uses the subscription");
        device.set(ReminderKind::Bedtime, None);
        assert!(!device.in_use());

        // Read back, and an older or damaged record reads as far as it can.
        let text = serde_json::to_string(&PushDevice {
            bedtime_at: 21 * 60 + 30,
            ..device
        })
        .unwrap();
        let back: PushDevice = serde_json::from_str(&text).unwrap();
        assert_eq!(back.bedtime(), 21 * 60 + 30);
        let partial: PushDevice =
            serde_json::from_str(r#"{"water":{"id":"a","secret":"b"}}"#).unwrap();
        assert_eq!(partial.bedtime(), DEFAULT_BEDTIME);
        assert!(partial.in_use());
        let odd: PushDevice = serde_json::from_str(r#"{"bedtime_at":9999}"#).unwrap();
        assert_eq!(odd.bedtime(), DEFAULT_BEDTIME);
    }
}
