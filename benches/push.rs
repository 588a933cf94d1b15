//! How many reminders one core can push: each push encrypted for its phone (RFC 8291), signed
//! (VAPID, RFC 8292) and POSTed to a fake push service on loopback that answers 201 without
//! looking. The target is at least 500 pushes a second per core.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use leg_relief::push::{
    sender::{Outcome, PushSender},
    webpush::{build_push, vapid_authorization, PushOptions, Topic, Urgency, VapidKeys},
    PushSubscription,
};
use std::{hint::black_box, sync::Arc, time::Duration};
use tokio::{runtime, task::JoinSet};

#[path = "../tests/support/fake_push.rs"]
mod fake_push;
use fake_push::{unix_now, FakePushService};

/// Pushes in flight at once, as when a minute's reminders go out together.
const IN_FLIGHT: usize = 64;

const CONTACT: &str = "mailto:reminders@example.org";

/// The fake push service on a thread and runtime of its own, so that its work is not counted
/// against the sending core.
fn fake_on_its_own_core() -> FakePushService {
    let (started, fake) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async {
            started
                .send(FakePushService::accept_all_without_checks().await)
                .expect("the bench waits for the fake");
            std::future::pending::<()>().await
        })
    });
    fake.recv().expect("the fake push service starts")
}

/// Builds and sends one push per subscription, all in flight at once.
async fn push_all(
    sender: &PushSender,
    keys: &Arc<VapidKeys>,
    subscriptions: &[PushSubscription],
    options: &PushOptions,
) {
    let mut in_flight = JoinSet::new();
    for subscription in subscriptions {
        let (sender, keys, subscription, options) = (
            sender.clone(),
            Arc::clone(keys),
            subscription.clone(),
            options.clone(),
        );
        in_flight.spawn(async move {
            let payload = br#"{"kind":"water","title":"Time for a drink","url":"/water"}"#;
            let request = build_push(&subscription, payload, &options, &keys, CONTACT, unix_now())
                .expect("builds");
            sender.send(request).await
        });
    }
    while let Some(outcome) = in_flight.join_next().await {
        assert_eq!(outcome.expect("a push task"), Outcome::Delivered);
    }
}

fn push(c: &mut Criterion) {
    let fake = fake_on_its_own_core();
    let subscriptions: Vec<_> = (0..IN_FLIGHT).map(|_| fake.subscription()).collect();
    let keys = Arc::new(VapidKeys::generate().expect("keys"));
    let sender = PushSender::new(Duration::from_secs(10)).expect("a client");
    let options = PushOptions {
        ttl_seconds: 3600,
        urgency: Urgency::Normal,
        topic: Some(Topic::new("water").expect("a valid topic")),
    };
    // A current-thread runtime: one core does all the sending (encryption, signing and HTTP),
    // so the figure is pushes per second per core.
    let sending_core = runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");

    let mut group = c.benchmark_group("push");
    group.throughput(Throughput::Elements(IN_FLIGHT as u64));
    group.bench_function("build and send, 64 in flight", |b| {
        b.iter(|| sending_core.block_on(push_all(&sender, &keys, &subscriptions, &options)))
    });
    group.finish();

    // The parts of a push's cost, for when the figure above moves.
    let mut parts = c.benchmark_group("push parts");
    parts.throughput(Throughput::Elements(1));
    parts.bench_function("sign a VAPID header", |b| {
        b.iter(|| vapid_authorization(&keys, black_box(fake.origin()), CONTACT, unix_now()))
    });
    parts.bench_function("build (encrypt, cached VAPID header)", |b| {
        b.iter(|| {
            build_push(
                &subscriptions[0],
                b"hi",
                &options,
                &keys,
                CONTACT,
                unix_now(),
            )
        })
    });
    parts.finish();
}

criterion_group!(benches, push);
criterion_main!(benches);
