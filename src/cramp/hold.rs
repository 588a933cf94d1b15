//! Cramp now's timing: one hold that counts up until the person says the cramp has eased, held
//! again if it tightens. Plain arithmetic on the times the page reads from its clock, so it can
//! be tested without a browser.

/// A cramp being held, or eased.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hold {
    /// When the first hold began (the cramp's start as the diary keeps it), ms.
    pub started_ms: f64,
    /// When the current hold began, ms.
    pub hold_started_ms: f64,
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
            hold_started_ms: now_ms,
            holds: 1,
            eased_ms: None,
        }
    }

    pub fn is_holding(&self) -> bool {
        self.eased_ms.is_none()
    }

    /// Whole seconds the current hold has lasted (frozen once eased).
    pub fn hold_seconds(&self, now_ms: f64) -> u32 {
        seconds_between(self.hold_started_ms, self.eased_ms.unwrap_or(now_ms))
    }

    /// Whole seconds from the first hold to now, or to when it eased: the cramp's duration.
    pub fn cramp_seconds(&self, now_ms: f64) -> u32 {
        seconds_between(self.started_ms, self.eased_ms.unwrap_or(now_ms))
    }

    /// "It has eased": the duration the diary records.
    pub fn ease(&mut self, now_ms: f64) -> u32 {
        if self.eased_ms.is_none() {
            self.eased_ms = Some(now_ms.max(self.hold_started_ms));
        }
        self.cramp_seconds(now_ms)
    }

    /// "It tightened again": the same cramp, held again from now.
    pub fn tighten_again(&mut self, now_ms: f64) {
        self.eased_ms = None;
        self.hold_started_ms = now_ms;
        self.holds += 1;
    }

    /// Whether the cramp has gone on long enough to be a warning sign.
    pub fn is_a_warning(&self, now_ms: f64) -> bool {
        self.cramp_seconds(now_ms) > WARNING_AFTER_SECONDS
    }

    /// Whether a cue is due between two readings of the hold's seconds: one every
    /// [`CUE_EVERY_SECONDS`], never at zero, never twice for one mark.
    pub fn cue_due(previous_seconds: u32, seconds: u32) -> bool {
        seconds / CUE_EVERY_SECONDS > previous_seconds / CUE_EVERY_SECONDS
    }
}

fn seconds_between(from_ms: f64, to_ms: f64) -> u32 {
    ((to_ms - from_ms).max(0.0) / 1000.0).floor() as u32
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
        assert_eq!(hold.hold_seconds(1_999.0), 0);
        assert_eq!(hold.hold_seconds(46_000.0), 45);
        assert_eq!(hold.ease(61_500.0), 60);
        assert!(!hold.is_holding());
        assert_eq!(hold.hold_seconds(500_000.0), 60, "frozen once eased");
        assert_eq!(hold.ease(900_000.0), 60, "easing twice changes nothing");
    }

    #[test]
    fn tightening_again_holds_again_and_the_cramp_lasts_from_the_first_hold() {
        let mut hold = Hold::start(0.0);
        hold.ease(40_000.0);
        hold.tighten_again(70_000.0);
        assert!(hold.is_holding());
        assert_eq!(hold.holds, 2);
        assert_eq!(hold.hold_seconds(80_000.0), 10);
        assert_eq!(hold.ease(100_000.0), 100);
    }

    #[test]
    fn a_clock_that_goes_back_never_gives_negative_time() {
        let mut hold = Hold::start(10_000.0);
        assert_eq!(hold.hold_seconds(5_000.0), 0);
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
}
