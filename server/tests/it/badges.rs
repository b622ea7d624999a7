//! Badges (issue #5): the PDF of an approved designation, printed by those who designate and by
//! the station's officers; its QR code's URL (signed, no personal data) opens the public
//! verification, which says valid / replaced (after a re-print) / revoked / unknown; prints and
//! re-prints are in the designation's history.
use crate::common::{
    TestApp, add_person, call, consultative_organisation, count, designation_form, grant_officers,
    sign_in, spawn_app,
};
use reqwest::StatusCode;

const PASSWORD: &str = "badges for the assembly";

struct World {
    app: TestApp,
    admin: String,
    stranger: String,
    geneva: String,
    new_york: String,
    designation: String,
}

async fn world() -> World {
    let app = spawn_app().await;
    for name in ["admin", "stranger", "geneva", "newyork"] {
        add_person(&app, &format!("{name}@example.org"), name, PASSWORD).await;
    }
    grant_officers(&app, &[("geneva", "geneva"), ("newyork", "new_york")]).await;
    let admin = sign_in(&app, "admin", PASSWORD).await;
    let org = consultative_organisation(&app, &admin, "Voix des Femmes").await;
    let f = designation_form(&org, "geneva", "additional_representative", "Mariama", "Bâ");
    let mut pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    pairs.push(("submit", "1"));
    let r = call(&app, "accreditation/save", &pairs, Some(&admin)).await;
    assert!(r.status().is_success() || r.status().is_redirection());
    let designation: i64 = sqlx::query_scalar("SELECT id FROM designations")
        .fetch_one(&app.db)
        .await
        .unwrap();
    World {
        stranger: sign_in(&app, "stranger", PASSWORD).await,
        geneva: sign_in(&app, "geneva", PASSWORD).await,
        new_york: sign_in(&app, "newyork", PASSWORD).await,
        designation: designation.to_string(),
        app,
        admin,
    }
}

async fn pdf(w: &World, cookie: Option<&str>) -> reqwest::Response {
    let mut req = w.app.client.get(
        w.app
            .url(&format!("/accreditation/badges/{}", w.designation)),
    );
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    req.send().await.unwrap()
}

