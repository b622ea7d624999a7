//! Simultaneous saves of one versioned record (issue #11): twenty saves sent at the same moment,
//! all from the same `version`: exactly one is written, the others are refused as stale
//! (`record_changed`, 422), none is a 500 — on SQLite (write transactions wait for the lock)
//! and on PostgreSQL (the version is checked by the update itself).
use crate::common::{self, TestApp, add_person, call, sign_in, spawn_app};
use std::sync::Arc;

const PASSWORD: &str = "twenty hands on one form";
const SAVES: usize = 20;

/// Sends `SAVES` calls of `endpoint` at once (cookies taken in turn) and answers how many were
/// accepted; fails on anything but an acceptance or a stale refusal.
async fn at_once(
    app: &Arc<TestApp>,
    endpoint: &'static str,
    cookies: &[String],
    form: impl Fn(usize) -> Vec<(String, String)>,
) -> usize {
    let mut tasks = vec![];
    let start = Arc::new(tokio::sync::Barrier::new(SAVES));
    for i in 0..SAVES {
        let (app, cookie, pairs, start) = (
            app.clone(),
            cookies[i % cookies.len()].clone(),
            form(i),
            start.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let pairs: Vec<(&str, &str)> = pairs
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            start.wait().await;
            let r = call(&app, endpoint, &pairs, Some(&cookie)).await;
            let status = r.status().as_u16();
            (status, r.text().await.unwrap_or_default())
        }));
    }
    let mut accepted = 0;
    for t in tasks {
        let (status, body) = t.await.unwrap();
        match status {
            200..=399 => accepted += 1,
            422 => assert!(body.contains("record_changed"), "{status} {body}"),
            _ => panic!("{endpoint}: {status} {body}"),
        }
    }
    accepted
}

/// An organisation created by `first` (its administrator), with `second` added as a member in
/// `role`: the organisation's id and both people's cookies (usernames are the names given).
async fn two_members(
    app: &TestApp,
    name: &str,
    first: &str,
    (second, role): (&str, &str),
) -> (String, String, String) {
    add_person(app, &format!("{first}@example.org"), first, PASSWORD).await;
    add_person(app, &format!("{second}@example.org"), second, PASSWORD).await;
    let first_cookie = sign_in(app, first, PASSWORD).await;
    let org = common::consultative_organisation(app, &first_cookie, name).await;
    call(
        app,
        "organisations/add_member",
        &[
            ("organisation_id", &org),
            ("name", second),
            ("email", &format!("{second}@example.org")),
            ("role", role),
        ],
        Some(&first_cookie),
    )
    .await;
    let second_cookie = sign_in(app, second, PASSWORD).await;
    (org, first_cookie, second_cookie)
}

