//! The server's side of push reminders: what each server function does, and the scheduler that
//! sends what is due. One [`Reminders`] per server, shared by the server functions (through
//! context) and the scheduler task.

use super::{
    notice::Notice,
    sender::{push_host_allowed, Outcome, PushSender},
    store::{AnyStore, ReminderRow, ReminderStore, StoreError},
    webpush::{
        build_push, validate_subscription, PushError, PushOptions, Topic, Urgency, VapidKeys,
    },
    zone::ZoneClock,
    PushDevice, PushSubscription, Registration, ReminderKind, Schedule, Subscribed,
    SubscriptionKeys, UNSEEN_DAYS,
};
use crate::{error::ApiError, memory};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use leptos::prelude::use_context;
use sha2::{Digest, Sha256};
use std::{
    sync::Arc,
    time::{Duration, SystemTime, UNIX_EPOCH},
};
use tokio::{sync::Semaphore, task::JoinSet};

const ID_BYTES: usize = 16;
const SECRET_BYTES: usize = 32;
/// Push endpoints are a few hundred characters; anything far longer is not one.
const MAX_ENDPOINT_CHARS: usize = 1024;
const MS_PER_DAY: i64 = 86_400_000;

/// Rows claimed per round, and sends in flight at once: enough to keep up with a large server,
/// small enough that a slow push service cannot tie up the process.
const BATCH: u32 = 256;
const IN_FLIGHT: usize = 64;
/// A claimed row is left to the replica that claimed it for this long; a replica that died
/// mid-send gives it back when the lease ends.
const LEASE_MS: i64 = 2 * 60_000;
/// A slot missed by more than this (the server was down) is skipped, not sent late.
const STALE_AFTER_MS: i64 = 15 * 60_000;
/// How often the scheduler looks for due reminders.
const TICK: Duration = Duration::from_secs(15);
/// A push service that has failed or refused this many times in a row has lost the subscription.
const MAX_FAILURES: i32 = 30;
/// Back-off after a failure: one minute, doubling, at most an hour.
const FIRST_RETRY_MS: i64 = 60_000;
const LONGEST_RETRY_MS: i64 = 3_600_000;

/// The server's clock in Unix ms (the pages' `clock::now_ms` is the browser's).
pub fn server_now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_millis() as i64)
}

/// What a server function answers when this server does not send reminders.
fn push_off() -> ApiError {
    ApiError {
        status: 503,
        message: "This server does not send reminders. The calendar file works without it.".into(),
    }
}

/// The reminders of this server, from the server functions' context.
pub fn reminders() -> Result<Arc<Reminders>, ApiError> {
    use_context::<Arc<Reminders>>().ok_or_else(push_off)
}

fn unavailable(err: StoreError) -> ApiError {
    tracing::error!("reminders: {err}");
    ApiError {
        status: 503,
        message: "Reminders are not available on the server right now. Please try again later."
            .into(),
    }
}

fn not_found() -> ApiError {
    ApiError {
        status: 404,
        message: format!(
            "The server no longer has this reminder: it is deleted when the browser's push address \
             expires, or after {UNSEEN_DAYS} days without opening the app. Turn it on again."
        ),
    }
}

fn wrong_secret() -> ApiError {
    ApiError {
        status: 403,
        message: "This reminder belongs to another browser or device, so it was not changed."
            .into(),
    }
}

/// What the sender needs besides the row: the key, the contact and the allowed push services.
pub struct Outbox {
    pub keys: VapidKeys,
    pub contact: String,
    pub hosts: Vec<String>,
    pub sender: PushSender,
}

