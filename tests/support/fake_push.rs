//! A push service for tests and benches, on 127.0.0.1 in the caller's tokio runtime. It mints
//! subscriptions as a browser would (a P-256 key pair and an auth secret it keeps), checks each
//! push the way a real push service does (VAPID for its own origin and the expected server key,
//! TTL, aes128gcm), decrypts it as the phone would, records it and answers as scripted.
//!
//! Included with `#[path = "support/fake_push.rs"] mod fake_push;`.
#![allow(
    dead_code,
    reason = "each test file and bench that includes this uses a part of it"
)]

use axum::{
    body::Bytes,
    extract::{Path, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::post,
    Router,
};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
use leg_relief::push::{webpush::verify_vapid, PushSubscription, SubscriptionKeys};
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{SystemTime, UNIX_EPOCH},
};
use tokio::task::JoinHandle;
use web_push_native::{
    p256::{elliptic_curve::sec1::ToEncodedPoint as _, SecretKey},
    Auth,
};

/// The most a push service promises to carry (RFC 8030 §7.2).
const MAX_BODY_BYTES: usize = 4096;

/// One push the fake accepted and decrypted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub id: String,
    pub plaintext: Vec<u8>,
    pub ttl: u32,
    pub urgency: Option<String>,
    pub topic: Option<String>,
}

/// How the fake answers pushes to one subscription.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// This status, no body (the default is 201 Created).
    Status(u16),
    /// 429 with `Retry-After: <seconds>`.
    TooManyRequests { retry_after_s: u64 },
    /// Accept the request and never answer: a push service that hangs.
    Never,
}

/// What the fake checks before answering.
enum Checks {
    /// Everything, with the VAPID key it expects (base64url, as in `k=`).
    Full { server_key: String },
    /// Nothing: the cheapest 201 possible, for the throughput bench.
    AcceptAll,
}

/// What a subscription's phone keeps to read its pushes.
struct Phone {
    secret: SecretKey,
    auth: Auth,
}

struct Shared {
    origin: String,
    checks: Checks,
    phones: Mutex<HashMap<String, Phone>>,
    answers: Mutex<HashMap<String, Answer>>,
    received: Mutex<Vec<Received>>,
}

pub struct FakePushService {
    shared: Arc<Shared>,
    server: JoinHandle<()>,
}

impl Drop for FakePushService {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl FakePushService {
    /// A push service that accepts only pushes signed by `server_key` (base64url).
    pub async fn start(server_key: &str) -> Self {
        Self::start_with(Checks::Full {
            server_key: server_key.to_string(),
        })
        .await
    }

    /// A push service that answers 201 to any POST without reading it.
    pub async fn accept_all_without_checks() -> Self {
        Self::start_with(Checks::AcceptAll).await
    }

    async fn start_with(checks: Checks) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a free loopback port");
        let address = listener.local_addr().expect("a bound address");
        let shared = Arc::new(Shared {
            origin: format!("http://{address}"),
            checks,
            phones: Mutex::default(),
            answers: Mutex::default(),
            received: Mutex::default(),
        });
        let router = Router::new()
            .route("/push/{id}", post(receive))
            .with_state(Arc::clone(&shared));
        let server = tokio::spawn(async move {
            axum::serve(listener, router)
                .await
                .expect("the fake push service runs");
        });
        Self { shared, server }
    }

    /// `http://127.0.0.1:PORT`: the audience pushes to it must be signed for.
    pub fn origin(&self) -> &str {
        &self.shared.origin
    }

    /// A new subscription, as a browser's `PushSubscription.toJSON()` would give it.
    pub fn subscription(&self) -> PushSubscription {
        let id = URL_SAFE_NO_PAD.encode(random_bytes::<16>());
        let secret = loop {
            // A random 32 bytes are a valid scalar but for a 2^-32 chance.
            if let Ok(secret) = SecretKey::from_slice(&random_bytes::<32>()) {
                break secret;
            }
        };
        let auth = Auth::clone_from_slice(&random_bytes::<16>());
        let subscription = PushSubscription {
            endpoint: format!("{}/push/{id}", self.shared.origin),
            keys: SubscriptionKeys {
                p256dh: URL_SAFE_NO_PAD.encode(secret.public_key().to_encoded_point(false)),
                auth: URL_SAFE_NO_PAD.encode(auth),
            },
        };
        lock(&self.shared.phones).insert(id, Phone { secret, auth });
        subscription
    }

