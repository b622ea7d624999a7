//! Calls for expression of interest (issue 15, item 1), through the real endpoints: the one
//! validator (weights adding up to 100, dates in order and none past), drafts only their agency
//! reads, publication mailed to the partners of its sectors and countries, the public list and
//! its filters, finalisation, and the scheduled closing on a clock the test sets, run by two
//! instances at once.
use crate::common;
use common::{
    TestApp, add_person, call, complete_partner_profile, count, error_codes, grant, mails_to,
    nth_mail_to, sign_in, spawn_app_with_mail,
};
use reqwest::StatusCode;
use serde_json::Value;

const PASSWORD: &str = "calls for every partner";

fn in_days(n: i64) -> String {
    (app::ssr::db::today() + chrono::Duration::days(n)).to_string()
}

/// A valid call form of `agency`, with `changes` over it.
fn call_form(agency: &str, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = [
        ("call_id", "0".to_string()),
        ("version", "0".to_string()),
        ("agency", agency.to_string()),
        ("title", "Santé maternelle à Kaolack".to_string()),
        (
            "description",
            "Partenaires locaux pour la santé maternelle.".to_string(),
        ),
        ("sectors[]", "health".to_string()),
        ("countries[]", "SN".to_string()),
        ("countries[]", "GN".to_string()),
        ("criterion_1_name", "Expérience".to_string()),
        ("criterion_1_weight", "60".to_string()),
        ("criterion_2_name", "Présence locale".to_string()),
        ("criterion_2_weight", "40".to_string()),
        ("clarification_deadline", in_days(10)),
        ("deadline", in_days(20)),
        ("notification", in_days(30)),
        ("start", in_days(40)),
        ("end", in_days(400)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    for (k, v) in changes {
        f.retain(|(n, _)| n != k);
        if !v.is_empty() {
            f.push((k.to_string(), v.to_string()));
        }
    }
    f
}

async fn post<K: AsRef<str>, V: AsRef<str>>(
    app: &TestApp,
    endpoint: &str,
    form: &[(K, V)],
    cookie: Option<&str>,
) -> reqwest::Response {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_ref(), v.as_ref())).collect();
    call(app, endpoint, &pairs, cookie).await
}

fn ok(r: &reqwest::Response) {
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
}

async fn detail(app: &TestApp, id: i64, cookie: Option<&str>) -> reqwest::Response {
    call(
        app,
        "partners/call",
        &[("call_id", &id.to_string())],
        cookie,
    )
    .await
}

async fn open_list(app: &TestApp, filters: &[(&str, &str)]) -> Vec<i64> {
    let r = call(app, "partners/open_calls", filters, None).await;
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect()
}

async fn last_call(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT MAX(id) FROM partner_calls")
        .fetch_one(&app.db)
        .await
        .unwrap()
}

