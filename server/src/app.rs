//! The HTTP application: layers, static files, health probes, the language switch and the
//! Leptos routes. `Application::build` binds the port (0 in tests) before serving.
use crate::config::Config;
use app::ssr::{AppState, Db};
use app::{App, shell};
use axum::Router;
use axum::extract::{Form, Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use serde::Deserialize;
use std::future::Future;
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot open the database ({0}); check DATABASE_URL and PASSERELLE_DATA_DIR")]
    Database(String),
    #[error("configuration error: {0}")]
    Config(String),
    #[error("cannot apply the database migrations: {0}")]
    Migrate(String),
    #[error("cannot listen on {addr} ({source}); check LEPTOS_SITE_ADDR")]
    Bind {
        addr: std::net::SocketAddr,
        source: std::io::Error,
    },
}

/// Opens the database (creating the data directory for SQLite) and applies the migrations.
pub async fn open_database(config: &Config) -> Result<Db, StartError> {
    if config.database_url.starts_with("sqlite:") {
        std::fs::create_dir_all(&config.data_dir).map_err(|e| {
            StartError::Database(format!("cannot create {}: {e}", config.data_dir.display()))
        })?;
    }
    let db = app::ssr::db::connect(&config.database_url, config.db_max_connections)
        .await
        .map_err(|e| StartError::Database(e.to_string()))?;
    app::ssr::db::migrate(&db, &config.database_url)
        .await
        .map_err(|e| StartError::Migrate(e.to_string()))?;
    app::modules::install();
    app::modules::after_migrations(&db)
        .await
        .map_err(|e| StartError::Migrate(e.to_string()))?;
    Ok(db)
}

pub struct Application {
    listener: TcpListener,
    router: Router,
    port: u16,
    db: Db,
    mail: app::mail::queue::Transport,
    public_url: String,
    workers: bool,
}

impl Application {
    pub async fn build(config: Config) -> Result<Application, StartError> {
        let db = open_database(&config).await?;
        Self::build_with_db(config, db).await
    }

    pub async fn build_with_db(config: Config, db: Db) -> Result<Application, StartError> {
        app::modules::install();
        let listener = TcpListener::bind(config.site_addr)
            .await
            .map_err(|source| StartError::Bind {
                addr: config.site_addr,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| StartError::Bind {
            addr: config.site_addr,
            source,
        })?;
        let leptos_options = leptos_options(&config, addr);
        let mail =
            app::mail::queue::Transport::from_config(config.smtp_url.as_deref(), &config.mail_from)
                .map_err(|(var, problem)| StartError::Config(format!("{var} {problem}")))?;
        let state = AppState {
            db: db.clone(),
            leptos_options,
            secure_cookies: config.is_https(),
            public_url: config.public_url.trim_end_matches('/').to_string(),
            data_dir: config.data_dir.clone(),
            trusted_proxies: std::sync::Arc::new(config.trusted_proxies.clone()),
        };
        Ok(Application {
            listener,
            router: router(&config, state),
            port: addr.port(),
            public_url: config.public_url.trim_end_matches('/').to_string(),
            db,
            mail,
            workers: true,
        })
    }

    /// Serves requests only: no mail delivery, recovery or housekeeping in the background (a
    /// test that looks at what a request alone did runs those steps itself).
    pub fn without_workers(mut self) -> Self {
        self.workers = false;
        self
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves (and delivers mail in the background) until `shutdown` completes, then lets
    /// requests in flight finish.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let mut tasks = vec![];
        if self.workers {
            tasks.push(tokio::spawn(app::mail::queue::run_worker(
                self.db.clone(),
                self.mail.clone(),
                std::time::Duration::from_millis(500),
            )));
            for job in app::modules::jobs() {
                tasks.push(tokio::spawn(app::ssr::jobs::run_forever(
                    job,
                    self.db.clone(),
                    self.public_url.clone(),
                )));
            }
        }
        let service = self
            .router
            .into_make_service_with_connect_info::<std::net::SocketAddr>();
        let served = axum::serve(self.listener, service)
            .with_graceful_shutdown(shutdown)
            .await;
        for task in tasks {
            task.abort();
        }
        served
    }
}

fn leptos_options(config: &Config, addr: std::net::SocketAddr) -> LeptosOptions {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    LeptosOptions::builder()
        .output_name(env("LEPTOS_OUTPUT_NAME").unwrap_or_else(|| app::BUNDLE_NAME.to_string()))
        .site_root(config.site_root.to_string_lossy().to_string())
        .site_pkg_dir(env("LEPTOS_SITE_PKG_DIR").unwrap_or_else(|| {
            // The current build's own directory, whose files are cached for good.
            match crate::static_files::current_build(&config.site_root.join("pkg")) {
                Some(id) => format!("pkg/{id}"),
                None => "pkg".to_string(),
            }
        }))
        .site_addr(addr)
        .reload_port(
            env("LEPTOS_RELOAD_PORT")
                .and_then(|p| p.parse().ok())
                .unwrap_or(3001),
        )
        .build()
}

/// The app's routes, generated once per process. Generating them renders the app with resource
/// loading suppressed process-wide (leptos_server's `SuppressResourceLoad`); a resource first
/// polled meanwhile by a request of another app in the same process (parallel tests) would hang
/// forever — leptos issue #4773. Once per process, before any app serves, avoids the window.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

fn router(config: &Config, state: AppState) -> Router {
    let routes = route_list();
    let ctx_state = state.clone();
    let context = move || provide_context(ctx_state.clone());
    let fallback_state = state.clone();
    let fallback_context = move || provide_context(fallback_state.clone());
    let pkg_dir = config.site_root.join("pkg");

    // The bundle from memory, outside the layers of pages (sessions, request ids, tracing,
    // compression: its copies are compressed once, at build).
    let files =
        crate::static_files::StaticFiles::new(&pkg_dir, "public, max-age=300, must-revalidate");
    let pkg = Router::new()
        .fallback(move |req: Request| files.clone().serve(req))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ));

    let server_fn_context = context.clone();
    let server_fns = move |req: Request| {
        let ctx = server_fn_context.clone();
        async move { leptos_axum::handle_server_fns_with_context(ctx, req).await }
    };
    let pages = Router::new()
        .route("/health", get(|| async { "ok" }))
        .route("/ready", get(ready))
        .route("/locale", post(set_locale))
        .route("/api/{*fn_name}", get(server_fns.clone()).post(server_fns))
        .merge(app::modules::routes())
        .leptos_routes_with_context(&state, routes, context, {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(fallback_context, shell))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            app::ssr::session::load,
        ))
        .layer(middleware::from_fn(app::ssr::echo::capture))
        // Leptos also mounts each server function at its own path, so this applies to the router.
        .layer(middleware::from_fn(malformed_calls_are_400))
        .layer(middleware::from_fn(limit_request_bodies))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_FORM_BYTES))
        .layer(middleware::from_fn(refuse_cross_origin_writes))
        // Pages are compressed as they are made: level 4 (Brotli's default is 11, its slowest;
        // 4 is about as small as gzip's 6, several times faster). The bundle's copies are made
        // once, at the best level, by the build.
        .layer(CompressionLayer::new().quality(tower_http::CompressionLevel::Precise(4)))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("content-security-policy"),
            HeaderValue::from_static("frame-ancestors 'none'; base-uri 'self'; object-src 'none'"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(tower::util::option_layer(config.is_https().then(|| {
            SetResponseHeaderLayer::overriding(
                header::STRICT_TRANSPORT_SECURITY,
                HeaderValue::from_static("max-age=31536000; includeSubDomains"),
            )
        })))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| {
            let request_id = req.headers().get(REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("-");
            tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id)
        }))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
        .with_state(state);
    Router::new().nest("/pkg", pkg).merge(pages)
}

