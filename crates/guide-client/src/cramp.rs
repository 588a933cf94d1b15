//! Cramp now's client. The server renders every state of the panel (`cramp::now`); this keeps one
//! `guide_core::cramp::CrampNow`, turns each tap into a change of it, and shows it: which parts
//! are hidden, the words of its `CrampScreen`, which chips are pressed. The running hold is kept
//! on the device, the eased cramp goes into the stored diary, focus follows each step, and the
//! cues (vibration, spoken words) and the screen's wake lock go with the hold.

use crate::{find_parts, listen, listen_for_return, wire_cue_box};
use guide_core::{
    browser,
    cramp::{
        answer_name, started_words, CrampNow, CrampPart, CrampScreen, Status, CRAMP_PART,
        KEEP_HOLDING_WORDS, MUSCLE, VALUE, WARNING_WORDS, WHEN,
    },
    diary::{self, Change, Muscle, Relief, Side, DIARY_KEY},
    hold::{crossed, Hold, KeptHold, HOLD_KEY, SEEN_EVERY_SECONDS},
    Cues, NOT_SAVED,
};
use std::{
    cell::{Cell, RefCell},
    rc::Rc,
};
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{Element, HtmlElement};

/// Often enough that the seconds never visibly lag; the time itself comes from timestamps.
const TICK_MS: i32 = 250;

/// Reads one of a screen's words.
type Words = fn(&CrampScreen) -> &str;
/// Whether a chip's value is chosen.
type IsPressed<'a> = dyn Fn(&str) -> bool + 'a;

/// One Cramp now panel on the page.
struct Panel {
    root: Element,
    parts: Vec<(CrampPart, Element)>,
    /// The parts shown in one status only (`data-when`), with the muscle they belong to.
    whens: Vec<(Element, String, Option<String>)>,
    cramp: CrampNow,
    /// When the clock was last read.
    now_ms: f64,
    /// The status on screen; None before the first render.
    shown: Option<Status>,
    /// A hold has been on screen: "Where is the cramp?" takes focus when one ends.
    hold_seen: bool,
    screen: Option<CrampScreen>,
    cues: Rc<Cell<Cues>>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

impl Panel {
    fn each(&self, part: CrampPart) -> impl Iterator<Item = &Element> {
        self.parts
            .iter()
            .filter(move |(p, _)| *p == part)
            .map(|(_, element)| element)
    }

    fn show(&self, part: CrampPart, shown: bool) {
        for element in self.each(part) {
            let _ = element.toggle_attribute_with_force("hidden", !shown);
        }
    }

    fn write_text(&self, part: CrampPart, text: &str) {
        for element in self.each(part) {
            element.set_text_content(Some(text));
        }
    }

    /// Brings the words up to the clock: only those that changed.
    fn show_words(&mut self) {
        let screen = self.cramp.screen(self.now_ms);
        let shown = self.screen.take();
        let changed = |read: fn(&CrampScreen) -> &str| {
            shown.as_ref().is_none_or(|s| read(s) != read(&screen))
        };
        let texts: [(CrampPart, Words); 5] = [
            (CrampPart::Title, |s| &s.title),
            (CrampPart::Resumed, |s| &s.resumed),
            (CrampPart::Saved, |s| &s.saved),
            (CrampPart::Label, |s| s.label),
            (CrampPart::Count, |s| &s.count),
        ];
        for (part, read) in texts {
            if changed(read) {
                self.write_text(part, read(&screen));
            }
        }
        if changed(|s| &s.count_words) {
            for element in self.each(CrampPart::Count) {
                let _ = element.set_attribute("aria-label", &screen.count_words);
            }
        }
        if shown
            .as_ref()
            .is_none_or(|s| s.left_running != screen.left_running)
        {
            if let Some((heading, line)) = &screen.left_running {
                self.write_text(CrampPart::LeftRunningHeading, heading);
                self.write_text(CrampPart::LeftRunningLine, line);
            }
        }
        if shown
            .as_ref()
            .is_none_or(|s| s.left_saved != screen.left_saved)
        {
            if let Some(said) = &screen.left_saved {
                self.write_text(CrampPart::LeftSaved, said);
            }
        }
        self.show(
            CrampPart::LeftSaved,
            screen.status == Status::Choosing && screen.left_saved.is_some(),
        );
        self.show(CrampPart::Warning, screen.warning);
        self.screen = Some(screen);
    }

