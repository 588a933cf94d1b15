//! The standards part of Web Push, with no I/O: the VAPID key pair and its signed header
//! (RFC 8292), the message encrypted for one subscription (RFC 8291, aes128gcm) and the
//! request's delivery headers (RFC 8030).

use super::PushSubscription;
use base64::{
    alphabet,
    engine::{general_purpose::GeneralPurposeConfig, DecodePaddingMode, GeneralPurpose},
    Engine as _,
};
use p256::{
    ecdsa::{
        signature::{Signer as _, Verifier as _},
        Signature, SigningKey, VerifyingKey,
    },
    PublicKey,
};
// reqwest's re-export of the `url` crate's parser, so the audience is the WHATWG origin.
use reqwest::Url;
use serde::{Deserialize, Serialize};
use std::{
    collections::HashMap,
    net::IpAddr,
    sync::{Mutex, PoisonError},
};
use thiserror::Error;
use web_push_native::Auth;

/// The largest message we send: aes128gcm adds 103 bytes (86 of header, a delimiter and a
/// 16-byte tag), and push services only promise to carry 4,096.
pub const MAX_PAYLOAD_BYTES: usize = 3993;

/// How long a signed VAPID token stays valid. RFC 8292 allows at most 24 hours.
pub const VAPID_VALIDITY_SECONDS: i64 = 12 * 60 * 60;

/// The longest validity RFC 8292 lets a push service accept.
const VAPID_MAX_VALIDITY_SECONDS: i64 = 24 * 60 * 60;

/// A header signed this recently is sent again instead of signing a new one: it still has
/// nearly all of its 12 hours left, and signing is a large part of each push's cost.
const VAPID_REUSE_SECONDS: i64 = 5 * 60;

/// More audiences than push services exist: past this the cache starts again rather than grow.
const VAPID_CACHE_LIMIT: usize = 64;

/// The `{"typ":"JWT","alg":"ES256"}` header every VAPID token carries.
const JWT_HEADER: &str = r#"{"typ":"JWT","alg":"ES256"}"#;