/// The largest body of a form or server call (drafts are at most 64 KiB).
const MAX_FORM_BYTES: usize = 1024 * 1024;

/// Uploads may be larger than forms, up to their own limit. A body announced larger than its
/// limit is refused before it is read; a body sent without a length (chunked) is counted as it
/// is read, and once it passes the limit the answer is the same 413, in words (not the
/// transport's "length limit exceeded"). An upload that is not a multipart body with a
/// boundary is refused with 415 before any upload code runs.
async fn limit_request_bodies(req: Request, next: Next) -> Response {
    let upload = req.uri().path().starts_with("/api/uploads/");
    let limit = if upload {
        app::uploads::domain::MAX_UPLOAD_REQUEST_BYTES
    } else {
        MAX_FORM_BYTES as u64
    };
    let too_large = || {
        (
            StatusCode::PAYLOAD_TOO_LARGE,
            "This is too large to send: forms up to 1 MB, photos up to 5 MB, documents up to 20 MB.",
        )
            .into_response()
    };
    let announced = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > limit) {
        return too_large();
    }
    if upload && !is_multipart_with_boundary(req.headers()) {
        return (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Files are sent as multipart/form-data with a boundary (a form with enctype=\"multipart/form-data\").",
        )
            .into_response();
    }
    let over = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (parts, body) = req.into_parts();
    let body = axum::body::Body::new(CountedBody {
        inner: body,
        left: limit,
        over: over.clone(),
    });
    let res = next.run(Request::from_parts(parts, body)).await;
    if over.load(std::sync::atomic::Ordering::SeqCst) {
        return too_large();
    }
    res
}

/// What the multipart reader of server functions needs, checked the way it checks it.
fn is_multipart_with_boundary(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| {
            ct.trim_start()
                .to_ascii_lowercase()
                .starts_with("multipart/form-data")
                && multer::parse_boundary(ct).is_ok_and(|b| !b.is_empty())
        })
}

