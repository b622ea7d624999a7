//! Server-only plumbing shared by every module: the database, the per-request state.
pub mod db;
pub mod passwords;

use crate::AppError;
pub use db::Db;

/// What every server function and page can reach on the server, provided as Leptos context.
#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Db,
    pub leptos_options: leptos::prelude::LeptosOptions,
}

/// The database pool of the running app, for server functions.
pub fn db() -> Result<Db, AppError> {
    leptos::prelude::use_context::<AppState>()
        .map(|s| s.db)
        .ok_or_else(|| {
            tracing::error!("AppState missing from the Leptos context");
            AppError::Internal
        })
}

impl axum::extract::FromRef<AppState> for leptos::prelude::LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
