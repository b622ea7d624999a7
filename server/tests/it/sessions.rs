//! Signing in and out over HTTP: sessions in the database, rotated at login, cookies HttpOnly +
//! SameSite=Lax (+ Secure over https), one answer for unknown accounts and wrong passwords,
//! idle timeout, a burst of logins answered with 429, and forms that work without JavaScript.
use crate::common;
use app::fields::EmailAddress;
use common::{TestApp, call, cookie_pair, session_cookie, sign_in, spawn_app, spawn_app_with};
use reqwest::StatusCode;

const PASSWORD: &str = "blue lagoon at dawn";

async fn with_user(app: &TestApp, email: &str) -> i64 {
    let email = EmailAddress::parse(email).unwrap();
    server::commands::create_admin(&app.db, &email, PASSWORD.into())
        .await
        .unwrap();
    app::accounts::repo::find_user_id_by_email(&app.db, &email)
        .await
        .unwrap()
        .unwrap()
}

async fn whoami(app: &TestApp, cookie: Option<&str>) -> serde_json::Value {
    call(app, "accounts/whoami", &[], cookie)
        .await
        .json()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_by_email_opens_a_session_with_a_safe_cookie() {
    let app = spawn_app().await;
    let id = with_user(&app, "ana@example.org").await;
    let r = call(
        &app,
        "accounts/login",
        &[("login", " Ana@Example.org "), ("password", PASSWORD)],
        None,
    )
    .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    let set = session_cookie(&r).expect("a session cookie");
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Lax") && set.contains("Path=/"),
        "{set}"
    );
    assert!(!set.contains("Secure"), "plain http in tests: {set}");
    assert!(
        !set.contains("Max-Age"),
        "without remember me the cookie ends with the browser: {set}"
    );
    let me = whoami(&app, Some(&cookie_pair(&set))).await;
    assert_eq!(me["id"], id);
    // The database keeps only a hash of the token.
    let token = cookie_pair(&set).split('=').nth(1).unwrap().to_string();
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE id_hash = $1")
        .bind(&token)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(stored, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_by_username_with_remember_me_lasts_30_days() {
    let app = spawn_app().await;
    let id = with_user(&app, "bo@example.org").await;
    sqlx::query("UPDATE users SET username = 'bo_admin' WHERE id = $1")
        .bind(id)
        .execute(&app.db)
        .await
        .unwrap();
    let r = call(
        &app,
        "accounts/login",
        &[
            ("login", "bo_admin"),
            ("password", PASSWORD),
            ("remember", "on"),
        ],
        None,
    )
    .await;
    let set = session_cookie(&r).expect("a session cookie");
    assert!(set.contains("Max-Age=2592000"), "{set}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_account_and_wrong_password_get_the_same_answer() {
    let app = spawn_app().await;
    with_user(&app, "cy@example.org").await;
    let wrong = call(
        &app,
        "accounts/login",
        &[
            ("login", "cy@example.org"),
            ("password", "not the password"),
        ],
        None,
    )
    .await;
    let unknown = call(
        &app,
        "accounts/login",
        &[
            ("login", "nobody@example.org"),
            ("password", "not the password"),
        ],
        None,
    )
    .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unknown.status(), wrong.status());
    assert!(session_cookie(&wrong).is_none());
    let (a, b) = (wrong.text().await.unwrap(), unknown.text().await.unwrap());
    assert_eq!(a, b);
    assert!(a.contains("login_failed"), "{a}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_session_id_changes_at_login_and_the_old_one_dies() {
    let app = spawn_app().await;
    with_user(&app, "di@example.org").await;
    let first = sign_in(&app, "di@example.org", PASSWORD).await;
    let second = call(
        &app,
        "accounts/login",
        &[("login", "di@example.org"), ("password", PASSWORD)],
        Some(&first),
    )
    .await;
    let second = cookie_pair(&session_cookie(&second).unwrap());
    assert_ne!(first, second);
    assert!(
        whoami(&app, Some(&first)).await.is_null(),
        "the previous session is gone"
    );
    assert!(!whoami(&app, Some(&second)).await.is_null());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logout_ends_the_session_and_clears_the_cookie() {
    let app = spawn_app().await;
    with_user(&app, "ed@example.org").await;
    let cookie = sign_in(&app, "ed@example.org", PASSWORD).await;
    let out = call(&app, "accounts/logout", &[], Some(&cookie)).await;
    assert!(session_cookie(&out).unwrap().contains("Max-Age=0"));
    assert!(whoami(&app, Some(&cookie)).await.is_null());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_session_expires_after_30_minutes() {
    let app = spawn_app().await;
    with_user(&app, "fa@example.org").await;
    let cookie = sign_in(&app, "fa@example.org", PASSWORD).await;
    assert!(!whoami(&app, Some(&cookie)).await.is_null());
    let thirty_one_minutes = 31 * 60 * 1000_i64;
    sqlx::query("UPDATE sessions SET last_seen_at = last_seen_at - $1")
        .bind(thirty_one_minutes)
        .execute(&app.db)
        .await
        .unwrap();
    assert!(whoami(&app, Some(&cookie)).await.is_null());
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(left, 0, "the expired session is deleted");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_survive_a_restart_of_the_server() {
    let app = spawn_app().await;
    with_user(&app, "gu@example.org").await;
    let cookie = sign_in(&app, "gu@example.org", PASSWORD).await;
    // A second instance on the same database knows the session.
    let other = server::app::Application::build_with_db(app.config.clone(), app.db.clone())
        .await
        .unwrap();
    let address = format!("http://127.0.0.1:{}", other.port());
    tokio::spawn(other.run_until(std::future::pending()));
    let me: serde_json::Value = app
        .client
        .post(format!("{address}/api/accounts/whoami"))
        .header("origin", &address)
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(!me.is_null());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_logins_on_one_account_is_answered_with_429() {
    let app = spawn_app().await;
    with_user(&app, "hu@example.org").await;
    let mut statuses = vec![];
    for _ in 0..6 {
        let r = call(
            &app,
            "accounts/login",
            &[("login", "hu@example.org"), ("password", "guessing again")],
            None,
        )
        .await;
        statuses.push(r.status());
    }
    assert_eq!(&statuses[..5], &[StatusCode::UNPROCESSABLE_ENTITY; 5]);
    assert_eq!(statuses[5], StatusCode::TOO_MANY_REQUESTS);
    // Even the right password waits for the window to pass.
    let r = call(
        &app,
        "accounts/login",
        &[("login", "hu@example.org"), ("password", PASSWORD)],
        None,
    )
    .await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.text().await.unwrap().contains("RateLimited"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_one_database_share_the_login_limit() {
    let first = spawn_app().await;
    let second = common::another_instance(&first).await;
    with_user(&first, "jo@example.org").await;
    async fn guess(app: &TestApp) -> reqwest::Response {
        call(
            app,
            "accounts/login",
            &[("login", "jo@example.org"), ("password", "guessing again")],
            None,
        )
        .await
    }
    // Five wrong passwords spread over the two instances spend the account's allowance.
    for app in [&first, &second, &first, &second, &first] {
        assert_eq!(guess(app).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    assert_eq!(guess(&second).await.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(guess(&first).await.status(), StatusCode::TOO_MANY_REQUESTS);
    // A login typed at length is limited too (its key is stored by hash), and is no 500.
    let long = "x".repeat(2000);
    let r = call(
        &first,
        "accounts/login",
        &[("login", long.as_str()), ("password", "guessing")],
        None,
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_https_cookies_are_secure_and_hsts_is_sent() {
    let app = spawn_app_with(&[("PASSERELLE_PUBLIC_URL", "https://passerelle.example.org")]).await;
    with_user(&app, "io@example.org").await;
    let r = call(
        &app,
        "accounts/login",
        &[("login", "io@example.org"), ("password", PASSWORD)],
        None,
    )
    .await;
    assert!(session_cookie(&r).unwrap().ends_with("; Secure"));
    let page = app.get("/").await;
    assert_eq!(
        page.headers()["strict-transport-security"],
        "max-age=31536000; includeSubDomains"
    );
    let locale = app
        .post_form("/locale", &[("locale", "en"), ("return_to", "/")])
        .await;
    assert!(
        locale.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .ends_with("; Secure")
    );
    let plain = spawn_app().await.get("/").await;
    assert!(
        plain.headers().get("strict-transport-security").is_none(),
        "no HSTS over plain http"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_a_failed_login_returns_to_the_form_with_its_errors() {
    let app = spawn_app().await;
    with_user(&app, "jo@example.org").await;
    let r = app
        .client
        .post(app.url("/api/accounts/login"))
        .header("origin", &app.address)
        .header("accept", "text/html")
        .header("referer", app.url("/login"))
        .form(&[("login", "jo@example.org"), ("password", "wrong password")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let location = r.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(
        location,
        "/login?errors=password:login_failed&form=/api/accounts/login"
    );
    let page = app
        .client
        .get(app.url(&location))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    let html = page.text().await.unwrap();
    assert!(
        html.contains("There is a problem with the form"),
        "error summary at the top"
    );
    assert!(
        html.contains(r##"<a href="#signin-password">Password: wrong login or password."##),
        "summary links to the field"
    );
    assert!(
        html.contains(r#"id="signin-password-error""#),
        "message next to the field"
    );

    // And a successful one goes home, signed in.
    let ok = app
        .client
        .post(app.url("/api/accounts/login"))
        .header("origin", &app.address)
        .header("accept", "text/html")
        .header("referer", app.url("/login"))
        .form(&[("login", "jo@example.org"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert!(ok.status().is_redirection());
    assert_eq!(ok.headers()["location"], "/");
    let cookie = cookie_pair(&session_cookie(&ok).unwrap());
    let home = app
        .client
        .get(app.url("/"))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        home.contains(r#"data-testid="signed-in-name""#),
        "the header shows who is signed in"
    );
}
