//! Sign-up with an emailed code (seed 001, steps 1–6), read from mail delivered over SMTP:
//! 15-minute expiry, 5 wrong tries void the code, a new code replaces the old, the answer never
//! reveals an existing account, listed addresses are attached at once, limits answer 429.
use crate::common;
use common::{
    TestApp, add_person, call, cookie_pair, count, error_codes, mails_to, nth_mail_to,
    session_cookie, spawn_app, spawn_app_with_mail,
};
use reqwest::StatusCode;

const PASSWORD: &str = "a long walk by the river";

fn signup_cookie(r: &reqwest::Response) -> Option<String> {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("passerelle_signup=") && !c.starts_with("passerelle_signup=;"))
        .map(cookie_pair)
}

async fn request_code(app: &TestApp, email: &str) -> reqwest::Response {
    call(
        app,
        "accounts/request_sign_up_code",
        &[("email", email)],
        None,
    )
    .await
}

async fn verify(app: &TestApp, email: &str, code: &str) -> reqwest::Response {
    call(
        app,
        "accounts/verify_sign_up_code",
        &[("email", email), ("code", code)],
        None,
    )
    .await
}

async fn complete(
    app: &TestApp,
    ticket: &str,
    username: &str,
    password: &str,
) -> reqwest::Response {
    call(
        app,
        "accounts/complete_sign_up",
        &[
            ("username", username),
            ("display_name", "Ana López"),
            ("first_name", "Ana"),
            ("last_name", "López"),
            ("password", password),
        ],
        Some(ticket),
    )
    .await
}

