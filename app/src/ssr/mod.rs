//! Server-only plumbing shared by every module: the database, the per-request state.
pub mod db;
pub mod echo;
pub mod export;
pub mod jobs;
pub mod passwords;
pub mod rate_limit;
pub mod session;
pub mod session_rules;

use crate::AppError;
pub use db::Db;

/// What every server function and page can reach on the server, provided as Leptos context.
#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Db,
    pub leptos_options: leptos::prelude::LeptosOptions,
    /// Served over https: cookies carry `Secure`.
    pub secure_cookies: bool,
    /// Where people reach Passerelle (links in mail), without a trailing slash.
    pub public_url: String,
    /// Where uploaded files are kept (`PASSERELLE_DATA_DIR`).
    pub data_dir: std::path::PathBuf,
    /// Reverse proxies whose `X-Forwarded-For` names the client (`PASSERELLE_TRUSTED_PROXIES`).
    pub trusted_proxies: std::sync::Arc<Vec<std::net::IpAddr>>,
}

/// The state of the running app, for server functions.
pub fn app_state() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Internal
    })
}

/// An absolute link to a page of Passerelle, for mail.
pub fn link(path: &str) -> Result<String, AppError> {
    Ok(format!(
        "{}{path}",
        app_state()?.public_url.trim_end_matches('/')
    ))
}

/// Counts one attempt against a named limit for `key` (shared by every instance); 429 once it
/// is spent.
pub async fn rate_limit(limit: rate_limit::Limit, key: &str) -> Result<(), AppError> {
    rate_limit::hit(&db()?, key, limit, db::now_millis())
        .await?
        .map_err(|_| AppError::RateLimited)
}

/// 429 if one more attempt for `key` would exceed `limit`; counts nothing (a login checks the
/// account's failures before verifying, and counts only a failure).
pub async fn rate_limit_check(limit: rate_limit::Limit, key: &str) -> Result<(), AppError> {
    rate_limit::check(&db()?, key, limit, db::now_millis())
        .await?
        .map_err(|_| AppError::RateLimited)
}

/// The value of a cookie of the current request.
pub fn request_cookie(name: &str) -> Option<String> {
    let parts = leptos::prelude::use_context::<axum::http::request::Parts>()?;
    parts
        .headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.to_string())
}

