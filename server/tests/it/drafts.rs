//! Server copies of drafts: saved and loaded by their person, only for records they may edit;
//! when the record changed meanwhile, the load gives the field-by-field merge and the conflicts;
//! a submit from a stale version is refused; a successful submit clears the draft; 90 days.
use crate::common;
use common::{TestApp, add_person, call, count, error_codes, sign_in, spawn_app};
use reqwest::StatusCode;
use serde_json::{Value, json};

const PASSWORD: &str = "drafts survive the storm";

async fn save(
    app: &TestApp,
    cookie: &str,
    form: &str,
    key: &str,
    fields: Value,
    base: Value,
    version: i64,
) -> reqwest::Response {
    call(
        app,
        "drafts/save",
        &[
            ("form", form),
            ("record_key", key),
            ("fields", &fields.to_string()),
            ("base", &base.to_string()),
            ("base_version", &version.to_string()),
        ],
        Some(cookie),
    )
    .await
}

async fn load(app: &TestApp, cookie: &str, form: &str, key: &str) -> Value {
    let r = call(
        app,
        "drafts/load",
        &[("form", form), ("record_key", key)],
        Some(cookie),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

fn profile(name: &str, acronym: &str) -> Value {
    json!({"legal_name": name, "acronym": acronym, "country": "SN", "email": ""})
}

async fn organisation(app: &TestApp, admin: &str) -> String {
    call(
        app,
        "organisations/create",
        &[
            ("legal_name", "Sahel Vert"),
            ("country", "SN"),
            ("kind", "national_ngo"),
        ],
        Some(admin),
    )
    .await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM organisations")
        .fetch_one(&app.db)
        .await
        .unwrap();
    id.to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_is_kept_for_its_person_and_cleared_by_the_submit() {
    let app = spawn_app().await;
    add_person(&app, "ama@example.org", "ama", PASSWORD).await;
    let ama = sign_in(&app, "ama", PASSWORD).await;
    let state = load(&app, &ama, "my_details", "").await;
    assert!(state["draft"].is_null());
    let version = state["record_version"].as_i64().unwrap();
    let mut mine = state["record"].clone();
    mine["display_name"] = json!("Ama K.");
    let r = save(
        &app,
        &ama,
        "my_details",
        "",
        mine.clone(),
        state["record"].clone(),
        version,
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let again = load(&app, &ama, "my_details", "").await;
    assert_eq!(again["draft"]["fields"]["display_name"], "Ama K.");
    assert!(
        again["draft"]["merge"].is_null(),
        "the record did not change"
    );

    let v = version.to_string();
    let r = call(
        &app,
        "accounts/update_my_details",
        &[
            ("username", "ama"),
            ("display_name", "Ama K."),
            ("first_name", "Ama"),
            ("last_name", "Test"),
            ("locale", "fr"),
            ("version", &v),
        ],
        Some(&ama),
    )
    .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    assert!(
        load(&app, &ama, "my_details", "").await["draft"].is_null(),
        "cleared by the submit"
    );
    // A submit from the old version is refused: it would overwrite what was saved since.
    let stale = call(
        &app,
        "accounts/update_my_details",
        &[
            ("username", "ama"),
            ("display_name", "Other"),
            ("first_name", "Ama"),
            ("last_name", "Test"),
            ("locale", "fr"),
            ("version", &v),
        ],
        Some(&ama),
    )
    .await;
    assert_eq!(error_codes(stale).await, ["_:record_changed"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_made_meanwhile_gives_the_merge_and_the_conflicts() {
    let app = spawn_app().await;
    add_person(&app, "ali@example.org", "ali", PASSWORD).await;
    add_person(&app, "bea@example.org", "bea", PASSWORD).await;
    let ali = sign_in(&app, "ali", PASSWORD).await;
    let bea = sign_in(&app, "bea", PASSWORD).await;
    let org = organisation(&app, &ali).await;
    call(
        &app,
        "organisations/add_member",
        &[
            ("organisation_id", &org),
            ("name", "Bea"),
            ("email", "bea@example.org"),
            ("role", "editor"),
        ],
        Some(&ali),
    )
    .await;

    // Ali starts a draft from version 1: a new acronym and a new name.
    let state = load(&app, &ali, "organisation_profile", &org).await;
    let base = state["record"].clone();
    let version = state["record_version"].as_i64().unwrap();
    save(
        &app,
        &ali,
        "organisation_profile",
        &org,
        profile("Sahel Vert International", "SVI"),
        base.clone(),
        version,
    )
    .await;
    // Meanwhile Bea changes the name (differently) and the address.
    let r = call(
        &app,
        "organisations/update_profile",
        &[
            ("organisation_id", &org),
            ("legal_name", "Sahel Vert Sénégal"),
            ("country", "SN"),
            ("email", "contact@sahel.example"),
            ("version", &version.to_string()),
        ],
        Some(&bea),
    )
    .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );

    let state = load(&app, &ali, "organisation_profile", &org).await;
    let merge = &state["draft"]["merge"];
    assert_eq!(merge["merged"]["acronym"], "SVI", "Ali's change alone");
    assert_eq!(
        merge["merged"]["email"], "contact@sahel.example",
        "Bea's change alone"
    );
    assert_eq!(
        merge["conflicts"],
        json!([{"field": "legal_name", "mine": "Sahel Vert International", "theirs": "Sahel Vert Sénégal"}])
    );
    // Submitting from the old version is refused; from the new one it goes through.
    let stale = call(
        &app,
        "organisations/update_profile",
        &[
            ("organisation_id", &org),
            ("legal_name", "Sahel Vert International"),
            ("country", "SN"),
            ("version", &version.to_string()),
        ],
        Some(&ali),
    )
    .await;
    assert_eq!(error_codes(stale).await, ["_:record_changed"]);
    let fresh = state["record_version"].as_i64().unwrap().to_string();
    let r = call(
        &app,
        "organisations/update_profile",
        &[
            ("organisation_id", &org),
            ("legal_name", "Sahel Vert International"),
            ("acronym", "SVI"),
            ("country", "SN"),
            ("email", "contact@sahel.example"),
            ("version", &fresh),
        ],
        Some(&ali),
    )
    .await;
    assert!(r.status().is_success() || r.status().is_redirection());
    assert!(load(&app, &ali, "organisation_profile", &org).await["draft"].is_null());
    assert_eq!(
        count(
            &app,
            "audit_events WHERE action = 'organisations.profile_updated'"
        )
        .await,
        2
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drafts_need_edit_rights_and_hold_no_secret() {
    let app = spawn_app().await;
    add_person(&app, "cam@example.org", "cam", PASSWORD).await;
    add_person(&app, "dee@example.org", "dee", PASSWORD).await;
    let cam = sign_in(&app, "cam", PASSWORD).await;
    let dee = sign_in(&app, "dee", PASSWORD).await;
    let org = organisation(&app, &cam).await;
    call(
        &app,
        "organisations/add_member",
        &[
            ("organisation_id", &org),
            ("name", "Dee"),
            ("email", "dee@example.org"),
            ("role", "reader"),
        ],
        Some(&cam),
    )
    .await;
    let r = save(
        &app,
        &dee,
        "organisation_profile",
        &org,
        profile("X", ""),
        profile("Sahel Vert", ""),
        1,
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "a reader edits nothing");
    let r = call(
        &app,
        "drafts/load",
        &[("form", "organisation_profile"), ("record_key", "999999")],
        Some(&cam),
    )
    .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = save(
        &app,
        &cam,
        "my_details",
        "",
        json!({"new_password": "x"}),
        json!({}),
        1,
    )
    .await;
    assert_eq!(error_codes(r).await, ["fields:draft_secret"]);
    let r = save(
        &app,
        &cam,
        "my_details",
        "",
        json!({"bio": "x".repeat(70_000)}),
        json!({}),
        1,
    )
    .await;
    assert_eq!(error_codes(r).await, ["fields:draft_too_large"]);
    let r = call(
        &app,
        "drafts/save",
        &[
            ("form", "my_details"),
            ("fields", "not json"),
            ("base", "{}"),
            ("base_version", "1"),
        ],
        Some(&cam),
    )
    .await;
    assert_eq!(error_codes(r).await, ["fields:draft_malformed"]);
    let r = save(&app, &cam, "elsewhere", "", json!({}), json!({}), 1).await;
    assert_eq!(error_codes(r).await, ["form:form_unknown"]);
    assert_eq!(count(&app, "drafts").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drafts_expire_after_ninety_days() {
    let app = spawn_app().await;
    add_person(&app, "eli@example.org", "eli", PASSWORD).await;
    let eli = sign_in(&app, "eli", PASSWORD).await;
    save(
        &app,
        &eli,
        "my_details",
        "",
        json!({"display_name": "Eli"}),
        json!({}),
        1,
    )
    .await;
    sqlx::query("UPDATE drafts SET expires_at = expires_at - 7776000000")
        .execute(&app.db)
        .await
        .unwrap();
    assert!(load(&app, &eli, "my_details", "").await["draft"].is_null());
    assert_eq!(app::drafts::repo::purge_expired(&app.db).await.unwrap(), 1);
    assert_eq!(count(&app, "drafts").await, 0);
}

/// Two new designation forms open at one station (another type, or a copy, in another tab):
/// saving one discards only its own server draft; the other tab's copy stays, also after a
/// submit of the first.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn saving_a_new_designation_keeps_the_other_new_forms_drafts() {
    let app = spawn_app().await;
    add_person(&app, "ana@example.org", "ana", PASSWORD).await;
    let ana = sign_in(&app, "ana", PASSWORD).await;
    let org = common::consultative_organisation(&app, &ana, "Voix des Femmes").await;
    let id: i64 = org.parse().unwrap();
    let principal = app::accreditation::draft_key(id, "geneva", None, "principal_representative");
    let additional = app::accreditation::draft_key(id, "geneva", None, "additional_representative");
    let copy = app::accreditation::draft_key(id, "geneva", None, "c99");
    for key in [&principal, &additional, &copy] {
        let r = save(
            &app,
            &ana,
            "designation",
            key,
            json!({"last_name": key}),
            json!({}),
            0,
        )
        .await;
        assert!(r.status().is_success(), "{key}: {}", r.status());
    }
    let drafts = |key: String| {
        let app = &app;
        async move {
            count(
                app,
                &format!("drafts WHERE form = 'designation' AND record_key = '{key}'"),
            )
            .await
        }
    };
    let mut form =
        common::designation_form(&org, "geneva", "principal_representative", "Awa", "Ba");
    form.push(("draft_key".into(), principal.clone()));
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = call(&app, "accreditation/save", &pairs, Some(&ana)).await;
    assert!(r.status().is_success(), "{}", r.status());
    assert_eq!(drafts(principal.clone()).await, 0, "its own draft goes");
    assert_eq!(drafts(additional.clone()).await, 1, "the other tab's stays");
    assert_eq!(drafts(copy.clone()).await, 1, "the copy's stays");

    // A submit from the additional form discards only that one.
    let mut form =
        common::designation_form(&org, "geneva", "additional_representative", "Ila", "Sy");
    form.push(("draft_key".into(), additional.clone()));
    form.push(("submit".into(), "1".into()));
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = call(&app, "accreditation/save", &pairs, Some(&ana)).await;
    assert!(r.status().is_success(), "{}", r.status());
    assert_eq!(drafts(additional).await, 0);
    assert_eq!(drafts(copy).await, 1);
}