fn ok(r: &reqwest::Response) -> bool {
    r.status().is_success() || r.status().is_redirection()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_up_with_the_code_from_the_mail_creates_the_account_and_signs_in() {
    let (app, sink) = spawn_app_with_mail().await;
    let r = request_code(&app, " Ana@Example.org ").await;
    assert!(ok(&r), "{}", r.status());
    let mail = nth_mail_to(&sink, "ana@example.org", 1).await;
    assert!(mail.raw.contains("15 minutes"), "{}", mail.raw);
    let code = mail.code();

    let r = verify(&app, "ana@example.org", &code).await;
    assert!(ok(&r), "{}", r.status());
    let ticket = signup_cookie(&r).expect("a sign-up ticket cookie");

    let r = complete(&app, &ticket, "ana.lopez", PASSWORD).await;
    assert!(ok(&r), "{}", r.status());
    let session = cookie_pair(&session_cookie(&r).expect("signed in at once"));
    let me: serde_json::Value = call(&app, "accounts/whoami", &[], Some(&session))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["username"], "ana.lopez");
    assert_eq!(
        count(
            &app,
            "users WHERE email = 'ana@example.org' AND status = 'active'"
        )
        .await,
        1
    );
    // The ticket works once.
    let again = complete(&app, &ticket, "ana.other", PASSWORD).await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_codes(again).await, ["_:sign_up_expired"]);
    // Login by username works.
    let r = call(
        &app,
        "accounts/login",
        &[("login", "ana.lopez"), ("password", PASSWORD)],
        None,
    )
    .await;
    assert!(session_cookie(&r).is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_wrong_codes_void_the_code_even_for_the_right_one() {
    let (app, sink) = spawn_app_with_mail().await;
    request_code(&app, "ben@example.org").await;
    let code = nth_mail_to(&sink, "ben@example.org", 1).await.code();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for attempt in 1..=4 {
        let r = verify(&app, "ben@example.org", wrong).await;
        assert_eq!(
            r.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "try {attempt}"
        );
        assert_eq!(error_codes(r).await, ["code:code_wrong"]);
    }
    let fifth = verify(&app, "ben@example.org", wrong).await;
    assert_eq!(error_codes(fifth).await, ["code:code_voided"]);
    let right = verify(&app, "ben@example.org", &code).await;
    assert_eq!(error_codes(right).await, ["code:code_voided"]);
    // "Send a new code" gives a working one.
    request_code(&app, "ben@example.org").await;
    let fresh = nth_mail_to(&sink, "ben@example.org", 2).await.code();
    let r = verify(&app, "ben@example.org", &fresh).await;
    assert!(signup_cookie(&r).is_some(), "{}", r.status());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_code_is_refused_and_a_new_code_replaces_the_old() {
    let (app, sink) = spawn_app_with_mail().await;
    request_code(&app, "cleo@example.org").await;
    let first = nth_mail_to(&sink, "cleo@example.org", 1).await.code();
    request_code(&app, "cleo@example.org").await;
    let second = nth_mail_to(&sink, "cleo@example.org", 2).await.code();
    if first != second {
        let r = verify(&app, "cleo@example.org", &first).await;
        assert_eq!(
            error_codes(r).await,
            ["code:code_wrong"],
            "the old code no longer works"
        );
    }
    // Fifteen minutes pass.
    sqlx::query("UPDATE email_codes SET expires_at = expires_at - 15 * 60 * 1000")
        .execute(&app.db)
        .await
        .unwrap();
    let r = verify(&app, "cleo@example.org", &second).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_codes(r).await, ["code:code_expired"]);
    assert_eq!(count(&app, "users").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_existing_address_gets_the_same_answer_and_a_mail_saying_so() {
    let (app, sink) = spawn_app_with_mail().await;
    add_person(&app, "dora@example.org", "dora", PASSWORD).await;
    let known = request_code(&app, "dora@example.org").await;
    let unknown = request_code(&app, "eve@example.org").await;
    assert_eq!(known.status(), unknown.status());
    assert_eq!(known.text().await.unwrap(), unknown.text().await.unwrap());
    let mail = nth_mail_to(&sink, "dora@example.org", 1).await;
    assert!(mail.body.contains("déjà un compte"), "{}", mail.body);
    assert!(mail.body.contains("/forgot"), "{}", mail.body);
    assert_eq!(
        count(&app, "email_codes WHERE email = 'dora@example.org'").await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_addresses_passwords_and_taken_usernames_are_refused_with_field_errors() {
    let (app, sink) = spawn_app_with_mail().await;
    let r = request_code(&app, "not-an-address").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_codes(r).await, ["email:email_malformed"]);
    let long = format!("{}@example.org", "a".repeat(250));
    assert_eq!(
        error_codes(request_code(&app, &long).await).await,
        ["email:email_too_long"]
    );

    add_person(&app, "taken@example.org", "taken.name", PASSWORD).await;
    request_code(&app, "fay@example.org").await;
    let code = nth_mail_to(&sink, "fay@example.org", 1).await.code();
    let ticket = signup_cookie(&verify(&app, "fay@example.org", &code).await).unwrap();
    let r = complete(&app, &ticket, "Taken.Name", "password").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let codes = error_codes(r).await;
    assert!(
        codes.contains(&"username:username_taken".to_string()),
        "{codes:?}"
    );
    assert!(
        codes.contains(&"password:password_common".to_string()),
        "{codes:?}"
    );
    let r = complete(&app, &ticket, "fay", "short").await;
    assert_eq!(error_codes(r).await, ["password:password_too_short"]);
    assert_eq!(count(&app, "users").await, 1, "nothing half-written");
    // The ticket was not used by the failed tries.
    let r = complete(&app, &ticket, "fay", PASSWORD).await;
    assert!(ok(&r), "{}", r.status());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_address_listed_by_an_administrator_is_attached_at_sign_up() {
    let (app, sink) = spawn_app_with_mail().await;
    let admin = add_person(&app, "boss@example.org", "boss", PASSWORD).await;
    let boss = common::sign_in(&app, "boss", PASSWORD).await;
    let r = call(
        &app,
        "organisations/create",
        &[
            ("legal_name", "Eau Vive"),
            ("country", "SN"),
            ("kind", "national_ngo"),
        ],
        Some(&boss),
    )
    .await;
    assert!(ok(&r), "{}", r.status());
    let org: i64 = sqlx::query_scalar("SELECT id FROM organisations WHERE legal_name = 'Eau Vive'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let org_s = org.to_string();
    let r = call(
        &app,
        "organisations/add_member",
        &[
            ("organisation_id", &org_s),
            ("name", "Gil"),
            ("email", "gil@example.org"),
            ("role", "editor"),
        ],
        Some(&boss),
    )
    .await;
    assert!(ok(&r), "{}", r.status());
    let invite = nth_mail_to(&sink, "gil@example.org", 1).await;
    assert!(invite.body.contains("/sign-up"), "{}", invite.body);

    request_code(&app, "gil@example.org").await;
    let code = nth_mail_to(&sink, "gil@example.org", 2).await.code();
    let ticket = signup_cookie(&verify(&app, "gil@example.org", &code).await).unwrap();
    assert!(ok(&complete(&app, &ticket, "gil", PASSWORD).await));
    let gil: i64 = sqlx::query_scalar("SELECT id FROM users WHERE username = 'gil'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(
        app::organisations::repo::role_of(&app.db, org, gil)
            .await
            .unwrap(),
        Some(app::organisations::domain::MemberRole::Editor)
    );
    assert!(admin > 0);
    assert_eq!(mails_to(&sink, "gil@example.org").len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn asking_for_codes_too_often_is_answered_with_429() {
    let app = spawn_app().await;
    for _ in 0..5 {
        assert!(ok(&request_code(&app, "hal@example.org").await));
    }
    let r = request_code(&app, "hal@example.org").await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        count(&app, "email_codes WHERE email = 'hal@example.org'").await,
        5
    );
}