/// base64url as browsers write it (no padding), reading padded input too.
const BASE64URL: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Why a push could not be built, or why a VAPID header was refused.
#[derive(Debug, Error)]
pub enum PushError {
    #[error("the subscription's endpoint is not a URL: {0}")]
    EndpointNotUrl(String),
    #[error(
        "the subscription's endpoint must use https (plain http only to a loopback address): {0}"
    )]
    EndpointNotHttps(String),
    #[error("the subscription's p256dh key must be a P-256 public key: 65 bytes, base64url")]
    InvalidP256dh,
    #[error("the subscription's auth secret must be 16 bytes, base64url")]
    InvalidAuth,
    #[error("the message is {len} bytes; a push message holds at most {MAX_PAYLOAD_BYTES}")]
    PayloadTooLarge { len: usize },
    #[error("a Topic is 1 to 32 characters from A-Z, a-z, 0-9, '-' and '_', not {0:?}")]
    InvalidTopic(String),
    #[error("the VAPID contact must be a mailto: or https: address, not {0:?}")]
    InvalidContact(String),
    #[error("the stored VAPID private key is not a 32-byte P-256 private key")]
    InvalidVapidKey,
    #[error("the operating system gave no randomness")]
    Randomness(#[source] getrandom::Error),
    #[error("could not encrypt the message for this subscription")]
    Encryption(#[source] web_push_native::Error),
    #[error("the Authorization header is not `vapid t=<JWT>, k=<key>`: {0}")]
    MalformedVapid(&'static str),
    #[error("the VAPID token's signature does not match the key in k=")]
    BadVapidSignature,
    #[error("the VAPID token is for {found:?}, not {expected:?}")]
    WrongAudience { expected: String, found: String },
    #[error("the VAPID token expired at {expires} (Unix time; now {now})")]
    VapidExpired { expires: i64, now: i64 },
    #[error("the VAPID token expires more than 24 hours from now")]
    VapidTooLongLived,
}

/// The server's VAPID key pair: push services tie each subscription to its public key.
pub struct VapidKeys {
    signing_key: SigningKey,
    public_key_base64url: String,
    /// Recently signed headers by (audience, contact).
    recent_headers: Mutex<HashMap<(String, String), SignedHeader>>,
}

struct SignedHeader {
    value: String,
    signed_at: i64,
}

impl std::fmt::Debug for VapidKeys {
    // The private key stays out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VapidKeys")
            .field("public_key", &self.public_key_base64url)
            .finish_non_exhaustive()
    }
}

impl VapidKeys {
    /// A new key pair from the operating system's randomness.
    pub fn generate() -> Result<Self, PushError> {
        random_scalar().map(Self::from_signing_key)
    }

    /// The key pair stored as [`Self::private_bytes`].
    pub fn from_private_bytes(bytes: &[u8]) -> Result<Self, PushError> {
        // p256 would left-pad a short slice; a stored key is always the full 32 bytes.
        if bytes.len() != 32 {
            return Err(PushError::InvalidVapidKey);
        }
        SigningKey::from_slice(bytes)
            .map(Self::from_signing_key)
            .map_err(|_| PushError::InvalidVapidKey)
    }

    /// The 32-byte private scalar, to store.
    pub fn private_bytes(&self) -> Vec<u8> {
        self.signing_key.to_bytes().to_vec()
    }

    /// The 65-byte uncompressed public point, base64url: the page's `applicationServerKey`.
    pub fn public_key_base64url(&self) -> &str {
        &self.public_key_base64url
    }

    fn from_signing_key(signing_key: SigningKey) -> Self {
        let point = signing_key.verifying_key().to_encoded_point(false);
        Self {
            public_key_base64url: BASE64URL.encode(point.as_bytes()),
            signing_key,
            recent_headers: Mutex::new(HashMap::new()),
        }
    }

    /// [`vapid_authorization`] for this audience, reusing one signed in the last few minutes.
    fn authorization_for(&self, audience: &str, contact: &str, now_unix_s: i64) -> String {
        let key = (audience.to_string(), contact.to_string());
        let mut recent = self
            .recent_headers
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(header) = recent.get(&key) {
            if (0..VAPID_REUSE_SECONDS).contains(&(now_unix_s - header.signed_at)) {
                return header.value.clone();
            }
        }
        let value = self.sign_header(audience, contact, now_unix_s);
        if recent.len() >= VAPID_CACHE_LIMIT {
            recent.clear();
        }
        recent.insert(
            key,
            SignedHeader {
                value: value.clone(),
                signed_at: now_unix_s,
            },
        );
        value
    }

    fn sign_header(&self, audience: &str, contact: &str, now_unix_s: i64) -> String {
        let claims = VapidClaims {
            aud: audience.to_string(),
            exp: now_unix_s + VAPID_VALIDITY_SECONDS,
            sub: contact.to_string(),
        };
        let claims_json = serde_json::to_vec(&claims).expect("three plain fields serialize");
        let signing_input = format!(
            "{}.{}",
            BASE64URL.encode(JWT_HEADER),
            BASE64URL.encode(claims_json)
        );
        // ES256: SHA-256 and ECDSA over P-256, the signature as raw r || s (RFC 7518 §3.4).
        let signature: Signature = self.signing_key.sign(signing_input.as_bytes());
        format!(
            "vapid t={signing_input}.{}, k={}",
            BASE64URL.encode(signature.to_bytes()),
            self.public_key_base64url
        )
    }
}

/// A private scalar from the operating system's randomness. Retried in the (2^-32) case that
/// 32 random bytes are not a valid P-256 scalar.
fn random_scalar() -> Result<SigningKey, PushError> {
    loop {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(PushError::Randomness)?;
        if let Ok(key) = SigningKey::from_slice(&bytes) {
            return Ok(key);
        }
    }
}

#[derive(Serialize, Deserialize)]
struct VapidClaims {
    aud: String,
    exp: i64,
    sub: String,
}

/// The `Authorization` header for a push to `endpoint`: `vapid t=<JWT>, k=<public key>`, the
/// token valid for 12 hours from `now_unix_s`. Signs a new token on every call.
pub fn vapid_authorization(
    keys: &VapidKeys,
    endpoint: &str,
    contact: &str,
    now_unix_s: i64,
) -> Result<String, PushError> {
    check_contact(contact)?;
    let endpoint = parse_endpoint(endpoint)?;
    Ok(keys.sign_header(&audience_of(&endpoint), contact, now_unix_s))
}

/// What a valid VAPID header said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedVapid {
    /// The signer's public key, base64url, as in `k=`.
    pub public_key_b64: String,
    /// The `sub` claim: whom the push service can contact.
    pub subject: String,
    /// The `exp` claim, Unix seconds.
    pub expires: i64,
}

