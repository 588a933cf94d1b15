//! Where reminders live: SQLite (one file in the data folder, the default) or PostgreSQL (several
//! replicas sharing one database), behind one [`ReminderStore`] API.
//!
//! Both backends run the same SQL (sqlx binds `$1` on SQLite too); only the schema's column types
//! and the row locking of [`ReminderStore::claim_due`] differ.

mod postgres;
mod sqlite;

pub use postgres::PostgresStore;
pub use sqlite::SqliteStore;

use super::ReminderKind;
use sqlx::error::BoxDynError;
use sqlx::migrate::{Migrate, MigrateError, Migration, MigrationSource, MigrationType, Migrator};
use sqlx::Acquire;
use std::future::Future;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::pin::Pin;

/// One reminder row: everything the server keeps, nothing more (no IP, no user agent, no drink
/// data).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderRow {
    /// Random, base64url of 16 bytes.
    pub id: String,
    /// SHA-256 of the page's secret (32 bytes).
    pub secret_hash: Vec<u8>,
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
    /// Stored as its [`ReminderKind::name`].
    pub kind: ReminderKind,
    /// JSON of [`super::Schedule`]; the store does not interpret it.
    pub schedule: String,
    /// IANA name.
    pub time_zone: String,
    /// When the next reminder is due (Unix ms).
    pub next_at_ms: i64,
    /// The last time the app was opened on its device: a re-send, or any page saying so (Unix ms).
    pub seen_at_ms: i64,
    /// Consecutive 429/5xx/timeouts, for back-off.
    pub failures: i32,
}

pub trait ReminderStore: Send + Sync {
    /// Insert, or replace the row with this id. A row with the same endpoint and kind but another
    /// id is replaced too (a phone that lost its registration must not get every reminder twice).
    /// One transaction.
    fn save(&self, row: &ReminderRow) -> impl Future<Output = Result<(), StoreError>> + Send;

    fn find(
        &self,
        id: &str,
    ) -> impl Future<Output = Result<Option<ReminderRow>, StoreError>> + Send;

    /// true when a row was deleted.
    fn delete(&self, id: &str) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Atomically claims up to `limit` rows with `next_at_ms <= now_ms` that no live claim holds
    /// (none, or one that lapsed by `now_ms`), leasing them until `lease_until_ms`, and returns
    /// them ordered by `next_at_ms`. Two schedulers (two processes on one PostgreSQL, or tasks on
    /// one SQLite file) never get the same row while a lease is live.
    fn claim_due(
        &self,
        now_ms: i64,
        lease_until_ms: i64,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<ReminderRow>, StoreError>> + Send;

    /// After a send: the next due time and failure count; clears the claim. No-op if the row is
    /// gone.
    fn reschedule(
        &self,
        id: &str,
        next_at_ms: i64,
        failures: i32,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The app was opened on the row's device at `seen_at_ms`; true when the row exists.
    fn mark_seen(
        &self,
        id: &str,
        seen_at_ms: i64,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Deletes rows whose `seen_at_ms < seen_before_ms`; returns how many.
    fn forget_unseen(
        &self,
        seen_before_ms: i64,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;

    /// The server's VAPID private key: stores `fresh` if none is stored yet (first start) and
    /// returns the stored one, atomically, so every replica on one database ends up with the same
    /// key.
    fn vapid_key(&self, fresh: &[u8]) -> impl Future<Output = Result<Vec<u8>, StoreError>> + Send;

    fn count(&self) -> impl Future<Output = Result<u64, StoreError>> + Send;
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "cannot open the reminder database at {}: {source}; check the data folder's permissions \
         and free space",
        path.display()
    )]
    OpenSqlite { path: PathBuf, source: BoxDynError },

    /// `target` is the URL without its password.
    #[error(
        "cannot reach PostgreSQL at {target}: {source}; check that it is running, the host, port, \
         user and password in the database URL, and that the database exists"
    )]
    ReachPostgres { target: String, source: sqlx::Error },

