//! Push reminders end to end inside the server: the server functions over HTTP, the scheduler
//! sending to a fake push service on loopback (which checks VAPID and decrypts like a phone),
//! and two schedulers on one database sending each due reminder exactly once.
#![cfg(feature = "ssr")]

#[path = "support/databases.rs"]
mod databases;
#[path = "support/fake_push.rs"]
mod fake_push;

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
    Router,
};
use databases::{PostgresDatabase, SqliteDatabase};
use fake_push::{Answer, FakePushService};
use http_body_util::BodyExt;
use leg_relief::{
    clock::LocalClock,
    push::{
        notice::Notice,
        sender::PushSender,
        service::{Outbox, Reminders, Round},
        store::{AnyStore, ReminderRow, ReminderStore},
        webpush::VapidKeys,
        zone::ZoneClock,
        PushSubscription, Registration, ReminderKind, Schedule, Subscribed,
    },
    server::{self, settings::Settings},
};
use serde_json::{json, Value};
use std::{collections::HashMap, sync::Arc, time::Duration};
use tower::ServiceExt;

const CONTACT: &str = "mailto:reminders@example.org";
const ZONE: &str = "Europe/Berlin";
const BEDTIME: Schedule = Schedule::Bedtime { at: 22 * 60 };

fn berlin(day: &str, hour: u16, minute: u16) -> i64 {
    ZoneClock::named(ZONE)
        .unwrap()
        .instant(day.parse().unwrap(), hour * 60 + minute)
}

fn reminders_on(store: AnyStore, keys: VapidKeys, fake: &FakePushService) -> Arc<Reminders> {
    let host = fake.origin().trim_start_matches("http://").to_string();
    Arc::new(Reminders::new(
        store,
        Outbox {
            keys,
            contact: CONTACT.into(),
            hosts: vec![host],
            sender: PushSender::new(Duration::from_secs(5)).unwrap(),
        },
    ))
}

/// A fake push service and the server's reminders on a fresh SQLite file.
/// The stored row of a registration that must exist.
async fn stored(reminders: &Reminders, id: &str) -> ReminderRow {
    reminders
        .store()
        .find(id)
        .await
        .expect("the store answers")
        .expect("the registration is stored")
}

async fn sqlite_setup(database: &SqliteDatabase) -> (FakePushService, Arc<Reminders>) {
    let keys = VapidKeys::generate().unwrap();
    let fake = FakePushService::start(keys.public_key_base64url()).await;
    let reminders = reminders_on(AnyStore::Sqlite(database.open().await), keys, &fake);
    (fake, reminders)
}

