//! Server functions of the accounts module: sign in, sign out, who am I.
use crate::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The signed-in person as pages see it (never a password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    /// Shows the platform administrators' links; every server function still checks itself.
    pub is_platform_admin: bool,
    /// Staff role codes, for the secretariat's links (each server function still checks).
    pub staff_roles: Vec<String>,
}

/// Field error codes of the sign-in form.
pub mod codes {
    pub const LOGIN_REQUIRED: &str = "login_required";
    pub const PASSWORD_REQUIRED: &str = "password_required";
    /// One answer for an unknown account and a wrong password: no user enumeration.
    pub const LOGIN_FAILED: &str = "login_failed";
    /// The right password of an extranet registration the secretariat has not validated yet.
    pub const REGISTRATION_PENDING: &str = "registration_pending";
    pub const REGISTRATION_REJECTED: &str = "registration_rejected";
}

#[server(endpoint = "accounts/login")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn login(
    login: String,
    password: String,
    #[server(default)] remember: Option<String>,
) -> Result<CurrentUser, AppError> {
    crate::ssr::respond(server::login(login, password, remember.is_some()).await)
}

#[server(endpoint = "accounts/logout")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn logout() -> Result<(), AppError> {
    crate::ssr::respond(server::logout().await)
}

#[server(endpoint = "accounts/whoami")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn whoami() -> Result<Option<CurrentUser>, AppError> {
    crate::ssr::respond(
        async {
            let Some(u) = crate::ssr::session::current_user() else {
                return Ok(None);
            };
            let roles = crate::actor::server::staff_roles(&crate::ssr::db()?, u.user_id).await?;
            Ok(Some(CurrentUser {
                id: u.user_id,
                username: u.username,
                display_name: u.display_name,
                is_platform_admin: crate::actor::is_platform_admin(&roles),
                staff_roles: roles.into_iter().map(|r| r.role).collect(),
            }))
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
mod server {
    use super::{CurrentUser, codes};
    use crate::accounts::{domain::normalise_login, repo};
    use crate::error::{AppError, FieldError};
    use crate::ssr::rate_limit::{self, limits};
    use crate::ssr::{app_state, append_response_header, passwords, session};
    use axum::http::header::SET_COOKIE;

    /// Longer than any acceptable password, short enough to bound the hashing work.
    const MAX_PASSWORD_BYTES: usize = 1024;

    pub async fn login(
        login: String,
        password: String,
        remember: bool,
    ) -> Result<CurrentUser, AppError> {
        let state = app_state()?;
        let login = normalise_login(&login);
        let mut missing = vec![];
        if login.is_none() {
            missing.push(FieldError::new("login", codes::LOGIN_REQUIRED));
        }
        if password.is_empty() {
            missing.push(FieldError::new("password", codes::PASSWORD_REQUIRED));
        }
        let Some(login) = login.filter(|_| missing.is_empty()) else {
            return Err(AppError::Invalid(missing));
        };
        // Only failures count, and a refused attempt counts nowhere: an attacker slows only
        // themselves (docs/ARCHITECTURE.md, "Login limits").
        let db = &state.db;
        let now = crate::ssr::db::now_millis();
        let address = session::client_address();
        let address_key = format!("login:address:{address}");
        let pair_key = format!("login:pair:{address}:{login}");
        let account_key = format!("login:account:{login}");
        let refused = |r: Result<(), rate_limit::RetryAfter>| r.map_err(|_| AppError::RateLimited);
        refused(
            rate_limit::check(db, &address_key, limits::LOGIN_FAILURES_PER_ADDRESS, now).await?,
        )?;
        refused(
            rate_limit::check(
                db,
                &pair_key,
                limits::LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS,
                now,
            )
            .await?,
        )?;
        let account_failures =
            rate_limit::count(db, &account_key, limits::LOGIN_FAILURES_PER_ACCOUNT, now).await?;
        let delay = rate_limit::login_delay(account_failures);
        if !delay.is_zero() {
            tracing::warn!(
                failures = account_failures,
                ?delay,
                "login on an account under attack slowed"
            );
            tokio::time::sleep(delay).await;
        }

        let failed = || AppError::Invalid(vec![FieldError::new("password", codes::LOGIN_FAILED)]);
        let count_failure = || async {
            let now = crate::ssr::db::now_millis();
            for (key, limit) in [
                (&pair_key, limits::LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS),
                (&address_key, limits::LOGIN_FAILURES_PER_ADDRESS),
                (&account_key, limits::LOGIN_FAILURES_PER_ACCOUNT),
            ] {
                if let Err(e) = rate_limit::hit(db, key, limit, now).await {
                    tracing::warn!(error = %e, "a failed login could not be counted");
                }
            }
        };
        if password.len() > MAX_PASSWORD_BYTES {
            count_failure().await;
            return Err(failed());
        }
        let user = match repo::find_login(&state.db, &login).await? {
            Some(candidate) => {
                passwords::verify_password(password, candidate.password_hash.clone())
                    .await?
                    .then_some(candidate)
            }
            None => {
                // Same work as for a real account, so that timing does not reveal which exist.
                passwords::dummy_verify(password).await?;
                None
            }
        };
        let Some(user) = user else {
            count_failure().await;
            return Err(failed());
        };
        // The right password clears this address's failures for the account.
        rate_limit::forget(db, &pair_key).await?;

        // Only the holder of the right password learns the state of a registration.
        match user.status.as_str() {
            "active" => {}
            "pending" => {
                return Err(AppError::Invalid(vec![FieldError::new(
                    "_",
                    codes::REGISTRATION_PENDING,
                )]));
            }
            _ => {
                return Err(AppError::Invalid(vec![FieldError::new(
                    "_",
                    codes::REGISTRATION_REJECTED,
                )]));
            }
        }
        if let Some(previous) = session::presented_session() {
            session::destroy(&state.db, &previous).await?;
        }
        let token = session::create(&state.db, user.id, remember).await?;
        append_response_header(
            SET_COOKIE,
            &session::cookie(&token, remember, state.secure_cookies),
        );
        tracing::info!(user = user.id, "signed in");
        leptos_axum::redirect("/");
        let roles = crate::actor::server::staff_roles(&state.db, user.id).await?;
        Ok(CurrentUser {
            id: user.id,
            username: user.username,
            display_name: user.display_name,
            is_platform_admin: crate::actor::is_platform_admin(&roles),
            staff_roles: roles.into_iter().map(|r| r.role).collect(),
        })
    }

    pub async fn logout() -> Result<(), AppError> {
        let state = app_state()?;
        if let Some(previous) = session::presented_session() {
            session::destroy(&state.db, &previous).await?;
        }
        append_response_header(SET_COOKIE, &session::clearing_cookie(state.secure_cookies));
        Ok(())
    }
}
