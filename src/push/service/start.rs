//! Starting reminders with the server: the store opened, the VAPID key found or made.

use super::{Outbox, Reminders};
use crate::push::{
    sender::{PushSender, SenderSetupError},
    store::{AnyStore, ReminderStore, StoreError},
    webpush::{PushError, VapidKeys},
};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use std::{sync::Arc, time::Duration};

/// How long one push may take, connection included.
const SEND_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("reminders: {0}")]
    Store(#[from] StoreError),
    #[error("reminders: the VAPID key: {0}")]
    Key(#[from] PushError),
    #[error("reminders: the VAPID key file {path}: {problem}")]
    KeyFile { path: String, problem: String },
    #[error("reminders: {0}")]
    Sender(#[from] SenderSetupError),
}

/// What reminders need from the server's settings (`server::settings` makes it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderConfig {
    /// Empty: SQLite in `data_folder`.
    pub database_url: String,
    pub data_folder: std::path::PathBuf,
    pub contact: String,
    pub hosts: Vec<String>,
    /// Empty: the VAPID key lives in the store.
    pub key_file: String,
}

impl Reminders {
    /// Opens the store and finds the VAPID key pair.
    pub async fn start(push: &ReminderConfig) -> Result<Arc<Self>, StartError> {
        let url = Some(push.database_url.as_str()).filter(|url| !url.is_empty());
        let store = AnyStore::open(url, &push.data_folder).await?;
        let keys = if push.key_file.is_empty() {
            // The first replica to start stores its fresh pair; every other one reads that.
            let fresh = VapidKeys::generate()?;
            VapidKeys::from_private_bytes(&store.vapid_key(&fresh.private_bytes()).await?)?
        } else {
            key_from_file(std::path::Path::new(&push.key_file))?
        };
        if push.contact.ends_with(".invalid") {
            tracing::warn!(
                "reminders: the push contact is {}, a placeholder. Set [push] contact in Leptos.toml \
                 to an address you read.",
                push.contact
            );
        }
        let outbox = Outbox {
            keys,
            contact: push.contact.clone(),
            hosts: push.hosts.clone(),
            sender: PushSender::new(SEND_TIMEOUT)?,
        };
        Ok(Arc::new(Self::new(store, outbox)))
    }
}

/// The key file holds the private key as base64url, the form web-push tools print. Made on first
/// start, readable by its owner only; an existing file others can read is refused.
fn key_from_file(path: &std::path::Path) -> Result<VapidKeys, StartError> {
    use std::io::Write;
    let problem = |problem: String| StartError::KeyFile {
        path: path.display().to_string(),
        problem,
    };
    match std::fs::read_to_string(path) {
        Ok(text) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::metadata(path)
                    .map_err(|err| problem(err.to_string()))?
                    .permissions()
                    .mode();
                if mode & 0o077 != 0 {
                    return Err(problem(format!(
                        "others can read it (mode {:o}); run chmod 600 on it",
                        mode & 0o777
                    )));
                }
            }
            let bytes = URL_SAFE_NO_PAD
                .decode(text.trim())
                .map_err(|_| problem("it does not hold a base64url private key".into()))?;
            Ok(VapidKeys::from_private_bytes(&bytes)?)
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            let keys = VapidKeys::generate()?;
            if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) {
                std::fs::create_dir_all(folder).map_err(|err| problem(err.to_string()))?;
            }
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut file = options
                .open(path)
                .map_err(|err| problem(format!("cannot create it: {err}")))?;
            writeln!(file, "{}", URL_SAFE_NO_PAD.encode(keys.private_bytes()))
                .map_err(|err| problem(format!("cannot write it: {err}")))?;
            Ok(keys)
        }
        Err(err) => Err(problem(format!("cannot read it: {err}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_file_is_made_owner_only_and_read_back_and_a_shared_one_is_refused() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("keys/vapid.key");
        let made = key_from_file(&path).unwrap();
        let again = key_from_file(&path).unwrap();
        assert_eq!(made.public_key_base64url(), again.public_key_base64url());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            let err = key_from_file(&path).unwrap_err().to_string();
            assert!(err.contains("chmod 600"), "{err}");
        }
    }
}
