//! The daily drinks goal, units, typed amounts and progress.
//!
//! Figures come from EFSA 2010 via `evidence.md` ("How much to drink"). The tracker logs drinks
//! only, so goals are drinks-only: a total-water figure (food included) could never be reached by
//! drinking alone without over-drinking.

use crate::decimal::{self, Rounding};
use serde::{Deserialize, Serialize};
use std::ops::RangeInclusive;

// EFSA 2010, EFSA J 8(3):1459, doi:10.2903/j.efsa.2010.1459: adequate total water (food and
// drinks) at moderate temperature and activity, and the extra for pregnancy and breastfeeding.
const EFSA_TOTAL_WOMEN_ML: u32 = 2000;
const EFSA_TOTAL_MEN_ML: u32 = 2500;
const EFSA_PREGNANCY_EXTRA_ML: u32 = 300;
const EFSA_BREASTFEEDING_EXTRA_ML: u32 = 700;
// EFSA: about 80% of water comes from drinks (2.0 L → 1.6 L, 2.5 L → 2.0 L, as evidence.md says).
const DRINKS_SHARE_PERCENT: u32 = 80;
// The project's own modest figures: NHS says "more when hot or active" without a number, and
// over-drinking in endurance exercise is a risk (Hew-Butler 2015: drink to thirst).
const HOT_DAY_EXTRA_ML: u32 = 500;
const EXERCISE_DAY_EXTRA_ML: u32 = 500;

/// What a person may type for one drink.
pub const DRINK_RANGE_ML: RangeInclusive<u32> = 10..=2000;
/// What a person may choose as their own everyday goal (before hot-day and exercise extras).
pub const GOAL_RANGE_ML: RangeInclusive<u32> = 500..=4000;
/// The US fluid ounce in ten-thousandths of a ml (29.5735 ml: its exact definition rounded to
/// 0.1 µl). Integers, so that no float code comes into the water bundle (`crate::decimal`).
pub const US_FL_OZ_IN_TEN_THOUSANDTHS_ML: u64 = 295_735;

/// The EFSA group whose figure applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SexOrStage {
    /// Default: the lower figure, so nobody is pushed to over-drink before choosing.
    #[default]
    Women,
    Men,
    Pregnant,
    Breastfeeding,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct GoalProfile {
    pub sex_or_stage: SexOrStage,
    pub hot_day: bool,
    pub exercise_day: bool,
    /// "I follow my clinician": heart failure, dialysis and the like. No goal, no goal reminders.
    pub fluid_limit: bool,
    /// The person's own everyday goal; replaces the EFSA figure, day extras still apply.
    pub custom_ml: Option<u32>,
}

/// The drinks-only EFSA figure for the group, plus the day's extras.
pub fn default_goal_ml(sex_or_stage: SexOrStage, hot_day: bool, exercise_day: bool) -> u32 {
    let total = match sex_or_stage {
        SexOrStage::Women => EFSA_TOTAL_WOMEN_ML,
        SexOrStage::Men => EFSA_TOTAL_MEN_ML,
        SexOrStage::Pregnant => EFSA_TOTAL_WOMEN_ML + EFSA_PREGNANCY_EXTRA_ML,
        SexOrStage::Breastfeeding => EFSA_TOTAL_WOMEN_ML + EFSA_BREASTFEEDING_EXTRA_ML,
    };
    total * DRINKS_SHARE_PERCENT / 100 + day_extras(hot_day, exercise_day)
}

fn day_extras(hot_day: bool, exercise_day: bool) -> u32 {
    u32::from(hot_day) * HOT_DAY_EXTRA_ML + u32::from(exercise_day) * EXERCISE_DAY_EXTRA_ML
}