    #[error(
        "the PostgreSQL database URL is not valid: {source}; expected \
         postgres://USER:PASSWORD@HOST:PORT/DATABASE"
    )]
    PostgresUrl { source: sqlx::Error },

    /// `scheme` is only what comes before `://`, so no password is ever printed.
    #[error(
        "unsupported database URL (scheme {scheme:?}): use postgres://…, postgresql://… or \
         sqlite://PATH, or leave the database URL empty for a SQLite file in the data folder"
    )]
    UnsupportedUrl { scheme: String },

    #[error(
        "cannot create or update the reminder tables: {source}; check that the database user may \
         create tables, and that no newer version of Leg Relief has used this database"
    )]
    Migrate { source: MigrateError },

    #[error("the reminder database failed to {action}: {source}")]
    Query {
        action: &'static str,
        source: sqlx::Error,
    },

    #[error(
        "reminder {id} has the unknown kind {kind:?}; was the database written by a newer version \
         of Leg Relief?"
    )]
    UnknownKind { id: String, kind: String },
}

/// Wraps a failed query's error with what the store was doing.
fn failed(action: &'static str) -> impl FnOnce(sqlx::Error) -> StoreError {
    move |source| StoreError::Query { action, source }
}

/// The columns of a reminder row as SQL returns them, in `columns!` order.
type Columns = (
    String,
    Vec<u8>,
    String,
    String,
    String,
    String,
    String,
    String,
    i64,
    i64,
    i32,
);

impl TryFrom<Columns> for ReminderRow {
    type Error = StoreError;

    /// Each field from its place in `columns!`.
    fn try_from(columns: Columns) -> Result<Self, StoreError> {
        let Some(kind) = ReminderKind::from_name(&columns.5) else {
            let (id, kind) = (columns.0, columns.5);
            return Err(StoreError::UnknownKind { id, kind });
        };
        Ok(Self {
            id: columns.0,
            secret_hash: columns.1,
            endpoint: columns.2,
            p256dh: columns.3,
            auth: columns.4,
            kind,
            schedule: columns.6,
            time_zone: columns.7,
            next_at_ms: columns.8,
            seen_at_ms: columns.9,
            failures: columns.10,
        })
    }
}

/// The reminder columns read back, as a literal so `concat!` can build the queries from it.
macro_rules! columns {
    () => {
        "id, secret_hash, endpoint, p256dh, auth, kind, schedule, time_zone, next_at_ms, \
         seen_at_ms, failures"
    };
}

/// The claim query, around `$row_lock`: what the backend needs so that two schedulers' claims
/// cannot pick the same row.
macro_rules! claim_due_sql {
    ($row_lock:literal) => {
        concat!(
            "UPDATE reminders SET claimed_until_ms = $2 WHERE id IN (SELECT id FROM reminders \
             WHERE next_at_ms <= $1 AND (claimed_until_ms IS NULL OR claimed_until_ms <= $1) \
             ORDER BY next_at_ms LIMIT $3 ",
            $row_lock,
            ") RETURNING ",
            columns!()
        )
    };
}

