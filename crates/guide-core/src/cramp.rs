//! Cramp now, without Leptos: what each tap does to the hold and the diary, and every word the
//! panel shows at an instant. The server renders the markup of every state (`cramp::now`), all
//! but the first hidden; the guide client keeps one [`CrampNow`] and shows its [`CrampScreen`].

use crate::diary::{format_duration, Change, Muscle, NewCramp, Relief, Side};
use crate::hold::{count_text, count_words, Found, Hold, KeptHold};

/// The attribute that names each part of Cramp now's markup (`data-cramp="count"`).
pub const CRAMP_PART: &str = "data-cramp";
/// On a muscle's choice and on its own parts of the hold (its steps, its drawing): its name.
pub const MUSCLE: &str = "data-muscle";
/// On a part shown in one status only: its [`Status::name`].
pub const WHEN: &str = "data-when";
/// On a chip: what it stands for (a side's or a relief's name, `yes` or `no`).
pub const VALUE: &str = "data-value";

/// The parts of Cramp now's markup that change, or that a tap acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CrampPart {
    /// The section: its `data-status` is the [`Status`].
    Root,
    /// "Where is the cramp?" and the muscles.
    Choosing,
    WhereHeading,
    /// A muscle's form: without the client it opens the muscle's hold page.
    Choice,
    /// A hold found kept long after it was last seen, offered for the diary.
    LeftRunning,
    LeftRunningHeading,
    LeftRunningLine,
    SaveLeftRunning,
    ForgetLeftRunning,
    LeftSaved,
    /// The hold, holding or eased.
    Hold,
    Title,
    Warning,
    Resumed,
    /// One muscle's steps or drawing.
    Way,
    Saved,
    Label,
    Count,
    Eased,
    Done,
    Tightened,
    Undo,
    Cancel,
    Side,
    Helped,
    Woke,
    Speech,
    Vibrate,
}

impl CrampPart {
    pub const ALL: [CrampPart; 28] = [
        CrampPart::Root,
        CrampPart::Choosing,
        CrampPart::WhereHeading,
        CrampPart::Choice,
        CrampPart::LeftRunning,
        CrampPart::LeftRunningHeading,
        CrampPart::LeftRunningLine,
        CrampPart::SaveLeftRunning,
        CrampPart::ForgetLeftRunning,
        CrampPart::LeftSaved,
        CrampPart::Hold,
        CrampPart::Title,
        CrampPart::Warning,
        CrampPart::Resumed,
        CrampPart::Way,
        CrampPart::Saved,
        CrampPart::Label,
        CrampPart::Count,
        CrampPart::Eased,
        CrampPart::Done,
        CrampPart::Tightened,
        CrampPart::Undo,
        CrampPart::Cancel,
        CrampPart::Side,
        CrampPart::Helped,
        CrampPart::Woke,
        CrampPart::Speech,
        CrampPart::Vibrate,
    ];

    /// Its value of [`CRAMP_PART`].
    pub const fn name(self) -> &'static str {
        match self {
            CrampPart::Root => "root",
            CrampPart::Choosing => "choosing",
            CrampPart::WhereHeading => "where-heading",
            CrampPart::Choice => "choice",
            CrampPart::LeftRunning => "left-running",
            CrampPart::LeftRunningHeading => "left-running-heading",
            CrampPart::LeftRunningLine => "left-running-line",
            CrampPart::SaveLeftRunning => "save-left-running",
            CrampPart::ForgetLeftRunning => "forget-left-running",
            CrampPart::LeftSaved => "left-saved",
            CrampPart::Hold => "hold",
            CrampPart::Title => "title",
            CrampPart::Warning => "warning",
            CrampPart::Resumed => "resumed",
            CrampPart::Way => "way",
            CrampPart::Saved => "saved",
            CrampPart::Label => "label",
            CrampPart::Count => "count",
            CrampPart::Eased => "eased",
            CrampPart::Done => "done",
            CrampPart::Tightened => "tightened",
            CrampPart::Undo => "undo",
            CrampPart::Cancel => "cancel",
            CrampPart::Side => "side",
            CrampPart::Helped => "helped",
            CrampPart::Woke => "woke",
            CrampPart::Speech => "speech",
            CrampPart::Vibrate => "vibrate",
        }
    }

    pub fn from_name(name: &str) -> Option<CrampPart> {
        CrampPart::ALL.into_iter().find(|part| part.name() == name)
    }
}

/// Where Cramp now is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Choosing,
    Holding,
    Eased,
}

impl Status {
    /// The root's `data-status`, and the [`WHEN`] of parts shown in this status only.
    pub const fn name(self) -> &'static str {
        match self {
            Status::Choosing => "choosing",
            Status::Holding => "holding",
            Status::Eased => "eased",
        }
    }
}

