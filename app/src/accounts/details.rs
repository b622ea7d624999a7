//! "My details": names, username, language, newsletter; password (asks the current one);
//! email (the new address is confirmed by a code before it replaces the old one).
use crate::AppError;
use crate::audit::AuditEvent;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountDetails {
    pub id: i64,
    pub email: String,
    pub username: String,
    pub display_name: String,
    pub first_name: String,
    pub last_name: String,
    pub locale: String,
    pub newsletter: bool,
    /// A new address waiting for its code.
    pub pending_email: Option<String>,
    pub history: Vec<AuditEvent>,
    /// The record's version (the form sends it back; drafts compare with it).
    pub version: i64,
}

#[server(endpoint = "accounts/my_details")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn my_details() -> Result<AccountDetails, AppError> {
    crate::ssr::respond(server::details().await)
}

#[server(endpoint = "accounts/update_my_details")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn update_my_details(
    username: String,
    display_name: String,
    first_name: String,
    last_name: String,
    locale: String,
    #[server(default)] newsletter: Option<String>,
    #[server(default)] version: Option<i64>,
) -> Result<(), AppError> {
    crate::ssr::respond(
        server::update(
            username,
            display_name,
            first_name,
            last_name,
            locale,
            newsletter.is_some(),
            version,
        )
        .await,
    )
}

#[server(endpoint = "accounts/change_password")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    crate::ssr::respond(server::change_password(current_password, new_password).await)
}

#[server(endpoint = "accounts/request_email_change")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn request_email_change(new_email: String) -> Result<(), AppError> {
    crate::ssr::respond(server::request_email_change(new_email).await)
}

#[server(endpoint = "accounts/confirm_email_change")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn confirm_email_change(code: String) -> Result<(), AppError> {
    crate::ssr::respond(server::confirm_email_change(code).await)
}

#[cfg(feature = "ssr")]
mod server {
    use super::AccountDetails;
    use crate::AppError;
    use crate::accounts::domain::{
        MyDetailsForm, PersonNames, check_new_password, code_rules, password_error_code,
    };
    use crate::accounts::repo::{self, codes};
    use crate::actor::server::actor;
    use crate::audit::{Change, repo::record};
    use crate::error::FieldError;
    use crate::fields::EmailAddress;
    use crate::fields::email_error_code;
    use crate::locale::Language;
    use crate::mail::queue::enqueue;
    use crate::ssr::rate_limit::limits as rl;
    use crate::ssr::{db, passwords, rate_limit, redirect, session};

    const PURPOSE: &str = "change_email";

    fn change<'a>(user_id: i64, action: &'a str, reason: Option<&'a str>) -> Change<'a> {
        Change::new("user", user_id, action)
            .by(user_id)
            .reason(reason)
    }

    pub async fn details() -> Result<AccountDetails, AppError> {
        let (me, _) = actor().await?;
        let db = db()?;
        let p = repo::person(&db, me.user_id)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let pending = codes::open(&db, PURPOSE, None, Some(me.user_id))
            .await?
            .filter(|c| c.expires_at > crate::ssr::db::now_millis())
            .map(|c| c.email);
        Ok(AccountDetails {
            id: p.id,
            email: p.email,
            username: p.username,
            display_name: p.display_name,
            first_name: p.first_name,
            last_name: p.last_name,
            locale: p.locale,
            newsletter: p.newsletter == 1,
            pending_email: pending,
            history: crate::audit::repo::history(&db, "user", me.user_id).await?,
            version: repo::version_of_user(&db, me.user_id).await?,
        })
    }

    pub async fn update(
        username: String,
        display_name: String,
        first_name: String,
        last_name: String,
        locale: String,
        newsletter: bool,
        version: Option<i64>,
    ) -> Result<(), AppError> {
        let (me, _) = actor().await?;
        let db = db()?;
        let fields = crate::fields::Fields::from([
            ("username".to_string(), username),
            ("display_name".to_string(), display_name),
            ("first_name".to_string(), first_name),
            ("last_name".to_string(), last_name),
            ("locale".to_string(), locale),
            (
                "newsletter".to_string(),
                if newsletter {
                    "on".into()
                } else {
                    String::new()
                },
            ),
        ]);
        let MyDetailsForm {
            username,
            names,
            locale,
            ..
        } = MyDetailsForm::parse(&fields).map_err(AppError::Invalid)?;
        if repo::username_taken(&db, username.as_str(), Some(me.user_id)).await? {
            return Err(AppError::Invalid(vec![FieldError::new(
                "username",
                "username_taken",
            )]));
        }
        let PersonNames {
            display_name,
            first_name,
            last_name,
        } = names;
        let before = repo::person(&db, me.user_id)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let mut tx = crate::ssr::db::begin(&db).await?;
        // The form was filled from this version: a change made meanwhile is never overwritten
        // (checked by the update itself).
        let written = repo::update_profile(
            &mut *tx,
            me.user_id,
            &repo::ProfileChange {
                username: username.as_str(),
                display_name: &display_name,
                first_name: &first_name,
                last_name: &last_name,
                locale,
                newsletter,
            },
            version,
        )
        .await?;
        if !written {
            return Err(AppError::Invalid(vec![FieldError::new(
                "_",
                "record_changed",
            )]));
        }
        if before.username != username.as_str() {
            let mut c = change(me.user_id, "accounts.username_changed", None);
            c.from_state = Some(&before.username);
            c.to_state = Some(username.as_str());
            record(&mut *tx, &c).await?;
        }
        if (before.newsletter == 1) != newsletter {
            let action = if newsletter {
                "accounts.newsletter_subscribed"
            } else {
                "accounts.newsletter_unsubscribed"
            };
            record(&mut *tx, &change(me.user_id, action, None)).await?;
        }
        record(
            &mut *tx,
            &change(me.user_id, "accounts.details_updated", None),
        )
        .await?;
        crate::drafts::repo::discard(
            &mut *tx,
            me.user_id,
            crate::accounts::drafts::MY_DETAILS.code(),
            "",
        )
        .await?;
        tx.commit().await?;
        redirect("/me?saved=details");
        Ok(())
    }

