//! Partner profiles (issue 14): the seven sections saved one at a time with the one validator,
//! completeness naming what is missing, documents answering file fields, agencies' partner
//! codes and the spending import (all rows or none, idempotent), through the real endpoints.
use crate::common;
use common::{TestApp, add_person, call, count, error_codes, grant, sign_in, spawn_app, upload};
use reqwest::StatusCode;
use serde_json::Value;

const PASSWORD: &str = "partners in every country";
const PDF: &[u8] = common::TEST_PDF;

async fn organisation(app: &TestApp, cookie: &str, name: &str, kind: &str) -> String {
    let r = call(
        app,
        "organisations/create",
        &[("legal_name", name), ("country", "SN"), ("kind", kind)],
        Some(cookie),
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());
    let id: i64 = sqlx::query_scalar("SELECT id FROM organisations WHERE legal_name = $1")
        .bind(name)
        .fetch_one(&app.db)
        .await
        .unwrap();
    id.to_string()
}

async fn profile(app: &TestApp, id: &str, cookie: &str) -> Value {
    let r = call(
        app,
        "partners/profile",
        &[("organisation_id", id)],
        Some(cookie),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

/// What the profile lacks, section by section.
fn missing(p: &Value) -> Vec<(String, Vec<String>)> {
    p["completeness"]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let fields = s[1]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f.as_str().unwrap().to_string())
                .collect();
            (s[0].as_str().unwrap().to_string(), fields)
        })
        .collect()
}

async fn save(
    app: &TestApp,
    cookie: &str,
    id: &str,
    section: &str,
    version: i64,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let version = version.to_string();
    let mut form = vec![
        ("organisation_id", id),
        ("section", section),
        ("version", version.as_str()),
    ];
    form.extend_from_slice(fields);
    call(app, "partners/save_section", &form, Some(cookie)).await
}