/// `yes` and `no`, as the "Did it wake you?" chips say them in [`VALUE`].
pub const fn answer_name(answer: bool) -> &'static str {
    if answer {
        "yes"
    } else {
        "no"
    }
}

/// One cramp as Cramp now follows it, from the tap on where it is to "Done".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CrampNow {
    pub muscle: Option<Muscle>,
    pub hold: Option<Hold>,
    pub side: Option<Side>,
    pub helped: Vec<Relief>,
    pub woke: Option<bool>,
    /// The diary entry this cramp was saved as.
    pub saved: Option<u64>,
    /// Picked up again after a reload or a closed tab: the title asks "Still cramping?".
    pub resumed: bool,
    /// A hold found kept long after it was last seen, with how long it lasted at least.
    pub left_running: Option<(KeptHold, u32)>,
    pub left_saved: bool,
    /// Why the last change to the diary was not saved.
    pub not_saved: Option<String>,
}

/// The choice after a tap on `picked`: it, or none when it was the choice already.
fn toggled<T: PartialEq + Copy>(current: Option<T>, picked: T) -> Option<T> {
    (current != Some(picked)).then_some(picked)
}

impl CrampNow {
    pub fn status(&self) -> Status {
        match self.hold {
            None => Status::Choosing,
            Some(hold) if hold.is_holding() => Status::Holding,
            Some(_) => Status::Eased,
        }
    }

    /// A tap on where the cramp is: a new hold begins.
    pub fn choose(&mut self, muscle: Muscle, now_ms: f64) {
        self.side = None;
        self.saved = None;
        self.resumed = false;
        self.begin(muscle, Hold::start(now_ms));
    }

    fn begin(&mut self, muscle: Muscle, hold: Hold) {
        self.helped.clear();
        self.woke = None;
        self.left_running = None;
        self.not_saved = None;
        self.muscle = Some(muscle);
        self.hold = Some(hold);
    }

    /// A hold found kept when the page opened.
    pub fn found(&mut self, found: Found) {
        match found {
            Found::StillCramping(kept) => {
                self.side = kept.side;
                self.saved = kept.saved;
                self.resumed = true;
                self.begin(kept.muscle, kept.hold);
            }
            Found::LeftRunning { kept, seconds } => self.left_running = Some((kept, seconds)),
        }
    }

    /// "It has eased": the cramp goes in the diary.
    pub fn ease(&mut self, now_ms: f64) -> Option<Change> {
        self.hold.as_mut()?.ease(now_ms);
        self.record(now_ms)
    }

    /// "It tightened again": the same cramp, held again.
    pub fn tighten(&mut self) {
        if let Some(hold) = self.hold.as_mut() {
            hold.tighten_again();
        }
    }

    /// "Done", or "Cancel: not a cramp" while holding (nothing was saved yet).
    pub fn finish(&mut self) {
        self.hold = None;
        self.muscle = None;
        self.resumed = false;
    }

    /// "Undo: not a cramp": out of the diary again.
    pub fn undo(&mut self) -> Option<Change> {
        let change = self.saved.take().map(Change::Remove);
        self.finish();
        change
    }

    /// A tap on a side: chosen, or unchosen when it was.
    pub fn pick_side(&mut self, side: Side, now_ms: f64) -> Option<Change> {
        self.side = toggled(self.side, side);
        self.record(now_ms)
    }

    pub fn toggle_helped(&mut self, relief: Relief, now_ms: f64) -> Option<Change> {
        match self.helped.iter().position(|r| *r == relief) {
            Some(at) => {
                self.helped.remove(at);
            }
            None => self.helped.push(relief),
        }
        self.record(now_ms)
    }

    pub fn toggle_woke(&mut self, answer: bool, now_ms: f64) -> Option<Change> {
        self.woke = toggled(self.woke, answer);
        self.record(now_ms)
    }

    /// What became of the last change: the entry it was saved as, or why it was not.
    pub fn saved_as(&mut self, outcome: Result<Option<u64>, String>) {
        match outcome {
            Ok(id) => {
                self.saved = id;
                self.not_saved = None;
            }
            Err(problem) => self.not_saved = Some(problem),
        }
    }

    /// "Save it in your diary" for a hold left running: as long as it was last seen.
    pub fn save_left_running(&self) -> Option<Change> {
        let (kept, seconds) = self.left_running?;
        Some(Change::Put {
            saved: kept.saved,
            cramp: timed_cramp(kept.muscle, kept.hold, seconds, kept.side),
        })
    }

    /// What became of saving a hold left running: the offer goes once it is in the diary, and
    /// stays, with the reason, when it could not be saved.
    pub fn left_running_saved(&mut self, outcome: Result<(), String>) {
        match outcome {
            Ok(()) => {
                self.left_running = None;
                self.left_saved = true;
                self.not_saved = None;
            }
            Err(problem) => self.not_saved = Some(problem),
        }
    }

