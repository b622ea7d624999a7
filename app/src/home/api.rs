use crate::AppError;
use leptos::prelude::*;

pub use super::domain::Figures;

#[server(endpoint = "home_stats")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn home_stats() -> Result<Figures, AppError> {
    crate::ssr::respond(async { Ok(super::repo::stats(&crate::ssr::db()?).await?) }.await)
}
