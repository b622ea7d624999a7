//! The authorisation matrix, through the real HTTP endpoints, one file of lines per module
//! (`authorisation/<module>.rs`). Every server function that exists has lines (checked against
//! the registry of server functions); a new module adds its file and one line in `rows()`.
//!
//! Most lines are rules: an endpoint and its arguments, and who is allowed — everyone else in the
//! world (ten people and the anonymous) is asked too and expected refused: 401 anonymous, 403
//! signed in (404 where the record is hidden from them). "Allowed" means the policy let the call
//! through: the answer is none of those (inputs are chosen invalid where a real change would
//! disturb later lines, so an allowed call may be a 422). Real changes, and refusals shown with
//! valid arguments, are lines asked of one person (`once`), whose "allowed" is neither 401 nor 403.
mod accounts;
mod accreditation;
mod drafts;
mod extranet;
mod home;
mod mail;
mod organisations;
mod partners;
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
    // A yellow flag UNFPA raised on A.
    sqlx::query(&format!(
        "INSERT INTO partner_flags (organisation_id, agency, level, category, comment, raised_by,
            raised_at, updated_at)
         SELECT {a}, 'unfpa', 'yellow', 'financial', 'Late reports', u.id, 0, 0
         FROM users u WHERE u.username = 'agency'"
    ))
    .execute(&app.db)
    .await
    .unwrap();
    ids.insert("A.flag", id(app, "SELECT id FROM partner_flags").await);
    // A support request a.reader asked about A.
    sqlx::query(&format!(
        "INSERT INTO support_requests (organisation_id, requester_id, category, subject, status,
            created_at, updated_at)
         SELECT {a}, u.id, 'other', 'Help', 'open', 0, 0 FROM users u WHERE u.username = 'a.reader'"
    ))
    .execute(&app.db)
    .await
    .unwrap();
    ids.insert(
        "A.support",
        id(app, "SELECT id FROM support_requests").await,
    );
    // A draft call of UNFPA and a published one, written by its officer.
    let day = |n: i64| (app::ssr::db::today() + chrono::Duration::days(n)).to_string();
    for (name, state) in [("call_draft", "draft"), ("call_published", "published")] {
        let call_id: i64 = sqlx::query_scalar(
            "INSERT INTO partner_calls (agency, title, description, sectors, countries,
                clarification_deadline, deadline, notification_date, start_date, end_date, state,
                created_by, created_at, updated_at)
             SELECT 'unfpa', $1, 'Un appel.', ',health,', ',SN,', $2, $3, $4, $5, $6, $7, id, 0, 0
             FROM users WHERE username = 'agency' RETURNING id",
        )
        .bind(name)
        .bind(day(10))
        .bind(day(20))
        .bind(day(30))
        .bind(day(40))
        .bind(day(300))
        .bind(state)
        .fetch_one(&app.db)
        .await
        .unwrap();
        ids.insert(name, call_id.to_string());
    }
    // Organisation B's application to the published call.
    let application: i64 = sqlx::query_scalar(
        "INSERT INTO partner_applications (call_id, organisation_id, concept_note, submitted_by,
            created_at, updated_at)
         SELECT $1, $2, 'Notre approche.', id, 0, 0 FROM users WHERE username = 'b.admin'
         RETURNING id",
    )
    .bind(ids["call_published"].parse::<i64>().unwrap())
    .bind(ids["B"].parse::<i64>().unwrap())
    .fetch_one(&app.db)
    .await
    .unwrap();
    ids.insert("application", application.to_string());
    // UNFPA's officer reviews the published call.
    sqlx::query(
        "INSERT INTO partner_call_reviewers (call_id, user_id, assigned_by, assigned_at)
         SELECT $1, id, id, 0 FROM users WHERE username = 'agency'",
    )
    .bind(ids["call_published"].parse::<i64>().unwrap())
    .execute(&app.db)
    .await
    .unwrap();
    ids.insert("today", app::ssr::db::today().to_string());
    ids.insert("helpdesk_grant", id(app, "SELECT s.id FROM staff_roles s JOIN users u ON u.id = s.user_id WHERE u.username = 'helpdesk'").await);
    World { cookies, ids }
}

/// Who a rule lets through.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Who {
    /// Everyone, signed in or not.
    Anyone,
    /// Every signed-in person.
    SignedIn,
    /// Only these people of the world.
    Only(&'static [&'static str]),
}

/// Nobody in the world (what the rule needs — a valid accreditation, a key of one's own — no one
/// here holds).
pub(crate) const NOBODY: Who = Who::Only(&[]);

impl Who {
    fn lets(self, who: &str) -> bool {
        match self {
            Who::Anyone => true,
            Who::SignedIn => who != "anonymous",
            Who::Only(names) => names.contains(&who),
        }
    }
}

/// How a refused signed-in person is answered.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Refusal {
    /// 403.
    Forbidden,
    /// 404: the record is not shown to exist to those who may not act on it.
    Hidden,
}

