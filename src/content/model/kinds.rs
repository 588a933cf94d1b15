//! The kinds things are sorted by (situations, body parts, kinds of remedy, evidence grades and
//! the rest): each with its name in data and addresses and its label for people.

use serde::{Deserialize, Serialize};

/// Declares an enum with, for each value, its name in data and addresses (kebab-case, as serde
/// writes it; a test keeps the two in step) and a label for people, and the list of all values.
macro_rules! labelled_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $url:literal => $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            pub fn label(self) -> &'static str {
                match self { $(Self::$variant => $label),+ }
            }

            /// The name in data files and addresses: `cramp-now`.
            pub const fn url_name(self) -> &'static str {
                match self { $(Self::$variant => $url),+ }
            }
        }
    };
}

/// A value as written in an address, e.g. `situation=cramp-now,night`.
pub trait UrlValue: Copy + PartialEq + std::fmt::Debug + 'static {
    /// The address parameter that carries this kind of value.
    const PARAM: &'static str;
    const VALUES: &'static [Self];
    fn url_name(self) -> &'static str;

    /// The value with this address name (any case); none for "any" or an unknown name.
    fn from_url_name(name: &str) -> Option<Self> {
        Self::VALUES
            .iter()
            .copied()
            .find(|value| value.url_name().eq_ignore_ascii_case(name))
    }
}

macro_rules! url_value {
    ($($type:ty => $param:literal),+ $(,)?) => {$(
        impl UrlValue for $type {
            const PARAM: &'static str = $param;
            const VALUES: &'static [Self] = <$type>::ALL;
            fn url_name(self) -> &'static str {
                <$type>::url_name(self)
            }
        }
    )+};
}

labelled_enum!(
    /// What a remedy is.
    RemedyKind {
        ImmediateRelief = "immediate-relief" => "Immediate relief",
        Prevention = "prevention" => "Prevention",
        Diet = "diet" => "Diet",
        Supplement = "supplement" => "Supplement",
        HomeFolk = "home-folk" => "Home or folk remedy",
        Medical = "medical" => "Medical treatment",
        Lifestyle = "lifestyle" => "Lifestyle",
    }
);

labelled_enum!(
    /// When a remedy helps.
    Situation {
        CrampNow = "cramp-now" => "Cramp right now",
        Night = "night" => "Night cramps",
        Exercise = "exercise" => "During or after exercise",
        Pregnancy = "pregnancy" => "Pregnancy",
        OlderAdults = "older-adults" => "Older adults",
        LegPain = "leg-pain" => "General leg pain",
        FootPain = "foot-pain" => "Foot pain",
        AnkleSprain = "ankle-sprain" => "Ankle sprain",
    }
);

labelled_enum!(
    BodyPart {
        Calf = "calf" => "Calf",
        Hamstring = "hamstring" => "Back of thigh (hamstring)",
        Quadriceps = "quadriceps" => "Front of thigh (quadriceps)",
        Foot = "foot" => "Foot",
        Toes = "toes" => "Toes",
        Ankle = "ankle" => "Ankle",
    }
);

labelled_enum!(
    /// People who must take care with a remedy or stretch.
    Group {
        Pregnancy = "pregnancy" => "Pregnancy",
        DiabetesNeuropathy = "diabetes-neuropathy" => "Diabetes or nerve damage (neuropathy)",
        KidneyDisease = "kidney-disease" => "Kidney disease",
        BloodThinners = "blood-thinners" => "Blood thinners",
        FluidRestriction = "fluid-restriction" => "On a fluid limit",
        OlderAdults = "older-adults" => "Older adults",
        Children = "children" => "Children",
        HeartConditions = "heart-conditions" => "Heart or blood pressure conditions",
        ArteryDisease = "artery-disease" => "Artery disease or poor circulation",
        Statins = "statins" => "Taking a statin",
        Everyone = "everyone" => "Everyone",
    }
);

labelled_enum!(
    /// Something a remedy or stretch does to the body that is unsafe for some people: a
    /// [`Hazard`] names who, and the content check makes every such remedy caution them.
    Exposure {
        Heat = "heat" => "Heat or hot water",
        Cold = "cold" => "Ice or cold",
        Massage = "massage" => "Massage or firm pressure",
    }
);

labelled_enum!(
    StretchKind {
        Stretch = "stretch" => "Stretch",
        Exercise = "exercise" => "Exercise",
        Massage = "massage" => "Massage",
    }
);

labelled_enum!(
    Purpose {
        ReliefNow = "relief-now" => "Relief now",
        Bedtime = "bedtime" => "Bedtime prevention",
        WarmUp = "warm-up" => "Warm-up",
        CoolDown = "cool-down" => "Cool-down",
        PregnancySafe = "pregnancy-safe" => "Pregnancy-safe",
        FootAnkle = "foot-ankle" => "Foot and ankle",
    }
);

labelled_enum!(
    Urgency {
        Emergency = "emergency" => "Emergency: call the emergency number",
        SameDay = "same-day" => "Urgent: get help today",
        SeeDoctor = "see-doctor" => "See a doctor soon",
    }
);

url_value!(
    Situation => "situation",
    BodyPart => "part",
    RemedyKind => "kind",
    Purpose => "purpose",
);

/// How strong the evidence is, as graded in the project's evidence file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Grade {
    A,
    B,
    C,
    D,
    X,
}

impl Grade {
    pub const ALL: &'static [Self] = &[Self::A, Self::B, Self::C, Self::D, Self::X];

    pub fn letter(self) -> &'static str {
        match self {
            Self::A => "A",
            Self::B => "B",
            Self::C => "C",
            Self::D => "D",
            Self::X => "X",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::A => "Strong evidence",
            Self::B => "Moderate evidence or broad medical agreement",
            Self::C => "Weak evidence",
            Self::D => "No evidence: expert advice or folk use only",
            Self::X => "Evidence against, or unsafe",
        }
    }
}

impl UrlValue for Grade {
    const PARAM: &'static str = "grade";
    const VALUES: &'static [Self] = Grade::ALL;
    fn url_name(self) -> &'static str {
        self.letter()
    }
}
