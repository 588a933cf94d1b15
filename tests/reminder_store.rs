//! The reminder store's contract, checked on both backends: every scenario below runs once on a
//! SQLite file in a temporary folder and once on a fresh PostgreSQL database.
//!
//! The PostgreSQL half needs TEST_DATABASE_URL (`make test` sets it, through
//! `.ci/postgres.sh run ...`); without it those tests fail rather than pass unchecked.
#![cfg(feature = "ssr")]

#[path = "support/databases.rs"]
mod databases;

use databases::{PostgresDatabase, SqliteDatabase};
use leg_relief::push::store::{AnyStore, ReminderRow, ReminderStore, StoreError};
use leg_relief::push::{ReminderKind, Schedule};
use leg_relief::reminders::ReminderSettings;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::path::Path;

const NOW: i64 = 1_767_225_600_000;
const MINUTE: i64 = 60_000;

/// A reminder row as the server would save it, due at `next_at_ms`.
fn reminder(id: &str, endpoint: &str, kind: ReminderKind, next_at_ms: i64) -> ReminderRow {
    let schedule = match kind {
        ReminderKind::Water => Schedule::Water {
            reminders: ReminderSettings::default(),
        },
        ReminderKind::Bedtime => Schedule::Bedtime { at: 22 * 60 },
    };
    ReminderRow {
        id: id.to_owned(),
        secret_hash: Sha256::digest(format!("the secret of {id}")).to_vec(),
        endpoint: format!("https://push.example.net/send/{endpoint}"),
        p256dh: "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM"
            .to_owned(),
        auth: "tBHItJI5svbpez7KI4CCXg".to_owned(),
        kind,
        schedule: serde_json::to_string(&schedule).expect("a schedule serialises"),
        time_zone: "Europe/Lisbon".to_owned(),
        next_at_ms,
        seen_at_ms: NOW,
        failures: 0,
    }
}

fn ids(rows: &[ReminderRow]) -> Vec<&str> {
    rows.iter().map(|row| row.id.as_str()).collect()
}

async fn save_then_find<S: ReminderStore>(store: S) {
    let saved = reminder("a", "phone-a", ReminderKind::Water, NOW + MINUTE);
    store.save(&saved).await.expect("save");
    assert_eq!(store.find("a").await.expect("find"), Some(saved));
    assert_eq!(store.find("missing").await.expect("find"), None);
}

async fn save_replaces_the_row_with_the_same_id<S: ReminderStore>(store: S) {
    store
        .save(&reminder("a", "phone-a", ReminderKind::Water, NOW))
        .await
        .expect("save");
    let changed = ReminderRow {
        schedule: serde_json::to_string(&Schedule::Bedtime { at: 21 * 60 }).expect("json"),
        kind: ReminderKind::Bedtime,
        time_zone: "America/Sao_Paulo".to_owned(),
        next_at_ms: NOW + 5 * MINUTE,
        seen_at_ms: NOW + MINUTE,
        failures: 2,
        ..reminder("a", "phone-a2", ReminderKind::Bedtime, NOW)
    };
    store.save(&changed).await.expect("save again");
    assert_eq!(store.find("a").await.expect("find"), Some(changed));
    assert_eq!(store.count().await.expect("count"), 1);
}

async fn save_replaces_the_same_phones_reminder_of_that_kind<S: ReminderStore>(store: S) {
    let water = reminder("old-water", "phone-a", ReminderKind::Water, NOW);
    let bedtime = reminder("bedtime", "phone-a", ReminderKind::Bedtime, NOW);
    let other_phone = reminder("other", "phone-b", ReminderKind::Water, NOW);
    for row in [&water, &bedtime, &other_phone] {
        store.save(row).await.expect("save");
    }
    // The phone lost its registration and registered its water reminder again.
    let again = reminder("new-water", "phone-a", ReminderKind::Water, NOW);
    store.save(&again).await.expect("save under a new id");

    assert_eq!(store.find("old-water").await.expect("find"), None);
    assert_eq!(store.find("new-water").await.expect("find"), Some(again));
    assert_eq!(store.find("bedtime").await.expect("find"), Some(bedtime));
    assert_eq!(store.find("other").await.expect("find"), Some(other_phone));
    assert_eq!(store.count().await.expect("count"), 3);
}

