//! Staff roles: granted and removed by platform administrators, with their scope; the last
//! platform administrator stays; removed roles are kept (revoked), and stop working at once.
use crate::common;
use common::{add_person, call, count, error_codes, grant, sign_in, spawn_app};
use reqwest::StatusCode;

const PASSWORD: &str = "keys to the whole house";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_platform_administrator_grants_and_removes_scoped_roles() {
    let app = spawn_app().await;
    let root = add_person(&app, "root@example.org", "root", PASSWORD).await;
    grant(&app, root, "platform_admin", "").await;
    add_person(&app, "olu@example.org", "olu", PASSWORD).await;
    let root = sign_in(&app, "root", PASSWORD).await;
    let olu = sign_in(&app, "olu", PASSWORD).await;

    let bad_scope = call(
        &app,
        "staff/grant",
        &[
            ("email", "olu@example.org"),
            ("role", "accreditation_officer"),
            ("scope", "paris"),
        ],
        Some(&root),
    )
    .await;
    assert_eq!(error_codes(bad_scope).await, ["scope:scope_duty_station"]);
    let unknown = call(
        &app,
        "staff/grant",
        &[("email", "ghost@example.org"), ("role", "help_desk")],
        Some(&root),
    )
    .await;
    assert_eq!(error_codes(unknown).await, ["email:user_unknown"]);
    let r = call(
        &app,
        "staff/grant",
        &[
            ("email", "olu@example.org"),
            ("role", "extranet_secretariat"),
        ],
        Some(&root),
    )
    .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    assert_eq!(
        call(&app, "extranet/registrations", &[], Some(&olu))
            .await
            .status(),
        StatusCode::OK
    );
    // Not a platform administrator: cannot manage staff.
    assert_eq!(
        call(&app, "staff/list", &[], Some(&olu)).await.status(),
        StatusCode::FORBIDDEN
    );

    let list: serde_json::Value = call(&app, "staff/list", &[], Some(&root))
        .await
        .json()
        .await
        .unwrap();
    let grant_id = list
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["role"] == "extranet_secretariat")
        .unwrap()["id"]
        .to_string();
    let r = call(
        &app,
        "staff/revoke",
        &[("grant_id", &grant_id)],
        Some(&root),
    )
    .await;
    assert!(r.status().is_success() || r.status().is_redirection());
    assert_eq!(
        call(&app, "extranet/registrations", &[], Some(&olu))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        count(&app, "staff_roles WHERE revoked_at IS NOT NULL").await,
        1,
        "kept, marked revoked"
    );
    assert_eq!(
        count(
            &app,
            "audit_events WHERE action IN ('staff.staff_role_granted', 'staff.staff_role_removed')"
        )
        .await,
        2
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_last_platform_administrator_cannot_be_removed() {
    let app = spawn_app().await;
    let root = add_person(&app, "root@example.org", "root", PASSWORD).await;
    grant(&app, root, "platform_admin", "").await;
    let cookie = sign_in(&app, "root", PASSWORD).await;
    let list: serde_json::Value = call(&app, "staff/list", &[], Some(&cookie))
        .await
        .json()
        .await
        .unwrap();
    let id = list[0]["id"].to_string();
    let r = call(&app, "staff/revoke", &[("grant_id", &id)], Some(&cookie)).await;
    assert_eq!(error_codes(r).await, ["_:last_platform_admin"]);
    assert_eq!(count(&app, "staff_roles WHERE revoked_at IS NULL").await, 1);
}
