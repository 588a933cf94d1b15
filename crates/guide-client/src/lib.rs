//! The guide pages' client. The server renders a guide's markup in its first state, with every
//! stretch's drawing and steps (`stretches::guide::StretchGuide`); this finds each guide by its
//! parts (`guide_core::Part`), plays its plan against the clock, and rewrites only the words
//! that changed, with the same `guide_core::Screen` the server rendered. A cue sounds or buzzes
//! at each change, and the screen stays on while it runs.

use guide_core::{
    browser, status_name,
    timer::{Plan, Snapshot, Status, Timer},
    Cues, Part, Screen, PART, PLAN,
};
use std::{cell::RefCell, rc::Rc};
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{Element, HtmlInputElement};

/// Often enough that the seconds never visibly lag; the time itself comes from timestamps.
const TICK_MS: i32 = 200;

/// Finds every guide on the page and wires it; runs as soon as the module is instantiated.
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(roots) = document.query_selector_all(&selector(Part::Root)) else {
        return;
    };
    for index in 0..roots.length() {
        if let Some(root) = roots
            .item(index)
            .and_then(|node| node.dyn_into::<Element>().ok())
        {
            wire(root);
        }
    }
}

fn selector(part: Part) -> String {
    format!("[{PART}=\"{}\"]", part.name())
}

/// Reads one of a screen's words.
type Words = fn(&Screen) -> &str;

/// One guide on the page: its timer, the parts it rewrites, and what they show now.
struct Guide {
    root: Element,
    timer: Timer,
    parts: Vec<(Part, Element)>,
    /// What the page shows; None until the first render.
    shown: Option<Screen>,
    snapshot: Snapshot,
    cues: Cues,
}

impl Guide {
    /// The elements of one part, in document order.
    fn each(&self, part: Part) -> impl Iterator<Item = &Element> {
        self.parts
            .iter()
            .filter(move |(p, _)| *p == part)
            .map(|(_, element)| element)
    }

    /// Brings the page up to the timer at `now_ms`: a cue when it moved on, the wake lock when
    /// it starts or stops, and only the words that changed.
    fn render(&mut self, now_ms: f64) {
        let snapshot = self.timer.snapshot(now_ms);
        if snapshot.advanced_since(&self.snapshot) {
            cue(self.cues);
        }
        self.snapshot = snapshot;
        let screen = Screen::of(&self.timer, now_ms);
        let shown = self.shown.take();
        let changed =
            |read: fn(&Screen) -> &str| shown.as_ref().is_none_or(|s| read(s) != read(&screen));
        if shown.as_ref().is_none_or(|s| s.status != screen.status) {
            let _ = self
                .root
                .set_attribute("data-status", status_name(screen.status));
            browser::keep_awake(screen.status == Status::Running);
        }
        let texts: [(Part, Words); 6] = [
            (Part::Title, |s| &s.title),
            (Part::Count, |s| s.count.as_deref().unwrap_or_default()),
            (Part::Label, |s| &s.label),
            (Part::Countdown, |s| &s.countdown),
            (Part::Total, |s| &s.total),
            (Part::Primary, |s| s.primary),
        ];
        for (part, read) in texts {
            if changed(read) {
                for element in self.each(part) {
                    element.set_text_content(Some(read(&screen)));
                }
            }
        }
        if shown.as_ref().is_none_or(|s| s.step != screen.step) {
            for (index, element) in self.each(Part::Step).enumerate() {
                let _ = element.toggle_attribute_with_force("hidden", index != screen.step);
            }
        }
        self.shown = Some(screen);
    }

    /// A tap on one of the controls.
    fn act(&mut self, part: Part) {
        let now_ms = js_sys::Date::now();
        match part {
            Part::Primary => {
                // Sound has to be allowed during a tap, before the first cue needs it.
                if self.cues.sound {
                    browser::prepare_sound();
                }
                match self.timer.snapshot(now_ms).status {
                    Status::Idle | Status::Finished => self.timer.start(now_ms),
                    Status::Running => self.timer.pause(now_ms),
                    Status::Paused => self.timer.resume(now_ms),
                }
            }
            Part::Skip => self.timer.skip(now_ms),
            Part::NextStretch => self.timer.skip_to_next_step(now_ms),
            Part::Restart => self.timer.restart(),
            _ => return,
        }
        self.render(now_ms);
    }

