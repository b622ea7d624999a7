use super::domain::Figures;
use crate::ssr::Db;

/// The platform's figures, as the database keeps them when organisations change
/// (`platform_figures`, by triggers: migration 20261202000002).
pub async fn stats(db: &Db) -> Result<Figures, sqlx::Error> {
    let (organisations, consultative): (i64, i64) =
        sqlx::query_as("SELECT organisations, consultative FROM platform_figures WHERE id = 1")
            .fetch_one(db)
            .await?;
    Ok(Figures {
        organisations,
        consultative,
    })
}