    /// The id a subscription's pushes are recorded and scripted under.
    pub fn id_of(subscription: &PushSubscription) -> &str {
        subscription
            .endpoint
            .rsplit('/')
            .next()
            .expect("rsplit yields at least one part")
    }

    /// Every push accepted so far, in order.
    pub fn received(&self) -> Vec<Received> {
        lock(&self.shared.received).clone()
    }

    pub fn received_for(&self, id: &str) -> Vec<Received> {
        self.received()
            .into_iter()
            .filter(|received| received.id == id)
            .collect()
    }

    /// Answers pushes to `id` this way from now on.
    pub fn set_answer(&self, id: &str, answer: Answer) {
        lock(&self.shared.answers).insert(id.to_string(), answer);
    }
}

async fn receive(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Checks::Full { server_key } = &shared.checks {
        match shared.check(&id, &headers, body, server_key) {
            Ok(received) => lock(&shared.received).push(received),
            Err(refusal) => return refusal.into_response(),
        }
    }
    let answer = lock(&shared.answers)
        .get(&id)
        .copied()
        .unwrap_or(Answer::Status(201));
    match answer {
        Answer::Status(status) => StatusCode::from_u16(status)
            .expect("a scripted status is a valid one")
            .into_response(),
        Answer::TooManyRequests { retry_after_s } => (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::RETRY_AFTER, retry_after_s.to_string())],
        )
            .into_response(),
        Answer::Never => std::future::pending().await,
    }
}

type Refusal = (StatusCode, String);

impl Shared {
    /// What a push service checks, then what the phone does: decrypt.
    fn check(
        &self,
        id: &str,
        headers: &HeaderMap,
        body: Bytes,
        server_key: &str,
    ) -> Result<Received, Refusal> {
        let text = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
        let refuse = |status: StatusCode, why: &str| (status, why.to_string());

        let authorization = text("authorization")
            .ok_or_else(|| refuse(StatusCode::UNAUTHORIZED, "no Authorization"))?;
        let vapid = verify_vapid(authorization, &self.origin, unix_now())
            .map_err(|error| (StatusCode::UNAUTHORIZED, error.to_string()))?;
        if vapid.public_key_b64 != server_key {
            return Err(refuse(StatusCode::FORBIDDEN, "signed with another key"));
        }
        let ttl = text("ttl")
            .and_then(|ttl| ttl.parse().ok())
            .ok_or_else(|| refuse(StatusCode::BAD_REQUEST, "no TTL"))?;
        if text("content-encoding") != Some("aes128gcm") {
            return Err(refuse(StatusCode::UNSUPPORTED_MEDIA_TYPE, "not aes128gcm"));
        }
        if body.len() > MAX_BODY_BYTES {
            return Err(refuse(StatusCode::PAYLOAD_TOO_LARGE, "over 4096 bytes"));
        }
        let plaintext = {
            let phones = lock(&self.phones);
            let phone = phones
                .get(id)
                .ok_or_else(|| refuse(StatusCode::NOT_FOUND, "no such subscription"))?;
            web_push_native::decrypt(body.to_vec(), &phone.secret, &phone.auth)
                .map_err(|_| refuse(StatusCode::BAD_REQUEST, "does not decrypt"))?
        };
        Ok(Received {
            id: id.to_string(),
            plaintext,
            ttl,
            urgency: text("urgency").map(str::to_string),
            topic: text("topic").map(str::to_string),
        })
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).expect("the operating system's randomness");
    bytes
}

pub fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("the clock is after 1970")
        .as_secs()
        .try_into()
        .expect("seconds fit in i64")
}
