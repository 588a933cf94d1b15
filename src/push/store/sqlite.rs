//! The default store: one SQLite file in the data folder.

use super::{migrate, StoreError};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions};
use std::fs::{self, OpenOptions};
use std::path::Path;
use std::time::Duration;

/// How long a write waits for another connection's write to finish before failing: SQLite lets
/// one writer at a time, and a claim or save takes milliseconds.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

pub struct SqliteStore {
    pub(super) pool: SqlitePool,
}

impl SqliteStore {
    /// Opens the database file at `path`, creating it (owner-only: it holds the subscriptions and
    /// the VAPID key) and its folder if missing, and creates or updates its tables.
    pub async fn open(path: &Path) -> Result<Self, StoreError> {
        let cannot_open = |source| StoreError::OpenSqlite {
            path: path.to_owned(),
            source,
        };
        create_private_file(path).map_err(|error| cannot_open(error.into()))?;
        // WAL: the page's saves do not wait for the scheduler's reads, nor the reverse.
        let options = SqliteConnectOptions::new()
            .filename(path)
            .journal_mode(SqliteJournalMode::Wal)
            .busy_timeout(BUSY_TIMEOUT);
        let pool = SqlitePoolOptions::new()
            .connect_with(options)
            .await
            .map_err(|error| cannot_open(error.into()))?;
        migrate(
            &pool,
            &[(
                1,
                "reminders",
                include_str!("../../../migrations/sqlite/0001_reminders.sql"),
            )],
        )
        .await?;
        Ok(Self { pool })
    }
}

/// Creates the file and its folder if missing, readable and writable by this user only. SQLite
/// gives its WAL and shared-memory files the same permissions.
fn create_private_file(path: &Path) -> std::io::Result<()> {
    if let Some(folder) = path
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty())
    {
        fs::create_dir_all(folder)?;
    }
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600).open(path)?;
        // A file made earlier, or by someone else's tool, may be readable by others.
        fs::set_permissions(path, fs::Permissions::from_mode(0o600))
    }
    #[cfg(not(unix))]
    options.open(path).map(drop)
}