    pub fn forget_left_running(&mut self) {
        self.left_running = None;
    }

    /// What the device keeps while the hold runs; nothing once it eased or was not a cramp.
    pub fn kept(&self, now_ms: f64) -> Option<KeptHold> {
        let hold = self.hold.filter(Hold::is_holding)?;
        Some(KeptHold {
            muscle: self.muscle?,
            hold,
            side: self.side,
            saved: self.saved,
            seen_ms: now_ms,
        })
    }

    /// What is known about an eased cramp, for the diary: a new entry the first time it eases,
    /// the same entry afterwards.
    fn record(&self, now_ms: f64) -> Option<Change> {
        let hold = self.hold.filter(|h| !h.is_holding())?;
        let cramp = NewCramp {
            helped: self.helped.clone(),
            woke: self.woke,
            ..timed_cramp(self.muscle?, hold, hold.seconds(now_ms), self.side)
        };
        Some(Change::Put {
            saved: self.saved,
            cramp,
        })
    }

    /// Every word the panel shows at `now_ms`.
    pub fn screen(&self, now_ms: f64) -> CrampScreen {
        let status = self.status();
        let seconds = self.hold.map_or(0, |h| h.seconds(now_ms));
        let label = self.muscle.map_or("", Muscle::label);
        let title = match (status, self.resumed) {
            (Status::Choosing, _) => String::new(),
            (Status::Holding, true) => format!("{label}: still cramping?"),
            (Status::Holding, false) => format!("{label}: hold one gentle stretch"),
            (Status::Eased, _) => format!("{label}: it has eased"),
        };
        let lasted = format_duration(seconds);
        let saved = match (&self.not_saved, self.saved) {
            (Some(problem), _) => problem.clone(),
            (None, Some(_)) => format!("Eased after {lasted}. Saved in your diary."),
            (None, None) => format!("Eased after {lasted}."),
        };
        CrampScreen {
            status,
            title,
            warning: self.hold.is_some_and(|h| h.is_a_warning(now_ms)),
            resumed: format!(
                "Counted from when you first tapped {label}. Keep holding, or tap It has eased."
            ),
            label: if status == Status::Eased {
                "It lasted"
            } else {
                "Holding for"
            },
            count: count_text(seconds),
            count_words: count_words(seconds),
            saved,
            left_saved: if self.left_saved {
                Some("Saved in your diary.".to_string())
            } else {
                self.left_running.and(self.not_saved.clone())
            },
            left_running: self.left_running.map(|(kept, seconds)| {
                (
                    format!(
                        "A cramp in your {} was left running",
                        kept.muscle.in_words()
                    ),
                    format!(
                        "The page was closed while you held it. It lasted at least {}.",
                        format_duration(seconds)
                    ),
                )
            }),
        }
    }
}

/// A cramp timed here, as the diary keeps it: held with a stretch, `seconds` long.
fn timed_cramp(muscle: Muscle, hold: Hold, seconds: u32, side: Option<Side>) -> NewCramp {
    NewCramp {
        id: (),
        start_ms: hold.started_ms as i64,
        seconds,
        muscle,
        side,
        tried: vec![Relief::Stretch],
        helped: Vec::new(),
        woke: None,
        by_hand: false,
    }
}

/// Everything Cramp now shows at one instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrampScreen {
    pub status: Status,
    pub title: String,
    /// The cramp has lasted long enough to be a warning sign.
    pub warning: bool,
    /// The hint under a hold picked up again.
    pub resumed: String,
    /// "Holding for" or "It lasted".
    pub label: &'static str,
    pub count: String,
    /// The count for a screen reader.
    pub count_words: String,
    /// What became of the eased cramp.
    pub saved: String,
    /// A hold left running: its heading and what it lasted.
    pub left_running: Option<(String, String)>,
    /// What became of saving a hold left running.
    pub left_saved: Option<String>,
}

/// What the device says as a hold begins (with speech on).
pub fn started_words(muscle: Muscle) -> String {
    format!(
        "Hold one gentle stretch of your {}. Tap It has eased when it lets go.",
        muscle.in_words()
    )
}

/// Said every [`crate::hold::CUE_EVERY_SECONDS`] while holding.
pub const KEEP_HOLDING_WORDS: &str = "Keep holding, gently.";

/// Said once, when the hold becomes a warning sign.
pub const WARNING_WORDS: &str = "It has lasted ten minutes. Read the warning on the screen.";

#[cfg(test)]
mod tests {
    use super::*;

    fn put(change: Option<Change>) -> (Option<u64>, NewCramp) {
        match change {
            Some(Change::Put { saved, cramp }) => (saved, cramp),
            other => panic!("expected a put, got {other:?}"),
        }
    }

