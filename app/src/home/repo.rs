use super::domain::Figures;
use crate::ssr::Db;

pub async fn stats(db: &Db) -> Result<Figures, sqlx::Error> {
    let (organisations, consultative): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COUNT(consultative_status) FROM organisations WHERE archived_at IS NULL",
    )
    .fetch_one(db)
    .await?;
    Ok(Figures {
        organisations,
        consultative,
    })
}
