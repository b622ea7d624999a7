//! Uploads (issue #4): photos are JPEG/PNG up to 5 MB and documents PDF up to 20 MB, recognised
//! by content; nothing is kept when a file is refused; files are served only to the people
//! who may read the organisation, with their real type, `nosniff`, a sandbox and the right
//! disposition; a newer file replaces (and keeps) the older one.
use crate::common;
use common::{
    TestApp, add_person, call, count, error_codes, multipart_body, sign_in, spawn_app, upload,
};
use reqwest::StatusCode;

const PASSWORD: &str = "paper boats on the lake";
const ENDPOINT: &str = "uploads/organisation_files";

/// A real 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
    0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];
const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

struct World {
    app: TestApp,
    org: String,
    admin: String,
    reader: String,
    outsider: String,
    helpdesk: String,
}

async fn world() -> World {
    let app = spawn_app().await;
    for name in ["admin", "reader", "outsider", "helpdesk"] {
        add_person(&app, &format!("{name}@example.org"), name, PASSWORD).await;
    }
    let helpdesk_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE username = 'helpdesk'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    common::grant(&app, helpdesk_id, "help_desk", "").await;
    let admin = sign_in(&app, "admin", PASSWORD).await;
    call(
        &app,
        "organisations/create",
        &[
            ("legal_name", "Eaux du Sahel"),
            ("country", "SN"),
            ("kind", "national_ngo"),
        ],
        Some(&admin),
    )
    .await;
    let org: i64 =
        sqlx::query_scalar("SELECT id FROM organisations WHERE legal_name = 'Eaux du Sahel'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let org = org.to_string();
    call(
        &app,
        "organisations/add_member",
        &[
            ("organisation_id", &org),
            ("name", "Reader"),
            ("email", "reader@example.org"),
            ("role", "reader"),
        ],
        Some(&admin),
    )
    .await;
    World {
        reader: sign_in(&app, "reader", PASSWORD).await,
        outsider: sign_in(&app, "outsider", PASSWORD).await,
        helpdesk: sign_in(&app, "helpdesk", PASSWORD).await,
        app,
        org,
        admin,
    }
}

async fn file_ids(app: &TestApp, purpose: &str) -> Vec<i64> {
    sqlx::query_scalar("SELECT id FROM uploads WHERE purpose = $1 ORDER BY id")
        .bind(purpose)
        .fetch_all(&app.db)
        .await
        .unwrap()
}

async fn get_file(app: &TestApp, id: i64, cookie: Option<&str>) -> reqwest::Response {
    let mut req = app.client.get(app.url(&format!("/files/{id}")));
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    req.send().await.unwrap()
}

fn stored_files(app: &TestApp) -> usize {
    std::fs::read_dir(app.config.data_dir.join("uploads"))
        .map(|d| d.count())
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_logo_and_a_certificate_are_kept_and_served_only_to_those_who_may_read() {
    let w = world().await;
    let r = upload(
        &w.app,
        ENDPOINT,
        &[("organisation_id", &w.org)],
        &[
            ("logo", "notre logo.png", PNG),
            ("certificate", "statuts.pdf", PDF),
        ],
        Some(&w.admin),
    )
    .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    let (logo, certificate) = (
        file_ids(&w.app, "logo").await[0],
        file_ids(&w.app, "certificate").await[0],
    );
    assert_eq!(stored_files(&w.app), 2, "no temporary file left behind");

    // A member who reads: the photo inline, the document as a download, with safe headers.
    let r = get_file(&w.app, logo, Some(&w.reader)).await;
    assert_eq!(r.status(), StatusCode::OK);
    let h = r.headers().clone();
    assert_eq!(h["content-type"], "image/png");
    assert_eq!(
        h["content-disposition"],
        "inline; filename=\"notre_logo.png\""
    );
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["content-security-policy"], "default-src 'none'; sandbox");
    assert_eq!(r.bytes().await.unwrap().as_ref(), PNG);
    let r = get_file(&w.app, certificate, Some(&w.helpdesk)).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    assert_eq!(
        r.headers()["content-disposition"],
        "attachment; filename=\"statuts.pdf\""
    );
    assert_eq!(r.bytes().await.unwrap().as_ref(), PDF);

    // Anyone else: refused, in words; an unknown file is a 404.
    assert_eq!(
        get_file(&w.app, logo, None).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        get_file(&w.app, logo, Some(&w.outsider)).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        get_file(&w.app, 987_654, Some(&w.admin)).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get_file(&w.app, 0, Some(&w.admin)).await.status(),
        StatusCode::NOT_FOUND
    );

    // The page lists them; the history says who uploaded what.
    let page: serde_json::Value = call(
        &w.app,
        "organisations/page",
        &[("id", &w.org)],
        Some(&w.reader),
    )
    .await
    .json()
    .await
    .unwrap();
    let purposes: Vec<&str> = page["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["purpose"].as_str().unwrap())
        .collect();
    assert_eq!(purposes, vec!["certificate", "logo"]);
    assert_eq!(
        count(
            &w.app,
            "audit_events WHERE action = 'uploads.file_uploaded'"
        )
        .await,
        2
    );

    // A newer logo replaces the older one, which is kept.
    upload(
        &w.app,
        ENDPOINT,
        &[("organisation_id", &w.org)],
        &[("logo", "v2.png", PNG)],
        Some(&w.admin),
    )
    .await;
    assert_eq!(file_ids(&w.app, "logo").await.len(), 2);
    assert_eq!(
        count(
            &w.app,
            "uploads WHERE purpose = 'logo' AND replaced_at IS NULL"
        )
        .await,
        1
    );
    let page: serde_json::Value = call(
        &w.app,
        "organisations/page",
        &[("id", &w.org)],
        Some(&w.reader),
    )
    .await
    .json()
    .await
    .unwrap();
    let names: Vec<&str> = page["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["statuts.pdf", "v2.png"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disguised_oversized_or_missing_files_are_refused_and_nothing_is_kept() {
    let w = world().await;
    let refused = |r: reqwest::Response| async move {
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        error_codes(r).await
    };
    let org = [("organisation_id", w.org.as_str())];
    // A PDF named logo.png, a PNG named statuts.pdf, an HTML page named logo.jpg.
    let r = upload(
        &w.app,
        ENDPOINT,
        &org,
        &[("logo", "logo.png", PDF)],
        Some(&w.admin),
    )
    .await;
    assert_eq!(refused(r).await, vec!["logo:photo_wrong_type"]);
    let r = upload(
        &w.app,
        ENDPOINT,
        &org,
        &[("certificate", "statuts.pdf", PNG)],
        Some(&w.admin),
    )
    .await;
    assert_eq!(refused(r).await, vec!["certificate:document_wrong_type"]);
    let html: &[u8] = b"<html><script>alert(1)</script></html>";
    let r = upload(
        &w.app,
        ENDPOINT,
        &org,
        &[("logo", "logo.jpg", html)],
        Some(&w.admin),
    )
    .await;
    assert_eq!(refused(r).await, vec!["logo:photo_wrong_type"]);
    // One good file and one bad: neither is kept.
    let r = upload(
        &w.app,
        ENDPOINT,
        &org,
        &[
            ("logo", "logo.png", PNG),
            ("certificate", "statuts.pdf", html),
        ],
        Some(&w.admin),
    )
    .await;
    assert_eq!(refused(r).await, vec!["certificate:document_wrong_type"]);
    // Over 5 MB for a photo, over 20 MB for a document (a real PNG / PDF header).
    let mut big_png = PNG.to_vec();
    big_png.resize(5 * 1024 * 1024 + 1, 0);
    let r = upload(
        &w.app,
        ENDPOINT,
        &org,
        &[("logo", "big.png", &big_png)],
        Some(&w.admin),
    )
    .await;
    assert_eq!(refused(r).await, vec!["logo:photo_too_large"]);
    let mut big_pdf = PDF.to_vec();
    big_pdf.resize(20 * 1024 * 1024 + 1, b' ');
    let r = upload(
        &w.app,
        ENDPOINT,
        &org,
        &[("certificate", "big.pdf", &big_pdf)],
        Some(&w.admin),
    )
    .await;
    assert_eq!(refused(r).await, vec!["certificate:document_too_large"]);
    // An empty file, and nothing chosen.
    let r = upload(
        &w.app,
        ENDPOINT,
        &org,
        &[("logo", "empty.png", b"")],
        Some(&w.admin),
    )
    .await;
    assert_eq!(refused(r).await, vec!["logo:file_empty"]);
    let r = upload(&w.app, ENDPOINT, &org, &[], Some(&w.admin)).await;
    assert_eq!(refused(r).await, vec!["_:file_required"]);
    assert_eq!(count(&w.app, "uploads").await, 0);
    assert_eq!(
        stored_files(&w.app),
        0,
        "refused files leave nothing behind"
    );

    // A body announced larger than any upload is refused before it is read.
    let r = w
        .app
        .client
        .post(w.app.url(&format!("/api/{ENDPOINT}")))
        .header("origin", &w.app.address)
        .header("cookie", &w.admin)
        .header("content-type", "multipart/form-data; boundary=x")
        .header("content-length", (40 * 1024 * 1024).to_string())
        .body(vec![0u8; 16])
        .send()
        .await;
    if let Ok(r) = r {
        assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    }

    // A reader may not upload, even a good file.
    let r = upload(
        &w.app,
        ENDPOINT,
        &org,
        &[("logo", "logo.png", PNG)],
        Some(&w.reader),
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(count(&w.app, "uploads").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_a_refused_file_comes_back_to_the_page_with_its_message() {
    let w = world().await;
    let (content_type, body) =
        multipart_body(&[("organisation_id", &w.org)], &[("logo", "logo.png", PDF)]);
    let page = w.app.url(&format!("/organisations/{}", w.org));
    let r = w
        .app
        .client
        .post(w.app.url(&format!("/api/{ENDPOINT}")))
        .header("origin", &w.app.address)
        .header("accept", "text/html")
        .header("referer", &page)
        .header("cookie", &w.admin)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let location = r.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(
        location,
        format!(
            "/organisations/{}?errors=logo:photo_wrong_type&form=/api/{ENDPOINT}",
            w.org
        )
    );
    let html = w.app.page_text(&location, Some(&w.admin)).await;
    assert!(html.contains("n’est pas une image JPEG ou PNG"), "{html}");
    assert!(
        html.contains("href=\"#files-logo\""),
        "the summary links to the field"
    );
}