    /// Shows the panel as the cramp now is: its parts, its words, its chips, and focus on the
    /// heading of a new step.
    fn render(&mut self) {
        let status = self.cramp.status();
        let choosing = status == Status::Choosing;
        let _ = self.root.set_attribute("data-status", status.name());
        self.show(CrampPart::Choosing, choosing);
        self.show(CrampPart::Hold, !choosing);
        self.show(
            CrampPart::LeftRunning,
            choosing && self.cramp.left_running.is_some(),
        );
        self.show(
            CrampPart::Resumed,
            status == Status::Holding && self.cramp.resumed,
        );
        let muscle = self.cramp.muscle.map(Muscle::name);
        for (element, when, belongs_to) in &self.whens {
            let shown =
                when == status.name() && belongs_to.as_deref().is_none_or(|m| Some(m) == muscle);
            let _ = element.toggle_attribute_with_force("hidden", !shown);
        }
        let pressed: [(CrampPart, &IsPressed); 3] = [
            (CrampPart::Side, &|v| {
                self.cramp.side.map(Side::name) == Some(v)
            }),
            (CrampPart::Helped, &|v| {
                self.cramp.helped.iter().any(|r| r.name() == v)
            }),
            (CrampPart::Woke, &|v| {
                self.cramp.woke.map(answer_name) == Some(v)
            }),
        ];
        for (part, is_pressed) in pressed {
            for chip in self.each(part) {
                let on = chip.get_attribute(VALUE).is_some_and(|v| is_pressed(&v));
                let _ = chip.set_attribute("aria-pressed", if on { "true" } else { "false" });
            }
        }
        self.show_words();

        if self.shown != Some(status) {
            let first = self.shown.is_none();
            self.shown = Some(status);
            browser::keep_awake(status == Status::Holding);
            // Each time the hold starts, eases or ends (or comes back after a reload), its
            // heading takes focus and the top of the screen, so a screen reader says what comes
            // next and the controls sit within thumb reach; "Where is the cramp?" once a hold
            // has ended, never when the page loads.
            if !choosing || (self.hold_seen && !first) {
                let heading = if choosing {
                    CrampPart::WhereHeading
                } else {
                    CrampPart::Title
                };
                if let Some(heading) = self.each(heading).next() {
                    bring_to_top(heading);
                }
            }
            self.hold_seen |= !choosing;
        }
    }

    /// Writes the running hold to the device, or forgets it. A refused write leaves the hold on
    /// screen: only a reload would lose it.
    fn keep(&self) {
        let kept: Option<KeptHold> = self.cramp.kept(self.now_ms);
        if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(&kept)) {
            let _ = storage.set_item(HOLD_KEY, &text);
        }
    }

    /// Applies a change to the stored diary, read afresh (another window may have written it).
    fn write(change: Change) -> Result<Option<u64>, String> {
        let storage = storage().ok_or_else(|| NOT_SAVED.to_string())?;
        let stored = storage
            .get_item(DIARY_KEY)
            .ok()
            .flatten()
            .unwrap_or_default();
        let (text, id) = diary::change(&stored, change).map_err(|err| err.to_string())?;
        storage
            .set_item(DIARY_KEY, &text)
            .map_err(|_| NOT_SAVED.to_string())?;
        Ok(id)
    }

    /// Saves what a tap changed about this cramp, and says how that went.
    fn record(&mut self, change: Option<Change>) {
        if let Some(change) = change {
            self.cramp.saved_as(Self::write(change));
        }
    }

    /// A tap on one of the panel's controls.
    fn act(&mut self, part: CrampPart, value: Option<String>) {
        self.now_ms = js_sys::Date::now();
        let now = self.now_ms;
        match part {
            CrampPart::Choice => {
                let Some(muscle) = value.as_deref().and_then(Muscle::from_name) else {
                    return;
                };
                self.cramp.choose(muscle, now);
                self.say(&started_words(muscle));
            }
            CrampPart::Eased => {
                let change = self.cramp.ease(now);
                self.record(change);
            }
            CrampPart::Tightened => {
                self.cramp.tighten();
                if let Some(muscle) = self.cramp.muscle {
                    self.say(&started_words(muscle));
                }
            }
            CrampPart::Done | CrampPart::Cancel => self.cramp.finish(),
            CrampPart::Undo => {
                let change = self.cramp.undo();
                self.record(change);
            }
            CrampPart::Side => {
                let Some(side) = value.as_deref().and_then(Side::from_name) else {
                    return;
                };
                let change = self.cramp.pick_side(side, now);
                self.record(change);
            }
            CrampPart::Helped => {
                let Some(relief) = value.as_deref().and_then(Relief::from_name) else {
                    return;
                };
                let change = self.cramp.toggle_helped(relief, now);
                self.record(change);
            }
            CrampPart::Woke => {
                let answer = value.as_deref() == Some(answer_name(true));
                let change = self.cramp.toggle_woke(answer, now);
                self.record(change);
            }
            CrampPart::SaveLeftRunning => {
                if let Some(change) = self.cramp.save_left_running() {
                    // A hold from an earlier visit: the id it gets is not this cramp's.
                    let outcome = Self::write(change).map(|_| ());
                    self.cramp.left_running_saved(outcome);
                }
            }
            CrampPart::ForgetLeftRunning => self.cramp.forget_left_running(),
            _ => return,
        }
        self.keep();
        self.render();
    }

