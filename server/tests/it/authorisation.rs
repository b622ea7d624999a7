//! The authorisation matrix: role × action × own / other organisation → allowed or refused,
//! through the real HTTP endpoints. Every server function that exists has rows here (checked
//! against the registry of server functions), and later modules add theirs.
//!
//! "Allowed" means the policy let the call through: the answer is neither 401 nor 403 (inputs
//! are chosen invalid where a real change would disturb later rows, so an allowed call may be
//! a 422). "Refused" is exactly 401 (anonymous) or 403 (signed in, not allowed).
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

pub(crate) const ROWS: &[Row] = &[
    // Public: anyone, signed in or not.
    ("anonymous", "home_stats", &[], Allowed),
    ("anonymous", "accounts/whoami", &[], Allowed),
    ("anonymous", "accounts/logout", &[], Allowed),
    (
        "anonymous",
        "accounts/login",
        &[("login", "nobody"), ("password", "x")],
        Allowed,
    ),
    (
        "anonymous",
        "accounts/request_sign_up_code",
        &[("email", "bad")],
        Allowed,
    ),
    (
        "anonymous",
        "accounts/verify_sign_up_code",
        &[("email", "new@example.org"), ("code", "1")],
        Allowed,
    ),
    ("anonymous", "accounts/sign_up_email", &[], Allowed),
    (
        "anonymous",
        "accounts/complete_sign_up",
        &[
            ("username", "x"),
            ("display_name", ""),
            ("first_name", ""),
            ("last_name", ""),
            ("password", ""),
        ],
        Allowed,
    ),
    (
        "anonymous",
        "accounts/request_password_reset",
        &[("email", "bad")],
        Allowed,
    ),
    (
        "anonymous",
        "accounts/reset_password",
        &[("token", "x"), ("password", "")],
        Allowed,
    ),
    (
        "anonymous",
        "organisations/search",
        &[("q", "Org")],
        Allowed,
    ),
    (
        "anonymous",
        "extranet/register",
        &[
            ("group", ""),
            ("country", ""),
            ("first_name", ""),
            ("last_name", ""),
            ("position", ""),
            ("email", ""),
            ("username", ""),
            ("password", ""),
        ],
        Allowed,
    ),
    // Own account: signed-in people only.
    ("anonymous", "accounts/my_details", &[], Unauthenticated),
    ("a.reader", "accounts/my_details", &[], Allowed),
    (
        "anonymous",
        "accounts/update_my_details",
        &[
            ("username", ""),
            ("display_name", ""),
            ("first_name", ""),
            ("last_name", ""),
            ("locale", ""),
        ],
        Unauthenticated,
    ),
    (
        "a.reader",
        "accounts/update_my_details",
        &[
            ("username", ""),
            ("display_name", ""),
            ("first_name", ""),
            ("last_name", ""),
            ("locale", ""),
        ],
        Allowed,
    ),
    (
        "anonymous",
        "accounts/change_password",
        &[("current_password", ""), ("new_password", "")],
        Unauthenticated,
    ),
    (
        "a.reader",
        "accounts/change_password",
        &[("current_password", ""), ("new_password", "")],
        Allowed,
    ),
    (
        "anonymous",
        "accounts/request_email_change",
        &[("new_email", "bad")],
        Unauthenticated,
    ),
    (
        "a.reader",
        "accounts/request_email_change",
        &[("new_email", "bad")],
        Allowed,
    ),
    (
        "anonymous",
        "accounts/confirm_email_change",
        &[("code", "1")],
        Unauthenticated,
    ),
    (
        "a.reader",
        "accounts/confirm_email_change",
        &[("code", "1")],
        Allowed,
    ),
    ("anonymous", "organisations/mine", &[], Unauthenticated),
    ("outsider", "organisations/mine", &[], Allowed),
    // Creating an organisation, or a country office under a headquarters.
    (
        "anonymous",
        "organisations/create",
        &[("legal_name", ""), ("country", ""), ("kind", "")],
        Unauthenticated,
    ),
    (
        "outsider",
        "organisations/create",
        &[("legal_name", ""), ("country", ""), ("kind", "")],
        Allowed,
    ),
    (
        "a.editor",
        "organisations/create",
        &[
            ("legal_name", ""),
            ("country", ""),
            ("kind", ""),
            ("parent_id", "{A}"),
        ],
        Allowed,
    ),
    (
        "a.reader",
        "organisations/create",
        &[
            ("legal_name", ""),
            ("country", ""),
            ("kind", ""),
            ("parent_id", "{A}"),
        ],
        Forbidden,
    ),
    (
        "b.admin",
        "organisations/create",
        &[
            ("legal_name", ""),
            ("country", ""),
            ("kind", ""),
            ("parent_id", "{A}"),
        ],
        Forbidden,
    ),
    // Reading an organisation: its members, the help desk, platform administrators.
    (
        "anonymous",
        "organisations/page",
        &[("id", "{A}")],
        Unauthenticated,
    ),
    ("a.reader", "organisations/page", &[("id", "{A}")], Allowed),
    ("b.admin", "organisations/page", &[("id", "{A}")], Forbidden),
    (
        "outsider",
        "organisations/page",
        &[("id", "{A}")],
        Forbidden,
    ),
    ("helpdesk", "organisations/page", &[("id", "{A}")], Allowed),
    ("officer", "organisations/page", &[("id", "{A}")], Forbidden),
    ("agency", "organisations/page", &[("id", "{A}")], Forbidden),
    ("platform", "organisations/page", &[("id", "{A}")], Allowed),
    // Adding people: administrators of that organisation.
    (
        "anonymous",
        "organisations/add_member",
        &[
            ("organisation_id", "{A}"),
            ("name", ""),
            ("email", "bad"),
            ("role", ""),
        ],
        Unauthenticated,
    ),
    (
        "a.admin",
        "organisations/add_member",
        &[
            ("organisation_id", "{A}"),
            ("name", ""),
            ("email", "bad"),
            ("role", ""),
        ],
        Allowed,
    ),
    (
        "a.editor",
        "organisations/add_member",
        &[
            ("organisation_id", "{A}"),
            ("name", ""),
            ("email", "bad"),
            ("role", ""),
        ],
        Forbidden,
    ),
    (
        "a.reader",
        "organisations/add_member",
        &[
            ("organisation_id", "{A}"),
            ("name", ""),
            ("email", "bad"),
            ("role", ""),
        ],
        Forbidden,
    ),
    (
        "b.admin",
        "organisations/add_member",
        &[
            ("organisation_id", "{A}"),
            ("name", ""),
            ("email", "bad"),
            ("role", ""),
        ],
        Forbidden,
    ),
    (
        "helpdesk",
        "organisations/add_member",
        &[
            ("organisation_id", "{A}"),
            ("name", ""),
            ("email", "bad"),
            ("role", ""),
        ],
        Forbidden,
    ),
    (
        "platform",
        "organisations/add_member",
        &[
            ("organisation_id", "{A}"),
            ("name", ""),
            ("email", "bad"),
            ("role", ""),
        ],
        Allowed,
    ),
    // Changing roles: the organisation of the membership decides, not an id from the client.
    (
        "anonymous",
        "organisations/change_member_role",
        &[
            ("membership_id", "{A.reader_membership}"),
            ("role", "bogus"),
        ],
        Unauthenticated,
    ),
    (
        "a.admin",
        "organisations/change_member_role",
        &[
            ("membership_id", "{A.reader_membership}"),
            ("role", "bogus"),
        ],
        Allowed,
    ),
    (
        "a.editor",
        "organisations/change_member_role",
        &[
            ("membership_id", "{A.reader_membership}"),
            ("role", "administrator"),
        ],
        Forbidden,
    ),
    (
        "a.reader",
        "organisations/change_member_role",
        &[
            ("membership_id", "{A.reader_membership}"),
            ("role", "administrator"),
        ],
        Forbidden,
    ),
    (
        "a.admin",
        "organisations/change_member_role",
        &[
            ("membership_id", "{B.admin_membership}"),
            ("role", "reader"),
        ],
        Forbidden,
    ),
    (
        "b.admin",
        "organisations/change_member_role",
        &[
            ("membership_id", "{A.reader_membership}"),
            ("role", "administrator"),
        ],
        Forbidden,
    ),
    (
        "anonymous",
        "organisations/remove_member",
        &[("membership_id", "{A.reader_membership}")],
        Unauthenticated,
    ),
    (
        "a.editor",
        "organisations/remove_member",
        &[("membership_id", "{A.reader_membership}")],
        Forbidden,
    ),
    (
        "b.admin",
        "organisations/remove_member",
        &[("membership_id", "{A.reader_membership}")],
        Forbidden,
    ),
    (
        "a.admin",
        "organisations/remove_member",
        &[("membership_id", "{B.admin_membership}")],
        Forbidden,
    ),
    (
        "a.admin",
        "organisations/remove_member",
        &[("membership_id", "{A.listed_membership}")],
        Allowed,
    ),
    // Leaving: members only.
    (
        "anonymous",
        "organisations/leave",
        &[("organisation_id", "{A}")],
        Unauthenticated,
    ),
    (
        "b.admin",
        "organisations/leave",
        &[("organisation_id", "{A}")],
        Forbidden,
    ),
    // Join requests: anyone signed in asks; the organisation's administrators decide.
    (
        "anonymous",
        "organisations/request_to_join",
        &[("organisation_id", "{A}"), ("admin_email", "bad")],
        Unauthenticated,
    ),
    (
        "b.admin",
        "organisations/request_to_join",
        &[("organisation_id", "{A}"), ("admin_email", "bad")],
        Allowed,
    ),
    (
        "anonymous",
        "organisations/decide_join_request",
        &[("request_id", "{A.join_request}"), ("decision", "bogus")],
        Unauthenticated,
    ),
    (
        "a.admin",
        "organisations/decide_join_request",
        &[("request_id", "{A.join_request}"), ("decision", "bogus")],
        Allowed,
    ),
    (
        "a.editor",
        "organisations/decide_join_request",
        &[("request_id", "{A.join_request}"), ("decision", "approve")],
        Forbidden,
    ),
    (
        "a.reader",
        "organisations/decide_join_request",
        &[("request_id", "{A.join_request}"), ("decision", "approve")],
        Forbidden,
    ),
    (
        "a.admin",
        "organisations/decide_join_request",
        &[("request_id", "{B.join_request}"), ("decision", "approve")],
        Forbidden,
    ),
    (
        "b.admin",
        "organisations/decide_join_request",
        &[("request_id", "{A.join_request}"), ("decision", "approve")],
        Forbidden,
    ),
    (
        "outsider",
        "organisations/decide_join_request",
        &[("request_id", "{A.join_request}"), ("decision", "approve")],
        Forbidden,
    ),
    // ECOSOC consultative status: platform administrators.
    (
        "anonymous",
        "organisations/set_consultative_status",
        &[("organisation_id", "{A}"), ("status", "bogus")],
        Unauthenticated,
    ),
    (
        "a.admin",
        "organisations/set_consultative_status",
        &[
            ("organisation_id", "{A}"),
            ("status", "general"),
            ("year", "2000"),
        ],
        Forbidden,
    ),
    (
        "officer",
        "organisations/set_consultative_status",
        &[
            ("organisation_id", "{A}"),
            ("status", "general"),
            ("year", "2000"),
        ],
        Forbidden,
    ),
    (
        "platform",
        "organisations/set_consultative_status",
        &[("organisation_id", "{A}"), ("status", "bogus")],
        Allowed,
    ),
    // Extranet registrations: the extranet secretariat.
    ("anonymous", "extranet/registrations", &[], Unauthenticated),
    ("a.admin", "extranet/registrations", &[], Forbidden),
    ("helpdesk", "extranet/registrations", &[], Forbidden),
    ("officer", "extranet/registrations", &[], Forbidden),
    ("extranet", "extranet/registrations", &[], Allowed),
    ("platform", "extranet/registrations", &[], Allowed),
    (
        "anonymous",
        "extranet/decide_registration",
        &[("registration_id", "{registration}"), ("decision", "bogus")],
        Unauthenticated,
    ),
    (
        "a.admin",
        "extranet/decide_registration",
        &[
            ("registration_id", "{registration}"),
            ("decision", "validate"),
        ],
        Forbidden,
    ),
    (
        "agency",
        "extranet/decide_registration",
        &[
            ("registration_id", "{registration}"),
            ("decision", "validate"),
        ],
        Forbidden,
    ),
    (
        "extranet",
        "extranet/decide_registration",
        &[("registration_id", "{registration}"), ("decision", "bogus")],
        Allowed,
    ),
    // Drafts: one's own details; an organisation's profile for its administrators and editors.
    (
        "anonymous",
        "drafts/load",
        &[("form", "my_details")],
        Unauthenticated,
    ),
    (
        "a.reader",
        "drafts/load",
        &[("form", "my_details")],
        Allowed,
    ),
    (
        "a.editor",
        "drafts/load",
        &[("form", "organisation_profile"), ("record_key", "{A}")],
        Allowed,
    ),
    (
        "a.reader",
        "drafts/load",
        &[("form", "organisation_profile"), ("record_key", "{A}")],
        Forbidden,
    ),
    (
        "b.admin",
        "drafts/load",
        &[("form", "organisation_profile"), ("record_key", "{A}")],
        Forbidden,
    ),
    (
        "a.reader",
        "drafts/load",
        &[("form", "my_details"), ("record_key", "{A}")],
        Forbidden,
    ),
    (
        "anonymous",
        "drafts/save",
        &[
            ("form", "my_details"),
            ("fields", "{}"),
            ("base", "{}"),
            ("base_version", "1"),
        ],
        Unauthenticated,
    ),
    (
        "a.admin",
        "drafts/save",
        &[
            ("form", "organisation_profile"),
            ("record_key", "{A}"),
            ("fields", "x"),
            ("base", "{}"),
            ("base_version", "1"),
        ],
        Allowed,
    ),
    (
        "b.admin",
        "drafts/save",
        &[
            ("form", "organisation_profile"),
            ("record_key", "{A}"),
            ("fields", "{}"),
            ("base", "{}"),
            ("base_version", "1"),
        ],
        Forbidden,
    ),
    (
        "helpdesk",
        "drafts/save",
        &[
            ("form", "organisation_profile"),
            ("record_key", "{A}"),
            ("fields", "{}"),
            ("base", "{}"),
            ("base_version", "1"),
        ],
        Forbidden,
    ),
    (
        "anonymous",
        "drafts/discard",
        &[("form", "my_details")],
        Unauthenticated,
    ),
    (
        "a.reader",
        "drafts/discard",
        &[("form", "organisation_profile"), ("record_key", "{A}")],
        Forbidden,
    ),
    (
        "a.editor",
        "drafts/discard",
        &[("form", "organisation_profile"), ("record_key", "{A}")],
        Allowed,
    ),
    // The organisation profile: its administrators and editors.
    (
        "anonymous",
        "organisations/update_profile",
        &[
            ("organisation_id", "{A}"),
            ("legal_name", ""),
            ("country", ""),
        ],
        Unauthenticated,
    ),
    (
        "a.editor",
        "organisations/update_profile",
        &[
            ("organisation_id", "{A}"),
            ("legal_name", ""),
            ("country", ""),
        ],
        Allowed,
    ),
    (
        "a.reader",
        "organisations/update_profile",
        &[
            ("organisation_id", "{A}"),
            ("legal_name", "X"),
            ("country", "SN"),
        ],
        Forbidden,
    ),
    (
        "b.admin",
        "organisations/update_profile",
        &[
            ("organisation_id", "{A}"),
            ("legal_name", "X"),
            ("country", "SN"),
        ],
        Forbidden,
    ),
    (
        "helpdesk",
        "organisations/update_profile",
        &[
            ("organisation_id", "{A}"),
            ("legal_name", "X"),
            ("country", "SN"),
        ],
        Forbidden,
    ),
    // Staff management and the outbox: platform administrators.
    ("anonymous", "staff/list", &[], Unauthenticated),
    ("extranet", "staff/list", &[], Forbidden),
    ("helpdesk", "staff/list", &[], Forbidden),
    ("platform", "staff/list", &[], Allowed),
    (
        "anonymous",
        "staff/grant",
        &[("email", "a.admin@example.org"), ("role", "platform_admin")],
        Unauthenticated,
    ),
    (
        "a.admin",
        "staff/grant",
        &[("email", "a.admin@example.org"), ("role", "platform_admin")],
        Forbidden,
    ),
    (
        "extranet",
        "staff/grant",
        &[
            ("email", "extranet@example.org"),
            ("role", "platform_admin"),
        ],
        Forbidden,
    ),
    (
        "platform",
        "staff/grant",
        &[("email", "a.admin@example.org"), ("role", "bogus")],
        Allowed,
    ),
    (
        "anonymous",
        "staff/revoke",
        &[("grant_id", "{helpdesk_grant}")],
        Unauthenticated,
    ),
    (
        "helpdesk",
        "staff/revoke",
        &[("grant_id", "{helpdesk_grant}")],
        Forbidden,
    ),
    (
        "officer",
        "staff/revoke",
        &[("grant_id", "{helpdesk_grant}")],
        Forbidden,
    ),
    // Uploading an organisation's files: its administrators and editors (and platform
    // administrators). The file sent is not a PNG, so an allowed call is a 422.
    (
        "anonymous",
        "uploads/organisation_files",
        &[("organisation_id", "{A}")],
        Unauthenticated,
    ),
    (
        "a.admin",
        "uploads/organisation_files",
        &[("organisation_id", "{A}")],
        Allowed,
    ),
    (
        "a.editor",
        "uploads/organisation_files",
        &[("organisation_id", "{A}")],
        Allowed,
    ),
    (
        "a.reader",
        "uploads/organisation_files",
        &[("organisation_id", "{A}")],
        Forbidden,
    ),
    (
        "b.admin",
        "uploads/organisation_files",
        &[("organisation_id", "{A}")],
        Forbidden,
    ),
    (
        "outsider",
        "uploads/organisation_files",
        &[("organisation_id", "{A}")],
        Forbidden,
    ),
    (
        "helpdesk",
        "uploads/organisation_files",
        &[("organisation_id", "{A}")],
        Forbidden,
    ),
    (
        "officer",
        "uploads/organisation_files",
        &[("organisation_id", "{A}")],
        Forbidden,
    ),
    (
        "platform",
        "uploads/organisation_files",
        &[("organisation_id", "{A}")],
        Allowed,
    ),
    // Accreditation: an organisation's designations are read by its members, accreditation
    // officers, the help desk and platform administrators; designated by its administrators
    // and editors only; decided by the officers of the designation's duty station.
    (
        "anonymous",
        "accreditation/station",
        &[("organisation_id", "{A}"), ("duty_station", "geneva")],
        Unauthenticated,
    ),
    (
        "a.reader",
        "accreditation/station",
        &[("organisation_id", "{A}"), ("duty_station", "geneva")],
        Allowed,
    ),
    (
        "b.admin",
        "accreditation/station",
        &[("organisation_id", "{A}"), ("duty_station", "geneva")],
        Forbidden,
    ),
    (
        "outsider",
        "accreditation/station",
        &[("organisation_id", "{A}"), ("duty_station", "geneva")],
        Forbidden,
    ),
    (
        "agency",
        "accreditation/station",
        &[("organisation_id", "{A}"), ("duty_station", "geneva")],
        Forbidden,
    ),
    (
        "officer",
        "accreditation/station",
        &[("organisation_id", "{A}"), ("duty_station", "geneva")],
        Allowed,
    ),
    (
        "helpdesk",
        "accreditation/station",
        &[("organisation_id", "{A}"), ("duty_station", "geneva")],
        Allowed,
    ),
    (
        "platform",
        "accreditation/station",
        &[("organisation_id", "{A}"), ("duty_station", "geneva")],
        Allowed,
    ),
    (
        "anonymous",
        "accreditation/form",
        &[("organisation_id", "{A}"), ("duty_station", "geneva")],
        Unauthenticated,
    ),
    (
        "a.admin",
        "accreditation/form",
        &[("organisation_id", "{A}"), ("duty_station", "geneva")],
        Allowed,
    ),
    (
        "a.editor",
        "accreditation/form",
        &[("organisation_id", "{A}"), ("duty_station", "geneva")],
        Allowed,
    ),
    (
        "a.reader",
        "accreditation/form",
        &[("organisation_id", "{A}"), ("duty_station", "geneva")],
        Forbidden,
    ),
    (
        "b.admin",
        "accreditation/form",
        &[("organisation_id", "{A}"), ("duty_station", "geneva")],
        Forbidden,
    ),
    (
        "officer",
        "accreditation/form",
        &[("organisation_id", "{A}"), ("duty_station", "geneva")],
        Forbidden,
    ),
    (
        "anonymous",
        "accreditation/save",
        &[("organisation_id", "{A}")],
        Unauthenticated,
    ),
    (
        "a.admin",
        "accreditation/save",
        &[("organisation_id", "{A}")],
        Allowed,
    ),
    (
        "a.editor",
        "accreditation/save",
        &[("organisation_id", "{A}")],
        Allowed,
    ),
    (
        "a.reader",
        "accreditation/save",
        &[("organisation_id", "{A}")],
        Forbidden,
    ),
    (
        "b.admin",
        "accreditation/save",
        &[("organisation_id", "{A}")],
        Forbidden,
    ),
    (
        "outsider",
        "accreditation/save",
        &[("organisation_id", "{A}")],
        Forbidden,
    ),
    (
        "helpdesk",
        "accreditation/save",
        &[("organisation_id", "{A}")],
        Forbidden,
    ),
    (
        "officer",
        "accreditation/save",
        &[("organisation_id", "{A}")],
        Forbidden,
    ),
    (
        "platform",
        "accreditation/save",
        &[("organisation_id", "{A}")],
        Forbidden,
    ),
    ("anonymous", "accreditation/queue", &[], Unauthenticated),
    ("a.admin", "accreditation/queue", &[], Forbidden),
    ("helpdesk", "accreditation/queue", &[], Forbidden),
    ("agency", "accreditation/queue", &[], Forbidden),
    ("officer", "accreditation/queue", &[], Allowed),
    ("platform", "accreditation/queue", &[], Allowed),
    (
        "anonymous",
        "accreditation/decide",
        &[("designation_id", "{A.designation}"), ("decision", "none")],
        Unauthenticated,
    ),
    (
        "a.admin",
        "accreditation/decide",
        &[("designation_id", "{A.designation}"), ("decision", "none")],
        Forbidden,
    ),
    (
        "helpdesk",
        "accreditation/decide",
        &[("designation_id", "{A.designation}"), ("decision", "none")],
        Forbidden,
    ),
    (
        "agency",
        "accreditation/decide",
        &[("designation_id", "{A.designation}"), ("decision", "none")],
        Forbidden,
    ),
    (
        "officer",
        "accreditation/decide",
        &[("designation_id", "{A.designation}"), ("decision", "none")],
        Allowed,
    ),
    (
        "platform",
        "accreditation/decide",
        &[("designation_id", "{A.designation}"), ("decision", "none")],
        Allowed,
    ),
    ("anonymous", "accreditation/dashboard", &[], Unauthenticated),
    ("a.admin", "accreditation/dashboard", &[], Forbidden),
    ("helpdesk", "accreditation/dashboard", &[], Forbidden),
    ("officer", "accreditation/dashboard", &[], Allowed),
    ("platform", "accreditation/dashboard", &[], Allowed),
    (
        "anonymous",
        "accreditation/decide_many",
        &[("ids[]", "{A.designation}"), ("decision", "none")],
        Unauthenticated,
    ),
    (
        "a.admin",
        "accreditation/decide_many",
        &[("ids[]", "{A.designation}"), ("decision", "none")],
        Forbidden,
    ),
    (
        "helpdesk",
        "accreditation/decide_many",
        &[("ids[]", "{A.designation}"), ("decision", "none")],
        Forbidden,
    ),
    (
        "officer",
        "accreditation/decide_many",
        &[("ids[]", "{A.designation}"), ("decision", "none")],
        Allowed,
    ),
    (
        "platform",
        "accreditation/decide_many",
        &[("ids[]", "{A.designation}"), ("decision", "none")],
        Allowed,
    ),
    ("anonymous", "accreditation/directory", &[], Allowed),
    ("a.reader", "accreditation/directory", &[], Allowed),
    (
        "anonymous",
        "accreditation/renew",
        &[("year", "1999")],
        Unauthenticated,
    ),
    (
        "a.admin",
        "accreditation/renew",
        &[("year", "1999")],
        Forbidden,
    ),
    (
        "helpdesk",
        "accreditation/renew",
        &[("year", "1999")],
        Forbidden,
    ),
    (
        "officer",
        "accreditation/renew",
        &[("year", "1999")],
        Allowed,
    ),
    (
        "platform",
        "accreditation/renew",
        &[("year", "1999")],
        Allowed,
    ),
    (
        "anonymous",
        "accreditation/withdraw",
        &[("designation_id", "{A.designation}")],
        Unauthenticated,
    ),
    (
        "a.reader",
        "accreditation/withdraw",
        &[("designation_id", "{A.designation}")],
        Forbidden,
    ),
    (
        "b.admin",
        "accreditation/withdraw",
        &[("designation_id", "{A.designation}")],
        Forbidden,
    ),
    (
        "officer",
        "accreditation/withdraw",
        &[("designation_id", "{A.designation}")],
        Forbidden,
    ),
    (
        "platform",
        "accreditation/withdraw",
        &[("designation_id", "{A.designation}")],
        Forbidden,
    ),
    (
        "a.editor",
        "accreditation/withdraw",
        &[("designation_id", "{A.designation}")],
        Allowed,
    ),
    // A designation's photo: the organisation's administrators and editors.
    (
        "anonymous",
        "uploads/designation_photo",
        &[("designation_id", "{A.designation}")],
        Unauthenticated,
    ),
    (
        "a.reader",
        "uploads/designation_photo",
        &[("designation_id", "{A.designation}")],
        Forbidden,
    ),
    (
        "b.admin",
        "uploads/designation_photo",
        &[("designation_id", "{A.designation}")],
        Forbidden,
    ),
    (
        "officer",
        "uploads/designation_photo",
        &[("designation_id", "{A.designation}")],
        Forbidden,
    ),
    (
        "platform",
        "uploads/designation_photo",
        &[("designation_id", "{A.designation}")],
        Forbidden,
    ),
    (
        "a.admin",
        "uploads/designation_photo",
        &[("designation_id", "{A.designation}")],
        Allowed,
    ),
    ("anonymous", "mail/outbox", &[], Unauthenticated),
    ("helpdesk", "mail/outbox", &[], Forbidden),
    ("a.admin", "mail/outbox", &[], Forbidden),
    ("platform", "mail/outbox", &[], Allowed),
    (
        "anonymous",
        "mail/retry",
        &[("mail_id", "1")],
        Unauthenticated,
    ),
    ("helpdesk", "mail/retry", &[("mail_id", "1")], Forbidden),
    ("a.admin", "mail/retry", &[("mail_id", "1")], Forbidden),
    ("platform", "mail/retry", &[("mail_id", "1")], Allowed),
    ("anonymous", "accreditation/rights", &[], Unauthenticated),
    ("a.reader", "accreditation/rights", &[], Allowed),
    ("outsider", "accreditation/rights", &[], Allowed),
    ("officer", "accreditation/rights", &[], Allowed),
    (
        "anonymous",
        "accreditation/book",
        &[
            ("room_id", "{room}"),
            ("date", "{today}"),
            ("starts_at", "10:00"),
            ("ends_at", "11:00"),
            ("purpose", "x"),
        ],
        Unauthenticated,
    ),
    (
        "a.admin",
        "accreditation/book",
        &[
            ("room_id", "{room}"),
            ("date", "{today}"),
            ("starts_at", "10:00"),
            ("ends_at", "11:00"),
            ("purpose", "x"),
        ],
        Forbidden,
    ),
    (
        "a.reader",
        "accreditation/book",
        &[
            ("room_id", "{room}"),
            ("date", "{today}"),
            ("starts_at", "10:00"),
            ("ends_at", "11:00"),
            ("purpose", "x"),
        ],
        Forbidden,
    ),
    (
        "outsider",
        "accreditation/book",
        &[
            ("room_id", "{room}"),
            ("date", "{today}"),
            ("starts_at", "10:00"),
            ("ends_at", "11:00"),
            ("purpose", "x"),
        ],
        Forbidden,
    ),
    (
        "officer",
        "accreditation/book",
        &[
            ("room_id", "{room}"),
            ("date", "{today}"),
            ("starts_at", "10:00"),
            ("ends_at", "11:00"),
            ("purpose", "x"),
        ],
        Forbidden,
    ),
    (
        "platform",
        "accreditation/book",
        &[
            ("room_id", "{room}"),
            ("date", "{today}"),
            ("starts_at", "10:00"),
            ("ends_at", "11:00"),
            ("purpose", "x"),
        ],
        Forbidden,
    ),
    (
        "anonymous",
        "accreditation/cancel_booking",
        &[("booking_id", "{booking}")],
        Unauthenticated,
    ),
    (
        "outsider",
        "accreditation/cancel_booking",
        &[("booking_id", "{booking}")],
        Allowed,
    ),
    (
        "a.reader",
        "accreditation/cancel_booking",
        &[("booking_id", "{booking}")],
        Allowed,
    ),
    (
        "officer",
        "accreditation/cancel_booking",
        &[("booking_id", "{booking}")],
        Allowed,
    ),
    (
        "anonymous",
        "accreditation/calendar",
        &[("station", "geneva")],
        Unauthenticated,
    ),
    (
        "a.admin",
        "accreditation/calendar",
        &[("station", "geneva")],
        Forbidden,
    ),
    (
        "helpdesk",
        "accreditation/calendar",
        &[("station", "geneva")],
        Forbidden,
    ),
    (
        "agency",
        "accreditation/calendar",
        &[("station", "geneva")],
        Forbidden,
    ),
    (
        "officer",
        "accreditation/calendar",
        &[("station", "geneva")],
        Allowed,
    ),
    (
        "platform",
        "accreditation/calendar",
        &[("station", "geneva")],
        Allowed,
    ),
    (
        "anonymous",
        "accreditation/add_room",
        &[("station", "geneva"), ("name", ""), ("capacity", "")],
        Unauthenticated,
    ),
    (
        "a.admin",
        "accreditation/add_room",
        &[("station", "geneva"), ("name", ""), ("capacity", "")],
        Forbidden,
    ),
    (
        "helpdesk",
        "accreditation/add_room",
        &[("station", "geneva"), ("name", ""), ("capacity", "")],
        Forbidden,
    ),
    (
        "officer",
        "accreditation/add_room",
        &[("station", "geneva"), ("name", ""), ("capacity", "")],
        Allowed,
    ),
    (
        "platform",
        "accreditation/add_room",
        &[("station", "geneva"), ("name", ""), ("capacity", "")],
        Allowed,
    ),
    (
        "anonymous",
        "accreditation/verify",
        &[("code", "x.y")],
        Allowed,
    ),
    (
        "a.reader",
        "accreditation/verify",
        &[("code", "x.y")],
        Allowed,
    ),
    (
        "anonymous",
        "accreditation/reprint",
        &[("designation_id", "{A.designation}")],
        Unauthenticated,
    ),
    (
        "a.admin",
        "accreditation/reprint",
        &[("designation_id", "{A.designation}")],
        Allowed,
    ),
    (
        "outsider",
        "accreditation/reprint",
        &[("designation_id", "{A.designation}")],
        Allowed,
    ),
    (
        "officer",
        "accreditation/reprint",
        &[("designation_id", "{A.designation}")],
        Allowed,
    ),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_authorisation_matrix_holds_over_http() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let mut failures = vec![];
    for (who, endpoint, args, expect) in ROWS {
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
                &app,
                endpoint,
                &form,
                &[("logo", "logo.png", not_a_png)],
                cookie,
            )
            .await
        } else {
            call(&app, endpoint, &form, cookie).await
        };
        let status = response.status().as_u16();
        let got = match status {
            401 => Unauthenticated,
            403 => Forbidden,
            _ => Allowed,
        };
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
    let covered: BTreeSet<String> = ROWS.iter().map(|r| r.1.to_string()).collect();
    let missing: Vec<_> = registered.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "server functions without rows: {missing:?}"
    );
}