async fn delete_says_whether_a_row_went<S: ReminderStore>(store: S) {
    store
        .save(&reminder("a", "phone-a", ReminderKind::Water, NOW))
        .await
        .expect("save");
    assert!(store.delete("a").await.expect("delete"));
    assert_eq!(store.find("a").await.expect("find"), None);
    assert!(!store.delete("a").await.expect("delete again"));
}

async fn claim_due_takes_due_rows_in_order_up_to_the_limit<S: ReminderStore>(store: S) {
    for (id, next_at_ms) in [
        ("later", NOW + MINUTE),
        ("third", NOW),
        ("first", NOW - 3 * MINUTE),
        ("second", NOW - MINUTE),
    ] {
        let endpoint = format!("phone-{id}");
        let row = reminder(id, &endpoint, ReminderKind::Water, next_at_ms);
        store.save(&row).await.expect("save");
    }
    let lease = NOW + MINUTE;
    let claimed = store.claim_due(NOW, lease, 2).await.expect("claim");
    assert_eq!(ids(&claimed), ["first", "second"]);
    assert_eq!(
        claimed[0],
        reminder(
            "first",
            "phone-first",
            ReminderKind::Water,
            NOW - 3 * MINUTE
        )
    );

    let rest = store
        .claim_due(NOW, lease, 10)
        .await
        .expect("claim the rest");
    assert_eq!(
        ids(&rest),
        ["third"],
        "not the claimed rows, nor the one not due"
    );
    assert!(store
        .claim_due(NOW, lease, 10)
        .await
        .expect("claim")
        .is_empty());
}

async fn a_claimed_row_waits_for_its_lease_to_end<S: ReminderStore>(store: S) {
    store
        .save(&reminder("a", "phone-a", ReminderKind::Bedtime, NOW))
        .await
        .expect("save");
    let lease = NOW + MINUTE;
    assert_eq!(
        ids(&store.claim_due(NOW, lease, 10).await.expect("claim")),
        ["a"]
    );
    let during = store.claim_due(lease - 1, lease - 1 + MINUTE, 10).await;
    assert!(during.expect("claim during the lease").is_empty());
    // The scheduler that held it died: once the lease lapses, another takes the row.
    let after = store.claim_due(lease, lease + MINUTE, 10).await;
    assert_eq!(ids(&after.expect("claim after the lease")), ["a"]);
}

async fn reschedule_clears_the_claim<S: ReminderStore>(store: S) {
    store
        .save(&reminder("a", "phone-a", ReminderKind::Water, NOW))
        .await
        .expect("save");
    let long_lease = NOW + 60 * MINUTE;
    store.claim_due(NOW, long_lease, 10).await.expect("claim");
    store
        .reschedule("a", NOW + MINUTE, 3)
        .await
        .expect("reschedule");

    let row = store
        .find("a")
        .await
        .expect("find")
        .expect("the row is there");
    assert_eq!((row.next_at_ms, row.failures), (NOW + MINUTE, 3));
    let next = store.claim_due(NOW + MINUTE, NOW + 2 * MINUTE, 10).await;
    assert_eq!(ids(&next.expect("claim")), ["a"], "due again, lease or not");

    store
        .reschedule("missing", NOW, 0)
        .await
        .expect("a gone row is no error");
    assert_eq!(store.count().await.expect("count"), 1);
}