async fn subscribe(
    reminders: &Reminders,
    subscription: PushSubscription,
    schedule: Schedule,
    now: i64,
) -> Subscribed {
    reminders
        .subscribe_at(subscription, schedule, ZONE, None, now)
        .await
        .expect("subscribed")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_due_reminder_is_sent_once_encrypted_and_moves_to_the_next_night() {
    let database = SqliteDatabase::new();
    let (fake, reminders) = sqlite_setup(&database).await;
    let phone = fake.subscription();
    let subscribed = subscribe(
        &reminders,
        phone.clone(),
        BEDTIME,
        berlin("2026-03-28", 21, 0),
    )
    .await;
    assert_eq!(subscribed.next_at_ms, Some(berlin("2026-03-28", 22, 0)));

    let early = reminders
        .send_due(berlin("2026-03-28", 21, 59))
        .await
        .unwrap();
    assert_eq!(early, Round::default());
    let due = reminders
        .send_due(berlin("2026-03-28", 22, 0))
        .await
        .unwrap();
    assert_eq!(due.sent, 1);
    let received = fake.received_for(FakePushService::id_of(&phone));
    assert_eq!(received.len(), 1);
    let notice: Notice = serde_json::from_slice(&received[0].plaintext).unwrap();
    assert_eq!(notice, Notice::for_kind(ReminderKind::Bedtime));
    assert_eq!(received[0].topic.as_deref(), Some("bedtime"));
    assert_eq!(received[0].urgency.as_deref(), Some("normal"));
    assert_eq!(received[0].ttl, 3600);

    // Sent: the row waits for the next night, 23 hours on (clocks go forward that night).
    let row = stored(&reminders, &subscribed.registration.id).await;
    assert_eq!(row.next_at_ms, berlin("2026-03-29", 22, 0));
    assert_eq!(row.next_at_ms - berlin("2026-03-28", 22, 0), 23 * 3_600_000);
    let again = reminders
        .send_due(berlin("2026-03-28", 22, 1))
        .await
        .unwrap();
    assert_eq!(again, Round::default());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gone_subscriptions_are_deleted_and_busy_push_services_are_retried_later() {
    let database = SqliteDatabase::new();
    let (fake, reminders) = sqlite_setup(&database).await;
    let now = berlin("2026-06-01", 22, 0);
    let phones: Vec<(PushSubscription, Answer)> = [
        Answer::Status(404),
        Answer::Status(410),
        Answer::TooManyRequests { retry_after_s: 120 },
        Answer::Status(503),
        Answer::Status(413),
    ]
    .into_iter()
    .map(|answer| {
        let phone = fake.subscription();
        fake.set_answer(FakePushService::id_of(&phone), answer);
        (phone, answer)
    })
    .collect();
    let mut ids = Vec::new();
    for (phone, _) in &phones {
        ids.push(
            subscribe(&reminders, phone.clone(), BEDTIME, now - 60_000)
                .await
                .registration
                .id,
        );
    }
    let round = reminders.send_due(now).await.unwrap();
    assert_eq!(
        round,
        Round {
            sent: 0,
            gone: 2,
            retrying: 2,
            refused: 1,
            skipped: 0
        }
    );
    let store = reminders.store();
    assert_eq!(store.find(&ids[0]).await.unwrap(), None, "404: deleted");
    assert_eq!(store.find(&ids[1]).await.unwrap(), None, "410: deleted");
    let limited = store.find(&ids[2]).await.unwrap().unwrap();
    assert_eq!(
        (limited.next_at_ms, limited.failures),
        (now + 120_000, 1),
        "429: Retry-After"
    );
    let busy = store.find(&ids[3]).await.unwrap().unwrap();
    assert_eq!(
        (busy.next_at_ms, busy.failures),
        (now + 60_000, 1),
        "503: a minute"
    );
    let refused = store.find(&ids[4]).await.unwrap().unwrap();
    assert_eq!(
        refused.next_at_ms,
        berlin("2026-06-02", 22, 0),
        "413: the next night"
    );

    // Still failing a minute later: the wait doubles; then it gets through and starts afresh.
    reminders.send_due(now + 60_000).await.unwrap();
    let busy = store.find(&ids[3]).await.unwrap().unwrap();
    assert_eq!((busy.next_at_ms, busy.failures), (now + 180_000, 2));
    fake.set_answer(FakePushService::id_of(&phones[3].0), Answer::Status(201));
    let round = reminders.send_due(now + 180_000).await.unwrap();
    assert_eq!(round.sent, 1);
    let busy = store.find(&ids[3]).await.unwrap().unwrap();
    assert_eq!(
        (busy.next_at_ms, busy.failures),
        (berlin("2026-06-02", 22, 0), 0)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slot_missed_while_the_server_was_down_is_skipped_not_sent_late() {
    let database = SqliteDatabase::new();
    let (fake, reminders) = sqlite_setup(&database).await;
    let phone = fake.subscription();
    let water = Schedule::Water {
        reminders: Default::default(),
    };
    let id = subscribe(&reminders, phone, water, berlin("2026-06-01", 7, 0))
        .await
        .registration
        .id;
    // Due at 08:00; the server comes back at 10:00.
    let round = reminders
        .send_due(berlin("2026-06-01", 10, 0))
        .await
        .unwrap();
    assert_eq!(round.skipped, 1);
    assert!(fake.received().is_empty());
    let row = stored(&reminders, &id).await;
    assert_eq!(row.next_at_ms, berlin("2026-06-01", 11, 0));
}

/// 200 reminders due at once, two schedulers (each with its own connections) sending together.
async fn two_schedulers_send_each_reminder_exactly_once(first: AnyStore, second: AnyStore) {
    let keys = VapidKeys::generate().unwrap();
    let private = keys.private_bytes();
    let fake = FakePushService::start(keys.public_key_base64url()).await;
    let one = reminders_on(first, keys, &fake);
    let other = reminders_on(
        second,
        VapidKeys::from_private_bytes(&private).unwrap(),
        &fake,
    );
    let before = berlin("2026-06-01", 21, 0);
    for _ in 0..200 {
        subscribe(&one, fake.subscription(), BEDTIME, before).await;
    }
    let now = berlin("2026-06-01", 22, 0);
    let (a, b) = tokio::join!(one.send_due(now), other.send_due(now));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.sent + b.sent, 200, "{a:?} {b:?}");
    let mut per_phone: HashMap<String, usize> = HashMap::new();
    for received in fake.received() {
        *per_phone.entry(received.id).or_default() += 1;
    }
    assert_eq!(per_phone.len(), 200);
    assert!(
        per_phone.values().all(|&count| count == 1),
        "a phone got a reminder twice"
    );
    // Neither sends again until the next night.
    let (a, b) = tokio::join!(one.send_due(now + 1000), other.send_due(now + 1000));
    assert_eq!(
        (a.unwrap(), b.unwrap()),
        (Round::default(), Round::default())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_schedulers_on_one_sqlite_file_send_each_reminder_once() {
    let database = SqliteDatabase::new();
    two_schedulers_send_each_reminder_exactly_once(
        AnyStore::Sqlite(database.open().await),
        AnyStore::Sqlite(database.open().await),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_schedulers_on_one_postgresql_send_each_reminder_once() {
    let database = PostgresDatabase::create().await;
    two_schedulers_send_each_reminder_exactly_once(
        AnyStore::Postgres(database.open().await),
        AnyStore::Postgres(database.open().await),
    )
    .await;
    database.drop_database().await;
}

/// The whole server, with reminders on.
async fn app_with(reminders: Arc<Reminders>) -> Router {
    let settings = Settings::parse("Leptos.toml", include_str!("../Leptos.toml")).unwrap();
    server::router(&settings, Some(reminders)).await.unwrap()
}

async fn call(app: &Router, function: &str, body: String) -> (StatusCode, Value) {
    let request = Request::post(format!("/api/reminders/{function}"))
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT, "application/json")
        .header(header::CONTENT_LENGTH, body.len())
        .body(Body::from(body))
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

fn message(value: &Value) -> &str {
    value["message"].as_str().unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_functions_refuse_bad_input_with_a_clear_4xx_and_store_nothing() {
    let database = SqliteDatabase::new();
    let (fake, reminders) = sqlite_setup(&database).await;
    let app = app_with(Arc::clone(&reminders)).await;
    let phone = fake.subscription();
    let good = json!({
        "subscription": phone,
        "schedule": BEDTIME,
        "time_zone": ZONE,
        "registration": null,
    });

    let (status, body) = call(&app, "subscribe", good.to_string()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let subscribed: Subscribed = serde_json::from_value(body).unwrap();
    let count = || async { reminders.store().count().await.unwrap() };
    assert_eq!(count().await, 1);

    let with = |path: &str, value: Value| {
        let mut body = good.clone();
        body.pointer_mut(path)
            .map(|slot| *slot = value)
            .expect("a field to change");
        body.to_string()
    };
    let refusals = [
        (
            "a broken key",
            with("/subscription/keys/p256dh", json!("not-a-key")),
        ),
        (
            "a short auth secret",
            with("/subscription/keys/auth", json!("AAAA")),
        ),
        (
            "an endpoint that is not a URL",
            with("/subscription/endpoint", json!("push me")),
        ),
        (
            "a push service not on the allow-list",
            with(
                "/subscription/endpoint",
                json!("https://push.example.net/send/abc"),
            ),
        ),
        (
            "plain http to another host",
            with("/subscription/endpoint", json!("http://10.0.0.1/push/x")),
        ),
        (
            "an unknown time zone",
            with("/time_zone", json!("Mars/Olympus_Mons")),
        ),
        (
            "a bedtime past midnight",
            with("/schedule", json!({"kind": "bedtime", "at": 1440})),
        ),
        (
            "a reminder every 5 minutes",
            with(
                "/schedule",
                json!({"kind": "water", "reminders": {"every_minutes": 5}}),
            ),
        ),
        (
            "a schedule of an unknown kind",
            with("/schedule", json!({"kind": "hourly"})),
        ),
        (
            "no subscription at all",
            json!({"schedule": BEDTIME, "time_zone": ZONE}).to_string(),
        ),
        ("not JSON", "subscription=1".to_string()),
    ];
    for (what, body) in refusals {
        let (status, answer) = call(&app, "subscribe", body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{what}: {answer}");
        assert!(
            message(&answer).len() > 20,
            "{what}: a sentence to act on, got {answer}"
        );
        assert_eq!(count().await, 1, "{what}: nothing stored");
    }
    let (status, answer) = call(
        &app,
        "subscribe",
        with("/subscription/keys/p256dh", json!("not-a-key")),
    )
    .await;
    assert!(message(&answer).contains("p256dh"), "{status} {answer}");

    // A body far beyond any subscription is cut off before it is read.
    let huge = with("/subscription/endpoint", json!("x".repeat(64 * 1024)));
    let (status, _) = call(&app, "subscribe", huge).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(count().await, 1);

    // The wrong secret changes nothing and deletes nothing.
    let stolen = json!({"id": subscribed.registration.id, "secret": "guessed"});
    let (status, answer) = call(&app, "forget", json!({"registration": stolen}).to_string()).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{answer}");
    let (status, _) = call(
        &app,
        "change",
        json!({"registration": stolen, "schedule": {"kind": "bedtime", "at": 60}, "time_zone": ZONE}).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let row = stored(&reminders, &subscribed.registration.id).await;
    assert_eq!(
        serde_json::from_str::<Schedule>(&row.schedule).unwrap(),
        BEDTIME
    );

    // An id the server does not know.
    let unknown = json!({"id": "nobody", "secret": "x"});
    let (status, answer) = call(&app, "test", json!({"registration": unknown}).to_string()).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{answer}");
    assert!(message(&answer).contains("Turn it on again"), "{answer}");

    // The owner: a test reminder arrives; then forgetting deletes the row at once.
    let owner = serde_json::to_value(&subscribed.registration).unwrap();
    let (status, answer) = call(&app, "test", json!({"registration": owner}).to_string()).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(fake.received_for(FakePushService::id_of(&phone)).len(), 1);
    let (status, _) = call(&app, "forget", json!({"registration": owner}).to_string()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(count().await, 0);
    let (status, _) = call(&app, "forget", json!({"registration": owner}).to_string()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn re_sending_on_open_keeps_the_registration_and_a_forgotten_one_gets_a_new_one() {
    let database = SqliteDatabase::new();
    let (fake, reminders) = sqlite_setup(&database).await;
    let phone = fake.subscription();
    let now = berlin("2026-06-01", 12, 0);
    let first = subscribe(&reminders, phone.clone(), BEDTIME, now)
        .await
        .registration;
    let again = reminders
        .subscribe_at(
            phone.clone(),
            BEDTIME,
            ZONE,
            Some(first.clone()),
            now + 1000,
        )
        .await
        .unwrap();
    assert_eq!(again.registration, first);
    let row = stored(&reminders, &first.id).await;
    assert_eq!(row.seen_at_ms, now + 1000);

    // 45 days without opening the app: deleted; the next opening starts afresh.
    let later = now + 46 * 86_400_000;
    assert_eq!(reminders.forget_unseen(later).await.unwrap(), 1);
    let renewed = reminders
        .subscribe_at(phone, BEDTIME, ZONE, Some(first.clone()), later)
        .await
        .unwrap();
    assert_ne!(renewed.registration.id, first.id);
    assert_eq!(reminders.store().count().await.unwrap(), 1);
    let _: Registration = renewed.registration;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn opening_any_page_keeps_the_devices_reminders_and_passes_over_forgotten_ones() {
    let database = SqliteDatabase::new();
    let (fake, reminders) = sqlite_setup(&database).await;
    let app = app_with(Arc::clone(&reminders)).await;
    let now = berlin("2026-06-01", 12, 0);
    let bedtime = subscribe(&reminders, fake.subscription(), BEDTIME, now)
        .await
        .registration;
    let forgotten = Registration {
        id: "not-a-row-the-server-has".into(),
        secret: bedtime.secret.clone(),
    };
    // What the device keeps (`PushDevice`), as public/pwa.js sends it.
    let device = json!({"water": forgotten, "bedtime": bedtime, "bedtime_at": 1320});
    let (status, body) = call(&app, "seen", json!({ "device": device }).to_string()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let row = stored(&reminders, &bedtime.id).await;
    assert!(row.seen_at_ms > now, "seen when the page opened");

    // 45 days later it would be forgotten, unless a page opened meanwhile.
    let seen = row.seen_at_ms;
    assert_eq!(
        reminders
            .forget_unseen(seen + 45 * 86_400_000 - 1)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        reminders
            .forget_unseen(seen + 45 * 86_400_000 + 1)
            .await
            .unwrap(),
        1
    );

    // Someone else's id with a guessed secret changes nothing.
    let other = subscribe(&reminders, fake.subscription(), BEDTIME, now)
        .await
        .registration;
    let guessed = json!({"device": {"bedtime": {"id": other.id, "secret": "guess"}}});
    let (status, body) = call(&app, "seen", guessed.to_string()).await;
    assert!(status.is_client_error(), "{status} {body}");
    let row = stored(&reminders, &other.id).await;
    assert_eq!(row.seen_at_ms, now);
    let (status, _) = call(&app, "seen", r#"{"device": "not a device"}"#.into()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}
