//! "My situation": the groups a person belongs to, kept on their device, and what that means for
//! the remedies they see. Remedies with a caution for them are flagged and listed after the
//! others, or hidden on request, but never dropped without a word.

use crate::content::model::{Caution, Group};
use serde::{Deserialize, Serialize};

/// The situations a person can declare, in the order the page asks about them: every group a
/// caution or warning sign names (a test keeps it so), except "everyone".
pub const ASKABLE: [(Group, &str); 10] = [
    (Group::Pregnancy, "I am pregnant"),
    (
        Group::DiabetesNeuropathy,
        "I have diabetes or nerve damage (neuropathy)",
    ),
    (Group::KidneyDisease, "I have kidney disease"),
    (
        Group::HeartConditions,
        "I have a heart or blood pressure condition",
    ),
    (
        Group::ArteryDisease,
        "I have narrowed leg arteries or poor circulation",
    ),
    (Group::BloodThinners, "I take blood thinners"),
    (Group::Statins, "I take a statin (for cholesterol)"),
    (Group::FluidRestriction, "I am on a fluid limit"),
    (Group::OlderAdults, "I am over 65"),
    (Group::Children, "This is for a child"),
];

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    pub groups: Vec<Group>,
    /// Hide remedies with a caution for me (they are counted and can be shown again).
    pub hide_cautioned: bool,
}

impl Profile {
    /// Reads a stored profile; anything unreadable is treated as "nothing declared".
    pub fn from_stored(text: Option<&str>) -> Self {
        text.and_then(|t| serde_json::from_str(t).ok())
            .unwrap_or_default()
    }

    pub fn has(&self, group: Group) -> bool {
        self.groups.contains(&group)
    }

    pub fn toggle(&mut self, group: Group) {
        if self.has(group) {
            self.groups.retain(|g| *g != group);
        } else {
            self.groups.push(group);
            self.groups.sort();
        }
    }

    /// This profile with what the page shows ticked added: `ticked` holds a box per [`ASKABLE`]
    /// group, in order, then "Hide remedies with a caution for me". The page renders every box
    /// empty, so a ticked box is a choice made before the live finder woke.
    pub fn with_ticked(&self, ticked: &[bool]) -> Self {
        let mut person = self.clone();
        for (&(group, _), _) in ASKABLE.iter().zip(ticked).filter(|(_, &on)| on) {
            if !person.has(group) {
                person.toggle(group);
            }
        }
        person.hide_cautioned |= ticked.get(ASKABLE.len()) == Some(&true);
        person
    }

    /// The cautions that concern this person (notes for everyone are always shown anyway).
    pub fn cautions_for<'a>(&self, cautions: &'a [Caution]) -> Vec<&'a Caution> {
        cautions
            .iter()
            .filter(|c| c.groups.iter().any(|g| self.has(*g)))
            .collect()
    }
}

