//! Sign-up with an emailed code (seed 001, steps 1–6): the address, then the 6-digit code
//! (15 minutes, 5 wrong tries, "send a new code"), then password and names. Addresses an
//! administrator listed under an organisation are attached to it at once.
use crate::AppError;
use leptos::prelude::*;

/// The cookie that carries the proof of a verified address from step 2 to step 3.
pub const TICKET_COOKIE: &str = "passerelle_signup";

/// Step 1 (and "send a new code"): mails a code to the address. The answer is the same whether
/// the address has an account or not; an existing account gets a mail saying so instead.
#[server(endpoint = "accounts/request_sign_up_code")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn request_sign_up_code(email: String) -> Result<(), AppError> {
    crate::ssr::respond(server::request_code(email).await)
}

/// Step 2: checks the code; on success the browser holds a ticket for step 3.
#[server(endpoint = "accounts/verify_sign_up_code")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn verify_sign_up_code(email: String, code: String) -> Result<(), AppError> {
    crate::ssr::respond(server::verify_code(email, code).await)
}

/// The address being signed up (step 3 shows it), if the browser holds a valid ticket.
#[server(endpoint = "accounts/sign_up_email")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn sign_up_email() -> Result<Option<String>, AppError> {
    crate::ssr::respond(server::ticket_email().await)
}

/// Step 3: creates the account, attaches listed memberships, signs in.
#[server(endpoint = "accounts/complete_sign_up")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn complete_sign_up(
    username: String,
    display_name: String,
    first_name: String,
    last_name: String,
    password: String,
    #[server(default)] newsletter: Option<String>,
) -> Result<(), AppError> {
    crate::ssr::respond(
        server::complete(
            username,
            display_name,
            first_name,
            last_name,
            password,
            newsletter.is_some(),
        )
        .await,
    )
}

#[cfg(feature = "ssr")]
mod server {
    use super::TICKET_COOKIE;
    use crate::AppError;
    use crate::accounts::domain::{
        PersonNames, Username, check_new_password, code_rules, password_error_code,
        username_error_code,
    };
    use crate::accounts::repo::{self, codes};
    use crate::audit::{Change, repo::record};
    use crate::error::FieldError;
    use crate::fields::EmailAddress;
    use crate::fields::FormErrors;
    use crate::fields::email_error_code;
    use crate::mail::queue::enqueue;
    use crate::ssr::rate_limit::limits as rl;
    use crate::ssr::{
        app_state, append_response_header, db, link, passwords, rate_limit, redirect,
        request_cookie, request_locale, session,
    };
    use axum::http::header::SET_COOKIE;

    const PURPOSE: &str = "sign_up";

    fn parse_email(email: &str) -> Result<EmailAddress, AppError> {
        EmailAddress::parse(email)
            .map_err(|e| AppError::Invalid(vec![FieldError::new("email", email_error_code(e))]))
    }

    pub fn code_hash(email: &str, code: &str) -> String {
        session::hash_token(&format!("{email}:{code}"))
    }

