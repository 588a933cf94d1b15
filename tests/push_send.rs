//! The sender against a fake push service on loopback: what each answer means for the
//! subscription, and that what arrives is what was sent.
#![cfg(feature = "ssr")]

#[path = "support/fake_push.rs"]
mod fake_push;

use fake_push::{unix_now, Answer, FakePushService, Received};
use leg_relief::push::{
    sender::{Outcome, PushSender},
    webpush::{build_push, PushOptions, Topic, Urgency, VapidKeys},
    PushSubscription,
};
use std::time::{Duration, Instant};

const CONTACT: &str = "mailto:reminders@example.org";

/// Long enough for a debug build on a busy machine, short enough for the hanging test.
const TIMEOUT: Duration = Duration::from_secs(2);

struct Setup {
    fake: FakePushService,
    keys: VapidKeys,
    sender: PushSender,
}

async fn setup() -> Setup {
    let keys = VapidKeys::generate().expect("keys");
    Setup {
        fake: FakePushService::start(keys.public_key_base64url()).await,
        keys,
        sender: PushSender::new(TIMEOUT).expect("a client"),
    }
}

fn options() -> PushOptions {
    PushOptions {
        ttl_seconds: 600,
        urgency: Urgency::High,
        topic: Some(Topic::new("water").expect("a valid topic")),
    }
}

impl Setup {
    async fn send(&self, subscription: &PushSubscription, payload: &[u8]) -> Outcome {
        self.send_signed_by(&self.keys, subscription, payload).await
    }

    async fn send_signed_by(
        &self,
        keys: &VapidKeys,
        subscription: &PushSubscription,
        payload: &[u8],
    ) -> Outcome {
        let request = build_push(subscription, payload, &options(), keys, CONTACT, unix_now())
            .expect("builds");
        self.sender.send(request).await
    }

    /// A subscription the fake answers this way.
    fn subscription_answering(&self, answer: Answer) -> PushSubscription {
        let subscription = self.fake.subscription();
        self.fake
            .set_answer(FakePushService::id_of(&subscription), answer);
        subscription
    }
}

#[tokio::test]
async fn a_201_is_delivered_and_the_phone_reads_the_message_and_its_headers() {
    let setup = setup().await;
    let subscription = setup.fake.subscription();
    let other = setup.fake.subscription();
    let message = br#"{"kind":"water","title":"Time for a drink"}"#;

    assert_eq!(setup.send(&subscription, message).await, Outcome::Delivered);
    assert_eq!(setup.send(&other, b"another").await, Outcome::Delivered);

    let id = FakePushService::id_of(&subscription);
    assert_eq!(
        setup.fake.received_for(id),
        [Received {
            id: id.to_string(),
            plaintext: message.to_vec(),
            ttl: 600,
            urgency: Some("high".to_string()),
            topic: Some("water".to_string()),
        }]
    );
    assert_eq!(setup.fake.received().len(), 2);
}

#[tokio::test]
async fn a_404_or_410_means_the_subscription_is_gone() {
    let setup = setup().await;
    for status in [404, 410] {
        let subscription = setup.subscription_answering(Answer::Status(status));
        assert_eq!(setup.send(&subscription, b"hi").await, Outcome::Gone);
    }
}

#[tokio::test]
async fn a_429_says_when_to_retry() {
    let setup = setup().await;
    let subscription = setup.subscription_answering(Answer::TooManyRequests { retry_after_s: 7 });
    assert_eq!(
        setup.send(&subscription, b"hi").await,
        Outcome::RetryLater {
            after: Some(Duration::from_secs(7))
        }
    );
}

#[tokio::test]
async fn a_500_is_retried_later() {
    let setup = setup().await;
    let subscription = setup.subscription_answering(Answer::Status(500));
    assert_eq!(
        setup.send(&subscription, b"hi").await,
        Outcome::RetryLater { after: None }
    );
}

#[tokio::test]
async fn a_request_the_push_service_will_not_take_is_refused() {
    let setup = setup().await;

    // Signed with a key the subscription is not tied to: the fake says 403.
    let subscription = setup.fake.subscription();
    let another_server = VapidKeys::generate().expect("keys");
    assert_eq!(
        setup
            .send_signed_by(&another_server, &subscription, b"hi")
            .await,
        Outcome::Refused { status: 403 }
    );
    assert!(setup.fake.received().is_empty());

    let too_large = setup.subscription_answering(Answer::Status(413));
    assert_eq!(
        setup.send(&too_large, b"hi").await,
        Outcome::Refused { status: 413 }
    );
}

#[tokio::test]
async fn a_push_service_that_never_answers_is_retried_within_the_timeout() {
    let setup = setup().await;
    let subscription = setup.subscription_answering(Answer::Never);

    let started = Instant::now();
    let outcome = setup.send(&subscription, b"hi").await;
    let waited = started.elapsed();

    assert_eq!(outcome, Outcome::RetryLater { after: None });
    assert!(
        (TIMEOUT..TIMEOUT + Duration::from_secs(2)).contains(&waited),
        "gave up after {waited:?}"
    );
}