async fn version(app: &TestApp, table: &str, id: i64) -> i64 {
    sqlx::query_scalar(&format!("SELECT version FROM {table} WHERE id = $1"))
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_profile_saves_from_one_version_write_exactly_once() {
    let app = spawn_app().await;
    let (org, admin, editor) = two_members(&app, "Sahel Vert", "admin", ("editor", "editor")).await;
    let id: i64 = org.parse().unwrap();
    let before = version(&app, "organisations", id).await;
    let app = Arc::new(app);
    let accepted = at_once(
        &app,
        "organisations/update_profile",
        &[admin, editor],
        |i| {
            [
                ("organisation_id", org.clone()),
                ("legal_name", "Sahel Vert".to_string()),
                ("country", "SN".to_string()),
                ("acronym", format!("SV{i}")),
                ("version", before.to_string()),
            ]
            .map(|(k, v)| (k.to_string(), v))
            .to_vec()
        },
    )
    .await;
    assert_eq!(accepted, 1);
    assert_eq!(version(&app, "organisations", id).await, before + 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_saves_of_my_details_from_one_version_write_exactly_once() {
    let app = spawn_app().await;
    let id = add_person(&app, "ana@example.org", "ana", PASSWORD).await;
    let cookie = sign_in(&app, "ana", PASSWORD).await;
    let before = version(&app, "users", id).await;
    let app = Arc::new(app);
    let accepted = at_once(&app, "accounts/update_my_details", &[cookie], |i| {
        [
            ("username", "ana".to_string()),
            ("display_name", format!("Ana {i}")),
            ("first_name", "Ana".to_string()),
            ("last_name", "Diallo".to_string()),
            ("locale", "fr".to_string()),
            ("version", before.to_string()),
        ]
        .map(|(k, v)| (k.to_string(), v))
        .to_vec()
    })
    .await;
    assert_eq!(accepted, 1);
    assert_eq!(version(&app, "users", id).await, before + 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_saves_of_a_designation_draft_from_one_version_write_exactly_once() {
    let app = spawn_app().await;
    add_person(&app, "admin@example.org", "admin", PASSWORD).await;
    let admin = sign_in(&app, "admin", PASSWORD).await;
    let org = common::consultative_organisation(&app, &admin, "Voix des Femmes").await;
    let form = common::designation_form(&org, "geneva", "additional_representative", "Awa", "Ba");
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = call(&app, "accreditation/save", &pairs, Some(&admin)).await;
    assert!(r.status().is_success(), "{}", r.status());
    let id: i64 = sqlx::query_scalar("SELECT id FROM designations")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let before = version(&app, "designations", id).await;
    let app = Arc::new(app);
    let accepted = at_once(&app, "accreditation/save", &[admin], |i| {
        let mut f = form.clone();
        f.retain(|(k, _)| k != "position");
        f.push(("position".into(), format!("Chargée {i}")));
        f.push(("designation_id".into(), id.to_string()));
        f.push(("version".into(), before.to_string()));
        f
    })
    .await;
    assert_eq!(accepted, 1);
    assert_eq!(version(&app, "designations", id).await, before + 1);
}

/// Two administrators demote each other at the same moment: one change goes through, the other
/// is refused as the last administrator's, and the organisation keeps an administrator.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_administrators_demoting_each_other_at_once_leave_one() {
    let app = spawn_app().await;
    let (org, ada, bo) = two_members(&app, "Deux Chefs", "ada", ("bo", "administrator")).await;
    let membership = |name: &'static str| {
        let app = &app;
        let org = org.clone();
        async move {
            let id: i64 = sqlx::query_scalar(
                "SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id
                 WHERE u.username = $1 AND m.organisation_id = $2",
            )
            .bind(name)
            .bind(org.parse::<i64>().unwrap())
            .fetch_one(&app.db)
            .await
            .unwrap();
            id.to_string()
        }
    };
    let (ada_m, bo_m) = (membership("ada").await, membership("bo").await);
    let app = Arc::new(app);
    let start = Arc::new(tokio::sync::Barrier::new(2));
    let mut tasks = vec![];
    for (cookie, target) in [(ada, bo_m), (bo, ada_m)] {
        let (app, start) = (app.clone(), start.clone());
        tasks.push(tokio::spawn(async move {
            start.wait().await;
            let r = call(
                &app,
                "organisations/change_member_role",
                &[("membership_id", &target), ("role", "reader")],
                Some(&cookie),
            )
            .await;
            (r.status().as_u16(), r.text().await.unwrap_or_default())
        }));
    }
    let mut refused = 0;
    for t in tasks {
        let (status, body) = t.await.unwrap();
        assert!(status < 500, "{status} {body}");
        if status == 422 || status == 403 {
            refused += 1;
        }
    }
    assert_eq!(refused, 1, "one of the two changes is refused");
    let admins = common::count(
        &app,
        &format!(
            "memberships WHERE organisation_id = {org} AND role = 'administrator' AND status = 'active'"
        ),
    )
    .await;
    assert_eq!(admins, 1);
}

/// Two platform administrators remove each other's role at the same moment: one removal goes
/// through, the other is refused (the last platform administrator stays), on both databases.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_platform_administrators_removing_each_other_at_once_leave_one() {
    let app = spawn_app().await;
    let mut cookies = vec![];
    for name in ["root", "ops"] {
        let id = add_person(&app, &format!("{name}@example.org"), name, PASSWORD).await;
        common::grant(&app, id, "platform_admin", "").await;
        cookies.push(sign_in(&app, name, PASSWORD).await);
    }
    let grant_of = |name: &'static str| {
        let app = &app;
        async move {
            let id: i64 = sqlx::query_scalar(
                "SELECT s.id FROM staff_roles s JOIN users u ON u.id = s.user_id
                 WHERE u.username = $1 AND s.role = 'platform_admin'",
            )
            .bind(name)
            .fetch_one(&app.db)
            .await
            .unwrap();
            id.to_string()
        }
    };
    // root removes ops's role, ops removes root's.
    let targets = [grant_of("ops").await, grant_of("root").await];
    let app = Arc::new(app);
    let start = Arc::new(tokio::sync::Barrier::new(2));
    let mut tasks = vec![];
    for (cookie, target) in cookies.into_iter().zip(targets) {
        let (app, start) = (app.clone(), start.clone());
        tasks.push(tokio::spawn(async move {
            start.wait().await;
            let r = call(
                &app,
                "staff/revoke",
                &[("grant_id", &target)],
                Some(&cookie),
            )
            .await;
            (r.status().as_u16(), r.text().await.unwrap_or_default())
        }));
    }
    let mut accepted = 0;
    for t in tasks {
        let (status, body) = t.await.unwrap();
        assert!(status < 500, "{status} {body}");
        if (200..400).contains(&status) {
            accepted += 1;
        }
    }
    assert_eq!(accepted, 1, "one removal goes through");
    assert_eq!(
        common::count(
            &app,
            "staff_roles WHERE role = 'platform_admin' AND revoked_at IS NULL"
        )
        .await,
        1
    );
}