    #[test]
    fn a_tap_holds_and_it_has_eased_saves_the_whole_cramp() {
        let mut now = CrampNow::default();
        assert_eq!(now.status(), Status::Choosing);
        now.choose(Muscle::Calf, 1_000.0);
        assert_eq!(
            now.pick_side(Side::Right, 2_000.0),
            None,
            "nothing saved while holding"
        );
        let screen = now.screen(66_000.0);
        assert_eq!(screen.status, Status::Holding);
        assert_eq!(screen.title, "Calf: hold one gentle stretch");
        assert_eq!(screen.count, "1:05");
        assert_eq!(screen.label, "Holding for");
        let (saved, cramp) = put(now.ease(66_000.0));
        assert_eq!(saved, None);
        assert_eq!(cramp.seconds, 65);
        assert_eq!(cramp.start_ms, 1_000);
        assert_eq!(cramp.side, Some(Side::Right));
        assert_eq!(cramp.tried, [Relief::Stretch]);
        now.saved_as(Ok(Some(4)));
        let screen = now.screen(500_000.0);
        assert_eq!(screen.title, "Calf: it has eased");
        assert_eq!(screen.label, "It lasted");
        assert_eq!(screen.saved, "Eased after 1 min 5 s. Saved in your diary.");
        let (saved, cramp) = put(now.toggle_woke(true, 500_000.0));
        assert_eq!(
            (saved, cramp.woke, cramp.seconds),
            (Some(4), Some(true), 65)
        );
        assert_eq!(now.undo(), Some(Change::Remove(4)));
        assert_eq!(now.status(), Status::Choosing);
    }

    #[test]
    fn a_refused_save_is_said_where_the_saved_line_was() {
        let mut now = CrampNow::default();
        now.choose(Muscle::Foot, 0.0);
        now.ease(20_000.0);
        now.saved_as(Err("Not saved: full".into()));
        assert_eq!(now.screen(20_000.0).saved, "Not saved: full");
        assert_eq!(now.saved, None);
    }

    #[test]
    fn a_hold_picked_up_again_asks_still_cramping_and_keeps_its_side_and_entry() {
        let kept = KeptHold {
            muscle: Muscle::ThighBack,
            hold: Hold::start(0.0),
            side: Some(Side::Left),
            saved: Some(3),
            seen_ms: 60_000.0,
        };
        let mut now = CrampNow::default();
        now.found(Found::StillCramping(kept));
        assert_eq!(now.screen(70_000.0).title, "Back of thigh: still cramping?");
        assert_eq!(
            now.kept(70_000.0).map(|k| (k.side, k.saved)),
            Some((Some(Side::Left), Some(3)))
        );
        let (saved, _) = put(now.ease(80_000.0));
        assert_eq!(saved, Some(3), "the same diary entry");
        assert_eq!(now.kept(80_000.0), None, "an eased hold is not kept");
    }

    #[test]
    fn a_hold_left_running_is_saved_as_long_as_it_was_seen() {
        let kept = KeptHold {
            muscle: Muscle::Calf,
            hold: Hold::start(0.0),
            side: Some(Side::Right),
            saved: None,
            seen_ms: 125_000.0,
        };
        let mut now = CrampNow::default();
        now.found(Found::LeftRunning { kept, seconds: 125 });
        assert_eq!(now.status(), Status::Choosing);
        let (heading, line) = now.screen(0.0).left_running.expect("offered");
        assert_eq!(heading, "A cramp in your calf was left running");
        assert_eq!(
            line,
            "The page was closed while you held it. It lasted at least 2 min 5 s."
        );
        let (_, cramp) = put(now.save_left_running());
        assert_eq!((cramp.seconds, cramp.side), (125, Some(Side::Right)));
        now.left_running_saved(Err("Not saved: full".into()));
        let screen = now.screen(0.0);
        assert!(screen.left_running.is_some(), "still offered");
        assert_eq!(screen.left_saved.as_deref(), Some("Not saved: full"));
        now.left_running_saved(Ok(()));
        assert_eq!(
            now.screen(0.0).left_saved.as_deref(),
            Some("Saved in your diary.")
        );
        assert_eq!(now.save_left_running(), None, "saved once");
    }

    #[test]
    fn tightening_again_goes_on_with_the_same_count() {
        let mut now = CrampNow::default();
        now.choose(Muscle::Calf, 0.0);
        now.ease(40_000.0);
        now.tighten();
        assert_eq!(now.status(), Status::Holding);
        assert_eq!(now.screen(66_000.0).count, "1:06");
        assert!(now.screen(601_000.0).warning);
    }

    #[test]
    fn every_part_has_its_own_name() {
        for part in CrampPart::ALL {
            assert_eq!(CrampPart::from_name(part.name()), Some(part));
        }
    }
}
