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
mod tests {
    use super::*;
    use crate::push::SubscriptionKeys;
    use p256::elliptic_curve::sec1::ToEncodedPoint as _;

    const NOW: i64 = 1_780_000_000;
    const CONTACT: &str = "mailto:reminders@example.org";

    fn decode(b64: &str) -> Vec<u8> {
        BASE64URL.decode(b64).expect("test vectors are base64url")
    }

    /// A phone's side of a subscription: its private key and auth secret, and what it gives us.
    fn phone(endpoint: &str) -> (p256::SecretKey, Auth, PushSubscription) {
        let secret = p256::SecretKey::from_slice(&random_scalar().expect("randomness").to_bytes())
            .expect("a valid scalar");
        let auth = Auth::clone_from_slice(&[7u8; 16]);
        let subscription = PushSubscription {
            endpoint: endpoint.to_string(),
            keys: SubscriptionKeys {
                p256dh: BASE64URL.encode(secret.public_key().to_encoded_point(false).as_bytes()),
                auth: BASE64URL.encode(auth),
            },
        };
        (secret, auth, subscription)
    }

    fn options() -> PushOptions {
        PushOptions {
            ttl_seconds: 3600,
            urgency: Urgency::High,
            topic: Some(Topic::new("water").expect("a valid topic")),
        }
    }