/// Checks a VAPID `Authorization` header as a push service does: its form, the signature
/// against `k=`, the audience and the expiry.
pub fn verify_vapid(
    header_value: &str,
    expected_audience: &str,
    now_unix_s: i64,
) -> Result<VerifiedVapid, PushError> {
    let (scheme, params) = header_value
        .split_once(' ')
        .ok_or(PushError::MalformedVapid("no parameters"))?;
    if !scheme.eq_ignore_ascii_case("vapid") {
        return Err(PushError::MalformedVapid("the scheme is not vapid"));
    }
    let (mut token, mut key) = (None, None);
    for param in params.split(',') {
        match param.trim().split_once('=') {
            Some(("t", value)) => token = Some(value),
            Some(("k", value)) => key = Some(value),
            _ => {}
        }
    }
    let token = token.ok_or(PushError::MalformedVapid("no t= token"))?;
    let key_b64 = key.ok_or(PushError::MalformedVapid("no k= public key"))?;

    let key_bytes = BASE64URL
        .decode(key_b64)
        .map_err(|_| PushError::MalformedVapid("k= is not base64url"))?;
    let verifying_key = VerifyingKey::from_sec1_bytes(&key_bytes)
        .map_err(|_| PushError::MalformedVapid("k= is not a P-256 public key"))?;

    let (signing_input, signature_b64) = token
        .rsplit_once('.')
        .ok_or(PushError::MalformedVapid("the token is not a JWT"))?;
    let (header_b64, claims_b64) = signing_input
        .split_once('.')
        .ok_or(PushError::MalformedVapid("the token is not a JWT"))?;
    let header: serde_json::Value = decode_json(header_b64)?;
    if header.get("alg").and_then(|alg| alg.as_str()) != Some("ES256") {
        return Err(PushError::MalformedVapid("the token is not ES256"));
    }
    let signature = BASE64URL
        .decode(signature_b64)
        .ok()
        .and_then(|bytes| Signature::from_slice(&bytes).ok())
        .ok_or(PushError::MalformedVapid(
            "the signature is not 64 bytes of r || s",
        ))?;
    verifying_key
        .verify(signing_input.as_bytes(), &signature)
        .map_err(|_| PushError::BadVapidSignature)?;

    let claims: VapidClaims = decode_json(claims_b64)?;
    if claims.aud != expected_audience {
        return Err(PushError::WrongAudience {
            expected: expected_audience.to_string(),
            found: claims.aud,
        });
    }
    if claims.exp <= now_unix_s {
        return Err(PushError::VapidExpired {
            expires: claims.exp,
            now: now_unix_s,
        });
    }
    if claims.exp > now_unix_s + VAPID_MAX_VALIDITY_SECONDS {
        return Err(PushError::VapidTooLongLived);
    }
    Ok(VerifiedVapid {
        public_key_b64: key_b64.to_string(),
        subject: claims.sub,
        expires: claims.exp,
    })
}

fn decode_json<T: for<'de> Deserialize<'de>>(part_b64: &str) -> Result<T, PushError> {
    let bytes = BASE64URL
        .decode(part_b64)
        .map_err(|_| PushError::MalformedVapid("a token part is not base64url"))?;
    serde_json::from_slice(&bytes)
        .map_err(|_| PushError::MalformedVapid("a token part is not the expected JSON"))
}

/// How soon the push service should deliver (RFC 8030 §5.3): phones on battery may hold back
/// anything below `Normal`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Urgency {
    VeryLow,
    Low,
    #[default]
    Normal,
    High,
}

impl Urgency {
    pub const fn header_value(self) -> &'static str {
        match self {
            Self::VeryLow => "very-low",
            Self::Low => "low",
            Self::Normal => "normal",
            Self::High => "high",
        }
    }
}

/// A push's `Topic` (RFC 8030 §5.4): a newer message with the same topic replaces one the push
/// service has not delivered yet, so a phone that was off gets one reminder, not a stack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic(String);

