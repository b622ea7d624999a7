//! Forgotten login details: a single-use link valid one hour, mailed; the same answer for known
//! and unknown addresses; the organisation's headquarters address recovers its administrators.
use crate::common;
use common::{
    add_person, call, count, error_codes, mails_to, nth_mail_to, sign_in, spawn_app_with_mail,
};
use reqwest::StatusCode;

const OLD: &str = "an old and tired phrase";
const NEW: &str = "a brand new morning song";

fn token_of(link: &str) -> String {
    link.split("token=").nth(1).unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_link_from_the_mail_sets_a_new_password_once() {
    let (app, sink) = spawn_app_with_mail().await;
    add_person(&app, "ines@example.org", "ines", OLD).await;
    let old_session = sign_in(&app, "ines", OLD).await;
    let r = call(
        &app,
        "accounts/request_password_reset",
        &[("email", "Ines@example.org")],
        None,
    )
    .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    let mail = nth_mail_to(&sink, "ines@example.org", 1).await;
    assert!(
        mail.body.contains("ines"),
        "the username is recalled: {}",
        mail.body
    );
    assert!(!mail.body.contains(OLD), "passwords are never mailed");
    let token = token_of(&mail.link("/reset-password?token="));

    let r = call(
        &app,
        "accounts/reset_password",
        &[("token", &token), ("password", NEW)],
        None,
    )
    .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    // Old password no longer works, the new one does, old sessions are closed.
    let r = call(
        &app,
        "accounts/login",
        &[("login", "ines"), ("password", OLD)],
        None,
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    sign_in(&app, "ines", NEW).await;
    let me: serde_json::Value = call(&app, "accounts/whoami", &[], Some(&old_session))
        .await
        .json()
        .await
        .unwrap();
    assert!(me.is_null(), "the old session ended: {me}");
    // A reused link is refused.
    let again = call(
        &app,
        "accounts/reset_password",
        &[("token", &token), ("password", OLD)],
        None,
    )
    .await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_codes(again).await, ["_:reset_link_used"]);
    // A mail tells the person their password changed.
    let notice = nth_mail_to(&sink, "ines@example.org", 2).await;
    assert!(notice.raw.contains("mot de passe"), "{}", notice.raw);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_link_and_a_weak_password_are_refused() {
    let (app, sink) = spawn_app_with_mail().await;
    add_person(&app, "jo@example.org", "jo", OLD).await;
    call(
        &app,
        "accounts/request_password_reset",
        &[("email", "jo@example.org")],
        None,
    )
    .await;
    let token = token_of(
        &nth_mail_to(&sink, "jo@example.org", 1)
            .await
            .link("/reset-password?token="),
    );
    let weak = call(
        &app,
        "accounts/reset_password",
        &[("token", &token), ("password", "123456789")],
        None,
    )
    .await;
    assert_eq!(error_codes(weak).await, ["password:password_common"]);
    sqlx::query("UPDATE password_resets SET expires_at = expires_at - 3600 * 1000")
        .execute(&app.db)
        .await
        .unwrap();
    let late = call(
        &app,
        "accounts/reset_password",
        &[("token", &token), ("password", NEW)],
        None,
    )
    .await;
    assert_eq!(error_codes(late).await, ["_:reset_link_expired"]);
    let forged = call(
        &app,
        "accounts/reset_password",
        &[("token", &"f".repeat(64)), ("password", NEW)],
        None,
    )
    .await;
    assert_eq!(error_codes(forged).await, ["_:reset_link_used"]);
    sign_in(&app, "jo", OLD).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_addresses_get_the_same_answer_and_no_mail() {
    let (app, sink) = spawn_app_with_mail().await;
    add_person(&app, "kim@example.org", "kim", OLD).await;
    let known = call(
        &app,
        "accounts/request_password_reset",
        &[("email", "kim@example.org")],
        None,
    )
    .await;
    let unknown = call(
        &app,
        "accounts/request_password_reset",
        &[("email", "nobody@example.org")],
        None,
    )
    .await;
    assert_eq!(known.status(), unknown.status());
    assert_eq!(
        known.headers().get("location"),
        unknown.headers().get("location")
    );
    assert_eq!(known.text().await.unwrap(), unknown.text().await.unwrap());
    nth_mail_to(&sink, "kim@example.org", 1).await;
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    assert!(mails_to(&sink, "nobody@example.org").is_empty());
    assert_eq!(count(&app, "password_resets").await, 1);
    let bad = call(
        &app,
        "accounts/request_password_reset",
        &[("email", "kim@")],
        None,
    )
    .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_headquarters_address_recovers_the_administrators_accounts() {
    let (app, sink) = spawn_app_with_mail().await;
    add_person(&app, "lea@example.org", "lea", OLD).await;
    let lea = sign_in(&app, "lea", OLD).await;
    call(
        &app,
        "organisations/create",
        &[
            ("legal_name", "Terre Solidaire"),
            ("country", "FR"),
            ("kind", "national_ngo"),
            ("email", "siege@terre.example"),
        ],
        Some(&lea),
    )
    .await;
    call(
        &app,
        "accounts/request_password_reset",
        &[("email", "siege@terre.example")],
        None,
    )
    .await;
    let mail = nth_mail_to(&sink, "siege@terre.example", 1).await;
    assert!(
        mail.body.contains("Terre Solidaire") && mail.body.contains("lea"),
        "{}",
        mail.body
    );
    let token = token_of(&mail.link("/reset-password?token="));
    let r = call(
        &app,
        "accounts/reset_password",
        &[("token", &token), ("password", NEW)],
        None,
    )
    .await;
    assert!(r.status().is_success() || r.status().is_redirection());
    sign_in(&app, "lea", NEW).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reset_requests_for_one_address_are_limited() {
    let (app, _sink) = spawn_app_with_mail().await;
    for _ in 0..3 {
        call(
            &app,
            "accounts/request_password_reset",
            &[("email", "max@example.org")],
            None,
        )
        .await;
    }
    let r = call(
        &app,
        "accounts/request_password_reset",
        &[("email", "max@example.org")],
        None,
    )
    .await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
}

/// The request does the same work for a known and an unknown address (one queued request, no
/// link, no mail): its answer and its timing cannot tell them apart. The worker then sends
/// links for the known address only.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_request_does_the_same_work_whether_the_address_is_known_or_not() {
    let app = common::spawn_app_without_workers().await;
    add_person(&app, "kim@example.org", "kim", OLD).await;
    let mut answers = vec![];
    for email in ["kim@example.org", "nobody@example.org"] {
        let jobs_before = count(&app, "mail_jobs").await;
        let r = call(
            &app,
            "accounts/request_password_reset",
            &[("email", email)],
            None,
        )
        .await;
        answers.push((
            r.status(),
            r.headers().get("location").cloned(),
            r.text().await.unwrap(),
        ));
        assert_eq!(
            count(&app, &format!("reset_requests WHERE email = '{email}'")).await,
            1,
            "{email}: one queued request"
        );
        assert_eq!(
            count(&app, "password_resets").await,
            0,
            "{email}: no link yet"
        );
        assert_eq!(
            count(&app, "mail_jobs").await,
            jobs_before,
            "{email}: no mail yet"
        );
    }
    assert_eq!(answers[0], answers[1]);

    let taken = app::accounts::recovery::process_requests(&app.db, "http://passerelle.test")
        .await
        .unwrap();
    assert_eq!(taken, 2);
    assert_eq!(count(&app, "reset_requests").await, 0);
    assert_eq!(
        count(&app, "password_resets").await,
        1,
        "the known address only"
    );
    assert_eq!(
        count(&app, "mail_jobs WHERE to_address = 'kim@example.org'").await,
        1
    );
    assert_eq!(
        count(&app, "mail_jobs WHERE to_address = 'nobody@example.org'").await,
        0
    );
    // Taken once: a second pass finds nothing.
    let again = app::accounts::recovery::process_requests(&app.db, "http://passerelle.test")
        .await
        .unwrap();
    assert_eq!(again, 0);
}