/// Today's goal, or `None` on a fluid limit (the app then shows no goal and sends no reminders).
pub fn goal_ml(profile: &GoalProfile) -> Option<u32> {
    if profile.fluid_limit {
        return None;
    }
    Some(match profile.custom_ml {
        Some(base) => base + day_extras(profile.hot_day, profile.exercise_day),
        None => default_goal_ml(profile.sex_or_stage, profile.hot_day, profile.exercise_day),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    #[default]
    Ml,
    UsFlOz,
}

impl Unit {
    pub fn label(self) -> &'static str {
        match self {
            Unit::Ml => "ml",
            Unit::UsFlOz => "fl oz",
        }
    }

    /// Ten-thousandths of a ml in one of this unit.
    fn ten_thousandths_ml(self) -> u64 {
        match self {
            Unit::Ml => 10_000,
            Unit::UsFlOz => US_FL_OZ_IN_TEN_THOUSANDTHS_ML,
        }
    }
}

/// `250 ml`; `8.5 fl oz` (tenths, `8 fl oz` when whole: a glass is never measured finer).
pub fn format_amount(ml: u32, unit: Unit) -> String {
    format!("{} {}", number(ml, unit, Rounding::Nearest), unit.label())
}

/// An amount as a form field shows it: the number without its unit.
pub fn bare_amount(ml: u32, unit: Unit) -> String {
    number(ml, unit, Rounding::Nearest)
}

/// The bare number in `unit`, rounded to tenths of a fl oz as asked (whole ml stay exact).
fn number(ml: u32, unit: Unit, rounding: Rounding) -> String {
    match unit {
        Unit::Ml => ml.to_string(),
        Unit::UsFlOz => {
            let tenths = decimal::divide(
                u64::from(ml) * 100_000,
                US_FL_OZ_IN_TEN_THOUSANDTHS_ML,
                rounding,
            );
            decimal::text(tenths, 1)
        }
    }
}

/// A typed amount that cannot be used; each message says what to enter instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("Enter an amount between {range}.")]
    Empty { range: String },
    #[error("“{text}” is not a number. Enter an amount between {range}.")]
    NotANumber { text: String, range: String },
    #[error("Enter an amount between {range}.")]
    OutOfRange { range: String },
}

/// Reads what a person typed (`250`, `8,5`, `8.5 fl oz`, `0.3 l`) as whole ml within
/// `range_ml` (e.g. [`DRINK_RANGE_ML`]). A unit written after the number wins over `unit`.
pub fn parse_amount(
    text: &str,
    unit: Unit,
    range_ml: RangeInclusive<u32>,
) -> Result<u32, AmountError> {
    // Bounds shown in `unit`, rounded inwards so that typing a shown bound is always accepted.
    let range = format!(
        "{} and {} {}",
        number(*range_ml.start(), unit, Rounding::Up),
        number(*range_ml.end(), unit, Rounding::Down),
        unit.label()
    );
    let lower = text.trim().to_ascii_lowercase();
    if lower.is_empty() {
        return Err(AmountError::Empty { range });
    }
    let (digits, ten_thousandths_ml) = [
        ("fl oz", US_FL_OZ_IN_TEN_THOUSANDTHS_ML),
        ("floz", US_FL_OZ_IN_TEN_THOUSANDTHS_ML),
        ("oz", US_FL_OZ_IN_TEN_THOUSANDTHS_ML),
        ("ml", 10_000),
        ("l", 10_000_000),
    ]
    .into_iter()
    .find_map(|(suffix, factor)| lower.strip_suffix(suffix).map(|rest| (rest, factor)))
    .unwrap_or((&lower, unit.ten_thousandths_ml()));
    // The amount in thousandths of its unit, then whole ml, rounded to the nearest.
    let Some(thousandths) = decimal::parse(digits, 3) else {
        return Err(AmountError::NotANumber {
            text: text.trim().to_string(),
            range,
        });
    };
    let ml = u64::try_from(thousandths)
        .ok()
        .and_then(|t| t.checked_mul(ten_thousandths_ml))
        .map(|t| decimal::divide(t, 10_000_000, Rounding::Nearest))
        .filter(|ml| range_ml.contains(&u32::try_from(*ml).unwrap_or(u32::MAX)))
        .ok_or(AmountError::OutOfRange { range })?;
    Ok(ml as u32)
}

/// How much of a progress ring of `length` is filled: the share of the goal reached, never more
/// than all of it (and all of it for a goal of nothing).
pub fn progress(total_ml: u32, goal_ml: u32, length: u64) -> u64 {
    if goal_ml == 0 {
        return length;
    }
    decimal::divide(
        length * u64::from(total_ml.min(goal_ml)),
        u64::from(goal_ml),
        Rounding::Nearest,
    )
}

