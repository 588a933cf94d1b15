//! What a reminder shows, in one shape for both ways it arrives: shown by the open page, or sent
//! by the server as a push the service worker shows. Serialised, `options` is the browser's
//! `NotificationOptions`, so the worker passes it on as it is and spells out no names itself.

use super::ReminderKind;
use crate::pwa::protocol::NotificationAction;
use serde::{Deserialize, Serialize};

/// `registration.showNotification(title, options)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub title: String,
    pub options: NoticeOptions,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeOptions {
    pub body: String,
    /// One per kind: a new reminder replaces the one still showing instead of stacking.
    pub tag: String,
    /// A replaced reminder still alerts.
    pub renotify: bool,
    pub icon: String,
    pub actions: Vec<NoticeButton>,
    pub data: NoticeData,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeButton {
    pub action: String,
    pub title: String,
}

/// What the worker needs when the notification or its button is tapped. "Log a glass" carries
/// no amount: the tracker logs its own glass.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeData {
    /// The page to open.
    pub url: String,
}

impl Notice {
    pub fn for_kind(kind: ReminderKind) -> Self {
        let (title, body, action, button, url) = match kind {
            ReminderKind::Water => (
                "Drink some water",
                "Time for a glass of water. Tap “Log a glass” once you have had it.",
                NotificationAction::LogGlass,
                "Log a glass",
                "/water",
            ),
            ReminderKind::Bedtime => (
                "Bedtime stretches",
                "A few minutes of calf and hamstring stretches before bed. They may make night cramps fewer or milder.",
                NotificationAction::Start,
                "Start",
                "/routines/bedtime",
            ),
        };
        Self {
            title: title.into(),
            options: NoticeOptions {
                body: body.into(),
                tag: format!("leg-relief-{}", kind.name()),
                renotify: true,
                icon: "/icons/icon-192.png".into(),
                actions: vec![NoticeButton {
                    action: action.name().into(),
                    title: button.into(),
                }],
                data: NoticeData { url: url.into() },
            },
        }
    }

    /// The push message's body: small enough for any push service (at most 4 KB encrypted).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a notice serialises")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_opens_its_page_with_its_own_button_and_tag() {
        let water = Notice::for_kind(ReminderKind::Water);
        assert_eq!(water.options.data.url, "/water");
        assert_eq!(
            water.options.actions[0].action,
            NotificationAction::LogGlass.name()
        );
        let bedtime = Notice::for_kind(ReminderKind::Bedtime);
        assert_eq!(bedtime.options.data.url, "/routines/bedtime");
        assert_eq!(
            bedtime.options.actions[0].action,
            NotificationAction::Start.name()
        );
        assert_ne!(water.options.tag, bedtime.options.tag);
        for notice in [water, bedtime] {
            assert!(notice.to_json().len() < 1024, "{}", notice.to_json());
        }
    }
}