/// A request body that fails once more than `left` bytes came, and says so in `over`.
struct CountedBody {
    inner: axum::body::Body,
    left: u64,
    over: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

#[derive(Debug, thiserror::Error)]
#[error("request body over its limit")]
struct OverLimit;

impl http_body::Body for CountedBody {
    type Data = axum::body::Bytes;
    type Error = axum::BoxError;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        use std::task::Poll;
        let frame = match std::pin::Pin::new(&mut self.inner).poll_frame(cx) {
            Poll::Ready(Some(Ok(frame))) => frame,
            Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e.into()))),
            Poll::Ready(None) => return Poll::Ready(None),
            Poll::Pending => return Poll::Pending,
        };
        if let Some(data) = frame.data_ref() {
            let n = data.len() as u64;
            if n > self.left {
                self.over.store(true, std::sync::atomic::Ordering::SeqCst);
                return Poll::Ready(Some(Err(Box::new(OverLimit))));
            }
            self.left -= n;
        }
        Poll::Ready(Some(Ok(frame)))
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

/// A server function called with arguments that do not parse is the caller's mistake: answer
/// 400, not the 500 Leptos gives every error that happens before our code runs.
async fn malformed_calls_are_400(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !res.headers().contains_key("serverfnerror")
    {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    let malformed = matches!(
        serde_json::from_slice::<app::AppError>(&bytes),
        Ok(app::AppError::Transport(ref m)) if m.contains("deserializ")
    );
    if malformed {
        parts.status = StatusCode::BAD_REQUEST;
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// Readiness: the database answers.
async fn ready(State(state): State<AppState>) -> Response {
    if app::ssr::db::ping(&state.db).await {
        (StatusCode::OK, "ready").into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response()
    }
}

#[derive(Deserialize)]
struct LocaleForm {
    locale: String,
    #[serde(default)]
    return_to: String,
}

/// The language switch without JavaScript: remember the choice in the same cookie the
/// hydrated app uses, then go back to the page the person was on.
async fn set_locale(State(state): State<AppState>, Form(form): Form<LocaleForm>) -> Response {
    if !matches!(form.locale.as_str(), "fr" | "en" | "es") {
        return (
            StatusCode::BAD_REQUEST,
            "Unknown language: choose fr, en or es.",
        )
            .into_response();
    }
    let cookie = format!(
        "{}={}; Path=/; Max-Age=31536000; SameSite=Lax{}",
        app::locale::LOCALE_COOKIE,
        form.locale,
        if state.secure_cookies { "; Secure" } else { "" }
    );
    let mut resp = Redirect::to(safe_return_path(&form.return_to)).into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        resp.headers_mut().insert(header::SET_COOKIE, v);
    }
    resp
}

/// Only a path on this site: anything else (another host, `//host`, a scheme) becomes `/`.
pub fn safe_return_path(p: &str) -> &str {
    let ok = p.starts_with('/')
        && !p.starts_with("//")
        && !p.starts_with("/\\")
        && !p.chars().any(|c| c.is_control());
    if ok { p } else { "/" }
}

/// Writes (anything but GET, HEAD, OPTIONS) must come from our own pages: the browser's
/// `Sec-Fetch-Site` says so, or failing that the `Origin` matches the `Host`.
async fn refuse_cross_origin_writes(req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let headers = req.headers();
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    if is_cross_origin(fetch_site, origin, host) {
        tracing::warn!(?origin, ?fetch_site, "cross-origin write refused");
        return (
            StatusCode::FORBIDDEN,
            "Cross-origin requests cannot change anything here.",
        )
            .into_response();
    }
    next.run(req).await
}

pub fn is_cross_origin(fetch_site: Option<&str>, origin: Option<&str>, host: Option<&str>) -> bool {
    match fetch_site {
        Some("same-origin") | Some("none") => return false,
        Some(_) => return true,
        None => {}
    }
    match (origin, host) {
        (None, _) => false,
        (Some("null"), _) => true,
        (Some(origin), Some(host)) => {
            let origin_host = origin
                .split_once("://")
                .map(|(_, rest)| rest)
                .unwrap_or(origin);
            !origin_host.eq_ignore_ascii_case(host)
        }
        (Some(_), None) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_path_stays_on_this_site() {
        assert_eq!(safe_return_path("/partners?x=1"), "/partners?x=1");
        for evil in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "",
            "evil",
        ] {
            assert_eq!(safe_return_path(evil), "/", "{evil}");
        }
    }

    #[test]
    fn cross_origin_is_judged_by_fetch_metadata_then_origin() {
        assert!(!is_cross_origin(
            Some("same-origin"),
            Some("https://evil"),
            Some("a")
        ));
        assert!(is_cross_origin(Some("cross-site"), None, Some("a")));
        assert!(is_cross_origin(Some("same-site"), None, Some("a")));
        assert!(!is_cross_origin(None, None, Some("a")));
        assert!(!is_cross_origin(
            None,
            Some("http://127.0.0.1:3000"),
            Some("127.0.0.1:3000")
        ));
        assert!(is_cross_origin(
            None,
            Some("http://evil.example"),
            Some("127.0.0.1:3000")
        ));
        assert!(is_cross_origin(None, Some("null"), Some("127.0.0.1:3000")));
    }
}
