//! Cramp now's timing: one hold that counts up until the person says the cramp has eased, held
//! again if it tightens, and kept on the device while it runs so a reload, a navigation or a
//! closed tab never loses it. Plain arithmetic on the times the page reads from its clock, so it
//! can be tested without a browser.

use crate::diary::{Muscle, Side};
use serde::{Deserialize, Serialize};

/// A cramp being held, or eased. Its one duration runs from the first tap to the last "It has
/// eased": the figure on screen, the sentence and the diary all say the same.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Hold {
    /// When the first hold began (the cramp's start as the diary keeps it), ms.
    pub started_ms: f64,
    /// How many holds so far (2 once it tightened again).
    pub holds: u32,
    /// When it eased, if it has.
    pub eased_ms: Option<f64>,
}

/// After this long a cramp is a warning sign (see `cramp-over-10-minutes`).
pub const WARNING_AFTER_SECONDS: u32 = 10 * 60;
/// A gentle cue this often while holding: the count goes on, nothing else is needed.
pub const CUE_EVERY_SECONDS: u32 = 30;

impl Hold {
    pub fn start(now_ms: f64) -> Self {
        Self {
            started_ms: now_ms,
            holds: 1,
            eased_ms: None,
        }
    }

    pub fn is_holding(&self) -> bool {
        self.eased_ms.is_none()
    }

    /// Whole seconds from the first hold to now, or to when it eased: the cramp's duration.
    pub fn seconds(&self, now_ms: f64) -> u32 {
        seconds_between(self.started_ms, self.eased_ms.unwrap_or(now_ms))
    }

    /// "It has eased": the duration the diary records.
    pub fn ease(&mut self, now_ms: f64) -> u32 {
        if self.eased_ms.is_none() {
            self.eased_ms = Some(now_ms.max(self.started_ms));
        }
        self.seconds(now_ms)
    }

    /// "It tightened again": the same cramp, held again, its count going on from its start.
    pub fn tighten_again(&mut self) {
        self.eased_ms = None;
        self.holds += 1;
    }

    /// Whether the cramp has gone on long enough to be a warning sign.
    pub fn is_a_warning(&self, now_ms: f64) -> bool {
        self.seconds(now_ms) > WARNING_AFTER_SECONDS
    }

    /// Whether a cue is due between two readings of the count: one every
    /// [`CUE_EVERY_SECONDS`], never at zero, never twice for one mark.
    pub fn cue_due(previous_seconds: u32, seconds: u32) -> bool {
        crossed(CUE_EVERY_SECONDS, previous_seconds.into(), seconds.into())
    }
}

/// Whether a multiple of `every` seconds was reached between two readings of a count: once per
/// mark, never at zero, however many ticks were skipped.
pub fn crossed(every: u32, previous_seconds: u64, seconds: u64) -> bool {
    let every = u64::from(every.max(1));
    seconds / every > previous_seconds / every
}

fn seconds_between(from_ms: f64, to_ms: f64) -> u32 {
    ((to_ms - from_ms).max(0.0) / 1000.0).floor() as u32
}

/// The local storage key of a running hold. Never rename it: a hold running across an update
/// would be lost.
pub const HOLD_KEY: &str = "leg-relief.hold.v1";

/// What the page keeps on the device while a hold runs ([`HOLD_KEY`]), and forgets once
/// the cramp is in the diary or was not a cramp.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct KeptHold {
    pub muscle: Muscle,
    pub hold: Hold,
    pub side: Option<Side>,
    /// The diary entry it was saved as when it eased, before it tightened again.
    pub saved: Option<u64>,
    /// The last time the page was open with the hold running: the cramp lasted at least until
    /// then, whatever happened to the page afterwards.
    pub seen_ms: f64,
}

/// How often a running hold notes that the page is still open (`KeptHold::seen_ms`).
pub const SEEN_EVERY_SECONDS: u32 = 5;

/// A page closed for longer than this while holding was not reopened mid-cramp: the hold is
/// not picked up again, but offered for the diary as it was last seen.
pub const STILL_CRAMPING_WITHIN_SECONDS: u32 = 10 * 60;

/// What Cramp now does with a hold it finds kept when it opens.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Found {
    /// Back to it, the count going on: "Still cramping?".
    StillCramping(KeptHold),
    /// Left running long ago: it lasted at least `seconds`; the person may save it.
    LeftRunning { kept: KeptHold, seconds: u32 },
}

impl KeptHold {
    /// What to do with this hold, found kept at `now_ms`; None if it had already eased (it is in
    /// the diary).
    pub fn found(self, now_ms: f64) -> Option<Found> {
        if !self.hold.is_holding() {
            return None;
        }
        if seconds_between(self.seen_ms, now_ms) <= STILL_CRAMPING_WITHIN_SECONDS {
            Some(Found::StillCramping(self))
        } else {
            Some(Found::LeftRunning {
                kept: self,
                seconds: self.hold.seconds(self.seen_ms),
            })
        }
    }
}