    fn encode(s: &str) -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    }

    pub async fn request_code(email: String) -> Result<(), AppError> {
        let email = parse_email(&email)?;
        rate_limit(
            rl::CODES_PER_ADDRESS,
            &format!("codes:address:{}", session::client_address()),
        )
        .await?;
        rate_limit(
            rl::CODES_PER_EMAIL,
            &format!("codes:email:{}", email.as_str()),
        )
        .await?;
        let db = db()?;
        let locale = request_locale();
        let mut tx = crate::ssr::db::begin(&db).await?;
        if repo::find_user_id_by_email(&mut *tx, &email)
            .await?
            .is_some()
        {
            let template = crate::accounts::mail::AccountMail::AccountExists {
                sign_in_link: link("/login")?,
                reset_link: link("/forgot")?,
            };
            enqueue(&mut *tx, &email, locale, &template).await?;
        } else {
            codes::replace_open(&mut *tx, PURPOSE, email.as_str(), None).await?;
            let code = session::new_code();
            let expires = crate::ssr::db::now_millis() + code_rules::VALID_MS;
            codes::insert(
                &mut *tx,
                PURPOSE,
                email.as_str(),
                None,
                &code_hash(email.as_str(), &code),
                expires,
            )
            .await?;
            let template = crate::accounts::mail::AccountMail::VerificationCode {
                code,
                minutes_valid: code_rules::VALID_MINUTES,
            };
            enqueue(&mut *tx, &email, locale, &template).await?;
        }
        tx.commit().await?;
        redirect(&format!("/sign-up/code?email={}", encode(email.as_str())));
        Ok(())
    }

    /// Checks a code for a purpose and an address or person; counts wrong tries and voids the
    /// code at the fifth. Answers the open code's id when accepted.
    pub async fn check_code(
        db: &crate::ssr::Db,
        purpose: &str,
        email: Option<&str>,
        user_id: Option<i64>,
        code: &str,
    ) -> Result<(i64, String), AppError> {
        let invalid = |code: &str| AppError::Invalid(vec![FieldError::new("code", code)]);
        rate_limit(
            rl::CODE_TRIES_PER_ADDRESS,
            &format!("code_tries:address:{}", session::client_address()),
        )
        .await?;
        let Some(typed) = code_rules::normalise_code(code) else {
            return Err(invalid("code_malformed"));
        };
        let Some(open) = codes::open(db, purpose, email, user_id).await? else {
            // No code was sent to this address, or it is closed: ask for a new one.
            return Err(invalid("code_voided"));
        };
        let matches = code_hash(&open.email, &typed) == open.code_hash;
        let now = crate::ssr::db::now_millis();
        match code_rules::check_code(matches, open.wrong_tries, open.expires_at, now) {
            code_rules::CodeCheck::Accepted => Ok((open.id, open.email)),
            outcome @ code_rules::CodeCheck::Expired => {
                codes::close_expired(db, open.id).await?;
                Err(invalid(outcome.error_code().unwrap_or("code_expired")))
            }
            outcome => {
                codes::wrong_try(db, open.id, outcome == code_rules::CodeCheck::Voided).await?;
                Err(invalid(outcome.error_code().unwrap_or("code_wrong")))
            }
        }
    }

    pub async fn verify_code(email: String, code: String) -> Result<(), AppError> {
        let email = parse_email(&email)?;
        let state = app_state()?;
        let (id, _) = check_code(&state.db, PURPOSE, Some(email.as_str()), None, &code).await?;
        let ticket = session::new_token();
        let expires = crate::ssr::db::now_millis() + code_rules::TICKET_VALID_MS;
        if !codes::verify(
            &state.db,
            id,
            Some((&session::hash_token(&ticket), expires)),
        )
        .await?
        {
            return Err(AppError::Invalid(vec![FieldError::new(
                "code",
                "code_voided",
            )]));
        }
        let mut cookie = format!(
            "{TICKET_COOKIE}={ticket}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}",
            code_rules::TICKET_VALID_MS / 1000
        );
        if state.secure_cookies {
            cookie.push_str("; Secure");
        }
        append_response_header(SET_COOKIE, &cookie);
        redirect("/sign-up/details");
        Ok(())
    }

    fn presented_ticket() -> Option<String> {
        request_cookie(TICKET_COOKIE).filter(|t| t.len() == 64)
    }

    pub async fn ticket_email() -> Result<Option<String>, AppError> {
        let Some(ticket) = presented_ticket() else {
            return Ok(None);
        };
        Ok(codes::ticket_email(&db()?, &session::hash_token(&ticket)).await?)
    }

    pub async fn complete(
        username: String,
        display_name: String,
        first_name: String,
        last_name: String,
        password: String,
        newsletter: bool,
    ) -> Result<(), AppError> {
        let state = app_state()?;
        let expired = || AppError::Invalid(vec![FieldError::new("_", "sign_up_expired")]);
        let ticket = presented_ticket().ok_or_else(expired)?;
        let ticket_hash = session::hash_token(&ticket);

        let mut e = FormErrors::default();
        let username = e.field("username", Username::parse(&username), username_error_code);
        let names = PersonNames::parse(&mut e, &display_name, &first_name, &last_name);
        e.field(
            "password",
            check_new_password(&password),
            password_error_code,
        );
        if let Some(u) = &username
            && repo::username_taken(&state.db, u.as_str(), None).await?
        {
            e.push("username", "username_taken");
        }
        e.finish()?;
        let (Some(username), Some(names)) = (username, names) else {
            return Err(AppError::Internal);
        };
        let PersonNames {
            display_name,
            first_name,
            last_name,
        } = names;
        let hash = passwords::hash_password(password).await?;

        let mut tx = crate::ssr::db::begin(&state.db).await?;
        let email = codes::take_ticket(&mut *tx, &ticket_hash)
            .await?
            .and_then(|e| EmailAddress::parse(&e).ok())
            .ok_or_else(expired)?;
        if repo::find_user_id_by_email(&mut *tx, &email)
            .await?
            .is_some()
        {
            return Err(AppError::Invalid(vec![FieldError::new("_", "email_taken")]));
        }
        let locale = request_locale();
        let user_id = repo::insert_user(
            &mut *tx,
            &repo::NewUser {
                email: &email,
                username: username.as_str(),
                display_name: &display_name,
                first_name: &first_name,
                last_name: &last_name,
                password_hash: &hash,
                locale: locale.code(),
                status: "active",
                newsletter,
            },
        )
        .await?;
        record(
            &mut *tx,
            &Change::new("user", user_id, "accounts.signed_up")
                .by(user_id)
                .to_state(Some("active")),
        )
        .await?;
        for hooks in crate::accounts::hooks::registered() {
            (hooks.on_sign_up)(&mut tx, &email, user_id).await?;
        }
        tx.commit().await?;

        let token = session::create(&state.db, user_id, false).await?;
        append_response_header(
            SET_COOKIE,
            &session::cookie(&token, false, state.secure_cookies),
        );
        append_response_header(
            SET_COOKIE,
            &format!("{TICKET_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"),
        );
        tracing::info!(user = user_id, "signed up");
        redirect("/organisations");
        Ok(())
    }
}
#[cfg(feature = "ssr")]
pub use server::{check_code, code_hash as code_hash_of};
