//! Reading the "Add a cramp" and "Edit" form: what the person typed, checked, as a cramp.

use super::model::{Cramp, Muscle, NewCramp, Relief, Side, MAX_SECONDS};
use crate::{
    clock::{hhmm, parse_time, LocalClock, LocalDate},
    decimal::{self, Rounding},
};

/// When a cramp added afterwards began, unless the person changes it: 03:00, in the night. A
/// cramp happening now is timed with Cramp now, so one added by hand is most often one that woke
/// the person last night.
pub const LAST_NIGHT_MINUTE: u16 = 3 * 60;

/// The form's fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CrampForm {
    /// `2026-11-30`, as a date input gives it.
    pub date: String,
    /// `03:10`, as a time input gives it.
    pub time: String,
    /// How long, in minutes: "2", "1.5" or "0,5".
    pub minutes: String,
    pub muscle: String,
    pub side: String,
    pub tried: Vec<Relief>,
    pub helped: Vec<Relief>,
    /// "yes", "no" or empty.
    pub woke: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormError {
    #[error("Enter the date it happened, for example 2026-11-30.")]
    Date,
    #[error("Enter the time it began, for example 03:10.")]
    Time,
    #[error("That time hasn't come yet. Enter when the cramp began.")]
    Future,
    #[error("Enter how long it lasted in minutes, for example 2 or 1.5 (at most a day).")]
    Minutes,
    #[error("Choose where the cramp was.")]
    Muscle,
}

impl CrampForm {
    /// The form for a cramp added afterwards: one minute in the calf, last night at 03:00
    /// ([`LAST_NIGHT_MINUTE`]); before 03:00 the night is still going on, so now.
    pub fn for_a_past_cramp(now_ms: i64, clock: &impl LocalClock) -> Self {
        let local = clock.local(now_ms);
        let minute = local.minute_of_day.min(LAST_NIGHT_MINUTE);
        Self {
            date: local.date.to_string(),
            time: hhmm(minute),
            minutes: "1".into(),
            muscle: Muscle::Calf.name().into(),
            ..Self::default()
        }
    }

    /// The form showing an entry, for editing.
    pub fn of(cramp: &Cramp, clock: &impl LocalClock) -> Self {
        let local = clock.local(cramp.start_ms);
        Self {
            date: local.date.to_string(),
            time: hhmm(local.minute_of_day),
            minutes: minutes_text(cramp.seconds),
            muscle: cramp.muscle.name().into(),
            side: cramp.side.map(Side::name).unwrap_or_default().into(),
            tried: cramp.tried.clone(),
            helped: cramp.helped.clone(),
            woke: match cramp.woke {
                Some(true) => "yes".into(),
                Some(false) => "no".into(),
                None => String::new(),
            },
        }
    }

    /// The cramp the form describes, added by hand; `now_ms` rules out times to come.
    pub fn read(&self, now_ms: i64, clock: &impl LocalClock) -> Result<NewCramp, FormError> {
        let date: LocalDate = self.date.trim().parse().map_err(|_| FormError::Date)?;
        let minute = parse_time(self.time.trim()).ok_or(FormError::Time)?;
        let start_ms = clock.instant(date, minute);
        if start_ms > now_ms {
            return Err(FormError::Future);
        }
        // Seconds from minutes as typed, to the thousandth of a minute; no floats in the bundle.
        let thousandths = decimal::parse(&self.minutes, 3).ok_or(FormError::Minutes)?;
        let seconds = u64::try_from(thousandths)
            .ok()
            .map(|t| decimal::divide(t * 60, 1000, Rounding::Nearest))
            .filter(|s| *s <= u64::from(MAX_SECONDS))
            .ok_or(FormError::Minutes)?;
        Ok(NewCramp {
            id: (),
            start_ms,
            seconds: seconds as u32,
            muscle: Muscle::from_name(&self.muscle).ok_or(FormError::Muscle)?,
            side: Side::from_name(&self.side),
            tried: self.tried.clone(),
            helped: self.helped.clone(),
            woke: match self.woke.as_str() {
                "yes" => Some(true),
                "no" => Some(false),
                _ => None,
            },
            by_hand: true,
        })
    }
}

