//! The cramp diary as the app holds it: one entry per cramp, kept in start order.

pub use guide_core::diary::{Cramp, Muscle, NewCramp, Relief, Side, MAX_SECONDS};
use guide_core::order::{rank_of_pair, sort_by_rank};

/// Every cramp recorded on this device, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diary {
    entries: Vec<Cramp>,
    next_id: u64,
}

/// Ids start at 1, as in a diary read back with no entries, so that the two compare equal.
impl Default for Diary {
    fn default() -> Self {
        Self {
            entries: Vec::new(),
            next_id: 1,
        }
    }
}

impl Diary {
    /// From entries read back from storage: sorted by start; each id only once (a repeated id
    /// is returned for setting aside).
    pub fn from_entries(entries: Vec<Cramp>) -> (Self, Vec<Cramp>) {
        let (diary, repeated) = Self::from_tagged(entries.into_iter().map(|c| (c, ())).collect());
        (diary, repeated.into_iter().map(|(c, ())| c).collect())
    }

    /// [`Diary::from_entries`] with a tag on each entry (where it was read), returned with a
    /// repeated one so that it can be set aside with its place.
    pub fn from_tagged<T>(mut entries: Vec<(Cramp, T)>) -> (Self, Vec<(Cramp, T)>) {
        sort_by_rank(&mut entries, |(c, _)| rank_of_pair(c.start_ms, c.id));
        let mut seen = std::collections::HashSet::new();
        let (kept, repeated): (Vec<_>, Vec<_>) =
            entries.into_iter().partition(|(c, _)| seen.insert(c.id));
        let kept: Vec<Cramp> = kept.into_iter().map(|(c, _)| c).collect();
        let next_id = kept
            .iter()
            .map(|c| c.id)
            .max()
            .map_or(1, |id| id.saturating_add(1));
        (
            Self {
                entries: kept,
                next_id,
            },
            repeated,
        )
    }

    /// The id the next added cramp gets. Saved with the diary: after the newest entry is
    /// removed, its id must still not come back.
    pub fn next_id(&self) -> u64 {
        self.next_id
    }

    /// Marks every id below `next_id` as used, as a saved diary says they were.
    pub fn never_reuse_below(&mut self, next_id: u64) {
        self.next_id = self.next_id.max(next_id);
    }

    pub fn entries(&self) -> &[Cramp] {
        &self.entries
    }

    pub fn get(&self, id: u64) -> Option<&Cramp> {
        self.entries.iter().find(|c| c.id == id)
    }

    /// Records a cramp; its id.
    pub fn add(&mut self, cramp: NewCramp) -> u64 {
        let id = self.next_id;
        self.next_id = id.saturating_add(1);
        self.insert(cramp.with_id(id));
        id
    }

    /// Changes an entry (its id stays); false when there is no such entry.
    pub fn edit(&mut self, id: u64, change: impl FnOnce(&mut Cramp)) -> bool {
        let Some(at) = self.entries.iter().position(|c| c.id == id) else {
            return false;
        };
        let mut cramp = self.entries.remove(at);
        change(&mut cramp);
        cramp.id = id;
        cramp.tidy();
        self.insert(cramp);
        true
    }

    /// Takes an entry out; returned so that it can be put back ([`Diary::put_back`]).
    pub fn remove(&mut self, id: u64) -> Option<Cramp> {
        let at = self.entries.iter().position(|c| c.id == id)?;
        Some(self.entries.remove(at))
    }

    /// Undoes a removal: the entry returns with its own id.
    pub fn put_back(&mut self, cramp: Cramp) {
        if self.get(cramp.id).is_some() {
            return;
        }
        self.next_id = self.next_id.max(cramp.id.saturating_add(1));
        self.insert(cramp);
    }

    fn insert(&mut self, cramp: Cramp) {
        let at = self
            .entries
            .partition_point(|c| (c.start_ms, c.id) <= (cramp.start_ms, cramp.id));
        self.entries.insert(at, cramp);
    }