/// Implements [`ReminderStore`] for a store with a `pool` field of one sqlx backend: the same
/// queries for both, with the claim query the backend's own. (A macro, not generics: sqlx's
/// bounds for a generic backend would outweigh the queries.)
macro_rules! impl_reminder_store {
    ($store:ty, claim_due = $claim_due:expr) => {
        impl $store {
            /// Runs `statement` on one reminder's row (`$1` its id, `$2` the value, if any);
            /// whether there was such a row.
            async fn change_row(
                &self,
                statement: &'static str,
                id: &str,
                value: Option<i64>,
                what: &'static str,
            ) -> Result<bool, StoreError> {
                let mut query = sqlx::query(statement).bind(id);
                if let Some(value) = value {
                    query = query.bind(value);
                }
                let done = query.execute(&self.pool).await.map_err(failed(what))?;
                Ok(done.rows_affected() > 0)
            }
        }

        impl ReminderStore for $store {
            async fn save(
                &self,
                row: &ReminderRow,
            ) -> Result<(), StoreError> {
                let mut transaction = self.pool.begin().await.map_err(failed("save a reminder"))?;
                sqlx::query(
                    "DELETE FROM reminders WHERE endpoint = $1 AND kind = $2 AND id <> $3",
                )
                .bind(&row.endpoint)
                .bind(row.kind.name())
                .bind(&row.id)
                .execute(&mut *transaction)
                .await
                .map_err(failed("replace a phone's earlier reminder"))?;
                // A live claim is kept: the scheduler sending this row right now still owns it.
                sqlx::query(
                    "INSERT INTO reminders (id, secret_hash, endpoint, p256dh, auth, kind, \
                     schedule, time_zone, next_at_ms, seen_at_ms, failures) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
                     ON CONFLICT (id) DO UPDATE SET secret_hash = excluded.secret_hash, \
                     endpoint = excluded.endpoint, p256dh = excluded.p256dh, \
                     auth = excluded.auth, kind = excluded.kind, schedule = excluded.schedule, \
                     time_zone = excluded.time_zone, next_at_ms = excluded.next_at_ms, \
                     seen_at_ms = excluded.seen_at_ms, failures = excluded.failures",
                )
                .bind(&row.id)
                .bind(&row.secret_hash)
                .bind(&row.endpoint)
                .bind(&row.p256dh)
                .bind(&row.auth)
                .bind(row.kind.name())
                .bind(&row.schedule)
                .bind(&row.time_zone)
                .bind(row.next_at_ms)
                .bind(row.seen_at_ms)
                .bind(row.failures)
                .execute(&mut *transaction)
                .await
                .map_err(failed("save a reminder"))?;
                transaction.commit().await.map_err(failed("save a reminder"))
            }

            async fn find(
                &self,
                id: &str,
            ) -> Result<Option<ReminderRow>, StoreError>
            {
                sqlx::query_as::<_, Columns>(concat!(
                    "SELECT ",
                    columns!(),
                    " FROM reminders WHERE id = $1"
                ))
                .bind(id)
                .fetch_optional(&self.pool)
                .await
                .map_err(failed("look up a reminder"))?
                .map(TryInto::try_into)
                .transpose()
            }

            async fn delete(&self, id: &str) -> Result<bool, StoreError> {
                self.change_row("DELETE FROM reminders WHERE id = $1", id, None, "delete a reminder")
                    .await
            }

            async fn claim_due(
                &self,
                now_ms: i64,
                lease_until_ms: i64,
                limit: u32,
            ) -> Result<Vec<ReminderRow>, StoreError>
            {
                let claimed = sqlx::query_as::<_, Columns>($claim_due)
                    .bind(now_ms)
                    .bind(lease_until_ms)
                    .bind(i64::from(limit))
                    .fetch_all(&self.pool)
                    .await
                    .map_err(failed("claim due reminders"))?;
                let mut rows = claimed
                    .into_iter()
                    .map(ReminderRow::try_from)
                    .collect::<Result<Vec<_>, _>>()?;
                // RETURNING follows no ORDER BY, on either backend.
                rows.sort_by_key(|row| row.next_at_ms);
                Ok(rows)
            }

            async fn reschedule(
                &self,
                id: &str,
                next_at_ms: i64,
                failures: i32,
            ) -> Result<(), StoreError> {
                sqlx::query(
                    "UPDATE reminders SET next_at_ms = $2, failures = $3, \
                     claimed_until_ms = NULL WHERE id = $1",
                )
                .bind(id)
                .bind(next_at_ms)
                .bind(failures)
                .execute(&self.pool)
                .await
                .map_err(failed("reschedule a reminder"))?;
                Ok(())
            }

            async fn mark_seen(&self, id: &str, seen_at_ms: i64) -> Result<bool, StoreError> {
                self.change_row(
                    "UPDATE reminders SET seen_at_ms = $2 WHERE id = $1",
                    id,
                    Some(seen_at_ms),
                    "mark a reminder seen",
                )
                .await
            }

            async fn forget_unseen(
                &self,
                seen_before_ms: i64,
            ) -> Result<u64, StoreError> {
                let forgotten = sqlx::query("DELETE FROM reminders WHERE seen_at_ms < $1")
                    .bind(seen_before_ms)
                    .execute(&self.pool)
                    .await
                    .map_err(failed("forget unseen reminders"))?;
                Ok(forgotten.rows_affected())
            }

            async fn vapid_key(
                &self,
                fresh: &[u8],
            ) -> Result<Vec<u8>, StoreError> {
                // The first writer wins; everyone, the first included, then reads the winner's.
                sqlx::query(
                    "INSERT INTO vapid_key (id, private_key) VALUES (1, $1) \
                     ON CONFLICT (id) DO NOTHING",
                )
                .bind(fresh)
                .execute(&self.pool)
                .await
                .map_err(failed("store the VAPID key"))?;
                let (stored,) = sqlx::query_as::<_, (Vec<u8>,)>(
                    "SELECT private_key FROM vapid_key WHERE id = 1",
                )
                .fetch_one(&self.pool)
                .await
                .map_err(failed("read the VAPID key"))?;
                Ok(stored)
            }

            async fn count(&self) -> Result<u64, StoreError> {
                let (count,) = sqlx::query_as::<_, (i64,)>("SELECT COUNT(*) FROM reminders")
                    .fetch_one(&self.pool)
                    .await
                    .map_err(failed("count reminders"))?;
                // COUNT(*) is never negative.
                Ok(count.unsigned_abs())
            }
        }
    };
}
impl_reminder_store!(SqliteStore, claim_due = claim_due_sql!(""));
// Rows another transaction is claiming right now are passed over instead of waited for.
impl_reminder_store!(
    PostgresStore,
    claim_due = claim_due_sql!("FOR UPDATE SKIP LOCKED")
);

