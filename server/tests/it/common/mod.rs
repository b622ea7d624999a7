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

/// A multipart body (form fields, then files as (field, file name, bytes)) and its content type.
pub fn multipart_body(fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "passerelle-test-boundary-7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    for (name, file_name, bytes) in files {
        body.extend(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend(*bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// Posts files to an upload server function, as a page's JavaScript would (JSON answers).
pub async fn upload(
    app: &TestApp,
    endpoint: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &str, &[u8])],
    cookie: Option<&str>,
) -> reqwest::Response {
    let (content_type, body) = multipart_body(fields, files);
    let mut req = app
        .client
        .post(app.url(&format!("/api/{endpoint}")))
        .header("origin", &app.address)
        .header("accept", "application/json")
        .header("content-type", content_type)
        .body(body);
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
    spawn(extra, true).await
}

/// The app serving requests only (no background workers): what a request alone did stays in
/// the database for the test to see.
pub async fn spawn_app_without_workers() -> TestApp {
    spawn(&[], false).await
}

async fn spawn(extra: &[(&str, &str)], workers: bool) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let database_url = fresh_database_url(dir.path()).await;
    let config = test_config(dir.path(), &database_url, extra);
    server::telemetry::init(&config);
    let db = server::app::open_database(&config).await.expect("database");
    let mut app = Application::build_with_db(config.clone(), db.clone())
        .await
        .expect("app builds");
    if !workers {
        app = app.without_workers();
    }
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

/// A second instance of Passerelle on the same database (as behind a load balancer).
pub async fn another_instance(app: &TestApp) -> TestApp {
    let second = Application::build_with_db(app.config.clone(), app.db.clone())
        .await
        .expect("second instance builds");
    let address = format!("http://127.0.0.1:{}", second.port());
    tokio::spawn(second.run_until(std::future::pending()));
    TestApp {
        address,
        client: app.client.clone(),
        db: app.db.clone(),
        config: app.config.clone(),
        _dir: tempfile::tempdir().expect("temp dir"),
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

/// The app with a real SMTP sink as its mail server.
pub async fn spawn_app_with_mail() -> (TestApp, smtp_sink::SmtpSink) {
    let sink = smtp_sink::SmtpSink::start().await;
    let app = spawn_app_with(&[("SMTP_URL", &sink.url())]).await;
    (app, sink)
}

/// A decoded mail: subject line and body.
#[derive(Debug, Clone)]
pub struct Mail {
    pub raw: String,
    pub body: String,
}

impl Mail {
    /// The 6-digit code in the body.
    pub fn code(&self) -> String {
        self.body
            .split(|c: char| !c.is_ascii_digit())
            .find(|w| w.len() == 6)
            .unwrap_or_else(|| panic!("no code in {}", self.body))
            .to_string()
    }

    /// The path and query of the first link to `path` in the body (the host is the configured
    /// public address, not the test's port).
    pub fn link(&self, path: &str) -> String {
        let start = self
            .body
            .find(path)
            .unwrap_or_else(|| panic!("no link to {path} in {}", self.body));
        self.body[start..]
            .split(|c: char| c.is_whitespace())
            .next()
            .unwrap()
            .to_string()
    }
}

fn decode(d: &smtp_sink::Delivered) -> Mail {
    let raw = decode_quoted_printable(&d.data);
    let body = raw
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_else(|| raw.clone());
    Mail { raw, body }
}

/// Every mail delivered to `address` so far.
pub fn mails_to(sink: &smtp_sink::SmtpSink, address: &str) -> Vec<Mail> {
    sink.messages()
        .iter()
        .filter(|m| m.to.iter().any(|t| t == address))
        .map(decode)
        .collect()
}

/// Waits (up to 10 s) for the `n`-th mail to `address` and answers it.
pub async fn nth_mail_to(sink: &smtp_sink::SmtpSink, address: &str, n: usize) -> Mail {
    for _ in 0..200 {
        let mails = mails_to(sink, address);
        if mails.len() >= n {
            return mails[n - 1].clone();
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!(
        "mail {n} to {address} never came; got {:?}",
        sink.messages()
            .iter()
            .map(|m| m.to.clone())
            .collect::<Vec<_>>()
    );
}

/// Adds a person straight into the database (status `active` or `pending`); answers their id.
pub async fn add_person(app: &TestApp, email: &str, username: &str, password: &str) -> i64 {
    let address = app::fields::EmailAddress::parse(email).unwrap();
    let hash = app::ssr::passwords::hash_password(password.into())
        .await
        .unwrap();
    app::accounts::repo::insert_user(
        &app.db,
        &app::accounts::repo::NewUser {
            email: &address,
            username,
            display_name: username,
            first_name: username,
            last_name: "Test",
            password_hash: &hash,
            locale: "fr",
            status: "active",
            newsletter: false,
        },
    )
    .await
    .unwrap()
}

/// Grants a staff role straight into the database.
pub async fn grant(app: &TestApp, user_id: i64, role: &str, scope: &str) {
    app::accounts::repo::grant_staff_role(&app.db, user_id, role, scope)
        .await
        .unwrap();
}

/// The field error codes of a JSON error answer (`AppError::Invalid`), or the error's name.
pub async fn error_codes(r: reqwest::Response) -> Vec<String> {
    let v: serde_json::Value = r.json().await.expect("json error");
    match v.get("Invalid").and_then(|i| i.as_array()) {
        Some(list) => list
            .iter()
            .map(|e| {
                format!(
                    "{}:{}",
                    e["field"].as_str().unwrap(),
                    e["code"].as_str().unwrap()
                )
            })
            .collect(),
        None => vec![v.to_string()],
    }
}

/// Counts rows of a table matching a condition (test assertions on what the database holds).
/// The id of the account named `username`.
pub async fn user_id(app: &TestApp, username: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM users WHERE username = $1")
        .bind(username)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// Accreditation officers: each `(username, duty station)` is granted the role there.
pub async fn grant_officers(app: &TestApp, officers: &[(&str, &str)]) {
    for (username, station) in officers {
        grant(
            app,
            user_id(app, username).await,
            "accreditation_officer",
            station,
        )
        .await;
    }
}

/// A national NGO created by the signed-in `cookie` (its administrator) and given special
/// consultative status: its id.
pub async fn consultative_organisation(app: &TestApp, cookie: &str, name: &str) -> String {
    call(
        app,
        "organisations/create",
        &[
            ("legal_name", name),
            ("country", "SN"),
            ("kind", "national_ngo"),
        ],
        Some(cookie),
    )
    .await;
    let id: i64 = sqlx::query_scalar(
        "UPDATE organisations SET consultative_status = 'special', consultative_since = 2010
         WHERE legal_name = $1 RETURNING id",
    )
    .bind(name)
    .fetch_one(&app.db)
    .await
    .unwrap();
    id.to_string()
}

pub async fn count(app: &TestApp, sql_from_where: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {sql_from_where}"))
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// A complete, valid designation form (accreditation) for organisation `org`.
pub fn designation_form(
    org: &str,
    station: &str,
    rep: &str,
    first: &str,
    last: &str,
) -> Vec<(String, String)> {
    use chrono::Datelike;
    let today = app::ssr::db::today();
    [
        ("organisation_id", org.to_string()),
        ("duty_station", station.into()),
        ("pass_kind", "annual".into()),
        ("representative_type", rep.into()),
        ("valid_from", today.to_string()),
        ("valid_until", format!("{}-12-31", today.year())),
        ("communication_preference", "email".into()),
        ("title", "ms".into()),
        ("first_name", first.into()),
        ("last_name", last.into()),
        ("address_street", "Rue de Lausanne 1".into()),
        ("address_city", "Genève".into()),
        ("country", "CH".into()),
        ("phone", "+41 22 917 12 34".into()),
        ("email", format!("{}@example.org", first.to_lowercase())),
        ("place_of_birth", "Dakar".into()),
        ("nationality", "SN".into()),
        ("date_of_birth", "1980-05-17".into()),
        ("sex", "female".into()),
        ("position", "Chargée de plaidoyer".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// What came back from a raw HTTP/1.1 request: the status and the body, or `None` when the
/// connection was dropped without an answer (a panicking handler).
pub async fn raw_request(app: &TestApp, request: &[u8]) -> Option<(u16, String)> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = app.address.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(addr).await.ok()?;
    // A server may answer (413) and close before the whole body is sent: the answer is read
    // even when the rest of the body could not be written.
    let _ = stream.write_all(request).await;
    // Read until the answer is whole (its head, then Content-Length bytes) or the server closes:
    // a server that answered early need not close at once.
    let mut answer = Vec::new();
    let whole = |a: &[u8]| {
        let text = String::from_utf8_lossy(a);
        let Some((head, body)) = text.split_once("\r\n\r\n") else {
            return false;
        };
        head.lines()
            .find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case("content-length")
                    .then(|| v.trim().parse::<usize>().ok())?
            })
            .is_some_and(|n| body.len() >= n)
    };
    let read = tokio::time::timeout(std::time::Duration::from_secs(20), async {
        let mut buf = [0_u8; 8192];
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    answer.extend_from_slice(&buf[..n]);
                    if whole(&answer) {
                        break;
                    }
                }
            }
        }
    })
    .await;
    if read.is_err() && answer.is_empty() {
        return None;
    }
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text.split(' ').nth(1)?.parse().ok()?;
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    Some((status, body))
}

/// A request head for `raw_request` (same-origin, closing the connection after the answer).
pub fn raw_head(app: &TestApp, method: &str, path: &str, headers: &[(&str, &str)]) -> Vec<u8> {
    let host = app.address.trim_start_matches("http://");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nOrigin: {}\r\nConnection: close\r\n",
        app.address
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    head.into_bytes()
}

/// The panics of server code in this test process so far (on the runtime's worker threads,
/// where every app under test serves; a failed assertion of a test runs on the test's own
/// thread and is not counted): a handler that panics is a bug even when the client gets an
/// answer.
pub fn server_panics() -> Vec<String> {
    use std::sync::Mutex;
    static PANICS: Mutex<Vec<String>> = Mutex::new(Vec::new());
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() == Some("tokio-runtime-worker") {
                let line = format!("{info}");
                if let Ok(mut p) = PANICS.lock() {
                    p.push(line);
                }
            }
            previous(info);
        }));
    });
    PANICS.lock().map(|p| p.clone()).unwrap_or_default()
}