impl Outbox {
    /// Sends `kind`'s reminder to `subscription`. A reminder not delivered within its TTL is
    /// dropped by the push service, and a newer one with the same Topic replaces an undelivered
    /// older one, so a phone that was off gets one reminder, not a pile.
    pub async fn send(
        &self,
        subscription: &PushSubscription,
        kind: ReminderKind,
    ) -> Result<Outcome, PushError> {
        let ttl_seconds = match kind {
            ReminderKind::Water => 30 * 60,
            ReminderKind::Bedtime => 60 * 60,
        };
        let options = PushOptions {
            ttl_seconds,
            urgency: Urgency::Normal,
            topic: Some(Topic::new(kind.name())?),
        };
        let request = build_push(
            subscription,
            Notice::for_kind(kind).to_json().as_bytes(),
            &options,
            &self.keys,
            &self.contact,
            // The token's expiry is checked against the push service's clock: always the real one.
            server_now_ms() / 1000,
        )?;
        Ok(self.sender.send(request).await)
    }
}

/// The store and the outbox: everything reminders need on the server.
pub struct Reminders {
    store: AnyStore,
    outbox: Outbox,
}

/// What one scheduler round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub sent: u32,
    pub gone: u32,
    pub retrying: u32,
    pub refused: u32,
    /// Slots missed while the server was down, moved on without sending.
    pub skipped: u32,
}

impl Round {
    fn add(&mut self, other: Round) {
        self.sent += other.sent;
        self.gone += other.gone;
        self.retrying += other.retrying;
        self.refused += other.refused;
        self.skipped += other.skipped;
    }
}

fn random_token(bytes: usize) -> Result<String, ApiError> {
    let mut buffer = vec![0u8; bytes];
    getrandom::fill(&mut buffer).map_err(|_| ApiError {
        status: 503,
        message: "The server could not make a random id. Please try again.".into(),
    })?;
    Ok(URL_SAFE_NO_PAD.encode(buffer))
}

/// Only the hash is stored: a copy of the database cannot be used to change anyone's reminders.
fn secret_hash(secret: &str) -> Vec<u8> {
    Sha256::digest(secret.as_bytes()).to_vec()
}

fn subscription_of(row: &ReminderRow) -> PushSubscription {
    PushSubscription {
        endpoint: row.endpoint.clone(),
        keys: SubscriptionKeys {
            p256dh: row.p256dh.clone(),
            auth: row.auth.clone(),
        },
    }
}

/// The next reminder of a row, or `None` when its schedule or zone no longer reads (then the
/// row is deleted rather than left to fail forever).
fn next_for(row: &ReminderRow, after_ms: i64) -> Option<i64> {
    let schedule: Schedule = serde_json::from_str(&row.schedule).ok()?;
    let zone = ZoneClock::named(&row.time_zone).ok()?;
    schedule.next_after(after_ms, &zone)
}

impl Reminders {
    pub fn new(store: AnyStore, outbox: Outbox) -> Self {
        Self { store, outbox }
    }

    /// The key pages subscribe with (base64url).
    pub fn public_key(&self) -> String {
        self.outbox.keys.public_key_base64url().to_string()
    }

    pub fn store(&self) -> &AnyStore {
        &self.store
    }

    /// Checks everything a page sends before anything is stored.
    fn checked(
        &self,
        subscription: &PushSubscription,
        schedule: &Schedule,
        time_zone: &str,
    ) -> Result<ZoneClock, ApiError> {
        if subscription.endpoint.len() > MAX_ENDPOINT_CHARS {
            return Err(ApiError::bad_request(
                "This browser's push address is too long to be a real one.",
            ));
        }
        validate_subscription(subscription).map_err(|err| {
            ApiError::bad_request(format!(
                "This browser's push subscription can't be used: {err}."
            ))
        })?;
        if !push_host_allowed(&subscription.endpoint, &self.outbox.hosts) {
            return Err(ApiError::bad_request(
                "This browser's push service is not one this server sends to. The calendar file works instead.",
            ));
        }
        schedule
            .validate()
            .map_err(|err| ApiError::bad_request(err.to_string()))?;
        ZoneClock::named(time_zone).map_err(|err| ApiError::bad_request(err.to_string()))
    }

