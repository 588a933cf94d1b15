//! What the service worker (`sw.js`), the page scripts (`public/*.js`) and the islands say to
//! each other, and the elements and attributes the scripts find in the page, named once, here.
//! The server writes the message names into the worker it serves ([`javascript_names`]); the
//! views take their ids from [`ElementId`]; a test fails when a script uses a name that is not
//! defined here.

use serde::Deserialize;

/// Every message, by what it says; its `type` in JavaScript is [`Message::name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Message {
    /// Worker to pages while it saves the app: `{done, total, downloaded, downloadedBytes, version}`.
    Progress,
    /// Worker to pages when a version has taken over: `{version}`.
    Ready,
    /// Page to worker: which version is running? The worker answers that page `{version}`.
    Version,
    /// Worker to one page: the page, or what it asked for, came from the copy saved on this
    /// device because the network failed, timed out or the server failed: `{because}` (one of
    /// [`SavedBecause`]). `navigator.onLine` can't tell this: it stays true behind a captive
    /// portal, on a dead connection, and in some browsers for a page the worker served.
    ServedSaved,
    /// Worker to an open water tracker: "Log a glass" was tapped on a reminder: `{ml?}`.
    LogGlass,
    /// Page to the waiting worker: the person accepted the update.
    SkipWaiting,
}

impl Message {
    pub const ALL: [Self; 6] = [
        Self::Progress,
        Self::Ready,
        Self::Version,
        Self::ServedSaved,
        Self::LogGlass,
        Self::SkipWaiting,
    ];

    /// The message's `type` field.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Progress => "progress",
            Self::Ready => "ready",
            Self::Version => "version",
            Self::ServedSaved => "served-saved",
            Self::LogGlass => "log-glass",
            Self::SkipWaiting => "skip-waiting",
        }
    }
}

/// Why the worker answered from the saved copy (the `because` of [`Message::ServedSaved`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SavedBecause {
    /// The request failed: no connection, or the server could not be reached.
    Unreachable,
    /// Nothing came back in time (a dead connection, a captive portal holding requests).
    TimedOut,
    /// The server answered with an error of its own.
    ServerError,
}

impl SavedBecause {
    pub const ALL: [Self; 3] = [Self::Unreachable, Self::TimedOut, Self::ServerError];

    pub const fn name(self) -> &'static str {
        match self {
            Self::Unreachable => "unreachable",
            Self::TimedOut => "timed-out",
            Self::ServerError => "server-error",
        }
    }
}

/// The buttons on a notification; the worker reads which one was tapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotificationAction {
    /// "Log a glass" on a water reminder.
    LogGlass,
    /// "Start" on the bedtime reminder: opens the routine.
    Start,
}

impl NotificationAction {
    pub const ALL: [Self; 2] = [Self::LogGlass, Self::Start];

    pub const fn name(self) -> &'static str {
        match self {
            Self::LogGlass => "log-glass",
            Self::Start => "start",
        }
    }
}

/// The elements the page scripts find by id (pwa.js: `$("offline-status")`). The views that
/// render them take the id from here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ElementId {
    /// The app panel's line for offline readiness and install.
    OfflineStatus,
    OfflineProgress,
    InstallApp,
    /// The steps for installing on iPhone and iPad, which have no install prompt.
    IosInstall,
    /// The "Update available" region and its two buttons.
    UpdatePrompt,
    UpdateAccept,
    UpdateLater,
}

impl ElementId {
    pub const ALL: [Self; 7] = [
        Self::OfflineStatus,
        Self::OfflineProgress,
        Self::InstallApp,
        Self::IosInstall,
        Self::UpdatePrompt,
        Self::UpdateAccept,
        Self::UpdateLater,
    ];

    pub const fn name(self) -> &'static str {
        match self {
            Self::OfflineStatus => "offline-status",
            Self::OfflineProgress => "offline-progress",
            Self::InstallApp => "install-app",
            Self::IosInstall => "ios-install",
            Self::UpdatePrompt => "update-prompt",
            Self::UpdateAccept => "update-accept",
            Self::UpdateLater => "update-later",
        }
    }
}