/// A PDF the upload checks accept.
pub const TEST_PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// Answers of every section that make a partner profile complete (`governing_document`: the
/// id of the organisation's uploaded document), as the section forms post them.
pub fn complete_sections(
    governing_document: &str,
) -> Vec<(&'static str, Vec<(&'static str, String)>)> {
    let s = |pairs: &[(&'static str, &str)]| -> Vec<(&'static str, String)> {
        pairs.iter().map(|(k, v)| (*k, v.to_string())).collect()
    };
    vec![
        ("identification", {
            let mut v = s(&[
                ("year_established", "1998"),
                ("registered", "no"),
                ("not_registered_reason", "Dossier en cours"),
            ]);
            v.push(("governing_document", governing_document.to_string()));
            v
        }),
        (
            "contacts",
            s(&[
                ("address", "Rue 10, Dakar"),
                ("phone", "+221 33 123 45 67"),
                ("email", "contact@femmes-dev.example"),
                ("head_name", "Awa Diop"),
                ("head_title", "Présidente"),
                ("board", "no"),
                ("authorised_officers", "Awa Diop, présidente"),
                ("working_languages[]", "fr"),
                ("working_languages[]", "en"),
            ]),
        ),
        (
            "mandate",
            s(&[
                ("background", "Créée en 1998."),
                ("mandate", "Droits des femmes."),
                ("governance", "Assemblée générale."),
                ("populations[]", "women_girls"),
                ("sectors[]", "health"),
                ("sectors[]", "gender_equality"),
                ("experience", "over_10"),
                ("countries_of_operation[]", "SN"),
                ("countries_of_operation[]", "ML"),
                ("safeguarding_policy", "no"),
                ("safeguarding_policy_comment", "En préparation"),
                ("anti_fraud_policy", "no"),
                ("anti_fraud_policy_comment", "En préparation"),
            ]),
        ),
        (
            "funding",
            s(&[
                ("budget_this_year", "100k_250k"),
                ("budget_last_year", "100k_250k"),
                ("budget_two_years_ago", "50k_100k"),
                ("main_donors", "UNFPA, AFD"),
                ("core_funding", "foundations"),
            ]),
        ),
        (
            "collaboration",
            s(&[
                ("un_partner", "no"),
                ("references", "Ministère de la Femme"),
            ]),
        ),
        (
            "implementation",
            s(&[
                ("results_based_management", "yes"),
                ("monitoring_evaluation", "yes"),
                ("feedback_mechanism", "yes"),
                ("segregation_of_duties", "yes"),
                ("bank_account", "yes"),
                ("audited", "no"),
                ("key_results", "2 000 femmes formées."),
            ]),
        ),
        ("other", s(&[("data_confirmed", "yes")])),
    ]
}

/// Completes organisation `id`'s partner profile as its editor `cookie`: the governing
/// document uploaded, then every section saved.
pub async fn complete_partner_profile(app: &TestApp, cookie: &str, id: i64) {
    let org = id.to_string();
    let r = upload(
        app,
        "uploads/partner_documents",
        &[("organisation_id", &org)],
        &[("partner_governing_document", "statuts.pdf", TEST_PDF)],
        Some(cookie),
    )
    .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    let file: i64 = sqlx::query_scalar(
        "SELECT id FROM uploads WHERE organisation_id = $1 AND purpose = 'partner_governing_document' AND replaced_at IS NULL",
    )
    .bind(id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    for (section, fields) in complete_sections(&file.to_string()) {
        let version: i64 =
            sqlx::query_scalar("SELECT version FROM partner_profiles WHERE organisation_id = $1")
                .bind(id)
                .fetch_optional(&app.db)
                .await
                .unwrap()
                .unwrap_or(0);
        let version = version.to_string();
        let mut form: Vec<(&str, &str)> = vec![
            ("organisation_id", &org),
            ("section", section),
            ("version", &version),
        ];
        form.extend(fields.iter().map(|(k, v)| (*k, v.as_str())));
        let r = call(app, "partners/save_section", &form, Some(cookie)).await;
        assert!(
            r.status().is_success() || r.status().is_redirection(),
            "{section}: {}",
            r.status()
        );
    }
}

/// The agencies' dashboard figures the triggers keep (`partner_figures`) equal a count over
/// every partner search row, figure by figure: what each test that changes profiles ends with.
pub async fn assert_partner_figures_hold(app: &TestApp) {
    let kept: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT figure, kind, value, n FROM partner_figures WHERE n <> 0
         ORDER BY figure, kind, value",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    let counted: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT figure, kind, value, CAST(COUNT(*) AS BIGINT) FROM (
            SELECT 'completeness' AS figure, kind, CAST(completeness AS TEXT) AS value
                FROM partner_search WHERE NOT archived
            UNION ALL SELECT 'created', kind, CAST(created_month AS TEXT)
                FROM partner_search WHERE NOT archived
            UNION ALL SELECT 'psea', kind, COALESCE(psea_rating, 'none')
                FROM partner_search WHERE NOT archived
            UNION ALL SELECT 'verified', kind, COALESCE(CAST(verified AS TEXT), 'never')
                FROM partner_search WHERE NOT archived
         ) c GROUP BY figure, kind, value ORDER BY figure, kind, value",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(kept, counted, "the kept figures are the counted ones");
    assert!(!kept.is_empty());
}
