//! The form kit on the server (issue #4): the organisation profile with every field type,
//! validated by the one domain validator; a plain post (no JavaScript) comes back to its page
//! with its errors, for its own form only, and with the values typed (never passwords).
use crate::common;
use common::{TestApp, add_person, call, error_codes, sign_in, spawn_app};
use reqwest::StatusCode;

const PASSWORD: &str = "a kit of well made parts";

async fn org_of(app: &TestApp, cookie: &str) -> String {
    call(
        app,
        "organisations/create",
        &[
            ("legal_name", "Jeunes du Fleuve"),
            ("country", "SN"),
            // An extranet group: its organisation form asks every field (a civil-society
            // organisation's form keeps only its identity, the rest is its partner profile's).
            ("kind", "regional_network"),
        ],
        Some(cookie),
    )
    .await;
    let id: i64 =
        sqlx::query_scalar("SELECT id FROM organisations WHERE legal_name = 'Jeunes du Fleuve'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    id.to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_profile_keeps_every_field_type_and_refuses_each_mistake_by_name() {
    let app = spawn_app().await;
    add_person(&app, "awa@example.org", "awa", PASSWORD).await;
    let awa = sign_in(&app, "awa", PASSWORD).await;
    let org = org_of(&app, &awa).await;
    let r = call(
        &app,
        "organisations/update_profile",
        &[
            ("organisation_id", &org),
            ("legal_name", "Jeunes du Fleuve"),
            ("country", "SN"),
            ("website", "jeunes.example"),
            ("year_established", "2004"),
            ("registration_date", "2004-06-01"),
            ("annual_budget", "125 000,50"),
            ("sectors[]", "education"),
            ("sectors[]", "health"),
            ("mandate", "Former les jeunes."),
            ("youth_led", "yes"),
            ("women_led", "no"),
        ],
        Some(&awa),
    )
    .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    let page: serde_json::Value = call(&app, "organisations/page", &[("id", &org)], Some(&awa))
        .await
        .json()
        .await
        .unwrap();
    let p = &page["profile"];
    assert_eq!(p["website"], "https://jeunes.example");
    assert_eq!(p["year_established"], "2004");
    assert_eq!(p["registration_date"], "2004-06-01");
    assert_eq!(p["annual_budget"], "125000.50");
    assert_eq!(p["sectors"], "health,education");
    assert_eq!(p["youth_led"], "yes");
    assert_eq!(p["women_led"], "no");
    assert_eq!(p["refugee_led"], "");

    let r = call(
        &app,
        "organisations/update_profile",
        &[
            ("organisation_id", &org),
            ("legal_name", "Jeunes du Fleuve"),
            ("country", "SN"),
            ("year_established", "1700"),
            ("registration_date", "2004-02-30"),
            ("annual_budget", "-3"),
            ("sectors[]", "weapons"),
            ("youth_led", "perhaps"),
            ("website", "javascript:alert(1)"),
        ],
        Some(&awa),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let mut codes = error_codes(r).await;
    codes.sort();
    assert_eq!(
        codes,
        vec![
            "annual_budget:money_invalid",
            "registration_date:date_invalid",
            "sectors:choice_invalid",
            "website:url_invalid",
            "year_established:number_out_of_range",
            "youth_led:choice_invalid",
        ]
    );
    // Nothing of the refused post was written.
    let page: serde_json::Value = call(&app, "organisations/page", &[("id", &org)], Some(&awa))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["profile"]["year_established"], "2004");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_post_with_mistakes_comes_back_with_its_values_and_its_errors_only() {
    let app = spawn_app().await;
    add_person(&app, "awa@example.org", "awa", PASSWORD).await;
    let awa = sign_in(&app, "awa", PASSWORD).await;
    let org = org_of(&app, &awa).await;
    let page = app.url(&format!("/organisations/{org}"));
    let r = app
        .client
        .post(app.url("/api/organisations/update_profile"))
        .header("origin", &app.address)
        .header("accept", "text/html")
        .header("referer", &page)
        .header("cookie", &awa)
        .form(&[
            ("organisation_id", org.as_str()),
            ("legal_name", "Jeunes du Fleuve"),
            ("country", "SN"),
            ("mandate", "Notre mandat, tapé à la main"),
            ("year_established", "1700"),
            ("sectors[]", "health"),
            ("youth_led", "yes"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let location = r.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(
        location,
        format!(
            "/organisations/{org}?errors=year_established:number_out_of_range&form=/api/organisations/update_profile"
        )
    );
    let echo = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("passerelle_echo="))
        .expect("the values come back in a cookie");
    assert!(
        echo.contains("HttpOnly") && echo.contains("SameSite=Lax") && echo.contains("Max-Age=120")
    );
    let echo_pair = common::cookie_pair(&echo);

    let r = app
        .client
        .get(app.url(&location))
        .header("cookie", format!("{awa}; {echo_pair}"))
        .send()
        .await
        .unwrap();
    let cleared = r.headers().get_all("set-cookie").iter().any(|v| {
        v.to_str().unwrap().starts_with("passerelle_echo=;")
            && v.to_str().unwrap().contains("Max-Age=0")
    });
    assert!(cleared, "the values are shown once");
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Notre mandat, tapé à la main"),
        "the typed mandate is back"
    );
    assert!(
        html.contains("value=\"1700\""),
        "the wrong year is back, to correct"
    );
    assert!(
        html.contains("id=\"profile-year_established-error\""),
        "the message is next to the field"
    );
    assert!(
        html.contains("href=\"#profile-year_established\""),
        "the summary links to it"
    );
    assert!(
        html.contains("id=\"profile-sectors-health\" type=\"checkbox\" name=\"sectors[]\" value=\"health\" checked"),
        "the ticked sector is back"
    );
    // Only the profile form shows the errors: one summary on the page.
    assert_eq!(html.matches("class=\"error-summary\"").count(), 1);

    // A password is never sent back.
    let r = app
        .client
        .post(app.url("/api/accounts/login"))
        .header("origin", &app.address)
        .header("accept", "text/html")
        .header("referer", app.url("/login"))
        .form(&[("login", "awa"), ("password", "wrong but secret")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let echo = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("passerelle_echo="))
        .unwrap();
    assert!(!echo.contains("secret"));
    let html = app
        .client
        .get(app.url("/login"))
        .header("cookie", common::cookie_pair(&echo))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("value=\"awa\""), "the login comes back");
    assert!(!html.contains("wrong but secret"));
}
