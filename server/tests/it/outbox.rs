//! The outbox (mail kept when no SMTP server is configured) is readable by platform
//! administrators only, newest first, 50 a page.
use crate::common;
use app::fields::EmailAddress;
use app::locale::Language;
use common::{TestApp, call, sign_in, spawn_app};
use reqwest::StatusCode;

const PASSWORD: &str = "quiet harbour lights";

async fn outbox(app: &TestApp, cookie: Option<&str>, before: Option<i64>) -> reqwest::Response {
    let before = before.map(|b| b.to_string());
    let form: Vec<(&str, &str)> = before.iter().map(|b| ("before", b.as_str())).collect();
    call(app, "mail/outbox", &form, cookie).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_platform_administrators_read_the_outbox() {
    let app = spawn_app().await;
    let admin = EmailAddress::parse("root@example.org").unwrap();
    server::commands::create_admin(&app.db, &admin, PASSWORD.into())
        .await
        .unwrap();
    let plain = EmailAddress::parse("plain@example.org").unwrap();
    common::add_person(&app, "plain@example.org", "plain", PASSWORD).await;
    app::mail::queue::enqueue(
        &app.db,
        &plain,
        Language::Fr,
        &app::mail::templates::PlatformMail::ConfigurationTest,
    )
    .await
    .unwrap();

    assert_eq!(
        outbox(&app, None, None).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let plain_cookie = sign_in(&app, "plain", PASSWORD).await;
    assert_eq!(
        outbox(&app, Some(&plain_cookie), None).await.status(),
        StatusCode::FORBIDDEN
    );

    let admin_cookie = sign_in(&app, "root@example.org", PASSWORD).await;
    let r = outbox(&app, Some(&admin_cookie), None).await;
    assert_eq!(r.status(), StatusCode::OK);
    let page: serde_json::Value = r.json().await.unwrap();
    assert_eq!(page["mails"][0]["subject"], "Passerelle : message de test");
    assert_eq!(page["mails"][0]["to_address"], "plain@example.org");
    assert!(page["next_before"].is_null());

    // The page shows it to the administrator, and refuses the others in words.
    let admin_view = app.page_text("/admin/outbox", Some(&admin_cookie)).await;
    assert!(admin_view.contains("Passerelle : message de test"));
    let plain_view = app.page_text("/admin/outbox", Some(&plain_cookie)).await;
    assert!(plain_view.contains("réservée aux administrateurs de la plateforme"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_outbox_pages_50_at_a_time_newest_first() {
    let app = spawn_app().await;
    let admin = EmailAddress::parse("root@example.org").unwrap();
    server::commands::create_admin(&app.db, &admin, PASSWORD.into())
        .await
        .unwrap();
    for i in 0..55 {
        let code = format!("{i:06}");
        let template = app::accounts::mail::AccountMail::VerificationCode {
            code,
            minutes_valid: 15,
        };
        app::mail::queue::enqueue(&app.db, &admin, Language::En, &template)
            .await
            .unwrap();
    }
    let cookie = sign_in(&app, "root@example.org", PASSWORD).await;
    let first: serde_json::Value = outbox(&app, Some(&cookie), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(first["mails"].as_array().unwrap().len(), 50);
    assert_eq!(first["mails"][0]["subject"], "Your Passerelle code: 000054");
    let before = first["next_before"].as_i64().expect("an older page");
    let second: serde_json::Value = outbox(&app, Some(&cookie), Some(before))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(second["mails"].as_array().unwrap().len(), 5);
    assert_eq!(
        second["mails"][4]["subject"],
        "Your Passerelle code: 000000"
    );
    assert!(second["next_before"].is_null());
}

async fn mail_state(app: &TestApp, id: i64) -> (String, i64, Option<String>) {
    sqlx::query_as("SELECT status, attempts, last_error FROM mail_jobs WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

async fn retry(app: &TestApp, cookie: Option<&str>, id: i64) -> reqwest::Response {
    call(app, "mail/retry", &[("mail_id", &id.to_string())], cookie).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_mail_is_retried_once_by_a_platform_administrator_then_delivered() {
    let app = spawn_app().await;
    let admin = EmailAddress::parse("root@example.org").unwrap();
    server::commands::create_admin(&app.db, &admin, PASSWORD.into())
        .await
        .unwrap();
    common::add_person(&app, "plain@example.org", "plain", PASSWORD).await;
    let to = EmailAddress::parse("gone@example.org").unwrap();
    let test_mail = app::mail::templates::PlatformMail::ConfigurationTest;
    let failed = app::mail::queue::enqueue(&app.db, &to, Language::Fr, &test_mail)
        .await
        .unwrap();
    let queued = app::mail::queue::enqueue(&app.db, &to, Language::Fr, &test_mail)
        .await
        .unwrap();
    // The SMTP server refused it for good after 16 tries.
    sqlx::query(
        "UPDATE mail_jobs SET status = 'failed', attempts = 16, last_error = '550 5.1.1 mailbox unavailable',
            next_attempt_at = 0 WHERE id = $1",
    )
    .bind(failed)
    .execute(&app.db)
    .await
    .unwrap();

    assert_eq!(
        retry(&app, None, failed).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let plain = sign_in(&app, "plain", PASSWORD).await;
    assert_eq!(
        retry(&app, Some(&plain), failed).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(mail_state(&app, failed).await.0, "failed");

    // The administrator sees why it failed, then retries it.
    let root = sign_in(&app, "root@example.org", PASSWORD).await;
    let page: serde_json::Value = outbox(&app, Some(&root), None).await.json().await.unwrap();
    let row = page["mails"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == failed)
        .unwrap();
    assert_eq!(row["status"], "failed");
    assert_eq!(row["last_error"], "550 5.1.1 mailbox unavailable");
    let view = app.page_text("/admin/outbox", Some(&root)).await;
    assert!(view.contains("Réessayer l’envoi"), "{view}");

    assert_eq!(
        retry(&app, Some(&root), failed).await.status(),
        StatusCode::OK
    );
    // Queued again (or already delivered by the server's worker), the old error gone.
    let (status, _, error) = mail_state(&app, failed).await;
    assert!(status == "queued" || status == "outbox", "{status}");
    assert_eq!(error, None);
    let history = app::audit::repo::history(&app.db, "mail", failed)
        .await
        .unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].action, "mail.mail_retried");
    assert_eq!(history[0].to_state.as_deref(), Some("queued"));

    // Once is enough: it is queued now, as is a mail that never failed; an unknown one is 404.
    for id in [failed, queued] {
        let r = retry(&app, Some(&root), id).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            common::error_codes(r).await,
            vec!["_:transition_not_allowed"]
        );
    }
    assert_eq!(
        retry(&app, Some(&root), 999_999).await.status(),
        StatusCode::NOT_FOUND
    );

    // The server's worker (every 500 ms) delivers it, here into the outbox.
    for _ in 0..100 {
        if mail_state(&app, failed).await.0 == "outbox" {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the retried mail was never delivered");
}
