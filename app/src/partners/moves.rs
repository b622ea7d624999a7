//! The move of a civil-society organisation's former profile fields (address, website, year
//! established, registration, budget, sectors, mandate, leadership flags) from its own record
//! into its partner profile's sections (issue 14). Run after the migrations at every start
//! (`app::modules::after_migrations`): it finds what is left to move, so a second run, or a
//! second server on the same database, moves nothing twice.
use crate::audit::{Change, repo::record};
use crate::partners::domain::profile::{self, FormerProfile};
use crate::partners::repo;
use crate::ssr::Db;

/// The organisation columns that moved; the registration number stays on the record too (the
/// duplicate check reads it there).
const STILL_THERE: &str = "(address IS NOT NULL OR website IS NOT NULL
    OR year_established IS NOT NULL OR registration_date IS NOT NULL
    OR annual_budget_minor IS NOT NULL OR sectors <> '' OR mandate IS NOT NULL
    OR women_led IS NOT NULL OR youth_led IS NOT NULL OR indigenous_led IS NOT NULL
    OR refugee_led IS NOT NULL)";

/// Moves what is left to move; the number of organisations moved.
pub async fn move_organisation_fields(db: &Db) -> Result<usize, sqlx::Error> {
    let kinds = repo::partner_kinds_sql();
    // Headquarters first: an office's completeness reads its headquarters' answers.
    let ids: Vec<i64> = sqlx::query_scalar(&format!(
        "SELECT id FROM organisations WHERE kind IN ({kinds}) AND {STILL_THERE}
         ORDER BY CASE WHEN parent_id IS NULL THEN 0 ELSE 1 END, id"
    ))
    .fetch_all(db)
    .await?;
    let mut moved = 0;
    for id in ids {
        if move_one(db, id).await? {
            moved += 1;
        }
    }
    if moved > 0 {
        tracing::info!(
            moved,
            "organisation profile fields moved into partner profiles"
        );
    }
    Ok(moved)
}

async fn move_one(db: &Db, id: i64) -> Result<bool, sqlx::Error> {
    let mut tx = crate::ssr::db::begin(db).await?;
    let Some(fields) = crate::organisations::repo::profile_fields(&mut *tx, id).await? else {
        return Ok(false);
    };
    // The claim: of two servers moving at once, one empties the columns, the other finds
    // nothing left (PostgreSQL's row lock; SQLite's single writer).
    let claimed = sqlx::query(&format!(
        "UPDATE organisations SET address = NULL, website = NULL, year_established = NULL,
            registration_date = NULL, annual_budget_minor = NULL, sectors = '', mandate = NULL,
            women_led = NULL, youth_led = NULL, indigenous_led = NULL, refugee_led = NULL
         WHERE id = $1 AND {STILL_THERE}"
    ))
    .bind(id)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if !claimed {
        return Ok(false);
    }
    let certificate: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM uploads WHERE organisation_id = $1 AND purpose = 'certificate'
            AND replaced_at IS NULL ORDER BY id DESC LIMIT 1",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let former = FormerProfile {
        annual_budget_minor: fields
            .get("annual_budget")
            .and_then(|m| crate::fields::parse_money_minor(m).ok()),
        fields,
        certificate,
    };
    let own = repo::answers(&mut *tx, id).await?;
    let added = profile::from_former_profile(&own, &former, crate::ssr::db::today());
    if !added.is_empty() {
        repo::add_answers(&mut tx, id, &added).await?;
        let mut all = own;
        all.extend(added.clone());
        let parent: Option<i64> =
            sqlx::query_scalar("SELECT parent_id FROM organisations WHERE id = $1")
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
        let standing = match parent {
            Some(hq) => profile::with_headquarters(&all, &repo::answers(&mut *tx, hq).await?),
            None => all,
        };
        let version = repo::version(&mut *tx, id).await?;
        let percent = profile::completeness(&standing).percent;
        repo::bump_version(&mut tx, id, version, percent).await?;
        let names = added.keys().cloned().collect::<Vec<_>>().join(",");
        record(
            &mut *tx,
            &Change::new("organisation", id, "partners.organisation_fields_moved")
                .reason(Some(&names)),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(true)
}
