//! Scheduled work of the modules (`app::modules::jobs`), run by the server in the background.
use crate::AppError;
use crate::ssr::Db;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

pub type Running<'a> = Pin<Box<dyn Future<Output = Result<u64, AppError>> + Send + 'a>>;

/// A job: what it is called in the logs, how often it runs (also once at start), and the work,
/// which answers how many records it handled. Safe when several instances run it at once.
pub struct Job {
    pub name: &'static str,
    pub every: Duration,
    /// The work, given the database and the public address (for links in mail).
    pub run: for<'a> fn(db: &'a Db, public_url: &'a str) -> Running<'a>,
}

/// Runs `job` forever: once at start, then every `job.every`.
pub async fn run_forever(job: &'static Job, db: Db, public_url: String) {
    let mut every = tokio::time::interval(job.every);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        match (job.run)(&db, &public_url).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(job = job.name, records = n, "job done"),
            Err(e) => tracing::warn!(job = job.name, error = %e, "job failed"),
        }
    }
}
