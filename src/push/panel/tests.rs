use super::*;
use crate::clock::fake::date;

fn everything() -> Capabilities {
    Capabilities {
        server_sends: true,
        apple_mobile: false,
        standalone: false,
        push_manager: true,
        service_worker: true,
        permission: Permission::Default,
    }
}

#[test]
fn push_works_where_everything_is_there_and_says_why_not_otherwise() {
    assert_eq!(blocker(&everything()), None);
    let granted = Capabilities {
        permission: Permission::Granted,
        ..everything()
    };
    assert_eq!(blocker(&granted), None);
    let cases = [
        (
            Capabilities {
                server_sends: false,
                permission: Permission::Denied,
                ..everything()
            },
            Blocker::NoServer,
        ),
        (
            Capabilities {
                apple_mobile: true,
                push_manager: false,
                ..everything()
            },
            Blocker::NeedsHomeScreen,
        ),
        (
            Capabilities {
                push_manager: false,
                ..everything()
            },
            Blocker::NoPush,
        ),
        (
            Capabilities {
                service_worker: false,
                ..everything()
            },
            Blocker::NoPush,
        ),
        (
            Capabilities {
                permission: Permission::Unsupported,
                ..everything()
            },
            Blocker::NoPush,
        ),
        (
            Capabilities {
                permission: Permission::Denied,
                ..everything()
            },
            Blocker::Denied,
        ),
    ];
    for (can, expected) in cases {
        assert_eq!(blocker(&can), Some(expected), "{can:?}");
    }
    // The app on the Home Screen of an iPhone has push.
    let home_screen = Capabilities {
        apple_mobile: true,
        standalone: true,
        ..everything()
    };
    assert_eq!(blocker(&home_screen), None);
}

#[test]
fn iphones_and_ipads_are_told_apart_from_macs() {
    let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
    let mac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15";
    let android = "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36";
    assert!(is_apple_mobile(iphone, 5));
    assert!(is_apple_mobile(mac, 5), "iPadOS says it is a Mac");
    assert!(!is_apple_mobile(mac, 0));
    assert!(!is_apple_mobile(android, 5));
}

#[test]
fn every_reason_says_what_to_do_and_points_to_the_calendar() {
    for blocker in [
        Blocker::NoServer,
        Blocker::NeedsHomeScreen,
        Blocker::NoPush,
        Blocker::Denied,
    ] {
        assert!(blocker_text(blocker).contains("calendar"), "{blocker:?}");
    }
    assert!(blocker_text(Blocker::NeedsHomeScreen).contains("Add to Home Screen"));
    assert!(blocker_text(Blocker::Denied).contains("Allow"));
}

#[test]
fn the_note_says_what_is_kept_and_for_how_long() {
    for kind in ReminderKind::ALL {
        let note = keeps_note(kind);
        for part in [
            "push address and keys",
            "time zone",
            "random id",
            "No drinks, no diary, no IP address",
            "turn this off",
            "push service says the address is gone",
            "45 days",
        ] {
            assert!(note.contains(part), "{kind:?}: {part}");
        }
    }
    assert_eq!(UNSEEN_DAYS, 45);
}

#[test]
fn the_status_line_gives_the_next_reminder_in_local_time() {
    let today = date("2026-11-25");
    let at = |date, minute_of_day| {
        Some(LocalDateTime {
            date,
            minute_of_day,
        })
    };
    let on = Phase::On {
        next_at_ms: Some(1),
    };
    assert_eq!(
        phase_text(on, at(today, 20 * 60), today),
        "On. Next reminder at 20:00."
    );
    assert_eq!(
        phase_text(on, at(today.next(), 8 * 60), today),
        "On. Next reminder at 08:00 tomorrow."
    );
    assert_eq!(
        phase_text(on, at(today.add_days(2), 8 * 60), today),
        "On. Next reminder on 2026-11-27 at 08:00."
    );
    assert_eq!(
        phase_text(Phase::On { next_at_ms: None }, None, today),
        "On."
    );
    assert_eq!(phase_text(Phase::Off, None, today), "");
    assert_eq!(
        phase_text(Phase::TurningOn, None, today),
        "Turning on\u{2026}"
    );
}

#[test]
fn the_switch_is_pressed_while_on_and_only_takes_taps_at_rest() {
    let on = Phase::On { next_at_ms: None };
    assert!(on.pressed() && Phase::TurningOff.pressed());
    assert!(!Phase::Off.pressed() && !Phase::TurningOn.pressed() && !Phase::Checking.pressed());
    assert!(on.settled() && Phase::Off.settled());
    assert!(!Phase::Checking.settled() && !Phase::TurningOn.settled());
    assert_eq!(on.label(), "On");
    assert_eq!(Phase::Off.label(), "Off");
}

#[test]
fn opening_resends_a_live_subscription_and_forgets_a_gone_one() {
    assert_eq!(on_open(false, false), OnOpen::Off);
    assert_eq!(on_open(false, true), OnOpen::Off);
    assert_eq!(on_open(true, true), OnOpen::Resend);
    assert_eq!(on_open(true, false), OnOpen::Forget);
}