/// The `data-` attributes the page scripts find elements by, read or set, without `data-`.
/// (A `view!` writes an attribute's name as it is, so for these the test is the link: a script
/// that uses one not listed here fails it.)
pub const DATA_ATTRIBUTES: [&str; 9] = [
    // islands.js: the page's bundles, the panels that load one, what has hydrated.
    "bundles",
    "bundle",
    "hydrated",
    // theme.js: the switch, and the theme and night dimming it sets on the root.
    "theme-toggle",
    "theme",
    "night",
    // pwa.js: the version saved for offline use; where the device keeps its push reminders.
    "offline-version",
    "reminders-key",
    "reminders-seen",
];

/// What the worker tells an open water tracker.
#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ToTracker {
    /// [`Message::LogGlass`]; without an amount the tracker logs its own glass.
    LogGlass { ml: Option<u32> },
    #[serde(other)]
    Other,
}

/// `"served-saved"` as `SERVED_SAVED`: the key a script uses for a name.
fn constant_key(name: &str) -> String {
    name.replace('-', "_").to_ascii_uppercase()
}

fn frozen_object(name: &str, values: impl Iterator<Item = &'static str>) -> String {
    let fields: Vec<String> = values
        .map(|value| {
            format!(
                "{}: {}",
                constant_key(value),
                serde_json::to_string(value).expect("a string serialises")
            )
        })
        .collect();
    format!(
        "const {name} = Object.freeze({{ {} }});\n",
        fields.join(", ")
    )
}

