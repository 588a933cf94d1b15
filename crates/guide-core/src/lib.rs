//! What a Leg Relief guide does, with no Leptos in sight: the timer, the cue choices, the words a
//! guide shows at any instant, and the names of the markup parts the guide client drives.
//!
//! The server renders a guide's first state with [`Screen`]; the guide client (crates/guide-client)
//! finds the parts by [`PART`] and rewrites them with the same [`Screen`] as the timer runs, so
//! the page and the client can never disagree on a word.

pub mod cramp;
pub mod diary;
pub mod hold;
pub mod order;
pub mod timer;

#[cfg(feature = "browser")]
pub mod browser;

use serde::{Deserialize, Serialize};
use timer::{format_clock, Status, Timer};

/// Whether a change of hold or side beeps, vibrates, or both; kept on the device.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Cues {
    pub sound: bool,
    pub vibrate: bool,
    /// Cramp now's spoken guidance (the device's own voices, which work offline).
    pub speech: bool,
}

impl Default for Cues {
    /// Vibration on, sound and speech off: at night a sound can wake someone else.
    fn default() -> Self {
        Self {
            sound: false,
            vibrate: true,
            speech: false,
        }
    }
}

/// What the person is told when the browser refuses to save.
pub const NOT_SAVED: &str = "Not saved: this browser's storage is full or blocked. Your change \
    is kept while this page stays open. Free some space or leave private browsing, or export a \
    backup.";

/// The local storage key of the cue choices. Never rename it: people would lose their choice.
pub const CUES_KEY: &str = "leg-relief.guide.v1";

/// The attribute that names each part of a guide's markup (`data-guide="countdown"`); the root
/// also carries the plan it plays, as JSON, in [`PLAN`].
pub const PART: &str = "data-guide";
/// The attribute on a guide's root that holds its `timer::Plan`.
pub const PLAN: &str = "data-plan";

/// The parts of a guide's markup that change as it plays, or that a tap acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The section itself: its `data-status` says idle, running, paused or finished.
    Root,
    /// The stretch playing now (routines).
    Title,
    /// "Stretch 2 of 5" (routines).
    Count,
    Label,
    Countdown,
    Total,
    /// Start, Pause, Resume or Start again.
    Primary,
    Skip,
    NextStretch,
    Restart,
    /// One stretch's drawing and steps (routines): only the one playing is shown.
    Step,
    Sound,
    Vibrate,
}

impl Part {
    pub const ALL: [Part; 13] = [
        Part::Root,
        Part::Title,
        Part::Count,
        Part::Label,
        Part::Countdown,
        Part::Total,
        Part::Primary,
        Part::Skip,
        Part::NextStretch,
        Part::Restart,
        Part::Step,
        Part::Sound,
        Part::Vibrate,
    ];

    /// Its value of [`PART`].
    pub const fn name(self) -> &'static str {
        match self {
            Part::Root => "root",
            Part::Title => "title",
            Part::Count => "count",
            Part::Label => "label",
            Part::Countdown => "countdown",
            Part::Total => "total",
            Part::Primary => "primary",
            Part::Skip => "skip",
            Part::NextStretch => "next-stretch",
            Part::Restart => "restart",
            Part::Step => "step",
            Part::Sound => "sound",
            Part::Vibrate => "vibrate",
        }
    }

    pub fn from_name(name: &str) -> Option<Part> {
        Part::ALL.into_iter().find(|part| part.name() == name)
    }
}

/// The `data-status` a guide's root carries, for styles and tests.
pub const fn status_name(status: Status) -> &'static str {
    match status {
        Status::Idle => "idle",
        Status::Running => "running",
        Status::Paused => "paused",
        Status::Finished => "finished",
    }
}

/// What the main button does next, and what it says.
pub const fn primary_action(status: Status) -> &'static str {
    match status {
        Status::Idle => "Start",
        Status::Running => "Pause",
        Status::Paused => "Resume",
        Status::Finished => "Start again",
    }
}