/// One line of the matrix.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Check {
    /// Asked of everyone in the world (and anonymously): those `allowed` are let through, every
    /// other is refused — 401 anonymous, `refusal` signed in. Arguments are chosen so that an
    /// allowed call changes nothing another line relies on (mostly an invalid value: the policy
    /// answers before validation).
    Rule {
        endpoint: &'static str,
        args: &'static [(&'static str, &'static str)],
        allowed: Who,
        refusal: Refusal,
    },
    /// Asked of one person: a real change, which asked of everyone would change the world for
    /// the lines after it (or a refusal shown with valid arguments).
    Once {
        who: &'static str,
        endpoint: &'static str,
        args: &'static [(&'static str, &'static str)],
        expect: Expect,
    },
}

/// Those `allowed` may call `endpoint` with `args`; everyone else is refused (403).
pub(crate) const fn rule(
    endpoint: &'static str,
    args: &'static [(&'static str, &'static str)],
    allowed: Who,
) -> Check {
    Check::Rule {
        endpoint,
        args,
        allowed,
        refusal: Refusal::Forbidden,
    }
}

/// As [`rule`], but the refused are answered 404: the record stays hidden from them.
pub(crate) const fn hidden(
    endpoint: &'static str,
    args: &'static [(&'static str, &'static str)],
    allowed: Who,
) -> Check {
    Check::Rule {
        endpoint,
        args,
        allowed,
        refusal: Refusal::Hidden,
    }
}

/// `who` calls `endpoint` with `args` and is answered `expect`.
pub(crate) const fn once(
    who: &'static str,
    endpoint: &'static str,
    args: &'static [(&'static str, &'static str)],
    expect: Expect,
) -> Check {
    Check::Once {
        who,
        endpoint,
        args,
        expect,
    }
}

impl Check {
    pub(crate) fn endpoint(&self) -> &'static str {
        match self {
            Check::Rule { endpoint, .. } | Check::Once { endpoint, .. } => endpoint,
        }
    }

    pub(crate) fn args(&self) -> &'static [(&'static str, &'static str)] {
        match self {
            Check::Rule { args, .. } | Check::Once { args, .. } => args,
        }
    }
}

/// Everyone a rule is asked of, the least trusted first.
const EVERYONE: [&str; 11] = [
    "anonymous",
    "outsider",
    "b.admin",
    "a.reader",
    "a.editor",
    "helpdesk",
    "extranet",
    "agency",
    "officer",
    "a.admin",
    "platform",
];

/// Every line, module by module (in this order: later modules' lines rely on the records earlier
/// lines leave as they are).
pub(crate) fn rows() -> Vec<Check> {
    [
        home::ROWS,
        accounts::ROWS,
        organisations::ROWS,
        extranet::ROWS,
        drafts::ROWS,
        staff::ROWS,
        mail::ROWS,
        accreditation::ROWS,
        partners::ROWS,
    ]
    .concat()
}

/// Calls `endpoint` as `who` and answers the status.
async fn ask(app: &TestApp, w: &World, who: &str, endpoint: &str, args: &[(&str, &str)]) -> u16 {
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
    response.status().as_u16()
}

/// Who asks, what is expected, whether a status holds it.
type Ask = (&'static str, &'static str, fn(u16) -> bool);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_authorisation_matrix_holds_over_http() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let mut failures = vec![];
    let mut asked = 0;
    for check in rows() {
        let asks: Vec<Ask> = match check {
            Check::Once { who, expect, .. } => vec![(
                who,
                match expect {
                    Allowed => "allowed (neither 401 nor 403)",
                    Unauthenticated => "401",
                    Forbidden => "403",
                },
                match expect {
                    Allowed => |s| s != 401 && s != 403,
                    Unauthenticated => |s| s == 401,
                    Forbidden => |s| s == 403,
                },
            )],
            Check::Rule {
                endpoint,
                allowed,
                refusal,
                ..
            } => EVERYONE
                .iter()
                // Signing out would end the asker's session for the lines after.
                .filter(|who| endpoint != "accounts/logout" || **who == "anonymous")
                .map(|who| -> Ask {
                    match (allowed.lets(who), *who, refusal) {
                        (true, ..) => (who, "allowed (not 401, 403, 404)", |s| {
                            !matches!(s, 401 | 403 | 404)
                        }),
                        (false, "anonymous", _) => (who, "401", |s| s == 401),
                        (false, _, Refusal::Forbidden) => (who, "403", |s| s == 403),
                        (false, _, Refusal::Hidden) => (who, "404", |s| s == 404),
                    }
                })
                .collect(),
        };
        for (who, expect, holds) in asks {
            asked += 1;
            let status = ask(&app, &w, who, check.endpoint(), check.args()).await;
            if !holds(status) {
                failures.push(format!(
                    "{who} {} {:?}: expected {expect}, got {status}",
                    check.endpoint(),
                    check.args()
                ));
            }
        }
    }
    assert!(asked > 600, "{asked} calls");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_server_function_has_rows_in_the_matrix() {
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_string())
        .collect();
    assert!(registered.len() > 20, "{registered:?}");
    let covered: BTreeSet<String> = rows().iter().map(|r| r.endpoint().to_string()).collect();
    let missing: Vec<_> = registered.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "server functions without rows: {missing:?}"
    );
}
