//! Accreditation designations (issue #5): the form's rules, quotas and the same-person rule at
//! submission, enforced in the transaction (50 simultaneous submissions never exceed a quota,
//! on SQLite and PostgreSQL), the states and who moves them, mails and history.
use crate::common;
use chrono::Datelike;
use common::{TestApp, add_person, call, count, error_codes, grant, sign_in, spawn_app, user_id};
use reqwest::StatusCode;

const PASSWORD: &str = "blue passes for the assembly";

struct World {
    app: TestApp,
    org: String,
    other_org: String,
    admin: String,
    editor: String,
    reader: String,
    other_admin: String,
    geneva: String,
    new_york: String,
}

async fn world() -> World {
    let app = spawn_app().await;
    for name in ["admin", "editor", "reader", "other", "geneva", "newyork"] {
        add_person(&app, &format!("{name}@example.org"), name, PASSWORD).await;
    }
    grant(
        &app,
        user_id(&app, "geneva").await,
        "accreditation_officer",
        "geneva",
    )
    .await;
    grant(
        &app,
        user_id(&app, "newyork").await,
        "accreditation_officer",
        "new_york",
    )
    .await;
    let admin = sign_in(&app, "admin", PASSWORD).await;
    let other_admin = sign_in(&app, "other", PASSWORD).await;
    let org = common::consultative_organisation(&app, &admin, "Voix des Femmes").await;
    let other_org = common::consultative_organisation(&app, &other_admin, "Autre ONG").await;
    for (name, role) in [("editor", "editor"), ("reader", "reader")] {
        call(
            &app,
            "organisations/add_member",
            &[
                ("organisation_id", &org),
                ("name", name),
                ("email", &format!("{name}@example.org")),
                ("role", role),
            ],
            Some(&admin),
        )
        .await;
    }
    World {
        editor: sign_in(&app, "editor", PASSWORD).await,
        reader: sign_in(&app, "reader", PASSWORD).await,
        geneva: sign_in(&app, "geneva", PASSWORD).await,
        new_york: sign_in(&app, "newyork", PASSWORD).await,
        app,
        org,
        other_org,
        admin,
        other_admin,
    }
}