/// Orders results for this person: those without a caution for them first, each part keeping
/// its relevance order. `cautions` gives an item's cautions. Returns the ordered items and how
/// many were hidden.
pub fn arrange<T>(
    profile: &Profile,
    items: Vec<T>,
    cautions: impl Fn(&T) -> Vec<Caution>,
) -> (Vec<T>, usize) {
    let (safe, flagged): (Vec<T>, Vec<T>) = items
        .into_iter()
        .partition(|item| profile.cautions_for(&cautions(item)).is_empty());
    if profile.hide_cautioned {
        let hidden = flagged.len();
        (safe, hidden)
    } else {
        (safe.into_iter().chain(flagged).collect(), 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caution(groups: &[Group]) -> Caution {
        Caution {
            groups: groups.to_vec(),
            text: "take care".into(),
        }
    }

    fn items() -> Vec<(&'static str, Vec<Caution>)> {
        vec![
            (
                "heat",
                vec![
                    caution(&[Group::DiabetesNeuropathy]),
                    caution(&[Group::Everyone]),
                ],
            ),
            ("stretch", vec![caution(&[Group::OlderAdults])]),
            ("walk", vec![caution(&[Group::Everyone])]),
        ]
    }

    #[test]
    fn boxes_ticked_before_the_finder_woke_are_added_to_the_profile() {
        let stored = Profile {
            groups: vec![Group::Statins],
            hide_cautioned: false,
        };
        assert_eq!(stored.with_ticked(&[false; ASKABLE.len() + 1]), stored);
        assert_eq!(stored.with_ticked(&[]), stored);
        let mut ticked = [false; ASKABLE.len() + 1];
        ticked[0] = true;
        ticked[ASKABLE.len()] = true;
        let person = stored.with_ticked(&ticked);
        assert!(person.has(Group::Pregnancy) && person.has(Group::Statins));
        assert!(person.hide_cautioned);
        // Kept sorted, as a toggle keeps it.
        let mut sorted = person.groups.clone();
        sorted.sort();
        assert_eq!(person.groups, sorted);
    }

    #[test]
    fn cautioned_remedies_move_after_the_others() {
        let profile = Profile {
            groups: vec![Group::DiabetesNeuropathy],
            hide_cautioned: false,
        };
        let (ordered, hidden) = arrange(&profile, items(), |item| item.1.clone());
        let names: Vec<_> = ordered.iter().map(|item| item.0).collect();
        assert_eq!(names, ["stretch", "walk", "heat"]);
        assert_eq!(hidden, 0);
    }

    #[test]
    fn hiding_counts_what_was_hidden() {
        let profile = Profile {
            groups: vec![Group::DiabetesNeuropathy, Group::OlderAdults],
            hide_cautioned: true,
        };
        let (ordered, hidden) = arrange(&profile, items(), |item| item.1.clone());
        assert_eq!(
            ordered.iter().map(|item| item.0).collect::<Vec<_>>(),
            ["walk"]
        );
        assert_eq!(hidden, 2);
    }

    #[test]
    fn an_empty_profile_changes_nothing() {
        let (ordered, hidden) = arrange(&Profile::default(), items(), |item| item.1.clone());
        assert_eq!(
            ordered.iter().map(|item| item.0).collect::<Vec<_>>(),
            ["heat", "stretch", "walk"]
        );
        assert_eq!(hidden, 0);
    }

    /// A caution or warning sign for a group nobody can choose would never be flagged for them.
    #[test]
    fn every_group_a_caution_or_sign_names_can_be_chosen() {
        let catalogue = crate::content::Catalogue::load().expect("content loads");
        let askable: Vec<Group> = ASKABLE.iter().map(|(group, _)| *group).collect();
        let cautions = catalogue
            .remedies
            .iter()
            .map(|r| (r.slug.as_str(), &r.cautions))
            .chain(
                catalogue
                    .stretches
                    .iter()
                    .map(|s| (s.slug.as_str(), &s.take_care)),
            );
        for (slug, cautions) in cautions {
            for group in cautions.iter().flat_map(|c| &c.groups) {
                assert!(
                    *group == Group::Everyone || askable.contains(group),
                    "{slug}: a caution names {group:?}, which My situation does not offer"
                );
            }
        }
        for flag in &catalogue.red_flags {
            for group in &flag.groups {
                assert!(
                    askable.contains(group),
                    "red flag {}: names {group:?}, which My situation does not offer",
                    flag.id
                );
            }
        }
        assert!(!askable.contains(&Group::Everyone));
    }

    #[test]
    fn stored_profiles_survive_and_junk_is_ignored() {
        let mut profile = Profile::default();
        profile.toggle(Group::Pregnancy);
        profile.toggle(Group::KidneyDisease);
        let stored = serde_json::to_string(&profile).unwrap();
        assert_eq!(Profile::from_stored(Some(&stored)), profile);
        profile.toggle(Group::Pregnancy);
        assert_eq!(profile.groups, [Group::KidneyDisease]);
        assert_eq!(Profile::from_stored(Some("{not json")), Profile::default());
        assert_eq!(
            Profile::from_stored(Some(r#"{"groups":["martian"]}"#)),
            Profile::default()
        );
    }
}
