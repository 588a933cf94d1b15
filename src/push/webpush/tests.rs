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
