//! The store for several replicas: one PostgreSQL database they share.

use super::{migrate, StoreError, POSTGRES};
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use std::str::FromStr;
use std::time::Duration;

/// How long to wait for a connection, at start-up and for each query, before reporting the
/// database unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

pub struct PostgresStore {
    pub(super) pool: PgPool,
}

impl PostgresStore {
    /// Connects to the database at `url` (`postgres://USER:PASSWORD@HOST:PORT/DATABASE`) and
    /// creates or updates its tables.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let options =
            PgConnectOptions::from_str(url).map_err(|source| StoreError::PostgresUrl { source })?;
        let target = without_password(&options);
        let pool = PgPoolOptions::new()
            .acquire_timeout(CONNECT_TIMEOUT)
            .connect_with(options)
            .await
            .map_err(|source| StoreError::ReachPostgres { target, source })?;
        migrate(&pool, POSTGRES).await?;
        Ok(Self { pool })
    }
}

/// Where the store connects, fit for an error message or a log: the URL less its password.
fn without_password(options: &PgConnectOptions) -> String {
    format!(
        "postgres://{}@{}:{}/{}",
        options.get_username(),
        options.get_host(),
        options.get_port(),
        options.get_database().unwrap_or_default()
    )
}
