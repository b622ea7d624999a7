//! The data layer: one `sqlx::AnyPool` runs the same SQL on SQLite and PostgreSQL.
//!
//! Portable SQL rules (see docs/ARCHITECTURE.md): `$1…` placeholders; column types limited to
//! integers, text, blobs and doubles (the Any driver's common ground); flags are 0/1 integers;
//! times are UTC milliseconds since the epoch (`UtcMillis`); money is integer minor units;
//! new ids come back with `RETURNING id`.
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::migrate::Migrator;
use std::time::Duration;

pub type Db = sqlx::AnyPool;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The backend a `DATABASE_URL` names, if it is one we support.
    pub fn of_url(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }

    fn migrator(self) -> &'static Migrator {
        match self {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        }
    }
}

/// Opens a pool. SQLite gets WAL, foreign keys and a busy timeout on every connection.
pub async fn connect(url: &str, max_connections: u32) -> Result<Db, sqlx::Error> {
    install_default_drivers();
    let backend = Backend::of_url(url).ok_or_else(|| {
        sqlx::Error::Configuration(format!("unsupported database URL scheme: {url}").into())
    })?;
    let mut options = AnyPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(10));
    if backend == Backend::Sqlite {
        // An embedded connection cannot be lost as a network one can: no ping (a round trip to
        // the connection's thread) before every use. PostgreSQL's connections are still tested.
        options = options
            .test_before_acquire(false)
            .after_connect(|conn, _meta| {
                Box::pin(async move {
                    use sqlx::Executor;
                    conn.execute(
                        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                     PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
                    )
                    .await?;
                    Ok(())
                })
            });
    }
    options.connect(url).await
}

/// The backend of an open pool.
pub fn backend(db: &Db) -> Backend {
    if db
        .connect_options()
        .database_url
        .scheme()
        .starts_with("sqlite")
    {
        Backend::Sqlite
    } else {
        Backend::Postgres
    }
}

/// Starts a transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`): a
/// transaction that reads and then writes waits for its turn (busy timeout) instead of failing
/// with "database is locked" when another wrote meanwhile. On PostgreSQL a plain `BEGIN`
/// (versioned updates check the version in their `UPDATE … WHERE`). Every transaction of the
/// app starts here.
pub async fn begin(db: &Db) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
    match backend(db) {
        Backend::Sqlite => db.begin_with("BEGIN IMMEDIATE").await,
        Backend::Postgres => db.begin().await,
    }
}

/// Applies the migrations of the pool's backend that are not applied yet.
pub async fn migrate(db: &Db, url: &str) -> Result<(), sqlx::migrate::MigrateError> {
    let backend = Backend::of_url(url).unwrap_or(Backend::Sqlite);
    backend.migrator().run(db).await
}

/// Whether the database answers a trivial query.
pub async fn ping(db: &Db) -> bool {
    sqlx::query_scalar::<_, i64>("SELECT 1")
        .fetch_one(db)
        .await
        .is_ok()
}

/// The current time as stored in the database: UTC milliseconds since the epoch.
pub fn now_millis() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// Today's date (UTC), for rules about calendar dates.
pub fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_is_read_from_the_url_scheme() {
        assert_eq!(
            Backend::of_url("sqlite:data/passerelle.db"),
            Some(Backend::Sqlite)
        );
        assert_eq!(
            Backend::of_url("postgres://u@h/db"),
            Some(Backend::Postgres)
        );
        assert_eq!(
            Backend::of_url("postgresql://u@h/db"),
            Some(Backend::Postgres)
        );
        assert_eq!(Backend::of_url("mysql://u@h/db"), None);
    }

    #[test]
    fn both_backends_have_the_same_migration_versions() {
        let versions = |m: &Migrator| m.iter().map(|m| m.version).collect::<Vec<_>>();
        assert_eq!(versions(&SQLITE_MIGRATIONS), versions(&POSTGRES_MIGRATIONS));
        assert!(SQLITE_MIGRATIONS.iter().next().is_some());
    }
}