/// What a screen reader says about today. Percent rounds down: 100% only once the goal is met.
pub fn progress_sentence(total_ml: u32, goal_ml: Option<u32>, unit: Unit) -> String {
    let drunk = format_amount(total_ml, unit);
    match goal_ml {
        None => format!("{drunk} drunk today."),
        Some(goal) if total_ml >= goal => {
            format!(
                "{drunk} of {} drunk today: goal reached.",
                format_amount(goal, unit)
            )
        }
        Some(goal) => {
            let percent = u64::from(total_ml) * 100 / u64::from(goal);
            format!(
                "{drunk} of {} drunk today, {percent}% of your goal.",
                format_amount(goal, unit)
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn efsa_drinks_figures() {
        assert_eq!(default_goal_ml(SexOrStage::Women, false, false), 1600);
        assert_eq!(default_goal_ml(SexOrStage::Men, false, false), 2000);
        assert_eq!(default_goal_ml(SexOrStage::Pregnant, false, false), 1840);
        assert_eq!(
            default_goal_ml(SexOrStage::Breastfeeding, false, false),
            2160
        );
        assert_eq!(default_goal_ml(SexOrStage::Women, true, false), 2100);
        assert_eq!(default_goal_ml(SexOrStage::Men, true, true), 3000);
        assert_eq!(goal_ml(&GoalProfile::default()), Some(1600));
    }

    #[test]
    fn custom_goal_replaces_the_base_and_fluid_limit_removes_the_goal() {
        let mut profile = GoalProfile {
            custom_ml: Some(1800),
            exercise_day: true,
            ..GoalProfile::default()
        };
        assert_eq!(goal_ml(&profile), Some(2300));
        profile.fluid_limit = true;
        assert_eq!(goal_ml(&profile), None);
        let limited = GoalProfile {
            fluid_limit: true,
            sex_or_stage: SexOrStage::Men,
            ..GoalProfile::default()
        };
        assert_eq!(goal_ml(&limited), None);
    }

    #[test]
    fn formats_ml_and_fluid_ounces() {
        assert_eq!(format_amount(250, Unit::Ml), "250 ml");
        assert_eq!(format_amount(250, Unit::UsFlOz), "8.5 fl oz");
        assert_eq!(format_amount(237, Unit::UsFlOz), "8 fl oz");
        assert_eq!(format_amount(2000, Unit::UsFlOz), "67.6 fl oz");
        assert_eq!(format_amount(0, Unit::UsFlOz), "0 fl oz");
    }

    #[test]
    fn parses_typed_amounts_in_either_unit() {
        assert_eq!(parse_amount("250", Unit::Ml, DRINK_RANGE_ML), Ok(250));
        assert_eq!(parse_amount(" 330 ML ", Unit::Ml, DRINK_RANGE_ML), Ok(330));
        assert_eq!(parse_amount("8", Unit::UsFlOz, DRINK_RANGE_ML), Ok(237));
        assert_eq!(parse_amount("8,5", Unit::UsFlOz, DRINK_RANGE_ML), Ok(251));
        assert_eq!(parse_amount("12 fl oz", Unit::Ml, DRINK_RANGE_ML), Ok(355));
        assert_eq!(parse_amount("12oz", Unit::Ml, DRINK_RANGE_ML), Ok(355));
        assert_eq!(parse_amount("0.5 l", Unit::UsFlOz, DRINK_RANGE_ML), Ok(500));
        assert_eq!(parse_amount("1800", Unit::Ml, GOAL_RANGE_ML), Ok(1800));
    }

    #[test]
    fn rejects_amounts_with_a_message_a_person_can_act_on() {
        let err = parse_amount("5000", Unit::Ml, DRINK_RANGE_ML).unwrap_err();
        assert_eq!(
            err,
            AmountError::OutOfRange {
                range: "10 and 2000 ml".into()
            }
        );
        assert_eq!(err.to_string(), "Enter an amount between 10 and 2000 ml.");
        assert_eq!(
            parse_amount("lots", Unit::Ml, DRINK_RANGE_ML)
                .unwrap_err()
                .to_string(),
            "“lots” is not a number. Enter an amount between 10 and 2000 ml."
        );
        assert!(matches!(
            parse_amount("  ", Unit::Ml, DRINK_RANGE_ML),
            Err(AmountError::Empty { .. })
        ));
        for bad in ["-250", "0", "9", "2001", "inf", "NaN"] {
            assert!(
                parse_amount(bad, Unit::Ml, DRINK_RANGE_ML).is_err(),
                "{bad}"
            );
        }
        let oz = parse_amount("100", Unit::UsFlOz, DRINK_RANGE_ML).unwrap_err();
        assert_eq!(
            oz.to_string(),
            "Enter an amount between 0.4 and 67.6 fl oz."
        );
        // The bounds shown are themselves accepted.
        assert!(parse_amount("0.4", Unit::UsFlOz, DRINK_RANGE_ML).is_ok());
        assert!(parse_amount("67.6", Unit::UsFlOz, DRINK_RANGE_ML).is_ok());
    }

    #[test]
    fn progress_is_clamped_and_spoken() {
        assert_eq!(progress(800, 1600, 3267), 1634);
        assert_eq!(progress(2400, 1600, 3267), 3267);
        assert_eq!(progress(0, 0, 3267), 3267);
        assert_eq!(progress(0, 1600, 3267), 0);
        assert_eq!(
            progress_sentence(1599, Some(1600), Unit::Ml),
            "1599 ml of 1600 ml drunk today, 99% of your goal."
        );
        assert_eq!(
            progress_sentence(1700, Some(1600), Unit::Ml),
            "1700 ml of 1600 ml drunk today: goal reached."
        );
        assert_eq!(
            progress_sentence(500, None, Unit::UsFlOz),
            "16.9 fl oz drunk today."
        );
    }
}