async fn version(app: &TestApp, id: i64) -> String {
    let v: i64 = sqlx::query_scalar("SELECT version FROM partner_calls WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    v.to_string()
}

/// An officer of UNFPA, one of UNICEF, and a partner (awa) whose complete profile works in
/// health in Senegal and Mali.
async fn people(app: &TestApp) -> (String, String, String) {
    let officer = add_person(app, "officer@unfpa.example", "officer", PASSWORD).await;
    grant(app, officer, "agency_officer", "UNFPA").await;
    let other = add_person(app, "officer@unicef.example", "unicef", PASSWORD).await;
    grant(app, other, "agency_officer", "UNICEF").await;
    add_person(app, "awa@example.org", "awa", PASSWORD).await;
    let awa = sign_in(app, "awa", PASSWORD).await;
    ok(&call(
        app,
        "organisations/create",
        &[
            ("legal_name", "Femmes et santé"),
            ("country", "SN"),
            ("kind", "national_ngo"),
        ],
        Some(&awa),
    )
    .await);
    let org: i64 =
        sqlx::query_scalar("SELECT id FROM organisations WHERE legal_name = 'Femmes et santé'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    complete_partner_profile(app, &awa, org).await;
    (
        sign_in(app, "officer", PASSWORD).await,
        sign_in(app, "unicef", PASSWORD).await,
        awa,
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_is_checked_kept_to_its_agency_while_a_draft_and_published_to_the_partners_it_concerns()
 {
    let (app, sink) = spawn_app_with_mail().await;
    let (officer, unicef, awa) = people(&app).await;

    // Bad input, every problem named.
    let r = post(
        &app,
        "partners/call_save",
        &call_form("unfpa", &[("criterion_2_weight", "30")]),
        Some(&officer),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_codes(r).await, ["criteria:weights_not_100"]);
    let r = post(
        &app,
        "partners/call_save",
        &call_form("unfpa", &[("deadline", &in_days(5))]),
        Some(&officer),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_codes(r).await, ["deadline:date_before_previous"]);
    let r = post(
        &app,
        "partners/call_save",
        &call_form("unfpa", &[("clarification_deadline", &in_days(-1))]),
        Some(&officer),
    )
    .await;
    assert_eq!(
        error_codes(r).await,
        ["clarification_deadline:date_in_past"]
    );
    let r = post(
        &app,
        "partners/call_save",
        &call_form("unfpa", &[("title", ""), ("sectors[]", "")]),
        Some(&officer),
    )
    .await;
    let mut codes = error_codes(r).await;
    codes.sort();
    assert_eq!(codes, ["sectors:required", "title:required"]);
    // Another agency's call, or none of one's own: refused, nothing written.
    let r = post(
        &app,
        "partners/call_save",
        &call_form("unfpa", &[]),
        Some(&unicef),
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = post(
        &app,
        "partners/call_save",
        &call_form("unfpa", &[]),
        Some(&awa),
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(count(&app, "partner_calls").await, 0);

    // A draft: read by its agency only, listed nowhere public.
    ok(&post(
        &app,
        "partners/call_save",
        &call_form("unfpa", &[]),
        Some(&officer),
    )
    .await);
    let id = last_call(&app).await;
    let v: Value = detail(&app, id, Some(&officer)).await.json().await.unwrap();
    assert_eq!(v["state"], "draft");
    assert_eq!(v["may_manage"], true);
    assert_eq!(v["criteria"][1]["weight"], 40);
    assert_eq!(v["countries"], serde_json::json!(["GN", "SN"]));
    assert_eq!(
        detail(&app, id, None).await.status(),
        StatusCode::UNAUTHORIZED
    );
    for who in [&unicef, &awa] {
        assert_eq!(
            detail(&app, id, Some(who)).await.status(),
            StatusCode::NOT_FOUND
        );
    }
    assert!(open_list(&app, &[]).await.is_empty());
    let forged = [
        ("call_id", id.to_string()),
        ("version", "1".into()),
        ("action", "publish".into()),
    ];
    assert_eq!(
        post(&app, "partners/call_move", &forged, Some(&unicef))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    // Edited at its version; a stale version is refused.
    let edit = call_form(
        "unfpa",
        &[
            ("call_id", &id.to_string()),
            ("version", "1"),
            ("countries[]", "ML"),
        ],
    );
    ok(&post(&app, "partners/call_save", &edit, Some(&officer)).await);
    let r = post(&app, "partners/call_save", &edit, Some(&officer)).await;
    assert_eq!(error_codes(r).await, ["_:record_changed"]);

    // Published: the partner working in health in Mali hears of it; everyone reads it.
    assert_eq!(mails_to(&sink, "awa@example.org").len(), 0);
    let publish = [
        ("call_id", id.to_string()),
        ("version", version(&app, id).await),
        ("action", "publish".into()),
    ];
    ok(&post(&app, "partners/call_move", &publish, Some(&officer)).await);
    let mail = nth_mail_to(&sink, "awa@example.org", 1).await;
    assert!(mail.raw.contains("UNFPA"), "{}", mail.raw);
    assert_eq!(mail.link("/calls/"), format!("/calls/{id}"));
    let v: Value = detail(&app, id, None).await.json().await.unwrap();
    assert_eq!(v["state"], "published");
    assert_eq!(v["open_for_applications"], true);
    assert_eq!(v["may_manage"], false);
    assert_eq!(v["history"], serde_json::json!([]));
    assert_eq!(open_list(&app, &[]).await, [id]);
    assert_eq!(
        open_list(
            &app,
            &[("country", "ML"), ("sector", "health"), ("agency", "unfpa")]
        )
        .await,
        [id]
    );
    assert!(open_list(&app, &[("country", "SN")]).await.is_empty());
    assert!(open_list(&app, &[("sector", "education")]).await.is_empty());
    assert!(open_list(&app, &[("agency", "unicef")]).await.is_empty());
    assert!(
        open_list(&app, &[("deadline_by", &in_days(19))])
            .await
            .is_empty()
    );
    assert_eq!(
        open_list(&app, &[("deadline_by", &in_days(20))]).await,
        [id]
    );
    // The public page renders for anonymous readers.
    let page = app.page_text(&format!("/calls/{id}"), None).await;
    assert!(page.contains("Santé maternelle à Kaolack"), "{page}");

    // Published, it is no longer edited; it is only cancelled before it closes.
    let edit = call_form(
        "unfpa",
        &[
            ("call_id", &id.to_string()),
            ("version", &version(&app, id).await),
        ],
    );
    assert_eq!(
        error_codes(post(&app, "partners/call_save", &edit, Some(&officer)).await).await,
        ["_:call_state_not_allowed"]
    );
    let finalise = |reason: &str, v: String| {
        vec![
            ("call_id", id.to_string()),
            ("version", v),
            ("action", "finalise".into()),
            ("reason", reason.to_string()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect::<Vec<_>>()
    };
    let r = post(
        &app,
        "partners/call_move",
        &finalise("partner_selected", version(&app, id).await),
        Some(&officer),
    )
    .await;
    assert_eq!(error_codes(r).await, ["reason:call_not_closed"]);
    let r = post(
        &app,
        "partners/call_move",
        &finalise("cancelled", version(&app, id).await),
        Some(&unicef),
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    ok(&post(
        &app,
        "partners/call_move",
        &finalise("cancelled", version(&app, id).await),
        Some(&officer),
    )
    .await);
    assert!(open_list(&app, &[]).await.is_empty());
    let v: Value = detail(&app, id, Some(&officer)).await.json().await.unwrap();
    assert_eq!(v["state"], "finalised");
    assert_eq!(v["final_reason"], "cancelled");
    let actions: Vec<String> = v["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_string())
        .collect();
    for a in [
        "partners.call_created",
        "partners.call_edited",
        "partners.call_published",
        "partners.call_finalised",
    ] {
        assert!(actions.contains(&a.to_string()), "{a} in {actions:?}");
    }
    // Finalised is final.
    let r = post(
        &app,
        "partners/call_move",
        &finalise("cancelled", version(&app, id).await),
        Some(&officer),
    )
    .await;
    assert_eq!(error_codes(r).await, ["_:call_state_not_allowed"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_close_at_their_deadline_once_even_when_two_instances_run_the_job() {
    let (app, sink) = spawn_app_with_mail().await;
    let (officer, _unicef, _awa) = people(&app).await;
    let mut ids = vec![];
    for title in ["Appel un", "Appel deux", "Appel trois"] {
        ok(&post(
            &app,
            "partners/call_save",
            &call_form("unfpa", &[("title", title)]),
            Some(&officer),
        )
        .await);
        let id = last_call(&app).await;
        let publish = [
            ("call_id", id.to_string()),
            ("version", version(&app, id).await),
            ("action", "publish".into()),
        ];
        ok(&post(&app, "partners/call_move", &publish, Some(&officer)).await);
        ids.push(id);
    }
    // A draft never closes.
    ok(&post(
        &app,
        "partners/call_save",
        &call_form("unfpa", &[("title", "Brouillon")]),
        Some(&officer),
    )
    .await);
    let base = "https://passerelle.example";
    let deadline = app::ssr::db::today() + chrono::Duration::days(20);
    use app::partners::calls::api::server::close_due;
    // On its deadline day a call is still open.
    assert_eq!(close_due(&app.db, deadline, base).await.unwrap(), 0);
    // The next day, two instances (each its own pool of connections) run the job at once:
    // each call closes once.
    let second = app::ssr::db::connect(&app.config.database_url, 4)
        .await
        .unwrap();
    let day_after = deadline + chrono::Duration::days(1);
    let (a, b) = tokio::join!(
        close_due(&app.db, day_after, base),
        close_due(&second, day_after, base)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 3);
    assert_eq!(
        count(
            &app,
            "partner_calls WHERE state = 'closed' AND closed_at IS NOT NULL"
        )
        .await,
        3
    );
    assert_eq!(count(&app, "partner_calls WHERE state = 'draft'").await, 1);
    assert_eq!(
        count(&app, "audit_events WHERE action = 'partners.call_closed'").await,
        3
    );
    assert_eq!(close_due(&app.db, day_after, base).await.unwrap(), 0);
    // The author hears of each closing once.
    for _ in 0..100 {
        if mails_to(&sink, "officer@unfpa.example").len() >= 3 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let mails = mails_to(&sink, "officer@unfpa.example");
    assert_eq!(mails.len(), 3);
    assert!(
        mails
            .iter()
            .all(|m| m.body.contains(&format!("{base}/calls/")))
    );
    // Closed, it leaves the public list and is finalised for any reason.
    let v: Value = detail(&app, ids[0], None).await.json().await.unwrap();
    assert_eq!(v["state"], "closed");
    assert_eq!(v["open_for_applications"], false);
    let finalise = [
        ("call_id", ids[0].to_string()),
        ("version", version(&app, ids[0]).await),
        ("action", "finalise".into()),
        ("reason", "no_suitable_applicant".into()),
        ("note", "Aucune candidature reçue.".into()),
    ];
    ok(&post(&app, "partners/call_move", &finalise, Some(&officer)).await);
    let v: Value = detail(&app, ids[0], None).await.json().await.unwrap();
    assert_eq!(v["final_reason"], "no_suitable_applicant");
    assert_eq!(v["final_note"], "Aucune candidature reçue.");
    // The agency's list counts its calls by state.
    let r = call(
        &app,
        "partners/agency_calls",
        &[("state", "closed")],
        Some(&officer),
    )
    .await;
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["total"], 2);
    let counts: Vec<(String, i64)> = serde_json::from_value(v["counts"].clone()).unwrap();
    assert_eq!(
        counts,
        [
            ("draft".to_string(), 1),
            ("published".into(), 0),
            ("closed".into(), 2),
            ("finalised".into(), 1)
        ]
    );
}

/// Publishes a valid call of UNFPA as `officer`; its id.
async fn published_call(app: &TestApp, officer: &str) -> i64 {
    ok(&post(
        app,
        "partners/call_save",
        &call_form("unfpa", &[]),
        Some(officer),
    )
    .await);
    let id = last_call(app).await;
    let publish = [
        ("call_id", id.to_string()),
        ("version", version(app, id).await),
        ("action", "publish".into()),
    ];
    ok(&post(app, "partners/call_move", &publish, Some(officer)).await);
    id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_complete_partner_applies_once_before_the_deadline_and_withdraws_until_then() {
    let (app, sink) = spawn_app_with_mail().await;
    let (officer, _unicef, awa) = people(&app).await;
    let org: i64 =
        sqlx::query_scalar("SELECT id FROM organisations WHERE legal_name = 'Femmes et santé'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let org = org.to_string();
    // An incomplete profile, and a headquarters, are refused.
    add_person(&app, "hq@example.org", "hq", PASSWORD).await;
    let hq = sign_in(&app, "hq", PASSWORD).await;
    ok(&call(
        &app,
        "organisations/create",
        &[
            ("legal_name", "Siège international"),
            ("country", "FR"),
            ("kind", "international_ngo"),
        ],
        Some(&hq),
    )
    .await);
    ok(&call(
        &app,
        "organisations/create",
        &[
            ("legal_name", "Jeunes sans profil"),
            ("country", "SN"),
            ("kind", "national_ngo"),
        ],
        Some(&hq),
    )
    .await);
    let id_of = |name: &'static str| {
        let db = app.db.clone();
        async move {
            let id: i64 = sqlx::query_scalar("SELECT id FROM organisations WHERE legal_name = $1")
                .bind(name)
                .fetch_one(&db)
                .await
                .unwrap();
            id
        }
    };
    let headquarters = id_of("Siège international").await;
    complete_partner_profile(&app, &hq, headquarters).await;
    let incomplete = id_of("Jeunes sans profil").await;
    let call_id = published_call(&app, &officer).await;
    let apply = |org: String, note: &str| {
        vec![
            ("call_id".to_string(), call_id.to_string()),
            ("organisation_id".to_string(), org),
            ("concept_note".to_string(), note.to_string()),
        ]
    };
    let note = "Nous mobilisons 40 relais communautaires à Kaolack.";
    let r = post(
        &app,
        "partners/apply",
        &apply(headquarters.to_string(), note),
        Some(&hq),
    )
    .await;
    assert_eq!(error_codes(r).await, ["_:headquarters_cannot_apply"]);
    let r = post(
        &app,
        "partners/apply",
        &apply(incomplete.to_string(), note),
        Some(&hq),
    )
    .await;
    assert_eq!(error_codes(r).await, ["_:profile_not_complete"]);
    // The page says why, for each of their organisations.
    let v: Value = detail(&app, call_id, Some(&hq)).await.json().await.unwrap();
    let refusals: Vec<&str> = v["applications"]["apply_as"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["refusal"].as_str().unwrap())
        .collect();
    assert_eq!(refusals.len(), 2, "{v}");
    // Someone outside the organisation, or an agency, cannot apply for it (forged id).
    let r = post(&app, "partners/apply", &apply(org.clone(), note), Some(&hq)).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = post(
        &app,
        "partners/apply",
        &apply(org.clone(), note),
        Some(&officer),
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // An empty note is named.
    let r = post(
        &app,
        "partners/apply",
        &apply(org.clone(), "  "),
        Some(&awa),
    )
    .await;
    assert_eq!(error_codes(r).await, ["concept_note:required"]);
    assert_eq!(count(&app, "partner_applications").await, 0);

    // Applied once: confirmed by mail; a second time is refused.
    let v: Value = detail(&app, call_id, Some(&awa))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        v["applications"]["apply_as"][0]["refusal"],
        Value::Null,
        "{v}"
    );
    ok(&post(
        &app,
        "partners/apply",
        &apply(org.clone(), note),
        Some(&awa),
    )
    .await);
    let mail = nth_mail_to(&sink, "awa@example.org", 2).await;
    assert!(
        mail.body.contains("Santé maternelle à Kaolack"),
        "{}",
        mail.body
    );
    let r = post(
        &app,
        "partners/apply",
        &apply(org.clone(), note),
        Some(&awa),
    )
    .await;
    assert_eq!(error_codes(r).await, ["_:already_applied"]);
    assert_eq!(count(&app, "partner_applications").await, 1);
    // The partner sees it under review; the agency sees it received, with its organisation.
    let v: Value = detail(&app, call_id, Some(&awa))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(v["applications"]["mine"][0]["partner_view"], "under_review");
    assert_eq!(v["applications"]["mine"][0]["state"], Value::Null);
    assert_eq!(v["applications"]["all"], serde_json::json!([]));
    assert_eq!(v["applications"]["apply_as"], serde_json::json!([]));
    let v: Value = detail(&app, call_id, Some(&officer))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(v["applications"]["all"][0]["state"], "pending");
    assert_eq!(v["applications"]["all"][0]["legal_name"], "Femmes et santé");
    let application = v["applications"]["all"][0]["id"]
        .as_i64()
        .unwrap()
        .to_string();

    // Withdrawn by its partner (not by others), once; not applied again.
    let withdraw = |v: &str| {
        vec![
            ("application_id".to_string(), application.clone()),
            ("version".to_string(), v.to_string()),
        ]
    };
    assert_eq!(
        post(
            &app,
            "partners/withdraw_application",
            &withdraw("1"),
            Some(&hq)
        )
        .await
        .status(),
        StatusCode::NOT_FOUND
    );
    ok(&post(
        &app,
        "partners/withdraw_application",
        &withdraw("1"),
        Some(&awa),
    )
    .await);
    let r = post(
        &app,
        "partners/withdraw_application",
        &withdraw("2"),
        Some(&awa),
    )
    .await;
    assert_eq!(error_codes(r).await, ["_:transition_not_allowed"]);
    let v: Value = detail(&app, call_id, Some(&awa))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(v["applications"]["mine"][0]["partner_view"], "withdrawn");
    let r = post(
        &app,
        "partners/apply",
        &apply(org.clone(), note),
        Some(&awa),
    )
    .await;
    assert_eq!(error_codes(r).await, ["_:already_applied"]);

    // After the deadline: no applying, no withdrawing (the call closes the day after).
    let second = published_call(&app, &officer).await;
    sqlx::query(
        "UPDATE partner_calls SET clarification_deadline = $1, deadline = $1 WHERE id = $2",
    )
    .bind((app::ssr::db::today() - chrono::Duration::days(1)).to_string())
    .bind(second)
    .execute(&app.db)
    .await
    .unwrap();
    let late = vec![
        ("call_id".to_string(), second.to_string()),
        ("organisation_id".to_string(), org.clone()),
        ("concept_note".to_string(), note.to_string()),
    ];
    let r = post(&app, "partners/apply", &late, Some(&awa)).await;
    assert_eq!(error_codes(r).await, ["_:call_not_open"]);
    let actions: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_events WHERE record_type = 'partner_application' ORDER BY id",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(
        actions,
        [
            "partners.application_submitted",
            "partners.application_withdrawn"
        ]
    );
}

/// The id of the organisation named `name`.
async fn organisation_id(app: &TestApp, name: &str) -> String {
    let id: i64 = sqlx::query_scalar("SELECT id FROM organisations WHERE legal_name = $1")
        .bind(name)
        .fetch_one(&app.db)
        .await
        .unwrap();
    id.to_string()
}

async fn application_state(app: &TestApp, id: &str) -> (String, String) {
    let (state, version): (String, i64) =
        sqlx::query_as("SELECT state, version FROM partner_applications WHERE id = $1")
            .bind(id.parse::<i64>().unwrap())
            .fetch_one(&app.db)
            .await
            .unwrap();
    (state, version.to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reviewers_score_after_closing_and_an_award_needs_every_review_a_verified_partner_and_an_answer()
 {
    let (app, sink) = spawn_app_with_mail().await;
    let (officer, unicef, awa) = people(&app).await;
    let reviewer = add_person(&app, "reviewer@unfpa.example", "reviewer", PASSWORD).await;
    grant(&app, reviewer, "agency_officer", "UNFPA").await;
    let reviewer_session = sign_in(&app, "reviewer", PASSWORD).await;
    let bystander = add_person(&app, "someone@example.org", "someone", PASSWORD).await;
    let org = organisation_id(&app, "Femmes et santé").await;
    let call_id = published_call(&app, &officer).await;
    let note = "Nous mobilisons 40 relais communautaires à Kaolack.";
    ok(&call(
        &app,
        "partners/apply",
        &[
            ("call_id", call_id.to_string().as_str()),
            ("organisation_id", &org),
            ("concept_note", note),
        ],
        Some(&awa),
    )
    .await);
    let application: i64 = sqlx::query_scalar("SELECT MAX(id) FROM partner_applications")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let application = application.to_string();
    let cid = call_id.to_string();

    // Reviewers are the agency's own officers, assigned by its officers (and told by mail).
    let assign = |who: i64, action: &'static str| {
        vec![
            ("call_id".to_string(), cid.clone()),
            ("user_id".to_string(), who.to_string()),
            ("action".to_string(), action.to_string()),
        ]
    };
    let r = post(
        &app,
        "partners/call_reviewer",
        &assign(reviewer, "add"),
        Some(&unicef),
    )
    .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = post(
        &app,
        "partners/call_reviewer",
        &assign(reviewer, "add"),
        Some(&awa),
    )
    .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = post(
        &app,
        "partners/call_reviewer",
        &assign(bystander, "add"),
        Some(&officer),
    )
    .await;
    assert_eq!(error_codes(r).await, ["user_id:choice_invalid"]);
    ok(&post(
        &app,
        "partners/call_reviewer",
        &assign(reviewer, "add"),
        Some(&officer),
    )
    .await);
    ok(&post(
        &app,
        "partners/call_reviewer",
        &assign(reviewer, "add"),
        Some(&officer),
    )
    .await);
    assert_eq!(count(&app, "partner_call_reviewers").await, 1);
    let mail = nth_mail_to(&sink, "reviewer@unfpa.example", 1).await;
    assert!(
        mail.body.contains(&format!("/calls/{call_id}")),
        "{}",
        mail.body
    );
    let v: Value = detail(&app, call_id, Some(&officer))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(v["reviewers"]["assigned"][0]["name"], "reviewer", "{v}");
    assert!(
        v["reviewers"]["available"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["user_id"] != reviewer),
        "{v}"
    );
    let v: Value = detail(&app, call_id, Some(&awa))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        v["reviewers"],
        Value::Null,
        "the partner never sees the reviewers"
    );

    let score = |scores: &[(&str, &str)]| {
        let mut f = vec![("application_id".to_string(), application.clone())];
        f.extend(scores.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        f
    };
    // No scoring while the call is open.
    let r = post(
        &app,
        "partners/score_application",
        &score(&[("score_1", "50"), ("score_2", "30")]),
        Some(&reviewer_session),
    )
    .await;
    assert_eq!(error_codes(r).await, ["_:review_not_open"]);
    let deadline = app::ssr::db::today() + chrono::Duration::days(20);
    use app::partners::calls::api::server::close_due;
    close_due(
        &app.db,
        deadline + chrono::Duration::days(1),
        "https://p.example",
    )
    .await
    .unwrap();

    // Closed: only an assigned reviewer scores, each score at most its criterion's weight.
    let r = post(
        &app,
        "partners/score_application",
        &score(&[("score_1", "50"), ("score_2", "30")]),
        Some(&officer),
    )
    .await;
    assert_eq!(
        r.status(),
        StatusCode::NOT_FOUND,
        "not a reviewer of the call"
    );
    let r = post(
        &app,
        "partners/score_application",
        &score(&[("score_1", "50"), ("score_2", "30")]),
        Some(&awa),
    )
    .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = post(
        &app,
        "partners/score_application",
        &score(&[("score_1", "61"), ("score_2", "")]),
        Some(&reviewer_session),
    )
    .await;
    assert_eq!(
        error_codes(r).await,
        ["score_1:score_above_weight", "score_2:required"]
    );
    // Not awarded before its review: the award is not even offered, and refused if forced.
    let (_, version) = application_state(&app, &application).await;
    let moved = |action: &str, version: &str, reason: &str| {
        vec![
            ("application_id".to_string(), application.clone()),
            ("version".to_string(), version.to_string()),
            ("action".to_string(), action.to_string()),
            ("reason".to_string(), reason.to_string()),
        ]
    };
    let r = post(
        &app,
        "partners/move_application",
        &moved("preselect", &version, ""),
        Some(&awa),
    )
    .await;
    assert_eq!(
        r.status(),
        StatusCode::FORBIDDEN,
        "a partner does not preselect itself"
    );
    let r = post(
        &app,
        "partners/move_application",
        &moved("preselect", &version, ""),
        Some(&unicef),
    )
    .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    for action in ["preselect", "recommend"] {
        let (_, version) = application_state(&app, &application).await;
        ok(&post(
            &app,
            "partners/move_application",
            &moved(action, &version, ""),
            Some(&officer),
        )
        .await);
    }
    let (state, version) = application_state(&app, &application).await;
    assert_eq!(state, "recommended");
    let r = post(
        &app,
        "partners/move_application",
        &moved("award", &version, ""),
        Some(&officer),
    )
    .await;
    assert_eq!(error_codes(r).await, ["_:reviews_missing"]);
    ok(&post(
        &app,
        "partners/score_application",
        &score(&[("score_1", "52"), ("score_2", "31"), ("comment", "Solide")]),
        Some(&reviewer_session),
    )
    .await);
    // A completed review is locked.
    let r = post(
        &app,
        "partners/score_application",
        &score(&[("score_1", "10"), ("score_2", "10")]),
        Some(&reviewer_session),
    )
    .await;
    assert_eq!(error_codes(r).await, ["_:review_locked"]);
    let r = post(
        &app,
        "partners/call_reviewer",
        &assign(reviewer, "remove"),
        Some(&officer),
    )
    .await;
    assert_eq!(error_codes(r).await, ["_:reviewer_has_reviewed"]);
    let v: Value = call(
        &app,
        "partners/application_review",
        &[("application_id", &application)],
        Some(&reviewer_session),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(v["reviews"][0]["total"], 83, "{v}");
    assert_eq!(v["score_refusal"], "review_locked");
    assert_eq!(v["award_refusal"], "partner_not_verified");
    assert_eq!(v["actions"], serde_json::json!(["reject"]), "{v}");
    let r = call(
        &app,
        "partners/application_review",
        &[("application_id", &application)],
        Some(&awa),
    )
    .await;
    assert_eq!(
        r.status(),
        StatusCode::NOT_FOUND,
        "the partner never reads the review"
    );

    // An unverified partner, then a red-flagged one, is not awarded.
    let r = post(
        &app,
        "partners/move_application",
        &moved("award", &version, ""),
        Some(&officer),
    )
    .await;
    assert_eq!(error_codes(r).await, ["_:partner_not_verified"]);
    ok(&call(
        &app,
        "partners/verify",
        &[
            ("organisation_id", &org),
            ("agency", "unfpa"),
            ("registration_valid", "yes"),
            ("mandate_consistent", "yes"),
            ("safeguards_in_place", "yes"),
            ("other_risk", "no"),
            ("risk_unacceptable", "no"),
            ("comment", "Vu les statuts"),
        ],
        Some(&officer),
    )
    .await);
    let flag = [
        ("organisation_id", org.as_str()),
        ("agency", "unfpa"),
        ("level", "red"),
        ("category", "financial"),
        ("comment", "Fonds détournés"),
    ];
    ok(&call(&app, "partners/flag", &flag, Some(&officer)).await);
    let r = post(
        &app,
        "partners/move_application",
        &moved("award", &version, ""),
        Some(&officer),
    )
    .await;
    assert_eq!(error_codes(r).await, ["_:partner_red_flag"]);
    sqlx::query("DELETE FROM partner_flags")
        .execute(&app.db)
        .await
        .unwrap();
    // Awarded: the partner hears of it, sees it successful and accepts; the author is told.
    ok(&post(
        &app,
        "partners/move_application",
        &moved("award", &version, ""),
        Some(&officer),
    )
    .await);
    mail_with(&sink, "awa@example.org", "Acceptez ou déclinez").await;
    let v: Value = detail(&app, call_id, Some(&awa))
        .await
        .json()
        .await
        .unwrap();
    let mine = &v["applications"]["mine"][0];
    assert_eq!(mine["partner_view"], "successful", "{v}");
    assert_eq!(mine["may_answer"], true);
    // Finalising as "partner selected" waits for the partner's acceptance.
    let finalise = |reason: &str, version: String| {
        vec![
            ("call_id".to_string(), cid.clone()),
            ("version".to_string(), version),
            ("action".to_string(), "finalise".to_string()),
            ("reason".to_string(), reason.to_string()),
        ]
    };
    let r = post(
        &app,
        "partners/call_move",
        &finalise("partner_selected", call_version(&app, call_id).await),
        Some(&officer),
    )
    .await;
    assert_eq!(error_codes(r).await, ["reason:no_accepted_award"]);
    let (_, version) = application_state(&app, &application).await;
    let r = post(
        &app,
        "partners/move_application",
        &moved("accept", &version, ""),
        Some(&officer),
    )
    .await;
    assert_eq!(
        r.status(),
        StatusCode::FORBIDDEN,
        "the agency does not accept for the partner"
    );
    ok(&post(
        &app,
        "partners/move_application",
        &moved("accept", &version, ""),
        Some(&awa),
    )
    .await);
    mail_with(&sink, "officer@unfpa.example", "Femmes et santé accepte").await;
    let r = post(
        &app,
        "partners/move_application",
        &moved("decline", &version, ""),
        Some(&awa),
    )
    .await;
    // Accepted is final for the partner.
    assert_eq!(error_codes(r).await, ["_:transition_not_allowed"]);
    // Feedback, kept from the partner until the call is finalised, then mailed and shown.
    ok(&call(
        &app,
        "partners/application_feedback",
        &[
            ("application_id", &application),
            ("feedback", "Projet très clair."),
        ],
        Some(&officer),
    )
    .await);
    let v: Value = detail(&app, call_id, Some(&awa))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(v["applications"]["mine"][0]["feedback"], "", "{v}");
    ok(&post(
        &app,
        "partners/call_move",
        &finalise("partner_selected", call_version(&app, call_id).await),
        Some(&officer),
    )
    .await);
    let v: Value = detail(&app, call_id, Some(&awa))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        v["applications"]["mine"][0]["feedback"],
        "Projet très clair."
    );
    assert_eq!(v["applications"]["mine"][0]["partner_view"], "accepted");
    mail_with(&sink, "awa@example.org", "est finalis").await;
    // Retracted after finalisation, with a reason the partner reads.
    let (_, version) = application_state(&app, &application).await;
    let r = post(
        &app,
        "partners/move_application",
        &moved("retract", &version, " "),
        Some(&officer),
    )
    .await;
    assert_eq!(error_codes(r).await, ["reason:required"]);
    ok(&post(
        &app,
        "partners/move_application",
        &moved("retract", &version, "Pièces justificatives fausses"),
        Some(&officer),
    )
    .await);
    mail_with(
        &sink,
        "awa@example.org",
        "Motif : Pièces justificatives fausses",
    )
    .await;
    let v: Value = detail(&app, call_id, Some(&awa))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(v["applications"]["mine"][0]["partner_view"], "unsuccessful");
    assert_eq!(
        v["applications"]["mine"][0]["retract_reason"],
        "Pièces justificatives fausses"
    );
    for action in [
        "reviewer_assigned",
        "application_scored",
        "application_preselected",
        "application_recommended",
        "application_awarded",
        "application_accepted",
        "application_feedback",
        "application_retracted",
    ] {
        assert_eq!(
            count(
                &app,
                &format!("audit_events WHERE action = 'partners.{action}'")
            )
            .await,
            1,
            "{action}"
        );
    }
}

/// A call's version (where a local `version` hides `version`).
async fn call_version(app: &TestApp, id: i64) -> String {
    version(app, id).await
}

/// The mail to `address` whose body holds `text`, waiting for its delivery.
async fn mail_with(sink: &common::smtp_sink::SmtpSink, address: &str, text: &str) -> common::Mail {
    for _ in 0..200 {
        if let Some(m) = mails_to(sink, address)
            .into_iter()
            .find(|m| m.body.contains(text))
        {
            return m;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!(
        "no mail to {address} with {text:?}: {:?}",
        mails_to(sink, address)
            .iter()
            .map(|m| &m.body)
            .collect::<Vec<_>>()
    );
}
