//! Extranet registration (seed 002): pending until the extranet secretariat validates it (mail,
//! then sign-in) or rejects it with a reason (mail with the reason, no sign-in).
use crate::common;
use common::{
    TestApp, add_person, call, count, error_codes, grant, nth_mail_to, sign_in, spawn_app_with_mail,
};
use reqwest::StatusCode;

const PASSWORD: &str = "mayor of a small town";

async fn register(
    app: &TestApp,
    email: &str,
    username: &str,
    organisation: &str,
) -> reqwest::Response {
    call(
        app,
        "extranet/register",
        &[
            ("group", "local_authority"),
            ("organisation_name", organisation),
            ("country", "fr"),
            ("first_name", "Claire"),
            ("last_name", "Martin"),
            ("position", "Adjointe aux relations internationales"),
            ("email", email),
            ("username", username),
            ("password", PASSWORD),
        ],
        None,
    )
    .await
}

async fn registration_id(app: &TestApp, email: &str) -> String {
    let id: i64 = sqlx::query_scalar(
        "SELECT r.id FROM extranet_registrations r JOIN users u ON u.id = r.user_id WHERE u.email = $1",
    )
    .bind(email)
    .fetch_one(&app.db)
    .await
    .unwrap();
    id.to_string()
}

async fn secretariat(app: &TestApp) -> String {
    let id = add_person(app, "sec@example.org", "sec", PASSWORD).await;
    grant(app, id, "extranet_secretariat", "").await;
    sign_in(app, "sec", PASSWORD).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_validated_registration_is_mailed_and_can_then_sign_in() {
    let (app, sink) = spawn_app_with_mail().await;
    let sec = secretariat(&app).await;
    let r = register(
        &app,
        "claire@bordeaux.example",
        "claire",
        "Ville de Bordeaux",
    )
    .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    nth_mail_to(&sink, "claire@bordeaux.example", 1).await;
    let to_sec = nth_mail_to(&sink, "sec@example.org", 1).await;
    assert!(to_sec.body.contains("Ville de Bordeaux"), "{}", to_sec.body);

    let pending = call(
        &app,
        "accounts/login",
        &[("login", "claire"), ("password", PASSWORD)],
        None,
    )
    .await;
    assert_eq!(pending.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_codes(pending).await, ["_:registration_pending"]);
    let wrong = call(
        &app,
        "accounts/login",
        &[("login", "claire"), ("password", "not the password")],
        None,
    )
    .await;
    assert_eq!(
        error_codes(wrong).await,
        ["password:login_failed"],
        "the state shows only with the password"
    );

    let id = registration_id(&app, "claire@bordeaux.example").await;
    let r = call(
        &app,
        "extranet/decide_registration",
        &[("registration_id", &id), ("decision", "validate")],
        Some(&sec),
    )
    .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    let mail = nth_mail_to(&sink, "claire@bordeaux.example", 2).await;
    assert!(mail.body.contains("/login"), "{}", mail.body);
    let claire = sign_in(&app, "claire", PASSWORD).await;
    // Her organisation was created, with her as its first administrator.
    let mine: serde_json::Value = call(&app, "organisations/mine", &[], Some(&claire))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine["memberships"][0]["legal_name"], "Ville de Bordeaux");
    assert_eq!(mine["memberships"][0]["kind"], "local_authority");
    assert_eq!(mine["memberships"][0]["role"], "administrator");
    let list: serde_json::Value = call(&app, "extranet/registrations", &[], Some(&sec))
        .await
        .json()
        .await
        .unwrap();
    let history = list[0]["history"].as_array().unwrap();
    assert_eq!(history.len(), 2, "registered, decided: {history:?}");
    assert_eq!(history[1]["to_state"], "validated");
    let again = call(
        &app,
        "extranet/decide_registration",
        &[
            ("registration_id", &id),
            ("decision", "reject"),
            ("reason", "x"),
        ],
        Some(&sec),
    )
    .await;
    assert_eq!(error_codes(again).await, ["_:already_decided"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejection_needs_a_reason_which_is_mailed() {
    let (app, sink) = spawn_app_with_mail().await;
    let sec = secretariat(&app).await;
    register(&app, "paul@nowhere.example", "paul", "Commune inconnue").await;
    let id = registration_id(&app, "paul@nowhere.example").await;
    let r = call(
        &app,
        "extranet/decide_registration",
        &[("registration_id", &id), ("decision", "reject")],
        Some(&sec),
    )
    .await;
    assert_eq!(error_codes(r).await, ["reason:reason_required"]);
    let r = call(
        &app,
        "extranet/decide_registration",
        &[
            ("registration_id", &id),
            ("decision", "reject"),
            ("reason", "Cette commune n’existe pas."),
        ],
        Some(&sec),
    )
    .await;
    assert!(r.status().is_success() || r.status().is_redirection());
    let mail = nth_mail_to(&sink, "paul@nowhere.example", 2).await;
    assert!(
        mail.body.contains("Cette commune n’existe pas."),
        "{}",
        mail.body
    );
    let login = call(
        &app,
        "accounts/login",
        &[("login", "paul"), ("password", PASSWORD)],
        None,
    )
    .await;
    assert_eq!(error_codes(login).await, ["_:registration_rejected"]);
    assert_eq!(
        count(&app, "organisations").await,
        0,
        "no organisation for a rejected registration"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registrations_are_validated_by_the_extranet_secretariat_only() {
    let (app, _sink) = spawn_app_with_mail().await;
    let desk = add_person(&app, "desk@example.org", "desk", PASSWORD).await;
    grant(&app, desk, "help_desk", "").await;
    let desk = sign_in(&app, "desk", PASSWORD).await;
    register(&app, "rita@lyon.example", "rita", "Métropole de Lyon").await;
    let id = registration_id(&app, "rita@lyon.example").await;
    let r = call(
        &app,
        "extranet/decide_registration",
        &[("registration_id", &id), ("decision", "validate")],
        Some(&desk),
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(count(&app, "users WHERE status = 'pending'").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_registration_is_refused_field_by_field_and_writes_nothing() {
    let (app, _sink) = spawn_app_with_mail().await;
    add_person(&app, "used@example.org", "used", PASSWORD).await;
    let r = call(
        &app,
        "extranet/register",
        &[
            ("group", "national_ngo"),
            ("organisation_name", ""),
            ("country", "France"),
            ("first_name", "A"),
            ("last_name", "B"),
            ("position", "Maire"),
            ("email", "used@example.org"),
            ("username", "x"),
            ("password", "password"),
        ],
        None,
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let codes = error_codes(r).await;
    for want in [
        "group:group_invalid",
        "organisation_name:required",
        "country:country_invalid",
        "email:email_taken",
        "username:username_too_short",
        "password:password_common",
    ] {
        assert!(codes.contains(&want.to_string()), "{want} in {codes:?}");
    }
    assert_eq!(count(&app, "extranet_registrations").await, 0);
    assert_eq!(count(&app, "users").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_secretariat_attaches_a_registration_to_an_organisation_already_registered() {
    let (app, _sink) = spawn_app_with_mail().await;
    let sec = secretariat(&app).await;
    // Lyon registered first (its administrator), then Marseille, in France; Lyon also in Belgium.
    let first = register(&app, "maire@lyon.example", "lyonmaire", "Ville de Lyon").await;
    assert!(first.status().is_success(), "{}", first.status());
    let first_id = registration_id(&app, "maire@lyon.example").await;
    call(
        &app,
        "extranet/decide_registration",
        &[("registration_id", &first_id), ("decision", "validate")],
        Some(&sec),
    )
    .await;
    let lyon: i64 =
        sqlx::query_scalar("SELECT id FROM organisations WHERE legal_name = 'Ville de Lyon'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    register(
        &app,
        "maire@marseille.example",
        "marseille",
        "Ville de Marseille",
    )
    .await;
    let elsewhere: i64 = sqlx::query_scalar(
        "INSERT INTO organisations (legal_name, country, kind, created_at) VALUES ('Ville de Lyon', 'BE', 'local_authority', 0) RETURNING id",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();

    // A second person writes the name differently: the queue offers the French Lyon only.
    register(
        &app,
        "claire@lyon.example",
        "clairelyon",
        "Ville de Lyon (Métropole)",
    )
    .await;
    let id = registration_id(&app, "claire@lyon.example").await;
    let list: serde_json::Value = call(&app, "extranet/registrations", &[], Some(&sec))
        .await
        .json()
        .await
        .unwrap();
    let mine = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["email"] == "claire@lyon.example")
        .unwrap();
    assert_eq!(mine["similar"].as_array().unwrap().len(), 1, "{mine}");
    assert_eq!(mine["similar"][0]["id"], lyon);
    let page = app
        .page_text("/secretariat/registrations", Some(&sec))
        .await;
    assert!(page.contains("rattacher la personne"), "{page}");

    // An organisation of another country, or a made-up id, is refused; nothing is written.
    for bad in [elsewhere.to_string(), "999999".into(), "lyon".into()] {
        let r = call(
            &app,
            "extranet/decide_registration",
            &[
                ("registration_id", &id),
                ("decision", "validate"),
                ("attach_to", &bad),
            ],
            Some(&sec),
        )
        .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert_eq!(error_codes(r).await, ["attach_to:organisation_unknown"]);
    }
    let status: String =
        sqlx::query_scalar("SELECT status FROM extranet_registrations WHERE id = $1")
            .bind(id.parse::<i64>().unwrap())
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(status, "pending");

    let r = call(
        &app,
        "extranet/decide_registration",
        &[
            ("registration_id", &id),
            ("decision", "validate"),
            ("attach_to", &lyon.to_string()),
        ],
        Some(&sec),
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());
    // She joined the existing Lyon as a reader (it has an administrator); no new organisation.
    let claire = sign_in(&app, "clairelyon", PASSWORD).await;
    let mine: serde_json::Value = call(&app, "organisations/mine", &[], Some(&claire))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine["memberships"][0]["organisation_id"], lyon);
    assert_eq!(mine["memberships"][0]["role"], "reader");
    assert_eq!(
        count(&app, "organisations WHERE legal_name LIKE 'Ville de Lyon%'").await,
        2,
        "the French and the Belgian Lyon, no third"
    );
}