/// Everything a guide shows at one instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screen {
    pub status: Status,
    /// The stretch playing now (the last one once finished).
    pub step: usize,
    pub title: String,
    /// "Stretch 2 of 5", for routines of more than one stretch.
    pub count: Option<String>,
    pub label: String,
    pub countdown: String,
    pub total: String,
    pub primary: &'static str,
}

impl Screen {
    pub fn of(timer: &Timer, now_ms: f64) -> Self {
        let plan = timer.plan();
        let snapshot = timer.snapshot(now_ms);
        let segments = plan.segments();
        let playing = snapshot.segment.min(segments.len().saturating_sub(1));
        let step = segments.get(playing).map_or(0, |s| s.step);
        let steps = plan.step_count();
        Self {
            status: snapshot.status,
            step,
            title: plan.title(step).to_string(),
            count: (steps > 1).then(|| format!("Stretch {} of {steps}", step + 1)),
            label: plan.label(snapshot.segment),
            countdown: format_clock(snapshot.remaining_ms),
            total: format!(
                "{} left of {}",
                format_clock(snapshot.total_remaining_ms),
                format_clock(plan.total_ms())
            ),
            primary: primary_action(snapshot.status),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use timer::{Plan, PlanStep};

    fn routine() -> Timer {
        let step = |title: &str| PlanStep {
            title: title.into(),
            hold_seconds: 30,
            repetitions: 1,
            each_side: false,
            rest_seconds: 0,
        };
        Timer::new(Plan::new(
            &[step("Wall calf stretch"), step("Ankle circles")],
            10,
        ))
    }

    #[test]
    fn a_routine_at_rest_shows_its_first_stretch_and_the_whole_time() {
        let screen = Screen::of(&routine(), 0.0);
        assert_eq!(screen.status, Status::Idle);
        assert_eq!(screen.title, "Wall calf stretch");
        assert_eq!(screen.count.as_deref(), Some("Stretch 1 of 2"));
        assert_eq!(screen.label, "Hold");
        assert_eq!(screen.countdown, "0:30");
        assert_eq!(screen.total, "1:10 left of 1:10");
        assert_eq!(screen.primary, "Start");
    }

    #[test]
    fn a_finished_routine_stays_on_its_last_stretch() {
        let mut timer = routine();
        timer.start(0.0);
        let screen = Screen::of(&timer, 71_000.0);
        assert_eq!(screen.status, Status::Finished);
        assert_eq!(screen.title, "Ankle circles");
        assert_eq!(screen.count.as_deref(), Some("Stretch 2 of 2"));
        assert_eq!(screen.label, "Done");
        assert_eq!(screen.countdown, "0:00");
        assert_eq!(screen.primary, "Start again");
    }

    #[test]
    fn the_rest_between_stretches_names_the_next_one() {
        let mut timer = routine();
        timer.start(0.0);
        let screen = Screen::of(&timer, 31_000.0);
        assert_eq!(screen.label, "Rest — next: Ankle circles");
        assert_eq!(screen.title, "Wall calf stretch");
        assert_eq!(screen.primary, "Pause");
    }

    #[test]
    fn a_single_stretch_has_no_count() {
        let step = PlanStep {
            title: "Wall calf stretch".into(),
            hold_seconds: 30,
            repetitions: 5,
            each_side: true,
            rest_seconds: 10,
        };
        let screen = Screen::of(&Timer::new(Plan::new(&[step], 0)), 0.0);
        assert_eq!(screen.count, None);
        assert_eq!(screen.label, "Left leg, 1 of 5");
    }

    #[test]
    fn every_part_has_its_own_name() {
        for part in Part::ALL {
            assert_eq!(Part::from_name(part.name()), Some(part));
        }
    }

    #[test]
    fn stored_cues_from_an_older_version_keep_their_choices() {
        let cues: Cues = serde_json::from_str(r#"{"sound":true,"vibrate":false}"#).expect("reads");
        assert_eq!(
            cues,
            Cues {
                sound: true,
                vibrate: false,
                speech: false
            }
        );
    }
}
