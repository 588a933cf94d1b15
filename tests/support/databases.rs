//! Throwaway databases for tests: a SQLite file in a temporary folder, or a database of its own
//! on the PostgreSQL server TEST_DATABASE_URL names (`make test` starts one through
//! `.ci/postgres.sh`). Included with `#[path = "support/databases.rs"] mod databases;`.
#![allow(dead_code)] // Each test file uses its own part of it.

use leg_relief::push::store::{PostgresStore, SqliteStore};
use std::sync::atomic::{AtomicUsize, Ordering};
use tempfile::TempDir;

/// A SQLite file in a temporary folder, deleted with it.
pub struct SqliteDatabase {
    folder: TempDir,
}

impl SqliteDatabase {
    pub fn new() -> Self {
        Self {
            folder: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    pub async fn open(&self) -> SqliteStore {
        let path = self.folder.path().join("reminders.sqlite3");
        SqliteStore::open(&path)
            .await
            .expect("open the SQLite store")
    }
}

/// A database of its own for one test, on the server TEST_DATABASE_URL names.
pub struct PostgresDatabase {
    server: sqlx::PgPool,
    name: String,
    pub url: String,
}

impl PostgresDatabase {
    pub async fn create() -> Self {
        let Ok(server_url) = std::env::var("TEST_DATABASE_URL") else {
            panic!(
                "TEST_DATABASE_URL is not set, so the PostgreSQL half of the reminder store's \
                 tests cannot run: run `make test`, or `.ci/postgres.sh run cargo test --features \
                 ssr --test reminder_store`, or set it to postgres://USER@HOST:PORT/DATABASE on a \
                 server where USER may create databases"
            );
        };
        let server = sqlx::PgPool::connect(&server_url)
            .await
            .expect("connect to TEST_DATABASE_URL");
        // Numbered, not named after the test: PostgreSQL cuts names at 63 bytes.
        static CREATED: AtomicUsize = AtomicUsize::new(0);
        let number = CREATED.fetch_add(1, Ordering::Relaxed);
        let name = format!("leg_relief_store_{}_{number}", std::process::id());
        for statement in [
            format!("DROP DATABASE IF EXISTS {name}"),
            format!("CREATE DATABASE {name}"),
        ] {
            sqlx::query(&statement)
                .execute(&server)
                .await
                .expect("create the test's database");
        }
        let url = with_database(&server_url, &name);
        Self { server, name, url }
    }

    pub async fn open(&self) -> PostgresStore {
        PostgresStore::connect(&self.url)
            .await
            .expect("connect the PostgreSQL store")
    }

    /// Leaves the server as it was; a failed test's database stays behind for a look.
    pub async fn drop_database(self) {
        sqlx::query(&format!("DROP DATABASE {} WITH (FORCE)", self.name))
            .execute(&self.server)
            .await
            .expect("drop the test's database");
    }
}

/// `url` naming `database` instead of its own: the path after the host replaced, any query kept.
fn with_database(url: &str, database: &str) -> String {
    let (address, query) = url
        .split_once('?')
        .map_or((url, None), |(address, query)| (address, Some(query)));
    let host_start = address.find("://").map_or(0, |scheme_end| scheme_end + 3);
    let path_start = address[host_start..]
        .find('/')
        .map_or(address.len(), |slash| host_start + slash);
    let server = &address[..path_start];
    match query {
        Some(query) => format!("{server}/{database}?{query}"),
        None => format!("{server}/{database}"),
    }
}
