//! Sessions stored in the database (they survive a restart and are shared by every instance).
//! The cookie holds a random token; the database holds only its SHA-256, so a copy of the
//! database opens no session. A new id is issued at every login (rotation).
use crate::ssr::AppState;
use crate::ssr::db::now_millis;
use crate::ssr::session_rules;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use axum::extract::{Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use sha2::{Digest, Sha256};

pub const COOKIE: &str = "passerelle_session";

/// The signed-in person of this request.
#[derive(Debug, Clone)]
pub struct SessionUser {
    pub session_hash: String,
    pub user_id: i64,
    pub username: String,
    pub display_name: String,
}

/// The hash of the session cookie the request presented, valid or not (deleted at login).
#[derive(Debug, Clone)]
pub struct PresentedSession(pub String);

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// 256 random bits from the operating system, hex-encoded.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

/// A 6-digit code, uniform over 000000–999999 (rejection sampling, no modulo bias).
pub fn new_code() -> String {
    loop {
        let n = OsRng.next_u32();
        // 4 294 000 000 is the largest multiple of 1 000 000 below 2^32.
        if n < 4_294_000_000 {
            return format!("{:06}", n % 1_000_000);
        }
    }
}

pub fn hash_token(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn presented_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, value)| *name == COOKIE && value.len() == 64)
        .map(|(_, value)| value.to_string())
}

type SessionRow = (i64, i64, i64, i64, String, String);

/// Middleware: attaches the signed-in person (if the session is alive) to the request.
pub async fn load(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let needs_session = !(path.starts_with("/pkg/") || path == "/health" || path == "/ready");
    if let (true, Some(token)) = (needs_session, presented_token(req.headers())) {
        let hash = hash_token(&token);
        req.extensions_mut().insert(PresentedSession(hash.clone()));
        match lookup(&state, &hash).await {
            Ok(Some(user)) => {
                req.extensions_mut().insert(user);
            }
            Ok(None) => {}
            Err(e) => tracing::error!(error = %e, "session lookup failed"),
        }
    }
    next.run(req).await
}

async fn lookup(state: &AppState, hash: &str) -> Result<Option<SessionUser>, sqlx::Error> {
    let row: Option<SessionRow> = sqlx::query_as(
        "SELECT s.user_id, s.created_at, s.last_seen_at, s.remember, u.username, u.display_name
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1 AND u.status = 'active'",
    )
    .bind(hash)
    .fetch_optional(&state.db)
    .await?;
    let Some((user_id, created_at, last_seen_at, remember, username, display_name)) = row else {
        return Ok(None);
    };
    let now = now_millis();
    if !session_rules::is_alive(now, created_at, last_seen_at, remember == 1) {
        destroy(&state.db, hash).await?;
        return Ok(None);
    }
    if now - last_seen_at >= session_rules::TOUCH_EVERY_MS {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2")
            .bind(now)
            .bind(hash)
            .execute(&state.db)
            .await?;
    }
    Ok(Some(SessionUser {
        session_hash: hash.to_string(),
        user_id,
        username,
        display_name,
    }))
}

/// Opens a session; answers the token for the cookie.
pub async fn create(
    db: &crate::ssr::Db,
    user_id: i64,
    remember: bool,
) -> Result<String, sqlx::Error> {
    let token = new_token();
    let now = now_millis();
    sqlx::query(
        "INSERT INTO sessions (id_hash, user_id, remember, created_at, last_seen_at, expires_at)
         VALUES ($1, $2, $3, $4, $4, $5)",
    )
    .bind(hash_token(&token))
    .bind(user_id)
    .bind(i64::from(remember))
    .bind(now)
    .bind(session_rules::expires_at(now, remember))
    .execute(db)
    .await?;
    Ok(token)
}

pub async fn destroy(db: &crate::ssr::Db, hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
        .bind(hash)
        .execute(db)
        .await?;
    Ok(())
}

/// Ends every session of a person except `keep` (after a password change or reset).
pub async fn destroy_all_of<'e, E>(
    db: E,
    user_id: i64,
    keep: Option<&str>,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2")
        .bind(user_id)
        .bind(keep.unwrap_or(""))
        .execute(db)
        .await?;
    Ok(())
}

/// The `Set-Cookie` value for a new session: HttpOnly, SameSite=Lax, Secure over https;
/// persistent only with "remember me".
pub fn cookie(token: &str, remember: bool, secure: bool) -> String {
    let mut c = format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax");
    if remember {
        c.push_str(&format!(
            "; Max-Age={}",
            session_rules::REMEMBER_ABSOLUTE_LIFETIME_MS / 1000
        ));
    }
    if secure {
        c.push_str("; Secure");
    }
    c
}

