//! The foundation, seen from outside: probes, languages, the language switch, 404, cross-origin
//! writes, a server function, demo data and the admin command — on SQLite or PostgreSQL.
use crate::common;
use common::spawn_app;
use reqwest::StatusCode;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_and_ready_answer() {
    let app = spawn_app().await;
    let r = app.get("/health").await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = app.get("/ready").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.text().await.unwrap(), "ready");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ready_says_so_when_the_database_is_gone() {
    let app = spawn_app().await;
    app.db.close().await;
    assert_eq!(
        app.get("/ready").await.status(),
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(app.get("/health").await.status(), StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn home_page_is_in_french_by_default() {
    let app = spawn_app().await;
    let r = app.get("/").await;
    assert_eq!(r.status(), StatusCode::OK);
    let body = r.text().await.unwrap();
    assert!(body.contains(r#"<html lang="fr""#), "html lang attribute");
    assert!(body.contains("Vos démarches auprès des institutions, en un seul lieu"));
    assert!(body.contains("Espace secrétariat"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accept_language_chooses_english_or_spanish() {
    let app = spawn_app().await;
    for (header, lang, title) in [
        (
            "en-GB,en;q=0.9",
            "en",
            "Your business with institutions, in one place",
        ),
        (
            "es-ES,es;q=0.8,en;q=0.5",
            "es",
            "Sus trámites con las instituciones, en un solo lugar",
        ),
        ("de-DE", "fr", "Vos démarches auprès des institutions"),
    ] {
        let r = app
            .client
            .get(app.url("/"))
            .header("accept-language", header)
            .send()
            .await
            .unwrap();
        let body = r.text().await.unwrap();
        assert!(
            body.contains(&format!(r#"<html lang="{lang}""#)),
            "{header}"
        );
        assert!(body.contains(title), "{header}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_cookie_wins_over_accept_language() {
    let app = spawn_app().await;
    let r = app
        .client
        .get(app.url("/partners"))
        .header("accept-language", "en")
        .header("cookie", "i18n_pref_locale=es")
        .send()
        .await
        .unwrap();
    let body = r.text().await.unwrap();
    assert!(body.contains("Portal de socios"));
    assert!(!body.contains("Partner portal"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn language_switch_without_javascript_sets_the_cookie_and_goes_back() {
    let app = spawn_app().await;
    let r = app
        .post_form(
            "/locale",
            &[("locale", "en"), ("return_to", "/partners?tab=1")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/partners?tab=1");
    let cookie = r.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("i18n_pref_locale=en;"), "{cookie}");
    assert!(
        cookie.contains("Path=/") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn language_switch_never_redirects_off_site() {
    let app = spawn_app().await;
    let r = app
        .post_form(
            "/locale",
            &[("locale", "es"), ("return_to", "//evil.example/x")],
        )
        .await;
    assert_eq!(r.headers()["location"], "/");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_language_is_a_clear_400() {
    let app = spawn_app().await;
    let r = app
        .post_form("/locale", &[("locale", "de"), ("return_to", "/")])
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(r.text().await.unwrap().contains("choose fr, en or es"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_page_is_a_friendly_404() {
    let app = spawn_app().await;
    let r = app
        .client
        .get(app.url("/no/such/page"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let body = r.text().await.unwrap();
    assert!(body.contains("Page not found"));
    assert!(body.contains("Back to the home page"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cross_origin_writes_are_refused() {
    let app = spawn_app().await;
    let evil_origin = app
        .client
        .post(app.url("/locale"))
        .header("origin", "http://evil.example")
        .form(&[("locale", "en"), ("return_to", "/")])
        .send()
        .await
        .unwrap();
    assert_eq!(evil_origin.status(), StatusCode::FORBIDDEN);
    let cross_site = app
        .client
        .post(app.url("/api/home_stats"))
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(cross_site.status(), StatusCode::FORBIDDEN);
    // A plain form post from our own origin still works (no JavaScript needed).
    let same = app
        .post_form("/locale", &[("locale", "en"), ("return_to", "/")])
        .await;
    assert_eq!(same.status(), StatusCode::SEE_OTHER);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn responses_carry_a_request_id_and_security_headers() {
    let app = spawn_app().await;
    let r = app.get("/").await;
    let id = r.headers()["x-request-id"].to_str().unwrap().to_string();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    assert_eq!(
        r.headers()["referrer-policy"],
        "strict-origin-when-cross-origin"
    );
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    // The page's inline scripts carry the nonce the policy names.
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|s| s.split('\'').next())
        .expect("a nonce")
        .to_string();
    let body = r.text().await.unwrap();
    assert!(
        body.contains(&format!(r#"<script type="module" nonce="{nonce}">"#)),
        "hydration script nonce"
    );
    // Any script without the nonce is empty.
    assert_eq!(
        body.matches("<script>").count(),
        body.matches("<script></script>").count()
    );
    let other = app.get("/").await;
    assert_ne!(other.headers()["x-request-id"].to_str().unwrap(), id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_home_figures_come_from_the_database() {
    let app = spawn_app().await;
    let r = app.post_form("/api/home_stats", &[]).await;
    assert_eq!(r.status(), StatusCode::OK);
    let empty: serde_json::Value = r.json().await.unwrap();
    assert_eq!(
        empty,
        serde_json::json!({"organisations": 0, "consultative": 0})
    );

    server::demo::load(&app.db, &app.config.data_dir)
        .await
        .unwrap();
    let r = app.post_form("/api/home_stats", &[]).await;
    let figures: serde_json::Value = r.json().await.unwrap();
    assert_eq!(
        figures,
        serde_json::json!({"organisations": 13_015, "consultative": 13_003})
    );

    // The server-rendered page shows them too (no JavaScript needed).
    let body = app.get("/").await.text().await.unwrap();
    assert!(
        body.contains(r#"data-figure="organisations">13015<"#),
        "figures in the HTML"
    );

    // The figures are kept by the database as organisations change (migration
    // 20261202000002): after a status set, one taken away, an archived and a deleted
    // organisation, they are a recount's.
    for sql in [
        "UPDATE organisations SET consultative_status = 'roster', consultative_since = 2020
         WHERE id = (SELECT MIN(id) FROM organisations WHERE consultative_status IS NULL)",
        "UPDATE organisations SET consultative_status = NULL, consultative_since = NULL
         WHERE id = (SELECT MAX(id) FROM organisations WHERE consultative_status IS NOT NULL)",
        "UPDATE organisations SET archived_at = 1
         WHERE id = (SELECT MAX(id) FROM organisations WHERE consultative_status IS NOT NULL)",
        "UPDATE organisations SET legal_name = legal_name || ' (renamed)' WHERE id = (SELECT MIN(id) FROM organisations)",
        "DELETE FROM organisations WHERE id = (SELECT MAX(id) FROM organisations)",
    ] {
        sqlx::query(sql).execute(&app.db).await.unwrap();
        let kept: serde_json::Value = app
            .post_form("/api/home_stats", &[])
            .await
            .json()
            .await
            .unwrap();
        let (organisations, consultative): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), COUNT(consultative_status) FROM organisations
             WHERE archived_at IS NULL",
        )
        .fetch_one(&app.db)
        .await
        .unwrap();
        assert_eq!(
            kept,
            serde_json::json!({"organisations": organisations, "consultative": consultative}),
            "{sql}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_data_is_idempotent() {
    let app = spawn_app().await;
    let first = server::demo::load(&app.db, &app.config.data_dir)
        .await
        .unwrap();
    assert!(
        first.contains(
            "13015 organisations added (13015 in all), 17 demo people added, 5 designations added, 7 meeting rooms added, partner profiles filled: 3, calls for expression of interest added: 5, demo administrator created"
        ),
        "{first}"
    );
    let second = server::demo::load(&app.db, &app.config.data_dir)
        .await
        .unwrap();
    assert_eq!(
        second,
        "Demo data: 0 organisations added (13015 in all), 0 demo people added, 0 designations added, 0 meeting rooms added, partner profiles filled: 0, calls for expression of interest added: 0."
    );
    // The AIE headquarters' profile: UNFPA's code, and the seed's spending table.
    let spent: i64 = sqlx::query_scalar(
        "SELECT CAST(SUM(s.amount_minor) AS BIGINT) FROM partner_spending s
         JOIN partner_codes c ON c.agency = s.agency AND c.code = s.code
         JOIN organisations o ON o.id = c.organisation_id
         WHERE o.acronym = 'AIE' AND o.country = 'CH'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(spent, 33_950_900);
    // Profiles at every completeness: complete, half, a quarter, empty.
    let percents: Vec<(String, i64)> = sqlx::query_as(
        "SELECT o.legal_name, CAST(s.completeness AS BIGINT) FROM partner_search s
         JOIN organisations o ON o.id = s.organisation_id
         WHERE o.legal_name IN ('Femmes et développement durable', 'Alliance internationale pour l’eau',
             'Red de Jóvenes por el Clima', 'Association communautaire de Kaolack')
           AND o.parent_id IS NULL
         ORDER BY s.completeness DESC",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    let names: Vec<&str> = percents.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Femmes et développement durable",
            "Alliance internationale pour l’eau",
            "Red de Jóvenes por el Clima",
            "Association communautaire de Kaolack"
        ],
        "{percents:?}"
    );
    assert_eq!(percents[0].1, 100);
    assert!((50..100).contains(&percents[1].1), "{percents:?}");
    assert!((1..50).contains(&percents[2].1), "{percents:?}");
    assert_eq!(percents[3].1, 0);
    // The complete profile's documents are real files.
    let stored: Vec<String> = sqlx::query_scalar(
        "SELECT u.stored_name FROM uploads u JOIN organisations o ON o.id = u.organisation_id
         WHERE o.legal_name = 'Femmes et développement durable'",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(stored.len(), 2);
    for name in stored {
        assert!(
            app::uploads::repo::folder(&app.config.data_dir)
                .join(name)
                .is_file()
        );
    }
    // An officer for each of the nine agencies; the help desk's queue; a PSEA assessment to review.
    let agencies: Vec<String> = sqlx::query_scalar(
        "SELECT scope FROM staff_roles WHERE role = 'agency_officer' ORDER BY scope",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(
        agencies,
        [
            "FAO", "IOM", "UNDP", "UNFPA", "UNHCR", "UNICEF", "UNWOMEN", "WFP", "WHO"
        ]
    );
    let requests: Vec<String> =
        sqlx::query_scalar("SELECT status FROM support_requests ORDER BY id")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(requests, ["open", "in_progress", "resolved"]);
    let psea: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT status, rating FROM psea_assessments")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(
        psea,
        [("submitted".to_string(), Some("medium".to_string()))]
    );
    // Staff of every role, members of every role, every kind of organisation, a pending registration.
    let staff: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT role FROM staff_roles ORDER BY role")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(
        staff,
        [
            "accreditation_officer",
            "agency_officer",
            "extranet_secretariat",
            "help_desk",
            "platform_admin"
        ]
    );
    let roles: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT role FROM memberships ORDER BY role")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(roles, ["administrator", "editor", "reader"]);
    let kinds: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT kind) FROM organisations")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(kinds, 12);
    let pending: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM extranet_registrations WHERE status = 'pending'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(pending, 1);
    for (email, ..) in server::demo::DEMO_PEOPLE {
        common::sign_in(&app, email, server::demo::DEMO_PASSWORD).await;
    }
    let offices: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM organisations o JOIN organisations hq ON o.parent_id = hq.id WHERE hq.country = 'CH'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(offices, 2, "one HQ with two country offices");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_admin_creates_then_resets_the_password() {
    use app::fields::EmailAddress;
    let app = spawn_app().await;
    let email = EmailAddress::parse("Root@Example.org").unwrap();
    assert!(
        server::commands::create_admin(&app.db, &email, "first password".into())
            .await
            .unwrap()
    );
    assert!(
        !server::commands::create_admin(&app.db, &email, "second password".into())
            .await
            .unwrap()
    );
    let id = app::accounts::repo::find_user_id_by_email(&app.db, &email)
        .await
        .unwrap()
        .unwrap();
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(
        app::ssr::passwords::verify_password("second password".into(), hash.clone())
            .await
            .unwrap()
    );
    assert!(
        !app::ssr::passwords::verify_password("first password".into(), hash)
            .await
            .unwrap()
    );
    let roles = app::actor::server::staff_roles_of(&app.db, id)
        .await
        .unwrap();
    assert_eq!(roles, vec![("platform_admin".to_string(), String::new())]);
    // Both changes are in the user's history, oldest first, made by the command (no actor).
    let history = app::audit::repo::history(&app.db, "user", id)
        .await
        .unwrap();
    let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "accounts.created_as_platform_admin",
            "accounts.password_reset_by_command"
        ]
    );
    assert!(
        history
            .iter()
            .all(|e| e.actor_user_id.is_none() && e.to_state.as_deref() == Some("platform_admin"))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn migrations_apply_once_and_again_without_harm() {
    let app = spawn_app().await;
    server::app::open_database(&app.config)
        .await
        .expect("second migration run is a no-op");
    let applied: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(applied >= 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_suite_runs_on_the_database_it_was_asked_for() {
    let app = spawn_app().await;
    let on_postgres = std::env::var("TEST_DATABASE_URL")
        .map(|u| !u.is_empty())
        .unwrap_or(false);
    if on_postgres {
        assert!(app.config.database_url.starts_with("postgres://"));
        let version: String = sqlx::query_scalar("SELECT version()")
            .fetch_one(&app.db)
            .await
            .unwrap();
        assert!(version.starts_with("PostgreSQL"), "{version}");
    } else {
        assert!(app.config.database_url.starts_with("sqlite:"));
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&app.db)
            .await
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
            .fetch_one(&app.db)
            .await
            .unwrap();
        assert_eq!(fk, 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_audit_record_written_in_a_rolled_back_transaction_does_not_exist() {
    let app = spawn_app().await;
    let long_reason = "x".repeat(5000);
    let change = app::audit::Change {
        actor_user_id: None,
        record_type: "organisation",
        record_id: 7,
        action: "organisations.profile_updated",
        from_state: Some("A"),
        to_state: Some("B"),
        reason: Some(&long_reason),
    };
    let mut tx = app.db.begin().await.unwrap();
    app::audit::repo::record(&mut *tx, &change).await.unwrap();
    tx.rollback().await.unwrap();
    assert!(
        app::audit::repo::history(&app.db, "organisation", 7)
            .await
            .unwrap()
            .is_empty()
    );
    app::audit::repo::record(&app.db, &change).await.unwrap();
    let kept = app::audit::repo::history(&app.db, "organisation", 7)
        .await
        .unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(
        kept[0].reason.as_ref().unwrap().chars().count(),
        app::audit::MAX_REASON_CHARS,
        "long reasons are cut, not refused"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_server_function_call_is_a_400_not_a_500() {
    let app = spawn_app().await;
    let missing_field = app
        .post_form("/api/accounts/login", &[("login", "someone")])
        .await;
    assert_eq!(missing_field.status(), StatusCode::BAD_REQUEST);
    let not_a_number = app
        .post_form("/api/mail/outbox", &[("before", "abc")])
        .await;
    assert_eq!(not_a_number.status(), StatusCode::BAD_REQUEST);
    assert!(not_a_number.text().await.unwrap().contains("Transport"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_unique_value_taken_meanwhile_is_a_422_not_a_500() {
    // What a race between two people leaves: the second write hits the unique index.
    let app = spawn_app().await;
    let form = app::organisations::domain::NewOrganisationForm::parse(
        "Eau Claire",
        "",
        "SN",
        "national_ngo",
        "",
    )
    .unwrap();
    app::organisations::repo::insert_organisation(&app.db, &form, None)
        .await
        .unwrap();
    let second = app::organisations::repo::insert_organisation(&app.db, &form, None)
        .await
        .unwrap_err();
    let e = app::AppError::from(second);
    assert_eq!(e.status(), 422);
    assert_eq!(
        e,
        app::AppError::Invalid(vec![app::error::FieldError::new("_", "already_exists")])
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bundle_goes_out_precompressed_as_the_browser_accepts() {
    let app = spawn_app().await;
    let pkg = app.config.site_root.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    for (name, body) in [
        ("passerelle_bg.wasm", "raw"),
        ("passerelle_bg.wasm.gz", "gzip copy"),
        ("passerelle_bg.wasm.br", "brotli copy"),
    ] {
        std::fs::write(pkg.join(name), body).unwrap();
    }
    for (accepts, encoding, body) in [
        ("gzip, deflate, br", Some("br"), "brotli copy"),
        ("gzip", Some("gzip"), "gzip copy"),
        ("identity", None, "raw"),
    ] {
        let r = app
            .client
            .get(app.url("/pkg/passerelle_bg.wasm"))
            .header("accept-encoding", accepts)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let got = r
            .headers()
            .get("content-encoding")
            .map(|v| v.to_str().unwrap().to_string());
        assert_eq!(got.as_deref(), encoding, "{accepts}");
        assert_eq!(r.text().await.unwrap(), body, "{accepts}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_build_is_served_from_its_own_directory_and_cached_for_good() {
    let site = tempfile::tempdir().unwrap();
    let id = "0123456789abcdef";
    let build = site.path().join("pkg").join(id);
    std::fs::create_dir_all(build.join("snippets")).unwrap();
    std::fs::write(site.path().join("pkg/current"), format!("{id}\n")).unwrap();
    std::fs::write(build.join("split_accreditation_page_1.wasm"), "chunk").unwrap();
    std::fs::write(build.join("snippets/x.js"), "snippet").unwrap();
    std::fs::write(site.path().join("pkg/loose.js"), "unversioned").unwrap();
    let root = site.path().display().to_string();
    let app = common::spawn_app_with(&[("LEPTOS_SITE_ROOT", &root)]).await;

    // The page names the current build's scripts and stylesheet.
    let page = app.client.get(app.url("/login")).send().await.unwrap();
    let page = page.text().await.unwrap();
    for file in ["passerelle.js", "passerelle_bg.wasm", "passerelle.css"] {
        assert!(
            page.contains(&format!("/pkg/{id}/{file}")),
            "{file} in {page}"
        );
    }
    for (path, body, type_) in [
        (
            "split_accreditation_page_1.wasm",
            "chunk",
            "application/wasm",
        ),
        ("snippets/x.js", "snippet", "text/javascript; charset=utf-8"),
    ] {
        let r = app
            .client
            .get(app.url(&format!("/pkg/{id}/{path}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        let header = |name: &str| r.headers()[name].to_str().unwrap().to_string();
        assert_eq!(
            header("cache-control"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(header("content-type"), type_);
        assert_eq!(r.text().await.unwrap(), body);
    }
    // Outside a build directory a file may change under its name: asked again after 5 minutes.
    let r = app
        .client
        .get(app.url("/pkg/loose.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.headers()["cache-control"],
        "public, max-age=300, must-revalidate"
    );
}
