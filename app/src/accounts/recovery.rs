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
pub use server::process_requests;

#[cfg(feature = "ssr")]
pub mod server {
    use crate::AppError;
    use crate::accounts::domain::{check_new_password, password_error_code, reset_rules};
    use crate::accounts::repo::{self, resets};
    use crate::audit::{Change, repo::record};
    use crate::error::FieldError;
    use crate::fields::EmailAddress;
    use crate::fields::email_error_code;
    use crate::locale::Language;
    use crate::mail::queue::enqueue;
    use crate::ssr::Db;
    use crate::ssr::db::now_millis;
    use crate::ssr::rate_limit::limits as rl;
    use crate::ssr::{db, passwords, rate_limit, redirect, request_locale, session};

    /// The request itself does the same work for every address, known or not: the limits,
    /// then one queued row. The recovery worker (`process_requests`) decides what to send.
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
        sqlx::query("INSERT INTO reset_requests (email, locale, created_at) VALUES ($1, $2, $3)")
            .bind(email.as_str())
            .bind(request_locale().code())
            .bind(now_millis())
            .execute(&db()?)
            .await?;
        redirect("/forgot?sent=1");
        Ok(())
    }

    /// Every half second: the queued "forgot my password" requests are taken (the request
    /// itself only queues one, for a known address or not, so that its timing reveals nothing).
    pub const REQUESTS_JOB: crate::ssr::jobs::Job = crate::ssr::jobs::Job {
        name: "accounts.reset_requests",
        every: std::time::Duration::from_millis(500),
        run: |db, public_url| {
            Box::pin(async move { Ok(process_requests(db, public_url).await? as u64) })
        },
    };

    /// Takes the queued reset requests (each by one worker only, even with several instances:
    /// whoever deletes the row does the work) and, for an address that is an active account
    /// and/or an organisation's headquarters address, writes single-use links and queues the
    /// mails; an unknown address gets nothing. Answers how many requests were taken.
    pub async fn process_requests(db: &Db, public_url: &str) -> Result<usize, AppError> {
        let queued: Vec<(i64, String, String)> =
            sqlx::query_as("SELECT id, email, locale FROM reset_requests ORDER BY id LIMIT 50")
                .fetch_all(db)
                .await?;
        let mut taken = 0;
        for (id, email, locale) in queued {
            let mut tx = crate::ssr::db::begin(db).await?;
            let mine = sqlx::query("DELETE FROM reset_requests WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected()
                == 1;
            if !mine {
                continue;
            }
            if let Ok(email) = EmailAddress::parse(&email) {
                send_links(&mut tx, &email, Language::from_code(&locale), public_url).await?;
            }
            tx.commit().await?;
            taken += 1;
        }
        Ok(taken)
    }

    async fn send_links(
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        email: &EmailAddress,
        locale: Language,
        public_url: &str,
    ) -> Result<(), AppError> {
        let expires = now_millis() + reset_rules::VALID_MS;
        let link = |token: &str| {
            format!(
                "{}/reset-password?token={token}",
                public_url.trim_end_matches('/')
            )
        };
        if let Some(person) = repo::person_by_email(&mut **tx, email).await?
            && person.status == "active"
        {
            let token = session::new_token();
            resets::insert(&mut **tx, person.id, &session::hash_token(&token), expires).await?;
            let template = crate::accounts::mail::AccountMail::PasswordReset {
                username: person.username,
                link: link(&token),
                minutes_valid: reset_rules::VALID_MINUTES,
            };
            enqueue(
                &mut **tx,
                email,
                Language::from_code(&person.locale),
                &template,
            )
            .await?;
        }
        let mut admins = vec![];
        for hooks in crate::accounts::hooks::registered() {
            admins.extend((hooks.recovered_through)(tx, email).await?);
        }
        if let Some((organisation, _, _)) = admins.first() {
            let mut accounts = vec![];
            for (_, user_id, username) in &admins {
                let token = session::new_token();
                resets::insert(&mut **tx, *user_id, &session::hash_token(&token), expires).await?;
                accounts.push((username.clone(), link(&token)));
            }
            let template = crate::accounts::mail::AccountMail::OrganisationRecovery {
                organisation: organisation.clone(),
                accounts,
                minutes_valid: reset_rules::VALID_MINUTES,
            };
            enqueue(&mut **tx, email, locale, &template).await?;
        }
        Ok(())
    }

    pub async fn reset(token: String, password: String) -> Result<(), AppError> {
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
            return Err(AppError::invalid("_", "reset_link_used"));
        };
        match reset_rules::check_reset_link(used, expires_at, now_millis()) {
            reset_rules::ResetLink::Usable => {}
            reset_rules::ResetLink::Used => return Err(AppError::invalid("_", "reset_link_used")),
            reset_rules::ResetLink::Expired => {
                return Err(AppError::invalid("_", "reset_link_expired"));
            }
        }
        check_new_password(&password)
            .map_err(|e| AppError::invalid("password", password_error_code(e)))?;
        let hash = passwords::hash_password(password).await?;
        let mut tx = crate::ssr::db::begin(&db).await?;
        if !resets::use_all_of(&mut tx, id, user_id).await? {
            return Err(AppError::invalid("_", "reset_link_used"));
        }
        repo::set_password_hash(&mut *tx, user_id, &hash).await?;
        session::destroy_all_of(&mut *tx, user_id, None).await?;
        record(
            &mut *tx,
            &Change::new("user", user_id, "accounts.password_reset").by(user_id),
        )
        .await?;
        if let Some(person) = repo::person(&mut *tx, user_id).await?
            && let Ok(to) = EmailAddress::parse(&person.email)
        {
            enqueue(
                &mut *tx,
                &to,
                Language::from_code(&person.locale),
                &crate::accounts::mail::AccountMail::PasswordChanged,
            )
            .await?;
        }
        tx.commit().await?;
        redirect("/login?reset=1");
        Ok(())
    }
}