/// The verification code the PDF's QR code (and its link) carries.
fn code_in(pdf: &[u8]) -> String {
    let text = String::from_utf8_lossy(pdf);
    let at = text
        .find("/verify/")
        .expect("the PDF links to the verification");
    text[at + "/verify/".len()..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect()
}

async fn verdict(w: &World, code: &str) -> serde_json::Value {
    let r = call(&w.app, "accreditation/verify", &[("code", code)], None).await;
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_approved_designation_prints_a_badge_whose_code_verifies_without_personal_data() {
    let w = world().await;
    let app = &w.app;
    // Not approved yet: no badge.
    assert_eq!(
        pdf(&w, Some(&w.admin)).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let r = call(
        app,
        "accreditation/decide",
        &[("designation_id", &w.designation), ("decision", "approve")],
        Some(&w.geneva),
    )
    .await;
    assert!(r.status().is_success() || r.status().is_redirection());

    // The change was mailed to the organisation (who designated) and to the representative.
    for to in ["admin@example.org", "mariama@example.org"] {
        assert_eq!(
            count(
                app,
                &format!("mail_jobs WHERE to_address = '{to}' AND subject LIKE '%approuvée%'")
            )
            .await,
            1,
            "{to}"
        );
    }
    // Who may print: the organisation's administrator and the Geneva officer; nobody else
    // learns the designation exists.
    assert_eq!(pdf(&w, None).await.status(), StatusCode::UNAUTHORIZED);
    for cookie in [&w.stranger, &w.new_york] {
        assert_eq!(pdf(&w, Some(cookie)).await.status(), StatusCode::NOT_FOUND);
    }
    let r = pdf(&w, Some(&w.admin)).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let bytes = r.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let code = code_in(&bytes);
    assert_eq!(code.len(), 33, "{code}");
    // The code is a random serial and its signature, nothing else.
    let (serial, signature) = code.split_once('.').unwrap();
    assert_eq!((serial.len(), signature.len()), (16, 16));
    let stored: String = sqlx::query_scalar("SELECT serial FROM badges")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(serial, stored);
    let v = verdict(&w, &code).await;
    assert_eq!(v["state"], "valid");
    assert_eq!(v["organisation"], "Voix des Femmes");
    assert_eq!(v["duty_station"], "geneva");
    assert!(!v.to_string().contains("Mariama"), "no personal data: {v}");
    // The same badge on a second download (no new serial); the Geneva officer gets it too.
    let again = pdf(&w, Some(&w.geneva)).await.bytes().await.unwrap();
    assert_eq!(code_in(&again), code);
    assert_eq!(count(app, "badges").await, 1);

    // A forged or altered code is unknown.
    let (serial, _) = code.split_once('.').unwrap();
    for bad in [
        format!("{serial}.AAAAAAAAAAAAAAAA"),
        "nothing".to_string(),
        String::new(),
    ] {
        assert_eq!(verdict(&w, &bad).await["state"], "unknown", "{bad}");
    }

    // A re-print: a new serial, the old badge says "replaced".
    let r = call(
        app,
        "accreditation/reprint",
        &[("designation_id", &w.designation)],
        Some(&w.admin),
    )
    .await;
    assert!(r.status().is_success() || r.status().is_redirection());
    let reprinted = code_in(&pdf(&w, Some(&w.admin)).await.bytes().await.unwrap());
    assert_ne!(reprinted, code);
    assert_eq!(verdict(&w, &code).await["state"], "replaced");
    assert_eq!(verdict(&w, &reprinted).await["state"], "valid");
    assert_eq!(
        count(
            app,
            &format!(
                "audit_events WHERE record_type = 'designation' AND record_id = {} AND action IN ('accreditation.badge_printed', 'accreditation.badge_reprinted')",
                w.designation
            )
        )
        .await,
        2
    );
    // Others cannot re-print.
    for cookie in [&w.stranger, &w.new_york] {
        let r = call(
            app,
            "accreditation/reprint",
            &[("designation_id", &w.designation)],
            Some(cookie),
        )
        .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
    }

    // Revoked: the badge says so, and no more prints.
    let r = call(
        app,
        "accreditation/decide",
        &[
            ("designation_id", &w.designation),
            ("decision", "revoke"),
            ("reason", "Badge lost"),
        ],
        Some(&w.geneva),
    )
    .await;
    assert!(r.status().is_success() || r.status().is_redirection());
    assert_eq!(verdict(&w, &reprinted).await["state"], "revoked");
    assert_eq!(
        pdf(&w, Some(&w.admin)).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // The verification page itself renders the verdict, without signing in.
    let page = app.page_text(&format!("/verify/{reprinted}"), None).await;
    assert!(
        page.contains("verdict") && page.contains("révoqué"),
        "{page}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_expiry_job_expires_designations_past_their_validity_once() {
    let w = world().await;
    let app = &w.app;
    let r = call(
        app,
        "accreditation/decide",
        &[("designation_id", &w.designation), ("decision", "approve")],
        Some(&w.geneva),
    )
    .await;
    assert!(r.status().is_success() || r.status().is_redirection());
    let code = code_in(&pdf(&w, Some(&w.admin)).await.bytes().await.unwrap());
    // Still valid today: the job leaves it.
    let base = "https://passerelle.example";
    assert_eq!(
        app::accreditation::review::api::server::expire_due(&app.db, base)
            .await
            .unwrap(),
        0
    );
    let yesterday = app::ssr::db::today() - chrono::Duration::days(1);
    sqlx::query("UPDATE designations SET valid_until = $1")
        .bind(yesterday.to_string())
        .execute(&app.db)
        .await
        .unwrap();
    // Past its validity, the badge already says expired, before the job runs.
    assert_eq!(verdict(&w, &code).await["state"], "expired");
    assert_eq!(
        app::accreditation::review::api::server::expire_due(&app.db, base)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        count(
            app,
            "designations WHERE status = 'expired' AND seat IS NULL"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            app,
            "audit_events WHERE action = 'accreditation.designation_expired' AND actor_user_id IS NULL"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            app,
            "mail_jobs WHERE subject LIKE '%expirée%' AND body LIKE '%https://passerelle.example/accreditation/%'"
        )
        .await,
        2,
        "the organisation and the representative"
    );
    assert_eq!(verdict(&w, &code).await["state"], "expired");
    // Once only.
    assert_eq!(
        app::accreditation::review::api::server::expire_due(&app.db, base)
            .await
            .unwrap(),
        0
    );
}