    /// The clock moved on while holding: the count, a cue each half minute, a spoken word when
    /// it becomes a warning sign, and now and then a note that the page is still open.
    fn tick(&mut self) {
        let Some(hold) = self.cramp.hold.filter(Hold::is_holding) else {
            return;
        };
        let before = self.now_ms;
        self.now_ms = js_sys::Date::now();
        let whole_seconds = |ms: f64| (ms / 1000.0) as u64;
        if crossed(
            SEEN_EVERY_SECONDS,
            whole_seconds(before),
            whole_seconds(self.now_ms),
        ) {
            self.keep();
        }
        if hold.is_a_warning(self.now_ms) && !hold.is_a_warning(before) {
            self.cue(WARNING_WORDS);
        } else if Hold::cue_due(hold.seconds(before), hold.seconds(self.now_ms)) {
            self.cue(KEEP_HOLDING_WORDS);
        }
        self.show_words();
    }

    fn cue(&self, words: &str) {
        if self.cues.get().vibrate {
            browser::vibrate();
        }
        self.say(words);
    }

    fn say(&self, words: &str) {
        if self.cues.get().speech {
            browser::say(words);
        }
    }
}

/// Scrolls `element` to the top of the screen and focuses it, without a smooth scroll that could
/// make someone feel sick.
fn bring_to_top(element: &Element) {
    element.scroll_into_view_with_bool(true);
    if let Some(element) = element.dyn_ref::<HtmlElement>() {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = element.focus_with_options(&options);
    }
}

/// The hold the device kept from an earlier visit, if any.
fn kept_hold() -> Option<KeptHold> {
    let text = storage()?.get_item(HOLD_KEY).ok().flatten()?;
    serde_json::from_str::<Option<KeptHold>>(&text)
        .ok()
        .flatten()
}

pub fn wire(root: Element) {
    let parts = find_parts(&root, CRAMP_PART, CrampPart::from_name);
    let mut whens = Vec::new();
    if let Ok(found) = root.query_selector_all(&format!("[{WHEN}]")) {
        for index in 0..found.length() {
            if let Some(element) = found.item(index).and_then(|n| n.dyn_into::<Element>().ok()) {
                let when = element.get_attribute(WHEN).unwrap_or_default();
                let muscle = element.get_attribute(MUSCLE);
                whens.push((element, when, muscle));
            }
        }
    }
    let now_ms = js_sys::Date::now();
    let mut cramp = CrampNow::default();
    if let Some(found) = kept_hold().and_then(|kept| kept.found(now_ms)) {
        cramp.found(found);
    }
    let cues = Rc::new(Cell::new(browser::load_cues()));
    let panel = Rc::new(RefCell::new(Panel {
        root: root.clone(),
        parts,
        whens,
        cramp,
        now_ms,
        shown: None,
        hold_seen: false,
        screen: None,
        cues: Rc::clone(&cues),
    }));
    panel.borrow_mut().render();

    let controls = panel.borrow().parts.clone();
    for (part, element) in controls {
        let panel = Rc::clone(&panel);
        match part {
            CrampPart::Speech => wire_cue_box(&element, &cues, |c| &mut c.speech),
            CrampPart::Vibrate => wire_cue_box(&element, &cues, |c| &mut c.vibrate),
            // A muscle's form opens its hold page without the client; with it, the hold
            // starts here.
            CrampPart::Choice => {
                let muscle = element.get_attribute(MUSCLE);
                listen(
                    &element,
                    "submit",
                    Box::new(move |event: web_sys::Event| {
                        event.prevent_default();
                        panel.borrow_mut().act(part, muscle.clone());
                    }),
                )
            }
            CrampPart::Eased
            | CrampPart::Done
            | CrampPart::Tightened
            | CrampPart::Undo
            | CrampPart::Cancel
            | CrampPart::Side
            | CrampPart::Helped
            | CrampPart::Woke
            | CrampPart::SaveLeftRunning
            | CrampPart::ForgetLeftRunning => {
                let value = element.get_attribute(VALUE);
                listen(
                    &element,
                    "click",
                    Box::new(move |_| panel.borrow_mut().act(part, value.clone())),
                )
            }
            // The parts the panel shows and rewrites: nothing to tap.
            _ => {}
        }
    }

    let Some(window) = web_sys::window() else {
        return;
    };
    let ticking = Rc::clone(&panel);
    let tick = Closure::<dyn FnMut()>::new(move || ticking.borrow_mut().tick());
    let _ = window.set_interval_with_callback_and_timeout_and_arguments_0(
        tick.as_ref().unchecked_ref(),
        TICK_MS,
    );
    // The page's own lifetime: the panel lives as long as it does.
    tick.forget();
    let returning = Rc::clone(&panel);
    listen_for_return(move || returning.borrow().cramp.status() == Status::Holding);
    let _ = root.set_attribute("data-hydrated", "");
}
