//! "My details": names, username, language, newsletter; password change asking the current one;
//! change of address confirmed by a code sent to the new address; history on the record.
use crate::common;
use common::{add_person, call, count, error_codes, nth_mail_to, sign_in, spawn_app_with_mail};
use reqwest::StatusCode;

const PASSWORD: &str = "quiet evening by the lake";

async fn details(app: &common::TestApp, cookie: &str) -> serde_json::Value {
    call(app, "accounts/my_details", &[], Some(cookie))
        .await
        .json()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn names_username_language_and_newsletter_are_saved_and_recorded() {
    let (app, _sink) = spawn_app_with_mail().await;
    add_person(&app, "mia@example.org", "mia", PASSWORD).await;
    add_person(&app, "other@example.org", "other", PASSWORD).await;
    let mia = sign_in(&app, "mia", PASSWORD).await;
    let form = |username: &'static str| {
        vec![
            ("username", username),
            ("display_name", "Mia R."),
            ("first_name", "Mia"),
            ("last_name", "Rossi"),
            ("locale", "es"),
            ("newsletter", "on"),
        ]
    };
    let taken = call(
        &app,
        "accounts/update_my_details",
        &form("Other"),
        Some(&mia),
    )
    .await;
    assert_eq!(taken.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_codes(taken).await, ["username:username_taken"]);
    let r = call(
        &app,
        "accounts/update_my_details",
        &form("mia.rossi"),
        Some(&mia),
    )
    .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    let d = details(&app, &mia).await;
    assert_eq!(d["username"], "mia.rossi");
    assert_eq!(d["locale"], "es");
    assert_eq!(d["newsletter"], true);
    let actions: Vec<String> = d["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_string())
        .collect();
    assert!(
        actions.contains(&"accounts.username_changed".to_string()),
        "{actions:?}"
    );
    assert!(
        actions.contains(&"accounts.newsletter_subscribed".to_string()),
        "{actions:?}"
    );
    let anonymous = call(&app, "accounts/my_details", &[], None).await;
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changing_the_password_needs_the_current_one_and_signs_out_other_devices() {
    let (app, sink) = spawn_app_with_mail().await;
    add_person(&app, "ned@example.org", "ned", PASSWORD).await;
    let here = sign_in(&app, "ned", PASSWORD).await;
    let elsewhere = sign_in(&app, "ned", PASSWORD).await;
    let wrong = call(
        &app,
        "accounts/change_password",
        &[
            ("current_password", "not it at all"),
            ("new_password", "green tea in the morning"),
        ],
        Some(&here),
    )
    .await;
    assert_eq!(
        error_codes(wrong).await,
        ["current_password:current_password_wrong"]
    );
    let common = call(
        &app,
        "accounts/change_password",
        &[("current_password", PASSWORD), ("new_password", "iloveyou")],
        Some(&here),
    )
    .await;
    assert_eq!(error_codes(common).await, ["new_password:password_common"]);
    let r = call(
        &app,
        "accounts/change_password",
        &[
            ("current_password", PASSWORD),
            ("new_password", "green tea in the morning"),
        ],
        Some(&here),
    )
    .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    assert!(
        details(&app, &here).await.is_object(),
        "this device stays signed in"
    );
    let gone = call(&app, "accounts/my_details", &[], Some(&elsewhere)).await;
    assert_eq!(gone.status(), StatusCode::UNAUTHORIZED);
    sign_in(&app, "ned", "green tea in the morning").await;
    nth_mail_to(&sink, "ned@example.org", 1).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_address_replaces_the_old_only_once_confirmed_by_its_code() {
    let (app, sink) = spawn_app_with_mail().await;
    add_person(&app, "olga@example.org", "olga", PASSWORD).await;
    add_person(&app, "used@example.org", "used", PASSWORD).await;
    let olga = sign_in(&app, "olga", PASSWORD).await;
    let taken = call(
        &app,
        "accounts/request_email_change",
        &[("new_email", "used@example.org")],
        Some(&olga),
    )
    .await;
    assert_eq!(error_codes(taken).await, ["new_email:email_taken"]);
    let r = call(
        &app,
        "accounts/request_email_change",
        &[("new_email", "olga@new.example")],
        Some(&olga),
    )
    .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    let d = details(&app, &olga).await;
    assert_eq!(
        d["email"], "olga@example.org",
        "not replaced before the code"
    );
    assert_eq!(d["pending_email"], "olga@new.example");
    let code = nth_mail_to(&sink, "olga@new.example", 1).await.code();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let r = call(
        &app,
        "accounts/confirm_email_change",
        &[("code", wrong)],
        Some(&olga),
    )
    .await;
    assert_eq!(error_codes(r).await, ["code:code_wrong"]);
    let r = call(
        &app,
        "accounts/confirm_email_change",
        &[("code", &code)],
        Some(&olga),
    )
    .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    assert_eq!(details(&app, &olga).await["email"], "olga@new.example");
    let warning = nth_mail_to(&sink, "olga@example.org", 1).await;
    assert!(
        warning.body.contains("olga@new.example"),
        "{}",
        warning.body
    );
    assert_eq!(
        count(&app, "audit_events WHERE action = 'accounts.email_changed'").await,
        1
    );
    sign_in(&app, "olga@new.example", PASSWORD).await;
}
