//! The app's version and content counts: the first server function, called by an island after
//! hydration, proving the path SSR -> hydration -> server function end to end.

use crate::error::ApiError;
use leptos::{prelude::*, server_fn::codec::GetUrl};
use serde::{Deserialize, Serialize};

/// The version of this build; the browser sends it so the server can say whether it is current.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppSummary {
    pub version: String,
    pub remedies: usize,
    pub stretches: usize,
    pub topics: usize,
    pub red_flags: usize,
    /// False when the page was built by an older (or newer) version than the server runs.
    pub up_to_date: bool,
}

/// Checks a version string the browser sent: digits and dots, short.
pub fn parse_client_version(value: &str) -> Result<&str, ApiError> {
    let well_formed = !value.is_empty()
        && value.len() <= 20
        && value.split('.').count() <= 4
        && value
            .split('.')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
    if well_formed {
        Ok(value)
    } else {
        Err(ApiError::bad_request(
            "client_version must be a version number such as 0.1.0 (digits and dots, at most 20 characters).",
        ))
    }
}

#[server(endpoint = "app-info", input = GetUrl)]
pub async fn get_app_info(client_version: Option<String>) -> Result<AppSummary, ApiError> {
    let up_to_date = match client_version.as_deref() {
        Some(version) => parse_client_version(version)? == VERSION,
        None => true,
    };
    let catalogue = crate::content::catalogue();
    Ok(AppSummary {
        version: VERSION.to_string(),
        remedies: catalogue.remedies.len(),
        stretches: catalogue.stretches.len(),
        topics: catalogue.topics.len(),
        red_flags: catalogue.red_flags.len(),
        up_to_date,
    })
}

impl AppSummary {
    pub fn describe(&self) -> String {
        let mut text = format!(
            "Version {}: {} remedies, {} stretches and exercises, {} topics, {} warning signs.",
            self.version, self.remedies, self.stretches, self.topics, self.red_flags
        );
        if !self.up_to_date {
            text.push_str(" A newer version is available: reload the page to get it.");
        }
        text
    }
}

/// Asks the server what it runs, once the page is interactive.
#[island]
pub fn AppStatus() -> impl IntoView {
    let summary = RwSignal::new(None::<Result<AppSummary, ApiError>>);
    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            summary.set(Some(get_app_info(Some(VERSION.to_string())).await));
        });
    });
    view! {
        <p class="app-status" role="status">
            {move || match summary.get() {
                None => format!("Version {VERSION}"),
                Some(Ok(summary)) => summary.describe(),
                Some(Err(err)) if err.is_unreachable() => {
                    format!("Version {VERSION}. Offline: the app uses what is saved on this device.")
                }
                Some(Err(err)) => format!("Version {VERSION}. {err}"),
            }}
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_digits_and_dots() {
        assert!(parse_client_version("0.1.0").is_ok());
        assert!(parse_client_version("12").is_ok());
        for bad in [
            "",
            "1..2",
            "v1.0",
            "1.0.0-beta",
            "1.2.3.4.5",
            &"9".repeat(21),
        ] {
            let err = parse_client_version(bad).unwrap_err();
            assert_eq!(err.status, 400, "{bad:?}");
        }
    }

    #[test]
    fn a_stale_page_is_told_to_reload() {
        let summary = AppSummary {
            version: "0.2.0".into(),
            remedies: 1,
            stretches: 2,
            topics: 3,
            red_flags: 4,
            up_to_date: false,
        };
        assert!(summary.describe().contains("reload"));
    }
}