    fn header<'a>(request: &'a PushRequest, name: &str) -> Option<&'a str> {
        request
            .headers
            .iter()
            .find(|(header, _)| *header == name)
            .map(|(_, value)| value.as_str())
    }

    #[test]
    fn rfc8291_appendix_a_message_decrypts() {
        // RFC 8291 Appendix A: the user agent's private key, its auth secret and the message the
        // application server sent (salt, rs 4096, its public key as keyid, one record).
        let ua_private =
            p256::SecretKey::from_slice(&decode("q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94"))
                .expect("the RFC's private key");
        let auth = Auth::clone_from_slice(&decode("BTBZMqHH6r4Tts7J_aSIgg"));
        let message = decode(
            "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLoc\
             InmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLV\
             WGNWQexSgSxsj_Qulcy4a-fN",
        );
        // Its public key is the one the RFC publishes.
        assert_eq!(
            BASE64URL.encode(ua_private.public_key().to_encoded_point(false).as_bytes()),
            "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4"
        );
        let plaintext = web_push_native::decrypt(message, &ua_private, &auth).expect("decrypts");
        assert_eq!(plaintext, b"When I grow up, I want to be a watermelon");
    }

    #[test]
    fn a_built_push_decrypts_on_the_phone_and_carries_the_headers() {
        let keys = VapidKeys::generate().expect("keys");
        let (secret, auth, subscription) = phone("https://push.example.net:8443/send/abc");
        let request = build_push(
            &subscription,
            b"Time for water",
            &options(),
            &keys,
            CONTACT,
            NOW,
        )
        .expect("builds");

        assert_eq!(request.endpoint.as_str(), subscription.endpoint);
        let plaintext =
            web_push_native::decrypt(request.body.clone(), &secret, &auth).expect("decrypts");
        assert_eq!(plaintext, b"Time for water");
        assert_eq!(header(&request, "TTL"), Some("3600"));
        assert_eq!(header(&request, "Urgency"), Some("high"));
        assert_eq!(header(&request, "Topic"), Some("water"));
        assert_eq!(header(&request, "Content-Encoding"), Some("aes128gcm"));
        assert_eq!(
            header(&request, "Content-Type"),
            Some("application/octet-stream")
        );
        let authorization = header(&request, "Authorization").expect("signed");
        let verified = verify_vapid(authorization, "https://push.example.net:8443", NOW)
            .expect("the audience keeps the port");
        assert_eq!(verified.public_key_b64, keys.public_key_base64url());
    }

    #[test]
    fn the_largest_payload_fits_in_4096_bytes_and_one_more_byte_is_refused() {
        let keys = VapidKeys::generate().expect("keys");
        let (_, _, subscription) = phone("https://push.example.net/x");
        let largest = vec![b'a'; MAX_PAYLOAD_BYTES];
        let request =
            build_push(&subscription, &largest, &options(), &keys, CONTACT, NOW).expect("builds");
        assert_eq!(request.body.len(), 4096);
        let too_large = vec![b'a'; MAX_PAYLOAD_BYTES + 1];
        assert!(matches!(
            build_push(&subscription, &too_large, &options(), &keys, CONTACT, NOW),
            Err(PushError::PayloadTooLarge { len: 3994 })
        ));
    }

    #[test]
    fn our_vapid_header_verifies_with_its_claims() {
        let keys = VapidKeys::generate().expect("keys");
        let authorization =
            vapid_authorization(&keys, "https://fcm.googleapis.com/fcm/send/x", CONTACT, NOW)
                .expect("signs");
        let verified =
            verify_vapid(&authorization, "https://fcm.googleapis.com", NOW).expect("verifies");
        assert_eq!(
            verified,
            VerifiedVapid {
                public_key_b64: keys.public_key_base64url().to_string(),
                subject: CONTACT.to_string(),
                expires: NOW + 12 * 60 * 60,
            }
        );
        // The token's header is exactly the one RFC 8292 shows.
        let token = authorization
            .strip_prefix("vapid t=")
            .and_then(|rest| rest.split('.').next())
            .expect("a token");
        assert_eq!(decode(token), br#"{"typ":"JWT","alg":"ES256"}"#);
    }

    #[test]
    fn a_vapid_header_is_refused_for_another_audience_late_or_tampered() {
        let keys = VapidKeys::generate().expect("keys");
        let authorization =
            vapid_authorization(&keys, "https://a.example/x", CONTACT, NOW).expect("signs");

        assert!(matches!(
            verify_vapid(&authorization, "https://b.example", NOW),
            Err(PushError::WrongAudience { .. })
        ));
        assert!(matches!(
            verify_vapid(
                &authorization,
                "https://a.example",
                NOW + VAPID_VALIDITY_SECONDS
            ),
            Err(PushError::VapidExpired { .. })
        ));
        assert!(matches!(
            // More than 24 hours before it expires.
            verify_vapid(
                &authorization,
                "https://a.example",
                NOW - VAPID_VALIDITY_SECONDS - 1
            ),
            Err(PushError::VapidTooLongLived)
        ));

        // The signature's first character changed.
        let (before_key, key) = authorization.split_once(", k=").expect("k=");
        let signature_start = before_key.rfind('.').expect("a JWT") + 1;
        let first = &before_key[signature_start..=signature_start];
        let changed = if first == "A" { "B" } else { "A" };
        let tampered = format!(
            "{}{changed}{}, k={key}",
            &before_key[..signature_start],
            &before_key[signature_start + 1..]
        );
        assert!(matches!(
            verify_vapid(&tampered, "https://a.example", NOW),
            Err(PushError::BadVapidSignature)
        ));

        // Signed by us, presented with another server's key.
        let other = VapidKeys::generate().expect("keys");
        let swapped = format!("{before_key}, k={}", other.public_key_base64url());
        assert!(matches!(
            verify_vapid(&swapped, "https://a.example", NOW),
            Err(PushError::BadVapidSignature)
        ));

        for malformed in ["", "vapid", "Bearer t=x, k=y", "vapid t=a.b, k=AAAA"] {
            assert!(
                matches!(
                    verify_vapid(malformed, "https://a.example", NOW),
                    Err(PushError::MalformedVapid(_))
                ),
                "{malformed:?}"
            );
        }
    }

    #[test]
    fn the_vapid_header_is_reused_for_a_few_minutes_per_audience() {
        let keys = VapidKeys::generate().expect("keys");
        let (_, _, apple) = phone("https://web.push.apple.com/a");
        let (_, _, google) = phone("https://fcm.googleapis.com/b");
        let authorization = |subscription: &PushSubscription, now: i64| {
            let request =
                build_push(subscription, b"hi", &options(), &keys, CONTACT, now).expect("builds");
            header(&request, "Authorization")
                .expect("signed")
                .to_string()
        };

        let first = authorization(&apple, NOW);
        assert_eq!(authorization(&apple, NOW + VAPID_REUSE_SECONDS - 1), first);
        let renewed = authorization(&apple, NOW + VAPID_REUSE_SECONDS);
        assert_ne!(renewed, first);
        verify_vapid(
            &renewed,
            "https://web.push.apple.com",
            NOW + VAPID_REUSE_SECONDS,
        )
        .expect("the renewed header verifies");

        let for_google = authorization(&google, NOW);
        verify_vapid(&for_google, "https://fcm.googleapis.com", NOW)
            .expect("each audience has its own header");
    }

    #[test]
    fn the_private_key_round_trips_and_a_bad_one_is_refused() {
        let keys = VapidKeys::generate().expect("keys");
        let restored = VapidKeys::from_private_bytes(&keys.private_bytes()).expect("restores");
        assert_eq!(restored.public_key_base64url(), keys.public_key_base64url());
        assert_eq!(decode(keys.public_key_base64url()).len(), 65);
        assert!(matches!(
            VapidKeys::from_private_bytes(&[0u8; 32]),
            Err(PushError::InvalidVapidKey)
        ));
        assert!(matches!(
            VapidKeys::from_private_bytes(&[1u8; 31]),
            Err(PushError::InvalidVapidKey)
        ));
        assert!(!format!("{keys:?}").contains(&BASE64URL.encode(keys.private_bytes())));
    }

    #[test]
    fn topics_are_at_most_32_url_safe_base64_characters() {
        for good in ["water", "bedtime-2026_12", &"a".repeat(32)] {
            assert_eq!(Topic::new(good).expect("valid").as_str(), good);
        }
        for bad in ["", &"a".repeat(33), "water reminder", "a/b", "a=", "é"] {
            assert!(
                matches!(Topic::new(bad), Err(PushError::InvalidTopic(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn bad_subscriptions_are_refused() {
        let (_, _, good) = phone("https://push.example.net/x");
        validate_subscription(&good).expect("a good subscription");
        let (_, _, loopback) = phone("http://127.0.0.1:9000/push/x");
        validate_subscription(&loopback).expect("plain http to loopback, for tests");

        let with = |change: &dyn Fn(&mut PushSubscription)| {
            let mut subscription = good.clone();
            change(&mut subscription);
            validate_subscription(&subscription)
        };
        assert!(matches!(
            with(&|s| s.endpoint = "http://push.example.net/x".into()),
            Err(PushError::EndpointNotHttps(_))
        ));
        assert!(matches!(
            with(&|s| s.endpoint = "http://localhost:9000/x".into()),
            Err(PushError::EndpointNotHttps(_))
        ));
        assert!(matches!(
            with(&|s| s.endpoint = "not a url".into()),
            Err(PushError::EndpointNotUrl(_))
        ));
        // The same point compressed (33 bytes), a point off the curve, not base64url.
        let uncompressed = decode(&good.keys.p256dh);
        let compressed = PublicKey::from_sec1_bytes(&uncompressed)
            .expect("a point")
            .to_encoded_point(true);
        let mut off_curve = uncompressed.clone();
        off_curve[64] ^= 1;
        for p256dh in [
            BASE64URL.encode(compressed.as_bytes()),
            BASE64URL.encode(off_curve),
            "not base64!".to_string(),
        ] {
            assert!(matches!(
                with(&|s| s.keys.p256dh = p256dh.clone()),
                Err(PushError::InvalidP256dh)
            ));
        }
        for auth in [BASE64URL.encode([1u8; 15]), BASE64URL.encode([1u8; 17])] {
            assert!(matches!(
                with(&|s| s.keys.auth = auth.clone()),
                Err(PushError::InvalidAuth)
            ));
        }
        let keys = VapidKeys::generate().expect("keys");
        assert!(matches!(
            build_push(
                &good,
                b"hi",
                &options(),
                &keys,
                "reminders@example.org",
                NOW
            ),
            Err(PushError::InvalidContact(_))
        ));
    }
}