/// "0:07", "1:30", "12:05": minutes and seconds, as the count shows them.
pub fn count_text(seconds: u32) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// The count for a screen reader: "7 seconds", "1 minute 30 seconds".
pub fn count_words(seconds: u32) -> String {
    let (minutes, seconds) = (seconds / 60, seconds % 60);
    let unit = |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match (minutes, seconds) {
        (0, s) => unit(s, "second", "seconds"),
        (m, 0) => unit(m, "minute", "minutes"),
        (m, s) => format!(
            "{} {}",
            unit(m, "minute", "minutes"),
            unit(s, "second", "seconds")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hold_counts_up_until_it_eases_and_then_stands_still() {
        let mut hold = Hold::start(1_000.0);
        assert_eq!(hold.seconds(1_999.0), 0);
        assert_eq!(hold.seconds(46_000.0), 45);
        assert_eq!(hold.ease(61_500.0), 60);
        assert!(!hold.is_holding());
        assert_eq!(hold.seconds(500_000.0), 60, "frozen once eased");
        assert_eq!(hold.ease(900_000.0), 60, "easing twice changes nothing");
    }

    /// Review 2026-12b: after a second ease the figure said 0:20 and the sentence 1 min 6 s.
    #[test]
    fn tightening_again_goes_on_counting_the_same_cramp() {
        let mut hold = Hold::start(0.0);
        hold.ease(40_000.0);
        hold.tighten_again();
        assert!(hold.is_holding());
        assert_eq!(hold.holds, 2);
        assert_eq!(
            hold.seconds(80_000.0),
            80,
            "the count goes on from the first tap"
        );
        assert_eq!(hold.ease(100_000.0), 100);
        assert_eq!(
            hold.seconds(200_000.0),
            100,
            "one duration on screen and in the diary"
        );
    }

    #[test]
    fn a_clock_that_goes_back_never_gives_negative_time() {
        let mut hold = Hold::start(10_000.0);
        assert_eq!(hold.seconds(5_000.0), 0);
        assert_eq!(hold.ease(5_000.0), 0);
    }

    #[test]
    fn past_ten_minutes_it_is_a_warning_sign() {
        let hold = Hold::start(0.0);
        assert!(!hold.is_a_warning(600_000.0));
        assert!(hold.is_a_warning(601_000.0));
    }

    #[test]
    fn cues_come_once_per_half_minute() {
        assert!(!Hold::cue_due(0, 0));
        assert!(!Hold::cue_due(0, 29));
        assert!(Hold::cue_due(29, 30));
        assert!(!Hold::cue_due(30, 31));
        assert!(Hold::cue_due(29, 61), "a skipped tick still cues once");
    }

    #[test]
    fn counts_read_as_a_clock_and_as_words() {
        assert_eq!(count_text(7), "0:07");
        assert_eq!(count_text(725), "12:05");
        assert_eq!(count_words(1), "1 second");
        assert_eq!(count_words(60), "1 minute");
        assert_eq!(count_words(90), "1 minute 30 seconds");
    }

    fn kept(started_ms: f64, seen_ms: f64) -> KeptHold {
        KeptHold {
            muscle: Muscle::Calf,
            hold: Hold::start(started_ms),
            side: Some(Side::Left),
            saved: None,
            seen_ms,
        }
    }

    #[test]
    fn a_hold_found_soon_after_is_still_cramping_with_its_count_going_on() {
        let found = kept(0.0, 60_000.0).found(192_000.0);
        let Some(Found::StillCramping(kept)) = found else {
            panic!("expected the hold back, got {found:?}");
        };
        assert_eq!(kept.hold.seconds(192_000.0), 192, "Still cramping? 3:12");
        assert_eq!(kept.side, Some(Side::Left));
    }

    #[test]
    fn a_hold_left_running_long_ago_lasted_until_it_was_last_seen() {
        let found = kept(0.0, 125_000.0).found(125_000.0 + 11.0 * 60_000.0);
        assert_eq!(
            found,
            Some(Found::LeftRunning {
                kept: kept(0.0, 125_000.0),
                seconds: 125
            })
        );
    }

    #[test]
    fn an_eased_hold_is_already_in_the_diary() {
        let mut eased = kept(0.0, 10_000.0);
        eased.hold.ease(10_000.0);
        assert_eq!(eased.found(20_000.0), None);
    }

    #[test]
    fn a_kept_hold_reads_back_as_it_was_written() {
        let text = serde_json::to_string(&kept(1.0, 2.0)).expect("writes");
        let back: KeptHold = serde_json::from_str(&text).expect("reads");
        assert_eq!(back, kept(1.0, 2.0));
    }
}
