//! Guided stretch timer: a plan of hold and rest segments played against timestamps.
//!
//! Progress is always worked out from `now_ms` timestamps (`Date.now()` or
//! `performance.now()`), never by counting ticks, so a tab that sat in the background
//! for minutes shows the right segment, or the end, on its next snapshot.

use serde::{Deserialize, Serialize};

/// One stretch as the guide plays it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanStep {
    pub title: String,
    pub hold_seconds: u16,
    pub repetitions: u8,
    pub each_side: bool,
    pub rest_seconds: u16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    Hold,
    Rest,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Side {
    Left,
    Right,
}

/// One countdown. A rest copies the step, side and repetition of the hold before it, so
/// "next stretch" pressed during the rest between two stretches starts the next one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub phase: Phase,
    pub step: usize,
    pub side: Option<Side>,
    /// 1-based.
    pub repetition: u8,
    pub repetitions: u8,
    pub duration_ms: u64,
}

/// The flat list of segments for one stretch or a routine of several.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    titles: Vec<String>,
    segments: Vec<Segment>,
}

impl Plan {
    /// All left holds, then all right holds, per step; `rest_seconds` between holds and
    /// `rest_between_steps` between stretches. Zero-second rests are left out, and no rest
    /// follows the final hold.
    pub fn new(steps: &[PlanStep], rest_between_steps: u16) -> Self {
        let mut segments: Vec<Segment> = Vec::new();
        for (step, s) in steps.iter().enumerate() {
            let sides: &[Option<Side>] = if s.each_side {
                &[Some(Side::Left), Some(Side::Right)]
            } else {
                &[None]
            };
            for &side in sides {
                for repetition in 1..=s.repetitions {
                    let rest = match segments.last() {
                        Some(prev) if prev.step == step => s.rest_seconds,
                        _ => rest_between_steps,
                    };
                    if let Some(mut segment) = segments.last().cloned().filter(|_| rest > 0) {
                        (segment.phase, segment.duration_ms) = (Phase::Rest, ms(rest));
                        segments.push(segment);
                    }
                    let (duration_ms, repetitions) = (ms(s.hold_seconds), s.repetitions);
                    segments.push(Segment {
                        phase: Phase::Hold,
                        step,
                        side,
                        repetition,
                        repetitions,
                        duration_ms,
                    });
                }
            }
        }
        Self {
            titles: steps.iter().map(|s| s.title.clone()).collect(),
            segments,
        }
    }

    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    pub fn total_ms(&self) -> u64 {
        self.start_of(self.segments.len())
    }

    /// How many stretches it plays.
    pub fn step_count(&self) -> usize {
        self.titles.len()
    }

    /// The step's title, or "" for an index out of range.
    pub fn title(&self, step: usize) -> &str {
        self.titles.get(step).map_or("", String::as_str)
    }

    /// What the countdown is for: "Left leg, 2 of 3", "2 of 3", "Hold",
    /// "Rest — next: Right leg, 1 of 3", "Rest — next: Wall calf stretch", or "Done".
    pub fn label(&self, index: usize) -> String {
        let Some(segment) = self.segments.get(index) else {
            return "Done".into();
        };
        match (segment.phase, self.segments.get(index + 1)) {
            (Phase::Hold, _) => hold_label(segment),
            (Phase::Rest, Some(next)) if next.step != segment.step => {
                format!("Rest — next: {}", self.title(next.step))
            }
            (Phase::Rest, Some(next)) => format!("Rest — next: {}", hold_label(next)),
            (Phase::Rest, None) => "Rest".into(),
        }
    }

    /// Plan time at which segment `index` begins (the total for `index >= len`).
    fn start_of(&self, index: usize) -> u64 {
        self.segments
            .iter()
            .take(index)
            .fold(0, |t, s| t.saturating_add(s.duration_ms))
    }

    /// The segment playing at `elapsed` and the time left in it; zero-length segments are
    /// passed over, and `(len, 0)` means the plan is over.
    fn locate(&self, elapsed: u64) -> (usize, u64) {
        let mut end = 0u64;
        for (index, segment) in self.segments.iter().enumerate() {
            end = end.saturating_add(segment.duration_ms);
            if elapsed < end {
                return (index, end - elapsed);
            }
        }
        (self.segments.len(), 0)
    }
}