    /// Entries that began in `[from_ms, to_ms)`.
    pub fn between(&self, from_ms: i64, to_ms: i64) -> impl Iterator<Item = &Cramp> {
        self.entries
            .iter()
            .filter(move |c| (from_ms..to_ms).contains(&c.start_ms))
    }
}

/// The tests' plain cramp: one minute in the left calf, nothing else said.
#[cfg(test)]
pub fn left_calf_cramp(start_ms: i64) -> NewCramp {
    NewCramp {
        id: (),
        start_ms,
        seconds: 60,
        muscle: Muscle::Calf,
        side: Some(Side::Left),
        tried: vec![],
        helped: vec![],
        woke: None,
        by_hand: false,
    }
}

/// The tests' full cramp: a left calf that woke the person, stretched and warmed, the stretch
/// helping, timed for 95 seconds.
#[cfg(test)]
pub fn stretched_calf_cramp(start_ms: i64) -> NewCramp {
    NewCramp {
        seconds: 95,
        tried: vec![Relief::Stretch, Relief::Heat],
        helped: vec![Relief::Stretch],
        woke: Some(true),
        ..left_calf_cramp(start_ms)
    }
}

#[cfg(test)]
impl FromIterator<NewCramp> for Diary {
    fn from_iter<I: IntoIterator<Item = NewCramp>>(cramps: I) -> Self {
        let mut diary = Diary::default();
        for cramp in cramps {
            diary.add(cramp);
        }
        diary
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calf(start_ms: i64) -> NewCramp {
        NewCramp {
            helped: vec![Relief::Stretch],
            woke: Some(true),
            ..left_calf_cramp(start_ms)
        }
    }

    #[test]
    fn entries_stay_in_start_order_with_ids_never_reused() {
        let mut diary = Diary::default();
        let late = diary.add(calf(2_000));
        let early = diary.add(calf(1_000));
        assert_eq!(
            diary.entries().iter().map(|c| c.id).collect::<Vec<_>>(),
            [early, late]
        );
        let removed = diary.remove(late).expect("there");
        let next = diary.add(calf(3_000));
        assert_ne!(next, late, "a removed id is not given again");
        diary.put_back(removed);
        assert_eq!(diary.entries().len(), 3);
        assert!(diary.edit(early, |c| c.start_ms = 5_000));
        assert_eq!(diary.entries().last().map(|c| c.id), Some(early));
        assert!(!diary.edit(999, |_| {}));
    }

    #[test]
    fn what_helped_is_always_among_what_was_tried() {
        let mut diary = Diary::default();
        let id = diary.add(NewCramp {
            tried: vec![Relief::Heat, Relief::Massage, Relief::Heat],
            helped: vec![Relief::Stretch],
            seconds: MAX_SECONDS + 5,
            ..calf(1)
        });
        let cramp = diary.get(id).expect("there");
        assert_eq!(
            cramp.tried,
            [Relief::Stretch, Relief::Massage, Relief::Heat]
        );
        assert_eq!(cramp.seconds, MAX_SECONDS);
    }

    #[test]
    fn repeated_ids_from_storage_are_returned_not_kept_twice() {
        let mut one = calf(1).with_id(4);
        let two = calf(2).with_id(4);
        one.start_ms = 3;
        let (diary, repeated) = Diary::from_entries(vec![one, two.clone()]);
        assert_eq!(diary.entries().len(), 1);
        assert_eq!(repeated.len(), 1);
        let mut diary = diary;
        assert_eq!(diary.add(calf(9)), 5);
    }

    #[test]
    fn the_next_id_survives_removing_the_newest_entry() {
        let mut diary = Diary::default();
        assert_eq!(diary.next_id(), 1);
        diary.add(calf(1));
        let newest = diary.add(calf(2));
        diary.remove(newest);
        assert_eq!(diary.next_id(), newest + 1);
        let (mut read, _) = Diary::from_entries(diary.entries().to_vec());
        assert_eq!(read.next_id(), newest, "the entries alone don't know");
        read.never_reuse_below(diary.next_id());
        assert_eq!(read, diary);
        read.never_reuse_below(1);
        assert_eq!(read.next_id(), newest + 1, "never goes down");
    }
}