/// The schema's steps, oldest first: version, description and SQL, written once for both
/// databases with `{bytes}` and `{big_integer}` where their column types differ. Compiled in, so
/// the database is created or updated on open with nothing to deploy beside the binary (sqlx's
/// `migrate!` would need its macros, which this crate leaves out). A shipped step never changes:
/// sqlx refuses a database whose recorded checksum differs (see the test).
const MIGRATIONS: [(i64, &str, &str); 1] = [(
    1,
    "reminders",
    include_str!("../../../migrations/0001_reminders.sql"),
)];

/// How a database spells the column types the two differ on.
#[derive(Debug, Clone, Copy)]
struct Dialect {
    bytes: &'static str,
    big_integer: &'static str,
}

const SQLITE: Dialect = Dialect {
    bytes: "BLOB",
    big_integer: "INTEGER",
};
const POSTGRES: Dialect = Dialect {
    bytes: "BYTEA",
    big_integer: "BIGINT",
};

impl Dialect {
    fn migrations(self) -> Vec<Migration> {
        MIGRATIONS
            .iter()
            .map(|&(version, description, sql)| {
                let sql = sql
                    .replace("{bytes}", self.bytes)
                    .replace("{big_integer}", self.big_integer);
                Migration::new(
                    version,
                    description.into(),
                    MigrationType::Simple,
                    sql.into(),
                    false,
                )
            })
            .collect()
    }
}

impl MigrationSource<'static> for Dialect {
    fn resolve(self) -> Pin<Box<dyn Future<Output = Result<Vec<Migration>, BoxDynError>> + Send>> {
        Box::pin(std::future::ready(Ok(self.migrations())))
    }
}

/// Creates or updates the tables. On PostgreSQL sqlx holds an advisory lock meanwhile, so
/// replicas starting together do not race.
async fn migrate<'a, A>(connection: A, dialect: Dialect) -> Result<(), StoreError>
where
    A: Acquire<'a>,
    <A::Connection as Deref>::Target: Migrate,
{
    let migrate_failed = |source| StoreError::Migrate { source };
    Migrator::new(dialect)
        .await
        .map_err(migrate_failed)?
        .run(connection)
        .await
        .map_err(migrate_failed)
}

