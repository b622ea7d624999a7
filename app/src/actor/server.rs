//! Builds the `Actor` of a request from its session and the staff-role grants.
use super::{Actor, StaffRole};
use crate::AppError;
use crate::ssr::Db;
use crate::ssr::session::{SessionUser, current_user};

/// The live staff roles of `user_id`, as (role, scope), sorted.
pub async fn staff_roles_of(db: &Db, user_id: i64) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT role, scope FROM staff_roles WHERE user_id = $1 AND revoked_at IS NULL
         ORDER BY role, scope",
    )
    .bind(user_id)
    .fetch_all(db)
    .await
}

/// The live staff roles of `user_id`.
pub async fn staff_roles(db: &Db, user_id: i64) -> Result<Vec<StaffRole>, sqlx::Error> {
    Ok(staff_roles_of(db, user_id)
        .await?
        .into_iter()
        .map(|(role, scope)| StaffRole { role, scope })
        .collect())
}

/// The actor behind `user`.
pub async fn actor_of(db: &Db, user: &SessionUser) -> Result<Actor, sqlx::Error> {
    Ok(Actor {
        user_id: user.user_id,
        staff: staff_roles(db, user.user_id).await?,
    })
}

/// The signed-in person acting in this server function, with their staff roles; 401 when
/// anonymous.
pub async fn actor() -> Result<(SessionUser, Actor), AppError> {
    let user = current_user().ok_or(AppError::Unauthenticated)?;
    let actor = actor_of(&crate::ssr::db()?, &user).await?;
    Ok((user, actor))
}