fn this_year() -> i32 {
    app::ssr::db::today().year()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_database_itself_refuses_a_fifth_seat_or_a_shared_one() {
    let w = world().await;
    let (app, org) = (&w.app, w.org.as_str());
    for i in 1..=4 {
        let f = form(
            org,
            "geneva",
            "additional_representative",
            "Rep",
            &format!("Seat{i}"),
        );
        assert!(ok(&save(app, &f, true, &w.admin).await));
    }
    let f = form(org, "geneva", "additional_representative", "Rep", "Draft");
    assert!(ok(&save(app, &f, false, &w.admin).await));
    let draft = id_of_person(app, "Draft").await;
    for seat in [5, 1] {
        let forced = sqlx::query(&format!(
            "UPDATE designations SET status = 'submitted', seat = {seat} WHERE id = {draft}"
        ))
        .execute(&app.db)
        .await;
        assert!(
            forced.is_err(),
            "seat {seat} must be refused by the database"
        );
    }
}

fn form(org: &str, station: &str, rep: &str, first: &str, last: &str) -> Vec<(String, String)> {
    common::designation_form(org, station, rep, first, last)
}

fn with(mut f: Vec<(String, String)>, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    for (k, v) in changes {
        f.retain(|(name, _)| name != k);
        f.push((k.to_string(), v.to_string()));
    }
    f
}

async fn save(
    app: &TestApp,
    f: &[(String, String)],
    submit: bool,
    cookie: &str,
) -> reqwest::Response {
    let mut pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    if submit {
        pairs.push(("submit", "1"));
    }
    call(app, "accreditation/save", &pairs, Some(cookie)).await
}

fn ok(r: &reqwest::Response) -> bool {
    r.status().is_success() || r.status().is_redirection()
}

async fn id_of_person(app: &TestApp, last: &str) -> String {
    let id: i64 =
        sqlx::query_scalar("SELECT id FROM designations WHERE last_name = $1 ORDER BY id DESC")
            .bind(last)
            .fetch_one(&app.db)
            .await
            .unwrap();
    id.to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quotas_and_the_same_person_rule_are_enforced_at_submission() {
    let w = world().await;
    let (app, org) = (&w.app, w.org.as_str());
    for (rep, last) in [
        ("president_chief_executive", "Diallo"),
        ("administrative_director", "Ndiaye"),
        ("principal_representative", "Sow"),
    ] {
        let r = save(app, &form(org, "geneva", rep, "Awa", last), true, &w.admin).await;
        assert!(ok(&r), "{rep}: {}", r.status());
    }
    for i in 1..=4 {
        let r = save(
            app,
            &form(
                org,
                "geneva",
                "additional_representative",
                "Fatou",
                &format!("Ba{i}"),
            ),
            true,
            &w.editor,
        )
        .await;
        assert!(ok(&r), "additional {i}: {}", r.status());
    }
    // The fifth additional representative: refused, the quota named; kept as a draft? No:
    // nothing is written when the submission is refused.
    let before = count(app, "designations").await;
    let r = save(
        app,
        &form(org, "geneva", "additional_representative", "Fatou", "Ba5"),
        true,
        &w.editor,
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error_codes(r).await,
        vec!["representative_type:quota_full_additional_representative"]
    );
    assert_eq!(
        count(app, "designations").await,
        before,
        "nothing half-written"
    );
    // The same quota at another station is another quota.
    let r = save(
        app,
        &form(org, "vienna", "additional_representative", "Fatou", "Ba5"),
        true,
        &w.editor,
    )
    .await;
    assert!(ok(&r));

    // A second President at another station with another person: refused; the same person: fine.
    let r = save(
        app,
        &form(
            org,
            "new_york",
            "president_chief_executive",
            "Marie",
            "Faye",
        ),
        true,
        &w.admin,
    )
    .await;
    assert_eq!(
        error_codes(r).await,
        vec!["last_name:not_same_person_president_chief_executive"]
    );
    let r = save(
        app,
        &form(
            org,
            "new_york",
            "president_chief_executive",
            "AWA",
            "Diallo",
        ),
        true,
        &w.admin,
    )
    .await;
    assert!(ok(&r), "the same person (names folded): {}", r.status());

    // The form proposes the holder at another station.
    let proposed: serde_json::Value = call(
        app,
        "accreditation/form",
        &[
            ("organisation_id", org),
            ("duty_station", "vienna"),
            ("representative_type", "administrative_director"),
        ],
        Some(&w.admin),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(proposed["fields"]["last_name"], "Ndiaye");
    assert_eq!(proposed["fields"]["duty_station"], "vienna");

    // Withdrawing releases the seat; the officer of the station approves; mails and history.
    let ba1 = id_of_person(app, "Ba1").await;
    assert!(ok(&call(
        app,
        "accreditation/withdraw",
        &[("designation_id", &ba1)],
        Some(&w.editor)
    )
    .await));
    let r = save(
        app,
        &form(org, "geneva", "additional_representative", "Fatou", "Ba5"),
        true,
        &w.editor,
    )
    .await;
    assert!(ok(&r), "a withdrawn designation frees its seat");
    let sow = id_of_person(app, "Sow").await;
    let r = call(
        app,
        "accreditation/decide",
        &[("designation_id", &sow), ("decision", "approve")],
        Some(&w.geneva),
    )
    .await;
    assert!(ok(&r), "{}", r.status());
    assert_eq!(
        count(
            app,
            &format!("designations WHERE id = {sow} AND status = 'approved'")
        )
        .await,
        1
    );
    assert_eq!(
        count(
            app,
            &format!("audit_events WHERE record_type = 'designation' AND record_id = {sow}")
        )
        .await,
        3,
        "created, submitted, approved"
    );
    assert!(
        count(
            app,
            "mail_jobs WHERE subject LIKE '%approuvée%' OR subject LIKE '%approved%'"
        )
        .await
            >= 1
    );
    // A rejection needs a reason, and is final.
    let ba2 = id_of_person(app, "Ba2").await;
    let r = call(
        app,
        "accreditation/decide",
        &[("designation_id", &ba2), ("decision", "reject")],
        Some(&w.geneva),
    )
    .await;
    assert_eq!(error_codes(r).await, vec!["reason:required"]);
    let r = call(
        app,
        "accreditation/decide",
        &[
            ("designation_id", &ba2),
            ("decision", "reject"),
            ("reason", "Photo illisible"),
        ],
        Some(&w.geneva),
    )
    .await;
    assert!(ok(&r));
    let r = call(
        app,
        "accreditation/decide",
        &[("designation_id", &ba2), ("decision", "approve")],
        Some(&w.geneva),
    )
    .await;
    assert_eq!(error_codes(r).await, vec!["_:transition_not_allowed"]);
    // An approval of a withdrawn designation is refused.
    let r = call(
        app,
        "accreditation/decide",
        &[("designation_id", &ba1), ("decision", "approve")],
        Some(&w.geneva),
    )
    .await;
    assert_eq!(error_codes(r).await, vec!["_:transition_not_allowed"]);

    // Copy: an inactive representative gives a pre-filled form; an active one does not.
    let copy: serde_json::Value = call(
        app,
        "accreditation/form",
        &[
            ("organisation_id", org),
            ("duty_station", "geneva"),
            ("copy_of", &ba2),
        ],
        Some(&w.editor),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(copy["fields"]["last_name"], "Ba2");
    assert!(copy["designation_id"].is_null());
    let r = call(
        app,
        "accreditation/form",
        &[
            ("organisation_id", org),
            ("duty_station", "geneva"),
            ("copy_of", &sow),
        ],
        Some(&w.editor),
    )
    .await;
    assert_eq!(error_codes(r).await, vec!["_:copy_not_allowed"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_is_refused_by_name_and_nothing_is_written() {
    let w = world().await;
    let (app, org) = (&w.app, w.org.as_str());
    let base = form(org, "geneva", "principal_representative", "Awa", "Sow");
    let y = this_year();
    for (changes, expected) in [
        (
            vec![("valid_until", format!("{}-01-15", y + 1))],
            "valid_until:until_after_year_end",
        ),
        (
            vec![
                ("valid_from", format!("{y}-12-30")),
                ("valid_until", format!("{y}-12-01")),
            ],
            "valid_until:until_before_from",
        ),
        (vec![("title", "Dr".to_string())], "title:title_mr_or_ms"),
        (vec![("last_name", String::new())], "last_name:required"),
        (
            vec![("phone", "022 917 12 34".to_string())],
            "phone:phone_invalid",
        ),
        (
            vec![("date_of_birth", "2999-01-01".to_string())],
            "date_of_birth:date_of_birth_in_future",
        ),
    ] {
        let changes: Vec<(&str, &str)> = changes.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = save(app, &with(base.clone(), &changes), true, &w.admin).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{expected}");
        let codes = error_codes(r).await;
        assert!(
            codes.contains(&expected.to_string()),
            "{expected} not in {codes:?}"
        );
    }
    assert_eq!(count(app, "designations").await, 0);

    // A reader may not designate; an organisation may not designate for another (forged id).
    let r = save(app, &base, true, &w.reader).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = save(app, &base, true, &w.other_admin).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // A draft of one organisation cannot be edited through another's id.
    assert!(ok(&save(app, &base, false, &w.admin).await));
    let draft = id_of_person(app, "Sow").await;
    let forged = with(
        form(
            &w.other_org,
            "geneva",
            "principal_representative",
            "Awa",
            "Sow",
        ),
        &[("designation_id", &draft)],
    );
    let r = save(app, &forged, true, &w.other_admin).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    // An organisation without consultative status may not designate.
    sqlx::query("UPDATE organisations SET consultative_status = NULL WHERE id = $1")
        .bind(w.other_org.parse::<i64>().unwrap())
        .execute(&app.db)
        .await
        .unwrap();
    let r = save(
        app,
        &form(
            &w.other_org,
            "geneva",
            "principal_representative",
            "Ali",
            "Kane",
        ),
        true,
        &w.other_admin,
    )
    .await;
    assert_eq!(error_codes(r).await, vec!["_:no_consultative_status"]);

    // The draft is submitted; an officer of New York may not decide on Geneva.
    let with_id = with(base.clone(), &[("designation_id", &draft)]);
    assert!(ok(&save(app, &with_id, true, &w.admin).await));
    let r = call(
        app,
        "accreditation/decide",
        &[("designation_id", &draft), ("decision", "approve")],
        Some(&w.new_york),
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // …and does not see it in the queue; the Geneva officer does.
    let q: serde_json::Value = call(app, "accreditation/queue", &[], Some(&w.new_york))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(q["total"], 0);
    let q: serde_json::Value = call(
        app,
        "accreditation/queue",
        &[("status", "submitted")],
        Some(&w.geneva),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(q["total"], 1);
    assert_eq!(q["items"][0]["person"], "Awa Sow");
    // A submitted designation is no longer edited.
    let r = save(app, &with_id, false, &w.admin).await;
    assert_eq!(error_codes(r).await, vec!["_:transition_not_allowed"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_simultaneous_submissions_never_exceed_the_quota() {
    let w = world().await;
    let app = std::sync::Arc::new(w.app);
    let mut tasks = vec![];
    for i in 0..50 {
        let (app, org, cookie) = (
            app.clone(),
            w.org.clone(),
            if i % 2 == 0 {
                w.admin.clone()
            } else {
                w.editor.clone()
            },
        );
        tasks.push(tokio::spawn(async move {
            let f = form(
                &org,
                "geneva",
                "additional_representative",
                "Rep",
                &format!("Number{i}"),
            );
            save(&app, &f, true, &cookie).await.status()
        }));
    }
    let mut accepted = 0;
    for t in tasks {
        let status = t.await.unwrap();
        if status.is_success() || status.is_redirection() {
            accepted += 1;
        } else {
            assert_eq!(
                status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "a refusal, not a failure"
            );
        }
    }
    assert_eq!(accepted, 4);
    assert_eq!(
        count(&app, "designations WHERE status = 'submitted' AND representative_type = 'additional_representative'").await,
        4
    );
    assert_eq!(
        count(&app, "designations").await,
        4,
        "refused submissions leave nothing"
    );
}

/// The database plans the queue through its indexes: one station's pages in submission or name
/// order without sorting the table, a search through the trigram index (on PostgreSQL with
/// sequential scans discouraged, as on a table of real size).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_queue_is_planned_through_its_indexes() {
    use app::accreditation::repo::{QueueFilter, queue_sql};
    use app::ssr::db::{Backend, backend};
    let app = spawn_app().await;
    let one_station = QueueFilter {
        stations: vec!["geneva".into()],
        ..Default::default()
    };
    let searched = QueueFilter {
        search: Some("ndiaye".into()),
        ..one_station.clone()
    };
    let mut conn = app.db.acquire().await.unwrap();
    let postgres = backend(&app.db) == Backend::Postgres;
    if postgres {
        sqlx::query("SET enable_seqscan = off")
            .execute(&mut *conn)
            .await
            .unwrap();
    }
    for (filter, sort, index, never) in [
        (
            &one_station,
            "submitted",
            "designations_queue_order",
            "TEMP B-TREE FOR ORDER BY",
        ),
        (
            &one_station,
            "name",
            "designations_queue_names",
            "TEMP B-TREE FOR ORDER BY",
        ),
        (
            &searched,
            "submitted",
            "designation_search VIRTUAL TABLE INDEX",
            "TEMP B-TREE",
        ),
    ] {
        let mut q = queue_sql(filter, sort, 50, 0);
        let explain = if postgres {
            "EXPLAIN"
        } else {
            "EXPLAIN QUERY PLAN"
        };
        if postgres && filter.search.is_some() {
            // On empty tables PostgreSQL joins by primary keys whatever the indexes; the search
            // alone shows which index it takes.
            q.rows = "SELECT rowid FROM designation_search WHERE names LIKE $2".into();
        }
        let index = match (postgres, index) {
            (true, "designation_search VIRTUAL TABLE INDEX") => "designation_search_names",
            _ => index,
        };
        let sql = format!("{explain} {}", q.rows);
        let mut query = sqlx::query(&sql);
        for b in &q.binds {
            query = query.bind(b.clone());
        }
        let plan: Vec<String> = query
            .fetch_all(&mut *conn)
            .await
            .unwrap()
            .iter()
            .map(|row| {
                use sqlx::Row;
                // SQLite: (id, parent, notused, detail); PostgreSQL: one text column.
                let column = if postgres { 0 } else { 3 };
                row.try_get::<String, _>(column).unwrap_or_default()
            })
            .collect();
        let whole = plan.join("\n");
        assert!(whole.contains(index), "{sort} {filter:?}: {whole}");
        if !postgres {
            // Neither a sort of the rows nor a scan of the whole table of designations.
            assert!(
                plan.iter()
                    .all(|line| !line.contains(never) && line != "SCAN d"),
                "{sort} {filter:?}: {whole}"
            );
        }
    }
}

/// The queue's search goes through the trigram index of names (migration 20261202000001): a
/// part of the person's first or last name or of the organisation's, in any case; the index
/// follows a renamed person and a renamed organisation; a search of one or two letters still
/// answers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_queue_finds_a_part_of_any_name_and_follows_renames() {
    let w = world().await;
    let (app, org) = (&w.app, w.org.as_str());
    for (first, last) in [("Awa", "Sow"), ("Jean-Baptiste", "Ndiaye")] {
        let f = form(org, "geneva", "additional_representative", first, last);
        assert!(ok(&save(app, &f, true, &w.admin).await));
    }
    let other = form(
        &w.other_org,
        "geneva",
        "principal_representative",
        "Karim",
        "Benali",
    );
    assert!(ok(&save(app, &other, true, &w.other_admin).await));
    let found = |q: &'static str| {
        let cookie = w.geneva.clone();
        async move {
            let v: serde_json::Value = call(app, "accreditation/queue", &[("q", q)], Some(&cookie))
                .await
                .json()
                .await
                .unwrap();
            let mut people: Vec<String> = v["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["person"].as_str().unwrap().to_string())
                .collect();
            people.sort();
            assert_eq!(v["total"].as_u64().unwrap() as usize, people.len(), "{q}");
            people
        }
    };
    assert_eq!(found("ndia").await, vec!["Jean-Baptiste Ndiaye"]);
    assert_eq!(found("BAPTISTE").await, vec!["Jean-Baptiste Ndiaye"]);
    assert_eq!(
        found("awa sow").await,
        vec!["Awa Sow"],
        "across first and last name"
    );
    assert_eq!(
        found("femmes").await,
        vec!["Awa Sow", "Jean-Baptiste Ndiaye"],
        "the organisation"
    );
    assert_eq!(found("autre ong").await, vec!["Karim Benali"]);
    assert_eq!(found("zzz").await, Vec::<String>::new());
    assert_eq!(
        found("ow").await,
        vec!["Awa Sow"],
        "two letters: no trigram, still found"
    );
    // Renames reach the index.
    sqlx::query("UPDATE designations SET last_name = 'Diallo' WHERE last_name = 'Sow'")
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(found("sow").await, Vec::<String>::new());
    assert_eq!(found("diallo").await, vec!["Awa Diallo"]);
    sqlx::query(
        "UPDATE organisations SET legal_name = 'Sahel Solidarité' WHERE legal_name = 'Autre ONG'",
    )
    .execute(&app.db)
    .await
    .unwrap();
    assert_eq!(found("autre").await, Vec::<String>::new());
    assert_eq!(found("sahel").await, vec!["Karim Benali"]);
    // The figures the database keeps agree with a count of the rows, after submissions, a
    // decision and a withdrawal.
    let ndiaye = id_of_person(app, "Ndiaye").await;
    let r = call(
        app,
        "accreditation/decide",
        &[("designation_id", &ndiaye), ("decision", "approve")],
        Some(&w.geneva),
    )
    .await;
    assert!(ok(&r));
    let benali = id_of_person(app, "Benali").await;
    let r = call(
        app,
        "accreditation/withdraw",
        &[("designation_id", &benali)],
        Some(&w.other_admin),
    )
    .await;
    assert!(ok(&r));
    let kept: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT duty_station, status, n FROM designation_counts WHERE n > 0
         ORDER BY duty_station, status",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    let counted: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT duty_station, status, COUNT(*) FROM designations GROUP BY duty_station, status
         ORDER BY duty_station, status",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(kept, counted);
    assert!(
        kept.contains(&("geneva".into(), "approved".into(), 1)),
        "{kept:?}"
    );
    assert!(
        kept.contains(&("geneva".into(), "withdrawn".into(), 1)),
        "{kept:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_secretariat_decides_in_bulk_all_or_none_sees_figures_and_exports() {
    let w = world().await;
    let (app, org) = (&w.app, w.org.as_str());
    for i in 1..=3 {
        let f = form(
            org,
            "geneva",
            "additional_representative",
            "Rep",
            &format!("Bulk{i}"),
        );
        assert!(ok(&save(app, &f, true, &w.admin).await));
    }
    let f = form(org, "new_york", "principal_representative", "Ny", "Yorker");
    assert!(ok(&save(app, &f, true, &w.admin).await));
    let (b1, b2, b3, ny) = (
        id_of_person(app, "Bulk1").await,
        id_of_person(app, "Bulk2").await,
        id_of_person(app, "Bulk3").await,
        id_of_person(app, "Yorker").await,
    );
    // One designation of another station among the ticked: refused, nothing changes.
    let r = call(
        app,
        "accreditation/decide_many",
        &[("ids[]", &b1), ("ids[]", &ny), ("decision", "approve")],
        Some(&w.geneva),
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        count(app, "designations WHERE status = 'approved'").await,
        0
    );
    // One already decided among the ticked: refused, nothing changes.
    let r = call(
        app,
        "accreditation/decide",
        &[
            ("designation_id", &b3),
            ("decision", "reject"),
            ("reason", "Incomplet"),
        ],
        Some(&w.geneva),
    )
    .await;
    assert!(ok(&r));
    let r = call(
        app,
        "accreditation/decide_many",
        &[("ids[]", &b1), ("ids[]", &b3), ("decision", "approve")],
        Some(&w.geneva),
    )
    .await;
    assert_eq!(error_codes(r).await, vec!["_:transition_not_allowed"]);
    assert_eq!(
        count(app, "designations WHERE status = 'approved'").await,
        0
    );
    let r = call(
        app,
        "accreditation/decide_many",
        &[("decision", "approve")],
        Some(&w.geneva),
    )
    .await;
    assert_eq!(error_codes(r).await, vec!["_:nothing_selected"]);
    // All of the officer's: done at once.
    let r = call(
        app,
        "accreditation/decide_many",
        &[("ids[]", &b1), ("ids[]", &b2), ("decision", "approve")],
        Some(&w.geneva),
    )
    .await;
    assert!(ok(&r), "{}", r.status());
    assert_eq!(
        count(app, "designations WHERE status = 'approved'").await,
        2
    );

    // The figures: per station and state for the officer's stations, submissions per week.
    let d: serde_json::Value = call(app, "accreditation/dashboard", &[], Some(&w.geneva))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(d["stations"], serde_json::json!(["geneva"]));
    let counts = d["counts"].as_array().unwrap();
    assert!(counts.contains(&serde_json::json!(["geneva", "approved", 2])));
    assert!(counts.contains(&serde_json::json!(["geneva", "rejected", 1])));
    assert!(
        !counts.iter().any(|c| c[0] == "new_york"),
        "only the officer's stations"
    );
    let weekly: u64 = d["weekly"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w[1].as_u64().unwrap())
        .sum();
    assert_eq!(weekly, 3, "this week's three Geneva submissions");

    // One more, whose name sorts first although it came last: the name order is not the ids'.
    let f = form(org, "geneva", "additional_representative", "Rep", "Aaron");
    assert!(ok(&save(app, &f, true, &w.admin).await));
    // Exports: CSV and XLSX of the filtered queue, for officers only.
    let get = |path: &str, cookie: Option<&str>| {
        let mut req = app.client.get(app.url(path));
        if let Some(c) = cookie {
            req = req.header("cookie", c.to_string());
        }
        req.send()
    };
    let r = get(
        "/secretariat/designations.csv?status=approved",
        Some(&w.geneva),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "text/csv; charset=utf-8");
    assert_eq!(
        r.headers()["content-disposition"],
        "attachment; filename=\"designations.csv\""
    );
    let csv = r.text().await.unwrap();
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 3, "a header and the two approved: {csv}");
    assert!(lines[0].ends_with("submitted_at_utc"));
    assert!(csv.contains("Rep Bulk1") && csv.contains("Rep Bulk2") && !csv.contains("Bulk3"));
    let r = get("/secretariat/designations.xlsx", Some(&w.geneva))
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        r.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let bytes = r.bytes().await.unwrap();
    assert!(bytes.starts_with(b"PK"), "an xlsx is a zip");
    // A spreadsheet reader opens it and finds the very lines of the CSV, in the same order.
    let sheet_lines = |bytes: &[u8]| -> Vec<String> {
        use calamine::Reader;
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
        book.worksheet_range("designations")
            .unwrap()
            .rows()
            .map(|r| {
                r.iter()
                    .map(|c| c.to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            })
            .collect()
    };
    let from_xlsx = sheet_lines(&bytes);
    let csv = get("/secretariat/designations.csv?sort=name", Some(&w.geneva))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let from_csv: Vec<String> = csv
        .trim_start_matches('\u{feff}')
        .trim_end()
        .split("\r\n")
        .map(str::to_string)
        .collect();
    let xlsx_by_name = get("/secretariat/designations.xlsx?sort=name", Some(&w.geneva))
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let by_name = sheet_lines(&xlsx_by_name);
    assert_eq!(by_name, from_csv, "the same lines in both formats");
    assert_eq!(from_xlsx.len(), from_csv.len(), "the whole queue in both");
    assert!(from_csv.len() > 3, "more than the approved ones: {csv}");
    // In the queue's name order: the person column (first and last name) follows the page's sort.
    let page: serde_json::Value = call(
        app,
        "accreditation/queue",
        &[("sort", "name")],
        Some(&w.geneva),
    )
    .await
    .json()
    .await
    .unwrap();
    let page: Vec<String> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].to_string())
        .collect();
    assert!(page.len() > 3);
    assert!(from_csv[1].contains("Rep Aaron"), "{csv}");
    assert_eq!(
        from_csv[1..]
            .iter()
            .map(|l| l.split(',').next().unwrap().to_string())
            .collect::<Vec<_>>(),
        page,
        "the export's ids in the page's order"
    );
    assert_eq!(
        get("/secretariat/designations.csv", None)
            .await
            .unwrap()
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        get("/secretariat/designations.csv", Some(&w.admin))
            .await
            .unwrap()
            .status(),
        StatusCode::FORBIDDEN
    );
    let r = get("/secretariat/designations.csv", Some(&w.new_york))
        .await
        .unwrap();
    assert!(
        r.text().await.unwrap().contains("Ny Yorker"),
        "New York sees its own"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_whose_data_needs_a_sign_in_renders_and_is_never_a_redirect_loop() {
    let app = spawn_app().await;
    // As a browser arriving from another page (a Referer), anonymous.
    let r = app
        .client
        .get(app.url("/accreditation"))
        .header("accept", "text/html")
        .header("referer", app.url("/"))
        .send()
        .await
        .unwrap();
    assert_ne!(r.status(), StatusCode::SEE_OTHER);
    assert!(r.headers().get("location").is_none());
    let html = r.text().await.unwrap();
    assert!(html.contains("href=\"/login\""), "the page asks to sign in");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_year_is_reset_once_into_next_years_drafts() {
    let w = world().await;
    let (app, org) = (&w.app, w.org.as_str());
    for (rep, last) in [
        ("principal_representative", "Sow"),
        ("additional_representative", "Ba"),
    ] {
        assert!(ok(&save(
            app,
            &form(org, "geneva", rep, "Awa", last),
            true,
            &w.admin
        )
        .await));
    }
    assert!(ok(&save(
        app,
        &form(org, "new_york", "additional_representative", "Ny", "Yorker"),
        true,
        &w.admin
    )
    .await));
    for last in ["Sow", "Yorker"] {
        let id = id_of_person(app, last).await;
        let officer = if last == "Yorker" {
            &w.new_york
        } else {
            &w.geneva
        };
        assert!(ok(&call(
            app,
            "accreditation/decide",
            &[("designation_id", &id), ("decision", "approve")],
            Some(officer)
        )
        .await));
    }
    let year = this_year().to_string();
    // An organisation cannot; a year other than this one or the last is refused.
    let r = call(
        app,
        "accreditation/renew",
        &[("year", &year)],
        Some(&w.admin),
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = call(
        app,
        "accreditation/renew",
        &[("year", "1999")],
        Some(&w.geneva),
    )
    .await;
    assert_eq!(error_codes(r).await, vec!["year:year_invalid"]);
    // Geneva's officer renews Geneva's approved annual designation (not the submitted one, not
    // New York's), once.
    let r = call(
        app,
        "accreditation/renew",
        &[("year", &year)],
        Some(&w.geneva),
    )
    .await;
    assert_eq!(r.json::<usize>().await.unwrap(), 1);
    let next = (this_year() + 1).to_string();
    assert_eq!(
        count(app, &format!("designations WHERE status = 'draft' AND year = {next} AND last_name = 'Sow' AND valid_from = '{next}-01-01' AND valid_until = '{next}-12-31' AND renewed_from IS NOT NULL")).await,
        1
    );
    let r = call(
        app,
        "accreditation/renew",
        &[("year", &year)],
        Some(&w.geneva),
    )
    .await;
    assert_eq!(r.json::<usize>().await.unwrap(), 0, "renewed once only");
    assert_eq!(
        count(app, &format!("designations WHERE year = {next}")).await,
        1
    );
    assert!(
        count(
            app,
            "mail_jobs WHERE subject LIKE '%reconduite%' OR subject LIKE '%renewed%'"
        )
        .await
            >= 1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_public_directory_finds_organisations_in_consultative_status() {
    let app = spawn_app().await;
    server::demo::load(&app.db, &app.config.data_dir)
        .await
        .unwrap();
    let page = |args: &'static [(&'static str, &'static str)]| {
        let app = &app;
        async move {
            let r = call(app, "accreditation/directory", args, None).await;
            assert_eq!(r.status(), StatusCode::OK, "public: no sign-in");
            r.json::<serde_json::Value>().await.unwrap()
        }
    };
    let all = page(&[]).await;
    assert_eq!(all["total"], 13_003);
    assert_eq!(all["items"].as_array().unwrap().len(), 25);
    assert_eq!(all["pages"], (13_003 + 24) / 25);
    let water = page(&[("q", "POUR L’EAU"), ("country", "sn")]).await;
    let items = water["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(
        items
            .iter()
            .all(|o| o["country"] == "SN"
                && o["legal_name"].as_str().unwrap().contains("pour l’eau"))
    );
    let general = page(&[("status", "general")]).await;
    assert!(
        general["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["status"] == "general")
    );
    let last = page(&[("q", "Alliance internationale pour l’eau")]).await;
    assert_eq!(
        last["items"][0]["legal_name"],
        "Alliance internationale pour l’eau"
    );
    let r = call(&app, "accreditation/directory", &[("country", "ZZ")], None).await;
    assert_eq!(error_codes(r).await, vec!["country:country_invalid"]);
    let r = call(
        &app,
        "accreditation/directory",
        &[("status", "observer")],
        None,
    )
    .await;
    assert_eq!(error_codes(r).await, vec!["status:status_invalid"]);
    let beyond = page(&[("page", "100000")]).await;
    assert_eq!(beyond["items"].as_array().unwrap().len(), 0);
    let huge = page(&[("page", "9223372036854775807")]).await;
    assert_eq!(
        huge["items"].as_array().unwrap().len(),
        0,
        "no overflow, no 500"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_gets_its_photo_checked_by_content_and_shown_to_those_who_read_designations() {
    let w = world().await;
    let (app, org) = (&w.app, w.org.as_str());
    assert!(ok(&save(
        app,
        &form(org, "geneva", "principal_representative", "Awa", "Sow"),
        false,
        &w.admin
    )
    .await));
    let id = id_of_person(app, "Sow").await;
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
    let endpoint = "uploads/designation_photo";
    // Not an image: refused by name; a reader may not; another organisation may not.
    let r = common::upload(
        app,
        endpoint,
        &[("designation_id", &id)],
        &[("photo", "photo.jpg", b"%PDF-1.4 not a photo")],
        Some(&w.admin),
    )
    .await;
    assert_eq!(error_codes(r).await, vec!["photo:photo_wrong_type"]);
    let r = common::upload(
        app,
        endpoint,
        &[("designation_id", &id)],
        &[("photo", "p.png", PNG)],
        Some(&w.reader),
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = common::upload(
        app,
        endpoint,
        &[("designation_id", &id)],
        &[("photo", "p.png", PNG)],
        Some(&w.other_admin),
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // The editor's photo is kept and named by the draft.
    let r = common::upload(
        app,
        endpoint,
        &[("designation_id", &id)],
        &[("photo", "p.png", PNG)],
        Some(&w.editor),
    )
    .await;
    assert!(ok(&r), "{}", r.status());
    let photo: i64 = sqlx::query_scalar(&format!(
        "SELECT photo_upload_id FROM designations WHERE id = {id}"
    ))
    .fetch_one(&app.db)
    .await
    .unwrap();
    let get = |cookie: &str| {
        app.client
            .get(app.url(&format!("/files/{photo}")))
            .header("cookie", cookie.to_string())
            .send()
    };
    assert_eq!(
        get(&w.geneva).await.unwrap().status(),
        StatusCode::OK,
        "the officer sees it"
    );
    assert_eq!(
        get(&w.reader).await.unwrap().status(),
        StatusCode::OK,
        "a member sees it"
    );
    assert_eq!(
        get(&w.other_admin).await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    // The organisation's files do not list it.
    let page: serde_json::Value = call(app, "organisations/page", &[("id", org)], Some(&w.admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["files"].as_array().unwrap().len(), 0);
    // Once submitted, the photo no longer changes.
    let with_id = with(
        form(org, "geneva", "principal_representative", "Awa", "Sow"),
        &[("designation_id", &id)],
    );
    assert!(ok(&save(app, &with_id, true, &w.admin).await));
    let r = common::upload(
        app,
        endpoint,
        &[("designation_id", &id)],
        &[("photo", "p.png", PNG)],
        Some(&w.admin),
    )
    .await;
    assert_eq!(error_codes(r).await, vec!["_:transition_not_allowed"]);
}