/// The store the server was configured for.
pub enum AnyStore {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

impl AnyStore {
    /// The file used when no database URL is given, inside the data folder.
    pub const DEFAULT_FILE: &'static str = "reminders.sqlite3";

    /// `None` or empty: the SQLite file [`Self::DEFAULT_FILE`] in `data_dir`;
    /// `postgres://…` or `postgresql://…`: that PostgreSQL database; `sqlite://PATH`: that SQLite
    /// file.
    pub async fn open(database_url: Option<&str>, data_dir: &Path) -> Result<Self, StoreError> {
        let url = database_url.unwrap_or_default();
        if url.is_empty() {
            return Ok(Self::Sqlite(
                SqliteStore::open(&data_dir.join(Self::DEFAULT_FILE)).await?,
            ));
        }
        if let Some(path) = url.strip_prefix("sqlite://") {
            return Ok(Self::Sqlite(SqliteStore::open(Path::new(path)).await?));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Self::Postgres(PostgresStore::connect(url).await?));
        }
        let scheme = url.split_once("://").map_or("", |(scheme, _)| scheme);
        Err(StoreError::UnsupportedUrl {
            scheme: scheme.to_owned(),
        })
    }
}

/// Calls the same method on whichever store this is.
macro_rules! dispatch {
    ($any:expr, $store:ident => $call:expr) => {
        match $any {
            AnyStore::Sqlite($store) => $call.await,
            AnyStore::Postgres($store) => $call.await,
        }
    };
}

impl ReminderStore for AnyStore {
    async fn save(&self, row: &ReminderRow) -> Result<(), StoreError> {
        dispatch!(self, store => store.save(row))
    }

    async fn find(&self, id: &str) -> Result<Option<ReminderRow>, StoreError> {
        dispatch!(self, store => store.find(id))
    }

    async fn delete(&self, id: &str) -> Result<bool, StoreError> {
        dispatch!(self, store => store.delete(id))
    }

    async fn claim_due(
        &self,
        now_ms: i64,
        lease_until_ms: i64,
        limit: u32,
    ) -> Result<Vec<ReminderRow>, StoreError> {
        dispatch!(self, store => store.claim_due(now_ms, lease_until_ms, limit))
    }

    async fn reschedule(&self, id: &str, next_at_ms: i64, failures: i32) -> Result<(), StoreError> {
        dispatch!(self, store => store.reschedule(id, next_at_ms, failures))
    }

    async fn mark_seen(&self, id: &str, seen_at_ms: i64) -> Result<bool, StoreError> {
        dispatch!(self, store => store.mark_seen(id, seen_at_ms))
    }

    async fn forget_unseen(&self, seen_before_ms: i64) -> Result<u64, StoreError> {
        dispatch!(self, store => store.forget_unseen(seen_before_ms))
    }

    async fn vapid_key(&self, fresh: &[u8]) -> Result<Vec<u8>, StoreError> {
        dispatch!(self, store => store.vapid_key(fresh))
    }

    async fn count(&self) -> Result<u64, StoreError> {
        dispatch!(self, store => store.count())
    }
}

#[cfg(test)]
mod tests {
    use super::{Dialect, POSTGRES, SQLITE};

    /// SHA-384 of each database's first step as shipped (when each had a file of its own): a
    /// database that ran it refuses to open if the SQL it is given now differs by a byte.
    #[test]
    fn the_shipped_steps_render_byte_for_byte() {
        let checksum = |dialect: Dialect| -> String {
            dialect.migrations()[0]
                .checksum
                .iter()
                .map(|byte| format!("{byte:02x}"))
                .collect()
        };
        assert_eq!(
            checksum(SQLITE),
            "bc0bc2b950e33cb2461df45c4d01ca2b3af361a885451bcdb1c0fd7ad6f67fada8b1ea22b6b3e8ba92866d7abc422ec7"
        );
        assert_eq!(
            checksum(POSTGRES),
            "b58a0de154d6eefe3b6f84663f27cbf8f0befd5a5082740395f4ca8c26bac859b5ee32532c8ef05b27fdabc86460466d"
        );
    }
}
