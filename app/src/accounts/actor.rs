//! Who is calling: the signed-in person and their staff roles, as `accounts::policy` reads
//! them. The one place an `Actor` is built (server functions, and the plain axum handlers:
//! badge download, exports, file serving, the outbox).
use crate::AppError;
use crate::accounts::policy::Actor;
use crate::ssr::Db;
use crate::ssr::session::{SessionUser, current_user};

/// The actor behind `user`.
pub async fn actor_of(db: &Db, user: &SessionUser) -> Result<Actor, sqlx::Error> {
    Ok(Actor {
        user_id: user.user_id,
        staff: crate::accounts::repo::staff_roles(db, user.user_id).await?,
    })
}

/// The signed-in person acting in this server function, with their staff roles; 401 when
/// anonymous.
pub async fn actor() -> Result<(SessionUser, Actor), AppError> {
    let user = current_user().ok_or(AppError::Unauthenticated)?;
    let actor = actor_of(&crate::ssr::db()?, &user).await?;
    Ok((user, actor))
}