fn hold_label(segment: &Segment) -> String {
    let (r, n) = (segment.repetition, segment.repetitions);
    match segment.side {
        Some(Side::Left) => format!("Left leg, {r} of {n}"),
        Some(Side::Right) => format!("Right leg, {r} of {n}"),
        None if n > 1 => format!("{r} of {n}"),
        None => "Hold".into(),
    }
}

fn ms(seconds: u16) -> u64 {
    u64::from(seconds) * 1000
}

/// `m:ss`, rounding up so a 30 s hold shows 0:30 at its start and 0:00 only at its end.
pub fn format_clock(ms: u64) -> String {
    let seconds = ms.div_ceil(1000);
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// Where playback is, in plan time (ms since the plan's start, excluding pauses).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum State {
    Idle,
    /// `elapsed_ms` of plan time had passed at timestamp `since_ms`.
    Running {
        elapsed_ms: u64,
        since_ms: f64,
    },
    Paused {
        elapsed_ms: u64,
    },
    Finished,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    Idle,
    Running,
    Paused,
    Finished,
}

/// What the UI shows at one instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub status: Status,
    /// Index into `Plan::segments`; equal to its length once finished.
    pub segment: usize,
    pub remaining_ms: u64,
    pub total_remaining_ms: u64,
}