    /// The row a registration names, if its secret matches.
    async fn owned_row(&self, registration: &Registration) -> Result<ReminderRow, ApiError> {
        let row = self
            .store
            .find(&registration.id)
            .await
            .map_err(unavailable)?
            .ok_or_else(not_found)?;
        // Both sides are SHA-256 digests, so comparing them leaks nothing usable about the secret.
        if row.secret_hash != secret_hash(&registration.secret) {
            return Err(wrong_secret());
        }
        Ok(row)
    }

    pub async fn subscribe(
        &self,
        subscription: PushSubscription,
        schedule: Schedule,
        time_zone: &str,
        registration: Option<Registration>,
    ) -> Result<Subscribed, ApiError> {
        self.subscribe_at(
            subscription,
            schedule,
            time_zone,
            registration,
            server_now_ms(),
        )
        .await
    }

    pub async fn subscribe_at(
        &self,
        subscription: PushSubscription,
        schedule: Schedule,
        time_zone: &str,
        registration: Option<Registration>,
        now_ms: i64,
    ) -> Result<Subscribed, ApiError> {
        let zone = self.checked(&subscription, &schedule, time_zone)?;
        let registration = match registration {
            Some(registration) => match self.owned_row(&registration).await {
                Ok(_) => registration,
                // Deleted meanwhile (unseen, or the push service said gone): start afresh.
                Err(err) if err.status == 404 => Registration {
                    id: random_token(ID_BYTES)?,
                    secret: random_token(SECRET_BYTES)?,
                },
                Err(err) => return Err(err),
            },
            None => Registration {
                id: random_token(ID_BYTES)?,
                secret: random_token(SECRET_BYTES)?,
            },
        };
        let next_at_ms = schedule.next_after(now_ms, &zone);
        let row = ReminderRow {
            id: registration.id.clone(),
            secret_hash: secret_hash(&registration.secret),
            endpoint: subscription.endpoint,
            p256dh: subscription.keys.p256dh,
            auth: subscription.keys.auth,
            kind: schedule.kind(),
            schedule: serde_json::to_string(&schedule)
                .map_err(|_| ApiError::bad_request("The schedule can't be stored."))?,
            time_zone: time_zone.to_string(),
            next_at_ms: next_at_ms.unwrap_or(i64::MAX),
            seen_at_ms: now_ms,
            failures: 0,
        };
        self.store.save(&row).await.map_err(unavailable)?;
        Ok(Subscribed {
            registration,
            next_at_ms,
        })
    }

    pub async fn change(
        &self,
        registration: Registration,
        schedule: Schedule,
        time_zone: &str,
    ) -> Result<Subscribed, ApiError> {
        let row = self.owned_row(&registration).await?;
        self.subscribe_at(
            subscription_of(&row),
            schedule,
            time_zone,
            Some(registration),
            server_now_ms(),
        )
        .await
    }

    /// The app was opened on a device that holds these registrations: the server keeps them
    /// another [`UNSEEN_DAYS`] days. One it no longer knows is passed over: the page asks for a
    /// new one when its switch next opens.
    pub async fn seen_at(&self, device: &PushDevice, now_ms: i64) -> Result<(), ApiError> {
        for kind in ReminderKind::ALL {
            let Some(registration) = device.get(kind) else {
                continue;
            };
            match self.owned_row(registration).await {
                Ok(row) => {
                    self.store
                        .mark_seen(&row.id, now_ms)
                        .await
                        .map_err(unavailable)?;
                }
                Err(err) if err.status == 404 => {}
                Err(err) => return Err(err),
            }
        }
        Ok(())
    }

    pub async fn forget(&self, registration: Registration) -> Result<(), ApiError> {
        self.owned_row(&registration).await?;
        self.store
            .delete(&registration.id)
            .await
            .map_err(unavailable)?;
        Ok(())
    }