    pub async fn change_password(current: String, new: String) -> Result<(), AppError> {
        let (me, _) = actor().await?;
        let db = db()?;
        let key = format!("password_change:account:{}", me.user_id);
        crate::ssr::rate_limit_check(rl::PASSWORD_CHANGE_PER_ACCOUNT, &key).await?;
        if current.is_empty() {
            return Err(AppError::invalid("current_password", "password_required"));
        }
        check_new_password(&new)
            .map_err(|e| AppError::invalid("new_password", password_error_code(e)))?;
        let hash = repo::password_hash_of(&db, me.user_id)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        if current.len() > 1024 || !passwords::verify_password(current, hash).await? {
            let _ = rate_limit(rl::PASSWORD_CHANGE_PER_ACCOUNT, &key).await;
            return Err(AppError::invalid(
                "current_password",
                "current_password_wrong",
            ));
        }
        let new_hash = passwords::hash_password(new).await?;
        let mut tx = crate::ssr::db::begin(&db).await?;
        repo::set_password_hash(&mut *tx, me.user_id, &new_hash).await?;
        // Other devices are signed out; this one stays.
        session::destroy_all_of(&mut *tx, me.user_id, Some(&me.session_hash)).await?;
        record(
            &mut *tx,
            &change(me.user_id, "accounts.password_changed", None),
        )
        .await?;
        if let Some(p) = repo::person(&mut *tx, me.user_id).await?
            && let Ok(to) = EmailAddress::parse(&p.email)
        {
            enqueue(
                &mut *tx,
                &to,
                Language::from_code(&p.locale),
                &crate::accounts::mail::AccountMail::PasswordChanged,
            )
            .await?;
        }
        tx.commit().await?;
        redirect("/me?saved=password");
        Ok(())
    }

    pub async fn request_email_change(new_email: String) -> Result<(), AppError> {
        let (me, _) = actor().await?;
        let db = db()?;
        let email = EmailAddress::parse(&new_email).map_err(|e| {
            AppError::Invalid(vec![FieldError::new("new_email", email_error_code(e))])
        })?;
        rate_limit(
            rl::CODES_PER_EMAIL,
            &format!("codes:email:{}", email.as_str()),
        )
        .await?;
        rate_limit(
            rl::CODES_PER_ADDRESS,
            &format!("codes:address:{}", session::client_address()),
        )
        .await?;
        if repo::email_taken(&db, &email).await? {
            return Err(AppError::Invalid(vec![FieldError::new(
                "new_email",
                "email_taken",
            )]));
        }
        let p = repo::person(&db, me.user_id)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let mut tx = crate::ssr::db::begin(&db).await?;
        codes::replace_open(&mut *tx, PURPOSE, "", Some(me.user_id)).await?;
        let code = session::new_code();
        let expires = crate::ssr::db::now_millis() + code_rules::VALID_MS;
        codes::insert(
            &mut *tx,
            PURPOSE,
            email.as_str(),
            Some(me.user_id),
            &super::super::sign_up::code_hash_of(email.as_str(), &code),
            expires,
        )
        .await?;
        let template = crate::accounts::mail::AccountMail::VerificationCode {
            code,
            minutes_valid: code_rules::VALID_MINUTES,
        };
        enqueue(&mut *tx, &email, Language::from_code(&p.locale), &template).await?;
        tx.commit().await?;
        redirect("/me?saved=code_sent#email-change");
        Ok(())
    }

    pub async fn confirm_email_change(code: String) -> Result<(), AppError> {
        let (me, _) = actor().await?;
        let db = db()?;
        let (id, new_email) =
            super::super::sign_up::check_code(&db, PURPOSE, None, Some(me.user_id), &code).await?;
        let new_email = EmailAddress::parse(&new_email).map_err(|_| AppError::Internal)?;
        let p = repo::person(&db, me.user_id)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        if repo::email_taken(&db, &new_email).await? {
            return Err(AppError::Invalid(vec![FieldError::new(
                "code",
                "email_taken",
            )]));
        }
        let mut tx = crate::ssr::db::begin(&db).await?;
        if !codes::verify(&mut *tx, id, None).await? {
            return Err(AppError::Invalid(vec![FieldError::new(
                "code",
                "code_voided",
            )]));
        }
        repo::set_email(&mut *tx, me.user_id, &new_email).await?;
        let mut c = change(me.user_id, "accounts.email_changed", None);
        c.from_state = Some(&p.email);
        c.to_state = Some(new_email.as_str());
        record(&mut *tx, &c).await?;
        if let Ok(old) = EmailAddress::parse(&p.email) {
            let template = crate::accounts::mail::AccountMail::EmailChanged {
                new_address: new_email.as_str().to_string(),
            };
            enqueue(&mut *tx, &old, Language::from_code(&p.locale), &template).await?;
        }
        tx.commit().await?;
        redirect("/me?saved=email");
        Ok(())
    }
}
