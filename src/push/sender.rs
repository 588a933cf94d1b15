//! Sending built pushes to the push services over HTTP, and what each answer means for the
//! subscription.

use super::webpush::{is_loopback, PushRequest};
use reqwest::{header::RETRY_AFTER, redirect, Client, Response, StatusCode, Url};
use std::time::Duration;
use thiserror::Error;

/// Connecting gets at most this much of a send's time: a push service that takes longer to
/// accept a connection is down, not slow.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Idle connections to a push service are kept this long: reminders go out in bursts on the
/// minute, and a new TLS handshake per push would cost more than the push.
const POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(90);

/// What a push service's answer means for the subscription.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Accepted (201): the push service will deliver it.
    Delivered,
    /// 404 or 410: the subscription has expired or was revoked; delete it.
    Gone,
    /// 429, 5xx, a timeout or a connection error: try again, no sooner than `after` if the push
    /// service said (Retry-After, in seconds).
    RetryLater { after: Option<Duration> },
    /// Any other answer (400, 401, 403, 413, a redirect): this request is wrong and sending it
    /// again will not help.
    Refused { status: u16 },
}

#[derive(Debug, Error)]
#[error("could not set up the HTTP client for the push services")]
pub struct SenderSetupError(#[from] reqwest::Error);

/// One HTTP client, with its connection pool, for every push.
#[derive(Debug, Clone)]
pub struct PushSender {
    client: Client,
}

impl PushSender {
    /// A sender whose every push either gets an answer within `timeout` or is retried later.
    pub fn new(timeout: Duration) -> Result<Self, SenderSetupError> {
        let client = Client::builder()
            .connect_timeout(timeout.min(CONNECT_TIMEOUT))
            .timeout(timeout)
            .pool_idle_timeout(POOL_IDLE_TIMEOUT)
            // A redirect would carry the signed VAPID token to another host.
            .redirect(redirect::Policy::none())
            .user_agent(concat!("leg-relief/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(Self { client })
    }

    /// POSTs one push and says what to do with its subscription.
    pub async fn send(&self, request: PushRequest) -> Outcome {
        let host = request.endpoint.host_str().unwrap_or_default().to_string();
        let mut builder = self.client.post(request.endpoint).body(request.body);
        for (name, value) in request.headers {
            builder = builder.header(name, value);
        }
        match builder.send().await {
            Ok(response) => {
                let outcome = outcome_of(&response);
                // Read the (short) body so the connection goes back to the pool; the status has
                // already said everything.
                drop(response.bytes().await);
                outcome
            }
            Err(error) => {
                // The endpoint's path identifies the phone: only its host goes to the log.
                tracing::warn!(%host, error = %error, "push not sent; will retry");
                Outcome::RetryLater { after: None }
            }
        }
    }
}

fn outcome_of(response: &Response) -> Outcome {
    let status = response.status();
    match status {
        _ if status.is_success() => Outcome::Delivered,
        StatusCode::NOT_FOUND | StatusCode::GONE => Outcome::Gone,
        _ if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() => {
            Outcome::RetryLater {
                after: retry_after(response),
            }
        }
        _ => Outcome::Refused {
            status: status.as_u16(),
        },
    }
}

/// Retry-After in its seconds form; push services do not send the HTTP-date form.
fn retry_after(response: &Response) -> Option<Duration> {
    let seconds = response.headers().get(RETRY_AFTER)?.to_str().ok()?;
    seconds.trim().parse().ok().map(Duration::from_secs)
}

/// Whether the server may send to `endpoint`: its host is in `allowed`, as a whole name
/// ("fcm.googleapis.com") or a suffix (".push.apple.com"), over https. A loopback address is
/// allowed over plain http too, but only as an exact "127.0.0.1:PORT" entry (for tests).
/// Checked before a subscription is stored, so a page cannot make the server post anywhere.
pub fn push_host_allowed(endpoint: &str, allowed: &[String]) -> bool {
    let Ok(url) = Url::parse(endpoint) else {
        return false;
    };
    let Some(host) = url.host_str() else {
        return false;
    };
    if is_loopback(&url) {
        let Some(port) = url.port_or_known_default() else {
            return false;
        };
        let host_and_port = format!("{host}:{port}");
        return matches!(url.scheme(), "http" | "https") && allowed.contains(&host_and_port);
    }
    url.scheme() == "https"
        && allowed.iter().any(|entry| {
            let entry = entry.to_ascii_lowercase();
            if entry.starts_with('.') {
                host.ends_with(&entry)
            } else {
                host == entry
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed() -> Vec<String> {
        [
            "fcm.googleapis.com",
            ".push.apple.com",
            ".Notify.Windows.com",
            "127.0.0.1:4000",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn allowed_push_hosts() {
        for endpoint in [
            "https://fcm.googleapis.com/fcm/send/abc",
            "https://fcm.googleapis.com:443/fcm/send/abc",
            "https://web.push.apple.com/QGu",
            "https://wns2-db5p.notify.windows.com/w/?token=x",
            "http://127.0.0.1:4000/push/abc",
        ] {
            assert!(push_host_allowed(endpoint, &allowed()), "{endpoint}");
        }
    }

    #[test]
    fn refused_push_hosts() {
        for endpoint in [
            // Plain http to a real push service.
            "http://fcm.googleapis.com/fcm/send/abc",
            // A name that only ends with an allowed one, or contains it.
            "https://evilfcm.googleapis.com/x",
            "https://fcm.googleapis.com.evil.example/x",
            "https://evilpush.apple.com/x",
            // The suffix entry needs a subdomain.
            "https://push.apple.com/x",
            // Userinfo that looks like the host.
            "https://fcm.googleapis.com@evil.example/x",
            // Loopback on another port, as a name, or not listed at all.
            "http://127.0.0.1:4001/push/abc",
            "http://localhost:4000/push/abc",
            "http://[::1]:4000/push/abc",
            "https://10.0.0.1/x",
            "ftp://fcm.googleapis.com/x",
            "not a url",
            "",
        ] {
            assert!(!push_host_allowed(endpoint, &allowed()), "{endpoint}");
        }
    }
}