    pub async fn send_test(&self, registration: Registration) -> Result<(), ApiError> {
        let row = self.owned_row(&registration).await?;
        let outcome = self
            .outbox
            .send(&subscription_of(&row), row.kind)
            .await
            .map_err(|err| {
                ApiError::bad_request(format!("The test reminder can't be sent: {err}."))
            })?;
        match outcome {
            Outcome::Delivered => Ok(()),
            Outcome::Gone => {
                self.store.delete(&row.id).await.map_err(unavailable)?;
                Err(ApiError {
                    status: 410,
                    message: "The browser's push service says this address has expired, so the server forgot it. Turn reminders on again.".into(),
                })
            }
            Outcome::RetryLater { .. } => Err(ApiError {
                status: 503,
                message: "The browser's push service is busy or can't be reached. Try again in a minute.".into(),
            }),
            Outcome::Refused { status } => Err(ApiError {
                status: 502,
                message: format!("The browser's push service refused the reminder (HTTP {status}). Turning reminders off and on again may help."),
            }),
        }
    }

    /// Sends every reminder due at `now_ms`, in batches, with at most [`IN_FLIGHT`] sends at a
    /// time, and moves each row to its next slot. Only rows this call claimed are touched, so
    /// two replicas on one database never send the same reminder twice.
    pub async fn send_due(self: &Arc<Self>, now_ms: i64) -> Result<Round, StoreError> {
        let mut round = Round::default();
        let limit = Arc::new(Semaphore::new(IN_FLIGHT));
        loop {
            let claimed = self
                .store
                .claim_due(now_ms, now_ms + LEASE_MS, BATCH)
                .await?;
            let full = claimed.len() == BATCH as usize;
            let mut sends = JoinSet::new();
            for row in claimed {
                let reminders = Arc::clone(self);
                let limit = Arc::clone(&limit);
                sends.spawn(async move {
                    let _permit = limit.acquire_owned().await;
                    reminders.send_one(row, now_ms).await
                });
            }
            while let Some(done) = sends.join_next().await {
                match done {
                    Ok(Ok(one)) => round.add(one),
                    Ok(Err(err)) => tracing::error!("reminders: {err}"),
                    Err(err) => tracing::error!("reminders: a send failed: {err}"),
                }
            }
            if !full {
                return Ok(round);
            }
        }
    }

    async fn send_one(&self, row: ReminderRow, now_ms: i64) -> Result<Round, StoreError> {
        let Some(next) = next_for(&row, now_ms) else {
            self.store.delete(&row.id).await?;
            return Ok(Round {
                gone: 1,
                ..Round::default()
            });
        };
        if now_ms - row.next_at_ms > STALE_AFTER_MS {
            self.store.reschedule(&row.id, next, row.failures).await?;
            return Ok(Round {
                skipped: 1,
                ..Round::default()
            });
        }
        let outcome = self
            .outbox
            .send(&subscription_of(&row), row.kind)
            .await
            .unwrap_or_else(|err| {
                tracing::warn!("reminders: cannot build a push for {}: {err}", row.id);
                Outcome::Refused { status: 0 }
            });
        let failures = row.failures + 1;
        match outcome {
            Outcome::Delivered => {
                self.store.reschedule(&row.id, next, 0).await?;
                Ok(Round {
                    sent: 1,
                    ..Round::default()
                })
            }
            Outcome::Gone => {
                self.store.delete(&row.id).await?;
                Ok(Round {
                    gone: 1,
                    ..Round::default()
                })
            }
            _ if failures >= MAX_FAILURES => {
                tracing::warn!(
                    "reminders: {} failed {failures} times in a row; deleted",
                    row.id
                );
                self.store.delete(&row.id).await?;
                Ok(Round {
                    gone: 1,
                    ..Round::default()
                })
            }
            Outcome::RetryLater { after } => {
                let backoff = FIRST_RETRY_MS
                    .saturating_mul(1 << (failures - 1).clamp(0, 20))
                    .min(LONGEST_RETRY_MS);
                let wait = after.map_or(backoff, |after| {
                    (after.as_millis() as i64).clamp(FIRST_RETRY_MS, LONGEST_RETRY_MS)
                });
                // A retry that would land after the next slot is that slot's reminder instead.
                self.store
                    .reschedule(&row.id, (now_ms + wait).min(next), failures)
                    .await?;
                Ok(Round {
                    retrying: 1,
                    ..Round::default()
                })
            }
            Outcome::Refused { status } => {
                tracing::warn!(
                    "reminders: the push service refused {} (HTTP {status})",
                    row.id
                );
                self.store.reschedule(&row.id, next, failures).await?;
                Ok(Round {
                    refused: 1,
                    ..Round::default()
                })
            }
        }
    }

