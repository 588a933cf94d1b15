//! The guide pages' client: Cramp now (`cramp`) and the stretch and routine timers. The server
//! renders a guide's markup in its first state, with every stretch's drawing and steps
//! (`stretches::guide::StretchGuide`); this finds each guide by its parts (`guide_core::Part`),
//! plays its plan against the clock, and rewrites only the words that changed, with the same
//! `guide_core::Screen` the server rendered. A cue sounds or buzzes at each change, and the
//! screen stays on while it runs.

mod cramp;

use guide_core::{
    browser,
    cramp::{CrampPart, CRAMP_PART},
    status_name,
    timer::{Plan, Snapshot, Status, Timer},
    Cues, Part, Screen, PART, PLAN,
};
use std::{
    cell::{Cell, RefCell},
    rc::Rc,
};
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{Element, HtmlInputElement};

/// Often enough that the seconds never visibly lag; the time itself comes from timestamps.
const TICK_MS: i32 = 200;

/// Finds every guide and Cramp now panel on the page and wires it; runs as soon as the module is
/// instantiated.
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let roots = |attribute: &str, root: &str| {
        let found = document.query_selector_all(&format!("[{attribute}=\"{root}\"]"));
        let found = found.ok();
        (0..found.as_ref().map_or(0, |f| f.length()))
            .filter_map(move |index| found.as_ref()?.item(index)?.dyn_into::<Element>().ok())
    };
    roots(PART, Part::Root.name()).for_each(wire);
    roots(CRAMP_PART, CrampPart::Root.name()).for_each(cramp::wire);
}

/// Every element under `root` whose `attribute` names a part, with the part.
fn find_parts<P>(
    root: &Element,
    attribute: &str,
    from_name: fn(&str) -> Option<P>,
) -> Vec<(P, Element)> {
    let Ok(found) = root.query_selector_all(&format!("[{attribute}]")) else {
        return Vec::new();
    };
    (0..found.length())
        .filter_map(|index| {
            let element = found.item(index)?.dyn_into::<Element>().ok()?;
            let part = from_name(&element.get_attribute(attribute)?)?;
            Some((part, element))
        })
        .collect()
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
    cues: Rc<Cell<Cues>>,
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
            cue(self.cues.get());
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
                if self.cues.get().sound {
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
    let parts = find_parts(&root, PART, Part::from_name);
    let cues = Rc::new(Cell::new(browser::load_cues()));
    let timer = Timer::new(plan);
    let guide = Rc::new(RefCell::new(Guide {
        snapshot: timer.snapshot(0.0),
        root: root.clone(),
        timer,
        parts,
        shown: None,
        cues: Rc::clone(&cues),
    }));
    {
        let mut guide = guide.borrow_mut();
        guide.render(js_sys::Date::now());
    }

    let controls = guide.borrow().parts.clone();
    for (part, element) in controls {
        match part {
            Part::Sound => wire_cue_box(&element, &cues, |c| &mut c.sound),
            Part::Vibrate => wire_cue_box(&element, &cues, |c| &mut c.vibrate),
            Part::Primary | Part::Skip | Part::NextStretch | Part::Restart => {
                let guide = Rc::clone(&guide);
                listen(
                    &element,
                    "click",
                    Box::new(move |_| guide.borrow_mut().act(part)),
                );
            }
            _ => {}
        }
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

    let returning = Rc::clone(&guide);
    listen_for_return(move || returning.borrow().snapshot.status == Status::Running);
    let _ = root.set_attribute("data-hydrated", "");
}

/// Wires the checkbox of one cue (`cue` picks it out of the choices): it shows the device's
/// choice (the server rendered the default), and a change applies at once and is kept.
fn wire_cue_box(element: &Element, cues: &Rc<Cell<Cues>>, cue: fn(&mut Cues) -> &mut bool) {
    let Some(input) = element.dyn_ref::<HtmlInputElement>() else {
        return;
    };
    input.set_checked(*cue(&mut cues.get()));
    let (cues, input) = (Rc::clone(cues), input.clone());
    listen(
        element,
        "change",
        Box::new(move |_| {
            let mut chosen = cues.get();
            *cue(&mut chosen) = input.checked();
            cues.set(chosen);
            browser::store_cues(chosen);
        }),
    );
}

/// The browser drops a wake lock when the page is hidden: take it again on return, while
/// `running` says the screen should stay on.
fn listen_for_return(running: impl Fn() -> bool + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let document = window.document();
    listen(
        window.as_ref(),
        "visibilitychange",
        Box::new(move |_| {
            let visible = document
                .as_ref()
                .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
            if visible && running() {
                browser::wake_lock_lost();
                browser::keep_awake(true);
            }
        }),
    );
}

/// Adds a listener for the page's lifetime.
fn listen(target: &web_sys::EventTarget, event: &str, handler: Box<dyn FnMut(web_sys::Event)>) {
    let closure = Closure::wrap(handler);
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    closure.forget();
}