/// The names as JavaScript constants (`MESSAGE.SERVED_SAVED === "served-saved"`), written at the
/// top of the service worker the server serves.
pub fn javascript_names() -> String {
    [
        frozen_object("MESSAGE", Message::ALL.iter().map(|m| m.name())),
        frozen_object("SAVED_BECAUSE", SavedBecause::ALL.iter().map(|b| b.name())),
        frozen_object("ACTION", NotificationAction::ALL.iter().map(|a| a.name())),
    ]
    .concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every script that talks to another, with the names it spells out itself.
    const SCRIPTS: [(&str, &str); 5] = [
        ("public/pwa.js", include_str!("../../public/pwa.js")),
        ("public/islands.js", include_str!("../../public/islands.js")),
        ("src/pwa/sw.js", include_str!("sw.js")),
        ("src/pwa/sw-retire.js", include_str!("sw-retire.js")),
        ("public/theme.js", include_str!("../../public/theme.js")),
    ];

    /// The quoted strings that follow each of `openings` in a script, up to the next `"` or `]`.
    fn quoted_after(script: &str, openings: &[&str]) -> Vec<String> {
        let mut found = Vec::new();
        for opening in openings {
            for (at, _) in script.match_indices(opening) {
                let rest = &script[at + opening.len()..];
                if let Some(end) = rest.find(['"', ']', '=']) {
                    found.push(rest[..end].to_string());
                }
            }
        }
        found
    }

    /// `remindersKey` as `reminders-key`.
    fn kebab(camel: &str) -> String {
        camel
            .chars()
            .flat_map(|c| {
                let lower = c.to_ascii_lowercase();
                (c.is_ascii_uppercase().then_some('-').into_iter()).chain([lower])
            })
            .collect()
    }

    /// The `data-` attributes a script names: in selectors, through the attribute methods, and as
    /// `dataset` keys (`dataset.offlineVersion`, `const { remindersKey } = panel?.dataset`).
    fn data_attributes(script: &str) -> Vec<String> {
        let mut names = quoted_after(script, &["[data-", "Attribute(\"data-"]);
        for (at, _) in script.match_indices("dataset.") {
            let key: String = script[at + "dataset.".len()..]
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            names.push(kebab(&key));
        }
        for line in script
            .lines()
            .filter(|line| line.contains("} = ") && line.contains(".dataset"))
        {
            let inside = line
                .split_once('{')
                .and_then(|(_, rest)| rest.split_once('}'));
            for key in inside.map_or("", |(keys, _)| keys).split(',') {
                names.push(kebab(key.trim()));
            }
        }
        names
    }

    #[test]
    fn every_element_and_attribute_a_script_looks_up_is_defined_here() {
        let mut ids = Vec::new();
        for (path, script) in SCRIPTS {
            for id in quoted_after(script, &["$(\"", "getElementById(\""]) {
                assert!(
                    ElementId::ALL.iter().any(|e| e.name() == id),
                    "{path} looks up #{id}, which pwa::protocol::ElementId does not define"
                );
                ids.push(id);
            }
            for name in data_attributes(script) {
                // `data-component`: Leptos's name for an island, not ours.
                if name == "component" {
                    continue;
                }
                assert!(
                    DATA_ATTRIBUTES.contains(&name.as_str()),
                    "{path} uses data-{name}, which pwa::protocol::DATA_ATTRIBUTES does not list"
                );
            }
        }
        for id in ElementId::ALL {
            assert!(
                ids.iter().any(|used| used == id.name()),
                "no script uses #{}",
                id.name()
            );
        }
        assert_eq!(kebab("offlineVersion"), "offline-version");
    }

    /// The quoted names a script compares or sends as a message type, a reason or an action.
    fn spelled_out_names(script: &str) -> Vec<String> {
        let mut names = Vec::new();
        for field in ["type", "because", "action"] {
            for pattern in [": \"", " === \"", " !== \""] {
                let needle = format!("{field}{pattern}");
                for (at, _) in script.match_indices(&needle) {
                    let rest = &script[at + needle.len()..];
                    if let Some(end) = rest.find('"') {
                        names.push(rest[..end].to_string());
                    }
                }
            }
        }
        names
    }

    fn defined(name: &str) -> bool {
        Message::ALL.iter().any(|m| m.name() == name)
            || SavedBecause::ALL.iter().any(|b| b.name() == name)
            || NotificationAction::ALL.iter().any(|a| a.name() == name)
    }

    #[test]
    fn every_name_a_script_uses_is_defined_here() {
        for (path, script) in SCRIPTS {
            for name in spelled_out_names(script) {
                // `clients.matchAll({ type: "window" })`: an option of the browser's, not ours.
                if name == "window" {
                    continue;
                }
                assert!(
                    defined(&name),
                    "{path} uses {name:?}, which pwa::protocol does not define"
                );
            }
        }
    }

    #[test]
    fn the_worker_takes_every_name_from_the_constants() {
        let (_, worker) = SCRIPTS[2];
        let spelled: Vec<String> = spelled_out_names(worker)
            .into_iter()
            .filter(|name| defined(name))
            .collect();
        assert_eq!(
            spelled,
            Vec::<String>::new(),
            "sw.js spells out names the server writes into it"
        );
        for constant in [
            "MESSAGE.SERVED_SAVED",
            "SAVED_BECAUSE.TIMED_OUT",
            "ACTION.LOG_GLASS",
        ] {
            assert!(worker.contains(constant), "sw.js no longer uses {constant}");
        }
    }

    #[test]
    fn the_constants_are_javascript_for_each_name() {
        let names = javascript_names();
        assert!(names.contains("const MESSAGE = Object.freeze({ PROGRESS: \"progress\","));
        assert!(names.contains("SERVED_SAVED: \"served-saved\""));
        assert!(names.contains("TIMED_OUT: \"timed-out\""));
        assert!(names.contains(
            "const ACTION = Object.freeze({ LOG_GLASS: \"log-glass\", START: \"start\" });"
        ));
    }

    #[test]
    fn the_tracker_reads_a_log_glass_message_by_its_name() {
        let message = |json: String| serde_json::from_str::<ToTracker>(&json).expect("parses");
        let name = Message::LogGlass.name();
        assert_eq!(
            message(format!(r#"{{"type":"{name}","ml":330}}"#)),
            ToTracker::LogGlass { ml: Some(330) }
        );
        assert_eq!(
            message(format!(r#"{{"type":"{name}"}}"#)),
            ToTracker::LogGlass { ml: None }
        );
        let other = Message::ServedSaved.name();
        assert_eq!(
            message(format!(r#"{{"type":"{other}"}}"#)),
            ToTracker::Other
        );
    }
}