    /// Deletes rows whose device has not opened the app for [`UNSEEN_DAYS`] days.
    pub async fn forget_unseen(&self, now_ms: i64) -> Result<u64, StoreError> {
        self.store
            .forget_unseen(now_ms - UNSEEN_DAYS * MS_PER_DAY)
            .await
    }

    /// Every [`TICK`], sends what is due; once an hour, forgets the unseen. Never returns.
    async fn run_scheduler(self: Arc<Self>) {
        let mut tick = tokio::time::interval(TICK);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        let mut last_forget = i64::MIN;
        loop {
            tick.tick().await;
            let now = server_now_ms();
            match self.send_due(now).await {
                Ok(round) if round != Round::default() => {
                    tracing::info!("reminders: {round:?}");
                    // A burst of sends leaves freed memory scattered through the arenas.
                    memory::give_back_freed_memory();
                }
                Ok(_) => {}
                Err(err) => tracing::error!("reminders: {err}"),
            }
            if now - last_forget >= 3_600_000 {
                last_forget = now;
                match self.forget_unseen(now).await {
                    Ok(0) => {}
                    Ok(count) => {
                        tracing::info!("reminders: forgot {count} unseen for {UNSEEN_DAYS} days")
                    }
                    Err(err) => tracing::error!("reminders: {err}"),
                }
            }
        }
    }

    /// The scheduler, on a thread of its own with its own runtime, database connections and
    /// HTTP client, at a lower CPU priority than the pages: encrypting a burst of reminders
    /// takes CPU the pages get first, and a slow or dead push service only ever holds up this
    /// thread (every send also has a timeout).
    pub fn spawn_scheduler(config: ReminderConfig) -> std::io::Result<std::thread::JoinHandle<()>> {
        std::thread::Builder::new()
            .name("reminders".into())
            .spawn(move || {
                lower_this_threads_priority();
                let runtime = match tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    Ok(runtime) => runtime,
                    Err(err) => {
                        tracing::error!("reminders: no runtime for the scheduler: {err}");
                        return;
                    }
                };
                runtime.block_on(async move {
                    match Self::start(&config).await {
                        Ok(reminders) => reminders.run_scheduler().await,
                        Err(err) => {
                            tracing::error!("reminders: the scheduler did not start: {err}")
                        }
                    }
                });
            })
    }
}

/// The calling thread (and the database threads it starts, which inherit it) runs only on CPU
/// the pages leave idle: Linux's SCHED_IDLE, per thread; a page request that wakes up takes the
/// CPU from it at once. Under sustained full load reminders go out later, never the pages.
fn lower_this_threads_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: sched_setscheduler reads the parameter struct only during the call; it lives on
    // this stack frame for the whole call.
    unsafe {
        let param = libc::sched_param { sched_priority: 0 };
        if libc::sched_setscheduler(0, libc::SCHED_IDLE, &param) != 0 {
            tracing::warn!("reminders: could not lower the scheduler's priority");
        }
    }
}

mod start;
pub use start::{ReminderConfig, StartError};
