//! Forgotten login details or password: a single-use link valid one hour, mailed to the
//! registered address (or, for an organisation, to its headquarters address for its
//! administrators). The answer never says whether an address is known; passwords are never mailed.
use crate::AppError;
use leptos::prelude::*;

#[server(endpoint = "accounts/request_password_reset")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    crate::ssr::respond(server::request(email).await)
}

#[server(endpoint = "accounts/reset_password")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    crate::ssr::respond(server::reset(token, password).await)
}

#[cfg(feature = "ssr")]
mod server {
    use crate::AppError;
    use crate::accounts::domain::{
        EmailAddress, check_new_password, email_error_code, password_error_code, reset_rules,
    };
    use crate::accounts::repo::{self, resets};
    use crate::audit::{Change, repo::record};
    use crate::error::FieldError;
    use crate::mail::domain::{MailLocale, MailTemplate};
    use crate::mail::queue::enqueue;
    use crate::ssr::db::now_millis;
    use crate::ssr::rate_limit::limits as rl;
    use crate::ssr::{db, link, passwords, rate_limit, redirect, request_locale, session};

    pub async fn request(email: String) -> Result<(), AppError> {
        let email = EmailAddress::parse(&email)
            .map_err(|e| AppError::Invalid(vec![FieldError::new("email", email_error_code(e))]))?;
        rate_limit(
            rl::RESETS_PER_ADDRESS,
            &format!("resets:address:{}", session::client_address()),
        )
        .await?;
        rate_limit(
            rl::RESETS_PER_EMAIL,
            &format!("resets:email:{}", email.as_str()),
        )
        .await?;
        let db = db()?;
        let expires = now_millis() + reset_rules::VALID_MS;
        let admins =
            crate::organisations::repo::administrators_by_organisation_email(&db, email.as_str())
                .await?;
        let mut tx = db.begin().await?;
        if let Some(person) = repo::person_by_email(&mut *tx, &email).await?
            && person.status == "active"
        {
            let token = session::new_token();
            resets::insert(&mut *tx, person.id, &session::hash_token(&token), expires).await?;
            let template = MailTemplate::PasswordReset {
                username: person.username,
                link: link(&format!("/reset-password?token={token}"))?,
                minutes_valid: reset_rules::VALID_MINUTES,
            };
            enqueue(
                &mut *tx,
                &email,
                MailLocale::from_code(&person.locale),
                &template,
            )
            .await?;
        }
        if let Some((organisation, _, _)) = admins.first() {
            let mut accounts = vec![];
            for (_, user_id, username) in &admins {
                let token = session::new_token();
                resets::insert(&mut *tx, *user_id, &session::hash_token(&token), expires).await?;
                accounts.push((
                    username.clone(),
                    link(&format!("/reset-password?token={token}"))?,
                ));
            }
            let template = MailTemplate::OrganisationRecovery {
                organisation: organisation.clone(),
                accounts,
                minutes_valid: reset_rules::VALID_MINUTES,
            };
            enqueue(&mut *tx, &email, request_locale(), &template).await?;
        }
        tx.commit().await?;
        redirect("/forgot?sent=1");
        Ok(())
    }

    pub async fn reset(token: String, password: String) -> Result<(), AppError> {
        let invalid =
            |field: &str, code: &str| AppError::Invalid(vec![FieldError::new(field, code)]);
        rate_limit(
            rl::RESETS_PER_ADDRESS,
            &format!("resets:address:{}", session::client_address()),
        )
        .await?;
        let db = db()?;
        let token = token.trim();
        let found = if token.len() == 64 {
            resets::find(&db, &session::hash_token(token)).await?
        } else {
            None
        };
        let Some((id, user_id, expires_at, used)) = found else {
            return Err(invalid("_", "reset_link_used"));
        };
        match reset_rules::check_reset_link(used, expires_at, now_millis()) {
            reset_rules::ResetLink::Usable => {}
            reset_rules::ResetLink::Used => return Err(invalid("_", "reset_link_used")),
            reset_rules::ResetLink::Expired => return Err(invalid("_", "reset_link_expired")),
        }
        check_new_password(&password).map_err(|e| invalid("password", password_error_code(e)))?;
        let hash = passwords::hash_password(password).await?;
        let mut tx = db.begin().await?;
        if !resets::use_all_of(&mut tx, id, user_id).await? {
            return Err(invalid("_", "reset_link_used"));
        }
        repo::set_password_hash(&mut *tx, user_id, &hash).await?;
        session::destroy_all_of(&mut *tx, user_id, None).await?;
        record(
            &mut *tx,
            &Change {
                actor_user_id: Some(user_id),
                record_type: "user",
                record_id: user_id,
                action: "password_reset",
                from_state: None,
                to_state: None,
                reason: None,
            },
        )
        .await?;
        if let Some(person) = repo::person(&mut *tx, user_id).await?
            && let Ok(to) = EmailAddress::parse(&person.email)
        {
            enqueue(
                &mut *tx,
                &to,
                MailLocale::from_code(&person.locale),
                &MailTemplate::PasswordChanged,
            )
            .await?;
        }
        tx.commit().await?;
        redirect("/login?reset=1");
        Ok(())
    }
}