async fn two_claimers_get_every_row_exactly_once<S: ReminderStore + 'static>(first: S, second: S) {
    const ROWS: usize = 200;
    for n in 0..ROWS {
        let id = format!("row-{n:03}");
        let row = reminder(&id, &id, ReminderKind::Water, NOW - n as i64);
        first.save(&row).await.expect("save");
    }
    let claim_until_none_left = |store: S| {
        tokio::spawn(async move {
            let mut claimed = Vec::new();
            loop {
                let batch = store.claim_due(NOW, NOW + MINUTE, 7).await.expect("claim");
                if batch.is_empty() {
                    return claimed;
                }
                claimed.extend(batch.into_iter().map(|row| row.id));
                // Let the other claimer in between batches, as a real scheduler would.
                tokio::task::yield_now().await;
            }
        })
    };
    let (by_first, by_second) = (claim_until_none_left(first), claim_until_none_left(second));
    let by_first = by_first.await.expect("first claimer");
    let by_second = by_second.await.expect("second claimer");

    let all: Vec<&String> = by_first.iter().chain(&by_second).collect();
    let distinct: HashSet<&String> = all.iter().copied().collect();
    assert_eq!(
        all.len(),
        ROWS,
        "every row claimed once: {} and {}",
        by_first.len(),
        by_second.len()
    );
    assert_eq!(distinct.len(), ROWS, "no row claimed twice");
}

async fn forget_unseen_deletes_rows_not_seen_since<S: ReminderStore>(store: S) {
    for (id, seen_at_ms) in [("stale", NOW - 2), ("edge", NOW - 1), ("fresh", NOW)] {
        let row = ReminderRow {
            seen_at_ms,
            ..reminder(id, id, ReminderKind::Water, NOW)
        };
        store.save(&row).await.expect("save");
    }
    assert_eq!(store.forget_unseen(NOW - 1).await.expect("forget"), 1);
    assert_eq!(store.find("stale").await.expect("find"), None);
    assert!(store.find("edge").await.expect("find").is_some());
    assert_eq!(store.forget_unseen(NOW - 1).await.expect("forget again"), 0);
    assert_eq!(store.count().await.expect("count"), 2);
}

async fn mark_seen_moves_only_the_seen_time<S: ReminderStore>(store: S) {
    let row = ReminderRow {
        seen_at_ms: NOW - 5,
        ..reminder("kept", "kept", ReminderKind::Bedtime, NOW)
    };
    store.save(&row).await.expect("save");
    assert!(store.mark_seen("kept", NOW).await.expect("mark"));
    let marked = store
        .find("kept")
        .await
        .expect("find")
        .expect("still there");
    assert_eq!(
        marked,
        ReminderRow {
            seen_at_ms: NOW,
            ..row
        }
    );
    assert!(!store
        .mark_seen("gone", NOW)
        .await
        .expect("mark a missing row"));
    assert_eq!(store.forget_unseen(NOW).await.expect("forget"), 0);
}

async fn the_first_vapid_key_stored_wins<S: ReminderStore>(first: S, second: S) {
    let (one, two) = ([1_u8; 32], [2_u8; 32]);
    let (for_first, for_second) = tokio::join!(first.vapid_key(&one), second.vapid_key(&two));
    let (for_first, for_second) = (for_first.expect("first"), for_second.expect("second"));
    assert_eq!(for_first, for_second, "both replicas end up with one key");
    assert!(for_first == one || for_first == two);

    let later = first.vapid_key(&[3; 32]).await.expect("a later start");
    assert_eq!(later, for_first);
}

async fn count_counts_rows<S: ReminderStore>(store: S) {
    assert_eq!(store.count().await.expect("count"), 0);
    for id in ["a", "b", "c"] {
        let row = reminder(id, id, ReminderKind::Bedtime, NOW);
        store.save(&row).await.expect("save");
    }
    assert_eq!(store.count().await.expect("count"), 3);
    store.delete("b").await.expect("delete");
    assert_eq!(store.count().await.expect("count"), 2);
}

