use crate::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Public figures shown on the home page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    pub organisations: i64,
    pub consultative: i64,
}

#[server(endpoint = "home_stats")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn home_stats() -> Result<Figures, AppError> {
    crate::ssr::respond(async { Ok(super::repo::stats(&crate::ssr::db()?).await?) }.await)
}
