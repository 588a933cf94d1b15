//! The one error type every server function returns: an HTTP status and a sentence a person can
//! act on. The server's status middleware copies `status` onto the HTTP response.

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub status: u16,
    pub message: String,
}

impl ApiError {
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self {
            status: 400,
            message: message.into(),
        }
    }

    /// True when the request never reached the server (offline, server down).
    pub fn is_unreachable(&self) -> bool {
        self.status == 0
    }
}

impl FromServerFnError for ApiError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(err: ServerFnErrorErr) -> Self {
        use ServerFnErrorErr as E;
        match err {
            // A request body that does not decode into the arguments (JSON input) is Deserialization.
            E::Args(detail) | E::MissingArg(detail) | E::Deserialization(detail) => {
                Self::bad_request(format!("The request was not understood: {detail}"))
            }
            E::Request(_) => Self {
                status: 0,
                message: "The server could not be reached. You may be offline.".into(),
            },
            other => Self {
                status: 500,
                message: format!("Something went wrong on our side: {other}"),
            },
        }
    }
}
