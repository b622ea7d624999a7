//! The integration harness: the real app on port 0 with a fresh database, talked to over HTTP.
//! SQLite by default; PostgreSQL when `TEST_DATABASE_URL` names a server (the test script
//! starts a throw-away cluster and sets it), each test in its own new database.
#![allow(dead_code)]
pub mod smtp_sink;
use app::ssr::Db;
use server::app::Application;
use server::config::Config;
use std::collections::HashMap;

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub db: Db,
    pub config: Config,
    _dir: tempfile::TempDir,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request failed")
    }

    /// The HTML of a page, as the holder of `cookie` (if any) sees it.
    pub async fn page_text(&self, path: &str, cookie: Option<&str>) -> String {
        let mut req = self.client.get(self.url(path));
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        req.send()
            .await
            .expect("request failed")
            .text()
            .await
            .expect("body")
    }

    /// A form post as our own pages send it.
    pub async fn post_form(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .header("origin", &self.address)
            .header("sec-fetch-site", "same-origin")
            .form(form)
            .send()
            .await
            .expect("request failed")
    }
}

/// Calls a server function as the hydrated app does (JSON answer), with the cookie given.
pub async fn call(
    app: &TestApp,
    endpoint: &str,
    form: &[(&str, &str)],
    cookie: Option<&str>,
) -> reqwest::Response {
    let mut req = app
        .client
        .post(app.url(&format!("/api/{endpoint}")))
        .header("origin", &app.address)
        .header("accept", "application/json")
        .form(form);
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    req.send().await.expect("request failed")
}

/// The session `Set-Cookie` of a response, if it has one.
pub fn session_cookie(r: &reqwest::Response) -> Option<String> {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("passerelle_session="))
        .map(str::to_string)
}

/// `name=value` of a `Set-Cookie`, as a browser sends it back.
pub fn cookie_pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap_or_default().to_string()
}

/// Signs in and answers the session cookie to send with later requests.
pub async fn sign_in(app: &TestApp, login: &str, password: &str) -> String {
    let r = call(
        app,
        "accounts/login",
        &[("login", login), ("password", password)],
        None,
    )
    .await;
    cookie_pair(&session_cookie(&r).expect("signed in"))
}

async fn fresh_database_url(dir: &std::path::Path) -> String {
    match std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
    {
        Some(server_url) => {
            let name = format!("passerelle_test_{}", uuid::Uuid::new_v4().simple());
            let admin = app::ssr::db::connect(&server_url, 1)
                .await
                .expect("cannot reach TEST_DATABASE_URL");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&admin)
                .await
                .expect("create database");
            admin.close().await;
            let base = server_url
                .rsplit_once('/')
                .map(|(b, _)| b)
                .unwrap_or(&server_url);
            format!("{base}/{name}")
        }
        None => format!("sqlite:{}?mode=rwc", dir.join("test.db").display()),
    }
}

pub fn test_config(dir: &std::path::Path, database_url: &str, extra: &[(&str, &str)]) -> Config {
    let mut vars: HashMap<&str, String> = HashMap::from([
        ("PASSERELLE_DATA_DIR", dir.display().to_string()),
        ("DATABASE_URL", database_url.to_string()),
        ("LEPTOS_SITE_ADDR", "127.0.0.1:0".to_string()),
        ("LEPTOS_SITE_ROOT", dir.join("site").display().to_string()),
        (
            "RUST_LOG",
            std::env::var("RUST_LOG").unwrap_or_else(|_| "warn".into()),
        ),
    ]);
    for (k, v) in extra {
        vars.insert(k, v.to_string());
    }
    Config::from_lookup(|k| vars.get(k).cloned()).expect("test configuration")
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(&[]).await
}

/// The app with extra configuration, e.g. `SMTP_URL` pointing at an `SmtpSink`.
pub async fn spawn_app_with(extra: &[(&str, &str)]) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let database_url = fresh_database_url(dir.path()).await;
    let config = test_config(dir.path(), &database_url, extra);
    server::telemetry::init(&config);
    let db = server::app::open_database(&config).await.expect("database");
    let app = Application::build_with_db(config.clone(), db.clone())
        .await
        .expect("app builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until(std::future::pending()));
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    TestApp {
        address,
        client,
        db,
        config,
        _dir: dir,
    }
}

/// Decodes a quoted-printable body (what lettre uses for mostly-ASCII text).
pub fn decode_quoted_printable(s: &str) -> String {
    let joined = s.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'='
            && i + 2 < bytes.len()
            && let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
