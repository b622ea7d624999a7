//! Platform administrators created from the command line (`passerelle create-admin`) and by the
//! demo data.
use app::accounts::repo;
use app::fields::EmailAddress;

/// Creates the administrator (or resets its password) and grants the platform role, in one
/// transaction with its audit record. Returns whether the account was created.
pub async fn create_admin(
    db: &app::ssr::Db,
    email: &EmailAddress,
    password: String,
) -> Result<bool, String> {
    use app::actor::PLATFORM_ADMIN;
    use app::audit::{Change, repo::record};
    let hash = app::ssr::passwords::hash_password(password)
        .await
        .map_err(|e| e.to_string())?;
    let db_err = |e: sqlx::Error| format!("database: {e}");
    let mut tx = app::ssr::db::begin(db).await.map_err(db_err)?;
    let (id, created) = match repo::find_user_id_by_email(&mut *tx, email)
        .await
        .map_err(db_err)?
    {
        Some(id) => {
            repo::set_password_hash(&mut *tx, id, &hash)
                .await
                .map_err(db_err)?;
            (id, false)
        }
        None => {
            let new = repo::NewUser {
                email,
                username: email.as_str(),
                display_name: email.as_str().split('@').next().unwrap_or("admin"),
                first_name: "",
                last_name: "",
                password_hash: &hash,
                locale: "fr",
                status: "active",
                newsletter: false,
            };
            (
                repo::insert_user(&mut *tx, &new).await.map_err(db_err)?,
                true,
            )
        }
    };
    repo::grant_staff_role(&mut *tx, id, PLATFORM_ADMIN, "")
        .await
        .map_err(db_err)?;
    let action = if created {
        "accounts.created_as_platform_admin"
    } else {
        "accounts.password_reset_by_command"
    };
    let change = Change::new("user", id, action)
        .to_state(Some(PLATFORM_ADMIN))
        .reason(Some("passerelle create-admin"));
    record(&mut *tx, &change).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    Ok(created)
}