impl Snapshot {
    /// True when playback moved on to a later segment, or finished, since `previous`:
    /// the moment to beep or vibrate once, even if a background gap crossed several.
    pub fn advanced_since(&self, previous: &Snapshot) -> bool {
        self.segment > previous.segment && matches!(self.status, Status::Running | Status::Finished)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timer {
    plan: Plan,
    state: State,
}

impl Timer {
    pub fn new(plan: Plan) -> Self {
        Self {
            plan,
            state: State::Idle,
        }
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn state(&self) -> State {
        self.state
    }

    /// Pure read; a running timer that has run past the end reports `Finished`.
    pub fn snapshot(&self, now_ms: f64) -> Snapshot {
        let total = self.plan.total_ms();
        let elapsed = self.elapsed(now_ms).min(total);
        let (segment, remaining_ms) = self.plan.locate(elapsed);
        let status = match self.state {
            State::Idle => Status::Idle,
            _ if elapsed >= total => Status::Finished,
            State::Running { .. } => Status::Running,
            State::Paused { .. } => Status::Paused,
            State::Finished => Status::Finished,
        };
        Snapshot {
            status,
            segment,
            remaining_ms,
            total_remaining_ms: total - elapsed,
        }
    }

    /// Plays from the first segment when idle or finished; otherwise does nothing.
    pub fn start(&mut self, now_ms: f64) {
        let status = self.snapshot(now_ms).status;
        if matches!(status, Status::Idle | Status::Finished) {
            self.seek(0, now_ms, true);
        }
    }

    pub fn pause(&mut self, now_ms: f64) {
        if let State::Running { .. } = self.state {
            self.seek(self.elapsed(now_ms), now_ms, false);
        }
    }

    pub fn resume(&mut self, now_ms: f64) {
        if let State::Paused { elapsed_ms } = self.state {
            self.seek(elapsed_ms, now_ms, true);
        }
    }

    /// Jumps to the start of the next segment, staying running or paused.
    pub fn skip(&mut self, now_ms: f64) {
        self.jump(now_ms, |_, index| index + 1);
    }

    /// Jumps to the first hold of the next stretch in a routine.
    pub fn skip_to_next_step(&mut self, now_ms: f64) {
        self.jump(now_ms, |plan, index| {
            let step = plan.segments.get(index).map(|s| s.step);
            let later = plan.segments.iter().skip(index + 1);
            index + 1 + later.take_while(|s| Some(s.step) == step).count()
        });
    }

    /// Back to idle at the first segment.
    pub fn restart(&mut self) {
        self.state = State::Idle;
    }

    fn elapsed(&self, now_ms: f64) -> u64 {
        match self.state {
            State::Idle => 0,
            // The cast saturates: a clock gone backwards (or NaN) counts as no time.
            State::Running {
                elapsed_ms,
                since_ms,
            } => elapsed_ms.saturating_add((now_ms - since_ms).max(0.0) as u64),
            State::Paused { elapsed_ms } => elapsed_ms,
            State::Finished => self.plan.total_ms(),
        }
    }

    fn jump(&mut self, now_ms: f64, next: impl Fn(&Plan, usize) -> usize) {
        let running = match self.state {
            State::Running { .. } => true,
            State::Paused { .. } => false,
            State::Idle | State::Finished => return,
        };
        let (index, _) = self.plan.locate(self.elapsed(now_ms));
        self.seek(self.plan.start_of(next(&self.plan, index)), now_ms, running);
    }

    fn seek(&mut self, elapsed_ms: u64, now_ms: f64, running: bool) {
        self.state = if elapsed_ms >= self.plan.total_ms() {
            State::Finished
        } else if running {
            State::Running {
                elapsed_ms,
                since_ms: now_ms,
            }
        } else {
            State::Paused { elapsed_ms }
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::{Finished, Idle, Paused, Running};

    fn step(title: &str, hold: u16, reps: u8, each_side: bool, rest: u16) -> PlanStep {
        let (hold_seconds, repetitions, rest_seconds) = (hold, reps, rest);
        let title = title.into();
        PlanStep {
            title,
            hold_seconds,
            repetitions,
            each_side,
            rest_seconds,
        }
    }

    /// 30 s x 3 on each leg with 10 s rests: 6 holds, 5 rests, 230 s.
    fn calf() -> Plan {
        Plan::new(&[step("Wall calf stretch", 30, 3, true, 10)], 0)
    }

    fn started(plan: Plan, now: f64) -> Timer {
        let mut timer = Timer::new(plan);
        timer.start(now);
        timer
    }

    /// Status, segment index and time left in it.
    fn at(timer: &Timer, now: f64) -> (Status, usize, u64) {
        let s = timer.snapshot(now);
        (s.status, s.segment, s.remaining_ms)
    }

    /// Holds as step, side (L, R, or B for both) and repetition; rests as seconds.
    fn shape(plan: &Plan) -> String {
        let code = |s: &Segment| match (s.phase, s.side) {
            (Phase::Rest, _) => format!("r{}", s.duration_ms / 1000),
            (Phase::Hold, Some(Side::Left)) => format!("{}L{}", s.step, s.repetition),
            (Phase::Hold, Some(Side::Right)) => format!("{}R{}", s.step, s.repetition),
            (Phase::Hold, None) => format!("{}B{}", s.step, s.repetition),
        };
        plan.segments()
            .iter()
            .map(code)
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn plan_has_sides_repetitions_and_rests_but_no_trailing_rest() {
        let plan = calf();
        assert_eq!(shape(&plan), "0L1 r10 0L2 r10 0L3 r10 0R1 r10 0R2 r10 0R3");
        assert_eq!(plan.total_ms(), 230_000);
        assert!(plan.segments().iter().all(|s| s.repetitions == 3));
        assert_eq!(plan.segments()[1].side, Some(Side::Left));
    }

    #[test]
    fn routine_rest_sits_between_steps_and_zero_rests_are_dropped() {
        let a = step("A", 20, 2, false, 0);
        let plan = Plan::new(
            &[a, step("None", 30, 0, true, 5), step("B", 10, 1, true, 5)],
            15,
        );
        assert_eq!(shape(&plan), "0B1 0B2 r15 2L1 r5 2R1");
        assert_eq!(
            plan.segments()[2].step,
            0,
            "a routine rest belongs to the step before"
        );
        assert_eq!(plan.total_ms(), 80_000);
        assert_eq!(Plan::new(&[], 15).total_ms(), 0);
    }

    #[test]
    fn countdown_at_start_middle_and_end_rounds_up() {
        let timer = started(Plan::new(&[step("Hamstring", 30, 1, false, 0)], 0), 1_000.0);
        let clock = |now: f64| format_clock(timer.snapshot(now).remaining_ms);
        assert_eq!(at(&timer, 1_000.0), (Running, 0, 30_000));
        assert_eq!(timer.snapshot(1_000.0).total_remaining_ms, 30_000);
        assert_eq!(
            [clock(1_000.0), clock(1_000.4), clock(1_001.0)],
            ["0:30"; 3]
        );
        assert_eq!(at(&timer, 16_000.0), (Running, 0, 15_000));
        assert_eq!(clock(30_999.0), "0:01");
        assert_eq!(at(&timer, 31_000.0), (Finished, 1, 0));
        assert_eq!(clock(31_000.0), "0:00");
        let clocks = [0, 1, 65_000, 720_000].map(format_clock);
        assert_eq!(clocks, ["0:00", "0:01", "1:05", "12:00"]);
    }

    #[test]
    fn long_pause_keeps_remaining_time() {
        let mut timer = started(calf(), 0.0);
        timer.pause(12_000.0);
        let paused = timer.snapshot(12_000.0);
        assert_eq!(at(&timer, 12_000.0), (Paused, 0, 18_000));
        assert_eq!(timer.snapshot(3_600_000.0), paused);
        timer.resume(3_600_000.0);
        assert_eq!(at(&timer, 3_605_000.0), (Running, 0, 13_000));
        assert_eq!(timer.snapshot(3_605_000.0).total_remaining_ms, 213_000);
    }

    #[test]
    fn background_gap_lands_in_the_right_segment() {
        let timer = started(calf(), 500.0);
        let before = timer.snapshot(500.0);
        // Segments end at 30, 40, 70, 80, 110 s: 95 s is 15 s into the third left hold.
        let after = timer.snapshot(95_500.0);
        assert_eq!(at(&timer, 95_500.0), (Running, 4, 15_000));
        assert_eq!(after.total_remaining_ms, 135_000);
        assert_eq!(timer.plan().label(after.segment), "Left leg, 3 of 3");
        assert!(after.advanced_since(&before));
        assert!(!after.advanced_since(&after));
    }

    #[test]
    fn gap_past_the_end_finishes() {
        let mut timer = started(calf(), 0.0);
        let done = timer.snapshot(36_000_000.0);
        assert_eq!(
            (done.status, done.segment, done.remaining_ms),
            (Finished, 11, 0)
        );
        assert_eq!(done.total_remaining_ms, 0);
        assert_eq!(timer.plan().label(done.segment), "Done");
        timer.pause(36_000_000.0);
        assert_eq!(timer.state(), State::Finished);
        timer.start(36_000_001.0);
        assert_eq!(at(&timer, 36_000_001.0), (Running, 0, 30_000));
    }

    #[test]
    fn skip_keeps_running_or_paused() {
        let mut timer = started(calf(), 0.0);
        timer.skip(5_000.0);
        assert_eq!(at(&timer, 7_000.0), (Running, 1, 8_000));
        timer.pause(7_000.0);
        timer.skip(8_000.0);
        assert_eq!(at(&timer, 100_000.0), (Paused, 2, 30_000));
        (0..8).for_each(|_| timer.skip(100_000.0));
        assert_eq!(at(&timer, 100_000.0), (Paused, 10, 30_000));
        timer.skip(100_000.0);
        assert_eq!(timer.state(), State::Finished);
        timer.skip(100_000.0);
        assert_eq!(timer.state(), State::Finished);
    }

    #[test]
    fn skip_to_next_step_starts_the_next_stretch() {
        let steps = [step("A", 10, 2, false, 5), step("B", 10, 1, false, 0)];
        let mut timer = started(Plan::new(&steps, 20), 0.0);
        assert_eq!(shape(timer.plan()), "0B1 r5 0B2 r20 1B1");
        timer.skip_to_next_step(1_000.0);
        assert_eq!(at(&timer, 1_000.0), (Running, 4, 10_000));
        timer.start(0.0);
        timer.restart();
        timer.start(0.0);
        (0..3).for_each(|_| timer.skip(0.0));
        assert_eq!(at(&timer, 0.0), (Running, 3, 20_000), "routine rest");
        timer.skip_to_next_step(0.0);
        assert_eq!(at(&timer, 0.0), (Running, 4, 10_000));
        timer.skip_to_next_step(0.0);
        assert_eq!(timer.state(), State::Finished);
    }

    #[test]
    fn restart_returns_to_idle_at_the_first_segment() {
        let mut timer = started(calf(), 0.0);
        timer.skip(1_000.0);
        timer.restart();
        assert_eq!(at(&timer, 50_000.0), (Idle, 0, 30_000));
        assert_eq!(timer.snapshot(50_000.0).total_remaining_ms, 230_000);
        timer.pause(50_000.0);
        timer.skip(50_000.0);
        assert_eq!(timer.state(), State::Idle);
        timer.start(60_000.0);
        assert_eq!(at(&timer, 70_000.0), (Running, 0, 20_000));
    }

    #[test]
    fn labels_name_side_repetition_and_what_comes_next() {
        let calf = step("Wall calf stretch", 30, 3, true, 10);
        let plan = Plan::new(
            &[
                calf,
                step("Quad", 30, 2, false, 10),
                step("Foot", 20, 1, false, 0),
            ],
            15,
        );
        let labels: Vec<_> = (0..=plan.segments().len()).map(|i| plan.label(i)).collect();
        assert_eq!(labels[0], "Left leg, 1 of 3");
        assert_eq!(labels[1], "Rest — next: Left leg, 2 of 3");
        assert_eq!(labels[2], "Left leg, 2 of 3");
        assert_eq!(labels[5], "Rest — next: Right leg, 1 of 3");
        assert_eq!(labels[10], "Right leg, 3 of 3");
        assert_eq!(labels[11], "Rest — next: Quad");
        assert_eq!(labels[12..15], ["1 of 2", "Rest — next: 2 of 2", "2 of 2"]);
        assert_eq!(labels[15..], ["Rest — next: Foot", "Hold", "Done"]);
        assert_eq!((plan.title(1), plan.title(9)), ("Quad", ""));
        let once = Plan::new(&[step("Calf", 30, 1, true, 0)], 0);
        assert_eq!(once.label(1), "Right leg, 1 of 1");
    }

    #[test]
    fn routine_of_three_steps_plays_to_finished_by_snapshots_alone() {
        let calf = step("Calf", 30, 2, true, 10);
        let plan = Plan::new(
            &[
                calf,
                step("Quad", 20, 2, false, 5),
                step("Foot", 15, 1, false, 0),
            ],
            20,
        );
        assert_eq!(
            shape(&plan),
            "0L1 r10 0L2 r10 0R1 r10 0R2 r20 1B1 r5 1B2 r20 2B1"
        );
        assert_eq!(plan.total_ms(), 250_000);
        let len = plan.segments().len();
        let timer = started(plan, 1_000.0);
        let (mut previous, mut now, mut entered) = (timer.snapshot(1_000.0), 1_000.0, vec![0]);
        while previous.status != Finished && now < 1_000_000.0 {
            now += 250.0;
            let s = timer.snapshot(now);
            assert!(s.total_remaining_ms <= previous.total_remaining_ms);
            if s.advanced_since(&previous) {
                entered.push(s.segment);
            }
            previous = s;
        }
        assert_eq!(now, 251_000.0);
        assert_eq!(
            entered,
            (0..=len).collect::<Vec<_>>(),
            "one cue per segment"
        );
    }

    #[test]
    fn clock_going_backwards_counts_as_no_time() {
        let mut timer = started(calf(), 10_000.0);
        assert_eq!(at(&timer, 5_000.0), (Running, 0, 30_000));
        assert_eq!(at(&timer, f64::NAN), (Running, 0, 30_000));
        timer.skip(12_000.0);
        assert_eq!(
            at(&timer, 0.0),
            (Running, 1, 10_000),
            "never back before a skip"
        );
        timer.pause(-1.0);
        timer.resume(-50.0);
        assert_eq!(at(&timer, -40.0), (Running, 1, 9_990));
    }

    #[test]
    fn zero_length_segments_are_passed_over() {
        let steps = [
            step("Nothing", 0, 2, true, 0),
            step("Quick", 5, 1, false, 0),
        ];
        let mut timer = started(Plan::new(&steps, 0), 0.0);
        assert_eq!(shape(timer.plan()), "0L1 0L2 0R1 0R2 1B1");
        assert_eq!(at(&timer, 0.0), (Running, 4, 5_000));
        timer.skip(0.0);
        assert_eq!(timer.state(), State::Finished);
        let mut empty = started(Plan::new(&[step("Nothing", 0, 3, false, 0)], 0), 0.0);
        assert_eq!(empty.state(), State::Finished);
        assert_eq!(at(&empty, 1e12), (Finished, 3, 0));
        empty.skip_to_next_step(1.0);
        assert_eq!(at(&Timer::new(Plan::default()), 0.0), (Idle, 0, 0));
    }
}
