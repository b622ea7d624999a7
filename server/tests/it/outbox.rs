//! The outbox (mail kept when no SMTP server is configured) is readable by platform
//! administrators only, newest first, 50 a page.
use crate::common;
use app::accounts::domain::EmailAddress;
use app::mail::domain::{MailLocale, MailTemplate};
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
        MailLocale::Fr,
        &MailTemplate::ConfigurationTest,
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
        let template = MailTemplate::VerificationCode {
            code,
            minutes_valid: 15,
        };
        app::mail::queue::enqueue(&app.db, &admin, MailLocale::En, &template)
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
