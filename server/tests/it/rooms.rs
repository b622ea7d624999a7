//! Accreditation rights and meeting rooms (issue #5): rights come from an approved annual
//! Principal representative designation naming the account's address, with the "yes" box;
//! rights holders request temporary passes (only) and book rooms; bookings of one room never
//! overlap, even when requested at the same instant; cancelling; the secretariat's calendar,
//! scoped by duty station.
use crate::common::{
    TestApp, add_person, call, consultative_organisation, count, designation_form, error_codes,
    grant_officers, sign_in, spawn_app,
};
use chrono::{Datelike, Duration};
use reqwest::StatusCode;

const PASSWORD: &str = "rooms for the side events";

struct World {
    app: TestApp,
    org: String,
    admin: String,
    holder: String,
    stranger: String,
    geneva: String,
    new_york: String,
    principal: String,
}

fn ok(r: &reqwest::Response) -> bool {
    r.status().is_success() || r.status().is_redirection()
}

fn pairs(f: &[(String, String)]) -> Vec<(&str, &str)> {
    f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

fn with(mut f: Vec<(String, String)>, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    for (k, v) in changes {
        f.retain(|(name, _)| name != k);
        f.push((k.to_string(), v.to_string()));
    }
    f
}

/// An organisation in consultative status whose administrator designates `holder@example.org`
/// as Principal representative at Geneva with accreditation rights (submitted, not yet
/// approved); officers of Geneva and New York; a stranger.
async fn world() -> World {
    let app = spawn_app().await;
    for name in ["admin", "holder", "stranger", "geneva", "newyork"] {
        add_person(&app, &format!("{name}@example.org"), name, PASSWORD).await;
    }
    grant_officers(&app, &[("geneva", "geneva"), ("newyork", "new_york")]).await;
    let admin = sign_in(&app, "admin", PASSWORD).await;
    let org = consultative_organisation(&app, &admin, "Voix des Femmes").await;
    let f = with(
        designation_form(&org, "geneva", "principal_representative", "Aïda", "Ndiaye"),
        &[
            ("accreditation_rights", "yes"),
            ("email", "Holder@Example.org"),
        ],
    );
    let mut p = pairs(&f);
    p.push(("submit", "1"));
    let r = call(&app, "accreditation/save", &p, Some(&admin)).await;
    assert!(ok(&r), "{}", r.status());
    let principal: i64 =
        sqlx::query_scalar("SELECT id FROM designations WHERE last_name = 'Ndiaye'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    for (station, name) in [("geneva", "Salle XII"), ("geneva", "Salle E-3051")] {
        sqlx::query(
            "INSERT INTO meeting_rooms (duty_station, name, capacity, created_at)
             VALUES ($1, $2, 40, 0)",
        )
        .bind(station)
        .bind(name)
        .execute(&app.db)
        .await
        .unwrap();
    }
    World {
        holder: sign_in(&app, "holder", PASSWORD).await,
        stranger: sign_in(&app, "stranger", PASSWORD).await,
        geneva: sign_in(&app, "geneva", PASSWORD).await,
        new_york: sign_in(&app, "newyork", PASSWORD).await,
        principal: principal.to_string(),
        app,
        org,
        admin,
    }
}

async fn approve(w: &World) {
    let r = call(
        &w.app,
        "accreditation/decide",
        &[("designation_id", &w.principal), ("decision", "approve")],
        Some(&w.geneva),
    )
    .await;
    assert!(ok(&r), "{}", r.status());
}

async fn room(app: &TestApp, name: &str) -> String {
    let id: i64 = sqlx::query_scalar("SELECT id FROM meeting_rooms WHERE name = $1")
        .bind(name)
        .fetch_one(&app.db)
        .await
        .unwrap();
    id.to_string()
}

/// A day of this year, after today, on which a booking may be made (tomorrow, or today if
/// today is 31 December — the test then books today).
fn booking_day() -> String {
    let today = app::ssr::db::today();
    let tomorrow = today + Duration::days(1);
    if tomorrow.year() == today.year() {
        tomorrow.to_string()
    } else {
        today.to_string()
    }
}

async fn book(w: &World, cookie: &str, room: &str, start: &str, end: &str) -> reqwest::Response {
    let day = booking_day();
    call(
        &w.app,
        "accreditation/book",
        &[
            ("room_id", room),
            ("date", &day),
            ("starts_at", start),
            ("ends_at", end),
            ("purpose", "Side event on water"),
        ],
        Some(cookie),
    )
    .await
}

async fn rights(w: &World, cookie: &str) -> serde_json::Value {
    let r = call(&w.app, "accreditation/rights", &[], Some(cookie)).await;
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rights_come_from_the_approved_principal_designation_and_allow_temporary_passes_only() {
    let w = world().await;
    let app = &w.app;
    let xii = room(app, "Salle XII").await;
    // Submitted, not approved: no rights yet.
    assert_eq!(
        rights(&w, &w.holder).await["stations"],
        serde_json::json!([])
    );
    let r = book(&w, &w.holder, &xii, "10:00", "11:00").await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    approve(&w).await;
    let v = rights(&w, &w.holder).await;
    assert_eq!(v["stations"][0]["duty_station"], "geneva");
    assert_eq!(v["stations"][0]["rooms"].as_array().unwrap().len(), 2);
    // The stranger (no designation names them) has none.
    assert_eq!(
        rights(&w, &w.stranger).await["stations"],
        serde_json::json!([])
    );

    // A temporary pass for an event: accepted from the rights holder, who is no member.
    let today = app::ssr::db::today();
    let temporary = with(
        designation_form(
            &w.org,
            "geneva",
            "additional_representative",
            "Moussa",
            "Fall",
        ),
        &[
            ("pass_kind", "temporary"),
            ("valid_from", &today.to_string()),
            ("valid_until", &today.to_string()),
        ],
    );
    let mut p = pairs(&temporary);
    p.push(("submit", "1"));
    let r = call(app, "accreditation/save", &p, Some(&w.holder)).await;
    assert!(ok(&r), "{}", r.status());
    assert_eq!(
        count(
            app,
            "designations WHERE last_name = 'Fall' AND status = 'submitted' AND pass_kind = 'temporary'"
        )
        .await,
        1
    );
    assert_eq!(
        rights(&w, &w.holder).await["stations"][0]["passes"][0]["last_name"],
        "Fall"
    );
    // An annual pass is not theirs to request; nor is another station.
    let annual = with(
        designation_form(&w.org, "geneva", "additional_representative", "Awa", "Sow"),
        &[],
    );
    let r = call(app, "accreditation/save", &pairs(&annual), Some(&w.holder)).await;
    assert_eq!(
        error_codes(r).await,
        vec!["pass_kind:rights_temporary_only"]
    );
    let vienna = with(
        designation_form(&w.org, "vienna", "additional_representative", "Awa", "Sow"),
        &[("pass_kind", "temporary")],
    );
    let r = call(app, "accreditation/save", &pairs(&vienna), Some(&w.holder)).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // Nor may they touch the organisation's other designations.
    let r = call(
        app,
        "accreditation/withdraw",
        &[("designation_id", &w.principal)],
        Some(&w.holder),
    )
    .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    // Their drafts of a new temporary pass are kept at Geneva, not at Vienna; a stranger has none.
    for (cookie, station, expected) in [
        (&w.holder, "geneva", StatusCode::OK),
        (&w.holder, "vienna", StatusCode::FORBIDDEN),
        (&w.stranger, "geneva", StatusCode::FORBIDDEN),
    ] {
        let key = format!("o{}-{station}-new", w.org);
        let r = call(
            app,
            "drafts/load",
            &[("form", "designation"), ("record_key", &key)],
            Some(cookie),
        )
        .await;
        assert_eq!(r.status(), expected, "{station}");
    }
    // The form opens for them at Geneva, with a temporary pass.
    let r = call(
        app,
        "accreditation/form",
        &[("organisation_id", &w.org), ("duty_station", "geneva")],
        Some(&w.holder),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let form: serde_json::Value = r.json().await.unwrap();
    assert_eq!(form["fields"]["pass_kind"], "temporary");
    assert_eq!(form["rights_holder"], true);
    assert_eq!(
        form["active"].as_array().unwrap().len(),
        1,
        "only their own"
    );

    // Revoked: the rights are gone.
    let r = call(
        app,
        "accreditation/decide",
        &[
            ("designation_id", &w.principal),
            ("decision", "revoke"),
            ("reason", "Left the organisation"),
        ],
        Some(&w.geneva),
    )
    .await;
    assert!(ok(&r));
    let r = book(&w, &w.holder, &xii, "10:00", "11:00").await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bookings_of_one_room_never_overlap_even_at_the_same_instant() {
    let w = world().await;
    approve(&w).await;
    let app = &w.app;
    let (xii, e3051) = (
        room(app, "Salle XII").await,
        room(app, "Salle E-3051").await,
    );
    assert!(ok(&book(&w, &w.holder, &xii, "10:00", "11:00").await));
    // Overlapping: refused, field-level, nothing written.
    for (start, end) in [("10:30", "11:30"), ("09:00", "10:15"), ("09:00", "12:00")] {
        let r = book(&w, &w.holder, &xii, start, end).await;
        assert_eq!(
            error_codes(r).await,
            vec!["starts_at:room_taken"],
            "{start}–{end}"
        );
    }
    // Back to back, or another room: fine.
    assert!(ok(&book(&w, &w.holder, &xii, "11:00", "12:00").await));
    assert!(ok(&book(&w, &w.holder, &e3051, "10:00", "11:00").await));
    assert_eq!(count(app, "room_bookings").await, 3);
    // Bad input, each with its code.
    let r = book(&w, &w.holder, &xii, "07:00", "21:00").await;
    assert_eq!(
        error_codes(r).await,
        vec!["starts_at:before_opening", "ends_at:after_closing"]
    );
    let r = book(&w, &w.holder, &xii, "15:00", "14:00").await;
    assert_eq!(error_codes(r).await, vec!["ends_at:end_not_after_start"]);
    let r = book(&w, &w.holder, "999999", "15:00", "16:00").await;
    assert_eq!(error_codes(r).await, vec!["room_id:choice_invalid"]);
    let r = call(
        app,
        "accreditation/book",
        &[
            ("room_id", &xii),
            ("date", "2000-01-01"),
            ("starts_at", "10:00"),
            ("ends_at", "11:00"),
            ("purpose", ""),
        ],
        Some(&w.holder),
    )
    .await;
    assert_eq!(
        error_codes(r).await,
        vec!["date:date_in_past", "purpose:required"]
    );
    assert_eq!(count(app, "room_bookings").await, 3);

    // Twenty requests for one slot of one room at the same instant: exactly one is booked.
    let day = booking_day();
    let mut tasks = vec![];
    for _ in 0..20 {
        let (client, url, origin, cookie, room, day) = (
            app.client.clone(),
            app.url("/api/accreditation/book"),
            app.address.clone(),
            w.holder.clone(),
            e3051.clone(),
            day.clone(),
        );
        tasks.push(tokio::spawn(async move {
            client
                .post(url)
                .header("origin", origin)
                .header("accept", "application/json")
                .header("cookie", cookie)
                .form(&[
                    ("room_id", room.as_str()),
                    ("date", &day),
                    ("starts_at", "14:00"),
                    ("ends_at", "15:30"),
                    ("purpose", "Side event on water"),
                ])
                .send()
                .await
                .unwrap()
                .status()
        }));
    }
    let mut answers = vec![];
    for t in tasks {
        answers.push(t.await.unwrap());
    }
    let accepted = answers
        .iter()
        .filter(|s| s.is_success() || s.is_redirection())
        .count();
    let refused = answers
        .iter()
        .filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY)
        .count();
    assert_eq!((accepted, refused), (1, 19));
    assert_eq!(
        count(
            app,
            &format!("room_bookings WHERE room_id = {e3051} AND starts_at LIKE '%T14:00'")
        )
        .await,
        1
    );
    // Each booking was recorded and mailed.
    assert_eq!(
        count(
            app,
            "audit_events WHERE action = 'accreditation.room_booked'"
        )
        .await,
        4
    );
    assert_eq!(
        count(
            app,
            "mail_jobs WHERE subject LIKE '%réservation confirmée%'"
        )
        .await,
        4
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bookings_are_cancelled_by_their_booker_or_the_station_and_shown_in_its_calendar() {
    let w = world().await;
    approve(&w).await;
    let app = &w.app;
    let xii = room(app, "Salle XII").await;
    assert!(ok(&book(&w, &w.holder, &xii, "10:00", "11:00").await));
    let booking: i64 = sqlx::query_scalar("SELECT id FROM room_bookings")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let booking = booking.to_string();

    // The Geneva officer's week holds it; the New York officer sees New York only.
    let day = booking_day();
    let r = call(
        app,
        "accreditation/calendar",
        &[("station", "geneva"), ("day", &day), ("span", "week")],
        Some(&w.geneva),
    )
    .await;
    let c: serde_json::Value = r.json().await.unwrap();
    assert_eq!(c["days"].as_array().unwrap().len(), 7);
    assert_eq!(c["bookings"][0]["purpose"], "Side event on water");
    assert_eq!(c["bookings"][0]["organisation"], "Voix des Femmes");
    let r = call(
        app,
        "accreditation/calendar",
        &[("station", "geneva"), ("day", &day), ("span", "day")],
        Some(&w.new_york),
    )
    .await;
    let c: serde_json::Value = r.json().await.unwrap();
    assert_eq!(c["duty_station"], "new_york");
    assert_eq!(c["bookings"], serde_json::json!([]));
    // Members of organisations and strangers have no calendar.
    for cookie in [&w.admin, &w.holder] {
        let r = call(app, "accreditation/calendar", &[], Some(cookie)).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
    }

    // A stranger, or another station's officer, cannot cancel it (not even learn it exists).
    for cookie in [&w.stranger, &w.new_york] {
        let r = call(
            app,
            "accreditation/cancel_booking",
            &[("booking_id", &booking)],
            Some(cookie),
        )
        .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
    }
    // The Geneva officer cancels it: the booker is told; the slot is free again.
    let r = call(
        app,
        "accreditation/cancel_booking",
        &[("booking_id", &booking)],
        Some(&w.geneva),
    )
    .await;
    assert!(ok(&r), "{}", r.status());
    assert_eq!(
        count(app, "mail_jobs WHERE subject LIKE '%réservation annulée%'").await,
        1
    );
    let r = call(
        app,
        "accreditation/cancel_booking",
        &[("booking_id", &booking)],
        Some(&w.geneva),
    )
    .await;
    assert_eq!(error_codes(r).await, vec!["_:booking_not_live"]);
    assert!(ok(&book(&w, &w.holder, &xii, "10:00", "11:00").await));
    // The booker cancels their own.
    let second: i64 = sqlx::query_scalar("SELECT id FROM room_bookings WHERE status = 'booked'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let r = call(
        app,
        "accreditation/cancel_booking",
        &[("booking_id", &second.to_string())],
        Some(&w.holder),
    )
    .await;
    assert!(ok(&r));
    assert_eq!(count(app, "room_bookings WHERE status = 'booked'").await, 0);
    assert_eq!(
        count(
            app,
            "audit_events WHERE action = 'accreditation.room_booking_cancelled'"
        )
        .await,
        2
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rooms_are_added_by_the_officers_of_their_station() {
    let w = world().await;
    let app = &w.app;
    let add = |cookie: &str, station: &str, name: &str, capacity: &str| {
        let (station, name, capacity, cookie) = (
            station.to_string(),
            name.to_string(),
            capacity.to_string(),
            cookie.to_string(),
        );
        async move {
            call(
                app,
                "accreditation/add_room",
                &[
                    ("station", &station),
                    ("name", &name),
                    ("capacity", &capacity),
                ],
                Some(&cookie),
            )
            .await
        }
    };
    assert!(ok(&add(&w.geneva, "geneva", "Salle XX", "700").await));
    let r = add(&w.geneva, "geneva", "Salle XX", "70").await;
    assert_eq!(error_codes(r).await, vec!["name:room_exists"]);
    let r = add(&w.geneva, "geneva", "", "0").await;
    assert_eq!(
        error_codes(r).await,
        vec!["name:required", "capacity:number_out_of_range"]
    );
    for cookie in [&w.new_york, &w.admin] {
        let r = add(cookie, "geneva", "Salle XXI", "70").await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
    }
    assert_eq!(
        count(app, "meeting_rooms WHERE duty_station = 'geneva'").await,
        3
    );
}
