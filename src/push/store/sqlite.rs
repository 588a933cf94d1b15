//! The default store: one SQLite file in the data folder.

use super::{migrate, StoreError, SQLITE};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::fs::{self, OpenOptions};
use std::io::ErrorKind;
use std::path::Path;
use std::time::Duration;

/// How long a write waits for another connection's write to finish before failing: SQLite lets
/// one writer at a time, and a claim or save takes milliseconds.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Connections per store, and each one's page cache. SQLite takes one write at a time, so more
/// connections only add threads and caches (2 MB each by SQLite's default): a burst of 100,000
/// due reminders opened six. The operating system caches the file for all of them anyway.
const MAX_CONNECTIONS: u32 = 2;
const CACHE_KIB: u32 = 512;

/// Held while a store of this process creates the file and connects. Closing any descriptor of a
/// database file drops every POSIX lock the process holds on it, SQLite's own included; another
/// process (a second server, a tool) would then believe it is alone with the file, checkpoint
/// and delete the WAL under our connections ("disk I/O error", then "file is not a database").
/// So the file is opened outside SQLite only to create it, before any connection of ours exists.
static CONNECTING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

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
        let connecting = CONNECTING.lock().await;
        create_private_file(path).map_err(|error| cannot_open(error.into()))?;
        // WAL: the page's saves do not wait for the scheduler's reads, nor the reverse.
        let options = SqliteConnectOptions::new()
            .filename(path)
            .journal_mode(SqliteJournalMode::Wal)
            // With WAL, NORMAL never corrupts the file; a power cut may lose the last writes (a
            // reminder sent again), and no commit waits for the disk: FULL made every one of
            // the scheduler's reschedules an fsync.
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(BUSY_TIMEOUT)
            // Negative: a size in KiB rather than in pages.
            .pragma("cache_size", format!("-{CACHE_KIB}"));
        let pool = SqlitePoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .connect_with(options)
            .await
            .map_err(|error| cannot_open(error.into()))?;
        drop(connecting);
        migrate(&pool, SQLITE).await?;
        Ok(Self { pool })
    }
}

/// Creates the file and its folder if missing, readable and writable by this user only. SQLite
/// gives its WAL and shared-memory files the same permissions. An existing file is never opened
/// here (see [`CONNECTING`]); its permissions are set by path.
fn create_private_file(path: &Path) -> std::io::Result<()> {
    if let Some(folder) = path
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty())
    {
        fs::create_dir_all(folder)?;
    }
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => {}
        Err(error) if error.kind() == ErrorKind::AlreadyExists => {}
        Err(error) => return Err(error),
    }
    // A file made earlier, or by someone else's tool, may be readable by others.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;
    use std::{ffi::CString, os::unix::ffi::OsStrExt};

    /// Whether a process other than this one finds a lock on the file. It has to be another
    /// process: POSIX locks never conflict within one, and opening the file here to look would
    /// itself drop the locks under test.
    fn locked_for_another_process(path: &Path) -> bool {
        let path = CString::new(path.as_os_str().as_bytes()).expect("a path without NUL");
        // SAFETY: the child calls only open, fcntl and _exit, which are async-signal-safe, and
        // reads only `path`, made before the fork, and its own stack.
        unsafe {
            match libc::fork() {
                -1 => panic!("fork failed"),
                0 => {
                    let fd = libc::open(path.as_ptr(), libc::O_RDWR);
                    let mut lock: libc::flock = std::mem::zeroed();
                    lock.l_type = libc::F_WRLCK as libc::c_short;
                    lock.l_whence = libc::SEEK_SET as libc::c_short;
                    let code = if fd < 0 || libc::fcntl(fd, libc::F_GETLK, &mut lock) != 0 {
                        2
                    } else if lock.l_type == libc::F_UNLCK as libc::c_short {
                        0
                    } else {
                        1
                    };
                    libc::_exit(code)
                }
                child => {
                    let mut status = 0;
                    assert_eq!(libc::waitpid(child, &mut status, 0), child);
                    assert!(libc::WIFEXITED(status), "the checking process crashed");
                    match libc::WEXITSTATUS(status) {
                        0 => false,
                        1 => true,
                        _ => panic!("the checking process could not open or test the file"),
                    }
                }
            }
        }
    }

    async fn read(store: &SqliteStore) {
        sqlx::query("SELECT count(*) FROM reminders")
            .fetch_one(&store.pool)
            .await
            .expect("a read");
    }

    #[tokio::test]
    async fn a_second_store_on_the_file_keeps_the_first_ones_locks() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let path = folder.path().join("reminders.sqlite3");
        let first = SqliteStore::open(&path).await.expect("the first store");
        read(&first).await;
        assert!(
            locked_for_another_process(&path),
            "an open WAL connection holds a shared lock on the file"
        );
        // The scheduler opens its own store beside the pages' one, in the same process.
        let second = SqliteStore::open(&path).await.expect("the second store");
        read(&second).await;
        read(&first).await;
        assert!(
            locked_for_another_process(&path),
            "opening a second store dropped the first one's locks: another process could \
             delete the WAL under it"
        );
    }
}
