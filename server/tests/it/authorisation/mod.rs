//! The authorisation matrix: role × action × own / other organisation → allowed or refused,
//! through the real HTTP endpoints, one file of rows per module (`authorisation/<module>.rs`).
//! Every server function that exists has rows (checked against the registry of server
//! functions); a new module adds its file and one line in `rows()`.
//!
//! "Allowed" means the policy let the call through: the answer is neither 401 nor 403 (inputs
//! are chosen invalid where a real change would disturb later rows, so an allowed call may be
//! a 422). "Refused" is exactly 401 (anonymous) or 403 (signed in, not allowed).
mod accounts;
mod accreditation;
mod drafts;
mod extranet;
mod home;
mod mail;
mod organisations;
mod staff;

use crate::common;
use common::{TestApp, add_person, call, grant, sign_in, spawn_app, upload};
use std::collections::{BTreeSet, HashMap};

const PASSWORD: &str = "matrix of who may do what";

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Expect {
    Allowed,
    Unauthenticated,
    Forbidden,
}
use Expect::*;

struct World {
    cookies: HashMap<&'static str, String>,
    ids: HashMap<&'static str, String>,
}

const PEOPLE: [(&str, Option<(&str, &str)>); 10] = [
    ("a.admin", None),
    ("a.editor", None),
    ("a.reader", None),
    ("b.admin", None),
    ("outsider", None),
    ("helpdesk", Some(("help_desk", ""))),
    ("extranet", Some(("extranet_secretariat", ""))),
    ("officer", Some(("accreditation_officer", "geneva"))),
    ("agency", Some(("agency_officer", "UNFPA"))),
    ("platform", Some(("platform_admin", ""))),
];

async fn id(app: &TestApp, sql: &str) -> String {
    let v: i64 = sqlx::query_scalar(sql).fetch_one(&app.db).await.unwrap();
    v.to_string()
}

/// Organisation A (international NGO HQ: administrator, editor, reader), organisation B
/// (administrator), staff of every role, a pending join request to each organisation, a listed
/// member of A, a pending extranet registration.
async fn world(app: &TestApp) -> World {
    let mut cookies = HashMap::new();
    for (name, staff) in PEOPLE {
        let uid = add_person(app, &format!("{name}@example.org"), name, PASSWORD).await;
        if let Some((role, scope)) = staff {
            grant(app, uid, role, scope).await;
        }
        cookies.insert(name, sign_in(app, name, PASSWORD).await);
    }
    let c = |n: &str| cookies[n].clone();
    for (who, org, kind) in [
        ("a.admin", "Org A", "international_ngo"),
        ("b.admin", "Org B", "national_ngo"),
    ] {
        call(
            app,
            "organisations/create",
            &[("legal_name", org), ("country", "SN"), ("kind", kind)],
            Some(&c(who)),
        )
        .await;
    }
    let a = id(
        app,
        "SELECT id FROM organisations WHERE legal_name = 'Org A'",
    )
    .await;
    let b = id(
        app,
        "SELECT id FROM organisations WHERE legal_name = 'Org B'",
    )
    .await;
    for (who, role) in [("a.editor", "editor"), ("a.reader", "reader")] {
        call(
            app,
            "organisations/add_member",
            &[
                ("organisation_id", &a),
                ("name", who),
                ("email", &format!("{who}@example.org")),
                ("role", role),
            ],
            Some(&c("a.admin")),
        )
        .await;
    }
    call(
        app,
        "organisations/add_member",
        &[
            ("organisation_id", &a),
            ("name", "Listed"),
            ("email", "listed@example.org"),
            ("role", "reader"),
        ],
        Some(&c("a.admin")),
    )
    .await;
    for (org, admin) in [(&a, "a.admin"), (&b, "b.admin")] {
        call(
            app,
            "organisations/request_to_join",
            &[
                ("organisation_id", org),
                ("admin_email", &format!("{admin}@example.org")),
            ],
            Some(&c("outsider")),
        )
        .await;
    }
    call(
        app,
        "extranet/register",
        &[
            ("group", "prefecture"),
            ("organisation_name", "Préfecture du Rhône"),
            ("country", "FR"),
            ("first_name", "Pat"),
            ("last_name", "Doe"),
            ("position", "Chargé de mission"),
            ("email", "pat@example.org"),
            ("username", "pat"),
            ("password", PASSWORD),
        ],
        None,
    )
    .await;
    let mut ids = HashMap::new();
    ids.insert("A", a.clone());
    ids.insert("B", b.clone());
    ids.insert("A.reader_membership", id(app, "SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.username = 'a.reader'").await);
    ids.insert(
        "A.listed_membership",
        id(
            app,
            "SELECT id FROM memberships WHERE email = 'listed@example.org'",
        )
        .await,
    );
    ids.insert("B.admin_membership", id(app, "SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.username = 'b.admin'").await);
    ids.insert(
        "A.join_request",
        id(
            app,
            &format!("SELECT id FROM join_requests WHERE organisation_id = {a}"),
        )
        .await,
    );
    ids.insert(
        "B.join_request",
        id(
            app,
            &format!("SELECT id FROM join_requests WHERE organisation_id = {b}"),
        )
        .await,
    );
    ids.insert(
        "registration",
        id(app, "SELECT id FROM extranet_registrations").await,
    );
    // A submitted designation of A at Geneva (A in consultative status).
    sqlx::query(&format!(
        "UPDATE organisations SET consultative_status = 'general', consultative_since = 2001 WHERE id = {a}"
    ))
    .execute(&app.db)
    .await
    .unwrap();
    let mut f = common::designation_form(&a, "geneva", "principal_representative", "Awa", "Sow");
    f.push(("submit".into(), "1".into()));
    let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    call(app, "accreditation/save", &pairs, Some(&c("a.admin"))).await;
    ids.insert(
        "A.designation",
        id(app, "SELECT id FROM designations").await,
    );
    // A meeting room at Geneva, booked under A's designation.
    sqlx::query(
        "INSERT INTO meeting_rooms (duty_station, name, capacity, created_at)
         VALUES ('geneva', 'Salle XII', 40, 0)",
    )
    .execute(&app.db)
    .await
    .unwrap();
    ids.insert("room", id(app, "SELECT id FROM meeting_rooms").await);
    sqlx::query(&format!(
        "INSERT INTO room_bookings (room_id, organisation_id, designation_id, booked_by, starts_at,
            ends_at, purpose, status, created_at)
         SELECT {}, {a}, {}, u.id, '2099-01-05T10:00', '2099-01-05T11:00', 'Meeting', 'booked', 0
         FROM users u WHERE u.username = 'a.admin'",
        ids["room"], ids["A.designation"]
    ))
    .execute(&app.db)
    .await
    .unwrap();
    ids.insert("booking", id(app, "SELECT id FROM room_bookings").await);
    ids.insert("today", app::ssr::db::today().to_string());
    ids.insert("helpdesk_grant", id(app, "SELECT s.id FROM staff_roles s JOIN users u ON u.id = s.user_id WHERE u.username = 'helpdesk'").await);
    World { cookies, ids }
}