impl Topic {
    /// At most 32 characters of the URL-safe base64 alphabet.
    pub fn new(topic: impl Into<String>) -> Result<Self, PushError> {
        let topic = topic.into();
        let allowed = |byte: u8| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_';
        if (1..=32).contains(&topic.len()) && topic.bytes().all(allowed) {
            Ok(Self(topic))
        } else {
            Err(PushError::InvalidTopic(topic))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// How the push service should treat one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushOptions {
    /// How long the push service keeps it for a phone that is off; 0 means now or never.
    pub ttl_seconds: u32,
    pub urgency: Urgency,
    pub topic: Option<Topic>,
}

/// One encrypted, signed push, ready to POST.
#[derive(Debug, Clone)]
pub struct PushRequest {
    pub endpoint: Url,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

/// Refuses a subscription no push could be built for: a page sent a broken or hostile one.
pub fn validate_subscription(subscription: &PushSubscription) -> Result<(), PushError> {
    parse_subscription(subscription).map(drop)
}

/// Encrypts `payload` for `subscription` and signs the request with `keys`.
pub fn build_push(
    subscription: &PushSubscription,
    payload: &[u8],
    options: &PushOptions,
    keys: &VapidKeys,
    contact: &str,
    now_unix_s: i64,
) -> Result<PushRequest, PushError> {
    check_contact(contact)?;
    if payload.len() > MAX_PAYLOAD_BYTES {
        return Err(PushError::PayloadTooLarge { len: payload.len() });
    }
    let (endpoint, phone_key, auth) = parse_subscription(subscription)?;
    let body = web_push_native::encrypt(payload.to_vec(), &phone_key, &auth)
        .map_err(PushError::Encryption)?;
    let authorization = keys.authorization_for(&audience_of(&endpoint), contact, now_unix_s);

    let mut headers = vec![
        ("TTL", options.ttl_seconds.to_string()),
        ("Urgency", options.urgency.header_value().to_string()),
        ("Content-Encoding", "aes128gcm".to_string()),
        ("Content-Type", "application/octet-stream".to_string()),
        ("Authorization", authorization),
    ];
    if let Some(topic) = &options.topic {
        headers.push(("Topic", topic.as_str().to_string()));
    }
    Ok(PushRequest {
        endpoint,
        headers,
        body,
    })
}

fn parse_subscription(
    subscription: &PushSubscription,
) -> Result<(Url, PublicKey, Auth), PushError> {
    let endpoint = parse_endpoint(&subscription.endpoint)?;
    let phone_key = BASE64URL
        .decode(&subscription.keys.p256dh)
        .ok()
        // Browsers send the uncompressed form; anything else is not from one.
        .filter(|bytes| bytes.len() == 65 && bytes[0] == 0x04)
        .and_then(|bytes| PublicKey::from_sec1_bytes(&bytes).ok())
        .ok_or(PushError::InvalidP256dh)?;
    let auth = BASE64URL
        .decode(&subscription.keys.auth)
        .ok()
        .filter(|bytes| bytes.len() == 16)
        .map(|bytes| Auth::clone_from_slice(&bytes))
        .ok_or(PushError::InvalidAuth)?;
    Ok((endpoint, phone_key, auth))
}

fn parse_endpoint(endpoint: &str) -> Result<Url, PushError> {
    let url = Url::parse(endpoint).map_err(|error| PushError::EndpointNotUrl(error.to_string()))?;
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback(&url) => Ok(url),
        _ => Err(PushError::EndpointNotHttps(endpoint.to_string())),
    }
}

/// Whether the URL's host is a loopback IP address (not a name, which could resolve elsewhere).
pub(crate) fn is_loopback(url: &Url) -> bool {
    url.host_str()
        .map(|host| host.trim_start_matches('[').trim_end_matches(']'))
        .and_then(|host| host.parse::<IpAddr>().ok())
        .is_some_and(|ip| ip.is_loopback())
}

/// RFC 8292's audience: the endpoint's origin, `scheme://host[:port]` (default ports left out).
fn audience_of(endpoint: &Url) -> String {
    endpoint.origin().ascii_serialization()
}

fn check_contact(contact: &str) -> Result<(), PushError> {
    if contact.starts_with("mailto:") || contact.starts_with("https:") {
        Ok(())
    } else {
        Err(PushError::InvalidContact(contact.to_string()))
    }
}

#[cfg(test)]
mod tests;
