//! Values sent back after a plain form post with errors (no JavaScript): the person finds the
//! form as they filled it, never passwords or codes. The post's fields travel in a short-lived
//! HttpOnly cookie named for the server function; the form of that function takes them once.
use crate::fields::Fields;
use axum::body::Bytes;
use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;

pub const COOKIE: &str = "passerelle_echo";
/// Browsers keep cookies up to 4 KiB; long values are left out beyond this.
const BUDGET: usize = 3_500;
/// A plain post bigger than this is not kept for sending back.
const MAX_CAPTURE: usize = 256 * 1024;

/// The body of a plain form post (URL-encoded, from a page), kept for sending values back.
#[derive(Clone, Debug)]
pub struct PostedForm(pub Bytes);

/// Middleware: keeps the body of a plain URL-encoded form post to a server function.
pub async fn capture(req: Request, next: Next) -> Response {
    let headers = req.headers();
    let wanted = req.method() == axum::http::Method::POST
        && req.uri().path().starts_with("/api/")
        && headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|c| c.starts_with("application/x-www-form-urlencoded"))
        && headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|a| a.contains("text/html"));
    if !wanted {
        return next.run(req).await;
    }
    let (mut parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_CAPTURE).await {
        Ok(b) => b,
        Err(_) => {
            return axum::response::IntoResponse::into_response((
                axum::http::StatusCode::PAYLOAD_TOO_LARGE,
                "This form is too large.",
            ));
        }
    };
    parts.extensions.insert(PostedForm(bytes.clone()));
    next.run(Request::from_parts(parts, axum::body::Body::from(bytes)))
        .await
}

/// Whether a posted field may be sent back (never a secret, never a hidden field of ours).
fn may_echo(name: &str) -> bool {
    !crate::fields::is_secret(name) && name != "version"
}

/// The cookie carrying `body`'s fields back to the form of server function `path`.
pub fn cookie(path: &str, body: &[u8], secure: bool) -> String {
    let mut pairs: Vec<(String, String)> = form_urlencoded::parse(body)
        .filter(|(k, _)| may_echo(k))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let encode = |pairs: &[(String, String)]| {
        let inner = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        form_urlencoded::byte_serialize(format!("{path}\n{inner}").as_bytes()).collect::<String>()
    };
    let mut value = encode(&pairs);
    // Too long for a cookie: leave out the longest values until it fits.
    while value.len() > BUDGET && !pairs.is_empty() {
        if let Some(i) = (0..pairs.len()).max_by_key(|&i| pairs[i].1.len()) {
            pairs.remove(i);
        }
        value = encode(&pairs);
    }
    format!(
        "{COOKIE}={value}; Path=/; Max-Age=120; HttpOnly; SameSite=Lax{}",
        if secure { "; Secure" } else { "" }
    )
}

/// The fields of `cookie_value` if they were posted to server function `path`.
pub fn decode(cookie_value: &str, path: &str) -> Option<Fields> {
    let raw: String = form_urlencoded::parse(format!("x={cookie_value}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())?;
    let (posted_to, body) = raw.split_once('\n')?;
    if posted_to != path {
        return None;
    }
    let mut fields = Fields::new();
    for (k, v) in form_urlencoded::parse(body.as_bytes()) {
        if !may_echo(&k) {
            continue;
        }
        match k.strip_suffix("[]") {
            Some(group) => {
                let entry = fields.entry(group.to_string()).or_default();
                if !entry.is_empty() {
                    entry.push(',');
                }
                entry.push_str(&v);
            }
            None => {
                fields.insert(k.into_owned(), v.into_owned());
            }
        }
    }
    Some(fields)
}

/// On a page render: the values sent back to the form of server function `path`, once (the
/// cookie is cleared).
pub fn take(path: &str) -> Option<Fields> {
    let fields = decode(&super::request_cookie(COOKIE)?, path)?;
    let secure = super::app_state()
        .map(|s| s.secure_cookies)
        .unwrap_or(false);
    super::append_response_header(
        header::SET_COOKIE,
        &format!(
            "{COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{}",
            if secure { "; Secure" } else { "" }
        ),
    );
    Some(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value_of(cookie: &str) -> &str {
        cookie
            .split(';')
            .next()
            .and_then(|p| p.split_once('='))
            .map(|(_, v)| v)
            .unwrap()
    }

    #[test]
    fn values_come_back_to_their_form_only_without_secrets() {
        let body = b"username=ana&password=hunter2&sectors%5B%5D=health&sectors%5B%5D=water&current_password=x&code=123456&version=3&note=a%3Bb%2Cc+d";
        let c = cookie("/api/a", body, true);
        assert!(c.contains("HttpOnly") && c.contains("Secure") && c.contains("SameSite=Lax"));
        assert!(!c.contains("hunter2") && !c.contains("123456"));
        let v = value_of(&c);
        assert!(!v.contains(';') && !v.contains(',') && !v.contains(' '));
        let fields = decode(v, "/api/a").unwrap();
        assert_eq!(fields.get("username").unwrap(), "ana");
        assert_eq!(fields.get("sectors").unwrap(), "health,water");
        assert_eq!(fields.get("note").unwrap(), "a;b,c d");
        assert!(!fields.contains_key("password") && !fields.contains_key("code"));
        assert!(!fields.contains_key("current_password") && !fields.contains_key("version"));
        assert_eq!(decode(v, "/api/b"), None);
    }

    #[test]
    fn a_long_post_keeps_what_fits() {
        let long = "x".repeat(10_000);
        let body = format!("name=ana&mandate={long}");
        let c = cookie("/api/a", body.as_bytes(), false);
        assert!(c.len() < 4_000);
        let fields = decode(value_of(&c), "/api/a").unwrap();
        assert_eq!(fields.get("name").unwrap(), "ana");
        assert!(!fields.contains_key("mandate"));
    }

    #[test]
    fn a_forged_cookie_gives_nothing() {
        assert_eq!(decode("%%%", "/api/a"), None);
        assert_eq!(decode("", "/api/a"), None);
    }
}