fn ok(r: &reqwest::Response) {
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_profile_is_completed_section_by_section_and_says_what_is_missing() {
    let app = spawn_app().await;
    add_person(&app, "awa@example.org", "awa", PASSWORD).await;
    add_person(&app, "ali@example.org", "ali", PASSWORD).await;
    add_person(&app, "other@example.org", "other", PASSWORD).await;
    let awa = sign_in(&app, "awa", PASSWORD).await;
    let other = sign_in(&app, "other", PASSWORD).await;
    let id = organisation(
        &app,
        &awa,
        "Association Femmes & Développement",
        "national_ngo",
    )
    .await;
    let theirs = organisation(&app, &other, "Jeunes du Sahel", "national_ngo").await;
    ok(&call(
        &app,
        "organisations/add_member",
        &[
            ("organisation_id", &id),
            ("name", "Ali"),
            ("email", "ali@example.org"),
            ("role", "reader"),
        ],
        Some(&awa),
    )
    .await);
    let ali = sign_in(&app, "ali", PASSWORD).await;

    let p = profile(&app, &id, &awa).await;
    assert_eq!(p["completeness"]["percent"], 0);
    assert_eq!(p["version"], 0);
    assert_eq!(missing(&p)[1].0, "contacts");
    assert!(missing(&p)[1].1.contains(&"phone".to_string()));

    // Every problem at once, and nothing written.
    let r = save(
        &app,
        &awa,
        &id,
        "identification",
        0,
        &[
            ("year_established", "2999"),
            ("registered", "yes"),
            ("registration_date", "2030-01-01"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let mut codes = error_codes(r).await;
    codes.sort();
    assert_eq!(
        codes,
        [
            "registration_date:date_in_future",
            "year_established:number_out_of_range"
        ]
    );
    assert_eq!(count(&app, "partner_answers").await, 0);

    // A reader reads but does not edit; an outsider does neither.
    let r = save(
        &app,
        &ali,
        &id,
        "identification",
        0,
        &[("year_established", "1998")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    profile(&app, &id, &ali).await;
    let r = call(
        &app,
        "partners/profile",
        &[("organisation_id", &id)],
        Some(&other),
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = save(
        &app,
        &other,
        &id,
        "identification",
        0,
        &[("year_established", "1998")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // Saved incomplete: what is missing is named.
    ok(&save(
        &app,
        &awa,
        &id,
        "identification",
        0,
        &[
            ("year_established", "1998"),
            ("registered", "no"),
            ("registration_number", "dropped: not asked after a no"),
            ("not_registered_reason", "Dossier en cours au ministère"),
            ("women_led", "yes"),
        ],
    )
    .await);
    let p = profile(&app, &id, &awa).await;
    assert_eq!(p["version"], 1);
    assert_eq!(
        missing(&p)[0],
        (
            "identification".to_string(),
            vec!["governing_document".to_string()]
        )
    );
    assert!(p["answers"].get("registration_number").is_none());
    assert_eq!(p["answers"]["women_led"], "yes");
    let first = p["completeness"]["percent"].as_i64().unwrap();
    assert!(first > 0 && first < 100, "{first}");
    // "My organisations" tells the same figure.
    let mine = call(&app, "organisations/mine", &[], Some(&awa))
        .await
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(mine["memberships"][0]["profile_percent"], first);

    // A save from an older version is refused.
    let r = save(
        &app,
        &awa,
        &id,
        "identification",
        0,
        &[("year_established", "1997")],
    )
    .await;
    assert_eq!(error_codes(r).await, ["_:record_changed"]);

    // The governing document is uploaded, and answers its field; another organisation's file
    // cannot be named.
    let r = upload(
        &app,
        "uploads/partner_documents",
        &[("organisation_id", &id)],
        &[("partner_governing_document", "statuts.pdf", PDF)],
        Some(&awa),
    )
    .await;
    ok(&r);
    let p = profile(&app, &id, &awa).await;
    assert!(missing(&p)[0].1.is_empty(), "{:?}", missing(&p)[0]);
    assert_eq!(p["version"], 2);
    let file = p["answers"]["governing_document"]
        .as_str()
        .unwrap()
        .to_string();
    ok(&upload(
        &app,
        "uploads/partner_documents",
        &[("organisation_id", &theirs)],
        &[("partner_governing_document", "autres.pdf", PDF)],
        Some(&other),
    )
    .await);
    let foreign: i64 = sqlx::query_scalar("SELECT id FROM uploads WHERE file_name = 'autres.pdf'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let r = save(
        &app,
        &awa,
        &id,
        "identification",
        2,
        &[
            ("year_established", "1998"),
            ("registered", "no"),
            ("not_registered_reason", "Dossier en cours"),
            ("governing_document", &foreign.to_string()),
        ],
    )
    .await;
    assert_eq!(error_codes(r).await, ["governing_document:file_invalid"]);
    let r = upload(
        &app,
        "uploads/partner_documents",
        &[("organisation_id", &id)],
        &[("partner_audit_report", "audit.pdf", PDF)],
        Some(&ali),
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // Every section filled: complete at 100 %, ticked choices and countries as lists.
    let sections = common::complete_sections(&file);
    let mut version = 2;
    for (section, fields) in &sections {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        ok(&save(&app, &awa, &id, section, version, &fields).await);
        version += 1;
    }
    let p = profile(&app, &id, &awa).await;
    assert!(
        missing(&p).iter().all(|(_, m)| m.is_empty()),
        "{:?}",
        missing(&p)
    );
    assert_eq!(p["completeness"]["percent"], 100);
    assert_eq!(p["answers"]["sectors"], "health,gender_equality");
    let html = app.page_text("/organisations", Some(&awa)).await;
    assert!(
        html.contains("100\u{202f}% du profil partenaire rempli"),
        "{html}"
    );
    assert_eq!(p["answers"]["countries_of_operation"], "ML,SN");
    assert_eq!(
        p["answers"]["data_confirmed"],
        app::ssr::db::today().to_string()
    );
    let stored: i64 =
        sqlx::query_scalar("SELECT completeness FROM partner_profiles WHERE organisation_id = $1")
            .bind(id.parse::<i64>().unwrap())
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(stored, 100);
    // "Audited: yes" asks for the report again.
    ok(&save(
        &app,
        &awa,
        &id,
        "implementation",
        version,
        &[
            ("results_based_management", "yes"),
            ("monitoring_evaluation", "yes"),
            ("feedback_mechanism", "yes"),
            ("segregation_of_duties", "yes"),
            ("bank_account", "yes"),
            ("audited", "yes"),
            ("key_results", "2 000 femmes formées."),
        ],
    )
    .await);
    let p = profile(&app, &id, &awa).await;
    assert_eq!(missing(&p)[5].1, ["audit_report"]);

    // The pages: missing fields are links to them; the section form has every field.
    let html = app.page_text(&format!("/partners/{id}"), Some(&awa)).await;
    assert!(
        html.contains(&format!(
            "href=\"/partners/{id}/implementation#pp-audit_report\""
        )),
        "{html}"
    );
    let html = app
        .page_text(&format!("/partners/{id}/contacts"), Some(&awa))
        .await;
    assert!(html.contains("id=\"pp-phone\"") && html.contains("value=\"+221 33 123 45 67\""));
    assert_eq!(
        html.matches("name=\"version\"").count(),
        1,
        "one version field, or the post is refused"
    );
    assert_eq!(
        count(
            &app,
            "audit_events WHERE action = 'partners.profile_section_saved'"
        )
        .await,
        9
    );
    // Not a partner kind: no profile.
    let town = organisation(&app, &awa, "Ville de Thiès", "local_authority").await;
    let r = call(
        &app,
        "partners/profile",
        &[("organisation_id", &town)],
        Some(&awa),
    )
    .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

/// A spending CSV as Excel writes it in French: BOM, semicolons, decimal commas.
fn seed_csv(code: &str) -> Vec<u8> {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(
        format!(
            "Code partenaire;Année;Montant USD\r\n{code};2018;38 758,00\r\n{code};2019;85971\r\n{code};2020;117 824\r\n{code};2021;96956,00\r\n"
        )
        .as_bytes(),
    );
    bytes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agency_links_its_code_and_imports_spending_all_or_nothing() {
    let app = spawn_app().await;
    add_person(&app, "awa@example.org", "awa", PASSWORD).await;
    let unfpa = add_person(&app, "unfpa@example.org", "unfpa", PASSWORD).await;
    grant(&app, unfpa, "agency_officer", "UNFPA").await;
    let unicef = add_person(&app, "unicef@example.org", "unicef", PASSWORD).await;
    grant(&app, unicef, "agency_officer", "UNICEF").await;
    let awa = sign_in(&app, "awa", PASSWORD).await;
    let unfpa = sign_in(&app, "unfpa", PASSWORD).await;
    let unicef = sign_in(&app, "unicef", PASSWORD).await;
    let aie = organisation(
        &app,
        &awa,
        "Association Internationale pour l'Enfance",
        "national_ngo",
    )
    .await;
    let other = organisation(&app, &awa, "Jeunes du Sahel", "national_ngo").await;

    // Not linked yet: the agency's table says so.
    let p = profile(&app, &aie, &unfpa).await;
    assert_eq!(p["agencies"][0]["agency"], "unfpa");
    assert!(p["agencies"][0]["code"].is_null());
    let html = app
        .page_text(
            &format!("/partners/{aie}"),
            Some(&format!("{unfpa}; i18n_pref_locale=en")),
        )
        .await;
    assert!(html.contains("Partner code not provided by the agency"));

    let link = |org: String, agency: &'static str, code: &'static str, who: String| {
        let app = &app;
        async move {
            call(
                app,
                "partners/link_code",
                &[
                    ("organisation_id", &org),
                    ("agency", agency),
                    ("code", code),
                ],
                Some(&who),
            )
            .await
        }
    };
    assert_eq!(
        link(aie.clone(), "unfpa", "p12345", unicef.clone())
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        link(aie.clone(), "unfpa", "p12345", awa.clone())
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        error_codes(link(aie.clone(), "unfpa", "P 12", unfpa.clone()).await).await,
        ["code:partner_code_invalid"]
    );
    ok(&link(aie.clone(), "unfpa", "p12345", unfpa.clone()).await);
    assert_eq!(
        error_codes(link(other.clone(), "unfpa", "P12345", unfpa.clone()).await).await,
        ["code:partner_code_taken"]
    );
    // Another agency may use the same code for another profile.
    ok(&link(other.clone(), "unicef", "P12345", unicef.clone()).await);
    assert_eq!(
        count(
            &app,
            "audit_events WHERE action = 'partners.partner_code_linked'"
        )
        .await,
        2
    );

    let import = |bytes: Vec<u8>, agency: &'static str, who: String| {
        let app = &app;
        async move {
            upload(
                app,
                "uploads/partner_spending",
                &[("agency", agency)],
                &[("file", "depenses.csv", &bytes)],
                Some(&who),
            )
            .await
        }
    };
    // Every bad line reported, nothing applied.
    let bad = "partner_code,year,amount\nP12345,2018,100\nP12345,1980,100\nP12345,2019,-5\nP99999,2019,5\nP12345,2018,7\nP12345,2020,beaucoup\n,2020,1\n";
    let r = import(bad.as_bytes().to_vec(), "unfpa", unfpa.clone()).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error_codes(r).await,
        [
            "line3:year_out_of_range",
            "line4:amount_negative",
            "line5:partner_code_unknown",
            "line6:duplicate_row",
            "line7:amount_invalid",
            "line8:partner_code_required",
        ]
    );
    assert_eq!(count(&app, "partner_spending").await, 0);
    // Another agency's officer imports for their agency only.
    assert_eq!(
        import(seed_csv("P12345"), "unfpa", unicef.clone())
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let r = import(b"\x00\x01\x02binary".to_vec(), "unfpa", unfpa.clone()).await;
    assert_eq!(error_codes(r).await, ["file:not_csv"]);
    let r = import(vec![b'a'; 9 * 1024 * 1024], "unfpa", unfpa.clone()).await;
    assert_eq!(error_codes(r).await, ["file:spending_file_too_large"]);

    // The seed's file, twice: the same data.
    for _ in 0..2 {
        ok(&import(seed_csv("P12345"), "unfpa", unfpa.clone()).await);
        assert_eq!(count(&app, "partner_spending").await, 4);
    }
    // UTF-16 as Excel's "Unicode text" (tabs), correcting one year.
    let text = "P12345\t2021\t96956\r\n";
    let mut utf16 = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    ok(&import(utf16, "unfpa", unfpa.clone()).await);
    let p = profile(&app, &aie, &awa).await;
    let unfpa_view = &p["agencies"][0];
    assert_eq!(unfpa_view["code"], "P12345");
    assert_eq!(
        unfpa_view["spending"]["years"],
        serde_json::json!([
            [2018, 3_875_800],
            [2019, 8_597_100],
            [2020, 11_782_400],
            [2021, 9_695_600]
        ])
    );
    assert_eq!(unfpa_view["spending"]["total_minor"], 33_950_900);
    // The seed's table, as the partner reads it.
    let html = app
        .page_text(
            &format!("/partners/{aie}"),
            Some(&format!("{awa}; i18n_pref_locale=en")),
        )
        .await;
    for figure in ["$38,758", "$85,971", "$117,824", "$96,956", "$339,509"] {
        assert!(html.contains(figure), "{figure}");
    }
    let html = app
        .page_text(
            &format!("/partners/{aie}"),
            Some(&format!("{awa}; i18n_pref_locale=fr")),
        )
        .await;
    assert!(html.contains("339\u{202f}509\u{a0}$"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agencies_verify_and_flag_profiles_and_partners_never_see_the_flags() {
    let (app, sink) = common::spawn_app_with_mail().await;
    add_person(&app, "awa@example.org", "awa", PASSWORD).await;
    let unfpa = add_person(&app, "unfpa@example.org", "unfpa", PASSWORD).await;
    grant(&app, unfpa, "agency_officer", "UNFPA").await;
    let unicef = add_person(&app, "unicef@example.org", "unicef", PASSWORD).await;
    grant(&app, unicef, "agency_officer", "UNICEF").await;
    let helpdesk = add_person(&app, "help@example.org", "help", PASSWORD).await;
    grant(&app, helpdesk, "help_desk", "").await;
    let awa = sign_in(&app, "awa", PASSWORD).await;
    let unfpa = sign_in(&app, "unfpa", PASSWORD).await;
    let unicef = sign_in(&app, "unicef", PASSWORD).await;
    let help = sign_in(&app, "help", PASSWORD).await;
    let id = organisation(&app, &awa, "Jeunes du Sahel", "national_ngo").await;
    assert!(profile(&app, &id, &awa).await["verification"].is_null());

    let verify = |who: String, agency: &'static str, answers: [&'static str; 5]| {
        let (app, id) = (&app, id.clone());
        async move {
            let [a, b, c, d, e] = answers;
            call(
                app,
                "partners/verify",
                &[
                    ("organisation_id", &id),
                    ("agency", agency),
                    ("registration_valid", a),
                    ("mandate_consistent", b),
                    ("safeguards_in_place", c),
                    ("other_risk", d),
                    ("risk_unacceptable", e),
                    ("comment", "Vu les statuts"),
                ],
                Some(&who),
            )
            .await
        }
    };
    assert_eq!(
        verify(unicef.clone(), "unfpa", ["yes", "yes", "yes", "no", "no"])
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        verify(awa.clone(), "unfpa", ["yes", "yes", "yes", "no", "no"])
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let r = verify(unfpa.clone(), "unfpa", ["yes", "", "yes", "no", "maybe"]).await;
    let mut codes = error_codes(r).await;
    codes.sort();
    assert_eq!(
        codes,
        [
            "mandate_consistent:required",
            "risk_unacceptable:choice_invalid"
        ]
    );
    let r = verify(unfpa.clone(), "unfpa", ["yes", "yes", "yes", "no", "yes"]).await;
    assert_eq!(error_codes(r).await, ["risk_unacceptable:risk_not_stated"]);
    ok(&verify(unfpa.clone(), "unfpa", ["yes", "yes", "yes", "no", "no"]).await);
    let p = profile(&app, &id, &awa).await;
    assert_eq!(p["verification"]["verified"], true);
    assert_eq!(p["verification"]["agency"], "unfpa");
    // The administrators hear of it (the agency's comment stays the agency's).
    let verified = common::nth_mail_to(&sink, "awa@example.org", 1).await;
    assert!(
        verified
            .body
            .contains("UNFPA a vérifié le profil de partenaire de Jeunes du Sahel"),
        "{}",
        verified.body
    );
    assert!(verified.body.contains(&format!("/partners/{id}")));
    assert!(!verified.body.contains("Vu les statuts"));
    // The latest verification stands.
    ok(&verify(unicef.clone(), "unicef", ["yes", "no", "yes", "no", "no"]).await);
    let p = profile(&app, &id, &awa).await;
    assert_eq!(p["verification"]["verified"], false);
    assert_eq!(p["verification"]["agency"], "unicef");
    let not_verified = common::nth_mail_to(&sink, "awa@example.org", 2).await;
    assert!(
        not_verified.body.contains("UNICEF a examiné le profil")
            && not_verified.body.contains("n'a pas pu le vérifier"),
        "{}",
        not_verified.body
    );

    // Flags: raised by an agency, seen by agencies only.
    let flag = |who: String, level: &'static str, comment: &'static str| {
        let (app, id) = (&app, id.clone());
        async move {
            call(
                app,
                "partners/flag",
                &[
                    ("organisation_id", &id),
                    ("agency", "unfpa"),
                    ("level", level),
                    ("category", "financial"),
                    ("comment", comment),
                ],
                Some(&who),
            )
            .await
        }
    };
    assert_eq!(
        flag(unicef.clone(), "yellow", "Retards").await.status(),
        StatusCode::FORBIDDEN
    );
    let r = flag(unfpa.clone(), "escalated", "").await;
    let mut codes = error_codes(r).await;
    codes.sort();
    assert_eq!(codes, ["comment:required", "level:choice_invalid"]);
    ok(&flag(unfpa.clone(), "yellow", "Rapports financiers en retard").await);
    let p = profile(&app, &id, &unicef).await;
    assert_eq!(p["flags"].as_array().unwrap().len(), 1);
    assert_eq!(p["flags"][0]["can_change"], false, "another agency's flag");
    for who in [&awa, &help] {
        let p = profile(&app, &id, who).await;
        assert_eq!(p["flags"], serde_json::json!([]));
        assert_eq!(p["can_see_flags"], false);
    }
    let html = app.page_text(&format!("/partners/{id}"), Some(&awa)).await;
    assert!(
        !html.contains("Rapports financiers en retard"),
        "the partner never reads a flag"
    );
    let p = profile(&app, &id, &unfpa).await;
    let flag_id = p["flags"][0]["id"].as_i64().unwrap().to_string();
    let change = |who: String, level: &'static str| {
        let (app, flag_id) = (&app, flag_id.clone());
        async move {
            call(
                app,
                "partners/change_flag",
                &[("flag_id", &flag_id), ("level", level)],
                Some(&who),
            )
            .await
        }
    };
    assert_eq!(
        error_codes(change(unfpa.clone(), "red").await).await,
        ["level:transition_not_allowed"]
    );
    assert_eq!(
        change(unicef.clone(), "escalated").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        change(awa.clone(), "escalated").await.status(),
        StatusCode::FORBIDDEN
    );
    ok(&change(unfpa.clone(), "escalated").await);
    ok(&change(unfpa.clone(), "red").await);
    let p = profile(&app, &id, &unfpa).await;
    assert_eq!(p["flags"][0]["level"], "red");
    assert_eq!(
        count(&app, "audit_events WHERE action LIKE 'partners.flag_%'").await,
        3
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agencies_search_profiles_by_completeness_verification_flags_and_code() {
    let app = spawn_app().await;
    add_person(&app, "awa@example.org", "awa", PASSWORD).await;
    let unfpa = add_person(&app, "unfpa@example.org", "unfpa", PASSWORD).await;
    grant(&app, unfpa, "agency_officer", "UNFPA").await;
    let awa = sign_in(&app, "awa", PASSWORD).await;
    let unfpa = sign_in(&app, "unfpa", PASSWORD).await;
    let women = organisation(&app, &awa, "Voix des femmes", "national_ngo").await;
    let youth = organisation(
        &app,
        &awa,
        "Jeunes du Sahel",
        "community_based_organisation",
    )
    .await;
    organisation(&app, &awa, "Ville de Thiès", "local_authority").await;
    ok(&save(
        &app,
        &awa,
        &women,
        "identification",
        0,
        &[("women_led", "yes"), ("year_established", "2001")],
    )
    .await);
    ok(&save(
        &app,
        &awa,
        &women,
        "mandate",
        1,
        &[("sectors[]", "health"), ("sectors[]", "education")],
    )
    .await);
    ok(&call(
        &app,
        "partners/link_code",
        &[
            ("organisation_id", &women),
            ("agency", "unfpa"),
            ("code", "P1"),
        ],
        Some(&unfpa),
    )
    .await);
    ok(&call(
        &app,
        "partners/verify",
        &[
            ("organisation_id", &youth),
            ("agency", "unfpa"),
            ("registration_valid", "yes"),
            ("mandate_consistent", "yes"),
            ("safeguards_in_place", "yes"),
            ("other_risk", "no"),
            ("risk_unacceptable", "no"),
        ],
        Some(&unfpa),
    )
    .await);

    let search = |pairs: &'static [(&'static str, &'static str)]| {
        let (app, unfpa) = (&app, unfpa.clone());
        async move {
            let r = call(app, "partners/search", pairs, Some(&unfpa)).await;
            assert_eq!(r.status(), StatusCode::OK);
            let v: Value = r.json().await.unwrap();
            let names: Vec<String> = v["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["legal_name"].as_str().unwrap().to_string())
                .collect();
            (names, v)
        }
    };
    let (all, v) = search(&[]).await;
    assert_eq!(
        all,
        ["Jeunes du Sahel", "Voix des femmes"],
        "partner kinds only"
    );
    assert_eq!(v["total"], 2);
    // The same search as CSV and XLSX: for agencies only, filtered and sorted as asked.
    let export = |path: &'static str, cookie: Option<String>| {
        let app = &app;
        async move {
            let mut req = app.client.get(app.url(path));
            if let Some(c) = cookie {
                req = req.header("cookie", c);
            }
            req.send().await.unwrap()
        }
    };
    let lines = |csv: String| -> Vec<String> {
        csv.trim_start_matches('\u{feff}')
            .trim_end()
            .split("\r\n")
            .map(str::to_string)
            .collect()
    };
    let r = export("/agency/partners.csv?sort=name", Some(unfpa.clone())).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "text/csv; charset=utf-8");
    let all_lines = lines(r.text().await.unwrap());
    assert_eq!(all_lines.len(), 3, "{all_lines:?}");
    assert!(all_lines[0].starts_with("profile_id,legal_name,acronym,country,kind"));
    assert!(
        all_lines[1].contains(",Jeunes du Sahel,") && all_lines[2].contains(",Voix des femmes,")
    );
    assert!(
        all_lines[2].ends_with(",national_ngo,5,never,P1,women_led"),
        "{}",
        all_lines[2]
    );
    let r = export(
        "/agency/partners.csv?leadership=women_led",
        Some(unfpa.clone()),
    )
    .await;
    assert_eq!(lines(r.text().await.unwrap()).len(), 2);
    let r = export("/agency/partners.xlsx", Some(unfpa.clone())).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.bytes().await.unwrap().starts_with(b"PK"),
        "an xlsx is a zip"
    );
    assert_eq!(
        export("/agency/partners.csv", Some(awa.clone()))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        export("/agency/partners.csv", None).await.status(),
        StatusCode::UNAUTHORIZED
    );
    // The dashboard counts the same two profiles (the local authority is no partner).
    let r = call(&app, "partners/dashboard", &[], Some(&unfpa)).await;
    assert_eq!(r.status(), StatusCode::OK);
    let d: Value = r.json().await.unwrap();
    assert_eq!(d["total"], 2);
    let bands: i64 = d["completeness"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b[1].as_i64().unwrap())
        .sum();
    assert_eq!(bands, 2);
    assert_eq!(d["completeness"][2], serde_json::json!(["low", 2]));
    assert_eq!(
        d["verified"].as_i64().unwrap()
            + d["not_verified"].as_i64().unwrap()
            + d["never_verified"].as_i64().unwrap(),
        2
    );
    assert_eq!(d["psea_none"], 2);
    let months = d["monthly"].as_array().unwrap();
    assert_eq!(months.len(), 12);
    assert_eq!(months[11][1], 2, "both created this month");
    common::assert_partner_figures_hold(&app).await;
    assert_eq!(
        call(&app, "partners/dashboard", &[], Some(&awa))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let html = app.page_text("/agency", Some(&unfpa)).await;
    assert!(html.contains("Nouveaux profils par mois") && html.contains("profiles-chart"));
    assert_eq!(search(&[("q", "FEMMES")]).await.0, ["Voix des femmes"]);
    assert_eq!(
        search(&[("leadership", "women_led")]).await.0,
        ["Voix des femmes"]
    );
    assert_eq!(
        search(&[("sector", "education")]).await.0,
        ["Voix des femmes"]
    );
    assert_eq!(
        search(&[("sector", "protection")]).await.0,
        Vec::<String>::new()
    );
    assert_eq!(search(&[("linked", "yes")]).await.0, ["Voix des femmes"]);
    assert_eq!(search(&[("linked", "no")]).await.0, ["Jeunes du Sahel"]);
    assert_eq!(
        search(&[("verification", "verified")]).await.0,
        ["Jeunes du Sahel"]
    );
    assert_eq!(
        search(&[("verification", "never")]).await.0,
        ["Voix des femmes"]
    );
    assert_eq!(
        search(&[("kind", "community_based_organisation")]).await.0,
        ["Jeunes du Sahel"]
    );
    assert_eq!(
        search(&[("completeness", "complete")]).await.0,
        Vec::<String>::new()
    );
    assert_eq!(
        search(&[("sort", "completeness")]).await.0,
        ["Jeunes du Sahel", "Voix des femmes"]
    );
    let (_, v) = search(&[("q", "voix")]).await;
    let item = &v["items"][0];
    assert_eq!(item["code"], "P1");
    assert_eq!(item["leadership"], serde_json::json!(["women_led"]));
    assert!(item["completeness"].as_u64().unwrap() > 0);
    // A partner does not search.
    let r = call(&app, "partners/search", &[], Some(&awa)).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let html = app
        .page_text("/agency/partners?leadership=women_led", Some(&unfpa))
        .await;
    assert!(html.contains("Voix des femmes") && !html.contains("Jeunes du Sahel"));

    // The search reads one row per organisation kept by triggers (partner_search): it follows
    // a changed answer, a later verification, a rename and an archiving.
    ok(&save(
        &app,
        &awa,
        &women,
        "identification",
        2,
        &[
            ("women_led", "no"),
            ("youth_led", "yes"),
            ("year_established", "2001"),
        ],
    )
    .await);
    assert_eq!(
        search(&[("leadership", "women_led")]).await.0,
        Vec::<String>::new()
    );
    assert_eq!(
        search(&[("leadership", "youth_led")]).await.0,
        ["Voix des femmes"]
    );
    ok(&call(
        &app,
        "partners/verify",
        &[
            ("organisation_id", &youth),
            ("agency", "unfpa"),
            ("registration_valid", "no"),
            ("mandate_consistent", "yes"),
            ("safeguards_in_place", "yes"),
            ("other_risk", "no"),
            ("risk_unacceptable", "no"),
        ],
        Some(&unfpa),
    )
    .await);
    assert_eq!(
        search(&[("verification", "verified")]).await.0,
        Vec::<String>::new()
    );
    assert_eq!(
        search(&[("verification", "not_verified")]).await.0,
        ["Jeunes du Sahel"]
    );
    sqlx::query(
        "UPDATE organisations SET legal_name = 'Jeunesse du Ferlo', acronym = 'JDF' WHERE id = $1",
    )
    .bind(youth.parse::<i64>().unwrap())
    .execute(&app.db)
    .await
    .unwrap();
    assert_eq!(search(&[("q", "sahel")]).await.0, Vec::<String>::new());
    assert_eq!(search(&[("q", "jdf")]).await.0, ["Jeunesse du Ferlo"]);
    assert_eq!(search(&[("q", "ferlo")]).await.0, ["Jeunesse du Ferlo"]);
    sqlx::query("UPDATE organisations SET archived_at = 1 WHERE id = $1")
        .bind(youth.parse::<i64>().unwrap())
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(search(&[]).await.0, ["Voix des femmes"]);
    // What the triggers keep agrees with a recount from the answers and verifications.
    assert_eq!(
        count(
            &app,
            "partner_search s JOIN partner_profiles pp ON pp.organisation_id = s.organisation_id
             WHERE s.completeness = pp.completeness AND s.updated_at = pp.updated_at
             AND s.sectors = ',health,education,' AND s.leadership = ',youth_led,'"
        )
        .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_psea_self_assessment_is_submitted_rated_sent_back_and_agreed() {
    let (app, sink) = common::spawn_app_with_mail().await;
    add_person(&app, "awa@example.org", "awa", PASSWORD).await;
    add_person(&app, "ali@example.org", "ali", PASSWORD).await;
    let unfpa = add_person(&app, "unfpa@example.org", "unfpa", PASSWORD).await;
    grant(&app, unfpa, "agency_officer", "UNFPA").await;
    let awa = sign_in(&app, "awa", PASSWORD).await;
    let unfpa = sign_in(&app, "unfpa", PASSWORD).await;
    let id = organisation(&app, &awa, "Voix des femmes", "national_ngo").await;
    ok(&call(
        &app,
        "organisations/add_member",
        &[
            ("organisation_id", &id),
            ("name", "Ali"),
            ("email", "ali@example.org"),
            ("role", "reader"),
        ],
        Some(&awa),
    )
    .await);
    let ali = sign_in(&app, "ali", PASSWORD).await;
    const STANDARDS: [&str; 8] = [
        "organisational_policy",
        "partner_agreements",
        "recruitment",
        "training",
        "reporting",
        "survivor_assistance",
        "investigations",
        "corrective_action",
    ];
    let psea = |who: String| {
        let (app, id) = (&app, id.clone());
        async move {
            let r = call(
                app,
                "partners/psea",
                &[("organisation_id", &id)],
                Some(&who),
            )
            .await;
            assert_eq!(r.status(), StatusCode::OK);
            r.json::<Value>().await.unwrap()
        }
    };
    let save = |who: String, version: String, met: usize, evidence: bool, submit: bool| {
        let (app, id) = (&app, id.clone());
        async move {
            let mut form: Vec<(String, String)> =
                vec![("organisation_id".into(), id), ("version".into(), version)];
            for (i, s) in STANDARDS.iter().enumerate() {
                form.push((s.to_string(), if i < met { "yes" } else { "no" }.into()));
                if evidence {
                    form.push((
                        format!("{s}_evidence"),
                        "Code de conduite signé par chaque salarié".into(),
                    ));
                }
            }
            if submit {
                form.push(("submit".into(), "1".into()));
            }
            let pairs: Vec<(&str, &str)> =
                form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            call(app, "partners/psea_save", &pairs, Some(&who)).await
        }
    };
    assert_eq!(
        psea(awa.clone()).await["assessments"],
        serde_json::json!([])
    );
    // A reader does not write it.
    assert_eq!(
        save(ali.clone(), "0".into(), 8, true, false).await.status(),
        StatusCode::FORBIDDEN
    );
    // A draft may be partial; a submission needs evidence for every standard met.
    ok(&save(awa.clone(), "0".into(), 7, false, false).await);
    let p = psea(awa.clone()).await;
    assert_eq!(p["assessments"][0]["status"], "draft");
    let version = p["assessments"][0]["version"].to_string();
    let r = save(awa.clone(), version.clone(), 7, false, true).await;
    let codes = error_codes(r).await;
    assert_eq!(codes.len(), 7, "{codes:?}");
    assert!(
        codes
            .iter()
            .all(|c| c.ends_with("_evidence:evidence_required")),
        "{codes:?}"
    );
    ok(&save(awa.clone(), version, 7, true, true).await);
    let p = psea(ali.clone()).await;
    assert_eq!(p["assessments"][0]["status"], "submitted");
    assert_eq!(p["assessments"][0]["rating"], "medium", "7 of 8 met");
    // Submitted: locked.
    let r = save(
        awa.clone(),
        p["assessments"][0]["version"].to_string(),
        8,
        true,
        false,
    )
    .await;
    assert_eq!(error_codes(r).await, ["_:assessment_locked"]);
    // The agency sends it back (a comment is needed), the partner corrects and submits again,
    // the agency agrees.
    let assessment = p["assessments"][0]["id"].to_string();
    let review = |who: String, decision: &'static str, comment: &'static str| {
        let (app, assessment) = (&app, assessment.clone());
        async move {
            call(
                app,
                "partners/psea_review",
                &[
                    ("assessment_id", &assessment),
                    ("agency", "unfpa"),
                    ("decision", decision),
                    ("comment", comment),
                ],
                Some(&who),
            )
            .await
        }
    };
    assert_eq!(
        review(awa.clone(), "agree", "").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        error_codes(review(unfpa.clone(), "send_back", "").await).await,
        ["comment:required"]
    );
    ok(&review(
        unfpa.clone(),
        "send_back",
        "La formation n’est pas documentée.",
    )
    .await);
    let sent_back = common::nth_mail_to(&sink, "awa@example.org", 1).await;
    assert!(
        sent_back
            .body
            .contains("renvoie l'auto-évaluation PSEA de Voix des femmes")
            && sent_back
                .body
                .contains("La formation n’est pas documentée.")
            && sent_back.body.contains(&format!("/partners/{id}/psea")),
        "{}",
        sent_back.body
    );
    let p = psea(awa.clone()).await;
    assert_eq!(p["assessments"][0]["status"], "sent_back");
    assert_eq!(
        p["assessments"][0]["review_comment"],
        "La formation n’est pas documentée."
    );
    ok(&save(
        awa.clone(),
        p["assessments"][0]["version"].to_string(),
        8,
        true,
        true,
    )
    .await);
    assert_eq!(
        error_codes(review(unfpa.clone(), "bogus", "").await).await,
        ["decision:decision_invalid"]
    );
    ok(&review(unfpa.clone(), "agree", "").await);
    let p = psea(awa.clone()).await;
    assert_eq!(p["assessments"][0]["status"], "agreed");
    assert_eq!(p["assessments"][0]["rating"], "full");
    let d: Value = call(&app, "partners/dashboard", &[], Some(&unfpa))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(d["psea"][0], serde_json::json!(["full", 1]));
    assert_eq!(d["psea_none"], 0);
    common::assert_partner_figures_hold(&app).await;
    let agreed = common::nth_mail_to(&sink, "awa@example.org", 2).await;
    assert!(
        agreed.body.contains("UNFPA approuve") && agreed.body.contains("capacité complète"),
        "{}",
        agreed.body
    );
    // Only administrators are told: the reader was not.
    assert!(
        common::mails_to(&sink, "ali@example.org")
            .iter()
            .all(|m| !m.raw.contains("PSEA"))
    );
    assert_eq!(p["assessments"].as_array().unwrap().len(), 1);
    // Agreed twice? Never: the state moved on.
    assert_eq!(
        error_codes(review(unfpa.clone(), "agree", "").await).await,
        ["_:transition_not_allowed"]
    );
    // A new one only a year after the last submission.
    assert_eq!(p["may_start"], false);
    let r = save(awa.clone(), "0".into(), 8, true, false).await;
    assert_eq!(error_codes(r).await, ["_:assessment_once_a_year"]);
    let html = app
        .page_text(
            &format!("/partners/{id}/psea"),
            Some(&format!("{awa}; i18n_pref_locale=en")),
        )
        .await;
    assert!(html.contains("Agreed by the agency") && html.contains("Full capacity"));
    assert_eq!(
        count(&app, "audit_events WHERE action LIKE 'partners.psea_%'").await,
        5
    );
}

/// Support requests (PRODUCT.md §4): a member asks the help desk (the organisation and page
/// attached), nobody else may, nothing is written for a bad form; the help desk takes it in
/// hand, both sides write (each mailed to the other), files are read by the two sides only; a
/// resolved request takes no more messages or files and is reopened by its requester, saying
/// why, within 14 days only.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn support_requests_go_from_the_partner_to_the_help_desk_and_back() {
    let (app, sink) = common::spawn_app_with_mail().await;
    add_person(&app, "awa@example.org", "awa", PASSWORD).await;
    add_person(&app, "bob@example.org", "bob", PASSWORD).await;
    let desk = add_person(&app, "desk@example.org", "desk", PASSWORD).await;
    grant(&app, desk, "help_desk", "").await;
    let awa = sign_in(&app, "awa", PASSWORD).await;
    let bob = sign_in(&app, "bob", PASSWORD).await;
    let desk = sign_in(&app, "desk", PASSWORD).await;
    let org = organisation(&app, &awa, "Voix des femmes", "national_ngo").await;
    let ask = |cookie: String, pairs: Vec<(&'static str, String)>| {
        let app = &app;
        async move {
            let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
            call(app, "partners/ask_for_help", &pairs, Some(&cookie)).await
        }
    };
    let good = vec![
        ("organisation_id", org.clone()),
        ("category", "non_editable_information".to_string()),
        ("subject", "Change our legal name".to_string()),
        ("message", "We merged with another NGO.".to_string()),
        ("page", format!("/partners/{org}/identification")),
    ];
    // Not a member: refused, whatever the form.
    assert_eq!(
        ask(bob.clone(), good.clone()).await.status(),
        StatusCode::FORBIDDEN
    );
    let r = ask(
        awa.clone(),
        vec![
            ("organisation_id", org.clone()),
            ("category", "bogus".into()),
            ("subject", "x".repeat(151)),
            ("message", " ".into()),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error_codes(r).await,
        [
            "category:choice_invalid",
            "subject:too_long",
            "message:required"
        ]
    );
    assert_eq!(count(&app, "support_requests").await, 0);
    ok(&ask(awa.clone(), good).await);
    let id: i64 = sqlx::query_scalar("SELECT id FROM support_requests")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let rid = id.to_string();
    let opened = common::nth_mail_to(&sink, "desk@example.org", 1).await;
    assert!(opened.raw.contains("Voix des femmes") && opened.body.contains("We merged"));
    assert!(opened.body.contains(&format!("/support/{id}")));

    let view = |cookie: String| {
        let (app, rid) = (&app, rid.clone());
        async move {
            let r = call(
                app,
                "partners/support_request",
                &[("request_id", &rid)],
                Some(&cookie),
            )
            .await;
            let status = r.status();
            (status, r.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    let (s, v) = view(awa.clone()).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["status"], "open");
    assert_eq!(v["legal_name"], "Voix des femmes");
    assert_eq!(v["page"], format!("/partners/{org}/identification"));
    assert_eq!(v["messages"][0]["body"], "We merged with another NGO.");
    // Another person is not told the request exists.
    assert_eq!(view(bob.clone()).await.0, StatusCode::NOT_FOUND);
    assert_eq!(view(desk.clone()).await.1["help_desk"], true);
    // Lists: the help desk's queue has it; bob's own list is empty.
    let list = |cookie: String, status: &'static str| {
        let app = &app;
        async move {
            let r = call(
                app,
                "partners/support_requests",
                &[("status", status)],
                Some(&cookie),
            )
            .await;
            r.json::<Value>().await.unwrap()
        }
    };
    assert_eq!(list(desk.clone(), "open").await["total"], 1);
    assert_eq!(list(desk.clone(), "resolved").await["total"], 0);
    assert_eq!(list(bob.clone(), "").await["total"], 0);
    assert_eq!(
        list(awa.clone(), "").await["items"][0]["subject"],
        "Change our legal name"
    );

    let mv = |cookie: String, version: &'static str, to: &'static str, message: &'static str| {
        let (app, rid) = (&app, rid.clone());
        async move {
            call(
                app,
                "partners/support_move",
                &[
                    ("request_id", &rid),
                    ("version", version),
                    ("to", to),
                    ("message", message),
                ],
                Some(&cookie),
            )
            .await
        }
    };
    // The requester does not move it on; the help desk does, from the version it read.
    assert_eq!(
        mv(awa.clone(), "1", "in_progress", "").await.status(),
        StatusCode::FORBIDDEN
    );
    ok(&mv(desk.clone(), "1", "in_progress", "").await);
    let r = mv(desk.clone(), "1", "resolved", "").await;
    assert_eq!(error_codes(r).await, ["_:record_changed"]);
    let taken = common::nth_mail_to(&sink, "awa@example.org", 1).await;
    assert!(taken.raw.contains("Change our legal name"), "{}", taken.raw);

    let reply = |cookie: String, message: &'static str| {
        let (app, rid) = (&app, rid.clone());
        async move {
            call(
                app,
                "partners/support_reply",
                &[("request_id", &rid), ("message", message)],
                Some(&cookie),
            )
            .await
        }
    };
    assert_eq!(
        reply(bob.clone(), "Me too").await.status(),
        StatusCode::NOT_FOUND
    );
    ok(&reply(desk.clone(), "Please send the merger decision.").await);
    let asked = common::nth_mail_to(&sink, "awa@example.org", 2).await;
    assert!(asked.body.contains("Please send the merger decision."));
    ok(&reply(awa.clone(), "Here it is.").await);
    // To the one who took it in hand.
    let answered = common::nth_mail_to(&sink, "desk@example.org", 2).await;
    assert!(answered.body.contains("Here it is."));
    let r = upload(
        &app,
        "uploads/support_files",
        &[("request_id", &rid)],
        &[("support_document", "decision.pdf", common::TEST_PDF)],
        Some(&awa),
    )
    .await;
    assert!(r.status().is_success(), "{}", r.status());
    let (_, v) = view(awa.clone()).await;
    let file = v["files"][0]["id"].as_i64().unwrap();
    assert_eq!(v["messages"].as_array().unwrap().len(), 3);
    for (cookie, allowed) in [(&awa, true), (&desk, true), (&bob, false)] {
        let r = app
            .client
            .get(app.url(&format!("/files/{file}")))
            .header("cookie", cookie.as_str())
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().is_success(), allowed, "{cookie}: {}", r.status());
    }
    let r = upload(
        &app,
        "uploads/support_files",
        &[("request_id", &rid)],
        &[("support_document", "decision.pdf", common::TEST_PDF)],
        Some(&bob),
    )
    .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    ok(&mv(desk.clone(), "2", "resolved", "Legal name changed.").await);
    let resolved = common::nth_mail_to(&sink, "awa@example.org", 3).await;
    assert!(
        resolved.body.contains("Legal name changed."),
        "{}",
        resolved.body
    );
    let r = reply(awa.clone(), "One more thing").await;
    assert_eq!(error_codes(r).await, ["_:request_resolved"]);
    let r = upload(
        &app,
        "uploads/support_files",
        &[("request_id", &rid)],
        &[("support_document", "other.pdf", common::TEST_PDF)],
        Some(&awa),
    )
    .await;
    assert_eq!(error_codes(r).await, ["_:request_resolved"]);
    // Reopened by its requester only, saying why.
    assert_eq!(
        mv(desk.clone(), "3", "reopened", "No").await.status(),
        StatusCode::FORBIDDEN
    );
    let r = mv(awa.clone(), "3", "reopened", "").await;
    assert_eq!(error_codes(r).await, ["message:required"]);
    assert_eq!(view(awa.clone()).await.1["may_reopen"], true);
    ok(&mv(
        awa.clone(),
        "3",
        "reopened",
        "The acronym is still the old one.",
    )
    .await);
    let reopened = common::nth_mail_to(&sink, "desk@example.org", 3).await;
    assert!(reopened.body.contains("The acronym is still the old one."));
    // Resolved again, 15 days ago: too late to reopen.
    ok(&mv(desk.clone(), "4", "resolved", "").await);
    let long_ago = chrono::Utc::now().timestamp_millis() - 15 * 24 * 3600 * 1000;
    sqlx::query("UPDATE support_requests SET resolved_at = $1")
        .bind(long_ago)
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(view(awa.clone()).await.1["may_reopen"], false);
    let r = mv(awa.clone(), "5", "reopened", "Again").await;
    assert_eq!(error_codes(r).await, ["_:reopen_too_late"]);
    // Every step is in the request's history.
    let (_, v) = view(awa.clone()).await;
    let actions: Vec<&str> = v["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for a in [
        "partners.support_opened",
        "partners.support_replied",
        "partners.support_moved",
    ] {
        assert!(actions.contains(&a), "{actions:?}");
    }
    // The pages render for both sides.
    let html = app.page_text(&format!("/support/{id}"), Some(&awa)).await;
    assert!(html.contains("Change our legal name") && html.contains("decision.pdf"));
    let html = app.page_text("/support", Some(&desk)).await;
    assert!(html.contains("Change our legal name"));
    let html = app.page_text(&format!("/partners/{org}"), Some(&awa)).await;
    assert!(html.contains(&format!("/partners/{org}/help?from=")));
}

/// HQ first (PRODUCT.md §4): a country office takes its governing document, board and
/// policies from its headquarters, cannot state them itself, and its completeness follows the
/// headquarters' answers.
#[tokio::test]
async fn a_country_office_inherits_what_its_headquarters_is_the_authority_on() {
    let app = spawn_app().await;
    add_person(&app, "ivan@example.org", "ivan", PASSWORD).await;
    let ivan = sign_in(&app, "ivan", PASSWORD).await;
    let r = call(
        &app,
        "organisations/create",
        &[
            ("legal_name", "Water Without Borders"),
            ("country", "CH"),
            ("kind", "international_ngo"),
        ],
        Some(&ivan),
    )
    .await;
    ok(&r);
    let hq: i64 = sqlx::query_scalar("SELECT id FROM organisations WHERE legal_name = $1")
        .bind("Water Without Borders")
        .fetch_one(&app.db)
        .await
        .unwrap();
    common::complete_partner_profile(&app, &ivan, hq).await;
    ok(&call(
        &app,
        "organisations/create",
        &[
            ("legal_name", "Water Without Borders Haiti"),
            ("country", "HT"),
            ("kind", "international_ngo"),
            ("parent_id", &hq.to_string()),
        ],
        Some(&ivan),
    )
    .await);
    let office: i64 = sqlx::query_scalar("SELECT id FROM organisations WHERE parent_id = $1")
        .bind(hq)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let (hq_s, office_s) = (hq.to_string(), office.to_string());
    let hq_profile = profile(&app, &hq_s, &ivan).await;
    let p = profile(&app, &office_s, &ivan).await;
    assert_eq!(
        p["answers"]["governing_document"],
        hq_profile["answers"]["governing_document"]
    );
    assert_eq!(p["answers"]["safeguarding_policy"], "no");
    assert!(
        p["inherited"]
            .as_array()
            .unwrap()
            .contains(&"governing_document".into())
    );
    assert!(hq_profile["inherited"].as_array().unwrap().is_empty());
    let identification = &missing(&p)[0];
    assert_eq!(identification.0, "identification");
    assert!(!identification.1.contains(&"governing_document".to_string()));
    assert!(identification.1.contains(&"year_established".to_string()));

    // The office's own statement of an inherited field is not kept; its own fields are.
    ok(&save(
        &app,
        &ivan,
        &office_s,
        "mandate",
        0,
        &[
            ("background", "Bureau ouvert en 2010."),
            ("safeguarding_policy", "yes"),
        ],
    )
    .await);
    let p = profile(&app, &office_s, &ivan).await;
    assert_eq!(p["answers"]["background"], "Bureau ouvert en 2010.");
    assert_eq!(
        p["answers"]["safeguarding_policy"], "no",
        "the HQ's answer stands"
    );
    assert_eq!(
        count(
            &app,
            &format!(
                "partner_answers WHERE organisation_id = {office} AND field = 'safeguarding_policy'"
            )
        )
        .await,
        0
    );
    let stored = |id: i64| {
        let app = &app;
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT completeness FROM partner_search WHERE organisation_id = $1",
            )
            .bind(id)
            .fetch_one(&app.db)
            .await
            .unwrap()
        }
    };
    assert_eq!(
        stored(office).await,
        p["completeness"]["percent"].as_i64().unwrap()
    );

    // The HQ adopts a safeguarding policy (the PDF still to come): the office lacks it too, and
    // its stored completeness follows.
    let v = hq_profile["version"].as_i64().unwrap();
    let mut mandate = common::complete_sections("")
        .into_iter()
        .find(|(s, _)| *s == "mandate")
        .unwrap()
        .1;
    mandate.retain(|(k, _)| !k.starts_with("safeguarding_policy"));
    mandate.push(("safeguarding_policy", "yes".into()));
    let pairs: Vec<(&str, &str)> = mandate.iter().map(|(k, v)| (*k, v.as_str())).collect();
    ok(&save(&app, &ivan, &hq_s, "mandate", v, &pairs).await);
    let p = profile(&app, &office_s, &ivan).await;
    assert!(
        missing(&p)[2]
            .1
            .contains(&"safeguarding_policy_file".to_string())
    );
    assert_eq!(
        stored(office).await,
        p["completeness"]["percent"].as_i64().unwrap()
    );
    let html = app
        .page_text(&format!("/partners/{office}/mandate"), Some(&ivan))
        .await;
    assert!(html.contains("data-testid=\"inherited-safeguarding_policy\""));
    assert!(html.contains("Indiqué par le siège"));
    // The sectors are offered by their names, not their codes.
    assert!(
        html.contains(">Santé<") && !html.contains(">health<"),
        "sector labels"
    );
    assert!(!html.contains("name=\"safeguarding_policy\""));
    // On the office's profile, what it lacks from the HQ links to the HQ's section.
    let html = app
        .page_text(&format!("/partners/{office}"), Some(&ivan))
        .await;
    assert!(html.contains(&format!(
        "href=\"/partners/{hq}/mandate#pp-safeguarding_policy_file\""
    )));

    // A member of the office only (not of the HQ) opens the governing document the HQ states
    // for the office; not the HQ's other files; someone of neither opens none.
    let jo = add_person(&app, "jo@example.org", "jo", PASSWORD).await;
    add_person(&app, "kim@example.org", "kim", PASSWORD).await;
    app::organisations::repo::insert_membership(
        &app.db,
        office,
        Some(jo),
        "jo@example.org",
        "Jo",
        app::organisations::domain::MemberRole::Reader,
    )
    .await
    .unwrap();
    let jo = sign_in(&app, "jo", PASSWORD).await;
    let kim = sign_in(&app, "kim", PASSWORD).await;
    let document = hq_profile["answers"]["governing_document"]
        .as_str()
        .unwrap()
        .to_string();
    ok(&upload(
        &app,
        "uploads/partner_documents",
        &[("organisation_id", &hq_s)],
        &[("partner_audit_report", "audit.pdf", PDF)],
        Some(&ivan),
    )
    .await);
    let other: i64 = sqlx::query_scalar(
        "SELECT id FROM uploads WHERE organisation_id = $1 AND purpose = 'partner_audit_report'",
    )
    .bind(hq)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let status = |cookie: String, id: String| {
        let app = &app;
        async move {
            app.client
                .get(app.url(&format!("/files/{id}")))
                .header("cookie", cookie)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(status(jo.clone(), document.clone()).await, StatusCode::OK);
    assert_eq!(status(jo, other.to_string()).await, StatusCode::FORBIDDEN);
    assert_eq!(status(kim, document).await, StatusCode::FORBIDDEN);
    common::assert_partner_figures_hold(&app).await;
}

/// Issue 14, item 1: what a civil-society organisation's own form stated before (address,
/// website, year, registration, budget, sectors, mandate, leadership flags) moves into its
/// partner profile at start, where the profile has not answered it; the organisation form keeps
/// only the identity; extranet groups keep their whole form; a second run (or a second server
/// at once) moves nothing twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_organisation_forms_former_fields_move_into_the_partner_profile() {
    let app = spawn_app().await;
    add_person(&app, "awa@example.org", "awa", PASSWORD).await;
    let awa = sign_in(&app, "awa", PASSWORD).await;
    let ngo = organisation(&app, &awa, "Jeunes Bâtisseurs du Walo", "national_ngo").await;
    let stated = organisation(&app, &awa, "Femmes du Ferlo", "national_ngo").await;
    let network = organisation(
        &app,
        &awa,
        "Réseau des villes du fleuve",
        "regional_network",
    )
    .await;
    // Femmes du Ferlo already states its mandate in the partner profile.
    let p = profile(&app, &stated, &awa).await;
    ok(&save(
        &app,
        &awa,
        &stated,
        "mandate",
        p["version"].as_i64().unwrap(),
        &[("mandate", "Notre mandat, dit dans le profil")],
    )
    .await);
    // The columns as the former organisation form left them.
    for id in [&ngo, &stated, &network] {
        sqlx::query(
            "UPDATE organisations SET address = 'Quartier Escale, Richard-Toll',
                website = 'https://walo.example', year_established = 2004,
                registration_number = 'SN-2004-117', registration_date = '2004-06-01',
                annual_budget_minor = 4500000, sectors = 'education,livelihoods',
                mandate = 'Former les jeunes aux métiers du bâtiment.', women_led = 0, youth_led = 1
             WHERE id = $1",
        )
        .bind(id.parse::<i64>().unwrap())
        .execute(&app.db)
        .await
        .unwrap();
    }

    // Two servers starting at once on the same database: each organisation moves once.
    let (a, b) = tokio::join!(
        app::modules::after_migrations(&app.db),
        app::modules::after_migrations(&app.db)
    );
    a.unwrap();
    b.unwrap();
    assert_eq!(
        count(
            &app,
            "audit_events WHERE action = 'partners.organisation_fields_moved'"
        )
        .await,
        2
    );
    let p = profile(&app, &ngo, &awa).await;
    let answers = &p["answers"];
    for (field, value) in [
        ("address", "Quartier Escale, Richard-Toll"),
        ("website", "https://walo.example"),
        ("year_established", "2004"),
        ("registered", "yes"),
        ("registration_number", "SN-2004-117"),
        ("registration_date", "2004-06-01"),
        ("budget_this_year", "under_50k"),
        ("sectors", "education,livelihoods"),
        ("mandate", "Former les jeunes aux métiers du bâtiment."),
        ("women_led", "no"),
        ("youth_led", "yes"),
    ] {
        assert_eq!(answers[field], value, "{field}");
    }
    assert!(answers.get("indigenous_led").is_none());
    let stored: i64 =
        sqlx::query_scalar("SELECT completeness FROM partner_profiles WHERE organisation_id = $1")
            .bind(ngo.parse::<i64>().unwrap())
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(stored, p["completeness"]["percent"].as_i64().unwrap());
    assert!(stored > 0);
    // The agencies' search sees the moved sectors and flags (its triggers follow the answers).
    let (sectors, leadership): (String, String) =
        sqlx::query_as("SELECT sectors, leadership FROM partner_search WHERE organisation_id = $1")
            .bind(ngo.parse::<i64>().unwrap())
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(
        (sectors.as_str(), leadership.as_str()),
        (",education,livelihoods,", ",youth_led,")
    );
    // What the partner had stated stays.
    let p = profile(&app, &stated, &awa).await;
    assert_eq!(p["answers"]["mandate"], "Notre mandat, dit dans le profil");
    assert_eq!(p["answers"]["address"], "Quartier Escale, Richard-Toll");
    // The record keeps the registration number (the duplicate check's), not the rest.
    let (address, number): (Option<String>, Option<String>) =
        sqlx::query_as("SELECT address, registration_number FROM organisations WHERE id = $1")
            .bind(ngo.parse::<i64>().unwrap())
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!((address, number.as_deref()), (None, Some("SN-2004-117")));
    // The network (an extranet group) keeps its whole form.
    let page: Value = call(&app, "organisations/page", &[("id", &network)], Some(&awa))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["profile"]["address"], "Quartier Escale, Richard-Toll");
    assert_eq!(page["profile"]["sectors"], "education,livelihoods");

    // Again: nothing left to move.
    app::modules::after_migrations(&app.db).await.unwrap();
    assert_eq!(
        count(
            &app,
            "audit_events WHERE action = 'partners.organisation_fields_moved'"
        )
        .await,
        2
    );

    // The NGO's organisation form now keeps its identity only: the rest it posts is not kept.
    let page: Value = call(&app, "organisations/page", &[("id", &ngo)], Some(&awa))
        .await
        .json()
        .await
        .unwrap();
    let r = call(
        &app,
        "organisations/update_profile",
        &[
            ("organisation_id", &ngo),
            ("legal_name", "Jeunes Bâtisseurs du Walo"),
            ("acronym", "JBW"),
            ("country", "SN"),
            ("year_established", "1700"),
            ("address", "Ailleurs"),
            ("version", &page["version"].as_i64().unwrap().to_string()),
        ],
        Some(&awa),
    )
    .await;
    ok(&r);
    let (acronym, address, year): (Option<String>, Option<String>, Option<i64>) = sqlx::query_as(
        "SELECT acronym, address, year_established FROM organisations WHERE id = $1",
    )
    .bind(ngo.parse::<i64>().unwrap())
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(
        (acronym.as_deref(), address, year),
        (Some("JBW"), None, None)
    );
    let html = app
        .client
        .get(app.url(&format!("/organisations/{ngo}")))
        .header("cookie", &awa)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("id=\"profile-acronym\""));
    assert!(!html.contains("id=\"profile-address\""));
    assert!(html.contains("data-testid=\"profile-elsewhere\""));

    // A new organisation's registration number (given at creation) is offered in its
    // Identification section, and saving it there keeps the record's in step.
    let fresh = organisation(&app, &awa, "Enfants du Djolof", "national_ngo").await;
    sqlx::query("UPDATE organisations SET registration_number = 'SN-2019-004' WHERE id = $1")
        .bind(fresh.parse::<i64>().unwrap())
        .execute(&app.db)
        .await
        .unwrap();
    let p = profile(&app, &fresh, &awa).await;
    assert_eq!(p["suggested"]["registration_number"], "SN-2019-004");
    assert_eq!(p["suggested"]["registered"], "yes");
    assert!(p["answers"].get("registration_number").is_none());
    ok(&save(
        &app,
        &awa,
        &fresh,
        "identification",
        0,
        &[
            ("registered", "yes"),
            ("registration_number", "SN-2019-005"),
        ],
    )
    .await);
    let number: Option<String> =
        sqlx::query_scalar("SELECT registration_number FROM organisations WHERE id = $1")
            .bind(fresh.parse::<i64>().unwrap())
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(number.as_deref(), Some("SN-2019-005"));
    common::assert_partner_figures_hold(&app).await;
}