/// The language of the current request (the language cookie, then Accept-Language), for mail
/// sent to someone who has no account yet.
pub fn request_locale() -> crate::locale::Language {
    use crate::locale::Language;
    if let Some(l) = request_cookie(crate::locale::LOCALE_COOKIE) {
        return Language::from_code(&l);
    }
    let accept = leptos::prelude::use_context::<axum::http::request::Parts>().and_then(|p| {
        p.headers
            .get(axum::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    });
    accept
        .as_deref()
        .and_then(|a| {
            a.split(',')
                .map(|l| {
                    l.split(';')
                        .next()
                        .unwrap_or("")
                        .trim()
                        .get(..2)
                        .unwrap_or("")
                })
                .find(|l| crate::locale::parse_locale(l).is_some())
                .map(Language::from_code)
        })
        .unwrap_or(Language::Fr)
}

/// Sends the browser to `path` after a successful action (with or without JavaScript).
pub fn redirect(path: &str) {
    leptos_axum::redirect(path);
}

/// The database pool of the running app, for server functions.
pub fn db() -> Result<Db, AppError> {
    app_state().map(|s| s.db)
}

/// Ends a server function. An error sets the HTTP status it stands for (422, 429…), so that
/// no user mistake is answered with a 500. A plain form post (no JavaScript) is sent back to
/// its form with the error codes in `?errors=field:code,…`, which the page shows.
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    use axum::http::{StatusCode, header};
    let Err(e) = &result else { return result };
    let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() else {
        return result;
    };
    let parts = leptos::prelude::use_context::<axum::http::request::Parts>();
    let header_of = |name| {
        parts
            .as_ref()
            .and_then(|p| p.headers.get(name))
            .and_then(|v| v.to_str().ok())
    };
    // A form posted to a server function by the browser itself (no JavaScript): not a page
    // rendering on the server that calls a server function for its data.
    let plain_form = header_of(header::ACCEPT).is_some_and(|a| a.contains("text/html"))
        && parts
            .as_ref()
            .is_some_and(|p| p.uri.path().starts_with("/api/"));
    let form_page = header_of(header::REFERER).and_then(referer_path);
    match (plain_form, form_page) {
        (true, Some(path)) => {
            let codes: Vec<String> = e
                .field_errors()
                .into_iter()
                .map(|f| format!("{}:{}", f.field, f.code))
                .collect();
            response.set_status(StatusCode::SEE_OTHER);
            // The values typed come back to the form (never passwords or codes).
            if let (Some(p), Ok(state)) = (&parts, app_state())
                && let Some(echo::PostedForm(body)) = p.extensions.get::<echo::PostedForm>()
                && let Ok(cookie) = axum::http::HeaderValue::from_str(&echo::cookie(
                    p.uri.path(),
                    body,
                    state.secure_cookies,
                ))
            {
                response.append_header(header::SET_COOKIE, cookie);
            }
            // `form` names the server function, so that only its form shows the errors.
            let form = parts.as_ref().map(|p| p.uri.path()).unwrap_or_default();
            if let Ok(location) =
                axum::http::HeaderValue::from_str(&back_to_form(&path, &codes.join(","), form))
            {
                response.insert_header(header::LOCATION, location);
            }
        }
        _ => response.set_status(
            StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        ),
    }
    result
}

/// The path and query of a same-site `Referer` (`http://host/login?x#y` → `/login?x`); never
/// another site.
fn referer_path(referer: &str) -> Option<String> {
    let rest = referer.split_once("://").map(|(_, r)| r)?;
    let path = rest.find('/').map(|i| &rest[i..]).unwrap_or("/");
    let path = path.split('#').next().unwrap_or("/");
    (path.starts_with('/') && !path.starts_with("//")).then(|| path.to_string())
}

/// Where a plain post with errors goes back: the form's page with its own query (`?type=…`
/// kept, so that it is the same form with the same draft), minus the errors of an earlier
/// post, plus `errors=field:code,…&form=<server function>`.
fn back_to_form(page: &str, codes: &str, form: &str) -> String {
    let (path, query) = page.split_once('?').unwrap_or((page, ""));
    let mut kept: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| {
            let name = p.split('=').next().unwrap_or("");
            name != "errors" && name != "form"
        })
        .collect();
    let errors = format!("errors={codes}");
    let form = format!("form={form}");
    kept.push(&errors);
    kept.push(&form);
    format!("{path}?{}", kept.join("&"))
}

/// Adds a header to the response of the current server function or page.
pub fn append_response_header(name: axum::http::HeaderName, value: &str) {
    if let (Some(response), Ok(value)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        axum::http::HeaderValue::from_str(value),
    ) {
        response.append_header(name, value);
    }
}

impl axum::extract::FromRef<AppState> for leptos::prelude::LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_post_goes_back_to_its_page_with_the_page_query() {
        assert_eq!(
            referer_path("http://h:3000/accreditation/1/geneva/new?type=x#top").as_deref(),
            Some("/accreditation/1/geneva/new?type=x")
        );
        assert_eq!(referer_path("http://h//evil"), None);
        assert_eq!(
            back_to_form("/login", "login:required", "/api/accounts/login"),
            "/login?errors=login:required&form=/api/accounts/login"
        );
        assert_eq!(
            back_to_form(
                "/a/new?type=principal&errors=old:x&form=/api/old",
                "last_name:required",
                "/api/accreditation/save"
            ),
            "/a/new?type=principal&errors=last_name:required&form=/api/accreditation/save"
        );
    }
}
