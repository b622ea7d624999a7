//! SQL of PSEA self-assessments (portable: SQLite and PostgreSQL).
use crate::partners::domain::psea::{Answer, Standard};
use crate::ssr::Db;
use crate::ssr::db::now_millis;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AssessmentRow {
    pub id: i64,
    pub organisation_id: i64,
    pub status: String,
    pub rating: Option<String>,
    pub version: i64,
    pub created_at: i64,
    pub submitted_at: Option<i64>,
    pub reviewed_agency: Option<String>,
    pub reviewed_at: Option<i64>,
    pub review_comment: Option<String>,
}

const COLUMNS: &str = "id, organisation_id, status, rating, version, created_at, submitted_at,
    reviewed_agency, reviewed_at, review_comment";

/// An organisation's assessments, latest first.
pub async fn of_organisation(
    db: &Db,
    organisation_id: i64,
) -> Result<Vec<AssessmentRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM psea_assessments WHERE organisation_id = $1 ORDER BY created_at DESC, id DESC"
    ))
    .bind(organisation_id)
    .fetch_all(db)
    .await
}

pub async fn assessment(db: &Db, id: i64) -> Result<Option<AssessmentRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM psea_assessments WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn answers(db: &Db, assessment_id: i64) -> Result<Vec<Answer>, sqlx::Error> {
    let rows: Vec<(String, i64, String)> =
        sqlx::query_as("SELECT standard, met, evidence FROM psea_answers WHERE assessment_id = $1")
            .bind(assessment_id)
            .fetch_all(db)
            .await?;
    Ok(Standard::ALL
        .iter()
        .map(|s| {
            let row = rows.iter().find(|(code, _, _)| code == s.as_str());
            Answer {
                standard: *s,
                met: row.map(|(_, m, _)| *m == 1),
                evidence: row.map(|(_, _, e)| e.clone()).unwrap_or_default(),
            }
        })
        .collect())
}

/// Starts a draft; answers its id.
pub async fn create(
    conn: &mut sqlx::AnyConnection,
    organisation_id: i64,
    by: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO psea_assessments (organisation_id, status, created_by, created_at)
         VALUES ($1, 'draft', $2, $3) RETURNING id",
    )
    .bind(organisation_id)
    .bind(by)
    .bind(now_millis())
    .fetch_one(conn)
    .await
}

/// What a move of an assessment sets besides its state.
#[derive(Default)]
pub struct Move<'a> {
    pub rating: Option<&'a str>,
    pub submitted: bool,
    /// (reviewer, agency, comment)
    pub review: Option<(i64, &'a str, &'a str)>,
}

/// Moves an assessment from (`from`, `version`) to `to`, bumping its version; false when it
/// is no longer there.
pub async fn move_to(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    from: &str,
    version: i64,
    to: &str,
    m: Move<'_>,
) -> Result<bool, sqlx::Error> {
    let now = now_millis();
    let (reviewer, agency, comment) = match m.review {
        Some((r, a, c)) => (Some(r), Some(a), Some(c)),
        None => (None, None, None),
    };
    let done = sqlx::query(
        "UPDATE psea_assessments SET status = $1, version = version + 1,
            rating = COALESCE($2, rating), submitted_at = COALESCE($3, submitted_at),
            reviewed_by = COALESCE($4, reviewed_by), reviewed_agency = COALESCE($5, reviewed_agency),
            reviewed_at = COALESCE($6, reviewed_at), review_comment = COALESCE($7, review_comment)
         WHERE id = $8 AND status = $9 AND version = $10",
    )
    .bind(to)
    .bind(m.rating)
    .bind(m.submitted.then_some(now))
    .bind(reviewer)
    .bind(agency)
    .bind(reviewer.map(|_| now))
    .bind(comment)
    .bind(id)
    .bind(from)
    .bind(version)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Bumps an editable assessment's version (its answers saved); false when it moved on.
pub async fn touch(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    version: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE psea_assessments SET version = version + 1
         WHERE id = $1 AND version = $2 AND status IN ('draft', 'sent_back')",
    )
    .bind(id)
    .bind(version)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Replaces an assessment's answers (those not answered are left out).
pub async fn replace_answers(
    conn: &mut sqlx::AnyConnection,
    assessment_id: i64,
    answers: &[Answer],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM psea_answers WHERE assessment_id = $1")
        .bind(assessment_id)
        .execute(&mut *conn)
        .await?;
    for a in answers {
        let Some(met) = a.met else { continue };
        sqlx::query(
            "INSERT INTO psea_answers (assessment_id, standard, met, evidence) VALUES ($1, $2, $3, $4)",
        )
        .bind(assessment_id)
        .bind(a.standard.as_str())
        .bind(i64::from(met))
        .bind(&a.evidence)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