    /// A cue's checkbox changed: the choice applies now and is kept on the device.
    fn choose(&mut self, part: Part, on: bool) {
        match part {
            Part::Sound => self.cues.sound = on,
            Part::Vibrate => self.cues.vibrate = on,
            _ => return,
        }
        browser::store_cues(self.cues);
    }

    /// The checkboxes show the device's choices (the server rendered the defaults).
    fn show_cues(&self) {
        for (part, on) in [
            (Part::Sound, self.cues.sound),
            (Part::Vibrate, self.cues.vibrate),
        ] {
            for element in self.each(part) {
                if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
                    input.set_checked(on);
                }
            }
        }
    }
}

fn cue(cues: Cues) {
    if cues.vibrate {
        browser::vibrate();
    }
    if cues.sound {
        browser::tone();
    }
}

fn wire(root: Element) {
    let Some(plan) = root
        .get_attribute(PLAN)
        .and_then(|text| serde_json::from_str::<Plan>(&text).ok())
    else {
        return;
    };
    let mut parts = Vec::new();
    if let Ok(found) = root.query_selector_all(&format!("[{PART}]")) {
        for index in 0..found.length() {
            let Some(element) = found.item(index).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            if let Some(part) = element
                .get_attribute(PART)
                .as_deref()
                .and_then(Part::from_name)
            {
                parts.push((part, element));
            }
        }
    }
    let timer = Timer::new(plan);
    let guide = Rc::new(RefCell::new(Guide {
        snapshot: timer.snapshot(0.0),
        root: root.clone(),
        timer,
        parts,
        shown: None,
        cues: browser::load_cues(),
    }));
    {
        let mut guide = guide.borrow_mut();
        guide.render(js_sys::Date::now());
        guide.show_cues();
    }

    let controls: Vec<(Part, Element)> = guide
        .borrow()
        .parts
        .iter()
        .filter(|(part, _)| {
            matches!(
                part,
                Part::Primary
                    | Part::Skip
                    | Part::NextStretch
                    | Part::Restart
                    | Part::Sound
                    | Part::Vibrate
            )
        })
        .cloned()
        .collect();
    for (part, element) in controls {
        let guide = Rc::clone(&guide);
        let (event, handler): (&str, Box<dyn FnMut(web_sys::Event)>) = match part {
            Part::Sound | Part::Vibrate => (
                "change",
                Box::new(move |event: web_sys::Event| {
                    let on = event
                        .target()
                        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                        .is_some_and(|input| input.checked());
                    guide.borrow_mut().choose(part, on);
                }),
            ),
            _ => ("click", Box::new(move |_| guide.borrow_mut().act(part))),
        };
        listen(&element, event, handler);
    }

    let Some(window) = web_sys::window() else {
        return;
    };
    let ticking = Rc::clone(&guide);
    let tick = Closure::<dyn FnMut()>::new(move || {
        let mut guide = ticking.borrow_mut();
        // The clock only needs reading while the timer runs.
        if guide.snapshot.status == Status::Running {
            guide.render(js_sys::Date::now());
        }
    });
    let _ = window.set_interval_with_callback_and_timeout_and_arguments_0(
        tick.as_ref().unchecked_ref(),
        TICK_MS,
    );
    // The page's own lifetime: the guide lives as long as it does.
    tick.forget();

    // The browser drops a wake lock when the page is hidden; take it again on return.
    let returning = Rc::clone(&guide);
    let document = window.document();
    listen(
        window.as_ref(),
        "visibilitychange",
        Box::new(move |_| {
            let visible = document
                .as_ref()
                .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
            if visible && returning.borrow().snapshot.status == Status::Running {
                browser::wake_lock_lost();
                browser::keep_awake(true);
            }
        }),
    );
    let _ = root.set_attribute("data-hydrated", "");
}

/// Adds a listener for the page's lifetime.
fn listen(target: &web_sys::EventTarget, event: &str, handler: Box<dyn FnMut(web_sys::Event)>) {
    let closure = Closure::wrap(handler);
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    closure.forget();
}