/// "1.5" for 90 seconds, "2" for 120: minutes as a person types them.
fn minutes_text(seconds: u32) -> String {
    let hundredths = decimal::divide(u64::from(seconds) * 100, 60, Rounding::Nearest);
    decimal::text(hundredths, 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::fake::{at, Berlin2026};

    fn typed() -> CrampForm {
        CrampForm {
            date: "2026-11-30".into(),
            time: "03:10".into(),
            minutes: "1,5".into(),
            muscle: "thigh-back".into(),
            side: "right".into(),
            tried: vec![Relief::Heat],
            helped: vec![Relief::Stretch],
            woke: "yes".into(),
        }
    }

    #[test]
    fn a_typed_cramp_is_read_in_local_time() {
        let now = at("2026-12-01", 9, 0);
        let cramp = typed().read(now, &Berlin2026).expect("valid");
        assert_eq!(cramp.start_ms, at("2026-11-30", 3, 10));
        assert_eq!(cramp.seconds, 90);
        assert_eq!(cramp.muscle, Muscle::ThighBack);
        assert_eq!(cramp.side, Some(Side::Right));
        assert_eq!(cramp.woke, Some(true));
        assert!(cramp.by_hand);
    }

    #[test]
    fn mistakes_are_named() {
        let now = at("2026-12-01", 9, 0);
        let with = |change: fn(&mut CrampForm)| {
            let mut form = typed();
            change(&mut form);
            form.read(now, &Berlin2026)
        };
        assert_eq!(with(|f| f.date = "30/11/2026".into()), Err(FormError::Date));
        assert_eq!(with(|f| f.time = "25:00".into()), Err(FormError::Time));
        assert_eq!(
            with(|f| f.date = "2026-12-02".into()),
            Err(FormError::Future)
        );
        assert_eq!(with(|f| f.minutes = "-1".into()), Err(FormError::Minutes));
        assert_eq!(with(|f| f.minutes = "2000".into()), Err(FormError::Minutes));
        assert_eq!(with(|f| f.muscle = "arm".into()), Err(FormError::Muscle));
        assert_eq!(with(|f| f.side = String::new()).map(|c| c.side), Ok(None));
    }

    #[test]
    fn a_past_cramp_starts_last_night_at_3_or_now_before_3() {
        let starts = |day, hh, mm| {
            let form = CrampForm::for_a_past_cramp(at(day, hh, mm), &Berlin2026);
            (form.date, form.time)
        };
        let on = |day: &str, time: &str| (day.to_string(), time.to_string());
        assert_eq!(starts("2026-12-01", 9, 0), on("2026-12-01", "03:00"));
        assert_eq!(starts("2026-12-01", 23, 59), on("2026-12-01", "03:00"));
        assert_eq!(starts("2026-12-01", 3, 0), on("2026-12-01", "03:00"));
        assert_eq!(starts("2026-12-01", 2, 59), on("2026-12-01", "02:59"));
        assert_eq!(starts("2026-12-01", 0, 0), on("2026-12-01", "00:00"));
        // The nights the clocks change: 03:00 is there on both.
        assert_eq!(starts("2026-03-29", 8, 0), on("2026-03-29", "03:00"));
        assert_eq!(starts("2026-10-25", 8, 0), on("2026-10-25", "03:00"));
        let form = CrampForm::for_a_past_cramp(at("2026-12-01", 9, 0), &Berlin2026);
        assert_eq!((form.minutes.as_str(), form.muscle.as_str()), ("1", "calf"));
        let cramp = form
            .read(at("2026-12-01", 9, 0), &Berlin2026)
            .expect("saved as it starts");
        assert_eq!(cramp.start_ms, at("2026-12-01", 3, 0));
        // Before 03:00 it is now, never a time to come.
        let night = at("2026-12-01", 2, 59) + 30_000;
        let form = CrampForm::for_a_past_cramp(night, &Berlin2026);
        assert!(form.read(night, &Berlin2026).is_ok());
    }

    #[test]
    fn an_entry_shown_for_editing_reads_back_the_same() {
        let now = at("2026-12-01", 9, 0);
        let new = typed().read(now, &Berlin2026).expect("valid");
        let mut diary = crate::diary::model::Diary::default();
        let id = diary.add(new);
        let cramp = diary.get(id).expect("added").clone();
        let again = CrampForm::of(&cramp, &Berlin2026)
            .read(now, &Berlin2026)
            .expect("valid");
        assert_eq!(
            (again.start_ms, again.seconds, again.side),
            (cramp.start_ms, 90, cramp.side)
        );
        assert_eq!(minutes_text(120), "2");
        assert_eq!(minutes_text(45), "0.75");
    }
}
