//! The diary as an island holds it: one `Copy` state shared by the diary pages (Cramp now writes
//! the stored document itself, with `guide_core::diary::change`, and the pages follow it). The
//! device's [`Store`] reads it after hydration, starts every change from the newest stored copy
//! (another window may have written one) and saves at once.

use super::storage::Stored;
use crate::device::Store;

pub type DiaryState = Store<Stored>;
