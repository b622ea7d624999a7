//! Organisations and memberships: the creator administers; administrators add people; join
//! requests are approved or declined with mails both ways; the last administrator stays; country
//! offices hang under an international NGO's headquarters; every change is in the history.
use crate::common;
use common::{
    TestApp, add_person, call, count, error_codes, nth_mail_to, sign_in, spawn_app,
    spawn_app_with_mail,
};
use reqwest::StatusCode;

const PASSWORD: &str = "summer rain on red roofs";

fn ok(r: &reqwest::Response) -> bool {
    r.status().is_success() || r.status().is_redirection()
}

async fn create(app: &TestApp, cookie: &str, name: &str, kind: &str) -> i64 {
    let r = call(
        app,
        "organisations/create",
        &[("legal_name", name), ("country", "SN"), ("kind", kind)],
        Some(cookie),
    )
    .await;
    assert!(ok(&r), "{}", r.status());
    sqlx::query_scalar("SELECT id FROM organisations WHERE legal_name = $1")
        .bind(name)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

async fn page(app: &TestApp, cookie: &str, id: i64) -> reqwest::Response {
    call(
        app,
        "organisations/page",
        &[("id", &id.to_string())],
        Some(cookie),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_join_request_approved_by_the_administrator_gives_access_with_mails_both_ways() {
    let (app, sink) = spawn_app_with_mail().await;
    add_person(&app, "amina@example.org", "amina", PASSWORD).await;
    add_person(&app, "bruno@example.org", "bruno", PASSWORD).await;
    let amina = sign_in(&app, "amina", PASSWORD).await;
    let bruno = sign_in(&app, "bruno", PASSWORD).await;
    let org = create(&app, &amina, "Eaux du Sahel", "national_ngo").await;
    let org_s = org.to_string();

    // Bruno finds it in the search list and asks, naming an administrator.
    let found: serde_json::Value = call(
        &app,
        "organisations/search",
        &[("q", "sahel")],
        Some(&bruno),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(found[0]["id"], org);
    let r = call(
        &app,
        "organisations/request_to_join",
        &[
            ("organisation_id", &org_s),
            ("admin_email", "amina@example.org"),
            ("message", "I run the Thiès office"),
        ],
        Some(&bruno),
    )
    .await;
    assert!(ok(&r), "{}", r.status());
    let to_admin = nth_mail_to(&sink, "amina@example.org", 1).await;
    assert!(
        to_admin.body.contains("bruno@example.org") && to_admin.body.contains("Thiès"),
        "{}",
        to_admin.body
    );
    assert_eq!(
        page(&app, &bruno, org).await.status(),
        StatusCode::FORBIDDEN,
        "not a member yet"
    );

    let p: serde_json::Value = page(&app, &amina, org).await.json().await.unwrap();
    let request_id = p["join_requests"][0]["id"].as_i64().unwrap().to_string();
    let r = call(
        &app,
        "organisations/decide_join_request",
        &[
            ("request_id", &request_id),
            ("decision", "approve"),
            ("role", "editor"),
        ],
        Some(&amina),
    )
    .await;
    assert!(ok(&r), "{}", r.status());
    let to_requester = nth_mail_to(&sink, "bruno@example.org", 1).await;
    assert!(to_requester.raw.contains("accept"), "{}", to_requester.raw);
    let p: serde_json::Value = page(&app, &bruno, org).await.json().await.unwrap();
    assert_eq!(p["my_role"], "editor");
    let actions: Vec<&str> = p["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "organisations.created",
            "organisations.join_requested",
            "organisations.join_request_decided"
        ]
    );
    // Decided once.
    let again = call(
        &app,
        "organisations/decide_join_request",
        &[("request_id", &request_id), ("decision", "decline")],
        Some(&amina),
    )
    .await;
    assert_eq!(error_codes(again).await, ["_:already_decided"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_declined_request_is_mailed_and_gives_no_access() {
    let (app, sink) = spawn_app_with_mail().await;
    add_person(&app, "carla@example.org", "carla", PASSWORD).await;
    add_person(&app, "dan@example.org", "dan", PASSWORD).await;
    let carla = sign_in(&app, "carla", PASSWORD).await;
    let dan = sign_in(&app, "dan", PASSWORD).await;
    let org = create(
        &app,
        &carla,
        "Jardins partagés",
        "community_based_organisation",
    )
    .await;
    call(
        &app,
        "organisations/request_to_join",
        &[
            ("organisation_id", &org.to_string()),
            ("admin_email", "carla@example.org"),
        ],
        Some(&dan),
    )
    .await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM join_requests")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let r = call(
        &app,
        "organisations/decide_join_request",
        &[("request_id", &id.to_string()), ("decision", "decline")],
        Some(&carla),
    )
    .await;
    assert!(ok(&r));
    let mail = nth_mail_to(&sink, "dan@example.org", 1).await;
    assert!(mail.raw.contains("refus"), "{}", mail.raw);
    assert_eq!(page(&app, &dan, org).await.status(), StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn join_requests_to_unknown_organisations_or_wrong_administrators_are_refused() {
    let (app, _sink) = spawn_app_with_mail().await;
    add_person(&app, "emma@example.org", "emma", PASSWORD).await;
    add_person(&app, "finn@example.org", "finn", PASSWORD).await;
    let emma = sign_in(&app, "emma", PASSWORD).await;
    let finn = sign_in(&app, "finn", PASSWORD).await;
    let org = create(&app, &emma, "Solidarité Kaolack", "national_ngo").await;
    let unknown = call(
        &app,
        "organisations/request_to_join",
        &[
            ("organisation_id", "999999"),
            ("admin_email", "emma@example.org"),
        ],
        Some(&finn),
    )
    .await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error_codes(unknown).await,
        ["organisation_id:organisation_unknown"]
    );
    let wrong = call(
        &app,
        "organisations/request_to_join",
        &[
            ("organisation_id", &org.to_string()),
            ("admin_email", "finn@example.org"),
        ],
        Some(&finn),
    )
    .await;
    assert_eq!(error_codes(wrong).await, ["admin_email:admin_email_wrong"]);
    assert_eq!(count(&app, "join_requests").await, 0);
    let forged_id = call(
        &app,
        "organisations/request_to_join",
        &[
            ("organisation_id", "not-a-number"),
            ("admin_email", "emma@example.org"),
        ],
        Some(&finn),
    )
    .await;
    assert_eq!(forged_id.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_administrators_manage_members_and_the_last_one_stays() {
    let (app, sink) = spawn_app_with_mail().await;
    add_person(&app, "gaia@example.org", "gaia", PASSWORD).await;
    add_person(&app, "hugo@example.org", "hugo", PASSWORD).await;
    let gaia = sign_in(&app, "gaia", PASSWORD).await;
    let hugo = sign_in(&app, "hugo", PASSWORD).await;
    let org = create(&app, &gaia, "Voix des femmes", "national_ngo").await;
    let org_s = org.to_string();
    let r = call(
        &app,
        "organisations/add_member",
        &[
            ("organisation_id", &org_s),
            ("name", "Hugo"),
            ("email", "hugo@example.org"),
            ("role", "editor"),
        ],
        Some(&gaia),
    )
    .await;
    assert!(ok(&r), "{}", r.status());
    assert!(
        nth_mail_to(&sink, "hugo@example.org", 1)
            .await
            .raw
            .contains("Voix des femmes")
    );
    let dup = call(
        &app,
        "organisations/add_member",
        &[
            ("organisation_id", &org_s),
            ("name", "Hugo"),
            ("email", "hugo@example.org"),
            ("role", "reader"),
        ],
        Some(&gaia),
    )
    .await;
    assert_eq!(error_codes(dup).await, ["email:already_member"]);

    let members: serde_json::Value = page(&app, &gaia, org).await.json().await.unwrap();
    let id_of = |email: &str| {
        members["members"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["email"] == email)
            .unwrap()["id"]
            .as_i64()
            .unwrap()
            .to_string()
    };
    let gaia_m = id_of("gaia@example.org");
    let hugo_m = id_of("hugo@example.org");
    // An editor cannot change roles.
    let r = call(
        &app,
        "organisations/change_member_role",
        &[("membership_id", &gaia_m), ("role", "reader")],
        Some(&hugo),
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // The last administrator can be neither demoted nor leave.
    let r = call(
        &app,
        "organisations/change_member_role",
        &[("membership_id", &gaia_m), ("role", "editor")],
        Some(&gaia),
    )
    .await;
    assert_eq!(error_codes(r).await, ["_:last_administrator"]);
    let r = call(
        &app,
        "organisations/leave",
        &[("organisation_id", &org_s)],
        Some(&gaia),
    )
    .await;
    assert_eq!(error_codes(r).await, ["_:last_administrator"]);
    // With a second administrator, she can leave.
    let r = call(
        &app,
        "organisations/change_member_role",
        &[("membership_id", &hugo_m), ("role", "administrator")],
        Some(&gaia),
    )
    .await;
    assert!(ok(&r));
    let r = call(
        &app,
        "organisations/leave",
        &[("organisation_id", &org_s)],
        Some(&gaia),
    )
    .await;
    assert!(ok(&r), "{}", r.status());
    assert_eq!(page(&app, &gaia, org).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        count(&app, "memberships WHERE status = 'ended'").await,
        1,
        "kept, not deleted"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn country_offices_hang_under_an_international_headquarters() {
    let (app, _sink) = spawn_app_with_mail().await;
    add_person(&app, "ivan@example.org", "ivan", PASSWORD).await;
    add_person(&app, "jade@example.org", "jade", PASSWORD).await;
    let ivan = sign_in(&app, "ivan", PASSWORD).await;
    let jade = sign_in(&app, "jade", PASSWORD).await;
    let hq = create(&app, &ivan, "Water Without Borders", "international_ngo").await;
    let national = create(&app, &ivan, "Local Water", "national_ngo").await;
    let office = |parent: i64, cookie: String| {
        let app = &app;
        async move {
            call(
                app,
                "organisations/create",
                &[
                    ("legal_name", "Water Without Borders Haiti"),
                    ("country", "HT"),
                    ("kind", "international_ngo"),
                    ("parent_id", &parent.to_string()),
                ],
                Some(&cookie),
            )
            .await
        }
    };
    assert_eq!(
        office(hq, jade.clone()).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        error_codes(office(national, ivan.clone()).await).await,
        ["_:office_needs_international_hq"]
    );
    // HQ first, and complete: its partner profile before any office.
    assert_eq!(
        error_codes(office(hq, ivan.clone()).await).await,
        ["_:profile_incomplete"]
    );
    common::complete_partner_profile(&app, &ivan, hq).await;
    assert!(ok(&office(hq, ivan.clone()).await));
    let p: serde_json::Value = page(&app, &ivan, hq).await.json().await.unwrap();
    assert_eq!(p["offices"][0][1], "Water Without Borders Haiti");
    let dup = call(
        &app,
        "organisations/create",
        &[
            ("legal_name", "Local Water"),
            ("country", "SN"),
            ("kind", "national_ngo"),
        ],
        Some(&jade),
    )
    .await;
    assert_eq!(error_codes(dup).await, ["legal_name:organisation_exists"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn consultative_status_is_recorded_by_platform_administrators() {
    let (app, _sink) = spawn_app_with_mail().await;
    let admin = add_person(&app, "root@example.org", "root", PASSWORD).await;
    common::grant(&app, admin, "platform_admin", "").await;
    add_person(&app, "kofi@example.org", "kofi", PASSWORD).await;
    let root = sign_in(&app, "root", PASSWORD).await;
    let kofi = sign_in(&app, "kofi", PASSWORD).await;
    let org = create(&app, &kofi, "Réseau Climat", "national_ngo").await;
    let form = [
        ("organisation_id", org.to_string()),
        ("status", "general".into()),
        ("year", "2004".into()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        call(
            &app,
            "organisations/set_consultative_status",
            &form,
            Some(&kofi)
        )
        .await
        .status(),
        StatusCode::FORBIDDEN
    );
    assert!(ok(&call(
        &app,
        "organisations/set_consultative_status",
        &form,
        Some(&root)
    )
    .await));
    let p: serde_json::Value = page(&app, &kofi, org).await.json().await.unwrap();
    assert_eq!(p["consultative_status"], "general");
    assert_eq!(p["consultative_since"], 2004);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_likely_duplicate_is_refused_at_creation_and_its_matches_offered_to_join() {
    let app = spawn_app().await;
    add_person(&app, "awa@example.org", "awa", PASSWORD).await;
    add_person(&app, "binta@example.org", "binta", PASSWORD).await;
    let awa = sign_in(&app, "awa", PASSWORD).await;
    let binta = sign_in(&app, "binta", PASSWORD).await;
    let first = create(
        &app,
        &awa,
        "Association Femmes & Développement",
        "national_ngo",
    )
    .await;
    let attempt = |name: &'static str, country: &'static str, number: &'static str| {
        let (app, binta) = (&app, binta.clone());
        async move {
            call(
                app,
                "organisations/create",
                &[
                    ("legal_name", name),
                    ("country", country),
                    ("kind", "national_ngo"),
                    ("registration_number", number),
                ],
                Some(&binta),
            )
            .await
        }
    };
    // The same organisation, written otherwise: refused, nothing created.
    for name in ["FEMMES ET DEVELOPPEMENT (ONG)", "Femmes et Dévelopement"] {
        let r = attempt(name, "SN", "").await;
        assert_eq!(
            error_codes(r).await,
            ["legal_name:likely_duplicate"],
            "{name}"
        );
    }
    assert_eq!(count(&app, "organisations").await, 1);
    // The matches, to ask to join.
    let r = call(
        &app,
        "organisations/similar",
        &[
            ("legal_name", "FEMMES ET DEVELOPPEMENT (ONG)"),
            ("country", "SN"),
        ],
        Some(&binta),
    )
    .await;
    let found: serde_json::Value = r.json().await.unwrap();
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    assert_eq!(found[0]["organisation"]["id"], first);
    assert_eq!(found[0]["likeness"]["reason"], "name");
    assert!(found[0]["likeness"]["score"].as_u64().unwrap() >= 80);
    let r = call(
        &app,
        "organisations/similar",
        &[("legal_name", "Femmes"), ("country", "SN")],
        None,
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    // The page lists them after a plain post (no JavaScript), with a join form each.
    let r = app
        .client
        .post(app.url("/api/organisations/create"))
        .header("origin", &app.address)
        .header("cookie", &binta)
        .header("accept", "text/html")
        .header("referer", app.url("/organisations"))
        .form(&[
            ("legal_name", "FEMMES ET DEVELOPPEMENT (ONG)"),
            ("country", "SN"),
            ("kind", "national_ngo"),
        ])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_redirection(), "{}", r.status());
    let back = r.headers()["location"].to_str().unwrap().to_string();
    // The typed values come back in the echo cookie, as a browser sends it.
    let echo = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("passerelle_echo="))
        .map(common::cookie_pair)
        .expect("the typed values are kept");
    let html = app
        .page_text(&back, Some(&format!("{binta}; {echo}")))
        .await;
    assert!(html.contains("data-testid=\"duplicates\""), "{back}");
    assert!(html.contains(&format!("name=\"organisation_id\" value=\"{first}\"")));
    // Another country, or another organisation: created.
    assert!(ok(&attempt("Femmes et Développement", "ML", "").await));
    assert!(ok(&attempt("Groupe Alpha", "SN", "RC-2001-0042").await));
    // The same registration number, however written, is the same organisation.
    let r = attempt("Collectif Beta", "SN", "rc 2001 0042").await;
    assert_eq!(error_codes(r).await, ["legal_name:likely_duplicate"]);
    assert_eq!(count(&app, "organisations").await, 3);
    // Joining the match goes through the usual request.
    let r = call(
        &app,
        "organisations/request_to_join",
        &[
            ("organisation_id", &first.to_string()),
            ("admin_email", "awa@example.org"),
        ],
        Some(&binta),
    )
    .await;
    assert!(ok(&r));
}