pub fn clearing_cookie(secure: bool) -> String {
    let mut c = format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
    if secure {
        c.push_str("; Secure");
    }
    c
}

fn request_parts() -> Option<axum::http::request::Parts> {
    leptos::prelude::use_context::<axum::http::request::Parts>()
}

/// The signed-in person of the current request, if any (server functions and pages).
pub fn current_user() -> Option<SessionUser> {
    request_parts()?.extensions.get::<SessionUser>().cloned()
}

/// The session cookie the current request presented, if any.
pub fn presented_session() -> Option<String> {
    request_parts()?
        .extensions
        .get::<PresentedSession>()
        .map(|p| p.0.clone())
}

/// The network address of the current request's peer (for rate limits).
pub fn client_address() -> String {
    let Some(parts) = request_parts() else {
        return "unknown".into();
    };
    let Some(peer) = parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip())
    else {
        return "unknown".into();
    };
    let trusted = super::app_state()
        .map(|s| s.trusted_proxies)
        .unwrap_or_default();
    let forwarded: Vec<&str> = parts
        .headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    client_of(peer, &forwarded, &trusted).to_string()
}

/// The client behind a chain of proxies: the peer, unless it is a trusted proxy; then, from the
/// right of `X-Forwarded-For`, the first address that is not a trusted proxy (what a client
/// writes itself, to the left, is never believed). A malformed entry stops the walk there.
pub fn client_of(
    peer: std::net::IpAddr,
    forwarded: &[&str],
    trusted: &[std::net::IpAddr],
) -> std::net::IpAddr {
    let mut client = peer;
    let hops = forwarded
        .iter()
        .flat_map(|h| h.split(','))
        .map(str::trim)
        .collect::<Vec<_>>();
    for hop in hops.into_iter().rev() {
        if !trusted.contains(&client) {
            break;
        }
        match hop.parse::<std::net::IpAddr>() {
            Ok(ip) => client = ip,
            Err(_) => break,
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_is_read_through_trusted_proxies_only() {
        let ip = |s: &str| s.parse::<std::net::IpAddr>().unwrap();
        let proxy = ip("10.0.0.2");
        // No proxy trusted: the peer, whatever the header says.
        assert_eq!(
            client_of(ip("203.0.113.9"), &["198.51.100.1"], &[]),
            ip("203.0.113.9")
        );
        // Through a trusted proxy: the address it saw.
        assert_eq!(
            client_of(proxy, &["198.51.100.1"], &[proxy]),
            ip("198.51.100.1")
        );
        // A client writing its own header is not believed: the proxy appended the real one.
        assert_eq!(
            client_of(proxy, &["1.2.3.4, 198.51.100.1"], &[proxy]),
            ip("198.51.100.1")
        );
        // Two trusted proxies in a row.
        let edge = ip("10.0.0.3");
        assert_eq!(
            client_of(proxy, &["198.51.100.1, 10.0.0.3"], &[proxy, edge]),
            ip("198.51.100.1")
        );
        // Garbage stops the walk at the last trusted hop.
        assert_eq!(client_of(proxy, &["nonsense"], &[proxy]), proxy);
    }

    #[test]
    fn tokens_are_random_and_only_their_hash_is_stored() {
        let a = new_token();
        assert_eq!(a.len(), 64);
        assert_ne!(a, new_token());
        assert_eq!(hash_token(&a).len(), 64);
        assert_ne!(hash_token(&a), a);
    }

    #[test]
    fn codes_have_six_digits() {
        for _ in 0..100 {
            let c = new_code();
            assert_eq!(c.len(), 6);
            assert!(c.chars().all(|d| d.is_ascii_digit()));
        }
    }

    #[test]
    fn cookies_are_http_only_lax_and_secure_over_https() {
        let c = cookie("t", false, false);
        assert_eq!(c, "passerelle_session=t; Path=/; HttpOnly; SameSite=Lax");
        assert!(cookie("t", true, true).ends_with("; Max-Age=2592000; Secure"));
        assert!(clearing_cookie(false).contains("Max-Age=0"));
    }

    #[test]
    fn only_a_well_formed_session_cookie_is_read() {
        let mut h = HeaderMap::new();
        let token = "a".repeat(64);
        h.insert(
            "cookie",
            format!("i18n_pref_locale=en; {COOKIE}={token}")
                .parse()
                .unwrap(),
        );
        assert_eq!(presented_token(&h), Some(token));
        h.insert("cookie", format!("{COOKIE}=short").parse().unwrap());
        assert_eq!(presented_token(&h), None);
    }
}
