//! The state of one kind's switch, shared by the view and the browser side.

use super::{Blocker, Phase};
use crate::push::{Registration, ReminderKind, Schedule};
use leptos::prelude::*;

/// The switch's state: the view shows it and `browser` drives it.
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub struct Switch {
    pub kind: ReminderKind,
    pub phase: RwSignal<Phase>,
    pub blocked: RwSignal<Option<Blocker>>,
    /// What the last action did or why it failed (the server's own sentence).
    pub said: RwSignal<String>,
    /// The schedule the server has, so an unchanged one is not sent again.
    pub sent: StoredValue<Option<Schedule>>,
    /// This kind's registration, while on.
    pub held: StoredValue<Option<Registration>>,
    pub schedule: Signal<Schedule>,
}
