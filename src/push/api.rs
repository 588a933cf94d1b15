//! The server functions the pages call: subscribe (or re-send on opening), change the schedule,
//! send a test reminder, unsubscribe, and say the app was opened. Each checks what it is given
//! and answers with an [`ApiError`] a person can act on: a 4xx stores nothing and changes
//! nothing.

use super::{PushDevice, PushSubscription, Registration, Schedule, Subscribed};
use crate::error::ApiError;
use leptos::{prelude::*, server_fn};

/// Saves this device's subscription and schedule, or refreshes them when the page opens with a
/// registration it already has. A registration the server no longer knows (it was deleted after
/// 45 days unseen, or the push service said the subscription had gone) gets a new one.
#[server(prefix = "/api", endpoint = "reminders/subscribe", input = server_fn::codec::Json)]
pub async fn subscribe_reminders(
    subscription: PushSubscription,
    schedule: Schedule,
    time_zone: String,
    registration: Option<Registration>,
) -> Result<Subscribed, ApiError> {
    super::service::reminders()?
        .subscribe(subscription, schedule, &time_zone, registration)
        .await
}

/// A new schedule or time zone for a registration the page holds.
#[server(prefix = "/api", endpoint = "reminders/change", input = server_fn::codec::Json)]
pub async fn change_reminders(
    registration: Registration,
    schedule: Schedule,
    time_zone: String,
) -> Result<Subscribed, ApiError> {
    super::service::reminders()?
        .change(registration, schedule, &time_zone)
        .await
}

/// Sends one reminder now, so the person sees what one looks like and that it arrives.
#[server(prefix = "/api", endpoint = "reminders/test", input = server_fn::codec::Json)]
pub async fn send_test_reminder(registration: Registration) -> Result<(), ApiError> {
    super::service::reminders()?.send_test(registration).await
}

/// The app was opened on this device (any page: public/pwa.js sends what the device keeps under
/// `device::Key::Push`, at most once a session): its reminders stay another
/// [`UNSEEN_DAYS`](super::UNSEEN_DAYS) days.
#[server(prefix = "/api", endpoint = "reminders/seen", input = server_fn::codec::Json)]
pub async fn reminders_seen(device: PushDevice) -> Result<(), ApiError> {
    super::service::reminders()?
        .seen_at(&device, super::service::server_now_ms())
        .await
}

/// Deletes the registration's row at once.
#[server(prefix = "/api", endpoint = "reminders/forget", input = server_fn::codec::Json)]
pub async fn forget_reminders(registration: Registration) -> Result<(), ApiError> {
    super::service::reminders()?.forget(registration).await
}