/// Runs each scenario on both backends, with as many stores on the same database as it takes.
macro_rules! on_both_backends {
    ($($scenario:ident($($store:ident),+);)*) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $scenario() {
                    let database = super::SqliteDatabase::new();
                    super::$scenario($({ let $store = database.open().await; $store }),+).await;
                }
            )*
        }

        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $scenario() {
                    let database = super::PostgresDatabase::create().await;
                    super::$scenario($({ let $store = database.open().await; $store }),+).await;
                    database.drop_database().await;
                }
            )*
        }
    };
}

on_both_backends! {
    save_then_find(store);
    save_replaces_the_row_with_the_same_id(store);
    save_replaces_the_same_phones_reminder_of_that_kind(store);
    delete_says_whether_a_row_went(store);
    claim_due_takes_due_rows_in_order_up_to_the_limit(store);
    a_claimed_row_waits_for_its_lease_to_end(store);
    reschedule_clears_the_claim(store);
    two_claimers_get_every_row_exactly_once(first, second);
    forget_unseen_deletes_rows_not_seen_since(store);
    mark_seen_moves_only_the_seen_time(store);
    the_first_vapid_key_stored_wins(first, second);
    count_counts_rows(store);
}

#[tokio::test]
async fn with_no_url_the_store_is_a_private_sqlite_file_in_the_data_folder() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let data = folder.path().join("not yet made");
    let store = AnyStore::open(None, &data).await.expect("open");
    assert!(matches!(store, AnyStore::Sqlite(_)));
    let file = data.join(AnyStore::DEFAULT_FILE);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file)
            .expect("the file")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "only the server's user may read it");
    }
    assert!(file.is_file());
    let empty = AnyStore::open(Some(""), &data).await.expect("open");
    assert!(matches!(empty, AnyStore::Sqlite(_)));
}

#[tokio::test]
async fn a_sqlite_url_names_the_file() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let file = folder.path().join("elsewhere/reminders.db");
    let url = format!("sqlite://{}", file.display());
    let store = AnyStore::open(Some(&url), Path::new("/nonexistent")).await;
    assert!(matches!(store, Ok(AnyStore::Sqlite(_))));
    assert!(file.is_file());
}

#[tokio::test]
async fn an_unknown_url_is_refused_without_printing_it() {
    let result = AnyStore::open(Some("mysql://admin:hunter2@db/reminders"), Path::new(".")).await;
    let Err(error @ StoreError::UnsupportedUrl { .. }) = result else {
        panic!("a MySQL URL is refused");
    };
    let message = error.to_string();
    assert!(
        message.contains("\"mysql\"") && message.contains("postgres://"),
        "{message}"
    );
    assert!(!message.contains("hunter2"), "{message}");
}

#[tokio::test]
async fn an_unreachable_postgresql_is_reported_without_its_password() {
    // Port 1 on this machine: nothing listens there, so the connection is refused at once.
    let url = "postgres://reminders:hunter2@127.0.0.1:1/leg_relief";
    let Err(error) = AnyStore::open(Some(url), Path::new(".")).await else {
        panic!("nothing listens on port 1");
    };
    let message = error.to_string();
    assert!(
        message
            .starts_with("cannot reach PostgreSQL at postgres://reminders@127.0.0.1:1/leg_relief"),
        "{message}"
    );
    assert!(!message.contains("hunter2"), "{message}");
}

#[tokio::test]
async fn an_unwritable_data_folder_says_what_to_check() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    // A file where the data folder should be: no database can be made inside it.
    let not_a_folder = folder.path().join("data");
    std::fs::write(&not_a_folder, "").expect("a file");
    let Err(error) = AnyStore::open(None, &not_a_folder).await else {
        panic!("a file is no data folder");
    };
    let message = error.to_string();
    assert!(
        message.starts_with("cannot open the reminder database at "),
        "{message}"
    );
    assert!(
        message.contains("check the data folder's permissions"),
        "{message}"
    );
}