/// (who, endpoint, arguments, expected). Arguments name ids of the world as `{A}`, `{B}`…
pub(crate) type Row = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
    Expect,
);

/// Every row, module by module (in this order: later modules' rows rely on the records earlier
/// rows leave as they are).
pub(crate) fn rows() -> Vec<Row> {
    [
        home::ROWS,
        accounts::ROWS,
        organisations::ROWS,
        extranet::ROWS,
        drafts::ROWS,
        staff::ROWS,
        mail::ROWS,
        accreditation::ROWS,
    ]
    .concat()
}

/// Calls `endpoint` as `who` and answers what the policy said.
async fn ask(
    app: &TestApp,
    w: &World,
    who: &str,
    endpoint: &str,
    args: &[(&str, &str)],
) -> (Expect, u16) {
    let args: Vec<(&str, String)> = args
        .iter()
        .map(|(k, v)| {
            let placeholder = v
                .strip_prefix('{')
                .and_then(|v| v.strip_suffix('}'))
                .filter(|name| !name.is_empty());
            let v = match placeholder {
                Some(name) => w.ids[name].clone(),
                None => v.to_string(),
            };
            (*k, v)
        })
        .collect();
    let form: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let cookie = w.cookies.get(who).map(String::as_str);
    let response = if endpoint.starts_with("uploads/") {
        let not_a_png: &[u8] = b"plain text named logo.png";
        upload(
            app,
            endpoint,
            &form,
            &[("logo", "logo.png", not_a_png)],
            cookie,
        )
        .await
    } else {
        call(app, endpoint, &form, cookie).await
    };
    let status = response.status().as_u16();
    let got = match status {
        401 => Unauthenticated,
        403 => Forbidden,
        _ => Allowed,
    };
    (got, status)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_authorisation_matrix_holds_over_http() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let mut failures = vec![];
    let rows = rows();
    for (who, endpoint, args, expect) in &rows {
        let (got, status) = ask(&app, &w, who, endpoint, args).await;
        if got != *expect {
            failures.push(format!(
                "{who} {endpoint} {args:?}: expected {expect:?}, got {status}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_server_function_has_rows_in_the_matrix() {
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_string())
        .collect();
    assert!(registered.len() > 20, "{registered:?}");
    let covered: BTreeSet<String> = rows().iter().map(|r| r.1.to_string()).collect();
    let missing: Vec<_> = registered.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "server functions without rows: {missing:?}"
    );
}
